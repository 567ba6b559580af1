#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `pack diff`: what changed between two editions.

mod support;

use dutygrid::diff::{IndicatorChange, diff, similarity};
use dutygrid::pack::library::Library;

fn open(id: &str) -> dutygrid::pack::Pack {
    Library::load(None).open(id).map(|(p, _)| p).expect("pack")
}

#[test]
fn the_two_city_editions_differ_in_two_words_and_their_contacts() {
    let d = diff(&open("nottingham-city-cfd"), &open("nottingham-city"));
    assert_eq!(d.unchanged, 254);
    let reworded: Vec<(&str, &str)> = d
        .indicators
        .iter()
        .filter_map(|c| match c {
            IndicatorChange::Reworded { was, now, .. } => Some((was.text.as_str(), now.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(reworded.len(), 2);
    assert!(reworded.contains(&("Condones absence from school", "Condone absence from school")));
    let what: Vec<&str> = d.contacts.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(what, ["office line", "office hours", "out-of-hours line"]);
    assert!(d.contacts[1].was.as_deref().is_some_and(|w| w.contains("08:30–17:00")));
    assert!(d.contacts[1].now.as_deref().is_some_and(|w| w.contains("08:30–16:50")));
}

#[test]
fn a_moved_indicator_and_added_and_removed_ones_are_told_apart() {
    let a = open("nottingham-city");
    let mut b = a.clone();
    let dutygrid::pack::Rows::Domains(domains) = &mut b.rows else { panic!("domains") };
    let health = &mut domains[0].rows[0];
    // Move "Physically healthy" from Universal to Early Help, drop one, add one.
    let moved = health.cells[0].indicators.remove(0);
    health.cells[1].indicators.push(moved);
    health.cells[3].indicators.remove(0);
    health.cells[2].indicators.push(dutygrid::pack::Indicator {
        id: "new-1".into(),
        text: "Entirely new wording about sleep".into(),
        trigger: None,
        applies_to: None,
    });
    let d = diff(&a, &b);
    let kinds: Vec<&str> = d
        .indicators
        .iter()
        .map(|c| match c {
            IndicatorChange::Moved { .. } => "moved",
            IndicatorChange::Removed { .. } => "removed",
            IndicatorChange::Added { .. } => "added",
            IndicatorChange::Reworded { .. } => "reworded",
        })
        .collect();
    assert_eq!(kinds, ["moved", "removed", "added"]);
    assert_eq!(d.unchanged, 254);
}

#[test]
fn similarity_counts_shared_words() {
    assert!((similarity("Poor education attendance", "Poor education attendance") - 1.0).abs() < 1e-9);
    assert!(similarity("Persistent domestic violence / abuse", "Incidents of domestic abuse") < 0.6);
    assert!(similarity("Condones absence from school", "Condone absence from school") >= 0.6);
}

#[test]
fn the_command_prints_text_and_json() {
    let home = support::FakeHome::new();
    let out = home
        .command()
        .args(["pack", "diff", "nottingham-city-cfd", "nottingham-city", "--format", "json"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["from"], "nottingham-city-cfd");
    assert_eq!(json["indicators"][0]["change"], "reworded");
    let text = home.command().args(["pack", "diff", "nottingham-city-cfd", "nottingham-city"]).output().expect("run");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("nottingham-city-cfd → nottingham-city: 254 unchanged, 2 reworded"), "{text}");
}
