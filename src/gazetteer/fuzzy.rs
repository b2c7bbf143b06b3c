//! Fuzzy name lookup by deletion neighbourhoods (the SymSpell idea).
//!
//! Two strings within edit distance `d` share a string obtained by deleting
//! at most `d` characters from each. The index stores, for every known name,
//! the hashes of its deletion variants (of its first [`PREFIX`] characters
//! only, which keeps the index small without losing matches: an edit inside
//! the prefix costs at most one deletion on each side, and an edit past it
//! none). A lookup hashes the query's variants, collects the names sharing
//! one, and confirms each with a bounded optimal-string-alignment distance. Hash collisions only add
//! candidates that the confirmation drops.
//!
//! Cost: building is linear in the number of names (about 30 hashes each);
//! a lookup is at most 29 binary searches plus a handful of edit distances.

/// Characters of a name that take part in the deletion variants.
const PREFIX: usize = 7;

/// The largest edit distance a fuzzy match may have for a query of `n`
/// characters: 0 below 5, 1 for 5–7, 2 from 8.
pub(crate) fn max_distance(n: usize) -> usize {
    if n >= 8 {
        2
    } else if n >= 5 {
        1
    } else {
        0
    }
}

/// Deletions to index for a known name of `n` characters: the most any query
/// within [`max_distance`] of it can need.
fn indexed_deletions(n: usize) -> usize {
    if n >= 6 {
        2
    } else if n >= 4 {
        1
    } else {
        0
    }
}

/// The hash of `chars` without the characters at the `skip` positions.
fn variant_hash(chars: &[char], skip: [usize; 2]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for (i, c) in chars.iter().enumerate() {
        if i != skip[0] && i != skip[1] {
            h.write_u32(u32::from(*c));
        }
    }
    h.finish()
}

/// Pushes the hashes of every string made by deleting up to `max` (at most
/// 2) characters of `s` (duplicates included; callers dedup).
fn deletion_hashes(s: &[char], max: usize, out: &mut Vec<u64>) {
    const NONE: usize = usize::MAX;
    out.push(variant_hash(s, [NONE, NONE]));
    if max == 0 || s.len() <= 1 {
        return;
    }
    for i in 0..s.len() {
        out.push(variant_hash(s, [i, NONE]));
        if max >= 2 && s.len() > 2 {
            for j in i + 1..s.len() {
                out.push(variant_hash(s, [i, j]));
            }
        }
    }
}

/// Optimal-string-alignment distance of `a` and `b` when it is at most
/// `max`, else `None`; stops as soon as a row exceeds `max`. Same result as
/// `normalize::osa_distance` within the bound, without allocating per call.
fn osa_within(a: &[char], b: &[char], max: usize, rows: &mut [Vec<usize>; 3]) -> Option<usize> {
    let m = b.len();
    for r in rows.iter_mut() {
        r.clear();
        r.resize(m + 1, 0);
    }
    // rows[0]: i - 2, rows[1]: i - 1, rows[2]: i.
    for (j, v) in rows[1].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        rows[2][0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[1][j] + 1)
                .min(rows[2][j - 1] + 1)
                .min(rows[1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[0][j - 2] + 1);
            }
            rows[2][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        rows.rotate_left(1);
    }
    // After the last rotation the final row sits in rows[1].
    let d = rows[1][m];
    (d <= max).then_some(d)
}

/// The deletion-neighbourhood index over a gazetteer's normalised names.
#[derive(Debug, Clone, Default)]
pub(crate) struct FuzzyIndex {
    /// The names, sorted.
    keys: Vec<String>,
    /// (low 32 bits of a variant hash, index into `keys`), grouped by the
    /// hash's top `bits` bits: bucket `b` is `entries[starts[b]..starts[b +
    /// 1]]`, so a probe touches one or two cache lines. The bucket and the
    /// low bits together keep collisions rare; a collision only adds a
    /// candidate the edit distance then drops.
    entries: Vec<(u32, u32)>,
    starts: Vec<u32>,
    bits: u32,
}

/// The variant hashes of key `k` (its first [`PREFIX`] characters), into
/// `out` (a repeated letter repeats a variant: the index keeps the repeat,
/// which a lookup's own dedup absorbs); `chars` is scratch.
fn key_hashes(k: &str, chars: &mut Vec<char>, out: &mut Vec<u64>) {
    chars.clear();
    chars.extend(k.chars());
    let max = indexed_deletions(chars.len());
    out.clear();
    deletion_hashes(&chars[..chars.len().min(PREFIX)], max, out);
}

/// Variants [`deletion_hashes`] makes of a name of `n` characters (before
/// removing repeats): what sizes the index before any hashing.
fn variant_count(n: usize) -> usize {
    let p = n.min(PREFIX);
    match indexed_deletions(n) {
        0 => 1,
        _ if p <= 1 => 1,
        1 => 1 + p,
        _ if p <= 2 => 1 + p,
        _ => 1 + p + p * (p - 1) / 2,
    }
}

