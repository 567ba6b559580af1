#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Help and the footer read one table of hints: help documents every bound
//! key of every context, and the footer keeps quit, help, end-call and the
//! save state at every width.

mod support;

use dutygrid::app::help::lines;
use dutygrid::app::{Action, Screen, Session, State, update};
use dutygrid::keymap::{BUILTIN_KEYMAPS, Context, Keymap, hints};
use dutygrid::pack::library::Library;
use support::{OFFICE, at, press, render, state};

fn state_with(pack_id: &str, keymap: Keymap, width: u16, height: u16) -> State {
    let library = Library::load(None);
    let (pack, _) = library.open(pack_id).expect("pack");
    support::start(Session::new(pack, keymap, at(pack_id, OFFICE)), width, height)
}

/// Help's text as one string per context section (heading to blank line).
fn section<'a>(text: &'a [String], heading: &str) -> &'a [String] {
    let start = text.iter().position(|l| l == heading).unwrap_or_else(|| panic!("no heading {heading:?}"));
    let end = text[start..].iter().position(String::is_empty).map_or(text.len(), |n| start + n);
    &text[start..end]
}

#[test]
fn help_names_every_bound_key_of_every_context_of_both_shipped_keymaps() {
    for (name, _) in BUILTIN_KEYMAPS {
        let keymap = Keymap::builtin(name).expect("listed").unwrap_or_else(|d| panic!("{d}"));
        let s = state_with("stoke-on-trent", keymap.clone(), 80, 24);
        let text: Vec<String> = lines(&s, 74).into_iter().map(|l| l.text).collect();
        for context in Context::all() {
            let lines = section(&text, hints::heading(context));
            let joined = lines.join("\n");
            assert!(lines.len() > 1, "{name} {context:?} has no keys in help");
            for (action, chords) in keymap.actions(context) {
                if matches!(action, Action::JumpLevel(n) if n > 5) {
                    continue;
                }
                let described = hints::describe(context, &action);
                let words = joined.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(words.contains(&described), "{name} {context:?}: {action:?} ({described}) not in\n{joined}");
                for chord in chords {
                    let chord = chord.to_string();
                    assert!(
                        lines.iter().any(|l| l.split_whitespace().any(|w| w == chord)),
                        "{name} {context:?}: key {chord} of {action:?} not in\n{joined}"
                    );
                }
            }
        }
    }
}

#[test]
fn help_lists_only_the_level_keys_the_pack_has() {
    let four = state("nottingham-city", OFFICE, 80, 24);
    assert_eq!(four.grid().levels(), 4);
    let text: Vec<String> = lines(&four, 74).into_iter().map(|l| l.text).collect();
    let jumps: Vec<&String> = text.iter().filter(|l| l.contains("go to that level")).collect();
    assert_eq!(jumps.len(), 1, "{jumps:?}");
    assert!(jumps[0].starts_with("  1 2 3 4 "), "{jumps:?}");
    assert!(!jumps[0].contains('5') && !jumps[0].contains('6'), "{jumps:?}");

    let five = state("stoke-on-trent", OFFICE, 80, 24);
    assert_eq!(five.grid().levels(), 5);
    let text: Vec<String> = lines(&five, 74).into_iter().map(|l| l.text).collect();
    let jump = text.iter().find(|l| l.contains("go to that level")).expect("jump line");
    assert!(jump.starts_with("  1 2 3 4 5 ") && !jump.contains('6'), "{jump}");
}

fn help_scroll(s: &State) -> u16 {
    match s.top() {
        Some(Screen::Help { scroll }) => *scroll,
        other => panic!("help is not open: {other:?}"),
    }
}

#[test]
fn help_scrolls_by_page_and_to_either_end_and_not_past_it() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["?"]);
    let first = render(&s);
    assert!(first.contains("↓ more"), "{first}");
    assert!(!first.contains("↑ more"), "{first}");
    press(&mut s, &["pagedown"]);
    let page = help_scroll(&s);
    assert!(page > 5, "a page is more than a line: {page}");
    press(&mut s, &["end"]);
    let end = help_scroll(&s);
    let last = render(&s);
    assert!(last.contains("Mouse: click an indicator"), "{last}");
    assert!(last.contains("↑ more") && !last.contains("↓ more"), "{last}");
    // Past the end nothing moves, and one step up is one line up.
    press(&mut s, &["j", "j", "pagedown", "down"]);
    assert_eq!(help_scroll(&s), end);
    press(&mut s, &["k"]);
    assert_eq!(help_scroll(&s), end - 1);
    press(&mut s, &["home"]);
    assert_eq!(help_scroll(&s), 0);
    press(&mut s, &["pageup", "up"]);
    assert_eq!(help_scroll(&s), 0);
}

#[test]
fn help_covers_the_screens_it_used_to_leave_out() {
    let s = state("nottingham-city", OFFICE, 80, 24);
    let text: Vec<String> = lines(&s, 74).into_iter().map(|l| l.text).collect();
    for heading in [
        "Search",
        "Choosing a pack",
        "Training: the scenario and the key",
        "Restoring a call found on disk",
        "Quit dutygrid?",
        "End this call?",
        "Switch pack?",
    ] {
        assert!(text.iter().any(|l| l == heading), "{heading}");
    }
}

/// Whether the footer hints `label` with `key` (alone or first of two).
fn hinted(line: &str, key: &str, label: &str) -> bool {
    [format!(" {key}  {label}"), format!(" {key}/")].iter().any(|k| {
        line.match_indices(k.as_str()).any(|(i, _)| line[i..].split("  ").nth(1).is_some_and(|l| l.trim() == label))
    })
}

fn footer(s: &State) -> String {
    render(s).lines().last().unwrap_or_default().to_string()
}

const ID: &str = "call-20261127-100000-4f2a";

#[test]
fn the_footer_keeps_quit_help_end_call_and_the_saved_mark_at_every_width() {
    for width in [60, 80, 120, 200] {
        let mut s = state("nottingham-city", OFFICE, width, 24);
        update(&mut s, Action::Saved(ID.into()));
        let line = footer(&s);
        for (key, label) in [("q", "quit"), ("?", "help"), ("E", "end call")] {
            assert!(hinted(&line, key, label), "{width}: {key} {label} missing: {line:?}");
        }
        assert!(line.contains("saved ✓"), "{width}: {line:?}");
        if width >= 80 {
            assert!(line.contains(&format!("saved ✓ {ID}")), "{width}: {line:?}");
            assert!(line.contains("tick"), "{width}: {line:?}");
        }
        if width >= 200 {
            assert!(line.contains("notes") && line.contains("decision"), "{width}: {line:?}");
        }
    }
}

#[test]
fn the_footer_keeps_a_not_saved_warning_beside_the_kept_hints() {
    for width in [60, 80, 120, 200] {
        let mut s = state("nottingham-city", OFFICE, width, 24);
        update(&mut s, Action::Saved(ID.into()));
        update(&mut s, Action::Unsaved { count: 2, problem: "the disk is full".into() });
        let line = footer(&s);
        assert!(line.contains("NOT SAVED"), "{width}: {line:?}");
        assert!(!line.contains("saved ✓"), "a saved mark beside NOT SAVED would mislead: {line:?}");
        for (key, label) in [("q", "quit"), ("?", "help"), ("E", "end call")] {
            assert!(hinted(&line, key, label), "{width}: {key} {label} missing: {line:?}");
        }
    }
}
