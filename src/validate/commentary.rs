//! Commentary files -> [`Commentary`]: front matter checked, chart blocks
//! found and checked against the series the data provides.
//!
//! The Markdown itself is rendered later (`page`); here it is only parsed
//! with the same options, so that the chart blocks found here are exactly
//! the ones the renderer will replace.
//!
//! Commentary is the newsroom's text, but it is published to readers'
//! browsers: raw HTML and links that run script (`javascript:`,
//! `vbscript:`, `data:`) are refused at their line unless the site opts
//! in to raw HTML with `allow_raw_html = true`.

use super::config::line_of;
use super::lines::LineIndex;
use super::template_syntax::{TemplateShape, check_template, tag_on_line};
use crate::error::{Location, Problems, one_of, quote};
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
    annotations: Vec<super::annotations::AnnotationEntry>,
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

/// What a chart block asks for, its identity: a page puts in each block
/// the chart of its series and kind, found again from the block's text
/// after templates have run (which moves blocks, and may drop some).
pub type ChartBlockKey = (String, ChartKind);

impl ChartRequest {
    /// The block's identity.
    pub fn key(&self) -> ChartBlockKey {
        (self.series_id.clone(), self.kind)
    }
}

/// The identity of the chart block whose TOML is `source`, if it parses.
pub fn chart_block_key(source: &str) -> Option<ChartBlockKey> {
    let block: ChartBlock = toml::from_str(source).ok()?;
    Some((block.series, block.kind))
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
    /// Events marked on the piece's charts (checked against the data by
    /// the caller).
    pub annotations: Vec<super::annotations::Annotation>,
    /// For a week note (`content/weeks/2026-09-12.md`), the last day of the
    /// week whose brief it joins.
    pub week_end: Option<NaiveDate>,
    /// Whether the site lets raw HTML through (`allow_raw_html`), which the
    /// page stage needs to check the body again once its expressions are
    /// evaluated.
    pub raw_html_allowed: bool,
    /// Whether the piece is written for the Japanese edition (its file name
    /// ends `.ja.md`): it appears there and only there, under the slug of
    /// its name without `.ja`, so that it pairs with the English piece.
    pub japanese: bool,
}

impl Commentary {
    /// The day the piece's figures and charts are as of: a week note's
    /// week end, otherwise its date.
    pub fn as_of(&self) -> NaiveDate {
        self.week_end.unwrap_or(self.date)
    }
}

/// The folder of week notes, merged into the weekly briefs.
pub const WEEK_NOTES_FOLDER: &str = "content/weeks/";

