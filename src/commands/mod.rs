//! What each subcommand does. Every command returns an [`Outcome`] so that it
//! can be tested without a process; `run` prints it.

mod contact;
mod guide;
mod handover;
mod keymap;
mod pack;
mod record;
mod run;
mod search;
mod train;

use std::io::Write;

use crate::cli::{Cli, Command, KeymapCommand, PackCommand};
use crate::pack::library::{DEFAULT_PACK, Library, OpenError};

/// What a command printed and how it ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    pub fn ok(stdout: String) -> Outcome {
        Outcome { stdout, ..Outcome::default() }
    }

    pub fn failed(stderr: String, code: u8) -> Outcome {
        Outcome { stderr, code, ..Outcome::default() }
    }

    fn from_open_error(err: &OpenError) -> Outcome {
        Outcome::failed(format!("{err}\n"), err.exit_code())
    }
}

pub fn run(cli: Cli) -> u8 {
    let outcome = execute(cli);
    // A closed pipe (e.g. `| head`) is not worth a panic or a message.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    outcome.code
}

pub fn execute(cli: Cli) -> Outcome {
    let packs_dir = cli.packs_dir.or_else(crate::pack::library::default_packs_dir);
    let library = Library::load(packs_dir.as_deref());
    let records_dir = cli.records_dir.or_else(crate::call::store::default_dir);
    let config = match cli.config.or_else(crate::config::default_path).map(|p| crate::config::load(&p)) {
        Some(Ok(config)) => config,
        Some(Err(problems)) => return Outcome::failed(format!("{problems}\n"), 1),
        None => crate::config::Config::default(),
    };
    match cli.command {
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            run::run(library, &cli.run, &config, records_dir)
        }
        None => {
            let pack = cli.run.pack.as_deref().or(config.pack.as_deref()).unwrap_or(DEFAULT_PACK);
            pack::summary(&library, pack)
        }
        Some(Command::Run(args)) => run::run(library, &args, &config, records_dir),
        Some(Command::Record(command)) => record::record(&library, records_dir, command, &config),
        Some(Command::Train { scenario: None, .. }) => train::list(&library, packs_dir.as_deref()),
        Some(Command::Train { scenario: Some(scenario), run }) => {
            train::train(library, packs_dir.as_deref(), &scenario, &run, &config)
        }
        Some(Command::Keymap(KeymapCommand::Check { paths })) => keymap::check(&paths),
        Some(Command::Pack(PackCommand::List { format })) => pack::list(&library, format),
        Some(Command::Pack(PackCommand::Check { paths })) => {
            pack::check(&library, &paths, chrono::Utc::now().date_naive())
        }
        Some(Command::Pack(PackCommand::Indicators { pack, format })) => pack::indicators(&library, &pack, format),
        Some(Command::Pack(PackCommand::Diff { from, to, format })) => pack::diff(&library, &from, &to, format),
        Some(Command::Pack(PackCommand::Search { pack, query, limit, format })) => {
            search::search(&library, &pack, &query, limit, format)
        }
        Some(Command::Contact { pack, at, format, all }) => {
            let pack = pack.as_deref().unwrap_or(DEFAULT_PACK);
            let now = chrono::Utc::now();
            if all {
                contact::all(&library, pack, at.as_deref(), format, now)
            } else {
                contact::contact(&library, pack, at.as_deref(), format, now)
            }
        }
        Some(Command::Guide { pack, section, format }) => {
            let pack = pack.as_deref().or(config.pack.as_deref()).unwrap_or(DEFAULT_PACK);
            guide::guide(&library, pack, section.as_deref(), format)
        }
        Some(Command::Handover { since, format, output, at }) => {
            let args = handover::Args { since, format, output, at };
            handover::handover(&library, records_dir, &args, &config, chrono::Utc::now())
        }
    }
}

/// Serialises to pretty JSON with a trailing newline.
fn json<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(text) => text + "\n",
        Err(err) => format!("{{\"error\": {:?}}}\n", err.to_string()),
    }
}

/// Reads and checks one file: prints `path: ok: <summary>`, or every problem
/// as `path:line:col: message` and makes the exit code 1.
fn check_file<T>(
    path: &std::path::Path,
    outcome: &mut Outcome,
    load: impl FnOnce(&str, Vec<u8>) -> Result<T, crate::source::diagnostic::Diagnostics>,
    summary: impl FnOnce(&T) -> String,
) {
    use std::fmt::Write as _;
    let label = path.display().to_string();
    let result = crate::fsread::read_or_diagnose(path).and_then(|bytes| load(&label, bytes));
    match result {
        Ok(value) => {
            let _ = writeln!(outcome.stdout, "{}: ok{}", crate::text::clean_line(&label), summary(&value));
        }
        Err(problems) => {
            let _ = writeln!(outcome.stderr, "{problems}");
            outcome.code = 1;
        }
    }
}

/// Writes an export atomically, readable only by its owner.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Who the audit log names: the handler from the config file.
fn who(config: &crate::config::Config) -> String {
    config.handler.as_ref().map_or_else(|| "not set".into(), |h| h.name.clone())
}
