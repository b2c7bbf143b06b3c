//! Building one record out of the reports of one event.

use crate::gazetteer::normalize::normalize;
use crate::model::{DatePrecision, Deaths, Flag, GeoPrecision, Incident, SourceToll};
use serde::{Deserialize, Serialize};

/// How the best estimate of a merged record is chosen from its sources.
///
/// Whatever the policy, a merge never narrows the interval its members
/// give: `deaths_low` is the lowest low, `deaths_high` the highest known
/// high (open-ended only when an open member's floor is above it), and
/// every source's own figures are kept in `source_tolls`. A member whose
/// toll was flagged doubtful does not take part while another member has a
/// toll (see [`is_doubtful`]).
///
/// # Examples
/// ```
/// use casualty_atlas::dedup::MergePolicy;
/// assert_eq!(MergePolicy::parse("max"), Some(MergePolicy::Max));
/// assert_eq!(MergePolicy::default().pick(&[40, 62, 85]), 40);
/// assert_eq!(MergePolicy::Median.pick(&[40, 62, 85]), 62);
/// assert_eq!(MergePolicy::Mean.pick(&[40, 85]), 63);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MergePolicy {
    /// The codebook's rule (section 3; the default): a revised or confirmed
    /// figure wins; otherwise the lowest best. Under every policy a count
    /// that leaves out the attackers another source adds ("33 soldiers"
    /// against "33 soldiers and 20 assailants") and an open floor another
    /// source's count meets ("dozens" against 37) do not compete for the
    /// best; they still widen low and high.
    #[default]
    Conservative,
    /// The lower median of the sources' best estimates (a median is not
    /// moved by one source that inflates or understates a toll).
    Median,
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
            "conservative" | "codebook" => Some(Self::Conservative),
            "median" => Some(Self::Median),
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
            Self::Median => "median",
            Self::Min => "min",
            Self::Max => "max",
            Self::Mean => "mean",
        }
    }

    /// The best estimate chosen from the sources' bests (0 when empty),
    /// none of them revised or confirmed (see [`merge`] for that rule).
    pub fn pick(self, bests: &[u32]) -> u32 {
        let mut v = bests.to_vec();
        v.sort_unstable();
        match (self, v.len()) {
            (_, 0) => 0,
            (Self::Median, n) => v[(n - 1) / 2],
            (Self::Conservative | Self::Min, _) => v[0],
            (Self::Max, n) => v[n - 1],
            (Self::Mean, n) => {
                let sum: u64 = v.iter().map(|&x| u64::from(x)).sum();
                let n = n as u64;
                u32::try_from((sum * 2 + n) / (2 * n)).unwrap_or(u32::MAX)
            }
        }
    }
}

/// True when the member's own toll was flagged doubtful (an implausible
/// figure, or one its extractor marked doubtful): it must not drag a merged
/// toll to it.
pub fn is_doubtful(i: &Incident) -> bool {
    i.flags.iter().any(|f| match f {
        Flag::ImplausibleToll | Flag::TollDoubtful => true,
        Flag::Other(s) => &**s == "doubtful_toll" || s.starts_with("review=doubtful_toll"),
        _ => false,
    })
}

/// True when the member's best is a revised or confirmed figure (the
/// extractor records the rule that set it in `toll_rule`; tables may say
/// `toll_rule=revised` in their flags): it wins over the other members'.
pub fn is_revised(i: &Incident) -> bool {
    matches!(
        i.article().toll_rule.as_deref(),
        Some("revised" | "confirmed")
    ) || i.flags.iter().any(|f| {
        matches!(
            f.other(),
            Some("toll_rule=revised" | "toll_rule=confirmed" | "revised_toll" | "confirmed_toll")
        )
    })
}

