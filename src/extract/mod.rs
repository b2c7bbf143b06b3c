//! Articles → incidents.
//!
//! [`parse_document`] reads an article (optional `---` front matter with
//! `published`, `title`, `source`; BOM, CRLF, lossy UTF-8 with a warning) into
//! a [`Document`]; [`extract`] turns it into [`Incident`]s located through the
//! [`Gazetteer`].
//!
//! Extraction runs sentence by sentence ([`text`]): dates ([`dates`]) are
//! found first and masked, then casualty statements ([`tolls`], counts from
//! [`numbers`]), place mentions ([`places`]) and event words. Each sentence
//! that reports an event becomes a *mention*; mentions of the same event
//! (compatible place and date, no conflicting toll) are merged into one
//! incident, so an event repeated in the lead, an infobox and the body is
//! one record, and several villages struck in one attack with one toll are
//! one incident with `also_places`. Aggregate statistics ("this year",
//! "since 2015", "in separate attacks") and general statements (plural or
//! habitual, with no date, place or toll) are not incidents. Attackers' own
//! losses are kept apart from the victims' toll and used only when they are
//! the only toll given.
//!
//! Where each step lives: `document` (front matter, datelines, header
//! date, infobox rows, a paragraph's scene), `reader` (the steps run on
//! each sentence, over the state carried through the document), `sentence`
//! (whether a sentence is worth reading, which date is the event's),
//! `triggers` (the event-word table, actor, occasion), `figures` (a
//! sentence's figures), `mentions` (the mention and incident types and
//! whether they fit), `merge` (a mention into the incidents), `incidents`
//! (finished records), `places` (names found, then chosen), `words` (the
//! word lists shared by every module).
//!
//! Spans are byte offsets into [`Document::text`], the decoded file text
//! with the front matter kept (a leading BOM is dropped), so
//! `&doc.text[s..e] == evidence`.
//!
//! Cost: one pass of tokenisation per sentence and a few passes over the
//! tokens; sentences with no number and no event word are dropped right
//! after tokenising. Place names are looked up exactly on normalised
//! n-grams of capitalised words; only an unknown capitalised word of five or
//! more letters after a place cue gets a fuzzy lookup. [`Extractor`] keeps
//! fuzzy and ranked lookups cached across documents: use one per thread
//! when extracting many files ([`extract`] makes a fresh one per call).
//! Look-back for merging, places per incident and sentence length are
//! bounded, so even a 50 MB single line stays linear.

#![allow(clippy::needless_range_loop)] // token windows read best with indices

mod calendar;
pub mod dates;
mod document;
mod figures;
mod incidents;
pub mod lang;
mod mentions;
mod merge;
pub mod numbers;
pub mod places;
mod reader;
pub mod reason;
mod sentence;
mod table;
pub mod text;
pub mod tolls;
mod triggers;
mod words;

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, GeoPrecision, Incident};
use chrono::{Datelike, NaiveDate};
use dates::{DateCtx, DateVal};
use places::{PlaceCache, PlaceRef, Role};
use reason::{Candidate, Stance};
use std::path::Path;
use text::{Kind, Token};
use tolls::{Group, TollKind};

pub use document::{parse_document, read_document, Document};
pub use triggers::occasion_of;
pub(crate) use words::WordSet;

use document::*;
use incidents::*;
use mentions::*;
use merge::*;
use sentence::*;
use triggers::*;
use words::*;

