//! Date expressions: full dates, day-month with the year taken from context,
//! ranges, month-only, and relative dates anchored on the article's
//! `published` date. Nothing is guessed: with no year in the text (nearby
//! or in the dateline) and no `published`, the date stays unknown, though the
//! expression is remembered (two mentions with different unknown dates are
//! not the same event).

#![allow(clippy::needless_range_loop)] // token windows read best with indices

use super::text::{Kind, Token};
use crate::model::DatePrecision;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub use super::calendar::{month, weekday};

/// What a date expression says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateVal {
    /// A resolved period.
    Known {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// Precision.
        precision: DatePrecision,
    },
    /// An expression that could not be placed in time; `key` identifies it.
    Unknown {
        /// Normalised expression, e.g. `m1d26` or `monday`.
        key: String,
    },
}

/// One date expression in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub next: usize,
    /// The value.
    pub val: DateVal,
    /// The year was written in the expression.
    pub explicit_year: bool,
}

/// Context for resolving partial and relative dates.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateCtx {
    /// Publication date of the article.
    pub published: Option<NaiveDate>,
    /// Most recent year written in a full date earlier in the article.
    pub year: Option<i32>,
    /// "Last week" was just said: the Monday of that week, and how many
    /// more sentences a bare weekday still falls in it ("What happened
    /// last week? During the night of Tuesday to Wednesday...").
    pub last_week: Option<(NaiveDate, u8)>,
    /// The last calendar days the article wrote out with their weekday
    /// ("le samedi 16 mars"): a bare "Saturday" later is that day when it
    /// falls in the two weeks before publication.
    pub named: [Option<NaiveDate>; 4],
}

fn year_at(t: &[Token], i: usize) -> Option<i32> {
    let x = t.get(i)?;
    if x.kind != Kind::Num || x.lower.len() != 4 {
        return None;
    }
    let v = x.value?;
    (1900..=2100).contains(&v).then_some(v as i32)
}

fn day_at(t: &[Token], i: usize) -> Option<(u32, usize)> {
    let x = t.get(i)?;
    if x.kind != Kind::Num || x.lower.len() > 2 {
        return None;
    }
    let v = x.value? as u32;
    if !(1..=31).contains(&v) {
        return None;
    }
    let mut j = i + 1;
    if t.get(j)
        .is_some_and(|y| !y.space_before && matches!(y.lw(), "st" | "nd" | "rd" | "th"))
    {
        j += 1;
    }
    Some((v, j))
}

/// Optional ", 2024" or " 2024" after a day; returns (year, next).
fn opt_year(t: &[Token], j: usize) -> (Option<i32>, usize) {
    if let Some(y) = year_at(t, j) {
        return (Some(y), j + 1);
    }
    if t.get(j).is_some_and(|x| x.is_punct(',')) {
        if let Some(y) = year_at(t, j + 1) {
            return (Some(y), j + 2);
        }
    }
    (None, j)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

impl DateCtx {
    /// Remembers a calendar day the article wrote out with its weekday.
    pub fn remember_day(&mut self, d: NaiveDate) {
        if self.named.contains(&Some(d)) {
            return;
        }
        self.named.rotate_right(1);
        self.named[0] = Some(d);
    }

    /// [`DateCtx::infer_year`], unless the weekday named with the date
    /// falls on it only in the year the publication date implies.
    fn infer_year_by_weekday(&self, m: u32, d: u32, wd: Option<Weekday>) -> Option<i32> {
        let y = self.infer_year(m, d);
        let (Some(wd), Some(year), Some(_)) = (wd, y, self.year) else {
            return y;
        };
        let on = |y: i32| NaiveDate::from_ymd_opt(y, m, d).is_some_and(|x| x.weekday() == wd);
        if on(year) {
            return y;
        }
        let by_paper = DateCtx {
            year: None,
            ..*self
        }
        .infer_year(m, d);
        match by_paper {
            Some(py) if on(py) => Some(py),
            _ => y,
        }
    }

    fn infer_year(&self, m: u32, d: u32) -> Option<i32> {
        if let Some(y) = self.year {
            // "10 December" in a January paper that wrote its own year: an
            // event told in the past is not months after its report
            if let (Some(p), Some(date)) = (self.published, NaiveDate::from_ymd_opt(y, m, d.max(1)))
            {
                if y == p.year() && date > p + chrono::Duration::days(31) {
                    return Some(y - 1);
                }
            }
            return Some(y);
        }
        let p = self.published?;
        let y = p.year();
        match NaiveDate::from_ymd_opt(y, m, d.max(1)) {
            Some(date) if date > p => Some(y - 1),
            _ => Some(y),
        }
    }
}

/// A parsed "Month D" or "D Month" head: (month, day, next).
fn month_day(t: &[Token], i: usize) -> Option<(u32, u32, usize)> {
    let x = t.get(i)?;
    if let Some(m) = month(&x.lower) {
        if x.lower == "may" && !x.cap {
            return None;
        }
        let mut j = i + 1;
        if t.get(j).is_some_and(|y| y.is_punct('.')) {
            j += 1;
        }
        let (d, j) = day_at(t, j)?;
        // "in March 23 soldiers died": after "in", a count of people, not
        // a day of the month
        let counted = i >= 1
            && t[i - 1].lw() == "in"
            && t.get(j)
                .is_some_and(|y| crate::extract::tolls::is_person_noun(y.lw()));
        if counted {
            return None;
        }
        return Some((m, d, j));
    }
    let (d, mut j) = day_at(t, i)?;
    if t.get(j).is_some_and(|y| y.is("of")) {
        j += 1;
    }
    let y = t.get(j)?;
    let m = month(&y.lower)?;
    if y.lower == "may" && !y.cap {
        return None;
    }
    Some((m, d, j + 1))
}

/// A fixed-date holiday: (month, day, index after it).
fn holiday_at(t: &[Token], i: usize) -> Option<(u32, u32, usize)> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    match (w(i), w(i + 1), w(i + 2)) {
        ("new", "year's", "day") => Some((1, 1, i + 3)),
        ("new", "year's", "eve") => Some((12, 31, i + 3)),
        ("christmas", "day", _) => Some((12, 25, i + 2)),
        ("christmas", "eve", _) => Some((12, 24, i + 2)),
        _ => None,
    }
}

