//! Articles → incidents. (Placeholder; the extraction work replaces this file.)

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::Incident;
use chrono::NaiveDate;
use std::path::Path;

/// A decoded article.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// File name only.
    pub name: String,
    /// The text as decoded.
    pub text: String,
    /// Byte offset where the body starts (after front matter).
    pub body_offset: usize,
    /// Publication date anchoring relative dates.
    pub published: Option<NaiveDate>,
    /// Title from front matter.
    pub title: Option<String>,
    /// Source from front matter.
    pub source: Option<String>,
}

/// Reads an article file.
pub fn read_document(path: &Path, published: Option<NaiveDate>) -> Result<(Document, Vec<String>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_document(
        &crate::model::doc_name(path),
        &bytes,
        published,
    ))
}

/// Parses an article's bytes.
pub fn parse_document(
    name: &str,
    bytes: &[u8],
    published: Option<NaiveDate>,
) -> (Document, Vec<String>) {
    (
        Document {
            name: name.to_string(),
            text: String::from_utf8_lossy(bytes).into_owned(),
            published,
            ..Document::default()
        },
        Vec::new(),
    )
}

/// Extracts incidents from a document.
pub fn extract(_doc: &Document, _gaz: &Gazetteer) -> Vec<Incident> {
    Vec::new()
}
