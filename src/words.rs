//! Word lists looked up as sets: a `static` list of lowercase words and a
//! `OnceLock` cell holding its set, built on first use. The hasher is
//! `rustc-hash`'s (the sets are small and looked up once per token).

use std::sync::OnceLock;

/// A set of lowercase words.
pub type WordSet = rustc_hash::FxHashSet<&'static str>;

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
