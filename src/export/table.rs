//! CSV and NDJSON tables: aggregates, rejects, incidents.

use super::layers::describe;
use super::write_atomic_with;
use crate::aggregate::{Aggregate, Tally};
use crate::error::Result;
use crate::fsio::write_csv;
use crate::model::{Flag, GeoPrecision, Incident, Reject};
use crate::period::Period;
use crate::region::{RegionSet, Slot};
use std::io::Write;
use std::path::Path;

/// The columns naming a row's region and period, first in every
/// aggregate table.
const REGION_PERIOD_COLUMNS: [&str; 6] = [
    "region",
    "code",
    "kind",
    "period",
    "period_start",
    "period_end",
];

/// `parts` one after the other, as one array of `N` names (`N` must be
/// their total length: checked when the constant is built).
const fn columns<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        let mut k = 0;
        while k < parts[p].len() {
            out[n] = parts[p][k];
            n += 1;
            k += 1;
        }
        p += 1;
    }
    assert!(n == N, "column count");
    out
}

/// Columns of `aggregates_<level>_<period>.csv`: the region and period,
/// then the counts ([`Tally::NAMES`]).
pub const AGGREGATE_COLUMNS: [&str; 12] = columns(&[&REGION_PERIOD_COLUMNS, &Tally::NAMES]);

/// Writes aggregate rows, each in [`AGGREGATE_COLUMNS`] order with
/// `source` after the period when given ([`BY_SOURCE_COLUMNS`]): the bytes
/// the `csv` crate writes row by row, without its work per cell. The text
/// cells are encoded by the `csv` crate once per distinct value (a slot's
/// name, code and kind once per run of its rows; a period's label and days
/// and a source once each), the counts are decimal digits (never quoted).
struct AggregateRows<'r, 'k> {
    regions: &'r RegionSet,
    /// The slot of the previous row and its cells, with their separator.
    slot: Option<(&'k Slot, Vec<u8>)>,
    periods: rustc_hash::FxHashMap<Period, Vec<u8>>,
    sources: rustc_hash::FxHashMap<&'k str, Vec<u8>>,
    line: Vec<u8>,
}

/// `fields` as the `csv` crate writes them in a record, without the record's
/// line ending.
fn csv_cells(fields: &[&str]) -> std::io::Result<Vec<u8>> {
    let mut c = csv::Writer::from_writer(Vec::new());
    c.write_record(fields)?;
    let mut v = c.into_inner().map_err(|e| e.into_error())?;
    if v.last() == Some(&b'\n') {
        v.pop();
    }
    Ok(v)
}

impl<'r, 'k> AggregateRows<'r, 'k> {
    /// Writes the header line of `columns` and returns the row writer.
    fn start(w: &mut dyn Write, columns: &[&str], regions: &'r RegionSet) -> std::io::Result<Self> {
        let mut header = csv_cells(columns)?;
        header.push(b'\n');
        w.write_all(&header)?;
        Ok(AggregateRows {
            regions,
            slot: None,
            periods: Default::default(),
            sources: Default::default(),
            line: Vec::with_capacity(256),
        })
    }

    fn write(
        &mut self,
        w: &mut dyn Write,
        slot: &'k Slot,
        period: &Period,
        source: Option<&'k str>,
        t: &Tally,
    ) -> std::io::Result<()> {
        if self.slot.as_ref().is_none_or(|s| s.0 != slot) {
            let info = describe(slot, self.regions);
            let mut cells = csv_cells(&[&info.name, &info.code, info.kind])?;
            cells.push(b',');
            self.slot = Some((slot, cells));
        }
        let line = &mut self.line;
        line.clear();
        if let Some((_, cells)) = &self.slot {
            line.extend_from_slice(cells);
        }
        if !self.periods.contains_key(period) {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let mut cells = csv_cells(&[
                &period.to_string(),
                &day(period.start()),
                &day(period.end()),
            ])?;
            cells.push(b',');
            self.periods.insert(*period, cells);
        }
        line.extend_from_slice(&self.periods[period]);
        if let Some(source) = source {
            if !self.sources.contains_key(source) {
                // (with an empty cell after it: a lone empty cell would be
                // written `""`, as a record of its own)
                self.sources.insert(source, csv_cells(&[source, ""])?);
            }
            line.extend_from_slice(&self.sources[source]);
        }
        let mut digits = [0u8; 20];
        for (k, v) in t.values().into_iter().enumerate() {
            if k > 0 {
                line.push(b',');
            }
            line.extend_from_slice(decimal(v, &mut digits));
        }
        line.push(b'\n');
        w.write_all(line)
    }
}

/// `v` in decimal digits, written at the end of `buf`.
fn decimal(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return &buf[i..];
        }
    }
}

