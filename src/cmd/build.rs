//! `flowsite build`: the site into the output folder, replacing it whole
//! only if every step succeeds, or nothing at all when the inputs, options
//! and flowsite are those the site there was built from.

use crate::cli::BuildArgs;
use crate::error::Error;
use crate::{Built, Step, output, report};
use std::path::Path;
use std::time::Instant;

/// Builds the project at `root` and reports the result.
pub fn run(root: &Path, args: &BuildArgs) -> Result<(), Error> {
    let started = Instant::now();
    let out = args.out_dir(root);
    let mut progress = report::Progress::start(Step::COUNT);
    let result = crate::build_with(root, &out, &crate::Options::default(), &mut |step| progress.step(step));
    progress.finish();
    match result {
        Ok(Built::Written(summary)) => {
            report::built(&summary, &out, started.elapsed());
            Ok(())
        }
        Ok(Built::Unchanged(unchanged)) => {
            report::unchanged(&unchanged, &out, started.elapsed());
            Ok(())
        }
        Err(error) => {
            // Looked at after the failure: what is there now is what the
            // site's readers are being served.
            report::build_failed(&error, output::holds_site(&out));
            Err(error)
        }
    }
}
