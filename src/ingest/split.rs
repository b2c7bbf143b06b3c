//! A lean RFC 4180 field splitter for the streaming hot path.
//!
//! It handles the regular shapes of a CSV record — unquoted fields, quoted
//! fields with `""` escapes and embedded newlines, `\n` or `\r\n` endings —
//! and gives up ([`Split::Irregular`]) on anything else (a quote inside an
//! unquoted field, text after a closing quote, an unterminated quote), so the
//! caller can hand that record to the `csv` crate and get exactly what every
//! other reader gets. Fields are byte ranges into the input: nothing is
//! copied or allocated per record.

use std::borrow::Cow;
use std::ops::Range;

/// One field of a record: its byte range (inside the quotes, if quoted) and
/// whether it holds `""` escapes to undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    /// Bytes of the field's content.
    pub range: Range<usize>,
    /// The content holds `""` pairs that stand for one `"`.
    pub escaped: bool,
}

/// What [`split_record`] found at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// A record whose fields were pushed; `end` is just past its line
    /// ending, `newlines` the line breaks it spans (its own ending included).
    Record {
        /// Offset just past the record.
        end: usize,
        /// Line breaks consumed.
        newlines: u64,
    },
    /// An empty line (skipped by CSV readers).
    Blank {
        /// Offset just past the line.
        end: usize,
    },
    /// A shape this splitter leaves to the `csv` crate.
    Irregular,
}

/// Splits the record that starts at `pos` (which must be `< b.len()`),
/// pushing its fields into `out` (cleared first).
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::split::{split_record, field_text, Split};
/// let b = b"1,\"Kaya, Centre-Nord\",\"a \"\"b\"\"\"\r\n2,x,y\n";
/// let mut f = Vec::new();
/// let Split::Record { end, newlines } = split_record(b, 0, b',', &mut f) else { panic!() };
/// assert_eq!((newlines, f.len()), (1, 3));
/// let text = std::str::from_utf8(b).unwrap();
/// assert_eq!(field_text(text, &f[1]), "Kaya, Centre-Nord");
/// assert_eq!(field_text(text, &f[2]), "a \"b\"");
/// assert!(matches!(split_record(b, end, b',', &mut f), Split::Record { .. }));
/// assert_eq!(split_record(b"a\"b,c\n", 0, b',', &mut f), Split::Irregular);
/// ```
pub fn split_record(b: &[u8], pos: usize, delim: u8, out: &mut Vec<FieldSpan>) -> Split {
    Splitter::new(delim).split(b, pos, out)
}

/// [`split_record`] with its byte table built once, for use in a loop.
pub struct Splitter {
    delim: u8,
    /// Bytes that end an unquoted field's scan: the delimiter, `\n`, `"`.
    stop: [bool; 256],
}

impl Splitter {
    /// A splitter for `delim`.
    pub fn new(delim: u8) -> Self {
        let mut stop = [false; 256];
        for c in [delim, b'\n', b'"'] {
            stop[c as usize] = true;
        }
        Splitter { delim, stop }
    }

    /// See [`split_record`].
    pub fn split(&self, b: &[u8], pos: usize, out: &mut Vec<FieldSpan>) -> Split {
        out.clear();
        match (b.get(pos), b.get(pos + 1)) {
            (Some(b'\n'), _) => return Split::Blank { end: pos + 1 },
            (Some(b'\r'), Some(b'\n')) => return Split::Blank { end: pos + 2 },
            _ => {}
        }
        if let Some(done) = self.split_windowed(b, pos, out) {
            return done;
        }
        self.split_general(b, pos, out)
    }

    /// [`Splitter::split`] of a record that does not start with a line
    /// ending, a field at a time: every shape the splitter reads.
    fn split_general(&self, b: &[u8], pos: usize, out: &mut Vec<FieldSpan>) -> Split {
        let delim = self.delim;
        out.clear();
        let len = b.len();
        let mut i = pos;
        let mut newlines = 0u64;
        loop {
            if i < len && b[i] == b'"' {
                let s = i + 1;
                let mut j = s;
                let mut escaped = false;
                let q = loop {
                    let Some(k) = memchr::memchr(b'"', &b[j..]) else {
                        return Split::Irregular; // unterminated
                    };
                    let q = j + k;
                    if b.get(q + 1) == Some(&b'"') {
                        escaped = true;
                        j = q + 2;
                        continue;
                    }
                    break q;
                };
                newlines += memchr::memchr_iter(b'\n', &b[s..q]).count() as u64;
                out.push(FieldSpan {
                    range: s..q,
                    escaped,
                });
                i = q + 1;
                match b.get(i) {
                    None => return Split::Record { end: i, newlines },
                    Some(&c) if c == delim => i += 1,
                    Some(b'\n') => {
                        return Split::Record {
                            end: i + 1,
                            newlines: newlines + 1,
                        }
                    }
                    Some(b'\r') if b.get(i + 1) == Some(&b'\n') => {
                        return Split::Record {
                            end: i + 2,
                            newlines: newlines + 1,
                        }
                    }
                    _ => return Split::Irregular,
                }
            } else {
                // unquoted: fields in big tables are short, so eight bytes
                // at a time beat a vectorised search here
                let s = i;
                let j = self.find_stop(b, i);
                if j == len {
                    out.push(FieldSpan {
                        range: s..len,
                        escaped: false,
                    });
                    return Split::Record { end: len, newlines };
                }
                match b[j] {
                    b'"' => return Split::Irregular,
                    b'\n' => {
                        let e = if j > s && b[j - 1] == b'\r' { j - 1 } else { j };
                        out.push(FieldSpan {
                            range: s..e,
                            escaped: false,
                        });
                        return Split::Record {
                            end: j + 1,
                            newlines: newlines + 1,
                        };
                    }
                    _ => {
                        out.push(FieldSpan {
                            range: s..j,
                            escaped: false,
                        });
                        i = j + 1;
                    }
                }
            }
        }
    }
}

