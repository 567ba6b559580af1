//! Where packs and calendars come from: the ones built into the binary and
//! the `*.ron` files in the user's packs directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::load::load_pack;
use super::model::Pack;
use crate::fsread::{ReadError, kind_of, read_file};
use crate::hours::calendar::Calendar;
use crate::source::diagnostic::{Diagnostic, Diagnostics};
use crate::source::parse_ron;
use crate::text::clean_line;

/// A pack shipped inside the binary, already parsed: build.rs compiles each
/// of packs/*.ron into the model's compact binary form (postcard, deflated),
/// so a start-up neither parses RON nor validates (tests/shipped_packs.rs
/// proves each equals what loading and validating its RON gives).
#[derive(Debug, Clone, Copy)]
pub struct BuiltinPack {
    /// The file it was compiled from, named after the pack's id.
    pub name: &'static str,
    pub compiled: &'static [u8],
    /// The length and FNV-1a hash of that file, so a copy of it in the packs
    /// folder is known for the shipped pack itself, not a stand-in.
    pub source_len: usize,
    pub source_hash: u64,
}

impl BuiltinPack {
    /// The pack's id: its file name without `.ron`.
    pub fn id(&self) -> &'static str {
        self.name.strip_suffix(".ron").unwrap_or(self.name)
    }

    /// Whether `bytes` are the file this pack was compiled from.
    pub fn is_source(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.source_len && super::fingerprint::fnv1a(bytes) == self.source_hash
    }

    /// The pack, read from its compiled form.
    pub fn load(&self) -> Result<Pack, Diagnostics> {
        let broken = |why: String| {
            Diagnostics::whole_file(
                &format!("builtin:{}", self.name),
                format!("the built-in pack cannot be read ({why}): the binary was built wrong"),
            )
        };
        let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(self.compiled)
            .map_err(|err| broken(format!("{:?}", err.status)))?;
        let pack = postcard::from_bytes::<Pack>(&bytes).map_err(|err| broken(err.to_string()))?;
        // Built at load, as for a file (`load_pack`).
        pack.catalog();
        Ok(pack)
    }
}

// BUILTIN_PACKS, BUILTIN_PACK_SOURCES and BUILTIN_CALENDARS_COMPILED,
// written by build.rs. The sources
// are not linked into the binary unless something there uses them.
include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Calendars shipped inside the binary, as RON (for tests and checks; the
/// library reads `BUILTIN_CALENDARS_COMPILED`, from build.rs, in the same order).
pub const BUILTIN_CALENDARS: &[(&str, &str)] =
    &[("calendars/england-and-wales.ron", include_str!("../../packs/calendars/england-and-wales.ron"))];

/// The pack opened when none is named.
pub const DEFAULT_PACK: &str = "nottingham-city";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    File(PathBuf),
    /// A file whose id is a built-in pack's: it stands in for the built-in
    /// one, numbers and all.
    Replacing(PathBuf),
}

impl Source {
    /// "builtin", or the file's path.
    pub fn label(&self) -> String {
        match self {
            Source::Builtin => "builtin".into(),
            Source::File(path) | Source::Replacing(path) => clean_line(&path.display().to_string()),
        }
    }

    pub fn is_builtin(&self) -> bool {
        *self == Source::Builtin
    }

    /// Where the pack came from, for a screen or `contact`: "built-in pack",
    /// "file my-packs/x.ron", "file my-packs/x.ron — replaces the built-in pack".
    pub fn describe(&self) -> String {
        match self {
            Source::Builtin => "built-in pack".into(),
            Source::File(_) => format!("file {}", self.label()),
            Source::Replacing(_) => format!("file {} — replaces the built-in pack", self.label()),
        }
    }
}