fn known(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateVal {
    DateVal::Known {
        start,
        end,
        precision,
    }
}

/// Cheap pre-check: can a date expression start at this token?
fn may_start_date(x: &Token) -> bool {
    match x.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let w = x.lw();
            let w = w.strip_suffix("'s").unwrap_or(w);
            month(w).is_some()
                || weekday(w).is_some()
                || matches!(
                    w,
                    "between"
                        | "from"
                        | "night"
                        | "yesterday"
                        | "today"
                        | "last"
                        | "weekend"
                        | "this"
                        | "tonight"
                        | "new"
                        | "christmas"
                        | "day"
                        | "days"
                        | "weeks"
                        | "week"
                        | "months"
                        | "month"
                        | "years"
                        | "year"
                )
                || w.starts_with("mid-")
                || w.starts_with("early-")
                || w.starts_with("late-")
                || w.starts_with("end-")
        }
    }
}

/// Finds the date expressions in a sentence's tokens.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::dates::{find_dates, DateCtx, DateVal};
/// use casualty_atlas::extract::text::tokens;
/// let s = "between January 4 and 9, 2019";
/// let d = find_dates(&tokens(s, 0, s.len()), &DateCtx::default());
/// assert!(matches!(d[0].val, DateVal::Known { .. }));
/// ```
pub fn find_dates(t: &[Token], ctx: &DateCtx) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut ctx = *ctx;
    while i < t.len() {
        if !may_start_date(&t[i]) {
            i += 1;
            continue;
        }
        if let Some(mut m) = date_at(t, i, &ctx) {
            shift_to_named_year(t, &mut m, &ctx);
            if let (
                true,
                DateVal::Known {
                    start, precision, ..
                },
            ) = (m.explicit_year, &m.val)
            {
                if *precision != DatePrecision::Year {
                    ctx.year = Some(start.year());
                }
            }
            i = m.next.max(i + 1);
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

/// "28 April last year", "on 12 May this year": the year named after a
/// day or month without one, against the publication date.
fn shift_to_named_year(t: &[Token], m: &mut DateMention, ctx: &DateCtx) {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let (Some(p), false) = (ctx.published, m.explicit_year) else {
        return;
    };
    let named_year = matches!(w(m.next), "last" | "this") && w(m.next + 1) == "year";
    // "le 15 mars dernier": the last 15 March before publication
    let last_one = matches!(w(m.next), "dernier" | "dernière" | "last") && !named_year;
    if !named_year && !last_one {
        return;
    }
    let DateVal::Known {
        start,
        end,
        precision,
    } = m.val
    else {
        return;
    };
    if precision == DatePrecision::Year {
        return;
    }
    let year = if last_one {
        let before = (start.month(), start.day()) <= (p.month(), p.day());
        p.year() - i32::from(!before)
    } else {
        p.year() - i32::from(w(m.next) == "last")
    };
    let step = if last_one { 1 } else { 2 };
    let shift = |d: NaiveDate| d.with_year(year);
    if let (Some(s), Some(e)) = (shift(start), shift(end)) {
        let e = if precision == DatePrecision::Month {
            month_end(year, s.month()).unwrap_or(e)
        } else {
            e
        };
        m.val = known(s, e, precision);
        m.next += step;
        m.explicit_year = true;
    }
}

fn date_at(t: &[Token], i: usize, ctx: &DateCtx) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = t.get(i)?;
    // "New Year's Day 2019", "Christmas Eve 2021"
    if let Some(m) = holiday_date(t, i, ctx) {
        return Some(m);
    }
    // "the night between May 3 and 4", "the night of Friday 4 to Saturday
    // 5 June": an overnight event spans both days (CODEBOOK §5)
    if x.is("night") && matches!(w(i + 1), "between" | "of" | "from") {
        if let Some(m) = night_at(t, i, ctx) {
            return Some(m);
        }
    }
    // "between Sunday and Monday", "entre dimanche et lundi": two days
    // running, the first and the next
    if x.is("between")
        && w(i + 2) == "and"
        && weekday(w(i + 1))
            .zip(weekday(w(i + 3)))
            .is_some_and(|(a, b)| a.succ() == b)
    {
        if let Some(mut m) = date_at(&t[..i + 2], i + 1, ctx) {
            if let DateVal::Known { start, .. } = m.val {
                let end = start.succ_opt().unwrap_or(start);
                m.val = known(start, end, DatePrecision::Day);
            }
            m.first = i;
            m.next = i + 4;
            return Some(m);
        }
    }
    if matches!(x.lw(), "between" | "from") {
        if let Some(mut m) = range_at(t, i + 1, ctx) {
            m.first = i;
            return Some(m);
        }
    }
    if let Some(m) = range_at(t, i, ctx) {
        return Some(m);
    }
    // Month YYYY, "mid-June", Month alone
    let prefixed = matches!(x.lower.as_bytes().first(), Some(b'm' | b'e' | b'l'));
    let (mw, hyph) = match if prefixed {
        x.lower.split_once('-')
    } else {
        None
    } {
        Some(("mid" | "early" | "late" | "end", m)) => (m, true),
        _ => (x.lower.strip_suffix("'s").unwrap_or(&x.lower), false),
    };
    if let Some(m) = month(mw) {
        return month_at(t, i, ctx, m, mw, hyph);
    }
    // weekdays and relative words
    // "after the Sunday service", "the Friday prayers": not a date
    let habitual = matches!(
        w(i + 1),
        "service" | "services" | "mass" | "prayer" | "prayers" | "worship" | "market" | "sermon"
    );
    // "on Monday 18 November", "Saturday, March 25": the calendar date
    // that follows says the day
    let dated_after = month_day(t, i + 1).is_some()
        || (t.get(i + 1).is_some_and(|y| y.is_punct(',')) && month_day(t, i + 2).is_some());
    let habitual = habitual || dated_after;
    if let (Some(wd), false) = (
        weekday(x.lower.strip_suffix("'s").unwrap_or(&x.lower)),
        habitual,
    ) {
        return weekday_date(t, i, ctx, wd);
    }
    if let Some(m) = relative_at(t, i, ctx) {
        return m;
    }
    if let Some(m) = ago_at(t, i, ctx) {
        return Some(m);
    }
    numeric_date(t, i)
}

/// "two years ago", "just over two years ago", "three weeks ago", French
/// "il y a deux ans" (after normalisation "il y a two years"), the unit at
/// `u`: counted back from publication, as precise as the unit (a year
/// back is that calendar year, CODEBOOK §5: never a guessed day).
fn ago_at(t: &[Token], u: usize, ctx: &DateCtx) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let c = u.checked_sub(1)?;
    let n: i64 = match t[c].kind {
        Kind::Num => t[c].value.and_then(|v| i64::try_from(v).ok())?,
        _ => match w(c) {
            "a" | "an" | "one" => 1,
            x => i64::try_from(super::numbers::word_value(x)?).ok()?,
        },
    };
    if !(1..=60).contains(&n) {
        return None;
    }
    let ago = w(u + 1) == "ago";
    // French "il y a" ("a" may read "has" after normalisation, "y" dropped)
    let il = (c.saturating_sub(3)..c).find(|&k| w(k) == "il");
    let il_y_a = il.is_some_and(|k| {
        matches!(w(c - 1), "a" | "has") && (k + 2 == c || (k + 3 == c && w(k + 1) == "y"))
    });
    if !ago && !il_y_a {
        return None;
    }
    let (first, next) = match (ago, il) {
        (false, Some(k)) => (k, u + 1),
        _ => (c, u + 2),
    };
    let p = ctx.published?;
    let val = match w(u) {
        "year" | "years" => {
            let y = p.year() - i32::try_from(n).ok()?;
            known(
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
                DatePrecision::Year,
            )
        }
        "month" | "months" => {
            let total = p.year() * 12 + p.month0() as i32 - i32::try_from(n).ok()?;
            let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
            known(
                NaiveDate::from_ymd_opt(y, m, 1)?,
                month_end(y, m)?,
                DatePrecision::Month,
            )
        }
        // the seven days around the day so many weeks back
        "weeks" | "week" => {
            let s = p - Duration::days(7 * n + 3);
            known(s, s + Duration::days(6), DatePrecision::Week)
        }
        "days" => {
            let d = p - Duration::days(n);
            known(d, d, DatePrecision::Day)
        }
        _ => return None,
    };
    Some(DateMention {
        first,
        next,
        val,
        explicit_year: false,
    })
}

