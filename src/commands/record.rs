//! `dutygrid record list|export|delete`.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::{Outcome, json};
use crate::app::contact_now::calendar_for;
use crate::call::store::{Record, Store};
use crate::cli::{MdOrJson, RecordCommand, TextOrJson};
use crate::export;
use crate::pack::library::Library;

pub fn record(library: &Library, dir: Option<PathBuf>, command: RecordCommand) -> Outcome {
    let Some(dir) = dir else { return Outcome::failed("no records folder could be found\n".into(), 1) };
    let store = match Store::open(&dir) {
        Ok(store) => store,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", dir.display()), 1),
    };
    match command {
        RecordCommand::List { format } => list(&store, format),
        RecordCommand::Export { record, format, output } => export_record(library, &store, &record, format, output),
        RecordCommand::Delete { record, yes } => delete(&store, &record, yes),
    }
}

#[derive(Serialize)]
struct Listed {
    id: String,
    path: String,
    pack: Option<String>,
    started_at: Option<String>,
    ended_at: Option<String>,
    open: bool,
    ticks: Option<usize>,
    problem: Option<String>,
}

fn listed(record: &Record) -> Listed {
    let ok = record.replayed.as_ref().ok();
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Listed {
        id: record.id.clone(),
        path: record.path.display().to_string(),
        pack: ok.map(|r| r.call.pack.id.clone()),
        started_at: ok.map(|r| stamp(r.call.started_at)),
        ended_at: ok.and_then(|r| r.call.ended_at.map(stamp)),
        open: record.is_open(),
        ticks: ok.map(|r| r.call.ticked().len()),
        problem: match &record.replayed {
            Ok(r) => r.problem.clone(),
            Err(e) => Some(e.clone()),
        },
    }
}

fn list(store: &Store, format: TextOrJson) -> Outcome {
    let records: Vec<Listed> = store.records().iter().map(listed).collect();
    match format {
        TextOrJson::Json => Outcome::ok(json(&records)),
        TextOrJson::Text => {
            let mut out = String::new();
            for r in &records {
                let state = if r.open { "OPEN " } else { "ended" };
                let problem = r.problem.as_deref().map(|p| format!("  [damaged: {p}]")).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}  {state}  {}  {:<20} {} ticked{problem}",
                    r.id,
                    r.started_at.as_deref().unwrap_or("?"),
                    r.pack.as_deref().unwrap_or("?"),
                    r.ticks.unwrap_or(0)
                );
            }
            if records.is_empty() {
                let _ = writeln!(out, "no call records in {}", store.dir.display());
            }
            Outcome::ok(out)
        }
    }
}

fn export_record(library: &Library, store: &Store, id: &str, format: MdOrJson, output: Option<PathBuf>) -> Outcome {
    let Some(record) = store.find(id) else { return Outcome::failed(format!("no call record {id:?}\n"), 2) };
    let replayed = match record.replayed {
        Ok(r) => r,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", record.path.display()), 1),
    };
    let pack = match library.open(&replayed.call.pack.id) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::failed(format!("the record's pack cannot be opened: {err}\n"), 1),
    };
    let calendar = calendar_for(&pack, &library.calendars);
    let exported = export::record(&pack, &replayed.call, &record.id, calendar);
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

fn delete(store: &Store, id: &str, yes: bool) -> Outcome {
    let Some(record) = store.find(id).filter(|r| r.path.parent() == Some(store.dir.as_path())) else {
        return Outcome::failed(format!("no call record {id:?} in {}\n", store.dir.display()), 2);
    };
    if !yes {
        eprint!("Delete call record {} for good? Type yes to delete: ", record.id);
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if answer.trim() != "yes" {
            return Outcome::failed("not deleted\n".into(), 1);
        }
    }
    match std::fs::remove_file(&record.path) {
        Ok(()) => Outcome::ok(format!("deleted {}\n", record.id)),
        Err(err) => Outcome::failed(format!("{}: {err}\n", record.path.display()), 1),
    }
}
