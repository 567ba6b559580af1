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

/// The spans regions left out of a frame, in the order they were added;
/// in order (by row, then column) and merged once the frame is drawn.
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

    /// Adds columns `columns` of row `y`, and says whether it did: the
    /// caller draws the cells of a span it could not add (an empty one).
    pub(super) fn add(&mut self, y: u16, columns: Range<u16>) -> bool {
        let taken = columns.start < columns.end;
        if taken {
            self.spans.push(Span { y, x: columns.start, end: columns.end });
        }
        taken
    }

    /// Puts the spans in order and merges those that touch (regions are
    /// drawn one after another, so a row's spans come in region order).
    pub(super) fn finish(mut self) -> Unchanged {
        self.spans.sort_unstable_by_key(|s| (s.y, s.x));
        let mut merged: Vec<Span> = Vec::with_capacity(self.spans.len());
        for span in self.spans {
            match merged.last_mut() {
                Some(last) if last.y == span.y && span.x <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Unchanged { spans: merged }
    }
}

/// How a region is drawn for a terminal: on which frame, and whether
/// anything is drawn over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reuse {
    pub canvas: Canvas,
    /// Something is drawn over the regions after them this frame.
    pub covered: bool,
}

impl Reuse {
    /// Whether the terminal shows, under nothing, what a region drew on the
    /// frame numbered `drawn` (`None`: nothing it may rely on).
    pub fn shows(self, drawn: Option<u64>) -> bool {
        let canvas = self.canvas;
        canvas.over_last && !self.covered && drawn.is_some() && drawn == canvas.frame.checked_sub(1)
    }

    /// What a region records of the frame it draws now, for [`Reuse::shows`]
    /// on the next.
    pub fn drawn(self) -> Option<u64> {
        (!self.covered).then_some(self.canvas.frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_come_out_in_order_and_merged() {
        let mut unchanged = Unchanged::default();
        assert!(unchanged.add(3, 1..139));
        assert!(unchanged.add(2, 1..139));
        assert!(unchanged.add(2, 141..199));
        assert!(unchanged.add(2, 139..141));
        assert!(!unchanged.add(5, 4..4), "an empty span is not taken");
        let spans = unchanged.finish();
        assert_eq!(spans.spans(), &[Span { y: 2, x: 1, end: 199 }, Span { y: 3, x: 1, end: 139 }]);
    }

    #[test]
    fn a_region_relies_only_on_the_frame_before_under_nothing() {
        let canvas = Canvas { frame: 8, over_last: true };
        let open = Reuse { canvas, covered: false };
        assert!(open.shows(Some(7)));
        assert!(!open.shows(Some(6)), "a frame was presented in between");
        assert!(!open.shows(None));
        assert!(!Reuse { canvas, covered: true }.shows(Some(7)), "drawn over now");
        assert!(!Reuse { canvas: Canvas { frame: 8, over_last: false }, covered: false }.shows(Some(7)), "cleared");
        assert_eq!(Reuse { canvas, covered: true }.drawn(), None);
        assert_eq!(open.drawn(), Some(8));
    }
}
