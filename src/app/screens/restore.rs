//! The unfinished calls offered back at start: choose one, resume it or set
//! it aside, or leave them all for later.

use super::Next;
use crate::app::action::Action;
use crate::app::state::State;
use crate::app::update::Effect;
use crate::call::Call;

/// An unfinished call found on disk at start, offered back to the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOffer {
    pub path: std::path::PathBuf,
    pub call: Call,
    /// What could not be read back, if the journal was damaged.
    pub problem: Option<String>,
}

/// The unfinished calls found at start and what the handler has chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restore {
    /// Newest first.
    pub offers: Vec<RestoreOffer>,
    pub selected: usize,
    /// Unfinished calls another dutygrid process holds: named, not offered.
    pub held: Vec<String>,
    /// The time zone of each offered call's pack, to show its start in.
    pub zones: Vec<(String, chrono_tz::Tz)>,
    /// The selected call is on another pack: resume it once that is open.
    pub resume_after_switch: bool,
}

impl Restore {
    pub fn selected_offer(&self) -> Option<&RestoreOffer> {
        self.offers.get(self.selected)
    }
}

pub(in crate::app) fn key(restore: &mut Restore, state: &mut State, action: Action, effects: &mut Vec<Effect>) -> Next {
    let last = restore.offers.len().saturating_sub(1);
    match action {
        Action::MoveDown => restore.selected = (restore.selected + 1).min(last),
        Action::MoveUp => restore.selected = restore.selected.saturating_sub(1),
        Action::Confirm => {
            let Some(offer) = restore.selected_offer().cloned() else { return Next::Keep };
            if offer.call.pack.id != state.pack.id {
                // Resumed once its own pack is open (the runner switches).
                restore.resume_after_switch = true;
                effects.push(Effect::LoadPack(offer.call.pack.id.clone()));
                return Next::Keep;
            }
            state.resume_call(offer.call);
            state.saved_as = offer.path.file_stem().map(|s| s.to_string_lossy().into_owned());
            effects.push(Effect::Resume(offer.path));
            super::handler::carry_on(state, effects);
            return Next::Close;
        }
        Action::Cancel => {
            if restore.selected < restore.offers.len() {
                let offer = restore.offers.remove(restore.selected);
                effects.push(Effect::SetAside(offer.path));
            }
            restore.selected = restore.selected.min(restore.offers.len().saturating_sub(1));
            if restore.offers.is_empty() {
                return Next::Close;
            }
        }
        Action::Close => {
            effects.push(Effect::ReleaseOffers);
            return Next::Close;
        }
        _ => {}
    }
    Next::Keep
}
