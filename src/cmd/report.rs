//! `report`: the full pipeline, from inputs to the output folder.

use super::common::{check_inputs, parse_day, ArticleOpts};
use super::values::Flag;
use super::{EXIT_OK, EXIT_REJECTS};
use crate::dedup::{DedupConfig, MergePolicy};
use crate::error::Error;
use crate::export::chart::{ChartFormat, ChartOptions};
use crate::period::Granularity;
use crate::pipeline::{self, Plan, StreamMode};
use crate::region::{Level, Overlap};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Articles (.txt, .md) and incident files (.csv, .ndjson, .geojson, ACLED, UCDP GED), mixed.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "output")]
    pub out: PathBuf,
    /// Regions: admin1, admin2, grid:0.5, or FILE.geojson[:FIELD]. Repeat or comma-separate for several.
    #[arg(long, default_value = "admin1", value_delimiter = ',')]
    pub by: Vec<String>,
    /// Period: day, week (ISO), month, quarter, year.
    #[arg(long, default_value = "month", value_parser = Flag::<Granularity>::new())]
    pub period: Granularity,
    /// Keep incidents from this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Keep incidents up to this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The article options shared with `report`.
    #[command(flatten)]
    pub article: ArticleOpts,
    /// Distance (km) within which a point just outside every polygon snaps to the nearest one.
    #[arg(long, default_value_t = 5.0)]
    pub tolerance_km: f64,
    /// Stream large incident tables (aggregated on the fly, in bounded memory): auto (tables of 32 MiB or more), always, never.
    #[arg(long, default_value = "auto", value_parser = Flag::<StreamMode>::new())]
    pub stream: StreamMode,
    /// Worker threads for streaming (default: all cores). Output is the same for any count.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Bytes per streaming block (tests use small blocks to cross block
    /// boundaries often).
    #[arg(long, hide = true)]
    pub block_bytes: Option<usize>,
    /// Chart file format: png or svg.
    #[arg(long, default_value = "png", value_parser = Flag::<ChartFormat>::new())]
    pub chart_format: ChartFormat,
    /// Chart size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1000")]
    pub chart_size: String,
    /// Do not draw charts.
    #[arg(long)]
    pub no_charts: bool,
    /// A point inside several overlapping polygons counts in the first (by code; totals conserved) or in all of them (a spatial join's "within").
    #[arg(long, default_value = "first", value_parser = Flag::<Overlap>::new())]
    pub overlap: Overlap,
    /// Do not merge reports of one event across sources (every report counts).
    #[arg(long)]
    pub no_dedup: bool,
    /// Distance (km) within which two village-level reports may be one event.
    #[arg(long, default_value_t = 10.0)]
    pub dedup_km: f64,
    /// Best toll of a merged event: conservative (the codebook: a revised figure, else the lowest), median, min, max, mean.
    #[arg(long, default_value = "conservative", value_parser = Flag::<MergePolicy>::new())]
    pub dedup_policy: MergePolicy,
    /// Do not write index.html, the offline report page.
    #[arg(long)]
    pub no_html: bool,
    /// Coordinates are written with a decimal comma (14,35), as spreadsheets in many locales export them.
    #[arg(long)]
    pub decimal_comma: bool,
    /// Format of the region x period layer: auto (GeoJSON, or GeoPackage when the GeoJSON would pass 64 MiB), geojson, gpkg (polygons once, a period table, a view joining them), fgb (FlatGeobuf: polygons once, a column per period and tally).
    #[arg(long, default_value = "auto")]
    pub layer_format: String,
}
/// Runs `report`; returns the exit status.
pub(super) fn run(a: ReportArgs, quiet: bool) -> anyhow::Result<u8> {
    let plan = report_plan(&a, quiet)?;
    let report = pipeline::run(&plan)?;
    if !quiet {
        print_summary(&report);
    }
    // the reason for a non-zero exit is said even under --quiet
    if report.has_rejects() {
        for line in &report.problems {
            eprintln!("error: {line}");
        }
        if report.problems.is_empty() {
            eprintln!(
                "error: {} record(s) rejected: see {}",
                report.rejected,
                plan.out_dir.join("rejects.csv").display()
            );
        }
    }
    Ok(if report.has_rejects() {
        EXIT_REJECTS
    } else {
        EXIT_OK
    })
}

