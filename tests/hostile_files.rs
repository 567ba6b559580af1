#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Files that are not what they seem: FIFOs, devices, huge files, links that
//! lead nowhere, escape sequences in file names, and packs in the packs
//! folder that replace a built-in pack or share an id. Each gives a clear
//! message and none hangs or fills memory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dutygrid::pack::library::{Library, OpenError, Source};

const VALID: &str = include_str!("fixtures/valid.ron");

/// Runs dutygrid with a home of its own, killing it if it has not finished
/// by the deadline (a blocked read would otherwise hang the test run).
fn run(home: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DUTYGRID_PACKS", home.join("no-packs"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dutygrid {args:?} did not finish within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A FIFO made with mkfifo(1), or None where there is none.
fn fifo(path: &Path) -> Option<PathBuf> {
    let made = Command::new("mkfifo").arg(path).status().ok()?;
    made.success().then(|| path.to_path_buf())
}

#[cfg(unix)]
#[test]
fn a_fifo_as_pack_keymap_or_config_is_refused_at_once() {
    let home = tempfile::tempdir().expect("dir");
    let Some(pipe) = fifo(&home.path().join("x.ron")) else {
        eprintln!("skipped: mkfifo is not available");
        return;
    };
    let expected = format!("{}: cannot read: a named pipe (FIFO), not a regular file", pipe.display());
    for args in [
        vec![os("pack"), os("check"), pipe.as_os_str()],
        vec![os("keymap"), os("check"), pipe.as_os_str()],
        vec![os("pack"), os("indicators"), pipe.as_os_str()],
        vec![os("--config"), pipe.as_os_str(), os("pack"), os("list")],
    ] {
        let out = run(home.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(&expected), "{args:?}: {}", stderr(&out));
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_refused_without_reading() {
    let home = tempfile::tempdir().expect("dir");
    let link = home.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let out = run(home.path(), &[os("pack"), os("check"), link.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("{}: cannot read: a character device, not a regular file\n", link.display()));
    let keymap = dutygrid::keymap::Keymap::open(&link.display().to_string()).err().map(|d| d.to_string());
    assert!(keymap.is_some_and(|e| e.contains("a character device, not a regular file")));
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let home = tempfile::tempdir().expect("dir");
    let big = home.path().join("big.ron");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(dutygrid::fsread::MAX_BYTES + 1).expect("sparse file");
    let out = run(home.path(), &[os("pack"), os("check"), big.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("{}: cannot read: larger than the limit of 16 MB\n", big.display()));
    let exactly = home.path().join("exact.ron");
    std::fs::File::create(&exactly).expect("create").set_len(dutygrid::fsread::MAX_BYTES).expect("len");
    assert_eq!(dutygrid::fsread::read_file(&exactly).map(|b| b.len()).ok(), Some(16 * 1024 * 1024));
}

#[cfg(unix)]
#[test]
fn odd_things_named_ron_in_the_packs_folder_are_warned_about() {
    let home = tempfile::tempdir().expect("dir");
    let packs = home.path().join("packs");
    std::fs::create_dir_all(packs.join("folder.ron")).expect("dir");
    std::os::unix::fs::symlink(packs.join("gone"), packs.join("dangling.ron")).expect("link");
    std::os::unix::fs::symlink(packs.join("loop.ron"), packs.join("loop.ron")).expect("loop");
    let pipe = fifo(&packs.join("pipe.ron"));
    std::fs::write(packs.join("area.ron"), VALID).expect("write");
    let out = run(home.path(), &[os("pack"), os("list"), os("--packs-dir"), packs.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warned = |name: &str, why: &str| format!("{}: warning: skipped: {why}", packs.join(name).display());
    assert!(err.contains(&warned("folder.ron", "a directory, not a regular file")), "{err}");
    assert!(err.contains(&warned("dangling.ron", "a symbolic link to nothing (dangling)")), "{err}");
    assert!(err.contains(&warned("loop.ron", "cannot follow: ")), "{err}");
    if pipe.is_some() {
        assert!(err.contains(&warned("pipe.ron", "a named pipe (FIFO), not a regular file")), "{err}");
    }
    assert!(stdout(&out).contains("test-area"), "{}", stdout(&out));
}

#[test]
fn file_names_with_escape_sequences_are_cleaned_in_every_message() {
    let home = tempfile::tempdir().expect("dir");
    let packs = home.path().join("packs");
    std::fs::create_dir_all(&packs).expect("dir");
    let hostile = "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}2J.ron";
    std::fs::write(packs.join(hostile), VALID.replacen("\"test-area\"", "\"Test Area\"", 1)).expect("write");
    std::fs::write(packs.join(format!("ok-{hostile}")), VALID).expect("write");
    let check = run(home.path(), &[os("pack"), os("check"), packs.join(hostile).as_os_str()]);
    let list = run(home.path(), &[os("pack"), os("list"), os("--packs-dir"), packs.as_os_str()]);
    let json =
        run(home.path(), &[os("pack"), os("list"), os("--format"), os("json"), os("--packs-dir"), packs.as_os_str()]);
    for out in [&check, &list, &json] {
        let all = format!("{}{}", stdout(out), stderr(out));
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\u{9b}'), "{all:?}");
    }
    assert!(stderr(&check).contains("evil]0;PWNED[2J2J.ron:4:9: pack id"), "{}", stderr(&check));
    assert!(stdout(&list).contains("ok-evil]0;PWNED[2J2J.ron"), "{}", stdout(&list));
}

/// A packs folder holding `files` as (file name, pack id).
fn packs_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for (name, id) in files {
        std::fs::write(dir.path().join(name), VALID.replacen("\"test-area\"", &format!("{id:?}"), 1)).expect("write");
    }
    dir
}

#[test]
fn a_file_with_a_builtin_id_is_recorded_as_replacing_it() {
    let dir = packs_folder(&[("mine.ron", "nottingham-city")]);
    let library = Library::load(Some(dir.path()));
    let path = dir.path().join("mine.ron");
    let (pack, source) = library.open("nottingham-city").expect("opens");
    assert_eq!(pack.title, "Test Area Threshold of Need");
    assert_eq!(source, Source::Replacing(path.clone()));
    assert_eq!(source.describe(), format!("file {} — replaces the built-in pack", path.display()));
    assert!(!source.is_builtin());
    assert_eq!(library.warnings.len(), 1, "{:?}", library.warnings);
    assert!(library.warnings[0].to_string().contains("replaces the built-in pack"));
    let (_, builtin) = library.open("stoke-on-trent").expect("opens");
    assert_eq!(builtin.describe(), "built-in pack");
    let other = packs_folder(&[("area.ron", "test-area")]);
    let (_, file) = Library::load(Some(other.path())).open("test-area").expect("opens");
    assert_eq!(file.describe(), format!("file {}", other.path().join("area.ron").display()));
}

#[test]
fn two_files_with_one_id_are_refused_by_id_naming_both() {
    let dir = packs_folder(&[("a.ron", "test-area"), ("b.ron", "test-area"), ("c.ron", "other-area")]);
    let library = Library::load(Some(dir.path()));
    let Err(err) = library.open("test-area") else { panic!("an id in two files opened") };
    assert!(matches!(err, OpenError::Ambiguous { .. }), "{err}");
    let shown = err.to_string();
    for name in ["a.ron", "b.ron"] {
        assert!(shown.contains(&dir.path().join(name).display().to_string()), "{shown}");
    }
    assert_eq!(err.exit_code(), 1);
    assert!(library.open("other-area").is_ok());
    assert!(library.open(&dir.path().join("a.ron").display().to_string()).is_ok(), "a path still opens");
}

#[test]
fn pack_list_and_check_warn_about_replaced_builtins_and_shared_ids() {
    let dir = packs_folder(&[("a.ron", "test-area"), ("b.ron", "test-area"), ("city.ron", "nottingham-city")]);
    let home = tempfile::tempdir().expect("home");
    let packs = dir.path().as_os_str();
    let list = run(home.path(), &[os("pack"), os("list"), os("--packs-dir"), packs]);
    let err = stderr(&list);
    let a = dir.path().join("a.ron").display().to_string();
    let b = dir.path().join("b.ron").display().to_string();
    let city = dir.path().join("city.ron").display().to_string();
    assert!(
        err.contains(&format!(
            "{city}: warning: id \"nottingham-city\" is a built-in pack's: this file replaces the built-in pack"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{a}: warning: id \"test-area\" is given by 2 files ({a}, {b})")), "{err}");
    assert!(err.contains(&format!("{b}: warning: id \"test-area\" is given by 2 files")), "{err}");
    let check = run(home.path(), &[os("--packs-dir"), packs, os("pack"), os("check"), os(&a), os(&city)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let err = stderr(&check);
    assert!(err.contains(&format!("{a}: warning: id \"test-area\" is also given by {b} in the packs folder")), "{err}");
    assert!(err.contains(&format!("{city}: warning: id \"nottingham-city\" is a built-in pack's")), "{err}");
    // The app refuses to start on the shared id (before any terminal is touched).
    let start = run(home.path(), &[os("--packs-dir"), packs, os("run"), os("--pack"), os("test-area")]);
    assert_eq!(start.status.code(), Some(1));
    assert!(stderr(&start).contains("pack id \"test-area\" is given by more than one file"), "{}", stderr(&start));
}

#[test]
fn contact_says_when_the_numbers_come_from_a_file() {
    let dir = packs_folder(&[("city.ron", "nottingham-city")]);
    let home = tempfile::tempdir().expect("home");
    let at = ["--at", "2026-11-27 10:00"];
    let replaced = run(
        home.path(),
        &[
            os("--packs-dir"),
            dir.path().as_os_str(),
            os("contact"),
            os("--pack"),
            os("nottingham-city"),
            os(at[0]),
            os(at[1]),
        ],
    );
    assert_eq!(replaced.status.code(), Some(0), "{}", stderr(&replaced));
    let text = stdout(&replaced);
    let line = format!("Pack from file {} — replaces the built-in pack\n", dir.path().join("city.ron").display());
    assert!(text.ends_with(&line), "{text}");
    let builtin = run(home.path(), &[os("contact"), os("--pack"), os("nottingham-city"), os(at[0]), os(at[1])]);
    assert!(!stdout(&builtin).contains("Pack from"), "{}", stdout(&builtin));
}