/// `0x80` in every byte of `w` equal to the byte `c` repeats (`c` times
/// `0x0101…`), `0` in every other byte. Exact in every byte: no borrow
/// runs from one byte into the next.
#[inline]
fn bytes_equal(w: u64, c: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ c;
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The closing quote of a quoted field whose content starts at `s`, and
/// whether the content holds `""` escapes; `None` when it is never closed.
#[inline]
fn closing_quote(b: &[u8], s: usize) -> Option<(usize, bool)> {
    let mut j = s;
    let mut escaped = false;
    loop {
        let q = j + memchr::memchr(b'"', &b[j..])?;
        if b.get(q + 1) == Some(&b'"') {
            escaped = true;
            j = q + 2;
            continue;
        }
        return Some((q, escaped));
    }
}

/// Bytes looked at together by [`Splitter::split_windowed`].
const WINDOW: usize = 32;

/// Bit `k` set when the top bit of byte `k` of `x` is (the bytes' top bits
/// gathered into the low byte: each lands in its own bit of the top byte
/// of the product, and no two products overlap).
#[inline]
fn top_bits(x: u64) -> u32 {
    (((x & 0x8080_8080_8080_8080).wrapping_mul(0x0002_0408_1020_4081)) >> 56) as u32
}

impl Splitter {
    /// Bit `k` set when byte `k` of `w` is the delimiter, `\n` or `"`
    /// (written so that the compiler compares the bytes sixteen at a time).
    #[inline]
    fn stop_mask(&self, w: &[u8; WINDOW]) -> u32 {
        let mut hit = [0u8; WINDOW];
        for (h, &c) in hit.iter_mut().zip(w) {
            *h = u8::from((c == self.delim) | (c == b'\n') | (c == b'"')).wrapping_neg();
        }
        let mut m = 0u32;
        for (k, word) in hit.chunks_exact(8).enumerate() {
            let mut x = [0u8; 8];
            x.copy_from_slice(word);
            m |= top_bits(u64::from_le_bytes(x)) << (8 * k);
        }
        m
    }

    /// The record at `pos` read from one mask of stop bytes per [`WINDOW`]
    /// bytes instead of a search per field (quoted fields still searched
    /// for their closing quote): the same fields and ending as the general
    /// loop. `None` (with `out` left partly filled) for anything but the
    /// regular shapes, or a record that reaches the last [`WINDOW`] bytes
    /// of `b`: the general loop reads it then.
    #[inline]
    fn split_windowed(&self, b: &[u8], pos: usize, out: &mut Vec<FieldSpan>) -> Option<Split> {
        let mut start = pos;
        let mut at = pos;
        let mut newlines = 0u64;
        'window: while let Some(w) = b.get(at..at + WINDOW) {
            let mut m = self.stop_mask(w.try_into().ok()?);
            while m != 0 {
                let j = at + m.trailing_zeros() as usize;
                m &= m - 1;
                match b[j] {
                    b'"' if j == start => {
                        let (q, escaped) = closing_quote(b, j + 1)?;
                        newlines += memchr::memchr_iter(b'\n', &b[j + 1..q]).count() as u64;
                        out.push(FieldSpan {
                            range: j + 1..q,
                            escaped,
                        });
                        let i = q + 1;
                        match b.get(i) {
                            None => return Some(Split::Record { end: i, newlines }),
                            Some(&c) if c == self.delim => {
                                start = i + 1;
                                at = start;
                                continue 'window;
                            }
                            Some(b'\n') => {
                                return Some(Split::Record {
                                    end: i + 1,
                                    newlines: newlines + 1,
                                })
                            }
                            Some(b'\r') if b.get(i + 1) == Some(&b'\n') => {
                                return Some(Split::Record {
                                    end: i + 2,
                                    newlines: newlines + 1,
                                })
                            }
                            _ => return None,
                        }
                    }
                    b'"' => return None,
                    b'\n' => {
                        let e = if j > start && b[j - 1] == b'\r' {
                            j - 1
                        } else {
                            j
                        };
                        out.push(FieldSpan {
                            range: start..e,
                            escaped: false,
                        });
                        return Some(Split::Record {
                            end: j + 1,
                            newlines: newlines + 1,
                        });
                    }
                    _ => {
                        out.push(FieldSpan {
                            range: start..j,
                            escaped: false,
                        });
                        start = j + 1;
                    }
                }
            }
            at += WINDOW;
        }
        None
    }

    /// The first position from `i` holding the delimiter, `\n` or `"`
    /// (`b.len()` when none does): eight bytes at a time, then byte by byte.
    #[inline]
    fn find_stop(&self, b: &[u8], mut i: usize) -> usize {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let (d, nl, q) = (
            ONES * self.delim as u64,
            ONES * b'\n' as u64,
            ONES * b'"' as u64,
        );
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            let m = bytes_equal(w, d) | bytes_equal(w, nl) | bytes_equal(w, q);
            if m != 0 {
                return i + (m.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        b[i..]
            .iter()
            .position(|&c| self.stop[c as usize])
            .map_or(b.len(), |k| i + k)
    }
}

/// True when every `\r` in `b` is followed by `\n` (a lone `\r` ends a record
/// for the `csv` crate, and this splitter does not handle that).
pub fn carriage_returns_paired(b: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', b).all(|i| b.get(i + 1) == Some(&b'\n'))
}

/// The text of a field of `text` (the same bytes [`split_record`] saw).
/// Field bounds sit next to ASCII delimiters, so slicing cannot split a
/// character; `""` pairs are undone.
#[inline]
pub fn field_text<'a>(text: &'a str, f: &FieldSpan) -> Cow<'a, str> {
    let s = text.get(f.range.clone()).unwrap_or("");
    if f.escaped {
        Cow::Owned(s.replace("\"\"", "\""))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits every record of `input` with the splitter and with the `csv`
    /// crate (flexible, no headers) and requires the same fields and lines,
    /// or an Irregular verdict.
    fn same_as_csv(input: &str) -> bool {
        let b = input.as_bytes();
        let mut ours: Vec<(u64, Vec<String>)> = Vec::new();
        let mut pos = 0;
        let mut line = 1u64;
        let mut f = Vec::new();
        while pos < b.len() {
            match split_record(b, pos, b',', &mut f) {
                Split::Record { end, newlines } => {
                    ours.push((
                        line,
                        f.iter()
                            .map(|x| field_text(input, x).into_owned())
                            .collect(),
                    ));
                    line += newlines;
                    pos = end;
                }
                Split::Blank { end } => {
                    line += 1;
                    pos = end;
                }
                Split::Irregular => return false,
            }
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(b);
        let theirs: Vec<(u64, Vec<String>)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                // the line the record starts on (csv-core's own line counter
                // lags by one after a CRLF ending)
                let mut at = r.position().unwrap().byte() as usize;
                while matches!(b.get(at), Some(b'\n' | b'\r')) {
                    at += 1;
                }
                let line = 1 + memchr::memchr_iter(b'\n', &b[..at]).count() as u64;
                (line, r.iter().map(str::to_string).collect())
            })
            .collect();
        assert_eq!(ours, theirs, "input {input:?}");
        true
    }

    #[test]
    fn regular_records_match_the_csv_crate() {
        for input in [
            "a,b,c\n1,2,3\n",
            "a,b,c\r\n1,2,3\r\n",
            "a,,c\n,,\n",
            "a,b\n\n\nc,d\n",
            "a,b\r\n\r\nc,d",
            "\"x, y\",z\n",
            "\"line\nbreak\",2\nnext,3\n",
            "\"\"\"quoted\"\"\",\"\"\n",
            "Tillabéri,Ségou,\"Ménaka, \"\"est\"\"\"\n",
            "one",
            "last,\"quoted at eof\"",
            "trailing,delim,\n",
        ] {
            assert!(same_as_csv(input), "{input:?} was called irregular");
        }
    }

    #[test]
    fn irregular_shapes_are_refused() {
        let mut f = Vec::new();
        for input in [
            "5\" gun,x\n",
            "\"closed\"then,x\n",
            "\"never closed,x\n",
            "\"a\" ,b\n",
        ] {
            assert_eq!(
                split_record(input.as_bytes(), 0, b',', &mut f),
                Split::Irregular,
                "{input:?}"
            );
        }
    }

    #[test]
    fn lone_carriage_returns_are_detected() {
        assert!(carriage_returns_paired(b"a,b\r\nc,d\r\n"));
        assert!(carriage_returns_paired(b"a,b\nc,d"));
        assert!(!carriage_returns_paired(b"a,b\rc,d\r\n"));
        assert!(!carriage_returns_paired(b"a,b\r"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// On any text without a lone `\r`, the splitter either agrees with
        /// the `csv` crate record for record, or calls the input irregular.
        #[test]
        fn agrees_with_the_csv_crate_or_refuses(s in "[a,\"\n\r é]{0,40}") {
            if carriage_returns_paired(s.as_bytes()) {
                let _ = same_as_csv(&s);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The word-at-a-time search finds the first delimiter, `\n` or `"`
        /// that a byte-by-byte search finds, from any start, for any bytes.
        #[test]
        fn find_stop_is_the_first_stop_byte(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            start in 0usize..40,
            delim in proptest::sample::select(vec![b',', b';', b'\t', b'|', 0x80, 0xff, 0]),
        ) {
            let sp = Splitter::new(delim);
            let i = start.min(bytes.len());
            let want = bytes[i..]
                .iter()
                .position(|&c| c == delim || c == b'\n' || c == b'"')
                .map_or(bytes.len(), |k| i + k);
            proptest::prop_assert_eq!(sp.find_stop(&bytes, i), want);
        }
    }

    #[test]
    fn find_stop_sees_every_byte_of_a_word() {
        let sp = Splitter::new(b',');
        for at in 0..24 {
            for c in [b',', b'\n', b'"'] {
                let mut b = vec![b'x'; 24];
                b[at] = c;
                // neighbours one off the searched values
                if at > 0 {
                    b[at - 1] = c.wrapping_add(1);
                }
                assert_eq!(sp.find_stop(&b, 0), at);
            }
        }
        assert_eq!(
            sp.find_stop(&[0x2d, 0xac, 0x0b, 0x23, 0x01, 0x00, 0x2b, 0x2d], 0),
            8
        );
    }

    #[test]
    fn stop_mask_marks_every_stop_byte() {
        for delim in [b',', b';', b'\t', 0x80, 0xff, 0] {
            let sp = Splitter::new(delim);
            for at in 0..WINDOW {
                for c in [delim, b'\n', b'"', delim.wrapping_add(1), 0x7f, 0x80] {
                    let mut w = [b'x'; WINDOW];
                    w[at] = c;
                    let want = u32::from(c == delim || c == b'\n' || c == b'"') << at;
                    assert_eq!(sp.stop_mask(&w), want, "{delim} {at} {c}");
                }
            }
            let w: [u8; WINDOW] = std::array::from_fn(|k| [delim, b'\n', b'"', b'a'][k % 4]);
            assert_eq!(sp.stop_mask(&w), 0x7777_7777, "{delim}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Records longer than a window split the same with the window
        /// path as with the general loop alone.
        #[test]
        fn windows_split_as_the_general_loop(
            s in "[ab,;\"\n\r é]{0,150}",
            delim in proptest::sample::select(vec![b',', b';']),
        ) {
            let b = s.as_bytes();
            let sp = Splitter::new(delim);
            let (mut f, mut g) = (Vec::new(), Vec::new());
            let mut pos = 0;
            while pos < b.len() {
                let got = sp.split(b, pos, &mut f);
                let want = match (b.get(pos), b.get(pos + 1)) {
                    (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => got,
                    _ => sp.split_general(b, pos, &mut g),
                };
                if !matches!(got, Split::Blank { .. }) {
                    proptest::prop_assert_eq!(&f, &g);
                }
                proptest::prop_assert_eq!(got, want);
                match got {
                    Split::Record { end, .. } | Split::Blank { end } => pos = end,
                    Split::Irregular => break,
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Regular records of plain and quoted fields (escapes, commas and
        /// line breaks inside quotes), most longer than a window, split as
        /// the `csv` crate splits them.
        #[test]
        fn built_records_match_the_csv_crate(
            recs in proptest::collection::vec(
                proptest::collection::vec("[a-z é]{0,12}|\"([a-z, é\n]|\"\"){0,14}\"", 1..10),
                1..6,
            ),
            crlf in proptest::bool::ANY,
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let text: String = recs.iter().map(|r| r.join(",") + end).collect();
            proptest::prop_assert!(same_as_csv(&text), "{:?} was called irregular", text);
        }
    }

    #[test]
    fn other_delimiters() {
        let mut f = Vec::new();
        let b = b"a;\"b;c\";d\n";
        assert!(matches!(
            split_record(b, 0, b';', &mut f),
            Split::Record {
                end: 10,
                newlines: 1
            }
        ));
        let t = std::str::from_utf8(b).unwrap();
        let got: Vec<_> = f.iter().map(|x| field_text(t, x)).collect();
        assert_eq!(got, ["a", "b;c", "d"]);
    }
}
