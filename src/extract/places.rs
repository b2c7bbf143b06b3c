//! Place mentions in a sentence, found through the gazetteer.
//!
//! Capitalised n-grams (up to four words) are looked up *exactly* on their
//! normalised form; only a capitalised unknown word of five or more letters
//! right after a place cue ("in", "village of", ...) gets a fuzzy lookup,
//! cached per document. Admin words around a name set the precision wanted
//! ("Ségou region" → admin1, "Bankass Circle" → admin2), and the admin units
//! and countries named in the same sentence become the [`Hint`] used to
//! choose among homonyms, with the nearest candidate to the named unit
//! winning ties. Vague areas ("central Mali") are places of country
//! precision with no coordinates. Each mention gets a [`Role`]: places where
//! the wounded were taken, actor bases and origins are not event places.

#![allow(clippy::needless_range_loop)] // token windows read best with indices

use super::text::{Kind, Token};
use super::words::{
    settlement_noun, DIRECTIONS, NOT_PLACES, ORG_WORDS, PERSON_ROLES, PLACE_CUES, REPORTER_WORDS,
    ROUTE_WORDS, STRONG_CUES,
};
use crate::gazetteer::normalize::normalize;
use crate::gazetteer::{Gazetteer, Hint, MatchKind, Place};
use crate::model::GeoPrecision;
use std::collections::HashMap;
use std::sync::Arc;

mod resolve;
mod scan;

use resolve::{resolve_pending, sentence_hint};
pub use scan::find_places;

/// A place as the extractor keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRef {
    /// Name as written (without admin words such as "region").
    pub name: String,
    /// Normalised name, for comparisons.
    pub key: String,
    /// Gazetteer id.
    pub place_id: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Admin-1 name.
    pub admin1: Option<String>,
    /// Admin-2 name.
    pub admin2: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// Precision.
    pub precision: GeoPrecision,
    /// A vague area ("central Mali") or a whole country.
    pub vague: bool,
    /// Resolved with admin units named next to it (more trustworthy).
    pub hinted: bool,
    /// A town the event was near, not in ("a few kilometres from
    /// Pissila"): its precision is its district's, yet it locates the
    /// event better than the district's name alone.
    pub near: bool,
}

/// What a mention is to the event of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A candidate event place.
    Event,
    /// Named for another reason (hospital, base, origin, comparison).
    Other,
    /// A distance reference ("a few kilometres from Tessit", "à une
    /// vingtaine de kilomètres de Djibo"): the event is near it, and it is
    /// the event's place only when the sentence names no other.
    Near,
}

/// One place mention.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub next: usize,
    /// The place.
    pub place: PlaceRef,
    /// Role.
    pub role: Role,
    /// Introduced by a place cue (in, at, village of, ...).
    pub cue: bool,
}

/// Cache of fuzzy lookups (valid for one gazetteer, kept across documents by
/// an [`Extractor`](super::Extractor)) and of the unresolved names a document
/// confirmed with a strong cue ("the village of X"), cleared per document.
#[derive(Debug, Default)]
pub struct PlaceCache {
    pub(crate) fuzzy: HashMap<String, Option<Arc<Place>>>,
    /// Resolutions by name, hint and anchor.
    resolved: HashMap<String, Option<Arc<Place>>>,
    /// Normalised names seen after a strong cue but not in the gazetteer.
    pub confirmed: HashMap<String, String>,
    /// The place a name was resolved to where the document gave its admin
    /// units ("Sokoura, cercle de Bankass"): later bare mentions of the
    /// name in the same document mean the same place, not a homonym in
    /// another country. Cleared per document.
    pub(crate) senses: HashMap<String, Arc<Place>>,
    /// Names the document placed in another country than every village of
    /// that name the gazetteer knows ("Dembo in central Mali" with only a
    /// Dembo in Burkina): unlocated through the document. Cleared per
    /// document.
    pub(crate) abroad: std::collections::HashSet<String>,
    /// The countries of the places the document named so far (code,
    /// count), for homonyms in several countries with nothing else to tell
    /// them apart. Cleared per document.
    pub(crate) countries: Vec<(String, u32)>,
    /// Whether the gazetteer spots a normalised name in running text (the
    /// same names recur across an article and a corpus).
    spots: rustc_hash::FxHashMap<String, bool>,
}

impl PlaceCache {
    /// Counts a place the document named towards its country.
    pub(crate) fn saw_country(&mut self, code: &str) {
        if code.is_empty() {
            return;
        }
        match self.countries.iter_mut().find(|(c, _)| c == code) {
            Some((_, n)) => *n += 1,
            None => self.countries.push((code.to_string(), 1)),
        }
    }

    /// The country the document's places are mostly in, when one leads.
    pub(crate) fn document_country(&self) -> Option<&str> {
        let mut v: Vec<&(String, u32)> = self.countries.iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        match v.as_slice() {
            [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => Some(c),
            _ => None,
        }
    }
    /// [`Gazetteer::contains_name`], remembered.
    fn spots(&mut self, gaz: &Gazetteer, key: &str) -> bool {
        if let Some(&b) = self.spots.get(key) {
            return b;
        }
        let b = gaz.contains_name(key);
        if self.spots.len() > 200_000 {
            self.spots.clear();
        }
        self.spots.insert(key.to_string(), b);
        b
    }
}

/// Country of a country name (lowercase, possessive stripped): a country of
/// the gazetteer, as [`crate::names`] names it.
fn country_code(w: &str) -> Option<(&'static str, &'static str)> {
    crate::names::gazetteer_country(w)
}

/// Country implied by a demonym ("Malian troops"): [`crate::names::DEMONYMS`].
pub fn demonym_country(w: &str) -> Option<(&'static str, &'static str)> {
    let cc = crate::names::demonym_country(w)?;
    Some((cc, crate::names::country_name(cc)?))
}

/// Admin-1 regions (normalised, canonical names) that a vague area covers:
/// [`crate::names::VAGUE_AREAS`].
pub fn vague_covers(area_key: &str) -> &'static [&'static str] {
    crate::names::vague_covers(area_key)
}

