//! The ids a streamed file has shown so far, in 12 bytes per slot: an
//! open-addressing table of 64-bit id hashes (linear probing) and the line
//! each was first seen on, sized from the file's estimated record count so
//! it rarely grows (a general hash map of the same pairs takes 17 bytes a
//! slot in power-of-two tables, and twice that while it grows).

use std::collections::BTreeMap;

/// The ids of one block, in line order: runs of consecutive whole numbers
/// on consecutive lines (ids `1, 2, 3…` of most exports), the hashes of
/// the others.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BlockIds {
    /// `(hash, line)` of every id that is not a plain number.
    pub hashed: Vec<(u64, u64)>,
    /// Runs of plain-number ids.
    pub runs: Vec<Run>,
}

/// Ids `start, start + 1, …` on lines `line, line + 1, …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First id.
    pub start: u64,
    /// Its line.
    pub line: u64,
    /// Ids in the run.
    pub len: u64,
}

impl BlockIds {
    /// Notes `id`, on `line` (lines in increasing order).
    pub fn push(&mut self, id: &str, line: u64) {
        match plain_number(id) {
            Some(n) => match self.runs.last_mut() {
                Some(r) if r.start + r.len == n && r.line + r.len == line => r.len += 1,
                _ => self.runs.push(Run {
                    start: n,
                    line,
                    len: 1,
                }),
            },
            None => self.hashed.push((id_hash(id), line)),
        }
    }
}

/// The id as a number when it is written as one plainly (digits, no
/// leading zero, at most 18): two such ids are the same string exactly
/// when they are the same number. Others (`007`, `ML-12`) are hashed.
fn plain_number(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    if b.is_empty() || b.len() > 18 || (b[0] == b'0' && b.len() > 1) {
        return None;
    }
    let mut n = 0u64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(c - b'0');
    }
    Some(n)
}

/// Runs kept as runs at most; past this (numbers in no order) they are
/// hashed like other ids.
const MAX_RUNS: usize = 1 << 20;

/// Slots per id at most (load factor 0.85).
const LOAD: f64 = 0.85;

/// Id hash → first line; plain-number ids as runs (their table is only
/// touched when numbers come in no order).
pub struct SeenIds {
    /// Hashes; 0 marks an empty slot (a hash of 0 is stored as 1).
    keys: Vec<u64>,
    /// The line of each slot's id (saturated at `u32::MAX`).
    lines: Vec<u32>,
    len: usize,
    /// Plain-number ids seen: first id → (ids, line of the first), disjoint.
    runs: BTreeMap<u64, (u64, u64)>,
    /// Too many runs: plain numbers are hashed too from now on.
    numbers_hashed: bool,
}

impl SeenIds {
    /// A table for about `expected` ids.
    pub fn with_capacity(expected: usize) -> Self {
        let slots = ((expected.max(1024) as f64 / LOAD) as usize).max(16);
        SeenIds {
            keys: vec![0; slots],
            lines: vec![0; slots],
            len: 0,
            runs: BTreeMap::new(),
            numbers_hashed: false,
        }
    }

    /// Notes a block's ids; calls `dup(line, first line)` for each id seen
    /// before.
    pub fn note_block(&mut self, ids: &BlockIds, mut dup: impl FnMut(u64, u64)) {
        self.note_all(&ids.hashed, &mut dup);
        for r in &ids.runs {
            self.note_run(*r, &mut dup);
        }
    }

    fn note_run(&mut self, r: Run, dup: &mut impl FnMut(u64, u64)) {
        if self.numbers_hashed {
            for k in 0..r.len {
                let h = id_hash(&(r.start + k).to_string());
                if let Some(first) = self.first_or_insert(h, r.line + k) {
                    dup(r.line + k, first);
                }
            }
            return;
        }
        let overlaps = self
            .runs
            .range(..r.start + r.len)
            .next_back()
            .is_some_and(|(&s, &(l, _))| s + l > r.start);
        if !overlaps {
            self.insert_run(r);
        } else {
            for k in 0..r.len {
                let (n, line) = (r.start + k, r.line + k);
                let hit = self.runs.range(..=n).next_back();
                match hit {
                    Some((&s, &(l, first))) if n < s + l => dup(line, first + (n - s)),
                    _ => self.insert_run(Run {
                        start: n,
                        line,
                        len: 1,
                    }),
                }
            }
        }
        if self.runs.len() > MAX_RUNS {
            self.hash_numbers();
        }
    }

