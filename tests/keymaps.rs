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
            (Context::ConfirmQuit, Action::Confirm),
            (Context::ConfirmQuit, Action::Cancel),
            (Context::ConfirmEndCall, Action::Confirm),
            (Context::ConfirmEndCall, Action::Cancel),
            (Context::ConfirmSwitchPack, Action::Confirm),
            (Context::ConfirmSwitchPack, Action::Cancel),
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

/// The hints kept in a keymap are its bindings' first keys, for every
/// action of every context of the shipped keymaps and of one that
/// overrides keys of the one it extends (so its hints are worked out
/// again, not taken from the base).
#[test]
fn every_hint_is_the_first_keys_bound_to_its_action() {
    let source = r#"(extends: "default", grid: [("space", open_search), ("t", toggle_tick)])"#;
    let user = Keymap::parse("user.ron", source.as_bytes().to_vec()).unwrap_or_else(|d| panic!("{d}"));
    let default = Keymap::default_keymap();
    assert!(default.hint(Context::Grid, &Action::ToggleTick).contains("space"));
    assert!(!user.hint(Context::Grid, &Action::ToggleTick).contains("space"));
    assert!(user.hint(Context::Grid, &Action::OpenSearch).contains("space"));
    let mut keymaps: Vec<Keymap> =
        BUILTIN_KEYMAPS.iter().map(|(name, _)| Keymap::builtin(name).expect("listed").expect("loads")).collect();
    keymaps.push(user);
    for keymap in &keymaps {
        for context in Context::all() {
            for (action, chords) in keymap.actions(context) {
                let two: Vec<String> = chords.iter().take(2).map(ToString::to_string).collect();
                assert_eq!(keymap.hint(context, &action), two.join("/"), "{context:?} {action:?}");
                assert_eq!(keymap.first_key(context, &action), two[0], "{context:?} {action:?}");
            }
        }
        assert_eq!(keymap.hint(Context::Grid, &Action::Paste("x".into())), "");
    }
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

/// The `line:col` where the `nth` occurrence of `needle` starts.
fn at(source: &str, needle: &str, nth: usize) -> String {
    let offset = source.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in source");
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

#[test]
fn a_keymap_without_a_way_to_quit_is_refused_at_the_binding_that_took_it() {
    let source = "(\n  extends: \"default\",\n  grid: [(\"q\", open_help), (\"ctrl-c\", open_help)],\n)";
    let err = errors(source);
    assert!(err.starts_with(&format!("keys.ron:{}: q is bound to open_help in grid", at(source, "\"q\"", 0))), "{err}");
    assert!(err.contains("no key for quit there: the app could not be quit"), "{err}");
}

#[test]
fn a_keymap_of_its_own_must_give_every_screen_a_way_out() {
    let err = errors("(grid: [(\"q\", quit), (\"space\", toggle_tick)])");
    for context in [
        "immediate",
        "banner",
        "help",
        "confirm_quit",
        "confirm_end_call",
        "confirm_switch_pack",
        "details",
        "notes",
        "decision",
        "search",
        "packs",
    ] {
        assert!(err.contains(&format!("{context} has no key for")), "{context}: {err}");
    }
    assert!(err.contains("restore has no key for confirm: a call found on disk could not be restored"), "{err}");
    assert!(err.contains("extends: \\\"default\\\"") || err.contains("extends: \"default\""), "{err}");
    assert!(!err.contains("grid has no key"), "{err}");
}

#[test]
fn printable_keys_cannot_be_bound_where_text_is_typed() {
    for (context, key) in [
        ("notes", "e"),
        ("notes", "space"),
        ("details", "shift-a"),
        ("decision", "1"),
        ("search", "?"),
        ("search", "Q"),
    ] {
        let source = format!("(extends: \"default\", {context}: [(\"{key}\", close)])");
        let err = errors(&source);
        let expected = format!("keys.ron:{}: \"{key}\" types text in {context}", at(&source, &format!("\"{key}\""), 0));
        assert!(err.starts_with(&expected), "{context} {key}: {err}");
    }
    // Chorded keys and named keys are fine, and letters are fine off the text screens.
    assert!(
        errors("(extends: \"default\", notes: [(\"ctrl-e\", close), (\"alt-x\", close), (\"f3\", close)])").is_empty()
    );
    assert!(errors("(extends: \"default\", packs: [(\"x\", close)])").is_empty());
}

#[test]
fn esc_rebound_in_a_text_screen_needs_another_way_out() {
    let source = "(\n  extends: \"default\",\n  notes: [(\"esc\", next_row)],\n)";
    let err = errors(source);
    assert_eq!(
        err,
        format!(
            "keys.ron:{}: esc is bound to next_row in notes, which leaves no key for close there: there would be no way out of this screen; bind another key to close",
            at(source, "\"esc\"", 0)
        )
    );
    assert!(errors("(extends: \"default\", notes: [(\"esc\", next_row), (\"ctrl-q\", close)])").is_empty());
}

#[test]
fn the_restore_offer_keeps_a_way_to_accept() {
    let source = "(extends: \"default\",\n restore: [(\"r\", cancel), (\"enter\", cancel)])";
    let err = errors(source);
    assert!(err.starts_with(&format!("keys.ron:{}: r is bound to cancel in restore", at(source, "\"r\"", 0))), "{err}");
    assert!(err.contains("a call found on disk could not be restored"), "{err}");
}

#[test]
fn dead_chords_are_named_with_what_terminals_send() {
    let source = "(extends: \"default\", grid: [(\"shift-tab\", prev_row)])";
    assert_eq!(
        errors(source),
        format!(
            "keys.ron:{}: \"shift-tab\" never arrives: terminals send backtab for it; write \"backtab\"",
            at(source, "\"shift-tab\"", 0)
        )
    );
    assert!(errors("(extends: \"default\", grid: [(\"ctrl-i\", prev_row)])").contains("write \"tab\""));
    let undo = errors("(extends: \"default\", notes: [(\"ctrl-_\", undo)])");
    assert!(undo.contains("\"ctrl-_\" never arrives: terminals send ctrl-7 for it"), "{undo}");
}

#[test]
fn shift_tab_from_a_terminal_reaches_backtab_bindings() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    // crossterm reports ESC [ Z as BackTab with shift held.
    let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    let keymap = Keymap::default_keymap();
    assert_eq!(keymap.resolve(Context::Grid, KeyChord::from_event(event)), Some(&Action::PrevRow));
    assert_eq!(keymap.resolve(Context::Details, KeyChord::from_event(event)), Some(&Action::MoveUp));
}

#[test]
fn a_keymap_that_locks_the_user_in_is_refused_when_loaded_and_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("trap.ron");
    let source = "(extends: \"default\", notes: [(\"e\", close)])";
    std::fs::write(&bad, source).expect("write");
    let loaded = Keymap::open(&bad.display().to_string()).err().map(|d| d.to_string()).unwrap_or_default();
    assert!(loaded.contains("\"e\" types text in notes"), "{loaded}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dutygrid"))
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .args(["keymap", "check"])
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{}:{}: \"e\" types text in notes", bad.display(), at(source, "\"e\"", 0))),
        "{stderr}"
    );
}

