//! `Action` lives in `crate::action` so the keymap can name actions without
//! importing the app; this keeps the old path working.

pub use crate::action::{Action, LoadedPack};
