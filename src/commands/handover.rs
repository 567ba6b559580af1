//! `dutygrid handover`: the shift's calls for the day team, as Markdown or
//! JSON, on standard output or in a 0600 file; each one made leaves a line
//! in the audit log naming the records it holds, and nothing about them.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{Outcome, who, write_private};
use crate::call::audit::{self, AuditAction, AuditLine, HANDOVER};
use crate::call::handover;
use crate::call::shift::{Packs, shift_since};
use crate::call::store::Store;
use crate::cli::MdOrJson;
use crate::config::Config;
use crate::export::{handover_json, handover_markdown};
use crate::pack::library::Library;

/// What the command line asked for.
pub struct Args {
    pub since: Option<String>,
    pub format: MdOrJson,
    pub output: Option<PathBuf>,
    pub at: Option<String>,
}

/// `clock` is the real time: the handover's own unless `--at` sets one,
/// and always the audit line's.
pub fn handover(
    library: &Library,
    dir: Option<PathBuf>,
    args: &Args,
    config: &Config,
    clock: DateTime<Utc>,
) -> Outcome {
    let Some(dir) = dir else { return Outcome::failed("no records folder could be found\n".into(), 1) };
    let store = match Store::open(&dir) {
        Ok(store) => store,
        Err(err) => return Outcome::failed(format!("{}: {err}\n", dir.display()), 1),
    };
    let zone = handover::desk_zone(&mut Packs::new(library), config);
    let parse = |flag: &str, text: &str| {
        crate::hours::at::parse_at(text, zone)
            .map(|t| t.utc)
            .map_err(|err| Outcome::failed(format!("{flag}: {err}\n"), 2))
    };
    let now = match args.at.as_deref().map(|t| parse("--at", t)).transpose() {
        Ok(at) => at.unwrap_or(clock),
        Err(outcome) => return outcome,
    };
    let since = match args.since.as_deref().map(|t| parse("--since", t)).transpose() {
        Ok(since) => since.unwrap_or_else(|| shift_since(&store.dir, now)),
        Err(outcome) => return outcome,
    };
    if since > now {
        return Outcome::failed("--since: that is after the handover's time; nothing could be in it\n".into(), 2);
    }
    let mut made = match handover::build(library, &store.dir, since, now, config) {
        Ok(made) => made,
        Err(err) => return Outcome::failed(format!("--since or --at: {err}\n"), 2),
    };
    made.simulated_clock = args.at.is_some();
    let (text, format) = match args.format {
        MdOrJson::Md => (handover_markdown(&made), "md"),
        MdOrJson::Json => (handover_json(&made), "json"),
    };
    let mut outcome = match &args.output {
        None => Outcome::ok(text),
        Some(path) => match write_private(path, &text) {
            Ok(()) => Outcome::ok(String::new()),
            Err(err) => return Outcome::failed(format!("{}: {err}\n", path.display()), 1),
        },
    };
    if made.counts.damaged > 0 {
        let _ = writeln!(
            outcome.stderr,
            "warning: {} record(s) could not be read; the handover lists them at the end",
            made.counts.damaged
        );
    }
    let records = made.calls.iter().map(|c| c.record_id.clone()).collect();
    let line = AuditLine {
        at: clock,
        who: who(config),
        record: HANDOVER.into(),
        action: AuditAction::Handover { format: format.into(), to_file: args.output.is_some(), records },
    };
    if let Err(err) = audit::append(&store.dir, &line) {
        let _ = writeln!(outcome.stderr, "warning: {}: the audit log could not be written: {err}", store.dir.display());
    }
    outcome
}
