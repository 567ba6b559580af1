//! The keyboard, read on a thread of its own so that drawing never waits
//! for it. crossterm's reader blocks inside `poll` on an incomplete escape
//! sequence (its tty is a blocking fd) and has no timeout, so we read the
//! bytes ourselves and parse them with terminput (crossterm's parser, made
//! public), giving up on a sequence whose rest does not come in time.

use std::sync::mpsc::Sender;
use std::time::Duration;

use crossterm::event::Event;

/// What reaches the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    Signal(i32),
    /// The terminal went away (end of input or a read error).
    Gone,
    /// The journal's sync thread has results for the runner.
    Synced,
}

/// A terminal writes a whole escape sequence at once; if its rest has not
/// come after this long, it never will (vim's `ttimeoutlen` is similar).
pub const SEQUENCE_WAIT: Duration = Duration::from_millis(50);
/// A bracketed paste can arrive in several reads over a slow link; after
/// this long with nothing more and no end marker, what came is taken as
/// the paste. Keys typed less than this apart after a broken paste start
/// join it (in a text field they are typed; elsewhere a paste is ignored),
/// so it is kept short: a terminal sends a paste's pieces closer together.
pub const PASTE_WAIT: Duration = Duration::from_millis(250);
/// No key sequence is this long; a longer unfinished one is garbage.
const LONGEST_SEQUENCE: usize = 64;
const PASTE_START: &[u8] = b"\x1b[200~";
/// A paste is handed on in pieces of this size, so that an endless one
/// cannot fill the memory.
const LONGEST_PASTE: usize = 1 << 20;

/// Turns bytes from the terminal into events, one byte at a time as
/// crossterm does, keeping an unfinished sequence until its rest comes or
/// its time is up.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

impl Decoder {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, byte) in bytes.iter().enumerate() {
            self.pending.push(*byte);
            let more = i + 1 < bytes.len();
            // A lone Esc at the end of a read is the Esc key; with more
            // bytes behind it, it starts a sequence.
            if self.pending == [0x1b] && more {
                continue;
            }
            if zero_mouse_coordinate(&self.pending) {
                // The parser subtracts 1 from these and would overflow.
                self.pending.clear();
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push(event);
                    }
                    self.pending.clear();
                }
                Ok(None) if self.pending.len() > LONGEST_SEQUENCE && !self.pending.starts_with(PASTE_START) => {
                    self.pending.clear();
                }
                Ok(None) if self.pending.len() > LONGEST_PASTE => {
                    events.extend(self.expire());
                    self.pending.extend_from_slice(PASTE_START);
                }
                Ok(None) => {}
                Err(_) => self.pending.clear(),
            }
        }
        events
    }

    /// How long to wait for the rest of an unfinished sequence, if any.
    pub fn waiting(&self) -> Option<Duration> {
        match self.pending.as_slice() {
            [] => None,
            p if p.starts_with(PASTE_START) => Some(PASTE_WAIT),
            _ => Some(SEQUENCE_WAIT),
        }
    }

    /// The rest never came: an unfinished paste is still what the user
    /// pasted and is kept; any other unfinished sequence is dropped.
    pub fn expire(&mut self) -> Option<Event> {
        let pending = std::mem::take(&mut self.pending);
        let text = pending.strip_prefix(PASTE_START)?;
        Some(Event::Paste(String::from_utf8_lossy(text).into_owned()))
    }
}

/// A mouse report (`CSI < b ; x ; y M`, `CSI b ; x ; y M`) with a 0
/// coordinate: terminals count from 1, so this is garbage.
fn zero_mouse_coordinate(sequence: &[u8]) -> bool {
    let Some(body) = sequence.strip_prefix(b"\x1b[") else { return false };
    let Some((last, params)) = body.split_last() else { return false };
    if !matches!(last, b'M' | b'm') || params.is_empty() {
        return false;
    }
    let params = params.strip_prefix(b"<").unwrap_or(params);
    params.split(|b| *b == b';').skip(1).any(|p| !p.is_empty() && p.iter().all(|b| *b == b'0'))
}

/// Starts the reader of stdin, which decodes what it reads; events go to
/// `events`.
pub fn spawn(events: Sender<Input>) -> std::io::Result<()> {
    std::thread::Builder::new().name("input".into()).spawn(move || read(&events))?;
    Ok(())
}

