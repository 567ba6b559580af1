#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `update` without a terminal: moving, ticking, the immediate-protection
//! alert, quitting, the clock, the mouse.

mod support;

use dutygrid::app::action::LoadedPack;
use dutygrid::app::contact_now::calendar_for;
use dutygrid::app::record::{DecisionField, Field};
use dutygrid::app::{Action, Effect, Pending, Screen, Session, update};
use dutygrid::call::details::Age;
use dutygrid::call::household::{Born, Child};
use dutygrid::call::summary::summarise;
use dutygrid::keymap::{Context, Keymap};
use dutygrid::pack::library::Library;
use dutygrid::pack::resolve::LineKind;
use support::{NIGHT, OFFICE, at, press, session, start, state};

/// A session whose pack picker offers two packs.
fn with_choices(session: Session) -> Session {
    Session { pack_choices: vec!["nottingham-city".into(), "stoke-on-trent".into()], ..session }
}

#[test]
fn moving_right_keeps_the_row_and_number_keys_jump_to_a_level() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["j", "j"]);
    assert_eq!((s.cursor().row, s.cursor().level, s.cursor().item), (0, 0, 2));
    press(&mut s, &["l"]);
    assert_eq!((s.cursor().row, s.cursor().level, s.cursor().item), (0, 1, 2));
    press(&mut s, &["4"]);
    assert_eq!((s.cursor().row, s.cursor().level), (0, 3));
    press(&mut s, &["9", "h", "h", "h", "h"]);
    assert_eq!((s.cursor().row, s.cursor().level), (0, 0));
}

#[test]
fn down_runs_on_into_the_next_row_and_up_comes_back_to_its_last_item() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["j", "j", "j"]);
    assert_eq!((s.cursor().row, s.cursor().item), (1, 0));
    press(&mut s, &["k"]);
    assert_eq!((s.cursor().row, s.cursor().item), (0, 2));
}

#[test]
fn row_and_domain_jumps_and_home_end() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["n", "n"]);
    assert_eq!(s.grid().rows[s.cursor().row].name, "Emotional Development");
    press(&mut s, &["}"]);
    assert_eq!(s.grid().rows[s.cursor().row].name, "Family History and Functioning");
    press(&mut s, &["{"]);
    assert_eq!(s.grid().rows[s.cursor().row].name, "Health");
    press(&mut s, &["end"]);
    assert_eq!(s.cursor().row, s.grid().rows.len() - 1);
    press(&mut s, &["home"]);
    assert_eq!(s.cursor().row, 0);
}

#[test]
fn page_down_moves_a_screenful_and_the_view_follows_the_cursor() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["pagedown", "pagedown"]);
    assert!(s.cursor().row >= 2, "{:?}", s.cursor());
    let doc = s.grid_doc();
    let lines = doc.lines_of(s.cursor());
    let view = usize::from(s.areas().grid_cells().height);
    assert!(s.scroll() <= lines.start && lines.end <= s.scroll() + view, "{} {lines:?} {view}", s.scroll());
    press(&mut s, &["pageup", "pageup", "pageup"]);
    assert_eq!(s.cursor().row, 0);
}

#[test]
fn space_ticks_and_unticks_with_the_time() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["space"]);
    assert_eq!(s.call().ticked_at("health-u1"), Some(at("nottingham-city", OFFICE)));
    press(&mut s, &["space"]);
    assert!(!s.call().is_ticked("health-u1"));
    assert_eq!(s.call().events.len(), 2);
}

#[test]
fn ticking_a_linked_indicator_raises_an_alert_that_unticking_does_not_hide() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let target = s.grid().find("family-history-s5").expect("privately fostered");
    support::go_to(&mut s, target);
    press(&mut s, &["space"]);
    assert_eq!(s.context(), Context::Banner);
    let alert = s.call().pending_alert().expect("alert").clone();
    assert_eq!(alert.trigger.as_deref(), Some("imm-private-fostering"));
    assert_eq!(alert.line_shown, "City MASH 0115 876 4800 — office hours");
    // Keys other than acknowledge do nothing while the alert is up.
    press(&mut s, &["space", "j", "q"]);
    assert!(s.call().is_ticked("family-history-s5"));
    assert_eq!(s.context(), Context::Banner);
    press(&mut s, &["enter"]);
    assert_eq!(s.context(), Context::Grid);
    assert!(s.call().alerts[0].acknowledged_at.is_some());
    press(&mut s, &["space"]);
    assert!(!s.call().is_ticked("family-history-s5"));
    assert_eq!(s.call().alerts.len(), 1, "the alert stays in the record");
}

