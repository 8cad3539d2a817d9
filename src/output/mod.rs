//! Stage 6, output: the rendered site -> files on disk.
//!
//! This is the only stage that writes, and it writes only into the spare
//! copy of the site, never the live one. Every input is checked before the
//! spare is claimed; then a [`Spare`] takes each page as it is rendered
//! (checked against the images' and static files' places by
//! [`Placement`]) and each image as it is drawn, so the site is never held
//! whole in memory, and bad input or an error found on the way drops the
//! spare and can never leave a half-written site. `check` and the preview
//! gather the same files in memory instead ([`Gathered`], a [`SitePlan`]).
//! `ownership` decides which folders may be written, replaced or removed;
//! `write` brings the spare copy up to date; `swap` puts it in place;
//! `record` keeps, beside the site, what it was built from, so that an
//! unchanged build can stop after loading; `cache` keeps the PNGs drawn
//! for an output beside it, and the last build's charts in one pack.
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
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

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

/// Where the files of a site may go, checked one by one as pages are
/// rendered (a build writes each at once and keeps none): a page may not
/// go where an image goes (flowsite's own bug), and a static file may not
/// replace a page (the page would silently disappear) nor an image.
pub struct Placement<'a> {
    static_files: &'a [(String, Vec<u8>)],
    statics: BTreeSet<&'a str>,
    images: BTreeSet<&'a str>,
    /// Static files a page was rendered at.
    clashes: Mutex<BTreeSet<String>>,
}

impl<'a> Placement<'a> {
    /// The places of a site with `static_files` (from `static/`) and the
    /// `images` drawn after its pages.
    pub fn new(static_files: &'a [(String, Vec<u8>)], images: &[&'a str]) -> Placement<'a> {
        Placement {
            static_files,
            statics: static_files.iter().map(|(path, _)| path.as_str()).collect(),
            images: images.iter().copied().collect(),
            clashes: Mutex::new(BTreeSet::new()),
        }
    }

    /// Whether the page rendered to `path` goes into the site: not where a
    /// static file is (that file is reported by [`Placement::finish`]).
    pub fn admit(&self, path: &str) -> Result<bool, Error> {
        if self.images.contains(path) {
            return Err(Error::Internal(format!(
                "an image and a page were both rendered to {path}"
            )));
        }
        if self.statics.contains(path) {
            self.clashes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(path.to_string());
            return Ok(false);
        }
        Ok(true)
    }

    /// Once every page is admitted: the static files, or every one that
    /// would replace a page or an image, reported in path order.
    pub fn finish(self) -> Result<Vec<RenderedFile>, Error> {
        let clashes = self.clashes.into_inner().unwrap_or_else(PoisonError::into_inner);
        let mut problems = Problems::new();
        let mut files = Vec::with_capacity(self.static_files.len());
        for (path, bytes) in self.static_files {
            if clashes.contains(path) || self.images.contains(path.as_str()) {
                problems.report(
                    Location::file(format!("static/{path}")),
                    format!("it would replace the generated page {path}"),
                    "rename or remove the static file",
                );
                continue;
            }
            files.push(RenderedFile {
                path: path.clone(),
                bytes: std::sync::Arc::new(bytes.clone()),
            });
        }
        problems.into_result(files)
    }
}

/// A site gathered in memory as its files are rendered, from every core
/// (`check` and the preview keep the whole site).
#[derive(Debug, Default)]
pub struct Gathered(Mutex<BTreeMap<String, crate::cache::Bytes>>);

impl Gathered {
    /// Adds `file`; two files at one path are a bug.
    pub fn put(&self, file: RenderedFile) -> Result<(), Error> {
        let mut files = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if files.insert(file.path.clone(), file.bytes).is_some() {
            return Err(Error::Internal(format!("two pages were rendered to {}", file.path)));
        }
        Ok(())
    }

    /// The site gathered.
    pub fn into_plan(self) -> SitePlan {
        SitePlan {
            files: self.0.into_inner().unwrap_or_else(PoisonError::into_inner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pages` placed with `static_files` and `images`, as a build would.
    fn place(pages: &[&str], static_files: &[(String, Vec<u8>)], images: &[&str]) -> Result<SitePlan, Error> {
        let placement = Placement::new(static_files, images);
        let gathered = Gathered::default();
        for path in pages {
            let page = RenderedFile {
                path: path.to_string(),
                bytes: std::sync::Arc::new(b"<p>".to_vec()),
            };
            if placement.admit(path)? {
                gathered.put(page)?;
            }
        }
        for file in placement.finish()? {
            gathered.put(file)?;
        }
        Ok(gathered.into_plan())
    }

    #[test]
    fn a_static_file_or_a_page_in_an_images_place_is_refused() {
        let images = ["weeks/2026-05-23/card.png"];
        let plan = place(&["index.html"], &[("robots.txt".to_string(), b"ok".to_vec())], &images).expect("no clash");
        assert_eq!(plan.files.keys().collect::<Vec<_>>(), ["index.html", "robots.txt"]);
        // A newsroom's static files where an image and a page go: bad
        // input, every one named, in path order.
        let clash = [
            ("index.html".to_string(), b"mine".to_vec()),
            ("weeks/2026-05-23/card.png".to_string(), b"png".to_vec()),
        ];
        let Err(Error::Invalid(problems)) = place(&["index.html"], &clash, &images) else {
            panic!("the static files are refused")
        };
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("static/index.html: it would replace the generated page"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("static/weeks/2026-05-23/card.png: it would replace the generated page"),
            "{problems:?}"
        );
        // A page rendered where an image goes, or twice, is flowsite's own bug.
        let Err(Error::Internal(message)) = place(&["weeks/2026-05-23/card.png"], &[], &images) else {
            panic!("the page is refused")
        };
        assert!(message.contains("an image and a page were both rendered"), "{message}");
        let Err(Error::Internal(message)) = place(&["index.html", "index.html"], &[], &images) else {
            panic!("the second page is refused")
        };
        assert!(message.contains("two pages were rendered to index.html"), "{message}");
    }
}
