//! Lists given as tables: a header line naming its columns ("Village
//! (cercle) - date - killed - alleged perpetrators", "Localité | Date |
//! Morts") and one row per line under it. Each row is an incident's
//! mention: its place, its day and its toll, read column by column with
//! the infobox's readers (`document::apply_infobox_row`).

use super::*;

/// The columns of a table, from its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TableHead {
    /// How many fields a row has.
    pub(super) fields: usize,
    /// The place column.
    pub(super) place: usize,
    /// The date column, if any.
    pub(super) date: Option<usize>,
    /// The deaths column.
    pub(super) deaths: usize,
}

const PLACE_WORDS: &[&str] = &[
    "village",
    "villages",
    "place",
    "places",
    "locality",
    "localities",
    "location",
    "town",
    "commune",
    "localité",
    "localités",
    "lieu",
    "lieux",
];
const DEATH_WORDS: &[&str] = &[
    "killed",
    "dead",
    "deaths",
    "toll",
    "victims",
    "fatalities",
    "tués",
    "morts",
    "bilan",
    "victimes",
    "décès",
];

/// Splits a line's tokens into fields at its separators: a bar, or a dash
/// with spaces on both sides (not the one inside "26-27 April"); a bullet
/// opening the line is not a field.
pub(super) fn fields<'t, 'a>(text: &str, toks: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut out = Vec::new();
    let bullet = toks.first().is_some_and(|x| {
        (x.is_punct('-') || x.is_punct('*') || x.is_punct('•'))
            && (x.start == 0 || text[..x.start].ends_with('\n'))
    });
    let mut from = usize::from(bullet);
    for (k, x) in toks.iter().enumerate().skip(from) {
        let spaced_after = toks.get(k + 1).is_some_and(|y| y.space_before);
        let sep = x.is_punct('|') || (x.is_punct('-') && x.space_before && spaced_after);
        if sep {
            out.push(&toks[from..k]);
            from = k + 1;
        }
    }
    out.push(&toks[from.min(toks.len())..]);
    out.retain(|f| !f.is_empty());
    out
}

/// The header of a table: a line of at least three fields, one naming
/// places and one naming the dead.
pub(super) fn head(text: &str, toks: &[Token]) -> Option<TableHead> {
    // cheap test first: every sentence comes here
    if toks.len() > 40 || !toks.iter().any(|x| x.is_punct('|') || x.is_punct('-')) {
        return None;
    }
    let one_line = toks
        .first()
        .zip(toks.last())
        .is_some_and(|(a, b)| !text[a.start..b.end].contains('\n'));
    if !one_line {
        return None;
    }
    let fs = fields(text, toks);
    if fs.len() < 3 {
        return None;
    }
    let first_word = |f: &[Token]| f.first().map(|x| x.lw().to_string()).unwrap_or_default();
    let place = fs
        .iter()
        .position(|f| PLACE_WORDS.contains(&first_word(f).as_str()))?;
    let deaths = fs
        .iter()
        .position(|f| f.iter().any(|x| DEATH_WORDS.contains(&x.lw())))?;
    let date = fs
        .iter()
        .position(|f| matches!(first_word(f).as_str(), "date" | "dates" | "day"));
    // a header is words, not figures
    if toks.iter().any(|x| x.kind == Kind::Num) || place == deaths {
        return None;
    }
    Some(TableHead {
        fields: fs.len(),
        place,
        date,
        deaths,
    })
}

/// A row under `head`: as many fields, a figure in the deaths column, and
/// not a total.
pub(super) fn row<'t, 'a>(
    text: &str,
    toks: &'t [Token<'a>],
    head: &TableHead,
) -> Option<Vec<&'t [Token<'a>]>> {
    let fs = fields(text, toks);
    if fs.len() != head.fields {
        return None;
    }
    let total = fs[head.place]
        .first()
        .is_some_and(|x| matches!(x.lw(), "total" | "totals" | "overall"));
    let figure = fs[head.deaths]
        .iter()
        .any(|x| x.kind == Kind::Num || numbers::word_value(&x.lower).is_some());
    (figure && !total).then_some(fs)
}

/// The capitalised words of a place field, each with whether it stands
/// inside brackets: outside are the row's places ("Aklaz and Awakassa"),
/// inside the unit that locates them ("(Ménaka)").
pub(super) fn field_names<'s>(text: &'s str, field: &[Token]) -> Vec<(&'s str, bool)> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for x in field {
        if x.is_punct('(') {
            depth += 1;
        } else if x.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if x.kind == Kind::Word && x.cap {
            if let Some(name) = text.get(x.start..x.end) {
                out.push((name, depth > 0));
            }
        }
    }
    out
}
