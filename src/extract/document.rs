//! The document: front matter, datelines, a header's issue date, infobox
//! rows and the scene a paragraph sets.

use super::*;

/// An article ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// File name only.
    pub name: String,
    /// Decoded text, front matter included (leading BOM removed).
    pub text: String,
    /// Byte offset where the body starts (after the front matter).
    pub body_offset: usize,
    /// Publication date (front matter, override, or a dateline).
    pub published: Option<NaiveDate>,
    /// Title from the front matter.
    pub title: Option<String>,
    /// Source from the front matter.
    pub source: Option<String>,
    /// Language from the front matter (`lang:`); detected at extraction otherwise.
    pub lang: Option<lang::Lang>,
}

/// Parses an article's bytes. Invalid UTF-8 is decoded lossily with a
/// warning naming the file; `published_override` wins over the front matter.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::parse_document;
/// let (d, w) = parse_document("a.txt", b"---\npublished: 2024-03-25\n---\nBody.", None);
/// assert_eq!(d.published.map(|p| p.to_string()).as_deref(), Some("2024-03-25"));
/// assert_eq!(&d.text[d.body_offset..], "Body.");
/// assert!(w.is_empty());
/// ```
pub fn parse_document(
    name: &str,
    bytes: &[u8],
    published_override: Option<NaiveDate>,
) -> (Document, Vec<String>) {
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            warnings.push(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {}); decoded with replacement characters",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let mut doc = Document {
        name: name.to_string(),
        text,
        body_offset: 0,
        published: None,
        title: None,
        source: None,
        lang: None,
    };
    parse_front_matter(&mut doc, &mut warnings);
    if published_override.is_some() {
        doc.published = published_override;
    }
    (doc, warnings)
}

pub(super) fn parse_front_matter(doc: &mut Document, warnings: &mut Vec<String>) {
    let t = doc.text.as_str();
    let first_line_end = t.find('\n').unwrap_or(t.len());
    if t[..first_line_end].trim_end() != "---" {
        return;
    }
    let mut pos = first_line_end + 1;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut closed = None;
    while pos <= t.len() {
        let end = t[pos..].find('\n').map(|k| pos + k).unwrap_or(t.len());
        let line = t[pos..end].trim_end_matches('\r');
        if line.trim() == "---" || line.trim() == "..." {
            closed = Some((end + 1).min(t.len()));
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
            fields.push((k.trim().to_ascii_lowercase(), v));
        }
        if end >= t.len() {
            break;
        }
        pos = end + 1;
    }
    let Some(body) = closed else {
        warnings.push(format!(
            "{}: front matter opened with --- but never closed; read as body text",
            doc.name
        ));
        return;
    };
    doc.body_offset = body;
    for (k, v) in fields {
        match k.as_str() {
            "published" | "date" => {
                let d = v
                    .get(..10)
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                match d {
                    Some(d) => doc.published = Some(d),
                    None if !v.is_empty() => warnings.push(format!(
                        "{}: front matter published {v:?} is not a YYYY-MM-DD date; ignored",
                        doc.name
                    )),
                    None => {}
                }
            }
            "title" if !v.is_empty() => doc.title = Some(v),
            "source" if !v.is_empty() => doc.source = Some(v),
            "lang" | "language" if !v.is_empty() => match lang::Lang::parse(&v) {
                Some(l) => doc.lang = Some(l),
                None => warnings.push(format!(
                    "{}: front matter lang {v:?} is not a language this tool reads (en, fr); detected from the text instead",
                    doc.name
                )),
            },
            _ => {}
        }
    }
}

/// Reads an article file. Binary files (NUL bytes) and files with no text are
/// refused with [`Error::BadFile`].
pub fn read_document(
    path: &Path,
    published_override: Option<NaiveDate>,
) -> Result<(Document, Vec<String>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Error::bad_file(
            path,
            "looks like a binary file (NUL bytes), not an article; expected UTF-8 text",
        ));
    }
    let name = crate::model::doc_name(path);
    let (doc, warnings) = parse_document(&name, &bytes, published_override);
    if doc.text[doc.body_offset..].trim().is_empty() {
        let what = if doc.body_offset > 0 {
            "has front matter but no body text"
        } else {
            "is empty"
        };
        return Err(Error::bad_file(
            path,
            format!("article {what}; nothing to extract"),
        ));
    }
    Ok((doc, warnings))
}

