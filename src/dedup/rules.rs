//! Pair rules: when two reports may be one event, and which rule says so.
//!
//! A pair is refused as soon as one thing contradicts: same document, same
//! structured dataset, different countries or admin units, date windows
//! that do not meet, incompatible event types or victims, names that
//! differ, distances beyond the threshold of the coarser location, or —
//! for coarse reports — tolls that do not overlap.

use super::DedupConfig;
use crate::gazetteer::normalize::{normalize, osa_distance};
use crate::model::{DatePrecision, GeoPrecision, Incident};
use crate::spatial::haversine_km;
use chrono::{Datelike, Days, NaiveDate};

/// One spelling for admin-1 names that datasets spell differently
/// ([`crate::names::ADMIN1_ALIASES`]).
pub(crate) fn admin1_alias(a: &str) -> String {
    crate::names::admin1_canonical(a)
}

/// Normalised place name with generic words removed (unit and settlement
/// words, articles: [`crate::names::is_generic_word`]).
///
/// # Examples
/// ```
/// use casualty_atlas::dedup::place_key;
/// assert_eq!(place_key("Cercle de Niono"), "niono");
/// assert_eq!(place_key("Ségou Region"), "segou");
/// assert_eq!(place_key("central Mali"), "central mali");
/// ```
pub fn place_key(s: &str) -> String {
    let n = normalize(s);
    let kept: Vec<&str> = n
        .split(' ')
        .filter(|w| !crate::names::is_generic_word(w))
        .collect();
    if kept.is_empty() {
        n
    } else {
        kept.join(" ")
    }
}

/// Broad kind of event, as far as merging is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Not stated, or stated in terms that say nothing of the means
    /// (UCDP's violence types).
    Any,
    /// Drone, air strike, shelling: violence from a distance.
    Remote,
    /// IED, mine, suicide bomb.
    Explosive,
    /// ACLED's "Explosions/Remote violence": either of the two.
    RemoteOrExplosive,
    /// Ground attack, raid, ambush, massacre.
    Attack,
    /// Armed clash between armed groups.
    Battle,
}

impl Kind {
    pub(crate) fn of(s: Option<&str>) -> Kind {
        let Some(s) = s else { return Kind::Any };
        let n = normalize(s);
        // UCDP's types of violence say who fought, not how
        if ["state based", "non state", "one sided"]
            .iter()
            .any(|w| n.contains(w))
        {
            return Kind::Any;
        }
        let words: Vec<&str> = n.split(' ').collect();
        let word = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
        let stem = |ws: &[&str]| words.iter().any(|w| ws.iter().any(|s| w.starts_with(s)));
        if n.contains("remote explosive") {
            return Kind::Explosive;
        }
        let remote = word(&["air", "remote", "aerial"])
            || stem(&[
                "drone",
                "airstrike",
                "strike",
                "bombard",
                "shelling",
                "artillery",
                "missile",
                "mortar",
                "airborne",
            ]);
        let explosive = word(&["ied", "ieds", "vbied", "mine", "mines", "suicide"])
            || stem(&["landmine", "explosi"]);
        // "a bombing": from the air or a bomb on the ground (a car bomb)
        let bombing = stem(&["bombing"]);
        match (remote, explosive || bombing) {
            (false, true) if bombing && !explosive => return Kind::RemoteOrExplosive,
            (true, true) => return Kind::RemoteOrExplosive,
            (true, false) => return Kind::Remote,
            (false, true) => return Kind::Explosive,
            _ => {}
        }
        if stem(&["battle", "clash", "fight", "combat"]) {
            return Kind::Battle;
        }
        if stem(&[
            "attack", "raid", "ambush", "massacre", "kill", "execut", "assault", "siege", "shoot",
            "gunmen", "gunfire",
        ]) || n.contains("violence against civilians")
        {
            return Kind::Attack;
        }
        Kind::Any
    }

    pub(crate) fn compatible(self, o: Kind) -> bool {
        use Kind::*;
        match (self, o) {
            (Any, _) | (_, Any) => true,
            (a, b) if a == b => true,
            (RemoteOrExplosive, Remote | Explosive) | (Remote | Explosive, RemoteOrExplosive) => {
                true
            }
            // ACLED codes attacks on army posts as battles
            (Attack, Battle) | (Battle, Attack) => true,
            // ambushes open with an IED, then gunfire
            (Explosive, Attack | Battle) | (Attack | Battle, Explosive) => true,
            _ => false,
        }
    }
}

