//! Commentary files -> [`Commentary`]: front matter checked, chart blocks
//! found and checked against the series the data provides.
//!
//! The Markdown itself is rendered later (`page`); here it is only parsed
//! with the same options, so that the chart blocks found here are exactly
//! the ones the renderer will replace.

use super::config::line_of;
use crate::error::{Location, Problems};
use crate::load::RawDocument;
use crate::model::ChartKind;
use chrono::NaiveDate;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::collections::BTreeSet;

/// The info string that turns a fenced code block into a chart.
pub const CHART_FENCE: &str = "chart";

/// The Markdown extensions flowsite enables, in one place for every parser.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: toml::value::Datetime,
    summary: Option<String>,
    #[serde(default)]
    series: Vec<String>,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartBlock {
    series: String,
    kind: ChartKind,
}

/// A chart a commentary asks for with a ```` ```chart ```` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRequest {
    /// The series to draw.
    pub series_id: String,
    /// Which chart.
    pub kind: ChartKind,
    /// The block's line in the file, for error messages.
    pub line: usize,
}

/// A checked commentary page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commentary {
    /// Path relative to the project root.
    pub path: String,
    /// URL slug, from the file name.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: NaiveDate,
    /// One-sentence summary for lists and metadata.
    pub summary: Option<String>,
    /// Series the piece is about.
    pub series: Vec<String>,
    /// The Markdown body.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// Chart blocks, in document order.
    pub charts: Vec<ChartRequest>,
    /// For a week note (`content/weeks/2026-09-12.md`), the last day of the
    /// week whose brief it joins.
    pub week_end: Option<NaiveDate>,
}

/// The folder of week notes, merged into the weekly briefs.
pub const WEEK_NOTES_FOLDER: &str = "content/weeks/";

/// Checks one commentary file; series ids are checked against
/// `known_series` when it is given (it is not when the data itself failed).
/// A draft is left out (`None`, no problem) unless `drafts` is set.
pub fn check_commentary(
    document: &RawDocument,
    known_series: Option<&BTreeSet<crate::model::SeriesId>>,
    drafts: bool,
    problems: &mut Problems,
) -> Option<Commentary> {
    let path = document.path.as_str();
    let front: FrontMatter = match toml::from_str(&document.front_matter) {
        Ok(front) => front,
        Err(error) => {
            let line = document.front_matter_line
                + error
                    .span()
                    .map(|span| line_of(&document.front_matter, span.start) - 1)
                    .unwrap_or(0);
            problems.report(
                Location::line(path, line),
                format!("invalid front matter: {}", error.message().trim_end()),
                "front matter is TOML with `title = \"...\"`, `date = 2026-09-17` and optionally `summary`, `series` and `draft = true`",
            );
            return None;
        }
    };
    if front.draft && !drafts {
        return None;
    }
    let mut ok = true;
    let date = match (front.date.date, front.date.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day)),
        _ => None,
    };
    if date.is_none() {
        ok = false;
        problems.report(
            Location::line(path, document.front_matter_line),
            format!("date `{}` is not a plain date", front.date),
            "write the date without a time, e.g. `date = 2026-09-17`",
        );
    }
    if front.title.trim().is_empty() {
        ok = false;
        problems.report(
            Location::line(path, document.front_matter_line),
            "the title is empty",
            "give the piece a headline",
        );
    }
    for id in &front.series {
        if let Some(known_series) = known_series
            && !known_series.contains(id.as_str())
        {
            ok = false;
            problems.report(
                Location::line(path, document.front_matter_line),
                format!("front matter names series `{id}`, which the data does not provide"),
                format!("use one of: {}", join_ids(known_series)),
            );
        }
    }
    let charts = find_chart_blocks(document, known_series, problems);
    if !check_template_syntax(document, problems) {
        ok = false;
    }
    let week_end = match path.strip_prefix(WEEK_NOTES_FOLDER) {
        Some(name) => {
            let stem = name.strip_suffix(".md").unwrap_or(name);
            match NaiveDate::parse_from_str(stem, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    ok = false;
                    problems.report(
                        Location::file(path),
                        format!("week note `{name}` is not named after a date"),
                        "name it after the last day (a Saturday) of the week it is about, e.g. content/weeks/2026-09-12.md",
                    );
                    None
                }
            }
        }
        None => None,
    };
    let slug = slug_of(path);
    if slug.is_empty() {
        ok = false;
        problems.report(
            Location::file(path),
            "the file name gives an empty URL slug",
            "name the file with letters or digits",
        );
    }
    let (Some(date), Some(charts), true) = (date, charts, ok) else {
        return None;
    };
    Some(Commentary {
        path: path.to_string(),
        slug,
        title: front.title,
        date,
        summary: front.summary,
        series: front.series,
        body: document.body.clone(),
        body_line: document.body_line,
        charts,
        week_end,
    })
}

