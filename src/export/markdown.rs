//! The Markdown export. Every value that came from a person or a pack is
//! escaped, and notes are fenced, so typed text can never add a heading, a
//! table row, a link or HTML to the record: its structure is dutygrid's.

use std::fmt::{self, Display, Write as _};

use super::{ClockJson, DecisionJson, Record, TickJson};
use crate::call::clocks::ClockKind;

/// A one-line value as literal Markdown text: control characters removed,
/// line breaks shown as " ⏎ ", every character that could start markup
/// backslash-escaped, and a leading block marker (`-`, `+`, `=`, `1.`)
/// neutralised.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = crate::text::clean(self.0).replace('\n', " ⏎ ");
        let text = text.trim_start();
        // Every value follows dutygrid's own words on its line, so block
        // markers are inert; they are escaped anyway, in case a value ever
        // starts a line. "1. " or "12)" would begin an ordered list ("0.1.0"
        // would not).
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        let mut after = text[digits..].chars();
        let numbered =
            digits > 0 && matches!(after.next(), Some('.' | ')')) && after.next().is_none_or(char::is_whitespace);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let leading = i == 0 && matches!(c, '-' | '+' | '=');
            let number_mark = numbered && i == digits;
            // "&amp;" or "&#35;" would be read as an entity; "Children & Families" not.
            let entity = c == '&' && chars.peek().is_some_and(|(_, n)| n.is_ascii_alphanumeric() || *n == '#');
            if leading || number_mark || entity || is_markup(c) {
                f.write_char('\\')?;
            }
            f.write_char(c)?;
        }
        Ok(())
    }
}

/// Characters that are markup wherever they stand (CommonMark and the GFM
/// table and strikethrough extensions).
fn is_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~')
}

/// A multi-line text as a fenced block whose fence is longer than any run
/// of backticks in it, so no line of the text can close it.
fn fenced(out: &mut String, text: &str) -> fmt::Result {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    writeln!(out, "{fence}text")?;
    for line in crate::text::clean(text).lines() {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{fence}")
}

fn or_dash(value: Option<&str>) -> Esc<'_> {
    Esc(value.unwrap_or("—"))
}

fn level_of(level: Option<usize>, name: Option<&str>) -> String {
    level.map_or_else(|| "withdrawn".to_string(), |l| format!("{l} {}", or_dash(name)))
}

pub fn markdown(record: &Record) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; whatever was written is returned.
    let _ = write(&mut out, record);
    out
}