/// The last event place named in `sentences` (the scene set by sentences
/// that tell no event: "Aguelhok has remained a target.").
pub(super) fn scene_place(
    text: &str,
    language: lang::Lang,
    sentences: &[(usize, usize)],
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
) -> Option<PlaceRef> {
    for &(s, e) in sentences.iter().rev() {
        let toks = lang::normalize(language, text, text::tokens(text, s, e));
        let masked = vec![false; toks.len()];
        let found = places::find_places(text, &toks, &masked, gaz, cache);
        // ("ce petit village de la commune de Sanaba": the village an
        // earlier sentence named)
        let event_places: Vec<PlaceRef> = found
            .iter()
            .filter(|p| p.role == Role::Event)
            .map(|p| p.place.clone())
            .collect();
        if super::mentions::refers_to_same_place(&toks)
            && super::mentions::context_only(&toks, &found, &event_places)
        {
            continue;
        }
        if let Some(p) = found.iter().find(|p| {
            p.role == Role::Event
                && !p.place.vague
                && matches!(
                    p.place.precision,
                    GeoPrecision::Place | GeoPrecision::Admin2
                )
        }) {
            return Some(p.place.clone());
        }
    }
    None
}

/// The issue date of a report printed on a line of its own near the top
/// ("18 December 2020", "Last updated: 31 January 2020", a bulletin's
/// "Evening news, Sunday 18 April 2021", "Pama, samedi 28 mai 2022").
pub(super) fn header_date(text: &str, body: usize, language: lang::Lang) -> Option<NaiveDate> {
    let mut off = body;
    let mut lines = Vec::new();
    for piece in text.get(body..)?.split_inclusive('\n').take(8) {
        lines.push((off, piece.trim_end_matches(['\n', '\r'])));
        off += piece.len();
    }
    for (start, line) in lines {
        // (a translator's bracketed note may run long: "[Translation of a
        // news bulletin broadcast by a radio station in Ouallam, ...,
        // Wednesday 23 February 2022, 7 a.m.]")
        let limit = if line.starts_with('[') { 220 } else { 140 };
        if line.trim().is_empty() || line.len() > limit {
            continue;
        }
        let t = lang::normalize(
            language,
            text,
            text::tokens(text, start, start + line.len()),
        );
        let mut ds = dates::find_dates(&t, &DateCtx::default());
        // "Journal de 19 heures - jeudi 23 mai 2013": a clock time is
        // no second date
        if ds.len() > 1 {
            ds.retain(|d| d.explicit_year);
        }
        let [d] = ds.as_slice() else { continue };
        let DateVal::Known {
            start,
            precision: DatePrecision::Day,
            ..
        } = d.val
        else {
            continue;
        };
        let before = &t[..d.first];
        let label = before.iter().all(|x| {
            matches!(
                x.lw(),
                "last" | "updated" | "update" | "date" | "published" | "issued" | ":" | "as" | "of"
            )
        });
        let masthead = is_masthead(before);
        let label = label || masthead;
        // "..., Sunday 18 April 2021 (translated from the French)"
        // or "News bulletin of Friday 26 January 2018, 13h"
        let ends = d.next == t.len()
            || (masthead
                && t[d.next..].iter().all(|x| {
                    event_word(x.lw()).is_none()
                        && !tolls::is_casualty_word(x.lw())
                        && dates::month(x.lw()).is_none()
                }));
        if d.explicit_year && ends && label {
            return Some(start);
        }
    }
    None
}

/// A masthead before a date: a place or a programme's name, then the day;
/// no event, casualty or other figure before the date.
fn is_masthead(before: &[Token]) -> bool {
    // a number is only a bulletin's hour ("Journal de 19 heures")
    let clock = |k: usize| {
        before
            .get(k + 1)
            .is_some_and(|y| matches!(y.lw(), "heures" | "hours" | "h" | "gmt" | "utc"))
    };
    // ... or an issue's number ("Flash Update No. 1 (10 February 2025)")
    let issue = |k: usize| {
        let k = if k > 1 && before[k - 1].is_punct('.') {
            k - 1
        } else {
            k
        };
        k > 0
            && matches!(
                before[k - 1].lw(),
                "no" | "n°" | "number" | "issue" | "#" | "numéro"
            )
    };
    before.iter().enumerate().all(|(k, x)| {
        (x.kind != Kind::Num || clock(k) || issue(k))
            && event_word(x.lw()).is_none()
            && !tolls::is_casualty_word(x.lw())
            && !matches!(x.lw(), "date" | "dates")
    }) && before.iter().any(|x| {
        dates::weekday(x.lw()).is_some() || x.is_punct(',') || x.is_punct('-') || x.is_punct('(')
    })
}

/// A bulletin's heading that ends on its issue date in brackets: "Flash
/// Update No. 1 (10 February 2025)", "Situation report (3 March 2024)".
fn issue_heading(t: &[Token]) -> bool {
    let n = t.len();
    if n < 5
        || !t[n - 1].is_punct(')')
        || !t[n - 2].value.is_some_and(|v| (1900..2100).contains(&v))
    {
        return false;
    }
    let Some(open) = t.iter().rposition(|x| x.is_punct('(')) else {
        return false;
    };
    let ds = dates::find_dates(&t[open..], &DateCtx::default());
    open > 0
        && matches!(ds.as_slice(), [d] if d.explicit_year && d.next + 1 == n - open)
        && is_masthead(&t[..=open])
}

