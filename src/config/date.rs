//! Dates of the manuscript's metadata: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked for
//! real months and days (a typo like `1973-13-40` is an error, not a silent string).

/// How precise a date must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Year, month and day: the edition's own date (it becomes `dcterms:modified`).
    Day,
    /// Any of year, year and month, or a full date: when a source was published.
    Any,
}

/// Checks a date; the error says what is wrong with it.
pub fn check_date(value: &str, precision: Precision) -> Result<(), String> {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let shape_ok = match parts.len() {
        1 => digits(parts[0], 4),
        2 => digits(parts[0], 4) && digits(parts[1], 2),
        3 => digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2),
        _ => false,
    };
    if !shape_ok {
        return Err(format!(
            "`{value}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        ));
    }
    if precision == Precision::Day && parts.len() != 3 {
        return Err(format!("`{value}` needs a day: write YYYY-MM-DD"));
    }
    let year: u32 = parts[0].parse().unwrap_or(0);
    if let Some(m) = parts.get(1) {
        let month: u32 = m.parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{value}` has no month {month}: months run from 01 to 12"
            ));
        }
        if let Some(d) = parts.get(2) {
            let day: u32 = d.parse().unwrap_or(0);
            let last = days_in_month(year, month);
            if day == 0 || day > last {
                return Err(format!(
                    "`{value}` has no day {day}: that month has {last} days"
                ));
            }
        }
    }
    Ok(())
}

/// English month names, for dates shown to readers of the edition (the volume's
/// language), and for finding dates in its texts.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a reader writes it (`July 1973`,
/// `11 September 1973`); anything else as given. The one spelling of dates in the EPUB
/// and the PDF.
pub fn display_date(date: &str) -> String {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let num = |s: &str| {
        s.parse::<usize>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
    };
    let month = |m: &str| {
        num(m)
            .filter(|m| (1..=12).contains(m))
            .map(|m| MONTHS[m - 1])
    };
    match parts.as_slice() {
        [y, m] if y.len() == 4 && num(y).is_some() => match month(m) {
            Some(m) => format!("{m} {y}"),
            None => date.to_string(),
        },
        [y, m, d] if y.len() == 4 && num(y).is_some() => {
            match (month(m), num(d).filter(|d| (1..=31).contains(d))) {
                (Some(m), Some(d)) => format!("{d} {m} {y}"),
                _ => date.to_string(),
            }
        }
        _ => date.to_string(),
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_prose() {
        assert_eq!(display_date("1973"), "1973");
        assert_eq!(display_date("1973-07"), "July 1973");
        assert_eq!(display_date("1973-09-11"), "11 September 1973");
        assert_eq!(display_date("2024-05-01"), "1 May 2024");
        assert_eq!(display_date("1973-13"), "1973-13");
        assert_eq!(display_date("summer 1973"), "summer 1973");
    }

    #[test]
    fn dates() {
        assert!(check_date("1973-09-11", Precision::Day).is_ok());
        assert!(check_date("2024-02-29", Precision::Day).is_ok());
        assert!(check_date("1900-02-29", Precision::Day).is_err());
        assert!(
            check_date("1973-13-40", Precision::Day)
                .unwrap_err()
                .contains("month 13")
        );
        assert!(
            check_date("1973-04-31", Precision::Any)
                .unwrap_err()
                .contains("30 days")
        );
        assert!(check_date("1973", Precision::Any).is_ok());
        assert!(check_date("1973-07", Precision::Any).is_ok());
        assert!(check_date("1973", Precision::Day).is_err());
        assert!(check_date("1973/1970", Precision::Any).is_err());
        assert!(check_date("", Precision::Any).is_err());
    }
}
