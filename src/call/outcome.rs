//! What the call led to: one or more outcomes, each with a short text and
//! its time. Like the decision, every change (add, edit, withdraw) is kept
//! with its reason, and the outcomes now are derived from that history. The
//! list to choose from is the pack's own where it names one, else the common
//! list below, worded with the pack's names (its form, its front door).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::pack::{ContactLine, Pack};
use crate::text::clean_line;

/// The common list's signpost id: the one that asks which service was given.
pub const SIGNPOSTED: &str = "signposted";

/// One outcome the handler can choose, as the screen offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// The document's words about it, for a pack-defined choice.
    pub words: Option<String>,
    /// Choosing it asks which service or number the caller was given.
    pub signpost: bool,
}

/// The outcomes offered for `pack`: its own list, which replaces the common
/// one, or the common list.
pub fn choices(pack: &Pack) -> Vec<Choice> {
    if !pack.guidance.outcomes.is_empty() {
        return pack
            .guidance
            .outcomes
            .iter()
            .map(|o| Choice {
                id: o.id.clone(),
                label: clean_line(&o.name),
                words: o.words.as_deref().map(clean_line),
                signpost: o.signpost,
            })
            .collect();
    }
    let form = pack.guidance.referral.as_ref().and_then(|r| r.form_name.as_deref()).map(clean_line);
    let written = form.unwrap_or_else(|| "written referral".to_string());
    let common = |id: &str, label: String| Choice { id: id.into(), label, words: None, signpost: id == SIGNPOSTED };
    let signposted = Choice {
        words: Some("To a service or number: one of the pack's lines, or a service typed in.".into()),
        ..common(SIGNPOSTED, "Signposted".into())
    };
    vec![
        common("advice", "Advice given".into()),
        signposted,
        common("early-help", "Early help (assessment / team around the family)".into()),
        common(
            "referral",
            format!("Referral to the front door / children's social care accepted, {written} to follow"),
        ),
        common("strategy-s47", "Strategy discussion / section 47".into()),
        common("police", "Police informed".into()),
        common("out-of-hours", "Out-of-hours team actioned".into()),
        common("day-team", "Passed to the day team".into()),
        common("lado", "Allegation about a professional (LADO)".into()),
        common("nfa", "No further action".into()),
    ]
}

/// A line a caller can be signposted to: the pack's office, out-of-hours
/// and other lines, with what the screen shows for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignpostLine {
    pub id: String,
    /// "Child & Adolescent Mental Health Service 0115 854 2299".
    pub shown: String,
}

/// The pack's lines to signpost to, the other useful numbers first (they
/// are what signposting is for), then the office and out-of-hours lines.
pub fn signpost_lines(pack: &Pack) -> Vec<SignpostLine> {
    let contacts = &pack.contacts;
    contacts
        .other
        .iter()
        .chain(std::iter::once(&contacts.office))
        .chain(contacts.out_of_hours.iter())
        .map(|line| SignpostLine { id: line.id.clone(), shown: shown(line) })
        .collect()
}

/// A line's name and how to reach it: its first number, else its first
/// channel (a website), so what was given is on the record.
fn shown(line: &ContactLine) -> String {
    let reach = line.numbers.first().cloned().or_else(|| line.channels.first().map(|c| c.value.clone()));
    match reach {
        Some(reach) => clean_line(&format!("{} {reach}", line.name)),
        None => clean_line(&line.name),
    }
}

/// Where a caller was signposted, as it was on screen when recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signpost {
    /// The pack's contact line id; `None` for a service typed in.
    pub line: Option<String>,
    /// The line's name and number as shown then, or the service as typed.
    pub shown: String,
}

/// One change to the outcomes, as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeChange {
    /// Which outcome, numbered from 1 in the order they were added.
    pub number: u32,
    pub change: Change,
    /// Why it changed (empty when an outcome is added).
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Add {
        /// The choice's id.
        choice: String,
        /// Its label as shown then: a pack may reword it later.
        label: String,
        #[serde(default)]
        signpost: Option<Signpost>,
        text: String,
    },
    /// The outcome's text replaced.
    Edit {
        text: String,
    },
    Withdraw,
}

/// An outcome as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chosen {
    pub number: u32,
    pub choice: String,
    pub label: String,
    pub signpost: Option<Signpost>,
    pub text: String,
    /// When it was added: the outcome's time.
    pub at: DateTime<Utc>,
    /// When its text last changed, if it did.
    pub edited_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// What an outcome draft is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum Target {
    Add { choice: String },
    Edit { number: u32 },
    Withdraw { number: u32 },
}

/// The outcome screen's texts as last typed and not yet recorded: kept in
/// the journal so a crash loses none of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub target: Target,
    /// A signpost's line chosen from the pack.
    #[serde(default)]
    pub line: Option<String>,
    /// A service not in the pack, as typed.
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub reason: String,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        [&self.service, &self.text, &self.reason].iter().all(|t| t.trim().is_empty())
    }
}

