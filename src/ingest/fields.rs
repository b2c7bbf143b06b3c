//! Field mapping shared by every tabular reader: aliases, value parsing, and
//! the checks that turn one raw record into an [`Incident`] or a reason to
//! reject it.

use crate::model::{DatePrecision, GeoPrecision, Incident};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::sync::Arc;

/// The incident fields a reader looks for, with the header names accepted
/// for each (lower-cased, compared after trimming).
pub const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &["id", "event_id", "incident_id", "event_id_cnty"],
    ),
    (Field::Doc, &["doc", "document"]),
    (
        Field::Place,
        &["place", "location", "place_name", "village", "town"],
    ),
    (Field::PlaceId, &["place_id", "geonameid"]),
    (Field::Admin1, &["admin1", "adm_1", "adm1", "region"]),
    (
        Field::Admin2,
        &["admin2", "adm_2", "adm2", "cercle", "province"],
    ),
    (Field::Country, &["country", "country_code", "iso2", "cc"]),
    (Field::Lat, &["lat", "latitude", "y"]),
    (Field::Lon, &["lon", "lng", "long", "longitude", "x"]),
    (Field::GeoPrecision, &["geo_precision"]),
    (
        Field::DateStart,
        &["date_start", "date", "event_date", "start_date"],
    ),
    (Field::DateEnd, &["date_end", "end_date"]),
    (Field::DatePrecision, &["date_precision"]),
    (Field::DeathsLow, &["deaths_low", "low", "fatalities_low"]),
    (
        Field::DeathsBest,
        &["deaths_best", "deaths", "fatalities", "best", "killed"],
    ),
    (
        Field::DeathsHigh,
        &["deaths_high", "high", "fatalities_high"],
    ),
    (Field::Injured, &["injured", "wounded"]),
    (Field::Actor, &["actor", "actor1", "perpetrator"]),
    (Field::Victims, &["victims", "target"]),
    (Field::EventType, &["event_type", "type"]),
    (Field::Evidence, &["evidence"]),
    (Field::Confidence, &["confidence"]),
    (Field::Source, &["source"]),
    (Field::Flags, &["flags"]),
];

/// One field of the incident record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Field {
    Id,
    Doc,
    Place,
    PlaceId,
    Admin1,
    Admin2,
    Country,
    Lat,
    Lon,
    GeoPrecision,
    DateStart,
    DateEnd,
    DatePrecision,
    DeathsLow,
    DeathsBest,
    DeathsHigh,
    Injured,
    Actor,
    Victims,
    EventType,
    Evidence,
    Confidence,
    Source,
    Flags,
}

/// Number of [`Field`] variants.
pub const FIELD_COUNT: usize = 24;

/// The flag a record carries when its best estimate lies outside
/// `[low, high]` (as in real UCDP GED releases): the data are kept as given,
/// and a record with this flag passes the `low <= best <= high` check.
pub const BEST_OUTSIDE_FLAG: &str = "best_outside_low_high";

/// Which field a header name stands for, if any.
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::fields::{field_for, Field};
/// assert_eq!(field_for(" Latitude "), Some(Field::Lat));
/// assert_eq!(field_for("fatalities"), Some(Field::DeathsBest));
/// assert_eq!(field_for("notes"), None);
/// ```
pub fn field_for(header: &str) -> Option<Field> {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase();
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

/// Maps a header row to column positions: `cols[field as usize]`.
/// The first column that matches a field wins (so `deaths_best` before `deaths`
/// only if it comes first: exact names are preferred over aliases).
pub fn map_header<'a>(headers: impl IntoIterator<Item = &'a str>) -> [Option<usize>; FIELD_COUNT] {
    let mut cols = [None; FIELD_COUNT];
    let mut exact = [false; FIELD_COUNT];
    for (i, h) in headers.into_iter().enumerate() {
        if let Some(f) = field_for(h) {
            let is_exact = ALIASES
                .iter()
                .find(|(ff, _)| *ff == f)
                .map(|(_, names)| names[0] == h.trim().to_ascii_lowercase())
                .unwrap_or(false);
            let k = f as usize;
            if cols[k].is_none() || (is_exact && !exact[k]) {
                cols[k] = Some(i);
                exact[k] = is_exact;
            }
        }
    }
    cols
}

