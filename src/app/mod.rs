//! The app's state and the pure `update` that changes it. No terminal I/O:
//! the runner in `tui` feeds actions in and carries effects out.

pub mod action;
pub mod contact_now;
pub mod grid;
pub mod guide;
pub mod help;
pub mod input;
pub mod layout;
pub mod readback;
pub mod record;
pub mod screen;
pub mod screens;
pub mod state;
pub mod update;

pub use action::Action;
pub use screen::{Pending, Screen};
pub use screens::Next;
pub use state::{Restore, RestoreOffer, Session, State};
pub use update::{Effect, update};
