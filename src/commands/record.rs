//! `dutygrid record list|export|mark-entered|delete|purge`.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Outcome, json, who, write_private};
use crate::app::contact_now::calendar_for;
use crate::call::audit::{self, AuditAction, AuditLine, DeleteReason};
use crate::call::shift::CallRow;
use crate::call::store::{Record, Store};
use crate::cli::{MdOrJson, RecordCommand, TextOrJson};
use crate::config::Config;
use crate::export;
use crate::hours::local::LocalTime;
use crate::pack::library::Library;

/// Calls made on a simulated clock (`run --at`) are kept here, inside the
/// records folder, never among the real records.
pub fn training_dir(records: &Path) -> PathBuf {
    records.join("training")
}

/// The training folder's store, if one was ever made.
fn training_store(store: &Store) -> Option<Store> {
    let dir = training_dir(&store.dir);
    dir.is_dir().then(|| Store::open(&dir).ok()).flatten()
}

/// A record by id or path, in the records folder or its training folder.
fn find(store: &Store, id: &str) -> Option<Record> {
    store.find(id).or_else(|| training_store(store).and_then(|t| t.find(id)))
}

pub fn record(library: &Library, dir: Option<PathBuf>, command: RecordCommand, config: &Config) -> Outcome {
    let Some(dir) = dir else { return Outcome::failed("no records folder could be found\n".into(), 1) };
    // Said before the folder is opened, which tightens it silently.
    let health = crate::call::health::check_and_fix(&dir);
    let mut store = match Store::open(&dir) {
        Ok(store) => store,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", dir.display()), 1),
    };
    let mut outcome = match command {
        RecordCommand::List { format, open, overdue, not_entered, since } => {
            let since = match since.as_deref().map(|t| crate::hours::at::parse_at(t, chrono_tz::Europe::London)) {
                None => None,
                Some(Ok(at)) => Some(at.utc),
                Some(Err(err)) => return Outcome::failed(format!("--since: {err}\n"), 2),
            };
            let only = Only { open, overdue, not_entered, since };
            list(library, &store, format, &only, chrono::Utc::now())
        }
        RecordCommand::Export { record, format, output } => {
            let to_file = output.is_some();
            let outcome = export_record(library, &store, &record, format, output);
            let format = match format {
                MdOrJson::Md => "md",
                MdOrJson::Json => "json",
            };
            audited(outcome, &store, &record, config, AuditAction::Export { format: format.into(), to_file })
        }
        RecordCommand::Delete { record, reason, yes } => delete(&store, &record, reason, yes, config),
        RecordCommand::MarkEntered { record, reference } => {
            let outcome = mark_entered(&mut store, &record, &reference);
            audited(outcome, &store, &record, config, AuditAction::MarkEntered)
        }
        RecordCommand::Purge { yes } => purge(library, &store, yes, config, chrono::Utc::now()),
    };
    let said: String = health.iter().map(|f| format!("warning: records folder: {f}\n")).collect();
    outcome.stderr.insert_str(0, &said);
    outcome
}

#[derive(Serialize)]
struct Listed {
    id: String,
    path: String,
    pack: Option<String>,
    /// RFC 3339 with the pack's local offset.
    started_at: Option<LocalTime>,
    ended_at: Option<LocalTime>,
    open: bool,
    /// Made on a simulated clock (training): not a real call.
    simulated: bool,
    ticks: Option<usize>,
    /// The case-system reference it was marked entered under, if it was.
    case_reference: Option<String>,
    /// "Baby, 4 months", in the order recorded.
    children: Vec<String>,
    /// 1-based, the alert included.
    highest_level_indicated: Option<usize>,
    /// An immediate-protection alert was raised.
    alert: bool,
    /// The outcomes standing.
    outcomes: Vec<String>,
    clocks: Vec<ListedClock>,
    problem: Option<String>,
}

#[derive(Serialize)]
struct ListedClock {
    name: String,
    due_by: Option<LocalTime>,
    /// "open", "overdue", "met" or "not met".
    state: &'static str,
}

/// `record list`'s filters.
struct Only {
    open: bool,
    overdue: bool,
    not_entered: bool,
    since: Option<chrono::DateTime<chrono::Utc>>,
}

