//! Unwrapped lines drawn straight into the buffer, as `Paragraph` draws
//! them but without splitting plain ASCII into graphemes. The header, the
//! footer and the short summary are drawn every frame, and ratatui's path
//! (segment, measure, then set each grapheme) cost some 600 instructions a
//! cell; a run of printable ASCII is one byte per cell of width one, so it
//! is set directly, within a span of other text too ("— until 16:50",
//! "saved ✓"). Anything else takes ratatui's own grapheme rules.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

/// Whether every byte is a printable ASCII character (one column each).
pub fn plain_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `lines`, one per row from the top of `area`, each cut at its width:
/// the same cells as `Paragraph::new(lines)` (no wrap, no block, default
/// style) for left-aligned lines. A line aligned otherwise is drawn by a
/// `Paragraph` of its own.
pub fn draw(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    for (row, line) in (area.top()..area.bottom()).zip(lines) {
        let row_area = Rect { y: row, height: 1, ..area };
        if line.alignment.is_some_and(|a| a != Alignment::Left) {
            use ratatui::widgets::Widget;
            ratatui::widgets::Paragraph::new(line.clone()).render(row_area, buf);
            continue;
        }
        draw_line(buf, row_area, line);
    }
}

fn draw_line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    let max = usize::from(area.width);
    let mut used = 0;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        // Plain ASCII runs are set directly, the rest by grapheme. The last
        // ASCII character before any other may start a cluster with it (a
        // letter and a combining accent), so it goes with the rest.
        let mut rest = text;
        while !rest.is_empty() {
            if used == max {
                return;
            }
            let plain = rest.bytes().take_while(|b| (0x20..0x7f).contains(b)).count();
            let direct = if plain == rest.len() { plain } else { plain.saturating_sub(1) };
            if direct > 0 {
                let n = direct.min(max - used);
                let start = buf.index_of(area.x + u16::try_from(used).unwrap_or(0), area.y);
                for (cell, b) in buf.content[start..start + n].iter_mut().zip(rest.bytes()) {
                    cell.set_char(char::from(b)).set_style(style);
                }
                used += n;
                if n < direct {
                    return;
                }
                rest = &rest[direct..];
                continue;
            }
            let Some(symbol) = rest.graphemes(true).next() else { break };
            rest = &rest[symbol.len()..];
            if symbol.contains(char::is_control) {
                continue;
            }
            let width = usize::from(symbol.cell_width());
            // As ratatui's truncator: a symbol wider than the whole line
            // is left out, and the line ends at the first that overflows.
            if width > max {
                continue;
            }
            if used + width > max {
                return;
            }
            if width == 0 {
                continue;
            }
            set(buf, area.x + u16::try_from(used).unwrap_or(0), area.y, symbol, style);
            used += width;
        }
    }
}

fn set(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    buf[(x, y)].set_symbol(symbol).set_style(style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    fn both(lines: &[Line<'static>], area: Rect) -> (Buffer, Buffer) {
        // The area ends where the buffer does: a line filled to the edge
        // must not reach past it.
        let whole = Rect::new(0, 0, area.right(), area.bottom() + 1);
        let mut ours = Buffer::empty(whole);
        let mut theirs = Buffer::empty(whole);
        draw(&mut ours, area, lines);
        Paragraph::new(lines.to_vec()).render(area, &mut theirs);
        (ours, theirs)
    }

    fn style(n: u8) -> Style {
        match n % 4 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Red),
            2 => Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            _ => Style::new().fg(Color::White).bg(Color::Red),
        }
    }

    #[test]
    fn draws_what_a_paragraph_draws_for_the_header_kinds_of_text() {
        let lines = vec![
            Line::from(vec![
                Span::styled(" OFFICE HOURS ", style(1)),
                Span::styled(" Ring City MASH 0115 876 4800 ", style(1)),
                Span::raw(" — until 16:50 · out of hours: EDT 0300 500 8090"),
            ]),
            Line::from(vec![Span::styled(" Immediate danger: Police 999 ", style(3)), Span::raw("   16:55 GMT")]),
            Line::from("wide 日本語 and é and \u{7} bell and tab\tend").style(style(2)),
            Line::from("right").right_aligned(),
        ];
        // 14 and 44 end exactly where a span does, with spans after it.
        for width in [1, 5, 13, 14, 30, 44, 45, 80, 120] {
            let (ours, theirs) = both(&lines, Rect::new(1, 1, width, 4));
            assert_eq!(ours, theirs, "at width {width}");
        }
    }

    proptest! {
        #[test]
        fn draws_what_a_paragraph_draws(
            spans in prop::collection::vec((
                "[ -~]{0,12}|[a-z日é\u{301}🙂\t\u{7}\n \u{1F1EC}\u{1F1E7}\u{200D}\u{600}]{0,8}|[ -~—·✓\u{301}]{0,16}",
                0u8..4,
            ), 0..6),
            line_style in 0u8..4,
            width in 1u16..40,
        ) {
            let line = Line::from(spans.into_iter().map(|(text, s)| Span::styled(text, style(s))).collect::<Vec<_>>())
                .style(style(line_style));
            let (ours, theirs) = both(&[line], Rect::new(2, 0, width, 1));
            prop_assert_eq!(ours, theirs);
        }
    }
}
