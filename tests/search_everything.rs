#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One search for everything (issue 16 item 3): indicators, immediate
//! items, the guide's passages and its numbers in one ranked list; Enter on
//! a passage or number opens the guide there and ticks nothing.

mod support;

use dutygrid::app::Screen;
use dutygrid::pack::library::Library;
use dutygrid::search::{Index, Kind};
use support::{OFFICE, press, render, state};

const PACKS: [&str; 5] =
    ["nottingham-city", "nottingham-city-cfd", "nottingham-fsp-2018", "nottingham-fsp-2014", "stoke-on-trent"];

fn index(pack: &str) -> (dutygrid::pack::Pack, Index) {
    let (pack, _) = Library::load(None).open(pack).expect("pack");
    let index = Index::build(&pack);
    (pack, index)
}

/// The section (and id) of each of the first `n` results.
fn found(index: &mut Index, query: &str, n: usize) -> Vec<(String, String)> {
    index
        .search(query, n)
        .iter()
        .map(|h| {
            let e = &index.entries[h.entry];
            let section = match &e.kind {
                Kind::Passage(p) | Kind::Number(p) => p.section.clone(),
                Kind::Item => String::new(),
            };
            (section, e.id.clone())
        })
        .collect()
}

#[test]
fn every_number_of_every_pack_is_found_by_its_services_name() {
    for pack_id in PACKS {
        let (pack, mut index) = index(pack_id);
        let c = &pack.contacts;
        let lines = std::iter::once(&c.office).chain(&c.out_of_hours).chain(&c.emergency).chain(&c.other);
        for (n, line) in lines.enumerate() {
            let name = dutygrid::text::clean_line(&line.name);
            let hits = index.search(&name, 3);
            let numbers: Vec<&str> = hits
                .iter()
                .map(|h| &index.entries[h.entry])
                .filter(|e| matches!(e.kind, Kind::Number(_)))
                .map(|e| e.text.as_str())
                .collect();
            // The number line of this contact: its name, and its digits first.
            let digits = line.numbers.first().map(|d| dutygrid::text::clean_line(d));
            let this = numbers.iter().any(|t| t.contains(&name) && digits.as_ref().is_none_or(|d| t.starts_with(d)));
            assert!(this, "{pack_id} contact {n} {name:?}: top 3 {:?}", found(&mut index, &name, 3));
        }
    }
}

#[test]
fn camhs_finds_the_camhs_number_in_the_nottingham_packs_that_print_one() {
    for (pack, digits) in [("nottingham-fsp-2018", "0115 854 2299"), ("nottingham-fsp-2014", "0115 915 8900")] {
        let (_, mut index) = index(pack);
        let first = index.search("camhs", 1).into_iter().next().expect("a result");
        let e = &index.entries[first.entry];
        assert!(matches!(e.kind, Kind::Number(_)) && e.text.starts_with(digits), "{pack}: {}", e.text);
    }
    // The 2021 edition prints no CAMHS number, only its passage.
    let (_, mut cfd) = index("nottingham-city-cfd");
    assert_eq!(found(&mut cfd, "camhs", 1)[0].0, "camhs-spa");
}

#[test]
fn disagree_finds_escalation_and_consent_refused_finds_the_consent_rule() {
    for pack in PACKS {
        let (loaded, mut index) = index(pack);
        if loaded.guidance.escalation.is_some() {
            let top = found(&mut index, "disagree", 1);
            assert!(top[0].0.contains("escalation"), "{pack}: disagree → {top:?}");
        }
        if loaded.guidance.consent.is_some() {
            let top = found(&mut index, "consent refused", 1);
            assert_eq!(top[0].0, "consent", "{pack}: consent refused → {top:?}");
        }
    }
}

#[test]
fn a_callers_word_for_a_concern_still_finds_the_indicator_first() {
    for pack in PACKS {
        let (_, mut index) = index(pack);
        for query in ["belt", "bruising", "dv", "cannabis", "missing"] {
            let hits = index.search(query, 1);
            if let Some(h) = hits.first() {
                let e = &index.entries[h.entry];
                assert!(e.tickable(), "{pack}: {query} → {}", e.text);
            }
        }
    }
}

