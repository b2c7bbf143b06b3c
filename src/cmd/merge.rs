//! `merge`: partial aggregate tables summed into one.

use super::common::check_inputs;
use super::EXIT_OK;
use clap::Args;
use std::path::PathBuf;

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

/// Runs `merge`; returns the exit status.
pub(super) fn run(a: MergeArgs, quiet: bool) -> anyhow::Result<u8> {
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
