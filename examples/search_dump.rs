//! Every result of the search, for proving a change to the engine changes
//! nothing it finds: each caller phrasing of the corpus (and a few more
//! queries) typed letter by letter in its own pack, each result's id,
//! score, parts filled, whether by letters, why and highlighted characters.
//!
//! cargo run --release --example search_dump > before.txt   (then after, and cmp)
#![allow(clippy::expect_used)]
#[path = "../tests/measure/mod.rs"]
// Only the corpus and the packs are read here, not the measures.
#[allow(dead_code)]
mod measure;
fn main() {
    let packs = measure::shipped_packs().expect("packs");
    let rows = measure::corpus().expect("corpus");
    let mut ids: Vec<&String> = packs.keys().collect();
    ids.sort();
    for id in ids {
        let mut index = dutygrid::search::Index::build(&packs[id]);
        let extra = [
            "b",
            "s",
            "home alone",
            "bruse",
            "dv",
            "cse",
            "!",
            "belt",
            "hit with a belt",
            "drugs",
            "looked after",
            "in care",
            "negelct",
            "consent refused",
            "police",
        ];
        let mut queries: Vec<String> = rows.iter().filter(|r| &r.pack == id).map(|r| r.said.clone()).collect();
        queries.extend(extra.iter().map(|s| s.to_string()));
        for q in queries {
            let chars: Vec<char> = q.chars().collect();
            for n in 1..=chars.len() {
                let k: String = chars[..n].iter().collect();
                let hits = index.search(&k, 30);
                println!("{id} {k:?}");
                for h in hits {
                    println!(
                        "  {} {:.4} {} {} {:?} {:?}",
                        index.entries[h.entry].id, h.score, h.filled, h.by_letters, h.via, h.matched
                    );
                }
            }
        }
    }
}
