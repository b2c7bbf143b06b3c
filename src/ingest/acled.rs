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

use super::fields::{coded, map_columns, Layout, FIELD_COUNT};
use crate::model::{DatePrecision, GeoPrecision, Incident};
use std::collections::HashMap;

/// Column positions for the generic fields.
pub fn map_header(h: &[String]) -> [Option<usize>; FIELD_COUNT] {
    map_columns(h, Layout::Acled)
}

/// Adds the ACLED-only columns to an incident built from the generic
/// fields: precision codes, a toll that must be given (low = best = high),
/// the source. `get` returns the trimmed text of a column by name (empty
/// when absent).
pub(crate) fn finish<'r>(
    mut inc: Incident,
    get: &dyn Fn(&str) -> &'r str,
) -> Result<Incident, String> {
    inc.geo_precision = Some(coded(
        "geo_precision",
        get("geo_precision"),
        "an ACLED code 1-3",
        GeoPrecision::from_acled_geo_precision,
    )?);
    inc.date_precision = coded(
        "time_precision",
        get("time_precision"),
        "an ACLED code 1-3",
        DatePrecision::from_acled_time_precision,
    )?;
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
