//! The record types every stage shares: the [`Incident`] of DESIGN.md and its
//! parts: [`Deaths`], [`EventType`], [`Flag`], the precision enums and
//! their ACLED/UCDP codes.
//!
//! One `Incident` is one real-world event (or one report of it, before dedup).
//! Field names are the wire names used in NDJSON, CSV headers and GeoJSON
//! properties. Coordinates are WGS84 degrees; `lon` is x and `lat` is y.

use chrono::NaiveDate;
pub use geo::Point;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

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
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Some(Self::Unknown);
        }
        [
            Self::Day,
            Self::Week,
            Self::Month,
            Self::Year,
            Self::Unknown,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    /// The wire spelling (the calendar unit's name, as
    /// `period::Granularity::as_str` spells it, or `unknown`).
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

impl GeoPrecision {
    /// The UCDP `where_prec` code of this precision, as written back on
    /// incident outputs: `place` → 1, `admin2` → 3, `admin1` → 4,
    /// `country` → 6. The mapping in is many-to-one, so this is the code of
    /// the class, not necessarily the record's own: UCDP's 2 (within 25 km)
    /// comes back as 1, 5 (a larger area) as 4 or 6, 7 (international
    /// waters) as 6.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::GeoPrecision;
    /// assert_eq!(GeoPrecision::Admin2.ucdp_where_prec(), 3);
    /// assert_eq!(GeoPrecision::Country.ucdp_where_prec(), 6);
    /// ```
    pub fn ucdp_where_prec(self) -> u8 {
        match self {
            Self::Place => 1,
            Self::Admin2 => 3,
            Self::Admin1 => 4,
            Self::Country => 6,
        }
    }

    /// Reads a UCDP `where_prec` code (empty counts as 1): 1, 2 → `place`;
    /// 3 → `admin2`; 4 → `admin1`; 5 (a larger area) → `admin1` when the
    /// event names its region (`admin1_named`), else `country`; 6, 7 →
    /// `country`. `None` for anything else.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::GeoPrecision;
    /// assert_eq!(GeoPrecision::from_ucdp_where_prec("5", true), Some(GeoPrecision::Admin1));
    /// assert_eq!(GeoPrecision::from_ucdp_where_prec("5", false), Some(GeoPrecision::Country));
    /// assert_eq!(GeoPrecision::from_ucdp_where_prec("8", true), None);
    /// ```
    pub fn from_ucdp_where_prec(code: &str, admin1_named: bool) -> Option<Self> {
        Some(match code {
            "" | "1" | "2" => Self::Place,
            "3" => Self::Admin2,
            "4" => Self::Admin1,
            "5" if admin1_named => Self::Admin1,
            "5" | "6" | "7" => Self::Country,
            _ => return None,
        })
    }

    /// Reads an ACLED `geo_precision` code (empty counts as 1): 1 →
    /// `place`, 2 → `admin2`, 3 → `admin1`; `None` for anything else.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::GeoPrecision;
    /// assert_eq!(GeoPrecision::from_acled_geo_precision("2"), Some(GeoPrecision::Admin2));
    /// assert_eq!(GeoPrecision::from_acled_geo_precision("4"), None);
    /// ```
    pub fn from_acled_geo_precision(code: &str) -> Option<Self> {
        Some(match code {
            "" | "1" => Self::Place,
            "2" => Self::Admin2,
            "3" => Self::Admin1,
            _ => return None,
        })
    }
}

impl DatePrecision {
    /// The ACLED `time_precision` code of this precision: `day` → 1,
    /// `week` → 2, `month` → 3; ACLED has none for a year or an unknown date.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::DatePrecision;
    /// assert_eq!(DatePrecision::Month.acled_time_precision(), Some(3));
    /// assert_eq!(DatePrecision::Year.acled_time_precision(), None);
    /// ```
    pub fn acled_time_precision(self) -> Option<u8> {
        match self {
            Self::Day => Some(1),
            Self::Week => Some(2),
            Self::Month => Some(3),
            Self::Year | Self::Unknown => None,
        }
    }

    /// The UCDP `date_prec` code of this precision: `day` → 1, `week` → 3,
    /// `month` → 4, `year` → 5; an unknown date has none.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::DatePrecision;
    /// assert_eq!(DatePrecision::Week.ucdp_date_prec(), Some(3));
    /// assert_eq!(DatePrecision::Unknown.ucdp_date_prec(), None);
    /// ```
    pub fn ucdp_date_prec(self) -> Option<u8> {
        match self {
            Self::Day => Some(1),
            Self::Week => Some(3),
            Self::Month => Some(4),
            Self::Year => Some(5),
            Self::Unknown => None,
        }
    }

    /// Reads an ACLED `time_precision` code (empty counts as 1): the
    /// precision [`Self::acled_time_precision`] writes as that code.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::DatePrecision;
    /// assert_eq!(DatePrecision::from_acled_time_precision("2"), Some(DatePrecision::Week));
    /// assert_eq!(DatePrecision::from_acled_time_precision("4"), None);
    /// ```
    pub fn from_acled_time_precision(code: &str) -> Option<Self> {
        Self::from_code(code, Self::acled_time_precision)
    }

    /// Reads a UCDP `date_prec` code (empty counts as 1; 2, a day within a
    /// few days, reads as a day): the precision [`Self::ucdp_date_prec`]
    /// writes as that code.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::DatePrecision;
    /// assert_eq!(DatePrecision::from_ucdp_date_prec("2"), Some(DatePrecision::Day));
    /// assert_eq!(DatePrecision::from_ucdp_date_prec("5"), Some(DatePrecision::Year));
    /// assert_eq!(DatePrecision::from_ucdp_date_prec("6"), None);
    /// ```
    pub fn from_ucdp_date_prec(code: &str) -> Option<Self> {
        match code {
            "2" => Some(Self::Day),
            _ => Self::from_code(code, Self::ucdp_date_prec),
        }
    }

    /// The known precision that `write` turns into `code` (empty read as 1).
    fn from_code(code: &str, write: fn(Self) -> Option<u8>) -> Option<Self> {
        let digit = match code.as_bytes() {
            [] => 1,
            [d @ b'0'..=b'9'] => d - b'0',
            _ => return None,
        };
        [Self::Day, Self::Week, Self::Month, Self::Year]
            .into_iter()
            .find(|p| write(*p) == Some(digit))
    }
}

/// A death toll: UCDP-style low, best and high estimates.
///
/// `best` is `None` when the toll is unknown; `high` is `None` with a known
/// best when the toll is open-ended ("at least N"). Serialised (flattened
/// into a record) as `deaths_low`, `deaths_best`, `deaths_high`.
///
/// # Examples
/// ```
/// use casualty_atlas::model::Deaths;
/// let d = Deaths::new(None, Some(13), None);
/// assert!(d.open_high());
/// assert_eq!(d.label(), "13/13/open");
/// assert_eq!(d.for_sum(), Some((13, 13, 13)));
/// assert_eq!(Deaths::default().label(), "?");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Deaths {
    /// Low estimate.
    #[serde(rename = "deaths_low")]
    pub low: Option<u32>,
    /// Best estimate; `None` when the toll is unknown.
    #[serde(rename = "deaths_best")]
    pub best: Option<u32>,
    /// High estimate; `None` with a known best means open-ended.
    #[serde(rename = "deaths_high")]
    pub high: Option<u32>,
}

