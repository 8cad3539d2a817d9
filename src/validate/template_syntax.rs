//! The `{{ }}` / `{% %}` language commentary may use, checked before any
//! data is looked at.
//!
//! Commentary templates insert the data's figures into prose. They get a
//! deliberately small language: expressions over `latest`, `week` and
//! `current`, `if`/`elif`/`else`, `for` and `set`. Left out are the
//! operators and statements that let a few bytes of template build
//! unbounded text or hide work from the fuel limit: `*` and `**`
//! (repetition), `+` and `~` (concatenation, which a chain of `set`s
//! doubles), macros, `filter` and block `set` (which capture output),
//! `include` and friends. A chart block inside `if` or `for` is refused too,
//! because the charts are planned from the file as written: a block that
//! a condition removes or a loop repeats would put the charts in the wrong
//! places. No I/O here.

use super::lines::LineIndex;
use crate::error::{Location, Problems, quote};
use std::ops::Range;

/// The functions commentary templates may call.
pub const TEMPLATE_FUNCTIONS: [&str; 3] = ["latest", "week", "current"];

/// The statements commentary may use.
const STATEMENTS: [&str; 9] = ["if", "elif", "else", "endif", "for", "endfor", "set", "raw", "endraw"];

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `{{ ... }}`.
    Expression,
    /// `{% ... %}`.
    Statement,
    /// `{# ... #}`.
    Comment,
}

/// One template tag of a commentary body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// Which kind.
    pub kind: TagKind,
    /// Byte range of the whole tag, delimiters included.
    pub range: Range<usize>,
    /// What is between the delimiters, without whitespace-control marks,
    /// trimmed.
    pub content: &'a str,
    /// Byte offset of `content` in the body.
    pub content_start: usize,
}

impl Tag<'_> {
    /// A statement's keyword (`if`, `for`, ...).
    pub fn statement(&self) -> Option<&str> {
        (self.kind == TagKind::Statement).then(|| {
            self.content
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
        })
    }
}

/// A tag opened and never closed: where, and which delimiter is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte offset of the opening delimiter.
    pub start: usize,
    /// The delimiter that would close it.
    pub closer: &'static str,
}

/// Every tag of `body`, in order; the contents of `{% raw %}` blocks are
/// text, not tags.
pub fn scan_tags(body: &str) -> Result<Vec<Tag<'_>>, Unclosed> {
    let bytes = body.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let start = at + found;
        let (kind, closer) = match bytes.get(start + 1) {
            Some(b'{') => (TagKind::Expression, "}}"),
            Some(b'%') => (TagKind::Statement, "%}"),
            Some(b'#') => (TagKind::Comment, "#}"),
            _ => {
                at = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let Some(inner_end) = find_closer(body, inner_start, kind, closer) else {
            return Err(Unclosed { start, closer });
        };
        let end = inner_end + 2;
        let inner = &body[inner_start..inner_end];
        let unmarked = inner.strip_prefix(['-', '+']).unwrap_or(inner);
        let unmarked = unmarked.strip_suffix(['-', '+']).unwrap_or(unmarked);
        let content = unmarked.trim();
        let tag = Tag {
            kind,
            range: start..end,
            content,
            content_start: content.as_ptr() as usize - body.as_ptr() as usize,
        };
        at = end;
        if tag.statement() == Some("raw") {
            // The block's contents are text up to `{% endraw %}`.
            let Some(raw_end) = find_endraw(body, end) else {
                tags.push(tag);
                return Err(Unclosed {
                    start,
                    closer: "{% endraw %}",
                });
            };
            tags.push(tag);
            at = raw_end;
            continue;
        }
        tags.push(tag);
    }
    Ok(tags)
}

/// The offset of `closer` ending a tag whose contents start at `from`;
/// string literals inside expressions and statements may hold it.
fn find_closer(body: &str, from: usize, kind: TagKind, closer: &str) -> Option<usize> {
    if kind == TagKind::Comment {
        return body[from..].find(closer).map(|at| from + at);
    }
    let bytes = body.as_bytes();
    let mut quote: Option<u8> = None;
    let mut index = from;
    while index < bytes.len() {
        let byte = bytes[index];
        match quote {
            Some(_) if byte == b'\\' => index += 1,
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if body[index..].starts_with(closer) => return Some(index),
            None => {}
        }
        index += 1;
    }
    None
}

/// The offset just after the `{% endraw %}` that closes a raw block.
fn find_endraw(body: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = body[at..].find("{%") {
        let start = at + found;
        let close = body[start..].find("%}")? + start;
        let inner = body[start + 2..close].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        if inner == "endraw" {
            return Some(close + 2);
        }
        at = start + 2;
    }
    None
}

/// Operators left out of commentary expressions, with the reason told to
/// the author.
fn forbidden_operator(content: &str) -> Option<(usize, char)> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (index, c) in content.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if matches!(c, '*' | '+' | '~') => return Some((index, c)),
            None => {}
        }
    }
    None
}

