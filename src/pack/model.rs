//! The threshold-document model: what a pack file holds once parsed.
//!
//! Every struct is `deny_unknown_fields` so a misspelt field in a pack is an
//! error with a position, not something silently ignored.

use serde::{Deserialize, Serialize};

use crate::hours::schedule::{Hours, Span};

/// One local safeguarding partnership's threshold document, as data.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Stable identifier used on the command line (`--pack nottingham-city`).
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// Edition or date as the document gives it; `None` when it gives none.
    #[serde(default)]
    pub edition: Option<String>,
    /// IANA time zone in which office hours are read, e.g. "Europe/London".
    pub timezone: String,
    pub provenance: Provenance,
    /// The document's own statement that its indicators are examples and
    /// professional judgement decides; shown on every summary.
    pub guidance_only: String,
    /// Known errors, ambiguities and interpretations made while transcribing.
    #[serde(default)]
    pub notes: Vec<String>,
    /// When the contacts and hours were last compared with the publisher's
    /// live pages: printed editions go out of date (a form renamed, an
    /// email address changed). `None` when no such check is recorded.
    #[serde(default)]
    pub checked: Option<Checked>,
    /// Levels of need, lowest first.
    pub levels: Vec<Level>,
    /// Named thresholds the document draws between two levels, e.g. "Children
    /// in Need" between Extensive and Protection.
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
    pub rows: Rows,
    pub immediate: Immediate,
    pub contacts: Contacts,
    #[serde(default)]
    pub guidance: Guidance,
    /// Words callers use and the concerns that run across levels, for search.
    #[serde(default)]
    pub search: Search,
    /// Built from the fields above; see [`Pack::catalog`].
    #[serde(skip)]
    pub(crate) catalog: super::catalog::Cached,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Abbreviations and everyday words particular to this area; the common
    /// ones (packs/vocabulary.ron) apply to every pack.
    #[serde(default)]
    pub abbreviations: Vec<Abbreviation>,
    /// The same concern at each level, so a handler can calibrate severity.
    #[serde(default)]
    pub related: Vec<RelatedGroup>,
    /// This area's own callers' phrases, added to packs/vocabulary/callers.ron.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
}

/// One way of saying a concern: `said` is the caller's words, `means` the
/// document's; search matches them as phrases in both directions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub said: Vec<String>,
    pub means: Vec<String>,
}

/// "dv" means "domestic violence" and "domestic abuse".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    pub short: String,
    pub means: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedGroup {
    pub id: String,
    pub name: String,
    /// Grid indicator or immediate-referral item ids.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checked {
    /// "2026-11-30": a real calendar date, so a typo is a load error.
    pub on: chrono::NaiveDate,
    /// Who compared them.
    pub by: String,
    /// The pages they were compared with (addresses or names).
    pub against: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The document's title exactly as printed.
    pub document: String,
    pub publisher: String,
    /// Where the text was taken from (file, URL, extraction method).
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub name: String,
    /// Other names the document uses for this level, e.g. "Universal Plus".
    #[serde(default)]
    pub also_known_as: Vec<String>,
    pub description: String,
    /// The line about children with special educational needs and/or
    /// disabilities at this level, where the document gives one.
    #[serde(default)]
    pub send: Option<String>,
    /// What the document says to do at this level.
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub assessments: Vec<String>,
    #[serde(default)]
    pub services: Vec<String>,
    /// True where the document treats this whole level as immediate
    /// protection (Stoke-on-Trent's "Getting Risk Support"): ticking any of
    /// its indicators raises the immediate-referral interrupt.
    #[serde(default)]
    pub immediate_protection: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub name: String,
    /// The id of the level just below the threshold.
    pub above_level: String,
    /// What the document says about it.
    #[serde(default)]
    pub text: Option<String>,
}

