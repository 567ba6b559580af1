#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Training: scenarios load and validate; the vignette, reveals and the key;
//! the simulated clock; presentation mode.

mod support;

use dutygrid::app::action::LoadedPack;
use dutygrid::app::update::TRAINING_FIXES_PACK;
use dutygrid::app::{Action, Effect, Screen, Session, State, update};
use dutygrid::keymap::Context;
use dutygrid::pack::library::Library;
use dutygrid::train::{BUILTIN_SCENARIOS, Key, Reveal, Scenario, load};
use insta::assert_snapshot;
use support::{at, press, render, session, start, state};

fn scenario() -> Scenario {
    Scenario {
        id: "test".into(),
        title: "A test call".into(),
        pack: "nottingham-city".into(),
        at: "2026-11-27 16:40".into(),
        vignette: vec!["A teacher rings about a pupil.".into()],
        reveals: vec![Reveal { title: "Then…".into(), text: vec!["He has a bruise.".into()] }],
        child_age: None,
        household: Default::default(),
        key: Key {
            expected: vec!["health-u1".into(), "imm-injury".into()],
            level: "specialist".into(),
            immediate: true,
            rationale: "Because.".into(),
        },
    }
}

/// A training session on `scenario()`, on the simulated clock.
fn training_session(local: &str) -> Session {
    Session { simulated: true, training: Some(scenario()), ..session("nottingham-city", local) }
}

fn training(local: &str, width: u16, height: u16) -> State {
    start(training_session(local), width, height)
}

#[test]
fn every_shipped_scenario_loads_and_names_real_indicators() {
    let library = Library::load(None);
    assert!(BUILTIN_SCENARIOS.len() >= 8);
    let mut packs = std::collections::BTreeSet::new();
    let mut levels = std::collections::BTreeSet::new();
    for (name, source) in BUILTIN_SCENARIOS {
        let loaded = load(name, source.as_bytes().to_vec(), |id| library.open(id).ok().map(|(p, _)| p));
        let scenario = loaded.unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(format!("{}.ron", scenario.id), *name);
        assert!(!scenario.key.expected.is_empty(), "{name}");
        packs.insert(scenario.pack.clone());
        levels.insert((scenario.pack.clone(), scenario.key.level.clone()));
    }
    assert_eq!(packs.len(), 5, "a scenario for every pack: {packs:?}");
    // Every level of need is some scenario's key (the top level has a
    // different id in each document).
    for level in ["universal", "early-help", "targeted"] {
        assert!(levels.iter().any(|(_, l)| l == level), "{level}: {levels:?}");
    }
    let top = ["specialist", "protection", "getting-risk-support"];
    assert!(levels.iter().filter(|(_, l)| top.contains(&l.as_str())).count() >= 3, "{levels:?}");
}

#[test]
fn a_scenario_naming_an_unknown_indicator_is_reported_where_it_is() {
    let library = Library::load(None);
    let source = "(id: \"x\", title: \"t\", pack: \"nottingham-city\", at: \"2026-11-27 10:00\",\n vignette: [\"v\"],\n key: (expected: [\"health-u1\", \"no-such\"], level: \"specialist\", immediate: false, rationale: \"r\"))";
    let err = load("s.ron", source.as_bytes().to_vec(), |id| library.open(id).ok().map(|(p, _)| p))
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert_eq!(err, "s.ron:3:32: \"no-such\" is not an indicator of nottingham-city");
}

#[test]
fn the_trainer_reveals_step_by_step_then_the_key() {
    let mut s = training("2026-11-27 16:40", 80, 24);
    assert_eq!(s.context(), Context::Scenario);
    assert!(!render(&s).contains("He has a bruise"));
    press(&mut s, &["n"]);
    assert!(render(&s).contains("He has a bruise"));
    press(&mut s, &["esc", "space", "K"]);
    assert!(matches!(s.top(), Some(Screen::Key { .. })));
    let screen = render(&s);
    assert!(screen.contains("Ticked and in the key (1)"), "{screen}");
    assert!(screen.contains("In the key, not ticked (1)"), "{screen}");
    assert!(screen.contains("not an answer machine"), "{screen}");
}

#[test]
fn the_simulated_clock_steps_for_the_trainer_but_never_the_real_one() {
    let mut s = training("2026-11-27 16:40", 80, 24);
    press(&mut s, &["esc"]);
    assert_eq!(press(&mut s, &["+"]), vec![Effect::SetClock(at("nottingham-city", "2026-11-27 16:55"))]);
    assert_eq!(press(&mut s, &[">"]), vec![Effect::SetClock(at("nottingham-city", "2026-11-30 08:30"))]);
    assert_eq!(press(&mut s, &["B"]), vec![Effect::SetClock(at("nottingham-city", "2026-12-25 10:00"))]);
    // The call timer leaves out the time the trainer skipped: after the
    // runner moves the clock, 30 seconds more is 30 seconds of call.
    let mut t = training("2026-11-27 16:40", 80, 24);
    press(&mut t, &["esc"]);
    for key in ["+", ">", "B"] {
        for effect in press(&mut t, &[key]) {
            if let Effect::SetClock(at) = effect {
                dutygrid::app::update(&mut t, dutygrid::app::Action::Tick(at));
            }
        }
    }
    assert_eq!(t.now(), at("nottingham-city", "2026-12-25 10:00"));
    let later = t.now() + chrono::Duration::seconds(30);
    dutygrid::app::update(&mut t, dutygrid::app::Action::Tick(later));
    assert_eq!(t.call_elapsed(), chrono::Duration::seconds(30));
    let mut real = state("nottingham-city", "2026-11-27 16:40", 80, 24);
    assert!(press(&mut real, &["+", ">", "B"]).is_empty(), "a real clock is never moved");
}

