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
pub fn decode_text(path: &str, bytes: &[u8]) -> Result<(String, TextEncoding), Problem> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(without_bom) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    if without_bom.len() != bytes.len() {
        // A BOM promises UTF-8; bytes after it that are not UTF-8 mean the file
        // mixes encodings, which no single decoder can read correctly.
        return Err(encoding_problem(
            path,
            bytes,
            "it starts with a UTF-8 byte-order mark but is not valid UTF-8",
        ));
    }
    match encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text.into_owned(), TextEncoding::Cp932)),
        None => Err(encoding_problem(
            path,
            bytes,
            "it is neither UTF-8 nor cp932 (Shift_JIS)",
        )),
    }
}

fn encoding_problem(path: &str, bytes: &[u8], what: &str) -> Problem {
    // Point at the first line that is not UTF-8: usually where a second
    // encoding was pasted in.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bad_at = std::str::from_utf8(body).err().map_or(0, |error| error.valid_up_to());
    let line = 1 + body[..bad_at.min(body.len())].iter().filter(|&&b| b == b'\n').count();
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
    fn rejects_utf8_bom_followed_by_cp932() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("期間");
        let mut bytes = b"\xEF\xBB\xBFok\n".to_vec();
        bytes.extend_from_slice(&sjis);
        let problem = decode_text("a.csv", &bytes).expect_err("mixed");
        assert_eq!(problem.location.line, Some(2));
        assert!(problem.message.contains("byte-order mark"), "{problem}");
    }
}
