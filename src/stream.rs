//! Streaming aggregation of large incident tables, in bounded memory, on
//! every core.
//!
//! A reader thread cuts the file into blocks that end on a record boundary
//! (a newline outside quotes: quote parity is tracked across blocks, which is
//! exact for RFC 4180 since an escaped quote is a pair). Workers parse their
//! blocks with the same validation as every other reader
//! ([`crate::ingest::fields::parse_row`]), assign each record to a slot per
//! level with the same rule ([`crate::region::Assigner`]), and sum into
//! their own maps, merged at the end. Sums are commutative, so the result —
//! and every output byte — is the same whatever the thread count.
//!
//! Memory does not grow with the number of rows: only the blocks in flight
//! (a few MiB each), the tallies (one per region × period), and the rejects.
//! What streaming gives up: duplicate ids are not checked (that needs every
//! id in memory), records are not listed one by one in `incidents.geojson`,
//! and streamed records are not merged with other sources by dedup.

use crate::aggregate::{Aggregate, CellKey, Tally};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::csv::{flavor, sniff_delimiter, CsvFlavor, CsvRow, LineTracker};
use crate::ingest::fields::RawRecord;
use crate::ingest::fields::{self, parse_row, FIELD_COUNT};
use crate::ingest::split::{carriage_returns_paired, field_text, FieldSpan, Split, Splitter};
use crate::ingest::{raw_record, FileStats};
use crate::model::{doc_name, Reject};
use crate::period::{Granularity, Period};
use crate::region::{Assigner, RegionSet, Slot, SlotInput};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;

/// Size of the blocks handed to workers.
pub const BLOCK: usize = 4 << 20;

/// True when `path` is a plain incidents table (not ACLED/UCDP, which have
/// their own rules) that streaming can handle.
pub fn can_stream(path: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = vec![0u8; 64 << 10];
    let n = f.read(&mut head).unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let (_, headers) = crate::ingest::csv::header_fields(text.lines().next().unwrap_or(""));
    flavor(&headers) == CsvFlavor::Incidents
        && fields::header_problem(&fields::map_header(headers.iter().map(String::as_str))).is_none()
}

/// What streaming one file produced.
#[derive(Debug, Default)]
pub struct Streamed {
    /// One aggregate per level, in the order given.
    pub aggregates: Vec<Aggregate>,
    /// Rejected records, by line.
    pub rejects: Vec<Reject>,
    /// Counts.
    pub stats: FileStats,
    /// Records left out by the date window.
    pub filtered_out: u64,
    /// Place names not found in the gazetteer.
    pub unresolved: u64,
    /// Records raising each plausibility flag, in the order of
    /// [`crate::plausible::ALL`] (streamed records are not held, so the
    /// flags are counted, not written).
    pub flagged: [u64; crate::plausible::ALL.len()],
    /// Per level, the aggregate split by the records' source (the table's
    /// `source` column; `incidents` where it has none), as the held path's
    /// `aggregates_<level>_<period>_by_source.csv` splits them. The parts
    /// of a level add up to its aggregate.
    pub by_source: Vec<Vec<(String, Aggregate)>>,
}

/// The source of a streamed record without a `source` value (the held
/// reader's default).
const DEFAULT_SOURCE: &str = "incidents";

/// Settings of a streaming run.
pub struct StreamSettings<'a> {
    /// One assigner per level.
    pub assigners: &'a [Assigner<'a>],
    /// The admin-1 set, for the swapped lat/lon check.
    pub admin1: &'a RegionSet,
    /// The gazetteer, for rows with a place name and no coordinates.
    pub gazetteer: &'a Gazetteer,
    /// Period granularity.
    pub granularity: Granularity,
    /// Date window.
    pub from: Option<NaiveDate>,
    /// Date window.
    pub to: Option<NaiveDate>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Bytes per block (at least a few; see [`BLOCK`]).
    pub block_bytes: usize,
    /// A bar advanced by the bytes read (`None`: no progress shown).
    pub progress: Option<&'a indicatif::ProgressBar>,
}

struct Block {
    first_line: u64,
    bytes: Vec<u8>,
}

