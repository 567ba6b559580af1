#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary in a pseudo-terminal: it starts, shows the number to
//! ring, quits on q, and leaves the terminal as it found it.

use std::io::Read;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::Healthcheck;
use expectrl::session::OsSession as Session;

mod support;

use support::pty::{read_until, spawn_app};

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

/// Starts the app at a fixed simulated time and waits for its first screen.
fn start(at: &str) -> (Session, vt100::Parser, tempfile::TempDir) {
    let packs = tempfile::tempdir().expect("dir");
    let (session, parser) = start_with(at, packs.path(), &packs.path().join("records"));
    (session, parser, packs)
}

fn start_with(at: &str, packs: &std::path::Path, records: &std::path::Path) -> (Session, vt100::Parser) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"));
    support::isolate(&mut command, &packs.join("home"))
        .args(["run", "--at", at])
        .env("DUTYGRID_PACKS", packs)
        .env("DUTYGRID_RECORDS", records)
        .env("DUTYGRID_CONFIG", packs.join("no-config.ron"))
        .env("TERM", "xterm-256color");
    let (session, parser) = spawn_app(command, WIDTH, HEIGHT);
    assert!(parser.screen().alternate_screen());
    (session, parser)
}

/// Sends keys, then reads until the screen shows `expected`.
fn send_and_see(session: &mut Session, parser: &mut vt100::Parser, keys: &str, expected: &str) {
    session.send(keys).expect("send");
    let seen = read_until(session, parser, |s| s.contains(expected));
    assert!(seen, "never showed {expected:?}:\n{}", parser.screen().contents());
}

fn kill_9(session: &Session) {
    let pid = session.get_process().pid().to_string();
    let status = std::process::Command::new("kill").args(["-KILL", &pid]).status().expect("kill");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(100));
}

/// Waits for the process to end and checks the terminal is as it was.
fn assert_exits_and_restores(mut session: Session, mut parser: vt100::Parser) {
    let mut rest = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while session.is_alive().unwrap_or(false) && Instant::now() < deadline {
        let mut chunk = [0u8; 8192];
        match session.try_read(&mut chunk) {
            Ok(n) if n > 0 => rest.extend_from_slice(&chunk[..n]),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let _ = session.read_to_end(&mut rest);
    parser.process(&rest);
    assert!(!session.is_alive().unwrap_or(true), "still running after q");
    assert!(!parser.screen().alternate_screen(), "left the alternate screen");
    assert!(!parser.screen().hide_cursor(), "cursor shown again");
    assert_eq!(parser.screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture off");
}

#[test]
fn starts_shows_the_number_quits_and_restores_the_terminal() {
    let (mut session, parser, _packs) = start("2026-11-27 10:00");
    let screen = parser.screen().contents();
    assert!(screen.contains("OFFICE HOURS  Ring City MASH 0115 876 4800"), "{screen}");
    session.send("q").expect("send");
    assert_exits_and_restores(session, parser);
}

#[test]
fn the_running_app_refuses_core_files() {
    // A core file would be a copy of the call outside the records folder.
    let (mut session, parser, _packs) = start("2026-11-27 10:00");
    let pid = session.get_process().pid();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    let core = limits.lines().find(|line| line.starts_with("Max core file size")).expect("core line");
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    session.send("q").expect("send");
    assert_exits_and_restores(session, parser);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let (session, parser, _packs) = start("2026-11-28 02:00");
        assert!(parser.screen().contents().contains("OUT OF HOURS"), "{}", parser.screen().contents());
        let pid = session.get_process().pid().to_string();
        let status = std::process::Command::new("kill").args([signal, &pid]).status().expect("kill");
        assert!(status.success());
        assert_exits_and_restores(session, parser);
    }
}

#[test]
fn nothing_on_screen_is_lost_when_the_app_is_killed() {
    let dir = tempfile::tempdir().expect("dir");
    let records = dir.path().join("records");
    // Two ticks, then SIGKILL.
    let (mut session, mut parser) = start_with("2026-11-27 10:00", dir.path(), &records);
    send_and_see(&mut session, &mut parser, " j ", "level 1:2");
    kill_9(&session);
    // Restore, write a note, then SIGKILL while the notes are open.
    let (mut session, mut parser) = start_with("2026-11-27 10:05", dir.path(), &records);
    send_and_see(&mut session, &mut parser, "", "Restore the unfinished call?");
    send_and_see(&mut session, &mut parser, "r", "level 1:2");
    send_and_see(&mut session, &mut parser, "oMum says he fell", "Mum says he fell");
    kill_9(&session);
    // Restore, choose a caller type, SIGKILL with the details form open.
    let (mut session, mut parser) = start_with("2026-11-27 10:10", dir.path(), &records);
    send_and_see(&mut session, &mut parser, "r", "level 1:2");
    send_and_see(&mut session, &mut parser, "o", "Mum says he fell");
    // Esc alone (a following byte would make it Alt+key).
    send_and_see(&mut session, &mut parser, "\x1b", "── Health");
    send_and_see(&mut session, &mut parser, "d", "Call details");
    // Page down three sections to the referrer's, whose first field is the caller.
    send_and_see(&mut session, &mut parser, "\x1b[6~\x1b[6~\x1b[6~", "── The referrer ──");
    send_and_see(&mut session, &mut parser, "\x1b[C", "Professional");
    kill_9(&session);
    // Everything that was on screen is in the record.
    let home = support::FakeHome::new();
    let out = home
        .command()
        .args(["record", "list", "--format", "json"])
        .env("DUTYGRID_RECORDS", &records)
        .output()
        .expect("list");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = list.as_array().expect("array").iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 1, "one call, restored twice: {list}");
    let out = home
        .command()
        .args(["record", "export", ids[0], "--format", "json"])
        .env("DUTYGRID_RECORDS", &records)
        .env("DUTYGRID_PACKS", dir.path())
        .output()
        .expect("export");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(record["counts_per_level"][0]["ticked"], 2, "{record}");
    assert_eq!(record["notes"][0]["text"], "Mum says he fell");
    assert_eq!(record["details"]["caller"], "professional");
    assert!(record["ended_at"].is_null());
}

#[test]
fn a_pack_file_replacing_the_builtin_and_packs_folder_oddities_are_said_at_start() {
    let packs = tempfile::tempdir().expect("dir");
    let builtin = std::fs::read_to_string("packs/nottingham-city.ron").expect("pack");
    std::fs::write(packs.path().join("local.ron"), builtin).expect("write");
    std::fs::create_dir(packs.path().join("not-a-pack.ron")).expect("dir");
    let (mut session, mut parser) = start_with("2026-11-27 10:00", packs.path(), &packs.path().join("records"));
    let said = read_until(&mut session, &mut parser, |s| {
        s.contains("Numbers from the file") && s.contains("warning(s) about the packs folder")
    });
    assert!(said, "{}", parser.screen().contents());
    session.send("q").expect("send");
    assert_exits_and_restores(session, parser);
}