fn admin_word(w: &str) -> Option<GeoPrecision> {
    // ("the Ségou region's political violence")
    match strip_possessive(w) {
        "region" | "regions" | "région" | "régions" => Some(GeoPrecision::Admin1),
        // ("the Faladié district of Bamako" is a quarter of a city: the
        // Sahel's second level is a cercle, a province or a department)
        "cercle" | "circle" | "province" | "department" | "département" | "prefecture" => {
            Some(GeoPrecision::Admin2)
        }
        _ => None,
    }
}

fn strip_possessive(s: &str) -> &str {
    // (both endings end in "s": most words are done with at once)
    if !s.ends_with('s') {
        return s;
    }
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s)
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "du" | "des" | "la" | "le" | "el" | "d'" | "of" | "the" | "in" | "and"
    )
}

fn place_ref(p: &Place, written: &str, precision: GeoPrecision) -> PlaceRef {
    let country_level = precision == GeoPrecision::Country;
    PlaceRef {
        name: written.to_string(),
        key: norm_key(written),
        place_id: Some(p.id.clone()),
        lat: (!country_level).then_some(p.lat),
        lon: (!country_level).then_some(p.lon),
        admin1: (!p.admin1.is_empty()).then(|| p.admin1.clone()),
        admin2: (!p.admin2.is_empty()).then(|| p.admin2.clone()),
        country: (!p.country.is_empty()).then(|| p.country.clone()),
        precision,
        vague: country_level,
        hinted: false,
        near: false,
    }
}

fn bare(name: &str, country: Option<&str>, precision: GeoPrecision, vague: bool) -> PlaceRef {
    PlaceRef {
        name: name.to_string(),
        key: norm_key(name),
        place_id: None,
        lat: None,
        lon: None,
        admin1: None,
        admin2: None,
        country: country.map(str::to_string),
        precision,
        vague,
        hinted: false,
        near: false,
    }
}

/// The text of tokens `a..b` without a trailing possessive.
fn span_text<'a>(text: &'a str, t: &[Token], a: usize, b: usize) -> &'a str {
    let (Some(s), Some(e)) = (t.get(a), t.get(b.saturating_sub(1))) else {
        return "";
    };
    let raw = text.get(s.start..e.end).unwrap_or("");
    strip_possessive(raw)
}

/// Does `text` contain `lower` as a lowercase word?
fn has_lowercase_word(text: &str, lower: &str) -> bool {
    if lower.is_empty() {
        return false;
    }
    memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|i| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// "Ségou Region" → "Ségou", "Cercle de Niono" → "Niono".
pub fn strip_admin_words(s: &str) -> String {
    // a single word has nothing to strip
    let s = s.trim();
    if !s.contains(char::is_whitespace) {
        return s.to_string();
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| admin_word(&w.to_lowercase()).is_some())
    {
        words.pop();
    }
    while words.len() > 1
        && words.first().is_some_and(|w| {
            admin_word(&w.to_lowercase()).is_some()
                || matches!(w.to_lowercase().as_str(), "de" | "du" | "des" | "of")
        })
    {
        words.remove(0);
    }
    words.join(" ")
}

/// The gazetteer key of a name: [`normalize`], with a fast path for ASCII.
pub fn norm_key(s: &str) -> String {
    let mut out = String::new();
    norm_key_into(&mut out, s);
    out
}

/// [`norm_key`] into a reused buffer.
fn norm_key_into(out: &mut String, s: &str) {
    out.clear();
    out.reserve(s.len());
    if !s.is_ascii() {
        out.push_str(&normalize(s));
        return;
    }
    let mut pending = false;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            pending = true;
        }
    }
}

/// A borrowed place, named like the gazetteer's candidate.
struct Candidate<'a> {
    place: &'a Place,
}

/// The cache key of a choice: the name, the hint's admin units, country
/// and precision wanted, the anchor.
fn choice_key(name: &str, hint: &Hint, anchor: Option<(f64, f64)>) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(name.len() + 48);
    key.push_str(name);
    for field in [&hint.admin1, &hint.admin2, &hint.country] {
        key.push('\u{1f}');
        if let Some(v) = field {
            key.push('=');
            key.push_str(v);
        }
    }
    key.push('\u{1f}');
    key.push(match hint.want {
        None => '-',
        Some(GeoPrecision::Place) => 'p',
        Some(GeoPrecision::Admin2) => '2',
        Some(GeoPrecision::Admin1) => '1',
        Some(GeoPrecision::Country) => 'c',
    });
    if let Some((x, y)) = anchor {
        let _ = write!(key, "\u{1f}{:x},{:x}", x.to_bits(), y.to_bits());
    }
    key
}

/// [`choose_uncached`] through the cache (same name, hint and anchor, same answer).
fn choose(
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    name: &str,
    hint: &Hint,
    anchor: Option<(f64, f64)>,
) -> Option<Arc<Place>> {
    let key = choice_key(name, hint, anchor);
    if let Some(hit) = cache.resolved.get(&key) {
        return hit.clone();
    }
    let found = choose_uncached(gaz, name, hint, anchor).map(|p| Arc::new(p.clone()));
    if cache.resolved.len() > 100_000 {
        cache.resolved.clear();
    }
    cache.resolved.insert(key, found.clone());
    found
}

/// Resolves with the hint and breaks near-ties by distance to the anchor.
fn choose_uncached<'g>(
    gaz: &'g Gazetteer,
    name: &str,
    hint: &Hint,
    anchor: Option<(f64, f64)>,
) -> Option<&'g Place> {
    // one exact candidate: nothing to rank
    let mut exact = gaz.exact(&norm_key(name));
    if let (Some((p, _)), None) = (exact.next(), exact.next()) {
        return Some(p);
    }
    let r = gaz.resolve(name, hint);
    let best = r.best()?;
    let Some(a) = anchor else {
        return Some(best.place);
    };
    r.candidates
        .iter()
        .filter(|c| c.score >= best.score - 0.06)
        .min_by(|x, y| {
            let dx = crate::spatial::haversine_km(a, (x.place.lon, x.place.lat));
            let dy = crate::spatial::haversine_km(a, (y.place.lon, y.place.lat));
            dx.total_cmp(&dy)
        })
        .map(|c| c.place)
}

