//! Which contact line is live at an instant, why, and until when.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::{ContactLine, Hours, Pack, Schedule};
use crate::hours::calendar::Calendar;
use crate::hours::clock::weekday_name;

/// How far ahead the next opening is looked for; beyond it, "never".
const SEARCH_DAYS: i64 = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Office,
    OutOfHours,
    /// The document states no hours: both lines are given.
    Unknown,
}

/// The answer for one instant.
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    pub line: LineKind,
    /// The line to ring now (the office line when `line` is `Unknown`).
    pub contact: &'a ContactLine,
    /// With `Unknown`, the out-of-hours line as well.
    pub alternative: Option<&'a ContactLine>,
    /// Why, in words that can be read aloud: "Friday after 16:50".
    pub reason: String,
    /// When the answer next changes; `None` if it never does.
    pub until: Option<DateTime<Tz>>,
    /// The instant asked about, in the pack's time zone.
    pub local: DateTime<Tz>,
}

impl Answer<'_> {
    /// Minutes until the answer changes, rounded up (16:38:30 → 16:50 is
    /// 12), if it ever does.
    pub fn minutes_left(&self) -> Option<i64> {
        self.until.map(|u| {
            let seconds = (u.with_timezone(&Utc) - self.local.with_timezone(&Utc)).num_seconds();
            (seconds + 59).div_euclid(60)
        })
    }
}

/// The pack's time zone; a validated pack always has a known one, and the
/// fallback keeps an unvalidated pack from panicking.
pub fn pack_zone(pack: &Pack) -> Tz {
    pack.timezone.parse().unwrap_or(chrono_tz::Europe::London)
}

/// Which line applies at `at`. `calendar` is the one named in the pack's
/// schedule (`closed_on`), if any.
pub fn resolve<'a>(pack: &'a Pack, calendar: Option<&Calendar>, at: DateTime<Utc>) -> Answer<'a> {
    let zone = pack_zone(pack);
    let local = at.with_timezone(&zone);
    let contacts = &pack.contacts;
    let out_of_hours = contacts.out_of_hours.as_ref().unwrap_or(&contacts.office);
    let schedule = match &contacts.hours {
        Hours::NotStated(reason) => {
            return Answer {
                line: LineKind::Unknown,
                contact: &contacts.office,
                alternative: contacts.out_of_hours.as_ref(),
                reason: reason.clone(),
                until: None,
                local,
            };
        }
        Hours::Weekly(schedule) => schedule,
    };
    let week = Week { schedule, calendar, zone };
    let date = local.date_naive();
    let time = local.time();
    if let Some(holiday) = week.closed_for(date) {
        return Answer {
            line: LineKind::OutOfHours,
            contact: out_of_hours,
            alternative: None,
            reason: format!("Bank holiday: {}", holiday),
            until: week.next_opening(local.naive_local()),
            local,
        };
    }
    let today = week.slots_on(date);
    if let Some(&(open, close)) = today.iter().find(|(o, c)| *o <= time && time < *c) {
        let close = week.run_end(date, close);
        return Answer {
            line: LineKind::Office,
            contact: &contacts.office,
            alternative: None,
            reason: format!("Office hours ({} {}–{})", weekday_name(date.weekday()), hm(open), hm(close)),
            until: week.instant(date.and_time(close)),
            local,
        };
    }
    let day = weekday_name(date.weekday());
    let reason = match (today.first(), today.iter().rev().find(|(_, c)| *c <= time)) {
        (None, _) if date.weekday().number_from_monday() >= 6 => format!("Weekend ({day})"),
        (None, _) => format!("{day}: closed all day"),
        (Some(&(first_open, _)), _) if time < first_open => format!("{day} before {}", hm(first_open)),
        (_, Some(&(_, closed))) if today.iter().all(|(o, _)| *o <= time) => format!("{day} after {}", hm(closed)),
        (_, Some(&(_, closed))) => format!("{day}, closed since {}", hm(closed)),
        (Some(_), None) => format!("{day}, outside office hours"),
    };
    Answer {
        line: LineKind::OutOfHours,
        contact: out_of_hours,
        alternative: None,
        reason,
        until: week.next_opening(local.naive_local()),
        local,
    }
}

fn hm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

struct Week<'a> {
    schedule: &'a Schedule,
    calendar: Option<&'a Calendar>,
    zone: Tz,
}

impl Week<'_> {
    fn closed_for(&self, date: NaiveDate) -> Option<String> {
        self.schedule.closed_on.as_ref()?;
        self.calendar?.holiday_on(date).map(|h| h.describe())
    }

    /// The opening slots of a date, sorted; none on a closure day.
    fn slots_on(&self, date: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
        let weekday = date.weekday();
        let mut slots: Vec<(NaiveTime, NaiveTime)> = self
            .schedule
            .slots
            .iter()
            .filter(|s| s.days.iter().any(|d| d.weekday() == weekday))
            .map(|s| (s.open.0, s.close.0))
            .collect();
        crate::sort::sort(&mut slots);
        slots
    }

    /// The end of the run of back-to-back slots that closes at `close`.
    fn run_end(&self, date: NaiveDate, mut close: NaiveTime) -> NaiveTime {
        let slots = self.slots_on(date);
        while let Some(&(_, next_close)) = slots.iter().find(|(o, _)| *o == close) {
            close = next_close;
        }
        close
    }

    /// The first opening strictly after `now` (local wall time).
    fn next_opening(&self, now: NaiveDateTime) -> Option<DateTime<Tz>> {
        (0..SEARCH_DAYS).find_map(|offset| {
            let date = now.date() + Duration::days(offset);
            if self.closed_for(date).is_some() {
                return None;
            }
            self.slots_on(date)
                .into_iter()
                .map(|(open, _)| date.and_time(open))
                .find(|opening| *opening > now)
                .and_then(|opening| self.instant(opening))
        })
    }

    /// A local wall time as an instant: the earlier of an ambiguous time, and
    /// for a time skipped by the clocks going forward, the moment they jump.
    fn instant(&self, wall: NaiveDateTime) -> Option<DateTime<Tz>> {
        (0..=180).find_map(|minutes| self.zone.from_local_datetime(&(wall + Duration::minutes(minutes))).earliest())
    }
}
