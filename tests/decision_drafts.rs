#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Decision drafts (the rationale and reason typed before a decision is
//! recorded) are their own journal entry: journals written before that
//! still replay their drafts, a pack question can be called anything, and
//! a draft is never printed as if it were a decision.

use dutygrid::app::screens::decision::DecisionForm;
use dutygrid::call::journal::{Entry, replay};
use dutygrid::call::{Call, DraftField, PackStamp};
use dutygrid::export;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;

fn pack(id: &str) -> Pack {
    Library::load(None).open(id).expect("pack").0
}

/// Three lines as dutygrid wrote them before drafts had their own entry:
/// the start has no format, and the drafts are notes sections.
const OLD_JOURNAL: &str = concat!(
    r#"{"kind":"start","pack":{"id":"nottingham-city","title":"Nottingham City","edition":null},"app_version":"0.1.0","at":"2026-11-23T10:00:00Z","simulated":false}"#,
    "\n",
    r#"{"kind":"note","section":"sos-worried","text":"Bruise on arm","at":"2026-11-23T10:01:00Z"}"#,
    "\n",
    r#"{"kind":"note","section":"decision:rationale","text":"Seen by school nurse","at":"2026-11-23T10:02:00Z"}"#,
    "\n",
    r#"{"kind":"note","section":"decision:reason","text":"New disclosure","at":"2026-11-23T10:03:00Z"}"#,
    "\n",
);

#[test]
fn an_old_journal_replays_its_draft_notes_as_drafts_and_restore_puts_them_in_the_decision_form() {
    let replayed = replay(OLD_JOURNAL).expect("replays");
    assert!(replayed.damaged.is_empty(), "{:?}", replayed.damaged);
    let call = &replayed.call;
    assert_eq!(call.drafts.get(DraftField::Rationale), Some("Seen by school nurse"));
    assert_eq!(call.drafts.get(DraftField::Reason), Some("New disclosure"));
    assert_eq!(call.notes.keys().collect::<Vec<_>>(), ["sos-worried"], "drafts are not notes sections");
    assert!(
        replayed.log.iter().any(|e| matches!(e, Entry::DecisionDraft { field: DraftField::Rationale, .. })),
        "a rewritten journal keeps the draft as a draft: {:?}",
        replayed.log
    );
    let forms = DecisionForm::for_call(&pack("nottingham-city"), call);
    assert_eq!((forms.rationale.text(), forms.reason.text()), ("Seen by school nurse".into(), "New disclosure".into()));
}

#[test]
fn a_draft_is_journalled_as_its_own_entry_and_read_back() {
    let mut call = Call::new(PackStamp::default(), chrono::DateTime::UNIX_EPOCH, false);
    let start = call.start_entry();
    let draft = Entry::DecisionDraft { field: DraftField::Reason, text: "Mum called back".into(), at: call.started_at };
    let line = dutygrid::call::journal::encode(&draft);
    assert!(line.contains(r#""kind":"decision_draft""#), "{line}");
    call.apply(&draft);
    let bytes = dutygrid::call::journal::encode(&start) + &line;
    let replayed = replay(bytes).expect("replays");
    assert_eq!(replayed.call, call);
    assert!(replayed.call.notes.is_empty());
    assert!(replayed.call.has_content(), "a half-typed reason is worth asking before quitting");
}

/// A question whose id is what a draft section used to be called.
fn pack_with_clashing_question() -> Pack {
    let mut pack = pack("nottingham-city");
    let worry = pack.guidance.worry_questions.as_mut().expect("worry questions");
    worry.questions[0].id = "decision:rationale".into();
    pack
}

#[test]
fn a_question_named_like_an_old_draft_section_keeps_its_notes_in_a_new_journal() {
    let pack = pack_with_clashing_question();
    let mut call =
        Call::new(PackStamp { id: pack.id.clone(), ..PackStamp::default() }, chrono::DateTime::UNIX_EPOCH, false);
    let note = Entry::Note { section: "decision:rationale".into(), text: "Dad drinks".into(), at: call.started_at };
    call.apply(&note);
    let bytes = dutygrid::call::journal::encode(&call.start_entry()) + &dutygrid::call::journal::encode(&note);
    let replayed = replay(bytes).expect("replays");
    assert_eq!(replayed.call.notes.get("decision:rationale").map(String::as_str), Some("Dad drinks"));
    assert_eq!(replayed.call.drafts.get(DraftField::Rationale), None, "a note is not a draft");
    assert_eq!(DecisionForm::for_call(&pack, &replayed.call).rationale, "", "the decision form stays empty");
}

#[test]
fn the_export_never_prints_a_draft_as_a_decision_or_as_a_note() {
    let pack = pack("nottingham-city");
    let replayed = replay(OLD_JOURNAL).expect("replays");
    let record = export::record(&pack, &replayed.call, "call-x", None).expect("record");
    assert!(record.decision.is_none() && record.decision_history.is_empty());
    let md = export::markdown(&record);
    let json = export::json(&record);
    for text in ["Seen by school nurse", "New disclosure"] {
        assert!(!md.contains(text) && !json.contains(text), "{text} exported:\n{md}\n{json}");
    }
    assert!(md.contains("No decision recorded."), "{md}");
    assert!(md.contains("Bruise on arm"), "the notes are there: {md}");
}
