//! Checks and writers shared by several commands.

use super::values::Flag;
use crate::error::Error;
use crate::extract::lang::LangChoice;
use crate::model::Incident;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// The options of the commands that read articles (`extract`, `report`).
#[derive(Debug, Args)]
pub struct ArticleOpts {
    /// Gazetteer folder (default: the one shipped in the binary).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// Publication date for articles without front matter (YYYY-MM-DD).
    #[arg(long)]
    pub published: Option<String>,
    /// Language of the articles: auto (front matter `lang:`, else detected per document), en, fr.
    /// A front matter `lang:` wins over en/fr.
    #[arg(long, default_value = "auto", value_parser = Flag::<LangChoice>::new())]
    pub lang: LangChoice,
}

pub(super) fn parse_day(flag: &str, s: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    match s {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::Usage(format!("{flag} {t:?} is not a date\nhint: write it as YYYY-MM-DD, e.g. {flag} 2024-03-25"))),
    }
}

pub(super) fn check_inputs(inputs: &[PathBuf]) -> Result<(), Error> {
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

/// The extensions `extract` and `query` write, by `-o`.
const INCIDENT_FILE_EXTENSIONS: [&str; 5] = ["ndjson", "jsonl", "json", "geojson", "csv"];

/// Refuses an `-o` file `extract`/`query` cannot write: an unknown extension
/// (NDJSON in a `.xlsx` would fool the next program) or a folder.
pub(super) fn check_incident_out(out: &Option<PathBuf>) -> Result<(), Error> {
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

/// Writes incidents to `out` by extension, or NDJSON to stdout.
pub(super) fn write_incidents(out: &Option<PathBuf>, incidents: &[Incident]) -> anyhow::Result<()> {
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
