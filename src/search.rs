//! Finding indicators as a caller talks: fuzzy matching with nucleo over
//! every grid indicator and immediate-referral item, widened by the
//! vocabulary of abbreviations ("dv" → domestic violence/abuse), and the
//! curated groups that link one concern across levels. No terminal code.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use serde::Deserialize;

use crate::pack::{Abbreviation, Pack};
use crate::text::clean_line;

pub const VOCABULARY: &str = include_str!("../packs/vocabulary/common.ron");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    abbreviations: Vec<Abbreviation>,
}

/// The built-in vocabulary; it is tested, so a parse failure here is a
/// build defect and yields no abbreviations rather than a panic.
pub fn vocabulary() -> Vec<Abbreviation> {
    crate::source::ron_options().from_str::<Vocabulary>(VOCABULARY).map(|v| v.abbreviations).unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub text: String,
    /// 0-based level; `None` for the immediate-referral list.
    pub level: Option<usize>,
    pub row: String,
    /// Ticking it raises the immediate-protection alert.
    pub alert: bool,
    haystack: Utf32String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    pub score: u32,
    /// Character positions of `text` that matched, for highlighting.
    pub matched: Vec<u32>,
    /// The meaning of an abbreviation that found it ("domestic abuse").
    pub via: Option<String>,
}

pub struct Index {
    pub entries: Vec<Entry>,
    abbreviations: Vec<Abbreviation>,
    matcher: Matcher,
    /// The last plain query and the entries its letters matched: typing one
    /// more letter can only narrow them, so the next search looks only there.
    narrowed: Option<(String, Vec<usize>)>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} entries)", self.entries.len())
    }
}

impl Clone for Index {
    fn clone(&self) -> Self {
        Index {
            entries: self.entries.clone(),
            abbreviations: self.abbreviations.clone(),
            matcher: Matcher::new(Config::DEFAULT),
            narrowed: None,
        }
    }
}

/// One ASCII character per character of `text`, so match positions in the
/// folded copy are positions in the original. Matching ASCII is about ten
/// times faster in nucleo than text with curly quotes and dashes.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            '‘' | '’' | '′' => '\'',
            '“' | '”' | '″' => '"',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'À' | 'Á' | 'Â' | 'Ä' => 'A',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            _ => ' ',
        })
        .collect()
}

impl Index {
    pub fn build(pack: &Pack) -> Index {
        let entries: Vec<Entry> = pack
            .catalog()
            .entries()
            .iter()
            .map(|e| {
                let mut entry = Entry::new(&e.id, &e.full_text, e.level, &e.row);
                entry.alert = e.alert;
                entry
            })
            .collect();
        let mut abbreviations = vocabulary();
        abbreviations.extend(pack.search.abbreviations.iter().cloned());
        Index::from_entries(entries, abbreviations)
    }

    pub fn from_entries(entries: Vec<Entry>, abbreviations: Vec<Abbreviation>) -> Index {
        Index { entries, abbreviations, matcher: Matcher::new(Config::DEFAULT), narrowed: None }
    }

    /// The meanings of an abbreviation typed as the whole query.
    fn expansions(&self, query: &str) -> Vec<String> {
        let q = query.trim().to_lowercase().replace(['-', ' '], "");
        self.abbreviations
            .iter()
            .filter(|a| a.short.to_lowercase().replace(['-', ' '], "") == q)
            .flat_map(|a| a.means.iter().cloned())
            .collect()
    }

