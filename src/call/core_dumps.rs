//! A crash must not leave the call on disk outside the records folder. A
//! core file is a copy of the process's memory — the call, its notes, the
//! household — written where the system's `core_pattern` says, with none of
//! the records folder's modes. The process refuses them for itself before
//! any record is read, so a fault (or a panic during a panic, which aborts
//! even with unwinding) leaves nothing behind.

use rustix::process::{Resource, Rlimit, setrlimit};

/// Sets this process's core-file limit to zero, soft and hard, so nothing
/// later in it can raise it again without privilege. Lowering a limit
/// cannot fail for want of privilege; should it fail anyway the app still
/// starts (a handler on a call must not be refused for this), and
/// `tests/pty.rs` checks it holds.
pub fn refuse() {
    let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
}
