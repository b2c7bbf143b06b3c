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
use crate::gazetteer::normalize::normalize;
use crate::gazetteer::{Gazetteer, Hint, MatchKind, Place};
use crate::model::GeoPrecision;
use std::collections::HashMap;

static NOT_PLACES_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();
static ORG_WORDS_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();
static PLACE_CUES_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();
static STRONG_CUES_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();
static PERSON_ROLES_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();
static DIRECTIONS_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();

use crate::words::has;

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
}

/// What a mention is to the event of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A candidate event place.
    Event,
    /// Named for another reason (hospital, base, origin, comparison).
    Other,
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
    pub(crate) fuzzy: HashMap<String, Option<Box<Place>>>,
    /// Resolutions by name, hint and anchor.
    resolved: HashMap<String, Option<Box<Place>>>,
    /// Normalised names seen after a strong cue but not in the gazetteer.
    pub confirmed: HashMap<String, String>,
    /// Whether the gazetteer spots a normalised name in running text (the
    /// same names recur across an article and a corpus).
    spots: rustc_hash::FxHashMap<String, bool>,
}

impl PlaceCache {
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

const DIRECTIONS: &[&str] = &[
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "north-eastern",
    "northwestern",
    "north-western",
    "southeastern",
    "south-eastern",
    "southwestern",
    "south-western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-central",
    "centre",
    "center",
];

/// Country of a country name (lowercase, possessive stripped).
fn country_code(w: &str) -> Option<(&'static str, &'static str)> {
    match w {
        "mali" => Some(("ML", "Mali")),
        "niger" => Some(("NE", "Niger")),
        "burkina" => Some(("BF", "Burkina Faso")),
        _ => None,
    }
}

/// Country implied by a demonym ("Malian troops").
pub fn demonym_country(w: &str) -> Option<(&'static str, &'static str)> {
    match w {
        "malian" | "malians" => Some(("ML", "Mali")),
        "burkinabe" | "burkinabè" | "burkinabes" => Some(("BF", "Burkina Faso")),
        "nigerien" | "nigerienne" | "nigeriens" => Some(("NE", "Niger")),
        _ => None,
    }
}

/// Admin-1 regions (normalised names) that a vague area covers.
pub fn vague_covers(area_key: &str) -> &'static [&'static str] {
    match area_key {
        "central mali" | "center mali" | "centre mali" => &["mopti", "segou"],
        "northern mali" | "north mali" => &[
            "tombouctou",
            "gao",
            "kidal",
            "menaka",
            "taoudenit",
            "timbuktu",
        ],
        "southern mali" | "south mali" => &["sikasso", "koulikoro", "kayes", "bamako"],
        "western mali" | "west mali" => &["kayes", "koulikoro"],
        "eastern mali" | "east mali" => &["gao", "menaka"],
        "northern burkina faso" | "north burkina faso" => &["sahel", "nord", "centre nord"],
        "eastern burkina faso" | "east burkina faso" => &["est", "centre est"],
        "western burkina faso" | "west burkina faso" => {
            &["boucle du mouhoun", "hauts bassins", "cascades"]
        }
        "southern burkina faso" | "south burkina faso" => &["sud ouest", "centre sud", "cascades"],
        "central burkina faso" | "centre burkina faso" => {
            &["centre", "plateau central", "centre nord", "centre ouest"]
        }
        "western niger" | "west niger" => &["tillaberi", "tahoua", "dosso", "niamey"],
        "southeastern niger" | "south eastern niger" | "eastern niger" => &["diffa", "zinder"],
        "northern niger" | "north niger" => &["agadez"],
        "southern niger" | "south niger" => &["maradi", "zinder", "dosso"],
        _ => &[],
    }
}