/// The call's outcomes: the history, what it adds up to, and the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    /// Every change in order.
    pub history: Vec<OutcomeChange>,
    /// Every outcome ever added, withdrawn ones included, in number order;
    /// kept up to date from `history`.
    pub chosen: Vec<Chosen>,
    pub draft: Option<Draft>,
}

impl Outcomes {
    /// Applies a recorded change. A change to an outcome that is not there
    /// (only in a damaged journal) is kept in the history and changes
    /// nothing; a recorded change ends the draft it came from.
    pub fn apply(&mut self, change: &OutcomeChange) {
        self.history.push(change.clone());
        self.draft = None;
        let found = self.chosen.iter_mut().find(|c| c.number == change.number);
        match (&change.change, found) {
            (Change::Add { choice, label, signpost, text }, None) => {
                self.chosen.push(Chosen {
                    number: change.number,
                    choice: choice.clone(),
                    label: label.clone(),
                    signpost: signpost.clone(),
                    text: text.clone(),
                    at: change.at,
                    edited_at: None,
                    withdrawn_at: None,
                });
                crate::sort::sort_by_key(&mut self.chosen, |c| c.number);
            }
            (Change::Edit { text }, Some(chosen)) => {
                chosen.text.clone_from(text);
                chosen.edited_at = Some(change.at);
            }
            (Change::Withdraw, Some(chosen)) => chosen.withdrawn_at = Some(change.at),
            (Change::Add { .. }, Some(_)) | (Change::Edit { .. } | Change::Withdraw, None) => {}
        }
    }

    pub fn set_draft(&mut self, draft: &Draft) {
        self.draft = Some(draft.clone());
    }

    /// The outcomes standing now (not withdrawn), in the order added.
    pub fn current(&self) -> impl Iterator<Item = &Chosen> {
        self.chosen.iter().filter(|c| c.withdrawn_at.is_none())
    }

    pub fn get(&self, number: u32) -> Option<&Chosen> {
        self.chosen.iter().find(|c| c.number == number)
    }

    /// The number the next outcome added takes.
    pub fn next_number(&self) -> u32 {
        self.chosen.iter().map(|c| c.number).max().unwrap_or(0) + 1
    }

    /// Anything worth keeping: a recorded change or a draft with text.
    pub fn has_content(&self) -> bool {
        !self.history.is_empty() || self.draft.as_ref().is_some_and(|d| !d.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 16, minute, 0).single().unwrap_or_default()
    }

    fn add(number: u32, choice: &str, text: &str, minute: u32) -> OutcomeChange {
        let change = Change::Add { choice: choice.into(), label: choice.into(), signpost: None, text: text.into() };
        OutcomeChange { number, change, reason: String::new(), at: at(minute) }
    }

    #[test]
    fn the_outcomes_now_follow_adds_edits_and_withdrawals_and_the_history_keeps_all() {
        let mut outcomes = Outcomes::default();
        outcomes.apply(&add(1, "advice", "Talked through consent", 1));
        outcomes.apply(&add(2, "nfa", "", 2));
        let edit = Change::Edit { text: "Consent and the golden rules".into() };
        outcomes.apply(&OutcomeChange { number: 1, change: edit, reason: "Said more".into(), at: at(3) });
        outcomes.apply(&OutcomeChange { number: 2, change: Change::Withdraw, reason: "Wrong".into(), at: at(4) });
        let now: Vec<(u32, &str)> = outcomes.current().map(|c| (c.number, c.text.as_str())).collect();
        assert_eq!(now, [(1, "Consent and the golden rules")]);
        assert_eq!(outcomes.get(1).and_then(|c| c.edited_at), Some(at(3)));
        assert_eq!(outcomes.get(1).map(|c| c.at), Some(at(1)), "an outcome keeps the time it was added");
        assert_eq!(outcomes.history.len(), 4);
        assert_eq!(outcomes.next_number(), 3, "a withdrawn outcome's number is not reused");
    }

    #[test]
    fn a_change_to_an_outcome_that_is_not_there_changes_nothing() {
        let mut outcomes = Outcomes::default();
        outcomes.apply(&add(1, "advice", "a", 1));
        outcomes.apply(&OutcomeChange { number: 7, change: Change::Withdraw, reason: "x".into(), at: at(2) });
        outcomes.apply(&add(1, "nfa", "b", 3));
        assert_eq!(outcomes.current().map(|c| c.choice.as_str()).collect::<Vec<_>>(), ["advice"]);
    }

    #[test]
    fn recording_a_change_ends_the_draft() {
        let mut outcomes = Outcomes::default();
        let draft = Draft {
            target: Target::Add { choice: "advice".into() },
            line: None,
            service: String::new(),
            text: "half".into(),
            reason: String::new(),
        };
        outcomes.set_draft(&draft);
        assert!(outcomes.has_content());
        outcomes.apply(&add(1, "advice", "half typed", 1));
        assert_eq!(outcomes.draft, None);
    }
}
