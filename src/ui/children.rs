//! The named children wherever a tick shows: short labels beside a tick,
//! who the selected item is about and whom its » fits, one summary line per
//! child, the banner's names, and a scenario's household. Names are never
//! put on a projector, except a training scenario's invented ones.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::fit::cut;
use crate::app::State;
use crate::call::details::Age;
use crate::call::household::{Child, Hearing};
use crate::call::summary::{Summary, per_child};
use crate::pack::AppliesTo;
use crate::text::clean_line;

/// Longest short label beside a tick, in columns.
const LABEL_WIDTH: usize = 8;

/// Whether names may be drawn: not in presentation mode, where only a
/// training scenario's invented household shows.
pub fn names_shown(state: &State) -> bool {
    !state.present() || state.training().is_some()
}

/// "Baby", "Tyler": the label's first word, cut to fit beside a tick.
fn short(child: &Child) -> String {
    let name = clean_line(&child.name());
    let first = name.split_whitespace().next().unwrap_or("").to_string();
    cut(&first, LABEL_WIDTH)
}

/// "4m", "6", "unborn": an age as a summary line has room for.
fn short_age(age: Age) -> String {
    match age {
        Age::Unborn => "unborn".into(),
        Age::Months(m) => format!("{m}m"),
        Age::Years(y) => y.to_string(),
    }
}

/// What the grid shows beside a tick: "(Baby)", "(Baby,Tyler) heard";
/// nothing for a household tick with nothing said about it.
pub fn tick_label(state: &State, item: &str) -> Option<String> {
    if !names_shown(state) {
        return None;
    }
    let household = &state.call().household;
    let names: Vec<String> = household.about(item).iter().filter_map(|id| household.child(*id)).map(short).collect();
    let heard = household.heard_ticks.get(item).map(|h| match h {
        Hearing::FirstHand => "1st-hand",
        Hearing::SecondHand => "heard",
    });
    let names = (!names.is_empty()).then(|| format!("({})", names.join(",")));
    match (names, heard) {
        (None, None) => None,
        (Some(n), None) => Some(n),
        (None, Some(h)) => Some(h.to_string()),
        (Some(n), Some(h)) => Some(format!("{n} {h}")),
    }
}

/// Whether the » goes beside an item: it fits a child it is about.
pub fn marked(state: &State, item: &str, applies: Option<&AppliesTo>) -> bool {
    let call = state.call();
    applies.is_some_and(|a| !call.household.matching(item, a, call.today()).is_empty())
}

/// The selected item's pane: "About: Baby (4 months)" or the whole
/// household, whom its » fits, and whether it was said first-hand.
pub fn about_lines(state: &State, item: &str, applies: Option<&AppliesTo>, theme: &Theme) -> Vec<Line<'static>> {
    let call = state.call();
    let household = &call.household;
    if household.children.is_empty() || !names_shown(state) {
        return Vec::new();
    }
    let today = call.today();
    let about: Vec<String> = household
        .about(item)
        .iter()
        .filter_map(|id| household.child(*id))
        .map(|c| match c.age(today) {
            Some(age) => format!("{} ({})", clean_line(&c.name()), age.label()),
            None => clean_line(&c.name()),
        })
        .collect();
    let about = if about.is_empty() { "the whole household".to_string() } else { about.join(", ") };
    let mut lines = vec![Line::from(vec![Span::styled("About: ", theme.heading), Span::raw(about)])];
    if let Some(applies) = applies {
        let fits: Vec<String> =
            household.matching(item, applies, today).iter().map(|c| clean_line(&c.name_and_age(today))).collect();
        if !fits.is_empty() {
            lines.push(Line::from(Span::styled(format!("» fits {}", fits.join("; ")), theme.alert_mark)));
        }
    }
    if call.is_ticked(item) {
        let said = household.heard_ticks.get(item).map_or("not said whether first-hand", |h| h.label());
        lines.push(Line::from(Span::styled(format!("Said: {said}"), theme.dim)));
    }
    lines
}

/// "! immediate · up to 4", "up to 2", "nothing ticked": never cut.
fn level_part(summary: &Summary, short: bool) -> String {
    let up_to = summary.highest.map(|l| format!("up to {}", l + 1));
    match (summary.alert(), up_to) {
        (true, Some(u)) if short => format!("! {u}"),
        (true, Some(u)) => format!("! immediate · {u}"),
        (true, None) => "! immediate".into(),
        (false, Some(u)) => u,
        (false, None) if short => "none".into(),
        (false, None) => "nothing ticked".into(),
    }
}