impl Deaths {
    /// A toll from its three estimates.
    pub const fn new(low: Option<u32>, best: Option<u32>, high: Option<u32>) -> Self {
        Self { low, best, high }
    }

    /// The same figure for low, best and high (ACLED's `fatalities`).
    pub const fn exact(n: u32) -> Self {
        Self::new(Some(n), Some(n), Some(n))
    }

    /// True when the high estimate is open-ended ("at least N").
    pub fn open_high(&self) -> bool {
        self.best.is_some() && self.high.is_none()
    }

    /// `(low, best, high)` with the conventions used for sums: a missing
    /// low is the best, a missing (open) high is the best. `None` when the
    /// toll is unknown.
    pub fn for_sum(&self) -> Option<(u64, u64, u64)> {
        let best = self.best? as u64;
        let low = self.low.map(|v| v as u64).unwrap_or(best);
        let high = self.high.map(|v| v as u64).unwrap_or(best);
        Some((low, best, high))
    }

    /// `low/best/high`: `?` when the toll is unknown, a missing low shown as
    /// the best, an open high as `open`.
    pub fn label(&self) -> String {
        match self.best {
            None => "?".to_string(),
            Some(b) => format!(
                "{}/{b}/{}",
                self.low.unwrap_or(b),
                self.high
                    .map(|h| h.to_string())
                    .unwrap_or_else(|| "open".into())
            ),
        }
    }
}

