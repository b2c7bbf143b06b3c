//! Articles → incidents.
//!
//! [`parse_document`] reads an article (optional `---` front matter with
//! `published`, `title`, `source`; BOM, CRLF, lossy UTF-8 with a warning) into
//! a [`Document`]; [`extract`] turns it into [`Incident`]s located through the
//! [`Gazetteer`].
//!
//! Extraction runs sentence by sentence ([`text`]): dates ([`dates`]) are
//! found first and masked, then casualty statements ([`tolls`], counts from
//! [`numbers`]), place mentions ([`places`]) and event words. Each sentence
//! that reports an event becomes a *mention*; mentions of the same event
//! (compatible place and date, no conflicting toll) are merged into one
//! incident, so an event repeated in the lead, an infobox and the body is
//! one record, and several villages struck in one attack with one toll are
//! one incident with `also_places`. Aggregate statistics ("this year",
//! "since 2015", "in separate attacks") and general statements (plural or
//! habitual, with no date, place or toll) are not incidents. Attackers' own
//! losses are kept apart from the victims' toll and used only when they are
//! the only toll given.
//!
//! Spans are byte offsets into [`Document::text`], the decoded file text
//! with the front matter kept (a leading BOM is dropped), so
//! `&doc.text[s..e] == evidence`.
//!
//! Cost: one pass of tokenisation per sentence and a few passes over the
//! tokens; sentences with no number and no event word are dropped right
//! after tokenising. Place names are looked up exactly on normalised
//! n-grams of capitalised words; only an unknown capitalised word of five or
//! more letters after a place cue gets a fuzzy lookup. [`Extractor`] keeps
//! fuzzy and ranked lookups cached across documents: use one per thread
//! when extracting many files ([`extract`] makes a fresh one per call).
//! Look-back for merging, places per incident and sentence length are
//! bounded, so even a 50 MB single line stays linear.

#![allow(clippy::needless_range_loop)] // token windows read best with indices

pub mod dates;
pub mod lang;
pub mod numbers;
pub mod places;
pub mod reason;
pub mod text;
pub mod tolls;

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, GeoPrecision, Incident};
use chrono::{Datelike, NaiveDate};
use dates::{DateCtx, DateVal};
use places::{PlaceCache, PlaceRef, Role};
use reason::{Candidate, Stance};
use std::path::Path;
use text::{Kind, Token};
use tolls::{Group, TollKind};

static GENERAL_WORDS_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();

use crate::words::has;

pub(crate) use crate::words::WordSet;

/// Could this sentence report a casualty or an event at all?
fn worth_reading(toks: &[Token]) -> bool {
    toks.iter().any(|x| match x.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let w = x.lw();
            event_word(w).is_some()
                || tolls::is_casualty_word(w)
                || numbers::word_value(w).is_some()
                || matches!(
                    w,
                    "dozens"
                        | "dozen"
                        | "hundreds"
                        | "scores"
                        | "several"
                        | "thousands"
                        | "tens"
                        | "few"
                        | "couple"
                        | "casualties"
                        | "losses"
                )
        }
    })
}

/// An article ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// File name only.
    pub name: String,
    /// Decoded text, front matter included (leading BOM removed).
    pub text: String,
    /// Byte offset where the body starts (after the front matter).
    pub body_offset: usize,
    /// Publication date (front matter, override, or a dateline).
    pub published: Option<NaiveDate>,
    /// Title from the front matter.
    pub title: Option<String>,
    /// Source from the front matter.
    pub source: Option<String>,
    /// Language from the front matter (`lang:`); detected at extraction otherwise.
    pub lang: Option<lang::Lang>,
}

/// Parses an article's bytes. Invalid UTF-8 is decoded lossily with a
/// warning naming the file; `published_override` wins over the front matter.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::parse_document;
/// let (d, w) = parse_document("a.txt", b"---\npublished: 2024-03-25\n---\nBody.", None);
/// assert_eq!(d.published.map(|p| p.to_string()).as_deref(), Some("2024-03-25"));
/// assert_eq!(&d.text[d.body_offset..], "Body.");
/// assert!(w.is_empty());
/// ```
pub fn parse_document(
    name: &str,
    bytes: &[u8],
    published_override: Option<NaiveDate>,
) -> (Document, Vec<String>) {
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            warnings.push(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {}); decoded with replacement characters",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let mut doc = Document {
        name: name.to_string(),
        text,
        body_offset: 0,
        published: None,
        title: None,
        source: None,
        lang: None,
    };
    parse_front_matter(&mut doc, &mut warnings);
    if published_override.is_some() {
        doc.published = published_override;
    }
    (doc, warnings)
}

fn parse_front_matter(doc: &mut Document, warnings: &mut Vec<String>) {
    let t = doc.text.as_str();
    let first_line_end = t.find('\n').unwrap_or(t.len());
    if t[..first_line_end].trim_end() != "---" {
        return;
    }
    let mut pos = first_line_end + 1;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut closed = None;
    while pos <= t.len() {
        let end = t[pos..].find('\n').map(|k| pos + k).unwrap_or(t.len());
        let line = t[pos..end].trim_end_matches('\r');
        if line.trim() == "---" || line.trim() == "..." {
            closed = Some((end + 1).min(t.len()));
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
            fields.push((k.trim().to_ascii_lowercase(), v));
        }
        if end >= t.len() {
            break;
        }
        pos = end + 1;
    }
    let Some(body) = closed else {
        warnings.push(format!(
            "{}: front matter opened with --- but never closed; read as body text",
            doc.name
        ));
        return;
    };
    doc.body_offset = body;
    for (k, v) in fields {
        match k.as_str() {
            "published" | "date" => {
                let d = v
                    .get(..10)
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                match d {
                    Some(d) => doc.published = Some(d),
                    None if !v.is_empty() => warnings.push(format!(
                        "{}: front matter published {v:?} is not a YYYY-MM-DD date; ignored",
                        doc.name
                    )),
                    None => {}
                }
            }
            "title" if !v.is_empty() => doc.title = Some(v),
            "source" if !v.is_empty() => doc.source = Some(v),
            "lang" | "language" if !v.is_empty() => match lang::Lang::parse(&v) {
                Some(l) => doc.lang = Some(l),
                None => warnings.push(format!(
                    "{}: front matter lang {v:?} is not a language this tool reads (en, fr); detected from the text instead",
                    doc.name
                )),
            },
            _ => {}
        }
    }
}

/// Reads an article file. Binary files (NUL bytes) and files with no text are
/// refused with [`Error::BadFile`].
pub fn read_document(
    path: &Path,
    published_override: Option<NaiveDate>,
) -> Result<(Document, Vec<String>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Error::bad_file(
            path,
            "looks like a binary file (NUL bytes), not an article; expected UTF-8 text",
        ));
    }
    let name = crate::model::doc_name(path);
    let (doc, warnings) = parse_document(&name, &bytes, published_override);
    if doc.text[doc.body_offset..].trim().is_empty() {
        let what = if doc.body_offset > 0 {
            "has front matter but no body text"
        } else {
            "is empty"
        };
        return Err(Error::bad_file(
            path,
            format!("article {what}; nothing to extract"),
        ));
    }
    Ok((doc, warnings))
}

/// Kind of event word, plural, definite, "another".
#[derive(Debug, Clone, Default)]
struct Trigger {
    etype: Option<&'static str>,
    plural: bool,
    definite: bool,
    another: bool,
    took_place: bool,
    verb: bool,
}

fn event_word(w: &str) -> Option<(&'static str, bool, bool)> {
    // (event type, plural, verb)
    Some(match w {
        "attack" | "assault" => ("attack", false, false),
        "attacks" | "assaults" => ("attack", true, false),
        "attacked" | "stormed" | "assaulted" | "targeted" | "struck" | "hit" => {
            ("attack", false, true)
        }
        "raid" => ("raid", false, false),
        "raids" => ("raid", true, false),
        "raided" => ("raid", false, true),
        "ambush" => ("ambush", false, false),
        "ambushes" => ("ambush", true, false),
        "ambushed" => ("ambush", false, true),
        "massacre" => ("massacre", false, false),
        "massacres" => ("massacre", true, false),
        "massacred" => ("massacre", false, true),
        "strike" | "airstrike" | "bombing" | "bombardment" => ("strike", false, false),
        "strikes" | "airstrikes" | "bombings" => ("strike", true, false),
        "bombed" | "shelled" => ("strike", false, true),
        "clash" => ("clashes", false, false),
        "clashes" => ("clashes", true, false),
        "clashed" => ("clashes", false, true),
        "battle" => ("battle", false, false),
        "battles" => ("battle", true, false),
        "siege" => ("siege", false, false),
        "besieged" => ("siege", false, true),
        "explosion" | "blast" | "ied" | "landmine" | "explosive" => ("IED", false, false),
        "killed" | "killing" => ("attack", false, true),
        "shot" | "fired" | "executed" | "overran" | "overrun" | "slaughtered" | "gunned"
        | "bombarded" => ("attack", false, true),
        // "came under fire near X", "opened fire on the market"
        "fire" => ("attack", false, true),
        _ => return None,
    })
}

fn find_trigger(t: &[Token], masked: &[bool]) -> Option<Trigger> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut tr: Option<Trigger> = None;
    let mut took_place = false;
    for k in 0..t.len() {
        if masked.get(k).copied().unwrap_or(false) || t[k].kind != Kind::Word {
            continue;
        }
        if w(k) == "took" && w(k + 1) == "place" {
            took_place = true;
        }
        // "jihadists seized Konna": the capture of a town is a battle
        let capture = matches!(w(k), "seized" | "captured" | "overran")
            && t.get(k + 1).is_some_and(|x| x.cap && x.kind == Kind::Word);
        let Some((mut et, plural, verb)) =
            event_word(w(k)).or(capture.then_some(("battle", false, true)))
        else {
            continue;
        };
        // "provinces hit by jihadist violence": a description; a noun after
        // "by" ("hit by a bombing") triggers on its own
        if verb && matches!(w(k), "hit" | "struck" | "targeted") && w(k + 1) == "by" {
            continue;
        }
        // "Killed" in "killed 5" is already a toll; as a trigger it is weak
        if et == "strike" {
            let p = if k > 0 { w(k - 1) } else { "" };
            et = if matches!(p, "drone" | "drones") || w(k) == "airstrike" && p == "drone" {
                "drone strike"
            } else if w(k).starts_with("air") || p == "air" {
                "airstrike"
            } else {
                "drone strike"
            };
            if !(matches!(p, "drone" | "drones" | "air" | "aerial" | "missile")
                || w(k).starts_with("air")
                || w(k).starts_with("bomb"))
            {
                et = "airstrike";
            }
        }
        if et == "IED"
            && !(matches!(w(k), "ied" | "landmine" | "mine" | "explosive")
                || (k > 0 && matches!(w(k - 1), "ied" | "bomb" | "mine" | "explosive")))
        {
            et = "attack";
        }
        let det_at = |d: usize| -> &str {
            let mut j = d;
            // skip modifiers: "the drone strike", "the Mondoro attack", "another deadly attack"
            for _ in 0..3 {
                if j == 0 {
                    return "";
                }
                j -= 1;
                let x = w(j);
                if matches!(
                    x,
                    "the"
                        | "that"
                        | "this"
                        | "these"
                        | "those"
                        | "another"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                ) {
                    return x;
                }
            }
            ""
        };
        let det = det_at(k);
        let cand = Trigger {
            etype: Some(et),
            plural,
            definite: matches!(
                det,
                "the" | "that" | "this" | "these" | "those" | "its" | "their"
            ),
            another: det == "another",
            took_place: false,
            verb,
        };
        match &mut tr {
            None => tr = Some(cand),
            Some(cur) => {
                // prefer a specific event noun to a verb, an indefinite to a definite
                let better = (cur.verb && !cand.verb && cand.etype != Some("attack"))
                    || (cur.etype == Some("attack")
                        && cand.etype.is_some_and(|e| e != "attack")
                        && !cand.plural)
                    || (cur.definite && !cand.definite && !cand.plural);
                if cand.another {
                    cur.another = true;
                }
                let (c_def, c_plural) = (cand.definite, cand.plural);
                if better {
                    let another = cur.another;
                    *cur = cand;
                    cur.another |= another;
                } else if cur.plural && !c_plural {
                    cur.plural = false;
                }
                if !c_def && !c_plural {
                    cur.definite = false;
                }
            }
        }
    }
    if let Some(tr) = &mut tr {
        tr.took_place = took_place;
    }
    tr
}

