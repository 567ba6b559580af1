//! The clocks a contact sets: the written referral due, feedback to the
//! referrer due, and the decision due by the urgency the handler set. Each
//! counts from the call's start in the pack's zone with its calendar, says
//! where its timescale came from (the document's words, or dutygrid's own
//! default), and whether it was met. Pure: `now` is always passed in.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Call;
use crate::hours::calendar::Calendar;
use crate::hours::schedule::Span;
use crate::pack::Pack;

/// The handler's rating of how soon a decision is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
        }
    }

    /// One key cycles none → red → amber → green → none.
    pub fn next(current: Option<Rag>) -> Option<Rag> {
        match current {
            None => Some(Rag::Red),
            Some(Rag::Red) => Some(Rag::Amber),
            Some(Rag::Amber) => Some(Rag::Green),
            Some(Rag::Green) => None,
        }
    }

    /// dutygrid's defaults where a pack sets none, as at least one MASH
    /// procedure sets them (Oxfordshire: red 4 hours, amber 1 working day,
    /// green 3 working days).
    fn default_span(self) -> Span {
        match self {
            Rag::Red => Span::Hours(4),
            Rag::Amber => Span::WorkingDays(1),
            Rag::Green => Span::WorkingDays(3),
        }
    }
}

/// Which clock a "done" mark is for. The decision clock has none: it is met
/// by recording a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    WrittenReferral,
    Feedback,
    Decision,
}

/// One change of the urgency, as it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgencySet {
    pub urgency: Option<Rag>,
    pub at: DateTime<Utc>,
}

/// One "done" mark or its withdrawal, as it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockMark {
    pub clock: ClockKind,
    pub done: bool,
    pub at: DateTime<Utc>,
}

/// What the handler recorded about the clocks; every change is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClockLog {
    pub urgency: Vec<UrgencySet>,
    pub marks: Vec<ClockMark>,
}

impl ClockLog {
    pub fn set_urgency(&mut self, urgency: Option<Rag>, at: DateTime<Utc>) {
        self.urgency.push(UrgencySet { urgency, at });
    }

    pub fn mark(&mut self, clock: ClockKind, done: bool, at: DateTime<Utc>) {
        self.marks.push(ClockMark { clock, done, at });
    }

    pub fn urgency_now(&self) -> Option<Rag> {
        self.urgency.last().and_then(|u| u.urgency)
    }

    /// When `clock` was marked done, if its last mark is "done".
    pub fn done_at(&self, clock: ClockKind) -> Option<DateTime<Utc>> {
        self.marks.iter().rev().find(|m| m.clock == clock).filter(|m| m.done).map(|m| m.at)
    }

    pub fn is_empty(&self) -> bool {
        self.urgency.is_empty() && self.marks.is_empty()
    }
}

/// Where a clock's timescale came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "words", rename_all = "snake_case")]
pub enum Source {
    /// The document's own words.
    Document(String),
    /// dutygrid's default, because the document sets none.
    Default(String),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::Document(words) => format!("the document: \"{words}\""),
            Source::Default(why) => format!("dutygrid's default ({why})"),
        }
    }
}

/// Whether a clock was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "at", rename_all = "snake_case")]
pub enum Outcome {
    /// Done (marked, or a decision recorded) by the due time.
    Met(DateTime<Utc>),
    /// Done, but after the due time.
    NotMet(DateTime<Utc>),
    /// Not done yet.
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub kind: ClockKind,
    /// "MARF", "Written referral", "Feedback to the referrer", "Decision (red)".
    pub name: String,
    pub starts: DateTime<Utc>,
    pub span: Span,
    /// `None` only for a start outside the range a record may hold.
    pub due: Option<DateTime<Utc>>,
    pub source: Source,
    pub outcome: Outcome,
}

impl Clock {
    /// The name the main screen gives it: "MARF", "Feedback", "Decision (red)".
    pub fn short_name(&self) -> &str {
        match self.kind {
            ClockKind::Feedback => "Feedback",
            ClockKind::WrittenReferral | ClockKind::Decision => &self.name,
        }
    }
}

/// What every clock counts from, said in the README and the export: the
/// call's start, when the contact (and any phone referral in it) was
/// received. Counting from it never gives a later due time than the
/// document's timescale allows.
pub const STARTS: &str = "Every clock counts from the start of the call, when the contact was received.";

const FEEDBACK_DEFAULT: &str = "the document sets no feedback timescale";
const URGENCY_DEFAULT: &str = "the document sets no decision deadlines";