/// Turns `report` arguments into a validated plan.
pub fn report_plan(a: &ReportArgs, quiet: bool) -> Result<Plan, Error> {
    check_inputs(&a.inputs)?;
    if a.out.exists() && !a.out.is_dir() {
        return Err(Error::Usage(format!(
            "-o {}: a file of that name exists, and report writes a folder of files: give a folder (e.g. -o output/) or move the file away",
            a.out.display()
        )));
    }
    let levels = levels(&a.by)?;
    let from = parse_day("--from", &a.from)?;
    let to = parse_day("--to", &a.to)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(Error::Usage(format!("--from {f} is after --to {t}")));
        }
    }
    if !(0.0..=100.0).contains(&a.tolerance_km) {
        return Err(Error::Usage(
            "--tolerance-km must be between 0 and 100".into(),
        ));
    }
    Ok(Plan {
        dedup: dedup_config(a)?,
        inputs: a.inputs.clone(),
        gazetteer: a.article.gazetteer.clone(),
        levels,
        granularity: a.period,
        from,
        to,
        out_dir: a.out.clone(),
        published: parse_day("--published", &a.article.published)?,
        lang: a.article.lang,
        tolerance_km: a.tolerance_km,
        progress: !quiet,
        stream: a.stream,
        html: !a.no_html,
        decimal_comma: a.decimal_comma,
        layer_format: crate::export::period_layer::LayerChoice::parse(&a.layer_format)?,
        overlap: a.overlap,
        charts: if a.no_charts {
            None
        } else {
            Some(chart_options(a.chart_format, &a.chart_size)?)
        },
        block_bytes: a.block_bytes.map(|b| b.max(16)),
        threads: match a.threads {
            Some(0) => return Err(Error::Usage("--threads must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
        },
    })
}

/// The region levels of `--by`, each once, in the order given.
fn levels(by: &[String]) -> Result<Vec<Level>, Error> {
    let mut levels = Vec::new();
    for b in by {
        let l = Level::parse(b)?;
        if let Level::File { path, .. } = &l {
            if !path.exists() {
                return Err(Error::Usage(format!(
                    "--by {b}: polygon file {} does not exist",
                    path.display()
                )));
            }
        }
        if !levels.contains(&l) {
            levels.push(l);
        }
    }
    Ok(levels)
}

/// `--no-dedup`, `--dedup-km` and `--dedup-policy`.
fn dedup_config(a: &ReportArgs) -> Result<DedupConfig, Error> {
    if !(a.dedup_km >= 0.0 && a.dedup_km <= 100.0) {
        return Err(Error::Usage("--dedup-km must be between 0 and 100".into()));
    }
    Ok(DedupConfig {
        enabled: !a.no_dedup,
        place_km: a.dedup_km,
        policy: a.dedup_policy,
        ..DedupConfig::default()
    })
}

/// `--chart-format` and `--chart-size WIDTHxHEIGHT`.
fn chart_options(format: ChartFormat, size: &str) -> Result<ChartOptions, Error> {
    let (width, height) = size
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)))
        .filter(|(w, h)| (64..=8192).contains(w) && (64..=8192).contains(h))
        .ok_or_else(|| {
            Error::Usage(format!(
                "--chart-size {size:?}: expected WIDTHxHEIGHT, each 64 to 8192 (e.g. 1600x1000)"
            ))
        })?;
    Ok(ChartOptions {
        width,
        height,
        format,
    })
}

/// The summary of a run on stderr: what was read, found, merged, left out
/// and written.
fn print_summary(r: &pipeline::Report) {
    let mut e = std::io::stderr().lock();
    for i in &r.inputs {
        let _ = writeln!(
            e,
            "read {} ({}): {} record(s), {} incident(s), {} rejected",
            i.path, i.format, i.records, i.incidents, i.rejected
        );
    }
    let t = &r.totals;
    let _ = writeln!(
        e,
        "{} incident(s): {} event(s), deaths low/best/high {}/{}/{}",
        r.incidents, t.events, t.deaths_low, t.deaths_best, t.deaths_high
    );
    for l in &r.levels {
        let _ = writeln!(
            e,
            "  by {}: {} region(s) with incidents, {} event(s) unallocated, {} unassigned",
            l.label, l.regions, l.unallocated, l.unassigned
        );
    }
    if r.dedup.merged > 0 {
        let _ = writeln!(
            e,
            "{} report(s) of the same events merged into {} (see dedup_clusters.csv)",
            r.dedup.members, r.dedup.merged
        );
    }
    if r.dedup.ambiguous > 0 {
        let _ = writeln!(
            e,
            "{} report(s) could belong to several events and were not merged (flag dedup_ambiguous)",
            r.dedup.ambiguous
        );
    }
    print_notes(&mut e, r);
}

/// The summary's second half: plausibility flags, filtered and duplicate
/// rows, unresolved places, warnings, rejects and the files written.
fn print_notes(e: &mut impl Write, r: &pipeline::Report) {
    if r.flagged.iter().any(|(_, n)| *n > 0) {
        let parts: Vec<String> = r
            .flagged
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| format!("{n} {f}"))
            .collect();
        let _ = writeln!(
            e,
            "plausibility: {} (kept; see the flags column)",
            parts.join(", ")
        );
    }
    if r.filtered_out > 0 {
        let _ = writeln!(
            e,
            "{} incident(s) outside --from/--to left out",
            r.filtered_out
        );
    }
    if r.duplicates > 0 {
        let _ = writeln!(
            e,
            "{} duplicate actor row(s) counted once (listed in rejects.csv)",
            r.duplicates
        );
    }
    for (id, name) in r.unresolved.iter().take(10) {
        let _ = writeln!(e, "warning: {id}: place {name:?} not in the gazetteer");
    }
    if r.unresolved.len() > 10 {
        let _ = writeln!(
            e,
            "warning: … and {} more unresolved place(s)",
            r.unresolved.len() - 10
        );
    }
    for w in &r.warnings {
        let _ = writeln!(e, "warning: {w}");
    }
    if r.rejected > 0 {
        let _ = writeln!(e, "{} record(s) rejected: see rejects.csv", r.rejected);
    }
    if let Some(dir) = r.written.first().and_then(|p| p.parent()) {
        let _ = writeln!(e, "wrote {} file(s) to {}", r.written.len(), dir.display());
        if !r.removed.is_empty() {
            let _ = writeln!(
                e,
                "removed {} file(s) an earlier run wrote there that this run did not: {}",
                r.removed.len(),
                r.removed.join(", ")
            );
        }
    }
}