fn write(out: &mut String, r: &Record) -> fmt::Result {
    let edition = r.pack_edition.as_deref().map(|e| format!(" ({})", Esc(e))).unwrap_or_default();
    let simulated = if r.simulated_clock { "SIMULATED — " } else { "" };
    writeln!(out, "# {simulated}Consultation record — {}{edition}\n", Esc(&r.pack_title))?;
    if r.simulated_clock {
        writeln!(out, "**SIMULATED**: made on a simulated clock (training). The times are not real.\n")?;
    }
    writeln!(out, "- Record: {}", Esc(&r.record_id))?;
    writeln!(out, "- Pack: {} · dutygrid {}", Esc(&r.pack_id), Esc(&r.app_version))?;
    let ended = r.ended_at.map_or_else(|| "—".to_string(), |t| t.human());
    writeln!(out, "- Call started: {} · ended: {ended}", r.started_at.human())?;
    super::handling::markdown(out, r)?;
    writeln!(out, "\n> {}\n", r.guidance)?;

    writeln!(out, "## Immediate protection")?;
    if r.immediate_alerts.is_empty() {
        writeln!(out, "\nNo immediate-referral item was ticked.\n")?;
    } else {
        writeln!(out)?;
        for a in &r.immediate_alerts {
            let trigger = a
                .trigger
                .as_deref()
                .filter(|t| *t != a.text)
                .map(|t| format!(" (immediate referral: {})", Esc(t)))
                .unwrap_or_default();
            let ack = a.acknowledged_at.map(|t| format!("; acknowledged {}", t.human())).unwrap_or_default();
            let (at, text, line) = (a.raised_at.human(), Esc(&a.text), Esc(&a.line_shown));
            writeln!(out, "- {at} — {text}{trigger}. Line shown: {line}{ack}")?;
        }
        writeln!(out)?;
    }

    indicated(out, r)?;
    super::household_md::children(out, r)?;
    writeln!(out, "\n## Ticked ({})\n", r.ticked.len())?;
    let mut ticked: Vec<&TickJson> = r.ticked.iter().collect();
    crate::sort::sort_by_key(&mut ticked, |t| std::cmp::Reverse(t.level.unwrap_or(usize::MAX)));
    for t in ticked {
        let level = t
            .level
            .map_or_else(|| "Immediate list".to_string(), |l| format!("{l} {}", or_dash(t.level_name.as_deref())));
        let mark = if t.immediate { " **[immediate referral]**" } else { "" };
        let about = if t.about.is_empty() {
            String::new()
        } else {
            format!(" — about: {}", t.about.iter().map(|a| Esc(a).to_string()).collect::<Vec<_>>().join(", "))
        };
        let heard = t.heard.map(|h| format!(" ({})", h.label())).unwrap_or_default();
        writeln!(out, "- {} · {} · {}: {}{mark}{about}{heard}", t.ticked_at.human(), level, Esc(&t.row), Esc(&t.text))?;
    }

    super::household_md::household(out, r)?;
    super::household_md::referrer(out, r)?;
    super::household_md::consent(out, r)?;
    details(out, r)?;
    decision(out, r)?;
    outcome(out, r)?;

    if !r.notes.is_empty() {
        writeln!(out, "\n## Notes")?;
        for n in &r.notes {
            let heard = n.heard.map(|h| format!(" ({})", h.label())).unwrap_or_default();
            writeln!(out, "\n### {}{heard}\n", Esc(&n.heading))?;
            fenced(out, &n.text)?;
        }
    }
    clocks(out, r)?;
    writeln!(out, "\n## Tick log\n")?;
    for e in &r.tick_log {
        writeln!(out, "- {} {} {}", e.at.human(), if e.ticked { "ticked" } else { "unticked" }, Esc(&e.id))?;
    }
    Ok(())
}

/// The counts, led by the alarm when anything raising it is ticked.
fn indicated(out: &mut String, r: &Record) -> fmt::Result {
    let name_of = |h: usize| r.counts_per_level.get(h.wrapping_sub(1)).map_or("", |c| c.name.as_str());
    writeln!(out, "## Indicated by the ticks\n")?;
    let alert = r.immediate_referral_items > 0;
    if let Some(h) = r.highest_level_indicated.filter(|_| alert) {
        let n = r.immediate_referral_items;
        let items = if n == 1 { "1 item".to_string() } else { format!("{n} items") };
        writeln!(
            out,
            "**Immediate referral indicated ({items}).** Highest level indicated: {h} {} (guidance, not a decision).\n",
            Esc(name_of(h))
        )?;
    }
    writeln!(out, "| Level | Ticked |\n| --- | --- |")?;
    for c in &r.counts_per_level {
        writeln!(out, "| {} {} | {} |", c.level, Esc(&c.name), c.ticked)?;
    }
    match (alert, r.highest_level_indicated, r.highest_level_ticked) {
        (true, _, Some(t)) => writeln!(out, "\nHighest level ticked on the grid: {t} {}.", Esc(name_of(t))),
        (false, Some(h), _) => {
            writeln!(out, "\nHighest level indicated: {h} {} (guidance, not a decision).", Esc(name_of(h)))
        }
        _ => Ok(()),
    }
}

fn details(out: &mut String, r: &Record) -> fmt::Result {
    let d = &r.details;
    writeln!(out, "\n## Other details\n")?;
    writeln!(out, "- Previous contacts known: {}", d.previous_contacts.map_or("—", |v| v.label()))?;
    if let Some(s) = r.scaling {
        let scale = r.scaling_scale.map(|(min, max)| format!(", {min}–{max}")).unwrap_or_default();
        writeln!(out, "- Scaling (how worried{scale}): {s}")?;
    }
    Ok(())
}