/// A region × period key packed in a u64 for the hot path: region index in
/// the high 32 bits, the period's granularity (3 bits) and start day (days
/// since 0001-01-01, 28 bits) in the low 32.
fn pack(region: usize, period: &Period) -> Option<u64> {
    let Period::Dated {
        start, granularity, ..
    } = period
    else {
        return None;
    };
    let days = u32::try_from(chrono::Datelike::num_days_from_ce(start)).ok()?;
    if days >= 1 << 28 || region >= u32::MAX as usize {
        return None;
    }
    let g = match granularity {
        Granularity::Day => 0u64,
        Granularity::Week => 1,
        Granularity::Month => 2,
        Granularity::Quarter => 3,
        Granularity::Year => 4,
    };
    Some(((region as u64) << 32) | (g << 28) | days as u64)
}

fn unpack(key: u64) -> Option<CellKey> {
    let region = (key >> 32) as usize;
    let g = match (key >> 28) & 0b111 {
        0 => Granularity::Day,
        1 => Granularity::Week,
        2 => Granularity::Month,
        3 => Granularity::Quarter,
        _ => Granularity::Year,
    };
    let start = NaiveDate::from_num_days_from_ce_opt((key & ((1 << 28) - 1)) as i32)?;
    Some((Slot::Region(region), Period::of(start, g)))
}

/// One level's sums in a worker: a fast map for region × dated period, a
/// general one for everything else.
#[derive(Default)]
struct LevelSums {
    packed: HashMap<u64, Tally>,
    other: HashMap<CellKey, Tally>,
}

impl LevelSums {
    #[inline]
    fn entry(&mut self, slot: Slot, period: Period) -> &mut Tally {
        if let Slot::Region(i) = slot {
            if let Some(k) = pack(i, &period) {
                return self.packed.entry(k).or_default();
            }
        }
        self.other.entry((slot, period)).or_default()
    }

    fn into_cells(self) -> impl Iterator<Item = (CellKey, Tally)> {
        self.packed
            .into_iter()
            .filter_map(|(k, t)| unpack(k).map(|key| (key, t)))
            .chain(self.other)
    }
}

#[derive(Default)]
struct Partial {
    cells: Vec<LevelSums>,
    /// Per level, the sums by source (only for tables with a `source` column).
    by_source: Vec<HashMap<String, LevelSums>>,
    rejects: Vec<Reject>,
    records: u64,
    incidents: u64,
    filtered_out: u64,
    unresolved: u64,
    flagged: [u64; crate::plausible::ALL.len()],
}

/// The region a swapped point falls in, when the point as given lies outside
/// every region, its swap lies inside one, and the record names no other
/// country than that region's (shared with the in-memory path).
pub fn swapped_region(
    admin1: &RegionSet,
    lon: f64,
    lat: f64,
    country: Option<&str>,
) -> Option<usize> {
    // the swapped point must be near the regions at all (cheap), and the
    // point as given outside every region
    if admin1.is_empty()
        || lon.abs() > 90.0
        || !admin1.may_contain(lat, lon)
        || admin1.locate(lon, lat).is_some()
    {
        return None;
    }
    let r = admin1.locate(lat, lon)?;
    let theirs = country.and_then(crate::names::country_field);
    match (theirs, admin1.regions()[r].country.as_deref()) {
        (Some(a), Some(b)) if a != b => None,
        _ => Some(r),
    }
}

/// The reject reason for coordinates that look swapped (held and streamed).
pub fn swapped_reason(lat: f64, lon: f64, region: &str) -> String {
    format!(
        "lat {lat}, lon {lon} lie outside every region, but swapped they fall in {region}: lat and lon look swapped"
    )
}