/// A holiday at `i`, with its year if one follows.
fn holiday_date(t: &[Token], i: usize, ctx: &DateCtx) -> Option<DateMention> {
    let (m, d, next) = holiday_at(t, i)?;
    let (year, next, explicit) = match year_at(t, next) {
        Some(y) => (Some(y), next + 1, true),
        None => (ctx.infer_year(m, d), next, false),
    };
    let val = match year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)) {
        Some(s) => known(s, s, DatePrecision::Day),
        None => DateVal::Unknown {
            key: format!("m{m}d{d}"),
        },
    };
    Some(DateMention {
        first: i,
        next,
        val,
        explicit_year: explicit,
    })
}

/// The two days of a night named at `i` ("night" before "between", "of"
/// or "from").
fn night_at(t: &[Token], i: usize, ctx: &DateCtx) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // the weekdays named inside are read past
    let kept: Vec<usize> = (i + 2..t.len().min(i + 14))
        .filter(|&k| weekday(w(k)).is_none() && w(k) != "the")
        .collect();
    // "the night of Saturday to Sunday": the first weekday and the day after
    let a = if w(i + 2) == "the" { i + 3 } else { i + 2 };
    if weekday(w(a)).is_some()
        && matches!(w(a + 1), "to" | "and" | "into" | "in")
        && weekday(w(a + 2)).is_some()
    {
        if let Some(mut m) = date_at(&t[..a + 1], a, ctx) {
            if let DateVal::Known { start, .. } = m.val {
                let end = start.succ_opt().unwrap_or(start);
                m.val = known(start, end, DatePrecision::Day);
            }
            m.first = i;
            m.next = a + 3;
            return Some(m);
        }
    }
    // (French "du vendredi 4 au samedi 5" reads "in" where "to" is meant)
    let sub: Vec<Token> = kept
        .iter()
        .map(|&k| {
            let mut x = t[k].clone();
            if x.lw() == "in" {
                x.lower = std::borrow::Cow::Borrowed("to");
            }
            x
        })
        .collect();
    let mut m = range_at(&sub, 0, ctx)?;
    if let DateVal::Known { start, end, .. } = m.val {
        // a night is two days, not a longer stretch
        let end = if (end - start).num_days() == 1 {
            end
        } else {
            start
        };
        m.val = known(start, end, DatePrecision::Day);
    }
    m.first = i;
    m.next = kept.get(m.next.saturating_sub(1)).map_or(i + 2, |&k| k + 1);
    Some(m)
}

