//! Reading one sentence: whether it is worth reading, which date is the
//! event's, how many days it is from the last event.

use super::*;

/// Could this sentence report a casualty or an event at all?
pub(super) fn worth_reading(toks: &[Token]) -> bool {
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

/// The clock time a sentence gives: "12:00", "16h30", "at 4 pm", "vers 15
/// heures" (normalised "hours"), in minutes after midnight.
pub(super) fn clock_of(t: &[Token]) -> Option<u32> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let num = |k: usize| {
        t.get(k)
            .filter(|x| x.kind == Kind::Num)
            .and_then(|x| x.value)
            .and_then(|v| u32::try_from(v).ok())
    };
    (0..t.len()).find_map(|k| {
        let h = num(k).filter(|h| *h <= 23)?;
        let glued = |j: usize| t.get(j).is_some_and(|x| !x.space_before);
        match w(k + 1) {
            ":" | "h" if glued(k + 1) && glued(k + 2) => {
                let m = num(k + 2).filter(|m| *m <= 59)?;
                Some(h * 60 + m)
            }
            "pm" | "p.m." if h < 12 => Some((h + 12) * 60),
            "am" | "a.m." | "hours" | "heures" | "h" => Some(h * 60),
            _ => None,
        }
    })
}

/// "Over the next two days", "in the following three days", "au cours des
/// deux jours suivants": the number of days a span runs after the day
/// told before.
pub(super) fn following_days(t: &[Token]) -> Option<i64> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (0..t.len().saturating_sub(3)).find_map(|k| {
        if !matches!(w(k), "next" | "following") {
            return None;
        }
        let n = numbers::word_value(w(k + 1))
            .or_else(|| t[k + 1].value.filter(|_| t[k + 1].kind == Kind::Num))?;
        (matches!(w(k + 2), "days") && (1..=14).contains(&n)).then(|| i64::try_from(n).ok())?
    })
}

/// "Five days later" (+5), "two weeks before" at the start (−14), "came
/// five days after an attack near X" (the attack told after "after": −5):
/// the shift of the sentence's event from the one told before it.
pub(super) fn relative_days(t: &[Token]) -> Option<i64> {
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

/// "Five months earlier" (−5), "two months later" (+2): the shift in months
/// of the sentence's event from the one told before it.
pub(super) fn relative_months(t: &[Token]) -> Option<i32> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (0..t.len()).find_map(|k| {
        let n = match t[k].value {
            Some(v) if t[k].kind == Kind::Num => v,
            _ => match w(k) {
                "a" | "one" => 1,
                x => numbers::word_value(x)?,
            },
        };
        if !matches!(w(k + 1), "month" | "months") || !(1..=24).contains(&n) {
            return None;
        }
        let n = i32::try_from(n).ok()?;
        match w(k + 2) {
            "later" => Some(n),
            "earlier" => Some(-n),
            _ => None,
        }
    })
}

/// Is token `k` inside an "according to ..." ("selon ...") clause, with no
/// comma between: "..., according to people who attended the burials the
/// following day" (the day is the source's).
pub(super) fn in_attribution(t: &[Token], k: usize) -> bool {
    let w = |j: usize| t.get(j).map(|x| x.lw()).unwrap_or("");
    // (a month with its year is the event's: "où entre 132 et 160
    // personnes avaient été tuées selon les sources en juin 2021")
    let with_year = (k..(k + 4).min(t.len()))
        .any(|j| t[j].kind == Kind::Num && t[j].value.is_some_and(|v| (1900..2100).contains(&v)));
    !with_year
        && (0..k).any(|j| {
            // (past a relative clause on the source: "according to the
            // governor, who spoke on Tuesday")
            // (French "selon" arrives as "according")
            matches!(w(j), "according" | "selon")
                && (j..k).all(|m| {
                    !matches!(w(m), "," | ";" | ".")
                        || (w(m) == "," && matches!(w(m + 1), "who" | "qui"))
                })
        })
}

