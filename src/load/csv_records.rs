//! Text -> CSV records, each with the line it starts on.
//!
//! A real CSV reader, because MOF's header holds a quoted cell with a line
//! break (`"期間\nPeriod"`): record numbers and line numbers differ, and
//! every later error message needs the line.

use super::TextEncoding;
use crate::error::{Location, Problems};

/// One CSV record: its fields as written and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// 1-based line of the record's first character.
    pub line: usize,
    /// The fields, untrimmed.
    pub fields: Vec<String>,
}

impl RawRecord {
    /// Whether every field is empty or white space (a spacer row).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|field| field.trim().is_empty())
    }

    /// The field at 0-based `index`, or "" if the row is shorter.
    pub fn field(&self, index: usize) -> &str {
        self.fields.get(index).map(String::as_str).unwrap_or("")
    }
}

/// A CSV file split into records, not yet interpreted.
#[derive(Debug, Clone)]
pub struct RawTable {
    /// Path relative to the project root.
    pub path: String,
    /// The encoding the file was decoded from.
    pub encoding: TextEncoding,
    /// Every record, in file order.
    pub records: Vec<RawRecord>,
}

/// Splits `text` into records. Rows may have any number of fields here:
/// checking their count is validation's job, where the message can say
/// which column is missing.
pub fn read_records(path: &str, text: &str, encoding: TextEncoding) -> (RawTable, Problems) {
    let mut problems = Problems::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv crate's own line count skips line breaks inside quoted cells,
    // so lines are counted here from each record's byte offset.
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                records.push(RawRecord {
                    line,
                    fields: record.iter().map(str::to_string).collect(),
                });
            }
            Err(error) => {
                let line = error.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                problems.report(
                    Location::line(path, line),
                    format!("cannot read this CSV record: {error}"),
                    "check the quoting on this line",
                );
                // The reader cannot resynchronise after a syntax error, so the
                // rest of the file would only produce noise.
                break;
            }
        }
    }
    (
        RawTable {
            path: path.to_string(),
            encoding,
            records,
        },
        problems,
    )
}

/// 1-based line numbers of byte offsets, asked in increasing order.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: usize) -> usize {
        let mut offset = offset.min(self.bytes.len());
        // After a CRLF the reader reports the record as starting at the LF.
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_line_break_keeps_line_numbers_of_later_records() {
        for text in ["a,b\n\"x\ny\",1\nz,2\n", "a,b\r\n\"x\ny\",1\r\nz,2\r\n"] {
            let (table, problems) = read_records("t.csv", text, TextEncoding::Utf8);
            assert!(problems.is_empty());
            let lines: Vec<usize> = table.records.iter().map(|r| r.line).collect();
            assert_eq!(lines, vec![1, 2, 4], "{text:?}");
        }
        let text = "a,b\n\"x\ny\",1\nz,2\n";
        let (table, _) = read_records("t.csv", text, TextEncoding::Utf8);
        assert_eq!(table.records[1].fields[0], "x\ny");
    }
}
