//! The ids a streamed file has shown so far, in 12 bytes per slot: an
//! open-addressing table of 64-bit id hashes (linear probing) and the line
//! each was first seen on, sized from the file's estimated record count so
//! it rarely grows (a general hash map of the same pairs takes 17 bytes a
//! slot in power-of-two tables, and twice that while it grows).

/// Slots per id at most (load factor 0.85).
const LOAD: f64 = 0.85;

/// Id hash → first line.
pub struct SeenIds {
    /// Hashes; 0 marks an empty slot (a hash of 0 is stored as 1).
    keys: Vec<u64>,
    /// The line of each slot's id (saturated at `u32::MAX`).
    lines: Vec<u32>,
    len: usize,
}

impl SeenIds {
    /// A table for about `expected` ids.
    pub fn with_capacity(expected: usize) -> Self {
        let slots = ((expected.max(1024) as f64 / LOAD) as usize).max(16);
        SeenIds {
            keys: vec![0; slots],
            lines: vec![0; slots],
            len: 0,
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
    pub fn note_all(&mut self, ids: &[(u64, u64)], mut dup: impl FnMut(u64, u64)) {
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
        let mut bigger = SeenIds {
            keys: vec![0; self.keys.len() * 2],
            lines: vec![0; self.keys.len() * 2],
            len: 0,
        };
        for (k, l) in self.keys.iter().zip(&self.lines) {
            if *k != 0 {
                bigger.first_or_insert(*k, u64::from(*l));
            }
        }
        *self = bigger;
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
    use super::{id_hash, SeenIds};

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

    #[test]
    fn noted_in_chunks_as_one_by_one() {
        let ids: Vec<(u64, u64)> = (0..100u64)
            .map(|i| (id_hash(&(i % 37).to_string()), i + 2))
            .collect();
        let mut dups = Vec::new();
        let mut s = SeenIds::with_capacity(10);
        s.note_all(&ids, |line, first| dups.push((line, first)));
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
