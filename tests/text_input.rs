#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every text field edits the same way, with the keys the keymap binds:
//! cursor moves by character, word and line; deletes before and after the
//! cursor, of a word and of the whole line; undo and redo. Each edit is
//! journalled as the field's whole new value (notes as their diff), and a
//! cursor move writes nothing.

mod support;

use dutygrid::app::{Action, Effect, State};
use dutygrid::call::household::{ChildFact, HouseholdChange};
use dutygrid::call::{DetailChange, DraftField, Entry};
use dutygrid::keymap::{BUILTIN_KEYMAPS, Context, Keymap, hints};
use support::{OFFICE, press, state};

fn persisted(effects: &[Effect]) -> Vec<&Entry> {
    effects.iter().filter_map(|e| if let Effect::Persist(entry) = e { Some(entry) } else { None }).collect()
}

/// Types `text` one key at a time, as a slow typist does; the effects of
/// the last key.
fn type_text(s: &mut State, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let key = if c == ' ' { "space".to_string() } else { c.to_string() };
        effects = press(s, &[&key]);
    }
    effects
}

/// The agency the last effects journalled, if they journalled one.
fn agency(effects: &[Effect]) -> Option<String> {
    persisted(effects).into_iter().rev().find_map(|e| match e {
        Entry::Detail { change: DetailChange::Agency(text), .. } => Some(text.clone()),
        _ => None,
    })
}

/// The details form on its agency field (the referrer's section: caller,
/// name, role, agency).
fn on_agency() -> State {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["d", "pagedown", "pagedown", "pagedown", "down", "down", "down"]);
    s
}

#[test]
fn typing_in_the_middle_of_a_detail_field_journals_the_whole_value() {
    let mut s = on_agency();
    type_text(&mut s, "Schol");
    for _ in 0..2 {
        assert_eq!(persisted(&press(&mut s, &["left"])), Vec::<&Entry>::new(), "a cursor move writes nothing");
    }
    assert_eq!(agency(&type_text(&mut s, "o")), Some("School".into()));
    assert_eq!(agency(&type_text(&mut s, "X")), Some("SchoXol".into()), "the cursor stays after what was typed");
    assert_eq!(agency(&press(&mut s, &["backspace"])), Some("School".into()));
    assert_eq!(agency(&press(&mut s, &["delete"])), Some("Schol".into()), "delete takes the character after");
    press(&mut s, &["right", "right", "right"]);
    assert_eq!(agency(&type_text(&mut s, "!")), Some("Schol!".into()), "right stops at the end");
}

#[test]
fn line_and_word_moves_put_typing_where_they_say() {
    let mut s = on_agency();
    type_text(&mut s, "one two three");
    press(&mut s, &["ctrl-a"]);
    assert_eq!(agency(&type_text(&mut s, "<")), Some("<one two three".into()));
    press(&mut s, &["ctrl-e"]);
    assert_eq!(agency(&type_text(&mut s, ">")), Some("<one two three>".into()));
    press(&mut s, &["home", "alt-f"]);
    assert_eq!(agency(&type_text(&mut s, "_")), Some("<_one two three>".into()), "< is a word of its own");
    press(&mut s, &["end", "left", "alt-b", "alt-b"]);
    assert_eq!(agency(&type_text(&mut s, "^")), Some("<_one ^two three>".into()));
}

#[test]
fn word_delete_and_clear_journal_what_is_left() {
    let mut s = on_agency();
    type_text(&mut s, "Social Care team");
    assert_eq!(agency(&press(&mut s, &["ctrl-w"])), Some("Social Care ".into()));
    assert_eq!(agency(&press(&mut s, &["alt-backspace"])), Some("Social ".into()));
    assert_eq!(agency(&press(&mut s, &["ctrl-u"])), Some(String::new()), "the field is cleared");
    assert_eq!(persisted(&press(&mut s, &["ctrl-u"])), Vec::<&Entry>::new(), "clearing nothing writes nothing");
}

