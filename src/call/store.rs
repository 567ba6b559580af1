//! Where call records live: one journal file per call in the user's state
//! directory, folder 0700 and files 0600, named by start time and a random
//! suffix — never by anything about the child or the caller.
//!
//! A journal is written the way a database writes its log: an entry counts
//! as saved only once it is synced; a failed write is taken back off the
//! file and the entry kept queued for the next try; an open journal is held
//! under an exclusive advisory lock, so a second dutygrid can neither
//! restore nor write it; and a journal whose file or folder vanished is
//! written again, whole, from what the app holds.

use std::collections::VecDeque;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::journal::{Entry, ReplayError, Replayed, encode, replay};
use super::{Call, at_panic};
use crate::pack::library::files_with_extension;

pub const EXTENSION: &str = "jsonl";
/// `<id>.lock` beside a held journal says which process holds it: a pid,
/// nothing about the call.
const LOCK_NOTE: &str = "lock";

/// The default records folder: `$XDG_STATE_HOME/dutygrid/calls` (on Linux
/// `~/.local/state/dutygrid/calls`).
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dutygrid")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("calls"))
}

/// A records folder, created 0700 if it is missing and tightened if it is
/// not; and the unfinished journals this process has locked while the
/// handler decides about them.
#[derive(Debug)]
pub struct Store {
    pub dir: PathBuf,
    claims: Vec<Claim>,
}

/// One record found in the folder.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub path: PathBuf,
    pub replayed: Result<Replayed, RecordError>,
}

/// Why a record in the folder holds no call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RecordError {
    /// Shared so a record can be cloned with the error it met.
    #[error("cannot read: {0}")]
    Read(std::sync::Arc<io::Error>),
    #[error(transparent)]
    Replay(#[from] ReplayError),
}

impl Record {
    pub fn is_open(&self) -> bool {
        self.replayed.as_ref().is_ok_and(|r| r.call.ended_at.is_none())
    }
}

/// An unfinished call another process has locked.
#[derive(Debug, Clone)]
pub struct Held {
    pub record: Record,
    /// The holder's pid, from its lock note, if it left one.
    pub pid: Option<u32>,
}

/// The unfinished calls found at start, newest first.
#[derive(Debug, Default)]
pub struct Unfinished {
    /// Locked for this process: they can be offered back.
    pub claimed: Vec<Record>,
    /// Locked by another dutygrid: not offered, never written.
    pub held: Vec<Held>,
}

impl Store {
    pub fn open(dir: &Path) -> io::Result<Store> {
        make_private_dir(dir)?;
        Ok(Store { dir: dir.to_path_buf(), claims: Vec::new() })
    }

    /// Starts a journal for a call: a new 0600 file holding its start entry,
    /// written whole or not at all, and locked for this process.
    pub fn create(&self, call: &Call) -> io::Result<Journal> {
        self.start(call.opening())
    }

    /// Starts a journal from a call's opening entries (its start first).
    pub fn start(&self, opening: Vec<Entry>) -> io::Result<Journal> {
        self.begin(opening, Durability::Now)
    }

    /// Starts a journal as [`Store::start`] does, written whole under its
    /// name before this returns, but leaves making it durable to the
    /// journal's first sync: that sync covers the file and the folder's
    /// entry for it, and until it returns Ok nothing in it counts as
    /// synced. The app's first change of a call is then not held up by two
    /// syncs on the key path (about 1 ms here; far more on a slow disk).
    pub fn start_unsynced(&self, opening: Vec<Entry>) -> io::Result<Journal> {
        self.begin(opening, Durability::Later)
    }

