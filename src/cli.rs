//! Command line: clap types, turned into validated plans for the library.
//! The only module that knows clap.

use crate::error::Error;
use crate::gazetteer::{self, Hint};
use crate::model::Incident;
use crate::period::Granularity;
use crate::pipeline::{self, Plan};
use crate::region::Level;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// Exit status: everything was used.
pub const EXIT_OK: u8 = 0;
/// Exit status: finished, but some input records were rejected.
pub const EXIT_REJECTS: u8 = 1;
/// Exit status: could not run.
pub const EXIT_ERROR: u8 = 2;

/// casualty-atlas: casualty incidents from Sahel reports and event files,
/// located, aggregated by region and period, written as GeoJSON, CSV and charts.
#[derive(Debug, Parser)]
#[command(name = "casualty-atlas", version, about, long_about = None, after_help = "Examples:\n  casualty-atlas report gazetteer/samples/sahel_incidents.csv -o output/\n  casualty-atlas extract article.txt -o incidents.ndjson\n  casualty-atlas geocode Kimparana --country ML\n  casualty-atlas query output/incidents.geojson --near 14.35,-3.61 --radius 50")]
pub struct Cli {
    /// Silence progress bars and the summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The subcommand.
    #[command(subcommand)]
    pub cmd: Cmd,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Full pipeline: read articles and incident files, geocode, aggregate, write layers, tables and charts.
    #[command(
        after_help = "Example:\n  casualty-atlas report gazetteer/samples/sahel_incidents.csv --by admin1 --period month -o output/"
    )]
    Report(ReportArgs),
    /// Extract incidents from articles (NDJSON on stdout, or CSV/GeoJSON/NDJSON by -o extension).
    #[command(
        after_help = "Example:\n  casualty-atlas extract reports/*.txt -o incidents.geojson"
    )]
    Extract(ExtractArgs),
    /// Look a place name up in the gazetteer, with candidates and scores.
    Geocode(GeocodeArgs),
    /// Spatial queries over incidents: box, radius (great-circle km), nearest-k.
    #[command(
        after_help = "Examples:\n  casualty-atlas query output/incidents.geojson --bbox -5,13,-2,16\n  casualty-atlas query data.csv --near 14.35,-3.61 --radius 50\n  casualty-atlas query data.csv --near 14.35,-3.61 --nearest 5"
    )]
    Query(QueryArgs),
    /// Build or inspect gazetteers.
    #[command(subcommand)]
    Gazetteer(GazetteerCmd),
    /// Sum partial aggregate tables (report run on shards of the data) into one.
    #[command(
        after_help = "Example:\n  casualty-atlas merge part1/aggregates_admin1_month.csv part2/aggregates_admin1_month.csv -o all.csv"
    )]
    Merge(MergeArgs),
}

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// `aggregates_<level>_<period>.csv` tables written by `report` with the same --by and --period.
    #[arg(required = true)]
    pub tables: Vec<PathBuf>,
    /// Output table.
    #[arg(short, long)]
    pub out: PathBuf,
}

/// `gazetteer` subcommands.
#[derive(Debug, Subcommand)]
pub enum GazetteerCmd {
    /// Build a gazetteer folder from GeoNames country dumps and admin polygons.
    #[command(
        after_help = "Example:\n  casualty-atlas gazetteer import ML.txt BF.txt NE.txt --admin1-codes admin1CodesASCII.txt \\\n      --admin2-codes admin2Codes.txt --admin1-polygons mli_adm1.geojson --admin2-polygons mli_adm2.geojson --out my-gazetteer\n  casualty-atlas report data.csv --gazetteer my-gazetteer --by admin2"
    )]
    Import(ImportArgs),
}

