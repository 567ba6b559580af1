//! `dutygrid keymap check`.

use std::path::PathBuf;

use super::{Outcome, check_file};
use crate::keymap::Keymap;

pub fn check(paths: &[PathBuf]) -> Outcome {
    let mut outcome = Outcome::default();
    for path in paths {
        check_file(path, &mut outcome, Keymap::parse, |_| String::new());
    }
    outcome
}
