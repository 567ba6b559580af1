#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary under disk faults and with a second instance: what the
//! footer says is what is on disk, and nothing typed is lost.

use std::path::Path;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::Healthcheck;
use expectrl::session::OsSession as Session;

mod support;

use support::pty::{read_until, spawn_app};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 30;

/// Starts the app with everything it reads or writes under `home`.
fn start(home: &Path, records: &Path, at: &str) -> (Session, vt100::Parser) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"));
    support::isolate(&mut command, home)
        .args(["run", "--at", at])
        .env("DUTYGRID_PACKS", home.join("packs"))
        .env("DUTYGRID_RECORDS", records)
        .env("DUTYGRID_CONFIG", home.join("no-config.ron"))
        .env("TERM", "xterm-256color");
    spawn_app(command, WIDTH, HEIGHT)
}

fn send_and_see(session: &mut Session, parser: &mut vt100::Parser, keys: &str, expected: &str) {
    session.send(keys).expect("send");
    let seen = read_until(session, parser, |s| s.contains(expected));
    assert!(seen, "never showed {expected:?}:\n{}", parser.screen().contents());
}

fn quit(mut session: Session, mut parser: vt100::Parser) {
    send_and_see(&mut session, &mut parser, "q", "Quit dutygrid?");
    session.send("y").expect("send");
    let deadline = Instant::now() + Duration::from_secs(20);
    while session.is_alive().unwrap_or(false) && Instant::now() < deadline {
        let mut chunk = [0u8; 8192];
        if !matches!(session.try_read(&mut chunk), Ok(n) if n > 0) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    assert!(!session.is_alive().unwrap_or(true), "still running after quitting");
}

/// The one record in the folder, exported as JSON.
fn exported(home: &Path, records: &Path) -> Vec<serde_json::Value> {
    let list = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .args(["record", "list", "--format", "json"])
        .env("HOME", home)
        .env("DUTYGRID_RECORDS", records)
        .output()
        .expect("list");
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let mut out = Vec::new();
    for id in list.as_array().expect("array").iter().filter_map(|r| r["id"].as_str()) {
        let record = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"))
            .args(["record", "export", id, "--format", "json"])
            .env("HOME", home)
            .env("DUTYGRID_RECORDS", records)
            .env("DUTYGRID_PACKS", home.join("packs"))
            .output()
            .expect("export");
        out.push(serde_json::from_slice(&record.stdout).expect("json"));
    }
    out
}

fn ticked(record: &serde_json::Value) -> serde_json::Value {
    record["counts_per_level"][0]["ticked"].clone()
}

#[test]
fn a_second_instance_names_the_holder_and_never_writes_its_call() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    let (mut first, mut first_screen) = start(home.path(), &records, "2026-11-27 10:00");
    send_and_see(&mut first, &mut first_screen, " ", "saved ✓");
    // `--at` calls are simulated, so they live in the training folder.
    let journal =
        dutygrid::pack::library::files_with_extension(&records.join("training"), "jsonl").pop().expect("journal");
    let before = std::fs::read(&journal).expect("read");
    let pid = first.get_process().pid().to_string();
    let (mut second, mut second_screen) = start(home.path(), &records, "2026-11-27 10:05");
    let named = format!("Unfinished call started Fri 27 Nov 2026 10:00 GMT is held by dutygrid pid {pid}");
    send_and_see(&mut second, &mut second_screen, "", &named);
    let screen = second_screen.screen().contents();
    assert!(!screen.contains("Restore an unfinished call"), "a held call is not offered:\n{screen}");
    // The second goes on with a call of its own, in a file of its own.
    send_and_see(&mut second, &mut second_screen, "j ", "saved ✓");
    quit(second, second_screen);
    assert_eq!(std::fs::read(&journal).expect("read"), before, "the second never wrote the first's call");
    send_and_see(&mut first, &mut first_screen, "j ", "Universal Support: 2");
    quit(first, first_screen);
    let mut counts: Vec<serde_json::Value> = exported(home.path(), &records).iter().map(ticked).collect();
    counts.sort_by_key(|c| c.as_u64());
    assert_eq!(counts, vec![serde_json::json!(1), serde_json::json!(2)]);
}