impl Only {
    fn keeps(&self, r: &CallRow, started: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        (!self.open || r.open)
            && (!self.overdue || r.overdue())
            && (!self.not_entered || !r.entered())
            && self.since.is_none_or(|since| started.is_some_and(|s| s >= since))
    }
}

impl Listed {
    fn of(row: &CallRow) -> Listed {
        let local = |at: Option<chrono::DateTime<chrono::Utc>>| at.and_then(|t| LocalTime::new(t, row.zone).ok());
        Listed {
            id: row.id.clone(),
            path: row.path.display().to_string(),
            pack: row.pack.clone(),
            started_at: local(row.started),
            ended_at: local(row.ended),
            open: row.open,
            simulated: row.simulated,
            ticks: row.pack.as_ref().map(|_| row.ticks),
            case_reference: row.case_reference.clone(),
            children: row.children.clone(),
            highest_level_indicated: row.highest_level,
            alert: row.alert,
            outcomes: row.outcomes.clone(),
            clocks: row
                .clocks
                .iter()
                .map(|c| ListedClock { name: c.name.clone(), due_by: local(c.due), state: c.state.label() })
                .collect(),
            problem: row.problem.clone(),
        }
    }
}

type Now = chrono::DateTime<chrono::Utc>;

fn list(library: &Library, store: &Store, format: TextOrJson, only: &Only, now: Now) -> Outcome {
    // `record list` reads oldest first, as a log does; the calls screen newest first.
    let mut rows = crate::call::shift::rows(library, &store.dir, now);
    rows.reverse();
    let records: Vec<Listed> = rows.iter().filter(|r| only.keeps(r, r.started)).map(Listed::of).collect();
    match format {
        TextOrJson::Json => Outcome::ok(json(&records)),
        TextOrJson::Text => {
            let mut out = String::new();
            for r in &records {
                let state = if r.open { "OPEN " } else { "ended" };
                let problem = r.problem.as_deref().map(|p| format!("  [damaged: {p}]")).unwrap_or_default();
                let simulated = if r.simulated { "  SIMULATED (training)" } else { "" };
                let started = r.started_at.map_or_else(|| "?".to_string(), |t| t.human());
                let entered = r.case_reference.as_deref().map_or_else(|| "not entered".into(), |c| format!("ref {c}"));
                let _ = writeln!(
                    out,
                    "{}  {state}  {started:<25} {:<20} {} ticked  {entered}{simulated}{problem}",
                    r.id,
                    r.pack.as_deref().unwrap_or("?"),
                    r.ticks.unwrap_or(0)
                );
                let mut about = Vec::new();
                if !r.children.is_empty() {
                    about.push(r.children.join(", "));
                }
                if let Some(h) = r.highest_level_indicated {
                    about.push(format!("up to level {h}"));
                }
                if r.alert {
                    about.push("ALERT raised".into());
                }
                if !r.outcomes.is_empty() {
                    about.push(format!("outcome: {}", r.outcomes.join("; ")));
                }
                for c in &r.clocks {
                    let due = c.due_by.as_ref().map_or_else(|| "?".to_string(), LocalTime::human);
                    let state = if c.state == "overdue" { "OVERDUE".to_string() } else { c.state.to_string() };
                    about.push(format!("{} due {due} ({state})", c.name));
                }
                if !about.is_empty() {
                    let _ = writeln!(out, "    {}", about.join(" · "));
                }
            }
            if records.is_empty() {
                let which = if only.open || only.overdue || only.not_entered || only.since.is_some() {
                    "that match "
                } else {
                    ""
                };
                let _ = writeln!(out, "no call records {which}in {}", store.dir.display());
            }
            Outcome::ok(out)
        }
    }
}

