//! The report run: the only place that knows the order of the stages.
//!
//! `read → extract → geocode → filter → dedup → assign → aggregate → write`.

use crate::aggregate::Aggregate;
use crate::error::{Error, Result};
use crate::export::{self, geojson as gj, table};
use crate::gazetteer::{self, Gazetteer};
use crate::geocode::Outcome;
use crate::ingest::{self, InputKind, Item};
use crate::model::{Incident, Reject};
use crate::period::{Granularity, Period};
use crate::region::{Assigner, Level, RegionSet, Slot};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// A validated plan for `report`.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Articles and incident files, mixed.
    pub inputs: Vec<PathBuf>,
    /// Gazetteer folder (`None`: the embedded default).
    pub gazetteer: Option<PathBuf>,
    /// Region levels to cut by (at least one).
    pub levels: Vec<Level>,
    /// Period granularity.
    pub granularity: Granularity,
    /// Keep incidents starting on or after this date.
    pub from: Option<NaiveDate>,
    /// Keep incidents starting on or before this date.
    pub to: Option<NaiveDate>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Publication date for articles with no front matter.
    pub published: Option<NaiveDate>,
    /// Language articles are read in (`--lang`).
    pub lang: crate::extract::lang::LangChoice,
    /// Snap distance for points just outside every polygon, km.
    pub tolerance_km: f64,
    /// Show progress bars.
    pub progress: bool,
    /// When to stream incident tables.
    pub stream: StreamMode,
    /// Worker threads for streaming.
    pub threads: usize,
    /// Bytes per block handed to a streaming worker (`None`: 4 MiB).
    pub block_bytes: Option<usize>,
    /// Where points inside several overlapping polygons count.
    pub overlap: crate::region::Overlap,
    /// Charts to draw (`None`: no charts).
    pub charts: Option<crate::export::chart::ChartOptions>,
    /// Cross-source merging of reports of one event.
    pub dedup: crate::dedup::DedupConfig,
    /// Write `index.html`, the offline report page, for the first level.
    pub html: bool,
    /// Coordinates use a decimal comma (`14,35`).
    pub decimal_comma: bool,
    /// File format of the region × period layer (`--layer-format`).
    pub layer_format: export::period_layer::LayerChoice,
}

/// What a run did, for the summary and the exit status.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Incidents used.
    pub incidents: usize,
    /// Records rejected (errors), file-level failures included.
    pub rejected: usize,
    /// Records accounted for elsewhere (ACLED actor rows).
    pub duplicates: usize,
    /// Incidents left out by `--from/--to`.
    pub filtered_out: usize,
    /// Place names the gazetteer could not find: (incident id, name).
    pub unresolved: Vec<(String, String)>,
    /// Ambiguous place names: (incident id, candidates).
    pub ambiguous: Vec<(String, Vec<String>)>,
    /// Warnings (lossy decoding, ...).
    pub warnings: Vec<String>,
    /// One line per input.
    pub inputs: Vec<InputSummary>,
    /// Events and deaths over every row (of the last level).
    pub totals: Totals,
    /// One line per level.
    pub levels: Vec<LevelSummary>,
    /// Plausibility flags raised: (flag, incidents flagged), see [`crate::plausible`].
    pub flagged: Vec<(&'static str, usize)>,
    /// What dedup merged.
    pub dedup: DedupSummary,
    /// One line per input that could not be used, in whole or in part: its
    /// reason and, for known reasons, the fix (see [`crate::explain`]).
    pub problems: Vec<String>,
    /// Files an earlier run wrote into the output folder (by its
    /// [`MANIFEST`]) that this run did not rewrite, removed.
    pub removed: Vec<String>,
}

/// One input's line of the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputSummary {
    /// The path as given.
    pub path: String,
    /// The format recognised (`incidents table`, `NDJSON`, `article`, ...).
    pub format: String,
    /// Records read.
    pub records: u64,
    /// Incidents they gave (before the date window).
    pub incidents: u64,
    /// Records rejected (the file itself counts one when unreadable).
    pub rejected: u64,
}

impl InputSummary {
    /// An input that could not be read at all.
    pub fn failed(path: &str, format: &str) -> Self {
        InputSummary {
            path: path.to_string(),
            format: format.to_string(),
            rejected: 1,
            ..InputSummary::default()
        }
    }
}

/// Events and deaths summed over every row of a level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Events.
    pub events: u64,
    /// Deaths, low estimate.
    pub deaths_low: u64,
    /// Deaths, best estimate.
    pub deaths_best: u64,
    /// Deaths, high estimate.
    pub deaths_high: u64,
}

/// One level's line of the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelSummary {
    /// The level's file label (`admin1`, `grid0.5`, ...).
    pub label: String,
    /// Regions with incidents.
    pub regions: usize,
    /// Events counted in an `unallocated within` row.
    pub unallocated: u64,
    /// Events in no region.
    pub unassigned: u64,
}

/// What dedup merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DedupSummary {
    /// Merged records.
    pub merged: usize,
    /// Reports merged into them.
    pub members: usize,
    /// Reports left alone as they could belong to several events.
    pub ambiguous: usize,
}

/// The list of files a run wrote, in the output folder: the next run into
/// the same folder removes those it does not rewrite (only those: files
/// the tool did not write are never touched).
pub const MANIFEST: &str = "manifest.txt";

