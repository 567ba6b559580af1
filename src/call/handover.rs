//! The shift's handover to the day team: every call since the shift began,
//! the most urgent first, each with what the day team must do and by when.
//! Built once from the records (read through [`super::shift`]); the
//! Markdown and the JSON both show this, so they cannot disagree. Times are
//! [`LocalTime`]s in each call's pack zone, so every time a person reads
//! names its zone. No terminal code; `now` is passed in.

use std::cmp::Ordering;
use std::path::Path;

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::Call;
use super::clocks::{ClockKind, Rag};
use super::details::{CallerType, YesNoUnknown};
use super::shift::{CallRow, ClockState, Packs, next_working_morning};
use super::store::{Record, Store};
use crate::config::Config;
use crate::hours::calendar::Calendar;
use crate::hours::local::{LocalTime, OutOfRange};
use crate::pack::Pack;
use crate::pack::library::{DEFAULT_PACK, Library};
use crate::text::clean_line;

/// The handover, as the Markdown and the JSON give it.
#[derive(Debug, Clone, Serialize)]
pub struct Handover {
    /// The packs the calls were taken on, each once, in the calls' order.
    pub packs: Vec<PackJson>,
    /// The zone the period and `made_at` are read in.
    pub timezone: String,
    /// The period covered: calls started from `since` up to `until`.
    pub since: LocalTime,
    pub until: LocalTime,
    pub made_at: LocalTime,
    /// Made as if the time were `made_at` (`--at`), not at the real time.
    pub simulated_clock: bool,
    /// Who made it: the handler from the config, or "not set".
    pub made_by: String,
    /// The local time on the next working morning by which the day team
    /// must have each call ("09:00").
    pub handover_by: String,
    pub counts: Counts,
    /// Most urgent first (see [`order`]).
    pub calls: Vec<HandoverCall>,
    /// Records that could not be read far enough to know their call: listed
    /// so none is dropped unseen.
    pub damaged: Vec<DamagedJson>,
    /// Real calls started before the period that are still open or not
    /// entered in the case system: the day team inherits them too.
    pub earlier: Vec<EarlierJson>,
}

