//! dutygrid: threshold-of-need grids for children's-safeguarding duty desks.
//!
//! `pack`, `hours` and `call` are the model and never touch the terminal;
//! `app` holds the state and the pure `update`; `ui` only draws; `tui` runs
//! the terminal; `cli` and `commands` are the command line.

pub mod action;
pub mod app;
pub mod call;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod export;
pub mod fsread;
pub mod guide;
pub mod hours;
pub mod keymap;
pub mod pack;
pub mod search;
pub mod sort;
pub mod source;
pub mod text;
pub mod train;
pub mod tui;
pub mod ui;
