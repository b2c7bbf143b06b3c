//! The tally sink's sums: per level, one table keyed by (source, region,
//! period), packed into a `u64` for the usual case (a region of the level
//! and a dated period). The level's total is not kept apart: it is the sum
//! of its sources' cells, made once at the end.
//!
//! A record's sums go to a short queue first; when it is full, the cells of
//! the whole queue are touched before any is added to, so their cache misses
//! overlap instead of coming one after the other (the table is larger than
//! a core's cache: ~230,000 cells at 10 M records, region × month × source).
//! Cells hold 32-bit sums (two to a cache line); one that would overflow is
//! moved to the 64-bit map first.
//!
//! Sums are plain integer additions, so a worker keeps one `Sums` for every
//! block it reads and the parts are merged at the end. A block read again
//! (a repeated id found when it is committed) takes its first reading back
//! out with [`Sums::subtract`]; the arithmetic wraps, so the order of the
//! parts does not matter, and a cell whose count comes back to zero is
//! dropped.

use crate::aggregate::{Aggregate, CellKey, Tally};
use crate::model::Deaths;
use crate::period::{Granularity, Period};
use crate::region::Slot;
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap as HashMap;

/// Bits of the source index in a packed key.
const SRC_BITS: u32 = 11;
/// Bits of the region index in a packed key.
const REGION_BITS: u32 = 21;
/// Bits of the period (granularity, 3, and start day, 28) in a packed key.
const PERIOD_BITS: u32 = 31;

/// A dated period packed in the low 31 bits of a key: granularity (3 bits)
/// and start day (days since 0001-01-01, 28 bits). `None` for an undated
/// period or a start out of range.
#[inline]
pub fn pack_period(period: &Period) -> Option<u32> {
    let Period::Dated {
        start, granularity, ..
    } = period
    else {
        return None;
    };
    let days = u32::try_from(start.num_days_from_ce()).ok()?;
    if days >= 1 << 28 {
        return None;
    }
    let g = match granularity {
        Granularity::Day => 0u32,
        Granularity::Week => 1,
        Granularity::Month => 2,
        Granularity::Quarter => 3,
        Granularity::Year => 4,
    };
    Some((g << 28) | days)
}

fn unpack_period(bits: u32) -> Option<Period> {
    let g = match (bits >> 28) & 0b111 {
        0 => Granularity::Day,
        1 => Granularity::Week,
        2 => Granularity::Month,
        3 => Granularity::Quarter,
        _ => Granularity::Year,
    };
    let start = NaiveDate::from_num_days_from_ce_opt((bits & ((1 << 28) - 1)) as i32)?;
    Some(Period::of(start, g))
}

#[inline]
fn pack(src: u32, region: usize, period: u32) -> Option<u64> {
    if src >= 1 << SRC_BITS || region >= 1 << REGION_BITS {
        return None;
    }
    Some(
        ((src as u64) << (REGION_BITS + PERIOD_BITS))
            | ((region as u64) << PERIOD_BITS)
            | period as u64,
    )
}

fn unpack(key: u64) -> Option<(u32, CellKey)> {
    let src = (key >> (REGION_BITS + PERIOD_BITS)) as u32;
    let region = ((key >> PERIOD_BITS) & ((1 << REGION_BITS) - 1)) as usize;
    let period = unpack_period((key & ((1 << PERIOD_BITS) - 1)) as u32)?;
    Some((src, (Slot::Region(region), period)))
}

fn with_src(key: u64, src: u32) -> u64 {
    (key & ((1 << (REGION_BITS + PERIOD_BITS)) - 1)) | ((src as u64) << (REGION_BITS + PERIOD_BITS))
}

/// `a += b`, wrapping (a block taken back out may pass below zero for a
/// while: the final sums are exact).
fn add(a: &mut Tally, b: &Tally) {
    a.events = a.events.wrapping_add(b.events);
    a.deaths_low = a.deaths_low.wrapping_add(b.deaths_low);
    a.deaths_best = a.deaths_best.wrapping_add(b.deaths_best);
    a.deaths_high = a.deaths_high.wrapping_add(b.deaths_high);
    a.open_high = a.open_high.wrapping_add(b.open_high);
    a.unknown_toll = a.unknown_toll.wrapping_add(b.unknown_toll);
}