/// Streams one incidents table into per-level aggregates.
pub fn stream_file(path: &Path, st: &StreamSettings<'_>) -> Result<Streamed> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // header
    let block_size = st.block_bytes.max(16);
    let mut buf = vec![0u8; block_size.max(64 << 10)];
    let filled = read_full(&mut file, &mut buf).map_err(|e| Error::io(path, e))?;
    if let Some(pb) = st.progress {
        pb.inc(filled as u64);
    }
    if filled == 0 {
        return Err(Error::bad_file(path, "file is empty"));
    }
    let header_end = buf[..filled]
        .iter()
        .position(|&c| c == b'\n')
        .map(|i| i + 1)
        .unwrap_or(filled);
    let header_line = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let delim = sniff_delimiter(header_line.trim_end());
    let headers: Vec<String> = {
        let mut r = ::csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .from_reader(header_line.as_bytes());
        let mut rec = ::csv::StringRecord::new();
        let _ = r.read_record(&mut rec);
        rec.iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect()
    };
    let cols = fields::map_header(headers.iter().map(String::as_str));
    if let Some(problem) = fields::header_problem(&cols) {
        return Err(Error::bad_file(
            path,
            format!("header does not describe incidents: {problem}"),
        ));
    }
    let doc = doc_name(path);
    let source = path.display().to_string();
    let threads = st.threads.max(1);
    let levels = st.assigners.len();

    let (tx, rx) = mpsc::sync_channel::<Block>(threads * 2);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let rx = std::sync::Mutex::new(rx);
    let mut partials: Vec<Partial> = Vec::new();
    let read_result: std::io::Result<()> = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads {
            let rx = &rx;
            let free_tx = free_tx.clone();
            let ctx = BlockCtx {
                delim,
                cols: &cols,
                present: cols
                    .iter()
                    .enumerate()
                    .filter_map(|(f, c)| c.map(|c| (f, c)))
                    .collect(),
                headers: &headers,
                today: crate::plausible::today(),
                lean: LeanCols::of(&cols),
                doc: &doc,
                source: &source,
                st,
            };
            handles.push(scope.spawn(move || {
                let mut sc = Scratch::default();
                let mut p = Partial {
                    cells: (0..levels).map(|_| LevelSums::default()).collect(),
                    by_source: (0..levels).map(|_| HashMap::default()).collect(),
                    ..Partial::default()
                };
                loop {
                    let block = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok(block) = block else { break };
                    work_block(&block, &ctx, &mut p, &mut sc);
                    let _ = free_tx.send(block.bytes);
                }
                p
            }));
        }
        // reader: cut blocks on record boundaries, in buffers the workers
        // hand back (no copy of the data, no fresh pages per block)
        let mut cur: Vec<u8> = Vec::with_capacity(block_size + (64 << 10));
        cur.extend_from_slice(&buf[header_end..filled]);
        let header_buf_len = buf.len();
        drop(buf);
        let mut line: u64 = 2;
        let mut eof = filled < header_buf_len;
        let mut want = block_size;
        loop {
            if !eof && cur.len() < want {
                let need = (want - cur.len()) as u64;
                let n = (&mut file).take(need).read_to_end(&mut cur)?;
                if let Some(pb) = st.progress {
                    pb.inc(n as u64);
                }
                if (n as u64) < need {
                    eof = true;
                }
            }
            let cut = if eof {
                cur.len()
            } else {
                match last_record_end(&cur, delim) {
                    Some(c) => c,
                    None => {
                        // one record longer than a block: read more
                        want = cur.len() * 2;
                        continue;
                    }
                }
            };
            want = block_size;
            let mut next = free_rx.try_recv().unwrap_or_default();
            next.clear();
            next.extend_from_slice(&cur[cut..]);
            cur.truncate(cut);
            let newlines = bytecount(&cur);
            if !cur.is_empty() {
                let block = Block {
                    first_line: line,
                    bytes: cur,
                };
                if tx.send(block).is_err() {
                    break;
                }
                line += newlines;
            }
            cur = next;
            if eof && cur.is_empty() {
                break;
            }
        }
        drop(tx);
        for h in handles {
            if let Ok(p) = h.join() {
                partials.push(p);
            }
        }
        Ok(())
    });
    read_result.map_err(|e| Error::io(path, e))?;

    let mut out = Streamed::default();
    let mut merged: Vec<HashMap<CellKey, Tally>> =
        (0..levels).map(|_| HashMap::default()).collect();
    let mut merged_sources: Vec<std::collections::BTreeMap<String, HashMap<CellKey, Tally>>> =
        (0..levels).map(|_| Default::default()).collect();
    for p in partials {
        for (l, sources) in p.by_source.into_iter().enumerate() {
            for (src, cells) in sources {
                let m = merged_sources[l].entry(src).or_default();
                for (k, t) in cells.into_cells() {
                    m.entry(k).or_default().merge(&t);
                }
            }
        }
        out.stats.records += p.records;
        out.stats.incidents += p.incidents;
        out.filtered_out += p.filtered_out;
        out.unresolved += p.unresolved;
        for (a, b) in out.flagged.iter_mut().zip(p.flagged) {
            *a += b;
        }
        out.rejects.extend(p.rejects);
        for (l, cells) in p.cells.into_iter().enumerate() {
            for (k, t) in cells.into_cells() {
                merged[l].entry(k).or_default().merge(&t);
            }
        }
    }
    out.rejects.sort_by_key(|r| r.line);
    out.stats.rejected = out.rejects.len() as u64;
    out.stats.format = "incidents table (streamed)".into();
    out.aggregates = merged
        .into_iter()
        .map(|cells| Aggregate::from_cells(st.granularity, cells))
        .collect();
    out.by_source = if cols[fields::Field::Source as usize].is_some() {
        merged_sources
            .into_iter()
            .map(|m| {
                m.into_iter()
                    .map(|(src, cells)| (src, Aggregate::from_cells(st.granularity, cells)))
                    .collect()
            })
            .collect()
    } else {
        out.aggregates
            .iter()
            .map(|a| vec![(DEFAULT_SOURCE.to_string(), a.clone())])
            .collect()
    };
    if out.stats.records == 0 {
        return Err(Error::bad_file(path, "has a header but no records"));
    }
    Ok(out)
}

