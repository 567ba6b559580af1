//! The live call: what has been ticked and when, and what it adds up to. No
//! terminal code; the clock is always passed in.

pub mod summary;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One tick or untick, as it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TickEvent {
    pub id: String,
    pub ticked: bool,
    pub at: DateTime<Utc>,
}

/// An immediate-protection alert raised during the call, with the line that
/// was shown for that moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// The ticked item (grid indicator or immediate-referral item).
    pub item: String,
    /// The immediate-referral item it stands for, if any.
    pub trigger: Option<String>,
    pub raised_at: DateTime<Utc>,
    /// "City MASH 0115 876 4800 (office hours)" as shown when raised.
    pub line_shown: String,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub pack_id: String,
    pub started_at: DateTime<Utc>,
    /// Every tick and untick in order; the current ticks are derived from it.
    pub events: Vec<TickEvent>,
    pub alerts: Vec<Alert>,
}

impl Call {
    pub fn new(pack_id: &str, started_at: DateTime<Utc>) -> Call {
        Call { pack_id: pack_id.to_string(), started_at, events: Vec::new(), alerts: Vec::new() }
    }

    /// When `id` was last ticked, if it is ticked now.
    pub fn ticked_at(&self, id: &str) -> Option<DateTime<Utc>> {
        match self.events.iter().rev().find(|e| e.id == id) {
            Some(TickEvent { ticked: true, at, .. }) => Some(*at),
            _ => None,
        }
    }

    pub fn is_ticked(&self, id: &str) -> bool {
        self.ticked_at(id).is_some()
    }

    /// Ticks or unticks `id`; returns whether it is now ticked.
    pub fn toggle(&mut self, id: &str, at: DateTime<Utc>) -> bool {
        let ticked = !self.is_ticked(id);
        self.events.push(TickEvent { id: id.to_string(), ticked, at });
        ticked
    }

    /// The ids ticked now, in the order they were (last) ticked.
    pub fn ticked(&self) -> Vec<(&str, DateTime<Utc>)> {
        let mut out: Vec<(&str, DateTime<Utc>)> = Vec::new();
        for event in &self.events {
            out.retain(|(id, _)| *id != event.id);
            if event.ticked {
                out.push((&event.id, event.at));
            }
        }
        out
    }

    pub fn has_ticks(&self) -> bool {
        !self.ticked().is_empty()
    }

    /// The first alert not yet acknowledged.
    pub fn pending_alert(&self) -> Option<&Alert> {
        self.alerts.iter().find(|a| a.acknowledged_at.is_none())
    }

    pub fn acknowledge(&mut self, at: DateTime<Utc>) {
        if let Some(alert) = self.alerts.iter_mut().find(|a| a.acknowledged_at.is_none()) {
            alert.acknowledged_at = Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).single().unwrap_or_default()
    }

    #[test]
    fn ticks_keep_the_time_of_the_last_tick_and_untick_removes_them() {
        let mut call = Call::new("p", at(0));
        assert!(call.toggle("a", at(1)));
        assert!(call.toggle("b", at(2)));
        assert!(!call.toggle("a", at(3)));
        assert!(call.toggle("a", at(4)));
        assert_eq!(call.ticked(), vec![("b", at(2)), ("a", at(4))]);
        assert_eq!(call.events.len(), 4);
    }
}
