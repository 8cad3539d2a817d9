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
use std::sync::PoisonError;

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
    let spare = Spare::open(out)?;
    spare.put_all(&plan.files)?;
    spare.finish(record)
}

/// A new site being written into the spare copy, file by file, while the
/// live site stays as it is; [`Spare::finish`] puts it in place.
///
/// Files may be put in any order, from every core, as they are made, and
/// their bytes let go: a build writes each page as it is rendered and each
/// image as it is drawn, and never holds the whole site. The folders a file
/// needs are made when it is put; what the spare held that the new site
/// does not is removed when it finishes. Dropped unfinished (bad input
/// found, an error), the spare is removed and the live site was never
/// touched.
pub struct Spare {
    out: std::path::PathBuf,
    siblings: Siblings,
    out_exists: bool,
    /// What the last build recorded of the live site's bytes.
    known: KnownFiles,
    /// The files the spare held when it opened (some since replaced or
    /// removed; the rest are stale and go when it finishes).
    held: BTreeSet<String>,
    /// The folders the spare has now: those it held, then those made.
    folders: std::sync::Mutex<BTreeSet<String>>,
    /// Each file put so far: whether it was written (not linked), and the
    /// digest of its bytes. A path is entered here before its file is
    /// written, so that no two threads can put a file and a folder (or the
    /// same file twice) at one path.
    put: std::sync::Mutex<PutFiles>,
    /// How many bytes the files put so far hold.
    bytes: std::sync::atomic::AtomicU64,
    _lock: ownership::OutputLock,
    /// Set once `finish` has put the site in place: the spare then holds
    /// the old site, kept for the next build.
    finished: bool,
}

/// The files put into a spare: each path, whether its file was written (not
/// linked), and the digest of its bytes.
type PutFiles = BTreeMap<String, (bool, blake3::Hash)>;