/// Who died, as far as merging is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Victims {
    Any,
    Civilians,
    Forces,
}

impl Victims {
    pub(crate) fn of(s: Option<&str>) -> Victims {
        let Some(s) = s else { return Victims::Any };
        let n = normalize(s);
        let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
        let civ = has(&[
            "civil",
            "villager",
            "children",
            "women",
            "worshipper",
            "resident",
            "displaced",
            "herder",
            "farmer",
            "trader",
            "wedding",
            "funeral",
            "passenger",
            "student",
            "pupil",
        ]);
        let forces = has(&[
            "soldier",
            "army",
            "security",
            "military",
            "gendarm",
            "police",
            "troop",
            "vdp",
            "volunteer",
            "fama",
            "peacekeeper",
            "minusma",
            "guard",
            "officer",
            "forces",
        ]);
        match (civ, forces) {
            (true, false) => Victims::Civilians,
            (false, true) => Victims::Forces,
            _ => Victims::Any,
        }
    }

    /// Civilians and security forces are the one pair that contradicts.
    /// Civilians and "militants" do not: the same dead are often called
    /// civilians by one source and terrorists by another.
    pub(crate) fn compatible(self, o: Victims) -> bool {
        !matches!(
            (self, o),
            (Victims::Civilians, Victims::Forces) | (Victims::Forces, Victims::Civilians)
        )
    }
}

/// One incident, digested for comparisons.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub doc: std::sync::Arc<str>,
    pub name: Option<String>,
    pub also: Vec<String>,
    pub place_id: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub country: Option<String>,
    pub point: Option<(f64, f64)>,
    pub geo: GeoPrecision,
    /// The widened date window; `None` for undated and year-only reports.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// The stated dates (start, end).
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// Undated or known only to the year.
    pub weak_date: bool,
    /// Dated to the day.
    pub day_precise: bool,
    pub kind: Kind,
    pub victims: Victims,
    /// `(low, high)`, high `None` when open-ended; `None` when unknown.
    pub toll: Option<(u32, Option<u32>)>,
    /// The best estimate.
    pub best: Option<u32>,
    /// `acled` / `ucdp`: rows of one structured dataset never merge together.
    pub structured: Option<String>,
    /// Admin-1 keys a vague area covers; `Some(empty)` = the whole country.
    pub area: Option<Vec<String>>,
    /// The gathering the attack hit (`occasion=` flag: wedding, funeral...).
    pub occasion: Option<String>,
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

fn widen(d: NaiveDate, days: i64, up: bool) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    if up {
        d.checked_add_days(n).unwrap_or(d)
    } else {
        d.checked_sub_days(n).unwrap_or(d)
    }
}

/// What a report says of its place, as the pair rules compare it.
struct PlaceParts {
    name: Option<String>,
    admin1: Option<String>,
    admin2: Option<String>,
    country: Option<String>,
    geo: GeoPrecision,
    area: Option<Vec<String>>,
}

impl PlaceParts {
    /// Keys of the names; a vague area or a country named as the place
    /// makes the report country-level, over that area.
    fn of(inc: &Incident, located: bool) -> PlaceParts {
        let country = inc
            .country
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty());
        let key = |s: &Option<String>| s.as_deref().map(place_key).filter(|k| !k.is_empty());
        let admin1 = key(&inc.admin1).map(|a| admin1_alias(&a));
        let admin2 = key(&inc.admin2);
        let mut geo = inc.geo_precision.unwrap_or(if located {
            GeoPrecision::Place
        } else {
            GeoPrecision::Country
        });
        let mut name = key(&inc.place).or_else(|| match geo {
            GeoPrecision::Admin2 => admin2.clone(),
            GeoPrecision::Admin1 => admin1.clone(),
            _ => None,
        });
        let mut country_out = country.clone();
        let mut area = None;
        if let Some(n) = &name {
            if let Some((cc, regions)) = crate::names::vague_area(n) {
                area = Some(regions.iter().map(|r| r.to_string()).collect());
                geo = GeoPrecision::Country;
                country_out = country_out.or(Some(cc.to_string()));
            } else if let Some(cc) = crate::names::country_by_name(n) {
                area = Some(Vec::new());
                geo = GeoPrecision::Country;
                country_out = country_out.or(Some(cc.to_string()));
            }
        }
        if geo == GeoPrecision::Country && area.is_none() {
            // located to the country only, under a name we do not know:
            // the whole country
            area = Some(Vec::new());
            if name.is_none() {
                name = country_out.as_deref().map(|c| c.to_ascii_lowercase());
            }
        }
        PlaceParts {
            name,
            admin1,
            admin2,
            country: country_out,
            geo,
            area,
        }
    }
}

