//! The consultation record, from a call and its pack: Markdown to paste into
//! a case system, and JSON for machines. Pure: no clock, no disk.

mod handling;
mod handover_md;
mod household;
mod household_md;
mod markdown;

pub use household::{AdultJson, ChildJson, ConsentJson, HouseholdJson, ReferrerJson};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

pub use handling::{CaseReferenceJson, HandledJson};
pub use handover_md::{handover_json, handover_markdown};
pub use markdown::{Esc, markdown};

use crate::call::clocks::{Clock, ClockKind, Outcome, Rag, STARTS, Source, describe};
use crate::call::details::Decision;
use crate::call::summary::summarise;
use crate::call::{Alert, Call};
use crate::hours::calendar::Calendar;
use crate::hours::local::{LocalTime, OutOfRange};
use crate::pack::Pack;
use crate::pack::catalog::IMMEDIATE_ROW;
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
    /// The ids of the children it is about (see `children`); empty for the
    /// whole household.
    pub about_children: Vec<u32>,
    /// Their labels, in the same order.
    pub about: Vec<String>,
    /// Seen or heard by the referrer themselves, or told to them; null when
    /// not said.
    pub heard: Option<crate::call::household::Hearing>,
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
    pub heard: Option<crate::call::household::Hearing>,
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
    /// Each child, with the ticks about them and their own counts.
    pub children: Vec<ChildJson>,
    pub household: HouseholdJson,
    pub referrer: ReferrerJson,
    pub consent: ConsentJson,
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
    /// What the call led to: the outcomes standing and every change.
    pub outcome: OutcomeSection,
    /// What every clock counts from.
    pub clocks_start: String,
    /// The decision (once an urgency is set), the written referral and the
    /// feedback to the referrer, each with its due time and whether met.
    pub clocks: Vec<ClockJson>,
    /// Every change of the decision's urgency.
    pub urgency_history: Vec<UrgencyJson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClockJson {
    pub clock: ClockKind,
    pub name: String,
    pub starts: LocalTime,
    /// "within 1 working day".
    pub timescale: String,
    pub due_by: LocalTime,
    /// "document" or "dutygrid's default".
    pub source: String,
    /// The document's words, or what dutygrid's default is.
    pub source_words: String,
    /// "met", "not met" or "open".
    pub outcome: String,
    /// When it was done (marked, or the decision recorded).
    pub done_at: Option<LocalTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UrgencyJson {
    pub urgency: Option<Rag>,
    pub at: LocalTime,
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

pub use crate::call::clocks::due;

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
                about_children: call.household.about(id).to_vec(),
                about: household::about(call, id),
                heard: household::hearing_of_tick(call, id),
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
            let heard = call.household.heard_notes.get(&id).copied();
            Some(NoteJson { section: id, heading, text, heard })
        })
        .collect();
    let referral = pack.guidance.referral.as_ref();
    let written = referral.and_then(|r| r.written_within.as_ref());
    let clocks = crate::call::clocks::clocks(pack, call, calendar)
        .iter()
        .map(|c| clock_json(pack, c))
        .collect::<Result<Vec<_>, OutOfRange>>()?;
    let written_referral_due_by = clocks.iter().find(|c| c.clock == ClockKind::WrittenReferral).map(|c| c.due_by);
    // Built once: `consent_reason_text` repeats its exception's words for
    // readers of earlier exports.
    let consent = household::consent(pack, call);
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
            consent_by: clean(&call.details.consent_by),
            consent_covers: clean(&call.details.consent_covers),
            child_views: clean(&call.details.child_views),
            ..call.details.clone()
        },
        children: household::children(pack, call),
        household: household::household(call),
        referrer: household::referrer(call),
        consent_reason_text: consent.exception_text.clone(),
        consent,
        scaling: call.scaling,
        scaling_scale: pack.guidance.scaling().map(|s| (s.min, s.max)),
        decision: call.decision().map(|d| decision_json(pack, d)).transpose()?,
        decision_history: call.decisions.iter().map(|d| decision_json(pack, d)).collect::<Result<_, _>>()?,
        notes,
        written_referral_form: referral.and_then(|r| r.form_name.as_deref()).map(clean_line),
        written_referral_due_by,
        written_referral_rule: written.map(|w| clean_line(&w.text)),
        outcome: outcome_section(pack, call)?,
        clocks_start: STARTS.to_string(),
        clocks,
        urgency_history: call
            .clocks
            .urgency
            .iter()
            .map(|u| Ok(UrgencyJson { urgency: u.urgency, at: local(pack, u.at)? }))
            .collect::<Result<_, OutOfRange>>()?,
        handled_by,
        case_system_references,
        read_back_at,
    })
}

