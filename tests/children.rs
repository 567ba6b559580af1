#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Ticks about named children, pressed through the real default keymap: a
//! training scenario's household puts the children into the call.

mod support;

use dutygrid::app::{Action, Screen, Session, State, update};
use dutygrid::call::household::{Heard, Hearing};
use dutygrid::call::{Call, Entry, PackStamp};
use dutygrid::train::{Key, Scenario, ScenarioAdult, ScenarioChild, ScenarioHousehold};
use support::fixture::fixture_session;
use support::{assign, go_to_item, keys, press, render};

const OFFICE: &str = "2026-11-27 10:00";

fn child(label: &str, age: &str, mobile: Option<bool>, pregnant: Option<bool>) -> ScenarioChild {
    ScenarioChild { label: label.into(), age: Some(age.into()), mobile, disabled: None, pregnant }
}

fn scenario(pack: &str, children: Vec<ScenarioChild>) -> Scenario {
    Scenario {
        id: "household".into(),
        title: "A neighbour rings about two children".into(),
        pack: pack.into(),
        at: OFFICE.into(),
        vignette: vec!["A baby and her brother are home alone.".into()],
        reveals: vec![],
        child_age: None,
        household: ScenarioHousehold {
            children,
            adults: vec![ScenarioAdult { label: "Mum".into(), relationship: "mother".into() }],
        },
        key: Key { expected: vec![], level: "protection".into(), immediate: true, rationale: String::new() },
    }
}

fn training(session: Session, scenario: Scenario, width: u16, height: u16) -> State {
    let session = Session { simulated: true, training: Some(scenario), ..session };
    let mut s = support::fixture::start(session, width, height);
    assert!(matches!(s.top(), Some(Screen::Scenario { .. })));
    press(&mut s, &["esc"]);
    s
}

/// A 4-month-old baby who is not mobile and a 6-year-old, on the fixture pack.
fn two_children(width: u16, height: u16) -> State {
    let children = vec![child("Baby", "4m", Some(false), None), child("Tyler", "6", None, None)];
    training(fixture_session(OFFICE), scenario("fixture-area", children), width, height)
}

#[test]
fn two_children_with_ticks_assigned_to_each_show_in_the_grid_the_banner_and_the_summary() {
    let mut s = two_children(200, 60);
    let mut journal = Vec::new();
    go_to_item(&mut s, "health-e1");
    assign(&mut s, &[1], &mut journal);
    assert!(s.call().is_ticked("health-e1"), "assigning an unticked item ticks it");
    assert_eq!(s.call().household.about("health-e1"), &[1]);
    go_to_item(&mut s, "learning-e1");
    assign(&mut s, &[2], &mut journal);
    assert_eq!(s.call().household.about("learning-e1"), &[2]);
    let screen = render(&s);
    assert!(screen.contains("(Baby)"), "{screen}");
    assert!(screen.contains("(Tyler)"), "{screen}");
    assert!(screen.contains("About: Tyler (6 years)"), "the selected item's pane: {screen}");
    assert!(screen.contains("» fits Tyler, 6"), "{screen}");

    // The baby's bruising: the banner names her and lists her brother.
    go_to_item(&mut s, "health-p1");
    assign(&mut s, &[1], &mut journal);
    let screen = render(&s);
    assert!(screen.contains("RING NOW"), "{screen}");
    assert!(screen.contains("0115 496 0100"), "{screen}");
    assert!(screen.contains("999"), "{screen}");
    assert!(screen.contains("About: Baby, 4 months — and: Tyler, 6 — consider the siblings"), "{screen}");
    keys(&mut s, &["enter"], &mut journal);

    let screen = render(&s);
    assert!(screen.contains("Baby 4m: ! immediate · up to 4"), "{screen}");
    assert!(screen.contains("Tyler 6: up to 2"), "{screen}");
    for (width, height) in [(80, 24), (60, 20)] {
        update(&mut s, Action::Resize { width, height });
        let screen = render(&s);
        let line = screen.lines().find(|l| l.contains("Baby 4m: !")).unwrap_or_else(|| panic!("{screen}"));
        assert!(line.contains("up to 4 · Tyler 6: up to 2"), "the levels are never cut: {screen}");
        assert!(screen.contains("Tyler 6: up to 2"), "{width}x{height}: {screen}");
    }

    // Every change was journalled: replayed on a fresh call, the household
    // is the same, and each entry reads back from its JSON line.
    let mut replayed = Call::new(PackStamp::default(), s.call().started_at, true);
    let setup: Vec<Entry> = s
        .training()
        .map(|t| t.scenario.household_changes(s.call().today()))
        .unwrap_or_default()
        .into_iter()
        .map(|change| Entry::Household { change, at: s.call().started_at })
        .collect();
    for entry in setup.into_iter().chain(journal) {
        let line = serde_json::to_string(&entry).unwrap();
        replayed.apply(&serde_json::from_str::<Entry>(&line).unwrap());
    }
    assert_eq!(replayed.household, s.call().household);
    assert_eq!(replayed.ticked(), s.call().ticked());
}

