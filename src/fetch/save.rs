//! Putting a checked release into `data/`, atomically.
//!
//! The file is written beside its final place (same folder, so the rename
//! is atomic), flushed to disk, made readable by everyone (0644) and then
//! renamed into place: a reader of `data/` sees the old file or the new
//! one, never half of one, even if the machine stops mid-way. A temporary
//! file left by a failure is removed; its hidden name keeps `load` away
//! from it in the meantime.

// The one place besides `load` and `output` that touches the project's
// files: it writes a release into `data/`, and nothing else anywhere.
#![allow(clippy::disallowed_methods)]

use crate::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// How the new file may treat one already at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (a single-file source: the newer release takes its place).
    Yes,
    /// Refuse (a folder of releases: each release keeps its own file).
    No,
}

/// Writes `bytes` to `path` atomically, readable by everyone.
pub fn save_release(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), Error> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder).map_err(|source| Error::io("create folder", folder, source))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".flowsite-fetch-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(|source| Error::io("create a temporary file in", folder, source))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|source| Error::io("write", temporary.path(), source))?;
    publish_mode(temporary.as_file())
        .map_err(|source| Error::io("set the permissions of", temporary.path(), source))?;
    let placed = match replace {
        Replace::Yes => temporary.persist(path),
        Replace::No => temporary.persist_noclobber(path),
    };
    placed.map_err(|error| Error::io("move the new release into", path, error.error))?;
    // The rename is durable only once the folder itself is on disk.
    sync_folder(folder).map_err(|source| Error::io("flush", folder, source))
}

#[cfg(unix)]
fn publish_mode(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // On the open file, so the umask does not apply.
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn publish_mode(_: &fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_or_refuses_to_replace_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let temp = tempfile::tempdir().expect("temp dir");
        let path = temp.path().join("data/week.csv");
        save_release(&path, b"one", Replace::Yes).expect("first");
        save_release(&path, b"two", Replace::Yes).expect("replaced");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert!(
            save_release(&path, b"three", Replace::No).is_err(),
            "a release's file is never replaced"
        );
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        let names: Vec<_> = fs::read_dir(temp.path().join("data"))
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("week.csv")]);
    }
}
