//! Commentary Markdown -> HTML, with chart blocks replaced by charts.
//!
//! Headings are shifted down one level (the page title is the only `h1`)
//! and given unique ids so that a reader can link to a section.

use crate::validate::{ChartBlockKey, chart_block_key, is_chart_fence, markdown_options};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
// Hash maps are fine here: they only decide which ids are taken, never an
// order that reaches the output.
use std::collections::{BTreeMap, HashMap, HashSet};

/// Renders a commentary body; each chart block is replaced by its chart
/// in `charts` (already rendered HTML), found by the block's identity.
pub fn render_markdown(body: &str, charts: &BTreeMap<ChartBlockKey, String>) -> String {
    // The page title is the only h1: shift headings so that the shallowest
    // one in the body becomes h2, keeping the outline without skipped levels.
    let shallowest = Parser::new_ext(body, markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(shallowest);
    let demote = |level: HeadingLevel| shift_level(level, shift);
    let mut events: Vec<Event<'_>> = Vec::new();
    // The text of the chart block being read, if in one.
    let mut in_chart: Option<String> = None;
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) if is_chart_fence(info) => {
                in_chart = Some(String::new());
            }
            Event::Text(ref text) if in_chart.is_some() => {
                in_chart.get_or_insert_default().push_str(text);
            }
            Event::End(TagEnd::CodeBlock) if in_chart.is_some() => {
                // Validation checked every block, so a chart exists for each;
                // an empty string would only drop the figure.
                let html = in_chart
                    .take()
                    .and_then(|source| charts.get(&chart_block_key(&source)?))
                    .cloned()
                    .unwrap_or_default();
                events.push(Event::Html(CowStr::from(html)));
            }
            _ if in_chart.is_some() => {}
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => events.push(Event::End(TagEnd::Heading(demote(level)))),
            other => events.push(other),
        }
    }
    assign_heading_ids(&mut events);
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn shift_level(level: HeadingLevel, shift: usize) -> HeadingLevel {
    match (level as usize + shift).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Gives every heading without an explicit id a unique one made from its
/// text (`year-to-date`, `year-to-date-2`, ...). Linear in the number of
/// headings: each base remembers the next number to try, so a file of
/// 20,000 identical headings does not try 1, 2, 3 ... for each of them.
fn assign_heading_ids(events: &mut [Event<'_>]) {
    let mut used: HashSet<String> = HashSet::new();
    let mut next_number: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(usize, String)> = None;
    for index in 0..events.len() {
        match &events[index] {
            Event::Start(Tag::Heading { id: None, .. }) => heading = Some((index, String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, collected)) = heading.as_mut() {
                    collected.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((start, text)) = heading.take() else { continue };
                let base = slugify(&text);
                let base = if base.is_empty() { "section".to_string() } else { base };
                let mut candidate = base.clone();
                if used.contains(&candidate) {
                    let number = next_number.entry(base.clone()).or_insert(2);
                    // A heading may itself read `x-2`: skip numbers taken.
                    while used.contains(&candidate) {
                        candidate = format!("{base}-{number}");
                        *number += 1;
                    }
                }
                used.insert(candidate.clone());
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
                    *id = Some(CowStr::from(candidate));
                }
            }
            _ => {}
        }
    }
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_each_chart_block_by_its_own_chart_even_inside_lists() {
        let body = "- item\n\n  ```chart\n  series = \"a\"\n  kind = \"weekly\"\n  ```\n\n```chart\nseries = \"b\"\nkind = \"ytd\"\n```\n";
        let charts: BTreeMap<ChartBlockKey, String> = [
            (
                ("b".to_string(), crate::model::ChartKind::Ytd),
                "<figure>two</figure>".to_string(),
            ),
            (
                ("a".to_string(), crate::model::ChartKind::Weekly),
                "<figure>one</figure>".to_string(),
            ),
        ]
        .into_iter()
        .collect();
        let html = render_markdown(body, &charts);
        let one = html.find("<figure>one</figure>").expect("first chart");
        let two = html.find("<figure>two</figure>").expect("second chart");
        assert!(one < two);
        assert!(!html.contains("series ="), "{html}");
    }

    #[test]
    fn keeps_h2_sections_as_h2() {
        let html = render_markdown("## Bonds\n\n### Detail\n", &BTreeMap::new());
        assert!(html.contains("<h2 id=\"bonds\">"), "{html}");
        assert!(html.contains("<h3 id=\"detail\">"), "{html}");
    }

    #[test]
    fn numbers_repeated_headings_around_headings_that_look_numbered() {
        let html = render_markdown("# A\n\n# A-2\n\n# A\n\n# A\n", &BTreeMap::new());
        for id in ["\"a\"", "\"a-2\"", "\"a-3\"", "\"a-4\""] {
            assert_eq!(html.matches(&format!("id={id}")).count(), 1, "{id}: {html}");
        }
    }

    #[test]
    fn demotes_headings_and_gives_them_unique_ids() {
        let html = render_markdown(
            "# Year to date\n\n## Year to date\n\n# Year to date\n",
            &BTreeMap::new(),
        );
        assert!(html.contains("<h2 id=\"year-to-date\">"), "{html}");
        assert!(html.contains("<h3 id=\"year-to-date-2\">"), "{html}");
        assert!(html.contains("<h2 id=\"year-to-date-3\">"), "{html}");
    }
}
