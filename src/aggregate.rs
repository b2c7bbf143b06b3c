//! Aggregation: events and deaths (low/best/high) per slot × period.
//!
//! Counting rules:
//! * every incident counts as one event in exactly one row;
//! * an incident with an unknown toll counts as an event with no deaths
//!   (column `unknown_toll`);
//! * a missing low counts as the best; an open-ended high ("at least N")
//!   counts as the best in `deaths_high` and is counted in `open_high`, so
//!   readers know the high column is a floor there;
//! * undated incidents go to the `undated` period; a range of days goes to
//!   the period of its first day.
//!
//! Totals are conserved: summing every row (unallocated, unassigned and
//! undated included) gives the sums over the incidents.

use crate::model::{Deaths, Incident};
use crate::period::{Granularity, Period};
use crate::region::Slot;
use std::collections::BTreeMap;

/// The sums in one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Incidents.
    pub events: u64,
    /// Sum of low estimates.
    pub deaths_low: u64,
    /// Sum of best estimates.
    pub deaths_best: u64,
    /// Sum of high estimates (open highs counted at best).
    pub deaths_high: u64,
    /// Incidents whose high estimate is open-ended.
    pub open_high: u64,
    /// Incidents with an unknown toll.
    pub unknown_toll: u64,
}

impl Tally {
    /// The names of the counts, in the order of [`Tally::values`]: the
    /// column names of every table and layer that writes them.
    pub const NAMES: [&'static str; 6] = [
        "events",
        "deaths_low",
        "deaths_best",
        "deaths_high",
        "open_high",
        "unknown_toll",
    ];

    /// The counts in the column order of every table and layer that
    /// writes them: events, deaths low, best, high, open highs, unknown
    /// tolls.
    pub fn values(&self) -> [u64; 6] {
        [
            self.events,
            self.deaths_low,
            self.deaths_best,
            self.deaths_high,
            self.open_high,
            self.unknown_toll,
        ]
    }

    /// Adds one incident.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::aggregate::Tally;
    /// use casualty_atlas::model::Incident;
    /// let mut i = Incident::new("a", "x");
    /// i.deaths.best = Some(32); // "at least 32": low = best, high open
    /// let mut t = Tally::default();
    /// t.add(&i);
    /// assert_eq!((t.events, t.deaths_low, t.deaths_best, t.deaths_high, t.open_high), (1, 32, 32, 32, 1));
    /// ```
    pub fn add(&mut self, inc: &Incident) {
        self.add_counts(inc.deaths);
    }

    /// Adds one event with these estimates (same rules as [`Tally::add`]).
    #[inline]
    pub fn add_counts(&mut self, Deaths { low, best, high }: Deaths) {
        self.events += 1;
        match best {
            Some(b) => {
                let b = b as u64;
                self.deaths_low += low.map(|v| v as u64).unwrap_or(b);
                self.deaths_best += b;
                self.deaths_high += high.map(|v| v as u64).unwrap_or(b);
                if high.is_none() {
                    self.open_high += 1;
                }
            }
            None => self.unknown_toll += 1,
        }
    }

    /// Adds another tally (the sum is commutative and associative, so shards merge).
    pub fn merge(&mut self, o: &Tally) {
        self.events += o.events;
        self.deaths_low += o.deaths_low;
        self.deaths_best += o.deaths_best;
        self.deaths_high += o.deaths_high;
        self.open_high += o.open_high;
        self.unknown_toll += o.unknown_toll;
    }
}

/// The period an incident is counted in (see [`Period::for_date`]).
pub fn period_of(inc: &Incident, g: Granularity) -> Period {
    inc.date_start
        .map(|d| Period::for_date(d, inc.date_precision, g))
        .unwrap_or(Period::Undated)
}

/// Row key: where and when.
pub type CellKey = (Slot, Period);

