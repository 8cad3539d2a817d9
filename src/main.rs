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
            flowsite::build(&cli.root, &out)
                .map(|summary| report::built(&summary, &out, started.elapsed()))
                // Looked at after the failure: what is there now is what the
                // site's readers are being served.
                .inspect_err(|error| report::build_failed(error, flowsite::output::holds_site(&out)))
        }
        Command::Check => flowsite::check(&cli.root)
            .map(|checked| report::checked(&checked, started.elapsed()))
            .inspect_err(report::check_failed),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => ExitCode::from(error.exit_code()),
    }
}
