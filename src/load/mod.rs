//! Stage 1, load: the project folder -> raw, undecided records.
//!
//! This is the only stage that reads the project folder. It turns bytes into
//! text (cp932 or UTF-8), text into CSV records with their line numbers, and
//! Markdown files into front matter and body. It decides nothing about what
//! the records mean: that is `validate`'s job.
//!
//! Only the project's own files are read: `site.toml` and the plain files
//! and folders below `data/`, `content/` and `static/`. A symbolic link
//! anywhere among them, those folders themselves included, is a problem
//! reported with its path, never followed and never skipped: a link to a
//! place outside the project would publish whatever it points to (a link
//! `static -> /etc` would put the machine's password files on the web), and
//! one that stays inside still publishes a file under a second name that
//! the project's history does not show. Hidden files and folders (names
//! starting with `.`) are never read. Files are opened without following a
//! link, so one swapped in after the check is not read either.
//!
//! Reading and decoding are two steps. [`read_project`] reads every file
//! and hashes it (its path and bytes, with BLAKE3), so that a build can
//! tell, before decoding anything, whether the project is byte for byte the
//! one the site in its output folder was built from; [`parse_project`] then
//! decodes the bytes.

// The one stage that reads the project, so the one (with `output`) allowed
// the file system calls clippy.toml forbids everywhere else.
#![allow(clippy::disallowed_methods)]

mod csv_records;
mod front_matter;
mod text;

pub use csv_records::{RawRecord, RawTable};
pub use front_matter::{RawDocument, split_front_matter};
pub use text::{TextEncoding, decode_text};

use crate::error::{Error, Location, Problem, Problems};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The name of the site configuration file at the project root.
pub const CONFIG_FILE: &str = "site.toml";

/// The folders of the project that are read, besides [`CONFIG_FILE`].
pub const INPUT_FOLDERS: [&str; 3] = [DATA_FOLDER, CONTENT_FOLDER, STATIC_FOLDER];

const DATA_FOLDER: &str = "data";
const CONTENT_FOLDER: &str = "content";
const STATIC_FOLDER: &str = "static";

/// Everything read from the project folder, with the problems found while
/// decoding it.
#[derive(Debug)]
pub struct LoadedProject {
    /// The project root as given on the command line.
    pub root: PathBuf,
    /// The hash of `site.toml` and `data/`: pages that read no commentary,
    /// rendered from files with this hash, are the same (no page reads a
    /// file of `static/`, which is published as it is).
    pub settings_and_data: InputDigest,
    /// `site.toml`, if present, with its text.
    pub config: Option<(String, String)>,
    /// Every `data/**/*.csv`, sorted by path.
    pub tables: Vec<RawTable>,
    /// Every `content/**/*.md`, sorted by path.
    pub documents: Vec<RawDocument>,
    /// Every file under `static/`, sorted by path: (relative path inside
    /// `static/`, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Problems with encoding or CSV syntax, reported with validation's.
    pub problems: Problems,
}

/// A BLAKE3 hash of the path and bytes of every file `load` read, in the
/// order it read them (`site.toml`, then `data/`, `content/` and `static/`
/// sorted by path): two projects have the same digest only if `load` read
/// the same files with the same bytes from both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputDigest(pub [u8; 32]);

/// Hashes files as they are read, each as its path's length, path, bytes'
/// length and bytes, so that no two different projects feed it the same
/// stream.
struct Digest(blake3::Hasher);

impl Digest {
    fn new() -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"flowsite project files 1\0");
        Digest(hasher)
    }

    fn file(&mut self, relative: &str, bytes: &[u8]) {
        self.0.update(&(relative.len() as u64).to_le_bytes());
        self.0.update(relative.as_bytes());
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn finish(&self) -> InputDigest {
        InputDigest(*self.0.finalize().as_bytes())
    }
}

/// Every file of the project, read but not yet decoded, and hashed.
#[derive(Debug)]
pub struct ProjectFiles {
    /// The project root as given on the command line.
    pub root: PathBuf,
    /// The hash of every file read, with its path, in the order read.
    pub digest: InputDigest,
    /// The same hash over `site.toml` and `data/` only: what every page
    /// reads besides commentary.
    pub settings_and_data: InputDigest,
    /// Each part of the project (`site.toml`, `data/`, `content/`,
    /// `static/`) in that order: what was found wrong with its files'
    /// places (links, special files) and the files read from it, sorted by
    /// path.
    parts: [Part; 4],
}