/// A report's stated days, the window it may have happened in (none for a
/// year-only or undated report) and its date precision.
#[allow(clippy::type_complexity)]
fn dates_of(
    inc: &Incident,
    cfg: &DedupConfig,
) -> (
    Option<(NaiveDate, NaiveDate)>,
    Option<(NaiveDate, NaiveDate)>,
    DatePrecision,
) {
    let range = inc
        .date_start
        .map(|s| (s, inc.date_end.filter(|e| *e >= s).unwrap_or(s)));
    let precision = match (inc.date_precision, range) {
        (_, None) => DatePrecision::Unknown,
        // a date was given, with no precision: take it at its word
        (DatePrecision::Unknown, Some(_)) => DatePrecision::Day,
        (p, Some(_)) => p,
    };
    let window = range.and_then(|(s, e)| match precision {
        DatePrecision::Day => Some((
            widen(s, cfg.day_slack, false),
            widen(e, cfg.day_slack, true),
        )),
        DatePrecision::Week => Some((widen(s, 7, false), widen(e, 7, true))),
        DatePrecision::Month => Some((s.with_day(1).unwrap_or(s), month_end(e))),
        DatePrecision::Year | DatePrecision::Unknown => None,
    });
    (range, window, precision)
}

impl Prepared {
    pub(crate) fn of(inc: &Incident, cfg: &DedupConfig) -> Prepared {
        let point = inc
            .lon_lat()
            .filter(|(x, y)| x.is_finite() && y.is_finite());
        let pl = PlaceParts::of(inc, point.is_some());
        let (range, window, precision) = dates_of(inc, cfg);
        let weak_date = window.is_none();
        let day_precise = precision == DatePrecision::Day;
        let toll = inc.deaths.best.map(|b| {
            let low = inc.deaths.low.unwrap_or(b).min(b);
            (low, inc.deaths.high.map(|h| h.max(b)))
        });
        let structured = inc
            .source
            .as_deref()
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| s == "acled" || s == "ucdp");
        Prepared {
            doc: inc.doc.clone(),
            name: pl.name,
            also: inc
                .article()
                .also_places
                .iter()
                .map(|a| place_key(a))
                .filter(|a| !a.is_empty())
                .collect(),
            place_id: inc.place_id.clone().filter(|p| !p.is_empty()),
            admin1: pl.admin1,
            admin2: pl.admin2,
            country: pl.country,
            point,
            geo: pl.geo,
            window,
            range,
            weak_date,
            day_precise,
            kind: Kind::of(inc.event_type.as_ref().map(|t| t.as_str())),
            victims: Victims::of(inc.victims.as_deref()),
            toll,
            best: inc.deaths.best,
            structured,
            area: pl.area,
            occasion: inc.occasion().map(str::to_string),
        }
    }

    /// Place, dated to day/week/month and located to a point: the reports
    /// that seed clusters and may merge by distance alone.
    pub(crate) fn is_fine(&self) -> bool {
        self.geo == GeoPrecision::Place && self.point.is_some() && !self.weak_date
    }
}

/// How two place descriptions relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// Same normalised name (or close spelling, same gazetteer id, or one's
    /// `also_places`).
    Same,
    /// The coarser one names the admin unit the finer one lies in.
    InAdmin,
    /// The coarser one is a vague area or the country containing the finer.
    InArea,
    /// One side names no place.
    Unknown,
    /// Two different places.
    Different,
}

