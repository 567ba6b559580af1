#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The guide as a screen: opened from the grid and from the call details,
//! scrolled and jumped through the real keymap, kept within its text, under
//! the immediate-protection banner, shown on a projector, and in help.

mod support;

use dutygrid::app::guide::GuideLayout;
use dutygrid::app::help::lines;
use dutygrid::app::screens::guide::GuideView;
use dutygrid::app::{Action, Screen, Session, State, update};
use dutygrid::keymap::{Context, Keymap, hints};
use support::{NIGHT, OFFICE, at, press, render, state, tick_item};

fn view(s: &State) -> &GuideView {
    match s.top() {
        Some(Screen::Guide(view)) => view,
        other => panic!("the guide is not on top: {other:?}"),
    }
}

fn layout(s: &State) -> GuideLayout {
    GuideLayout::of(&view(s).guide, s.areas().overlay())
}

fn scroll(s: &State) -> u16 {
    view(s).scroll(&layout(s))
}

/// The first line of the guide's text panel.
fn text_top(s: &State) -> String {
    let screen = render(s);
    let rows: Vec<&str> = screen.lines().collect();
    let border = rows.iter().position(|l| l.contains("┌ Guide:")).expect("the guide's panel");
    rows[border + 1].trim_matches(|c| c == '│' || c == ' ').to_string()
}

fn section_index(s: &State, id: &str) -> usize {
    view(s).guide.sections.iter().position(|x| x.id == id).unwrap_or_else(|| panic!("no section {id}"))
}

#[test]
fn g_opens_the_guide_at_the_cursor_level_below_the_number_to_ring() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    press(&mut s, &["right", "right", "g"]);
    assert_eq!(s.context(), Context::Guide);
    assert_eq!(view(&s).guide.sections[view(&s).section].id, "level-getting-help");
    assert_eq!(text_top(&s), "3. Level 3: Getting Help");
    let screen = render(&s);
    assert!(screen.lines().next().unwrap_or_default().contains("Ring Integrated Front Door"), "{screen}");
    press(&mut s, &["esc"]);
    assert_eq!(s.top(), None);
    assert_eq!(s.context(), Context::Grid);
}

#[test]
fn the_guide_scrolls_by_line_and_page_and_stops_at_its_last_line() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    press(&mut s, &["g"]);
    assert_eq!(scroll(&s), 0);
    assert!(render(&s).contains("↓ more"));
    press(&mut s, &["j", "j"]);
    assert_eq!(scroll(&s), 2);
    press(&mut s, &["k"]);
    assert_eq!(scroll(&s), 1);
    let page = layout(&s).page();
    press(&mut s, &["pagedown"]);
    assert_eq!(scroll(&s), page, "a page, less the line kept for context, down");
    press(&mut s, &["end"]);
    let max = layout(&s).max_scroll();
    assert!(max > 200, "{max}");
    assert_eq!(scroll(&s), max);
    press(&mut s, &["j", "pagedown", "j"]);
    assert_eq!(scroll(&s), max, "no scrolling past the end");
    let screen = render(&s);
    assert!(!screen.contains("↓ more") && screen.contains("↑ more"), "{screen}");
    press(&mut s, &["k"]);
    assert_eq!(scroll(&s), max - 1, "one key back up, not a pile of keys past the end");
    press(&mut s, &["home"]);
    assert_eq!(scroll(&s), 0);
}

#[test]
fn digits_jump_to_the_numbered_sections_and_tab_steps_through_them() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    press(&mut s, &["g"]);
    let consent = section_index(&s, "consent");
    press(&mut s, &[&(consent + 1).to_string()]);
    assert_eq!(text_top(&s), format!("{}. Consent and information sharing", consent + 1));
    press(&mut s, &["tab"]);
    assert_eq!(text_top(&s), format!("{}. Escalation and professional disagreements", consent + 2));
    press(&mut s, &["j", "j", "backtab"]);
    assert_eq!(text_top(&s), format!("{}. Escalation and professional disagreements", consent + 2), "to its top first");
    press(&mut s, &["backtab"]);
    assert_eq!(view(&s).section, consent);
    // Sections past 9 by tab, as far as the last one.
    let numbers = section_index(&s, "numbers");
    for _ in 0..numbers - consent {
        press(&mut s, &["tab"]);
    }
    assert_eq!(text_top(&s), format!("{}. Numbers directory", numbers + 1));
    let last = view(&s).guide.sections.len() - 1;
    press(&mut s, &["tab", "tab", "tab"]);
    assert_eq!(view(&s).section, last);
    // A section too short to reach the top is still the one marked.
    let screen = render(&s);
    assert!(screen.contains("How this pack reads the document"), "{screen}");
}

