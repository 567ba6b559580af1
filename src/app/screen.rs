//! The screens drawn over the grid. Each variant carries its own state, and
//! every question about a screen (which keys read it, whether the alert
//! covers it, what it says in the footer) is an exhaustive match here, so a
//! new screen does not compile until each is answered.

pub use super::screens::confirm::Pending;
use super::screens::decision::DecisionForm;
use super::screens::details::DetailsForm;
use super::screens::guide::GuideView;
use super::screens::notes::NotesForm;
use super::screens::restore::Restore;
use super::screens::search::SearchBox;
use crate::keymap::Context;

/// A screen over the grid; the state list holds them topmost last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The immediate-referral list, with the item under the cursor.
    Immediate {
        cursor: usize,
    },
    Help {
        scroll: u16,
    },
    Confirm(Pending),
    Details(DetailsForm),
    Notes(NotesForm),
    Decision(DecisionForm),
    /// The unfinished calls offered back at start.
    Restore(Restore),
    /// Boxed: a text area is large, and every screen would pay for it.
    Search(Box<SearchBox>),
    /// The pack picker; `cursor` indexes the state's pack choices.
    Packs {
        cursor: usize,
    },
    /// The training scenario's vignette and the reveals shown so far.
    Scenario {
        scroll: u16,
    },
    /// The trainer's key compared with the room's ticks.
    Key {
        scroll: u16,
    },
    /// The document's guidance; boxed, as it holds the whole guide.
    Guide(Box<GuideView>),
}

impl Screen {
    /// The keymap context that reads keys while this screen is on top.
    pub fn context(&self) -> Context {
        match self {
            Screen::Immediate { .. } => Context::Immediate,
            Screen::Help { .. } => Context::Help,
            Screen::Confirm(pending) => pending.context(),
            Screen::Details(_) => Context::Details,
            Screen::Notes(_) => Context::Notes,
            Screen::Decision(_) => Context::Decision,
            Screen::Restore(_) => Context::Restore,
            Screen::Search(_) => Context::Search,
            Screen::Packs { .. } => Context::Packs,
            Screen::Scenario { .. } | Screen::Key { .. } => Context::Scenario,
            Screen::Guide(_) => Context::Guide,
        }
    }

    /// Whether the screen sits above the immediate-protection banner (and
    /// so reads keys while it is up); the others are covered by it.
    pub fn above_banner(&self) -> bool {
        match self {
            Screen::Help { .. } | Screen::Confirm(_) | Screen::Restore(_) | Screen::Packs { .. } => true,
            Screen::Immediate { .. }
            | Screen::Details(_)
            | Screen::Notes(_)
            | Screen::Decision(_)
            | Screen::Search(_)
            | Screen::Scenario { .. }
            | Screen::Key { .. }
            | Screen::Guide(_) => false,
        }
    }

    /// Whether the screen shows personal data, which presentation mode
    /// never puts on a projector.
    pub fn personal(&self) -> bool {
        match self {
            Screen::Details(_) | Screen::Notes(_) | Screen::Decision(_) => true,
            Screen::Immediate { .. }
            | Screen::Help { .. }
            | Screen::Confirm(_)
            | Screen::Restore(_)
            | Screen::Search(_)
            | Screen::Packs { .. }
            | Screen::Scenario { .. }
            | Screen::Key { .. }
            | Screen::Guide(_) => false,
        }
    }

    /// The same screen, whatever its state (one of each kind is open).
    pub fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}
