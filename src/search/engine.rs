//! The index and the ranking: each query word is a slot that an entry's
//! words fill by stem, by prefix or by a close spelling, scored BM25-like;
//! abbreviations and the callers' vocabulary add slots of whole phrases.

use std::collections::HashMap;
use std::sync::Arc;

use nucleo_matcher::{Config, Matcher, Utf32String};

use super::fold;
use super::heard::{Vocabulary, begun_places, heard_in};
use super::words::{Word, Words, distance, is_small, spans};
use crate::pack::Abbreviation;
use crate::text::clean_line;

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    /// As shown: an immediate-list sub-point's own words come first.
    pub text: String,
    /// 0-based level; `None` for the immediate-referral list.
    pub level: Option<usize>,
    pub row: String,
    /// Ticking it raises the immediate-protection alert.
    pub alert: bool,
    /// An item to tick, or a place in the guide to read.
    pub kind: Kind,
    pub(super) haystack: Utf32String,
    /// Each word's characters in `text`, for highlighting. The words
    /// themselves are split again, from the haystack, by the part that
    /// indexes them ([`Part::new`]): kept on every entry until then they
    /// were the index's peak of memory (two strings a word).
    words: Vec<std::ops::Range<u32>>,
    /// What its score is worth in the ranking: 1 for an item, less for the
    /// guide's passages and numbers (see `search::index`).
    pub(super) weight: f32,
    /// A number line's service name, as characters of `text`.
    pub(super) name: Option<std::ops::Range<u32>>,
}

impl Entry {
    /// An item that does not raise the alert; [`super::Index::build`] sets
    /// `alert` from the pack's catalog.
    pub fn new(id: &str, text: &str, level: Option<usize>, row: &str) -> Entry {
        let text = clean_line(text);
        let folded = fold(&text);
        let words = spans(&folded);
        let row = clean_line(row);
        let haystack = Utf32String::from(folded);
        Entry {
            id: id.to_string(),
            haystack,
            text,
            level,
            row,
            alert: false,
            kind: Kind::Item,
            words,
            weight: 1.0,
            name: None,
        }
    }
}

impl Entry {
    /// How many of its words lie within `range` of its characters.
    pub(super) fn words_in(&self, range: &std::ops::Range<u32>) -> usize {
        self.words.iter().filter(|w| w.start >= range.start && w.end <= range.end).count()
    }
}

/// What a result is: an indicator or immediate item (ticked), or a
/// passage or number of the guide (opened there, never ticked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Item,
    Passage(Place),
    Number(Place),
}

/// Where in the guide a passage or number is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The guide section's id and title.
    pub section: String,
    pub title: String,
    /// The block of the section, and the item within a list block.
    pub block: usize,
    pub item: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`super::Index::entries`].
    pub entry: usize,
    pub score: f32,
    /// Character positions of `text` that matched, for highlighting.
    pub matched: Vec<u32>,
    /// Why it was found when not by the words typed: an abbreviation's
    /// meaning ("domestic abuse"), or the caller's word and the document's
    /// ("belt → physical harm").
    pub via: Option<String>,
    /// Found by letters in order, not by any word: the fallback, below
    /// every result found by words.
    pub by_letters: bool,
    /// How many parts of the query it matched (its words, the caller's
    /// phrase, an abbreviation): how much of the query, where `score` is
    /// also how well.
    pub filled: u16,
}

/// The ranking over one set of entries (the pack's items, or its guide):
/// each set has its own words and weights, so adding the guide changes
/// nothing in how items rank among themselves. The entries live in
/// [`super::Index`]; each call is handed the slice this part ranks.
#[derive(Clone)]
pub(super) struct Part {
    /// How many entries, for the idf.
    n: usize,
    abbreviations: Vec<Abbreviation>,
    /// Each abbreviation's short form as a query is compared with it
    /// (lower case, no hyphens or spaces), made once, not per keystroke.
    abbreviation_keys: Vec<String>,
    /// Shared by the items' part and the guide's; this part reads its
    /// first `reads` phrases (the guide's own come last).
    vocabulary: Arc<Vocabulary>,
    reads: usize,
    words: Words,
    terms: HashMap<String, usize>,
    /// Entries holding each term, each once.
    postings: Vec<Vec<usize>>,
    /// Every distinct word of the pack, sorted, with its term.
    surface: Vec<(String, usize)>,
    /// Each entry's words as terms, end to end, and where each entry's
    /// start and end: kept apart from the entries so that scoring tens of
    /// thousands of them reads one array, not a heap block per entry.
    entry_terms: Vec<u32>,
    spans: Vec<std::ops::Range<u32>>,
    /// Whether an entry's text begins with its first word (a match there
    /// ranks first among equals).
    leads: Vec<bool>,
    /// Each entry's row, as an index into `row_stems`: an entry whose row's
    /// name holds a word typed ranks first among equals.
    row_of: Vec<u32>,
    row_stems: Vec<Vec<String>>,
    average_length: f32,
    /// Made on the first search by letters (a guide part never has one):
    /// a matcher is a 133 KB block of its own.
    matcher: Option<Matcher>,
    /// Whether letters in order are the fallback when no word matched.
    pub(super) by_letters: bool,
}

