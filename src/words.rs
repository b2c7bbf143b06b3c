//! Word lists looked up as sets: a `static` list of lowercase words and a
//! `OnceLock` cell holding its set, built on first use. The hasher is
//! `rustc-hash`'s (the sets are small and looked up once per token).

use std::sync::OnceLock;

/// A set of lowercase words.
///
/// Most words of a text are in none of the lists they are checked against,
/// so a lookup first asks two bit masks (the byte lengths and the first
/// bytes of the set's words) and hashes only a word that passes both.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    set: rustc_hash::FxHashSet<&'static str>,
    /// Bit `n` set: some word is `n` bytes long (63 stands for 63 or more).
    lens: u64,
    /// Bit `b` set: some word starts with byte `b`.
    firsts: [u64; 4],
}

impl WordSet {
    /// Is `w` in the set?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else {
            return self.set.contains(w);
        };
        self.lens & (1 << w.len().min(63)) != 0
            && self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && self.set.contains(w)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        let mut s = WordSet::default();
        for w in words {
            s.lens |= 1 << w.len().min(63);
            if let Some(&b) = w.as_bytes().first() {
                s.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
            }
            s.set.insert(w);
        }
        s
    }
}

/// Is `w` in `list`? The set is built in `cell` on first use.
///
/// ```
/// use casualty_atlas::words::{has, WordSet};
/// use std::sync::OnceLock;
/// static DAYS: &[&str] = &["monday", "tuesday"];
/// static DAYS_S: OnceLock<WordSet> = OnceLock::new();
/// assert!(has(&DAYS_S, DAYS, "monday"));
/// assert!(!has(&DAYS_S, DAYS, "march"));
/// ```
pub fn has(cell: &'static OnceLock<WordSet>, list: &'static [&'static str], w: &str) -> bool {
    cell.get_or_init(|| list.iter().copied().collect())
        .contains(w)
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    #[test]
    fn the_masks_never_hide_a_member() {
        let long: &'static str =
            "a-very-long-hyphenated-word-of-more-than-sixty-three-bytes-in-all";
        let s: WordSet = ["tués", "été", "x", long, ""].into_iter().collect();
        for w in ["tués", "été", "x", long, ""] {
            assert!(s.contains(w), "{w:?}");
        }
        // same first byte or same length as a member, but not a member
        for w in [
            "tuées",
            "tu",
            "étés",
            "y",
            "xx",
            "a-very-long-hyphenated-word-of-more-than-sixty-three-bytes-in-al",
        ] {
            assert!(!s.contains(w), "{w:?}");
        }
        assert_eq!(s.len(), 5);
        assert!(!s.is_empty() && WordSet::default().is_empty());
    }
}
