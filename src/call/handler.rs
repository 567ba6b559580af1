//! Who handled the call, the case-system reference it was entered under, and
//! when it was read back to the caller: the accountability half of a
//! record ("the audit trail must say who, not only when"). The handler's
//! name is personal data: it lives in the journal and the export only,
//! never in a file name, the title or stderr.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Call, Entry};
use crate::text::clean_line;

/// The longest name, role, team or reference kept: a case-system reference
/// is short, and a pasted paragraph is a mistake, not a name.
pub const MAX_FIELD: usize = 120;

/// The person at the desk, as the config file or the form gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handler {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub team: String,
}

impl Handler {
    /// The handler with each field cleaned to one line and cut to
    /// [`MAX_FIELD`]; `None` without a name, which is the one field that
    /// says who.
    pub fn cleaned(&self) -> Option<Handler> {
        let tidy = |s: &str| clean_line(s).trim().chars().take(MAX_FIELD).collect::<String>();
        let handler = Handler { name: tidy(&self.name), role: tidy(&self.role), team: tidy(&self.team) };
        (!handler.name.is_empty()).then_some(handler)
    }

    /// "Sam Patel, social worker, City MASH": the fields given, in order.
    pub fn describe(&self) -> String {
        [&self.name, &self.role, &self.team]
            .into_iter()
            .map(|s| clean_line(s))
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A handler recorded on a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handled {
    pub handler: Handler,
    pub at: DateTime<Utc>,
    /// Part of the journal's opening (written with its start), rather than
    /// a change made during the call: a new journal is begun with these.
    #[serde(default)]
    pub at_start: bool,
}

/// The reference the record was entered under in the council's case system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseReference {
    pub reference: String,
    pub at: DateTime<Utc>,
}

/// Why a case-system reference is refused.
pub fn check_reference(reference: &str) -> Result<String, String> {
    let reference = clean_line(reference).trim().to_string();
    if reference.is_empty() {
        return Err("the case-system reference is empty".into());
    }
    if reference.chars().count() > MAX_FIELD {
        return Err(format!("the case-system reference is longer than {MAX_FIELD} characters"));
    }
    Ok(reference)
}

impl Call {
    /// The entries a new journal for this call begins with: its start, and
    /// the handler recorded as the call began. A journal is only made once
    /// something is recorded, so an empty call leaves no file behind.
    pub fn opening(&self) -> Vec<Entry> {
        let handlers = self.handlers.iter().filter(|h| h.at_start);
        std::iter::once(self.start_entry()).chain(handlers.map(|h| Entry::Handler { handled: h.clone() })).collect()
    }

    /// Sets who handles the call before anything of it is on disk: it goes
    /// into the journal's opening, replacing an earlier opening handler.
    pub fn set_opening_handler(&mut self, handler: Handler, at: DateTime<Utc>) {
        self.handlers.retain(|h| !h.at_start);
        self.handlers.insert(0, Handled { handler, at, at_start: true });
    }

    /// Who handles the call now.
    pub fn handler(&self) -> Option<&Handler> {
        self.handlers.last().map(|h| &h.handler)
    }

    /// The case-system reference now, if the record was marked entered.
    pub fn case_reference(&self) -> Option<&CaseReference> {
        self.case_references.last()
    }
}
