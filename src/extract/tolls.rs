//! Casualty statements in a sentence: who was killed, injured, abducted,
//! displaced, and how many.
//!
//! A quantity counts as a toll only with a casualty cue on either side:
//! "killing 14", "the deaths of 13 civilians", "took the lives of 32
//! people", "13 fatalities", "24 soldiers were killed", "whose bodies
//! were found". The head noun after the quantity says who (civilians,
//! security forces, militants) and rules out things ("350 homes"). Lists
//! after a killing verb are summed ("killed a prison officer and a
//! gendarme" = 2). Subsets ("including three children", "nine of whom") and
//! abductions, displacements, escapes and property are kept apart.

#![allow(clippy::needless_range_loop)] // token windows read best with indices

use super::numbers::{quantity_at, Quantity};
use super::text::{Kind, Token};

static AUX_S: std::sync::OnceLock<crate::extract::WordSet> = std::sync::OnceLock::new();

use crate::words::has;

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TollKind {
    /// People killed.
    Deaths,
    /// People injured.
    Injured,
    /// Abducted, displaced, arrested, escaped, property: not casualties.
    Other,
}

/// Who the number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Civilians (people, villagers, children, ...).
    Civilians,
    /// Soldiers, gendarmes, police, guards, peacekeepers.
    Security,
    /// Militants, jihadists, terrorists, attackers.
    Militants,
    /// Not said.
    Unknown,
}

impl Group {
    /// Wire name.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            Group::Civilians => Some("civilians"),
            Group::Security => Some("security forces"),
            Group::Militants => Some("militants"),
            Group::Unknown => None,
        }
    }
}

/// One casualty statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Toll {
    /// What it counts.
    pub kind: TollKind,
    /// The number.
    pub q: Quantity,
    /// Whom.
    pub group: Group,
    /// Part of a toll given elsewhere ("including three children").
    pub subset: bool,
    /// "five more": a further event.
    pub more: bool,
    /// First token of the evidence.
    pub first: usize,
    /// One past the last token of the evidence.
    pub next: usize,
    /// The counts a list adds up ("27 soldiers and 10 civilians": 27, 10),
    /// zeros for a single count.
    pub parts: [u32; 4],
}

fn person_group(w: &str) -> Option<Group> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    Some(match w {
        "people" | "persons" | "person" | "civilians" | "civilian" | "villagers" | "villager"
        | "children" | "child" | "women" | "woman" | "men" | "man" | "students" | "student"
        | "pupils" | "worshippers" | "worshipers" | "individuals" | "individual" | "residents"
        | "inhabitants" | "herders" | "farmers" | "traders" | "passengers" | "miners" | "boys"
        | "girls" | "boy" | "girl" | "victims" | "others" | "teachers" | "teacher"
        | "displaced" | "refugees" | "shepherds" | "travellers" | "travelers" | "merchants"
        | "mourners" | "guests" | "members" | "member" | "family" | "relatives" | "infants"
        | "babies" | "elders" | "chiefs" | "chief" | "imam" | "imams" | "pastor" | "priest"
        | "workers" | "drivers" | "driver" | "bystanders" | "fishermen" | "hunters" | "youths"
        | "youth" | "adults" | "civils" | "nurse" | "nurses" | "patients" | "patient"
        | "doctors" | "doctor" | "midwife" | "midwives" | "pilgrims" | "vendors" | "herdsmen"
        | "gold-miners" | "panners" | "passers-by" | "passersby" | "passer-by" | "passants"
        | "expert" | "experts" | "contractor" | "contractors" | "employee" | "employees"
        | "staff" | "journalist" | "journalists" | "tourist" | "tourists" | "national"
        | "nationals" | "foreigners" | "expatriates" | "catholics" | "christians" | "muslims"
        | "parishioners" | "congregants" | "faithful" | "malians" | "nigeriens" | "burkinabes"
        | "hostages" | "aid" | "conservationist" | "conservationists" | "missionary"
        | "missionaries" | "nun" | "nuns" | "catechist" | "reporter" | "reporters"
        | "protesters" | "protester" | "protestors" | "demonstrators" | "demonstrator"
        | "marchers" | "nomads" | "herdsman" | "farmer" | "trader" | "passenger" | "resident"
        | "shepherd" | "merchant" | "worshipper" | "pilgrim" | "vendor" | "peasants"
        | "peasant" | "inhabitant" | "herder" | "gardeners" | "labourers" | "laborers"
        | "artisans" | "fishers" => Group::Civilians,
        // a count with no one named: whose dead it does not say
        "casualties" | "dead" | "fatalities" | "deaths" | "lives" | "bodies" => Group::Unknown,
        "soldiers" | "soldier" | "troops" | "gendarmes" | "gendarme" | "policemen"
        | "policeman" | "police" | "officers" | "officer" | "guards" | "guard" | "peacekeepers"
        | "peacekeeper" | "servicemen" | "personnel" | "militiamen" | "militiaman"
        | "auxiliaries" | "vdp" | "volunteers" | "volunteer" | "escorts" | "recruits"
        | "customs" | "rangers" | "agents" | "paratroopers" | "commandos" | "dozos"
        | "koglweogo" | "army" | "legionnaire" | "legionnaires" | "commander" | "commanders"
        | "captain" | "lieutenant" | "sergeant" | "corporal" | "colonel" => Group::Security,
        "militants" | "militant" | "jihadists" | "jihadist" | "terrorists" | "terrorist"
        | "assailants" | "assailant" | "attackers" | "attacker" | "fighters" | "fighter"
        | "insurgents" | "insurgent" | "gunmen" | "gunman" | "rebels" | "rebel" | "extremists"
        | "bandits" | "islamists" | "combatants" | "raiders" | "elements" | "bomber"
        | "bombers" | "kamikaze" | "kamikazes" => Group::Militants,
        _ => return None,
    })
}

/// A word for people a toll counts ("villagers", "soldiers", "attackers",
/// "dead").
pub(crate) fn is_person_noun(w: &str) -> bool {
    person_group(w).is_some()
}

/// The side a word for people is on ("soldiers": security forces).
pub(crate) fn noun_group(w: &str) -> Option<Group> {
    person_group(w)
}

/// "No one was killed", "no deaths were reported", "without casualties"
/// (French "sans faire de victimes" reads so): the tokens that say an
/// event left no dead, if the sentence says it.
pub fn no_deaths_at(t: &[Token]) -> Option<(usize, usize)> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    for k in 0..t.len() {
        let (a, b) = (w(k), w(k + 1));
        // "no deaths", "no fatalities", "without casualties", "caused no casualties"
        if matches!(a, "no" | "without")
            && matches!(b, "deaths" | "fatalities" | "casualties" | "dead")
        {
            return Some((k, k + 2));
        }
        // "no one was killed", "nobody was reported killed", "no one was hurt"
        let subject = if a == "nobody" {
            Some(k + 1)
        } else if a == "no" && b == "one" {
            Some(k + 2)
        } else {
            None
        };
        if let Some(mut j) = subject {
            while matches!(
                w(j),
                "was" | "were" | "has" | "had" | "been" | "reported" | "reportedly"
            ) {
                j += 1;
            }
            if matches!(
                w(j),
                "killed" | "died" | "hurt" | "harmed" | "injured" | "wounded"
            ) {
                return Some((k, j + 1));
            }
        }
    }
    None
}

/// "attackers", "gunmen", "terrorists": words for the armed side.
pub fn is_militant_word(w: &str) -> bool {
    person_group(w) == Some(Group::Militants)
}

fn thing(w: &str) -> bool {
    matches!(
        w,
        "homes"
            | "houses"
            | "huts"
            | "buildings"
            | "shops"
            | "vehicles"
            | "cars"
            | "trucks"
            | "motorcycles"
            | "motorbikes"
            | "cattle"
            | "head"
            | "animals"
            | "livestock"
            | "sheep"
            | "goats"
            | "camels"
            // (animals killed are no toll: "deux taureaux ont été abattus")
            | "bulls"
            | "cows"
            | "oxen"
            | "donkeys"
            | "horses"
            | "taureaux"
            | "boeufs"
            | "bœufs"
            | "vaches"
            | "chèvres"
            | "moutons"
            | "chameaux"
            | "ânes"
            | "animaux"
            | "bétail"
            | "granaries"
            | "schools"
            | "churches"
            | "mosques"
            | "years"
            | "year"
            | "months"
            | "month"
            | "weeks"
            | "week"
            | "days"
            | "day"
            | "hours"
            | "hour"
            | "minutes"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "percent"
            | "per"
            | "pm"
            | "am"
            | "p.m"
            | "a.m"
            | "h"
            | "cfa"
            | "francs"
            | "dollars"
            | "euros"
            | "tonnes"
            | "tons"
            | "times"
            | "villages"
            | "towns"
            | "communes"
            | "localities"
            | "attacks"
            | "incidents"
            | "cases"
            | "million"
            | "billion"
            | "hectares"
            | "views"
            | "rounds"
            | "weapons"
            | "rifles"
            | "guns"
            | "homesteads"
            | "properties"
            | "fields"
            | "wells"
            | "soldiers'"
    )
}

/// A word after a count that says its people died ("killed", "died", "dead").
pub(super) fn death_right(w: &str) -> bool {
    matches!(
        w,
        "killed"
            // "up to 30 people had been buried": the dead, counted at their burial
            | "buried"
            // "twelve (12) combatants fallen"
            | "fallen"
            | "dead"
            | "died"
            | "slain"
            | "massacred"
            | "executed"
            | "murdered"
            | "perished"
            | "fatalities"
            | "deaths"
            | "beheaded"
            | "lynched"
            | "neutralised"
            | "neutralized"
            | "eliminated"
            | "slaughtered"
            | "die"
    )
}

/// Start of the evidence for a toll told by a word before it: "killing
/// fourteen", "the deaths of 13", "the death toll ... has risen to 45".
fn cue_start(t: &[Token], first: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let lo = first.saturating_sub(16);
    let mut k = first;
    while k > lo {
        k -= 1;
        let x = w(k);
        if matches!(x, "." | ";") {
            break;
        }
        if x == "toll" {
            return if k > 0 && w(k - 1) == "death" {
                k - 1
            } else {
                k
            };
        }
        if first - k <= 4 && (is_casualty_word(x) || matches!(x, "killing" | "deaths" | "lives")) {
            return k;
        }
    }
    first
}

/// Words that say people were killed or hurt (a cheap pre-check).
pub fn is_casualty_word(w: &str) -> bool {
    death_right(w)
        || injury_right(w)
        || matches!(
            w,
            "killing"
                | "kill"
                | "kills"
                | "massacring"
                | "executing"
                | "slaughtering"
                | "murdering"
                | "slew"
                | "neutralising"
                | "neutralizing"
                | "eliminating"
                | "injuring"
                | "wounding"
                | "lives"
                | "bodies"
                | "death"
                | "toll"
                | "lost"
                | "corpses"
        )
}

fn injury_right(w: &str) -> bool {
    matches!(w, "injured" | "wounded" | "hurt" | "injuries" | "wounds")
}

fn other_right(w: &str) -> bool {
    matches!(
        w,
        "abducted"
            | "kidnapped"
            | "missing"
            | "arrested"
            | "detained"
            | "displaced"
            | "escaped"
            | "escape"
            | "fled"
            | "freed"
            | "released"
            | "rescued"
            | "captured"
            | "taken"
            | "held"
            | "hostage"
            | "hostages"
            | "evacuated"
            | "burned"
            | "burnt"
            | "destroyed"
            | "looted"
            | "stolen"
            | "seized"
            | "returned"
            | "surrendered"
            | "deserted"
            | "recruited"
            | "deployed"
            | "stationed"
            | "based"
            | "trained"
            | "treated"
            | "hospitalised"
            | "hospitalized"
    )
}

/// Killing words before the number.
fn death_left(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // killed "dozens of terrorists"
    let i = skip_quotes_back(t, i);
    if i == 0 {
        return false;
    }
    // ("killed on Wednesday at least three people", "ont tué mercredi au
    // moins trois personnes": past the day told between)
    let mut v = i;
    while v > 0
        && i - v < 3
        && (super::calendar::weekday(w(v - 1)).is_some()
            || matches!(w(v - 1), "on" | "yesterday" | "overnight"))
    {
        v -= 1;
    }
    let i = if v < i && v > 0 && killing_verb(w(v - 1)) {
        v
    } else {
        i
    };
    // ("killed the village chief and two of his sons": past the one
    // person named first)
    if let Some(p) = one_person_before(t, i).filter(|&p| p >= 1) {
        if killing_verb(w(p - 1)) {
            return true;
        }
    }
    let p = w(i - 1);
    let p = if matches!(p, "the" | "some" | "another") && i >= 2 {
        w(i - 2)
    } else {
        p
    };
    if killing_verb(p) {
        return true;
    }
    // "left nine victims", "a fait neuf victimes" (not "left several
    // thousand people without their fields": the dead are read after it)
    if matches!(p, "left" | "leaving")
        && (i + 1..(i + 4).min(t.len())).any(|k| {
            matches!(
                t[k].lw(),
                "victims" | "dead" | "deaths" | "fatalities" | "bodies" | "lives"
            )
        })
    {
        return true;
    }
    if p == "of" && death_noun_of(t, i) {
        return true;
    }
    // "the army lost thirty-one soldiers", "Niger mourns fifteen of its
    // soldiers": people lost or mourned (not "lost three vehicles")
    // (not a running count, "the mission has now lost 230 peacekeepers",
    // nor a vague one, "units lost several men")
    let lost = p == "lost"
        && !(i.saturating_sub(4)..i).any(|k| matches!(w(k), "has" | "have" | "had"))
        && !matches!(w(i), "several" | "many" | "dozens" | "hundreds" | "scores");
    if (lost || matches!(p, "mourns" | "mourned" | "mourning" | "mourn")) && people_after(t, i) {
        return true;
    }
    // "officials speak of between 18 and 25 victims", "des élus évoquent
    // vingt-cinq victimes": a second account's dead
    let speak = |x: &str| matches!(x, "speak" | "speaks" | "spoke" | "spoken");
    if (speak(p) || (p == "of" && i >= 2 && speak(w(i - 2))))
        && (i + 1..(i + 7).min(t.len())).any(|k| matches!(w(k), "victims" | "dead" | "deaths"))
    {
        return true;
    }
    toll_before(t, i, p) || toll_raised_to(t, i, p) || toll_put_at(t, i, p)
}

