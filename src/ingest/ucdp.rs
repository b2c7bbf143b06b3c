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
use super::fields::{build_incident, parse_count, Field, RawRecord, FIELD_COUNT};
use crate::model::{DatePrecision, EventType, GeoPrecision, Incident};
use std::borrow::Cow;

use super::fields::column_named as col;

/// Column positions for the generic fields (tolls are read separately).
pub fn map_header(h: &[String]) -> [Option<usize>; FIELD_COUNT] {
    let mut c = [None; FIELD_COUNT];
    c[Field::Id as usize] = col(h, "id");
    c[Field::Place as usize] = col(h, "where_coordinates").or_else(|| col(h, "adm_2"));
    c[Field::Admin1 as usize] = col(h, "adm_1");
    c[Field::Admin2 as usize] = col(h, "adm_2");
    c[Field::Country as usize] = col(h, "country");
    c[Field::Lat as usize] = col(h, "latitude");
    c[Field::Lon as usize] = col(h, "longitude");
    c[Field::DateStart as usize] = col(h, "date_start");
    c[Field::DateEnd as usize] = col(h, "date_end");
    c[Field::Actor as usize] = col(h, "side_a");
    c[Field::Victims as usize] = col(h, "side_b");
    c
}

struct UcdpRow<'a> {
    inner: &'a CsvRow<'a>,
}

impl RawRecord for UcdpRow<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        let v = self.inner.get(f)?;
        match f {
            Field::Admin1 | Field::Admin2 => {
                Some(Cow::Owned(crate::names::strip_unit_suffix(&v).to_string()))
            }
            Field::DateStart | Field::DateEnd => Some(Cow::Owned(v.chars().take(10).collect())),
            _ => Some(v),
        }
    }
}

/// A UCDP record read by column name (GeoJSON properties, NDJSON objects).
struct ByName<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
}

impl RawRecord for ByName<'_> {
    fn get(&self, f: Field) -> Option<Cow<'_, str>> {
        let g = self.get;
        let v = match f {
            Field::Id => g("id"),
            Field::Place => g("where_coordinates").or_else(|| g("adm_2")),
            Field::Admin1 => g("adm_1").map(|v| crate::names::strip_unit_suffix(&v).to_string()),
            Field::Admin2 => g("adm_2").map(|v| crate::names::strip_unit_suffix(&v).to_string()),
            Field::Country => g("country"),
            Field::Lat => g("latitude"),
            Field::Lon => g("longitude"),
            Field::DateStart => g("date_start").map(|v| v.chars().take(10).collect()),
            Field::DateEnd => g("date_end").map(|v| v.chars().take(10).collect()),
            Field::Actor => g("side_a"),
            Field::Victims => g("side_b"),
            _ => None,
        };
        v.filter(|t| !t.trim().is_empty()).map(Cow::Owned)
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

/// Builds an incident from one UCDP GED row.
pub(crate) fn build(
    row: &CsvRow<'_>,
    rec: &::csv::StringRecord,
    headers: &[String],
    default_id: String,
    doc: &std::sync::Arc<str>,
) -> Result<Incident, String> {
    let wrapped = UcdpRow { inner: row };
    let inc = build_incident(&wrapped, default_id, doc)?;
    let get = |name: &str| {
        col(headers, name)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
            .to_string()
    };
    finish(inc, &get)
}

/// The UCDP-specific columns: precision codes, estimates, flags, violence type.
fn finish(mut inc: Incident, get: &dyn Fn(&str) -> String) -> Result<Incident, String> {
    let get = |name: &str| get(name).trim().to_string();
    inc.geo_precision = Some(match get("where_prec").as_str() {
        "" | "1" | "2" => GeoPrecision::Place,
        "3" => GeoPrecision::Admin2,
        "4" => GeoPrecision::Admin1,
        "5" if inc.admin1.is_some() => GeoPrecision::Admin1,
        "5" => GeoPrecision::Country,
        "6" | "7" => GeoPrecision::Country,
        other => return Err(format!("where_prec {other:?} is not a UCDP code 1-7")),
    });
    inc.date_precision = match get("date_prec").as_str() {
        "" | "1" | "2" => DatePrecision::Day,
        "3" => DatePrecision::Week,
        "4" => DatePrecision::Month,
        "5" => DatePrecision::Year,
        other => return Err(format!("date_prec {other:?} is not a UCDP code 1-5")),
    };
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
