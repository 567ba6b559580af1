#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The read-back: ending a call opens it, it says what was ticked
//! (immediate items first), consent, what happens next, the numbers given
//! and the caller's details, and ending from it records that it was shown,
//! which the export then states.

mod support;

use std::path::Path;

use dutygrid::app::readback::sections;
use dutygrid::app::{Action, Pending, Screen, Session, State, update};
use dutygrid::call::Entry;
use dutygrid::call::journal::replay;
use dutygrid::call::store::{EXTENSION, Store};
use dutygrid::export;
use dutygrid::keymap::Keymap;
use dutygrid::pack::library::Library;
use dutygrid::tui::Clock;
use dutygrid::tui::runner::Runner;
use support::{NIGHT, OFFICE, at, press, render, session, start, tick_item};

/// A Nottingham City call: a grid indicator, then an immediate-referral
/// item, and consent given.
fn a_call(local: &str) -> State {
    let mut s = start(session("nottingham-city", local), 120, 40);
    tick_item(&mut s, "health-u1");
    support::go_to_item(&mut s, "family-history-s5");
    press(&mut s, &["space", "enter"]);
    s
}

fn lines_of(s: &State) -> Vec<(String, Vec<String>)> {
    sections(s.pack(), s.calendar(), s.call(), s.now()).into_iter().map(|x| (x.title, x.lines)).collect()
}

#[test]
fn the_sections_come_in_reading_order_with_immediate_items_first_in_the_documents_words() {
    let s = a_call(OFFICE);
    let sections = lines_of(&s);
    let titles: Vec<&str> = sections.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Who this is about",
            "What you have told me",
            "Consent",
            "What happens next",
            "The number to ring",
            "Your details, to confirm"
        ]
    );
    let ticked = &sections[1].1;
    assert_eq!(ticked.len(), 2, "{ticked:?}");
    assert!(ticked[0].ends_with("— needs an immediate referral"), "the immediate item first: {ticked:?}");
    let catalog = s.pack().catalog();
    let words = dutygrid::text::clean_line(&catalog.get("health-u1").expect("indicator").full_text);
    assert_eq!(ticked[1], words, "the lower-level item second, in the document's words");
    assert_eq!(sections[2].1, ["Consent is not recorded: ask now."]);
    assert!(sections[3].1.iter().any(|l| l == "No decision is recorded yet."), "{:?}", sections[3].1);
    assert!(sections[3].1.iter().any(|l| l == "You spoke to Sam Patel, Social worker, Front door."));
    assert_eq!(sections[0].1, ["No child is recorded yet: ask who the call is about."]);
    assert_eq!(sections[5].1, ["You are calling as: not recorded.", "No callback number is recorded: ask for one."]);
}

#[test]
fn the_number_given_is_the_line_to_ring_now_with_999_and_the_line_shown_with_the_alert() {
    let s = a_call(OFFICE);
    let numbers = &lines_of(&s)[4].1;
    assert!(numbers[0].starts_with("Ring now: ") && numbers[0].contains("0115 876 4800"), "{numbers:?}");
    assert!(numbers.iter().any(|l| l.starts_with("If a child is in immediate danger:") && l.contains("999")));
    let alert = &s.call().alerts[0].line_shown;
    assert!(numbers.iter().any(|l| l == &format!("Given with the alert at 10:00: {alert}.")), "{numbers:?}");
    // At night the line to ring now is the out-of-hours one.
    let night = lines_of(&a_call(NIGHT));
    assert!(night[4].1[0].contains("— out of hours, until 08:30 GMT"), "{:?}", night[4].1);
}

#[test]
fn a_recorded_decision_and_consent_are_read_back() {
    let mut s = a_call(OFFICE);
    // Consent: the details form's consent field, one choice on.
    press(&mut s, &["d"]);
    support::details_field(&mut s, dutygrid::app::record::Field::Consent);
    press(&mut s, &["right", "esc"]);
    press(&mut s, &["v", "right", "right", "right", "right", "tab"]);
    update(&mut s, Action::Paste("Bruising to a baby".into()));
    press(&mut s, &["enter"]);
    let sections = lines_of(&s);
    let consent = s.call().details.consent.expect("consent chosen").label();
    assert_eq!(sections[2].1[0], format!("Consent: {consent}."));
    assert!(
        sections[3].1[0].starts_with("My decision: level 4 ") && sections[3].1[0].ends_with("— Bruising to a baby")
    );
}