/// Arguments of `gazetteer import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// GeoNames country dumps (the 19-column tab-separated format: ML.txt, BF.txt, NE.txt).
    #[arg(required = true)]
    pub dumps: Vec<PathBuf>,
    /// GeoNames admin1CodesASCII.txt (admin-1 code → name).
    #[arg(long)]
    pub admin1_codes: Option<PathBuf>,
    /// GeoNames admin2Codes.txt (admin-2 code → name).
    #[arg(long)]
    pub admin2_codes: Option<PathBuf>,
    /// Admin-1 polygons (GeoJSON); repeat for several files.
    #[arg(long)]
    pub admin1_polygons: Vec<PathBuf>,
    /// Admin-2 polygons (GeoJSON); repeat for several files.
    #[arg(long)]
    pub admin2_polygons: Vec<PathBuf>,
    /// Polygon property holding the region name (default: name).
    #[arg(long)]
    pub name_field: Option<String>,
    /// Polygon property holding the region code (default: code).
    #[arg(long)]
    pub code_field: Option<String>,
    /// Do not merge the shipped curated conflict places into the import.
    #[arg(long)]
    pub without_curated: bool,
    /// GeoNames feature classes to keep, comma-separated (default: P,A,L,T,V and wells, oases, ponds of H).
    #[arg(long, value_delimiter = ',')]
    pub feature_classes: Vec<String>,
    /// Output folder.
    #[arg(short, long)]
    pub out: PathBuf,
}

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
    #[arg(long, default_value = "month")]
    pub period: String,
    /// Keep incidents from this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Keep incidents up to this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// Publication date for articles without front matter (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<String>,
    /// Language of the articles: auto (front matter `lang:`, else detected per document), en, fr.
    /// A front matter `lang:` wins over en/fr.
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Distance (km) within which a point just outside every polygon snaps to the nearest one.
    #[arg(long, default_value_t = 5.0)]
    pub tolerance_km: f64,
    /// Stream large incident tables (aggregated on the fly, in bounded memory): auto (tables of 32 MiB or more), always, never.
    #[arg(long, default_value = "auto")]
    pub stream: String,
    /// Worker threads for streaming (default: all cores). Output is the same for any count.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Bytes per streaming block (tests use small blocks to cross block
    /// boundaries often).
    #[arg(long, hide = true)]
    pub block_bytes: Option<usize>,
    /// Chart file format: png or svg.
    #[arg(long, default_value = "png")]
    pub chart_format: String,
    /// Chart size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1000")]
    pub chart_size: String,
    /// Do not draw charts.
    #[arg(long)]
    pub no_charts: bool,
    /// A point inside several overlapping polygons counts in the first (by code; totals conserved) or in all of them (a spatial join's "within").
    #[arg(long, default_value = "first")]
    pub overlap: String,
    /// Do not merge reports of one event across sources (every report counts).
    #[arg(long)]
    pub no_dedup: bool,
    /// Distance (km) within which two village-level reports may be one event.
    #[arg(long, default_value_t = 10.0)]
    pub dedup_km: f64,
    /// Best toll of a merged event: conservative (the codebook: a revised figure, else the lowest), median, min, max, mean.
    #[arg(long, default_value = "conservative")]
    pub dedup_policy: String,
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

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files.
    #[arg(required = true)]
    pub articles: Vec<PathBuf>,
    /// Output file (.ndjson, .csv, .geojson); default NDJSON on stdout.
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// Publication date for articles without front matter (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<String>,
    /// Language of the articles: auto (front matter `lang:`, else detected per document), en, fr.
    /// A front matter `lang:` wins over en/fr.
    #[arg(long, default_value = "auto")]
    pub lang: String,
}

/// Arguments of `geocode`.
#[derive(Debug, Args)]
pub struct GeocodeArgs {
    /// The place name.
    #[arg(required_unless_present = "batch")]
    pub name: Option<String>,
    /// ISO country code hint (ML, BF, NE).
    #[arg(long)]
    pub country: Option<String>,
    /// Admin-1 hint (a region name or code, any common spelling).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Admin-2 hint (a cercle, département or province).
    #[arg(long)]
    pub admin2: Option<String>,
    /// Geocode a CSV table (columns name, country, admin1, admin2; other columns kept); needs -o.
    #[arg(long, conflicts_with = "name", requires = "out")]
    pub batch: Option<PathBuf>,
    /// Output table for --batch (the input's columns plus lat, lon, precision, match_id, match_name, score, why).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// How many candidates to show.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

/// Arguments of `query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Incident files (and articles).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Box: W,S,E,N in degrees.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "near")]
    pub bbox: Option<String>,
    /// Centre: LAT,LON in degrees.
    #[arg(long, allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Radius around --near, great-circle km.
    #[arg(long, requires = "near")]
    pub radius: Option<f64>,
    /// The K incidents nearest --near.
    #[arg(long, requires = "near", conflicts_with = "radius")]
    pub nearest: Option<usize>,
    /// Output file (.ndjson, .csv, .geojson); default NDJSON on stdout.
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

/// An error as one message: its chain of causes, each said once (a cause
/// whose text the message already holds is not repeated).
pub fn describe_error(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}

fn parse_day(flag: &str, s: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    match s {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::Usage(format!("{flag} {t:?} is not a date\nhint: write it as YYYY-MM-DD, e.g. {flag} 2024-03-25"))),
    }
}

