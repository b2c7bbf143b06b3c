//! Month and weekday names (English; French ones are normalised to them
//! first): the one table both the tokenizer's abbreviation check
//! (`text`) and the date reader (`dates`) use, so that neither imports
//! the other.

use chrono::Weekday;

/// Month number of a month name or abbreviation.
pub fn month(w: &str) -> Option<u32> {
    let w = if w.len() > 1 && w.ends_with('.') {
        &w[..w.len() - 1]
    } else {
        w
    };
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    // (most words are rejected on their first letter)
    if !matches!(
        w.as_bytes()[0],
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Weekday of a weekday name.
pub fn weekday(w: &str) -> Option<Weekday> {
    if w.len() < 6 || w.len() > 9 || !w.ends_with("day") {
        return None;
    }
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}
