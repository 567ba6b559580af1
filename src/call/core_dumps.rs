//! A crash must not leave the call on disk outside the records folder. A
//! core file is a copy of the process's memory — the call, its notes, the
//! household — written where the system's `core_pattern` says, with none of
//! the records folder's modes. The process refuses them for itself before
//! any record is read, so a fault (or a panic during a panic, which aborts
//! even with unwinding) leaves nothing behind.

use rustix::process::{Resource, Rlimit, setrlimit};

/// Sets this process's core-file limit to zero, soft and hard, so nothing
/// later in it can raise it again without privilege, and on Linux marks it
/// not dumpable. The limit alone does not stop a `core_pattern` that pipes
/// cores to a program (systemd-coredump, apport): the kernel hands those
/// the core whatever the limit, while a process that is not dumpable gets
/// no core at all; it also keeps other programs of the same user from
/// reading its memory through `/proc` or attaching a debugger. Neither can
/// fail for want of privilege; should one fail anyway the app still starts
/// (a handler on a call must not be refused for this), and `tests/pty.rs`
/// checks the limit holds.
pub fn refuse() {
    let _ = setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) });
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
mod tests {
    use super::*;

    #[test]
    fn the_process_refuses_core_files_and_is_not_dumpable() {
        refuse();
        let limit = rustix::process::getrlimit(Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
        let dumpable = rustix::process::dumpable_behavior().expect("prctl");
        assert_eq!(dumpable, rustix::process::DumpableBehavior::NotDumpable);
    }
}
