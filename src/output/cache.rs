//! Stage 6, output: the image cache, a folder of PNGs flowsite keeps
//! beside the output (`.NAME.flowsite-cache`), as a [`Store`] on disk.
//!
//! Each file is named by the digest of everything its PNG was drawn from
//! (see `raster`), so a file found is exactly what drawing would make; a
//! build then draws only what changed. The folder obeys the rules of the
//! spare copy (`ownership`): flowsite's marker, this user's, not a link.
//! Files are written under a temporary name and renamed into place, so a
//! killed build never leaves half a PNG under a digest; a file that is not
//! a whole PNG is ignored and drawn again. After a build, the files it did
//! not use are removed, so the cache holds what the site holds.
//!
//! `FLOWSITE_CACHE_DIR` puts the cache elsewhere (a CI cache folder shared
//! between runs, or between several sites): such a cache is never pruned,
//! since other sites may be using what this one did not.

use super::ownership::{self, MARKER_FILE, Siblings};
use crate::cache::{Key, Store};
use crate::error::Error;
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The environment variable that moves the cache (see the module comment).
pub const CACHE_DIR_VARIABLE: &str = "FLOWSITE_CACHE_DIR";

/// The extension of cached files.
const EXTENSION: &str = "png";
/// Every PNG starts with these bytes and ends with an empty IEND chunk.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_END: &[u8] = b"\0\0\0\0IEND\xaeB`\x82";

/// The image cache of one output folder.
#[derive(Debug)]
pub struct ImageCache {
    folder: PathBuf,
    /// Whether files this build did not use are removed after it.
    prune: bool,
    used: Mutex<BTreeSet<Key>>,
    temporary: AtomicUsize,
}

impl ImageCache {
    /// The cache of the output folder `out`, created or adopted if need be.
    pub fn open(out: &Path) -> Result<ImageCache, Error> {
        let (folder, prune) = match std::env::var_os(CACHE_DIR_VARIABLE) {
            Some(folder) if !folder.is_empty() => (PathBuf::from(folder), false),
            _ => (Siblings::of(out)?.cache, true),
        };
        ImageCache::at(&folder, prune)
    }

    /// The cache in `folder`; `prune` removes unused files after a build.
    pub fn at(folder: &Path, prune: bool) -> Result<ImageCache, Error> {
        if let Some(parent) = folder.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| Error::io("create folder", parent, source))?;
        }
        ownership::claim_cache(folder)?;
        Ok(ImageCache {
            folder: folder.to_path_buf(),
            prune,
            used: Mutex::new(BTreeSet::new()),
            temporary: AtomicUsize::new(0),
        })
    }

    /// Where the cache is.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn path(&self, key: Key) -> PathBuf {
        self.folder.join(format!("{}.{EXTENSION}", key.hex()))
    }

    fn mark_used(&self, key: Key) {
        self.used.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
    }

    /// Removes the files this build did not use (and temporary files a
    /// killed build left), unless the cache is shared.
    pub fn forget_unused(&self) -> Result<(), Error> {
        if !self.prune {
            return Ok(());
        }
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = fs::read_dir(&self.folder).map_err(|source| Error::io("list", &self.folder, source))?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::io("list", &self.folder, source))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name == MARKER_FILE {
                continue;
            }
            let kept = name
                .strip_suffix(".png")
                .and_then(Key::from_hex)
                .is_some_and(|key| used.contains(&key));
            let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
            if !kept && is_file {
                let path = entry.path();
                fs::remove_file(&path).map_err(|source| Error::io("remove", &path, source))?;
            }
        }
        Ok(())
    }
}

impl Store for ImageCache {
    fn get(&self, key: Key) -> Result<Option<Arc<Vec<u8>>>, Error> {
        let path = self.path(key);
        let mut bytes = Vec::new();
        match ownership::open_no_follow(&path).and_then(|mut file| file.read_to_end(&mut bytes)) {
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            // A link or anything else that is not a readable file is not
            // a cached PNG: it is drawn again and replaced.
            Err(error) if is_not_a_file(&error) => return Ok(None),
            Err(source) => return Err(Error::io("read", &path, source)),
        }
        if !(bytes.starts_with(PNG_SIGNATURE) && bytes.ends_with(PNG_END)) {
            return Ok(None);
        }
        self.mark_used(key);
        Ok(Some(Arc::new(bytes)))
    }

