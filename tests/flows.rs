#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A handler's call, pressed key by key through the real default keymap.

mod support;

use dutygrid::call::summary::summarise;
use support::{NIGHT, OFFICE, press, render, state};

/// Ticks "Physically healthy", "Missed health appointments", then goes to
/// Family History at Specialist and ticks "Privately fostered", an
/// immediate-referral trigger.
const THREE_TICKS: &[&str] = &["space", "l", "j", "space", "}", "4", "j", "j", "j", "j", "space"];

#[test]
fn three_ticks_with_a_trigger_in_office_hours_show_the_mash() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, THREE_TICKS);
    assert!(
        s.call().is_ticked("health-u1") && s.call().is_ticked("health-eh2") && s.call().is_ticked("family-history-s5")
    );
    let screen = render(&s);
    assert!(screen.contains("IMMEDIATE PROTECTION"), "{screen}");
    assert!(screen.contains("RING NOW  City MASH 0115 876 4800"), "{screen}");
    assert!(screen.contains("Police 999"), "{screen}");
    press(&mut s, &["enter"]);
    let screen = render(&s);
    assert!(!screen.contains("IMMEDIATE PROTECTION"), "{screen}");
    assert!(screen.contains("level 1:1  2:1  3:0  4:1"), "{screen}");
    assert!(screen.contains("Highest level indicated: 4 Specialist & Safeguarding"), "{screen}");
    assert!(screen.contains("professional judgement decides"), "{screen}");
}

#[test]
fn three_ticks_with_a_trigger_out_of_hours_show_the_out_of_hours_words() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, THREE_TICKS);
    let screen = render(&s);
    assert!(screen.contains("RING NOW  City MASH (out of hours) 0115 876 4800"), "{screen}");
    assert!(screen.contains("emergency safeguarding enquiries only"), "{screen}");
    assert_eq!(summarise(s.pack(), s.call()).per_level, vec![1, 1, 0, 1]);
}
