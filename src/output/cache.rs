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
//! The same folder keeps the charts of the last build in one file,
//! `charts.pack` ([`ChartPack`]): thousands of charts of a few kilobytes
//! each are read and written faster as one file than as as many files.
//! Its entries are sorted by key, so the same charts make the same bytes.
//!
//! `FLOWSITE_CACHE_DIR` puts the cache elsewhere (a CI cache folder shared
//! between runs, or between several sites): such a cache is never pruned,
//! since other sites may be using what this one did not.

use super::ownership::{self, MARKER_FILE, Siblings};
use crate::cache::{Generations, Key, Store};
use crate::error::Error;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The environment variable that moves the cache (see the module comment).
pub const CACHE_DIR_VARIABLE: &str = "FLOWSITE_CACHE_DIR";

/// The chart pack's file name in the cache folder.
const CHART_PACK: &str = "charts.pack";
/// The first bytes of a chart pack; a new layout gets a new number.
const CHART_PACK_MAGIC: &[u8] = b"flowsite chart pack 1\n";

/// The cache folder of the output folder `out`, and whether it is pruned.
fn cache_folder(out: &Path) -> Result<(PathBuf, bool), Error> {
    Ok(match std::env::var_os(CACHE_DIR_VARIABLE) {
        Some(folder) if !folder.is_empty() => (PathBuf::from(folder), false),
        _ => (Siblings::of(out)?.cache, true),
    })
}

/// The name of the chart pack of `out` in its cache folder: `charts.pack`
/// in the output's own cache; in a shared one, a name of its own for each
/// output folder, so that two sites sharing a cache do not take turns
/// replacing each other's charts.
fn chart_pack_name(out: &Path, shared: bool) -> String {
    if !shared {
        return CHART_PACK.to_string();
    }
    let place = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let mut digest = crate::cache::Digest::new("chart pack");
    digest.add(place.as_os_str().as_encoded_bytes());
    format!("charts-{}.pack", digest.key().hex())
}

/// Whether `name` is a chart pack's.
fn is_chart_pack(name: &str) -> bool {
    name == CHART_PACK || (name.starts_with("charts-") && name.ends_with(".pack"))
}

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
        let (folder, prune) = cache_folder(out)?;
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
            if name == MARKER_FILE || is_chart_pack(&name) {
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
        let bytes = match read_whole(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            // A link or anything else that is not a readable file is not
            // a cached PNG: it is drawn again and replaced.
            Err(error) if is_not_a_file(&error) => return Ok(None),
            Err(source) => return Err(Error::io("read", &path, source)),
        };
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
        put_in_place(&temporary, &path, |file| file.write_all(&bytes))?;
        self.mark_used(key);
        Ok(())
    }
}

/// The charts of the last build of an output folder, read from its cache
/// folder's chart pack before the build draws, as a [`Store`]; after the
/// build, [`ChartPack::save`] keeps exactly the charts it used.
#[derive(Debug)]
pub struct ChartPack {
    charts: Generations,
    /// Its file name in the cache folder.
    name: String,
}

impl ChartPack {
    /// The chart pack of the output folder `out`; empty if there is none,
    /// if the folder is not flowsite's (the image cache, opened later,
    /// refuses it with a message), or if the file is damaged. Reading
    /// creates nothing: a build that stops at bad input leaves no cache.
    pub fn read(out: &Path) -> Result<ChartPack, Error> {
        let (folder, prune) = cache_folder(out)?;
        let name = chart_pack_name(out, !prune);
        let empty = || ChartPack {
            charts: Generations::new(),
            name: name.clone(),
        };
        if !matches!(
            ownership::judge(ownership::inspect(&folder)?),
            Ok(ownership::Verdict::Own)
        ) {
            return Ok(empty());
        }
        let path = folder.join(&name);
        let bytes = match read_whole(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound || is_not_a_file(&error) => {
                return Ok(empty());
            }
            Err(source) => return Err(Error::io("read", &path, source)),
        };
        Ok(ChartPack {
            charts: Generations::after(unpack(&bytes).unwrap_or_default()),
            name,
        })
    }

