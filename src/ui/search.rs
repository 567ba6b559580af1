//! The search overlay: a box, results ranked by the matcher with the
//! matched letters highlighted, each with its level and row; and the same
//! concern at the other levels for the selected result.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, centred, overlay_area};
use crate::app::screens::search::SearchBox;
use crate::app::{Action, State};
use crate::keymap::Context;
use crate::search::{Entry, Hit, Kind, related};
use unicode_width::UnicodeWidthChar;

/// "4 Specialist & Safeguarding · Health" or "Immediate referral".
fn place(state: &State, level: Option<usize>, row: &str) -> String {
    match level {
        Some(l) => format!("{} {} · {row}", l + 1, state.grid().level_names.get(l).map_or("", String::as_str)),
        None => "! Immediate referral".to_string(),
    }
}

/// Where a result is: "3 Targeted · Health", "! Immediate referral",
/// "guidance: Consent and information sharing", "number · Also useful".
fn result_place(state: &State, entry: &Entry) -> String {
    match &entry.kind {
        Kind::Item => place(state, entry.level, &entry.row),
        Kind::Passage(at) => format!("guidance: {}", at.title),
        Kind::Number(_) => "number".to_string(),
    }
}

/// Where a long passage's text starts on its result line: a few words
/// before its first match, so the match is on screen at 80 columns.
fn passage_start(entry: &Entry, hit: &Hit) -> usize {
    const LEAD: usize = 40;
    let Some(&first) = hit.matched.first() else { return 0 };
    let first = first as usize;
    if !matches!(entry.kind, Kind::Passage(_)) || first <= LEAD {
        return 0;
    }
    let chars: Vec<char> = entry.text.chars().collect();
    let from = first - LEAD / 2;
    // At the start of a word.
    (from..first).find(|&i| i > 0 && chars.get(i - 1).is_some_and(|c| c.is_whitespace())).unwrap_or(from)
}