#[test]
fn presentation_mode_shows_fewer_wider_columns_and_no_personal_screens() {
    let mut s = state("nottingham-city", "2026-11-27 10:00", 120, 35);
    assert_eq!(s.grid_doc().levels.len(), 4);
    press(&mut s, &["f2"]);
    assert!(s.present());
    assert!(s.grid_doc().levels.len() < 4, "{:?}", s.grid_doc().levels);
    press(&mut s, &["d"]);
    assert!(s.screens().is_empty(), "no details form on a projector");
    assert!(!render(&s).contains(" details "), "no hint for it either");
}

#[test]
fn training_quits_without_asking_and_saves_nothing() {
    let mut s = training("2026-11-27 16:40", 80, 24);
    press(&mut s, &["esc", "space"]);
    assert_eq!(press(&mut s, &["q"]), vec![Effect::Quit]);
}

#[test]
fn a_training_session_refuses_a_pack_switch_and_says_why() {
    let choices = vec!["nottingham-city".into(), "stoke-on-trent".into()];
    let mut s = start(Session { pack_choices: choices, ..training_session("2026-11-27 16:40") }, 120, 35);
    press(&mut s, &["esc", "space"]);
    assert_eq!(press(&mut s, &["P"]), Vec::<Effect>::new());
    assert!(s.screens().is_empty(), "no pack picker: {:?}", s.screens());
    assert_eq!(s.status(), Some(TRAINING_FIXES_PACK));
    assert!(render(&s).contains("the scenario fixes its pack"), "{}", render(&s));
    // Even a pack handed back by the runner is refused, before any effect.
    let library = Library::load(None);
    let (pack, _) = library.open("stoke-on-trent").expect("pack");
    assert_eq!(update(&mut s, Action::PackLoaded(LoadedPack::new(pack, None))), Vec::<Effect>::new());
    assert_eq!(s.pack().id, "nottingham-city");
    assert!(s.training().is_some() && s.call().is_ticked("health-u1"), "still the training call");
}

#[test]
fn vignette_80x24() {
    let mut s = training("2026-11-27 16:40", 80, 24);
    press(&mut s, &["n"]);
    assert_snapshot!(render(&s));
}

#[test]
fn reveal_200x60() {
    let mut s = training("2026-11-27 16:40", 200, 60);
    press(&mut s, &["esc", "space", "K"]);
    assert_snapshot!(render(&s));
}

#[test]
fn presentation_120x35() {
    let mut s = training("2026-11-27 16:40", 120, 35);
    press(&mut s, &["esc", "f2", "space", "j", "space"]);
    assert_snapshot!(render(&s));
}

#[test]
fn help_opened_over_the_scenario_leaves_the_scenario_where_it_was_scrolled() {
    let mut s = training("2025-03-04 10:00", 80, 24);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::OpenHelp);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Close);
    assert_eq!(s.screens().last(), Some(&Screen::Scenario { scroll: 2 }));
}

#[test]
fn a_training_session_opens_on_its_scenario_with_its_age_in_the_details_form() {
    let mut scenario = scenario();
    scenario.child_age = Some("8m".into());
    let s = State::for_session(Session {
        simulated: true,
        training: Some(scenario),
        ..session("nottingham-city", "2025-03-04 10:00")
    });
    assert_eq!(s.screens(), vec![Screen::Scenario { scroll: 0 }]);
    let first = s.call().household.first_child().expect("the scenario's child is recorded");
    assert_eq!(first.age(s.call().today()), Some(dutygrid::call::details::Age::Months(8)));
    let born = dutygrid::app::record::Field::Child(first.id, dutygrid::app::record::ChildField::Born);
    assert_eq!(dutygrid::app::screens::household::stored_text(born, s.call()), "8 months", "the form shows it");
}

#[test]
fn the_keys_footer_offers_no_next_reveal_which_does_nothing_there() {
    let mut s = training("2026-11-27 16:40", 80, 24);
    let footer = |s: &State| render(s).lines().last().unwrap_or_default().to_string();
    assert!(footer(&s).contains("next reveal"), "the scenario offers it: {}", footer(&s));
    press(&mut s, &["K"]);
    assert!(matches!(s.top(), Some(Screen::Key { .. })), "{:?}", s.top());
    assert!(!footer(&s).contains("next reveal"), "{}", footer(&s));
    assert!(footer(&s).contains("to the grid"), "{}", footer(&s));
}