const GENERAL_WORDS: &[&str] = &[
    "must",
    "should",
    "would",
    "could",
    "might",
    "continue",
    "continues",
    "often",
    "sometimes",
    "regularly",
    "frequently",
    "increasingly",
    "routinely",
    "repeatedly",
    "usually",
    "typically",
    "recurrent",
    "recurring",
    "capability",
    "possess",
    "if",
    "whether",
    "risk",
    "risks",
    "threat",
    "threats",
    "warned",
    "warns",
    "fear",
    "fears",
    "unabated",
    "intensified",
    "escalated",
    "surge",
    "wave",
    "spate",
    "rise",
    "series",
];

fn actor_of(t: &[Token]) -> Option<String> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut found: Option<&'static str> = None;
    for k in 0..t.len() {
        let a = w(k);
        let b = w(k + 1);
        let x: Option<&'static str> = match a {
            "jnim" | "gsim" => Some("JNIM"),
            "jama'at" | "jamaat" if matches!(b, "nasr" | "nusrat" | "nosrat") => Some("JNIM"),
            "isgs" | "iss" | "iswap" => Some("IS Sahel"),
            "islamic" if b == "state" => Some("IS Sahel"),
            "dozo" | "dozos" => Some("Dozo militia"),
            "dan" if b == "na" => Some("Dan Na Ambassagou"),
            "fama" => Some("Malian army"),
            "malian"
                if matches!(
                    b,
                    "army"
                        | "armed"
                        | "forces"
                        | "troops"
                        | "soldiers"
                        | "military"
                        | "drone"
                        | "drones"
                ) =>
            {
                Some("Malian army")
            }
            "wagner" => Some("Wagner Group"),
            "barkhane" => Some("French forces"),
            "french" if matches!(b, "forces" | "troops" | "army" | "soldiers") => {
                Some("French forces")
            }
            "ansarul" | "ansaroul" => Some("Ansarul Islam"),
            "burkinabe" | "burkinabè" if matches!(b, "army" | "forces" | "troops" | "soldiers") => {
                Some("Burkinabe army")
            }
            "vdp" => Some("VDP"),
            "nigerien" if matches!(b, "army" | "forces" | "troops" | "soldiers") => {
                Some("Nigerien army")
            }
            "jihadists" | "jihadist" => Some("jihadists"),
            "gunmen" => Some("gunmen"),
            "militants" => Some("militants"),
            _ => None,
        };
        if let Some(x) = x {
            // a named group beats a generic word
            let generic = |s: &str| matches!(s, "jihadists" | "gunmen" | "militants");
            match found {
                None => found = Some(x),
                Some(f) if generic(f) && !generic(x) => found = Some(x),
                _ => {}
            }
        }
    }
    found.map(str::to_string)
}

/// The flag prefix that carries an incident's occasion (`occasion=wedding`):
/// dedup keeps reports of a strike on a wedding apart from one on a
/// funeral, and lets two reports of the same wedding strike merge where
/// place and toll alone would not settle it.
pub const OCCASION_FLAG: &str = "occasion=";

/// The gathering or place an attack hit, from the first word of `text`
/// that names one: weddings, funerals and baptisms, markets and fairs,
/// mosques and prayers, schools, gold-mining sites, water points, buses and
/// convoys. `None` when the text names none.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::occasion_of;
/// assert_eq!(occasion_of("a drone hit guests at a marriage ceremony"), Some("wedding"));
/// assert_eq!(occasion_of("gunmen fired on the weekly market of the town"), Some("market"));
/// assert_eq!(occasion_of("soldiers were ambushed near the border"), None);
/// ```
pub fn occasion_of(text: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("wedding", "wedding"),
        ("weddings", "wedding"),
        ("marriage", "wedding"),
        ("funeral", "funeral"),
        ("funerals", "funeral"),
        ("burial", "funeral"),
        ("mourners", "funeral"),
        ("baptism", "baptism"),
        ("christening", "baptism"),
        ("market", "market"),
        ("marketplace", "market"),
        ("mosque", "mosque"),
        ("prayers", "mosque"),
        ("church", "church"),
        ("school", "school"),
        ("borehole", "water point"),
        ("bus", "vehicle"),
        ("minibus", "vehicle"),
        ("convoy", "convoy"),
        ("festival", "festival"),
    ];
    // words compared without allocating (this runs once per mention)
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    let mut buf = String::new();
    let mut next_buf = String::new();
    let lower = |w: &str, out: &mut String| {
        out.clear();
        out.extend(w.chars().flat_map(char::to_lowercase));
    };
    while let Some(w0) = words.next() {
        // only words that could start a name are lowercased and compared
        let first = w0.chars().next().map(|c| c.to_ascii_lowercase());
        if !matches!(first, Some('w' | 'm' | 'f' | 'b' | 'c' | 'p' | 's' | 'g'))
            || !(3..=11).contains(&w0.len())
        {
            continue;
        }
        lower(w0, &mut buf);
        if matches!(buf.as_str(), "gold" | "mining" | "water" | "weekly") {
            lower(words.peek().copied().unwrap_or(""), &mut next_buf);
        } else {
            next_buf.clear();
        }
        let (w, next) = (&buf, next_buf.as_str());
        // two-word names first: "gold mine", "mining site", "water point"
        let pair = match (w.as_str(), next) {
            ("gold", "mine" | "mines" | "mining" | "site" | "panners" | "miners")
            | ("mining", "site" | "sites" | "camp") => Some("mine"),
            ("water", "point" | "points") => Some("water point"),
            ("weekly", "fair") => Some("market"),
            _ => None,
        };
        if pair.is_some() {
            return pair;
        }
        if let Some((_, v)) = WORDS.iter().find(|(k, _)| k == w) {
            return Some(v);
        }
    }
    None
}

/// For a definite reference to a specific kind of event ("the strike",
/// "the ambush") that the last incident is not: the latest incident of that
/// kind, if any.
fn same_kind_before(accs: &[Acc], last: Option<usize>, tr: &Trigger) -> Option<usize> {
    // air and drone strikes are one kind here ("the strike", "the bombing")
    let family = |e: Option<&'static str>| match e {
        Some("airstrike" | "drone strike") => Some("strike"),
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

/// "the same village", "the same town": a place told before.
fn refers_to_same_place(t: &[Token]) -> bool {
    t.windows(2).any(|w| {
        w[0].is("same")
            && matches!(
                w[1].lw(),
                "village" | "town" | "locality" | "place" | "area" | "site" | "camp" | "commune"
            )
    })
}
/// A date span with its precision.
type DaySpan = (NaiveDate, NaiveDate, DatePrecision);

/// One event-reporting sentence.
#[derive(Debug, Clone, Default)]
struct Mention {
    sent: (usize, usize),
    places: Vec<PlaceRef>,
    date: Option<(NaiveDate, NaiveDate, DatePrecision)>,
    date_key: Option<String>,
    /// Competing figures for the victims (each a sum of its parts).
    deaths: Vec<Candidate>,
    deaths_group: Option<Group>,
    /// Figures for the attackers' own dead.
    attacker: Vec<Candidate>,
    injured: Option<u32>,
    evidence: Option<(usize, usize)>,
    trigger: Option<Trigger>,
    actor: Option<String>,
    demonym: Option<(&'static str, &'static str)>,
    general: bool,
    /// The gathering or place the attack hit ("wedding", "market"...).
    occasion: Option<&'static str>,
    /// The last specific place named earlier in the same paragraph.
    context: Option<PlaceRef>,
    /// The sentence speaks of the toll itself ("the toll rose", "a first
    /// count", "later reported"): a figure for the event being told.
    restates: bool,
    /// The date was worked out rather than read (see [`Acc`]).
    date_inferred: bool,
    /// The sentence right before this one told an event.
    follows: bool,
    /// The only place is the paragraph's scene, not named here.
    scene_place: bool,
    /// The sentence speaks of a figure as such ("the first statement
    /// spoke of 15", "the toll", "the final count").
    about_toll: bool,
    /// "were also killed", "as well", "in addition": a further part of the
    /// toll just told, not a competing figure.
    also: bool,
}

/// An incident being assembled.
#[derive(Debug, Clone, Default)]
struct Acc {
    places: Vec<PlaceRef>,
    date: Option<(NaiveDate, NaiveDate, DatePrecision)>,
    date_key: Option<String>,
    deaths: Vec<Candidate>,
    deaths_group: Option<Group>,
    attacker: Vec<Candidate>,
    injured: Option<u32>,
    evidence: Option<(usize, usize)>,
    first_sentence: (usize, usize),
    etype: Option<&'static str>,
    actor: Option<String>,
    mentions: u32,
    occasion: Option<&'static str>,
    /// The date was worked out (a weekday, "yesterday", a year not
    /// written, the paragraph's day) rather than read.
    date_inferred: bool,
}

fn place_rank(p: &PlaceRef) -> u8 {
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

fn base_key(p: &PlaceRef) -> String {
    places::strip_admin_words(&p.key)
}

/// Does `outer` (an area) contain `inner`?
fn contains(outer: &PlaceRef, inner: &PlaceRef) -> bool {
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
        return a1.is_some_and(|a| covers.contains(&a.as_str()));
    }
    let ok = base_key(outer);
    match outer.precision {
        GeoPrecision::Admin1 => inner.admin1.as_deref().map(norm).is_some_and(|a| a == ok),
        GeoPrecision::Admin2 => inner.admin2.as_deref().map(norm).is_some_and(|a| a == ok),
        _ => false,
    }
}

fn same_place(a: &PlaceRef, b: &PlaceRef) -> bool {
    if let (Some(x), Some(y)) = (&a.place_id, &b.place_id) {
        if x == y {
            return true;
        }
    }
    let (ka, kb) = (base_key(a), base_key(b));
    !ka.is_empty() && ka == kb
}

fn dates_overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    let tol = chrono::Duration::days(1);
    let plus = |d: NaiveDate| d.checked_add_signed(tol).unwrap_or(NaiveDate::MAX);
    a.0 <= plus(b.1) && b.0 <= plus(a.1)
}

