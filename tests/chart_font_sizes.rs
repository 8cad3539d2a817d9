//! Every chart the sample site publishes writes its font sizes whole or
//! with one decimal: plotters hands them over divided by 1.24 as floats,
//! and nothing of that float error may reach a page.

mod common;

use common::{build, read_tree, repo_root, stderr};

#[test]
fn every_font_size_in_the_sample_site_has_at_most_one_decimal() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&repo_root(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut sizes = 0;
    for (path, bytes) in read_tree(&out) {
        if !(path.ends_with(".svg") || path.ends_with(".html")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for (at, _) in text.match_indices("font-size=\"") {
            let value = &text[at + 11..];
            let value = &value[..value.find('"').expect("a closed attribute")];
            let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
            assert!(
                !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()) && fraction.len() <= 1,
                "{path}: font-size=\"{value}\""
            );
            sizes += 1;
        }
    }
    assert!(
        sizes > 100,
        "the sample site's charts carry their font sizes ({sizes} found)"
    );
}
