//! The post-pass over plotters' SVG: accessibility and theming hooks.
//!
//! plotters writes a fixed-size `<svg>` with inline colours and no text
//! alternatives. This makes it scale with its container, gives it
//! `role="img"` with `<title>` and `<desc>`, and gives every data mark a
//! `<title>` (a tooltip that works without JavaScript).
//!
//! What plotters repeats on every element and that changes nothing is
//! dropped: `opacity="1"` (SVG's default) and each label's
//! `font-family="sans-serif"` (the root's, which labels inherit). That is
//! 8% of a chart's bytes and only 0.8% of gzipped bytes, but a page is
//! parsed, and its budget counted, unzipped: the home page's four charts
//! are eight inline SVGs. Both are exact attribute strings, and plotters
//! escapes every quote in text, so they cannot match inside a label.
//! Text is also tidied: plotters writes font sizes divided by 1.24 as
//! floats (`13.000000000000002`), and no size handed to it comes out whole
//! for every pixel size (13 px cannot), so they are rounded here, the one
//! place the SVG is finished; and the line breaks it writes around each
//! label are dropped.

use crate::error::Error;

/// Escapes text for SVG/XML content and attributes.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A chart's title and description, already escaped for XML.
pub struct TextAlternatives {
    /// What the chart shows.
    pub title: String,
    /// What it says, for screen readers.
    pub description: String,
}

/// A data mark to label: the element name and the colour attribute that
/// identifies it (`fill="#0072B2"` on a `rect`).
pub struct MarkKind<'a> {
    /// `rect`, `polyline`, `circle`.
    pub element: &'a str,
    /// Colour attributes that identify marks, e.g. `fill="#0072B2"`.
    pub attributes: &'a [String],
}

/// Rewrites plotters' SVG: responsive root with title and description, and
/// `titles` (already escaped for XML) attached in order to the elements
/// matching `marks`.
pub fn finish_svg(
    raw: &str,
    class: &str,
    text: &TextAlternatives,
    marks: &MarkKind<'_>,
    titles: &[String],
) -> Result<String, Error> {
    let Some(open_end) = raw.find('>') else {
        return Err(super::drawing_error("plotters wrote no <svg> element"));
    };
    let open = &raw[..open_end];
    let view_box = attribute(open, "viewBox").ok_or_else(|| super::drawing_error("no viewBox"))?;
    let id = super::ID_PLACEHOLDER;
    let mut out = String::with_capacity(raw.len() + titles.iter().map(|t| t.len() + 20).sum::<usize>() + 400);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" class=\"{class}\" font-family=\"sans-serif\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        text.title, text.description
    ));
    let body = &raw[open_end + 1..];
    let pattern = format!("<{} ", marks.element);
    let closing = format!("</{}>", marks.element);
    let finder = memchr::memmem::Finder::new(pattern.as_bytes());
    let end_finder = memchr::memmem::Finder::new(b"/>");
    // Every mark attribute names the same attribute (`fill="#0072B2"`):
    // find it once in each element and compare its value, rather than
    // searching each element for every attribute.
    let split: Vec<(&str, &str)> = marks
        .attributes
        .iter()
        .filter_map(|a| a.find('"').map(|at| a.split_at(at + 1)))
        .collect();
    let name = split.first().map_or("", |(name, _)| *name);
    let spaced_name = format!(" {name}");
    let name_finder = memchr::memmem::Finder::new(spaced_name.as_bytes());
    let is_mark = |element: &str| {
        !name.is_empty()
            && name_finder.find(element.as_bytes()).is_some_and(|at| {
                let value = &element[at + spaced_name.len()..];
                split.iter().any(|(_, wanted)| value.starts_with(wanted))
            })
    };
    let mut rest = body;
    let mut next_title = titles.iter();
    while let Some(at) = finder.find(rest.as_bytes()) {
        let Some(len) = end_finder.find(&rest.as_bytes()[at..]) else {
            break;
        };
        let element = &rest[at..at + len];
        out.push_str(&rest[..at]);
        if is_mark(element) {
            let Some(label) = next_title.next() else {
                return Err(super::drawing_error("more marks than labels"));
            };
            out.push_str(element);
            out.push_str("><title>");
            out.push_str(label);
            out.push_str("</title>");
            out.push_str(&closing);
        } else {
            out.push_str(element);
            out.push_str("/>");
        }
        rest = &rest[at + len + 2..];
    }
    out.push_str(rest);
    if next_title.next().is_some() {
        return Err(super::drawing_error("fewer marks than labels"));
    }
    // Every element's `opacity="1"` is SVG's default.
    Ok(tidy_text(out).replace(" opacity=\"1\"", ""))
}