#[test]
fn the_contents_keep_the_section_being_read_in_view_at_80x24() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    press(&mut s, &["g", "9"]);
    let title = view(&s).guide.sections[8].title.clone();
    let screen = render(&s);
    let contents: Vec<&str> = screen.lines().take_while(|l| !l.contains("┌ Guide:")).collect();
    assert!(contents.iter().any(|l| l.trim_start().starts_with(&format!("9 {title}"))), "{screen}");
}

#[test]
fn f3_in_the_call_details_opens_the_consent_guidance_and_esc_returns_to_them() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["d", "f3"]);
    assert_eq!(view(&s).guide.sections[view(&s).section].id, "consent");
    assert!(text_top(&s).ends_with("Consent and information sharing"), "{}", text_top(&s));
    press(&mut s, &["esc"]);
    assert!(matches!(s.top(), Some(Screen::Details(_))), "{:?}", s.top());
    // The 2018 pathway has no consent rules, only a section on information sharing.
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    press(&mut s, &["d", "f3"]);
    assert!(text_top(&s).ends_with("Information sharing"), "{}", text_top(&s));
}

#[test]
fn the_live_line_is_marked_and_follows_the_clock() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 200, 60);
    press(&mut s, &["g"]);
    let live = |s: &State| view(s).guide.numbers().filter(|n| n.live).map(|n| n.id.clone()).collect::<Vec<_>>();
    let office = live(&s);
    assert_eq!(office.len(), 1);
    update(&mut s, Action::Tick(at("nottingham-fsp-2018", NIGHT)));
    let night = live(&s);
    assert_eq!(night.len(), 1);
    assert_ne!(office, night, "the mark moved with the header's line");
    let numbers = section_index(&s, "numbers");
    for _ in 0..numbers {
        press(&mut s, &["tab"]);
    }
    let screen = render(&s);
    assert!(screen.contains("Emergency Duty Team 0115 876 1000  ◀ ring now"), "{screen}");
}

#[test]
fn the_guide_sits_under_the_immediate_protection_banner() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    tick_item(&mut s, "imm-immediate-danger");
    assert_eq!(s.context(), Context::Banner);
    press(&mut s, &["g", "f3"]);
    assert!(matches!(s.top(), Some(Screen::Immediate { .. })), "g and f3 are not banner keys");
    // Opened while the alert is pending (a guide left open, say), it stays under it.
    update(&mut s, Action::OpenGuide);
    assert!(matches!(s.top(), Some(Screen::Guide(_))));
    assert_eq!(s.context(), Context::Banner, "the alert, not the guide, reads the keys");
    let screen = render(&s);
    assert!(screen.contains("IMMEDIATE PROTECTION — REFER NOW"), "{screen}");
    press(&mut s, &["a"]);
    assert_eq!(s.context(), Context::Guide, "acknowledged: back to the guide");
}

#[test]
fn presentation_mode_shows_the_guide_and_keeps_it_open() {
    let mut s = state("stoke-on-trent", OFFICE, 120, 35);
    press(&mut s, &["d", "f3", "f2"]);
    assert!(matches!(s.top(), Some(Screen::Guide(_))), "not personal data: it stays on the projector");
    press(&mut s, &["esc"]);
    assert_eq!(s.top(), None, "the details under it went with presentation mode");
    press(&mut s, &["d"]);
    assert_eq!(s.top(), None, "presentation mode is on: no details");
    press(&mut s, &["g"]);
    assert!(matches!(s.top(), Some(Screen::Guide(_))), "the guide opens in presentation mode");
    assert!(render(&s).contains("┌ Guide: Thresholds for Intervention"));
}

