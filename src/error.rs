//! Errors are part of flowsite's interface.
//!
//! Two kinds reach the user: *problems* in the project's inputs (bad data,
//! bad front matter), which are collected so that every one is reported
//! before the build stops with exit code 1; and *failures* of the machine
//! (a folder that cannot be read, a disk that is full), which stop at once
//! with exit code 2. Every message names the file it is about.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Where in the project a problem was found: a path relative to the project
/// root, and where known the 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path relative to the project root, written with `/`.
    pub path: String,
    /// 1-based line in the file, if the problem is on one line.
    pub line: Option<usize>,
    /// 1-based column (a CSV field number, or a character column), if known.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// One line of a file.
    pub fn line(path: impl Into<String>, line: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: None,
        }
    }

    /// One cell (line and column) of a file.
    pub fn cell(path: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One thing wrong with the project's inputs, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong, in the user's terms.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Problem {
    /// A problem at `location`: `message` says what is wrong, `fix` what to do.
    pub fn new(location: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Problem {
            location,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.location, self.message, self.fix)
    }
}

/// Collects problems so that a stage can report all of them, not the first.
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<Problem>,
}

impl Problems {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one problem.
    pub fn push(&mut self, problem: Problem) {
        self.found.push(problem);
    }

    /// Records a problem built from its parts.
    pub fn report(&mut self, location: Location, message: impl Into<String>, fix: impl Into<String>) {
        self.push(Problem::new(location, message, fix));
    }

    /// Records `problem` if there is one.
    pub fn extend_one(&mut self, problem: Option<Problem>) {
        self.found.extend(problem);
    }

    /// Moves every problem of `other` into this collection.
    pub fn extend(&mut self, other: Problems) {
        self.found.extend(other.found);
    }

    /// Whether a problem was already reported about the file `path`.
    pub fn mentions(&self, path: &str) -> bool {
        self.found.iter().any(|problem| problem.location.path == path)
    }

    /// The problems found so far, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.found.iter()
    }

    /// Whether nothing has been found.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// `Ok(value)` if nothing was found, otherwise every problem, in the
    /// order of file, line and column so that output is stable.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.found.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }

    /// The problems as an error, in file, line and column order, when the
    /// caller knows at least one was found.
    pub fn into_error(self) -> Error {
        let mut found = self.found;
        found.sort();
        found.dedup();
        Error::Invalid(found)
    }
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Error {
    /// The inputs have problems; all of them are listed. Exit code 1.
    Invalid(Vec<Problem>),
    /// Reading or writing a file failed. Exit code 2.
    Io {
        /// What flowsite was doing ("read", "create folder", ...).
        action: &'static str,
        /// The path it was doing it to.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A bug or an impossible state inside flowsite (a chart that could not
    /// be drawn). Exit code 2.
    Internal(String),
}

impl Error {
    /// An I/O failure while doing `action` to `path`.
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code for this error: 1 for bad input, 2 for I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            Error::Io { .. } | Error::Internal(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(problems) => {
                let count = problems.len();
                let noun = if count == 1 { "problem" } else { "problems" };
                write!(f, "found {count} {noun} in the project's inputs")
            }
            Error::Io { action, path, source } => write!(f, "could not {action} {}: {source}", path.display()),
            Error::Internal(what) => write!(
                f,
                "internal error: {what} (please report this with the input that caused it)"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Invalid(_) | Error::Internal(_) => None,
        }
    }
}
