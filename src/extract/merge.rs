//! Merging a mention into the incidents being assembled.

use super::*;

/// Merges a mention into the incidents or starts a new one; returns the
/// index of a newly created incident.
pub(super) fn absorb(
    mut m: Mention,
    accs: &mut Vec<Acc>,
    last: &mut Option<usize>,
    infobox: bool,
) -> Option<usize> {
    let mut tr = m.trigger.clone().unwrap_or_default();
    // "On Thursday 5 June militants struck the camp again": a day of its
    // own makes "again" another event (not "were then hit again")
    tr.another |= tr.again && m.own_day;
    let has_toll = !m.told.deaths.is_empty() || !m.told.attacker.is_empty();
    // "The army's first statement spoke of 15 killed": a figure about the
    // event just told, not a new event at the paragraph's scene
    let scene_is_last = last.and_then(|l| accs.get(l)).is_some_and(|a| {
        a.told.places.is_empty()
            || m.told
                .places
                .first()
                .is_some_and(|p| a.told.places.iter().any(|q| same_place(p, q)))
    });
    if m.scene_place && m.about_toll && scene_is_last {
        m.told.places.clear();
        m.told.date = None;
        m.told.date_key = None;
    }
    // "... It was the first assault in the Bamako area. Summary: the attack
    // yesterday afternoon left nine dead": a definite reference dated to
    // the day of an event already told is that event, whatever scene the
    // paragraph set
    let same_day_event = m.told.date.is_some_and(|d| {
        d.2 == DatePrecision::Day
            && accs.iter().rev().take(LOOKBACK).any(|a| {
                a.told
                    .date
                    .is_some_and(|x| dates_overlap((x.0, x.1), (d.0, d.1)))
            })
    });
    if m.scene_place && tr.definite && same_day_event {
        m.told.places.clear();
    }
    if country_wide_total(&m, accs, *last) || year_wide_total(&m, &tr) {
        return None;
    }
    split_second_place(&mut m, accs);
    let has_date = m.told.date.is_some();
    // find an incident to merge into
    let target = if tr.another {
        None
    } else if m.told.places.is_empty() {
        unplaced_target(&mut m, accs, *last, &tr, has_toll)
    } else {
        placed_target(&mut m, accs, *last, &tr, has_toll, has_date)
    };
    // (nor, with no place of its own, the event just told)
    let target = target.filter(|&i| !strike_on_armed_men(&m, &tr, &accs[i]));

    if let Some(i) = target {
        merge(&mut accs[i], m);
        *last = Some(i);
        return None;
    }
    if !should_create(&m, &tr, has_toll, infobox) {
        return None;
    }
    place_new(&mut m, accs, *last, &tr, has_toll);
    let mut acc = Acc {
        first_sentence: m.sent,
        ..Acc::default()
    };
    merge(&mut acc, m);
    accs.push(acc);
    *last = Some(accs.len() - 1);
    Some(accs.len() - 1)
}

/// "The attacks have killed about 2,000 people", "more than 1,500 people
/// were killed in Niger" after an event of fifteen dead: a figure at least
/// ten times the last event's toll (and 100 or more), with no day and no
/// place finer than a region, is a statistic of the conflict, not an event
/// nor a figure of the one just told (CODEBOOK section 2).
fn country_wide_total(m: &Mention, accs: &[Acc], last: Option<usize>) -> bool {
    let Some(best) = m.told.deaths.iter().map(|c| c.best).max() else {
        return false;
    };
    let Some(before) = last
        .and_then(|l| accs.get(l))
        .and_then(|a| a.told.deaths.iter().map(|c| c.best).max())
    else {
        return false;
    };
    // (a day of its own, not the paragraph's lent to it)
    let dated = m.told.date.is_some_and(|d| d.2 == DatePrecision::Day) && !m.told.date_inferred;
    // (no place at all counts as coarse here: "the attacks have killed about
    // 2,000 people")
    let coarse = m.told.places.is_empty() || coarse_only(&m.told.places);
    beyond_scale(best, before) && !dated && coarse
}

