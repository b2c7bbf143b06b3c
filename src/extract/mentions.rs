//! Mentions (one event-reporting sentence) and the incidents they are
//! merged into: types, and whether a mention fits an incident.

use super::*;

/// For a definite reference to a specific kind of event ("the strike",
/// "the ambush") that the last incident is not: the latest incident of that
/// kind, if any.
pub(super) fn same_kind_before(accs: &[Acc], last: Option<usize>, tr: &Trigger) -> Option<usize> {
    // air and drone strikes and bombings are one kind here ("the
    // strike", "the bombing")
    let family = |e: Option<&'static str>| match e {
        Some("airstrike" | "drone strike" | "bombing") => Some("strike"),
        x => x,
    };
    let kind = family(
        tr.etype
            .filter(|e| *e != "attack" && tr.definite && !tr.another),
    )?;
    let l = last?;
    if family(accs.get(l)?.etype) == Some(kind) {
        return None;
    }
    (accs.len().saturating_sub(LOOKBACK)..l)
        .rev()
        .find(|&i| family(accs[i].etype) == Some(kind))
}

/// "the same village", "the same town", "this camp", "ce campement": a
/// place told before.
pub(super) fn refers_to_same_place(t: &[Token]) -> bool {
    let settlement = |x: &Token| {
        matches!(
            x.lw(),
            "village" | "town" | "locality" | "camp" | "commune" | "encampment" | "campement"
        )
    };
    t.windows(2).any(|w| {
        (w[0].is("same") && (settlement(&w[1]) || matches!(w[1].lw(), "place" | "area" | "site")))
            || (matches!(w[0].lw(), "this" | "that") && settlement(&w[1]))
    }) || t.windows(3).any(|w| {
        // ("ce petit village", "this small town")
        matches!(w[0].lw(), "this" | "that")
            && matches!(
                w[1].lw(),
                "small" | "little" | "petit" | "petite" | "remote" | "isolated" | "isolé"
            )
            && settlement(&w[2])
    })
}
/// Whether the place at `first..next` is named as a commune: "la commune de
/// Sanaba", "the commune of Boni", "Banibangou commune".
pub(super) fn names_a_commune(toks: &[Token], first: usize, next: usize) -> bool {
    let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
    matches!(w(next), "commune" | "municipality")
        || (first >= 2
            && matches!(w(first - 1), "of" | "de")
            && matches!(w(first - 2), "commune" | "municipality"))
}

/// Whether `places` (of the sentence's `found`) only locate the scene from
/// outside: a town the event was near, a vague area, an admin unit, a
/// commune named as such ("ce petit village de la commune de Sanaba").
pub(super) fn context_only(
    t: &[Token],
    found: &[places::PlaceMention],
    places: &[PlaceRef],
) -> bool {
    let communes: Vec<&str> = found
        .iter()
        .filter(|p| names_a_commune(t, p.first, p.next))
        .map(|p| p.place.key.as_str())
        .collect();
    places.iter().all(|p| {
        p.near
            || p.vague
            || p.precision != GeoPrecision::Place
            || communes.contains(&p.key.as_str())
    })
}

/// A date span with its precision.
pub(super) type DaySpan = (NaiveDate, NaiveDate, DatePrecision);

/// What a sentence tells of an event, and what an incident has gathered
/// of it: the fields a [`Mention`] and an [`Acc`] share, merged field by
/// field when a mention joins an incident.
#[derive(Debug, Clone, Default)]
pub(super) struct Told {
    pub(super) places: Vec<PlaceRef>,
    pub(super) date: Option<(NaiveDate, NaiveDate, DatePrecision)>,
    pub(super) date_key: Option<String>,
    /// Competing figures for the victims (each a sum of its parts).
    pub(super) deaths: Vec<Candidate>,
    pub(super) deaths_group: Option<Group>,
    /// Figures for the attackers' own dead.
    pub(super) attacker: Vec<Candidate>,
    pub(super) injured: Option<u32>,
    pub(super) evidence: Option<(usize, usize)>,
    pub(super) actor: Option<String>,
    /// The gathering or place the attack hit ("wedding", "market"...).
    pub(super) occasion: Option<&'static str>,
    /// The date was worked out (a weekday, "yesterday", a year not
    /// written, the paragraph's day) rather than read.
    pub(super) date_inferred: bool,
    /// The clock time given ("at around 12:00", "vers 16 heures"), in
    /// minutes after midnight; an incident keeps its first dated
    /// mention's.
    pub(super) clock: Option<u32>,
    /// The keys of the towns the text locates the event from ("at Dallah,
    /// 32 km east of Douentza": douentza).
    pub(super) landmarks: Vec<String>,
}

