//! The guide: the document's guidance with its table of contents, beside
//! the text on a wide screen and above it on a narrow one. Only draws; the
//! text and where it wraps are laid out in `app::guide`, so the screen's
//! keys scroll by the very lines drawn here, and a frame wraps only the
//! lines it shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Panel, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::State;
pub use crate::app::guide::SIDE_BY_SIDE;
use crate::app::guide::{GuideLayout, Tone};
use crate::app::screens::guide::GuideView;
use crate::guide::Guide;

/// The wrapped line at which each section starts in the text pane of
/// `area`, for jump keys and for marking the section in view.
pub fn section_starts(guide: &Guide, area: Rect, _theme: &Theme) -> Vec<u16> {
    GuideLayout::of(guide, area).starts
}

/// The guide screen, between the header and the footer so the number to
/// ring stays in view above it.
pub(super) fn screen(frame: &mut Frame<'_>, state: &State, view: &GuideView, theme: &Theme) {
    let area = super::overlay_area(state);
    let layout = view.layout(area);
    draw_at(frame, area, &view.guide, &layout, view.scroll(&layout), view.section, theme);
}

/// The guide in `area`, scrolled to `scroll` (kept within the text).
pub fn draw(frame: &mut Frame<'_>, area: Rect, guide: &Guide, scroll: u16, present: bool, theme: &Theme) {
    let projector = theme.for_projector();
    let theme = if present { &projector } else { theme };
    let layout = GuideLayout::of(guide, area);
    let scroll = scroll.min(layout.max_scroll());
    draw_at(frame, area, guide, &layout, scroll, layout.section_at(scroll), theme);
}

fn style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Title => theme.level_heading,
        Tone::Heading => theme.heading,
        Tone::Text => theme.text,
        Tone::Dim => theme.dim,
    }
}

fn draw_at(
    frame: &mut Frame<'_>,
    area: Rect,
    guide: &Guide,
    layout: &GuideLayout,
    scroll: u16,
    current: usize,
    theme: &Theme,
) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    super::cover::clear(frame, area);
    let wide = area.width >= SIDE_BY_SIDE;
    let borders = if wide { Borders::ALL } else { Borders::BOTTOM };
    let block = Panel::new().borders(borders).title(" Contents ");
    // A title too long for the pane ends in "…", not mid-word.
    let room = usize::from(block.inner(layout.contents).width);
    let contents: Vec<Line<'_>> = guide
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let style = if n == current { theme.cursor } else { theme.text };
            Line::styled(super::fit::cut(&format!("{:>2} {}", n + 1, s.title), room), style)
        })
        .collect();
    // Keep the section in view in a short contents pane (its title takes a
    // row even without a top border).
    let inner = block.inner(layout.contents).height;
    let top = u16::try_from(current).unwrap_or(0).saturating_sub(inner.saturating_sub(1));
    frame.render_widget(Paragraph::new(contents).block(block).scroll((top, 0)), layout.contents);
    let edition = guide.edition.as_deref().map(|e| format!(" ({e})")).unwrap_or_default();
    let panel = Panel::bordered().title(format!(" Guide: {}{edition} ", guide.title));
    let panel = super::scroll_marks(panel, scroll > 0, scroll < layout.max_scroll(), theme);
    let (shown, skip) = layout.visible(scroll);
    let text: Vec<Line<'_>> = shown
        .iter()
        .map(|line| {
            Line::from(line.iter().map(|(t, tone)| Span::styled(t.as_str(), style(*tone, theme))).collect::<Vec<_>>())
        })
        .collect();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).scroll((skip, 0)).block(panel), layout.text);
}