/// "In 2021, more than 600 civilians were killed in Tillabéri and Tahoua":
/// dead counted over a whole year in a region or a country, with no single
/// event named ("an attack"), are a statistic (CODEBOOK §2).
fn year_wide_total(m: &Mention, tr: &Trigger) -> bool {
    let yearly = m.told.date.is_some_and(|d| d.2 == DatePrecision::Year);
    // (or over several places: "in Tillabéri and Tahoua", towns and
    // regions both)
    let coarse =
        m.told.places.is_empty() || coarse_only(&m.told.places) || m.told.places.len() >= 2;
    let single_event = tr.etype.is_some() && !tr.verb && !tr.plural;
    yearly && coarse && !single_event && !m.told.deaths.is_empty()
}

/// A figure more than ten times a toll (and over 100): a count of the
/// conflict, not of the event that toll is for.
fn beyond_scale(figure: u32, toll: u32) -> bool {
    figure >= 100 && figure > toll.max(1).saturating_mul(10)
}

/// "Bombers struck a camp in Agadez and a plant at Arlit on Thursday. At
/// Agadez, 20 soldiers were killed. At Arlit, a car bomb exploded ...": a
/// sentence opening on the second place of an event whose toll was told
/// apart from the lead that named both starts that place's own event
/// (CODEBOOK §1: places each with its own story are several incidents).
/// The place leaves the first event; the mention keeps its day.
fn split_second_place(m: &mut Mention, accs: &mut [Acc]) {
    if !m.topic_place {
        return;
    }
    let [p] = m.told.places.as_slice() else {
        return;
    };
    let from = accs.len().saturating_sub(LOOKBACK);
    for a in accs[from..].iter_mut().rev() {
        let Some(k) = a.told.places.iter().position(|q| same_place(p, q)) else {
            continue;
        };
        let toll_told_apart = a
            .told
            .evidence
            .is_some_and(|(s, _)| s >= a.first_sentence.1);
        if k > 0
            && toll_told_apart
            && !a.told.deaths.is_empty()
            && !same_place(p, &a.told.places[0])
        {
            a.told.places.remove(k);
            if m.told.date.is_none() {
                m.told.date = a.told.date;
                m.told.date_inferred = a.told.date_inferred;
            }
        }
        return;
    }
}

/// "Fourteen civilians are killed in Kain. ... air strikes in the areas
/// of Kain and Toéni neutralised 146 militants": the army's strikes on the
/// armed men are another event than the massacre they answer.
fn strike_on_armed_men(m: &Mention, tr: &Trigger, a: &Acc) -> bool {
    let strike = |e: Option<&str>| matches!(e, Some("airstrike" | "drone strike" | "bombing"));
    m.told.deaths.is_empty()
        && !m.told.attacker.is_empty()
        && strike(tr.etype)
        && !strike(a.etype)
        && !a.told.deaths.is_empty()
}

/// Does a mention that merged nowhere tell an event of its own? A figure
/// with a place or day does; an event word needs a place, a day or a
/// specific place, and no general or referring wording.
fn should_create(m: &Mention, tr: &Trigger, has_toll: bool, infobox: bool) -> bool {
    let specific_place = m
        .told
        .places
        .iter()
        .any(|p| p.precision != GeoPrecision::Country);
    if has_toll {
        !m.told.places.is_empty() || m.told.date.is_some() || m.demonym.is_some() || tr.another
    } else if infobox {
        !m.told.places.is_empty()
    } else {
        let dated = m.told.date.is_some() || m.told.date_key.is_some();
        let placed = !m.told.places.is_empty()
            || (m.demonym.is_some() && m.told.date.is_some_and(|d| d.2 == DatePrecision::Day));
        let eventful = !tr.plural || dated || tr.took_place;
        let referring = tr.definite && !dated && !tr.took_place;
        (placed || tr.another)
            && eventful
            && !referring
            && !m.general
            && (dated || specific_place || tr.took_place || tr.another)
    }
}

