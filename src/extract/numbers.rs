//! Number expressions: digits, number words, ranges, bounds and vague
//! quantities, as `low / best / high` (UCDP style; `high: None` = open-ended).
//!
//! | text | low | best | high |
//! |---|---|---|---|
//! | `14`, `fourteen`, `a hundred and thirty-two` | n | n | n |
//! | `between 40 and 85`, `40 to 85`, `40-85`, `40 or 85` | 40 | 40 | 85 |
//! | `at least N`, `more than N`, `over N`, `no fewer than N`, `upwards of N`, `N+` | N | N | open |
//! | `nearly/almost/about/around/some/approximately/roughly/an estimated N` | N | N | N |
//! | `up to N`, `as many as N` | N | N | N |
//!
//! Vague quantities follow ACLED's conservative coding:
//!
//! | text | low = best | high |
//! |---|---|---|
//! | `a couple of` | 2 | 2 |
//! | `a few`, `several` | 3 | open |
//! | `tens of` | 10 | open |
//! | `a dozen` | 12 | 12 |
//! | `dozens of`, `over a dozen` | 12 | open |
//! | `scores of` | 20 | open |
//! | `hundreds of` | 100 | open |
//! | `thousands of` | 1000 | open |

#![allow(clippy::needless_range_loop)] // token windows read best with indices

use super::text::{Kind, Token};

/// A parsed quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// Low estimate.
    pub low: u32,
    /// Best estimate.
    pub best: u32,
    /// High estimate; `None` = open-ended.
    pub high: Option<u32>,
    /// First token of the expression (bound words included).
    pub first: usize,
    /// One past the last token.
    pub next: usize,
    /// A vague word (dozens, several) rather than a count.
    pub vague: bool,
    /// The expression is the article `a`/`an` (one of something).
    pub article: bool,
}