/// Removes the files the previous run's manifest lists that this run did not
/// write, then writes this run's manifest. Returns the names removed.
fn replace_manifest(out_dir: &Path, written: &[PathBuf]) -> Result<(Vec<String>, PathBuf)> {
    let mine: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let path = out_dir.join(MANIFEST);
    let mut removed = Vec::new();
    if let Ok(old) = std::fs::read_to_string(&path) {
        for name in old.lines().map(str::trim) {
            // plain names in this folder only: a manifest is never a way out
            let plain = !name.is_empty()
                && !name.starts_with('#')
                && !name.contains(['/', '\\'])
                && name != ".."
                && name != "."
                && name != MANIFEST;
            if !plain || mine.iter().any(|m| m == name) {
                continue;
            }
            let p = out_dir.join(name);
            if p.is_file() {
                std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
                removed.push(name.to_string());
            }
        }
    }
    let mut text = String::from(
        "# files written by casualty-atlas report; the next run into this folder removes those it does not rewrite\n",
    );
    for m in &mine {
        text.push_str(m);
        text.push('\n');
    }
    export::write_atomic(&path, text.as_bytes())?;
    Ok((removed, path))
}

impl Report {
    /// True when some input could not be used.
    pub fn has_rejects(&self) -> bool {
        self.rejected > 0
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Collected {
    /// Usable incidents, in input order.
    pub incidents: Vec<Incident>,
    /// Rejected records and files.
    pub rejects: Vec<Reject>,
}

/// What a progress bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Items (incidents, files).
    Items,
    /// Bytes read.
    Bytes,
    /// Nothing countable: a spinner with the time spent.
    Spinner,
}

/// A progress bar for one stage on stderr (hidden when `show` is false):
/// `msg` names the stage; it ticks on its own so a long stage never looks
/// frozen.
pub fn stage_bar(show: bool, len: u64, unit: Unit, msg: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let (pb, template) = match unit {
        Unit::Items => (
            indicatif::ProgressBar::new(len),
            "{msg:24} [{bar:40}] {pos}/{len} ({elapsed}, eta {eta})",
        ),
        Unit::Bytes => (
            indicatif::ProgressBar::new(len),
            "{msg:24} [{bar:40}] {bytes}/{total_bytes} ({elapsed}, eta {eta})",
        ),
        Unit::Spinner => (
            indicatif::ProgressBar::new_spinner(),
            "{msg:24} {spinner} {elapsed}",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(msg.to_string());
    pb.enable_steady_tick(std::time::Duration::from_millis(200));
    pb
}

/// Items between two updates of an item bar (a bar update per record would
/// cost more than the work on millions of records).
const TICK: u64 = 4096;

/// Advances a bar by a file's size when the file is done (on every path out
/// of the loop body).
struct Advance<'a>(&'a indicatif::ProgressBar, u64);

impl Drop for Advance<'_> {
    fn drop(&mut self) {
        self.0.inc(self.1);
    }
}

/// Reads every input: incident files through `ingest`, articles through
/// `extract`. File-level failures become rejects at line 0.
pub fn collect(
    inputs: &[PathBuf],
    gaz: &Gazetteer,
    published: Option<NaiveDate>,
    report: &mut Report,
    show_progress: bool,
) -> Collected {
    let lang = crate::extract::lang::LangChoice::Auto;
    collect_in(inputs, gaz, published, lang, report, show_progress)
}

/// [`collect`] with articles read in `lang` (`--lang`).
pub fn collect_in(
    inputs: &[PathBuf],
    gaz: &Gazetteer,
    published: Option<NaiveDate>,
    lang: crate::extract::lang::LangChoice,
    report: &mut Report,
    show_progress: bool,
) -> Collected {
    collect_prepared(inputs, gaz, published, lang, None, report, show_progress)
}

/// [`collect_in`], every record of an input then going through
/// [`crate::prepare::prepare`] when `cx` is given (the held sink: records
/// kept, rejects and the date window counted per input, as the tally sink
/// of [`crate::stream`] counts them).
pub fn collect_prepared(
    inputs: &[PathBuf],
    gaz: &Gazetteer,
    published: Option<NaiveDate>,
    lang: crate::extract::lang::LangChoice,
    cx: Option<&crate::prepare::Context<'_>>,
    report: &mut Report,
    show_progress: bool,
) -> Collected {
    let mut out = Collected::default();
    let size = |p: &PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total: u64 = inputs.iter().map(size).sum();
    let pb = stage_bar(show_progress && total > 0, total, Unit::Bytes, "reading");
    let mut extractor = crate::extract::Extractor::new(gaz).with_lang(lang);
    for path in inputs {
        pb.set_message(format!("reading {}", crate::model::doc_name(path)));
        let _advance = Advance(&pb, size(path));
        let source = path.display().to_string();
        let mut input = Input {
            out: &mut out,
            report: &mut *report,
            cx,
            source: &source,
        };
        if path.is_dir() {
            input
                .report
                .inputs
                .push(InputSummary::failed(&source, "directory"));
            let r = input.file_reject(format!(
                "{source}: is a directory, not an incident file or an article"
            ));
            input.out.rejects.push(r);
            continue;
        }
        match InputKind::of(path) {
            InputKind::Article => input.article(path, published, &mut extractor),
            _ => input.table(path),
        }
    }
    pb.finish_and_clear();
    out
}

/// One held input being read into `out`.
struct Input<'a, 'c> {
    out: &'a mut Collected,
    report: &'a mut Report,
    cx: Option<&'a crate::prepare::Context<'c>>,
    source: &'a str,
}

impl Input<'_, '_> {
    fn file_reject(&self, reason: String) -> Reject {
        Reject {
            source: self.source.to_string(),
            line: 0,
            id: None,
            reason,
            raw: String::new(),
            benign: false,
        }
    }