/// The places of a new incident with none of its own: the paragraph's
/// scene for a figure, the last incident's for "another attack", else the
/// country of the troops named.
fn place_new(m: &mut Mention, accs: &[Acc], last: Option<usize>, tr: &Trigger, has_toll: bool) {
    if m.told.places.is_empty() && !tr.another && has_toll {
        if let Some(p) = m.context.take() {
            m.told.places.push(p);
        }
    }
    if m.told.places.is_empty() {
        if tr.another {
            if let Some(l) = last {
                m.told.places = accs[l].told.places.iter().take(3).cloned().collect();
            }
        }
        if m.told.places.is_empty() {
            if let Some((code, _)) = m.demonym {
                m.told.places.push(super::incidents::country_place(code));
            }
        }
    }
}

/// The incident a mention with no place of its own belongs to: the event
/// just told (a restated figure), one of its day, the last of its kind, or
/// the last one when the figure fits.
fn unplaced_target(
    m: &mut Mention,
    accs: &[Acc],
    last: Option<usize>,
    tr: &Trigger,
    has_toll: bool,
) -> Option<usize> {
    let mut target: Option<usize> = None;
    if let (Some(l), true) = (last, m.restates && has_toll) {
        // "The first toll, given on Monday by the army, spoke of
        // 17 killed": the date is the statement's, the figure the
        // event's just told
        target = Some(l);
        m.told.date = None;
        m.told.date_key = None;
    } else if m.told.date.is_some() {
        target = (accs.len().saturating_sub(LOOKBACK)..accs.len())
            .rev()
            .find(|&i| {
                accs[i].told.date.is_some_and(|d| {
                    dates_overlap(
                        (d.0, d.1),
                        m.told.date.map(|x| (x.0, x.1)).unwrap_or((d.0, d.1)),
                    )
                })
            });
        if target.is_none() && !has_toll {
            if let Some(l) = last {
                if accs[l].told.date.is_none()
                    && accs[l].told.date_key.is_none()
                    && date_compatible(m, &accs[l])
                    && tr.definite
                {
                    target = Some(l);
                }
            }
        }
    } else if let Some(l) = last.filter(|&l| has_toll && m.follows && untold_toll(m, &accs[l])) {
        // "Armed men attacked Inkarkaren overnight. The prefecture
        // reported 12 deaths": the figure of the event just told with
        // none, even when a summary above gave the same
        target = Some(l);
    } else if let Some(i) = has_toll.then(|| same_figures_before(m, accs)).flatten() {
        // "Attack. ... three soldiers died and nine assailants were
        // killed" after a background paragraph: the figures the article
        // already gave its main event are that event's
        target = Some(i);
    } else if let Some(l) = same_kind_before(accs, last, tr) {
        // "the strike" after a paragraph on other attacks: the
        // last event of that kind
        target = Some(l);
    } else if let Some(l) = last {
        let dated_ok = date_compatible(m, &accs[l]);
        // a figure with no place or day of its own, right after the
        // event's own sentence (or in a one-event story), is another
        // account of that event's toll
        let follows = m.follows || accs.len() == 1;
        let fits = dated_ok
            && (!has_toll || toll_compatible(m, &accs[l]) || m.restates || m.also || follows);
        if fits || (has_toll && accs[l].told.deaths.is_empty()) {
            target = Some(l);
        }
    }
    target
}

/// An incident told with no figure yet, on a day the mention allows.
fn untold_toll(m: &Mention, a: &Acc) -> bool {
    a.told.deaths.is_empty() && a.told.attacker.is_empty() && date_compatible(m, a)
}