fn parse_lang(s: &str) -> Result<crate::extract::lang::LangChoice, Error> {
    crate::extract::lang::LangChoice::parse(s).ok_or_else(|| {
        Error::Usage(format!(
            "--lang {s:?} is not a language this tool reads\nhint: use --lang auto, --lang en or --lang fr"
        ))
    })
}

fn check_inputs(inputs: &[PathBuf]) -> Result<(), Error> {
    for p in inputs {
        if !p.exists() {
            return Err(Error::Usage(format!(
                "input {} does not exist\nhint: check the path; inputs are articles (.txt, .md) and incident files (.csv, .ndjson, .geojson)",
                p.display()
            )));
        }
    }
    Ok(())
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
    let granularity = Granularity::parse(&a.period).ok_or_else(|| {
        Error::Usage(format!(
            "--period {:?} is not one of day, week, month, quarter, year",
            a.period
        ))
    })?;
    let mut levels = Vec::new();
    for b in &a.by {
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
    let policy = crate::dedup::MergePolicy::parse(&a.dedup_policy).ok_or_else(|| {
        Error::Usage(format!(
            "--dedup-policy {:?} is not one of conservative, median, min, max, mean",
            a.dedup_policy
        ))
    })?;
    if !(a.dedup_km >= 0.0 && a.dedup_km <= 100.0) {
        return Err(Error::Usage("--dedup-km must be between 0 and 100".into()));
    }
    let dedup = crate::dedup::DedupConfig {
        enabled: !a.no_dedup,
        place_km: a.dedup_km,
        policy,
        ..crate::dedup::DedupConfig::default()
    };
    Ok(Plan {
        dedup,
        inputs: a.inputs.clone(),
        gazetteer: a.gazetteer.clone(),
        levels,
        granularity,
        from,
        to,
        out_dir: a.out.clone(),
        published: parse_day("--published", &a.published)?,
        lang: parse_lang(&a.lang)?,
        tolerance_km: a.tolerance_km,
        progress: !quiet,
        stream: match a.stream.to_ascii_lowercase().as_str() {
            "auto" => pipeline::StreamMode::Auto,
            "always" => pipeline::StreamMode::Always,
            "never" => pipeline::StreamMode::Never,
            other => {
                return Err(Error::Usage(format!(
                    "--stream {other:?} is not one of auto, always, never"
                )))
            }
        },
        html: !a.no_html,
        decimal_comma: a.decimal_comma,
        layer_format: crate::export::period_layer::LayerChoice::parse(&a.layer_format)?,
        overlap: match a.overlap.to_ascii_lowercase().as_str() {
            "first" => crate::region::Overlap::First,
            "all" => crate::region::Overlap::All,
            other => {
                return Err(Error::Usage(format!(
                    "--overlap {other:?} is not first or all"
                )))
            }
        },
        charts: if a.no_charts {
            None
        } else {
            let format = match a.chart_format.to_ascii_lowercase().as_str() {
                "png" => crate::export::chart::ChartFormat::Png,
                "svg" => crate::export::chart::ChartFormat::Svg,
                other => {
                    return Err(Error::Usage(format!(
                        "--chart-format {other:?} is not png or svg"
                    )))
                }
            };
            let (w, h) = a
                .chart_size
                .split_once(['x', 'X'])
                .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)))
                .filter(|(w, h)| (64..=8192).contains(w) && (64..=8192).contains(h))
                .ok_or_else(|| Error::Usage(format!("--chart-size {:?}: expected WIDTHxHEIGHT, each 64 to 8192 (e.g. 1600x1000)", a.chart_size)))?;
            Some(crate::export::chart::ChartOptions {
                width: w,
                height: h,
                format,
            })
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

/// The extensions `extract` and `query` write, by `-o`.
const INCIDENT_FILE_EXTENSIONS: [&str; 5] = ["ndjson", "jsonl", "json", "geojson", "csv"];

/// Refuses an `-o` file `extract`/`query` cannot write: an unknown extension
/// (NDJSON in a `.xlsx` would fool the next program) or a folder.
fn check_incident_out(out: &Option<PathBuf>) -> Result<(), Error> {
    let Some(p) = out else { return Ok(()) };
    if p.is_dir() {
        return Err(Error::Usage(format!(
            "-o {}: is a folder; give a file name ending in .ndjson, .csv or .geojson",
            p.display()
        )));
    }
    let ext = p
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !INCIDENT_FILE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::Usage(format!(
            "-o {}: cannot write a .{ext} file; give a name ending in .ndjson, .csv or .geojson (for a spreadsheet, .csv)",
            p.display()
        )));
    }
    Ok(())
}

