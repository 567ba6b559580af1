//! Reading text as words: folded, lower-case, stemmed (Snowball English),
//! with each word's character range for highlighting.

use rust_stemmers::{Algorithm, Stemmer};

/// Words a caller says that carry no concern; they need not match. A
/// caller's "no", "he" or "all" found in "No fixed abode", "Physically
/// healthy" or "all relationships" outranked what the caller meant. Parts
/// of contractions ("won't" reads "won", "t") are here too.
const SMALL: [&str; 64] = [
    "a", "an", "the", "in", "on", "of", "to", "is", "are", "was", "and", "or", "not", "from", "with", "at", "by",
    "for", "it", "be", "has", "have", "his", "her", "no", "he", "she", "him", "them", "they", "their", "all", "off",
    "out", "up", "so", "been", "being", "got", "get", "s", "t", "won", "don", "doesn", "didn", "isn", "can", "cant",
    "again", "just", "very", "my", "me", "we", "us", "our", "you", "i", "that", "this", "there", "but", "keeps",
];
pub fn is_small(word: &str) -> bool {
    SMALL.contains(&word)
}

/// A word of a text: its lower-case form, its stem and its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub word: String,
    pub stem: String,
    pub start: u32,
    pub end: u32,
}

pub struct Words {
    stemmer: Stemmer,
}

/// A stemmer holds no state of its own: a copy is a new one.
impl Clone for Words {
    fn clone(&self) -> Words {
        Words::new()
    }
}

impl Words {
    pub fn new() -> Words {
        Words { stemmer: Stemmer::create(Algorithm::English) }
    }

    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The words of `folded` (one character per character of the original,
    /// see `fold`); letters and digits make words, anything else splits them.
    pub fn split(&self, folded: &str) -> Vec<Word> {
        let mut words = Vec::new();
        each_word(folded, |word, start, end| {
            words.push(Word { stem: self.stem(word), word: word.to_string(), start, end });
        });
        words
    }
}

/// Each word's characters in `folded`, as [`Words::split`] finds them,
/// without making its strings.
pub fn spans(folded: &str) -> Vec<std::ops::Range<u32>> {
    let mut spans = Vec::new();
    each_word(folded, |_, start, end| spans.push(start..end));
    spans
}

/// Calls `found` with each word of `folded` in lower case, and its first
/// and past-the-end characters.
fn each_word(folded: &str, mut found: impl FnMut(&str, u32, u32)) {
    let mut current = String::new();
    let mut start = 0u32;
    let mut n = 0u32;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if current.is_empty() {
                start = n;
            }
            current.push(c.to_ascii_lowercase());
        } else if !current.is_empty() {
            found(&current, start, n);
            current.clear();
        }
        n += 1;
    }
    if !current.is_empty() {
        found(&current, start, n);
    }
}

/// Optimal-string-alignment distance (a swap of two letters counts one),
/// or `None` once it must exceed `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a = a.as_bytes();
    let b = b.as_bytes();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cover_the_forms_a_caller_uses() {
        let w = Words::new();
        assert_eq!(w.stem("slapped"), w.stem("slapping"));
        assert_eq!(w.stem("bruises"), w.stem("bruised"));
        let words = w.split("Self-harming, “bruised”");
        let stems: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["self", "harm", "bruis"]);
        assert_eq!((words[2].start, words[2].end), (15, 22));
    }

    /// The entries keep only where their words are; the index splits them
    /// again: both must find the same words.
    #[test]
    fn spans_are_where_split_finds_the_words() {
        let w = Words::new();
        for text in ["Self-harming, “bruised”", "", "  ", "x", "2 children, aged 3-4.", "won't eat; café’s", "a"]
        {
            let split: Vec<_> = w.split(text).iter().map(|w| w.start..w.end).collect();
            assert_eq!(spans(text), split, "{text:?}");
        }
        assert_eq!(spans("hit with a belt"), [0..3, 4..8, 9..10, 11..15]);
    }

    #[test]
    fn distance_counts_swaps_once() {
        assert_eq!(distance("negelct", "neglect", 2), Some(1));
        assert_eq!(distance("alchohol", "alcohol", 2), Some(1));
        assert_eq!(distance("house", "school", 1), None);
    }
}