/// The latest incident told with the very figures of the mention (every
/// victims' and attackers' figure among its own), other than the last
/// one when that one has no figure to compare.
fn same_figures_before(m: &Mention, accs: &[Acc]) -> Option<usize> {
    let within = |mine: &[Candidate], theirs: &[Candidate]| {
        mine.iter().all(|c| theirs.iter().any(|d| d.best == c.best))
    };
    let total = |v: &[Candidate], a: &[Candidate]| reason::decide(v, a).map(|d| d.best);
    let mine = total(&m.told.deaths, &m.told.attacker);
    (accs.len().saturating_sub(LOOKBACK)..accs.len())
        .rev()
        .find(|&i| {
            let a = &accs[i];
            !a.told.deaths.is_empty()
                && !m.told.deaths.is_empty()
                && ((within(&m.told.deaths, &a.told.deaths)
                    && within(&m.told.attacker, &a.told.attacker))
                    || (mine.is_some() && mine == total(&a.told.deaths, &a.told.attacker)))
        })
}

/// The incident a placed mention belongs to: the same place (or one
/// containing it) on a compatible day; else, for a reference with no
/// figure, the last event.
fn placed_target(
    m: &mut Mention,
    accs: &[Acc],
    last: Option<usize>,
    tr: &Trigger,
    has_toll: bool,
    has_date: bool,
) -> Option<usize> {
    let mut target: Option<usize> = None;
    for i in (accs.len().saturating_sub(LOOKBACK)..accs.len()).rev() {
        let a = &accs[i];
        // "the Government put the toll at 39": a figure for the
        // event just told at that place, whatever day it was said
        // (not a figure dated to another day of its own: "On 9 December,
        // ... were ambushed close to X; first reports spoke of a dozen")
        let other_day =
            m.told.date.is_some_and(|d| d.2 == DatePrecision::Day) && !date_compatible(m, a);
        if m.restates
            && !other_day
            && i + 1 == accs.len()
            && (!a.told.deaths.is_empty() || !a.told.attacker.is_empty())
            && place_match(m, a) == PlaceMatch::Same
        {
            target = Some(i);
            m.told.date = None;
            m.told.date_key = None;
            break;
        }
        if !date_compatible(m, a) || another_tolled_day(m, a) {
            continue;
        }
        if strike_on_armed_men(m, tr, a) {
            continue;
        }
        // "At around 12:00 ... attacked Dambam ... At approximately 16:00,
        // the unit was engaged near Tokabangou": hours apart, another event
        if m.told
            .clock
            .zip(a.told.clock)
            .is_some_and(|(x, y)| x.abs_diff(y) >= 120)
        {
            continue;
        }
        if next_day_other_kind(m, tr, a, has_toll) {
            continue;
        }
        // "the shells on the airport of Gao fell without casualties" is not
        // the strike on a village of the Gao region that killed fourteen
        let pm = place_match(m, a);
        if pm != PlaceMatch::Same && none_and_some_dead(m, a) {
            continue;
        }
        match pm {
            PlaceMatch::Same => {
                target = Some(i);
                break;
            }
            PlaceMatch::Contained => {
                let key_conflict = m.told.date_key.is_some()
                    && a.told.date_key.is_some()
                    && m.told.date_key != a.told.date_key;
                if (toll_compatible(m, a) || (m.also && i + 1 == accs.len())) && !key_conflict {
                    target = Some(i);
                    break;
                }
            }
            // (placed at the town the event was located from)
            PlaceMatch::None if located_from(m, a) => {
                target = Some(i);
                break;
            }
            PlaceMatch::None => {}
        }
    }
    target.or_else(|| fallback_target(m, accs, last, tr, has_toll, has_date))
}