#[test]
fn unticking_while_the_alert_is_up_leaves_it_up() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["i", "space"]);
    assert_eq!(s.context(), Context::Banner);
    // The banner is on top; the list below it cannot be reached until acknowledged.
    update(&mut s, Action::ToggleTick);
    assert_eq!(s.context(), Context::Banner);
}

#[test]
fn the_immediate_list_ticks_items_and_sub_points() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["i"]);
    assert_eq!(s.context(), Context::Immediate);
    press(&mut s, &["j", "space"]);
    assert!(s.call().is_ticked("imm-injury-inconsistent"));
    let alert = s.call().pending_alert().expect("alert");
    assert_eq!(alert.trigger.as_deref(), Some("imm-injury"));
    assert_eq!(alert.line_shown, "City MASH (out of hours) 0115 876 4800 — out of hours");
    press(&mut s, &["a", "esc"]);
    assert_eq!(s.context(), Context::Grid);
    assert_eq!(summarise(s.pack(), s.call()).immediate, 1);
}

#[test]
fn quitting_asks_first_while_the_call_has_ticks() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit]);
    press(&mut s, &["space", "q"]);
    assert_eq!(s.screens().last(), Some(&Screen::Confirm(Pending::Quit)));
    assert_eq!(press(&mut s, &["n"]), Vec::<Effect>::new());
    assert!(s.screens().is_empty());
    press(&mut s, &["q"]);
    assert_eq!(press(&mut s, &["y"]), vec![Effect::Quit]);
}

#[test]
fn the_clock_tick_recomputes_the_line_and_the_warning() {
    let mut s = state("nottingham-city", "2026-11-27 16:30", 80, 24);
    assert_eq!(s.contact().kind, LineKind::Office);
    assert_eq!(s.contact().warning(), None);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 16:38")));
    assert_eq!(
        s.contact().warning().as_deref(),
        Some("City MASH closes in 12 min — then City MASH (out of hours) 0115 876 4800")
    );
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 16:50")));
    assert_eq!(s.contact().kind, LineKind::OutOfHours);
    assert_eq!(s.contact().warning(), None);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-30 08:20")));
    assert_eq!(s.contact().warning().as_deref(), Some("City MASH opens in 10 min — then ring City MASH 0115 876 4800"));
}

#[test]
fn a_click_on_an_indicator_ticks_it_and_the_wheel_scrolls() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let cells = s.areas().grid_cells();
    // The first row's heading is on the first line, its first item on the next.
    update(&mut s, Action::Click { column: cells.x + 10, row: cells.y + 1 });
    assert!(s.call().is_ticked("health-u1"));
    let column_width = s.grid_doc().column_width;
    update(&mut s, Action::Click { column: cells.x + column_width + 10, row: cells.y + 1 });
    assert!(s.call().is_ticked("health-eh1"));
    update(&mut s, Action::Click { column: 0, row: 0 });
    assert_eq!(s.call().ticked().len(), 2, "a click outside the grid ticks nothing");
    update(&mut s, Action::Scroll { down: true });
    assert_eq!(s.scroll(), 3);
    update(&mut s, Action::Tick(at("nottingham-city", "2026-11-27 10:01")));
    assert_eq!(s.scroll(), 3, "the clock does not move the view");
}

#[test]
fn the_compact_view_follows_the_cursor_across_hidden_levels() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert_eq!(s.grid_doc().levels, 0..2);
    press(&mut s, &["l", "l"]);
    assert_eq!(s.grid_doc().levels, 1..3);
    press(&mut s, &["4"]);
    assert_eq!(s.grid_doc().levels, 2..4);
    update(&mut s, Action::Resize { width: 200, height: 60 });
    assert_eq!(s.grid_doc().levels, 0..4);
}

