//! The call journal: one JSON object per line, appended and fsynced as each
//! change happens, so a crash or a kill loses nothing that was on screen.
//! Replaying the lines through [`Call::apply`] rebuilds the call exactly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::details::{Age, CallerType, ConsentState, Decision, Details, YesNoUnknown};
use super::{Alert, Call, PackStamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Start {
        pack: PackStamp,
        app_version: String,
        at: DateTime<Utc>,
        simulated: bool,
    },
    Tick {
        id: String,
        ticked: bool,
        at: DateTime<Utc>,
    },
    Alert {
        alert: Alert,
    },
    Acknowledge {
        at: DateTime<Utc>,
    },
    Detail {
        change: DetailChange,
        at: DateTime<Utc>,
    },
    /// The whole text of one notes section after an edit.
    Note {
        section: String,
        text: String,
        at: DateTime<Utc>,
    },
    Scaling {
        value: Option<u8>,
        at: DateTime<Utc>,
    },
    Decision {
        decision: Decision,
    },
    End {
        at: DateTime<Utc>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum DetailChange {
    Caller(Option<CallerType>),
    Agency(String),
    Age(Option<Age>),
    Mobile(Option<YesNoUnknown>),
    Disabled(Option<YesNoUnknown>),
    PreviousContacts(Option<YesNoUnknown>),
    Consent(Option<ConsentState>),
    ConsentReason(Option<String>),
    ConsentNote(String),
}

impl DetailChange {
    pub fn apply(&self, details: &mut Details) {
        match self {
            DetailChange::Caller(v) => details.caller = *v,
            DetailChange::Agency(v) => details.agency.clone_from(v),
            DetailChange::Age(v) => details.age = *v,
            DetailChange::Mobile(v) => details.mobile = *v,
            DetailChange::Disabled(v) => details.disabled = *v,
            DetailChange::PreviousContacts(v) => details.previous_contacts = *v,
            DetailChange::Consent(v) => details.consent = *v,
            DetailChange::ConsentReason(v) => details.consent_reason.clone_from(v),
            DetailChange::ConsentNote(v) => details.consent_note.clone_from(v),
        }
    }
}

/// One journal line, with its newline.
pub fn encode(entry: &Entry) -> String {
    // Serialising these plain types cannot fail; an empty object keeps the
    // journal line-shaped if it ever did.
    serde_json::to_string(entry).unwrap_or_else(|_| "{}".into()) + "\n"
}

/// A journal read back: the call, and what could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub call: Call,
    pub entries: usize,
    /// "line 7: …" for the first line that could not be read; everything
    /// before it was recovered.
    pub problem: Option<String>,
}

/// Rebuilds a call from journal text. Reading stops at the first damaged
/// line (a crash can leave the last one half-written); the rest is kept.
pub fn replay(text: &str) -> Result<Replayed, String> {
    let mut call: Option<Call> = None;
    let mut entries = 0;
    let mut problem = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = if line.ends_with('\n') {
            serde_json::from_str::<Entry>(line).map_err(|e| e.to_string())
        } else {
            Err("the line was cut off (the app stopped while writing it)".to_string())
        };
        match (parsed, call.as_mut()) {
            (Ok(entry @ Entry::Start { .. }), None) => {
                let mut started = Call::new(PackStamp::default(), Utc::now(), false);
                started.apply(&entry);
                call = Some(started);
                entries += 1;
            }
            (Ok(entry), Some(call)) => {
                call.apply(&entry);
                entries += 1;
            }
            (Ok(_), None) => return Err(format!("line {}: the journal does not begin with its start", n + 1)),
            (Err(err), _) => {
                problem = Some(format!("line {}: {err}", n + 1));
                break;
            }
        }
    }
    match call {
        Some(call) => Ok(Replayed { call, entries, problem }),
        None => Err(problem.unwrap_or_else(|| "the journal is empty".to_string())),
    }
}
