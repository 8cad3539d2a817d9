//! `site.toml` -> [`SiteConfig`].
//!
//! Strict: an unknown key is an error, because a misspelt key that is
//! silently ignored is a setting the user believes in and does not have.

use crate::error::{Location, Problems};
pub use crate::model::Unit;
use crate::model::{AssetClass, SeriesId};
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
    #[serde(default)]
    series: Vec<SeriesEntry>,
    #[serde(default)]
    derived: Vec<DerivedEntry>,
    lead_series: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    path: Spanned<String>,
    format: SourceFormat,
    title: Option<String>,
    version: Option<Spanned<toml::value::Datetime>>,
    url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesEntry {
    id: Spanned<String>,
    title: String,
    actor: String,
    asset: String,
    publisher: String,
    unit: Unit,
    frequency: Frequency,
    positive: Option<Spanned<String>>,
    #[serde(default)]
    direction: Option<SeriesDirection>,
    asset_class: Option<AssetClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DerivedEntry {
    id: Spanned<String>,
    from: String,
    frequency: Spanned<Frequency>,
    title: Option<String>,
}

/// How often a series has a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Sunday-to-Saturday weeks.
    Weekly,
    /// Calendar months.
    Monthly,
}

/// A monthly series flowsite sums from a weekly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedDeclaration {
    /// Its id.
    pub id: SeriesId,
    /// The weekly series it is summed from.
    pub from: String,
    /// Its title, if not the weekly series' with "monthly".
    pub title: Option<String>,
    /// The line of `site.toml` that declares it.
    pub line: usize,
}

/// What a positive value may mean: flowsite writes positive values as net
/// buying, and never flips a published sign.
const POSITIVE_MEANINGS: [&str; 3] = ["net purchases", "net buying", "net inflows"];

/// How a data file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SourceFormat {
    /// MOF's weekly `week.csv`, as published.
    #[serde(rename = "mof-weekly")]
    MofWeekly,
    /// One row per period and series: `series`, a period end and a value.
    #[serde(rename = "tidy")]
    Tidy,
}

/// Which way a declared series' money goes across the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesDirection {
    /// Non-residents buying the home market's securities.
    Inward,
    /// Residents buying securities abroad.
    Outward,
}

/// A data file the site is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDeclaration {
    /// Path relative to the project root.
    pub path: String,
    /// Its layout.
    pub format: SourceFormat,
    /// The statistic's title, for attribution (tidy files).
    pub title: Option<String>,
    /// The release's version date (tidy files); periods after it are errors.
    pub version: Option<chrono::NaiveDate>,
    /// Where the publisher puts each new release, for `flowsite fetch`.
    pub url: Option<String>,
    /// The line of `site.toml` that declares it.
    pub line: usize,
}

impl SourceDeclaration {
    /// Whether the data file at `path` belongs to this source: the file
    /// itself, or any file in the folder the source names.
    pub fn covers(&self, path: &str) -> bool {
        let folder = self.path.trim_end_matches('/');
        path == self.path || path.strip_prefix(folder).is_some_and(|rest| rest.starts_with('/'))
    }
}

