//! Language editions: the sample site's Japanese edition mirrors the
//! English one page for page, every pair linked both ways through
//! `hreflang`, with `lang` on every page, a language switch, sitemap
//! alternates and a Japanese feed; a site without `[languages.ja]` builds
//! English only.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, built_fixture, sample_site};
use std::collections::BTreeMap;

const BASE: &str = "https://flows.example.org/";

/// The sample site, built once for every test here.
fn sample() -> &'static Site {
    sample_site()
}

fn text(site: &Site, path: &str) -> String {
    String::from_utf8_lossy(&site[path]).into_owned()
}

/// The served address of an output path.
fn address(path: &str) -> String {
    let served = path.strip_suffix("index.html").unwrap_or(path);
    format!("{BASE}{served}")
}

/// The `hreflang` alternates in a page's head: language -> address.
fn alternates(html: &str) -> BTreeMap<String, String> {
    let head = &html[..html.find("</head>").expect("head")];
    let mut found = BTreeMap::new();
    for tag in head.split("<link ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(tag[start..].split('"').next()?.to_string())
        };
        if let (Some(lang), Some(href)) = (attr("hreflang"), attr("href")) {
            found.insert(lang, href);
        }
    }
    found
}

/// The HTML pages of the site, but the 404 page of each edition, which has
/// no address of its own, and the chart embeds, which are framed in other
/// sites' pages (English only, and left out of the sitemap).
fn pages(site: &Site) -> Vec<&String> {
    site.keys()
        .filter(|path| is_page(path) && !path.ends_with("404.html"))
        .collect()
}

/// Whether `path` is a page a reader browses (not an embed).
fn is_page(path: &str) -> bool {
    path.ends_with(".html") && !path.contains("/embed/")
}

#[test]
fn every_page_pairs_with_its_counterpart_through_hreflang_both_ways() {
    let site = sample();
    let all = pages(site);
    let english: Vec<&&String> = all.iter().filter(|p| !p.starts_with("ja/")).collect();
    let japanese: Vec<&&String> = all.iter().filter(|p| p.starts_with("ja/")).collect();
    assert!(english.len() > 1000, "{} English pages", english.len());
    assert_eq!(english.len(), japanese.len(), "the editions have the same pages");
    for path in &all {
        let html = text(site, path);
        let links = alternates(&html);
        let route = path.strip_prefix("ja/").unwrap_or(path);
        let (en, ja) = (address(route), address(&format!("ja/{route}")));
        assert_eq!(links.get("en"), Some(&en), "{path}: {links:?}");
        assert_eq!(links.get("ja"), Some(&ja), "{path}: {links:?}");
        assert_eq!(links.get("x-default"), Some(&en), "{path}: {links:?}");
        // The counterpart exists and points back.
        let other = if path.starts_with("ja/") {
            route.to_string()
        } else {
            format!("ja/{route}")
        };
        let back = alternates(&text(site, &other));
        assert_eq!(back, links, "{other} does not point back to {path}");
    }
}

#[test]
fn every_page_says_its_language_and_links_its_counterpart() {
    let site = sample();
    for path in site.keys().filter(|p| is_page(p)) {
        let html = text(site, path);
        let (lang, other) = if path.starts_with("ja/") {
            ("ja", "en")
        } else {
            ("en", "ja")
        };
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        let switch = html
            .split("<p class=\"language-switch\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{path} has no language switch"));
        assert!(switch.contains(&format!("hreflang=\"{other}\"")), "{path}");
    }
    let brief = text(site, "ja/weeks/2026-05-23/index.html");
    assert!(
        brief.contains("<a href=\"../../../weeks/2026-05-23/index.html\" hreflang=\"en\" lang=\"en\">English</a>"),
        "the Japanese brief links the English one"
    );
    let english = text(site, "weeks/2026-05-23/index.html");
    assert!(
        english.contains("<a href=\"../../ja/weeks/2026-05-23/index.html\" hreflang=\"ja\" lang=\"ja\">日本語</a>")
    );
}

#[test]
fn the_sitemap_carries_both_editions_with_bcp47_alternates() {
    let site = sample();
    let sitemap = text(site, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let entry = format!(
        "<url><loc>{BASE}ja/weeks/2026-05-23/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}weeks/2026-05-23/\"/><xhtml:link rel=\"alternate\" hreflang=\"ja\" href=\"{BASE}ja/weeks/2026-05-23/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}weeks/2026-05-23/\"/></url>"
    );
    assert!(sitemap.contains(&entry), "no alternates for the Japanese brief");
    assert_eq!(sitemap.matches("<url>").count(), pages(site).len());
    assert_eq!(sitemap.matches("hreflang=\"ja\"").count(), pages(site).len());
}

#[test]
fn the_japanese_edition_has_its_own_feed_404_and_commentary() {
    let site = sample();
    let feed = text(site, "ja/feed.xml");
    assert!(feed.contains("xml:lang=\"ja\""));
    assert!(
        feed.contains("<title>海外投資家、日本株を"),
        "Japanese headlines in the feed"
    );
    assert!(feed.contains(&format!("{BASE}ja/weeks/")));
    let not_found = text(site, "ja/404.html");
    assert!(not_found.contains("ページが見つかりません"));
    assert!(
        not_found.contains("href=\"/style.css\""),
        "the stylesheet from the root"
    );
    assert!(not_found.contains("href=\"/ja/index.html\""));
    let piece = text(site, "ja/commentary/2026-09-17-foreign-buying-outpaces-2025/index.html");
    assert!(piece.contains("海外投資家の日本株買い、2026年は既に昨年通年を上回る"));
    assert!(piece.contains("1兆5228億円売り越した"), "template values in Japanese");
    let note = text(site, "ja/weeks/2026-09-12/index.html");
    assert!(
        note.contains("デスクメモ"),
        "the Japanese week note joins the Japanese brief"
    );
    assert!(!note.contains("Desk note"), "no English note on a Japanese page");
    // Downloads are shared, not copied.
    assert!(
        !site
            .keys()
            .any(|p| p.starts_with("ja/") && (p.ends_with(".csv") || p.ends_with(".json")))
    );
    let series = text(site, "ja/series/inward-equity/index.html");
    assert!(series.contains("href=\"../../../series/inward-equity/inward-equity.csv\""));
}

#[test]
fn japanese_pages_say_no_english_words_of_the_chrome_or_briefs() {
    let site = sample();
    for path in [
        "ja/index.html",
        "ja/weeks/2026-05-23/index.html",
        "ja/weeks/index.html",
        "ja/series/inward-equity/index.html",
        "ja/revisions/index.html",
        "ja/methodology/index.html",
    ] {
        let html = text(site, path);
        let body = &html[html.find("<main").expect("main")..html.find("</main>").expect("main end")];
        let visible: String = {
            let mut out = String::new();
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        };
        for english in [
            "Foreign investors",
            "week to",
            "trillion",
            "billion",
            "Net purchases",
            "Year to date",
            "Ministry of Finance",
            "Source:",
        ] {
            assert!(!visible.contains(english), "«{english}» on {path}");
        }
    }
}

#[test]
fn a_site_without_languages_ja_builds_english_only() {
    let site = built_fixture("valid/small-utf8");
    assert!(!site.keys().any(|path| path.starts_with("ja/")), "no Japanese edition");
    for path in site.keys().filter(|p| p.ends_with(".html")) {
        let html = text(&site, path);
        assert!(html.contains("<html lang=\"en\">"), "{path}");
        assert!(!html.contains("hreflang"), "{path} pairs with nothing");
        assert!(!html.contains("language-switch"), "{path}");
    }
}
