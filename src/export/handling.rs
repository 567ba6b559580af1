//! Who handled the call, the case-system reference and the read-back, as
//! the record states them: each handler with when they took the call, each
//! reference with when it was marked, each read-back with its time.

use std::fmt::{self, Write as _};

use chrono_tz::Tz;
use serde::Serialize;

use super::markdown::Esc;
use super::{Record, local};
use crate::call::Call;
use crate::hours::local::{LocalTime, OutOfRange};
use crate::pack::Pack;
use crate::text::clean_line;

#[derive(Debug, Clone, Serialize)]
pub struct HandledJson {
    pub name: String,
    pub role: String,
    pub team: String,
    pub at: LocalTime,
    /// Recorded as the call began, rather than a change during it.
    pub at_start: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseReferenceJson {
    pub reference: String,
    pub marked_at: LocalTime,
}

/// The record's handling fields: handled by (in order), references (in
/// order, the last is current) and the read-back times.
pub type Handling = (Vec<HandledJson>, Vec<CaseReferenceJson>, Vec<LocalTime>);

pub fn handling(pack: &Pack, call: &Call) -> Result<Handling, OutOfRange> {
    let handled = call
        .handlers
        .iter()
        .map(|h| {
            Ok(HandledJson {
                name: clean_line(&h.handler.name),
                role: clean_line(&h.handler.role),
                team: clean_line(&h.handler.team),
                at: local(pack, h.at)?,
                at_start: h.at_start,
            })
        })
        .collect::<Result<_, OutOfRange>>()?;
    let references = call
        .case_references
        .iter()
        .map(|c| Ok(CaseReferenceJson { reference: clean_line(&c.reference), marked_at: local(pack, c.at)? }))
        .collect::<Result<_, OutOfRange>>()?;
    let read_backs = call.read_backs.iter().map(|at| local(pack, *at)).collect::<Result<_, _>>()?;
    Ok((handled, references, read_backs))
}

fn describe(h: &HandledJson) -> String {
    [&h.name, &h.role, &h.team]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| Esc(s).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "16:58 GMT on Fri 4 Dec 2026", in the record's zone.
fn at_time(r: &Record, at: &LocalTime) -> String {
    let zone: Tz = r.timezone.parse().unwrap_or(chrono_tz::UTC);
    at.utc().with_timezone(&zone).format("%H:%M %Z on %a %-d %b %Y").to_string()
}

/// The handling lines under the call's times.
pub fn markdown(out: &mut String, r: &Record) -> fmt::Result {
    match r.handled_by.split_first() {
        None => writeln!(out, "- Handled by: not recorded")?,
        Some((first, changes)) => {
            let when = if first.at_start { String::new() } else { format!(" (from {})", first.at.human()) };
            writeln!(out, "- Handled by: {}{when}", describe(first))?;
            for change in changes {
                writeln!(out, "- Handler changed {}: {}", change.at.human(), describe(change))?;
            }
        }
    }
    match r.case_system_references.last() {
        None => writeln!(out, "- Case system: not marked entered")?,
        Some(c) => {
            writeln!(out, "- Case system: entered as {} (marked {})", Esc(&c.reference), c.marked_at.human())?;
            for earlier in r.case_system_references.iter().rev().skip(1) {
                writeln!(
                    out,
                    "- Case system reference before: {} (marked {})",
                    Esc(&earlier.reference),
                    earlier.marked_at.human()
                )?;
            }
        }
    }
    match r.read_back_at.as_slice() {
        [] if r.ended_at.is_some() => writeln!(out, "- Read back to the caller: no (ended without the read-back)"),
        [] => writeln!(out, "- Read back to the caller: not yet"),
        times => {
            let said: Vec<String> = times.iter().map(|t| at_time(r, t)).collect();
            writeln!(out, "- Read back to the caller at {}", said.join("; again at "))
        }
    }
}
