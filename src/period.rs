//! Calendars: the period granularity a report asks for, and the period a
//! date falls in.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt;

/// How finely time is cut in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday, ISO week-numbering year).
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

impl Granularity {
    /// Every granularity, finest first.
    pub const ALL: [Self; 5] = [
        Self::Day,
        Self::Week,
        Self::Month,
        Self::Quarter,
        Self::Year,
    ];

    /// Parses `day|week|month|quarter|year`.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::period::Granularity;
    /// assert_eq!(Granularity::parse("quarter"), Some(Granularity::Quarter));
    /// assert_eq!(Granularity::parse("fortnight"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Some(Self::Day),
            "week" | "weekly" => Some(Self::Week),
            "month" | "monthly" => Some(Self::Month),
            "quarter" | "quarterly" => Some(Self::Quarter),
            "year" | "yearly" | "annual" => Some(Self::Year),
            _ => None,
        }
    }

    /// The spelling used in output file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// The calendar unit a date of precision `p` is known to, if any.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::model::DatePrecision;
    /// use casualty_atlas::period::Granularity;
    /// assert_eq!(Granularity::of(DatePrecision::Week), Some(Granularity::Week));
    /// assert_eq!(Granularity::of(DatePrecision::Unknown), None);
    /// // the two spell a unit alike
    /// for p in [DatePrecision::Day, DatePrecision::Week, DatePrecision::Month, DatePrecision::Year] {
    ///     assert_eq!(Granularity::of(p).map(Granularity::as_str), Some(p.as_str()));
    /// }
    /// ```
    pub fn of(p: crate::model::DatePrecision) -> Option<Self> {
        use crate::model::DatePrecision as P;
        Some(match p {
            P::Day => Self::Day,
            P::Week => Self::Week,
            P::Month => Self::Month,
            P::Year => Self::Year,
            P::Unknown => return None,
        })
    }
}

/// One period: a closed range of days, or `Undated` for incidents with no date.
///
/// Ordered by start date, with `Undated` last.
///
/// # Examples
/// ```
/// use casualty_atlas::period::{Granularity, Period};
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 3, 25).unwrap();
/// let p = Period::of(d, Granularity::Month);
/// assert_eq!(p.to_string(), "2024-03");
/// assert_eq!(p.end().unwrap(), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
/// let w = Period::of(d, Granularity::Week);
/// assert_eq!(w.to_string(), "2024-W13");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A dated period `[start, end]` of a granularity.
    Dated {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// The granularity it was cut at.
        granularity: Granularity,
    },
    /// No date.
    Undated,
}

impl Period {
    /// The period of `granularity` containing `date`.
    pub fn of(date: NaiveDate, granularity: Granularity) -> Self {
        let (start, end) = bounds(date, granularity);
        Period::Dated {
            start,
            end,
            granularity,
        }
    }

    /// The period of an incident dated from `start` with `precision`: the
    /// period of `granularity` holding `start`, or, when the date is known
    /// less finely than the granularity (a month-only date in a weekly
    /// report, a year-only date in a monthly one), the period of the date's
    /// own precision, so no event is pinned to a made-up week or month.
    ///
    /// # Examples
    /// ```
    /// use casualty_atlas::period::{Granularity, Period};
    /// use casualty_atlas::model::DatePrecision;
    /// let d = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    /// assert_eq!(Period::for_date(d, DatePrecision::Year, Granularity::Month).to_string(), "2019");
    /// assert_eq!(Period::for_date(d, DatePrecision::Day, Granularity::Month).to_string(), "2019-01");
    /// ```
    pub fn for_date(
        start: NaiveDate,
        precision: crate::model::DatePrecision,
        granularity: Granularity,
    ) -> Self {
        let needed = Granularity::of(precision).unwrap_or(Granularity::Day);
        Period::of(start, needed.max(granularity))
    }

    /// First day, `None` when undated.
    pub fn start(&self) -> Option<NaiveDate> {
        match self {
            Period::Dated { start, .. } => Some(*start),
            Period::Undated => None,
        }
    }

    /// Last day, `None` when undated.
    pub fn end(&self) -> Option<NaiveDate> {
        match self {
            Period::Dated { end, .. } => Some(*end),
            Period::Undated => None,
        }
    }
}

/// First and last day of the period of `g` holding `d`.
pub fn bounds(d: NaiveDate, g: Granularity) -> (NaiveDate, NaiveDate) {
    match g {
        Granularity::Day => (d, d),
        Granularity::Week => {
            let start = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            (start, start + Duration::days(6))
        }
        Granularity::Month => month_bounds(d.year(), d.month()),
        Granularity::Quarter => {
            let q0 = (d.month() - 1) / 3 * 3 + 1;
            let (s, _) = month_bounds(d.year(), q0);
            let (_, e) = month_bounds(d.year(), q0 + 2);
            (s, e)
        }
        Granularity::Year => (
            NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
            NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
        ),
    }
}

/// First and last day of a month.
pub fn month_bounds(year: i32, month: u32) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let end = next.and_then(|n| n.pred_opt()).unwrap_or(start);
    (start, end)
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Undated => f.write_str("undated"),
            Period::Dated {
                start, granularity, ..
            } => match granularity {
                // plain integers for the usual years (chrono's format
                // machinery is slow when a table has many thousand rows)
                Granularity::Day if (0..=9999).contains(&start.year()) => {
                    write!(
                        f,
                        "{:04}-{:02}-{:02}",
                        start.year(),
                        start.month(),
                        start.day()
                    )
                }
                Granularity::Day => write!(f, "{}", start.format("%Y-%m-%d")),
                Granularity::Month if (0..=9999).contains(&start.year()) => {
                    write!(f, "{:04}-{:02}", start.year(), start.month())
                }
                Granularity::Week => {
                    let w = start.iso_week();
                    write!(f, "{}-W{:02}", w.year(), w.week())
                }
                Granularity::Month => write!(f, "{}", start.format("%Y-%m")),
                Granularity::Quarter => {
                    write!(f, "{}-Q{}", start.year(), (start.month() - 1) / 3 + 1)
                }
                Granularity::Year => write!(f, "{}", start.year()),
            },
        }
    }
}

/// The Monday of ISO week `week` of ISO year `year`.
pub fn iso_week_start(year: i32, week: u32) -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn iso_week_crosses_year() {
        // 2021-01-01 is a Friday in ISO week 53 of 2020.
        let p = Period::of(d(2021, 1, 1), Granularity::Week);
        assert_eq!(p.to_string(), "2020-W53");
        assert_eq!(p.start(), Some(d(2020, 12, 28)));
        assert_eq!(p.end(), Some(d(2021, 1, 3)));
    }

    #[test]
    fn quarter_and_leap_february() {
        let p = Period::of(d(2024, 2, 29), Granularity::Quarter);
        assert_eq!(p.to_string(), "2024-Q1");
        assert_eq!(p.end(), Some(d(2024, 3, 31)));
        assert_eq!(month_bounds(2024, 2).1, d(2024, 2, 29));
        assert_eq!(month_bounds(2023, 2).1, d(2023, 2, 28));
        assert_eq!(month_bounds(2023, 12).1, d(2023, 12, 31));
    }

    #[test]
    fn undated_sorts_last() {
        assert!(Period::of(d(2025, 12, 31), Granularity::Year) < Period::Undated);
    }
}
