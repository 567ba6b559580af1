//! The read-back: what the handler reads aloud to the caller before the call
//! ends ("repeat back to the referrer the key points"), as titled sections
//! of plain sentences. Pure: the call, its pack and the time in, text out,
//! so the screen, a test and (later) the export read the same words.
//!
//! Sections still to come slot in where `sections` names them: the
//! household's children, the referrer's callback details, the outcomes
//! and the clocks.

use chrono::{DateTime, Utc};

use super::contact_now::ContactNow;
use crate::call::Call;
use crate::hours::calendar::Calendar;
use crate::hours::local::{human, time_of_day};
use crate::pack::Pack;
use crate::pack::resolve::pack_zone;
use crate::text::clean_line;

/// One titled part of the read-back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// Sentences, each a line to read out.
    pub lines: Vec<String>,
}

fn section(title: &str, lines: Vec<String>) -> Section {
    Section { title: title.to_string(), lines }
}

/// The read-back of `call` at `now`, in the order it is read out.
pub fn sections(pack: &Pack, calendar: Option<&Calendar>, call: &Call, now: DateTime<Utc>) -> Vec<Section> {
    let contact = ContactNow::compute(pack, calendar, now);
    vec![
        // The lead adds the household's children (names, ages, where they
        // are now) here, first: the caller confirms who the call is about.
        ticked(pack, call),
        consent(pack, call),
        // The lead adds the outcomes and their clocks (decision, written
        // referral, feedback due) to `next_steps`.
        next_steps(pack, calendar, call),
        number_given(&contact, call, pack),
        // The lead adds the referrer's callback details (name, phone, how
        // to re-contact) to `caller_details`.
        caller_details(call),
    ]
}

/// What was ticked, immediate-referral items first, then the highest
/// levels, in the document's words.
fn ticked(pack: &Pack, call: &Call) -> Section {
    let catalog = pack.catalog();
    let mut items: Vec<(bool, Option<usize>, String)> = call
        .ticked()
        .into_iter()
        .map(|(id, _)| match catalog.get(id) {
            Some(entry) => (entry.alert, entry.level, clean_line(&entry.full_text)),
            None => (false, None, format!("(not in this pack: {})", clean_line(id))),
        })
        .collect();
    // Stable: within a group, the order they were ticked in.
    items.sort_by_key(|(alert, level, _)| (!alert, std::cmp::Reverse(*level)));
    let mut lines: Vec<String> = items
        .into_iter()
        .map(|(alert, _, text)| if alert { format!("{text} — needs an immediate referral") } else { text })
        .collect();
    if lines.is_empty() {
        lines.push("Nothing was ticked.".into());
    }
    section("What you have told me", lines)
}

fn consent(pack: &Pack, call: &Call) -> Section {
    let d = &call.details;
    let mut lines = vec![match d.consent {
        Some(state) => format!("Consent: {}.", state.label()),
        None => "Consent is not recorded: ask now.".into(),
    }];
    let exception = d
        .consent_reason
        .as_ref()
        .and_then(|id| pack.guidance.consent.iter().flat_map(|c| c.exceptions.iter()).find(|e| &e.id == id));
    if let Some(exception) = exception {
        lines.push(format!("Not sought because: {}", clean_line(&exception.text)));
    }
    if !d.consent_note.trim().is_empty() {
        lines.push(format!("Note: {}", clean_line(&d.consent_note)));
    }
    section("Consent", lines)
}

/// The decision if one is recorded, the written referral with its due
/// time, and who the caller spoke to.
fn next_steps(pack: &Pack, calendar: Option<&Calendar>, call: &Call) -> Section {
    let zone = pack_zone(pack);
    let mut lines = Vec::new();
    match call.decision() {
        Some(d) => {
            let level = d.level.as_deref().and_then(|id| pack.level_index(id));
            let name = level.map_or_else(
                || "withdrawn".to_string(),
                |i| format!("level {} {}", i + 1, clean_line(&pack.levels[i].name)),
            );
            lines.push(format!("My decision: {name} — {}", clean_line(&d.rationale)));
        }
        None => lines.push("No decision is recorded yet.".into()),
    }
    let referral = pack.guidance.referral.as_ref();
    if let Some(written) = referral.and_then(|r| r.written_within.as_ref()) {
        let form = referral.and_then(|r| r.form_name.as_deref()).map_or("written referral".into(), clean_line);
        let referred = call.alerts.first().map_or(call.started_at, |a| a.raised_at);
        let due = crate::hours::working::after(referred, written.within, zone, calendar);
        let by = due.map_or_else(|| "(a time out of range)".to_string(), |at| human(at, zone));
        lines.push(format!("Please send the {form} by {by} ({}).", clean_line(&written.text)));
    }
    if let Some(handler) = call.handler() {
        lines.push(format!("You spoke to {}.", handler.describe()));
    }
    section("What happens next", lines)
}

/// The line to ring now, and every line shown with an alert this call.
fn number_given(contact: &ContactNow, call: &Call, pack: &Pack) -> Section {
    let zone = pack_zone(pack);
    let until = contact.until.map(|u| format!(", until {}", u.format("%H:%M %Z"))).unwrap_or_default();
    let mut lines = vec![format!("Ring now: {}{until}.", clean_line(&contact.shown()))];
    if let Some(other) = &contact.alternative {
        lines.push(format!("Out of hours: {}.", clean_line(&other.spoken())));
    }
    let danger: Vec<String> = contact.emergency.iter().map(|l| clean_line(&l.spoken())).collect();
    lines.push(format!("If a child is in immediate danger: {}.", danger.join(" or ")));
    let mut given: Vec<&str> = Vec::new();
    for alert in &call.alerts {
        if !given.contains(&alert.line_shown.as_str()) {
            given.push(&alert.line_shown);
            let at = time_of_day(alert.raised_at, zone);
            lines.push(format!("Given with the alert at {at}: {}.", clean_line(&alert.line_shown)));
        }
    }
    section("The number to ring", lines)
}

fn caller_details(call: &Call) -> Section {
    let d = &call.details;
    let caller = d.caller.map_or("not recorded", |c| c.label());
    let mut lines = vec![format!("You are calling as: {caller}.")];
    if !d.agency.trim().is_empty() {
        lines.push(format!("Agency: {}.", clean_line(&d.agency)));
    }
    section("Your details, to confirm", lines)
}