fn negated(t: &Tally) -> Tally {
    Tally {
        events: t.events.wrapping_neg(),
        deaths_low: t.deaths_low.wrapping_neg(),
        deaths_best: t.deaths_best.wrapping_neg(),
        deaths_high: t.deaths_high.wrapping_neg(),
        open_high: t.open_high.wrapping_neg(),
        unknown_toll: t.unknown_toll.wrapping_neg(),
    }
}

/// A cell of the fast table: a packed key (top bit set: in use) and its
/// sums in 32 bits.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Cell {
    key: u64,
    events: u32,
    low: u32,
    best: u32,
    high: u32,
    open_high: u32,
    unknown_toll: u32,
}

const USED: u64 = 1 << 63;

/// What one record adds to a cell (as [`Tally::add_counts`] adds it).
#[derive(Clone, Copy)]
struct Add {
    low: u32,
    best: u32,
    high: u32,
    open_high: u32,
    unknown_toll: u32,
}

impl Add {
    fn of(Deaths { low, best, high }: Deaths) -> Add {
        match best {
            Some(b) => Add {
                low: low.unwrap_or(b),
                best: b,
                high: high.unwrap_or(b),
                open_high: high.is_none() as u32,
                unknown_toll: 0,
            },
            None => Add {
                low: 0,
                best: 0,
                high: 0,
                open_high: 0,
                unknown_toll: 1,
            },
        }
    }
}

impl Cell {
    /// Adds `a`; false (and nothing added) when a sum would overflow.
    #[inline]
    fn add(&mut self, a: &Add) -> bool {
        let (events, o1) = self.events.overflowing_add(1);
        let (low, o2) = self.low.overflowing_add(a.low);
        let (best, o3) = self.best.overflowing_add(a.best);
        let (high, o4) = self.high.overflowing_add(a.high);
        let (open_high, o5) = self.open_high.overflowing_add(a.open_high);
        let (unknown_toll, o6) = self.unknown_toll.overflowing_add(a.unknown_toll);
        if o1 | o2 | o3 | o4 | o5 | o6 {
            return false;
        }
        *self = Cell {
            key: self.key,
            events,
            low,
            best,
            high,
            open_high,
            unknown_toll,
        };
        true
    }

    fn tally(&self) -> Tally {
        Tally {
            events: self.events.into(),
            deaths_low: self.low.into(),
            deaths_best: self.best.into(),
            deaths_high: self.high.into(),
            open_high: self.open_high.into(),
            unknown_toll: self.unknown_toll.into(),
        }
    }
}

/// Open addressing (linear probing) over packed keys.
struct Table {
    cells: Vec<Cell>,
    len: usize,
    shift: u32,
}

impl Default for Table {
    fn default() -> Self {
        Table::with_bits(10)
    }
}

impl Table {
    fn with_bits(bits: u32) -> Table {
        Table {
            cells: vec![Cell::default(); 1 << bits],
            len: 0,
            shift: 64 - bits,
        }
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The cell of `key` (`key | USED`), made when new.
    #[inline]
    fn cell(&mut self, key: u64) -> &mut Cell {
        if 2 * (self.len + 1) > self.cells.len() {
            self.grow();
        }
        let mask = self.cells.len() - 1;
        let mut i = self.home(key);
        loop {
            let k = self.cells[i].key;
            if k == key {
                return &mut self.cells[i];
            }
            if k == 0 {
                self.len += 1;
                self.cells[i].key = key;
                return &mut self.cells[i];
            }
            i = (i + 1) & mask;
        }
    }

    /// Loads the home cell of `key` (its cache line, for a later [`Table::cell`]).
    #[inline]
    fn touch(&self, key: u64) -> u64 {
        self.cells[self.home(key)].key
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, Table::with_bits(bits));
        for c in old.cells.into_iter().filter(|c| c.key != 0) {
            let len = self.len;
            *self.cell(c.key) = c;
            debug_assert_eq!(self.len, len + 1);
        }
    }

    fn drain(&mut self) -> impl Iterator<Item = (u64, Tally)> + '_ {
        self.len = 0;
        self.cells
            .iter_mut()
            .filter(|c| c.key != 0)
            .map(|c| (c.key & !USED, std::mem::take(c).tally()))
    }
}

