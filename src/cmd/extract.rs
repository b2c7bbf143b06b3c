//! `extract`: incidents from articles, written as NDJSON, CSV or GeoJSON.

use super::common::{check_incident_out, check_inputs, parse_day, write_incidents, ArticleOpts};
use super::{EXIT_OK, EXIT_REJECTS};
use crate::error::Error;
use crate::extract::Extractor;
use crate::gazetteer;
use crate::model::Incident;
use chrono::NaiveDate;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files.
    #[arg(required = true)]
    pub articles: Vec<PathBuf>,
    /// Output file (.ndjson, .csv, .geojson); default NDJSON on stdout.
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// The article options shared with `report`.
    #[command(flatten)]
    pub article: ArticleOpts,
}
/// Runs `extract`; returns the exit status.
pub(super) fn run(a: ExtractArgs, quiet: bool) -> anyhow::Result<u8> {
    check_inputs(&a.articles)?;
    check_incident_out(&a.out)?;
    let published = parse_day("--published", &a.article.published)?;
    let gaz = gazetteer::load(a.article.gazetteer.as_deref())?;
    let mut all = Vec::new();
    let mut failed = 0;
    let mut extractor = Extractor::new(&gaz).with_lang(a.article.lang);
    for p in &a.articles {
        match extract_one(&mut extractor, p, published) {
            Ok(found) => all.extend(found),
            Err(why) => {
                eprintln!("error: {why}");
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

/// The incidents of one article, checked for plausibility (its warnings
/// printed), or why it could not be read.
fn extract_one(
    extractor: &mut Extractor,
    path: &Path,
    published: Option<NaiveDate>,
) -> Result<Vec<Incident>, String> {
    if let Some(why) = not_an_article(path) {
        return Err(why);
    }
    let (doc, warnings) =
        crate::extract::read_document(path, published).map_err(|e| e.to_string())?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let mut found = extractor.extract(&doc);
    for inc in &mut found {
        let a = inc.article_mut();
        a.confidence = a.confidence.map(crate::export::table::round_confidence);
        crate::plausible::check_published(inc, doc.published);
        crate::plausible::check_toll(inc);
        crate::plausible::check_date(inc);
    }
    Ok(found)
}

/// Why `path` cannot be read as an article, before the extractor sees it:
/// a folder, a binary file, or an incident table (pointing to `report`).
fn not_an_article(path: &Path) -> Option<String> {
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