    fn begin(&self, opening: Vec<Entry>, durability: Durability) -> io::Result<Journal> {
        let prefix = match opening.first() {
            Some(Entry::Start { at, .. }) => format!("call-{}-", at.format("%Y%m%d-%H%M%S")),
            _ => return Err(io::Error::other("a journal begins with the call's start")),
        };
        let (file, path, len) = write_atomically(&self.dir, Target::New(&prefix), &opening, durability)?;
        let note = LockNote::write(&path);
        let entries = opening.len();
        let mut journal = Journal::opened(file, path, self.dir.clone(), len, opening).with_note(note);
        if durability == Durability::Later {
            journal.unconfirmed(entries);
        }
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

    /// Every unfinished call, newest first. Each is locked for this process
    /// (and read again under the lock, so what is offered is what is on
    /// disk) or named as held by another process.
    pub fn unfinished(&mut self) -> Unfinished {
        let mut found = Unfinished::default();
        for record in self.records().into_iter().filter(Record::is_open) {
            if self.claims.iter().any(|c| c.path == record.path) {
                found.claimed.push(record);
                continue;
            }
            match Claim::take(&record.path) {
                Ok(claim) => {
                    let record = read_record(&record.path);
                    if record.is_open() {
                        self.claims.push(claim);
                        found.claimed.push(record);
                    }
                }
                Err(ClaimError::Held) => {
                    let pid = holder_pid(&record.path);
                    found.held.push(Held { record, pid });
                }
                // It cannot be locked (it cannot be opened for writing):
                // still offered, and resuming it says why it cannot go on.
                // Gone meanwhile: nothing to offer.
                Err(ClaimError::Io(_)) => {
                    if record.path.exists() {
                        found.claimed.push(record);
                    }
                }
            }
        }
        let started = |r: &Record| r.replayed.as_ref().ok().map(|r| r.call.started_at);
        crate::sort::sort_by_key(&mut found.claimed, |r| std::cmp::Reverse(started(r)));
        crate::sort::sort_by_key(&mut found.held, |h| std::cmp::Reverse(started(&h.record)));
        found
    }

    /// Goes on with an unfinished call. Its journal is read under the lock;
    /// if it was damaged, a 0600 copy of it is kept aside and the journal
    /// is written again from the entries that could be read, so every entry
    /// from now on starts on a line of its own.
    pub fn resume(&mut self, path: &Path) -> io::Result<Journal> {
        let claim = match self.claims.iter().position(|c| c.path == path) {
            Some(i) => self.claims.remove(i),
            None => Claim::take(path).map_err(ClaimError::into_io)?,
        };
        let bytes = fs::read(path)?;
        let replayed = replay(&bytes).map_err(io::Error::other)?;
        let dir = path.parent().map_or_else(|| self.dir.clone(), Path::to_path_buf);
        if replayed.damaged.is_empty() && replayed.clean_end {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
            let Claim { note, file, path } = claim;
            return Ok(Journal::opened(file, path, dir, bytes.len() as u64, replayed.log).with_note(note));
        }
        if !replayed.damaged.is_empty() {
            keep_aside(path, &bytes)?;
        }
        let (file, path, len) = write_atomically(&dir, Target::Replace(path), &replayed.log, Durability::Now)?;
        // The old file (and its lock) is replaced: the new one was locked
        // before it took the name. The lock note, under the same name,
        // goes on.
        let Claim { note, file: old, .. } = claim;
        let journal = Journal::opened(file, path, dir, len, replayed.log).with_note(note);
        drop(old);
        Ok(journal)
    }

    /// Ends an unfinished call without restoring it: its journal gets an
    /// end entry and is closed. Only a call this process holds.
    pub fn set_aside(&mut self, path: &Path, at: chrono::DateTime<chrono::Utc>) -> io::Result<()> {
        self.resume(path)?.append(&Entry::End { at })
    }

    /// Adds the case-system reference to a record, ended or not, through
    /// the same locked, synced append as every entry: a record another
    /// dutygrid holds open is refused, never written.
    pub fn mark_entered(&mut self, path: &Path, reference: super::handler::CaseReference) -> io::Result<()> {
        self.resume(path)?.append(&Entry::CaseReference { reference })
    }

    /// Lets go of the unfinished calls not chosen, so another dutygrid may
    /// offer them.
    pub fn release_claims(&mut self) {
        self.claims.clear();
    }
}

fn make_private_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

pub fn read_record(path: &Path) -> Record {
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let replayed = match fs::read(path) {
        Ok(bytes) => replay(&bytes).map_err(RecordError::from),
        Err(err) => Err(RecordError::Read(std::sync::Arc::new(err))),
    };
    Record { id, path: path.to_path_buf(), replayed }
}

/// The copies [`keep_aside`] made of the journal at `path`.
pub fn damaged_copies(path: &Path) -> Vec<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let Some(stem) = path.file_stem().map(|s| format!("{}.damaged-", s.to_string_lossy())) else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&stem)))
        .collect()
}

