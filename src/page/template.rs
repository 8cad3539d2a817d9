//! `{{ ... }}` expressions in commentary, evaluated against the data with
//! minijinja.
//!
//! Three functions give a series' figures for one week: `latest("id")` (the
//! newest week in the data), `week("id", "2026-09-12")` (the week ending on
//! that day), and `current("id")` (the week the piece is about: a week
//! note's own week, or the last week before a commentary's date). Each
//! returns an object whose fields are listed in [`WeekValue`]. An unknown
//! series, week or field is an error naming the file and line.
//!
//! What an expression prints lands in Markdown, so it is written as
//! literal text: newlines become spaces and every character Markdown or
//! HTML would act on is backslash-escaped, so that `<script>` in a series
//! title reaches the page as the text `&lt;script&gt;` (inside a code span
//! the escapes would show; expressions belong in prose). Templates run on
//! the small language validation allows (no filters, no `debug()`, no
//! repetition or concatenation), with a fuel limit on the steps they take
//! and a limit on the text they produce; a division by zero is an error,
//! not "inf". The evaluated body is checked again for raw HTML, script
//! links and chart blocks, because a template can assemble them from
//! pieces validation saw apart.

use super::routes::Edition;
use crate::error::{Location, Problem, closest, one_of, quote};
use crate::model::{SeriesId, SeriesMeta};
use crate::money::{amount_with_direction, long_date, net_phrase, signed_amount, wire_amount};
use crate::prose::en::streak_description;
use crate::series::{Side, WeekFacts};
use crate::validate::{Commentary, is_chart_fence, markdown_options, names, scan_tags, unsafe_markdown};
use chrono::NaiveDate;
use minijinja::value::ValueKind;
use minijinja::{Environment, Error as TemplateError, ErrorKind, Output, State, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// The steps one commentary's template may take: a few thousand
/// expressions' worth, and at the engine's speed a fraction of a second.
pub const FUEL: u64 = 500_000;

/// The most text a commentary's expressions may produce, in bytes.
pub const OUTPUT_LIMIT: usize = 4 << 20;

/// The fields of [`WeekValue`], in its order, for messages.
pub const WEEK_FIELDS: [&str; 17] = [
    "series",
    "title",
    "week",
    "week_end",
    "net",
    "net_signed",
    "net_phrase",
    "net_oku",
    "side",
    "streak_weeks",
    "streak",
    "change",
    "ytd",
    "ytd_phrase",
    "ytd_oku",
    "ytd_weeks",
    "ytd_last_year",
];

use crate::validate::TEMPLATE_FUNCTIONS as FUNCTIONS;

/// The figures of one series in one week, as a template sees them.
#[derive(Debug, Serialize)]
pub struct WeekValue {
    /// Series id.
    pub series: String,
    /// Series title.
    pub title: String,
    /// `2026-09-06..09-12`.
    pub week: String,
    /// Last day, `12 September 2026`.
    pub week_end: String,
    /// `¥1.52 trillion` (the size, without direction).
    pub net: String,
    /// `−¥1.52 trillion`.
    pub net_signed: String,
    /// `net sold ¥1.52 trillion`.
    pub net_phrase: String,
    /// The published figure, in the series' unit (100 million yen for MOF).
    pub net_oku: i64,
    /// `buying`, `selling` or `flat`.
    pub side: &'static str,
    /// Weeks in the current run of buying or selling.
    pub streak_weeks: usize,
    /// `third straight week of net buying`.
    pub streak: String,
    /// Change on the prior week, `+¥312.5 billion` (empty for the first week).
    pub change: String,
    /// Year to date, `¥8.21 trillion` (empty if the data do not cover the
    /// year from its first week).
    pub ytd: String,
    /// `net bought ¥8.21 trillion`.
    pub ytd_phrase: String,
    /// Year to date in the series' unit (0 if not available).
    pub ytd_oku: i64,
    /// Weeks counted in the year to date.
    pub ytd_weeks: u32,
    /// The same weeks of the previous year, `net purchases of ¥2.85
    /// trillion` (empty if not available).
    pub ytd_last_year: String,
}

/// Every series' facts, shared by the template functions.
struct TemplateData {
    series: BTreeMap<SeriesId, (SeriesMeta, Vec<WeekFacts>)>,
    /// The edition whose words and formats the values are in.
    edition: Edition,
}

impl TemplateData {
    fn value(
        &self,
        id: &str,
        pick: impl Fn(&[WeekFacts]) -> Option<usize>,
        what: &str,
    ) -> Result<Value, TemplateError> {
        let (meta, facts) = self.series.get(id).ok_or_else(|| {
            TemplateError::new(
                ErrorKind::InvalidOperation,
                format!(
                    "there is no series `{}` ({})",
                    quote(id),
                    one_of(id, self.series.keys().map(SeriesId::as_str))
                ),
            )
        })?;
        let index = pick(facts).ok_or_else(|| {
            TemplateError::new(ErrorKind::InvalidOperation, format!("series `{id}` has no week {what}"))
        })?;
        Ok(Value::from_serialize(match self.edition {
            Edition::English => week_value(meta, &facts[index]),
            Edition::Japanese => japanese_week_value(meta, &facts[index]),
        }))
    }
}

fn week_value(meta: &SeriesMeta, facts: &WeekFacts) -> WeekValue {
    WeekValue {
        series: meta.id.to_string(),
        title: meta.title.clone(),
        week: facts.week.to_string(),
        week_end: long_date(facts.week.end()),
        net: wire_amount(meta.unit, facts.net),
        net_signed: signed_amount(meta.unit, facts.net),
        net_phrase: net_phrase(meta.unit, facts.net),
        net_oku: facts.net.0,
        side: match facts.streak.side {
            Side::Buying => "buying",
            Side::Selling => "selling",
            Side::Flat => "flat",
        },
        streak_weeks: facts.streak.weeks,
        streak: streak_description(facts.streak),
        change: facts
            .change
            .map(|change| signed_amount(meta.unit, change))
            .unwrap_or_default(),
        ytd: facts
            .ytd
            .map(|ytd| wire_amount(meta.unit, ytd.total))
            .unwrap_or_default(),
        ytd_phrase: facts
            .ytd
            .map(|ytd| net_phrase(meta.unit, ytd.total))
            .unwrap_or_default(),
        ytd_oku: facts.ytd.map_or(0, |ytd| ytd.total.0),
        ytd_weeks: facts.ytd.map_or(0, |ytd| ytd.weeks),
        ytd_last_year: facts
            .ytd_last_year
            .map(|last| amount_with_direction(meta.unit, last.total))
            .unwrap_or_default(),
    }
}

/// A week's values in the Japanese edition: the same fields, in Japanese
/// words and exact 兆/億 amounts (`net` 「1兆5228億円」, `net_phrase`
/// 「1兆5228億円の売り越し」, `streak` 「8週連続の買い越し」).
fn japanese_week_value(meta: &SeriesMeta, facts: &WeekFacts) -> WeekValue {
    use crate::money::ja as yen;
    let phrase = |amount: crate::model::Amount| {
        if amount.0 == 0 {
            "差し引きゼロ".to_string()
        } else {
            format!(
                "{}の{}",
                yen::amount(meta.unit, amount),
                if amount.0 < 0 { "売り越し" } else { "買い越し" }
            )
        }
    };
    let mut value = week_value(meta, facts);
    value.week_end = yen::date(facts.week.end());
    value.net = yen::amount(meta.unit, facts.net);
    value.net_signed = yen::signed_amount(meta.unit, facts.net);
    value.net_phrase = phrase(facts.net);
    value.streak = crate::prose::Phrasebook::streak_description(&crate::prose::ja::JAPANESE, facts.streak);
    value.change = facts
        .change
        .map(|change| yen::signed_amount(meta.unit, change))
        .unwrap_or_default();
    value.ytd = facts
        .ytd
        .map(|ytd| yen::amount(meta.unit, ytd.total))
        .unwrap_or_default();
    value.ytd_phrase = facts.ytd.map(|ytd| phrase(ytd.total)).unwrap_or_default();
    value.ytd_last_year = facts.ytd_last_year.map(|last| phrase(last.total)).unwrap_or_default();
    value
}

/// Evaluates expressions in commentary bodies.
pub struct Templates {
    environment: Environment<'static>,
}

impl Templates {
    /// Templates over every series' facts.
    pub fn new(series: impl Iterator<Item = (SeriesMeta, Vec<WeekFacts>)>, edition: Edition) -> Templates {
        let data = Arc::new(TemplateData {
            series: series.map(|(meta, facts)| (meta.id.clone(), (meta, facts))).collect(),
            edition,
        });
        let mut environment = Environment::new();
        environment.set_undefined_behavior(UndefinedBehavior::Strict);
        environment.set_fuel(Some(FUEL));
        // The core filters that remain without minijinja's built-ins: `safe`
        // would bypass the escaping below, and chained `escape`s multiply
        // text.
        for filter in ["safe", "escape", "e"] {
            environment.remove_filter(filter);
        }
        environment.set_formatter(write_literal);
        let latest = Arc::clone(&data);
        environment.add_function("latest", move |id: String| {
            latest.value(&id, |facts| facts.len().checked_sub(1), "at all")
        });
        let by_week = Arc::clone(&data);
        environment.add_function("week", move |id: String, date: String| {
            let day = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                TemplateError::new(
                    ErrorKind::InvalidOperation,
                    format!("`{}` is not a date like 2026-09-12", quote(&date)),
                )
            })?;
            by_week.value(
                &id,
                |facts| facts.iter().position(|f| f.week.end() == day || f.week.start() == day),
                &format!("starting or ending on {date}"),
            )
        });
        let current = Arc::clone(&data);
        environment.add_function("current", move |state: &State, id: String| {
            let as_of = state.lookup("as_of").and_then(|value| {
                value
                    .as_str()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            });
            let Some(as_of) = as_of else {
                return Err(TemplateError::new(ErrorKind::InvalidOperation, "no current week here"));
            };
            current.value(
                &id,
                |facts| facts.iter().rposition(|f| f.week.end() <= as_of),
                &format!("ending on or before {as_of}"),
            )
        });
        Templates { environment }
    }

    /// The body of `piece` with its expressions evaluated as of the week
    /// ending `as_of`.
    pub fn render(&self, piece: &Commentary, as_of: NaiveDate) -> Result<String, Problem> {
        if !piece.body.contains("{{") && !piece.body.contains("{%") && !piece.body.contains("{#") {
            return Ok(piece.body.clone());
        }
        let problem = |line: usize, message: String, fix: String| {
            Problem::new(
                Location::line(piece.path.clone(), piece.body_line + line - 1),
                message,
                fix,
            )
        };
        let context = minijinja::context! { as_of => as_of.format("%Y-%m-%d").to_string() };
        let mut output = BoundedOutput::default();
        let rendered = self
            .environment
            .template_from_str(&piece.body)
            .and_then(|template| template.render_captured_to(context, &mut output).map(drop));
        if let Err(error) = rendered {
            let line = error.line().unwrap_or(1);
            let (message, fix) = if output.overflowed {
                (
                    format!("its expressions produce more than {} MB of text", OUTPUT_LIMIT >> 20),
                    "commentary expressions insert figures; make the `for` loops shorter".to_string(),
                )
            } else {
                explain(&piece.body, line, &error)
            };
            return Err(problem(line, format!("cannot evaluate an expression: {message}"), fix));
        }
        let rendered = String::from_utf8(output.bytes).map_err(|_| {
            problem(
                1,
                "its expressions produce text that is not UTF-8".to_string(),
                "report this with the file".to_string(),
            )
        })?;
        self.recheck(piece, &rendered)
            .map_err(|(line, message, fix)| problem(line, message, fix))?;
        Ok(rendered)
    }

    /// Checks the evaluated body as validation checked the written one.
    fn recheck(&self, piece: &Commentary, rendered: &str) -> Result<(), (usize, String, String)> {
        let line_of_offset = |offset: usize| {
            // With as many lines as written, line n of the result is line n of
            // the file; otherwise the block statements moved text about, and
            // the first of them is the place to look.
            if rendered.lines().count() == piece.body.lines().count() {
                1 + rendered.as_bytes()[..offset.min(rendered.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
            } else {
                first_tag_line(&piece.body)
            }
        };
        if let Some(found) = unsafe_markdown(rendered, piece.raw_html_allowed).into_iter().next() {
            return Err((
                line_of_offset(found.offset),
                format!("once its expressions are evaluated, {}", found.message),
                found.fix.to_string(),
            ));
        }
        let charts = pulldown_cmark::Parser::new_ext(rendered, markdown_options())
            .filter(|event| {
                matches!(event, pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(
                    pulldown_cmark::CodeBlockKind::Fenced(info),
                )) if is_chart_fence(info))
            })
            .count();
        if charts != piece.charts.len() {
            return Err((
                first_tag_line(&piece.body),
                format!(
                    "once its expressions are evaluated, the piece has {charts} chart blocks, where the file as written has {}",
                    piece.charts.len()
                ),
                "write chart blocks as they are, outside expressions and blocks".to_string(),
            ));
        }
        Ok(())
    }
}

