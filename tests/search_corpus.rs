#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The corpus of caller phrasings is well formed, and search on it does not
//! fall below the figures measured on the engine of its day. The full
//! report, keystrokes included, is `cargo run --release --example search_corpus`.

#[path = "measure/mod.rs"]
mod measure;

use std::collections::HashSet;

#[test]
fn the_corpus_covers_every_shipped_pack_with_real_ids() {
    let rows = measure::corpus().unwrap();
    assert!(rows.len() >= 200, "{} rows", rows.len());
    let packs = measure::shipped_packs().unwrap();
    let mut bad = Vec::new();
    for row in &rows {
        let pack = packs.get(&row.pack).unwrap_or_else(|| panic!("unknown pack {:?}", row.pack));
        let ids: HashSet<&str> = pack.item_ids().collect();
        bad.extend(
            row.acceptable.iter().filter(|id| !ids.contains(id.as_str())).map(|id| format!("{}: {id}", row.pack)),
        );
    }
    assert!(bad.is_empty(), "ids not in their pack: {bad:?}");
    let covered: HashSet<&str> = rows.iter().map(|r| r.pack.as_str()).collect();
    assert_eq!(covered.len(), packs.len(), "every shipped pack has phrasings");
    let distinct: HashSet<(&str, &str)> = rows.iter().map(|r| (r.pack.as_str(), r.said.as_str())).collect();
    assert_eq!(distinct.len(), rows.len(), "no phrasing twice for one pack");
}

/// Floors just under what the words-and-vocabulary search measures (63 %
/// at rank 1, 76 % in the top 3 of 327 phrasings; the engine before it:
/// 13 % and 15 %); raise them as the search improves, never lower them.
const FLOOR_AT_1: f64 = 0.60;
const FLOOR_TOP_3: f64 = 0.72;

#[test]
fn search_on_the_corpus_stays_above_its_floor() {
    let all = measure::run(false).unwrap();
    let measured: Vec<measure::Measured> = all.into_iter().map(|(_, m)| m).collect();
    let summary = measure::summarise(&measured);
    assert!(summary.at_1 >= FLOOR_AT_1, "rank 1 for {:.1} %, floor {:.0} %", summary.at_1 * 100.0, FLOOR_AT_1 * 100.0);
    assert!(
        summary.top_3 >= FLOOR_TOP_3,
        "top 3 for {:.1} %, floor {:.0} %",
        summary.top_3 * 100.0,
        FLOOR_TOP_3 * 100.0
    );
}

/// The vocabulary carries the caller's words to the document's: measured at
/// 98 % of phrasings (exact words) when written; a deleted or broken entry
/// shows here before it shows on a call.
#[test]
fn the_callers_vocabulary_reaches_almost_every_phrasing() {
    let reach = measure::vocabulary_reach().unwrap();
    assert!(reach >= 0.95, "the vocabulary reaches {:.1} % of phrasings", reach * 100.0);
}