#[test]
fn help_documents_the_guide_keys_and_the_key_that_opens_it() {
    for name in ["default", "vim"] {
        let keymap = Keymap::builtin(name).expect("listed").expect("loads");
        assert!(!keymap.keys_for(Context::Grid, &Action::OpenGuide).is_empty(), "{name}: no key opens the guide");
        assert!(!keymap.keys_for(Context::Details, &Action::OpenGuide).is_empty(), "{name}: not from the details");
        let (pack, _) = dutygrid::pack::library::Library::load(None).open("stoke-on-trent").expect("pack");
        let s = State::for_session(Session::new(pack, keymap, at("stoke-on-trent", OFFICE)));
        let text: Vec<String> = lines(&s, 74).into_iter().map(|l| l.text).collect();
        let start = text.iter().position(|l| l == hints::heading(Context::Guide)).expect("a guide section in help");
        let section: Vec<&String> = text[start..].iter().take_while(|l| !l.is_empty()).collect();
        let jumps = section.iter().find(|l| l.contains("go to that section")).expect("the section keys");
        assert!(jumps.starts_with("  1 2 3 4 5 6 7 8 9 "), "{jumps}");
        assert!(text.iter().any(|l| l.contains("the guide: the document's guidance")), "{name}");
    }
}

#[test]
fn a_keymap_of_its_own_must_give_the_guide_a_way_out_only_if_it_opens_it() {
    let blocks = "confirm: [(\"y\", confirm), (\"n\", cancel)], immediate: [(\"esc\", close)],\n banner: [(\"a\", acknowledge)], help: [(\"esc\", close)], details: [(\"esc\", close)],\n notes: [(\"esc\", close)], decision: [(\"esc\", close)], restore: [(\"r\", confirm)], search: [(\"esc\", close)],\n packs: [(\"esc\", close)], scenario: [(\"esc\", close)]";
    let without = format!("(grid: [(\"q\", quit)], {blocks})");
    assert!(Keymap::parse("old.ron", without.into_bytes()).is_ok(), "a keymap from before the guide still loads");
    let opens = format!("(grid: [(\"q\", quit), (\"g\", open_guide)], {blocks})");
    let err = Keymap::parse("own.ron", opens.into_bytes()).expect_err("a guide with no way out").to_string();
    assert!(err.contains("guide has no key for close"), "{err}");
}

#[test]
fn the_guide_screen_never_panics_at_tiny_sizes_and_keeps_the_number_first() {
    for (width, height) in [(0, 0), (1, 1), (2, 2), (5, 3), (20, 5), (60, 20)] {
        let mut s = state("stoke-on-trent", OFFICE, 80, 24);
        press(&mut s, &["g", "end"]);
        update(&mut s, Action::Resize { width, height });
        press(&mut s, &["j", "pagedown", "tab", "backtab", "9", "end"]);
        let screen = render(&s);
        assert_eq!(screen.lines().count(), usize::from(height), "{width}x{height}");
    }
    let mut s = state("nottingham-fsp-2018", NIGHT, 60, 20);
    press(&mut s, &["g", "end"]);
    let screen = render(&s);
    assert!(screen.lines().next().unwrap_or_default().contains("0115 876 1000"), "{screen}");
    assert!(screen.contains("Transcriber's notes") || screen.contains("•"), "{screen}");
}

#[test]
fn guide_screen_80x24_stoke_out_of_hours() {
    let mut s = state("stoke-on-trent", NIGHT, 80, 24);
    press(&mut s, &["g"]);
    insta::assert_snapshot!(render(&s));
}

#[test]
fn guide_screen_200x60_nottingham_2018_office_hours_at_the_numbers() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 200, 60);
    press(&mut s, &["g"]);
    let numbers = section_index(&s, "numbers");
    for _ in 0..numbers {
        press(&mut s, &["tab"]);
    }
    insta::assert_snapshot!(render(&s));
}

#[test]
fn the_documents_line_breaks_start_new_lines_and_never_run_sentences_together() {
    // Stoke-on-Trent's level 5 reads "…significant harm.\nPractitioners should
    // refer…": drawn with the break inside one line the two ran together.
    let (pack, _) = dutygrid::pack::library::Library::load(None).open("stoke-on-trent").expect("pack");
    let guide = dutygrid::guide::Guide::of(&pack);
    let mut starts = Vec::new();
    let lines: Vec<String> = dutygrid::app::guide::lines(&guide, &mut starts)
        .into_iter()
        .map(|l| l.into_iter().map(|(t, _)| t).collect())
        .collect();
    assert!(lines.iter().all(|l| !l.contains('\n')), "a line holds a break");
    assert!(lines.iter().any(|l| l.ends_with("likelihood of significant harm.")), "the sentence ends its line");
    assert!(lines.iter().any(|l| l.starts_with("Practitioners should refer")), "the next starts its own");
    assert!(!lines.iter().any(|l| l.contains("harm.Practitioners")));
    // Each section still starts at its own title line.
    for (n, (start, section)) in starts.iter().zip(&guide.sections).enumerate() {
        assert_eq!(lines[*start], format!("{}. {}", n + 1, section.title));
    }
}

