//! Time periods that articles are grouped into, from their ISO publication dates.

use std::fmt;
use std::str::FromStr;

/// A calendar period for grouping articles by their `published` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// `2021-10-31` (needs a full date).
    Day,
    /// ISO 8601 week, `2021-W43` (needs a full date).
    Week,
    /// `2021-10` (needs year and month).
    Month,
    /// `2021`.
    Year,
    /// `1960s`.
    Decade,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::Month,
        Period::Year,
        Period::Decade,
    ];

    /// The name used on the command line and in tables (`day`, `week`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
            Period::Decade => "decade",
        }
    }

    /// The period an ISO date (`2021-10-31`, `2021-10`, `2021`, optionally followed by a
    /// time) falls in, or `None` when the date is missing, malformed or too coarse.
    ///
    /// Labels sort chronologically as strings.
    pub fn label(self, published: &str) -> Option<String> {
        let d = published.trim();
        let year: i32 = d.get(..4)?.parse().ok()?;
        if !d.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let month: Option<u32> = match d.get(4..7) {
            Some(m) if m.starts_with('-') => m[1..].parse().ok().filter(|m| (1..=12).contains(m)),
            _ => None,
        };
        let day: Option<u32> = match (month, d.get(7..10)) {
            (Some(_), Some(x)) if x.starts_with('-') => {
                x[1..].parse().ok().filter(|v| (1..=31).contains(v))
            }
            _ => None,
        };
        match self {
            Period::Decade => Some(format!("{}s", year - year.rem_euclid(10))),
            Period::Year => Some(format!("{year:04}")),
            Period::Month => Some(format!("{year:04}-{:02}", month?)),
            Period::Day => Some(format!("{year:04}-{:02}-{:02}", month?, day?)),
            Period::Week => {
                let (y, w) = iso_week(year, month?, day?);
                Some(format!("{y:04}-W{w:02}"))
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Period, String> {
        Period::ALL
            .into_iter()
            .find(|p| p.name() == s.to_ascii_lowercase())
            .ok_or_else(|| format!("unknown period `{s}` (day, week, month, year, decade)"))
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// ISO weekday, Monday = 1 ... Sunday = 7.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

/// ISO 8601 (year, week) of a date.
fn iso_week(y: i32, m: u32, d: u32) -> (i32, u32) {
    let days = days_from_civil(y, m, d);
    // The Thursday of this week decides the ISO year.
    let thursday = days - weekday(days) + 4;
    let mut iso_year = y + 1;
    while days_from_civil(iso_year, 1, 1) > thursday {
        iso_year -= 1;
    }
    let week = (thursday - days_from_civil(iso_year, 1, 1)) / 7 + 1;
    (iso_year, week as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Period::Decade.label("1962"), Some("1960s".into()));
        assert_eq!(Period::Year.label("2021-10-31"), Some("2021".into()));
        assert_eq!(
            Period::Month.label("2021-10-31T12:00:00Z"),
            Some("2021-10".into())
        );
        assert_eq!(Period::Month.label("2021"), None);
        assert_eq!(Period::Day.label("2021-10"), None);
        assert_eq!(Period::Day.label("not a date"), None);
        assert_eq!(Period::Year.label("é"), None);
    }

    #[test]
    fn iso_weeks_match_the_calendar() {
        // Checked against `date -d ... +%G-W%V`.
        assert_eq!(Period::Week.label("2021-10-31"), Some("2021-W43".into()));
        assert_eq!(Period::Week.label("2021-01-03"), Some("2020-W53".into()));
        assert_eq!(Period::Week.label("2019-12-30"), Some("2020-W01".into()));
        assert_eq!(Period::Week.label("2004-12-31"), Some("2004-W53".into()));
        assert_eq!(Period::Week.label("2005-01-01"), Some("2004-W53".into()));
    }
}
