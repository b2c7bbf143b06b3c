//! The report run: the only place that knows the order of the stages.
//!
//! `read → extract → geocode → filter → dedup → assign → aggregate → write`.

use crate::aggregate::Aggregate;
use crate::error::{Error, Result};
use crate::export::{self, geojson as gj, table};
use crate::gazetteer::{self, Gazetteer};
use crate::geocode::{self, Outcome};
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
    /// Per input: (path, format, records, incidents, rejected).
    pub inputs: Vec<(String, String, u64, u64, u64)>,
    /// Totals: events, deaths low, best, high.
    pub totals: (u64, u64, u64, u64),
    /// Per level: (label, regions with incidents, unallocated events, unassigned events).
    pub levels: Vec<(String, usize, u64, u64)>,
    /// Plausibility flags raised: (flag, incidents flagged), see [`crate::plausible`].
    pub flagged: Vec<(&'static str, usize)>,
    /// Dedup: (merged records, reports merged into them, reports left alone as ambiguous).
    pub dedup: (usize, usize, usize),
    /// One line per input that could not be used, in whole or in part: its
    /// reason and, for known reasons, the fix (see [`crate::explain`]).
    pub problems: Vec<String>,
    /// Files an earlier run wrote into the output folder (by its
    /// [`MANIFEST`]) that this run did not rewrite, removed.
    pub removed: Vec<String>,
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
    let mut out = Collected::default();
    let size = |p: &PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total: u64 = inputs.iter().map(size).sum();
    let pb = stage_bar(show_progress && total > 0, total, Unit::Bytes, "reading");
    let mut extractor = crate::extract::Extractor::new(gaz).with_lang(lang);
    for path in inputs {
        pb.set_message(format!("reading {}", crate::model::doc_name(path)));
        let _advance = Advance(&pb, size(path));
        let source = path.display().to_string();
        let file_reject = |reason: String| Reject {
            source: source.clone(),
            line: 0,
            id: None,
            reason,
            raw: String::new(),
            benign: false,
        };
        if path.is_dir() {
            report
                .inputs
                .push((source.clone(), "directory".into(), 0, 0, 1));
            out.rejects.push(file_reject(format!(
                "{source}: is a directory, not an incident file or an article"
            )));
            continue;
        }
        match InputKind::of(path) {
            InputKind::Article => match ingest::check_not_binary(path)
                .and_then(|_| crate::extract::read_document(path, published))
            {
                Ok((doc, warnings)) => {
                    report.warnings.extend(warnings);
                    let mut found = extractor.extract(&doc);
                    for inc in &mut found {
                        inc.source.get_or_insert_with(|| "article".into());
                        inc.confidence = inc.confidence.map(table::round_confidence);
                        crate::plausible::check_published(inc, doc.published);
                    }
                    report.inputs.push((
                        source.clone(),
                        "article".into(),
                        1,
                        found.len() as u64,
                        0,
                    ));
                    out.incidents.extend(found);
                }
                Err(e) => {
                    report
                        .inputs
                        .push((source.clone(), "article".into(), 1, 0, 1));
                    out.rejects.push(file_reject(e.to_string()));
                }
            },
            _ => {
                let mut sink = |item: Item| match item {
                    Item::Incident(i) => out.incidents.push(*i),
                    Item::Reject(r) => out.rejects.push(r),
                };
                match ingest::read_file(path, &mut sink) {
                    Ok(st) => report.inputs.push((
                        source.clone(),
                        st.format,
                        st.records,
                        st.incidents,
                        st.rejected,
                    )),
                    Err(e) => {
                        report
                            .inputs
                            .push((source.clone(), "unreadable".into(), 0, 0, 1));
                        out.rejects.push(file_reject(e.to_string()));
                    }
                }
            }
        }
    }
    pb.finish_and_clear();
    out
}

