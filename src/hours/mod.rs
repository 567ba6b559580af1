//! Office hours: which contact line is live at an instant, in the pack's own
//! time zone, with weekends and bank holidays. No terminal code, no clock
//! reads: the instant is always passed in.

pub mod at;
pub mod calendar;
pub mod clock;
pub mod local;
pub mod resolve;
pub mod steps;
pub mod working;
