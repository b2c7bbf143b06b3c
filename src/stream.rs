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
use crate::ingest::csv::{flavor, sniff_delimiter, CsvFlavor, CsvRow};
use crate::ingest::fields::RawRecord;
use crate::ingest::fields::{self, parse_row, FIELD_COUNT};
use crate::ingest::{raw_record, FileStats};
use crate::model::{doc_name, Reject};
use crate::period::{Granularity, Period};
use crate::region::{Assigner, RegionSet, Slot, SlotInput};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;

/// Size of the blocks handed to workers.
const BLOCK: usize = 4 << 20;

/// True when `path` is a plain incidents table (not ACLED/UCDP, which have
/// their own rules) that streaming can handle.
pub fn can_stream(path: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = vec![0u8; 64 << 10];
    let n = f.read(&mut head).unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let first = text.lines().next().unwrap_or("");
    let delim = sniff_delimiter(first);
    let headers: Vec<String> = first
        .split(delim as char)
        .map(|h| {
            h.trim()
                .trim_matches('"')
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect();
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
}

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
}

struct Block {
    index: usize,
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
    rejects: Vec<Reject>,
    records: u64,
    incidents: u64,
    filtered_out: u64,
    unresolved: u64,
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
    let theirs = country.and_then(crate::ingest::fields::country_code);
    match (theirs, admin1.regions()[r].country.as_deref()) {
        (Some(a), Some(b)) if a != b => None,
        _ => Some(r),
    }
}

/// Streams one incidents table into per-level aggregates.
pub fn stream_file(path: &Path, st: &StreamSettings<'_>) -> Result<Streamed> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // header
    let mut buf = vec![0u8; BLOCK];
    let mut filled = read_full(&mut file, &mut buf).map_err(|e| Error::io(path, e))?;
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
    let rx = std::sync::Mutex::new(rx);
    let mut partials: Vec<Partial> = Vec::new();
    let read_result: std::io::Result<()> = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..threads {
            let rx = &rx;
            let cols = &cols;
            let headers = &headers;
            let doc = &doc;
            let source = &source;
            handles.push(scope.spawn(move || {
                let mut p = Partial {
                    cells: (0..levels).map(|_| LevelSums::default()).collect(),
                    ..Partial::default()
                };
                loop {
                    let block = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok(block) = block else { break };
                    work_block(&block, delim, cols, headers, doc, source, st, &mut p);
                }
                p
            }));
        }
        // reader: cut blocks on record boundaries
        let mut start = header_end;
        let mut line: u64 = 2;
        let mut index = 0usize;
        let mut in_quotes = false;
        let mut scanned_upto = start; // quote state is known up to here
        let mut eof = filled < buf.len();
        loop {
            // find the last newline outside quotes in buf[start..filled]
            let mut cut: Option<usize> = None;
            let mut q = in_quotes;
            let mut i = scanned_upto.max(start);
            let data = &buf[..filled];
            while i < filled {
                match memchr2(b'"', b'\n', &data[i..]) {
                    None => break,
                    Some(off) => {
                        let j = i + off;
                        if data[j] == b'"' {
                            q = !q;
                        } else if !q {
                            cut = Some(j + 1);
                            in_quotes = q;
                            scanned_upto = j + 1;
                        }
                        i = j + 1;
                    }
                }
            }
            let end = if eof { filled } else { cut.unwrap_or(start) };
            if end > start {
                let bytes = buf[start..end].to_vec();
                let newlines = bytecount(&bytes);
                if tx
                    .send(Block {
                        index,
                        first_line: line,
                        bytes,
                    })
                    .is_err()
                {
                    break;
                }
                index += 1;
                line += newlines;
                start = end;
            }
            if eof {
                break;
            }
            // keep the tail, refill
            buf.copy_within(start..filled, 0);
            filled -= start;
            scanned_upto -= start.min(scanned_upto);
            start = 0;
            if filled == buf.len() {
                // one record longer than a block: grow
                buf.resize(buf.len() * 2, 0);
            }
            let n = read_full(&mut file, &mut buf[filled..])?;
            if n == 0 {
                eof = true;
            }
            filled += n;
            if filled < buf.len() {
                eof = true;
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
    for p in partials {
        out.stats.records += p.records;
        out.stats.incidents += p.incidents;
        out.filtered_out += p.filtered_out;
        out.unresolved += p.unresolved;
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
    if out.stats.records == 0 {
        return Err(Error::bad_file(path, "has a header but no records"));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn work_block(
    block: &Block,
    delim: u8,
    cols: &[Option<usize>; FIELD_COUNT],
    headers: &[String],
    doc: &str,
    source: &str,
    st: &StreamSettings<'_>,
    p: &mut Partial,
) {
    let _ = block.index;
    let n_headers = headers.len();
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(&block.bytes[..]);
    let mut brec = ::csv::ByteRecord::new();
    let (mut scratch, mut many): (Vec<usize>, Vec<Slot>) = (Vec::new(), Vec::new());
    loop {
        let pos_line = rdr.position().line();
        match rdr.read_byte_record(&mut brec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                p.records += 1;
                p.rejects.push(Reject {
                    source: source.to_string(),
                    line: block.first_line + pos_line - 1,
                    id: None,
                    reason: format!("unreadable CSV: {e}"),
                    raw: String::new(),
                    benign: false,
                });
                break;
            }
        }
        let line = block.first_line + brec.position().map(|q| q.line()).unwrap_or(pos_line) - 1;
        if brec.len() == 1 && brec.get(0).is_some_and(|f| f.is_empty()) {
            continue; // blank line
        }
        p.records += 1;
        let reject = |p: &mut Partial, reason: String, raw: &::csv::ByteRecord| {
            p.rejects.push(Reject {
                source: source.to_string(),
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
                let name = headers.get(f).map(String::as_str).unwrap_or("?");
                reject(p, format!("column `{name}` is not valid UTF-8"), &brec);
                continue;
            }
        };
        {
            let row = CsvRow { rec: &srec, cols };
            match parse_row(&row) {
                Err(reason) => {
                    p.rejects.push(Reject {
                        source: source.to_string(),
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
                Ok(v) => {
                    if let Some(d) = v.date_start {
                        if st.from.is_some_and(|f| d < f) || st.to.is_some_and(|t| d > t) {
                            p.filtered_out += 1;
                            brec = srec.into_byte_record();
                            continue;
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
                            source: source.to_string(),
                            line,
                            id: v.id.as_ref().map(|c| c.to_string()),
                            reason: format!(
                                "lat {lat}, lon {lon} lie outside every region, but swapped they fall in {}: lat and lon look swapped",
                                st.admin1.regions()[r].name
                            ),
                            raw: String::new(),
                            benign: false,
                        });
                    } else if v.lat.is_none() && v.place.is_some() {
                        // needs the gazetteer: build the full record (rare in big tables)
                        let mut inc = v.to_incident(format!("{doc}:{line}"), doc);
                        if crate::geocode::locate(&mut inc, st.gazetteer)
                            == crate::geocode::Outcome::NotFound
                        {
                            p.unresolved += 1;
                        }
                        p.incidents += 1;
                        for (l, a) in st.assigners.iter().enumerate() {
                            a.slots_of(&SlotInput::of(&inc), &mut scratch, &mut many);
                            for slot in many.drain(..) {
                                p.cells[l].entry(slot, period).add(&inc);
                            }
                        }
                    } else {
                        p.incidents += 1;
                        let inp = SlotInput {
                            lon_lat: v.lon.zip(v.lat),
                            precision: v.geo_precision,
                            admin1: v.admin1.as_deref(),
                            admin2: v.admin2.as_deref(),
                            country: v.country.as_deref(),
                        };
                        for (l, a) in st.assigners.iter().enumerate() {
                            a.slots_of(&inp, &mut scratch, &mut many);
                            for slot in many.drain(..) {
                                p.cells[l].entry(slot, period).add_counts(
                                    v.deaths_low,
                                    v.deaths_best,
                                    v.deaths_high,
                                );
                            }
                        }
                    }
                }
            }
        }
        brec = srec.into_byte_record();
    }
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

fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr2(a, b, hay)
}

fn bytecount(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}
