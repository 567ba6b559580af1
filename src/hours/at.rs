//! Reading a `--at TIME` argument: RFC 3339, or a local "YYYY-MM-DD HH:MM"
//! in the pack's time zone, with the daylight-saving edge cases said aloud.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instant {
    pub utc: DateTime<Utc>,
    /// Set when the local time given was ambiguous and the earlier was taken.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AtError {
    #[error("{0:?} is not a time: use RFC 3339 (2026-03-30T07:45:00Z) or local \"YYYY-MM-DD HH:MM\"")]
    Unreadable(String),
    #[error("{time} does not exist in {zone}: the clocks go forward over it (daylight saving starts)")]
    DoesNotExist { time: String, zone: String },
}

pub fn parse_at(text: &str, zone: Tz) -> Result<Instant, AtError> {
    let text = text.trim();
    if let Ok(fixed) = DateTime::parse_from_rfc3339(text) {
        return Ok(Instant { utc: fixed.with_timezone(&Utc), note: None });
    }
    let naive = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| AtError::Unreadable(text.to_string()))?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(Instant { utc: t.with_timezone(&Utc), note: None }),
        LocalResult::Ambiguous(earlier, later) => Ok(Instant {
            utc: earlier.with_timezone(&Utc),
            note: Some(format!(
                "{text} happens twice in {zone} (the clocks go back); took the earlier, {} rather than {}",
                earlier.format("%H:%M %Z"),
                later.format("%H:%M %Z")
            )),
        }),
        LocalResult::None => Err(AtError::DoesNotExist { time: text.to_string(), zone: zone.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    #[test]
    fn local_time_is_read_in_the_pack_zone_not_the_machine_zone() {
        let summer = parse_at("2026-07-01 09:00", London).map(|i| i.utc.to_rfc3339());
        assert_eq!(summer, Ok("2026-07-01T08:00:00+00:00".to_string()));
    }

    #[test]
    fn spring_forward_gap_is_an_error_that_says_so() {
        let err = parse_at("2026-03-29 01:30", London).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn autumn_ambiguous_time_takes_the_earlier_and_says_so() {
        let at = parse_at("2026-10-25 01:30", London).ok();
        assert_eq!(at.as_ref().map(|i| i.utc.to_rfc3339()), Some("2026-10-25T00:30:00+00:00".to_string()));
        assert!(at.and_then(|i| i.note).is_some_and(|n| n.contains("earlier")));
    }

    #[test]
    fn rfc3339_is_taken_as_given() {
        let at = parse_at("2026-03-30T07:45:00Z", London).map(|i| i.utc.to_rfc3339());
        assert_eq!(at, Ok("2026-03-30T07:45:00+00:00".to_string()));
        assert!(matches!(parse_at("tomorrow", London), Err(AtError::Unreadable(_))));
    }
}
