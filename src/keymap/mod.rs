//! Keymaps: which chord does what in each context. Files are RON lists of
//! (chord, action) pairs per context, deserialized straight into [`Action`];
//! a user keymap may extend a built-in one and override its chords.

pub mod chord;
mod safety;

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::action::Action;
use crate::source::diagnostic::Diagnostics;
use crate::source::problem::{Problem, Where};
use crate::source::{locate_problems, parse_ron};
use chord::KeyChord;

/// Where keys are read: the topmost screen decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Grid,
    Immediate,
    Banner,
    Help,
    Confirm,
    /// The call details form; unbound keys type into its text fields.
    Details,
    /// The notes; unbound keys type.
    Notes,
    /// The decision screen; unbound keys type into its text fields.
    Decision,
    /// The offer to restore a call found on disk.
    Restore,
    /// The search box; unbound keys type.
    Search,
    /// The pack picker.
    Packs,
    /// A training scenario's vignette or key.
    Scenario,
}

impl Context {
    pub const ALL: [Context; 12] = [
        Context::Grid,
        Context::Immediate,
        Context::Banner,
        Context::Help,
        Context::Confirm,
        Context::Details,
        Context::Notes,
        Context::Decision,
        Context::Restore,
        Context::Search,
        Context::Packs,
        Context::Scenario,
    ];

    /// Contexts where a key with no binding is typed text.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Details | Context::Notes | Context::Decision | Context::Search)
    }

    pub fn name(self) -> &'static str {
        match self {
            Context::Grid => "grid",
            Context::Immediate => "immediate",
            Context::Banner => "banner",
            Context::Help => "help",
            Context::Confirm => "confirm",
            Context::Details => "details",
            Context::Notes => "notes",
            Context::Decision => "decision",
            Context::Restore => "restore",
            Context::Search => "search",
            Context::Packs => "packs",
            Context::Scenario => "scenario",
        }
    }
}

pub const BUILTIN_KEYMAPS: &[(&str, &str)] =
    &[("default", include_str!("../../keymaps/default.ron")), ("vim", include_str!("../../keymaps/vim.ron"))];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    /// A built-in keymap these bindings are added to (and override).
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    grid: Vec<(String, Action)>,
    #[serde(default)]
    immediate: Vec<(String, Action)>,
    #[serde(default)]
    banner: Vec<(String, Action)>,
    #[serde(default)]
    help: Vec<(String, Action)>,
    #[serde(default)]
    confirm: Vec<(String, Action)>,
    #[serde(default)]
    details: Vec<(String, Action)>,
    #[serde(default)]
    notes: Vec<(String, Action)>,
    #[serde(default)]
    decision: Vec<(String, Action)>,
    #[serde(default)]
    restore: Vec<(String, Action)>,
    #[serde(default)]
    search: Vec<(String, Action)>,
    #[serde(default)]
    packs: Vec<(String, Action)>,
    #[serde(default)]
    scenario: Vec<(String, Action)>,
}

