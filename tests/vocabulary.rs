#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The callers' vocabulary: every document term it maps to is found in a
//! shipped pack, and `pack check` points at an entry that is not.

mod support;

use dutygrid::pack::Pack;
use dutygrid::pack::library::BUILTIN_PACK_SOURCES;
use dutygrid::pack::load::load_pack;
use dutygrid::pack::vocabulary::{CALLERS, callers, load_vocabulary};

fn shipped() -> Vec<Pack> {
    let calendars = vec!["england-and-wales".to_string()];
    BUILTIN_PACK_SOURCES
        .iter()
        .map(|(name, source)| load_pack(name, source.as_bytes().to_vec(), &calendars).unwrap())
        .collect()
}

/// The 1-based line and column of the `nth` occurrence of `needle`.
fn position_of(source: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = source.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in source");
    let before = &source[..offset];
    (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
}

#[test]
fn the_shipped_callers_vocabulary_passes_its_check_and_is_large() {
    let packs = shipped();
    let refs: Vec<&Pack> = packs.iter().collect();
    let file = load_vocabulary("callers.ron", CALLERS.as_bytes().to_vec(), &refs).unwrap();
    assert!(file.phrases.len() >= 200, "{} entries", file.phrases.len());
    assert_eq!(callers().len(), file.phrases.len());
    // The issue's own examples are there, in the documents' words.
    let maps = |said: &str, means: &str| {
        file.phrases.iter().any(|p| p.said.iter().any(|s| s == said) && p.means.iter().any(|m| m == means))
    };
    for (said, means) in [
        ("belt", "physical harm"),
        ("county lines", "criminal exploitation"),
        ("home schooled", "electively home educated"),
        ("suspended", "exclusion"),
        ("prison", "custody"),
        ("refugee", "asylum"),
        ("jabs", "immunisation"),
        ("overweight", "obese"),
        ("respite", "short breaks"),
        ("cannabis", "substance misuse"),
        ("cutting", "self-harm"),
        ("shouting", "conflict"),
        ("domestic violence", "domestic abuse"),
        ("domestic abuse", "domestic violence"),
    ] {
        assert!(maps(said, means), "{said} → {means}");
    }
}

#[test]
fn a_term_no_pack_uses_is_an_error_at_its_position() {
    let packs = shipped();
    let refs: Vec<&Pack> = packs.iter().collect();
    // Two entries with the same bad term: each is reported at its own place.
    let extra = "        (said: [\"zebra\"], means: [\"physical harm\", \"zebra crossing\"]),\n        (said: [\"stripes\"], means: [\"zebra crossing\"]),\n    ],\n)";
    let source = CALLERS.replacen("    ],\n)", extra, 1);
    assert_ne!(source, CALLERS);
    let err = load_vocabulary("callers.ron", source.clone().into_bytes(), &refs).unwrap_err();
    assert_eq!(err.0.len(), 2, "{err}");
    for (nth, diagnostic) in err.0.iter().enumerate() {
        let (line, col) = position_of(&source, "\"zebra crossing\"", nth);
        assert_eq!(
            diagnostic.to_string(),
            format!(
                "callers.ron:{line}:{col}: \"zebra crossing\" does not occur as words in any shipped pack's indicators"
            )
        );
    }
}

#[test]
fn terms_match_as_words_not_letters() {
    let packs = shipped();
    let refs: Vec<&Pack> = packs.iter().collect();
    // "harm" occurs inside "harmful"/"harming"; "arm" does not occur as a word.
    let source = "(phrases: [(said: [\"broken arm\"], means: [\"arm\"])])";
    let err = load_vocabulary("v.ron", source.as_bytes().to_vec(), &refs).unwrap_err();
    assert!(err.to_string().starts_with("v.ron:1:43: \"arm\" does not occur"), "{err}");
    let source = "(phrases: [(said: [\"a and e\"], means: [\"A&E\", \"Physical  HARM\"])])";
    assert!(load_vocabulary("v.ron", source.as_bytes().to_vec(), &refs).is_ok());
    let source = "(phrases: [(said: [], means: [\"injury\"])])";
    assert!(load_vocabulary("v.ron", source.as_bytes().to_vec(), &refs).is_err());
}

#[test]
fn pack_check_checks_a_vocabulary_file_against_the_shipped_packs() {
    let home = support::FakeHome::new();
    let dir = home.path().join("work/vocabulary");
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("ours.ron");
    std::fs::write(&good, "(phrases: [(said: [\"jabs\"], means: [\"immunisation\"])])").unwrap();
    let out = home.command().args(["pack", "check"]).arg(&good).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok: vocabulary, 1 phrase(s)"));

    let bad = dir.join("bad.ron");
    let text = "(phrases: [\n  (said: [\"jabs\"], means: [\"immunisation\", \"jabberwock\"]),\n])";
    std::fs::write(&bad, text).unwrap();
    let out = home.command().args(["pack", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, col) = position_of(text, "\"jabberwock\"", 0);
    assert!(stderr.contains(&format!("bad.ron:{line}:{col}: \"jabberwock\" does not occur as words")), "{stderr}");
}

#[test]
fn a_packs_own_phrases_must_use_that_packs_words() {
    let valid = include_str!("fixtures/valid.ron");
    let calendars = vec!["england-and-wales".to_string()];
    let with = |phrases: &str| {
        let at = valid.rfind(')').unwrap();
        format!("{}    search: (phrases: [{phrases}]),\n)", &valid[..at])
    };
    let good = with("(said: [\"jabs\"], means: [\"missed health appointments\", \"bruising\"])");
    load_pack("area.ron", good.into_bytes(), &calendars).unwrap();
    // "immunisation" is in shipped packs but not in this one.
    let bad = with("(said: [\"jabs\"], means: [\"bruising\", \"immunisation\"])");
    let err = load_pack("area.ron", bad.clone().into_bytes(), &calendars).unwrap_err();
    let (line, col) = position_of(&bad, "\"immunisation\"", 0);
    assert_eq!(
        err.to_string().trim(),
        format!("area.ron:{line}:{col}: \"immunisation\" does not occur as words in this pack's indicators")
    );
}