/// What an abbreviation's meaning is worth: every meaning alike.
const MEANING: f32 = 5.0;
/// What the callers' vocabulary is worth, as a share of the rarest word of
/// the phrase it carries to: below the caller's own word found.
const VOCABULARY: f32 = 0.9;
/// How much more the typed words found in a row are worth than a phrase
/// the vocabulary carries them to.
const TYPED_PHRASE: f32 = 2.0;
/// What a vocabulary phrase heard from its first letters ("canna" for
/// "cannabis") is worth, against heard whole.
const BEGUN_PHRASE: f32 = 0.8;
/// Where the letters also begin words of the pack, the most such a phrase
/// is worth, as a share of the best of those words.
const BEGUN_IN_PACK: f32 = 0.5;
const K1: f32 = 1.2;
const B: f32 = 0.3;

/// One way an entry fills a slot.
enum Alt {
    /// Weight per term (idf times how well the word matched), by term for
    /// a lookup per word without hashing, 0 for none; and the terms with a
    /// weight, for their postings.
    Word { dense: Vec<f32>, keys: Vec<usize> },
    /// Terms in a row, worth `value`, with why (none for the caller's own
    /// words found together).
    Phrase { terms: Vec<usize>, value: f32, via: Option<String> },
}

/// An abbreviation, or a query for one, as the two are compared: lower
/// case, without hyphens or spaces ("D.V." is not "dv", "Child-in-Need" is
/// "childinneed").
fn abbreviation_key(text: &str) -> String {
    text.to_lowercase().replace(['-', ' '], "")
}

struct Evaluated<'s> {
    score: f32,
    filled: u16,
    /// Matched at the text's first word.
    leading: bool,
    via: Option<&'s str>,
    words: Vec<usize>,
}

/// An entry scored, with what orders it among equals.
struct Scored<'s> {
    entry: usize,
    /// The score times the entry's weight.
    ranked: f32,
    in_row: bool,
    length: usize,
    v: Evaluated<'s>,
}

/// A phrase of the query found in an entry: its slot, which alternative,
/// and the word it starts at.
struct Found {
    slot: u32,
    alt: u32,
    at: u32,
}

/// The query's phrases by the term each starts with, so an entry's terms
/// are walked once, not once per phrase: a query the vocabulary carries to
/// a hundred phrases compared each at every word of every entry, half the
/// time of a search over 50,000 indicators.
struct Phrases {
    /// (first term, slot, alternative), sorted.
    by_first: Vec<(u32, u32, u32)>,
    /// Where each term's phrases begin in `by_first`; `u32::MAX` for none.
    head: Vec<u32>,
}

impl Phrases {
    fn new(slots: &[Vec<Alt>], terms: usize) -> Phrases {
        let mut by_first = Vec::new();
        for (s, slot) in slots.iter().enumerate() {
            for (a, alt) in slot.iter().enumerate() {
                if let Alt::Phrase { terms, .. } = alt
                    && let Some(&t) = terms.first()
                {
                    by_first.push((t as u32, s as u32, a as u32));
                }
            }
        }
        by_first.sort_unstable();
        let mut head = vec![u32::MAX; terms];
        for (i, &(t, ..)) in by_first.iter().enumerate().rev() {
            if let Some(h) = head.get_mut(t as usize) {
                *h = i as u32;
            }
        }
        Phrases { by_first, head }
    }

