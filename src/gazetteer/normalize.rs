//! Name normalisation and edit distance, shared by the gazetteer, the
//! extractor and dedup.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lowercases, strips accents, turns every run of non-alphanumerics into one
/// space and trims. `Ségou` → `segou`, `Tombouctou ` → `tombouctou`,
/// `N'Djamena` → `n djamena`.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::normalize::normalize;
/// assert_eq!(normalize("Ségou"), "segou");
/// assert_eq!(normalize("  MÉNAKA--Région "), "menaka region");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ß' => 's',
            'æ' | 'Æ' => 'a',
            'œ' | 'Œ' => 'o',
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            '’' | '\'' | '`' | 'ʼ' => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// [`osa_distance`] when it is at most `max`, else `None`; stops early and
/// allocates nothing for short ASCII strings (the fuzzy lookup's inner loop).
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::normalize::osa_within;
/// assert_eq!(osa_within("dialloube", "dialoube", 2), Some(1));
/// assert_eq!(osa_within("segou", "mopti", 2), None);
/// ```
pub fn osa_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || x.len() >= 64 || y.len() >= 64 || max >= 64 {
        let d = osa_distance(a, b);
        return (d <= max).then_some(d);
    }
    if x.len().abs_diff(y.len()) > max {
        return None;
    }
    // each edit changes the set of letters used by at most two
    let mask = |s: &[u8]| s.iter().fold(0u64, |m, &c| m | 1u64 << (c & 63));
    if ((mask(x) ^ mask(y)).count_ones() as usize) > 2 * max {
        return None;
    }
    let m = y.len();
    let mut prev2 = [0u8; 64];
    let mut prev = [0u8; 64];
    let mut cur = [0u8; 64];
    for (j, c) in prev.iter_mut().enumerate().take(m + 1) {
        *c = j as u8;
    }
    for i in 1..=x.len() {
        cur[0] = i as u8;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = u8::from(x[i - 1] != y[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if usize::from(row_min) > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = usize::from(prev[m]);
    (d <= max).then_some(d)
}

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance over chars.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::normalize::osa_distance;
/// assert_eq!(osa_distance("kimparana", "kinmparana"), 1);
/// assert_eq!(osa_distance("segou", "sgeou"), 1);
/// ```
pub fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 {
        return m;
    }
    if m == 0 {
        return n;
    }
    let w = m + 1;
    let mut d = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[n * w + m]
}

#[cfg(test)]
mod osa_within_tests {
    use super::*;

    #[test]
    fn agrees_with_osa_distance() {
        let words = [
            "kimparana",
            "kinmparana",
            "segou",
            "sgeou",
            "douna",
            "dounа",
            "indelimane",
            "i n delimane",
            "",
            "a",
            "ab",
            "ba",
        ];
        for a in words {
            for b in words {
                for max in 0..4 {
                    let d = osa_distance(a, b);
                    assert_eq!(
                        osa_within(a, b, max),
                        (d <= max).then_some(d),
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }
}
