//! Geocoding: incidents that name a place but carry no coordinates get the
//! gazetteer's best candidate, using the record's own country and admin
//! names as hints. Ambiguity and failures are reported, never guessed away.

use crate::gazetteer::{Gazetteer, Hint};
use crate::model::{GeoPrecision, Incident};

/// What happened to one incident's place name.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Already had coordinates, or nothing to look up.
    Unchanged,
    /// Located by the gazetteer.
    Located,
    /// Located, but other places of that name scored nearly as well.
    Ambiguous(Vec<String>),
    /// The name is not in the gazetteer.
    NotFound,
}

/// Locates one incident in place. Returns what happened.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// use casualty_atlas::geocode::{locate, Outcome};
/// use casualty_atlas::model::Incident;
/// let g = Gazetteer::from_places(vec![Place::example("Douentza", 15.0, -2.95)]);
/// let mut i = Incident::new("a", "x.csv");
/// i.place = Some("Douentza".into());
/// assert_eq!(locate(&mut i, &g), Outcome::Located);
/// assert_eq!(i.lat, Some(15.0));
/// ```
pub fn locate(inc: &mut Incident, gaz: &Gazetteer) -> Outcome {
    if inc.lon_lat().is_some() {
        return Outcome::Unchanged;
    }
    let name = match (&inc.place, inc.geo_precision) {
        (Some(p), _) => p.clone(),
        (None, Some(GeoPrecision::Admin2)) if inc.admin2.is_some() => {
            inc.admin2.clone().unwrap_or_default()
        }
        _ => return Outcome::Unchanged,
    };
    let hint = Hint {
        country: inc.country.clone(),
        admin1: inc.admin1.clone(),
        admin2: inc.admin2.clone(),
        want: None,
    };
    let res = gaz.resolve(&name, &hint);
    let Some(best) = res.best() else {
        // a named region still allows admin-level counting
        if inc.admin2.is_some() && inc.geo_precision == Some(GeoPrecision::Place) {
            inc.geo_precision = Some(GeoPrecision::Admin2);
        } else if inc.admin1.is_some() && inc.geo_precision == Some(GeoPrecision::Place) {
            inc.geo_precision = Some(GeoPrecision::Admin1);
        }
        return Outcome::NotFound;
    };
    let p = best.place;
    inc.lat = Some(p.lat);
    inc.lon = Some(p.lon);
    inc.place_id = Some(p.id.clone());
    if inc.admin1.is_none() && !p.admin1.is_empty() {
        inc.admin1 = Some(p.admin1.clone());
    }
    if inc.admin2.is_none() && !p.admin2.is_empty() {
        inc.admin2 = Some(p.admin2.clone());
    }
    if inc.country.is_none() && !p.country.is_empty() {
        inc.country = Some(p.country.clone());
    }
    let pp = p.precision();
    if inc.geo_precision.is_none_or(|g| g < pp) {
        inc.geo_precision = Some(pp);
    }
    if res.is_ambiguous() {
        let others: Vec<String> = res
            .candidates
            .iter()
            .take(4)
            .map(|c| {
                format!(
                    "{} ({}, {:.3},{:.3})",
                    c.place.name, c.place.admin1, c.place.lat, c.place.lon
                )
            })
            .collect();
        inc.flags.push("ambiguous_place".into());
        return Outcome::Ambiguous(others);
    }
    Outcome::Located
}
