//! The shortest cursor move between two cells. A full position
//! (`ESC[row;colH`) is 6–9 bytes at 200x60; the next row's first column is
//! `\r\n` (2), a few columns on is `ESC[nC` (4–5).

/// Where the terminal's cursor is: the cell the next symbol lands on.
/// After the last column `x` is the width (the terminal holds a pending
/// wrap there), which only the absolute moves and `\r` treat correctly —
/// so no move below goes left or right relative to such an `x`.
pub type Cursor = (u16, u16);

/// A move being built, on the stack: it is worked out for every jump of
/// every frame, and the longest (`ESC[65536;65536H`) is 15 bytes.
#[derive(Clone, Copy)]
struct Seq {
    bytes: [u8; 24],
    len: usize,
}

impl Seq {
    const EMPTY: Seq = Seq { bytes: [0; 24], len: 0 };

    fn of(start: &[u8]) -> Seq {
        let mut seq = Seq::EMPTY;
        seq.push(start);
        seq
    }

    fn push(&mut self, bytes: &[u8]) {
        self.bytes[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn number(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut at = digits.len();
        loop {
            at -= 1;
            // n % 10 < 10, so the digit fits.
            digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[at..]);
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// `self`, unless `other` is shorter (the first of equals wins).
    fn or_shorter(self, other: Seq) -> Seq {
        if other.len < self.len { other } else { self }
    }
}

fn absolute(to: Cursor) -> Seq {
    let (x, y) = to;
    let mut seq = Seq::of(b"\x1b[");
    match (x, y) {
        (0, 0) => {}
        (0, _) => seq.number(u32::from(y) + 1),
        _ => {
            seq.number(u32::from(y) + 1);
            seq.push(b";");
            seq.number(u32::from(x) + 1);
        }
    }
    seq.push(b"H");
    seq
}

fn forward(n: u16, seq: &mut Seq) {
    match n {
        0 => {}
        1 => seq.push(b"\x1b[C"),
        _ => {
            seq.push(b"\x1b[");
            seq.number(u32::from(n));
            seq.push(b"C");
        }
    }
}

/// Moves along one row, from column `from` to `to`, after `start`.
fn along_row(start: &[u8], from: u16, to: u16) -> Seq {
    let mut column = Seq::of(start);
    column.push(b"\x1b[");
    column.number(u32::from(to) + 1);
    column.push(b"G");
    let mut home = Seq::of(start);
    home.push(b"\r");
    forward(to, &mut home);
    let mut best = column.or_shorter(home);
    if to > from {
        let mut on = Seq::of(start);
        forward(to - from, &mut on);
        best = best.or_shorter(on);
    }
    if to == from {
        best = best.or_shorter(Seq::of(start));
    }
    best
}

/// Appends the shortest move from `from` (unknown: `None`) to `to`.
pub fn write_move(from: Option<Cursor>, to: Cursor, out: &mut Vec<u8>) {
    let mut best = absolute(to);
    if let Some((fx, fy)) = from {
        if fy == to.1 {
            best = best.or_shorter(along_row(b"", fx, to.0));
        }
        // A line feed on the bottom row would scroll; `to` is a cell the
        // frame draws, so the row below is on screen.
        if fy.checked_add(1) == Some(to.1) {
            let mut next = Seq::of(b"\r\n");
            forward(to.0, &mut next);
            best = best.or_shorter(next).or_shorter(along_row(b"\n", fx, to.0));
        }
    }
    out.extend_from_slice(best.as_slice());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(from: Option<Cursor>, to: Cursor) -> String {
        let mut out = Vec::new();
        write_move(from, to, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn each_move_takes_the_shortest_form() {
        assert_eq!(moved(None, (149, 41)), "\x1b[42;150H");
        assert_eq!(moved(None, (0, 0)), "\x1b[H");
        assert_eq!(moved(Some((10, 5)), (10, 5)), "");
        assert_eq!(moved(Some((10, 5)), (11, 5)), "\x1b[C");
        assert_eq!(moved(Some((10, 5)), (15, 5)), "\x1b[5C");
        assert_eq!(moved(Some((150, 5)), (0, 6)), "\r\n");
        assert_eq!(moved(Some((150, 5)), (12, 6)), "\n\x1b[13G");
        assert_eq!(moved(Some((150, 5)), (0, 5)), "\r");
        assert_eq!(moved(Some((150, 5)), (20, 5)), "\x1b[21G");
        assert_eq!(moved(Some((20, 5)), (20, 6)), "\n");
        assert_eq!(moved(Some((20, 5)), (20, 9)), "\x1b[10;21H");
    }

    #[test]
    fn nothing_goes_relative_from_a_pending_wrap_but_right() {
        // After the last column (x = width) a move left is absolute.
        assert_eq!(moved(Some((200, 5)), (150, 5)), "\x1b[151G");
    }
}