impl ProjectFiles {
    /// Whether a file or folder of the project was refused (a link, a
    /// special file): such problems are found by reading alone.
    pub fn has_problems(&self) -> bool {
        self.parts.iter().any(|part| !part.problems.is_empty())
    }
}

#[derive(Debug, Default)]
struct Part {
    problems: Problems,
    /// (path relative to the root with `/`, bytes).
    files: Vec<(String, Vec<u8>)>,
}

/// Reads the project at `root`: [`read_project`], then [`parse_project`].
/// Fails only on I/O errors; problems in the files' contents are collected
/// in [`LoadedProject::problems`].
pub fn load_project(root: &Path) -> Result<LoadedProject, Error> {
    read_project(root).map(parse_project)
}

/// Reads and hashes every file of the project at `root`, deciding nothing
/// about what the bytes mean; fails only on I/O errors. This is all a build
/// needs to tell whether anything changed.
pub fn read_project(root: &Path) -> Result<ProjectFiles, Error> {
    let metadata = fs::metadata(root).map_err(|source| Error::io("open project folder", root, source))?;
    if !metadata.is_dir() {
        return Err(Error::io(
            "open project folder",
            root,
            std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        ));
    }
    let mut digest = Digest::new();
    // Links are judged by where they lead once every link is resolved, the
    // project root's own included.
    let project = fs::canonicalize(root).map_err(|source| Error::io("open project folder", root, source))?;

    let mut config = Part::default();
    let config_path = root.join(CONFIG_FILE);
    if plain_entry(&config_path, CONFIG_FILE, &project, &mut config.problems)? == Some(Entry::File) {
        config.files.push((CONFIG_FILE.to_string(), read_file(&config_path)?));
    }
    let folder = |name: &str, extension: Option<&str>| -> Result<Part, Error> {
        let mut part = Part::default();
        for (relative, path) in files_under(root, &project, name, extension, &mut part.problems)? {
            let bytes = read_file(&path)?;
            part.files.push((relative, bytes));
        }
        Ok(part)
    };
    let data = folder(DATA_FOLDER, Some("csv"))?;
    let content = folder(CONTENT_FOLDER, Some("md"))?;
    let static_part = folder(STATIC_FOLDER, None)?;
    let parts = [config, data, content, static_part];
    let mut settings_and_data = Digest::new();
    for (index, part) in parts.iter().enumerate() {
        for (relative, bytes) in &part.files {
            digest.file(relative, bytes);
            // Parts 0 and 1: `site.toml` and `data/`.
            if index < 2 {
                settings_and_data.file(relative, bytes);
            }
        }
    }
    Ok(ProjectFiles {
        root: root.to_path_buf(),
        digest: digest.finish(),
        settings_and_data: settings_and_data.finish(),
        parts,
    })
}

/// Decodes what [`read_project`] read: text from bytes (cp932 or UTF-8),
/// CSV records with their line numbers, front matter and body. Problems are
/// listed in the order of the files, each part's refused places first.
pub fn parse_project(files: ProjectFiles) -> LoadedProject {
    let ProjectFiles {
        root,
        parts,
        settings_and_data,
        ..
    } = files;
    let [config_part, data, content, static_part] = parts;
    let mut problems = Problems::new();

    problems.extend(config_part.problems);
    let mut config = None;
    for (relative, bytes) in config_part.files {
        match decode_text(&relative, &bytes) {
            Ok((text, _)) => config = Some((relative, text)),
            Err(problem) => problems.push(problem),
        }
    }

    problems.extend(data.problems);
    let mut tables = Vec::new();
    for (relative, bytes) in &data.files {
        tables.extend(read_table(relative, bytes, &mut problems));
    }

    problems.extend(content.problems);
    let mut documents = Vec::new();
    for (relative, bytes) in content.files {
        match decode_text(&relative, &bytes) {
            Ok((_, TextEncoding::Cp932)) => {
                // Markdown is UTF-8 by CommonMark's definition; a file that only
                // decodes as Shift_JIS was saved in the wrong encoding.
                problems.report(
                    Location::file(relative.clone()),
                    "the file is not UTF-8",
                    "save commentary as UTF-8",
                );
            }
            Ok((text, _)) => match split_front_matter(&relative, &text) {
                Ok(document) => documents.push(document),
                Err(problem) => problems.push(problem),
            },
            Err(problem) => problems.push(problem),
        }
    }

    problems.extend(static_part.problems);
    let static_files = static_part
        .files
        .into_iter()
        .map(|(relative, bytes)| {
            let inside = relative
                .strip_prefix(&format!("{STATIC_FOLDER}/"))
                .unwrap_or(&relative)
                .to_string();
            (inside, bytes)
        })
        .collect();

    LoadedProject {
        root,
        settings_and_data,
        config,
        tables,
        documents,
        static_files,
        problems,
    }
}