/// Region × period tallies, ordered (BTreeMap) so outputs are deterministic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregate {
    /// The granularity of the periods.
    pub granularity: Option<Granularity>,
    /// The rows.
    pub cells: BTreeMap<CellKey, Tally>,
    /// Per-slot totals over all periods.
    pub totals: BTreeMap<Slot, Tally>,
    /// Per-period totals over all slots.
    pub period_totals: BTreeMap<Period, Tally>,
    /// Grand total.
    pub grand: Tally,
}

impl Aggregate {
    /// Sums incidents given their slots (`slots[i]` is the slot of `incidents[i]`).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::aggregate::Aggregate;
    /// use casualty_atlas::model::Incident;
    /// use casualty_atlas::period::Granularity;
    /// use casualty_atlas::region::Slot;
    /// let mut a = Incident::new("a", "x");
    /// a.deaths.best = Some(3);
    /// a.date_start = chrono::NaiveDate::from_ymd_opt(2024, 3, 2);
    /// let b = Incident::new("b", "x"); // undated, unknown toll
    /// let agg = Aggregate::build(&[a, b], &[Slot::Region(0), Slot::Unassigned], Granularity::Month);
    /// assert_eq!(agg.grand.events, 2);
    /// assert_eq!(agg.grand.deaths_best, 3);
    /// assert_eq!(agg.cells.len(), 2);
    /// ```
    pub fn build(incidents: &[Incident], slots: &[Slot], g: Granularity) -> Self {
        let mut agg = Aggregate {
            granularity: Some(g),
            ..Default::default()
        };
        for (inc, slot) in incidents.iter().zip(slots) {
            agg.add(inc, slot.clone(), g);
        }
        agg
    }

    /// Adds one incident in `slot`.
    pub fn add(&mut self, inc: &Incident, slot: Slot, g: Granularity) {
        let period = period_of(inc, g);
        self.cells
            .entry((slot.clone(), period))
            .or_default()
            .add(inc);
        self.totals.entry(slot).or_default().add(inc);
        self.period_totals.entry(period).or_default().add(inc);
        self.grand.add(inc);
    }

    /// Builds an aggregate from its cells (totals are derived).
    pub fn from_cells(
        granularity: Granularity,
        cells: impl IntoIterator<Item = (CellKey, Tally)>,
    ) -> Self {
        // sorted once, equal keys summed, then every map built from its
        // sorted rows (a BTreeMap bulk-loads sorted input), instead of four
        // map searches per cell
        let mut rows: Vec<(CellKey, Tally)> = cells.into_iter().collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(CellKey, Tally)> = Vec::with_capacity(rows.len());
        for (k, t) in rows {
            match merged.last_mut() {
                Some((lk, lt)) if *lk == k => lt.merge(&t),
                _ => merged.push((k, t)),
            }
        }
        let mut totals: Vec<(Slot, Tally)> = Vec::new();
        let mut period_totals: BTreeMap<Period, Tally> = BTreeMap::new();
        let mut grand = Tally::default();
        for ((slot, period), t) in &merged {
            match totals.last_mut() {
                Some((s, st)) if s == slot => st.merge(t),
                _ => totals.push((slot.clone(), *t)),
            }
            period_totals.entry(*period).or_default().merge(t);
            grand.merge(t);
        }
        Aggregate {
            granularity: Some(granularity),
            cells: merged.into_iter().collect(),
            totals: totals.into_iter().collect(),
            period_totals,
            grand,
        }
    }

    /// Merges another aggregate (of the same granularity) into this one.
    pub fn merge(&mut self, o: &Aggregate) {
        for (k, t) in &o.cells {
            self.cells.entry(k.clone()).or_default().merge(t);
        }
        for (k, t) in &o.totals {
            self.totals.entry(k.clone()).or_default().merge(t);
        }
        for (k, t) in &o.period_totals {
            self.period_totals.entry(*k).or_default().merge(t);
        }
        self.grand.merge(&o.grand);
    }
}

