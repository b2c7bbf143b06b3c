//! Event words: the type of event a sentence tells, its actor and occasion.

use super::*;

/// Kind of event word, plural, definite, "another".
#[derive(Debug, Clone, Default)]
pub(super) struct Trigger {
    pub(super) etype: Option<&'static str>,
    pub(super) plural: bool,
    pub(super) definite: bool,
    pub(super) another: bool,
    /// "militants struck the camp again": another event at a place told
    /// before, when the sentence gives its own day.
    pub(super) again: bool,
    pub(super) took_place: bool,
    pub(super) verb: bool,
    /// Named by a possessive day ("before Friday's attack"): an event told
    /// elsewhere, which a sentence with no toll of its own only recalls.
    pub(super) dated_back: bool,
}

/// How an event word is used: a noun, a plural noun, a verb.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Noun,
    Plural,
    Verb,
}

/// The event words and the event type each tells, in one table. "strike"
/// is a family typed by the word before it ([`strike_type`]); "IED" needs
/// an explosive word ([`find_trigger`]). French is read through its English
/// translation (`lang::fr`).
const EVENT_WORDS: &[(&str, &str, Form)] = &[
    ("attack", "attack", Form::Noun),
    ("assault", "attack", Form::Noun),
    ("attacks", "attack", Form::Plural),
    ("assaults", "attack", Form::Plural),
    ("attacked", "attack", Form::Verb),
    ("stormed", "attack", Form::Verb),
    ("assaulted", "attack", Form::Verb),
    ("targeted", "attack", Form::Verb),
    ("struck", "attack", Form::Verb),
    ("hit", "attack", Form::Verb),
    ("raid", "raid", Form::Noun),
    ("raids", "raid", Form::Plural),
    ("raided", "raid", Form::Verb),
    ("ambush", "ambush", Form::Noun),
    ("ambushes", "ambush", Form::Plural),
    ("ambushed", "ambush", Form::Verb),
    ("massacre", "massacre", Form::Noun),
    ("massacres", "massacre", Form::Plural),
    ("massacred", "massacre", Form::Verb),
    ("strike", "strike", Form::Noun),
    ("airstrike", "strike", Form::Noun),
    ("bombing", "strike", Form::Noun),
    ("bombardment", "strike", Form::Noun),
    ("strikes", "strike", Form::Plural),
    ("airstrikes", "strike", Form::Plural),
    ("bombings", "strike", Form::Plural),
    ("bombed", "strike", Form::Verb),
    // (militants shell a camp; an air force strikes: "shelled" is an attack)
    ("shelled", "attack", Form::Verb),
    // "terrorists fired several shells at the airport", "the shelling"
    // (an attack: a strike is the air force's, and shells fired in a
    // battle do not make it one)
    ("shells", "attack", Form::Plural),
    ("shelling", "attack", Form::Noun),
    ("clash", "clashes", Form::Noun),
    ("clashes", "clashes", Form::Plural),
    ("clashed", "clashes", Form::Verb),
    ("battle", "battle", Form::Noun),
    ("battles", "battle", Form::Plural),
    ("siege", "siege", Form::Noun),
    ("besieged", "siege", Form::Verb),
    ("explosion", "IED", Form::Noun),
    ("blast", "IED", Form::Noun),
    ("ied", "IED", Form::Noun),
    ("landmine", "IED", Form::Noun),
    ("explosive", "IED", Form::Noun),
    // "a bomb went off in the village", "a roadside bomb"
    ("bomb", "IED", Form::Noun),
    // "drove two vehicles packed with explosives at the camp"
    ("explosives", "IED", Form::Plural),
    ("killed", "attack", Form::Verb),
    ("killing", "attack", Form::Verb),
    ("shot", "attack", Form::Verb),
    ("fired", "attack", Form::Verb),
    ("executed", "attack", Form::Verb),
    // "the summary execution of 22 men detained at the market"
    ("execution", "attack", Form::Noun),
    ("executions", "attack", Form::Plural),
    ("overran", "attack", Form::Verb),
    ("overrun", "attack", Form::Verb),
    // arson: "set fire to", "torched", "incendié" (burned)
    ("torched", "attack", Form::Verb),
    ("burned", "attack", Form::Verb),
    ("slaughtered", "attack", Form::Verb),
    ("gunned", "attack", Form::Verb),
    ("bombarded", "attack", Form::Verb),
    // "came under fire near X", "opened fire on the market"
    ("fire", "attack", Form::Verb),
    // "foiled an attempt to infiltrate the camp", "une tentative
    // d'infiltration"
    ("infiltrate", "attack", Form::Verb),
    ("infiltrated", "attack", Form::Verb),
    ("infiltration", "attack", Form::Noun),
    // "the unit was engaged near Fonéko" (not "engaged in talks")
    ("engaged", "attack", Form::Verb),
];