/// What is missing from a header for it to describe incidents, if anything.
pub fn header_problem(cols: &[Option<usize>; FIELD_COUNT]) -> Option<String> {
    let has = |f: Field| cols[f as usize].is_some();
    let mut missing = Vec::new();
    if !(has(Field::Place) || (has(Field::Lat) && has(Field::Lon))) {
        missing.push("a location (`place`, or `lat` + `lon`)");
    }
    if !has(Field::DateStart) {
        missing.push("a date (`date_start`, `date` or `event_date`)");
    }
    if !has(Field::DeathsBest) {
        missing.push("a toll (`deaths_best`, `deaths`, `fatalities` or `best`)");
    }
    if missing.is_empty() {
        None
    } else {
        Some(format!("no column for {}", missing.join(", ")))
    }
}

/// Parses a date in the forms incident files use: `2024-03-25`,
/// `2024-03-25T10:00:00Z`, `25 March 2024`, `25-Mar-2024`, `March 25, 2024`,
/// `2024/03/25`. Returns the date and the precision the form implies
/// (`2024-03` is a month, `2024` a year).
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::fields::parse_date;
/// use casualty_atlas::model::DatePrecision;
/// let (d, _, p) = parse_date("31 December 2020").unwrap();
/// assert_eq!(d.to_string(), "2020-12-31");
/// assert_eq!(p, DatePrecision::Day);
/// let (s, e, p) = parse_date("2024-02").unwrap();
/// assert_eq!((s.to_string(), e.to_string(), p), ("2024-02-01".into(), "2024-02-29".into(), DatePrecision::Month));
/// assert!(parse_date("yesterday").is_none());
/// ```
pub fn parse_date(s: &str) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
    let s = trim_fast(s);
    let b = s.as_bytes();
    // fast path: YYYY-MM-DD (optionally followed by a time)
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        let y = parse_u32(&b[0..4])? as i32;
        let m = parse_u32(&b[5..7])?;
        let d = parse_u32(&b[8..10])?;
        if b.len() > 10 && !matches!(b[10], b'T' | b' ' | b't') {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((date, date, DatePrecision::Day));
    }
    if b.len() == 7 && b[4] == b'-' {
        let y = parse_u32(&b[0..4])? as i32;
        let m = parse_u32(&b[5..7])?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let (a, z) = crate::period::month_bounds(y, m);
        return Some((a, z, DatePrecision::Month));
    }
    if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
        let y = parse_u32(b)? as i32;
        let a = NaiveDate::from_ymd_opt(y, 1, 1)?;
        let z = NaiveDate::from_ymd_opt(y, 12, 31)?;
        return Some((a, z, DatePrecision::Year));
    }
    for fmt in [
        "%d %B %Y",
        "%d %b %Y",
        "%d-%b-%Y",
        "%d-%B-%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some((d, d, DatePrecision::Day));
        }
    }
    None
}