fn date_compatible(m: &Mention, acc: &Acc) -> bool {
    match (m.date, acc.date) {
        (Some(x), Some(y)) => return dates_overlap((x.0, x.1), (y.0, y.1)),
        (Some(_), None) => return acc.date_key.is_none(),
        (None, Some(_)) => return m.date_key.is_none(),
        (None, None) => {}
    }
    match (&m.date_key, &acc.date_key) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

fn toll_compatible(m: &Mention, acc: &Acc) -> bool {
    match (m.deaths.first(), acc.deaths.first()) {
        (Some(a), Some(b)) => a.best == b.best || other_group_part(acc, m).is_some(),
        _ => true,
    }
}

#[derive(PartialEq)]
enum PlaceMatch {
    None,
    Same,
    Contained,
}

fn place_match(m: &Mention, acc: &Acc) -> PlaceMatch {
    let mut best = PlaceMatch::None;
    // two different villages are two events, whatever region holds both
    let specific = |ps: &[PlaceRef]| {
        ps.iter()
            .any(|p| p.precision == GeoPrecision::Place && !p.vague)
    };
    let both_specific = specific(&m.places) && specific(&acc.places);
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
    if region_apart(&m.places, &acc.places) || region_apart(&acc.places, &m.places) {
        return PlaceMatch::None;
    }
    for a in &m.places {
        for b in &acc.places {
            let same = same_place(a, b);
            let point = |p: &PlaceRef| p.precision == GeoPrecision::Place && !p.vague;
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

/// Extracts the incidents of one document.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::{extract, parse_document};
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// let gaz = Gazetteer::from_places(vec![Place::example("Tawori", 12.05, 1.41)]);
/// let (doc, _) = parse_document("t.txt", b"On March 31, 2024, jihadists attacked soldiers in Tawori, killing 12.", None);
/// let inc = extract(&doc, &gaz);
/// assert_eq!(inc.len(), 1);
/// assert_eq!(inc[0].deaths_best, Some(12));
/// assert_eq!(inc[0].place.as_deref(), Some("Tawori"));
/// ```
pub fn extract(doc: &Document, gaz: &Gazetteer) -> Vec<Incident> {
    // the lookups of one gazetteer are remembered on this thread across
    // calls (they depend on the gazetteer and the name only, so results are
    // those of a fresh extractor)
    thread_local! {
        static CACHE: std::cell::RefCell<Option<(u64, PlaceCache)>> =
            const { std::cell::RefCell::new(None) };
    }
    let id = gaz.instance();
    let cache = CACHE
        .with(|c| c.borrow_mut().take())
        .filter(|(k, _)| id != 0 && *k == id)
        .map(|(_, c)| c)
        .unwrap_or_default();
    let mut x = Extractor {
        gaz,
        cache,
        lang: lang::LangChoice::Auto,
    };
    let out = x.extract(doc);
    if id != 0 {
        CACHE.with(|c| *c.borrow_mut() = Some((id, x.cache)));
    }
    out
}

/// An extractor bound to one gazetteer that keeps its fuzzy-lookup cache
/// across documents (use one per thread when extracting many files).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::{parse_document, Extractor};
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// let gaz = Gazetteer::from_places(vec![Place::example("Kinmparana", 12.84, -4.92)]);
/// let mut x = Extractor::new(&gaz);
/// let (doc, _) = parse_document("k.txt", b"On 2 June 2020, gunmen killed 2 guards in the village of Kimparana.", None);
/// assert_eq!(x.extract(&doc)[0].lat, Some(12.84));
/// ```
pub struct Extractor<'g> {
    gaz: &'g Gazetteer,
    cache: PlaceCache,
    lang: lang::LangChoice,
}

impl<'g> Extractor<'g> {
    /// A new extractor with an empty cache.
    pub fn new(gaz: &'g Gazetteer) -> Self {
        Extractor {
            gaz,
            cache: PlaceCache::default(),
            lang: lang::LangChoice::Auto,
        }
    }

    /// Sets how a document's language is chosen (`--lang`): `Auto` reads
    /// the front matter `lang:`, else detects; `Fixed` replaces detection
    /// (a front matter `lang:` still wins).
    pub fn with_lang(mut self, choice: lang::LangChoice) -> Self {
        self.lang = choice;
        self
    }

    /// Extracts the incidents of one document (see [`extract`]).
    pub fn extract(&mut self, doc: &Document) -> Vec<Incident> {
        self.cache.confirmed.clear();
        if self.cache.fuzzy.len() > 200_000 {
            self.cache.fuzzy.clear();
        }
        let lang = doc_lang(doc, self.lang);
        extract_with(doc, self.gaz, &mut self.cache, lang)
    }
}

/// The language a document is read in: its front matter `lang:`, else the
/// fixed choice, else the detector on the body.
pub fn doc_lang(doc: &Document, choice: lang::LangChoice) -> lang::Lang {
    if let Some(l) = doc.lang {
        return l;
    }
    match choice {
        lang::LangChoice::Fixed(l) => l,
        lang::LangChoice::Auto => {
            let body = doc.body_offset.min(doc.text.len());
            lang::detect(doc.text.get(body..).unwrap_or(&doc.text))
        }
    }
}

fn extract_with(
    doc: &Document,
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    language: lang::Lang,
) -> Vec<Incident> {
    let text = doc.text.as_str();
    let body = doc.body_offset.min(text.len());
    let body = if text.is_char_boundary(body) { body } else { 0 };
    let mut ctx = DateCtx {
        published: doc
            .published
            .or_else(|| lang::signature_date(language, text, body)),
        year: None,
    };
    if ctx.published.is_none() {
        ctx.published = header_date(text, body, language);
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut last: Option<usize> = None;
    let mut infobox: Option<Mention> = None;
    let mut held_headline: Option<Mention> = None;
    // a figure the next sentence refutes, waiting for the corrected account
    let mut refuted: Option<Mention> = None;
    let sentences = lang::clauses(language, text, text::sentences(text, body));
    // the last specific place the current paragraph named, for a later
    // sentence of it that tells an event without naming one ("In January
    // 2016, gunmen killed 30 people" after "Ouagadougou has been hit")
    let mut recent: Option<PlaceRef> = None;
    // and the last day it dated ("The first blow fell on 28 April in X.
    // ... six people were killed")
    let mut recent_date: Option<(NaiveDate, NaiveDate, DatePrecision)> = None;
    // sentences of the paragraph with no event, since the last place read
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut lead: Option<(PlaceRef, Option<DaySpan>)> = None;
    // the sentence index of the last mention told
    let mut told_at: Option<usize> = None;
    let mut prev_end = body;
    let mut line_start = body;
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let gap = text.get(prev_end..s).unwrap_or("");
        let bullet = gap.contains('\n') && text[s..].starts_with(['-', '*', '\u{2022}'])
            || gap.ends_with("- ")
            || gap.ends_with("* ")
            || gap.ends_with("\u{2022} ");
        // one line a paragraph, unless the text is hard-wrapped
        // (the line's start is followed sentence by sentence: searching
        // back from each sentence would be quadratic on huge lines)
        let long_line = prev_end.saturating_sub(line_start) > 100;
        if gap.contains('\n') {
            line_start = s;
        }
        if gap.matches('\n').count() >= 2 || bullet || (gap.contains('\n') && long_line) {
            // the lead's scene stays for a toll told later with no place
            // while no event has been counted yet
            if lead.is_none() && accs.is_empty() {
                if let Some(p) = scene_place(text, language, &pending, gaz, cache) {
                    recent = Some(p);
                }
                lead = recent.take().map(|p| (p, recent_date));
            }
            pending.clear();
            recent = None;
            // bullets of one list share their day ("Later that day, ...")
            if !bullet {
                recent_date = None;
            }
        }
        prev_end = e;
        let toks = lang::normalize(language, text, text::tokens(text, s, e));
        if toks.is_empty() {
            continue;
        }
        if toks.len() >= 2 && toks[0].lw() == "see" && toks[1].lw() == "also" {
            continue;
        }
        let mut masked = vec![false; toks.len()];
        // datelines: "Geneva, CH, May 3, 2021 – ..." / "BAMAKO (Reuters) -"
        if si < 4 {
            if let Some(dash) = dateline_end(text, &toks) {
                let head = &toks[..dash];
                let found = dates::find_dates(head, &DateCtx::default());
                if ctx.published.is_none() {
                    if let Some(DateVal::Known {
                        start,
                        precision: DatePrecision::Day,
                        ..
                    }) = found.first().map(|d| &d.val)
                    {
                        ctx.published = Some(*start);
                    }
                }
                for m in masked.iter_mut().take(dash + 1) {
                    *m = true;
                }
            }
        }
        // infobox rows: "Deaths | 14 |"
        if let Some(row) = infobox_row(text, &toks) {
            let mb = infobox.get_or_insert_with(|| Mention {
                sent: (s, e),
                ..Mention::default()
            });
            apply_infobox_row(mb, text, &toks, row, gaz, cache, &mut ctx);
            continue;
        }
        if let Some(m) = infobox.take() {
            if !m.places.is_empty() || !m.deaths.is_empty() {
                let m = Mention {
                    trigger: Some(Trigger {
                        etype: None,
                        ..Trigger::default()
                    }),
                    ..m
                };
                absorb(m, &mut accs, &mut last, true);
            }
        }
        if !worth_reading(&toks) {
            // no event here, but the place it names may set the scene for
            // the paragraph's next sentences: read only if one needs it
            if toks.iter().any(|x| x.cap) {
                pending.push((s, e));
            }
            // and the day it names dates them ("Yesterday evening, armed
            // men reached the village. ... they killed nine people")
            if let Some(d) = scene_day(&toks, &ctx) {
                recent_date = Some(d);
            }
            continue;
        }
        // dates
        let pre_masked = masked.clone();
        let ds = dates::find_dates(&toks, &ctx);
        let since_from = toks.iter().position(|x| x.is("since"));
        let mut date: Option<(NaiveDate, NaiveDate, DatePrecision)> = None;
        let mut date_key = None;
        let mut date_inferred = false;
        let mut relative_first = false;
        for d in &ds {
            for m in masked.iter_mut().take(d.next.min(toks.len())).skip(d.first) {
                *m = true;
            }
            if let (
                true,
                DateVal::Known {
                    start, precision, ..
                },
            ) = (d.explicit_year, &d.val)
            {
                // "the deadliest since the coup of July 2023": a year told
                // of the past does not date the next sentences
                if *precision != DatePrecision::Year && since_from.is_none_or(|k| d.first <= k) {
                    ctx.year = Some(start.year());
                }
            }
            if pre_masked.get(d.first).copied().unwrap_or(false) {
                continue;
            }
            if since_from.is_some_and(|k| d.first > k) || speech_date(&toks, d.first, d.next) {
                continue;
            }
            // "A week ago today, on 1 July, ...": a calendar day wins over a
            // relative one told first
            let calendar = toks[d.first..d.next.min(toks.len())]
                .iter()
                .any(|x| dates::month(x.lw()).is_some());
            if date.is_some() && !(calendar && relative_first) {
                continue;
            }
            relative_first = date.is_none() && !calendar;
            match &d.val {
                DateVal::Known {
                    start,
                    end,
                    precision,
                } => {
                    if *precision == DatePrecision::Year && ds.len() > 1 {
                        continue;
                    }
                    // "on Monday, March 25": the calendar date wins over the weekday
                    date = Some((*start, *end, *precision));
                    date_key = None;
                    date_inferred = !d.explicit_year;
                }
                DateVal::Unknown { key } => {
                    if date_key.is_none() {
                        date_key = Some(key.clone());
                    }
                }
            }
        }
        if date.is_some_and(|d| d.2 == DatePrecision::Year) {
            // a bare year only dates an event when nothing better is said
            date_key = None;
        }
        // since-clauses name other events
        if let Some(k) = since_from {
            let end = (k..toks.len())
                .find(|&j| toks[j].is_punct(',') || toks[j].is_punct(';'))
                .unwrap_or(toks.len());
            for m in masked.iter_mut().take(end).skip(k) {
                *m = true;
            }
        }
        // an event told with its day is not a statistic because it is
        // compared with the year ("in one of the deadliest attacks this
        // year"); its running totals are dropped figure by figure below
        let day_dated = date.is_some_and(|d| d.2 == DatePrecision::Day);
        let aggregate = tolls::is_aggregate(&toks) && !day_dated;
        let all_tolls = tolls::find_tolls(&toks, &masked);
        let trigger = find_trigger(&toks, &masked);
        let found = places::find_places(text, &toks, &masked, gaz, cache);
        // a whole country over a year is a statistic, not an event
        let countrywide = !found.is_empty()
            && found
                .iter()
                .all(|p| p.place.vague && places::vague_covers(&p.place.key).is_empty());
        // a toll over a whole year with no village named is a statistic
        // ("attacks in Burkina Faso, Mali and Niger killed about 4,000
        // people in 2019")
        let bare_year = ds.iter().any(|d| {
            since_from.is_none_or(|k| d.first < k)
                && matches!(
                    d.val,
                    DateVal::Known {
                        precision: DatePrecision::Year,
                        ..
                    }
                )
        }) && date.is_none_or(|d| d.2 == DatePrecision::Year);
        // several countries in one toll: a regional figure
        let village = found.iter().any(|p| {
            p.role == Role::Event && p.place.precision == GeoPrecision::Place && !p.place.vague
        });
        let mut countries: Vec<&str> = found
            .iter()
            .filter(|p| p.role == Role::Event && !village)
            .filter(|p| p.place.vague || p.place.precision == GeoPrecision::Country)
            .filter_map(|p| p.place.country.as_deref())
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let regional = countries.len() >= 2 && !all_tolls.is_empty();
        // ("in the regions of Ménaka and Gao in 2022": towns named as
        // regions are no village)
        let regions_named = toks.iter().any(|x| {
            matches!(
                x.lw(),
                "regions" | "régions" | "provinces" | "cercles" | "departments" | "départements"
            )
        });
        let yearly = bare_year
            && (regions_named
                || !found.iter().any(|p| {
                    p.role == Role::Event
                        && p.place.precision == GeoPrecision::Place
                        && !p.place.vague
                }))
            && !all_tolls.is_empty();
        if aggregate
            || yearly
            || regional
            || (countrywide && date.is_some_and(|d| d.2 == DatePrecision::Year))
        {
            continue;
        }
        let heavy = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "heavy" | "many" | "numerous" | "significant")
                && matches!(w[1].lw(), "casualties" | "losses")
        });
        let mut m = Mention {
            sent: (s, e),
            ..Mention::default()
        };
        m.date = date;
        m.date_inferred = date_inferred;
        m.date_key = date_key;
        m.places = found
            .iter()
            .filter(|p| p.role == Role::Event)
            .take(MAX_PLACES)
            .map(|p| p.place.clone())
            .collect();
        // "near the same village": the place of the last event told
        if m.places.is_empty() && refers_to_same_place(&toks) {
            if let Some(a) = last.and_then(|l| accs.get(l)) {
                m.places.extend(a.places.iter().take(1).cloned());
            }
        }
        let tolled = all_tolls
            .iter()
            .any(|tl| tl.kind == TollKind::Deaths && !tl.subset)
            || heavy;
        if m.places.is_empty() && tolled {
            if let Some(p) = scene_place(text, language, &pending, gaz, cache) {
                recent = Some(p);
            }
        }
        pending.clear();
        m.context = recent.clone();
        if let Some(p) = m
            .places
            .iter()
            .find(|p| !p.vague && matches!(p.precision, GeoPrecision::Place | GeoPrecision::Admin2))
        {
            recent = Some(p.clone());
        }
        // "The next day, four were shot dead near X": a day after the
        // paragraph's last dated event
        let next_day = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "next" | "following") && matches!(w[1].lw(), "day" | "morning")
        });
        // "Later that day", "the same night", "also on 25 February"
        let same_day = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "that" | "same") && matches!(w[1].lw(), "day" | "night" | "evening")
        });
        if let (None, true, Some(r)) = (m.date, same_day, recent_date) {
            if r.2 == DatePrecision::Day {
                m.date = Some(r);
                m.date_key = None;
                m.date_inferred = true;
            }
        }
        // "Five days later, ...", "... came five days after an attack near X"
        if m.date.is_none() && m.date_key.is_none() {
            let anchor = last
                .and_then(|l| accs.get(l))
                .and_then(|a| a.date)
                .or(recent_date)
                .filter(|d| d.2 == DatePrecision::Day);
            if let (Some(a), Some(shift)) = (anchor, relative_days(&toks)) {
                if let Some(d) = a.0.checked_add_signed(chrono::Duration::days(shift)) {
                    m.date = Some((d, d, DatePrecision::Day));
                    m.date_inferred = true;
                }
            }
        }
        if let (None, true, Some(r)) = (m.date, next_day, recent_date) {
            if let (DatePrecision::Day, Some(d)) = (r.2, r.1.succ_opt()) {
                m.date = Some((d, d, DatePrecision::Day));
                m.date_key = None;
                m.date_inferred = true;
            }
        }
        if m.date
            .is_some_and(|d| matches!(d.2, DatePrecision::Day | DatePrecision::Month))
        {
            recent_date = m.date;
        }
        // "armed groups struck several localities of Oudalan province": a
        // summary of the events the next sentences tell one by one
        let summary = !tolled
            && toks.windows(2).any(|w| {
                (matches!(w[0].lw(), "several" | "various" | "multiple" | "many")
                    || numbers::word_value(w[0].lw()).is_some_and(|v| (2..=20).contains(&v)))
                    && matches!(
                        w[1].lw(),
                        "localities"
                            | "villages"
                            | "towns"
                            | "positions"
                            | "sites"
                            | "communes"
                            | "hamlets"
                            | "places"
                            | "posts"
                            | "bases"
                            | "areas"
                    )
            });
        m.general = toks
            .iter()
            .any(|x| has(&GENERAL_WORDS_S, GENERAL_WORDS, x.lw()))
            || text[s..e].ends_with('?')
            || summary;
        if m.places.is_empty() && tolled && !m.general {
            let scene = match (&m.context, &lead) {
                (Some(p), _) => Some((p.clone(), recent_date)),
                (None, Some((p, d))) if accs.is_empty() => Some((p.clone(), *d)),
                _ => None,
            };
            if let Some((p, d)) = scene {
                m.places.push(p);
                m.scene_place = true;
                if m.date.is_none() && m.date_key.is_none() {
                    m.date = d;
                    m.date_inferred = true;
                }
            }
        } else if (!m.places.is_empty() || m.context.is_some())
            && tolled
            && m.date.is_none()
            && m.date_key.is_none()
            // "came several days after another strike in X killed 14": another day
            && !toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "after" | "before" | "earlier" | "ago" | "previous" | "previously" | "prior"
                        | "since" | "another" | "other"
                )
            })
        {
            // "On Saturday 14 May, armed groups struck several localities.
            // In Salmossi, five were killed." : the paragraph's day
            if let Some(d) = recent_date.filter(|d| d.2 == DatePrecision::Day) {
                m.date = Some(d);
                m.date_inferred = true;
            }
        }
        m.demonym = toks.iter().find_map(|x| places::demonym_country(&x.lower));
        m.actor = actor_of(&toks);
        let mut more_tolls = Vec::new();
        let mut ev: Option<(usize, usize)> = None;
        let mut victims: Vec<Candidate> = Vec::new();
        let mut victims_group: Option<Group> = None;
        let mut attackers: Vec<Candidate> = Vec::new();
        // "four more worshippers died" is the sentence's own toll when it
        // gives no other; beside another figure it is a further event
        let only_more = !all_tolls
            .iter()
            .any(|tl| !tl.subset && tl.kind == TollKind::Deaths && !tl.more);
        let deaths: Vec<&tolls::Toll> = all_tolls
            .iter()
            .filter(|tl| !tl.subset && tl.kind == TollKind::Deaths && (!tl.more || only_more))
            .collect();
        // "24 people were killed in Yoro and 17 in Gangafani": several
        // places each with its own figure are several incidents (CODEBOOK §1)
        let own_place: Vec<Option<usize>> = deaths
            .iter()
            .map(|tl| {
                found.iter().position(|p| {
                    p.role == Role::Event
                        && p.first >= tl.next
                        && p.first <= tl.next + 2
                        && p.first >= 1
                        && matches!(toks[p.first - 1].lw(), "in" | "at" | "near")
                })
            })
            .collect();
        let mut located: Vec<usize> = own_place.iter().flatten().copied().collect();
        located.sort_unstable();
        located.dedup();
        let split_places = located.len() >= 2 && own_place.iter().all(Option::is_some);
        let first_place = own_place.first().copied().flatten();
        let mut split: Vec<(numbers::Quantity, (usize, usize), PlaceRef)> = Vec::new();
        // the end of the last figure of each side, to join lists
        let mut last_end: [Option<usize>; 2] = [None, None];
        for (n, tl) in deaths.iter().enumerate() {
            let span = (
                toks[tl.first].start,
                toks[(tl.next - 1).min(toks.len() - 1)].end,
            );
            if split_places && n > 0 && own_place[n] != first_place {
                if let Some(p) = own_place[n].and_then(|k| found.get(k)) {
                    split.push((tl.q, span, p.place.clone()));
                }
                continue;
            }
            let prev_end = if n > 0 { deaths[n - 1].next } else { 0 };
            let next_start = deaths.get(n + 1).map(|x| x.first).unwrap_or(toks.len());
            // "we found no source for a toll above 100": a figure denied
            if reason::denied(&toks, prev_end, tl.first) {
                continue;
            }
            let stance = reason::stance_at(&toks, prev_end, tl.q.first, tl.next, next_start);
            let attacker_side = tl.group == Group::Militants;
            let (list, side) = if attacker_side {
                (&mut attackers, 1)
            } else {
                (&mut victims, 0)
            };
            let c = Candidate {
                low: tl.q.low,
                best: tl.q.best,
                high: tl.q.high,
                stance,
                vague: tl.q.vague,
                span,
                parts: tl.parts,
            };
            // "... killed a peacekeeper, and gunmen who attacked an office
            // killed two guards": a second verb after a second event word
            // tells a further event
            let own_verb = tl.first < tl.q.first;
            let further = own_verb
                && last_end[side].is_some_and(|e| {
                    (e..tl.first).any(|k| {
                        event_word(toks[k].lw()).is_some_and(|x| !x.2 || x.0 != "attack")
                            || toks[k].lw() == "attacked"
                    })
                });
            if further {
                more_tolls.push((tl.q, span));
                continue;
            }
            // "put the toll at 34 dead - ten killed by bullets, four by
            // drowning": the parts of a figure already counted
            if last_end[side].is_some_and(|e| reason::breakdown(&toks, e, tl.first)) {
                continue;
            }
            // "..., bringing the toll this year to 300": a running total
            let lo = tl.first.saturating_sub(6);
            let hi = (tl.next + 4).min(toks.len());
            if day_dated && tolls::is_aggregate(&toks[lo..hi]) {
                continue;
            }
            let join =
                !own_verb && last_end[side].is_some_and(|e| reason::joins(&toks, e, tl.first));
            match list.last_mut() {
                Some(o) if join && stance == Stance::Plain && o.stance == Stance::Plain => {
                    if (o.low, o.best, o.high) != (c.low, c.best, c.high) || attacker_side {
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
                    o.span = (o.span.0.min(span.0), o.span.1.max(span.1));
                }
                _ => list.push(c),
            }
            last_end[side] = Some(tl.next);
            if !attacker_side {
                victims_group = match victims_group {
                    None => Some(tl.group),
                    Some(g) if g == tl.group || tl.group == Group::Unknown => Some(g),
                    Some(Group::Unknown) => Some(tl.group),
                    Some(_) => Some(Group::Unknown),
                };
            }
            ev = Some(match ev {
                None => span,
                Some((a, b)) => (a.min(span.0), b.max(span.1)),
            });
        }
        // "21 dead in all, including the two attackers": the figure already
        // counts the attackers; they move to their own side so that they
        // are added once (CODEBOOK §3)
        for k in 0..toks.len() {
            if !matches!(toks[k].lw(), "including" | "among") {
                continue;
            }
            let skip = matches!(toks.get(k + 1).map(|x| x.lw()), Some("the" | "them"));
            let at = k + 1 + usize::from(skip);
            let Some(q) = numbers::quantity_at(&toks, at, false) else {
                continue;
            };
            if !toks
                .get(q.next)
                .is_some_and(|x| tolls::is_militant_word(x.lw()))
            {
                continue;
            }
            let start = toks[k].start;
            let Some(c) = victims.iter_mut().rev().find(|c| c.span.1 <= start) else {
                continue;
            };
            if c.best <= q.best {
                continue;
            }
            c.low = c.low.saturating_sub(q.best);
            c.best -= q.best;
            c.high = c.high.map(|h| h.saturating_sub(q.best));
            let span = (toks[at].start, toks[q.next].end);
            attackers.push(Candidate {
                stance: c.stance,
                ..Candidate::plain(&q, span)
            });
        }
        for tl in &all_tolls {
            if tl.subset {
                continue;
            }
            let span = (
                toks[tl.first].start,
                toks[(tl.next - 1).min(toks.len() - 1)].end,
            );
            match tl.kind {
                TollKind::Deaths if tl.more && !only_more => more_tolls.push((tl.q, span)),
                TollKind::Injured if m.injured.is_none() => {
                    m.injured = Some(tl.q.best);
                }
                _ => {}
            }
        }
        // "Four civilians were also killed": said of the death figure, not
        // of a wounded count later in the sentence
        let near_death = |k: usize| {
            deaths
                .iter()
                .any(|tl| tl.group != Group::Militants && k + 8 >= tl.first && k <= tl.next + 4)
        };
        m.also = toks
            .iter()
            .enumerate()
            .any(|(k, x)| matches!(x.lw(), "also" | "besides") && near_death(k))
            || toks.windows(2).enumerate().any(|(k, w)| {
                matches!((w[0].lw(), w[1].lw()), ("as", "well") | ("in", "addition"))
                    && near_death(k)
            });
        m.about_toll = victims
            .iter()
            .chain(attackers.iter())
            .any(|c| matches!(c.stance, Stance::Early | Stance::Final))
            || toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "toll" | "tolls" | "figure" | "figures" | "count" | "statement" | "communique"
                )
            });
        m.restates = victims
            .iter()
            .chain(attackers.iter())
            .any(|c| c.stance != Stance::Plain)
            || toks.iter().any(|x| matches!(x.lw(), "toll" | "tolls"));
        // "A report on 15 July said that seven gendarmes had been killed.
        // That was wrong.": a figure the next sentence refutes is an early,
        // superseded one
        if refuted_next(text, e) {
            for c in victims.iter_mut().chain(attackers.iter_mut()) {
                c.stance = Stance::Early;
            }
        }
        m.deaths = victims;
        m.deaths_group = victims_group;
        m.attacker = attackers;
        if let Some((a, b)) = ev {
            // extend to the injured clause when it follows directly
            m.evidence = Some((a, b));
        }
        m.trigger = trigger;
        // "Separately, ...", "Elsewhere, ...", "In a separate attack, ...",
        // "In another incident, ...": a new event, never the previous one
        let opens_new = {
            let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
            matches!(w(0), "separately" | "elsewhere" | "meanwhile")
                || (w(0) == "in" && matches!(w(1), "another" | "other")
                    || (w(0) == "in" && w(1) == "a" && w(2) == "separate"))
        };
        if opens_new && (!m.deaths.is_empty() || !m.attacker.is_empty()) {
            let tr = m.trigger.get_or_insert_with(|| Trigger {
                etype: Some("attack"),
                ..Trigger::default()
            });
            tr.another = true;
        }
        let has_toll = !m.deaths.is_empty() || !m.attacker.is_empty();
        if !has_toll && m.trigger.is_none() && !heavy {
            // a follow-up detail: "Eight other people were wounded"
            if let (Some(n), true, Some(l)) = (m.injured, m.places.is_empty(), last) {
                if let Some(a) = accs.get_mut(l) {
                    a.injured.get_or_insert(n);
                }
            }
            continue;
        }
        if m.trigger.is_none() {
            m.trigger = Some(Trigger {
                etype: Some("attack"),
                ..Trigger::default()
            });
        }
        let more_ctx = more_tolls.first().copied();
        // the occasion of the sentence's own event: before a "then killed
        // five more when ..." clause, which has its own
        let own_end = more_ctx.map(|(_, sp)| sp.0.max(s)).unwrap_or(e);
        m.occasion = text.get(s..own_end).and_then(occasion_of);
        // the further event's clause starts where the first toll ends
        let more_from = match (m.evidence, more_ctx) {
            (Some((_, ev_end)), Some((_, sp))) if ev_end <= sp.0 => ev_end,
            (_, Some((_, sp))) => sp.0,
            _ => e,
        };
        // a headline restates the lead; it counts only if the body says nothing
        let piece = &text[s..e];
        let headline = si == 0
            && piece.len() < 200
            && !piece.contains('|')
            && !piece.ends_with(['.', '!', '?', '"', '\u{201d}'])
            && sentences.len() > 1;
        if headline {
            held_headline = Some(m);
            continue;
        }
        // the refuted figure joins the account that corrects it
        if let Some(r) = refuted.take() {
            if m.deaths.is_empty() && m.attacker.is_empty() {
                refuted = Some(r);
            } else {
                m.deaths.extend(r.deaths);
                m.attacker.extend(r.attacker);
            }
        }
        if refuted.is_none()
            && (!m.deaths.is_empty() || !m.attacker.is_empty())
            && m.deaths
                .iter()
                .chain(m.attacker.iter())
                .all(|c| c.stance == Stance::Early)
            && refuted_next(text, e)
        {
            refuted = Some(m);
            continue;
        }
        m.follows = told_at.is_some_and(|k| k + 1 == si);
        told_at = Some(si);
        // the other places' own figures leave the sentence's incident
        if !split.is_empty() {
            m.places
                .retain(|p| !split.iter().any(|(_, _, q)| same_place(p, q)));
        }
        let base_date = m.date;
        let base_group = m.deaths_group;
        let base_actor = m.actor.clone();
        let spawned = absorb(m, &mut accs, &mut last, false);
        for (q, span, place) in split {
            accs.push(Acc {
                places: vec![place],
                date: base_date,
                deaths: vec![Candidate::plain(&q, span)],
                deaths_group: base_group,
                evidence: Some(span),
                first_sentence: (s, e),
                actor: base_actor.clone(),
                mentions: 1,
                ..Acc::default()
            });
            last = Some(accs.len() - 1);
        }
        if let (Some((q, span)), Some(idx)) = (more_ctx, spawned.or(last)) {
            // "... and struck again, killing four more when ...": a further event at the same place and time
            let base = accs.get(idx).cloned().unwrap_or_default();
            let extra = Acc {
                places: base.places.clone(),
                date: base.date,
                date_key: base.date_key.clone(),
                deaths: vec![Candidate::plain(&q, span)],
                deaths_group: base.deaths_group,
                evidence: Some(span),
                first_sentence: (s, e),
                occasion: text.get(more_from.max(s)..e).and_then(occasion_of),
                etype: base.etype,
                actor: base.actor.clone(),
                mentions: 1,
                ..Acc::default()
            };
            accs.push(extra);
            last = Some(accs.len() - 1);
        }
    }
    if let Some(m) = infobox.take() {
        let m = Mention {
            trigger: Some(Trigger::default()),
            ..m
        };
        absorb(m, &mut accs, &mut last, true);
    }
    if let (Some(m), true) = (held_headline, accs.is_empty()) {
        absorb(m, &mut accs, &mut last, false);
    }
    if let Some(m) = refuted {
        absorb(m, &mut accs, &mut last, false);
    }
    let mut out = finish(doc, accs);
    for inc in &mut out {
        inc.lang = Some(language.as_str().to_string());
    }
    out
}