fn decision(out: &mut String, r: &Record) -> fmt::Result {
    writeln!(out, "\n## Decision (the handler's professional judgement)\n")?;
    let level = |d: &DecisionJson| level_of(d.level, d.level_name.as_deref());
    match &r.decision {
        Some(dec) => writeln!(out, "Level judged: **{}** — {} ({})", level(dec), Esc(&dec.rationale), dec.at.human())?,
        None => writeln!(out, "No decision recorded.")?,
    }
    if r.decision_history.len() > 1 {
        writeln!(out, "\nHistory:\n")?;
        for dec in &r.decision_history {
            let why = if dec.reason_for_change.is_empty() {
                String::new()
            } else {
                format!(" — changed because: {}", Esc(&dec.reason_for_change))
            };
            writeln!(out, "- {} · {}: {}{why}", dec.at.human(), level(dec), Esc(&dec.rationale))?;
        }
    }
    Ok(())
}

fn outcome(out: &mut String, r: &Record) -> fmt::Result {
    writeln!(out, "\n## Outcome\n")?;
    let o = &r.outcome;
    if o.current.is_empty() {
        writeln!(out, "No outcome recorded.")?;
    }
    for c in &o.current {
        let to = c.signposted_to.as_ref().map(|s| format!(" — to {}", Esc(&s.shown))).unwrap_or_default();
        let text = if c.text.is_empty() { String::new() } else { format!(": {}", Esc(&c.text)) };
        let edited = c.edited_at.map(|t| format!(" (text edited {})", t.human())).unwrap_or_default();
        writeln!(out, "- {} · **{}**{to}{text}{edited}", c.at.human(), Esc(&c.label))?;
    }
    if !o.history.is_empty() {
        writeln!(out, "\nHistory:\n")?;
        for h in &o.history {
            let to = h.signposted_to.as_ref().map(|s| format!(" — to {}", Esc(&s.shown))).unwrap_or_default();
            let text = h.text.as_deref().filter(|t| !t.is_empty()).map(|t| format!(": {}", Esc(t))).unwrap_or_default();
            let why = if h.reason.is_empty() { String::new() } else { format!(" — because: {}", Esc(&h.reason)) };
            writeln!(out, "- {} · {} {} ({}){to}{text}{why}", h.at.human(), h.change, h.number, Esc(&h.label))?;
        }
    }
    Ok(())
}
/// Every clock with its local due time, its source and whether it was met.
fn clocks(out: &mut String, r: &Record) -> fmt::Result {
    writeln!(out, "\n## Clocks\n\n{}\n", r.clocks_start)?;
    match r.urgency_history.last() {
        Some(u) => {
            let now = u.urgency.map_or("not set", |u| u.label());
            writeln!(out, "- Decision urgency (the handler's): {now} ({})", u.at.human())?;
        }
        None => writeln!(out, "- Decision urgency: not set, so no decision clock")?,
    }
    for c in &r.clocks {
        writeln!(out, "- {}", clock_line(c))?;
    }
    if r.urgency_history.len() > 1 {
        let changes: Vec<String> = r
            .urgency_history
            .iter()
            .map(|u| format!("{} {}", u.at.human(), u.urgency.map_or("not set", |u| u.label())))
            .collect();
        writeln!(out, "\nUrgency history: {}.", changes.join("; "))?;
    }
    Ok(())
}

fn clock_line(c: &ClockJson) -> String {
    let name = match c.clock {
        ClockKind::WrittenReferral if c.name != "Written referral" => format!("Written referral ({})", Esc(&c.name)),
        _ => Esc(&c.name).to_string(),
    };
    let source = if c.source == "document" {
        format!("the document: \u{201c}{}\u{201d}", Esc(&c.source_words))
    } else {
        format!("dutygrid's default: {}", Esc(&c.source_words))
    };
    let outcome = match &c.done_at {
        Some(at) => format!("**{}** (done {})", c.outcome, at.human()),
        None => format!("**{}**", c.outcome),
    };
    format!("{name}: due by {} — {} ({source}) — {outcome}", c.due_by.human(), c.timescale)
}
