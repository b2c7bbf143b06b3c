//! Sentence segmentation and tokenisation, both with byte spans into the
//! document text.
//!
//! Sentences end at `.`, `!` or `?` followed by a space and something that is
//! not lowercase, except after abbreviations (`Gen.`, `Lt.`, `No. 3`, `U.N.`,
//! `a.m.` before a weekday, initials such as `A. Diallo`). Blank lines, table
//! rows (`Key | value |`) and lines that end in terminal punctuation also end
//! a sentence; a single line break inside running text does not. Sentences
//! longer than [`MAX_SENTENCE`] bytes are cut at a space so that garbage input
//! (one 50 MB line) stays linear.

use super::words::WordList;
use std::borrow::Cow;

/// Longest sentence handed to the later stages, in bytes.
pub const MAX_SENTENCE: usize = 4000;

/// Abbreviations after which a period does not end a sentence.
static ABBREVIATIONS: WordList = WordList::new(&[
    "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "mr", "mrs", "ms", "dr", "prof", "st", "mt",
    "ft", "gov", "sen", "rep", "pres", "brig", "cpl", "pvt", "adm", "cmdr", "jr", "sr", "messrs",
    "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "ltd", "co", "approx", "fig", "vol", "art", "cf", "al", "etc", "e.g", "i.e",
    "hon", "rev", "amb", "ret",
]);

/// Splits `text[from..]` into sentence byte ranges (trimmed, never empty).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::text::sentences;
/// let t = "Gen. A. Diallo said 3 died. Gunmen fled.";
/// let s: Vec<&str> = sentences(t, 0).into_iter().map(|(a, b)| &t[a..b]).collect();
/// assert_eq!(s, ["Gen. A. Diallo said 3 died.", "Gunmen fled."]);
/// ```
pub fn sentences(text: &str, from: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let from = from.min(b.len());
    let mut start = from;
    let mut i = from;
    while i < b.len() {
        // short of MAX_SENTENCE only a line break or a stop can end it
        if i - start < MAX_SENTENCE {
            let lim = (start + MAX_SENTENCE).min(b.len());
            match next_stop(b, i, lim) {
                Some(k) => i = k,
                None => {
                    i = lim;
                    continue;
                }
            }
        }
        let c = b[i];
        let mut cut: Option<(usize, usize)> = None; // (end of this sentence, start of next)
        match c {
            b'\n' if newline_breaks(b, start, i) => cut = Some((i, i + 1)),
            b'.' | b'!' | b'?' if period_breaks(text, i) => {
                // include closing quotes/brackets
                let mut e = i + 1;
                while e < b.len() && matches!(b[e], b'"' | b'\'' | b')' | b']') {
                    e += 1;
                }
                if text[e..].starts_with('\u{201d}') || text[e..].starts_with('\u{2019}') {
                    e += 3;
                }
                cut = Some((e, e));
            }
            b' ' if i - start >= MAX_SENTENCE => cut = Some((i, i + 1)),
            _ if i - start >= 2 * MAX_SENTENCE && text.is_char_boundary(i) => cut = Some((i, i)),
            _ => {}
        }
        if let Some((e, next)) = cut {
            push_trimmed(text, start, e, &mut out);
            start = next;
            i = next;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, b.len(), &mut out);
    out
}

/// The first `\n`, `.`, `!` or `?` in `b[i..lim]`.
fn next_stop(b: &[u8], i: usize, lim: usize) -> Option<usize> {
    let w = &b[i..lim];
    let k = memchr::memchr3(b'\n', b'.', b'!', w);
    // a `?` only counts before the first of the others
    let q = memchr::memchr(b'?', &w[..k.unwrap_or(w.len())]);
    q.or(k).map(|k| i + k)
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return;
    }
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (a, z) = (s + lead, e - trail);
    if a < z {
        out.push((a, z));
    }
}

