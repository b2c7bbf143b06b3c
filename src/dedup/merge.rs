//! Building one record out of the reports of one event.

use crate::gazetteer::normalize::normalize;
use crate::model::{DatePrecision, GeoPrecision, Incident, SourceToll};
use serde::{Deserialize, Serialize};

/// How the best estimate of a merged record is chosen from its sources.
///
/// Whatever the policy, `deaths_low` is the lowest low of the sources and
/// `deaths_high` the highest high (open-ended when any source is), and
/// every source's own figures are kept in `source_tolls`.
///
/// # Examples
/// ```
/// use casualty_atlas::dedup::MergePolicy;
/// assert_eq!(MergePolicy::parse("max"), Some(MergePolicy::Max));
/// assert_eq!(MergePolicy::default().pick(&[40, 62, 85]), 62);
/// assert_eq!(MergePolicy::Conservative.pick(&[40, 85]), 40);
/// assert_eq!(MergePolicy::Mean.pick(&[40, 85]), 63);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MergePolicy {
    /// The lower median of the sources' best estimates (the default).
    ///
    /// Why: a median is not moved by one source that inflates or
    /// understates a toll, and taking the lower of the two middle values
    /// when the count is even keeps the figure conservative (with two
    /// sources, the smaller best). It is UCDP's habit of a cautious best
    /// between the credible reports, not the highest claim.
    #[default]
    Conservative,
    /// The smallest best estimate.
    Min,
    /// The largest best estimate.
    Max,
    /// The mean of the best estimates, rounded half up.
    Mean,
}

impl MergePolicy {
    /// Parses `conservative`, `median`, `min`, `max`, `mean`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "conservative" | "median" => Some(Self::Conservative),
            "min" => Some(Self::Min),
            "max" => Some(Self::Max),
            "mean" => Some(Self::Mean),
            _ => None,
        }
    }

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Conservative => "conservative",
            Self::Min => "min",
            Self::Max => "max",
            Self::Mean => "mean",
        }
    }

    /// The best estimate chosen from the sources' bests (0 when empty).
    pub fn pick(self, bests: &[u32]) -> u32 {
        let mut v = bests.to_vec();
        v.sort_unstable();
        match (self, v.len()) {
            (_, 0) => 0,
            (Self::Conservative, n) => v[(n - 1) / 2],
            (Self::Min, _) => v[0],
            (Self::Max, n) => v[n - 1],
            (Self::Mean, n) => {
                let sum: u64 = v.iter().map(|&x| u64::from(x)).sum();
                let n = n as u64;
                u32::try_from((sum * 2 + n) / (2 * n)).unwrap_or(u32::MAX)
            }
        }
    }
}

fn geo_rank(i: &Incident) -> (bool, GeoPrecision) {
    (
        i.lon_lat().is_none(),
        i.geo_precision.unwrap_or(GeoPrecision::Country),
    )
}

fn date_rank(i: &Incident) -> (DatePrecision, i64) {
    match i.date_start {
        None => (DatePrecision::Unknown, 0),
        Some(s) => {
            let p = match i.date_precision {
                DatePrecision::Unknown => DatePrecision::Day,
                p => p,
            };
            let len = i.date_end.map(|e| (e - s).num_days().abs()).unwrap_or(0);
            (p, len)
        }
    }
}

