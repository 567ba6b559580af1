#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Keymap files: the shipped ones load; mistakes are reported with their
//! position; a user keymap extends and overrides a built-in one.

mod support;

use dutygrid::app::Action;
use dutygrid::keymap::chord::KeyChord;
use dutygrid::keymap::{BUILTIN_KEYMAPS, Context, Keymap};

fn chord(text: &str) -> KeyChord {
    text.parse().expect("chord")
}

#[test]
fn every_shipped_keymap_loads_and_binds_the_essentials() {
    for (name, _) in BUILTIN_KEYMAPS {
        let keymap = Keymap::builtin(name).expect("listed").unwrap_or_else(|d| panic!("{d}"));
        for (context, action) in [
            (Context::Grid, Action::ToggleTick),
            (Context::Grid, Action::Quit),
            (Context::Grid, Action::OpenImmediate),
            (Context::Grid, Action::OpenHelp),
            (Context::Immediate, Action::Close),
            (Context::Banner, Action::Acknowledge),
            (Context::Help, Action::Close),
            (Context::Confirm, Action::Confirm),
            (Context::Confirm, Action::Cancel),
        ] {
            assert!(!keymap.keys_for(context, &action).is_empty(), "{name}: {context:?} {action:?}");
        }
    }
}

#[test]
fn the_vim_keymap_extends_the_default() {
    let vim = Keymap::builtin("vim").expect("vim").expect("loads");
    assert_eq!(vim.resolve(Context::Grid, chord("ctrl-d")), Some(&Action::PageDown));
    assert_eq!(vim.resolve(Context::Grid, chord("G")), Some(&Action::Last));
    assert_eq!(vim.resolve(Context::Grid, chord("space")), Some(&Action::ToggleTick));
    let default = Keymap::default_keymap();
    assert_eq!(default.resolve(Context::Grid, chord("G")), None);
}

#[test]
fn a_user_keymap_overrides_single_keys_of_the_one_it_extends() {
    let source = "(extends: \"default\", grid: [(\"q\", open_help), (\"x\", toggle_tick)])";
    let keymap = Keymap::parse("mine.ron", source.as_bytes().to_vec()).expect("loads");
    assert_eq!(keymap.resolve(Context::Grid, chord("q")), Some(&Action::OpenHelp));
    assert_eq!(keymap.resolve(Context::Grid, chord("x")), Some(&Action::ToggleTick));
    assert_eq!(keymap.resolve(Context::Grid, chord("ctrl-c")), Some(&Action::Quit));
    assert_eq!(keymap.hint(Context::Grid, &Action::Quit), "ctrl-c");
}

fn errors(source: &str) -> String {
    Keymap::parse("keys.ron", source.as_bytes().to_vec()).err().map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn an_unknown_key_name_is_reported_where_it_is() {
    assert_eq!(
        errors("(\n  grid: [\n    (\"pgdn\", page_down),\n  ],\n)"),
        "keys.ron:3:6: unknown key \"pgdn\": use a character (\"j\", \"?\"), a name (space, enter, esc, tab, up, pagedown, home, end, f1…f12) with optional ctrl-, alt-, shift-"
    );
}

#[test]
fn an_unknown_action_is_reported_where_it_is() {
    let err = errors("(\n  grid: [(\"j\", move_dwn)],\n)");
    assert!(err.starts_with("keys.ron:2:16: Unexpected variant named `move_dwn` in enum `Action`"), "{err}");
}

#[test]
fn actions_the_clock_or_terminal_send_cannot_be_bound() {
    let err = errors("(grid: [(\"t\", tick)])");
    assert!(err.contains("Unexpected variant named `tick`"), "{err}");
}

#[test]
fn a_key_bound_twice_in_one_context_is_an_error_at_the_second() {
    let err = errors("(\n  grid: [(\"j\", move_down),\n    (\"j\", move_up)],\n  immediate: [(\"j\", move_down)],\n)");
    assert_eq!(err, "keys.ron:3:6: j is bound twice in grid");
    let spelled_differently = errors("(grid: [(\"J\", last), (\"shift-j\", first)])");
    assert_eq!(spelled_differently, "keys.ron:1:23: J is bound twice in grid");
}

#[test]
fn unknown_fields_and_unknown_bases_are_errors() {
    assert!(errors("(grdi: [])").contains("Unexpected field named `grdi`"));
    assert_eq!(errors("(extends: \"emacs\")"), "keys.ron:1:11: unknown built-in keymap \"emacs\"; known: default, vim");
}

#[test]
fn keymap_check_command_reports_and_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(grid: [(\"j\", move_down), (\"j\", move_up)])").expect("write");
    let out = support::FakeHome::new()
        .command()
        .args(["keymap", "check", "keymaps/vim.ron"])
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "keymaps/vim.ron: ok\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{}:1:28: j is bound twice in grid\n", bad.display()));
}
