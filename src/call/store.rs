//! Where call records live: one journal file per call in the user's state
//! directory, folder 0700 and files 0600, named by start time and a random
//! suffix — never by anything about the child or the caller.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::Call;
use super::journal::{Entry, Replayed, encode, replay};
use crate::pack::library::files_with_extension;

pub const EXTENSION: &str = "jsonl";

/// The default records folder: `$XDG_STATE_HOME/dutygrid/calls` (on Linux
/// `~/.local/state/dutygrid/calls`).
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dutygrid")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("calls"))
}

/// A records folder, created 0700 if it is missing and tightened if it is not.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

/// One record found in the folder.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub path: PathBuf,
    pub replayed: Result<Replayed, String>,
}

impl Record {
    pub fn is_open(&self) -> bool {
        self.replayed.as_ref().is_ok_and(|r| r.call.ended_at.is_none())
    }
}

impl Store {
    pub fn open(dir: &Path) -> io::Result<Store> {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        Ok(Store { dir: dir.to_path_buf() })
    }

    /// Starts a journal for a call: a new 0600 file holding its start entry.
    pub fn create(&self, call: &Call) -> io::Result<Journal> {
        let prefix = format!("call-{}-", call.started_at.format("%Y%m%d-%H%M%S"));
        // tempfile makes the name unique and the file 0600; `keep` stops it
        // being deleted when the handle drops.
        let named = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(&format!(".{EXTENSION}"))
            .rand_bytes(4)
            .tempfile_in(&self.dir)?;
        let (file, path) = named.keep().map_err(|e| e.error)?;
        let mut journal = Journal { file, path };
        journal.append(&call.start_entry())?;
        sync_dir(&self.dir)?;
        Ok(journal)
    }

    pub fn records(&self) -> Vec<Record> {
        files_with_extension(&self.dir, EXTENSION).into_iter().map(|path| read_record(&path)).collect()
    }

    /// A record by id (the file name without `.jsonl`) or by path.
    pub fn find(&self, id_or_path: &str) -> Option<Record> {
        let path = Path::new(id_or_path);
        if path.is_file() {
            return Some(read_record(path));
        }
        let path = self.dir.join(format!("{id_or_path}.{EXTENSION}"));
        path.is_file().then(|| read_record(&path))
    }
}

pub fn read_record(path: &Path) -> Record {
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let replayed = match fs::read(path) {
        Ok(bytes) => replay(&String::from_utf8_lossy(&bytes)),
        Err(err) => Err(format!("cannot read: {err}")),
    };
    Record { id, path: path.to_path_buf(), replayed }
}

/// An open journal: every entry is written and flushed to the disk before
/// `append` returns.
#[derive(Debug)]
pub struct Journal {
    file: File,
    pub path: PathBuf,
}

impl Journal {
    /// Reopens an existing journal to go on appending (a restored call).
    pub fn resume(path: &Path) -> io::Result<Journal> {
        let file = OpenOptions::new().append(true).open(path)?;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
        Ok(Journal { file, path: path.to_path_buf() })
    }

    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        self.file.write_all(encode(entry).as_bytes())?;
        self.file.sync_data()
    }

    pub fn id(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// Makes a new file's name durable, not only its contents.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
