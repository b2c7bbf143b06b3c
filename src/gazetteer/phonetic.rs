//! Spelling keys for Sahel place names.
//!
//! The same village is written by French and English clerks, by GeoNames and
//! by reporters in many ways (invented examples): `Djalagou` / `Jalagu`,
//! `Tchamboye` / `Chamboi`, `Ouarkadougou` / `Warkadugu`, `Kiemba-Yarcé` /
//! `Kiemba Yarsé`.
//! [`key`] folds those transliteration choices into one key; [`distance`] is
//! an edit cost on keys in which the changes a transliteration makes (a
//! vowel, a voiced or unvoiced consonant, l/r, m/n) cost less than a change
//! of consonant, and an edit of the first letter costs more (a different
//! first letter is most often a different village: Dabori / Nabori).
//! [`strip_qualifiers`] drops the words records add to a village name (the
//! people living there, "camp", "site").
//!
//! These looser matches are used by [`super::Gazetteer::resolve`] inside a
//! hinted region only.

/// The transliteration key of a normalised name (see
/// [`crate::normalize::normalize`]): spaces and hyphens dropped, `tch`, `ch`
/// and `sh` one sound, `dj` / `di`+vowel / `dy`+vowel written `j`, `ti`,
/// `ki`, `ty`, `ky` before a vowel one sound, `n` before b/p written `m`,
/// `v` written `w`, `c` before e/i/y written `s`, other `c`, `q`, `kh`
/// written `k`, `gh` and `gu` before e/i written `g`, `gn` / `ny`
/// written `n`, `oi` and `oy` written `ua`, `ou` and `w` written `u`, `y` written
/// `i`, other `h` dropped, doubled letters once, an initial `in` before a
/// consonant written `n` (Tamasheq), a final `e` after four letters dropped.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::phonetic::key;
/// assert_eq!(key("djalagou"), key("dialagou"));
/// assert_eq!(key("tchamboye"), key("chamboi"));
/// assert_eq!(key("ouarkadougou"), key("warkadugu"));
/// assert_eq!(key("sarra koira"), key("sarrakwara"));
/// assert_eq!(key("hamasou"), key("amasou"));
/// assert_ne!(key("dabori"), key("nabori"));
/// ```
pub fn key(normalized: &str) -> String {
    let s: Vec<char> = normalized.chars().filter(|c| c.is_alphanumeric()).collect();
    let n = s.len();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut out: Vec<char> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let (c, d, e) = (at(i), at(i + 1), at(i + 2));
        let (sound, used) = match (c, d, e) {
            ('t', 'c', 'h') | ('t', 's', 'h') => ('X', 3),
            ('c', 'h', _) | ('s', 'h', _) => ('X', 2),
            ('d', 'j', _) => ('j', 2),
            ('d', 'i' | 'y', v) if vowel(v) && v != 'i' && v != 'y' => ('j', 2),
            ('k', 'h', _) | ('c', 'k', _) | ('q', 'u', _) => ('k', 2),
            ('g', 'h', _) => ('g', 2),
            ('g', 'u', 'e' | 'i') => ('g', 2),
            ('p', 'h', _) => ('f', 2),
            ('g', 'n', _) | ('n', 'y', _) => ('n', 2),
            ('o', 'i' | 'y', _) => {
                out.push('u');
                ('a', 2)
            }
            ('o', 'u', _) => ('u', 2),
            ('t' | 'k', 'i' | 'y', v) if vowel(v) && v != 'i' && v != 'y' => ('C', 2),
            ('n', 'b' | 'p', _) => ('m', 1),
            ('v', _, _) => ('u', 1),
            ('c', 'e' | 'i' | 'y', _) => ('s', 1),
            ('c' | 'q', _, _) => ('k', 1),
            ('w', _, _) => ('u', 1),
            ('y', _, _) => ('i', 1),
            ('h', _, _) => {
                i += 1;
                continue;
            }
            (c, _, _) => (c, 1),
        };
        out.push(sound);
        i += used;
    }
    out.dedup();
    // the Tamasheq "in" of a name is also written "n" (I-n-Tillit, Ntillit)
    if out.len() > 3 && out[0] == 'i' && out[1] == 'n' && !is_vowel(out[2]) {
        out.remove(0);
    }
    if out.len() > 4 && out.last() == Some(&'e') {
        out.pop();
    }
    out.into_iter().collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Consonants a transliteration or a clerk's ear swaps for one another.
fn close_consonants(a: char, b: char) -> bool {
    const GROUPS: [&str; 8] = ["kg", "td", "pb", "lr", "mn", "sz", "Xjs", "fv"];
    GROUPS.iter().any(|g| g.contains(a) && g.contains(b))
}

fn substitution(a: char, b: char) -> f64 {
    if a == b {
        0.0
    } else if is_vowel(a) && is_vowel(b) {
        0.4
    } else if close_consonants(a, b) {
        0.7
    } else {
        1.0
    }
}

fn indel(c: char) -> f64 {
    if is_vowel(c) {
        0.5
    } else {
        1.0
    }
}