/// "Five days later" (+5), "two weeks before" at the start (−14), "came
/// five days after an attack near X" (the attack told after "after": −5):
/// the shift of the sentence's event from the one told before it.
fn relative_days(t: &[Token]) -> Option<i64> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    for k in 0..t.len() {
        let n = match t[k].value {
            Some(v) if t[k].kind == Kind::Num => i64::try_from(v).ok()?,
            _ => match w(k) {
                "a" | "one" => 1,
                x => match numbers::word_value(x) {
                    Some(v) => i64::try_from(v).ok()?,
                    None => continue,
                },
            },
        };
        let unit = match w(k + 1) {
            "day" | "days" => 1,
            "week" | "weeks" => 7,
            _ => continue,
        };
        let days = n.checked_mul(unit)?;
        if days > 60 {
            return None;
        }
        let lead = k <= 2;
        return match w(k + 2) {
            "later" => Some(days),
            "earlier" => Some(-days),
            "after" => Some(if lead { days } else { -days }),
            "before" => Some(if lead { -days } else { days }),
            _ => None,
        };
    }
    None
}

/// The last event place named in `sentences` (the scene set by sentences
/// that tell no event: "Aguelhok has remained a target.").
fn scene_place(
    text: &str,
    language: lang::Lang,
    sentences: &[(usize, usize)],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
) -> Option<PlaceRef> {
    for &(s, e) in sentences.iter().rev() {
        let toks = lang::normalize(language, text, text::tokens(text, s, e));
        let masked = vec![false; toks.len()];
        let found = places::find_places(text, &toks, &masked, gaz, cache);
        if let Some(p) = found.iter().find(|p| {
            p.role == Role::Event
                && !p.place.vague
                && matches!(
                    p.place.precision,
                    GeoPrecision::Place | GeoPrecision::Admin2
                )
        }) {
            return Some(p.place.clone());
        }
    }
    None
}

