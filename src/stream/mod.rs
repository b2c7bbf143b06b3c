//! Streaming aggregation of large line-oriented inputs (CSV/TSV tables,
//! NDJSON), in bounded memory, on every core.
//!
//! This is a block reader, not a second pipeline: a reader thread cuts the
//! file into blocks that end on a record boundary (the format says where:
//! [`LineFormat::last_record_end`]), workers read their blocks' records with
//! the format's own reader ([`csv`], [`ndjson`]), and every record goes
//! through the one record path, [`crate::prepare::prepare`], into the tally
//! sink ([`tally`]): assigned at every level with [`crate::region::Assigner`]
//! and summed. Blocks are committed in file order, so the duplicate-id check
//! of the held readers ("first seen on line N") gives the same rejects; sums
//! are commutative, so every output byte is the same whatever the thread
//! count.
//!
//! A new line-oriented reader streams by implementing [`LineFormat`] in one
//! file of this folder.
//!
//! Memory does not grow with the size of the records, only with their
//! number through the duplicate-id check (about 14 bytes per record with an
//! id, [`ids::SeenIds`]; ids are compared by a 64-bit hash; plain-number
//! ids in order, `1, 2, 3…`, as runs, in next to nothing):
//! the blocks in flight (a few MiB each), the tallies (one per region ×
//! period) and the rejects. What streaming gives up: records are not
//! listed one by one in `incidents.geojson`, and streamed records are not
//! merged with other sources by dedup.

pub mod csv;
pub use crate::ingest::ids;
pub mod ndjson;
pub mod sums;

use crate::aggregate::Aggregate;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::split::FieldSpan;
use crate::ingest::{FileStats, InputKind};
use crate::model::{doc_name, Deaths, Flag, Incident, Reject};
use crate::period::{Granularity, Period};
use crate::prepare::{prepare, Context, Record, Verdict};
use crate::region::{Assigner, RegionSet, Slot, SlotInput};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use sums::{pack_period, Sums};

pub use crate::prepare::{swapped_reason, swapped_region};
pub use csv::last_record_end;

/// Size of the blocks handed to workers.
pub const BLOCK: usize = 4 << 20;

