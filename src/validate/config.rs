//! `site.toml` -> [`SiteConfig`].
//!
//! Strict: an unknown key is an error, because a misspelt key that is
//! silently ignored is a setting the user believes in and does not have.

use crate::error::{Location, Problems};
use serde::Deserialize;
use toml::Spanned;

/// The default series the home page leads with: foreign investors' net
/// purchases of Japanese stocks and long-term bonds, the figures wire
/// reports lead with.
const DEFAULT_LEAD: [&str; 2] = ["inward-equity", "inward-long-term-debt"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: String,
    description: Option<String>,
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    sources: Vec<SourceEntry>,
    lead_series: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    path: Spanned<String>,
    format: SourceFormat,
}

/// How a data file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SourceFormat {
    /// MOF's weekly `week.csv`, as published.
    #[serde(rename = "mof-weekly")]
    MofWeekly,
}

/// A data file the site is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDeclaration {
    /// Path relative to the project root.
    pub path: String,
    /// Its layout.
    pub format: SourceFormat,
    /// The line of `site.toml` that declares it.
    pub line: usize,
}

/// The site's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// The site's name, shown in every page header.
    pub title: String,
    /// One sentence on what the site is, for the home page and metadata.
    pub description: String,
    /// Absolute address the site is published at, ending in `/`, if given.
    pub base_url: Option<String>,
    /// The data files to read.
    pub sources: Vec<SourceDeclaration>,
    /// Series the home page leads with, in order.
    pub lead_series: Vec<String>,
    /// The line of `site.toml` that sets `lead_series`, for error messages.
    pub lead_series_line: usize,
}

/// Parses `site.toml`; problems are reported with their line.
pub fn parse_config(path: &str, text: &str, problems: &mut Problems) -> Option<SiteConfig> {
    let file: ConfigFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(error) => {
            let line = error.span().map(|span| line_of(text, span.start)).unwrap_or(1);
            problems.report(
                Location::line(path, line),
                format!("invalid site configuration: {}", error.message().trim_end()),
                "fix the key or value; the README lists every key of site.toml",
            );
            return None;
        }
    };
    let mut ok = true;
    let base_url = match file.base_url {
        Some(url) => {
            let line = line_of(text, url.span().start);
            let value = url.into_inner();
            if !(value.starts_with("https://") || value.starts_with("http://")) || value.contains(char::is_whitespace) {
                problems.report(
                    Location::line(path, line),
                    format!("base_url `{value}` is not an absolute http(s) address"),
                    "write the address the site is published at, e.g. `https://example.org/flows/`",
                );
                ok = false;
                None
            } else if value.ends_with('/') {
                Some(value)
            } else {
                Some(format!("{value}/"))
            }
        }
        None => None,
    };
    if file.sources.is_empty() {
        problems.report(
            Location::file(path),
            "no data sources declared",
            "add `[[sources]]` with `path = \"data/week.csv\"` and `format = \"mof-weekly\"`",
        );
        ok = false;
    }
    let sources = file
        .sources
        .into_iter()
        .map(|entry| SourceDeclaration {
            line: line_of(text, entry.path.span().start),
            path: entry.path.into_inner(),
            format: entry.format,
        })
        .collect();
    let (lead_series, lead_series_line) = match file.lead_series {
        Some(lead) => {
            let line = line_of(text, lead.span().start);
            (lead.into_inner(), line)
        }
        None => (DEFAULT_LEAD.iter().map(|id| id.to_string()).collect(), 1),
    };
    if !ok {
        return None;
    }
    Some(SiteConfig {
        title: file.title,
        description: file
            .description
            .unwrap_or_else(|| "Weekly portfolio flows in charts, from the published statistics.".to_string()),
        base_url,
        sources,
        lead_series,
        lead_series_line,
    })
}

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_keys_with_their_line() {
        let mut problems = Problems::new();
        let text = "title = \"x\"\nbase_ulr = \"https://a/\"\n";
        assert!(parse_config("site.toml", text, &mut problems).is_none());
        let error = problems.into_result(()).expect_err("unknown key");
        let crate::error::Error::Invalid(found) = error else {
            panic!("not invalid")
        };
        assert_eq!(found[0].location.line, Some(2));
        assert!(found[0].message.contains("unknown field `base_ulr`"), "{}", found[0]);
    }

    #[test]
    fn adds_trailing_slash_to_base_url() {
        let mut problems = Problems::new();
        let text = "title = \"x\"\nbase_url = \"https://a.example/flows\"\n[[sources]]\npath = \"data/week.csv\"\nformat = \"mof-weekly\"\n";
        let config = parse_config("site.toml", text, &mut problems).expect("valid");
        assert_eq!(config.base_url.as_deref(), Some("https://a.example/flows/"));
        assert_eq!(config.sources[0].line, 4);
    }
}
