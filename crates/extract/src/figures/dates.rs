//! Resolving dates written without a year (or relative to the article) against the
//! article's publication date.
//!
//! News convention, as implemented here:
//! * a weekday on its own (`on Thursday`) is the most recent such day on or before the
//!   publication date, unless the sentence is about the future (`will`, `is scheduled`, …),
//!   then the next such day on or after it; `last Thursday` is the one before the week of
//!   publication's same day, `next Thursday` the one after;
//! * a month or month and day without a year (`in January`, `October 18`) is the occurrence
//!   nearest to the publication date (`in January` in an article of 31 October 2021 is
//!   January 2022; `October 18` is 2021-10-18); ties go to the past;
//! * without a publication date, such values stay unresolved (`null`).

use jiff::civil::Date;

/// The publication date, as far as it is known.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Published {
    pub(crate) year: i16,
    pub(crate) month: Option<i8>,
    pub(crate) day: Option<i8>,
}

impl Published {
    /// Parses `2021-10-31`, `2021-10`, `2021` (also with a time after the date).
    pub(crate) fn parse(s: &str) -> Option<Published> {
        let s = s.trim();
        let date = s.split(['T', ' ']).next()?;
        let mut parts = date.split('-');
        let year: i16 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let month: Option<i8> = parts
            .next()
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        let day: Option<i8> = parts
            .next()
            .and_then(|d| d.parse().ok())
            .filter(|d| (1..=31).contains(d));
        Some(Published {
            year,
            month,
            day: month.and(day),
        })
    }

    fn date(&self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }
}

/// Formats a full date.
pub(crate) fn ymd(y: i32, m: u8, d: u8) -> Option<String> {
    let y16 = i16::try_from(y).ok()?;
    Date::new(y16, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Resolves a month and day without a year to the occurrence nearest publication.
pub(crate) fn month_day(p: Option<Published>, m: u8, d: u8) -> Option<String> {
    let p = p?;
    let pub_date = p
        .date()
        .or_else(|| Date::new(p.year, p.month.unwrap_or(7), 15).ok())?;
    let mut best: Option<(i64, Date)> = None;
    for y in [p.year - 1, p.year, p.year + 1] {
        let Ok(cand) = Date::new(y, m as i8, d as i8) else {
            continue;
        };
        let diff = (cand - pub_date).get_days() as i64;
        // Ties (and near-ties) go to the past: news reports what happened.
        let score = if diff > 0 { diff * 2 } else { -diff * 2 - 1 };
        if best.is_none_or(|(b, _)| score < b) {
            best = Some((score, cand));
        }
    }
    let (_, dt) = best?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        dt.year(),
        dt.month(),
        dt.day()
    ))
}

/// Resolves a month without a year to the occurrence nearest publication.
pub(crate) fn month_only(p: Option<Published>, m: u8) -> Option<String> {
    let p = p?;
    let pm = i32::from(p.month?);
    let m = i32::from(m);
    let ahead = (m - pm).rem_euclid(12);
    let behind = (pm - m).rem_euclid(12);
    let y = i32::from(p.year);
    let year = if ahead < behind {
        if m < pm { y + 1 } else { y }
    } else if m > pm {
        y - 1
    } else {
        y
    };
    Some(format!("{year:04}-{m:02}"))
}

/// How a weekday is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// On or before publication (past tense, the default).
    Past,
    /// On or after publication (future tense).
    Future,
    /// `last Thursday`: strictly before publication.
    Last,
    /// `next Thursday`: strictly after publication.
    Next,
}

/// Resolves a weekday (0 = Monday) against the publication date.
pub(crate) fn weekday(p: Option<Published>, wd: u8, anchor: Anchor) -> Option<String> {
    let pd = p?.date()?;
    let cur = pd.weekday().to_monday_zero_offset() as i64;
    let wd = i64::from(wd);
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    let delta = match anchor {
        Anchor::Past => -back,
        Anchor::Future => fwd,
        Anchor::Last => -(if back == 0 { 7 } else { back }),
        Anchor::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    let d = pd.checked_add(jiff::Span::new().days(delta)).ok()?;
    Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

/// Resolves `last|this|next` + `week|month|year` (and `yesterday`, `today`, `tomorrow`).
pub(crate) fn relative(p: Option<Published>, which: i64, unit: &str) -> Option<String> {
    let p = p?;
    match unit {
        "year" => Some(format!("{:04}", i64::from(p.year) + which)),
        "month" => {
            let m = i64::from(p.month?) - 1 + which;
            let y = i64::from(p.year) + m.div_euclid(12);
            Some(format!("{y:04}-{:02}", m.rem_euclid(12) + 1))
        }
        "week" => {
            let d = p
                .date()?
                .checked_add(jiff::Span::new().days(7 * which))
                .ok()?;
            let iso = d.iso_week_date();
            Some(format!("{:04}-W{:02}", iso.year(), iso.week()))
        }
        "day" => {
            let d = p.date()?.checked_add(jiff::Span::new().days(which)).ok()?;
            Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Option<Published> {
        Published::parse("2021-10-31")
    }

    #[test]
    fn weekday_defaults_to_the_past_week() {
        // 31 October 2021 is a Sunday; "on Thursday" is 28 October.
        assert_eq!(
            weekday(seed(), 3, Anchor::Past).as_deref(),
            Some("2021-10-28")
        );
        assert_eq!(
            weekday(seed(), 0, Anchor::Future).as_deref(),
            Some("2021-11-01")
        );
        assert_eq!(
            weekday(seed(), 6, Anchor::Last).as_deref(),
            Some("2021-10-24")
        );
    }

    #[test]
    fn months_resolve_to_the_nearest_occurrence() {
        assert_eq!(month_only(seed(), 1).as_deref(), Some("2022-01"));
        assert_eq!(month_only(seed(), 6).as_deref(), Some("2021-06"));
        assert_eq!(month_day(seed(), 10, 18).as_deref(), Some("2021-10-18"));
        assert_eq!(month_day(seed(), 1, 5).as_deref(), Some("2022-01-05"));
        assert_eq!(month_day(None, 1, 5), None);
    }

    #[test]
    fn relative_periods() {
        assert_eq!(relative(seed(), -1, "year").as_deref(), Some("2020"));
        assert_eq!(relative(seed(), -1, "month").as_deref(), Some("2021-09"));
        assert_eq!(relative(seed(), -1, "week").as_deref(), Some("2021-W42"));
    }
}
