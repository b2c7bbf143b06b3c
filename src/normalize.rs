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
/// use casualty_atlas::normalize::normalize;
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

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance over chars.
///
/// # Examples
/// ```
/// use casualty_atlas::normalize::osa_distance;
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
