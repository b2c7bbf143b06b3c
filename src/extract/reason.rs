//! Toll reasoning per incident: every figure an article gives for one
//! event, and the codebook's precedence over them (CODEBOOK §3).
//!
//! The extractor collects [`Candidate`]s from every mention of an incident
//! (lead, infobox, body, a later revision), each a whole figure for the
//! victims or for the attackers, with how the text presents it
//! ([`Stance`]). [`decide`] then sets `low / best / high`:
//!
//! * `low` = the smallest figure reported, `high` = the largest (open when
//!   the largest is open-ended);
//! * `best` = the last figure the text presents as a revision or
//!   confirmation ("later rose to 60", "revised to 35"), otherwise the
//!   figure the article states as its own finding, otherwise the lowest of
//!   the figures not presented as early reports;
//! * attackers' deaths count only when the text numbers them; their own
//!   figure is chosen the same way and added to each bound.

use super::text::Token;
use super::words::WordList;
use std::fmt::Write as _;

/// How the text presents a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    /// A first or provisional figure ("initially 95", "a first toll").
    Early,
    /// A figure with no word on its standing.
    Plain,
    /// The author's own finding ("we documented 19 deaths").
    Own,
    /// A later figure ("rose to 60", "later reported 47").
    Revised,
    /// A figure the text says replaces the others ("revised down to 26",
    /// "the final toll", "corrected to 22").
    Final,
}

impl Stance {
    fn label(self) -> &'static str {
        match self {
            Stance::Early => "first",
            Stance::Plain => "reported",
            Stance::Own => "own finding",
            Stance::Revised => "revised",
            Stance::Final => "final",
        }
    }
}

/// One figure for an incident's dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Low estimate.
    pub low: u32,
    /// Best estimate.
    pub best: u32,
    /// High estimate (`None`: open-ended, "at least").
    pub high: Option<u32>,
    /// How the text presents it.
    pub stance: Stance,
    /// A vague word ("dozens", "several") rather than a count.
    pub vague: bool,
    /// Byte span of the statement in the article.
    pub span: (usize, usize),
    /// The parts a list figure adds up ("17 soldiers and 4 civilians":
    /// 17, 4), zeros when it is a single count.
    pub parts: [u32; 4],
}

impl Candidate {
    /// One figure with nothing said of its standing (a further event's own
    /// count, an infobox row).
    pub fn plain(q: &super::numbers::Quantity, span: (usize, usize)) -> Self {
        Candidate {
            low: q.low,
            best: q.best,
            high: q.high,
            stance: Stance::Plain,
            vague: q.vague,
            span,
            parts: [0; 4],
        }
    }
    /// The figure as the codebook writes it: `32`, `32+`, `40-85`.
    pub fn label(&self) -> String {
        match self.high {
            None => format!("{}+", self.best),
            Some(h) if h != self.best => format!("{}-{}", self.best, h),
            Some(_) => self.best.to_string(),
        }
    }
}

/// The toll set from an incident's candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Low estimate.
    pub low: u32,
    /// Best estimate.
    pub best: u32,
    /// High estimate (`None`: open-ended).
    pub high: Option<u32>,
    /// The rule that chose `best` for the victims.
    pub rule: &'static str,
    /// Figures that disagreed (the analyst should look).
    pub competing: bool,
    /// A vague word set the figure.
    pub vague: bool,
}

