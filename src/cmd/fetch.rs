//! `flowsite fetch`: each source's new release from its `url`.

use crate::cli::FetchArgs;
use crate::error::Error;
use crate::fetch::{FetchSettings, MAX_BYTES, fetch};
use crate::report;
use std::path::Path;
use std::time::Duration;

/// Fetches the releases of the project at `root` and reports each.
pub fn run(root: &Path, args: &FetchArgs) -> Result<(), Error> {
    let settings = FetchSettings {
        retries: args.retries,
        retry_delay: Duration::from_millis(args.retry_delay),
        timeout: Duration::from_secs(args.timeout),
        max_bytes: MAX_BYTES,
    };
    match fetch(root, &settings, &mut report::fetch_retry) {
        Ok(outcomes) => {
            report::fetched(&outcomes);
            Ok(())
        }
        Err(error) => {
            report::fetch_failed(&error);
            Err(error)
        }
    }
}
