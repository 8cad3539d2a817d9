//! `site.toml` -> [`SiteConfig`].
//!
//! Strict: an unknown key is an error, because a misspelt key that is
//! silently ignored is a setting the user believes in and does not have.
//! Every problem in the file is reported, each at its line and column: the
//! file is read by serde in one go, and only if that fails is it taken
//! apart entry by entry to find every problem rather than the first
//! (see [`report_every_problem`]).

use crate::error::{Location, Problems, quote};
pub use crate::model::Unit;
use crate::model::{AssetClass, SeriesId};
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::ops::Range;
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
    lead_series: Option<Spanned<Vec<Spanned<String>>>>,
    allow_raw_html: Option<bool>,
    #[serde(default)]
    annotations: Vec<super::annotations::AnnotationEntry>,
    #[serde(default)]
    fx: Vec<super::fx::FxEntry>,
    languages: Option<LanguagesEntry>,
    images: Option<ImagesEntry>,
}

/// `[images]`: which weeks' briefs get share cards and image editions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImagesEntry {
    briefs_from: Option<Spanned<String>>,
}

/// `[languages.*]`: the editions besides English the site publishes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesEntry {
    ja: Option<EditionEntry>,
}

/// One edition's own name and description.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditionEntry {
    title: String,
    description: String,
}

/// An edition in another language than English: the site's name and
/// description in it (`[languages.ja]` in `site.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionConfig {
    /// The site's name in the edition's language.
    pub title: String,
    /// One sentence on the site in the edition's language.
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    path: Spanned<String>,
    format: SourceFormat,
    title: Option<String>,
    version: Option<Spanned<toml::value::Datetime>>,
    url: Option<Spanned<String>>,
    weekly_release_day: Option<ReleaseDay>,
}

/// The day of the week a publisher releases new figures on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ReleaseDay {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl ReleaseDay {
    fn weekday(self) -> chrono::Weekday {
        use chrono::Weekday;
        match self {
            ReleaseDay::Monday => Weekday::Mon,
            ReleaseDay::Tuesday => Weekday::Tue,
            ReleaseDay::Wednesday => Weekday::Wed,
            ReleaseDay::Thursday => Weekday::Thu,
            ReleaseDay::Friday => Weekday::Fri,
            ReleaseDay::Saturday => Weekday::Sat,
            ReleaseDay::Sunday => Weekday::Sun,
        }
    }
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
    /// Its 1-based column, where the declaring key starts.
    pub column: usize,
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
    /// How often the publisher releases it (tidy files may say; MOF's
    /// importer knows).
    pub cadence: Option<crate::model::Cadence>,
    /// The line of `site.toml` that declares it.
    pub line: usize,
    /// Its 1-based column, where the declaring key starts.
    pub column: usize,
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
    /// Its 1-based column, where the declaring key starts.
    pub column: usize,
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
    /// Where `site.toml` names each of `lead_series`, for error messages;
    /// empty when flowsite chose them.
    pub lead_series_locations: Vec<Location>,
    /// Whether commentary may hold raw HTML (a desk whose every author is
    /// trusted); off by default.
    pub allow_raw_html: bool,
    /// Events marked on every chart of their series.
    pub annotations: Vec<super::annotations::Annotation>,
    /// Exchange-rate files yen figures are converted to dollars with.
    pub fx: Vec<super::fx::FxDeclaration>,
    /// The Japanese edition (`[languages.ja]`), if the site publishes one.
    pub japanese: Option<EditionConfig>,
    /// The first day whose weeks' briefs get a share card and PNG editions
    /// of their charts (`[images] briefs_from`); every week when `None`.
    /// Drawing a PNG costs tens of milliseconds, a card and four chart
    /// images for each of a thousand weeks several minutes of a cold build.
    pub images_from: Option<NaiveDate>,
}

/// `site.toml`'s text, for turning byte offsets into locations.
#[derive(Clone, Copy)]
struct ConfigText<'a> {
    path: &'a str,
    text: &'a str,
}

