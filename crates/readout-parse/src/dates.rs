//! Dates as reports write them: "September 18, 2023", "1 November 2021",
//! "Jan. 5", "2023-09-19", "on Monday", "yesterday".

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

/// Any absolute date, with or without a year.
pub(crate) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?-u:\b)|(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y1>\d{{4}})(?-u:\b))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})(?:,?\s*(?P<y2>\d{{4}})(?-u:\b))?)"
    ))
    .expect("valid date regex")
});

/// A day named relative to the publication date.
pub(crate) static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:on|last|this|Last|On|This)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|(?P<yest>[Yy]esterday)|(?P<today>[Tt]oday|[Tt]his (?:morning|afternoon|evening)|[Tt]onight))(?-u:\b)")
        .expect("valid relative-date regex")
});

/// The month number of a month name or abbreviation.
pub(crate) fn month(s: &str) -> Option<u32> {
    let l = s.get(..3)?.to_ascii_lowercase();
    Some(match l.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) date: NaiveDate,
    /// The year was written.
    pub(crate) with_year: bool,
}

/// Every absolute date in `text` (offsets relative to `text`); a date without
/// a year takes the year of `reference` (the year before, when that puts it
/// after the reference), and is skipped without one.
pub(crate) fn absolute(text: &str, reference: Option<NaiveDate>) -> Vec<Found> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let m = c.get(0).expect("whole match");
        let (y, mo, d) = if let Some(y) = c.name("iy") {
            (
                y.as_str().parse().ok(),
                c["im"].parse().ok(),
                c["id"].parse().ok(),
            )
        } else if let Some(mo) = c.name("m1") {
            (
                c.name("y1").and_then(|y| y.as_str().parse().ok()),
                month(mo.as_str()),
                c["d1"].parse().ok(),
            )
        } else {
            (
                c.name("y2").and_then(|y| y.as_str().parse().ok()),
                c.name("m2").and_then(|m| month(m.as_str())),
                c["d2"].parse().ok(),
            )
        };
        let (Some(mo), Some(d)) = (mo, d) else {
            continue;
        };
        let with_year = y.is_some();
        let date = match (y, reference) {
            (Some(y), _) => NaiveDate::from_ymd_opt(y, mo, d),
            (None, Some(r)) => NaiveDate::from_ymd_opt(r.year(), mo, d).and_then(|x| {
                if x > r + Duration::days(2) {
                    NaiveDate::from_ymd_opt(r.year() - 1, mo, d)
                } else {
                    Some(x)
                }
            }),
            (None, None) => None,
        };
        if let Some(date) = date {
            out.push(Found {
                start: m.start(),
                end: m.end(),
                date,
                with_year,
            });
        }
    }
    out
}

/// The first relative day in `text`, resolved against `published`.
pub(crate) fn relative(text: &str, published: NaiveDate) -> Option<Found> {
    let c = RELATIVE.captures(text)?;
    let m = c.get(0)?;
    let date = if let Some(wd) = c.name("wd").or(c.name("wd2")) {
        let want: Weekday = wd.as_str().parse().ok()?;
        // The most recent such day, the publication day included.
        let back =
            (published.weekday().num_days_from_monday() + 7 - want.num_days_from_monday()) % 7;
        published - Duration::days(i64::from(back))
    } else if c.name("yest").is_some() {
        published - Duration::days(1)
    } else {
        published
    };
    Some(Found {
        start: m.start(),
        end: m.end(),
        date,
        with_year: true,
    })
}

/// `YYYY-MM-DD` of the first ten characters of an ISO date or date-time.
pub(crate) fn iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn written_forms() {
        let f = absolute("On September 18, 2023 local time", None);
        assert_eq!(f[0].date, d(2023, 9, 18));
        let f = absolute("Rome, 1 November 2021(TDI):", None);
        assert_eq!(f[0].date, d(2021, 11, 1));
        let f = absolute("BEIJING, Jan. 5 (Xinhua)", Some(d(2024, 1, 6)));
        assert_eq!(f[0].date, d(2024, 1, 5));
        assert!(!f[0].with_year);
        let f = absolute("MOSCOW, Dec. 30", Some(d(2024, 1, 2)));
        assert_eq!(f[0].date, d(2023, 12, 30));
        assert!(absolute("in March this year", None).is_empty());
    }

    #[test]
    fn relative_days() {
        // 2024-04-03 is a Wednesday.
        let p = d(2024, 4, 3);
        assert_eq!(relative("met on Monday", p).unwrap().date, d(2024, 4, 1));
        assert_eq!(relative("spoke yesterday", p).unwrap().date, d(2024, 4, 2));
        assert_eq!(relative("spoke today with", p).unwrap().date, p);
        assert_eq!(relative("on Wednesday", p).unwrap().date, p);
    }
}
