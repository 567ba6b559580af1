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

/// Floors at what the search measures, rounded down to the percent (82 % at
/// rank 1, 95 % in the top 3 of 327 phrasings; on the held-out fifth alone,
/// never looked at while tuning, 78 % and 94 %; the engine before this one:
/// 63 % and 75 %). The corpus is fixed, so the figures are deterministic:
/// raise them as the search improves, never lower them.
const FLOOR_AT_1: f64 = 0.81;
const FLOOR_TOP_3: f64 = 0.94;
const HELD_OUT_AT_1: f64 = 0.77;
const HELD_OUT_TOP_3: f64 = 0.93;

#[test]
fn search_on_the_corpus_stays_above_its_floor() {
    let all = measure::run(false).unwrap();
    let held_out: Vec<measure::Measured> = all.iter().filter(|(r, _)| r.held_out).map(|(_, m)| m.clone()).collect();
    let measured: Vec<measure::Measured> = all.into_iter().map(|(_, m)| m).collect();
    for (name, rows, at_1, top_3) in
        [("all", &measured, FLOOR_AT_1, FLOOR_TOP_3), ("held out", &held_out, HELD_OUT_AT_1, HELD_OUT_TOP_3)]
    {
        let summary = measure::summarise(rows);
        assert!(summary.at_1 >= at_1, "{name}: rank 1 for {:.1} %, floor {:.0} %", summary.at_1 * 100.0, at_1 * 100.0);
        assert!(
            summary.top_3 >= top_3,
            "{name}: top 3 for {:.1} %, floor {:.0} %",
            summary.top_3 * 100.0,
            top_3 * 100.0
        );
    }
}

/// The vocabulary carries the caller's words to the document's: measured at
/// 98 % of phrasings (exact words) when written; a deleted or broken entry
/// shows here before it shows on a call.
#[test]
fn the_callers_vocabulary_reaches_almost_every_phrasing() {
    let reach = measure::vocabulary_reach().unwrap();
    assert!(reach >= 0.95, "the vocabulary reaches {:.1} % of phrasings", reach * 100.0);
}