/// Does the line break at `i` end the sentence that began at `start`?
fn newline_breaks(b: &[u8], start: usize, i: usize) -> bool {
    // previous line content (since the last newline or sentence start)
    let mut p = i;
    while p > start && matches!(b[p - 1], b' ' | b'\t' | b'\r') {
        p -= 1;
    }
    if p == start {
        return false; // nothing pending
    }
    // next line
    let mut n = i + 1;
    while n < b.len() && matches!(b[n], b' ' | b'\t' | b'\r') {
        n += 1;
    }
    if n >= b.len() || b[n] == b'\n' {
        return true; // blank line or end
    }
    let last = b[p - 1];
    if matches!(
        last,
        b'.' | b'!' | b'?' | b':' | b';' | b'|' | b'"' | b')' | b']'
    ) || last >= 0x80
    {
        return true;
    }
    let next = b[n];
    if next.is_ascii_lowercase() || next.is_ascii_digit() {
        return false;
    }
    if last == b',' || last == b'-' {
        return false;
    }
    // previous line ending in a function word: the phrase goes on
    let mut w = p;
    while w > start && b[w - 1].is_ascii_alphabetic() {
        w -= 1;
    }
    let word = &b[w..p];
    const GOES_ON: &[&[u8]] = &[
        b"of", b"the", b"in", b"at", b"near", b"and", b"to", b"from", b"by", b"on", b"a", b"an",
        b"de", b"du", b"des", b"village", b"town", b"for", b"with", b"between", b"or",
    ];
    !GOES_ON.iter().any(|g| g.eq_ignore_ascii_case(word))
}

/// Does the `.`/`!`/`?` at byte `i` end a sentence?
fn period_breaks(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    // skip closing quotes and brackets
    let mut j = i + 1;
    loop {
        if j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        } else if text[j.min(b.len())..].starts_with('\u{201d}')
            || text[j.min(b.len())..].starts_with('\u{2019}')
        {
            j += 3;
        } else {
            break;
        }
    }
    if j >= b.len() {
        return true;
    }
    let rest = &text[j..];
    let Some(ws) = rest.chars().next() else {
        return true;
    };
    if !(ws.is_whitespace()) {
        return false;
    }
    let after = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    if rest.len() - after.len() > 0 && rest[..rest.len() - after.len()].contains('\n') {
        return true;
    }
    let Some(nc) = after
        .chars()
        .find(|c| !matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '('))
    else {
        return true;
    };
    if b[i] != b'.' {
        return !nc.is_lowercase();
    }
    if nc.is_lowercase() {
        return false;
    }
    // the word before the period
    let before = &text[..i];
    let wstart = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}'))
        .map(|(k, c)| k + c.len_utf8())
        .unwrap_or(0);
    let word = &before[wstart..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    if nc.is_ascii_digit() {
        return !matches!(
            lower.as_str(),
            "no" | "nos" | "p" | "pp" | "art" | "vol" | "fig"
        ) && !is_month_abbrev(&lower);
    }
    if ABBREVIATIONS.has(&lower) {
        return false;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // single initial: "A. Diallo"
    if letters == 1 && word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    // dotted abbreviations: U.N., U.S., a.m., p.m.
    if word.contains('.') && letters <= 4 {
        if lower == "a.m" || lower == "p.m" {
            let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            return !is_weekday_or_month(&next_word.to_ascii_lowercase())
                && !matches!(next_word.as_str(), "GMT" | "UTC");
        }
        return word.chars().next().is_some_and(|c| c.is_lowercase());
    }
    true
}

fn is_month_abbrev(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn is_weekday_or_month(w: &str) -> bool {
    super::calendar::weekday(w).is_some() || super::calendar::month(w).is_some()
}

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner apostrophes, hyphens and abbreviation dots).
    Word,
    /// Digits, with thousands separators or a decimal part.
    Num,
    /// Any other single character.
    Punct,
}

/// One token of a sentence; `lower` borrows from the text when the text is
/// already in lowercase form (most words, numbers and punctuation).
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte offset in the document text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Kind.
    pub kind: Kind,
    /// Lowercased form (apostrophes as `'`), for words; the text otherwise.
    pub lower: Cow<'a, str>,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Integer value of a number token (decimals dropped when not whole).
    pub value: Option<u64>,
    /// Whitespace precedes it.
    pub space_before: bool,
}

