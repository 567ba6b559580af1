//! The records folder's audit log: one JSON line per export, deletion,
//! purge or mark-entered — when, who, what, which record — so an
//! information-governance officer can see what happened to each local copy.
//! It never holds personal data: no child, no referrer, no typed text, no
//! file name chosen by the handler; a deletion's reason is one of a fixed
//! list, never free text.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// The log's name inside the records folder.
pub const AUDIT_LOG: &str = "audit.log";

/// Why a record was deleted, from a fixed list so the log holds no free
/// text about a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DeleteReason {
    /// Typed into the case system, so this copy is no longer needed.
    Entered,
    /// A second record of a call recorded elsewhere.
    Duplicate,
    /// Started by mistake; no call behind it.
    MadeInError,
    /// A practice or test call.
    Training,
    /// None of these.
    Other,
}

impl DeleteReason {
    pub fn label(self) -> &'static str {
        match self {
            DeleteReason::Entered => "entered in the case system",
            DeleteReason::Duplicate => "a duplicate",
            DeleteReason::MadeInError => "made in error",
            DeleteReason::Training => "a training or test call",
            DeleteReason::Other => "another reason",
        }
    }

    pub const ALL: [DeleteReason; 5] = [
        DeleteReason::Entered,
        DeleteReason::Duplicate,
        DeleteReason::MadeInError,
        DeleteReason::Training,
        DeleteReason::Other,
    ];
}

/// What was done to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum AuditAction {
    /// Exported as `format` ("md" or "json"); whether to a file or the
    /// screen, never the file's name.
    Export {
        format: String,
        to_file: bool,
    },
    /// Marked as typed into the case system (the reference is on the
    /// record, not here).
    MarkEntered,
    Delete {
        reason: DeleteReason,
    },
    /// Deleted by `record purge`, past the configured retention.
    Purge {
        retention_days: u32,
    },
    /// A shift handover made as `format` ("md" or "json"), to a file or the
    /// screen (never the file's name), holding these records by id. Its
    /// line's `record` is [`HANDOVER`]: it is about the shift, not one call.
    Handover {
        format: String,
        to_file: bool,
        records: Vec<String>,
    },
}

/// The `record` of a handover's line.
pub const HANDOVER: &str = "handover";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: DateTime<Utc>,
    /// The handler from the config file, or "not set".
    pub who: String,
    pub record: String,
    #[serde(flatten)]
    pub action: AuditAction,
}

pub fn path(records: &Path) -> PathBuf {
    records.join(AUDIT_LOG)
}

/// Appends `line` to the records folder's log, created 0600, and syncs it.
pub fn append(records: &Path, line: &AuditLine) -> io::Result<()> {
    let mut text = serde_json::to_string(line).map_err(io::Error::other)?;
    text.push('\n');
    let mut file = OpenOptions::new().create(true).append(true).mode(0o600).open(path(records))?;
    file.write_all(text.as_bytes())?;
    file.sync_data()
}

/// Every line of the log that reads; a damaged line is skipped.
pub fn read(records: &Path) -> Vec<AuditLine> {
    std::fs::read_to_string(path(records))
        .map(|text| text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn lines_are_appended_0600_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let at = DateTime::parse_from_rfc3339("2026-12-02T03:00:00Z").unwrap().to_utc();
        let lines = [
            AuditLine {
                at,
                who: "J Duty".into(),
                record: "call-1".into(),
                action: AuditAction::Export { format: "md".into(), to_file: true },
            },
            AuditLine {
                at,
                who: "J Duty".into(),
                record: "call-1".into(),
                action: AuditAction::Delete { reason: DeleteReason::Entered },
            },
        ];
        for line in &lines {
            append(dir.path(), line).unwrap();
        }
        assert_eq!(read(dir.path()), lines);
        let mode = std::fs::metadata(path(dir.path())).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let text = std::fs::read_to_string(path(dir.path())).unwrap();
        assert!(text.contains(r#""action":"delete","reason":"entered""#), "{text}");
    }
}
