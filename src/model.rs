//! The record types every stage shares: the [`Incident`] of DESIGN.md and its
//! precision enums.
//!
//! One `Incident` is one real-world event (or one report of it, before dedup).
//! Field names are the wire names used in NDJSON, CSV headers and GeoJSON
//! properties. Coordinates are WGS84 degrees; `lon` is x and `lat` is y.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How specific an incident's location is.
///
/// Ordered from most to least specific: `Place < Admin2 < Admin1 < Country`.
///
/// # Examples
/// ```
/// use casualty_atlas::model::GeoPrecision;
/// assert!(GeoPrecision::Place < GeoPrecision::Admin1);
/// assert_eq!(GeoPrecision::parse("admin2"), Some(GeoPrecision::Admin2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GeoPrecision {
    /// A village, town or other named point.
    Place,
    /// Known to the second administrative level (cercle, province, department).
    Admin2,
    /// Known to the first administrative level (region).
    Admin1,
    /// Known only to the country, or a vague area such as "central Mali".
    Country,
}

impl GeoPrecision {
    /// Parses the wire spelling (`place`, `admin2`, `admin1`, `country`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "place" | "point" | "exact" => Some(Self::Place),
            "admin2" => Some(Self::Admin2),
            "admin1" => Some(Self::Admin1),
            "country" | "admin0" => Some(Self::Country),
            _ => None,
        }
    }

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Place => "place",
            Self::Admin2 => "admin2",
            Self::Admin1 => "admin1",
            Self::Country => "country",
        }
    }

    /// Decimal places worth writing for a coordinate of this precision
    /// (a region centroid does not deserve six decimals).
    pub fn coordinate_decimals(self) -> usize {
        match self {
            Self::Place => 5,
            Self::Admin2 => 3,
            Self::Admin1 => 2,
            Self::Country => 1,
        }
    }
}

impl fmt::Display for GeoPrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How specific an incident's date is.
///
/// # Examples
/// ```
/// use casualty_atlas::model::DatePrecision;
/// assert_eq!(DatePrecision::parse("month"), Some(DatePrecision::Month));
/// assert_eq!(DatePrecision::Day.as_str(), "day");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// One calendar day (or a stated range of days).
    Day,
    /// Known to the week.
    Week,
    /// Known to the month.
    Month,
    /// Known to the year.
    Year,
    /// No date could be established.
    #[default]
    Unknown,
}

impl DatePrecision {
    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Some(Self::Day),
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            "unknown" | "" => Some(Self::Unknown),
            _ => None,
        }
    }

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
            Self::Unknown => "unknown",
        }
    }
}

/// One incident: the record of DESIGN.md.
///
/// Optional fields are `None` when unknown and serialise as `null`.
///
/// # Examples
/// ```
/// use casualty_atlas::model::Incident;
/// let mut i = Incident::new("ex-1", "example.csv");
/// i.deaths_best = Some(3);
/// let json = serde_json::to_string(&i).unwrap();
/// assert!(json.contains("\"deaths_best\":3"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Incident {
    /// Stable id; generated from source and position when the input has none.
    pub id: String,
    /// File name (no directories) of the article or dataset it came from.
    pub doc: String,
    /// The most specific place named, as written.
    pub place: Option<String>,
    /// Gazetteer entry the place resolved to.
    pub place_id: Option<String>,
    /// First-level region name.
    pub admin1: Option<String>,
    /// Second-level region name.
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Latitude, WGS84 degrees (y).
    pub lat: Option<f64>,
    /// Longitude, WGS84 degrees (x).
    pub lon: Option<f64>,
    /// How specific the location is.
    pub geo_precision: Option<GeoPrecision>,
    /// First day of the event.
    pub date_start: Option<NaiveDate>,
    /// Last day of the event (equal to `date_start` for one-day events).
    pub date_end: Option<NaiveDate>,
    /// How specific the date is.
    #[serde(default)]
    pub date_precision: DatePrecision,
    /// Low estimate of deaths.
    pub deaths_low: Option<u32>,
    /// Best estimate of deaths; `None` when the toll is unknown.
    pub deaths_best: Option<u32>,
    /// High estimate; `None` with a known best means open-ended ("at least N").
    pub deaths_high: Option<u32>,
    /// Injured, when stated.
    pub injured: Option<u32>,
    /// Perpetrator, as far as the source says.
    pub actor: Option<String>,
    /// Victims, as far as the source says.
    pub victims: Option<String>,
    /// Kind of event (attack, ambush, drone strike, ...).
    pub event_type: Option<String>,
    /// The text span that states the toll (articles only).
    pub evidence: Option<String>,
    /// Byte offsets of `evidence` in the article.
    pub span: Option<[usize; 2]>,
    /// The extractor's own estimate, 0..1.
    pub confidence: Option<f64>,
    /// Dataset family the record came from: `article`, `acled`, `ucdp`, `incidents`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Language the article was read in (`en`, `fr`); articles only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Other places the same event struck (several villages, one toll).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_places: Vec<String>,
    /// Plausibility and consistency flags raised on this record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Articles: the codebook rule that set the toll from its candidate
    /// figures (`single`, `revised`, `own-finding`, `lowest`, `sum`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toll_rule: Option<String>,
    /// Articles: every figure the text gave for this incident, in text
    /// order, as `95 (first) @120-140` (value, how the text presents it,
    /// byte span), so an analyst sees "95 first reported -> 35 revised".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toll_candidates: Vec<String>,
    /// Reasons an analyst should check this record before publishing
    /// (`competing_figures`, `vague_figure`, `place_unresolved`,
    /// `date_inferred`...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<String>,
    /// Ids of the reports merged into this record by dedup (empty when unmerged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
    /// Every report merged into this record, as `doc:id` (empty when unmerged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Each merged report's own toll, so no source's figures are lost
    /// (empty when unmerged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_tolls: Vec<SourceToll>,
    /// The line of the input table the record came from (for messages
    /// about it later in the run; not written out).
    #[serde(skip)]
    pub source_line: Option<u64>,
}

