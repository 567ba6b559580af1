#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Finding indicators: ranking, abbreviations, related groups, the overlay.

mod support;

use dutygrid::pack::library::Library;
use dutygrid::search::Index;
use insta::assert_snapshot;
use support::{NIGHT, OFFICE, press, render, state};

fn index(pack: &str) -> (dutygrid::pack::Pack, Index) {
    let (pack, _) = Library::load(None).open(pack).expect("pack");
    let index = Index::build(&pack);
    (pack, index)
}

fn texts(index: &mut Index, query: &str) -> Vec<String> {
    let hits = index.search(query, 200);
    hits.iter().map(|h| index.entries[h.entry].text.clone()).collect()
}

#[test]
fn bruis_puts_the_bruising_items_first() {
    let (_, mut index) = index("nottingham-city");
    let found = texts(&mut index, "bruis");
    assert!(found.len() >= 2, "{found:?}");
    assert!(found[..2].iter().all(|t| t.contains("bruising")), "{found:?}");
    // A typo still finds it, by fuzzy matching.
    assert!(texts(&mut index, "bruse").first().is_some_and(|t| t.contains("bruising")));
}

#[test]
fn dv_finds_every_domestic_abuse_indicator_at_every_level_and_nothing_else() {
    let (pack, mut index) = index("nottingham-city");
    let expected: Vec<String> = pack
        .indicators()
        .map(|(_, _, _, i)| i.text.clone())
        .filter(|t| {
            let t = t.to_lowercase();
            t.contains("domestic violence") || t.contains("domestic abuse")
        })
        .collect();
    assert!(expected.len() >= 5, "{expected:?}");
    let found = texts(&mut index, "dv");
    for text in &expected {
        assert!(found.contains(text), "{text:?} not found by dv: {found:?}");
    }
    assert!(found.iter().all(|t| t.to_lowercase().contains("domestic")), "{found:?}");
    let levels: std::collections::BTreeSet<usize> =
        index.search("dv", 200).iter().filter_map(|h| index.entries[h.entry].level).collect();
    assert!(levels.len() >= 3, "{levels:?}");
    assert_eq!(texts(&mut index, "DV"), found, "case does not matter");
}

#[test]
fn matched_characters_are_reported_for_highlighting() {
    let (_, mut index) = index("nottingham-city");
    let hit = index.search("home alone", 5).into_iter().next().expect("hit");
    let text: Vec<char> = index.entries[hit.entry].text.chars().collect();
    let highlighted: String = hit.matched.iter().map(|&i| text[i as usize]).collect();
    assert_eq!(highlighted, "homealone");
}

#[test]
fn every_shipped_pack_finds_its_own_concerns() {
    for pack in
        ["nottingham-city", "nottingham-city-cfd", "nottingham-fsp-2018", "nottingham-fsp-2014", "stoke-on-trent"]
    {
        let (_, mut index) = index(pack);
        for query in ["dv", "drugs", "school", "missing"] {
            assert!(!index.search(query, 200).is_empty(), "{pack}: {query}");
        }
    }
}

#[test]
fn pack_check_reports_related_members_that_do_not_exist() {
    let source = include_str!("fixtures/valid.ron").replacen(
        "    guidance: (",
        "    search: (related: [(id: \"health\", name: \"Health\", members: [\"health-eh1\", \"health-x9\"])]),\n    guidance: (",
        1,
    );
    let err = dutygrid::pack::load::load_pack("area.ron", source.into_bytes(), &["england-and-wales".into()])
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("related group \"health\" names \"health-x9\", which is not an indicator of this pack"),
        "{err}"
    );
}

#[test]
fn search_tick_two_results_close_and_the_summary_shows_both() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["/"]);
    for c in ["d", "v"] {
        press(&mut s, &[c]);
    }
    press(&mut s, &["enter", "down", "enter"]);
    press(&mut s, &["esc"]);
    let ticked: Vec<&str> = s.call().ticked().iter().map(|(id, _)| *id).collect();
    assert_eq!(ticked.len(), 2, "{ticked:?}");
    let screen = render(&s);
    assert!(screen.contains("2 · Concerns and suspected domestic"), "{screen}");
    assert!(screen.contains("4 · Chronic and serious domestic"), "{screen}");
    assert!(screen.contains("2 Early Help: 1"), "{screen}");
}

#[test]
fn go_to_result_moves_the_grid_cursor_to_it() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/", "f", "o", "s", "t", "e", "r", "e", "d", "tab"]);
    assert!(s.screens().is_empty());
    assert_eq!(s.grid().item(s.cursor()).map(|i| i.id.as_str()), Some("family-history-s5"));
}

#[test]
fn search_overlay_80x24() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/", "b", "r", "u", "i", "s"]);
    assert_snapshot!(render(&s));
}

#[test]
fn search_overlay_200x60_with_related_levels() {
    let mut s = state("nottingham-city", NIGHT, 200, 60);
    press(&mut s, &["/", "d", "v"]);
    assert_snapshot!(render(&s));
}
