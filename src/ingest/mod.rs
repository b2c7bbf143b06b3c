//! Ingest: incident files → [`Incident`]s and [`Reject`]s, streamed.
//!
//! The format is chosen by extension and, for CSV, by header:
//!
//! | input | reader |
//! |---|---|
//! | `.csv`, `.tsv`, `.txt` with a header of incident fields | [`csv`] (delimiter sniffed among `,` tab `;` `\|`) |
//! | CSV with `event_id_cnty` + `fatalities` | ACLED export ([`acled`]) |
//! | CSV with `where_prec` + `best` | UCDP GED export ([`ucdp`]) |
//! | `.ndjson`, `.jsonl`, `.json` (lines or array) | [`json`] |
//! | `.geojson` FeatureCollection of Points | [`json`] |
//! | `.txt`, `.md` articles | not here: `extract` |
//!
//! Every record ends up either as an incident or as a reject with its file,
//! line and reason; readers never hold a whole file in memory.

pub mod acled;
pub mod csv;
pub mod fields;
pub mod ids;
pub mod json;
pub mod split;
pub mod ucdp;

use crate::error::{Error, Result};
use crate::model::{Incident, Reject};
use std::path::Path;

/// What a file is, as far as the pipeline cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A table of incidents (CSV/TSV, ACLED, UCDP).
    Csv,
    /// Newline-delimited JSON or a JSON array of incident objects.
    Json,
    /// A GeoJSON FeatureCollection of Point features.
    GeoJson,
    /// A news article (plain text or Markdown), for the extractor.
    Article,
}

impl InputKind {
    /// Chooses the kind of `path` by its extension and, for `.txt`, by its
    /// first line (a CSV header of incident fields makes it a table).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::ingest::InputKind;
    /// use std::path::Path;
    /// assert_eq!(InputKind::of(Path::new("x.geojson")), InputKind::GeoJson);
    /// assert_eq!(InputKind::of(Path::new("a.md")), InputKind::Article);
    /// ```
    pub fn of(path: &Path) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "tsv" | "tab" => InputKind::Csv,
            "ndjson" | "jsonl" | "json" => InputKind::Json,
            "geojson" => InputKind::GeoJson,
            _ => InputKind::Article,
        }
    }
}

/// One item a reader emits.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A usable incident.
    Incident(Box<Incident>),
    /// A record that could not be used.
    Reject(Reject),
}

/// Counts a reader reports when it is done with a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileStats {
    /// Records read (data rows, lines or features).
    pub records: u64,
    /// Incidents emitted.
    pub incidents: u64,
    /// Records rejected.
    pub rejected: u64,
    /// The format recognised (`incidents csv`, `ACLED`, `UCDP GED`, ...).
    pub format: String,
}

/// Reads one incident file, calling `sink` for every incident or reject.
/// File-level problems (missing, unreadable, not the format it claims) are
/// returned as errors; bad records are rejects.
pub fn read_file(path: &Path, sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::bad_file(
            path,
            "is a directory, not an incident file",
        ));
    }
    if meta.len() == 0 {
        return Err(Error::bad_file(path, "file is empty"));
    }
    check_not_binary(path)?;
    match InputKind::of(path) {
        InputKind::Csv => csv::read(path, sink),
        InputKind::Json => json::read_json(path, sink),
        InputKind::GeoJson => json::read_geojson(path, sink),
        InputKind::Article => Err(Error::bad_file(path, "is an article; use the extractor")),
    }
}

/// Share of the sniffed bytes that may be control characters or broken
/// UTF-8 before a file counts as binary (text in Latin-1 or with a stray
/// NUL stays well under it).
const BINARY_SHARE: f64 = 0.10;

/// True when `head` (the first bytes of a file) is not text: more than
/// [`BINARY_SHARE`] of it control characters (other than tab, newline,
/// carriage return, form feed) or bytes of invalid UTF-8. A UTF-16
/// byte-order mark is left to the readers, which name the encoding.
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::looks_binary;
/// assert!(!looks_binary(b"id,date,place,deaths\nx,2024-01-02,Gao,3\n"));
/// assert!(looks_binary(&[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x01, 0x02, 0x03, 0xff]));
/// ```
pub fn looks_binary(head: &[u8]) -> bool {
    if head.is_empty() || head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let mut odd = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    let mut rest = head;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                let bad_at = e.valid_up_to();
                match e.error_len() {
                    Some(n) => {
                        odd += n;
                        rest = &rest[bad_at + n..];
                    }
                    // cut in the middle of a character at the end of the sample
                    None => break,
                }
            }
        }
    }
    odd as f64 > BINARY_SHARE * head.len() as f64
}

