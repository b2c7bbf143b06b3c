//! `merge`: sums partial aggregate tables (`aggregates_<level>_<period>.csv`
//! written by `report` on shards of the data) into one. The tally is a
//! commutative sum, so shards computed anywhere give the same table as one
//! run over all the data (when every shard used the same level and period).

use crate::error::{Error, Result};
use crate::export::table::AGGREGATE_COLUMNS;
use crate::fsio::write_csv;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Row key: the six descriptive columns.
type Key = [String; 6];

/// The level and period of a table, as far as its name
/// (`aggregates_<level>_<period>.csv`) and its rows tell.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shape {
    /// The level from the file name, else `grid` when its rows are cells.
    level: Option<String>,
    /// The finest period its dated rows span (`day` .. `year`).
    period: Option<&'static str>,
}

impl Shape {
    fn describe(&self) -> String {
        format!(
            "{} by {}",
            self.level.as_deref().unwrap_or("an unknown level"),
            self.period.unwrap_or("an unknown period")
        )
    }

    /// True when the two shapes cannot be one level and one period.
    fn differs(&self, other: &Shape) -> bool {
        let clash =
            |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(x), Some(y)) if x != y);
        clash(self.level.as_deref(), other.level.as_deref()) || clash(self.period, other.period)
    }
}

const PERIODS: [&str; 5] = ["day", "week", "month", "quarter", "year"];

/// The level and period a file name gives: `aggregates_admin1_month.csv` →
/// (`admin1`, `month`).
fn shape_from_name(path: &Path) -> Option<(String, &'static str)> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let rest = stem.strip_prefix("aggregates_")?;
    let (level, period) = rest.rsplit_once('_')?;
    let p = PERIODS.iter().find(|p| **p == period)?;
    Some((level.to_string(), p))
}

/// The period a row spans, by its length in days.
fn period_of_span(start: &str, end: &str) -> Option<(u8, &'static str)> {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let days = (d(end)? - d(start)?).num_days() + 1;
    Some(match days {
        1 => (0, "day"),
        7 => (1, "week"),
        28..=31 => (2, "month"),
        89..=92 => (3, "quarter"),
        365 | 366 => (4, "year"),
        _ => return None,
    })
}

/// Sums the tables in `inputs` and writes the result to `out`. Returns the
/// number of rows written. Tables of different levels or periods (admin-1
/// with admin-2, month with week) are refused, naming both.
pub fn merge_tables(inputs: &[PathBuf], out: &Path) -> Result<usize> {
    let mut rows: BTreeMap<Key, [u64; 6]> = BTreeMap::new();
    let mut first_shape: Option<(PathBuf, Shape)> = None;
    for path in inputs {
        let named = shape_from_name(path);
        let mut shape = Shape {
            level: named.as_ref().map(|(l, _)| l.clone()),
            period: named.map(|(_, p)| p),
        };
        let mut finest: Option<(u8, &'static str)> = None;
        let mut cells = false;
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
            cells |= key[2] == "cell";
            if let Some(p) = period_of_span(&key[4], &key[5]) {
                finest = Some(finest.map_or(p, |f| f.min(p)));
            }
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
        // a table's name gives its period; else its finest row (a year-only
        // date is a year row even in a monthly table)
        shape.period = shape.period.or(finest.map(|(_, p)| p));
        if shape.level.is_none() && cells {
            shape.level = Some("grid".into());
        }
        match &first_shape {
            None => first_shape = Some((path.clone(), shape)),
            Some((first, s)) if s.differs(&shape) => {
                return Err(Error::Usage(format!(
                    "merge: {} is {} but {} is {}: merge sums tables of one level and one period; run report with the same --by and --period on every shard",
                    first.display(),
                    s.describe(),
                    path.display(),
                    shape.describe()
                )));
            }
            Some(_) => {}
        }
    }
    let n = rows.len();
    write_csv(out, &AGGREGATE_COLUMNS, |c| {
        for (k, v) in &rows {
            let mut rec: Vec<String> = k.to_vec();
            rec.extend(v.iter().map(u64::to_string));
            c.write_record(&rec)?;
        }
        Ok(())
    })?;
    Ok(n)
}
