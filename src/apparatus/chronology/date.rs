//! The date of a chronology event: a year, a month or a day (`1973`, `1973-09`,
//! `1973-09-11`), a range of two such dates (`1970-09-04/1970-11-03`, either side any
//! precision), or a circa date (`c. 1968`); parsed strictly, written out in words, and
//! ordered so that less precise dates follow the precise ones of the same period.
//!
//! Must not know: TOML, diagnostics, the model.

use std::cmp::Ordering;

use crate::config::{MONTHS, Precision, check_date};

/// One side of a date: a year, maybe with a month, maybe with a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    pub year: i32,
    /// 1–12.
    pub month: Option<u8>,
    /// 1–31, only with a month.
    pub day: Option<u8>,
}

/// A date point as (year, month, day) for comparisons.
type DayKey = (i32, u8, u8);

/// The date of an event as `chronology.toml` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventDate {
    pub start: DatePoint,
    /// The last day, month or year of a range.
    pub end: Option<DatePoint>,
    /// `c. 1968`: the date is approximate.
    pub circa: bool,
}

/// Why a date could not be read: a message and which part of the string is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    /// Whether the error is a range whose end comes before its start (E641) rather than
    /// a malformed date (E640).
    pub reversed: bool,
}

impl DatePoint {
    fn parse(s: &str) -> Result<DatePoint, String> {
        check_date(s, Precision::Any)?;
        let mut parts = s.split('-').map(|p| p.parse::<u16>().unwrap_or(0));
        let year = i32::from(parts.next().unwrap_or(0));
        let month = parts.next().map(|m| m as u8);
        let day = parts.next().map(|d| d as u8);
        Ok(DatePoint { year, month, day })
    }

    /// The first day of the period, for comparisons: (year, month, day).
    fn first_day(&self) -> DayKey {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The sort key: a missing month or day sorts after every present one of the same
    /// year or month (13 and 32 lie past any real month and day).
    fn key(&self) -> DayKey {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }

    fn month_name(&self) -> Option<&'static str> {
        self.month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)).copied())
    }

    /// "11 September 1973", "September 1973", "1973".
    fn words(&self) -> String {
        match (self.day, self.month_name()) {
            (Some(d), Some(m)) => format!("{d} {m} {}", self.year),
            (None, Some(m)) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }
}

impl EventDate {
    /// Reads `1973`, `1973-09`, `1973-09-11`, `c. 1968` or `START/END`.
    pub fn parse(value: &str) -> Result<EventDate, DateError> {
        let bad = |message: String| DateError {
            message,
            reversed: false,
        };
        let trimmed = value.trim();
        let (circa, rest) = match trimmed.strip_prefix("c.") {
            Some(r) => (true, r.trim_start()),
            None => (false, trimmed),
        };
        let mut sides = rest.split('/');
        let first = sides.next().unwrap_or("").trim();
        let second = sides.next().map(str::trim);
        if sides.next().is_some() {
            return Err(bad(format!(
                "`{value}` has more than one `/`: a range is START/END"
            )));
        }
        let start = DatePoint::parse(first).map_err(bad)?;
        let end = match second {
            Some(s) => Some(DatePoint::parse(s).map_err(bad)?),
            None => None,
        };
        if let Some(end) = end
            && end.first_day() <= start.first_day()
        {
            return Err(DateError {
                message: format!(
                    "`{value}` ends ({}) before or when it starts ({})",
                    end.words(),
                    start.words()
                ),
                reversed: true,
            });
        }
        Ok(EventDate { start, end, circa })
    }

    /// The year the event begins in (the chronology groups by it).
    pub fn year(&self) -> i32 {
        self.start.year
    }

    /// The date in words: "11 September 1973", "September 1973", "1973", "c. 1968",
    /// "4 September – 3 November 1970", "1970–1973", "4–9 September 1970".
    pub fn words(&self) -> String {
        let body = match self.end {
            None => self.start.words(),
            Some(end) => range_words(&self.start, &end),
        };
        if self.circa {
            format!("c. {body}")
        } else {
            body
        }
    }

