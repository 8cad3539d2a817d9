//! Bytes -> text, for files whose encoding is not declared.
//!
//! MOF publishes cp932 (Microsoft Shift_JIS); a spreadsheet re-save gives
//! UTF-8, often with a byte-order mark. Both are accepted. Anything that is
//! neither is refused rather than guessed at, because a wrongly decoded
//! label would silently change what a column means.

use crate::error::{Location, Problem};

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a leading byte-order mark is removed).
    Utf8,
    /// cp932 / Windows-31J, decoded with the WHATWG Shift_JIS decoder.
    Cp932,
}

/// Decodes `bytes` as UTF-8 (with or without BOM) or, failing that, cp932.
///
/// A file whose encoding breaks partway is reported at the line where it
/// breaks: a file that is UTF-8 (it has non-ASCII UTF-8 text) until some
/// line, or cp932 until a line that is not.
pub fn decode_text(path: &str, bytes: &[u8]) -> Result<(String, TextEncoding), Problem> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF");
    let body = without_bom.unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(body) {
        Ok(text) => return Ok((text.to_string(), TextEncoding::Utf8)),
        Err(error) => error,
    };
    let valid_up_to = utf8_error.valid_up_to();
    if without_bom.is_some() {
        // A BOM promises UTF-8; bytes after it that are not UTF-8 mean the file
        // mixes encodings, which no single decoder can read correctly.
        return Err(encoding_problem(
            path,
            line_at(body, valid_up_to),
            "it starts with a UTF-8 byte-order mark but is not valid UTF-8",
        ));
    }
    if !body[..valid_up_to].is_ascii() {
        // UTF-8 text before the first bad byte: a UTF-8 file with a line
        // pasted in from another encoding, not a cp932 file.
        return Err(encoding_problem(
            path,
            line_at(body, valid_up_to),
            "it is UTF-8 up to this line, which is not",
        ));
    }
    match decode_cp932(body) {
        Ok(text) => Ok((text, TextEncoding::Cp932)),
        Err(bad_at) => Err(encoding_problem(
            path,
            line_at(body, bad_at),
            if bad_at == valid_up_to {
                "it is neither UTF-8 nor cp932 (Shift_JIS)"
            } else {
                "it reads as cp932 (Shift_JIS) up to this line, which is neither cp932 nor UTF-8"
            },
        )),
    }
}

/// `bytes` as cp932, or the offset of the first byte that is not.
fn decode_cp932(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut text, true);
        read_total += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(text),
            encoding_rs::DecoderResult::OutputFull => text.reserve(bytes.len() - read_total + 16),
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
}

/// 1-based line of byte `offset`.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count()
}

fn encoding_problem(path: &str, line: usize, what: &str) -> Problem {
    Problem::new(
        Location::line(path, line),
        format!("cannot decode the file: {what}"),
        "save it again as UTF-8 or as the publisher's original cp932 file",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_and_without_bom() {
        let (plain, enc) = decode_text("a.csv", "期間,1".as_bytes()).expect("utf-8");
        assert_eq!((plain.as_str(), enc), ("期間,1", TextEncoding::Utf8));
        let (bom, _) = decode_text("a.csv", b"\xEF\xBB\xBFx,1").expect("bom");
        assert_eq!(bom, "x,1");
    }

    #[test]
    fn decodes_cp932_including_nec_extensions() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("①期間");
        let (text, enc) = decode_text("a.csv", &bytes).expect("cp932");
        assert_eq!((text.as_str(), enc), ("①期間", TextEncoding::Cp932));
    }

    #[test]
    fn names_the_line_where_utf8_text_breaks() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("アルファ");
        let mut bytes = "period,値\n2025,1\n".as_bytes().to_vec();
        bytes.extend_from_slice(&sjis);
        bytes.extend_from_slice(b",2\n");
        let problem = decode_text("a.csv", &bytes).expect_err("mixed");
        assert_eq!(problem.location.line, Some(3), "{problem}");
        assert!(problem.message.contains("UTF-8 up to this line"), "{problem}");
    }

    #[test]
    fn names_the_line_where_cp932_text_breaks() {
        let (mut bytes, _, _) = encoding_rs::SHIFT_JIS.encode("期間,1\n2025,2\n");
        let mut bytes = bytes.to_mut().clone();
        // A UTF-8 emoji is not cp932 either.
        bytes.extend_from_slice("x,\u{1F600}\n".as_bytes());
        let problem = decode_text("a.csv", &bytes).expect_err("mixed");
        assert_eq!(problem.location.line, Some(3), "{problem}");
        assert!(
            problem.message.contains("cp932 (Shift_JIS) up to this line"),
            "{problem}"
        );
    }

    #[test]
    fn rejects_utf8_bom_followed_by_cp932() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("期間");
        let mut bytes = b"\xEF\xBB\xBFok\n".to_vec();
        bytes.extend_from_slice(&sjis);
        let problem = decode_text("a.csv", &bytes).expect_err("mixed");
        assert_eq!(problem.location.line, Some(2));
        assert!(problem.message.contains("byte-order mark"), "{problem}");
    }
}
