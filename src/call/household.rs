//! Who a call is about: the children (each with their own age, mobility and
//! whereabouts), the adults around them, the household's address, and the
//! referrer to ring back. A tick is about the whole household unless it is
//! assigned to named children. Every change is one [`HouseholdChange`],
//! applied the same way live and on restore.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::details::{Age, YesNoUnknown};
use crate::pack::AppliesTo;

/// A child's key within one call: given when the child is first recorded and
/// never reused, so a tick assigned to child 2 stays with child 2 when child
/// 1 is removed.
pub type ChildId = u32;
pub type AdultId = u32;

/// When a child was born, or is due, as the caller gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Born {
    /// An age as said ("8 months", "6", "unborn").
    Age(Age),
    /// A date of birth.
    Dob(NaiveDate),
    /// An unborn baby's expected date of delivery.
    Due(NaiveDate),
}

impl Born {
    /// Reads "6", "8m", "unborn", a date of birth ("12/05/2019", "2019-05-12")
    /// or an expected date of delivery ("due 1/3/2027", "edd 2027-03-01", or
    /// any date after `today`).
    pub fn parse(text: &str, today: NaiveDate) -> Option<Born> {
        let text = text.trim().to_ascii_lowercase();
        for prefix in ["due", "edd", "dob"] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let date = parse_date(rest.trim_start_matches([' ', ':']))?;
                return Some(if prefix == "dob" { Born::Dob(date) } else { Born::Due(date) });
            }
        }
        if let Some(date) = parse_date(&text) {
            return Some(if date > today { Born::Due(date) } else { Born::Dob(date) });
        }
        Age::parse(&text).map(Born::Age)
    }

    /// The child's age on `today`; an expected baby is unborn.
    pub fn age(self, today: NaiveDate) -> Age {
        match self {
            Born::Age(age) => age,
            Born::Due(_) => Age::Unborn,
            Born::Dob(dob) if dob > today => Age::Unborn,
            Born::Dob(dob) => {
                let mut months = (today.year() - dob.year()) * 12 + today.month() as i32 - dob.month() as i32;
                if today.day() < dob.day() {
                    months -= 1;
                }
                let months = u16::try_from(months.max(0)).unwrap_or(0);
                if months < 24 { Age::Months(months) } else { Age::Years(u8::try_from(months / 12).unwrap_or(u8::MAX)) }
            }
        }
    }

    /// "6 years", "born 12 May 2019 (6 years)", "unborn, due 1 Mar 2027".
    pub fn label(self, today: NaiveDate) -> String {
        match self {
            Born::Age(age) => age.label(),
            Born::Dob(dob) => format!("born {} ({})", dob.format("%-d %b %Y"), self.age(today).label()),
            Born::Due(due) => format!("unborn, due {}", due.format("%-d %b %Y")),
        }
    }
}

/// "12/05/2019", "12/5/19", "2019-05-12", "12.05.2019".
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    // Two-digit years are this century: a child's date is never before 2000
    // by much, and never far in the future.
    let y = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub id: ChildId,
    /// A name or initials, as the handler chooses.
    pub label: String,
    pub born: Option<Born>,
    /// The age or date as it was typed, so words that are not read as one
    /// yet ("about 4 or 5", a half-typed date) are kept, not lost.
    #[serde(default)]
    pub born_said: String,
    pub mobile: Option<YesNoUnknown>,
    /// Disability or special educational needs (SEND).
    pub disabled: Option<YesNoUnknown>,
    /// What the disability or SEND is, in the caller's words.
    pub send: String,
    /// For a young person.
    pub pregnant: Option<YesNoUnknown>,
    pub school: String,
    /// Where the child is now: the first thing to establish.
    pub whereabouts: String,
    /// Who is with the child now.
    pub with_whom: String,
    /// The child's current address, where it is not the household's.
    pub address: String,
    pub note: String,
}

impl Child {
    pub fn age(&self, today: NaiveDate) -> Option<Age> {
        self.born.map(|b| b.age(today))
    }

