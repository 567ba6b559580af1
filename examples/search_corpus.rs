//! The search-quality report: every caller phrasing of
//! `tests/fixtures/caller-phrasings.tsv` run through the search, as a table.
//!
//! cargo run --release --example search_corpus [-- --rows] [-- --dump-texts DIR]
//!
//! `--rows` lists each tuning phrasing's rank (the held-out fifth is
//! summarised only, so tuning never sees it); `--dump-texts DIR` writes, per
//! pack, the texts the search reads (`id<TAB>text`), for
//! `scripts/fzf-compare.py` to run fzf over the same lines.

#[path = "../tests/measure/mod.rs"]
mod measure;

use std::process::ExitCode;

fn keys(v: Option<usize>) -> String {
    v.map_or("never".to_string(), |k| k.to_string())
}

fn dump_texts(dir: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    for (id, pack) in measure::shipped_packs()? {
        let index = dutygrid::search::Index::build(&pack);
        let lines: String =
            index.entries.iter().map(|e| format!("{}\t{}\n", e.id, e.text.replace(['\t', '\n'], " "))).collect();
        let path = std::path::Path::new(dir).join(format!("{id}.txt"));
        std::fs::write(&path, lines).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// What outranks the acceptable result, for each tuning phrasing not
/// first: the way to see why a miss misses (held-out rows are not shown).
fn misses() -> Result<(), String> {
    let packs = measure::shipped_packs()?;
    for row in measure::corpus()?.iter().filter(|r| !r.held_out) {
        let pack = packs.get(&row.pack).ok_or_else(|| format!("unknown pack {:?}", row.pack))?;
        let mut index = dutygrid::search::Index::build(pack);
        let hits = index.search(&row.said, measure::DEPTH);
        let rank = hits.iter().position(|h| row.acceptable.contains(&index.entries[h.entry].id));
        if rank == Some(0) {
            continue;
        }
        println!("== {} | {:?} | rank {}", row.pack, row.said, rank.map_or("-".into(), |r| (r + 1).to_string()));
        let show = hits.iter().take(3).chain(rank.filter(|&r| r >= 3).and_then(|r| hits.get(r)));
        for h in show {
            let e = &index.entries[h.entry];
            let ok = if row.acceptable.contains(&e.id) { "OK" } else { "  " };
            let text: String = e.text.chars().take(90).collect();
            println!("  {ok} {:5.2} {:<28} {text} [{}]", h.score, e.id, h.via.as_deref().unwrap_or(""));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--dump-texts") {
        let Some(dir) = args.get(at + 1) else {
            eprintln!("--dump-texts needs a folder");
            return ExitCode::from(2);
        };
        return match dump_texts(dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    if args.iter().any(|a| a == "--misses") {
        return match misses() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let all = match measure::run(true) {
        Ok(all) => all,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.iter().any(|a| a == "--rows") {
        println!("pack\trank\tkeys(phrase)\tkeys(prefix)\tsaid");
        for (row, m) in all.iter().filter(|(r, _)| !r.held_out) {
            let rank = m.rank.map_or("-".to_string(), |r| r.to_string());
            println!("{}\t{rank}\t{}\t{}\t{}", row.pack, keys(m.keys_phrase), keys(m.keys_prefix), row.said);
        }
        println!();
    }
    let mut packs: Vec<&str> = all.iter().map(|(r, _)| r.pack.as_str()).collect();
    packs.dedup();
    packs.sort_unstable();
    packs.dedup();
    println!(
        "{:<22} {:>5} {:>7} {:>7} {:>7} {:>6} {:>6}  {:>15}  {:>15}",
        "pack", "rows", "rank 1", "top 3", "top 50", "P@1", "P@5", "keys phrase m/90", "keys prefix m/90"
    );
    let line = |name: &str, s: &measure::Summary| {
        println!(
            "{:<22} {:>5} {:>6.0}% {:>6.0}% {:>6.0}% {:>6.2} {:>6.2}  {:>7} / {:<7}  {:>7} / {:<7}",
            name,
            s.rows,
            s.at_1 * 100.0,
            s.top_3 * 100.0,
            s.found * 100.0,
            s.precision_at_1,
            s.precision_at_5,
            keys(s.phrase_median),
            keys(s.phrase_p90),
            keys(s.prefix_median),
            keys(s.prefix_p90),
        );
    };
    for pack in packs {
        let measured: Vec<measure::Measured> =
            all.iter().filter(|(r, _)| r.pack == pack).map(|(_, m)| m.clone()).collect();
        line(pack, &measure::summarise(&measured));
    }
    for (name, held_out) in [("tuned (4 in 5 rows)", false), ("held out (every 5th)", true)] {
        let measured: Vec<measure::Measured> =
            all.iter().filter(|(r, _)| r.held_out == held_out).map(|(_, m)| m.clone()).collect();
        line(name, &measure::summarise(&measured));
    }
    let measured: Vec<measure::Measured> = all.iter().map(|(_, m)| m.clone()).collect();
    let total = measure::summarise(&measured);
    line("all", &total);
    println!(
        "\nkeystrokes: letters typed one by one until an acceptable result is first; \"never\" where that share of \
         phrasings never gets there ({:.0}% reached by phrase, {:.0}% by the best prefix of one word).",
        total.phrase_reached * 100.0,
        total.prefix_reached * 100.0
    );
    let phrase: Vec<Option<usize>> = measured.iter().map(|m| m.keys_phrase).collect();
    let prefix: Vec<Option<usize>> = measured.iter().map(|m| m.keys_prefix).collect();
    let (pm, p90) = measure::reached_quantiles(&phrase);
    let (xm, x90) = measure::reached_quantiles(&prefix);
    println!(
        "of those that get there: by phrase median {} / p90 {}, by prefix median {} / p90 {}.",
        keys(pm),
        keys(p90),
        keys(xm),
        keys(x90)
    );
    match measure::vocabulary_reach() {
        Ok(share) => println!(
            "the callers' vocabulary maps {:.0}% of phrasings to a term of an acceptable indicator (exact words).",
            share * 100.0
        ),
        Err(e) => eprintln!("{e}"),
    }
    ExitCode::SUCCESS
}
