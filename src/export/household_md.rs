//! The Markdown of who the call is about: a children table (each child's
//! ticks and highest level), then each child's facts, the adults, the
//! referrer to ring back and consent. Values are escaped with [`Esc`] like
//! the rest of the record.

use std::fmt::{self, Write as _};

use super::{ChildJson, Esc, Record};
use crate::call::details::YesNoUnknown;

fn yn(value: Option<YesNoUnknown>) -> &'static str {
    value.map_or("—", YesNoUnknown::label)
}

/// "4 Specialist — immediate referral indicated (1 item)" / "2 Early Help" / "—".
fn highest(r: &Record, child: &ChildJson) -> String {
    let Some(h) = child.highest_level_indicated else { return "—".into() };
    let name = r.counts_per_level.get(h - 1).map_or("", |c| c.name.as_str());
    match child.immediate_referral_items {
        0 => format!("{h} {}", Esc(name)),
        1 => format!("{h} {} — immediate referral indicated (1 item)", Esc(name)),
        n => format!("{h} {} — immediate referral indicated ({n} items)", Esc(name)),
    }
}

pub fn children(out: &mut String, r: &Record) -> fmt::Result {
    if r.children.is_empty() {
        return writeln!(out, "\n## Children\n\nNo child recorded.");
    }
    writeln!(out, "\n## Children ({})\n", r.children.len())?;
    writeln!(out, "Ticks about the whole household count for every child.\n")?;
    writeln!(out, "| Child | Age | Where now, with whom | Ticks about them | Highest level indicated |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for c in &r.children {
        let said = c.age_as_said.as_ref().map(|s| format!("\"{s}\" (as said)"));
        let age = c.age.as_deref().or(said.as_deref()).unwrap_or("—");
        let place = match (c.where_now.trim(), c.with_whom.trim()) {
            ("", "") => "—".to_string(),
            (w, "") => Esc(w).to_string(),
            ("", who) => format!("with {}", Esc(who)),
            (w, who) => format!("{}, with {}", Esc(w), Esc(who)),
        };
        writeln!(out, "| {} | {} | {place} | {} | {} |", Esc(&c.label), Esc(age), c.ticks.len(), highest(r, c))?;
    }
    for c in &r.children {
        let mut facts = Vec::new();
        if let Some(d) = c.date_of_birth {
            facts.push(format!("Date of birth: {}", d.format("%-d %b %Y")));
        }
        if let Some(d) = c.expected_date_of_delivery {
            facts.push(format!("Expected date of delivery: {}", d.format("%-d %b %Y")));
        }
        facts.push(format!("Mobile: {}", yn(c.mobile)));
        let send =
            if c.send_details.trim().is_empty() { String::new() } else { format!(" ({})", Esc(&c.send_details)) };
        facts.push(format!("Disability / SEND: {}{send}", yn(c.disability_or_send)));
        if c.pregnant.is_some() {
            facts.push(format!("Pregnant: {}", yn(c.pregnant)));
        }
        for (label, value) in
            [("School or nursery", &c.school_or_nursery), ("Current address", &c.current_address), ("Note", &c.note)]
        {
            if !value.trim().is_empty() {
                facts.push(format!("{label}: {}", Esc(value)));
            }
        }
        writeln!(out, "\n### {}\n", Esc(&c.label))?;
        for fact in facts {
            writeln!(out, "- {fact}")?;
        }
    }
    Ok(())
}

pub fn household(out: &mut String, r: &Record) -> fmt::Result {
    let h = &r.household;
    if h.address.trim().is_empty() && h.adults.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Household\n")?;
    if !h.address.trim().is_empty() {
        writeln!(out, "- Address: {}", Esc(&h.address))?;
    }
    for a in &h.adults {
        let mut line = format!("- {}", Esc(&a.label));
        if !a.relationship.trim().is_empty() {
            write!(line, " ({})", Esc(&a.relationship))?;
        }
        write!(line, " · parental responsibility: {}", yn(a.parental_responsibility))?;
        if let Some(residence) = a.residence {
            write!(line, " · {}", residence.label())?;
        }
        if a.alleged_perpetrator {
            line.push_str(" · **alleged perpetrator**");
        }
        if !a.note.trim().is_empty() {
            write!(line, " · {}", Esc(&a.note))?;
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub fn referrer(out: &mut String, r: &Record) -> fmt::Result {
    let f = &r.referrer;
    writeln!(out, "\n## Referrer\n")?;
    writeln!(out, "- Type: {}", f.kind.map_or("—", |k| k.label()))?;
    for (label, value) in [
        ("Name", &f.name),
        ("Role or relationship", &f.role_or_relationship),
        ("Agency", &f.agency),
        ("Callback number(s)", &f.callback_numbers),
        ("When reachable", &f.when_reachable),
        ("Secure email", &f.secure_email),
        ("Asking for", &f.asking_for),
    ] {
        if !value.trim().is_empty() {
            writeln!(out, "- {label}: {}", Esc(value))?;
        }
    }
    if f.asked_for_anonymity.is_some() {
        writeln!(out, "- Asked for anonymity: {}", yn(f.asked_for_anonymity))?;
    }
    Ok(())
}

pub fn consent(out: &mut String, r: &Record) -> fmt::Result {
    let c = &r.consent;
    writeln!(out, "\n## Consent\n")?;
    writeln!(out, "- Parents aware of this call: {}", yn(c.parents_aware_of_call))?;
    writeln!(out, "- Consent to share / refer: {}", c.consent.map_or("—", |v| v.label()))?;
    for (label, value) in [("Given or refused by", &c.given_by), ("Covers whose information", &c.covers)] {
        if !value.trim().is_empty() {
            writeln!(out, "- {label}: {}", Esc(value))?;
        }
    }
    if let Some(text) = &c.exception_text {
        writeln!(out, "- Going ahead without consent because: {}", Esc(text))?;
    }
    for (label, value) in [("Consent note", &c.note), ("The child's own views", &c.child_views)] {
        if !value.trim().is_empty() {
            writeln!(out, "- {label}: {}", Esc(value))?;
        }
    }
    Ok(())
}