impl ConfigText<'_> {
    /// The line and column of byte `offset`.
    fn at(&self, offset: usize) -> Location {
        Location::cell(self.path, line_of(self.text, offset), column_of(self.text, offset))
    }

    /// Reports a problem at byte `offset`.
    fn report(&self, problems: &mut Problems, offset: usize, message: impl Into<String>, fix: impl Into<String>) {
        problems.report(self.at(offset), message, fix);
    }
}

/// A step that found problems has reported them; the config is then not
/// made, but the other steps still run, so that every problem is listed.
#[derive(Debug, Clone, Copy)]
struct Reported;

/// What every `Checked` step gives.
type Checked<T> = Result<T, Reported>;

/// Parses `site.toml`; every problem is reported with its line and column.
pub fn parse_config(path: &str, text: &str, problems: &mut Problems) -> Option<SiteConfig> {
    let config = ConfigText { path, text };
    let file = read_config_file(config, problems)?;
    let base_url = check_base_url(config, file.base_url, problems);
    let sources = check_sources(config, file.sources, problems);
    let mut declared_ids = Vec::new();
    let series = check_series(config, file.series, &mut declared_ids, problems);
    let derived = check_derived(config, file.derived, &mut declared_ids, problems);
    let unique = check_unique_ids(config, &declared_ids, problems);
    let (sources, series, derived) = (sources.ok()?, series.ok()?, derived.ok()?);
    let (base_url, ()) = (base_url.ok()?, unique.ok()?);
    let annotations = super::annotations::parse_annotations(path, text, 1, file.annotations, problems);
    let (lead_series, lead_series_locations) = lead_series(config, file.lead_series, &sources, &series);
    let images_from = check_images_from(config, file.images.and_then(|images| images.briefs_from), problems).ok()?;
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
        lead_series_locations,
        allow_raw_html: file.allow_raw_html.unwrap_or(false),
        annotations,
        fx: file
            .fx
            .into_iter()
            .map(|entry| super::fx::FxDeclaration::from_entry(entry, |offset| line_of(text, offset)))
            .collect(),
        japanese: file
            .languages
            .and_then(|languages| languages.ja)
            .map(|ja| EditionConfig {
                title: ja.title,
                description: ja.description,
            }),
        images_from,
    })
}

/// `[images] briefs_from`, a day written `YYYY-MM-DD`.
fn check_images_from(
    config: ConfigText<'_>,
    value: Option<Spanned<String>>,
    problems: &mut Problems,
) -> Checked<Option<NaiveDate>> {
    let Some(value) = value else { return Ok(None) };
    match NaiveDate::parse_from_str(value.get_ref(), "%Y-%m-%d") {
        Ok(day) => Ok(Some(day)),
        Err(_) => {
            config.report(
                problems,
                value.span().start,
                format!(
                    "`briefs_from` must be a day written YYYY-MM-DD, not \"{}\"",
                    quote(value.get_ref())
                ),
                "write e.g. briefs_from = \"2026-01-01\": briefs of weeks ending on or after it get cards and images",
            );
            Err(Reported)
        }
    }
}

/// The file as serde reads it, or every problem that stops it.
fn read_config_file(config: ConfigText<'_>, problems: &mut Problems) -> Option<ConfigFile> {
    match toml::from_str::<ConfigFile>(config.text) {
        Ok(file) => Some(file),
        Err(error) => {
            report_every_problem(config, &error, problems);
            None
        }
    }
}

fn config_problem(config: ConfigText<'_>, problems: &mut Problems, offset: usize, message: &str) {
    // The parser's wording quotes the file's own keys and values; messages
    // are bounded and escaped as they are made. One of its phrases is
    // serde's own shorthand.
    let message = match message.trim_end() {
        "wanted string or table" => "this value must be one of the quoted words the README lists, e.g. \"weekly\"",
        other => other,
    };
    config.report(
        problems,
        offset,
        format!("invalid site configuration: {}", message.trim_end()),
        "fix the key or value; the README lists every key of site.toml",
    );
}

