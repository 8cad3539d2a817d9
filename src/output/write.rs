//! Writing the site: the new tree beside the old one, then one atomic swap.
//!
//! flowsite keeps a spare copy of the site in a hidden folder next to the
//! output folder (`.site-out.flowsite-spare`, same file system, so renames
//! are atomic). A build brings the spare up to date with the new site —
//! files whose bytes are unchanged become hard links to the live site's
//! files (same inode, same modification time, so deploy tools see them as
//! untouched), changed files are written anew, stale ones removed — and then
//! exchanges the two folders with `renameat2(RENAME_EXCHANGE)`. The old site
//! becomes the spare for the next build, so a build does work in proportion
//! to what changed, and at every instant the output path holds either the
//! complete old site or the complete new one, even if the build is killed
//! or the disk fills up.

use super::SitePlan;
use crate::error::Error;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What writing the site did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose bytes were new or changed.
    pub written: usize,
    /// Files kept as they were.
    pub unchanged: usize,
    /// Files of the previous site that are no longer part of it.
    pub removed: usize,
}

/// The hidden folder beside `out` that holds the spare copy of the site.
pub fn spare_folder(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy().into_owned();
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(parent.join(format!(".{name}.flowsite-spare")))
}

/// Writes `plan` to `out`, replacing the previous site atomically.
pub fn write_site(plan: &SitePlan, out: &Path) -> Result<WriteReport, Error> {
    let spare = spare_folder(out).ok_or_else(|| {
        Error::io(
            "use as output folder",
            out,
            io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder name"),
        )
    })?;
    if let Some(parent) = spare.parent() {
        fs::create_dir_all(parent).map_err(|source| Error::io("create folder", parent, source))?;
    }
    // Two builds into the same folder at once would both rework the spare;
    // the second waits. The lock is released when the process ends, even by
    // kill -9, so it can never be left stale.
    let _lock = lock_output(&spare)?;
    let out_exists = is_folder(out)?;
    if !is_folder(&spare)? {
        fs::create_dir(&spare).map_err(|source| Error::io("create folder", &spare, source))?;
    }
    let result = update_spare(plan, out, out_exists, &spare).and_then(|report| {
        if out_exists {
            swap(&spare, out)?;
        } else {
            fs::rename(&spare, out).map_err(|source| Error::io("move the new site into", out, source))?;
        }
        Ok(report)
    });
    if result.is_err() {
        // A half-updated spare is of no use and may be holding the space a
        // full disk lacks; the next build starts it again.
        let _ = fs::remove_dir_all(&spare);
    }
    result
}

/// Holds an exclusive lock on the file beside the spare folder until dropped.
struct OutputLock {
    _file: fs::File,
}

fn lock_output(spare: &Path) -> Result<OutputLock, Error> {
    let mut name = spare.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let path = spare.with_file_name(name);
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| Error::io("open the lock file", &path, source))?;
    file.lock().map_err(|source| Error::io("lock", &path, source))?;
    Ok(OutputLock { _file: file })
}

fn is_folder(path: &Path) -> Result<bool, Error> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => Ok(true),
        Ok(_) => Err(Error::io(
            "use as output folder",
            path,
            io::Error::new(io::ErrorKind::AlreadyExists, "it exists and is not a folder"),
        )),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(Error::io("inspect", path, source)),
    }
}

/// Makes `spare` hold exactly the files of `plan`: unchanged files as hard
/// links to the live site's, changed ones written anew.
fn update_spare(plan: &SitePlan, out: &Path, out_exists: bool, spare: &Path) -> Result<WriteReport, Error> {
    let mut report = WriteReport::default();
    let (spare_files, spare_folders) = list_tree(spare)?;
    // Stale files first, so that a file can become a folder of the same name.
    for stale in spare_files.iter().filter(|path| !plan.files.contains_key(*path)) {
        let path = spare.join(stale);
        fs::remove_file(&path).map_err(|source| Error::io("remove", &path, source))?;
    }
    // Folders first, parents before children, so that the files can then
    // be written on every core without racing to create them.
    let needed: BTreeSet<String> = plan.files.keys().flat_map(|path| ancestors(path)).collect();
    for folder in needed.iter().filter(|folder| !spare_folders.contains(*folder)) {
        let path = spare.join(folder);
        fs::create_dir(&path).map_err(|source| Error::io("create folder", &path, source))?;
    }
    let entries: Vec<(&String, &Vec<u8>)> = plan.files.iter().collect();
    let written = crate::parallel::map_ordered(&entries, |&(relative, bytes)| -> Result<bool, Error> {
        let target = spare.join(relative);
        let live = out.join(relative);
        if out_exists && same_bytes(&live, bytes) {
            if !same_file(&live, &target) {
                replace_with_link(&live, &target)?;
            }
            return Ok(false);
        }
        if spare_files.contains(relative) {
            // Never write through an existing entry: it may be a hard link
            // to a file of the live site.
            fs::remove_file(&target).map_err(|source| Error::io("remove", &target, source))?;
        }
        fs::write(&target, bytes).map_err(|source| Error::io("write", &target, source))?;
        Ok(true)
    })?;
    report.written = written.iter().filter(|&&was_written| was_written).count();
    report.unchanged = written.len() - report.written;
    // Folders left empty by stale files, deepest first.
    for folder in spare_folders.iter().rev().filter(|folder| !needed.contains(*folder)) {
        let path = spare.join(folder);
        fs::remove_dir(&path).map_err(|source| Error::io("remove", &path, source))?;
    }
    if out_exists {
        let (live_files, _) = list_tree(out)?;
        report.removed = live_files.iter().filter(|path| !plan.files.contains_key(*path)).count();
    }
    Ok(report)
}

