//! One search for everything: the pack's items (indicators and immediate
//! items) and its guide (passages and numbers) ranked apart, each by its
//! own words, then merged into one list. Ranked apart, the guide cannot
//! change how items rank among themselves (its words would change their
//! weights); merged, a passage comes after an item matched as well.

use std::sync::Arc;

use super::engine::{Entry, Hit, Kind, Part};
use super::heard::Vocabulary;
use super::vocabulary::Phrase;
use crate::pack::{Abbreviation, Pack};

/// What a guide passage is worth against an item matching as much of the
/// query. A caller's words ("bruising", "belt") name an indicator first, and
/// the guide's long passages use the same words in passing.
const PASSAGE: f32 = 0.25;
/// What a number is worth: more than a passage, as the directory is what a
/// handler signposts from, still less than an item.
const NUMBER: f32 = 0.5;

/// Whether guide result `g` goes before item `item`: found by words before
/// found by letters; then a guide result found by the words as typed or
/// through the guide's own phrases (`asks`) that answers the whole query (as many parts matched as
/// it has words: "consent refused" in a consent rule before "refused" alone
/// in an indicator); then by score, the guide's
/// weighed down ([`PASSAGE`], [`NUMBER`]), an item first when equal. Only
/// the whole query counts, not a part more: a long passage matches a
/// passing word ("her will") an indicator does not need.
fn guide_first(g: &Hit, weight: f32, item: &Hit, asked: usize, asks: bool) -> bool {
    if g.by_letters != item.by_letters {
        return item.by_letters;
    }
    let whole = |h: &Hit| usize::from(h.filled) >= asked;
    if asks && whole(g) && !whole(item) {
        return true;
    }
    g.score * weight > item.score
}

/// Whether the query is a number line's name: every letter and digit of
/// the name matched, and the query has no more words than the name ("police
/// called to fights" is about the fight, not the police's number).
fn names(entry: &Entry, hit: &Hit, asked: usize) -> bool {
    let Some(name) = &entry.name else { return false };
    let chars: Vec<char> = entry.text.chars().collect();
    let name_words = entry.words_in(name);
    !hit.by_letters
        && asked <= name_words
        && name.clone().all(|i| {
            chars.get(i as usize).is_none_or(|c| !c.is_alphanumeric()) || hit.matched.binary_search(&i).is_ok()
        })
}

/// What a guide entry's score is worth against an item's.
pub(super) fn weight(kind: &Kind) -> f32 {
    match kind {
        Kind::Item => 1.0,
        Kind::Number(_) => NUMBER,
        Kind::Passage(_) => PASSAGE,
    }
}

/// Cloned whole: its parts own the entries' words (see `Part::new`), so
/// it could not be rebuilt from the entries.
#[derive(Clone)]
pub struct Index {
    /// The items first, then the guide's entries.
    pub entries: Vec<Entry>,
    /// Where the guide's entries start.
    split: usize,
    items: Part,
    guide: Part,
    /// The guide's own phrases, said or meant: a result found through one
    /// answers a question about the guidance ("consent refused").
    asking: Vec<String>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} items, {} guide entries)", self.split, self.entries.len() - self.split)
    }
}

impl Index {
    /// Every item and every guide passage and number of `pack`.
    pub fn build(pack: &Pack) -> Index {
        let items: Vec<Entry> = pack
            .catalog()
            .entries()
            .iter()
            .map(|e| {
                let mut entry = Entry::new(&e.id, &e.listed_text(), e.level, &e.row);
                entry.alert = e.alert;
                entry
            })
            .collect();
        let mut abbreviations = super::vocabulary();
        abbreviations.extend(pack.search.abbreviations.iter().cloned());
        let mut phrases = super::vocabulary::phrases();
        phrases.extend(pack.search.phrases.iter().cloned());
        Index::assemble(items, super::guide::entries(pack), abbreviations, phrases)
    }

    /// Items alone (no guide), with the shipped callers' vocabulary.
    pub fn from_entries(entries: Vec<Entry>, abbreviations: Vec<Abbreviation>) -> Index {
        Index::with_phrases(entries, abbreviations, super::vocabulary::phrases())
    }

    /// Items alone (no guide).
    pub fn with_phrases(entries: Vec<Entry>, abbreviations: Vec<Abbreviation>, phrases: Vec<Phrase>) -> Index {
        Index::assemble(entries, Vec::new(), abbreviations, phrases)
    }