/// Reads one part of `site.toml` (blanked text with the file's offsets) as
/// the struct it is.
type ReadPart = fn(&str) -> Result<(), toml::de::Error>;

/// The arrays of tables `site.toml` holds whose entries are checked one by
/// one when the file does not read, each with a reader of one entry.
const ENTRY_READERS: [(&str, ReadPart); 5] = [
    ("sources", |text| toml::from_str::<SourceEntry>(text).map(drop)),
    ("series", |text| toml::from_str::<SeriesEntry>(text).map(drop)),
    ("derived", |text| toml::from_str::<DerivedEntry>(text).map(drop)),
    ("fx", |text| toml::from_str::<super::fx::FxEntry>(text).map(drop)),
    ("annotations", |text| {
        toml::from_str::<super::annotations::AnnotationEntry>(text).map(drop)
    }),
];

/// Serde stops at a file's first problem. To list them all, the file is
/// read with toml_edit, which keeps every key's place, and each part is
/// given to serde on its own: the top-level keys, then every entry of every
/// `[[sources]]`, `[[series]]` and `[[derived]]`. Each part is the file's
/// own text with everything else blanked out, so that serde's byte offsets
/// are the file's; after each problem the key it points at is blanked too
/// and the part read again.
fn report_every_problem(config: ConfigText<'_>, whole: &toml::de::Error, problems: &mut Problems) {
    let whole_problem = |problems: &mut Problems| {
        let offset = whole.span().map_or(0, |span| span.start);
        config_problem(config, problems, offset, whole.message());
    };
    // A syntax error leaves nothing to take apart.
    let Ok(document) = toml_edit::ImDocument::parse(config.text) else {
        whole_problem(problems);
        return;
    };
    let mut found = Problems::new();
    let known = field_names::<ConfigFile>();
    let mut top_level = Vec::new();
    for (name, item) in document.as_table().iter() {
        let Some((key, _)) = document.as_table().get_key_value(name) else {
            continue;
        };
        let key_span = key.span().unwrap_or(0..0);
        if !known.contains(&name) {
            let expected = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            config_problem(
                config,
                &mut found,
                key_span.start,
                &format!("unknown field `{}`, expected one of {expected}", quote(name)),
            );
            continue;
        }
        if let Some(entries) = item.as_array_of_tables() {
            let Some((_, read)) = ENTRY_READERS.iter().find(|(array, _)| *array == name) else {
                continue;
            };
            for entry in entries.iter() {
                let pairs: Vec<(String, Range<usize>)> = entry
                    .iter()
                    .filter_map(|(entry_key, value)| {
                        Some((
                            entry_key.to_string(),
                            pair_span(entry.get_key_value(entry_key)?.0, value)?,
                        ))
                    })
                    .collect();
                let header = entry.span().map_or(key_span.start, |span| span.start);
                read_part(config, pairs, header, *read, &mut found);
            }
        } else if !item.is_table() {
            top_level.extend(pair_span(key, item).map(|span| (name.to_string(), span)));
        }
    }
    read_part(
        config,
        top_level,
        0,
        |text| toml::from_str::<ConfigFile>(text).map(drop),
        &mut found,
    );
    if found.is_empty() {
        whole_problem(problems);
    } else {
        problems.extend(found);
    }
}

/// The byte range from a key to the end of its value.
fn pair_span(key: &toml_edit::Key, value: &toml_edit::Item) -> Option<Range<usize>> {
    Some(key.span()?.start..value.span()?.end)
}