/// Checks the `{{ ... }}` expressions parse; their values are checked when
/// they are evaluated against the data (page stage).
fn check_template_syntax(document: &RawDocument, problems: &mut Problems) -> bool {
    if !document.body.contains("{{") && !document.body.contains("{%") {
        return true;
    }
    let mut environment = minijinja::Environment::new();
    match environment.add_template("body", &document.body) {
        Ok(()) => true,
        Err(error) => {
            let line = document.body_line + error.line().unwrap_or(1) - 1;
            problems.report(
                Location::line(document.path.clone(), line),
                format!("invalid expression: {}", error.detail().unwrap_or("syntax error")),
                "write expressions as `{{ latest(\"inward-equity\").net }}`; see README",
            );
            false
        }
    }
}

fn join_ids(ids: &BTreeSet<crate::model::SeriesId>) -> String {
    ids.iter()
        .map(crate::model::SeriesId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `content/2026-09 Foreign selling.md` -> `2026-09-foreign-selling`.
fn slug_of(path: &str) -> String {
    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem
        .strip_suffix(".md")
        .or_else(|| stem.strip_suffix(".MD"))
        .unwrap_or(stem);
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Every ```` ```chart ```` block, parsed and checked; `None` if any is bad.
fn find_chart_blocks(
    document: &RawDocument,
    known_series: Option<&BTreeSet<crate::model::SeriesId>>,
    problems: &mut Problems,
) -> Option<Vec<ChartRequest>> {
    let path = document.path.as_str();
    let mut charts = Vec::new();
    let mut ok = true;
    let mut inside: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(&document.body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_chart_fence(&info) => {
                inside = Some((range.start, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, source)) = inside.as_mut() {
                    source.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((start, source)) = inside.take() else { continue };
                // The fence line; the TOML starts on the next one.
                let fence_line = document.body_line + line_of(&document.body, start) - 1;
                match parse_chart_block(path, fence_line, &source, known_series, problems) {
                    Some(request) => charts.push(request),
                    None => ok = false,
                }
            }
            _ => {}
        }
    }
    ok.then_some(charts)
}

/// Whether a fence's info string names a chart (`chart`, or `chart` followed
/// by attributes after a space).
pub fn is_chart_fence(info: &str) -> bool {
    info.split_whitespace().next() == Some(CHART_FENCE)
}

fn parse_chart_block(
    path: &str,
    fence_line: usize,
    source: &str,
    known_series: Option<&BTreeSet<crate::model::SeriesId>>,
    problems: &mut Problems,
) -> Option<ChartRequest> {
    let block: ChartBlock = match toml::from_str(source) {
        Ok(block) => block,
        Err(error) => {
            let line = fence_line + error.span().map(|span| line_of(source, span.start)).unwrap_or(1);
            problems.report(
                Location::line(path, line),
                format!("invalid chart block: {}", error.message().trim_end()),
                "a chart block holds `series = \"inward-equity\"` and `kind = \"weekly\"` or `kind = \"ytd\"`",
            );
            return None;
        }
    };
    if let Some(known_series) = known_series
        && !known_series.contains(block.series.as_str())
    {
        problems.report(
            Location::line(path, fence_line + 1),
            format!(
                "chart block names series `{}`, which the data does not provide",
                block.series
            ),
            format!("use one of: {}", join_ids(known_series)),
        );
        return None;
    }
    Some(ChartRequest {
        series_id: block.series,
        kind: block.kind,
        line: fence_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::split_front_matter;

    fn known() -> BTreeSet<crate::model::SeriesId> {
        [crate::model::SeriesId::composed("inward-equity".to_string())]
            .into_iter()
            .collect()
    }

    fn check(text: &str) -> Result<Commentary, Vec<String>> {
        let document = split_front_matter("content/a.md", text).map_err(|p| vec![p.to_string()])?;
        let mut problems = Problems::new();
        let result = check_commentary(&document, Some(&known()), true, &mut problems);
        match problems.into_result(()) {
            Ok(()) => result.ok_or_else(Vec::new),
            Err(crate::error::Error::Invalid(found)) => Err(found.iter().map(|p| p.to_string()).collect()),
            Err(other) => Err(vec![other.to_string()]),
        }
    }

    #[test]
    fn finds_chart_blocks_with_their_lines() {
        let text = "+++\ntitle = \"T\"\ndate = 2026-09-17\n+++\nIntro.\n\n```chart\nseries = \"inward-equity\"\nkind = \"ytd\"\n```\n";
        let commentary = check(text).expect("valid");
        assert_eq!(commentary.charts.len(), 1);
        assert_eq!(commentary.charts[0].kind, ChartKind::Ytd);
        assert_eq!(commentary.charts[0].line, 7);
        assert_eq!(commentary.slug, "a");
    }

    #[test]
    fn names_the_line_of_an_unknown_series() {
        let text =
            "+++\ntitle = \"T\"\ndate = 2026-09-17\n+++\n\n```chart\nseries = \"nope\"\nkind = \"weekly\"\n```\n";
        let errors = check(text).expect_err("unknown series");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("content/a.md:7: chart block names series `nope`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn rejects_unknown_front_matter_keys_and_timestamps() {
        let errors = check("+++\ntitle = \"T\"\ndate = 2026-09-17\nauthor = \"x\"\n+++\n").expect_err("unknown key");
        assert!(
            errors[0].starts_with("content/a.md:4: invalid front matter: unknown field `author`"),
            "{}",
            errors[0]
        );
        let errors = check("+++\ntitle = \"T\"\ndate = 2026-09-17T10:00:00\n+++\n").expect_err("time");
        assert!(errors[0].contains("is not a plain date"), "{}", errors[0]);
    }

    #[test]
    fn drafts_are_left_out_unchecked_unless_asked_for() {
        let text = "+++\ntitle = \"T\"\ndate = 2026-09-17\ndraft = true\n+++\n\n```chart\nseries = \"nope\"\n```\n";
        let document = split_front_matter("content/a.md", text).expect("front matter");
        let mut problems = Problems::new();
        assert_eq!(check_commentary(&document, Some(&known()), false, &mut problems), None);
        assert!(problems.is_empty(), "a draft left out is not checked: {problems:?}");
        assert!(check_commentary(&document, Some(&known()), true, &mut problems).is_none());
        assert!(!problems.is_empty(), "a draft shown is checked like any piece");
        let published = "+++\ntitle = \"T\"\ndate = 2026-09-17\ndraft = false\n+++\nText.\n";
        let document = split_front_matter("content/a.md", published).expect("front matter");
        let mut problems = Problems::new();
        assert!(check_commentary(&document, Some(&known()), false, &mut problems).is_some());
    }

    #[test]
    fn slugs_file_names() {
        assert_eq!(slug_of("content/2026-09 Foreign selling.md"), "2026-09-foreign-selling");
    }
}
