#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The number to ring and 999 are on screen whole, on every pack, at every
//! width, in and out of office hours and in the minutes before a switch;
//! the immediate-protection banner never cuts them, whatever was ticked.

mod support;

use chrono::{DateTime, Duration, Utc};
use dutygrid::app::{Action, State, update};
use dutygrid::call::summary::raises_alert;
use dutygrid::pack::library::Library;
use support::{NIGHT, OFFICE, render, session, start, state, tick_item};

fn pack_ids() -> Vec<String> {
    let ids = Library::load(None).known_ids();
    assert!(ids.len() >= 5, "{ids:?}");
    ids
}

/// Office hours, out of hours, and five minutes before the office closes.
fn moments(pack: &str) -> Vec<(&'static str, DateTime<Utc>)> {
    let office = state(pack, OFFICE, 80, 24);
    let mut moments = vec![("office", office.now()), ("night", state(pack, NIGHT, 80, 24).now())];
    // A document that states no hours has no switch to warn about.
    if let Some(until) = office.contact().until {
        moments.push(("closing", until.with_timezone(&Utc) - Duration::minutes(5)));
    }
    moments
}

fn at(pack: &str, now: DateTime<Utc>, width: u16, height: u16) -> State {
    let mut s = state(pack, OFFICE, width, height);
    update(&mut s, Action::Tick(now));
    s
}

fn live_number(s: &State) -> String {
    s.contact().line.numbers.clone()
}

#[test]
fn the_header_prints_the_whole_live_number_and_999_at_every_width() {
    for pack in pack_ids() {
        for (when, now) in moments(&pack) {
            let mut s = at(&pack, now, 80, 24);
            for width in 40..=250 {
                update(&mut s, Action::Resize { width, height: 24 });
                let screen = render(&s);
                let header: Vec<&str> = screen.lines().take(3).collect();
                let number = live_number(&s);
                assert!(header[0].contains(&number), "{pack} {when} at {width}: {:?} lacks {number}", header[0]);
                assert!(header[1].contains("999"), "{pack} {when} at {width}: {:?} lacks 999", header[1]);
                if let Some((_, next)) = s.contact().next.as_ref().filter(|_| when == "closing") {
                    assert!(
                        header[2].contains(&next.numbers),
                        "{pack} {when} at {width}: warning {:?} lacks {}",
                        header[2],
                        next.numbers
                    );
                }
            }
        }
    }
}

#[test]
fn a_warning_names_the_closing_minutes_when_there_is_room() {
    let s = at("stoke-on-trent", moments("stoke-on-trent")[2].1, 80, 24);
    assert_eq!(moments("stoke-on-trent")[2].0, "closing");
    let screen = render(&s);
    let warning = screen.lines().nth(2).unwrap_or_default();
    assert!(warning.contains("closes in 5 min") && warning.contains("01782 234234"), "{warning}");
}

