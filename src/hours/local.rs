//! Times as people read them: the pack's local time with its zone ("Fri 4
//! Dec 2026 16:47 GMT"), and RFC 3339 with the local offset for machines.
//! Every conversion is checked: a record from a damaged or hostile file can
//! hold a time chrono cannot move into a zone, and that must be an error for
//! that record, never a panic.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};

/// The years a record may hold; RFC 3339 has four-digit years, and outside
/// them a zone's offset can overflow chrono's range.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9998;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the time {0} is out of range (years 1 to 9998)")]
pub struct OutOfRange(pub String);

/// An instant in a pack's zone, known to be in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime(DateTime<Tz>);

impl LocalTime {
    pub fn new(at: DateTime<Utc>, zone: Tz) -> Result<LocalTime, OutOfRange> {
        if !YEARS.contains(&at.year()) {
            return Err(OutOfRange(at.to_rfc3339_opts(SecondsFormat::Secs, true)));
        }
        Ok(LocalTime(at.with_timezone(&zone)))
    }

    /// "Fri 4 Dec 2026 16:47 GMT".
    pub fn human(&self) -> String {
        self.0.format("%a %-d %b %Y %H:%M %Z").to_string()
    }

    /// "2026-12-04T16:47:00+00:00" (summer "+01:00").
    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    /// The local wall time, for counting on local dates.
    pub fn wall(&self) -> NaiveDateTime {
        self.0.naive_local()
    }

    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

/// The one way a person is shown a time: local, with the zone's name. An
/// out-of-range time is said to be one rather than panicking.
pub fn human(at: DateTime<Utc>, zone: Tz) -> String {
    LocalTime::new(at, zone).map_or_else(|e| format!("({e})"), |t| t.human())
}

/// The local time of day, "16:47", for lists within one call (the decision
/// history); out of range says so.
pub fn time_of_day(at: DateTime<Utc>, zone: Tz) -> String {
    LocalTime::new(at, zone).map_or_else(|e| format!("({e})"), |t| t.0.format("%H:%M").to_string())
}

/// A local wall time as an instant, saying how the clock changes were met:
/// an ambiguous time (clocks going back) is the earlier of the two, and a
/// time that does not exist (clocks going forward) is the moment they jump,
/// so a deadline never moves later than the wall time asked for.
pub fn wall_to_instant(zone: Tz, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earlier, _later) => Some(earlier.with_timezone(&Utc)),
        // Gaps are whole minutes and at most a few hours long.
        LocalResult::None => (1..=180).find_map(|m| match zone.from_local_datetime(&(wall + Duration::minutes(m))) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn winter_and_summer_read_in_the_zone_with_its_name() {
        assert_eq!(human(utc("2026-12-04T16:47:00Z"), London), "Fri 4 Dec 2026 16:47 GMT");
        assert_eq!(human(utc("2026-07-01T08:00:00Z"), London), "Wed 1 Jul 2026 09:00 BST");
        let summer = LocalTime::new(utc("2026-07-01T08:00:00Z"), London).map(|t| t.rfc3339());
        assert_eq!(summer, Ok("2026-07-01T09:00:00+01:00".to_string()));
        let winter = LocalTime::new(utc("2026-12-04T16:47:00Z"), London).map(|t| t.rfc3339());
        assert_eq!(winter, Ok("2026-12-04T16:47:00+00:00".to_string()));
    }

    #[test]
    fn a_time_of_day_is_local_in_summer() {
        assert_eq!(time_of_day(utc("2026-07-01T08:00:00Z"), London), "09:00");
        assert_eq!(time_of_day(utc("2026-12-04T16:47:00Z"), London), "16:47");
    }

    #[test]
    fn an_absurd_time_is_an_error_not_a_panic() {
        // As a journal holds it (RFC 3339 has no negative years).
        let absurd: DateTime<Utc> = "-262143-01-01T00:00:00Z".parse().unwrap_or_default();
        assert_eq!(absurd.year(), -262143);
        assert!(LocalTime::new(absurd, London).is_err());
        assert!(human(absurd, London).contains("out of range"));
        assert!(LocalTime::new(DateTime::<Utc>::MAX_UTC, London).is_err());
        assert!(LocalTime::new(DateTime::<Utc>::MIN_UTC, London).is_err());
    }

    #[test]
    fn gaps_take_the_jump_and_overlaps_the_earlier() {
        let day = |d: u32, h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 3, d).and_then(|x| x.and_hms_opt(h, m, 0)).unwrap_or_default()
        };
        assert_eq!(wall_to_instant(London, day(29, 1, 30)), Some(utc("2026-03-29T01:00:00Z")));
        let back = chrono::NaiveDate::from_ymd_opt(2026, 10, 25).and_then(|x| x.and_hms_opt(1, 30, 0));
        assert_eq!(back.and_then(|w| wall_to_instant(London, w)), Some(utc("2026-10-25T00:30:00Z")));
    }
}