/// A noun of people within the three words after the number at `i`
/// ("31 soldiers", "fifteen of its men").
fn people_after(t: &[Token], i: usize) -> bool {
    (i + 1..(i + 5).min(t.len())).any(|k| person_group(t[k].lw()).is_some())
}

/// A killing verb right before the number, `p`.
fn killing_verb(p: &str) -> bool {
    matches!(
        p,
        "killing"
            | "killed"
            | "kill"
            | "kills"
            | "massacred"
            | "massacring"
            | "executed"
            | "executing"
            | "slaughtered"
            | "slaughtering"
            | "murdered"
            | "murdering"
            | "slew"
            | "neutralised"
            | "neutralized"
            | "neutralise"
            | "neutralize"
            | "neutralising"
            | "neutralizing"
            | "eliminated"
            | "eliminating"
    )
}

/// A death noun before the "of" before the number at `i`.
fn death_noun_of(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("the death of the five soldiers on board", "la mort des cinq
    // soldats": past the article after the "of")
    let i = if i >= 3 && w(i - 1) == "the" && w(i - 2) == "of" {
        i - 1
    } else {
        i
    };
    let q = if i >= 2 { w(i - 2) } else { "" };
    let q = if matches!(q, "the") && i >= 3 {
        w(i - 3)
    } else {
        q
    };
    // "the killing, a week earlier, of two journalists": over an aside
    let q = if q == "," && i >= 3 {
        (i.saturating_sub(9)..i - 2)
            .rev()
            .find(|&k| w(k) == ",")
            .and_then(|k| k.checked_sub(1))
            .map_or(q, w)
    } else {
        q
    };
    matches!(
        q,
        "deaths"
            | "death"
            | "killing"
            | "killings"
            | "murder"
            | "murders"
            | "massacre"
            | "lives"
            | "bodies"
            | "execution"
            | "executions"
            | "toll"
            | "corpses"
            | "remains"
    )
}

/// A toll or a shooting told just before the number at `i`; `p` is the word
/// before it.
fn toll_before(t: &[Token], i: usize, p: &str) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "death toll rose to 30", "toll stands at 12", "toll of 12", "the death toll reached 40"
    // ("put the death toll from the raid at 26": the toll further back
    // when an "at" brings its figure)
    let lo = i.saturating_sub(if p == "at" { 7 } else { 4 });
    if (lo..i).any(|k| w(k) == "toll") && (lo..i).all(|k| !matches!(w(k), "," | "." | ";")) {
        return true;
    }
    // "the number of dead had reached 27", "the deaths now exceed 40"
    if matches!(
        p,
        "reached" | "reaching" | "hit" | "topped" | "exceeded" | "exceeds"
    ) && (i.saturating_sub(8)..i).any(|k| {
        matches!(w(k), "dead" | "deaths" | "fatalities")
            || (w(k) == "number" && (k..i).any(|j| death_right(w(j))))
    }) && (i.saturating_sub(8)..i).all(|k| !matches!(w(k), "." | ";"))
    {
        return true;
    }
    // "shot dead eight people", "gunned down four", "shooting dead two"
    i >= 2
        && matches!(
            (w(i - 2), p),
            (
                "shot" | "shooting" | "gunned" | "gunning" | "cut" | "mowed",
                "dead" | "down"
            )
        )
}

/// A toll raised to the number at `i`, or dead joined to earlier ones; `p`
/// is the word before it.
fn toll_raised_to(t: &[Token], i: usize, p: &str) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "raised to 54 the number of people who died", "brought to 30 the toll",
    // "raised on Friday to 80 the number"
    if p == "to"
        && i >= 2
        && (i.saturating_sub(5)..i - 1)
            .rev()
            .take_while(|&k| !matches!(w(k), "," | "." | ";"))
            .any(|k| {
                matches!(
                    w(k),
                    "raised" | "raising" | "brought" | "bringing" | "revised" | "increased"
                )
            })
        && (i + 1..(i + 5).min(t.len()))
            .any(|k| matches!(w(k), "number" | "toll" | "count" | "dead" | "deaths"))
    {
        return true;
    }
    // "five soldiers were killed, along with at least 21 militants"
    let joined = (p == "with" && matches!(w(i.saturating_sub(2)), "along" | "together"))
        || p == "alongside"
        || (p == "as" && i >= 3 && w(i - 2) == "well" && w(i - 3) == "as");
    joined && (0..i).any(|k| death_right(w(k)) || matches!(w(k), "killing" | "killed"))
}

/// "then raised its count to 49", "revised the toll to 35", "bringing the
/// military toll to nine": the number at `i` a toll was set to, the toll
/// named before it.
fn toll_object_raised_to(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    i >= 4
        && w(i - 1) == "to"
        && matches!(
            w(i - 2),
            "count" | "toll" | "figure" | "tally" | "estimate" | "number"
        )
        && (i.saturating_sub(5)..i - 2).any(|k| {
            matches!(
                w(k),
                "raised"
                    | "raising"
                    | "raise"
                    | "raises"
                    | "revised"
                    | "revising"
                    | "brought"
                    | "bringing"
                    | "bring"
                    | "brings"
                    | "lowered"
                    | "increased"
                    | "corrected"
                    | "updated"
            )
        })
}

/// A verb that sets a toll at a number ("has risen to 45", "was brought to
/// 43", "stands at 12").
fn toll_moved(w: &str) -> bool {
    matches!(
        w,
        "risen"
            | "rose"
            | "climbed"
            | "increased"
            | "jumped"
            | "reached"
            | "stands"
            | "stood"
            | "grown"
            | "raised"
            | "raising"
            | "raise"
            | "raises"
            | "revised"
            | "brought"
            | "bringing"
            | "bring"
            | "brings"
            | "put"
            | "puts"
    )
}

/// A toll put at, or risen to, the number at `i`; `p` is the word before it.
fn toll_put_at(t: &[Token], i: usize, p: &str) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "residents put the dead at 600", "estimated the deaths at about 50",
    // "put the figure at exactly 82"
    let (p_at, at_k) = if matches!(p, "exactly" | "precisely") && i >= 2 {
        (w(i - 2), i - 1)
    } else {
        (p, i)
    };
    // (not "put the number of wounded at five": the count of others)
    if p_at == "at"
        && (at_k.saturating_sub(4)..at_k.saturating_sub(1)).any(|k| {
            matches!(
                w(k),
                "dead" | "deaths" | "toll" | "victims" | "figure" | "count" | "number"
            ) && !(k + 1..at_k).any(|j| injury_right(w(j)) || other_right(w(j)))
        })
    {
        return true;
    }
    // "the death toll from Saturday's attack on X has risen to 45"
    let risen = (p == "to" || p == "at") && i >= 2 && toll_moved(w(i - 2));
    if toll_object_raised_to(t, i) {
        return true;
    }
    // "It was raised to ten on Sunday", "Il a été porté à dix": the toll
    // the sentence before told, by its pronoun
    let by_pronoun = i >= 2
        && (0..i - 2).all(|k| {
            matches!(
                w(k),
                "it" | "il" | "elle" | "was" | "is" | "has" | "had" | "been" | "then" | "later"
            )
        });
    // "the number of gendarmes killed has risen to 53" (not "le bilan des
    // blessés est porté à huit": the toll of the wounded)
    let of_others =
        |k: usize| (k + 1..(k + 4).min(i)).any(|j| injury_right(w(j)) || other_right(w(j)));
    risen
        && (by_pronoun
            // (the subject may be long: "the number of people killed in a
            // raid overnight ... on a hamlet in the commune of X, in the
            // country's north, has climbed to 14")
            || (i.saturating_sub(40)..i).any(|k| {
                (matches!(w(k), "toll" | "count" | "tally" | "figure") && !of_others(k))
                    || (w(k) == "number" && (k..i).any(|j| death_right(w(j))))
            }))
}

/// Index `i` moved back over opening quotes.
fn skip_quotes_back(t: &[Token], mut i: usize) -> usize {
    while i > 0 && (t[i - 1].is_punct('"') || t[i - 1].is_punct('\'')) {
        i -= 1;
    }
    i
}

fn injury_left(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let i = skip_quotes_back(t, i);
    if i == 0 {
        return false;
    }
    let p = w(i - 1);
    matches!(
        p,
        "injuring" | "wounding" | "injured" | "wounded" | "injure" | "wound" | "maiming"
    ) || (p == "to" && matches!(if i >= 2 { w(i - 2) } else { "" }, "injuries" | "wounds"))
}

fn other_left(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if i == 0 {
        return false;
    }
    let p = w(i - 1);
    let p2 = if i >= 2 { w(i - 2) } else { "" };
    matches!(
        p,
        "abducting"
            | "kidnapping"
            | "abducted"
            | "kidnapped"
            | "displacing"
            | "displaced"
            | "arresting"
            | "arrested"
            | "detaining"
            | "detained"
            | "freeing"
            | "freed"
            | "rescuing"
            | "rescued"
            | "torching"
            | "burning"
            | "destroying"
            | "looting"
            | "stealing"
            | "seizing"
            | "capturing"
            | "captured"
            | "aged"
            | "age"
            | "ages"
            | "no"
            | "number"
            | "page"
            | "deploying"
            | "deployed"
            | "sending"
            | "sent"
            | "evacuating"
            | "evacuated"
            | "recruiting"
            | "training"
            | "views"
    ) || (p == "of"
        && matches!(
            p2,
            "abduction"
                | "kidnapping"
                | "displacement"
                | "arrest"
                | "arrests"
                | "release"
                | "group"
                | "groups"
                | "total"
                | "gathering"
                | "crowd"
                | "convoy"
                | "column"
                | "columns"
                | "force"
                | "contingent"
                | "garrison"
                | "detachment"
                | "strength"
                | "congregation"
        ))
        || (p == "ablaze" || p2 == "ablaze")
        || p == "["
}

fn subset_left(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if i == 0 {
        return false;
    }
    let p = w(i - 1);
    let p2 = if i >= 2 { w(i - 2) } else { "" };
    matches!(p, "including" | "includes" | "included")
        || (p == "them" && p2 == "among")
        || (p == "whom" && p2 == "among")
        || (p == "were" && p2 == "dead")
}

const AUX: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "are",
    "is",
    "being",
    "reportedly",
    "allegedly",
    "also",
    "all",
    "later",
    "immediately",
    "subsequently",
    "then",
    "officially",
    "confirmed",
    "reported",
    "instantly",
    "apparently",
    "initially",
    "either",
    "who",
    "which",
    "that",
    "got",
    "being",
    "shot",
];

/// Cheap pre-check: can a quantity expression start at this token?
fn may_start_quantity(x: &Token) -> bool {
    match x.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            matches!(
                x.lw(),
                "at" | "no"
                    | "not"
                    | "a"
                    | "an"
                    | "in"
                    | "more"
                    | "upwards"
                    | "over"
                    | "above"
                    | "beyond"
                    | "exceeds"
                    | "exceeded"
                    | "surpasses"
                    | "surpassed"
                    | "up"
                    | "as"
                    | "nearly"
                    | "almost"
                    | "about"
                    | "around"
                    | "some"
                    | "approximately"
                    | "roughly"
                    | "close"
                    | "estimated"
                    | "between"
                    | "from"
                    | "dozens"
                    | "scores"
                    | "hundreds"
                    | "thousands"
                    | "tens"
                    | "several"
                    | "dozen"
                    | "hundred"
                    | "thousand"
                    | "both"
            ) || super::numbers::word_value(&x.lower).is_some()
        }
    }
}

