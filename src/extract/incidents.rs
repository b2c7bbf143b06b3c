//! Finished incidents: restatements dropped, the place, date, toll and
//! review flags of each record.

use super::*;
use crate::model::{EventType, Flag};

/// A record with no toll that only restates an event told with one: a
/// headline or title line ("attack on Toumour"), or an undated mention of a
/// place whose event is counted elsewhere in the article.
pub(super) fn restatement(acc: &Acc, all: &[Acc], doc: &Document) -> bool {
    if !acc.told.deaths.is_empty() || !acc.told.attacker.is_empty() {
        return false;
    }
    let Some(p) = acc.told.places.iter().min_by_key(|p| place_rank(p)) else {
        return false;
    };
    if p.precision != GeoPrecision::Place || p.vague {
        return false;
    }
    let told = all.iter().any(|o| {
        !std::ptr::eq(o, acc)
            && (!o.told.deaths.is_empty() || !o.told.attacker.is_empty())
            && o.told.places.iter().any(|q| same_place(p, q))
    });
    let title = acc.first_sentence.0 < doc.body_offset.saturating_add(300);
    let report_day = acc
        .told
        .date
        .is_some_and(|d| doc.published.is_some_and(|pb| d.0 >= pb));
    told && (title || acc.told.date.is_none() || report_day)
}

/// An event told with no figure, no casualty and no day at all: an
/// aside ("the first time an attack of this size hit the city", "an
/// article about the attack gave the wrong village"), not a report. One
/// dated by a relative day the text could not resolve ("the following
/// day, another strike hit a funeral") stays.
pub(super) fn unanchored(acc: &Acc, doc: &Document) -> bool {
    if !acc.told.deaths.is_empty() || !acc.told.attacker.is_empty() || acc.told.injured.is_some() {
        return false;
    }
    if acc.told.date.is_some() {
        return false;
    }
    let (s, e) = acc.first_sentence;
    let sentence = doc.text.get(s..e).unwrap_or("").to_lowercase();
    !RELATIVE_DAYS.iter().any(|r| sentence.contains(r))
}

/// "Night attack on a settlement in Tillia department: between 12 and 20
/// killed" in a report's highlights, then the body's dated attack on
/// Inkarkaren with 12 dead: an undated figure told only at a unit's level
/// (or none) whose best is a dated event's of the same kind, in a unit that
/// holds the event's place (or an event the gazetteer cannot place), is a
/// summary of it. Its figures join the event's (the same figure once) and
/// the summary goes (true when it was folded). A figure placed nowhere
/// but dated folds the same way into an event of its day.
fn fold_summary(i: usize, accs: &mut [Acc]) -> bool {
    let a = &accs[i];
    // (a figure placed nowhere may carry its day: a correction notice's "the
    // attack took place on Sunday, and local sources have since raised the
    // toll to at least 25" above the story of that Sunday's attack)
    let dated = a.told.date.is_some() && !a.told.places.is_empty();
    if dated
        || a.told
            .places
            .iter()
            .any(|p| p.precision == GeoPrecision::Place)
    {
        return false;
    }
    let Some(d) = reason::decide(&a.told.deaths, &a.told.attacker) else {
        return false;
    };
    let holds = |o: &Acc| {
        let Some(q) = o.told.places.first() else {
            return true;
        };
        let unplaced = q.admin1.is_none() && q.lat.is_none();
        a.told.places.is_empty() || unplaced || a.told.places.iter().any(|p| contains(p, q))
    };
    let same_kind = |j: usize| {
        j != i
            && accs[j].told.date.is_some()
            && match a.told.date {
                None => accs[j].etype == a.etype,
                // (told by the generic word, any kind of its day)
                Some(d) => {
                    accs[j].told.date == Some(d)
                        && (accs[j].etype == a.etype || a.etype.is_none_or(|e| e == "attack"))
                }
            }
    };
    let target = (0..accs.len()).find(|&j| {
        let o = &accs[j];
        same_kind(j)
            && d.best >= 5
            && reason::decide(&o.told.deaths, &o.told.attacker).is_some_and(|x| {
                // (the very same figures need no place check: "an ambush
                // kills sixty-nine in Ouallam department" over the body's
                // ambush near Banibangou)
                x.best == d.best && (holds(o) || (x.low, x.high) == (d.low, d.high))
            })
    });
    // (or the one dated event of its kind the body tells with no figure,
    // located from the summary's unit: "un campement situé quelque 40 km
    // au nord de Tillia" under "dans le département de Tillia : douze
    // morts")
    let untolled: Vec<usize> = (0..accs.len())
        .filter(|&j| same_kind(j))
        .filter(|&j| accs[j].told.deaths.is_empty() && accs[j].told.attacker.is_empty())
        .collect();
    let located = |j: usize| {
        a.told
            .places
            .iter()
            .any(|p| accs[j].told.landmarks.contains(&p.key))
    };
    let target = target.or(match untolled.as_slice() {
        [j] if located(*j) => Some(*j),
        _ => None,
    });
    let Some(j) = target else {
        return false;
    };
    let extra: Vec<Candidate> = accs[i].told.deaths.clone();
    let own = &mut accs[j].told.deaths;
    for c in extra {
        if !own
            .iter()
            .any(|x| (x.low, x.best, x.high) == (c.low, c.best, c.high))
        {
            own.push(c);
        }
    }
    true
}