/// A result's row, `width` columns wide.
fn result_line<'a>(state: &'a State, hit: &Hit, selected: bool, width: u16, theme: &Theme) -> Line<'a> {
    // Results exist only once the index does.
    let Some(entry) = state.index().and_then(|i| i.entries.get(hit.entry)) else { return Line::default() };
    let ticked = state.call().is_ticked(&entry.id);
    let base = if selected {
        theme.cursor
    } else if ticked {
        theme.ticked
    } else {
        theme.text
    };
    let strong = base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let alert = entry.alert;
    // Only an item has a box to tick; the guide's results are read.
    let tick = match (entry.tickable(), ticked) {
        (false, _) => "   ",
        (true, true) => "[x]",
        (true, false) => "[ ]",
    };
    let mut spans = vec![
        Span::styled(tick, base),
        Span::styled(if alert { " ! " } else { "   " }, if alert { theme.alert_mark } else { base }),
        Span::styled(format!("{:<4}", entry.tag()), theme.heading),
    ];
    let start = passage_start(entry, hit);
    if start > 0 {
        spans.push(Span::styled("…", base));
    }
    // Runs of matched and unmatched letters, only as far as the row shows:
    // a passage can be pages long, and a span a letter made every result
    // row cost its whole text on each key typed.
    let mut shown = spans.iter().map(Span::width).sum::<usize>();
    let mut run = (String::new(), false);
    for (i, c) in entry.text.chars().enumerate().skip(start) {
        if shown >= usize::from(width) {
            break;
        }
        let matched = u32::try_from(i).is_ok_and(|i| hit.matched.binary_search(&i).is_ok());
        if matched != run.1 && !run.0.is_empty() {
            let text = std::mem::take(&mut run.0);
            spans.push(Span::styled(text, if run.1 { strong } else { base }));
        }
        run.1 = matched;
        run.0.push(c);
        shown += c.width().unwrap_or(0);
    }
    if !run.0.is_empty() {
        spans.push(Span::styled(run.0, if run.1 { strong } else { base }));
    }
    spans.push(Span::styled(format!("  — {}", result_place(state, entry)), theme.dim));
    // The level number leads so it survives a narrow screen; the name follows.
    // Why it was found: an abbreviation's meaning, or the caller's word
    // and the document's ("belt → physical harm").
    match &hit.via {
        Some(via) if via.contains(" → ") => spans.push(Span::styled(format!(" ({via})"), theme.dim)),
        Some(via) => spans.push(Span::styled(format!(" (“{via}”)"), theme.dim)),
        None => {}
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame<'_>, state: &State, search: &SearchBox, theme: &Theme) {
    let area = overlay_area(state);
    let popup = centred(area, area.width.saturating_sub(2).min(140), area.height);
    if popup.width < 20 || popup.height < 6 {
        return;
    }
    let tick = state.keymap().hint(Context::Search, &Action::ToggleTick);
    let go = state.keymap().hint(Context::Search, &Action::GoToResult);
    let close = state.keymap().hint(Context::Search, &Action::Close);
    let block =
        Block::bordered().title(" Search indicators, guidance and numbers (a word, or dv, cse…) ").title_bottom(
            Line::from(format!(" {tick}: tick / open in guide · {go}: show in grid/guide · {close}: close "))
                .right_aligned(),
        );
    let inner = block.inner(popup);
    super::cover::clear(frame, popup);
    frame.render_widget(block, popup);
    let input = Rect { height: 1, ..inner };
    frame.render_widget(Paragraph::new(Line::from(vec![Span::styled("/ ", theme.heading)])), input);
    frame.render_widget(search.input.area(), Rect { x: input.x + 2, width: input.width.saturating_sub(2), ..input });

    let hits = &search.hits;
    let related_lines = related_lines(state, search, theme);
    let related_height = u16::try_from(related_lines.len()).unwrap_or(0).min(inner.height.saturating_sub(4) / 2);
    let list_height = inner.height.saturating_sub(2 + related_height);
    let query = search.query();
    // Symbols alone are no query; nothing close is said so, with the pack's
    // nearest words, rather than scattered-letter results.
    let count = if !query.chars().any(char::is_alphanumeric) {
        "Type to search every indicator, the immediate-referral list, the guidance and the numbers.".to_string()
    } else if hits.is_empty() {
        let near = state.index().map(|i| i.nearest(&query, 5)).unwrap_or_default();
        if near.is_empty() {
            "No close match.".to_string()
        } else {
            format!("No close match. Nearest words in this pack: {}", near.join(", "))
        }
    } else {
        // Why the selected result was found, where the line itself may be
        // too narrow to show it whole ("belt → physical harm" at 80 columns);
        // for the guide's results, what Enter does with it and where.
        let selected = hits.get(search.selected);
        let opens = selected.and_then(|h| state.index()?.entries.get(h.entry)).and_then(|e| match &e.kind {
            Kind::Passage(at) | Kind::Number(at) => Some(format!(" · {tick} opens it in the guide: {}", at.title)),
            Kind::Item => None,
        });
        let why = selected.and_then(|h| h.via.as_deref()).map_or_else(String::new, |via| {
            if via.contains(" → ") {
                format!(" · this one found as: {via}")
            } else {
                format!(" · this one: “{via}”")
            }
        });
        let why = match opens {
            Some(opens) => format!("{opens}{why}"),
            None => why,
        };
        format!("{} result(s){why}", hits.len())
    };
    let count_area = Rect { y: inner.y + 1, height: 1, ..inner };
    frame.render_widget(Paragraph::new(Span::styled(count, theme.dim)), count_area);
    let first = search.selected.saturating_sub(usize::from(list_height.saturating_sub(1)));
    let lines: Vec<Line<'_>> = hits
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list_height))
        .map(|(i, hit)| result_line(state, hit, i == search.selected, inner.width, theme))
        .collect();
    let list = Rect { y: inner.y + 2, height: list_height, ..inner };
    frame.render_widget(Paragraph::new(lines), list);
    if related_height > 0 {
        let rel = Rect { y: list.bottom(), height: related_height, ..inner };
        frame.render_widget(Paragraph::new(related_lines), rel);
    }
}

/// The selected result's concern at the other levels.
fn related_lines<'a>(state: &'a State, search: &SearchBox, theme: &Theme) -> Vec<Line<'a>> {
    let Some(hit) = search.hits.get(search.selected) else { return Vec::new() };
    let Some(entry) = state.index().and_then(|i| i.entries.get(hit.entry)) else { return Vec::new() };
    let id = &entry.id;
    related_for(state, id, theme)
}

/// "Related — Domestic abuse" and the other members, lowest level first.
pub fn related_for<'a>(state: &'a State, id: &str, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for (name, members) in related(state.pack(), id) {
        lines.push(Line::from(Span::styled(format!("Same concern at other levels — {name}"), theme.heading)));
        let mut found: Vec<(Option<usize>, String)> = members
            .iter()
            .filter_map(|m| state.pack().catalog().get(m))
            .map(|e| (e.level, format!("  {} — {}", place(state, e.level, &e.row), e.full_text)))
            .collect();
        crate::sort::sort_by_key(&mut found, |(level, _)| level.unwrap_or(usize::MAX));
        lines.extend(found.into_iter().map(|(_, text)| Line::raw(text)));
    }
    lines
}