fn parse_u32(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// One to nine ASCII digits as a number (the common shape of a count).
#[inline]
pub(crate) fn parse_digits(d: &[u8]) -> Option<u32> {
    ((1..=9).contains(&d.len()) && d.iter().all(u8::is_ascii_digit))
        .then(|| d.iter().fold(0u32, |v, x| v * 10 + (x - b'0') as u32))
}

/// Parses a death or injury count: a whole, non-negative number. `"12"`,
/// `"12.0"`, `" 7 "` are accepted; `"-3"`, `"2.5"`, `"many"` are not.
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::fields::parse_count;
/// assert_eq!(parse_count("deaths_best", "12.0"), Ok(Some(12)));
/// assert_eq!(parse_count("deaths_best", ""), Ok(None));
/// assert!(parse_count("deaths_best", "-1").unwrap_err().contains("negative"));
/// assert!(parse_count("deaths_best", "2.5").unwrap_err().contains("whole"));
/// ```
pub fn parse_count(field: &str, s: &str) -> Result<Option<u32>, String> {
    let t = trim_fast(s);
    if let Some(v) = parse_digits(t.as_bytes()) {
        return Ok(Some(v));
    }
    if t.is_empty() || t.eq_ignore_ascii_case("null") || t.eq_ignore_ascii_case("na") || t == "NaN"
    {
        return Ok(None);
    }
    if let Ok(v) = t.parse::<u64>() {
        return u32::try_from(v)
            .map(Some)
            .map_err(|_| format!("{field} {t} is too large to be a count"));
    }
    match t.parse::<f64>() {
        Ok(v) if !v.is_finite() => Err(format!("{field} {t:?} is not a number")),
        Ok(v) if v < 0.0 => Err(format!("{field} {t} is negative")),
        Ok(v) if v.fract() != 0.0 => Err(format!("{field} {t} is not a whole number")),
        Ok(v) if v > u32::MAX as f64 => Err(format!("{field} {t} is too large to be a count")),
        Ok(v) => Ok(Some(v as u32)),
        Err(_) => Err(format!("{field} {t:?} is not a number")),
    }
}

static DECIMAL_COMMA: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Reads coordinates written with a decimal comma (`14,35`), as spreadsheets
/// in many locales export them (`report --decimal-comma`). A process-wide
/// setting: every reader (held and streamed, on every thread) parses
/// coordinates through [`parse_coord`].
pub fn set_decimal_comma(on: bool) {
    DECIMAL_COMMA.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The high of a record of a table with no `deaths_high` column (`cols` as
/// [`map_header`] gives them): a plain count (`fatalities`, `deaths`) is
/// low = best = high, not an open-ended "at least". With the column, the
/// record's own high (an empty cell is open-ended).
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::fields::{map_header, plain_high};
/// let plain = map_header(["date", "place", "fatalities"]);
/// assert_eq!(plain_high(&plain, Some(4), None), Some(4));
/// let ranged = map_header(["date", "place", "deaths_best", "deaths_high"]);
/// assert_eq!(plain_high(&ranged, Some(4), None), None);
/// ```
pub fn plain_high(
    cols: &[Option<usize>; FIELD_COUNT],
    best: Option<u32>,
    high: Option<u32>,
) -> Option<u32> {
    if cols[Field::DeathsHigh as usize].is_none() {
        high.or(best)
    } else {
        high
    }
}

/// Parses a coordinate, checking its range. `what` is `lat` or `lon`.
pub fn parse_coord(what: &str, s: &str) -> Result<Option<f64>, String> {
    let t = trim_fast(s);
    if t.is_empty() || t.eq_ignore_ascii_case("null") || t.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    let comma;
    let t = if DECIMAL_COMMA.load(std::sync::atomic::Ordering::Relaxed)
        && t.matches(',').count() == 1
        && !t.contains('.')
    {
        comma = t.replace(',', ".");
        comma.as_str()
    } else {
        t
    };
    let v: f64 = match fast_decimal(t) {
        Some(v) => v,
        None => t
            .parse()
            .map_err(|_| format!("{what} {t:?} is not a number"))?,
    };
    let lim = if what == "lat" { 90.0 } else { 180.0 };
    if !v.is_finite() || v.abs() > lim {
        return Err(format!("{what} {t} is out of range [-{lim}, {lim}]"));
    }
    Ok(Some(v))
}

/// Position of the column named exactly `name` (export headers: ACLED, UCDP).
pub(crate) fn column_named(headers: &[String], name: &str) -> Option<usize> {
    headers.iter().position(|h| h == name)
}

/// A source with its own column names: ACLED and UCDP GED exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// ACLED (`event_id_cnty`, `location`, `fatalities`, ...).
    Acled,
    /// UCDP GED (`id`, `where_coordinates`, `adm_1`, ...; tolls read apart).
    Ucdp,
}

/// The generic fields' columns in each source's layout: field, ACLED
/// names, UCDP names (each list in order of preference; empty where the
/// source has none).
const LAYOUT_COLUMNS: &[(Field, &[&str], &[&str])] = &[
    (Field::Id, &["event_id_cnty"], &["id"]),
    (Field::Place, &["location"], &["where_coordinates", "adm_2"]),
    (Field::Admin1, &["admin1"], &["adm_1"]),
    (Field::Admin2, &["admin2"], &["adm_2"]),
    (Field::Country, &["country", "iso3"], &["country"]),
    (Field::Lat, &["latitude"], &["latitude"]),
    (Field::Lon, &["longitude"], &["longitude"]),
    (Field::DateStart, &["event_date"], &["date_start"]),
    (Field::DateEnd, &[], &["date_end"]),
    (Field::DeathsBest, &["fatalities"], &[]),
    (Field::Actor, &["actor1"], &["side_a"]),
    (Field::Victims, &["actor2"], &["side_b"]),
    (Field::EventType, &["sub_event_type", "event_type"], &[]),
];

impl Layout {
    /// The columns that hold field `f` in this layout, preferred first.
    pub(crate) fn columns(self, f: Field) -> &'static [&'static str] {
        LAYOUT_COLUMNS
            .iter()
            .find(|(g, ..)| *g == f)
            .map_or(&[], |(_, acled, ucdp)| match self {
                Layout::Acled => acled,
                Layout::Ucdp => ucdp,
            })
    }
}

/// Column positions of the fields of a source's own layout: each field at
/// the first of its column names the header has.
pub(crate) fn map_columns(headers: &[String], layout: Layout) -> [Option<usize>; FIELD_COUNT] {
    let mut cols = [None; FIELD_COUNT];
    for (f, ..) in LAYOUT_COLUMNS {
        cols[*f as usize] = layout
            .columns(*f)
            .iter()
            .find_map(|n| column_named(headers, n));
    }
    cols
}

/// The trimmed text of the column called `name` in `rec` (empty when the
/// header has no such column).
pub(crate) fn cell_named<'r>(
    headers: &[String],
    rec: &'r ::csv::StringRecord,
    name: &str,
) -> &'r str {
    column_named(headers, name)
        .and_then(|i| rec.get(i))
        .map(str::trim)
        .unwrap_or("")
}

