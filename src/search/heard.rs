//! The callers' vocabulary as search matches it: each phrase's wordings
//! split and stemmed once, the words numbered by stem, and which phrases a
//! query is heard in (whole, or from its first words to the word being
//! typed). The engine ([`super::engine`]) turns what is heard into slots.

use std::collections::HashMap;
use std::ops::Range;

use super::fold;
use super::vocabulary::Phrase;
use super::words::{Word, Words};

/// Letters of a word being typed before it can stand for a vocabulary
/// phrase: fewer would hear half the vocabulary in "c".
const BEGUN_LETTERS: usize = 3;

/// Whether a caller's phrase (`words`) is in the query: `Some(true)` whole
/// (its stems in a row), `Some(false)` being typed (the query ends with its
/// first words, the last of them begun from three letters), else `None`.
/// `words` are places in `vocabulary`.
pub(super) fn heard_in(
    stems: &[Option<u32>],
    words: &[u32],
    vocabulary: &[Spoken],
    begun: Option<&Range<u32>>,
) -> Option<bool> {
    if words.is_empty() {
        return None;
    }
    let stem = |p: &u32| Some(vocabulary[*p as usize].stem_id);
    if stems.windows(words.len()).any(|w| w.iter().zip(words).all(|(s, p)| *s == stem(p))) {
        return Some(true);
    }
    let begun = begun?;
    let before = &stems[..stems.len() - 1];
    (0..words.len())
        .filter(|&j| j <= before.len())
        .any(|j| {
            let done = &before[before.len() - j..];
            done.iter().zip(&words[..j]).all(|(s, p)| *s == stem(p)) && begun.contains(&words[j])
        })
        .then_some(false)
}

/// The places in `vocabulary` (sorted by word) of the words that begin
/// with the last word typed, while it is being typed and long enough to
/// count as begun: one range, found once per keystroke, where each phrase
/// of the vocabulary compared its words with it.
pub(super) fn begun_places(typed: &[Word], vocabulary: &[Spoken], typing: bool) -> Option<Range<u32>> {
    let begun = typed.last().filter(|w| typing && w.word.len() >= BEGUN_LETTERS)?;
    let from = vocabulary.partition_point(|s| s.word.as_str() < begun.word.as_str());
    let to = from + vocabulary[from..].partition_point(|s| s.word.starts_with(&begun.word));
    Some(u32::try_from(from).unwrap_or(u32::MAX)..u32::try_from(to).unwrap_or(u32::MAX))
}

/// A word of the callers' vocabulary and its stem, kept once however many
/// phrases use it: a `Word` for each use was half the index's memory.
pub(super) struct Spoken {
    pub(super) word: String,
    pub(super) stem: String,
    /// The stem as a number: words of equal stems have equal numbers, so
    /// a phrase is matched against the typed stems without comparing
    /// strings (every phrase is, on every keystroke).
    stem_id: u32,
    /// The first phrase that uses it.
    pub(super) first: u32,
}

/// The callers' phrases, and the pack's, as search reads them: made once
/// for both parts of an index.
pub(super) struct Vocabulary {
    pub(super) phrases: Vec<Phrase>,
    /// The words of each phrase's `said` then `means` phrases, stemmed
    /// once here (stemming the whole vocabulary on every keystroke cost
    /// more than the search itself), as places in `surface`.
    pub(super) words: Vec<Vec<Vec<u32>>>,
    /// Every word of the phrases, sorted by word, each once.
    pub(super) surface: Vec<Spoken>,
    /// Places in `surface` in order of stem (and so of stem number), to
    /// find a typed stem's number and the words that have it.
    by_stem: Vec<u32>,
    /// The phrases one of whose wordings starts with each word: those of
    /// the word at place `p` are `starting[starts[p]..starts[p + 1]]`, in
    /// order, each once. Only these can be heard in a query (see
    /// [`Vocabulary::may_be_heard`]).
    starts: Vec<u32>,
    starting: Vec<u32>,
}

impl Vocabulary {
    /// Each phrase is split and let go in turn: the vocabulary's words all
    /// split at once were the index's peak of memory.
    pub(super) fn new(phrases: Vec<Phrase>) -> Vocabulary {
        let splitter = Words::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut surface: Vec<Spoken> = Vec::new();
        let mut words: Vec<Vec<Vec<u32>>> = Vec::with_capacity(phrases.len());
        for (n, p) in phrases.iter().enumerate() {
            let texts = p.said.iter().chain(&p.means);
            words.push(
                texts
                    .map(|t| {
                        let split = splitter.split(&fold(t));
                        let mut at = Vec::with_capacity(split.len());
                        for w in split {
                            let next = surface.len() as u32;
                            let place = *seen.entry(w.word.clone()).or_insert(next);
                            if place == next {
                                surface.push(Spoken { word: w.word, stem: w.stem, stem_id: 0, first: n as u32 });
                            }
                            at.push(place);
                        }
                        at
                    })
                    .collect(),
            );
        }
        drop(seen);
        // Sorted by word, for the look-ups of a word begun; the places follow.
        let mut sorted: Vec<(Spoken, u32)> = surface.into_iter().zip(0..).collect();
        sorted.sort_unstable_by(|a, b| a.0.word.cmp(&b.0.word));
        let mut moved = vec![0u32; sorted.len()];
        for (to, (_, from)) in sorted.iter().enumerate() {
            moved[*from as usize] = to as u32;
        }
        let mut surface: Vec<Spoken> = sorted.into_iter().map(|(s, _)| s).collect();
        surface.shrink_to_fit();
        for place in words.iter_mut().flatten().flatten() {
            *place = moved[*place as usize];
        }
        let mut by_stem: Vec<u32> = (0..surface.len() as u32).collect();
        by_stem.sort_unstable_by(|&a, &b| surface[a as usize].stem.cmp(&surface[b as usize].stem));
        let mut ids = vec![0u32; surface.len()];
        let mut id = 0;
        for (k, &place) in by_stem.iter().enumerate() {
            if k > 0 && surface[place as usize].stem != surface[by_stem[k - 1] as usize].stem {
                id += 1;
            }
            ids[place as usize] = id;
        }
        for (spoken, id) in surface.iter_mut().zip(ids) {
            spoken.stem_id = id;
        }
        let mut first_words: Vec<(u32, u32)> = Vec::new();
        for (n, wordings) in words.iter().enumerate() {
            first_words.extend(wordings.iter().filter_map(|w| w.first()).map(|&place| (place, n as u32)));
        }
        first_words.sort_unstable();
        first_words.dedup();
        let mut starts = Vec::with_capacity(surface.len() + 1);
        let mut at = 0;
        for place in 0..=surface.len() as u32 {
            starts.push(at as u32);
            at += first_words[at..].iter().take_while(|(p, _)| *p == place).count();
        }
        let starting = first_words.into_iter().map(|(_, n)| n).collect();
        Vocabulary { phrases, words, surface, by_stem, starts, starting }
    }

