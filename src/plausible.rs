//! Plausibility checks: records that are kept, counted and flagged, never
//! dropped.
//!
//! Each check adds one flag to [`Incident::flags`] (written in the `flags`
//! column of `incidents.csv` and the `flags` property of `incidents.geojson`)
//! and is counted in the run summary:
//!
//! | flag | raised when |
//! |---|---|
//! | [`IMPLAUSIBLE_TOLL`] | the best (or high) toll exceeds [`MAX_TOLL_PER_INCIDENT`] |
//! | [`DATE_AFTER_PUBLISHED`] | an article's incident starts after the article's `published` date |
//! | [`FAR_FROM_NAMED_REGION`] | the point lies more than [`FAR_FROM_REGION_KM`] outside the admin-1 region the record names |
//! | [`DATE_OUT_OF_RANGE`] | the event starts before [`EARLIEST_PLAUSIBLE_YEAR`] or after the day of the run |
//!
//! Streamed tables, whose records are not held, are checked the same way
//! record by record; their flags are counted in the summary (there is no
//! per-record output to carry them).

use crate::model::{Flag, Incident};
use crate::region::RegionSet;
use chrono::NaiveDate;
use geo::{ClosestPoint, Intersects, Point};

/// More deaths than this in one incident is flagged: the deadliest single
/// attacks in the Sahel since 2012 killed a few hundred people.
pub const MAX_TOLL_PER_INCIDENT: u32 = 1000;
/// Distance outside the named admin-1 polygon beyond which a point is flagged, km.
pub const FAR_FROM_REGION_KM: f64 = 50.0;
/// Flag: a toll far above what one incident can have.
pub const IMPLAUSIBLE_TOLL: Flag = Flag::ImplausibleToll;
/// Flag: an event dated after the article that reports it was published.
pub const DATE_AFTER_PUBLISHED: Flag = Flag::DateAfterPublished;
/// Flag: the place is far from the admin-1 region the record names.
pub const FAR_FROM_NAMED_REGION: Flag = Flag::FarFromNamedRegion;
/// Flag: a start date before [`EARLIEST_PLAUSIBLE_YEAR`] or in the future.
pub const DATE_OUT_OF_RANGE: Flag = Flag::DateOutOfRange;
/// Dates before this year are flagged: event datasets of the region begin
/// in 1989 (UCDP GED) and 1997 (ACLED); earlier dates are typing slips
/// (1900 for 2000, 1920 for 2020) far more often than history.
pub const EARLIEST_PLAUSIBLE_YEAR: i32 = 1960;
/// Every plausibility flag, in the order the summary lists them.
pub const ALL: [Flag; 4] = [
    IMPLAUSIBLE_TOLL,
    DATE_AFTER_PUBLISHED,
    FAR_FROM_NAMED_REGION,
    DATE_OUT_OF_RANGE,
];

fn flag(inc: &mut Incident, f: Flag) {
    inc.raise(f);
}

/// Flags an article's incident dated after `published`.
///
/// # Examples
/// ```
/// use casualty_atlas::{plausible, Incident};
/// use chrono::NaiveDate;
/// let mut i = Incident::new("a-1", "a.txt");
/// i.date_start = NaiveDate::from_ymd_opt(2024, 3, 20);
/// plausible::check_published(&mut i, NaiveDate::from_ymd_opt(2024, 3, 5));
/// assert_eq!(i.flags, ["date_after_published"]);
/// ```
pub fn check_published(inc: &mut Incident, published: Option<NaiveDate>) {
    if let (Some(d), Some(p)) = (inc.date_start, published) {
        if d > p {
            flag(inc, DATE_AFTER_PUBLISHED);
        }
    }
}

/// Flags a toll above [`MAX_TOLL_PER_INCIDENT`].
///
/// # Examples
/// ```
/// use casualty_atlas::{plausible, Incident};
/// let mut i = Incident::new("x", "x.csv");
/// i.deaths.best = Some(2000);
/// plausible::check_toll(&mut i);
/// assert_eq!(i.flags, ["implausible_toll"]);
/// ```
pub fn check_toll(inc: &mut Incident) {
    if toll_implausible(inc.deaths.best, inc.deaths.high) {
        flag(inc, IMPLAUSIBLE_TOLL);
    }
}