/// Reads the key-value pairs at `pairs` (key, byte range) with `read`,
/// reporting each problem and then reading again without it: a pair with
/// a bad value is blanked and a stand-in of the expected type appended at
/// the end of the text (so that the file's offsets stay put), and a
/// missing key gets a stand-in too, so that the keys after it are still
/// checked. A missing key is reported at `header`, the entry's first line.
fn read_part(
    config: ConfigText<'_>,
    mut pairs: Vec<(String, Range<usize>)>,
    header: usize,
    read: ReadPart,
    problems: &mut Problems,
) {
    let end = config.text.len();
    // Stand-ins appended after the file's text: (key, value).
    let mut stand_ins: Vec<(String, String)> = Vec::new();
    // Each round removes a pair, adds a stand-in or changes one's type; the
    // bound only guards against a parser that keeps answering the same.
    for _ in 0..64 {
        let ranges: Vec<Range<usize>> = pairs.iter().map(|(_, range)| range.clone()).collect();
        let mut text = keep_only(config.text, &ranges);
        let mut stand_in_starts = Vec::new();
        for (key, value) in &stand_ins {
            text.push('\n');
            stand_in_starts.push(text.len());
            text.push_str(&format!("{key} = {value}"));
        }
        let Err(error) = read(&text) else { return };
        let message = error.message();
        let at = error.span().map(|span| span.start);
        if let Some(missing) = message.strip_prefix("missing field ") {
            let key = missing.trim().trim_matches('`').to_string();
            if stand_ins.iter().any(|(k, _)| *k == key) {
                return;
            }
            config_problem(config, problems, header, message);
            stand_ins.push((key, "\"\"".to_string()));
            continue;
        }
        match at {
            Some(at) if at >= end => {
                // A stand-in of the wrong type: give it the type asked for.
                let Some(index) = stand_in_starts.iter().rposition(|&start| start <= at) else {
                    return;
                };
                match stand_in_for(message) {
                    Some(value) if value != stand_ins[index].1 => stand_ins[index].1 = value,
                    _ => return,
                }
            }
            Some(at) => {
                config_problem(config, problems, at, message);
                let Some(index) = pairs.iter().position(|(_, range)| range.contains(&at)) else {
                    return;
                };
                let (key, _) = pairs.remove(index);
                if !message.starts_with("unknown field")
                    && let Some(value) = stand_in_for(message)
                {
                    stand_ins.push((key, value));
                }
            }
            None => {
                config_problem(config, problems, header, message);
                return;
            }
        }
    }
}

/// A TOML value of the type a parser's message says it expected.
fn stand_in_for(message: &str) -> Option<String> {
    let expected = message.rsplit("expected ").next()?;
    if let Some(variants) = expected.strip_prefix('`') {
        // An enum: its first variant.
        return variants.split('`').next().map(|variant| format!("\"{variant}\""));
    }
    let value = match expected.trim() {
        e if e.contains("string") => "\"\"",
        e if e.contains("bool") => "false",
        e if e.contains("sequence") || e.contains("array") => "[]",
        e if e.contains("datetime") || e.contains("date") => "1970-01-01",
        e if e.contains("float") || e.contains("f64") || e.contains("f32") => "0.0",
        e if e.contains("integer") || e.contains("i64") || e.contains("u") => "0",
        e if e.contains("map") || e.contains("table") || e.contains("struct") => "{}",
        _ => return None,
    };
    Some(value.to_string())
}

/// `text` with every byte outside `keep` blanked: line breaks stay, so that
/// offsets, lines and columns are the original's.
fn keep_only(text: &str, keep: &[Range<usize>]) -> String {
    let mut kept: Vec<u8> = text
        .bytes()
        .map(|byte| if byte == b'\n' || byte == b'\r' { byte } else { b' ' })
        .collect();
    for range in keep {
        if let (Some(part), Some(target)) = (text.as_bytes().get(range.clone()), kept.get_mut(range.clone())) {
            target.copy_from_slice(part);
        }
    }
    // Blanking only replaces whole pairs, which are whole characters.
    String::from_utf8(kept).unwrap_or_default()
}

/// The keys a struct read with `#[serde(deny_unknown_fields)]` accepts,
/// from its own `Deserialize`, so that the list can never drift from the
/// struct.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Fields<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("only the field names were wanted"))
        }
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}