/// One event-reporting sentence.
#[derive(Debug, Clone, Default)]
pub(super) struct Mention {
    pub(super) sent: (usize, usize),
    /// What the sentence tells.
    pub(super) told: Told,
    pub(super) trigger: Option<Trigger>,
    pub(super) demonym: Option<(&'static str, &'static str)>,
    pub(super) general: bool,
    /// The last specific place named earlier in the same paragraph.
    pub(super) context: Option<PlaceRef>,
    /// The sentence speaks of the toll itself ("the toll rose", "a first
    /// count", "later reported"): a figure for the event being told.
    pub(super) restates: bool,
    /// The sentence right before this one told an event.
    pub(super) follows: bool,
    /// The only place is the paragraph's scene, not named here.
    pub(super) scene_place: bool,
    /// The sentence speaks of a figure as such ("the first statement
    /// spoke of 15", "the toll", "the final count").
    pub(super) about_toll: bool,
    /// "were also killed", "as well", "in addition": a further part of the
    /// toll just told, not a competing figure.
    pub(super) also: bool,
    /// The sentence opens on its place ("At Arlit, a car bomb ...", "À
    /// Agadez, ..."): a paragraph about that place.
    pub(super) topic_place: bool,
    /// The sentence names a quarter of a town ("the Sosso Koira
    /// neighbourhood", "le quartier de Sosso Koïra"): a spot inside the
    /// town of the event just told, not another place.
    pub(super) quarter: bool,
    /// The sentence gives its own day (not one from the paragraph).
    pub(super) own_day: bool,
    /// A party claims the figure ("JNIM claims to have killed 200
    /// soldiers"): a competing account, never a further part.
    pub(super) claim: bool,
    /// The paragraph it is in (counted from the start; the items of one
    /// list are one paragraph).
    pub(super) para: u32,
}

/// An incident being assembled.
#[derive(Debug, Clone, Default)]
pub(super) struct Acc {
    /// What its mentions told, merged.
    pub(super) told: Told,
    pub(super) first_sentence: (usize, usize),
    pub(super) etype: Option<&'static str>,
    pub(super) mentions: u32,
    /// The paragraph of its last mention.
    pub(super) last_para: u32,
}

/// Places that name no more than a country or a region (or a vague area):
/// "in Niger's far south-east", "in the Mopti region". False when empty.
pub(super) fn coarse_only(places: &[PlaceRef]) -> bool {
    !places.is_empty()
        && places
            .iter()
            .all(|p| p.vague || matches!(p.precision, GeoPrecision::Admin1 | GeoPrecision::Country))
}

pub(super) fn place_rank(p: &PlaceRef) -> u8 {
    match (p.precision, p.vague) {
        (GeoPrecision::Place, _) => 0,
        (GeoPrecision::Admin2, _) => 1,
        (GeoPrecision::Admin1, _) => 2,
        (GeoPrecision::Country, false) => 3,
        (GeoPrecision::Country, true) => {
            if p.name.contains(' ') && !p.name.starts_with("Burkina") {
                3
            } else {
                4
            }
        }
    }
}

pub(super) fn base_key(p: &PlaceRef) -> String {
    places::strip_admin_words(&p.key)
}

/// Does `outer` (an area) contain `inner`?
pub(super) fn contains(outer: &PlaceRef, inner: &PlaceRef) -> bool {
    let norm = crate::gazetteer::normalize::normalize;
    if outer.vague {
        if outer.country.is_some() && inner.country.is_some() && outer.country != inner.country {
            return false;
        }
        let covers = places::vague_covers(&outer.key);
        if covers.is_empty() {
            // a whole country
            return inner.country.is_some()
                && inner.country == outer.country
                && place_rank(inner) < 4;
        }
        if inner.vague {
            return false;
        }
        let a1 = inner
            .admin1
            .as_deref()
            .map(norm)
            .or_else(|| (inner.precision == GeoPrecision::Admin1).then(|| base_key(inner)));
        return a1.is_some_and(|a| covers.contains(&crate::names::admin1_canonical(&a).as_str()));
    }
    let ok = base_key(outer);
    match outer.precision {
        GeoPrecision::Admin1 => inner.admin1.as_deref().map(norm).is_some_and(|a| a == ok),
        GeoPrecision::Admin2 => inner.admin2.as_deref().map(norm).is_some_and(|a| a == ok),
        _ => false,
    }
}