    /// The sort key: start, then precise before approximate, then a single date before
    /// a range from it, then the end.
    fn key(&self) -> (DayKey, bool, Option<DayKey>) {
        (self.start.key(), self.circa, self.end.map(|e| e.key()))
    }
}

/// A range in words, leaving out what both sides share: "4–9 September 1970",
/// "4 September – 3 November 1970", "September – November 1970", "1970–1973",
/// "11 September 1973 – March 1974". Between sides of several words the dash is spaced.
fn range_words(start: &DatePoint, end: &DatePoint) -> String {
    let same_year = start.year == end.year;
    let same_shape =
        start.month.is_some() == end.month.is_some() && start.day.is_some() == end.day.is_some();
    if start.month.is_none() && end.month.is_none() {
        return format!("{}–{}", start.year, end.year);
    }
    if same_year && same_shape {
        let (Some(m1), Some(m2)) = (start.month_name(), end.month_name()) else {
            return format!("{} – {}", start.words(), end.words());
        };
        return match (start.day, end.day) {
            (Some(d1), Some(d2)) if m1 == m2 => format!("{d1}–{d2} {m1} {}", end.year),
            (Some(d1), Some(d2)) => format!("{d1} {m1} – {d2} {m2} {}", end.year),
            _ => format!("{m1} – {m2} {}", end.year),
        };
    }
    format!("{} – {}", start.words(), end.words())
}

impl Ord for EventDate {
    fn cmp(&self, other: &EventDate) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &EventDate) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    #[test]
    fn words() {
        assert_eq!(d("1973-09-11").words(), "11 September 1973");
        assert_eq!(d("1973-09").words(), "September 1973");
        assert_eq!(d("1973").words(), "1973");
        assert_eq!(d("c. 1968").words(), "c. 1968");
        assert_eq!(d("c.1968").words(), "c. 1968");
        assert_eq!(
            d("1970-09-04/1970-11-03").words(),
            "4 September – 3 November 1970"
        );
        assert_eq!(d("1970-09-04/1970-09-09").words(), "4–9 September 1970");
        assert_eq!(d("1970-09/1970-11").words(), "September – November 1970");
        assert_eq!(d("1970/1973").words(), "1970–1973");
        assert_eq!(
            d("1973-09-11/1974-03").words(),
            "11 September 1973 – March 1974"
        );
        assert_eq!(d("1973-09-11/1974").words(), "11 September 1973 – 1974");
        assert_eq!(d("c. 1968/1970").words(), "c. 1968–1970");
        assert_eq!(d("1973-09-11").year(), 1973);
        assert_eq!(d("1970/1973").year(), 1970);
    }

    #[test]
    fn errors() {
        let e = |s: &str| EventDate::parse(s).unwrap_err();
        assert!(e("1973-13").message.contains("month 13"));
        assert!(e("1973-09-40").message.contains("day 40"));
        assert!(e("1973/1970").reversed);
        assert!(e("1970/1970").reversed);
        assert!(e("1973-09-11/1973").reversed);
        assert!(!e("11 September 1973").reversed);
        assert!(e("1970/1971/1972").message.contains("more than one"));
        assert!(!e("").reversed);
        assert!(!e("c.").reversed);
        assert!(!e("ca. 1968").reversed);
    }

    #[test]
    fn order_puts_less_precise_dates_after_precise_ones_of_their_period() {
        let mut dates: Vec<EventDate> = [
            "1974",
            "c. 1973",
            "1973",
            "1973-09",
            "1973-10-01",
            "1973-09-11/1973-09-30",
            "1973-09-11",
            "1972-12-31",
            "1970/1973",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let words: Vec<String> = dates.iter().map(EventDate::words).collect();
        assert_eq!(
            words,
            [
                "1970–1973",
                "31 December 1972",
                "11 September 1973",
                "11–30 September 1973",
                "September 1973",
                "1 October 1973",
                "1973",
                "c. 1973",
                "1974",
            ]
        );
    }
}