/// Reads the precision code `code` of column `column` with `read`; an
/// unknown code is an error saying what the column takes (`expected`,
/// "an ACLED code 1-3").
pub(crate) fn coded<T>(
    column: &str,
    code: &str,
    expected: &str,
    read: impl FnOnce(&str) -> Option<T>,
) -> Result<T, String> {
    read(code).ok_or_else(|| format!("{column} {code:?} is not {expected}"))
}

/// A raw record: a getter from field to text. Readers implement this over
/// CSV byte records, JSON objects and GeoJSON properties.
pub trait RawRecord {
    /// The text of `field`, if the record has it (empty strings count as absent).
    fn get(&self, field: Field) -> Option<Cow<'_, str>>;

    /// Every field at once, `out[field as usize]`: by default one
    /// [`RawRecord::get`] per field; readers that know which columns exist
    /// fill only those.
    fn fill<'s>(&'s self, out: &mut [Option<Cow<'s, str>>; FIELD_COUNT]) {
        for (f, _) in ALIASES {
            out[*f as usize] = self.get(*f);
        }
    }
}

/// One record, validated, with its text fields borrowed from the input
/// where possible: what every reader checks before it builds an
/// [`Incident`], and what the streaming aggregator uses without allocating.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowView<'a> {
    /// `id`.
    pub id: Option<Cow<'a, str>>,
    /// `doc`.
    pub doc: Option<Cow<'a, str>>,
    /// `place`.
    pub place: Option<Cow<'a, str>>,
    /// `place_id`.
    pub place_id: Option<Cow<'a, str>>,
    /// `admin1`.
    pub admin1: Option<Cow<'a, str>>,
    /// `admin2`.
    pub admin2: Option<Cow<'a, str>>,
    /// `country`, as written (see [`crate::names::country_field`]).
    pub country: Option<Cow<'a, str>>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Location precision (defaulted from what is present).
    pub geo_precision: Option<GeoPrecision>,
    /// First day.
    pub date_start: Option<NaiveDate>,
    /// Last day.
    pub date_end: Option<NaiveDate>,
    /// Date precision.
    pub date_precision: DatePrecision,
    /// Low estimate.
    pub deaths_low: Option<u32>,
    /// Best estimate.
    pub deaths_best: Option<u32>,
    /// High estimate.
    pub deaths_high: Option<u32>,
    /// Injured.
    pub injured: Option<u32>,
    /// `actor`.
    pub actor: Option<Cow<'a, str>>,
    /// `victims`.
    pub victims: Option<Cow<'a, str>>,
    /// `event_type`.
    pub event_type: Option<Cow<'a, str>>,
    /// `evidence`.
    pub evidence: Option<Cow<'a, str>>,
    /// `confidence`.
    pub confidence: Option<f64>,
    /// `source`.
    pub source: Option<Cow<'a, str>>,
    /// `flags`, `;`-separated as written.
    pub flags: Option<Cow<'a, str>>,
}

/// `s.trim()`, skipping the Unicode-aware scan when both ends are plainly
/// printable ASCII (the usual case in big tables).
#[inline]
pub fn trim_fast(s: &str) -> &str {
    let plain = |c: u8| c > b' ' && c < 0x7f;
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if plain(f) && plain(l) => s,
        _ => s.trim(),
    }
}