/// "a driver and four volunteers were killed": an article opening a list
/// of people counts, the verb coming after
fn opens_list(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let lone = super::numbers::lone_attacker(t, i);
    // "a Malian soldier", "a UN peacekeeper", "a French Foreign Legion
    // non-commissioned officer": names, nationalities and hyphenated
    // compounds before the noun (up to six tokens)
    let mut noun = i + 1;
    while noun < (i + 7).min(n) && person_group(w(noun)).is_none() {
        let x = &t[noun];
        if !matches!(x.kind, Kind::Word | Kind::Num) {
            break;
        }
        // the last part of a run joined by hyphens ("45-year-old")
        let mut last = noun;
        while t
            .get(last + 1)
            .is_some_and(|y| y.is_punct('-') && !y.space_before)
            && t.get(last + 2)
                .is_some_and(|y| !y.space_before && y.kind == Kind::Word)
        {
            last += 2;
        }
        let hyphenated = x.kind == Kind::Word && x.lw().contains('-');
        if last == noun && !hyphenated && !(x.cap && x.kind == Kind::Word) {
            break;
        }
        noun = if person_group(w(last)).is_some() {
            last
        } else {
            last + 1
        };
    }
    if !(matches!(w(i), "a" | "an" | "one") || lone) || person_group(w(noun)).is_none() {
        return false;
    }
    // the noun may run on: "un Casque bleu avait été tué"
    let h = person_head_end(t, noun);
    // "a peacekeeper, a gendarme and five guards died": a comma list too
    let next_count = |k: usize| {
        matches!(w(k), "a" | "an" | "one")
            || t.get(k).is_some_and(|x| x.kind == Kind::Num)
            || super::numbers::word_value(w(k)).is_some()
    };
    // (not after "and": "two gendarmes and a civilian, a street vendor," is
    // the end of a list and an apposition)
    let ends_list = i > 0 && w(i - 1) == "and";
    w(h + 1) == "and"
        || (w(h + 1) == "," && next_count(h + 2) && !ends_list)
        // "a soldier lost his life", "one civilian was killed", past an
        // of-phrase: "un soldat de la Légion a été tué"
        || [h + 1, past_noun_phrase(t, h + 1)].iter().any(|&v| {
            (v..(v + 4).min(n)).any(|k| {
                death_right(w(k))
                    || (w(k) == "lost" && matches!(w(k + 2), "life" | "lives"))
                    // ("a soldier was fatally wounded")
                    || matches!(w(k), "fatally" | "mortally")
            })
        })
}

/// A noun for the dead a toll counts ("53 of the dead", "among the
/// victims").
fn the_dead(w: &str) -> bool {
    matches!(
        w,
        "dead" | "victims" | "killed" | "deceased" | "fatalities" | "bodies"
    )
}

/// "two gendarmes among the dead", "« deux gendarmes et un vendeur » parmi
/// les morts": who the dead counted elsewhere were, a part of them.
fn among_the_dead(t: &[Token], after: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (after..(after + 8).min(t.len()))
        .take_while(|&k| !t[k].is_punct('.') && !t[k].is_punct(';'))
        .any(|k| w(k) == "among" && w(k + 1) == "the" && the_dead(w(k + 2)))
}

/// The noun a figure counts, read after its quantity.
struct Head {
    /// Where the search for the noun began, past "of the" and "more".
    start: usize,
    /// The last word of the noun.
    at: Option<usize>,
    /// The noun is a thing, not people.
    thing: bool,
    more: bool,
    /// A participle before the noun: "two wounded gendarmes".
    adjective: Option<TollKind>,
    part_of_dead: bool,
}

/// Reads the head noun of a quantity ending before `next`.
fn head_noun(t: &[Token], next: usize) -> Head {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut j = next;
    let mut more = false;
    // "100 of the assailants"; "53 of the dead were soldiers" is a part
    // of a toll told elsewhere
    let mut part_of_dead = false;
    if w(j) == "of"
        && matches!(
            w(j + 1),
            "the" | "these" | "those" | "their" | "its" | "our" | "his"
        )
    {
        part_of_dead = the_dead(w(j + 2));
        j += 2;
    }
    if w(j) == "more" {
        more = true;
        j += 1;
    }
    let (at, thing, adjective) = scan_head(t, j);
    // ("quatre Volontaires pour la défense de la patrie et six civils": the
    // auxiliaries' full name is the noun)
    let at = at.map(|h| past_force_name(t, h + 1).map_or(h, |e| e - 1));
    Head {
        start: j,
        at,
        thing,
        more,
        adjective,
        part_of_dead,
    }
}

/// Where the head noun of quantity `q` starts: past a closing quote
/// ("« environ soixante-dix » personnes tuées") and the "de" a quote leaves
/// outside ("« une quinzaine » de terroristes").
fn past_quote(t: &[Token], q: &Quantity) -> usize {
    let quoted = q.first > 0
        && t[q.first - 1].is_punct('"')
        && t.get(q.next).is_some_and(|x| x.is_punct('"'));
    let at = q.next + usize::from(quoted);
    at + usize::from(quoted && matches!(t.get(at).map(|x| x.lw()), Some("de" | "d'" | "of")))
}

/// Adds the one person [`one_person_before`] names to a single count
/// `total` (its parts set to the person and the count); the person's first
/// token, if one was added.
fn add_one_person_before(t: &[Token], total: &mut Quantity, parts: &mut [u32; 4]) -> Option<usize> {
    if *parts != [0; 4] {
        return None;
    }
    let p = one_person_before(t, total.first)?;
    *parts = [1, total.best, 0, 0];
    total.low = total.low.saturating_add(1);
    total.best = total.best.saturating_add(1);
    total.high = total.high.map(|x| x.saturating_add(1));
    Some(p)
}

/// "The commander of the Goundam brigade and three of his men", "the
/// village chief and two of his sons": the start of one person named
/// (with "the" and a singular word for people, an of-phrase after it)
/// right before "and" and the count at `q_first`.
fn one_person_before(t: &[Token], q_first: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "a woman and her three children", "une femme et ses trois enfants"
    if q_first >= 4
        && matches!(
            w(q_first - 1),
            "her" | "his" | "their" | "its" | "ses" | "leurs"
        )
        && w(q_first - 2) == "and"
        && matches!(w(q_first - 4), "a" | "an" | "the" | "one")
        && person_group(w(q_first - 3)).is_some()
        && !w(q_first - 3).ends_with('s')
    {
        return Some(q_first - 4);
    }
    if q_first < 3 || w(q_first - 1) != "and" || !matches!(w(q_first + 1), "of") {
        return None;
    }
    let lo = q_first.saturating_sub(10);
    // (past one word before the noun: "the village chief")
    let the = |k: usize| {
        w(k.wrapping_sub(1)) == "the"
            || (w(k.wrapping_sub(2)) == "the"
                && t.get(k.wrapping_sub(1))
                    .is_some_and(|x| x.kind == Kind::Word && !x.cap))
    };
    let noun = (lo..q_first - 1).find(|&k| {
        the(k)
            && person_group(w(k)).is_some()
            && !w(k).ends_with('s')
            && !matches!(w(k), "police" | "army" | "staff" | "personnel" | "family")
    })?;
    // (nothing but an of-phrase between the person and "and")
    let plain = (noun + 1..q_first - 1).all(|k| {
        t[k].kind == Kind::Word && !has(&AUX_S, AUX, w(k)) && w(k) != "and" && !death_right(w(k))
    });
    let of_phrase = noun + 1 == q_first - 1 || w(noun + 1) == "of";
    let start = if w(noun - 1) == "the" {
        noun - 1
    } else {
        noun - 2
    };
    (plain && of_phrase).then_some(start)
}

/// One past "for the Defence of the Homeland" / "pour la défense de la
/// patrie" at `k`, after "Volunteers"/"Volontaires" (Burkina Faso's civilian
/// auxiliaries, VDP), if it is there.
fn past_force_name(t: &[Token], k: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if k == 0 || !matches!(w(k - 1), "volunteers" | "volontaires") {
        return None;
    }
    // (French words may come normalised to English ones)
    let slots: [&[&str]; 6] = [
        &["for", "pour"],
        &["the", "la"],
        &["defence", "defense", "défense"],
        &["of", "de"],
        &["the", "la"],
        &["homeland", "fatherland", "patrie"],
    ];
    slots
        .iter()
        .enumerate()
        .all(|(i, alts)| alts.contains(&w(k + i)))
        .then_some(k + 6)
}

/// A French adjective that follows its noun ("électoraux", "locaux",
/// "civils" aside): a lowercase word with an adjective's ending that says
/// nothing of death, wounds or capture.
fn french_adjective(t: &[Token], k: usize) -> bool {
    let Some(x) = t.get(k).filter(|x| x.kind == Kind::Word && !x.cap) else {
        return false;
    };
    let w = x.lw();
    const ENDINGS: &[&str] = &[
        "aux", "ale", "ales", "elle", "elles", "iens", "ienne", "iennes", "aise", "aises", "oise",
        "oises", "ifs", "ive", "ives", "ique", "iques", "aire", "aires",
    ];
    w.chars().count() > 4
        && ENDINGS.iter().any(|e| w.ends_with(e))
        && !death_right(w)
        && !injury_right(w)
        && !other_right(w)
        && !has(&AUX_S, AUX, w)
}

/// Looks for the head noun in the few words from `j`: its last word,
/// whether it is a thing, and a participle met before it.
fn scan_head(t: &[Token], j: usize) -> (Option<usize>, bool, Option<TollKind>) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let mut adjective: Option<TollKind> = None;
    // four tokens, stretched by the capitalised words of a unit's name and
    // the second half of a hyphenated compound ("a French Foreign Legion
    // non-commissioned officer"), up to eight
    let mut end = (j + 4).min(n);
    // only names and compounds so far: the run before a noun
    let mut modifiers = true;
    for k in j..(j + 8).min(n) {
        if k >= end {
            break;
        }
        let x = w(k);
        let modifier = t[k].kind == Kind::Word
            && person_group(x).is_none()
            && (t[k].cap || x.contains('-') || (k > j && t[k - 1].is_punct('-')));
        modifiers = modifiers && (modifier || t[k].is_punct('-'));
        if modifiers && modifier && k > j {
            end = (end + 1).min(n).min(j + 8);
        }
        if t[k].kind != Kind::Word {
            // "-", "'" and the number of "a 45-year-old soldier"
            let age = t[k].kind == Kind::Num
                && t.get(k + 1)
                    .is_some_and(|y| y.is_punct('-') && !y.space_before);
            if t[k].is_punct('-') || t[k].is_punct('\'') || age {
                continue;
            }
            break;
        }
        if person_group(x).is_some() {
            return (Some(person_head_end(t, k)), false, adjective);
        }
        if thing(x) {
            return (Some(k), true, adjective);
        }
        // "scores of captured soldiers", "two wounded gendarmes": a
        // participle before the noun describes it
        if (other_right(x) || injury_right(x))
            && t.get(k + 1).is_some_and(|y| y.kind == Kind::Word)
            && person_group(w(k + 1)).is_some()
        {
            adjective = Some(if injury_right(x) {
                TollKind::Injured
            } else {
                TollKind::Other
            });
            continue;
        }
        // "twenty-eight neutralised assailants": the dead, counted by
        // their noun (whose side it tells)
        if death_right(x)
            && t.get(k + 1).is_some_and(|y| y.kind == Kind::Word)
            && person_group(w(k + 1)).is_some()
        {
            adjective = Some(TollKind::Deaths);
            continue;
        }
        if has(&AUX_S, AUX, x)
            || death_right(x)
            || injury_right(x)
            || other_right(x)
            || matches!(
                x,
                "and"
                    | "or"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "with"
                    | "from"
                    | "during"
                    | "when"
                    | "after"
                    | "while"
                    | "whose"
            )
        {
            break;
        }
    }
    (None, false, adjective)
}

/// The last word of a person noun starting at `k`.
fn person_head_end(t: &[Token], k: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    // two-word roles: "a police officer", "a prison guard"
    let mut h = k;
    while h + 1 < n && t[h + 1].kind == Kind::Word && person_group(w(h + 1)).is_some() {
        h += 1;
    }
    // a named unit before the noun: "three U.S. Army Special
    // Forces soldiers" counts soldiers
    let mut m = h + 1;
    while m < n && m <= h + 4 && t[m].kind == Kind::Word && t[m].cap {
        m += 1;
    }
    if m > h + 1 && m < n && person_group(w(m)).is_some() {
        h = m;
    }
    h
}