/// Why `path` cannot be read as an article, before the extractor sees it:
/// a folder, a binary file, or an incident table (pointing to `report`).
fn not_an_article(path: &std::path::Path) -> Option<String> {
    if path.is_dir() {
        return Some(format!(
            "{}: is a folder; give the articles inside it (e.g. {}/*.txt)",
            path.display(),
            path.display()
        ));
    }
    if let Err(e) = crate::ingest::check_not_binary(path) {
        return Some(e.to_string());
    }
    if crate::ingest::looks_like_table(path) {
        return Some(format!(
            "{p}: is an incident table, not an article; extract reads prose. Use casualty-atlas report {p} (or query) for tables",
            p = path.display()
        ));
    }
    None
}

/// Writes incidents to `out` by extension, or NDJSON to stdout.
fn write_incidents(out: &Option<PathBuf>, incidents: &[Incident]) -> anyhow::Result<()> {
    use crate::export::{geojson as gj, table};
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let r = table::write_ndjson(&mut lock, incidents).and_then(|_| lock.flush());
            match r {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => Ok(other?),
            }
        }
        Some(p) => {
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "csv" => table::write_incidents_csv(p, incidents)?,
                "geojson" | "json" => gj::write_incidents(p, incidents, &|_| Vec::new())?,
                _ => table::write_incidents_ndjson(p, incidents)?,
            }
            Ok(())
        }
    }
}

