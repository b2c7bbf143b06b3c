//! `merge`: sums partial aggregate tables (`aggregates_<level>_<period>.csv`
//! written by `report` on shards of the data) into one. The tally is a
//! commutative sum, so shards computed anywhere give the same table as one
//! run over all the data (when every shard used the same level and period).

use crate::error::{Error, Result};
use crate::export::table::AGGREGATE_COLUMNS;
use crate::export::write_atomic_with;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Row key: the six descriptive columns.
type Key = [String; 6];

/// Sums the tables in `inputs` and writes the result to `out`. Returns the
/// number of rows written.
pub fn merge_tables(inputs: &[PathBuf], out: &Path) -> Result<usize> {
    let mut rows: BTreeMap<Key, [u64; 6]> = BTreeMap::new();
    for path in inputs {
        let mut r = csv::Reader::from_path(path).map_err(|e| Error::Csv {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let header: Vec<String> = r
            .headers()
            .map_err(|e| Error::Csv {
                path: path.clone(),
                message: e.to_string(),
            })?
            .iter()
            .map(String::from)
            .collect();
        if header != AGGREGATE_COLUMNS {
            return Err(Error::bad_file(
                path,
                format!(
                    "is not an aggregates table written by report (header must be {})",
                    AGGREGATE_COLUMNS.join(",")
                ),
            ));
        }
        for (i, rec) in r.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| Error::Csv {
                path: path.clone(),
                message: format!("line {line}: {e}"),
            })?;
            let key: Key = std::array::from_fn(|k| rec.get(k).unwrap_or("").to_string());
            let mut nums = [0u64; 6];
            for (k, n) in nums.iter_mut().enumerate() {
                let field = rec.get(6 + k).unwrap_or("");
                *n = field.trim().parse().map_err(|_| {
                    Error::bad_file(
                        path,
                        format!(
                            "line {line}: {} {field:?} is not a whole number",
                            AGGREGATE_COLUMNS[6 + k]
                        ),
                    )
                })?;
            }
            let e = rows.entry(key).or_insert([0; 6]);
            for k in 0..6 {
                e[k] += nums[k];
            }
        }
    }
    let n = rows.len();
    write_atomic_with(out, |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(AGGREGATE_COLUMNS)
            .map_err(std::io::Error::other)?;
        for (k, v) in &rows {
            let mut rec: Vec<String> = k.to_vec();
            rec.extend(v.iter().map(u64::to_string));
            c.write_record(&rec).map_err(std::io::Error::other)?;
        }
        c.flush()
    })?;
    Ok(n)
}
