//! Byte offsets -> 1-based lines and columns, in logarithmic time.
//!
//! A commentary file may be large (20,000 headings) and every chart block,
//! expression and HTML fragment in it needs its line for a message:
//! counting line breaks from the start each time would make checking it
//! quadratic. No I/O here.

/// Where every line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// The index of `text`'s lines.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// 1-based character column of byte `offset`.
    pub fn column(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let start = self.starts[self.line(offset) - 1];
        1 + self.text.get(start..offset).map_or(0, |part| part.chars().count())
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&next| next);
        self.text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines_and_columns() {
        let text = "ab\ncdé\n\nf";
        let index = LineIndex::new(text);
        assert_eq!((index.line(0), index.column(0)), (1, 1));
        assert_eq!((index.line(2), index.column(2)), (1, 3));
        assert_eq!((index.line(3), index.column(3)), (2, 1));
        let f = text.find('f').expect("f");
        assert_eq!((index.line(f), index.column(f)), (4, 1));
        assert_eq!(index.line_text(2), "cdé");
        assert_eq!(index.line_text(4), "f");
    }
}
