//! Keymaps: which chord does what in each context. Files are RON lists of
//! (chord, action) pairs per context, deserialized straight into [`Action`];
//! a user keymap may extend a built-in one and override its chords.

pub mod chord;
pub mod compiled;
pub mod hints;
mod safety;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use strum::VariantNames;

use crate::action::Action;
use crate::source::diagnostic::Diagnostics;
use crate::source::problem::{Problem, Where};
use crate::source::{locate_problems, parse_ron};
use chord::KeyChord;

/// Where keys are read: the topmost screen decides. The variant names,
/// in snake_case, are the blocks of a keymap file; the enum is the one list
/// of contexts (strum derives the iteration and the names).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumIter,
    strum::EnumCount,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantNames,
)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    Grid,
    Immediate,
    Banner,
    Help,
    /// "Quit dutygrid?"
    ConfirmQuit,
    /// "End this call?"
    ConfirmEndCall,
    /// "Open this pack?" (the call is ended first).
    ConfirmSwitchPack,
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
    /// The guide: the document's guidance in sections.
    Guide,
    /// The outcome screen's list: the outcomes recorded and those to add.
    Outcome,
    /// Typing an outcome's text, signpost or reason; unbound keys type.
    OutcomeText,
    /// The call's clocks.
    Clocks,
    /// Who handles the calls; unbound keys type.
    Handler,
    /// The case system's reference; unbound keys type.
    CaseReference,
    /// The read-back, to read aloud before the call ends.
    Readback,
    /// Choosing the children a tick is about.
    Assign,
    /// The shift's calls.
    Calls,
    /// A call of the shift, open read-only.
    CallView,
}

impl Context {
    /// Every context, in the order help lists them.
    pub fn all() -> impl Iterator<Item = Context> {
        <Context as strum::IntoEnumIterator>::iter()
    }

    /// Contexts where a key with no binding is typed text.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Details
                | Context::Notes
                | Context::Decision
                | Context::Search
                | Context::OutcomeText
                | Context::Handler
                | Context::CaseReference
        )
    }

    /// The confirmation dialogs, which a file's `confirm` block binds together.
    pub fn is_confirm(self) -> bool {
        matches!(self, Context::ConfirmQuit | Context::ConfirmEndCall | Context::ConfirmSwitchPack)
    }
}

pub const BUILTIN_KEYMAPS: &[(&str, &str)] =
    &[("default", include_str!("../../keymaps/default.ron")), ("vim", include_str!("../../keymaps/vim.ron"))];

/// The built-in keymaps parsed and checked, as they ship ([`compiled`]).
const COMPILED_KEYMAPS: &[(&str, &str)] =
    &[("default", include_str!("../../keymaps/default.json")), ("vim", include_str!("../../keymaps/vim.json"))];

type Bindings = Vec<(String, Action)>;

/// A keymap file as written: `extends`, then one block per context. A
/// `confirm` block (the one shared block of earlier versions) binds all three
/// confirmation dialogs; a dialog's own block overrides it.
#[derive(Debug, Default)]
struct KeymapFile {
    /// A built-in keymap these bindings are added to (and override).
    extends: Option<String>,
    contexts: BTreeMap<Context, Bindings>,
    confirm: Bindings,
}

/// The block names a keymap file may use, for serde's "expected one of".
fn file_fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut fields = vec![EXTENDS, CONFIRM];
        fields.extend(Context::VARIANTS.iter().copied());
        fields
    })
}

const EXTENDS: &str = "extends";
const CONFIRM: &str = "confirm";

enum Field {
    Extends,
    Confirm,
    Context(Context),
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a keymap block name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                match name {
                    EXTENDS => Ok(Field::Extends),
                    CONFIRM => Ok(Field::Confirm),
                    _ => name.parse().map(Field::Context).map_err(|_| E::unknown_field(name, file_fields())),
                }
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

impl<'de> Deserialize<'de> for KeymapFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeymapFile, D::Error> {
        struct Blocks;
        impl<'de> Visitor<'de> for Blocks {
            type Value = KeymapFile;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a keymap: (extends: \"default\", grid: [(\"j\", move_down)], …)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeymapFile, A::Error> {
                let mut file = KeymapFile::default();
                let mut seen_confirm = false;
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Extends if file.extends.is_some() => return Err(de::Error::duplicate_field(EXTENDS)),
                        Field::Extends => file.extends = map.next_value()?,
                        Field::Confirm if seen_confirm => return Err(de::Error::duplicate_field(CONFIRM)),
                        Field::Confirm => {
                            seen_confirm = true;
                            file.confirm = map.next_value()?;
                        }
                        Field::Context(context) if file.contexts.contains_key(&context) => {
                            return Err(de::Error::duplicate_field(context.into()));
                        }
                        Field::Context(context) => {
                            let bindings = map.next_value()?;
                            file.contexts.insert(context, bindings);
                        }
                    }
                }
                Ok(file)
            }
        }
        deserializer.deserialize_struct("KeymapFile", file_fields(), Blocks)
    }
}

impl KeymapFile {
    /// The blocks that bind `context`, in the order they apply (later wins):
    /// for a confirmation, the shared `confirm` block and then its own.
    fn blocks(&self, context: Context) -> Vec<(&'static str, &[(String, Action)])> {
        let mut blocks = Vec::new();
        if context.is_confirm() && !self.confirm.is_empty() {
            blocks.push((CONFIRM, self.confirm.as_slice()));
        }
        if let Some(own) = self.contexts.get(&context) {
            blocks.push((context.into(), own.as_slice()));
        }
        blocks
    }

