//! CSV/TSV incident tables: the generic reader, and the dispatch to the ACLED
//! and UCDP GED mappings when their headers are recognised.

use super::fields::{self, Field, RawRecord, FIELD_COUNT};
use super::{FileStats, IdTracker, Item};
use crate::error::{Error, Result};
use crate::model::{doc_name, Reject};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Which mapping a CSV header calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFlavor {
    /// Incident fields of DESIGN.md (with aliases).
    Incidents,
    /// An ACLED export.
    Acled,
    /// A UCDP GED export.
    Ucdp,
}

/// Recognises the flavour from header names (lower-cased).
pub fn flavor(headers: &[String]) -> CsvFlavor {
    let has = |n: &str| headers.iter().any(|h| h == n);
    if has("event_id_cnty") && has("fatalities") {
        CsvFlavor::Acled
    } else if has("where_prec") && has("best") && has("date_prec") {
        CsvFlavor::Ucdp
    } else {
        CsvFlavor::Incidents
    }
}

/// The delimiter and the normalised column names (trimmed, unquoted, BOM
/// dropped, lowercase) of a table's first line.
pub fn header_fields(first_line: &str) -> (u8, Vec<String>) {
    let delim = sniff_delimiter(first_line);
    let headers = first_line
        .split(delim as char)
        .map(|h| {
            h.trim()
                .trim_matches('"')
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect();
    (delim, headers)
}

/// Picks the delimiter that makes the first line look most like a header.
pub fn sniff_delimiter(first_line: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        let parts: Vec<&str> = first_line.split(d as char).collect();
        let known = parts
            .iter()
            .filter(|p| fields::field_for(p.trim_matches('"')).is_some())
            .count();
        if known > best.1 || (known == best.1 && parts.len() > best.2 && best.1 == 0) {
            best = (d, known, parts.len());
        }
    }
    best.0
}

pub(crate) use super::fields::CsvRow;

/// Reads a CSV file of any recognised flavour.
pub fn read(path: &Path, sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = BufReader::with_capacity(1 << 16, file);
    // Sniff the delimiter from the first line without consuming it.
    let first = {
        let b = buf.fill_buf().map_err(|e| Error::io(path, e))?;
        let end = b.iter().position(|&c| c == b'\n').unwrap_or(b.len());
        String::from_utf8_lossy(&b[..end]).into_owned()
    };
    read_from(path, buf, delimiter_for(path, &first), sink)
}

/// The delimiter of a table file: a tab for `.tsv`/`.tab`, else the one
/// sniffed from its first line.
pub(crate) fn delimiter_for(path: &Path, first_line: &str) -> u8 {
    let is_tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    if is_tsv {
        b'\t'
    } else {
        sniff_delimiter(first_line)
    }
}

/// Reads a CSV file's contents from memory (delimiter chosen as [`read`]
/// does: by extension, else sniffed from the first line).
pub fn read_from_bytes(path: &Path, bytes: &[u8], sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let end = bytes
        .iter()
        .position(|&c| c == b'\n')
        .unwrap_or(bytes.len());
    let first = String::from_utf8_lossy(&bytes[..end]);
    read_from(path, bytes, delimiter_for(path, &first), sink)
}

/// A reader that notes where each `\n` it passes on lies, so a record's
/// byte offset can be turned into the line it starts on. (The `csv` crate's
/// own line counter lags after a CRLF ending or a blank line, so rejects
/// would name the line above the bad record.)
pub struct LineTracker<R> {
    inner: R,
    offset: u64,
    /// Offsets of the `\r` and `\n` bytes read but not yet passed (true
    /// for `\n`).
    ahead: std::collections::VecDeque<(u64, bool)>,
    passed: u64,
}

impl<R> LineTracker<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        LineTracker {
            inner,
            offset: 0,
            ahead: std::collections::VecDeque::new(),
            passed: 0,
        }
    }

    /// The line (from 1) of the record whose position is `byte`; line
    /// endings at that position (a blank line, the `\n` of a CRLF the
    /// parser stopped before) are stepped over. Calls must not go
    /// backwards.
    pub fn line_at(&mut self, mut byte: u64) -> u64 {
        while let Some(&(at, is_nl)) = self.ahead.front() {
            if at > byte {
                break;
            }
            self.passed += is_nl as u64;
            self.ahead.pop_front();
            if at == byte {
                byte += 1;
            }
        }
        self.passed + 1
    }
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let base = self.offset;
        self.ahead.extend(
            memchr::memchr2_iter(b'\n', b'\r', &buf[..n])
                .map(|i| (base + i as u64, buf[i] == b'\n')),
        );
        self.offset += n as u64;
        Ok(n)
    }
}