    /// "Child 2" until the handler gives a label.
    pub fn name(&self) -> String {
        if self.label.trim().is_empty() { format!("Child {}", self.id) } else { self.label.clone() }
    }

    /// "Tyler, 6" / "Baby, 4 months" / "Child 2".
    pub fn name_and_age(&self, today: NaiveDate) -> String {
        match self.age(today) {
            Some(Age::Years(y)) => format!("{}, {y}", self.name()),
            Some(age) => format!("{}, {}", self.name(), age.label()),
            None if !self.born_said.trim().is_empty() => format!("{}, \"{}\"", self.name(), self.born_said.trim()),
            None => self.name(),
        }
    }

    /// The caller's words for the age when they are not read as an age or
    /// a date: for the record, which must not drop them.
    pub fn age_as_said(&self) -> Option<&str> {
        Some(self.born_said.trim()).filter(|s| !s.is_empty() && self.born.is_none())
    }

    /// Whether an item marked `applies_to` is about this child. With no age
    /// or mobility entered, nothing is emphasised.
    pub fn matches(&self, applies: &AppliesTo, today: NaiveDate) -> bool {
        let age = self.age(today);
        let mut any = false;
        if applies.unborn {
            if age != Some(Age::Unborn) {
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
        let years = age.and_then(Age::years);
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

/// Whether an adult lives in the household or visits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Residence {
    LivesHere,
    Visits,
    Unknown,
}

impl Residence {
    pub const ALL: [Residence; 3] = [Residence::LivesHere, Residence::Visits, Residence::Unknown];

    pub fn label(self) -> &'static str {
        match self {
            Residence::LivesHere => "Lives in the household",
            Residence::Visits => "Visits",
            Residence::Unknown => "Unknown",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adult {
    pub id: AdultId,
    pub label: String,
    /// To the children ("mum", "mum's partner", "grandmother").
    pub relationship: String,
    pub parental_responsibility: Option<YesNoUnknown>,
    pub residence: Option<Residence>,
    pub alleged_perpetrator: bool,
    pub note: String,
}

impl Adult {
    pub fn name(&self) -> String {
        if self.label.trim().is_empty() { format!("Adult {}", self.id) } else { self.label.clone() }
    }
}

/// Who rang and how to ring them back. Their type (professional, family,
/// public, anonymous) and agency are in [`super::details::Details`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referrer {
    pub name: String,
    /// Their role, or relationship to the child.
    pub role: String,
    /// Callback number(s), as given.
    pub numbers: String,
    /// When they can be reached ("until 6pm", "school hours").
    pub reachable: String,
    pub secure_email: String,
    /// They asked not to be named to the family.
    pub anonymity: Option<YesNoUnknown>,
    /// What they are asking for.
    pub asking: String,
}

/// Whether what is recorded was seen or heard by the referrer themselves or
/// told to them by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hearing {
    FirstHand,
    SecondHand,
}

impl Hearing {
    pub fn label(self) -> &'static str {
        match self {
            Hearing::FirstHand => "first-hand",
            Hearing::SecondHand => "heard from someone else",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ChildFact {
    Label(String),
    Born(Option<Born>),
    Mobile(Option<YesNoUnknown>),
    Disabled(Option<YesNoUnknown>),
    Send(String),
    Pregnant(Option<YesNoUnknown>),
    School(String),
    Whereabouts(String),
    WithWhom(String),
    Address(String),
    Note(String),
    /// The age field as typed, with what it was read as (if anything).
    BornSaid {
        text: String,
        born: Option<Born>,
    },
}

impl ChildFact {
    fn apply(&self, child: &mut Child) {
        match self {
            ChildFact::Label(v) => child.label.clone_from(v),
            ChildFact::Born(v) => {
                child.born = *v;
                child.born_said.clear();
            }
            ChildFact::Mobile(v) => child.mobile = *v,
            ChildFact::Disabled(v) => child.disabled = *v,
            ChildFact::Send(v) => child.send.clone_from(v),
            ChildFact::Pregnant(v) => child.pregnant = *v,
            ChildFact::School(v) => child.school.clone_from(v),
            ChildFact::Whereabouts(v) => child.whereabouts.clone_from(v),
            ChildFact::WithWhom(v) => child.with_whom.clone_from(v),
            ChildFact::Address(v) => child.address.clone_from(v),
            ChildFact::Note(v) => child.note.clone_from(v),
            ChildFact::BornSaid { text, born } => {
                child.born_said.clone_from(text);
                child.born = *born;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum AdultFact {
    Label(String),
    Relationship(String),
    ParentalResponsibility(Option<YesNoUnknown>),
    Residence(Option<Residence>),
    AllegedPerpetrator(bool),
    Note(String),
}

impl AdultFact {
    fn apply(&self, adult: &mut Adult) {
        match self {
            AdultFact::Label(v) => adult.label.clone_from(v),
            AdultFact::Relationship(v) => adult.relationship.clone_from(v),
            AdultFact::ParentalResponsibility(v) => adult.parental_responsibility = *v,
            AdultFact::Residence(v) => adult.residence = *v,
            AdultFact::AllegedPerpetrator(v) => adult.alleged_perpetrator = *v,
            AdultFact::Note(v) => adult.note.clone_from(v),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ReferrerFact {
    Name(String),
    Role(String),
    Numbers(String),
    Reachable(String),
    SecureEmail(String),
    Anonymity(Option<YesNoUnknown>),
    Asking(String),
}

impl ReferrerFact {
    fn apply(&self, referrer: &mut Referrer) {
        match self {
            ReferrerFact::Name(v) => referrer.name.clone_from(v),
            ReferrerFact::Role(v) => referrer.role.clone_from(v),
            ReferrerFact::Numbers(v) => referrer.numbers.clone_from(v),
            ReferrerFact::Reachable(v) => referrer.reachable.clone_from(v),
            ReferrerFact::SecureEmail(v) => referrer.secure_email.clone_from(v),
            ReferrerFact::Anonymity(v) => referrer.anonymity = *v,
            ReferrerFact::Asking(v) => referrer.asking.clone_from(v),
        }
    }
}

/// What a record is that may be marked first-hand or second-hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "of", content = "id", rename_all = "snake_case")]
pub enum Heard {
    /// A ticked indicator or immediate item.
    Tick(String),
    /// A notes section.
    Note(String),
}

/// One change to who the call is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum HouseholdChange {
    AddChild {
        child: ChildId,
    },
    RemoveChild {
        child: ChildId,
    },
    /// A fact about a child; the first fact about a new id records the child.
    Child {
        child: ChildId,
        fact: ChildFact,
    },
    AddAdult {
        adult: AdultId,
    },
    RemoveAdult {
        adult: AdultId,
    },
    Adult {
        adult: AdultId,
        fact: AdultFact,
    },
    Address {
        text: String,
    },
    Referrer {
        fact: ReferrerFact,
    },
    /// The children an item is about; none means the whole household.
    Assign {
        item: String,
        children: Vec<ChildId>,
    },
    /// Whether a tick or note was seen first-hand; `None` clears it.
    Heard {
        about: Heard,
        hearing: Option<Hearing>,
    },
    /// Whether the children are safe right now, as far as the caller knows.
    SafeNow {
        value: Option<YesNoUnknown>,
    },
    /// Who else may be at risk (siblings elsewhere, other children), free text.
    OthersAtRisk {
        text: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Household {
    /// In the order they were recorded.
    pub children: Vec<Child>,
    pub adults: Vec<Adult>,
    /// The household's address, free text.
    pub address: String,
    pub referrer: Referrer,
    /// Item id → the children it is about (absent: the whole household).
    pub assigned: BTreeMap<String, Vec<ChildId>>,
    /// Ticked item id → first-hand or not.
    pub heard_ticks: BTreeMap<String, Hearing>,
    /// Notes section → first-hand or not.
    pub heard_notes: BTreeMap<String, Hearing>,
    /// Ids once used, so a removed child's id is never given again and a
    /// late fact about them does not bring them back.
    #[serde(skip)]
    used_children: BTreeSet<ChildId>,
    #[serde(skip)]
    used_adults: BTreeSet<AdultId>,
    /// Whether the children are safe right now: the first thing to ask.
    pub safe_now: Option<YesNoUnknown>,
    /// Who else is at risk, in the caller's words.
    pub others_at_risk: String,
}

impl Household {
    pub fn apply(&mut self, change: &HouseholdChange) {
        match change {
            HouseholdChange::AddChild { child } => {
                self.child_entry(*child);
            }
            HouseholdChange::RemoveChild { child } => {
                self.children.retain(|c| c.id != *child);
                for children in self.assigned.values_mut() {
                    children.retain(|c| c != child);
                }
                self.assigned.retain(|_, children| !children.is_empty());
            }
            HouseholdChange::Child { child, fact } => {
                if let Some(child) = self.child_entry(*child) {
                    fact.apply(child);
                }
            }
            HouseholdChange::AddAdult { adult } => {
                self.adult_entry(*adult);
            }
            HouseholdChange::RemoveAdult { adult } => self.adults.retain(|a| a.id != *adult),
            HouseholdChange::Adult { adult, fact } => {
                if let Some(adult) = self.adult_entry(*adult) {
                    fact.apply(adult);
                }
            }
            HouseholdChange::Address { text } => self.address.clone_from(text),
            HouseholdChange::Referrer { fact } => fact.apply(&mut self.referrer),
            HouseholdChange::Assign { item, children } => {
                let mut known: Vec<ChildId> = children.iter().copied().filter(|id| self.child(*id).is_some()).collect();
                known.sort_unstable();
                known.dedup();
                if known.is_empty() {
                    self.assigned.remove(item);
                } else {
                    self.assigned.insert(item.clone(), known);
                }
            }
            HouseholdChange::Heard { about, hearing } => {
                let (map, key) = match about {
                    Heard::Tick(id) => (&mut self.heard_ticks, id),
                    Heard::Note(section) => (&mut self.heard_notes, section),
                };
                match hearing {
                    Some(h) => {
                        map.insert(key.clone(), *h);
                    }
                    None => {
                        map.remove(key);
                    }
                }
            }
            HouseholdChange::SafeNow { value } => self.safe_now = *value,
            HouseholdChange::OthersAtRisk { text } => self.others_at_risk.clone_from(text),
        }
    }

    /// The child with `id`, recorded now if the id is new; `None` for a
    /// child who was removed.
    fn child_entry(&mut self, id: ChildId) -> Option<&mut Child> {
        if !self.used_children.contains(&id) {
            self.used_children.insert(id);
            self.children.push(Child { id, ..Child::default() });
        }
        self.children.iter_mut().find(|c| c.id == id)
    }

    fn adult_entry(&mut self, id: AdultId) -> Option<&mut Adult> {
        if !self.used_adults.contains(&id) {
            self.used_adults.insert(id);
            self.adults.push(Adult { id, ..Adult::default() });
        }
        self.adults.iter_mut().find(|a| a.id == id)
    }

    /// The id the next child recorded gets.
    pub fn next_child_id(&self) -> ChildId {
        self.used_children.last().map_or(1, |id| id + 1)
    }

    pub fn next_adult_id(&self) -> AdultId {
        self.used_adults.last().map_or(1, |id| id + 1)
    }

    pub fn child(&self, id: ChildId) -> Option<&Child> {
        self.children.iter().find(|c| c.id == id)
    }

    pub fn adult(&self, id: AdultId) -> Option<&Adult> {
        self.adults.iter().find(|a| a.id == id)
    }

    /// The first child, the one a single-child call (and an older journal's
    /// age and mobility) is about.
    pub fn first_child(&self) -> Option<&Child> {
        self.children.first()
    }

    /// The id of the first child, or the id the first child will get.
    pub fn first_child_id(&self) -> ChildId {
        self.first_child().map_or_else(|| self.next_child_id(), |c| c.id)
    }

    /// The children `item` is about; empty for the whole household.
    pub fn about(&self, item: &str) -> &[ChildId] {
        self.assigned.get(item).map_or(&[], Vec::as_slice)
    }

    /// Whether `item` is about `child`: assigned to them, or about the
    /// whole household (a household worry is every child's).
    pub fn is_about(&self, item: &str, child: ChildId) -> bool {
        let about = self.about(item);
        about.is_empty() || about.contains(&child)
    }

    /// The children an item is about who are old enough, young enough or
    /// otherwise match its `applies_to`: of the children it is assigned to,
    /// or of every child for a household tick.
    pub fn matching(&self, item: &str, applies: &AppliesTo, today: NaiveDate) -> Vec<&Child> {
        self.children.iter().filter(|c| self.is_about(item, c.id)).filter(|c| c.matches(applies, today)).collect()
    }

    /// Whether any child of the household matches `applies`.
    pub fn any_matches(&self, applies: &AppliesTo, today: NaiveDate) -> bool {
        self.children.iter().any(|c| c.matches(applies, today))
    }

    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
            && self.adults.is_empty()
            && self.address.trim().is_empty()
            && self.referrer == Referrer::default()
            && self.heard_notes.is_empty()
            && self.heard_ticks.is_empty()
            && self.safe_now.is_none()
            && self.others_at_risk.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn fact(child: ChildId, fact: ChildFact) -> HouseholdChange {
        HouseholdChange::Child { child, fact }
    }

    #[test]
    fn dates_are_read_as_birth_dates_or_due_dates_and_ages_as_said() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Born::parse("12/05/2019", today()), Some(Born::Dob(d(2019, 5, 12))));
        assert_eq!(Born::parse("2019-05-12", today()), Some(Born::Dob(d(2019, 5, 12))));
        assert_eq!(Born::parse("1/3/27", today()), Some(Born::Due(d(2027, 3, 1))), "a date to come is a due date");
        assert_eq!(Born::parse("edd 1.3.2027", today()), Some(Born::Due(d(2027, 3, 1))));
        assert_eq!(Born::parse("unborn", today()), Some(Born::Age(Age::Unborn)));
        assert_eq!(Born::parse("6", today()), Some(Born::Age(Age::Years(6))));
        assert_eq!(Born::parse("31/02/2020", today()), None);
        assert_eq!(Born::parse("soon", today()), None);
    }

    #[test]
    fn an_age_from_a_birth_date_counts_whole_months_then_years() {
        let born = |text| Born::parse(text, today()).unwrap().age(today());
        assert_eq!(born("03/08/2026"), Age::Months(3), "2 Dec is a day before 4 months");
        assert_eq!(born("02/08/2026"), Age::Months(4));
        assert_eq!(born("01/12/2024"), Age::Years(2));
        assert_eq!(born("03/12/2020"), Age::Years(5), "the sixth birthday is tomorrow");
        assert_eq!(born("due 01/03/2027"), Age::Unborn);
    }

    #[test]
    fn the_first_fact_records_a_child_and_a_removed_child_stays_removed() {
        let mut h = Household::default();
        h.apply(&fact(1, ChildFact::Label("Baby".into())));
        h.apply(&fact(2, ChildFact::Born(Born::parse("6", today()))));
        h.apply(&HouseholdChange::Assign { item: "bruise".into(), children: vec![2, 1, 9] });
        assert_eq!(h.about("bruise"), &[1, 2], "unknown ids are dropped, the rest sorted");
        h.apply(&HouseholdChange::RemoveChild { child: 1 });
        h.apply(&fact(1, ChildFact::Note("late".into())));
        assert_eq!(h.children.len(), 1, "a fact about a removed child does not bring them back");
        assert_eq!(h.about("bruise"), &[2]);
        assert_eq!(h.next_child_id(), 3, "ids are never given twice");
        h.apply(&HouseholdChange::RemoveChild { child: 2 });
        assert_eq!(h.about("bruise"), &[] as &[ChildId], "with no child left it is the household's again");
    }

    #[test]
    fn age_marks_are_per_child_and_follow_the_assignment() {
        let mut h = Household::default();
        h.apply(&fact(1, ChildFact::Label("Baby".into())));
        h.apply(&fact(1, ChildFact::Born(Some(Born::Age(Age::Months(4))))));
        h.apply(&fact(1, ChildFact::Mobile(Some(YesNoUnknown::No))));
        h.apply(&fact(2, ChildFact::Label("Tyler".into())));
        h.apply(&fact(2, ChildFact::Born(Some(Born::Age(Age::Years(6))))));
        let non_mobile = AppliesTo { non_mobile: true, ..AppliesTo::default() };
        let names = |cs: Vec<&Child>| cs.iter().map(|c| c.name_and_age(today())).collect::<Vec<_>>();
        assert_eq!(names(h.matching("x", &non_mobile, today())), ["Baby, 4 months"]);
        h.apply(&HouseholdChange::Assign { item: "x".into(), children: vec![2] });
        assert!(h.matching("x", &non_mobile, today()).is_empty(), "assigned to Tyler, who walks");
        assert!(h.any_matches(&non_mobile, today()));
    }

    #[test]
    fn age_mobility_and_disability_select_the_items_about_a_child() {
        let child = |born: &str, mobile, disabled| Child {
            born: Born::parse(born, today()),
            mobile,
            disabled,
            ..Child::default()
        };
        let baby = child("5m", Some(YesNoUnknown::No), None);
        let teen = child("17", None, None);
        let disabled_teen = child("17", None, Some(YesNoUnknown::Yes));
        let non_mobile = AppliesTo { non_mobile: true, ..AppliesTo::default() };
        let under_two = AppliesTo { under_years: Some(2), ..AppliesTo::default() };
        let fostering =
            AppliesTo { at_most_years: Some(16), at_most_years_if_disabled: Some(17), ..AppliesTo::default() };
        let t = today();
        assert!(baby.matches(&non_mobile, t) && baby.matches(&under_two, t) && baby.matches(&fostering, t));
        assert!(!teen.matches(&non_mobile, t) && !teen.matches(&under_two, t) && !teen.matches(&fostering, t));
        assert!(disabled_teen.matches(&fostering, t));
        assert!(!Child::default().matches(&under_two, t), "no age entered, nothing emphasised");
        let unborn = AppliesTo { unborn: true, ..AppliesTo::default() };
        assert!(child("due 1/3/2027", None, None).matches(&unborn, t));
        assert!(!baby.matches(&unborn, t));
    }

    #[test]
    fn every_change_round_trips_through_json() {
        let changes = [
            HouseholdChange::AddChild { child: 1 },
            fact(1, ChildFact::Born(Born::parse("due 1/3/2027", today()))),
            fact(1, ChildFact::Pregnant(Some(YesNoUnknown::Yes))),
            HouseholdChange::Adult { adult: 1, fact: AdultFact::Residence(Some(Residence::Visits)) },
            HouseholdChange::Adult { adult: 1, fact: AdultFact::AllegedPerpetrator(true) },
            HouseholdChange::Referrer { fact: ReferrerFact::Numbers("07700 900123".into()) },
            HouseholdChange::Heard { about: Heard::Note("notes".into()), hearing: Some(Hearing::SecondHand) },
            HouseholdChange::Assign { item: "a".into(), children: vec![1] },
            HouseholdChange::SafeNow { value: Some(YesNoUnknown::No) },
            HouseholdChange::OthersAtRisk { text: "a half-sister at dad's".into() },
        ];
        for change in changes {
            let json = serde_json::to_string(&change).unwrap();
            assert_eq!(serde_json::from_str::<HouseholdChange>(&json).unwrap(), change, "{json}");
        }
    }
}