/// Does the sentence after byte `end` refute the one before ("That was
/// wrong.", "This figure was incorrect.")?
fn refuted_next(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let head: String = rest
        .trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == '"')
        .chars()
        .take(48)
        .collect::<String>()
        .to_lowercase();
    const OPENERS: &[&str] = &[
        "that ",
        "this ",
        "the figure ",
        "this figure ",
        "ce chiffre ",
        "c'est ",
    ];
    const VERDICTS: &[&str] = &[
        "was wrong",
        "is wrong",
        "was incorrect",
        "is incorrect",
        "was mistaken",
        "was an error",
        "is an error",
        "was inaccurate",
        "était erroné",
        "est erroné",
        "était faux",
        "est faux",
        "était inexact",
        "incomplete",
        "came from an early",
        "was an early",
        "provenait d'un premier",
    ];
    OPENERS.iter().any(|o| head.starts_with(o)) && VERDICTS.iter().any(|v| head.contains(v))
}

/// The day a sentence without an event names (not one said of a
/// statement); cheap when it names none.
fn scene_day(toks: &[Token], ctx: &DateCtx) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
    let datish = toks.iter().any(|x| {
        let w = x.lw();
        dates::weekday(w).is_some() || dates::month(w).is_some() || w == "yesterday"
    });
    if !datish {
        return None;
    }
    dates::find_dates(toks, ctx)
        .iter()
        .find_map(|d| match d.val {
            DateVal::Known {
                start,
                end,
                precision: DatePrecision::Day,
            } if !speech_date(toks, d.first, d.next) => Some((start, end, DatePrecision::Day)),
            _ => None,
        })
}