/// Checks one commentary file; series ids are checked against
/// `known_series` when it is given (it is not when the data itself failed).
/// Raw HTML is refused unless `raw_html_allowed`.
pub fn check_commentary(
    document: &RawDocument,
    known_series: Option<&BTreeSet<crate::model::SeriesId>>,
    raw_html_allowed: bool,
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
    // A draft left out is not checked further: a piece still being written
    // never stops a build for publishing.
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
            format!("date `{}` is not a plain date", quote(&front.date.to_string())),
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
                format!(
                    "front matter names series `{}`, which the data does not provide",
                    quote(id)
                ),
                one_of(id, known_series.iter().map(crate::model::SeriesId::as_str)),
            );
        }
    }
    let annotations = super::annotations::parse_annotations(
        path,
        &document.front_matter,
        document.front_matter_line,
        front.annotations,
        problems,
    );
    let lines = LineIndex::new(&document.body);
    let shape = check_template_syntax(document, &lines, problems);
    if shape.is_none() {
        ok = false;
    }
    let charts = find_chart_blocks(document, &lines, shape.as_ref(), known_series, problems);
    for found in unsafe_markdown(&document.body, raw_html_allowed) {
        ok = false;
        problems.report(
            Location::line(path, document.body_line + lines.line(found.offset) - 1),
            found.message,
            found.fix,
        );
    }
    let week_end = match path.strip_prefix(WEEK_NOTES_FOLDER) {
        Some(name) => {
            let stem = name.strip_suffix(".md").unwrap_or(name);
            let stem = stem.strip_suffix(JAPANESE_SUFFIX).unwrap_or(stem);
            match NaiveDate::parse_from_str(stem, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    ok = false;
                    problems.report(
                        Location::file(path),
                        format!("week note `{}` is not named after a date", quote(name)),
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
        annotations,
        week_end,
        raw_html_allowed,
        japanese: is_japanese(path),
    })
}

/// Checks the `{{ ... }}` expressions and `{% ... %}` statements: the
/// language commentary may use, then the syntax. Their values are checked
/// when they are evaluated against the data (page stage).
fn check_template_syntax(
    document: &RawDocument,
    lines: &LineIndex<'_>,
    problems: &mut Problems,
) -> Option<TemplateShape> {
    let body = document.body.as_str();
    if !body.contains("{{") && !body.contains("{%") && !body.contains("{#") {
        return Some(TemplateShape::default());
    }
    let shape = check_template(&document.path, body, document.body_line, lines, problems)?;
    let environment = minijinja::Environment::new();
    match environment.template_from_str(body) {
        Ok(_) => Some(shape),
        Err(error) => {
            let body_line = error.line().unwrap_or(1);
            let expression = tag_on_line(body, lines, body_line).map(quote);
            let plain = plain_syntax_error(error.detail().unwrap_or(""));
            let message = match expression {
                Some(expression) => format!("cannot read the expression `{expression}`: {plain}"),
                None => format!("cannot read an expression on this line: {plain}"),
            };
            problems.report(
                Location::line(document.path.clone(), document.body_line + body_line - 1),
                message,
                "write expressions as `{{ latest(\"inward-equity\").net }}`, with ids and dates in quotes; see README",
            );
            None
        }
    }
}

/// The template parser's complaint in an author's words.
fn plain_syntax_error(detail: &str) -> String {
    if detail.starts_with("unexpected end of input") {
        return "it ends before it is complete (a bracket, quote or `endif`/`endfor` may be missing)".to_string();
    }
    if let Some(rest) = detail.strip_prefix("unexpected ") {
        let token = rest.split(", expected").next().unwrap_or(rest);
        return format!("{} is out of place (check brackets, quotes and commas)", quote(token));
    }
    if detail.contains("unknown") || detail.contains("endif") || detail.contains("endfor") {
        return format!(
            "{} (every `if` needs an `endif`, every `for` an `endfor`)",
            quote(detail)
        );
    }
    format!("it is not written the way expressions are ({})", quote(detail))
}

/// Something in a commentary's Markdown that must not reach readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeMarkdown {
    /// Byte offset in the body.
    pub offset: usize,
    /// What it is.
    pub message: String,
    /// What to do.
    pub fix: &'static str,
}

