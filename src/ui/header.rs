//! The header on every screen: the line to ring this minute, 999, the time
//! (with its zone; to the second, or at minutes for a quiet screen) and the
//! call timer. At any width the numbers are printed whole: names,
//! the "until" text, the date and the badge words give way first.

use std::cell::{OnceCell, RefCell};

use chrono::Timelike;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::fit::first_that_fits;
use super::unchanged::{Region, Unchanged};
use crate::app::State;
use crate::app::contact_now::{ContactNow, Line as ContactLine};
use crate::pack::resolve::LineKind;
use crate::text::clean_line;

/// From this width the header spells things out in full.
const WIDE: u16 = 110;

/// Draws the header into `area`; for a terminal (when `unchanged` allows
/// it), leaves it out while the terminal shows it as it is (into
/// `unchanged`).
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &State, theme: &Theme, unchanged: &mut Unchanged) {
    if area.height == 0 {
        return;
    }
    let inputs = Inputs::of(state, area.width, *theme);
    KEPT.with_borrow_mut(|kept| {
        if kept.last.as_ref().is_none_or(|(shown, _)| *shown != inputs) {
            let lines = header_lines(&inputs);
            kept.last = Some((inputs, lines));
            kept.built += 1;
        }
        // Lines built once are the same lines: the build's number is the
        // region's key.
        if kept.region.shown(unchanged.reuse(), area, &kept.built) {
            unchanged.add_area(area);
        } else if let Some((_, lines)) = &kept.last {
            super::lines::draw(frame.buffer_mut(), area, lines);
        }
    });
}

/// Everything the header shows is worked out from these and nothing else
/// ([`header_lines`] takes only them), so lines built from equal inputs
/// are the same lines: a key press that changes none of them (a cursor
/// move, a tick) reuses the last frame's header instead of building and
/// measuring up to 21 candidate forms again. The time is kept to the
/// second, the most the header shows of it.
#[derive(Debug, Clone, PartialEq)]
struct Inputs {
    contact: ContactNow,
    origin: Option<String>,
    simulated: bool,
    minutes: bool,
    elapsed_seconds: i64,
    /// The key to set a handler, while the header asks for one.
    handler_note: Option<String>,
    width: u16,
    theme: Theme,
}

impl Inputs {
    fn of(state: &State, width: u16, theme: Theme) -> Inputs {
        let mut contact = state.contact().clone();
        contact.local = contact.local.with_nanosecond(0).unwrap_or(contact.local);
        let asks = state.handler().is_none() && state.training().is_none() && !state.present();
        let handler_note = asks
            .then(|| state.keymap().hint(crate::keymap::Context::Grid, &crate::app::Action::SetHandler).to_string());
        Inputs {
            contact,
            origin: state.pack_origin().map(str::to_string),
            simulated: state.simulated(),
            minutes: state.clock_in_minutes(),
            elapsed_seconds: state.call_elapsed().num_seconds(),
            handler_note,
            width,
            theme,
        }
    }
}

/// The last header built, with what it was built from; how many were
/// built; and what the terminal was last given of it.
#[derive(Debug, Default)]
struct Kept {
    last: Option<(Inputs, Vec<Line<'static>>)>,
    built: u64,
    region: Region<u64>,
}

thread_local! {
    /// The app draws on one thread.
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
}

/// Forgets the kept header, so the next draw builds it afresh (for the
/// test that a kept header is the one a fresh build gives).
pub(super) fn forget_kept() {
    KEPT.with_borrow_mut(|kept| {
        kept.last = None;
        kept.region.forget();
    });
}

fn header_lines(inputs: &Inputs) -> Vec<Line<'static>> {
    let (contact, width, theme) = (&inputs.contact, inputs.width, &inputs.theme);
    vec![
        first_that_fits(width, ring_forms(contact, theme)),
        first_that_fits(width, danger_forms(inputs)),
        handler_note(inputs, third_line(contact, inputs.origin.as_deref(), width, theme)),
    ]
}