pub(super) fn same_place(a: &PlaceRef, b: &PlaceRef) -> bool {
    if let (Some(x), Some(y)) = (&a.place_id, &b.place_id) {
        if x == y {
            return true;
        }
    }
    let (ka, kb) = (base_key(a), base_key(b));
    !ka.is_empty() && ka == kb
}

pub(super) fn dates_overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    let tol = chrono::Duration::days(1);
    let plus = |d: NaiveDate| d.checked_add_signed(tol).unwrap_or(NaiveDate::MAX);
    a.0 <= plus(b.1) && b.0 <= plus(a.1)
}

pub(super) fn date_compatible(m: &Mention, acc: &Acc) -> bool {
    match (m.told.date, acc.told.date) {
        (Some(x), Some(y)) => return dates_overlap((x.0, x.1), (y.0, y.1)),
        (Some(_), None) => return acc.told.date_key.is_none(),
        (None, Some(_)) => return m.told.date_key.is_none(),
        (None, None) => {}
    }
    match (&m.told.date_key, &acc.told.date_key) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

pub(super) fn toll_compatible(m: &Mention, acc: &Acc) -> bool {
    match (m.told.deaths.first(), acc.told.deaths.first()) {
        (Some(a), Some(b)) => a.best == b.best || other_group_part(acc, m).is_some(),
        _ => true,
    }
}

#[derive(PartialEq)]
pub(super) enum PlaceMatch {
    None,
    Same,
    Contained,
}

pub(super) fn place_match(m: &Mention, acc: &Acc) -> PlaceMatch {
    let mut best = PlaceMatch::None;
    // two different villages are two events, whatever region holds both
    let specific = |ps: &[PlaceRef]| {
        ps.iter()
            .any(|p| p.precision == GeoPrecision::Place && !p.vague)
    };
    let both_specific = specific(&m.told.places) && specific(&acc.told.places);
    // a region that does not hold the other side's village is elsewhere
    // ("two soldiers died in the Ménaka region" after a strike near Bounti)
    let region_apart = |xs: &[PlaceRef], ys: &[PlaceRef]| {
        xs.iter()
            .filter(|r| r.precision == GeoPrecision::Admin1 && !r.vague)
            .any(|r| {
                ys.iter().any(|p| {
                    p.precision == GeoPrecision::Place
                        && !p.vague
                        && p.admin1.is_some()
                        && !contains(r, p)
                })
            })
    };
    if region_apart(&m.told.places, &acc.told.places)
        || region_apart(&acc.told.places, &m.told.places)
    {
        return PlaceMatch::None;
    }
    // ("a village in the Djenné area" ... "the Fulani village of Djonké
    // Ouro": the unnamed village gets its name, unlocated)
    let area_only =
        |ps: &[PlaceRef]| ps.iter().any(|p| p.near) && ps.iter().all(|p| p.near || p.vague);
    let unlocated_village = |ps: &[PlaceRef]| {
        ps.first()
            .is_some_and(|p| p.precision == GeoPrecision::Place && p.lat.is_none() && !p.vague)
    };
    if (area_only(&acc.told.places) && unlocated_village(&m.told.places))
        || (area_only(&m.told.places) && unlocated_village(&acc.told.places))
    {
        best = PlaceMatch::Contained;
    }
    for a in &m.told.places {
        for b in &acc.told.places {
            let same = same_place(a, b);
            // (a town the event was near is as specific: "30 km north of
            // Tassara", then "an official of Tassara spoke of twelve")
            let point = |p: &PlaceRef| (p.precision == GeoPrecision::Place || p.near) && !p.vague;
            if same && point(a) && point(b) {
                return PlaceMatch::Same;
            }
            if both_specific {
                continue;
            }
            if same || contains(a, b) || contains(b, a) {
                best = PlaceMatch::Contained;
            }
        }
    }
    best
}
/// How many recent incidents a mention is compared with (keeps a huge
/// document linear; articles report far fewer events).
pub(super) const LOOKBACK: usize = 64;

/// Most places kept for one incident (the event place and a few others).
pub(super) const MAX_PLACES: usize = 12;
