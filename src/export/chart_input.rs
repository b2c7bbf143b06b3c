//! Fills the charts' plain input from an aggregate, its regions and the
//! incidents held in memory.

use super::chart::{ChartInput, IncidentDot, PeriodCell, RegionKind, RegionSeries};
use super::layers::describe;
use crate::aggregate::{Aggregate, Tally};
use crate::model::Incident;
use crate::region::{RegionSet, Slot};
use chrono::NaiveDate;

/// Attribution printed on every chart of the default data.
pub const DEFAULT_ATTRIBUTION: &str =
    "Place names: GeoNames (www.geonames.org), CC BY 4.0. Boundaries: Natural Earth (public domain). Made with casualty-atlas.";

/// Builds the chart input for one level.
pub fn chart_input(
    title: &str,
    level: &str,
    granularity: &str,
    agg: &Aggregate,
    set: &RegionSet,
    incidents: &[Incident],
    attribution: &str,
) -> ChartInput {
    let (starts, ends) = date_span(agg, incidents);
    ChartInput {
        title: title.to_string(),
        level: level.to_string(),
        granularity: granularity.to_string(),
        regions: region_series(agg, set),
        cells: period_cells(agg, set),
        incidents: dots(incidents),
        attribution: attribution.to_string(),
        notes: notes(agg),
        date_range: starts.zip(ends),
    }
}

/// Every region of the set (zero rows too, so the map covers the area),
/// then the other slots the aggregate has (cells, names, leftovers).
fn region_series(agg: &Aggregate, set: &RegionSet) -> Vec<RegionSeries> {
    let zero = Tally::default();
    let kind_of = |slot: &Slot| match slot {
        Slot::Region(_) | Slot::Cell(..) | Slot::Named(_) => RegionKind::Region,
        Slot::Unallocated(_) => RegionKind::Unallocated,
        Slot::Unassigned => RegionKind::Unassigned,
    };
    let one = |slot: &Slot, t: &Tally| {
        let info = describe(slot, set);
        series(
            &info.name,
            &info.code,
            t,
            info.geometry.map(|g| g.into_owned()),
            kind_of(slot),
        )
    };
    let mut regions = Vec::new();
    for i in 0..set.len() {
        let slot = Slot::Region(i);
        regions.push(one(&slot, agg.totals.get(&slot).unwrap_or(&zero)));
    }
    for (slot, t) in &agg.totals {
        if !matches!(slot, Slot::Region(_)) {
            regions.push(one(slot, t));
        }
    }
    regions
}

fn period_cells(agg: &Aggregate, set: &RegionSet) -> Vec<PeriodCell> {
    agg.cells
        .iter()
        .map(|((slot, period), t)| PeriodCell {
            period_label: period.to_string(),
            period_start: period.start(),
            region_code: describe(slot, set).code,
            events: t.events,
            deaths_low: t.deaths_low,
            deaths_best: t.deaths_best,
            deaths_high: t.deaths_high,
        })
        .collect()
}

/// The span of the data: its incidents' own dates when every event is held
/// (the last period may end after the data do); else the periods'.
fn date_span(agg: &Aggregate, incidents: &[Incident]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let held_all = incidents.len() as u64 == agg.grand.events && !incidents.is_empty();
    if held_all && incidents.iter().any(|i| i.date_start.is_some()) {
        (
            incidents.iter().filter_map(|i| i.date_start).min(),
            incidents
                .iter()
                .filter_map(|i| i.date_end.or(i.date_start))
                .max(),
        )
    } else {
        (
            agg.cells.keys().filter_map(|(_, p)| p.start()).min(),
            agg.cells.keys().filter_map(|(_, p)| p.end()).max(),
        )
    }
}

/// The located incidents, for the map's circles.
fn dots(incidents: &[Incident]) -> Vec<IncidentDot> {
    incidents
        .iter()
        .filter_map(|i| {
            let (lon, lat) = i.lon_lat()?;
            Some(IncidentDot {
                lon,
                lat,
                deaths_best: i.deaths.best.map(u64::from),
            })
        })
        .collect()
}

/// The footnotes on open-ended and unknown tolls.
fn notes(agg: &Aggregate) -> Vec<String> {
    let mut notes = Vec::new();
    let count = |n: u64, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.replace("{n}", &n.to_string())
        }
    };
    if agg.grand.open_high > 0 {
        notes.push(count(
            agg.grand.open_high,
            "High estimates are floors: 1 incident has an open-ended toll (\"at least N\"), counted at its best estimate.",
            "High estimates are floors: {n} incidents have open-ended tolls (\"at least N\"), counted at their best estimate.",
        ));
    }
    if agg.grand.unknown_toll > 0 {
        notes.push(count(
            agg.grand.unknown_toll,
            "1 incident with an unknown toll is counted as an event with no deaths.",
            "{n} incidents with an unknown toll are counted as events with no deaths.",
        ));
    }
    notes
}

fn series(
    name: &str,
    code: &str,
    t: &Tally,
    geometry: Option<geo::MultiPolygon<f64>>,
    kind: RegionKind,
) -> RegionSeries {
    RegionSeries {
        name: name.to_string(),
        code: code.to_string(),
        events: t.events,
        deaths_low: t.deaths_low,
        deaths_best: t.deaths_best,
        deaths_high: t.deaths_high,
        geometry,
        kind,
    }
}
