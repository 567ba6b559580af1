#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The clocks a contact sets: due times counted in the pack's zone on its
//! working days, sourced from the document or labelled as dutygrid's
//! defaults, shown as a countdown on the main screen (OVERDUE once passed),
//! met or not in the export, and kept in the journal.

mod support;

use chrono::{DateTime, Duration, Utc};
use dutygrid::app::{Action, State, update};
use dutygrid::call::clocks::{ClockKind, Outcome, Rag, Source, clocks};
use dutygrid::call::journal::{encode, replay};
use dutygrid::call::{Call, Entry, PackStamp};
use dutygrid::export;
use dutygrid::hours::calendar::Calendar;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;
use support::{at, press, render, state};

fn pack(id: &str) -> (Pack, Option<Calendar>) {
    let library = Library::load(None);
    let (pack, _) = library.open(id).expect("pack");
    let calendar = dutygrid::app::contact_now::calendar_for(&pack, &library.calendars).cloned();
    (pack, calendar)
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("time").with_timezone(&Utc)
}

/// A call on `pack_id` started at the local time `local`, with one tick so
/// that it is a contact.
fn call_at(pack_id: &str, local: &str) -> Call {
    let started = at(pack_id, local);
    let mut call = Call::new(PackStamp { id: pack_id.into(), ..PackStamp::default() }, started, false);
    call.apply(&Entry::Tick { id: "health-u1".into(), ticked: true, at: started });
    call
}

fn due_of(pack_id: &str, call: &Call, kind: ClockKind) -> (String, Source) {
    let (pack, calendar) = pack(pack_id);
    let clock = clocks(&pack, call, calendar.as_ref()).into_iter().find(|c| c.kind == kind).expect("the clock runs");
    (clock.due.expect("in range").to_rfc3339(), clock.source)
}

#[test]
fn friday_15_00_bst_plus_one_working_day_is_monday_15_00_gmt() {
    // Nottingham City's document sets no feedback timescale: dutygrid's
    // default of one working day, labelled as its own.
    let call = call_at("nottingham-city", "2026-10-23 15:00");
    let (due, source) = due_of("nottingham-city", &call, ClockKind::Feedback);
    assert_eq!(due, "2026-10-26T15:00:00+00:00", "the clocks went back on Sunday; the wall time holds");
    assert!(matches!(source, Source::Default(_)), "{source:?}");
}

#[test]
fn christmas_boxing_day_and_the_substitute_day_are_skipped() {
    // 2026: Christmas Friday, Boxing Day Saturday, its substitute Monday 28.
    let call = call_at("nottingham-city", "2026-12-24 15:00");
    let (due, _) = due_of("nottingham-city", &call, ClockKind::Feedback);
    assert_eq!(due, "2026-12-29T15:00:00+00:00");
}

#[test]
fn the_documents_feedback_timescale_is_used_with_its_words() {
    for id in ["nottingham-city-cfd", "nottingham-fsp-2018"] {
        let call = call_at(id, "2026-12-04 16:55");
        let (due, source) = due_of(id, &call, ClockKind::Feedback);
        assert_eq!(due, "2026-12-07T16:55:00+00:00", "{id}: 72 hours");
        let Source::Document(words) = source else { panic!("{id}: {source:?}") };
        assert!(words.contains("within 72 hours"), "{id}: {words}");
    }
}

#[test]
fn the_written_referral_runs_only_where_the_document_sets_its_timescale() {
    let call = call_at("nottingham-fsp-2014", "2026-11-27 10:00");
    let (due, source) = due_of("nottingham-fsp-2014", &call, ClockKind::WrittenReferral);
    assert_eq!(due, "2026-11-28T10:00:00+00:00", "24 hours");
    assert!(matches!(source, Source::Document(w) if w.contains("confirm this in writing within 24 hours")));
    let (city, calendar) = pack("nottingham-city");
    let kinds: Vec<ClockKind> = clocks(&city, &call, calendar.as_ref()).iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ClockKind::Feedback], "no written_within and no urgency set");
}