#[test]
fn a_level_marked_immediate_protection_raises_the_alert_for_any_of_its_indicators() {
    let mut s = state("stoke-on-trent", NIGHT, 200, 60);
    press(&mut s, &["4", "space"]);
    assert_eq!(s.context(), Context::Grid, "level 4 is not immediate protection");
    press(&mut s, &["5", "space"]);
    assert_eq!(s.context(), Context::Banner);
    let alert = s.call().pending_alert().expect("alert");
    assert_eq!(alert.line_shown, "Emergency Duty Team 01782 234234 — out of hours");
    let screen = support::render(&s);
    assert!(screen.contains("Level 5 Getting Risk Support"), "{screen}");
}

#[test]
fn ending_a_call_writes_its_end_closes_the_journal_and_starts_afresh() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    assert!(press(&mut s, &["E"]).is_empty(), "nothing to end yet");
    assert!(s.screens().is_empty());
    // Ending goes through the read-back, then asks.
    press(&mut s, &["space", "E"]);
    assert!(matches!(s.screens().last(), Some(Screen::Readback(_))), "{:?}", s.screens());
    press(&mut s, &["E"]);
    assert_eq!(s.screens().last(), Some(&Screen::Confirm(Pending::EndCall)));
    let effects = press(&mut s, &["y"]);
    let now = at("nottingham-city", OFFICE);
    let (read_back, end) = (dutygrid::call::Entry::ReadBack { at: now }, dutygrid::call::Entry::End { at: now });
    assert_eq!(effects, vec![Effect::Persist(read_back), Effect::Persist(end), Effect::CloseJournal]);
    assert!(s.screens().is_empty(), "the read-back closes with the call");
    assert!(!s.call().has_content(), "a fresh call");
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit], "an empty call quits without asking");
}

#[test]
fn declining_a_restore_sets_the_old_call_aside_and_accepting_resumes_it() {
    use dutygrid::app::RestoreOffer;
    let mut old = state("nottingham-city", OFFICE, 80, 24);
    press(&mut old, &["space"]);
    let offer = RestoreOffer { path: "/records/call-x.jsonl".into(), call: old.call().clone(), problem: None };
    let mut s = start(Session { offers: vec![offer.clone()], ..session("nottingham-city", OFFICE) }, 80, 24);
    assert_eq!(s.context(), Context::Restore);
    assert_eq!(press(&mut s, &["n"]), vec![Effect::SetAside("/records/call-x.jsonl".into())]);
    assert!(!s.call().has_content());
    let mut s = start(Session { offers: vec![offer], ..session("nottingham-city", OFFICE) }, 80, 24);
    assert_eq!(press(&mut s, &["r"]), vec![Effect::Resume("/records/call-x.jsonl".into())]);
    assert!(s.call().is_ticked("health-u1"));
    assert_eq!(s.saved_as(), Some("call-x"));
}

#[test]
fn the_pack_picker_switches_at_once_or_ends_the_call_first() {
    let mut s = start(with_choices(session("nottingham-city", OFFICE)), 80, 24);
    press(&mut s, &["P"]);
    assert_eq!(s.context(), Context::Packs);
    assert_eq!(press(&mut s, &["j", "enter"]), vec![Effect::LoadPack("stoke-on-trent".into())]);
    let mut s = start(with_choices(session("nottingham-city", OFFICE)), 80, 24);
    press(&mut s, &["space", "P", "j", "enter"]);
    assert!(matches!(s.top(), Some(Screen::Confirm(Pending::SwitchPack(_)))));
    // Nothing is ended until the new pack is open.
    assert_eq!(press(&mut s, &["y"]), vec![Effect::LoadPack("stoke-on-trent".into())]);
    assert!(s.call().has_content() && s.call().ended_at.is_none());
    let effects = update(&mut s, Action::PackLoaded(loaded("stoke-on-trent")));
    let end = dutygrid::call::Entry::End { at: at("nottingham-city", OFFICE) };
    assert_eq!(effects, vec![Effect::Persist(end), Effect::CloseJournal]);
    assert_eq!(s.pack().id, "stoke-on-trent");
    assert!(!s.call().has_content(), "a new call on the new pack");
}

fn loaded(pack_id: &str) -> LoadedPack {
    let library = Library::load(None);
    let (pack, _) = library.open(pack_id).expect("pack");
    let calendar = calendar_for(&pack, &library.calendars).cloned();
    LoadedPack::new(pack, calendar)
}