pub(super) fn finish(doc: &Document, mut accs: Vec<Acc>) -> Vec<Incident> {
    let folded: Vec<bool> = (0..accs.len())
        .map(|i| fold_summary(i, &mut accs))
        .collect();
    let keep: Vec<bool> = accs
        .iter()
        .zip(&folded)
        .map(|(a, &f)| !f && !restatement(a, &accs, doc) && !unanchored(a, doc))
        .collect();
    let mut accs: Vec<Acc> = accs
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect();
    drop_article_totals(&mut accs);
    drop_summaries(&mut accs, &doc.text);
    let stem = Path::new(&doc.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| doc.name.clone());
    // the article's main country, for events it places nowhere more precise
    let main_country = main_country(&accs);
    let mut out = Vec::new();
    for mut acc in accs {
        if acc.told.places.is_empty() {
            if let Some(c) = &main_country {
                acc.told.places.push(country_place(c));
            }
        }
        if acc.told.places.is_empty() && acc.told.date.is_none() {
            continue;
        }
        let n = out.len() + 1;
        let mut inc = Incident::new(format!("{stem}-{n}"), doc.name.clone());
        inc.source = Some("article".into());
        set_place(&mut inc, &acc);
        if let Some((s, e, prec)) = acc.told.date {
            inc.date_start = Some(s);
            inc.date_end = Some(e);
            inc.date_precision = prec;
        }
        fold_state_label(doc, &mut acc);
        set_toll(&mut inc, &acc);
        set_review(&mut inc, &acc);
        inc.injured = acc.told.injured;
        if let Some(o) = acc.told.occasion {
            inc.flags.push(Flag::Occasion(o.into()));
        }
        inc.actor = acc.told.actor;
        inc.event_type = Some(EventType::parse(acc.etype.unwrap_or("attack")));
        let (s, e) = acc.told.evidence.unwrap_or(acc.first_sentence);
        inc.article_mut().evidence = doc.text.get(s..e).map(str::to_string);
        inc.article_mut().span = Some([s, e]);
        inc.article_mut().confidence = Some(confidence(&inc, acc.mentions));
        out.push(inc);
    }
    out
}

/// "The provisional toll is 62 dead" after 32 killed in an attack and 30 in
/// the clashes that followed: a figure of one incident that adds up its own
/// toll and other incidents' of the article is their total (CODEBOOK §2),
/// not a competing figure for it.
fn drop_article_totals(accs: &mut [Acc]) {
    let bests: Vec<Option<u32>> = accs
        .iter()
        .map(|a| reason::decide(&a.told.deaths, &a.told.attacker).map(|d| d.best))
        .collect();
    if bests.iter().flatten().count() < 2 {
        return;
    }
    let all: u32 = bests.iter().flatten().sum();
    for (i, acc) in accs.iter_mut().enumerate() {
        let Some(own) = bests[i] else { continue };
        let is_total = |v: u32| {
            v > own
                && (v == all
                    || bests
                        .iter()
                        .enumerate()
                        .any(|(j, b)| j != i && b.is_some_and(|b| own + b == v)))
        };
        if acc.told.deaths.len() > 1 {
            acc.told.deaths.retain(|c| !is_total(c.best));
        }
    }
}