fn export_record(library: &Library, store: &Store, id: &str, format: MdOrJson, output: Option<PathBuf>) -> Outcome {
    let Some(record) = find(store, id) else { return Outcome::failed(format!("no call record {id:?}\n"), 2) };
    let replayed = match record.replayed {
        Ok(r) => r,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", record.path.display()), 1),
    };
    let pack = match library.open(&replayed.call.pack.id) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::failed(format!("the record's pack cannot be opened: {err}\n"), 1),
    };
    let calendar = calendar_for(&pack, &library.calendars);
    let exported = match export::record(&pack, &replayed.call, &record.id, calendar) {
        Ok(exported) => exported,
        Err(err) => return Outcome::failed(format!("{}: cannot be exported: {err}\n", record.path.display()), 1),
    };
    let text = match format {
        MdOrJson::Md => export::markdown(&exported),
        MdOrJson::Json => export::json(&exported),
    };
    let stderr = replayed
        .problem
        .map(|p| format!("warning: part of this journal could not be read ({p}); everything else is exported\n"))
        .unwrap_or_default();
    match output {
        None => Outcome { stdout: text, stderr, code: 0 },
        Some(path) => match write_private(&path, &text) {
            Ok(()) => Outcome { stdout: String::new(), stderr, code: 0 },
            Err(err) => Outcome::failed(format!("{}: {err}\n", path.display()), 1),
        },
    }
}

/// Appends the case-system reference to a record's journal. The reference
/// is said back on stdout (it is the case system's, not the child's); the
/// record is named by its id only.
fn mark_entered(store: &mut Store, id: &str, reference: &str) -> Outcome {
    let reference = match crate::call::handler::check_reference(reference) {
        Ok(reference) => reference,
        Err(problem) => return Outcome::failed(format!("--ref: {problem}\n"), 2),
    };
    let Some(record) = find(store, id) else { return Outcome::failed(format!("no call record {id:?}\n"), 2) };
    if let Err(err) = &record.replayed {
        return Outcome::failed(format!("{}: {err}\n", record.id), 1);
    }
    let entry = crate::call::handler::CaseReference { reference: reference.clone(), at: chrono::Utc::now() };
    // A training record lives in its own folder: append through that store.
    let in_training = record.path.parent() != Some(store.dir.as_path());
    let result = match training_store(store).filter(|_| in_training) {
        Some(mut training) => training.mark_entered(&record.path, entry),
        None => store.mark_entered(&record.path, entry),
    };
    match result {
        Ok(()) => Outcome::ok(format!("{} marked entered in the case system: {reference}\n", record.id)),
        Err(err) => Outcome::failed(format!("{}: not marked: {err}\n", record.id), 1),
    }
}

/// `outcome`, with a line in the audit log when it succeeded: the record
/// id as found (never the id or path as typed, which may be a file name the
/// handler chose). A log that cannot be written is said on stderr.
fn audited(outcome: Outcome, store: &Store, id: &str, config: &Config, action: AuditAction) -> Outcome {
    if outcome.code != 0 {
        return outcome;
    }
    let Some(record) = find(store, id) else { return outcome };
    logged(outcome, store, record.id, config, action)
}

/// `outcome`, with `action` on record `id` appended to the audit log; a
/// log that cannot be written is said on stderr.
fn logged(mut outcome: Outcome, store: &Store, id: String, config: &Config, action: AuditAction) -> Outcome {
    let line = AuditLine { at: chrono::Utc::now(), who: who(config), record: id, action };
    if let Err(err) = audit::append(&store.dir, &line) {
        let _ = writeln!(outcome.stderr, "warning: {}: the audit log could not be written: {err}", store.dir.display());
    }
    outcome
}

/// Asks on the terminal why a record is being deleted.
fn ask_reason() -> Option<DeleteReason> {
    eprintln!("Why is it being deleted?");
    for (i, reason) in DeleteReason::ALL.iter().enumerate() {
        eprintln!("  {} {}", i + 1, reason.label());
    }
    eprint!("Type 1-{}: ", DeleteReason::ALL.len());
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok()?;
    let n: usize = answer.trim().parse().ok()?;
    DeleteReason::ALL.get(n.checked_sub(1)?).copied()
}