fn clock_json(pack: &Pack, c: &Clock) -> Result<ClockJson, OutOfRange> {
    let starts = local(pack, c.starts)?;
    let due_by = local(pack, c.due.ok_or_else(|| OutOfRange(starts.rfc3339()))?)?;
    let (outcome, done_at) = match c.outcome {
        Outcome::Met(at) => ("met", Some(local(pack, at)?)),
        Outcome::NotMet(at) => ("not met", Some(local(pack, at)?)),
        Outcome::Open => ("open", None),
    };
    let (source, source_words) = match &c.source {
        Source::Document(words) => ("document", clean_line(words)),
        Source::Default(words) => ("dutygrid's default", clean_line(words)),
    };
    Ok(ClockJson {
        clock: c.kind,
        name: clean_line(&c.name),
        starts,
        timescale: describe(c.span),
        due_by,
        source: source.to_string(),
        source_words,
        outcome: outcome.to_string(),
        done_at,
    })
}

pub fn json(record: &Record) -> String {
    serde_json::to_string_pretty(record).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string())) + "\n"
}

/// Where a caller was signposted, as shown when it was recorded.
#[derive(Debug, Clone, Serialize)]
pub struct SignpostJson {
    /// The pack's contact line id; null for a service typed in.
    pub line: Option<String>,
    pub shown: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeJson {
    pub number: u32,
    pub choice: String,
    pub label: String,
    pub signposted_to: Option<SignpostJson>,
    pub text: String,
    pub at: LocalTime,
    pub edited_at: Option<LocalTime>,
}

/// One change to the outcomes: "added", "edited" or "withdrawn".
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeChangeJson {
    pub number: u32,
    pub change: &'static str,
    /// The outcome's label, so a line reads on its own.
    pub label: String,
    pub signposted_to: Option<SignpostJson>,
    /// The text added or edited to; null for a withdrawal.
    pub text: Option<String>,
    pub reason: String,
    pub at: LocalTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeSection {
    /// The outcomes standing (not withdrawn), in the order added.
    pub current: Vec<OutcomeJson>,
    pub history: Vec<OutcomeChangeJson>,
}

fn signpost_json(s: &crate::call::outcome::Signpost) -> SignpostJson {
    SignpostJson { line: s.line.as_deref().map(clean_line), shown: clean_line(&s.shown) }
}

fn outcome_section(pack: &Pack, call: &Call) -> Result<OutcomeSection, OutOfRange> {
    use crate::call::outcome::Change;
    let outcomes = &call.outcomes;
    let current = outcomes
        .current()
        .map(|c| {
            Ok(OutcomeJson {
                number: c.number,
                choice: clean_line(&c.choice),
                label: clean_line(&c.label),
                signposted_to: c.signpost.as_ref().map(signpost_json),
                text: clean_line(&c.text),
                at: local(pack, c.at)?,
                edited_at: c.edited_at.map(|t| local(pack, t)).transpose()?,
            })
        })
        .collect::<Result<_, OutOfRange>>()?;
    let history = outcomes
        .history
        .iter()
        .map(|h| {
            let chosen = outcomes.get(h.number);
            let (change, text, signpost) = match &h.change {
                Change::Add { text, signpost, .. } => ("added", Some(text), signpost.as_ref()),
                Change::Edit { text } => ("edited", Some(text), None),
                Change::Withdraw => ("withdrawn", None, None),
            };
            let label = match &h.change {
                Change::Add { label, .. } => label.as_str(),
                _ => chosen.map_or("", |c| c.label.as_str()),
            };
            Ok(OutcomeChangeJson {
                number: h.number,
                change,
                label: clean_line(label),
                signposted_to: signpost.map(signpost_json),
                text: text.map(|t| clean_line(t)),
                reason: clean_line(&h.reason),
                at: local(pack, h.at)?,
            })
        })
        .collect::<Result<_, OutOfRange>>()?;
    Ok(OutcomeSection { current, history })
}