/// Kind of event, as far as the source says.
///
/// The extractor's types and UCDP's types of violence are variants; any
/// other spelling read from an input file (ACLED's sub-event types, a
/// spreadsheet's own words) is kept as written in [`EventType::Other`], so
/// it is written back unchanged.
///
/// # Examples
/// ```
/// use casualty_atlas::model::EventType;
/// assert_eq!(EventType::parse("drone strike"), EventType::DroneStrike);
/// assert_eq!(EventType::Ied.as_str(), "IED");
/// // spellings are exact: other cases are kept as written
/// assert_eq!(EventType::parse("Attack").as_str(), "Attack");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EventType {
    /// `attack`: the extractor's default.
    Attack,
    /// `raid`.
    Raid,
    /// `ambush`.
    Ambush,
    /// `massacre`.
    Massacre,
    /// `strike` (a strike of unknown kind).
    Strike,
    /// `drone strike`.
    DroneStrike,
    /// `airstrike`.
    Airstrike,
    /// `bombing`.
    Bombing,
    /// `clashes`.
    Clashes,
    /// `battle`.
    Battle,
    /// `siege`.
    Siege,
    /// `IED`: an explosive device.
    Ied,
    /// `state-based conflict` (UCDP type of violence 1).
    StateBased,
    /// `non-state conflict` (UCDP type of violence 2).
    NonState,
    /// `one-sided violence` (UCDP type of violence 3).
    OneSided,
    /// Any other spelling, as written in the input.
    Other(Box<str>),
}

