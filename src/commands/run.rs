//! `dutygrid run` (and no command at a terminal): the full-screen app.

use std::path::PathBuf;

use super::Outcome;
use crate::app::contact_now::calendar_for;
use crate::app::{RestoreOffer, Session, State};
use crate::call::store::{Record, Store, Unfinished};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::hours::at::parse_at;
use crate::keymap::Keymap;
use crate::pack::Pack;
use crate::pack::library::{DEFAULT_PACK, Library};
use crate::pack::resolve::pack_zone;
use crate::tui::{self, Clock};

pub fn run(library: Library, args: &RunArgs, config: &Config, records_dir: Option<PathBuf>) -> Outcome {
    // Before the folder is opened, which tightens it silently.
    let health = records_dir.as_deref().map(crate::call::health::check_and_fix).unwrap_or_default();
    // A simulated-clock call is training: kept apart from the real records.
    let records_dir =
        if args.at.is_some() { records_dir.map(|d| super::record::training_dir(&d)) } else { records_dir };
    let store = records_dir.as_deref().map(Store::open);
    let (mut store, store_problem) = match store {
        Some(Ok(store)) => (Some(store), None),
        Some(Err(err)) => (None, Some(format!("NOT SAVED: records folder: {err} (tried again at every change)"))),
        None => (None, Some("NOT SAVED: no records folder could be found".to_string())),
    };
    // Every unfinished call, locked for this process while it is offered;
    // those another dutygrid holds are named, never offered or written.
    let unfinished = store.as_mut().map(Store::unfinished).unwrap_or_default();
    let pack_id = args.pack.clone().or_else(|| config.pack.clone()).unwrap_or_else(|| DEFAULT_PACK.to_string());
    let (pack, source) = match library.open(&pack_id) {
        Ok(opened) => opened,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let keymap_name = args.keymap.as_deref().or(config.keymap.as_deref()).unwrap_or("default");
    let keymap = match Keymap::open(keymap_name) {
        Ok(keymap) => keymap,
        Err(problems) => return Outcome::failed(format!("{problems}\n"), 1),
    };
    let clock = match args.at.as_deref().map(|at| parse_at(at, pack_zone(&pack))) {
        None => Clock::real(),
        Some(Ok(instant)) => Clock::simulated(instant.utc),
        Some(Err(err)) => return Outcome::failed(format!("--at: {err}\n"), 1),
    };
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    // Oddities in the packs folder are said once, where the handler looks.
    let pack_warnings = (!library.warnings.is_empty())
        .then(|| format!("{} warning(s) about the packs folder: see dutygrid pack list", library.warnings.len()));
    let (offers, held, zones) = unfinished_calls(&pack, &library, unfinished);
    let state = State::for_session(Session {
        pack,
        calendar,
        keymap,
        now: clock.now(),
        simulated: clock.simulated,
        present: args.present,
        training: None,
        pack_choices: library.known_ids(),
        pack_origin: (!source.is_builtin()).then(|| source.describe()),
        status: store_problem
            .or_else(|| start_notice(&health, &library, args, config, records_dir.as_deref(), &clock))
            .or(pack_warnings),
        offers,
        held,
        zones,
        handler: config.handler.clone(),
        clock: config.clock,
    });
    let retry_dir = if store.is_none() { records_dir } else { None };
    match tui::run(state, clock, store, retry_dir, library, config.clone()) {
        // The full findings, where they can be read once the screen is gone.
        Ok(()) => Outcome::failed(health.iter().map(|f| format!("warning: records folder: {f}\n")).collect(), 0),
        Err(err) => Outcome::failed(format!("dutygrid: {err}\n"), 1),
    }
}

/// The unfinished calls to offer, newest first; those another process
/// holds, named; and the zone of each offered call's pack.
type Offered = (Vec<RestoreOffer>, Vec<String>, Vec<(String, chrono_tz::Tz)>);

fn unfinished_calls(pack: &Pack, library: &Library, unfinished: Unfinished) -> Offered {
    let started = |record: &Record, zone: chrono_tz::Tz| {
        record.replayed.as_ref().ok().map_or_else(
            || "at an unknown time".to_string(),
            |r| format!("started {}", crate::hours::local::human(r.call.started_at, zone)),
        )
    };
    let (here, here_zone) = (pack.id.clone(), pack_zone(pack));
    let zone_of = |id: &str| {
        if id == here { Some(here_zone) } else { library.open(id).ok().map(|(pack, _)| pack_zone(&pack)) }
    };
    let mut zones: Vec<(String, chrono_tz::Tz)> = Vec::new();
    let mut held = Vec::new();
    let mut offers = Vec::new();
    for h in unfinished.held {
        let pack = h.record.replayed.as_ref().map(|r| r.call.pack.id.clone()).unwrap_or_default();
        let zone = zone_of(&pack).unwrap_or(chrono_tz::UTC);
        let who = h.pid.map_or_else(|| "another dutygrid".to_string(), |pid| format!("dutygrid pid {pid}"));
        held.push(format!("Unfinished call {} is held by {who}: not offered here", started(&h.record, zone)));
    }
    for record in unfinished.claimed {
        let Ok(replayed) = record.replayed else { continue };
        let id = replayed.call.pack.id.clone();
        if !zones.iter().any(|(p, _)| *p == id)
            && let Some(zone) = zone_of(&id)
        {
            zones.push((id, zone));
        }
        offers.push(RestoreOffer { path: record.path, call: replayed.call, problem: replayed.problem });
    }
    (offers, held, zones)
}

/// What the footer says on start about the records folder: what its health
/// check found, and the real calls not entered in the case system though
/// the day team should have them by now (not on a simulated clock, whose
/// "now" is made up).
fn start_notice(
    health: &[crate::call::health::Finding],
    library: &Library,
    args: &RunArgs,
    config: &Config,
    records_dir: Option<&std::path::Path>,
    clock: &Clock,
) -> Option<String> {
    let overdue = records_dir
        .filter(|_| args.at.is_none())
        .and_then(|dir| crate::call::retention::overdue_for_entry(library, dir, config.handover_by(), clock.now()))
        .map(|o| o.notice());
    // What the handler must act on first; what was fixed is also said at exit.
    let said: Vec<String> = overdue.into_iter().chain(crate::call::health::summary(health)).collect();
    (!said.is_empty()).then(|| said.join(" · "))
}