/// A 0600 copy of a damaged journal beside it, named so that it is never
/// taken for a record (`<id>.damaged-<random>`).
fn keep_aside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut copy = tempfile::Builder::new().prefix(&format!("{stem}.damaged-")).rand_bytes(6).tempfile_in(dir)?;
    copy.write_all(bytes)?;
    copy.as_file().sync_all()?;
    let (_, kept) = copy.keep().map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(kept)
}

/// Where an atomically written journal goes.
enum Target<'a> {
    /// A new name with this prefix.
    New(&'a str),
    /// Over this file.
    Replace(&'a Path),
    /// At this name if it is free, else under a new one like it.
    Free(&'a Path),
}

/// Whether a file written whole is synced, with its name, before it is
/// handed back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    Now,
    /// By its journal's first sync ([`Store::start_unsynced`]).
    Later,
}

/// Writes a whole journal to a temporary file, locks and syncs it, then
/// gives it its name: readers see the old file or the new one, never half.
/// Returns the open, locked file, its path and its length. With
/// [`Durability::Later`] both syncs are left to the caller: a power cut
/// before them may leave the name with less than the whole file under it.
fn write_atomically(
    dir: &Path,
    target: Target<'_>,
    entries: &[Entry],
    durability: Durability,
) -> io::Result<(File, PathBuf, u64)> {
    let mut temp = tempfile::Builder::new().prefix(".writing-").suffix(".tmp").tempfile_in(dir)?;
    lock(temp.as_file()).map_err(ClaimError::into_io)?;
    let text: String = entries.iter().map(encode).collect();
    temp.write_all(text.as_bytes())?;
    if durability == Durability::Now {
        temp.as_file().sync_all()?;
    }
    let fresh = |prefix: &str| -> io::Result<PathBuf> {
        // tempfile picks a unique 0600 name; the rename below replaces
        // this empty placeholder.
        let placeholder =
            tempfile::Builder::new().prefix(prefix).suffix(&format!(".{EXTENSION}")).rand_bytes(4).tempfile_in(dir)?;
        let (_, path) = placeholder.keep().map_err(|e| e.error)?;
        Ok(path)
    };
    let stem_prefix = |path: &Path| {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        format!("{stem}-")
    };
    // Only a name that was free is taken without replacing: a file that
    // appeared there meanwhile is someone else's.
    let (path, replace) = match target {
        Target::New(prefix) => (fresh(prefix)?, true),
        Target::Replace(path) => (path.to_path_buf(), true),
        Target::Free(path) if fs::symlink_metadata(path).is_err() => (path.to_path_buf(), false),
        Target::Free(path) => (fresh(&stem_prefix(path))?, true),
    };
    let file = if replace { temp.persist(&path) } else { temp.persist_noclobber(&path) }.map_err(|e| e.error)?;
    if durability == Durability::Now {
        sync_dir(dir)?;
    }
    Ok((file, path, text.len() as u64))
}

/// The file-like thing a journal writes to: a file, or in tests one that
/// fails as a full disk does.
pub trait Sink: Write {
    /// Makes what was written durable.
    fn sync(&mut self) -> io::Result<()>;
    /// Cuts the file back to `len` bytes (later writes go at the new end).
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    fn size(&self) -> io::Result<u64>;
}

impl Sink for File {
    fn sync(&mut self) -> io::Result<()> {
        self.sync_data()
    }

    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)?;
        // A journal written atomically is not opened for appending: the
        // next write goes where the offset is, so put it at the new end.
        self.seek(io::SeekFrom::Start(len)).map(|_| ())
    }

    fn size(&self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
}