    /// An article: its incidents, extracted.
    fn article(
        &mut self,
        path: &Path,
        published: Option<NaiveDate>,
        extractor: &mut crate::extract::Extractor<'_>,
    ) {
        let source = self.source;
        match ingest::check_not_binary(path)
            .and_then(|_| crate::extract::read_document(path, published))
        {
            Ok((doc, warnings)) => {
                self.report.warnings.extend(warnings);
                let mut found = extractor.extract(&doc);
                for inc in &mut found {
                    inc.source.get_or_insert_with(|| "article".into());
                    let a = inc.article_mut();
                    a.confidence = a.confidence.map(table::round_confidence);
                    crate::plausible::check_published(inc, doc.published);
                }
                self.report.inputs.push(InputSummary {
                    path: source.to_string(),
                    format: "article".into(),
                    records: 1,
                    incidents: found.len() as u64,
                    rejected: 0,
                });
                let start = self.out.incidents.len();
                self.out.incidents.extend(found);
                if let Some(cx) = self.cx {
                    hold_prepared(self.out, start, cx, source, self.report);
                }
            }
            Err(e) => {
                self.report.inputs.push(InputSummary {
                    records: 1,
                    ..InputSummary::failed(source, "article")
                });
                let r = self.file_reject(e.to_string());
                self.out.rejects.push(r);
            }
        }
    }

    /// An incident file (table, JSON, ACLED, UCDP): its records.
    fn table(&mut self, path: &Path) {
        let source = self.source;
        let start = self.out.incidents.len();
        self.out.incidents.reserve(estimated_rows(path));
        let out = &mut *self.out;
        let mut sink = |item: Item| match item {
            Item::Incident(i) => out.incidents.push(*i),
            Item::Reject(r) => out.rejects.push(r),
        };
        match ingest::read_file(path, &mut sink) {
            Ok(st) => {
                self.report.inputs.push(InputSummary {
                    path: source.to_string(),
                    format: st.format,
                    records: st.records,
                    incidents: st.incidents,
                    rejected: st.rejected,
                });
                if let Some(cx) = self.cx {
                    hold_prepared(self.out, start, cx, source, self.report);
                }
            }
            Err(e) => {
                self.report
                    .inputs
                    .push(InputSummary::failed(source, "unreadable"));
                let r = self.file_reject(e.to_string());
                self.out.rejects.push(r);
            }
        }
    }
}

/// The held sink: the incidents an input gave (from `start` on) go through
/// [`crate::prepare::prepare`]; those it keeps stay, in order, the others
/// become rejects or window drops, and the input's summary line (the last
/// one of `report.inputs`) counts them as the tally sink does.
fn hold_prepared(
    out: &mut Collected,
    start: usize,
    cx: &crate::prepare::Context<'_>,
    source: &str,
    report: &mut Report,
) {
    use crate::prepare::{prepare, Verdict};
    let (mut rejected, mut dropped) = (0u64, 0usize);
    // in place: kept records move down over the others (no second copy)
    let mut kept = start;
    for k in start..out.incidents.len() {
        let inc = &mut out.incidents[k];
        let located = match prepare(inc, cx) {
            Verdict::Reject(reason) => {
                let line = inc.source_line.unwrap_or(0);
                // the id the record gives (not the one made up from the line)
                let made_up = inc.id == format!("{}:{line}", inc.doc);
                out.rejects.push(Reject {
                    source: source.to_string(),
                    line,
                    id: (!made_up).then(|| inc.id.clone()),
                    reason,
                    raw: String::new(),
                    benign: false,
                });
                rejected += 1;
                continue;
            }
            Verdict::OutOfWindow(o) => {
                dropped += 1;
                note_located(report, inc, o);
                continue;
            }
            Verdict::Use(o) => o,
        };
        note_located(report, inc, located);
        if kept != k {
            out.incidents.swap(kept, k);
        }
        kept += 1;
    }
    out.incidents.truncate(kept);
    report.filtered_out += dropped;
    if let Some(entry) = report.inputs.last_mut() {
        entry.incidents -= rejected.min(entry.incidents);
        entry.rejected += rejected;
    }
}

/// The number of rows of a big table, from its size and the length of its
/// first lines (so the held records are allocated once, not doubled as
/// they come): 0 for anything under 1 MB or not a table.
fn estimated_rows(path: &Path) -> usize {
    use std::io::Read;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size < 1 << 20 || InputKind::of(path) != InputKind::Csv {
        return 0;
    }
    let mut head = vec![0u8; 256 << 10];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let lines = memchr::memchr_iter(b'\n', &head[..n]).count().max(1);
    let rows = size as f64 * lines as f64 / n.max(1) as f64;
    (rows * 1.02) as usize
}

/// Notes a place the gazetteer could not find, or found more than once.
fn note_located(report: &mut Report, inc: &Incident, o: Outcome) {
    match o {
        Outcome::NotFound => report
            .unresolved
            .push((inc.id.clone(), inc.place.clone().unwrap_or_default())),
        Outcome::Ambiguous(c) => report.ambiguous.push((inc.id.clone(), c)),
        _ => {}
    }
}

/// Loads the region set of a level.
pub fn regions_for(level: &Level, gaz: &Gazetteer) -> Result<RegionSet> {
    match level {
        Level::Admin1 => RegionSet::from_geojson_str(
            Level::Admin1,
            &gaz.admin1_geojson,
            &gaz_path(gaz, "admin1.geojson"),
            None,
        ),
        Level::Admin2 => {
            let set = RegionSet::from_geojson_str(
                Level::Admin2,
                &gaz.admin2_geojson,
                &gaz_path(gaz, "admin2.geojson"),
                None,
            )?;
            if set.is_empty() {
                return Err(Error::Usage(format!(
                    "the gazetteer ({}) has no admin-2 polygons\nhint: build one with admin-2 boundaries: casualty-atlas gazetteer import --admin2-polygons FILE.geojson ..., or pass --by FILE.geojson[:FIELD]",
                    gaz.origin.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "embedded default".into())
                )));
            }
            Ok(set)
        }
        Level::Grid(_) => Ok(RegionSet::new(level.clone(), Vec::new())),
        Level::File { path, field } => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let set = RegionSet::from_geojson_str(level.clone(), &text, path, field.as_deref())?;
            if set.is_empty() {
                return Err(Error::bad_file(path, "holds no polygons"));
            }
            Ok(set)
        }
    }
}

