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

/// A caller's word for physical harm finds it in every shipped pack, in
/// whatever words that document uses ("physical harm", "injury",
/// "significant harm including physical").
#[test]
fn belt_and_slapped_find_physical_harm_in_every_pack() {
    for pack in
        ["nottingham-city", "nottingham-city-cfd", "nottingham-fsp-2018", "nottingham-fsp-2014", "stoke-on-trent"]
    {
        let (_, mut index) = index(pack);
        for said in ["belt", "slapped", "smacked"] {
            let hits = index.search(said, 3);
            let first = hits.first().map(|h| &index.entries[h.entry]);
            let first = first.unwrap_or_else(|| panic!("{pack}: {said:?} found nothing"));
            let text = first.text.to_lowercase();
            assert!(first.tickable(), "{pack}: {said:?} led with {:?}", first.text);
            assert!(text.contains("physical") || text.contains("injur"), "{pack}: {said:?} led with {:?}", first.text);
        }
    }
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
    // Equal matches are ordered by where the words sit and by length, not
    // by the document: these two are fourth and sixth.
    press(&mut s, &["down", "down", "down", "enter", "down", "down", "enter"]);
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

fn ids(index: &mut Index, query: &str, n: usize) -> Vec<String> {
    index.search(query, n).iter().map(|h| index.entries[h.entry].id.clone()).collect()
}

#[test]
fn query_words_match_by_stem_and_close_spelling_and_small_words_need_not_match() {
    let (_, mut index) = index("nottingham-city");
    // "bruised" shares its stem with "bruising"; "the" and "is" need not match.
    assert!(texts(&mut index, "the child is bruised").first().is_some_and(|t| t.contains("bruising")));
    for (typo, word) in [("negelct", "neglect"), ("alchohol", "alcohol"), ("domestik", "domestic")] {
        let found = texts(&mut index, typo);
        assert!(found.first().is_some_and(|t| t.to_lowercase().contains(word)), "{typo}: {found:?}");
    }
}

#[test]
fn symbols_only_is_an_empty_query_and_nonsense_finds_nothing_but_nearest_words() {
    let (_, mut index) = index("nottingham-city");
    for q in ["!", "'", "^", "£", "🙂", "!!'^"] {
        assert!(index.search(q, 50).is_empty(), "{q}");
    }
    assert!(index.search("zqxjv", 50).is_empty());
    let near = index.nearest("neglext", 3);
    assert!(near.iter().any(|w| w == "neglect"), "{near:?}");
}

#[test]
fn drugs_scores_every_meaning_alike() {
    let (_, mut index) = index("stoke-on-trent");
    let hits = index.search("drugs", 50);
    let class_a = hits.iter().position(|h| index.entries[h.entry].text.contains("Class A"));
    assert!(class_a.is_some_and(|p| p < 10), "{class_a:?}");
    let top = hits[0].score;
    assert!(hits.iter().take(5).all(|h| (h.score - top).abs() < f32::EPSILON));
}

#[test]
fn cse_finds_child_exploitation_in_stoke() {
    let (_, mut index) = index("stoke-on-trent");
    let found = texts(&mut index, "cse");
    assert!(found.iter().any(|t| t.contains("child exploitation")), "{found:?}");
}

#[test]
fn multi_word_meanings_match_as_phrases() {
    let (_, mut index) = index("nottingham-city");
    // "looked after" as a phrase, not "looked" anywhere and "after" anywhere.
    for t in texts(&mut index, "lac") {
        let t = t.to_lowercase();
        assert!(t.contains("looked after") || t.contains("in care"), "{t}");
    }
}

#[test]
fn a_callers_word_finds_the_documents_term_and_says_why() {
    let (_, mut index) = index("nottingham-city");
    let hits = index.search("hit with a belt", 10);
    // "belt" is not read as a typo of "best" or "belonging".
    let first = hits.first().expect("a result");
    let via = first.via.clone().unwrap_or_default();
    assert!(via.contains(" → "), "{via}");
    let text = index.entries[first.entry].text.to_lowercase();
    assert!(text.contains("physical") || text.contains("injur"), "{text}");
    // Both ways: the document's term finds what a caller's phrase names.
    let (_, mut stoke) = super_index("stoke-on-trent");
    assert!(!stoke.search("running away", 5).is_empty());
}

fn super_index(pack: &str) -> (dutygrid::pack::Pack, Index) {
    index(pack)
}

#[test]
fn immediate_sub_points_lead_with_their_own_words() {
    let (_, mut index) = index("nottingham-city-cfd");
    let found = ids(&mut index, "trilogy", 10);
    let subs: Vec<String> = found
        .iter()
        .filter(|id| id.starts_with("imm-trilogy-"))
        .map(|id| index.entries.iter().find(|e| &e.id == id).map(|e| e.text.clone()).unwrap_or_default())
        .collect();
    assert!(subs.len() >= 3, "{found:?}");
    assert!(subs.iter().all(|t| !t.starts_with("Where there is evidence")), "{subs:?}");
}

#[test]
fn ties_are_not_broken_by_document_position() {
    let (_, mut index) = index("stoke-on-trent");
    let hits = index.search("drugs", 50);
    for pair in hits.windows(2) {
        if (pair[0].score - pair[1].score).abs() < f32::EPSILON {
            let (a, b) = (&index.entries[pair[0].entry].text, &index.entries[pair[1].entry].text);
            let start = |t: &str| t.to_lowercase().starts_with("drug") || t.to_lowercase().starts_with("substance");
            if start(a) == start(b) && index.entries[pair[0].entry].row == index.entries[pair[1].entry].row {
                assert!(a.len() <= b.len(), "{a} / {b}");
            }
        }
    }
}

fn cli(args: &[&str]) -> std::process::Output {
    support::FakeHome::new().command().args(args).output().expect("run dutygrid")
}

#[test]
fn pack_search_prints_ranked_results_with_why_as_text_and_json() {
    let out = cli(&["pack", "search", "nottingham-city", "hit with a belt", "--limit", "3", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let results = json.as_array().expect("array");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["rank"], 1);
    assert!(results[0]["id"].is_string() && results[0]["kind"].is_string() && results[0]["row"].is_string());
    assert!(results[0]["via"].as_str().is_some_and(|v| v.starts_with("hit → ")), "{json}");
    let text = cli(&["pack", "search", "stoke-on-trent", "cse"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("  1. L5") && text.contains("child exploitation"), "{text}");
    let none = cli(&["pack", "search", "nottingham-city", "zzzq xqj"]);
    assert!(String::from_utf8_lossy(&none.stdout).starts_with("No close match."));
}

#[test]
fn the_screen_says_no_close_match_and_shows_why_a_result_matched() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/", "z", "q", "x", "j"]);
    let screen = render(&s);
    assert!(screen.contains("No close match"), "{screen}");
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["/", "b", "e", "l", "t"]);
    let screen = render(&s);
    assert!(screen.contains("(belt → physical harm)"), "{screen}");
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/", "!"]);
    assert!(render(&s).contains("Type to search"));
}

#[test]
fn every_abbreviation_works_in_every_pack_where_its_meaning_occurs() {
    let words = |t: &str| {
        let w: Vec<String> = t
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        format!(" {} ", w.join(" "))
    };
    for pack in
        ["nottingham-city", "nottingham-city-cfd", "nottingham-fsp-2018", "nottingham-fsp-2014", "stoke-on-trent"]
    {
        let (_, mut index) = index(pack);
        let texts: Vec<String> = index.entries.iter().map(|e| words(&e.text)).collect();
        for a in dutygrid::search::vocabulary() {
            let occurs = a.means.iter().any(|m| texts.iter().any(|t| t.contains(&words(m))));
            if occurs {
                assert!(!index.search(&a.short, 5).is_empty(), "{pack}: {}", a.short);
            }
        }
    }
}

#[test]
fn the_callers_own_words_found_together_rank_above_what_the_vocabulary_carries_them_to() {
    // "home alone" is a callers' phrase for "left alone"; the immediate item
    // that says "home alone" itself must still come first.
    let (_, mut index) = index("nottingham-city");
    let found = ids(&mut index, "home alone", 3);
    assert_eq!(found.first().map(String::as_str), Some("imm-home-alone"), "{found:?}");
    assert!(index.search("home alone", 3)[0].via.is_none(), "a direct match needs no 'via'");
}

#[test]
fn at_80_columns_the_reason_a_callers_word_found_the_selected_result_is_shown_whole() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    for c in "hit with a belt".chars() {
        let key = if c == ' ' { "space".to_string() } else { c.to_string() };
        press(&mut s, &[&key]);
    }
    let via = match s.top() {
        Some(dutygrid::app::Screen::Search(search)) => {
            search.hits.first().and_then(|h| h.via.clone()).expect("the first result was found through the vocabulary")
        }
        other => panic!("the search is open: {other:?}"),
    };
    let screen = render(&s);
    assert!(screen.contains(&format!("this one found as: {via}")), "{via:?} not whole on:\n{screen}");
}

/// The index is built once a search box is open (the loop warms it after
/// drawing the box), never for a call that does not search: it is most of
/// the memory the app keeps.
#[test]
fn the_index_is_built_only_once_a_search_is_open() {
    let mut s = state("nottingham-city", OFFICE, 100, 30);
    assert!(!s.warm_index(), "built with no search open");
    press(&mut s, &["j", "space", "k"]);
    assert!(!s.warm_index() && s.index().is_none(), "built with no search open");
    press(&mut s, &["/"]);
    assert!(s.search().is_some());
    assert!(s.warm_index(), "not built with the search box open");
    assert!(s.index().is_some());
    assert!(!s.warm_index(), "built twice");
    // Letters typed before the loop warmed it still find: the search
    // builds the index itself when it is cold.
    let mut cold = state("nottingham-city", OFFICE, 100, 30);
    press(&mut cold, &["/", "b", "e", "l", "t"]);
    let hits = &cold.search().expect("search open").hits;
    assert!(!hits.is_empty(), "nothing found for \"belt\" on a cold index");
}
