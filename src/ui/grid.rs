//! The grid: levels side by side, rows of the document, indicators with
//! tick boxes; immediate-protection items marked with "!" wherever they are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

mod rows;

use super::unchanged::Region;
use super::{Theme, Unchanged, put};
use crate::app::State;
use crate::app::layout::{ITEM_PREFIX, PlacedItem, RowBlock};
use crate::text::clean_line;

/// Draws the grid into `area`; for a terminal (when `unchanged` allows it),
/// leaves out the rows of indicators the terminal already shows as they
/// are, listing them in `unchanged` (see [`rows`]).
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme, unchanged: &mut Unchanged) {
    if area.width < 3 || area.height < 3 {
        rows::forget();
        return;
    }
    let pack = state.pack();
    let edition = pack.edition.as_deref().map(|e| format!(" · {}", clean_line(e))).unwrap_or_default();
    let doc = state.grid_doc();
    let levels = state.grid().levels();
    let hidden = if doc.levels.len() < levels {
        format!(" levels {}–{} of {} shown · more ◀ ▶ ", doc.levels.start + 1, doc.levels.end, levels)
    } else {
        String::new()
    };
    let title = Line::from(format!(" {}{edition} ", clean_line(&pack.title)));
    let cells = state.areas().grid_cells();
    let column_width = doc.column_width;
    let headings: Vec<(u16, String)> = doc
        .levels
        .clone()
        .enumerate()
        .map(|(i, level)| {
            let x = cells.x + u16::try_from(i).unwrap_or(0) * column_width;
            let left = if i == 0 && doc.levels.start > 0 { "◀ " } else { "" };
            let right = if level + 1 == doc.levels.end && doc.levels.end < levels { " ▶" } else { "" };
            let name = state.grid().level_names.get(level).map_or("", String::as_str);
            (x, format!("{left}{} {name}{right}", level + 1))
        })
        .collect();
    // The border, its titles and the level headings: one value, so left
    // out whole while the terminal shows them as they are.
    let hidden = Line::from(hidden).right_aligned();
    let outline = Outline { title, hidden, headings, column_width, style: theme.level_heading };
    let buf = frame.buffer_mut();
    let shown = OUTLINE.with_borrow_mut(|last| last.shown(unchanged.reuse(), area, &outline));
    if shown {
        for y in [area.top(), area.top() + 1, area.bottom() - 1] {
            unchanged.add(y, area.left()..area.right());
        }
        for y in cells.top()..cells.bottom() {
            unchanged.add(y, area.left()..cells.left());
            unchanged.add(y, cells.right()..area.right());
        }
    } else {
        super::border::bordered(buf, area, &outline.title, &outline.hidden);
        for (x, text) in &outline.headings {
            put(buf, *x, area.y + 1, text, outline.column_width.saturating_sub(1), outline.style);
        }
    }
    if cells.height == 0 {
        rows::forget();
        return;
    }
    rows::draw(buf, cells, unchanged, |rows| list(rows, cells, state, theme));
}

/// What the grid draws around its cells.
#[derive(Debug, Clone, PartialEq)]
struct Outline {
    title: Line<'static>,
    hidden: Line<'static>,
    /// Each level's heading and its column, and the columns' width.
    headings: Vec<(u16, String)>,
    column_width: u16,
    style: ratatui::style::Style,
}

thread_local! {
    /// What the terminal was last given of the grid's outline.
    static OUTLINE: std::cell::RefCell<Region<Outline>> = std::cell::RefCell::new(Region::default());
}

/// Forgets the grid's rows and outline as the terminal was given them.
pub fn forget_kept() {
    rows::forget();
    OUTLINE.with_borrow_mut(Region::forget);
}