    /// Adds a run that meets no other, joined to its neighbours when it
    /// continues them (in ids and in lines).
    fn insert_run(&mut self, mut r: Run) {
        if let Some((&s, &(l, line))) = self.runs.range(..r.start).next_back() {
            if s + l == r.start && line + l == r.line {
                self.runs.remove(&s);
                r = Run {
                    start: s,
                    line,
                    len: l + r.len,
                };
            }
        }
        let end = r.start + r.len;
        if let Some(&(l, line)) = self.runs.get(&end) {
            if r.line + r.len == line {
                self.runs.remove(&end);
                r.len += l;
            }
        }
        self.runs.insert(r.start, (r.len, r.line));
    }

    /// Moves every run into the hash table.
    fn hash_numbers(&mut self) {
        self.numbers_hashed = true;
        for (s, (l, line)) in std::mem::take(&mut self.runs) {
            for k in 0..l {
                self.first_or_insert(id_hash(&(s + k).to_string()), line + k);
            }
        }
    }

    #[inline]
    fn home(&self, h: u64) -> usize {
        // multiply-shift onto any table size
        ((h as u128 * self.keys.len() as u128) >> 64) as usize
    }

    /// Notes every `(hash, line)` of `ids` in order; returns, for each one
    /// seen before, `(line, first line)`. The slots of a few ids at a time
    /// are loaded together first, so their cache misses overlap.
    pub fn note_all(&mut self, ids: &[(u64, u64)], dup: &mut impl FnMut(u64, u64)) {
        for chunk in ids.chunks(16) {
            let mut touched = 0u64;
            for &(h, _) in chunk {
                touched ^= self.keys[self.home(h.max(1))];
            }
            std::hint::black_box(touched);
            for &(h, line) in chunk {
                if let Some(first) = self.first_or_insert(h, line) {
                    dup(line, first);
                }
            }
        }
    }

    /// The line `h` was first seen on, or `None` after noting it at `line`.
    pub fn first_or_insert(&mut self, h: u64, line: u64) -> Option<u64> {
        let h = h.max(1);
        if (self.len + 1) as f64 > self.keys.len() as f64 * LOAD {
            self.grow();
        }
        let n = self.keys.len();
        let mut i = self.home(h);
        loop {
            match self.keys[i] {
                0 => {
                    self.keys[i] = h;
                    self.lines[i] = u32::try_from(line).unwrap_or(u32::MAX);
                    self.len += 1;
                    return None;
                }
                k if k == h => return Some(u64::from(self.lines[i])),
                _ => i = if i + 1 == n { 0 } else { i + 1 },
            }
        }
    }

    fn grow(&mut self) {
        let mut bigger = SeenIds::with_capacity(0);
        bigger.keys = vec![0; self.keys.len() * 2];
        bigger.lines = vec![0; self.keys.len() * 2];
        for (k, l) in self.keys.iter().zip(&self.lines) {
            if *k != 0 {
                bigger.first_or_insert(*k, u64::from(*l));
            }
        }
        self.keys = bigger.keys;
        self.lines = bigger.lines;
        self.len = bigger.len;
    }
}