impl KeymapFile {
    fn context(&self, context: Context) -> &[(String, Action)] {
        match context {
            Context::Grid => &self.grid,
            Context::Immediate => &self.immediate,
            Context::Banner => &self.banner,
            Context::Help => &self.help,
            Context::Confirm => &self.confirm,
            Context::Details => &self.details,
            Context::Notes => &self.notes,
            Context::Decision => &self.decision,
            Context::Restore => &self.restore,
            Context::Search => &self.search,
            Context::Packs => &self.packs,
            Context::Scenario => &self.scenario,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    bindings: HashMap<Context, Vec<(KeyChord, Action)>>,
}

impl Keymap {
    pub fn resolve(&self, context: Context, chord: KeyChord) -> Option<&Action> {
        self.bindings.get(&context)?.iter().find(|(c, _)| *c == chord).map(|(_, a)| a)
    }

    /// The chords bound to `action` in `context`, in file order.
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<KeyChord> {
        self.bindings
            .get(&context)
            .map_or_else(Vec::new, |b| b.iter().filter(|(_, a)| a == action).map(|(c, _)| *c).collect())
    }

    /// Each action of a context with its chords, in the order first bound.
    pub fn actions(&self, context: Context) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for (chord, action) in self.bindings.get(&context).into_iter().flatten() {
            match out.iter_mut().find(|(a, _)| a == action) {
                Some((_, chords)) => chords.push(*chord),
                None => out.push((action.clone(), vec![*chord])),
            }
        }
        out
    }

    /// "space" or "space/enter": the keys for a hint, or "" if unbound.
    pub fn hint(&self, context: Context, action: &Action) -> String {
        self.keys_for(context, action).iter().take(2).map(ToString::to_string).collect::<Vec<_>>().join("/")
    }

    /// A built-in keymap by name ("default", "vim").
    pub fn builtin(name: &str) -> Option<Result<Keymap, Diagnostics>> {
        let (_, source) = BUILTIN_KEYMAPS.iter().find(|(n, _)| *n == name)?;
        Some(Keymap::parse(&format!("builtin:keymaps/{name}.ron"), source.as_bytes().to_vec()))
    }

    /// The default keymap; it is tested, so failing here is a build defect
    /// reported as an empty keymap rather than a panic.
    pub fn default_keymap() -> Keymap {
        Keymap::builtin("default").and_then(Result::ok).unwrap_or_default()
    }

    /// Loads a keymap by built-in name or path.
    pub fn open(name_or_path: &str) -> Result<Keymap, Diagnostics> {
        if let Some(found) = Keymap::builtin(name_or_path) {
            return found;
        }
        let path = Path::new(name_or_path);
        let bytes = crate::fsread::read_file(path)
            .map_err(|err| Diagnostics::whole_file(name_or_path, format!("{err} (built-in keymaps: default, vim)")))?;
        Keymap::parse(name_or_path, bytes)
    }

    pub fn parse(path: &str, bytes: Vec<u8>) -> Result<Keymap, Diagnostics> {
        let (file, source) = parse_ron::<KeymapFile>(path, bytes)?;
        let mut problems = Vec::new();
        let mut keymap = match file.extends.as_deref() {
            None => Keymap::default(),
            Some(base) => match Keymap::builtin(base) {
                Some(Ok(base)) => base,
                _ => {
                    problems.push(Problem {
                        at: Where::Value { field: "extends", value: base.to_string(), nth: 0 },
                        message: format!("unknown built-in keymap {base:?}; known: default, vim"),
                    });
                    Keymap::default()
                }
            },
        };
        let mut overrides: Vec<safety::Override> = Vec::new();
        for context in Context::ALL {
            let mut seen: HashMap<KeyChord, usize> = HashMap::new();
            let mut visits: HashMap<&str, usize> = HashMap::new();
            let own: &mut Vec<(KeyChord, Action)> = keymap.bindings.entry(context).or_default();
            for (text, action) in file.context(context) {
                let nth = visits.entry(text.as_str()).or_insert(0);
                let at = Where::Value { field: context.name(), value: text.clone(), nth: *nth };
                *nth += 1;
                let chord = match text.parse::<KeyChord>() {
                    Ok(chord) => chord,
                    Err(err) => {
                        problems.push(Problem { at, message: err.to_string() });
                        continue;
                    }
                };
                let count = seen.entry(chord).or_insert(0);
                *count += 1;
                if *count == 2 {
                    problems.push(Problem { at, message: format!("{chord} is bound twice in {}", context.name()) });
                    continue;
                }
                if let Some(message) = safety::chord_problem(context, chord, text) {
                    problems.push(Problem { at, message });
                    continue;
                }
                // A file's own binding replaces the one it extends.
                if let Some((_, replaced)) = own.iter().find(|(c, a)| *c == chord && a != action) {
                    overrides.push(safety::Override { context, chord, replaced: replaced.clone(), at: at.clone() });
                }
                own.retain(|(c, _)| *c != chord);
                own.push((chord, action.clone()));
            }
        }
        // Lock-ins are judged on a keymap whose every line was understood.
        if problems.is_empty() {
            problems = safety::lock_ins(
                |context, action| !keymap.keys_for(context, action).is_empty(),
                &overrides,
                |context| keymap.bindings.get(&context).cloned().unwrap_or_default(),
                file.extends.is_some(),
            );
        }
        if problems.is_empty() { Ok(keymap) } else { Err(locate_problems(path, &source, problems)) }
    }
}
