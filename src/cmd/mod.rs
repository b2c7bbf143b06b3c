//! Command line: one file per subcommand (its clap arguments and its `run`),
//! turned into validated plans and calls into the library. The only module
//! that knows clap.
//!
//! | command            | file            | does                                        |
//! |--------------------|-----------------|---------------------------------------------|
//! | `report`           | `report.rs`     | builds a `pipeline::Plan`, runs `pipeline::run` |
//! | `extract`          | `extract.rs`    | articles → incidents (NDJSON, CSV, GeoJSON) |
//! | `geocode`          | `geocode.rs`    | one name, or a CSV table, through the gazetteer |
//! | `query`            | `query.rs`      | box, radius and nearest-k over an R-tree    |
//! | `merge`            | `merge.rs`      | sums partial aggregate tables               |
//! | `gazetteer import` | `gazetteer.rs`  | GeoNames dumps + polygons → gazetteer folder |
//!
//! `values.rs` gives the enum-like flags (`--period`, `--lang`, `--stream`,
//! `--overlap`, `--chart-format`, `--dedup-policy`) their clap `ValueEnum`;
//! `common.rs` holds the checks and writers several commands share.

mod common;
mod extract;
mod gazetteer;
mod geocode;
mod merge;
mod query;
mod report;
mod values;

pub use extract::ExtractArgs;
pub use gazetteer::{GazetteerCmd, ImportArgs};
pub use geocode::GeocodeArgs;
pub use merge::MergeArgs;
pub use query::QueryArgs;
pub use report::{report_plan, ReportArgs};

use clap::{Parser, Subcommand};

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

/// Runs the command; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let quiet = cli.quiet;
    match cli.cmd {
        Cmd::Report(a) => report::run(a, quiet),
        Cmd::Extract(a) => extract::run(a, quiet),
        Cmd::Geocode(a) => geocode::run(a, quiet),
        Cmd::Query(a) => query::run(a, quiet),
        Cmd::Merge(a) => merge::run(a, quiet),
        Cmd::Gazetteer(GazetteerCmd::Import(a)) => gazetteer::run_import(a, quiet),
    }
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
