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
    match InputKind::of(path) {
        InputKind::Csv => csv::read(path, sink),
        InputKind::Json => json::read_json(path, sink),
        InputKind::GeoJson => json::read_geojson(path, sink),
        InputKind::Article => Err(Error::bad_file(path, "is an article; use the extractor")),
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

/// Tracks ids seen in one file, to reject duplicates.
#[derive(Debug, Default)]
pub(crate) struct IdTracker {
    seen: std::collections::HashMap<String, u64>,
}

impl IdTracker {
    /// Records `id` at `line`; returns the first line it was seen on if it is a repeat.
    pub(crate) fn check(&mut self, id: &str, line: u64) -> Option<u64> {
        match self.seen.get(id) {
            Some(first) => Some(*first),
            None => {
                self.seen.insert(id.to_string(), line);
                None
            }
        }
    }
}