/// One source's toll inside a merged record.
///
/// # Examples
/// ```
/// use casualty_atlas::model::SourceToll;
/// let t = SourceToll { doc: "a.txt".into(), id: "a-1".into(), deaths_low: Some(40),
///     deaths_best: Some(40), deaths_high: Some(85), evidence: None };
/// assert_eq!(t.label(), "40/40/85");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceToll {
    /// Document of the report.
    pub doc: String,
    /// Id of the report.
    pub id: String,
    /// Its low estimate.
    pub deaths_low: Option<u32>,
    /// Its best estimate.
    pub deaths_best: Option<u32>,
    /// Its high estimate (`None` with a best: open-ended).
    pub deaths_high: Option<u32>,
    /// The text span that states it (articles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl SourceToll {
    /// `low/best/high`, `?` for an unknown toll, `open` for an open high.
    pub fn label(&self) -> String {
        toll_label(self.deaths_low, self.deaths_best, self.deaths_high)
    }
}

/// Formats a toll as `low/best/high`: `?` when the toll is unknown, a
/// missing low shown as the best, an open high as `open`.
///
/// # Examples
/// ```
/// use casualty_atlas::model::toll_label;
/// assert_eq!(toll_label(None, Some(13), None), "13/13/open");
/// assert_eq!(toll_label(None, None, None), "?");
/// ```
pub fn toll_label(low: Option<u32>, best: Option<u32>, high: Option<u32>) -> String {
    match best {
        None => "?".to_string(),
        Some(b) => format!(
            "{}/{b}/{}",
            low.unwrap_or(b),
            high.map(|h| h.to_string()).unwrap_or_else(|| "open".into())
        ),
    }
}

impl Incident {
    /// A blank incident with an id and a document name.
    pub fn new(id: impl Into<String>, doc: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            doc: doc.into(),
            ..Self::default()
        }
    }

    /// The location as `(lon, lat)` when both are known.
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        match (self.lon, self.lat) {
            (Some(x), Some(y)) => Some((x, y)),
            _ => None,
        }
    }

    /// Deaths as `(low, best, high)` with the conventions used for sums:
    /// a missing low is the best, a missing (open) high is the best.
    /// Returns `None` when the toll is unknown.
    pub fn deaths_for_sum(&self) -> Option<(u64, u64, u64)> {
        let best = self.deaths_best? as u64;
        let low = self.deaths_low.map(|v| v as u64).unwrap_or(best);
        let high = self.deaths_high.map(|v| v as u64).unwrap_or(best);
        Some((low, best, high))
    }

    /// True when the high estimate is open-ended ("at least N").
    pub fn open_high(&self) -> bool {
        self.deaths_best.is_some() && self.deaths_high.is_none()
    }
}

/// The file name part of a path, as stored in `doc`.
///
/// # Examples
/// ```
/// assert_eq!(casualty_atlas::model::doc_name(std::path::Path::new("a/b/x.csv")), "x.csv");
/// ```
pub fn doc_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// An input record that could not be used, with where it was and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reject {
    /// File the record came from (as given on the command line).
    pub source: String,
    /// 1-based line (CSV/NDJSON) or feature index (GeoJSON); 0 for the whole file.
    pub line: u64,
    /// Id of the record when it had one.
    pub id: Option<String>,
    /// One sentence saying what was wrong.
    pub reason: String,
    /// The raw record, for the analyst to fix (truncated to 500 bytes).
    pub raw: String,
    /// True when the record is accounted for elsewhere (an ACLED actor row of
    /// an event already counted): listed for the record, but not an error.
    #[serde(skip)]
    pub benign: bool,
}