/// The cue after a figure's noun (ending before `after`): the kind it
/// tells, the token after the cue, and whether "of whom" makes it a part.
fn right_cue(t: &[Token], after: usize, h: &Head, dl: bool) -> (Option<TollKind>, usize, bool) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let (head, thing_head) = (h.at, h.thing);
    // right cue, past an aside between dashes or brackets: "eight
    // people -- six aid workers, a driver and a guide -- were shot dead"
    let mut k = skip_aside(t, after);
    let mut subset = false;
    if w(k) == "of" && matches!(w(k + 1), "whom" | "them") && !dl {
        subset = true;
        // "five of them, including the pastor, were found dead"
        k = skip_aside(t, k + 2);
    }
    let mut k = past_noun_phrase(t, k);
    // (and past adverbs: "were summarily executed", "were reportedly
    // killed"; and French adjectives of nationality after the noun: "six
    // casques bleus guinéens ont été tués")
    while k < n
        && (has(&AUX_S, AUX, w(k))
            // ("both bombers also died")
            || matches!(w(k), "also" | "too")
            // ("some fifty attackers at least were put out of action")
            || (matches!(w(k), "at") && matches!(w(k + 1), "least" | "most"))
            || (matches!(w(k), "least" | "most") && k > 0 && w(k - 1) == "at")
            || (t[k].kind == Kind::Word && w(k).len() > 5 && w(k).ends_with("ly"))
            || t[k].is_punct('"')
            || t[k].is_punct(',') && k == after && w(k + 1) == "who"
            // a French adjective after the noun: "sept agents électoraux ont
            // péri", "des volontaires locaux"
            || (k < after + 2 && french_adjective(t, k)))
    {
        k += 1;
    }
    let rw = w(k);
    let mut kind = None;
    let mut end = after;
    // ("shot" is passed over with the auxiliaries: "were shot dead")
    if let Some(j) = (after..=k.min(n.saturating_sub(1))).find(|&j| shot_in_a_list(t, j)) {
        return (Some(TollKind::Deaths), j + 1, subset);
    }
    // "six men arrested by soldiers had been found dead": a participle
    // phrase describes the men; the verb after it tells what befell them
    let (k, rw) = match past_participle_phrase(t, k).or_else(|| then_killed(t, k)) {
        Some(j) => (j, w(j)),
        None => (k, rw),
    };
    // "were found dead", "retrouvés morts"
    let found_dead = matches!(rw, "found" | "discovered") && w(k + 1) == "dead";
    // "was fatally shot", "were mortally wounded": the wound killed (the
    // participle may have been passed over with the auxiliaries)
    let fatal = (after + 1..=k).any(|j| {
        matches!(w(j - 1), "fatally" | "mortally")
            && matches!(
                w(j),
                "shot" | "wounded" | "injured" | "hit" | "stabbed" | "struck" | "burned" | "burnt"
            )
    });
    if death_right(rw)
        || fatal
                    || found_dead
                    || (rw == "lost" && matches!(w(k + 2), "lives" | "life"))
                // "fifteen soldiers fell with arms in hand", "fell in combat",
        // "quinze soldats tombent à Tiloa", "tombaient sous les balles"
        || (rw == "fell"
            && head.is_some()
            && !thing_head
            && matches!(w(k + 1), "in" | "with" | "on" | "during" | "under" | "at" | "," | ";" | "." | "" | "and"))
        || (rw == "whose" && w(k + 1) == "bodies")
        // "some fifty attackers were put out of action"
        || (rw == "put" && (w(k + 1), w(k + 2), w(k + 3)) == ("out", "of", "action"))
    {
        kind = Some(TollKind::Deaths);
        end = k + 1 + usize::from(found_dead);
    } else if injury_right(rw) {
        kind = Some(TollKind::Injured);
        end = k + 1;
    } else if other_right(rw) && !(dl && (after..k).any(|j| matches!(w(j), "who" | "qui"))) {
        // (but "the execution of 22 men who were taken into custody":
        // the relative clause tells who the dead were before they died)
        kind = Some(TollKind::Other);
        end = k + 1;
    }
    // the head noun itself may say it: "13 fatalities", "14 dead"
    if kind.is_none() {
        if let Some(h) = head {
            if matches!(
                w(h),
                "fatalities" | "dead" | "deaths" | "bodies" | "corpses"
            ) {
                kind = Some(TollKind::Deaths);
            }
        }
    }
    // "whose bodies were later discovered" a few words on
    if kind.is_none() || kind == Some(TollKind::Other) {
        let stop = (after + 10).min(n);
        if (after..stop).any(|k| w(k) == "whose" && w(k + 1) == "bodies") {
            kind = Some(TollKind::Deaths);
        }
    }
    (kind, end, subset)
}

/// "nine farmers were shot in a field, three people were killed in the
/// village": "shot" at `k`, in a list of the dead (not "shot at", "shot and
/// wounded", "shot in the leg").
fn shot_in_a_list(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    w(k) == "shot"
        && w(k + 1) != "at"
        && !(k + 1..(k + 5).min(t.len()))
            .any(|j| injury_right(w(j)) || matches!(w(j), "leg" | "legs" | "arm" | "arms" | "foot"))
        && ((k + 1..t.len())
            .take_while(|&j| !t[j].is_punct('.') && !t[j].is_punct(';'))
            .any(|j| death_right(w(j)))
            // (or a list told clause by clause: "four villagers were killed
            // with blades; six passers-by were shot when ...; a woman died")
            || ((0..k).rev().take_while(|&j| !t[j].is_punct('.')).any(|j| t[j].is_punct(';'))
                && t.iter().any(|x| death_right(x.lw()))))
}

/// "ten gendarmes on patrol lost their lives", "des soldats en mission":
/// past what they were doing (else `k`).
fn past_duty(t: &[Token], k: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let duty = matches!(w(k), "on" | "in" | "at" | "en")
        && matches!(
            w(k + 1),
            "patrol" | "duty" | "guard" | "mission" | "leave" | "board" | "patrouille" | "service"
        );
    if duty {
        k + 2
    } else {
        k
    }
}

/// From `k` just after a toll's noun, past what describes the people to
/// the sentence's own verb: a short of-phrase, where they came from, a
/// relative clause, their village, their employer.
fn past_noun_phrase(t: &[Token], mut k: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    k = past_duty(t, k);
    // "one employee of the plant was killed", "two members of the same
    // family died": past a short of-phrase to the verb
    // ("six soldats burkinabè de la force onusienne déployée au Mali ont
    // perdu la vie": the French article may be gone from the tokens)
    if w(k) == "of"
        && (matches!(
            w(k + 1),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) || t.get(k + 1).is_some_and(|x| x.kind == Kind::Word && !x.cap))
    {
        let verb = (k + 2..(k + 9).min(n)).find(|&j| has(&AUX_S, AUX, w(j)) || death_right(w(j)));
        if let Some(j) = verb {
            if (k + 1..j).all(|m| t[m].kind == Kind::Word && t[m].value.is_none() && w(m) != "and")
            {
                k = j;
            }
        }
    }
    // "nine peacekeepers from Niger die", "twelve civilians from several
    // communities were killed", "ten villagers in the area were shot":
    // past where they came from or were
    if matches!(w(k), "from" | "in" | "at" | "near" | "around" | "across") {
        k = past_where_from(t, k);
    }
    // "fifty-eight villagers who were returning from the market had been
    // killed": past their relative clause to the sentence's own verb
    if w(k) == "who" && !death_right(w(k + 1)) && !death_right(w(k + 2)) {
        let stop = (k + 12).min(n);
        if let Some(j) = (k + 3..stop)
            .find(|&j| has(&AUX_S, AUX, w(j)) && (j + 1..(j + 3).min(n)).any(|m| death_right(w(m))))
        {
            if (k + 1..j).all(|m| !matches!(w(m), "," | ";" | "." | "and")) {
                k = j;
            }
        }
    }
    // "three peacekeepers returning from leave to their post in Kidal were
    // shot dead": past what they were doing to the sentence's own verb
    if w(k).len() > 5 && w(k).ends_with("ing") && !death_right(w(k)) {
        let stop = (k + 14).min(n);
        let verb = (k + 1..stop)
            .take_while(|&j| t[j].kind == Kind::Word || t[j].is_punct('-'))
            .find(|&j| {
                has(&AUX_S, AUX, w(j)) && (j + 1..(j + 3).min(n)).any(|m| death_right(w(m)))
            });
        if let Some(j) = verb {
            k = j;
        }
    }
    // "thirty-seven residents of Darey-Dey, including fourteen children,
    // were shot": past the village they came from and an aside
    // ("two journalists working for Radio France Internationale were
    // seized": past their employer)
    let employer = matches!(w(k), "working" | "employed" | "reporting")
        && matches!(w(k + 1), "for" | "by" | "with")
        && t.get(k + 2).is_some_and(|x| x.cap && x.kind == Kind::Word);
    if (w(k) == "of" || employer)
        && t.get(k + 1 + usize::from(employer))
            .is_some_and(|x| x.cap && x.kind == Kind::Word)
    {
        let mut j = k + 1 + usize::from(employer);
        while t
            .get(j)
            .is_some_and(|x| (x.cap && x.kind == Kind::Word) || x.is_punct('-'))
        {
            j += 1;
        }
        let mut j = skip_aside(t, j);
        // (", also in Kossi province,": where the village lies)
        if t.get(j).is_some_and(|x| x.is_punct(',')) {
            if let Some(c) = (j + 1..(j + 9).min(n)).find(|&m| t[m].is_punct(',')) {
                let plain = (j + 1..c).all(|m| {
                    t[m].kind == Kind::Word
                        && !matches!(w(m), "were" | "was" | "are" | "is" | "had" | "have" | "has")
                });
                if plain {
                    j = c + 1;
                }
            }
        }
        if has(&AUX_S, AUX, w(j)) || death_right(w(j)) {
            k = j;
        }
    }
    k
}

/// From a preposition at `k` after a toll's noun, a short phrase of words
/// (a count only before a word for things: "from three villages") up to
/// the sentence's verb: that verb, else `k`.
fn past_where_from(t: &[Token], k: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let stop = (k + 8).min(t.len());
    let Some(j) = (k + 2..stop).find(|&j| has(&AUX_S, AUX, w(j)) || death_right(w(j))) else {
        return k;
    };
    let plain = (k + 1..j).all(|m| {
        let x = &t[m];
        let word = x.kind == Kind::Word
            && !matches!(w(m), "and" | "who" | "which" | "that" | "where" | "whom");
        let count = x.value.is_some() && person_group(w(m + 1)).is_none();
        (word && (x.value.is_none() || count)) || (x.kind == Kind::Num && count)
    });
    if plain {
        j
    } else {
        k
    }
}

/// "were abducted then killed", "ont été enlevés puis tués", "seized and
/// shot dead": the killing verb after the first one, if any.
fn then_killed(t: &[Token], k: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if !other_right(w(k)) {
        return None;
    }
    // the joining word right after, or past the abduction's own details
    // ("were seized by armed men in Kidal on Saturday and shot dead")
    let mut j = (k + 1..(k + 12).min(t.len()))
        .take_while(|&j| !(t[j].is_punct(';') || t[j].is_punct('.') || t[j].kind == Kind::Num))
        .find(|&j| matches!(w(j), "then" | "and" | "before"))?;
    j += 1;
    while j < t.len() && (has(&AUX_S, AUX, w(j)) || w(j) == "being") {
        j += 1;
    }
    death_right(w(j)).then_some(j)
}

/// The killing verb after a participle phrase at `k` ("arrested by
/// soldiers had been found dead", "abducted on Monday were killed"), past
/// its auxiliaries, if one comes within a few words.
fn past_participle_phrase(t: &[Token], k: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // (and "six soldiers deployed in Mali have died": where they serve)
    let serving = matches!(w(k), "deployed" | "stationed" | "posted" | "serving");
    if !(other_right(w(k)) || serving)
        || !matches!(w(k + 1), "by" | "on" | "in" | "at" | "from" | "during")
    {
        return None;
    }
    let aux = (k + 2..(k + 7).min(t.len())).find(|&j| has(&AUX_S, AUX, w(j)))?;
    if (k + 2..aux).any(|j| t[j].kind == Kind::Punct) {
        return None;
    }
    let mut j = aux;
    while j < t.len() && has(&AUX_S, AUX, w(j)) {
        j += 1;
    }
    (death_right(w(j)) || (matches!(w(j), "found" | "discovered") && w(j + 1) == "dead"))
        .then_some(j)
}

/// The token after an aside opening at `k` (a bracket, or a dash with a
/// space before it, closed by its pair within a few words and before any
/// clause break), else `k`.
fn skip_aside(t: &[Token], k: usize) -> usize {
    let Some(open) = t.get(k) else { return k };
    // ", Ghislaine Dupont and Claude Verlon,": their names
    if open.is_punct(',') {
        let close = (k + 1..(k + 10).min(t.len())).find(|&j| !t[j].cap || t[j].kind != Kind::Word);
        if let Some(j) = close {
            let names = (k + 1..j).all(|m| t[m].cap && t[m].kind == Kind::Word);
            let more = if matches!(t[j].lw(), "and" | "et") {
                (j + 1..(j + 5).min(t.len()))
                    .find(|&m| !(t[m].cap && t[m].kind == Kind::Word))
                    .filter(|&m| m > j + 1 && t[m].is_punct(','))
            } else {
                None
            };
            if j > k + 1 && names {
                if let Some(m) = more {
                    return m + 1;
                }
                if t[j].is_punct(',') {
                    return j + 1;
                }
            }
        }
    }
    // ", including the pastor," / ", among them two children,"
    if open.is_punct(',')
        && t.get(k + 1)
            .is_some_and(|x| matches!(x.lw(), "including" | "among" | "mostly" | "most"))
    {
        let close = (k + 2..(k + 10).min(t.len()))
            .find(|&j| t[j].is_punct(',') || t[j].is_punct('.') || t[j].is_punct(';'));
        return match close {
            Some(j) if t[j].is_punct(',') => j + 1,
            _ => k,
        };
    }
    skip_enclosed(t, k)
}

/// Past an aside between brackets or dashes opening at `k` ("sixteen VDP
/// (Volunteers for the Defence of the Homeland), along with ...", "eight
/// people -- six aid workers and a guide -- were shot"), else `k`.
fn skip_enclosed(t: &[Token], k: usize) -> usize {
    let Some(open) = t.get(k) else { return k };
    let dash = open.is_punct('-') && open.space_before;
    if !dash && !open.is_punct('(') {
        return k;
    }
    let mut j = k + 1;
    while j < t.len() && dash && t[j].is_punct('-') && !t[j].space_before {
        j += 1;
    }
    let stop = (j + 25).min(t.len());
    while j < stop {
        let x = &t[j];
        if x.is_punct('.') || x.is_punct(';') || x.is_punct(':') {
            return k;
        }
        let closes = if dash {
            x.is_punct('-') && x.space_before
        } else {
            x.is_punct(')')
        };
        if closes {
            j += 1;
            while dash && j < t.len() && t[j].is_punct('-') && !t[j].space_before {
                j += 1;
            }
            return j;
        }
        j += 1;
    }
    k
}

