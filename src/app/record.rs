//! What the call-record screens (details, notes, decision; their state and
//! keys are in `screens`) share: the fields, and how an edit becomes a
//! journal entry. Nothing here touches the disk.

use crate::call::details::{CallerType, ConsentState, Decision, YesNoUnknown};
use crate::call::household::{ChildFact, HouseholdChange};
use crate::call::{Call, DetailChange, Entry};
use crate::pack::Pack;
use crate::pack::model::Scaling;
use crate::text::clean;

pub use crate::call::OTHER_NOTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Caller,
    Agency,
    Age,
    Mobile,
    Disabled,
    PreviousContacts,
    Consent,
    ConsentReason,
    ConsentNote,
    Scaling,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Caller,
        Field::Agency,
        Field::Age,
        Field::Mobile,
        Field::Disabled,
        Field::PreviousContacts,
        Field::Consent,
        Field::ConsentReason,
        Field::ConsentNote,
        Field::Scaling,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Caller => "Caller",
            Field::Agency => "Agency (if professional)",
            Field::Age => "Child's age (3, 8m, unborn)",
            Field::Mobile => "Child is mobile",
            Field::Disabled => "Child has a disability",
            Field::PreviousContacts => "Previous contacts known",
            Field::Consent => "Consent",
            Field::ConsentReason => "Consent not sought because",
            Field::ConsentNote => "Consent note",
            Field::Scaling => "How worried (scaling)",
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Field::Agency | Field::Age | Field::ConsentNote)
    }

    /// The fields of the details form for a pack: the scaling question only
    /// where the pack's document defines a scale.
    pub fn for_pack(pack: &Pack) -> Vec<Field> {
        Field::ALL.into_iter().filter(|f| *f != Field::Scaling || scale_of(pack).is_some()).collect()
    }
}

/// The pack's scaling question, with its range and what its ends mean.
pub fn scale_of(pack: &Pack) -> Option<&Scaling> {
    pack.guidance.scaling()
}

/// The decision screen's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionField {
    Level,
    Reason,
    Rationale,
}

impl DecisionField {
    pub fn label(self) -> &'static str {
        match self {
            DecisionField::Level => "Level you judge",
            DecisionField::Reason => "Reason for change",
            DecisionField::Rationale => "Rationale",
        }
    }

    /// The fields in the order Down visits them. Once a decision is recorded
    /// every change needs its reason, so the reason comes straight after the
    /// level and before the rationale, which still holds the last decision's
    /// words: a handler who changes the level and types on is typing the
    /// reason. Before the first decision there is no reason to give.
    pub fn order(call: &Call) -> &'static [DecisionField] {
        if call.decision().is_some() {
            &[DecisionField::Level, DecisionField::Reason, DecisionField::Rationale]
        } else {
            &[DecisionField::Level, DecisionField::Rationale]
        }
    }
}

/// Moves `current` one step through `options` (with "not recorded" first).
fn cycle<T: Copy + PartialEq>(current: Option<T>, options: &[T], forward: bool) -> Option<T> {
    let position = current.and_then(|c| options.iter().position(|o| *o == c)).map_or(0, |i| i + 1);
    let count = options.len() + 1;
    let next = if forward { (position + 1) % count } else { (position + count - 1) % count };
    next.checked_sub(1).map(|i| options[i])
}

/// The change that cycling a choice field makes, if it is a choice field.
pub fn cycle_field(
    field: Field,
    call: &Call,
    pack: &Pack,
    forward: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> Option<Entry> {
    let details = &call.details;
    let change = match field {
        Field::Caller => DetailChange::Caller(cycle(details.caller, &CallerType::ALL, forward)),
        Field::Mobile | Field::Disabled => {
            let first = call.household.first_child();
            let fact = if field == Field::Mobile {
                ChildFact::Mobile(cycle(first.and_then(|c| c.mobile), &YesNoUnknown::ALL, forward))
            } else {
                ChildFact::Disabled(cycle(first.and_then(|c| c.disabled), &YesNoUnknown::ALL, forward))
            };
            let change = HouseholdChange::Child { child: call.household.first_child_id(), fact };
            return Some(Entry::Household { change, at });
        }
        Field::PreviousContacts => {
            DetailChange::PreviousContacts(cycle(details.previous_contacts, &YesNoUnknown::ALL, forward))
        }
        Field::Consent => DetailChange::Consent(cycle(details.consent, &ConsentState::ALL, forward)),
        Field::ConsentReason => {
            let ids: Vec<&str> =
                pack.guidance.consent.iter().flat_map(|c| c.exceptions.iter()).map(|e| e.id.as_str()).collect();
            let next = cycle(details.consent_reason.as_deref(), &ids, forward);
            DetailChange::ConsentReason(next.map(String::from))
        }
        Field::Scaling => {
            let scale = scale_of(pack)?;
            let values: Vec<u8> = (scale.min..=scale.max).collect();
            return Some(Entry::Scaling { value: cycle(call.scaling, &values, forward), at });
        }
        Field::Agency | Field::Age | Field::ConsentNote => return None,
    };
    Some(Entry::Detail { change, at })
}

/// Checks and builds a decision from the decision screen.
pub fn decision_entry(
    pack: &Pack,
    call: &Call,
    form: &super::screens::decision::DecisionForm,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Entry, String> {
    let level = form.level.checked_sub(1).and_then(|i| pack.levels.get(i)).map(|l| l.id.clone());
    let rationale = clean(form.rationale.text().trim());
    let reason = clean(form.reason.text().trim());
    if level.is_some() && rationale.is_empty() {
        return Err("Write the rationale for the level you judge.".into());
    }
    if let Some(previous) = call.decision() {
        if previous.level == level && previous.rationale == rationale {
            return Err("Nothing has changed since the last decision.".into());
        }
        if reason.is_empty() {
            return Err("Say why the decision changed (reason for change).".into());
        }
    } else if level.is_none() {
        return Err("Choose the level you judge first.".into());
    }
    Ok(Entry::Decision { decision: Decision { level, rationale, reason, at } })
}