/// One side's figure (victims or attackers) from its candidates.
fn side(all: &[Candidate]) -> Option<Decision> {
    // a vague word ("several bodies") does not compete with counts; a
    // vague first report ("dozens dead", then 70) still sets the low
    // ("no one was killed" only stands when no figure of dead is told)
    let counted: Vec<Candidate> = all
        .iter()
        .filter(|x| !x.vague && (x.best > 0 || all.iter().all(|y| y.best == 0)))
        .copied()
        .collect();
    let c: &[Candidate] = if counted.is_empty() { all } else { &counted };
    let first = c.first()?;
    // (not a vague word in the author's own account: "our count is lower
    // because several bodies could not be identified")
    // (told before the first count: "as several bodies were buried before
    // any count was made", after the counts, is no report of the toll)
    let first_count = counted.iter().map(|x| x.span.0).min().unwrap_or(usize::MAX);
    let early_vague = all
        .iter()
        .filter(|x| {
            x.vague
                && x.stance != Stance::Own
                && (x.span.0 < first_count || x.stance == Stance::Early)
        })
        .map(|x| x.low);
    // a figure that is one part of another's list ("eleven soldiers"
    // beside "11 soldiers and a French pilot") does not compete: not for
    // the low either
    let part_of_other = |x: &Candidate| {
        c.iter()
            .any(|o| !std::ptr::eq(o, x) && o.best > x.best && o.parts.contains(&x.best))
    };
    let low = c
        .iter()
        .filter(|x| !part_of_other(x))
        .map(|x| x.low)
        .chain(early_vague)
        .min()
        .unwrap_or(first.low);
    // the largest figure; open when the largest is open
    let max_closed = c.iter().filter_map(|x| x.high).max();
    let max_open = c.iter().filter(|x| x.high.is_none()).map(|x| x.best).max();
    let high = match (max_closed, max_open) {
        (Some(h), Some(o)) if h > o => Some(h),
        (Some(h), None) => Some(h),
        _ => None,
    };
    let distinct = c
        .iter()
        .any(|x| (x.low, x.best, x.high) != (first.low, first.best, first.high));
    // the review queue still hears of a vague figure that disagrees
    let competing = distinct || all.iter().any(|x| x.vague && x.best != first.best);
    let (chosen, rule) = if let Some(r) = c.iter().rev().find(|x| x.stance == Stance::Final) {
        (r, if distinct { "revised" } else { "single" })
    } else if let Some(r) = c.iter().rev().find(|x| x.stance == Stance::Revised) {
        (r, if distinct { "revised" } else { "single" })
    } else if let Some(o) = c.iter().find(|x| x.stance == Stance::Own) {
        (o, if distinct { "own-finding" } else { "single" })
    } else {
        let later: Vec<&Candidate> = c
            .iter()
            .filter(|x| x.stance != Stance::Early && !part_of_other(x))
            .collect();
        let pool: Vec<&Candidate> = if later.is_empty() {
            c.iter().collect()
        } else {
            later
        };
        let lowest = pool
            .iter()
            .min_by_key(|x| (x.best, x.high.is_none()))
            .copied()
            .unwrap_or(first);
        let rule = if !distinct {
            "single"
        } else if pool.len() < c.len() {
            "later"
        } else {
            "lowest"
        };
        (lowest, rule)
    };
    Some(Decision {
        low: low.min(chosen.best),
        best: chosen.best,
        high: high.map(|h| h.max(chosen.best)),
        rule,
        competing,
        vague: chosen.vague,
    })
}

/// Sets an incident's toll from its victims' and attackers' candidates
/// (CODEBOOK §3); `None` when the text gives no figure.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::reason::{decide, Candidate, Stance};
/// let c = |best, stance| Candidate { low: best, best, high: Some(best), stance, vague: false, span: (0, 0), parts: [0; 4] };
/// // a first toll of 95, later revised to 35
/// let d = decide(&[c(95, Stance::Early), c(35, Stance::Revised)], &[]).unwrap();
/// assert_eq!((d.low, d.best, d.high, d.rule), (35, 35, Some(95), "revised"));
/// // officials 200, residents up to 600: the lowest, the high kept
/// let d = decide(&[c(200, Stance::Plain), c(600, Stance::Plain)], &[]).unwrap();
/// assert_eq!((d.low, d.best, d.high), (200, 200, Some(600)));
/// // 35 civilians, and 80 assailants said killed: added
/// let d = decide(&[c(35, Stance::Plain)], &[c(80, Stance::Plain)]).unwrap();
/// assert_eq!(d.best, 115);
/// ```
pub fn decide(victims: &[Candidate], attackers: &[Candidate]) -> Option<Decision> {
    let v = side(victims);
    let a = side(attackers);
    match (v, a) {
        (None, None) => None,
        (Some(v), None) => Some(v),
        // "several assailants were killed": a vague word is no number of
        // attackers to add (CODEBOOK §3 adds only numbered attackers)
        (Some(v), Some(a)) if a.vague => Some(Decision {
            competing: v.competing || a.competing,
            ..v
        }),
        (None, Some(a)) => Some(Decision {
            rule: if a.rule == "single" {
                "attackers-only"
            } else {
                a.rule
            },
            ..a
        }),
        (Some(v), Some(a)) => Some(Decision {
            low: v.low.saturating_add(a.low),
            best: v.best.saturating_add(a.best),
            high: v.high.zip(a.high).map(|(x, y)| x.saturating_add(y)),
            rule: if v.rule == "single" && a.rule == "single" {
                "sum-with-attackers"
            } else {
                v.rule
            },
            competing: v.competing || a.competing,
            vague: v.vague || a.vague,
        }),
    }
}