    /// The phrases that may be heard in a query of these stems (as
    /// numbered) whose last word, being typed, begins the words at `begun`:
    /// in order, each once. A wording is heard whole (its stems among the
    /// typed ones, its first word's too) or from its first words to the
    /// word begun (its first word one of those typed, or the one begun),
    /// so it starts with a word of a typed stem or a word begun; the rest
    /// would hear nothing, and are not looked at.
    pub(super) fn may_be_heard(&self, stems: &[Option<u32>], begun: Option<&Range<u32>>) -> Vec<usize> {
        let mut places: Vec<u32> = begun.cloned().into_iter().flatten().collect();
        for id in stems.iter().flatten() {
            let from = self.by_stem.partition_point(|&p| self.surface[p as usize].stem_id < *id);
            places.extend(self.by_stem[from..].iter().take_while(|&&p| self.surface[p as usize].stem_id == *id));
        }
        let mut phrases: Vec<usize> = places
            .into_iter()
            .flat_map(|p| {
                let (from, to) = (self.starts[p as usize] as usize, self.starts[p as usize + 1] as usize);
                self.starting[from..to].iter().map(|&n| n as usize)
            })
            .collect();
        phrases.sort_unstable();
        phrases.dedup();
        phrases
    }

    /// The number of `stem` among the vocabulary's stems; `None` if no
    /// word of the vocabulary has it (it then matches none).
    pub(super) fn stem_id(&self, stem: &str) -> Option<u32> {
        let k = self.by_stem.binary_search_by(|&p| self.surface[p as usize].stem.as_str().cmp(stem)).ok()?;
        Some(self.surface[self.by_stem[k] as usize].stem_id)
    }

    pub(super) fn len(&self) -> usize {
        self.phrases.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_stem_share_its_number_and_an_unknown_stem_has_none() {
        let phrases = vec![
            Phrase { said: vec!["hit with a belt".into()], means: vec!["physical harm".into()] },
            Phrase { said: vec!["hitting".into(), "belted".into()], means: vec!["harmed".into()] },
        ];
        let vocabulary = Vocabulary::new(phrases);
        let id = |word: &str| {
            let s = vocabulary.surface.iter().find(|s| s.word == word).expect(word);
            (s.stem_id, vocabulary.stem_id(&s.stem))
        };
        // "belt" and "belted" stem alike; "harm" and "harmed" too.
        assert_eq!(id("belt").0, id("belted").0);
        assert_eq!(id("harm").0, id("harmed").0);
        assert_ne!(id("belt").0, id("harm").0);
        for word in ["hit", "with", "belt", "physical", "harm", "hitting", "belted", "harmed"] {
            assert_eq!(id(word).1, Some(id(word).0), "{word}");
        }
        assert_eq!(vocabulary.stem_id("zzz"), None);
    }

    /// Only the phrases that start with a typed stem's word or the word
    /// begun are looked at; over the shipped vocabulary and queries typed
    /// letter by letter, every phrase a scan of them all hears is among them.
    #[test]
    fn the_phrases_that_may_be_heard_hold_every_phrase_heard() {
        let vocabulary = Vocabulary::new(crate::search::vocabulary::phrases());
        let words = Words::new();
        let queries = ["hit with a belt", "county lines", "home alone", "left alone", "self harm", "no food"];
        let mut heard_somewhere = 0;
        for query in queries {
            for end in 1..=query.len() {
                let typed = words.split(&fold(&query[..end]));
                let stems: Vec<Option<u32>> = typed.iter().map(|w| vocabulary.stem_id(&w.stem)).collect();
                let begun = begun_places(&typed, &vocabulary.surface, true);
                let may = vocabulary.may_be_heard(&stems, begun.as_ref());
                for (n, wordings) in vocabulary.words.iter().enumerate() {
                    let heard =
                        wordings.iter().any(|w| heard_in(&stems, w, &vocabulary.surface, begun.as_ref()).is_some());
                    heard_somewhere += usize::from(heard);
                    assert!(!heard || may.binary_search(&n).is_ok(), "{:?} phrase {n}", &query[..end]);
                }
                assert!(may.windows(2).all(|w| w[0] < w[1]), "in order, each once");
            }
        }
        assert!(heard_somewhere > 50, "the queries hear phrases: {heard_somewhere}");
    }
}