/// Names in `expression` outside string literals: (name, the character
/// before it, the character after it).
pub fn names(expression: &str) -> Vec<(String, Option<char>, Option<char>)> {
    let mut found = Vec::new();
    let mut quote_char: Option<char> = None;
    let mut current = String::new();
    let mut before: Option<char> = None;
    let mut previous: Option<char> = None;
    let chars: Vec<char> = expression.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        if let Some(q) = quote_char {
            if c == q && previous != Some('\\') {
                quote_char = None;
            }
        } else if c == '"' || c == '\'' {
            quote_char = Some(c);
        } else if c.is_alphanumeric() || c == '_' {
            if current.is_empty() {
                before = previous;
            }
            current.push(c);
            let next = chars.get(index + 1).copied();
            if !next.is_some_and(|n| n.is_alphanumeric() || n == '_') {
                let after = chars[index + 1..].iter().copied().find(|c| !c.is_whitespace());
                found.push((std::mem::take(&mut current), before, after));
            }
        }
        previous = Some(c);
    }
    found
}

/// A filter (`|safe`) or a call of a function commentary does not have
/// (`debug()`), with its offset in `content`: commentary templates have
/// no filters, and no functions but [`TEMPLATE_FUNCTIONS`].
fn unavailable_name(content: &str) -> Option<(usize, String)> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (index, c) in content.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            // `||` is not an operator here; a single `|` applies a filter.
            None if c == '|' => {
                let name: String = content[index + 1..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                return Some((index, format!("|{name}")));
            }
            None => {}
        }
    }
    names(content)
        .into_iter()
        .find(|(name, before, after)| {
            *after == Some('(') && *before != Some('.') && !TEMPLATE_FUNCTIONS.contains(&name.as_str())
        })
        .map(|(name, _, _)| (content.find(&name).unwrap_or(0), format!("{name}()")))
}

/// Whether a `set` statement is the one-line form `set name = value`
/// (and not a block that captures output until `endset`).
fn is_inline_set(content: &str) -> bool {
    let rest = content.trim_start_matches("set");
    rest.char_indices().any(|(index, c)| {
        c == '=' && !rest[..index].ends_with(['=', '!', '<', '>']) && !rest[index + 1..].starts_with('=')
    })
}

/// The checked shape of a commentary body's template.
#[derive(Debug, Clone, Default)]
pub struct TemplateShape {
    /// Byte ranges of the body inside `if` and `for` blocks.
    pub conditional: Vec<Range<usize>>,
}

impl TemplateShape {
    /// Whether byte `offset` of the body is inside an `if` or `for` block.
    pub fn is_conditional(&self, offset: usize) -> bool {
        self.conditional.iter().any(|range| range.contains(&offset))
    }
}

/// Checks the tags of a commentary body against the language commentary
/// may use. `body_line` is the file line of the body's first line.
/// Returns the shape of its blocks, or `None` with the reasons in
/// `problems`.
pub fn check_template(
    path: &str,
    body: &str,
    body_line: usize,
    lines: &LineIndex<'_>,
    problems: &mut Problems,
) -> Option<TemplateShape> {
    let location = |offset: usize| Location::cell(path, body_line + lines.line(offset) - 1, lines.column(offset));
    let tags = match scan_tags(body) {
        Ok(tags) => tags,
        Err(unclosed) => {
            let opened = lines.line_text(lines.line(unclosed.start));
            let excerpt = opened
                .get(lines.column(unclosed.start) - 1..)
                .unwrap_or(opened)
                .trim_end();
            let opener = &body[unclosed.start..unclosed.start + 2];
            problems.report(
                location(unclosed.start),
                format!("`{opener}` is opened here and never closed with `{}`", unclosed.closer),
                format!("close it: `{} {}`", quote(excerpt), unclosed.closer),
            );
            return None;
        }
    };
    let mut ok = true;
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut shape = TemplateShape::default();
    for tag in &tags {
        if tag.kind == TagKind::Comment {
            continue;
        }
        let name = tag.statement().unwrap_or("");
        if tag.kind == TagKind::Statement {
            let unknown_end = name
                .strip_prefix("end")
                .is_some_and(|opened| !STATEMENTS.contains(&opened));
            if unknown_end {
                // Its opening statement is reported already.
                ok = false;
                continue;
            }
            if !STATEMENTS.contains(&name) || (name == "set" && !is_inline_set(tag.content)) {
                ok = false;
                let shown = if name == "set" { "set … %}…{% endset" } else { name };
                problems.report(
                    location(tag.range.start),
                    format!("`{{% {} %}}` is not available in commentary", quote(shown)),
                    "commentary may use `{% if %}`, `{% elif %}`, `{% else %}`, `{% for %}` and `{% set name = … %}`",
                );
                continue;
            }
        }
        if let Some((index, operator)) = forbidden_operator(tag.content) {
            ok = false;
            let offset = tag.content_start + index;
            problems.report(
                location(offset),
                format!("`{operator}` is not available in commentary expressions"),
                "expressions give the data's figures ready to print (`.net`, `.change`, `.ytd`); `+`, `*`, `**` and `~` could build text without bound",
            );
            continue;
        }
        if let Some((index, name)) = unavailable_name(tag.content) {
            ok = false;
            let (message, fix) = if let Some(filter) = name.strip_prefix('|') {
                (
                    format!("the filter `|{}` is not available in commentary", quote(filter)),
                    "expressions give the data's figures ready to print: `{{ latest(\"id\").net }}`",
                )
            } else {
                (
                    format!("`{}` is not a function commentary has", quote(&name)),
                    "the functions are latest(\"id\"), week(\"id\", \"2026-09-12\") and current(\"id\")",
                )
            };
            problems.report(location(tag.content_start + index), message, fix);
            continue;
        }
        match name {
            "if" | "for" => open.push((name, tag.range.start)),
            "endif" | "endfor" => {
                // Unbalanced blocks are the template parser's to report.
                if let Some((_, start)) = open.pop() {
                    shape.conditional.push(start..tag.range.end);
                }
            }
            _ => {}
        }
    }
    ok.then_some(shape)
}