/// "in Tillia department (Tahoua)", "Boni (Douentza)": a name alone in
/// brackets right after a place or a unit is the larger unit that holds it.
fn bracketed_unit(t: &[Token], first: usize) -> bool {
    // (and after a numbered unit: "Military Region No. 8 (Sikasso)")
    first >= 2
        && t[first - 1].is_punct('(')
        && (t[first - 2].kind == Kind::Num
            || (t[first - 2].kind == Kind::Word
                && (t[first - 2].cap || admin_word(t[first - 2].lw()).is_some())))
        && (first + 1..(first + 4).min(t.len())).any(|k| t[k].is_punct(')'))
}

/// "a coach of a Bamako company", "a Gao trader": a place name between an
/// indefinite article and a common noun describes the noun (where the
/// company or the trader is from); not "an Ogossagou massacre" nor "a
/// Tessit area", where the noun is the event or the place itself.
pub(super) fn attributive(t: &[Token], first: usize, next: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let noun = w(next);
    // "gendarmes from the Goundam brigade": where a unit comes from
    // ("the commander of the Goundam gendarmerie brigade": its home)
    let unit = |x: &str| {
        matches!(
            x,
            "brigade" | "battalion" | "regiment" | "company" | "squadron" | "garrison" | "unit"
        )
    };
    let unit_from = first >= 2
        && w(first - 1) == "the"
        && matches!(w(first - 2), "from" | "of")
        && (unit(noun)
            || (matches!(noun, "gendarmerie" | "police" | "army" | "military")
                && unit(w(next + 1))));
    if unit_from {
        return true;
    }
    first >= 1
        && matches!(w(first - 1), "a" | "an")
        && t.get(next).is_some_and(|x| x.kind == Kind::Word && !x.cap)
        && crate::extract::triggers::event_word(noun).is_none()
        && !settlement_noun(noun)
        && !STRONG_CUES.has(noun)
        && admin_word(noun).is_none()
        && !matches!(
            noun,
            "-" | "and" | "or" | "of" | "in" | "on" | "at" | "near"
        )
}

/// Decides whether the mention at `first` names the event's place.
fn role_of(t: &[Token], first: usize) -> Role {
    if distance_before(t, first) && !reporters_before(t, first) && !other_before(t, first) {
        Role::Near
    } else if reporters_before(t, first)
        || other_before(t, first)
        || destination_before(t, first)
        || named_after(t, first)
    {
        Role::Other
    } else if in_apposition(t, first) || bracketed_unit(t, first) {
        Role::Near
    } else {
        Role::Event
    }
}

/// "In Sonfounou, a small village just before Ségué, two people died",
/// "à Kain, un hameau proche de Ouahigouya": a place named inside the
/// apposition that describes the place before it is a landmark.
fn in_apposition(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let from = first.saturating_sub(14);
    let Some(c) = (from..first)
        .rev()
        .take_while(|&k| !(t[k].is_punct('.') || t[k].is_punct(';')))
        .find(|&k| t[k].is_punct(','))
    else {
        return false;
    };
    // (not a date: "Le 9 janvier, le camp de Chinégodar")
    let named = c >= 1
        && t[c - 1].cap
        && t[c - 1].kind == Kind::Word
        && crate::extract::dates::month(w(c - 1)).is_none()
        && crate::extract::dates::weekday(w(c - 1)).is_none();
    let article = matches!(w(c + 1), "a" | "an" | "the" | "un" | "une" | "le" | "la");
    let noun = (c + 2..(c + 5).min(first)).any(|k| settlement_noun(w(k)) || w(k) == "camp");
    named && article && noun
}

/// A unit of distance ("km", "kilometres", "miles", "kilomètres").
fn distance_unit(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometres" | "kilometers" | "kms" | "miles" | "kilomètres" | "kilomètre"
    )
}

/// A reference point at a distance ("a town 300 kilometres north-east of
/// Bamako", "20 km from Djibo"): the town measured from is not the scene.
fn distance_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut k = first;
    let mut compass = false;
    while k > 0 && first - k < 7 {
        k -= 1;
        let x = w(k);
        if distance_unit(x) {
            return true;
        }
        // "cette localité située au nord de Bogandé", "a village lying
        // east of Djibo": the town the place is situated from
        compass |= matches!(x, "nord" | "sud" | "ouest" | "l'est" | "l'ouest" | "est")
            || crate::names::compass_adjective(x).is_some();
        if compass
            && matches!(
                x,
                "située" | "situé" | "situées" | "situés" | "situated" | "located" | "lying"
            )
        {
            return true;
        }
        if x == "au" {
            continue;
        }
        // "to the north of", "au nord de", "à l'est de" (the French "est"
        // read as "is" after "l'")
        let french_east = (x == "is" && k >= 1 && matches!(w(k - 1), "l'" | "the"))
            || matches!(x, "l'est" | "l'ouest");
        // (and past the kind of place: "fifty kilometres east of the town
        // of Ménaka", "à 30 km de la ville de Djibo")
        if matches!(
            x,
            "to" | "the" | "in" | "à" | "l'" | "nord" | "sud" | "ouest" | "de" | "du" | "la"
        ) || settlement_noun(x)
            || french_east
        {
            continue;
        }
        // "a short distance from Ber", "not far from Ber"
        if x == "from" && k >= 1 && matches!(w(k - 1), "distance" | "far" | "way") {
            return true;
        }
        // (English compass words and their adjectives: "12 km north of")
        let direction = matches!(
            x,
            "of" | "from" | "northern" | "southern" | "eastern" | "western"
        ) || (crate::names::compass_adjective(x).is_some()
            && !matches!(x, "nord" | "sud" | "est" | "ouest"));
        if !direction {
            return false;
        }
    }
    false
}