/// Capitalised words that are not place names in running text.
const NOT_PLACES: &[&str] = &[
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "of",
    "and",
    "but",
    "or",
    "for",
    "after",
    "before",
    "during",
    "when",
    "while",
    "as",
    "since",
    "with",
    "without",
    "from",
    "by",
    "to",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "their",
    "our",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "one",
    "two",
    "three",
    "according",
    "also",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "despite",
    "although",
    "though",
    "gunmen",
    "militants",
    "jihadists",
    "soldiers",
    "troops",
    "army",
    "police",
    "residents",
    "officials",
    "government",
    "president",
    "minister",
    "ministry",
    "mayor",
    "governor",
    "general",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "commander",
    "chief",
    "security",
    "forces",
    "force",
    "group",
    "groups",
    "state",
    "islamic",
    "islam",
    "al",
    "qaeda",
    "nasr",
    "nusrat",
    "muslimin",
    "muslimeen",
    "jama'at",
    "jamaat",
    "ansar",
    "ansarul",
    "katiba",
    "katibat",
    "macina",
    "wagner",
    "russian",
    "russia",
    "french",
    "france",
    "barkhane",
    "operation",
    "human",
    "rights",
    "watch",
    "amnesty",
    "international",
    "united",
    "nations",
    "un",
    "minusma",
    "ecowas",
    "african",
    "africa",
    "union",
    "european",
    "west",
    "western",
    "east",
    "eastern",
    "north",
    "northern",
    "south",
    "southern",
    "central",
    "centre",
    "center",
    "sahel",
    "sahara",
    "greater",
    "sahelian",
    "dozo",
    "dozos",
    "fulani",
    "peul",
    "peuls",
    "dogon",
    "bambara",
    "tuareg",
    "arab",
    "songhai",
    "mossi",
    "koglweogo",
    "jihadist",
    "jihadi",
    "muslim",
    "christian",
    "christians",
    "catholic",
    "church",
    "mosque",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "reuters",
    "afp",
    "ap",
    "bbc",
    "rfi",
    "said",
    "says",
    "told",
    "read",
    "more",
    "share",
    "photo",
    "credit",
    "total",
    "views",
    "zoom",
    "print",
    "later",
    "local",
    "village",
    "town",
    "city",
    "region",
    "province",
    "cercle",
    "circle",
    "department",
    "commune",
    "district",
    "republic",
    "armed",
    "malian",
    "burkinabe",
    "nigerien",
    "war",
    "battle",
    "siege",
    "attack",
    "attacks",
    "strike",
    "drone",
    "drones",
    "massacre",
    "ambush",
    "raid",
    "bayraktar",
    "turkish",
    "turkey",
    "hrw",
    "civic",
    "acled",
    "ucdp",
    "ohchr",
    "unicef",
    "msf",
    "icrc",
    "red",
    "cross",
    "crescent",
    "national",
    "council",
    "committee",
    "movement",
    "movements",
    "front",
    "coalition",
    "coordination",
    "agreement",
    "accords",
    "accord",
    "news",
    "press",
    "radio",
    "tv",
    "television",
    "agency",
    "times",
    "post",
    "university",
    "institute",
    "mission",
    "peacekeeping",
    "peacekeepers",
    "high",
    "commissioner",
    "director",
    "senior",
    "researcher",
    "spokesman",
    "spokesperson",
    "prosecutor",
    "defence",
    "defense",
    "interior",
    "foreign",
    "affairs",
    "transitional",
    "junta",
    "military",
    "fama",
    "vdp",
    "volunteers",
    "homeland",
    "communications",
    "advocacy",
    "policy",
    "manager",
    "whatsapp",
    "twitter",
    "facebook",
    "telegram",
    "part",
    "location",
    "date",
    "deaths",
    "injured",
    "perpetrator",
    "weapon",
    "target",
    "type",
    "casualties",
    "killed",
    "wounded",
    "more",
    "i",
    "ii",
    "iii",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "imam",
    "emir",
    "sheikh",
    "god",
    "allah",
    "prophet",
    "ramadan",
    "eid",
    "tabaski",
    "christmas",
    "easter",
    "first",
    "second",
    "third",
    "last",
    "new",
    "old",
    "big",
    "great",
    "upper",
    "lower",
    "little",
    "grand",
    "petit",
    "saint",
    "st",
    "mount",
    "lake",
    "river",
    "forest",
    "national",
    "park",
    "reserve",
    "road",
    "route",
    "highway",
    "bridge",
    "camp",
    "base",
    "hospital",
    "school",
    "market",
    "prison",
    "gendarmerie",
    "station",
    "airport",
    "border",
];