/// A month named at `i` (`mw`, month `m`; `hyph` for "mid-June"), with
/// its year if one follows; `None` if it is not a date.
fn month_at(
    t: &[Token],
    i: usize,
    ctx: &DateCtx,
    m: u32,
    mw: &str,
    hyph: bool,
) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    if mw == "may" && !x.cap {
        return None;
    }
    if mw.len() <= 3 && !x.cap {
        return None;
    }
    let mut j = i + 1;
    if t.get(j).is_some_and(|y| y.is_punct(',')) && year_at(t, j + 1).is_some() {
        j += 1;
    }
    let (mut year, mut next, explicit) = match year_at(t, j) {
        Some(y) => (Some(y), j + 1, true),
        None => (ctx.infer_year(m, 1), i + 1, false),
    };
    // "in May last year", "in March this year"
    if !explicit && matches!(w(i + 1), "last" | "this") && w(i + 2) == "year" {
        if let Some(p) = ctx.published {
            year = Some(p.year() - i32::from(w(i + 1) == "last"));
            next = i + 3;
        }
    }
    // a bare "March" needs a preposition or a year to be a date
    let prev = if i > 0 { w(i - 1) } else { "" };
    if !explicit
        && !hyph
        && !matches!(
            prev,
            "in" | "since"
                | "of"
                | "during"
                | "until"
                | "by"
                | "late"
                | "early"
                | "mid"
                | "through"
                | "last"
                | "this"
                | "to"
        )
    {
        return None;
    }
    let val = match year.and_then(|y| Some((NaiveDate::from_ymd_opt(y, m, 1)?, month_end(y, m)?))) {
        Some((s, e)) => known(s, e, DatePrecision::Month),
        None => DateVal::Unknown {
            key: format!("m{m}"),
        },
    };
    Some(DateMention {
        first: i,
        next,
        val,
        explicit_year: explicit,
    })
}

