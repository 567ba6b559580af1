//! Per-keystroke search latency: the real Nottingham City pack, and a
//! generated pack of 50,000 indicators with realistic non-ASCII text (curly
//! quotes, dashes). Each sample is one keystroke of a query typed letter by
//! letter. Run with `cargo bench --bench search`.
#![allow(clippy::expect_used)]

use dutygrid::pack::library::Library;
use dutygrid::search::{Entry, Index, vocabulary};

fn main() {
    // divan reports median and extremes; the budget is a p95 per
    // keystroke, so that is printed first over the same keystrokes.
    p95("shipped pack (nottingham-city)", real());
    p95("generated 50,000 indicators", generated(50_000));
    divan::main();
}

fn real() -> Index {
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    Index::build(&pack)
}

fn p95(name: &str, mut index: Index) {
    let mut times: Vec<std::time::Duration> = Vec::new();
    for _ in 0..5 {
        for key in keystrokes() {
            let start = std::time::Instant::now();
            divan::black_box(index.search(&key, 200).len());
            times.push(start.elapsed());
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!("{name}: per keystroke p50 {:?}, p95 {:?}, max {:?}", at(0.5), at(0.95), at(1.0));
}

/// What a handler types, a letter at a time.
const QUERIES: [&str; 6] = ["bruising", "dv", "home alone", "substance misuse", "self harm", "bruse"];

fn keystrokes() -> Vec<String> {
    QUERIES.iter().flat_map(|q| (1..=q.chars().count()).map(move |n| q.chars().take(n).collect())).collect()
}

/// 50,000 indicators made from the words of the five real packs, so that
/// matches are as rare or common as in real text, with curly quotes and
/// dashes as the documents print them.
fn generated(n: usize) -> Index {
    let library = Library::load(None);
    let mut words: Vec<String> = Vec::new();
    for entry in library.entries() {
        let pack = entry.pack.expect("shipped pack");
        for (_, _, _, indicator) in pack.indicators() {
            words.extend(indicator.text.split_whitespace().map(String::from));
        }
    }
    words.extend(["parent’s", "“home", "alone”", "–", "child’s"].map(String::from));
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let entries = (0..n)
        .map(|i| {
            let length = 6 + i % 9;
            let text: Vec<&str> = (0..length)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    words[(seed % words.len() as u64) as usize].as_str()
                })
                .collect();
            Entry::new(&format!("g{i}"), &text.join(" "), Some(i % 5), "Generated row")
        })
        .collect();
    Index::from_entries(entries, vocabulary())
}

#[divan::bench(sample_count = 500)]
fn keystroke_real_pack(bencher: divan::Bencher) {
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    let mut index = Index::build(&pack);
    let keys = keystrokes();
    let mut n = 0;
    bencher.bench_local(|| {
        n = (n + 1) % keys.len();
        index.search(&keys[n], 200).len()
    });
}

#[divan::bench(sample_count = 200)]
fn keystroke_50k_non_ascii(bencher: divan::Bencher) {
    let mut index = generated(50_000);
    let keys = keystrokes();
    let mut n = 0;
    bencher.bench_local(|| {
        n = (n + 1) % keys.len();
        index.search(&keys[n], 200).len()
    });
}

#[divan::bench(args = ["b", "bru", "bruising", "dv", "home alone", "self harm", "bruse"], sample_count = 30)]
fn whole_query_50k(bencher: divan::Bencher, query: &str) {
    let mut index = generated(50_000);
    bencher.bench_local(|| index.search(query, 200).len());
}
