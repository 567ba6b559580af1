//! Measures search on the corpus of caller phrasings
//! (`tests/fixtures/caller-phrasings.tsv`): where the first acceptable
//! result ranks, precision at 1 and 5, and how many keystrokes bring an
//! acceptable result to the top. Shared by the floor test
//! (`tests/search_corpus.rs`) and the report (`cargo run --example
//! search_corpus`), so both read the same figures.

use std::collections::{HashMap, HashSet};

use dutygrid::pack::Pack;
use dutygrid::pack::library::BUILTIN_PACK_SOURCES;
use dutygrid::pack::load::load_pack;
use dutygrid::search::Index;

pub const CORPUS: &str = include_str!("../fixtures/caller-phrasings.tsv");

/// How deep a ranking is read; an acceptable result below this is a miss.
pub const DEPTH: usize = 50;

pub struct Row {
    /// Every fifth row is held out: set aside before the search was tuned
    /// on the rest, never looked at while tuning, so its figures say how
    /// the search does on phrasings it was not fitted to.
    pub held_out: bool,
    pub pack: String,
    pub said: String,
    pub acceptable: HashSet<String>,
}

/// The corpus rows; `#` lines are comments. A malformed row is an error
/// naming its line, so a typo in the corpus cannot silently drop a row.
pub fn corpus() -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (n, line) in CORPUS.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [pack, said, ids] = cols[..] else {
            return Err(format!("caller-phrasings.tsv:{}: expected 3 tab-separated columns", n + 1));
        };
        let acceptable: HashSet<String> =
            ids.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        if acceptable.is_empty() {
            return Err(format!("caller-phrasings.tsv:{}: no acceptable ids", n + 1));
        }
        let held_out = (rows.len() + 1) % 5 == 0;
        rows.push(Row { held_out, pack: pack.to_string(), said: said.to_string(), acceptable });
    }
    Ok(rows)
}

pub fn shipped_packs() -> Result<HashMap<String, Pack>, String> {
    let calendars = vec!["england-and-wales".to_string()];
    BUILTIN_PACK_SOURCES
        .iter()
        .map(|(name, source)| {
            load_pack(name, source.as_bytes().to_vec(), &calendars)
                .map(|p| (p.id.clone(), p))
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// One row's results.
#[derive(Debug, Clone)]
pub struct Measured {
    /// 1-based rank of the first acceptable result, if within [`DEPTH`].
    pub rank: Option<usize>,
    /// Acceptable results among the first 1 and the first 5.
    pub hits_at_1: usize,
    pub hits_at_5: usize,
    /// Letters typed, one by one, until an acceptable result is first.
    pub keys_phrase: Option<usize>,
    /// The fewest letters of one distinctive word that put an acceptable
    /// result first.
    pub keys_prefix: Option<usize>,
}

/// Words too common to be the one word a handler types.
const SMALL: &[&str] = &[
    "a", "an", "and", "the", "in", "on", "of", "to", "for", "at", "by", "is", "are", "was", "not", "no", "with",
    "from", "her", "his", "him", "she", "he", "they", "them", "all", "has", "had", "been", "being", "off", "out", "up",
];

fn ids(index: &mut Index, query: &str, limit: usize) -> Vec<String> {
    index.search(query, limit).into_iter().map(|h| index.entries[h.entry].id.clone()).collect()
}

/// Letters of `text` typed one at a time into a fresh search, as a
/// handler would; the count at which an acceptable result is first.
fn keystrokes(base: &Index, text: &str, acceptable: &HashSet<String>) -> Option<usize> {
    let mut index = base.clone();
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len()).find(|&k| {
        let typed: String = chars[..k].iter().collect();
        ids(&mut index, &typed, 1).first().is_some_and(|id| acceptable.contains(id))
    })
}

/// `keys`: also count keystrokes (a search per letter typed: slow in a
/// debug build, so the floor test leaves it to the report).
pub fn measure(base: &Index, row: &Row, keys: bool) -> Measured {
    let mut index = base.clone();
    let ranked = ids(&mut index, &row.said, DEPTH);
    let rank = ranked.iter().position(|id| row.acceptable.contains(id)).map(|p| p + 1);
    let hits = |k: usize| ranked.iter().take(k).filter(|id| row.acceptable.contains(*id)).count();
    let keys_prefix = if !keys {
        None
    } else {
        row.said
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| w.len() >= 3 && !SMALL.contains(&w.to_lowercase().as_str()))
            .filter_map(|w| keystrokes(base, w, &row.acceptable))
            .min()
    };
    Measured {
        rank,
        hits_at_1: hits(1),
        hits_at_5: hits(5),
        keys_phrase: if keys { keystrokes(base, &row.said, &row.acceptable) } else { None },
        keys_prefix,
    }
}

/// The corpus's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub at_1: f64,
    pub top_3: f64,
    pub found: f64,
    pub precision_at_1: f64,
    pub precision_at_5: f64,
    /// Median and 90th percentile of keystrokes; `None` where that share
    /// of rows never brings an acceptable result first.
    pub phrase_median: Option<usize>,
    pub phrase_p90: Option<usize>,
    pub prefix_median: Option<usize>,
    pub prefix_p90: Option<usize>,
    pub phrase_reached: f64,
    pub prefix_reached: f64,
}