impl EventType {
    const NAMED: [(EventType, &'static str); 15] = [
        (Self::Attack, "attack"),
        (Self::Raid, "raid"),
        (Self::Ambush, "ambush"),
        (Self::Massacre, "massacre"),
        (Self::Strike, "strike"),
        (Self::DroneStrike, "drone strike"),
        (Self::Airstrike, "airstrike"),
        (Self::Bombing, "bombing"),
        (Self::Clashes, "clashes"),
        (Self::Battle, "battle"),
        (Self::Siege, "siege"),
        (Self::Ied, "IED"),
        (Self::StateBased, "state-based conflict"),
        (Self::NonState, "non-state conflict"),
        (Self::OneSided, "one-sided violence"),
    ];

    /// The type spelt `s` (exactly: any other spelling is [`Self::Other`]).
    pub fn parse(s: &str) -> Self {
        Self::NAMED
            .iter()
            .find(|(_, name)| *name == s)
            .map(|(t, _)| t.clone())
            .unwrap_or_else(|| Self::Other(s.into()))
    }

    /// The wire spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Other(s) => s,
            t => Self::NAMED
                .iter()
                .find(|(n, _)| n == t)
                .map(|(_, name)| *name)
                .unwrap_or_default(),
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for EventType {
    fn from(s: &str) -> Self {
        Self::parse(s)
    }
}

impl Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// A flag raised on a record: plausibility and consistency checks, and
/// facts that describe it (the occasion, attackers killed).
///
/// Flags keep their order (the `flags` column lists them as raised). A
/// spelling the program does not raise itself (a flag read from an input
/// file) is kept as written in [`Flag::Other`].
///
/// # Examples
/// ```
/// use casualty_atlas::model::Flag;
/// assert_eq!(Flag::parse("implausible_toll"), Flag::ImplausibleToll);
/// assert_eq!(Flag::parse("occasion=wedding"), Flag::Occasion("wedding".into()));
/// assert_eq!(Flag::AttackersKilled(4).to_string(), "attackers_killed=4");
/// assert_eq!(Flag::parse("checked_by=AB").to_string(), "checked_by=AB");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Flag {
    /// `ambiguous_place`: the gazetteer had several candidates.
    AmbiguousPlace,
    /// `implausible_toll`: a toll no event of the region reaches.
    ImplausibleToll,
    /// `date_after_published`: dated after the article was published.
    DateAfterPublished,
    /// `far_from_named_region`: the point is far from the admin-1 named.
    FarFromNamedRegion,
    /// `date_out_of_range`: a start date too early or in the future.
    DateOutOfRange,
    /// `best_outside_low_high`: a best estimate outside its low..high.
    BestOutsideLowHigh,
    /// `conflicting_tolls`: merged reports gave different tolls.
    ConflictingTolls,
    /// `toll_doubtful`: the extractor doubts the toll.
    TollDoubtful,
    /// `dedup_ambiguous`: dedup could match the record to several events.
    DedupAmbiguous,
    /// `attackers_killed=N`: attackers killed, not counted in the toll.
    AttackersKilled(u32),
    /// `occasion=WORDS`: the occasion of the event (a wedding, a market
    /// day), which tells two events of one place and day apart.
    Occasion(Box<str>),
    /// Any other flag, as written.
    Other(Box<str>),
}

impl Flag {
    const NAMED: [(Flag, &'static str); 9] = [
        (Self::AmbiguousPlace, "ambiguous_place"),
        (Self::ImplausibleToll, "implausible_toll"),
        (Self::DateAfterPublished, "date_after_published"),
        (Self::FarFromNamedRegion, "far_from_named_region"),
        (Self::DateOutOfRange, "date_out_of_range"),
        (Self::BestOutsideLowHigh, "best_outside_low_high"),
        (Self::ConflictingTolls, "conflicting_tolls"),
        (Self::TollDoubtful, "toll_doubtful"),
        (Self::DedupAmbiguous, "dedup_ambiguous"),
    ];
    const ATTACKERS_KILLED: &'static str = "attackers_killed=";
    const OCCASION: &'static str = "occasion=";

    /// The flag spelt `s`; [`Display`](fmt::Display) gives `s` back.
    pub fn parse(s: &str) -> Self {
        if let Some((f, _)) = Self::NAMED.iter().find(|(_, name)| *name == s) {
            return f.clone();
        }
        if let Some(n) = s.strip_prefix(Self::ATTACKERS_KILLED) {
            // only a spelling that prints back the same
            if let Some(v) = n.parse::<u32>().ok().filter(|v| v.to_string() == n) {
                return Self::AttackersKilled(v);
            }
        }
        if let Some(o) = s.strip_prefix(Self::OCCASION) {
            return Self::Occasion(o.into());
        }
        Self::Other(s.into())
    }

    /// The spelling of a flag without a value (`None` for the others).
    pub fn name(&self) -> Option<&'static str> {
        Self::NAMED
            .iter()
            .find(|(f, _)| f == self)
            .map(|(_, name)| *name)
    }

    /// The text of a flag the program does not raise itself
    /// ([`Flag::Other`]), `None` for the others.
    pub fn other(&self) -> Option<&str> {
        match self {
            Self::Other(s) => Some(s),
            _ => None,
        }
    }

