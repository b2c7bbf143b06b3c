//! Dedup: reports of one event, counted once, every merge explained.
//!
//! The same massacre reported by a wire service, an NGO and an ACLED row
//! must count once; two attacks 30 km apart must stay two. This stage takes
//! the located, filtered incidents and hands region assignment a list in
//! which each event appears once, plus a [`ClusterRecord`] per merge for
//! `dedup_clusters.csv`.
//!
//! # When two reports may merge (`rules.rs`)
//!
//! Never when they come from the same document (the extractor has merged
//! repeats inside an article) or from the same structured dataset (two ACLED
//! rows, or two UCDP rows, are two events by that dataset's own coding).
//! Otherwise nothing may contradict:
//!
//! * **dates**: windows widened by precision must meet: day ± `day_slack`,
//!   week ± 7 days, month = the calendar month. Undated (or year-only)
//!   reports merge only when the place names agree and both tolls are known
//!   and overlap;
//! * **place**: the distance threshold is that of the coarser of the two:
//!   `place_km` for villages, `admin2_km` for cercles/provinces, `admin1_km`
//!   for regions when no names settle it; country-level and vague reports
//!   ("northern Mali") never merge by distance, only by name: the same name,
//!   or an area known to contain the other report's region. Names must agree
//!   (normalised names equal, one spelling edit apart, the same gazetteer id,
//!   `also_places`, or one is the other plus a quarter's name: "Ogossagou"
//!   and "Ogossagou-Peul") or one must be the admin unit containing the
//!   other; different village names merge only within `place_km`, when
//!   both are dated to the day (within `day_slack`) and their tolls agree. The same name far apart is another place;
//! * **country**: different when both are known → no; **admin units**
//!   likewise, but only when one report has no coordinates (datasets cut
//!   regions differently; with coordinates the distances decide);
//! * **event type**: a drone or air strike never merges with a ground
//!   attack; attacks and battles may (ACLED codes attacks on posts as
//!   battles); UCDP's violence types say nothing of the means;
//! * **victims**: civilians never merge with security forces;
//! * **occasion** (the `occasion=` flag the extractor sets: wedding,
//!   funeral, market, mosque...): two reports naming different occasions
//!   never merge (a strike on a wedding and the strike on its funeral the
//!   next day are two events); two naming the same one may merge when one
//!   side is coarse (undated, region-level, unlocated) and nothing of
//!   country, admin unit or distance contradicts, even where the tolls
//!   differ (rule `same-occasion`; coarse reports still join only a cluster
//!   that is the only one to accept them);
//! * **tolls**: village-level dated reports may disagree on the toll (that
//!   is what merging is for); coarser reports must not contradict
//!   (intervals meet, or one unknown); vague, country-level and undated
//!   ones, and two region-level ones, must agree (both known, intervals meet with an open high closed at its
//!   best: "at least 12" does not agree with 24).
//!
//! # Clusters, not chains
//!
//! Reports are sorted by a stable key, most precise first (village-level,
//! dated, located; then by document and id), so the output does not depend
//! on input order. Each still-unclustered precise report seeds a cluster;
//! candidates come from the R-tree ([`IncidentIndex::within_km`]), closest
//! first (date gap, then toll difference, then distance), and join
//! only when they may merge with **every** member (complete linkage), so a
//! cluster never spans more than the thresholds, whatever chain of pairs
//! exists (a region-level member sits at its region's centre, so
//! `max_km` in the CSV can exceed `place_km` there). Coarse reports (admin-level, vague, unlocated, undated) come
//! after, and join a cluster only when **exactly one** cluster accepts them;
//! when several do they stay alone, flagged `dedup_ambiguous`, and are
//! listed in `dedup_clusters.csv` for review. Otherwise they seed their own
//! cluster, which later coarse reports may join on the same rules.
//!
//! # The merged record
//!
//! Location from the most precise located member, dates from the most
//! precise dated member, best toll by [`MergePolicy`] (default: the
//! codebook's: a revised figure, else the lowest best among the figures
//! that compete), low = lowest low, high = highest high
//! (open when any source is open-ended), `merged_from` (member ids),
//! `sources` (`doc:id`) and `source_tolls` (each source's figures and
//! evidence), flag `conflicting_tolls` when the bests differ.
//!
//! Totals never grow: a merged record counts one event, and its low, best
//! and high are each no more than the sum of its members'. A single region
//! or period can grow, rarely: the merged record sits where its most
//! precise member is, and its best may exceed that member's own when the
//! others (across a border, or a region-level report) gave more.
//!
//! # Cost
//!
//! Candidates come from R-trees bucketed by calendar month (a report sits
//! in every month its date window touches) and from name keys bucketed the
//! same way, so dates prune before distances are computed: about
//! `O(n log n)` plus the pairs that are near in both space and time.
//!
//! # Examples
//! ```
//! use casualty_atlas::dedup::{dedup, DedupConfig};
//! use casualty_atlas::model::{DatePrecision, GeoPrecision, Incident};
//! let report = |id: &str, doc: &str, deaths: u32| {
//!     let mut i = Incident::new(id, doc);
//!     i.place = Some("Ogossagou".into());
//!     i.country = Some("ML".into());
//!     i.point = Some(casualty_atlas::model::Point::new(-3.62, 14.21));
//!     i.geo_precision = Some(GeoPrecision::Place);
//!     i.date_start = chrono::NaiveDate::from_ymd_opt(2019, 3, 23);
//!     i.date_end = i.date_start;
//!     i.date_precision = DatePrecision::Day;
//!     i.deaths = casualty_atlas::model::Deaths::exact(deaths);
//!     i
//! };
//! let out = dedup(vec![report("a", "wire.txt", 134), report("b", "ngo.txt", 157)], &DedupConfig::default());
//! assert_eq!(out.incidents.len(), 1);
//! assert_eq!(out.incidents[0].deaths.best, Some(134));
//! assert_eq!(out.incidents[0].deaths.high, Some(157));
//! assert_eq!(out.clusters.len(), 1);
//! ```