/// The grid's rows: assessment-triangle domains with dimensions, or a flat
/// list of outcome areas.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum Rows {
    Domains(Vec<Domain>),
    Outcomes(Vec<Row>),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// Other headings the document prints for this row in some columns.
    #[serde(default)]
    pub also_known_as: Vec<String>,
    /// One cell per level, in any order; each level exactly once.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The `id` of the level this cell belongs to.
    pub level: String,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Set where the document leaves this cell blank, so a blank cell is a
    /// statement of the source and not a transcription gap.
    #[serde(default)]
    pub empty: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    /// The exact wording of the document.
    pub text: String,
    /// The id of an immediate-referral item this indicator is an instance of.
    #[serde(default)]
    pub trigger: Option<String>,
    /// The child's age or mobility this indicator is about, so it can be
    /// emphasised when a call's child matches.
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
}

/// The children an age- or mobility-dependent item is about. Every field
/// that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// This many years or older: an item that can only be about a child old
    /// enough for it ("Pregnant under 17" is about a young person, never a
    /// baby) is not marked for a younger child.
    #[serde(default)]
    pub at_least_years: Option<u8>,
    /// Younger than this many years ("under two").
    #[serde(default)]
    pub under_years: Option<u8>,
    /// This many years or younger ("16 or under", "aged five and under").
    #[serde(default)]
    pub at_most_years: Option<u8>,
    /// For a disabled child, this many years or younger instead ("under 18
    /// if the young person has a disability" is 17).
    #[serde(default)]
    pub at_most_years_if_disabled: Option<u8>,
    /// About a child who is not yet mobile.
    #[serde(default)]
    pub non_mobile: bool,
    /// About an unborn baby.
    #[serde(default)]
    pub unborn: bool,
}

