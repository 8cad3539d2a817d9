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
    // Stocks, week to 17 January: 8,655 -> 8,755 oku, in billions of yen,
    // the revision first and the week as a reader writes it.
    assert!(page.contains("<tr><th scope=\"row\"><span class=\"nowrap\">11\u{2013}17 Jan 2026</span></th><td class=\"num\"><span class=\"nowrap\">+10.0</span></td><td class=\"num\">+875.5</td><td class=\"num minor\">+865.5</td></tr>"), "{page}");
    // Japanese investors' long-term bonds, week to 8 November 2025: 5,713 -> 5,663 oku.
    assert!(page.contains("<span class=\"nowrap\">\u{2212}5.0</span></td><td class=\"num\">+566.3</td><td class=\"num minor\">+571.3</td>"), "{page}");
    assert!(
        page.contains("<th scope=\"col\" class=\"num\">Revision, ¥bn</th>"),
        "{page}"
    );
    // Source cells are in the download, not the reader's table.
    assert!(!page.contains("week.csv:"), "{page}");
    let csv = String::from_utf8_lossy(&site["revisions/revisions.csv"]).into_owned();
    assert!(csv.starts_with("release,previous_release,series,week_start,week_end,unit,was,now,difference,source_file,source_line,source_column\n"), "{csv}");
    assert!(
        csv.contains("\n2026-01-29,2026-01-22,inward-equity,2026-01-11,2026-01-17,100m_yen,8655,8755,100,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 7, "a header and the 6 revised figures: {csv}");

    // The brief of a revised week was published with its week's release and
    // updated by the release that revised it, in the markup and on the page.
    let revised = String::from_utf8_lossy(&site["weeks/2026-01-17/index.html"]).into_owned();
    assert!(
        revised.contains("<meta property=\"article:published_time\" content=\"2026-01-22\">"),
        "{revised}"
    );
    assert!(
        revised.contains("<meta property=\"article:modified_time\" content=\"2026-01-29\">"),
        "{revised}"
    );
    assert!(revised.contains("<time datetime=\"2026-01-22\">Published 22 January 2026</time>, <time datetime=\"2026-01-29\">updated 29 January 2026</time>"), "{revised}");
    // A week no release revised was modified when it was published.
    let newest = String::from_utf8_lossy(&site["weeks/2026-01-24/index.html"]).into_owned();
    assert!(
        newest.contains("<meta property=\"article:modified_time\" content=\"2026-01-29\">"),
        "{newest}"
    );
    assert!(!newest.contains("updated 29 January"), "{newest}");

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