impl Spare {
    /// Claims the spare of `out`: refuses an output, spare or record
    /// flowsite did not make, waits for another build into `out`, and
    /// lists what the spare holds.
    pub fn open(out: &Path) -> Result<Spare, Error> {
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
            folders: std::sync::Mutex::new(BTreeSet::new()),
            put: std::sync::Mutex::new(BTreeMap::new()),
            bytes: std::sync::atomic::AtomicU64::new(0),
            _lock: lock,
            finished: false,
        };
        // On an error from here on, dropping `spare` removes it.
        let (held, folders) = list_tree(&spare.siblings.spare)?;
        spare.held = held;
        spare.folders = std::sync::Mutex::new(folders);
        Ok(spare)
    }

    /// Puts the file at `relative` (a path inside the site, put once): a
    /// hard link to the live site's file if that holds the same bytes,
    /// else the bytes written anew.
    pub fn put(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        check_path(relative)?;
        let digest = blake3::hash(bytes);
        let live = self.out.join(relative);
        // The record tells most files apart without reading them; a file
        // it does not vouch for is compared byte for byte.
        let unchanged = self.out_exists
            && match self.known.holds(&self.out, relative, &digest) {
                Known::Same => true,
                Known::Different => false,
                Known::Unknown => same_bytes(&live, bytes),
            };
        self.claim(relative, (!unchanged, digest))?;
        self.make_room(relative)?;
        let target = self.siblings.spare.join(relative);
        if unchanged {
            if !same_file(&live, &target) {
                replace_with_link(&live, &target)?;
            }
        } else {
            if self.held.contains(relative) {
                // Never write through an existing entry: it may be a hard
                // link to a file of the live site.
                remove_if_there(&target)?;
            }
            write_new_file(&target, bytes)?;
        }
        self.bytes
            .fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// Enters `relative` among the files put, with whether it is written
    /// and its digest, refusing a path put before, or one that is a folder
    /// of a file put, or has one as its folder.
    fn claim(&self, relative: &str, entry: (bool, blake3::Hash)) -> Result<(), Error> {
        let mut put = self.lock_put();
        if put.contains_key(relative) {
            return Err(Error::Internal(format!("{relative} was written twice")));
        }
        let below = format!("{relative}/");
        let has_inside = put
            .range::<str, _>((std::ops::Bound::Excluded(relative), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|(path, _)| path.starts_with(&below));
        if has_inside || ancestors(relative).iter().any(|folder| put.contains_key(folder)) {
            return Err(Error::Internal(format!(
                "the site plan holds both {relative} and a file at one of its folders, or inside it"
            )));
        }
        put.insert(relative.to_string(), entry);
        Ok(())
    }

    /// Makes the folders the file at `relative` goes in, and clears its
    /// place of a folder the spare held there. A file the spare held where
    /// a folder now goes is stale: no file of the new site can be there,
    /// since `claim` refused it.
    fn make_room(&self, relative: &str) -> Result<(), Error> {
        let spare = &self.siblings.spare;
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        for folder in ancestors(relative) {
            if folders.contains(&folder) {
                continue;
            }
            let path = spare.join(&folder);
            if self.held.contains(&folder) {
                remove_if_there(&path)?;
            }
            create_folder(&path)?;
            folders.insert(folder);
        }
        if folders.contains(relative) {
            // Nothing below it was put (`claim`): all it holds is stale.
            let path = spare.join(relative);
            fs::remove_dir_all(&path).map_err(|source| Error::io("remove", &path, source))?;
            let below = format!("{relative}/");
            folders.retain(|folder| folder != relative && !folder.starts_with(&below));
        }
        Ok(())
    }

    // A thread that panicked while holding a lock takes the build down with
    // it (rayon resumes the panic), and the spare is dropped: what it left
    // in the lock is never put in place.
    fn lock_put(&self) -> std::sync::MutexGuard<'_, PutFiles> {
        self.put.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`Spare::put`] of every file, on every core; the first error in
    /// path order is the one returned.
    pub fn put_all(&self, files: &BTreeMap<String, crate::cache::Bytes>) -> Result<(), Error> {
        let entries: Vec<(&String, &crate::cache::Bytes)> = files.iter().collect();
        crate::parallel::map_ordered(&entries, |&(relative, bytes)| self.put(relative, bytes)).map(|_| ())
    }

    /// How many files were put so far.
    pub fn files(&self) -> usize {
        self.lock_put().len()
    }

    /// How many bytes the files put so far hold.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Once every file is put: removes what the spare held that the new
    /// site does not, writes the manifest, puts the new site in place of
    /// the old one in one swap, and records it (with `record`) beside it.
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
        let put = std::mem::take(&mut *self.lock_put());
        let folders = std::mem::take(&mut *self.folders.lock().unwrap_or_else(PoisonError::into_inner));
        let mut report = WriteReport::default();
        report.written = put.values().filter(|(written, _)| *written).count();
        report.unchanged = put.len() - report.written;
        let spare = &self.siblings.spare;
        // Stale files, then the folders they leave empty (deepest first: a
        // child sorts after its parent). A held file where a folder was
        // made, or inside a folder a file replaced, is gone already.
        let gone = |path: &String| {
            put.contains_key(path) || folders.contains(path) || ancestors(path).iter().any(|up| put.contains_key(up))
        };
        for stale in self.held.iter().filter(|path| !gone(path)) {
            remove_if_there(&spare.join(stale))?;
        }
        let needed: BTreeSet<String> = put.keys().flat_map(|path| ancestors(path)).collect();
        for folder in folders.iter().rev().filter(|folder| !needed.contains(*folder)) {
            let path = spare.join(folder);
            fs::remove_dir(&path).map_err(|source| Error::io("remove", &path, source))?;
        }
        // The manifest goes last: it lists exactly what this site holds, and
        // the spare's old one (the list of the site it held before) is
        // replaced.
        let manifest_path = spare.join(MANIFEST_FILE);
        remove_if_there(&manifest_path)?;
        write_new_file(&manifest_path, &ownership::manifest(put.keys()))?;
        if self.out_exists {
            let (live_files, _) = list_tree(&self.out)?;
            report.removed = live_files.iter().filter(|path| !put.contains_key(*path)).count();
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

/// Refuses a path that could leave the output folder or clash with the
/// marker or the manifest; such a path is a bug in an earlier stage, but
/// this is the last point before it would reach the disk.
fn check_path(path: &str) -> Result<(), Error> {
    let normal = !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if !normal || path == MARKER_FILE || path == MANIFEST_FILE {
        return Err(Error::Internal(format!("the site plan holds the path {path:?}")));
    }
    Ok(())
}

/// Removes the file at `path`, if there is one.
fn remove_if_there(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(Error::io("remove", path, source)),
    }
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
    remove_if_there(target)?;
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

    /// Every file below `root` with its text, and every folder.
    fn tree(root: &Path) -> (BTreeMap<String, String>, BTreeSet<String>) {
        let (files, folders) = list_tree(root).expect("list");
        let files = files
            .into_iter()
            .map(|path| {
                let text = fs::read_to_string(root.join(&path)).expect("read");
                (path, text)
            })
            .collect();
        (files, folders)
    }

    #[test]
    fn a_path_turns_from_file_to_folder_and_back_whatever_the_spare_held() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        let first: &[(&str, &str)] = &[
            ("a", "file a"),
            ("x/1.html", "1"),
            ("x/y/2.html", "2"),
            ("keep.html", "k"),
        ];
        let second: &[(&str, &str)] = &[("a/b.html", "inside a"), ("x", "file x"), ("keep.html", "k")];
        // Each site twice in turn, so that the spare holds the other site
        // (and then the same one) when each build opens it.
        for (round, files) in [first, second, first, second, second, first].iter().enumerate() {
            let report = write_site(&plan(files), &out).unwrap_or_else(|error| panic!("round {round}: {error}"));
            let (found, folders) = tree(&out);
            let expected: BTreeMap<String, String> = files
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect();
            assert_eq!(found, expected, "round {round}");
            let needed: BTreeSet<String> = files.iter().flat_map(|(path, _)| ancestors(path)).collect();
            assert_eq!(folders, needed, "round {round}: no folder left over");
            assert_eq!(report.written + report.unchanged, files.len(), "round {round}");
        }
    }

    #[test]
    fn files_put_as_they_come_are_checked_one_by_one_and_a_clash_drops_the_spare() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site-out");
        write_site(&plan(&[("index.html", "old")]), &out).expect("first");
        let before = tree(&out);
        let spare_path = Siblings::of(&out).expect("siblings").spare;
        for (first, second) in [("a", "a/b.html"), ("a/b.html", "a"), ("c.html", "c.html")] {
            let spare = Spare::open(&out).expect("open");
            spare.put("index.html", b"new").expect("put");
            spare.put(first, b"1").expect("first put");
            let error = spare.put(second, b"2").expect_err("the clash is refused");
            assert!(matches!(error, Error::Internal(_)), "{first} then {second}: {error}");
            drop(spare);
            assert!(!spare_path.exists(), "{first} then {second}: the spare is removed");
            assert_eq!(tree(&out), before, "{first} then {second}: the live site is as it was");
        }
        // From every core, in any order: the site is the same.
        let spare = Spare::open(&out).expect("open");
        let paths: Vec<String> = (0..200).map(|n| format!("p/{}/{n}.html", n % 7)).collect();
        crate::parallel::map_ordered(&paths, |path| spare.put(path, path.as_bytes())).expect("puts");
        assert_eq!(spare.files(), 200);
        spare.finish(None).expect("finish");
        let (found, _) = tree(&out);
        assert_eq!(found.len(), 200);
        assert!(found.iter().all(|(path, text)| path == text));
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