/// The candidates as the record shows them: `35 (first) @120-140`,
/// attackers marked `attackers`.
pub fn describe(victims: &[Candidate], attackers: &[Candidate]) -> Vec<String> {
    let mut out = Vec::new();
    for (c, who) in victims
        .iter()
        .map(|c| (c, ""))
        .chain(attackers.iter().map(|c| (c, "attackers ")))
    {
        let mut s = String::new();
        let _ = write!(
            s,
            "{}{} ({}) @{}-{}",
            who,
            c.label(),
            c.stance.label(),
            c.span.0,
            c.span.1
        );
        out.push(s);
    }
    out
}

/// Words that present a figure as replacing all others.
static FINAL: WordList = WordList::new(&[
    "revised",
    "revises",
    "revise",
    "final",
    "definitive",
    "corrected",
    "correction",
    "replaces",
    "replaced",
    "amended",
    "updated",
]);

/// Words that present a figure as later than others.
static REVISED: WordList = WordList::new(&[
    "rose",
    "risen",
    "rises",
    "rising",
    "raised",
    "raising",
    "revised",
    "revises",
    "revise",
    "later",
    "latest",
    "updated",
    "update",
    "final",
    "definitive",
    "confirmed",
    "confirms",
    "subsequently",
    "corrected",
    "correction",
    "climbed",
    "increased",
    "eventually",
    "bringing",
    "new",
    "now",
    "then",
    "replaces",
    "replaced",
    "amended",
    "upward",
    "upwards",
    "downward",
    "downwards",
]);

/// Words that present a figure as a first report.
static EARLY: WordList = WordList::new(&[
    "first",
    "initially",
    "initial",
    "provisional",
    "preliminary",
    "early",
    "earlier",
    "originally",
    "previous",
    "previously",
]);

/// Words that present a figure as the author's own finding.
static OWN: WordList = WordList::new(&[
    "we",
    "our",
    "established",
    "documented",
    "verified",
    "inquiry",
    "investigation",
    "investigators",
]);

/// Words between two figures of one sentence that make them competing
/// accounts rather than parts of one list.
const APART: &[&str] = &[
    "according",
    "reported",
    "reports",
    "said",
    "says",
    "say",
    "speak",
    "speaks",
    "spoke",
    "claim",
    "claims",
    "claimed",
    "estimate",
    "estimates",
    "estimated",
    "put",
    "puts",
    "while",
    "whereas",
    "but",
    "however",
    "others",
    "sources",
    "residents",
    "officials",
    "toll",
    "later",
    "initially",
    "first",
    "revised",
    "raising",
    "raised",
    "rose",
    "than",
    "against",
    "versus",
    "or",
];

/// "a security source had reported twenty", "avait fait état d'une
/// vingtaine": a report told as earlier than the narrative (`w`, `next`).
fn told_earlier(w: &str, next: &str) -> bool {
    w == "had"
        && matches!(
            next,
            "reported"
                | "spoken"
                | "given"
                | "put"
                | "mentioned"
                | "announced"
                | "fait"
                | "made"
                | "counted"
                | "cited"
                | "said"
        )
}

