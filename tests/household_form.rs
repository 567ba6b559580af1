#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The details form as a handler uses it on a call about a household: keys
//! pressed through the real keymap, the call and the screen checked, and
//! every entry the form wrote replayed into a new call.

mod support;

use dutygrid::app::State;
use dutygrid::app::record::{ChildField, Field};
use dutygrid::call::details::{Age, CallerType, ConsentState, YesNoUnknown};
use dutygrid::call::household::{Born, Residence};
use dutygrid::call::{Call, Entry};
use support::{OFFICE, keys, press, render, state, typed};

fn current(s: &State) -> Field {
    s.details().expect("the form is open").current_field()
}

/// Down until the cursor is on `field`.
fn go_to(s: &mut State, field: Field, written: &mut Vec<Entry>) {
    for _ in 0..80 {
        if current(s) == field {
            return;
        }
        keys(s, &["down"], written);
    }
    panic!("no {field:?} in the form");
}

/// What the written entries add up to, replayed into a new call.
fn replayed(s: &State, written: &[Entry]) -> Call {
    let mut call = Call::new(s.call().pack.clone(), s.call().started_at, s.call().simulated);
    for entry in written {
        call.apply(entry);
    }
    call
}

#[test]
fn a_baby_who_is_not_mobile_and_a_six_year_old_are_two_children_with_their_own_facts() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["H"], &mut written);
    assert_eq!(current(&s), Field::Child(1, ChildField::Label), "H opens the form at the first child");
    typed(&mut s, "Baby", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "4m", &mut written);
    keys(&mut s, &["down", "right", "right", "ctrl-n"], &mut written);
    assert_eq!(current(&s), Field::Child(2, ChildField::Label), "a new child, the cursor on their name");
    typed(&mut s, "Tyler", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "6", &mut written);
    let call = s.call();
    let today = call.today();
    let names: Vec<String> = call.household.children.iter().map(|c| c.name_and_age(today)).collect();
    assert_eq!(names, ["Baby, 4 months", "Tyler, 6"]);
    assert_eq!(call.household.children[0].mobile, Some(YesNoUnknown::No));
    assert_eq!(call.household.children[1].mobile, None);
    let screen = render(&s);
    assert!(screen.contains("▸ Tyler, 6") && screen.contains("(6 years)"), "{screen}");
    // The questions to ask first name each child.
    keys(&mut s, &["esc", "d"], &mut written);
    let screen = render(&s);
    assert!(screen.contains("Baby: where now") && screen.contains("Tyler: where now"), "{screen}");
    assert!(screen.contains("Safe right now") && screen.contains("Who else is at risk"), "{screen}");
    assert_eq!(replayed(&s, &written).household, s.call().household);
}

#[test]
fn add_child_on_the_grid_opens_the_form_on_the_new_childs_name() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["C"], &mut written);
    assert_eq!(current(&s), Field::Child(1, ChildField::Label));
    typed(&mut s, "AB", &mut written);
    keys(&mut s, &["esc", "C"], &mut written);
    assert_eq!(current(&s), Field::Child(2, ChildField::Label), "the next child, not the first again");
    assert_eq!(s.call().household.children.len(), 2);
}

#[test]
fn a_pregnant_seventeen_year_old_and_her_unborn_baby_are_two_children() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut written = Vec::new();
    keys(&mut s, &["H"], &mut written);
    typed(&mut s, "Kayla", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "17", &mut written);
    go_to(&mut s, Field::Child(1, ChildField::Pregnant), &mut written);
    keys(&mut s, &["right", "ctrl-n"], &mut written);
    typed(&mut s, "Baby", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "due 1/3/2027", &mut written);
    let household = &s.call().household;
    assert_eq!(household.children[0].pregnant, Some(YesNoUnknown::Yes));
    assert_eq!(household.children[0].age(s.call().today()), Some(Age::Years(17)));
    let due = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    assert_eq!(household.children[1].born, Some(Born::Due(due)));
    let screen = render(&s);
    assert!(screen.contains("(unborn, due 1 Mar 2027)"), "{screen}");
    // The pregnancy question is for a young person, not her baby.
    let fields = &s.details().unwrap().fields;
    assert!(fields.contains(&Field::Child(1, ChildField::Pregnant)));
    assert!(!fields.contains(&Field::Child(2, ChildField::Pregnant)));
    assert_eq!(replayed(&s, &written).household, s.call().household);
}

#[test]
fn a_date_of_birth_is_read_back_as_a_date_and_an_age() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut written = Vec::new();
    keys(&mut s, &["H", "down"], &mut written);
    typed(&mut s, "12/05/2019", &mut written);
    let screen = render(&s);
    assert!(screen.contains("(born 12 May 2019, 7 years)"), "{screen}");
}