/// The dataset family an incident is counted under in the source breakdown:
/// its `source` (`acled`, `ucdp`, `article`, or what an incident table
/// says), `incidents` when it has none.
pub fn source_of(inc: &Incident) -> &str {
    match inc.source.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s,
        _ => "incidents",
    }
}

/// Row key of the source breakdown: where, when, which dataset family.
pub type SourceKey = (Slot, Period, String);

/// Region × period × source tallies: the same rows as [`Aggregate::build`]
/// split by [`source_of`]. Summing the sources of a (slot, period) gives that
/// row of the aggregate.
///
/// # Examples
/// ```
/// use casualty_atlas::aggregate::{by_source, Aggregate};
/// use casualty_atlas::model::Incident;
/// use casualty_atlas::period::Granularity;
/// use casualty_atlas::region::Slot;
/// let mut a = Incident::new("a", "x");
/// a.deaths.best = Some(3);
/// a.source = Some("acled".into());
/// let mut b = Incident::new("b", "y");
/// b.deaths.best = Some(4);
/// b.source = Some("ucdp".into());
/// let slots = [Slot::Region(0), Slot::Region(0)];
/// let split = by_source(&[a.clone(), b.clone()], &slots, Granularity::Month);
/// assert_eq!(split.len(), 2);
/// let agg = Aggregate::build(&[a, b], &slots, Granularity::Month);
/// let sum: u64 = split.values().map(|t| t.deaths_best).sum();
/// assert_eq!(sum, agg.grand.deaths_best);
/// ```
pub fn by_source(
    incidents: &[Incident],
    slots: &[Slot],
    g: Granularity,
) -> BTreeMap<SourceKey, Tally> {
    let mut out: BTreeMap<SourceKey, Tally> = BTreeMap::new();
    for (inc, slot) in incidents.iter().zip(slots) {
        out.entry((slot.clone(), period_of(inc, g), source_of(inc).to_string()))
            .or_default()
            .add(inc);
    }
    out
}

/// Adds the cells of an aggregate whose records are not held (streamed
/// tables) to a source breakdown, under `source`.
pub fn add_source_cells(out: &mut BTreeMap<SourceKey, Tally>, agg: &Aggregate, source: &str) {
    for ((slot, period), t) in &agg.cells {
        out.entry((slot.clone(), *period, source.to_string()))
            .or_default()
            .merge(t);
    }
}

/// A row of the source breakdown: (slot, period, source) and its counts.
pub type SourceRow<'a> = ((&'a Slot, &'a Period, &'a str), Tally);

/// The rows of the source breakdown: the held incidents' (`held`) and
/// every streamed table's cells under its source, in key order, equal keys
/// summed (each part comes sorted, so the sort merges runs). Borrowed: no
/// key is copied.
pub fn source_rows<'a>(
    held: &'a BTreeMap<SourceKey, Tally>,
    streamed: &'a [(String, Aggregate)],
) -> Vec<SourceRow<'a>> {
    let n = held.len() + streamed.iter().map(|(_, a)| a.cells.len()).sum::<usize>();
    let mut rows: Vec<SourceRow<'a>> = Vec::with_capacity(n);
    rows.extend(
        held.iter()
            .map(|((s, p, src), t)| ((s, p, src.as_str()), *t)),
    );
    if streamed.is_empty() {
        return rows;
    }
    for (source, part) in streamed {
        rows.extend(
            part.cells
                .iter()
                .map(|((slot, period), t)| ((slot, period, source.as_str()), *t)),
        );
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    // equal keys summed into the first of them, in place
    rows.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1.merge(&later.1);
        }
        same
    });
    rows
}

/// [`source_rows`] as a map with its own keys.
pub fn with_source_cells(
    held: BTreeMap<SourceKey, Tally>,
    streamed: &[(String, Aggregate)],
) -> BTreeMap<SourceKey, Tally> {
    source_rows(&held, streamed)
        .into_iter()
        .map(|((s, p, src), t)| ((s.clone(), *p, src.to_string()), t))
        .collect()
}

