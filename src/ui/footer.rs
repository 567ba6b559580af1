//! One line of key hints, from the active keymap and `keymap::hints`. The
//! status (or the saved mark) and the hints that are always kept come first;
//! the rest fill what width is left, the lowest priority dropped first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::fit::cut;
use super::unchanged::{Region, Unchanged};
use crate::app::{Action, Screen, State};
use crate::keymap::hints::{self, Footer};

/// A hint as drawn: its keys and label, and how far down the list it goes.
struct Shown {
    keys: String,
    label: &'static str,
    footer: Footer,
}

impl Shown {
    fn width(&self) -> usize {
        self.keys.width() + self.label.width() + 4
    }
}

/// Draws the footer into `area`; for a terminal (when `unchanged` allows
/// it), leaves it out while the terminal shows the same line (into
/// `unchanged`).
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme, unchanged: &mut Unchanged) {
    let context = state.context();
    let width = usize::from(area.width);
    // Two keys per hint only where there is room for them.
    let keys_for = |action: &Action| {
        if width < 110 { state.keymap().first_key(context, action) } else { state.keymap().hint(context, action) }
    };
    let mut shown: Vec<Shown> = Vec::new();
    let mut seen: Vec<Action> = Vec::new();
    for hint in hints::hints(context) {
        let personal =
            matches!(hint.action, Action::OpenDetails | Action::OpenNotes | Action::OpenDecision | Action::OpenOutcome);
        // A context's own entry for an action wins over the shared one.
        if seen.iter().any(|a| hint.is_for(a)) {
            continue;
        }
        seen.push(hint.action.clone());
        // The scenario and the key share a keymap context; only the scenario reveals.
        let no_reveal = hint.action == Action::NextReveal && matches!(state.top(), Some(Screen::Key { .. }));
        if hint.footer == Footer::Never || (personal && state.present()) || no_reveal {
            continue;
        }
        let keys = keys_for(&hint.action);
        if keys.is_empty() {
            continue;
        }
        let keys = match &hint.with {
            Some(with) => format!("{} {keys}", keys_for(with)).trim().to_string(),
            None => keys,
        };
        shown.push(Shown { keys, label: hint.label, footer: hint.footer });
    }
    let kept: usize = shown.iter().filter(|s| s.footer == Footer::Always).map(Shown::width).sum();

    let mut left: Vec<Span<'_>> = Vec::new();
    let mut used = kept;
    if state.training().is_some() {
        let badge = cut(" TRAINING — nothing is saved ", width.saturating_sub(used));
        used += badge.width();
        left.push(Span::styled(badge, theme.badge));
    }
    // A status (NOT SAVED, a refused action) is cut rather than lost, and
    // never crowds out quit, help or end-call.
    if let Some(status) = state.status() {
        let status = cut(&format!(" {status} "), width.saturating_sub(used));
        used += status.width();
        left.push(Span::styled(status, theme.alert));
    }
    let saved = match (state.status(), state.saved_as(), state.training().is_some()) {
        (None, Some(id), false) => {
            // "saved ✓" only once the disk has confirmed every change.
            let word = if state.syncing() > 0 { " saving… " } else { " saved ✓ " };
            let full = format!("{word}{id} ");
            let room = width.saturating_sub(used);
            if full.width() <= room { Some(full) } else { (word.width() <= room).then(|| word.to_string()) }
        }
        _ => None,
    };
    used += saved.as_ref().map_or(0, |s| s.width());

    // The others by priority, each while it fits; drawn in table order.
    let mut ranked: Vec<usize> = (0..shown.len()).filter(|&i| shown[i].footer != Footer::Always).collect();
    crate::sort::sort_by_key(&mut ranked, |&i| (shown[i].footer, i));
    let mut keep = vec![false; shown.len()];
    for (i, hint) in shown.iter().enumerate() {
        keep[i] = hint.footer == Footer::Always;
    }
    for i in ranked {
        if used + shown[i].width() > width {
            break;
        }
        used += shown[i].width();
        keep[i] = true;
    }
    let mut spans = left;
    for (hint, _) in shown.iter().zip(&keep).filter(|(_, k)| **k) {
        spans.push(Span::styled(format!(" {} ", hint.keys), theme.cursor));
        spans.push(Span::raw(format!(" {} ", hint.label)));
    }
    if let Some(saved) = saved {
        let gap = width.saturating_sub(used);
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(saved, theme.dim));
    }
    let line = Line::from(spans);
    LAST.with_borrow_mut(|last| {
        if last.shown(unchanged.reuse(), area, &line) {
            unchanged.add_area(area);
        } else {
            super::lines::draw(frame.buffer_mut(), area, std::slice::from_ref(&line));
        }
    });
}

thread_local! {
    /// What the terminal was last given of the footer.
    static LAST: std::cell::RefCell<Region<Line<'static>>> = std::cell::RefCell::new(Region::default());
}

/// Forgets the footer the terminal was given: the next frame draws it.
pub(super) fn forget_kept() {
    LAST.with_borrow_mut(Region::forget);
}
