//! Geocoding: incidents that name a place but carry no coordinates get the
//! gazetteer's best candidate, using the record's own country and admin
//! names as hints. Ambiguity and failures are reported, never guessed away.

use crate::gazetteer::{Gazetteer, Hint};
use crate::model::{GeoPrecision, Incident};

/// What happened to one incident's place name.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Already had coordinates, or nothing to look up.
    Unchanged,
    /// Located by the gazetteer.
    Located,
    /// Located, but other places of that name scored nearly as well.
    Ambiguous(Vec<String>),
    /// The name is not in the gazetteer.
    NotFound,
}

/// Locates one incident in place. Returns what happened.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// use casualty_atlas::geocode::{locate, Outcome};
/// use casualty_atlas::model::Incident;
/// let g = Gazetteer::from_places(vec![Place::example("Douentza", 15.0, -2.95)]);
/// let mut i = Incident::new("a", "x.csv");
/// i.place = Some("Douentza".into());
/// assert_eq!(locate(&mut i, &g), Outcome::Located);
/// assert_eq!(i.lat(), Some(15.0));
/// ```
pub fn locate(inc: &mut Incident, gaz: &Gazetteer) -> Outcome {
    if inc.lon_lat().is_some() {
        return Outcome::Unchanged;
    }
    let name = match (&inc.place, inc.geo_precision) {
        (Some(p), _) => p.clone(),
        (None, Some(GeoPrecision::Admin2)) if inc.admin2.is_some() => {
            inc.admin2.clone().unwrap_or_default()
        }
        _ => return Outcome::Unchanged,
    };
    let hint = Hint {
        country: inc.country.clone(),
        admin1: inc.admin1.clone(),
        admin2: inc.admin2.clone(),
        want: None,
        strict: true,
    };
    let res = gaz.resolve(&name, &hint);
    // the hinted admin unit stands for "not found here": counted at region level
    let Some(best) = res
        .best()
        .filter(|b| b.matched != crate::gazetteer::MatchKind::HintedUnit)
    else {
        // a named region still allows admin-level counting
        if inc.admin2.is_some() && inc.geo_precision == Some(GeoPrecision::Place) {
            inc.geo_precision = Some(GeoPrecision::Admin2);
        } else if inc.admin1.is_some() && inc.geo_precision == Some(GeoPrecision::Place) {
            inc.geo_precision = Some(GeoPrecision::Admin1);
        }
        return Outcome::NotFound;
    };
    let p = best.place;
    inc.set_lon_lat(Some((p.lon, p.lat)));
    inc.place_id = Some(p.id.clone());
    if inc.admin1.is_none() && !p.admin1.is_empty() {
        inc.admin1 = Some(p.admin1.clone());
    }
    if inc.admin2.is_none() && !p.admin2.is_empty() {
        inc.admin2 = Some(p.admin2.clone());
    }
    if inc.country.is_none() && !p.country.is_empty() {
        inc.country = Some(p.country.clone());
    }
    let pp = p.precision();
    if inc.geo_precision.is_none_or(|g| g < pp) {
        inc.geo_precision = Some(pp);
    }
    if res.is_ambiguous() {
        let others: Vec<String> = res
            .candidates
            .iter()
            .take(4)
            .map(|c| {
                format!(
                    "{} ({}, {:.3},{:.3})",
                    c.place.name, c.place.admin1, c.place.lat, c.place.lon
                )
            })
            .collect();
        inc.flags.push(crate::model::Flag::AmbiguousPlace);
        return Outcome::Ambiguous(others);
    }
    Outcome::Located
}

/// What a batch run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchSummary {
    /// Data rows read.
    pub rows: usize,
    /// Rows located at a place.
    pub located: usize,
    /// Rows answered with the hinted admin unit (no acceptable place).
    pub admin_level: usize,
    /// Rows with no answer at all.
    pub not_found: usize,
    /// Rows that could not be read, as `line N: reason`.
    pub bad_rows: Vec<String>,
}

/// Columns appended by [`geocode_csv`].
pub const BATCH_COLUMNS: [&str; 7] = [
    "lat",
    "lon",
    "precision",
    "match_id",
    "match_name",
    "score",
    "why",
];

