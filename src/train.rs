//! Training scenarios: a case vignette with staged reveals, the pack and the
//! simulated time it belongs to, and the trainer's key. No terminal code.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::call::details::{Age, YesNoUnknown};
use crate::call::household::{AdultFact, Born, ChildFact, HouseholdChange};
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
    /// The children and adults the call is about, so the room sees the
    /// household as the handler would record it.
    #[serde(default)]
    pub household: ScenarioHousehold,
    /// What the author expects, shown only when the trainer reveals it.
    pub key: Key,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioHousehold {
    #[serde(default)]
    pub children: Vec<ScenarioChild>,
    #[serde(default)]
    pub adults: Vec<ScenarioAdult>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioChild {
    /// An invented name or initials.
    pub label: String,
    /// As a caller gives it: "6", "4m", "unborn", a date of birth, "due 1/3/2027".
    #[serde(default)]
    pub age: Option<String>,
    #[serde(default)]
    pub mobile: Option<bool>,
    #[serde(default)]
    pub disabled: Option<bool>,
    #[serde(default)]
    pub pregnant: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioAdult {
    pub label: String,
    #[serde(default)]
    pub relationship: String,
}

impl Scenario {
    /// The household as changes to a new call whose ages count from
    /// `today`; ids are given in order from 1. With no children listed,
    /// `child_age` is the one child's age, as before households.
    pub fn household_changes(&self, today: NaiveDate) -> Vec<HouseholdChange> {
        let yes_no = |b: Option<bool>| b.map(|b| if b { YesNoUnknown::Yes } else { YesNoUnknown::No });
        let mut changes = Vec::new();
        for (child, c) in (1..).zip(&self.household.children) {
            let mut fact = |fact| changes.push(HouseholdChange::Child { child, fact });
            fact(ChildFact::Label(c.label.clone()));
            fact(ChildFact::Born(c.age.as_deref().and_then(|a| Born::parse(a, today))));
            fact(ChildFact::Mobile(yes_no(c.mobile)));
            fact(ChildFact::Disabled(yes_no(c.disabled)));
            fact(ChildFact::Pregnant(yes_no(c.pregnant)));
        }
        if self.household.children.is_empty()
            && let Some(age) = self.child_age.as_deref().and_then(Age::parse)
        {
            changes.push(HouseholdChange::Child { child: 1, fact: ChildFact::Born(Some(Born::Age(age))) });
        }
        for (adult, a) in (1..).zip(&self.household.adults) {
            changes.push(HouseholdChange::Adult { adult, fact: AdultFact::Label(a.label.clone()) });
            changes.push(HouseholdChange::Adult { adult, fact: AdultFact::Relationship(a.relationship.clone()) });
        }
        changes
    }

    /// "Baby, 4 months — not mobile", one per child, then the adults.
    pub fn household_lines(&self, today: NaiveDate) -> Vec<String> {
        let mut household = crate::call::household::Household::default();
        for change in self.household_changes(today) {
            household.apply(&change);
        }
        let mut lines: Vec<String> = household
            .children
            .iter()
            .map(|c| {
                let mut line = c.name_and_age(today);
                let flag = |v: Option<YesNoUnknown>, yes: &str, no: &str| match v {
                    Some(YesNoUnknown::Yes) => format!(" — {yes}"),
                    Some(YesNoUnknown::No) if !no.is_empty() => format!(" — {no}"),
                    _ => String::new(),
                };
                line.push_str(&flag(c.mobile, "mobile", "not mobile"));
                line.push_str(&flag(c.disabled, "disabled / SEND", ""));
                line.push_str(&flag(c.pregnant, "pregnant", ""));
                line
            })
            .collect();
        if !self.household.children.is_empty() {
            lines.extend(household.adults.iter().map(|a| {
                if a.relationship.trim().is_empty() { a.name() } else { format!("{} ({})", a.name(), a.relationship) }
            }));
        }
        lines
    }
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
            match crate::hours::at::parse_at(&scenario.at, zone) {
                Err(err) => report("at", &scenario.at, err.to_string()),
                Ok(at) => {
                    let today = at.utc.date_naive();
                    for age in scenario.household.children.iter().filter_map(|c| c.age.as_ref()) {
                        if Born::parse(age, today).is_none() {
                            let message =
                                format!("{age:?} is not an age (write 6, 4m, unborn, a date of birth or due 1/3/2027)");
                            report("age", age, message);
                        }
                    }
                }
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