    fn put(&self, key: Key, bytes: Arc<Vec<u8>>) -> Result<(), Error> {
        let path = self.path(key);
        let temporary = self.folder.join(format!(
            ".{}.{}-{}.tmp",
            key.hex(),
            std::process::id(),
            self.temporary.fetch_add(1, Ordering::Relaxed)
        ));
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .and_then(|mut file| file.write_all(&bytes));
        if let Err(source) = written {
            let _ = fs::remove_file(&temporary);
            return Err(Error::io("write", &temporary, source));
        }
        // A link or a folder planted under the digest's name is replaced,
        // never written through: rename swaps the directory entry.
        if let Err(source) = fs::rename(&temporary, &path) {
            let _ = fs::remove_file(&temporary);
            return Err(Error::io("move into place", &path, source));
        }
        self.mark_used(key);
        Ok(())
    }
}

fn is_not_a_file(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        let loop_error = rustix::io::Errno::LOOP.raw_os_error();
        let is_dir = rustix::io::Errno::ISDIR.raw_os_error();
        matches!(error.raw_os_error(), Some(code) if code == loop_error || code == is_dir)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(tag: u8) -> Arc<Vec<u8>> {
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.push(tag);
        bytes.extend_from_slice(PNG_END);
        Arc::new(bytes)
    }

    fn key(name: &str) -> Key {
        crate::cache::Digest::new(name).key()
    }

    #[test]
    fn gives_back_what_was_put_and_keeps_only_what_a_build_used() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join(".site-out.flowsite-cache");
        let cache = ImageCache::at(&folder, true).expect("claimed");
        assert!(folder.join(MARKER_FILE).is_file(), "marked as flowsite's");
        cache.put(key("a"), png(1)).expect("put");
        cache.put(key("b"), png(2)).expect("put");
        assert_eq!(cache.get(key("a")).expect("get"), Some(png(1)));
        let next = ImageCache::at(&folder, true).expect("claimed again");
        assert_eq!(next.get(key("b")).expect("get"), Some(png(2)));
        next.forget_unused().expect("pruned");
        assert!(!cache.path(key("a")).exists(), "unused by the second build");
        assert!(cache.path(key("b")).exists());
        assert!(folder.join(MARKER_FILE).is_file());
    }

    #[test]
    fn a_file_that_is_not_a_whole_png_is_drawn_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = ImageCache::at(&dir.path().join("cache"), true).expect("claimed");
        let mut cut = png(1).to_vec();
        cut.truncate(cut.len() - 3);
        fs::write(cache.path(key("a")), cut).expect("write");
        assert_eq!(cache.get(key("a")).expect("get"), None);
    }

    #[test]
    fn a_link_in_the_cache_is_never_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = ImageCache::at(&dir.path().join("cache"), true).expect("claimed");
        let elsewhere = dir.path().join("elsewhere.png");
        fs::write(&elsewhere, png(9).as_slice()).expect("write");
        std::os::unix::fs::symlink(&elsewhere, cache.path(key("a"))).expect("symlink");
        assert_eq!(cache.get(key("a")).expect("get"), None);
        cache.put(key("a"), png(1)).expect("put");
        assert_eq!(
            fs::read(&elsewhere).expect("read"),
            png(9).to_vec(),
            "the link's target is untouched"
        );
        assert_eq!(cache.get(key("a")).expect("get"), Some(png(1)));
    }

    #[test]
    fn a_folder_flowsite_did_not_make_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("mine");
        fs::create_dir(&folder).expect("mkdir");
        fs::write(folder.join("notes.txt"), "keep").expect("write");
        let Err(Error::Invalid(problems)) = ImageCache::at(&folder, true) else {
            panic!("refused")
        };
        assert!(
            problems[0].to_string().contains("where flowsite keeps its image cache"),
            "{problems:?}"
        );
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("cache-target"), &link).expect("symlink");
        assert!(matches!(ImageCache::at(&link, true), Err(Error::Invalid(_))));
    }
}