type EventTable = rustc_hash::FxHashMap<&'static str, (&'static str, Form)>;

static EVENT_TABLE: std::sync::OnceLock<EventTable> = std::sync::OnceLock::new();

/// The event word `w` (lowercase): (event type, plural, verb).
pub(super) fn event_word(w: &str) -> Option<(&'static str, bool, bool)> {
    // the table's words are 3 to 12 bytes long: most words need no lookup
    if !(3..=12).contains(&w.len()) {
        return None;
    }
    let table = EVENT_TABLE.get_or_init(|| {
        EVENT_WORDS
            .iter()
            .map(|&(w, et, form)| (w, (et, form)))
            .collect()
    });
    let &(et, form) = table.get(w)?;
    Some((et, form == Form::Plural, form == Form::Verb))
}

/// The type of a strike word `w` after the word `p`: a drone strike
/// after "drone(s)" (or "missile", in the Sahel fired from drones); an
/// airstrike for "airstrike", after "air" or "aerial", and for a bare
/// "strike" or "shelled"; a bombing for "bombing", "bombardment" or
/// "bombed" when no word says from what. French puts the adjective after
/// the noun (`nx`): "un bombardement aérien" is an airstrike.
fn strike_type(w: &str, p: &str, nx: &str) -> &'static str {
    if matches!(nx, "aérien" | "aérienne" | "aériens" | "aériennes") && p != "drone" {
        return "airstrike";
    }
    match p {
        "drone" | "drones" => "drone strike",
        _ if w.starts_with("air") => "airstrike",
        "missile" => "drone strike",
        "air" | "aerial" => "airstrike",
        _ if w.starts_with("bomb") => "bombing",
        _ => "airstrike",
    }
}

/// The determiner of the event word at `k`, past up to two modifiers:
/// "the drone strike", "the Mondoro attack", "another deadly attack".
fn determiner<'t>(t: &'t [Token], k: usize) -> &'t str {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut j = k;
    for _ in 0..3 {
        if j == 0 {
            return "";
        }
        j -= 1;
        let x = w(j);
        if matches!(
            x,
            "the" | "that" | "this" | "these" | "those" | "another" | "a" | "an" | "its" | "their"
        ) {
            return x;
        }
    }
    ""
}