/// Writes the region × period table (every non-empty row, including
/// unallocated, unassigned and undated ones).
pub fn write_aggregates(path: &Path, agg: &Aggregate, regions: &RegionSet) -> Result<()> {
    write_atomic_with(path, |w| {
        let mut rows = AggregateRows::start(w, &AGGREGATE_COLUMNS, regions)?;
        for ((slot, period), t) in &agg.cells {
            rows.write(w, slot, period, None, t)?;
        }
        Ok(())
    })
}

/// Columns of `aggregates_<level>_<period>_by_source.csv`: the aggregate
/// columns with `source` after the period.
pub const BY_SOURCE_COLUMNS: [&str; 13] =
    columns(&[&REGION_PERIOD_COLUMNS, &["source"], &Tally::NAMES]);

/// Writes the region × period × source table: one row per non-empty
/// combination (`rows` in key order, as [`crate::aggregate::source_rows`]
/// gives them), so the rows of one region × period sum to its row in
/// `aggregates_<level>_<period>.csv`.
pub fn write_aggregates_by_source(
    path: &Path,
    rows: &[crate::aggregate::SourceRow<'_>],
    regions: &RegionSet,
) -> Result<()> {
    write_atomic_with(path, |w| {
        let mut out = AggregateRows::start(w, &BY_SOURCE_COLUMNS, regions)?;
        for ((slot, period, source), t) in rows {
            out.write(w, slot, period, Some(source), t)?;
        }
        Ok(())
    })
}

/// GDAL/QGIS column types of a table, as its `.csvt` sidecar says them:
/// `period_start`/`period_end` are `Date`, counts `Integer`, the rest `String`.
///
/// # Examples
/// ```
/// use casualty_atlas::export::table::{csvt_line, AGGREGATE_COLUMNS};
/// let t = csvt_line(&AGGREGATE_COLUMNS);
/// assert!(t.starts_with("\"String\",\"String\",\"String\",\"String\",\"Date\",\"Date\",\"Integer\""));
/// ```
pub fn csvt_line(columns: &[&str]) -> String {
    let types: Vec<&str> = columns
        .iter()
        .map(|c| match *c {
            "period_start" | "period_end" | "date_start" | "date_end" => "\"Date\"",
            "events" | "deaths_low" | "deaths_best" | "deaths_high" | "open_high"
            | "unknown_toll" | "injured" | "time_precision" | "date_prec" | "where_prec" => {
                "\"Integer\""
            }
            "lat" | "lon" | "confidence" => "\"Real\"",
            _ => "\"String\"",
        })
        .collect();
    types.join(",")
}

/// Writes the `.csvt` sidecar of the table at `csv_path` (same name,
/// extension `csvt`), so GDAL and QGIS read its dates as `Date` and its
/// counts as `Integer`. Returns the sidecar's path.
pub fn write_csvt(csv_path: &Path, columns: &[&str]) -> Result<std::path::PathBuf> {
    let p = csv_path.with_extension("csvt");
    crate::export::write_atomic(&p, format!("{}\n", csvt_line(columns)).as_bytes())?;
    Ok(p)
}

/// Writes `rejects.csv`: `source, line, id, reason, raw`.
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<()> {
    write_csv(path, &["source", "line", "id", "reason", "raw"], |c| {
        for r in rejects {
            c.write_record([
                r.source.as_str(),
                &r.line.to_string(),
                r.id.as_deref().unwrap_or(""),
                r.reason.as_str(),
                r.raw.as_str(),
            ])?;
        }
        Ok(())
    })
}

/// Columns of `review.csv`, the analyst's queue.
pub const REVIEW_COLUMNS: [&str; 13] = [
    "id",
    "doc",
    "place",
    "country",
    "date_start",
    "deaths_low",
    "deaths_best",
    "deaths_high",
    "reasons",
    "toll_rule",
    "toll_candidates",
    "flags",
    "evidence",
];

/// Does the record need an analyst's look: a review reason from the
/// extractor (competing or vague figures, an unresolved place, an
/// inferred date) or a plausibility flag?
pub fn needs_review(i: &Incident) -> bool {
    !i.article().review.is_empty() || review_flags(i).next().is_some()
}

/// The record's flags that ask for a look (plausibility and consistency
/// flags), leaving out the ones that only describe it (occasion, attackers
/// killed, toll rule).
pub fn review_flags(i: &Incident) -> impl Iterator<Item = &Flag> {
    i.flags.iter().filter(|f| !f.describes_only())
}

/// Writes `review.csv`: every record an analyst should check before
/// publishing, with the reasons, the rule that set the toll and every
/// figure the text gave.
pub fn write_review(path: &Path, incidents: &[Incident]) -> Result<()> {
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
    let joined = |v: &[Flag]| {
        let mut s = String::new();
        join_into(v, &mut s);
        s
    };
    write_csv(path, &REVIEW_COLUMNS, |c| {
        for i in incidents.iter().filter(|i| needs_review(i)) {
            c.write_record([
                i.id.as_str(),
                &*i.doc,
                i.place.as_deref().unwrap_or(""),
                i.country.as_deref().unwrap_or(""),
                &i.date_start.map(|d| d.to_string()).unwrap_or_default(),
                &n(i.deaths.low),
                &n(i.deaths.best),
                &n(i.deaths.high),
                &i.article().review.join("; "),
                i.article().toll_rule.as_deref().unwrap_or(""),
                &i.article().toll_candidates.join("; "),
                &joined(&i.flags),
                i.article().evidence.as_deref().unwrap_or(""),
            ])?;
        }
        Ok(())
    })
}

/// Columns of an incidents CSV: DESIGN.md's record, in order, then the
/// precision as ACLED/UCDP codes ([`PRECISION_CODE_COLUMNS`]) for joins
/// with their data.
pub const INCIDENT_COLUMNS: [&str; 30] = [
    "id",
    "doc",
    "place",
    "place_id",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "date_start",
    "date_end",
    "date_precision",
    "deaths_low",
    "deaths_best",
    "deaths_high",
    "injured",
    "actor",
    "victims",
    "event_type",
    "evidence",
    "span",
    "confidence",
    "source",
    "also_places",
    "flags",
    "merged_from",
    "time_precision",
    "date_prec",
    "where_prec",
];

/// The code columns on incident outputs: ACLED `time_precision` (1–3),
/// UCDP `date_prec` (1–5) and `where_prec` (1, 3, 4, 6), from the record's
/// `date_precision` and `geo_precision`; empty where the scheme has no code.
/// Readers ignore them (the words are the record's own fields).
pub const PRECISION_CODE_COLUMNS: [&str; 3] = ["time_precision", "date_prec", "where_prec"];

/// The values of [`PRECISION_CODE_COLUMNS`] for one incident.
///
/// # Examples
/// ```
/// use casualty_atlas::export::table::precision_codes;
/// use casualty_atlas::model::{DatePrecision, GeoPrecision, Incident};
/// let mut i = Incident::new("a", "x");
/// i.date_precision = DatePrecision::Month;
/// i.geo_precision = Some(GeoPrecision::Admin1);
/// assert_eq!(precision_codes(&i), [Some(3), Some(4), Some(4)]);
/// ```
pub fn precision_codes(i: &Incident) -> [Option<u8>; 3] {
    [
        i.date_precision.acled_time_precision(),
        i.date_precision.ucdp_date_prec(),
        i.geo_precision.map(GeoPrecision::ucdp_where_prec),
    ]
}

/// One incident as CSV cells, in [`INCIDENT_COLUMNS`] order.
pub fn incident_row(i: &Incident) -> Vec<String> {
    let mut row = Vec::with_capacity(INCIDENT_COLUMNS.len());
    let mut buf = String::new();
    let _ = incident_cells(i, &mut buf, &mut |c: &str| -> std::result::Result<(), ()> {
        row.push(c.to_string());
        Ok(())
    });
    row
}

/// Calls `cell` with each of an incident's CSV cells, in
/// [`INCIDENT_COLUMNS`] order (the cells of [`incident_row`], with no
/// string made for a cell the record holds as text); `buf` is scratch.
pub fn incident_cells<E>(
    i: &Incident,
    buf: &mut String,
    cell: &mut dyn FnMut(&str) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    use std::fmt::Write as _;
    // a cell printed with Display (empty when absent)
    fn shown<T: std::fmt::Display, E>(
        v: Option<T>,
        buf: &mut String,
        cell: &mut dyn FnMut(&str) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        buf.clear();
        if let Some(v) = v {
            let _ = write!(buf, "{v}");
        }
        cell(buf)
    }
    let [tp, dp, wp] = precision_codes(i);
    cell(&i.id)?;
    cell(&i.doc)?;
    for v in [&i.place, &i.place_id, &i.admin1, &i.admin2, &i.country] {
        cell(v.as_deref().unwrap_or(""))?;
    }
    shown(i.lat(), buf, cell)?;
    shown(i.lon(), buf, cell)?;
    cell(i.geo_precision.map(|p| p.as_str()).unwrap_or(""))?;
    shown(i.date_start, buf, cell)?;
    shown(i.date_end, buf, cell)?;
    cell(i.date_precision.as_str())?;
    for v in [i.deaths.low, i.deaths.best, i.deaths.high, i.injured] {
        shown(v, buf, cell)?;
    }
    for v in [&i.actor, &i.victims] {
        cell(v.as_deref().unwrap_or(""))?;
    }
    cell(i.event_type.as_ref().map(|t| t.as_str()).unwrap_or(""))?;
    cell(i.article().evidence.as_deref().unwrap_or(""))?;
    buf.clear();
    if let Some([a, b]) = i.article().span {
        let _ = write!(buf, "{a}-{b}");
    }
    cell(buf)?;
    buf.clear();
    if let Some(c) = i.article().confidence {
        buf.push_str(&confidence_text(c));
    }
    cell(buf)?;
    cell(i.source.as_deref().unwrap_or(""))?;
    join_into(&i.article().also_places, buf);
    cell(buf)?;
    join_into(&i.flags, buf);
    cell(buf)?;
    join_into(&i.merge().merged_from, buf);
    cell(buf)?;
    for v in [tp, dp, wp] {
        shown(v, buf, cell)?;
    }
    Ok(())
}

/// Writes `items` into `buf` (cleared first), separated by `"; "`.
fn join_into<T: std::fmt::Display>(items: &[T], buf: &mut String) {
    use std::fmt::Write as _;
    buf.clear();
    for (k, s) in items.iter().enumerate() {
        if k > 0 {
            buf.push_str("; ");
        }
        let _ = write!(buf, "{s}");
    }
}

/// A confidence as written: at most three decimals (`0.85`, not
/// `0.8500000000000001`).
///
/// # Examples
/// ```
/// use casualty_atlas::export::table::confidence_text;
/// assert_eq!(confidence_text(0.1 + 0.75), "0.85");
/// assert_eq!(confidence_text(1.0), "1");
/// ```
pub fn confidence_text(c: f64) -> String {
    format!("{}", round_confidence(c))
}

/// A confidence rounded to three decimals: what the outputs carry (the
/// extractor's sums of weights leave float noise such as
/// `0.8500000000000001`).
///
/// # Examples
/// ```
/// use casualty_atlas::export::table::round_confidence;
/// assert_eq!(round_confidence(0.1 + 0.75), 0.85);
/// ```
pub fn round_confidence(c: f64) -> f64 {
    (c * 1000.0).round() / 1000.0
}

/// Writes incidents as CSV.
pub fn write_incidents_csv(path: &Path, incidents: &[Incident]) -> Result<()> {
    write_incidents_csv_with(path, incidents, &[], &|_| Vec::new())
}

/// Writes incidents as CSV with extra columns after the record's (the
/// region of each level and the period, in `report`'s `incidents.csv`):
/// `extra(i)` gives incident `i`'s cells for `extra_columns`.
pub fn write_incidents_csv_with(
    path: &Path,
    incidents: &[Incident],
    extra_columns: &[String],
    extra: &dyn Fn(usize) -> Vec<String>,
) -> Result<()> {
    let mut header: Vec<&str> = INCIDENT_COLUMNS.to_vec();
    header.extend(extra_columns.iter().map(String::as_str));
    write_csv(path, &header, |c| {
        let mut buf = String::new();
        for (k, i) in incidents.iter().enumerate() {
            incident_cells(i, &mut buf, &mut |cell: &str| c.write_field(cell))?;
            for cell in extra(k) {
                c.write_field(cell)?;
            }
            c.write_record(std::iter::empty::<&[u8]>())?;
        }
        Ok(())
    })
}

/// Writes incidents as NDJSON to any writer.
pub fn write_ndjson(w: &mut dyn Write, incidents: &[Incident]) -> std::io::Result<()> {
    for i in incidents {
        serde_json::to_writer(&mut *w, i)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes incidents as NDJSON to a file, atomically.
pub fn write_incidents_ndjson(path: &Path, incidents: &[Incident]) -> Result<()> {
    write_atomic_with(path, |w| write_ndjson(w, incidents))
}

#[cfg(test)]
mod aggregate_rows_tests {
    use super::*;
    use crate::aggregate::SourceKey;
    use crate::period::Granularity;
    use crate::region::{Level, Region};
    use geo::polygon;
    use std::collections::BTreeMap;

    /// Every cell through the `csv` crate, row by row: the reference.
    fn by_csv(rows: &BTreeMap<SourceKey, Tally>, regions: &RegionSet) -> Vec<u8> {
        let mut c = csv::Writer::from_writer(Vec::new());
        c.write_record(BY_SOURCE_COLUMNS).unwrap();
        for ((slot, period, source), t) in rows {
            let info = describe(slot, regions);
            let mut row = vec![
                info.name,
                info.code,
                info.kind.to_string(),
                period.to_string(),
                period.start().map(|d| d.to_string()).unwrap_or_default(),
                period.end().map(|d| d.to_string()).unwrap_or_default(),
                source.clone(),
            ];
            row.extend(t.values().map(|v| v.to_string()));
            c.write_record(&row).unwrap();
        }
        c.into_inner().unwrap()
    }

    #[test]
    fn rows_are_the_bytes_the_csv_crate_writes() {
        let sq = geo::MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)
        ]]);
        let region = |name: &str, code: &str| Region {
            name: name.into(),
            code: code.into(),
            country: None,
            parent: None,
            geometry: sq.clone(),
        };
        let regions = RegionSet::new(
            Level::Admin1,
            vec![
                region("Kaya, Centre-Nord", "BF-KAY"),
                region("Say \"the\" name", ""),
                region("two\nlines", "X\r1"),
                region("Ménaka", "ML-9"),
            ],
        );
        let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let periods = [
            Period::of(day(3, 5), Granularity::Month),
            Period::of(day(7, 1), Granularity::Week),
            Period::Undated,
        ];
        let slots = [
            Slot::Region(0),
            Slot::Region(1),
            Slot::Region(2),
            Slot::Region(3),
            Slot::Named("Est, \"far\"".into()),
            Slot::Unallocated("Mopti".into()),
            Slot::Unassigned,
        ];
        let mut rows: BTreeMap<SourceKey, Tally> = BTreeMap::new();
        for (i, slot) in slots.iter().enumerate() {
            for (j, p) in periods.iter().enumerate() {
                for (k, src) in ["ACLED", "", "AFP, Reuters", "Radio \"Kledu\""]
                    .iter()
                    .enumerate()
                {
                    let n = (i * 7 + j * 3 + k) as u64;
                    let t = Tally {
                        events: n + 1,
                        deaths_low: n,
                        deaths_best: n * 1000,
                        deaths_high: u64::MAX - n,
                        open_high: 0,
                        unknown_toll: n % 3,
                    };
                    rows.insert((slot.clone(), *p, src.to_string()), t);
                }
            }
        }
        let want = by_csv(&rows, &regions);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let borrowed = crate::aggregate::source_rows(&rows, &[]);
        write_aggregates_by_source(&path, &borrowed, &regions).unwrap();
        let got = std::fs::read(&path).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
        assert!(
            got.windows(3).any(|w| w == b"\"\"\""),
            "quotes were written"
        );
    }
}
