//! The consultation record, from a call and its pack: Markdown to paste into
//! a case system, and JSON for machines. Pure: no clock, no disk.

mod handling;
mod markdown;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

pub use handling::{CaseReferenceJson, HandledJson};
pub use markdown::{Esc, markdown};

use crate::call::details::{Age, Decision};
use crate::call::summary::summarise;
use crate::call::{Alert, Call};
use crate::hours::calendar::Calendar;
use crate::hours::local::{LocalTime, OutOfRange};
use crate::pack::catalog::IMMEDIATE_ROW;
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
    pub ticked_at: LocalTime,
}

/// One tick or untick, as it happened, at local time.
#[derive(Debug, Clone, Serialize)]
pub struct TickLogJson {
    pub id: String,
    pub ticked: bool,
    pub at: LocalTime,
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
    pub raised_at: LocalTime,
    pub line_shown: String,
    pub acknowledged_at: Option<LocalTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionJson {
    pub level: Option<usize>,
    pub level_name: Option<String>,
    pub rationale: String,
    pub reason_for_change: String,
    pub at: LocalTime,
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
    pub started_at: LocalTime,
    pub ended_at: Option<LocalTime>,
    pub guidance: String,
    pub ticked: Vec<TickJson>,
    pub tick_log: Vec<TickLogJson>,
    /// Ticked items that raise the immediate-protection alert; when any is,
    /// the highest level indicated is the protection level.
    pub immediate_referral_items: usize,
    /// 1-based, alarm included: never lower than the protection level when
    /// an immediate-referral item is ticked.
    pub highest_level_indicated: Option<usize>,
    /// 1-based: the highest level with a grid tick.
    pub highest_level_ticked: Option<usize>,
    pub counts_per_level: Vec<LevelCount>,
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
    /// What the document calls the written referral ("MARF"), if it names it.
    pub written_referral_form: Option<String>,
    /// When the written referral is due, where the pack gives a timescale.
    pub written_referral_due_by: Option<LocalTime>,
    pub written_referral_rule: Option<String>,
    /// Who handled the call, in order: the first as it began, then changes.
    pub handled_by: Vec<HandledJson>,
    /// Each case-system reference marked, in order; the last is current.
    pub case_system_references: Vec<CaseReferenceJson>,
    /// When the read-back was shown before the call was ended from it.
    pub read_back_at: Vec<LocalTime>,
}

fn zone(pack: &Pack) -> Tz {
    crate::pack::resolve::pack_zone(pack)
}

fn local(pack: &Pack, at: DateTime<Utc>) -> Result<LocalTime, OutOfRange> {
    LocalTime::new(at, zone(pack))
}

fn text_of(pack: &Pack, id: &str) -> String {
    pack.catalog().get(id).map_or_else(|| format!("(not in this pack: {id})"), |e| e.full_text.clone())
}

fn decision_json(pack: &Pack, d: &Decision) -> Result<DecisionJson, OutOfRange> {
    let level = d.level.as_deref().and_then(|id| pack.level_index(id));
    Ok(DecisionJson {
        level: level.map(|i| i + 1),
        level_name: level.map(|i| clean_line(&pack.levels[i].name)),
        rationale: clean(&d.rationale),
        reason_for_change: clean(&d.reason),
        at: local(pack, d.at)?,
    })
}

fn alert_json(pack: &Pack, a: &Alert) -> Result<AlertJson, OutOfRange> {
    Ok(AlertJson {
        item: clean_line(&a.item),
        text: text_of(pack, &a.item),
        trigger: a.trigger.as_deref().map(|t| text_of(pack, t)),
        raised_at: local(pack, a.raised_at)?,
        line_shown: clean_line(&a.line_shown),
        acknowledged_at: a.acknowledged_at.map(|t| local(pack, t)).transpose()?,
    })
}

/// `at` moved on by a document's timescale: working days skip weekends and
/// the calendar's holidays, counted on local dates (see
/// [`crate::hours::working`]); `None` only for a time out of range.
pub fn due(at: DateTime<Utc>, span: Span, tz: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    crate::hours::working::after(at, span, tz, calendar)
}

/// The record of a call, or which of its times is out of range (a damaged
/// or hostile journal).
pub fn record(pack: &Pack, call: &Call, record_id: &str, calendar: Option<&Calendar>) -> Result<Record, OutOfRange> {
    let summary = summarise(pack, call);
    let catalog = pack.catalog();
    let ticked = call
        .ticked()
        .into_iter()
        .map(|(id, at)| {
            let entry = catalog.get(id);
            let level = entry.and_then(|e| e.level);
            Ok(TickJson {
                id: clean_line(id),
                text: text_of(pack, id),
                level: level.map(|l| l + 1),
                level_name: level.and_then(|l| pack.levels.get(l)).map(|l| clean_line(&l.name)),
                row: entry.map_or(IMMEDIATE_ROW, |e| e.row.as_str()).to_string(),
                immediate: entry.is_some_and(|e| e.alert),
                ticked_at: local(pack, at)?,
            })
        })
        .collect::<Result<Vec<_>, OutOfRange>>()?;
    let headings: Vec<(String, String)> = pack
        .guidance
        .worry_questions
        .iter()
        .flat_map(|w| w.questions.iter())
        .map(|q| (q.id.clone(), clean_line(&q.text)))
        .chain(std::iter::once((crate::call::OTHER_NOTES.to_string(), "Other notes".to_string())))
        .collect();
    let notes = headings
        .into_iter()
        .filter_map(|(id, heading)| {
            let text = call.notes.get(&id).map(|t| clean(t)).filter(|t| !t.trim().is_empty())?;
            Some(NoteJson { section: id, heading, text })
        })
        .collect();
    let referral = pack.guidance.referral.as_ref();
    let written = referral.and_then(|r| r.written_within.as_ref());
    let written_referral_due_by = match written {
        Some(w) => {
            let at = due(referred_at(call), w.within, zone(pack), calendar);
            Some(local(pack, at.ok_or_else(|| OutOfRange(referred_at(call).to_string()))?)?)
        }
        None => None,
    };
    let consent_reason_text = call.details.consent_reason.as_ref().and_then(|id| {
        pack.guidance
            .consent
            .iter()
            .flat_map(|c| c.exceptions.iter())
            .find(|e| &e.id == id)
            .map(|e| clean_line(&e.text))
    });
    let tick_log = call
        .events
        .iter()
        .map(|e| Ok(TickLogJson { id: clean_line(&e.id), ticked: e.ticked, at: local(pack, e.at)? }))
        .collect::<Result<Vec<_>, OutOfRange>>()?;
    let (handled_by, case_system_references, read_back_at) = handling::handling(pack, call)?;
    Ok(Record {
        record_id: clean_line(record_id),
        pack_id: call.pack.id.clone(),
        pack_title: clean_line(&call.pack.title),
        pack_edition: call.pack.edition.as_deref().map(clean_line),
        app_version: call.app_version.clone(),
        timezone: pack.timezone.clone(),
        simulated_clock: call.simulated,
        started_at: local(pack, call.started_at)?,
        ended_at: call.ended_at.map(|t| local(pack, t)).transpose()?,
        guidance: GUIDANCE.to_string(),
        ticked,
        tick_log,
        immediate_referral_items: summary.alert_items,
        highest_level_indicated: summary.highest.map(|i| i + 1),
        highest_level_ticked: summary.highest_ticked.map(|i| i + 1),
        counts_per_level: pack
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| LevelCount { level: i + 1, name: clean_line(&l.name), ticked: summary.per_level[i] })
            .collect(),
        immediate_alerts: call.alerts.iter().map(|a| alert_json(pack, a)).collect::<Result<_, _>>()?,
        // Typed text, cleaned like every other value: serde_json escapes
        // C0 controls but passes C1 controls and bidi overrides through.
        details: crate::call::details::Details {
            agency: clean(&call.details.agency),
            consent_note: clean(&call.details.consent_note),
            consent_reason: call.details.consent_reason.as_deref().map(clean),
            ..call.details.clone()
        },
        child_age: call.details.age.map(Age::label),
        consent_reason_text,
        scaling: call.scaling,
        scaling_scale: pack.guidance.scaling().map(|s| (s.min, s.max)),
        decision: call.decision().map(|d| decision_json(pack, d)).transpose()?,
        decision_history: call.decisions.iter().map(|d| decision_json(pack, d)).collect::<Result<_, _>>()?,
        notes,
        written_referral_form: referral.and_then(|r| r.form_name.as_deref()).map(clean_line),
        written_referral_due_by,
        written_referral_rule: written.map(|w| clean_line(&w.text)),
        handled_by,
        case_system_references,
        read_back_at,
    })
}

/// A phone referral is made when the alert is raised, or else at the start.
fn referred_at(call: &Call) -> DateTime<Utc> {
    call.alerts.first().map_or(call.started_at, |a| a.raised_at)
}

pub fn json(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string())) + "\n"
}
