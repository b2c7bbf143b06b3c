//! English. The extraction rules are written in English words, so English
//! needs no word tables here: only the stop words the language detector
//! counts.

/// Frequent short English words that are not French words.
pub const STOP_WORDS: &[&str] = &[
    "the", "and", "of", "to", "in", "was", "were", "is", "are", "has", "have", "had", "that",
    "with", "by", "for", "at", "from", "this", "which", "who", "been", "killed", "said", "their",
    "they", "it", "its", "an", "after", "as", "or", "but", "people", "attack",
];