/// The issue date of a report printed on a line of its own near the top
/// ("18 December 2020", "Last updated: 31 January 2020", a bulletin's
/// "Evening news, Sunday 18 April 2021", "Pama, samedi 28 mai 2022").
fn header_date(text: &str, body: usize, language: lang::Lang) -> Option<NaiveDate> {
    let mut off = body;
    let mut lines = Vec::new();
    for piece in text.get(body..)?.split_inclusive('\n').take(8) {
        lines.push((off, piece.trim_end_matches(['\n', '\r'])));
        off += piece.len();
    }
    for (start, line) in lines {
        if line.trim().is_empty() || line.len() > 140 {
            continue;
        }
        let t = lang::normalize(
            language,
            text,
            text::tokens(text, start, start + line.len()),
        );
        let ds = dates::find_dates(&t, &DateCtx::default());
        let [d] = ds.as_slice() else { continue };
        let DateVal::Known {
            start,
            precision: DatePrecision::Day,
            ..
        } = d.val
        else {
            continue;
        };
        let before = &t[..d.first];
        let label = before.iter().all(|x| {
            matches!(
                x.lw(),
                "last" | "updated" | "update" | "date" | "published" | "issued" | ":" | "as" | "of"
            )
        });
        // a masthead: a place or a programme's name, then the day; no
        // event, casualty or other figure before the date
        let masthead = before.iter().all(|x| {
            x.kind != Kind::Num
                && event_word(x.lw()).is_none()
                && !tolls::is_casualty_word(x.lw())
                && !matches!(x.lw(), "date" | "dates")
        }) && before
            .iter()
            .any(|x| dates::weekday(x.lw()).is_some() || x.is_punct(','));
        let label = label || masthead;
        // "..., Sunday 18 April 2021 (translated from the French)"
        // or "News bulletin of Friday 26 January 2018, 13h"
        let ends = d.next == t.len()
            || (masthead
                && t[d.next..].iter().all(|x| {
                    event_word(x.lw()).is_none()
                        && !tolls::is_casualty_word(x.lw())
                        && dates::month(x.lw()).is_none()
                }));
        if d.explicit_year && ends && label {
            return Some(start);
        }
    }
    None
}

/// A date said of a statement, not of the event: "On Monday, the government
/// said that ...", "in a statement issued on May 2", "Earlier this week, Amnesty reported".
fn speech_date(t: &[Token], first: usize, next: usize) -> bool {
    // verbs that change a toll already told: the day they carry is the
    // statement's, not the event's
    const TOLL_UPDATE: &[&str] = &[
        "raised",
        "revised",
        "lowered",
        "lifted",
        "corrected",
        "downward",
        "upward",
    ];
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if matches!(
        w(next),
        "press" | "statement" | "report" | "communique" | "communiqué" | "release" | "interview"
    ) {
        return true;
    }
    if first > 0 && matches!(w(first - 1), "this" | "earlier" | "week") && w(next) == "week" {
        return true;
    }
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "told",
        "announced",
        "reported",
        "stated",
        "declared",
        "confirmed",
        "noted",
        "added",
        "condemned",
        "published",
        "released",
        "claimed",
        "tweeted",
        "wrote",
        "explained",
        "indicated",
        "specified",
        "affirmed",
        "assured",
        "recounted",
        "revealed",
    ];
    // "In a statement read on national television on 28 January", "an
    // assessment cited by the press in October"
    let lo = first.saturating_sub(8);
    if (lo..first).any(|k| {
        matches!(
            w(k),
            "statement"
                | "communique"
                | "communiqué"
                | "television"
                | "radio"
                | "broadcast"
                | "conference"
                | "bulletin"
                | "press"
                | "cited"
                | "quoted"
        )
    }) && !(lo..first).any(|k| event_word(w(k)).is_some())
    {
        return true;
    }
    // "our report of 8 January", "a caption on our article of 13 May"
    if first >= 2
        && w(first - 1) == "of"
        && matches!(
            w(first - 2),
            "report"
                | "article"
                | "statement"
                | "communique"
                | "communiqué"
                | "bulletin"
                | "release"
                | "caption"
                | "story"
                | "edition"
                | "figure"
                | "figures"
                | "toll"
                | "count"
                | "estimate"
                | "update"
        )
    {
        return true;
    }
    // "officials said on Monday", "made public this Wednesday", "revised
    // downward, this Monday, the toll"
    let mut first = first;
    while first >= 1
        && matches!(
            w(first - 1),
            "this" | "last" | "on" | "late" | "early" | ","
        )
    {
        first -= 1;
    }
    if (first >= 1
        && (SPEECH.contains(&w(first - 1))
            || TOLL_UPDATE.contains(&w(first - 1))
            || matches!(
                w(first - 1),
                "public" | "given" | "issued" | "communicated" | "appended" | "updated"
            )))
        || (first >= 2 && SPEECH.contains(&w(first - 2)) && w(first - 1) == "on")
    {
        return true;
    }
    // an event told before the date: the date is the event's
    if (0..first).any(|k| event_word(w(k)).is_some() || matches!(w(k), "killed" | "died" | "dead"))
    {
        return false;
    }
    // a speech verb follows the date before any event word ("the
    // government on Saturday raised to 54 the number ...")
    let stop = (next + 12).min(t.len());
    for k in next..stop {
        let x = w(k);
        if event_word(x).is_some() || matches!(x, "killed" | "died" | "dead") {
            return false;
        }
        if TOLL_UPDATE.contains(&x) {
            return true;
        }
        if SPEECH.contains(&x) {
            return true;
        }
    }
    false
}

/// Tokens before the dash of a dateline, if the sentence starts with one.
fn dateline_end(text: &str, t: &[Token]) -> Option<usize> {
    // a bare one: "MOPTI - ...", "DORI — ..." (the city in capitals)
    if let Some(k) = t.iter().take(4).position(|x| {
        x.kind == Kind::Punct && matches!(x.lw(), "-" | "\u{2013}" | "\u{2014}") && x.space_before
    }) {
        let caps = |y: &Token| {
            let w = text.get(y.start..y.end).unwrap_or("");
            y.kind == Kind::Word
                && w.chars().count() >= 3
                && w.chars().all(|c| c.is_uppercase() || c == '\'')
        };
        if k >= 1 && t[..k].iter().all(caps) {
            return Some(k);
        }
    }
    for (k, x) in t.iter().enumerate().take(14) {
        if x.kind == Kind::Punct && (x.lower == "-" || x.lower == ":") && x.space_before && k >= 1 {
            let head = &t[..k];
            let mut depth = 0usize;
            let ok = head.iter().all(|y| match y.kind {
                Kind::Word => y.cap || depth > 0 || matches!(y.lw(), "de" | "du" | "of"),
                Kind::Num => true,
                Kind::Punct => {
                    if y.lw() == "(" {
                        depth += 1;
                    } else if y.lw() == ")" {
                        depth = depth.saturating_sub(1);
                    }
                    matches!(y.lw(), "," | "(" | ")" | ".")
                }
            });
            // "Bamako -- Our association ...": a city name alone before a dash
            let bare_city = (1..=2).contains(&k)
                && head.iter().all(|y| y.kind == Kind::Word && y.cap)
                && t.get(k + 1)
                    .is_some_and(|y| y.lw() == "-" && !y.space_before);
            if bare_city {
                return Some(k + 1);
            }
            let has_date = head.iter().any(|y| dates::month(&y.lower).is_some())
                || head.iter().any(|y| y.lower == "(");
            return (ok && has_date && x.lower == "-").then_some(k);
        }
    }
    None
}