/// The verb a figure shares with the ones listed after it.
/// Past the complement of the head noun at `after` ("nine members of the
/// security forces and auxiliaries were killed": from "of" to "and").
fn past_complement(t: &[Token], after: usize) -> usize {
    // (and past a French nationality after the noun: "deux agents maliens
    // et un expert français ont perdu la vie")
    let mut after = after;
    while t
        .get(after)
        .is_some_and(|x| crate::names::demonym_country(x.lw()).is_some())
    {
        after += 1;
    }
    if t.get(after).is_none_or(|x| x.lw() != "of") {
        return after;
    }
    (after + 1..(after + 6).min(t.len()))
        .find(|&k| matches!(t[k].lw(), "and" | ","))
        .unwrap_or(after)
}

fn shared_verb(t: &[Token], after: usize, h: &Head, dl: bool, il: bool) -> Option<TollKind> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    // "100 dead, at least 132 killed": a head that is itself a death
    // word closes its figure; what follows is another figure
    let death_head =
        h.at.is_some_and(|h| matches!(w(h), "dead" | "deaths" | "fatalities"));
    if h.at.is_some()
        && !death_head
        && !h.thing
        && !dl
        && !il
        && matches!(
            w(after),
            "and"
                | ","
                | "including"
                | "among"
                | "mostly"
                | "mainly"
                | "most"
                | "many"
                | "all"
                | "both"
        )
    {
        // "69 people including a local mayor were killed", "35 civilians, most of them women, were killed"
        for k in after..(after + 12).min(n) {
            let x = w(k);
            // "100 people and killed at least 22": the verb of the next figure
            if death_right(x) && quantity_at(t, k + 1, false).is_some() {
                break;
            }
            // "53 soldiers and a civilian lost their lives"
            if death_right(x) || (x == "lost" && matches!(w(k + 2), "lives" | "life")) {
                return Some(TollKind::Deaths);
            }
            if injury_right(x) {
                return Some(TollKind::Injured);
            }
            // another figure before the verb counts something else:
            // "by several hundred assailants, made 26 dead"
            // (not a list's next part: "sixteen VDP, along with two
            // civilians, lost their lives", "as well as four soldiers")
            let as_well = x == "as" && w(k + 1) == "well";
            if other_right(x)
                || (matches!(x, "." | ";" | "while" | "but" | "when" | "after" | "as") && !as_well)
                || (k > after
                                        && (t[k].kind == Kind::Num || super::numbers::word_value(x).is_some())
                    // ("five (05) guards": the digits restate the word)
                    && !matches!(w(k - 1), "and" | "," | "or" | "(" | "with"))
                    && !(w(k - 1) == "as" && w(k.saturating_sub(2)) == "well")
            {
                break;
            }
        }
    }
    None
}

/// Adds the people listed after a figure to it: the total, its parts,
/// and the token after the list (`last` if there is none).
fn listed(t: &[Token], after: usize, q: Quantity, mut last: usize) -> (Quantity, [u32; 4], usize) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let mut total = q;
    let mut parts = [0u32; 4];
    let mut add_part = |v: u32| {
        if parts == [0; 4] {
            parts[0] = q.best;
        }
        if let Some(slot) = parts.iter_mut().find(|p| **p == 0) {
            *slot = v;
        }
    };
    let mut k = after;
    // the list was closed by "and": "two gendarmes and a civilian, a street
    // vendor," goes on with an apposition, not one more dead
    let mut closed = false;
    loop {
        k = past_origin(t, k);
        if !matches!(w(k), "and" | ",") {
            break;
        }
        // "14 villagers and another 9 soldiers", "two civilians and the
        // four bombers"
        let s = if matches!(w(k + 1), "another" | "further" | "the" | "its" | "their")
            && t.get(k + 2).is_some_and(|x| {
                x.kind == Kind::Num || super::numbers::word_value(&x.lower).is_some()
            }) {
            k + 2
        } else if w(k) == "," && matches!((w(k + 1), w(k + 2)), ("along" | "together", "with")) {
            // ", along with two civilians,"
            k + 3
        } else {
            k + 1
        };
        let part_of = |q2: &Quantity| {
            w(q2.next) == "of" && matches!(w(q2.next + 1), "them" | "whom" | "those")
        };
        // "the pastor and five worshippers, six people in all": the
        // whole, said after its parts
        if let Some(q2) = quantity_at(t, s, true).filter(|q2| {
            w(k) == ","
                && (q2.next..(q2.next + 3).min(n)).any(|m| {
                    (w(m) == "in" && matches!(w(m + 1), "all" | "total")) || w(m) == "altogether"
                })
        }) {
            total = q2;
            parts = [0; 4];
            last = q2.next + 1;
            break;
        }
        if let Some(q2) = quantity_at(t, s, true).filter(|q2| !part_of(q2)) {
            if closed && w(k) == "," && q2.article {
                last = apposition_end(t, &q2).unwrap_or(last);
                break;
            }
            let Some(h2) = listed_head(t, q2.next) else {
                break;
            };
            closed = w(k) == "and";
            // "killing at least twelve people, two residents said": the
            // sources, not more dead
            if matches!(
                w(h2 + 1),
                "said" | "say" | "says" | "told" | "reported" | "recounted" | "added" | "confirmed"
            ) {
                break;
            }
            add_part(q2.best);
            total.low = total.low.saturating_add(q2.low);
            total.best = total.best.saturating_add(q2.best);
            total.high = match (total.high, q2.high) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                _ => None,
            };
            last = h2 + 1;
            k = h2 + 1;
        } else if let Some(h2) = bare_singular(t, k, s) {
            add_part(1);
            total.low = total.low.saturating_add(1);
            total.best = total.best.saturating_add(1);
            total.high = total.high.map(|h| h.saturating_add(1));
            last = h2 + 1;
            k = h2 + 1;
        } else {
            break;
        }
    }
    // "Four people, three gendarmes and a civilian, were killed": the
    // parts after a comma that add up to the first figure tell it again
    let generic = after >= 1 && matches!(w(after - 1), "people" | "persons" | "victims" | "dead");
    if generic && w(after) == "," && parts[0] == q.best && parts[1..].iter().sum::<u32>() == q.best
    {
        let mut told = [0u32; 4];
        told[..3].copy_from_slice(&parts[1..]);
        return (q, told, last);
    }
    (total, parts, last)
}

/// "two peacekeepers from Guinea and a civilian": past where the people
/// came from, to the "and" or comma after it (else `k`).
fn past_origin(t: &[Token], k: usize) -> usize {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if !(matches!(w(k), "from" | "of") && t.get(k + 1).is_some_and(|x| x.cap)) {
        return k;
    }
    let mut j = k + 1;
    while j < t.len() && j <= k + 3 && t[j].cap && t[j].kind == Kind::Word {
        j += 1;
    }
    if matches!(w(j), "and" | ",") {
        j
    } else {
        k
    }
}

/// Past an apposition ("a civilian, a street vendor, had been killed") when
/// a comma closes it within a few words.
fn apposition_end(t: &[Token], q: &Quantity) -> Option<usize> {
    (q.next..(q.next + 4).min(t.len()))
        .find(|&m| t[m].is_punct(','))
        .map(|c| c + 1)
}

/// The last word of the person noun of a listed figure ending before `next`.
fn listed_head(t: &[Token], next: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let mut h2 = None;
    for m in next..(next + 3).min(n) {
        if person_group(w(m)).is_some() {
            h2 = Some(m);
            break;
        }
        if t[m].kind != Kind::Word || has(&AUX_S, AUX, w(m)) {
            break;
        }
    }
    let mut h2 = h2?;
    while h2 + 1 < n && t[h2 + 1].kind == Kind::Word && person_group(w(h2 + 1)).is_some() {
        h2 += 1;
    }
    Some(h2)
}

/// The noun of a listed person without a number, starting at `s` after the
/// joining token `k`.
fn bare_singular(t: &[Token], k: usize, s: usize) -> Option<usize> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let h2 = (s..(s + 3).min(n)).find(|&m| person_group(w(m)).is_some())?;
    // a bare singular noun phrase: "one gendarme and prison guard" (not a
    // verb: "killed 2,000 people and displaced a million")
    // (not the first word of a plural: "seven gendarmes and police
    // officers" lists no eighth man)
    let singular = (!w(h2).ends_with('s') || w(h2) == "police")
        && !w(h2).ends_with("ed")
        && person_group(w(h2 + 1)).is_none();
    let clean = (s..h2).all(|m| {
        t[m].kind == Kind::Word
            && !has(&AUX_S, AUX, w(m))
            && !death_right(w(m))
            && !injury_right(w(m))
            && !w(m).ends_with("ing")
    });
    if !singular || !clean || w(k) == "," {
        return None;
    }
    Some(h2)
}

/// "109 assailants were killed, as well as four soldiers and a civilian"
/// ("ainsi que", "along with"): more dead of the same verb, from `from`.
fn also_listed(t: &[Token], from: usize) -> Option<Toll> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("two dead among the residents, in addition to the two bombers":
    // past whom the first figure counts)
    let from = if w(from) == "among" {
        (from + 1..(from + 5).min(t.len()))
            .find(|&m| w(m) == ",")
            .unwrap_or(from)
    } else {
        from
    };
    let k = from + usize::from(t.get(from).is_some_and(|x| x.is_punct(',')));
    let s = match (w(k), w(k + 1), w(k + 2)) {
        ("as", "well", "as") | ("in", "addition", "to") => k + 3,
        ("along" | "together", "with", _) | ("ainsi", "que" | "that", _) => k + 2,
        _ => return None,
    };
    let s = s + usize::from(w(s) == "the");
    let q = quantity_at(t, s, true)?;
    let h = listed_head(t, q.next)?;
    let (total, parts, last) = listed(t, h + 1, q, h + 1);
    Some(Toll {
        kind: TollKind::Deaths,
        q: total,
        group: person_group(w(h)).unwrap_or(Group::Unknown),
        subset: false,
        more: false,
        first: q.first,
        next: last,
        parts,
    })
}

/// "24 people were killed in Yoro and 17 in Gangafani", "15 dead in
/// Bourari, five in Gaza and two in Banguel": the further figures with the
/// verb left out, each told with its own place, from `from` on.
fn elided_list(t: &[Token], mut from: usize, kind: TollKind, group: Group) -> Vec<Toll> {
    let mut out = Vec::new();
    while let Some(x) = elided_next(t, from, kind, group) {
        from = x.next;
        out.push(x);
    }
    out
}

/// The next figure of an [`elided_list`] after a place, if one follows.
fn elided_next(t: &[Token], from: usize, kind: TollKind, group: Group) -> Option<Toll> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let n = t.len();
    let stop = (from + 12).min(n);
    let placed = |k: usize| {
        (from..k).any(|j| matches!(w(j), "in" | "at" | "near" | "inside" | "outside" | "on"))
            || matches!(w(k + 2), "others" | "more")
    };
    // (past an aside: "44 in Nondin, including 20 children, and 179 in Soro")
    (from..stop)
        .take_while(|&k| !(t[k].is_punct(';') || t[k].is_punct('.')))
        .filter(|&k| (w(k) == "and" || t[k].is_punct(',')) && placed(k))
        .find_map(|k| {
            let s = k + 1 + usize::from(t[k].is_punct(',') && w(k + 1) == "and");
            let q2 = quantity_at(t, s, false)?;
            // ("and five people in Boni", "et deux autres dans le village
            // voisin de Sonfounou")
            let at = q2.next + usize::from(person_group(w(q2.next)).is_some());
            let named = (at + 1..(at + 6).min(n))
                .find(|&k| super::words::settlement_noun(w(k)))
                .filter(|&k| matches!(w(k + 1), "of" | "de" | "d'") || w(k + 2) == "of")
                .map_or(at + 1, |k| k + 2 + usize::from(w(k + 2) == "of"));
            let place = t.get(named).is_some_and(|x| x.cap && x.kind == Kind::Word);
            // ("three were killed inside the village and two others on
            // their way back": further victims, not "two others wounded")
            let others = w(k) == "and"
                && matches!(w(q2.next), "others" | "more")
                && !(q2.next + 1..(q2.next + 4).min(n))
                    .any(|j| injury_right(w(j)) || other_right(w(j)) || w(j) == "survived")
                // (the next figure after the toll: no list of its own between)
                && (from..k).all(|j| quantity_at(t, j, false).is_none());
            // ("nine were shot in a field, three in the village and two as
            // they walked home": further parts told by where or when)
            // (not a named place: "17 in the Koro area" is Koro's)
            let told_where = matches!(w(at), "in" | "at" | "near" | "inside" | "on")
                && matches!(
                    w(at + 1),
                    "the" | "a" | "an" | "their" | "its" | "his" | "her"
                )
                && (at + 2..(at + 5).min(n)).all(|j| !t[j].cap);
            // ("alors qu'elles rentraient" reads "then that elles")
            let told_when = matches!(w(at), "as" | "while" | "when")
                || (w(at) == "then" && w(at + 1) == "that");
            let lower = (told_where || told_when) && quantity_at(t, at + 1, false).is_none();
            let next = if others { q2.next + 1 } else { at };
            (others || lower || (matches!(w(at), "in" | "at" | "near") && place)).then_some(Toll {
                kind,
                q: q2,
                group,
                subset: false,
                more: false,
                first: q2.first,
                next,
                parts: [0; 4],
            })
        })
}