/// The line of the body's first template tag.
fn first_tag_line(body: &str) -> usize {
    let offset = scan_tags(body)
        .ok()
        .and_then(|tags| tags.first().map(|tag| tag.range.start))
        .unwrap_or(0);
    1 + body.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count()
}

/// What went wrong in an author's terms, and the fix.
fn explain(body: &str, line: usize, error: &TemplateError) -> (String, String) {
    let usage = "use latest(\"id\"), week(\"id\", \"2026-09-12\") or current(\"id\") and a field such as .net_phrase or .ytd; see README";
    let expression = expression_on_line(body, line);
    match error.kind() {
        ErrorKind::UndefinedError => {
            let quoted = expression.map(|e| format!("`{}` ", quote(e))).unwrap_or_default();
            let fields = WEEK_FIELDS.join(", ");
            if let Some(field) = expression.and_then(unknown_field) {
                let guess = closest(&field, WEEK_FIELDS)
                    .map(|g| format!("did you mean `{g}`? "))
                    .unwrap_or_default();
                return (
                    format!(
                        "{quoted}asks for `{}`, which is not a field of a week's figures",
                        quote(&field)
                    ),
                    format!("{guess}the fields are: {fields}"),
                );
            }
            if let Some(function) = expression.and_then(unknown_function) {
                let guess = closest(&function, FUNCTIONS)
                    .map(|g| format!("did you mean `{g}`? "))
                    .unwrap_or_default();
                return (
                    format!(
                        "{quoted}calls `{}`, which is not a function commentary has",
                        quote(&function)
                    ),
                    format!(
                        "{guess}the functions are latest(\"id\"), week(\"id\", \"2026-09-12\") and current(\"id\")"
                    ),
                );
            }
            (
                format!("{quoted}names something that does not exist"),
                format!("{usage}; the fields are: {fields}"),
            )
        }
        ErrorKind::OutOfFuel => (
            format!("the template takes more than {FUEL} steps (a loop that does not end?)"),
            "commentary templates insert figures; make the `for` loops on this line shorter".to_string(),
        ),
        _ => {
            let detail = error.detail().map_or_else(|| error.kind().to_string(), str::to_string);
            if detail.starts_with("unable to calculate") || detail.starts_with("a division by zero") {
                return (
                    "a division by zero: the result is not a number".to_string(),
                    "divide only by a figure that cannot be zero".to_string(),
                );
            }
            (detail, usage.to_string())
        }
    }
}

