//! One thin file per command: each calls the library and reports the
//! result; what a command does lives in the pipeline, `serve` and `fetch`.

mod build;
mod check;
#[cfg(feature = "fetch")]
mod fetch;
mod init;
#[cfg(feature = "serve")]
mod serve;

use crate::cli::{Cli, Command};
use crate::error::Error;

/// Runs the command `cli` names; its result has already been reported.
pub fn run(cli: &Cli) -> Result<(), Error> {
    match cli.command() {
        Command::Build(args) => build::run(&cli.root, &args),
        Command::Check => check::run(&cli.root),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&cli.root, &args),
        Command::Init(args) => init::run(args.dir.as_deref().unwrap_or(&cli.root)),
        #[cfg(feature = "fetch")]
        Command::Fetch(args) => fetch::run(&cli.root, &args),
    }
}