/// The quantity at `i` that may be a count, given the cues before it;
/// not one with a masked token, nor a bare year.
fn count_at_cue(t: &[Token], i: usize, masked: &[bool], dl: bool, il: bool) -> Option<Quantity> {
    let list_head = opens_list(t, i);
    let q = quantity_at(t, i, dl || il || list_head)?;
    if (q.first..q.next).any(|k| masked.get(k).copied().unwrap_or(false)) {
        return None;
    }
    // a bare four-digit year-like number is not a count
    if t[i].kind == Kind::Num && t[i].lower.len() == 4 && q.next == i + 1 && !dl {
        return None;
    }
    Some(q)
}

/// The kind of a figure at `i` with no cue after it (`kind` if there was
/// one), from the words before it or the participle before its noun.
fn left_kind(
    t: &[Token],
    i: usize,
    mut kind: Option<TollKind>,
    h: &Head,
    dl: bool,
    il: bool,
) -> Option<TollKind> {
    if kind.is_none() {
        if dl {
            kind = Some(TollKind::Deaths);
        } else if il {
            kind = Some(TollKind::Injured);
        } else if other_left(t, i) {
            kind = Some(TollKind::Other);
        }
    }
    if kind.is_none() {
        kind = h.adjective;
    }
    if other_left(t, i) && kind != Some(TollKind::Deaths) {
        kind = Some(TollKind::Other);
    }
    kind
}

/// Who a figure counts: its noun, or the label before it.
fn toll_group(t: &[Token], q: &Quantity, h: &Head) -> Group {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // a labelled figure: "Islamists: about 100 killed"
    let label = (h.at.is_none() && q.first >= 2 && t[q.first - 1].is_punct(':'))
        .then(|| person_group(w(q.first - 2)))
        .flatten();
    // "fifteen bodies of attackers", "the remains of 12 soldiers": whose
    // bodies the of-phrase tells
    let of_whom =
        h.at.filter(|&h| matches!(w(h), "bodies" | "corpses" | "remains") && w(h + 1) == "of");
    let of_whom = of_whom.and_then(|h| {
        let k = if matches!(w(h + 2), "the" | "their" | "its") {
            h + 3
        } else {
            h + 2
        };
        person_group(w(k))
    });
    // "- friendly side: twelve (12) combatants fallen", "- enemy side: some
    // fifteen (15) terrorist bodies": a communiqué's side label
    let side = side_label(t, q.first);
    // ("terrorist bodies": the noun's adjective says whose)
    let bodies_of = h
        .at
        .filter(|&h| h > 0 && matches!(w(h), "bodies" | "corpses"))
        .and_then(|h| person_group(w(h - 1)).or_else(|| person_group(&format!("{}s", w(h - 1)))));
    side.or(of_whom)
        .or(bodies_of)
        .or_else(|| among_side(t, q, h))
        .or_else(|| left_behind_by_attackers(t, q, h))
        .or_else(|| h.at.and_then(|h| person_group(w(h))))
        .or(label)
        .unwrap_or(Group::Unknown)
}

/// "five dead among the attackers", "two dead on the army's side", "cinq
/// morts dans les rangs des assaillants": whose dead a phrase after the
/// count tells.
fn among_side(t: &[Token], q: &Quantity, h: &Head) -> Option<Group> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let mut k = h.at.map_or(q.next, |h| h + 1);
    if matches!(w(k), "killed" | "dead") {
        k += 1;
    }
    let det = |k: usize| k + usize::from(matches!(w(k), "the" | "its" | "their" | "les" | "des"));
    let whom = match w(k) {
        "among" | "parmi" => det(k + 1),
        // "in the ranks of the attackers", "dans les rangs des assaillants"
        "in" | "dans" if matches!(w(det(k + 1)), "ranks" | "rangs") => {
            let of = det(k + 1) + 1;
            if !matches!(w(of), "of" | "de" | "des") {
                return None;
            }
            det(of + usize::from(w(of) != "des"))
        }
        // "on the attackers' side", "on the army side"
        "on" if w(det(k + 1) + 1) == "side" => det(k + 1),
        _ => return None,
    };
    let g = person_group(w(whom).trim_end_matches('\''))?;
    (g != Group::Civilians && g != Group::Unknown).then_some(g)
}

/// The side a communiqué's line gives its figure ("- friendly side:",
/// "- enemy side:", "côté ami :", "côté ennemi :"), looked for before `first`
/// on the same line.
fn side_label(t: &[Token], first: usize) -> Option<Group> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let from = first.saturating_sub(6);
    let colon = (from..first).rev().find(|&k| t[k].is_punct(':'))?;
    (colon.saturating_sub(3)..colon).find_map(|k| match (w(k), w(k + 1)) {
        ("friendly" | "our" | "own", "side") | ("side" | "côté", "friendly" | "ami") => {
            Some(Group::Security)
        }
        ("enemy", "side") | ("side" | "côté", "enemy" | "ennemi") => Some(Group::Militants),
        // "- côté FAMa :", "- côté terroristes :", "- army side:"
        ("side" | "côté", "fama" | "fds" | "army" | "armée") | ("army" | "fama", "side") => {
            Some(Group::Security)
        }
        ("side" | "côté", x) | (x, "side") => {
            person_group(x).filter(|g| matches!(g, Group::Militants | Group::Security))
        }
        _ => None,
    })
}

/// "the terrorists, in their rout, left behind four bodies", "les
/// assaillants ont abandonné quatre corps": bodies the attackers left are
/// their own dead.
fn left_behind_by_attackers(t: &[Token], q: &Quantity, h: &Head) -> Option<Group> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("fled leaving four of their men dead on the ground")
    let bodies =
        h.at.is_some_and(|h| matches!(w(h), "bodies" | "corpses") || w(h + 1) == "dead");
    if !bodies || q.first == 0 {
        return None;
    }
    let from = q.first.saturating_sub(12);
    let verb = (from..q.first).rev().find(|&k| {
        matches!(
            w(k),
            "left" | "abandoned" | "leaving" | "abandoning" | "laissé" | "abandonné"
        )
    })?;
    // the attackers are the verb's subject, in its clause
    (from..verb)
        .rev()
        .take_while(|&k| !t[k].is_punct('.') && !t[k].is_punct(';'))
        .any(|k| is_militant_word(w(k)))
        .then_some(Group::Militants)
}

/// Finds the casualty statements in a sentence; `masked` tokens (dates) are skipped.
pub fn find_tolls(t: &[Token], masked: &[bool]) -> Vec<Toll> {
    let mut out = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        if masked.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if !may_start_quantity(&t[i]) && !super::numbers::lone_attacker(t, i) {
            i += 1;
            continue;
        }
        // "no one was killed": nobody, not one
        if i > 0 && t[i].lw() == "one" && t[i - 1].lw() == "no" {
            i += 1;
            continue;
        }
        let dl = death_left(t, i);
        let il = injury_left(t, i);
        let Some(q) = count_at_cue(t, i, masked, dl, il) else {
            i += 1;
            continue;
        };
        let h = head_noun(t, past_quote(t, &q));
        let after = h.at.map(|h| h + 1).unwrap_or(h.start);
        let (mut kind, end, subset) = right_cue(t, after, &h, dl);
        // "20 gendarmes and 15 volunteers were killed": the verb is shared
        let mut shared = false;
        let after = if kind.is_none() {
            past_complement(t, after)
        } else {
            after
        };
        if kind.is_none() {
            kind = shared_verb(t, skip_enclosed(t, after), &h, dl, il);
            shared = kind.is_some();
        }
        let kind = left_kind(t, i, kind, &h, dl, il);
        let Some(mut kind) = kind else {
            i = q.next.max(i + 1);
            continue;
        };
        if h.thing {
            kind = TollKind::Other;
        }
        if q.article && h.at.is_none() {
            i += 1;
            continue;
        }
        let group = toll_group(t, &q, &h);
        // "five of them were found dead" after an abduction is the toll;
        // after a death toll it is a part of it
        let subset = (subset && out.iter().any(|x: &Toll| x.kind == TollKind::Deaths))
            || subset_left(t, i)
            || h.part_of_dead
            || among_the_dead(t, after);
        let (mut total, mut parts, mut last) = (q, [0u32; 4], end.max(after));
        // lists after a killing verb: "a prison officer and a gendarme"
        if kind != TollKind::Other && (dl || il || shared) && h.at.is_some() && !h.thing {
            (total, parts, last) = listed(t, skip_enclosed(t, after), q, last);
        }
        // "the commander of the brigade and three of his men died": one
        // named person before the count
        let first = if kind == TollKind::Deaths && !subset {
            add_one_person_before(t, &mut total, &mut parts).unwrap_or(q.first)
        } else {
            q.first
        };
        out.push(Toll {
            kind,
            q: total,
            group,
            subset,
            more: h.more,
            first: if dl || il {
                cue_start(t, q.first)
            } else {
                first
            },
            next: last.max(q.next),
            parts,
        });
        i = last.max(q.next).max(i + 1);
        if kind == TollKind::Deaths && !subset {
            let more = figures_after(t, q.first, last.max(q.next), group);
            if let Some(x) = more.last() {
                i = x.next;
            }
            out.extend(more);
        }
    }
    increments_of_a_raised_toll(t, &mut out);
    parts_explained_after_a_colon(t, &mut out);
    out
}

/// The figures a death toll spanning `first..next` brings after it: the
/// one it was raised from ("to 14 from nine"), else an elided list's ("15
/// in X, six in Y") or a list told with "also".
fn figures_after(t: &[Token], first: usize, next: usize, group: Group) -> Vec<Toll> {
    if let Some(before) = raised_from(t, first, next, group) {
        return vec![before];
    }
    let more = elided_list(t, next, TollKind::Deaths, group);
    if more.is_empty() {
        also_listed(t, next).into_iter().collect()
    } else {
        more
    }
}

/// "the toll has climbed to 14 from nine": the figure a toll was raised
/// from, right after the new one (spanning `first..next`).
fn raised_from(t: &[Token], first: usize, next: usize, group: Group) -> Option<Toll> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if w(next) != "from" || !(first >= 2 && w(first - 1) == "to" && toll_moved(w(first - 2))) {
        return None;
    }
    let q = super::numbers::quantity_at(t, next + 1, false)?;
    Some(Toll {
        kind: TollKind::Deaths,
        q,
        group,
        subset: false,
        more: false,
        first: next,
        next: q.next,
        parts: [0; 4],
    })
}

/// A toll raised to the number at `i`, either way round: "bringing the
/// toll to nine", "le bilan a été porté à quarante-trois" (the toll had
/// been brought to 43).
pub(super) fn raised_total(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let verb_first = i >= 2
        && w(i - 1) == "to"
        && toll_moved(w(i - 2))
        && (i.saturating_sub(6)..i - 2)
            .any(|k| matches!(w(k), "toll" | "number" | "count" | "figure"));
    verb_first || toll_object_raised_to(t, i)
}

/// "two of the wounded soldiers died, bringing the military toll to nine":
/// the dead a sentence adds before the total it raises the toll to are
/// part of that total.
fn increments_of_a_raised_toll(t: &[Token], out: &mut [Toll]) {
    let Some((at, total)) = out
        .iter()
        .find(|x| x.kind == TollKind::Deaths && raised_total(t, x.q.first))
        .map(|x| (x.q.first, x.q.best))
    else {
        return;
    };
    // (in the same clause: "first reported 17 killed; the missing were
    // found, raising the toll to 28" keeps its first figure)
    let clause = (0..at)
        .rev()
        .find(|&k| t[k].is_punct(';'))
        .map_or(0, |k| k + 1);
    for x in out.iter_mut() {
        if x.kind == TollKind::Deaths && x.q.first >= clause && x.q.first < at && x.q.best < total {
            x.subset = true;
        }
    }
}

/// "The toll now stands at 17, the governor said on Tuesday: two of the
/// wounded died in hospital and three bodies were found in the bush": the
/// dead a colon explains after a total are part of it, when together they
/// do not exceed it.
fn parts_explained_after_a_colon(t: &[Token], out: &mut [Toll]) {
    let deaths = |x: &Toll| x.kind == TollKind::Deaths && !x.subset && x.group != Group::Militants;
    let Some((at, total)) = out.iter().find(|x| deaths(x)).map(|x| (x.next, x.q.best)) else {
        return;
    };
    // (not a label's colon: "Mali: 11 killed | France: 1 killed")
    let Some(colon) = (at..t.len())
        .take_while(|&k| !t[k].is_punct('|'))
        .find(|&k| t[k].is_punct(':'))
    else {
        return;
    };
    let parts: u32 = out
        .iter()
        .filter(|x| deaths(x) && x.q.first > colon)
        .map(|x| x.q.best)
        .sum();
    if parts == 0 || parts >= total {
        return;
    }
    for x in out.iter_mut() {
        if deaths(x) && x.q.first > colon {
            x.subset = true;
        }
    }
}

/// The words a period phrase of [`is_aggregate`] starts with.
const AGG_HEADS: &[&str] = &[
    "alone",
    "this",
    "so",
    "to",
    "separate",
    "various",
    "each",
    "every",
    "per",
    "past",
    "last",
    "previous",
    "preceding",
    "first",
    "second",
    "since",
    "altogether",
    "annually",
    "cumulatively",
    "overall",
    "by",
    "between",
    "in",
    "recorded",
    "registered",
    "enregistré",
    "recensé",
    "over",
    "during",
    "throughout",
    "across",
    "from",
    "of",
];
static AGG_HEADS_S: std::sync::OnceLock<crate::words::WordSet> = std::sync::OnceLock::new();

