//! Stage 6, output: which folders flowsite may write into, replace or remove.
//!
//! A build replaces its output folder whole and keeps four things beside
//! it: a spare copy of the site, a lock file, the record of the last build
//! and, where the file system cannot exchange two folders atomically, a
//! parked copy for the moment of the swap. This module decides whether each of them is flowsite's own
//! before anything is written, moved or removed; `write` and `swap` do the
//! work only after it said yes.
//!
//! A folder is flowsite's own when it holds the marker file [`MARKER_FILE`]
//! with exactly [`MARKER`] in it, is owned by the user running the build and
//! is not a symbolic link. An empty folder of that user may be adopted.
//! Anything else is refused as bad input (exit 1) and left as it is: a
//! user's folder is never moved or deleted on a guess, and in a folder other
//! users can write to, a spare or lock someone else made is never used.
//!
//! The decisions are pure functions over what was found on disk
//! ([`Found`]), so that every case, including another user's folder, can be
//! tested without the privileges to create one.

use crate::error::{Error, Location, Problem};
use crate::load;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The file that makes a folder flowsite's own (inside the output folder,
/// the spare and the parked copy). It is part of the published site.
pub const MARKER_FILE: &str = ".flowsite-site";

/// The exact content of [`MARKER_FILE`]; a file of that name with anything
/// else in it does not make a folder flowsite's.
pub const MARKER: &[u8] = b"flowsite site folder\n\
This folder was written by flowsite and is replaced whole by every build.\n\
A build refuses to replace it while it holds files flowsite did not write.\n";

/// The list of the files flowsite wrote into a site folder, one path a
/// line, so that a file someone else put there is recognised as theirs and
/// never removed by a build.
pub const MANIFEST_FILE: &str = ".flowsite-files";

/// How many files a refusal names one by one before it counts the rest.
const FOREIGN_FILES_LISTED: usize = 20;

/// The paths flowsite keeps beside an output folder, in the same parent so
/// that renames between them are atomic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Siblings {
    /// `.NAME.flowsite-spare`: the copy of the site the next build updates.
    pub spare: PathBuf,
    /// `.NAME.flowsite-spare.lock`: held while a build uses the spare.
    pub lock: PathBuf,
    /// `.NAME.flowsite-build`: the record of the last build (see
    /// `record`), which lets an unchanged build stop after loading.
    pub record: PathBuf,
    /// `.NAME.flowsite-old`: where the old site waits for a moment when the
    /// file system cannot exchange two folders.
    pub parked: PathBuf,
    /// `.NAME.flowsite-cache`: the PNGs drawn for this output, by content
    /// digest, so that the next build draws only what changed.
    pub cache: PathBuf,
}

impl Siblings {
    /// The siblings of the output folder `out`.
    pub fn of(out: &Path) -> Result<Self, Error> {
        let Some(name) = out.file_name() else {
            return Err(Error::io(
                "use as output folder",
                out,
                io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder name"),
            ));
        };
        let name = name.to_string_lossy();
        let parent = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Siblings {
            spare: parent.join(format!(".{name}.flowsite-spare")),
            lock: parent.join(format!(".{name}.flowsite-spare.lock")),
            record: parent.join(format!(".{name}.flowsite-build")),
            parked: parent.join(format!(".{name}.flowsite-old")),
            cache: parent.join(format!(".{name}.flowsite-cache")),
        })
    }
}

/// What is at a path flowsite wants to use, as far as ownership goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Nothing: the path is free.
    Nothing,
    /// A symbolic link, which is never followed.
    Link,
    /// A file, or anything else that is not a folder.
    NotFolder,
    /// A folder.
    Folder {
        /// Owned by the user running the build.
        mine: bool,
        /// Holds flowsite's marker file (a file of this user, not a link,
        /// with exactly the marker's content).
        marked: bool,
        /// Holds nothing at all.
        empty: bool,
    },
}

/// What may be done with a folder that passed the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing is there.
    Free,
    /// A folder flowsite made: it may be replaced, updated or removed.
    Own,
    /// An empty folder of this user: it may be taken over.
    Adoptable,
}

/// Why a path is refused; each says what is wrong and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It is a symbolic link.
    Link,
    /// It is a file where a folder belongs.
    NotFolder,
    /// Another user owns it.
    OtherUser,
    /// It holds files and no marker.
    NotWrittenByFlowsite,
}