/// The merged low, best and high of `members` (codebook section 3).
///
/// * members whose toll was flagged doubtful are left out while another
///   member has a toll;
/// * best: a revised or confirmed figure (the lowest, if several) wins;
///   otherwise the policy's pick (by default the lowest best);
/// * low: the lowest low (a missing low counts as the best);
/// * high: the highest known high; open (`None`) only when an open member's
///   floor (its best) is above every known high, or no member knows one.
///
/// All `None` when no member has a toll.
pub fn merged_toll(members: &[&Incident], policy: MergePolicy) -> Deaths {
    let with_toll: Vec<&Incident> = members
        .iter()
        .copied()
        .filter(|i| i.deaths.best.is_some())
        .collect();
    let trusted: Vec<&Incident> = with_toll
        .iter()
        .copied()
        .filter(|i| !is_doubtful(i))
        .collect();
    let used = if trusted.is_empty() {
        with_toll
    } else {
        trusted
    };
    if used.is_empty() {
        return Deaths::default();
    }
    let competing: Vec<&Incident> = used
        .iter()
        .copied()
        .filter(|i| !yields_to_another(i, &used))
        .collect();
    let pool = if competing.is_empty() {
        &used
    } else {
        &competing
    };
    // (a revision wins among the figures that compete: one article's
    // civilians revised from 9 to 10 does not undo another's count of the
    // civilians and the attackers)
    let revised: Vec<u32> = pool
        .iter()
        .filter(|i| is_revised(i))
        .filter_map(|i| i.deaths.best)
        .collect();
    let bests: Vec<u32> = pool.iter().filter_map(|i| i.deaths.best).collect();
    let best = match revised.iter().min() {
        Some(&r) => r,
        None => policy.pick(&bests),
    };
    let low = used
        .iter()
        .filter_map(|i| i.deaths.low.or(i.deaths.best))
        .min()
        .unwrap_or(best)
        .min(best);
    let known_high = used.iter().filter_map(|i| i.deaths.high).max();
    let open_floor = used
        .iter()
        .filter(|i| i.deaths.open_high())
        .filter_map(|i| i.deaths.best)
        .max();
    let high = match (known_high, open_floor) {
        (Some(h), Some(f)) if f > h => None,
        (Some(h), _) => Some(h.max(best)),
        (None, _) => None,
    };
    Deaths::new(Some(low), Some(best), high)
}

/// Attackers a report counts in its toll (`attackers_killed=N`).
fn attackers(i: &Incident) -> Option<u32> {
    i.flags.iter().find_map(|f| match f {
        Flag::AttackersKilled(k) => Some(*k),
        _ => None,
    })
}

/// A report's toll that does not compete with another member's for the
/// best: it leaves out what the other adds ("33 soldiers" against "33
/// soldiers and 20 assailants": the same dead, the attackers besides), or
/// it is a floor the other's count meets ("dozens" against 37).
fn yields_to_another(i: &Incident, members: &[&Incident]) -> bool {
    let Some(b) = i.deaths.best else {
        return false;
    };
    members.iter().any(|o| {
        if std::ptr::eq(*o, i) {
            return false;
        }
        let Some(ob) = o.deaths.best else {
            return false;
        };
        // (its count lies between the other's victims alone and its total)
        let part = attackers(i).is_none()
            && b < ob
            && attackers(o).is_some_and(|k| k > 0 && b.saturating_add(k) >= ob);
        // ("dozens" against "more than 40": the larger floor says more)
        let floor = i.deaths.open_high() && ob >= b && (ob > b || !o.deaths.open_high());
        part || floor
    })
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
    let deaths = merged_toll(members, policy);
    let src = toll_source(members, deaths.best).unwrap_or(first);
    let mut out = Incident::new(id, src.doc.clone());
    out.place = loc.place.clone();
    out.place_id = loc.place_id.clone();
    out.admin1 = loc.admin1.clone();
    out.admin2 = loc.admin2.clone();
    out.country = loc.country.clone();
    out.point = loc.point;
    out.geo_precision = loc.geo_precision;
    merge_dates(&mut out, members, first);
    out.deaths = deaths;
    out.article_mut().evidence = src.article().evidence.clone();
    out.article_mut().span = src.article().span;
    let first_some = |f: fn(&Incident) -> Option<String>| members.iter().find_map(|m| f(m));
    out.actor = first_some(|m| m.actor.clone());
    out.victims = first_some(|m| m.victims.clone());
    out.event_type = members.iter().find_map(|m| m.event_type.clone());
    out.injured = src
        .injured
        .or_else(|| members.iter().find_map(|m| m.injured));
    out.article_mut().confidence = members
        .iter()
        .filter_map(|m| m.article().confidence)
        .max_by(|a, b| a.total_cmp(b));
    let kinds: Vec<&str> = members.iter().filter_map(|m| m.source.as_deref()).collect();
    out.source = match kinds.first() {
        Some(k) if kinds.iter().all(|x| x == k) => Some((*k).to_string()),
        Some(_) => Some("merged".into()),
        None => None,
    };
    merge_lists(&mut out, members);
    out
}

