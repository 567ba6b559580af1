//! What each context's actions are called, in one table per context: a
//! short label for the footer, a description for help, a group that orders
//! help, and a footer priority. The footer and help both read it, so a key
//! is never documented in one and forgotten in the other.

use super::Context;
use crate::action::Action;

/// Help lists a context's keys group by group, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Yes, no, tick: what the screen is for.
    Answer,
    Move,
    /// Editing the text in a field.
    Edit,
    Screens,
    Call,
    Training,
    Clock,
    App,
}

/// Where an action shows in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Footer {
    /// Kept at every width: quit, help, end the call.
    Always,
    /// Dropped as the width shrinks, highest number first.
    Rank(u8),
    /// Only in help.
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub action: Action,
    /// The footer's word for it.
    pub label: &'static str,
    /// Help's sentence for it.
    pub describe: &'static str,
    pub group: Group,
    pub footer: Footer,
    /// An action whose keys the footer shows first, as one hint ("← →  levels").
    pub with: Option<Action>,
}

impl Hint {
    /// Whether this hint is for `action` (one entry covers every level jump).
    pub fn is_for(&self, action: &Action) -> bool {
        std::mem::discriminant(&self.action) == std::mem::discriminant(action)
    }
}

fn h(action: Action, label: &'static str, describe: &'static str, group: Group, footer: Footer) -> Hint {
    Hint { action, label, describe, group, footer, with: None }
}

use Footer::{Always, Never, Rank};
use Group::{Answer, App, Call, Clock, Edit, Move, Screens, Training};

/// The editing keys of a text screen, the same in each; what clearing
/// clears is the screen's own.
fn editing(clear: &'static str) -> Vec<Hint> {
    vec![
        h(Action::CursorLeft, "", "cursor a character left", Edit, Never),
        h(Action::CursorRight, "", "cursor a character right", Edit, Never),
        h(Action::WordLeft, "", "cursor a word left", Edit, Never),
        h(Action::WordRight, "", "cursor a word right", Edit, Never),
        h(Action::LineStart, "", "cursor to the start of the line", Edit, Never),
        h(Action::LineEnd, "", "cursor to the end of the line", Edit, Never),
        h(Action::DeleteBack, "", "delete the character before the cursor", Edit, Never),
        h(Action::DeleteForward, "", "delete the character under the cursor", Edit, Never),
        h(Action::DeleteWordBack, "", "delete the word before the cursor", Edit, Never),
        h(Action::ClearLine, "", clear, Edit, Never),
        h(Action::Undo, "", "undo the last change to the text", Edit, Never),
        h(Action::Redo, "", "redo what undo took back", Edit, Never),
    ]
}

