//! The one record path: every record a reader gives, held or streamed, goes
//! through [`prepare`] before it is counted.
//!
//! `swap check → geocode → plausibility flags → date window`, in that order,
//! written once. What happens to a record [`prepare`] keeps depends on the
//! sink it goes to: the held sink keeps the incident (dedup, listing) and
//! assigns it after dedup; the tally sink of [`crate::stream`] assigns it at
//! once and sums it. Both assign with [`crate::region::Assigner`].
//!
//! A record reaches [`prepare`] through the [`Record`] trait: a full
//! [`Incident`], or the borrowed row view of a streamed table, which turns
//! into an incident only when it needs the gazetteer.

use crate::gazetteer::Gazetteer;
use crate::geocode::Outcome;
use crate::model::{Deaths, Flag, Incident};
use crate::plausible as pl;
use crate::region::RegionSet;
use chrono::NaiveDate;

/// What every record is checked against.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The admin-1 regions (swap check, far-from-named-region flag).
    pub admin1: &'a RegionSet,
    /// The gazetteer, for records with a place name and no point.
    pub gazetteer: &'a Gazetteer,
    /// Keep records starting on or after this date.
    pub from: Option<NaiveDate>,
    /// Keep records starting on or before this date.
    pub to: Option<NaiveDate>,
    /// The day of the run (the future-date flag).
    pub today: NaiveDate,
}

impl<'a> Context<'a> {
    /// A context dated today.
    pub fn new(
        admin1: &'a RegionSet,
        gazetteer: &'a Gazetteer,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Self {
        Context {
            admin1,
            gazetteer,
            from,
            to,
            today: pl::today(),
        }
    }

    /// True when a record starting on `d` is inside `--from/--to`.
    pub fn in_window(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// What [`prepare`] decided about a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Usable and inside the date window: count it. Carries what the
    /// gazetteer said.
    Use(Outcome),
    /// Usable but outside `--from/--to`: left out, counted as such.
    OutOfWindow(Outcome),
    /// Not usable: the reason, for `rejects.csv`.
    Reject(String),
}

/// What [`prepare`] reads and changes on a record.
pub trait Record {
    /// The point as given (or as located), `(lon, lat)`.
    fn lon_lat(&self) -> Option<(f64, f64)>;
    /// The country the record names, as written.
    fn country(&self) -> Option<&str>;
    /// The admin-1 region the record names.
    fn admin1(&self) -> Option<&str>;
    /// First day.
    fn date_start(&self) -> Option<NaiveDate>;
    /// The toll.
    fn deaths(&self) -> Deaths;
    /// Locates the record through the gazetteer when it has no point.
    fn locate(&mut self, gaz: &Gazetteer) -> Outcome;
    /// Raises a plausibility flag (once).
    fn raise(&mut self, flag: Flag);
}

impl Record for Incident {
    fn lon_lat(&self) -> Option<(f64, f64)> {
        Incident::lon_lat(self)
    }
    fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }
    fn admin1(&self) -> Option<&str> {
        self.admin1.as_deref()
    }
    fn date_start(&self) -> Option<NaiveDate> {
        self.date_start
    }
    fn deaths(&self) -> Deaths {
        self.deaths
    }
    fn locate(&mut self, gaz: &Gazetteer) -> Outcome {
        crate::geocode::locate(self, gaz)
    }
    fn raise(&mut self, flag: Flag) {
        Incident::raise(self, flag);
    }
}

/// The one check of every record: coordinates given the wrong way round
/// are rejected, a place without a point is located, the plausibility flags
/// are raised, and the date window is applied, in that order (a swapped
/// record is a reject whatever its date).
pub fn prepare<R: Record + ?Sized>(rec: &mut R, cx: &Context<'_>) -> Verdict {
    if let Some((lon, lat)) = rec.lon_lat() {
        if let Some(r) = swapped_region(cx.admin1, lon, lat, rec.country()) {
            return Verdict::Reject(swapped_reason(lat, lon, &cx.admin1.regions()[r].name));
        }
    }
    let located = rec.locate(cx.gazetteer);
    let deaths = rec.deaths();
    if pl::toll_implausible(deaths.best, deaths.high) {
        rec.raise(pl::IMPLAUSIBLE_TOLL);
    }
    let start = rec.date_start();
    if start.is_some_and(|d| pl::date_out_of_range(d, cx.today)) {
        rec.raise(pl::DATE_OUT_OF_RANGE);
    }
    if let (Some(name), Some((lon, lat))) = (rec.admin1(), rec.lon_lat()) {
        if pl::far_from_named_region(cx.admin1, name, lon, lat) {
            rec.raise(pl::FAR_FROM_NAMED_REGION);
        }
    }
    match start {
        Some(d) if !cx.in_window(d) => Verdict::OutOfWindow(located),
        _ => Verdict::Use(located),
    }
}

/// The region a swapped point falls in, when the point as given lies outside
/// every region, its swap lies inside one, and the record names no other
/// country than that region's (an event in Nigeria or Chad from a global
/// export is outside the map, not swapped).
pub fn swapped_region(
    admin1: &RegionSet,
    lon: f64,
    lat: f64,
    country: Option<&str>,
) -> Option<usize> {
    // the swapped point must be near the regions at all (cheap), and the
    // point as given outside every region
    if admin1.is_empty()
        || lon.abs() > 90.0
        || !admin1.may_contain(lat, lon)
        || admin1.locate(lon, lat).is_some()
    {
        return None;
    }
    let r = admin1.locate(lat, lon)?;
    let theirs = country.and_then(crate::names::country_field);
    match (theirs, admin1.regions()[r].country.as_deref()) {
        (Some(a), Some(b)) if a != b => None,
        _ => Some(r),
    }
}

/// The reject reason for coordinates that look swapped.
pub fn swapped_reason(lat: f64, lon: f64, region: &str) -> String {
    format!(
        "lat {lat}, lon {lon} lie outside every region, but swapped they fall in {region}: lat and lon look swapped"
    )
}
