//! Stage 6, output: putting the new site in place of the old one.
//!
//! On Linux the spare and the output folder are exchanged with one
//! `renameat2(RENAME_EXCHANGE)`: at every instant the output path holds a
//! whole site, and the old site becomes the spare. Where the file system or
//! the system cannot exchange, two renames do it through a parked folder
//! (`.NAME.flowsite-old`), which is used only once `ownership` has said it
//! is flowsite's or free; a folder of any other name is never touched.

use super::ownership;
use crate::error::Error;
use std::fs;
use std::io;
use std::path::Path;

/// Exchanges the folders `spare` (the new site) and `out` (the old one).
pub fn swap(spare: &Path, out: &Path, parked: &Path) -> Result<(), Error> {
    match exchange(spare, out) {
        Ok(()) => Ok(()),
        Err(Exchange::Unsupported) => swap_by_renames(spare, out, parked),
        Err(Exchange::Failed(source)) => Err(Error::io("exchange the new site with the old one in", out, source)),
    }
}

/// Why the atomic exchange did not happen.
#[derive(Debug)]
enum Exchange {
    /// This file system or system cannot exchange two folders.
    Unsupported,
    /// It can, but this exchange failed (permissions, a read-only disk).
    Failed(io::Error),
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), Exchange> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // EINVAL is what a file system without the flag answers, ENOSYS a
        // kernel older than 3.15.
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Err(Exchange::Unsupported),
        Err(errno) => Err(Exchange::Failed(errno.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<(), Exchange> {
    Err(Exchange::Unsupported)
}

/// The exchange as two renames, with a window of a few microseconds in
/// which the output path is absent but the old site is whole beside it.
fn swap_by_renames(spare: &Path, out: &Path, parked: &Path) -> Result<(), Error> {
    ownership::clear_parked(parked)?;
    fs::rename(out, parked).map_err(|source| Error::io("move the old site out of", out, source))?;
    if let Err(source) = fs::rename(spare, out) {
        return match fs::rename(parked, out) {
            Ok(()) => Err(Error::io("move the new site into", out, source)),
            Err(_) => Err(Error::io("move the previous site back from", parked, source)),
        };
    }
    // The new site is in place, so the build has succeeded. If the old site
    // cannot become the spare it stays parked, marked as flowsite's: the
    // next build starts a new spare and removes the parked copy.
    let _ = fs::rename(parked, spare);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ownership::{MARKER, MARKER_FILE};

    fn site(path: &Path, page: &str) {
        fs::create_dir(path).expect("mkdir");
        fs::write(path.join(MARKER_FILE), MARKER).expect("marker");
        fs::write(path.join("index.html"), page).expect("page");
    }

    #[test]
    fn swapping_by_renames_never_touches_a_users_folder_of_a_similar_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (spare, out, parked) = (
            dir.path().join(".site.flowsite-spare"),
            dir.path().join("site"),
            dir.path().join(".site.flowsite-old"),
        );
        site(&spare, "new");
        site(&out, "old");
        // The name an earlier fallback used: a user's own folder.
        let users = dir.path().join(".site.old");
        fs::create_dir(&users).expect("mkdir");
        fs::write(users.join("keep.txt"), "mine").expect("write");
        swap_by_renames(&spare, &out, &parked).expect("swap");
        assert_eq!(fs::read_to_string(out.join("index.html")).expect("read"), "new");
        assert_eq!(fs::read_to_string(spare.join("index.html")).expect("read"), "old");
        assert!(!parked.exists(), "the parked copy became the spare");
        assert_eq!(fs::read_to_string(users.join("keep.txt")).expect("read"), "mine");
    }

    #[test]
    fn a_parked_folder_flowsite_did_not_write_is_refused_and_nothing_moves() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (spare, out, parked) = (
            dir.path().join(".site.flowsite-spare"),
            dir.path().join("site"),
            dir.path().join(".site.flowsite-old"),
        );
        site(&spare, "new");
        site(&out, "old");
        fs::create_dir(&parked).expect("mkdir");
        fs::write(parked.join("keep.txt"), "mine").expect("write");
        let error = swap_by_renames(&spare, &out, &parked).expect_err("refused");
        assert_eq!(error.exit_code(), 1);
        assert!(
            error_text(&error).contains("holds files flowsite did not write"),
            "{}",
            error_text(&error)
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).expect("read"), "old");
        assert_eq!(fs::read_to_string(spare.join("index.html")).expect("read"), "new");
        assert_eq!(fs::read_to_string(parked.join("keep.txt")).expect("read"), "mine");
    }

    #[test]
    fn a_parked_copy_left_by_an_interrupted_swap_is_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (spare, out, parked) = (
            dir.path().join(".site.flowsite-spare"),
            dir.path().join("site"),
            dir.path().join(".site.flowsite-old"),
        );
        site(&spare, "new");
        site(&out, "old");
        site(&parked, "older");
        swap_by_renames(&spare, &out, &parked).expect("swap");
        assert_eq!(fs::read_to_string(out.join("index.html")).expect("read"), "new");
        assert_eq!(fs::read_to_string(spare.join("index.html")).expect("read"), "old");
    }

    #[test]
    fn the_atomic_exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        site(&a, "a");
        site(&b, "b");
        exchange(&a, &b).expect("this file system exchanges");
        assert_eq!(fs::read_to_string(a.join("index.html")).expect("read"), "b");
        assert_eq!(fs::read_to_string(b.join("index.html")).expect("read"), "a");
    }

    fn error_text(error: &Error) -> String {
        match error {
            Error::Invalid(problems) => problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
            other => other.to_string(),
        }
    }
}
