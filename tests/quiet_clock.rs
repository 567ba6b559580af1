#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The header clock: to the second, or at minutes (the config's `clock`,
//! and presentation mode's default) so an idle screen writes nothing for a
//! minute; either way it names its zone, at every size without pushing out
//! the number to ring or 999.

mod support;

use std::io::Write;

use chrono::Duration;
use dutygrid::app::{Action, Session, State, update};
use dutygrid::config::ClockShows;
use dutygrid::ui::{self, Theme};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::{NIGHT, OFFICE, at, render, session, start};

fn with_clock(clock: Option<ClockShows>, present: bool, width: u16, height: u16) -> State {
    start(Session { clock, present, simulated: true, ..session("nottingham-city", OFFICE) }, width, height)
}

fn clock_line(s: &State) -> String {
    render(s).lines().nth(1).unwrap_or_default().to_string()
}

#[test]
fn at_minutes_the_header_shows_no_seconds_and_the_call_timer_counts_minutes() {
    let mut s = with_clock(Some(ClockShows::Minutes), false, 200, 60);
    update(&mut s, Action::Tick(at("nottingham-city", OFFICE) + Duration::seconds(75)));
    let line = clock_line(&s);
    assert!(line.contains("10:01 GMT Fri 27 Nov 2026 · call 1 min"), "{line:?}");
    assert!(!line.contains("10:01:15"), "{line:?}");
    update(&mut s, Action::Tick(at("nottingham-city", OFFICE) + Duration::minutes(65)));
    assert!(clock_line(&s).contains("11:05 GMT Fri 27 Nov 2026 · call 1 h 05 min"), "{}", clock_line(&s));

    let mut s = with_clock(Some(ClockShows::Seconds), false, 200, 60);
    update(&mut s, Action::Tick(at("nottingham-city", OFFICE) + Duration::seconds(75)));
    assert!(clock_line(&s).contains("10:01:15 GMT Fri 27 Nov 2026 · call 00:01:15"), "{}", clock_line(&s));
}

#[test]
fn presentation_mode_shows_minutes_unless_the_config_says_seconds() {
    assert!(with_clock(None, true, 120, 40).clock_in_minutes());
    assert!(!with_clock(None, false, 120, 40).clock_in_minutes());
    assert!(!with_clock(Some(ClockShows::Seconds), true, 120, 40).clock_in_minutes());
    let line = clock_line(&with_clock(None, true, 200, 60));
    assert!(line.contains("10:00 GMT") && !line.contains("10:00:00"), "{line:?}");
}

#[test]
fn the_config_file_names_the_clock() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config.ron");
    std::fs::write(&path, "(clock: minutes)").expect("write");
    assert_eq!(dutygrid::config::load(&path).expect("loads").clock, Some(ClockShows::Minutes));
    std::fs::write(&path, "(clock: hours)").expect("write");
    let err = dutygrid::config::load(&path).expect_err("hours is not a choice").to_string();
    assert!(err.contains("hours"), "{err}");
}

/// Counts the writes that reach the terminal.
#[derive(Default)]
struct Bytes(Vec<u8>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written by the frame after the clock moves on `seconds`.
fn written_after(clock: ClockShows, seconds: i64) -> usize {
    let mut s = with_clock(Some(clock), false, 200, 60);
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 200, 60)) };
    let mut terminal = Terminal::with_options(dutygrid::tui::Screen::new(Bytes::default()), options).expect("terminal");
    let theme = Theme::colour();
    dutygrid::tui::draw_frame(&mut terminal, |frame| ui::draw(frame, &s, &theme)).expect("first frame");
    let first = terminal.backend().writer().0.len();
    update(&mut s, Action::Tick(at("nottingham-city", OFFICE) + Duration::seconds(seconds)));
    dutygrid::tui::draw_frame(&mut terminal, |frame| ui::draw(frame, &s, &theme)).expect("frame");
    terminal.backend().writer().0.len() - first
}

#[test]
fn at_minutes_two_frames_30_seconds_apart_write_nothing() {
    assert_eq!(written_after(ClockShows::Minutes, 30), 0);
    assert!(written_after(ClockShows::Minutes, 60) > 0, "the next minute is drawn");
    assert!(written_after(ClockShows::Seconds, 30) > 0, "at seconds every second is");
}

#[test]
fn the_zone_is_shown_at_80x24_and_60x20_with_the_number_to_ring_and_999_whole() {
    for pack in dutygrid::pack::library::Library::load(None).known_ids() {
        for when in [OFFICE, NIGHT] {
            for (width, height) in [(80, 24), (60, 20)] {
                for clock in [ClockShows::Seconds, ClockShows::Minutes] {
                    for simulated in [false, true] {
                        let s = start(Session { clock: Some(clock), simulated, ..session(&pack, when) }, width, height);
                        let screen = render(&s);
                        let header: Vec<&str> = screen.lines().take(2).collect();
                        let what = format!("{pack} {when} {width}x{height} {clock:?} simulated {simulated}");
                        assert!(header[0].contains(&s.contact().line.numbers), "{what}: {:?}", header[0]);
                        assert!(header[1].contains("999"), "{what}: {:?}", header[1]);
                        let format = if clock == ClockShows::Minutes { "%H:%M %Z" } else { "%H:%M:%S %Z" };
                        let shown = [format, "%H:%M %Z"].map(|f| s.contact().local.format(f).to_string());
                        let clock_shown = shown.iter().any(|t| header[1].contains(t));
                        let bare_time = s.contact().local.format("%H:%M").to_string();
                        assert!(
                            clock_shown || !header[1].contains(&bare_time),
                            "{what}: a time without its zone: {:?}",
                            header[1]
                        );
                        // At 60 columns with the SIMULATED badge, dutygrid's
                        // own 999 keeps its words before the clock (as it
                        // did before the zone was added).
                        let words_first = simulated && width == 60 && header[1].contains("(dutygrid's own line)");
                        assert!(clock_shown || words_first, "{what}: {:?} lacks {shown:?}", header[1]);
                    }
                }
            }
        }
    }
}
