//! Working days: the one rule for which dates count (not a weekend, not a
//! holiday of the pack's calendar), and deadlines counted on local dates in
//! the pack's zone, so a clock change never moves a due time by an hour.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use super::calendar::Calendar;
use super::local::{LocalTime, wall_to_instant};
use super::schedule::Span;

/// A weekday that is not one of the calendar's holidays.
pub fn is_working_day(date: NaiveDate, calendar: Option<&Calendar>) -> bool {
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    !weekend && calendar.and_then(|c| c.holiday_on(date)).is_none()
}

/// The same local wall time `n` working days after `at`'s local date: Friday
/// 15:00 BST plus one is Monday 15:00 GMT. `None` only for a time outside
/// the range a record may hold.
pub fn add_working_days(at: DateTime<Utc>, n: u32, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    let local = LocalTime::new(at, zone).ok()?.wall();
    let mut date = local.date();
    let mut left = n;
    while left > 0 {
        date = date.succ_opt()?;
        if is_working_day(date, calendar) {
            left -= 1;
        }
    }
    wall_to_instant(zone, date.and_time(local.time()))
}

/// `at` moved on by a document's timescale: hours are elapsed hours; weeks
/// and working days are counted on the local calendar.
pub fn after(at: DateTime<Utc>, span: Span, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    match span {
        Span::Hours(n) => at.checked_add_signed(Duration::hours(i64::from(n))),
        Span::WorkingDays(n) => add_working_days(at, n, zone, calendar),
        Span::Weeks(n) => {
            let local = LocalTime::new(at, zone).ok()?.wall();
            let date = local.date().checked_add_days(Days::new(u64::from(n) * 7))?;
            wall_to_instant(zone, date.and_time(local.time()))
        }
    }
}
