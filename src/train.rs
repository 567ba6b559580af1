//! Training scenarios: a case vignette with staged reveals, the pack and the
//! simulated time it belongs to, and the trainer's key. No terminal code.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::pack::Pack;
use crate::source::diagnostic::Diagnostics;
use crate::source::problem::{Problem, Where};
use crate::source::{locate_problems, parse_ron};

/// Scenarios shipped in the binary, as (file name, source).
pub const BUILTIN_SCENARIOS: &[(&str, &str)] = &[
    ("city-bruised-toddler.ron", include_str!("../packs/scenarios/city-bruised-toddler.ron")),
    ("city-friday-teacher.ron", include_str!("../packs/scenarios/city-friday-teacher.ron")),
    ("city-boxing-day-fostering.ron", include_str!("../packs/scenarios/city-boxing-day-fostering.ron")),
    ("city-universal-worry.ron", include_str!("../packs/scenarios/city-universal-worry.ron")),
    ("city-missing-teenager.ron", include_str!("../packs/scenarios/city-missing-teenager.ron")),
    ("cfd-night-trilogy.ron", include_str!("../packs/scenarios/cfd-night-trilogy.ron")),
    ("fsp2018-early-help-attendance.ron", include_str!("../packs/scenarios/fsp2018-early-help-attendance.ron")),
    ("fsp2014-baby-substance.ron", include_str!("../packs/scenarios/fsp2014-baby-substance.ron")),
    ("stoke-county-lines.ron", include_str!("../packs/scenarios/stoke-county-lines.ron")),
    ("stoke-getting-help-housing.ron", include_str!("../packs/scenarios/stoke-getting-help-housing.ron")),
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// The pack it is written for.
    pub pack: String,
    /// When the call happens, local "YYYY-MM-DD HH:MM" in the pack's zone.
    pub at: String,
    /// The case as the caller first gives it, in paragraphs.
    pub vignette: Vec<String>,
    /// What the caller says next, revealed one at a time by the trainer.
    #[serde(default)]
    pub reveals: Vec<Reveal>,
    /// The child's age as a caller would give it ("2", "8m", "unborn"), if
    /// the scenario turns on it.
    #[serde(default)]
    pub child_age: Option<String>,
    /// What the author expects, shown only when the trainer reveals it.
    pub key: Key,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    pub title: String,
    pub text: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// Indicator and immediate-item ids the author expects to be ticked.
    pub expected: Vec<String>,
    /// The level the author judges (a level id of the pack).
    pub level: String,
    /// Whether an immediate referral applies, and why.
    pub immediate: bool,
    pub rationale: String,
}

/// How the room's ticks compare with the author's key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub matched: Vec<String>,
    pub missed: Vec<String>,
    /// Ticked, but not in the key: for discussion, not marked wrong.
    pub unexpected: Vec<String>,
}

pub fn compare(key: &Key, ticked: &[&str]) -> Comparison {
    let expected: BTreeSet<&str> = key.expected.iter().map(String::as_str).collect();
    let ticked_set: BTreeSet<&str> = ticked.iter().copied().collect();
    Comparison {
        matched: key.expected.iter().filter(|id| ticked_set.contains(id.as_str())).cloned().collect(),
        missed: key.expected.iter().filter(|id| !ticked_set.contains(id.as_str())).cloned().collect(),
        unexpected: ticked.iter().filter(|id| !expected.contains(*id)).map(|id| id.to_string()).collect(),
    }
}

/// Parses a scenario and checks it against its pack: the pack exists, the
/// time reads, every referenced indicator and the level exist.
pub fn load(path: &str, bytes: Vec<u8>, open_pack: impl Fn(&str) -> Option<Pack>) -> Result<Scenario, Diagnostics> {
    let (scenario, source) = parse_ron::<Scenario>(path, bytes)?;
    let mut problems = Vec::new();
    let mut report = |field: &'static str, value: &str, message: String| {
        problems.push(Problem { at: Where::Value { field, value: value.to_string(), nth: 0 }, message });
    };
    match open_pack(&scenario.pack) {
        None => report("pack", &scenario.pack, format!("unknown pack {:?}", scenario.pack)),
        Some(pack) => {
            let zone = crate::pack::resolve::pack_zone(&pack);
            if let Err(err) = crate::hours::at::parse_at(&scenario.at, zone) {
                report("at", &scenario.at, err.to_string());
            }
            let ids: BTreeSet<&str> = pack.item_ids().collect();
            for id in &scenario.key.expected {
                if !ids.contains(id.as_str()) {
                    report("expected", id, format!("{id:?} is not an indicator of {}", pack.id));
                }
            }
            if pack.level_index(&scenario.key.level).is_none() {
                report("level", &scenario.key.level, format!("{:?} is not a level of {}", scenario.key.level, pack.id));
            }
        }
    }
    if let Some(age) = &scenario.child_age
        && crate::call::details::Age::parse(age).is_none()
    {
        report("child_age", age, format!("{age:?} is not an age (write 3, 8m or unborn)"));
    }
    if scenario.vignette.is_empty() {
        problems.push(Problem { at: Where::Key("vignette"), message: "the vignette is empty".into() });
    }
    if problems.is_empty() { Ok(scenario) } else { Err(locate_problems(path, &source, problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_sorts_ticks_into_matched_missed_and_unexpected() {
        let key = Key {
            expected: vec!["a".into(), "b".into(), "c".into()],
            level: "l".into(),
            immediate: false,
            rationale: String::new(),
        };
        let result = compare(&key, &["c", "x", "a"]);
        assert_eq!(result.matched, ["a", "c"]);
        assert_eq!(result.missed, ["b"]);
        assert_eq!(result.unexpected, ["x"]);
        assert_eq!(compare(&key, &[]).missed.len(), 3);
    }
}
