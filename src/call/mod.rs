//! The live call: what has been ticked and when, what the handler recorded,
//! and what it adds up to. Every change is a journal [`Entry`] applied to the
//! call, the same way live and when a call is restored from disk. No
//! terminal code; the clock is always passed in.

pub mod at_panic;
pub mod audit;
pub mod clocks;
pub mod core_dumps;
pub mod details;
pub mod handler;
pub mod handover;
pub mod health;
pub mod household;
pub mod journal;
pub mod outcome;
pub mod retention;
pub mod shift;
pub mod store;
pub mod summary;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use details::{Decision, Details};
use household::{Household, HouseholdChange};
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

/// Serialised for export and tests, never read back: a call is restored by
/// applying its journal's entries, which keeps the derived ticks right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The children, adults and referrer, and which children each tick is
    /// about.
    pub household: Household,
    /// What the call led to, with every change and its reason.
    pub outcomes: outcome::Outcomes,
    /// The decision's urgency and the clocks marked done, every change kept.
    pub clocks: clocks::ClockLog,
    /// Who handled the call, in order; the last handles it now.
    pub handlers: Vec<handler::Handled>,
    /// Each case-system reference the record was marked entered under.
    pub case_references: Vec<handler::CaseReference>,
    /// When the read-back was shown before the call was ended from it.
    pub read_backs: Vec<DateTime<Utc>>,
    /// The ticks now, kept up to date by [`Call::apply`] so that a frame
    /// does not replay the whole history.
    #[serde(skip)]
    ticks: Ticks,
}

/// The ticked ids, each with when it was last ticked and in which order:
/// what `events` adds up to. Derived from `events`, so it is not part of
/// a call's identity.
#[derive(Debug, Clone, Default)]
struct Ticks {
    by_id: HashMap<String, (u64, DateTime<Utc>)>,
    next: u64,
}

impl Ticks {
    fn record(&mut self, event: &TickEvent) {
        if event.ticked {
            self.by_id.insert(event.id.clone(), (self.next, event.at));
            self.next += 1;
        } else {
            self.by_id.remove(&event.id);
        }
    }
}

impl PartialEq for Ticks {
    fn eq(&self, _: &Ticks) -> bool {
        true
    }
}