/// The `q` quantile (nearest rank), counting never-reached as worst.
fn quantile(values: &[Option<usize>], q: f64) -> Option<usize> {
    let mut sorted: Vec<usize> = values.iter().map(|v| v.unwrap_or(usize::MAX)).collect();
    sorted.sort_unstable();
    let at = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(at).copied().filter(|&v| v != usize::MAX)
}

pub fn summarise(measured: &[Measured]) -> Summary {
    let n = measured.len().max(1) as f64;
    let share = |f: &dyn Fn(&Measured) -> bool| measured.iter().filter(|m| f(m)).count() as f64 / n;
    let phrase: Vec<Option<usize>> = measured.iter().map(|m| m.keys_phrase).collect();
    let prefix: Vec<Option<usize>> = measured.iter().map(|m| m.keys_prefix).collect();
    Summary {
        rows: measured.len(),
        at_1: share(&|m| m.rank == Some(1)),
        top_3: share(&|m| m.rank.is_some_and(|r| r <= 3)),
        found: share(&|m| m.rank.is_some()),
        precision_at_1: measured.iter().map(|m| m.hits_at_1 as f64).sum::<f64>() / n,
        precision_at_5: measured.iter().map(|m| m.hits_at_5 as f64 / 5.0).sum::<f64>() / n,
        phrase_median: quantile(&phrase, 0.5),
        phrase_p90: quantile(&phrase, 0.9),
        prefix_median: quantile(&prefix, 0.5),
        prefix_p90: quantile(&prefix, 0.9),
        phrase_reached: share(&|m| m.keys_phrase.is_some()),
        prefix_reached: share(&|m| m.keys_prefix.is_some()),
    }
}

/// Every row measured against the shipped packs.
pub fn run(keys: bool) -> Result<Vec<(Row, Measured)>, String> {
    let packs = shipped_packs()?;
    let mut indexes: HashMap<String, Index> = HashMap::new();
    let mut all = Vec::new();
    for row in corpus()? {
        let pack = packs.get(&row.pack).ok_or_else(|| format!("the corpus names unknown pack {:?}", row.pack))?;
        let index = indexes.entry(row.pack.clone()).or_insert_with(|| Index::build(pack));
        let measured = measure(index, &row, keys);
        all.push((row, measured));
    }
    Ok(all)
}

/// The share of rows whose phrasing holds a caller's phrase (as words) of
/// the vocabulary that maps to a term in one of the row's acceptable
/// indicators: what the vocabulary can carry, whatever the engine does
/// with it. Exact words, no stemming, so an engine with stems does better.
pub fn vocabulary_reach() -> Result<f64, String> {
    use dutygrid::pack::vocabulary::{callers, occurs_as_words, words};
    let packs = shipped_packs()?;
    let phrases = callers();
    let rows = corpus()?;
    let reached = rows
        .iter()
        .filter(|row| {
            let Some(pack) = packs.get(&row.pack) else { return false };
            let acceptable: Vec<Vec<String>> = pack
                .catalog()
                .entries()
                .iter()
                .filter(|e| row.acceptable.contains(&e.id))
                .map(|e| words(&e.full_text))
                .collect();
            let said = words(&row.said);
            phrases.iter().any(|p| {
                p.said.iter().any(|s| occurs_as_words(&words(s), &said))
                    && p.means.iter().any(|m| acceptable.iter().any(|t| occurs_as_words(&words(m), t)))
            })
        })
        .count();
    Ok(reached as f64 / rows.len().max(1) as f64)
}

/// The median and 90th percentile of the rows that ever get there.
// The report uses it; the floor test counts no keystrokes.
#[allow(dead_code)]
pub fn reached_quantiles(values: &[Option<usize>]) -> (Option<usize>, Option<usize>) {
    let reached: Vec<Option<usize>> = values.iter().copied().filter(Option::is_some).collect();
    (quantile(&reached, 0.5), quantile(&reached, 0.9))
}