/// Where a placed mention that met no incident of its place goes: a
/// quarter to its town's event, a definite reference to the last event, a
/// village to the event only its region placed.
fn fallback_target(
    m: &Mention,
    accs: &[Acc],
    last: Option<usize>,
    tr: &Trigger,
    has_toll: bool,
    has_date: bool,
) -> Option<usize> {
    let mut target: Option<usize> = None;
    // "The attack took place in the Sosso Koira neighbourhood": a quarter
    // of the town of the event just told, with no day of its own
    // (a day taken from the paragraph is none of its own)
    let own_date = has_date && !m.told.date_inferred;
    if target.is_none() && m.quarter && !own_date && m.told.date_key.is_none() {
        target = last.filter(|&l| {
            accs[l]
                .told
                .places
                .iter()
                .any(|p| p.precision == GeoPrecision::Place && !p.vague)
        });
    }
    // a definite reference with no place of its own is the last event
    if target.is_none() && !has_toll && tr.definite && !has_date {
        if let Some(l) = last {
            if place_match(m, &accs[l]) != PlaceMatch::None {
                target = Some(l);
            }
        }
    }
    if target.is_none() && !has_toll && !has_date && m.told.date_key.is_none() {
        target = unlocated_village_of(m, accs, last);
    }
    if target.is_none() && !has_toll {
        target = village_of_the_days_event(m, accs, last);
    }
    // "49 civilians were killed in two attacks. The first hit a
    // boat near X": the places of the toll just told, with no place
    if target.is_none() && !has_toll && !has_date && m.told.date_key.is_none() {
        if let Some(l) = last {
            if accs[l].told.places.is_empty() && !accs[l].told.deaths.is_empty() {
                target = Some(l);
            }
        }
    }
    target
}

/// One side told with no dead at all, the other with dead.
fn none_and_some_dead(m: &Mention, a: &Acc) -> bool {
    let zero = |c: &[Candidate]| !c.is_empty() && c.iter().all(|x| x.high == Some(0));
    let some = |c: &[Candidate]| c.iter().any(|x| x.low >= 1);
    (zero(&m.told.deaths) && some(&a.told.deaths)) || (some(&m.told.deaths) && zero(&a.told.deaths))
}

/// "On Sunday gunmen killed 25 farmers at Boni. ... On Monday a bomb went
/// off in Boni, killing three mourners": a blast (or a strike) on the next
/// day, with a figure of its own, is another event than a raid of another
/// kind (the day of slack is for a night told either side of midnight).
fn next_day_other_kind(m: &Mention, tr: &Trigger, a: &Acc, has_toll: bool) -> bool {
    let one_day = |d: Option<(NaiveDate, NaiveDate, DatePrecision)>| {
        d.filter(|d| d.2 == DatePrecision::Day && d.0 == d.1)
            .map(|d| d.0)
    };
    let (Some(x), Some(y)) = (one_day(m.told.date), one_day(a.told.date)) else {
        return false;
    };
    let remote = |e: &str| {
        matches!(
            e,
            "IED" | "drone strike" | "airstrike" | "strike" | "bombing"
        )
    };
    let kinds_apart = match (tr.etype, a.etype) {
        (Some(e), Some(f)) => e != f && remote(e) != remote(f),
        _ => false,
    };
    has_toll && x != y && kinds_apart && !a.told.deaths.is_empty()
}

/// "Sunday's strikes on Tinzaouaten killed 21 civilians ... From 25 to 27
/// July, rebels had routed an army column there; dozens of soldiers were
/// killed": another group's toll on days told is another event than an
/// undated one at the same place with a figure of its own.
fn another_tolled_day(m: &Mention, a: &Acc) -> bool {
    let days = m.told.date.is_some_and(|d| d.2 == DatePrecision::Day);
    let named = |g: Option<Group>| g.is_some_and(|g| g != Group::Unknown);
    let other_group = named(m.told.deaths_group)
        && named(a.told.deaths_group)
        && m.told.deaths_group != a.told.deaths_group;
    // (or another day told: "On Thursday 5 December, gunmen killed 21
    // passengers ... On Friday 6 December, a soldier was killed by a mine")
    let other_day = a.told.date.is_none_or(|d| {
        d.2 == DatePrecision::Day && m.told.date.is_some_and(|x| x.0 != d.0 && x.1 != d.1)
    });
    days && other_day
        && other_group
        && m.told
            .deaths
            .first()
            .zip(a.told.deaths.first())
            .is_some_and(|(x, y)| x.best != y.best)
}

