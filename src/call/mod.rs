//! The live call: what has been ticked and when, what the handler recorded,
//! and what it adds up to. Every change is a journal [`Entry`] applied to the
//! call, the same way live and when a call is restored from disk. No
//! terminal code; the clock is always passed in.

pub mod details;
pub mod journal;
pub mod store;
pub mod summary;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use details::{Decision, Details};
pub use journal::{DetailChange, DraftField, Entry};

/// The notes section for anything outside the worry questions.
pub const OTHER_NOTES: &str = "notes";

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
    /// "City MASH 0115 876 4800 — office hours" as shown when raised.
    pub line_shown: String,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// The pack a call was made against, as the record must state it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackStamp {
    pub id: String,
    pub title: String,
    pub edition: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub pack: PackStamp,
    pub app_version: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// The call ran on a simulated clock (training), not real time.
    pub simulated: bool,
    /// Every tick and untick in order; the current ticks are derived from it.
    pub events: Vec<TickEvent>,
    pub alerts: Vec<Alert>,
    pub details: Details,
    /// Notes per section (the pack's worry questions, or [`OTHER_NOTES`]).
    pub notes: BTreeMap<String, String>,
    /// The scaling answer on the pack's own scale, where it defines one.
    pub scaling: Option<u8>,
    /// Every decision in order; the last is the current one.
    pub decisions: Vec<Decision>,
    /// What is typed on the decision screen and not yet recorded.
    #[serde(default)]
    pub drafts: Drafts,
}

/// The decision screen's texts as last typed, recorded or not; `None`
/// where nothing was typed (an empty draft was typed, then erased).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafts {
    pub rationale: Option<String>,
    pub reason: Option<String>,
}

impl Drafts {
    pub fn get(&self, field: DraftField) -> Option<&str> {
        match field {
            DraftField::Rationale => self.rationale.as_deref(),
            DraftField::Reason => self.reason.as_deref(),
        }
    }

    fn set(&mut self, field: DraftField, text: &str) {
        let slot = match field {
            DraftField::Rationale => &mut self.rationale,
            DraftField::Reason => &mut self.reason,
        };
        *slot = Some(text.to_string());
    }
}

impl Call {
    pub fn new(pack: PackStamp, started_at: DateTime<Utc>, simulated: bool) -> Call {
        Call {
            pack,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            started_at,
            ended_at: None,
            simulated,
            events: Vec::new(),
            alerts: Vec::new(),
            details: Details::default(),
            notes: BTreeMap::new(),
            scaling: None,
            decisions: Vec::new(),
            drafts: Drafts::default(),
        }
    }

    /// The entry that starts a journal for this call.
    pub fn start_entry(&self) -> Entry {
        Entry::Start {
            pack: self.pack.clone(),
            app_version: self.app_version.clone(),
            at: self.started_at,
            simulated: self.simulated,
            format: journal::FORMAT,
        }
    }

    /// Applies one change. Live changes and a restore from disk both come
    /// through here, so a restored call is exactly the call that was saved.
    pub fn apply(&mut self, entry: &Entry) {
        match entry {
            // The format is the journal's, read by `replay`, not the call's.
            Entry::Start { pack, app_version, at, simulated, format: _ } => {
                *self = Call::new(pack.clone(), *at, *simulated);
                self.app_version.clone_from(app_version);
            }
            Entry::Tick { id, ticked, at } => self.events.push(TickEvent { id: id.clone(), ticked: *ticked, at: *at }),
            Entry::Alert { alert } => self.alerts.push(alert.clone()),
            Entry::Acknowledge { at } => {
                if let Some(alert) = self.alerts.iter_mut().find(|a| a.acknowledged_at.is_none()) {
                    alert.acknowledged_at = Some(*at);
                }
            }
            Entry::Detail { change, .. } => change.apply(&mut self.details),
            Entry::Note { section, text, .. } => {
                self.notes.insert(section.clone(), text.clone());
            }
            Entry::NoteEdit { section, pos, deleted, inserted, .. } => {
                journal::apply_edit(self.notes.entry(section.clone()).or_default(), *pos, *deleted, inserted);
            }
            Entry::Scaling { value, .. } => self.scaling = *value,
            Entry::DecisionDraft { field, text, .. } => self.drafts.set(*field, text),
            Entry::Decision { decision } => self.decisions.push(decision.clone()),
            Entry::End { at } => self.ended_at = Some(*at),
        }
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

    /// Anything worth keeping: ticks, details, notes or a decision.
    pub fn has_content(&self) -> bool {
        !self.events.is_empty()
            || self.details != Details::default()
            || self.notes.values().any(|n| !n.trim().is_empty())
            || self.scaling.is_some()
            || !self.decisions.is_empty()
            || [DraftField::Rationale, DraftField::Reason]
                .into_iter()
                .any(|f| self.drafts.get(f).is_some_and(|d| !d.trim().is_empty()))
    }

    /// The first alert not yet acknowledged.
    pub fn pending_alert(&self) -> Option<&Alert> {
        self.alerts.iter().find(|a| a.acknowledged_at.is_none())
    }

    pub fn decision(&self) -> Option<&Decision> {
        self.decisions.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).single().unwrap_or_default()
    }

    fn tick(id: &str, ticked: bool, minute: u32) -> Entry {
        Entry::Tick { id: id.into(), ticked, at: at(minute) }
    }

    #[test]
    fn ticks_keep_the_time_of_the_last_tick_and_untick_removes_them() {
        let mut call = Call::new(PackStamp::default(), at(0), false);
        for entry in [tick("a", true, 1), tick("b", true, 2), tick("a", false, 3), tick("a", true, 4)] {
            call.apply(&entry);
        }
        assert_eq!(call.ticked(), vec![("b", at(2)), ("a", at(4))]);
        assert_eq!(call.events.len(), 4);
    }
}
