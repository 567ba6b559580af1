//! The calls screen's disk work for the runner: the shift's rows, a
//! record's Markdown export to read or to write, its case-system
//! reference, and their audit lines. Each hands back what came of it as
//! actions; a failure is said in words on the calls screen.

use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::app::Action;
use crate::app::screens::calls::{CallList, Listed, Opened, Resumed};
use crate::call::audit::{self, AuditAction, AuditLine};
use crate::call::handler::CaseReference;
use crate::call::shift;
use crate::call::store::{Store, read_record};
use crate::pack::library::Library;

/// The exports' folder inside the records folder.
const EXPORTS: &str = "exports";

/// The calls of the shift at `now`, newest first.
pub fn load(library: &Library, store: Option<&Store>, now: DateTime<Utc>) -> Action {
    let Some(store) = store else { return Action::CallsSaid("No records folder: no calls can be listed.".into()) };
    let since = shift::shift_since(&store.dir, now);
    let shift_start = shift::shift_started(&store.dir) == Some(since);
    let all = shift::rows(library, &store.dir, now);
    let unreadable = all.iter().filter(|r| r.started.is_none()).count();
    let rows = all.into_iter().filter(|r| r.started.is_some_and(|s| s >= since && s <= now)).collect();
    Action::CallsLoaded(Listed(Arc::new(CallList { rows, since, shift_start, unreadable })))
}

/// The shift starts at `now`; the list read again from then.
pub fn start_shift(library: &Library, store: Option<&Store>, now: DateTime<Utc>) -> Vec<Action> {
    let Some(dir) = store.map(|s| s.dir.clone()) else { return vec![load(library, store, now)] };
    match shift::start_shift(&dir, now) {
        Ok(()) => vec![load(library, store, now)],
        Err(err) => vec![Action::CallsSaid(format!("The shift start could not be kept: {err}"))],
    }
}

/// The record at `path` as its Markdown export.
fn markdown(library: &Library, path: &Path) -> Result<(String, String), String> {
    let record = read_record(path);
    let id = record.id.clone();
    let replayed = record.replayed.map_err(|err| format!("{id}: {err}"))?;
    let (pack, _) = library
        .open(&replayed.call.pack.id)
        .map_err(|err| format!("{id}: the record's pack cannot be opened: {err}"))?;
    let calendar = crate::app::contact_now::calendar_for(&pack, &library.calendars);
    let exported = crate::export::record(&pack, &replayed.call, &id, calendar)
        .map_err(|err| format!("{id}: cannot be shown: {err}"))?;
    Ok((id, crate::export::markdown(&exported)))
}

/// The record read for the screen, line by line.
pub fn open(library: &Library, path: &Path) -> Action {
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let lines = markdown(library, path).map(|(_, text)| text.lines().map(crate::text::clean_line).collect());
    Action::CallOpened(Opened { id, lines })
}

/// Writes `text` to `<dir>/exports/<id>.md`: the folder 0700, the file
/// 0600, whole or not at all. The name holds the record id only.
fn write_export(dir: &Path, id: &str, text: &str) -> std::io::Result<PathBuf> {
    let folder = dir.join(EXPORTS);
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&folder)?;
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700))?;
    let mut file = tempfile::Builder::new().prefix(".export-").tempfile_in(&folder)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let path = folder.join(format!("{id}.md"));
    file.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}

/// Appends an audit line; what to add to the message if it failed.
fn audit_line(dir: &Path, line: AuditLine) -> String {
    match audit::append(dir, &line) {
        Ok(()) => String::new(),
        Err(err) => format!(" (the audit log could not be written: {err})"),
    }
}

pub fn audited(
    store: Option<&Store>,
    record: String,
    who: String,
    action: AuditAction,
    now: DateTime<Utc>,
) -> Vec<Action> {
    let Some(store) = store else { return vec![Action::CallsSaid("No records folder: no audit line written.".into())] };
    let failed = audit_line(&store.dir, AuditLine { at: now, who, record, action });
    if failed.is_empty() { Vec::new() } else { vec![Action::CallsSaid(failed.trim().to_string())] }
}