/// Where the reporters are ("our members in Bankass", "its team in
/// Mopti") or where the dead were buried ("as the dead were buried at the
/// army's camp in Gao"), not the event.
fn reporters_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // (past one adjective: "our emergency team in Koro")
    if first >= 3
        && matches!(w(first - 1), "in" | "at" | "from" | "based")
        && REPORTER_WORDS.contains(&w(first - 2))
        && (matches!(w(first - 3), "our" | "its" | "their")
            || (first >= 4
                && t[first - 3].kind == Kind::Word
                && matches!(w(first - 4), "our" | "its" | "their")))
    {
        return true;
    }
    // "our clinic team based in Sofara", "a researcher based in Bamako":
    // where someone works from
    if first >= 2 && matches!(w(first - 1), "in" | "at") && w(first - 2) == "based" {
        return true;
    }
    // "survivors our field teams met in Kaya", "our staff working in Djibo"
    if first >= 3 && matches!(w(first - 1), "in" | "at") {
        let verb_k = first - 2;
        let verb = matches!(
            w(verb_k),
            "met" | "interviewed" | "reached" | "contacted" | "working" | "deployed" | "present"
        );
        if verb
            && REPORTER_WORDS.contains(&w(verb_k - 1))
            && (verb_k.saturating_sub(3)..verb_k - 1)
                .any(|k| matches!(w(k), "our" | "its" | "their"))
        {
            return true;
        }
    }
    // "a military source in Ségou said ...", "une source hospitalière à
    // Tombouctou": where the source sits
    let source = |x: &str| {
        matches!(
            x,
            "source"
                | "sources"
                | "official"
                | "officials"
                | "spokesman"
                | "correspondent"
                // "community leaders in Bankass put the number at 41"
                | "leaders"
                | "elders"
                | "notables"
                // "the government in Lomé did not confirm", "the junta in
                // Bamako": where a state speaks from
                | "government"
                | "junta"
                | "authorities"
                | "ministry"
                | "presidency"
        )
    };
    if first >= 2
        && matches!(w(first - 1), "in" | "at" | "from" | "à")
        && (source(w(first - 2))
            || (first >= 3 && source(w(first - 3)) && t[first - 2].kind == Kind::Word))
    {
        return true;
    }
    (first.saturating_sub(9)..first).any(|k| super::words::burial_at(t, k))
        && (first.saturating_sub(9)..first).all(|k| !matches!(w(k), "." | ";" | "killed"))
}

/// "a march against a proposed buffer zone around Tabankort": what the
/// protesters objected to, not where they marched.
fn protest_object(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("the 23 March attack against ...": the month, not a march)
    let month = |j: usize| {
        w(j) == "march"
            && (t
                .get(j.wrapping_sub(1))
                .is_some_and(|x| x.kind == Kind::Num)
                || t.get(j + 1).is_some_and(|x| x.kind == Kind::Num))
    };
    (first.saturating_sub(9)..first).any(|k| {
        matches!(w(k), "against" | "contre")
            && (k.saturating_sub(6)..k).any(|j| {
                !month(j)
                    && matches!(
                        w(j),
                        "march"
                            | "marching"
                            | "marched"
                            | "protest"
                            | "protests"
                            | "protesting"
                            | "protested"
                            | "demonstration"
                            | "demonstrations"
                            | "demonstrating"
                            | "rally"
                            | "marche"
                            | "manifestation"
                            | "manifestations"
                            | "manifestaient"
                            | "manifestants"
                            | "protestation"
                    )
            })
            && (k..first).all(|j| !matches!(w(j), "." | ";" | "," | "in" | "at" | "à" | "dans"))
    })
}

/// "the spokesman told reporters in Bamako", "the minister said in Niamey",
/// "a déclaré à Bamako": where the words were spoken.
fn where_spoken(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let speech = |x: &str| {
        matches!(
            x,
            "said" | "says" | "speaking" | "told" | "declared" | "déclaré" | "declare"
        )
    };
    first >= 2
        && matches!(w(first - 1), "in" | "at" | "à")
        && (speech(w(first - 2))
            || (matches!(
                w(first - 2),
                "reporters" | "journalists" | "press" | "journalistes"
            ) && first >= 3
                && speech(w(first - 3))))
}

/// "one resident, reached in Tougan, said", "leaders met by our partners in
/// Tougan", "un habitant joint à Dédougou": where a witness was reached,
/// not the scene.
fn where_reached(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let contact = |x: &str| {
        matches!(
            x,
            "reached"
                | "contacted"
                | "interviewed"
                | "met"
                | "joint"
                | "jointe"
                | "joints"
                | "rencontré"
                | "rencontrés"
                | "interrogé"
                | "interrogés"
                | "contacté"
                | "contactés"
        )
    };
    first >= 2
        && matches!(w(first - 1), "in" | "at" | "à")
        && (first.saturating_sub(5)..first - 1)
            .rev()
            .take_while(|&k| t[k].kind == Kind::Word)
            .any(|k| contact(w(k)))
}

/// "Un notable de N'Guigmi parle de dix à quinze morts", "an official from
/// Kaya said": where the speaker comes from, when a speech verb follows.
fn speaker_from(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let speaker = |x: &str| {
        matches!(
            x,
            "notable"
                | "notables"
                | "official"
                | "officials"
                | "élu"
                | "elected"
                | "chief"
                | "chef"
                | "source"
                | "sources"
                | "witness"
                | "witnesses"
                | "témoin"
                | "témoins"
                | "resident"
                | "residents"
                | "habitant"
                | "habitants"
                | "dignitary"
        )
    };
    let speaks = |x: &str| {
        matches!(
            x,
            "said"
                | "says"
                | "told"
                | "speaks"
                | "speak"
                | "parle"
                | "parlent"
                | "affirme"
                | "affirment"
                | "raconte"
                | "racontent"
                | "reported"
                | "estime"
                | "évoque"
                | "évoquent"
        )
    };
    first >= 2
        && matches!(w(first - 1), "of" | "from" | "de" | "du")
        && speaker(w(first - 2))
        && (first + 1..(first + 9).min(t.len())).any(|k| speaks(w(k)))
}