/// A plain decimal (`-12.345`, at most 15 digits, no exponent) as the
/// correctly rounded f64, by one exact division (Clinger's fast path: both
/// the digits and the power of ten are exact in f64); `None` for any other
/// form, which the standard parser then handles.
#[inline]
pub fn fast_decimal(t: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let b = t.as_bytes();
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let (mut m, mut n, mut frac, mut seen_dot) = (0u64, 0usize, 0usize, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + (c - b'0') as u64;
                n += 1;
                if seen_dot {
                    frac += 1;
                }
                if n > 15 {
                    return None;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if n == 0 {
        return None;
    }
    let v = m as f64 / POW10[frac];
    Some(if neg { -v } else { v })
}

/// A field's text trimmed, empty as absent: what every reader's getter
/// returns.
pub(crate) fn trimmed(c: Cow<'_, str>) -> Option<Cow<'_, str>> {
    match c {
        Cow::Borrowed(s) => {
            let t = trim_fast(s);
            (!t.is_empty()).then_some(Cow::Borrowed(t))
        }
        Cow::Owned(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| Cow::Owned(t.to_string()))
        }
    }
}

/// True when a latitude error is a finite number out of range (one a swap
/// could explain).
fn swappable(e: &str) -> bool {
    let l = e.to_ascii_lowercase();
    l.contains("out of range") && !l.contains("nan") && !l.contains("inf")
}

/// Validates one raw record. The checks, each with its own reason: lat/lon
/// numbers in range (a latitude out of range with a longitude that would be
/// a valid latitude is called swapped), both or neither given, a location
/// (coordinates or a name), precisions spelled as DESIGN.md says, dates that
/// parse with `date_end` not before `date_start`, counts that are whole and
/// non-negative, `low <= best <= high`, confidence in 0..1.
pub fn parse_row<'a>(rec: &'a dyn RawRecord) -> Result<RowView<'a>, String> {
    let mut raw: [Option<Cow<'a, str>>; FIELD_COUNT] = Default::default();
    rec.fill(&mut raw);
    // each field is read once
    let mut g = |f: Field| raw[f as usize].take().and_then(trimmed);
    let mut v = RowView {
        id: g(Field::Id),
        doc: g(Field::Doc),
        place: g(Field::Place),
        place_id: g(Field::PlaceId),
        admin1: g(Field::Admin1),
        admin2: g(Field::Admin2),
        country: g(Field::Country),
        ..RowView::default()
    };
    let (lat, lon) = (g(Field::Lat), g(Field::Lon));
    read_location(&mut v, lat, lon, g(Field::GeoPrecision))?;
    let (ds, de) = (g(Field::DateStart), g(Field::DateEnd));
    read_dates(&mut v, ds, de, g(Field::DatePrecision))?;
    let tolls = [
        g(Field::DeathsLow),
        g(Field::DeathsBest),
        g(Field::DeathsHigh),
    ];
    v.flags = g(Field::Flags);
    read_tolls(&mut v, tolls)?;
    let count = |c: Option<Cow<'_, str>>, name: &str| parse_count(name, c.as_deref().unwrap_or(""));
    v.injured = count(g(Field::Injured), "injured")?;
    v.actor = g(Field::Actor);
    v.victims = g(Field::Victims);
    v.event_type = g(Field::EventType);
    v.evidence = g(Field::Evidence);
    if let Some(c) = g(Field::Confidence) {
        let x: f64 = c
            .parse()
            .map_err(|_| format!("confidence {c:?} is not a number"))?;
        if !(0.0..=1.0).contains(&x) {
            return Err(format!("confidence {c} is outside 0..1"));
        }
        v.confidence = Some(x);
    }
    v.source = g(Field::Source);
    Ok(v)
}

/// The point (both coordinates or neither; a latitude out of range that
/// looks swapped says so), that some location is given, and its precision.
fn read_location(
    v: &mut RowView<'_>,
    lat: Option<Cow<'_, str>>,
    lon: Option<Cow<'_, str>>,
    precision: Option<Cow<'_, str>>,
) -> Result<(), String> {
    let lat = parse_coord("lat", lat.as_deref().unwrap_or(""));
    let lon = parse_coord("lon", lon.as_deref().unwrap_or(""));
    match (lat, lon) {
        // a latitude out of range whose longitude would be a latitude (not
        // a NaN or an infinity, which are simply not numbers to swap)
        (Err(e), Ok(Some(lo))) if lo.abs() <= 90.0 && swappable(&e) => {
            return Err(format!("{e} (lat and lon look swapped)"));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
        (Ok(Some(_)), Ok(None)) | (Ok(None), Ok(Some(_))) => {
            return Err("only one of lat/lon is given".into());
        }
        (Ok(la), Ok(lo)) => {
            v.lat = la;
            v.lon = lo;
        }
    }
    if v.lat.is_none() && v.place.is_none() && v.admin2.is_none() && v.admin1.is_none() {
        return Err("no location: neither lat/lon nor a place name".into());
    }
    v.geo_precision = match precision {
        Some(p) => Some(GeoPrecision::parse(&p).ok_or_else(|| {
            format!("geo_precision {p:?} is not one of place, admin2, admin1, country")
        })?),
        None if v.lat.is_some() || v.place.is_some() => Some(GeoPrecision::Place),
        None if v.admin2.is_some() => Some(GeoPrecision::Admin2),
        None => Some(GeoPrecision::Admin1),
    };
    Ok(())
}

/// The first and last day and the date precision.
fn read_dates(
    v: &mut RowView<'_>,
    start: Option<Cow<'_, str>>,
    end: Option<Cow<'_, str>>,
    precision: Option<Cow<'_, str>>,
) -> Result<(), String> {
    if let Some(ds) = start {
        let (a, z, p) =
            parse_date(&ds).ok_or_else(|| format!("date {ds:?} is not a date (use YYYY-MM-DD)"))?;
        v.date_start = Some(a);
        v.date_end = Some(z);
        v.date_precision = p;
    }
    if let Some(de) = end {
        let (_, z, _) = parse_date(&de)
            .ok_or_else(|| format!("date_end {de:?} is not a date (use YYYY-MM-DD)"))?;
        if v.date_start.is_none() {
            return Err("date_end given without date_start".into());
        }
        if v.date_start.is_some_and(|a| z < a) {
            return Err(format!("date_end {de} is before date_start"));
        }
        v.date_end = Some(z);
    }
    if let Some(p) = precision {
        v.date_precision = DatePrecision::parse(&p).ok_or_else(|| {
            format!("date_precision {p:?} is not one of day, week, month, year, unknown")
        })?;
    }
    Ok(())
}

/// Low, best and high tolls, in order unless the record is already flagged
/// (`v.flags` read first); a low bound alone is the best.
fn read_tolls(
    v: &mut RowView<'_>,
    [low, best, high]: [Option<Cow<'_, str>>; 3],
) -> Result<(), String> {
    let count = |c: Option<Cow<'_, str>>, name: &str| parse_count(name, c.as_deref().unwrap_or(""));
    v.deaths_low = count(low, "deaths_low")?;
    v.deaths_best = count(best, "deaths_best")?;
    v.deaths_high = count(high, "deaths_high")?;
    // a record already flagged (UCDP keeps such rows) is taken as given
    let flagged = v
        .flags
        .as_deref()
        .is_some_and(|f| flag_list(f).any(|x| x == BEST_OUTSIDE_FLAG));
    if let (Some(l), Some(b)) = (v.deaths_low, v.deaths_best) {
        if l > b && !flagged {
            return Err(format!("deaths_low {l} is greater than deaths_best {b}"));
        }
    }
    if let (Some(b), Some(h)) = (v.deaths_best, v.deaths_high) {
        if b > h && !flagged {
            return Err(format!("deaths_best {b} is greater than deaths_high {h}"));
        }
    }
    if let (Some(l), Some(h)) = (v.deaths_low, v.deaths_high) {
        if l > h && !flagged {
            return Err(format!("deaths_low {l} is greater than deaths_high {h}"));
        }
    }
    if v.deaths_best.is_none() {
        // a low bound alone is the conservative best
        v.deaths_best = v.deaths_low;
    }
    Ok(())
}

impl RowView<'_> {
    /// Builds the owned [`Incident`]; `default_id` when the row has no id,
    /// `doc` when it names no document.
    pub fn to_incident(&self, default_id: String, doc: &Arc<str>) -> Incident {
        let s = |c: &Option<Cow<'_, str>>| c.as_ref().map(|x| x.to_string());
        Incident {
            id: s(&self.id).unwrap_or(default_id),
            doc: match &self.doc {
                Some(d) => (**d).into(),
                None => doc.clone(),
            },
            place: s(&self.place),
            place_id: s(&self.place_id),
            admin1: s(&self.admin1),
            admin2: s(&self.admin2),
            country: self
                .country
                .as_deref()
                .and_then(crate::names::country_field),
            point: self
                .lon
                .zip(self.lat)
                .map(|(x, y)| crate::model::Point::new(x, y)),
            geo_precision: self.geo_precision,
            date_start: self.date_start,
            date_end: self.date_end,
            date_precision: self.date_precision,
            deaths: crate::model::Deaths::new(self.deaths_low, self.deaths_best, self.deaths_high),
            injured: self.injured,
            actor: s(&self.actor),
            victims: s(&self.victims),
            event_type: self
                .event_type
                .as_deref()
                .map(crate::model::EventType::parse),
            article: crate::model::Side::of(crate::model::ArticleFields {
                evidence: s(&self.evidence),
                confidence: self.confidence,
                ..Default::default()
            }),
            source: s(&self.source).or_else(|| Some("incidents".into())),
            flags: self
                .flags
                .as_deref()
                .map(|f| flag_list(f).map(crate::model::Flag::parse).collect())
                .unwrap_or_default(),
            ..Incident::default()
        }
    }
}

/// The flags of a `flags` cell: `;`- or `,`-separated, blanks dropped.
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::fields::flag_list;
/// let v: Vec<&str> = flag_list("best_outside_low_high; ambiguous_place").collect();
/// assert_eq!(v, ["best_outside_low_high", "ambiguous_place"]);
/// ```
pub fn flag_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', ',']).map(str::trim).filter(|x| !x.is_empty())
}

/// Builds an incident from a raw record, or says why it cannot be used.
/// `default_id` is used when the record has no id; `doc` is the file name.
pub fn build_incident(
    rec: &dyn RawRecord,
    default_id: String,
    doc: &Arc<str>,
) -> Result<Incident, String> {
    parse_row(rec).map(|v| v.to_incident(default_id, doc))
}

/// A CSV row as a [`RawRecord`].
pub(crate) struct CsvRow<'a> {
    pub(crate) rec: &'a ::csv::StringRecord,
    pub(crate) cols: &'a [Option<usize>; FIELD_COUNT],
}

