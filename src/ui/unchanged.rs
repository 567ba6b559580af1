//! The cells a frame leaves as the terminal shows them: not drawn into the
//! frame (they are blank there), so the backend must neither compare nor
//! write them.

use std::ops::Range;

/// The frame about to be drawn, as the backend numbers the frames it
/// writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Canvas {
    /// This frame's number: one more than the last frame written.
    pub frame: u64,
    /// The terminal shows that last frame as it was drawn (no clear, no
    /// resize, no cells written another way since).
    pub over_last: bool,
}

/// Columns `x..end` of row `y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub y: u16,
    pub x: u16,
    pub end: u16,
}

/// Spans in order (by row, then column), none overlapping.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unchanged {
    spans: Vec<Span>,
}

impl Unchanged {
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Adds columns `columns` of row `y` if they come after every span
    /// added so far, and says whether it did: the caller draws those it
    /// could not add.
    pub(super) fn add(&mut self, y: u16, columns: Range<u16>) -> bool {
        let span = Span { y, x: columns.start, end: columns.end };
        let after = self.spans.last().is_none_or(|last| last.y < y || (last.y == y && last.end <= span.x));
        debug_assert!(after, "{span:?} after {:?}", self.spans.last());
        let taken = after && span.x < span.end;
        if taken {
            self.spans.push(span);
        }
        taken
    }
}
