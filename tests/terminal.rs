#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary in a pseudo-terminal under signals, suspend, incomplete
//! escape sequences, pastes and resizes: the terminal is always given back,
//! the clock never stops, and no key, character or resize is lost.

use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;

const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

struct App {
    session: Session,
    parser: vt100::Parser,
    dir: tempfile::TempDir,
}

impl App {
    fn start() -> App {
        App::start_with(None)
    }

    /// Started with `config` as its config file, if any.
    fn start_with(config: Option<&str>) -> App {
        let dir = tempfile::tempdir().expect("dir");
        if let Some(config) = config {
            std::fs::write(dir.path().join("no-config.ron"), config).expect("config");
        }
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"));
        command
            .args(["run", "--at", "2026-11-27 10:00"])
            .env("DUTYGRID_PACKS", dir.path())
            .env("DUTYGRID_RECORDS", dir.path().join("records"))
            .env("DUTYGRID_CONFIG", dir.path().join("no-config.ron"))
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .env("TERM", "xterm-256color");
        let mut session = Session::spawn(command).expect("spawn");
        session.get_process_mut().set_window_size(WIDTH, HEIGHT).expect("size");
        let mut app = App { session, parser: vt100::Parser::new(HEIGHT, WIDTH, 0), dir };
        app.wait_for("first screen", |s| s.contents().contains("Ring"));
        app
    }

    fn pid(&self) -> String {
        self.session.get_process().pid().to_string()
    }

    fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill").args([signal, &self.pid()]).status().expect("kill");
        assert!(status.success());
    }

    /// Reads output until `done` holds for the screen; false after 10 s.
    fn read_until(&mut self, done: impl Fn(&vt100::Screen) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut chunk = [0u8; 8192];
        while Instant::now() < deadline {
            if done(self.parser.screen()) {
                return true;
            }
            match self.session.try_read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => self.parser.process(&chunk[..n]),
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                Err(_) => break,
            }
        }
        done(self.parser.screen())
    }

    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let seen = self.read_until(done);
        assert!(seen, "never saw {what}:\n{}", self.parser.screen().contents());
    }

    fn send(&mut self, bytes: &[u8]) {
        self.session.send(bytes).expect("send");
    }

    /// The header line with the clock and the call timer.
    fn clock(&self) -> String {
        self.parser.screen().contents().lines().find(|l| l.contains("call ")).unwrap_or_default().to_string()
    }

    /// Waits for the process to end; its exit status and the screen.
    fn wait_exit(mut self) -> (WaitStatus, vt100::Parser, tempfile::TempDir) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut chunk = [0u8; 8192];
        loop {
            if let Ok(n) = self.session.try_read(&mut chunk) {
                self.parser.process(&chunk[..n]);
            }
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Ok(status) => {
                    while let Ok(n) = self.session.try_read(&mut chunk) {
                        if n == 0 {
                            break;
                        }
                        self.parser.process(&chunk[..n]);
                    }
                    return (status, self.parser, self.dir);
                }
                Err(err) => panic!("wait: {err}"),
            }
        }
    }
}

fn assert_restored(screen: &vt100::Screen, what: &str) {
    assert!(!screen.alternate_screen(), "{what}: left in the alternate screen");
    assert!(!screen.hide_cursor(), "{what}: cursor left hidden");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "{what}: mouse capture left on");
    assert!(!screen.bracketed_paste(), "{what}: bracketed paste left on");
}

