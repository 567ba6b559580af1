//! The cells a frame leaves as the terminal shows them: not drawn into the
//! frame (they are blank there), so the backend must neither compare nor
//! write them.

use std::ops::Range;

use ratatui::layout::Rect;

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

impl Span {
    fn meets(self, rect: Rect) -> bool {
        (rect.top()..rect.bottom()).contains(&self.y) && self.x < rect.right() && rect.left() < self.end
    }

    /// The span's cells outside `rect`: itself, one side or both.
    fn without(self, rect: Rect) -> impl Iterator<Item = Span> {
        let (before, after) = if self.meets(rect) {
            let before = (self.x < rect.left()).then_some(Span { end: rect.left(), ..self });
            (before, (rect.right() < self.end).then_some(Span { x: rect.right(), ..self }))
        } else {
            (Some(self), None)
        };
        before.into_iter().chain(after)
    }
}

/// The spans regions left out of a frame, in the order they were added;
/// in order (by row, then column) and merged once the frame is drawn. It
/// carries the frame's [`Reuse`], the regions' leave to leave anything out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unchanged {
    spans: Vec<Span>,
    reuse: Option<Reuse>,
}

impl Unchanged {
    /// Nothing left out yet, of a frame drawn with `reuse` (`None`: a whole
    /// draw, which leaves nothing out).
    pub(super) fn new(reuse: Option<Reuse>) -> Unchanged {
        Unchanged { spans: Vec::new(), reuse }
    }

    pub(super) fn reuse(&self) -> Option<Reuse> {
        self.reuse
    }

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

    /// Puts the spans in order, merges those that touch (regions are drawn
    /// one after another, so a row's spans come in region order), and takes
    /// out the cells of `covered`: a popup drew there over the regions.
    pub(super) fn finish(mut self, covered: &[Rect]) -> Unchanged {
        self.spans.sort_unstable_by_key(|s| (s.y, s.x));
        let mut merged: Vec<Span> = Vec::with_capacity(self.spans.len());
        for span in self.spans {
            match merged.last_mut() {
                Some(last) if last.y == span.y && span.x <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        for rect in covered {
            merged = merged.into_iter().flat_map(|span| span.without(*rect)).collect();
        }
        Unchanged { spans: merged, reuse: self.reuse }
    }

    /// Whether any cell left out is in one of `rects`.
    pub fn meets(&self, rects: &[Rect]) -> bool {
        self.spans.iter().any(|span| rects.iter().any(|rect| span.meets(*rect)))
    }

    /// Adds every row of `area`.
    pub(super) fn add_area(&mut self, area: Rect) {
        for y in area.top()..area.bottom() {
            self.add(y, area.left()..area.right());
        }
    }
}

/// How a region is drawn for a terminal: on which frame. Its cells under a
/// popup are taken out of what it leaves out when the frame is finished
/// ([`Unchanged::finish`]); a frame that would leave out cells the
/// terminal shows a popup in is drawn whole instead ([`Unchanged::meets`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reuse {
    pub canvas: Canvas,
}

impl Reuse {
    /// Whether the terminal shows what a region drew on the frame numbered
    /// `drawn` (`None`: nothing it may rely on), but where a popup was over
    /// it then (which the frame's caller checks).
    pub fn shows(self, drawn: Option<u64>) -> bool {
        let canvas = self.canvas;
        canvas.over_last && drawn.is_some() && drawn == canvas.frame.checked_sub(1)
    }