    /// True for the flags that describe the record rather than ask an
    /// analyst to check it (the occasion, attackers killed, a toll rule).
    pub fn describes_only(&self) -> bool {
        match self {
            Self::Occasion(_) | Self::AttackersKilled(_) => true,
            Self::Other(s) => s.starts_with(Self::ATTACKERS_KILLED) || s.starts_with("toll_rule="),
            _ => false,
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AttackersKilled(n) => write!(f, "{}{n}", Self::ATTACKERS_KILLED),
            Self::Occasion(o) => write!(f, "{}{o}", Self::OCCASION),
            Self::Other(s) => f.write_str(s),
            named => f.write_str(named.name().unwrap_or_default()),
        }
    }
}

impl From<&str> for Flag {
    fn from(s: &str) -> Self {
        Self::parse(s)
    }
}

/// A flag equals its spelling (`Flag::AttackersKilled(4) == "attackers_killed=4"`).
impl PartialEq<str> for Flag {
    fn eq(&self, other: &str) -> bool {
        *self == Flag::parse(other)
    }
}

impl PartialEq<&str> for Flag {
    fn eq(&self, other: &&str) -> bool {
        *self == Flag::parse(other)
    }
}

impl Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// One incident: the record of DESIGN.md.
///
/// Optional fields are `None` when unknown and serialise as `null`. The
/// serialised form is the flat record of DESIGN.md (`lat`, `lon`,
/// `deaths_low`, ... `flags` as strings), written and read through
/// one list of the wire fields (a private mirror struct), so every output
/// keeps its bytes and files written before still read.
///
/// # Examples
/// ```
/// use casualty_atlas::model::Incident;
/// let mut i = Incident::new("ex-1", "example.csv");
/// i.deaths.best = Some(3);
/// let json = serde_json::to_string(&i).unwrap();
/// assert!(json.contains("\"deaths_best\":3"));
/// let back: Incident = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, i);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incident {
    /// Stable id; generated from source and position when the input has none.
    pub id: String,
    /// File name (no directories) of the article or dataset it came from;
    /// shared by the records of one file (one text, not one per row).
    pub doc: Arc<str>,
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
    /// The location, WGS84 degrees (x = lon, y = lat).
    pub point: Option<Point>,
    /// How specific the location is.
    pub geo_precision: Option<GeoPrecision>,
    /// First day of the event.
    pub date_start: Option<NaiveDate>,
    /// Last day of the event (equal to `date_start` for one-day events).
    pub date_end: Option<NaiveDate>,
    /// How specific the date is.
    pub date_precision: DatePrecision,
    /// Deaths: low, best and high estimates.
    pub deaths: Deaths,
    /// Injured, when stated.
    pub injured: Option<u32>,
    /// Perpetrator, as far as the source says.
    pub actor: Option<String>,
    /// Victims, as far as the source says.
    pub victims: Option<String>,
    /// Kind of event (attack, ambush, drone strike, ...).
    pub event_type: Option<EventType>,
    /// Dataset family the record came from: `article`, `acled`, `ucdp`, `incidents`.
    pub source: Option<String>,
    /// Plausibility and consistency flags raised on this record, in order.
    pub flags: Vec<Flag>,
    /// What only an article extraction fills (evidence, span, confidence,
    /// language, the toll's rule and candidates, review reasons, other
    /// places): [`Incident::article`], [`Incident::article_mut`].
    pub article: Side<ArticleFields>,
    /// What only dedup fills (merged ids, sources, their tolls):
    /// [`Incident::merge`], [`Incident::merge_mut`].
    pub merge: Side<MergeFields>,
    /// The line of the input table the record came from (for messages
    /// about it later in the run; not written out).
    pub source_line: Option<u64>,
}

/// The fields of an [`Incident`] that only an article extraction fills.
///
/// Held behind a [`Side`] box: a table row (most records of a big run)
/// carries none of them and pays one pointer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleFields {
    /// The text span that states the toll (articles only).
    pub evidence: Option<String>,
    /// Byte offsets of `evidence` in the article.
    pub span: Option<[usize; 2]>,
    /// The extractor's own estimate, 0..1.
    pub confidence: Option<f64>,
    /// Language the article was read in (`en`, `fr`); articles only.
    pub lang: Option<String>,
    /// Other places the same event struck (several villages, one toll).
    pub also_places: Vec<String>,
    /// Articles: the codebook rule that set the toll from its candidate
    /// figures (`single`, `revised`, `own-finding`, `lowest`, `sum`...).
    pub toll_rule: Option<String>,
    /// Articles: every figure the text gave for this incident, in text
    /// order, as `95 (first) @120-140` (value, how the text presents it,
    /// byte span), so an analyst sees "95 first reported -> 35 revised".
    pub toll_candidates: Vec<String>,
    /// Reasons an analyst should check this record before publishing
    /// (`competing_figures`, `vague_figure`, `place_unresolved`,
    /// `date_inferred`...).
    pub review: Vec<String>,
}

/// The fields of an [`Incident`] that only dedup fills (empty when unmerged).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeFields {
    /// Ids of the reports merged into this record.
    pub merged_from: Vec<String>,
    /// Every report merged into this record, as `doc:id`.
    pub sources: Vec<String>,
    /// Each merged report's own toll, so no source's figures are lost.
    pub source_tolls: Vec<SourceToll>,
}

static NO_ARTICLE: ArticleFields = ArticleFields {
    evidence: None,
    span: None,
    confidence: None,
    lang: None,
    also_places: Vec::new(),
    toll_rule: None,
    toll_candidates: Vec::new(),
    review: Vec::new(),
};

static NO_MERGE: MergeFields = MergeFields {
    merged_from: Vec::new(),
    sources: Vec::new(),
    source_tolls: Vec::new(),
};

