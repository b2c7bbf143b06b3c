//! `gazetteer import`: a gazetteer folder from GeoNames dumps and admin
//! polygons.

use super::common::check_inputs;
use super::{EXIT_OK, EXIT_REJECTS};
use clap::{Args, Subcommand};
use std::path::PathBuf;

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

/// Runs `gazetteer import`; returns the exit status.
pub(super) fn run_import(a: ImportArgs, quiet: bool) -> anyhow::Result<u8> {
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
        let repeat = |ex: &str| ex.contains("duplicate id") || ex.contains("repeated an id");
        for ex in s.bad_row_examples.iter().filter(|ex| !repeat(ex)) {
            eprintln!("  skipped: {ex}");
        }
    }
    Ok(if other_bad > 0 { EXIT_REJECTS } else { EXIT_OK })
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
