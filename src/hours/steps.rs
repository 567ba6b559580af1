//! Moving a simulated clock the way a trainer wants to: to the next working
//! morning, or to the next bank holiday.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use super::calendar::Calendar;
use super::local::{LocalTime, wall_to_instant};
use super::working::is_working_day;

/// How far ahead a step looks before giving up.
const LOOK_AHEAD_DAYS: i64 = 400;

fn today(now: DateTime<Utc>, zone: Tz) -> Option<chrono::NaiveDate> {
    LocalTime::new(now, zone).ok().map(|t| t.wall().date())
}

/// 08:30 on the next day that is neither a weekend nor a holiday.
pub fn next_working_morning(now: DateTime<Utc>, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    let today = today(now, zone)?;
    let morning = NaiveTime::from_hms_opt(8, 30, 0)?;
    (1..LOOK_AHEAD_DAYS)
        .map(|d| today + Duration::days(d))
        .find(|date| is_working_day(*date, calendar))
        .and_then(|date| wall_to_instant(zone, date.and_time(morning)))
}

/// 10:00 on the next bank holiday after today.
pub fn next_holiday(now: DateTime<Utc>, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    let calendar = calendar?;
    let today = today(now, zone)?;
    let ten = NaiveTime::from_hms_opt(10, 0, 0)?;
    (1..LOOK_AHEAD_DAYS)
        .map(|d| today + Duration::days(d))
        .find(|date| calendar.holiday_on(*date).is_some())
        .and_then(|date| wall_to_instant(zone, date.and_time(ten)))
}
