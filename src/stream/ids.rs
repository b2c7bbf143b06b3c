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

#[cfg(test)]
mod tests {
    use super::SeenIds;

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