/// The region a point falls in when swapped (see
/// [`crate::stream::swapped_region`]), unless the record names a country and
/// that region is in another one: an event in Nigeria or Chad from a global
/// UCDP/ACLED export is outside the map, not swapped.
fn swap_suspect(inc: &Incident, admin1: &RegionSet, lon: f64, lat: f64) -> Option<usize> {
    crate::stream::swapped_region(admin1, lon, lat, inc.country.as_deref())
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
    let mut rows = crate::aggregate::by_source(incidents, slots, plan.granularity);
    for (source, part) in streamed {
        crate::aggregate::add_source_cells(&mut rows, part, source);
    }
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

/// Runs the whole report.
pub fn run(plan: &Plan) -> Result<Report> {
    crate::ingest::fields::set_decimal_comma(plan.decimal_comma);
    let mut report = Report::default();
    let gaz = gazetteer::load(plan.gazetteer.as_deref())?;
    // Load every region set first: a bad --by fails before any work.
    let mut admin1 = regions_for(&Level::Admin1, &gaz)?;
    admin1.tolerance_km = plan.tolerance_km;
    let mut sets = Vec::new();
    for level in &plan.levels {
        if *level == Level::Admin1 {
            sets.push(None);
        } else {
            let mut set = regions_for(level, &gaz)?;
            set.tolerance_km = plan.tolerance_km;
            sets.push(Some(set));
        }
    }

    // which inputs are streamed
    let (streamed_inputs, held_inputs): (Vec<PathBuf>, Vec<PathBuf>) =
        plan.inputs.iter().cloned().partition(|p| {
            let big = std::fs::metadata(p)
                .map(|m| m.len() >= STREAM_THRESHOLD)
                .unwrap_or(false);
            let wanted = match plan.stream {
                StreamMode::Never => false,
                StreamMode::Always => true,
                StreamMode::Auto => big,
            };
            wanted && InputKind::of(p) == InputKind::Csv && crate::stream::can_stream(p)
        });

    let Collected {
        mut incidents,
        mut rejects,
    } = collect_in(
        &held_inputs,
        &gaz,
        plan.published,
        plan.lang,
        &mut report,
        plan.progress,
    );
    // lat/lon given the wrong way round: outside every region, inside one when swapped
    let mut kept = Vec::with_capacity(incidents.len());
    for inc in incidents {
        if let Some((lon, lat)) = inc.lon_lat() {
            if let Some(r) = swap_suspect(&inc, &admin1, lon, lat) {
                rejects.push(Reject {
                    source: inc.doc.clone(),
                    line: inc.source_line.unwrap_or(0),
                    id: Some(inc.id.clone()),
                    reason: crate::stream::swapped_reason(lat, lon, &admin1.regions()[r].name),
                    raw: String::new(),
                    benign: false,
                });
                continue;
            }
        }
        kept.push(inc);
    }
    incidents = kept;

    let pb = stage_bar(
        plan.progress && !incidents.is_empty(),
        incidents.len() as u64,
        Unit::Items,
        "geocoding",
    );
    for (k, inc) in incidents.iter_mut().enumerate() {
        if k as u64 % TICK == 0 {
            pb.set_position(k as u64);
        }
        match geocode::locate(inc, &gaz) {
            Outcome::NotFound => report
                .unresolved
                .push((inc.id.clone(), inc.place.clone().unwrap_or_default())),
            Outcome::Ambiguous(c) => report.ambiguous.push((inc.id.clone(), c)),
            _ => {}
        }
    }
    pb.finish_and_clear();

    for inc in incidents.iter_mut() {
        crate::plausible::check_toll(inc);
        crate::plausible::check_date(inc);
        crate::plausible::check_region(inc, &admin1);
    }

    let before = incidents.len();
    incidents.retain(|i| match i.date_start {
        None => true,
        Some(d) => plan.from.is_none_or(|f| d >= f) && plan.to.is_none_or(|t| d <= t),
    });
    report.filtered_out = before - incidents.len();

    let level_sets: Vec<&RegionSet> = sets.iter().map(|s| s.as_ref().unwrap_or(&admin1)).collect();
    let assigners: Vec<Assigner<'_>> = level_sets
        .iter()
        .map(|set| Assigner {
            regions: set,
            admin1: Some(&admin1),
            overlap: plan.overlap,
        })
        .collect();

    // streamed tables: aggregated on the fly, never held
    let mut streamed_aggs: Vec<Aggregate> = vec![Aggregate::default(); plan.levels.len()];
    let mut streamed_sources: Vec<Vec<(String, Aggregate)>> = vec![Vec::new(); plan.levels.len()];
    let mut streamed_incidents = 0u64;
    let mut streamed_flagged: Vec<u64> = Vec::new();
    for path in &streamed_inputs {
        let settings = crate::stream::StreamSettings {
            assigners: &assigners,
            admin1: &admin1,
            gazetteer: &gaz,
            granularity: plan.granularity,
            from: plan.from,
            to: plan.to,
            threads: plan.threads,
            block_bytes: plan.block_bytes.unwrap_or(crate::stream::BLOCK),
            progress: None,
        };
        let source = path.display().to_string();
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let pb = stage_bar(
            plan.progress,
            size,
            Unit::Bytes,
            &format!("streaming {}", crate::model::doc_name(path)),
        );
        let settings = crate::stream::StreamSettings {
            progress: Some(&pb),
            ..settings
        };
        let streamed = crate::stream::stream_file(path, &settings);
        pb.finish_and_clear();
        match streamed {
            Ok(s) => {
                // incidents read, before the date window (as held inputs count them)
                report.inputs.push((
                    source,
                    s.stats.format.clone(),
                    s.stats.records,
                    s.stats.incidents + s.filtered_out,
                    s.stats.rejected,
                ));
                report.filtered_out += s.filtered_out as usize;
                streamed_incidents += s.stats.incidents;
                streamed_flagged.resize(streamed_flagged.len().max(s.flagged.len()), 0);
                for (n, m) in streamed_flagged.iter_mut().zip(s.flagged) {
                    *n += m;
                }
                if s.unresolved > 0 {
                    report.warnings.push(format!(
                        "{}: {} place name(s) not in the gazetteer",
                        path.display(),
                        s.unresolved
                    ));
                }
                rejects.extend(s.rejects);
                for (acc, a) in streamed_aggs.iter_mut().zip(&s.aggregates) {
                    acc.merge(a);
                }
                for (acc, parts) in streamed_sources.iter_mut().zip(s.by_source) {
                    acc.extend(parts);
                }
            }
            Err(e) => {
                report
                    .inputs
                    .push((source.clone(), "unreadable".into(), 0, 0, 1));
                rejects.push(Reject {
                    source,
                    line: 0,
                    id: None,
                    reason: e.to_string(),
                    raw: String::new(),
                    benign: false,
                });
            }
        }
    }
    if streamed_incidents > 0 {
        report.warnings.push(format!(
            "{streamed_incidents} incident(s) from streamed tables are counted in every table and layer but not listed one by one in incidents.geojson/incidents.csv (use --stream never to list them)"
        ));
    }
    let usable = incidents.len() + report.filtered_out + streamed_incidents as usize;
    if usable == 0 {
        let mut lines = crate::explain::input_lines(&input_outcomes(&report), &rejects, None, true);
        lines.extend(report.warnings.iter().map(|w| format!("warning: {w}")));
        return Err(Error::NothingUsable(lines));
    }
    std::fs::create_dir_all(&plan.out_dir).map_err(|e| Error::io(&plan.out_dir, e))?;
    if plan.dedup.enabled {
        let pb = stage_bar(
            plan.progress && incidents.len() > 1,
            0,
            Unit::Spinner,
            &format!("dedup of {} report(s)", incidents.len()),
        );
        let out = crate::dedup::dedup(incidents, &plan.dedup);
        pb.finish_and_clear();
        incidents = out.incidents;
        let merged = out
            .clusters
            .iter()
            .filter(|c| c.decision == crate::dedup::Decision::Merged);
        let (clusters, members) = merged.fold((0, 0), |(c, m), r| (c + 1, m + r.members.len()));
        report.dedup = (clusters, members, out.clusters.len() - clusters);
        let p = plan.out_dir.join("dedup_clusters.csv");
        crate::dedup::write_clusters_csv(&p, &out.clusters)?;
        report.written.push(p);
    }
    report.incidents = incidents.len() + streamed_incidents as usize;
    report.flagged = crate::plausible::count(&incidents);
    for ((_, n), m) in report.flagged.iter_mut().zip(&streamed_flagged) {
        *n += *m as usize;
    }

    report.rejected = rejects.iter().filter(|r| !r.benign).count();
    report.duplicates = rejects.iter().filter(|r| r.benign).count();

    // every level's slot of every incident: its region columns
    let mut level_slots: Vec<(String, Vec<Slot>)> = Vec::new();
    let mut first_periods: Vec<Period> = Vec::new();
    for (li, (level, set)) in plan.levels.iter().zip(&level_sets).enumerate() {
        let set: &RegionSet = set;
        let assigner = &assigners[li];
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
            &format!("assigning {}", level.file_label()),
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
        let pb = stage_bar(
            plan.progress,
            0,
            Unit::Spinner,
            &format!("writing {}", level.file_label()),
        );
        agg.merge(&streamed_aggs[li]);
        let label = level.file_label();
        let g = plan.granularity.as_str();
        let p1 = plan.out_dir.join(format!("regions_{label}.geojson"));
        let p3 = plan.out_dir.join(format!("aggregates_{label}_{g}.csv"));
        // the region x period layer repeats each polygon per period (the
        // largest file by far): written on its own thread meanwhile
        let (periods, rest) = std::thread::scope(|s| {
            let h = s.spawn(|| {
                export::period_layer::write(&plan.out_dir, &label, g, plan.layer_format, &agg, set)
            });
            let rest = (|| -> Result<Vec<PathBuf>> {
                gj::write_region_totals(&p1, &agg, set)?;
                table::write_aggregates(&p3, &agg, set)?;
                write_provenance_and_style(
                    plan,
                    &label,
                    &incidents,
                    &slots,
                    &streamed_sources[li],
                    &agg,
                    set,
                )
            })();
            (h.join(), rest)
        });
        let periods = periods.unwrap_or_else(|e| std::panic::resume_unwind(e))?;
        let rest = rest?;
        report.warnings.extend(periods.note);
        report.written.extend([p1, periods.path, p3]);
        report.written.extend(rest);
        let unalloc: u64 = agg
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
        let with = agg
            .totals
            .keys()
            .filter(|s| matches!(s, Slot::Region(_) | Slot::Cell(..) | Slot::Named(_)))
            .count();
        report
            .levels
            .push((label.clone(), with, unalloc, unassigned));
        report.totals = (
            agg.grand.events,
            agg.grand.deaths_low,
            agg.grand.deaths_best,
            agg.grand.deaths_high,
        );
        if li == 0 {
            first_periods = incidents
                .iter()
                .map(|i| crate::aggregate::period_of(i, plan.granularity))
                .collect();
            if plan.charts.is_some() || plan.html {
                let input = export::chart_input::chart_input(
                    "Deaths in reported conflict incidents",
                    &label,
                    g,
                    &agg,
                    set,
                    &incidents,
                    &attribution(&gaz, level),
                );
                if let Some(opts) = &plan.charts {
                    report
                        .written
                        .extend(export::chart::render_all(&input, opts, &plan.out_dir)?);
                }
                if plan.html {
                    let rows: Vec<export::html::IncidentRow> = slots
                        .iter()
                        .zip(&first_periods)
                        .map(|(s, p)| export::html::IncidentRow {
                            region_code: export::layers::describe(s, set).code,
                            period: p.to_string(),
                        })
                        .collect();
                    let page = export::html::PageInput {
                        chart: &input,
                        incidents: &incidents,
                        rows: &rows,
                        rejected: report.rejected,
                        duplicates: report.duplicates,
                        filtered_out: report.filtered_out,
                        not_held: streamed_incidents,
                        inputs: plan
                            .inputs
                            .iter()
                            .map(|p| crate::model::doc_name(p))
                            .collect(),
                        charts: plan.charts.is_some(),
                    };
                    let p = plan.out_dir.join("index.html");
                    export::html::write_page(&p, &page)?;
                    report.written.push(p);
                }
            }
        }
        pb.finish_and_clear();
        level_slots.push((label, slots));
    }

    for (level, set) in plan.levels.iter().zip(&level_sets) {
        if let Some(w) = coverage_warning(level, set, &incidents, &gaz) {
            report.warnings.push(w);
        }
    }
    // each incident's region at every level, and its period
    let cells = |i: usize| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = level_slots
            .iter()
            .zip(&level_sets)
            .filter_map(|((label, slots), set)| {
                let info = export::layers::describe(slots.get(i)?, set);
                Some((format!("region_{label}"), info.name))
            })
            .collect();
        if let Some(per) = first_periods.get(i) {
            v.push(("period".to_string(), per.to_string()));
        }
        v
    };
    let p = plan.out_dir.join("incidents.geojson");
    gj::write_incidents(&p, &incidents, &|i| {
        cells(i)
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::from(v)))
            .collect()
    })?;
    report.written.push(p);
    let p = plan.out_dir.join("incidents.csv");
    let mut extra_columns: Vec<String> = level_slots
        .iter()
        .map(|(label, _)| format!("region_{label}"))
        .collect();
    extra_columns.push("period".into());
    table::write_incidents_csv_with(&p, &incidents, &extra_columns, &|i| {
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
    })?;
    report.written.push(p.clone());
    let mut columns: Vec<&str> = table::INCIDENT_COLUMNS.to_vec();
    columns.extend(extra_columns.iter().map(String::as_str));
    report.written.push(table::write_csvt(&p, &columns)?);
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
    table::write_review(&p, &incidents)?;
    report.written.push(p);
    let p = plan.out_dir.join("rejects.csv");
    table::write_rejects(&p, &rejects)?;
    report.problems =
        crate::explain::input_lines(&input_outcomes(&report), &rejects, Some(&p), false);
    report.written.push(p);
    let (removed, manifest) = replace_manifest(&plan.out_dir, &report.written)?;
    report.removed = removed;
    report.written.push(manifest);
    Ok(report)
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
        .map(
            |(path, format, records, incidents, _)| crate::explain::InputOutcome {
                path: path.clone(),
                records: *records,
                incidents: *incidents,
                article: format == "article",
            },
        )
        .collect()
}
