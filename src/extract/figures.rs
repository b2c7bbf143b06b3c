//! A sentence's figures: the victims' and the attackers' dead (the parts of
//! a list summed, competing figures kept apart), the other places' own
//! figures, a further event's, the injured.

use super::*;
use numbers::Quantity;
use places::PlaceMention;
use tolls::Toll;

/// A figure and its byte span.
pub(super) type Figure = (Quantity, (usize, usize));

/// A figure given for another place of the same sentence: an incident of
/// its own ("24 people were killed in Yoro and 17 in Gangafani").
pub(super) type SplitToll = (Quantity, (usize, usize), PlaceRef);

/// The figures of one sentence, side by side.
#[derive(Default)]
pub(super) struct TollReading {
    pub(super) victims: Vec<Candidate>,
    pub(super) group: Option<Group>,
    pub(super) attackers: Vec<Candidate>,
    pub(super) evidence: Option<(usize, usize)>,
    /// Figures of a further event told in the same sentence.
    pub(super) more: Vec<Figure>,
    pub(super) split: Vec<SplitToll>,
    pub(super) injured: Option<u32>,
    /// The token spans (first, next) of the victims' death figures, for
    /// an "also" said of them.
    pub(super) victim_tolls: Vec<(usize, usize)>,
}

/// Byte span of a toll.
fn toll_span(toks: &[Token], tl: &Toll) -> (usize, usize) {
    (
        toks[tl.first].start,
        toks[(tl.next - 1).min(toks.len() - 1)].end,
    )
}

/// The sentence's figures: the victims' and the attackers' (parts of a
/// list summed), the other places' own figures, a further event's.
pub(super) fn read_tolls(
    toks: &[Token],
    all_tolls: &[Toll],
    found: &[PlaceMention],
    day_dated: bool,
) -> TollReading {
    // "four more worshippers died" is the sentence's own toll when it
    // gives no other; beside another figure it is a further event
    let only_more = !all_tolls
        .iter()
        .any(|tl| !tl.subset && tl.kind == TollKind::Deaths && !tl.more);
    let deaths: Vec<&Toll> = all_tolls
        .iter()
        .filter(|tl| !tl.subset && tl.kind == TollKind::Deaths && (!tl.more || only_more))
        .collect();
    // "24 people were killed in Yoro and 17 in Gangafani": several
    // places each with its own figure are several incidents (CODEBOOK §1)
    let own_place: Vec<Option<usize>> = deaths
        .iter()
        .map(|tl| {
            found.iter().position(|p| {
                // ("and two others in the neighbouring village of X")
                let village_of = p.first >= 2
                    && toks[p.first - 1].lw() == "of"
                    && super::words::settlement_noun(toks[p.first - 2].lw())
                    && p.first <= tl.next + 6
                    && toks.get(tl.next).is_some_and(|x| x.lw() == "in");
                p.role == Role::Event
                    && p.first >= tl.next
                    && p.first >= 1
                    && ((p.first <= tl.next + 2
                        && matches!(toks[p.first - 1].lw(), "in" | "at" | "near"))
                        || village_of)
            })
        })
        .collect();
    let mut located: Vec<usize> = own_place.iter().flatten().copied().collect();
    located.sort_unstable();
    located.dedup();
    let split_places = located.len() >= 2 && own_place.iter().all(Option::is_some);
    let first_place = own_place.first().copied().flatten();
    let mut r = TollReading {
        victim_tolls: deaths
            .iter()
            .filter(|tl| tl.group != Group::Militants)
            .map(|tl| (tl.first, tl.next))
            .collect(),
        ..TollReading::default()
    };
    // the end of the last figure of each side, to join lists
    let mut last_end: [Option<usize>; 2] = [None, None];
    for (n, tl) in deaths.iter().enumerate() {
        let span = toll_span(toks, tl);
        if split_places && n > 0 && own_place[n] != first_place {
            if let Some(p) = own_place[n].and_then(|k| found.get(k)) {
                r.split.push((tl.q, span, p.place.clone()));
            }
            continue;
        }
        r.add_death(toks, &deaths, n, &mut last_end, day_dated);
    }
    r.attackers_included(toks);
    for tl in all_tolls {
        if tl.subset {
            continue;
        }
        match tl.kind {
            // "the remains of 13 more soldiers were found": bodies found
            // later add to the event's toll, which the text restates
            TollKind::Deaths if tl.more && !only_more && !remains_found(toks, tl) => {
                r.more.push((tl.q, toll_span(toks, tl)))
            }
            TollKind::Injured if r.injured.is_none() => {
                r.injured = Some(tl.q.best);
            }
            _ => {}
        }
    }
    r
}