fn check_base_url(
    config: ConfigText<'_>,
    base_url: Option<Spanned<String>>,
    problems: &mut Problems,
) -> Checked<Option<String>> {
    let Some(url) = base_url else { return Ok(None) };
    let start = url.span().start;
    let value = url.into_inner();
    if !(value.starts_with("https://") || value.starts_with("http://")) || value.contains(char::is_whitespace) {
        config.report(
            problems,
            start,
            format!("base_url `{}` is not an absolute http(s) address", quote(&value)),
            "write the address the site is published at, e.g. `https://example.org/flows/`",
        );
        return Err(Reported);
    }
    Ok(Some(if value.ends_with('/') {
        value
    } else {
        format!("{value}/")
    }))
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
            format!("url `{}` contains a space", quote(url)),
            "write the address exactly as the publisher gives it".to_string(),
        )),
        None if url.starts_with("https://") && url.len() > "https://".len() => Ok(()),
        Some(host) if matches!(host.as_str(), "127.0.0.1" | "localhost" | "::1") => Ok(()),
        Some(_) => Err((
            format!("url `{}` is plain http", quote(url)),
            "use the publisher's https:// address; plain http is accepted only for this machine (127.0.0.1)"
                .to_string(),
        )),
        None => Err((
            format!("url `{}` is not an https:// address", quote(url)),
            "write the address of the publisher's file, e.g. `https://www.mof.go.jp/.../week.csv`".to_string(),
        )),
    }
}

fn check_sources(
    config: ConfigText<'_>,
    entries: Vec<SourceEntry>,
    problems: &mut Problems,
) -> Checked<Vec<SourceDeclaration>> {
    if entries.is_empty() {
        problems.report(
            Location::file(config.path),
            "no data sources declared",
            "add `[[sources]]` with `path = \"data/week.csv\"` and `format = \"mof-weekly\"`",
        );
        return Err(Reported);
    }
    let mut result = Ok(());
    let mut sources = Vec::new();
    for entry in entries {
        let start = entry.path.span().start;
        let version = match entry.version.map(|version| release_date(config, version, problems)) {
            Some(Ok(date)) => Some(date),
            Some(Err(reported)) => {
                result = Err(reported);
                None
            }
            None => None,
        };
        let url = match entry.url {
            Some(url) => match check_url(url.get_ref()) {
                Ok(()) => Some(url.into_inner()),
                Err((what, fix)) => {
                    config.report(problems, url.span().start, what, fix);
                    result = Err(Reported);
                    None
                }
            },
            None => None,
        };
        if entry.format == SourceFormat::MofWeekly
            && (version.is_some() || entry.title.is_some() || entry.weekly_release_day.is_some())
        {
            config.report(
                problems,
                start,
                "`version`, `title` and `weekly_release_day` are known for MOF's file: it says its version and title, and MOF releases every Thursday",
                "remove them from this [[sources]] entry",
            );
            result = Err(Reported);
        }
        sources.push(SourceDeclaration {
            line: line_of(config.text, start),
            column: column_of(config.text, start),
            path: entry.path.into_inner(),
            format: entry.format,
            title: entry.title,
            version,
            url,
            cadence: entry
                .weekly_release_day
                .map(|day| crate::model::Cadence::Weekly(day.weekday())),
        });
    }
    result.map(|()| sources)
}

/// A source's `version`, which must be a plain date.
fn release_date(
    config: ConfigText<'_>,
    version: Spanned<toml::value::Datetime>,
    problems: &mut Problems,
) -> Checked<chrono::NaiveDate> {
    let start = version.span().start;
    let value = version.into_inner();
    let date = match (value.date, value.time) {
        (Some(date), None) => {
            chrono::NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
        }
        _ => None,
    };
    date.ok_or_else(|| {
        config.report(
            problems,
            start,
            format!("version `{}` is not a plain date", quote(&value.to_string())),
            "write the release date, e.g. `version = 2026-09-17`",
        );
        Reported
    })
}