#[test]
fn undo_and_redo_on_a_detail_field_journal_each_value() {
    let mut s = on_agency();
    type_text(&mut s, "Police");
    assert_eq!(agency(&press(&mut s, &["ctrl-u"])), Some(String::new()));
    assert_eq!(agency(&press(&mut s, &["ctrl-z"])), Some("Police".into()), "undo brings the cleared text back");
    assert_eq!(agency(&press(&mut s, &["ctrl-z"])), Some("Polic".into()), "then each typed character");
    assert_eq!(agency(&press(&mut s, &["ctrl-y"])), Some("Police".into()));
    assert_eq!(agency(&press(&mut s, &["ctrl-y"])), Some(String::new()), "redo clears it again");
    assert_eq!(persisted(&press(&mut s, &["ctrl-y"])), Vec::<&Entry>::new(), "nothing left to redo");
}

#[test]
fn left_and_right_cycle_a_choice_field_and_move_the_cursor_in_a_text_field() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["d", "pagedown", "pagedown", "pagedown"]);
    let caller = |effects: &[Effect]| {
        persisted(effects).into_iter().find_map(|e| match e {
            Entry::Detail { change: DetailChange::Caller(c), .. } => Some(*c),
            _ => None,
        })
    };
    let first = caller(&press(&mut s, &["right"])).expect("right cycles the caller");
    assert!(first.is_some());
    assert_eq!(caller(&press(&mut s, &["left"])), Some(None), "left cycles back to not recorded");
    press(&mut s, &["down", "down", "down"]);
    type_text(&mut s, "ac");
    assert!(persisted(&press(&mut s, &["left"])).is_empty());
    assert_eq!(agency(&type_text(&mut s, "b")), Some("abc".into()));
}

#[test]
fn the_age_is_edited_like_any_text_and_parsed_as_it_changes() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["H", "down"]);
    type_text(&mut s, "8");
    let age = |effects: &[Effect]| {
        persisted(effects).into_iter().find_map(|e| match e {
            Entry::Household {
                change: HouseholdChange::Child { fact: ChildFact::BornSaid { born, .. }, .. }, ..
            } => Some(born.map(|b| b.label(chrono::NaiveDate::MIN))),
            _ => None,
        })
    };
    assert_eq!(age(&type_text(&mut s, "m")), Some(Some("8 months".into())));
    press(&mut s, &["home"]);
    assert_eq!(age(&type_text(&mut s, "1")), Some(Some("18 months".into())), "typed before the 8");
    assert_eq!(age(&press(&mut s, &["ctrl-u"])), Some(None));
}

#[test]
fn the_decision_rationale_is_edited_at_the_cursor_and_drafted_whole() {
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    press(&mut s, &["v", "right", "down"]);
    type_text(&mut s, "bruse");
    press(&mut s, &["left", "left"]);
    let draft = |effects: &[Effect]| {
        persisted(effects).into_iter().find_map(|e| match e {
            Entry::DecisionDraft { field: DraftField::Rationale, text, .. } => Some(text.clone()),
            _ => None,
        })
    };
    assert_eq!(draft(&type_text(&mut s, "i")), Some("bruise".into()));
    assert_eq!(draft(&press(&mut s, &["ctrl-w"])), Some("se".into()), "the word before the cursor goes");
    assert_eq!(draft(&press(&mut s, &["ctrl-z"])), Some("bruise".into()));
}

#[test]
fn ctrl_u_in_the_notes_clears_the_line_the_cursor_is_on() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["o"]);
    type_text(&mut s, "first");
    press(&mut s, &["enter"]);
    type_text(&mut s, "second");
    let effects = press(&mut s, &["ctrl-u"]);
    let note = persisted(&effects).into_iter().find_map(|e| match e {
        Entry::Note { text, .. } => Some(text.clone()),
        _ => None,
    });
    assert_eq!(note, Some("first\n".into()), "only the cursor's line is cleared");
    let undone = persisted(&press(&mut s, &["ctrl-z"])).into_iter().find_map(|e| match e {
        Entry::Note { text, .. } => Some(text.clone()),
        _ => None,
    });
    assert_eq!(undone, Some("first\nsecond".into()), "undo brings it back");
}

