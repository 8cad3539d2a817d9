//! Stage 1, load: the project folder -> raw, undecided records.
//!
//! This is the only stage that reads the project folder. It turns bytes into
//! text (cp932 or UTF-8), text into CSV records with their line numbers, and
//! Markdown files into front matter and body. It decides nothing about what
//! the records mean: that is `validate`'s job.

mod csv_records;
mod front_matter;
mod text;

pub use csv_records::{RawRecord, RawTable};
pub use front_matter::{RawDocument, split_front_matter};
pub use text::{TextEncoding, decode_text};

use crate::error::{Error, Location, Problems};
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The name of the site configuration file at the project root.
pub const CONFIG_FILE: &str = "site.toml";

/// Everything read from the project folder, with the problems found while
/// decoding it.
#[derive(Debug)]
pub struct LoadedProject {
    /// The project root as given on the command line.
    pub root: PathBuf,
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

/// Reads the project at `root`. Fails only on I/O errors; problems in the
/// files' contents are collected in [`LoadedProject::problems`].
pub fn load_project(root: &Path) -> Result<LoadedProject, Error> {
    let metadata = fs::metadata(root).map_err(|source| Error::io("open project folder", root, source))?;
    if !metadata.is_dir() {
        return Err(Error::io(
            "open project folder",
            root,
            std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        ));
    }
    let mut problems = Problems::new();

    let config_path = root.join(CONFIG_FILE);
    let config = if config_path.is_file() {
        let bytes = read_file(&config_path)?;
        match decode_text(CONFIG_FILE, &bytes) {
            Ok((text, _)) => Some((CONFIG_FILE.to_string(), text)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    } else {
        None
    };

    let mut tables = Vec::new();
    for (relative, path) in files_under(root, "data", Some("csv"))? {
        let bytes = read_file(&path)?;
        match decode_text(&relative, &bytes) {
            Ok((text, encoding)) => {
                let (table, table_problems) = csv_records::read_records(&relative, &text, encoding);
                problems.extend(table_problems);
                tables.push(table);
            }
            Err(problem) => problems.push(problem),
        }
    }

    let mut documents = Vec::new();
    for (relative, path) in files_under(root, "content", Some("md"))? {
        let bytes = read_file(&path)?;
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

    let mut static_files = Vec::new();
    for (relative, path) in files_under(root, "static", None)? {
        let bytes = read_file(&path)?;
        let inside = relative.strip_prefix("static/").unwrap_or(&relative).to_string();
        static_files.push((inside, bytes));
    }

    Ok(LoadedProject {
        root: root.to_path_buf(),
        config,
        tables,
        documents,
        static_files,
        problems,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|source| Error::io("read", path, source))
}

/// Files below `root/folder`, sorted by name so that every later stage sees
/// them in the same order on every machine; hidden files (editor swap files,
/// `.DS_Store`) are skipped. Returns (path relative to root with `/`, path).
fn files_under(root: &Path, folder: &str, extension: Option<&str>) -> Result<Vec<(String, PathBuf)>, Error> {
    let base = root.join(folder);
    if !base.is_dir() {
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
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if let Some(wanted) = extension {
            let matches = path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| ext.eq_ignore_ascii_case(wanted));
            if !matches {
                continue;
            }
        }
        let inside = path.strip_prefix(root).unwrap_or(path);
        let relative = inside
            .components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        found.push((relative, path.to_path_buf()));
    }
    Ok(found)
}