#[test]
fn ending_a_call_goes_through_the_read_back_and_the_export_says_when_it_was_read() {
    let records = tempfile::tempdir().expect("records");
    let store = Store::open(records.path()).expect("store");
    let mut runner =
        Runner::new(Clock::simulated(at("nottingham-city", OFFICE)), Some(store), None, Library::load(None));
    let mut s = a_call(OFFICE);
    let effects = update(&mut s, Action::Acknowledge);
    assert!(!runner.run(&mut s, effects));
    // The ticks before the runner came in are written by the next save.
    let effects = press(&mut s, &["E"]);
    assert!(effects.is_empty(), "opening the read-back writes nothing: {effects:?}");
    assert!(matches!(s.top(), Some(Screen::Readback(v)) if v.ending), "{:?}", s.top());
    let screen = render(&s);
    assert!(screen.contains("Before the call ends: read this back to the caller"), "{screen}");
    assert!(screen.contains("What you have told me") && screen.contains("needs an immediate referral"), "{screen}");
    assert!(screen.contains("0115 876 4800") && screen.contains("999"), "the header stays: {screen}");
    // No: back to the read-back, nothing recorded.
    assert!(press(&mut s, &["E", "n"]).is_empty());
    assert!(matches!(s.top(), Some(Screen::Readback(_))));
    press(&mut s, &["E"]);
    assert_eq!(s.top(), Some(&Screen::Confirm(Pending::EndCall)));
    let ended_at = s.now();
    let effects = press(&mut s, &["y"]);
    let kinds: Vec<&Entry> = effects
        .iter()
        .filter_map(|e| if let dutygrid::app::Effect::Persist(entry) = e { Some(entry) } else { None })
        .collect();
    assert_eq!(kinds, [&Entry::ReadBack { at: ended_at }, &Entry::End { at: ended_at }]);
    assert!(!runner.run(&mut s, effects));
    assert_eq!(s.top(), None, "the read-back closes with the call");
    assert!(!s.call().has_content(), "a new call");
    let journal = std::fs::read_dir(records.path())
        .expect("records")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == EXTENSION))
        .expect("a journal");
    let call = replay(std::fs::read(&journal).expect("journal")).expect("replays").call;
    assert_eq!(call.read_backs, vec![ended_at]);
    let record = export::record(s.pack(), &call, "id", s.calendar()).expect("export");
    let md = export::markdown(&record);
    assert!(md.contains("- Read back to the caller at 10:00 GMT on Fri 27 Nov 2026\n"), "{md}");
    assert!(export::json(&record).contains("\"read_back_at\": [\n    \"2026-11-27T10:00:00+00:00\"\n  ]"));
}

#[test]
fn a_call_ended_without_the_read_back_says_so_in_the_export() {
    let mut s = start(Session { present: true, ..session("nottingham-city", OFFICE) }, 120, 40);
    press(&mut s, &["space", "E"]);
    assert_eq!(s.top(), Some(&Screen::Confirm(Pending::EndCall)), "presentation mode shows no read-back");
    let mut call = s.call().clone();
    call.apply(&Entry::End { at: s.now() });
    let md = export::markdown(&export::record(s.pack(), &call, "id", None).expect("export"));
    assert!(md.contains("- Read back to the caller: no (ended without the read-back)"), "{md}");
}

#[test]
fn the_read_back_opens_at_any_time_and_closes_back_to_the_call() {
    let mut s = a_call(OFFICE);
    press(&mut s, &["a", "R"]);
    assert!(matches!(s.top(), Some(Screen::Readback(v)) if !v.ending), "{:?}", s.top());
    assert!(render(&s).contains(" Read back to the caller "));
    press(&mut s, &["esc"]);
    assert_eq!(s.top(), None);
    assert!(s.call().read_backs.is_empty(), "shown, but the call was not ended from it");
}

#[test]
fn a_keymap_written_before_the_read_back_still_ends_calls_by_the_question() {
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/default.ron");
    let text = std::fs::read_to_string(old).expect("keymap");
    let cut = text.find("    readback: [").expect("a readback block");
    let end = text[cut..].find("    ],").expect("its end") + cut + "    ],".len();
    let without = format!("{}{}", &text[..cut], &text[end..]).replace("(\"R\", open_readback),", "");
    let keymap = Keymap::parse("old.ron", without.into_bytes()).expect("an old keymap still loads");
    let mut s = start(Session { keymap, ..session("nottingham-city", OFFICE) }, 120, 40);
    press(&mut s, &["space", "E"]);
    assert_eq!(s.top(), Some(&Screen::Confirm(Pending::EndCall)));
}

#[test]
fn the_children_the_outcome_the_clocks_and_the_callback_number_are_read_back() {
    use dutygrid::call::household::{Born, ChildFact, HouseholdChange, ReferrerFact};
    let mut s = a_call(OFFICE);
    let now = s.now();
    let mut call = s.call().clone();
    let h = |change| dutygrid::call::Entry::Household { change, at: now };
    for entry in [
        h(HouseholdChange::Child { child: 1, fact: ChildFact::Label("Amy".into()) }),
        h(HouseholdChange::Child {
            child: 1,
            fact: ChildFact::Born(Some(Born::Age(dutygrid::call::details::Age::Months(4)))),
        }),
        h(HouseholdChange::Child { child: 1, fact: ChildFact::Whereabouts("at home".into()) }),
        h(HouseholdChange::Child { child: 1, fact: ChildFact::WithWhom("no adult".into()) }),
        h(HouseholdChange::Child { child: 2, fact: ChildFact::Label("Tyler".into()) }),
        h(HouseholdChange::Referrer { fact: ReferrerFact::Numbers("07700 900123".into()) }),
    ] {
        call.apply(&entry);
    }
    let sections = sections(s.pack(), s.calendar(), &call, now);
    assert_eq!(sections[0].lines, ["Amy, 4 months — now: at home, with no adult.", "Tyler."]);
    let next = &sections[3].lines;
    assert!(next.iter().any(|l| l.starts_with("We will come back to you by ")), "{next:?}");
    assert!(sections[5].lines.iter().any(|l| l == "We can ring you back on: 07700 900123."), "{:?}", sections[5].lines);
    // The outcome recorded on the outcome screen is read back too.
    press(&mut s, &["O", "enter"]);
    update(&mut s, Action::Paste("Talked through the next steps".into()));
    press(&mut s, &["enter", "esc"]);
    let next = &lines_of(&s)[3].1;
    assert!(next.iter().any(|l| l.contains("Talked through the next steps")), "{next:?}");
}