mod merge;
mod rules;

pub use merge::{is_doubtful, is_revised, merged_toll, MergePolicy};
pub use rules::{place_key, Rule};

use crate::error::Result;
use crate::fsio::write_atomic_with;
use crate::model::{Flag, Incident};
use crate::spatial::IncidentIndex;
use rules::{
    admin1_alias, day_gap, distance, link_but_tolls, search_km, Link, Prepared, TollSpan, TollTest,
};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Dedup settings.
///
/// # Examples
/// ```
/// let cfg = casualty_atlas::dedup::DedupConfig::default();
/// assert!(cfg.enabled);
/// assert_eq!(cfg.place_km, 10.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Merge at all (`--no-dedup` turns it off).
    pub enabled: bool,
    /// Distance threshold for two village-level reports, km.
    pub place_km: f64,
    /// Threshold when the coarser report is located to its cercle/province.
    pub admin2_km: f64,
    /// Threshold when the coarser report is located to its region and no
    /// names settle the question.
    pub admin1_km: f64,
    /// Days of slack either side of day-precision dates.
    pub day_slack: i64,
    /// How the merged best estimate is chosen.
    pub policy: MergePolicy,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            enabled: true,
            place_km: 10.0,
            admin2_km: 50.0,
            admin1_km: 250.0,
            day_slack: 1,
            policy: MergePolicy::Conservative,
        }
    }
}

/// What a cluster row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The members were merged into one record.
    Merged,
    /// The report could belong to several clusters, so it was left alone.
    Ambiguous,
}

impl Decision {
    /// The label written in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Merged => "merged",
            Decision::Ambiguous => "ambiguous_not_merged",
        }
    }
}

/// One row of `dedup_clusters.csv`: a merge, or a report left alone
/// because several clusters could take it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRecord {
    /// `c0001`, … in output order.
    pub cluster: String,
    /// Merged or left alone.
    pub decision: Decision,
    /// Id of the resulting record.
    pub merged_id: String,
    /// Member ids (for an ambiguous row: the report, then the members of
    /// each candidate cluster).
    pub members: Vec<String>,
    /// Their documents, in member order.
    pub docs: Vec<String>,
    /// Largest distance between two located members, km.
    pub max_km: Option<f64>,
    /// Largest gap between two members' dates, days (0 when they overlap;
    /// `None` when a member is undated).
    pub max_day_gap: Option<i64>,
    /// The rule that let each non-seed member join, `id:rule`.
    pub rules: Vec<String>,
    /// Each member's toll, `id=low/best/high`.
    pub member_tolls: Vec<String>,
    /// The merged toll, `low/best/high`.
    pub merged_toll: String,
    /// The merge policy used.
    pub policy: MergePolicy,
}

/// What [`dedup`] returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DedupOutcome {
    /// One record per event: merged records and untouched reports.
    pub incidents: Vec<Incident>,
    /// One row per merge, then one per ambiguous report.
    pub clusters: Vec<ClusterRecord>,
}

