//! `dutygrid run` (and no command at a terminal): the full-screen app.

use std::path::PathBuf;

use super::Outcome;
use crate::app::contact_now::calendar_for;
use crate::app::{RestoreOffer, State};
use crate::call::store::{Record, Store};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::hours::at::parse_at;
use crate::hours::resolve::pack_zone;
use crate::keymap::Keymap;
use crate::pack::library::{DEFAULT_PACK, Library};
use crate::tui::{self, Clock};

pub fn run(library: Library, args: &RunArgs, config: &Config, records_dir: Option<PathBuf>) -> Outcome {
    // A simulated-clock call is training: kept apart from the real records.
    let records_dir =
        if args.at.is_some() { records_dir.map(|d| super::record::training_dir(&d)) } else { records_dir };
    let store = records_dir.as_deref().map(Store::open);
    let (store, store_problem) = match store {
        Some(Ok(store)) => (Some(store), None),
        Some(Err(err)) => (None, Some(format!("NOT SAVED: records folder: {err}"))),
        None => (None, Some("NOT SAVED: no records folder could be found".to_string())),
    };
    // The newest unfinished call; without --pack, its pack is opened so it
    // can be offered back.
    let open_call: Option<Record> = store.as_ref().and_then(|s| s.records().into_iter().rfind(Record::is_open));
    let open_pack = open_call.as_ref().and_then(|r| r.replayed.as_ref().ok()).map(|r| r.call.pack.id.clone());
    let pack_id =
        args.pack.clone().or(open_pack).or_else(|| config.pack.clone()).unwrap_or_else(|| DEFAULT_PACK.to_string());
    let pack = match library.open(&pack_id) {
        Ok((pack, _)) => pack,
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
    let mut state = State::new(pack, calendar, keymap, clock.now(), clock.simulated);
    state.status = store_problem;
    state.present = args.present;
    if let Some(Record { path, replayed: Ok(replayed), .. }) = open_call
        && replayed.call.pack.id == state.pack.id
    {
        state.offer_restore(RestoreOffer { path, call: replayed.call, problem: replayed.problem });
    }
    state.pack_choices = library.known_ids();
    match tui::run(state, clock, store, library) {
        Ok(()) => Outcome::default(),
        Err(err) => Outcome::failed(format!("dutygrid: {err}\n"), 1),
    }
}
