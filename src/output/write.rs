//! Writing the site: the new tree beside the old one, then one atomic swap.
//!
//! flowsite keeps a spare copy of the site in a hidden folder next to the
//! output folder (`.site-out.flowsite-spare`, same file system, so renames
//! are atomic). A build brings the spare up to date with the new site —
//! files whose bytes are unchanged become hard links to the live site's
//! files (same inode, same modification time, so deploy tools see them as
//! untouched), changed files are written anew, stale ones removed — and then
//! exchanges the two folders (see `swap`). The old site becomes the spare for
//! the next build, so a build does work in proportion to what changed, and
//! at every instant the output path holds either the complete old site or
//! the complete new one, even if the build is killed or the disk fills up.
//!
//! Nothing here decides whether a folder may be used: `ownership` checks the
//! output, the spare and the lock first, and this module writes only inside
//! a spare it has claimed. Files are published as 0644 and folders as 0755
//! whatever the umask or the mode of the file they came from.

use super::SitePlan;
use super::ownership::{self, FileFound, MANIFEST_FILE, MARKER_FILE, Role, Siblings};
use super::record::{self, BuildRecord, Known, KnownFiles};
use super::swap;
use crate::error::Error;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::Path;

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

/// Writes `plan` to `out`, replacing the previous site atomically. `out`
/// must be absent, empty or a site flowsite wrote; anything else is refused
/// with exit code 1 and left as it is. No build record is kept, so the next
/// build runs in full.
pub fn write_site(plan: &SitePlan, out: &Path) -> Result<WriteReport, Error> {
    write_recorded_site(plan, out, None)
}

/// [`write_site`], then `record` of the site as written, beside it, so that
/// the next build over the same inputs can stop after loading.
pub fn write_recorded_site(plan: &SitePlan, out: &Path, record: Option<&BuildRecord>) -> Result<WriteReport, Error> {
    let spare = Spare::open(out, plan.files.keys().cloned().collect())?;
    spare.put_all(&plan.files)?;
    spare.finish(record)
}

/// A new site being written into the spare copy, file by file, while the
/// live site stays as it is; [`Spare::finish`] puts it in place.
///
/// The site's paths are known when it opens: what the spare holds that the
/// new site does not is removed then, and every folder made. Files may
/// then be put in any order, from every core, and their bytes let go: a
/// build writes its pages, then each image as it is drawn, and never holds
/// the whole site. Dropped unfinished (bad input found, an error), the
/// spare is removed and the live site was never touched.
pub struct Spare {
    out: std::path::PathBuf,
    siblings: Siblings,
    out_exists: bool,
    /// What the last build recorded of the live site's bytes.
    known: KnownFiles,
    /// The files the spare held when it opened (still there unless stale).
    held: BTreeSet<String>,
    /// Every file the new site has.
    paths: BTreeSet<String>,
    /// Each file put so far: whether it was written (not linked), and the
    /// digest of its bytes.
    put: std::sync::Mutex<BTreeMap<String, (bool, blake3::Hash)>>,
    /// How many bytes the files put so far hold.
    bytes: std::sync::atomic::AtomicU64,
    _lock: ownership::OutputLock,
    /// Set once `finish` has put the site in place: the spare then holds
    /// the old site, kept for the next build.
    finished: bool,
}

