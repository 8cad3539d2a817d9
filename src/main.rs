//! The `flowsite` binary: parse arguments, run the command, exit with 0
//! (success), 1 (bad input), 2 (I/O or internal error) or 64 (a usage
//! error). Each command reports its own result.

use clap::Parser;
use flowsite::cli::Cli;
use flowsite::report::{self, Verbosity};
use std::process::ExitCode;

// Rendering allocates many small strings on every core: mimalloc's
// thread-local heaps make it measurably faster than the system allocator
// (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    small_pages_only();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return ExitCode::from(report::usage(&error)),
    };
    report::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    });
    match flowsite::cmd::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => ExitCode::from(error.exit_code()),
    }
}

/// Asks Linux for ordinary 4 KiB pages only, for the whole process. With
/// transparent huge pages set to `always` (as on the benchmark machine),
/// the first touch of fresh memory faults in and zeroes 2 MiB at a time; a
/// build grows its heap by hundreds of megabytes in buffers of a few, and
/// that zeroing was a fifth of a cold build's CPU time (`clear_page_erms`
/// in the profile; see BENCHMARKS.md). A kernel that refuses changes
/// nothing but speed, so the result is ignored.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