/// True when `path` is an input the block reader can stream: a plain
/// incidents table (not ACLED/UCDP, which have their own rules) or NDJSON.
pub fn can_stream(path: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = vec![0u8; 64 << 10];
    let n = f.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    if crate::ingest::looks_binary(&head[..n.min(8192)]) {
        return false;
    }
    match InputKind::of(path) {
        InputKind::Csv => csv::can_stream(head),
        InputKind::Json => ndjson::can_stream(head),
        _ => false,
    }
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
    /// Place names the gazetteer could not find, by line: (incident id, name).
    pub unresolved: Vec<(String, String)>,
    /// Place names the gazetteer found more than once: (incident id, candidates).
    pub ambiguous: Vec<(String, Vec<String>)>,
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

/// A line-oriented format the block reader streams: where records end,
/// and how a block's records are read into the tally sink.
pub trait LineFormat: Sync {
    /// The format's name in the run summary (as its held reader names it).
    fn name(&self) -> String;
    /// Just past the last whole record of `b`, which starts on a record
    /// boundary; `None` when `b` holds no boundary yet.
    fn last_record_end(&self, b: &[u8]) -> Option<usize>;
    /// Reads every record of `block` into `p` through [`tally`]; a record
    /// whose line is in `dups` is rejected as a repeated id.
    fn read_block(&self, block: &Block, sink: &Sink<'_>, p: &mut Partial, dups: &Dups);
    /// True when records name their own source (the source split is kept
    /// per source); otherwise every record is [`DEFAULT_SOURCE`].
    fn has_source(&self) -> bool;
    /// The error for a file with no record at all.
    fn no_records(&self) -> &'static str;
}

/// A block of whole records.
pub struct Block {
    /// Its place in the file.
    pub index: usize,
    /// The line its first byte is on.
    pub first_line: u64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Lines of a block whose record repeats an id seen earlier in the file:
/// line → the line the id was first seen on.
pub type Dups = HashMap<u64, u64>;

/// What the tally sink needs besides the record.
pub struct Sink<'a> {
    /// The one record path's context.
    pub cx: Context<'a>,
    /// The run's settings.
    pub st: &'a StreamSettings<'a>,
    /// The file name, for made-up ids.
    pub doc: &'a str,
    /// The path, for rejects.
    pub source: &'a str,
    /// Keep the sums by source (the format's records name their source).
    pub split: bool,
}

/// What the tally sink reads of a record [`prepare`] kept.
pub trait Tallied: Record {
    /// Where the assigner places it.
    fn slot_input(&self) -> SlotInput<'_>;
    /// Its period.
    fn period(&self, g: Granularity) -> Period;
    /// The source it counts under (`None`: [`DEFAULT_SOURCE`]).
    fn source(&self) -> Option<&str>;
    /// True when it carries plausibility flag `flag` (`k` its place in
    /// [`crate::plausible::ALL`]).
    fn has_flag(&self, k: usize, flag: &Flag) -> bool;
    /// The id the record gives (not one made up from its line).
    fn given_id(&self) -> Option<String>;
    /// The full incident, when it was built (to geocode it).
    fn incident(&self) -> Option<&Incident>;
    /// The first day, when the record's period is that day's period at
    /// any granularity (a date to the day, or of unknown precision): the
    /// period can then be looked up by the day.
    fn day(&self) -> Option<NaiveDate>;
    /// Adds one to `counts[k]` for each plausibility flag `k` (its place in
    /// [`crate::plausible::ALL`]) the record carries.
    fn count_flags(&self, counts: &mut [u64; crate::plausible::ALL.len()]) {
        for (k, f) in crate::plausible::ALL.iter().enumerate() {
            counts[k] += self.has_flag(k, f) as u64;
        }
    }
}

/// Whether a date of this precision falls in its day's period (see
/// [`Period::for_date`]: day and unknown precisions need no coarser one).
pub fn to_the_day(p: crate::model::DatePrecision) -> bool {
    matches!(
        p,
        crate::model::DatePrecision::Day | crate::model::DatePrecision::Unknown
    )
}

/// The periods of recent days, by day (a direct-mapped cache): the
/// period's bounds and its packed form cost about as much as the rest of
/// a row's sums, and a table's rows share a few thousand days.
#[derive(Default)]
pub struct DayPeriods {
    /// (days since 0001-01-01, its period, packed); empty until first used.
    slots: Vec<(i32, Period, Option<u32>)>,
}

impl DayPeriods {
    const SLOTS: usize = 4096;

    /// The period of `day` at `g` and its packed form.
    #[inline]
    pub fn get(&mut self, day: NaiveDate, g: Granularity) -> (Period, Option<u32>) {
        use chrono::Datelike;
        let key = day.num_days_from_ce();
        if self.slots.is_empty() {
            self.slots = vec![(i32::MIN, Period::Undated, None); Self::SLOTS];
        }
        let slot = &mut self.slots[key as usize & (Self::SLOTS - 1)];
        if slot.0 != key {
            let period = Period::of(day, g);
            *slot = (key, period, pack_period(&period));
        }
        (slot.1, slot.2)
    }
}

impl Tallied for Incident {
    fn slot_input(&self) -> SlotInput<'_> {
        SlotInput::of(self)
    }
    fn period(&self, g: Granularity) -> Period {
        crate::aggregate::period_of(self, g)
    }
    fn source(&self) -> Option<&str> {
        self.source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
    fn has_flag(&self, _k: usize, flag: &Flag) -> bool {
        Incident::has_flag(self, flag)
    }
    fn given_id(&self) -> Option<String> {
        let made_up = self
            .source_line
            .is_some_and(|l| self.id == format!("{}:{l}", self.doc));
        (!made_up).then(|| self.id.clone())
    }
    fn incident(&self) -> Option<&Incident> {
        Some(self)
    }
    fn day(&self) -> Option<NaiveDate> {
        self.date_start.filter(|_| to_the_day(self.date_precision))
    }
}

/// The tally sink: a record read from a block goes through [`prepare`] and,
/// when kept, is assigned at every level and summed into `p` (or counted as
/// a date-window drop, or rejected).
pub fn tally<R: Tallied>(rec: &mut R, line: u64, sink: &Sink<'_>, p: &mut Partial) {
    let st = sink.st;
    let located = match prepare(rec, &sink.cx) {
        Verdict::Reject(reason) => {
            p.rejects.push(Reject {
                source: sink.source.to_string(),
                line,
                id: rec.given_id(),
                reason,
                raw: String::new(),
                benign: false,
            });
            return;
        }
        Verdict::OutOfWindow(o) => {
            p.note_located(rec.incident(), line, o);
            p.filtered_out += 1;
            return;
        }
        Verdict::Use(o) => o,
    };
    p.note_located(rec.incident(), line, located);
    rec.count_flags(&mut p.flagged);
    p.incidents += 1;
    let (period, packed) = match rec.day() {
        Some(day) => p.periods.get(day, st.granularity),
        None => {
            let period = rec.period(st.granularity);
            (period, pack_period(&period))
        }
    };
    let deaths = rec.deaths();
    let src = match sink.split {
        true => rec.source().unwrap_or(DEFAULT_SOURCE),
        false => DEFAULT_SOURCE,
    };
    let src = p.sums.source(src);
    let inp = rec.slot_input();
    if let (Some((lon, lat)), None, None, None) = (inp.lon_lat, inp.admin1, inp.admin2, inp.country)
    {
        // a point and nothing else to go by: assigned with the next few
        p.points.push(PendingPoint {
            lon,
            lat,
            precision: inp.precision,
            src,
            period,
            packed,
            deaths,
        });
        if p.points.len() == POINTS {
            p.assign_points(st);
        }
        return;
    }
    let (scratch, many) = (&mut p.scratch_regions, &mut p.scratch_slots);
    for (l, a) in st.assigners.iter().enumerate() {
        a.slots_of(&inp, scratch, many);
        for slot in many.iter() {
            p.sums.add(l, src, slot, period, packed, deaths);
        }
    }
}

/// A kept record whose slots depend only on its point, waiting to be
/// assigned and summed with the next few ([`Partial::assign_points`]).
#[derive(Clone, Copy)]
struct PendingPoint {
    lon: f64,
    lat: f64,
    precision: Option<crate::model::GeoPrecision>,
    src: u32,
    period: Period,
    packed: Option<u32>,
    deaths: Deaths,
}

/// Points queued before their raster cells are loaded together.
const POINTS: usize = 16;

/// Reads one block into `p`, every record summed (none left queued).
fn read_block<F: LineFormat>(
    fmt: &F,
    block: &Block,
    sink: &Sink<'_>,
    p: &mut Partial,
    dups: &Dups,
) {
    fmt.read_block(block, sink, p, dups);
    p.assign_points(sink.st);
}

pub use ids::id_hash;

/// The reject reason for a repeated id (the held table reader's wording).
pub fn duplicate_reason(id: &str, first: u64) -> String {
    format!("duplicate id {id} (first seen on line {first})")
}

/// Streams one line-oriented file into per-level aggregates.
pub fn stream_file(path: &Path, st: &StreamSettings<'_>) -> Result<Streamed> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let block_size = st.block_bytes.max(16);
    let mut buf = vec![0u8; block_size.max(64 << 10)];
    let filled = read_full(&mut file, &mut buf).map_err(|e| Error::io(path, e))?;
    if let Some(pb) = st.progress {
        pb.inc(filled as u64);
    }
    if filled == 0 {
        return Err(Error::bad_file(path, "file is empty"));
    }
    buf.truncate(filled);
    let eof = filled < block_size.max(64 << 10);
    let head = |bytes, start, first_line| Head {
        file,
        bytes,
        start,
        first_line,
        is_all: eof,
    };
    match InputKind::of(path) {
        InputKind::Json => run_blocks(path, &ndjson::Ndjson, st, head(buf, 0, 1)),
        _ => {
            let (fmt, start) = csv::CsvLines::from_head(path, &buf)?;
            run_blocks(path, &fmt, st, head(buf, start, 2))
        }
    }
}

/// The file being streamed and its first bytes, already read.
struct Head {
    file: std::fs::File,
    /// The first bytes.
    bytes: Vec<u8>,
    /// Where the records start in them.
    start: usize,
    /// The line they start on.
    first_line: u64,
    /// The first bytes are the whole file.
    is_all: bool,
}

/// What a worker hands the committer: a block's lists and counts (its sums
/// stay with the worker), its ids, its bytes.
struct Done {
    index: usize,
    first_line: u64,
    partial: Partial,
    bytes: Vec<u8>,
}

/// The block reader: cuts the file into blocks, reads them on `st.threads`
/// workers, commits them in file order.
fn run_blocks<F: LineFormat>(
    path: &Path,
    fmt: &F,
    st: &StreamSettings<'_>,
    head: Head,
) -> Result<Streamed> {
    let doc = doc_name(path);
    let source = path.display().to_string();
    let sink = Sink {
        cx: Context::new(st.admin1, st.gazetteer, st.from, st.to),
        st,
        doc: &doc,
        source: &source,
        split: fmt.has_source(),
    };
    let threads = st.threads.max(1);
    let levels = st.assigners.len();
    // records in the file, from the lines of its first bytes (sizes the
    // table of ids seen)
    let size = head.file.metadata().map(|m| m.len()).unwrap_or(0);
    let head_lines = memchr::memchr_iter(b'\n', &head.bytes).count().max(1);
    let expected =
        (size as f64 * head_lines as f64 / head.bytes.len().max(1) as f64 * 1.02) as usize;
    let (tx, rx) = mpsc::sync_channel::<Block>(threads * 2);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let rx = std::sync::Mutex::new(rx);
    let (read_result, acc) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (rx, done_tx, sink) = (&rx, done_tx.clone(), &sink);
                scope.spawn(move || work(fmt, sink, rx, done_tx, levels))
            })
            .collect();
        drop(done_tx);
        let sink_ref = &sink;
        let committer =
            scope.spawn(move || commit(fmt, sink_ref, done_rx, free_tx, levels, expected));
        let read = cut_blocks(fmt, st, head, tx, free_rx);
        let mut acc: Partial = join(committer);
        let mut parts: Vec<Sums> = workers.into_iter().map(join).collect();
        parts.push(std::mem::take(&mut acc.sums));
        acc.sums = Sums::sum_of(parts);
        (read, acc)
    });
    read_result.map_err(|e| Error::io(path, e))?;
    finish(path, fmt, st, acc)
}

