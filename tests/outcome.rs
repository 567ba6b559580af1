#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The call's outcome: chosen on the outcome screen through the real
//! keymap, journalled as it is typed, replayed exactly, exported with its
//! history, and taken from the pack's own list where the pack has one.

mod support;

use dutygrid::app::screens::outcome::OutcomeForm;
use dutygrid::app::{Effect, Screen, State};
use dutygrid::call::journal::{Entry, encode, replay};
use dutygrid::call::outcome::{Change, Draft, OutcomeChange, Signpost, Target, choices};
use dutygrid::call::{Call, PackStamp};
use dutygrid::export;
use dutygrid::pack::library::Library;
use support::{OFFICE, press, render, state};

/// Presses each key and keeps every entry written on the way: the
/// journal the runner would have on disk.
fn keys(s: &mut State, journal: &mut Vec<Entry>, keys: &[&str]) {
    for key in keys {
        for effect in press(s, &[key]) {
            if let Effect::Persist(entry) = effect {
                journal.push(entry);
            }
        }
    }
}

/// Types `text` a key at a time, as a handler does.
fn type_text(s: &mut State, journal: &mut Vec<Entry>, text: &str) {
    let names: Vec<String> = text.chars().map(|c| if c == ' ' { "space".into() } else { c.to_string() }).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    keys(s, journal, &names);
}

fn form(s: &State) -> &OutcomeForm {
    match s.top() {
        Some(Screen::Outcome(form)) => form,
        other => panic!("not the outcome screen: {other:?}"),
    }
}

fn replayed(s: &State, journal: &[Entry]) -> Call {
    let bytes: String = s.call().opening().into_iter().chain(journal.iter().cloned()).map(|e| encode(&e)).collect();
    let replayed = replay(bytes).expect("replays");
    assert!(replayed.damaged.is_empty(), "{:?}", replayed.damaged);
    replayed.call
}

#[test]
fn advice_and_a_signpost_to_camhs_are_recorded_one_is_withdrawn_and_the_export_shows_both_and_why() {
    // Wide enough that the history shows under the list.
    let mut s = state("nottingham-fsp-2018", OFFICE, 200, 60);
    let mut journal = Vec::new();
    // Advice given: the first of the common list.
    keys(&mut s, &mut journal, &["O", "enter"]);
    type_text(&mut s, &mut journal, "Talked through consent");
    keys(&mut s, &mut journal, &["enter"]);
    assert_eq!(form(&s).compose, None, "recorded: back to the list");
    // Signposted: the row after advice; the pack's other lines come first,
    // CAMHS is the third.
    keys(&mut s, &mut journal, &["down", "down", "enter", "right", "right", "tab"]);
    type_text(&mut s, &mut journal, "Mum will self-refer");
    keys(&mut s, &mut journal, &["enter"]);
    let now: Vec<(String, Option<Signpost>)> =
        s.call().outcomes.current().map(|c| (c.label.clone(), c.signpost.clone())).collect();
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(now[0], ("Advice given".into(), None));
    let camhs =
        Signpost { line: Some("camhs".into()), shown: "Child & Adolescent Mental Health Service 0115 854 2299".into() };
    assert_eq!(now[1].1, Some(camhs), "the line's id and its name and number as shown");
    // Withdraw the advice, which asks why.
    keys(&mut s, &mut journal, &["home", "w", "enter"]);
    assert!(form(&s).problem.as_deref().is_some_and(|p| p.contains("why")), "{:?}", form(&s).problem);
    type_text(&mut s, &mut journal, "Advice was the day team's");
    keys(&mut s, &mut journal, &["enter"]);
    assert_eq!(s.call().outcomes.current().count(), 1);
    let screen = render(&s);
    assert!(screen.contains("withdrawn — because: Advice was the day team's"), "{screen}");
    assert!(screen.contains("0115 876 4800"), "the number to ring stays on screen: {screen}");

    let call = replayed(&s, &journal);
    assert_eq!(&call, s.call(), "the journal written while typing replays to the same call");

    let (pack, _) = Library::load(None).open("nottingham-fsp-2018").expect("pack");
    let record = export::record(&pack, &call, "call-x", None).expect("record");
    let md = export::markdown(&record);
    let section = &md[md.find("## Outcome").expect("an Outcome section")..];
    for want in [
        "**Signposted** — to Child & Adolescent Mental Health Service 0115 854 2299: Mum will self-refer",
        "added 1 (Advice given): Talked through consent",
        "added 2 (Signposted) — to Child & Adolescent Mental Health Service 0115 854 2299",
        "withdrawn 1 (Advice given) — because: Advice was the day team's",
        "Fri 27 Nov 2026 10:00 GMT",
    ] {
        assert!(section.contains(want), "{want:?} not in\n{section}");
    }
    let current = section.split("History:").next().unwrap_or_default();
    assert!(!current.contains("Talked through consent"), "a withdrawn outcome is not standing:\n{current}");
    let json: serde_json::Value = serde_json::from_str(&export::json(&record)).expect("json");
    let outcome = &json["outcome"];
    assert_eq!(outcome["current"][0]["signposted_to"]["line"], "camhs");
    assert_eq!(outcome["current"][0]["at"], "2026-11-27T10:00:00+00:00");
    let changes: Vec<&str> =
        outcome["history"].as_array().expect("history").iter().map(|h| h["change"].as_str().unwrap_or("")).collect();
    assert_eq!(changes, ["added", "added", "withdrawn"]);
    assert_eq!(outcome["history"][2]["reason"], "Advice was the day team's");
}

