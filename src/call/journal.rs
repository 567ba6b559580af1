//! The call journal: one JSON object per line, appended and fsynced as each
//! change happens, so a crash or a kill loses nothing that was on screen.
//! Replaying the lines through [`Call::apply`] rebuilds the call exactly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::details::{Age, CallerType, ConsentState, Decision, Details, YesNoUnknown};
use super::household::{ChildFact, HouseholdChange};
use super::{Alert, Call, PackStamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Entry {
    Start {
        pack: PackStamp,
        app_version: String,
        at: DateTime<Utc>,
        simulated: bool,
        /// How the entries after it are to be read; absent (0) in journals
        /// written before [`FORMAT`] 1.
        #[serde(default)]
        format: u32,
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
    /// The whole text of one notes section: a snapshot, written now and
    /// then between edits (and the only kind older journals hold).
    Note {
        section: String,
        text: String,
        at: DateTime<Utc>,
    },
    /// One edit of a notes section: `deleted` characters removed at
    /// character `pos`, then `inserted` put there. A key costs a few bytes,
    /// not a copy of the whole note.
    NoteEdit {
        section: String,
        pos: usize,
        deleted: usize,
        inserted: String,
        at: DateTime<Utc>,
    },
    Scaling {
        value: Option<u8>,
        at: DateTime<Utc>,
    },
    /// The decision screen's half-typed rationale or reason, kept so a
    /// crash or a restore does not lose it; not a decision until recorded.
    DecisionDraft {
        field: DraftField,
        text: String,
        at: DateTime<Utc>,
    },
    Decision {
        decision: Decision,
    },
    /// A change to who the call is about: children, adults, the referrer,
    /// which children a tick is about.
    Household {
        change: HouseholdChange,
        at: DateTime<Utc>,
    },
    End {
        at: DateTime<Utc>,
    },
    /// An outcome added, its text edited, or withdrawn.
    Outcome {
        change: super::outcome::OutcomeChange,
    },
    /// The outcome screen's half-typed texts, kept so nothing typed is lost.
    OutcomeDraft {
        draft: super::outcome::Draft,
        at: DateTime<Utc>,
    },
    /// The handler's red / amber / green for the decision; `None` clears it.
    Urgency {
        urgency: Option<super::clocks::Rag>,
        at: DateTime<Utc>,
    },
    /// A clock marked done (the written referral arrived, feedback was
    /// given), or the mark withdrawn.
    ClockDone {
        clock: super::clocks::ClockKind,
        done: bool,
        at: DateTime<Utc>,
    },
    /// Who handles the call: at its start (from the settings or the form),
    /// and again whenever the handler changes.
    Handler {
        handled: super::handler::Handled,
    },
    /// The record was entered in the council's case system under this reference.
    CaseReference {
        reference: super::handler::CaseReference,
    },
    /// The read-back was shown (from this time) and the call ended from it.
    ReadBack {
        at: DateTime<Utc>,
    },
}

/// The journal format this app writes. 1: decision drafts are
/// [`Entry::DecisionDraft`]; before it they were notes sections named in
/// [`LEGACY_DRAFT_SECTIONS`], which a pack's question id could clash with.
pub const FORMAT: u32 = 1;

/// The notes sections that held decision drafts before [`FORMAT`] 1.
pub const LEGACY_DRAFT_SECTIONS: [(&str, DraftField); 2] =
    [("decision:rationale", DraftField::Rationale), ("decision:reason", DraftField::Reason)];

/// Which text of the decision screen a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftField {
    Rationale,
    Reason,
}

/// An entry of a journal in `format`, as this app reads it now: in an old
/// journal a note under a draft section is that draft.
fn upgrade(entry: Entry, format: u32) -> Entry {
    match entry {
        Entry::Note { section, text, at } if format < 1 => {
            match LEGACY_DRAFT_SECTIONS.iter().find(|(name, _)| *name == section) {
                Some((_, field)) => Entry::DecisionDraft { field: *field, text, at },
                None => Entry::Note { section, text, at },
            }
        }
        other => other,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum DetailChange {
    Caller(Option<CallerType>),
    Agency(String),
    /// Before children were recorded one by one: the first child's age.
    Age(Option<Age>),
    /// The first child's mobility (older journals).
    Mobile(Option<YesNoUnknown>),
    /// The first child's disability (older journals).
    Disabled(Option<YesNoUnknown>),
    PreviousContacts(Option<YesNoUnknown>),
    Consent(Option<ConsentState>),
    ConsentReason(Option<String>),
    ConsentNote(String),
    ParentsAware(Option<YesNoUnknown>),
    ConsentBy(String),
    ConsentCovers(String),
    ChildViews(String),
}

impl DetailChange {
    /// What an older journal's one-child fact says about the first child.
    pub fn child_fact(&self) -> Option<ChildFact> {
        match self {
            DetailChange::Age(v) => Some(ChildFact::Born(v.map(super::household::Born::Age))),
            DetailChange::Mobile(v) => Some(ChildFact::Mobile(*v)),
            DetailChange::Disabled(v) => Some(ChildFact::Disabled(*v)),
            _ => None,
        }
    }

    pub fn apply(&self, details: &mut Details) {
        match self {
            DetailChange::Caller(v) => details.caller = *v,
            DetailChange::Agency(v) => details.agency.clone_from(v),
            // Applied to the first child by `Call::apply`.
            DetailChange::Age(_) | DetailChange::Mobile(_) | DetailChange::Disabled(_) => {}
            DetailChange::PreviousContacts(v) => details.previous_contacts = *v,
            DetailChange::Consent(v) => details.consent = *v,
            DetailChange::ConsentReason(v) => details.consent_reason.clone_from(v),
            DetailChange::ConsentNote(v) => details.consent_note.clone_from(v),
            DetailChange::ParentsAware(v) => details.parents_aware = *v,
            DetailChange::ConsentBy(v) => details.consent_by.clone_from(v),
            DetailChange::ConsentCovers(v) => details.consent_covers.clone_from(v),
            DetailChange::ChildViews(v) => details.child_views.clone_from(v),
        }
    }
}

/// How many edits of one section between snapshots: a replay never has to
/// trust a long chain of edits, and a damaged edit costs at most this many.
pub const EDITS_PER_SNAPSHOT: usize = 50;
/// A note this short is cheaper written whole than as an edit.
const SMALL_NOTE: usize = 32;

/// The entry that turns `old` into `new` in a notes section: the edit
/// between their common start and end, or a snapshot every
/// [`EDITS_PER_SNAPSHOT`] edits or when the note is small. `None` if nothing
/// changed.
pub fn note_change(
    section: &str,
    old: &str,
    new: &str,
    edits_since_snapshot: usize,
    at: DateTime<Utc>,
) -> Option<Entry> {
    if old == new {
        return None;
    }
    if edits_since_snapshot + 1 >= EDITS_PER_SNAPSHOT || new.chars().count() <= SMALL_NOTE {
        return Some(Entry::Note { section: section.into(), text: new.into(), at });
    }
    let (old_chars, new_chars): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let prefix = old_chars.iter().zip(&new_chars).take_while(|(a, b)| a == b).count();
    let room = old_chars.len().min(new_chars.len()) - prefix;
    let suffix = old_chars.iter().rev().zip(new_chars.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    Some(Entry::NoteEdit {
        section: section.into(),
        pos: prefix,
        deleted: old_chars.len() - prefix - suffix,
        inserted: new_chars[prefix..new_chars.len() - suffix].iter().collect(),
        at,
    })
}

/// Applies an edit to a note. An edit that does not fit the text (possible
/// only in a damaged journal) is clamped to it rather than refused, so the
/// rest of the note survives.
pub fn apply_edit(text: &mut String, pos: usize, deleted: usize, inserted: &str) {
    let byte = |n: usize, text: &str| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let start = byte(pos, text);
    let end = start + byte(deleted, &text[start..]);
    text.replace_range(start..end, inserted);
}

/// One journal line, with its newline.
pub fn encode(entry: &Entry) -> String {
    // Serialising these plain types cannot fail; an empty object keeps the
    // journal line-shaped if it ever did.
    serde_json::to_string(entry).unwrap_or_else(|_| "{}".into()) + "\n"
}

/// A part of a journal that could not be read, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// 1-based, counting newlines as an editor does.
    pub line: usize,
    /// Bytes from the start of the file.
    pub offset: usize,
    pub problem: String,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} (byte {}): {}", self.line, self.offset, self.problem)
    }
}

/// A journal read back: the call, the entries it was rebuilt from, and
/// what could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub call: Call,
    pub entries: usize,
    /// Every entry read, in order: what a rewritten journal holds.
    pub log: Vec<Entry>,
    /// Every damaged part, skipped; the entries around it were read.
    pub damaged: Vec<Damage>,
    /// The damage in one line, for lists and warnings.
    pub problem: Option<String>,
    /// The file ends with a complete line, so appending to it is safe.
    pub clean_end: bool,
}