#[cfg(test)]
mod with_source_cells_tests {
    use super::*;

    #[test]
    fn sorted_rows_equal_one_map_search_per_cell() {
        let mut x: u64 = 99;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let cell = |next: &mut dyn FnMut(u64) -> u64| {
            let slot = match next(4) {
                0 => Slot::Unassigned,
                1 => Slot::Named(format!("n{}", next(3))),
                _ => Slot::Region(next(30) as usize),
            };
            let d = chrono::NaiveDate::from_ymd_opt(2016 + next(3) as i32, 1 + next(12) as u32, 1)
                .unwrap();
            let period = if next(9) == 0 {
                Period::Undated
            } else {
                Period::of(d, Granularity::Month)
            };
            let t = Tally {
                events: 1 + next(4),
                deaths_low: next(9),
                deaths_best: next(9),
                deaths_high: next(20),
                open_high: next(2),
                unknown_toll: next(2),
            };
            ((slot, period), t)
        };
        // held rows, and streamed parts whose sources repeat each other's
        // and the held ones'
        let mut held: BTreeMap<SourceKey, Tally> = BTreeMap::new();
        for _ in 0..400 {
            let ((slot, period), t) = cell(&mut next);
            let src = ["acled", "ucdp", "zz"][next(3) as usize].to_string();
            held.entry((slot, period, src)).or_default().merge(&t);
        }
        let mut streamed: Vec<(String, Aggregate)> = Vec::new();
        for name in ["ucdp", "acled", "ucdp", "b"] {
            let cells: Vec<(CellKey, Tally)> = (0..300).map(|_| cell(&mut next)).collect();
            streamed.push((
                name.into(),
                Aggregate::from_cells(Granularity::Month, cells),
            ));
        }
        let mut want = held.clone();
        for (source, part) in &streamed {
            add_source_cells(&mut want, part, source);
        }
        let got = with_source_cells(held.clone(), &streamed);
        assert!(got.len() > 1000, "{}", got.len());
        assert_eq!(got, want);
        assert_eq!(with_source_cells(held.clone(), &[]), held);
    }
}

#[cfg(test)]
mod from_cells_tests {
    use super::*;
    use crate::period::Granularity;

    #[test]
    fn from_cells_sums_repeated_keys_like_one_map_search_per_cell() {
        let mut x: u64 = 12345;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let mut input: Vec<(CellKey, Tally)> = Vec::new();
        for _ in 0..5000 {
            let slot = match next(5) {
                0 => Slot::Unassigned,
                1 => Slot::Named(format!("n{}", next(3))),
                _ => Slot::Region(next(40) as usize),
            };
            let period = if next(10) == 0 {
                Period::Undated
            } else {
                let d =
                    chrono::NaiveDate::from_ymd_opt(2015 + next(3) as i32, 1 + next(12) as u32, 1)
                        .unwrap();
                let g = if next(4) == 0 {
                    Granularity::Year
                } else {
                    Granularity::Month
                };
                Period::of(d, g)
            };
            let t = Tally {
                events: next(4),
                deaths_low: next(9),
                deaths_best: next(9),
                deaths_high: next(20),
                open_high: next(2),
                unknown_toll: next(2),
            };
            input.push(((slot, period), t));
        }
        let got = Aggregate::from_cells(Granularity::Month, input.clone());
        let mut want = Aggregate {
            granularity: Some(Granularity::Month),
            ..Default::default()
        };
        for ((slot, period), t) in input {
            want.totals.entry(slot.clone()).or_default().merge(&t);
            want.period_totals.entry(period).or_default().merge(&t);
            want.grand.merge(&t);
            want.cells.entry((slot, period)).or_default().merge(&t);
        }
        assert!(got.cells.len() > 500 && got.totals.len() > 40);
        assert_eq!(got, want);
    }
}