/// The hints of `context`, in footer order.
pub fn hints(context: Context) -> Vec<Hint> {
    let mut hints = match context {
        Context::Grid => vec![
            h(Action::ToggleTick, "tick", "tick / untick the indicator", Answer, Rank(1)),
            Hint {
                with: Some(Action::MoveLeft),
                ..h(Action::MoveRight, "levels", "level to the right (same row)", Move, Rank(3))
            },
            h(Action::MoveLeft, "", "level to the left (same row)", Move, Never),
            h(Action::NextRow, "next row", "next row", Move, Rank(5)),
            h(Action::OpenSearch, "search", "search indicators", Screens, Rank(2)),
            h(Action::OpenImmediate, "immediate", "immediate-referral list", Screens, Rank(2)),
            h(Action::OpenDetails, "details", "call details (caller, age, consent, scaling)", Call, Rank(3)),
            h(Action::OpenNotes, "notes", "notes", Call, Rank(4)),
            h(Action::OpenDecision, "decision", "your decision and rationale", Call, Rank(4)),
            h(Action::EndCall, "end call", "end the call (closes its record)", Call, Always),
            h(Action::OpenHelp, "help", "help (this list)", App, Always),
            h(Action::Quit, "quit", "quit (asks first)", App, Always),
            h(Action::MoveUp, "", "up", Move, Never),
            h(Action::MoveDown, "", "down", Move, Never),
            h(Action::PrevRow, "", "previous row", Move, Never),
            h(Action::NextDomain, "", "next domain", Move, Never),
            h(Action::PrevDomain, "", "previous domain", Move, Never),
            h(Action::PageUp, "", "page up", Move, Never),
            h(Action::PageDown, "", "page down", Move, Never),
            h(Action::First, "", "first indicator", Move, Never),
            h(Action::Last, "", "last indicator", Move, Never),
            h(Action::JumpLevel(1), "", "go to that level", Move, Never),
            h(Action::OpenPacks, "packs", "choose another pack", Screens, Never),
            h(Action::OpenGuide, "guide", "the guide: the document's guidance and numbers", Screens, Rank(4)),
            h(Action::ShowScenario, "", "training: the scenario", Training, Never),
            h(Action::RevealKey, "", "training: reveal the author's key", Training, Never),
            h(Action::ClockForward, "", "simulated clock: +15 minutes", Clock, Never),
            h(Action::ClockNextWeekday, "", "simulated clock: next working day 08:30", Clock, Never),
            h(Action::ClockNextHoliday, "", "simulated clock: next bank holiday 10:00", Clock, Never),
            h(Action::SetHandler, "", "who handles the calls (name, role, team)", Call, Never),
            h(Action::MarkEntered, "", "mark the record entered in the case system (its reference)", Call, Never),
            h(Action::OpenReadback, "", "the read-back: key points to read to the caller", Call, Never),
            h(Action::OpenOutcome, "outcome", "the call's outcomes (advice, signposted, referral…)", Call, Rank(4)),
            h(Action::SetUrgency, "urgency", "decision urgency: none → red → amber → green", Call, Rank(5)),
            h(Action::OpenClocks, "clocks", "the call's clocks: mark one done", Call, Rank(5)),
            h(Action::OpenHousehold, "", "call details, at the children", Call, Never),
            h(Action::AddChild, "", "add a child to the call (and type their name)", Call, Never),
            h(Action::AssignTick, "about whom", "say which children the tick is about", Call, Never),
            h(Action::MarkHeard, "", "the tick: first-hand, heard from someone else, or not said", Call, Never),
            h(Action::OpenCalls, "calls", "this shift's calls: open, resume, export, mark entered", Screens, Never),
        ],
        Context::Immediate => vec![
            h(Action::ToggleTick, "tick", "tick / untick the item", Answer, Rank(1)),
            h(Action::AssignTick, "about whom", "say which children the item is about", Call, Never),
            h(Action::MarkHeard, "", "the item: first-hand, heard from someone else, or not said", Call, Never),
            h(Action::Close, "back to grid", "back to the grid", App, Rank(1)),
            h(Action::MoveUp, "", "up", Move, Never),
            h(Action::MoveDown, "", "down", Move, Never),
            h(Action::First, "", "first item", Move, Never),
            h(Action::Last, "", "last item", Move, Never),
        ],
        Context::Banner => vec![h(Action::Acknowledge, "acknowledge", "acknowledge the alert", Answer, Always)],
        Context::Help => vec![
            h(Action::Close, "close help", "close help", App, Always),
            h(Action::MoveDown, "scroll", "scroll down", Move, Rank(1)),
            h(Action::MoveUp, "", "scroll up", Move, Never),
            h(Action::PageDown, "", "a page down", Move, Never),
            h(Action::PageUp, "", "a page up", Move, Never),
            h(Action::First, "", "to the top", Move, Never),
            h(Action::Last, "", "to the end", Move, Never),
        ],
        Context::ConfirmQuit => vec![
            h(Action::Confirm, "yes", "yes: quit dutygrid", Answer, Always),
            h(Action::Cancel, "no", "no: stay", Answer, Always),
            h(Action::Quit, "", "also no: the question stays as it is", App, Never),
        ],
        Context::ConfirmEndCall => vec![
            h(Action::Confirm, "yes", "yes: end the call and close its record", Answer, Always),
            h(Action::Cancel, "no", "no: carry on with the call", Answer, Always),
            h(Action::Quit, "", "quit instead (asks first)", App, Never),
        ],
        Context::ConfirmSwitchPack => vec![
            h(Action::Confirm, "yes", "yes: end the call and open the other pack", Answer, Always),
            h(Action::Cancel, "no", "no: stay on this pack", Answer, Always),
            h(Action::Quit, "", "quit instead (asks first)", App, Never),
        ],
        Context::Details => vec![
            h(Action::MoveDown, "next field", "next field", Move, Rank(1)),
            Hint {
                with: Some(Action::MoveLeft),
                ..h(
                    Action::MoveRight,
                    "choose",
                    "next choice (consent, scaling); in text, cursor right",
                    Answer,
                    Rank(2),
                )
            },
            h(Action::Close, "back", "back to the grid (kept as typed)", App, Always),
            h(Action::MoveUp, "", "previous field", Move, Never),
            h(Action::MoveLeft, "", "previous choice (consent, scaling); in text, cursor left", Answer, Never),
            h(Action::OpenGuide, "", "the guide, at consent and information sharing", Screens, Never),
            h(Action::AddChild, "", "add a child (the cursor goes to their name)", Call, Never),
            h(Action::AddAdult, "", "add an adult of the household", Call, Never),
            h(
                Action::RemovePerson,
                "",
                "remove the child or adult under the cursor (press again to confirm)",
                Call,
                Never,
            ),
            h(Action::NextRow, "", "next section", Move, Never),
            h(Action::PrevRow, "", "previous section (or the top of this one)", Move, Never),
        ]
        .into_iter()
        .chain(editing("clear the field"))
        .collect(),
        Context::Notes => vec![
            h(Action::NextRow, "next question", "next question", Move, Rank(1)),
            h(Action::Close, "back", "back to the grid (kept as typed)", App, Always),
            h(Action::PrevRow, "", "previous question", Move, Never),
            h(Action::MarkHeard, "", "this section: first-hand, heard from someone else, or not said", Call, Never),
        ]
        .into_iter()
        .chain(editing("clear the line the cursor is on"))
        .collect(),
        Context::Decision => vec![
            h(Action::Confirm, "record", "record the decision", Answer, Always),
            h(Action::Close, "back", "back to the grid (kept as typed)", App, Always),
            h(Action::MoveDown, "", "next field", Move, Never),
            h(Action::MoveUp, "", "previous field", Move, Never),
            h(Action::MoveRight, "", "a level higher; in text, cursor right", Answer, Never),
            h(Action::MoveLeft, "", "a level lower; in text, cursor left", Answer, Never),
        ]
        .into_iter()
        .chain(editing("clear the field"))
        .collect(),
        Context::Restore => vec![
            h(Action::Confirm, "restore", "restore the selected call", Answer, Always),
            h(Action::Cancel, "set aside", "set this call aside (kept on disk, not offered again)", Answer, Always),
            h(Action::MoveDown, "", "next call found", Move, Never),
            h(Action::MoveUp, "", "previous call found", Move, Never),
            h(Action::Close, "", "decide later: offered again at the next start", App, Never),
        ],
        Context::Search => vec![
            h(Action::MoveDown, "next", "next result", Move, Rank(2)),
            h(Action::ToggleTick, "tick / open", "tick / untick, or open in the guide", Answer, Rank(1)),
            h(Action::GoToResult, "show", "show in the grid, or in the guide", Screens, Rank(1)),
            h(Action::Close, "close", "close the search", App, Always),
            h(Action::MoveUp, "", "previous result", Move, Never),
            h(Action::PageDown, "", "a page of results down", Move, Never),
            h(Action::PageUp, "", "a page of results up", Move, Never),
        ]
        .into_iter()
        .chain(editing("clear the query and search again"))
        .collect(),
        Context::Packs => vec![
            h(Action::Confirm, "open", "open the pack (asks first if a call is on)", Answer, Always),
            h(Action::Close, "back", "back, keeping this pack", App, Always),
            h(Action::MoveDown, "", "next pack", Move, Never),
            h(Action::MoveUp, "", "previous pack", Move, Never),
        ],
        Context::Scenario => vec![
            h(Action::NextReveal, "next reveal", "training: what the caller says next", Training, Rank(1)),
            h(Action::RevealKey, "the key", "training: reveal the author's key", Training, Rank(2)),
            h(Action::Close, "to the grid", "back to the grid", App, Always),
            h(Action::MoveDown, "", "scroll down", Move, Never),
            h(Action::MoveUp, "", "scroll up", Move, Never),
        ],
        Context::Guide => vec![
            h(Action::NextRow, "next section", "next section", Move, Rank(1)),
            h(Action::JumpSection(1), "", "go to that section (as numbered in the contents)", Move, Never),
            h(Action::Close, "close guide", "back to where the guide was opened", App, Always),
            h(Action::MoveDown, "scroll", "scroll down", Move, Rank(2)),
            h(Action::PrevRow, "", "previous section (or the top of this one)", Move, Never),
            h(Action::MoveUp, "", "scroll up", Move, Never),
            h(Action::PageDown, "", "a page down", Move, Never),
            h(Action::PageUp, "", "a page up", Move, Never),
            h(Action::First, "", "to the top", Move, Never),
            h(Action::Last, "", "to the end", Move, Never),
        ],
        Context::Outcome => vec![
            h(
                Action::Confirm,
                "add / edit",
                "add the outcome under the cursor, or edit a recorded one",
                Answer,
                Always,
            ),
            h(Action::EditOutcome, "edit", "edit the text of the recorded outcome", Answer, Rank(1)),
            h(Action::WithdrawOutcome, "withdraw", "withdraw the recorded outcome (asks why)", Answer, Rank(1)),
            h(Action::Close, "back", "back to the grid (drafts kept)", App, Always),
            h(Action::MoveDown, "", "next", Move, Never),
            h(Action::MoveUp, "", "previous", Move, Never),
            h(Action::First, "", "first", Move, Never),
            h(Action::Last, "", "last", Move, Never),
        ],
        Context::OutcomeText => vec![
            h(Action::Confirm, "record", "record the outcome, the edit or the withdrawal", Answer, Always),
            h(Action::Cancel, "back", "back to the list (kept as typed)", App, Always),
            h(Action::MoveDown, "next field", "next field", Move, Rank(1)),
            h(Action::MoveUp, "", "previous field", Move, Never),
            h(Action::MoveRight, "", "next line to signpost to; in text, cursor right", Answer, Never),
            h(Action::MoveLeft, "", "previous line to signpost to; in text, cursor left", Answer, Never),
        ]
        .into_iter()
        .chain(editing("clear the field"))
        .collect(),
        Context::Clocks => vec![
            h(Action::MarkClockDone, "done", "mark the clock done, or take the mark back", Answer, Rank(1)),
            h(Action::SetUrgency, "urgency", "decision urgency: none → red → amber → green", Call, Rank(2)),
            h(Action::Close, "back to grid", "back to the grid", App, Always),
            h(Action::MoveUp, "", "up", Move, Never),
            h(Action::MoveDown, "", "down", Move, Never),
        ],
        Context::Handler => vec![
            h(Action::Confirm, "save", "save: recorded on this call and each new one", Answer, Always),
            h(Action::MoveDown, "next field", "next field", Move, Rank(1)),
            h(Action::Close, "back", "back, unchanged", App, Always),
            h(Action::MoveUp, "", "previous field", Move, Never),
        ]
        .into_iter()
        .chain(editing("clear the field"))
        .collect(),
        Context::CaseReference => vec![
            h(Action::Confirm, "save", "save the reference to the call's record", Answer, Always),
            h(Action::Close, "back", "back, unchanged", App, Always),
        ]
        .into_iter()
        .chain(editing("clear the field"))
        .collect(),
        Context::Readback => vec![
            h(Action::EndCall, "end call", "end the call (asks first; records the read-back)", Call, Always),
            h(Action::Close, "back", "back to the call", App, Always),
            h(Action::MoveDown, "scroll", "scroll down", Move, Rank(1)),
            h(Action::MoveUp, "", "scroll up", Move, Never),
            h(Action::PageDown, "", "a page down", Move, Never),
            h(Action::PageUp, "", "a page up", Move, Never),
            h(Action::First, "", "to the top", Move, Never),
        ],
        Context::Assign => vec![
            h(Action::ToggleTick, "check", "check / uncheck the whole household or a child", Answer, Rank(1)),
            h(Action::Confirm, "record", "record who the tick is about", Answer, Always),
            h(Action::Close, "cancel", "back, changing nothing", App, Always),
            h(Action::MoveDown, "", "next", Move, Never),
            h(Action::MoveUp, "", "previous", Move, Never),
        ],
        Context::Calls => vec![
            h(Action::Confirm, "open", "open the call read-only (its whole record)", Answer, Always),
            h(
                Action::ResumeCall,
                "resume",
                "carry on with the open call (the one on screen must be ended)",
                Call,
                Rank(1),
            ),
            h(Action::ExportCall, "export", "export the call as Markdown to the records folder", Call, Rank(2)),
            h(
                Action::MarkEntered,
                "entered",
                "mark the call entered in the case system (its reference)",
                Call,
                Rank(2),
            ),
            h(
                Action::StartShift,
                "shift starts now",
                "the shift starts now (press twice): the list shows calls from then",
                Call,
                Rank(3),
            ),
            h(
                Action::WriteHandover,
                "handover",
                "write the shift's handover for the day team (Markdown, to the records folder)",
                Call,
                Rank(2),
            ),
            h(Action::Close, "back", "back to the grid", App, Always),
            h(Action::MoveDown, "", "next call", Move, Never),
            h(Action::MoveUp, "", "previous call", Move, Never),
            h(Action::First, "", "newest call", Move, Never),
            h(Action::Last, "", "oldest call", Move, Never),
        ],
        Context::CallView => vec![
            h(Action::ResumeCall, "resume", "carry on with this call, if it is open", Call, Rank(1)),
            h(Action::ExportCall, "export", "export the call as Markdown to the records folder", Call, Rank(2)),
            h(
                Action::MarkEntered,
                "entered",
                "mark the call entered in the case system (its reference)",
                Call,
                Rank(2),
            ),
            h(Action::Close, "back", "back to the list of calls", App, Always),
            h(Action::MoveDown, "scroll", "scroll down", Move, Rank(3)),
            h(Action::MoveUp, "", "scroll up", Move, Never),
            h(Action::PageDown, "", "a page down", Move, Never),
            h(Action::PageUp, "", "a page up", Move, Never),
            h(Action::First, "", "to the top", Move, Never),
        ],
    };
    // Keys that most contexts share, shown last where there is room; a
    // context's own entry comes first and wins.
    hints.extend([
        h(Action::Close, "close", "close", App, Rank(8)),
        h(Action::OpenHelp, "help", "help (this list)", App, Rank(9)),
        h(Action::Quit, "quit", "quit (asks first)", App, Rank(9)),
        h(Action::TogglePresent, "", "presentation mode on/off", App, Never),
        h(Action::Suspend, "", "suspend to the shell (fg to come back)", App, Never),
    ]);
    hints
}