/// An open journal. An entry is on disk once `append` (or `flush`)
/// returns Ok; until then it waits in order in the queue, and every later
/// save tries it again first. The app writes ahead instead
/// ([`Journal::write_ahead`]: in the file, so a killed process loses
/// nothing) and has the sync done off the key path; an entry counts as
/// durable only once a sync that began after its write has returned Ok.
#[derive(Debug)]
pub struct Journal<F: Sink = File> {
    // Declared before `file`: the note goes before the lock is let go.
    note: Option<LockNote>,
    /// The journal's place on the list a panic syncs ([`at_panic`]).
    at_panic: Option<at_panic::Held>,
    file: F,
    pub path: PathBuf,
    dir: PathBuf,
    /// The length of the file up to the end of its last synced entry.
    good_len: u64,
    /// A failed write may have left part of a line after `good_len` that
    /// could not be cut off.
    torn: bool,
    /// The file is gone: everything in `log` must be written again.
    lost: bool,
    /// Every entry on disk, in order, to write the journal again from.
    log: Vec<Entry>,
    queue: VecDeque<Entry>,
    notice: Option<String>,
    /// How much of the file, and how many entries of `log`, a sync has
    /// confirmed; the rest is written but may not survive a power cut.
    synced_len: u64,
    synced: usize,
    /// Bumped whenever the file or its unsynced tail is replaced, so a sync
    /// of what was there before confirms nothing.
    epoch: u64,
    /// The file was given its name and the folder not synced since: a
    /// sync must cover the folder too ([`Store::start_unsynced`]).
    name_unsynced: bool,
    /// How many entries at the head of the journal are its opening (the
    /// call's start), not yet confirmed: not counted among the call's
    /// changes awaiting the disk, as they are not before the journal is
    /// made. 0 once confirmed.
    opening: usize,
}

/// What a sync begun now would confirm: the file up to `len`, the first
/// `entries` of the log, in this epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncStamp {
    epoch: u64,
    len: u64,
    entries: usize,
    /// The sync covers the folder's entry for the file as well.
    name: bool,
}

impl SyncStamp {
    /// Whether both were taken of the same file and tail: the later one's
    /// sync confirms the earlier.
    pub fn same_epoch(&self, other: &SyncStamp) -> bool {
        self.epoch == other.epoch
    }
}

/// Why a journal's sync failed: what it had written is taken back and
/// queued again.
#[derive(Debug, thiserror::Error)]
#[error("the disk did not confirm the write: {0}")]
pub struct SyncFailed(io::Error);

impl<F: Sink> Journal<F> {
    /// A journal over any sink already holding `len` bytes of good entries.
    pub fn over(file: F, path: PathBuf, len: u64) -> Journal<F> {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Journal::opened(file, path, dir, len, Vec::new())
    }

    fn opened(file: F, path: PathBuf, dir: PathBuf, good_len: u64, log: Vec<Entry>) -> Journal<F> {
        Journal {
            note: None,
            at_panic: None,
            file,
            path,
            dir,
            good_len,
            torn: false,
            lost: false,
            synced: log.len(),
            log,
            queue: VecDeque::new(),
            notice: None,
            synced_len: good_len,
            epoch: 0,
            name_unsynced: false,
            opening: 0,
        }
    }

    /// Nothing written so far is confirmed: not the file, nor its name in
    /// the folder, nor its opening of `entries` (not counted among the
    /// call's changes).
    fn unconfirmed(&mut self, entries: usize) {
        self.synced_len = 0;
        self.synced = 0;
        self.name_unsynced = true;
        self.opening = entries;
    }

    /// Everything written so far is durable.
    fn all_synced(&mut self) {
        self.synced_len = self.good_len;
        self.synced = self.log.len();
    }

    /// Queues an entry; it is written by the next save.
    pub fn queue(&mut self, entry: Entry) {
        self.queue.push_back(entry);
    }

    /// Writes every queued entry in order, each synced before the next. On
    /// a failure the part written is cut off again (or, if that fails too,
    /// the next entry begins with a newline), and that entry and the rest
    /// stay queued.
    pub fn write_queued(&mut self) -> io::Result<()> {
        while let Some(entry) = self.queue.front() {
            let mut bytes = encode(entry).into_bytes();
            if self.torn {
                match self.file.truncate(self.good_len) {
                    Ok(()) => self.torn = false,
                    Err(_) => bytes.insert(0, b'\n'),
                }
            }
            let after_tear = self.torn;
            if let Err(err) = self.file.write_all(&bytes).and_then(|()| self.file.sync()) {
                self.torn = true;
                if self.file.truncate(self.good_len).and_then(|()| self.file.sync()).is_ok() {
                    self.torn = false;
                }
                return Err(err);
            }
            let written = self.good_len + bytes.len() as u64;
            self.good_len = if after_tear { self.file.size().unwrap_or(written) } else { written };
            self.torn = false;
            if let Some(entry) = self.queue.pop_front() {
                self.log.push(entry);
            }
            self.all_synced();
        }
        Ok(())
    }