fn gaz_path(gaz: &Gazetteer, file: &str) -> PathBuf {
    gaz.origin
        .as_ref()
        .map(|d| d.join(file))
        .unwrap_or_else(|| Path::new("<embedded gazetteer>").join(file))
}

fn attribution(gaz: &Gazetteer, level: &Level) -> String {
    match (gaz.origin.is_some(), level) {
        (false, Level::Admin1 | Level::Admin2 | Level::Grid(_)) => export::chart_input::DEFAULT_ATTRIBUTION.to_string(),
        (_, Level::File { path, .. }) => format!(
            "Boundaries: {} (user file). Place names: GeoNames (www.geonames.org), CC BY 4.0. Made with casualty-atlas.",
            crate::model::doc_name(path)
        ),
        _ => "Place names and boundaries: the gazetteer given with --gazetteer (GeoNames data is CC BY 4.0). Made with casualty-atlas.".to_string(),
    }
}

/// Writes, for one level, the source breakdown
/// `aggregates_<level>_<period>_by_source.csv` (held incidents by their
/// `source`; streamed tables by the source their records name, summed as
/// they streamed),
/// the QGIS style `regions_<level>.qml` for `regions_<level>.geojson`, and
/// the `.csvt` column types of both aggregate tables (dates read as Date).
fn write_provenance_and_style(
    plan: &Plan,
    label: &str,
    incidents: &[Incident],
    slots: &[Slot],
    streamed: &[(String, Aggregate)],
    agg: &Aggregate,
    set: &RegionSet,
) -> Result<Vec<PathBuf>> {
    let g = plan.granularity.as_str();
    let held = crate::aggregate::by_source(incidents, slots, plan.granularity);
    let rows = crate::aggregate::source_rows(&held, streamed);
    let p1 = plan
        .out_dir
        .join(format!("aggregates_{label}_{g}_by_source.csv"));
    table::write_aggregates_by_source(&p1, &rows, set)?;
    let p2 = plan.out_dir.join(format!("regions_{label}.qml"));
    export::qml::write_region_style(&p2, agg, &format!("regions_{label}"))?;
    let main_table = plan.out_dir.join(format!("aggregates_{label}_{g}.csv"));
    let t1 = table::write_csvt(&main_table, &table::AGGREGATE_COLUMNS)?;
    let t2 = table::write_csvt(&p1, &table::BY_SOURCE_COLUMNS)?;
    Ok(vec![p1, p2, t1, t2])
}

/// When to stream incident tables instead of holding their records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamMode {
    /// Stream plain incident tables of at least [`STREAM_THRESHOLD`] bytes.
    Auto,
    /// Stream every plain incident table.
    Always,
    /// Never stream.
    Never,
}

/// Size from which `StreamMode::Auto` streams a table.
pub const STREAM_THRESHOLD: u64 = 32 << 20;

/// Runs the whole report: the list of its stages.
pub fn run(plan: &Plan) -> Result<Report> {
    crate::ingest::fields::set_decimal_comma(plan.decimal_comma);
    let mut report = Report::default();
    let gaz = gazetteer::load(plan.gazetteer.as_deref())?;
    // every region set first: a bad --by fails before any work
    let regions = Regions::load(plan, &gaz)?;
    let (streamed_inputs, held_inputs) = split_inputs(plan);
    // held inputs: read, then each record through the one record path
    let cx = crate::prepare::Context::new(&regions.admin1, &gaz, plan.from, plan.to);
    let lang = plan.lang;
    let held = collect_prepared(
        &held_inputs,
        &gaz,
        plan.published,
        lang,
        Some(&cx),
        &mut report,
        plan.progress,
    );
    let Collected {
        incidents,
        mut rejects,
    } = held;
    // streamed inputs: the same path into the tally sink, never held
    let assigners = regions.assigners(plan.overlap);
    let streamed = stream_inputs(
        plan,
        &streamed_inputs,
        &regions.admin1,
        &assigners,
        &gaz,
        &mut report,
        &mut rejects,
    );
    if incidents.len() + report.filtered_out + streamed.incidents as usize == 0 {
        let mut lines = crate::explain::input_lines(&input_outcomes(&report), &rejects, None, true);
        lines.extend(report.warnings.iter().map(|w| format!("warning: {w}")));
        return Err(Error::NothingUsable(lines));
    }
    std::fs::create_dir_all(&plan.out_dir).map_err(|e| Error::io(&plan.out_dir, e))?;
    let incidents = dedup_stage(plan, incidents, &mut report)?;
    report.incidents = incidents.len() + streamed.incidents as usize;
    report.flagged = crate::plausible::count(&incidents);
    for ((_, n), m) in report.flagged.iter_mut().zip(&streamed.flagged) {
        *n += *m as usize;
    }
    report.rejected = rejects.iter().filter(|r| !r.benign).count();
    report.duplicates = rejects.iter().filter(|r| r.benign).count();
    // per level: assign, aggregate, write the tables, layers, charts, page
    let mut listing = Listing::default();
    for li in 0..plan.levels.len() {
        let level = write_level(
            plan,
            &gaz,
            &regions,
            &assigners,
            li,
            &incidents,
            &streamed,
            &mut report,
        )?;
        listing.add(li, level);
    }
    for (level, set) in plan.levels.iter().zip(regions.sets()) {
        report
            .warnings
            .extend(coverage_warning(level, set, &incidents, &gaz));
    }
    write_listing(plan, &regions, &incidents, &listing, &mut report)?;
    write_rejects_and_review(plan, &incidents, rejects, &mut report)?;
    let (removed, manifest) = replace_manifest(&plan.out_dir, &report.written)?;
    report.removed = removed;
    report.written.push(manifest);
    Ok(report)
}

