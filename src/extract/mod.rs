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

pub mod dates;
mod document;
mod incidents;
pub mod lang;
mod mentions;
mod merge;
pub mod numbers;
pub mod places;
pub mod reason;
mod sentence;
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
pub use triggers::{occasion_of, OCCASION_FLAG};
pub(crate) use words::{Fnv, WordSet};

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
/// assert_eq!(inc[0].deaths_best, Some(12));
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
/// assert_eq!(x.extract(&doc)[0].lat, Some(12.84));
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
    let mut ctx = DateCtx {
        published: doc
            .published
            .or_else(|| lang::signature_date(language, text, body)),
        year: None,
    };
    if ctx.published.is_none() {
        ctx.published = header_date(&text[body..]);
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut last: Option<usize> = None;
    let mut infobox: Option<Mention> = None;
    let mut held_headline: Option<Mention> = None;
    let sentences = lang::clauses(language, text, text::sentences(text, body));
    // the last specific place the current paragraph named, for a later
    // sentence of it that tells an event without naming one ("In January
    // 2016, gunmen killed 30 people" after "Ouagadougou has been hit")
    let mut recent: Option<PlaceRef> = None;
    // and the last day it dated ("The first blow fell on 28 April in X.
    // ... six people were killed")
    let mut recent_date: Option<(NaiveDate, NaiveDate, DatePrecision)> = None;
    // sentences of the paragraph with no event, since the last place read
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut lead: Option<(PlaceRef, Option<DaySpan>)> = None;
    // the sentence index of the last mention told
    let mut told_at: Option<usize> = None;
    let mut prev_end = body;
    let mut line_start = body;
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let gap = text.get(prev_end..s).unwrap_or("");
        let bullet = gap.contains('\n') && text[s..].starts_with(['-', '*', '\u{2022}'])
            || gap.ends_with("- ")
            || gap.ends_with("* ")
            || gap.ends_with("\u{2022} ");
        // one line a paragraph, unless the text is hard-wrapped
        // (the line's start is followed sentence by sentence: searching
        // back from each sentence would be quadratic on huge lines)
        let long_line = prev_end.saturating_sub(line_start) > 100;
        if gap.contains('\n') {
            line_start = s;
        }
        if gap.matches('\n').count() >= 2 || bullet || (gap.contains('\n') && long_line) {
            // the lead's scene stays for a toll told later with no place
            // while no event has been counted yet
            if lead.is_none() && accs.is_empty() {
                if let Some(p) = scene_place(text, language, &pending, gaz, cache) {
                    recent = Some(p);
                }
                lead = recent.take().map(|p| (p, recent_date));
            }
            pending.clear();
            recent = None;
            // bullets of one list share their day ("Later that day, ...")
            if !bullet {
                recent_date = None;
            }
        }
        prev_end = e;
        let toks = lang::normalize(language, text, text::tokens(text, s, e));
        if toks.is_empty() {
            continue;
        }
        if toks.len() >= 2 && toks[0].lw() == "see" && toks[1].lw() == "also" {
            continue;
        }
        let mut masked = vec![false; toks.len()];
        // datelines: "Geneva, CH, May 3, 2021 – ..." / "BAMAKO (Reuters) -"
        if si < 4 {
            if let Some(dash) = dateline_end(text, &toks) {
                let head = &toks[..dash];
                let found = dates::find_dates(head, &DateCtx::default());
                if ctx.published.is_none() {
                    if let Some(DateVal::Known {
                        start,
                        precision: DatePrecision::Day,
                        ..
                    }) = found.first().map(|d| &d.val)
                    {
                        ctx.published = Some(*start);
                    }
                }
                for m in masked.iter_mut().take(dash + 1) {
                    *m = true;
                }
            }
        }
        // infobox rows: "Deaths | 14 |"
        if let Some(row) = infobox_row(text, &toks) {
            let mb = infobox.get_or_insert_with(|| Mention {
                sent: (s, e),
                ..Mention::default()
            });
            apply_infobox_row(mb, text, &toks, row, gaz, cache, &mut ctx);
            continue;
        }
        if let Some(m) = infobox.take() {
            if !m.places.is_empty() || !m.deaths.is_empty() {
                let m = Mention {
                    trigger: Some(Trigger {
                        etype: None,
                        ..Trigger::default()
                    }),
                    ..m
                };
                absorb(m, &mut accs, &mut last, true);
            }
        }
        if !worth_reading(&toks) {
            // no event here, but the place it names may set the scene for
            // the paragraph's next sentences: read only if one needs it
            if toks.iter().any(|x| x.cap) {
                pending.push((s, e));
            }
            continue;
        }
        // dates
        let pre_masked = masked.clone();
        let ds = dates::find_dates(&toks, &ctx);
        let since_from = toks.iter().position(|x| x.is("since"));
        let mut date: Option<(NaiveDate, NaiveDate, DatePrecision)> = None;
        let mut date_key = None;
        let mut date_inferred = false;
        for d in &ds {
            for m in masked.iter_mut().take(d.next.min(toks.len())).skip(d.first) {
                *m = true;
            }
            if let (
                true,
                DateVal::Known {
                    start, precision, ..
                },
            ) = (d.explicit_year, &d.val)
            {
                if *precision != DatePrecision::Year {
                    ctx.year = Some(start.year());
                }
            }
            if pre_masked.get(d.first).copied().unwrap_or(false) {
                continue;
            }
            if since_from.is_some_and(|k| d.first > k) || speech_date(&toks, d.first, d.next) {
                continue;
            }
            if date.is_some() {
                continue;
            }
            match &d.val {
                DateVal::Known {
                    start,
                    end,
                    precision,
                } => {
                    if *precision == DatePrecision::Year && ds.len() > 1 {
                        continue;
                    }
                    // "on Monday, March 25": the calendar date wins over the weekday
                    date = Some((*start, *end, *precision));
                    date_key = None;
                    date_inferred = !d.explicit_year;
                }
                DateVal::Unknown { key } => {
                    if date_key.is_none() {
                        date_key = Some(key.clone());
                    }
                }
            }
        }
        if date.is_some_and(|d| d.2 == DatePrecision::Year) {
            // a bare year only dates an event when nothing better is said
            date_key = None;
        }
        // since-clauses name other events
        if let Some(k) = since_from {
            let end = (k..toks.len())
                .find(|&j| toks[j].is_punct(',') || toks[j].is_punct(';'))
                .unwrap_or(toks.len());
            for m in masked.iter_mut().take(end).skip(k) {
                *m = true;
            }
        }
        // an event told with its day is not a statistic because it is
        // compared with the year ("in one of the deadliest attacks this
        // year"); its running totals are dropped figure by figure below
        let day_dated = date.is_some_and(|d| d.2 == DatePrecision::Day);
        let aggregate = tolls::is_aggregate(&toks) && !day_dated;
        let all_tolls = tolls::find_tolls(&toks, &masked);
        let trigger = find_trigger(&toks, &masked);
        let found = places::find_places(text, &toks, &masked, gaz, cache);
        // a whole country over a year is a statistic, not an event
        let countrywide = !found.is_empty()
            && found
                .iter()
                .all(|p| p.place.vague && places::vague_covers(&p.place.key).is_empty());
        // a toll over a whole year with no village named is a statistic
        // ("attacks in Burkina Faso, Mali and Niger killed about 4,000
        // people in 2019")
        let bare_year = ds.iter().any(|d| {
            since_from.is_none_or(|k| d.first < k)
                && matches!(
                    d.val,
                    DateVal::Known {
                        precision: DatePrecision::Year,
                        ..
                    }
                )
        }) && date.is_none_or(|d| d.2 == DatePrecision::Year);
        // several countries in one toll: a regional figure
        let village = found.iter().any(|p| {
            p.role == Role::Event && p.place.precision == GeoPrecision::Place && !p.place.vague
        });
        let mut countries: Vec<&str> = found
            .iter()
            .filter(|p| p.role == Role::Event && !village)
            .filter(|p| p.place.vague || p.place.precision == GeoPrecision::Country)
            .filter_map(|p| p.place.country.as_deref())
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let regional = countries.len() >= 2 && !all_tolls.is_empty();
        // ("in the regions of Ménaka and Gao in 2022": towns named as
        // regions are no village)
        let regions_named = toks.iter().any(|x| {
            matches!(
                x.lw(),
                "regions" | "régions" | "provinces" | "cercles" | "departments" | "départements"
            )
        });
        let yearly = bare_year
            && (regions_named
                || !found.iter().any(|p| {
                    p.role == Role::Event
                        && p.place.precision == GeoPrecision::Place
                        && !p.place.vague
                }))
            && !all_tolls.is_empty();
        if aggregate
            || yearly
            || regional
            || (countrywide && date.is_some_and(|d| d.2 == DatePrecision::Year))
        {
            continue;
        }
        let heavy = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "heavy" | "many" | "numerous" | "significant")
                && matches!(w[1].lw(), "casualties" | "losses")
        });
        let mut m = Mention {
            sent: (s, e),
            ..Mention::default()
        };
        m.date = date;
        m.date_inferred = date_inferred;
        m.date_key = date_key;
        m.places = found
            .iter()
            .filter(|p| p.role == Role::Event)
            .take(MAX_PLACES)
            .map(|p| p.place.clone())
            .collect();
        // "near the same village": the place of the last event told
        if m.places.is_empty() && refers_to_same_place(&toks) {
            if let Some(a) = last.and_then(|l| accs.get(l)) {
                m.places.extend(a.places.iter().take(1).cloned());
            }
        }
        let tolled = all_tolls
            .iter()
            .any(|tl| tl.kind == TollKind::Deaths && !tl.subset)
            || heavy;
        if m.places.is_empty() && tolled {
            if let Some(p) = scene_place(text, language, &pending, gaz, cache) {
                recent = Some(p);
            }
        }
        pending.clear();
        m.context = recent.clone();
        if let Some(p) = m
            .places
            .iter()
            .find(|p| !p.vague && matches!(p.precision, GeoPrecision::Place | GeoPrecision::Admin2))
        {
            recent = Some(p.clone());
        }
        // "The next day, four were shot dead near X": a day after the
        // paragraph's last dated event
        let next_day = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "next" | "following") && matches!(w[1].lw(), "day" | "morning")
        });
        // "Later that day", "the same night", "also on 25 February"
        let same_day = toks.windows(2).any(|w| {
            matches!(w[0].lw(), "that" | "same") && matches!(w[1].lw(), "day" | "night" | "evening")
        });
        if let (None, true, Some(r)) = (m.date, same_day, recent_date) {
            if r.2 == DatePrecision::Day {
                m.date = Some(r);
                m.date_key = None;
                m.date_inferred = true;
            }
        }
        // "Five days later, ...", "... came five days after an attack near X"
        if m.date.is_none() && m.date_key.is_none() {
            let anchor = last
                .and_then(|l| accs.get(l))
                .and_then(|a| a.date)
                .or(recent_date)
                .filter(|d| d.2 == DatePrecision::Day);
            if let (Some(a), Some(shift)) = (anchor, relative_days(&toks)) {
                if let Some(d) = a.0.checked_add_signed(chrono::Duration::days(shift)) {
                    m.date = Some((d, d, DatePrecision::Day));
                    m.date_inferred = true;
                }
            }
        }
        if let (None, true, Some(r)) = (m.date, next_day, recent_date) {
            if let (DatePrecision::Day, Some(d)) = (r.2, r.1.succ_opt()) {
                m.date = Some((d, d, DatePrecision::Day));
                m.date_key = None;
                m.date_inferred = true;
            }
        }
        if m.date
            .is_some_and(|d| matches!(d.2, DatePrecision::Day | DatePrecision::Month))
        {
            recent_date = m.date;
        }
        // "armed groups struck several localities of Oudalan province": a
        // summary of the events the next sentences tell one by one
        let summary = !tolled
            && toks.windows(2).any(|w| {
                (matches!(w[0].lw(), "several" | "various" | "multiple" | "many")
                    || numbers::word_value(w[0].lw()).is_some_and(|v| (2..=20).contains(&v)))
                    && matches!(
                        w[1].lw(),
                        "localities"
                            | "villages"
                            | "towns"
                            | "positions"
                            | "sites"
                            | "communes"
                            | "hamlets"
                            | "places"
                            | "posts"
                            | "bases"
                            | "areas"
                    )
            });
        m.general = toks
            .iter()
            .any(|x| has(&GENERAL_WORDS_S, GENERAL_WORDS, x.lw()))
            || text[s..e].ends_with('?')
            || summary;
        if m.places.is_empty() && tolled && !m.general {
            let scene = match (&m.context, &lead) {
                (Some(p), _) => Some((p.clone(), recent_date)),
                (None, Some((p, d))) if accs.is_empty() => Some((p.clone(), *d)),
                _ => None,
            };
            if let Some((p, d)) = scene {
                m.places.push(p);
                m.scene_place = true;
                if m.date.is_none() && m.date_key.is_none() {
                    m.date = d;
                    m.date_inferred = true;
                }
            }
        } else if !m.places.is_empty()
            && tolled
            && m.date.is_none()
            && m.date_key.is_none()
            // "came several days after another strike in X killed 14": another day
            && !toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "after" | "before" | "earlier" | "ago" | "previous" | "previously" | "prior"
                        | "since" | "another" | "other"
                )
            })
        {
            // "On Saturday 14 May, armed groups struck several localities.
            // In Salmossi, five were killed." : the paragraph's day
            if let Some(d) = recent_date.filter(|d| d.2 == DatePrecision::Day) {
                m.date = Some(d);
                m.date_inferred = true;
            }
        }
        m.demonym = toks.iter().find_map(|x| places::demonym_country(&x.lower));
        m.actor = actor_of(&toks);
        let mut more_tolls = Vec::new();
        let mut ev: Option<(usize, usize)> = None;
        let mut victims: Vec<Candidate> = Vec::new();
        let mut victims_group: Option<Group> = None;
        let mut attackers: Vec<Candidate> = Vec::new();
        // "four more worshippers died" is the sentence's own toll when it
        // gives no other; beside another figure it is a further event
        let only_more = !all_tolls
            .iter()
            .any(|tl| !tl.subset && tl.kind == TollKind::Deaths && !tl.more);
        let deaths: Vec<&tolls::Toll> = all_tolls
            .iter()
            .filter(|tl| !tl.subset && tl.kind == TollKind::Deaths && (!tl.more || only_more))
            .collect();
        // "24 people were killed in Yoro and 17 in Gangafani": several
        // places each with its own figure are several incidents (CODEBOOK §1)
        let own_place: Vec<Option<usize>> = deaths
            .iter()
            .map(|tl| {
                found.iter().position(|p| {
                    p.role == Role::Event
                        && p.first >= tl.next
                        && p.first <= tl.next + 2
                        && p.first >= 1
                        && matches!(toks[p.first - 1].lw(), "in" | "at" | "near")
                })
            })
            .collect();
        let mut located: Vec<usize> = own_place.iter().flatten().copied().collect();
        located.sort_unstable();
        located.dedup();
        let split_places = located.len() >= 2 && own_place.iter().all(Option::is_some);
        let first_place = own_place.first().copied().flatten();
        let mut split: Vec<(numbers::Quantity, (usize, usize), PlaceRef)> = Vec::new();
        // the end of the last figure of each side, to join lists
        let mut last_end: [Option<usize>; 2] = [None, None];
        for (n, tl) in deaths.iter().enumerate() {
            let span = (
                toks[tl.first].start,
                toks[(tl.next - 1).min(toks.len() - 1)].end,
            );
            if split_places && n > 0 && own_place[n] != first_place {
                if let Some(p) = own_place[n].and_then(|k| found.get(k)) {
                    split.push((tl.q, span, p.place.clone()));
                }
                continue;
            }
            let prev_end = if n > 0 { deaths[n - 1].next } else { 0 };
            let next_start = deaths.get(n + 1).map(|x| x.first).unwrap_or(toks.len());
            let stance = reason::stance_at(&toks, prev_end, tl.q.first, tl.next, next_start);
            let attacker_side = tl.group == Group::Militants;
            let (list, side) = if attacker_side {
                (&mut attackers, 1)
            } else {
                (&mut victims, 0)
            };
            let c = Candidate {
                low: tl.q.low,
                best: tl.q.best,
                high: tl.q.high,
                stance,
                vague: tl.q.vague,
                span,
                parts: [0; 4],
            };
            // "... killed a peacekeeper, and gunmen who attacked an office
            // killed two guards": a second verb after a second event word
            // tells a further event
            let own_verb = tl.first < tl.q.first;
            let further = own_verb
                && last_end[side].is_some_and(|e| {
                    (e..tl.first).any(|k| {
                        event_word(toks[k].lw()).is_some_and(|x| !x.2 || x.0 != "attack")
                            || toks[k].lw() == "attacked"
                    })
                });
            if further {
                more_tolls.push((tl.q, span));
                continue;
            }
            // "put the toll at 34 dead - ten killed by bullets, four by
            // drowning": the parts of a figure already counted
            if last_end[side].is_some_and(|e| reason::breakdown(&toks, e, tl.first)) {
                continue;
            }
            // "..., bringing the toll this year to 300": a running total
            let lo = tl.first.saturating_sub(6);
            let hi = (tl.next + 4).min(toks.len());
            if day_dated && tolls::is_aggregate(&toks[lo..hi]) {
                continue;
            }
            let join =
                !own_verb && last_end[side].is_some_and(|e| reason::joins(&toks, e, tl.first));
            match list.last_mut() {
                Some(o) if join && stance == Stance::Plain && o.stance == Stance::Plain => {
                    if (o.low, o.best, o.high) != (c.low, c.best, c.high) || attacker_side {
                        if o.parts == [0; 4] {
                            o.parts[0] = o.best;
                        }
                        if let Some(slot) = o.parts.iter_mut().find(|p| **p == 0) {
                            *slot = c.best;
                        }
                        o.low = o.low.saturating_add(c.low);
                        o.best = o.best.saturating_add(c.best);
                        o.high = o.high.zip(c.high).map(|(a, b)| a.saturating_add(b));
                        o.vague |= c.vague;
                    }
                    o.span = (o.span.0.min(span.0), o.span.1.max(span.1));
                }
                _ => list.push(c),
            }
            last_end[side] = Some(tl.next);
            if !attacker_side {
                victims_group = match victims_group {
                    None => Some(tl.group),
                    Some(g) if g == tl.group || tl.group == Group::Unknown => Some(g),
                    Some(Group::Unknown) => Some(tl.group),
                    Some(_) => Some(Group::Unknown),
                };
            }
            ev = Some(match ev {
                None => span,
                Some((a, b)) => (a.min(span.0), b.max(span.1)),
            });
        }
        for tl in &all_tolls {
            if tl.subset {
                continue;
            }
            let span = (
                toks[tl.first].start,
                toks[(tl.next - 1).min(toks.len() - 1)].end,
            );
            match tl.kind {
                TollKind::Deaths if tl.more && !only_more => more_tolls.push((tl.q, span)),
                TollKind::Injured if m.injured.is_none() => {
                    m.injured = Some(tl.q.best);
                }
                _ => {}
            }
        }
        m.also = toks.iter().any(|x| matches!(x.lw(), "also" | "besides"))
            || toks
                .windows(2)
                .any(|w| matches!((w[0].lw(), w[1].lw()), ("as", "well") | ("in", "addition")));
        m.about_toll = victims
            .iter()
            .chain(attackers.iter())
            .any(|c| matches!(c.stance, Stance::Early | Stance::Final))
            || toks.iter().any(|x| {
                matches!(
                    x.lw(),
                    "toll" | "tolls" | "figure" | "figures" | "count" | "statement" | "communique"
                )
            });
        m.restates = victims
            .iter()
            .chain(attackers.iter())
            .any(|c| c.stance != Stance::Plain)
            || toks.iter().any(|x| matches!(x.lw(), "toll" | "tolls"));
        m.deaths = victims;
        m.deaths_group = victims_group;
        m.attacker = attackers;
        if let Some((a, b)) = ev {
            // extend to the injured clause when it follows directly
            m.evidence = Some((a, b));
        }
        m.trigger = trigger;
        // "Separately, ...", "Elsewhere, ...", "In a separate attack, ...",
        // "In another incident, ...": a new event, never the previous one
        let opens_new = {
            let w = |k: usize| toks.get(k).map(|x| x.lw()).unwrap_or("");
            matches!(w(0), "separately" | "elsewhere" | "meanwhile")
                || (w(0) == "in" && matches!(w(1), "another" | "other")
                    || (w(0) == "in" && w(1) == "a" && w(2) == "separate"))
        };
        if opens_new && (!m.deaths.is_empty() || !m.attacker.is_empty()) {
            let tr = m.trigger.get_or_insert_with(|| Trigger {
                etype: Some("attack"),
                ..Trigger::default()
            });
            tr.another = true;
        }
        let has_toll = !m.deaths.is_empty() || !m.attacker.is_empty();
        if !has_toll && m.trigger.is_none() && !heavy {
            // a follow-up detail: "Eight other people were wounded"
            if let (Some(n), true, Some(l)) = (m.injured, m.places.is_empty(), last) {
                if let Some(a) = accs.get_mut(l) {
                    a.injured.get_or_insert(n);
                }
            }
            continue;
        }
        if m.trigger.is_none() {
            m.trigger = Some(Trigger {
                etype: Some("attack"),
                ..Trigger::default()
            });
        }
        let more_ctx = more_tolls.first().copied();
        // the occasion of the sentence's own event: before a "then killed
        // five more when ..." clause, which has its own
        let own_end = more_ctx.map(|(_, sp)| sp.0.max(s)).unwrap_or(e);
        m.occasion = text.get(s..own_end).and_then(occasion_of);
        // the further event's clause starts where the first toll ends
        let more_from = match (m.evidence, more_ctx) {
            (Some((_, ev_end)), Some((_, sp))) if ev_end <= sp.0 => ev_end,
            (_, Some((_, sp))) => sp.0,
            _ => e,
        };
        // a headline restates the lead; it counts only if the body says nothing
        let piece = &text[s..e];
        let headline = si == 0
            && piece.len() < 200
            && !piece.contains('|')
            && !piece.ends_with(['.', '!', '?', '"', '\u{201d}'])
            && sentences.len() > 1;
        if headline {
            held_headline = Some(m);
            continue;
        }
        m.follows = told_at.is_some_and(|k| k + 1 == si);
        told_at = Some(si);
        // the other places' own figures leave the sentence's incident
        if !split.is_empty() {
            m.places
                .retain(|p| !split.iter().any(|(_, _, q)| same_place(p, q)));
        }
        let base_date = m.date;
        let base_group = m.deaths_group;
        let base_actor = m.actor.clone();
        let spawned = absorb(m, &mut accs, &mut last, false);
        for (q, span, place) in split {
            accs.push(Acc {
                places: vec![place],
                date: base_date,
                deaths: vec![Candidate::plain(&q, span)],
                deaths_group: base_group,
                evidence: Some(span),
                first_sentence: (s, e),
                actor: base_actor.clone(),
                mentions: 1,
                ..Acc::default()
            });
            last = Some(accs.len() - 1);
        }
        if let (Some((q, span)), Some(idx)) = (more_ctx, spawned.or(last)) {
            // "... and struck again, killing four more when ...": a further event at the same place and time
            let base = accs.get(idx).cloned().unwrap_or_default();
            let extra = Acc {
                places: base.places.clone(),
                date: base.date,
                date_key: base.date_key.clone(),
                deaths: vec![Candidate::plain(&q, span)],
                deaths_group: base.deaths_group,
                evidence: Some(span),
                first_sentence: (s, e),
                occasion: text.get(more_from.max(s)..e).and_then(occasion_of),
                etype: base.etype,
                actor: base.actor.clone(),
                mentions: 1,
                ..Acc::default()
            };
            accs.push(extra);
            last = Some(accs.len() - 1);
        }
    }
    if let Some(m) = infobox.take() {
        let m = Mention {
            trigger: Some(Trigger::default()),
            ..m
        };
        absorb(m, &mut accs, &mut last, true);
    }
    if let (Some(m), true) = (held_headline, accs.is_empty()) {
        absorb(m, &mut accs, &mut last, false);
    }
    let mut out = finish(doc, accs);
    for inc in &mut out {
        inc.lang = Some(language.as_str().to_string());
    }
    out
}

#[cfg(test)]
mod tests;