#[test]
fn adults_are_added_with_their_relationship_responsibility_and_a_perpetrator_flag() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["H", "pagedown"], &mut written);
    typed(&mut s, "Dean", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "mum's partner", &mut written);
    keys(&mut s, &["down", "right", "right", "down", "right", "right", "down", "right", "ctrl-o"], &mut written);
    typed(&mut s, "Mum", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "mother", &mut written);
    let adults = &s.call().household.adults;
    assert_eq!(adults.len(), 2);
    assert_eq!((adults[0].label.as_str(), adults[0].relationship.as_str()), ("Dean", "mum's partner"));
    assert_eq!(adults[0].parental_responsibility, Some(YesNoUnknown::No));
    assert_eq!(adults[0].residence, Some(Residence::Visits));
    assert!(adults[0].alleged_perpetrator && !adults[1].alleged_perpetrator);
    go_to(&mut s, Field::Address, &mut written);
    typed(&mut s, "12 Example Road", &mut written);
    assert_eq!(s.call().household.address, "12 Example Road");
    assert_eq!(replayed(&s, &written).household, s.call().household);
}

#[test]
fn removing_a_child_asks_first_and_any_other_key_keeps_them() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["H"], &mut written);
    typed(&mut s, "Tyler", &mut written);
    keys(&mut s, &["ctrl-x"], &mut written);
    assert_eq!(s.call().household.children.len(), 1, "asked, not removed");
    assert!(render(&s).contains("Remove Tyler"), "{}", render(&s));
    keys(&mut s, &["down", "ctrl-x", "up"], &mut written);
    assert_eq!(s.call().household.children.len(), 1, "another key keeps them");
    assert!(!render(&s).contains("Remove Tyler"));
    keys(&mut s, &["ctrl-x", "ctrl-x"], &mut written);
    assert!(s.call().household.children.is_empty(), "removed on the second press");
    assert!(
        written.iter().any(|e| matches!(
            e,
            Entry::Household { change: dutygrid::call::household::HouseholdChange::RemoveChild { child: 1 }, .. }
        )),
        "the removal is journalled; the facts before it stay in the journal"
    );
}

#[test]
fn the_referrer_with_a_callback_number_and_a_professional_asking_for_anonymity() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut written = Vec::new();
    keys(&mut s, &["d", "pagedown", "pagedown", "pagedown"], &mut written);
    assert_eq!(current(&s), Field::Caller);
    keys(&mut s, &["right", "down"], &mut written);
    typed(&mut s, "Sam Hill", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "health visitor", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "Health visiting", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "07700 900123", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "until 6pm", &mut written);
    go_to(&mut s, Field::Anonymity, &mut written);
    assert!(!render(&s).contains("dutygrid's note"), "no note until anonymity is asked for");
    keys(&mut s, &["right"], &mut written);
    let screen = render(&s);
    assert!(screen.contains("dutygrid's note, not this document's: a professional"), "{screen}");
    assert!(screen.contains("Sefton procedures 3.8"), "{screen}");
    let call = s.call();
    assert_eq!(call.details.caller, Some(CallerType::Professional));
    let referrer = &call.household.referrer;
    assert_eq!((referrer.name.as_str(), referrer.numbers.as_str()), ("Sam Hill", "07700 900123"));
    assert_eq!((referrer.role.as_str(), referrer.reachable.as_str()), ("health visitor", "until 6pm"));
    assert_eq!(call.details.agency, "Health visiting");
    assert_eq!(referrer.anonymity, Some(YesNoUnknown::Yes));
    let again = replayed(&s, &written);
    assert_eq!((again.household, again.details), (call.household.clone(), call.details.clone()));
}

#[test]
fn consent_refused_offers_the_packs_exceptions_and_the_split_fields_are_kept() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    let mut written = Vec::new();
    keys(&mut s, &["d"], &mut written);
    go_to(&mut s, Field::ParentsAware, &mut written);
    keys(&mut s, &["right", "right", "down"], &mut written);
    assert!(!s.details().unwrap().fields.contains(&Field::ConsentReason), "no exception to rely on yet");
    keys(&mut s, &["right", "right"], &mut written);
    assert_eq!(s.call().details.consent, Some(ConsentState::Refused));
    keys(&mut s, &["down"], &mut written);
    assert_eq!(current(&s), Field::ConsentReason, "refused: the exception relied on comes next");
    keys(&mut s, &["right", "down"], &mut written);
    typed(&mut s, "mum", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "both children", &mut written);
    go_to(&mut s, Field::ChildViews, &mut written);
    typed(&mut s, "Tyler wants to stay", &mut written);
    let d = &s.call().details;
    assert_eq!(d.parents_aware, Some(YesNoUnknown::No));
    assert_eq!(d.consent_reason.as_deref(), Some("consent-forced-marriage"));
    assert_eq!((d.consent_by.as_str(), d.consent_covers.as_str()), ("mum", "both children"));
    assert_eq!(d.child_views, "Tyler wants to stay");
    assert_eq!(&replayed(&s, &written).details, d);
}

#[test]
fn a_pack_with_no_exceptions_says_so_instead_of_an_empty_chooser() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 200, 60);
    let mut written = Vec::new();
    keys(&mut s, &["d"], &mut written);
    go_to(&mut s, Field::Consent, &mut written);
    keys(&mut s, &["right", "right", "right", "down"], &mut written);
    assert_eq!(s.call().details.consent, Some(ConsentState::NotSought));
    assert_eq!(current(&s), Field::ConsentReason);
    assert!(render(&s).contains("the document lists no exceptions — say why in the note"), "{}", render(&s));
    assert!(press(&mut s, &["right"]).is_empty(), "nothing to choose, nothing written");
}