#[test]
fn the_guides_phrases_each_mean_words_of_some_shipped_guide() {
    let words = |t: &str| dutygrid::pack::vocabulary::words(t);
    let texts: Vec<Vec<String>> = PACKS
        .iter()
        .flat_map(|p| {
            let (pack, _) = Library::load(None).open(p).expect("pack");
            dutygrid::guide::Guide::of(&pack).sections.iter().map(|s| words(&s.text())).collect::<Vec<_>>()
        })
        .collect();
    let file: dutygrid::pack::vocabulary::VocabularyFile =
        ron::from_str(dutygrid::search::GUIDE_PHRASES).expect("the guide's phrases parse");
    assert!(file.phrases.len() >= 10);
    for phrase in &file.phrases {
        for meaning in &phrase.means {
            let wanted = words(meaning);
            assert!(
                texts.iter().any(|t| dutygrid::pack::vocabulary::occurs_as_words(&wanted, t)),
                "{meaning:?} is in no shipped guide"
            );
        }
    }
}

fn typed(s: &mut dutygrid::app::State, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' { "space".to_string() } else { c.to_string() };
        press(s, &[&key]);
    }
}

#[test]
fn enter_on_a_passage_opens_the_guide_there_and_ticks_nothing_and_esc_returns_to_the_search() {
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    typed(&mut s, "consent refused");
    press(&mut s, &["enter"]);
    assert!(s.call().ticked().is_empty(), "a passage is not ticked");
    let Some(Screen::Guide(view)) = s.top() else { panic!("the guide is open: {:?}", s.top()) };
    assert_eq!(view.guide.sections[view.section].id, "consent");
    assert!(view.offset > 0, "scrolled to the passage, not the section's top");
    let screen = render(&s);
    assert!(screen.contains("without consent"), "{screen}");
    press(&mut s, &["esc"]);
    let Some(Screen::Search(search)) = s.top() else { panic!("back to the search: {:?}", s.top()) };
    assert_eq!(search.query(), "consent refused");
}

#[test]
fn enter_on_a_number_opens_the_numbers_directory_and_enter_on_an_indicator_still_ticks() {
    let mut s = state("nottingham-fsp-2018", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    typed(&mut s, "camhs");
    let screen = render(&s);
    assert!(screen.contains("0115 854 2299"), "{screen}");
    assert!(screen.contains("opens it in the guide"), "{screen}");
    press(&mut s, &["enter"]);
    let Some(Screen::Guide(view)) = s.top() else { panic!("the guide is open: {:?}", s.top()) };
    assert_eq!(view.guide.sections[view.section].id, "numbers");
    assert!(render(&s).contains("Child & Adolescent Mental Health Service"));
    let mut s = state("nottingham-city", OFFICE, 80, 24);
    press(&mut s, &["/"]);
    typed(&mut s, "bruising");
    press(&mut s, &["enter"]);
    assert_eq!(s.call().ticked().len(), 1, "an indicator is ticked as before");
}

/// The underlined letters of each row of the search box that has any (the
/// box is 140 columns wide at most, centred).
fn underlined_rows(s: &dutygrid::app::State) -> Vec<String> {
    use ratatui::style::Modifier;
    let (width, height) = s.size();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| dutygrid::ui::draw(frame, s, &dutygrid::ui::Theme::monochrome())).unwrap();
    let buffer = terminal.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..height {
        let popup = (width - 2).min(140);
        let from = (width - popup) / 2;
        let cells: Vec<_> = (from..from + popup).map(|x| &buffer[(x, y)]).collect();
        let underlined: String =
            cells.iter().filter(|c| c.modifier.contains(Modifier::UNDERLINED)).map(|c| c.symbol()).collect();
        if !underlined.is_empty() {
            rows.push(underlined);
        }
    }
    rows
}

#[test]
fn a_results_matched_letters_are_underlined_and_nothing_else_on_its_row() {
    let mut s = state("nottingham-city", OFFICE, 200, 60);
    press(&mut s, &["/"]);
    typed(&mut s, "bruising");
    let (search, index) = (s.search().unwrap(), s.index().unwrap());
    // The first results are indicators, whole on their rows at 200 columns.
    let expected: Vec<String> = search.hits[..3]
        .iter()
        .map(|hit| {
            let text: Vec<char> = index.entries[hit.entry].text.chars().collect();
            hit.matched.iter().map(|&i| text[i as usize]).collect()
        })
        .collect();
    assert!(expected.iter().all(|e| !e.is_empty()), "{expected:?}");
    let rows = underlined_rows(&s);
    // The search box's own line is underlined too (the text box's cursor line).
    assert_eq!(rows[0], "bruising");
    assert_eq!(rows[1..4], expected[..]);
}