/// A scoped thread's result (its panic, if any, goes on).
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// A worker: reads the blocks it is given into sums it keeps for the whole
/// file (returned at the end), and hands each block's lists and counts to
/// the committer.
fn work<F: LineFormat>(
    fmt: &F,
    sink: &Sink<'_>,
    rx: &std::sync::Mutex<mpsc::Receiver<Block>>,
    done_tx: mpsc::Sender<Done>,
    levels: usize,
) -> Sums {
    let no_dups = Dups::default();
    let mut sums = Sums::new(levels);
    let mut periods = DayPeriods::default();
    loop {
        let block = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => break,
        };
        let Ok(block) = block else { break };
        let mut p = Partial::new(levels);
        p.sums = sums;
        p.periods = std::mem::take(&mut periods);
        read_block(fmt, &block, sink, &mut p, &no_dups);
        sums = std::mem::take(&mut p.sums);
        periods = std::mem::take(&mut p.periods);
        let done = Done {
            index: block.index,
            first_line: block.first_line,
            partial: p,
            bytes: block.bytes,
        };
        if done_tx.send(done).is_err() {
            break;
        }
    }
    sums.seal();
    sums
}

/// The committer: blocks in file order, ids checked against every earlier
/// one; a block with a repeated id is read again with those lines rejected
/// (rare), its first reading taken back out of the sums. Buffers go back to
/// the reader.
fn commit<F: LineFormat>(
    fmt: &F,
    sink: &Sink<'_>,
    done_rx: mpsc::Receiver<Done>,
    free_tx: mpsc::Sender<Vec<u8>>,
    levels: usize,
    expected: usize,
) -> Partial {
    let mut acc = Partial::new(levels);
    let mut seen = ids::SeenIds::with_capacity(expected);
    let mut pending = std::collections::BTreeMap::new();
    let mut next = 0usize;
    for d in done_rx {
        pending.insert(d.index, d);
        while let Some(d) = pending.remove(&next) {
            next += 1;
            let mut dups = Dups::default();
            seen.note_block(&d.partial.ids, |line, first| {
                dups.insert(line, first);
            });
            let block = Block {
                index: d.index,
                first_line: d.first_line,
                bytes: d.bytes,
            };
            if dups.is_empty() {
                acc.absorb(d.partial);
            } else {
                let mut first = Partial::new(levels);
                read_block(fmt, &block, sink, &mut first, &Dups::default());
                acc.sums.subtract(first.sums);
                let mut p = Partial::new(levels);
                read_block(fmt, &block, sink, &mut p, &dups);
                acc.absorb(p);
            }
            let _ = free_tx.send(block.bytes);
        }
    }
    acc
}

