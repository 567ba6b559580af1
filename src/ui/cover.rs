//! What the overlays draw over. Every popup clears its rectangle with
//! [`clear`] before it draws in it, and draws nowhere else: the frame then
//! knows which cells of the regions under it the popup takes (they are not
//! left out, whatever the region decided) and, on the next frame, which
//! cells the terminal shows the popup in rather than the region.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

thread_local! {
    /// The rectangles cleared by popups since the frame began.
    static CLEARED: RefCell<Vec<Rect>> = const { RefCell::new(Vec::new()) };
}

/// Clears `area` for a popup to draw in, and notes it as covered.
pub fn clear(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
    CLEARED.with_borrow_mut(|cleared| cleared.push(area));
}

/// The rectangles cleared since the last call (the frame's, when called as
/// it begins and as it ends), without empty ones.
pub fn take() -> Vec<Rect> {
    CLEARED.with_borrow_mut(|cleared| {
        let mut taken = std::mem::take(cleared);
        taken.retain(|r| !r.is_empty());
        taken
    })
}

/// Panics if a popup changed a cell outside the rectangles it cleared: the
/// frame would leave out a cell it drew.
#[cfg(debug_assertions)]
pub fn assert_drawn_within(under: &ratatui::buffer::Buffer, drawn: &ratatui::buffer::Buffer, covered: &[Rect]) {
    for (i, (before, after)) in under.content.iter().zip(&drawn.content).enumerate() {
        let (x, y) = drawn.pos_of(i);
        let inside = covered.iter().any(|r| r.contains(ratatui::layout::Position { x, y }));
        assert!(inside || before == after, "a popup drew at ({x}, {y}), outside the rectangles it cleared");
    }
}