#[test]
fn red_is_four_elapsed_hours_across_midnight_and_amber_and_green_count_working_days() {
    let mut call = call_at("nottingham-city", "2026-12-04 22:30");
    let start = call.started_at;
    for (rag, due) in [
        (Rag::Red, "2026-12-05T02:30:00+00:00"),
        // Friday night: one working day is Monday, three Wednesday.
        (Rag::Amber, "2026-12-07T22:30:00+00:00"),
        (Rag::Green, "2026-12-09T22:30:00+00:00"),
    ] {
        call.apply(&Entry::Urgency { urgency: Some(rag), at: start });
        let (got, source) = due_of("nottingham-city", &call, ClockKind::Decision);
        assert_eq!(got, due, "{rag:?}");
        assert!(matches!(source, Source::Default(_)), "labelled as dutygrid's default");
    }
}

#[test]
fn a_packs_own_urgency_deadlines_replace_the_defaults() {
    let (mut pack, calendar) = pack("nottingham-city");
    let timescale = |id: &str, hours| dutygrid::pack::Timescale {
        id: id.into(),
        text: format!("{id} within {hours} hours"),
        within: dutygrid::pack::Span::Hours(hours),
    };
    let referral = pack.guidance.referral.as_mut().expect("referral");
    referral.urgency = Some(dutygrid::pack::Urgency {
        red: timescale("red", 2),
        amber: timescale("amber", 8),
        green: timescale("green", 48),
    });
    let mut call = call_at("nottingham-city", "2026-12-04 10:00");
    call.apply(&Entry::Urgency { urgency: Some(Rag::Red), at: call.started_at });
    let clock = clocks(&pack, &call, calendar.as_ref()).into_iter().find(|c| c.kind == ClockKind::Decision).unwrap();
    assert_eq!(clock.due, Some(utc("2026-12-04T12:00:00Z")));
    assert_eq!(clock.source, Source::Document("red within 2 hours".into()));
}

#[test]
fn the_decision_clock_is_met_by_a_decision_before_it_is_due_and_marks_meet_the_others() {
    let (pack, calendar) = pack("nottingham-fsp-2014");
    let mut call = call_at("nottingham-fsp-2014", "2026-12-04 10:00");
    let start = call.started_at;
    call.apply(&Entry::Urgency { urgency: Some(Rag::Red), at: start });
    let outcome = |call: &Call, kind| {
        clocks(&pack, call, calendar.as_ref()).into_iter().find(|c| c.kind == kind).map(|c| c.outcome)
    };
    assert_eq!(outcome(&call, ClockKind::Decision), Some(Outcome::Open));
    let mut late = call.clone();
    let decide = |at| Entry::Decision {
        decision: dutygrid::call::details::Decision {
            level: Some("extensive".into()),
            rationale: "seen".into(),
            reason: String::new(),
            at,
        },
    };
    call.apply(&decide(start + Duration::hours(3)));
    assert_eq!(outcome(&call, ClockKind::Decision), Some(Outcome::Met(start + Duration::hours(3))));
    late.apply(&decide(start + Duration::hours(5)));
    assert_eq!(outcome(&late, ClockKind::Decision), Some(Outcome::NotMet(start + Duration::hours(5))));

    let received = start + Duration::hours(20);
    call.apply(&Entry::ClockDone { clock: ClockKind::WrittenReferral, done: true, at: received });
    assert_eq!(outcome(&call, ClockKind::WrittenReferral), Some(Outcome::Met(received)));
    assert_eq!(outcome(&call, ClockKind::Feedback), Some(Outcome::Open), "a mark is for its own clock");
    call.apply(&Entry::ClockDone { clock: ClockKind::WrittenReferral, done: false, at: received });
    assert_eq!(outcome(&call, ClockKind::WrittenReferral), Some(Outcome::Open), "a withdrawn mark reopens it");
}