impl Spare {
    /// Claims the spare of `out` for a site of the files `paths`: refuses an
    /// output, spare or record flowsite did not make, waits for another
    /// build into `out`, then removes what the spare holds that the new site
    /// does not and makes every folder the new site needs.
    pub fn open(out: &Path, paths: BTreeSet<String>) -> Result<Spare, Error> {
        check_plan_paths(&paths)?;
        let siblings = Siblings::of(out)?;
        if let FileFound::Refused(refusal) = ownership::inspect_file(&siblings.record)? {
            return Err(Error::Invalid(vec![refusal.problem(&siblings.record, Role::Record)]));
        }
        // A folder that is not flowsite's is refused before anything (even the
        // lock file) is created beside it.
        ownership::claim_output(out)?;
        if let Some(parent) = siblings.spare.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::io("create folder", parent, source))?;
        }
        // Two builds into the same folder at once would both rework the spare;
        // the second waits.
        let lock = ownership::lock(&siblings.lock)?;
        // Checked again under the lock: another build may have put its site in
        // place while this one waited.
        let out_exists = ownership::claim_output(out)?;
        if out_exists {
            ownership::refuse_foreign_files(out)?;
        }
        ownership::claim_spare(&siblings.spare)?;
        // What the last build recorded of the live site's bytes; read before
        // `finish` forgets the old record.
        let known = if out_exists {
            record::known_files(&siblings.record)
        } else {
            KnownFiles::default()
        };
        let mut spare = Spare {
            out: out.to_path_buf(),
            siblings,
            out_exists,
            known,
            held: BTreeSet::new(),
            paths,
            put: std::sync::Mutex::new(BTreeMap::new()),
            bytes: std::sync::atomic::AtomicU64::new(0),
            _lock: lock,
            finished: false,
        };
        // On an error from here on, dropping `spare` removes it.
        spare.held = spare.prepare()?;
        Ok(spare)
    }

    /// Removes what the spare holds that the new site does not, files then
    /// the folders they leave empty (deepest first: a child sorts after its
    /// parent), so that a path can change from file to folder or back
    /// between builds; then makes the new site's folders, parents before
    /// children, so that files can be put on every core without racing to
    /// create them. Returns the files the spare still holds.
    fn prepare(&self) -> Result<BTreeSet<String>, Error> {
        let spare = &self.siblings.spare;
        let (spare_files, spare_folders) = list_tree(spare)?;
        for stale in spare_files.iter().filter(|path| !self.paths.contains(*path)) {
            let path = spare.join(stale);
            fs::remove_file(&path).map_err(|source| Error::io("remove", &path, source))?;
        }
        let needed: BTreeSet<String> = self.paths.iter().flat_map(|path| ancestors(path)).collect();
        for folder in spare_folders.iter().rev().filter(|folder| !needed.contains(*folder)) {
            let path = spare.join(folder);
            fs::remove_dir(&path).map_err(|source| Error::io("remove", &path, source))?;
        }
        for folder in needed.iter().filter(|folder| !spare_folders.contains(*folder)) {
            create_folder(&spare.join(folder))?;
        }
        Ok(spare_files
            .into_iter()
            .filter(|path| self.paths.contains(path))
            .collect())
    }

    /// Puts the file at `relative` (one of the site's paths, put once): a
    /// hard link to the live site's file if that holds the same bytes,
    /// else the bytes written anew.
    pub fn put(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        if !self.paths.contains(relative) {
            return Err(Error::Internal(format!(
                "{relative} was written but is not one of the site's files"
            )));
        }
        let target = self.siblings.spare.join(relative);
        let live = self.out.join(relative);
        let digest = blake3::hash(bytes);
        // The record tells most files apart without reading them; a file
        // it does not vouch for is compared byte for byte.
        let unchanged = self.out_exists
            && match self.known.holds(&self.out, relative, &digest) {
                Known::Same => true,
                Known::Different => false,
                Known::Unknown => same_bytes(&live, bytes),
            };
        if unchanged {
            if !same_file(&live, &target) {
                replace_with_link(&live, &target)?;
            }
        } else {
            if self.held.contains(relative) {
                // Never write through an existing entry: it may be a hard
                // link to a file of the live site.
                fs::remove_file(&target).map_err(|source| Error::io("remove", &target, source))?;
            }
            write_new_file(&target, bytes)?;
        }
        self.bytes
            .fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
        let mut put = self
            .put
            .lock()
            .map_err(|_| Error::Internal("a writing thread panicked".to_string()))?;
        if put.insert(relative.to_string(), (!unchanged, digest)).is_some() {
            return Err(Error::Internal(format!("{relative} was written twice")));
        }
        Ok(())
    }

    /// [`Spare::put`] of every file, on every core; the first error in
    /// path order is the one returned.
    pub fn put_all(&self, files: &BTreeMap<String, crate::cache::Bytes>) -> Result<(), Error> {
        let entries: Vec<(&String, &crate::cache::Bytes)> = files.iter().collect();
        crate::parallel::map_ordered(&entries, |&(relative, bytes)| self.put(relative, bytes)).map(|_| ())
    }

    /// How many bytes the files put so far hold.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Once every file is put: writes the manifest, puts the new site in
    /// place of the old one in one swap, and records it (with `record`)
    /// beside it. A file of the site not put is a bug, and nothing moves.
    pub fn finish(mut self, record: Option<&BuildRecord>) -> Result<WriteReport, Error> {
        let result = self.complete();
        if let (Ok((_, digests)), Some(record)) = (&result, record) {
            record::write(&self.siblings.record, &self.out, digests, self.bytes(), record);
        }
        // Failed, the spare is removed when `self` drops.
        self.finished = result.is_ok();
        result.map(|(report, _)| report)
    }

    fn complete(&self) -> Result<(WriteReport, BTreeMap<String, blake3::Hash>), Error> {
        let put = std::mem::take(
            &mut *self
                .put
                .lock()
                .map_err(|_| Error::Internal("a writing thread panicked".to_string()))?,
        );
        if let Some(missing) = self.paths.iter().find(|path| !put.contains_key(*path)) {
            return Err(Error::Internal(format!(
                "{missing} is one of the site's files but was never written"
            )));
        }
        let mut report = WriteReport::default();
        report.written = put.values().filter(|(written, _)| *written).count();
        report.unchanged = put.len() - report.written;
        let spare = &self.siblings.spare;
        // The manifest goes last: it lists exactly what this site holds, and
        // the spare's old one (the list of the site it held before) is
        // replaced.
        let manifest_path = spare.join(MANIFEST_FILE);
        match fs::remove_file(&manifest_path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::io("remove", &manifest_path, source)),
        }
        write_new_file(&manifest_path, &ownership::manifest(self.paths.iter()))?;
        if self.out_exists {
            let (live_files, _) = list_tree(&self.out)?;
            report.removed = live_files.iter().filter(|path| !self.paths.contains(*path)).count();
        }
        // The old record goes before the swap: killed between the swap and
        // the new record, a build leaves none, never one of another site.
        record::forget(&self.siblings.record)?;
        if self.out_exists {
            swap::swap(spare, &self.out, &self.siblings.parked)?;
        } else {
            fs::rename(spare, &self.out).map_err(|source| Error::io("move the new site into", &self.out, source))?;
        }
        Ok((
            report,
            put.into_iter().map(|(path, (_, digest))| (path, digest)).collect(),
        ))
    }
}