/// "nine wounded, who are receiving care in Niamey", "les blessés sont
/// soignés à Dori": where the wounded are treated.
fn where_treated(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    first >= 2
        && matches!(w(first - 1), "in" | "at" | "à")
        && matches!(
            w(first - 2),
            "care"
                | "treatment"
                | "treated"
                | "hospitalised"
                | "hospitalized"
                | "soignés"
                | "soigné"
                | "soignées"
                | "hospitalisés"
                | "hospitalisé"
                | "évacués"
                | "évacué"
        )
}

/// "a unit from the Natiaboani detachment was ambushed", "une unité du
/// détachement de Natiaboani": where the troops came from, not where they
/// were hit.
fn unit_home(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let post = |x: &str| {
        matches!(
            x,
            "detachment" | "détachement" | "base" | "camp" | "garrison" | "barracks"
        )
    };
    let unit = |x: &str| {
        matches!(
            x,
            "unit"
                | "units"
                | "patrol"
                | "column"
                | "convoy"
                | "squad"
                | "unité"
                | "patrouille"
                | "colonne"
                | "convoi"
        )
    };
    // the post's name before it ("the Natiaboani (military) detachment") or
    // after it ("détachement de Natiaboani")
    let named_post = post(w(first + 1))
        || (matches!(w(first + 1), "military" | "militaire" | "soldier" | "army")
            && post(w(first + 2)));
    let post_of = first >= 2 && matches!(w(first - 1), "of" | "de" | "du") && post(w(first - 2));
    if !named_post && !post_of {
        return false;
    }
    let from = if post_of { first - 2 } else { first };
    (from.saturating_sub(5)..from).any(|k| {
        unit(w(k))
            && (k + 1..from).any(|j| matches!(w(j), "from" | "of" | "du" | "de"))
            && (k + 1..from).all(|j| !matches!(w(j), "," | "." | ";" | "in" | "at" | "on"))
    })
}

/// "it was followed within hours by gunfire on the camp at Douentza": the
/// next event's place, not this toll's.
fn followed_by(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (first.saturating_sub(10)..first).any(|k| {
        w(k) == "followed"
            && (k + 1..first).any(|j| w(j) == "by")
            && (k..first).all(|j| !matches!(w(j), "." | ";"))
    })
}

/// The clause around the name makes it another place: the next event's,
/// a protest's object, a unit's home post, where the wounded are treated,
/// where words were spoken, where a speaker comes from.
fn other_by_clause(t: &[Token], first: usize) -> bool {
    followed_by(t, first)
        || protest_object(t, first)
        || unit_home(t, first)
        || where_treated(t, first)
        || where_spoken(t, first)
        || where_reached(t, first)
        || speaker_from(t, first)
}

/// The words before the name make it another place than the event's: a
/// code name, a burial, a road, a meeting, a hospital, an official's seat.
fn other_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if other_by_clause(t, first) {
        return true;
    }
    let lo = first.saturating_sub(5);
    if title_before(t, first) {
        return true;
    }
    for k in lo..first {
        let x = w(k);
        let nx = w(k + 1);
        // "an operation code-named Tongo Tongo", "the dead were buried in Gao"
        // (not "the gendarmes of the operation at Bassira": where it is)
        let named_op = x == "operation"
            && !(k + 1..first).any(|j| matches!(w(j), "at" | "in" | "near" | "around" | "outside"));
        // ("a wounded man having succumbed at Nouna", "ayant succombé à
        // Nouna": where he was treated)
        // ("people who attended the burials in Boulsa": where the dead were
        // buried)
        if (matches!(x, "code-named" | "codenamed" | "dubbed") || named_op) && k + 3 >= first
            || matches!(x, "succumbed" | "succombé")
            || super::words::burial_at(t, k)
            || matches!(x, "burials" | "burial" | "inhumation") && k + 3 >= first
        {
            return true;
        }
        // "the road between Ansongo and Ménaka", "on the road to Markoye",
        // a convoy's or a traveller's two ends
        if ROUTE_WORDS.contains(&x)
            && matches!(
                nx,
                "between" | "from" | "linking" | "to" | "toward" | "towards"
            )
        {
            return true;
        }
        // "the agreement signed in Ouagadougou", "talks held in Algiers",
        // "a movement born in Nigeria", "a woman who arrived in Kaya on
        // Monday" (where survivors went; not the attackers' arrival)
        let arrival = matches!(x, "arrived" | "arriving")
            && !(k.saturating_sub(6)..k).any(|j| super::tolls::is_militant_word(w(j)));
        if (arrival
            || matches!(
                x,
                "signed"
                    | "held"
                    | "hosted"
                    | "negotiated"
                    | "brokered"
                    | "born"
                    | "founded"
                    // "a statement issued in Bamako": where the words were
                    | "issued"
            ))
            && matches!(nx, "in" | "at")
            && k + 2 >= first
        {
            return true;
        }
        // a correction: "our report placed the attack in Bam province",
        // "an earlier version placed the ambush near Markoye"
        if x == "placed" && (k + 1..first).any(|j| matches!(w(j), "in" | "near" | "at")) {
            return true;
        }
        if matches!(
            x,
            "taken"
                | "brought"
                | "evacuated"
                | "transferred"
                | "transported"
                | "rushed"
                | "flown"
                | "airlifted"
        ) && (nx == "to" || w(k + 2) == "to" || nx == "on")
        {
            return true;
        }
        if seat_word(x)
            && (k + 3 >= first
                // "the mayor of the commune of X", "the governor of the
                // Diffa region", "le gouverneur de la région de Diffa"
                || (k + 1..first).all(|j| {
                    matches!(
                        w(j),
                        "of" | "the" | "commune" | "rural" | "urban" | "municipality" | "circle"
                            | "cercle" | "department" | "province" | "town" | "locality"
                            | "region" | "de" | "la" | "du"
                    )
                }))
        {
            return true;
        }
    }
    false
}