/// A call from before the period still waiting on someone.
#[derive(Debug, Clone, Serialize)]
pub struct EarlierJson {
    pub record_id: String,
    pub started_at: LocalTime,
    pub open: bool,
    pub entered: bool,
    pub alert: bool,
    /// "Baby, 4 months".
    pub children: Vec<String>,
    /// When the day team was due to have it.
    pub pick_up_by: Option<LocalTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackJson {
    pub id: String,
    pub title: String,
    pub edition: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub calls: usize,
    /// Calls with an immediate-protection alert.
    pub alerts: usize,
    /// Calls not yet ended.
    pub open: usize,
    /// Calls not yet marked entered in the case system.
    pub not_entered: usize,
    /// Calls with something past due: a clock, or the pick-up itself.
    pub overdue: usize,
    /// Calls made on a simulated clock (training), counted in `calls` too.
    pub simulated: usize,
    pub damaged: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoverCall {
    pub record_id: String,
    pub pack_id: String,
    pub timezone: String,
    pub started_at: LocalTime,
    pub ended_at: Option<LocalTime>,
    /// Not ended yet: someone may still be on it, or it was left open.
    pub open: bool,
    /// Made on a simulated clock (training): not a real call.
    pub simulated: bool,
    pub alert: bool,
    pub alerts: Vec<AlertJson>,
    /// The handler's red / amber / green, if set.
    pub urgency: Option<Rag>,
    /// 1-based, the alert included.
    pub highest_level_indicated: Option<usize>,
    pub highest_level_name: Option<String>,
    pub children: Vec<ChildJson>,
    /// The immediate items first, then the highest level first.
    pub ticked: Vec<TickJson>,
    pub outcomes: Vec<OutcomeJson>,
    /// What the day team must do and by when.
    pub to_do: ToDo,
    /// Who handled it, in order: the first as it began, then changes.
    pub handled_by: Vec<String>,
    pub callback: Callback,
    /// The case-system reference it was marked entered under; null if not.
    pub case_reference: Option<String>,
    /// Why part of the record could not be read; what was read is shown.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlertJson {
    pub text: String,
    pub raised_at: LocalTime,
    /// The number the app showed to ring.
    pub line_shown: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChildJson {
    pub label: String,
    /// "4 months", "6 years", "unborn"; null when not given.
    pub age: Option<String>,
}

impl ChildJson {
    fn name_and_age(&self) -> String {
        match &self.age {
            Some(age) => format!("{}, {age}", self.label),
            None => self.label.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TickJson {
    pub id: String,
    /// The document's text.
    pub text: String,
    /// 1-based; null for the immediate-referral list.
    pub level: Option<usize>,
    pub level_name: Option<String>,
    pub row: String,
    /// Raises the immediate-protection alert.
    pub immediate: bool,
    /// The children it is about, by label; empty for the whole household.
    pub about: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeJson {
    pub label: String,
    pub signposted_to: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ToDo {
    /// The next working morning at the handover time, counted from the
    /// call's start with the pack's calendar.
    pub pick_up_by: Option<LocalTime>,
    /// Past `pick_up_by` and still not entered in the case system.
    pub pick_up_overdue: bool,
    /// The clocks still to be done, soonest first.
    pub clocks: Vec<ClockJson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClockJson {
    pub clock: ClockKind,
    pub name: String,
    pub due_by: Option<LocalTime>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Callback {
    /// The caller asked not to be named, or rang as anonymous.
    pub anonymous: bool,
    pub name: String,
    pub role_or_relationship: String,
    pub agency: String,
    pub numbers: String,
    pub when_reachable: String,
    pub secure_email: String,
}

impl Callback {
    /// Nothing recorded to ring back on.
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.role_or_relationship, &self.agency, &self.numbers, &self.when_reachable, &self.secure_email]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DamagedJson {
    pub record_id: String,
    pub problem: String,
}

impl HandoverCall {
    /// Anything past due: a clock, or the pick-up itself.
    pub fn overdue(&self) -> bool {
        self.to_do.pick_up_overdue || self.to_do.clocks.iter().any(|c| c.overdue)
    }

    fn next_due(&self) -> Option<DateTime<Utc>> {
        self.to_do.clocks.iter().filter_map(|c| c.due_by.map(|d| d.utc())).min()
    }
}

/// The handover of the calls started from `since` to `now`, in the records
/// folder `dir` and its training folder.
/// Out of range only when `since` or `now` is a time no record may hold.
pub fn build(
    library: &Library,
    dir: &Path,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<Handover, OutOfRange> {
    let mut packs = Packs::new(library);
    let zone = desk_zone(&mut packs, config);
    let morning = config.handover_by();
    let mut calls = Vec::new();
    let mut damaged = Vec::new();
    let mut earlier = Vec::new();
    for (folder, training) in [(dir.to_path_buf(), false), (dir.join("training"), true)] {
        if !folder.is_dir() {
            continue;
        }
        let Ok(store) = Store::open(&folder) else { continue };
        for record in store.records() {
            let row = packs.row(&record, training, now);
            match call_of(&mut packs, &record, &row, morning, now) {
                Some(call) if row.started.is_some_and(|s| s >= since && s <= now) => calls.push(call),
                Some(call) if row.started.is_some_and(|s| s < since) && !call.simulated => {
                    if call.open || call.case_reference.is_none() {
                        earlier.push(EarlierJson {
                            record_id: call.record_id.clone(),
                            started_at: call.started_at,
                            open: call.open,
                            entered: call.case_reference.is_some(),
                            alert: call.alert,
                            children: call.children.iter().map(ChildJson::name_and_age).collect(),
                            pick_up_by: call.to_do.pick_up_by,
                        });
                    }
                }
                Some(_) => {}
                None => damaged.push(DamagedJson {
                    record_id: clean_line(&record.id),
                    problem: row.problem.unwrap_or_else(|| "it cannot be read".into()),
                }),
            }
        }
    }
    crate::sort::sort_by(&mut calls, order);
    crate::sort::sort_by(&mut damaged, |a, b| a.record_id.cmp(&b.record_id));
    // Oldest first: the longest waiting.
    crate::sort::sort_by_key(&mut earlier, |e| e.started_at.utc());
    let mut stamps: Vec<PackJson> = Vec::new();
    for call in &calls {
        if stamps.iter().all(|p| p.id != call.pack_id)
            && let Some((pack, _)) = packs.get(&call.pack_id)
        {
            stamps.push(PackJson {
                id: clean_line(&pack.id),
                title: clean_line(&pack.title),
                edition: pack.edition.as_deref().map(clean_line),
            });
        }
    }
    let counts = Counts {
        calls: calls.len(),
        alerts: calls.iter().filter(|c| c.alert).count(),
        open: calls.iter().filter(|c| c.open).count(),
        not_entered: calls.iter().filter(|c| c.case_reference.is_none()).count(),
        overdue: calls.iter().filter(|c| c.overdue()).count(),
        simulated: calls.iter().filter(|c| c.simulated).count(),
        damaged: damaged.len(),
    };
    let made_by = config.handler.as_ref().map(|h| h.describe()).filter(|h| !h.is_empty());
    Ok(Handover {
        packs: stamps,
        timezone: zone.name().to_string(),
        since: LocalTime::new(since, zone)?,
        until: LocalTime::new(now, zone)?,
        made_at: LocalTime::new(now, zone)?,
        simulated_clock: false,
        made_by: made_by.unwrap_or_else(|| "not set".into()),
        handover_by: morning.format("%H:%M").to_string(),
        counts,
        calls,
        damaged,
        earlier,
    })
}

/// The zone of the desk's own pack (the config's, else the default), in
/// which a typed `--since` and the handover's own times are read.
pub fn desk_zone(packs: &mut Packs, config: &Config) -> Tz {
    let id = config.pack.as_deref().unwrap_or(DEFAULT_PACK);
    if let Some((pack, _)) = packs.get(id) {
        return crate::pack::resolve::pack_zone(pack);
    }
    packs.get(DEFAULT_PACK).map_or(chrono_tz::Europe::London, |(pack, _)| crate::pack::resolve::pack_zone(pack))
}

/// Real calls before training ones; among them, calls with an immediate alert first, then by urgency (red, amber, green,
/// none), then the earliest due clock still to be done, then the earliest
/// start.
pub fn order(a: &HandoverCall, b: &HandoverCall) -> Ordering {
    let rank = |c: &HandoverCall| match c.urgency {
        Some(Rag::Red) => 0,
        Some(Rag::Amber) => 1,
        Some(Rag::Green) => 2,
        None => 3,
    };
    // A call with no clock due goes after those with one.
    let due = |c: &HandoverCall| (c.next_due().is_none(), c.next_due());
    // Training calls are not the day team's: after every real one.
    a.simulated
        .cmp(&b.simulated)
        .then_with(|| b.alert.cmp(&a.alert))
        .then_with(|| rank(a).cmp(&rank(b)))
        .then_with(|| due(a).cmp(&due(b)))
        .then_with(|| a.started_at.utc().cmp(&b.started_at.utc()))
        .then_with(|| a.record_id.cmp(&b.record_id))
}

/// The call of a record, or `None` when not even its start can be read.
fn call_of(
    packs: &mut Packs,
    record: &Record,
    row: &CallRow,
    morning: NaiveTime,
    now: DateTime<Utc>,
) -> Option<HandoverCall> {
    let call = &record.replayed.as_ref().ok()?.call;
    let zone = row.zone;
    let local = |at: DateTime<Utc>| LocalTime::new(at, zone).ok();
    let started_at = local(row.started?)?;
    let opened = packs.get(&call.pack.id);
    let pack = opened.map(|(pack, _)| pack);
    let calendar: Option<&Calendar> = opened.and_then(|(_, c)| c.as_ref());
    let pick_up_by = next_working_morning(call.started_at, morning, zone, calendar);
    let mut clocks: Vec<ClockJson> = row
        .clocks
        .iter()
        .filter(|c| c.state.is_outstanding())
        .map(|c| ClockJson {
            clock: c.kind,
            // The short name suits a screen; the day team reads who it is owed to.
            name: if c.kind == ClockKind::Feedback { "Feedback to the referrer".into() } else { c.name.clone() },
            due_by: c.due.and_then(local),
            overdue: c.state == ClockState::Overdue,
        })
        .collect();
    crate::sort::sort_by_key(&mut clocks, |c| (c.due_by.is_none(), c.due_by.map(|d| d.utc())));
    let highest_level_name =
        row.highest_level.and_then(|h| pack.and_then(|p| p.levels.get(h - 1))).map(|l| clean_line(&l.name));
    Some(HandoverCall {
        record_id: clean_line(&row.id),
        pack_id: clean_line(&call.pack.id),
        timezone: zone.name().to_string(),
        started_at,
        ended_at: row.ended.and_then(local),
        open: row.open,
        simulated: row.simulated,
        alert: row.alert,
        alerts: call
            .alerts
            .iter()
            .filter_map(|a| {
                Some(AlertJson {
                    text: pack.map_or_else(|| clean_line(&a.item), |p| text_of(p, &a.item)),
                    raised_at: local(a.raised_at)?,
                    line_shown: clean_line(&a.line_shown),
                })
            })
            .collect(),
        urgency: row.urgency,
        highest_level_indicated: row.highest_level,
        highest_level_name,
        children: call
            .household
            .children
            .iter()
            .map(|c| ChildJson {
                label: clean_line(&c.name()),
                age: c.age(call.today()).map(super::details::Age::label),
            })
            .collect(),
        ticked: pack.map(|p| ticked(p, call)).unwrap_or_default(),
        outcomes: call
            .outcomes
            .current()
            .map(|o| OutcomeJson {
                label: clean_line(&o.label),
                signposted_to: o.signpost.as_ref().map(|s| clean_line(&s.shown)),
                text: clean_line(&o.text),
            })
            .collect(),
        to_do: ToDo {
            pick_up_by: pick_up_by.and_then(local),
            pick_up_overdue: row.case_reference.is_none() && pick_up_by.is_some_and(|p| p < now),
            clocks,
        },
        handled_by: call.handlers.iter().map(|h| h.handler.describe()).filter(|h| !h.is_empty()).collect(),
        callback: callback(call),
        case_reference: row.case_reference.clone(),
        problem: row.problem.clone(),
    })
}

fn text_of(pack: &Pack, id: &str) -> String {
    pack.catalog().get(id).map_or_else(|| format!("(not in this pack: {})", clean_line(id)), |e| e.full_text.clone())
}

/// What was ticked, the immediate items first, then the highest level.
fn ticked(pack: &Pack, call: &Call) -> Vec<TickJson> {
    let catalog = pack.catalog();
    let mut ticks: Vec<TickJson> = call
        .ticked()
        .into_iter()
        .map(|(id, _)| {
            let entry = catalog.get(id);
            let level = entry.and_then(|e| e.level);
            TickJson {
                id: clean_line(id),
                text: text_of(pack, id),
                level: level.map(|l| l + 1),
                level_name: level.and_then(|l| pack.levels.get(l)).map(|l| clean_line(&l.name)),
                row: entry.map_or(crate::pack::catalog::IMMEDIATE_ROW, |e| e.row.as_str()).to_string(),
                immediate: entry.is_some_and(|e| e.alert),
                about: call
                    .household
                    .about(id)
                    .iter()
                    .filter_map(|c| call.household.child(*c))
                    .map(|c| clean_line(&c.name()))
                    .collect(),
            }
        })
        .collect();
    // Stable: within a level, in the order ticked.
    crate::sort::sort_by_key(&mut ticks, |t| (!t.immediate, std::cmp::Reverse(t.level.unwrap_or(usize::MAX))));
    ticks
}

fn callback(call: &Call) -> Callback {
    let r = &call.household.referrer;
    Callback {
        anonymous: r.anonymity == Some(YesNoUnknown::Yes) || call.details.caller == Some(CallerType::Anonymous),
        name: clean_line(&r.name),
        role_or_relationship: clean_line(&r.role),
        agency: clean_line(&call.details.agency),
        numbers: clean_line(&r.numbers),
        when_reachable: clean_line(&r.reachable),
        secure_email: clean_line(&r.secure_email),
    }
}