fn cue(t: &[Token], from: usize, to: usize) -> Option<Stance> {
    // a revision word wins over a first-report word in the same stretch
    // ("the first toll was later revised to 35"), which wins over a
    // finding ("an inquiry whose count replaced the first estimates")
    let mut found: Option<Stance> = None;
    // a later moment of the same day ("in the evening", "by nightfall",
    // "the next day") makes a figure later only when no word calls it a
    // first one ("a first statement that evening gave 47")
    let mut later_moment = false;
    // a cue speaks of its own clause: "That number came from an early
    // account; officials put the toll at about forty" (start after ';')
    let from = (from..to.min(t.len()))
        .rev()
        .find(|&k| t[k].is_punct(';'))
        .map_or(from, |k| k + 1);
    // "a hospital source in Mopti, where the wounded were taken in the
    // afternoon, spoke of eleven": the where-clause's moment is not the
    // figure's
    let mut in_where = false;
    for k in from..to.min(t.len()) {
        let w = t[k].lw();
        let next = t.get(k + 1).map(|x| x.lw()).unwrap_or("");
        if w == "where" {
            in_where = true;
        } else if t[k].is_punct(',') {
            in_where = false;
        }
        if in_where {
            continue;
        }
        if (matches!(w, "the" | "that" | "by" | "in" | "this")
            && matches!(next, "evening" | "nightfall" | "afternoon"))
            || (matches!(w, "next" | "following") && matches!(next, "day" | "morning"))
        {
            later_moment = true;
            continue;
        }
        // ("CORRECTION: An article published on Monday stated that 14
        // ...": the notice's heading, not a corrected figure)
        if narrative_step(t, k) || (matches!(w, "correction" | "update" | "updated") && next == ":")
        {
            continue;
        }
        // ("An article published on Monday stated that 14 soldiers had
        // been killed": what an earlier story said)
        let earlier_report = told_earlier(w, next)
            || (matches!(w, "stated" | "said" | "reported" | "wrote")
                && (from..k).any(|j| super::words::publication_word(t[j].lw())));
        // "in early April", "in the early hours": a moment, not a first
        // account
        if w == "early"
            && (super::dates::month(next).is_some()
                || matches!(next, "morning" | "hours" | "afternoon" | "evening" | "dawn"))
        {
            continue;
        }
        let Some(s) = word_stance(w, next, earlier_report) else {
            continue;
        };
        // "residents whom we reached by telephone speak of ten": the
        // outlet reached its sources, the figure is theirs
        // ("a councillor told our team that the toll exceeds twenty": the
        // figure is the councillor's)
        if s == Stance::Own
            && (matches!(
                t.get(k.wrapping_sub(1)).map(|x| x.lw()),
                Some("whom" | "who" | "that" | "told" | "informed" | "to")
            ) || matches!(
                next,
                "reached" | "contacted" | "spoke" | "interviewed" | "met" | "called"
            ))
        {
            continue;
        }
        // "though that could not be independently confirmed": a denied
        // confirmation confirms nothing
        if matches!(s, Stance::Final | Stance::Revised) && negated(t, k) {
            continue;
        }
        // "raising a first police toll of ten", "revising the earlier
        // figure of 12": the verb's object is the figure it replaced
        if matches!(s, Stance::Final | Stance::Revised)
            && matches!(
                w,
                "raising" | "raised" | "revising" | "revised" | "correcting" | "corrected" | "updating" | "updated"
            )
            && (k + 1..(k + 4).min(t.len())).any(|j| EARLY.has(t[j].lw()))
            // (not "raised the provisional toll to 25": the new figure)
            && !(k + 1..to.min(t.len())).any(|j| matches!(t[j].lw(), "to" | "at"))
        {
            continue;
        }
        let rank = |x: Stance| match x {
            Stance::Final => 4,
            Stance::Revised => 3,
            Stance::Early => 2,
            Stance::Own => 1,
            Stance::Plain => 0,
        };
        if found.is_none_or(|f| rank(s) > rank(f)) {
            found = Some(s);
        }
    }
    match found {
        None | Some(Stance::Own) if later_moment => Some(Stance::Revised),
        f => f,
    }
}