/// One child's summary line in `width` columns: the name is cut, the
/// level never.
fn child_line(child: &Child, summary: &Summary, today: NaiveDate, width: usize, short: bool) -> String {
    let age = child.age(today).map(|a| format!(" {}", short_age(a))).unwrap_or_default();
    let tail = format!("{age}: {}", level_part(summary, short));
    let room = width.saturating_sub(tail.width()).max(1);
    format!("{}{tail}", cut(&clean_line(&child.name()), room))
}

/// The per-child lines under the call's summary, drawn at the foot of
/// `area`; returns what is left for the household's summary.
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme) -> Rect {
    let call = state.call();
    // One child's counts are the household's: shown once, above.
    if call.household.children.len() < 2 || !names_shown(state) || area.width < 8 {
        return area;
    }
    let today = call.today();
    let per_child = per_child(state.pack(), call);
    let side = area.height > 6;
    let lines: Vec<Line<'static>> = if side {
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines = vec![Line::from(Span::styled("Each child", theme.heading))];
        lines.extend(per_child.iter().map(|(child, summary)| {
            let style = if summary.alert() { theme.alert_mark } else { theme.text };
            Line::from(Span::styled(child_line(child, summary, today, width, false), style))
        }));
        if let Some(item) = state.grid().item(state.cursor()) {
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(
                format!("Selected: {}", cut(&item.text, width.saturating_sub(10))),
                theme.dim,
            )));
            lines.extend(about_lines(state, &item.id, item.applies_to.as_ref(), theme));
        }
        lines
    } else {
        // One row at the foot, every child on it, names cut to share it.
        let width = usize::from(area.width);
        let n = per_child.len().max(1);
        let each = width.saturating_sub(3 * (n - 1)) / n;
        let short = per_child.iter().any(|(c, s)| child_line(c, s, today, usize::MAX, false).width() > each);
        let parts: Vec<String> = per_child.iter().map(|(c, s)| child_line(c, s, today, each, short)).collect();
        let alert = per_child.iter().any(|(_, s)| s.alert());
        vec![Line::from(Span::styled(parts.join(" · "), if alert { theme.alert_mark } else { theme.text }))]
    };
    // The household's summary keeps most of a side panel and all but one
    // row of the bottom strip.
    let keep = if side { 7 } else { 2 };
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(area.height.saturating_sub(keep));
    if rows == 0 {
        return area;
    }
    let x = if side { area.x + 1 } else { area.x };
    let width = if side { area.width.saturating_sub(2) } else { area.width };
    let at = Rect { x, y: area.bottom() - rows, width, height: rows };
    frame.render_widget(Paragraph::new(lines), at);
    Rect { height: area.height - rows, ..area }
}

/// The banner's names: whom the tick is about, then the other children.
pub fn banner_lines(state: &State, item: &str, theme: &Theme) -> Vec<Line<'static>> {
    let call = state.call();
    let household = &call.household;
    if household.children.is_empty() || !names_shown(state) {
        return Vec::new();
    }
    let today = call.today();
    let about = household.about(item);
    let name = |c: &Child| clean_line(&c.name_and_age(today));
    if about.is_empty() {
        let all: Vec<String> = household.children.iter().map(name).collect();
        return vec![Line::from(vec![
            Span::styled("About: ", theme.heading),
            Span::styled(format!("the whole household — {}", all.join("; ")), theme.heading),
        ])];
    }
    let (theirs, others): (Vec<&Child>, Vec<&Child>) = household.children.iter().partition(|c| about.contains(&c.id));
    let theirs: Vec<String> = theirs.into_iter().map(name).collect();
    let mut spans = vec![Span::styled("About: ", theme.heading), Span::styled(theirs.join("; "), theme.heading)];
    if !others.is_empty() {
        let others: Vec<String> = others.into_iter().map(name).collect();
        spans.push(Span::raw(format!(" — and: {} — consider the siblings", others.join("; "))));
    }
    vec![Line::from(spans)]
}

/// The scenario screen's household, before the vignette.
pub fn scenario_household(scenario: &crate::train::Scenario, today: NaiveDate, theme: &Theme) -> Vec<Line<'static>> {
    let lines = scenario.household_lines(today);
    if scenario.household.children.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled("The household", theme.heading))];
    out.extend(lines.into_iter().map(|l| Line::raw(format!("  {}", clean_line(&l)))));
    out.push(Line::raw(""));
    out
}
