//! What the handler records about the call besides ticks: who rang, the
//! child's age and mobility, previous contacts, consent, and their decision.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::pack::AppliesTo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallerType {
    Professional,
    FamilyMember,
    MemberOfPublic,
    Anonymous,
}

impl CallerType {
    pub const ALL: [CallerType; 4] =
        [CallerType::Professional, CallerType::FamilyMember, CallerType::MemberOfPublic, CallerType::Anonymous];

    pub fn label(self) -> &'static str {
        match self {
            CallerType::Professional => "Professional",
            CallerType::FamilyMember => "Family member",
            CallerType::MemberOfPublic => "Member of the public",
            CallerType::Anonymous => "Anonymous",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNoUnknown {
    Yes,
    No,
    Unknown,
}

impl YesNoUnknown {
    pub const ALL: [YesNoUnknown; 3] = [YesNoUnknown::Yes, YesNoUnknown::No, YesNoUnknown::Unknown];

    pub fn label(self) -> &'static str {
        match self {
            YesNoUnknown::Yes => "Yes",
            YesNoUnknown::No => "No",
            YesNoUnknown::Unknown => "Unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Given,
    Refused,
    NotSought,
}

impl ConsentState {
    pub const ALL: [ConsentState; 3] = [ConsentState::Given, ConsentState::Refused, ConsentState::NotSought];

    pub fn label(self) -> &'static str {
        match self {
            ConsentState::Given => "Given",
            ConsentState::Refused => "Refused",
            ConsentState::NotSought => "Not sought",
        }
    }
}

/// The child's age as a caller gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Age {
    Unborn,
    Months(u16),
    Years(u8),
}

impl Age {
    /// Reads "unborn", "8m", "8 months", "3", "3y", "3 years".
    pub fn parse(text: &str) -> Option<Age> {
        let text = text.trim().to_ascii_lowercase();
        if text == "unborn" || text == "u" {
            return Some(Age::Unborn);
        }
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        let unit = text[digits.len()..].trim();
        let n: u16 = digits.parse().ok()?;
        match unit {
            "m" | "mo" | "month" | "months" => Some(Age::Months(n)),
            "" | "y" | "yr" | "yrs" | "year" | "years" => u8::try_from(n).ok().filter(|y| *y <= 25).map(Age::Years),
            _ => None,
        }
    }

    /// Whole years of age; `None` for an unborn baby.
    pub fn years(self) -> Option<u16> {
        match self {
            Age::Unborn => None,
            Age::Months(m) => Some(m / 12),
            Age::Years(y) => Some(u16::from(y)),
        }
    }

    pub fn label(self) -> String {
        match self {
            Age::Unborn => "unborn".into(),
            Age::Months(1) => "1 month".into(),
            Age::Months(m) => format!("{m} months"),
            Age::Years(1) => "1 year".into(),
            Age::Years(y) => format!("{y} years"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    pub caller: Option<CallerType>,
    /// The professional caller's agency.
    pub agency: String,
    pub age: Option<Age>,
    pub mobile: Option<YesNoUnknown>,
    pub disabled: Option<YesNoUnknown>,
    pub previous_contacts: Option<YesNoUnknown>,
    pub consent: Option<ConsentState>,
    /// The id of the pack's consent exception relied on, when not sought.
    pub consent_reason: Option<String>,
    pub consent_note: String,
}

impl Details {
    /// Whether an item marked `applies_to` is about this call's child. With no
    /// age or mobility entered, nothing is emphasised.
    pub fn matches(&self, applies: &AppliesTo) -> bool {
        let mut any = false;
        if applies.unborn {
            if self.age != Some(Age::Unborn) {
                return false;
            }
            any = true;
        }
        if applies.non_mobile {
            if self.mobile != Some(YesNoUnknown::No) {
                return false;
            }
            any = true;
        }
        let years = self.age.and_then(Age::years);
        if let Some(from) = applies.at_least_years {
            match years {
                Some(y) if y >= u16::from(from) => any = true,
                _ => return false,
            }
        }
        if let Some(under) = applies.under_years {
            match years {
                Some(y) if y < u16::from(under) => any = true,
                _ => return false,
            }
        }
        if applies.at_most_years.is_some() || applies.at_most_years_if_disabled.is_some() {
            let limit = match (self.disabled, applies.at_most_years_if_disabled) {
                (Some(YesNoUnknown::Yes), Some(d)) => Some(d),
                _ => applies.at_most_years.or(applies.at_most_years_if_disabled),
            };
            match (years, limit) {
                (Some(y), Some(limit)) if y <= u16::from(limit) => any = true,
                _ => return false,
            }
        }
        any
    }
}

/// The handler's own judgement of the level, with why; every change is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// A level id of the pack, or `None` to withdraw a decision.
    pub level: Option<String>,
    pub rationale: String,
    /// Why it changed (empty for the first decision).
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_read_as_callers_say_them() {
        assert_eq!(Age::parse("unborn"), Some(Age::Unborn));
        assert_eq!(Age::parse("8m"), Some(Age::Months(8)));
        assert_eq!(Age::parse("8 months"), Some(Age::Months(8)));
        assert_eq!(Age::parse("3"), Some(Age::Years(3)));
        assert_eq!(Age::parse("14 years"), Some(Age::Years(14)));
        assert_eq!(Age::parse("three"), None);
        assert_eq!(Age::parse("300"), None);
    }

    #[test]
    fn age_and_mobility_select_the_items_about_this_child() {
        let baby = Details { age: Some(Age::Months(5)), mobile: Some(YesNoUnknown::No), ..Details::default() };
        let teen = Details { age: Some(Age::Years(17)), ..Details::default() };
        let disabled_teen = Details { disabled: Some(YesNoUnknown::Yes), ..teen.clone() };
        let non_mobile = AppliesTo { non_mobile: true, ..AppliesTo::default() };
        let under_two = AppliesTo { under_years: Some(2), ..AppliesTo::default() };
        let fostering =
            AppliesTo { at_most_years: Some(16), at_most_years_if_disabled: Some(17), ..AppliesTo::default() };
        assert!(baby.matches(&non_mobile) && baby.matches(&under_two) && baby.matches(&fostering));
        assert!(!teen.matches(&non_mobile) && !teen.matches(&under_two) && !teen.matches(&fostering));
        assert!(disabled_teen.matches(&fostering));
        assert!(!Details::default().matches(&under_two), "no age entered, nothing emphasised");
    }

    #[test]
    fn an_item_about_a_young_person_is_not_marked_for_a_baby() {
        let pregnant_under_17 = AppliesTo { at_least_years: Some(10), under_years: Some(17), ..AppliesTo::default() };
        let aged = |age: &str| Details { age: Age::parse(age), ..Details::default() };
        for age in ["unborn", "4m", "23m", "9"] {
            assert!(!aged(age).matches(&pregnant_under_17), "{age}");
        }
        assert!(aged("10").matches(&pregnant_under_17) && aged("16").matches(&pregnant_under_17));
        assert!(!aged("17").matches(&pregnant_under_17));
        assert_eq!(pregnant_under_17.describe(), "aged 10 to 16");
    }
}