/// The line (1-based, within the body) and text of the first expression or
/// statement on `line` of the body, to quote in a message.
pub fn tag_on_line<'a>(body: &'a str, lines: &LineIndex<'_>, line: usize) -> Option<&'a str> {
    let tags = scan_tags(body).ok()?;
    tags.into_iter()
        .filter(|tag| tag.kind != TagKind::Comment)
        .find(|tag| lines.line(tag.range.start) <= line && line <= lines.line(tag.range.end.saturating_sub(1)))
        .map(|tag| &body[tag.range.clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(body: &str) -> Vec<String> {
        let lines = LineIndex::new(body);
        let mut problems = Problems::new();
        let _ = check_template("c.md", body, 1, &lines, &mut problems);
        match problems.into_result(()) {
            Ok(()) => Vec::new(),
            Err(crate::error::Error::Invalid(found)) => found.iter().map(ToString::to_string).collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    #[test]
    fn finds_tags_and_skips_strings_and_raw_blocks() {
        let body = "a {{ x(\"}}\") }} b {%- if y -%} c {# note #} {% raw %}{{ not }}{% endraw %} {% endif %}";
        let tags = scan_tags(body).expect("closed");
        let contents: Vec<&str> = tags.iter().map(|t| t.content).collect();
        assert_eq!(contents, vec!["x(\"}}\")", "if y", "note", "raw", "endif"]);
    }

    #[test]
    fn reports_an_unclosed_expression_where_it_opens() {
        let found = problems_of("Fine.\n\n{{ latest(\"alpha\").net \n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("c.md:3:1: `{{` is opened here and never closed with `}}`"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn refuses_operators_that_build_text() {
        for body in [
            "{{ \"x\" * 1000000 }}",
            "{{ a ~ a }}",
            "{% set b = a + a %}",
            "{{ 2 ** 64 }}",
        ] {
            let found = problems_of(body);
            assert_eq!(found.len(), 1, "{body}: {found:?}");
            assert!(
                found[0].contains("is not available in commentary expressions"),
                "{}",
                found[0]
            );
        }
        assert!(problems_of("{{ \"a+b*c~d\" }} {{- x -}} {%+ if a - 1 > 0 +%}{% endif %}").is_empty());
    }

    #[test]
    fn refuses_statements_outside_the_small_language() {
        for body in [
            "{% macro m() %}{% endmacro %}",
            "{% filter upper %}x{% endfilter %}",
            "{% set x %}y{% endset %}",
            "{% include \"a\" %}",
            "{% with a = 1 %}{% endwith %}",
        ] {
            let found = problems_of(body);
            assert!(!found.is_empty(), "{body}");
            assert!(found[0].contains("is not available in commentary"), "{}", found[0]);
        }
        assert_eq!(problems_of("{% macro m() %}{% endmacro %}").len(), 1);
        assert!(problems_of("{% set e = latest(\"a\") %}{% for x in [1] %}{% if x == 1 %}{% elif x != 2 %}{% else %}{% endif %}{% endfor %}").is_empty());
    }

    #[test]
    fn refuses_filters_and_functions_commentary_does_not_have() {
        for (body, what) in [
            ("{{ debug() }}", "`debug()` is not a function"),
            ("{{ range(10) }}", "`range()` is not a function"),
            ("{{ latest(\"a\").title|safe }}", "the filter `|safe`"),
            ("{{ x | upper }}", "the filter `|upper`"),
        ] {
            let found = problems_of(body);
            assert_eq!(found.len(), 1, "{body}: {found:?}");
            assert!(found[0].contains(what), "{}", found[0]);
        }
        assert!(problems_of("{{ latest(\"a|b\").net }} {% for x in loop.cycle(1) %}{% endfor %}").is_empty());
    }

    #[test]
    fn marks_what_is_inside_if_and_for_blocks() {
        let body = "a\n{% if x %}\nB\n{% endif %}\nc";
        let lines = LineIndex::new(body);
        let shape = check_template("c.md", body, 1, &lines, &mut Problems::new()).expect("valid");
        assert!(shape.is_conditional(body.find('B').expect("B")));
        assert!(!shape.is_conditional(body.find('c').expect("c")));
    }
}