#[test]
fn a_chooser_with_the_whole_household_checked_puts_the_tick_back_on_the_household() {
    let mut s = two_children(200, 60);
    go_to_item(&mut s, "health-e1");
    assign(&mut s, &[1, 2], &mut Vec::new());
    assert_eq!(s.call().household.about("health-e1"), &[1, 2]);
    assert!(render(&s).contains("(Baby,Tyler)"));
    assign(&mut s, &[0], &mut Vec::new());
    assert!(s.call().household.about("health-e1").is_empty());
    let screen = render(&s);
    assert!(!screen.contains("(Baby"), "a household tick has no label: {screen}");
    assert!(screen.contains("About: the whole household"), "{screen}");
    // Cancelling changes nothing.
    press(&mut s, &["a", "j", "space", "esc"]);
    assert!(s.top().is_none() && s.call().household.about("health-e1").is_empty());
}

#[test]
fn with_one_child_the_key_switches_the_tick_between_the_household_and_the_child() {
    let one = scenario("fixture-area", vec![child("Kai", "13m", None, None)]);
    let mut s = training(fixture_session(OFFICE), one, 80, 24);
    go_to_item(&mut s, "health-e1");
    press(&mut s, &["a"]);
    assert!(s.top().is_none(), "no chooser for one child");
    assert!(s.call().is_ticked("health-e1"));
    assert_eq!(s.call().household.about("health-e1"), &[1]);
    press(&mut s, &["a"]);
    assert!(s.call().household.about("health-e1").is_empty());
    assert!(s.call().is_ticked("health-e1"), "still ticked");
}

#[test]
fn with_no_child_recorded_the_key_says_how_to_add_one() {
    let mut s = support::fixture::start(fixture_session(OFFICE), 80, 24);
    go_to_item(&mut s, "health-e1");
    let effects = press(&mut s, &["a"]);
    assert!(effects.is_empty() && !s.call().is_ticked("health-e1"), "nothing recorded");
    assert!(s.status().is_some_and(|m| m.contains("No child recorded")), "{:?}", s.status());
    assert!(render(&s).contains("No child recorded"));
}

#[test]
fn mark_heard_cycles_a_tick_and_a_notes_section_and_shows_it() {
    let mut s = two_children(200, 60);
    go_to_item(&mut s, "health-e1");
    press(&mut s, &["m"]);
    assert!(s.call().household.heard_ticks.is_empty(), "an unticked item is not marked");
    press(&mut s, &["space", "m"]);
    assert_eq!(s.call().household.heard_ticks.get("health-e1"), Some(&Hearing::FirstHand));
    assert!(render(&s).contains("Said: first-hand"));
    press(&mut s, &["m"]);
    assert_eq!(s.call().household.heard_ticks.get("health-e1"), Some(&Hearing::SecondHand));
    let screen = render(&s);
    assert!(screen.contains(" heard"), "{screen}");
    assert!(screen.contains("Said: heard from someone else"), "{screen}");
    press(&mut s, &["m"]);
    assert!(s.call().household.heard_ticks.is_empty(), "the third press clears it");

    press(&mut s, &["o", "alt-m"]);
    assert_eq!(s.call().household.heard_notes.get("worried"), Some(&Hearing::FirstHand));
    let heard = Entry::Household {
        change: dutygrid::call::household::HouseholdChange::Heard {
            about: Heard::Note("worried".into()),
            hearing: Some(Hearing::FirstHand),
        },
        at: s.call().started_at,
    };
    let mut replayed = Call::new(PackStamp::default(), s.call().started_at, true);
    replayed.apply(&serde_json::from_str(&serde_json::to_string(&heard).unwrap()).unwrap());
    assert_eq!(replayed.household.heard_notes, s.call().household.heard_notes);
}