/// Every file and folder below `root`, as paths relative to it with `/`.
fn list_tree(root: &Path) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
    let mut files = BTreeSet::new();
    let mut folders = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(root).to_path_buf();
            Error::io(
                "list",
                &path,
                error
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("file system loop")),
            )
        })?;
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if entry.file_type().is_dir() {
            folders.insert(key);
        } else {
            files.insert(key);
        }
    }
    Ok((files, folders))
}

/// `a/b/c.html` -> `a`, `a/b`.
fn ancestors(path: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut end = 0;
    while let Some(slash) = path[end..].find('/') {
        end += slash;
        found.push(path[..end].to_string());
        end += 1;
    }
    found
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|existing| existing == bytes)
        }
        _ => false,
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Puts a hard link to `live` at `target`, replacing whatever is there; if
/// the file system cannot link, a copy does.
fn replace_with_link(live: &Path, target: &Path) -> Result<(), Error> {
    match fs::remove_file(target) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(Error::io("remove", target, source)),
    }
    if fs::hard_link(live, target).is_err() {
        fs::copy(live, target).map_err(|source| Error::io("copy", target, source))?;
    }
    Ok(())
}

fn swap(spare: &Path, out: &Path) -> Result<(), Error> {
    match exchange(spare, out) {
        Ok(()) => Ok(()),
        Err(_) => {
            // File systems without RENAME_EXCHANGE: two renames, with a window
            // of a few microseconds in which the output path is absent but the
            // old site is still whole beside it.
            let parked = spare.with_extension("old");
            let _ = fs::remove_dir_all(&parked);
            fs::rename(out, &parked).map_err(|source| Error::io("move the old site out of", out, source))?;
            if let Err(source) = fs::rename(spare, out) {
                let _ = fs::rename(&parked, out);
                return Err(Error::io("move the new site into", out, source));
            }
            fs::rename(&parked, spare).map_err(|source| Error::io("keep the old site as the spare", &parked, source))
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the
    // call; renameat2 does not retain them.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange on this system",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(files: &[(&str, &str)]) -> SitePlan {
        SitePlan {
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
        }
    }

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).expect("metadata").ino()
    }

    #[test]
    fn rewrites_only_changed_files_and_drops_stale_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        let first = write_site(
            &plan(&[("index.html", "a"), ("x/index.html", "b"), ("old/page.html", "c")]),
            &out,
        )
        .expect("first");
        assert_eq!(
            first,
            WriteReport {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );
        let home_inode = inode(&out.join("index.html"));
        let second = write_site(&plan(&[("index.html", "a"), ("x/index.html", "B")]), &out).expect("second");
        assert_eq!(
            second,
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(fs::read_to_string(out.join("x/index.html")).expect("read"), "B");
        assert!(!out.join("old").exists(), "stale files and their folders go");
        assert_eq!(
            inode(&out.join("index.html")),
            home_inode,
            "an unchanged file keeps its inode"
        );
        // Third build: the spare held the first site; it is brought up to date.
        let third = write_site(
            &plan(&[("index.html", "a"), ("x/index.html", "B"), ("new.html", "n")]),
            &out,
        )
        .expect("third");
        assert_eq!(
            third,
            WriteReport {
                written: 1,
                unchanged: 2,
                removed: 0
            }
        );
        assert_eq!(fs::read_to_string(out.join("x/index.html")).expect("read"), "B");
        assert_eq!(inode(&out.join("index.html")), home_inode);
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec![
                std::ffi::OsString::from(".site-out.flowsite-spare"),
                ".site-out.flowsite-spare.lock".into(),
                "site-out".into()
            ]
        );
    }

    #[test]
    fn writing_into_the_spare_never_changes_the_live_site() {
        // The spare's unchanged files are hard links to the live site: a
        // changed file must be replaced, not written through the link.
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        write_site(&plan(&[("a.html", "1")]), &out).expect("first");
        write_site(&plan(&[("a.html", "1")]), &out).expect("second, spare now links a.html");
        let before = fs::read_to_string(out.join("a.html")).expect("read");
        write_site(&plan(&[("a.html", "2")]), &out).expect("third");
        let spare = spare_folder(&out).expect("spare");
        assert_eq!(before, "1");
        assert_eq!(fs::read_to_string(out.join("a.html")).expect("read"), "2");
        assert_eq!(
            fs::read_to_string(spare.join("a.html")).expect("read"),
            "1",
            "the old site is kept whole"
        );
    }

    #[test]
    fn refuses_an_output_path_that_is_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        fs::write(&out, "not a folder").expect("write");
        assert!(write_site(&plan(&[("index.html", "a")]), &out).is_err());
        assert_eq!(fs::read_to_string(&out).expect("read"), "not a folder");
    }
}