/// Infobox key of a `Key | value |` row, with the token index of the first value token.
fn infobox_row(text: &str, t: &[Token]) -> Option<(&'static str, usize)> {
    // "Date: 10-18 January 2013", "Location: Konna, Mopti Region, Mali" on
    // a line of their own (the casualty rows stay sentences: their
    // figures are read like any other)
    if let Some(colon) = t.iter().take(4).position(|x| x.is_punct(':')) {
        let line_start = t[0].start == 0 || text[..t[0].start].ends_with('\n');
        let one_line = !text[t[0].start..t[t.len() - 1].end].contains('\n');
        if colon > 0 && line_start && one_line {
            let key = text.get(t[0].start..t[colon - 1].end)?.to_ascii_lowercase();
            let k = match key.as_str() {
                "location" | "place" => Some("location"),
                "date" | "dates" | "date(s)" => Some("date"),
                "part of" | "belligerents" | "strength" | "result" | "outcome" | "commanders"
                | "units involved" | "target" | "weapons" | "type" | "perpetrator"
                | "perpetrators" => Some("ignore"),
                _ => None,
            };
            if let Some(k) = k {
                return Some((k, colon + 1));
            }
        }
    }
    let bar = t.iter().position(|x| x.is_punct('|'))?;
    if bar == 0 || bar > 3 {
        return None;
    }
    let key = text.get(t[0].start..t[bar - 1].end)?.to_ascii_lowercase();
    let k: &'static str = match key.as_str() {
        "location" | "place" => "location",
        "date" | "date(s)" => "date",
        "deaths" | "killed" | "fatalities" | "casualties" | "dead" => "deaths",
        "injured" | "wounded" | "injuries" | "non-fatal injuries" => "injured",
        "perpetrator" | "perpetrators" | "attackers" => "actor",
        "target" | "weapon" | "weapons" | "attack type" | "type" | "victims" | "part of" => {
            "ignore"
        }
        _ => return None,
    };
    Some((k, bar + 1))
}