fn check_series(
    config: ConfigText<'_>,
    entries: Vec<SeriesEntry>,
    declared_ids: &mut Vec<(SeriesId, usize)>,
    problems: &mut Problems,
) -> Checked<Vec<SeriesDeclaration>> {
    let mut result = Ok(());
    let mut series = Vec::new();
    for entry in entries {
        let start = entry.id.span().start;
        if let Some(positive) = &entry.positive
            && !POSITIVE_MEANINGS.contains(&positive.get_ref().trim().to_lowercase().as_str())
        {
            config.report(
                problems,
                positive.span().start,
                format!(
                    "positive = `{}`: flowsite writes positive values as net buying",
                    quote(positive.get_ref())
                ),
                format!(
                    "use one of {}; a series published with the opposite sign cannot be shown without editing it",
                    POSITIVE_MEANINGS.join(", ")
                ),
            );
            result = Err(Reported);
        }
        let Ok(id) = declared_id(config, &entry.id, problems) else {
            result = Err(Reported);
            continue;
        };
        declared_ids.push((id.clone(), start));
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
            line: line_of(config.text, start),
            column: column_of(config.text, start),
        });
    }
    result.map(|()| series)
}

fn check_derived(
    config: ConfigText<'_>,
    entries: Vec<DerivedEntry>,
    declared_ids: &mut Vec<(SeriesId, usize)>,
    problems: &mut Problems,
) -> Checked<Vec<DerivedDeclaration>> {
    let mut result = Ok(());
    let mut derived = Vec::new();
    for entry in entries {
        let start = entry.id.span().start;
        if *entry.frequency.get_ref() != Frequency::Monthly {
            config.report(
                problems,
                entry.frequency.span().start,
                "a derived series sums weeks into months: its frequency must be \"monthly\"",
                "write `frequency = \"monthly\"`",
            );
            result = Err(Reported);
        }
        let Ok(id) = declared_id(config, &entry.id, problems) else {
            result = Err(Reported);
            continue;
        };
        declared_ids.push((id.clone(), start));
        derived.push(DerivedDeclaration {
            id,
            from: entry.from,
            title: entry.title,
            line: line_of(config.text, start),
            column: column_of(config.text, start),
        });
    }
    result.map(|()| derived)
}

/// Every `[[series]]` and `[[derived]]` id once: ids name pages and files,
/// so a second series with the same id would overwrite the first.
fn check_unique_ids(config: ConfigText<'_>, declared: &[(SeriesId, usize)], problems: &mut Problems) -> Checked<()> {
    let mut first: BTreeMap<&SeriesId, usize> = BTreeMap::new();
    let mut result = Ok(());
    for (id, start) in declared {
        if let Some(&earlier) = first.get(id) {
            config.report(
                problems,
                *start,
                format!(
                    "series id `{id}` is declared twice (first on line {})",
                    line_of(config.text, earlier)
                ),
                "give every series its own id: the id names its page and files",
            );
            result = Err(Reported);
        } else {
            first.insert(id, *start);
        }
    }
    result
}

/// The series the home page leads with: as set, or else the figures wire
/// reports lead with for MOF's file, or else the first weekly series
/// declared.
fn lead_series(
    config: ConfigText<'_>,
    lead: Option<Spanned<Vec<Spanned<String>>>>,
    sources: &[SourceDeclaration],
    series: &[SeriesDeclaration],
) -> (Vec<String>, Vec<Location>) {
    if let Some(lead) = lead {
        return lead
            .into_inner()
            .into_iter()
            .map(|id| (config.at(id.span().start), id.into_inner()))
            .map(|(location, id)| (id, location))
            .unzip();
    }
    let chosen = match sources.first().map(|source| source.format) {
        Some(SourceFormat::MofWeekly) => DEFAULT_LEAD.iter().map(|id| id.to_string()).collect(),
        _ => series
            .iter()
            .find(|declaration| declaration.frequency == Frequency::Weekly)
            .map(|declaration| vec![declaration.id.to_string()])
            .unwrap_or_default(),
    };
    (chosen, Vec::new())
}