impl RawRecord for CsvRow<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        let i = self.cols[f as usize]?;
        let v = trim_fast(self.rec.get(i)?);
        (!v.is_empty()).then_some(Cow::Borrowed(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// The fast decimal path gives the standard parser's f64, bit for bit,
        /// whenever it accepts a string.
        #[test]
        fn fast_decimal_is_the_standard_parse(s in "[+-]?[0-9]{0,9}(\\.[0-9]{0,9})?") {
            if let Some(v) = fast_decimal(&s) {
                let w: f64 = s.parse().unwrap();
                prop_assert_eq!(v.to_bits(), w.to_bits(), "{}", s);
            }
        }

        #[test]
        fn fast_decimal_on_coordinates(x in -180.0f64..180.0, d in 0usize..8) {
            let s = format!("{x:.d$}");
            let v = fast_decimal(&s).unwrap();
            prop_assert_eq!(v.to_bits(), s.parse::<f64>().unwrap().to_bits(), "{}", s);
        }

        #[test]
        fn trim_fast_is_trim(s in "[ \\ta\u{a0}\u{2003}é\\x0b,]{0,8}") {
            prop_assert_eq!(trim_fast(&s), s.trim());
        }

        #[test]
        fn count_fast_path_agrees(n in 0u32..2_000_000_000) {
            let s = n.to_string();
            prop_assert_eq!(parse_count("x", &s), Ok(Some(n)));
            prop_assert_eq!(parse_count("x", &format!(" {s}.0 ")), Ok(Some(n)));
        }
    }

    #[test]
    fn fast_decimal_refuses_what_it_cannot_do_exactly() {
        for s in [
            "",
            "-",
            ".",
            "1e5",
            "1.2.3",
            "0x10",
            "1234567890123456",
            "nan",
            "1,5",
        ] {
            assert_eq!(fast_decimal(s), None, "{s}");
        }
        assert_eq!(
            fast_decimal("-0.0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(fast_decimal("1."), Some(1.0));
        assert_eq!(fast_decimal(".5"), Some(0.5));
    }
}
