//! Everything the user (or the clock) can do, as one enum. Keymap files name
//! these in snake_case; the ones no keymap may bind are `#[serde(skip)]`.
//! It sits outside `app` so the keymap, which names actions, never imports
//! the app.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::hours::calendar::Calendar;
use crate::pack::Pack;

/// A pack the runner opened for a switch, with its bank-holiday calendar.
/// Two are the same only if they are the same load: packs are not compared
/// field by field.
#[derive(Debug, Clone)]
pub struct LoadedPack(pub Arc<(Pack, Option<Calendar>)>, pub Option<String>);

impl LoadedPack {
    pub fn new(pack: Pack, calendar: Option<Calendar>) -> LoadedPack {
        LoadedPack(Arc::new((pack, calendar)), None)
    }

    /// Where the pack came from when it is not the built-in one, for the
    /// header ("file x.ron — replaces the built-in pack").
    pub fn with_origin(mut self, origin: Option<String>) -> LoadedPack {
        self.1 = origin;
        self
    }
}

impl PartialEq for LoadedPack {
    fn eq(&self, other: &LoadedPack) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for LoadedPack {}

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
    /// The document's guidance, numbers and provenance, in its own words.
    OpenGuide,
    /// Go to section N (1-based) of the guide, as its contents number it.
    JumpSection(u8),
    /// Training: show the scenario's vignette again.
    ShowScenario,
    /// Training: show what the caller says next.
    NextReveal,
    /// Training: compare the room's ticks with the author's key.
    RevealKey,
    /// Simulated clock: 15 minutes on.
    ClockForward,
    /// Simulated clock: the next working day at 08:30.
    ClockNextWeekday,
    /// Simulated clock: 10:00 on the next bank holiday.
    ClockNextHoliday,
    /// Presentation mode for a projector, on or off.
    TogglePresent,
    /// Close the search and show the selected result in the grid.
    GoToResult,
    /// Hand the terminal back to the shell until `fg` (Ctrl-Z).
    Suspend,
    // Editing a text field (details, decision, notes, search).
    CursorLeft,
    CursorRight,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    DeleteWordBack,
    /// Empty the field; in the notes, the cursor's line.
    ClearLine,
    Undo,
    Redo,
    /// Who handles the calls: name, role and team, recorded on each call.
    SetHandler,
    /// Mark the record entered in the case system, with its reference.
    MarkEntered,
    /// The read-back: the call's key points, to read aloud to the caller.
    OpenReadback,
    /// An unbound key in a text field: typed text.
    #[serde(skip)]
    Edit(crossterm::event::KeyEvent),
    /// Pasted text in a text field, typed all at once.
    #[serde(skip)]
    Paste(String),
    /// The record was written to disk under this id.
    #[serde(skip)]
    Saved(String),
    /// The pack asked for with `Effect::LoadPack`, opened: switch to it.
    #[serde(skip)]
    PackLoaded(LoadedPack),
    /// Writing the record failed: the handler must be told at once.
    #[serde(skip)]
    SaveFailed(String),
    /// How many changes are not on disk yet (0: all are), and why.
    #[serde(skip)]
    Unsaved {
        count: usize,
        problem: String,
    },
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
    /// The call's outcomes: what it led to, each with its text and time.
    OpenOutcome,
    /// Edit the text of the outcome under the cursor.
    EditOutcome,
    /// Withdraw the outcome under the cursor (asks why).
    WithdrawOutcome,
    /// The decision's urgency, one key cycling none → red → amber → green.
    SetUrgency,
    /// The call's clocks, to mark one done.
    OpenClocks,
    /// Mark the selected clock done (the written referral arrived, feedback
    /// given), or take the mark back.
    MarkClockDone,
    /// The call details form, at the children.
    OpenHousehold,
    /// Add a child to the call and type their name or initials.
    AddChild,
    /// Add an adult of the household.
    AddAdult,
    /// Remove the child or adult under the cursor (asks first).
    RemovePerson,
    /// Say which children the tick under the cursor is about.
    AssignTick,
    /// The tick under the cursor (or the notes section) was said first-hand,
    /// heard from someone else, or not said: cycles through the three.
    MarkHeard,
    /// How many changes are written and await the disk's confirmation (a
    /// sync on the writer thread); "saved ✓" only at 0.
    #[serde(skip)]
    Syncing(usize),
    /// The calls of this shift, newest first.
    OpenCalls,
    /// The calls screen: the shift starts now (asks for a second press).
    StartShift,
    /// Carry on with the open call chosen in the calls screen.
    ResumeCall,
    /// Export the call chosen in the calls screen to a Markdown file.
    ExportCall,
    /// The shift's calls, read from the records folder.
    #[serde(skip)]
    CallsLoaded(crate::app::screens::calls::Listed),
    /// A call's record, read for the calls screen.
    #[serde(skip)]
    CallOpened(crate::app::screens::calls::Opened),
    /// The open call chosen in the calls screen, taken over by this process.
    #[serde(skip)]
    CallResumed(crate::app::screens::calls::Resumed),
    /// What an export or a mark from the calls screen came to.
    #[serde(skip)]
    CallsSaid(String),
    /// The calls screen: write the shift's handover for the day team.
    WriteHandover,
}