/// What every worker needs to turn a block into tallies.
struct BlockCtx<'a> {
    delim: u8,
    cols: &'a [Option<usize>; FIELD_COUNT],
    present: Vec<(usize, usize)>,
    lean: Option<LeanCols>,
    headers: &'a [String],
    today: NaiveDate,
    doc: &'a str,
    source: &'a str,
    st: &'a StreamSettings<'a>,
}

/// Per-worker scratch buffers, reused across records.
#[derive(Default)]
struct Scratch {
    fields: Vec<FieldSpan>,
    regions: Vec<usize>,
    slots: Vec<Slot>,
}

/// A record split by [`split_record`], seen through the same getter the
/// `csv`-crate path uses (trimmed, empty = absent).
struct SpanRow<'a> {
    text: &'a str,
    fields: &'a [FieldSpan],
    cols: &'a [Option<usize>; FIELD_COUNT],
    /// `(field, column)` for the fields the header has.
    present: &'a [(usize, usize)],
}

impl SpanRow<'_> {
    #[inline]
    fn column(&self, col: usize) -> Option<Cow<'_, str>> {
        fields::trimmed(field_text(self.text, self.fields.get(col)?))
    }
}

impl RawRecord for SpanRow<'_> {
    fn get(&self, f: fields::Field) -> Option<Cow<'_, str>> {
        self.column(self.cols[f as usize]?)
    }

    fn fill<'s>(&'s self, out: &mut [Option<Cow<'s, str>>; FIELD_COUNT]) {
        for &(f, c) in self.present {
            out[f] = self.column(c);
        }
    }
}

/// The columns of a plain incidents table, for the lean validator: a table
/// whose header has only text columns besides lat/lon, the date and the
/// three death counts (the shape of big exports). Others get `None`.
struct LeanCols {
    id: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    country: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    date: Option<usize>,
    low: Option<usize>,
    best: Option<usize>,
    high: Option<usize>,
    source: Option<usize>,
}

impl LeanCols {
    fn of(cols: &[Option<usize>; FIELD_COUNT]) -> Option<LeanCols> {
        use fields::Field as F;
        // fields whose only check is "text": anything else present (a
        // precision, a date_end, flags, injured, confidence) needs the
        // general validator
        let plain = [
            F::Id,
            F::Doc,
            F::Place,
            F::PlaceId,
            F::Admin1,
            F::Admin2,
            F::Country,
            F::Lat,
            F::Lon,
            F::DateStart,
            F::DeathsLow,
            F::DeathsBest,
            F::DeathsHigh,
            F::Actor,
            F::Victims,
            F::EventType,
            F::Evidence,
            F::Source,
        ];
        let ok = cols
            .iter()
            .enumerate()
            .all(|(f, c)| c.is_none() || plain.iter().any(|p| *p as usize == f));
        ok.then(|| LeanCols {
            id: cols[F::Id as usize],
            admin1: cols[F::Admin1 as usize],
            admin2: cols[F::Admin2 as usize],
            country: cols[F::Country as usize],
            lat: cols[F::Lat as usize],
            lon: cols[F::Lon as usize],
            date: cols[F::DateStart as usize],
            low: cols[F::DeathsLow as usize],
            best: cols[F::DeathsBest as usize],
            high: cols[F::DeathsHigh as usize],
            source: cols[F::Source as usize],
        })
    }

