//! The real binary in a pseudo-terminal: reading its screen until it shows
//! what a test waits for.

use std::time::{Duration, Instant};

use expectrl::session::OsSession as Session;

/// Spawns the app in a `width`×`height` pseudo-terminal and waits for its
/// first screen (the simulated clock and the number to ring).
pub fn spawn_app(command: std::process::Command, width: u16, height: u16) -> (Session, vt100::Parser) {
    let mut session = Session::spawn(command).expect("spawn");
    session.get_process_mut().set_window_size(width, height).expect("size");
    let mut parser = vt100::Parser::new(height, width, 0);
    let shown = read_until(&mut session, &mut parser, |s| s.contains("SIMULATED") && s.contains("Ring"));
    assert!(shown, "{}", parser.screen().contents());
    (session, parser)
}

/// Reads the app's output into `parser` until `done` holds for the screen,
/// the output ends, or 20 s pass; says whether `done` holds.
pub fn read_until(session: &mut Session, parser: &mut vt100::Parser, done: impl Fn(&str) -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut chunk = [0u8; 8192];
    while Instant::now() < deadline {
        if done(&parser.screen().contents()) {
            return true;
        }
        match session.try_read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => parser.process(&chunk[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    done(&parser.screen().contents())
}