/// The clocks of a call, in the order a handler works them: the decision
/// first (only once an urgency is set), then the written referral (where
/// the document sets a timescale for it), then feedback to the referrer.
pub fn clocks(pack: &Pack, call: &Call, calendar: Option<&Calendar>) -> Vec<Clock> {
    let zone = crate::pack::resolve::pack_zone(pack);
    let start = call.started_at;
    let referral = pack.guidance.referral.as_ref();
    let clock = |kind, name: String, span, source, done: Option<DateTime<Utc>>| {
        let due = due(start, span, zone, calendar);
        let outcome = match (done, due) {
            (Some(at), Some(due)) if at <= due => Outcome::Met(at),
            (Some(at), _) => Outcome::NotMet(at),
            (None, _) => Outcome::Open,
        };
        Clock { kind, name, starts: start, span, due, source, outcome }
    };
    let mut out = Vec::new();
    if let Some(rag) = call.clocks.urgency_now() {
        let set = referral.and_then(|r| r.urgency.as_ref()).map(|u| match rag {
            Rag::Red => &u.red,
            Rag::Amber => &u.amber,
            Rag::Green => &u.green,
        });
        let (span, source) = match set {
            Some(t) => (t.within, Source::Document(t.text.clone())),
            None => (rag.default_span(), Source::Default(URGENCY_DEFAULT.into())),
        };
        // The first level recorded is the decision; a withdrawal is not one.
        let decided = call.decisions.iter().find(|d| d.level.is_some()).map(|d| d.at);
        out.push(clock(ClockKind::Decision, format!("Decision ({})", rag.label()), span, source, decided));
    }
    if let Some(written) = referral.and_then(|r| r.written_within.as_ref()) {
        let name = referral.and_then(|r| r.form_name.clone()).unwrap_or_else(|| "Written referral".into());
        let done = call.clocks.done_at(ClockKind::WrittenReferral);
        let source = Source::Document(written.text.clone());
        out.push(clock(ClockKind::WrittenReferral, name, written.within, source, done));
    }
    let feedback = referral.and_then(|r| {
        let id = r.feedback.as_deref()?;
        r.timescales.iter().find(|t| t.id == id)
    });
    let (span, source) = match feedback {
        Some(t) => (t.within, Source::Document(t.text.clone())),
        None => (Span::WorkingDays(1), Source::Default(FEEDBACK_DEFAULT.into())),
    };
    let done = call.clocks.done_at(ClockKind::Feedback);
    out.push(clock(ClockKind::Feedback, "Feedback to the referrer".into(), span, source, done));
    out
}

/// `at` moved on by a document's timescale: working days skip weekends and
/// the calendar's holidays, counted on local dates (see
/// [`crate::hours::working`]); `None` only for a time out of range.
pub fn due(at: DateTime<Utc>, span: Span, zone: Tz, calendar: Option<&Calendar>) -> Option<DateTime<Utc>> {
    crate::hours::working::after(at, span, zone, calendar)
}

/// "within 4 hours", "within 1 working day".
pub fn describe(span: Span) -> String {
    let plural = |n: u32, one: &str, many: &str| format!("within {n} {}", if n == 1 { one } else { many });
    match span {
        Span::Hours(n) => plural(n, "hour", "hours"),
        Span::WorkingDays(n) => plural(n, "working day", "working days"),
        Span::Weeks(n) => plural(n, "week", "weeks"),
    }
}

/// A running clock as the main screen shows it, at minute resolution so the
/// text changes once a minute at most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    /// "due in 1 d 3 h", "due in 40 min".
    DueIn(String),
    /// Due two days or more ahead: "due Mon 09:00 GMT".
    DueOn(String),
    /// "OVERDUE 2 h", or "OVERDUE" in its first minute.
    Overdue(String),
}

impl Countdown {
    pub fn text(&self) -> &str {
        match self {
            Countdown::DueIn(t) | Countdown::DueOn(t) | Countdown::Overdue(t) => t,
        }
    }

    pub fn overdue(&self) -> bool {
        matches!(self, Countdown::Overdue(_))
    }
}

/// The countdown of an open clock at `now`; `None` once it is done or when
/// its due time is out of range.
pub fn countdown(clock: &Clock, now: DateTime<Utc>, zone: Tz) -> Option<Countdown> {
    if clock.outcome != Outcome::Open {
        return None;
    }
    let due = clock.due?;
    if now >= due {
        let late = (now - due).num_minutes();
        return Some(Countdown::Overdue(if late == 0 { "OVERDUE".into() } else { format!("OVERDUE {}", span(late)) }));
    }
    let left = due - now;
    // Rounded up: "due in 1 min" until the minute it is due.
    let minutes = (left + Duration::seconds(59)).num_minutes();
    if minutes < 48 * 60 {
        return Some(Countdown::DueIn(format!("due in {}", span(minutes))));
    }
    // A time a person reads names its zone ("due Mon 09:00 GMT").
    crate::hours::local::LocalTime::new(due, zone).ok()?;
    Some(Countdown::DueOn(format!("due {}", due.with_timezone(&zone).format("%a %H:%M %Z"))))
}

/// "1 d 3 h", "3 h 20 min", "12 min".
fn span(minutes: i64) -> String {
    let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_a_person_says_them() {
        assert_eq!(span(12), "12 min");
        assert_eq!(span(60), "1 h");
        assert_eq!(span(200), "3 h 20 min");
        assert_eq!(span(27 * 60 + 5), "1 d 3 h");
        assert_eq!(span(48 * 60), "2 d");
    }

    #[test]
    fn the_urgency_cycles_through_none() {
        let mut u = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            u = Rag::next(u);
            seen.push(u);
        }
        assert_eq!(seen, vec![Some(Rag::Red), Some(Rag::Amber), Some(Rag::Green), None]);
    }
}
