//! Stage 6, output: the rendered site -> files on disk.
//!
//! This is the only stage that writes. The pages are first assembled in
//! memory ([`SitePlan`]), so that every problem of the input is found
//! before anything is written; then a [`Spare`] takes the pages and, one
//! by one as they are drawn, the images, into the spare copy of the site,
//! never the live one, so bad input or an error can never leave a
//! half-written site. `ownership` decides which folders may be written,
//! replaced or removed; `write` brings the spare copy up to date; `swap`
//! puts it in place; `record` keeps, beside
//! the site, what it was built from, so that an unchanged build can stop
//! after loading; `cache` keeps the PNGs drawn for an output beside it, and
//! the last build's charts in one pack.
//! `project` writes the starter project of `flowsite init`, the one other
//! folder flowsite makes.

// The one stage that writes, so the one (with `load`) allowed the file
// system calls clippy.toml forbids everywhere else.
#![allow(clippy::disallowed_methods)]

mod cache;
mod ownership;
mod project;
mod record;
mod swap;
mod write;

pub use cache::{CACHE_DIR_VARIABLE, ChartPack, ImageCache};
pub use ownership::{MANIFEST_FILE, MARKER, MARKER_FILE, check_output_location, holds_site};
pub use project::write_new_project;
pub use record::{BUILD_ID, BuildId, BuildRecord, Fingerprint, Unchanged};
pub use write::{Spare, WriteReport, write_recorded_site, write_site};

use crate::error::{Error, Location, Problems};
use crate::page::RenderedFile;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file of the site, keyed by its path inside the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitePlan {
    /// Path (with `/`) -> bytes, sorted so that writing is deterministic.
    pub files: BTreeMap<String, crate::cache::Bytes>,
}

impl SitePlan {
    /// How many bytes the site holds.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|bytes| bytes.len()).sum()
    }
}

/// The site in `out`, if it was built by a build with `fingerprint` and
/// every file and folder of it is as that build left it; `None` if there is
/// any doubt, in which case the site is to be built in full.
pub fn unchanged_site(out: &Path, fingerprint: &Fingerprint) -> Option<Unchanged> {
    let siblings = ownership::Siblings::of(out).ok()?;
    record::unchanged(out, &siblings.record, fingerprint)
}

/// Assembles the generated files and `static/`; a static file may not
/// replace a generated one (the page would silently disappear), nor one of
/// the `images` drawn later.
pub fn plan_site(
    generated: Vec<RenderedFile>,
    static_files: &[(String, Vec<u8>)],
    images: &[&str],
) -> Result<SitePlan, Error> {
    let mut files = BTreeMap::new();
    for file in generated {
        if images.contains(&file.path.as_str()) {
            return Err(Error::Internal(format!(
                "an image and a page were both rendered to {}",
                file.path
            )));
        }
        if files.insert(file.path.clone(), file.bytes).is_some() {
            return Err(Error::Internal(format!("two pages were rendered to {}", file.path)));
        }
    }
    let mut problems = Problems::new();
    for (path, bytes) in static_files {
        if files.contains_key(path) || images.contains(&path.as_str()) {
            problems.report(
                Location::file(format!("static/{path}")),
                format!("it would replace the generated page {path}"),
                "rename or remove the static file",
            );
            continue;
        }
        files.insert(path.clone(), std::sync::Arc::new(bytes.clone()));
    }
    problems.into_result(SitePlan { files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> RenderedFile {
        RenderedFile {
            path: path.to_string(),
            bytes: std::sync::Arc::new(b"<p>".to_vec()),
        }
    }

    #[test]
    fn a_static_file_or_a_page_in_an_images_place_is_refused() {
        let images = ["weeks/2026-05-23/card.png"];
        let plan = plan_site(
            vec![page("index.html")],
            &[("robots.txt".to_string(), b"ok".to_vec())],
            &images,
        )
        .expect("no clash");
        assert_eq!(plan.files.keys().collect::<Vec<_>>(), ["index.html", "robots.txt"]);
        // A newsroom's static file where an image goes: bad input, named.
        let clash = [("weeks/2026-05-23/card.png".to_string(), b"png".to_vec())];
        let Err(Error::Invalid(problems)) = plan_site(vec![page("index.html")], &clash, &images) else {
            panic!("the static file is refused")
        };
        assert!(
            problems[0]
                .to_string()
                .starts_with("static/weeks/2026-05-23/card.png: it would replace the generated page"),
            "{}",
            problems[0]
        );
        // A page rendered where an image goes is flowsite's own bug.
        let Err(Error::Internal(message)) = plan_site(vec![page("weeks/2026-05-23/card.png")], &[], &images) else {
            panic!("the page is refused")
        };
        assert!(message.contains("an image and a page were both rendered"), "{message}");
    }
}