/// Reads CSV from any reader (`path` is used for messages and `doc`).
pub fn read_from<R: Read>(
    path: &Path,
    reader: R,
    delim: u8,
    sink: &mut dyn FnMut(Item),
) -> Result<FileStats> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .has_headers(true)
        .from_reader(LineTracker::new(reader));
    let table = Table::of_header(path, &mut rdr)?;
    let mut stats = FileStats {
        format: match table.flavor {
            CsvFlavor::Incidents => "incidents table",
            CsvFlavor::Acled => "ACLED export",
            CsvFlavor::Ucdp => "UCDP GED export",
        }
        .to_string(),
        ..FileStats::default()
    };
    let mut seen = Seen::default();
    let mut rec = ::csv::ByteRecord::new();
    loop {
        let here = rdr.position().byte();
        let line_guess = rdr.get_mut().line_at(here);
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // A broken record (e.g. an unterminated quote): reject it and stop,
                // since the parser cannot resynchronise reliably.
                stats.records += 1;
                stats.rejected += 1;
                sink(Item::Reject(Reject {
                    source: table.source.clone(),
                    line: line_guess,
                    id: None,
                    reason: format!("unreadable CSV from here on: {e}"),
                    raw: String::new(),
                    benign: false,
                }));
                break;
            }
        }
        let line = match rec.position() {
            Some(p) => rdr.get_mut().line_at(p.byte()),
            None => line_guess,
        };
        // HXL hashtag rows (HDX copies) are a second header, not data.
        if rec.iter().any(|f| f.starts_with(b"#"))
            && rec.iter().all(|f| f.is_empty() || f.starts_with(b"#"))
        {
            continue;
        }
        stats.records += 1;
        let mut out = Out {
            table: &table,
            line,
            stats: &mut stats,
            sink,
        };
        rec = out.record(rec, &mut seen);
    }
    if stats.records == 0 {
        return Err(Error::bad_file(path, "has a header but no records"));
    }
    Ok(stats)
}

/// What the header of a table says.
struct Table {
    headers: Vec<String>,
    flavor: CsvFlavor,
    cols: [Option<usize>; FIELD_COUNT],
    doc: std::sync::Arc<str>,
    source: String,
}

impl Table {
    /// Reads and checks the header.
    fn of_header<R: Read>(path: &Path, rdr: &mut ::csv::Reader<LineTracker<R>>) -> Result<Table> {
        let headers_raw = rdr.byte_headers().map_err(|e| Error::Csv {
            path: path.to_path_buf(),
            message: format!("cannot read the header: {e}"),
        })?;
        if headers_raw
            .get(0)
            .is_some_and(|h| h.starts_with(b"\xff\xfe") || h.starts_with(b"\xfe\xff"))
        {
            return Err(Error::bad_file(
                path,
                "is UTF-16 encoded (it starts with a UTF-16 byte-order mark); save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8",
            ));
        }
        let headers: Vec<String> = headers_raw
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect();
        let fl = flavor(&headers);
        let cols = match fl {
            CsvFlavor::Incidents => fields::map_header(headers.iter().map(String::as_str)),
            CsvFlavor::Acled => super::acled::map_header(&headers),
            CsvFlavor::Ucdp => super::ucdp::map_header(&headers),
        };
        if fl == CsvFlavor::Incidents {
            if let Some(problem) = fields::header_problem(&cols) {
                let shown: Vec<&str> = headers.iter().map(String::as_str).take(12).collect();
                let hint = if headers.len() == 1 {
                    " (the header is one single column: is the delimiter right? `,`, tab, `;` and `|` are recognised)"
                } else {
                    ""
                };
                return Err(Error::bad_file(
                    path,
                    format!(
                        "header does not describe incidents: {problem}; found columns [{}]{hint}",
                        shown.join(", ")
                    ),
                ));
            }
        }
        Ok(Table {
            headers,
            flavor: fl,
            cols,
            doc: doc_name(path).into(),
            source: path.display().to_string(),
        })
    }
}

/// Ids seen so far in a table.
#[derive(Default)]
struct Seen {
    ids: IdTracker,
    acled: super::acled::EventMerge,
}

/// Where one record of a table goes.
struct Out<'a, 's> {
    table: &'a Table,
    line: u64,
    stats: &'a mut FileStats,
    sink: &'a mut (dyn FnMut(Item) + 's),
}

impl Out<'_, '_> {
    fn reject(&mut self, reason: String, id: Option<String>, raw: String, benign: bool) {
        self.stats.rejected += 1;
        (self.sink)(Item::Reject(Reject {
            source: self.table.source.clone(),
            line: self.line,
            id,
            reason,
            raw,
            benign,
        }));
    }