#[test]
fn a_service_not_in_the_pack_is_typed_and_editing_the_text_asks_why() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    let mut journal = Vec::new();
    let lines = dutygrid::call::outcome::signpost_lines(s.pack()).len();
    keys(&mut s, &mut journal, &["O", "down", "enter"]);
    keys(&mut s, &mut journal, &["left"]);
    assert_eq!(form(&s).compose.as_ref().map(|c| c.line), Some(lines), "left from the first line: a service typed in");
    keys(&mut s, &mut journal, &["enter"]);
    assert!(form(&s).problem.as_deref().is_some_and(|p| p.contains("Type the service")), "{:?}", form(&s).problem);
    keys(&mut s, &mut journal, &["tab"]);
    type_text(&mut s, &mut journal, "Local food bank");
    keys(&mut s, &mut journal, &["enter"]);
    let chosen = s.call().outcomes.current().next().expect("recorded").clone();
    assert_eq!(chosen.signpost, Some(Signpost { line: None, shown: "Local food bank".into() }));
    // Edit its text: refused until there is a reason.
    keys(&mut s, &mut journal, &["home", "e"]);
    type_text(&mut s, &mut journal, " Tuesdays");
    keys(&mut s, &mut journal, &["enter"]);
    assert!(form(&s).problem.as_deref().is_some_and(|p| p.contains("reason")), "{:?}", form(&s).problem);
    keys(&mut s, &mut journal, &["tab"]);
    type_text(&mut s, &mut journal, "Caller asked when");
    keys(&mut s, &mut journal, &["enter"]);
    let chosen = s.call().outcomes.current().next().expect("recorded");
    assert_eq!(chosen.text, "Tuesdays");
    assert!(chosen.edited_at.is_some());
    assert_eq!(s.call().outcomes.history.last().map(|h| h.reason.as_str()), Some("Caller asked when"));
    assert_eq!(&replayed(&s, &journal), s.call());
}

#[test]
fn what_is_typed_before_recording_survives_a_crash_and_the_screen_opens_on_it() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    let mut journal = Vec::new();
    keys(&mut s, &mut journal, &["O", "down", "down", "enter"]);
    type_text(&mut s, &mut journal, "EHA by school");
    assert!(s.call().outcomes.current().next().is_none(), "nothing recorded yet");
    // The laptop dies here: the journal is all there is.
    let call = replayed(&s, &journal);
    assert!(call.has_content(), "a half-typed outcome is worth keeping");
    let (pack, _) = Library::load(None).open("nottingham-fsp-2018").expect("pack");
    let restored = OutcomeForm::for_call(&pack, &call);
    let compose = restored.compose.expect("opens on the draft");
    assert_eq!(compose.target, Target::Add { choice: "early-help".into() });
    assert_eq!(compose.text.text(), "EHA by school");
}