#[test]
fn a_pack_switch_keeps_presentation_mode_the_size_and_the_choices() {
    let mut s = start(with_choices(session("nottingham-city", OFFICE)), 120, 40);
    assert_eq!(press(&mut s, &["f2", "P", "j", "enter"]), vec![Effect::LoadPack("stoke-on-trent".into())]);
    update(&mut s, Action::PackLoaded(loaded("stoke-on-trent")));
    assert_eq!(s.pack().id, "stoke-on-trent");
    assert!(s.present(), "still presenting");
    assert_eq!(s.size(), (120, 40));
    assert_eq!(s.pack_choices().len(), 2);
    assert_eq!(s.pack_choices()[s.picker_start()], "stoke-on-trent");
    // No personal-data screen opens on the projector after the switch.
    press(&mut s, &["d"]);
    press(&mut s, &["o"]);
    press(&mut s, &["v"]);
    assert!(s.screens().is_empty(), "{:?}", s.screens());
}

fn keymaps() -> Vec<(&'static str, Keymap)> {
    ["default", "vim"].into_iter().map(|n| (n, Keymap::builtin(n).expect("built in").expect("loads"))).collect()
}

#[test]
fn ctrl_c_never_ends_the_call_or_switches_the_pack() {
    for (name, keymap) in keymaps() {
        // "End this call?": ctrl-c asks to quit instead, and ends nothing.
        let mut s = start(Session { keymap: keymap.clone(), ..session("nottingham-city", OFFICE) }, 80, 24);
        press(&mut s, &["space", "E", "E"]);
        assert_eq!(s.screens().last(), Some(&Screen::Confirm(Pending::EndCall)), "{name}");
        assert_eq!(press(&mut s, &["ctrl-c"]), vec![], "{name}");
        assert_eq!(s.screens().last(), Some(&Screen::Confirm(Pending::Quit)), "{name}");
        assert!(!s.screens().contains(&Screen::Confirm(Pending::EndCall)), "{name}");
        assert!(s.call().ended_at.is_none() && s.call().has_content(), "{name}");
        press(&mut s, &["n", "esc"]);
        assert!(s.screens().is_empty() && s.call().is_ticked("health-u1"), "{name}: back on the call");

        // "Switch pack?": ctrl-c asks to quit; the pack stays.
        let mut s =
            start(with_choices(Session { keymap: keymap.clone(), ..session("nottingham-city", OFFICE) }), 80, 24);
        press(&mut s, &["space", "P", "j", "enter"]);
        assert!(matches!(s.top(), Some(Screen::Confirm(Pending::SwitchPack(_)))), "{name}");
        assert_eq!(press(&mut s, &["ctrl-c"]), vec![], "{name}");
        assert_eq!(s.screens(), vec![Screen::Confirm(Pending::Quit)], "{name}");
        assert_eq!(s.pack().id, "nottingham-city");
        assert!(s.call().ended_at.is_none(), "{name}");

        // "Quit?": ctrl-c is not yes; the question stays until answered.
        let mut s = start(Session { keymap, ..session("nottingham-city", OFFICE) }, 80, 24);
        press(&mut s, &["space", "ctrl-c"]);
        assert_eq!(s.screens(), vec![Screen::Confirm(Pending::Quit)], "{name}: quit asks while the call has a tick");
        assert_eq!(press(&mut s, &["ctrl-c"]), vec![], "{name}");
        assert_eq!(press(&mut s, &["ctrl-c"]), vec![], "{name}");
        assert_eq!(s.screens(), vec![Screen::Confirm(Pending::Quit)], "{name}");
        assert_eq!(press(&mut s, &["y"]), vec![Effect::Quit], "{name}");
    }
}

/// Types text into the screen on top, a key at a time.
fn type_text(s: &mut dutygrid::app::State, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' { "space".to_string() } else { c.to_string() };
        press(s, &[key.as_str()]);
    }
}

