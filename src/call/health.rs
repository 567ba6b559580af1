//! The records folder's health, checked at every start: the folder (and its
//! `training` folder) should be 0700 and every file in it 0600, all owned
//! by whoever runs dutygrid. A mode looser than that on something we own is
//! tightened and said; something owned by another user is said and left
//! alone, as is a link (it could point anywhere).
//!
//! Each file is opened without following links and fixed through that open
//! file, so a name swapped for a link meanwhile is never followed.

use std::fmt;
use std::path::{Path, PathBuf};

use rustix::fs::{FileType, Mode, OFlags};

/// The mode the folders of records should have.
pub const DIR_MODE: u32 = 0o700;
/// The mode every file in them should have.
pub const FILE_MODE: u32 = 0o600;

/// Something found wrong with the folder or a file in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: PathBuf,
    /// The permission bits found.
    pub mode: u32,
    pub what: Done,
}

/// What was done about a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Its mode was looser than it should be: changed to `to`.
    Tightened { to: u32 },
    /// Its mode was looser and could not be changed.
    NotTightened { to: u32, why: String },
    /// Owned by another user (uid): reported, not touched.
    NotOurs { owner: u32 },
    /// A symbolic link where a record or a folder should be: not followed.
    Link,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        let mode = self.mode;
        match &self.what {
            Done::Tightened { to } => write!(f, "{path}: mode {mode:04o} was looser than {to:04o}: made {to:04o}"),
            Done::NotTightened { to, why } => {
                write!(f, "{path}: mode {mode:04o} is looser than {to:04o} and could not be changed: {why}")
            }
            Done::NotOurs { owner } => {
                write!(f, "{path}: owned by another user (uid {owner}), mode {mode:04o}: left as it is")
            }
            Done::Link => write!(f, "{path}: a symbolic link, not a file: left as it is, not followed"),
        }
    }
}

/// Checks `dir` and everything in it (and in its `training` folder), fixing
/// the modes it owns. A folder that does not exist yet has nothing wrong.
pub fn check_and_fix(dir: &Path) -> Vec<Finding> {
    check_as(dir, rustix::process::geteuid().as_raw())
}

/// [`check_and_fix`] as if run by user `me`: a test can so be someone else.
pub fn check_as(dir: &Path, me: u32) -> Vec<Finding> {
    let mut found = Vec::new();
    check_folder(dir, me, &mut found);
    found
}

fn check_folder(dir: &Path, me: u32, found: &mut Vec<Finding>) {
    // The records folder itself may be named through a link (a managed
    // drive, say): the user chose it, so it is followed; nothing inside is.
    if !std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
        return;
    }
    // The folder first, so it is closed before its files are looked at.
    inspect(dir, DIR_MODE, me, OFlags::empty(), found);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<(PathBuf, std::fs::FileType)> =
        entries.filter_map(Result::ok).filter_map(|e| e.file_type().ok().map(|t| (e.path(), t))).collect();
    crate::sort::sort_by(&mut paths, |a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        if kind.is_symlink() {
            let mode = std::fs::symlink_metadata(&path).map(|m| mode_of(m.permissions())).unwrap_or(0);
            found.push(Finding { path, mode, what: Done::Link });
        } else if kind.is_file() {
            inspect(&path, FILE_MODE, me, OFlags::NOFOLLOW, found);
        } else if kind.is_dir() && path.file_name().is_some_and(|n| n == "training") {
            check_folder(&path, me, found);
        }
    }
}

fn mode_of(permissions: std::fs::Permissions) -> u32 {
    std::os::unix::fs::PermissionsExt::mode(&permissions) & 0o7777
}

/// Checks one folder or file against `want`: what another user owns is
/// only said (our own files in their folder are still fixed).
fn inspect(path: &Path, want: u32, me: u32, nofollow: OFlags, found: &mut Vec<Finding>) {
    // O_NONBLOCK: a FIFO put here must not hang the start.
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | nofollow;
    let Ok(fd) = rustix::fs::open(path, flags, Mode::empty()) else {
        return inspect_unopened(path, want, me, found);
    };
    let Ok(stat) = rustix::fs::fstat(&fd) else { return };
    let kind = FileType::from_raw_mode(stat.st_mode);
    if kind != FileType::RegularFile && kind != FileType::Directory {
        return;
    }
    let mode = stat.st_mode & 0o7777;
    if stat.st_uid != me {
        found.push(Finding { path: path.to_path_buf(), mode, what: Done::NotOurs { owner: stat.st_uid } });
        return;
    }
    if mode & !want != 0 {
        let what = match rustix::fs::fchmod(&fd, Mode::from_raw_mode(want)) {
            Ok(()) => Done::Tightened { to: want },
            Err(err) => Done::NotTightened { to: want, why: err.to_string() },
        };
        found.push(Finding { path: path.to_path_buf(), mode, what });
    }
}

