//! What the call-record screens (details, notes, decision; their state and
//! keys are in `screens`) share: the fields, and how an edit becomes a
//! journal entry. Nothing here touches the disk.

use crate::call::details::{CallerType, ConsentState, Decision, YesNoUnknown};
use crate::call::household::{AdultId, ChildId};
use crate::call::{Call, DetailChange, Entry};
use crate::pack::Pack;
use crate::pack::model::Scaling;
use crate::text::clean;

pub use crate::call::OTHER_NOTES;

/// A field of the details form. Children's and adults' fields carry their
/// id, so the cursor stays on the same person's field as others are added
/// or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Whereabouts(ChildId),
    WithWhom(ChildId),
    SafeNow,
    OthersAtRisk,
    Child(ChildId, ChildField),
    Adult(AdultId, AdultField),
    Address,
    Caller,
    ReferrerName,
    ReferrerRole,
    Agency,
    Numbers,
    Reachable,
    SecureEmail,
    Anonymity,
    Asking,
    ParentsAware,
    Consent,
    ConsentReason,
    ConsentBy,
    ConsentCovers,
    ConsentNote,
    ChildViews,
    PreviousContacts,
    Scaling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildField {
    Label,
    Born,
    Mobile,
    Disabled,
    Send,
    Pregnant,
    School,
    Address,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdultField {
    Label,
    Relationship,
    ParentalResponsibility,
    Residence,
    AllegedPerpetrator,
}

/// The form's sections, in the order a handler asks: where the children are
/// and whether they are safe comes before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    RightNow,
    Children,
    Household,
    Referrer,
    Consent,
    Other,
}

impl Section {
    pub fn heading(self) -> &'static str {
        match self {
            Section::RightNow => "Right now — ask first",
            Section::Children => "The children",
            Section::Household => "The household",
            Section::Referrer => "The referrer",
            Section::Consent => "Consent",
            Section::Other => "Other",
        }
    }
}

const CHILD_FIELDS: [ChildField; 9] = [
    ChildField::Label,
    ChildField::Born,
    ChildField::Mobile,
    ChildField::Disabled,
    ChildField::Send,
    ChildField::Pregnant,
    ChildField::School,
    ChildField::Address,
    ChildField::Note,
];

const ADULT_FIELDS: [AdultField; 5] = [
    AdultField::Label,
    AdultField::Relationship,
    AdultField::ParentalResponsibility,
    AdultField::Residence,
    AdultField::AllegedPerpetrator,
];

