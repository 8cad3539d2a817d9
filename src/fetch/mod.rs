//! `fetch`: a publisher's new release -> `data/`, only if it is complete,
//! valid and newer than the one the project has.
//!
//! For every `[[sources]]` entry with a `url`, the file is downloaded
//! (`download`), read and checked exactly as a build would read it
//! (`load::read_table`, `validate::check_release`), compared with the
//! release already in `data/` by version date, and only then saved
//! (`save`). Every download is checked before any is saved, so a failure
//! leaves `data/` as it was. A single-file source's file is replaced by a
//! newer release; a folder of releases gets the new release as a file of
//! its own, named by its version date (`data/mof/week-2026-09-24.csv`).

mod download;
mod save;

pub use download::{DownloadError, Retry};

use crate::error::{Error, Location, Problems};
use crate::load::{self, CONFIG_FILE};
use crate::validate::{self, SourceDeclaration};
use chrono::NaiveDate;
use save::Replace;
use std::path::Path;
use std::time::Duration;

/// The largest file `fetch` accepts: MOF's weekly file is 256 KB after 21
/// years; a response hundreds of times larger is not a release.
pub const MAX_BYTES: u64 = 64_000_000;

/// How downloads are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchSettings {
    /// How many times a transient failure is tried again.
    pub retries: u32,
    /// The wait before the first retry; it doubles after each.
    pub retry_delay: Duration,
    /// The longest one attempt may take.
    pub timeout: Duration,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}

/// What fetching one source found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A newer release was saved at `path` (relative to the project).
    NewRelease {
        /// Where it was saved.
        path: String,
        /// Its version date.
        version: NaiveDate,
    },
    /// The publisher's file is the release the project already has (or an
    /// older one); nothing was saved.
    NoNewRelease {
        /// The source's path in `site.toml`.
        path: String,
        /// The version date of the release in `data/`.
        current: NaiveDate,
        /// The version date of the file downloaded.
        offered: NaiveDate,
    },
}

/// Fetches every source of the project at `root` that has a `url`.
pub fn fetch(
    root: &Path,
    settings: &FetchSettings,
    on_retry: &mut dyn FnMut(&Retry<'_>),
) -> Result<Vec<Outcome>, Error> {
    let loaded = load::load_project(root)?;
    let sources = validate::check_sources(&loaded)?;
    let wanted: Vec<(&SourceDeclaration, &str, Option<&crate::model::Dataset>)> = sources
        .config
        .sources
        .iter()
        .zip(&sources.releases)
        .filter_map(|(source, releases)| Some((source, source.url.as_deref()?, releases.last())))
        .collect();
    if wanted.is_empty() {
        let mut problems = Problems::new();
        problems.report(
            Location::file(CONFIG_FILE),
            "no [[sources]] entry has a `url`, so there is nothing to fetch",
            "add the address of the publisher's file to its entry, e.g. `url = \"https://www.mof.go.jp/policy/international_policy/reference/itn_transactions_in_securities/week.csv\"`",
        );
        return Err(problems.into_error());
    }

    // Every download is checked before anything is saved.
    let mut checked = Vec::new();
    for (source, url, current) in wanted {
        let bytes = download::download(url, settings, on_retry).map_err(|error| download_failed(url, error))?;
        let mut problems = Problems::new();
        let Some(table) = load::read_table(url, &bytes, &mut problems) else {
            return Err(problems.into_error());
        };
        if !problems.is_empty() {
            return Err(problems.into_error());
        }
        let release = validate::check_release(&sources.config, source, &table, current)?;
        let version = release.source.version;
        match current {
            Some(current) if version <= current.source.version => checked.push((
                Outcome::NoNewRelease {
                    path: source.path.clone(),
                    current: current.source.version,
                    offered: version,
                },
                None,
            )),
            _ => {
                let is_folder = is_folder_source(source, &loaded.tables);
                let path = if is_folder {
                    release_path(source, url, version)
                } else {
                    source.path.clone()
                };
                let replace = if is_folder { Replace::No } else { Replace::Yes };
                checked.push((Outcome::NewRelease { path, version }, Some((bytes, replace))));
            }
        }
    }
    for (outcome, save) in &checked {
        if let (Outcome::NewRelease { path, .. }, Some((bytes, replace))) = (outcome, save) {
            save::save_release(&root.join(path), bytes, *replace)?;
        }
    }
    Ok(checked.into_iter().map(|(outcome, _)| outcome).collect())
}

/// Whether `source` names a folder of releases rather than one file: its
/// path ends with `/`, or the files it covers are inside it.
fn is_folder_source(source: &SourceDeclaration, tables: &[load::RawTable]) -> bool {
    source.path.ends_with('/')
        || tables
            .iter()
            .any(|table| source.covers(&table.path) && table.path != source.path)
}

/// `data/mof/` + `…/week.csv` + 2026-09-24 -> `data/mof/week-2026-09-24.csv`.
fn release_path(source: &SourceDeclaration, url: &str, version: NaiveDate) -> String {
    let name = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .rsplit('/')
        .next()
        .unwrap_or("");
    // Only a plain file name is used; anything else would let a URL choose
    // where in the project the file lands.
    let stem = name
        .strip_suffix(".csv")
        .or_else(|| name.strip_suffix(".CSV"))
        .filter(|stem| !stem.is_empty() && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or("release");
    format!(
        "{}/{stem}-{}.csv",
        source.path.trim_end_matches('/'),
        version.format("%Y-%m-%d")
    )
}

/// The error a failed download is reported as: an answer that is not a
/// release is bad input (exit 1); no answer at all is an I/O error (exit 2).
fn download_failed(url: &str, error: DownloadError) -> Error {
    if error.is_answer() {
        let fix = match error {
            DownloadError::Status(404 | 410) | DownloadError::Html => {
                "check that the `url` in site.toml still names the publisher's file"
            }
            DownloadError::Truncated(_) => "try again later; nothing was saved",
            _ => "check the `url` in site.toml; nothing was saved",
        };
        let mut problems = Problems::new();
        problems.report(Location::file(url), error.to_string(), fix);
        problems.into_error()
    } else {
        Error::io("download", Path::new(url), std::io::Error::other(error.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::SourceFormat;

    fn source(path: &str) -> SourceDeclaration {
        SourceDeclaration {
            path: path.to_string(),
            format: SourceFormat::MofWeekly,
            title: None,
            version: None,
            url: None,
            cadence: None,
            line: 1,
            column: 1,
        }
    }

    #[test]
    fn names_a_release_in_a_folder_by_its_version_date() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 24).expect("date");
        let url = "https://www.mof.go.jp/policy/international_policy/reference/itn_transactions_in_securities/week.csv";
        assert_eq!(
            release_path(&source("data/mof/"), url, day),
            "data/mof/week-2026-09-24.csv"
        );
        assert_eq!(
            release_path(&source("data/mof"), "https://x/get?id=1", day),
            "data/mof/release-2026-09-24.csv"
        );
        assert_eq!(
            release_path(&source("data/m"), "https://x/..%2F..csv", day),
            "data/m/release-2026-09-24.csv"
        );
    }
}