/// A word for where a person or an office sits ("hospital", "governor",
/// "le préfet"): the name after it is their seat, not the scene.
fn seat_word(x: &str) -> bool {
    matches!(
        x,
        "hospital"
            | "hospitals"
            | "clinic"
            | "based"
            | "headquartered"
            | "emir"
            | "governor"
            | "gouverneur"
            | "mayor"
            | "prefect"
            | "préfet"
            | "sub-prefect"
            | "sous-préfet"
            | "capital"
            | "official"
            | "officials"
            | "councillor"
            | "councillors"
            | "authorities"
            | "prosecutor"
            | "prosecutors"
            | "judge"
            | "court"
            | "living"
    )
}

/// A title's words before the name ("our article of 7 June headlined
/// 'Koro: a village in mourning'"): not the scene.
fn title_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (first.saturating_sub(3)..first).any(|k| {
        matches!(
            w(k),
            "titled" | "entitled" | "headlined" | "intitulé" | "intitulée"
        )
    })
}

/// "des rescapés réfugiés à Boulsa", "survivors sheltered in Kaya": where
/// they found refuge.
fn refuge(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    first >= 2
        && matches!(w(first - 1), "in" | "at" | "à")
        && matches!(
            w(first - 2),
            "refugees" | "réfugiés" | "réfugiées" | "réfugié" | "sheltered" | "hébergés"
        )
}

/// "rentrait d'une mission de ravitaillement à Fada N'Gourma": where a
/// returning unit had been sent, not where it was hit.
fn mission_destination(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    first >= 2
        && matches!(w(first - 1), "à" | "in" | "at")
        && (first.saturating_sub(5)..first - 1).any(|k| w(k) == "mission")
        && (first.saturating_sub(9)..first - 1).any(|k| {
            matches!(
                w(k),
                "rentrait" | "revenait" | "returning" | "back" | "retour" | "heading"
            )
        })
        && (first.saturating_sub(5)..first - 1).all(|k| !matches!(w(k), "," | "." | ";"))
}

/// A destination, a boat or a reference line: "from X", "heading for X",
/// "toward X", "the ferry Gao", "the border with Mali".
fn destination_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("close to X", "next to X" are where it happened)
    let near_to = first >= 2
        && w(first - 1) == "to"
        && matches!(w(first - 2), "close" | "next" | "adjacent" | "near");
    // ("families who fled Pensa are still arriving in Kaya": where the
    // displaced go)
    if first >= 2
        && matches!(w(first - 1), "in" | "at" | "à")
        && matches!(
            w(first - 2),
            "arriving" | "arrived" | "arrive" | "sheltering" | "taking"
        )
        && (first.saturating_sub(10)..first - 2).any(|k| {
            matches!(
                w(k),
                "fled" | "fleeing" | "displaced" | "families" | "refugees"
            )
        })
    {
        return true;
    }
    if mission_destination(t, first) {
        return true;
    }
    if refuge(t, first) {
        return true;
    }
    // ("an army escort from the Mourdiah post was ambushed near X": where
    // the unit came from)
    // ("une escorte partie du détachement de Mourdiah": "from the
    // detachment of Mourdiah")
    let unit_of = first >= 4
        && w(first - 1) == "of"
        && matches!(
            w(first - 2),
            "detachment" | "détachement" | "post" | "poste" | "camp" | "base"
        )
        && matches!(
            w(first - 4),
            "from" | "parti" | "partie" | "partis" | "parties"
        );
    if unit_of {
        return true;
    }
    if first >= 2
        && w(first - 1) == "the"
        && w(first - 2) == "from"
        && (first + 1..(first + 4).min(t.len())).any(|j| {
            matches!(
                w(j),
                "post"
                    | "camp"
                    | "base"
                    | "detachment"
                    | "garrison"
                    | "barracks"
                    | "brigade"
                    | "unit"
            )
        })
    {
        return true;
    }
    // ("survivors who reached Nouna": where they fled to)
    if first > 0
        && matches!(
            w(first - 1),
            "from" | "to" | "toward" | "towards" | "reached" | "reaching"
        )
        && !near_to
    {
        return true;
    }
    // "the track that joins Ménaka to Ansongo": a route's ends, not the scene
    // a departure: "the lorry had left the village of Taroun"
    if (first.saturating_sub(5)..first).any(|k| {
        matches!(w(k), "left" | "departed" | "leaving" | "quit")
            && (k + 1..first).all(|j| {
                matches!(
                    w(j),
                    "the" | "village" | "town" | "city" | "locality" | "hamlet" | "of" | "camp"
                )
            })
    }) {
        return true;
    }
    // (and its other end: "linking Gao to Ansongo", "reliant Bankass à Mopti")
    let link = |x: &str| {
        matches!(
            x,
            "joins" | "joining" | "links" | "linking" | "linked" | "connects" | "connecting"
        )
    };
    if (first.saturating_sub(5)..first).any(|k| {
        link(w(k))
            && t[k + 1..first]
                .iter()
                .all(|x| x.cap || matches!(x.lw(), "to" | "and" | "in" | "with" | "-"))
    }) {
        return true;
    }
    if returning_to(t, first) {
        return true;
    }
    // "a convoy that had left Gao for Ansongo", "parti de Gao pour
    // Ansongo": the end of the journey, not where it was hit
    if first >= 2
        && w(first - 1) == "for"
        && (first.saturating_sub(7)..first - 1).any(|k| {
            matches!(
                w(k),
                "left"
                    | "leaving"
                    | "departed"
                    | "set"
                    | "parti"
                    | "partis"
                    | "partie"
                    | "parties"
                    | "quitté"
                    | "route"
            ) || (w(k) == "from" && k + 2 < first && t[k + 1..first - 1].iter().all(|x| x.cap))
        })
    {
        return true;
    }
    // "heading for Bandiagara", "bound for the mine at X"
    if (first.saturating_sub(4)..first)
        .any(|k| matches!(w(k), "heading" | "headed" | "bound" | "destined") && w(k + 1) == "for")
    {
        return true;
    }
    // a destination: "heading toward the villages of X"
    if (first.saturating_sub(4)..first).any(|k| matches!(w(k), "toward" | "towards")) {
        return true;
    }
    // a boat named after a town: "the boat « Tombouctou »", "the ferry Gao"
    let before = if first >= 2 && matches!(w(first - 1), "\"" | "«" | "'") {
        w(first - 2)
    } else if first >= 1 {
        w(first - 1)
    } else {
        ""
    };
    if matches!(before, "boat" | "ship" | "vessel" | "ferry" | "barge") {
        return true;
    }
    // "near the border with Mali": a reference line, not the place
    if first >= 2
        && matches!(w(first - 1), "with" | "of")
        && matches!(w(first - 2), "border" | "borders" | "frontier")
    {
        return true;
    }
    false
}

