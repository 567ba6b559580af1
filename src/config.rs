//! The user's settings: a small RON file in the platform config directory
//! (`~/.config/dutygrid/config.ron`), e.g. `(pack: "stoke-on-trent", keymap: "vim",
//! handler: (name: "Sam Patel", role: "Social worker", team: "Front door"))`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::source::diagnostic::Diagnostics;
use crate::source::parse_ron;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The pack opened when none is named.
    #[serde(default)]
    pub pack: Option<String>,
    /// The keymap used when none is named.
    #[serde(default)]
    pub keymap: Option<String>,
    /// Who takes the calls at this desk, recorded at the start of each.
    #[serde(default)]
    pub handler: Option<crate::call::handler::Handler>,
    /// The time on the next working morning by which the day team must
    /// have the shift's calls (default 09:00), e.g. `handover_by: "09:00"`.
    #[serde(default)]
    pub handover_by: Option<crate::hours::clock::ClockTime>,
    /// Days an ended record marked entered in the case system is kept before
    /// `record purge` deletes it. Set by the council's information-governance
    /// team; with none set, purge deletes nothing.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// `seconds` or `minutes` in the header clock; unset, minutes in
    /// presentation mode and seconds otherwise.
    #[serde(default)]
    pub clock: Option<ClockShows>,
}

impl Config {
    /// 09:00 when the config sets none: procedures we found want the
    /// night's contacts with the day team by then.
    pub fn handover_by(&self) -> chrono::NaiveTime {
        self.handover_by.map_or_else(|| chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(), |t| t.0)
    }
}

/// What the header clock shows. At minutes an idle screen writes nothing
/// for a minute: kinder to screen readers, slow links and a shared tmux.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockShows {
    Seconds,
    Minutes,
}

pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dutygrid").map(|d| d.config_dir().join("config.ron"))
}

/// The settings at `path`; none if the file does not exist.
pub fn load(path: &Path) -> Result<Config, Diagnostics> {
    match crate::fsread::read_file(path) {
        Ok(bytes) => parse_ron::<Config>(&path.display().to_string(), bytes).map(|(config, _)| config),
        Err(err) if err.is_not_found() => Ok(Config::default()),
        Err(err) => Err(Diagnostics::whole_file(&path.display().to_string(), err.to_string())),
    }
}