/// The weekday `wd` named at `i`: the latest such day up to publication.
fn weekday_date(t: &[Token], i: usize, ctx: &DateCtx, wd: Weekday) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    // "Friday of last week", "vendredi de la semaine dernière"
    let of_last_week = matches!(w(i + 1), "of" | "de")
        && (w(i + 2) == "last" || (w(i + 2) == "the" && w(i + 3) == "last"))
        && (w(i + 3) == "week" || w(i + 4) == "week");
    let val = match ctx.published {
        Some(p) if of_last_week => {
            let monday = last_week_monday(p)?;
            let d = monday + Duration::days(wd.num_days_from_monday() as i64);
            known(d, d, DatePrecision::Day)
        }
        // the week "last week" named a sentence or two before
        Some(_) if ctx.last_week.is_some() && !(i > 0 && w(i - 1) == "this") => {
            let (monday, _) = ctx.last_week?;
            let d = monday + Duration::days(wd.num_days_from_monday() as i64);
            known(d, d, DatePrecision::Day)
        }
        Some(p) => {
            // "last Thursday" in a Thursday paper is a week before
            let last = i > 0 && w(i - 1) == "last";
            let mut d = if last { p.pred_opt()? } else { p };
            for _ in 0..7 {
                if d.weekday() == wd {
                    break;
                }
                d = d.pred_opt()?;
            }
            // ("l'opération avait eu lieu le samedi 16 mars ... les tirs ont
            // bien eu lieu le samedi soir": the Saturday the article named)
            let named = ctx
                .named
                .iter()
                .flatten()
                .copied()
                .filter(|n| n.weekday() == wd && *n < d && (p - *n).num_days() <= 14)
                .max();
            let d = match named {
                Some(n) if !last && !ctx.named.contains(&Some(d)) => n,
                _ => d,
            };
            known(d, d, DatePrecision::Day)
        }
        None => DateVal::Unknown {
            key: x.lower.to_string(),
        },
    };
    let mut next = i + 1;
    if matches!(w(next), "night" | "morning" | "evening" | "afternoon") {
        next += 1;
    }
    Some(DateMention {
        first: i,
        next,
        val,
        explicit_year: false,
    })
}

/// A date told relative to publication at `i`: "yesterday", "last week".
/// `None` if there is none; `Some(None)` if its day cannot be reckoned.
fn relative_at(t: &[Token], i: usize, ctx: &DateCtx) -> Option<Option<DateMention>> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let x = &t[i];
    let rel = |days_back: i64,
               len: i64,
               prec: DatePrecision,
               key: &str,
               next: usize|
     -> Option<DateMention> {
        let val = match ctx.published {
            Some(p) => {
                let s = p.checked_sub_signed(Duration::days(days_back))?;
                let e = s.checked_add_signed(Duration::days(len - 1))?;
                known(s, e, prec)
            }
            None => DateVal::Unknown {
                key: key.to_string(),
            },
        };
        Some(DateMention {
            first: i,
            next,
            val,
            explicit_year: false,
        })
    };
    Some(match (x.lw(), w(i + 1)) {
        ("yesterday", _) => rel(1, 1, DatePrecision::Day, "yesterday", i + 1),
        // "the day before yesterday" (French "avant-hier")
        ("day", "before") if w(i + 2) == "yesterday" => {
            rel(2, 1, DatePrecision::Day, "daybeforeyesterday", i + 3)
        }
        // "at dawn this morning", "this evening": the day of publication
        ("this", "morning" | "afternoon" | "evening") | ("tonight", _) => {
            let next = if x.lw() == "this" { i + 2 } else { i + 1 };
            rel(0, 1, DatePrecision::Day, "today", next)
        }
        ("last", "night") => rel(1, 1, DatePrecision::Day, "lastnight", i + 2),
        ("today", _) => rel(0, 1, DatePrecision::Day, "today", i + 1),
        ("last", "week") => {
            let back = ctx.published.map(last_week_back).unwrap_or(7);
            rel(back, 7, DatePrecision::Week, "lastweek", i + 2)
        }
        ("weekend", _) if matches!(if i > 0 { w(i - 1) } else { "" }, "the" | "this" | "last") => {
            // the most recent Saturday-Sunday before the publication day
            let back = ctx
                .published
                .map(|p| match p.weekday() {
                    Weekday::Sun => 1,
                    Weekday::Sat => 7,
                    wd => wd.num_days_from_monday() as i64 + 2,
                })
                .unwrap_or(0);
            rel(back, 2, DatePrecision::Day, "weekend", i + 1)
        }
        ("last", "month") => last_month(i, ctx),
        _ => return None,
    })
}

/// Days from the publication day `p` back to the Monday of the week before.
fn last_week_back(p: NaiveDate) -> i64 {
    p.weekday().num_days_from_monday() as i64 + 7
}

/// The Monday of the week before the one `p` falls in: where "last week"
/// begins.
pub(super) fn last_week_monday(p: NaiveDate) -> Option<NaiveDate> {
    p.checked_sub_signed(Duration::days(last_week_back(p)))
}

/// "last month" at `i`: the calendar month before publication.
fn last_month(i: usize, ctx: &DateCtx) -> Option<DateMention> {
    let val = match ctx.published {
        Some(p) => {
            let (y, m) = if p.month() == 1 {
                (p.year() - 1, 12)
            } else {
                (p.year(), p.month() - 1)
            };
            known(
                NaiveDate::from_ymd_opt(y, m, 1)?,
                month_end(y, m)?,
                DatePrecision::Month,
            )
        }
        None => DateVal::Unknown {
            key: "lastmonth".into(),
        },
    };
    Some(DateMention {
        first: i,
        next: i + 2,
        val,
        explicit_year: false,
    })
}