/// The id a `[[series]]` or `[[derived]]` entry declares, if it is a valid
/// one; ids become URL segments and file names, so nothing else is let in.
fn declared_id(config: ConfigText<'_>, id: &Spanned<String>, problems: &mut Problems) -> Checked<SeriesId> {
    SeriesId::parse(id.get_ref()).map_err(|what| {
        config.report(
            problems,
            id.span().start,
            what,
            "use lowercase letters, digits, `-` and `_`, e.g. `kr-equity`",
        );
        Reported
    })
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

    fn problems_of(text: &str) -> Vec<String> {
        let mut problems = Problems::new();
        let config = parse_config("site.toml", text, &mut problems);
        match problems.into_result(()) {
            Ok(()) => {
                assert!(config.is_some());
                Vec::new()
            }
            Err(crate::error::Error::Invalid(found)) => found.iter().map(ToString::to_string).collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    #[test]
    fn lists_every_problem_of_the_file_with_line_and_column() {
        let text = "title = \"x\"\ntheme = \"dark\"\nbase_url = 5\n\n[[sources]]\npath = \"data/a.csv\"\nformat = \"mof-weekl\"\ncolour = 1\n\n[[series]]\nid = \"a\"\ntitle = 3\nunit = \"oku\"\n";
        let found = problems_of(text);
        let at: Vec<&str> = found.iter().map(|p| p.split(": ").next().unwrap_or("")).collect();
        assert_eq!(
            at,
            vec![
                "site.toml:2:1",
                "site.toml:3:12",
                "site.toml:7:10",
                "site.toml:8:1",
                "site.toml:10:1",
                "site.toml:10:1",
                "site.toml:10:1",
                "site.toml:10:1",
                "site.toml:12:9"
            ],
            "{found:#?}"
        );
        assert!(found[0].contains("unknown field `theme`"), "{}", found[0]);
        let missing: Vec<&str> = found[4..8]
            .iter()
            .filter_map(|p| p.split("missing field `").nth(1)?.split('`').next())
            .collect();
        assert_eq!(missing, vec!["actor", "asset", "frequency", "publisher"]);
    }

    #[test]
    fn refuses_a_series_id_declared_twice() {
        let entry = "[[series]]\nid = \"a\"\ntitle = \"A\"\nactor = \"x\"\nasset = \"y\"\npublisher = \"p\"\nunit = \"oku\"\nfrequency = \"weekly\"\n";
        let text = format!("title = \"x\"\n[[sources]]\npath = \"data/a.csv\"\nformat = \"tidy\"\n{entry}{entry}");
        let found = problems_of(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("site.toml:14:6: series id `a` is declared twice (first on line 6)"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn leads_with_the_first_declared_weekly_series_by_default() {
        let mut problems = Problems::new();
        let entry = |id: &str, frequency: &str| {
            format!(
                "[[series]]\nid = \"{id}\"\ntitle = \"A\"\nactor = \"x\"\nasset = \"y\"\npublisher = \"p\"\nunit = \"oku\"\nfrequency = \"{frequency}\"\n"
            )
        };
        let text = format!(
            "title = \"x\"\n[[sources]]\npath = \"data/a.csv\"\nformat = \"tidy\"\n{}{}",
            entry("kr-monthly", "monthly"),
            entry("kr-equity", "weekly")
        );
        let config = parse_config("site.toml", &text, &mut problems).expect("valid");
        assert_eq!(config.lead_series, vec!["kr-equity".to_string()]);
        assert!(config.lead_series_locations.is_empty());
    }

    #[test]
    fn rejects_unknown_keys_with_their_line() {
        let mut problems = Problems::new();
        let text = "title = \"x\"\nbase_ulr = \"https://a/\"\n";
        assert!(parse_config("site.toml", text, &mut problems).is_none());
        let error = problems.into_result(()).expect_err("unknown key");
        let crate::error::Error::Invalid(found) = error else {
            panic!("not invalid")
        };
        assert_eq!((found[0].location.line, found[0].location.column), (Some(2), Some(1)));
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
