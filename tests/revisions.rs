//! Two releases of MOF's file (`tests/fixtures/valid/vintages`): the latest
//! wins, and every figure it revised is listed on the revisions page and, for
//! the week before its newest week, in that week's brief.

mod common;

use common::{build, built_fixture, fixture, read_tree};

#[test]
fn the_latest_release_wins_and_its_revisions_are_listed() {
    let site = built_fixture("valid/vintages");

    // The latest release has one more week than the earlier one.
    assert!(site.contains_key("weeks/2026-01-24/index.html"));
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(
        home.contains("release of 29 January 2026"),
        "attribution names the latest release"
    );

    let page = String::from_utf8_lossy(&site["revisions/index.html"]).into_owned();
    assert!(
        page.contains("Release of 29 January 2026 against 22 January 2026: 6 figures revised"),
        "{page}"
    );
    // Stocks, week to 17 January: 8,655 -> 8,755 oku.
    assert!(page.contains("<td class=\"nowrap\">2026-01-11..01-17</td><td class=\"num\">+¥865.5 billion</td><td class=\"num\">+¥875.5 billion</td><td class=\"num\">+¥10.0 billion</td><td class=\"num\">+100</td>"), "{page}");
    // Japanese investors' long-term bonds, week to 8 November 2025: 5,713 -> 5,663 oku.
    assert!(page.contains("+¥571.3 billion</td><td class=\"num\">+¥566.3 billion</td><td class=\"num\">\u{2212}¥5.0 billion</td><td class=\"num\">-50</td>"), "{page}");

    let brief = String::from_utf8_lossy(&site["weeks/2026-01-24/index.html"]).into_owned();
    assert!(
        brief.contains("The previous week&#39;s figure was revised to net purchases of ¥875.5 billion from net purchases of ¥865.5 billion in the release of 29 January 2026.")
            || brief.contains("The previous week's figure was revised to net purchases of ¥875.5 billion from net purchases of ¥865.5 billion in the release of 29 January 2026."),
        "{brief}"
    );
    // Only the brief of the release's newest week carries the sentence.
    let earlier = String::from_utf8_lossy(&site["weeks/2026-01-17/index.html"]).into_owned();
    assert!(!earlier.contains("was revised"));
}

#[test]
fn a_single_release_has_nothing_revised() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let page = String::from_utf8_lossy(&read_tree(&out)["revisions/index.html"]).into_owned();
    assert!(page.contains("No figure has been revised"));
}