/// What a refused path is to flowsite, which changes what the user is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The output folder the user chose.
    Output,
    /// The spare or parked copy of the site, beside the output.
    Copy,
    /// The lock file beside the output.
    Lock,
    /// The record of the last build, beside the output.
    Record,
    /// The image cache beside the output (or where `FLOWSITE_CACHE_DIR` says).
    Cache,
}

/// Decides whether a path may be used, from what was found there.
pub fn judge(found: Found) -> Result<Verdict, Refusal> {
    match found {
        Found::Nothing => Ok(Verdict::Free),
        Found::Link => Err(Refusal::Link),
        Found::NotFolder => Err(Refusal::NotFolder),
        Found::Folder { mine: false, .. } => Err(Refusal::OtherUser),
        Found::Folder { marked: true, .. } => Ok(Verdict::Own),
        Found::Folder { empty: true, .. } => Ok(Verdict::Adoptable),
        Found::Folder { .. } => Err(Refusal::NotWrittenByFlowsite),
    }
}

impl Refusal {
    /// The refusal as a problem about `path`, which the user sees.
    pub fn problem(self, path: &Path, role: Role) -> Problem {
        let (message, fix) = match role {
            Role::Output => {
                let message = match self {
                    Refusal::Link => "is a symbolic link",
                    Refusal::NotFolder => "is a file, not a folder",
                    Refusal::OtherUser => "belongs to another user",
                    Refusal::NotWrittenByFlowsite => "holds files flowsite did not write",
                };
                let fix = match self {
                    Refusal::Link => "give the folder it points to as --out, or remove the link yourself",
                    Refusal::OtherUser => "choose a folder of your own, or build as the user who owns it",
                    Refusal::NotFolder | Refusal::NotWrittenByFlowsite => {
                        "choose a new or empty folder, or remove it yourself"
                    }
                };
                (message.to_string(), fix)
            }
            Role::Copy | Role::Lock | Role::Record | Role::Cache => {
                let what = match self {
                    Refusal::Link => "is a symbolic link",
                    Refusal::NotFolder if role == Role::Copy || role == Role::Cache => "is a file",
                    Refusal::NotFolder => "is not a plain file",
                    Refusal::OtherUser => "belongs to another user",
                    Refusal::NotWrittenByFlowsite => "holds files flowsite did not write",
                };
                let keeps = match role {
                    Role::Copy => "a copy of the site",
                    Role::Record => "the record of its last build",
                    Role::Cache => "its image cache",
                    _ => "its lock file",
                };
                (
                    format!("{what}, at the path where flowsite keeps {keeps}"),
                    "remove it yourself, or choose another output folder",
                )
            }
        };
        Problem::new(Location::file(path.display().to_string()), message, fix)
    }
}

/// Looks at `path` without following a link.
pub fn inspect(path: &Path) -> Result<Found, Error> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(source) => return Err(Error::io("inspect", path, source)),
    };
    if metadata.file_type().is_symlink() {
        return Ok(Found::Link);
    }
    if !metadata.is_dir() {
        return Ok(Found::NotFolder);
    }
    let empty = fs::read_dir(path)
        .map_err(|source| Error::io("list", path, source))?
        .next()
        .is_none();
    Ok(Found::Folder {
        mine: is_mine(&metadata),
        marked: !empty && holds_marker(path)?,
        empty,
    })
}

/// What is at a path where flowsite keeps a plain file of its own beside
/// the output (the build record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFound {
    /// Nothing.
    Nothing,
    /// A plain file of this user, not a link.
    Mine,
    /// Anything else, which flowsite neither reads, replaces nor removes.
    Refused(Refusal),
}

/// Looks at `path`, where flowsite keeps a plain file of its own, without
/// following a link.
pub fn inspect_file(path: &Path) -> Result<FileFound, Error> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(FileFound::Nothing),
        Err(source) => return Err(Error::io("inspect", path, source)),
    };
    Ok(if metadata.file_type().is_symlink() {
        FileFound::Refused(Refusal::Link)
    } else if !metadata.is_file() {
        FileFound::Refused(Refusal::NotFolder)
    } else if !is_mine(&metadata) {
        FileFound::Refused(Refusal::OtherUser)
    } else {
        FileFound::Mine
    })
}