/// "returning from leave to their post in Kidal", "regagnaient leur base
/// de Kidal": where they were going back to.
fn returning_to(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    first >= 3
        && matches!(w(first - 1), "in" | "at" | "of" | "de" | "à")
        && matches!(
            w(first - 2),
            "post" | "base" | "unit" | "barracks" | "camp" | "home" | "homes" | "positions"
        )
        && matches!(
            w(first - 3),
            "their" | "his" | "its" | "her" | "leur" | "leurs" | "son" | "sa"
        )
        && (first.saturating_sub(10)..first - 3).any(|k| {
            matches!(
                w(k),
                "returning"
                    | "travelling"
                    | "traveling"
                    | "heading"
                    | "going"
                    | "rejoining"
                    | "back"
                    | "regagnaient"
                    | "regagnait"
                    | "rejoignaient"
                    | "rejoignait"
                    | "rentraient"
                    | "rentrait"
                    | "retournaient"
            )
        })
}

/// "Niger's defence ministry said", "Burkina Faso's army": a country's
/// institution speaks; the country is not a second scene of the toll.
pub(super) fn institution_of(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "the government of Niger", "le gouvernement du Niger"
    let of_form = first >= 2 && w(first - 1) == "of" && institution(w(first - 2));
    of_form
        || (first..first + 3)
            .any(|k| (w(k).ends_with("'s") || w(k).ends_with("\u{2019}s")) && institution(w(k + 1)))
}

/// A word for a state's institution or spokesman.
fn institution(x: &str) -> bool {
    matches!(
        x,
        "defence"
            | "defense"
            | "army"
            | "armed"
            | "military"
            | "government"
            | "ministry"
            | "minister"
            | "president"
            | "interior"
            | "foreign"
            | "junta"
            | "authorities"
            | "embassy"
            | "ambassador"
            | "general"
    )
}