    /// The record validated the short way, or `None` when anything is not
    /// plainly valid (then [`parse_row`] decides, and explains). Whatever
    /// this accepts, [`parse_row`] accepts with the same values: plain
    /// decimals in range for both coordinates or neither, a location,
    /// `YYYY-MM-DD`, whole counts of at most nine digits in order.
    fn row<'t>(&self, text: &'t str, f: &[FieldSpan]) -> Option<fields::RowView<'t>> {
        use crate::model::{DatePrecision, GeoPrecision};
        let b = text.as_bytes();
        // a text column, trimmed as the general getter trims it
        let get = |c: Option<usize>| fields::trimmed(field_text(text, f.get(c?)?));
        // a numeric column's bytes: `Some(None)` when absent or empty,
        // `None` (give up) for escapes or ends that are not plain ASCII after
        // trimming spaces and tabs (the general trim handles those)
        let plain = |c: u8| c > b' ' && c < 0x7f;
        let raw = |c: Option<usize>| -> Option<Option<&'t [u8]>> {
            let Some(c) = c else { return Some(None) };
            let span = f.get(c)?;
            if span.escaped {
                return None;
            }
            let mut s = &b[span.range.clone()];
            while let [x, rest @ ..] = s {
                if *x == b' ' || *x == b'\t' {
                    s = rest;
                } else {
                    break;
                }
            }
            while let [rest @ .., x] = s {
                if *x == b' ' || *x == b'\t' {
                    s = rest;
                } else {
                    break;
                }
            }
            match (s.first(), s.last()) {
                (None, _) => Some(None),
                (Some(&x), Some(&y)) if plain(x) && plain(y) => Some(Some(s)),
                _ => None,
            }
        };
        let count = |c: Option<usize>| -> Option<Option<u32>> {
            match raw(c)? {
                None => Some(None),
                Some(d) => fields::parse_digits(d).map(Some),
            }
        };
        let coord = |c: Option<usize>, lim: f64| -> Option<f64> {
            let d = raw(c)??;
            fields::fast_decimal(std::str::from_utf8(d).ok()?).filter(|v| v.abs() <= lim)
        };
        // records without coordinates go to the gazetteer with every field:
        // the general validator builds those
        let (lat, lon) = (coord(self.lat, 90.0)?, coord(self.lon, 180.0)?);
        let date_start = match raw(self.date)? {
            None => None,
            // the general parser on the day forms only (`2021-03-05`)
            Some(d) if d.len() == 10 => {
                let (a, _, p) = fields::parse_date(std::str::from_utf8(d).ok()?)?;
                if p != DatePrecision::Day {
                    return None;
                }
                Some(a)
            }
            Some(_) => return None,
        };
        let (low, best, high) = (count(self.low)?, count(self.best)?, count(self.high)?);
        let ordered = |a: Option<u32>, b: Option<u32>| a.zip(b).is_none_or(|(a, b)| a <= b);
        if !(ordered(low, best) && ordered(best, high) && ordered(low, high)) {
            return None;
        }
        Some(fields::RowView {
            id: get(self.id),
            // not read past validation when the point is given (the
            // gazetteer branch, which reads it, takes the general validator)
            place: None,
            admin1: get(self.admin1),
            admin2: get(self.admin2),
            country: get(self.country),
            source: get(self.source),
            lat: Some(lat),
            lon: Some(lon),
            geo_precision: Some(GeoPrecision::Place),
            date_start,
            date_end: date_start,
            date_precision: if date_start.is_some() {
                DatePrecision::Day
            } else {
                DatePrecision::default()
            },
            deaths_low: low,
            deaths_best: best.or(low),
            deaths_high: high,
            ..fields::RowView::default()
        })
    }
}