/// Words that mark an aggregate statistic rather than one event.
pub fn is_aggregate(t: &[Token]) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "have so far identified 19 victims": a count of one event in progress
    let counting = t.iter().any(|x| {
        matches!(
            x.lw(),
            "established" | "identified" | "confirmed" | "documented" | "verified" | "counted"
        )
    });
    if sums_several_events(t) || a_wars_toll(t) || incidents_of_a_period(t) {
        return true;
    }
    for k in 0..t.len() {
        // one set lookup per word: only these words start a period phrase
        if !has(&AGG_HEADS_S, AGG_HEADS, w(k)) {
            continue;
        }
        if period_phrase(t, k, counting) {
            return true;
        }
    }
    false
}

/// "the insurgency that has killed thousands", "a conflict which has
/// claimed 6,000 lives", "l'insurrection qui a tué des milliers": the toll
/// of a war, not of an event.
fn a_wars_toll(t: &[Token]) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (0..t.len()).any(|k| {
        matches!(
            w(k),
            "insurgency"
                | "insurrection"
                | "conflict"
                | "conflit"
                | "war"
                | "guerre"
                | "violence"
                | "violences"
                | "crisis"
                | "crise"
                | "rebellion"
                | "jihadism"
        ) && matches!(w(k + 1), "that" | "which" | "who" | "qui")
            && (k + 2..k + 5).any(|j| matches!(w(j), "killed" | "claimed" | "tué" | "coûté"))
    })
}

/// "Reported incidents this week left at least 31 people dead", "attacks
/// last month killed 40": the toll of the events of a week, a month or a
/// year.
fn incidents_of_a_period(t: &[Token]) -> bool {
    t.windows(3).any(|x| {
        matches!(
            x[0].lw(),
            "incidents" | "attacks" | "raids" | "clashes" | "events"
        ) && matches!(x[1].lw(), "this" | "last" | "over" | "during")
            && matches!(x[2].lw(), "week" | "month" | "year" | "period")
    })
}

/// "41 deaths in total" over "two villages attacked": a total of
/// several events the text tells one by one
pub fn sums_several_events(t: &[Token]) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // one pass: the words that sum, and a plural event noun for the
    // subject form below
    let (mut summed, mut plural_event) = (false, false);
    for (k, x) in t.iter().enumerate() {
        match x.lw() {
            "combined" | "together" | "alone" | "account" | "accounted" | "accounting" => {
                summed = true
            }
            "in" if matches!(w(k + 1), "total" | "all") => summed = true,
            "attacks" | "raids" | "ambushes" | "strikes" | "assaults" | "massacres" => {
                plural_event = true
            }
            _ => {}
        }
    }
    let several_events = || {
        t.windows(2).any(|x| {
            (matches!(
                x[0].lw(),
                "two" | "three" | "four" | "several" | "these" | "both" | "the"
            ) || x[0].value.is_some_and(|v| (2..=20).contains(&v))
                || super::numbers::word_value(x[0].lw()).is_some_and(|v| (2..=20).contains(&v)))
                && matches!(
                    x[1].lw(),
                    "attacks"
                        | "villages"
                        | "localities"
                        | "incidents"
                        | "assaults"
                        | "raids"
                        | "strikes"
                        | "massacres"
                        | "ambushes"
                        | "episodes"
                        | "events"
                        | "killings"
                )
        })
    };
    // "Two attacks on army units on Saturday left seven soldiers dead":
    // several events as the subject of the toll
    let as_subject = || {
        t.windows(2).enumerate().any(|(k, x)| {
            (matches!(x[0].lw(), "two" | "three" | "four" | "several" | "both")
                || x[0].value.is_some_and(|v| (2..=20).contains(&v)))
                && matches!(
                    x[1].lw(),
                    "attacks" | "raids" | "ambushes" | "strikes" | "assaults" | "massacres"
                )
                && (k == 0 || matches!(t[k - 1].lw(), "the" | "," | "-" | "these"))
                && (k + 2..(k + 12).min(t.len()))
                    .take_while(|&j| !t[j].is_punct('.') && !t[j].is_punct(';'))
                    .any(|j| matches!(t[j].lw(), "left" | "killed" | "claimed" | "caused" | "cost"))
        })
    };
    (summed && several_events()) || (plural_event && as_subject())
}

/// A phrase starting at `k` that sums a period; `counting` when the
/// sentence counts the victims of one event.
/// "the deadliest attack since January", "one of the heaviest tolls since
/// 2015": a comparison before the "since" at `k`, not a total over the
/// period ("the first such raid in that part of the country since the war").
fn compared_since(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let clause_from = (k.saturating_sub(11)..k)
        .rev()
        .find(|&j| matches!(w(j), "," | ";" | "."))
        .map_or(k.saturating_sub(11), |j| j + 1);
    (clause_from..k).any(|j| {
        let x = w(j);
        matches!(
            x,
            "most" | "worst" | "first" | "biggest" | "largest" | "highest"
        ) || (x.ends_with("iest") && x.len() > 6)
            || (x.ends_with("est")
                && matches!(x, "heaviest" | "greatest" | "strongest" | "longest"))
    })
}

fn period_phrase(t: &[Token], k: usize, counting: bool) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let (a, b, c) = (w(k), w(k + 1), w(k + 2));
    // (the frequent "of" and "from" only open a stretch of months)
    if matches!(a, "from" | "of") {
        return months_stretch(t, k);
    }
    if let Some(v) = area_count(t, k) {
        return v;
    }
    // "61 civilians killed in attacks over the reporting period", "au
    // cours de la période": a report's period
    if matches!(a, "over" | "during" | "throughout" | "in")
        && b == "the"
        && (c == "period" || (matches!(c, "reporting" | "review") && w(k + 3) == "period"))
    {
        return true;
    }
    // "several hundred civilians killed across the region": a whole
    // unit's count
    if a == "across"
        && b == "the"
        && matches!(
            c,
            "region" | "regions" | "country" | "province" | "provinces" | "cercle" | "department"
        )
    {
        return true;
    }
    // "across Mali", "across the Sahel": a country's count
    if a == "across" && (matches!(b, "mali" | "niger" | "burkina") || (b, c) == ("the", "sahel")) {
        return true;
    }
    if matches!(a, "over" | "during" | "throughout" | "across") {
        return false;
    }
    if a == "between" && months_stretch(t, k) {
        return true;
    }
    if a == "in" {
        return in_period(t, k);
    }
    if counting && matches!((a, b), ("so", "far") | ("to", "date")) {
        return false;
    }
    if a == "since" && compared_since(t, k) {
        return false;
    }
    // "more than 30 peacekeepers were killed last year alone"
    if matches!(a, "last" | "past" | "this") && matches!(b, "year" | "month") && c == "alone" {
        return true;
    }
    // "in March this year" dates an event; "this year" alone sums a period
    let dated_this_year =
        (a, b) == ("this", "year") && k > 0 && super::dates::month(w(k - 1)).is_some();
    (matches!((a, b), ("this", "year") | ("so", "far") | ("to", "date") | ("separate", "attacks") | ("separate", "incidents") | ("separate", "raids") | ("various", "attacks") | ("each", "year") | ("every", "year") | ("per", "year") | ("past", "year") | ("past", "decade") | ("last", "decade") | ("first", "half") | ("second", "half") | ("since", "the") if b != "the" || matches!(c, "start" | "beginning" | "outbreak" | "onset"))
        && !dated_this_year)
        || matches!(a, "altogether" | "annually" | "cumulatively" | "overall")
        || (matches!(a, "past" | "last" | "previous" | "preceding")
            && matches!(c, "months" | "years" | "weeks")
            && t.get(k + 1).is_some_and(|x| {
                x.kind == Kind::Num || super::numbers::word_value(&x.lower).is_some()
            }))
                || (matches!(a, "past" | "last" | "previous" | "preceding") && matches!(b, "months" | "years"))
                // "in the first eight months of 2017", "les huit premiers mois":
        // a stretch of months
        || (a == "first"
            && matches!(c, "months" | "weeks")
            && (t.get(k + 1).is_some_and(|x| x.kind == Kind::Num)
                || super::numbers::word_value(b).is_some_and(|v| v >= 2)))
        || (a == "first"
            && matches!(b, "months" | "weeks")
            && k >= 1
            && (t[k - 1].kind == Kind::Num
                || super::numbers::word_value(w(k - 1)).is_some_and(|v| v >= 2)))
                // "by mid-2021", "by the end of 2020", "by June": a running total
        // (but "by the end of the month a rights group had documented at
        // least 13 deaths": when one event's count was reached)
        || (a == "by"
            && !(counting && b == "the" && matches!(c, "end" | "close") && matches!(w(k + 4), "the" | "that")
                && matches!(w(k + 5), "month" | "week" | "day"))
            && (b.starts_with("mid")
                || (b == "the" && matches!(c, "end" | "middle" | "close"))
                || t.get(k + 1).is_some_and(|x| x.kind == Kind::Num && x.value.is_some_and(|v| (1900..2100).contains(&v)))))
                || since_period(t, k)
                // "hundreds have been killed there since", "since then"
        || (a == "since" && matches!(b, "." | ";" | "" | "then") && k > 0)
                // "since early February", "since mid-2019"
        || (a == "since"
            && matches!(b, "early" | "late" | "mid")
            && (super::dates::month(c).is_some()
                || t.get(k + 2).is_some_and(|x| x.kind == Kind::Num)))
                // "between 2018 and 2020": a stretch of years
        || (a == "between"
            && c == "and"
            && [k + 1, k + 3].iter().all(|&j| {
                t.get(j)
                    .is_some_and(|x| x.kind == Kind::Num && x.value.is_some_and(|v| (1900..2100).contains(&v)))
            }))
        // "between January and mid-August": a stretch of months
        || (a == "between"
            && super::dates::month(b).is_some()
            && c == "and"
            && (super::dates::month(w(k + 3)).is_some() || w(k + 3).starts_with("mid")))
}

/// A stretch of months anywhere in the sentence ([`months_stretch`]): its
/// days are a period's bounds, not an event's day.
pub fn stretch_of_months(t: &[Token]) -> bool {
    (0..t.len()).any(|k| matches!(t[k].lw(), "from" | "of" | "between") && months_stretch(t, k))
}

/// "from January to the end of August", "de janvier à fin août" (read
/// "of january in late august"): a stretch of months opening at `k`; also
/// "between 1 January and 31 August 2022", "entre le 1er janvier et le 31
/// août" (read "between the 1 january and the 31 august").
fn months_stretch(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let num = |j: usize| {
        t.get(j)
            .filter(|x| x.kind == Kind::Num)
            .and_then(|x| x.value)
    };
    let between = w(k) == "between";
    let mut j = k + 1;
    // ("from the 1st of January"; French "le 1er janvier" reads "on 1
    // january"): the day before the month
    if matches!(w(j), "the" | "on") {
        j += 1;
    }
    let day1 = num(j);
    if day1.is_some() {
        j += 1;
        if w(j) == "of" {
            j += 1;
        }
    }
    let Some(m1) = super::dates::month(w(j)) else {
        return false;
    };
    j += 1;
    // "May 30 and ..." (the day after the month), "January 2024 to ...":
    // the year of the first month
    let mut day1 = day1;
    if let Some(v) = num(j) {
        if v <= 31 {
            day1 = Some(v);
        }
        j += 1;
        if w(j) == "," && num(j + 1).is_some_and(|y| y >= 1900) {
            j += 2;
        }
    }
    let joined = if between {
        w(j) == "and"
    } else {
        matches!(w(j), "to" | "until" | "through" | "till" | "in")
    };
    if !joined {
        return false;
    }
    j += 1;
    let mut day2 = None;
    while matches!(
        w(j),
        "the" | "on" | "end" | "of" | "late" | "mid" | "early" | "fin"
    ) || num(j).is_some()
    {
        if j > k + 12 {
            return false;
        }
        day2 = num(j).or(day2);
        j += 1;
    }
    let Some(m2) = super::dates::month(w(j)) else {
        return false;
    };
    if day2.is_none() {
        day2 = num(j + 1).filter(|&v| v <= 31);
    }
    // a month or more ("between September 30 and October 1" is two days)
    let months = (m2 + 12 - m1) % 12;
    match (day1, day2) {
        (Some(a), Some(b)) => u64::from(months) * 30 + b >= a + 28,
        _ => months >= 1,
    }
}

/// A country's or a region's count at `k`: "last year the country
/// recorded more than 2,000 deaths", "le pays a enregistré" (`Some(true)`,
/// or `Some(false)` when "recorded" speaks of something else), "in the
/// centre of the country alone"; `None` when `k` starts neither.
fn area_count(t: &[Token], k: usize) -> Option<bool> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    if matches!(w(k), "recorded" | "registered" | "enregistré" | "recensé") {
        return Some(t[k.saturating_sub(3)..k].iter().any(|y| {
            matches!(
                y.lw(),
                "country" | "nation" | "region" | "province" | "pays"
            )
        }));
    }
    // "with well over 1,000 people killed in the centre of the country
    // alone", "in the region alone": a country's or a region's count
    if w(k) == "alone"
        && t[k.saturating_sub(3)..k].iter().any(|y| {
            matches!(
                y.lw(),
                "country"
                    | "region"
                    | "province"
                    | "centre"
                    | "center"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "pays"
                    | "year"
                    | "month"
            )
        })
    {
        return Some(true);
    }
    None
}

