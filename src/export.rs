//! The consultation record, from a call and its pack: Markdown to paste into
//! a case system, and JSON for machines. Pure: no clock, no disk.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use crate::call::details::{Age, Decision};
use crate::call::summary::summarise;
use crate::call::{Alert, Call};
use crate::hours::calendar::Calendar;
use crate::pack::{Pack, Span};
use crate::text::{clean, clean_line};

const GUIDANCE: &str = "The thresholds are guidance: the indicators are examples and professional judgement decides the level. The counts below are what was ticked, not a decision.";

#[derive(Debug, Clone, Serialize)]
pub struct TickJson {
    pub id: String,
    pub text: String,
    /// 1-based level; null for the immediate-referral list.
    pub level: Option<usize>,
    pub level_name: Option<String>,
    pub row: String,
    pub immediate: bool,
    pub ticked_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub level: usize,
    pub name: String,
    pub ticked: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlertJson {
    pub item: String,
    pub text: String,
    pub trigger: Option<String>,
    pub raised_at: String,
    pub line_shown: String,
    pub acknowledged_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionJson {
    pub level: Option<usize>,
    pub level_name: Option<String>,
    pub rationale: String,
    pub reason_for_change: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteJson {
    pub section: String,
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub record_id: String,
    pub pack_id: String,
    pub pack_title: String,
    pub pack_edition: Option<String>,
    pub app_version: String,
    pub timezone: String,
    pub simulated_clock: bool,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub guidance: String,
    pub ticked: Vec<TickJson>,
    pub tick_log: Vec<crate::call::TickEvent>,
    pub counts_per_level: Vec<LevelCount>,
    pub highest_level_indicated: Option<usize>,
    pub immediate_alerts: Vec<AlertJson>,
    pub details: crate::call::details::Details,
    pub child_age: Option<String>,
    pub consent_reason_text: Option<String>,
    pub scaling: Option<u8>,
    /// The pack's scale (lowest, highest), where it defines one.
    pub scaling_scale: Option<(u8, u8)>,
    pub decision: Option<DecisionJson>,
    pub decision_history: Vec<DecisionJson>,
    pub notes: Vec<NoteJson>,
    /// When the written referral is due, where the pack gives a timescale.
    pub written_referral_due_by: Option<String>,
    pub written_referral_rule: Option<String>,
}

fn zone(pack: &Pack) -> Tz {
    crate::hours::resolve::pack_zone(pack)
}

fn local(pack: &Pack, at: DateTime<Utc>) -> String {
    at.with_timezone(&zone(pack)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn text_of(pack: &Pack, id: &str) -> String {
    if let Some((_, _, _, i)) = pack.indicators().find(|(_, _, _, i)| i.id == id) {
        return clean_line(&i.text);
    }
    for item in &pack.immediate.items {
        if item.id == id {
            return clean_line(&item.text);
        }
        if let Some(sub) = item.sub.iter().find(|s| s.id == id) {
            return format!("{} — {}", clean_line(&item.text), clean_line(&sub.text));
        }
    }
    format!("(not in this pack: {id})")
}

fn decision_json(pack: &Pack, d: &Decision) -> DecisionJson {
    let level = d.level.as_deref().and_then(|id| pack.level_index(id));
    DecisionJson {
        level: level.map(|i| i + 1),
        level_name: level.map(|i| clean_line(&pack.levels[i].name)),
        rationale: clean(&d.rationale),
        reason_for_change: clean(&d.reason),
        at: local(pack, d.at),
    }
}

fn alert_json(pack: &Pack, a: &Alert) -> AlertJson {
    AlertJson {
        item: a.item.clone(),
        text: text_of(pack, &a.item),
        trigger: a.trigger.as_deref().map(|t| text_of(pack, t)),
        raised_at: local(pack, a.raised_at),
        line_shown: clean_line(&a.line_shown),
        acknowledged_at: a.acknowledged_at.map(|t| local(pack, t)),
    }
}

/// `at` moved on by a document's timescale; working days skip weekends and
/// the calendar's holidays.
pub fn due(at: DateTime<Utc>, span: Span, tz: Tz, calendar: Option<&Calendar>) -> DateTime<Utc> {
    match span {
        Span::Hours(n) => at + Duration::hours(i64::from(n)),
        Span::Weeks(n) => at + Duration::weeks(i64::from(n)),
        Span::WorkingDays(n) => {
            let mut day = at.with_timezone(&tz);
            let mut left = n;
            while left > 0 {
                day += Duration::days(1);
                let date = day.date_naive();
                let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
                if !weekend && calendar.and_then(|c| c.holiday_on(date)).is_none() {
                    left -= 1;
                }
            }
            day.with_timezone(&Utc)
        }
    }
}

pub fn record(pack: &Pack, call: &Call, record_id: &str, calendar: Option<&Calendar>) -> Record {
    let summary = summarise(pack, call);
    let placed = pack.placed_indicators();
    let ticked = call
        .ticked()
        .into_iter()
        .map(|(id, at)| {
            let place = placed.iter().find(|p| p.indicator.id == id);
            TickJson {
                id: id.to_string(),
                text: text_of(pack, id),
                level: place.map(|p| p.level + 1),
                level_name: place.map(|p| clean_line(&pack.levels[p.level].name)),
                row: place.map_or_else(|| "Immediate referral".to_string(), |p| clean_line(&p.row.name)),
                immediate: crate::call::summary::raises_alert(pack, id),
                ticked_at: local(pack, at),
            }
        })
        .collect();
    let headings: Vec<(String, String)> = pack
        .guidance
        .worry_questions
        .iter()
        .flat_map(|w| w.questions.iter())
        .map(|q| (q.id.clone(), clean_line(&q.text)))
        .chain(std::iter::once((crate::app::record::OTHER_NOTES.to_string(), "Other notes".to_string())))
        .collect();
    let notes = headings
        .into_iter()
        .filter_map(|(id, heading)| {
            let text = call.notes.get(&id).map(|t| clean(t)).filter(|t| !t.trim().is_empty())?;
            Some(NoteJson { section: id, heading, text })
        })
        .collect();
    let written = pack.guidance.referral.as_ref().and_then(|r| r.written_within.as_ref());
    let referred_at = call.alerts.first().map_or(call.started_at, |a| a.raised_at);
    let consent_reason_text = call.details.consent_reason.as_ref().and_then(|id| {
        pack.guidance
            .consent
            .iter()
            .flat_map(|c| c.exceptions.iter())
            .find(|e| &e.id == id)
            .map(|e| clean_line(&e.text))
    });
    Record {
        record_id: record_id.to_string(),
        pack_id: call.pack.id.clone(),
        pack_title: clean_line(&call.pack.title),
        pack_edition: call.pack.edition.as_deref().map(clean_line),
        app_version: call.app_version.clone(),
        timezone: pack.timezone.clone(),
        simulated_clock: call.simulated,
        started_at: local(pack, call.started_at),
        ended_at: call.ended_at.map(|t| local(pack, t)),
        guidance: GUIDANCE.to_string(),
        ticked,
        tick_log: call.events.clone(),
        counts_per_level: pack
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| LevelCount { level: i + 1, name: clean_line(&l.name), ticked: summary.per_level[i] })
            .collect(),
        highest_level_indicated: summary.highest.map(|i| i + 1),
        immediate_alerts: call.alerts.iter().map(|a| alert_json(pack, a)).collect(),
        details: call.details.clone(),
        child_age: call.details.age.map(Age::label),
        consent_reason_text,
        scaling: call.scaling,
        scaling_scale: pack.guidance.scaling().map(|s| (s.min, s.max)),
        decision: call.decision().map(|d| decision_json(pack, d)),
        decision_history: call.decisions.iter().map(|d| decision_json(pack, d)).collect(),
        notes,
        written_referral_due_by: written.map(|w| local(pack, due(referred_at, w.within, zone(pack), calendar))),
        written_referral_rule: written.map(|w| clean_line(&w.text)),
    }
}

pub fn json(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string())) + "\n"
}

fn or_dash(value: Option<&str>) -> &str {
    value.unwrap_or("—")
}

pub fn markdown(record: &Record) -> String {
    let r = record;
    let mut out = String::new();
    let edition = r.pack_edition.as_deref().map(|e| format!(" ({e})")).unwrap_or_default();
    let _ = writeln!(out, "# Consultation record — {}{edition}\n", r.pack_title);
    let _ = writeln!(out, "- Record: {}", r.record_id);
    let _ = writeln!(out, "- Pack: {} · dutygrid {}", r.pack_id, r.app_version);
    let _ = writeln!(out, "- Call started: {} · ended: {}", r.started_at, or_dash(r.ended_at.as_deref()));
    if r.simulated_clock {
        let _ = writeln!(out, "- **Simulated clock** (training): the times are not real.");
    }
    let _ = writeln!(out, "\n> {}\n", r.guidance);

    let _ = writeln!(out, "## Immediate protection");
    if r.immediate_alerts.is_empty() {
        let _ = writeln!(out, "\nNo immediate-referral item was ticked.\n");
    } else {
        let _ = writeln!(out);
        for a in &r.immediate_alerts {
            let trigger = a
                .trigger
                .as_deref()
                .filter(|t| *t != a.text)
                .map(|t| format!(" (immediate referral: {t})"))
                .unwrap_or_default();
            let ack = a.acknowledged_at.as_deref().map(|t| format!("; acknowledged {t}")).unwrap_or_default();
            let _ = writeln!(out, "- {} — {}{trigger}. Line shown: {}{ack}", a.raised_at, a.text, a.line_shown);
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Indicated by the ticks\n");
    let _ = writeln!(out, "| Level | Ticked |\n| --- | --- |");
    for c in &r.counts_per_level {
        let _ = writeln!(out, "| {} {} | {} |", c.level, c.name, c.ticked);
    }
    if let Some(h) = r.highest_level_indicated {
        let name = r.counts_per_level.get(h - 1).map_or("", |c| c.name.as_str());
        let _ = writeln!(out, "\nHighest level indicated: {h} {name} (guidance, not a decision).");
    }
    let _ = writeln!(out, "\n## Ticked ({})\n", r.ticked.len());
    let mut ticked: Vec<&TickJson> = r.ticked.iter().collect();
    ticked.sort_by_key(|t| std::cmp::Reverse(t.level.unwrap_or(usize::MAX)));
    for t in ticked {
        let level = t
            .level
            .map_or_else(|| "Immediate list".to_string(), |l| format!("{l} {}", or_dash(t.level_name.as_deref())));
        let mark = if t.immediate { " **[immediate referral]**" } else { "" };
        let _ = writeln!(out, "- {} · {} · {}: {}{mark}", t.ticked_at, level, t.row, t.text);
    }

    let d = &r.details;
    let _ = writeln!(out, "\n## Call details\n");
    let caller = d.caller.map_or("—", |c| c.label());
    let agency = if d.agency.is_empty() { String::new() } else { format!(" ({})", d.agency) };
    let _ = writeln!(out, "- Caller: {caller}{agency}");
    let _ = writeln!(out, "- Child's age: {}", or_dash(r.child_age.as_deref()));
    let _ = writeln!(out, "- Child is mobile: {}", d.mobile.map_or("—", |v| v.label()));
    let _ = writeln!(out, "- Child has a disability: {}", d.disabled.map_or("—", |v| v.label()));
    let _ = writeln!(out, "- Previous contacts known: {}", d.previous_contacts.map_or("—", |v| v.label()));
    let _ = writeln!(out, "- Consent: {}", d.consent.map_or("—", |v| v.label()));
    if let Some(reason) = &r.consent_reason_text {
        let _ = writeln!(out, "- Consent not sought because: {reason}");
    }
    if !d.consent_note.is_empty() {
        let _ = writeln!(out, "- Consent note: {}", d.consent_note);
    }
    if let Some(s) = r.scaling {
        let scale = r.scaling_scale.map(|(min, max)| format!(", {min}–{max}")).unwrap_or_default();
        let _ = writeln!(out, "- Scaling (how worried{scale}): {s}");
    }

    let _ = writeln!(out, "\n## Decision (the handler's professional judgement)\n");
    match &r.decision {
        Some(dec) => {
            let level = dec
                .level
                .map_or_else(|| "withdrawn".to_string(), |l| format!("{l} {}", or_dash(dec.level_name.as_deref())));
            let _ = writeln!(out, "Level judged: **{level}** — {} ({})", dec.rationale, dec.at);
        }
        None => {
            let _ = writeln!(out, "No decision recorded.");
        }
    }
    if r.decision_history.len() > 1 {
        let _ = writeln!(out, "\nHistory:\n");
        for dec in &r.decision_history {
            let level = dec
                .level
                .map_or_else(|| "withdrawn".to_string(), |l| format!("{l} {}", or_dash(dec.level_name.as_deref())));
            let why = if dec.reason_for_change.is_empty() {
                String::new()
            } else {
                format!(" — changed because: {}", dec.reason_for_change)
            };
            let _ = writeln!(out, "- {} · {level}: {}{why}", dec.at, dec.rationale);
        }
    }

    if !r.notes.is_empty() {
        let _ = writeln!(out, "\n## Notes");
        for n in &r.notes {
            let _ = writeln!(out, "\n### {}\n\n{}", n.heading, n.text);
        }
    }
    if let (Some(due), Some(rule)) = (&r.written_referral_due_by, &r.written_referral_rule) {
        let _ = writeln!(out, "\n## Written referral (MARF)\n\nDue by {due} (the document: {rule}).");
    }
    let _ = writeln!(out, "\n## Tick log\n");
    for e in &r.tick_log {
        let _ = writeln!(
            out,
            "- {} {} {}",
            e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            if e.ticked { "ticked" } else { "unticked" },
            e.id
        );
    }
    out
}