/// "a coach struck a mine at Dallah, 32 km east of Douentza ... The first
/// figure, given by the coach station in Douentza, was eight dead; the
/// count was raised to 18": whether the mention is placed at a town the
/// incident was located
/// from (its landmark), on the day told (or none), with a figure the
/// incident has or a figure told as such.
fn located_from(m: &Mention, a: &Acc) -> bool {
    let day = |d: Option<DaySpan>| d.is_some_and(|d| d.2 == DatePrecision::Day);
    // (or a figure told as such: "the first figure was eight dead")
    let shared = m.about_toll
        || m.restates
        || m.told
            .deaths
            .iter()
            .any(|c| a.told.deaths.iter().any(|d| d.best == c.best));
    (m.told.date.is_none() || day(m.told.date))
        && day(a.told.date)
        && shared
        && m.told
            .places
            .first()
            .is_some_and(|p| a.told.landmarks.contains(&p.key))
}

/// "Twelve soldiers were killed in Niger's far south-east. The Blabrine
/// post came under fire at 3 am": a village the gazetteer does not know,
/// told with no figure and no day of its own (the caller checks), after an
/// event placed only by its country or region, is where that event was.
fn unlocated_village_of(m: &Mention, accs: &[Acc], last: Option<usize>) -> Option<usize> {
    let coarse = |a: &Acc| coarse_only(&a.told.places);
    // (with the region it lies in, if the sentence names it: "near the
    // village of Fonéko, in the Tillabéri region")
    let village = |p: &PlaceRef| p.lat.is_none() && p.precision == GeoPrecision::Place && !p.near;
    let unlocated = m.told.places.iter().any(village)
        && m.told.places.iter().all(|p| {
            village(p) || matches!(p.precision, GeoPrecision::Admin1 | GeoPrecision::Country)
        });
    last.filter(|&l| unlocated && coarse(&accs[l]))
}

/// "Six gendarmes died in Sunday's ambush in the east of the country. ...
/// Gunmen then opened fire on the column between Sakoani and Matiacoali"
/// (on Sunday): a village told with no figure, on the very day of the last
/// event, which only a country or a region placed, is where it happened.
fn village_of_the_days_event(m: &Mention, accs: &[Acc], last: Option<usize>) -> Option<usize> {
    // (its own day, or none: "Gunmen then opened fire on the column")
    let day = match m.told.date {
        None if m.trigger.is_some() => None,
        Some(d) if d.2 == DatePrecision::Day && d.0 == d.1 => Some(d),
        _ => return None,
    };
    let village = m
        .told
        .places
        .iter()
        .any(|p| p.precision == GeoPrecision::Place && !p.vague);
    last.filter(|&l| {
        let a = &accs[l];
        village
            && (a.told.places.is_empty() || coarse_only(&a.told.places))
            && !a.told.deaths.is_empty()
            && a.told.date.is_some_and(|d| d.2 == DatePrecision::Day)
            && day.is_none_or(|d| a.told.date == Some(d))
    })
}

