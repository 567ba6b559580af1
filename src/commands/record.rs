//! `dutygrid record list|export|mark-entered|delete`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Serialize;

use super::{Outcome, json};
use crate::app::contact_now::calendar_for;
use crate::call::audit::{self, AuditAction, AuditLine, DeleteReason};
use crate::call::store::{Record, Store};
use crate::cli::{MdOrJson, RecordCommand, TextOrJson};
use crate::config::Config;
use crate::export;
use crate::hours::local::LocalTime;
use crate::pack::library::Library;
use crate::pack::resolve::pack_zone;

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
    let mut store = match Store::open(&dir) {
        Ok(store) => store,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", dir.display()), 1),
    };
    match command {
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
    }
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
    fn keeps(&self, r: &Listed, started: Option<chrono::DateTime<chrono::Utc>>) -> bool {
        (!self.open || r.open)
            && (!self.overdue || r.clocks.iter().any(|c| c.state == "overdue"))
            && (!self.not_entered || r.case_reference.is_none())
            && self.since.is_none_or(|since| started.is_some_and(|s| s >= since))
    }
}

/// The pack a record was taken on, with its calendar, opened once per pack.
fn pack_of<'a>(library: &Library, packs: &'a mut Packs, id: &str) -> Option<&'a PackAndCalendar> {
    packs
        .entry(id.to_string())
        .or_insert_with(|| {
            library.open(id).ok().map(|(pack, _)| {
                let calendar = calendar_for(&pack, &library.calendars).cloned();
                (pack, calendar)
            })
        })
        .as_ref()
}

/// The zone of each pack named by the records, opened once per pack; a pack
/// that cannot be opened shows its records in UTC, saying so.
struct Zones<'a> {
    library: &'a Library,
    known: HashMap<String, Tz>,
}

impl Zones<'_> {
    fn of(&mut self, pack_id: &str) -> Tz {
        let library = self.library;
        *self
            .known
            .entry(pack_id.to_string())
            .or_insert_with(|| library.open(pack_id).map_or(chrono_tz::UTC, |(pack, _)| pack_zone(&pack)))
    }
}

fn listed(record: &Record, training: bool, zones: &mut Zones<'_>, packs: &mut Packs, now: Now) -> Listed {
    let ok = record.replayed.as_ref().ok();
    let zone = ok.map_or(chrono_tz::UTC, |r| zones.of(&r.call.pack.id));
    let opened = ok.and_then(|r| pack_of(zones.library, packs, &r.call.pack.id).map(|p| (r, p)));
    let (children, highest_level_indicated, clocks) = match opened {
        Some((r, (pack, calendar))) => {
            let call = &r.call;
            let clocks = crate::call::clocks::clocks(pack, call, calendar.as_ref())
                .into_iter()
                .map(|c| {
                    use crate::call::clocks::Outcome as Done;
                    let state = match c.outcome {
                        Done::Met(_) => "met",
                        Done::NotMet(_) => "not met",
                        _ if c.due.is_some_and(|due| due < now) => "overdue",
                        _ => "open",
                    };
                    let due_by = c.due.and_then(|d| LocalTime::new(d, zone).ok());
                    ListedClock { name: crate::text::clean_line(c.short_name()), due_by, state }
                })
                .collect();
            let children = call
                .household
                .children
                .iter()
                .map(|c| crate::text::clean_line(&c.name_and_age(call.today())))
                .collect();
            let highest = crate::call::summary::summarise(pack, call).highest.map(|h| h + 1);
            (children, highest, clocks)
        }
        None => (Vec::new(), None, Vec::new()),
    };
    let started = ok.map(|r| LocalTime::new(r.call.started_at, zone));
    let ended = ok.and_then(|r| r.call.ended_at).map(|t| LocalTime::new(t, zone));
    let out_of_range = [started.clone(), ended.clone()].into_iter().flatten().find_map(Result::err);
    Listed {
        id: record.id.clone(),
        path: record.path.display().to_string(),
        pack: ok.map(|r| r.call.pack.id.clone()),
        started_at: started.and_then(Result::ok),
        ended_at: ended.and_then(Result::ok),
        open: record.is_open(),
        simulated: training || ok.is_some_and(|r| r.call.simulated),
        ticks: ok.map(|r| r.call.ticked().len()),
        case_reference: ok.and_then(|r| r.call.case_reference()).map(|c| crate::text::clean_line(&c.reference)),
        children,
        highest_level_indicated,
        alert: ok.is_some_and(|r| !r.call.alerts.is_empty()),
        outcomes: ok
            .map(|r| r.call.outcomes.current().map(|o| crate::text::clean_line(&o.label)).collect())
            .unwrap_or_default(),
        clocks,
        problem: match (&record.replayed, out_of_range) {
            (Err(e), _) => Some(e.to_string()),
            (Ok(_), Some(e)) => Some(e.to_string()),
            (Ok(r), None) => r.problem.clone(),
        },
    }
}

type PackAndCalendar = (crate::pack::Pack, Option<crate::hours::calendar::Calendar>);
type Packs = HashMap<String, Option<PackAndCalendar>>;
type Now = chrono::DateTime<chrono::Utc>;

fn list(library: &Library, store: &Store, format: TextOrJson, only: &Only, now: Now) -> Outcome {
    let mut zones = Zones { library, known: HashMap::new() };
    let mut packs = Packs::new();
    let training = training_store(store).map(|t| t.records()).unwrap_or_default();
    let real = store.records().into_iter().map(|r| (r, false));
    let records: Vec<Listed> = real
        .chain(training.into_iter().map(|r| (r, true)))
        .filter_map(|(r, t)| {
            let started = r.replayed.as_ref().ok().map(|x| x.call.started_at);
            let listed = listed(&r, t, &mut zones, &mut packs, now);
            only.keeps(&listed, started).then_some(listed)
        })
        .collect();
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

/// Writes an export atomically, readable only by its owner.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
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

/// Who the audit log names: the handler from the config file.
fn who(config: &Config) -> String {
    config.handler.as_ref().map_or_else(|| "not set".into(), |h| h.name.clone())
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
