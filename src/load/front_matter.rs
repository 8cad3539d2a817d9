//! Markdown file -> `+++` TOML front matter and body.
//!
//! Split by hand at the start of the file only: pulldown-cmark's metadata
//! blocks are recognised anywhere in a document, and its `---` form would
//! swallow an ordinary thematic break.

use crate::error::{Location, Problem};

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Path relative to the project root.
    pub path: String,
    /// The TOML between the `+++` lines.
    pub front_matter: String,
    /// 1-based line of the first front-matter line (after the opening `+++`).
    pub front_matter_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Splits `text` into front matter and body; the file must start with a
/// `+++` line and have a closing `+++` line.
pub fn split_front_matter(path: &str, text: &str) -> Result<RawDocument, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() == "---" {
        // The YAML form of Hugo and Jekyll: the fix is to rewrite it, not to
        // add a second block.
        return Err(Problem::new(
            Location::line(path, 1),
            "the front matter is YAML between `---` lines; flowsite reads TOML between `+++` lines",
            "write it as `+++`, then `title = \"...\"` and `date = 2026-01-31`, then a closing `+++`",
        ));
    }
    if first.trim_end() != "+++" {
        // Every Markdown file under content/ becomes a page; a README or
        // notes file kept there is the usual cause.
        return Err(Problem::new(
            Location::line(path, 1),
            "every Markdown file in content/ is published as a page, and this one has no `+++` front matter",
            "move the file out of content/ if it is not a page, or begin it with a line `+++`, then `title = \"...\"` and `date = 2026-01-31`, then a closing `+++`",
        ));
    }
    let mut offset = first.len();
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        if line.trim_end() == "+++" {
            let front_matter = text[first.len()..offset].to_string();
            let body = text[offset + line.len()..].to_string();
            return Ok(RawDocument {
                path: path.to_string(),
                front_matter,
                front_matter_line: 2,
                body,
                body_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        Location::line(path, 1),
        "the front matter opened with `+++` is never closed",
        "add a line `+++` after the last front-matter key",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let doc = split_front_matter("c.md", "+++\ntitle = \"x\"\n+++\n# Hi\n").expect("valid");
        assert_eq!(doc.front_matter, "title = \"x\"\n");
        assert_eq!(doc.body, "# Hi\n");
        assert_eq!(doc.body_line, 4);
    }

    #[test]
    fn rejects_unterminated_front_matter() {
        let problem = split_front_matter("c.md", "+++\ntitle = \"x\"\n# Hi\n").expect_err("open");
        assert!(problem.message.contains("never closed"));
    }

    #[test]
    fn rejects_missing_front_matter_saying_to_move_the_file_or_add_it() {
        let problem = split_front_matter("content/README.md", "# Hi\n").expect_err("none");
        assert_eq!(problem.location.line, Some(1));
        assert!(problem.fix.starts_with("move the file out of content/"), "{problem}");
    }

    #[test]
    fn names_yaml_front_matter_as_the_wrong_kind() {
        let problem = split_front_matter("c.md", "---\ntitle: x\n---\n").expect_err("yaml");
        assert!(problem.message.contains("YAML"), "{problem}");
    }
}
