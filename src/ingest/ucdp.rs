//! UCDP GED exports (CSV): columns mapped onto the incident record.
//!
//! * `id`; `where_coordinates` (or `adm_2`/`adm_1`) → `place`; `adm_1` /
//!   `adm_2` with their unit word removed ("Mopti region" → "Mopti");
//!   `country` → ISO code; `latitude`/`longitude`; `date_start`/`date_end`;
//!   `low`/`best`/`high`; `side_a` → `actor`; `side_b` → `victims`.
//! * `date_prec` 1,2 → `day`; 3 → `week`; 4 → `month`; 5 → `year`.
//! * `where_prec` 1,2 → `place`; 3 → `admin2`; 4 → `admin1`; 5 (a larger
//!   area: a reserve, a border zone) → `admin1` when `adm_1` names the
//!   region, else `country`; 6,7 → `country`. Coarser than `place` is never
//!   pinned to a grid cell, coarser than `admin2` never to a cercle: such
//!   events go to `unallocated within <parent>` rows.
//! * `best` outside `[low, high]` (and `low > high`) happens in real
//!   releases: the row is kept as given and flagged `best_outside_low_high`;
//!   readers accept a record carrying that flag, so the row survives a
//!   round trip through `incidents.csv` / `incidents.geojson`.

use super::fields::CsvRow;
use super::fields::{
    build_incident, coded, map_columns, parse_count, Field, Layout, RawRecord, FIELD_COUNT,
};
use crate::model::{DatePrecision, EventType, GeoPrecision, Incident};
use std::borrow::Cow;

/// Column positions for the generic fields (tolls are read separately).
pub fn map_header(h: &[String]) -> [Option<usize>; FIELD_COUNT] {
    map_columns(h, Layout::Ucdp)
}

/// A UCDP value as the record takes it: `adm_1`/`adm_2` without their unit
/// word ("Mopti region" → "Mopti"), dates without their time.
fn cleaned(f: Field, v: Cow<'_, str>) -> Cow<'_, str> {
    match f {
        Field::Admin1 | Field::Admin2 => {
            Cow::Owned(crate::names::strip_unit_suffix(&v).to_string())
        }
        Field::DateStart | Field::DateEnd => Cow::Owned(v.chars().take(10).collect()),
        _ => v,
    }
}

struct UcdpRow<'a> {
    inner: &'a CsvRow<'a>,
}

impl RawRecord for UcdpRow<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        Some(cleaned(f, self.inner.get(f)?))
    }
}

/// A UCDP record read by column name (GeoJSON properties, NDJSON objects).
struct ByName<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl RawRecord for ByName<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        let v = Layout::Ucdp.columns(f).iter().find_map(|n| (self.get)(n))?;
        Some(cleaned(f, Cow::Owned(v))).filter(|t| !t.trim().is_empty())
    }
}

/// True when an object's keys are a UCDP GED event's (`where_prec`, `best`,
/// `date_prec`), as in the GeoJSON and JSON copies of GED.
pub fn is_ucdp_object(has: &dyn Fn(&str) -> bool) -> bool {
    has("where_prec") && has("best") && has("date_prec")
}

/// Builds an incident from a UCDP GED event read by column name (`get`
/// returns the trimmed text of a column, `None` when absent or empty).
pub(crate) fn build_by_name(
    get: &dyn Fn(&str) -> Option<String>,
    default_id: String,
    doc: &std::sync::Arc<str>,
) -> Result<Incident, String> {
    let inc = build_incident(&ByName { get }, default_id, doc)?;
    let text = |name: &str| get(name).unwrap_or_default();
    finish(inc, &|name| text(name))
}

/// Builds an incident from the generic fields of one UCDP GED row (the
/// UCDP columns are added by [`finish`]).
pub(crate) fn build(
    row: &CsvRow<'_>,
    default_id: String,
    doc: &std::sync::Arc<str>,
) -> Result<Incident, String> {
    build_incident(&UcdpRow { inner: row }, default_id, doc)
}

/// The UCDP-specific columns: precision codes, estimates, flags, violence type.
pub(crate) fn finish(mut inc: Incident, get: &dyn Fn(&str) -> String) -> Result<Incident, String> {
    let get = |name: &str| get(name).trim().to_string();
    let admin1_named = inc.admin1.is_some();
    inc.geo_precision = Some(coded(
        "where_prec",
        &get("where_prec"),
        "a UCDP code 1-7",
        |c| GeoPrecision::from_ucdp_where_prec(c, admin1_named),
    )?);
    inc.date_precision = coded(
        "date_prec",
        &get("date_prec"),
        "a UCDP code 1-5",
        DatePrecision::from_ucdp_date_prec,
    )?;
    let low = parse_count("low", &get("low"))?;
    let best = parse_count("best", &get("best"))?;
    let high = parse_count("high", &get("high"))?;
    if best.is_none() {
        return Err("best is empty".into());
    }
    inc.deaths.low = low;
    inc.deaths.best = best;
    inc.deaths.high = high;
    if let (Some(l), Some(b), Some(h)) = (low, best, high) {
        // real releases have best < low, best > high, even low > high
        // (best 333, low 334, high 333): kept as given, flagged
        if b < l || b > h || l > h {
            inc.flags.push(crate::model::Flag::BestOutsideLowHigh);
        }
    }
    if inc.place.as_deref().is_some_and(|p| p.is_empty()) {
        inc.place = None;
    }
    inc.event_type = match get("type_of_violence").as_str() {
        "1" => Some(EventType::StateBased),
        "2" => Some(EventType::NonState),
        "3" => Some(EventType::OneSided),
        _ => None,
    };
    inc.source = Some("ucdp".into());
    Ok(inc)
}
