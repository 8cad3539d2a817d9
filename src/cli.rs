//! The command line: `flowsite [build|check|serve|init|fetch] [options]`.
//!
//! Each `///` comment below is the `--help` text. A usage error (an unknown
//! option, a missing value) exits with [`USAGE_ERROR`], not clap's default
//! 2, which flowsite keeps for I/O errors.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The exit code of a usage error: `EX_USAGE` of BSD's sysexits.h, so that
/// a script can tell a mistyped command from bad input (1) and from an I/O
/// failure (2).
pub const USAGE_ERROR: u8 = 64;

/// Builds a static site of charts and briefs from published flow statistics.
#[derive(Debug, Parser)]
#[command(
    name = "flowsite",
    version,
    about,
    after_help = "Exit codes: 0 success, 1 bad input (every problem is listed), 2 an I/O or internal error, \
                  64 a usage error (an unknown command or option)."
)]
pub struct Cli {
    /// What to do (default: build).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The project folder, holding site.toml, data/, content/ and static/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Print nothing but problems and errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print how long each step takes and, for `serve`, every request.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// flowsite's commands.
#[derive(Debug, Subcommand, Clone, PartialEq, Eq)]
pub enum Command {
    /// Build the site into the output folder, replacing it only on success.
    Build(BuildArgs),
    /// Check every input and render every page, but write nothing.
    Check,
    /// Preview the site (drafts included) on a local web server, rebuilding
    /// and reloading the browser whenever a file of the project changes.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Write a starter project for a newsroom's own data into DIR.
    Init(InitArgs),
    /// Download each source's new release from its `url` in site.toml,
    /// keeping it only if it is a complete, valid, newer release.
    #[cfg(feature = "fetch")]
    Fetch(FetchArgs),
}

/// Options of `build`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub struct BuildArgs {
    /// Where to write the site [default: ROOT/site-out].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Options of `serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args, Clone, PartialEq, Eq)]
pub struct ServeArgs {
    /// The port to serve on; if it is taken, the next free one is used.
    /// 0 takes any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,

    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,

    /// Look for changes by polling every half second, for file systems
    /// whose change events do not arrive (network drives, some containers).
    #[arg(long)]
    pub poll: bool,
}

/// Options of `init`.
#[derive(Debug, Args, Clone, PartialEq, Eq)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty [default: ROOT].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Options of `fetch`.
#[cfg(feature = "fetch")]
#[derive(Debug, Args, Clone, PartialEq, Eq)]
pub struct FetchArgs {
    /// How many times to try again after a network error or a server error
    /// (5xx, 429).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,

    /// How long to wait before the first retry, in milliseconds; each
    /// further retry waits twice as long.
    #[arg(long, default_value_t = 2000, value_name = "MS")]
    pub retry_delay: u64,

    /// How long one download may take, in seconds, connecting included.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
}

impl Cli {
    /// The command to run: `build` when none is given.
    pub fn command(&self) -> Command {
        self.command.clone().unwrap_or(Command::Build(BuildArgs::default()))
    }
}

impl BuildArgs {
    /// The output folder: `--out`, or `site-out` inside the project.
    pub fn out_dir(&self, root: &std::path::Path) -> PathBuf {
        self.out.clone().unwrap_or_else(|| root.join("site-out"))
    }
}