/// Two spellings of one name: one edit apart (two for long names), no
/// digits (numbered places differ by their number).
fn spelling_close(a: &str, b: &str) -> bool {
    if a.chars().chain(b.chars()).any(|c| c.is_ascii_digit()) {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let d = osa_distance(a, b);
    (la >= 5 && lb >= 5 && d <= 1) || (la >= 8 && lb >= 8 && d <= 2)
}

/// Same place by name. Loose forms (a spelling edit, a quarter's name)
/// only when `loose`: between located, dated reports at village or cercle
/// level, where the distance threshold still guards against a neighbour.
fn same_place(a: &Prepared, b: &Prepared, loose: bool) -> bool {
    if let (Some(x), Some(y)) = (&a.place_id, &b.place_id) {
        if x == y {
            return true;
        }
    }
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => {
            x == y
                || a.also.contains(y)
                || b.also.contains(x)
                || (loose && (spelling_close(x, y) || quarter_of(x, y)))
        }
        _ => false,
    }
}

/// One name is the other plus trailing words ("Ogossagou" and
/// "Ogossagou Peul", "Kallala" and "Kallala Bambara": quarters of one
/// village).
fn quarter_of(x: &str, y: &str) -> bool {
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    short.chars().count() >= 4
        && long
            .strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
}

/// `coarse` contains `fine` by its admin names or its area.
fn contains(coarse: &Prepared, fine: &Prepared) -> Option<Names> {
    if let Some(area) = &coarse.area {
        let country_ok = match (&coarse.country, &fine.country) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        if !country_ok {
            return None;
        }
        if area.is_empty() {
            return Some(Names::InArea);
        }
        return fine
            .admin1
            .as_ref()
            .filter(|a| area.contains(a))
            .map(|_| Names::InArea);
    }
    let n = coarse.name.as_ref()?;
    match coarse.geo {
        GeoPrecision::Admin2 if fine.admin2.as_ref() == Some(n) => Some(Names::InAdmin),
        GeoPrecision::Admin1 if fine.admin1.as_deref() == Some(admin1_alias(n).as_str()) => {
            Some(Names::InAdmin)
        }
        _ => None,
    }
}

/// The region-level one of `a` and `b` names the region the other lies in.
fn region_holds_town(a: &Prepared, b: &Prepared) -> bool {
    let (coarse, fine) = if a.geo >= b.geo { (a, b) } else { (b, a) };
    coarse.geo == GeoPrecision::Admin1 && contains(coarse, fine) == Some(Names::InAdmin)
}

fn names(a: &Prepared, b: &Prepared) -> Names {
    let loose = a.point.is_some()
        && b.point.is_some()
        && !a.weak_date
        && !b.weak_date
        && a.geo.max(b.geo) <= GeoPrecision::Admin2;
    if same_place(a, b, loose) {
        return Names::Same;
    }
    let (coarse, fine) = if a.geo >= b.geo { (a, b) } else { (b, a) };
    if coarse.geo > fine.geo {
        if let Some(r) = contains(coarse, fine) {
            return r;
        }
    }
    if a.name.is_none() || b.name.is_none() {
        return Names::Unknown;
    }
    Names::Different
}

/// Which rule allowed a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Same place name (or gazetteer id) within the distance threshold.
    SamePlace,
    /// One side names no place; points within the threshold.
    Nearby,
    /// Different village names, but within the place threshold, same dates
    /// and overlapping tolls (one village reported under a neighbour's name).
    NearbyOtherName,
    /// Same name, no usable distance (unlocated or coarse reports).
    SameName,
    /// Same village name from two articles, resolved to homonyms far
    /// apart, but told on the same day in the same region with tolls that
    /// agree.
    SameNameSameDay,
    /// The coarser report names the cercle/region the finer one lies in.
    InAdminUnit,
    /// The coarser report names a vague area ("northern Mali") or the
    /// country containing the finer one; tolls agree.
    InArea,
    /// Both name the same occasion (a wedding, a funeral, a market day) and
    /// nothing of place or date contradicts: the tolls may differ, one may
    /// be undated or known only to its region.
    SameOccasion,
}

impl Rule {
    /// The label written in `dedup_clusters.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SamePlace => "same-place",
            Rule::Nearby => "nearby",
            Rule::NearbyOtherName => "nearby-other-name",
            Rule::SameName => "same-name",
            Rule::SameNameSameDay => "same-name-same-day",
            Rule::InAdminUnit => "in-admin-unit",
            Rule::InArea => "in-area",
            Rule::SameOccasion => "same-occasion",
        }
    }
}