/// "HIGHLIGHTS - 39 civilians were killed" over "... executed 21 of them
/// in Libiri ... killing 18 civilians in Kokorou" the same day: a figure
/// of its own that is the sum of two or more incidents of its day told in
/// the article is their summary, not another event (CODEBOOK §2).
fn drop_summaries(accs: &mut Vec<Acc>, text: &str) {
    let bests: Vec<Option<u32>> = accs
        .iter()
        .map(|a| reason::decide(&a.told.deaths, &a.told.attacker).map(|d| d.best))
        .collect();
    let same_day = |a: &Acc, b: &Acc| {
        a.told
            .date
            .zip(b.told.date)
            .is_some_and(|(x, y)| dates_overlap((x.0, x.1), (y.0, y.1)))
    };
    // ("15 dead in Boni, six in Dallah, four in Douna and two in Tarkint",
    // "seven were killed in Ségué" before "five in Diallassagou" and "two
    // in Sonfounou": a village's own figure is no total of the others; a
    // commune's may be)
    let village = |a: &Acc| {
        let p = a
            .told
            .places
            .first()
            .filter(|p| p.precision == GeoPrecision::Place && !p.vague)?;
        let sentence = text.get(a.first_sentence.0..a.first_sentence.1)?;
        let before = &sentence[..sentence.find(&p.name)?];
        let area = before
            .trim_end()
            .rsplit(' ')
            .take(3)
            .any(|w| matches!(w.to_lowercase().as_str(), "commune" | "municipality"));
        (!area).then(|| p.name.clone())
    };
    let summary: Vec<bool> = (0..accs.len())
        .map(|i| {
            let Some(total) = bests[i].filter(|_| accs[i].told.deaths.len() == 1) else {
                return false;
            };
            let parts: Vec<u32> = (0..accs.len())
                .filter(|&j| j != i && same_day(&accs[i], &accs[j]))
                .filter_map(|j| bests[j])
                .filter(|&b| b < total)
                .collect();
            let pair = parts
                .iter()
                .enumerate()
                .any(|(x, a)| parts[x + 1..].iter().any(|b| a + b == total));
            if !(pair || (parts.len() >= 2 && parts.iter().sum::<u32>() == total)) {
                return false;
            }
            match village(&accs[i]) {
                Some(own) => {
                    (0..accs.len()).any(|j| j != i && village(&accs[j]).as_deref() == Some(&own))
                }
                None => true,
            }
        })
        .collect();
    let mut k = 0;
    accs.retain(|_| {
        k += 1;
        !summary[k - 1]
    });
}

/// The country most places of the article are in.
fn main_country(accs: &[Acc]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in accs.iter().flat_map(|a| a.told.places.iter()) {
        if let Some(c) = &p.country {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.clone(), 1)),
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c.clone())
}

/// A whole country as the place of an incident placed nowhere else.
pub(super) fn country_place(c: &str) -> PlaceRef {
    let name = crate::names::country_name(c).unwrap_or(c);
    PlaceRef {
        name: name.to_string(),
        key: crate::gazetteer::normalize::normalize(name),
        place_id: None,
        lat: None,
        lon: None,
        admin1: None,
        admin2: None,
        country: Some(c.to_string()),
        precision: GeoPrecision::Country,
        vague: true,
        hinted: false,
        near: false,
    }
}

/// The most specific place, first written, with the admin units and
/// the other places of the same rank named with it.
fn set_place(inc: &mut Incident, acc: &Acc) {
    // primary place: the most specific, first written
    let primary = acc
        .told
        .places
        .iter()
        .enumerate()
        .min_by_key(|(i, p)| (place_rank(p), u8::from(!p.near), *i))
        .map(|(_, p)| p.clone());
    if let Some(p) = &primary {
        inc.place = Some(p.name.clone());
        inc.place_id = p.place_id.clone();
        inc.set_lon_lat(p.lon.zip(p.lat));
        inc.admin1 = p.admin1.clone();
        inc.admin2 = p.admin2.clone();
        inc.country = p.country.clone();
        inc.geo_precision = Some(p.precision);
        // context from the containing units named with it
        for q in &acc.told.places {
            // (a town the event was near holds no unit of it)
            if std::ptr::eq(q, p) || same_place(q, p) || q.near {
                continue;
            }
            match q.precision {
                GeoPrecision::Admin1 if inc.admin1.is_none() && !q.vague => {
                    inc.admin1 = q.admin1.clone().or_else(|| Some(q.name.clone()))
                }
                GeoPrecision::Admin2 if inc.admin2.is_none() => {
                    inc.admin2 = q.admin2.clone().or_else(|| Some(q.name.clone()))
                }
                _ => {}
            }
            if inc.country.is_none() {
                inc.country = q.country.clone();
            }
        }
        let rank = place_rank(p);
        for q in &acc.told.places {
            if same_place(q, p) || place_rank(q) != rank || rank > 0 {
                continue;
            }
            if !inc.article().also_places.contains(&q.name) {
                inc.article_mut().also_places.push(q.name.clone());
            }
        }
    }
}

