//! The outcome screen: the outcomes recorded with their text and time, the
//! list to add from, the form for one outcome, and the history with reasons.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use super::record::{popup, with_cursor};
use crate::app::screens::outcome::{Compose, Field, OutcomeForm, Row, row};
use crate::app::{Action, State};
use crate::call::outcome::{Change, Chosen, Target, choices, signpost_lines};
use crate::hours::local::time_of_day;
use crate::keymap::Context;
use crate::text::clean_line;

/// Words wrapped to `width` columns, a phone number's digit groups kept
/// on one row ("0115 854 2299" never reads as "0115 854" then "2299").
fn wrap_whole_numbers(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match words.last_mut() {
            Some(last) if digits(word) && last.rsplit(' ').next().is_some_and(digits) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut rows: Vec<String> = Vec::new();
    for word in words {
        // A word wider than the row (a web address) is broken, not cut.
        if word.width() > width {
            let mut piece = String::new();
            for c in word.chars() {
                if piece.width() + c.to_string().width() > width {
                    rows.push(std::mem::take(&mut piece));
                }
                piece.push(c);
            }
            rows.push(piece);
            continue;
        }
        match rows.last_mut() {
            Some(row) if row.width() + 1 + word.width() <= width => {
                row.push(' ');
                row.push_str(&word);
            }
            _ => rows.push(word),
        }
    }
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

/// The height below which the box would look like a message, not a form.
const MIN_HEIGHT: u16 = 12;

/// Rows of text, each with its style; the list's cursor row is marked so
/// the view can scroll to it.
struct Rows {
    width: usize,
    lines: Vec<Line<'static>>,
    cursor: Option<usize>,
}

impl Rows {
    /// `text` wrapped to the width, continued under its first word after
    /// `lead`.
    fn item(&mut self, lead: &str, text: &str, style: Style) {
        let indent = lead.chars().count();
        let room = self.width.saturating_sub(indent).max(10);
        for (i, part) in wrap_whole_numbers(text, room).into_iter().enumerate() {
            let lead = if i == 0 { lead.to_string() } else { " ".repeat(indent) };
            self.lines.push(Line::from(Span::styled(format!("{lead}{part}"), style)));
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::raw(""));
    }
}

/// "Signposted: CAMHS 0115 854 2299 — gave the number".
fn describe(chosen: &Chosen) -> String {
    let mut out = chosen.label.clone();
    if let Some(signpost) = &chosen.signpost {
        out = format!("{out}: {}", signpost.shown);
    }
    if !chosen.text.is_empty() {
        out = format!("{out} — {}", chosen.text);
    }
    clean_line(&out)
}

pub fn draw(frame: &mut Frame<'_>, state: &State, form: &OutcomeForm, theme: &Theme) {
    let Some(widest) = popup(state, 100, u16::MAX) else { return };
    let width = usize::from(widest.width.saturating_sub(2));
    let mut rows = Rows { width, lines: Vec::new(), cursor: None };
    match &form.compose {
        Some(compose) => composing(&mut rows, state, compose, theme),
        None => listing(&mut rows, state, form, theme),
    }
    if let Some(problem) = &form.problem {
        rows.blank();
        rows.cursor = rows.cursor.or(Some(rows.lines.len()));
        rows.item(" ", problem, theme.warning);
    }
    history(&mut rows, state, theme);
    // As tall as what it holds, so a wide screen keeps the grid in sight.
    let tall = u16::try_from(rows.lines.len() + 2).unwrap_or(u16::MAX).max(MIN_HEIGHT);
    let Some(area) = popup(state, 100, tall) else { return };
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    // The cursor's row stays in view; on the last choice the view goes to
    // the end, so the history can be read on a small screen too.
    let end = rows.lines.len().saturating_sub(height);
    let last = form.compose.is_none() && form.cursor + 1 >= rows_in_list(state);
    let scroll =
        if last { end } else { rows.cursor.map_or(0, |c| c.saturating_sub(height.saturating_sub(3)).min(end)) };
    let scroll = u16::try_from(scroll).unwrap_or(0);
    // One key each: the footer lists the others, and the title must fit.
    let hint = |action: &Action| {
        state.keymap().keys_for(form.context(), action).first().map(ToString::to_string).unwrap_or_default()
    };
    let keys = match &form.compose {
        Some(_) => format!(" {}: record · {}: back to the list ", hint(&Action::Confirm), hint(&Action::Cancel)),
        None => format!(
            " {}: add / edit · {}: edit · {}: withdraw · {}: back ",
            hint(&Action::Confirm),
            hint(&Action::EditOutcome),
            hint(&Action::WithdrawOutcome),
            hint(&Action::Close)
        ),
    };
    let block = Block::bordered().title(" Outcome of the call ").title_bottom(Line::from(keys).right_aligned());
    super::cover::clear(frame, area);
    frame.render_widget(Paragraph::new(rows.lines).scroll((scroll, 0)).block(block), area);
}

/// How many rows the list's cursor moves over.
fn rows_in_list(state: &State) -> usize {
    state.call().outcomes.current().count() + choices(state.pack()).len()
}

fn listing(rows: &mut Rows, state: &State, form: &OutcomeForm, theme: &Theme) {
    let zone = crate::pack::resolve::pack_zone(state.pack());
    let call = state.call();
    let choices = choices(state.pack());
    let here = row(call, &choices, form.cursor);
    let standing: Vec<&Chosen> = call.outcomes.current().collect();
    let withdrawn = call.outcomes.chosen.len() - standing.len();
    let heading = match withdrawn {
        0 => format!("Recorded ({})", standing.len()),
        n => format!("Recorded ({}; {n} withdrawn, in the history at the end)", standing.len()),
    };
    rows.item(" ", &heading, theme.heading);
    if standing.is_empty() {
        rows.item("   ", "None yet: choose what the call led to below. A call may have more than one.", theme.dim);
    }
    for chosen in standing {
        let on = matches!(here, Some(Row::Recorded(n)) if n == chosen.number);
        if on {
            rows.cursor = Some(rows.lines.len());
        }
        let lead = format!(" {} {}  {}  ", if on { "▶" } else { " " }, chosen.number, time_of_day(chosen.at, zone));
        rows.item(&lead, &describe(chosen), if on { theme.cursor } else { theme.text });
    }
    rows.blank();
    rows.item(" ", "Add an outcome", theme.heading);
    for choice in &choices {
        let on = matches!(&here, Some(Row::Choice(c)) if c.id == choice.id);
        if on {
            rows.cursor = Some(rows.lines.len());
        }
        rows.item(if on { " ▶ " } else { "   " }, &choice.label, if on { theme.cursor } else { theme.text });
        if let Some(words) = choice.words.as_deref().filter(|_| on) {
            rows.item("     ", words, theme.dim);
        }
    }
}

fn composing(rows: &mut Rows, state: &State, compose: &Compose, theme: &Theme) {
    let pack = state.pack();
    let outcomes = &state.call().outcomes;
    let zone = crate::pack::resolve::pack_zone(pack);
    let headline = match &compose.target {
        Target::Add { choice } => {
            let label = choices(pack).into_iter().find(|c| &c.id == choice).map_or_else(|| choice.clone(), |c| c.label);
            format!("Adding: {label}")
        }
        Target::Edit { number } | Target::Withdraw { number } => {
            let verb = if matches!(compose.target, Target::Edit { .. }) { "Editing" } else { "Withdrawing" };
            let what = outcomes.get(*number).map(|c| format!("{} ({})", describe(c), time_of_day(c.at, zone)));
            format!("{verb} {number}: {}", what.unwrap_or_default())
        }
    };
    rows.item(" ", &headline, theme.heading);
    if let Target::Add { choice } = &compose.target
        && let Some(words) = choices(pack).into_iter().find(|c| &c.id == choice).and_then(|c| c.words)
    {
        rows.item("   ", &words, theme.dim);
    }
    rows.blank();
    let lines = signpost_lines(pack);
    let label_width = 22;
    for field in compose.fields(pack) {
        let on = compose.field == field;
        if on {
            rows.cursor = Some(rows.lines.len());
        }
        let mut spans = vec![Span::styled(format!(" {:<21}", field.label()), theme.heading)];
        let input = match field {
            Field::Line => None,
            Field::Service => Some(&compose.service),
            Field::Text => Some(&compose.text),
            Field::Reason => Some(&compose.reason),
        };
        let room = rows.width.saturating_sub(label_width + 1);
        match input {
            Some(input) if on => {
                spans.push(Span::raw(" "));
                spans.extend(with_cursor(input, room, theme));
            }
            Some(input) => spans.push(Span::styled(format!(" {}", input.text()), theme.text)),
            None => {
                // Wrapped, never cut: the number given must show whole.
                let shown = lines.get(compose.line).map_or("another service (type it below)", |l| l.shown.as_str());
                let style = if on { theme.cursor } else { theme.text };
                let parts = wrap_whole_numbers(&format!("◀ {shown} ▶"), room.max(12));
                let count = parts.len();
                for (i, part) in parts.into_iter().enumerate() {
                    if i > 0 {
                        spans = vec![Span::raw(" ".repeat(label_width))];
                    }
                    spans.push(Span::styled(format!(" {part}"), style));
                    if i + 1 < count {
                        rows.lines.push(Line::from(std::mem::take(&mut spans)));
                    }
                }
            }
        }
        rows.lines.push(Line::from(spans));
    }
    if matches!(compose.target, Target::Add { .. }) && compose.fields(pack).contains(&Field::Line) {
        let keys = |action: &Action| state.keymap().hint(Context::OutcomeText, action);
        let (left, right) = (keys(&Action::MoveLeft), keys(&Action::MoveRight));
        let count = lines.len();
        rows.item(
            "   ",
            &format!("{left} {right}: {count} line(s) from the pack, then a service typed in."),
            theme.dim,
        );
    }
}

fn history(rows: &mut Rows, state: &State, theme: &Theme) {
    let outcomes = &state.call().outcomes;
    if outcomes.history.is_empty() {
        return;
    }
    let zone = crate::pack::resolve::pack_zone(state.pack());
    rows.blank();
    rows.item(" ", "History", theme.heading);
    for change in outcomes.history.iter().rev() {
        let what = match &change.change {
            Change::Add { label, signpost, text, .. } => {
                let to = signpost.as_ref().map(|s| format!(": {}", s.shown)).unwrap_or_default();
                let text = if text.is_empty() { String::new() } else { format!(" — {text}") };
                format!("added {}{to}{text}", label)
            }
            Change::Edit { text } => format!("text now: {text}"),
            Change::Withdraw => "withdrawn".to_string(),
        };
        let why = if change.reason.is_empty() { String::new() } else { format!(" — because: {}", change.reason) };
        let lead = format!("   {}  {}  ", time_of_day(change.at, zone), change.number);
        rows.item(&lead, &clean_line(&format!("{what}{why}")), theme.text);
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_whole_numbers;

    #[test]
    fn a_phone_number_is_never_split_across_rows_and_a_long_address_is_broken_not_cut() {
        let rows = wrap_whole_numbers("Child & Adolescent Mental Health Service 0115 854 2299", 50);
        assert_eq!(rows, ["Child & Adolescent Mental Health Service", "0115 854 2299"]);
        let rows = wrap_whole_numbers("www.example.gov.uk/a-very-long-path", 10);
        assert_eq!(rows.concat(), "www.example.gov.uk/a-very-long-path");
        assert!(rows.iter().all(|r| r.chars().count() <= 10), "{rows:?}");
    }
}
