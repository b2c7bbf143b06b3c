//! Prints the incidents extracted from articles as NDJSON.
//!
//! `cargo run --release --example extract -- [--gazetteer DIR] [--published YYYY-MM-DD] FILES...`

use casualty_atlas::extract::{read_document, Extractor};
use casualty_atlas::gazetteer;
use std::io::Write;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut gaz_dir: Option<PathBuf> = None;
    let mut published = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gazetteer" => gaz_dir = args.next().map(PathBuf::from),
            "--published" => {
                published = args
                    .next()
                    .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    let gaz = gazetteer::load(gaz_dir.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    let mut extractor = Extractor::new(&gaz);
    for f in &files {
        match read_document(f, published) {
            Ok((doc, warnings)) => {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
                for inc in extractor.extract(&doc) {
                    writeln!(out, "{}", serde_json::to_string(&inc)?)?;
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
    Ok(())
}
