//! The contact answer for the current minute, kept in the state so the view
//! only reads it; recomputed on every clock tick.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::hours::calendar::Calendar;
use crate::pack::resolve::{Answer, LineKind, resolve};
use crate::pack::{ContactLine, Pack};

/// How long before a switch the header warns.
pub const WARN_MINUTES: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub name: String,
    /// The pack's shorter name for narrow screens, if it gives one.
    pub short_name: Option<String>,
    pub numbers: String,
    pub words: Option<String>,
    /// dutygrid's own line, shown because the document prints none: never
    /// presented as the document's words.
    pub dutygrid_default: bool,
}

impl Line {
    fn of(contact: &ContactLine) -> Line {
        Line {
            name: contact.name.clone(),
            short_name: contact.short_name.clone(),
            numbers: contact.numbers.join(" / "),
            words: contact.words.clone(),
            dutygrid_default: false,
        }
    }

    /// The immediate-danger line dutygrid shows where a document prints no
    /// emergency number.
    pub fn police_999() -> Line {
        Line {
            name: "Police".into(),
            short_name: None,
            numbers: "999".into(),
            words: Some(DEFAULT_999_NOTE.into()),
            dutygrid_default: true,
        }
    }

    /// "City MASH 0115 876 4800"
    pub fn spoken(&self) -> String {
        format!("{} {}", self.name, self.numbers)
    }

    /// The short name where the pack gives one, else the name.
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// Said wherever dutygrid's own 999 line is shown.
pub const DEFAULT_999_NOTE: &str = "dutygrid's own line: the document prints no emergency number";

/// The lines for a child in immediate danger: the pack's emergency lines
/// that are not marked non-emergency, or dutygrid's own Police 999.
pub fn immediate_danger_lines(pack: &Pack) -> Vec<Line> {
    let lines: Vec<Line> = pack.contacts.emergency.iter().filter(|l| !l.non_emergency).map(Line::of).collect();
    if lines.is_empty() { vec![Line::police_999()] } else { lines }
}

/// The pack's always-on lines that are not for emergencies (101).
pub fn non_emergency_lines(pack: &Pack) -> Vec<Line> {
    pack.contacts.emergency.iter().filter(|l| l.non_emergency).map(Line::of).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactNow {
    pub kind: LineKind,
    pub line: Line,
    /// With an unknown schedule, the out-of-hours line too.
    pub alternative: Option<Line>,
    pub reason: String,
    pub local: DateTime<Tz>,
    pub until: Option<DateTime<Tz>>,
    pub minutes_left: Option<i64>,
    /// The line that takes over at `until`.
    pub next: Option<(LineKind, Line)>,
    /// The lines for a child in immediate danger: "Police 999". Never
    /// empty: dutygrid's own 999 where the document prints none.
    pub emergency: Vec<Line>,
    /// Always-on lines that are not for emergencies: "Police 101".
    pub non_emergency: Vec<Line>,
    /// The pack's id for the line to ring now, for the guide's mark; none
    /// where the pack states no hours (no line is claimed to be the one).
    pub live_id: Option<String>,
}

impl ContactNow {
    pub fn compute(pack: &Pack, calendar: Option<&Calendar>, now: DateTime<Utc>) -> ContactNow {
        let answer = resolve(pack, calendar, now);
        let next = answer.until.map(|until| {
            let after: Answer<'_> = resolve(pack, calendar, until.with_timezone(&Utc));
            (after.line, Line::of(after.contact))
        });
        ContactNow {
            kind: answer.line,
            line: Line::of(answer.contact),
            alternative: answer.alternative.map(Line::of),
            reason: answer.reason.clone(),
            local: answer.local,
            until: answer.until,
            minutes_left: answer.minutes_left(),
            next,
            emergency: immediate_danger_lines(pack),
            non_emergency: non_emergency_lines(pack),
            live_id: (answer.line != LineKind::Unknown).then(|| answer.contact.id.clone()),
        }
    }

    /// The warning shown from 15 minutes before a switch: "City MASH
    /// closes in 12 min — then City MASH (out of hours) 0115 876 4800".
    pub fn warning(&self) -> Option<String> {
        self.warnings().into_iter().next()
    }

    /// The warning in ever shorter forms, longest first, for narrow
    /// screens: the names shorten, then go, but the next number is always
    /// whole in every form.
    pub fn warnings(&self) -> Vec<String> {
        let Some(minutes) = self.minutes_left.filter(|m| *m <= WARN_MINUTES) else { return Vec::new() };
        let Some((kind, next)) = self.next.as_ref() else { return Vec::new() };
        let verb = if self.kind == LineKind::Office { "closes" } else { "opens" };
        let subject = if self.kind == LineKind::Office { &self.line } else { next };
        let ring = if *kind == LineKind::Office { "then ring" } else { "then" };
        vec![
            format!("{} {verb} in {minutes} min — {ring} {}", subject.name, next.spoken()),
            format!("{} {verb} in {minutes} min — then {} {}", subject.short(), next.short(), next.numbers),
            format!("{verb} in {minutes} min — then {} {}", next.short(), next.numbers),
            format!("{verb} in {minutes} min — then {}", next.numbers),
            format!("{minutes} min — then {}", next.numbers),
        ]
    }

    /// The line shown, for the call record: "City MASH 0115 876 4800 — office hours".
    pub fn shown(&self) -> String {
        let kind = match self.kind {
            LineKind::Office => "office hours",
            LineKind::OutOfHours => "out of hours",
            LineKind::Unknown => "hours not stated",
        };
        format!("{} — {kind}", self.line.spoken())
    }
}

pub use crate::pack::library::calendar_for;