/// The stance a cue word `w` (followed by `next`) gives a figure, if any:
/// "final", "revised", "12 in all", "initially", an earlier report ("had
/// reported"), "we documented" (not "our forces", an army of its own men;
/// "our report of 8 January" is an earlier one).
fn word_stance(w: &str, next: &str, earlier_report: bool) -> Option<Stance> {
    if FINAL.has(w) {
        Some(Stance::Final)
    } else if (w == "in" && next == "all") || REVISED.has(w) {
        Some(Stance::Revised)
    } else if EARLY.has(w) || earlier_report {
        Some(Stance::Early)
    } else if OWN.has(w) {
        if matches!(
            next,
            "side" | "forces" | "troops" | "men" | "soldiers" | "ranks" | "units" | "positions"
        ) {
            None
        } else if matches!(next, "report" | "article" | "story" | "earlier") {
            Some(Stance::Early)
        } else {
            Some(Stance::Own)
        }
    } else {
        None
    }
}

/// "were then hit by a second strike, which killed nine", "Five days
/// later, men torched the village": the story's next step or day, not a
/// later account ("the army then put the toll at 35" is one).
fn narrative_step(t: &[Token], k: usize) -> bool {
    let w = t[k].lw();
    let later_day = w == "later"
        && k > 0
        && matches!(
            t[k - 1].lw(),
            "days" | "day" | "weeks" | "week" | "months" | "month" | "hours" | "years" | "year"
        );
    (w == "then" || later_day) && !account_follows(t, k + 1)
}

/// A word of an account or a toll within three words from `k`.
fn account_follows(t: &[Token], k: usize) -> bool {
    (k..(k + 3).min(t.len())).any(|j| {
        matches!(
            t[j].lw(),
            "said"
                | "says"
                | "put"
                | "puts"
                | "gave"
                | "reported"
                | "announced"
                | "spoke"
                | "counted"
                | "toll"
                | "rose"
                | "raised"
                | "revised"
                | "stood"
                | "reached"
                | "climbed"
                | "increased"
                | "updated"
                | "confirmed"
                | "told"
                | "stated"
                | "claimed"
                | "estimated"
                | "figure"
        )
    })
}

/// A negation just before the word at `k` ("could not be confirmed").
fn negated(t: &[Token], k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|j| matches!(t[j].lw(), "not" | "cannot" | "never" | "n't"))
}

/// Is the figure starting at token `first` one the text says nothing
/// supports ("no source at all for a toll above 100", "no evidence of 300
/// dead")? Looks back to the previous figure (`from`), at most 12 words.
pub fn denied(t: &[Token], from: usize, first: usize) -> bool {
    let lo = from.max(first.saturating_sub(12));
    (lo..first.min(t.len())).any(|k| {
        matches!(t[k].lw(), "no" | "nothing" | "aucune" | "aucun")
            && (k + 1..(k + 5).min(first)).any(|j| {
                matches!(
                    t[j].lw(),
                    "source"
                        | "sources"
                        | "evidence"
                        | "confirmation"
                        | "proof"
                        | "basis"
                        | "trace"
                )
            })
    })
}