fn apply_infobox_row(
    m: &mut Mention,
    text: &str,
    t: &[Token],
    (key, from): (&'static str, usize),
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    ctx: &mut DateCtx,
) {
    let vals = &t[from.min(t.len())..];
    let vals: Vec<Token> = vals
        .iter()
        .take_while(|x| !x.is_punct('|'))
        .cloned()
        .collect();
    if vals.is_empty() {
        return;
    }
    let span = (vals[0].start, vals[vals.len() - 1].end);
    match key {
        "location" => {
            let masked = vec![false; vals.len()];
            let mut found = places::find_places(text, &vals, &masked, gaz, cache);
            // the first value is the place even without a cue
            if found.is_empty() && vals[0].cap && vals[0].kind == Kind::Word {
                let name = vals
                    .iter()
                    .take_while(|x| !x.is_punct(','))
                    .last()
                    .and_then(|l| text.get(vals[0].start..l.end))
                    .unwrap_or("");
                if !name.is_empty() {
                    cache.confirmed.insert(
                        crate::gazetteer::normalize::normalize(name),
                        name.to_string(),
                    );
                    found = places::find_places(text, &vals, &masked, gaz, cache);
                }
            }
            m.places.extend(
                found
                    .into_iter()
                    .filter(|p| p.role == Role::Event)
                    .map(|p| p.place),
            );
        }
        "date" => {
            let ds = dates::find_dates(&vals, ctx);
            if let Some(d) = ds.first() {
                if let DateVal::Known {
                    start,
                    end,
                    precision,
                } = d.val
                {
                    m.date = Some((start, end, precision));
                    if d.explicit_year {
                        ctx.year = Some(start.year());
                    }
                }
            }
        }
        "deaths" => {
            if let Some(q) = numbers::quantity_at(&vals, 0, false) {
                m.deaths = vec![Candidate::plain(&q, span)];
                m.evidence = Some(span);
            }
        }
        "injured" => {
            if let Some(q) = numbers::quantity_at(&vals, 0, false) {
                m.injured = Some(q.best);
            }
        }
        "actor" => {
            m.actor = text.get(span.0..span.1).map(|s| s.trim().to_string());
        }
        _ => {}
    }
}

/// How many recent incidents a mention is compared with (keeps a huge
/// document linear; articles report far fewer events).
const LOOKBACK: usize = 64;

/// Most places kept for one incident (the event place and a few others).
const MAX_PLACES: usize = 12;

/// Merges a mention into the incidents or starts a new one; returns the
/// index of a newly created incident.
fn absorb(
    mut m: Mention,
    accs: &mut Vec<Acc>,
    last: &mut Option<usize>,
    infobox: bool,
) -> Option<usize> {
    let tr = m.trigger.clone().unwrap_or_default();
    let has_toll = !m.deaths.is_empty() || !m.attacker.is_empty();
    // "The army's first statement spoke of 15 killed": a figure about the
    // event just told, not a new event at the paragraph's scene
    let scene_is_last = last.and_then(|l| accs.get(l)).is_some_and(|a| {
        a.places.is_empty()
            || m.places
                .first()
                .is_some_and(|p| a.places.iter().any(|q| same_place(p, q)))
    });
    if m.scene_place && m.about_toll && scene_is_last {
        m.places.clear();
        m.date = None;
        m.date_key = None;
    }
    let has_date = m.date.is_some();
    // find an incident to merge into
    let mut target: Option<usize> = None;
    if !tr.another {
        if m.places.is_empty() {
            if let (Some(l), true) = (*last, m.restates && has_toll) {
                // "The first toll, given on Monday by the army, spoke of
                // 17 killed": the date is the statement's, the figure the
                // event's just told
                target = Some(l);
                m.date = None;
                m.date_key = None;
            } else if m.date.is_some() {
                target = (accs.len().saturating_sub(LOOKBACK)..accs.len())
                    .rev()
                    .find(|&i| {
                        accs[i].date.is_some_and(|d| {
                            dates_overlap(
                                (d.0, d.1),
                                m.date.map(|x| (x.0, x.1)).unwrap_or((d.0, d.1)),
                            )
                        })
                    });
                if target.is_none() && !has_toll {
                    if let Some(l) = *last {
                        if accs[l].date.is_none()
                            && accs[l].date_key.is_none()
                            && date_compatible(&m, &accs[l])
                            && tr.definite
                        {
                            target = Some(l);
                        }
                    }
                }
            } else if let Some(l) = same_kind_before(accs, *last, &tr) {
                // "the strike" after a paragraph on other attacks: the
                // last event of that kind
                target = Some(l);
            } else if let Some(l) = *last {
                let dated_ok = date_compatible(&m, &accs[l]);
                // a figure with no place or day of its own, right after the
                // event's own sentence (or in a one-event story), is another
                // account of that event's toll
                let follows = m.follows || accs.len() == 1;
                let fits = dated_ok
                    && (!has_toll
                        || toll_compatible(&m, &accs[l])
                        || m.restates
                        || m.also
                        || follows);
                if fits || (has_toll && accs[l].deaths.is_empty()) {
                    target = Some(l);
                }
            }
        } else {
            for i in (accs.len().saturating_sub(LOOKBACK)..accs.len()).rev() {
                let a = &accs[i];
                // "the Government put the toll at 39": a figure for the
                // event just told at that place, whatever day it was said
                if m.restates
                    && i + 1 == accs.len()
                    && (!a.deaths.is_empty() || !a.attacker.is_empty())
                    && place_match(&m, a) == PlaceMatch::Same
                {
                    target = Some(i);
                    m.date = None;
                    m.date_key = None;
                    break;
                }
                if !date_compatible(&m, a) {
                    continue;
                }
                match place_match(&m, a) {
                    PlaceMatch::Same => {
                        target = Some(i);
                        break;
                    }
                    PlaceMatch::Contained => {
                        let key_conflict = m.date_key.is_some()
                            && a.date_key.is_some()
                            && m.date_key != a.date_key;
                        if (toll_compatible(&m, a) || (m.also && i + 1 == accs.len()))
                            && !key_conflict
                        {
                            target = Some(i);
                            break;
                        }
                    }
                    PlaceMatch::None => {}
                }
            }
            // a definite reference with no place of its own is the last event
            if target.is_none() && !has_toll && tr.definite && !has_date {
                if let Some(l) = *last {
                    if place_match(&m, &accs[l]) != PlaceMatch::None {
                        target = Some(l);
                    }
                }
            }
            // "49 civilians were killed in two attacks. The first hit a
            // boat near X": the places of the toll just told, with no place
            if target.is_none() && !has_toll && !has_date && m.date_key.is_none() {
                if let Some(l) = *last {
                    if accs[l].places.is_empty() && !accs[l].deaths.is_empty() {
                        target = Some(l);
                    }
                }
            }
        }
    }
    if let Some(i) = target {
        merge(&mut accs[i], m);
        *last = Some(i);
        return None;
    }
    // create?
    let specific_place = m
        .places
        .iter()
        .any(|p| p.precision != GeoPrecision::Country);
    let create = if has_toll {
        !m.places.is_empty() || m.date.is_some() || m.demonym.is_some() || tr.another
    } else if infobox {
        !m.places.is_empty()
    } else {
        let dated = m.date.is_some() || m.date_key.is_some();
        let placed = !m.places.is_empty()
            || (m.demonym.is_some() && m.date.is_some_and(|d| d.2 == DatePrecision::Day));
        let eventful = !tr.plural || dated || tr.took_place;
        let referring = tr.definite && !dated && !tr.took_place;
        (placed || tr.another)
            && eventful
            && !referring
            && !m.general
            && (dated || specific_place || tr.took_place || tr.another)
    };
    if !create {
        return None;
    }
    let mut m = m;
    if m.places.is_empty() && !tr.another && has_toll {
        if let Some(p) = m.context.take() {
            m.places.push(p);
        }
    }
    if m.places.is_empty() {
        if tr.another {
            if let Some(l) = *last {
                m.places = accs[l].places.iter().take(3).cloned().collect();
            }
        }
        if m.places.is_empty() {
            if let Some((code, name)) = m.demonym {
                let mut p = PlaceRef {
                    name: name.to_string(),
                    key: crate::gazetteer::normalize::normalize(name),
                    place_id: None,
                    lat: None,
                    lon: None,
                    admin1: None,
                    admin2: None,
                    country: Some(code.to_string()),
                    precision: GeoPrecision::Country,
                    vague: true,
                    hinted: false,
                };
                p.name = name.to_string();
                m.places.push(p);
            }
        }
    }
    let mut acc = Acc {
        first_sentence: m.sent,
        ..Acc::default()
    };
    merge(&mut acc, m);
    accs.push(acc);
    *last = Some(accs.len() - 1);
    Some(accs.len() - 1)
}

/// The mention's figure when it counts another group's dead than the one
/// figure the incident has so far (civilians after soldiers, or the
/// reverse), told apart with no date of its own: a part of the same toll,
/// not a competing figure (CODEBOOK section 3, sums of parts).
fn other_group_part(acc: &Acc, m: &Mention) -> Option<Candidate> {
    let specific = |g: Option<Group>| matches!(g, Some(Group::Civilians | Group::Security));
    // "Four civilians were also killed": said to add to the toll (not to
    // a figure the text has refuted)
    let also = m.also
        && !acc.deaths.is_empty()
        && m.deaths.len() == 1
        && acc.deaths.iter().all(|c| c.stance != Stance::Early);
    // a list of its own ("28 gendarmes and four civilians") or a figure
    // told as an update is a whole toll, not a part
    let single = m.deaths.first().is_some_and(|c| c.parts == [0; 4]);
    let plain = m.deaths.first().is_some_and(|c| c.stance == Stance::Plain);
    (also
        || (acc.deaths.len() == 1
            && m.deaths.len() == 1
            && m.date.is_none()
            && specific(acc.deaths_group)
            && specific(m.deaths_group)
            && acc.deaths_group != m.deaths_group
            && acc.deaths[0].stance == m.deaths[0].stance
            && single
            && plain))
        .then(|| m.deaths[0])
}

fn merge(acc: &mut Acc, m: Mention) {
    let part = other_group_part(acc, &m);
    acc.mentions += 1;
    for p in m.places {
        if let Some(existing) = acc.places.iter_mut().find(|q| same_place(q, &p)) {
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
        } else if acc.places.len() < MAX_PLACES {
            acc.places.push(p);
        }
    }
    // a dated toll beats the date of a headline or title line told
    // before it with no figure
    let untolled = acc.deaths.is_empty() && acc.attacker.is_empty();
    if acc.date.is_none()
        || (untolled && m.date.is_some() && (!m.deaths.is_empty() || !m.attacker.is_empty()))
    {
        if m.date.is_some() {
            acc.date_inferred = m.date_inferred;
        }
        acc.date = m.date.or(acc.date);
    }
    if acc.date_key.is_none() {
        acc.date_key = m.date_key;
    }
    if !m.deaths.is_empty() {
        if acc.deaths.is_empty() || acc.evidence.is_none() {
            acc.evidence = m.evidence.or(acc.evidence);
        }
        if let Some(d) = part {
            // "17 soldiers killed ... 4 civilians killed": parts of one toll
            let k = if m.also { acc.deaths.len() - 1 } else { 0 };
            let c = &mut acc.deaths[k];
            c.low = c.low.saturating_add(d.low);
            c.best = c.best.saturating_add(d.best);
            c.high = c.high.zip(d.high).map(|(x, y)| x.saturating_add(y));
            c.span = (c.span.0.min(d.span.0), c.span.1.max(d.span.1));
            acc.deaths_group = Some(Group::Unknown);
        } else {
            acc.deaths.extend(m.deaths);
        }
        if acc.deaths_group.is_none() {
            acc.deaths_group = m.deaths_group;
        }
    }
    if !m.attacker.is_empty() {
        if acc.evidence.is_none() {
            acc.evidence = m.evidence;
        }
        acc.attacker.extend(m.attacker);
    }
    if acc.injured.is_none() {
        acc.injured = m.injured;
    }
    if acc.occasion.is_none() {
        acc.occasion = m.occasion;
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
    if acc.actor.is_none() || (generic(&acc.actor) && m.actor.is_some() && !generic(&m.actor)) {
        acc.actor = m.actor.or(acc.actor.take());
    }
}

/// A record with no toll that only restates an event told with one: a
/// headline or title line ("attack on Toumour"), or an undated mention of a
/// place whose event is counted elsewhere in the article.
fn restatement(acc: &Acc, all: &[Acc], doc: &Document) -> bool {
    if !acc.deaths.is_empty() || !acc.attacker.is_empty() {
        return false;
    }
    let Some(p) = acc.places.iter().min_by_key(|p| place_rank(p)) else {
        return false;
    };
    if p.precision != GeoPrecision::Place || p.vague {
        return false;
    }
    let told = all.iter().any(|o| {
        !std::ptr::eq(o, acc)
            && (!o.deaths.is_empty() || !o.attacker.is_empty())
            && o.places.iter().any(|q| same_place(p, q))
    });
    let title = acc.first_sentence.0 < doc.body_offset.saturating_add(300);
    let report_day = acc
        .date
        .is_some_and(|d| doc.published.is_some_and(|pb| d.0 >= pb));
    told && (title || acc.date.is_none() || report_day)
}

/// An event told with no figure, no casualty and no day at all: an
/// aside ("the first time an attack of this size hit the city", "an
/// article about the attack gave the wrong village"), not a report. One
/// dated by a relative day the text could not resolve ("the following
/// day, another strike hit a funeral") stays.
fn unanchored(acc: &Acc, doc: &Document) -> bool {
    if !acc.deaths.is_empty() || !acc.attacker.is_empty() || acc.injured.is_some() {
        return false;
    }
    if acc.date.is_some() {
        return false;
    }
    let (s, e) = acc.first_sentence;
    let sentence = doc.text.get(s..e).unwrap_or("").to_lowercase();
    const RELATIVE: &[&str] = &[
        "next day",
        "following day",
        "subsequent day",
        "day after",
        "days later",
        "same day",
        "lendemain",
        "jour suivant",
        "même jour",
    ];
    !RELATIVE.iter().any(|r| sentence.contains(r))
}

fn finish(doc: &Document, accs: Vec<Acc>) -> Vec<Incident> {
    let keep: Vec<bool> = accs
        .iter()
        .map(|a| !restatement(a, &accs, doc) && !unanchored(a, doc))
        .collect();
    let accs: Vec<Acc> = accs
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect();
    let stem = Path::new(&doc.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| doc.name.clone());
    // the article's main country, for events it places nowhere more precise
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in accs.iter().flat_map(|a| a.places.iter()) {
        if let Some(c) = &p.country {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.clone(), 1)),
            }
        }
    }
    let main_country = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c.clone());
    let mut out = Vec::new();
    for mut acc in accs {
        if acc.places.is_empty() {
            if let Some(c) = &main_country {
                let name = match c.as_str() {
                    "ML" => "Mali",
                    "BF" => "Burkina Faso",
                    "NE" => "Niger",
                    other => other,
                };
                acc.places.push(PlaceRef {
                    name: name.to_string(),
                    key: crate::gazetteer::normalize::normalize(name),
                    place_id: None,
                    lat: None,
                    lon: None,
                    admin1: None,
                    admin2: None,
                    country: Some(c.clone()),
                    precision: GeoPrecision::Country,
                    vague: true,
                    hinted: false,
                });
            }
        }
        if acc.places.is_empty() && acc.date.is_none() {
            continue;
        }
        let n = out.len() + 1;
        let mut inc = Incident::new(format!("{stem}-{n}"), doc.name.clone());
        inc.source = Some("article".into());
        // primary place: the most specific, first written
        let primary = acc
            .places
            .iter()
            .enumerate()
            .min_by_key(|(i, p)| (place_rank(p), *i))
            .map(|(_, p)| p.clone());
        if let Some(p) = &primary {
            inc.place = Some(p.name.clone());
            inc.place_id = p.place_id.clone();
            inc.lat = p.lat;
            inc.lon = p.lon;
            inc.admin1 = p.admin1.clone();
            inc.admin2 = p.admin2.clone();
            inc.country = p.country.clone();
            inc.geo_precision = Some(p.precision);
            // context from the containing units named with it
            for q in &acc.places {
                if std::ptr::eq(q, p) || same_place(q, p) {
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
            for q in &acc.places {
                if same_place(q, p) || place_rank(q) != rank || rank > 0 {
                    continue;
                }
                if !inc.also_places.contains(&q.name) {
                    inc.also_places.push(q.name.clone());
                }
            }
        }
        if let Some((s, e, prec)) = acc.date {
            inc.date_start = Some(s);
            inc.date_end = Some(e);
            inc.date_precision = prec;
        }
        // state forces' "terrorists neutralised" where every other account
        // counts civilians: the same dead under the army's label, a
        // competing figure rather than attackers to add ("neutralised 203
        // terrorists ... at least 500 people killed, most of them civilians")
        // (when the text names an armed group as the perpetrator, the
        // terrorists are its fighters and are added, CODEBOOK §3)
        let armed_group = acc.actor.as_deref().is_some_and(|a| {
            matches!(
                a,
                "JNIM"
                    | "IS Sahel"
                    | "jihadists"
                    | "gunmen"
                    | "militants"
                    | "Ansarul Islam"
                    | "Dan Na Ambassagou"
                    | "Dozo militia"
            )
        });
        // ("its aircraft killed about thirty jihadists": the jihadists named
        // as the dead are not a perpetrator named)
        let named_as_dead = acc.actor.as_deref().is_some_and(|a| {
            let a = a.to_lowercase();
            !acc.attacker.is_empty()
                && acc.attacker.iter().all(|c| {
                    doc.text
                        .get(c.span.0..c.span.1)
                        .is_some_and(|s| s.to_lowercase().contains(&a))
                })
        });
        let armed_group = armed_group && !named_as_dead;
        if !armed_group && acc.deaths_group == Some(Group::Civilians) && !acc.attacker.is_empty() {
            let labelled = |c: &Candidate| {
                doc.text.get(c.span.0..c.span.1).is_some_and(|s| {
                    let s = s.to_lowercase();
                    s.contains("terrorist") || s.contains("jihadist")
                })
            };
            if acc.attacker.iter().all(labelled) {
                let mut all = std::mem::take(&mut acc.attacker);
                all.append(&mut acc.deaths);
                all.sort_by_key(|c| c.span.0);
                acc.deaths = all;
            }
        }
        if let Some(d) = reason::decide(&acc.deaths, &acc.attacker) {
            inc.deaths_low = Some(d.low);
            inc.deaths_best = Some(d.best);
            inc.deaths_high = d.high;
            inc.toll_rule = Some(d.rule.to_string());
            inc.toll_candidates = reason::describe(&acc.deaths, &acc.attacker);
            if d.competing {
                inc.review.push(format!("competing_figures: {}", d.rule));
            }
            if d.vague {
                inc.review.push("vague_figure".into());
            }
            if acc.deaths.is_empty() {
                inc.victims = Some("militants".into());
            } else {
                inc.victims = acc
                    .deaths_group
                    .and_then(|g| g.as_str())
                    .map(str::to_string);
                if let Some(a) = reason::decide(&[], &acc.attacker) {
                    inc.flags.push(format!("attackers_killed={}", a.best));
                }
            }
        }
        if acc.date.is_some() && acc.date_inferred {
            inc.review.push("date_inferred".into());
        }
        if acc.date.is_none() {
            inc.review.push("date_unknown".into());
        }
        if inc.lat.is_none() && inc.geo_precision == Some(GeoPrecision::Place) {
            inc.review.push("place_unresolved".into());
        }
        inc.injured = acc.injured;
        if let Some(o) = acc.occasion {
            inc.flags.push(format!("{OCCASION_FLAG}{o}"));
        }
        inc.actor = acc.actor;
        inc.event_type = acc.etype.map(str::to_string).or(Some("attack".into()));
        let (s, e) = acc.evidence.unwrap_or(acc.first_sentence);
        inc.evidence = doc.text.get(s..e).map(str::to_string);
        inc.span = Some([s, e]);
        let mut conf: f64 = 0.4;
        if inc.deaths_best.is_some() {
            conf += 0.2;
        }
        if inc.lat.is_some() {
            conf += 0.15;
        }
        if inc.date_start.is_some() {
            conf += 0.1;
        }
        if acc.mentions > 1 {
            conf += 0.05;
        }
        inc.confidence = Some(conf.min(0.95));
        out.push(inc);
    }
    out
}

#[cfg(test)]
mod tests;
