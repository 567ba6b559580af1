//! The details form's fields about people — the children, the adults, the
//! referrer — and the household's "right now" answers: what each holds, and
//! the journal entry an edit makes. The form itself is `details`.

use chrono::{DateTime, Utc};

use crate::app::record::{AdultField, ChildField, Field, cycle};
use crate::call::details::YesNoUnknown;
use crate::call::household::{
    AdultFact, Born, Child, ChildFact, ChildId, Household, HouseholdChange, ReferrerFact, Residence,
};
use crate::call::{Call, DetailChange, Entry};
use crate::text::clean_line;

/// A date of birth or due date as the form shows it for editing: in a form
/// `Born::parse` reads back as the same date, so typing on never loses it.
pub fn born_text(born: Born) -> String {
    match born {
        Born::Age(age) => age.label(),
        Born::Dob(date) => date.format("%d/%m/%Y").to_string(),
        Born::Due(date) => format!("due {}", date.format("%d/%m/%Y")),
    }
}

/// How the form read a child's age, date of birth or due date:
/// "born 12 May 2019, 6 years", "unborn, due 1 Mar 2027", "8 months".
pub fn born_reading(born: Born, call: &Call) -> String {
    let today = call.today();
    match born {
        Born::Age(age) => age.label(),
        Born::Dob(dob) => format!("born {}, {}", dob.format("%-d %b %Y"), born.age(today).label()),
        Born::Due(due) => format!("unborn, due {}", due.format("%-d %b %Y")),
    }
}

fn child(call: &Call, id: ChildId) -> Option<&Child> {
    call.household.child(id)
}

/// The age field's text: as typed, or for a journal from before typing
/// was kept, the age it was read as.
fn said_or_read(child: &Child) -> String {
    if child.born_said.is_empty() { child.born.map(born_text).unwrap_or_default() } else { child.born_said.clone() }
}

/// What a text field holds in the call now.
pub fn stored_text(field: Field, call: &Call) -> String {
    let h = &call.household;
    let r = &h.referrer;
    let d = &call.details;
    let of_child = |id, get: fn(&Child) -> &String| child(call, id).map(get).cloned().unwrap_or_default();
    match field {
        Field::Whereabouts(id) => of_child(id, |c| &c.whereabouts),
        Field::WithWhom(id) => of_child(id, |c| &c.with_whom),
        Field::OthersAtRisk => h.others_at_risk.clone(),
        Field::Child(id, f) => match f {
            ChildField::Label => of_child(id, |c| &c.label),
            ChildField::Born => child(call, id).map(said_or_read).unwrap_or_default(),
            ChildField::Send => of_child(id, |c| &c.send),
            ChildField::School => of_child(id, |c| &c.school),
            ChildField::Address => of_child(id, |c| &c.address),
            ChildField::Note => of_child(id, |c| &c.note),
            ChildField::Mobile | ChildField::Disabled | ChildField::Pregnant => String::new(),
        },
        Field::Adult(id, f) => {
            let adult = h.adult(id);
            match f {
                AdultField::Label => adult.map(|a| a.label.clone()),
                AdultField::Relationship => adult.map(|a| a.relationship.clone()),
                _ => None,
            }
            .unwrap_or_default()
        }
        Field::Address => h.address.clone(),
        Field::ReferrerName => r.name.clone(),
        Field::ReferrerRole => r.role.clone(),
        Field::Agency => d.agency.clone(),
        Field::Numbers => r.numbers.clone(),
        Field::Reachable => r.reachable.clone(),
        Field::SecureEmail => r.secure_email.clone(),
        Field::Asking => r.asking.clone(),
        Field::ConsentBy => d.consent_by.clone(),
        Field::ConsentCovers => d.consent_covers.clone(),
        Field::ConsentNote => d.consent_note.clone(),
        Field::ChildViews => d.child_views.clone(),
        _ => String::new(),
    }
}