/// Raw HTML (unless `raw_html_allowed`) and links or images whose target
/// would run script, in `body`, in document order. Link targets are
/// checked as the browser would see them: pulldown-cmark has decoded
/// entities and escapes, and white space and control characters, which
/// browsers drop, are ignored.
pub fn unsafe_markdown(body: &str, raw_html_allowed: bool) -> Vec<UnsafeMarkdown> {
    let mut found = Vec::new();
    // Inside an HTML block, and whether it was already reported: a block
    // is one problem, not one per line of it.
    let mut html_block: Option<bool> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(false),
            Event::End(TagEnd::HtmlBlock) => html_block = None,
            Event::Html(html) | Event::InlineHtml(html) if !raw_html_allowed => {
                if html_block == Some(true) {
                    continue;
                }
                let what = if html_block.is_some() {
                    "raw HTML block"
                } else {
                    "raw HTML"
                };
                if html_block.is_some() {
                    html_block = Some(true);
                }
                found.push(UnsafeMarkdown {
                    offset: range.start,
                    message: format!("{what} `{}` is not allowed in commentary", quote(html.trim())),
                    fix: "write it in Markdown; a site whose every author is trusted may set `allow_raw_html = true` in site.toml",
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(scheme) = script_scheme(&dest_url) {
                    found.push(UnsafeMarkdown {
                        offset: range.start,
                        message: format!(
                            "the link target `{}` is a `{scheme}` address, which can run script in a reader's browser",
                            quote(&dest_url)
                        ),
                        fix: "link to an http(s) address or to a page of the site",
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The scheme of `url` if it is one that runs script or embeds a document:
/// `javascript:`, `vbscript:` or `data:`, in any case, with any white space
/// or control characters in it.
fn script_scheme(url: &str) -> Option<&'static str> {
    let seen: String = url
        .chars()
        .filter(|c| !(c.is_whitespace() || c.is_control()))
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| seen.starts_with(scheme))
}

/// What a Japanese piece's file name ends with before `.md`.
const JAPANESE_SUFFIX: &str = ".ja";

/// Whether the file at `path` is a Japanese piece: `….ja.md`.
fn is_japanese(path: &str) -> bool {
    let stem = path
        .strip_suffix(".md")
        .or_else(|| path.strip_suffix(".MD"))
        .unwrap_or(path);
    stem.ends_with(JAPANESE_SUFFIX)
}

/// `content/2026-09 Foreign selling.md` -> `2026-09-foreign-selling`; a
/// Japanese piece (`….ja.md`) has the slug of its English counterpart.
fn slug_of(path: &str) -> String {
    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem
        .strip_suffix(".md")
        .or_else(|| stem.strip_suffix(".MD"))
        .unwrap_or(stem);
    let stem = stem.strip_suffix(JAPANESE_SUFFIX).unwrap_or(stem);
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

/// Every ```` ```chart ```` block, parsed and checked; `None` if any is
/// bad. A fence that nearly says `chart` (`Chart`, `chrat`, `charts`,
/// ```` ``` chart ````) is an error rather than a code block, so that a
/// typo cannot publish the block's TOML instead of a chart.
fn find_chart_blocks(
    document: &RawDocument,
    lines: &LineIndex<'_>,
    shape: Option<&TemplateShape>,
    known_series: Option<&BTreeSet<crate::model::SeriesId>>,
    problems: &mut Problems,
) -> Option<Vec<ChartRequest>> {
    let path = document.path.as_str();
    let mut charts = Vec::new();
    let mut ok = true;
    let mut inside: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(&document.body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let fence_line = document.body_line + lines.line(range.start) - 1;
                let written = lines.line_text(lines.line(range.start));
                if let Some(near) = near_miss_fence(&info, written) {
                    ok = false;
                    problems.report(
                        Location::line(path, fence_line),
                        format!("a code block marked `{}` is not drawn as a chart: did you mean `chart`?", quote(&near)),
                        "mark a chart block with ```chart, in lowercase right after the backticks; other code blocks are shown as code",
                    );
                    continue;
                }
                if !is_chart_fence(&info) {
                    continue;
                }
                if shape.is_some_and(|shape| shape.is_conditional(range.start)) {
                    ok = false;
                    problems.report(
                        Location::line(path, fence_line),
                        "a chart block inside `{% if %}` or `{% for %}`",
                        "move the chart block out of the `if` or `for`: charts are placed from the file as written, so a block the template removes or repeats would put them in the wrong places",
                    );
                }
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
                let fence_line = document.body_line + lines.line(start) - 1;
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

/// The fence's marking, if it nearly but not exactly says `chart`: another
/// case, a letter off or swapped, or a space between the backticks and
/// the word (`written` is the fence line as written).
fn near_miss_fence(info: &str, written: &str) -> Option<String> {
    let word = info.split_whitespace().next()?;
    if word == CHART_FENCE {
        let after_fence = written
            .trim_start_matches(|c: char| c.is_whitespace() || c == '>' || c == '-' || c == '*' || c == '+')
            .trim_start_matches(['`', '~']);
        return after_fence.starts_with(char::is_whitespace).then(|| format!(" {word}"));
    }
    let lower = word.to_lowercase();
    (strsim::osa_distance(&lower, CHART_FENCE) <= 1).then(|| word.to_string())
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
                format!("invalid chart block: {}", quote(error.message().trim_end())),
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
                quote(&block.series)
            ),
            one_of(&block.series, known_series.iter().map(crate::model::SeriesId::as_str)),
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
        let result = check_commentary(&document, Some(&known()), false, true, &mut problems);
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
        assert_eq!(
            check_commentary(&document, Some(&known()), false, false, &mut problems),
            None
        );
        assert!(problems.is_empty(), "a draft left out is not checked: {problems:?}");
        assert!(check_commentary(&document, Some(&known()), false, true, &mut problems).is_none());
        assert!(!problems.is_empty(), "a draft shown is checked like any piece");
        let published = "+++\ntitle = \"T\"\ndate = 2026-09-17\ndraft = false\n+++\nText.\n";
        let document = split_front_matter("content/a.md", published).expect("front matter");
        let mut problems = Problems::new();
        assert!(check_commentary(&document, Some(&known()), false, false, &mut problems).is_some());
    }

    #[test]
    fn slugs_file_names() {
        assert_eq!(slug_of("content/2026-09 Foreign selling.md"), "2026-09-foreign-selling");
        assert_eq!(
            slug_of("content/2026-09-foreign-selling.ja.md"),
            "2026-09-foreign-selling"
        );
        assert!(is_japanese("content/weeks/2026-09-12.ja.md") && !is_japanese("content/a.md"));
    }
}
