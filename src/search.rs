//! Finding what a caller talks about: the query read as words (prefix,
//! stem, close spelling) ranked BM25-like over every grid indicator and
//! immediate-referral item, and over the guide's passages and numbers,
//! widened by abbreviations ("dv" → domestic violence/abuse) and the
//! callers' vocabulary ("belt" → physical harm), with letter-fuzzy matching
//! as the fallback; and the curated groups that link one concern across
//! levels. No terminal code.

mod engine;
mod guide;
mod heard;
mod index;
mod letters;
pub mod vocabulary;
mod words;

pub use engine::{Entry, Hit, Kind, Place};
pub use guide::GUIDE_PHRASES;
pub use index::Index;

use serde::Deserialize;

use crate::pack::{Abbreviation, Pack};

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