/// Words that make a capitalised run an organisation or event name.
const ORG_WORDS: &[&str] = &[
    "army",
    "forces",
    "force",
    "group",
    "movement",
    "movements",
    "front",
    "coalition",
    "coordination",
    "council",
    "committee",
    "mission",
    "union",
    "nations",
    "state",
    "islamic",
    "watch",
    "international",
    "agreement",
    "accords",
    "accord",
    "operation",
    "katiba",
    "katibat",
    "brigade",
    "battalion",
    "liberation",
    "party",
    "alliance",
    "university",
    "institute",
    "agency",
    "news",
    "radio",
    "press",
    "war",
    "offensive",
    "greater",
    "framework",
    "center",
    "centre",
    "organization",
    "organisation",
    "office",
    "ministry",
    "government",
    "company",
    "group's",
    "emirate",
    "province's",
];

const PERSON_ROLES: &[&str] = &[
    "prosecutor",
    "president",
    "minister",
    "mayor",
    "governor",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "researcher",
    "chief",
    "commander",
    "leader",
    "official",
    "officer",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "colonel",
    "col",
    "captain",
    "lieutenant",
    "sergeant",
    "imam",
    "emir",
    "director",
    "secretary",
    "prefect",
    "deputy",
    "resident",
    "journalist",
    "correspondent",
    "analyst",
    "by",
    "named",
    "cleric",
    "preacher",
    "lawmaker",
];

const PLACE_CUES: &[&str] = &[
    "in", "at", "near", "on", "around", "outside", "inside", "toward", "towards", "into", "of",
    "between", "across", "along", "struck", "attacked", "hit", "targeted", "raided", "stormed",
    "besieged", "seized", "captured", "overran", "shelled", "bombed",
];

const STRONG_CUES: &[&str] = &[
    "village",
    "villages",
    "district",
    "quarter",
    "neighbourhood",
    "neighborhood",
    "island",
    "islands",
    "isle",
    "île",
    "site",
    "town",
    "towns",
    "locality",
    "localities",
    "hamlet",
    "hamlets",
    "commune",
    "communes",
    "city",
    "settlement",
    "battle",
    "siege",
    "area",
    "outskirts",
];