/// A date in figures at `i`: ISO "2024-03-22", or a year after "in".
fn numeric_date(t: &[Token], i: usize) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // ISO: 2024-03-22
    if let (Some(y), true) = (year_at(t, i), w(i + 1) == "-" && w(i + 3) == "-") {
        let two = |k: usize| {
            t.get(k)
                .filter(|x| x.kind == Kind::Num && x.lower.len() == 2 && !x.space_before)
                .and_then(|x| x.value)
        };
        if let (Some(m), Some(dd)) = (two(i + 2), two(i + 4)) {
            if let Some(day) = NaiveDate::from_ymd_opt(y, m as u32, dd as u32) {
                return Some(DateMention {
                    first: i,
                    next: i + 5,
                    val: known(day, day, DatePrecision::Day),
                    explicit_year: true,
                });
            }
        }
    }
    // a bare year: "in 2019" (and a timeline's entry: "2021 - ...", "Year
    // 2021: ...", "Année 2021 - ...")
    if let Some(y) = year_at(t, i) {
        let prev = if i > 0 { w(i - 1) } else { "" };
        let entry = (i == 0 || (i == 1 && prev == "year"))
            && t.get(i + 1)
                .is_some_and(|x| x.is_punct('-') || x.is_punct(':'));
        if matches!(prev, "in" | "of" | "during") || entry {
            let s = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let e = NaiveDate::from_ymd_opt(y, 12, 31)?;
            return Some(DateMention {
                first: i,
                next: i + 1,
                val: known(s, e, DatePrecision::Year),
                explicit_year: true,
            });
        }
    }
    None
}

/// "May 3 and 4, 2024", "November 29 and December 2, 2021",
/// "from October 6, 2020, to October 22, 2020", "4 and 9 January 2019",
/// or a single "March 22, 2024" / "16 December 2016".
fn range_at(t: &[Token], i: usize, ctx: &DateCtx) -> Option<DateMention> {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    // "4 and 9 January 2019"
    // (a dash with space before it is a dateline's, no range: "BAMAKO,
    // 16 December - 12 soldiers were killed")
    let joins = |k: usize| {
        matches!(w(k), "and" | "to" | "-" | "until" | "till" | "through")
            && !(w(k) == "-" && t[k].space_before)
    };
    if let (Some((d1, j)), true) = (day_at(t, i), true) {
        if joins(j) && w(j) != "until" && w(j) != "till" && w(j) != "through" {
            if let Some((m, d2, k)) = month_day(t, j + 1).filter(|_| month(w(j + 1)).is_none()) {
                let (y, next) = opt_year(t, k);
                let explicit = y.is_some();
                let year = y.or_else(|| ctx.infer_year(m, d1));
                return Some(mk_range(
                    i,
                    next,
                    year,
                    (m, d1),
                    (m, d2),
                    explicit,
                    DatePrecision::Day,
                ));
            }
        }
    }
    let (m1, d1, j) = month_day(t, i)?;
    let (y1, j2) = opt_year(t, j);
    // second part
    let mut k = j2;
    if y1.is_some() && w(k) == "," {
        k += 1;
    }
    if joins(k) {
        if let Some((m2, d2, k2)) = month_day(t, k + 1) {
            let (y2, next) = opt_year(t, k2);
            let explicit = y2.is_some() || y1.is_some();
            let y_end = y2.or(y1).or_else(|| ctx.infer_year(m2, d2));
            let y_start = y1.or_else(|| y_end.map(|y| if m1 > m2 { y - 1 } else { y }));
            if let (Some(ys), Some(ye)) = (y_start, y_end) {
                let s = NaiveDate::from_ymd_opt(ys, m1, d1);
                let e = NaiveDate::from_ymd_opt(ye, m2, d2);
                if let (Some(s), Some(e)) = (s, e) {
                    if s <= e {
                        return Some(DateMention {
                            first: i,
                            next,
                            val: known(s, e, DatePrecision::Day),
                            explicit_year: explicit,
                        });
                    }
                }
            }
            return Some(DateMention {
                first: i,
                next,
                val: DateVal::Unknown {
                    key: format!("m{m1}d{d1}"),
                },
                explicit_year: false,
            });
        }
        if let Some((d2, k2)) = day_at(t, k + 1) {
            if y1.is_none() {
                let (y2, next) = opt_year(t, k2);
                let explicit = y2.is_some();
                let year = y2.or_else(|| ctx.infer_year(m1, d2));
                return Some(mk_range(
                    i,
                    next,
                    year,
                    (m1, d1),
                    (m1, d2),
                    explicit,
                    DatePrecision::Day,
                ));
            }
        }
    }
    let explicit = y1.is_some();
    // "le vendredi 11 août" after a paragraph in 2016: the weekday says
    // which year (11 August was a Friday in 2023, the paper's, not in 2016)
    let named_day = i.checked_sub(1).and_then(|k| weekday(t[k].lw()));
    let year = y1.or_else(|| ctx.infer_year_by_weekday(m1, d1, named_day));
    Some(mk_range(
        i,
        j2,
        year,
        (m1, d1),
        (m1, d1),
        explicit,
        DatePrecision::Day,
    ))
}