/// Whether `folder` holds flowsite's marker: a file of this user, not a
/// link, with exactly [`MARKER`] in it.
fn holds_marker(folder: &Path) -> Result<bool, Error> {
    let path = folder.join(MARKER_FILE);
    let metadata = match fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(Error::io("inspect", &path, source)),
    };
    if !metadata.is_file() || !is_mine(&metadata) || metadata.len() != MARKER.len() as u64 {
        return Ok(false);
    }
    let mut content = Vec::with_capacity(MARKER.len());
    open_no_follow(&path)
        .and_then(|file| file.take(MARKER.len() as u64 + 1).read_to_end(&mut content))
        .map_err(|source| Error::io("read", &path, source))?;
    Ok(content == MARKER)
}

/// Whether `out` holds a site flowsite wrote (used to say, after a failed
/// build, whether a previous site is still being served).
pub fn holds_site(out: &Path) -> bool {
    matches!(
        inspect(out),
        Ok(Found::Folder {
            mine: true,
            marked: true,
            ..
        })
    )
}

/// Checks the output folder; `Ok(true)` if a folder is there to be
/// exchanged with the new site, `Ok(false)` if the path is free.
pub fn claim_output(out: &Path) -> Result<bool, Error> {
    match judge(inspect(out)?) {
        Ok(Verdict::Free) => Ok(false),
        // An empty folder is exchanged like a site: it then becomes the
        // spare, which the next build adopts.
        Ok(Verdict::Own | Verdict::Adoptable) => Ok(true),
        Err(refusal) => Err(Error::Invalid(vec![refusal.problem(out, Role::Output)])),
    }
}

/// Makes `spare` a folder flowsite owns, creating or adopting it, or
/// refuses it.
pub fn claim_spare(spare: &Path) -> Result<(), Error> {
    match judge(inspect(spare)?) {
        Ok(Verdict::Own) => Ok(()),
        Ok(Verdict::Free) => {
            super::write::create_folder(spare)?;
            mark(spare)
        }
        Ok(Verdict::Adoptable) => mark(spare),
        Err(refusal) => Err(Error::Invalid(vec![refusal.problem(spare, Role::Copy)])),
    }
}

/// Makes `cache` a folder flowsite owns, creating or adopting it, or
/// refuses it, by the rules of the spare.
pub fn claim_cache(cache: &Path) -> Result<(), Error> {
    match judge(inspect(cache)?) {
        Ok(Verdict::Own) => Ok(()),
        Ok(Verdict::Free) => {
            fs::create_dir_all(cache).map_err(|source| Error::io("create folder", cache, source))?;
            mark(cache)
        }
        Ok(Verdict::Adoptable) => mark(cache),
        Err(refusal) => Err(Error::Invalid(vec![refusal.problem(cache, Role::Cache)])),
    }
}

/// Refuses a site folder of flowsite's (`out`, already claimed) that holds
/// files or folders its manifest does not list: someone put them there,
/// and replacing the folder would lose them.
pub fn refuse_foreign_files(out: &Path) -> Result<(), Error> {
    let listed = read_manifest(out)?;
    let (files, folders) = super::write::list_tree(out)?;
    let kept: std::collections::BTreeSet<&str> = listed
        .iter()
        .flat_map(|path| {
            let mut parts: Vec<&str> = path.match_indices('/').map(|(at, _)| &path[..at]).collect();
            parts.push(path.as_str());
            parts
        })
        .collect();
    let foreign: Vec<&String> = files
        .iter()
        .chain(folders.iter())
        .filter(|path| !kept.contains(path.as_str()))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    let mut problems: Vec<Problem> = foreign
        .iter()
        .take(FOREIGN_FILES_LISTED)
        .map(|path| {
            Problem::new(
                Location::file(out.join(path).display().to_string()),
                "flowsite did not write this, and replacing the site folder would lose it",
                "move it into static/ to publish it with the site, or move it away yourself",
            )
        })
        .collect();
    if foreign.len() > FOREIGN_FILES_LISTED {
        problems.push(Problem::new(
            Location::file(out.display().to_string()),
            format!(
                "{} more files and folders that flowsite did not write",
                foreign.len() - FOREIGN_FILES_LISTED
            ),
            "move them into static/ or away yourself",
        ));
    }
    Err(Error::Invalid(problems))
}

/// The paths listed in the manifest of `folder`; none if it has none (a
/// site folder always has one, so then every file in it counts as foreign).
fn read_manifest(folder: &Path) -> Result<Vec<String>, Error> {
    let path = folder.join(MANIFEST_FILE);
    match fs::symlink_metadata(&path) {
        Ok(metadata) if metadata.is_file() && is_mine(&metadata) => {}
        Ok(_) => return Ok(Vec::new()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::io("inspect", &path, source)),
    }
    let mut text = String::new();
    open_no_follow(&path)
        .and_then(|mut file| file.read_to_string(&mut text))
        .map_err(|source| Error::io("read", &path, source))?;
    Ok(text.lines().map(str::to_string).collect())
}