fn admin_word(w: &str) -> Option<GeoPrecision> {
    match w {
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

/// Candidate pending resolution.
struct Pending {
    first: usize,
    next: usize,
    written: String,
    lookup: String,
    key: String,
    want: Option<GeoPrecision>,
    cue: bool,
    strong: bool,
}

/// Finds place mentions in one sentence.
pub fn find_places(
    text: &str,
    t: &[Token],
    masked: &[bool],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
) -> Vec<PlaceMention> {
    let mut out: Vec<PlaceMention> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut key_buf = String::new();
    // the text around the sentence, where a lowercase use of a word is looked for
    let near = {
        let at = t.first().map(|x| x.start).unwrap_or(0);
        let mut a = at.saturating_sub(4_000);
        let mut b = (at + 4_000).min(text.len());
        while a > 0 && !text.is_char_boundary(a) {
            a -= 1;
        }
        while b < text.len() && !text.is_char_boundary(b) {
            b += 1;
        }
        text.get(a..b).unwrap_or("")
    };
    let n = t.len();
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut i = 0;
    while i < n {
        if masked.get(i).copied().unwrap_or(false) || t[i].kind != Kind::Word {
            i += 1;
            continue;
        }
        let lw = strip_possessive(w(i));
        // vague areas: "central Mali", "northern Burkina Faso"
        let c = strip_possessive(w(i + 1));
        if country_code(c).is_some() && has(&DIRECTIONS_S, DIRECTIONS, lw) {
            if let Some((code, cname)) = country_code(c) {
                let mut next = i + 2;
                if code == "BF"
                    && strip_possessive(w(i + 1)) == "burkina"
                    && strip_possessive(w(i + 2)) == "faso"
                {
                    next += 1;
                }
                let dir = if lw == "centre" || lw == "center" {
                    "central"
                } else {
                    lw
                };
                let name = format!("{dir} {cname}");
                out.push(PlaceMention {
                    first: i,
                    next,
                    place: bare(&name, Some(code), GeoPrecision::Country, true),
                    role: role_of(t, i),
                    cue: i > 0 && has(&PLACE_CUES_S, PLACE_CUES, w(i - 1)),
                });
                i = next;
                continue;
            }
        }
        if !t[i].cap {
            i += 1;
            continue;
        }
        // countries
        if let Some((code, cname)) = country_code(lw) {
            let mut next = i + 1;
            if code == "BF" {
                if strip_possessive(w(i + 1)) == "faso" {
                    next += 1;
                }
            } else if matches!(w(i + 1), "river" | "delta" | "state" | "basin")
                || (code == "NE" && w(i + 1) == "-")
            {
                i += 1;
                continue;
            }
            if i > 0 && (t[i - 1].is("the") && code != "NE") {
                // "the Mali Army" style handled by org check below
            }
            let org =
                (next..(next + 2).min(n)).any(|k| has(&ORG_WORDS_S, ORG_WORDS, w(k)) && t[k].cap);
            if !org {
                out.push(PlaceMention {
                    first: i,
                    next,
                    place: bare(cname, Some(code), GeoPrecision::Country, true),
                    role: role_of(t, i),
                    cue: i > 0 && has(&PLACE_CUES_S, PLACE_CUES, w(i - 1)),
                });
            }
            i = next;
            continue;
        }
        // a capitalised run
        let mut end = i + 1;
        while end < n {
            if t[end].kind == Kind::Word && t[end].cap && !masked.get(end).copied().unwrap_or(false)
            {
                end += 1;
            } else if t[end].kind == Kind::Word
                && is_connector(&t[end].lower)
                && end + 1 < n
                && t[end + 1].cap
                && t[end + 1].kind == Kind::Word
            {
                end += 2;
            } else {
                break;
            }
        }
        let run_org = (i..end).any(|k| has(&ORG_WORDS_S, ORG_WORDS, strip_possessive(w(k))));
        // "Battle of X", "Siege of X": the tail is a place
        let mut start = i;
        let mut strong_run = false;
        if matches!(lw, "battle" | "siege" | "second" | "first" | "third") {
            let mut k = i;
            while k < end && matches!(w(k), "second" | "first" | "third") {
                k += 1;
            }
            if matches!(w(k), "battle" | "siege") && w(k + 1) == "of" {
                start = k + 2;
                if w(start) == "the" {
                    start += 1;
                }
                strong_run = true;
            }
        }
        if run_org && !strong_run {
            i = end;
            continue;
        }
        // people: "prosecutor Dramane Diarra told AFP", "Amadou Koufa said"
        let role_before = i > 0 && has(&PERSON_ROLES_S, PERSON_ROLES, w(i - 1));
        let speech_after = matches!(
            w(end),
            "told" | "said" | "says" | "added" | "explained" | "stated" | "who" | "claimed"
        ) || (w(end) == ","
            && matches!(
                w(end + 1),
                "who" | "the" | "a" | "an" | "nom" | "also" | "said" | "told"
            ));
        // a sentence opening with a preposition ("In Guessel, the
        // assailants ..."): the preposition is not part of a person's name
        let prep = usize::from(matches!(
            lw,
            "in" | "at" | "near" | "on" | "around" | "outside" | "from"
        ));
        if (role_before || (speech_after && end - i >= 2 + prep)) && !strong_run {
            i = end;
            continue;
        }
        let mut k = start;
        while k < end {
            if t[k].kind != Kind::Word || !t[k].cap || masked.get(k).copied().unwrap_or(false) {
                k += 1;
                continue;
            }
            // longest exact n-gram from k
            let mut found: Option<(usize, String, String)> = None;
            let maxlen = (end - k).min(4);
            for len in (1..=maxlen).rev() {
                let b = k + len;
                if !t[b - 1].cap {
                    continue;
                }
                if len == 1 && has(&NOT_PLACES_S, NOT_PLACES, strip_possessive(w(k))) {
                    continue;
                }
                let written = span_text(text, t, k, b);
                norm_key_into(&mut key_buf, written);
                if key_buf.is_empty() {
                    continue;
                }
                if cache.spots(gaz, &key_buf) {
                    found = Some((b, written.to_string(), key_buf.clone()));
                    break;
                }
            }
            // "the Est region", "the Nord region": a short region name the
            // gazetteer knows only with its admin word
            if found.is_none() && admin_word(w(k + 1)).is_some() && !t[k + 1].cap {
                let written = span_text(text, t, k, k + 2);
                norm_key_into(&mut key_buf, written);
                if !key_buf.is_empty() && cache.spots(gaz, &key_buf) {
                    found = Some((k + 2, written.to_string(), key_buf.clone()));
                }
            }
            let wb = |d: usize| if k >= d { w(k - d) } else { "" };
            // "the fighting in the Serma Forest": look past one article
            let (prev, prev2) = if wb(1) == "the" {
                (wb(2), wb(3))
            } else {
                (wb(1), wb(2))
            };
            let cue = has(&PLACE_CUES_S, PLACE_CUES, prev)
                || has(&STRONG_CUES_S, STRONG_CUES, prev2)
                || strong_run;
            // an unknown single capitalised word right after a preposition of
            // place ("in Kompienga, Koulpelogo Province") is kept, unlocated
            let single_word = t
                .get(k + 1)
                .is_none_or(|x| !(x.kind == Kind::Word && x.cap));
            let weak_ok = matches!(wb(1), "in" | "at" | "near" | "outside" | "around")
                && single_word
                && k >= 1
                && t[k].end - t[k].start >= 4;
            // "at a place called Adab-Dab", "the locality known as X"
            let called = (matches!(prev, "called" | "named")
                && matches!(
                    prev2,
                    "place" | "locality" | "site" | "spot" | "hamlet" | "village"
                ))
                || (prev == "as" && prev2 == "known")
                || matches!(prev, "lieu-dit" | "localité");
            let strong = called
                || (prev == "of" && has(&STRONG_CUES_S, STRONG_CUES, prev2))
                || (matches!(prev, "and" | ",")
                    && !pending.is_empty()
                    && pending.last().is_some_and(|p| p.strong && p.next + 1 == k))
                || strong_run;
            let (b, written, key) = match found {
                Some(f) => f,
                None => {
                    let single = strip_possessive(w(k));
                    let written = span_text(text, t, k, k + 1).to_string();
                    let key = norm_key(&written);
                    if has(&NOT_PLACES_S, NOT_PLACES, single) || key.is_empty() {
                        k += 1;
                        continue;
                    }
                    let known = strong || cache.confirmed.contains_key(&key);
                    // acronyms and words the article also writes in lowercase
                    // ("in Conflict") are not worth a fuzzy lookup
                    let acronym = written
                        .chars()
                        .all(|c| !c.is_alphabetic() || c.is_uppercase());
                    if (cue || known)
                        && !acronym
                        && key.chars().count() >= 5
                        && key.chars().all(|c| c.is_alphabetic())
                        && (known || !has_lowercase_word(near, single))
                    {
                        // fuzzy, cached per document
                        let hit = match cache.fuzzy.get(&key) {
                            Some(h) => h.is_some(),
                            None => {
                                let r = gaz.resolve(&written, &Hint::default());
                                // a village's own name after a cue ("the
                                // market of Nagraogo"), or a close spelling
                                let h = r.best().and_then(|c| match c.matched {
                                    MatchKind::Name | MatchKind::AltName => {
                                        Some(Box::new(c.place.clone()))
                                    }
                                    MatchKind::Fuzzy(d) if d <= 1 || key.chars().count() >= 8 => {
                                        Some(Box::new(c.place.clone()))
                                    }
                                    _ => None,
                                });
                                let found = h.is_some();
                                cache.fuzzy.insert(key.clone(), h);
                                found
                            }
                        };
                        match hit {
                            true => (k + 1, written, key),
                            false if known || weak_ok => (k + 1, written, key),
                            false => {
                                k += 1;
                                continue;
                            }
                        }
                    } else if known || (weak_ok && !acronym && !has_lowercase_word(near, single)) {
                        (k + 1, written, key)
                    } else {
                        k += 1;
                        continue;
                    }
                }
            };
            // admin words around
            let mut want = None;
            let mut next = b;
            let mut lookup = written.clone();
            if let Some(p) = admin_word(w(b)) {
                want = Some(p);
                next = b + 1;
                let with = format!("{} {}", key, w(b));
                if cache.spots(gaz, &with) {
                    lookup = span_text(text, t, k, b + 1).to_string();
                }
            } else if k >= 2 && matches!(w(k - 1), "of" | "de" | "du" | "des") {
                if let Some(p) = admin_word(w(k - 2)) {
                    want = Some(p);
                }
            } else if k >= 1 {
                if let Some(p) = admin_word(w(k - 1)) {
                    want = Some(p);
                }
            }
            if strong && !cache.spots(gaz, &key) {
                cache.confirmed.insert(key.clone(), written.clone());
            }
            let key = norm_key(&lookup);
            pending.push(Pending {
                first: k,
                next,
                written,
                lookup,
                key,
                want,
                cue,
                strong,
            });
            k = next;
            // "Ogossagou Peulh": a known name followed by more capitalised
            // words is part of a longer name, not a second place
            while k < end && t[k].cap && t[k].kind == Kind::Word {
                k += 1;
            }
        }
        i = end.max(i + 1);
    }
    // sentence hint from admin units and countries
    let mut hint = Hint::default();
    let mut anchor: Option<(f64, f64)> = None;
    for m in &out {
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
    for p in &pending {
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
        let name = strip_admin_words(&c.place.name);
        // a capital or seat named beside ("the Faladié district of
        // Bamako") breaks ties between homonyms by distance
        let seat = c.place.feature_code.starts_with("PPLA") || c.place.feature_code == "PPLC";
        if prec == GeoPrecision::Place && anchor.is_none() && seat {
            anchor = Some((c.place.lon, c.place.lat));
        }
        match prec {
            GeoPrecision::Admin1 => {
                hint.admin1 = Some(if c.place.admin1.is_empty() {
                    name
                } else {
                    c.place.admin1.clone()
                });
            }
            GeoPrecision::Admin2 => {
                hint.admin2 = Some(if c.place.admin2.is_empty() {
                    name
                } else {
                    c.place.admin2.clone()
                });
                if hint.admin1.is_none() && !c.place.admin1.is_empty() {
                    hint.admin1 = Some(c.place.admin1.clone());
                }
            }
            _ => continue,
        }
        if prec < anchor_prec && prec == GeoPrecision::Admin2 {
            anchor_prec = prec;
            anchor = Some((c.place.lon, c.place.lat));
        }
    }
    for p in pending {
        let h = Hint {
            want: p.want,
            ..hint.clone()
        };
        let own_hint = if p.want.is_some() {
            Hint {
                admin1: None,
                admin2: None,
                ..h.clone()
            }
        } else {
            h.clone()
        };
        // a village the gazetteer knows but would not spot in running
        // text is resolved when a cue named it ("the village of Tawori")
        let place = if cache.spots(gaz, &p.key) || ((p.cue || p.strong) && gaz.knows_name(&p.key)) {
            choose(
                gaz,
                cache,
                &p.lookup,
                &own_hint,
                if p.want.is_some() { None } else { anchor },
            )
        } else {
            // a fuzzy hit was resolved once and cached
            cache.fuzzy.get(&p.key).cloned().flatten()
        };
        let place = place.as_deref();
        let pref = match place {
            Some(pl) => {
                let mut prec = pl.precision();
                if let Some(w) = p.want {
                    if prec == GeoPrecision::Place {
                        prec = w;
                    }
                }
                let written = strip_admin_words(&p.written);
                let mut r = place_ref(pl, &written, prec);
                r.hinted = p.want.is_none() && (hint.admin1.is_some() || hint.admin2.is_some());
                r
            }
            None => bare(
                &p.written,
                hint.country.as_deref(),
                p.want.unwrap_or(GeoPrecision::Place),
                false,
            ),
        };
        let role = role_of(t, p.first);
        out.push(PlaceMention {
            first: p.first,
            next: p.next,
            place: pref,
            role,
            cue: p.cue || p.strong,
        });
    }
    out.sort_by_key(|m| m.first);
    out
}

/// Does `text` contain `lower` as a lowercase word?
fn has_lowercase_word(text: &str, lower: &str) -> bool {
    if lower.is_empty() {
        return false;
    }
    text.match_indices(lower).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + lower.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// "Ségou Region" → "Ségou", "Cercle de Niono" → "Niono".
pub fn strip_admin_words(s: &str) -> String {
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

/// [`choose_uncached`] through the cache (same name, hint and anchor, same answer).
fn choose(
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    name: &str,
    hint: &Hint,
    anchor: Option<(f64, f64)>,
) -> Option<Box<Place>> {
    let key = format!(
        "{name}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        hint.admin1,
        hint.admin2,
        hint.country,
        hint.want,
        anchor.map(|(x, y)| (x.to_bits(), y.to_bits()))
    );
    if let Some(hit) = cache.resolved.get(&key) {
        return hit.clone();
    }
    let found = choose_uncached(gaz, name, hint, anchor).map(|p| Box::new(p.clone()));
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

/// Decides whether the mention at `first` names the event's place.
fn role_of(t: &[Token], first: usize) -> Role {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "our members in Bankass", "its team in Mopti": where the reporters
    // are, not the event
    if first >= 3
        && matches!(w(first - 1), "in" | "at" | "from" | "based")
        && matches!(
            w(first - 2),
            "members"
                | "member"
                | "team"
                | "teams"
                | "staff"
                | "correspondent"
                | "correspondents"
                | "office"
                | "researchers"
                | "researcher"
                | "delegation"
                | "branch"
        )
        && matches!(w(first - 3), "our" | "its" | "their")
    {
        return Role::Other;
    }
    // "as the dead were buried at the army's camp in Gao"
    if (first.saturating_sub(9)..first).any(|k| matches!(w(k), "buried" | "reburied"))
        && (first.saturating_sub(9)..first).all(|k| !matches!(w(k), "." | ";" | "killed"))
    {
        return Role::Other;
    }
    let lo = first.saturating_sub(5);
    for k in lo..first {
        let x = w(k);
        let nx = w(k + 1);
        // "an operation code-named Tongo Tongo", "the dead were buried in Gao"
        if (matches!(x, "code-named" | "codenamed" | "dubbed" | "operation") && k + 3 >= first)
            || matches!(x, "buried" | "reburied")
        {
            return Role::Other;
        }
        // "the road between Ansongo and Ménaka", "on the road to Markoye"
        if matches!(
            x,
            "road"
                | "axis"
                | "route"
                | "highway"
                | "convoy"
                | "convoys"
                | "bus"
                | "buses"
                | "journey"
                | "travelling"
                | "traveling"
                | "plying"
        ) && matches!(
            nx,
            "between" | "from" | "linking" | "to" | "toward" | "towards"
        ) {
            return Role::Other;
        }
        // "the agreement signed in Ouagadougou", "talks held in Algiers"
        if matches!(x, "signed" | "held" | "hosted" | "negotiated" | "brokered")
            && matches!(nx, "in" | "at")
            && k + 2 >= first
        {
            return Role::Other;
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
        ) && (nx == "to" || w(k + 2) == "to")
        {
            return Role::Other;
        }
        if matches!(
            x,
            "hospital"
                | "hospitals"
                | "clinic"
                | "based"
                | "headquartered"
                | "emir"
                | "governor"
                | "mayor"
                | "prefect"
                | "capital"
                | "official"
                | "officials"
                | "councillor"
                | "councillors"
                | "authorities"
        ) && (k + 3 >= first
            // "the mayor of the commune of X", "an official of the municipality of X"
            || (k + 1..first).all(|j| {
                matches!(
                    w(j),
                    "of" | "the" | "commune" | "rural" | "urban" | "municipality" | "circle"
                        | "cercle" | "department" | "province" | "town" | "locality"
                )
            }))
        {
            return Role::Other;
        }
    }
    if first > 0 && matches!(w(first - 1), "from" | "to" | "toward" | "towards") {
        return Role::Other;
    }
    // "heading for Bandiagara", "bound for the mine at X"
    if (first.saturating_sub(4)..first)
        .any(|k| matches!(w(k), "heading" | "headed" | "bound" | "destined") && w(k + 1) == "for")
    {
        return Role::Other;
    }
    // "the Boungou mine", "the Boungou convoy ambush", "the Essakane gold
    // mine": a site or convoy named after a place (often the destination)
    if (first + 1..first + 3).any(|k| matches!(w(k), "mine" | "mines" | "convoy")) {
        return Role::Other;
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
        return Role::Other;
    }
    // a destination: "heading toward the villages of X"
    if (first.saturating_sub(4)..first).any(|k| matches!(w(k), "toward" | "towards")) {
        return Role::Other;
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
        return Role::Other;
    }
    // "Sévaré hospital"
    if (first + 1..first + 3).any(|k| matches!(w(k), "hospital" | "hospitals" | "clinic")) {
        return Role::Other;
    }
    // "near the border with Mali": a reference line, not the place
    if first >= 2
        && matches!(w(first - 1), "with" | "of")
        && matches!(w(first - 2), "border" | "borders" | "frontier")
    {
        return Role::Other;
    }
    Role::Event
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