/// A data file's bytes -> its CSV records, shown in problems as `path`;
/// `None` if it cannot be decoded. Also used for a release `fetch`
/// downloaded, which is judged exactly as the files in `data/` are.
pub fn read_table(path: &str, bytes: &[u8], problems: &mut Problems) -> Option<RawTable> {
    match decode_text(path, bytes) {
        Ok((text, encoding)) => {
            let (table, table_problems) = csv_records::read_records(path, &text, encoding);
            problems.extend(table_problems);
            Some(table)
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// Reads a file `load` has seen to be a plain file, without following a
/// link that may have been put in its place since.
fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    open_no_follow(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(|source| Error::io("read", path, source))?;
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    // Non-blocking, so that a FIFO put in a file's place cannot hang the
    // build; it makes no difference to reading a plain file.
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY | OFlags::NONBLOCK;
    Ok(fs::File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// What a path in the project is, once it is known not to be a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    File,
    Folder,
}

/// Looks at `path` (shown as `relative`) without following a link; a link
/// or anything that is neither a file nor a folder is reported and `None`
/// returned, as is a path that does not exist.
fn plain_entry(path: &Path, relative: &str, project: &Path, problems: &mut Problems) -> Result<Option<Entry>, Error> {
    let file_type = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata.file_type(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::io("inspect", path, source)),
    };
    Ok(classify(path, relative, file_type, project, problems))
}

fn classify(
    path: &Path,
    relative: &str,
    file_type: fs::FileType,
    project: &Path,
    problems: &mut Problems,
) -> Option<Entry> {
    if file_type.is_file() {
        Some(Entry::File)
    } else if file_type.is_dir() {
        Some(Entry::Folder)
    } else if file_type.is_symlink() {
        problems.push(link_problem(path, relative, project));
        None
    } else {
        problems.report(
            Location::file(relative),
            "is neither a file nor a folder",
            "remove it from the project",
        );
        None
    }
}

/// The problem with the link at `path`, which is refused wherever it leads;
/// the message says where, so that the fix is clear.
fn link_problem(path: &Path, relative: &str, project: &Path) -> Problem {
    let location = Location::file(relative);
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(project) => Problem::new(
            location,
            "is a symbolic link",
            "flowsite reads no links, not even to the project's own files: replace it with a copy of what it points to",
        ),
        Ok(_) => Problem::new(
            location,
            "is a symbolic link to a place outside the project",
            "flowsite reads only the project's own files: copy what it points to into the project, or remove the link",
        ),
        Err(_) => Problem::new(
            location,
            "is a symbolic link to something that does not exist",
            "remove the link",
        ),
    }
}

/// Plain files below `root/folder`, sorted by name so that every later stage
/// sees them in the same order on every machine; hidden files (editor swap
/// files, `.DS_Store`) are skipped, links reported in `problems`. Returns
/// (path relative to root with `/`, path).
fn files_under(
    root: &Path,
    project: &Path,
    folder: &str,
    extension: Option<&str>,
    problems: &mut Problems,
) -> Result<Vec<(String, PathBuf)>, Error> {
    let base = root.join(folder);
    // The folder itself first: walkdir would follow a link given as its root.
    if plain_entry(&base, folder, project, problems)? != Some(Entry::Folder) {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let walker = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(&base).to_path_buf();
            let source = error
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop"));
            Error::io("list", &path, source)
        })?;
        let path = entry.path();
        let inside = path.strip_prefix(root).unwrap_or(path);
        let relative = inside
            .components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if classify(path, &relative, entry.file_type(), project, problems) != Some(Entry::File) {
            continue;
        }
        if let Some(wanted) = extension {
            let matches = path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| ext.eq_ignore_ascii_case(wanted));
            if !matches {
                continue;
            }
        }
        found.push((relative, path.to_path_buf()));
    }
    Ok(found)
}