/// The region sets of a run: admin-1 (always: the swap check and the
/// plausibility flags use it) and one per `--by` level.
struct Regions {
    admin1: RegionSet,
    /// Per level: its own set, or `None` for admin-1.
    levels: Vec<Option<RegionSet>>,
}

impl Regions {
    fn load(plan: &Plan, gaz: &Gazetteer) -> Result<Regions> {
        let load = |level: &Level| {
            regions_for(level, gaz).map(|mut set| {
                set.tolerance_km = plan.tolerance_km;
                set
            })
        };
        // every set on its own thread (the polygons of one do not wait for
        // another's); the first error in the serial order wins
        let (admin1, levels) = std::thread::scope(|s| {
            let levels: Vec<_> = plan
                .levels
                .iter()
                .map(|level| (*level != Level::Admin1).then(|| s.spawn(|| load(level))))
                .collect();
            let admin1 = load(&Level::Admin1);
            let levels: Vec<Option<Result<RegionSet>>> =
                levels.into_iter().map(|h| h.map(join_scoped)).collect();
            (admin1, levels)
        });
        let admin1 = admin1?;
        let levels = levels
            .into_iter()
            .map(Option::transpose)
            .collect::<Result<_>>()?;
        Ok(Regions { admin1, levels })
    }

    /// Each level's set.
    fn sets(&self) -> impl Iterator<Item = &RegionSet> {
        self.levels
            .iter()
            .map(|s| s.as_ref().unwrap_or(&self.admin1))
    }

    fn set(&self, li: usize) -> &RegionSet {
        self.levels[li].as_ref().unwrap_or(&self.admin1)
    }

    fn assigners(&self, overlap: crate::region::Overlap) -> Vec<Assigner<'_>> {
        self.sets()
            .map(|set| Assigner {
                regions: set,
                admin1: Some(&self.admin1),
                overlap,
            })
            .collect()
    }
}

/// Which inputs are streamed, which are held.
fn split_inputs(plan: &Plan) -> (Vec<PathBuf>, Vec<PathBuf>) {
    plan.inputs.iter().cloned().partition(|p| {
        let big = std::fs::metadata(p)
            .map(|m| m.len() >= STREAM_THRESHOLD)
            .unwrap_or(false);
        let wanted = match plan.stream {
            StreamMode::Never => false,
            StreamMode::Always => true,
            StreamMode::Auto => big,
        };
        wanted && crate::stream::can_stream(p)
    })
}

/// What the streamed inputs summed (never held).
#[derive(Default)]
struct StreamedSums {
    /// Per level, the aggregate.
    aggs: Vec<Aggregate>,
    /// Per level, the aggregate split by source.
    sources: Vec<Vec<(String, Aggregate)>>,
    /// Incidents counted.
    incidents: u64,
    /// Records raising each plausibility flag, in [`crate::plausible::ALL`] order.
    flagged: Vec<u64>,
}