/// Geocodes a CSV table with a `name` column and optional `country`,
/// `admin1` and `admin2` columns (header names are matched case-insensitively;
/// countries may be ISO codes or names). Writes the same table, every
/// column kept, with [`BATCH_COLUMNS`] appended (prefixed `geocoded_` when the
/// input already has a column of that name), atomically to `out`.
///
/// Each row is resolved with its hints as strict hints: a place outside the
/// hinted region is never the answer; with no acceptable place the row gets
/// the hinted admin unit, at that precision. Rows that cannot be read (no
/// name, too few fields) are kept with empty results and listed in the
/// summary.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::Gazetteer;
/// let dir = tempfile::tempdir().unwrap();
/// let input = dir.path().join("in.csv");
/// std::fs::write(&input, "name,country,admin1,note\nDouentza,ML,Mopti,x\n,ML,,empty\n").unwrap();
/// let out = dir.path().join("out.csv");
/// let g = Gazetteer::default_embedded().unwrap();
/// let s = casualty_atlas::geocode::geocode_csv(&g, &input, &out).unwrap();
/// assert_eq!((s.rows, s.located, s.bad_rows.len()), (2, 1, 1));
/// let text = std::fs::read_to_string(&out).unwrap();
/// assert!(text.starts_with("name,country,admin1,note,lat,lon,precision,"));
/// ```
pub fn geocode_csv(
    gaz: &Gazetteer,
    input: &std::path::Path,
    out: &std::path::Path,
) -> crate::error::Result<BatchSummary> {
    use crate::error::Error;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(input)
        .map_err(|e| Error::bad_file(input, e.to_string()))?;
    let header = rdr
        .headers()
        .map_err(|e| Error::bad_file(input, e.to_string()))?
        .clone();
    let cols = BatchInput::of(&header, input)?;
    let mut summary = BatchSummary::default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        summary.rows += 1;
        let row = match rec {
            Ok(rec) => cols.geocode_row(gaz, &rec, line, &mut summary),
            Err(e) => {
                summary.bad_rows.push(format!("line {line}: {e}"));
                vec![String::new(); header.len() + BATCH_COLUMNS.len()]
            }
        };
        rows.push(row);
    }
    crate::fsio::write_atomic_with(out, |w| {
        let mut wr = csv::Writer::from_writer(w);
        wr.write_record(out_header(&header))?;
        for r in &rows {
            wr.write_record(r)?;
        }
        wr.flush()
    })?;
    Ok(summary)
}

/// The input's header with [`BATCH_COLUMNS`] appended (prefixed
/// `geocoded_` where the input has a column of that name).
fn out_header(header: &csv::StringRecord) -> Vec<String> {
    let mut out_header: Vec<String> = header.iter().map(str::to_string).collect();
    for c in BATCH_COLUMNS {
        if out_header.iter().any(|h| h.eq_ignore_ascii_case(c)) {
            out_header.push(format!("geocoded_{c}"));
        } else {
            out_header.push(c.to_string());
        }
    }
    out_header
}

/// Where a batch table holds the name and its hints, and how wide it is.
struct BatchInput {
    width: usize,
    name: usize,
    country: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
}

impl BatchInput {
    fn of(header: &csv::StringRecord, input: &std::path::Path) -> crate::error::Result<Self> {
        let col = |n: &str| {
            header.iter().position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(n)
            })
        };
        let name = col("name").ok_or_else(|| {
            crate::error::Error::bad_file(
                input,
                format!(
                    "no `name` column (columns: {}); the batch table needs name and optionally country, admin1, admin2",
                    header.iter().collect::<Vec<_>>().join(",")
                ),
            )
        })?;
        Ok(BatchInput {
            width: header.len(),
            name,
            country: col("country"),
            admin1: col("admin1"),
            admin2: col("admin2"),
        })
    }

    /// Record `rec` (at `line`) with the [`BATCH_COLUMNS`] appended: empty,
    /// and the row listed in the summary, when it cannot be read.
    fn geocode_row(
        &self,
        gaz: &Gazetteer,
        rec: &csv::StringRecord,
        line: usize,
        summary: &mut BatchSummary,
    ) -> Vec<String> {
        let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
        if row.len() != self.width {
            summary.bad_rows.push(format!(
                "line {line}: {} field(s), the header has {}",
                row.len(),
                self.width
            ));
            row.resize(self.width, String::new());
            row.extend(std::iter::repeat_n(String::new(), BATCH_COLUMNS.len()));
            return row;
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(name) = get(Some(self.name)) else {
            summary.bad_rows.push(format!("line {line}: empty name"));
            row.extend(std::iter::repeat_n(String::new(), BATCH_COLUMNS.len()));
            return row;
        };
        let hint = Hint {
            country: get(self.country).map(|c| crate::names::country_field(&c).unwrap_or(c)),
            admin1: get(self.admin1),
            admin2: get(self.admin2),
            want: None,
            strict: true,
        };
        row.extend(batch_fields(&gaz.resolve(&name, &hint), summary));
        row
    }
}

/// The [`BATCH_COLUMNS`] of a resolution, counted in the summary.
fn batch_fields(res: &crate::gazetteer::Resolution<'_>, summary: &mut BatchSummary) -> [String; 7] {
    let Some(b) = res.best() else {
        summary.not_found += 1;
        let mut empty: [String; 7] = Default::default();
        empty[6] = "not found".to_string();
        return empty;
    };
    let p = b.place;
    if b.matched == crate::gazetteer::MatchKind::HintedUnit {
        summary.admin_level += 1;
    } else {
        summary.located += 1;
    }
    let mut why = b.why.clone();
    if res.is_ambiguous() {
        why.push_str("; ambiguous: the runner-up scores within 0.05, over 25 km away");
    }
    [
        format!("{:.5}", p.lat),
        format!("{:.5}", p.lon),
        p.precision().as_str().to_string(),
        p.id.clone(),
        p.name.clone(),
        format!("{:.2}", b.score),
        why,
    ]
}
