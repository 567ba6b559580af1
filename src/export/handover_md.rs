//! The shift's handover as Markdown to paste or send, and as JSON for
//! systems. Every value from a person or a pack is escaped with [`Esc`], as
//! in the record, so typed text cannot change the handover's structure.

use std::fmt::{self, Write as _};

use super::markdown::Esc;
use crate::call::handover::{Callback, Handover, HandoverCall};

pub fn handover_json(handover: &Handover) -> String {
    serde_json::to_string_pretty(handover).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string())) + "\n"
}

pub fn handover_markdown(handover: &Handover) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; whatever was written is returned.
    let _ = write(&mut out, handover);
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

fn write(out: &mut String, h: &Handover) -> fmt::Result {
    let c = &h.counts;
    writeln!(out, "# Handover to the day team — {}\n", plural(c.calls, "call", "calls"))?;
    if h.simulated_clock {
        writeln!(out, "**SIMULATED TIME**: made as if it were {} (set with --at).\n", h.made_at.human())?;
    }
    if c.simulated > 0 {
        let n = plural(c.simulated, "call was", "calls were");
        writeln!(
            out,
            "**SIMULATED**: {n} made on a simulated clock (training), marked and listed last: not real calls.\n"
        )?;
    }
    for p in &h.packs {
        let edition = p.edition.as_deref().map(|e| format!(" ({})", Esc(e))).unwrap_or_default();
        writeln!(out, "- Pack: {}{edition} · {}", Esc(&p.title), Esc(&p.id))?;
    }
    writeln!(out, "- Calls started from {} to {}", h.since.human(), h.until.human())?;
    // "by not set" reads as a name; say what is missing and where to set it.
    let by = if h.made_by == "not set" {
        "a handler not set (the config's handler)".to_string()
    } else {
        Esc(&h.made_by).to_string()
    };
    writeln!(out, "- Made {} by {by}", h.made_at.human())?;
    writeln!(
        out,
        "- Calls: {} · with an immediate alert: {} · still open: {} · not entered in the case system: {} · overdue: {}",
        c.calls, c.alerts, c.open, c.not_entered, c.overdue
    )?;
    if c.damaged > 0 {
        writeln!(out, "- **Records that could not be read: {}** (listed at the end)", c.damaged)?;
    }
    writeln!(
        out,
        "- Each call is due with the day team by {} on the next working morning after it began (the pack's calendar).",
        h.handover_by
    )?;
    writeln!(
        out,
        "\n> Levels are what the ticks indicate (guidance, not a decision); the outcomes are the handler's."
    )?;
    if h.calls.is_empty() {
        writeln!(out, "\nNo calls were started in this period.")?;
    }
    for (n, call) in h.calls.iter().enumerate() {
        write_call(out, n + 1, call)?;
    }
    if !h.earlier.is_empty() {
        writeln!(out, "\n## Still waiting from before this period ({})\n", h.earlier.len())?;
        writeln!(out, "Real calls started earlier that are still open or not entered in the case system.\n")?;
        for e in &h.earlier {
            let mut state = vec![if e.open { "OPEN" } else { "ended" }];
            if !e.entered {
                state.push("**not entered**");
            }
            if e.alert {
                state.push("IMMEDIATE ALERT");
            }
            let children = if e.children.is_empty() { "no child recorded".to_string() } else { e.children.join("; ") };
            let due = e.pick_up_by.as_ref().map(|t| format!(" · was due by {}", t.human())).unwrap_or_default();
            writeln!(
                out,
                "- {} · started {} · {} · {}{due}",
                Esc(&e.record_id),
                e.started_at.human(),
                state.join(" · "),
                Esc(&children)
            )?;
        }
    }
    if !h.damaged.is_empty() {
        writeln!(out, "\n## Records that could not be read ({})\n", h.damaged.len())?;
        writeln!(out, "Their calls are not known: open each record to see what it holds.\n")?;
        for d in &h.damaged {
            writeln!(out, "- {}: {}", Esc(&d.record_id), Esc(&d.problem))?;
        }
    }
    Ok(())
}

