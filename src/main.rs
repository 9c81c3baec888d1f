//! Beacon's entry point: parse the command line, then run a subcommand or the app.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = beacon::cli::Cli::parse();
    match beacon::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("beacon: {e:#}");
            ExitCode::FAILURE
        }
    }
}