/// A verb of its own before the count (not the person named before it:
/// "a woman and her three children died").
fn own_verb(toks: &[Token], tl: &Toll) -> bool {
    tl.first < tl.q.first && !matches!(toks[tl.first].lw(), "a" | "an" | "the" | "one")
}

/// "... killed a peacekeeper, and gunmen who attacked an office killed two
/// guards": a second verb after a second event word tells a further event
/// (not the person named before the count, "a woman and her three children
/// died"; not an account of the toll, "..., revising an earlier toll of
/// three"; nor bodies found, "died in Sunday's ambush, after search teams
/// found the bodies of two officers"). `last_end`: where the side's last
/// figure ended.
fn further_event(toks: &[Token], tl: &Toll, stance: Stance, last_end: Option<usize>) -> bool {
    // "... and the clashes that followed left another 30 dead"
    let another = tl.q.first > 0 && matches!(toks[tl.q.first - 1].lw(), "another" | "further");
    let account = matches!(stance, Stance::Early | Stance::Revised | Stance::Final);
    (own_verb(toks, tl) || another)
        && !account
        && !remains_found(toks, tl)
        && last_end.is_some_and(|e| {
            (e..tl.first).any(|k| {
                event_word(toks[k].lw()).is_some_and(|x| !x.2 || x.0 != "attack")
                    || toks[k].lw() == "attacked"
            })
        })
}

impl TollReading {
    /// "Six gendarmes died ..., after search teams found the bodies of two
    /// officers": fewer bodies found than the dead just counted are some of
    /// them.
    fn fewer_bodies(&self, toks: &[Token], tl: &Toll, attacker_side: bool) -> bool {
        let list = if attacker_side {
            &self.attackers
        } else {
            &self.victims
        };
        remains_found(toks, tl) && list.last().is_some_and(|o| tl.q.best < o.low)
    }

    /// The parts a figure is broken into ("five people: three Malians, a
    /// French national and a Belgian"), kept on the figure before them.
    fn note_breakdown(&mut self, attacker_side: bool, tl: &Toll) {
        let list = if attacker_side {
            &mut self.attackers
        } else {
            &mut self.victims
        };
        if let Some(o) = list.last_mut() {
            let told: &[u32] = if tl.parts == [0; 4] {
                std::slice::from_ref(&tl.q.best)
            } else {
                &tl.parts
            };
            for &v in told.iter().filter(|v| **v > 0) {
                if let Some(slot) = o.parts.iter_mut().find(|p| **p == 0) {
                    *slot = v;
                }
            }
        }
    }