/// A guide line as the view draws it, each tone in its own style, so a
/// comparison of buffers sees a piece that moved between tones.
fn styled(line: &[(String, dutygrid::app::guide::Tone)]) -> ratatui::text::Line<'static> {
    use dutygrid::app::guide::Tone;
    use ratatui::style::{Color, Style};
    let style = |tone: &Tone| {
        Style::new().fg(match tone {
            Tone::Title => Color::Red,
            Tone::Heading => Color::Green,
            Tone::Text => Color::Reset,
            Tone::Dim => Color::Gray,
        })
    };
    ratatui::text::Line::from(
        line.iter().map(|(t, tone)| ratatui::text::Span::styled(t.clone(), style(tone))).collect::<Vec<_>>(),
    )
}

#[test]
fn a_frame_drawn_from_the_lines_in_view_is_the_frame_of_the_whole_text() {
    use ratatui::buffer::Buffer;
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    for id in ["nottingham-fsp-2018", "stoke-on-trent", "nottingham-city"] {
        let (pack, _) = dutygrid::pack::library::Library::load(None).open(id).expect("pack");
        let mut guide = dutygrid::guide::Guide::of(&pack);
        guide.mark_live(&pack.contacts.office.id);
        let all: Vec<_> = dutygrid::app::guide::lines(&guide, &mut Vec::new()).iter().map(|l| styled(l)).collect();
        for (width, height) in [(80, 24), (60, 20), (200, 60)] {
            let layout = GuideLayout::of(&guide, ratatui::layout::Rect::new(0, 0, width, height));
            let inner = ratatui::layout::Rect::new(0, 0, layout.text.width - 2, layout.page());
            let max = layout.max_scroll();
            assert!(max > 100, "{id} {width}x{height}: {max}");
            for scroll in (0..=max).step_by(7).chain([max - 1, max]) {
                let mut whole = Buffer::empty(inner);
                Paragraph::new(all.clone()).wrap(Wrap { trim: false }).scroll((scroll, 0)).render(inner, &mut whole);
                let (shown, skip) = layout.visible(scroll);
                assert!(shown.len() <= usize::from(layout.page()) + 1, "only the lines in view");
                let mut drawn = Buffer::empty(inner);
                let part: Vec<_> = shown.iter().map(|l| styled(l)).collect();
                Paragraph::new(part).wrap(Wrap { trim: false }).scroll((skip, 0)).render(inner, &mut drawn);
                assert_eq!(drawn, whole, "{id} {width}x{height} scrolled to {scroll}");
            }
        }
    }
}

#[test]
fn the_guide_is_wrapped_once_per_size_and_again_when_the_line_to_ring_moves() {
    use std::borrow::Cow;
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    press(&mut s, &["g"]);
    let kept = |s: &State| matches!(view(s).layout(s.areas().overlay()), Cow::Borrowed(_));
    assert!(kept(&s), "laid out when opened");
    press(&mut s, &["j", "pagedown", "tab", "5", "end", "home"]);
    assert!(kept(&s), "kept while scrolling");
    let before = view(&s).layout(s.areas().overlay()).into_owned();
    update(&mut s, Action::Resize { width: 200, height: 60 });
    assert!(kept(&s), "laid out again for the new size");
    assert_ne!(view(&s).layout(s.areas().overlay()).total, before.total, "rewrapped at 200 columns");
    update(&mut s, Action::Tick(at("nottingham-fsp-2018", NIGHT)));
    assert!(kept(&s), "laid out again when the line to ring moved");
    let numbers = section_index(&s, "numbers");
    for _ in 0..numbers {
        press(&mut s, &["tab"]);
    }
    assert!(render(&s).contains("Emergency Duty Team 0115 876 1000  ◀ ring now"), "the mark moved in the text drawn");
}