#[test]
fn a_shared_confirm_block_binds_all_three_dialogs_and_their_own_blocks_override_it() {
    let source =
        "(extends: \"default\",\n confirm: [(\"j\", confirm), (\"x\", cancel)],\n confirm_quit: [(\"x\", confirm)])";
    let keymap = Keymap::parse("mine.ron", source.as_bytes().to_vec()).unwrap_or_else(|d| panic!("{d}"));
    for context in [Context::ConfirmQuit, Context::ConfirmEndCall, Context::ConfirmSwitchPack] {
        assert_eq!(keymap.resolve(context, chord("j")), Some(&Action::Confirm), "{context:?}");
        // The default's keys stay.
        assert_eq!(keymap.resolve(context, chord("n")), Some(&Action::Cancel), "{context:?}");
    }
    assert_eq!(keymap.resolve(Context::ConfirmQuit, chord("x")), Some(&Action::Confirm));
    assert_eq!(keymap.resolve(Context::ConfirmEndCall, chord("x")), Some(&Action::Cancel));
    // A keymap of its own: the one shared block answers every dialog.
    let own = "(grid: [(\"q\", quit)], confirm: [(\"y\", confirm), (\"n\", cancel)], immediate: [(\"esc\", close)],\n banner: [(\"a\", acknowledge)], help: [(\"esc\", close)], details: [(\"esc\", close)],\n notes: [(\"esc\", close)], decision: [(\"esc\", close)], restore: [(\"r\", confirm)], search: [(\"esc\", close)],\n packs: [(\"esc\", close)], scenario: [(\"esc\", close)])";
    let keymap = Keymap::parse("own.ron", own.as_bytes().to_vec()).unwrap_or_else(|d| panic!("{d}"));
    for context in [Context::ConfirmQuit, Context::ConfirmEndCall, Context::ConfirmSwitchPack] {
        assert_eq!(keymap.resolve(context, chord("n")), Some(&Action::Cancel), "{context:?}");
    }
}