    /// Every phrase of the query in `terms`, at every place, by place.
    fn find(&self, slots: &[Vec<Alt>], terms: &[u32], found: &mut Vec<Found>) {
        found.clear();
        for (i, &t) in terms.iter().enumerate() {
            let Some(&h) = self.head.get(t as usize).filter(|&&h| h != u32::MAX) else { continue };
            for &(_, slot, alt) in self.by_first[h as usize..].iter().take_while(|f| f.0 == t) {
                if let Some(Alt::Phrase { terms: phrase, .. }) = slots[slot as usize].get(alt as usize)
                    && terms.len() - i >= phrase.len()
                    && terms[i..].iter().zip(phrase).all(|(x, y)| *x as usize == *y)
                {
                    found.push(Found { slot, alt, at: i as u32 });
                }
            }
        }
    }
}

impl Part {
    /// The part over `entries`, reading the first `reads` phrases of
    /// `vocabulary`.
    pub(super) fn new(
        entries: &[Entry],
        abbreviations: Vec<Abbreviation>,
        vocabulary: Arc<Vocabulary>,
        reads: usize,
    ) -> Part {
        let mut terms: HashMap<String, usize> = HashMap::new();
        let mut postings: Vec<Vec<usize>> = Vec::new();
        let mut surface: HashMap<String, usize> = HashMap::new();
        let mut entry_terms: Vec<u32> = Vec::new();
        let mut spans = Vec::with_capacity(entries.len());
        let words = Words::new();
        let mut rows: HashMap<String, u32> = HashMap::new();
        let mut row_stems: Vec<Vec<String>> = Vec::new();
        let mut row_of = Vec::with_capacity(entries.len());
        for (n, entry) in entries.iter().enumerate() {
            let start = entry_terms.len() as u32;
            let folded: String = entry.haystack.slice(..).chars().collect();
            for w in words.split(&folded) {
                let next = terms.len();
                let t = *terms.entry(w.stem).or_insert(next);
                if t == postings.len() {
                    postings.push(Vec::new());
                }
                if postings[t].last() != Some(&n) {
                    postings[t].push(n);
                }
                surface.entry(w.word).or_insert(t);
                entry_terms.push(t as u32);
            }
            spans.push(start..entry_terms.len() as u32);
            let row = match rows.get(&entry.row) {
                Some(&row) => row,
                None => {
                    row_stems.push(words.split(&fold(&entry.row)).into_iter().map(|w| w.stem).collect());
                    let row = row_stems.len() as u32 - 1;
                    rows.insert(entry.row.clone(), row);
                    row
                }
            };
            row_of.push(row);
        }
        let leads = entries.iter().map(|e| e.words.first().is_some_and(|w| w.start == 0)).collect();
        let total = entry_terms.len();
        let mut surface: Vec<(String, usize)> = surface.into_iter().collect();
        surface.sort_unstable();
        let average_length = total as f32 / entries.len().max(1) as f32;
        let abbreviation_keys = abbreviations.iter().map(|a| abbreviation_key(&a.short)).collect();
        Part {
            n: entries.len(),
            abbreviations,
            abbreviation_keys,
            vocabulary,
            reads,
            words,
            terms,
            postings,
            surface,
            entry_terms,
            spans,
            leads,
            row_of,
            row_stems,
            average_length,
            matcher: None,
            by_letters: true,
        }
    }

    /// Whether `word` is a whole word of the phrases this part reads.
    fn knows(&self, word: &str) -> bool {
        let surface = &self.vocabulary.surface;
        surface.binary_search_by(|s| s.word.as_str().cmp(word)).is_ok_and(|i| (surface[i].first as usize) < self.reads)
    }

