//! Errors are part of flowsite's interface.
//!
//! Two kinds reach the user: *problems* in the project's inputs (bad data,
//! bad front matter), which are collected so that every one is reported
//! before the build stops with exit code 1; and *failures* of the machine
//! (a folder that cannot be read, a disk that is full), which stop at once
//! with exit code 2. Every message names the file it is about.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The most characters of the user's input a message quotes; a longer
/// value (a 100 MB cell) is cut with "…".
pub const QUOTE_LIMIT: usize = 80;

/// The longest a message or fix may be. Messages are built from short
/// quoted values; this only stops a value that reached a message unquoted
/// (a TOML parser's own wording) from flooding the terminal.
const MESSAGE_LIMIT: usize = 600;

/// How many times a problem may recur on the rows of one file before it is
/// reported once, with a count, instead of once per row.
pub const REPEAT_LIMIT: usize = 3;

/// `value` as a message shows it: control characters and invisible
/// formatting characters (bidirectional overrides, zero-width spaces) are
/// escaped (`\u{1b}`, `\n`), so that input cannot rewrite the terminal or
/// hide text, and anything after the first 80 characters is cut with "…".
pub fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len().min(QUOTE_LIMIT * 4));
    let mut shown = 0;
    for c in value.chars() {
        let escaped = is_hidden(c).then(|| c.escape_default().to_string());
        let width = escaped.as_ref().map_or(1, |e| e.chars().count());
        if shown + width > QUOTE_LIMIT {
            quoted.push('…');
            return quoted;
        }
        shown += width;
        match escaped {
            Some(escaped) => quoted.push_str(&escaped),
            None => quoted.push(c),
        }
    }
    quoted
}

/// Characters a terminal would act on or not show: controls, and the
/// Unicode format characters that reorder or hide text.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// A message as it may be printed: hidden characters escaped and its
/// length bounded, whatever reached it.
fn printable(text: String) -> String {
    if text.len() <= MESSAGE_LIMIT && !text.chars().any(is_hidden) {
        return text;
    }
    let mut printable = String::new();
    for c in text.chars() {
        if printable.len() >= MESSAGE_LIMIT {
            printable.push('…');
            break;
        }
        if is_hidden(c) {
            printable.extend(c.escape_default());
        } else {
            printable.push(c);
        }
    }
    printable
}

/// The candidate closest to `wanted`, if one is close enough to be what
/// the user meant (`kr_bonds` for `kr-bonds`, `alpah` for `alpha`).
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    // A typo costs an edit or two; longer names tolerate a few more.
    let tolerance = (wanted.chars().count() / 4).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::osa_distance(&wanted_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= tolerance)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Names for a "use one of" hint: every name up to ten, then a count of
/// the rest, so that a site with hundreds of series keeps its messages
/// short.
pub fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let names: Vec<&str> = names.into_iter().collect();
    let mut list = names.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

/// A hint naming what exists, led by a guess at what was meant: "did you
/// mean `alpha`? use one of: alpha, beta".
pub fn one_of<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let list = name_list(names.clone());
    match closest(wanted, names) {
        Some(guess) => format!("did you mean `{guess}`? use one of: {list}"),
        None => format!("use one of: {list}"),
    }
}

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
            message: printable(message.into()),
            fix: printable(fix.into()),
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
    /// Problems that may recur row after row, by file and kind, in the
    /// order found.
    recurring: BTreeMap<(String, String), Vec<Problem>>,
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

    /// Records a problem that may recur on many rows of one file (a column
    /// of dates keyed by the wrong weekday): up to [`REPEAT_LIMIT`] rows of
    /// one `kind` are reported one by one, more are reported once, at the
    /// first row, with the number and lines of the others.
    pub fn report_row(
        &mut self,
        kind: impl Into<String>,
        location: Location,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        let key = (location.path.clone(), kind.into());
        self.recurring
            .entry(key)
            .or_default()
            .push(Problem::new(location, message, fix));
    }

    /// Records `problem` if there is one.
    pub fn extend_one(&mut self, problem: Option<Problem>) {
        self.found.extend(problem);
    }

    /// Moves every problem of `other` into this collection.
    pub fn extend(&mut self, other: Problems) {
        self.found.extend(other.found);
        for (key, problems) in other.recurring {
            self.recurring.entry(key).or_default().extend(problems);
        }
    }

    /// Whether a problem was already reported about the file `path`.
    pub fn mentions(&self, path: &str) -> bool {
        self.found.iter().any(|problem| problem.location.path == path)
            || self.recurring.keys().any(|(file, _)| file == path)
    }

    /// The problems found so far, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.found.iter()
    }

    /// Whether nothing has been found.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty() && self.recurring.is_empty()
    }

    /// Every problem, with each kind that recurred too often folded into one.
    fn all(self) -> Vec<Problem> {
        let mut all = self.found;
        for (_, group) in self.recurring {
            if group.len() <= REPEAT_LIMIT {
                all.extend(group);
                continue;
            }
            let mut rest: Vec<usize> = group[1..].iter().filter_map(|p| p.location.line).collect();
            rest.sort_unstable();
            let more = group.len() - 1;
            let mut lines = rest
                .iter()
                .take(10)
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            if rest.len() > 10 {
                lines.push_str(", …");
            }
            let Some(first) = group.into_iter().next() else {
                continue;
            };
            let noun = if more == 1 { "row" } else { "rows" };
            all.push(Problem::new(
                first.location,
                format!("{}; the same on {more} more {noun} (lines {lines})", first.message),
                first.fix,
            ));
        }
        all
    }

    /// `Ok(value)` if nothing was found, otherwise every problem, in the
    /// order of file, line and column so that output is stable.
    pub fn into_result<T>(self, value: T) -> Result<T, Error> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }

    /// The problems as an error, in file, line and column order, when the
    /// caller knows at least one was found.
    pub fn into_error(self) -> Error {
        let mut found = self.all();
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