/// The first line, longest first: "OFFICE HOURS  Ring City MASH 0115 876
/// 4800 — until 16:50", down to " OOH  0115 876 1000". Built one form at a
/// time, as `first_that_fits` tries them.
fn ring_forms<'a>(contact: &'a ContactNow, theme: &Theme) -> impl Iterator<Item = Line<'static>> + 'a {
    let (badge, short_badge, style) = match contact.kind {
        LineKind::Office => ("OFFICE HOURS", "OFFICE", theme.office),
        LineKind::OutOfHours => ("OUT OF HOURS", "OOH", theme.out_of_hours),
        LineKind::Unknown => ("HOURS NOT STATED", "HOURS?", theme.unknown),
    };
    let same_day = contact.until.is_some_and(|u| u.date_naive() == contact.local.date_naive());
    let until_as =
        move |format: &str| contact.until.map(|u| format!(" — until {}", u.format(format))).unwrap_or_default();
    let until = move |short: bool| match (same_day, short) {
        (true, _) => until_as("%H:%M"),
        (false, false) => until_as("%H:%M %a %-d %b"),
        (false, true) => until_as("%H:%M %a"),
    };
    let line = &contact.line;
    let numbers = clean_line(&line.numbers);
    let other = contact.alternative.as_ref();
    let other_full = move || other.map(|o| format!(" · out of hours: {}", clean_line(&o.spoken()))).unwrap_or_default();
    let other_short = move || {
        other.map(|o| format!(" · OOH {} {}", clean_line(o.short()), clean_line(&o.numbers))).unwrap_or_default()
    };
    let other_number = move || other.map(|o| format!(" · OOH {}", clean_line(&o.numbers))).unwrap_or_default();
    let form = move |badge: &str, ring: &str, rest: String| {
        Line::from(vec![
            Span::styled(format!(" {badge} "), style),
            Span::styled(format!(" {ring} "), style),
            Span::raw(rest),
        ])
    };
    (0..9).map(move |i| {
        let full_name = || format!("Ring {} {numbers}", clean_line(&line.name));
        let short_name = || format!("Ring {} {numbers}", clean_line(line.short()));
        let number_only = || format!("Ring {numbers}");
        match i {
            0 => form(badge, &full_name(), format!("{}{}", until(false), other_full())),
            1 => form(badge, &full_name(), format!("{}{}", until(true), other_full())),
            2 => form(badge, &short_name(), format!("{}{}", until(false), other_short())),
            3 => form(badge, &short_name(), format!("{}{}", until(true), other_short())),
            4 => form(badge, &short_name(), other_short()),
            5 => form(short_badge, &short_name(), other_short()),
            6 => form(badge, &number_only(), other_number()),
            7 => form(short_badge, &number_only(), other_number()),
            _ => form(short_badge, &numbers, other_number()),
        }
    })
}

/// The second line: 999 on the left, the clock on the right; the clock and
/// the words give way before the number does. Built one form at a time.
fn danger_forms(inputs: &Inputs) -> impl Iterator<Item = Line<'static>> + '_ {
    let (width, theme) = (inputs.width, &inputs.theme);
    let lines = &inputs.contact.emergency;
    let named = move |short: bool| {
        lines
            .iter()
            .map(|l| {
                let name = if short { l.short() } else { &l.name };
                format!("{} {}{}", clean_line(name), clean_line(&l.numbers), own_mark(l, short))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let numbers = move || lines.iter().map(|l| clean_line(&l.numbers)).collect::<Vec<_>>().join(" · ");
    let minutes = inputs.minutes;
    let local = inputs.contact.local;
    let clock = move |i: usize| {
        // Every time a person reads names its zone ("16:55 GMT").
        let time = || local.format(if minutes { "%H:%M %Z" } else { "%H:%M:%S %Z" });
        let timer = || call_timer(inputs.elapsed_seconds, minutes);
        match i {
            0 => format!(
                "{} {} · {}",
                time(),
                local.format(if width >= WIDE { "%a %-d %b %Y" } else { "%a %-d %b" }),
                timer()
            ),
            1 => format!("{} · {}", time(), timer()),
            2 => local.format("%H:%M %Z").to_string(),
            _ => String::new(),
        }
    };
    let danger = if width >= WIDE { "Child in immediate danger" } else { "Immediate danger" };
    let left = move |i: usize| match i {
        0 => format!(" {danger}: {} ", named(false)),
        1 => format!(" Immediate danger: {} ", named(true)),
        _ => format!(" Danger: {} ", numbers()),
    };
    // The short name goes before the clock shortens; "Danger: 999" last.
    let named_forms = (0..4).flat_map(|c| (0..2).map(move |l| (c, l)));
    let number_forms = (0..4).map(|c| (c, 2));
    // Each clock and left part is built once, the first time a form needs it.
    let clocks: [OnceCell<String>; 4] = Default::default();
    let lefts: [OnceCell<String>; 3] = Default::default();
    named_forms.chain(number_forms).map(move |(c, l)| {
        let (left, clock) = (lefts[l].get_or_init(|| left(l)), clocks[c].get_or_init(|| clock(c)));
        danger_line(inputs.simulated, left, clock, width, theme)
    })
}

/// How long the call has run: to the second, or at minutes "call 5 min",
/// "call 1 h 05 min" (never "00:05", which reads as seconds too).
fn call_timer(elapsed: i64, minutes: bool) -> String {
    if !minutes {
        return format!("call {:02}:{:02}:{:02}", elapsed / 3600, elapsed / 60 % 60, elapsed % 60);
    }
    let whole = elapsed / 60;
    if whole < 60 { format!("call {whole} min") } else { format!("call {} h {:02} min", whole / 60, whole % 60) }
}

/// "(dutygrid)" after dutygrid's own 999, so it is never taken for the
/// document's words.
fn own_mark(line: &ContactLine, short: bool) -> &'static str {
    match (line.dutygrid_default, short) {
        (false, _) => "",
        (true, false) => " (dutygrid's own line)",
        (true, true) => " (dutygrid)",
    }
}

fn danger_line(simulated: bool, left: &str, clock: &str, width: u16, theme: &Theme) -> Line<'static> {
    let badge = if simulated && !clock.is_empty() { " SIMULATED " } else { "" };
    let left = Span::styled(left.to_string(), theme.emergency);
    // Two columns spare at the right edge.
    let right_width = clock.chars().count() + badge.chars().count() + usize::from(!badge.is_empty()) + 2;
    let gap = usize::from(width).saturating_sub(left.width() + right_width);
    let mut spans = vec![left];
    if !clock.is_empty() {
        spans.push(Span::raw(" ".repeat(gap.max(1))));
    }
    if !badge.is_empty() {
        spans.push(Span::styled(badge, theme.badge));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(clock.to_string()));
    Line::from(spans)
}

/// The third line: the closing warning (its number kept whole); else, for
/// a pack that is not the built-in one, where its numbers come from; else
/// the reason the line applies.
fn third_line(contact: &ContactNow, origin: Option<&str>, width: u16, theme: &Theme) -> Line<'static> {
    let warnings = contact.warnings();
    if !warnings.is_empty() {
        let forms = warnings.iter().map(|w| styled(format!(" ! {} ", clean_line(w)), theme.warning));
        return first_that_fits(width, forms);
    }
    if let Some(origin) = origin {
        return styled(format!(" ! Numbers from the {} ", clean_line(origin)), theme.warning);
    }
    let detail = match (contact.kind, &contact.line.words) {
        (LineKind::OutOfHours, Some(words)) => format!("{} — {}", contact.reason, words),
        _ => contact.reason.clone(),
    };
    styled(format!(" {}", clean_line(&detail)), theme.dim)
}

