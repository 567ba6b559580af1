//! `dutygrid keymap check`.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::Outcome;
use crate::keymap::Keymap;

pub fn check(paths: &[PathBuf]) -> Outcome {
    let mut outcome = Outcome::default();
    for path in paths {
        let label = path.display().to_string();
        let result = match std::fs::read(path) {
            Ok(bytes) => Keymap::parse(&label, bytes),
            Err(err) => {
                let _ = writeln!(outcome.stderr, "{label}:1:1: cannot read: {err}");
                outcome.code = 1;
                continue;
            }
        };
        match result {
            Ok(_) => {
                let _ = writeln!(outcome.stdout, "{label}: ok");
            }
            Err(problems) => {
                let _ = writeln!(outcome.stderr, "{problems}");
                outcome.code = 1;
            }
        }
    }
    outcome
}
