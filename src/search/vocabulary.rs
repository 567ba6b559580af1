//! The callers' vocabulary (packs/vocabulary/callers.ron): phrases callers
//! say and the documents' terms for them. `pack check` validates it through
//! [`callers`].

use serde::{Deserialize, Serialize};

pub const CALLERS: &str = include_str!("../../packs/vocabulary/callers.ron");

/// "belt" and "slapped" mean "physical harm"; matched both ways, as phrases.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub said: Vec<String>,
    pub means: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Callers {
    phrases: Vec<Phrase>,
}

/// One entry of the shipped file and the 1-based line its `(said:` starts on,
/// so a check can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub phrase: Phrase,
    pub line: usize,
}

/// Parses `source` in the callers.ron format. Lines are those that hold a
/// `said:` in file order; an entry whose `said:` shares a line with another
/// gets that line too.
pub fn parse(source: &str) -> Result<Vec<Located>, ron::error::SpannedError> {
    let parsed = crate::source::ron_options().from_str::<Callers>(source)?;
    let lines: Vec<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .flat_map(|(n, l)| std::iter::repeat_n(n + 1, l.matches("said:").count()))
        .collect();
    Ok(parsed
        .phrases
        .into_iter()
        .enumerate()
        .map(|(i, phrase)| Located { line: lines.get(i).copied().unwrap_or(0), phrase })
        .collect())
}

/// The shipped callers' vocabulary with file positions, for `pack check`.
pub fn callers() -> Result<Vec<Located>, ron::error::SpannedError> {
    parse(CALLERS)
}

/// The shipped entries for search; the file is tested, so a parse failure
/// is a build defect and yields none rather than a panic.
pub fn phrases() -> Vec<Phrase> {
    callers().map(|v| v.into_iter().map(|l| l.phrase).collect()).unwrap_or_default()
}