/// How the text presents the figure spanning tokens `first..next`: cue
/// words since the previous figure (`prev_end`), else up to eight words
/// after it (before the next figure at `next_start`).
pub fn stance_at(
    t: &[Token],
    prev_end: usize,
    first: usize,
    next: usize,
    next_start: usize,
) -> Stance {
    if let Some(s) = cue(t, prev_end, first) {
        return s;
    }
    let stop = next_start.min(next + 8).min(t.len());
    // after the figure, only "according to a first toll", "a provisional toll"
    let mut k = next;
    while k < stop {
        let w = t[k].lw();
        if t[k].is_punct(';') || t[k].is_punct('.') {
            break;
        }
        if EARLY.has(w) {
            return Stance::Early;
        }
        if matches!(w, "revised" | "final" | "definitive") {
            return Stance::Final;
        }
        if w == "confirmed" && !negated(t, k) {
            return Stance::Revised;
        }
        // "four of them died on the spot", "tués sur le coup": the dead of
        // the first moment, whom later deaths may add to
        if matches!(w, "instantly" | "outright")
            || (w == "on"
                && t.get(k + 1).is_some_and(|x| x.is("the"))
                && t.get(k + 2).is_some_and(|x| x.is("spot")))
        {
            return Stance::Early;
        }
        k += 1;
    }
    // "... killed at least 13 civilians in Amasrakad, our researchers have
    // found": the author's finding told at the sentence's end
    if finding_told_after(t, next) {
        return Stance::Own;
    }
    Stance::Plain
}

/// "we found", "our researchers have found", "our team documented": the
/// author's finding, told after `from` in the same clause.
fn finding_told_after(t: &[Token], from: usize) -> bool {
    let end = (from..t.len())
        .find(|&k| t[k].is_punct(';') || t[k].is_punct('.'))
        .unwrap_or(t.len());
    (from..end).any(|k| {
        matches!(t[k].lw(), "we" | "our")
            && (k + 1..(k + 4).min(end)).any(|j| {
                matches!(
                    t[j].lw(),
                    "found" | "documented" | "established" | "verified" | "counted" | "recorded"
                )
            })
    })
}