#[test]
fn the_right_now_answers_are_kept_and_a_half_typed_age_survives_closing_the_form() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["d"], &mut written);
    typed(&mut s, "at a neighbour's", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "nobody", &mut written);
    keys(&mut s, &["down", "right", "right", "down"], &mut written);
    typed(&mut s, "a sister at dad's", &mut written);
    keys(&mut s, &["down", "down"], &mut written);
    typed(&mut s, "un", &mut written);
    keys(&mut s, &["esc", "H", "down"], &mut written);
    assert_eq!(s.details().unwrap().input(Field::Child(1, ChildField::Born)).unwrap(), &"un", "as it was left");
    typed(&mut s, "born", &mut written);
    let call = s.call();
    let child = &call.household.children[0];
    assert_eq!((child.whereabouts.as_str(), child.with_whom.as_str()), ("at a neighbour's", "nobody"));
    assert_eq!(call.household.safe_now, Some(YesNoUnknown::No));
    assert_eq!(call.household.others_at_risk, "a sister at dad's");
    assert_eq!(child.age(call.today()), Some(Age::Unborn));
    assert_eq!(replayed(&s, &written).household, call.household);
}

#[test]
fn the_field_under_the_cursor_is_always_in_view_on_small_screens() {
    for (width, height) in [(80, 24), (60, 20)] {
        let mut s = state("nottingham-city", OFFICE, width, height);
        let mut written = Vec::new();
        keys(&mut s, &["C", "ctrl-n", "ctrl-o", "d"], &mut written);
        let count = s.details().unwrap().fields.len();
        for _ in 0..count {
            let screen = render(&s);
            let label = current(&s).label();
            let shown: String = label.chars().take(12).collect();
            assert!(screen.contains(&shown), "{width}x{height}: {label:?} not in view\n{screen}");
            assert!(screen.contains("999"), "{screen}");
            keys(&mut s, &["down"], &mut written);
        }
    }
}

#[test]
fn presentation_mode_shows_no_names_numbers_or_household() {
    let mut s = state("nottingham-city", OFFICE, 120, 40);
    let mut written = Vec::new();
    keys(&mut s, &["H"], &mut written);
    typed(&mut s, "Tyler", &mut written);
    keys(&mut s, &["d", "pagedown", "pagedown", "pagedown", "down"], &mut written);
    typed(&mut s, "Sam Hill", &mut written);
    go_to(&mut s, Field::Numbers, &mut written);
    typed(&mut s, "07700 900123", &mut written);
    assert!(render(&s).contains("07700 900123"));
    keys(&mut s, &["esc", "f2"], &mut written);
    for opened in [&[][..], &["d"], &["H"], &["C"]] {
        keys(&mut s, opened, &mut written);
        let screen = render(&s);
        for private in ["Tyler", "Sam Hill", "07700 900123", "Call details"] {
            assert!(!screen.contains(private), "{private} on the projector after {opened:?}\n{screen}");
        }
    }
    assert_eq!(s.call().household.children.len(), 1, "add_child does nothing on a projector");
}

/// An age in the caller's words that is not read as one is still the
/// record's: journalled as typed (a kill mid-word loses nothing), shown
/// back in the form after a restore, and exported as said.
#[test]
fn an_age_the_caller_gives_in_words_is_kept_as_said_through_a_restore_and_the_export() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    let mut written = Vec::new();
    keys(&mut s, &["H"], &mut written);
    typed(&mut s, "Baby", &mut written);
    keys(&mut s, &["down"], &mut written);
    typed(&mut s, "about 4 or", &mut written);
    let restored = replayed(&s, &written);
    let child = &restored.household.children[0];
    assert_eq!(child.born, None, "\"about 4 or\" is not an age");
    assert_eq!(child.born_said, "about 4 or", "the journal holds every letter typed");
    assert_eq!(child.name_and_age(restored.today()), "Baby, \"about 4 or\"");
    typed(&mut s, " 5", &mut written);
    let pack = s.pack().clone();
    let exported = dutygrid::export::record(&pack, &replayed(&s, &written), "call-x", None).expect("export");
    let json = dutygrid::export::json(&exported);
    assert!(json.contains("\"age_as_said\": \"about 4 or 5\""), "{json}");
    assert!(dutygrid::export::markdown(&exported).contains("\"about 4 or 5\" (as said)"));
    // Typed on to an age the form reads, the words give way to the age.
    for _ in 0.."about 4 or 5".len() {
        keys(&mut s, &["backspace"], &mut written);
    }
    typed(&mut s, "5", &mut written);
    let child = &replayed(&s, &written).household.children[0];
    assert_eq!(child.born, Some(Born::Age(Age::Years(5))));
    assert_eq!(child.age_as_said(), None);
}