/// Parses and sums one block. Regular records go through the lean splitter;
/// a record it refuses, or one that fails validation, is re-read by the
/// `csv` crate ([`slow_records`]), so rejects, their reasons and their raw
/// text are the same as on every other path. A block that is not UTF-8 or
/// holds a lone `\r` is read by the `csv` crate throughout.
fn work_block(block: &Block, ctx: &BlockCtx<'_>, p: &mut Partial, sc: &mut Scratch) {
    let b = &block.bytes[..];
    let text = match std::str::from_utf8(b) {
        Ok(t) if carriage_returns_paired(b) => t,
        _ => {
            slow_records(b, block.first_line, usize::MAX, ctx, p, sc);
            return;
        }
    };
    let n_headers = ctx.headers.len();
    let splitter = Splitter::new(ctx.delim);
    let mut pos = 0;
    let mut line = block.first_line;
    while pos < b.len() {
        match splitter.split(b, pos, &mut sc.fields) {
            Split::Blank { end } => {
                line += 1;
                pos = end;
            }
            Split::Irregular => {
                let used = slow_records(&b[pos..], line, 1, ctx, p, sc);
                line += memchr::memchr_iter(b'\n', &b[pos..pos + used]).count() as u64;
                pos += used;
            }
            Split::Record { end, newlines } => {
                if memchr::memchr(b'#', &b[pos..end]).is_some()
                    && is_hxl_row(sc.fields.iter().map(|f| &b[f.range.clone()]))
                {
                    line += newlines;
                    pos = end;
                    continue;
                }
                let done = sc.fields.len() == n_headers && {
                    let row = SpanRow {
                        text,
                        fields: &sc.fields,
                        cols: ctx.cols,
                        present: &ctx.present,
                    };
                    let lean = ctx.lean.as_ref().and_then(|l| l.row(text, &sc.fields));
                    match lean.map(Ok).unwrap_or_else(|| parse_row(&row)) {
                        Ok(v) => {
                            p.records += 1;
                            tally_row(&v, line, ctx, p, &mut sc.regions, &mut sc.slots);
                            true
                        }
                        Err(_) => false,
                    }
                };
                if !done {
                    slow_records(&b[pos..end], line, 1, ctx, p, sc);
                }
                line += newlines;
                pos = end;
            }
        }
    }
}

/// An HXL hashtag row (HDX copies carry one under the header): a second
/// header, not data, skipped as the held reader skips it.
fn is_hxl_row<'a>(fields: impl Iterator<Item = &'a [u8]> + Clone) -> bool {
    fields.clone().any(|f| f.starts_with(b"#"))
        && fields
            .into_iter()
            .all(|f| f.is_empty() || f.starts_with(b"#"))
}

