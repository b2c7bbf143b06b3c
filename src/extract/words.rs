//! The extractor's word lists and the set type they are looked up in.

pub(super) static GENERAL_WORDS_S: std::sync::OnceLock<crate::extract::WordSet> =
    std::sync::OnceLock::new();

/// Membership in a word list, through a set built on first use.
pub(super) fn has(
    set: &'static std::sync::OnceLock<crate::extract::WordSet>,
    list: &'static [&'static str],
    w: &str,
) -> bool {
    set.get_or_init(|| list.iter().copied().collect())
        .contains(w)
}

/// FNV-1a, for the small word sets looked up once per token.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A set of lowercase words.
pub(crate) type WordSet =
    std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

pub(super) const GENERAL_WORDS: &[&str] = &[
    "must",
    "should",
    "would",
    "could",
    "might",
    "continue",
    "continues",
    "often",
    "sometimes",
    "regularly",
    "frequently",
    "increasingly",
    "routinely",
    "repeatedly",
    "usually",
    "typically",
    "recurrent",
    "recurring",
    "capability",
    "possess",
    "if",
    "whether",
    "risk",
    "risks",
    "threat",
    "threats",
    "warned",
    "warns",
    "fear",
    "fears",
    "unabated",
    "intensified",
    "escalated",
    "surge",
    "wave",
    "spate",
    "rise",
    "series",
];