/// Streams each streamed input through the block reader into the tally
/// sink; its rejects join `rejects`.
fn stream_inputs(
    plan: &Plan,
    inputs: &[PathBuf],
    admin1: &RegionSet,
    assigners: &[Assigner<'_>],
    gaz: &Gazetteer,
    report: &mut Report,
    rejects: &mut Vec<Reject>,
) -> StreamedSums {
    let mut sums = StreamedSums {
        aggs: vec![Aggregate::default(); plan.levels.len()],
        sources: vec![Vec::new(); plan.levels.len()],
        ..StreamedSums::default()
    };
    for path in inputs {
        let source = path.display().to_string();
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let name = crate::model::doc_name(path);
        let pb = stage_bar(
            plan.progress,
            size,
            Unit::Bytes,
            &format!("streaming {name}"),
        );
        let settings = crate::stream::StreamSettings {
            assigners,
            admin1,
            gazetteer: gaz,
            granularity: plan.granularity,
            from: plan.from,
            to: plan.to,
            threads: plan.threads,
            block_bytes: plan.block_bytes.unwrap_or(crate::stream::BLOCK),
            progress: Some(&pb),
        };
        let streamed = crate::stream::stream_file(path, &settings);
        pb.finish_and_clear();
        let s = match streamed {
            Ok(s) => s,
            Err(e) => {
                report
                    .inputs
                    .push(InputSummary::failed(&source, "unreadable"));
                rejects.push(Reject {
                    source,
                    line: 0,
                    id: None,
                    reason: e.to_string(),
                    raw: String::new(),
                    benign: false,
                });
                continue;
            }
        };
        // incidents read, before the date window (as held inputs count them)
        report.inputs.push(InputSummary {
            path: source,
            format: s.stats.format.clone(),
            records: s.stats.records,
            incidents: s.stats.incidents + s.filtered_out,
            rejected: s.stats.rejected,
        });
        report.filtered_out += s.filtered_out as usize;
        sums.incidents += s.stats.incidents;
        sums.flagged
            .resize(sums.flagged.len().max(s.flagged.len()), 0);
        for (n, m) in sums.flagged.iter_mut().zip(s.flagged) {
            *n += m;
        }
        report.unresolved.extend(s.unresolved);
        report.ambiguous.extend(s.ambiguous);
        rejects.extend(s.rejects);
        for (acc, a) in sums.aggs.iter_mut().zip(&s.aggregates) {
            acc.merge(a);
        }
        for (acc, parts) in sums.sources.iter_mut().zip(s.by_source) {
            acc.extend(parts);
        }
    }
    if sums.incidents > 0 {
        report.warnings.push(format!(
            "{} incident(s) from streamed tables are counted in every table and layer but not listed one by one in incidents.geojson/incidents.csv (use --stream never to list them)",
            sums.incidents
        ));
    }
    sums
}

/// Merges reports of one event across sources (when dedup is on) and
/// writes `dedup_clusters.csv`.
fn dedup_stage(
    plan: &Plan,
    incidents: Vec<Incident>,
    report: &mut Report,
) -> Result<Vec<Incident>> {
    if !plan.dedup.enabled {
        return Ok(incidents);
    }
    let pb = stage_bar(
        plan.progress && incidents.len() > 1,
        2 * incidents.len() as u64,
        Unit::Items,
        &format!("dedup of {} report(s)", incidents.len()),
    );
    let out = crate::dedup::dedup_with(incidents, &plan.dedup, &pb);
    pb.finish_and_clear();
    let merged = out
        .clusters
        .iter()
        .filter(|c| c.decision == crate::dedup::Decision::Merged);
    let (clusters, members) = merged.fold((0, 0), |(c, m), r| (c + 1, m + r.members.len()));
    report.dedup = DedupSummary {
        merged: clusters,
        members,
        ambiguous: out.clusters.len() - clusters,
    };
    let p = plan.out_dir.join("dedup_clusters.csv");
    crate::dedup::write_clusters_csv(&p, &out.clusters)?;
    report.written.push(p);
    Ok(out.incidents)
}

/// What the levels give the incident listing: each level's label and the
/// slot of every held incident, and the period of each (first level).
#[derive(Default)]
struct Listing {
    level_slots: Vec<(String, Vec<Slot>)>,
    first_periods: Vec<Period>,
}

impl Listing {
    fn add(&mut self, li: usize, (label, slots, periods): (String, Vec<Slot>, Vec<Period>)) {
        if li == 0 {
            self.first_periods = periods;
        }
        self.level_slots.push((label, slots));
    }
}

/// One level: assigns the held incidents, adds the streamed sums, writes
/// the level's tables and layers (and, for the first level, the charts and
/// the page). Returns the level's label, each incident's slot and (first
/// level) period.
#[allow(clippy::too_many_arguments)]
fn write_level(
    plan: &Plan,
    gaz: &Gazetteer,
    regions: &Regions,
    assigners: &[Assigner<'_>],
    li: usize,
    incidents: &[Incident],
    streamed: &StreamedSums,
    report: &mut Report,
) -> Result<(String, Vec<Slot>, Vec<Period>)> {
    let level = &plan.levels[li];
    let set = regions.set(li);
    let label = level.file_label();
    let (mut agg, slots) = assign_level(plan, &assigners[li], incidents, &label);
    let pb = stage_bar(plan.progress, 0, Unit::Spinner, &format!("writing {label}"));
    agg.merge(&streamed.aggs[li]);
    let level_files = LevelFiles {
        plan,
        label: &label,
        agg: &agg,
        set,
    };
    let mut first_periods: Vec<Period> = Vec::new();
    if li == 0 {
        first_periods = incidents
            .iter()
            .map(|i| crate::aggregate::period_of(i, plan.granularity))
            .collect();
    }
    let shown = Shown {
        incidents,
        slots: &slots,
        periods: &first_periods,
        not_held: streamed.incidents,
        rejected: report.rejected,
        duplicates: report.duplicates,
        filtered_out: report.filtered_out,
    };
    // the charts and the page (first level) are drawn meanwhile
    let draw = li == 0 && (plan.charts.is_some() || plan.html);
    let (files, drawn) = std::thread::scope(|s| {
        let drawn = draw.then(|| s.spawn(|| level_files.charts_and_page(gaz, level, &shown)));
        let files = level_files.write(incidents, &slots, &streamed.sources[li], report);
        (files, drawn.map(join_scoped))
    });
    files?;
    if let Some(drawn) = drawn {
        report.written.extend(drawn?);
    }
    report.levels.push(level_summary(&label, &agg));
    report.totals = Totals {
        events: agg.grand.events,
        deaths_low: agg.grand.deaths_low,
        deaths_best: agg.grand.deaths_best,
        deaths_high: agg.grand.deaths_high,
    };
    pb.finish_and_clear();
    Ok((label, slots, first_periods))
}

/// Assigns the held incidents of one level: the level's aggregate and
/// each incident's (first) slot.
fn assign_level(
    plan: &Plan,
    assigner: &Assigner<'_>,
    incidents: &[Incident],
    label: &str,
) -> (Aggregate, Vec<Slot>) {
    let mut agg = Aggregate {
        granularity: Some(plan.granularity),
        ..Aggregate::default()
    };
    let mut slots: Vec<Slot> = Vec::with_capacity(incidents.len());
    let (mut scratch, mut many) = (Vec::new(), Vec::new());
    let pb = stage_bar(
        plan.progress && !incidents.is_empty(),
        incidents.len() as u64,
        Unit::Items,
        &format!("assigning {label}"),
    );
    for (k, inc) in incidents.iter().enumerate() {
        if k as u64 % TICK == 0 {
            pb.set_position(k as u64);
        }
        assigner.slots_of(&crate::region::SlotInput::of(inc), &mut scratch, &mut many);
        for s in &many {
            agg.add(inc, s.clone(), plan.granularity);
        }
        slots.push(many.first().cloned().unwrap_or(Slot::Unassigned));
    }
    pb.finish_and_clear();
    (agg, slots)
}

/// The summary line of a level.
fn level_summary(label: &str, agg: &Aggregate) -> LevelSummary {
    let unallocated: u64 = agg
        .totals
        .iter()
        .filter(|(s, _)| matches!(s, Slot::Unallocated(_)))
        .map(|(_, t)| t.events)
        .sum();
    let unassigned = agg
        .totals
        .get(&Slot::Unassigned)
        .map(|t| t.events)
        .unwrap_or(0);
    let regions = agg
        .totals
        .keys()
        .filter(|s| matches!(s, Slot::Region(_) | Slot::Cell(..) | Slot::Named(_)))
        .count();
    LevelSummary {
        label: label.to_string(),
        regions,
        unallocated,
        unassigned,
    }
}

/// What the charts and the page show of the held incidents (first level).
struct Shown<'a> {
    incidents: &'a [Incident],
    slots: &'a [Slot],
    periods: &'a [Period],
    /// Streamed incidents, counted but not held.
    not_held: u64,
    /// The run's counts of records rejected, accounted for elsewhere, and
    /// left out by the date window.
    rejected: usize,
    duplicates: usize,
    filtered_out: usize,
}

/// A scoped thread's result (its panic, if any, goes on).
fn join_scoped<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// One level's outputs.
struct LevelFiles<'a> {
    plan: &'a Plan,
    label: &'a str,
    agg: &'a Aggregate,
    set: &'a RegionSet,
}