/// A file of ours that cannot be opened for reading (say write-only, 0222)
/// is still checked, by its name: it is not a link (looked at first), so
/// the change is to this file.
fn inspect_unopened(path: &Path, want: u32, me: u32, found: &mut Vec<Finding>) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    let mode = mode_of(meta.permissions());
    if meta.file_type().is_symlink() {
        found.push(Finding { path: path.to_path_buf(), mode, what: Done::Link });
        return;
    }
    let owner = std::os::unix::fs::MetadataExt::uid(&meta);
    if owner != me {
        found.push(Finding { path: path.to_path_buf(), mode, what: Done::NotOurs { owner } });
        return;
    }
    if mode & !want != 0 {
        let what = match std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(want)) {
            Ok(()) => Done::Tightened { to: want },
            Err(err) => Done::NotTightened { to: want, why: err.to_string() },
        };
        found.push(Finding { path: path.to_path_buf(), mode, what });
    }
}

/// One short line for the app's footer: the first finding by its file
/// name, and how many more (the full ones are said on stderr at exit).
pub fn summary(found: &[Finding]) -> Option<String> {
    let first = found.first()?;
    let name = first.path.file_name().map_or_else(|| first.path.display().to_string(), |n| n.to_string_lossy().into());
    let more = match found.len() {
        1 => String::new(),
        n => format!(", +{} more", n - 1),
    };
    let mode = first.mode;
    Some(match &first.what {
        Done::Tightened { to } => format!("Records folder made private ({name} was {mode:04o}, now {to:04o}{more})"),
        Done::NotTightened { .. } => format!("Records folder: {name} is {mode:04o} and could not be fixed{more}"),
        Done::NotOurs { .. } => format!("Records folder: {name} is another user's ({mode:04o}), left{more}"),
        Done::Link => format!("Records folder: {name} is a link, left{more}"),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn loose_modes_are_tightened_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let calls = dir.path().join("calls");
        std::fs::create_dir_all(calls.join("training")).unwrap();
        std::fs::write(calls.join("call-1.jsonl"), "{}").unwrap();
        std::fs::write(calls.join("training/call-2.jsonl"), "{}").unwrap();
        std::fs::write(calls.join("audit.log"), "").unwrap();
        for (path, m) in [(calls.clone(), 0o777), (calls.join("training"), 0o755)] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap();
        }
        std::fs::set_permissions(calls.join("call-1.jsonl"), std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(calls.join("training/call-2.jsonl"), std::fs::Permissions::from_mode(0o666)).unwrap();
        std::fs::set_permissions(calls.join("audit.log"), std::fs::Permissions::from_mode(0o600)).unwrap();
        let found = check_and_fix(&calls);
        let said: Vec<(String, u32)> =
            found.iter().map(|f| (f.path.strip_prefix(&calls).unwrap().display().to_string(), f.mode)).collect();
        assert_eq!(
            said,
            [
                ("".into(), 0o777),
                ("call-1.jsonl".into(), 0o644),
                ("training".into(), 0o755),
                ("training/call-2.jsonl".into(), 0o666)
            ]
        );
        assert!(found.iter().all(|f| matches!(f.what, Done::Tightened { .. })));
        assert_eq!(mode(&calls), 0o700);
        assert_eq!(mode(&calls.join("training")), 0o700);
        assert_eq!(mode(&calls.join("call-1.jsonl")), 0o600);
        assert_eq!(mode(&calls.join("training/call-2.jsonl")), 0o600);
        assert!(found[0].to_string().ends_with("mode 0777 was looser than 0700: made 0700"), "{}", found[0]);
        assert!(check_and_fix(&calls).is_empty(), "nothing left to say");
    }

    #[test]
    fn what_another_user_owns_is_said_and_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("call-1.jsonl"), "{}").unwrap();
        std::fs::set_permissions(dir.path().join("call-1.jsonl"), std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let someone_else = rustix::process::geteuid().as_raw() + 1;
        let found = check_as(dir.path(), someone_else);
        assert_eq!(found.len(), 2, "the folder and the record: {found:?}");
        assert!(found.iter().all(|f| matches!(f.what, Done::NotOurs { .. })), "{found:?}");
        assert!(found[1].to_string().contains("call-1.jsonl: owned by another user"), "{}", found[1]);
        assert_eq!(mode(&dir.path().join("call-1.jsonl")), 0o644, "not touched");
    }

    #[test]
    fn a_link_is_said_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "x").unwrap();
        std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o644)).unwrap();
        let calls = dir.path().join("calls");
        std::fs::create_dir(&calls).unwrap();
        std::fs::set_permissions(&calls, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::os::unix::fs::symlink(&outside, calls.join("call-1.jsonl")).unwrap();
        let found = check_and_fix(&calls);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].what, Done::Link);
        assert_eq!(mode(&outside), 0o644, "the file it points to is not touched");
    }

    #[test]
    fn a_missing_folder_has_nothing_wrong() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_and_fix(&dir.path().join("not-yet")).is_empty());
    }
}
