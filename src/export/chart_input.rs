//! Fills the charts' plain input from an aggregate, its regions and the
//! incidents held in memory.

use super::chart::{ChartInput, IncidentDot, PeriodCell, RegionKind, RegionSeries};
use super::layers::describe;
use crate::aggregate::{Aggregate, Tally};
use crate::model::Incident;
use crate::region::{RegionSet, Slot};

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
    let zero = Tally::default();
    let kind_of = |slot: &Slot| match slot {
        Slot::Region(_) | Slot::Cell(..) | Slot::Named(_) => RegionKind::Region,
        Slot::Unallocated(_) => RegionKind::Unallocated,
        Slot::Unassigned => RegionKind::Unassigned,
    };
    let mut regions = Vec::new();
    // every region of the set (zero rows too, so the map covers the area)
    for i in 0..set.len() {
        let slot = Slot::Region(i);
        let t = agg.totals.get(&slot).unwrap_or(&zero);
        let info = describe(&slot, set);
        regions.push(series(
            &info.name,
            &info.code,
            t,
            info.geometry.map(|g| g.into_owned()),
            RegionKind::Region,
        ));
    }
    for (slot, t) in &agg.totals {
        if matches!(slot, Slot::Region(_)) {
            continue;
        }
        let info = describe(slot, set);
        regions.push(series(
            &info.name,
            &info.code,
            t,
            info.geometry.map(|g| g.into_owned()),
            kind_of(slot),
        ));
    }
    let cells = agg
        .cells
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
        .collect();
    // the span of the data: its incidents' own dates when every event is
    // held (the last period may end after the data do); else the periods'
    let held_all = incidents.len() as u64 == agg.grand.events && !incidents.is_empty();
    let (starts, ends) = if held_all && incidents.iter().any(|i| i.date_start.is_some()) {
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
    };
    let incidents = incidents
        .iter()
        .filter_map(|i| {
            let (lon, lat) = i.lon_lat()?;
            Some(IncidentDot {
                lon,
                lat,
                deaths_best: i.deaths_best.map(u64::from),
            })
        })
        .collect();
    let mut notes = Vec::new();
    if agg.grand.open_high > 0 {
        let n = agg.grand.open_high;
        notes.push(if n == 1 {
            "High estimates are floors: 1 incident has an open-ended toll (\"at least N\"), counted at its best estimate.".to_string()
        } else {
            format!("High estimates are floors: {n} incidents have open-ended tolls (\"at least N\"), counted at their best estimate.")
        });
    }
    if agg.grand.unknown_toll > 0 {
        let n = agg.grand.unknown_toll;
        notes.push(if n == 1 {
            "1 incident with an unknown toll is counted as an event with no deaths.".to_string()
        } else {
            format!("{n} incidents with an unknown toll are counted as events with no deaths.")
        });
    }
    ChartInput {
        title: title.to_string(),
        level: level.to_string(),
        granularity: granularity.to_string(),
        regions,
        cells,
        incidents,
        attribution: attribution.to_string(),
        notes,
        date_range: starts.zip(ends),
    }
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
