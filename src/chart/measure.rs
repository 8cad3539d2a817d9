//! How wide a label will be, before a browser draws it.
//!
//! plotters without a font feature cannot measure text, and a chart must
//! place its labels before it is drawn. Widths here are DejaVu Sans's
//! advance widths (in em), the widest of the sans-serifs a reader's browser
//! is likely to pick for `system-ui`, so that a label placed with room to
//! spare on this estimate has room in Segoe UI, San Francisco or Roboto too.

/// The width of `text` set at `px` CSS pixels.
pub fn text_width(text: &str, px: u32) -> f64 {
    text.chars().map(advance).sum::<f64>() * f64::from(px)
}

/// The height of a line of text at `px`, with the gap to the next line.
pub fn line_height(px: u32) -> f64 {
    (f64::from(px) * 1.25).round()
}

fn advance(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | ':' | ';' | '\u{2019}' | '\'' => 0.32,
        '0'..='9' | '¥' | '$' | '€' | '£' | '#' => 0.64,
        '+' | '\u{2212}' | '=' | '<' | '>' => 0.84,
        '-' => 0.36,
        '\u{2013}' => 0.5,
        '\u{2014}' => 1.0,
        '(' | ')' | '[' | ']' => 0.39,
        '/' | '!' | '|' => 0.34,
        '%' => 0.95,
        '&' => 0.78,
        'i' | 'j' | 'l' => 0.28,
        'f' | 't' => 0.39,
        'r' => 0.41,
        'm' => 0.97,
        'w' => 0.82,
        's' | 'z' | 'c' => 0.55,
        'a'..='z' => 0.62,
        'I' | 'J' => 0.3,
        'M' | 'W' => 0.99,
        'A'..='Z' => 0.74,
        // Kanji and kana are a full em wide.
        c if c > '\u{2E7F}' => 1.0,
        _ => 0.7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_measure_wider_than_narrow_ones() {
        assert!(text_width("MW", 10) > text_width("il", 10) * 2.0);
        let label = text_width("Record sale, \u{2212}¥4.45tn", 13);
        assert!((130.0..160.0).contains(&label), "{label}");
        assert!((text_width("日本", 12) - 24.0).abs() < 1e-9);
    }
}