/// The damage in a sentence: the first place, and how many more.
fn summary(damaged: &[Damage]) -> Option<String> {
    let first = damaged.first()?;
    Some(match damaged.len() {
        1 => first.to_string(),
        n => format!("{first}; and {} more damaged part(s)", n - 1),
    })
}

/// Why journal bytes hold no call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the journal is empty")]
    Empty,
    /// What was wrong with the damaged parts, the start among them.
    #[error("the call's start cannot be read: {0}")]
    NoStart(String),
}

/// Rebuilds a call from journal bytes. A damaged line is skipped and
/// reported, and reading goes on: a crash can cut the last line, a disk can
/// leave a block of zero bytes or garbage in the middle, and nothing intact
/// after either may be lost. A whole JSON object is an entry even without
/// its newline (only the newline was lost); a zero byte never occurs in a
/// line this app writes, so it separates lines too.
pub fn replay(bytes: impl AsRef<[u8]>) -> Result<Replayed, ReplayError> {
    let bytes = bytes.as_ref();
    let mut call: Option<Call> = None;
    let mut format = 0;
    let mut log = Vec::new();
    let mut damaged = Vec::new();
    let mut line = 1;
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest[0] == b'\n' {
            line += 1;
            at += 1;
            continue;
        }
        if rest[0] == 0 {
            let zeros = rest.iter().take_while(|b| **b == 0).count();
            damaged.push(Damage { line, offset: at, problem: format!("{zeros} zero byte(s)") });
            at += zeros;
            continue;
        }
        let len = rest.iter().position(|b| *b == b'\n' || *b == 0).unwrap_or(rest.len());
        let text = &rest[..len];
        let cut = len == rest.len();
        let offset = at;
        at += len;
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let entry = match serde_json::from_slice::<Entry>(text) {
            Ok(entry) => upgrade(entry, format),
            Err(_) if cut => {
                let problem = "the line was cut off (the app stopped while writing it)".to_string();
                damaged.push(Damage { line, offset, problem });
                continue;
            }
            Err(err) => {
                damaged.push(Damage { line, offset, problem: err.to_string() });
                continue;
            }
        };
        match (&entry, call.as_mut()) {
            (Entry::Start { format: written, .. }, None) => {
                format = *written;
                let mut started = Call::new(PackStamp::default(), Utc::now(), false);
                started.apply(&entry);
                call = Some(started);
            }
            (_, Some(call)) => call.apply(&entry),
            (_, None) => {
                let problem = "an entry before the call's start".to_string();
                damaged.push(Damage { line, offset, problem });
                continue;
            }
        }
        log.push(entry);
    }
    let clean_end = bytes.last().is_none_or(|b| *b == b'\n');
    match call {
        Some(call) => Ok(Replayed { call, entries: log.len(), log, problem: summary(&damaged), damaged, clean_end }),
        None if damaged.is_empty() => Err(ReplayError::Empty),
        None => Err(ReplayError::NoStart(summary(&damaged).unwrap_or_default())),
    }
}
