//! Writing the site: a complete new tree beside the old one, then one
//! atomic swap.
//!
//! The new tree is built in a staging folder next to the output folder
//! (same file system, so renames are atomic). Files whose bytes are
//! unchanged are hard-linked from the current site instead of rewritten, so
//! a one-week update writes only what changed. Then the two folders are
//! exchanged with `renameat2(RENAME_EXCHANGE)`: at every instant the output
//! path holds either the complete old site or the complete new one, even if
//! the build is killed or the disk fills up.

use super::SitePlan;
use crate::error::Error;
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

/// Writes `plan` to `out`, replacing the previous site atomically.
pub fn write_site(plan: &SitePlan, out: &Path) -> Result<WriteReport, Error> {
    let name = out.file_name().ok_or_else(|| {
        Error::io(
            "use as output folder",
            out,
            io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder name"),
        )
    })?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|source| Error::io("create folder", &parent, source))?;
    let out_exists = match fs::symlink_metadata(out) {
        Ok(metadata) if metadata.is_dir() => true,
        Ok(_) => {
            return Err(Error::io(
                "use as output folder",
                out,
                io::Error::new(io::ErrorKind::AlreadyExists, "it exists and is not a folder"),
            ));
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(source) => return Err(Error::io("inspect", out, source)),
    };

    let staging = parent.join(format!(".{}.flowsite-staging", name.to_string_lossy()));
    remove_if_present(&staging)?;
    let result = fill_staging(plan, out, out_exists, &staging).and_then(|mut report| {
        if out_exists {
            report.removed = count_stale(plan, out)?;
        }
        swap_into_place(&staging, out, out_exists)?;
        Ok(report)
    });
    // Whatever happened, the staging folder now holds either the old site or
    // a partial new one: neither is wanted.
    let cleanup = remove_if_present(&staging);
    let report = result?;
    cleanup?;
    Ok(report)
}

fn fill_staging(plan: &SitePlan, out: &Path, out_exists: bool, staging: &Path) -> Result<WriteReport, Error> {
    fs::create_dir(staging).map_err(|source| Error::io("create folder", staging, source))?;
    let mut report = WriteReport::default();
    let mut made_folders = std::collections::BTreeSet::new();
    for (relative, bytes) in &plan.files {
        let target = staging.join(relative);
        if let Some(folder) = target.parent()
            && made_folders.insert(folder.to_path_buf())
        {
            fs::create_dir_all(folder).map_err(|source| Error::io("create folder", folder, source))?;
        }
        let current = out.join(relative);
        if out_exists && same_bytes(&current, bytes) && fs::hard_link(&current, &target).is_ok() {
            report.unchanged += 1;
            continue;
        }
        fs::write(&target, bytes).map_err(|source| Error::io("write", &target, source))?;
        report.written += 1;
    }
    Ok(report)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|existing| existing == bytes)
        }
        _ => false,
    }
}

/// Files of the current site that the new one no longer has.
fn count_stale(plan: &SitePlan, out: &Path) -> Result<usize, Error> {
    let mut stale = 0;
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(out).to_path_buf();
            Error::io(
                "list",
                &path,
                error
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("file system loop")),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if !plan.files.contains_key(&key) {
            stale += 1;
        }
    }
    Ok(stale)
}

fn swap_into_place(staging: &Path, out: &Path, out_exists: bool) -> Result<(), Error> {
    if !out_exists {
        return fs::rename(staging, out).map_err(|source| Error::io("move the new site into", out, source));
    }
    match exchange(staging, out) {
        Ok(()) => Ok(()),
        Err(_) => {
            // File systems without RENAME_EXCHANGE: two renames, with a window
            // of a few microseconds in which the output path is absent but the
            // old site is still whole beside it.
            let parked = staging.with_extension("old");
            remove_if_present(&parked)?;
            fs::rename(out, &parked).map_err(|source| Error::io("move the old site out of", out, source))?;
            if let Err(source) = fs::rename(staging, out) {
                let _ = fs::rename(&parked, out);
                return Err(Error::io("move the new site into", out, source));
            }
            fs::rename(&parked, staging).map_err(|source| Error::io("clean up", &parked, source))
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

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(Error::io("remove", path, source)),
    }
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

    #[test]
    fn rewrites_only_changed_files_and_drops_stale_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        let first = write_site(
            &plan(&[("index.html", "a"), ("x/index.html", "b"), ("old.html", "c")]),
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
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site-out")]);
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