impl FuzzyIndex {
    /// Builds the index over normalised names: a counting sort into the
    /// buckets, hashing every name twice (once to count, once to place)
    /// rather than holding ~1.7 million (hash, name) pairs to sort; the
    /// build was most of a short `extract` run.
    pub(crate) fn build(mut keys: Vec<String>) -> Self {
        keys.sort_unstable();
        keys.dedup();
        let total: usize = keys.iter().map(|k| variant_count(k.chars().count())).sum();
        // About four entries per bucket (a probe reads one cache line), between
        // 2^8 and 2^22 buckets: the bucket starts stay a quarter of the entries'
        // size, which is memory the build touches once and a run pays in
        // page faults.
        let bits = (usize::BITS - total.leading_zeros())
            .saturating_sub(2)
            .clamp(8, 22);
        let bucket = |h: u64| (h >> (64 - bits)) as usize;
        let (mut chars, mut hashes) = (Vec::new(), Vec::new());
        let mut starts = vec![0u32; (1usize << bits) + 1];
        for k in &keys {
            key_hashes(k, &mut chars, &mut hashes);
            for &h in &hashes {
                starts[bucket(h) + 1] += 1;
            }
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0u32, 0u32); starts[starts.len() - 1] as usize];
        for (i, k) in keys.iter().enumerate() {
            key_hashes(k, &mut chars, &mut hashes);
            for &h in &hashes {
                let slot = &mut next[bucket(h)];
                entries[*slot as usize] = (h as u32, i as u32);
                *slot += 1;
            }
        }
        FuzzyIndex {
            keys,
            entries,
            starts,
            bits,
        }
    }

    /// Known names within `max_d` edits of `query` (normalised), with their
    /// distance, closest first, then alphabetically.
    pub(crate) fn lookup(&self, query: &str, max_d: usize) -> Vec<(&str, usize)> {
        let q: Vec<char> = query.chars().collect();
        let mut hashes = Vec::new();
        deletion_hashes(&q[..q.len().min(PREFIX)], max_d, &mut hashes);
        hashes.sort_unstable();
        hashes.dedup();
        let mut cands: Vec<u32> = Vec::new();
        for h in hashes {
            let b = (h >> (64 - self.bits)) as usize;
            let (lo, hi) = match (self.starts.get(b), self.starts.get(b + 1)) {
                (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
                _ => continue,
            };
            cands.extend(
                self.entries[lo..hi]
                    .iter()
                    .filter(|e| e.0 == h as u32)
                    .map(|e| e.1),
            );
        }
        cands.sort_unstable();
        cands.dedup();
        let mut kc: Vec<char> = Vec::new();
        let mut rows = [Vec::new(), Vec::new(), Vec::new()];
        let mut out: Vec<(&str, usize)> = cands
            .into_iter()
            .filter_map(|i| {
                let k = self.keys[i as usize].as_str();
                kc.clear();
                kc.extend(k.chars());
                if kc.len().abs_diff(q.len()) > max_d {
                    return None;
                }
                osa_within(&q, &kc, max_d, &mut rows).map(|d| (k, d))
            })
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::osa_distance;

    fn index(names: &[&str]) -> FuzzyIndex {
        let v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        FuzzyIndex::build(v)
    }

    #[test]
    fn finds_what_a_full_scan_finds() {
        let names = [
            "kinmparana",
            "segou",
            "tombouctou",
            "timbuktu",
            "menaka",
            "tillaberi",
            "ouagadougou",
            "bandiagara",
            "djenne",
            "ogossagou",
            "boulkessi",
            "diallassagou",
            "douna",
            "dioura",
            "sobane da",
            "tongo tongo",
            "andaramboukane",
            "anderamboukane",
            "gorom gorom",
            "sebba",
        ];
        let idx = index(&names);
        let queries = [
            "kimparana",
            "segu",
            "segoo",
            "tombouctu",
            "timbuctu",
            "tilaberi",
            "ouagadogou",
            "ogosagou",
            "boulkesi",
            "diallasagou",
            "dounaa",
            "sobaneda",
            "tongotongo",
            "andramboukane",
            "gorom gorm",
            "sebbaa",
            "xyzxyzxyz",
            "bandiagrа",
            "kinmparanaa",
            "inmparana",
            "nkimparana",
        ];
        for q in queries {
            let n = q.chars().count();
            let max_d = max_distance(n);
            let mut want: Vec<(&str, usize)> = names
                .iter()
                .map(|k| (*k, osa_distance(q, k)))
                .filter(|(_, d)| *d <= max_d && max_d > 0)
                .collect();
            want.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
            let got = if max_d > 0 {
                idx.lookup(q, max_d)
            } else {
                Vec::new()
            };
            assert_eq!(got, want, "query {q}");
        }
        assert_eq!(idx.lookup("kimparana", 2), vec![("kinmparana", 1)]);
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "segou",
            "sgeou",
            "kinmparana",
            "kimparana",
            "tombouctou",
            "timbuktu",
            "abc",
            "cab",
        ];
        let mut rows = [Vec::new(), Vec::new(), Vec::new()];
        for a in words {
            for b in words {
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = osa_distance(a, b);
                for max in 0..4 {
                    let want = (full <= max).then_some(full);
                    assert_eq!(osa_within(&ac, &bc, max, &mut rows), want, "{a} {b} {max}");
                }
            }
        }
    }

    #[test]
    fn edits_in_the_first_letters_are_found() {
        let idx = index(&["ogossagou", "kinmparana"]);
        assert_eq!(idx.lookup("agossagou", 2), vec![("ogossagou", 1)]);
        assert_eq!(idx.lookup("knimparana", 2), vec![("kinmparana", 1)]);
    }
}
