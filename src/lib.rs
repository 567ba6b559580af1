//! dutygrid: threshold-of-need grids for children's-safeguarding duty desks.
//!
//! `pack` and `hours` are the model and never touch the terminal; `cli` and
//! `commands` are the command line.

pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod hours;
pub mod pack;
pub mod text;