#[test]
fn the_banner_keeps_the_number_to_ring_now_and_999_for_every_alert_at_small_sizes() {
    for pack in pack_ids() {
        let (loaded, _) = Library::load(None).open(&pack).expect("pack");
        let alerting: Vec<String> =
            loaded.item_ids().filter(|id| raises_alert(&loaded, id)).map(String::from).collect();
        assert!(!alerting.is_empty(), "{pack}");
        for (when, now) in moments(&pack) {
            for (width, height) in [(80, 24), (60, 20), (40, 12)] {
                let base = at(&pack, now, width, height);
                for id in &alerting {
                    let mut s = base.clone();
                    tick_item(&mut s, id);
                    assert!(s.call().pending_alert().is_some(), "{pack} {id}");
                    let screen = render(&s);
                    let rows: Vec<&str> = screen.lines().collect();
                    let ring = rows.iter().position(|r| r.contains("RING NOW"));
                    let ring =
                        ring.unwrap_or_else(|| panic!("{pack} {when} {id} {width}x{height}: no RING NOW\n{screen}"));
                    assert!(
                        rows[ring].contains(&live_number(&s)),
                        "{pack} {when} {id} {width}x{height}: {:?}\n{screen}",
                        rows[ring]
                    );
                    assert!(
                        rows[ring + 1..].iter().any(|r| r.to_lowercase().contains("danger") && r.contains("999")),
                        "{pack} {when} {id} {width}x{height}: no 999 under RING NOW\n{screen}"
                    );
                    // The header's closing warning is under the banner: the banner repeats it.
                    if let Some((_, next)) = s.contact().next.as_ref().filter(|_| when == "closing") {
                        assert!(
                            rows[ring + 1..].iter().any(|r| r.contains("min — then") && r.contains(&next.numbers)),
                            "{pack} {when} {id} {width}x{height}: the banner hides the switch to {}\n{screen}",
                            next.numbers
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn stoke_boxing_day_missing_episodes_rings_the_edt_at_80x24() {
    let mut s = state("stoke-on-trent", "2026-12-26 10:00", 80, 24);
    let id = s
        .pack()
        .indicators()
        .find(|(_, _, _, i)| i.text.contains("Frequent and prolonged missing episodes"))
        .map(|(_, _, _, i)| i.id.clone())
        .expect("the indicator");
    tick_item(&mut s, &id);
    let screen = render(&s);
    let ring = screen.lines().find(|l| l.contains("RING NOW")).unwrap_or_default();
    assert!(ring.contains("Emergency Duty Team 01782 234234"), "{screen}");
}

#[test]
fn documents_without_an_emergency_line_get_dutygrids_own_999_marked_as_such() {
    for pack in ["nottingham-fsp-2018", "nottingham-fsp-2014"] {
        let mut s = state(pack, NIGHT, 200, 60);
        let header = render(&s);
        let danger = header.lines().nth(1).unwrap_or_default();
        assert!(danger.contains("Police 999 (dutygrid's own line)"), "{pack}: {danger}");
        let id = s.pack().immediate_ids().next().expect("an immediate item").to_string();
        tick_item(&mut s, &id);
        let screen = render(&s);
        assert!(screen.lines().any(|r| r.contains("RING NOW")), "{screen}");
        let banner_999 = screen.lines().skip(3).find(|r| r.contains("Child in immediate danger: Police 999"));
        assert!(banner_999.is_some_and(|r| r.contains("(dutygrid's own line")), "{screen}");
    }
}

#[test]
fn a_non_emergency_line_is_never_the_immediate_danger_line() {
    let mut s = state("stoke-on-trent", OFFICE, 200, 60);
    assert!(s.contact().emergency.iter().all(|l| l.numbers == "999"), "{:?}", s.contact().emergency);
    let danger = render(&s).lines().nth(1).unwrap_or_default().to_string();
    assert!(danger.contains("999") && !danger.contains("101"), "{danger}");
    let id = s.pack().immediate_ids().next().expect("an immediate item").to_string();
    tick_item(&mut s, &id);
    let screen = render(&s);
    // Our own "danger:" labels never carry 101 (the document's own words
    // "call the police on 999 or 101" may still be quoted).
    for row in screen.lines().filter(|r| r.to_lowercase().contains("danger:")) {
        assert!(!row.contains("101"), "{row}");
    }
    assert!(screen.contains("Not for emergencies: Staffordshire Police (non-emergency calls) 101"), "{screen}");
}

#[test]
fn a_pack_file_that_replaces_a_builtin_says_so_in_the_header() {
    let dir = tempfile::tempdir().expect("dir");
    let builtin = std::fs::read_to_string("packs/nottingham-city.ron").expect("pack");
    let changed = builtin.replace("0115 876 4800", "0115 000 0000");
    std::fs::write(dir.path().join("local.ron"), changed).expect("write");
    let library = Library::load(Some(dir.path()));
    let (pack, source) = library.open("nottingham-city").expect("pack");
    assert!(!source.is_builtin());
    let calendar = dutygrid::app::contact_now::calendar_for(&pack, &library.calendars).cloned();
    let loaded = dutygrid::app::action::LoadedPack::new(pack, calendar).with_origin(Some(source.describe()));
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    update(&mut s, Action::PackLoaded(loaded));
    let screen = render(&s);
    let header: Vec<&str> = screen.lines().take(3).collect();
    assert!(header[0].contains("0115 000 0000"), "{screen}");
    assert!(header[2].contains("Numbers from the file") && header[2].contains("local.ron"), "{screen}");
}

/// The header is kept from one frame to the next while what it is built
/// from is unchanged (`src/ui/header.rs`). Drawn minute by minute through a
/// Friday (office hours, the closing warnings, the night), at changing
/// widths, with a handler and asking for one, it must equal a header drawn with
/// nothing kept: a kept header that missed a
/// change would show a stale number to ring.
#[test]
fn a_kept_header_is_the_one_a_fresh_draw_gives_at_every_minute_of_a_day() {
    let header = |s: &State| render(s).lines().take(3).map(str::to_string).collect::<Vec<_>>();
    // One pack with a handler set, the other asking for one.
    let handled = state("nottingham-city", "2026-11-27 00:00", 80, 24);
    let unhandled =
        start(dutygrid::app::Session { handler: None, ..session("stoke-on-trent", "2026-11-27 00:00") }, 80, 24);
    for (pack, mut s) in [("nottingham-city", handled), ("stoke-on-trent", unhandled)] {
        let midnight = s.now();
        let mut changes = 0;
        let mut last = header(&s);
        for minute in 1..24 * 60 {
            update(&mut s, Action::Tick(midnight + Duration::minutes(minute)));
            // Within the minute only the width changes.
            for width in [200, 61, 80] {
                // Short, so the test draws little but the header.
                update(&mut s, Action::Resize { width, height: 8 });
                let kept = header(&s);
                dutygrid::ui::forget_kept();
                let fresh = header(&s);
                assert_eq!(kept, fresh, "{pack} at minute {minute}, width {width}");
                changes += usize::from(kept != last);
                last = kept;
            }
        }
        // Every width and every minute is another header.
        assert_eq!(changes, 3 * (24 * 60 - 1), "{pack}");
    }
}