/// The reader: cuts blocks on record boundaries, in buffers the committer
/// hands back (no copy of the data, no fresh pages per block), and sends
/// them to the workers.
fn cut_blocks<F: LineFormat>(
    fmt: &F,
    st: &StreamSettings<'_>,
    head: Head,
    tx: mpsc::SyncSender<Block>,
    free_rx: mpsc::Receiver<Vec<u8>>,
) -> std::io::Result<()> {
    let block_size = st.block_bytes.max(16);
    let Head {
        mut file,
        bytes,
        start,
        first_line,
        is_all,
    } = head;
    let mut cur: Vec<u8> = Vec::with_capacity(block_size + (64 << 10));
    cur.extend_from_slice(&bytes[start..]);
    drop(bytes);
    let mut line = first_line;
    let mut eof = is_all;
    let mut want = block_size;
    let mut index = 0;
    let (mut bufs, max_bufs) = (1, st.threads.max(1) * 4 + 2);
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
            match fmt.last_record_end(&cur) {
                Some(c) => c,
                None => {
                    // one record longer than a block: read more
                    want = cur.len() * 2;
                    continue;
                }
            }
        };
        want = block_size;
        // at most `max_bufs` blocks in flight (queued, in a worker, or
        // waiting for an earlier one to commit): then wait for one
        let mut next = match free_rx.try_recv() {
            Ok(b) => b,
            Err(_) if bufs < max_bufs => {
                bufs += 1;
                // at its full size at once: grown by doubling, each buffer
                // would be copied and its pages faulted in several times
                Vec::with_capacity(block_size + (64 << 10))
            }
            Err(_) => free_rx.recv().unwrap_or_default(),
        };
        next.clear();
        next.extend_from_slice(&cur[cut..]);
        cur.truncate(cut);
        let newlines = bytecount(&cur);
        if !cur.is_empty() {
            let block = Block {
                index,
                first_line: line,
                bytes: cur,
            };
            index += 1;
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
    Ok(())
}