#[test]
fn every_terminating_signal_restores_the_terminal_and_exits_with_128_plus_its_number() {
    for (name, number) in
        [("INT", 2), ("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14), ("PIPE", 13), ("TERM", 15), ("HUP", 1)]
    {
        let mut app = App::start();
        assert!(app.parser.screen().alternate_screen());
        app.send(b" ");
        app.wait_for("a tick", |s| s.contents().contains("level 1:1"));
        app.kill(&format!("-{name}"));
        let (status, parser, dir) = app.wait_exit();
        assert!(matches!(status, WaitStatus::Exited(_, code) if code == 128 + number), "SIG{name}: {status:?}");
        assert_restored(parser.screen(), &format!("SIG{name}"));
        assert_eq!(exported(dir.path())["counts_per_level"][0]["ticked"], 1, "SIG{name}: the tick is on disk");
    }
}

/// The process state letter from /proc (T when stopped).
fn proc_state(pid: &str) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')').next().and_then(|rest| rest.trim().chars().next()).unwrap_or('?')
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_fg_takes_it_again() {
    for how in ["ctrl-z", "SIGTSTP"] {
        let mut app = App::start();
        assert!(app.parser.screen().bracketed_paste(), "bracketed paste is on while running");
        match how {
            "ctrl-z" => app.send(b"\x1a"),
            _ => app.kill("-TSTP"),
        }
        app.wait_for("the terminal given back", |s| !s.alternate_screen() && !s.hide_cursor());
        assert_restored(app.parser.screen(), how);
        let pid = app.pid();
        let deadline = Instant::now() + Duration::from_secs(10);
        while proc_state(&pid) != 'T' && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(proc_state(&pid), 'T', "{how}: stopped");
        // What the shell drew while the app was stopped.
        app.parser.process(b"\x1b[2J$ fg\r\n");
        app.kill("-CONT");
        app.wait_for("the app's screen again", |s| s.alternate_screen() && s.contents().contains("Ring"));
        assert!(app.parser.screen().bracketed_paste(), "{how}: bracketed paste on again");
        assert_ne!(app.parser.screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None, "{how}: mouse again");
        // Raw mode again: one key acts at once, with no Enter.
        app.send(b"?");
        app.wait_for("help after one key", |s| s.contents().contains("close help"));
        app.send(b"\x1b");
        app.wait_for("help closed", |s| !s.contents().contains("close help"));
        app.send(b"q");
        let (status, parser, _) = app.wait_exit();
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{how}: {status:?}");
        assert_restored(parser.screen(), how);
    }
}

#[test]
fn incomplete_input_never_stops_the_clock_and_the_next_keys_still_work() {
    let mut app = App::start();
    for junk in [&b"\x1b["[..], b"\x1b[1;5", b"\x1bO", b"\xc3", b"\xe9", b"\x1b[200~", b"\x1b[<0;10"] {
        let sent = Instant::now();
        app.send(junk);
        // The clock ticks on twice (so more than a second passes with the
        // sequence unfinished)...
        for _ in 0..2 {
            let before = app.clock();
            let ticked = app
                .read_until(|s| s.contents().lines().find(|l| l.contains("call ")).is_some_and(|line| line != before));
            assert!(ticked, "{junk:?}: the clock stopped:\n{}", app.parser.screen().contents());
        }
        assert!(sent.elapsed() < Duration::from_secs(8), "{junk:?}: the clock was late");
        // ...and the next keys act.
        app.send(b"?");
        app.wait_for("help", |s| s.contents().contains("close help"));
        app.send(b"q");
        app.wait_for("help closed", |s| !s.contents().contains("close help"));
    }
    app.send(b"q");
    let (status, _, _) = app.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}

/// The one call's record, exported as JSON.
fn exported(dir: &std::path::Path) -> serde_json::Value {
    let records = dir.join("records");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .args(["record", "list", "--format", "json"])
        .env("DUTYGRID_RECORDS", &records)
        .env("HOME", dir)
        .output()
        .expect("list");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = list[0]["id"].as_str().expect("one record").to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .args(["record", "export", &id, "--format", "json"])
        .env("DUTYGRID_RECORDS", &records)
        .env("DUTYGRID_PACKS", dir)
        .env("HOME", dir)
        .output()
        .expect("export");
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The first note's text in the call's record.
fn saved_note(dir: &std::path::Path) -> String {
    exported(dir)["notes"][0]["text"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_paste_of_5000_characters_is_saved_whole_bracketed_or_not() {
    let text: String = (0..5000)
        .map(|i| if i % 7 == 6 { ' ' } else { char::from(b'a' + (i * 5 % 26) as u8) })
        .chain("ENDMARK".chars())
        .collect();
    for bracketed in [false, true] {
        let mut app = App::start();
        app.send(b"o");
        app.wait_for("the notes", |s| s.contents().contains("saved as you type"));
        if bracketed {
            app.send(&[b"\x1b[200~", text.as_bytes(), b"\x1b[201~"].concat());
        } else {
            app.send(text.as_bytes());
        }
        app.wait_for("the end of the paste", |s| s.contents().contains("ENDMARK"));
        // Quitting asks first (the call has content); yes.
        app.send(b"\x03");
        app.wait_for("the quit question", |s| s.contents().contains("Quit dutygrid?"));
        app.send(b"y");
        let (status, _, dir) = app.wait_exit();
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
        let saved = saved_note(dir.path());
        assert_eq!(
            saved.len(),
            text.len(),
            "bracketed {bracketed}: {} of {} characters saved",
            saved.len(),
            text.len()
        );
        assert_eq!(saved, text, "bracketed {bracketed}");
    }
}

/// The screen is laid out for `cols` x `rows`: the footer on the last row
/// and the grid's frame closed at the last column.
fn laid_out_for(screen: &vt100::Screen, cols: u16, rows: u16) -> bool {
    let footer = screen.rows(0, cols).nth(usize::from(rows - 1)).unwrap_or_default();
    let corner = (0..rows).any(|row| screen.cell(row, cols - 1).is_some_and(|c| c.contents() == "┘"));
    footer.contains("help") && corner
}

#[test]
fn a_resize_is_drawn_at_once_even_when_the_clock_wakes_only_each_minute() {
    // The frame drawn for a resize was presented blank (letting go of
    // ratatui's spare buffer reset it); the next frame mended it, and with
    // the quiet clock that was up to a minute of a blank screen.
    let mut app = App::start_with(Some("(clock: minutes)"));
    let resized = Instant::now();
    app.session.get_process_mut().set_window_size(90, 26).expect("size");
    app.parser.set_size(26, 90);
    let applied = app.read_until(|s| laid_out_for(s, 90, 26) && s.contents().contains("Ring"));
    assert!(applied, "never laid out for 90x26:\n{}", app.parser.screen().contents());
    assert!(resized.elapsed() < Duration::from_secs(5), "drawn only after {:?}", resized.elapsed());
    app.send(b"q");
    app.wait_exit();
}

#[test]
fn a_resize_that_comes_with_a_key_is_always_applied() {
    let mut app = App::start();
    for i in 0..60 {
        let (cols, rows) = if i % 2 == 0 { (90, 26) } else { (WIDTH, HEIGHT) };
        let key: &[u8] = if i % 2 == 0 { b"j" } else { b"k" };
        // A key to keep the app busy drawing, the resize, and a key that
        // arrives with it.
        app.send(key);
        app.session.get_process_mut().set_window_size(cols, rows).expect("size");
        app.send(key);
        app.parser.set_size(rows, cols);
        let applied = app.read_until(|s| laid_out_for(s, cols, rows));
        assert!(applied, "pair {i}: still laid out for the old size:\n{}", app.parser.screen().contents());
    }
    app.send(b"q");
    let (status, _, _) = app.wait_exit();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}