#[test]
fn a_confirm_block_without_no_is_a_lock_in_for_each_dialog_at_that_block() {
    let source = "(extends: \"default\",\n confirm: [(\"n\", confirm), (\"esc\", confirm)])";
    let err = errors(source);
    for dialog in ["confirm_quit", "confirm_end_call", "confirm_switch_pack"] {
        assert!(err.contains(&format!("in {dialog}, which leaves no key for cancel")), "{dialog}: {err}");
    }
    assert!(err.starts_with(&format!("keys.ron:{}: n is bound to confirm", at(source, "\"n\"", 0))), "{err}");
    // A mistake in the shared block is said once, not once per dialog.
    let err = errors("(extends: \"default\", confirm: [(\"pgdn\", cancel)])");
    assert_eq!(err.matches("unknown key").count(), 1, "{err}");
}

#[test]
fn an_unknown_context_is_a_located_error_naming_the_known_ones() {
    let source = "(\n  extends: \"default\",\n  confirm_quitt: [(\"y\", confirm)],\n)";
    let err = errors(source);
    assert!(err.starts_with("keys.ron:3:"), "{err}");
    assert!(err.contains("confirm_quitt"), "{err}");
    for known in ["grid", "confirm", "confirm_quit", "confirm_end_call", "confirm_switch_pack", "scenario"] {
        assert!(err.contains(&format!("`{known}`")), "{known}: {err}");
    }
}

/// The built-in keymaps ship compiled (`keymaps/*.json`): each must be
/// exactly what its RON gives once parsed and checked, and is what
/// `Keymap::builtin` hands out. `DUTYGRID_BLESS=1` rewrites a stale file.
#[test]
fn each_compiled_keymap_is_its_ron_parsed_and_checked() {
    use dutygrid::keymap::compiled;
    for (name, _) in BUILTIN_KEYMAPS {
        let parsed = Keymap::builtin_from_ron(name).expect("listed").unwrap_or_else(|d| panic!("{d}"));
        let json = compiled::to_json(&parsed);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("keymaps/{name}.json"));
        if std::env::var_os("DUTYGRID_BLESS").is_some() {
            std::fs::write(&path, &json).expect("write the compiled keymap");
        }
        let shipped = std::fs::read_to_string(&path).expect("compiled keymap");
        assert!(
            shipped == json,
            "keymaps/{name}.json is not keymaps/{name}.ron: DUTYGRID_BLESS=1 cargo test --test keymaps"
        );
        assert_eq!(compiled::from_json(&shipped).as_ref(), Some(&parsed), "{name} reads back");
        assert_eq!(Keymap::builtin(name).expect("listed").expect("loads"), parsed, "{name} as handed out");
    }
    // A file cut short is refused (the RON is parsed instead), never an
    // empty keymap.
    assert_eq!(compiled::from_json("[]"), None);
    assert_eq!(compiled::from_json("not json"), None);
}
