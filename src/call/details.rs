//! What the handler records about the call besides ticks and the household:
//! what kind of referrer rang, previous contacts, consent, and the decision.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    /// What kind of referrer rang; their name and callback details are in
    /// [`super::household::Referrer`].
    pub caller: Option<CallerType>,
    /// The professional caller's agency.
    pub agency: String,
    pub previous_contacts: Option<YesNoUnknown>,
    /// Whether the parents know about this call: a separate question from
    /// their consent to share or refer.
    #[serde(default)]
    pub parents_aware: Option<YesNoUnknown>,
    pub consent: Option<ConsentState>,
    /// Who gave consent (or refused it).
    #[serde(default)]
    pub consent_by: String,
    /// Whose information the consent covers.
    #[serde(default)]
    pub consent_covers: String,
    /// The id of the pack's consent exception relied on, when consent was
    /// not sought or was refused and the referral goes ahead.
    pub consent_reason: Option<String>,
    pub consent_note: String,
    /// The child's own views, as the caller reports them.
    #[serde(default)]
    pub child_views: String,
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
}