    /// Writes the charts this build used into `cache`'s folder, replacing
    /// the pack it was read from (not at all if they are the same charts).
    pub fn save(&self, cache: &ImageCache) -> Result<(), Error> {
        if self.charts.same_keys() {
            return Ok(());
        }
        let path = cache.folder.join(&self.name);
        let temporary = cache.folder.join(format!(".{}.{}.tmp", self.name, std::process::id()));
        put_in_place(&temporary, &path, |file| {
            let mut out = io::BufWriter::with_capacity(1 << 20, file);
            out.write_all(CHART_PACK_MAGIC)?;
            for (key, bytes) in self.charts.used() {
                out.write_all(&key.to_le_bytes())?;
                out.write_all(&(bytes.len() as u64).to_le_bytes())?;
                out.write_all(&bytes)?;
            }
            // Not synced: a pack cut short by a crash fails to unpack and
            // its charts are drawn again.
            out.flush()
        })
    }
}

/// The entries of a chart pack, if `bytes` are a whole one.
fn unpack(bytes: &[u8]) -> Option<BTreeMap<Key, Arc<Vec<u8>>>> {
    let mut rest = bytes.strip_prefix(CHART_PACK_MAGIC)?;
    let mut entries = BTreeMap::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_first_chunk::<16>()?;
        let (length, after) = after.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        if length > after.len() {
            return None;
        }
        let (value, after) = after.split_at(length);
        entries.insert(Key::from_le_bytes(*key), Arc::new(value.to_vec()));
        rest = after;
    }
    Some(entries)
}

impl Store for ChartPack {
    fn get(&self, key: Key) -> Result<Option<Arc<Vec<u8>>>, Error> {
        self.charts.get(key)
    }

    fn put(&self, key: Key, bytes: Arc<Vec<u8>>) -> Result<(), Error> {
        self.charts.put(key, bytes)
    }
}

/// The bytes of the file at `path`, never through a link, in a buffer of
/// the file's size: a chart pack is some hundred megabytes, which growing
/// by doubling would copy over and over, and a build keeps every PNG it
/// reads until the site is written, which doubling would leave with up to
/// twice its bytes.
fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = ownership::open_no_follow(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes a new file at `temporary` with `write`, then renames it to
/// `path`: a link or a folder planted under that name is replaced, never
/// written through, and a killed build never leaves half a file there.
/// The temporary file is removed if either step fails.
fn put_in_place(
    temporary: &Path,
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<(), Error> {
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)
        .and_then(|mut file| write(&mut file));
    if let Err(source) = written {
        let _ = fs::remove_file(temporary);
        return Err(Error::io("write", temporary, source));
    }
    if let Err(source) = fs::rename(temporary, path) {
        let _ = fs::remove_file(temporary);
        return Err(Error::io("move into place", path, source));
    }
    Ok(())
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
    fn the_chart_pack_holds_what_the_last_build_used_and_outlives_pruning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        let chart = |tag: u8| Arc::new(vec![tag; 3]);
        let first = ChartPack::read(&out).expect("read");
        assert_eq!(first.get(key("a")).expect("get"), None, "no pack yet");
        assert!(
            !dir.path().join(".site-out.flowsite-cache").exists(),
            "reading creates nothing"
        );
        first.put(key("a"), chart(1)).expect("put");
        first.put(key("b"), chart(2)).expect("put");
        let cache = ImageCache::at(&dir.path().join(".site-out.flowsite-cache"), true).expect("claimed");
        cache.forget_unused().expect("pruned");
        first.save(&cache).expect("saved");
        let second = ChartPack::read(&out).expect("read");
        assert_eq!(second.get(key("a")).expect("get"), Some(chart(1)));
        cache.forget_unused().expect("pruned");
        second.save(&cache).expect("saved");
        let third = ChartPack::read(&out).expect("read");
        assert_eq!(third.get(key("b")).expect("get"), None, "unused by the second build");
        assert_eq!(third.get(key("a")).expect("get"), Some(chart(1)));
        // A link planted as the pack is neither read nor written through.
        let pack = cache.folder().join(CHART_PACK);
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, b"keep").expect("write");
        fs::remove_file(&pack).expect("remove");
        std::os::unix::fs::symlink(&elsewhere, &pack).expect("symlink");
        let linked = ChartPack::read(&out).expect("read");
        assert_eq!(linked.get(key("a")).expect("get"), None);
        linked.put(key("c"), chart(3)).expect("put");
        linked.save(&cache).expect("saved");
        assert_eq!(fs::read(&elsewhere).expect("read"), b"keep");
        assert_eq!(
            ChartPack::read(&out).expect("read").get(key("c")).expect("get"),
            Some(chart(3))
        );
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
