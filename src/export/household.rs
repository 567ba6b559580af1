//! Who the call is about, for the record: each child with the ticks about
//! them and their own counts, the adults, the referrer to ring back, and
//! consent as referral forms split it. Every typed value is cleaned here,
//! once, for both the JSON and the Markdown.

use serde::Serialize;

use super::LevelCount;
use crate::call::Call;
use crate::call::details::{CallerType, ConsentState, YesNoUnknown};
use crate::call::household::{Born, Child, Hearing, Residence};
use crate::call::summary::{Summary, per_child, ticked_about};
use crate::pack::Pack;
use crate::text::clean;

#[derive(Debug, Clone, Serialize)]
pub struct ChildJson {
    /// The child's key within this record; ticks' `about` lists it.
    pub id: u32,
    /// "Child 2" when the handler gave no label.
    pub label: String,
    /// "6 years", "4 months", "unborn"; null when not given.
    pub age: Option<String>,
    /// The caller's words for the age when they were not read as an age or
    /// a date ("about 4 or 5"); null otherwise.
    pub age_as_said: Option<String>,
    pub date_of_birth: Option<chrono::NaiveDate>,
    /// An unborn baby's expected date of delivery.
    pub expected_date_of_delivery: Option<chrono::NaiveDate>,
    pub mobile: Option<YesNoUnknown>,
    pub disability_or_send: Option<YesNoUnknown>,
    pub send_details: String,
    pub pregnant: Option<YesNoUnknown>,
    pub school_or_nursery: String,
    pub where_now: String,
    pub with_whom: String,
    /// Where it is not the household's.
    pub current_address: String,
    pub note: String,
    /// The ids of the ticked items about this child: their own and the
    /// whole household's.
    pub ticks: Vec<String>,
    pub immediate_referral_items: usize,
    /// 1-based, as for the whole call.
    pub highest_level_indicated: Option<usize>,
    pub counts_per_level: Vec<LevelCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdultJson {
    pub id: u32,
    pub label: String,
    pub relationship: String,
    pub parental_responsibility: Option<YesNoUnknown>,
    pub residence: Option<Residence>,
    pub alleged_perpetrator: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HouseholdJson {
    pub address: String,
    pub adults: Vec<AdultJson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferrerJson {
    #[serde(rename = "type")]
    pub kind: Option<CallerType>,
    pub name: String,
    pub role_or_relationship: String,
    pub agency: String,
    pub callback_numbers: String,
    pub when_reachable: String,
    pub secure_email: String,
    pub asked_for_anonymity: Option<YesNoUnknown>,
    pub asking_for: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentJson {
    pub parents_aware_of_call: Option<YesNoUnknown>,
    pub consent: Option<ConsentState>,
    pub given_by: String,
    pub covers: String,
    /// The pack's exception relied on, when consent was refused or not
    /// sought and the referral goes ahead.
    pub exception_id: Option<String>,
    pub exception_text: Option<String>,
    pub note: String,
    pub child_views: String,
}

/// "6 years" for a child on the call's date.
fn age_label(child: &Child, call: &Call) -> Option<String> {
    child.age(call.today()).map(crate::call::details::Age::label)
}

pub fn children(pack: &Pack, call: &Call) -> Vec<ChildJson> {
    per_child(pack, call)
        .into_iter()
        .map(|(child, summary)| {
            let ticks = ticked_about(call, child.id).into_iter().map(crate::text::clean_line).collect();
            ChildJson {
                id: child.id,
                label: clean(&child.name()),
                age: age_label(child, call),
                age_as_said: child.age_as_said().map(clean),
                date_of_birth: match child.born {
                    Some(Born::Dob(d)) => Some(d),
                    _ => None,
                },
                expected_date_of_delivery: match child.born {
                    Some(Born::Due(d)) => Some(d),
                    _ => None,
                },
                mobile: child.mobile,
                disability_or_send: child.disabled,
                send_details: clean(&child.send),
                pregnant: child.pregnant,
                school_or_nursery: clean(&child.school),
                where_now: clean(&child.whereabouts),
                with_whom: clean(&child.with_whom),
                current_address: clean(&child.address),
                note: clean(&child.note),
                ticks,
                immediate_referral_items: summary.alert_items,
                highest_level_indicated: summary.highest.map(|i| i + 1),
                counts_per_level: counts(pack, &summary),
            }
        })
        .collect()
}

fn counts(pack: &Pack, summary: &Summary) -> Vec<LevelCount> {
    pack.levels
        .iter()
        .zip(&summary.per_level)
        .enumerate()
        .map(|(i, (l, n))| LevelCount { level: i + 1, name: crate::text::clean_line(&l.name), ticked: *n })
        .collect()
}

pub fn household(call: &Call) -> HouseholdJson {
    let h = &call.household;
    HouseholdJson {
        address: clean(&h.address),
        adults: h
            .adults
            .iter()
            .map(|a| AdultJson {
                id: a.id,
                label: clean(&a.name()),
                relationship: clean(&a.relationship),
                parental_responsibility: a.parental_responsibility,
                residence: a.residence,
                alleged_perpetrator: a.alleged_perpetrator,
                note: clean(&a.note),
            })
            .collect(),
    }
}

pub fn referrer(call: &Call) -> ReferrerJson {
    let r = &call.household.referrer;
    ReferrerJson {
        kind: call.details.caller,
        name: clean(&r.name),
        role_or_relationship: clean(&r.role),
        agency: clean(&call.details.agency),
        callback_numbers: clean(&r.numbers),
        when_reachable: clean(&r.reachable),
        secure_email: clean(&r.secure_email),
        asked_for_anonymity: r.anonymity,
        asking_for: clean(&r.asking),
    }
}

pub fn consent(pack: &Pack, call: &Call) -> ConsentJson {
    let d = &call.details;
    let exception_text = d
        .consent_reason
        .as_deref()
        .and_then(|id| pack.guidance.consent_exception(id))
        .map(|e| crate::text::clean_line(&e.text));
    ConsentJson {
        parents_aware_of_call: d.parents_aware,
        consent: d.consent,
        given_by: clean(&d.consent_by),
        covers: clean(&d.consent_covers),
        exception_id: d.consent_reason.as_deref().map(clean),
        exception_text,
        note: clean(&d.consent_note),
        child_views: clean(&d.child_views),
    }
}

/// Which children a ticked item is about, by label; empty for the whole
/// household.
pub fn about(call: &Call, item: &str) -> Vec<String> {
    call.household.about(item).iter().filter_map(|id| call.household.child(*id)).map(|c| clean(&c.name())).collect()
}

pub fn hearing_of_tick(call: &Call, item: &str) -> Option<Hearing> {
    call.household.heard_ticks.get(item).copied()
}