fn cmp_opt_f64(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

/// The stable order: precise reports first, then by document and id, with
/// the content as the last tie-break, so no input order leaks through.
fn stable_order(a: &(Incident, Prepared), b: &(Incident, Prepared)) -> Ordering {
    let (ia, pa) = a;
    let (ib, pb) = b;
    (!pa.is_fine())
        .cmp(&!pb.is_fine())
        .then(pa.point.is_none().cmp(&pb.point.is_none()))
        .then(pa.geo.cmp(&pb.geo))
        .then(pa.weak_date.cmp(&pb.weak_date))
        .then(ia.date_precision.cmp(&ib.date_precision))
        .then(ia.deaths.best.is_none().cmp(&ib.deaths.best.is_none()))
        .then_with(|| ia.doc.cmp(&ib.doc))
        .then_with(|| ia.id.cmp(&ib.id))
        .then_with(|| ia.date_start.cmp(&ib.date_start))
        .then_with(|| cmp_opt_f64(ia.lat(), ib.lat()))
        .then_with(|| cmp_opt_f64(ia.lon(), ib.lon()))
        .then_with(|| ia.deaths.best.cmp(&ib.deaths.best))
        .then_with(|| {
            let sa = serde_json::to_string(ia).unwrap_or_default();
            let sb = serde_json::to_string(ib).unwrap_or_default();
            sa.cmp(&sb)
        })
}

struct Clusters<'a> {
    items: &'a [(Incident, Prepared)],
    cfg: &'a DedupConfig,
    of: Vec<Option<usize>>,
    /// Members (positions in `items`) and the link that let each join
    /// (`None` for the seed).
    members: Vec<Vec<(usize, Option<Link>)>>,
}

impl Clusters<'_> {
    /// Seeds a cluster at precise report `i` and lets the unclustered
    /// precise reports near it join, closest first: in dates, then tolls,
    /// then distance, so that of two reports in one document (a strike and
    /// the next day's) the one that fits the seed best is the one that joins.
    fn grow_precise(&mut self, i: usize, cands: &Candidates) {
        let (items, cfg) = (self.items, self.cfg);
        let p = &items[i].1;
        let c = self.seed(i);
        let mut found = cands.near(i, p, cfg.place_km);
        // (articles' reports of one name also when the articles resolved it
        // to homonyms: "Kwala" near Mourdiah in one, Kwala by Kati in the
        // other; [`rules`] decides whether they can be one)
        if p.structured.is_none() {
            found.extend(cands.named(p));
            found.sort_unstable();
            found.dedup();
        }
        let mut near: Vec<(i64, u64, f64, usize)> = found
            .into_iter()
            .filter(|&j| j != i && self.of[j].is_none() && items[j].1.is_fine())
            .map(|j| {
                let q = &items[j].1;
                let gap = day_gap(p, q).unwrap_or(i64::MAX);
                let toll = match (p.best, q.best) {
                    (Some(a), Some(b)) => u64::from(a.abs_diff(b)),
                    _ => u64::MAX,
                };
                (gap, toll, distance(p, q).unwrap_or(f64::MAX), j)
            })
            .collect();
        near.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.total_cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        for (_, _, _, j) in near {
            if let Some(l) = self.accepts(c, j) {
                self.join(c, j, l);
            }
        }
    }

    /// Places unclustered report `i` (a coarse one, or a precise one no
    /// seed took): in the one cluster that accepts it, or in a cluster of
    /// its own; returns the clusters that would all have taken it (then it
    /// stays alone, ambiguous).
    fn place_coarse(&mut self, i: usize, cands: &Candidates) -> Option<Vec<usize>> {
        let (items, cfg) = (self.items, self.cfg);
        let p = &items[i].1;
        let mut found: Vec<usize> = Vec::new();
        if let Some(km) = search_km(p.geo, cfg) {
            found.extend(cands.near(i, p, km));
        }
        found.extend(cands.named(p));
        let clusters: BTreeSet<usize> = found
            .iter()
            .filter(|&&j| items[j].1.doc != p.doc)
            .filter_map(|&j| self.of[j])
            .collect();
        let ok: Vec<(usize, Link)> = clusters
            .into_iter()
            .filter_map(|c| self.accepts(c, i).map(|l| (c, l)))
            .collect();
        match ok.as_slice() {
            [(c, l)] => {
                self.join(*c, i, *l);
                None
            }
            [] => {
                self.seed(i);
                None
            }
            many => {
                self.seed(i);
                Some(many.iter().map(|(c, _)| *c).collect())
            }
        }
    }

    /// May report `j` join cluster `c`? Every member must allow it on
    /// place, date, kind and victims; its toll is then held to the
    /// strictest test any member asks, against the members' figures taken
    /// together (an undated "twelve dead" agrees with a cluster whose
    /// sources said 7, 12 and 13, though not with the 13 alone).
    fn accepts(&self, c: usize, j: usize) -> Option<Link> {
        let pj = &self.items[j].1;
        let mut first = None;
        let mut test = TollTest::Free;
        let mut span = None;
        for &(m, _) in &self.members[c] {
            let pm = &self.items[m].1;
            let (l, t) = link_but_tolls(pm, pj, self.cfg)?;
            first.get_or_insert(l);
            test = test.max(t);
            span = TollSpan::join(span, TollSpan::of(pm));
        }
        test.passes(span, TollSpan::of(pj)).then_some(first?)
    }

    fn seed(&mut self, i: usize) -> usize {
        let c = self.members.len();
        self.members.push(vec![(i, None)]);
        self.of[i] = Some(c);
        c
    }

    fn join(&mut self, c: usize, j: usize, l: Link) {
        self.members[c].push((j, Some(l)));
        self.of[j] = Some(c);
    }
}

