//! Weekly briefs written from fixture data whose facts are known
//! (`tests/fixtures/valid/synthetic-briefs`, made by make_fixtures.py):
//! foreign investors' stock nets of +10, +20, +30, −15, +5 billion yen, then
//! +1 billion a week through 2025, +2 billion in the first week of 2026 and a
//! record −500 billion in the second.

mod common;

use common::{build, built_fixture, fixture, read_tree};
use std::collections::BTreeMap;

fn site() -> BTreeMap<String, Vec<u8>> {
    built_fixture("valid/synthetic-briefs")
}

/// The visible text of a brief's article, tags removed and entities decoded.
fn brief_text(site: &BTreeMap<String, Vec<u8>>, week_end: &str) -> String {
    let html = String::from_utf8_lossy(&site[&format!("weeks/{week_end}/index.html")]).into_owned();
    let start = html.find("<article").expect("article");
    let end = html.find("</article>").expect("article end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_says(text: &str, sentence: &str) {
    assert!(text.contains(sentence), "expected «{sentence}» in:\n{text}");
}

#[test]
fn a_streak_extended_leads_the_brief() {
    let site = site();
    let text = brief_text(&site, "2025-01-25");
    assert_says(
        &text,
        "Foreign investors net buy Japanese stocks for third straight week",
    );
    assert_says(
        &text,
        "Foreign investors net bought ¥30.0 billion of Japanese stocks in the week to 25 January 2025, a third straight week of net buying",
    );
    assert_says(
        &text,
        "The week before, they net bought ¥20.0 billion; the net figure rose by ¥10.0 billion on the week.",
    );
    assert_says(
        &text,
        "So far in 2025, over 3 weeks, they have net bought ¥60.0 billion.",
    );
}

#[test]
fn a_snapped_streak_is_a_turn_to_selling() {
    let text = brief_text(&site(), "2025-02-01");
    assert_says(&text, "Foreign investors turn net sellers of Japanese stocks");
    assert_says(
        &text,
        "net sold ¥15.0 billion of Japanese stocks in the week to 1 February 2025, snapping three straight weeks of net buying",
    );
}

#[test]
fn a_flip_after_one_week_is_worded_as_such() {
    let text = brief_text(&site(), "2025-02-08");
    assert_says(&text, "Foreign investors turn net buyers of Japanese stocks");
    assert_says(&text, "after a week of net selling");
    assert_says(&text, "the net figure rose by ¥20.0 billion on the week");
}

#[test]
fn the_first_week_of_the_data_has_no_comparisons() {
    let text = brief_text(&site(), "2025-01-11");
    assert_says(&text, "This was the first week of 2025 in the year-to-date count.");
    assert!(!text.contains("The week before"), "{text}");
    assert!(!text.contains("same period of 2024"), "{text}");
}

#[test]
fn the_year_crossing_week_closes_the_old_year() {
    let site = site();
    let crossing = brief_text(&site, "2026-01-03");
    assert_says(
        &crossing,
        "So far in 2025, over 52 weeks, they have net bought ¥97.0 billion.",
    );
    assert_says(&crossing, "the net figure was unchanged on the week");
    let first = brief_text(&site, "2026-01-10");
    assert_says(
        &first,
        "This was the first week of 2026; in the first week of 2025 they had net bought ¥10.0 billion.",
    );
    assert_says(&first, "the most since the week to 8 February 2025");
}

#[test]
fn a_record_sale_leads_with_the_record_and_the_year_to_date_comparison() {
    let text = brief_text(&site(), "2026-01-17");
    assert_says(&text, "Foreign investors make record net sale of Japanese stocks");
    assert_says(&text, "the largest weekly net sale in data going back to January 2025");
    assert_says(
        &text,
        "So far in 2026, over 2 weeks, they have net sold ¥498.0 billion, against net purchases of ¥30.0 billion in the same period of 2025.",
    );
    // The week note is merged and its expressions evaluated against the data.
    assert_says(
        &text,
        "The sale of ¥500.0 billion ended a 49th straight week of net buying.",
    );
    assert_says(&text, "Year to date: net sold ¥498.0 billion.");
}

#[test]
fn briefs_link_to_their_neighbours_and_the_archive() {
    let site = site();
    let html = String::from_utf8_lossy(&site["weeks/2025-02-01/index.html"]).into_owned();
    assert!(
        html.contains("rel=\"prev\" href=\"../../weeks/2025-01-25/index.html\""),
        "prev link"
    );
    assert!(
        html.contains("rel=\"next\" href=\"../../weeks/2025-02-08/index.html\""),
        "next link"
    );
    let year = String::from_utf8_lossy(&site["weeks/2025/index.html"]).into_owned();
    // 52 weeks count in 2025, the last being 2025-12-28..2026-01-03.
    assert_eq!(year.matches("<time datetime=").count(), 52);
    assert!(year.contains("href=\"../../weeks/2026-01-03/index.html\""));
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(
        home.contains("href=\"weeks/2026-01-17/index.html\">Foreign investors make record net sale"),
        "home leads with the latest brief"
    );
}

#[test]
fn feed_and_sitemap_are_well_formed_xml_with_absolute_links() {
    let site = site();
    let feed_text = String::from_utf8(site["feed.xml"].clone()).expect("UTF-8 feed");
    let feed = roxmltree::Document::parse(&feed_text).expect("feed.xml parses as XML");
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let entries: Vec<_> = root.children().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 20, "the 20 newest briefs");
    for entry in &entries {
        let link = entry
            .children()
            .find(|n| n.has_tag_name("link"))
            .and_then(|n| n.attribute("href"))
            .expect("link");
        assert!(link.starts_with("https://example.org/fixture/weeks/"), "{link}");
    }
    let newest = entries[0]
        .children()
        .find(|n| n.has_tag_name("updated"))
        .and_then(|n| n.text())
        .expect("updated");
    assert_eq!(newest, "2026-01-22T00:00:00Z", "dated by the release, not the clock");

    let sitemap_text = String::from_utf8(site["sitemap.xml"].clone()).expect("UTF-8 sitemap");
    let sitemap = roxmltree::Document::parse(&sitemap_text).expect("sitemap.xml parses as XML");
    let locations: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let pages = site.keys().filter(|p| p.ends_with(".html") && *p != "404.html").count();
    assert_eq!(locations.len(), pages, "every page but the 404 page is in the sitemap");
    assert!(locations.iter().all(|l| l.starts_with("https://example.org/fixture/")));
    let robots = String::from_utf8_lossy(&site["robots.txt"]).into_owned();
    assert!(robots.contains("Sitemap: https://example.org/fixture/sitemap.xml"));
    assert!(site.contains_key("404.html"));
}

#[test]
fn no_year_to_date_is_stated_for_a_year_the_data_do_not_cover_from_its_start() {
    // The small fixture starts in October 2025: its 2025 briefs must not
    // state a 2025 year-to-date total.
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let site = read_tree(&out);
    let text = brief_text(&site, "2025-11-15");
    assert!(!text.contains("So far in 2025"), "{text}");
    let text = brief_text(&site, "2026-01-10");
    assert_says(&text, "This was the first week of 2026 in the year-to-date count.");
}
