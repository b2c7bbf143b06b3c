//! Place choice: the names of one sentence resolved together, the admin
//! units and countries it names (or the troops' nationality) hinting at the
//! others, and near-ties broken by distance to the admin unit named.

use super::scan::Pending;
use super::*;

/// The sentence's hint (admin units, country) and anchor (the admin-2
/// unit named) from the places found.
pub(super) fn sentence_hint(
    t: &[Token],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    out: &[PlaceMention],
    pending: &[Pending],
) -> (Hint, Option<(f64, f64)>) {
    let mut hint = Hint::default();
    let mut anchor: Option<(f64, f64)> = None;
    for m in out {
        if m.place.vague && m.role == Role::Event && hint.country.is_none() {
            hint.country = m.place.country.clone();
        }
    }
    // "Nigerien soldiers": the country of the troops is a good guess
    if hint.country.is_none() {
        hint.country = t
            .iter()
            .find_map(|x| demonym_country(&x.lower))
            .map(|(c, _)| c.to_string());
    }
    let mut anchor_prec = GeoPrecision::Country;
    for p in pending {
        // only admin units and admin words make a hint
        if p.want.is_none() && !gaz.exact(&p.key).any(|(pl, _)| pl.feature_class == "A") {
            continue;
        }
        let h = Hint {
            want: p.want,
            country: hint.country.clone(),
            ..Hint::default()
        };
        let Some(found) = choose(gaz, cache, &p.lookup, &h, None) else {
            continue;
        };
        let c = Candidate { place: &found };
        let prec = match c.place.precision() {
            GeoPrecision::Place => p.want.unwrap_or(GeoPrecision::Place),
            x => x,
        };
        // a capital or seat named beside ("the Faladié district of
        // Bamako") breaks ties between homonyms by distance
        let seat = c.place.feature_code.starts_with("PPLA") || c.place.feature_code == "PPLC";
        if prec == GeoPrecision::Place && anchor.is_none() && seat {
            anchor = Some((c.place.lon, c.place.lat));
        }
        if !add_admin(&mut hint, c.place, prec) {
            continue;
        }
        if prec < anchor_prec && prec == GeoPrecision::Admin2 {
            anchor_prec = prec;
            anchor = Some((c.place.lon, c.place.lat));
        }
    }
    (hint, anchor)
}

/// Adds an admin unit to the hint; false for anything else.
fn add_admin(hint: &mut Hint, place: &Place, prec: GeoPrecision) -> bool {
    let name = strip_admin_words(&place.name);
    match prec {
        GeoPrecision::Admin1 => {
            hint.admin1 = Some(if place.admin1.is_empty() {
                name
            } else {
                place.admin1.clone()
            });
        }
        GeoPrecision::Admin2 => {
            hint.admin2 = Some(if place.admin2.is_empty() {
                name
            } else {
                place.admin2.clone()
            });
            if hint.admin1.is_none() && !place.admin1.is_empty() {
                hint.admin1 = Some(place.admin1.clone());
            }
        }
        _ => return false,
    }
    true
}

/// The hint a pending name is resolved with (without the sentence's admin
/// units when the name is itself a unit). With no country
/// of its own, the sentence leans on the one the document's places are in:
/// "Bidi", a village in Mali and in Burkina, in an article on the cercle of
/// Bankass.
fn hint_for(hint: &Hint, p: &Pending, cache: &PlaceCache) -> Hint {
    let country = hint
        .country
        .clone()
        .or_else(|| cache.document_country().map(str::to_string));
    let h = Hint {
        want: p.want,
        country,
        ..hint.clone()
    };
    if p.want.is_some() {
        Hint {
            admin1: None,
            admin2: None,
            ..h
        }
    } else {
        h
    }
}

/// The direction of "the north-east of the X region" before a region's
/// name at `first` (as written: "north-east").
fn part_of_unit(t: &[Token], first: usize, prec: GeoPrecision) -> Option<String> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (prec == GeoPrecision::Admin1
        && first >= 4
        && w(first - 1) == "the"
        && w(first - 2) == "of"
        && w(first - 4) == "the"
        && w(first + 1) == "region"
        && crate::names::compass_adjective(w(first - 3)).is_some()
        && !matches!(w(first - 3), "nord" | "sud" | "est" | "ouest"))
    .then(|| w(first - 3).to_string())
}

