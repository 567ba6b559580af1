use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dutygrid::cli::Cli::parse();
    ExitCode::from(dutygrid::commands::run(cli))
}