    /// Writes every queued entry in order, in one write, without waiting
    /// for the disk: once this returns Ok they are in the file (a killed
    /// process loses none of them) but durable only after a sync
    /// ([`Journal::sync_stamp`], [`Journal::synced`]). A failed write is
    /// cut off again as in [`Journal::write_queued`], and all stay queued.
    pub fn write_ahead(&mut self) -> io::Result<()> {
        if self.queue.is_empty() {
            return Ok(());
        }
        let mut bytes = Vec::new();
        if self.torn {
            match self.file.truncate(self.good_len) {
                Ok(()) => self.torn = false,
                Err(_) => bytes.push(b'\n'),
            }
        }
        let after_tear = self.torn;
        for entry in &self.queue {
            bytes.extend_from_slice(encode(entry).as_bytes());
        }
        if let Err(err) = self.file.write_all(&bytes) {
            self.torn = true;
            if self.file.truncate(self.good_len).is_ok() {
                self.torn = false;
            }
            return Err(err);
        }
        let written = self.good_len + bytes.len() as u64;
        self.good_len = if after_tear { self.file.size().unwrap_or(written) } else { written };
        self.log.extend(self.queue.drain(..));
        Ok(())
    }

    /// What a sync begun now would confirm, if anything is unconfirmed.
    pub fn sync_stamp(&self) -> Option<SyncStamp> {
        (self.good_len != self.synced_len || self.synced != self.log.len() || self.name_unsynced).then_some(SyncStamp {
            epoch: self.epoch,
            len: self.good_len,
            entries: self.log.len(),
            name: self.name_unsynced,
        })
    }

    /// The folder a sync begun now must cover as well, while the file's
    /// name is not yet durable.
    pub fn dir_to_sync(&self) -> Option<&Path> {
        self.name_unsynced.then_some(self.dir.as_path())
    }

    /// What came of a sync begun at `stamp`. Ok confirms what was written
    /// before it; a failure takes back everything written since the last
    /// confirmed sync and queues it again (the disk may hold none of it),
    /// to be written at the next save. A sync of a file or tail replaced
    /// since confirms nothing and is ignored.
    pub fn synced(&mut self, stamp: SyncStamp, result: io::Result<()>) -> Result<(), SyncFailed> {
        if stamp.epoch != self.epoch || self.lost {
            return Ok(());
        }
        match result {
            Ok(()) => {
                if stamp.len >= self.synced_len && stamp.entries >= self.synced {
                    self.synced_len = stamp.len;
                    self.synced = stamp.entries;
                }
                if stamp.name {
                    self.name_unsynced = false;
                }
                if self.synced >= self.opening {
                    self.opening = 0;
                }
                Ok(())
            }
            Err(err) => {
                let back: Vec<Entry> = self.log.drain(self.synced..).collect();
                for entry in back.into_iter().rev() {
                    self.queue.push_front(entry);
                }
                self.good_len = self.synced_len;
                // The next write cuts the file back to what was confirmed.
                self.torn = true;
                self.epoch += 1;
                Err(SyncFailed(err))
            }
        }
    }

    /// Changes written but not yet confirmed by a sync.
    pub fn unsynced(&self) -> usize {
        if self.lost {
            return 0;
        }
        let opening = self.opening.min(self.log.len()).saturating_sub(self.synced);
        (self.log.len() - self.synced).saturating_sub(opening)
    }

    /// Syncs here and now (quitting, a signal): every entry written is
    /// durable once this returns Ok.
    pub fn sync_now(&mut self) -> io::Result<()> {
        let Some(stamp) = self.sync_stamp() else { return Ok(()) };
        let result = self.file.sync().and_then(|()| if stamp.name { sync_dir(&self.dir) } else { Ok(()) });
        self.synced(stamp, result).map_err(|SyncFailed(err)| err)
    }