/// A pack found in the library, loaded or with its problems.
#[derive(Debug, Clone)]
pub struct Entry {
    pub source: Source,
    pub pack: Result<Pack, Diagnostics>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error("no pack with id {id:?}; known packs: {known}")]
    UnknownId { id: String, known: String },
    /// The reason is shared so the error can be cloned with its source.
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: std::sync::Arc<ReadError> },
    /// Two files in the packs folder give one id: which is meant is a guess
    /// dutygrid will not make with a caller's safety at stake.
    #[error("pack id {id:?} is given by more than one file: {}; give each its own id, or open one by its path", files.join(" and "))]
    Ambiguous { id: String, files: Vec<String> },
}

impl OpenError {
    /// 1 for bad input the user can fix in a file, 2 for a wrong argument.
    pub fn exit_code(&self) -> u8 {
        match self {
            OpenError::UnknownId { .. } => 2,
            _ => 1,
        }
    }
}

/// The default packs directory: `<data dir>/dutygrid/packs`.
pub fn default_packs_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dutygrid").map(|d| d.data_dir().join("packs"))
}

/// Built-in and user calendars and packs. User packs are parsed when the
/// library loads (there are few, and their ids are inside them); built-in
/// packs only when asked for, since a start-up needs just one.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub calendars: Vec<Calendar>,
    /// The packs directory's files, loaded or with their problems.
    pub user_entries: Vec<Entry>,
    /// Problems with calendar files; packs naming a broken calendar fail too.
    pub calendar_problems: Vec<Diagnostics>,
    /// Files skipped (directories, links that lead nowhere, special files
    /// named `*.ron`), packs that replace a built-in one and ids given by two
    /// files, each `path: warning: …`. Found once, at load.
    pub warnings: Vec<Diagnostic>,
    /// Ids given by two or more loaded files, with those files.
    pub ambiguous: Vec<(String, Vec<PathBuf>)>,
}

impl Library {
    /// Loads everything built in plus the files in `packs_dir`, if given.
    /// A broken file becomes an entry with its problems, never a panic.
    pub fn load(packs_dir: Option<&Path>) -> Library {
        let mut library = Library::default();
        // Compiled by build.rs, as the packs are: a start-up parses no RON.
        for (name, compiled) in BUILTIN_CALENDARS_COMPILED {
            let label = format!("builtin:{name}");
            match postcard::from_bytes::<Calendar>(compiled) {
                Ok(calendar) => library.add_parsed_calendar(&label, calendar),
                Err(err) => library.calendar_problems.push(Diagnostics::whole_file(
                    &label,
                    format!("the built-in calendar cannot be read ({err}): the binary was built wrong"),
                )),
            }
        }
        if let Some(dir) = packs_dir {
            let (paths, skipped) = listing(&dir.join("calendars"), "ron");
            library.warnings.extend(skipped);
            for path in paths {
                match read_file(&path) {
                    Ok(bytes) => library.add_calendar(&path.display().to_string(), bytes),
                    Err(err) => library.calendar_problems.push(unreadable(&path, &err)),
                }
            }
        }
        let calendar_ids = library.calendar_ids();
        if let Some(dir) = packs_dir {
            let (paths, skipped) = listing(dir, "ron");
            library.warnings.extend(skipped);
            for path in paths {
                let label = path.display().to_string();
                let pack = match read_file(&path) {
                    Ok(bytes) => load_pack(&label, bytes, &calendar_ids),
                    Err(err) => Err(unreadable(&path, &err)),
                };
                let replaces = pack.as_ref().is_ok_and(|p| is_builtin_id(&p.id));
                let source = if replaces { Source::Replacing(path) } else { Source::File(path) };
                library.user_entries.push(Entry { source, pack });
            }
        }
        library.find_clashes();
        library
    }

