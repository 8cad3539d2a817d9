//! `flowsite serve`: the preview server.

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::report;
use crate::serve::{ServeSettings, serve};
use std::path::Path;

/// Serves the project at `root` until Ctrl-C, which exits with 0.
pub fn run(root: &Path, args: &ServeArgs) -> Result<(), Error> {
    let settings = ServeSettings {
        bind: args.bind,
        port: args.port,
        poll: args.poll,
    };
    serve(root, &settings).inspect_err(report::serve_failed)
}
