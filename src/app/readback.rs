//! The read-back: what the handler reads aloud to the caller before the call
//! ends ("repeat back to the referrer the key points"), as titled sections
//! of plain sentences. Pure: the call, its pack and the time in, text out,
//! so the screen, a test and (later) the export read the same words.
//!
//! It opens with who the call is about, so the caller can correct a name
//! or an age before anything else is read back.

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
        children(call),
        ticked(pack, call),
        consent(pack, call),
        next_steps(pack, calendar, call),
        number_given(&contact, call, pack),
        caller_details(call),
    ]
}

/// Who the call is about: each child with their age and where they are now,
/// whether they are safe right now, and who else is at risk.
fn children(call: &Call) -> Section {
    let h = &call.household;
    let mut lines: Vec<String> = h
        .children
        .iter()
        .map(|c| {
            let mut line = clean_line(&c.name_and_age(call.today()));
            let (place, with) = (clean_line(&c.whereabouts), clean_line(&c.with_whom));
            match (place.trim(), with.trim()) {
                ("", "") => {}
                (place, "") => line.push_str(&format!(" — now: {place}")),
                ("", with) => line.push_str(&format!(" — now with {with}")),
                (place, with) => line.push_str(&format!(" — now: {place}, with {with}")),
            }
            line.push('.');
            line
        })
        .collect();
    if lines.is_empty() {
        lines.push("No child is recorded yet: ask who the call is about.".into());
    }
    if let Some(safe) = h.safe_now {
        lines.push(format!("Safe right now: {}.", safe.label()));
    }
    if !h.others_at_risk.trim().is_empty() {
        lines.push(format!("Also at risk: {}.", clean_line(&h.others_at_risk)));
    }
    section("Who this is about", lines)
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
    crate::sort::sort_by_key(&mut items, |(alert, level, _)| (!alert, std::cmp::Reverse(*level)));
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
    let exception = d.consent_reason.as_deref().and_then(|id| pack.guidance.consent_exception(id));
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
    for outcome in call.outcomes.current() {
        let to = outcome.signpost.as_ref().map(|s| format!(" — {}", clean_line(&s.shown))).unwrap_or_default();
        let text =
            if outcome.text.trim().is_empty() { String::new() } else { format!(": {}", clean_line(&outcome.text)) };
        lines.push(format!("{}{to}{text}.", clean_line(&outcome.label)));
    }
    // The same clocks the summary counts down and the export records.
    for clock in crate::call::clocks::clocks(pack, call, calendar) {
        let by = clock.due.map_or_else(|| "(a time out of range)".to_string(), |at| human(at, zone));
        let line = match clock.kind {
            crate::call::clocks::ClockKind::WrittenReferral => {
                let within = crate::call::clocks::describe(clock.span);
                format!("Please send the {} by {by} ({within}).", clean_line(&clock.name))
            }
            crate::call::clocks::ClockKind::Feedback => format!("We will come back to you by {by}."),
            crate::call::clocks::ClockKind::Decision => format!("A decision will be made by {by}."),
        };
        lines.push(line);
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
    let r = &call.household.referrer;
    let mut lines = vec![format!("You are calling as: {caller}.")];
    for (label, value) in [
        ("Your name", &r.name),
        ("Role", &r.role),
        ("Agency", &d.agency),
        ("We can ring you back on", &r.numbers),
        ("Best time to reach you", &r.reachable),
        ("Secure email", &r.secure_email),
    ] {
        if !value.trim().is_empty() {
            lines.push(format!("{label}: {}.", clean_line(value)));
        }
    }
    if r.numbers.trim().is_empty() && d.caller != Some(crate::call::details::CallerType::Anonymous) {
        lines.push("No callback number is recorded: ask for one.".into());
    }
    section("Your details, to confirm", lines)
}
