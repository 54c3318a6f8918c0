//! Calendar days as numbers, for date windows.

/// The number of days from 1970-01-01 to the `YYYY-MM-DD` date at the start
/// of `s` (a date and time such as `2023-09-19T10:50` gives its day), or
/// `None` when `s` is not such a date.
pub(crate) fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month[(m - 1) as usize] {
        return None;
    }
    // Days from civil, after Howard Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::day_number;

    #[test]
    fn days_count_across_months_and_years() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(
            day_number("2023-01-01").unwrap() - day_number("2022-12-31").unwrap(),
            1
        );
        assert_eq!(day_number("2023-09-19T10:50"), day_number("2023-09-19"));
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "20230101",
            "2023-1-01",
            "",
            "2023-09-19 x",
        ] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
    }
}