fn write_call(out: &mut String, n: usize, c: &HandoverCall) -> fmt::Result {
    let mut title = Vec::new();
    if c.simulated {
        title.push("SIMULATED".to_string());
    }
    if c.alert {
        title.push("IMMEDIATE ALERT".to_string());
    }
    if let Some(u) = c.urgency {
        title.push(format!("urgency {}", u.label()));
    }
    title.push(format!("started {}", c.started_at.human()));
    title.push(if c.open { "OPEN".to_string() } else { "ended".to_string() });
    writeln!(out, "\n## {n}. {}\n", title.join(" · "))?;
    if c.simulated {
        writeln!(out, "**SIMULATED**: made on a simulated clock (training). Not a real call.\n")?;
    }
    if let Some(problem) = &c.problem {
        writeln!(out, "**Part of this record could not be read**: {}. What could be read is below.\n", Esc(problem))?;
    }
    writeln!(out, "- Record: {} · pack {}", Esc(&c.record_id), Esc(&c.pack_id))?;
    let ended = c.ended_at.map_or_else(|| "not ended (still open)".to_string(), |t| t.human());
    writeln!(out, "- Started: {} · ended: {ended}", c.started_at.human())?;
    if c.children.is_empty() {
        writeln!(out, "- Children: none recorded")?;
    } else {
        let children: Vec<String> = c
            .children
            .iter()
            .map(|ch| match &ch.age {
                Some(age) => format!("{} ({})", Esc(&ch.label), Esc(age)),
                None => format!("{} (age not given)", Esc(&ch.label)),
            })
            .collect();
        writeln!(out, "- Children: {}", children.join("; "))?;
    }
    match (c.highest_level_indicated, &c.highest_level_name) {
        (Some(l), name) => {
            let name = name.as_deref().map(|n| format!(" {}", Esc(n))).unwrap_or_default();
            writeln!(out, "- Highest level indicated by the ticks: {l}{name}")?;
        }
        (None, _) => writeln!(out, "- Highest level indicated by the ticks: nothing ticked")?,
    }
    for a in &c.alerts {
        writeln!(
            out,
            "- **Immediate alert** raised {}: {} — number shown: {}",
            a.raised_at.human(),
            Esc(&a.text),
            Esc(&a.line_shown)
        )?;
    }
    if c.outcomes.is_empty() {
        writeln!(out, "- Outcome: none recorded")?;
    }
    for o in &c.outcomes {
        let to = o.signposted_to.as_deref().map(|s| format!(" — to {}", Esc(s))).unwrap_or_default();
        let text = if o.text.is_empty() { String::new() } else { format!(": {}", Esc(&o.text)) };
        writeln!(out, "- Outcome: **{}**{to}{text}", Esc(&o.label))?;
    }
    to_do(out, c)?;
    if !c.ticked.is_empty() {
        writeln!(out, "\n### Ticked ({})\n", c.ticked.len())?;
        for t in &c.ticked {
            // An item of the immediate list has no level: its row says it.
            let level =
                t.level.map(|l| format!("{l} {} · ", Esc(t.level_name.as_deref().unwrap_or("—")))).unwrap_or_default();
            let mark = if t.immediate { "**[immediate referral]** " } else { "" };
            let about = if t.about.is_empty() {
                " — about: the whole household".to_string()
            } else {
                format!(" — about: {}", t.about.iter().map(|a| Esc(a).to_string()).collect::<Vec<_>>().join(", "))
            };
            writeln!(out, "- {mark}{level}{}: {}{about}", Esc(&t.row), Esc(&t.text))?;
        }
    }
    writeln!(out, "\n### Callback and handling\n")?;
    callback(out, &c.callback)?;
    if c.handled_by.is_empty() {
        writeln!(out, "- Handled by: not recorded")?;
    } else {
        let who: Vec<String> = c.handled_by.iter().map(|h| Esc(h).to_string()).collect();
        writeln!(out, "- Handled by: {}", who.join("; then "))?;
    }
    match &c.case_reference {
        Some(r) => writeln!(out, "- Case system: entered as {}", Esc(r)),
        None => writeln!(out, "- Case system: **not entered**"),
    }
}

/// What the day team must do and by when, overdue items flagged.
fn to_do(out: &mut String, c: &HandoverCall) -> fmt::Result {
    writeln!(out, "\n### For the day team\n")?;
    let flag = |overdue: bool| if overdue { " — **OVERDUE**" } else { "" };
    match (&c.to_do.pick_up_by, &c.case_reference) {
        (_, Some(_)) => writeln!(out, "- Already entered in the case system: follow it up there")?,
        (Some(by), None) => {
            writeln!(
                out,
                "- Pick up by {} (enter it in the case system){}",
                by.human(),
                flag(c.to_do.pick_up_overdue)
            )?;
        }
        (None, None) => writeln!(out, "- Pick up: as soon as possible (its due time cannot be worked out)")?,
    }
    for clock in &c.to_do.clocks {
        let due = clock.due_by.map_or_else(|| "(its due time cannot be worked out)".to_string(), |d| d.human());
        writeln!(out, "- {} due by {due}{}", Esc(&clock.name), flag(clock.overdue))?;
    }
    Ok(())
}

fn callback(out: &mut String, f: &Callback) -> fmt::Result {
    if f.anonymous {
        writeln!(out, "- Referrer: **anonymous** — do not name them to the family")?;
    }
    if f.is_empty() {
        if !f.anonymous {
            writeln!(out, "- Referrer: no callback details recorded")?;
        }
        return Ok(());
    }
    for (label, value) in [
        ("Referrer", &f.name),
        ("Role or relationship", &f.role_or_relationship),
        ("Agency", &f.agency),
        ("Callback number(s)", &f.numbers),
        ("When reachable", &f.when_reachable),
        ("Secure email", &f.secure_email),
    ] {
        if !value.trim().is_empty() {
            writeln!(out, "- {label}: {}", Esc(value))?;
        }
    }
    Ok(())
}