/// Do two figures of one sentence, the first ending at token `a_end` and
/// the second starting at `b_first`, add up as parts of one list ("17
/// soldiers and four civilians")? Not when a semicolon or a word of
/// another account stands between them ("39 killed; locals said 50").
pub fn joins(t: &[Token], a_end: usize, b_first: usize) -> bool {
    if breakdown(t, a_end, b_first) {
        return false;
    }
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ("four villagers were killed with blades; six passers-by were shot":
    // parts told clause by clause, each opening on its figure; not "the
    // ministry reports eleven dead; a resident counts thirteen bodies")
    let last_semicolon = (a_end..b_first.min(t.len()))
        .rev()
        .find(|&k| t[k].is_punct(';'));
    if last_semicolon.is_some_and(|p| b_first > p + 2) {
        return false;
    }
    (a_end..b_first.min(t.len())).all(|k| {
        let x = &t[k];
        // ("between 20 and 25 dead, as several bodies were buried": a
        // reason's figure, not a part; "as well as" still lists)
        let reason = (x.lw() == "as" && w(k + 1) != "well" && w(k.wrapping_sub(1)) != "well")
            || x.lw() == "because";
        // ("four villagers were killed with blades; six passers-by were
        // shot": parts told clause by clause; a semicolon before an
        // account word still parts competing figures)
        !(x.is_punct('.') || APART.contains(&x.lw()) || reason)
    })
}

/// Is the figure starting at `b_first` a breakdown of the one ending at
/// `a_end` ("34 dead - ten by bullets, four by drowning", "26 dead: 24
/// soldiers and two civilians")? A dash, colon or bracket right after the
/// first figure, or "namely"/"of whom".
pub fn breakdown(t: &[Token], a_end: usize, b_first: usize) -> bool {
    let b = b_first.min(t.len());
    (a_end..b).any(|k| {
        let x = &t[k];
        (k <= a_end + 2 && (x.is_punct('-') || x.is_punct(':') || x.is_punct('(')))
            || matches!(x.lw(), "namely" | "comprising" | "including")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denied_figures() {
        use super::super::text::tokens;
        let s = "we found no source at all for a toll above 100";
        let x = tokens(s, 0, s.len());
        let at = x.iter().position(|y| y.lw() == "above").unwrap();
        assert!(denied(&x, 0, at));
        let s = "officials gave no details but said 100 people died";
        let x = tokens(s, 0, s.len());
        let at = x.iter().position(|y| y.lw() == "100").unwrap();
        assert!(!denied(&x, 0, at));
    }

    fn c(low: u32, best: u32, high: Option<u32>, stance: Stance) -> Candidate {
        Candidate {
            low,
            best,
            high,
            stance,
            vague: false,
            span: (0, 0),
            parts: [0; 4],
        }
    }

    #[test]
    fn a_rising_toll_takes_the_last_revision() {
        // first 35, later 47, then 60 by evening
        let v = [
            c(35, 35, Some(35), Stance::Early),
            c(47, 47, Some(47), Stance::Revised),
            c(60, 60, Some(60), Stance::Revised),
        ];
        let d = decide(&v, &[]).unwrap();
        assert_eq!((d.low, d.best, d.high), (35, 60, Some(60)));
        assert_eq!(d.rule, "revised");
    }

    #[test]
    fn a_downward_revision_wins_over_the_first_count() {
        let v = [
            c(26, 26, Some(26), Stance::Revised),
            c(32, 32, Some(32), Stance::Early),
        ];
        let d = decide(&v, &[]).unwrap();
        assert_eq!((d.low, d.best, d.high), (26, 26, Some(32)));
    }

    #[test]
    fn own_finding_beats_residents_open_figure() {
        let v = [
            c(19, 19, Some(19), Stance::Own),
            c(20, 20, None, Stance::Plain),
        ];
        let d = decide(&v, &[]).unwrap();
        assert_eq!((d.low, d.best, d.high), (19, 19, None));
        assert_eq!(d.rule, "own-finding");
    }

    #[test]
    fn early_reports_give_way_to_the_official_count_then_lowest() {
        // "dozens" in first reports, the government 39, locals about 50
        let v = [
            c(12, 12, None, Stance::Early),
            c(39, 39, Some(39), Stance::Plain),
            c(50, 50, Some(50), Stance::Plain),
        ];
        let d = decide(&v, &[]).unwrap();
        assert_eq!((d.low, d.best, d.high), (12, 39, Some(50)));
    }

    #[test]
    fn attackers_are_added_to_each_bound() {
        let v = [
            c(23, 23, None, Stance::Plain),
            c(27, 27, Some(27), Stance::Plain),
        ];
        let a = [c(3, 3, Some(3), Stance::Plain)];
        let d = decide(&v, &a).unwrap();
        assert_eq!((d.low, d.best, d.high), (26, 26, Some(30)));
    }

    #[test]
    fn a_larger_closed_figure_closes_the_high() {
        // about 20, at least 22 (revised), about thirty
        let v = [
            c(20, 20, Some(20), Stance::Early),
            c(22, 22, None, Stance::Revised),
            c(30, 30, Some(30), Stance::Plain),
        ];
        let d = decide(&v, &[]).unwrap();
        assert_eq!((d.low, d.best, d.high), (20, 22, Some(30)));
        // an open figure as large as the largest closed one leaves it open
        let v = [
            c(132, 132, Some(132), Stance::Plain),
            c(132, 132, None, Stance::Plain),
        ];
        assert_eq!(decide(&v, &[]).unwrap().high, None);
    }

    #[test]
    fn a_part_of_a_list_does_not_compete_with_the_list() {
        // "11 soldiers and a French pilot" (12), later "eleven soldiers"
        let mut list = c(12, 12, Some(12), Stance::Plain);
        list.parts = [11, 1, 0, 0];
        let v = [list, c(11, 11, Some(11), Stance::Plain)];
        let d = decide(&v, &[]).unwrap();
        // (the soldiers' figure is no figure of the whole toll: not its low)
        assert_eq!((d.low, d.best, d.high), (12, 12, Some(12)));
    }

    #[test]
    fn no_figure_no_toll() {
        assert_eq!(decide(&[], &[]), None);
    }

    #[test]
    fn candidates_are_described_in_text_order() {
        let v = [c(95, 95, Some(95), Stance::Early)];
        let a = [c(21, 21, None, Stance::Plain)];
        assert_eq!(
            describe(&v, &a),
            ["95 (first) @0-0", "attackers 21+ (reported) @0-0"]
        );
    }
}
