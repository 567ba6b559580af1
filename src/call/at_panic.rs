//! What a panic must still do for the open journals. The release build
//! aborts on a panic (`panic = "abort"`: a smaller binary and less memory),
//! so no drop runs — not the journal's, which syncs what it wrote ahead,
//! nor its lock note's, which removes the note. Each open journal leaves a
//! handle on its file here instead, and the panic hook calls [`settle`].
//! No terminal code.

use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};

struct Open {
    key: u64,
    /// The journal's open file (a second handle: a sync through it covers
    /// every write made through the journal's).
    file: File,
    /// The journal's lock note, to remove.
    note: Option<PathBuf>,
}

static OPEN: Mutex<Vec<Open>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A journal's place on the list, taken off when the journal is let go.
#[derive(Debug)]
pub struct Held(u64);

/// Puts an open journal's file (and its lock note) on the list. None when
/// no second handle could be had (out of descriptors): the journal still
/// works, and a panic then leaves its unsynced tail to the kernel, which
/// writes it back as it would after a kill.
pub fn hold(file: &File, note: Option<PathBuf>) -> Option<Held> {
    let file = file.try_clone().ok()?;
    let key = NEXT.fetch_add(1, Ordering::Relaxed);
    list().push(Open { key, file, note });
    Some(Held(key))
}

impl Drop for Held {
    fn drop(&mut self) {
        list().retain(|open| open.key != self.0);
    }
}

fn list() -> MutexGuard<'static, Vec<Open>> {
    OPEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Syncs every open journal and removes its lock note; how many synced.
/// Never waits for the list: a panic while this thread held it must not
/// hang the hook (and then nothing is synced — the writes are still in the
/// kernel's cache, as after a kill).
pub fn settle() -> usize {
    let open = match OPEN.try_lock() {
        Ok(open) => open,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => return 0,
    };
    let mut synced = 0;
    for journal in open.iter() {
        if journal.file.sync_data().is_ok() {
            synced += 1;
        }
        if let Some(note) = &journal.note {
            let _ = fs::remove_file(note);
        }
    }
    synced
}