/// The entry a text field's new value makes: the whole value, so a
/// replayed journal needs no cursor. A child's age only once it reads as a
/// different age (the typing itself stays in the form).
pub fn text_change(field: Field, text: &str, call: &Call, at: DateTime<Utc>) -> Option<Entry> {
    let text = clean_line(text);
    let detail = |change| Some(Entry::Detail { change, at });
    let household = |change| Some(Entry::Household { change, at });
    let child_fact = |child, fact| household(HouseholdChange::Child { child, fact });
    let referrer = |fact| household(HouseholdChange::Referrer { fact });
    match field {
        Field::Whereabouts(id) => child_fact(id, ChildFact::Whereabouts(text)),
        Field::WithWhom(id) => child_fact(id, ChildFact::WithWhom(text)),
        Field::OthersAtRisk => household(HouseholdChange::OthersAtRisk { text }),
        Field::Child(id, ChildField::Born) => {
            // Every change is kept as typed, read or not: killed mid-word,
            // the journal still holds "about 4 or" and what it was read as.
            let known = child(call, id);
            if known.map_or(text.is_empty(), |c| said_or_read(c) == text) {
                return None;
            }
            let born = Born::parse(&text, call.today());
            child_fact(id, ChildFact::BornSaid { text, born })
        }
        Field::Child(id, f) => match f {
            ChildField::Label => child_fact(id, ChildFact::Label(text)),
            ChildField::Send => child_fact(id, ChildFact::Send(text)),
            ChildField::School => child_fact(id, ChildFact::School(text)),
            ChildField::Address => child_fact(id, ChildFact::Address(text)),
            ChildField::Note => child_fact(id, ChildFact::Note(text)),
            ChildField::Born | ChildField::Mobile | ChildField::Disabled | ChildField::Pregnant => None,
        },
        Field::Adult(adult, AdultField::Label) => {
            household(HouseholdChange::Adult { adult, fact: AdultFact::Label(text) })
        }
        Field::Adult(adult, AdultField::Relationship) => {
            household(HouseholdChange::Adult { adult, fact: AdultFact::Relationship(text) })
        }
        Field::Address => household(HouseholdChange::Address { text }),
        Field::ReferrerName => referrer(ReferrerFact::Name(text)),
        Field::ReferrerRole => referrer(ReferrerFact::Role(text)),
        Field::Agency => detail(DetailChange::Agency(text)),
        Field::Numbers => referrer(ReferrerFact::Numbers(text)),
        Field::Reachable => referrer(ReferrerFact::Reachable(text)),
        Field::SecureEmail => referrer(ReferrerFact::SecureEmail(text)),
        Field::Asking => referrer(ReferrerFact::Asking(text)),
        Field::ConsentBy => detail(DetailChange::ConsentBy(text)),
        Field::ConsentCovers => detail(DetailChange::ConsentCovers(text)),
        Field::ConsentNote => detail(DetailChange::ConsentNote(text)),
        Field::ChildViews => detail(DetailChange::ChildViews(text)),
        _ => None,
    }
}

/// The change cycling a choice about a person or the household makes.
pub fn cycle_change(field: Field, household: &Household, forward: bool) -> Option<HouseholdChange> {
    let yes_no = |v: Option<YesNoUnknown>| cycle(v, &YesNoUnknown::ALL, forward);
    let kid = |id| household.child(id);
    let fact_of = |child, fact| Some(HouseholdChange::Child { child, fact });
    match field {
        Field::SafeNow => Some(HouseholdChange::SafeNow { value: yes_no(household.safe_now) }),
        Field::Anonymity => {
            Some(HouseholdChange::Referrer { fact: ReferrerFact::Anonymity(yes_no(household.referrer.anonymity)) })
        }
        Field::Child(id, ChildField::Mobile) => fact_of(id, ChildFact::Mobile(yes_no(kid(id).and_then(|c| c.mobile)))),
        Field::Child(id, ChildField::Disabled) => {
            fact_of(id, ChildFact::Disabled(yes_no(kid(id).and_then(|c| c.disabled))))
        }
        Field::Child(id, ChildField::Pregnant) => {
            fact_of(id, ChildFact::Pregnant(yes_no(kid(id).and_then(|c| c.pregnant))))
        }
        Field::Adult(adult, f) => {
            let known = household.adult(adult);
            let fact = match f {
                AdultField::ParentalResponsibility => {
                    AdultFact::ParentalResponsibility(yes_no(known.and_then(|a| a.parental_responsibility)))
                }
                AdultField::Residence => {
                    AdultFact::Residence(cycle(known.and_then(|a| a.residence), &Residence::ALL, forward))
                }
                AdultField::AllegedPerpetrator => {
                    AdultFact::AllegedPerpetrator(!known.is_some_and(|a| a.alleged_perpetrator))
                }
                AdultField::Label | AdultField::Relationship => return None,
            };
            Some(HouseholdChange::Adult { adult, fact })
        }
        _ => None,
    }
}

/// What a choice field about a person or the household shows.
pub fn choice_value(field: Field, call: &Call) -> Option<String> {
    let h = &call.household;
    let label = |v: Option<YesNoUnknown>| v.map_or("—", |v| v.label()).to_string();
    let kid = |id| h.child(id);
    Some(match field {
        Field::SafeNow => label(h.safe_now),
        Field::Child(id, ChildField::Mobile) => label(kid(id).and_then(|c| c.mobile)),
        Field::Child(id, ChildField::Disabled) => label(kid(id).and_then(|c| c.disabled)),
        Field::Child(id, ChildField::Pregnant) => label(kid(id).and_then(|c| c.pregnant)),
        Field::Adult(id, AdultField::ParentalResponsibility) => {
            label(h.adult(id).and_then(|a| a.parental_responsibility))
        }
        Field::Adult(id, AdultField::Residence) => {
            h.adult(id).and_then(|a| a.residence).map_or("—", Residence::label).to_string()
        }
        Field::Adult(id, AdultField::AllegedPerpetrator) => {
            if h.adult(id).is_some_and(|a| a.alleged_perpetrator) { "Yes (flagged)" } else { "No" }.to_string()
        }
        Field::Anonymity => label(h.referrer.anonymity),
        _ => return None,
    })
}