/// Why a pair may merge, with what was measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link {
    pub rule: Rule,
    /// One side undated (or dated to the year only): allowed on names and
    /// agreeing tolls.
    pub undated: bool,
}

impl Link {
    pub(crate) fn label(&self) -> String {
        if self.rule == Rule::SameOccasion {
            let u = if self.undated { "+undated" } else { "" };
            format!("{}{u}", self.rule.as_str())
        } else if self.undated {
            format!("{}+undated-toll-agrees", self.rule.as_str())
        } else {
            self.rule.as_str().to_string()
        }
    }
}

/// The figures of one report, or of a cluster's reports together: the
/// lowest low, the highest high (open when any is open) and the highest
/// high with open ends closed at their best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TollSpan {
    low: u32,
    high: Option<u32>,
    closed: u32,
}

impl TollSpan {
    /// `None` when the report gives no toll.
    pub(crate) fn of(p: &Prepared) -> Option<TollSpan> {
        let (low, high) = p.toll?;
        let best = p.best?;
        Some(TollSpan {
            low,
            high,
            closed: high.unwrap_or(best),
        })
    }

    /// The span of two reports' figures taken together.
    pub(crate) fn with(self, o: TollSpan) -> TollSpan {
        TollSpan {
            low: self.low.min(o.low),
            high: self.high.zip(o.high).map(|(a, b)| a.max(b)),
            closed: self.closed.max(o.closed),
        }
    }

    /// The span of both, of either when one is unknown.
    pub(crate) fn join(a: Option<TollSpan>, b: Option<TollSpan>) -> Option<TollSpan> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.with(b)),
            (a, b) => a.or(b),
        }
    }
}

/// What the tolls of a pair must do for the pair to be one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TollTest {
    /// Sources of a village-level, dated event may disagree: that is what
    /// merging is for.
    Free,
    /// Must not contradict: the intervals meet, or one is unknown.
    NoClash,
    /// Must agree: both known, intervals meet with an open high closed at
    /// its best ("at least 12" agrees with 12 or 12–15, not with 24). Where
    /// the toll is the evidence (undated and vague reports), so an open end
    /// cannot make any larger toll agree.
    Agree,
}

impl TollTest {
    /// Do tolls `a` and `b` (of a report, or of a cluster's members taken
    /// together) pass this test?
    pub(crate) fn passes(self, a: Option<TollSpan>, b: Option<TollSpan>) -> bool {
        // (an event told with no dead at all is not one whose dead every
        // source counts: "the shells fell without casualties" and "the
        // strikes killed thirteen" are two)
        let none_and_some = |x: TollSpan, y: TollSpan| x.high == Some(0) && y.low >= 1;
        match (self, a, b) {
            (TollTest::Free, Some(a), Some(b)) => !(none_and_some(a, b) || none_and_some(b, a)),
            (TollTest::Free, _, _) => true,
            (TollTest::NoClash, Some(a), Some(b)) => {
                a.high.is_none_or(|h| b.low <= h) && b.high.is_none_or(|h| a.low <= h)
            }
            (TollTest::NoClash, _, _) => true,
            (TollTest::Agree, Some(a), Some(b)) => a.low <= b.closed && b.low <= a.closed,
            (TollTest::Agree, _, _) => false,
        }
    }
}

/// `true` when both tolls are known and agree ([`TollTest::Agree`]).
fn tolls_agree(a: &Prepared, b: &Prepared) -> bool {
    TollTest::Agree.passes(TollSpan::of(a), TollSpan::of(b))
}

/// Distance threshold for a pair whose coarser location is `g`.
fn km_for(g: GeoPrecision, cfg: &DedupConfig) -> Option<f64> {
    match g {
        GeoPrecision::Place => Some(cfg.place_km),
        GeoPrecision::Admin2 => Some(cfg.admin2_km),
        GeoPrecision::Admin1 => Some(cfg.admin1_km),
        GeoPrecision::Country => None,
    }
}