impl LevelFiles<'_> {
    /// The region totals, the aggregate tables, the source breakdown, the
    /// style and the region × period layer (on its own thread meanwhile:
    /// the largest file by far).
    fn write(
        &self,
        incidents: &[Incident],
        slots: &[Slot],
        streamed_sources: &[(String, Aggregate)],
        report: &mut Report,
    ) -> Result<()> {
        let (plan, label, agg, set) = (self.plan, self.label, self.agg, self.set);
        let g = plan.granularity.as_str();
        let p1 = plan.out_dir.join(format!("regions_{label}.geojson"));
        let p3 = plan.out_dir.join(format!("aggregates_{label}_{g}.csv"));
        let (periods, rest) = std::thread::scope(|s| {
            let h = s.spawn(|| {
                export::period_layer::write(&plan.out_dir, label, g, plan.layer_format, agg, set)
            });
            // the source breakdown (the longest table) on a third thread
            let provenance = s.spawn(|| {
                write_provenance_and_style(
                    plan,
                    label,
                    incidents,
                    slots,
                    streamed_sources,
                    agg,
                    set,
                )
            });
            let own = (|| -> Result<()> {
                gj::write_region_totals(&p1, agg, set)?;
                table::write_aggregates(&p3, agg, set)
            })();
            let rest = own.and_then(|()| join_scoped(provenance));
            (h.join(), rest)
        });
        let periods = periods.unwrap_or_else(|e| std::panic::resume_unwind(e))?;
        let rest = rest?;
        report.warnings.extend(periods.note);
        report.written.extend([p1, periods.path, p3]);
        report.written.extend(rest);
        Ok(())
    }

    /// The charts and the page (first level only); returns the files written.
    fn charts_and_page(
        &self,
        gaz: &Gazetteer,
        level: &Level,
        shown: &Shown<'_>,
    ) -> Result<Vec<PathBuf>> {
        let (plan, set) = (self.plan, self.set);
        let input = export::chart_input::chart_input(
            "Deaths in reported conflict incidents",
            self.label,
            plan.granularity.as_str(),
            self.agg,
            set,
            shown.incidents,
            &attribution(gaz, level),
        );
        // the page is built while the charts are drawn, and written once
        // they are (a chart that fails leaves no page, as before)
        let (charts, page) = std::thread::scope(|s| {
            let charts = plan
                .charts
                .as_ref()
                .map(|opts| s.spawn(|| export::chart::render_all(&input, opts, &plan.out_dir)));
            let page = plan.html.then(|| self.page(set, &input, shown));
            (charts.map(join_scoped).transpose(), page)
        });
        let mut written = charts?.unwrap_or_default();
        if let Some(page) = page {
            let p = plan.out_dir.join("index.html");
            export::write_atomic(&p, page?.as_bytes())?;
            written.push(p);
        }
        Ok(written)
    }

    /// The page's text (first level only).
    fn page(
        &self,
        set: &RegionSet,
        input: &export::chart::ChartInput,
        shown: &Shown<'_>,
    ) -> Result<String> {
        let plan = self.plan;
        // one shared text per region and per period, not two per incident
        let mut codes: rustc_hash::FxHashMap<&Slot, std::sync::Arc<str>> = Default::default();
        let mut labels: rustc_hash::FxHashMap<&Period, std::sync::Arc<str>> = Default::default();
        let rows: Vec<export::html::IncidentRow> = shown
            .slots
            .iter()
            .zip(shown.periods)
            .map(|(s, p)| export::html::IncidentRow {
                region_code: codes
                    .entry(s)
                    .or_insert_with(|| match s {
                        Slot::Region(r) => set.regions()[*r].code.as_str().into(),
                        s => export::layers::describe(s, set).code.into(),
                    })
                    .clone(),
                period: labels
                    .entry(p)
                    .or_insert_with(|| p.to_string().into())
                    .clone(),
            })
            .collect();
        let page = export::html::PageInput {
            chart: input,
            incidents: shown.incidents,
            rows: &rows,
            rejected: shown.rejected,
            duplicates: shown.duplicates,
            filtered_out: shown.filtered_out,
            not_held: shown.not_held,
            inputs: plan
                .inputs
                .iter()
                .map(|p| crate::model::doc_name(p))
                .collect(),
            charts: plan.charts.is_some(),
        };
        export::html::render_page(&page)
    }
}