impl Drop for Spare {
    fn drop(&mut self) {
        if !self.finished {
            // Bad input found or an error while the site was being written
            // or swapped: a half-updated spare is of no use and may be
            // holding the space a full disk lacks, and the next build starts
            // it again. It was claimed when opened, so it is flowsite's to
            // remove; the live site was never touched.
            let _ = fs::remove_dir_all(&self.siblings.spare);
        }
    }
}

/// Refuses a plan whose paths could leave the output folder or clash with
/// the marker or with each other; such a plan is a bug in an earlier stage,
/// but this is the last point before it would reach the disk.
fn check_plan_paths(paths: &BTreeSet<String>) -> Result<(), Error> {
    for path in paths {
        let normal = !path.is_empty()
            && path
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
        if !normal || path == MARKER_FILE || path == MANIFEST_FILE {
            return Err(Error::Internal(format!("the site plan holds the path {path:?}")));
        }
        if ancestors(path).iter().any(|folder| paths.contains(folder)) {
            return Err(Error::Internal(format!(
                "the site plan holds both {path} and a file at one of its folders"
            )));
        }
    }
    Ok(())
}

/// Every file and folder below `root` but its marker and manifest, as paths
/// relative to it with `/`; links are listed as files and never followed.
pub(super) fn list_tree(root: &Path) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
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
        if entry.depth() == 1 && (entry.file_name() == MARKER_FILE || entry.file_name() == MANIFEST_FILE) {
            continue;
        }
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

/// Whether the live site has exactly `bytes` at `path`, in a plain file
/// (a link someone put in the site is never linked into the new one).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_file() && metadata.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|existing| existing == bytes)
        }
        _ => false,
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
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

/// Creates the folder `path` (its parent exists), readable by everyone.
pub(super) fn create_folder(path: &Path) -> Result<(), Error> {
    fs::create_dir(path).map_err(|source| Error::io("create folder", path, source))?;
    publish_mode(path, 0o755).map_err(|source| Error::io("set the permissions of", path, source))
}

/// Writes `bytes` to a new file at `path`, readable by everyone. Never
/// opens an existing file (it may be a hard link to the live site) and
/// never follows a link.
pub(super) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| Error::io("write", path, source))?;
    // Set on the open file: a static file is published 0644 whatever mode
    // its source had, and whatever the umask would make of it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o644))
            .map_err(|source| Error::io("set the permissions of", path, source))?;
    }
    file.write_all(bytes).map_err(|source| Error::io("write", path, source))
}

