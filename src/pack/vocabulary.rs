//! The callers' vocabulary (`packs/vocabulary/*.ron`): how callers say a
//! concern, mapped to the documents' own terms. Checking it proves every
//! document term occurs in some shipped pack, so a caller's word can never
//! point at nothing. Search reads the phrases; this module only loads and
//! checks them.

use std::collections::HashMap;

use serde::Deserialize;

use super::model::Pack;
use crate::source::diagnostic::Diagnostics;
use crate::source::problem::{Problem, Where};
use crate::source::{locate_problems, parse_ron};

/// The callers' vocabulary shipped with dutygrid.
pub const CALLERS: &str = include_str!("../../packs/vocabulary/callers.ron");

/// A vocabulary file. `common.ron` holds abbreviations, `callers.ron`
/// phrases; either may hold both, so one loader checks the whole folder.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    #[serde(default)]
    pub abbreviations: Vec<super::model::Abbreviation>,
    #[serde(default)]
    pub phrases: Vec<Phrase>,
}

pub use super::model::Phrase;

/// Lower-case words of `text`: letters and digits, everything else a
/// break, so "A & E", "A&E" and "a & e" are the same words.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `phrase` occurs in `text` as whole words, in order.
pub fn occurs_as_words(phrase: &[String], text: &[String]) -> bool {
    !phrase.is_empty() && text.windows(phrase.len()).any(|w| w == phrase)
}

/// Every indicator and immediate-referral text of `packs`, as words. Read
/// from the fields, not the catalog, so a pack can be checked before it is
/// known to be valid.
pub fn pack_words(packs: &[&Pack]) -> Vec<Vec<String>> {
    let mut texts = Vec::new();
    for pack in packs {
        texts.extend(pack.indicators().map(|(_, _, _, i)| words(&i.text)));
        for item in &pack.immediate.items {
            texts.push(words(&item.text));
            texts.extend(item.sub.iter().map(|s| words(&s.text)));
        }
    }
    texts
}

/// The problems of `phrases`: an empty entry, or a `means` term found in
/// none of `texts`. Shared with a pack's own phrases, checked against that
/// pack alone.
pub fn phrase_problems(phrases: &[Phrase], texts: &[Vec<String>], where_found: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Positions are by (field, value) and visit count, in file order.
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut at = |field: &'static str, value: &str| {
        let nth = seen.entry((field, value.to_string())).or_insert(0);
        let here = Where::Value { field, value: value.to_string(), nth: *nth };
        *nth += 1;
        here
    };
    for phrase in phrases {
        for said in &phrase.said {
            let here = at("said", said);
            if words(said).is_empty() {
                problems.push(Problem { at: here, message: format!("{said:?} has no words to match") });
            }
        }
        if phrase.said.is_empty() || phrase.means.is_empty() {
            let message = "an entry needs at least one `said` and one `means`";
            let here = match (phrase.said.first(), phrase.means.first()) {
                (Some(s), _) => Where::Value { field: "said", value: s.clone(), nth: 0 },
                (None, Some(m)) => Where::Value { field: "means", value: m.clone(), nth: 0 },
                (None, None) => Where::Key("said"),
            };
            problems.push(Problem { at: here, message: message.into() });
        }
        for meaning in &phrase.means {
            let here = at("means", meaning);
            let wanted = words(meaning);
            if !texts.iter().any(|t| occurs_as_words(&wanted, t)) {
                problems.push(Problem {
                    at: here,
                    message: format!("{meaning:?} does not occur as words in {where_found}"),
                });
            }
        }
    }
    problems
}

/// Loads a vocabulary file and checks its phrases against `packs` (the
/// shipped packs when `pack check` runs).
pub fn load_vocabulary(path: &str, bytes: Vec<u8>, packs: &[&Pack]) -> Result<VocabularyFile, Diagnostics> {
    let (file, source) = parse_ron::<VocabularyFile>(path, bytes)?;
    let problems = phrase_problems(&file.phrases, &pack_words(packs), "any shipped pack's indicators");
    if problems.is_empty() {
        return Ok(file);
    }
    Err(locate_problems(path, &source, problems))
}

/// The shipped callers' phrases; the file is checked by the tests, so a
/// parse failure is a build defect and yields no phrases rather than a panic.
pub fn callers() -> Vec<Phrase> {
    crate::source::ron_options().from_str::<VocabularyFile>(CALLERS).map(|v| v.phrases).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(words("A & E"), words("a&e"));
        assert!(occurs_as_words(&words("physical harm"), &words("Physical harm/suspected")));
        // Words, not letters: "harm" is not in "harmony".
        assert!(!occurs_as_words(&words("harm"), &words("family harmony")));
    }
}