/// Edit cost between two keys (see [`key`]): a vowel for another 0.4, a
/// vowel added or dropped 0.5, a close consonant for another (k/g, t/d, p/b,
/// l/r, m/n, s/z, f/v, the `ch`/`j`/`s` sounds) 0.7, any other edit 1; an
/// edit at the first letter of either key costs 0.5 more. Returns a value
/// above `cap` as soon as the cost must exceed it.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::phonetic::{distance, key};
/// let d = |a: &str, b: &str| distance(&key(a), &key(b), 3.0);
/// assert!(d("sotabangou", "satabangou") < 0.5);
/// assert!(d("dabori", "nabori") > 1.0);
/// assert_eq!(d("sounka", "sounka"), 0.0);
/// ```
pub fn distance(a: &str, b: &str, cap: f64) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let first = |i: usize| if i == 0 { 0.5 } else { 0.0 };
    let mut prev: Vec<f64> = Vec::with_capacity(b.len() + 1);
    prev.push(0.0);
    for (j, &c) in b.iter().enumerate() {
        let v = prev[j] + indel(c) + first(j);
        prev.push(v);
    }
    let mut cur = vec![0.0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = prev[0] + indel(ca) + first(i);
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let sub = if ca == cb {
                0.0
            } else {
                substitution(ca, cb) + first(i.min(j))
            };
            let v = (prev[j] + sub)
                .min(prev[j + 1] + indel(ca) + first(i))
                .min(cur[j] + indel(cb) + first(j));
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1.0;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Words records add to a place's name that GeoNames leaves out: the
/// people of a quarter or hamlet (`X Peulh`, `X Dogon`, `X Habé`), what the
/// place is (`X camp`, `X site`, `X gold mine`) and the kind of feature (`X
/// island`, `X national park`). Numbers and `Koura` ("new") are kept: they
/// name another village, often a long way off.
const QUALIFIERS: [&str; 43] = [
    "peul", "peulh", "peuhl", "peuh", "fulbe", "foulbe", "fulani", "habe", "dogon", "bambara",
    "bozo", "sonrai", "touareg", "bella", "rimaibe", "mossi", "site", "camp", "military",
    "village", "town", "market", "marche", "gold", "mine", "base", "army", "island", "ile",
    "national", "park", "parc", "plateau", "forest", "foret", "reserve", "classee", "lake", "lac",
    "mare", "well", "puits", "road",
];

/// The name without the qualifier words of [`QUALIFIERS`], when it has some
/// and something of four letters or more is left.
///
/// # Examples
/// ```
/// use casualty_atlas::gazetteer::phonetic::strip_qualifiers;
/// assert_eq!(strip_qualifiers("farabana camp").as_deref(), Some("farabana"));
/// assert_eq!(strip_qualifiers("kobila peulh").as_deref(), Some("kobila"));
/// assert_eq!(strip_qualifiers("tafabougou koura"), None);
/// assert_eq!(strip_qualifiers("dogon"), None);
/// ```
pub fn strip_qualifiers(normalized: &str) -> Option<String> {
    let words: Vec<&str> = normalized.split(' ').collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !QUALIFIERS.contains(w))
        .collect();
    let core = kept.join(" ");
    (kept.len() < words.len() && core.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .then_some(core)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn k(s: &str) -> String {
        key(&normalize(s))
    }

    // all names below are invented
    #[test]
    fn transliterations_share_a_key() {
        for (a, b) in [
            ("Kiemba-Yarcé", "Kiemba Yarsé"),
            ("Sonnkobia", "Sonkobia"),
            ("Ti-n-Farouk", "Tin Farouk"),
            ("I-n-Saradène", "In Saradene"),
            ("Gnamiro", "Nyamiro"),
            ("Djalagou", "Dialagou"),
            ("Ouarkadougou", "Warkadugu"),
            ("Kpanchagou", "Kpanshagou"),
            ("Sarra Koira", "Sarra Kwara"),
            ("Tchamboye", "Chamboi"),
            ("Khalil", "Kalil"),
            ("Guimbala", "Gimbala"),
            ("Cirabé", "Sirabe"),
            ("Sanbila", "Sambila"),
            ("Vagoré", "Wagoré"),
            ("Potiamba", "Pokyamba"),
            ("I-n-Sakane", "Nsakane"),
        ] {
            assert_eq!(k(a), k(b), "{a} / {b}");
        }
    }

    #[test]
    fn other_names_keep_their_own_key() {
        for (a, b) in [
            ("Dabori", "Nabori"),
            ("Tamaki", "Kamaki"),
            ("Sounka", "Sonka"),
            ("Tira", "Tiria"),
            ("Fallo", "Falla"),
        ] {
            assert_ne!(k(a), k(b), "{a} / {b}");
        }
    }

    #[test]
    fn the_cost_is_low_for_vowels_and_high_for_first_letters() {
        let d = |a: &str, b: &str| distance(&k(a), &k(b), 5.0);
        // a vowel changed
        assert!(
            (d("Sounka", "Sonka") - 0.4).abs() < 1e-9,
            "{}",
            d("Sounka", "Sonka")
        );
        // a vowel dropped
        assert!((d("Bamkoulga", "Bamkouluga") - 0.5).abs() < 1e-9);
        // a close consonant
        assert!((d("Sankoule", "Sangoule") - 0.7).abs() < 1e-9);
        // another consonant, inside the name / at its start
        assert!((d("Tafaribougou", "Tafakibougou") - 1.0).abs() < 1e-9);
        assert!((d("Dabori", "Nabori") - 1.5).abs() < 1e-9);
        // a letter added in front
        assert!((d("Afala", "Kafala") - 1.5).abs() < 1e-9);
        // symmetric
        assert_eq!(d("Marikessa", "Markessa"), d("Markessa", "Marikessa"));
        // over the cap, early
        assert!(distance("abcdefgh", "zyxwvuts", 1.0) > 1.0);
    }
}