/// Tokens before the dash of a dateline, if the sentence starts with one.
pub(super) fn dateline_end(text: &str, t: &[Token]) -> Option<usize> {
    // a line of its own with only a city and a dated day: "Sofara, 7 May
    // 2020" (not a roundup's entry: "Gao, Tuesday 12 July")
    let city_and_day = t.len() >= 4
        && t.len() <= 8
        && t[0].kind == Kind::Word
        && t[0].cap
        && t[1].is_punct(',')
        && t.iter().any(|y| dates::month(&y.lower).is_some())
        && t.iter()
            .any(|y| y.kind == Kind::Num && y.value.is_some_and(|v| v >= 1900))
        && t[2..].iter().all(|y| match y.kind {
            Kind::Num => true,
            Kind::Word => dates::month(&y.lower).is_some(),
            Kind::Punct => matches!(y.lw(), "," | "."),
        });
    if city_and_day || issue_heading(t) {
        return Some(t.len() - 1);
    }
    // a bare one: "MOPTI - ...", "DORI — ..." (the city in capitals)
    if let Some(k) = t.iter().take(4).position(|x| {
        x.kind == Kind::Punct && matches!(x.lw(), "-" | "\u{2013}" | "\u{2014}") && x.space_before
    }) {
        let caps = |y: &Token| {
            let w = text.get(y.start..y.end).unwrap_or("");
            y.kind == Kind::Word
                && w.chars().count() >= 3
                && w.chars().all(|c| c.is_uppercase() || c == '\'')
        };
        if k >= 1 && t[..k].iter().all(caps) {
            // ("FOR IMMEDIATE RELEASE - Bamako, 14 July 2016": a release's
            // head, then the city and day of the release, all of it)
            let rest = &t[k + 1..];
            let place_and_day = rest.len() >= 2
                && rest.iter().any(|y| y.kind == Kind::Num)
                && rest.iter().all(|y| match y.kind {
                    Kind::Word => y.cap,
                    Kind::Num => true,
                    Kind::Punct => matches!(y.lw(), "," | "."),
                });
            if place_and_day {
                return Some(t.len() - 1);
            }
            return Some(k);
        }
    }
    for (k, x) in t.iter().enumerate().take(14) {
        if x.kind == Kind::Punct && (x.lower == "-" || x.lower == ":") && x.space_before && k >= 1 {
            let head = &t[..k];
            let mut depth = 0usize;
            let ok = head.iter().all(|y| match y.kind {
                // (French months are lowercase: "BAMAKO, 14 oct 2022 (AFP) -")
                Kind::Word => {
                    y.cap
                        || depth > 0
                        || matches!(y.lw(), "de" | "du" | "of")
                        || dates::month(&y.lower).is_some()
                }
                Kind::Num => true,
                Kind::Punct => {
                    if y.lw() == "(" {
                        depth += 1;
                    } else if y.lw() == ")" {
                        depth = depth.saturating_sub(1);
                    }
                    // ("Geneva/Niamey, 18 August 2021 - ": two cities)
                    matches!(y.lw(), "," | "(" | ")" | "." | "/")
                }
            });
            // "Bamako -- Our association ...": a city name alone before a dash
            let bare_city = (1..=2).contains(&k)
                && head.iter().all(|y| y.kind == Kind::Word && y.cap)
                && t.get(k + 1)
                    .is_some_and(|y| y.lw() == "-" && !y.space_before);
            if bare_city {
                return Some(k + 1);
            }
            let has_date = head.iter().any(|y| dates::month(&y.lower).is_some())
                || head.iter().any(|y| y.lower == "(");
            // "16 December 2016 - Nassoumbou, Burkina Faso: gunmen kill
            // 12 soldiers": a timeline's entry opens on its day, a
            // dateline on its city
            // (and "Oct. 3, 2014 - Nine peacekeepers die ...": an entry
            // opening on its month)
            // (or on its weekday: "Thursday 8 June - Djigoué (Poni
            // province). ...")
            let day_first = head[0].kind == Kind::Num
                || dates::month(&head[0].lower).is_some()
                || dates::weekday(&head[0].lower).is_some();
            return (ok && has_date && !day_first && x.lower == "-").then_some(k);
        }
    }
    None
}