/// A group of fields most records leave empty, boxed only once one is set:
/// reads see the empty group when there is none ([`Side::get`]), writes
/// make it ([`Side::get_mut`]). Two sides are equal when their fields are
/// (no group equals an empty one).
#[derive(Debug, Clone, Default)]
pub struct Side<T: 'static>(Option<Box<T>>);

/// The empty value of a [`Side`] group, for reads of a record without one.
pub trait Empty: 'static {
    /// The group with every field empty.
    fn empty() -> &'static Self;
}

impl Empty for ArticleFields {
    fn empty() -> &'static Self {
        &NO_ARTICLE
    }
}

impl Empty for MergeFields {
    fn empty() -> &'static Self {
        &NO_MERGE
    }
}

impl<T: Empty + Default + PartialEq> Side<T> {
    /// The group (the empty one when none was set).
    pub fn get(&self) -> &T {
        self.0.as_deref().unwrap_or(T::empty())
    }

    /// The group, made empty first when there was none.
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(Box::default)
    }

    /// The group `v`, boxed unless it is empty.
    pub fn of(v: T) -> Self {
        Side((v != T::default()).then(|| Box::new(v)))
    }

    /// True when the record carries the group (even an empty one).
    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }
}

impl<T: Empty + Default + PartialEq> PartialEq for Side<T> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// The serialised form of an [`Incident`]: DESIGN.md's flat record, field
/// by field in wire order (the order NDJSON lines and GeoJSON properties
/// are written in). [`Incident`] is written through a borrowed one and
/// read into an owned one.
#[derive(Serialize, Deserialize)]
struct IncidentWire<S, E, V: Wire, F: Wire, T: Wire> {
    id: S,
    doc: S,
    place: Option<S>,
    place_id: Option<S>,
    admin1: Option<S>,
    admin2: Option<S>,
    country: Option<S>,
    lat: Option<f64>,
    lon: Option<f64>,
    geo_precision: Option<GeoPrecision>,
    date_start: Option<NaiveDate>,
    date_end: Option<NaiveDate>,
    #[serde(default)]
    date_precision: DatePrecision,
    deaths_low: Option<u32>,
    deaths_best: Option<u32>,
    deaths_high: Option<u32>,
    injured: Option<u32>,
    actor: Option<S>,
    victims: Option<S>,
    event_type: Option<E>,
    evidence: Option<S>,
    span: Option<[usize; 2]>,
    confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<S>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<S>,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    also_places: V,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    flags: F,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    toll_rule: Option<S>,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    toll_candidates: V,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    review: V,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    merged_from: V,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    sources: V,
    #[serde(default, skip_serializing_if = "Wire::is_empty")]
    source_tolls: T,
}

/// A list field of [`IncidentWire`]: borrowed slices when writing, owned
/// vectors when reading.
trait Wire {
    fn is_empty(&self) -> bool;
}

impl<X> Wire for &[X] {
    fn is_empty(&self) -> bool {
        <[X]>::is_empty(self)
    }
}

impl<X> Wire for Vec<X> {
    fn is_empty(&self) -> bool {
        <[X]>::is_empty(self)
    }
}

