//! The built-in keymaps as they ship: their bindings once parsed and
//! checked, as JSON (`keymaps/*.json`, written from the RON by the test
//! that proves they match: `DUTYGRID_BLESS=1 cargo test --test keymaps`).
//! Parsing the default keymap's RON and checking it was a third of a
//! start's work before its first frame; reading its bindings back from JSON
//! is a fraction of that. JSON, not postcard: actions are written by name,
//! so the many `Action` variants no keymap binds cannot shift their indices.

use std::collections::HashMap;

use super::chord::KeyChord;
use super::{Context, Keymap};
use crate::action::Action;

/// Each context by its keymap-file name, with its chords in binding order.
type Bindings = Vec<(String, Vec<(String, Action)>)>;

/// The keymap's bindings as JSON, one context to a line, in `Context::all`
/// order (so the file is the same for the same keymap).
pub fn to_json(keymap: &Keymap) -> String {
    let mut out = String::from("[\n");
    for (n, context) in Context::all().enumerate() {
        let bindings: Vec<(String, &Action)> = keymap
            .bindings
            .get(&context)
            .into_iter()
            .flatten()
            .map(|(chord, action)| (chord.to_string(), action))
            .collect();
        let name: &'static str = context.into();
        let line = serde_json::to_string(&(name, bindings)).unwrap_or_default();
        out.push_str(&line);
        out.push_str(if n + 1 < Context::all().count() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

/// The keymap `to_json` wrote; `None` if the text is not one (the caller
/// then parses the RON, which says what is wrong).
pub fn from_json(text: &str) -> Option<Keymap> {
    let contexts: Bindings = serde_json::from_str(text).ok()?;
    // Every context, as `to_json` writes them: a file cut short is no keymap.
    if contexts.len() != Context::all().count() {
        return None;
    }
    let mut bindings = HashMap::new();
    for (name, chords) in contexts {
        let context: Context = name.parse().ok()?;
        let chords: Option<Vec<(KeyChord, Action)>> =
            chords.into_iter().map(|(chord, action)| Some((chord.parse().ok()?, action))).collect();
        bindings.insert(context, chords?);
    }
    Some(Keymap::from_bindings(bindings))
}