/// The hint for `action` in `context`: its own, else a generic one.
pub fn hint(context: Context, action: &Action) -> Option<Hint> {
    hints(context)
        .into_iter()
        .find(|hint| hint.is_for(action))
        .or_else(|| Context::all().flat_map(hints).find(|hint| hint.is_for(action) && !hint.describe.is_empty()))
}

/// Help's sentence for `action` in `context`; an action no table names is
/// called what keymap files call it.
pub fn describe(context: Context, action: &Action) -> String {
    hint(context, action).map_or_else(|| super::safety::action_name(action), |hint| hint.describe.to_string())
}

/// Help's heading for a context.
pub fn heading(context: Context) -> &'static str {
    match context {
        Context::Grid => "The grid",
        Context::Immediate => "The immediate-referral list",
        Context::Banner => "An immediate-protection alert",
        Context::Help => "Help",
        Context::ConfirmQuit => "Quit dutygrid?",
        Context::ConfirmEndCall => "End this call?",
        Context::ConfirmSwitchPack => "Switch pack?",
        Context::Details => "Call details",
        Context::Notes => "Notes",
        Context::Decision => "Your decision",
        Context::Restore => "Restoring a call found on disk",
        Context::Search => "Search",
        Context::Packs => "Choosing a pack",
        Context::Scenario => "Training: the scenario and the key",
        Context::Guide => "The guide",
        Context::Assign => "Who a tick is about",
        Context::Handler => "Who handles the calls",
        Context::CaseReference => "Entered in the case system",
        Context::Readback => "The read-back",
        Context::Outcome => "The call's outcome",
        Context::OutcomeText => "Typing an outcome",
        Context::Clocks => "The call's clocks",
        Context::Calls => "This shift's calls",
        Context::CallView => "A call of the shift (read-only)",
    }
}