    /// What a region records of the frame it draws now, for [`Reuse::shows`]
    /// on the next.
    pub fn drawn(self) -> Option<u64> {
        Some(self.canvas.frame)
    }
}

/// What a region drawn whole from one value (its `key`) last drew, so a
/// frame that would draw the same key into the same area leaves it out.
/// The region must be the only thing drawn in its area, and its key must
/// hold everything the drawing depends on.
#[derive(Debug)]
pub struct Region<K> {
    key: Option<K>,
    area: Rect,
    drawn: Option<u64>,
}

impl<K> Default for Region<K> {
    fn default() -> Region<K> {
        Region { key: None, area: Rect::default(), drawn: None }
    }
}

impl<K: PartialEq + Clone> Region<K> {
    /// Whether the terminal shows `key` drawn into `area` as the last
    /// frame drew it (the caller then draws nothing and adds the region's
    /// cells to [`Unchanged`]); if not, the caller draws it, and it is
    /// kept as this frame's. A whole draw (`reuse` is `None`) is never
    /// left out and keeps nothing.
    pub fn shown(&mut self, reuse: Option<Reuse>, area: Rect, key: &K) -> bool {
        self.shown_by(reuse, area, |kept| kept == key, || key.clone())
    }
}

impl<K> Region<K> {
    /// As [`Region::shown`], for a key compared by `same` and kept (only
    /// when it changed) as `owned` makes it: a key that borrows what the
    /// region must not keep.
    pub fn shown_by(
        &mut self,
        reuse: Option<Reuse>,
        area: Rect,
        same: impl FnOnce(&K) -> bool,
        owned: impl FnOnce() -> K,
    ) -> bool {
        let Some(reuse) = reuse else { return false };
        let same_key = self.key.as_ref().is_some_and(same);
        let left_out = same_key && reuse.shows(self.drawn) && self.area == area;
        if !same_key {
            self.key = Some(owned());
        }
        self.area = area;
        self.drawn = reuse.drawn();
        left_out
    }

    /// Forgets what was drawn: the next frame draws the region.
    pub fn forget(&mut self) {
        self.drawn = None;
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
        let spans = unchanged.finish(&[]);
        assert_eq!(spans.spans(), &[Span { y: 2, x: 1, end: 199 }, Span { y: 3, x: 1, end: 139 }]);
    }

    #[test]
    fn a_region_is_left_out_only_for_the_same_key_and_area_on_the_next_frame() {
        let mut region = Region::default();
        let area = Rect::new(0, 0, 10, 2);
        let on = |frame| Some(Reuse { canvas: Canvas { frame, over_last: frame > 1 } });
        let moved = Rect::new(0, 1, 10, 2);
        assert!(!region.shown(on(1), area, &"a"), "the first frame draws it");
        assert!(region.shown(on(2), area, &"a"));
        assert!(region.shown(on(3), area, &"a"), "left out, it still counts as drawn");
        assert!(!region.shown(on(4), area, &"b"), "another key");
        assert!(!region.shown(on(5), moved, &"b"), "another area");
        assert!(!region.shown(None, moved, &"c"), "a whole draw");
        assert!(region.shown(on(6), moved, &"b"), "a whole draw keeps nothing");
        assert!(!region.shown(on(8), moved, &"b"), "a frame in between");
        region.forget();
        assert!(!region.shown(on(9), moved, &"b"), "forgotten");
    }

    #[test]
    fn a_region_relies_only_on_the_frame_before() {
        let canvas = Canvas { frame: 8, over_last: true };
        let open = Reuse { canvas };
        assert!(open.shows(Some(7)));
        assert!(!open.shows(Some(6)), "a frame was presented in between");
        assert!(!open.shows(None));
        assert!(!Reuse { canvas: Canvas { frame: 8, over_last: false } }.shows(Some(7)), "cleared");
        assert_eq!(open.drawn(), Some(8));
    }

    #[test]
    fn a_popup_takes_its_cells_out_of_the_spans_under_it() {
        let mut unchanged = Unchanged::default();
        for y in 0..4 {
            unchanged.add(y, 0..20);
        }
        unchanged.add(4, 12..14);
        let popup = Rect::new(5, 1, 10, 4);
        let spans = unchanged.finish(&[popup, Rect::new(0, 3, 2, 1)]);
        let span = |y, x, end| Span { y, x, end };
        assert_eq!(
            spans.spans(),
            &[
                span(0, 0, 20),
                span(1, 0, 5),
                span(1, 15, 20),
                span(2, 0, 5),
                span(2, 15, 20),
                span(3, 2, 5),
                span(3, 15, 20)
            ],
            "row 4's span is all under the popup"
        );
        assert!(spans.meets(&[Rect::new(19, 0, 3, 1)]));
        assert!(!spans.meets(&[popup]), "nothing left out under the popup");
        assert!(!spans.meets(&[Rect::new(0, 4, 20, 3)]));
    }
}