/// The first expression or statement on `line` (1-based) of the body.
fn expression_on_line(body: &str, line: usize) -> Option<&str> {
    let line_start = |offset: usize| 1 + body.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
    scan_tags(body)
        .ok()?
        .into_iter()
        .find(|tag| line_start(tag.range.start) <= line && line <= line_start(tag.range.end.saturating_sub(1)))
        .map(|tag| &body[tag.range])
}

/// An attribute the expression asks for that a week's figures lack.
fn unknown_field(expression: &str) -> Option<String> {
    names(expression)
        .into_iter()
        .find(|(name, before, _)| *before == Some('.') && !WEEK_FIELDS.contains(&name.as_str()))
        .map(|(name, _, _)| name)
}

/// A function the expression calls that commentary lacks.
fn unknown_function(expression: &str) -> Option<String> {
    names(expression)
        .into_iter()
        .find(|(name, before, after)| {
            *after == Some('(') && *before != Some('.') && !FUNCTIONS.contains(&name.as_str())
        })
        .map(|(name, _, _)| name)
}

/// How every `{{ }}` value is printed: refused if it is not a finite
/// number (`1 / 0`), otherwise as literal Markdown text.
fn write_literal(output: &mut Output<'_>, _state: &State<'_, '_>, value: &Value) -> Result<(), TemplateError> {
    if has_non_finite(value, 0) {
        return Err(TemplateError::new(
            ErrorKind::InvalidOperation,
            "a division by zero: the result is not a number",
        ));
    }
    let mut literal = MarkdownLiteral {
        output,
        written: 0,
        leading_digits: true,
        pending: None,
    };
    let written = write!(literal, "{value}").and_then(|()| literal.finish());
    written.map_err(|_| TemplateError::new(ErrorKind::WriteFailure, "the output is too long"))
}

