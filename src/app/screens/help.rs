//! The help screen: text that scrolls.

use super::Next;
use crate::app::action::Action;

pub(in crate::app) fn key(scroll: &mut u16, action: &Action) -> Next {
    super::scroll(scroll, action);
    Next::Keep
}