/// The test of [`check_toll`] on bare values.
pub fn toll_implausible(best: Option<u32>, high: Option<u32>) -> bool {
    best.max(high).unwrap_or(0) > MAX_TOLL_PER_INCIDENT
}

/// Flags [`DATE_OUT_OF_RANGE`].
///
/// # Examples
/// ```
/// use casualty_atlas::model::Incident;
/// use casualty_atlas::plausible::{check_date, DATE_OUT_OF_RANGE};
/// let mut i = Incident::new("a", "t.csv");
/// i.date_start = chrono::NaiveDate::from_ymd_opt(1900, 3, 1);
/// check_date(&mut i);
/// assert!(i.has_flag(&DATE_OUT_OF_RANGE));
/// ```
pub fn check_date(inc: &mut Incident) {
    if inc
        .date_start
        .is_some_and(|d| date_out_of_range(d, today()))
    {
        flag(inc, DATE_OUT_OF_RANGE);
    }
}

/// The test of [`check_date`] against a given "today".
pub fn date_out_of_range(d: NaiveDate, today: NaiveDate) -> bool {
    chrono::Datelike::year(&d) < EARLIEST_PLAUSIBLE_YEAR || d > today
}

/// The day of the run (UTC), from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or(NaiveDate::MAX)
}

/// Great-circle distance, km, from `(lon, lat)` to region `r` of `set`
/// (0 inside or on the border); `None` when the shape is degenerate.
pub fn distance_to_region_km(set: &RegionSet, r: usize, lon: f64, lat: f64) -> Option<f64> {
    let region = set.regions().get(r)?;
    let pt = Point::new(lon, lat);
    if region.geometry.intersects(&pt) {
        return Some(0.0);
    }
    match region.geometry.closest_point(&pt) {
        geo::Closest::Intersection(_) => Some(0.0),
        geo::Closest::SinglePoint(q) => {
            Some(crate::spatial::haversine_km((lon, lat), (q.x(), q.y())))
        }
        geo::Closest::Indeterminate => None,
    }
}

/// Flags a point more than [`FAR_FROM_REGION_KM`] outside the admin-1
/// region named in the record (`admin1`). Names not in `admin1` are left
/// alone.
///
/// # Examples
/// ```
/// use casualty_atlas::region::{Level, Region, RegionSet};
/// use casualty_atlas::{plausible, Incident};
/// use geo::{polygon, MultiPolygon};
/// let set = RegionSet::new(Level::Admin1, vec![Region {
///     name: "Mopti".into(), code: "ML-5".into(), country: None, parent: None,
///     geometry: MultiPolygon::new(vec![polygon![(x: -5.0, y: 14.0), (x: -3.0, y: 14.0), (x: -3.0, y: 16.0), (x: -5.0, y: 16.0)]]),
/// }]);
/// let mut i = Incident::new("x", "x.csv");
/// i.admin1 = Some("Mopti".into());
/// i.set_lon_lat(Some((-4.0, 15.0)));
/// plausible::check_region(&mut i, &set);
/// assert!(i.flags.is_empty());
/// i.set_lon_lat(Some((-11.4, 14.4))); // Kayes, 700 km west
/// plausible::check_region(&mut i, &set);
/// assert_eq!(i.flags, ["far_from_named_region"]);
/// ```
pub fn check_region(inc: &mut Incident, admin1: &RegionSet) {
    let (Some(name), Some((lon, lat))) = (inc.admin1.as_deref(), inc.lon_lat()) else {
        return;
    };
    if far_from_named_region(admin1, name, lon, lat) {
        flag(inc, FAR_FROM_NAMED_REGION);
    }
}

/// The test of [`check_region`] on bare values (a point inside the named
/// region is settled by the set's fast point location).
pub fn far_from_named_region(admin1: &RegionSet, name: &str, lon: f64, lat: f64) -> bool {
    let Some(r) = admin1.by_name(name) else {
        return false;
    };
    if admin1.locate(lon, lat) == Some(r) {
        return false;
    }
    distance_to_region_km(admin1, r, lon, lat).is_some_and(|d| d > FAR_FROM_REGION_KM)
}

/// Counts each plausibility flag over `incidents`, in [`ALL`] order.
pub fn count(incidents: &[Incident]) -> Vec<(&'static str, usize)> {
    ALL.iter()
        .map(|f| {
            let n = incidents.iter().filter(|i| i.has_flag(f)).count();
            (f.name().unwrap_or_default(), n)
        })
        .collect()
}