fn styled(text: String, style: Style) -> Line<'static> {
    Line::from(Span::styled(text, style))
}

/// "handler not set — W" at the right of the third line while no handler
/// is set (never in training or on a projector). A warning or a pack's
/// origin on that line is kept whole and the note goes only if it fits;
/// the plain reason gives way to it.
fn handler_note(inputs: &Inputs, line: Line<'static>) -> Line<'static> {
    let Some(key) = &inputs.handler_note else {
        return line;
    };
    let (width, theme) = (inputs.width, &inputs.theme);
    let note = if key.is_empty() { " handler not set ".to_string() } else { format!(" handler not set — {key} ") };
    let (width, note_width) = (usize::from(width), note.chars().count());
    let plain = inputs.contact.warnings().is_empty() && inputs.origin.is_none();
    let room = width.saturating_sub(note_width + 1);
    let line = if line.width() > room && plain {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        styled(cut_before_numbers(&text, room.saturating_sub(1)), theme.dim)
    } else {
        line
    };
    if line.width() + note_width + 1 > width {
        return line;
    }
    let gap = width - line.width() - note_width;
    let mut spans = line.spans;
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(note, theme.warning));
    Line::from(spans)
}

/// `text` cut to `max` characters and an ellipsis, never through a phone
/// number: a number the cut would split goes whole ("on 017…" would be a
/// wrong number on screen).
fn cut_before_numbers(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut cut = max.min(chars.len());
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let splits = digit(cut) || (chars.get(cut) == Some(&' ') && digit(cut + 1) && cut > 0 && digit(cut - 1));
    if splits {
        while cut > 0 && (digit(cut - 1) || chars[cut - 1] == ' ') {
            cut -= 1;
        }
    }
    let mut out: String = chars[..cut].iter().collect::<String>().trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::cut_before_numbers;

    #[test]
    fn a_cut_reason_never_ends_in_part_of_a_number() {
        let text = " Friday after 16:30 — call our Emergency Duty Team on 01782 234234";
        assert_eq!(cut_before_numbers(text, 56), " Friday after 16:30 — call our Emergency Duty Team on…");
        assert_eq!(cut_before_numbers(text, 60), " Friday after 16:30 — call our Emergency Duty Team on…");
        assert_eq!(cut_before_numbers(text, 12), " Friday afte…");
    }
}
