//! Opening hours as documents print them: weekly slots, the bank-holiday
//! calendar the office closes on, and lengths of time ("within 1 working
//! day"). Packs hold these; `pack::resolve` answers which line is live.

use serde::{Deserialize, Serialize};

use super::clock::{ClockTime, Day};

/// When the office line is open.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum Hours {
    /// Open in these weekly slots, closed on the days of `closed_on`.
    Weekly(Schedule),
    /// The document states no hours: the pack says so in `reason`, and the
    /// app never guesses.
    NotStated(String),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub slots: Vec<Slot>,
    /// The id of the bank-holiday calendar on whose days the office is
    /// closed, e.g. "england-and-wales".
    #[serde(default)]
    pub closed_on: Option<String>,
    /// How the document states the hours, verbatim.
    pub as_printed: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub days: Vec<Day>,
    pub open: ClockTime,
    pub close: ClockTime,
}

/// A length of time as documents state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Span {
    Hours(u32),
    WorkingDays(u32),
    Weeks(u32),
}