/// Lists what each row of the grid's cells shows.
fn list(listed: &mut dyn rows::Sink, cells: Rect, state: &State, theme: &Theme) {
    let doc = state.grid_doc();
    let column_width = doc.column_width;
    let cursor = state.cursor();
    let overlay_open = !state.screens().is_empty();
    let first = state.scroll();
    let last = first + usize::from(cells.height);
    for block in doc.blocks.iter().filter(|b| b.top < last && b.top + b.height >= first) {
        if (first..last).contains(&block.top) {
            let y = cells.y + u16::try_from(block.top - first).unwrap_or(0);
            let row = &state.grid().rows[block.row];
            let title = match &row.domain {
                Some(domain) => format!("{} · {domain}", row.name),
                None => row.name.clone(),
            };
            listed.put(cells.x, y, &format!("── {title} "), cells.width, theme.heading);
        }
        for (column, (level, items)) in block.cells.iter().enumerate() {
            let x = cells.x + u16::try_from(column).unwrap_or(0) * column_width;
            let width = column_width.saturating_sub(1);
            if items.is_empty() {
                let line = block.top + 1;
                if (first..last).contains(&line) {
                    let y = cells.y + u16::try_from(line - first).unwrap_or(0);
                    let here = cursor.row == block.row && cursor.level == *level && !overlay_open;
                    let style = if here { theme.cursor } else { theme.dim };
                    listed.put(x, y, "  — (blank in the document)", width, style);
                }
                continue;
            }
            for placed in items {
                let Some(item) = state.grid().rows[block.row].cells[*level].get(placed.item) else { continue };
                let ticked = state.call().is_ticked(&item.id);
                let here = cursor.row == block.row && cursor.level == *level && cursor.item == placed.item;
                for (n, text) in placed.lines.iter().enumerate() {
                    let line = block.top + 1 + placed.first_line + n;
                    if !(first..last).contains(&line) {
                        continue;
                    }
                    let y = cells.y + u16::try_from(line - first).unwrap_or(0);
                    let base = if here && !overlay_open {
                        theme.cursor
                    } else if ticked {
                        theme.ticked
                    } else {
                        theme.text
                    };
                    if n == 0 {
                        let tick = if ticked { "[x]" } else { "[ ]" };
                        listed.put(x, y, tick, 3, base);
                        if item.alert {
                            listed.put(x + 3, y, " ! ", 3, theme.alert_mark);
                        } else {
                            listed.put(x + 3, y, "   ", 3, base);
                        }
                        // » : fits a child the tick is about, by age or mobility.
                        if super::children::marked(state, &item.id, item.applies_to.as_ref()) {
                            listed.put(x + 5, y, "»", 1, theme.alert_mark);
                        }
                    } else {
                        listed.put(x, y, "      ", ITEM_PREFIX, base);
                    }
                    listed.put(x + ITEM_PREFIX, y, text, width.saturating_sub(ITEM_PREFIX), base);
                }
                if let Some(label) = super::children::tick_label(state, &item.id) {
                    label_item(listed, (x, width), (first, last, cells.y), (block, placed, items), &label, theme);
                }
            }
        }
    }
}

/// The children a tick is about, beside it: after the text on its last line
/// where there is room, else on the line below it if no other item of the
/// cell is there, else over the end
/// of the last line (the pane and the summary still name them in full).
fn label_item(
    listed: &mut dyn rows::Sink,
    (x, width): (u16, u16),
    (first, last, top): (usize, usize, u16),
    (block, placed, items): (&RowBlock, &PlacedItem, &[PlacedItem]),
    label: &str,
    theme: &Theme,
) {
    use unicode_width::UnicodeWidthStr;
    let text_width = width.saturating_sub(ITEM_PREFIX);
    let label_width = u16::try_from(label.width()).unwrap_or(u16::MAX);
    let end = placed.first_line + placed.lines.len();
    let used = placed.lines.last().map_or(0, |l| u16::try_from(l.width()).unwrap_or(u16::MAX));
    let y_of = |line: usize| {
        let line = block.top + 1 + line;
        (first..last).contains(&line).then(|| top + u16::try_from(line - first).unwrap_or(0))
    };
    // Over the end of the text, a space keeps the label from reading as
    // part of the last word ("breakdown. (Baby)", not "breakdown.(Baby)").
    let over = format!(" {label}");
    let (line, column, shown) = if used + 1 + label_width <= text_width {
        (end - 1, used + 1, label)
    } else if end < block.height && !items.iter().any(|p| (p.first_line..p.first_line + p.lines.len()).contains(&end)) {
        (end, 0, label)
    } else {
        (end - 1, text_width.saturating_sub(label_width + 1), over.as_str())
    };
    if let Some(y) = y_of(line) {
        listed.put(x + ITEM_PREFIX + column, y, shown, text_width.saturating_sub(column), theme.alert_mark);
    }
}
