#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Guidance where it is needed: the consent field shows the pack's consent
//! rule, and the summary the highest level's action and services, cut to
//! fit without losing the counts.

mod support;

use dutygrid::app::State;
use dutygrid::app::record::Field;
use support::{OFFICE, press, render, state, tick_item};

/// The details form with the cursor on the consent field.
fn on_consent(pack: &str, width: u16, height: u16) -> State {
    let mut s = state(pack, OFFICE, width, height);
    press(&mut s, &["d"]);
    for _ in 0..60 {
        let at = match s.top() {
            Some(dutygrid::app::Screen::Details(form)) => form.current_field(),
            other => panic!("details not open: {other:?}"),
        };
        if at == Field::Consent {
            return s;
        }
        press(&mut s, &["down"]);
    }
    panic!("no consent field in {pack}");
}

#[test]
fn the_consent_field_shows_the_rule_for_sharing_without_consent_and_the_key_to_the_rest() {
    let s = on_consent("nottingham-city", 80, 24);
    let screen = render(&s);
    assert!(screen.contains("Recorded consent should be gained by the"), "{screen}");
    assert!(screen.contains("…"), "cut to two lines: {screen}");
    assert!(screen.contains("f3: the document's consent guidance in full"), "{screen}");
    let stoke = render(&on_consent("stoke-on-trent", 80, 24));
    assert!(stoke.contains("Data protection legislation does not"), "{stoke}");
}

#[test]
fn the_consent_rule_shows_only_while_the_cursor_is_on_consent() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["d"]);
    assert!(!render(&s).contains("Recorded consent"), "not on the caller field");
    let mut s = on_consent("nottingham-city", 80, 24);
    press(&mut s, &["down"]);
    assert!(render(&s).contains("Recorded consent"), "the reason it was not sought is a consent field too");
}

#[test]
fn consent_rule_picks_the_rule_about_sharing_without_consent() {
    let open = |id: &str| dutygrid::pack::library::Library::load(None).open(id).expect("pack").0;
    let rule = |id: &str| dutygrid::guide::consent_rule(&open(id)).unwrap_or_default();
    assert!(rule("nottingham-city").starts_with("Recorded consent should be gained"), "{}", rule("nottingham-city"));
    assert!(rule("nottingham-fsp-2014").starts_with("From time to time situations may arise"));
    assert!(rule("nottingham-city-cfd").contains("without consent"));
    assert_eq!(dutygrid::guide::consent_rule(&open("nottingham-fsp-2018")), None, "the 2018 pathway has no rules");
}

#[test]
fn details_consent_80x24() {
    insta::assert_snapshot!(render(&on_consent("nottingham-city", 80, 24)));
}

#[test]
fn details_consent_200x60() {
    insta::assert_snapshot!(render(&on_consent("stoke-on-trent", 200, 60)));
}

fn with_targeted_ticks(width: u16, height: u16) -> State {
    let mut s = state("nottingham-city", OFFICE, width, height);
    tick_item(&mut s, "health-t1");
    tick_item(&mut s, "health-eh3");
    s
}

#[test]
fn the_summary_shows_the_highest_levels_services_cut_to_fit_with_the_counts() {
    let screen = render(&with_targeted_ticks(80, 24));
    let rows: Vec<&str> = screen.lines().collect();
    let services = rows.iter().find(|l| l.starts_with("Services: All of the above plus:")).expect("services");
    assert!(services.ends_with('…') && services.chars().count() <= 80, "{services}");
    assert!(screen.contains("Ticked level 1:0  2:1  3:1  4:0"), "{screen}");
    let wide = render(&with_targeted_ticks(200, 60));
    assert!(wide.contains("│ Services: All of the above plus:"), "{wide}");
    assert!(wide.contains("3 Targeted: 1"), "{wide}");
}

#[test]
fn on_a_short_screen_the_services_go_before_the_counts() {
    let screen = render(&with_targeted_ticks(80, 12));
    assert!(screen.contains("Ticked level 1:0  2:1  3:1  4:0"), "{screen}");
    assert!(screen.contains("professional judgement"), "{screen}");
}

#[test]
fn summary_services_80x24() {
    insta::assert_snapshot!(render(&with_targeted_ticks(80, 24)));
}

#[test]
fn summary_services_200x60() {
    insta::assert_snapshot!(render(&with_targeted_ticks(200, 60)));
}

#[test]
fn the_highest_levels_action_ends_in_an_ellipsis_where_it_is_cut_and_the_services_keep_their_row() {
    let mut s = state("stoke-on-trent", OFFICE, 80, 24);
    tick_item(&mut s, "edu-h1");
    let screen = render(&s);
    let level = screen.lines().find(|l| l.starts_with("Highest level indicated: 3 Getting Help — ")).expect("level");
    assert!(level.ends_with('…') && level.chars().count() <= 80, "{screen}");
    assert!(screen.lines().any(|l| l.starts_with("Services: ")), "{screen}");
    // Between 110 and the side panel, the level names with the clocks would
    // not fit one row: the numbers alone keep the clocks beside the counts
    // and the services on screen.
    let mut s = state("stoke-on-trent", OFFICE, 120, 30);
    tick_item(&mut s, "edu-h1");
    let screen = render(&s);
    assert!(screen.lines().any(|l| l.starts_with("Ticked level 1:0") && l.contains("Feedback due")), "{screen}");
    assert!(screen.lines().any(|l| l.starts_with("Services: ")), "{screen}");
    assert!(
        screen.contains("— Complete an Early Help Assessment. Consider requests for agencies best placed"),
        "{screen}"
    );
}