#[test]
fn after_changing_a_decided_level_down_goes_to_the_reason_for_change() {
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    // The first decision has no reason to give: down goes to the rationale.
    press(&mut s, &["v", "right", "down"]);
    assert_eq!(s.decision().unwrap().field, DecisionField::Rationale);
    type_text(&mut s, "bruise seen");
    press(&mut s, &["enter"]);
    assert_eq!(s.call().decisions.len(), 1);
    // A change: level, then straight to the reason, then the rationale.
    press(&mut s, &["v", "right", "down"]);
    assert_eq!(s.decision().unwrap().field, DecisionField::Reason);
    type_text(&mut s, "second bruise");
    assert_eq!(s.decision().unwrap().reason, "second bruise");
    assert_eq!(s.decision().unwrap().rationale, "bruise seen", "the reason is not typed into the rationale");
    press(&mut s, &["down"]);
    assert_eq!(s.decision().unwrap().field, DecisionField::Rationale);
    press(&mut s, &["down", "up", "up"]);
    assert_eq!(s.decision().unwrap().field, DecisionField::Reason);
    press(&mut s, &["enter"]);
    let last = s.call().decision().expect("decision");
    assert_eq!((last.level.as_deref(), last.reason.as_str()), (Some("early-help"), "second bruise"));
    assert_eq!(last.rationale, "bruise seen");
    let screen = support::render(&{
        let mut shown = s.clone();
        press(&mut shown, &["v"]);
        shown
    });
    let reason = screen.find("Reason for change").expect("reason shown once a decision exists");
    assert!(reason < screen.find("Rationale").expect("rationale"), "{screen}");
}

#[test]
fn the_scaling_field_is_there_only_where_the_pack_defines_a_scale() {
    // Nottingham City (seed 001) defines 0–10 and what its ends mean.
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    assert!(s.details_form().fields.contains(&Field::Scaling));
    press(&mut s, &["d"]);
    while s.details().unwrap().current_field() != Field::Scaling {
        press(&mut s, &["down"]);
    }
    press(&mut s, &["right"]);
    assert_eq!(s.call().scaling, Some(0), "the scale starts at the pack's own lowest point");
    press(&mut s, &["left", "left"]);
    assert_eq!(s.call().scaling, Some(10));
    let screen = support::render(&s);
    assert!(screen.contains("10   (on 0–10)"), "{screen}");
    assert!(screen.contains("  0 means things are so bad the child is no longer able"), "{screen}");
    assert!(screen.contains("  10 means that everything that needs to happen"), "{screen}");

    // Stoke-on-Trent defines none: no scaling field, nothing to set.
    let mut s = state("stoke-on-trent", OFFICE, 200, 60);
    assert!(!s.details_form().fields.contains(&Field::Scaling));
    press(&mut s, &["d"]);
    for _ in 0..s.details().unwrap().fields.len() {
        press(&mut s, &["down"]);
        assert_ne!(s.details().unwrap().current_field(), Field::Scaling);
    }
    let screen = support::render(&s);
    assert!(!screen.contains("scaling"), "{screen}");
}

#[test]
fn a_pack_scale_other_than_zero_to_ten_is_used_on_screen_and_in_the_export() {
    let mut pack = session("nottingham-city", OFFICE);
    let scale = pack.pack.guidance.worry_questions.as_mut().and_then(|w| w.scaling.as_mut()).expect("scale");
    (scale.min, scale.max) = (1, 5);
    (scale.min_means, scale.max_means) = ("very worried".into(), "5 means not worried".into());
    let mut s = start(pack, 200, 60);
    press(&mut s, &["d"]);
    while s.details().unwrap().current_field() != Field::Scaling {
        press(&mut s, &["down"]);
    }
    press(&mut s, &["left"]);
    assert_eq!(s.call().scaling, Some(5));
    press(&mut s, &["right", "right"]);
    assert_eq!(s.call().scaling, Some(1));
    let screen = support::render(&s);
    assert!(screen.contains("1   (on 1–5)") && screen.contains("1: very worried"), "{screen}");
    assert!(screen.contains("5 means not worried") && !screen.contains("5: 5 means"), "{screen}");
    let record = dutygrid::export::record(s.pack(), s.call(), "call-x", s.calendar()).expect("record");
    let markdown = dutygrid::export::markdown(&record);
    assert!(markdown.contains("- Scaling (how worried, 1–5): 1"), "{markdown}");
}

/// The ages a caller might give, and whether a child of that age can be the
/// subject of a pregnancy or sexual-activity item.
const AGES: [(&str, bool); 6] =
    [("unborn", false), ("4m", false), ("18m", false), ("6", false), ("12", true), ("15", true)];