/// The country the sentence names as the event's area ("in central
/// Mali"; not a bare country, which may be a river, an origin or a
/// border: "venus du Mali voisin", "near the Burkina Faso border").
fn stated_country(t: &[Token], out: &[PlaceMention]) -> Option<String> {
    out.iter()
        .find(|m| {
            m.place.vague
                && m.role == Role::Event
                && t.get(m.first)
                    .is_some_and(|x| DIRECTIONS.has(strip_possessive(x.lw())))
        })
        .and_then(|m| m.place.country.clone())
}

/// "the village of Dembo in central Mali" when the gazetteer knows only a
/// Dembo in Burkina: the village the sentence places in its country stays
/// unlocated there, not the homonym across the border, here and through
/// the document.
fn at_home(
    cache: &mut PlaceCache,
    key: &str,
    place: Option<Arc<Place>>,
    stated: Option<&str>,
) -> Option<Arc<Place>> {
    let abroad = place
        .as_deref()
        .is_some_and(|pl| pl.feature_class == "P" && stated.is_some_and(|c| c != pl.country));
    if abroad {
        cache.abroad.insert(key.to_string());
    }
    place.filter(|_| cache.abroad.is_empty() || !cache.abroad.contains(key))
}

/// Resolves the names found, with the sentence's hint, into `out`.
pub(super) fn resolve_pending(
    t: &[Token],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    hint: &Hint,
    anchor: Option<(f64, f64)>,
    pending: Vec<Pending>,
    out: &mut Vec<PlaceMention>,
) {
    let stated = stated_country(t, out);
    let in_units = |f: &Place| {
        let same =
            |a: &str, b: &Option<String>| b.as_deref().is_some_and(|b| norm_key(a) == norm_key(b));
        same(&f.admin2, &hint.admin2) || same(&f.admin1, &hint.admin1)
    };
    for p in pending {
        let own_hint = hint_for(hint, &p, cache);
        // a village the gazetteer knows but would not spot in running
        // text is resolved when a cue named it ("the village of Tawori")
        let placed_by_units = hint.admin1.is_some() || hint.admin2.is_some();
        let sense = cache.senses.get(&p.key).filter(|s| {
            !placed_by_units
                && p.want.is_none()
                && hint
                    .country
                    .as_deref()
                    .is_none_or(|c| c == s.country.as_str())
        });
        let place = if let Some(s) = sense {
            Some(s.clone())
        } else if cache.spots(gaz, &p.key) || ((p.cue || p.strong) && gaz.knows_name(&p.key)) {
            let found = choose(
                gaz,
                cache,
                &p.lookup,
                &own_hint,
                if p.want.is_some() { None } else { anchor },
            );
            // one name, one place through the document once its admin
            // units have said which (and the place found lies in them)
            if let Some(f) = found
                .as_ref()
                .filter(|f| placed_by_units && p.want.is_none() && in_units(f))
            {
                cache.senses.insert(p.key.clone(), f.clone());
            }
            found
        } else {
            // a fuzzy hit was resolved once and cached
            cache.fuzzy.get(&p.key).cloned().flatten()
        };

        let place = at_home(cache, &p.key, place, stated.as_deref());
        if let Some(pl) = place.as_deref() {
            cache.saw_country(&pl.country);
        }
        let pref = match place.as_deref() {
            Some(pl) => {
                let mut prec = pl.precision();
                if let Some(w) = p.want {
                    if prec == GeoPrecision::Place {
                        prec = w;
                    }
                }
                let written = strip_admin_words(&p.written);
                let mut r = place_ref(pl, &written, prec);
                // "in the north-east of the Ménaka region": the part of
                // the region, its direction kept in the name (CODEBOOK §4)
                if let Some(dir) = part_of_unit(t, p.first, prec) {
                    r.name = format!("{dir} of the {} region", r.name);
                }
                // (chosen by the sentence's units only when it lies in them:
                // a lone homonym elsewhere was not)
                r.hinted = p.want.is_none() && in_units(pl);
                r
            }
            None => bare(
                &p.written,
                hint.country.as_deref(),
                p.want.unwrap_or(GeoPrecision::Place),
                false,
            ),
        };
        out.push(PlaceMention {
            first: p.first,
            next: p.next,
            place: pref,
            role: if attributive(t, p.first, p.next) {
                Role::Other
            } else {
                role_of(t, p.first)
            },
            cue: p.cue || p.strong,
        });
    }
}