    /// The block to point at when `context` lacks a key: its own, else the
    /// shared `confirm` block it took its keys from.
    fn block_name(&self, context: Context) -> &'static str {
        if context.is_confirm() && !self.contexts.contains_key(&context) && !self.confirm.is_empty() {
            CONFIRM
        } else {
            context.into()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    bindings: HashMap<Context, Vec<(KeyChord, Action)>>,
    /// Each bound action's keys as hints show them, worked out once from
    /// `bindings` (every frame's footer and header asks for a dozen).
    /// Made by [`Keymap::from_bindings`], the one way a finished keymap is
    /// made, so it always matches the bindings.
    hints: HashMap<Context, Vec<KeysShown>>,
}

/// An action's keys as text: "space/enter" (its first two) and "space".
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeysShown {
    /// The action's variant, compared before the action itself: a footer
    /// asks for a dozen hints a frame, each a scan of the context's.
    kind: std::mem::Discriminant<Action>,
    action: Action,
    two: String,
    first: String,
}

impl Keymap {
    /// A keymap of these bindings, with its hints worked out.
    fn from_bindings(bindings: HashMap<Context, Vec<(KeyChord, Action)>>) -> Keymap {
        let mut hints: HashMap<Context, Vec<KeysShown>> = HashMap::new();
        for (context, bound) in &bindings {
            let shown = hints.entry(*context).or_default();
            for (_, action) in bound {
                if shown.iter().any(|k| k.action == *action) {
                    continue;
                }
                let chords: Vec<KeyChord> =
                    bound.iter().filter(|(_, a)| a == action).map(|(c, _)| *c).take(2).collect();
                let two = chords.iter().map(ToString::to_string).collect::<Vec<_>>().join("/");
                let first = chords.first().map(ToString::to_string).unwrap_or_default();
                shown.push(KeysShown { kind: std::mem::discriminant(action), action: action.clone(), two, first });
            }
        }
        Keymap { bindings, hints }
    }

    fn shown(&self, context: Context, action: &Action) -> Option<&KeysShown> {
        let kind = std::mem::discriminant(action);
        self.hints.get(&context)?.iter().find(|k| k.kind == kind && k.action == *action)
    }

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
        self.shown(context, action).map(|k| k.two.clone()).unwrap_or_default()
    }

    /// "space": the first key bound to `action`, or "" if unbound.
    pub fn first_key(&self, context: Context, action: &Action) -> String {
        self.shown(context, action).map(|k| k.first.clone()).unwrap_or_default()
    }

    /// A built-in keymap by name ("default", "vim"), as it ships compiled
    /// (tests/keymaps.rs proves it is what its RON gives), or parsed from
    /// its RON if the compiled form does not read.
    pub fn builtin(name: &str) -> Option<Result<Keymap, Diagnostics>> {
        let compiled =
            COMPILED_KEYMAPS.iter().find(|(n, _)| *n == name).and_then(|(_, json)| compiled::from_json(json));
        match compiled {
            Some(keymap) => Some(Ok(keymap)),
            None => Keymap::builtin_from_ron(name),
        }
    }

    /// A built-in keymap parsed and checked from its RON.
    pub fn builtin_from_ron(name: &str) -> Option<Result<Keymap, Diagnostics>> {
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
        for context in Context::all() {
            let own: &mut Vec<(KeyChord, Action)> = keymap.bindings.entry(context).or_default();
            for (block, bindings) in file.blocks(context) {
                let mut seen: HashMap<KeyChord, usize> = HashMap::new();
                let mut visits: HashMap<&str, usize> = HashMap::new();
                for (text, action) in bindings {
                    let nth = visits.entry(text.as_str()).or_insert(0);
                    let at = Where::Value { field: block, value: text.clone(), nth: *nth };
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
                        problems.push(Problem { at, message: format!("{chord} is bound twice in {block}") });
                        continue;
                    }
                    if let Some(message) = safety::chord_problem(context, chord, text) {
                        problems.push(Problem { at, message });
                        continue;
                    }
                    // A file's own binding replaces the one it extends (and a
                    // dialog's own block replaces the shared `confirm` one).
                    if let Some((_, replaced)) = own.iter().find(|(c, a)| *c == chord && a != action) {
                        overrides.push(safety::Override { context, chord, replaced: replaced.clone(), at: at.clone() });
                    }
                    own.retain(|(c, _)| *c != chord);
                    own.push((chord, action.clone()));
                }
            }
        }
        // The shared `confirm` block is read once per dialog: say each of
        // its mistakes once.
        let mut unique: Vec<Problem> = Vec::new();
        for problem in problems {
            if !unique.contains(&problem) {
                unique.push(problem);
            }
        }
        let mut problems = unique;
        // Lock-ins are judged on a keymap whose every line was understood.
        if problems.is_empty() {
            problems = safety::lock_ins(
                |context, action| !keymap.keys_for(context, action).is_empty(),
                &overrides,
                |context| keymap.bindings.get(&context).cloned().unwrap_or_default(),
                file.extends.is_some(),
                |context| file.block_name(context),
            );
        }
        if problems.is_empty() {
            Ok(Keymap::from_bindings(keymap.bindings))
        } else {
            Err(locate_problems(path, &source, problems))
        }
    }
}
