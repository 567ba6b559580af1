//! The search's fallback when no word matches: letters in order ("bruse"
//! before the stem is typed right), kept only where they sit close
//! together, scored by nucleo.

use nucleo_matcher::Matcher;
use nucleo_matcher::Utf32Str;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

use super::engine::{Entry, Hit};
use super::fold;

/// The best `limit` entries whose text holds `query`'s letters in order
/// within twice as many characters as it has letters, best first.
pub(super) fn by_letters(matcher: &mut Matcher, entries: &[Entry], query: &str, limit: usize) -> Vec<Hit> {
    let folded = fold(query);
    let letters = folded.chars().filter(|c| !c.is_whitespace()).count();
    let window = letters * 2;
    let pattern = Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart);
    let atoms: Vec<Vec<u8>> = folded
        .split_whitespace()
        .filter(|a| a.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|a| a.to_ascii_lowercase().into_bytes())
        .collect();
    let mut hits = Vec::new();
    let mut matched = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if !atoms.iter().all(|a| letters_within(e.haystack.slice(..), a, window)) {
            continue;
        }
        matched.clear();
        let Some(score) = pattern.indices(e.haystack.slice(..), matcher, &mut matched) else { continue };
        matched.sort_unstable();
        let span = matched.last().copied().unwrap_or(0) - matched.first().copied().unwrap_or(0) + 1;
        if span as usize <= window {
            hits.push(Hit {
                entry: i,
                score: score as f32 / 100.0,
                matched: matched.clone(),
                via: None,
                by_letters: true,
                filled: 0,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(entries[a.entry].text.len().cmp(&entries[b.entry].text.len()))
    });
    hits.truncate(limit);
    hits
}

/// Whether `atom`'s letters occur in order within `window` characters of
/// `text`. A letters match is kept only when its letters sit that close, so
/// a text with no such run need not be scored: nucleo's optimal alignment
/// of letters strewn across 50,000 texts was most of a search that fell
/// back to letters. Necessary, not sufficient: a character outside ASCII
/// may stand for any letter (nucleo normalises it).
fn letters_within(text: Utf32Str<'_>, atom: &[u8], window: usize) -> bool {
    let Some(&first) = atom.first() else { return true };
    match text {
        // Most texts lack the first letter in most places: memchr finds the
        // few places it is, many bytes at a time.
        Utf32Str::Ascii(bytes) => memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes)
            .any(|i| run_from(bytes, i, atom, window, |c, b| c.to_ascii_lowercase() == b)),
        Utf32Str::Unicode(chars) => {
            let same = |c: char, b: u8| !c.is_ascii() || c.to_ascii_lowercase() == char::from(b);
            (0..chars.len()).filter(|&i| same(chars[i], first)).any(|i| run_from(chars, i, atom, window, same))
        }
    }
}

/// Whether the rest of `atom` follows its first letter, at `start`, within
/// `window` characters.
fn run_from<T: Copy>(text: &[T], start: usize, atom: &[u8], window: usize, same: impl Fn(T, u8) -> bool) -> bool {
    let mut need = atom.iter().skip(1).peekable();
    for &c in text.iter().take(start + window).skip(start + 1) {
        match need.peek() {
            None => break,
            Some(&&b) if same(c, b) => {
                need.next();
            }
            Some(_) => {}
        }
    }
    need.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Index;
    use nucleo_matcher::{Config, Utf32String};

    #[test]
    fn letters_must_sit_within_the_window() {
        let ascii = |t: &str| Utf32String::from(t);
        assert!(letters_within(ascii("Break use of").slice(..), b"bruse", 10));
        assert!(!letters_within(ascii("Bread is a ruse").slice(..), b"bruse", 10));
        // The first letter's later place can start the run.
        assert!(letters_within(ascii("bread and a brush set").slice(..), b"bruse", 10));
        // Outside ASCII a character may be any letter (nucleo normalises it).
        assert!(letters_within(ascii("br\u{fc}se").slice(..), b"bruse", 10));
        assert!(!letters_within(ascii("abc").slice(..), b"x", 2));
    }

    /// The window test only skips texts nucleo would have dropped: every
    /// letters match of the fallback, on every text of a real pack, passes it.
    #[test]
    fn the_window_test_never_drops_a_letters_match() {
        let (pack, _) = crate::pack::library::Library::load(None).open("nottingham-city").expect("pack");
        let index = Index::build(&pack);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut kept = 0;
        for query in ["bruse", "negect", "hme", "dmstc", "sfh", "mntl hlth", "abc"] {
            let letters = query.chars().filter(|c| !c.is_whitespace()).count() as u32;
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            for e in &index.entries {
                let mut at = Vec::new();
                if pattern.indices(e.haystack.slice(..), &mut matcher, &mut at).is_none() {
                    continue;
                }
                at.sort_unstable();
                let span = at.last().copied().unwrap_or(0) - at.first().copied().unwrap_or(0) + 1;
                if span <= letters * 2 {
                    kept += 1;
                    let window = letters as usize * 2;
                    assert!(
                        query.split_whitespace().all(|a| letters_within(e.haystack.slice(..), a.as_bytes(), window)),
                        "{query:?} in {:?}",
                        e.text
                    );
                }
            }
        }
        assert!(kept > 20, "only {kept} letters matches: the test tests little");
    }
}