/// Refuses a file whose first 8 KiB look binary (see [`looks_binary`]), with
/// a sentence saying what to give instead.
pub fn check_not_binary(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = vec![0u8; 8192];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| Error::io(path, e))?;
    if looks_binary(&head[..n]) {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let what = match ext.as_str() {
            "xlsx" | "xls" | "xlsm" | "ods" => "is a spreadsheet workbook, not text: save it as CSV (UTF-8) and give that file",
            "pdf" | "doc" | "docx" | "odt" => "is a document file, not text: save the article as plain text (.txt) and give that file",
            _ => "looks like a binary file (compressed, an image or a spreadsheet?), not text; give the CSV, JSON or article text it was exported from",
        };
        return Err(Error::bad_file(path, what));
    }
    Ok(())
}

/// True when the first line of `path` is the header of an incident table
/// (the generic fields, or an ACLED or UCDP export), whatever its extension:
/// `extract` refuses tables and points to `report`.
pub fn looks_like_table(path: &Path) -> bool {
    use std::io::Read;
    let mut head = vec![0u8; 8192];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head[..n]);
    let (_, headers) = csv::header_fields(text.lines().next().unwrap_or(""));
    if headers.len() < 3 {
        return false;
    }
    match csv::flavor(&headers) {
        csv::CsvFlavor::Incidents => {
            fields::header_problem(&fields::map_header(headers.iter().map(String::as_str)))
                .is_none()
        }
        _ => true,
    }
}

/// Reads an incident file's contents from memory, as [`read_file`] would
/// read a file called `path` holding `bytes` (the format is chosen by the
/// extension of `path`). Used by the fuzz targets and tests.
///
/// # Examples
/// ```
/// use casualty_atlas::ingest::{read_bytes, Item};
/// use std::path::Path;
/// let mut n = 0;
/// let st = read_bytes(
///     Path::new("a.csv"),
///     b"id,date,lat,lon,deaths\nx1,2024-01-02,14.1,-1.5,3\n",
///     &mut |it| if let Item::Incident(_) = it { n += 1 },
/// )
/// .unwrap();
/// assert_eq!((st.records, n), (1, 1));
/// ```
pub fn read_bytes(path: &Path, bytes: &[u8], sink: &mut dyn FnMut(Item)) -> Result<FileStats> {
    if bytes.is_empty() {
        return Err(Error::bad_file(path, "file is empty"));
    }
    if looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err(Error::bad_file(
            path,
            "looks like a binary file (compressed, an image or a spreadsheet?), not text; give the CSV, JSON or article text it was exported from",
        ));
    }
    match InputKind::of(path) {
        InputKind::Csv => csv::read_from_bytes(path, bytes, sink),
        InputKind::Json => json::read_json_from(path, bytes, sink),
        InputKind::GeoJson => json::read_geojson_from(path, bytes, sink),
        InputKind::Article => Err(Error::bad_file(path, "is an article; use the extractor")),
    }
}

/// Truncates a raw record for the rejects file.
pub(crate) fn raw_excerpt(s: &str) -> String {
    if s.len() <= 500 {
        return s.to_string();
    }
    let mut end = 500;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// A CSV record as text for the rejects file: fields joined by `,` (quoted
/// when needed), invalid UTF-8 replaced, truncated to 500 bytes.
pub(crate) fn raw_record(rec: &::csv::ByteRecord) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b' '))
        .from_writer(Vec::new());
    let text = match w
        .write_byte_record(rec)
        .and_then(|_| w.flush().map_err(::csv::Error::from))
    {
        Ok(()) => String::from_utf8_lossy(w.get_ref()).trim_end().to_string(),
        Err(_) => String::from_utf8_lossy(rec.as_slice()).into_owned(),
    };
    raw_excerpt(&text)
}

/// Tracks ids seen in one file, to reject duplicates: by a 64-bit hash of
/// the id and the line, 12 bytes an id (the streamed reader's table, so
/// held and streamed tables reject the same repeats).
pub(crate) struct IdTracker {
    seen: crate::ingest::ids::SeenIds,
}

impl Default for IdTracker {
    fn default() -> Self {
        IdTracker {
            seen: crate::ingest::ids::SeenIds::with_capacity(1024),
        }
    }
}

impl IdTracker {
    /// Records `id` at `line`; returns the first line it was seen on if it is a repeat.
    pub(crate) fn check(&mut self, id: &str, line: u64) -> Option<u64> {
        self.seen
            .first_or_insert(crate::ingest::ids::id_hash(id), line)
    }
}
