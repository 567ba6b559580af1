//! The one way dutygrid reads a user's file (pack, calendar, keymap, config,
//! scenario): regular files only, and no more than [`MAX_BYTES`]. A FIFO
//! would block the read forever and a link to `/dev/zero` would fill memory.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Far above any real pack (the largest shipped one is under 200 KB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot read: {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("cannot read: larger than the limit of {} MB", MAX_BYTES / (1024 * 1024))]
    TooLarge,
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(err) if err.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What kind of thing `metadata` describes, for a message.
pub fn kind_of(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

fn regular(metadata: &Metadata) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind_of(metadata)));
    }
    if metadata.len() > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(())
}

/// Reads a whole regular file of at most [`MAX_BYTES`]. The path is checked
/// before opening (opening a FIFO would block) and the open handle again (the
/// path may have been swapped in between); the limit holds while reading, as
/// a file may grow after it was measured.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    regular(&std::fs::metadata(path)?)?;
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    regular(&metadata)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// [`read_file`], with a failure as the `path: cannot read: …` problem.
pub fn read_or_diagnose(path: &Path) -> Result<Vec<u8>, crate::source::diagnostic::Diagnostics> {
    read_file(path)
        .map_err(|err| crate::source::diagnostic::Diagnostics::whole_file(&path.display().to_string(), err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused_by_name() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { return };
        let err = read_file(dir.path()).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("cannot read: a directory, not a regular file"));
    }

    #[cfg(unix)]
    #[test]
    fn a_character_device_is_refused_without_reading() {
        let err = read_file(Path::new("/dev/zero")).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("cannot read: a character device, not a regular file"));
    }
}