/// Search radius around a report of precision `g` (R-tree candidates).
pub(crate) fn search_km(g: GeoPrecision, cfg: &DedupConfig) -> Option<f64> {
    km_for(g, cfg)
}

fn differ(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// Gap in days between the stated date ranges (0 when they overlap).
pub(crate) fn day_gap(a: &Prepared, b: &Prepared) -> Option<i64> {
    let ((s1, e1), (s2, e2)) = (a.range?, b.range?);
    if a.weak_date || b.weak_date {
        return None;
    }
    let g = if e1 < s2 {
        (s2 - e1).num_days()
    } else if e2 < s1 {
        (s1 - e2).num_days()
    } else {
        0
    };
    Some(g)
}

/// Great-circle distance between two located reports.
pub(crate) fn distance(a: &Prepared, b: &Prepared) -> Option<f64> {
    Some(haversine_km(a.point?, b.point?))
}

/// May `a` and `b` be reports of one event as far as all but their tolls
/// go (`None` when something contradicts), and what must their tolls then
/// do? The toll test is left to the caller, which holds a candidate to a
/// whole cluster's figures.
pub(crate) fn link_but_tolls(
    a: &Prepared,
    b: &Prepared,
    cfg: &DedupConfig,
) -> Option<(Link, TollTest)> {
    if cannot_be_one(a, b) {
        return None;
    }
    // a strike on a wedding and one on the funeral that followed are two
    let same_occasion = match (&a.occasion, &b.occasion) {
        (Some(x), Some(y)) if x != y => return None,
        (Some(_), Some(_)) => true,
        _ => false,
    };
    let undated = a.weak_date || b.weak_date;
    if dated_apart(a, b, undated) {
        return None;
    }
    let coarse = a.geo.max(b.geo);
    let d = distance(a, b);
    let place = Place {
        rel: names(a, b),
        d,
        within: matches!((d, km_for(coarse, cfg)), (Some(d), Some(l)) if d <= l),
        coarse,
    };
    if same_occasion && occasion_suffices(a, b, &place) {
        let link = Link {
            rule: Rule::SameOccasion,
            undated,
        };
        return Some((link, TollTest::Free));
    }
    let rule = place_rule(a, b, &place, undated, cfg)?;
    // tolls: sources of a village-level, dated event may disagree on the
    // toll; everything coarser must not contradict, and vague or undated
    // reports must agree
    // two region-level (or coarser) reports have nothing but dates and
    // tolls to go by: their tolls must agree
    let both_coarse = a.geo.min(b.geo) >= GeoPrecision::Admin1;
    let strict = undated || rule == Rule::InArea || both_coarse;
    let located = a.point.is_some() && b.point.is_some();
    // a town's name that is also its district's ("the department of
    // Pissila"), on the same day: the town itself, as far as tolls go
    let same_town_day = coarse == GeoPrecision::Admin2
        && place.rel == Names::Same
        && a.day_precise
        && b.day_precise
        && day_gap(a, b).is_some_and(|g| g <= cfg.day_slack);
    let loose = located && (coarse == GeoPrecision::Place || same_town_day);
    let test = if strict {
        TollTest::Agree
    } else if loose {
        TollTest::Free
    } else {
        TollTest::NoClash
    };
    Some((Link { rule, undated }, test))
}

/// How two reports' places relate.
struct Place {
    rel: Names,
    /// Distance, km, when both are located.
    d: Option<f64>,
    /// `d` is within the reach of the coarser precision.
    within: bool,
    /// The coarser precision of the two.
    coarse: GeoPrecision,
}

/// Reports that cannot be one event whatever their places and dates: one
/// document, one structured source's record, different countries, admin
/// names that contradict (only where there is no distance to go by), or
/// kinds of event or victims that do not go together.
fn cannot_be_one(a: &Prepared, b: &Prepared) -> bool {
    if a.doc == b.doc {
        return true;
    }
    if a.structured.is_some() && a.structured == b.structured {
        return true;
    }
    if differ(&a.country, &b.country) {
        return true;
    }
    // Admin names contradict only where there is no distance to go by:
    // datasets cut regions differently (ACLED's Ménaka and Taoudénit lie in
    // the gazetteer's Gao and Tombouctou), and the distance rules already
    // keep far-apart reports apart.
    let located = a.point.is_some() && b.point.is_some();
    // (one article kept a village unlocated in the region it named, another
    // placed the name at a homonym: the same name on the same day with
    // agreeing tolls is one event, as with two homonyms)
    let namesake = !located && same_day_namesake(a, b);
    if !located && !namesake && differ(&a.admin1, &b.admin1) {
        return true;
    }
    if !located
        && !namesake
        && a.geo <= GeoPrecision::Admin2
        && b.geo <= GeoPrecision::Admin2
        && differ(&a.admin2, &b.admin2)
    {
        return true;
    }
    !(a.kind.compatible(b.kind) || strike_in_the_fighting(a, b)) || !a.victims.compatible(b.victims)
}

/// "Clashes at Tabankort" and "an air strike at Tabankort", the same day
/// with the same toll, from two articles: the strike was part of the
/// fighting (UN helicopters fired on the positions), not another event.
fn strike_in_the_fighting(a: &Prepared, b: &Prepared) -> bool {
    let kinds = matches!(
        (a.kind, b.kind),
        (Kind::Battle, Kind::Remote) | (Kind::Remote, Kind::Battle)
    );
    kinds
        && a.name.is_some()
        && a.name == b.name
        && a.day_precise
        && b.day_precise
        && day_gap(a, b) == Some(0)
        && a.toll.is_some()
        && a.toll == b.toll
}

/// Dates that keep two reports apart: windows that do not meet, or (one
/// side undated or year-only) stated ranges in years that do not meet.
fn dated_apart(a: &Prepared, b: &Prepared, undated: bool) -> bool {
    if let (Some((s1, e1)), Some((s2, e2))) = (a.window, b.window) {
        if e1 < s2 || e2 < s1 {
            return true;
        }
    }
    if let (Some((s1, e1)), Some((s2, e2))) = (a.range, b.range) {
        // year-only or undated on one side: the stated ranges still may not
        // be far apart
        if undated && (e1.year() < s2.year() || e2.year() < s1.year()) {
            return true;
        }
    }
    false
}

/// The occasion is the evidence: enough when one side is coarse (undated,
/// region-level, vague, unlocated) and nothing of place contradicts; two
/// located village reports still go by distance.
fn occasion_suffices(a: &Prepared, b: &Prepared, place: &Place) -> bool {
    let coarse_side = a.weak_date
        || b.weak_date
        || a.geo.max(b.geo) >= GeoPrecision::Admin2
        || a.point.is_none()
        || b.point.is_none();
    let (d, within) = (place.d, place.within);
    let place_ok = match place.rel {
        Names::Same | Names::InAdmin | Names::InArea | Names::Unknown => true,
        // different names: one is not known to lie elsewhere (admin
        // names were checked above), and any distance is in reach
        Names::Different => {
            a.geo != b.geo
                && (d.is_none() || within)
                && (a.point.is_none() || b.point.is_none() || within)
        }
    };
    coarse_side && place_ok && place.coarse != GeoPrecision::Country
}

/// Two articles' reports of one village name that resolved to homonyms:
/// one event when both are dated to the day, the days meet, the region is
/// the same and both give tolls that agree.
fn same_day_homonym(a: &Prepared, b: &Prepared) -> bool {
    // (their own names, both resolved: not a place one names beside
    // another's)
    let homonyms = a.name.is_some()
        && a.name == b.name
        && a.place_id.is_some()
        && b.place_id.is_some()
        && a.place_id != b.place_id;
    homonyms && a.admin1.is_some() && a.admin1 == b.admin1 && same_name_same_day(a, b)
}

/// Two articles' reports of one village name, one of them unlocated, dated
/// to the same day with tolls that agree (see [`same_day_homonym`]).
fn same_day_namesake(a: &Prepared, b: &Prepared) -> bool {
    a.geo == GeoPrecision::Place && b.geo == GeoPrecision::Place && same_name_same_day(a, b)
}

/// One name told by two articles (no structured rows) on the same day, both
/// with tolls, and the tolls agree: what both rules above ask.
fn same_name_same_day(a: &Prepared, b: &Prepared) -> bool {
    a.name.is_some()
        && a.name == b.name
        && a.structured.is_none()
        && b.structured.is_none()
        && a.day_precise
        && b.day_precise
        && day_gap(a, b) == Some(0)
        && a.best.is_some()
        && b.best.is_some()
        && tolls_agree(a, b)
}

/// The rule by which the places of two reports may be one, if any.
fn place_rule(
    a: &Prepared,
    b: &Prepared,
    place: &Place,
    undated: bool,
    cfg: &DedupConfig,
) -> Option<Rule> {
    let (d, within, coarse) = (place.d, place.within, place.coarse);
    let rule = match place.rel {
        Names::Different => {
            let ok = coarse == GeoPrecision::Place
                && a.day_precise
                && b.day_precise
                && day_gap(a, b).is_some_and(|g| g <= cfg.day_slack)
                && matches!(d, Some(d) if d <= cfg.place_km)
                && tolls_agree(a, b);
            if !ok {
                return None;
            }
            Rule::NearbyOtherName
        }
        Names::Unknown => {
            if coarse == GeoPrecision::Country || !within || undated {
                return None;
            }
            Rule::Nearby
        }
        Names::Same => {
            if d.is_some() && coarse <= GeoPrecision::Admin2 {
                // homonyms: the same name far apart is another place, unless
                // two articles tell it on the same day with the same toll
                // in the same region (each resolved the name its own way)
                if !within {
                    return same_day_homonym(a, b).then_some(Rule::SameNameSameDay);
                }
                Rule::SamePlace
            } else if d.is_some() && coarse == GeoPrecision::Admin1 {
                // one region's name: still within a region's reach, or
                // the region's own town named after it ("Tombouctou" the
                // region and the town, 370 km from the region's centre)
                if within {
                    Rule::SamePlace
                } else if a.geo != b.geo && region_holds_town(a, b) {
                    Rule::InAdminUnit
                } else {
                    return None;
                }
            } else {
                Rule::SameName
            }
        }
        Names::InAdmin => {
            if coarse <= GeoPrecision::Admin2 && d.is_some() && !within {
                return None;
            }
            Rule::InAdminUnit
        }
        Names::InArea => Rule::InArea,
    };
    Some(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(Kind::of(Some("Air/drone strike")), Kind::Remote);
        assert_eq!(Kind::of(Some("drone strike")), Kind::Remote);
        // a bombing may be a car bomb: it meets an IED report and a strike
        assert_eq!(Kind::of(Some("bombing")), Kind::RemoteOrExplosive);
        assert!(Kind::of(Some("bombing")).compatible(Kind::of(Some("IED"))));
        assert!(Kind::of(Some("bombing")).compatible(Kind::of(Some("airstrike"))));
        assert_eq!(
            Kind::of(Some("Explosions/Remote violence")),
            Kind::RemoteOrExplosive
        );
        assert_eq!(
            Kind::of(Some("Remote explosive/landmine/IED")),
            Kind::Explosive
        );
        assert_eq!(Kind::of(Some("Armed clash")), Kind::Battle);
        assert_eq!(Kind::of(Some("massacre")), Kind::Attack);
        assert_eq!(
            Kind::of(Some("Shelling/artillery/missile attack")),
            Kind::Remote
        );
        assert_eq!(Kind::of(Some("one-sided violence")), Kind::Any);
        assert!(!Kind::Remote.compatible(Kind::Attack));
        assert!(Kind::Attack.compatible(Kind::Battle));
        assert!(Kind::Any.compatible(Kind::Remote));
    }

    #[test]
    fn victims() {
        assert_eq!(Victims::of(Some("civilians")), Victims::Civilians);
        assert_eq!(Victims::of(Some("security forces")), Victims::Forces);
        assert_eq!(Victims::of(Some("mixed")), Victims::Any);
        assert!(!Victims::Civilians.compatible(Victims::Forces));
        assert!(Victims::Civilians.compatible(Victims::Any));
    }

    #[test]
    fn areas() {
        let cfg = DedupConfig::default();
        let mut i = Incident::new("x", "d");
        i.place = Some("northern Mali".into());
        i.geo_precision = Some(GeoPrecision::Country);
        let p = Prepared::of(&i, &cfg);
        assert_eq!(p.country.as_deref(), Some("ML"));
        assert!(p
            .area
            .as_ref()
            .is_some_and(|a| a.contains(&"gao".to_string())));
    }
}