#[cfg(unix)]
fn publish_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn publish_mode(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ownership::MARKER;

    fn plan(files: &[(&str, &str)]) -> SitePlan {
        SitePlan {
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), std::sync::Arc::new(b.as_bytes().to_vec())))
                .collect(),
        }
    }

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).expect("metadata").ino()
    }

    #[test]
    fn the_record_vouches_for_files_as_written_and_an_edit_since_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        let record = BuildRecord {
            fingerprint: record::Fingerprint::of(
                &crate::load::InputDigest([1; 32]),
                &crate::Options { drafts: false },
                &record::BuildId::other("test"),
            ),
            warnings: Vec::new(),
        };
        let files = [
            ("index.html", "home"),
            ("a/index.html", "page a"),
            ("b/index.html", "page b"),
        ];
        write_recorded_site(&plan(&files), &out, Some(&record)).expect("first");
        let record_path = Siblings::of(&out).expect("siblings").record;
        let known = record::known_files(&record_path);
        for (path, bytes) in files {
            assert_eq!(
                known.holds(&out, path, &blake3::hash(bytes.as_bytes())),
                Known::Same,
                "{path}"
            );
        }
        assert_eq!(
            known.holds(&out, "a/index.html", &blake3::hash(b"page c")),
            Known::Different
        );
        assert_eq!(
            known.holds(&out, "c/index.html", &blake3::hash(b"page c")),
            Known::Unknown
        );
        // Edited in place to other bytes of the same size: the record no
        // longer vouches for it, so the next build reads it, sees the
        // difference and writes the rendered bytes back.
        fs::write(out.join("a/index.html"), "page A").expect("edit");
        assert_eq!(
            known.holds(&out, "a/index.html", &blake3::hash(b"page a")),
            Known::Unknown
        );
        let second = write_recorded_site(&plan(&files), &out, Some(&record)).expect("second");
        assert_eq!((second.written, second.unchanged), (1, 2));
        assert_eq!(fs::read_to_string(out.join("a/index.html")).expect("read"), "page a");
        // A record of another format vouches for nothing.
        fs::write(&record_path, "flowsite build record 1\n").expect("old record");
        let known = record::known_files(&record_path);
        assert_eq!(known.holds(&out, "index.html", &blake3::hash(b"home")), Known::Unknown);
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
            ],
            "a site written without a record gets none"
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
        let spare = Siblings::of(&out).expect("siblings").spare;
        assert_eq!(before, "1");
        assert_eq!(fs::read_to_string(out.join("a.html")).expect("read"), "2");
        assert_eq!(
            fs::read_to_string(spare.join("a.html")).expect("read"),
            "1",
            "the old site is kept whole"
        );
    }

    #[test]
    fn a_plan_path_that_would_leave_the_output_folder_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        for bad in ["../escaped.html", "/etc/x", "a//b", "./a", MARKER_FILE, ""] {
            let error = write_site(&plan(&[(bad, "x")]), &out).expect_err(bad);
            assert!(matches!(error, Error::Internal(_)), "{bad}: {error}");
        }
        let error = write_site(&plan(&[("a", "file"), ("a/b", "inside it")]), &out).expect_err("clash");
        assert!(matches!(error, Error::Internal(_)), "{error}");
        assert!(!dir.path().join("escaped.html").exists());
        assert!(!out.exists(), "nothing was written");
    }

    #[test]
    fn the_marker_is_kept_and_never_counted_as_a_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        write_site(&plan(&[("index.html", "a")]), &out).expect("first");
        let second = write_site(&plan(&[("index.html", "a")]), &out).expect("second");
        assert_eq!(
            second,
            WriteReport {
                written: 0,
                unchanged: 1,
                removed: 0
            }
        );
        let spare = Siblings::of(&out).expect("siblings").spare;
        for folder in [&out, &spare] {
            assert_eq!(fs::read(folder.join(MARKER_FILE)).expect("marker"), MARKER);
        }
    }

    #[test]
    fn files_and_folders_are_published_readable_by_everyone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        write_site(&plan(&[("a/b/page.html", "x")]), &out).expect("write");
        let mode = |path: &Path| fs::metadata(path).expect("metadata").permissions().mode() & 0o7777;
        assert_eq!(mode(&out), 0o755);
        assert_eq!(mode(&out.join("a/b")), 0o755);
        assert_eq!(mode(&out.join("a/b/page.html")), 0o644);
    }

    #[test]
    fn refuses_an_output_path_that_is_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        fs::write(&out, "not a folder").expect("write");
        let error = write_site(&plan(&[("index.html", "a")]), &out).expect_err("refused");
        assert_eq!(error.exit_code(), 1, "a wrong output path is bad input: {error}");
        assert_eq!(fs::read_to_string(&out).expect("read"), "not a folder");
    }
}