/// The new entries, as a journal holds them.
fn new_entries(start: DateTime<Utc>) -> Vec<Entry> {
    vec![
        Entry::Urgency { urgency: Some(Rag::Red), at: start + Duration::minutes(1) },
        Entry::Urgency { urgency: Some(Rag::Amber), at: start + Duration::minutes(2) },
        Entry::Urgency { urgency: None, at: start + Duration::minutes(3) },
        Entry::ClockDone { clock: ClockKind::WrittenReferral, done: true, at: start + Duration::minutes(4) },
        Entry::ClockDone { clock: ClockKind::Feedback, done: true, at: start + Duration::minutes(5) },
        Entry::ClockDone { clock: ClockKind::Feedback, done: false, at: start + Duration::minutes(6) },
    ]
}

#[test]
fn replay_round_trips_every_new_entry_and_an_old_journal_still_reads() {
    let mut call = call_at("nottingham-city", "2026-12-04 16:55");
    let mut journal = encode(&call.start_entry());
    for entry in new_entries(call.started_at) {
        journal.push_str(&encode(&entry));
        call.apply(&entry);
    }
    let replayed = replay(&journal).expect("replays");
    assert!(replayed.damaged.is_empty(), "{:?}", replayed.damaged);
    assert_eq!(replayed.log.len(), 7);
    assert_eq!(replayed.call.clocks, call.clocks);
    assert_eq!(replayed.call.clocks.urgency.len(), 3);
    assert_eq!(replayed.call.clocks.urgency_now(), None);
    assert!(replayed.call.clocks.done_at(ClockKind::WrittenReferral).is_some());
    assert_eq!(replayed.call.clocks.done_at(ClockKind::Feedback), None);
    // The lines are plain, named kinds; a journal written before these
    // kinds existed reads as it always did.
    assert!(journal.contains(r#""kind":"urgency","urgency":"red""#), "{journal}");
    assert!(journal.contains(r#""kind":"clock_done","clock":"written_referral","done":true"#), "{journal}");
    let old = concat!(
        r#"{"kind":"start","pack":{"id":"nottingham-city","title":"T","edition":null},"app_version":"0.1.0","at":"2026-11-27T10:00:00Z","simulated":false,"format":1}"#,
        "\n",
        r#"{"kind":"tick","id":"health-u1","ticked":true,"at":"2026-11-27T10:01:00Z"}"#,
        "\n"
    );
    let old = replay(old).expect("an old journal replays");
    assert!(old.damaged.is_empty() && old.call.is_ticked("health-u1"));
    assert!(old.call.clocks.is_empty());
}

fn later(s: &mut State, by: Duration) {
    let now = s.now() + by;
    update(s, Action::Tick(now));
}

#[test]
fn the_summary_counts_down_at_80x24_and_60x20_and_says_overdue_once_due() {
    for (width, height) in [(80, 24), (60, 20)] {
        let mut s = state("nottingham-city", "2026-12-04 16:55", width, height);
        let idle = render(&s);
        assert!(!idle.contains("due in"), "no clock before the call holds anything:\n{idle}");
        press(&mut s, &["space", "u"]);
        assert_eq!(s.call().clocks.urgency_now(), Some(Rag::Red));
        let screen = render(&s);
        assert!(screen.contains("Decision (red) due in 4 h"), "{width}x{height}:\n{screen}");
        later(&mut s, Duration::minutes(61));
        let screen = render(&s);
        assert!(screen.contains("Decision (red) due in 2 h 59 min"), "{width}x{height}:\n{screen}");
        later(&mut s, Duration::hours(5));
        let screen = render(&s);
        assert!(screen.contains("Decision (red) OVERDUE 2 h 1 min"), "{width}x{height}:\n{screen}");
        assert!(screen.contains("0115 876 4800") || screen.contains("0115 876 1000"), "the number stays:\n{screen}");
        assert!(screen.contains("999"), "{width}x{height}:\n{screen}");
    }
}

#[test]
fn overdue_is_drawn_in_the_alarm_style() {
    let mut s = state("nottingham-city", "2026-12-04 16:55", 80, 24);
    press(&mut s, &["space", "u"]);
    later(&mut s, Duration::hours(5));
    let theme = dutygrid::ui::Theme::colour();
    let buffer = support::styled::draw(&mut s, 80, 24, &theme);
    let text = support::styled::text(&buffer);
    let (y, line) = text.lines().enumerate().find(|(_, l)| l.contains("OVERDUE")).expect("OVERDUE on screen");
    let x = line[..line.find("OVERDUE").unwrap()].chars().count();
    let cell = &buffer[(u16::try_from(x).unwrap(), u16::try_from(y).unwrap())];
    assert_eq!(cell.style().fg, theme.alert_mark.fg, "{text}");
    assert_ne!(theme.alert_mark.fg, theme.text.fg);
}

#[test]
fn the_handlers_own_decision_shows_beside_the_indicated_level_and_never_before_it_is_recorded() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = state("nottingham-city", "2026-12-04 16:55", width, height);
        support::tick_item(&mut s, "health-u1");
        let before = render(&s);
        assert!(!before.contains("Your decision"), "{width}x{height}:\n{before}");
        press(&mut s, &["v", "right", "right", "right", "down"]);
        for c in "seen".chars() {
            press(&mut s, &[&c.to_string()]);
        }
        press(&mut s, &["enter"]);
        assert_eq!(s.call().decision().and_then(|d| d.level.as_deref()), Some("targeted"));
        let screen = render(&s);
        let beside = if width < 140 {
            screen.contains("Your decision: 3 Targeted · indicated: up to 1 Universal")
        } else {
            screen.contains("Highest level indicated: 1 Universal")
                && screen.lines().any(|l| l.trim_end().ends_with("│ Your decision: 3 Targeted"))
        };
        assert!(beside, "{width}x{height}:\n{screen}");
    }
}

#[test]
fn the_export_gives_every_clock_its_local_due_time_source_and_outcome() {
    let (pack, calendar) = pack("nottingham-fsp-2014");
    let mut call = call_at("nottingham-fsp-2014", "2026-10-23 15:00");
    let start = call.started_at;
    call.apply(&Entry::Urgency { urgency: Some(Rag::Amber), at: start });
    call.apply(&Entry::ClockDone { clock: ClockKind::WrittenReferral, done: true, at: start + Duration::hours(2) });
    let record = export::record(&pack, &call, "r1", calendar.as_ref()).expect("record");
    let md = export::markdown(&record);
    assert!(md.contains("## Clocks"), "{md}");
    assert!(md.contains("counts from the start of the call"), "{md}");
    assert!(md.contains("- Decision urgency (the handler's): amber (Fri 23 Oct 2026 15:00 BST)"), "{md}");
    assert!(
        md.contains("- Decision (amber): due by Mon 26 Oct 2026 15:00 GMT — within 1 working day (dutygrid's default"),
        "{md}"
    );
    assert!(md.contains("- Written referral: due by Sat 24 Oct 2026 15:00 BST — within 24 hours (the document: “When a referral is made"), "{md}");
    assert!(md.contains("**met** (done Fri 23 Oct 2026 17:00 BST)"), "{md}");
    assert!(
        md.contains(
            "- Feedback to the referrer: due by Mon 26 Oct 2026 15:00 GMT — within 1 working day (dutygrid's default"
        ),
        "{md}"
    );
    assert_eq!(md.matches("**open**").count(), 2, "{md}");
    let json: serde_json::Value = serde_json::from_str(&export::json(&record)).expect("json");
    let clocks = json["clocks"].as_array().expect("clocks");
    assert_eq!(clocks.len(), 3);
    assert_eq!(clocks[0]["clock"], "decision");
    assert_eq!(clocks[0]["due_by"], "2026-10-26T15:00:00+00:00");
    assert_eq!(clocks[0]["source"], "dutygrid's default");
    assert_eq!(clocks[1]["outcome"], "met");
    assert_eq!(clocks[1]["source"], "document");
    assert_eq!(json["written_referral_due_by"], "2026-10-24T15:00:00+01:00");
    assert_eq!(json["urgency_history"][0]["urgency"], "amber");
}

#[test]
fn the_clocks_screen_marks_the_selected_clock_done_and_takes_the_mark_back() {
    let mut s = state("nottingham-fsp-2014", "2026-12-04 10:00", 80, 24);
    press(&mut s, &["space", "c"]);
    assert_eq!(s.top(), Some(&dutygrid::app::Screen::Clocks { cursor: 0 }));
    // No urgency yet: the written referral is first, then the feedback.
    let effects = press(&mut s, &["space"]);
    let marked = s.call().clocks.done_at(ClockKind::WrittenReferral);
    assert_eq!(marked, Some(s.now()));
    assert!(
        matches!(&effects[..], [dutygrid::app::Effect::Persist(Entry::ClockDone { done: true, .. })]),
        "journalled: {effects:?}"
    );
    let screen = render(&s);
    assert!(screen.contains("[x] Written referral — met, done Fri 4 Dec 2026 10:00 GMT"), "{screen}");
    // The urgency from here puts the decision clock on top; the cursor
    // stays on the written referral, so the next mark takes it back.
    press(&mut s, &["u", "space"]);
    assert_eq!(s.top(), Some(&dutygrid::app::Screen::Clocks { cursor: 1 }));
    assert_eq!(s.call().clocks.done_at(ClockKind::WrittenReferral), None);
    press(&mut s, &["down", "enter"]);
    assert!(s.call().clocks.done_at(ClockKind::Feedback).is_some());
    press(&mut s, &["up", "up", "space"]);
    assert!(s.status().is_some_and(|m| m.contains("recording your decision")), "{:?}", s.status());
    press(&mut s, &["esc"]);
    assert!(s.screens().is_empty());
    let screen = render(&s);
    assert!(screen.contains("Decision (red) due in 4 h"), "{screen}");
    assert!(!screen.contains("Feedback due"), "a clock marked done stops counting down:\n{screen}");
}

#[test]
fn pack_check_refuses_a_feedback_clock_that_names_no_timescale() {
    let fixture = include_str!("fixtures/snapshot-pack.ron");
    let anchor = r#"form_name: "FRF","#;
    let calendars = vec!["england-and-wales".to_string()];
    let load = |text: String| dutygrid::pack::load::load_pack("area.ron", text.into_bytes(), &calendars);
    let named = fixture.replacen(
        anchor,
        &format!(
            r#"{anchor} timescales: [(id: "fb", text: "feedback within 48 hours", within: Hours(48))], feedback: "fb","#
        ),
        1,
    );
    let pack = load(named).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(pack.guidance.referral.and_then(|r| r.feedback).as_deref(), Some("fb"));
    let wrong = fixture.replacen(anchor, &format!(r#"{anchor} feedback: "fb","#), 1);
    let err = load(wrong).map(|_| ()).expect_err("a feedback id with no timescale is refused").to_string();
    assert!(err.contains(r#"feedback names "fb", which is not one of the referral's timescales"#), "{err}");
}

#[test]
fn with_an_alert_at_80x24_the_clocks_share_the_counts_row_where_they_fit_and_else_outlive_the_counts() {
    let mut s = state("nottingham-city", "2026-11-27 10:00", 80, 24);
    support::tick_item(&mut s, "family-history-s5");
    press(&mut s, &["enter"]);
    let screen = render(&s);
    assert!(screen.contains("Immediate referral indicated (1 item)"), "{screen}");
    assert!(screen.contains("Ticked level 1:0  2:0  3:0  4:1 · Feedback due Mon 10:00 GMT"), "{screen}");
    press(&mut s, &["u"]);
    let screen = render(&s);
    assert!(
        screen.contains("\nDecision (red) due in 4 h · Feedback due Mon 10:00 GMT\n"),
        "a row of their own:\n{screen}"
    );
    assert!(screen.contains("Immediate referral indicated (1 item)"), "{screen}");
    assert!(screen.contains("Highest level indicated: 4 Specialist"), "{screen}");
    assert!(screen.contains("professional judgement decides"), "{screen}");
}