/// Merges `members` (given in the stable dedup order) into one record.
///
/// * location (place, ids, admin names, point, precision): the most
///   precise located member;
/// * dates: the most precise dated member (narrowest range; then the date
///   most members give; then the earliest);
/// * toll: the policy's best, the lowest low, the highest high (open when
///   any member is open); `doc`, `evidence` and `span` come from the
///   member whose best was chosen (or the closest to it), so the evidence
///   still points into its document;
/// * actor, victims, event type, injured: the first member that states them;
/// * `merged_from`, `sources`, `source_tolls`: every member.
pub(crate) fn merge(members: &[&Incident], policy: MergePolicy, id: String) -> Incident {
    let Some(first) = members.first() else {
        return Incident::new(id, "");
    };
    let loc = members
        .iter()
        .enumerate()
        .min_by_key(|(k, i)| (geo_rank(i), *k))
        .map(|(_, i)| *i)
        .unwrap_or(first);
    // dates: the most precise; among equally precise ones, the date most
    // members give, then the earliest
    let top = members.iter().map(|i| date_rank(i)).min();
    let precise: Vec<&&Incident> = members
        .iter()
        .filter(|i| Some(date_rank(i)) == top)
        .collect();
    let when = precise
        .iter()
        .min_by_key(|i| {
            let votes = precise
                .iter()
                .filter(|j| j.date_start == i.date_start)
                .count();
            (std::cmp::Reverse(votes), i.date_start)
        })
        .map(|i| **i)
        .unwrap_or(first);

    let bests: Vec<u32> = members.iter().filter_map(|i| i.deaths_best).collect();
    let best = (!bests.is_empty()).then(|| policy.pick(&bests));
    let toll_src = best.and_then(|b| {
        members
            .iter()
            .enumerate()
            .filter_map(|(k, i)| i.deaths_best.map(|x| (x.abs_diff(b), k, *i)))
            .min_by_key(|(d, k, _)| (*d, *k))
            .map(|(_, _, i)| i)
    });
    let known: Vec<&&Incident> = members.iter().filter(|i| i.deaths_best.is_some()).collect();
    let low = known
        .iter()
        .filter_map(|i| i.deaths_low.or(i.deaths_best))
        .min();
    let high = if known.iter().any(|i| i.open_high()) {
        None
    } else {
        known.iter().filter_map(|i| i.deaths_high).max()
    };

    let src = toll_src.unwrap_or(first);
    let mut out = Incident::new(id, src.doc.clone());
    out.place = loc.place.clone();
    out.place_id = loc.place_id.clone();
    out.admin1 = loc.admin1.clone();
    out.admin2 = loc.admin2.clone();
    out.country = loc.country.clone();
    out.lat = loc.lat;
    out.lon = loc.lon;
    out.geo_precision = loc.geo_precision;
    out.date_start = when.date_start;
    out.date_end = when.date_end;
    out.date_precision = when.date_precision;
    if out.date_start.is_some() && out.date_precision == DatePrecision::Unknown {
        out.date_precision = DatePrecision::Day;
    }
    out.deaths_best = best;
    out.deaths_low = best.and(low).map(|l| l.min(best.unwrap_or(l)));
    out.deaths_high = best.and(high).map(|h| h.max(best.unwrap_or(h)));
    out.evidence = src.evidence.clone();
    out.span = src.span;
    let first_some = |f: fn(&Incident) -> Option<String>| members.iter().find_map(|m| f(m));
    out.actor = first_some(|m| m.actor.clone());
    out.victims = first_some(|m| m.victims.clone());
    out.event_type = first_some(|m| m.event_type.clone());
    out.injured = src
        .injured
        .or_else(|| members.iter().find_map(|m| m.injured));
    out.confidence = members
        .iter()
        .filter_map(|m| m.confidence)
        .max_by(|a, b| a.total_cmp(b));
    let kinds: Vec<&str> = members.iter().filter_map(|m| m.source.as_deref()).collect();
    out.source = match kinds.first() {
        Some(k) if kinds.iter().all(|x| x == k) => Some((*k).to_string()),
        Some(_) => Some("merged".into()),
        None => None,
    };
    let main = out.place.as_deref().map(normalize);
    let mut seen: Vec<String> = main.into_iter().collect();
    for m in members {
        for a in &m.also_places {
            let n = normalize(a);
            if !seen.contains(&n) {
                seen.push(n);
                out.also_places.push(a.clone());
            }
        }
        for f in &m.flags {
            if !out.flags.contains(f) {
                out.flags.push(f.clone());
            }
        }
    }
    let mut distinct = bests.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        out.flags.push("conflicting_tolls".into());
    }
    out.merged_from = members.iter().map(|m| m.id.clone()).collect();
    out.sources = members
        .iter()
        .map(|m| format!("{}:{}", m.doc, m.id))
        .collect();
    out.source_tolls = members
        .iter()
        .map(|m| SourceToll {
            doc: m.doc.clone(),
            id: m.id.clone(),
            deaths_low: m.deaths_low,
            deaths_best: m.deaths_best,
            deaths_high: m.deaths_high,
            evidence: m.evidence.clone(),
        })
        .collect();
    out
}