/// Extracts the incidents of one document.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::{extract, parse_document};
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// let gaz = Gazetteer::from_places(vec![Place::example("Tawori", 12.05, 1.41)]);
/// let (doc, _) = parse_document("t.txt", b"On March 31, 2024, jihadists attacked soldiers in Tawori, killing 12.", None);
/// let inc = extract(&doc, &gaz);
/// assert_eq!(inc.len(), 1);
/// assert_eq!(inc[0].deaths.best, Some(12));
/// assert_eq!(inc[0].place.as_deref(), Some("Tawori"));
/// ```
pub fn extract(doc: &Document, gaz: &Gazetteer) -> Vec<Incident> {
    // the lookups of one gazetteer are remembered on this thread across
    // calls (they depend on the gazetteer and the name only, so results are
    // those of a fresh extractor)
    thread_local! {
        static CACHE: std::cell::RefCell<Option<(u64, PlaceCache)>> =
            const { std::cell::RefCell::new(None) };
    }
    let id = gaz.instance();
    let cache = CACHE
        .with(|c| c.borrow_mut().take())
        .filter(|(k, _)| id != 0 && *k == id)
        .map(|(_, c)| c)
        .unwrap_or_default();
    let mut x = Extractor {
        gaz,
        cache,
        lang: lang::LangChoice::Auto,
    };
    let out = x.extract(doc);
    if id != 0 {
        CACHE.with(|c| *c.borrow_mut() = Some((id, x.cache)));
    }
    out
}

/// An extractor bound to one gazetteer that keeps its fuzzy-lookup cache
/// across documents (use one per thread when extracting many files).
///
/// # Examples
/// ```
/// use casualty_atlas::extract::{parse_document, Extractor};
/// use casualty_atlas::gazetteer::{Gazetteer, Place};
/// let gaz = Gazetteer::from_places(vec![Place::example("Kinmparana", 12.84, -4.92)]);
/// let mut x = Extractor::new(&gaz);
/// let (doc, _) = parse_document("k.txt", b"On 2 June 2020, gunmen killed 2 guards in the village of Kimparana.", None);
/// assert_eq!(x.extract(&doc)[0].lat(), Some(12.84));
/// ```
pub struct Extractor<'g> {
    gaz: &'g Gazetteer,
    cache: PlaceCache,
    lang: lang::LangChoice,
}

impl<'g> Extractor<'g> {
    /// A new extractor with an empty cache.
    pub fn new(gaz: &'g Gazetteer) -> Self {
        Extractor {
            gaz,
            cache: PlaceCache::default(),
            lang: lang::LangChoice::Auto,
        }
    }

    /// Sets how a document's language is chosen (`--lang`): `Auto` reads
    /// the front matter `lang:`, else detects; `Fixed` replaces detection
    /// (a front matter `lang:` still wins).
    pub fn with_lang(mut self, choice: lang::LangChoice) -> Self {
        self.lang = choice;
        self
    }

    /// Extracts the incidents of one document (see [`extract`]).
    pub fn extract(&mut self, doc: &Document) -> Vec<Incident> {
        self.cache.confirmed.clear();
        self.cache.senses.clear();
        self.cache.abroad.clear();
        self.cache.countries.clear();
        if self.cache.fuzzy.len() > 200_000 {
            self.cache.fuzzy.clear();
        }
        let lang = doc_lang(doc, self.lang);
        extract_with(doc, self.gaz, &mut self.cache, lang)
    }
}

/// The language a document is read in: its front matter `lang:`, else the
/// fixed choice, else the detector on the body.
pub fn doc_lang(doc: &Document, choice: lang::LangChoice) -> lang::Lang {
    if let Some(l) = doc.lang {
        return l;
    }
    match choice {
        lang::LangChoice::Fixed(l) => l,
        lang::LangChoice::Auto => {
            let body = doc.body_offset.min(doc.text.len());
            lang::detect(doc.text.get(body..).unwrap_or(&doc.text))
        }
    }
}

fn extract_with(
    doc: &Document,
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    language: lang::Lang,
) -> Vec<Incident> {
    let text = doc.text.as_str();
    let body = doc.body_offset.min(text.len());
    let body = if text.is_char_boundary(body) { body } else { 0 };
    let sentences = lang::clauses(language, text, text::sentences(text, body));
    let mut shifts = Vec::new();
    let sentences = sentence::split_dated_events(language, text, sentences, &mut shifts);
    let mut reader = reader::Reader::new(doc, body, gaz, cache, language, sentences.len());
    reader.day_shifts = shifts;
    for (si, &span) in sentences.iter().enumerate() {
        reader.sentence(si, span);
    }
    let mut out = finish(doc, reader.end());
    for inc in &mut out {
        inc.article_mut().lang = Some(language.as_str().to_string());
    }
    out
}

#[cfg(test)]
mod tests;