/// The event word at token `k` as a trigger, if it is one.
fn trigger_at(t: &[Token], k: usize) -> Option<Trigger> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "jihadists seized Konna": the capture of a town is a battle
    let capture = matches!(w(k), "seized" | "captured" | "overran")
        && t.get(k + 1).is_some_and(|x| x.cap && x.kind == Kind::Word);
    let (mut et, plural, verb) = event_word(w(k)).or(capture.then_some(("battle", false, true)))?;
    // "provinces hit by jihadist violence": a description; a noun after
    // "by" ("hit by a bombing") triggers on its own
    if verb && matches!(w(k), "hit" | "struck" | "targeted") && w(k + 1) == "by" {
        return None;
    }
    if w(k) == "engaged" && matches!(w(k + 1), "in" | "to" | "with" | "that") {
        return None;
    }
    let p = if k > 0 { w(k - 1) } else { "" };
    if et == "strike" {
        et = strike_type(w(k), p, w(k + 1));
    }
    // "attack helicopters fired on a vehicle", "jets struck the camp": from
    // the air
    // (not "a helicopter hit on the ground": a target, not the shooter)
    if et == "attack"
        && verb
        && matches!(w(k), "fired" | "struck" | "attacked" | "fire")
        && (k.saturating_sub(4)..k).any(|j| {
            matches!(
                w(j),
                "helicopter"
                    | "helicopters"
                    | "gunship"
                    | "gunships"
                    | "jets"
                    | "aircraft"
                    | "hélicoptère"
                    | "hélicoptères"
            )
        })
    {
        et = "airstrike";
    }
    if et == "IED"
        && !(matches!(
            w(k),
            "ied" | "landmine" | "mine" | "explosive" | "explosives" | "bomb"
        ) || (k > 0 && matches!(p, "ied" | "bomb" | "mine" | "explosive")))
    {
        et = "attack";
    }
    let det = determiner(t, k);
    // "before Friday's attack", "last week's ambush": an event told elsewhere
    let dated_back = p
        .strip_suffix("'s")
        .or_else(|| p.strip_suffix("\u{2019}s"))
        .is_some_and(|d| {
            super::calendar::weekday(d).is_some()
                || matches!(
                    d,
                    "yesterday" | "today" | "week" | "weekend" | "night" | "month"
                )
        });
    Some(Trigger {
        etype: Some(et),
        plural,
        definite: matches!(
            det,
            "the" | "that" | "this" | "these" | "those" | "its" | "their"
        ),
        dated_back,
        another: det == "another",
        again: verb && struck_again(t, k),
        took_place: false,
        verb,
    })
}

/// "militants struck the camp again", "attacked the town once more": the
/// verb at `k` tells another event at the place just told.
fn struck_again(t: &[Token], k: usize) -> bool {
    (k + 1..(k + 6).min(t.len()))
        .take_while(|&j| t[j].kind != Kind::Punct)
        .any(|j| {
            t[j].lw() == "again"
                || (t[j].lw() == "once" && t.get(j + 1).is_some_and(|x| x.lw() == "more"))
        })
}

/// Keeps the better of two triggers of one sentence in `cur`: a specific
/// event noun beats a verb, an indefinite a definite.
fn combine(cur: &mut Trigger, cand: Trigger) {
    let better = (cur.verb && !cand.verb && cand.etype != Some("attack"))
        || (cur.etype == Some("attack")
            && cand.etype.is_some_and(|e| e != "attack")
            && !cand.plural)
        || (cur.definite && !cand.definite && !cand.plural);
    if cand.another {
        cur.another = true;
    }
    cur.again |= cand.again;
    let (c_def, c_plural) = (cand.definite, cand.plural);
    if better {
        let (another, again) = (cur.another, cur.again);
        *cur = cand;
        cur.another |= another;
        cur.again |= again;
    } else if cur.plural && !c_plural {
        cur.plural = false;
    }
    if !c_def && !c_plural {
        cur.definite = false;
    }
}

/// The event a sentence tells: its best event word.
pub(super) fn find_trigger(t: &[Token], masked: &[bool]) -> Option<Trigger> {
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
        let Some(cand) = trigger_at(t, k) else {
            continue;
        };
        match &mut tr {
            None => tr = Some(cand),
            Some(cur) => combine(cur, cand),
        }
    }
    if let Some(tr) = &mut tr {
        tr.took_place = took_place;
    }
    // "an explosive device was found and defused": no event happened
    let ied = tr.as_ref().is_some_and(|x| x.etype == Some("IED"));
    let defused = ied
        && t.iter().any(|x| {
            matches!(
                x.lw(),
                "defused"
                    | "dismantled"
                    | "deactivated"
                    | "disarmed"
                    | "defusing"
                    | "neutralised"
                    | "neutralized"
            )
        });
    if defused {
        return None;
    }
    tr
}

