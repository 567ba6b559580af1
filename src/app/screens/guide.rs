//! The guide screen: the pack's guidance in its own words, scrolled by
//! line, page and section. Its place is kept as a section and a line within
//! it, so a resize that rewraps the text leaves the handler in the section
//! they were reading, and the contents mark the section they chose even
//! when it is too short to reach the top. Its layout is kept with it and
//! rebuilt only on a resize or when the line to ring changes.

use std::borrow::Cow;

use ratatui::layout::Rect;

use super::Next;
use crate::app::action::Action;
use crate::app::guide::GuideLayout;
use crate::app::state::State;
use crate::guide::Guide;
use crate::pack::Pack;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideView {
    pub guide: Guide,
    /// The section being read, as the contents number it (0-based).
    pub section: usize,
    /// Wrapped lines scrolled past the section's title.
    pub offset: u16,
    /// The text wrapped for the last area laid out.
    layout: Option<GuideLayout>,
}

impl GuideView {
    /// The pack's guide at the section with this id (else the first), the
    /// line to ring now marked.
    pub fn new(pack: &Pack, live: Option<&str>, at: &str) -> GuideView {
        let guide = Guide::of(pack);
        let section = guide.sections.iter().position(|s| s.id == at).unwrap_or(0);
        let mut view = GuideView { guide, section, offset: 0, layout: None };
        view.mark_live(live);
        view
    }

    /// Marks the line to ring now; `None` marks none. The mark is part of
    /// the text, so a layout is rebuilt when it moves.
    pub fn mark_live(&mut self, id: Option<&str>) {
        // No contact line has an empty id (packs are validated), so "" marks none.
        self.guide.mark_live(id.unwrap_or_default());
        if let Some(area) = self.layout.as_ref().map(|l| l.area) {
            self.relayout(area);
        }
    }

    /// Lays the guide out for `area` unless it already is.
    pub fn relayout(&mut self, area: Rect) {
        if !self.layout.as_ref().is_some_and(|l| l.fits(&self.guide, area)) {
            self.layout = Some(GuideLayout::of(&self.guide, area));
        }
    }

    /// The guide laid out for `area`: the kept layout, or (for an area it
    /// was not laid out for) one built for this frame.
    pub fn layout(&self, area: Rect) -> Cow<'_, GuideLayout> {
        match &self.layout {
            Some(layout) if layout.fits(&self.guide, area) => Cow::Borrowed(layout),
            _ => Cow::Owned(GuideLayout::of(&self.guide, area)),
        }
    }

    /// The first wrapped line shown, kept within the text.
    pub fn scroll(&self, layout: &GuideLayout) -> u16 {
        let start = layout.starts.get(self.section).copied().unwrap_or(0);
        start.saturating_add(self.offset).min(layout.max_scroll())
    }

    fn scroll_to(&mut self, layout: &GuideLayout, scroll: u16) {
        let scroll = scroll.min(layout.max_scroll());
        self.section = layout.section_at(scroll);
        self.offset = scroll - layout.starts.get(self.section).copied().unwrap_or(0).min(scroll);
    }

    fn go_to_section(&mut self, layout: &GuideLayout, section: usize) {
        if section < layout.starts.len() {
            self.section = section;
            self.offset = 0;
        }
    }
}

/// Opens the guide where it is wanted: at consent from the call details
/// (the full text behind the rule shown there), else at the level the grid's
/// cursor is on.
pub(in crate::app) fn open(state: &State) -> GuideView {
    let from_details = matches!(state.top(), Some(crate::app::Screen::Details(_)));
    let at = match state.pack.levels.get(state.cursor.level) {
        _ if from_details => "consent".to_string(),
        Some(level) => format!("level-{}", level.id),
        None => String::new(),
    };
    let mut view = GuideView::new(&state.pack, state.contact.live_id.as_deref(), &at);
    if from_details && view.guide.sections.get(view.section).is_none_or(|s| s.id != "consent") {
        // A pack with no consent rules of its own may still have a section
        // on information sharing (the 2018 pathway does).
        let about = |t: &str| t.to_lowercase().contains("consent") || t.to_lowercase().contains("information sharing");
        view.section = view.guide.sections.iter().position(|s| about(&s.title)).unwrap_or(0);
    }
    view.relayout(state.areas().overlay());
    view
}

/// Opens the guide at a passage or number search found: its section,
/// scrolled so the passage is near the top, two lines before it showing.
pub(in crate::app) fn at_place(state: &State, place: &crate::search::Place) -> GuideView {
    let mut view = GuideView::new(&state.pack, state.contact.live_id.as_deref(), &place.section);
    let area = state.areas().overlay();
    // The lines before the passage: the section laid out as far as it, the
    // other sections whole, so the widths are the same as drawn.
    let mut before = view.guide.clone();
    let Some(section) = before.sections.get_mut(view.section) else { return view };
    section.blocks.truncate(place.block.saturating_add(1));
    match section.blocks.last_mut() {
        Some(crate::guide::Block::Items { items, .. }) if place.item > 0 => items.truncate(place.item),
        Some(crate::guide::Block::Fields { fields }) if place.item > 0 => fields.truncate(place.item),
        _ => {
            section.blocks.pop();
        }
    }
    let layout = GuideLayout::of(&before, area);
    let start = layout.starts.get(view.section).copied().unwrap_or(0);
    let end = layout.starts.get(view.section + 1).copied().unwrap_or(layout.total);
    // A list cut short still ends with its blank line; the passage is the
    // line after the items kept.
    let lines = end.saturating_sub(start).saturating_sub(u16::from(place.item > 0));
    view.offset = lines.saturating_sub(2);
    view
}

pub(in crate::app) fn key(view: &mut GuideView, state: &State, action: &Action) -> Next {
    view.relayout(state.areas().overlay());
    let Some(layout) = view.layout.take() else { return Next::Keep };
    let at = view.scroll(&layout);
    let page = layout.page().saturating_sub(1).max(1);
    let start = layout.starts.get(view.section).copied().unwrap_or(0);
    match action {
        Action::MoveDown => view.scroll_to(&layout, at.saturating_add(1)),
        Action::MoveUp => view.scroll_to(&layout, at.saturating_sub(1)),
        Action::PageDown => view.scroll_to(&layout, at.saturating_add(page)),
        Action::PageUp => view.scroll_to(&layout, at.saturating_sub(page)),
        Action::First => view.scroll_to(&layout, 0),
        Action::Last => view.scroll_to(&layout, layout.max_scroll()),
        Action::NextRow | Action::NextDomain => view.go_to_section(&layout, view.section + 1),
        // Back to the top of this section first, as a book's "previous" does.
        Action::PrevRow | Action::PrevDomain if at > start => view.go_to_section(&layout, view.section),
        Action::PrevRow | Action::PrevDomain => view.go_to_section(&layout, view.section.saturating_sub(1)),
        Action::JumpSection(n) => view.go_to_section(&layout, usize::from(*n).saturating_sub(1)),
        _ => {}
    }
    view.layout = Some(layout);
    Next::Keep
}
