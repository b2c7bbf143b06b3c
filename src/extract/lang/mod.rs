//! Input languages: per-document detection and the word tables that bring
//! a sentence's tokens to the extractor's own vocabulary.
//!
//! The rules in [`super::tolls`], [`super::numbers`], [`super::dates`] and
//! [`super::places`] read one vocabulary of lowercase words (it happens to be
//! English: "killed", "at least", "village of", "March"). A language is
//! read by a *normaliser* that rewrites each sentence's tokens into that
//! vocabulary while keeping every token's byte offsets in the original
//! text, so evidence spans still point at the article's own words:
//!
//! * English ([`en`]) is the vocabulary itself; its normaliser is the
//!   identity and costs nothing.
//! * French ([`fr`]) is tables: single words ("tués" → "killed"), phrases
//!   ("au moins" → "at least", "la semaine dernière" → "last week"), number
//!   words ("soixante et onze" → 71), approximate counts ("une vingtaine"
//!   → 20) and a few order rules (adjectives after the noun, elisions).
//!
//! A third language is a third table module with its stop words, words and
//! phrases, plus a line in [`Lang`].

pub mod en;
pub mod fr;

#[cfg(test)]
mod tests_fr;

use super::text::Token;

/// A language the extractor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the rules' own vocabulary).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// ISO 639-1 code, as recorded on incidents.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses a language code or name (`en`, `fr`, `fr-FR`, `french`, `français`).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::extract::lang::Lang;
    /// assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
    /// assert_eq!(Lang::parse("English"), Some(Lang::En));
    /// assert_eq!(Lang::parse("xx"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_lowercase();
        let head = s.split(['-', '_']).next().unwrap_or("");
        match head {
            "en" | "eng" | "english" | "anglais" => Some(Lang::En),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Stop words of the language (for detection).
    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => en::STOP_WORDS,
            Lang::Fr => fr::STOP_WORDS,
        }
    }

    /// [`Lang::stop_words`] as a set, built on first use.
    fn stop_set(self) -> &'static super::WordSet {
        static EN: std::sync::OnceLock<super::WordSet> = std::sync::OnceLock::new();
        static FR: std::sync::OnceLock<super::WordSet> = std::sync::OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        };
        cell.get_or_init(|| self.stop_words().iter().copied().collect())
    }
}

/// Which language to read documents in: `auto` detects per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    /// Front matter `lang:`, else the stop-word detector.
    #[default]
    Auto,
    /// This language for every document without a front matter `lang:`.
    Fixed(Lang),
}

impl LangChoice {
    /// Parses `auto`, `en`, `fr` (as given to `--lang`).
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::extract::lang::{Lang, LangChoice};
    /// assert_eq!(LangChoice::parse("auto"), Some(LangChoice::Auto));
    /// assert_eq!(LangChoice::parse("fr"), Some(LangChoice::Fixed(Lang::Fr)));
    /// assert_eq!(LangChoice::parse("de"), None);
    /// ```
    pub fn parse(s: &str) -> Option<LangChoice> {
        if s.trim().eq_ignore_ascii_case("auto") {
            return Some(LangChoice::Auto);
        }
        Lang::parse(s).map(LangChoice::Fixed)
    }
}

/// Bytes of body text the detector reads (enough for a few sentences).
const DETECT_BYTES: usize = 2048;

/// Guesses the language of `text` from its most frequent short words
/// (the first few kilobytes are read). English when nothing decides.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::lang::{detect, Lang};
/// assert_eq!(detect("Des hommes armés ont attaqué le village et tué dix personnes."), Lang::Fr);
/// assert_eq!(detect("Gunmen attacked the village and killed ten people."), Lang::En);
/// ```
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut score = [0usize; 2];
    let langs = [Lang::En, Lang::Fr];
    let mut lw = String::with_capacity(16);
    for w in super::text::alpha_runs(&text[..end]).filter(|w| w.len() <= 8) {
        let w = super::text::lowercase_in(w, &mut lw);
        for (k, l) in langs.iter().enumerate() {
            if l.stop_set().contains(w) {
                score[k] += 1;
            }
        }
        // a clear lead settles it
        if score[0].abs_diff(score[1]) >= 12 {
            break;
        }
    }
    if score[1] > score[0] {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// The date of a signature line at the end of a communiqué ("Bamako, le 08
/// août 2022", "Fait à Niamey, le 09 janvier 2020"), French articles only:
/// a short line among the last few that opens with a
/// capitalised word and a comma and holds a full date.
///
/// # Examples
/// ```
/// use casualty_atlas::extract::lang::{signature_date, Lang};
/// let t = "Le camp a été attaqué ce matin.\n\nDori, le 3 mars 2021\nLe ministre";
/// assert_eq!(signature_date(Lang::Fr, t, 0).map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
/// ```
pub fn signature_date(lang: Lang, text: &str, body: usize) -> Option<chrono::NaiveDate> {
    use super::dates::{find_dates, DateCtx, DateVal};
    // signature lines close French communiqués; English text is left as it was
    if lang == Lang::En {
        return None;
    }
    let body_text = text.get(body..)?;
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = body;
    for piece in body_text.split_inclusive('\n') {
        lines.push((off, piece.trim_end_matches(['\n', '\r'])));
        off += piece.len();
    }
    let mut seen = 0;
    for &(start, line) in lines.iter().rev() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 4 {
            break;
        }
        if trimmed.len() > 100 || !trimmed.contains(',') {
            continue;
        }
        let toks = normalize(
            lang,
            text,
            super::text::tokens(text, start, start + line.len()),
        );
        if !toks.first().is_some_and(|x| x.cap) {
            continue;
        }
        for d in find_dates(&toks, &DateCtx::default()) {
            if let (
                true,
                DateVal::Known {
                    start, precision, ..
                },
            ) = (d.explicit_year, d.val)
            {
                if precision == crate::model::DatePrecision::Day {
                    return Some(start);
                }
            }
        }
    }
    None
}

/// Sentences cut further where the language joins two statements with a
/// semicolon (French: "trois soldats ont été tués le 28 décembre ; le 2
/// janvier, deux autres ont péri"). English sentences are kept whole.
pub fn clauses(lang: Lang, text: &str, sentences: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if lang == Lang::En {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for (s, e) in sentences {
        let mut from = s;
        let piece = text.get(s..e).unwrap_or("");
        for (k, _) in piece.match_indices(';') {
            let cut = s + k + 1;
            if text
                .get(from..cut - 1)
                .is_some_and(|x| !x.trim().is_empty())
            {
                out.push((from, cut - 1));
            }
            from = cut;
            while from < e && text.as_bytes()[from] == b' ' {
                from += 1;
            }
        }
        if from < e {
            out.push((from, e));
        }
    }
    out
}

/// Rewrites a sentence's tokens into the rules' vocabulary (see the module
/// documentation); offsets stay those of `text`.
pub fn normalize<'a>(lang: Lang, text: &'a str, toks: Vec<Token<'a>>) -> Vec<Token<'a>> {
    match lang {
        Lang::En => toks,
        Lang::Fr => fr::normalize(text, toks),
    }
}