impl Serialize for Incident {
    fn serialize<Ser: serde::Serializer>(&self, s: Ser) -> Result<Ser::Ok, Ser::Error> {
        fn st(v: &Option<String>) -> Option<&str> {
            v.as_deref()
        }
        let (a, m) = (self.article(), self.merge());
        let (lon, lat) = match self.point {
            Some(p) => (Some(p.x()), Some(p.y())),
            None => (None, None),
        };
        IncidentWire::<&str, &EventType, &[String], &[Flag], &[SourceToll]> {
            id: &self.id,
            doc: &*self.doc,
            place: st(&self.place),
            place_id: st(&self.place_id),
            admin1: st(&self.admin1),
            admin2: st(&self.admin2),
            country: st(&self.country),
            lat,
            lon,
            geo_precision: self.geo_precision,
            date_start: self.date_start,
            date_end: self.date_end,
            date_precision: self.date_precision,
            deaths_low: self.deaths.low,
            deaths_best: self.deaths.best,
            deaths_high: self.deaths.high,
            injured: self.injured,
            actor: st(&self.actor),
            victims: st(&self.victims),
            event_type: self.event_type.as_ref(),
            evidence: st(&a.evidence),
            span: a.span,
            confidence: a.confidence,
            source: st(&self.source),
            lang: st(&a.lang),
            also_places: &a.also_places,
            flags: &self.flags,
            toll_rule: st(&a.toll_rule),
            toll_candidates: &a.toll_candidates,
            review: &a.review,
            merged_from: &m.merged_from,
            sources: &m.sources,
            source_tolls: &m.source_tolls,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Incident {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = IncidentWire::<String, EventType, Vec<String>, Vec<Flag>, Vec<SourceToll>>::deserialize(d)?;
        let article = ArticleFields {
            evidence: w.evidence,
            span: w.span,
            confidence: w.confidence,
            lang: w.lang,
            also_places: w.also_places,
            toll_rule: w.toll_rule,
            toll_candidates: w.toll_candidates,
            review: w.review,
        };
        let merge = MergeFields {
            merged_from: w.merged_from,
            sources: w.sources,
            source_tolls: w.source_tolls,
        };
        Ok(Incident {
            id: w.id,
            doc: w.doc.into(),
            place: w.place,
            place_id: w.place_id,
            admin1: w.admin1,
            admin2: w.admin2,
            country: w.country,
            point: match (w.lon, w.lat) {
                (Some(x), Some(y)) => Some(Point::new(x, y)),
                _ => None,
            },
            geo_precision: w.geo_precision,
            date_start: w.date_start,
            date_end: w.date_end,
            date_precision: w.date_precision,
            deaths: Deaths::new(w.deaths_low, w.deaths_best, w.deaths_high),
            injured: w.injured,
            actor: w.actor,
            victims: w.victims,
            event_type: w.event_type,
            source: w.source,
            flags: w.flags,
            article: Side::of(article),
            merge: Side::of(merge),
            source_line: None,
        })
    }
}

/// One source's toll inside a merged record.
///
/// # Examples
/// ```
/// use casualty_atlas::model::{Deaths, SourceToll};
/// let t = SourceToll { doc: "a.txt".into(), id: "a-1".into(),
///     deaths: Deaths::new(Some(40), Some(40), Some(85)), evidence: None };
/// assert_eq!(t.label(), "40/40/85");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceToll {
    /// Document of the report.
    pub doc: String,
    /// Id of the report.
    pub id: String,
    /// Its toll (`deaths_low`, `deaths_best`, `deaths_high`).
    #[serde(flatten)]
    pub deaths: Deaths,
    /// The text span that states it (articles only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl SourceToll {
    /// `low/best/high`, `?` for an unknown toll, `open` for an open high.
    pub fn label(&self) -> String {
        self.deaths.label()
    }
}

impl Incident {
    /// A blank incident with an id and a document name.
    pub fn new(id: impl Into<String>, doc: impl Into<Arc<str>>) -> Self {
        Self {
            id: id.into(),
            doc: doc.into(),
            ..Self::default()
        }
    }

    /// The location as `(lon, lat)` when known.
    pub fn lon_lat(&self) -> Option<(f64, f64)> {
        self.point.map(|p| (p.x(), p.y()))
    }

    /// Latitude (y), when located.
    pub fn lat(&self) -> Option<f64> {
        self.point.map(|p| p.y())
    }

    /// Longitude (x), when located.
    pub fn lon(&self) -> Option<f64> {
        self.point.map(|p| p.x())
    }

    /// Sets the location from a longitude and a latitude (both or none).
    pub fn set_lon_lat(&mut self, lon_lat: Option<(f64, f64)>) {
        self.point = lon_lat.map(|(x, y)| Point::new(x, y));
    }

    /// The fields only an article extraction fills (empty ones for a
    /// table row).
    pub fn article(&self) -> &ArticleFields {
        self.article.get()
    }

    /// The article fields, to set one (boxed on first use).
    pub fn article_mut(&mut self) -> &mut ArticleFields {
        self.article.get_mut()
    }

    /// The fields only dedup fills (empty ones for an unmerged record).
    pub fn merge(&self) -> &MergeFields {
        self.merge.get()
    }

    /// The merge fields, to set one (boxed on first use).
    pub fn merge_mut(&mut self) -> &mut MergeFields {
        self.merge.get_mut()
    }