impl Token<'_> {
    /// The lowercase form.
    pub fn lw(&self) -> &str {
        &self.lower
    }

    /// True when this is a word token whose lowercase form is `w`.
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    /// True when this is punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.lower.starts_with(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Tokenises `text[start..end]`; offsets are absolute.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::text::{tokens, Kind};
/// let t = tokens("Killed 1,000 in al-Qaeda’s raid", 0, 31);
/// assert_eq!(t[1].value, Some(1000));
/// assert_eq!(t[3].lower, "al-qaeda's");
/// assert_eq!(t[0].kind, Kind::Word);
/// ```
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity((end.saturating_sub(start)) / 5 + 1);
    let Some(s) = text.get(start..end) else {
        return out;
    };
    let n = s.len();
    let mut p = 0;
    let mut space = true;
    while p < n {
        let Some(c) = char_at(s, p) else { break };
        let cl = c.len_utf8();
        if c.is_whitespace() || c == '\u{feff}' || c.is_control() {
            space = true;
            p += cl;
            continue;
        }
        let tok_start = p;
        if c.is_alphabetic() {
            let (q, dotted, ascii) = word_end(s, p, c);
            let lower = word_lower(&s[tok_start..q], ascii, dotted);
            out.push(Token {
                start: start + tok_start,
                end: start + q,
                kind: Kind::Word,
                lower,
                cap: c.is_uppercase(),
                value: None,
                space_before: space,
            });
            space = false;
            p = q;
        } else if c.is_ascii_digit() {
            let (q, value) = number_end(s.as_bytes(), p);
            out.push(Token {
                start: start + tok_start,
                end: start + q,
                kind: Kind::Num,
                lower: Cow::Borrowed(&s[tok_start..q]),
                cap: false,
                value,
                space_before: space,
            });
            space = false;
            p = q;
        } else {
            let lower: Cow<'_, str> = match c {
                '\u{2013}' | '\u{2014}' => Cow::Borrowed("-"),
                c if is_apostrophe(c) => Cow::Borrowed("'"),
                '\u{201c}' | '\u{201d}' | '«' | '»' => Cow::Borrowed("\""),
                _ => Cow::Borrowed(&s[p..p + cl]),
            };
            out.push(Token {
                start: start + tok_start,
                end: start + p + cl,
                kind: Kind::Punct,
                lower,
                cap: false,
                value: None,
                space_before: space,
            });
            space = false;
            p += cl;
        }
    }
    out
}

/// The maximal runs of `text` whose chars pass `keep`, in order: what
/// `text.split(|c: char| !keep(c))` gives without its empty pieces, read
/// byte by byte (ASCII needs no decoding).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::text::runs_of;
/// let w: Vec<&str> = runs_of("Mopti's 2nd—fête, (x)", char::is_alphanumeric).collect();
/// assert_eq!(w, ["Mopti", "s", "2nd", "fête", "x"]);
/// let w: Vec<&str> = runs_of("Mopti's 2nd", char::is_alphabetic).collect();
/// assert_eq!(w, ["Mopti", "s", "nd"]);
/// ```
pub fn runs_of<F: Fn(char) -> bool>(text: &str, keep: F) -> Runs<'_, F> {
    Runs { text, p: 0, keep }
}

/// The iterator of [`runs_of`].
pub struct Runs<'a, F> {
    text: &'a str,
    p: usize,
    keep: F,
}

impl<'a, F: Fn(char) -> bool> Runs<'a, F> {
    /// Whether the char at byte `p` is kept, and its length.
    #[inline(always)]
    fn at(&self, p: usize) -> Option<(bool, usize)> {
        match self.text.as_bytes().get(p) {
            Some(&b) if b < 0x80 => Some(((self.keep)(char::from(b)), 1)),
            Some(_) => {
                let c = self.text.get(p..)?.chars().next()?;
                Some(((self.keep)(c), c.len_utf8()))
            }
            None => None,
        }
    }
}

impl<'a, F: Fn(char) -> bool> Iterator for Runs<'a, F> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        // skip to the next kept char, then to the run's end
        let mut p = self.p;
        let start = loop {
            let Some((kept, len)) = self.at(p) else {
                self.p = p;
                return None;
            };
            if kept {
                break p;
            }
            p += len;
        };
        while let Some((true, len)) = self.at(p) {
            p += len;
        }
        self.p = p;
        Some(&self.text[start..p])
    }
}

/// ASCII bytes `char::is_alphanumeric` keeps (a table: one load a byte).
static ASCII_ALNUM: [bool; 128] = ascii_table(false);
/// ASCII bytes `char::is_alphabetic` keeps.
static ASCII_ALPHA: [bool; 128] = ascii_table(true);