/// Reads up to `max` records from `b` with the `csv` crate (the reference
/// reader), validating and summing each; `first_line` is the line `b`
/// starts on. Returns the bytes consumed.
fn slow_records(
    b: &[u8],
    first_line: u64,
    max: usize,
    ctx: &BlockCtx<'_>,
    p: &mut Partial,
    sc: &mut Scratch,
) -> usize {
    let n_headers = ctx.headers.len();
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(ctx.delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(LineTracker::new(b));
    let mut brec = ::csv::ByteRecord::new();
    // the held reader's line count (csv-core's own lags after CRLF endings)
    let line_of = |rdr: &mut ::csv::Reader<LineTracker<&[u8]>>, at: u64| {
        first_line - 1 + rdr.get_mut().line_at(at)
    };
    let mut n = 0;
    while n < max {
        let pos_byte = rdr.position().byte();
        match rdr.read_byte_record(&mut brec) {
            Ok(false) => return b.len(),
            Ok(true) => {}
            Err(e) => {
                p.records += 1;
                p.rejects.push(Reject {
                    source: ctx.source.to_string(),
                    line: line_of(&mut rdr, pos_byte),
                    id: None,
                    reason: format!("unreadable CSV: {e}"),
                    raw: String::new(),
                    benign: false,
                });
                return b.len();
            }
        }
        n += 1;
        let line = line_of(
            &mut rdr,
            brec.position().map(|q| q.byte()).unwrap_or(pos_byte),
        );
        // (the csv crate skips blank lines itself; a lone `""` is a record)
        if is_hxl_row(brec.iter()) {
            continue;
        }
        p.records += 1;
        let reject = |p: &mut Partial, reason: String, raw: &::csv::ByteRecord| {
            p.rejects.push(Reject {
                source: ctx.source.to_string(),
                line,
                id: None,
                reason,
                raw: raw_record(raw),
                benign: false,
            });
        };
        if brec.len() != n_headers {
            let reason = format!("has {} fields, the header has {n_headers}", brec.len());
            reject(p, reason, &brec);
            continue;
        }
        let srec = match ::csv::StringRecord::from_byte_record(std::mem::take(&mut brec)) {
            Ok(s) => s,
            Err(e) => {
                let f = e.utf8_error().field();
                brec = e.into_byte_record();
                let name = ctx.headers.get(f).map(String::as_str).unwrap_or("?");
                reject(p, format!("column `{name}` is not valid UTF-8"), &brec);
                continue;
            }
        };
        {
            let row = CsvRow {
                rec: &srec,
                cols: ctx.cols,
            };
            match parse_row(&row) {
                Err(reason) => {
                    p.rejects.push(Reject {
                        source: ctx.source.to_string(),
                        line,
                        id: row
                            .get(fields::Field::Id)
                            .map(|c| c.trim().to_string())
                            .filter(|s| !s.is_empty()),
                        reason,
                        raw: raw_record(srec.as_byte_record()),
                        benign: false,
                    });
                }
                Ok(v) => tally_row(&v, line, ctx, p, &mut sc.regions, &mut sc.slots),
            }
        }
        brec = srec.into_byte_record();
    }
    (rdr.position().byte() as usize).clamp(1, b.len())
}

/// The plausibility checks of the held path ([`crate::plausible`]), counted.
fn count_flags(v: &fields::RowView<'_>, ctx: &BlockCtx<'_>, p: &mut Partial) {
    use crate::plausible as pl;
    let mut raised = [false; pl::ALL.len()];
    let mut raise = |flag: &str| {
        if let Some(k) = pl::ALL.iter().position(|f| *f == flag) {
            raised[k] = true;
        }
    };
    // flags the record already carries (a table this tool wrote) count too
    if let Some(fl) = v.flags.as_deref() {
        fields::flag_list(fl).for_each(&mut raise);
    }
    if pl::toll_implausible(v.deaths_best, v.deaths_high) {
        raise(pl::IMPLAUSIBLE_TOLL);
    }
    if v.date_start
        .is_some_and(|d| pl::date_out_of_range(d, ctx.today))
    {
        raise(pl::DATE_OUT_OF_RANGE);
    }
    if let (Some(name), Some(lon), Some(lat)) = (v.admin1.as_deref(), v.lon, v.lat) {
        if pl::far_from_named_region(ctx.st.admin1, name, lon, lat) {
            raise(pl::FAR_FROM_NAMED_REGION);
        }
    }
    for (n, r) in p.flagged.iter_mut().zip(raised) {
        *n += r as u64;
    }
}

/// Sums one validated record into the worker's tallies (or the date-window
/// count, or the rejects when its coordinates look swapped).
fn tally_row(
    v: &fields::RowView<'_>,
    line: u64,
    ctx: &BlockCtx<'_>,
    p: &mut Partial,
    scratch: &mut Vec<usize>,
    many: &mut Vec<Slot>,
) {
    let st = ctx.st;
    // a table with no high column gives plain counts: high = best
    let high = fields::plain_high(ctx.cols, v.deaths_best, v.deaths_high);
    if let Some(d) = v.date_start {
        if st.from.is_some_and(|f| d < f) || st.to.is_some_and(|t| d > t) {
            p.filtered_out += 1;
            return;
        }
    }
    let period = v
        .date_start
        .map(|d| Period::for_date(d, v.date_precision, st.granularity))
        .unwrap_or(Period::Undated);
    let mut swapped = None;
    if let (Some(lon), Some(lat)) = (v.lon, v.lat) {
        swapped = swapped_region(st.admin1, lon, lat, v.country.as_deref());
    }
    if let Some(r) = swapped {
        let (lon, lat) = (v.lon.unwrap_or(0.0), v.lat.unwrap_or(0.0));
        p.rejects.push(Reject {
            source: ctx.source.to_string(),
            line,
            id: v.id.as_ref().map(|c| c.to_string()),
            reason: swapped_reason(lat, lon, &st.admin1.regions()[r].name),
            raw: String::new(),
            benign: false,
        });
        return;
    }
    if v.lat.is_none() && v.place.is_some() {
        // needs the gazetteer: build the full record (rare in big tables)
        let mut inc = v.to_incident(format!("{}:{line}", ctx.doc), ctx.doc);
        inc.deaths_high = high;
        if crate::geocode::locate(&mut inc, st.gazetteer) == crate::geocode::Outcome::NotFound {
            p.unresolved += 1;
        }
        // the held path's checks, on the located record
        crate::plausible::check_toll(&mut inc);
        crate::plausible::check_date(&mut inc);
        crate::plausible::check_region(&mut inc, st.admin1);
        for (k, f) in crate::plausible::ALL.iter().enumerate() {
            if inc.flags.iter().any(|x| x == f) {
                p.flagged[k] += 1;
            }
        }
        p.incidents += 1;
        let src = source_key(ctx, v);
        for (l, a) in st.assigners.iter().enumerate() {
            a.slots_of(&SlotInput::of(&inc), scratch, many);
            for slot in many.drain(..) {
                if let Some(src) = src {
                    source_sums(p, l, src).entry(slot.clone(), period).add(&inc);
                }
                p.cells[l].entry(slot, period).add(&inc);
            }
        }
    } else {
        count_flags(v, ctx, p);
        p.incidents += 1;
        let inp = SlotInput {
            lon_lat: v.lon.zip(v.lat),
            precision: v.geo_precision,
            admin1: v.admin1.as_deref(),
            admin2: v.admin2.as_deref(),
            country: v.country.as_deref(),
        };
        let src = source_key(ctx, v);
        for (l, a) in st.assigners.iter().enumerate() {
            a.slots_of(&inp, scratch, many);
            for slot in many.drain(..) {
                if let Some(src) = src {
                    source_sums(p, l, src)
                        .entry(slot.clone(), period)
                        .add_counts(v.deaths_low, v.deaths_best, high);
                }
                p.cells[l]
                    .entry(slot, period)
                    .add_counts(v.deaths_low, v.deaths_best, high);
            }
        }
    }
}

/// The source a record counts under in the source split, when the table has
/// a `source` column (`None`: the table has none, every record is
/// [`DEFAULT_SOURCE`] and the split is the aggregate itself).
fn source_key<'v>(ctx: &BlockCtx<'_>, v: &'v fields::RowView<'_>) -> Option<&'v str> {
    ctx.cols[fields::Field::Source as usize]?;
    Some(
        v.source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_SOURCE),
    )
}