/// Whether `value` is, or holds, an infinite or NaN number.
fn has_non_finite(value: &Value, depth: usize) -> bool {
    match value.kind() {
        ValueKind::Number => f64::try_from(value.clone()).is_ok_and(|number| !number.is_finite()),
        ValueKind::Seq | ValueKind::Map if depth < 4 => value.try_iter().is_ok_and(|items| {
            items.take(1_000).any(|item| {
                let inner = if value.kind() == ValueKind::Map {
                    value.get_item(&item).unwrap_or_default()
                } else {
                    item
                };
                has_non_finite(&inner, depth + 1)
            })
        }),
        _ => false,
    }
}

/// Writes text so that Markdown renders it as exactly that text.
struct MarkdownLiteral<'o, 'a> {
    output: &'o mut Output<'a>,
    /// Characters written so far.
    written: usize,
    /// Whether everything so far was digits (`1.` would start a list).
    leading_digits: bool,
    /// A character that starts a block only if white space (or the end, or
    /// itself) follows: `- `, `1. `, `---`; written once that is known.
    pending: Option<char>,
}

impl MarkdownLiteral<'_, '_> {
    /// Writes a held-back marker, escaped if `next` makes it one.
    fn release(&mut self, next: Option<char>) -> std::fmt::Result {
        let Some(marker) = self.pending.take() else {
            return Ok(());
        };
        let starts_block = next.is_none_or(|n| n.is_whitespace() || n == marker);
        if starts_block {
            self.output.write_char('\\')?;
        }
        self.output.write_char(marker)
    }