impl AppliesTo {
    /// The child an item is about, in words: "aged 10 to 16", "unborn".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.unborn {
            parts.push("unborn".to_string());
        }
        if self.non_mobile {
            parts.push("not yet mobile".to_string());
        }
        match (self.at_least_years, self.under_years) {
            (Some(from), Some(under)) => parts.push(format!("aged {from} to {}", under.saturating_sub(1))),
            (Some(from), None) => parts.push(format!("aged {from} or over")),
            (None, Some(under)) => parts.push(format!("under {under}")),
            (None, None) => {}
        }
        match (self.at_most_years, self.at_most_years_if_disabled) {
            (Some(most), Some(disabled)) => parts.push(format!("{most} or under ({disabled} or under if disabled)")),
            (Some(most), None) | (None, Some(most)) => parts.push(format!("{most} or under")),
            (None, None) => {}
        }
        parts.join(", ")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Immediate {
    /// The list's heading as printed.
    pub title: String,
    /// Paragraphs printed around the list (e.g. "The age and vulnerability of
    /// a child must be taken into consideration…").
    #[serde(default)]
    pub intro: Vec<String>,
    /// What the document says to do when one applies, in its own words.
    pub action: Vec<String>,
    pub items: Vec<ImmediateItem>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImmediateItem {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub sub: Vec<SubPoint>,
    #[serde(default)]
    pub applies_to: Option<AppliesTo>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubPoint {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// The front door (MASH / IFD) in office hours.
    pub office: ContactLine,
    /// When the office line is staffed.
    pub hours: Hours,
    /// Who to ring outside office hours; `None` where the document names no
    /// separate line.
    #[serde(default)]
    pub out_of_hours: Option<ContactLine>,
    /// Always-on lines: 999 for immediate danger, 101.
    #[serde(default)]
    pub emergency: Vec<ContactLine>,
    /// Other useful numbers the document lists.
    #[serde(default)]
    pub other: Vec<ContactLine>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactLine {
    pub id: String,
    pub name: String,
    /// A shorter name for narrow screens ("EDT"), so the number itself never
    /// has to be cut.
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub numbers: Vec<String>,
    /// A non-emergency line such as 101: never offered as the line for a
    /// child in immediate danger.
    #[serde(default)]
    pub non_emergency: bool,
    /// Email, secure email, portal, fax, …
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// The document's own words about when and what to use this line for.
    #[serde(default)]
    pub words: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: String,
    pub value: String,
}

/// What a call handler needs to hand during a call, as the document gives it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub worry_questions: Option<WorryQuestions>,
    #[serde(default)]
    pub consent: Option<Consent>,
    #[serde(default)]
    pub escalation: Option<Escalation>,
    #[serde(default)]
    pub referral: Option<Referral>,
    /// Other passages a handler needs (e.g. "An Early Help Assessment should
    /// be used when…"), in the document's words.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The outcomes the document lets a call end with; where it names none,
    /// dutygrid offers its common list (`call::outcome`).
    #[serde(default)]
    pub outcomes: Vec<OutcomeChoice>,
}

impl Guidance {
    /// The document's exceptions to consent, which a record may rely on.
    pub fn consent_exceptions(&self) -> impl Iterator<Item = &ConsentException> {
        self.consent.iter().flat_map(|c| c.exceptions.iter())
    }

    /// The exception with `id`, if the document has it.
    pub fn consent_exception(&self, id: &str) -> Option<&ConsentException> {
        self.consent_exceptions().find(|e| e.id == id)
    }

    /// The scaling question, where the document defines a scale.
    pub fn scaling(&self) -> Option<&Scaling> {
        self.worry_questions.as_ref().and_then(|w| w.scaling.as_ref())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorryQuestions {
    /// "Signs of Safety", "Restorative practice", …
    pub framework: String,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub scaling: Option<Scaling>,
    /// Further prompts the document suggests.
    #[serde(default)]
    pub further: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub prompt: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    pub question: String,
    pub min: u8,
    pub max: u8,
    /// What the lowest point means, in the document's words.
    pub min_means: String,
    pub max_means: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub rules: Vec<String>,
    /// The circumstances in which information may be shared without consent;
    /// the call record offers these as reasons.
    #[serde(default)]
    pub exceptions: Vec<ConsentException>,
    #[serde(default)]
    pub golden_rules: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentException {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    #[serde(default)]
    pub intro: Option<String>,
    pub stages: Vec<String>,
    #[serde(default)]
    pub timescales: Vec<Timescale>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Timescale {
    pub id: String,
    /// What must happen, in the document's words.
    pub text: String,
    pub within: Span,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// How to refer, in the document's words.
    pub how: Vec<String>,
    /// What the document calls the written referral ("MARF"); without it
    /// dutygrid says only "Written referral".
    #[serde(default)]
    pub form_name: Option<String>,
    /// When the written referral (MARF) must follow a phone referral, where
    /// the document gives a timescale.
    #[serde(default)]
    pub written_within: Option<Timescale>,
    /// Other timescales the document sets for the response (decision within
    /// one working day, assessment within 45 working days, …).
    #[serde(default)]
    pub timescales: Vec<Timescale>,
    /// The id of the timescale in `timescales` for feedback to the referrer,
    /// where the document sets one; without it dutygrid's default of one
    /// working day is used, and labelled as its default.
    #[serde(default)]
    pub feedback: Option<String>,
    /// The decision's deadline for each urgency the handler may set, where
    /// the document sets them; without it dutygrid's defaults (red 4 hours,
    /// amber 1 working day, green 3 working days), labelled as defaults.
    #[serde(default)]
    pub urgency: Option<Urgency>,
}

/// A decision's deadlines by red / amber / green urgency, as a document
/// sets them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Urgency {
    pub red: Timescale,
    pub amber: Timescale,
    pub green: Timescale,
}

/// One outcome a document names for a call ("Advice given", "MARF to follow").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeChoice {
    /// Stable: call records refer to it.
    pub id: String,
    pub name: String,
    /// The document's own words about it.
    #[serde(default)]
    pub words: Option<String>,
    /// Choosing it asks which service or number the caller was given.
    #[serde(default)]
    pub signpost: bool,
}
