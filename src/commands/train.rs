//! `dutygrid train`: the scenarios, and a training session on one of them.

use std::fmt::Write as _;
use std::path::Path;

use super::Outcome;
use crate::app::contact_now::calendar_for;
use crate::app::{Session, State};
use crate::cli::RunArgs;
use crate::config::Config;
use crate::hours::at::parse_at;
use crate::keymap::Keymap;
use crate::pack::library::{Library, files_with_extension};
use crate::pack::resolve::pack_zone;
use crate::text::clean_line;
use crate::train::{BUILTIN_SCENARIOS, Scenario, load};
use crate::tui::{self, Clock};

/// Built-in scenarios and those in `<packs dir>/scenarios/`, each with
/// where it came from, loaded or with its problems.
fn scenarios(library: &Library, packs_dir: Option<&Path>) -> Vec<(String, Result<Scenario, String>)> {
    let open = |id: &str| library.open(id).ok().map(|(p, _)| p);
    let mut out: Vec<(String, Result<Scenario, String>)> = BUILTIN_SCENARIOS
        .iter()
        .map(|(name, source)| {
            let label = format!("builtin:scenarios/{name}");
            (label.clone(), load(&label, source.as_bytes().to_vec(), open).map_err(|d| d.to_string()))
        })
        .collect();
    if let Some(dir) = packs_dir {
        for path in files_with_extension(&dir.join("scenarios"), "ron") {
            let label = path.display().to_string();
            let result = crate::fsread::read_or_diagnose(&path).map_err(|d| d.to_string());
            out.push((label.clone(), result.and_then(|bytes| load(&label, bytes, open).map_err(|d| d.to_string()))));
        }
    }
    out
}

pub fn list(library: &Library, packs_dir: Option<&Path>) -> Outcome {
    let mut outcome = Outcome::default();
    for (label, scenario) in scenarios(library, packs_dir) {
        match scenario {
            Ok(s) => {
                let _ = writeln!(
                    outcome.stdout,
                    "{:<34} {:<22} {}  {}",
                    clean_line(&s.id),
                    clean_line(&s.pack),
                    clean_line(&s.at),
                    clean_line(&s.title)
                );
            }
            Err(problems) => {
                let _ = writeln!(outcome.stderr, "{}: {problems}", clean_line(&label));
            }
        }
    }
    outcome
}

pub fn train(library: Library, packs_dir: Option<&Path>, id: &str, args: &RunArgs, config: &Config) -> Outcome {
    let found = if Path::new(id).is_file() {
        let open = |p: &str| library.open(p).ok().map(|(pack, _)| pack);
        Some(
            crate::fsread::read_or_diagnose(Path::new(id))
                .map_err(|d| d.to_string())
                .and_then(|b| load(id, b, open).map_err(|d| d.to_string())),
        )
    } else {
        scenarios(&library, packs_dir).into_iter().map(|(_, s)| s).find(|s| s.as_ref().is_ok_and(|s| s.id == id))
    };
    let scenario = match found {
        Some(Ok(scenario)) => scenario,
        Some(Err(problems)) => return Outcome::failed(format!("{problems}\n"), 1),
        None => return Outcome::failed(format!("no scenario {id:?}; `dutygrid train` lists them\n"), 2),
    };
    let pack = match library.open(&scenario.pack) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let keymap = match Keymap::open(args.keymap.as_deref().or(config.keymap.as_deref()).unwrap_or("default")) {
        Ok(keymap) => keymap,
        Err(problems) => return Outcome::failed(format!("{problems}\n"), 1),
    };
    let start = match parse_at(&scenario.at, pack_zone(&pack)) {
        Ok(instant) => instant.utc,
        Err(err) => return Outcome::failed(format!("scenario {}: {err}\n", scenario.id), 1),
    };
    let clock = Clock::simulated(start);
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    let state = State::for_session(Session {
        calendar,
        simulated: true,
        present: args.present,
        training: Some(scenario),
        pack_choices: library.known_ids(),
        clock: config.clock,
        ..Session::new(pack, keymap, start)
    });
    match tui::run(state, clock, None, None, library, config.clone()) {
        Ok(()) => Outcome::default(),
        Err(err) => Outcome::failed(format!("dutygrid: {err}\n"), 1),
    }
}