/// Reads and decodes on one thread, so a key reaches the loop in one
/// hand-over: a reader and a decoder apart cost a thread wake-up more per
/// key. The decoder's timeouts (an Esc alone, a sequence cut short) are a
/// `poll` on stdin. Read from the descriptor, not through `Stdin`'s buffer,
/// which could hold bytes the poll would not see.
fn read(events: &Sender<Input>) {
    let stdin = std::io::stdin();
    let mut decoder = Decoder::default();
    let mut buffer = [0u8; 4096];
    loop {
        let decoded = match readable(&stdin, decoder.waiting(), false) {
            Ok(false) => decoder.expire().into_iter().collect(),
            Ok(true) => match rustix::io::read(&stdin, &mut buffer) {
                Ok(0) => break,
                Ok(n) => decoder.feed(&buffer[..n]),
                Err(rustix::io::Errno::INTR) => continue,
                // A descriptor left non-blocking: wait for it, not spin.
                Err(rustix::io::Errno::AGAIN) => match readable(&stdin, None, true) {
                    Ok(_) | Err(rustix::io::Errno::INTR) => continue,
                    Err(_) => break,
                },
                Err(_) => break,
            },
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        };
        for event in decoded {
            if events.send(Input::Event(event)).is_err() {
                return;
            }
        }
    }
    // An unfinished paste is still what was pasted (see `expire`).
    if let Some(event) = decoder.expire() {
        let _ = events.send(Input::Event(event));
    }
    let _ = events.send(Input::Gone);
}

/// Whether stdin has something to read (or has ended) within `wait`. With
/// no wait the read itself waits, unless `poll` is asked for: then the
/// poll waits as long as it takes.
fn readable(stdin: &std::io::Stdin, wait: Option<Duration>, poll: bool) -> rustix::io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec};
    if wait.is_none() && !poll {
        return Ok(true);
    }
    let timeout = wait.map(|w| Timespec::try_from(w).unwrap_or(Timespec { tv_sec: 1, tv_nsec: 0 }));
    let mut fds = [PollFd::new(stdin, PollFlags::IN)];
    Ok(rustix::event::poll(&mut fds, timeout.as_ref())? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn whole_sequences_and_plain_keys_decode_as_crossterm_would() {
        let mut decoder = Decoder::default();
        let events = decoder.feed(b"j\x1b[Ak");
        assert_eq!(events, vec![key('j'), Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)), key('k')]);
        assert_eq!(decoder.feed(b"\x1b"), vec![Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))]);
        assert_eq!(decoder.waiting(), None);
    }

    #[test]
    fn a_sequence_split_across_reads_is_joined() {
        let mut decoder = Decoder::default();
        assert!(decoder.feed(b"\x1b[").is_empty());
        assert_eq!(decoder.waiting(), Some(SEQUENCE_WAIT));
        assert_eq!(decoder.feed(b"B"), vec![Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE))]);
    }

    #[test]
    fn an_incomplete_sequence_is_dropped_when_its_time_is_up_and_the_next_key_counts() {
        for junk in [&b"\x1b["[..], b"\x1b[1;5", b"\x1bO", b"\xc3", b"\xe9", b"\x1b[<0;10"] {
            let mut decoder = Decoder::default();
            assert!(decoder.feed(junk).is_empty(), "{junk:?}");
            assert_eq!(decoder.waiting(), Some(SEQUENCE_WAIT), "{junk:?}");
            assert_eq!(decoder.expire(), None);
            assert_eq!(decoder.feed(b"?"), vec![key('?')], "{junk:?}");
        }
    }

    #[test]
    fn an_unfinished_paste_is_kept_as_a_paste() {
        let mut decoder = Decoder::default();
        assert!(decoder.feed(b"\x1b[200~hello").is_empty());
        assert_eq!(decoder.waiting(), Some(PASTE_WAIT));
        assert_eq!(decoder.expire(), Some(Event::Paste("hello".into())));
        assert_eq!(decoder.feed(b"q"), vec![key('q')]);
    }

    #[test]
    fn a_long_paste_is_one_event_whatever_the_reads() {
        let text: String = (0..5000).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let bytes = [b"\x1b[200~", text.as_bytes(), b"\x1b[201~"].concat();
        let mut decoder = Decoder::default();
        let mut events = Vec::new();
        for chunk in bytes.chunks(1024) {
            events.extend(decoder.feed(chunk));
        }
        assert_eq!(events, vec![Event::Paste(text)]);
    }

    #[test]
    fn an_endless_paste_is_handed_on_in_pieces() {
        let mut decoder = Decoder::default();
        let mut pasted = 0;
        decoder.feed(PASTE_START);
        for _ in 0..3 {
            for event in decoder.feed(&vec![b'x'; LONGEST_PASTE]) {
                let Event::Paste(text) = event else { panic!("{event:?}") };
                pasted += text.len();
            }
        }
        assert!(pasted >= 2 * LONGEST_PASTE - PASTE_START.len(), "{pasted}");
        assert!(decoder.pending.len() <= LONGEST_PASTE + 1);
    }

    #[test]
    fn garbage_mouse_reports_and_endless_sequences_do_not_stick() {
        let mut decoder = Decoder::default();
        assert!(decoder.feed(b"\x1b[<0;0;0M").is_empty());
        assert_eq!(decoder.waiting(), None);
        assert!(decoder.feed(b"\x1b[1;").is_empty());
        // Dropped at the length limit; what follows is read afresh.
        let after = decoder.feed(&[b'1'; 100]);
        assert!(after.len() < 100 && after.iter().all(|e| *e == key('1')), "{after:?}");
        assert_eq!(decoder.feed(b"?"), vec![key('?')]);
    }
}
