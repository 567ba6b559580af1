//! Putting the terminal into the app's modes and back, and the signals that
//! ask for either: every terminating signal restores the terminal and ends
//! the process with 128 + the signal's number; SIGTSTP (and Ctrl-Z, since
//! raw mode stops the tty sending it) restores it and stops; SIGCONT puts
//! the app's modes back and redraws.

use std::io::Write;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGWINCH,
};

use super::input::Input;
use super::screen::Screen;

/// Signals that end the process by default. SIGPIPE is among them: the app
/// writes only to the terminal and to files, so one can only come from
/// outside (or from a terminal that is gone), and either way the app ends.
pub const TERMINATING: [i32; 8] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE];

/// How long a terminating signal waits for the event loop to finish the
/// change it is writing before the process is ended regardless (a loop
/// stuck writing to a frozen terminal must not keep the app alive).
const LAST_CHANCE: Duration = Duration::from_secs(3);

/// The exit status a shell reports for a process ended by `signal`.
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

/// The app's terminal: each frame in one write, drawn by
/// [`super::screen::draw`] (see [`Screen`]).
pub type AppTerminal = ratatui::Terminal<Screen<std::fs::File>>;

/// The terminal to draw on, once [`enter`] has set the modes. The panic
/// hook that restores the terminal is the event loop's. Frames go to a
/// copy of stdout's descriptor, not to `Stdout`: its line buffer writes up
/// to a frame's last newline at once and the rest at the flush, so every
/// frame that moved down a line was two writes.
pub fn open() -> std::io::Result<AppTerminal> {
    use std::os::fd::AsFd;
    let out = std::io::stdout().as_fd().try_clone_to_owned()?;
    let mut terminal = ratatui::Terminal::new(Screen::new(std::fs::File::from(out)))?;
    super::screen::release_spare(&mut terminal);
    Ok(terminal)
}

/// Raw mode, the alternate screen, mouse capture and bracketed paste.
pub fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    crossterm::execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Undoes [`enter`] and shows the cursor; safe to call more than once.
pub fn restore() {
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(out, DisableBracketedPaste, DisableMouseCapture, crossterm::cursor::Show);
    ratatui::restore();
    let _ = out.flush();
}

/// Hands the terminal back to the shell and stops until continued.
pub fn suspend() -> std::io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)
}

/// Forwards signals to the event loop, which handles them between changes,
/// so the journal is never cut mid-write.
pub fn spawn(events: Sender<Input>) -> std::io::Result<()> {
    let mut wanted = TERMINATING.to_vec();
    wanted.extend([SIGTSTP, SIGCONT, SIGWINCH]);
    let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            let _ = events.send(Input::Signal(signal));
            if TERMINATING.contains(&signal) {
                std::thread::spawn(move || {
                    std::thread::sleep(LAST_CHANCE);
                    restore();
                    std::process::exit(exit_code(signal));
                });
            }
        }
    })?;
    Ok(())
}
