//! The name index of a gazetteer: one line per normalised name, sorted, so a
//! lookup is a binary search over line starts.
//!
//! Line format: `key\tentry,entry,...` where an entry is the place's row
//! number (0-based, data rows of `places.tsv`) followed by flags: `n` when
//! the key is the place's preferred name, `t` when the place may be spotted
//! in running text without a place cue (see [`spottable`]).
//!
//! The build script (`build.rs`) writes this index for the embedded
//! `gazetteer/places.tsv` at compile time, so the binary starts without
//! normalising 100 000 names; folders given with `--gazetteer DIR` get the
//! same index built in memory when loaded. This file is shared with
//! `build.rs` and may use only `std` and [`super::normalize`].

use crate::normalize::normalize;

/// May a place of this kind be spotted in running text as a bare capitalised
/// word? Villages and named features that only the full GeoNames extract
/// knows are too often also ordinary words or people's given names: they are
/// matched only after a place cue ("in", "the village of"). Curated conflict places, admin units
/// and countries, seats of regions and cercles, and places of 500 people or
/// more may be spotted anywhere.
pub fn spottable(source: &str, population: u64, feature_code: &str) -> bool {
    source != "geonames" || population >= 500 || matches!(feature_code, "PPLC" | "PPLA" | "PPLA2")
}

/// One name of one place.
pub struct Entry {
    /// Normalised name.
    pub key: String,
    /// Row number.
    pub row: u32,
    /// The preferred name (not an alternate).
    pub preferred: bool,
    /// [`spottable`].
    pub text: bool,
}

/// Writes the index text for the given names.
pub fn index_text(mut entries: Vec<Entry>) -> String {
    entries.retain(|e| !e.key.is_empty() && !e.key.contains('\t') && !e.key.contains('\n'));
    // preferred first, so a place listed twice under one key keeps that flag
    entries.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(a.row.cmp(&b.row))
            .then(b.preferred.cmp(&a.preferred))
    });
    let mut out = String::with_capacity(entries.len() * 24);
    let mut i = 0;
    while i < entries.len() {
        let key = &entries[i].key;
        out.push_str(key);
        out.push('\t');
        let mut first = true;
        let mut last_row = u32::MAX;
        while i < entries.len() && entries[i].key == *key {
            let e = &entries[i];
            i += 1;
            if e.row == last_row {
                continue;
            }
            last_row = e.row;
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&e.row.to_string());
            if e.preferred {
                out.push('n');
            }
            if e.text {
                out.push('t');
            }
        }
        out.push('\n');
    }
    out
}

/// The names of a `places.tsv` text (header row first; rows of the wrong
/// width are skipped here and reported by the loader).
pub fn entries_of_tsv(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (row, line) in text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        let text = spottable(f[14], f[13].trim().parse().unwrap_or(0), f[7]);
        let row = row as u32;
        out.push(Entry {
            key: normalize(f[1]),
            row,
            preferred: true,
            text,
        });
        let alts = std::iter::once(f[2]).chain(f[3].split(','));
        for a in alts.map(str::trim).filter(|a| !a.is_empty()) {
            out.push(Entry {
                key: normalize(a),
                row,
                preferred: false,
                text,
            });
        }
    }
    out
}

/// Parses one entry: (row, preferred, spottable).
pub fn parse_entry(e: &str) -> Option<(u32, bool, bool)> {
    let digits = e.bytes().take_while(u8::is_ascii_digit).count();
    let row = e[..digits].parse().ok()?;
    let flags = &e[digits..];
    Some((row, flags.contains('n'), flags.contains('t')))
}