/// A record's sums waiting in the queue.
#[derive(Clone, Copy)]
struct Pending {
    level: u32,
    key: u64,
    add: Add,
}

/// Records queued before their cells are touched together.
const QUEUE: usize = 32;

/// One level's sums.
#[derive(Default)]
struct LevelSums {
    /// (source, region, dated period) packed, 32-bit sums.
    fast: Table,
    /// The same keys, 64-bit sums: what the fast table moved out, and the
    /// merged parts.
    packed: HashMap<u64, Tally>,
    /// Everything else: (source, slot, period).
    other: HashMap<(u32, CellKey), Tally>,
}

/// The sums of a worker (or of the whole file), every level, by source.
#[derive(Default)]
pub struct Sums {
    levels: Vec<LevelSums>,
    queue: Vec<Pending>,
    /// Source names, by index.
    sources: Vec<String>,
    by_name: HashMap<String, u32>,
    /// The indexes of short names seen lately, by a hash of the name.
    recent: [(ShortName, u32); 16],
}

/// A name of 1 to 24 bytes, whole: its length and its bytes in three
/// words (zero-padded), so that equal keys are equal names.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct ShortName {
    len: u8,
    words: [u64; 3],
}

impl ShortName {
    #[inline]
    fn of(b: &[u8]) -> Option<ShortName> {
        if b.is_empty() || b.len() > 24 {
            return None;
        }
        let mut bytes = [0u8; 24];
        bytes[..b.len()].copy_from_slice(b);
        let word = |k: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[8 * k..8 * k + 8]);
            u64::from_le_bytes(w)
        };
        Some(ShortName {
            len: b.len() as u8,
            words: [word(0), word(1), word(2)],
        })
    }

    /// Its place among [`Sums`]'s recent names.
    #[inline]
    fn slot(&self) -> usize {
        let [a, b, c] = self.words;
        let x = a ^ b.rotate_left(29) ^ c.rotate_left(43) ^ u64::from(self.len);
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 60) as usize
    }
}

impl Sums {
    /// Empty sums over `levels` levels.
    pub fn new(levels: usize) -> Self {
        Sums {
            levels: (0..levels).map(|_| LevelSums::default()).collect(),
            ..Sums::default()
        }
    }

    /// The index of source `name` (added when new). A table's sources are
    /// a few short names, so the last index of each is kept by the name's
    /// bytes: no hash of the text and no comparison of it per record.
    #[inline]
    pub fn source(&mut self, name: &str) -> u32 {
        let Some(key) = ShortName::of(name.as_bytes()) else {
            return self.source_by_name(name);
        };
        let at = key.slot();
        if self.recent[at].0 == key {
            return self.recent[at].1;
        }
        let i = self.source_by_name(name);
        self.recent[at] = (key, i);
        i
    }