/// Runs the command; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let quiet = cli.quiet;
    match cli.cmd {
        Cmd::Report(a) => {
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
        Cmd::Extract(a) => {
            check_inputs(&a.articles)?;
            check_incident_out(&a.out)?;
            let published = parse_day("--published", &a.published)?;
            let gaz = gazetteer::load(a.gazetteer.as_deref())?;
            let mut all = Vec::new();
            let mut failed = 0;
            let lang = parse_lang(&a.lang)?;
            let mut extractor = crate::extract::Extractor::new(&gaz).with_lang(lang);
            for p in &a.articles {
                if let Some(why) = not_an_article(p) {
                    eprintln!("error: {why}");
                    failed += 1;
                    continue;
                }
                match crate::extract::read_document(p, published) {
                    Ok((doc, warnings)) => {
                        for w in warnings {
                            eprintln!("warning: {w}");
                        }
                        let mut found = extractor.extract(&doc);
                        for inc in &mut found {
                            inc.confidence =
                                inc.confidence.map(crate::export::table::round_confidence);
                            crate::plausible::check_published(inc, doc.published);
                            crate::plausible::check_toll(inc);
                            crate::plausible::check_date(inc);
                        }
                        all.extend(found);
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed += 1;
                    }
                }
            }
            if failed == a.articles.len() {
                return Err(Error::Usage(format!(
                    "no article could be read ({} given); nothing written",
                    a.articles.len()
                ))
                .into());
            }
            write_incidents(&a.out, &all)?;
            if !quiet {
                eprintln!(
                    "{} incident(s) from {} article(s)",
                    all.len(),
                    a.articles.len() - failed
                );
            }
            Ok(if failed > 0 { EXIT_REJECTS } else { EXIT_OK })
        }
        Cmd::Geocode(a) => {
            let gaz = gazetteer::load(a.gazetteer.as_deref())?;
            if let (Some(input), Some(out)) = (&a.batch, &a.out) {
                check_inputs(std::slice::from_ref(input))?;
                let s = crate::geocode::geocode_csv(&gaz, input, out)?;
                for b in &s.bad_rows {
                    eprintln!("warning: {}: {b}", input.display());
                }
                if !quiet {
                    eprintln!(
                        "{} row(s): {} located, {} at the hinted admin level, {} not found, {} bad; wrote {}",
                        s.rows,
                        s.located,
                        s.admin_level,
                        s.not_found,
                        s.bad_rows.len(),
                        out.display()
                    );
                }
                return Ok(if s.bad_rows.is_empty() {
                    EXIT_OK
                } else {
                    EXIT_REJECTS
                });
            }
            let name = a.name.clone().unwrap_or_default();
            let hint = Hint {
                country: a.country.clone(),
                admin1: a.admin1.clone(),
                admin2: a.admin2.clone(),
                want: None,
                strict: a.country.is_some() || a.admin1.is_some() || a.admin2.is_some(),
            };
            let res = gaz.resolve(&name, &hint);
            if res.candidates.is_empty() {
                eprintln!("error: no place matches {name:?}\nhint: try another spelling, or --gazetteer with another gazetteer (casualty-atlas gazetteer import)");
                return Ok(EXIT_REJECTS);
            }
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "rank\tscore\tid\tname\tlat\tlon\tfeature\tcountry\tadmin1\tadmin2\tpopulation\twhy");
            for (i, c) in res.candidates.iter().take(a.limit.max(1)).enumerate() {
                let p = c.place;
                let _ = writeln!(
                    out,
                    "{}\t{:.2}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    c.score,
                    p.id,
                    p.name,
                    p.lat,
                    p.lon,
                    p.feature_code,
                    p.country,
                    p.admin1,
                    p.admin2,
                    p.population,
                    c.why
                );
            }
            if res.is_ambiguous() {
                eprintln!("note: ambiguous: the first two candidates score within 0.05 and lie more than 25 km apart");
            }
            Ok(EXIT_OK)
        }
        Cmd::Query(a) => run_query(a, quiet),
        Cmd::Merge(a) => {
            check_inputs(&a.tables)?;
            let n = crate::merge::merge_tables(&a.tables, &a.out)?;
            if !quiet {
                eprintln!(
                    "merged {} table(s) into {} row(s): {}",
                    a.tables.len(),
                    n,
                    a.out.display()
                );
            }
            Ok(EXIT_OK)
        }
        Cmd::Gazetteer(GazetteerCmd::Import(a)) => {
            let mut all = a.dumps.clone();
            all.extend(a.admin1_codes.iter().cloned());
            all.extend(a.admin2_codes.iter().cloned());
            all.extend(a.admin1_polygons.iter().cloned());
            all.extend(a.admin2_polygons.iter().cloned());
            check_inputs(&all)?;
            let spec = crate::gazetteer::import::ImportSpec {
                dumps: a.dumps.clone(),
                admin1_codes: a.admin1_codes,
                admin2_codes: a.admin2_codes,
                admin1_polygons: a.admin1_polygons,
                admin2_polygons: a.admin2_polygons,
                name_field: a.name_field,
                code_field: a.code_field,
                without_curated: a.without_curated,
                feature_classes: a.feature_classes,
                out_dir: a.out.clone(),
            };
            let s = crate::gazetteer::import::import(&spec)?;
            // GeoNames repeats some ids across country dumps: the first is
            // kept, which is what the user wants; a warning, not a failure
            let repeated = repeated_ids(&a.dumps) + repeated_curated_ids(&s.bad_row_examples);
            let other_bad = s.bad_rows.saturating_sub(repeated);
            if repeated > 0 && !quiet {
                eprintln!("warning: {repeated} row(s) repeat an id already read (GeoNames lists some places in two country dumps); the first of each was kept");
            }
            if s.admin1_polygons == 0 {
                eprintln!("warning: no admin-1 polygons (--admin1-polygons FILE.geojson): report --gazetteer {} will assign no incident to an admin-1 region", a.out.display());
            }
            if s.admin2_polygons == 0 && !quiet {
                eprintln!("warning: no admin-2 polygons (--admin2-polygons FILE.geojson): --by admin2 will not work with this gazetteer");
            }
            if other_bad > 0 && quiet {
                eprintln!(
                    "error: {other_bad} bad row(s) skipped; first: {}",
                    s.bad_row_examples.first().map(String::as_str).unwrap_or("")
                );
            }
            if !quiet {
                eprintln!(
                    "read {} row(s); wrote {} place(s) to {} ({}), {} admin-1 and {} admin-2 polygon(s); {} bad row(s) skipped",
                    s.rows_read,
                    s.places_written,
                    a.out.join("places.tsv").display(),
                    s.places_by_country.iter().map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(", "),
                    s.admin1_polygons,
                    s.admin2_polygons,
                    other_bad
                );
                let repeat =
                    |ex: &str| ex.contains("duplicate id") || ex.contains("repeated an id");
                for ex in s.bad_row_examples.iter().filter(|ex| !repeat(ex)) {
                    eprintln!("  skipped: {ex}");
                }
            }
            Ok(if other_bad > 0 { EXIT_REJECTS } else { EXIT_OK })
        }
    }
}