/// Who a child's or adult's field is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    Child(ChildId),
    Adult(AdultId),
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Whereabouts(_) => "where now",
            Field::WithWhom(_) => "who is with them",
            Field::SafeNow => "Safe right now",
            Field::OthersAtRisk => "Who else is at risk",
            Field::Child(_, f) => match f {
                ChildField::Label => "Name or initials",
                ChildField::Born => "Age, DOB or due date",
                ChildField::Mobile => "Mobile",
                ChildField::Disabled => "Disability / SEND",
                ChildField::Send => "SEND: what it is",
                ChildField::Pregnant => "Pregnant",
                ChildField::School => "School or nursery",
                ChildField::Address => "Address, if not household's",
                ChildField::Note => "Note",
            },
            Field::Adult(_, f) => match f {
                AdultField::Label => "Name or label",
                AdultField::Relationship => "Relationship to the children",
                AdultField::ParentalResponsibility => "Parental responsibility",
                AdultField::Residence => "Lives here or visits",
                AdultField::AllegedPerpetrator => "Alleged perpetrator",
            },
            Field::Address => "Household address",
            Field::Caller => "Caller",
            Field::ReferrerName => "Name",
            Field::ReferrerRole => "Role or relationship",
            Field::Agency => "Agency (if professional)",
            Field::Numbers => "Callback number(s)",
            Field::Reachable => "When reachable",
            Field::SecureEmail => "Secure email",
            Field::Anonymity => "Asked for anonymity",
            Field::Asking => "What they are asking for",
            Field::ParentsAware => "Parents aware of this call",
            Field::Consent => "Consent to share / refer",
            Field::ConsentReason => "Exception relied on",
            Field::ConsentBy => "Given or refused by",
            Field::ConsentCovers => "Whose information it covers",
            Field::ConsentNote => "Consent note",
            Field::ChildViews => "The child's own views",
            Field::PreviousContacts => "Previous contacts known",
            Field::Scaling => "How worried (scaling)",
        }
    }

    pub fn section(self) -> Section {
        match self {
            Field::Whereabouts(_) | Field::WithWhom(_) | Field::SafeNow | Field::OthersAtRisk => Section::RightNow,
            Field::Child(..) => Section::Children,
            Field::Adult(..) | Field::Address => Section::Household,
            Field::Caller
            | Field::ReferrerName
            | Field::ReferrerRole
            | Field::Agency
            | Field::Numbers
            | Field::Reachable
            | Field::SecureEmail
            | Field::Anonymity
            | Field::Asking => Section::Referrer,
            Field::ParentsAware
            | Field::Consent
            | Field::ConsentReason
            | Field::ConsentBy
            | Field::ConsentCovers
            | Field::ConsentNote
            | Field::ChildViews => Section::Consent,
            Field::PreviousContacts | Field::Scaling => Section::Other,
        }
    }

    /// The child or adult the field is about.
    pub fn person(self) -> Option<Person> {
        match self {
            Field::Whereabouts(id) | Field::WithWhom(id) | Field::Child(id, _) => Some(Person::Child(id)),
            Field::Adult(id, _) => Some(Person::Adult(id)),
            _ => None,
        }
    }

    pub fn is_text(self) -> bool {
        match self {
            Field::Child(_, f) => !matches!(f, ChildField::Mobile | ChildField::Disabled | ChildField::Pregnant),
            Field::Adult(_, f) => matches!(f, AdultField::Label | AdultField::Relationship),
            Field::Whereabouts(_)
            | Field::WithWhom(_)
            | Field::OthersAtRisk
            | Field::Address
            | Field::ReferrerName
            | Field::ReferrerRole
            | Field::Agency
            | Field::Numbers
            | Field::Reachable
            | Field::SecureEmail
            | Field::Asking
            | Field::ConsentBy
            | Field::ConsentCovers
            | Field::ConsentNote
            | Field::ChildViews => true,
            Field::SafeNow
            | Field::Caller
            | Field::Anonymity
            | Field::ParentsAware
            | Field::Consent
            | Field::ConsentReason
            | Field::PreviousContacts
            | Field::Scaling => false,
        }
    }

    /// The form's fields for this call: each child's whereabouts first, then
    /// each child, the adults, the referrer, consent; with no child or adult
    /// yet, the fields of the first one to be (a fact typed there records
    /// them). The exception relied on only where consent was refused or not
    /// sought, the scaling question only where the pack has a scale.
    pub fn for_call(pack: &Pack, call: &Call) -> Vec<Field> {
        let household = &call.household;
        let today = call.today();
        let mut children: Vec<(ChildId, bool)> = household
            .children
            .iter()
            .map(|c| (c.id, c.age(today).is_none_or(|a| a.years().is_some_and(|y| y >= PREGNANCY_FROM_YEARS))))
            .collect();
        if children.is_empty() {
            children.push((household.first_child_id(), true));
        }
        let mut adults: Vec<AdultId> = household.adults.iter().map(|a| a.id).collect();
        if adults.is_empty() {
            adults.push(household.next_adult_id());
        }
        let mut fields = Vec::new();
        for (id, _) in &children {
            fields.extend([Field::Whereabouts(*id), Field::WithWhom(*id)]);
        }
        fields.extend([Field::SafeNow, Field::OthersAtRisk]);
        for (id, young_person) in &children {
            let shown = CHILD_FIELDS.into_iter().filter(|f| *f != ChildField::Pregnant || *young_person);
            fields.extend(shown.map(|f| Field::Child(*id, f)));
        }
        for id in adults {
            fields.extend(ADULT_FIELDS.map(|f| Field::Adult(id, f)));
        }
        fields.extend([
            Field::Address,
            Field::Caller,
            Field::ReferrerName,
            Field::ReferrerRole,
            Field::Agency,
            Field::Numbers,
            Field::Reachable,
            Field::SecureEmail,
            Field::Anonymity,
            Field::Asking,
            Field::ParentsAware,
            Field::Consent,
        ]);
        if matches!(call.details.consent, Some(ConsentState::Refused | ConsentState::NotSought)) {
            fields.push(Field::ConsentReason);
        }
        fields.extend([
            Field::ConsentBy,
            Field::ConsentCovers,
            Field::ConsentNote,
            Field::ChildViews,
            Field::PreviousContacts,
        ]);
        if scale_of(pack).is_some() {
            fields.push(Field::Scaling);
        }
        fields
    }
}

/// The youngest age the pregnancy question is asked for: a young person,
/// not a baby or a young child. A child with no age yet is asked it too.
pub const PREGNANCY_FROM_YEARS: u16 = 10;

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
pub(in crate::app) fn cycle<T: Copy + PartialEq>(current: Option<T>, options: &[T], forward: bool) -> Option<T> {
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
    let yes_no = |v: Option<YesNoUnknown>| cycle(v, &YesNoUnknown::ALL, forward);
    let change = match field {
        Field::Caller => DetailChange::Caller(cycle(details.caller, &CallerType::ALL, forward)),
        Field::PreviousContacts => DetailChange::PreviousContacts(yes_no(details.previous_contacts)),
        Field::ParentsAware => DetailChange::ParentsAware(yes_no(details.parents_aware)),
        Field::Consent => DetailChange::Consent(cycle(details.consent, &ConsentState::ALL, forward)),
        Field::ConsentReason => {
            let ids: Vec<&str> = pack.guidance.consent_exceptions().map(|e| e.id.as_str()).collect();
            if ids.is_empty() {
                return None;
            }
            let next = cycle(details.consent_reason.as_deref(), &ids, forward);
            DetailChange::ConsentReason(next.map(String::from))
        }
        Field::Scaling => {
            let scale = scale_of(pack)?;
            let values: Vec<u8> = (scale.min..=scale.max).collect();
            return Some(Entry::Scaling { value: cycle(call.scaling, &values, forward), at });
        }
        _ => {
            let change = super::screens::household::cycle_change(field, &call.household, forward)?;
            return Some(Entry::Household { change, at });
        }
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