/// Rewrites every `<text>` element: its `font-size` to at most one
/// decimal, without the root's font family (which it inherits; plotters
/// writes it just before the size), and without the line breaks plotters
/// puts around its content.
/// Those breaks are not part of the label: without them a label reads the
/// same in the page's source, to find-in-page and to assistive technology
/// as the words on the chart.
fn tidy_text(svg: String) -> String {
    const OPEN: &[u8] = b"<text ";
    const SIZE: &str = " font-size=\"";
    const INHERITED: &str = " font-family=\"sans-serif\"";
    const CLOSE: &[u8] = b"\n</text>";
    let bytes = svg.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut kept_from = 0;
    for at in memchr::memmem::find_iter(bytes, OPEN) {
        if at < kept_from {
            continue;
        }
        let Some(tag_length) = memchr::memchr(b'>', &bytes[at..]) else {
            break;
        };
        let tag_end = at + tag_length;
        if let Some(size_at) = svg[at..tag_end].find(SIZE) {
            let start = at + size_at + SIZE.len();
            if let Some(length) = memchr::memchr(b'"', &bytes[start..tag_end]) {
                let written = &svg[start..start + length];
                if let Ok(size) = written.parse::<f64>() {
                    let head = &svg[kept_from..at + size_at];
                    out.push_str(head.strip_suffix(INHERITED).unwrap_or(head));
                    out.push_str(SIZE);
                    out.push_str(&rounded(size));
                    kept_from = start + length;
                }
            }
        }
        let content = tag_end + 1;
        if bytes.get(content) == Some(&b'\n') {
            out.push_str(&svg[kept_from..content]);
            kept_from = content + 1;
        }
        if let Some(close) = memchr::memmem::find(&bytes[kept_from..], CLOSE) {
            let next_open = memchr::memmem::find(&bytes[kept_from..], OPEN).unwrap_or(usize::MAX);
            if close < next_open {
                out.push_str(&svg[kept_from..kept_from + close]);
                kept_from += close + 1;
            }
        }
    }
    out.push_str(&svg[kept_from..]);
    out
}

/// A number with at most one decimal, and none when it is whole.
fn rounded(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let end = element[start..].find('"')?;
    Some(&element[start..start + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str, description: &str) -> TextAlternatives {
        TextAlternatives {
            title: escape_xml(title),
            description: escape_xml(description),
        }
    }

    #[test]
    fn adds_title_desc_and_mark_titles() {
        let raw = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" fill=\"#0072B2\"/>\n<rect x=\"1\" fill=\"#FFFFFF\"/>\n</svg>\n";
        let attributes = ["fill=\"#0072B2\"".to_string()];
        let marks = MarkKind {
            element: "rect",
            attributes: &attributes,
        };
        let svg = finish_svg(raw, "chart", &text("T & t", "D"), &marks, &["week 1".to_string()]).expect("finished");
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 5\" class=\"chart\" font-family=\"sans-serif\" role=\"img\""
        ));
        assert!(svg.contains("<title id=\"FLOWSITE_CHART_ID-title\">T &amp; t</title>"));
        assert!(svg.contains("<rect x=\"0\" fill=\"#0072B2\"><title>week 1</title></rect>"));
        assert!(svg.contains("<rect x=\"1\" fill=\"#FFFFFF\"/>"));
        assert!(!svg.contains("width=\"10\""));
    }

    /// `raw` finished with no marks to label.
    fn finish_unmarked(raw: &str) -> String {
        let marks = MarkKind {
            element: "rect",
            attributes: &[],
        };
        finish_svg(raw, "chart", &text("T", "D"), &marks, &[]).expect("finished")
    }

    #[test]
    fn rounds_font_sizes_and_drops_line_breaks_around_labels_only() {
        let raw = "<svg viewBox=\"0 0 1 1\">\n<text x=\"1\" font-family=\"sans-serif\" font-size=\"13.000000000000002\" opacity=\"1\">\na\n</text><text font-size=\"12.5\">b</text><text font-size=\"9.67741935483871\">c</text>\n</svg>\n";
        let svg = finish_unmarked(raw);
        assert!(svg.contains("<text x=\"1\" font-size=\"13\">a</text>"), "{svg}");
        assert!(svg.contains("<text font-size=\"12.5\">b</text>"), "{svg}");
        assert!(svg.contains("<text font-size=\"9.7\">c</text>"), "{svg}");
        assert!(svg.ends_with("c</text>\n</svg>\n"), "{svg}");
        assert!(
            svg.contains("class=\"chart\" font-family=\"sans-serif\" role=\"img\""),
            "the root keeps the family its labels inherit: {svg}"
        );
    }

    #[test]
    fn a_label_that_spells_a_default_attribute_keeps_it() {
        // plotters escapes the quotes of a label's text.
        let raw = "<svg viewBox=\"0 0 1 1\">\n<text font-family=\"sans-serif\" font-size=\"13\" opacity=\"0.5\">\nsay opacity=&quot;1&quot;\n</text>\n</svg>\n";
        let svg = finish_unmarked(raw);
        assert!(
            svg.contains("<text font-size=\"13\" opacity=\"0.5\">say opacity=&quot;1&quot;</text>"),
            "{svg}"
        );
    }

    #[test]
    fn refuses_when_marks_and_labels_disagree() {
        let raw = "<svg viewBox=\"0 0 1 1\">\n</svg>\n";
        let attributes = ["fill=\"#0072B2\"".to_string()];
        let marks = MarkKind {
            element: "rect",
            attributes: &attributes,
        };
        assert!(finish_svg(raw, "chart", &text("T", "D"), &marks, &["x".to_string()]).is_err());
    }
}