/// Infobox key of a `Key | value |` row, with the token index of the first value token.
pub(super) fn infobox_row(text: &str, t: &[Token]) -> Option<(&'static str, usize)> {
    // "Date: 10-18 January 2013", "Location: Konna, Mopti Region, Mali" on
    // a line of their own (the casualty rows stay sentences: their
    // figures are read like any other)
    if let Some(colon) = t.iter().take(4).position(|x| x.is_punct(':')) {
        let line_start = t[0].start == 0 || text[..t[0].start].ends_with('\n');
        let one_line = !text[t[0].start..t[t.len() - 1].end].contains('\n');
        if colon > 0 && line_start && one_line {
            let key = text.get(t[0].start..t[colon - 1].end)?.to_ascii_lowercase();
            let k = match key.as_str() {
                "location" | "place" | "lieu" => Some("location"),
                "date" | "dates" | "date(s)" => Some("date"),
                // "Morts : entre 200 et 600 (estimations)": a figure row
                "deaths" | "dead" | "killed" | "fatalities" | "morts" | "tués" | "tues" => {
                    Some("deaths")
                }
                "injured" | "wounded" | "blessés" | "blesses" => Some("injured"),
                "auteur" | "auteurs" => Some("actor"),
                "conflit" | "victims" | "victimes" | "missing" | "disparus" | "cible" => {
                    Some("ignore")
                }
                "part of" | "belligerents" | "strength" | "result" | "outcome" | "commanders"
                | "units involved" | "target" | "weapons" | "type" | "perpetrator"
                | "perpetrators" => Some("ignore"),
                _ => None,
            };
            if let Some(k) = k {
                return Some((k, colon + 1));
            }
        }
    }
    let bar = t.iter().position(|x| x.is_punct('|'))?;
    if bar == 0 || bar > 3 {
        return None;
    }
    let key = text.get(t[0].start..t[bar - 1].end)?.to_ascii_lowercase();
    let k: &'static str = match key.as_str() {
        "location" | "place" => "location",
        "date" | "date(s)" => "date",
        "deaths" | "killed" | "fatalities" | "casualties" | "dead" => "deaths",
        "injured" | "wounded" | "injuries" | "non-fatal injuries" => "injured",
        "perpetrator" | "perpetrators" | "attackers" => "actor",
        "target" | "weapon" | "weapons" | "attack type" | "type" | "victims" | "part of" => {
            "ignore"
        }
        _ => return None,
    };
    Some((k, bar + 1))
}

pub(super) fn apply_infobox_row(
    m: &mut Mention,
    text: &str,
    t: &[Token],
    (key, from): (&'static str, usize),
    gaz: &Gazetteer,
    cache: &mut PlaceCache,
    ctx: &mut DateCtx,
) {
    let vals = &t[from.min(t.len())..];
    let vals: Vec<Token> = vals
        .iter()
        .take_while(|x| !x.is_punct('|'))
        .cloned()
        .collect();
    if vals.is_empty() {
        return;
    }
    let span = (vals[0].start, vals[vals.len() - 1].end);
    match key {
        "location" => {
            let masked = vec![false; vals.len()];
            let mut found = places::find_places(text, &vals, &masked, gaz, cache);
            // the first value is the place even without a cue
            if found.is_empty() && vals[0].cap && vals[0].kind == Kind::Word {
                let name = vals
                    .iter()
                    .take_while(|x| !x.is_punct(','))
                    .last()
                    .and_then(|l| text.get(vals[0].start..l.end))
                    .unwrap_or("");
                if !name.is_empty() {
                    cache.confirmed.insert(
                        crate::gazetteer::normalize::normalize(name),
                        name.to_string(),
                    );
                    found = places::find_places(text, &vals, &masked, gaz, cache);
                }
            }
            m.told.places.extend(
                found
                    .into_iter()
                    .filter(|p| p.role == Role::Event)
                    .map(|p| p.place),
            );
        }
        "date" => {
            let ds = dates::find_dates(&vals, ctx);
            if let Some(d) = ds.first() {
                if let DateVal::Known {
                    start,
                    end,
                    precision,
                } = d.val
                {
                    m.told.date = Some((start, end, precision));
                    if d.explicit_year {
                        ctx.year = Some(start.year());
                    }
                }
            }
        }
        "deaths" => {
            if let Some(q) = numbers::quantity_at(&vals, 0, false) {
                // ("Deaths | 1 (an attacker)": the attackers' own dead)
                let attackers = vals[q.next..]
                    .iter()
                    .any(|x| tolls::is_militant_word(x.lw()))
                    && !vals[q.next..]
                        .iter()
                        .any(|x| x.kind == Kind::Num || matches!(x.lw(), "and" | "et"));
                if attackers {
                    m.told.attacker = vec![Candidate::plain(&q, span)];
                } else {
                    m.told.deaths = vec![Candidate::plain(&q, span)];
                }
                m.told.evidence = Some(span);
            }
        }
        "injured" => {
            if let Some(q) = numbers::quantity_at(&vals, 0, false) {
                m.told.injured = Some(q.best);
            }
        }
        "actor" => {
            m.told.actor = text.get(span.0..span.1).map(|s| s.trim().to_string());
        }
        _ => {}
    }
}