    /// Records, once, the files that replace a built-in pack and the ids
    /// given by more than one file.
    fn find_clashes(&mut self) {
        let mut by_id: HashMap<&str, Vec<&Path>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for entry in &self.user_entries {
            let (Ok(pack), Source::File(path) | Source::Replacing(path)) = (&entry.pack, &entry.source) else {
                continue;
            };
            let files = by_id.entry(pack.id.as_str()).or_default();
            if files.is_empty() {
                order.push(pack.id.as_str());
            }
            files.push(path);
            if let Source::Replacing(_) = entry.source {
                self.warnings.push(Diagnostic::whole_file(
                    &path.display().to_string(),
                    format!("warning: id {:?} is a built-in pack's: this file replaces the built-in pack", pack.id),
                ));
            }
        }
        for id in order {
            let files = by_id.get(id).cloned().unwrap_or_default();
            if files.len() < 2 {
                continue;
            }
            let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
            for path in &files {
                self.warnings.push(Diagnostic::whole_file(
                    &path.display().to_string(),
                    format!(
                        "warning: id {id:?} is given by {} files ({}): dutygrid will not open it by id",
                        files.len(),
                        names.join(", ")
                    ),
                ));
            }
            self.ambiguous.push((id.to_string(), files.iter().map(|p| p.to_path_buf()).collect()));
        }
    }

    /// Warnings for a pack checked on its own: a built-in id, or an id that
    /// a different file in the packs folder already gives.
    pub fn clash_warnings(&self, path: &Path, pack: &Pack) -> Vec<Diagnostic> {
        let label = path.display().to_string();
        let mut out = Vec::new();
        // The shipped file of a built-in pack is that pack, not a stand-in.
        let shipped = || {
            let builtin = BUILTIN_PACKS.iter().find(|b| b.id() == pack.id);
            builtin.is_some_and(|b| read_file(path).is_ok_and(|bytes| b.is_source(&bytes)))
        };
        if is_builtin_id(&pack.id) && !shipped() {
            out.push(Diagnostic::whole_file(
                &label,
                format!(
                    "warning: id {:?} is a built-in pack's: in the packs folder this file replaces the built-in pack",
                    pack.id
                ),
            ));
        }
        let same = |other: &Path| match (path.canonicalize(), other.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => path == other,
        };
        let others: Vec<String> = self
            .user_entries
            .iter()
            .filter(|e| e.pack.as_ref().is_ok_and(|p| p.id == pack.id))
            .filter_map(|e| match &e.source {
                Source::File(p) | Source::Replacing(p) if !same(p) => Some(p.display().to_string()),
                _ => None,
            })
            .collect();
        if !others.is_empty() {
            out.push(Diagnostic::whole_file(
                &label,
                format!("warning: id {:?} is also given by {} in the packs folder", pack.id, others.join(", ")),
            ));
        }
        out
    }

    fn builtin(builtin: &BuiltinPack) -> Entry {
        Entry { source: Source::Builtin, pack: builtin.load() }
    }

    /// Every pack: the packs directory's first, then the built-in ones.
    pub fn entries(&self) -> Vec<Entry> {
        let builtin = BUILTIN_PACKS.iter().map(Library::builtin);
        self.user_entries.iter().cloned().chain(builtin).collect()
    }

    fn add_calendar(&mut self, label: &str, bytes: Vec<u8>) {
        match parse_ron::<Calendar>(label, bytes) {
            Ok((calendar, _)) => self.add_parsed_calendar(label, calendar),
            Err(problems) => self.calendar_problems.push(problems),
        }
    }

    fn add_parsed_calendar(&mut self, label: &str, calendar: Calendar) {
        match calendar.adds_to.clone() {
            Some(target) => match self.calendars.iter_mut().find(|c| c.id == target) {
                Some(base) => base.merge_local(&calendar),
                None => self.calendar_problems.push(Diagnostics(vec![Diagnostic {
                    path: label.to_string(),
                    at: crate::source::locate::Position::START,
                    message: format!("adds_to names unknown calendar {target:?}"),
                }])),
            },
            None => self.calendars.push(calendar),
        }
    }