/// The mention's figure when it counts another group's dead than the one
/// figure the incident has so far (civilians after soldiers, or the
/// reverse), told apart with no date of its own: a part of the same toll,
/// not a competing figure (CODEBOOK section 3, sums of parts).
pub(super) fn other_group_part(acc: &Acc, m: &Mention) -> Option<Candidate> {
    let specific = |g: Option<Group>| matches!(g, Some(Group::Civilians | Group::Security));
    // "Four civilians were also killed": said to add to the toll (not to
    // a figure the text has refuted)
    let also = m.also
        && !acc.told.deaths.is_empty()
        && m.told.deaths.len() == 1
        && acc.told.deaths.iter().all(|c| c.stance != Stance::Early);
    // a list of its own ("28 gendarmes and four civilians") or a figure
    // told as an update is a whole toll, not a part
    let single = m.told.deaths.first().is_some_and(|c| c.parts == [0; 4]) && !m.claim;
    let plain = m
        .told
        .deaths
        .first()
        .is_some_and(|c| c.stance == Stance::Plain);
    // "more than 1,500 people were killed in Niger in the year" after
    // "fifteen soldiers": a figure ten times the toll is no part of it
    let so_far = acc.told.deaths.iter().map(|c| c.best).max().unwrap_or(0);
    let in_scale = m
        .told
        .deaths
        .first()
        .is_some_and(|c| !beyond_scale(c.best, so_far));
    (in_scale
        && (also
            || (acc.told.deaths.len() == 1
            // (not when the toll already listed its victims: "five people:
            // three Malians, a French national and a Belgian. ... a Malian
            // police officer was killed" tells one of the five)
            && acc.told.deaths[0].parts == [0; 4]
            && m.told.deaths.len() == 1
            && m.told.date.is_none()
            // (told right after the event, in its paragraph or the next:
            // not "more than sixty of its members have died in hostile
            // acts" paragraphs later)
            && (m.follows || m.para <= acc.last_para + 1)
            && specific(acc.told.deaths_group)
            && specific(m.told.deaths_group)
            && acc.told.deaths_group != m.told.deaths_group
            && acc.told.deaths[0].stance == m.told.deaths[0].stance
            && single
            && plain)))
        .then(|| m.told.deaths[0])
}

/// A lone victim told in a later sentence, after a toll of several that
/// already counts the dead (and not said to add to it, nor presented as
/// an account of the toll): a detail about one of them, not a figure.
fn one_of_the_dead(acc: &Acc, m: &Mention) -> bool {
    let [c] = m.told.deaths.as_slice() else {
        return false;
    };
    c.best == 1
        && c.high == Some(1)
        && c.stance == Stance::Plain
        && !m.also
        && !m.about_toll
        && !m.claim
        && acc.told.deaths.len() == 1
        && acc.told.deaths[0].low >= 3
        && acc.told.deaths[0].stance != Stance::Early
        // ("twelve soldiers fallen; civilian population: one person
        // killed": another group's dead, not one of the twelve)
        // (a police officer after "five people" may be one of the five:
        // "three Malians, a French national and a Belgian ... a police
        // officer was killed")
        && !(acc.told.deaths[0].parts == [0; 4]
            && acc.told.deaths_group == Some(Group::Security)
            && m.told.deaths_group == Some(Group::Civilians))
}

/// "killing a Chadian peacekeeper and two children ... the deaths of the
/// two children were confirmed around midday": a later figure that is one
/// of the parts the toll already listed tells of that part, not the toll.
fn a_listed_part(acc: &Acc, m: &Mention) -> bool {
    let ([c], [t]) = (m.told.deaths.as_slice(), acc.told.deaths.as_slice()) else {
        return false;
    };
    let listed = t.parts.iter().filter(|&&p| p > 0).count() >= 2;
    listed && !m.also && c.best < t.best && c.high == Some(c.best) && t.parts.contains(&c.best)
}

