use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before anything reads a record: a crash must not write one to a core file.
    dutygrid::call::core_dumps::refuse();
    let cli = dutygrid::cli::Cli::parse();
    ExitCode::from(dutygrid::commands::run(cli))
}