    pub fn calendar_ids(&self) -> Vec<String> {
        self.calendars.iter().map(|c| c.id.clone()).collect()
    }

    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }

    /// Opens a pack by id, or by path when the argument names a file.
    /// Packs in the user's directory take precedence over built-in ones.
    pub fn open(&self, id_or_path: &str) -> Result<(Pack, Source), OpenError> {
        let path = Path::new(id_or_path);
        if id_or_path.ends_with(".ron") || path.is_file() {
            return self.open_file(path);
        }
        if let Some((id, files)) = self.ambiguous.iter().find(|(id, _)| id == id_or_path) {
            let files = files.iter().map(|p| clean_line(&p.display().to_string())).collect();
            return Err(OpenError::Ambiguous { id: clean_line(id), files });
        }
        let user = self.user_entries.iter().find(|e| e.pack.as_ref().is_ok_and(|p| p.id == id_or_path)).cloned();
        // A built-in pack's file is named after its id (a test holds them to it).
        let builtin = || BUILTIN_PACKS.iter().find(|b| b.id() == id_or_path).map(Library::builtin);
        match user.or_else(builtin) {
            Some(Entry { pack: Ok(pack), source }) => Ok((pack, source)),
            Some(Entry { pack: Err(problems), .. }) => Err(OpenError::Invalid(problems)),
            None => Err(OpenError::UnknownId { id: id_or_path.to_string(), known: self.known_ids().join(", ") }),
        }
    }

    pub fn open_file(&self, path: &Path) -> Result<(Pack, Source), OpenError> {
        let bytes = read_file(path).map_err(|err| OpenError::Unreadable {
            path: clean_line(&path.display().to_string()),
            reason: std::sync::Arc::new(err),
        })?;
        let pack = load_pack(&path.display().to_string(), bytes, &self.calendar_ids()).map_err(OpenError::Invalid)?;
        let source = if is_builtin_id(&pack.id) {
            Source::Replacing(path.to_path_buf())
        } else {
            Source::File(path.to_path_buf())
        };
        Ok((pack, source))
    }

    /// Every pack id, the packs directory's first.
    pub fn known_ids(&self) -> Vec<String> {
        let user = self.user_entries.iter().filter_map(|e| e.pack.as_ref().ok()).map(|p| p.id.clone());
        let builtin = BUILTIN_PACKS.iter().map(|b| b.id().to_string());
        let mut ids: Vec<String> = Vec::new();
        for id in user.chain(builtin) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

fn unreadable(path: &Path, err: &ReadError) -> Diagnostics {
    Diagnostics::whole_file(&path.display().to_string(), err.to_string())
}

/// Whether `id` is the id of a pack built into the binary.
pub fn is_builtin_id(id: &str) -> bool {
    // A built-in pack's file is named after its id (a test holds them to it).
    BUILTIN_PACKS.iter().any(|b| b.id() == id)
}

/// The files directly in `dir` whose name ends `.extension`, sorted by name;
/// none if the folder does not exist or cannot be read.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    listing(dir, extension).0
}

/// The regular files (or links to them) directly in `dir` whose name ends
/// `.extension`, sorted by name, and a warning for each other thing so
/// named: a directory, a link that leads nowhere, a FIFO or device.
pub fn listing(dir: &Path, extension: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let Ok(read) = std::fs::read_dir(dir) else { return (Vec::new(), Vec::new()) };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    crate::sort::sort(&mut paths);
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for path in paths {
        let skipped =
            |why: String| Diagnostic::whole_file(&path.display().to_string(), format!("warning: skipped: {why}"));
        match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => files.push(path),
            Ok(metadata) => warnings.push(skipped(format!("{}, not a regular file", kind_of(&metadata)))),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                warnings.push(skipped("a symbolic link to nothing (dangling)".into()))
            }
            Err(err) => warnings.push(skipped(format!("cannot follow: {err}"))),
        }
    }
    (files, warnings)
}

/// The calendar a pack's schedule names, if any.
pub fn calendar_for<'a>(pack: &Pack, calendars: &'a [Calendar]) -> Option<&'a Calendar> {
    match &pack.contacts.hours {
        crate::pack::Hours::Weekly(schedule) => {
            schedule.closed_on.as_deref().and_then(|id| calendars.iter().find(|c| c.id == id))
        }
        crate::pack::Hours::NotStated(_) => None,
    }
}