/// Rows of GeoNames dumps whose id an earlier row (of any of the dumps)
/// already gave, counted as the import counts them (rows it could parse).
fn repeated_ids(dumps: &[PathBuf]) -> usize {
    let mut seen = std::collections::HashSet::new();
    let mut repeated = 0;
    for d in dumps {
        let Ok(text) = std::fs::read_to_string(d) else {
            continue;
        };
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let ok_coords = f.len() >= 15
                && matches!(
                    (f[4].trim().parse::<f64>(), f[5].trim().parse::<f64>()),
                    (Ok(la), Ok(lo)) if la.abs() <= 90.0 && lo.abs() <= 180.0
                );
            if !ok_coords || f[0].trim().is_empty() || f[1].trim().is_empty() {
                continue;
            }
            if !seen.insert(f[0].trim().to_string()) {
                repeated += 1;
            }
        }
    }
    repeated
}

/// Curated places whose id a GeoNames row already took (the import's
/// "N row(s) repeated an id already taken" line).
fn repeated_curated_ids(examples: &[String]) -> usize {
    examples
        .iter()
        .filter_map(|e| e.strip_suffix(" row(s) repeated an id already taken; skipped"))
        .filter_map(|n| n.trim().parse::<usize>().ok())
        .sum()
}

fn parse_pair(flag: &str, s: &str, n: usize) -> Result<Vec<f64>, Error> {
    let v: Result<Vec<f64>, _> = s.split(',').map(|t| t.trim().parse::<f64>()).collect();
    match v {
        Ok(v) if v.len() == n && v.iter().all(|x| x.is_finite()) => Ok(v),
        _ => Err(Error::Usage(format!(
            "{flag} {s:?}: expected {n} comma-separated numbers"
        ))),
    }
}