/// The manifest of a site of `paths` (every file but the marker and the
/// manifest).
pub fn manifest<'a>(paths: impl Iterator<Item = &'a String>) -> Vec<u8> {
    let mut text = String::new();
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text.into_bytes()
}

/// Removes the parked copy left by an interrupted swap, if it is
/// flowsite's; refuses to touch anything else at that path.
pub fn clear_parked(parked: &Path) -> Result<(), Error> {
    match judge(inspect(parked)?) {
        Ok(Verdict::Free) => Ok(()),
        Ok(Verdict::Own | Verdict::Adoptable) => {
            fs::remove_dir_all(parked).map_err(|source| Error::io("remove", parked, source))
        }
        Err(refusal) => Err(Error::Invalid(vec![refusal.problem(parked, Role::Copy)])),
    }
}

fn mark(folder: &Path) -> Result<(), Error> {
    super::write::write_new_file(&folder.join(MARKER_FILE), MARKER)
}

/// Refuses an output folder that would overwrite or delete the project:
/// the project folder itself, a folder that contains it, or anything inside
/// the inputs `load` reads (`site.toml`, `data/`, `content/`, `static/`).
/// Paths are compared after resolving links; an output that does not exist
/// yet is resolved through its nearest existing ancestor.
pub fn check_output_location(root: &Path, out: &Path) -> Result<(), Error> {
    let project = fs::canonicalize(root).map_err(|source| Error::io("open project folder", root, source))?;
    let target = resolve(out)?;
    let inputs = std::iter::once(load::CONFIG_FILE).chain(load::INPUT_FOLDERS);
    let message = if target == project {
        "is the project folder itself".to_string()
    } else if project.starts_with(&target) {
        "contains the project folder".to_string()
    } else if let Some(input) = inputs.into_iter().find(|input| target.starts_with(project.join(input))) {
        format!("lies inside the project's input `{input}`, which the build would replace")
    } else {
        return Ok(());
    };
    Err(Error::Invalid(vec![Problem::new(
        Location::file(out.display().to_string()),
        message,
        "choose a folder outside the project's inputs, such as site-out inside the project",
    )]))
}

/// `path` with every link resolved, for a path that may not exist yet: its
/// nearest existing ancestor is resolved and the rest appended (the rest
/// holds no links, since it does not exist).
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let mut missing = Vec::new();
    let mut existing = path;
    loop {
        let probe = if existing.as_os_str().is_empty() {
            Path::new(".")
        } else {
            existing
        };
        match fs::canonicalize(probe) {
            Ok(mut resolved) => {
                for component in missing.iter().rev() {
                    match component {
                        Component::ParentDir => {
                            resolved.pop();
                        }
                        Component::Normal(name) => resolved.push(name),
                        _ => {}
                    }
                }
                return Ok(resolved);
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let mut components = existing.components();
                match components.next_back() {
                    Some(last) => missing.push(last),
                    None => return Err(Error::io("resolve", path, error)),
                }
                existing = components.as_path();
            }
            Err(source) => return Err(Error::io("resolve", path, source)),
        }
    }
}

/// Holds an exclusive lock on the file beside the spare folder until
/// dropped; the operating system releases it when the process ends, even
/// by kill -9, so it is never left stale.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
}

/// Opens and locks the lock file at `path`, never through a link, and
/// refuses one that is not a plain file of this user.
pub fn lock(path: &Path) -> Result<OutputLock, Error> {
    let file = match open_lock_file(path) {
        Ok(file) => file,
        Err(error) if is_link_error(&error) => {
            return Err(Error::Invalid(vec![Refusal::Link.problem(path, Role::Lock)]));
        }
        Err(source) => return Err(Error::io("open the lock file", path, source)),
    };
    let metadata = file.metadata().map_err(|source| Error::io("inspect", path, source))?;
    if !metadata.is_file() {
        return Err(Error::Invalid(vec![Refusal::NotFolder.problem(path, Role::Lock)]));
    }
    if !is_mine(&metadata) {
        return Err(Error::Invalid(vec![Refusal::OtherUser.problem(path, Role::Lock)]));
    }
    file.lock().map_err(|source| Error::io("lock", path, source))?;
    Ok(OutputLock { _file: file })
}