    /// Changes not yet in the file (written ahead counts as in it).
    pub fn unsaved(&self) -> usize {
        // The opening comes first: in the log, or queued again after a
        // failed first sync.
        let (waiting, opening) = if self.lost {
            let all = self.log.len() + self.queue.len();
            (all, self.opening.min(all))
        } else {
            (self.queue.len(), self.opening.saturating_sub(self.log.len()).min(self.queue.len()))
        };
        waiting - opening
    }

    /// Every entry written, in order.
    pub fn log(&self) -> &[Entry] {
        &self.log
    }

    pub fn sink(&self) -> &F {
        &self.file
    }

    pub fn sink_mut(&mut self) -> &mut F {
        &mut self.file
    }

    /// Something the handler should be told about the last save (the
    /// journal had to be written again), once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }

    pub fn id(&self) -> String {
        self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// A journal let go (a call ended, the app quitting or unwinding from a
/// panic) makes what it wrote ahead durable first.
impl<F: Sink> Drop for Journal<F> {
    fn drop(&mut self) {
        let _ = self.sync_now();
    }
}

impl Journal {
    fn with_note(mut self, note: Option<LockNote>) -> Journal {
        self.hold(note);
        self
    }

    /// Takes the lock note and puts the journal on the list a panic syncs
    /// (the release build aborts, and runs no drop).
    fn hold(&mut self, note: Option<LockNote>) {
        self.at_panic = at_panic::hold(&self.file, note.as_ref().map(|n| n.0.clone()));
        self.note = note;
    }

    /// A handle on the open file for a sync on another thread (the same
    /// open file: a sync through it covers every write made through ours).
    pub fn sync_handle(&self) -> io::Result<File> {
        self.file.try_clone()
    }

    /// Like [`Journal::flush`], writing ahead: the entries are in the file
    /// when this returns Ok, and durable after the next confirmed sync.
    pub fn flush_ahead(&mut self) -> io::Result<()> {
        self.check_file()?;
        self.write_ahead()
    }

    /// Writes one entry and everything queued before it.
    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        self.queue(entry.clone());
        self.flush()
    }

    /// Writes everything queued, first making sure the file written to is
    /// still the one at the journal's path.
    pub fn flush(&mut self) -> io::Result<()> {
        self.check_file()?;
        self.write_queued()
    }

    /// Makes sure the file written to is still the one at the journal's
    /// path, as this process left it; else writes it again from memory.
    fn check_file(&mut self) -> io::Result<()> {
        if self.lost || !self.still_linked()? {
            self.lost = true;
            self.write_again(Rewrite::Vanished)?;
        } else if self.changed_by_another()? {
            // Still our file, but cut short or written into by something
            // else: writing on at our offset would leave a gap of zeros.
            self.lost = true;
            self.write_again(Rewrite::Damaged)?;
        }
        Ok(())
    }

    /// The file is not the length our own writes left it: another process
    /// truncated it or appended to it. (After a torn write it may be longer
    /// than the last good entry; shorter is still damage.)
    fn changed_by_another(&self) -> io::Result<bool> {
        let size = self.file.metadata()?.len();
        Ok(size < self.good_len || (!self.torn && size != self.good_len))
    }

    /// The open file is the one at the path (it was not deleted, nor its
    /// folder, nor replaced).
    fn still_linked(&self) -> io::Result<bool> {
        let open = self.file.metadata()?;
        let at_path = fs::symlink_metadata(&self.path);
        Ok(open.nlink() > 0 && at_path.is_ok_and(|m| m.dev() == open.dev() && m.ino() == open.ino()))
    }

    /// The file or its folder vanished: makes the folder again (0700) and
    /// writes the whole journal from memory, under its old name if that is
    /// free and never over a file someone else put there.
    fn write_again(&mut self, why: Rewrite) -> io::Result<()> {
        make_private_dir(&self.dir)?;
        let mut entries = self.log.clone();
        entries.extend(self.queue.iter().cloned());
        let old_id = self.id();
        let own_path = self.path.clone();
        // A damaged file at our path is still ours, so it is replaced; a
        // vanished one's name is taken only if nobody took it meanwhile.
        let target = match why {
            Rewrite::Vanished => Target::Free(&own_path),
            Rewrite::Damaged => Target::Replace(&own_path),
        };
        let (file, path, len) = write_atomically(&self.dir, target, &entries, Durability::Now)?;
        self.note = None;
        self.file = file;
        self.path = path;
        self.good_len = len;
        self.torn = false;
        self.lost = false;
        self.log = entries;
        self.queue.clear();
        self.all_synced();
        self.name_unsynced = false;
        self.opening = 0;
        self.epoch += 1;
        let note = LockNote::write(&self.path);
        self.hold(note);
        let id = self.id();
        let under = if id == old_id { String::new() } else { format!(" as {id}") };
        let what = match why {
            Rewrite::Vanished => "deleted",
            Rewrite::Damaged => "changed by another program",
        };
        self.notice = Some(format!("The call's record had been {what}: written again in full{under}"));
        Ok(())
    }
}

/// Why a journal is written again from memory.
#[derive(Debug, Clone, Copy)]
enum Rewrite {
    /// The file or its folder is gone.
    Vanished,
    /// The file at our path is ours but not as we left it.
    Damaged,
}

/// An unfinished journal locked for this process, not yet resumed.
#[derive(Debug)]
struct Claim {
    note: Option<LockNote>,
    file: File,
    path: PathBuf,
}

enum ClaimError {
    /// Another process holds the lock.
    Held,
    Io(io::Error),
}

impl ClaimError {
    fn into_io(self) -> io::Error {
        match self {
            ClaimError::Held => io::Error::new(io::ErrorKind::WouldBlock, "another dutygrid process holds this call"),
            ClaimError::Io(err) => err,
        }
    }
}

fn lock(file: &File) -> Result<(), ClaimError> {
    // fs4's trait, named in full: std's inherent `File::try_lock` has the
    // same name.
    fs4::FileExt::try_lock(file).map_err(|err| match err {
        fs4::TryLockError::WouldBlock => ClaimError::Held,
        fs4::TryLockError::Error(err) => ClaimError::Io(err),
    })
}

impl Claim {
    /// Opens and locks a journal. The lock is on the open file, so it is
    /// checked that the path still names that file afterwards (a journal
    /// written again atomically is a new file); a few tries, then give up.
    fn take(path: &Path) -> Result<Claim, ClaimError> {
        for _ in 0..3 {
            let file = OpenOptions::new().read(true).append(true).open(path).map_err(ClaimError::Io)?;
            lock(&file)?;
            let open = file.metadata().map_err(ClaimError::Io)?;
            let named = fs::metadata(path).map_err(ClaimError::Io)?;
            if named.dev() == open.dev() && named.ino() == open.ino() {
                let note = LockNote::write(path);
                return Ok(Claim { note, file, path: path.to_path_buf() });
            }
        }
        Err(ClaimError::Io(io::Error::other("the journal kept being replaced")))
    }
}

/// `<id>.lock`: the pid of the process holding a journal, so a second one
/// can say who. Only a hint — the lock itself is what counts — and removed
/// when the lock is let go.
#[derive(Debug)]
struct LockNote(PathBuf);

impl LockNote {
    fn path_for(journal: &Path) -> PathBuf {
        journal.with_extension(LOCK_NOTE)
    }

    fn write(journal: &Path) -> Option<LockNote> {
        let path = LockNote::path_for(journal);
        let mut temp = tempfile::Builder::new().prefix(".lock-").tempfile_in(path.parent()?).ok()?;
        writeln!(temp, "pid {}", std::process::id()).ok()?;
        temp.persist(&path).ok()?;
        Some(LockNote(path))
    }
}

impl Drop for LockNote {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// The pid in a held journal's lock note, if there is a readable one.
fn holder_pid(journal: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(LockNote::path_for(journal)).ok()?.take(64).read_to_string(&mut text).ok()?;
    text.trim().strip_prefix("pid ")?.parse().ok()
}

/// Makes a new file's name durable, not only its contents.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
