//! Everything the user (or the clock) can do, as one enum. Keymap files name
//! these in snake_case; the ones no keymap may bind are `#[serde(skip)]`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    MoveUp,
    MoveDown,
    MoveLeft,
    MoveRight,
    NextRow,
    PrevRow,
    NextDomain,
    PrevDomain,
    PageUp,
    PageDown,
    First,
    Last,
    /// Jump to level N (1-based) keeping the row.
    JumpLevel(u8),
    ToggleTick,
    OpenImmediate,
    OpenHelp,
    Close,
    Acknowledge,
    Quit,
    Confirm,
    Cancel,
    /// The call details form (caller, age, consent, scaling).
    OpenDetails,
    /// Notes under the pack's worry questions.
    OpenNotes,
    /// The handler's own judgement of the level, with a rationale.
    OpenDecision,
    /// Close this call's record and start a new call.
    EndCall,
    /// Find an indicator by typing.
    OpenSearch,
    /// Choose another pack (area or edition).
    OpenPacks,
    /// Close the search and show the selected result in the grid.
    GoToResult,
    /// An unbound key in a text field: typed text.
    #[serde(skip)]
    Edit(crossterm::event::KeyEvent),
    /// The record was written to disk under this id.
    #[serde(skip)]
    Saved(String),
    /// Writing the record failed: the handler must be told at once.
    #[serde(skip)]
    SaveFailed(String),
    /// The clock moved on (real or simulated time).
    #[serde(skip)]
    Tick(DateTime<Utc>),
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    #[serde(skip)]
    Scroll {
        down: bool,
    },
}

impl Action {
    /// What the action does, for the help overlay.
    pub fn describe(&self) -> String {
        let text = match self {
            Action::MoveUp => "up",
            Action::MoveDown => "down",
            Action::MoveLeft => "level to the left (same row)",
            Action::MoveRight => "level to the right (same row)",
            Action::NextRow => "next row",
            Action::PrevRow => "previous row",
            Action::NextDomain => "next domain",
            Action::PrevDomain => "previous domain",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::First => "first indicator",
            Action::Last => "last indicator",
            Action::JumpLevel(n) => return format!("go to level {n}"),
            Action::ToggleTick => "tick / untick",
            Action::OpenImmediate => "immediate-referral list",
            Action::OpenHelp => "help",
            Action::Close => "close",
            Action::Acknowledge => "acknowledge the alert",
            Action::Quit => "quit",
            Action::Confirm => "yes",
            Action::Cancel => "no",
            Action::OpenDetails => "call details (caller, age, consent, scaling)",
            Action::OpenNotes => "notes",
            Action::OpenDecision => "your decision and rationale",
            Action::EndCall => "end the call (closes its record)",
            Action::OpenSearch => "search indicators",
            Action::OpenPacks => "choose another pack",
            Action::GoToResult => "show the result in the grid",
            Action::Edit(_)
            | Action::Saved(_)
            | Action::SaveFailed(_)
            | Action::Tick(_)
            | Action::Resize { .. }
            | Action::Click { .. }
            | Action::Scroll { .. } => "",
        };
        text.to_string()
    }
}