/// The member whose best is the merged best (or the closest to it; a
/// doubtful one last, then the first): its `doc`, `evidence` and `span`
/// go to the merged record.
fn toll_source<'a>(members: &[&'a Incident], best: Option<u32>) -> Option<&'a Incident> {
    let b = best?;
    members
        .iter()
        .enumerate()
        .filter_map(|(k, i)| {
            i.deaths
                .best
                .map(|x| (x.abs_diff(b), is_doubtful(i), k, *i))
        })
        .min_by_key(|(d, doubtful, k, _)| (*d, *doubtful, *k))
        .map(|(_, _, _, i)| i)
}

/// Dates: the most precise members; among them, the date most members
/// give, then the earliest; the range then spans every one of them (a
/// merge never shrinks the dates its members give).
fn merge_dates(out: &mut Incident, members: &[&Incident], first: &Incident) {
    let top = members.iter().map(|i| date_rank(i).0).min();
    let precise: Vec<&&Incident> = members
        .iter()
        .filter(|i| Some(date_rank(i).0) == top)
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
    out.date_start = when.date_start;
    out.date_end = when.date_end;
    out.date_precision = when.date_precision;
    if when.date_start.is_some() {
        for p in &precise {
            out.date_start = out.date_start.min(p.date_start).or(p.date_start);
            out.date_end = out.date_end.max(p.date_end.or(p.date_start));
        }
    }
    if out.date_start.is_some() && out.date_precision == DatePrecision::Unknown {
        out.date_precision = DatePrecision::Day;
    }
}

