//! The `flowsite` binary: parse arguments, run the command, report, exit
//! with 0 (success), 1 (bad input) or 2 (I/O or internal error).

use clap::Parser;
use flowsite::cli::{Cli, Command};
use flowsite::report;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let outcome = match cli.command() {
        Command::Build => {
            let out = cli.out_dir();
            flowsite::build(&cli.root, &out).map(|summary| report::built(&summary, &out, started.elapsed()))
        }
        Command::Check => flowsite::check(&cli.root).map(|checked| report::checked(&checked, started.elapsed())),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report::failed(&error);
            ExitCode::from(error.exit_code())
        }
    }
}