fn source_sums<'p>(p: &'p mut Partial, level: usize, src: &str) -> &'p mut LevelSums {
    let m = &mut p.by_source[level];
    if !m.contains_key(src) {
        m.insert(src.to_string(), LevelSums::default());
    }
    m.get_mut(src).expect("inserted above")
}

fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Just past the last `\n` of `b` at which the `csv` crate would be between
/// records, given that `b` starts at a record boundary. A quote opens a
/// quoted field only at the start of a field (after a delimiter or a line
/// ending); anywhere else it is a literal character, as the `csv` crate
/// reads it, so a stray `5" gun` does not flip the quote state.
fn last_record_end(b: &[u8], delim: u8) -> Option<usize> {
    let mut i = 0;
    let mut last_cut = None;
    loop {
        let Some(k) = memchr::memchr(b'"', &b[i..]) else {
            return memchr::memrchr(b'\n', &b[i..])
                .map(|nl| i + nl + 1)
                .or(last_cut);
        };
        let q = i + k;
        let opens = q == 0 || matches!(b[q - 1], b'\n' | b'\r') || b[q - 1] == delim;
        if !opens {
            i = q + 1;
            continue;
        }
        if let Some(nl) = memchr::memrchr(b'\n', &b[i..q]) {
            last_cut = Some(i + nl + 1);
        }
        // the closing quote: one not followed by another
        let mut j = q + 1;
        loop {
            let Some(k) = memchr::memchr(b'"', &b[j..]) else {
                return last_cut; // open to the end of the buffer
            };
            let c = j + k;
            match b.get(c + 1) {
                Some(b'"') => j = c + 2,
                None => return last_cut, // cannot tell yet
                Some(_) => {
                    i = c + 1;
                    break;
                }
            }
        }
    }
}

fn bytecount(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

#[cfg(test)]
mod tests {
    use super::last_record_end;
    use proptest::prelude::*;

    fn records(b: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(b);
        r.byte_records()
            .map(|x| x.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Cutting where `last_record_end` says and reading both halves gives
        /// the records of the whole, whatever stray quotes the text holds.
        #[test]
        fn cuts_fall_between_records(s in "[a,\"\n\r]{0,50}") {
            let b = s.as_bytes();
            if let Some(cut) = last_record_end(b, b',') {
                prop_assert!(cut <= b.len() && b[cut - 1] == b'\n');
                let mut halves = records(&b[..cut]);
                halves.extend(records(&b[cut..]));
                prop_assert_eq!(halves, records(b), "cut at {}", cut);
            }
        }
    }

    #[test]
    fn stray_quotes_do_not_flip_the_state() {
        let b = b"1,Mopti 5\" gun,x\n2,\"a\nb\",y\n3,z";
        assert_eq!(last_record_end(b, b','), Some(b.len() - 3));
        assert_eq!(last_record_end(b"1,\"open\n2,x\n", b','), None);
    }
}
