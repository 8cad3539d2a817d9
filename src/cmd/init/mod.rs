//! `flowsite init [DIR]`: a starter project for a newsroom's own data.
//!
//! The starter files are real files beside this one (`starter/`), so that
//! the tests build them as a fixture site; the stylesheet is flowsite's
//! own, given to the project to edit.

use crate::error::Error;
use crate::{output, page, report};
use std::path::Path;

/// Every file of the starter project: path inside it, and bytes.
pub const STARTER_FILES: [(&str, &[u8]); 5] = [
    ("site.toml", include_bytes!("starter/site.toml")),
    ("data/flows.csv", include_bytes!("starter/data/flows.csv")),
    ("content/first-look.md", include_bytes!("starter/content/first-look.md")),
    ("static/style.css", page::DEFAULT_STYLESHEET.as_bytes()),
    // The site and the copies flowsite keeps beside it are built, not kept.
    (".gitignore", b"/site-out/\n/.site-out.flowsite-*\n"),
];

/// Writes the starter project into `dir`, which must be new or empty.
pub fn run(dir: &Path) -> Result<(), Error> {
    match output::write_new_project(dir, &STARTER_FILES) {
        Ok(()) => {
            report::initialised(dir, STARTER_FILES.iter().map(|(path, _)| *path));
            Ok(())
        }
        Err(error) => {
            report::init_failed(&error);
            Err(error)
        }
    }
}