    /// [`Sums::source`] through the map of names.
    fn source_by_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.sources.len() as u32;
        self.sources.push(name.to_string());
        self.by_name.insert(name.to_string(), i);
        i
    }

    /// Counts a record's tolls in `slot` × `period` for source `src` at
    /// `level`; `packed_period` is [`pack_period`] of `period`.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        level: usize,
        src: u32,
        slot: &Slot,
        period: Period,
        packed_period: Option<u32>,
        deaths: Deaths,
    ) {
        if let (Slot::Region(i), Some(pp)) = (slot, packed_period) {
            if let Some(key) = pack(src, *i, pp) {
                self.queue.push(Pending {
                    level: level as u32,
                    key: key | USED,
                    add: Add::of(deaths),
                });
                if self.queue.len() == QUEUE {
                    self.flush();
                }
                return;
            }
        }
        let l = &mut self.levels[level];
        l.other
            .entry((src, (slot.clone(), period)))
            .or_default()
            .add_counts(deaths);
    }

    /// Adds the queued records: their cells are loaded first, together.
    fn flush(&mut self) {
        let mut touched = 0u64;
        for q in &self.queue {
            touched ^= self.levels[q.level as usize].fast.touch(q.key);
        }
        std::hint::black_box(touched);
        for q in self.queue.drain(..) {
            let l = &mut self.levels[q.level as usize];
            let cell = l.fast.cell(q.key);
            if !cell.add(&q.add) {
                // 32 bits are not enough: move the sums so far to 64 bits
                let t = cell.tally();
                *cell = Cell {
                    key: cell.key,
                    ..Cell::default()
                };
                cell.add(&q.add);
                add(l.packed.entry(q.key & !USED).or_default(), &t);
            }
        }
    }

    /// Moves the fast tables' sums to the 64-bit maps.
    fn settle(&mut self) {
        self.flush();
        for l in &mut self.levels {
            let LevelSums { fast, packed, .. } = l;
            if fast.len == 0 {
                continue;
            }
            packed.reserve(fast.len);
            for (k, t) in fast.drain() {
                add(packed.entry(k).or_default(), &t);
            }
        }
    }

    /// Settles the sums and gives back the fast tables' memory: a worker
    /// does this once it has read its last block, so the workers' parts
    /// are made ready at the same time instead of one after the other by
    /// the thread that merges them.
    pub fn seal(&mut self) {
        self.settle();
        for l in &mut self.levels {
            l.fast = Table::with_bits(4);
        }
    }

    /// Cells held (both maps, every level): the size of the part.
    fn cells(&self) -> usize {
        self.levels
            .iter()
            .map(|l| l.fast.len + l.packed.len() + l.other.len())
            .sum()
    }

    /// The sum of `parts`: the largest is kept and the others are added
    /// to it (a merge costs one map search per cell of the smaller part).
    pub fn sum_of(mut parts: Vec<Sums>) -> Sums {
        let Some(big) = (0..parts.len()).max_by_key(|&i| parts[i].cells()) else {
            return Sums::default();
        };
        let mut acc = parts.swap_remove(big);
        for p in parts {
            acc.absorb(p);
        }
        acc
    }

    /// Adds `o` (`sign` false: takes it out).
    fn merge(&mut self, mut o: Sums, sign: bool) {
        o.settle();
        let remap: Vec<u32> = o.sources.iter().map(|s| self.source(s)).collect();
        for (mine, theirs) in self.levels.iter_mut().zip(o.levels) {
            for (k, t) in theirs.packed {
                let src = (k >> (REGION_BITS + PERIOD_BITS)) as usize;
                let t = if sign { t } else { negated(&t) };
                add(mine.packed.entry(with_src(k, remap[src])).or_default(), &t);
            }
            for ((src, key), t) in theirs.other {
                let t = if sign { t } else { negated(&t) };
                add(
                    mine.other.entry((remap[src as usize], key)).or_default(),
                    &t,
                );
            }
        }
    }

    /// Adds another part's sums.
    pub fn absorb(&mut self, o: Sums) {
        self.merge(o, true);
    }

    /// Takes out sums added before (a block's first reading).
    pub fn subtract(&mut self, o: Sums) {
        self.merge(o, false);
    }

    /// Per level, the aggregate and its parts by source name (sorted by
    /// name; only sources with a cell at that level).
    pub fn into_aggregates(mut self, g: Granularity) -> Vec<(Aggregate, Vec<(String, Aggregate)>)> {
        self.settle();
        let sources = self.sources;
        self.levels
            .into_iter()
            .map(|l| {
                let mut parts: Vec<Vec<(CellKey, Tally)>> = vec![Vec::new(); sources.len()];
                // in key order (source, region, period): each source's cells
                // then come sorted, and the sorts of `from_cells` find runs
                let mut packed: Vec<(u64, Tally)> = l.packed.into_iter().collect();
                packed.sort_unstable_by_key(|c| c.0);
                let packed = packed.into_iter().filter_map(|(k, t)| {
                    let (src, key) = unpack(k)?;
                    Some((src, key, t))
                });
                let other = l.other.into_iter().map(|((src, key), t)| (src, key, t));
                for (src, key, t) in packed.chain(other) {
                    // a cell taken back out to nothing was never counted
                    if t.events != 0 {
                        parts[src as usize].push((key, t));
                    }
                }
                // the total and the parts on two threads
                let (all, mut by_source) = std::thread::scope(|s| {
                    let all = s.spawn(|| Aggregate::from_cells(g, parts.iter().flatten().cloned()));
                    let by_source: Vec<(String, Aggregate)> = parts
                        .iter()
                        .zip(&sources)
                        .filter(|(cells, _)| !cells.is_empty())
                        .map(|(cells, name)| {
                            (
                                name.clone(),
                                Aggregate::from_cells(g, cells.iter().cloned()),
                            )
                        })
                        .collect();
                    let all = all.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                    (all, by_source)
                });
                by_source.sort_by(|a, b| a.0.cmp(&b.0));
                (all, by_source)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn short_names_give_the_index_of_their_name() {
        let names = [
            "ACLED",
            "AFP",
            "AFP, Reuters",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghijklmnopq",
            "Human Rights Watch",
            "abcdefghijklmnopqrstuvwx",
            "abcdefghijklmnopqrstuvwy",
            "abcdefghijklmnopqrstuvwxy",
            "Le Républicain",
            "",
            "a",
            "a\0",
            "b",
        ];
        let mut sums = Sums::new(1);
        let mut want = std::collections::HashMap::new();
        for round in 0..3 {
            for (k, n) in names.iter().enumerate() {
                let n = names[(k * 5 + round) % names.len()].to_string() + &n[..0];
                let i = sums.source(&n);
                let first = *want.entry(n.clone()).or_insert(i);
                assert_eq!(i, first, "{n:?}");
                assert_eq!(sums.sources[i as usize], n);
            }
        }
        assert_eq!(sums.sources.len(), names.len());
    }

    #[test]
    fn keys_round_trip() {
        for g in Granularity::ALL {
            let p = Period::of(day(2019, 7, 14), g);
            let k = pack(2047, (1 << 21) - 1, pack_period(&p).unwrap()).unwrap();
            assert_eq!(unpack(k), Some((2047, (Slot::Region((1 << 21) - 1), p))));
        }
        assert_eq!(pack(1 << 11, 0, 0), None);
        assert_eq!(pack(0, 1 << 21, 0), None);
        assert_eq!(pack_period(&Period::Undated), None);
    }

    #[test]
    fn sums_past_32_bits_move_to_64() {
        let p = Period::of(day(2020, 1, 5), Granularity::Month);
        let mut s = Sums::new(1);
        let src = s.source("x");
        for _ in 0..5 {
            let pp = pack_period(&p);
            s.add(
                0,
                src,
                &Slot::Region(7),
                p,
                pp,
                Deaths::new(None, Some(u32::MAX), None),
            );
        }
        let out = s.into_aggregates(Granularity::Month);
        let t = &out[0].0.grand;
        assert_eq!(
            (t.events, t.deaths_best, t.deaths_high, t.open_high),
            (5, 5 * u32::MAX as u64, 5 * u32::MAX as u64, 5)
        );
        assert_eq!(out[0].0.cells.len(), 1);
    }

    #[test]
    fn a_block_taken_back_out_leaves_no_cell() {
        let p = Period::of(day(2020, 1, 5), Granularity::Month);
        let pp = pack_period(&p);
        let mut whole = Sums::new(1);
        let mut block = Sums::new(1);
        let (a, b) = (block.source("b"), block.source("a"));
        block.add(
            0,
            a,
            &Slot::Region(3),
            p,
            pp,
            Deaths::new(Some(1), Some(2), Some(3)),
        );
        block.add(
            0,
            b,
            &Slot::Unassigned,
            p,
            pp,
            Deaths::new(None, Some(5), None),
        );
        // taken out before it was added: the arithmetic wraps
        let mut again = Sums::new(1);
        let a2 = again.source("b");
        again.add(
            0,
            a2,
            &Slot::Region(3),
            p,
            pp,
            Deaths::new(Some(1), Some(2), Some(3)),
        );
        whole.subtract(again);
        let kept = whole.source("a");
        whole.add(
            0,
            kept,
            &Slot::Region(1),
            p,
            pp,
            Deaths::new(Some(0), Some(0), Some(0)),
        );
        whole.absorb(block);
        let out = whole.into_aggregates(Granularity::Month);
        let (all, by_source) = &out[0];
        // b's region-3 cell came back to nothing: gone, and b with it
        assert_eq!(all.cells.len(), 2, "{:?}", all.cells);
        assert_eq!(all.grand.events, 2);
        assert_eq!(all.grand.deaths_best, 5);
        let names: Vec<&str> = by_source.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a"]);
        assert_eq!(by_source[0].1, *all);
    }
}