    /// Writes what is still held back at the end of the value.
    fn finish(&mut self) -> std::fmt::Result {
        self.release(None)
    }
}

impl std::fmt::Write for MarkdownLiteral<'_, '_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        for c in text.chars() {
            self.release(Some(c))?;
            let at_start = self.written == 0;
            let marker = match c {
                '-' | '+' | '=' => at_start,
                '.' | ')' => self.leading_digits && !at_start,
                _ => false,
            };
            self.leading_digits &= c.is_ascii_digit();
            self.written += 1;
            if marker {
                self.pending = Some(c);
                continue;
            }
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '#' => {
                    self.output.write_char('\\')?;
                    self.output.write_char(c)?;
                }
                // A line break would let the value start a block of its own.
                '\n' | '\r' => self.output.write_char(' ')?,
                other => self.output.write_char(other)?,
            }
        }
        Ok(())
    }
}

/// Collects a template's output, refusing more than [`OUTPUT_LIMIT`] bytes.
#[derive(Default)]
struct BoundedOutput {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for BoundedOutput {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buffer.len() > OUTPUT_LIMIT {
            self.overflowed = true;
            return Err(std::io::Error::other("commentary output limit"));
        }
        self.bytes.extend_from_slice(buffer);
        Ok(buffer.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_fields_are_the_fields_of_week_value() {
        let value = WeekValue {
            series: String::new(),
            title: String::new(),
            week: String::new(),
            week_end: String::new(),
            net: String::new(),
            net_signed: String::new(),
            net_phrase: String::new(),
            net_oku: 0,
            side: "flat",
            streak_weeks: 0,
            streak: String::new(),
            change: String::new(),
            ytd: String::new(),
            ytd_phrase: String::new(),
            ytd_oku: 0,
            ytd_weeks: 0,
            ytd_last_year: String::new(),
        };
        let json = serde_json::to_value(&value).expect("serialises");
        let keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
        let mut expected = WEEK_FIELDS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }

    fn render(body: &str) -> Result<String, Problem> {
        let piece = Commentary {
            japanese: false,
            path: "content/t.md".to_string(),
            slug: "t".to_string(),
            title: "T".to_string(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            summary: None,
            series: Vec::new(),
            body: body.to_string(),
            body_line: 5,
            charts: Vec::new(),
            annotations: Vec::new(),
            week_end: None,
            raw_html_allowed: false,
        };
        Templates::new(std::iter::empty(), Edition::English).render(&piece, piece.date)
    }

    #[test]
    fn prints_values_as_literal_markdown_text() {
        let rendered = render("A {{ \"<script>*x*</script> [a](b) 1. - #\" }} B").expect("renders");
        assert_eq!(rendered, "A \\<script\\>\\*x\\*\\</script\\> \\[a\\](b) 1. - \\# B");
        let html = crate::page::render_markdown(&rendered, &std::collections::BTreeMap::new());
        assert!(html.contains("&lt;script&gt;*x*&lt;/script&gt; [a](b)"), "{html}");
        assert_eq!(render("{{ \"- item\\n# h\" }}").expect("renders"), "\\- item \\# h");
        assert_eq!(render("{{ \"1. x\" }}").expect("renders"), "1\\. x");
    }

    #[test]
    fn dividing_by_zero_is_an_error_not_inf() {
        for body in [
            "{{ 1 / 0 }}",
            "{{ 0 / 0 }}",
            "{{ [1 / 0] }}",
            "{{ 1 // 0 }}",
            "{{ 1 % 0 }}",
        ] {
            let problem = render(body).expect_err(body);
            assert_eq!(problem.location.line, Some(5), "{body}");
            assert!(
                problem.message.starts_with("cannot evaluate an expression"),
                "{problem}"
            );
        }
        assert_eq!(render("{{ 3 / 2 }}").expect("renders"), "1.5");
    }

    #[test]
    fn debug_and_the_built_in_filters_are_unavailable() {
        for body in [
            "{{ debug() }}",
            "{{ range(3) }}",
            "{{ \"x\"|safe }}",
            "{{ \"x\"|upper }}",
            "{{ dict() }}",
        ] {
            assert!(render(body).is_err(), "{body} rendered");
        }
    }

    #[test]
    fn a_runaway_loop_runs_out_of_fuel() {
        let problem = render("x\n{% for a in \"abcdefghijklmnopqrstuvwxyz0123456789\" %}{% for b in \"abcdefghijklmnopqrstuvwxyz0123456789\" %}{% for c in \"abcdefghijklmnopqrstuvwxyz0123456789\" %}{% for d in \"abcdefghijklmnopqrstuvwxyz0123456789\" %}{{ d }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}")
            .expect_err("out of fuel");
        assert!(problem.message.contains("steps"), "{problem}");
        assert_eq!(problem.location.line, Some(6));
    }

    #[test]
    fn huge_output_is_refused() {
        let long = "x".repeat(1 << 20);
        let body = format!("{{% for a in [1, 2, 3, 4, 5, 6] %}}{{{{ \"{long}\" }}}}{{% endfor %}}");
        let problem = render(&body).expect_err("too long");
        assert!(problem.message.contains("more than 4 MB"), "{problem}");
    }

    #[test]
    fn html_assembled_by_a_template_is_refused() {
        let problem = render("<scr{% if true %}{% endif %}ipt>alert(1)</script>").expect_err("html");
        assert!(problem.message.contains("raw HTML"), "{problem}");
    }

    #[test]
    fn names_an_unknown_field_and_the_fields_that_exist() {
        assert_eq!(unknown_field("{{ latest(\"a\").nett }}").as_deref(), Some("nett"));
        assert_eq!(unknown_field("{{ latest(\"a.b\").net }}"), None);
        assert_eq!(unknown_function("{{ lates(\"a\").net }}").as_deref(), Some("lates"));
        assert_eq!(unknown_function("{{ latest(\"a\").net }}"), None);
    }
}