fn mk_range(
    first: usize,
    next: usize,
    year: Option<i32>,
    a: (u32, u32),
    b: (u32, u32),
    explicit_year: bool,
    precision: DatePrecision,
) -> DateMention {
    let val = year
        .and_then(|y| {
            let s = NaiveDate::from_ymd_opt(y, a.0, a.1)?;
            let e = NaiveDate::from_ymd_opt(y, b.0, b.1)?;
            (s <= e).then(|| known(s, e, precision))
        })
        .unwrap_or_else(|| DateVal::Unknown {
            key: format!("m{}d{}", a.0, a.1),
        });
    DateMention {
        first,
        next,
        val,
        explicit_year,
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn first(s: &str, ctx: DateCtx) -> Option<DateVal> {
        let t = tokens(s, 0, s.len());
        find_dates(&t, &ctx).into_iter().next().map(|m| m.val)
    }

    fn day(s: &str, ctx: DateCtx) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
        match first(s, ctx)? {
            DateVal::Known {
                start,
                end,
                precision,
            } => Some((start, end, precision)),
            DateVal::Unknown { .. } => None,
        }
    }

    fn none() -> DateCtx {
        DateCtx::default()
    }

    fn published(y: i32, m: u32, dd: u32) -> DateCtx {
        DateCtx {
            published: Some(d(y, m, dd)),
            year: None,
            last_week: None,
            named: [None; 4],
        }
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            day("On March 22, 2024, a drone", none()),
            Some((d(2024, 3, 22), d(2024, 3, 22), DatePrecision::Day))
        );
        assert_eq!(
            day("On 16 December 2016, gunmen", none()),
            Some((d(2016, 12, 16), d(2016, 12, 16), DatePrecision::Day))
        );
        assert_eq!(
            day("on the 3rd of May 2021", none()),
            Some((d(2021, 5, 3), d(2021, 5, 3), DatePrecision::Day))
        );
        assert_eq!(
            day("on Jan. 5, 2020", none()),
            Some((d(2020, 1, 5), d(2020, 1, 5), DatePrecision::Day))
        );
        assert_eq!(
            day("on Sept 5 2020", none()),
            Some((d(2020, 9, 5), d(2020, 9, 5), DatePrecision::Day))
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(
            day("between January 4 and 9, 2019", none()),
            Some((d(2019, 1, 4), d(2019, 1, 9), DatePrecision::Day))
        );
        assert_eq!(
            day("between November 29 and December 2, 2021", none()),
            Some((d(2021, 11, 29), d(2021, 12, 2), DatePrecision::Day))
        );
        assert_eq!(
            day(
                "Militants held the road from October 6, 2020, to October 22, 2020",
                none()
            ),
            Some((d(2020, 10, 6), d(2020, 10, 22), DatePrecision::Day))
        );
        assert_eq!(
            day("between 4 and 9 January 2019", none()),
            Some((d(2019, 1, 4), d(2019, 1, 9), DatePrecision::Day))
        );
        assert_eq!(
            day("from May 30 to June 1, 2017", none()),
            Some((d(2017, 5, 30), d(2017, 6, 1), DatePrecision::Day))
        );
        assert_eq!(
            day("December 30 to January 2, 2020", none()),
            Some((d(2019, 12, 30), d(2020, 1, 2), DatePrecision::Day))
        );
    }

    #[test]
    fn night_between() {
        assert_eq!(
            day(
                "Gunmen came back in the night between March 8 and 9, 2024",
                none()
            ),
            Some((d(2024, 3, 8), d(2024, 3, 9), DatePrecision::Day))
        );
        assert_eq!(
            day("the night of 4 to 5 May 2023", none()),
            Some((d(2023, 5, 4), d(2023, 5, 5), DatePrecision::Day))
        );
        assert_eq!(
            day(
                "the night of Saturday to Sunday",
                DateCtx {
                    published: Some(d(2022, 6, 15)),
                    year: None,
                    last_week: None,
                    named: [None; 4],
                }
            ),
            Some((d(2022, 6, 11), d(2022, 6, 12), DatePrecision::Day))
        );
        assert_eq!(
            day("in the night of Friday 4 to Saturday 5 June 2021", none()),
            Some((d(2021, 6, 4), d(2021, 6, 5), DatePrecision::Day))
        );
    }

    #[test]
    fn missing_year() {
        assert!(matches!(
            first("On January 6, a militia attacked", none()),
            Some(DateVal::Unknown { .. })
        ));
        let ctx = DateCtx {
            published: None,
            year: Some(2024),
            last_week: None,
            named: [None; 4],
        };
        assert_eq!(
            day("On March 17, civilians", ctx),
            Some((d(2024, 3, 17), d(2024, 3, 17), DatePrecision::Day))
        );
        // published anchors; a later month means the previous year
        assert_eq!(
            day("On December 30, gunmen", published(2024, 1, 5)),
            Some((d(2023, 12, 30), d(2023, 12, 30), DatePrecision::Day))
        );
        assert_eq!(
            day("On January 3, gunmen", published(2024, 1, 5)),
            Some((d(2024, 1, 3), d(2024, 1, 3), DatePrecision::Day))
        );
    }

    #[test]
    fn months() {
        assert_eq!(
            day("In February 2023, troops", none()),
            Some((d(2023, 2, 1), d(2023, 2, 28), DatePrecision::Month))
        );
        assert_eq!(
            day("In February, 2024, troops", none()),
            Some((d(2024, 2, 1), d(2024, 2, 29), DatePrecision::Month))
        );
        let ctx = DateCtx {
            published: None,
            year: Some(2024),
            last_week: None,
            named: [None; 4],
        };
        assert_eq!(
            day("In February, drone strikes", ctx),
            Some((d(2024, 2, 1), d(2024, 2, 29), DatePrecision::Month))
        );
        assert!(matches!(
            first("In mid-June, jihadists", none()),
            Some(DateVal::Unknown { .. })
        ));
        assert!(first("March on the capital", none()).is_none());
        assert!(first("they may come", none()).is_none());
    }

    #[test]
    fn relative() {
        // 2024-03-25 is a Monday
        let p = published(2024, 3, 25);
        assert_eq!(
            day("late Monday night", p),
            Some((d(2024, 3, 25), d(2024, 3, 25), DatePrecision::Day))
        );
        assert_eq!(
            day("on Sunday", p),
            Some((d(2024, 3, 24), d(2024, 3, 24), DatePrecision::Day))
        );
        assert_eq!(
            day("on Friday", p),
            Some((d(2024, 3, 22), d(2024, 3, 22), DatePrecision::Day))
        );
        assert_eq!(
            day("Saturday's attack", p),
            Some((d(2024, 3, 23), d(2024, 3, 23), DatePrecision::Day))
        );
        assert_eq!(
            day("yesterday", p),
            Some((d(2024, 3, 24), d(2024, 3, 24), DatePrecision::Day))
        );
        assert_eq!(
            day("last week", p),
            Some((d(2024, 3, 18), d(2024, 3, 24), DatePrecision::Week))
        );
        // 2022-06-22 is a Wednesday: the weekend before is June 18-19
        assert_eq!(
            day("over the weekend", published(2022, 6, 22)),
            Some((d(2022, 6, 18), d(2022, 6, 19), DatePrecision::Day))
        );
        assert_eq!(
            day("last month", p),
            Some((d(2024, 2, 1), d(2024, 2, 29), DatePrecision::Month))
        );
        assert!(matches!(
            first("late Monday night", none()),
            Some(DateVal::Unknown { .. })
        ));
        assert!(matches!(
            first("yesterday", none()),
            Some(DateVal::Unknown { .. })
        ));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            day("on 2024-03-22 a drone", none()),
            Some((d(2024, 3, 22), d(2024, 3, 22), DatePrecision::Day))
        );
        assert_ne!(
            day("in 2024-13-40", none()).map(|x| x.2),
            Some(DatePrecision::Day)
        );
    }

    #[test]
    fn years_and_non_dates() {
        assert_eq!(
            day("since the battle in 2014", none()),
            Some((d(2014, 1, 1), d(2014, 12, 31), DatePrecision::Year))
        );
        assert!(first("killed 2014 people", none()).is_none());
        assert!(
            first("March 45, 2020", none()).is_none()
                || matches!(
                    first("March 45, 2020", none()),
                    Some(DateVal::Known {
                        precision: DatePrecision::Month,
                        ..
                    })
                )
        );
        assert!(matches!(
            first("February 30, 2021", none()),
            Some(DateVal::Unknown { .. })
        ));
        assert!(first("", none()).is_none());
    }
}

