//! Where packs and calendars come from: the ones built into the binary and
//! the `*.ron` files in the user's packs directory.

use std::path::{Path, PathBuf};

use super::load::{load_pack, parse_ron};
use super::model::Pack;
use crate::diagnostic::Diagnostics;
use crate::hours::calendar::Calendar;

/// Packs shipped inside the binary, as (file name, source).
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("nottingham-city.ron", include_str!("../../packs/nottingham-city.ron")),
    ("nottingham-city-cfd.ron", include_str!("../../packs/nottingham-city-cfd.ron")),
    ("nottingham-fsp-2018.ron", include_str!("../../packs/nottingham-fsp-2018.ron")),
    ("nottingham-fsp-2014.ron", include_str!("../../packs/nottingham-fsp-2014.ron")),
    ("stoke-on-trent.ron", include_str!("../../packs/stoke-on-trent.ron")),
];

/// Calendars shipped inside the binary.
pub const BUILTIN_CALENDARS: &[(&str, &str)] =
    &[("calendars/england-and-wales.ron", include_str!("../../packs/calendars/england-and-wales.ron"))];

/// The pack opened when none is named.
pub const DEFAULT_PACK: &str = "nottingham-city";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Builtin,
    File(PathBuf),
}

impl Source {
    /// "builtin", or the file's path.
    pub fn label(&self) -> String {
        match self {
            Source::Builtin => "builtin".into(),
            Source::File(path) => path.display().to_string(),
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
    #[error("{path}: cannot read: {reason}")]
    Unreadable { path: String, reason: String },
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
}

impl Library {
    /// Loads everything built in plus the files in `packs_dir`, if given.
    /// A broken file becomes an entry with its problems, never a panic.
    pub fn load(packs_dir: Option<&Path>) -> Library {
        let mut library = Library::default();
        for (name, source) in BUILTIN_CALENDARS {
            library.add_calendar(&format!("builtin:{name}"), source.as_bytes().to_vec());
        }
        if let Some(dir) = packs_dir {
            for path in ron_files(&dir.join("calendars")) {
                match std::fs::read(&path) {
                    Ok(bytes) => library.add_calendar(&path.display().to_string(), bytes),
                    Err(err) => library.calendar_problems.push(unreadable(&path, &err)),
                }
            }
        }
        let calendar_ids = library.calendar_ids();
        if let Some(dir) = packs_dir {
            for path in ron_files(dir) {
                let label = path.display().to_string();
                let pack = match std::fs::read(&path) {
                    Ok(bytes) => load_pack(&label, bytes, &calendar_ids),
                    Err(err) => Err(unreadable(&path, &err)),
                };
                library.user_entries.push(Entry { source: Source::File(path), pack });
            }
        }
        library
    }

    fn builtin(&self, name: &str, source: &str) -> Entry {
        Entry {
            source: Source::Builtin,
            pack: load_pack(&format!("builtin:{name}"), source.as_bytes().to_vec(), &self.calendar_ids()),
        }
    }

    /// Every pack: the packs directory's first, then the built-in ones.
    pub fn entries(&self) -> Vec<Entry> {
        let builtin = BUILTIN_PACKS.iter().map(|(name, source)| self.builtin(name, source));
        self.user_entries.iter().cloned().chain(builtin).collect()
    }

    fn add_calendar(&mut self, label: &str, bytes: Vec<u8>) {
        match parse_ron::<Calendar>(label, bytes) {
            Ok((calendar, _)) => match calendar.adds_to.clone() {
                Some(target) => match self.calendars.iter_mut().find(|c| c.id == target) {
                    Some(base) => base.merge_local(&calendar),
                    None => self.calendar_problems.push(Diagnostics(vec![crate::diagnostic::Diagnostic {
                        path: label.to_string(),
                        at: super::locate::Position::START,
                        message: format!("adds_to names unknown calendar {target:?}"),
                    }])),
                },
                None => self.calendars.push(calendar),
            },
            Err(problems) => self.calendar_problems.push(problems),
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
        let user = self.user_entries.iter().find(|e| e.pack.as_ref().is_ok_and(|p| p.id == id_or_path)).cloned();
        // A built-in pack's file is named after its id (a test holds them to it).
        let builtin = || {
            BUILTIN_PACKS
                .iter()
                .find(|(name, _)| name.strip_suffix(".ron") == Some(id_or_path))
                .map(|(name, source)| self.builtin(name, source))
        };
        match user.or_else(builtin) {
            Some(Entry { pack: Ok(pack), source }) => Ok((pack, source)),
            Some(Entry { pack: Err(problems), .. }) => Err(OpenError::Invalid(problems)),
            None => Err(OpenError::UnknownId { id: id_or_path.to_string(), known: self.known_ids().join(", ") }),
        }
    }

    pub fn open_file(&self, path: &Path) -> Result<(Pack, Source), OpenError> {
        let bytes = std::fs::read(path)
            .map_err(|err| OpenError::Unreadable { path: path.display().to_string(), reason: err.to_string() })?;
        let pack = load_pack(&path.display().to_string(), bytes, &self.calendar_ids()).map_err(OpenError::Invalid)?;
        Ok((pack, Source::File(path.to_path_buf())))
    }

    /// Every pack id, the packs directory's first.
    pub fn known_ids(&self) -> Vec<String> {
        let user = self.user_entries.iter().filter_map(|e| e.pack.as_ref().ok()).map(|p| p.id.clone());
        let builtin = BUILTIN_PACKS.iter().filter_map(|(name, _)| name.strip_suffix(".ron")).map(String::from);
        let mut ids: Vec<String> = Vec::new();
        for id in user.chain(builtin) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

fn unreadable(path: &Path, err: &std::io::Error) -> Diagnostics {
    Diagnostics(vec![crate::diagnostic::Diagnostic {
        path: path.display().to_string(),
        at: super::locate::Position::START,
        message: format!("cannot read: {err}"),
    }])
}

/// The `*.ron` files directly in `dir`, sorted; none if it does not exist.
fn ron_files(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "ron")
}

/// The files directly in `dir` whose name ends `.extension`, sorted by name;
/// none if the folder does not exist or cannot be read.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}
