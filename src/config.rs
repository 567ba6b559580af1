//! The user's settings: a small RON file in the platform config directory
//! (`~/.config/dutygrid/config.ron`), e.g. `(pack: "stoke-on-trent", keymap: "vim")`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostics;
use crate::pack::load::parse_ron;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The pack opened when none is named.
    #[serde(default)]
    pub pack: Option<String>,
    /// The keymap used when none is named.
    #[serde(default)]
    pub keymap: Option<String>,
}

pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dutygrid").map(|d| d.config_dir().join("config.ron"))
}

/// The settings at `path`; none if the file does not exist.
pub fn load(path: &Path) -> Result<Config, Diagnostics> {
    match std::fs::read(path) {
        Ok(bytes) => parse_ron::<Config>(&path.display().to_string(), bytes).map(|(config, _)| config),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(err) => Err(Diagnostics(vec![crate::diagnostic::Diagnostic {
            path: path.display().to_string(),
            at: crate::pack::locate::Position::START,
            message: format!("cannot read: {err}"),
        }])),
    }
}
