//! The screens drawn over the grid. Each variant carries its own state, and
//! every question about a screen (which keys read it, whether the alert
//! covers it, what it says in the footer) is an exhaustive match here, so a
//! new screen does not compile until each is answered.

use super::screens::assign::AssignForm;
use super::screens::calls::CallsScreen;
pub use super::screens::confirm::Pending;
use super::screens::decision::DecisionForm;
use super::screens::details::DetailsForm;
use super::screens::guide::GuideView;
use super::screens::handler::{HandlerForm, ReferenceForm};
use super::screens::notes::NotesForm;
use super::screens::outcome::OutcomeForm;
use super::screens::readback::ReadbackView;
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
    /// The call's outcomes; its keys are the list's or the typing's.
    Outcome(OutcomeForm),
    /// The call's clocks; `cursor` indexes them as `call::clocks::clocks` lists them.
    Clocks {
        cursor: usize,
    },
    /// Who handles the calls: name, role, team.
    Handler(HandlerForm),
    /// The case system's reference, once the record is entered there.
    CaseReference(ReferenceForm),
    /// The key points, to read aloud to the caller; ending a call opens it.
    Readback(ReadbackView),
    /// Who the tick is about: the household or named children.
    Assign(AssignForm),
    /// The shift's calls, and one of them open read-only.
    Calls(Box<CallsScreen>),
}

impl Screen {
    /// Where the screen sits and what it shows, one row per screen: a new
    /// screen answers every question in this one match (it does not compile
    /// until it does), rather than in a match per question.
    fn traits(&self) -> Traits {
        use Layer::{OverBanner, UnderBanner};
        let (context, layer, personal) = match self {
            Screen::Immediate { .. } => (Context::Immediate, UnderBanner, false),
            Screen::Help { .. } => (Context::Help, OverBanner, false),
            Screen::Confirm(pending) => (pending.context(), OverBanner, false),
            Screen::Details(_) => (Context::Details, UnderBanner, true),
            Screen::Notes(_) => (Context::Notes, UnderBanner, true),
            Screen::Decision(_) => (Context::Decision, UnderBanner, true),
            Screen::Restore(_) => (Context::Restore, OverBanner, false),
            Screen::Search(_) => (Context::Search, UnderBanner, false),
            Screen::Packs { .. } => (Context::Packs, OverBanner, false),
            Screen::Scenario { .. } | Screen::Key { .. } => (Context::Scenario, UnderBanner, false),
            Screen::Guide(_) => (Context::Guide, UnderBanner, false),
            Screen::Outcome(form) => (form.context(), UnderBanner, true),
            Screen::Clocks { .. } => (Context::Clocks, UnderBanner, false),
            Screen::Handler(_) => (Context::Handler, UnderBanner, true),
            Screen::CaseReference(_) => (Context::CaseReference, UnderBanner, true),
            Screen::Readback(_) => (Context::Readback, UnderBanner, true),
            Screen::Assign(_) => (Context::Assign, UnderBanner, true),
            Screen::Calls(screen) => (screen.context(), UnderBanner, screen.personal()),
        };
        Traits { context, layer, personal }
    }

    /// The keymap context that reads keys while this screen is on top.
    pub fn context(&self) -> Context {
        self.traits().context
    }

    /// Whether the screen sits above the immediate-protection banner (and
    /// so reads keys while it is up); the others are covered by it.
    pub fn above_banner(&self) -> bool {
        self.traits().layer == Layer::OverBanner
    }

    /// Whether the screen shows personal data, which presentation mode
    /// never puts on a projector.
    pub fn personal(&self) -> bool {
        self.traits().personal
    }

    /// The same screen, whatever its state (one of each kind is open).
    pub fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Whether the immediate-protection banner covers a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    /// Help, the questions, the restore offer, the pack picker: they answer
    /// the handler, so they read keys even while the alert is up.
    OverBanner,
    UnderBanner,
}

struct Traits {
    context: Context,
    layer: Layer,
    /// Shows personal data (never on a projector).
    personal: bool,
}