/// The file's results from the committed sums and lists.
fn finish<F: LineFormat>(
    path: &Path,
    fmt: &F,
    st: &StreamSettings<'_>,
    p: Partial,
) -> Result<Streamed> {
    let mut out = Streamed {
        filtered_out: p.filtered_out,
        flagged: p.flagged,
        ..Streamed::default()
    };
    out.stats.records = p.records;
    out.stats.incidents = p.incidents;
    out.rejects = p.rejects;
    out.rejects.sort_by_key(|r| r.line);
    out.unresolved = p.unresolved.into_iter().map(|(_, i, n)| (i, n)).collect();
    out.ambiguous = p.ambiguous.into_iter().map(|(_, i, c)| (i, c)).collect();
    out.stats.rejected = out.rejects.len() as u64;
    out.stats.format = if p.ucdp {
        "UCDP GED (JSON)".into()
    } else {
        fmt.name()
    };
    let (aggregates, by_source): (Vec<_>, Vec<_>) =
        p.sums.into_aggregates(st.granularity).into_iter().unzip();
    out.aggregates = aggregates;
    out.by_source = if fmt.has_source() {
        by_source
    } else {
        out.aggregates
            .iter()
            .map(|a| vec![(DEFAULT_SOURCE.to_string(), a.clone())])
            .collect()
    };
    if out.stats.records == 0 {
        return Err(Error::bad_file(path, fmt.no_records()));
    }
    Ok(out)
}