/// The words after the name make it a site, a convoy, an accord or a
/// hospital named after a place.
fn named_after(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "the Boungou mine", "the Boungou convoy ambush", "the Essakane gold
    // mine": a site or convoy named after a place (often the destination)
    if (first + 1..first + 3).any(|k| matches!(w(k), "mine" | "mines" | "convoy")) {
        return true;
    }
    // "ambushed on the Goundam road": a road named after where it leads
    if first > 0
        && w(first - 1) == "the"
        && matches!(w(first + 1), "road" | "highway" | "axis" | "route")
    {
        return true;
    }
    // "the Ouagadougou agreement", "the Algiers accord": a name, not a place
    if (first + 1..first + 3).any(|k| {
        matches!(
            w(k),
            "agreement"
                | "agreements"
                | "accord"
                | "accords"
                | "talks"
                | "process"
                | "declaration"
                | "summit"
                | "conference"
                | "treaty"
        )
    }) {
        return true;
    }
    // "Sévaré hospital"
    if (first + 1..first + 3).any(|k| matches!(w(k), "hospital" | "hospitals" | "clinic")) {
        return true;
    }
    // "the Ouahigouya prosecutor said ...": an official's seat, not the scene
    if matches!(
        w(first + 1),
        "prosecutor"
            | "prosecutors"
            | "court"
            | "tribunal"
            | "governor"
            | "mayor"
            | "prefect"
            | "sub-prefect"
            | "prefecture"
            | "police"
    ) {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn gaz() -> Gazetteer {
        let mut douna1 = Place::example("Douna", 15.11, -1.73);
        douna1.admin1 = "Mopti".into();
        douna1.id = "d1".into();
        let mut douna2 = Place::example("Douna", 14.648, -1.738);
        douna2.admin1 = "Mopti".into();
        douna2.id = "d2".into();
        let mut douna3 = Place::example("Douna", 13.23, -5.92);
        douna3.admin1 = "Ségou".into();
        douna3.id = "d3".into();
        let mut douentza = Place::example("Douentza Cercle", 14.7, -1.9);
        douentza.feature_class = "A".into();
        douentza.feature_code = "ADM2".into();
        douentza.admin1 = "Mopti".into();
        let mut segou_r = Place::example("Ségou Region", 13.8, -6.0);
        segou_r.feature_class = "A".into();
        segou_r.feature_code = "ADM1".into();
        segou_r.admin1 = "Ségou".into();
        let mut segou = Place::example("Ségou", 13.43, -6.26);
        segou.feature_code = "PPLA".into();
        segou.admin1 = "Ségou".into();
        let mut kin = Place::example("Kinmparana", 12.84, -4.92);
        kin.alt_names = vec!["Kimparana".into()];
        kin.admin1 = "Ségou".into();
        let mut mopti = Place::example("Mopti", 14.49, -4.19);
        mopti.admin1 = "Mopti".into();
        let dial = Place::example("Dialoubé", 15.02, -4.23);
        let mut bankass = Place::example("Bankass", 14.07, -3.51);
        bankass.admin1 = "Mopti".into();
        Gazetteer::from_places(vec![
            douna1, douna2, douna3, douentza, segou_r, segou, kin, mopti, dial, bankass,
        ])
    }

    fn find(s: &str) -> Vec<PlaceMention> {
        let g = gaz();
        let t = tokens(s, 0, s.len());
        let masked = vec![false; t.len()];
        find_places(s, &t, &masked, &g, &mut PlaceCache::default())
    }

    fn names(s: &str) -> Vec<(String, GeoPrecision, Role)> {
        find(s)
            .into_iter()
            .map(|m| (m.place.name, m.place.precision, m.role))
            .collect()
    }

    #[test]
    fn village_of() {
        let m = find("Gunmen attacked the village of Kimparana on Monday.");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].place.name, "Kimparana");
        assert_eq!(m[0].place.precision, GeoPrecision::Place);
        assert!(m[0].cue);
        assert!(m[0].place.lat.is_some());
    }

    #[test]
    fn vague_areas() {
        let n = names("Armed men in troubled central Mali shot two herders.");
        assert_eq!(
            n,
            vec![(
                "central Mali".to_string(),
                GeoPrecision::Country,
                Role::Event
            )]
        );
        let n = names("attacks in northern Burkina Faso rose");
        assert_eq!(n[0].0, "northern Burkina Faso");
        let n = names("seven died when a drone hit central Mali's Segou region");
        assert_eq!(n.len(), 2);
        assert_eq!(n[1].0, "Segou");
        assert_eq!(n[1].1, GeoPrecision::Admin1);
    }

    #[test]
    fn countries() {
        let n = names("near Kompienga, in Koulpelogo Province, Burkina Faso.");
        assert!(n
            .iter()
            .any(|x| x.0 == "Burkina Faso" && x.1 == GeoPrecision::Country));
        let n = names("the Niger River flooded");
        assert!(n.is_empty());
    }

    #[test]
    fn homonyms_use_admin_context() {
        let m = find("Fourteen died when armed men struck Douna, in Douentza Cercle, at dusk.");
        let d = m.iter().find(|m| m.place.name == "Douna").expect("douna");
        assert_eq!(d.place.place_id.as_deref(), Some("d2"));
        let c = m
            .iter()
            .find(|m| m.place.name == "Douentza")
            .expect("cercle");
        assert_eq!(c.place.precision, GeoPrecision::Admin2);
        let m = find("in Douna, Ségou region");
        let d = m.iter().find(|m| m.place.name == "Douna").expect("douna");
        assert_eq!(d.place.place_id.as_deref(), Some("d3"));
    }

    #[test]
    fn hospital_is_not_event() {
        let n = names("The wounded were taken to Mopti for treatment.");
        assert_eq!(
            n,
            vec![("Mopti".to_string(), GeoPrecision::Place, Role::Other)]
        );
        let n = names("The nine wounded went to hospitals in Mopti.");
        assert_eq!(n[0].2, Role::Other);
        let n = names("jihadists based in Mopti attacked");
        assert_eq!(n[0].2, Role::Other);
        // an official's office names where the source sits, not the event
        let n = names("The mayor of the commune of Mopti said gunmen had killed eleven people.");
        assert_eq!(n[0].2, Role::Other);
        let n = names("The governor of Mopti said gunmen had killed eleven people.");
        assert_eq!(n[0].2, Role::Other);
    }

    #[test]
    fn unresolved_after_strong_cue() {
        let g = gaz();
        let mut cache = PlaceCache::default();
        let s = "late in January, assailants burned the villages of Ogota and Ouembe";
        let t = tokens(s, 0, s.len());
        let m = find_places(s, &t, &vec![false; t.len()], &g, &mut cache);
        let n: Vec<&str> = m.iter().map(|m| m.place.name.as_str()).collect();
        assert_eq!(n, ["Ogota", "Ouembe"]);
        assert!(m.iter().all(|m| m.place.lat.is_none()));
        // later, "in Ogota" alone is known to be a place
        let s = "Troops returned to Ogota and stayed in Ogota.";
        let t = tokens(s, 0, s.len());
        let m = find_places(s, &t, &vec![false; t.len()], &g, &mut cache);
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn a_bracket_that_locates_a_name_is_a_cue() {
        let n = names("3. Dialloubé (commune of Konna, Mopti cercle) - Thursday");
        assert_eq!(n.first().map(|x| x.0.as_str()), Some("Dialloubé"), "{n:?}");
    }

    #[test]
    fn fuzzy_only_after_cue() {
        let n = names("The assault on Dialloubé came at dawn.");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Dialloubé");
        let n = names("Dialloubé said nothing.");
        assert!(n.is_empty());
    }

    #[test]
    fn organisations_are_not_places() {
        assert!(names("fighters of Katiba Macina attacked").is_empty());
        assert!(names("the Islamic State in the Greater Sahara claimed it").is_empty());
        assert!(names("the Mopti Regional Council met").len() <= 1);
        let n = names("since the Second Battle of Bankass in 2014");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Bankass");
    }

    #[test]
    fn admin_words() {
        let n = names("several towns in Bankass Circle were hit");
        assert_eq!(n[0].0, "Bankass");
        assert_eq!(n[0].1, GeoPrecision::Admin2);
        assert_eq!(strip_admin_words("Cercle de Niono"), "Niono");
        assert_eq!(strip_admin_words("Ségou Region"), "Ségou");
    }

    #[test]
    fn sentence_start_words() {
        assert!(names("The attack was repelled.").is_empty());
        assert!(names("").is_empty());
    }
}
