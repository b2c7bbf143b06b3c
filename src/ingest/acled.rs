//! ACLED exports: columns mapped onto the incident record.
//!
//! * `event_id_cnty` → `id`; `location` → `place`; `admin1`/`admin2`;
//!   `country` (a name) → ISO code; `latitude`/`longitude`; `event_date`
//!   (`31 December 2020` or ISO) → `date_start` = `date_end`;
//!   `fatalities` → low = best = high; `actor1` → `actor`; `event_type` /
//!   `sub_event_type` → `event_type`.
//! * `time_precision` 1/2/3 → `day`/`week`/`month`; `geo_precision` 1/2/3 →
//!   `place`/`admin2`/`admin1`. The event stays on its `event_date` (ACLED's
//!   own convention for tables), only the precision says how sure that is.
//! * Real exports repeat an event once per actor row: the same
//!   `event_id_cnty` is counted once; repeats go to the rejects list as
//!   benign duplicates (or, when they disagree, as real conflicts).
//! * HDX copies carry a second header row of HXL tags, skipped by the reader.

use super::fields::CsvRow;
use super::fields::{build_incident, Field, FIELD_COUNT};
use crate::model::{DatePrecision, GeoPrecision, Incident};
use std::collections::HashMap;

use super::fields::column_named as col;

/// Column positions for the generic fields.
pub fn map_header(h: &[String]) -> [Option<usize>; FIELD_COUNT] {
    let mut c = [None; FIELD_COUNT];
    c[Field::Id as usize] = col(h, "event_id_cnty");
    c[Field::Place as usize] = col(h, "location");
    c[Field::Admin1 as usize] = col(h, "admin1");
    c[Field::Admin2 as usize] = col(h, "admin2");
    c[Field::Country as usize] = col(h, "country").or_else(|| col(h, "iso3"));
    c[Field::Lat as usize] = col(h, "latitude");
    c[Field::Lon as usize] = col(h, "longitude");
    c[Field::DateStart as usize] = col(h, "event_date");
    c[Field::DeathsBest as usize] = col(h, "fatalities");
    c[Field::Actor as usize] = col(h, "actor1");
    c[Field::Victims as usize] = col(h, "actor2");
    c[Field::EventType as usize] = col(h, "sub_event_type").or_else(|| col(h, "event_type"));
    c
}

/// Builds an incident from one ACLED row.
pub(crate) fn build(
    row: &CsvRow<'_>,
    rec: &::csv::StringRecord,
    headers: &[String],
    default_id: String,
    doc: &std::sync::Arc<str>,
) -> Result<Incident, String> {
    let mut inc = build_incident(row, default_id, doc)?;
    let get = |name: &str| {
        col(headers, name)
            .and_then(|i| rec.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    inc.geo_precision = Some(match get("geo_precision") {
        "" | "1" => GeoPrecision::Place,
        "2" => GeoPrecision::Admin2,
        "3" => GeoPrecision::Admin1,
        other => return Err(format!("geo_precision {other:?} is not an ACLED code 1-3")),
    });
    inc.date_precision = match get("time_precision") {
        "" | "1" => DatePrecision::Day,
        "2" => DatePrecision::Week,
        "3" => DatePrecision::Month,
        other => return Err(format!("time_precision {other:?} is not an ACLED code 1-3")),
    };
    if inc.date_start.is_none() {
        return Err("event_date is empty".into());
    }
    if inc.deaths.best.is_none() {
        return Err("fatalities is empty".into());
    }
    inc.deaths.low = inc.deaths.best;
    inc.deaths.high = inc.deaths.best;
    inc.source = Some("acled".into());
    Ok(inc)
}

/// What is remembered of an emitted event: first line, date, toll, place.
type Seen = (u64, Option<chrono::NaiveDate>, Option<u32>, Option<String>);

/// Remembers ACLED events already emitted, to count each `event_id_cnty` once.
#[derive(Debug, Default)]
pub struct EventMerge {
    seen: HashMap<String, Seen>,
}

impl EventMerge {
    /// Returns `Some((first_line, same))` when the event was seen before;
    /// `same` is true when date, place and toll agree.
    pub fn check(&mut self, inc: &Incident, line: u64) -> Option<(u64, bool)> {
        let key = (line, inc.date_start, inc.deaths.best, inc.place.clone());
        match self.seen.get(&inc.id) {
            Some(prev) => Some((
                prev.0,
                prev.1 == key.1 && prev.2 == key.2 && prev.3 == key.3,
            )),
            None => {
                self.seen.insert(inc.id.clone(), key);
                None
            }
        }
    }
}