#[test]
fn a_pregnant_young_person_and_her_unborn_baby_each_get_their_own_marks() {
    let pack = "nottingham-fsp-2014";
    for (age, pregnancy_marked) in [("16", true), ("17", false)] {
        let children = vec![child("Chloe", age, None, Some(true)), child("Bump", "unborn", None, None)];
        let s = training(support::session(pack, OFFICE), scenario(pack, children), 200, 60);
        let call = s.call();
        let catalog = s.pack().catalog();
        let whom = |id: &str| -> Vec<String> {
            let applies = catalog.get(id).and_then(|e| e.applies_to.clone()).expect("an age-aware item");
            call.household.matching(id, &applies, call.today()).iter().map(|c| c.name()).collect()
        };
        assert_eq!(whom("imm-unborn"), ["Bump"], "the unborn item is the baby's, not her mother's");
        let expected: &[&str] = if pregnancy_marked { &["Chloe"] } else { &[] };
        assert_eq!(whom("health-a5"), expected, "“Pregnant under 17” at {age}, never the baby");
    }
}

#[test]
fn a_scenario_shows_its_household_and_an_unreadable_age_is_a_located_error() {
    let children = vec![child("Baby", "4m", Some(false), None), child("Tyler", "6", None, None)];
    let session =
        Session { simulated: true, training: Some(scenario("fixture-area", children)), ..fixture_session(OFFICE) };
    let s = support::fixture::start(session, 80, 24);
    let screen = render(&s);
    assert!(screen.contains("Baby, 4 months — not mobile"), "{screen}");
    assert!(screen.contains("Tyler, 6"), "{screen}");
    assert!(screen.contains("Mum (mother)"), "{screen}");

    let source = r#"(
    id: "x", title: "x", pack: "nottingham-city", at: "2026-03-10 10:40",
    household: (children: [(label: "Kai", age: "13m"), (label: "Amy", age: "soonish")]),
    vignette: ["A call."],
    key: (expected: [], level: "specialist", immediate: false, rationale: ""),
)"#;
    let library = dutygrid::pack::library::Library::load(None);
    let result = dutygrid::train::load("x.ron", source.as_bytes().to_vec(), |id| library.open(id).ok().map(|(p, _)| p));
    let err = result.expect_err("an unreadable age is refused").to_string();
    assert!(err.contains("\"soonish\" is not an age"), "{err}");
    assert!(err.contains("x.ron:3"), "located at its line: {err}");
}

#[test]
fn the_banners_names_never_push_out_the_number_to_ring_or_999() {
    let mut s = two_children(200, 60);
    go_to_item(&mut s, "health-p1");
    assign(&mut s, &[1], &mut Vec::new());
    for (width, height) in [(200, 60), (80, 24), (60, 20), (40, 14), (30, 12)] {
        update(&mut s, Action::Resize { width, height });
        let screen = render(&s);
        let banner: String = screen.lines().skip(3).collect::<Vec<_>>().join("\n");
        assert!(banner.contains("RING NOW") && banner.contains("0115 496 0100"), "{width}x{height}: {screen}");
        assert!(banner.contains("999"), "{width}x{height}: {screen}");
        if width >= 80 {
            assert!(banner.contains("About: Baby, 4 months"), "{width}x{height}: {screen}");
        }
    }
}

/// A label drawn over the end of an item's text keeps a space before it,
/// so "breakdown. (Baby)" never reads as one word "breakdown.(Baby)".
#[test]
fn a_childs_label_never_runs_into_the_text_it_follows() {
    let pack = "nottingham-city";
    let session = support::session(pack, OFFICE);
    let children = vec![child("Baby", "4m", Some(false), None)];
    let ids: Vec<String> = session.pack.indicators().map(|(_, _, _, i)| i.id.clone()).collect();
    let mut labelled = 0;
    let fresh = training(session, scenario(pack, children), 80, 24);
    for id in ids {
        let mut s = fresh.clone();
        go_to_item(&mut s, &id);
        let mut journal = Vec::new();
        keys(&mut s, &["a"], &mut journal);
        // An immediate item's banner covers the grid; those are left out.
        if !s.call().alerts.is_empty() {
            continue;
        }
        let screen = render(&s);
        for line in screen.lines() {
            for (at, _) in line.match_indices("(Baby") {
                labelled += 1;
                let before = line[..at].chars().next_back();
                assert!(
                    before.is_none_or(|c| c == ' ' || c == '│' || c == '»'),
                    "{id}: the label runs into the text:\n{line}"
                );
            }
        }
    }
    assert!(labelled > 50, "labels drawn: {labelled}");
}
