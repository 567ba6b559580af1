//! Moving a simulated clock the way a trainer wants to: to the next working
//! morning, or to the next bank holiday.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use super::calendar::Calendar;

/// How far ahead a step looks before giving up.
const LOOK_AHEAD_DAYS: i64 = 400;

fn at_local(zone: Tz, date: chrono::NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&date.and_time(time)).earliest().map(|t| t.with_timezone(&Utc))
}

/// 08:30 on the next day that is neither a weekend nor a holiday.
pub fn next_working_morning(now: DateTime<Utc>, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&zone).date_naive();
    let morning = NaiveTime::from_hms_opt(8, 30, 0)?;
    (1..LOOK_AHEAD_DAYS).map(|d| today + Duration::days(d)).find_map(|date| {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let holiday = calendar.and_then(|c| c.holiday_on(date)).is_some();
        (!weekend && !holiday).then(|| at_local(zone, date, morning)).flatten()
    })
}

/// 10:00 on the next bank holiday after today.
pub fn next_holiday(now: DateTime<Utc>, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    let calendar = calendar?;
    let today = now.with_timezone(&zone).date_naive();
    let ten = NaiveTime::from_hms_opt(10, 0, 0)?;
    (1..LOOK_AHEAD_DAYS)
        .map(|d| today + Duration::days(d))
        .find(|date| calendar.holiday_on(*date).is_some())
        .and_then(|date| at_local(zone, date, ten))
}