/// The hash an id is remembered by (the same on every run): 8 bytes at a
/// time, then a finalizer that spreads every bit (ids of up to 8 bytes and
/// the same length never collide: each step is a bijection).
pub fn id_hash(id: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let b = id.as_bytes();
    let mut h = (b.len() as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(31);
    }
    // murmur3's finalizer
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::{id_hash, BlockIds, SeenIds};

    #[test]
    fn short_ids_never_collide() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..200_000u32 {
            assert!(seen.insert(id_hash(&i.to_string())), "{i}");
            assert!(seen.insert(id_hash(&format!("acled-{i:08}"))), "{i}");
        }
        assert_ne!(id_hash(""), id_hash("\0"));
        assert_eq!(id_hash("ML1234"), id_hash("ML1234"));
    }

    /// Plain-number ids noted as runs find the same repeats, with the same
    /// first lines, as the same ids hashed one by one, in any order and
    /// past the limit of runs.
    #[test]
    fn runs_find_what_hashes_find() {
        let mut seed = 5u64;
        let mut rnd = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for case in 0..60 {
            let n = 1 + rnd(400);
            let ids: Vec<String> = (0..n)
                .map(|k| match rnd(6) {
                    0 => format!("{}", rnd(50)),
                    1 => format!("0{}", rnd(9)),
                    2 => format!("x{}", rnd(9)),
                    _ => format!("{}", k + case),
                })
                .collect();
            // lines with gaps (multi-line records), blocks of a few records
            let mut line = 2;
            let mut blocks: Vec<BlockIds> = Vec::new();
            let mut one_by_one = Vec::new();
            for (k, id) in ids.iter().enumerate() {
                if k % (1 + rnd(30) as usize) == 0 || blocks.is_empty() {
                    blocks.push(BlockIds::default());
                }
                blocks.last_mut().unwrap().push(id, line);
                one_by_one.push((id_hash(id), line));
                line += 1 + u64::from(rnd(5) == 0);
            }
            let mut want = Vec::new();
            SeenIds::with_capacity(10).note_all(&one_by_one, &mut |l, f| want.push((l, f)));
            want.sort_unstable();
            for limit_hit in [false, true] {
                let mut s = SeenIds::with_capacity(10);
                let mut got = Vec::new();
                for (b, ids) in blocks.iter().enumerate() {
                    if limit_hit && b == blocks.len() / 2 {
                        s.hash_numbers();
                    }
                    s.note_block(ids, |l, f| got.push((l, f)));
                }
                got.sort_unstable();
                assert_eq!(got, want, "case {case}, hashed midway: {limit_hit}");
            }
        }
    }

    #[test]
    fn sequential_ids_stay_one_run() {
        let mut s = SeenIds::with_capacity(10);
        for b in 0..100u64 {
            let mut ids = BlockIds::default();
            for k in 0..1000 {
                ids.push(&(b * 1000 + k + 1).to_string(), b * 1000 + k + 2);
            }
            assert_eq!(ids.runs.len(), 1);
            s.note_block(&ids, |l, f| panic!("{l} {f}"));
        }
        assert_eq!(s.runs.len(), 1);
        assert_eq!(s.len, 0, "the hash table is not touched");
        let mut again = BlockIds::default();
        again.push("500", 7);
        let mut dups = Vec::new();
        s.note_block(&again, |l, f| dups.push((l, f)));
        assert_eq!(dups, [(7, 501)]);
    }

    #[test]
    fn noted_in_chunks_as_one_by_one() {
        let ids: Vec<(u64, u64)> = (0..100u64)
            .map(|i| (id_hash(&(i % 37).to_string()), i + 2))
            .collect();
        let mut dups = Vec::new();
        let mut s = SeenIds::with_capacity(10);
        s.note_all(&ids, &mut |line, first| dups.push((line, first)));
        assert_eq!(dups.len(), 63);
        assert_eq!(dups[0], (39, 2));
        assert!(dups.iter().all(|&(l, f)| (l - f) % 37 == 0 && f < 39));
    }

    #[test]
    fn first_line_wins_through_growth() {
        let mut s = SeenIds::with_capacity(10);
        for i in 1..50_000u64 {
            assert_eq!(
                s.first_or_insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i + 2),
                None
            );
        }
        for i in 1..50_000u64 {
            let h = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(s.first_or_insert(h, 99_999_999), Some(i + 2));
        }
        assert_eq!(s.first_or_insert(0, 7), None);
        assert_eq!(s.first_or_insert(0, 8), Some(7));
    }
}