fn unit(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Value of one number word or hyphenated compound (`twenty-four`).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::numbers::word_value;
/// assert_eq!(word_value("twenty-four"), Some(24));
/// assert_eq!(word_value("fourteen"), Some(14));
/// assert_eq!(word_value("soldiers"), None);
/// ```
pub fn word_value(w: &str) -> Option<u64> {
    // every number word starts with one of these letters
    if !matches!(
        w.as_bytes().first(),
        Some(b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n')
    ) || w.len() > 16
    {
        return None;
    }
    if let Some(v) = unit(w).or_else(|| tens(w)) {
        return Some(v);
    }
    // "twenty-four": a tens word (five to seven letters), a dash, a unit
    // (the dash looked for where it can be, not with `split_once`)
    let dash = (5..=7).find(|&k| w.as_bytes().get(k) == Some(&b'-'))?;
    let (a, b) = (&w[..dash], &w[dash + 1..]);
    Some(tens(a)? + unit(b).filter(|u| (1..10).contains(u))?)
}

fn scale(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "million" => Some(1_000_000),
        _ => None,
    }
}

/// Parses a plain count starting at token `i` (digits or words), returning
/// `(value, next token)`. `a hundred`, `one hundred and thirty-two`,
/// `1,000`, `2 million` are handled.
pub fn count_at(t: &[Token], i: usize) -> Option<(u64, usize)> {
    let tok = t.get(i)?;
    if tok.kind == Kind::Num {
        let mut v = tok.value?;
        let mut j = i + 1;
        if let Some(m) = t.get(j).and_then(|x| scale(&x.lower)) {
            v = v.saturating_mul(m);
            j += 1;
        }
        return Some((v, j));
    }
    if tok.kind != Kind::Word {
        return None;
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut j = i;
    let mut any = false;
    // leading article: "a hundred", "a thousand"
    if (tok.is("a") || tok.is("an")) && t.get(i + 1).and_then(|x| scale(&x.lower)).is_some() {
        current = 1;
        j += 1;
        any = true;
    }
    while let Some(x) = t.get(j) {
        if x.kind != Kind::Word {
            break;
        }
        if let Some(v) = word_value(&x.lower) {
            let low2 = current % 100;
            // "thirty two" continues; "five six" or "twenty thirty" stops
            let fits = low2 == 0 || (low2 % 10 == 0 && low2 >= 20 && v < 10);
            if any && !fits {
                break;
            }
            current = current.saturating_add(v);
            any = true;
            j += 1;
        } else if let Some(m) = scale(&x.lower) {
            if !any {
                break;
            }
            if m == 100 {
                current = current.max(1).saturating_mul(100);
            } else {
                total = total.saturating_add(current.max(1).saturating_mul(m));
                current = 0;
            }
            j += 1;
        } else if x.is("and")
            && any
            && current % 100 == 0
            && (current > 0 || total > 0)
            && t.get(j + 1).and_then(|y| word_value(&y.lower)).is_some()
        {
            j += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    Some((total.saturating_add(current), j))
}

fn clamp(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Vague quantity words at `i`: `(value, open-ended, next)`.
fn vague_at(t: &[Token], i: usize) -> Option<(u64, bool, usize)> {
    let w = t.get(i)?;
    let next_of = |j: usize| {
        if t.get(j).is_some_and(|x| x.is("of")) {
            j + 1
        } else {
            j
        }
    };
    match w.lw() {
        "dozens" => Some((12, true, next_of(i + 1))),
        "scores" if t.get(i + 1).is_some_and(|x| x.is("of")) => Some((20, true, i + 2)),
        "hundreds" => Some((100, true, next_of(i + 1))),
        "thousands" => Some((1000, true, next_of(i + 1))),
        "tens" if t.get(i + 1).is_some_and(|x| x.is("of")) => Some((10, true, i + 2)),
        // "several hundred" is hundreds, not several
        "several" | "few" | "many" => match t.get(i + 1).map(|x| x.lw()) {
            Some("hundred") => Some((100, true, next_of(i + 2))),
            Some("thousand") => Some((1000, true, next_of(i + 2))),
            Some("dozen") => Some((12, true, next_of(i + 2))),
            _ if w.lw() == "several" => Some((3, true, i + 1)),
            _ => None,
        },
        "a" | "an" => {
            let n = t.get(i + 1)?;
            match n.lw() {
                "dozen" => Some((12, false, next_of(i + 2))),
                "few" if t.get(i + 2).is_some_and(|x| x.lw() == "hundred") => {
                    Some((100, true, next_of(i + 3)))
                }
                "few" => Some((3, true, i + 2)),
                "couple" => Some((2, false, next_of(i + 2))),
                _ => None,
            }
        }
        "dozen" => Some((12, false, next_of(i + 1))),
        _ => None,
    }
}

/// "the bomber was also killed": one attacker named as such, the article
/// at `i` counting one.
pub(crate) fn lone_attacker(t: &[Token], i: usize) -> bool {
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    w(i) == "the"
        && matches!(
            w(i + 1),
            "bomber" | "kamikaze" | "attacker" | "assailant" | "gunman"
        )
}

/// Parses a quantity expression starting at token `i`: bound words, a count
/// or range, or a vague quantity. `allow_article` lets a bare `a`/`an` count
/// as one (for "killed a soldier and two civilians").
///
/// # Examples
/// ```
/// use casualty_atlas::extract::{numbers::quantity_at, text::tokens};
/// let s = "at least 32 people";
/// let t = tokens(s, 0, s.len());
/// let q = quantity_at(&t, 0, false).unwrap();
/// assert_eq!((q.low, q.best, q.high), (32, 32, None));
/// ```
pub fn quantity_at(t: &[Token], i: usize, allow_article: bool) -> Option<Quantity> {
    let mut q = quantity_in(t, i, allow_article)?;
    // a count written twice, "sixty-nine (69) dead": the digits restate it
    if t.get(q.next).is_some_and(|x| x.is_punct('('))
        && t.get(q.next + 1).is_some_and(|x| x.kind == Kind::Num)
        && t.get(q.next + 2).is_some_and(|x| x.is_punct(')'))
    {
        q.next += 3;
    }
    Some(q)
}

/// How a quantity's words bound its figure.
#[derive(PartialEq)]
enum Bound {
    Exact,
    AtLeast,
    Between,
    From,
}

/// The bounding words a quantity at `j` opens with, and where its figure
/// starts.
fn bound_at(t: &[Token], mut j: usize) -> (Bound, usize) {
    let mut bound = Bound::Exact;
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    match (w(j), w(j + 1), w(j + 2)) {
        ("at", "least", _)
        | ("no", "fewer", "than")
        | ("no", "less", "than")
        | ("not", "less", "than") => {
            bound = Bound::AtLeast;
            j += if w(j) == "at" { 2 } else { 3 };
        }
        ("a", "minimum", "of") | ("in", "excess", "of") => {
            bound = Bound::AtLeast;
            j += 3;
        }
        ("more", "than", _) | ("upwards", "of", _) => {
            bound = Bound::AtLeast;
            j += 2;
        }
        // ("the real toll exceeds twenty")
        (
            "over" | "above" | "beyond" | "exceeds" | "exceeded" | "surpasses" | "surpassed",
            _,
            _,
        ) => {
            bound = Bound::AtLeast;
            j += 1;
        }
        ("up", "to", _) | ("as", "many", "as") => {
            j += if w(j) == "up" { 2 } else { 3 };
        }
        ("nearly", _, _)
        | ("almost", _, _)
        | ("about", _, _)
        | ("around", _, _)
        | ("some", _, _)
        | ("approximately", _, _)
        | ("roughly", _, _)
        | ("close", "to", _)
        | ("an", "estimated", _)
        | ("estimated", _, _) => {
            j += match (w(j), w(j + 1)) {
                ("close", _) | ("an", _) => 2,
                _ => 1,
            };
        }
        ("between", _, _) => {
            bound = Bound::Between;
            j += 1;
        }
        ("from", _, _) => {
            bound = Bound::From;
            j += 1;
        }
        _ => {}
    }
    (bound, j)
}

/// The token after a range separator at `k` ("to", "and", "-"), if any.
fn range_sep(t: &[Token], k: usize, bound: &Bound) -> Option<usize> {
    let x = t.get(k)?;
    if (x.is("and") && *bound == Bound::Between)
        || (x.is("to") && *bound != Bound::AtLeast)
        || x.is("or")
    {
        return Some(k + 1);
    }
    if x.is_punct('-')
        && !x.space_before
        && t.get(k + 1)
            .is_some_and(|y| !y.space_before && y.kind == Kind::Num)
    {
        return Some(k + 1);
    }
    None
}

fn quantity_in(t: &[Token], i: usize, allow_article: bool) -> Option<Quantity> {
    let first = i;
    let w = |k: usize| t.get(k).map(|x| x.lw()).unwrap_or("");
    let (mut bound, j) = bound_at(t, i);
    // "both bombers also died": two, counted
    if w(j) == "both" && bound == Bound::Exact {
        return Some(Quantity {
            low: 2,
            best: 2,
            high: Some(2),
            first,
            next: j + 1,
            vague: false,
            article: false,
        });
    }
    // "at least a dozen", "over a dozen"
    if let Some((v, open, next)) = vague_at(t, j) {
        let v = clamp(v);
        let open = open || bound == Bound::AtLeast;
        return Some(Quantity {
            low: v,
            best: v,
            high: if open { None } else { Some(v) },
            first,
            next,
            vague: true,
            article: false,
        });
    }
    let (a, k) = match count_at(t, j) {
        Some(x) => x,
        None => {
            if allow_article
                && bound == Bound::Exact
                && (w(j) == "a" || w(j) == "an" || lone_attacker(t, j))
            {
                return Some(Quantity {
                    low: 1,
                    best: 1,
                    high: Some(1),
                    first,
                    next: j + 1,
                    vague: false,
                    article: true,
                });
            }
            return None;
        }
    };
    // "two dozen passengers", "three dozen of them": dozens counted
    let (a, mut k) = if w(k) == "dozen" && (2..=20).contains(&a) {
        let after = if w(k + 1) == "of" { k + 2 } else { k + 1 };
        (a * 12, after)
    } else {
        (a, k)
    };
    // more than fits a count ("9999999999 killed"): not a toll
    let a32 = u32::try_from(a).ok()?;
    // ranges
    if let Some(k2) = range_sep(t, k, &bound) {
        if let Some((b, k3)) = count_at(t, k2) {
            if b >= a {
                return Some(Quantity {
                    low: a32,
                    best: a32,
                    high: Some(u32::try_from(b).ok()?),
                    first,
                    next: k3,
                    vague: false,
                    article: false,
                });
            }
        }
    }
    if describes(t, k) {
        return None;
    }
    if bound == Bound::Between || bound == Bound::From {
        // "between 40 soldiers" is odd; treat as the count
        bound = Bound::Exact;
    }
    // "14+"
    let mut open = bound == Bound::AtLeast;
    if t.get(k).is_some_and(|x| x.is_punct('+') && !x.space_before) {
        open = true;
        k += 1;
    }
    Some(Quantity {
        low: a32,
        best: a32,
        high: if open { None } else { Some(a32) },
        first,
        next: k,
        vague: false,
        article: false,
    })
}

/// "a 45-year-old soldier", "a 12-man patrol", "a 300-strong column": a
/// number joined to a word by a hyphen at `k` describes, it does not count.
fn describes(t: &[Token], k: usize) -> bool {
    t.get(k).is_some_and(|x| x.is_punct('-') && !x.space_before)
        && t.get(k + 1).is_some_and(|x| {
            x.kind == Kind::Word && !x.space_before && word_value(x.lw()).is_none()
        })
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn q(s: &str) -> Option<(u32, u32, Option<u32>)> {
        let t = tokens(s, 0, s.len());
        quantity_at(&t, 0, false).map(|q| (q.low, q.best, q.high))
    }

    fn qa(s: &str) -> Option<(u32, u32, Option<u32>)> {
        let t = tokens(s, 0, s.len());
        quantity_at(&t, 0, true).map(|q| (q.low, q.best, q.high))
    }

    #[test]
    fn digits() {
        assert_eq!(q("14 people"), Some((14, 14, Some(14))));
        assert_eq!(q("1,000 people"), Some((1000, 1000, Some(1000))));
        assert_eq!(q("2,000"), Some((2000, 2000, Some(2000))));
        assert_eq!(
            q("2 million"),
            Some((2_000_000, 2_000_000, Some(2_000_000)))
        );
        assert_eq!(q("99999999999999999999"), None);
        assert_eq!(q("14+ dead"), Some((14, 14, None)));
    }

    #[test]
    fn words() {
        assert_eq!(q("fourteen children"), Some((14, 14, Some(14))));
        assert_eq!(q("twenty-four soldiers"), Some((24, 24, Some(24))));
        assert_eq!(
            q("a hundred and thirty-two civilians"),
            Some((132, 132, Some(132)))
        );
        assert_eq!(q("one hundred and five"), Some((105, 105, Some(105))));
        assert_eq!(q("two hundred people"), Some((200, 200, Some(200))));
        assert_eq!(q("three thousand"), Some((3000, 3000, Some(3000))));
        assert_eq!(q("thirty two"), Some((32, 32, Some(32))));
        assert_eq!(q("soldiers"), None);
    }

    #[test]
    fn capitalised_words() {
        let s = "Fourteen students";
        let t = tokens(s, 0, s.len());
        assert_eq!(t[0].lower, "fourteen");
        assert_eq!(quantity_at(&t, 0, false).map(|q| q.best), Some(14));
    }

    #[test]
    fn ranges() {
        assert_eq!(q("between 40 and 85 soldiers"), Some((40, 40, Some(85))));
        assert_eq!(q("40 to 85"), Some((40, 40, Some(85))));
        assert_eq!(q("40-85"), Some((40, 40, Some(85))));
        assert_eq!(q("40 or 50 people"), Some((40, 40, Some(50))));
        assert_eq!(q("from ten to fifteen"), Some((10, 10, Some(15))));
        assert_eq!(q("between forty and eighty-five"), Some((40, 40, Some(85))));
        // descending "range" is not a range
        assert_eq!(q("85 to 40"), Some((85, 85, Some(85))));
    }

    #[test]
    fn bounds() {
        assert_eq!(q("at least 32 people"), Some((32, 32, None)));
        assert_eq!(q("more than 100"), Some((100, 100, None)));
        assert_eq!(q("over seventy soldiers"), Some((70, 70, None)));
        assert_eq!(q("no fewer than 9"), Some((9, 9, None)));
        assert_eq!(q("nearly 50"), Some((50, 50, Some(50))));
        assert_eq!(q("almost 50"), Some((50, 50, Some(50))));
        assert_eq!(q("up to 30"), Some((30, 30, Some(30))));
        assert_eq!(q("about 20"), Some((20, 20, Some(20))));
        assert_eq!(q("some 20"), Some((20, 20, Some(20))));
        assert_eq!(q("around twenty"), Some((20, 20, Some(20))));
        assert_eq!(q("an estimated 300"), Some((300, 300, Some(300))));
        assert_eq!(q("at least 10 to 15"), Some((10, 10, None)));
    }

    #[test]
    fn vague() {
        assert_eq!(q("dozens of soldiers"), Some((12, 12, None)));
        assert_eq!(q("a dozen soldiers"), Some((12, 12, Some(12))));
        assert_eq!(q("over a dozen others"), Some((12, 12, None)));
        assert_eq!(q("two dozen passengers"), Some((24, 24, Some(24))));
        assert_eq!(q("more than three dozen soldiers"), Some((36, 36, None)));
        assert_eq!(q("hundreds of people"), Some((100, 100, None)));
        assert_eq!(q("scores of villagers"), Some((20, 20, None)));
        assert_eq!(q("tens of civilians"), Some((10, 10, None)));
        assert_eq!(q("several soldiers"), Some((3, 3, None)));
        assert_eq!(q("a few soldiers"), Some((3, 3, None)));
        assert_eq!(q("thousands of people"), Some((1000, 1000, None)));
        assert_eq!(q("scores"), None);
    }

    #[test]
    fn article() {
        assert_eq!(qa("a gendarme"), Some((1, 1, Some(1))));
        assert_eq!(q("a gendarme"), None);
        assert_eq!(qa("a hundred people"), Some((100, 100, Some(100))));
    }

    #[test]
    fn empty_and_garbage() {
        let t = tokens("", 0, 0);
        assert_eq!(quantity_at(&t, 0, true), None);
        assert_eq!(q("at least"), None);
        assert_eq!(q("between and"), None);
        assert_eq!(q("- - -"), None);
    }
}