pub(super) fn actor_of(t: &[Token]) -> Option<String> {
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
            // "terrorists attacked the camp", "des assaillants ont ouvert le
            // feu": the armed side named by what it did
            "terrorists" | "assailants" | "attackers" if attack_verb_after(t, k + 1) => {
                Some("militants")
            }
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

/// An attack verb at `k` (an event word used as a verb, or "launched an
/// attack", "opened fire"), an auxiliary or "armed" allowed before it.
fn attack_verb_after(t: &[Token], mut k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    while matches!(w(k), "have" | "has" | "had" | "armed" | "then") {
        k += 1;
    }
    event_word(w(k)).is_some_and(|(_, _, verb)| verb) || matches!(w(k), "launched" | "opened")
}

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
    // words compared without allocating (this runs once per mention)
    let mut words = super::text::alnum_runs(text).peekable();
    let mut buf = String::new();
    let mut next_buf = String::new();
    while let Some(w0) = words.next() {
        // only words that could start a name are lowercased and compared
        let first = w0.chars().next().map(|c| c.to_ascii_lowercase());
        if !matches!(first, Some('w' | 'm' | 'f' | 'b' | 'c' | 'p' | 's' | 'g'))
            || !(3..=11).contains(&w0.len())
        {
            continue;
        }
        let w = super::text::lowercase_in(w0, &mut buf);
        let next = if matches!(w, "gold" | "mining" | "water" | "weekly") {
            super::text::lowercase_in(words.peek().copied().unwrap_or(""), &mut next_buf)
        } else {
            ""
        };
        // two-word names first: "gold mine", "mining site", "water point"
        let pair = match (w, next) {
            ("gold", "mine" | "mines" | "mining" | "site" | "panners" | "miners")
            | ("mining", "site" | "sites" | "camp") => Some("mine"),
            ("water", "point" | "points") => Some("water point"),
            ("weekly", "fair") => Some("market"),
            _ => None,
        };
        if pair.is_some() {
            return pair;
        }
        if let Some(v) = occasion_word(w) {
            return Some(v);
        }
    }
    None
}

/// The occasion a lowercase word names ("marriage": a wedding).
fn occasion_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "wedding" | "weddings" | "marriage" => "wedding",
        "funeral" | "funerals" | "burial" | "mourners" => "funeral",
        "baptism" | "christening" => "baptism",
        "market" | "marketplace" => "market",
        "mosque" | "prayers" => "mosque",
        "church" => "church",
        "school" => "school",
        "borehole" => "water point",
        "bus" | "minibus" => "vehicle",
        "convoy" => "convoy",
        "festival" => "festival",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokens;

    fn etype(s: &str) -> Option<&'static str> {
        etype_in(lang::Lang::En, s)
    }

    fn etype_in(language: lang::Lang, s: &str) -> Option<&'static str> {
        let t = lang::normalize(language, s, tokens(s, 0, s.len()));
        let masked = vec![false; t.len()];
        find_trigger(&t, &masked).and_then(|tr| tr.etype)
    }

    #[test]
    fn strike_words_are_typed_by_the_word_before() {
        assert_eq!(etype("A drone strike hit the camp."), Some("drone strike"));
        assert_eq!(etype("Drones struck the camp."), Some("attack"));
        assert_eq!(etype("An aerial strike hit the camp."), Some("airstrike"));
        assert_eq!(etype("An air strike hit the camp."), Some("airstrike"));
        assert_eq!(etype("The airstrike hit the camp."), Some("airstrike"));
        assert_eq!(etype("Two strikes hit the camp."), Some("airstrike"));
        assert_eq!(etype("A bombing hit the camp."), Some("bombing"));
        assert_eq!(
            etype("The bombardment of the camp lasted hours."),
            Some("bombing")
        );
        assert_eq!(etype("A drone bombing hit the camp."), Some("drone strike"));
        // French word order, read through its translation
        let fr = |s| etype_in(lang::Lang::Fr, s);
        assert_eq!(
            fr("Un bombardement aérien a visé le camp."),
            Some("airstrike")
        );
        assert_eq!(fr("Un bombardement a visé le camp."), Some("bombing"));
    }

    #[test]
    fn event_words_come_from_one_table() {
        assert_eq!(event_word("ambushed"), Some(("ambush", false, true)));
        assert_eq!(event_word("raids"), Some(("raid", true, false)));
        assert_eq!(event_word("landmine"), Some(("IED", false, false)));
        assert_eq!(event_word("market"), None);
        // every word of the table is found with its own row
        for &(w, et, form) in EVENT_WORDS {
            assert!((3..=12).contains(&w.len()), "{w}");
            assert_eq!(
                event_word(w),
                Some((et, form == Form::Plural, form == Form::Verb)),
                "{w}"
            );
        }
    }
}