    /// The occasion of the event (the first `occasion=` flag), if any.
    pub fn occasion(&self) -> Option<&str> {
        self.flags.iter().find_map(|f| match f {
            Flag::Occasion(o) => Some(&**o),
            _ => None,
        })
    }

    /// True when the record carries `flag`.
    pub fn has_flag(&self, flag: &Flag) -> bool {
        self.flags.contains(flag)
    }

    /// Raises `flag` (once: a flag already raised is not repeated).
    pub fn raise(&mut self, flag: Flag) {
        if !self.flags.contains(&flag) {
            self.flags.push(flag);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A record with every field filled, and its NDJSON line as the
    /// program wrote it before the record was typed (key order, nulls,
    /// skipped empty lists, flags and event type as strings).
    fn full() -> (Incident, &'static str) {
        let mut i = Incident::new("a-1", "a.txt");
        i.place = Some("Gao".into());
        i.place_id = Some("2457163".into());
        i.admin1 = Some("Gao".into());
        i.country = Some("ML".into());
        i.set_lon_lat(Some((-0.04, 16.27)));
        i.geo_precision = Some(GeoPrecision::Place);
        i.date_start = NaiveDate::from_ymd_opt(2023, 5, 1);
        i.date_end = i.date_start;
        i.date_precision = DatePrecision::Day;
        i.deaths = Deaths::new(Some(3), Some(4), None);
        i.event_type = Some(EventType::parse("Armed clash"));
        i.article_mut().evidence = Some("four died".into());
        i.article_mut().span = Some([10, 19]);
        i.article_mut().confidence = Some(0.5);
        i.source = Some("article".into());
        i.article_mut().also_places = vec!["Ansongo".into()];
        i.flags = [
            "attackers_killed=2",
            "occasion=market day",
            "x=1",
            "toll_doubtful",
        ]
        .map(Flag::parse)
        .to_vec();
        i.merge_mut().merged_from = vec!["b-1".into()];
        i.merge_mut().source_tolls = vec![SourceToll {
            doc: "b.txt".into(),
            id: "b-1".into(),
            deaths: Deaths::exact(4),
            evidence: None,
        }];
        let line = r#"{"id":"a-1","doc":"a.txt","place":"Gao","place_id":"2457163","admin1":"Gao","admin2":null,"country":"ML","lat":16.27,"lon":-0.04,"geo_precision":"place","date_start":"2023-05-01","date_end":"2023-05-01","date_precision":"day","deaths_low":3,"deaths_best":4,"deaths_high":null,"injured":null,"actor":null,"victims":null,"event_type":"Armed clash","evidence":"four died","span":[10,19],"confidence":0.5,"source":"article","also_places":["Ansongo"],"flags":["attackers_killed=2","occasion=market day","x=1","toll_doubtful"],"merged_from":["b-1"],"source_tolls":[{"doc":"b.txt","id":"b-1","deaths_low":4,"deaths_best":4,"deaths_high":4}]}"#;
        (i, line)
    }

    #[test]
    fn the_typed_record_writes_and_reads_the_flat_wire_record() {
        let (i, line) = full();
        assert_eq!(serde_json::to_string(&i).unwrap(), line);
        let back: Incident = serde_json::from_str(line).unwrap();
        assert_eq!(back, i);
        assert_eq!(back.occasion(), Some("market day"));
        assert_eq!(back.flags[0], Flag::AttackersKilled(2));
        let blank = serde_json::to_string(&Incident::new("b", "b.csv")).unwrap();
        assert!(
            blank.ends_with(r#""event_type":null,"evidence":null,"span":null,"confidence":null}"#)
        );
    }

    #[test]
    fn spellings_print_back_as_read() {
        for s in [
            "attackers_killed=07",
            "attackers_killed=-1",
            "occasion=",
            "implausible_toll",
        ] {
            assert_eq!(Flag::parse(s).to_string(), s);
        }
        assert!(matches!(Flag::parse("attackers_killed=07"), Flag::Other(_)));
        for s in ["IED", "ied", "drone strike", "one-sided violence", ""] {
            assert_eq!(EventType::parse(s).as_str(), s);
        }
    }

    /// Prints the record's size (what 2 M held records cost); not asserted.
    #[test]
    fn incident_size() {
        println!(
            "size_of::<Incident>() = {} bytes",
            std::mem::size_of::<Incident>()
        );
    }
}
