//! Why an input could not be used, in one line per input, with the fix when
//! the reason is a known one. `report` prints these lines on stderr whenever
//! it exits non-zero, `--quiet` or not.

use crate::model::{doc_name, Reject};
use std::path::Path;

/// The fix for a known reason, as a clause to append after "hint: ".
///
/// # Examples
/// ```
/// use casualty_atlas::explain::hint;
/// assert!(hint("lat \"14,35\" is not a number").unwrap().contains("--decimal-comma"));
/// assert!(hint("lat 3 is out of range").is_none());
/// ```
pub fn hint(reason: &str) -> Option<&'static str> {
    if is_decimal_comma(reason) {
        return Some("coordinates use a decimal comma: re-export with '.' as the decimal separator, or pass --decimal-comma");
    }
    let table: [(&str, &str); 10] = [
        ("is a directory", "give the files inside it (e.g. DIR/*.csv DIR/*.txt), not the folder"),
        ("file is empty", "the file holds nothing: check that the export or download finished"),
        ("article is empty", "the file holds nothing: check that the export or download finished"),
        ("has a header but no records", "the table has column names but no rows: export it again with its data"),
        ("no body text", "the article has front matter but no text: add the article's text below the closing ---"),
        ("header does not describe incidents", "name the columns as README's Formats section says: place (or lat and lon), date, deaths; ACLED and UCDP exports are recognised by their own headers"),
        ("is not valid UTF-8", "re-save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8 FILE)"),
        ("look swapped", "swap the lat and lon columns (latitude is north-south: about 10 to 25 in the Sahel)"),
        ("is not a date", "write dates as YYYY-MM-DD (a number such as 44197 is a spreadsheet's day count: format the column as a date before exporting)"),
        ("is an incident table, not an article", "use casualty-atlas report (or query) for tables"),
    ];
    table
        .iter()
        .find(|(needle, _)| reason.contains(needle))
        .map(|(_, h)| *h)
}

/// True when `reason` rejects a coordinate written with a decimal comma
/// (`lat "14,35" is not a number`).
pub fn is_decimal_comma(reason: &str) -> bool {
    let Some(rest) = reason
        .strip_prefix("lat \"")
        .or_else(|| reason.strip_prefix("lon \""))
    else {
        return false;
    };
    let value = rest.split('"').next().unwrap_or("");
    let mut parts = value.split(',');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let a = a.trim_start_matches(['-', '+']);
    !a.is_empty()
        && !b.is_empty()
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
}

/// What one input gave, for [`input_lines`].
#[derive(Debug, Clone)]
pub struct InputOutcome {
    /// The path as given.
    pub path: String,
    /// Records read.
    pub records: u64,
    /// Incidents it gave.
    pub incidents: u64,
    /// True for an article (prose, read by the extractor).
    pub article: bool,
}

fn with_hint(line: String, reason: &str) -> String {
    match hint(reason) {
        Some(h) if !line.contains(h) => format!("{line}; hint: {h}"),
        _ => line,
    }
}

/// One line per input that could not be used, in whole or in part, saying
/// why (its first rejected record's reason) and how to fix it when the
/// reason is a known one. With `all`, inputs that were read but gave no
/// incident get a line too (used when no input gave any). `rejects_csv`
/// names the file listing every rejected record, when one is written.
pub fn input_lines(
    inputs: &[InputOutcome],
    rejects: &[Reject],
    rejects_csv: Option<&Path>,
    all: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    for input in inputs {
        let name = doc_name(Path::new(&input.path));
        let mine: Vec<&Reject> = rejects
            .iter()
            .filter(|r| !r.benign && (r.source == input.path || r.source == name))
            .collect();
        let see = rejects_csv
            .map(|p| format!(" (every one listed in {})", p.display()))
            .unwrap_or_default();
        let line = if let Some(whole) = mine.iter().find(|r| r.line == 0) {
            let reason = whole
                .reason
                .trim_start_matches(&format!("{}: ", input.path));
            with_hint(format!("{}: {reason}", input.path), reason)
        } else if let Some(first) = mine.first() {
            let how_many = if input.incidents == 0 || mine.len() as u64 >= input.records {
                format!("none of its {} record(s) is usable", mine.len())
            } else {
                format!(
                    "{} of its {} record(s) rejected",
                    mine.len(),
                    input.records.max(mine.len() as u64)
                )
            };
            with_hint(
                format!(
                    "{}: {how_many}{see}; line {}: {}",
                    input.path, first.line, first.reason
                ),
                &first.reason,
            )
        } else if all && input.incidents == 0 {
            if input.article {
                format!("{}: no casualty incident found in the text", input.path)
            } else {
                format!("{}: no incident in it", input.path)
            }
        } else {
            continue;
        };
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reject(source: &str, line: u64, reason: &str) -> Reject {
        Reject {
            source: source.into(),
            line,
            id: None,
            reason: reason.into(),
            raw: String::new(),
            benign: false,
        }
    }

    #[test]
    fn decimal_comma_is_recognised_only_on_coordinates() {
        assert!(is_decimal_comma("lat \"14,35\" is not a number"));
        assert!(is_decimal_comma("lon \"-3,61\" is not a number"));
        assert!(!is_decimal_comma("lat \"14.35\" is not a number"));
        assert!(!is_decimal_comma("lat \"abc,d\" is not a number"));
        assert!(!is_decimal_comma("deaths \"1,5\" is not a number"));
    }

    #[test]
    fn one_line_per_input_with_its_reason_and_hint() {
        let inputs = vec![
            InputOutcome {
                path: "a.csv".into(),
                records: 3,
                incidents: 0,
                article: false,
            },
            InputOutcome {
                path: "dir/b.csv".into(),
                records: 0,
                incidents: 0,
                article: false,
            },
            InputOutcome {
                path: "c.csv".into(),
                records: 5,
                incidents: 5,
                article: false,
            },
        ];
        let rejects = vec![
            reject("a.csv", 2, "lat \"14,35\" is not a number"),
            reject("a.csv", 3, "lat \"14,40\" is not a number"),
            reject("dir/b.csv", 0, "dir/b.csv: file is empty"),
        ];
        let lines = input_lines(&inputs, &rejects, None, false);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("a.csv: none of its 2 record(s)"),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("--decimal-comma"), "{}", lines[0]);
        assert_eq!(
            lines[1],
            "dir/b.csv: file is empty; hint: the file holds nothing: check that the export or download finished"
        );
        let all = input_lines(&inputs, &rejects, None, true);
        assert_eq!(all.len(), 2, "c.csv gave incidents: no line");
    }
}