#[test]
fn pregnancy_and_sexual_activity_items_are_marked_only_for_a_child_old_enough() {
    let library = Library::load(None);
    let mut checked = 0;
    for id in library.known_ids() {
        let s = state(&id, OFFICE, 80, 24);
        let items = s.grid().rows.iter().flat_map(|r| r.cells.iter().flatten()).map(|i| (&i.text, &i.applies_to));
        let immediate = s.grid().immediate.iter().map(|e| (&e.text, &e.applies_to));
        for (text, applies) in items.chain(immediate) {
            let lower = text.to_lowercase();
            let about_young_person = lower.starts_with("pregnant under") || lower.starts_with("sexual activity under");
            let Some(applies) = applies.as_ref().filter(|_| about_young_person) else { continue };
            checked += 1;
            for (age, old_enough) in AGES {
                let today = s.call().today();
                let child = Child { born: Age::parse(age).map(Born::Age), ..Child::default() };
                let limit: u16 = lower.split_whitespace().find_map(|w| w.parse().ok()).expect("an age in the text");
                let under_limit = child.age(today).and_then(Age::years).is_some_and(|y| y < limit);
                assert_eq!(child.matches(applies, today), old_enough && under_limit, "{id}: {text:?} for age {age}");
            }
        }
    }
    assert_eq!(checked, 7, "Pregnant under 17 (3) and Sexual activity under 13 (4) in the Nottingham packs");
}

#[test]
fn a_four_month_old_marks_neither_pregnancy_nor_sexual_activity_on_screen() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 250, 70);
    press(&mut s, &["H", "down", "4", "m", "esc"]);
    assert_eq!(s.call().household.first_child().and_then(|c| c.age(s.call().today())), Some(Age::Months(4)));
    for id in ["health-eh8", "emotional-development-ps3"] {
        support::go_to_item(&mut s, id);
        update(&mut s, Action::Resize { width: 250, height: 70 });
        let screen = support::render(&s);
        let line = screen.lines().find(|l| l.contains("Pregnant under 17") || l.contains("Sexual activity under"));
        let line = line.expect("item on screen");
        assert!(!line.contains('»'), "{id}: {line}");
    }
}

#[test]
fn help_explains_the_marks_from_the_pack_and_the_keymap() {
    let mut s = state("nottingham-city", OFFICE, 120, 200);
    // The notes close help, after every screen's keys.
    press(&mut s, &["?", "end"]);
    let screen = support::render(&s);
    assert!(screen.contains("Items marked » are about a child like the one in the call details (d):"), "{screen}");
    assert!(screen.contains("aged 10 to 12 (1 item)"), "{screen}");
    assert!(screen.contains("16 or under (17 or under if disabled) (1 item)"), "{screen}");
    assert!(screen.contains("not yet mobile (1 item)"), "{screen}");
    let keymap =
        Keymap::parse("mine.ron", b"(extends: \"default\", grid: [(\"D\", open_details)])".to_vec()).expect("keymap");
    let mut s = start(Session { keymap, ..session("nottingham-city", OFFICE) }, 120, 200);
    press(&mut s, &["?", "end"]);
    assert!(support::render(&s).contains("in the call details (d/D):"));
    let stoke = state("stoke-on-trent", OFFICE, 80, 24);
    assert_eq!(stoke.grid().marks(), vec![("unborn".to_string(), 12)]);
}

#[test]
fn the_wheel_scrolls_the_screen_on_top_and_never_the_hidden_grid() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["?"]);
    update(&mut s, Action::Scroll { down: true });
    assert_eq!(s.top(), Some(&Screen::Help { scroll: 3 }), "help scrolls by the wheel");
    assert_eq!(s.scroll(), 0, "the grid under help stays where it was");
    update(&mut s, Action::Scroll { down: false });
    assert_eq!(s.top(), Some(&Screen::Help { scroll: 0 }));
    // A screen that does not scroll as text ignores the wheel.
    press(&mut s, &["esc", "i"]);
    let before = s.top().cloned();
    update(&mut s, Action::Scroll { down: true });
    assert_eq!(s.top().cloned(), before);
    assert_eq!(s.scroll(), 0);
}