fn run_query(a: QueryArgs, quiet: bool) -> anyhow::Result<u8> {
    check_inputs(&a.inputs)?;
    check_incident_out(&a.out)?;
    let gaz = gazetteer::load(a.gazetteer.as_deref())?;
    let mut rep = pipeline::Report::default();
    let collected = pipeline::collect(&a.inputs, &gaz, None, &mut rep, !quiet);
    for r in &collected.rejects {
        if !r.benign {
            eprintln!("rejected: {}:{}: {}", r.source, r.line, r.reason);
        }
    }
    let mut incidents = collected.incidents;
    for i in incidents.iter_mut() {
        crate::geocode::locate(i, &gaz);
    }
    let located: Vec<(usize, f64, f64)> = incidents
        .iter()
        .enumerate()
        .filter_map(|(i, inc)| inc.lon_lat().map(|(x, y)| (i, x, y)))
        .collect();
    let idx = crate::spatial::IncidentIndex::build(located);
    let mut hits: Vec<(usize, Option<f64>)> = if let Some(b) = &a.bbox {
        let v = parse_pair("--bbox", b, 4)?;
        if v[0] > v[2] || v[1] > v[3] {
            return Err(Error::Usage(format!(
                "--bbox {b}: expected W,S,E,N with W <= E and S <= N"
            ))
            .into());
        }
        let mut h: Vec<usize> = idx.in_box(v[0], v[1], v[2], v[3]).collect();
        h.sort_unstable();
        h.into_iter().map(|i| (i, None)).collect()
    } else if let Some(n) = &a.near {
        let v = parse_pair("--near", n, 2)?;
        let (lat, lon) = (v[0], v[1]);
        if lat.abs() > 90.0 || lon.abs() > 180.0 {
            return Err(
                Error::Usage(format!("--near {n}: expected LAT,LON (latitude first)")).into(),
            );
        }
        if let Some(k) = a.nearest {
            idx.nearest_k(lon, lat, k)
                .into_iter()
                .map(|(i, d)| (i, Some(d)))
                .collect()
        } else if let Some(r) = a.radius {
            if r.is_nan() || r < 0.0 {
                return Err(
                    Error::Usage("--radius must be a non-negative number of km".into()).into(),
                );
            }
            idx.within_km(lon, lat, r)
                .into_iter()
                .map(|(i, d)| (i, Some(d)))
                .collect()
        } else {
            return Err(Error::Usage("--near needs --radius KM or --nearest K".into()).into());
        }
    } else {
        return Err(Error::Usage(
            "query needs --bbox W,S,E,N or --near LAT,LON with --radius KM or --nearest K".into(),
        )
        .into());
    };
    let far = |d: &Option<f64>| d.is_some_and(|d| d > FAR_KM);
    if !idx.is_empty() && (hits.is_empty() || hits.iter().all(|(_, d)| far(d))) {
        if let Some(n) = &a.near {
            swapped_near_hint(n, &a, &idx);
        }
    }
    let out: Vec<Incident> = hits
        .drain(..)
        .map(|(i, d)| {
            let mut inc = incidents[i].clone();
            if let Some(d) = d {
                inc.flags.push(format!("distance_km={d:.3}"));
            }
            inc
        })
        .collect();
    write_incidents(&a.out, &out)?;
    if !quiet {
        eprintln!("{} incident(s) match, of {} located", out.len(), idx.len());
    }
    Ok(if collected.rejects.iter().any(|r| !r.benign) {
        EXIT_REJECTS
    } else {
        EXIT_OK
    })
}

/// Distance (km) beyond which every "nearest" incident is too far to be what
/// the user meant (the Sahel maps span about 2,000 km).
const FAR_KM: f64 = 500.0;

/// With no match around `--near LAT,LON`, says so when the swapped centre
/// (LON,LAT) would match: latitude and longitude given the wrong way round.
fn swapped_near_hint(near: &str, a: &QueryArgs, idx: &crate::spatial::IncidentIndex) {
    let Ok(v) = parse_pair("--near", near, 2) else {
        return;
    };
    let (lat, lon) = (v[1], v[0]);
    if lat.abs() > 90.0 {
        return;
    }
    let n = if let Some(k) = a.nearest {
        let near = idx.nearest_k(lon, lat, k);
        near.iter().filter(|(_, d)| *d <= FAR_KM).count()
    } else if let Some(r) = a.radius {
        idx.within_km(lon, lat, r).len()
    } else {
        0
    };
    if n > 0 {
        eprintln!(
            "warning: no incident within reach of lat {}, lon {}; --near takes LAT,LON (latitude first): --near {lat},{lon} gives {n} match(es) (distances are in the flags column, distance_km=)",
            v[0], v[1]
        );
    }
}

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