/// A phrase opening on "in" at `k` that sums a period or many events: "in
/// three years", "en trois ans" (a count over years), "in operations", "in
/// attacks in 2018", "in the incidents below", "in January alone", "in that
/// war".
fn in_period(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let (b, c) = (w(k + 1), w(k + 2));
    // "had killed 287 fighters in operations in the Diffa region":
    // military operations, no discrete event (CODEBOOK §2)
    if b == "operations"
        || (c == "operations" && matches!(b, "military" | "army" | "air" | "security"))
    {
        return true;
    }
    // "a hundred people died in attacks in 2018": attacks over a year
    let noun = if matches!(b, "the" | "some" | "des") {
        c
    } else {
        b
    };
    // "more than sixty of its members have died in hostile acts", "dans
    // des actes hostiles": a force's losses since it deployed
    let after = w(k + 2 + usize::from(matches!(b, "the" | "some" | "des")));
    if matches!(noun, "acts" | "actes") && matches!(after, "hostile" | "hostiles" | "malicious")
        || (noun == "hostile" && after == "acts")
    {
        return true;
    }
    if matches!(
        noun,
        "attacks" | "raids" | "clashes" | "ambushes" | "violence"
    ) && t.windows(2).any(|x| {
        matches!(x[0].lw(), "in" | "during" | "throughout")
            && x[1].value.is_some_and(|v| (1900..2100).contains(&v))
    }) {
        return true;
    }
    // "at least 43 people killed in the incidents below": the total of
    // the article's own events
    if b == "the"
        && matches!(c, "incidents" | "attacks" | "events" | "raids")
        && matches!(
            w(k + 3),
            "below" | "above" | "listed" | "described" | "summarised" | "summarized"
        )
    {
        return true;
    }
    // "in January alone", "in 2019 alone": a month's or a year's count
    if w(k + 2) == "alone"
        && (super::dates::month(b).is_some()
            || t.get(k + 1)
                .is_some_and(|x| x.value.is_some_and(|v| (1900..2100).contains(&v))))
    {
        return true;
    }
    // "thousands have died in that war", "in the conflict": a war's toll
    if matches!(b, "that" | "the" | "this")
        && matches!(c, "war" | "conflict" | "insurgency" | "crisis")
        && !matches!(w(k + 3), "zone" | "area" | "region")
    {
        return true;
    }
    // "in two years", "in the twelve months after the coup", "in the past
    // five weeks": a count over a stretch of time
    let mut j = k + 1;
    while matches!(
        w(j),
        "the" | "past" | "last" | "first" | "previous" | "following"
    ) && j < k + 4
    {
        j += 1;
    }
    matches!(w(j + 1), "years" | "months" | "decades" | "weeks")
        && (t.get(j).is_some_and(|x| x.kind == Kind::Num)
            || super::numbers::word_value(w(j)).is_some_and(|v| v >= 2))
}

/// "since 2015", "since June", "since then", "since the war began": the
/// period a total runs over, starting at `k`.
fn since_period(t: &[Token], k: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let (a, b, c) = (w(k), w(k + 1), w(k + 2));
    a == "since"
        && (t.get(k + 1).is_some_and(|x| x.kind == Kind::Num)
            || super::dates::month(b).is_some()
            || b == "then"
            // "since it was set up in 2013", "since fighting broke out in
            // 2012": a clause that ends on a year
            || (k + 2..(k + 8).min(t.len()))
                .take_while(|&j| t[j].kind != Kind::Punct)
                .any(|j| t[j].kind == Kind::Num && t[j].value.is_some_and(|v| (1900..2100).contains(&v)))
            // "since the UN mission deployed", "since its creation"
            || (matches!(b, "the" | "its" | "their")
                && [c, w(k + 3)].into_iter().any(|c| {
                    matches!(
                        c,
                        "mission"
                            | "deployment"
                            | "conflict"
                            | "crisis"
                            | "war"
                            | "insurgency"
                            | "rebellion"
                                                        | "creation"
                            | "independence"
                            // "since the coup", "since the military took power"
                            | "coup"
                            | "putsch"
                            | "takeover"
                            | "military"
                            | "junta"
                            | "transition"
                    )
                })))
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn tolls(s: &str) -> Vec<(TollKind, u32, Option<u32>, Group, bool)> {
        let t = tokens(s, 0, s.len());
        find_tolls(&t, &vec![false; t.len()])
            .into_iter()
            .map(|x| (x.kind, x.q.best, x.q.high, x.group, x.subset))
            .collect()
    }

    fn deaths(s: &str) -> Vec<u32> {
        tolls(s)
            .into_iter()
            .filter(|x| x.0 == TollKind::Deaths && !x.4)
            .map(|x| x.1)
            .collect()
    }

    #[test]
    fn killing_verbs() {
        assert_eq!(
            deaths("fourteen children died and nine were hurt when a school was hit"),
            [14]
        );
        assert_eq!(
            deaths("a convoy was ambushed and jihadists killed 24 soldiers"),
            [24]
        );
        assert_eq!(deaths("the raid killed 20 gendarmes"), [20]);
        assert_eq!(deaths("killing between 40 and 85 troops at the camp"), [40]);
        assert_eq!(
            deaths("the shelling led to the deaths of at least 13 herders"),
            [13]
        );
        assert_eq!(
            deaths("an ambush that claimed the lives of no fewer than 32 travellers"),
            [32]
        );
        assert_eq!(
            deaths("deplores that 132 civilians were slain near Bankass"),
            [132]
        );
        assert_eq!(
            deaths("which caused 13 fatalities, while 24 civilians were abducted"),
            [13]
        );
        assert_eq!(deaths("the death toll rose to 31"), [31]);
        assert_eq!(deaths("leaving 7 dead"), [7]);
        assert_eq!(
            deaths("a minister said the number of dead had reached 27"),
            [27]
        );
        assert_eq!(deaths("by nightfall the deaths had topped 40"), [40]);
        assert_eq!(
            deaths("the government raised on Friday to 80 the number of people killed"),
            [80]
        );
    }

    #[test]
    fn passive_forms() {
        assert_eq!(
            deaths("no fewer than 132 civilians died across several raids"),
            [132]
        );
        assert_eq!(
            deaths("More than seventy Burkinabe troops were killed"),
            [70]
        );
        assert_eq!(deaths("Fourteen students were killed immediately"), [14]);
        assert_eq!(deaths("12 people died in the fire"), [12]);
        assert_eq!(deaths("two soldiers lost their lives"), [2]);
        assert_eq!(deaths("dozens of jihadists were killed"), [12]);
        assert_eq!(deaths("five villagers were reportedly killed"), [5]);
    }

    #[test]
    fn sums_of_parts() {
        assert_eq!(
            deaths("Gunmen killed a prison guard and a gendarme on Monday evening"),
            [2]
        );
        assert_eq!(deaths("killing one gendarme and prison guard"), [2]);
        assert_eq!(deaths("killing a soldier and two civilians"), [3]);
        assert_eq!(
            deaths("killed three soldiers, two gendarmes and a policeman"),
            [6]
        );
        assert_eq!(deaths("killing one soldier and wounding two"), [1]);
        assert_eq!(
            deaths("killing a nurse and two patients and abducting a midwife"),
            [3]
        );
        assert_eq!(
            deaths("a driver and four escorting volunteers were killed"),
            [5]
        );
        // two-word roles count once each
        assert_eq!(
            deaths("The gunmen killed a police officer and a soldier"),
            [2]
        );
        assert_eq!(
            deaths("killing two police officers and a customs officer"),
            [3]
        );
        assert_eq!(
            deaths("On Monday a soldier was killed"),
            deaths("On Monday a police officer was killed")
        );
    }

    #[test]
    fn rising_tolls_and_shared_verbs() {
        assert_eq!(
            deaths("The death toll from Saturday's attack on the village has risen to 45"),
            [45]
        );
        assert_eq!(deaths("the toll stands at 12"), [12]);
        assert_eq!(
            deaths("Two soldiers and a civilian were killed when their vehicle struck a mine"),
            [3]
        );
        assert_eq!(deaths("20 gendarmes and 15 volunteers were killed"), [35]);
        assert_eq!(
            deaths("35 civilians, most of them women, were killed"),
            [35]
        );
        assert_eq!(
            deaths("at least 69 people including a local mayor were killed"),
            [69]
        );
        assert_eq!(
            deaths("The army said it had killed \"dozens of terrorists\""),
            [12]
        );
    }

    #[test]
    fn evidence_starts_at_the_cue() {
        let s = "a drone struck, killing fourteen children";
        let t = tokens(s, 0, s.len());
        let x = find_tolls(&t, &vec![false; t.len()]);
        assert_eq!(
            &s[t[x[0].first].start..t[x[0].next - 1].end],
            "killing fourteen children"
        );
    }

    #[test]
    fn not_deaths() {
        assert!(deaths("the abduction of 24 civilians").is_empty());
        assert!(deaths("burning more than 350 houses and forcing 2,000 people to flee").is_empty());
        assert!(deaths("five inmates escape").is_empty());
        assert!(deaths("five detainees fled during the confusion").is_empty());
        assert!(deaths("They arrested 25 individuals").is_empty());
        assert!(deaths("among them seven children aged 3 to 15").is_empty());
        assert!(deaths("Total Views : 37").is_empty());
        assert!(deaths("the 2,000 displaced people").is_empty());
        assert!(deaths("a force of 5,000 troops was deployed").is_empty());
        assert!(deaths("the attack took place 30 km from Mopti").is_empty());
    }

    #[test]
    fn bodies_found() {
        assert_eq!(
            deaths(
                "Troops detained 25 men, among them four boys, whose bodies were found days later"
            ),
            [25]
        );
        assert_eq!(deaths("the bodies of 9 herders were found"), [9]);
    }

    #[test]
    fn subsets() {
        assert_eq!(
            deaths("killed at least seven people, including two boys"),
            [7]
        );
        assert_eq!(
            deaths("killing 13 civilians, among them four children"),
            [13]
        );
        let t = tolls("including three children killed");
        assert!(t.iter().all(|x| x.4));
        let t = tolls("Fourteen students were killed, nine of whom were from one family");
        assert!(t.iter().any(|x| x.1 == 14 && !x.4));
        assert!(!t
            .iter()
            .any(|x| x.1 == 9 && !x.4 && x.0 == TollKind::Deaths));
    }

    #[test]
    fn injured_apart() {
        let t = tolls("the blast left 13 dead while injuring over a dozen bystanders");
        assert_eq!(t[0].0, TollKind::Deaths);
        assert_eq!(t[0].1, 13);
        assert_eq!(t[1].0, TollKind::Injured);
        assert_eq!((t[1].1, t[1].2), (12, None));
        let t = tolls("Nine injured pupils were driven to a clinic in town");
        assert_eq!(t[0].0, TollKind::Injured);
        let t = tolls("20 people were wounded");
        assert_eq!(t[0].0, TollKind::Injured);
    }

    #[test]
    fn groups() {
        let t = tolls("24 soldiers were killed");
        assert_eq!(t[0].3, Group::Security);
        let t = tolls("the army said it neutralised 30 terrorists");
        assert_eq!(t[0].3, Group::Militants);
        assert_eq!(t[0].0, TollKind::Deaths);
        let t = tolls("killing five more");
        assert!(t.is_empty() || t[0].1 == 5);
    }

    #[test]
    fn more_is_flagged() {
        let s = "and five more died as a funeral took place";
        let x = tokens(s, 0, s.len());
        let t = find_tolls(&x, &vec![false; x.len()]);
        assert_eq!(t.len(), 1);
        assert!(t[0].more);
    }

    #[test]
    fn aggregates() {
        let agg = |s: &str| is_aggregate(&tokens(s, 0, s.len()));
        // a total over the article's own events
        assert!(agg("the two raids left 57 people dead in total"));
        assert!(agg("taken together, these attacks killed 90 villagers"));
        assert!(!agg(
            "six people in all were killed when gunmen stormed the church"
        ));
        assert!(agg(
            "the UN counts 580 civilian deaths in Central Mali so far this year"
        ));
        assert!(agg("more than 2,000 people have died since 2015"));
        assert!(agg(
            "over 600 civilians were killed in the region over the previous twelve months"
        ));
        assert!(agg(
            "the group had killed more than 2,000 people in the country by mid-2021"
        ));
        assert!(agg("some 900 deaths by the end of 2020, the report says"));
        assert!(!agg("Twelve villagers were killed by gunmen on Sunday"));
        assert!(agg("the deaths of 45 people in separate raids on hamlets"));
        assert!(agg("killed in the past 12 months"));
        assert!(agg("so far, 300 died"));
        assert!(!agg("gunmen killed 12 villagers on Monday"));
        assert!(!agg(
            "In March this year, gunmen killed 20 people in the village"
        ));
        assert!(!agg("In total, 30 people died in the raid"));
        assert!(agg("2,000 people were killed in the first half of 2023"));
        assert!(!agg("the first raid since the siege of the town in 2020"));
        // a comparison with a period is not a total over it
        assert!(!agg(
            "53 dead, one of the heaviest tolls since January, the army said"
        ));
        assert!(!agg("it was the deadliest attack on the army since 2019"));
        // a period that starts with an institution or a war
        assert!(agg(
            "some 70 blue helmets have been killed since the UN mission arrived in 2013"
        ));
        assert!(agg("the conflict has cost 4,000 lives since the war began"));
        // the article's own events summed without 'in total'
        assert!(agg(
            "these two raids alone account for more than 90 dead villagers"
        ));
        assert!(!agg("the raid alone killed 31 herders near the well"));
        assert!(agg(
            "a violent week, with at least 43 people killed in the incidents below"
        ));
    }
}