/// A date said of a statement, not of the event: "On Monday, the government
/// said that ...", "in a statement issued on May 2", "Earlier this week, Amnesty reported".
pub(super) fn speech_date(t: &[Token], first: usize, next: usize) -> bool {
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
    if in_statement(t, first) || of_a_report(t, first) {
        return true;
    }
    // "..., according to people who attended the burials in Boulsa the
    // following day": a day inside the attribution clause is the source's
    if in_attribution(t, first) {
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
    if said_before(t, first) {
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
        // ("40 civilians were reported killed": the passive tells the
        // event, the killing word comes next)
        if (TOLL_UPDATE_VERBS.has(x) || SPEECH_VERBS.has(x))
            && !matches!(
                w(k + 1),
                "killed" | "dead" | "slain" | "executed" | "murdered"
            )
        {
            return true;
        }
    }
    false
}

/// "In a statement read on national television on 28 January", "an
/// assessment cited by the press in October": a statement's word shortly
/// before the date, with no event word.
fn in_statement(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let lo = first.saturating_sub(8);
    (lo..first).any(|k| {
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
}

/// "our report of 8 January", "a caption on our article of 13 May".
fn of_a_report(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    first >= 2
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
}

/// A speech verb (or "made public", "issued") right before the date's
/// first word.
fn said_before(t: &[Token], first: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    (first >= 1
        && (SPEECH_VERBS.has(w(first - 1))
            || TOLL_UPDATE_VERBS.has(w(first - 1))
            || matches!(
                w(first - 1),
                "public" | "given" | "issued" | "communicated" | "appended" | "updated"
            )))
        || (first >= 2 && SPEECH_VERBS.has(w(first - 2)) && w(first - 1) == "on")
}

/// Does the sentence after byte `end` refute the one before ("That was
/// wrong.", "This figure was incorrect.")?
pub(super) fn refuted_next(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == '"');
    // every opener starts with "t", "c" or "b" (and no other letter
    // lowercases to one): most sentences stop here, with nothing built
    if !matches!(
        rest.as_bytes().first(),
        Some(b't' | b'T' | b'c' | b'C' | b'b' | b'B')
    ) {
        return false;
    }
    let head: String = rest.chars().take(48).collect::<String>().to_lowercase();
    REFUTE_OPENERS.iter().any(|o| head.starts_with(o))
        && REFUTE_VERDICTS.iter().any(|v| head.contains(v))
}

/// The day a sentence without an event names (not one said of a
/// statement); cheap when it names none.
pub(super) fn scene_day(toks: &[Token], ctx: &DateCtx) -> Option<DaySpan> {
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

/// "gunmen killed 132 villagers at Solhan in June 2021, and a year later,
/// in June 2022, 86 people died at Seytenga": a sentence joining two
/// events, each with its own date and its own death toll, is read as two
/// clauses. The cut is a ", and" / ", et" / ";" whose next few words date
/// what follows (a month, a year, "N days later"), and each side must
/// tell deaths of its own.
///
/// Also "jihadists attacked the camp at Timbuktu on Monday, a day after an
/// assault that killed at least thirty soldiers at Boulkessi": the
/// earlier event is read on its own from its event word, and the days it
/// came before the first one are returned with its start (`shifts`).
pub(super) fn split_dated_events(
    lang: lang::Lang,
    text: &str,
    sentences: Vec<(usize, usize)>,
    shifts: &mut Vec<(usize, i64)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sentences.len());
    for (s, e) in sentences {
        if let Some(cut) = dated_cut(lang, text, (s, e)) {
            out.push((s, cut.0));
            out.push((cut.1, e));
        } else if let Some((cut, from, days)) = day_after_cut(lang, text, (s, e)) {
            out.push((s, cut));
            out.push((from, e));
            shifts.push((from, -days));
        } else {
            out.push((s, e));
        }
    }
    out
}

/// ", a day after an assault that killed ...", ", au lendemain d'un assaut
/// ayant fait trente morts": the comma, the start of the earlier event's
/// noun and how many days before the sentence's event it was. The clause
/// must tell deaths, and the words before it an event of their own.
fn day_after_cut(
    lang: lang::Lang,
    text: &str,
    (s, e): (usize, usize),
) -> Option<(usize, usize, i64)> {
    let piece = text.get(s..e)?;
    if !(piece.contains(" after ") || piece.contains("lendemain")) {
        return None;
    }
    let toks = lang::normalize(lang, text, text::tokens(text, s, e));
    let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
    let n = toks.len();
    for k in 1..n.saturating_sub(4) {
        if !toks[k].is_punct(',') {
            continue;
        }
        // "a day after", "two days after", "the day after", "au lendemain de"
        let (days, mut j) = match (w(k + 1), w(k + 2), w(k + 3)) {
            ("a" | "one" | "the", "day", "after") => (1, k + 4),
            ("in", "lendemain", _) => (1, k + 3),
            (x, "days", "after") => match numbers::word_value(x).or_else(|| toks[k + 1].value) {
                Some(v) if (2..=7).contains(&v) => (v as i64, k + 4),
                _ => continue,
            },
            _ => continue,
        };
        if w(j) == "of" {
            j += 1;
        }
        if !matches!(w(j), "a" | "an" | "the") {
            continue;
        }
        let noun = (j + 1..(j + 4).min(n)).find(|&m| event_word(w(m)).is_some_and(|x| !x.2))?;
        let none = vec![false; n];
        let deaths = tolls::find_tolls(&toks[noun..], &none[noun..])
            .iter()
            .any(|tl| tl.kind == TollKind::Deaths && !tl.subset);
        let eventful = toks[..k].iter().any(|x| event_word(x.lw()).is_some());
        if deaths && eventful {
            return Some((toks[k].start, toks[j].start, days));
        }
        return None;
    }
    None
}

/// The cut of `split_dated_events` in sentence `s..e`: where the first
/// clause ends and where the second starts.
fn dated_cut(lang: lang::Lang, text: &str, (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let piece = text.get(s..e)?;
    if piece.contains(", but ") || piece.contains(", mais ") {
        if let Some(cut) = but_cut(lang, text, (s, e)) {
            return Some(cut);
        }
    }
    if !(piece.contains(", and ") || piece.contains(", et ") || piece.contains(';')) {
        return None;
    }
    let toks = lang::normalize(lang, text, text::tokens(text, s, e));
    let joint = |k: usize| {
        toks[k].is_punct(';')
            || (toks[k].is_punct(',') && toks.get(k + 1).is_some_and(|x| x.lw() == "and"))
    };
    let k =
        (1..toks.len().saturating_sub(4)).find(|&k| joint(k) && dates_what_follows(&toks, k))?;
    let from = if toks[k].is_punct(';') { k + 1 } else { k + 2 };
    let none = vec![false; toks.len()];
    let deaths = |a: usize, b: usize| {
        tolls::find_tolls(&toks[a..b], &none[a..b])
            .iter()
            .any(|tl| tl.kind == TollKind::Deaths && !tl.subset && !tl.more)
    };
    (deaths(0, k) && deaths(from, toks.len())).then(|| (toks[k].start, toks[from].start))
}

/// "The shells on the airport did fall on Saturday evening, without
/// casualties, but the two strikes on Amasrakad took place on Sunday 17
/// March": a ", but" between two events, each with its event word and its
/// own day, cuts the sentence in two (no toll is needed on either side).
fn but_cut(lang: lang::Lang, text: &str, (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let toks = lang::normalize(lang, text, text::tokens(text, s, e));
    let k = (1..toks.len().saturating_sub(4))
        .find(|&k| toks[k].is_punct(',') && toks[k + 1].lw() == "but")?;
    let dayish =
        |x: &Token| calendar::weekday(x.lw()).is_some() || calendar::month(x.lw()).is_some();
    let eventful = |xs: &[Token]| xs.iter().any(|x| event_word(x.lw()).is_some_and(|e| !e.2));
    let (a, b) = (&toks[..k], &toks[k + 2..]);
    (a.iter().any(dayish) && b.iter().any(dayish) && eventful(a) && eventful(b))
        .then(|| (toks[k].start, toks[k + 2].start))
}

/// Whether the words right after the joint at `k` date a new event: a
/// month, a year, or "a year later", "two days later".
fn dates_what_follows(toks: &[Token], k: usize) -> bool {
    let after = &toks[k + 1..toks.len().min(k + 8)];
    after.iter().enumerate().any(|(i, x)| {
        let w = x.lw();
        calendar::month(w).is_some()
            || (x.kind == Kind::Num && w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
            || (matches!(w, "later" | "after" | "before" | "earlier")
                && i >= 1
                && matches!(
                    after[i - 1].lw(),
                    "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
                ))
    })
}
