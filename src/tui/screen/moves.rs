//! The shortest cursor move between two cells. A full position
//! (`ESC[row;colH`) is 6–9 bytes at 200x60; the next row's first column is
//! `\r\n` (2), a few columns on is `ESC[nC` (4–5).

use std::io::Write;

/// Where the terminal's cursor is: the cell the next symbol lands on.
/// After the last column `x` is the width (the terminal holds a pending
/// wrap there), which only the absolute moves and `\r` treat correctly —
/// so no move below goes left or right relative to such an `x`.
pub type Cursor = (u16, u16);

fn absolute(to: Cursor, out: &mut Vec<u8>) {
    let (x, y) = to;
    match (x, y) {
        (0, 0) => out.extend_from_slice(b"\x1b[H"),
        (0, _) => {
            let _ = write!(out, "\x1b[{}H", u32::from(y) + 1);
        }
        _ => {
            let _ = write!(out, "\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1);
        }
    }
}

fn forward(n: u16, out: &mut Vec<u8>) {
    match n {
        0 => {}
        1 => out.extend_from_slice(b"\x1b[C"),
        _ => {
            let _ = write!(out, "\x1b[{n}C");
        }
    }
}

/// Moves along one row, from column `from` to `to`.
fn along_row(from: u16, to: u16, out: &mut Vec<u8>) {
    let mut best: Option<Vec<u8>> = None;
    let mut consider = |candidate: Vec<u8>| {
        if best.as_ref().is_none_or(|b| candidate.len() < b.len()) {
            best = Some(candidate);
        }
    };
    let mut column = Vec::new();
    let _ = write!(column, "\x1b[{}G", u32::from(to) + 1);
    consider(column);
    let mut home = vec![b'\r'];
    forward(to, &mut home);
    consider(home);
    if to > from {
        let mut on = Vec::new();
        forward(to - from, &mut on);
        consider(on);
    }
    if to == from {
        consider(Vec::new());
    }
    out.extend_from_slice(&best.unwrap_or_default());
}

/// Appends the shortest move from `from` (unknown: `None`) to `to`.
pub fn write_move(from: Option<Cursor>, to: Cursor, out: &mut Vec<u8>) {
    let mut best = Vec::new();
    absolute(to, &mut best);
    if let Some((fx, fy)) = from {
        let mut candidates = Vec::new();
        if fy == to.1 {
            let mut row = Vec::new();
            along_row(fx, to.0, &mut row);
            candidates.push(row);
        }
        // A line feed on the bottom row would scroll; `to` is a cell the
        // frame draws, so the row below is on screen.
        if fy.checked_add(1) == Some(to.1) {
            let mut next = b"\r\n".to_vec();
            forward(to.0, &mut next);
            candidates.push(next);
            let mut down = b"\n".to_vec();
            along_row(fx, to.0, &mut down);
            candidates.push(down);
        }
        for candidate in candidates {
            if candidate.len() < best.len() {
                best = candidate;
            }
        }
    }
    out.extend_from_slice(&best);
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