fn delete(store: &Store, id: &str, reason: Option<DeleteReason>, yes: bool, config: &Config) -> Outcome {
    let training = training_store(store);
    let in_folder = |r: &Record| {
        let parent = r.path.parent();
        parent == Some(store.dir.as_path()) || training.as_ref().is_some_and(|t| parent == Some(t.dir.as_path()))
    };
    let Some(record) = find(store, id).filter(in_folder) else {
        return Outcome::failed(format!("no call record {id:?} in {}\n", store.dir.display()), 2);
    };
    let reason = match (reason, yes) {
        (Some(reason), _) => reason,
        (None, true) => return Outcome::failed("say why with --reason (see --help); not deleted\n".into(), 2),
        (None, false) => match ask_reason() {
            Some(reason) => reason,
            None => return Outcome::failed("no reason given; not deleted\n".into(), 1),
        },
    };
    if !yes {
        eprint!("Delete call record {} for good? Type yes to delete: ", record.id);
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim() != "yes" {
            return Outcome::failed("not deleted\n".into(), 1);
        }
    }
    if let Err(err) = std::fs::remove_file(&record.path) {
        return Outcome::failed(format!("{}: {err}\n", record.path.display()), 1);
    }
    // The 0600 copies a restore kept of a damaged journal are the same
    // record: deleting it deletes them.
    let mut out = format!("deleted {}\n", record.id);
    for copy in crate::call::store::damaged_copies(&record.path) {
        match std::fs::remove_file(&copy) {
            Ok(()) => out.push_str("deleted its damaged copy\n"),
            Err(err) => return Outcome::failed(format!("{out}{}: {err}\n", copy.display()), 1),
        }
    }
    logged(Outcome::ok(out), store, record.id, config, AuditAction::Delete { reason })
}

/// `record purge`: deletes the ended records entered in the case system
/// whose retention (the config's, set by the council's information-
/// governance team) has passed, with their damaged copies; one audit line
/// each. Lists what it will delete — id, local end, case reference, never a
/// name — and what it keeps and why, then asks, unless `yes`.
fn purge(library: &Library, store: &Store, yes: bool, config: &Config, now: Now) -> Outcome {
    let Some(days) = config.retention_days else {
        // Not an error: until the council decides, keeping is the rule.
        return Outcome::ok(
            "no retention is set, so nothing is deleted. How long a record entered in the case system is \
             kept is decided by your council's information-governance team; set it as `retention_days` in \
             the config file (see docs/config.example.ron), e.g. retention_days: 30\n"
                .into(),
        );
    };
    let planned = crate::call::retention::plan(library, &store.dir, days, now);
    let (doomed, kept): (Vec<_>, Vec<_>) = planned.iter().partition(|p| p.deleted());
    let mut listing = String::new();
    let day_s = if days == 1 { "" } else { "s" };
    for p in &doomed {
        let r = &p.row;
        let ended = r.ended.map_or_else(|| "?".into(), |t| crate::hours::local::human(t, r.zone));
        let simulated = if r.simulated { "  SIMULATED (training)" } else { "" };
        let reference = r.case_reference.as_deref().unwrap_or("?");
        let _ = writeln!(listing, "delete  {}  ended {ended}  ref {reference}{simulated}", r.id);
    }
    for p in &kept {
        let why = p.kept.as_ref().map(|k| k.why(p.row.zone)).unwrap_or_default();
        let _ = writeln!(listing, "keep    {}  {why}", p.row.id);
    }
    if doomed.is_empty() {
        let _ = writeln!(listing, "nothing to purge: no ended, entered record is older than {days} day{day_s}");
        return Outcome::ok(listing);
    }
    let mut out = String::new();
    if yes {
        out = listing;
    } else {
        print!("{listing}");
        let _ = std::io::stdout().flush();
        eprint!("Delete these {} record(s) for good? Type yes to delete: ", doomed.len());
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim() != "yes" {
            return Outcome::failed("not deleted\n".into(), 1);
        }
    }
    let mut outcome = Outcome::ok(String::new());
    for p in doomed {
        let action = AuditAction::Purge { retention_days: days };
        match delete_with_copies(&p.row.path) {
            Ok(copies) => {
                let copies = if copies == 0 { String::new() } else { format!(" and {copies} damaged copy(ies)") };
                let _ = writeln!(out, "deleted {}{copies}", p.row.id);
                outcome = logged(outcome, store, p.row.id.clone(), config, action);
            }
            Err(err) => {
                let _ = writeln!(outcome.stderr, "{}: not deleted: {err}", p.row.id);
                outcome.code = 1;
            }
        }
    }
    outcome.stdout = out;
    outcome
}

/// Deletes a record, then the copies a restore kept of it; how many copies.
fn delete_with_copies(path: &Path) -> std::io::Result<usize> {
    std::fs::remove_file(path)?;
    let copies = crate::call::store::damaged_copies(path);
    for copy in &copies {
        std::fs::remove_file(copy)?;
    }
    Ok(copies.len())
}