/// Every member's other places, flags and review reasons (once each), a
/// flag when their tolls conflict, and the members themselves.
fn merge_lists(out: &mut Incident, members: &[&Incident]) {
    let main = out.place.as_deref().map(normalize);
    let mut seen: Vec<String> = main.into_iter().collect();
    for m in members {
        for a in &m.article().also_places {
            let n = normalize(a);
            if !seen.contains(&n) {
                seen.push(n);
                out.article_mut().also_places.push(a.clone());
            }
        }
        for f in &m.flags {
            if !out.flags.contains(f) {
                out.flags.push(f.clone());
            }
        }
        // every member's reasons for a look stay on the merged record
        for r in &m.article().review {
            if !out.article().review.contains(r) {
                out.article_mut().review.push(r.clone());
            }
        }
    }
    let mut distinct: Vec<u32> = members.iter().filter_map(|i| i.deaths.best).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        out.flags.push(Flag::ConflictingTolls);
    }
    out.merge_mut().merged_from = members.iter().map(|m| m.id.clone()).collect();
    out.merge_mut().sources = members
        .iter()
        .map(|m| format!("{}:{}", m.doc, m.id))
        .collect();
    out.merge_mut().source_tolls = members
        .iter()
        .map(|m| SourceToll {
            doc: m.doc.to_string(),
            id: m.id.clone(),
            deaths: m.deaths,
            evidence: m.article().evidence.clone(),
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn report(id: &str, low: u32, best: u32, high: Option<u32>) -> Incident {
        let mut i = Incident::new(id, format!("{id}.txt"));
        i.deaths.low = Some(low);
        i.deaths.best = Some(best);
        i.deaths.high = high;
        i
    }

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// Issue 18 item 2: 132/132/160 and "at least 160" (160/160/open) keep
    /// the known high 160; the lowest best wins (codebook section 3).
    #[test]
    fn merge_never_lowers_a_known_high() {
        let a = report("a", 132, 132, Some(160));
        let b = report("b", 160, 160, None);
        assert_eq!(
            merged_toll(&[&a, &b], MergePolicy::default()),
            Deaths::new(Some(132), Some(132), Some(160))
        );
        // open only when an open floor is above every known high
        let c = report("c", 200, 200, None);
        assert_eq!(
            merged_toll(&[&a, &c], MergePolicy::default()),
            Deaths::new(Some(132), Some(132), None)
        );
        let m = merge(&[&a, &b], MergePolicy::default(), "m".into());
        assert_eq!(m.deaths, Deaths::new(Some(132), Some(132), Some(160)));
    }

    /// Issue 13 point 5: a revised or confirmed figure wins over the lowest.
    #[test]
    fn revised_figure_wins_and_the_interval_spans_all() {
        let first = report("first", 95, 95, Some(95));
        let mut later = report("later", 35, 35, Some(35));
        later.flags.push("toll_rule=revised".into());
        let other = report("other", 30, 30, Some(30));
        assert_eq!(
            merged_toll(&[&first, &later, &other], MergePolicy::default()),
            Deaths::new(Some(30), Some(35), Some(95))
        );
    }

    /// Issue 13 point 5: a doubtful member's toll does not drag the merge.
    #[test]
    fn doubtful_toll_does_not_drag_the_merge() {
        let good = report("good", 40, 40, Some(40));
        let mut odd = report("odd", 3, 3, Some(3));
        odd.flags.push("toll_doubtful".into());
        let mut huge = report("huge", 4000, 4000, Some(4000));
        huge.flags.push("implausible_toll".into());
        assert_eq!(
            merged_toll(&[&good, &odd, &huge], MergePolicy::default()),
            Deaths::new(Some(40), Some(40), Some(40))
        );
        let m = merge(&[&odd, &good], MergePolicy::default(), "m".into());
        assert_eq!(m.deaths.best, Some(40));
        assert_eq!(
            &*m.doc, "good.txt",
            "the evidence comes from the trusted member"
        );
        // all doubtful: they are all there is
        assert_eq!(
            merged_toll(&[&odd], MergePolicy::default()),
            Deaths::new(Some(3), Some(3), Some(3))
        );
    }

    /// Issue 18 item 2: the merged date range never shrinks.
    #[test]
    fn merged_dates_span_the_precise_members() {
        let mut a = report("a", 1, 1, Some(1));
        a.date_start = day("2019-03-23");
        a.date_end = day("2019-03-23");
        a.date_precision = DatePrecision::Day;
        let mut b = report("b", 1, 1, Some(1));
        b.date_start = day("2019-03-23");
        b.date_end = day("2019-03-24");
        b.date_precision = DatePrecision::Day;
        let mut c = report("c", 1, 1, Some(1));
        c.date_start = day("2019-03-01");
        c.date_end = day("2019-03-31");
        c.date_precision = DatePrecision::Month;
        let m = merge(&[&a, &b, &c], MergePolicy::default(), "m".into());
        assert_eq!(
            (m.date_start, m.date_end),
            (day("2019-03-23"), day("2019-03-24"))
        );
        assert_eq!(m.date_precision, DatePrecision::Day);
    }
}
