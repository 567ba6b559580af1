//! The contact answer for the current minute, kept in the state so the view
//! only reads it; recomputed on every clock tick.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::hours::calendar::Calendar;
use crate::hours::resolve::{Answer, LineKind, resolve};
use crate::pack::{ContactLine, Hours, Pack};

/// How long before a switch the header warns.
pub const WARN_MINUTES: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub name: String,
    pub numbers: String,
    pub words: Option<String>,
}

impl Line {
    fn of(contact: &ContactLine) -> Line {
        Line { name: contact.name.clone(), numbers: contact.numbers.join(" / "), words: contact.words.clone() }
    }

    /// "City MASH 0115 876 4800"
    pub fn spoken(&self) -> String {
        format!("{} {}", self.name, self.numbers)
    }
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
    /// The always-on lines: "Police 999".
    pub emergency: Vec<Line>,
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
            emergency: pack.contacts.emergency.iter().map(Line::of).collect(),
        }
    }

    /// The warning shown from 15 minutes before a switch: "City MASH
    /// closes in 12 min — then City MASH (out of hours) 0115 876 4800".
    pub fn warning(&self) -> Option<String> {
        let minutes = self.minutes_left.filter(|m| *m <= WARN_MINUTES)?;
        let (kind, next) = self.next.as_ref()?;
        let verb = if self.kind == LineKind::Office { "closes" } else { "opens" };
        let subject = if self.kind == LineKind::Office { &self.line.name } else { &next.name };
        let then = match kind {
            LineKind::Office => format!("then ring {}", next.spoken()),
            _ => format!("then {}", next.spoken()),
        };
        Some(format!("{subject} {verb} in {minutes} min — {then}"))
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

/// The calendar a pack's schedule names, if any.
pub fn calendar_for<'a>(pack: &Pack, calendars: &'a [Calendar]) -> Option<&'a Calendar> {
    match &pack.contacts.hours {
        Hours::Weekly(schedule) => schedule.closed_on.as_deref().and_then(|id| calendars.iter().find(|c| c.id == id)),
        Hours::NotStated(_) => None,
    }
}