#[test]
fn a_records_folder_deleted_mid_call_is_written_back_and_the_handler_told() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    let (mut session, mut parser) = start(home.path(), &records, "2026-11-27 10:00");
    send_and_see(&mut session, &mut parser, " ", "saved ✓");
    std::fs::remove_dir_all(&records).expect("rm -rf");
    send_and_see(&mut session, &mut parser, "j ", "written again in full");
    quit(session, parser);
    let records = exported(home.path(), &records);
    assert_eq!(records.len(), 1);
    assert_eq!(ticked(&records[0]), 2, "{:?}", records[0]);
}

/// A tiny tmpfs, unmounted when dropped.
struct Mount(tempfile::TempDir);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(self.0.path()).status();
    }
}

fn tiny_tmpfs() -> Option<Mount> {
    let dir = tempfile::tempdir().ok()?;
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(Mount(dir))
}

fn fill(path: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("filler");
    while file.write_all(&[b'x'; 4096]).is_ok() {}
    while file.write_all(b"x").is_ok() {}
    let _ = file.sync_all();
}

#[test]
fn on_a_full_disk_not_saved_stays_until_the_changes_are_written() {
    let Some(mount) = tiny_tmpfs() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); tests/journal.rs covers the logic with a sink");
        return;
    };
    let home = tempfile::tempdir().expect("dir");
    let records = mount.0.path().join("records");
    std::fs::create_dir(&records).expect("records");
    let filler = mount.0.path().join("filler");
    fill(&filler);
    let (mut session, mut parser) = start(home.path(), &records, "2026-11-27 10:00");
    send_and_see(&mut session, &mut parser, " ", "NOT SAVED: 1 change(s) not on disk");
    // Moving about (no change) does not clear it, nor does any key.
    send_and_see(&mut session, &mut parser, "jjk", "NOT SAVED: 1 change(s)");
    send_and_see(&mut session, &mut parser, "q", "1 change(s) are NOT on disk");
    send_and_see(&mut session, &mut parser, "n", "NOT SAVED: 1 change(s)");
    std::fs::remove_file(&filler).expect("free space");
    send_and_see(&mut session, &mut parser, "j ", "saved ✓");
    assert!(!parser.screen().contents().contains("NOT SAVED"));
    quit(session, parser);
    let exported = exported(home.path(), &records);
    assert_eq!(exported.len(), 1);
    assert_eq!(ticked(&exported[0]), 2, "both ticks are on disk");
}

#[test]
fn after_a_call_ends_the_footer_never_shows_the_old_record_as_saved() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    let (mut session, mut parser) = start(home.path(), &records, "2026-11-27 10:00");
    send_and_see(&mut session, &mut parser, " ", "saved ✓ call-");
    let first = parser.screen().contents();
    let first_id = first.split("saved ✓ ").nth(1).and_then(|s| s.split_whitespace().next()).expect("id").to_string();
    // Ending goes through the read-back, then asks.
    send_and_see(&mut session, &mut parser, "E", "read this back to the caller");
    send_and_see(&mut session, &mut parser, "E", "End the call");
    session.send("y").expect("send");
    let cleared = read_until(&mut session, &mut parser, |s| !s.contains("End the call") && !s.contains("saved ✓"));
    assert!(cleared, "the new call is not saved yet:\n{}", parser.screen().contents());
    send_and_see(&mut session, &mut parser, "j ", "saved ✓ call-");
    let screen = parser.screen().contents();
    assert!(!screen.contains(&first_id), "the new call has a record of its own:\n{screen}");
    quit(session, parser);
}

#[test]
fn a_records_folder_unusable_at_start_is_tried_again_and_the_call_reaches_the_disk() {
    let home = tempfile::tempdir().expect("dir");
    let records = home.path().join("records");
    std::fs::write(&records, "a file where the folder should be\n").expect("write");
    let (mut session, mut screen) = start(home.path(), &records, "2026-11-27 10:00");
    send_and_see(&mut session, &mut screen, " ", "NOT SAVED");
    std::fs::remove_file(&records).expect("rm");
    send_and_see(&mut session, &mut screen, "j ", "saved ✓");
    quit(session, screen);
    let saved = exported(home.path(), &records);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(ticked(&saved[0]), 2, "both ticks, the one made before the folder could be made too");
}
