//! `dutygrid run` (and no command at a terminal): the full-screen app.

use super::Outcome;
use crate::app::State;
use crate::app::contact_now::calendar_for;
use crate::cli::RunArgs;
use crate::hours::at::parse_at;
use crate::hours::resolve::pack_zone;
use crate::keymap::Keymap;
use crate::pack::library::{DEFAULT_PACK, Library};
use crate::tui::{self, Clock};

pub fn run(library: &Library, args: &RunArgs) -> Outcome {
    let pack = match library.open(args.pack.as_deref().unwrap_or(DEFAULT_PACK)) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let keymap = match Keymap::open(&args.keymap) {
        Ok(keymap) => keymap,
        Err(problems) => return Outcome::failed(format!("{problems}\n"), 1),
    };
    let clock = match args.at.as_deref().map(|at| parse_at(at, pack_zone(&pack))) {
        None => Clock::real(),
        Some(Ok(instant)) => Clock::simulated(instant.utc),
        Some(Err(err)) => return Outcome::failed(format!("--at: {err}\n"), 1),
    };
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let state = State::new(pack, calendar, keymap, clock.now(), clock.simulated);
    match tui::run(state, clock) {
        Ok(()) => Outcome::default(),
        Err(err) => Outcome::failed(format!("dutygrid: {err}\n"), 1),
    }
}