    /// Checks, builds and hands on one record; returns its buffer.
    fn record(&mut self, rec: ::csv::ByteRecord, seen: &mut Seen) -> ::csv::ByteRecord {
        let n_headers = self.table.headers.len();
        if rec.len() != n_headers {
            let reason = format!("has {} fields, the header has {n_headers}", rec.len());
            self.reject(reason, None, super::raw_record(&rec), false);
            return rec;
        }
        match ::csv::StringRecord::from_byte_record(rec) {
            Ok(srec) => {
                self.built(&srec, seen);
                srec.into_byte_record()
            }
            Err(e) => {
                let col = self.table.headers.get(e.utf8_error().field());
                let reason = format!(
                    "column `{}` is not valid UTF-8",
                    col.map(String::as_str).unwrap_or("")
                );
                let rec = e.into_byte_record();
                self.reject(reason, None, super::raw_record(&rec), false);
                rec
            }
        }
    }

    /// Builds the incident of a UTF-8 record; rejects it, or a repeat.
    fn built(&mut self, srec: &::csv::StringRecord, seen: &mut Seen) {
        let t = self.table;
        let (line, doc) = (self.line, &t.doc);
        let row = CsvRow {
            rec: srec,
            cols: &t.cols,
        };
        let default_id = || format!("{doc}:{line}");
        let cell = |name: &str| fields::cell_named(&t.headers, srec, name);
        let built = match t.flavor {
            CsvFlavor::Incidents => fields::parse_row(&row).map(|v| {
                // the made-up id only when the record has none
                let id = if v.id.is_some() {
                    String::new()
                } else {
                    default_id()
                };
                let mut inc = v.to_incident(id, doc);
                inc.deaths.high = fields::plain_high(&t.cols, inc.deaths.best, inc.deaths.high);
                inc
            }),
            CsvFlavor::Acled => fields::build_incident(&row, default_id(), doc)
                .and_then(|inc| super::acled::finish(inc, &cell)),
            CsvFlavor::Ucdp => super::ucdp::build(&row, default_id(), doc)
                .and_then(|inc| super::ucdp::finish(inc, &|name| cell(name).to_string())),
        };
        let raw = || super::raw_record(srec.as_byte_record());
        let mut inc = match built {
            Ok(inc) => inc,
            Err(reason) => {
                let id = row.get(Field::Id).map(|c| c.into_owned());
                self.reject(reason, id, raw(), false);
                return;
            }
        };
        if t.flavor == CsvFlavor::Acled {
            if let Some((first, same)) = seen.acled.check(&inc, line) {
                let why = if same {
                    format!("duplicate: another actor row of ACLED event {} (line {first}); the event is counted once", inc.id)
                } else {
                    format!("ACLED event {} repeated (line {first}) with a different date, place or toll; the first row is used", inc.id)
                };
                self.reject(why, Some(inc.id.clone()), raw(), same);
                return;
            }
        } else if let Some(first) = seen.ids.check(&inc.id, line) {
            let id = inc.id.clone();
            let reason = format!("duplicate id {id} (first seen on line {first})");
            self.reject(reason, Some(id), raw(), false);
            return;
        }
        self.stats.incidents += 1;
        inc.source_line = Some(line);
        (self.sink)(Item::Incident(Box::new(inc)));
    }
}

#[cfg(test)]
mod line_tests {
    use super::LineTracker;
    use proptest::prelude::*;

    proptest! {
        /// Each record's line from the tracker is the line it starts on,
        /// whatever mix of LF, CRLF, blank lines and quoted newlines.
        #[test]
        fn lines_are_where_records_start(rows in proptest::collection::vec(("[a-c]{1,3}", 0usize..4, any::<bool>()), 1..30)) {
            let mut text = String::new();
            let mut want = Vec::new();
            for (cell, kind, crlf) in &rows {
                let end = if *crlf { "\r\n" } else { "\n" };
                want.push(1 + text.matches('\n').count() as u64);
                match kind {
                    0 => text.push_str(&format!("{cell},x{end}")),
                    1 => text.push_str(&format!("\"{cell}\nmore\",y{end}")),
                    2 => text.push_str(&format!("{cell},z{end}{end}")),
                    _ => text.push_str(&format!("{cell},\"q{end}q\"{end}")),
                }
                if *kind == 2 {
                    // the blank line belongs to no record
                }
            }
            let mut rdr = ::csv::ReaderBuilder::new().has_headers(false).flexible(true)
                .from_reader(LineTracker::new(text.as_bytes()));
            let mut rec = ::csv::ByteRecord::new();
            let mut got = Vec::new();
            while rdr.read_byte_record(&mut rec).unwrap() {
                let at = rec.position().unwrap().byte();
                got.push(rdr.get_mut().line_at(at));
            }
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }
}
