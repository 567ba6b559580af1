//! Time as duty desks reckon it: opening hours, working days, bank
//! holidays, local wall-clock time. No terminal code, no clock reads (the
//! instant is always passed in), and no pack types: packs use these, and
//! `pack::resolve` puts the two together.

pub mod at;
pub mod calendar;
pub mod clock;
pub mod local;
pub mod schedule;
pub mod steps;
pub mod working;