#[test]
fn ctrl_u_in_search_clears_the_query_and_searches_again() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    type_text(&mut s, "dv");
    assert!(!s.search().expect("open").hits.is_empty());
    press(&mut s, &["ctrl-u"]);
    let search = s.search().expect("still open");
    assert_eq!(search.query(), "", "the query is cleared, not undone");
    assert!(search.hits.is_empty(), "and the results go with it");
    type_text(&mut s, "bruis");
    assert!(!s.search().expect("open").hits.is_empty(), "a new query searches afresh");
    press(&mut s, &["left", "left", "left", "left", "left"]);
    type_text(&mut s, "x");
    assert_eq!(s.search().expect("open").query(), "xbruis", "typing goes at the cursor");
    // Shown in the grid and opened again: the old query is gone.
    press(&mut s, &["ctrl-u"]);
    type_text(&mut s, "fostered");
    press(&mut s, &["tab", "/"]);
    assert_eq!(s.search().expect("open again").query(), "", "the search starts empty");
    assert!(s.search().expect("open").hits.is_empty());
}

#[test]
fn every_editing_action_is_bound_and_described_in_every_text_screen_of_both_keymaps() {
    let editing = [
        Action::CursorLeft,
        Action::CursorRight,
        Action::WordLeft,
        Action::WordRight,
        Action::LineStart,
        Action::LineEnd,
        Action::DeleteBack,
        Action::DeleteForward,
        Action::DeleteWordBack,
        Action::ClearLine,
        Action::Undo,
        Action::Redo,
    ];
    for (name, _) in BUILTIN_KEYMAPS {
        let keymap = Keymap::builtin(name).expect("listed").unwrap_or_else(|d| panic!("{d}"));
        let texts: Vec<Context> = Context::all().filter(|c| c.takes_text()).collect();
        assert_eq!(texts.len(), 7, "details, notes, decision, search, outcome_text, handler, case reference");
        for context in texts {
            for action in &editing {
                assert!(!keymap.keys_for(context, action).is_empty(), "{name} {context}: {action:?} has no key");
                let hint = hints::hint(context, action).unwrap_or_else(|| panic!("{context}: {action:?} undescribed"));
                assert!(!hint.describe.is_empty());
            }
            assert_eq!(keymap.resolve(context, "ctrl-u".parse().expect("chord")), Some(&Action::ClearLine));
        }
    }
}

/// The reversed cells of the screen row that holds `marker`: where a
/// monochrome theme draws the text cursor.
fn reversed_in_row(s: &State, marker: &str) -> Vec<(usize, String)> {
    use ratatui::style::Modifier;
    let (width, height) = s.size();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| dutygrid::ui::draw(frame, s, &dutygrid::ui::Theme::monochrome())).expect("draw");
    let buffer = terminal.backend().buffer();
    let row = (0..height)
        .find(|&y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().contains(marker))
        .unwrap_or_else(|| panic!("{marker:?} not on screen"));
    let line: String = (0..width).map(|x| buffer[(x, row)].symbol()).collect();
    let start = line.find(marker).map_or(0, |b| line[..b].chars().count());
    (0..width)
        .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::REVERSED))
        .map(|x| (usize::from(x) - start, buffer[(x, row)].symbol().to_string()))
        .collect()
}

#[test]
fn the_details_form_and_the_search_draw_the_cursor_where_it_is() {
    let mut s = on_agency();
    type_text(&mut s, "School");
    press(&mut s, &["left", "left"]);
    assert_eq!(reversed_in_row(&s, "School"), vec![(4, "o".to_string())], "on the second o");
    press(&mut s, &["end"]);
    assert_eq!(reversed_in_row(&s, "School"), vec![(6, " ".to_string())], "after the text");

    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    type_text(&mut s, "bruis");
    press(&mut s, &["left", "left"]);
    assert_eq!(reversed_in_row(&s, "/ bruis"), vec![(5, "i".to_string())]);
}