#[cfg(unix)]
fn is_mine(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // Files are created with the effective user id, so that is whose a
    // folder flowsite made is.
    metadata.uid() == rustix::process::geteuid().as_raw()
}

#[cfg(not(unix))]
fn is_mine(_: &fs::Metadata) -> bool {
    true
}

#[cfg(unix)]
fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    // Read and write so that a FIFO planted at the path does not block the
    // open; non-blocking for the same reason with device files.
    let flags = OFlags::CREATE | OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY | OFlags::NONBLOCK;
    Ok(fs::File::from(rustix::fs::open(
        path,
        flags,
        Mode::from_raw_mode(0o644),
    )?))
}

#[cfg(not(unix))]
fn open_lock_file(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

#[cfg(unix)]
fn is_link_error(error: &io::Error) -> bool {
    error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

#[cfg(not(unix))]
fn is_link_error(_: &io::Error) -> bool {
    false
}

#[cfg(unix)]
pub(super) fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY | OFlags::NONBLOCK;
    Ok(fs::File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
pub(super) fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_marked_folder_of_this_user_or_an_empty_one_is_used() {
        let folder = |mine, marked, empty| Found::Folder { mine, marked, empty };
        assert_eq!(judge(Found::Nothing), Ok(Verdict::Free));
        assert_eq!(judge(folder(true, true, false)), Ok(Verdict::Own));
        assert_eq!(judge(folder(true, false, true)), Ok(Verdict::Adoptable));
        assert_eq!(judge(folder(true, false, false)), Err(Refusal::NotWrittenByFlowsite));
        assert_eq!(judge(Found::Link), Err(Refusal::Link));
        assert_eq!(judge(Found::NotFolder), Err(Refusal::NotFolder));
    }

    #[test]
    fn another_users_folder_is_refused_even_when_marked_or_empty() {
        // In a folder other users can write to (/tmp), someone else may
        // make the spare first, marker and all; it must not be adopted.
        for (marked, empty) in [(true, false), (false, true), (false, false)] {
            assert_eq!(
                judge(Found::Folder {
                    mine: false,
                    marked,
                    empty
                }),
                Err(Refusal::OtherUser)
            );
        }
    }

    #[test]
    fn a_marker_with_other_content_does_not_make_a_folder_flowsites() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join(MARKER_FILE), "flowsite site folder\n").expect("write");
        assert_eq!(
            inspect(dir.path()).expect("inspect"),
            Found::Folder {
                mine: true,
                marked: false,
                empty: false
            }
        );
        fs::write(dir.path().join(MARKER_FILE), MARKER).expect("write");
        assert_eq!(
            inspect(dir.path()).expect("inspect"),
            Found::Folder {
                mine: true,
                marked: true,
                empty: false
            }
        );
    }

    #[test]
    fn a_marker_that_is_a_link_does_not_make_a_folder_flowsites() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = dir.path().join("marker-elsewhere");
        fs::write(&elsewhere, MARKER).expect("write");
        let folder = dir.path().join("site");
        fs::create_dir(&folder).expect("mkdir");
        std::os::unix::fs::symlink(&elsewhere, folder.join(MARKER_FILE)).expect("symlink");
        assert_eq!(
            judge(inspect(&folder).expect("inspect")),
            Err(Refusal::NotWrittenByFlowsite)
        );
    }

    #[test]
    fn a_missing_output_is_resolved_through_its_nearest_existing_ancestor() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = fs::canonicalize(dir.path()).expect("canonical");
        std::os::unix::fs::symlink(&real, real.join("link")).expect("symlink");
        assert_eq!(resolve(&real.join("link/a/../b/c")).expect("resolve"), real.join("b/c"));
    }

    #[test]
    fn the_siblings_share_the_output_folders_parent() {
        let siblings = Siblings::of(Path::new("/srv/www/site")).expect("siblings");
        assert_eq!(siblings.spare, Path::new("/srv/www/.site.flowsite-spare"));
        assert_eq!(siblings.lock, Path::new("/srv/www/.site.flowsite-spare.lock"));
        assert_eq!(siblings.parked, Path::new("/srv/www/.site.flowsite-old"));
        assert_eq!(siblings.record, Path::new("/srv/www/.site.flowsite-build"));
        assert_eq!(siblings.cache, Path::new("/srv/www/.site.flowsite-cache"));
        let relative = Siblings::of(Path::new("site-out")).expect("siblings");
        assert_eq!(relative.spare, Path::new("./.site-out.flowsite-spare"));
        assert!(Siblings::of(Path::new("/")).is_err());
    }
}