const fn ascii_table(letters_only: bool) -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphabetic() || (!letters_only && c.is_ascii_digit());
        b += 1;
    }
    t
}

/// `w` in lowercase: `w` itself when it has no uppercase letter and is ASCII
/// (no copy), else its lowercase form written into `buf`.
pub fn lowercase_in<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        return w;
    }
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
    buf.as_str()
}

/// What `runs_of(text, char::is_alphanumeric)` gives, ASCII bytes read from
/// a table (the hot word loops of detection and occasions).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::text::{alnum_runs, runs_of};
/// let t = "Mopti's 2nd—fête, (x) Ségou";
/// let w: Vec<&str> = alnum_runs(t).collect();
/// assert_eq!(w, runs_of(t, char::is_alphanumeric).collect::<Vec<_>>());
/// ```
pub fn alnum_runs(text: &str) -> TableRuns<'_> {
    TableRuns {
        text,
        p: 0,
        ascii: &ASCII_ALNUM,
        keep: char::is_alphanumeric,
    }
}

/// What `runs_of(text, char::is_alphabetic)` gives (see [`alnum_runs`]).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::text::{alpha_runs, runs_of};
/// let t = "Mopti's 2nd—fête, (x) Ségou";
/// let w: Vec<&str> = alpha_runs(t).collect();
/// assert_eq!(w, runs_of(t, char::is_alphabetic).collect::<Vec<_>>());
/// ```
pub fn alpha_runs(text: &str) -> TableRuns<'_> {
    TableRuns {
        text,
        p: 0,
        ascii: &ASCII_ALPHA,
        keep: char::is_alphabetic,
    }
}

/// The iterator of [`alnum_runs`] and [`alpha_runs`].
pub struct TableRuns<'a> {
    text: &'a str,
    p: usize,
    ascii: &'static [bool; 128],
    keep: fn(char) -> bool,
}