/// Writes the incident listing: `incidents.geojson`, `incidents.csv` (and
/// its `.csvt`), with each incident's region at every level and its period.
fn write_listing(
    plan: &Plan,
    regions: &Regions,
    incidents: &[Incident],
    listing: &Listing,
    report: &mut Report,
) -> Result<()> {
    let level_slots = &listing.level_slots;
    let first_periods = &listing.first_periods;
    let level_sets: Vec<&RegionSet> = regions.sets().collect();
    // each incident's region at every level, and its period
    let cells = |i: usize| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = level_slots
            .iter()
            .zip(&level_sets)
            .filter_map(|((label, slots), set)| {
                let name = match slots.get(i)? {
                    Slot::Region(r) => set.regions()[*r].name.clone(),
                    s => export::layers::describe(s, set).name,
                };
                Some((format!("region_{label}"), name))
            })
            .collect();
        if let Some(per) = first_periods.get(i) {
            v.push(("period".to_string(), per.to_string()));
        }
        v
    };
    let mut extra_columns: Vec<String> = level_slots
        .iter()
        .map(|(label, _)| format!("region_{label}"))
        .collect();
    extra_columns.push("period".into());
    let pg = plan.out_dir.join("incidents.geojson");
    let p = plan.out_dir.join("incidents.csv");
    // the table on its own thread while the GeoJSON is rendered
    let (geojson, csv) = std::thread::scope(|s| {
        let csv = s.spawn(|| {
            table::write_incidents_csv_with(&p, incidents, &extra_columns, &|i| {
                let c = cells(i);
                extra_columns
                    .iter()
                    .map(|col| {
                        c.iter()
                            .find(|(k, _)| k == col)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                    .collect()
            })
        });
        let geojson = gj::write_incidents(&pg, incidents, &cells);
        (geojson, csv.join())
    });
    geojson?;
    csv.unwrap_or_else(|e| std::panic::resume_unwind(e))?;
    report.written.push(pg);
    report.written.push(p.clone());
    let mut columns: Vec<&str> = table::INCIDENT_COLUMNS.to_vec();
    columns.extend(extra_columns.iter().map(String::as_str));
    report.written.push(table::write_csvt(&p, &columns)?);
    Ok(())
}

/// Writes `review.csv` and `rejects.csv` (rejects by input, in the order
/// the inputs came, then by line) and the summary's problem lines.
fn write_rejects_and_review(
    plan: &Plan,
    incidents: &[Incident],
    mut rejects: Vec<Reject>,
    report: &mut Report,
) -> Result<()> {
    // by input, in the order the inputs came, then by line (checks made
    // after reading, such as swapped coordinates, fall in their place)
    let mut order: Vec<String> = Vec::new();
    for r in &rejects {
        if !order.contains(&r.source) {
            order.push(r.source.clone());
        }
    }
    rejects.sort_by_key(|r| (order.iter().position(|s| *s == r.source), r.line));
    let p = plan.out_dir.join("review.csv");
    table::write_review(&p, incidents)?;
    report.written.push(p);
    let p = plan.out_dir.join("rejects.csv");
    table::write_rejects(&p, &rejects)?;
    report.problems =
        crate::explain::input_lines(&input_outcomes(report), &rejects, Some(&p), false);
    report.written.push(p);
    Ok(())
}

/// Says which countries of the incidents an admin level's polygons do not
/// cover (their incidents cannot be placed in a region of that level), or
/// that the gazetteer has no polygons at all for it.
fn coverage_warning(
    level: &Level,
    set: &RegionSet,
    incidents: &[Incident],
    gaz: &Gazetteer,
) -> Option<String> {
    let what = match level {
        Level::Admin1 => "admin-1",
        Level::Admin2 => "admin-2",
        _ => return None,
    };
    let origin = gaz
        .origin
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the embedded default".into());
    if set.is_empty() {
        return Some(format!(
            "the gazetteer ({origin}) has no {what} polygons: every incident is unassigned at {what}; rebuild it with gazetteer import --{what}-polygons FILE.geojson, or pass --by FILE.geojson[:FIELD]",
            what = what.replace('-', "")
        ));
    }
    let covered: std::collections::BTreeSet<&str> = set
        .regions()
        .iter()
        .filter_map(|r| r.country.as_deref())
        .collect();
    if covered.is_empty() {
        return None;
    }
    let mut missing: std::collections::BTreeMap<&str, usize> = Default::default();
    for inc in incidents {
        if let Some(c) = inc.country.as_deref() {
            if !covered.contains(c) {
                *missing.entry(c).or_default() += 1;
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    let list: Vec<String> = missing
        .iter()
        .map(|(c, n)| format!("{c} ({n} incident(s))"))
        .collect();
    Some(format!(
        "--by {}: the {what} polygons ({origin}) do not cover {}: those incidents count as unassigned or unallocated at this level; add their {what} boundaries (gazetteer import --{}-polygons FILE.geojson)",
        level.file_label(),
        list.join(", "),
        what.replace('-', "")
    ))
}

/// Each input's outcome as [`crate::explain`] reads it.
fn input_outcomes(report: &Report) -> Vec<crate::explain::InputOutcome> {
    report
        .inputs
        .iter()
        .map(|i| crate::explain::InputOutcome {
            path: i.path.clone(),
            records: i.records,
            incidents: i.incidents,
            article: i.format == "article",
        })
        .collect()
}