    fn idf(&self, term: usize) -> f32 {
        let n = self.n as f32;
        let df = self.postings.get(term).map_or(0, Vec::len) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// What a phrase the vocabulary carries a caller's words to is worth:
    /// about what its rarest word would be worth typed, so "slapped →
    /// physical harm" is not outweighed by any one common word found as
    /// typed; a longer phrase found says more ("missing from home").
    fn carried(&self, terms: &[usize]) -> f32 {
        let rarest = terms.iter().map(|&t| self.idf(t)).fold(0.0f32, f32::max);
        VOCABULARY * rarest.max(1.0) * (1.0 + 0.25 * terms.len().saturating_sub(1) as f32)
    }

    /// The terms of a phrase, or `None` when a word of it is not in the pack.
    fn phrase_terms(&self, phrase: &str) -> Option<Vec<usize>> {
        let words = self.words.split(&fold(phrase));
        if words.is_empty() {
            return None;
        }
        words.iter().map(|w| self.terms.get(&w.stem).copied()).collect()
    }

    /// The pack's words that `word` may stand for, with how well: its stem
    /// (1), words it begins (less the more is missing) while it is still
    /// being typed, else, from four letters, the closest spellings that
    /// share its first letter.
    fn word_alternatives(&self, word: &Word, typos: bool, typing: bool) -> HashMap<usize, f32> {
        let mut found: HashMap<usize, f32> = HashMap::new();
        fn put(found: &mut HashMap<usize, f32>, t: usize, w: f32) {
            let e = found.entry(t).or_insert(0.0);
            *e = e.max(w);
        }
        if let Some(&t) = self.terms.get(&word.stem) {
            put(&mut found, t, 1.0);
        }
        let from = self.surface.partition_point(|(s, _)| s.as_str() < word.word.as_str());
        // A word already whole in the pack most likely means itself: "home"
        // is not "homeless", though "hom" may be either.
        let whole = self.surface.get(from).is_some_and(|(s, _)| *s == word.word);
        let begun = if whole { 0.4 } else { 0.7 };
        let extensions = self.surface[from..].iter().take_while(|(s, _)| typing && s.starts_with(&word.word));
        for (s, t) in extensions {
            put(&mut found, *t, begun + 0.2 * word.word.len() as f32 / s.len() as f32);
        }
        let len = word.word.len();
        if typos && found.is_empty() && len >= 4 {
            let max = if len <= 5 { 1 } else { 2 };
            let first = &word.word[..1];
            let from = self.surface.partition_point(|(s, _)| s.as_str() < first);
            let mut best: Vec<(usize, usize)> = Vec::new();
            for (s, t) in self.surface[from..].iter().take_while(|(s, _)| s.starts_with(first)) {
                let whole = distance(&word.word, s, max);
                // A word begun with a slip ("bruse" for "bruis…") keeps
                // its first two letters.
                let prefix = (len.saturating_sub(1)..=len + 1)
                    .filter(|_| len >= 5 && s.as_bytes().get(1) == word.word.as_bytes().get(1))
                    .filter(|&n| n < s.len() && s.is_char_boundary(n))
                    .filter_map(|n| distance(&word.word, &s[..n], 2))
                    .min();
                if let Some(d) = whole.into_iter().chain(prefix).min() {
                    best.push((d, *t));
                }
            }
            let closest = best.iter().map(|(d, _)| *d).min().unwrap_or(0);
            for (d, t) in best {
                if d == closest {
                    put(&mut found, t, 0.6);
                }
            }
        }
        found.into_iter().map(|(t, w)| (t, w * self.idf(t))).collect()
    }

    /// The meanings of an abbreviation typed as `text`.
    fn expansions(&self, text: &str) -> Vec<String> {
        let q = abbreviation_key(text.trim());
        self.abbreviations
            .iter()
            .zip(&self.abbreviation_keys)
            .filter(|(_, key)| **key == q)
            .flat_map(|(a, _)| a.means.iter().cloned())
            .collect()
    }

    /// The terms of a phrase of the vocabulary, as [`Part::phrase_terms`]
    /// finds them in its text, from the words the vocabulary split it into
    /// once (each word's stem is the stemmer's of that word alone).
    fn vocabulary_terms(&self, places: &[u32]) -> Option<Vec<usize>> {
        if places.is_empty() {
            return None;
        }
        let surface = &self.vocabulary.surface;
        places.iter().map(|&w| self.terms.get(&surface[w as usize].stem).copied()).collect()
    }

    fn meaning_slot(&self, meanings: Vec<String>) -> Vec<Alt> {
        meanings
            .into_iter()
            .filter_map(|m| Some(Alt::Phrase { terms: self.phrase_terms(&m)?, value: MEANING, via: Some(m) }))
            .collect()
    }

    fn slots(&self, query: &str) -> Vec<Vec<Alt>> {
        let typed = self.words.split(&fold(query));
        let meanings = self.expansions(query);
        if !meanings.is_empty() {
            // An abbreviation is searched for by its meanings only: "dv" as
            // letters would find "advice" and "developmental".
            return vec![self.meaning_slot(meanings)];
        }
        // The typed stems as the vocabulary numbers them.
        let stems: Vec<Option<u32>> = typed.iter().map(|w| self.vocabulary.stem_id(&w.stem)).collect();
        // Only the last word can be half typed; the ones before it are whole.
        let typing = query.chars().last().is_some_and(char::is_alphanumeric);
        // Nor once it is a whole word of the pack or the vocabulary ("her"
        // is not the start of "heroin"). Where it begins words of the pack,
        // what the vocabulary hears in it counts for less than those words
        // (the pack's own "bruising" before "bruise → injury").
        let mut begun_cap = f32::INFINITY;
        let begun = typing
            && typed.last().is_some_and(|w| {
                let from = self.surface.partition_point(|(s, _)| s.as_str() < w.word.as_str());
                if self.surface.get(from).is_some_and(|(s, _)| s.starts_with(&w.word)) {
                    let direct = self.word_alternatives(w, false, true);
                    begun_cap = BEGUN_IN_PACK * direct.values().fold(0.0f32, |a, &b| a.max(b));
                }
                !self.knows(&w.word) && self.surface.get(from).is_none_or(|(s, _)| *s != w.word)
            });
        let mut slots: Vec<Vec<Alt>> = Vec::new();
        // Words the callers' vocabulary knows are not typos of pack words
        // ("belt" is not "best").
        let mut known: Vec<String> = Vec::new();
        let mut begun_alts: Vec<Alt> = Vec::new();
        let vocabulary = &*self.vocabulary;
        let begun_at = begun_places(&typed, &vocabulary.surface, begun);
        let heard_may = vocabulary.may_be_heard(&stems, begun_at.as_ref());
        for n in heard_may.into_iter().take_while(|&n| n < self.reads) {
            let (entry, phrase_words) = (&vocabulary.phrases[n], &vocabulary.words[n]);
            let said_or_meant = entry.said.iter().chain(&entry.means);
            let mut heard: Vec<&String> = Vec::new();
            let mut whole = false;
            for (p, words) in said_or_meant.clone().zip(phrase_words) {
                let found = heard_in(&stems, words, &vocabulary.surface, begun_at.as_ref());
                if found.is_some() {
                    heard.push(p);
                    whole |= found == Some(true);
                    known.extend(words.iter().map(|&w| vocabulary.surface[w as usize].stem.clone()));
                }
            }
            let Some(&first) = heard.first() else { continue };
            // A phrase heard from its first letters is worth less than
            // heard whole, as a word begun is.
            let (share, cap) = if whole { (1.0, f32::INFINITY) } else { (BEGUN_PHRASE, begun_cap) };
            let alts: Vec<Alt> = said_or_meant
                .zip(phrase_words)
                .filter(|(p, _)| !heard.contains(p))
                .filter_map(|(p, places)| {
                    let terms = self.vocabulary_terms(places)?;
                    let value = (share * self.carried(&terms)).min(cap);
                    Some(Alt::Phrase { terms, value, via: Some(format!("{first} → {p}")) })
                })
                .collect();
            if whole || begun_cap.is_infinite() {
                if !alts.is_empty() {
                    slots.push(alts);
                }
            } else {
                // Under the pack's own words it begins, the word half typed
                // counts once, however many entries of the vocabulary it
                // may begin.
                begun_alts.extend(alts);
            }
        }
        if !begun_alts.is_empty() {
            slots.push(begun_alts);
        }
        // The caller's own words found together ("home alone") beat any
        // phrase the vocabulary carries them to ("left alone").
        if let Some(terms) = self.phrase_terms(query).filter(|_| typed.len() > 1) {
            // Above even a long phrase the vocabulary carries them to
            // ("privately fostered" → "looked after for 28 days").
            let carried = slots.iter().flatten().map(|a| if let Alt::Phrase { value, .. } = a { *value } else { 0.0 });
            let value = TYPED_PHRASE * self.carried(&terms).max(carried.fold(0.0f32, f32::max));
            slots.push(vec![Alt::Phrase { terms, value, via: None }]);
        }
        let all_small = typed.iter().all(|w| is_small(&w.word));
        let last = typed.len().saturating_sub(1);
        for (n, word) in typed.iter().enumerate() {
            let meanings = self.expansions(&word.word);
            if typed.len() > 1 && !meanings.is_empty() {
                slots.push(self.meaning_slot(meanings));
            } else if all_small || !is_small(&word.word) {
                let alternatives = self.word_alternatives(word, !known.contains(&word.stem), typing && n == last);
                let mut dense = vec![0.0f32; self.postings.len()];
                let mut keys = Vec::with_capacity(alternatives.len());
                for (t, w) in alternatives {
                    if let Some(d) = dense.get_mut(t) {
                        *d = w;
                        keys.push(t);
                    }
                }
                slots.push(vec![Alt::Word { dense, keys }]);
            }
        }
        slots
    }

    /// How well entry `e` fills `slots`; with `words`, also which of its
    /// words matched (for highlighting: only the results kept need them).
    /// `found` is room for the phrases found, reused from entry to entry.
    fn evaluate<'s>(
        &self,
        e: usize,
        slots: &'s [Vec<Alt>],
        phrases: &Phrases,
        found: &mut Vec<Found>,
        words: bool,
    ) -> Option<Evaluated<'s>> {
        let span = &self.spans[e];
        let terms = &self.entry_terms[span.start as usize..span.end as usize];
        phrases.find(slots, terms, found);
        let length = 1.0 - B + B * terms.len() as f32 / self.average_length.max(1.0);
        let mut score = 0.0;
        let mut filled = 0u16;
        let mut leading = false;
        let mut via = None;
        let mut matched = Vec::new();
        for (s, slot) in slots.iter().enumerate() {
            // The best alternative: (value, which, first word matched); of
            // equal values the first listed.
            let mut best: Option<(f32, usize, usize)> = None;
            let mut consider = |value: f32, a: usize, at: usize| {
                if best.is_none_or(|(b, ba, _)| value > b || (value == b && a < ba)) {
                    best = Some((value, a, at));
                }
            };
            for (a, alt) in slot.iter().enumerate() {
                let Alt::Word { dense, .. } = alt else { continue };
                let mut top = 0.0f32;
                let mut tf = 0usize;
                let mut at_first = None;
                for (i, &t) in terms.iter().enumerate() {
                    let w = dense.get(t as usize).copied().unwrap_or(0.0);
                    if w > 0.0 {
                        top = top.max(w);
                        tf += 1;
                        at_first.get_or_insert(i);
                    }
                }
                if let Some(at) = at_first {
                    let tf = tf as f32;
                    consider(top * tf * (K1 + 1.0) / (tf + K1 * length), a, at);
                }
            }
            for f in found.iter().filter(|f| f.slot as usize == s) {
                if let Some(Alt::Phrase { value, .. }) = slot.get(f.alt as usize) {
                    consider(*value, f.alt as usize, f.at as usize);
                }
            }
            let Some((value, a, at)) = best else { continue };
            score += value;
            filled += 1;
            leading |= at == 0 && self.leads[e];
            if let (None, Alt::Phrase { via: why, .. }) = (via, &slot[a]) {
                via = why.as_deref();
            }
            if words {
                match &slot[a] {
                    Alt::Word { dense, .. } => matched
                        .extend((0..terms.len()).filter(|&i| dense.get(terms[i] as usize).is_some_and(|w| *w > 0.0))),
                    Alt::Phrase { terms: phrase, .. } => matched.extend(
                        found
                            .iter()
                            .filter(|f| f.slot as usize == s && f.alt as usize == a)
                            .flat_map(|f| f.at as usize..f.at as usize + phrase.len()),
                    ),
                }
            }
        }
        (score > 0.0).then_some(Evaluated { score, filled, leading, via, words: matched })
    }

    /// The best `limit` entries for `query`, best first; none for a query
    /// without letters or digits, and none when nothing is close (see
    /// [`Index::nearest`]).
    pub(super) fn search(&mut self, entries: &[Entry], query: &str, limit: usize) -> Vec<Hit> {
        let slots = self.slots(query);
        if slots.is_empty() {
            return Vec::new();
        }
        let mut seen = vec![false; entries.len()];
        for slot in &slots {
            for alt in slot {
                let starts: &[usize] = match alt {
                    Alt::Word { keys, .. } => keys,
                    Alt::Phrase { terms, .. } => terms.get(..1).unwrap_or_default(),
                };
                for &t in starts {
                    for &e in self.postings.get(t).map_or(&[][..], Vec::as_slice) {
                        seen[e] = true;
                    }
                }
            }
        }
        let typed: Vec<String> = self.words.split(&fold(query)).into_iter().map(|w| w.stem).collect();
        let in_row: Vec<bool> = self.row_stems.iter().map(|row| typed.iter().any(|t| row.contains(t))).collect();
        let phrases = Phrases::new(&slots, self.postings.len());
        let mut found = Vec::new();
        let mut scored: Vec<Scored> = seen
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .filter_map(|(i, _)| {
                let v = self.evaluate(i, &slots, &phrases, &mut found, false)?;
                let e = &entries[i];
                Some(Scored {
                    entry: i,
                    ranked: v.score * e.weight,
                    in_row: in_row[self.row_of[i] as usize],
                    length: e.text.len(),
                    v,
                })
            })
            .collect();
        if scored.is_empty() {
            return if self.by_letters { self.fuzzy(entries, query, limit) } else { Vec::new() };
        }
        // Best score; then a match at the start, in the row's name, shorter
        // text; never the place in the document.
        let order = |a: &Scored, b: &Scored| {
            b.ranked
                .total_cmp(&a.ranked)
                .then(b.v.leading.cmp(&a.v.leading))
                .then(b.in_row.cmp(&a.in_row))
                .then(a.length.cmp(&b.length))
                .then(entries[a.entry].id.cmp(&entries[b.entry].id))
        };
        if limit > 0 && scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_by(order);
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|c| {
                let words = &entries[c.entry].words;
                let at =
                    self.evaluate(c.entry, &slots, &phrases, &mut found, true).map(|v| v.words).unwrap_or_default();
                let mut matched: Vec<u32> = at.iter().flat_map(|&i| words[i].start..words[i].end).collect();
                matched.sort_unstable();
                matched.dedup();
                let via = c.v.via.map(str::to_string);
                Hit { entry: c.entry, score: c.v.score, matched, via, by_letters: false, filled: c.v.filled }
            })
            .collect()
    }

    /// Letters in order when no word matched (see [`super::letters`]).
    fn fuzzy(&mut self, entries: &[Entry], query: &str, limit: usize) -> Vec<Hit> {
        let matcher = self.matcher.get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        super::letters::by_letters(matcher, entries, query, limit)
    }

    /// How many words of `query` must match: those not small.
    pub(super) fn content_words(&self, query: &str) -> usize {
        self.words.split(&fold(query)).iter().filter(|w| !is_small(&w.word)).count()
    }

    /// The pack's words nearest the last word typed, for "no close match".
    pub(super) fn nearest(&self, query: &str, n: usize) -> Vec<(usize, String)> {
        let typed = self.words.split(&fold(query));
        let Some(word) = typed.iter().rev().find(|w| !is_small(&w.word)).or(typed.last()) else { return Vec::new() };
        let mut near: Vec<(usize, &str)> = self
            .surface
            .iter()
            .filter(|(s, _)| s.len() > 2)
            // Further than a third of the word is not near, just short.
            .filter_map(|(s, _)| distance(&word.word, s, (word.word.len() / 3).clamp(1, 3)).map(|d| (d, s.as_str())))
            .collect();
        near.sort();
        near.into_iter().take(n).map(|(d, s)| (d, s.to_string())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Index;
    use crate::search::vocabulary::Phrase;

    fn build(texts: &[&str], phrases: &[(&[&str], &[&str])]) -> Index {
        let entries = texts.iter().enumerate().map(|(i, t)| Entry::new(&format!("e{i}"), t, Some(0), "Row")).collect();
        let phrases = phrases
            .iter()
            .map(|(said, means)| Phrase {
                said: said.iter().map(|s| s.to_string()).collect(),
                means: means.iter().map(|s| s.to_string()).collect(),
            })
            .collect();
        Index::with_phrases(entries, Vec::new(), phrases)
    }

    fn first(index: &mut Index, query: &str) -> Option<String> {
        index.search(query, 5).first().map(|h| index.entries[h.entry].text.clone())
    }

    /// The parts own the entries' words once built, so a copy must search
    /// as the original does (a rebuild from the entries would find nothing).
    #[test]
    fn a_copy_of_the_index_finds_what_the_original_finds() {
        let (pack, _) = crate::pack::library::Library::load(None).open("nottingham-city").expect("pack");
        let mut index = Index::build(&pack);
        let mut copy = index.clone();
        for query in ["bruis", "home alone", "belt", "dv", "bruse"] {
            let ids = |index: &mut Index| -> Vec<String> {
                index.search(query, 20).iter().map(|h| index.entries[h.entry].id.clone()).collect()
            };
            let found = ids(&mut index);
            assert!(!found.is_empty(), "{query:?}");
            assert_eq!(ids(&mut copy), found, "{query:?}");
        }
    }

    #[test]
    fn a_phrase_is_found_at_every_place_and_counts_once() {
        let mut index = build(&["Domestic abuse and more domestic abuse", "Domestic chores"], &[]);
        let hits = index.search("domestic abuse", 5);
        let text = &index.entries[hits[0].entry].text;
        assert_eq!(text, "Domestic abuse and more domestic abuse");
        let lit: String = hits[0].matched.iter().map(|&i| text.chars().nth(i as usize).unwrap_or('?')).collect();
        assert_eq!(lit, "Domesticabusedomesticabuse");
        // The second text has one of the two words, not the phrase: below.
        assert_eq!(hits.len(), 2);
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn a_callers_he_and_no_are_small_words() {
        let mut index = build(&["Physically healthy", "No fixed abode", "Physical harm/suspected"], &[]);
        assert_eq!(first(&mut index, "he harm").as_deref(), Some("Physical harm/suspected"));
        assert_eq!(first(&mut index, "no harm").as_deref(), Some("Physical harm/suspected"));
    }

    #[test]
    fn only_the_word_being_typed_matches_words_it_begins() {
        let mut index = build(&["Family homeless", "Left home alone", "Frequent rows"], &[]);
        // "home" followed by more is a whole word, not the start of "homeless".
        let hits = index.search("home rows", 5);
        assert!(hits.iter().all(|h| index.entries[h.entry].text != "Family homeless"), "{hits:?}");
        // While typed, "hom" may still be either.
        assert_eq!(index.search("hom", 5).len(), 2);
    }

    #[test]
    fn a_whole_pack_word_typed_means_itself_before_words_it_begins() {
        let texts = ["Family homeless", "Left home alone", "Home visits", "Poor housing", "Risk of harm"];
        let mut index = build(&texts, &[]);
        // "homeless" is the rarer word, yet "home" typed means "home".
        let found = first(&mut index, "home");
        assert!(found.as_deref().is_some_and(|t| !t.contains("homeless")), "{found:?}");
    }

    #[test]
    fn the_vocabulary_outweighs_a_common_word_found_as_typed() {
        let filler: Vec<String> = (0..20).map(|n| format!("Filler {n}")).collect();
        let mut texts: Vec<&str> = filler.iter().map(String::as_str).collect();
        texts.extend(["Bench marks", "Child has an unexplained injury"]);
        let mut index = build(&texts, &[(&["marks on her face", "slapped"], &["unexplained injury"])]);
        assert_eq!(first(&mut index, "slapped marks").as_deref(), Some("Child has an unexplained injury"));
    }

    #[test]
    fn the_word_being_typed_hears_the_vocabulary_it_begins() {
        let mut index = build(&["Chronic substance misuse", "Cannot cope"], &[(&["cannabis"], &["substance misuse"])]);
        assert_eq!(first(&mut index, "cannab").as_deref(), Some("Chronic substance misuse"));
        // A whole word of the vocabulary is not the start of another: "her" is not "heroin".
        let mut index = build(&["Chronic substance misuse", "Her health"], &[(&["heroin"], &["substance misuse"])]);
        assert_eq!(first(&mut index, "her").as_deref(), Some("Her health"));
    }

    #[test]
    fn the_pack_words_a_half_word_begins_come_before_what_the_vocabulary_hears_in_it() {
        let texts = ["Children with repeated incidents of minor bruising that are causing concern", "Serious injury"];
        let mut index = build(&texts, &[(&["bruise", "bruises"], &["injury"])]);
        let hits = index.search("bruis", 5);
        assert_eq!(hits.len(), 2);
        assert!(index.entries[hits[0].entry].text.contains("bruising"), "{hits:?}");
    }
}