    /// The best `limit` entries for `query`, best first.
    ///
    /// Three kinds of match, best first: the meaning of an abbreviation found
    /// as words in the text; the words typed found as they are; and, for
    /// typos ("bruse"), fuzzy matches nearly as good as the best fuzzy match.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let folded = fold(query);
        let words = |text: &str| Pattern::new(text, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        // An abbreviation is searched for by its meanings only: "dv" as
        // letters would find "advice" and "developmental".
        let meanings = self.expansions(query);
        let mut patterns = Vec::new();
        if meanings.is_empty() {
            patterns.push((Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart), Kind::Fuzzy, None));
            patterns.push((words(&folded), Kind::Words, None));
        }
        for meaning in meanings {
            patterns.push((words(&fold(&meaning)), Kind::Meaning, Some(meaning)));
        }
        // A plain query that extends the last one can only match where the
        // last one did (its letters, in order, are still needed).
        let plain = patterns.iter().all(|(_, kind, _)| *kind != Kind::Meaning);
        let candidates: Vec<usize> = match &self.narrowed {
            Some((last, matched)) if plain && query.starts_with(last.as_str()) => matched.clone(),
            _ => (0..self.entries.len()).collect(),
        };
        // Large packs are scored on every core; small ones are not worth a thread.
        let (mut scored, fuzzy_matched) = if candidates.len() >= PARALLEL_FROM {
            let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
            let chunk = candidates.len().div_ceil(threads);
            let entries = &self.entries;
            let patterns = &patterns;
            std::thread::scope(|scope| {
                let workers: Vec<_> = candidates
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || score(entries, part, patterns, &mut Matcher::new(Config::DEFAULT))))
                    .collect();
                let mut scored = Vec::new();
                let mut matched = Vec::new();
                for worker in workers {
                    // A worker only scores; if one ever panicked, its share
                    // is missing from the results rather than the app gone.
                    if let Ok((s, m)) = worker.join() {
                        scored.extend(s);
                        matched.extend(m);
                    }
                }
                (scored, matched)
            })
        } else {
            score(&self.entries, &candidates, &patterns, &mut self.matcher)
        };
        self.narrowed = plain.then(|| (query.to_string(), fuzzy_matched));
        let best_fuzzy = scored.iter().map(|h| h.4).max().unwrap_or(0);
        // Letters scattered across a long indicator match fuzzily too; well
        // below the best fuzzy match they are noise, not results.
        scored.retain(|h| h.3 != Kind::Fuzzy || h.4 * 10 >= best_fuzzy * 9);
        // Best score first; ties in document order (lower levels first).
        let order = |a: &Scored, b: &Scored| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if scored.len() > limit && limit > 0 {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_by(order);
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(entry, score, p, _, _)| {
                let mut matched = Vec::new();
                let (pattern, _, via) = &patterns[p];
                pattern.indices(self.entries[entry].haystack.slice(..), &mut self.matcher, &mut matched);
                matched.sort_unstable();
                matched.dedup();
                Hit { entry, score, matched, via: via.clone() }
            })
            .collect()
    }
}

/// From this many entries a search is split across threads.
const PARALLEL_FROM: usize = 8_192;

type Scored = (usize, u32, usize, Kind, u32);

/// Scores `candidates` against every pattern: (entry, best score, winning
/// pattern, its kind, the fuzzy pattern's own score), and the entries the
/// typed letters matched.
fn score(
    entries: &[Entry],
    candidates: &[usize],
    patterns: &[(Pattern, Kind, Option<String>)],
    matcher: &mut Matcher,
) -> (Vec<Scored>, Vec<usize>) {
    let mut scored = Vec::new();
    let mut fuzzy_matched = Vec::new();
    for &i in candidates {
        let haystack = entries[i].haystack.slice(..);
        let mut best: Option<(u32, usize, Kind)> = None;
        let mut fuzzy: Option<u32> = None;
        for (p, (pattern, kind, _)) in patterns.iter().enumerate() {
            // The words typed can only be found where their letters are: no
            // fuzzy match, no need to look for the words.
            if *kind == Kind::Words && fuzzy.is_none() {
                continue;
            }
            let Some(score) = pattern.score(haystack, matcher) else { continue };
            if *kind == Kind::Fuzzy {
                fuzzy = Some(score);
            }
            let score = score + kind.bonus();
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, p, *kind));
            }
        }
        if fuzzy.is_some() {
            fuzzy_matched.push(i);
        }
        if let Some((score, p, kind)) = best {
            scored.push((i, score, p, kind, fuzzy.unwrap_or(0)));
        }
    }
    (scored, fuzzy_matched)
}

/// How a result was found; better kinds rank above worse ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fuzzy,
    Words,
    Meaning,
}

impl Kind {
    fn bonus(self) -> u32 {
        match self {
            Kind::Fuzzy => 0,
            Kind::Words => 500,
            Kind::Meaning => 1_000,
        }
    }
}

impl Entry {
    /// An entry that does not raise the alert; [`Index::build`] sets
    /// `alert` from the pack's catalog.
    pub fn new(id: &str, text: &str, level: Option<usize>, row: &str) -> Entry {
        let text = clean_line(text);
        let haystack = Utf32String::from(fold(&text));
        Entry { id: id.to_string(), haystack, text, level, row: clean_line(row), alert: false }
    }
}

/// The related groups an item belongs to, with the other members.
pub fn related<'a>(pack: &'a Pack, id: &str) -> Vec<(&'a str, Vec<&'a str>)> {
    pack.search
        .related
        .iter()
        .filter(|g| g.members.iter().any(|m| m == id))
        .map(|g| (g.name.as_str(), g.members.iter().map(String::as_str).filter(|m| *m != id).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_character_per_character() {
        let text = "Left “home alone” – parent’s café";
        assert_eq!(fold(text).chars().count(), text.chars().count());
        assert_eq!(fold(text), "Left \"home alone\" - parent's cafe");
    }

    #[test]
    fn the_vocabulary_parses() {
        assert!(vocabulary().iter().any(|a| a.short == "dv"));
    }
}