    fn assemble(
        mut items: Vec<Entry>,
        mut guide: Vec<Entry>,
        abbreviations: Vec<Abbreviation>,
        phrases: Vec<Phrase>,
    ) -> Index {
        // One vocabulary for both parts: the items' read the callers' and
        // the pack's phrases, the guide's also its own, which come last.
        let reads = phrases.len();
        let own = super::guide::phrases();
        let asking = own.iter().flat_map(|p| p.said.iter().chain(&p.means)).cloned().collect();
        let mut phrases = phrases;
        phrases.extend(own);
        let vocabulary = Arc::new(Vocabulary::new(phrases));
        let item_part = Part::new(&items, abbreviations.clone(), vocabulary.clone(), reads);
        let all = vocabulary.len();
        let mut guide_part = Part::new(&guide, abbreviations, vocabulary, all);
        // Letters scattered through a long passage are no match.
        guide_part.by_letters = false;
        let split = items.len();
        // Kept for the app's life: no room to spare.
        items.reserve_exact(guide.len());
        items.append(&mut guide);
        Index { entries: items, split, items: item_part, guide: guide_part, asking }
    }

    /// The best `limit` results for `query`, best first: each part's own
    /// order, merged (see [`guide_first`]). None for a query without letters
    /// or digits, and none when nothing is close (see [`Index::nearest`]).
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let (items, guide) = self.entries.split_at(self.split);
        let found = self.items.search(items, query, limit);
        if guide.is_empty() {
            return found;
        }
        let from_guide = self.guide.search(guide, query, limit);
        // A service named in full names its number ("Police", "Prevent
        // Team"): before every passage, and every item below.
        let asked = self.items.content_words(query);
        let named: Vec<bool> = from_guide.iter().map(|h| names(&guide[h.entry], h, asked)).collect();
        let mut from_guide: Vec<(bool, Hit)> = named.into_iter().zip(from_guide).collect();
        crate::sort::sort_by_key(&mut from_guide, |(named, _)| !*named);
        for (_, h) in &mut from_guide {
            h.entry += self.split;
        }
        let mut items = found.into_iter().peekable();
        let mut guide = from_guide.into_iter().peekable();
        let mut out = Vec::with_capacity(limit);
        while out.len() < limit {
            let take_guide = match (items.peek(), guide.peek()) {
                (Some(item), Some((named, g))) => {
                    // Found by the words as typed, or through the guide's phrases.
                    let asks = g.via.as_deref().is_none_or(|v| {
                        v.split(" → ").next().is_some_and(|said| self.asking.iter().any(|a| a == said))
                    });
                    *named || guide_first(g, self.entries[g.entry].weight, item, asked, asks)
                }
                (None, Some(_)) => true,
                _ => false,
            };
            match if take_guide { guide.next().map(|(_, h)| h) } else { items.next() } {
                Some(hit) => out.push(hit),
                None => break,
            }
        }
        out
    }

    /// The pack's words nearest the last word typed, for "no close match".
    pub fn nearest(&self, query: &str, n: usize) -> Vec<String> {
        let mut near = self.items.nearest(query, n);
        near.extend(self.guide.nearest(query, n));
        near.sort();
        let mut words: Vec<String> = Vec::new();
        for (_, w) in near {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        words.truncate(n);
        words
    }
}

impl Entry {
    /// What the result is, for `pack search`: indicator, immediate,
    /// guidance or number.
    pub fn kind_name(&self) -> &'static str {
        match (&self.kind, self.level) {
            (Kind::Item, Some(_)) => "indicator",
            (Kind::Item, None) => "immediate",
            (Kind::Passage(_), _) => "guidance",
            (Kind::Number(_), _) => "number",
        }
    }

    /// Whether Enter ticks it (an item) rather than opening the guide.
    pub fn tickable(&self) -> bool {
        self.kind == Kind::Item
    }

    /// The short tag a result line leads with: "L3", "imm", "doc", "tel".
    pub fn tag(&self) -> String {
        match (&self.kind, self.level) {
            (Kind::Item, Some(l)) => format!("L{}", l + 1),
            (Kind::Item, None) => "imm".to_string(),
            (Kind::Passage(_), _) => "doc".to_string(),
            (Kind::Number(_), _) => "tel".to_string(),
        }
    }
}