impl Eq for Ticks {}

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
            household: Household::default(),
            outcomes: outcome::Outcomes::default(),
            clocks: clocks::ClockLog::default(),
            handlers: Vec::new(),
            case_references: Vec::new(),
            read_backs: Vec::new(),
            ticks: Ticks::default(),
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
            Entry::Tick { id, ticked, at } => {
                let event = TickEvent { id: id.clone(), ticked: *ticked, at: *at };
                self.ticks.record(&event);
                self.events.push(event);
            }
            Entry::Alert { alert } => self.alerts.push(alert.clone()),
            Entry::Acknowledge { at } => {
                if let Some(alert) = self.alerts.iter_mut().find(|a| a.acknowledged_at.is_none()) {
                    alert.acknowledged_at = Some(*at);
                }
            }
            Entry::Detail { change, .. } => match change.child_fact() {
                Some(fact) => {
                    let child = self.household.first_child_id();
                    self.household.apply(&HouseholdChange::Child { child, fact });
                }
                None => change.apply(&mut self.details),
            },
            Entry::Household { change, .. } => self.household.apply(change),
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
            Entry::Outcome { change } => self.outcomes.apply(change),
            Entry::OutcomeDraft { draft, .. } => self.outcomes.set_draft(draft),
            Entry::Urgency { urgency, at } => self.clocks.set_urgency(*urgency, *at),
            Entry::ClockDone { clock, done, at } => self.clocks.mark(*clock, *done, *at),
            Entry::Handler { handled } => self.handlers.push(handled.clone()),
            Entry::CaseReference { reference } => self.case_references.push(reference.clone()),
            Entry::ReadBack { at } => self.read_backs.push(*at),
        }
    }

    /// When `id` was last ticked, if it is ticked now.
    pub fn ticked_at(&self, id: &str) -> Option<DateTime<Utc>> {
        self.ticks.by_id.get(id).map(|(_, at)| *at)
    }

    pub fn is_ticked(&self, id: &str) -> bool {
        self.ticks.by_id.contains_key(id)
    }

    /// The ids ticked now, in the order they were (last) ticked.
    pub fn ticked(&self) -> Vec<(&str, DateTime<Utc>)> {
        let mut out: Vec<(u64, &str, DateTime<Utc>)> =
            self.ticks.by_id.iter().map(|(id, (order, at))| (*order, id.as_str(), *at)).collect();
        out.sort_unstable_by_key(|(order, _, _)| *order);
        out.into_iter().map(|(_, id, at)| (id, at)).collect()
    }

    /// The ids ticked now, each once, in no order: for counting, where
    /// [`Call::ticked`]'s order (and its sort) is not needed.
    pub fn ticked_ids(&self) -> impl Iterator<Item = &str> {
        self.ticks.by_id.keys().map(String::as_str)
    }

    pub fn has_ticks(&self) -> bool {
        !self.ticks.by_id.is_empty()
    }

    /// Anything worth keeping: ticks, details, notes or a decision.
    pub fn has_content(&self) -> bool {
        !self.events.is_empty()
            || self.details != Details::default()
            || !self.household.is_empty()
            || self.notes.values().any(|n| !n.trim().is_empty())
            || self.scaling.is_some()
            || !self.decisions.is_empty()
            || !self.case_references.is_empty()
            || [DraftField::Rationale, DraftField::Reason]
                .into_iter()
                .any(|f| self.drafts.get(f).is_some_and(|d| !d.trim().is_empty()))
            || self.outcomes.has_content()
            || !self.clocks.is_empty()
    }

    /// The first alert not yet acknowledged.
    pub fn pending_alert(&self) -> Option<&Alert> {
        self.alerts.iter().find(|a| a.acknowledged_at.is_none())
    }

    /// The date ages are counted on: the call's own (UTC) date, so a
    /// restored call reads the same ages it was taken with.
    pub fn today(&self) -> chrono::NaiveDate {
        self.started_at.date_naive()
    }

    pub fn decision(&self) -> Option<&Decision> {
        self.decisions.last()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, minute, 0).single().unwrap_or_default()
    }

    fn tick(id: &str, ticked: bool, minute: u32) -> Entry {
        Entry::Tick { id: id.into(), ticked, at: at(minute) }
    }

    #[test]
    fn an_older_journals_age_and_mobility_are_the_first_childs() {
        let lines = [
            r#"{"kind":"detail","change":{"field":"age","value":{"months":8}},"at":"2026-11-23T10:01:00Z"}"#,
            r#"{"kind":"detail","change":{"field":"mobile","value":"no"},"at":"2026-11-23T10:02:00Z"}"#,
            r#"{"kind":"detail","change":{"field":"disabled","value":"yes"},"at":"2026-11-23T10:03:00Z"}"#,
        ];
        let mut call = Call::new(PackStamp::default(), at(0), false);
        for line in lines {
            call.apply(&serde_json::from_str::<Entry>(line).unwrap_or_else(|e| panic!("{line}: {e}")));
        }
        assert_eq!(call.household.children.len(), 1, "one child, made by the first fact");
        let child = &call.household.children[0];
        assert_eq!(child.age(call.today()), Some(details::Age::Months(8)));
        assert_eq!(child.mobile, Some(details::YesNoUnknown::No));
        assert_eq!(child.disabled, Some(details::YesNoUnknown::Yes));
        assert!(call.has_content());
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

    /// What the history adds up to, replayed from the start: the ticks
    /// kept by `apply` must always equal it.
    fn replayed(events: &[TickEvent]) -> Vec<(&str, DateTime<Utc>)> {
        let mut out: Vec<(&str, DateTime<Utc>)> = Vec::new();
        for event in events {
            out.retain(|(id, _)| *id != event.id);
            if event.ticked {
                out.push((&event.id, event.at));
            }
        }
        out
    }

    /// A history of `n` ticks and unticks over `ids` ids, from `seed`:
    /// re-ticks of ticked ids and unticks of unticked ones included.
    pub(crate) fn history(seed: u64, n: usize, ids: usize) -> Vec<Entry> {
        let mut x = seed | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let at = at(0) + chrono::Duration::seconds(i64::try_from(i).unwrap_or(0));
                Entry::Tick { id: format!("i{}", x % ids as u64), ticked: !x.is_multiple_of(3), at }
            })
            .collect()
    }

    #[test]
    fn the_kept_ticks_equal_the_history_replayed_after_every_change_and_on_restore() {
        for seed in 1..40 {
            let mut call = Call::new(PackStamp::default(), at(0), false);
            let entries = history(seed, 400, 1 + (seed as usize % 30));
            for entry in &entries {
                call.apply(entry);
                let Entry::Tick { id, .. } = entry else { continue };
                assert_eq!(call.ticked(), replayed(&call.events), "seed {seed}");
                let last = replayed(&call.events).into_iter().find(|(i, _)| i == id).map(|(_, at)| at);
                assert_eq!(call.ticked_at(id), last, "seed {seed} {id}");
                assert_eq!(call.is_ticked(id), last.is_some());
            }
            // A restore applies the journal's entries to a new call.
            let mut restored = Call::new(PackStamp::default(), at(5), true);
            restored.apply(&call.start_entry());
            assert!(!restored.has_ticks(), "a Start entry begins a call afresh");
            for entry in &entries {
                restored.apply(entry);
            }
            assert_eq!(restored.ticked(), call.ticked(), "seed {seed}");
            assert_eq!(restored, call);
            assert_eq!(call.has_ticks(), !call.ticked().is_empty());
        }
    }
}