/// A name key, hashed: a collision only adds a candidate, which the rules
/// then refuse, so hashing cannot merge anything by itself.
fn hkey(tag: &str, value: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut h);
    value.hash(&mut h);
    h.finish()
}

/// Name keys of a report, for candidates that cannot be found by distance.
fn name_keys(p: &Prepared) -> Vec<u64> {
    let mut k = Vec::new();
    if let Some(n) = &p.name {
        k.push(hkey("n", n));
    }
    for a in &p.also {
        k.push(hkey("n", a));
    }
    if let Some(id) = &p.place_id {
        k.push(hkey("id", id));
    }
    if let Some(a) = &p.admin2 {
        k.push(hkey("a2", a));
    }
    if let Some(a) = &p.admin1 {
        k.push(hkey("a1", a));
    }
    if let Some(c) = &p.country {
        k.push(hkey("cc", c));
    }
    if let Some(o) = &p.occasion {
        k.push(hkey("occ", o));
    }
    k
}

/// The keys under which a coarse report looks for the reports it may
/// merge with.
fn lookup_keys(p: &Prepared) -> Vec<u64> {
    let mut k = Vec::new();
    if let Some(n) = &p.name {
        k.push(hkey("n", n));
        k.push(hkey("a2", n));
        k.push(hkey("a1", &admin1_alias(n)));
    }
    for a in &p.also {
        k.push(hkey("n", a));
    }
    if let Some(id) = &p.place_id {
        k.push(hkey("id", id));
    }
    match &p.area {
        Some(area) if area.is_empty() => {
            if let Some(c) = &p.country {
                k.push(hkey("cc", c));
            }
        }
        Some(area) => k.extend(area.iter().map(|a| hkey("a1", a))),
        None => {}
    }
    if let Some(o) = &p.occasion {
        k.push(hkey("occ", o));
    }
    k
}

/// Month number of a date, for bucketing.
fn month_of(d: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    d.year() * 12 + d.month0() as i32
}

/// Documents with at least this many reports get R-trees of their own (a
/// table of events): a query skips its own document's trees, whose reports
/// can never be merged with it (the pair rules refuse one document), so a
/// big table is not searched against itself.
const OWN_TREE: usize = 256;

/// One R-tree of points, blocked by document: the reports of big documents
/// in trees of their own, the rest together (bulk-loaded).
struct Blocked {
    mixed: IncidentIndex,
    /// (document number, its reports)
    own: Vec<(u32, IncidentIndex)>,
}

impl Blocked {
    /// `points`: (position, document number, lon, lat); `big[d]` says
    /// whether document `d` has trees of its own.
    fn build(points: Vec<(usize, u32, f64, f64)>, big: &[bool]) -> Self {
        let mut own: std::collections::BTreeMap<u32, Vec<(usize, f64, f64)>> = Default::default();
        let mut mixed = Vec::new();
        for (k, d, x, y) in points {
            if big[d as usize] {
                own.entry(d).or_default().push((k, x, y));
            } else {
                mixed.push((k, x, y));
            }
        }
        Blocked {
            mixed: IncidentIndex::build(mixed),
            own: own
                .into_iter()
                .map(|(d, v)| (d, IncidentIndex::build(v)))
                .collect(),
        }
    }

    /// Reports within `km` of `(x, y)`, but none of document `doc`'s own
    /// trees.
    fn within(&self, x: f64, y: f64, km: f64, doc: u32, out: &mut Vec<usize>) {
        out.extend(self.mixed.within_km(x, y, km).into_iter().map(|(j, _)| j));
        for (d, idx) in &self.own {
            if *d != doc {
                out.extend(idx.within_km(x, y, km).into_iter().map(|(j, _)| j));
            }
        }
    }
}