    /// Adds death figure `n` to its side, joined to the figure before it
    /// when the text lists parts ("35 civilians and seven soldiers").
    fn add_death(
        &mut self,
        toks: &[Token],
        deaths: &[&Toll],
        n: usize,
        last_end: &mut [Option<usize>; 2],
        day_dated: bool,
    ) {
        let tl = deaths[n];
        let span = toll_span(toks, tl);
        let prev_end = if n > 0 { deaths[n - 1].next } else { 0 };
        let next_start = deaths.get(n + 1).map(|x| x.first).unwrap_or(toks.len());
        // "we found no source for a toll above 100": a figure denied
        if reason::denied(toks, prev_end, tl.first) {
            return;
        }
        let stance = reason::stance_at(toks, prev_end, tl.q.first, tl.next, next_start);
        let attacker_side = tl.group == Group::Militants;
        let side = usize::from(attacker_side);
        let c = Candidate {
            low: tl.q.low,
            best: tl.q.best,
            high: tl.q.high,
            stance,
            vague: tl.q.vague,
            span,
            parts: tl.parts,
        };
        let further = further_event(toks, tl, stance, last_end[side]);
        if further {
            self.more.push((tl.q, span));
            return;
        }
        if last_end[side].is_some() && self.fewer_bodies(toks, tl, attacker_side) {
            return;
        }
        // "put the toll at 34 dead - ten killed by bullets, four by
        // drowning": the parts of a figure already counted
        // (kept as its parts: "five people: three Malians, a French
        // national and a Belgian" has listed its victims)
        if last_end[side].is_some_and(|e| reason::breakdown(toks, e, tl.first)) {
            self.note_breakdown(attacker_side, tl);
            return;
        }
        // "..., bringing the toll this year to 300": a running total
        let lo = tl.first.saturating_sub(6);
        let hi = (tl.next + 4).min(toks.len());
        if day_dated && tolls::is_aggregate(&toks[lo..hi]) {
            return;
        }
        // "several assailants were killed, it did not say how many": the
        // attackers' dead with no number are left out (CODEBOOK §3)
        if attacker_side && c.vague && c.best < 10 {
            return;
        }
        // (a count with a verb of its own before it is not a listed part)
        let join =
            !own_verb(toks, tl) && last_end[side].is_some_and(|e| reason::joins(toks, e, tl.first));
        let list = if attacker_side {
            &mut self.attackers
        } else {
            &mut self.victims
        };
        join_or_push(list, c, join, attacker_side);
        last_end[side] = Some(tl.next);
        if !attacker_side {
            self.group = match self.group {
                None => Some(tl.group),
                Some(g) if g == tl.group || tl.group == Group::Unknown => Some(g),
                Some(Group::Unknown) => Some(tl.group),
                Some(_) => Some(Group::Unknown),
            };
        }
        self.evidence = Some(match self.evidence {
            None => span,
            Some((a, b)) => (a.min(span.0), b.max(span.1)),
        });
    }
}

impl TollReading {
    /// "21 dead in all, including the two attackers": the figure already
    /// counts the attackers; they move to their own side so that they are
    /// added once (CODEBOOK §3)
    fn attackers_included(&mut self, toks: &[Token]) {
        for k in 0..toks.len() {
            if !matches!(toks[k].lw(), "including" | "among" | "counting") {
                continue;
            }
            let skip = matches!(toks.get(k + 1).map(|x| x.lw()), Some("the" | "them"));
            let at = k + 1 + usize::from(skip);
            let Some(q) = numbers::quantity_at(toks, at, false) else {
                continue;
            };
            if !toks
                .get(q.next)
                .is_some_and(|x| tolls::is_militant_word(x.lw()))
            {
                continue;
            }
            let start = toks[k].start;
            let Some(c) = self.victims.iter_mut().rev().find(|c| c.span.1 <= start) else {
                continue;
            };
            if c.best <= q.best {
                continue;
            }
            c.low = c.low.saturating_sub(q.best);
            c.best -= q.best;
            c.high = c.high.map(|h| h.saturating_sub(q.best));
            let span = (toks[at].start, toks[q.next].end);
            self.attackers.push(Candidate {
                stance: c.stance,
                ..Candidate::plain(&q, span)
            });
        }
    }
}

