//! `geocode`: a place name (or a CSV table of them) through the gazetteer.

use super::common::check_inputs;
use super::{EXIT_OK, EXIT_REJECTS};
use crate::gazetteer::{self, Gazetteer, Hint};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Runs `geocode`; returns the exit status.
pub(super) fn run(a: GeocodeArgs, quiet: bool) -> anyhow::Result<u8> {
    let gaz = gazetteer::load(a.gazetteer.as_deref())?;
    if let (Some(input), Some(out)) = (&a.batch, &a.out) {
        return run_batch(&gaz, input, out, quiet);
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
    let _ = writeln!(
        out,
        "rank\tscore\tid\tname\tlat\tlon\tfeature\tcountry\tadmin1\tadmin2\tpopulation\twhy"
    );
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

/// `geocode --batch TABLE -o OUT`: every row of a CSV table.
fn run_batch(gaz: &Gazetteer, input: &Path, out: &Path, quiet: bool) -> anyhow::Result<u8> {
    check_inputs(&[input.to_path_buf()])?;
    let s = crate::geocode::geocode_csv(gaz, input, out)?;
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
    Ok(if s.bad_rows.is_empty() {
        EXIT_OK
    } else {
        EXIT_REJECTS
    })
}