impl TableRuns<'_> {
    /// Whether the non-ASCII char at byte `p` is kept, and its length.
    #[inline(never)]
    fn wide_at(&self, p: usize) -> (bool, usize) {
        match self.text.get(p..).and_then(|r| r.chars().next()) {
            Some(c) => ((self.keep)(c), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for TableRuns<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut p = self.p;
        // skip to the next kept char
        let start = loop {
            let Some(&c) = b.get(p) else {
                self.p = n;
                return None;
            };
            if c < 0x80 {
                if self.ascii[usize::from(c)] {
                    break p;
                }
                p += 1;
            } else {
                let (kept, len) = self.wide_at(p);
                if kept {
                    break p;
                }
                p += len;
            }
        };
        // then to the run's end
        while let Some(&c) = b.get(p) {
            if c < 0x80 {
                if !self.ascii[usize::from(c)] {
                    break;
                }
                p += 1;
            } else {
                let (kept, len) = self.wide_at(p);
                if !kept {
                    break;
                }
                p += len;
            }
        }
        self.p = p;
        Some(&self.text[start..p])
    }
}

// the char at byte `p` and its length
#[inline]
fn char_at(s: &str, p: usize) -> Option<char> {
    match s.as_bytes().get(p) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s.get(p..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// The end of the word starting with `c` at `p`, whether it is dotted
/// ("U.N."), and whether it is all ASCII.
#[inline]
fn word_end(s: &str, p: usize, c: char) -> (usize, bool, bool) {
    let at = |p: usize| char_at(s, p);
    let mut q = p + c.len_utf8();
    let mut seg_len = 1; // letters since the last dot
    let mut dotted = false;
    let mut ascii = c.is_ascii();
    loop {
        // a run of ASCII letters first (most words are nothing else)
        let run = s.as_bytes()[q..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        q += run;
        seg_len += run;
        let Some(cj) = at(q) else { break };
        let lj = cj.len_utf8();
        if cj.is_alphabetic() || unicode_mark(cj) {
            seg_len += 1;
            ascii &= cj.is_ascii();
            q += lj;
            continue;
        }
        let after = at(q + lj);
        if (is_apostrophe(cj) || is_hyphen(cj)) && after.is_some_and(|x| x.is_alphabetic()) {
            seg_len = 0;
            ascii &= cj.is_ascii();
            q += lj;
        } else if cj == '.' && seg_len == 1 && after.is_some_and(|x| x.is_alphabetic()) {
            // U.N / a.m
            let after2 = after.and_then(|x| at(q + 1 + x.len_utf8()));
            if after2.is_none_or(|x| !x.is_alphabetic()) {
                dotted = true;
                seg_len = 0;
                q += 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if dotted && at(q) == Some('.') {
        q += 1;
    }
    (q, dotted, ascii)
}

/// The lower-case form of the word `raw`, apostrophes and hyphens made plain.
#[inline]
fn word_lower(raw: &str, ascii: bool, dotted: bool) -> Cow<'_, str> {
    let mut lower: Cow<'_, str> = if ascii && !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(raw)
    } else if ascii {
        Cow::Owned(raw.to_ascii_lowercase())
    } else {
        let mut l = String::with_capacity(raw.len());
        for ch in raw.chars() {
            if is_apostrophe(ch) {
                l.push('\'');
            } else if is_hyphen(ch) {
                l.push('-');
            } else {
                l.extend(ch.to_lowercase());
            }
        }
        Cow::Owned(l)
    };
    if dotted && lower.ends_with('.') {
        lower.to_mut().pop();
    }
    lower
}

/// The end of the number starting at byte `p`, and its value if it is a
/// whole count.
#[inline]
fn number_end(b: &[u8], p: usize) -> (usize, Option<u64>) {
    let n = b.len();
    let mut q = p + 1;
    let mut value: u64 = u64::from(b[p] - b'0');
    let mut overflow = false;
    let mut decimal = false;
    while q < n {
        let cj = b[q];
        if cj.is_ascii_digit() {
            if !decimal {
                match value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(cj - b'0')))
                {
                    Some(v) => value = v,
                    None => overflow = true,
                }
            }
            q += 1;
        } else if cj == b',' && !decimal {
            // thousands separator: exactly three digits follow
            let three = (1..=3).all(|d| q + d < n && b[q + d].is_ascii_digit());
            let fourth = q + 4 < n && b[q + 4].is_ascii_digit();
            if three && !fourth {
                q += 1;
            } else {
                break;
            }
        } else if cj == b'.' && !decimal && q + 1 < n && b[q + 1].is_ascii_digit() {
            decimal = true;
            q += 1;
        } else {
            break;
        }
    }
    // scientific notation ("1e12"): one token with no count value
    if q + 1 < n && (b[q] == b'e' || b[q] == b'E') {
        let d = if matches!(b[q + 1], b'+' | b'-') {
            q + 2
        } else {
            q + 1
        };
        if d < n && b[d].is_ascii_digit() {
            q = d;
            while q < n && b[q].is_ascii_digit() {
                q += 1;
            }
            overflow = true;
        }
    }
    let value = if decimal || overflow || value > 999_999_999_999 {
        None
    } else {
        Some(value)
    };
    (q, value)
}

fn unicode_mark(c: char) -> bool {
    // (no mark comes before U+0300: the common case skips the table)
    c >= '\u{300}' && unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t, 0).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Gunmen attacked. Five died."),
            ["Gunmen attacked.", "Five died."]
        );
        assert_eq!(
            split("Was it JNIM? Nobody knows!"),
            ["Was it JNIM?", "Nobody knows!"]
        );
    }

    #[test]
    fn titles_and_initials() {
        assert_eq!(
            split("Gen. Keita and Lt. Col. Traore spoke. They left."),
            ["Gen. Keita and Lt. Col. Traore spoke.", "They left."]
        );
        assert_eq!(
            split("The mayor, A. Diallo, confirmed it. Others fled."),
            ["The mayor, A. Diallo, confirmed it.", "Others fled."]
        );
        assert_eq!(
            split("Dr. Maiga treated them."),
            ["Dr. Maiga treated them."]
        );
    }

    #[test]
    fn dotted_abbreviations() {
        assert_eq!(
            split("The U.N. mission said 4 died. It left."),
            ["The U.N. mission said 4 died.", "It left."]
        );
        assert_eq!(
            split("At 6 a.m. Monday gunmen came. Two died."),
            ["At 6 a.m. Monday gunmen came.", "Two died."]
        );
        assert_eq!(
            split("It began at 6 a.m. Gunmen came."),
            ["It began at 6 a.m.", "Gunmen came."]
        );
        assert_eq!(
            split("Checkpoint No. 3 was hit. Two died."),
            ["Checkpoint No. 3 was hit.", "Two died."]
        );
        assert_eq!(split("On Jan. 5 they came."), ["On Jan. 5 they came."]);
    }

    #[test]
    fn numbers_and_urls_do_not_split() {
        assert_eq!(
            split("Some 2.5 million fled. See civic.org now."),
            ["Some 2.5 million fled.", "See civic.org now."]
        );
        assert_eq!(
            split("They killed 3. 4 others fled."),
            ["They killed 3.", "4 others fled."]
        );
    }

    #[test]
    fn quotes_end_sentences() {
        assert_eq!(
            split("He said “it burned.” Then he left."),
            ["He said “it burned.”", "Then he left."]
        );
        assert_eq!(
            split("He said \"no.\" Then he left."),
            ["He said \"no.\"", "Then he left."]
        );
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(
            split("Troops of the approx. strength arrived."),
            ["Troops of the approx. strength arrived."]
        );
        assert_eq!(
            split("The attack was in the U.S. embassy area."),
            ["The attack was in the U.S. embassy area."]
        );
    }

    #[test]
    fn newlines() {
        assert_eq!(
            split("Title line\n\nBody text here."),
            ["Title line", "Body text here."]
        );
        assert_eq!(
            split("Title Line\nBody Text here."),
            ["Title Line", "Body Text here."]
        );
        assert_eq!(
            split("attacked the village of\nTawori, killing"),
            ["attacked the village of\nTawori, killing"]
        );
        assert_eq!(
            split("killing twelve\nsoldiers."),
            ["killing twelve\nsoldiers."]
        );
        assert_eq!(
            split("Deaths | 14 |\nInjured | 9 |"),
            ["Deaths | 14 |", "Injured | 9 |"]
        );
        assert_eq!(split("One.\r\nTwo."), ["One.", "Two."]);
    }

    #[test]
    fn offsets_are_absolute_and_trimmed() {
        let t = "xx  A b. C d.  ";
        let s = sentences(t, 2);
        assert_eq!(s, vec![(4, 8), (9, 13)]);
    }

    #[test]
    fn long_line_is_cut() {
        let t = "word ".repeat(5000);
        let s = sentences(&t, 0);
        assert!(s.len() >= 5);
        assert!(s.iter().all(|(a, b)| b - a <= MAX_SENTENCE + 8));
        let t = "x".repeat(20000);
        let s = sentences(&t, 0);
        assert!(s.len() >= 2);
    }

    #[test]
    fn empty_and_odd() {
        assert!(sentences("", 0).is_empty());
        assert!(sentences("   \n\n ", 0).is_empty());
        assert_eq!(sentences("abc", 10), vec![]);
        let t = "Ségou. Mopti! Gao?";
        assert_eq!(split(t).len(), 3);
    }

    #[test]
    fn tokenizer_words_numbers() {
        let t =
            "On 16 December 2016, twenty-four U.N. troops—in Ségou’s north—died at 10pm (No. 3).";
        let toks = tokens(t, 0, t.len());
        let lows: Vec<&str> = toks.iter().map(|t| t.lw()).collect();
        assert!(lows.contains(&"twenty-four"));
        assert!(lows.contains(&"u.n"));
        assert!(lows.contains(&"ségou's"));
        assert!(lows.contains(&"pm"));
        let n = toks.iter().find(|t| t.lower == "2016").map(|t| t.value);
        assert_eq!(n, Some(Some(2016)));
        for tk in &toks {
            assert!(t.get(tk.start..tk.end).is_some());
        }
    }

    #[test]
    fn no_mark_before_u0300() {
        let first = (0..0x110000)
            .filter_map(char::from_u32)
            .find(|&c| unicode_normalization::char::is_combining_mark(c));
        assert_eq!(first, Some('\u{300}'));
    }

    #[test]
    fn tokenizer_separators() {
        let t = "2,000 people, 40-85 dead, 1,23 and 12,3456";
        let toks = tokens(t, 0, t.len());
        assert_eq!(toks[0].value, Some(2000));
        assert_eq!(toks[3].value, Some(40));
        assert!(toks[4].is_punct('-'));
        assert_eq!(toks[5].value, Some(85));
        assert!(toks.iter().any(|t| t.value == Some(1)));
        assert!(toks.iter().any(|t| t.value == Some(12)));
    }
}