pub(super) fn merge(acc: &mut Acc, m: Mention) {
    let part = other_group_part(acc, &m);
    let detail = one_of_the_dead(acc, &m) || a_listed_part(acc, &m);
    acc.mentions += 1;
    acc.last_para = m.para;
    acc.told.clock = acc.told.clock.or(m.told.clock);
    merge_places(&mut acc.told.places, m.told.places);
    for k in m.told.landmarks {
        if !acc.told.landmarks.contains(&k) {
            acc.told.landmarks.push(k);
        }
    }
    // a dated toll beats the date of a headline or title line told
    // before it with no figure
    let untolled = acc.told.deaths.is_empty() && acc.told.attacker.is_empty();
    if acc.told.date.is_none()
        || (untolled
            && m.told.date.is_some()
            && (!m.told.deaths.is_empty() || !m.told.attacker.is_empty()))
    {
        if m.told.date.is_some() {
            acc.told.date_inferred = m.told.date_inferred;
        }
        acc.told.date = m.told.date.or(acc.told.date);
    }
    // "Two attacks in February ... On 4 February, gunmen overran Bani": a
    // day inside the month told first refines it
    if let (Some(a), Some(d)) = (acc.told.date, m.told.date) {
        let finer = |p: DatePrecision| match p {
            DatePrecision::Day => 0,
            DatePrecision::Week => 1,
            DatePrecision::Month => 2,
            _ => 3,
        };
        if finer(d.2) < finer(a.2) && a.2 != DatePrecision::Day && a.0 <= d.0 && d.1 <= a.1 {
            acc.told.date = Some(d);
            acc.told.date_inferred = m.told.date_inferred;
        }
    }
    if acc.told.date_key.is_none() {
        acc.told.date_key = m.told.date_key;
    }
    if !m.told.deaths.is_empty() {
        if acc.told.deaths.is_empty() || acc.told.evidence.is_none() {
            acc.told.evidence = m.told.evidence.or(acc.told.evidence);
        }
        if detail {
            // "killing five people ... Police said a police officer was
            // killed by a grenade": one of the five, told apart
        } else if let Some(d) = part {
            // "17 soldiers killed ... 4 civilians killed": parts of one toll
            let k = if m.also { acc.told.deaths.len() - 1 } else { 0 };
            let c = &mut acc.told.deaths[k];
            c.low = c.low.saturating_add(d.low);
            c.best = c.best.saturating_add(d.best);
            c.high = c.high.zip(d.high).map(|(x, y)| x.saturating_add(y));
            c.span = (c.span.0.min(d.span.0), c.span.1.max(d.span.1));
            acc.told.deaths_group = Some(Group::Unknown);
        } else {
            acc.told.deaths.extend(m.told.deaths);
        }
        if acc.told.deaths_group.is_none() {
            acc.told.deaths_group = m.told.deaths_group;
        }
    }
    if !m.told.attacker.is_empty() {
        if acc.told.evidence.is_none() {
            acc.told.evidence = m.told.evidence;
        }
        acc.told.attacker.extend(m.told.attacker);
    }
    if acc.told.injured.is_none() {
        acc.told.injured = m.told.injured;
    }
    if acc.told.occasion.is_none() {
        acc.told.occasion = m.told.occasion;
    }
    if let Some(tr) = &m.trigger {
        if acc.etype.is_none()
            || (acc.etype == Some("attack") && tr.etype.is_some_and(|e| e != "attack"))
        {
            acc.etype = tr.etype.or(acc.etype);
        }
    }
    let generic = |a: &Option<String>| {
        a.as_deref()
            .is_some_and(|s| matches!(s, "jihadists" | "gunmen" | "militants"))
    };
    if acc.told.actor.is_none()
        || (generic(&acc.told.actor) && m.told.actor.is_some() && !generic(&m.told.actor))
    {
        acc.told.actor = m.told.actor.or(acc.told.actor.take());
    }
}

/// Adds a mention's places to an incident's: a place already there keeps
/// its first written form and takes a better resolution.
fn merge_places(places: &mut Vec<PlaceRef>, new: Vec<PlaceRef>) {
    for p in new {
        if let Some(existing) = places.iter_mut().find(|q| same_place(q, &p)) {
            // a resolution with coordinates, or made with admin context, beats
            // one without; the first written form stays
            let better =
                (existing.lat.is_none() && p.lat.is_some() && existing.precision >= p.precision)
                    || (p.hinted
                        && !existing.hinted
                        && p.lat.is_some()
                        && p.precision == existing.precision);
            if better {
                let name = existing.name.clone();
                *existing = p;
                existing.name = name;
            }
        } else if places.len() < MAX_PLACES {
            places.push(p);
        }
    }
}