/// Folds attackers labelled "terrorists" by the state into the dead when
/// every other account counts civilians.
fn fold_state_label(doc: &Document, acc: &mut Acc) {
    // state forces' "terrorists neutralised" where every other account
    // counts civilians: the same dead under the army's label, a
    // competing figure rather than attackers to add ("neutralised 203
    // terrorists ... at least 500 people killed, most of them civilians")
    // (when the text names an armed group as the perpetrator, the
    // terrorists are its fighters and are added, CODEBOOK §3)
    let armed_group = acc.told.actor.as_deref().is_some_and(|a| {
        matches!(
            a,
            "JNIM"
                | "IS Sahel"
                | "jihadists"
                | "gunmen"
                | "militants"
                | "terrorists"
                | "assailants"
                | "attackers"
                | "Ansarul Islam"
                | "Dan Na Ambassagou"
                | "Dozo militia"
        )
    });
    // ("its aircraft killed about thirty jihadists": the jihadists named
    // as the dead are not a perpetrator named)
    let named_as_dead = acc.told.actor.as_deref().is_some_and(|a| {
        let a = a.to_lowercase();
        !acc.told.attacker.is_empty()
            && acc.told.attacker.iter().all(|c| {
                doc.text
                    .get(c.span.0..c.span.1)
                    .is_some_and(|s| s.to_lowercase().contains(&a))
            })
    });
    let armed_group = armed_group && !named_as_dead;
    // ("25 civilians killed; 19 terrorists neutralised": one account that
    // counts both sides counts two groups of dead)
    let both_counted = acc.told.attacker.iter().any(|a| {
        acc.told.deaths.iter().any(|c| {
            let (lo, hi) = if c.span.1 <= a.span.0 {
                (c.span.1, a.span.0)
            } else {
                (a.span.1, c.span.0)
            };
            hi >= lo
                && hi - lo < 200
                && doc
                    .text
                    .get(lo..hi)
                    .is_some_and(|between| !between.contains(". ") && !between.contains("\n\n"))
        })
    });
    let armed_group = armed_group || both_counted;
    if !armed_group
        && acc.told.deaths_group == Some(Group::Civilians)
        && !acc.told.attacker.is_empty()
    {
        let labelled = |c: &Candidate| {
            doc.text.get(c.span.0..c.span.1).is_some_and(|s| {
                let s = s.to_lowercase();
                s.contains("terrorist") || s.contains("jihadist")
            })
        };
        if acc.told.attacker.iter().all(labelled) {
            let mut all = std::mem::take(&mut acc.told.attacker);
            all.append(&mut acc.told.deaths);
            all.sort_by_key(|c| c.span.0);
            acc.told.deaths = all;
        }
    }
}

/// The toll decided from every candidate figure, with its rule and victims.
fn set_toll(inc: &mut Incident, acc: &Acc) {
    if let Some(d) = reason::decide(&acc.told.deaths, &acc.told.attacker) {
        inc.deaths.low = Some(d.low);
        inc.deaths.best = Some(d.best);
        inc.deaths.high = d.high;
        inc.article_mut().toll_rule = Some(d.rule.to_string());
        inc.article_mut().toll_candidates = reason::describe(&acc.told.deaths, &acc.told.attacker);
        if d.competing {
            inc.article_mut()
                .review
                .push(format!("competing_figures: {}", d.rule));
        }
        if d.vague {
            inc.article_mut().review.push("vague_figure".into());
        }
        if acc.told.deaths.is_empty() {
            inc.victims = Some("militants".into());
        } else {
            inc.victims = acc
                .told
                .deaths_group
                .and_then(|g| g.as_str())
                .map(str::to_string);
            if let Some(a) = reason::decide(&[], &acc.told.attacker) {
                inc.flags.push(Flag::AttackersKilled(a.best));
            }
        }
    }
}

/// The analyst's review flags of the date and place.
fn set_review(inc: &mut Incident, acc: &Acc) {
    if acc.told.date.is_some() && acc.told.date_inferred {
        inc.article_mut().review.push("date_inferred".into());
    }
    if acc.told.date.is_none() {
        inc.article_mut().review.push("date_unknown".into());
    }
    if inc.lat().is_none() && inc.geo_precision == Some(GeoPrecision::Place) {
        inc.article_mut().review.push("place_unresolved".into());
    }
}

/// The extractor's own estimate: what the record has.
fn confidence(inc: &Incident, mentions: u32) -> f64 {
    let mut conf: f64 = 0.4;
    if inc.deaths.best.is_some() {
        conf += 0.2;
    }
    if inc.lat().is_some() {
        conf += 0.15;
    }
    if inc.date_start.is_some() {
        conf += 0.1;
    }
    if mentions > 1 {
        conf += 0.05;
    }
    conf.min(0.95)
}