/// Where candidates are looked up: R-trees per calendar month (a report is
/// in every month its date window touches, so a query in the months of its
/// own window finds every report whose window meets it), one R-tree for the
/// reports with no window, and name keys by month likewise. The trees are
/// blocked by document ([`Blocked`]).
struct Candidates {
    by_month: HashMap<i32, Blocked>,
    undated: Blocked,
    all: Option<Blocked>,
    names: HashMap<(u64, Option<i32>), Vec<usize>>,
    /// Every report by name key, for undated reports (built only when there
    /// are some).
    names_any: HashMap<u64, Vec<usize>>,
    /// Each report's document number.
    doc_of: Vec<u32>,
}

fn months(p: &Prepared) -> Option<std::ops::RangeInclusive<i32>> {
    p.window.map(|(s, e)| month_of(s)..=month_of(e))
}

impl Candidates {
    fn build(items: &[(Incident, Prepared)]) -> Self {
        // documents numbered; those with many reports get trees of their own
        let mut docs: HashMap<&str, u32> = HashMap::new();
        let mut count: Vec<usize> = Vec::new();
        let doc_of: Vec<u32> = items
            .iter()
            .map(|(_, p)| {
                let next = docs.len() as u32;
                let d = *docs.entry(&*p.doc).or_insert(next);
                if d as usize == count.len() {
                    count.push(0);
                }
                count[d as usize] += 1;
                d
            })
            .collect();
        let big: Vec<bool> = count.iter().map(|&n| n >= OWN_TREE).collect();
        let mut pts: HashMap<i32, Vec<(usize, u32, f64, f64)>> = HashMap::new();
        let mut undated = Vec::new();
        let mut names: HashMap<(u64, Option<i32>), Vec<usize>> = HashMap::new();
        let any_weak = items.iter().any(|(_, p)| p.weak_date);
        let mut names_any: HashMap<u64, Vec<usize>> = HashMap::new();
        for (k, (_, p)) in items.iter().enumerate() {
            let keys = name_keys(p);
            if any_weak {
                for key in &keys {
                    names_any.entry(*key).or_default().push(k);
                }
            }
            match months(p) {
                Some(ms) => {
                    for m in ms {
                        if let Some((x, y)) = p.point {
                            pts.entry(m).or_default().push((k, doc_of[k], x, y));
                        }
                        for key in &keys {
                            names.entry((*key, Some(m))).or_default().push(k);
                        }
                    }
                }
                None => {
                    if let Some((x, y)) = p.point {
                        undated.push((k, doc_of[k], x, y));
                    }
                    for key in &keys {
                        names.entry((*key, None)).or_default().push(k);
                    }
                }
            }
        }
        // undated reports may meet any report: they search everything
        let all = any_weak.then(|| {
            Blocked::build(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(k, (_, p))| p.point.map(|(x, y)| (k, doc_of[k], x, y)))
                    .collect(),
                &big,
            )
        });
        Candidates {
            by_month: pts
                .into_iter()
                .map(|(m, v)| (m, Blocked::build(v, &big)))
                .collect(),
            undated: Blocked::build(undated, &big),
            all,
            names,
            names_any,
            doc_of,
        }
    }

    /// Reports within `km` of report `i` (`p`) whose dates may meet it (by
    /// the R-trees), from other documents than its own where those have
    /// trees of their own.
    fn near(&self, i: usize, p: &Prepared, km: f64) -> Vec<usize> {
        let Some((x, y)) = p.point else {
            return Vec::new();
        };
        let doc = self.doc_of[i];
        let mut out: Vec<usize> = Vec::new();
        match months(p) {
            Some(ms) => {
                for m in ms {
                    if let Some(idx) = self.by_month.get(&m) {
                        idx.within(x, y, km, doc, &mut out);
                    }
                }
                self.undated.within(x, y, km, doc, &mut out);
            }
            None => {
                if let Some(idx) = &self.all {
                    idx.within(x, y, km, doc, &mut out);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Reports sharing a name key with `p` whose dates may meet it.
    fn named(&self, p: &Prepared) -> Vec<usize> {
        let mut out = Vec::new();
        for key in lookup_keys(p) {
            match months(p) {
                Some(ms) => {
                    for m in ms {
                        if let Some(v) = self.names.get(&(key, Some(m))) {
                            out.extend(v.iter().copied());
                        }
                    }
                    if let Some(v) = self.names.get(&(key, None)) {
                        out.extend(v.iter().copied());
                    }
                }
                None => {
                    if let Some(v) = self.names_any.get(&key) {
                        out.extend(v.iter().copied());
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Merges reports of one event. See the module docs for the rules.
///
/// The output is in a stable order (by date, then document and id) and does
/// not depend on the input order.
pub fn dedup(incidents: Vec<Incident>, cfg: &DedupConfig) -> DedupOutcome {
    dedup_with(incidents, cfg, &indicatif::ProgressBar::hidden())
}

/// [`dedup`], advancing `bar` over its two passes (its length is set to
/// twice the number of reports).
pub fn dedup_with(
    incidents: Vec<Incident>,
    cfg: &DedupConfig,
    bar: &indicatif::ProgressBar,
) -> DedupOutcome {
    if !cfg.enabled {
        return DedupOutcome {
            incidents,
            clusters: Vec::new(),
        };
    }
    // reports of one document are never merged (the pair rules refuse
    // them): with a single document there is nothing to search, the
    // outcome is the records in output order
    let one_doc = incidents.windows(2).all(|w| w[0].doc == w[1].doc);
    if one_doc {
        let mut incs = incidents;
        // ties (one id twice) are ordered by the full path's rule
        let Some(order) = one_doc_order(&incs) else {
            return dedup_all(incs, cfg, bar);
        };
        permute(&mut incs, &order);
        bar.set_length(1);
        bar.set_position(1);
        return DedupOutcome {
            incidents: incs,
            clusters: Vec::new(),
        };
    }
    dedup_all(incidents, cfg, bar)
}

/// [`dedup_with`] over reports of several documents.
fn dedup_all(
    incidents: Vec<Incident>,
    cfg: &DedupConfig,
    bar: &indicatif::ProgressBar,
) -> DedupOutcome {
    const TICK: usize = 4096;
    let mut items: Vec<(Incident, Prepared)> = incidents
        .into_iter()
        .map(|i| {
            let p = Prepared::of(&i, cfg);
            (i, p)
        })
        .collect();
    // sort positions, not the (large) records, then move each record once
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| stable_order(&items[a], &items[b]));
    permute(&mut items, &order);
    let n = items.len();
    let cands = Candidates::build(&items);
    bar.set_length(2 * n as u64);
    let mut cl = Clusters {
        items: &items,
        cfg,
        of: vec![None; n],
        members: Vec::new(),
    };
    // 1. precise reports: seeds in stable order, candidates by distance,
    //    complete linkage
    for (i, (_, p)) in items.iter().enumerate() {
        if i % TICK == 0 {
            bar.set_position(i as u64);
        }
        if p.is_fine() && cl.of[i].is_none() {
            cl.grow_precise(i, &cands);
        }
    }
    // 2. coarse reports: join the one cluster that accepts them, or stay
    //    alone (ambiguous), or seed a cluster of their own
    let mut ambiguous: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..n {
        if i % TICK == 0 {
            bar.set_position((n + i) as u64);
        }
        if cl.of[i].is_none() {
            if let Some(many) = cl.place_coarse(i, &cands) {
                ambiguous.push((i, many));
            }
        }
    }
    let members = cl.members;
    build_outcome(items, &members, &ambiguous, cfg)
}

fn member_toll(inc: &Incident) -> String {
    format!("{}={}", inc.id, inc.deaths.label())
}

/// The output order ([`output_order`]) of records of one document, by
/// keys taken out once (the date as a number, undated last; then the id),
/// so the sort does not reach into the records; `None` when two records
/// tie.
fn one_doc_order(incs: &[Incident]) -> Option<Vec<usize>> {
    use chrono::Datelike;
    let mut keys: Vec<(i64, &str, usize)> = incs
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let day = i
                .date_start
                .map(|d| i64::from(d.num_days_from_ce()))
                .unwrap_or(i64::MAX);
            (day, i.id.as_str(), k)
        })
        .collect();
    keys.sort_unstable();
    if keys
        .windows(2)
        .any(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        return None;
    }
    Some(keys.into_iter().map(|(_, _, k)| k).collect())
}

fn output_order(a: &Incident, b: &Incident) -> Ordering {
    a.date_start
        .is_none()
        .cmp(&b.date_start.is_none())
        .then(a.date_start.cmp(&b.date_start))
        .then_with(|| a.doc.cmp(&b.doc))
        .then_with(|| a.id.cmp(&b.id))
}

fn build_outcome(
    items: Vec<(Incident, Prepared)>,
    members: &[Vec<(usize, Option<Link>)>],
    ambiguous: &[(usize, Vec<usize>)],
    cfg: &DedupConfig,
) -> DedupOutcome {
    // merged records and their rows first, while every member is in place
    let merged: Vec<(usize, Incident, ClusterRecord)> = members
        .iter()
        .filter(|m| m.len() > 1)
        .filter_map(|m| {
            let seed = m.first()?.0;
            let (inc, rec) = merged_cluster(&items, m, cfg);
            Some((seed, inc, rec))
        })
        .collect();
    let amb_rows: Vec<ClusterRecord> = ambiguous
        .iter()
        .map(|(i, cands)| ambiguous_row(&items, members, *i, cands, cfg))
        .collect();
    // then work in place on the records: each cluster's seed slot takes
    // the cluster's record, the other members' slots go
    let mut incs: Vec<Incident> = items.into_iter().map(|(i, _)| i).collect();
    let mut kept = vec![false; incs.len()];
    for m in members {
        if let Some(&(seed, _)) = m.first() {
            kept[seed] = true;
        }
    }
    for (i, _) in ambiguous {
        if let Some(inc) = incs.get_mut(*i) {
            inc.flags.push(Flag::DedupAmbiguous);
        }
    }
    let mut recs: Vec<(usize, ClusterRecord)> = Vec::with_capacity(merged.len());
    for (seed, inc, rec) in merged {
        incs[seed] = inc;
        recs.push((seed, rec));
    }
    // new position of each kept slot
    let mut new_pos = vec![usize::MAX; incs.len()];
    let mut next = 0;
    for (k, keep) in kept.iter().enumerate() {
        if *keep {
            new_pos[k] = next;
            next += 1;
        }
    }
    let mut k = 0;
    incs.retain(|_| {
        let keep = kept[k];
        k += 1;
        keep
    });
    // output order: sort positions, permute in place
    let mut order: Vec<usize> = (0..incs.len()).collect();
    order.sort_by(|&a, &b| output_order(&incs[a], &incs[b]));
    permute(&mut incs, &order);
    let mut rank = vec![0usize; order.len()];
    for (r, &old) in order.iter().enumerate() {
        rank[old] = r;
    }
    let mut recs: Vec<(usize, ClusterRecord)> = recs
        .into_iter()
        .map(|(seed, r)| (rank.get(new_pos[seed]).copied().unwrap_or(usize::MAX), r))
        .collect();
    recs.sort_by_key(|(r, _)| *r);
    let mut clusters: Vec<ClusterRecord> = Vec::with_capacity(recs.len() + amb_rows.len());
    for (_, mut r) in recs {
        r.cluster = format!("c{:04}", clusters.len() + 1);
        clusters.push(r);
    }
    // ambiguous reports, after the merges, in stable order
    for mut r in amb_rows {
        r.cluster = format!("a{:04}", clusters.len() + 1);
        clusters.push(r);
    }
    DedupOutcome {
        incidents: incs,
        clusters,
    }
}

fn merged_cluster(
    items: &[(Incident, Prepared)],
    m: &[(usize, Option<Link>)],
    cfg: &DedupConfig,
) -> (Incident, ClusterRecord) {
    let seed = m.first().map(|(k, _)| *k).unwrap_or(0);
    let incs: Vec<&Incident> = m.iter().map(|(k, _)| &items[*k].0).collect();
    let merged = merge::merge(&incs, cfg.policy, format!("merged:{}", items[seed].0.id));
    let rec = ClusterRecord {
        cluster: String::new(),
        decision: Decision::Merged,
        merged_id: merged.id.clone(),
        members: incs.iter().map(|i| i.id.clone()).collect(),
        docs: incs.iter().map(|i| i.doc.to_string()).collect(),
        max_km: pair_max(m, |a, b| distance(&items[a].1, &items[b].1)),
        max_day_gap: if m.iter().any(|(k, _)| items[*k].1.weak_date) {
            None
        } else {
            pair_max(m, |a, b| day_gap(&items[a].1, &items[b].1))
        },
        rules: m
            .iter()
            .filter_map(|(k, l)| l.map(|l| format!("{}:{}", items[*k].0.id, l.label())))
            .collect(),
        member_tolls: incs.iter().map(|i| member_toll(i)).collect(),
        merged_toll: merged.deaths.label(),
        policy: cfg.policy,
    };
    (merged, rec)
}

fn ambiguous_row(
    items: &[(Incident, Prepared)],
    members: &[Vec<(usize, Option<Link>)>],
    i: usize,
    cands: &[usize],
    cfg: &DedupConfig,
) -> ClusterRecord {
    let inc = &items[i].0;
    let mut ids = vec![inc.id.clone()];
    let mut docs = vec![inc.doc.to_string()];
    let mut alts = Vec::new();
    for &c in cands {
        let names: Vec<String> = members[c]
            .iter()
            .map(|(k, _)| items[*k].0.id.clone())
            .collect();
        ids.extend(names.iter().cloned());
        docs.extend(members[c].iter().map(|(k, _)| items[*k].0.doc.to_string()));
        alts.push(names.join("+"));
    }
    ClusterRecord {
        cluster: String::new(),
        decision: Decision::Ambiguous,
        merged_id: inc.id.clone(),
        members: ids,
        docs,
        max_km: None,
        max_day_gap: None,
        rules: vec![format!("{}:could join {}", inc.id, alts.join(" or "))],
        member_tolls: vec![member_toll(inc)],
        merged_toll: inc.deaths.label(),
        policy: cfg.policy,
    }
}

/// Reorders `v` in place so that `v[r]` becomes the old `v[order[r]]`
/// (`order` a permutation), one swap per element: no second copy of the
/// records.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len().min(order.len()) {
        if done[start] {
            continue;
        }
        let mut cur = start;
        loop {
            done[cur] = true;
            let next = order[cur];
            if next == start || next >= v.len() || done[next] {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

fn pair_max<T: PartialOrd + Copy>(
    m: &[(usize, Option<Link>)],
    f: impl Fn(usize, usize) -> Option<T>,
) -> Option<T> {
    let mut best: Option<T> = None;
    for (x, (a, _)) in m.iter().enumerate() {
        for (b, _) in m.iter().skip(x + 1) {
            if let Some(v) = f(*a, *b) {
                if best.is_none_or(|cur| v > cur) {
                    best = Some(v);
                }
            }
        }
    }
    best
}

/// Columns of `dedup_clusters.csv`.
pub const CLUSTER_COLUMNS: [&str; 11] = [
    "cluster",
    "decision",
    "merged_id",
    "members",
    "docs",
    "max_km",
    "max_day_gap",
    "rules",
    "member_tolls",
    "merged_toll",
    "policy",
];

/// Writes `dedup_clusters.csv` atomically: one row per merge (and per
/// report left alone as ambiguous), lists joined with `;`.
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("dedup_clusters.csv");
/// casualty_atlas::dedup::write_clusters_csv(&p, &[]).unwrap();
/// assert!(std::fs::read_to_string(&p).unwrap().starts_with("cluster,decision,"));
/// ```
pub fn write_clusters_csv(path: &Path, clusters: &[ClusterRecord]) -> Result<()> {
    let err = |e: csv::Error| std::io::Error::other(e.to_string());
    write_atomic_with(path, |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(CLUSTER_COLUMNS).map_err(err)?;
        for r in clusters {
            c.write_record([
                r.cluster.clone(),
                r.decision.as_str().to_string(),
                r.merged_id.clone(),
                r.members.join(";"),
                r.docs.join(";"),
                r.max_km.map(|d| format!("{d:.1}")).unwrap_or_default(),
                r.max_day_gap.map(|d| d.to_string()).unwrap_or_default(),
                r.rules.join(";"),
                r.member_tolls.join(";"),
                r.merged_toll.clone(),
                r.policy.as_str().to_string(),
            ])
            .map_err(err)?;
        }
        c.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::{one_doc_order, output_order, permute};
    use crate::model::Incident;

    #[test]
    fn one_doc_order_is_the_output_order() {
        let mut incs = Vec::new();
        for (k, (id, day)) in [
            ("b", Some(3)),
            ("a", Some(3)),
            ("10", None),
            ("9", None),
            ("c", Some(1)),
            ("2", Some(28)),
        ]
        .into_iter()
        .enumerate()
        {
            let mut i = Incident::new(id, "t.csv");
            i.date_start = day.and_then(|d| chrono::NaiveDate::from_ymd_opt(2020 - k as i32, 2, d));
            incs.push(i);
        }
        let mut want: Vec<usize> = (0..incs.len()).collect();
        want.sort_by(|&a, &b| output_order(&incs[a], &incs[b]));
        assert_eq!(one_doc_order(&incs), Some(want));
        incs[1].id = "b".into();
        incs[1].date_start = incs[0].date_start;
        assert_eq!(one_doc_order(&incs), None, "a tie");
    }

    #[test]
    fn permute_applies_the_order_in_place() {
        let mut seed = 17u64;
        for n in 0..40usize {
            let mut order: Vec<usize> = (0..n).collect();
            for k in (1..n).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(k, (seed >> 33) as usize % (k + 1));
            }
            let old: Vec<usize> = (0..n).map(|x| x * 10).collect();
            let mut v = old.clone();
            permute(&mut v, &order);
            let want: Vec<usize> = order.iter().map(|&k| old[k]).collect();
            assert_eq!(v, want);
        }
    }
}