/// A figure listed after another of its side is added to it (a part of
/// the same toll); otherwise it competes with it.
fn join_or_push(list: &mut Vec<Candidate>, c: Candidate, join: bool, attacker_side: bool) {
    match list.last_mut() {
        Some(o) if join && c.stance == Stance::Plain && o.stance == Stance::Plain => {
            // (the same figure again is a repetition, unless it lists its
            // own people: "four villagers ...; a woman and her three
            // children")
            if (o.low, o.best, o.high) != (c.low, c.best, c.high)
                || attacker_side
                || c.parts != [0; 4]
            {
                if o.parts == [0; 4] {
                    o.parts[0] = o.best;
                }
                if let Some(slot) = o.parts.iter_mut().find(|p| **p == 0) {
                    *slot = c.best;
                }
                o.low = o.low.saturating_add(c.low);
                o.best = o.best.saturating_add(c.best);
                o.high = o.high.zip(c.high).map(|(a, b)| a.saturating_add(b));
                o.vague |= c.vague;
            }
            o.span = (o.span.0.min(c.span.0), o.span.1.max(c.span.1));
        }
        _ => list.push(c),
    }
}

/// What the sentence says of its figures: "also" (a further part), the
/// toll as such, a restatement. `victim_tolls` are the token spans of the
/// victims' death figures.
pub(super) fn toll_flags(m: &mut Mention, toks: &[Token], victim_tolls: &[(usize, usize)]) {
    // "Four civilians were also killed": said of the death figure, not
    // of a wounded count later in the sentence
    let near_death = |k: usize| {
        victim_tolls
            .iter()
            .any(|&(first, next)| k + 8 >= first && k <= next + 4)
    };
    // one pass over the words
    let (mut also, mut toll, mut about, mut claim) = (false, false, false, false);
    let (mut burial, mut grave) = (false, false);
    let mut prev = "";
    for (k, x) in toks.iter().enumerate() {
        let w = x.lw();
        match w {
            "also" | "besides" => also |= near_death(k),
            "claims" | "claimed" | "claiming" | "revendique" => claim |= near_death(k),
            "toll" | "tolls" => toll = true,
            "buries" | "bury" | "inhume" | "inhument" | "inhumés" | "inhumées" | "enterre"
            | "enterrent" | "enterrés" | "enterrées" => burial = true,
            "buried" | "reburied" => burial |= super::words::burial_at(toks, k),
            "grave" | "graves" | "fosse" | "charnier" | "found" | "discovered" | "découverts" => {
                grave = true
            }
            "figure" | "figures" | "count" | "statement" | "communique" => about = true,
            _ => {}
        }
        // ("as well as four soldiers": more dead; not "twenty dead, as well
        // as wounded and missing people" after the figure)
        if matches!((prev, w), ("as", "well") | ("in", "addition")) {
            also |= victim_tolls
                .iter()
                .any(|&(first, _)| k + 8 >= first && k < first);
        }
        prev = w;
    }
    let figures = || m.told.deaths.iter().chain(m.told.attacker.iter());
    let about_toll =
        toll || about || figures().any(|c| matches!(c.stance, Stance::Early | Stance::Final));
    let restates = toll || figures().any(|c| c.stance != Stance::Plain);
    // "January 30 - Gao buries four protesters": the dead of an event told
    // before, on the day of their burial (not a grave found: an event of
    // its own)
    // (and not "buried the twelve soldiers killed last week": the day of
    // the killing told with it)
    let burial = burial
        && !grave
        && !toks
            .iter()
            .any(|x| x.lw() != "buried" && super::tolls::death_right(x.lw()));
    if burial {
        m.told.date = None;
        m.told.date_key = None;
    }
    let restates = restates || burial;
    // ("had also died, which would raise the toll to ten": the new total,
    // not a further part)
    m.also = also && !(0..toks.len()).any(|i| super::tolls::raised_total(toks, i));
    m.claim = claim;
    m.about_toll = about_toll;
    m.restates = restates;
}

/// "the remains of 13 more soldiers", "13 more bodies were found": a
/// figure of bodies recovered, not of a further killing.
fn remains_found(toks: &[Token], tl: &Toll) -> bool {
    let from = tl.first.min(tl.q.first).saturating_sub(3);
    let to = (tl.next + 3).min(toks.len());
    toks[from..to].iter().any(|x| {
        matches!(
            x.lw(),
            "remains" | "bodies" | "corpses" | "recovered" | "exhumed"
        )
    })
}