/// Per-worker sums of one block (and, in the committer, of the file).
#[derive(Default)]
pub struct Partial {
    /// The sums (a worker keeps its own across blocks).
    sums: Sums,
    rejects: Vec<Reject>,
    /// Records read (the format counts them).
    pub records: u64,
    incidents: u64,
    filtered_out: u64,
    /// (line, incident id, name)
    unresolved: Vec<(u64, String, String)>,
    /// (line, incident id, candidates)
    ambiguous: Vec<(u64, String, Vec<String>)>,
    flagged: [u64; crate::plausible::ALL.len()],
    /// The id of every record with one, in line order.
    ids: ids::BlockIds,
    /// A UCDP GED object was read (NDJSON): the format is named so.
    ucdp: bool,
    scratch_regions: Vec<usize>,
    scratch_slots: Vec<Slot>,
    /// The format's scratch fields, reused across records.
    pub fields: Vec<FieldSpan>,
    /// Periods by day (a worker keeps them across blocks).
    periods: DayPeriods,
    /// Kept records waiting for their assignment.
    points: Vec<PendingPoint>,
}

impl Partial {
    fn new(levels: usize) -> Self {
        Partial {
            sums: Sums::new(levels),
            ..Partial::default()
        }
    }

    /// Assigns and sums the queued points. The raster cells they fall in
    /// are loaded first, all of them: a cell is mostly a cache miss, and
    /// misses taken together overlap instead of following one another.
    /// (The sums do not depend on the order records are added in.)
    fn assign_points(&mut self, st: &StreamSettings<'_>) {
        let mut touched = 0u64;
        for q in &self.points {
            for a in st.assigners {
                touched ^= a.regions.touch(q.lon, q.lat);
            }
        }
        std::hint::black_box(touched);
        let Partial {
            points,
            scratch_regions: scratch,
            scratch_slots: many,
            sums,
            ..
        } = self;
        for q in points.drain(..) {
            let inp = SlotInput {
                lon_lat: Some((q.lon, q.lat)),
                precision: q.precision,
                ..SlotInput::default()
            };
            for (l, a) in st.assigners.iter().enumerate() {
                a.slots_of(&inp, scratch, many);
                for slot in many.iter() {
                    sums.add(l, q.src, slot, q.period, q.packed, q.deaths);
                }
            }
        }
    }

    /// A record that could not be used.
    pub fn reject(
        &mut self,
        sink: &Sink<'_>,
        line: u64,
        id: Option<String>,
        reason: String,
        raw: String,
    ) {
        self.rejects.push(Reject {
            source: sink.source.to_string(),
            line,
            id,
            reason,
            raw,
            benign: false,
        });
    }

    /// Remembers a record's id for the duplicate-id check; `Err` with the
    /// line it was first seen on when `dups` says it repeats an earlier one.
    pub fn check_id(&mut self, id: &str, line: u64, dups: &Dups) -> std::result::Result<(), u64> {
        if let Some(first) = dups.get(&line) {
            return Err(*first);
        }
        self.ids.push(id, line);
        Ok(())
    }

    /// Notes that a UCDP GED object was read.
    pub fn saw_ucdp(&mut self) {
        self.ucdp = true;
    }

    /// Notes what the gazetteer said of a record, as the held sink does.
    fn note_located(&mut self, inc: Option<&Incident>, line: u64, o: crate::geocode::Outcome) {
        let Some(inc) = inc else { return };
        match o {
            crate::geocode::Outcome::NotFound => {
                self.unresolved
                    .push((line, inc.id.clone(), inc.place.clone().unwrap_or_default()))
            }
            crate::geocode::Outcome::Ambiguous(c) => self.ambiguous.push((line, inc.id.clone(), c)),
            _ => {}
        }
    }

    /// Adds a later block's sums (blocks are absorbed in file order, so
    /// the lists stay in line order).
    fn absorb(&mut self, o: Partial) {
        self.sums.absorb(o.sums);
        self.rejects.extend(o.rejects);
        self.records += o.records;
        self.incidents += o.incidents;
        self.filtered_out += o.filtered_out;
        self.unresolved.extend(o.unresolved);
        self.ambiguous.extend(o.ambiguous);
        for (a, b) in self.flagged.iter_mut().zip(o.flagged) {
            *a += b;
        }
        self.ucdp |= o.ucdp;
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

fn bytecount(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}