/// Exports the record at `path`, says where, logs it, and lists again.
pub fn export(library: &Library, store: Option<&Store>, path: &Path, who: String, now: DateTime<Utc>) -> Vec<Action> {
    let Some(store) = store else { return vec![Action::CallsSaid("No records folder: not exported.".into())] };
    let written = markdown(library, path).and_then(|(id, text)| {
        write_export(&store.dir, &id, &text).map(|to| (id, to)).map_err(|err| format!("not exported: {err}"))
    });
    let said = match written {
        Ok((id, to)) => {
            let action = AuditAction::Export { format: "md".into(), to_file: true };
            let failed = audit_line(&store.dir, AuditLine { at: now, who, record: id, action });
            format!("exported to {}{failed}", to.display())
        }
        Err(problem) => problem,
    };
    vec![Action::CallsSaid(said), load(library, Some(store), now)]
}

/// Appends the case-system reference to the record at `path` (not the
/// call on screen: that one is marked through its own journal), logs it,
/// and lists again.
pub fn mark_entered(
    library: &Library,
    store: Option<&mut Store>,
    path: &Path,
    reference: String,
    who: String,
    now: DateTime<Utc>,
) -> Vec<Action> {
    let Some(store) = store else { return vec![Action::CallsSaid("No records folder: not marked.".into())] };
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let entry = CaseReference { reference: reference.clone(), at: now };
    let said = match store.mark_entered(path, entry) {
        Ok(()) => {
            let failed =
                audit_line(&store.dir, AuditLine { at: now, who, record: id, action: AuditAction::MarkEntered });
            format!("marked entered: {reference}{failed}")
        }
        Err(err) => format!("Not marked entered: {err}"),
    };
    vec![Action::CallsSaid(said), load(library, Some(store), now)]
}

/// The call in a journal just taken over, rebuilt from the entries read
/// under the lock (what the journal goes on from).
pub fn resumed(id: String, log: &[crate::call::Entry]) -> Option<Action> {
    let text: String = log.iter().map(crate::call::journal::encode).collect();
    let replayed = crate::call::journal::replay(text).ok()?;
    Some(Action::CallResumed(Resumed { id, call: Box::new(replayed.call) }))
}

/// Writes the shift's handover (as `dutygrid handover` makes it, since the
/// shift's start) to `<dir>/exports/handover-<local time>.md`, logs it, and
/// says where. The name holds the time only.
pub fn handover(
    library: &Library,
    store: Option<&Store>,
    config: &crate::config::Config,
    who: String,
    simulated: bool,
    now: DateTime<Utc>,
) -> Vec<Action> {
    use crate::call::handover;
    let Some(store) = store else { return vec![Action::CallsSaid("No records folder: no handover written.".into())] };
    let since = shift::shift_since(&store.dir, now);
    let mut made = match handover::build(library, &store.dir, since, now, config) {
        Ok(made) => made,
        Err(err) => return vec![Action::CallsSaid(format!("No handover written: {err}"))],
    };
    made.simulated_clock = simulated;
    // Named by the time it was made, local in the desk's zone as the
    // handover reads it.
    let stamp = made.made_at.wall().format("handover-%Y%m%d-%H%M").to_string();
    let text = crate::export::handover_markdown(&made);
    let said = match write_export(&store.dir, &stamp, &text) {
        Ok(to) => {
            let records = made.calls.iter().map(|c| c.record_id.clone()).collect();
            let action = AuditAction::Handover { format: "md".into(), to_file: true, records };
            let line = AuditLine { at: Utc::now(), who, record: audit::HANDOVER.into(), action };
            let failed = audit_line(&store.dir, line);
            let calls = match made.calls.len() {
                1 => "1 call".to_string(),
                n => format!("{n} calls"),
            };
            format!("handover of {calls} written to {}{failed}", to.display())
        }
        Err(err) => format!("No handover written: {err}"),
    };
    vec![Action::CallsSaid(said)]
}
