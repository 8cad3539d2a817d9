//! The command line: `flowsite [build|check] [--root DIR] [--out DIR]`.
//!
//! Each `///` comment below is the `--help` text.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Builds a static site of charts and briefs from published flow statistics.
#[derive(Debug, Parser)]
#[command(name = "flowsite", version, about)]
pub struct Cli {
    /// What to do (default: build).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The project folder, holding site.toml, data/, content/ and static/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Where to write the site [default: ROOT/site-out].
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// flowsite's commands.
#[derive(Debug, Subcommand, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Build the site into the output folder, replacing it only on success.
    Build,
    /// Check every input and render every page, but write nothing.
    Check,
}

impl Cli {
    /// The command to run: `build` when none is given.
    pub fn command(&self) -> Command {
        self.command.unwrap_or(Command::Build)
    }

    /// The output folder: `--out`, or `site-out` inside the project.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("site-out"))
    }
}
