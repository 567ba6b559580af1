//! The grid's plain border with its two titles: the cells
//! `Block::bordered().title(top).title_bottom(bottom.right_aligned())`
//! draws, without the block's pass over every cell of its area to apply
//! an empty style (some 7,700 cells, a third of a million instructions, of
//! every frame at 200x60), and with a plain-ASCII top title set directly.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::lines;

pub fn bordered(buf: &mut Buffer, area: Rect, top: &Line<'_>, bottom: &Line<'_>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let set = border::PLAIN;
    let (left, top_y) = (area.left(), area.top());
    let (right, bottom_y) = (area.right() - 1, area.bottom() - 1);
    // In the block's order: sides, then corners over them.
    for y in top_y..=bottom_y {
        buf[(left, y)].set_symbol(set.vertical_left);
    }
    for x in left..=right {
        buf[(x, top_y)].set_symbol(set.horizontal_top);
    }
    for y in top_y..=bottom_y {
        buf[(right, y)].set_symbol(set.vertical_right);
    }
    for x in left..=right {
        buf[(x, bottom_y)].set_symbol(set.horizontal_bottom);
    }
    buf[(right, bottom_y)].set_symbol(set.bottom_right);
    buf[(right, top_y)].set_symbol(set.top_right);
    buf[(left, bottom_y)].set_symbol(set.bottom_left);
    buf[(left, top_y)].set_symbol(set.top_left);

    let titles = Rect { x: left + 1, y: top_y, width: area.width.saturating_sub(2), height: 1 };
    if titles.is_empty() {
        return;
    }
    let width = |line: &Line<'_>| u16::try_from(line.width()).unwrap_or(u16::MAX);
    let top_area = Rect { width: width(top).min(titles.width), ..titles };
    if plain(top) {
        lines::draw(buf, top_area, std::slice::from_ref(top));
    } else {
        top.clone().left_aligned().render(top_area, buf);
    }
    let bottom_width = width(bottom);
    let bottom_area = Rect {
        x: titles.right().saturating_sub(bottom_width).max(titles.left()),
        y: bottom_y,
        width: bottom_width.min(titles.width),
        height: 1,
    };
    bottom.clone().right_aligned().render(bottom_area, buf);
}

/// Left-aligned, unstyled, printable ASCII: drawn the same by either path.
fn plain(line: &Line<'_>) -> bool {
    line.alignment.is_none_or(|a| a == Alignment::Left)
        && line.style == Style::default()
        && line.spans.iter().all(|s| s.style == Style::default() && lines::plain_ascii(&s.content))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::widgets::Block;

    fn both(area: Rect, top: &str, bottom: &str) -> (Buffer, Buffer) {
        let whole = Rect::new(0, 0, area.right(), area.bottom());
        let (mut ours, mut theirs) = (Buffer::empty(whole), Buffer::empty(whole));
        bordered(&mut ours, area, &Line::from(top.to_string()), &Line::from(bottom.to_string()));
        Block::bordered()
            .title(Line::from(top.to_string()))
            .title_bottom(Line::from(bottom.to_string()).right_aligned())
            .render(area, &mut theirs);
        (ours, theirs)
    }

    #[test]
    fn draws_what_the_block_draws_for_the_grid() {
        let top = " Nottingham Safeguarding Children Partnership Threshold of Needs ";
        let bottom = " levels 1–2 of 4 shown · more ◀ ▶ ";
        for (width, height) in [(1, 1), (2, 2), (3, 3), (10, 4), (36, 5), (80, 19), (200, 55)] {
            for (t, b) in [(top, bottom), (" Family Support Pathway 2018 / 2020 • Threshold ", ""), ("", "")] {
                let (ours, theirs) = both(Rect::new(1, 1, width, height), t, b);
                assert_eq!(ours, theirs, "{width}x{height} {t:?} {b:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn draws_what_the_block_draws(
            top in "[ -~]{0,30}|[a-z •–日 ]{0,20}",
            bottom in "[ -~]{0,20}|[a-z ◀▶–]{0,12}",
            width in 1u16..50,
            height in 1u16..6,
        ) {
            let (ours, theirs) = both(Rect::new(2, 1, width, height), &top, &bottom);
            prop_assert_eq!(ours, theirs);
        }
    }
}
