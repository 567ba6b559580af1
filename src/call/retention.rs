//! The local copy's life cycle: which records `record purge` may delete
//! (ended, entered in the case system, past the council's retention) and
//! which it keeps and why; and the records the day team should have had by
//! now — not entered although their next working morning has passed. No
//! terminal code; `now` is passed in.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::shift::{CallRow, Packs, next_working_morning};
use super::store::{Record, Store};
use crate::pack::library::Library;

/// Why a record stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Still open: a call is never purged while it may go on.
    Open,
    /// Not marked entered in the case system: this may be the only copy.
    NotEntered,
    /// It cannot be read, so whether it was entered is not known.
    Unreadable(String),
    /// Part of it cannot be read: what is lost may not be in the case system.
    PartlyUnreadable(String),
    /// Within the retention; purged after this time.
    Until(DateTime<Utc>),
    /// The retention is so long it never ends.
    Always,
}

impl Kept {
    pub fn why(&self, zone: chrono_tz::Tz) -> String {
        match self {
            Kept::Open => "still open".into(),
            Kept::NotEntered => "not marked entered in the case system".into(),
            Kept::Unreadable(why) => format!("cannot be read ({why}): check it, then `dutygrid record delete`"),
            Kept::PartlyUnreadable(why) => {
                format!("part of it cannot be read ({why}): check it, then `dutygrid record delete`")
            }
            Kept::Until(at) => format!("entered; within the retention until {}", crate::hours::local::human(*at, zone)),
            Kept::Always => "entered; the retention never ends".into(),
        }
    }
}

/// One record and what purge does with it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub row: CallRow,
    /// `None`: deleted.
    pub kept: Option<Kept>,
}

impl Planned {
    pub fn deleted(&self) -> bool {
        self.kept.is_none()
    }
}

/// The records folder's records and its training folder's, in that order,
/// each with whether it lies in the training folder.
fn records(dir: &Path) -> Vec<(Record, bool)> {
    let mut out = Vec::new();
    for (folder, training) in [(dir.to_path_buf(), false), (dir.join("training"), true)] {
        if !folder.is_dir() {
            continue;
        }
        let Ok(store) = Store::open(&folder) else { continue };
        out.extend(store.records().into_iter().map(|r| (r, training)));
    }
    out
}

/// When a record's retention starts: the call's end, or for a call on a
/// simulated clock (whose times are made up) when its file was last
/// written, which is never before it really ended.
fn retention_from(row: &CallRow) -> Option<DateTime<Utc>> {
    if row.simulated {
        let modified = std::fs::metadata(&row.path).and_then(|m| m.modified()).ok()?;
        return Some(DateTime::<Utc>::from(modified));
    }
    row.ended
}

/// What `record purge` would do with each record at `now`, oldest first.
pub fn plan(library: &Library, dir: &Path, retention_days: u32, now: DateTime<Utc>) -> Vec<Planned> {
    let mut packs = Packs::new(library);
    let mut planned: Vec<Planned> = records(dir)
        .into_iter()
        .map(|(record, training)| {
            let row = packs.row(&record, training, now);
            let kept = verdict(&record, &row, retention_days, now);
            Planned { row, kept }
        })
        .collect();
    crate::sort::sort_by(&mut planned, |a, b| a.row.started.cmp(&b.row.started).then_with(|| a.row.id.cmp(&b.row.id)));
    planned
}

fn verdict(record: &Record, row: &CallRow, retention_days: u32, now: DateTime<Utc>) -> Option<Kept> {
    let replayed = match &record.replayed {
        Ok(replayed) => replayed,
        Err(err) => return Some(Kept::Unreadable(err.to_string())),
    };
    if let Some(problem) = &replayed.problem {
        return Some(Kept::PartlyUnreadable(problem.clone()));
    }
    if row.open {
        return Some(Kept::Open);
    }
    if !row.entered() {
        return Some(Kept::NotEntered);
    }
    let Some(from) = retention_from(row) else { return Some(Kept::Open) };
    let until = Duration::try_days(i64::from(retention_days)).and_then(|d| from.checked_add_signed(d));
    match until {
        None => Some(Kept::Always),
        Some(until) if until >= now => Some(Kept::Until(until)),
        Some(_) => None,
    }
}

/// Real calls not entered in the case system although the next working
/// morning after they started has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub count: usize,
    /// The earliest of their starts.
    pub since: DateTime<Utc>,
    pub zone: chrono_tz::Tz,
    pub paths: Vec<PathBuf>,
}

impl Overdue {
    /// What the app says on start: no names, only how many and since when
    /// (local with its zone, without the year).
    pub fn notice(&self) -> String {
        let calls = if self.count == 1 { "1 call".to_string() } else { format!("{} calls", self.count) };
        let since = self.since.with_timezone(&self.zone).format("%a %-d %b %H:%M %Z");
        format!("{calls} not entered since {since}: dutygrid record list --not-entered")
    }
}

/// The records in `dir` (not the training folder: those are not real
/// calls) whose day-team morning — the next working morning at `morning`
/// after the call started, in its pack's zone and calendar — is before
/// `now`, and that are not marked entered. Records that cannot be read are
/// left to `record list`, which names them.
pub fn overdue_for_entry(library: &Library, dir: &Path, morning: NaiveTime, now: DateTime<Utc>) -> Option<Overdue> {
    let store = Store::open(dir).ok()?;
    let mut packs = Packs::new(library);
    let mut found: Option<Overdue> = None;
    for record in store.records() {
        let row = packs.row(&record, false, now);
        let Some(started) = row.started.filter(|_| !row.simulated && !row.entered()) else { continue };
        let calendar = row.pack.as_deref().and_then(|id| packs.get(id)).and_then(|(_, c)| c.clone());
        let due = next_working_morning(started, morning, row.zone, calendar.as_ref());
        if due.is_none_or(|due| due >= now) {
            continue;
        }
        let overdue = found.get_or_insert(Overdue { count: 0, since: started, zone: row.zone, paths: Vec::new() });
        overdue.count += 1;
        overdue.paths.push(row.path.clone());
        if started < overdue.since {
            overdue.since = started;
            overdue.zone = row.zone;
        }
    }
    found
}
