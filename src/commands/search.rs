//! `dutygrid pack search`: the search screen's engine on the command line,
//! for pack authors checking their vocabulary and for scripts.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Outcome, json};
use crate::cli::TextOrJson;
use crate::pack::library::Library;
use crate::search::Index;

#[derive(Serialize)]
struct Found {
    rank: usize,
    id: String,
    kind: &'static str,
    /// 1-based; none for the immediate-referral list and the guide.
    level: Option<usize>,
    row: String,
    text: String,
    score: f32,
    /// "L3", "imm", "doc" (guidance) or "tel" (number).
    #[serde(skip)]
    tag: String,
    /// The words of `text` that matched.
    matched: Vec<String>,
    /// The abbreviation's meaning or the caller's word → the document's.
    via: Option<String>,
}

pub fn search(library: &Library, pack: &str, query: &str, limit: usize, format: TextOrJson) -> Outcome {
    let pack = match library.open(pack) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let mut index = Index::build(&pack);
    let found: Vec<Found> = index
        .search(query, limit)
        .into_iter()
        .enumerate()
        .map(|(n, hit)| {
            let e = &index.entries[hit.entry];
            let chars: Vec<char> = e.text.chars().collect();
            let mut matched = Vec::new();
            let mut last = None;
            for &i in &hit.matched {
                let c = chars.get(i as usize).copied().unwrap_or(' ');
                if last.is_none_or(|l: u32| l + 1 != i) {
                    matched.push(String::new());
                }
                if let Some(m) = matched.last_mut() {
                    m.push(c);
                }
                last = Some(i);
            }
            Found {
                rank: n + 1,
                id: e.id.clone(),
                kind: e.kind_name(),
                level: e.level.map(|l| l + 1),
                row: e.row.clone(),
                text: e.text.clone(),
                score: hit.score,
                tag: e.tag(),
                matched,
                via: hit.via,
            }
        })
        .collect();
    match format {
        TextOrJson::Json => Outcome::ok(json(&found)),
        TextOrJson::Text if found.is_empty() => {
            let near = index.nearest(query, 5);
            let mut out = "No close match.\n".to_string();
            if !near.is_empty() {
                let _ = writeln!(out, "Nearest words in this pack: {}", near.join(", "));
            }
            Outcome::ok(out)
        }
        TextOrJson::Text => {
            let mut out = String::new();
            for f in &found {
                let _ = writeln!(out, "{:>3}. {:<4}{}  [{}] {}", f.rank, f.tag, f.id, f.row, f.text);
                let why = match &f.via {
                    Some(via) => format!("{} (via {via})", f.matched.join(", ")),
                    None => f.matched.join(", "),
                };
                let _ = writeln!(out, "     matched: {why}");
            }
            Outcome::ok(out)
        }
    }
}