#[cfg(test)]
mod ago_tests {
    use super::*;
    use crate::extract::text::tokens;

    fn one(s: &str, published: &str) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
        let ctx = DateCtx {
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            year: None,
            last_week: None,
            named: [None; 4],
        };
        let t = tokens(s, 0, s.len());
        find_dates(&t, &ctx).into_iter().find_map(|d| match d.val {
            DateVal::Known {
                start,
                end,
                precision,
            } => Some((start, end, precision)),
            _ => None,
        })
    }

    #[test]
    fn so_long_ago_counts_back_from_publication_as_precisely_as_its_unit() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            one("two years ago the camp was hit", "2021-04-02"),
            Some((day(2019, 1, 1), day(2019, 12, 31), DatePrecision::Year))
        );
        assert_eq!(
            one("a village attacked three months ago", "2021-02-10"),
            Some((day(2020, 11, 1), day(2020, 11, 30), DatePrecision::Month))
        );
        assert_eq!(
            one("killed 5 days ago", "2021-02-10"),
            Some((day(2021, 2, 5), day(2021, 2, 5), DatePrecision::Day))
        );
        // a length of time is no date
        assert_eq!(one("killed over two years", "2021-02-10"), None);
        assert_eq!(one("two years later", "2021-02-10"), None);
    }
}