#[test]
fn every_new_entry_round_trips_through_the_journal_and_an_old_journal_still_reads() {
    let at = chrono::DateTime::from_timestamp(1_796_000_000, 0).expect("time");
    let mut call = Call::new(PackStamp::default(), at, false);
    let add = |number: u32, signpost: Option<Signpost>| Entry::Outcome {
        change: OutcomeChange {
            number,
            change: Change::Add { choice: "signposted".into(), label: "Signposted".into(), signpost, text: "t".into() },
            reason: String::new(),
            at,
        },
    };
    let entries = vec![
        Entry::OutcomeDraft {
            draft: Draft {
                target: Target::Add { choice: "signposted".into() },
                line: Some("camhs".into()),
                service: String::new(),
                text: "half".into(),
                reason: String::new(),
            },
            at,
        },
        add(1, Some(Signpost { line: Some("camhs".into()), shown: "CAMHS 0115 854 2299".into() })),
        add(2, Some(Signpost { line: None, shown: "Food bank".into() })),
        Entry::Outcome {
            change: OutcomeChange { number: 1, change: Change::Edit { text: "u".into() }, reason: "r".into(), at },
        },
        Entry::OutcomeDraft {
            draft: Draft {
                target: Target::Withdraw { number: 2 },
                line: None,
                service: String::new(),
                text: String::new(),
                reason: "typing".into(),
            },
            at,
        },
        Entry::Outcome {
            change: OutcomeChange { number: 2, change: Change::Withdraw, reason: "wrong call".into(), at },
        },
    ];
    let mut bytes = encode(&call.start_entry());
    for entry in &entries {
        call.apply(entry);
        let line = encode(entry);
        assert!(line.contains(r#""kind":"outcome"#), "{line}");
        bytes += &line;
    }
    let replayed = replay(&bytes).expect("replays");
    assert!(replayed.damaged.is_empty(), "{:?}", replayed.damaged);
    assert_eq!(replayed.log[1..], entries);
    assert_eq!(replayed.call, call);
    assert_eq!(call.outcomes.current().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["u"]);

    // Written before outcomes existed: no outcome, and it reads cleanly.
    let old = concat!(
        r#"{"kind":"start","pack":{"id":"nottingham-city","title":"Nottingham City","edition":null},"app_version":"0.1.0","at":"2026-11-23T10:00:00Z","simulated":false,"format":1}"#,
        "\n",
        r#"{"kind":"tick","id":"health-t1","ticked":true,"at":"2026-11-23T10:01:00Z"}"#,
        "\n",
        r#"{"kind":"decision","decision":{"level":"targeted","rationale":"r","reason":"","at":"2026-11-23T10:02:00Z"}}"#,
        "\n",
    );
    let old = replay(old).expect("replays");
    assert!(old.damaged.is_empty(), "{:?}", old.damaged);
    assert!(old.call.outcomes.history.is_empty() && old.call.decisions.len() == 1);
}

#[test]
fn a_pack_that_names_its_outcomes_replaces_the_common_list() {
    let fixture = std::fs::read_to_string(support::fixture::FIXTURE_PACK).expect("fixture");
    let own = r#"        outcomes: [
            (id: "consultation", name: "Consultation only: no referral"),
            (id: "signpost-local", name: "Signposted to a local offer", signpost: true),
        ],
        referral: ("#;
    assert!(fixture.contains("        referral: ("), "the fixture has a referral block");
    let text = fixture.replacen("        referral: (", own, 1);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("own-outcomes.ron");
    std::fs::write(&path, text).expect("write");
    let library = Library::load(None);
    let (pack, _) = library.open(path.to_str().expect("path")).expect("the pack loads");
    let ids: Vec<String> = choices(&pack).into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["consultation", "signpost-local"]);
    let session = dutygrid::app::Session::new(
        pack,
        dutygrid::keymap::Keymap::default_keymap(),
        support::at("stoke-on-trent", OFFICE),
    );
    let mut s = support::start(session, 80, 24);
    press(&mut s, &["O"]);
    let screen = render(&s);
    assert!(screen.contains("Consultation only: no referral"), "{screen}");
    assert!(!screen.contains("Advice given") && !screen.contains("No further action"), "{screen}");
    // The pack's own signpost asks for the line given.
    press(&mut s, &["down", "enter"]);
    let screen = render(&s);
    assert!(
        screen.contains("Adding: Signposted to a local offer") && screen.contains("◀ Fixture Front Door"),
        "{screen}"
    );
    let (fixture_pack, _) = support::fixture::fixture_pack();
    let common: Vec<String> = choices(&fixture_pack).into_iter().map(|c| c.label).collect();
    assert!(
        common.iter().any(|l| l.contains("FRF to follow")),
        "the common list uses the pack's form name: {common:?}"
    );
}

#[test]
fn presentation_mode_never_shows_the_outcome_screen() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    press(&mut s, &["O", "enter"]);
    assert!(matches!(s.top(), Some(Screen::Outcome(_))));
    let mut journal = Vec::new();
    type_text(&mut s, &mut journal, "Secret words");
    press(&mut s, &["esc", "esc", "f2"]);
    assert!(s.present());
    assert!(!render(&s).contains("Secret words"));
    press(&mut s, &["O"]);
    assert_eq!(s.top(), None, "not opened on a projector");
    assert!(!render(&s).contains("Secret words"));
}

#[test]
fn at_80x24_the_end_of_the_list_shows_the_history_with_its_reasons() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    let mut journal = Vec::new();
    keys(&mut s, &mut journal, &["O", "enter", "enter", "w"]);
    type_text(&mut s, &mut journal, "Wrong call");
    keys(&mut s, &mut journal, &["enter"]);
    assert!(!render(&s).contains("because: Wrong call"), "the list comes first");
    keys(&mut s, &mut journal, &["end"]);
    let screen = render(&s);
    assert!(screen.contains("because: Wrong call") && screen.contains("No further action"), "{screen}");
    assert!(screen.contains("0115 876 4800") && screen.contains("999"), "{screen}");
}