/// A series declared in `site.toml`, for tidy files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesDeclaration {
    /// The id the data's `series` column uses.
    pub id: SeriesId,
    /// The kind of security it counts.
    pub asset_class: AssetClass,
    /// Full title.
    pub title: String,
    /// Who buys.
    pub actor: String,
    /// What they buy.
    pub asset: String,
    /// Attribution shown with the figures.
    pub publisher: String,
    /// The published unit.
    pub unit: Unit,
    /// Inward or outward.
    pub direction: SeriesDirection,
    /// Weekly or monthly.
    pub frequency: Frequency,
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
    /// Series declared for tidy files.
    pub series: Vec<SeriesDeclaration>,
    /// Monthly series summed from weekly ones.
    pub derived: Vec<DerivedDeclaration>,
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
    let mut sources = Vec::new();
    for entry in file.sources {
        let line = line_of(text, entry.path.span().start);
        let version = match entry.version {
            Some(version) => {
                let version_line = line_of(text, version.span().start);
                let value = version.into_inner();
                match (value.date, value.time) {
                    (Some(date), None) => chrono::NaiveDate::from_ymd_opt(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    ),
                    _ => {
                        problems.report(
                            Location::line(path, version_line),
                            format!("version `{value}` is not a plain date"),
                            "write the release date, e.g. `version = 2026-09-17`",
                        );
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        let url = match entry.url {
            Some(url) => {
                let url_line = line_of(text, url.span().start);
                let value = url.into_inner();
                match check_url(&value) {
                    Ok(()) => Some(value),
                    Err((what, fix)) => {
                        problems.report(Location::line(path, url_line), what, fix);
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        if entry.format == SourceFormat::MofWeekly && (version.is_some() || entry.title.is_some()) {
            problems.report(
                Location::line(path, line),
                "`version` and `title` are read from MOF's file itself",
                "remove them from this [[sources]] entry",
            );
            ok = false;
        }
        sources.push(SourceDeclaration {
            line,
            path: entry.path.into_inner(),
            format: entry.format,
            title: entry.title,
            version,
            url,
        });
    }
    let mut series = Vec::new();
    for entry in file.series {
        let line = line_of(text, entry.id.span().start);
        if let Some(positive) = &entry.positive
            && !POSITIVE_MEANINGS.contains(&positive.get_ref().trim().to_lowercase().as_str())
        {
            problems.report(
                Location::line(path, line_of(text, positive.span().start)),
                format!(
                    "positive = `{}`: flowsite writes positive values as net buying",
                    positive.get_ref()
                ),
                format!(
                    "use one of {}; a series published with the opposite sign cannot be shown without editing it",
                    POSITIVE_MEANINGS.join(", ")
                ),
            );
            ok = false;
        }
        let Some(id) = declared_id(path, text, &entry.id, problems) else {
            ok = false;
            continue;
        };
        series.push(SeriesDeclaration {
            id,
            asset_class: entry.asset_class.unwrap_or(AssetClass::Other),
            title: entry.title,
            actor: entry.actor,
            asset: entry.asset,
            publisher: entry.publisher,
            unit: entry.unit,
            direction: entry.direction.unwrap_or(SeriesDirection::Inward),
            frequency: entry.frequency,
            line,
        });
    }
    let mut derived = Vec::new();
    for entry in file.derived {
        let line = line_of(text, entry.id.span().start);
        if *entry.frequency.get_ref() != Frequency::Monthly {
            problems.report(
                Location::line(path, line_of(text, entry.frequency.span().start)),
                "a derived series sums weeks into months: its frequency must be \"monthly\"",
                "write `frequency = \"monthly\"`",
            );
            ok = false;
        }
        let Some(id) = declared_id(path, text, &entry.id, problems) else {
            ok = false;
            continue;
        };
        derived.push(DerivedDeclaration {
            id,
            from: entry.from,
            title: entry.title,
            line,
        });
    }
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
        series,
        derived,
        lead_series,
        lead_series_line,
    })
}

/// Checks a source's `url`: `https://`, or plain `http://` to this machine
/// only (a local mirror, or a test). Over plain http anyone on the way could
/// change the figures a site then publishes under the publisher's name.
/// Returns what is wrong and the fix.
fn check_url(url: &str) -> Result<(), (String, String)> {
    let plain_host = url.strip_prefix("http://").map(|rest| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => authority.split(':').next().unwrap_or(""),
        };
        host.to_ascii_lowercase()
    });
    let well_formed = !url.contains(char::is_whitespace);
    match plain_host {
        _ if !well_formed => Err((
            format!("url `{url}` contains a space"),
            "write the address exactly as the publisher gives it".to_string(),
        )),
        None if url.starts_with("https://") && url.len() > "https://".len() => Ok(()),
        Some(host) if matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1") => Ok(()),
        Some(_) => Err((
            format!("url `{url}` is plain http"),
            "use the publisher's https:// address; plain http is accepted only for this machine (127.0.0.1)"
                .to_string(),
        )),
        None => Err((
            format!("url `{url}` is not an https:// address"),
            "write the address of the publisher's file, e.g. `https://www.mof.go.jp/.../week.csv`".to_string(),
        )),
    }
}

/// The id a `[[series]]` or `[[derived]]` entry declares, if it is a valid
/// one; ids become URL segments and file names, so nothing else is let in.
fn declared_id(path: &str, text: &str, id: &Spanned<String>, problems: &mut Problems) -> Option<SeriesId> {
    match SeriesId::parse(id.get_ref()) {
        Ok(id) => Some(id),
        Err(what) => {
            let start = id.span().start;
            problems.report(
                Location::cell(path, line_of(text, start), column_of(text, start)),
                what,
                "use lowercase letters, digits, `-` and `_`, e.g. `kr-equity`",
            );
            None
        }
    }
}

/// 1-based character column of byte `offset` in `text`.
pub fn column_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    1 + text[line_start..offset].chars().count()
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
    fn accepts_https_urls_and_plain_http_only_to_this_machine() {
        for good in [
            "https://www.mof.go.jp/policy/week.csv",
            "http://127.0.0.1:8080/week.csv",
            "http://localhost/week.csv",
            "http://[::1]:9/w.csv",
        ] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for bad in [
            "http://www.mof.go.jp/week.csv",
            "http://127.0.0.1.example.org/w.csv",
            "ftp://x/w.csv",
            "https://",
            "https://a b/",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
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
