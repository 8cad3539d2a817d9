//! Pages a desk publishes as they are: the head of every page, the home
//! page's first lines, the navigation, reader tables (human dates, one unit
//! per column, no source cells), the methodology page, the 404 page at any
//! depth, and a site built from another publisher's dollar figures
//! (`tests/fixtures/valid/korea-usd`) that speaks neither yen nor MOF.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{Site, build, built_fixture, read_tree, repo_root, sample_site, stderr};
use std::sync::OnceLock;

/// The sample site, built once for every test here.
fn sample() -> &'static Site {
    sample_site()
}

fn korea() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| built_fixture("valid/korea-usd"))
}

fn page(site: &Site, path: &str) -> String {
    let bytes = site.get(path).unwrap_or_else(|| panic!("no {path} in the site"));
    String::from_utf8_lossy(bytes).into_owned()
}

/// The text a reader sees: the body without tags, with entities decoded.
fn visible_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    // The embed box's codes to copy are markup with addresses, not copy.
    let mut body = body.to_string();
    while let Some(start) = body.find("<textarea") {
        let end = body[start..]
            .find("</textarea>")
            .map_or(body.len(), |at| start + at + 11);
        body.replace_range(start..end, " ");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
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
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether `text` has a machine date (`2026-09-06`) in it.
fn has_machine_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits =
        |from: usize, count: usize| (from..from + count).all(|i| chars.get(i).is_some_and(char::is_ascii_digit));
    (0..chars.len()).find_map(|i| {
        let found = digits(i, 4)
            && chars.get(i + 4) == Some(&'-')
            && digits(i + 5, 2)
            && chars.get(i + 7) == Some(&'-')
            && digits(i + 8, 2);
        found.then(|| chars[i.saturating_sub(40)..(i + 30).min(chars.len())].iter().collect())
    })
}

/// The words a dollar site from another publisher must never say, as
/// whole words where a word could hide inside another.
fn yen_or_mof(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if text.contains('¥') {
        return Some("¥");
    }
    if text.contains("Ministry of Finance") {
        return Some("Ministry of Finance");
    }
    ["yen", "mof", "oku"].into_iter().find(|word| words.contains(word))
}

#[test]
fn every_file_of_a_korean_dollar_site_speaks_neither_yen_nor_mof() {
    let site = korea();
    let mut checked = 0;
    // PNGs are compressed pixels, not text: their words are those of the
    // chart SVGs in the pages and embeds checked here.
    for (path, bytes) in site.iter().filter(|(path, _)| !path.ends_with(".png")) {
        let text = String::from_utf8_lossy(bytes);
        if let Some(word) = yen_or_mof(&text) {
            panic!("{path} says «{word}»");
        }
        checked += 1;
    }
    assert!(checked > 80, "every page, feed and download: {checked}");
    let home = page(site, "index.html");
    assert!(home.contains("Source: Financial Supervisory Service"), "{home}");
    assert!(
        home.contains("Dollar figures are published in millions of US dollars"),
        "{home}"
    );
    assert!(home.contains("Net, $m"), "{home}");
    // The flows abroad follow, named by their typed direction and class.
    let brief = page(site, "weeks/2025-03-15/index.html");
    assert!(brief.contains("<h2>Bonds and flows abroad</h2>"), "{brief}");
    assert!(brief.contains("Korean investors"), "{brief}");
}

#[test]
fn a_dollar_starter_site_says_nothing_of_yen() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&repo_root().join("src/cmd/init/starter"), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    for (path, bytes) in read_tree(&out).into_iter().filter(|(path, _)| !path.ends_with(".png")) {
        if let Some(word) = yen_or_mof(&String::from_utf8_lossy(&bytes)) {
            panic!("{path} says «{word}»");
        }
    }
}

#[test]
fn breaks_and_their_notes_come_from_typed_metadata_not_series_ids() {
    // MOF's importer marks the 2014 reclassification on stocks and
    // long-term bonds, not on their subtotal.
    let equity = page(sample(), "series/inward-equity/index.html");
    assert!(equity.contains("contractual-type investment trusts"), "{equity}");
    let subtotal = page(sample(), "series/inward-subtotal/index.html");
    assert!(!subtotal.contains("contractual-type"), "{subtotal}");
    let methodology = page(sample(), "methodology/index.html");
    assert!(methodology.contains("<h2>Breaks in the series</h2>"), "{methodology}");
    // A tidy series whose id ends in `-equity` has no break unless declared.
    let abroad = page(korea(), "series/abroad-equity/index.html");
    assert!(!abroad.contains("contractual-type"), "{abroad}");
    let methodology = page(korea(), "methodology/index.html");
    assert!(!methodology.contains("Breaks in the series"), "{methodology}");
    assert!(
        methodology.contains("Financial Supervisory Service releases new figures every Tuesday"),
        "{methodology}"
    );
}

#[test]
fn every_page_has_a_canonical_address_a_feed_link_an_icon_and_theme_colours() {
    let site = sample();
    let home = page(site, "index.html");
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://flows.example.org/\">"),
        "{home}"
    );
    let series = page(site, "series/inward-equity/index.html");
    for expected in [
        "<link rel=\"canonical\" href=\"https://flows.example.org/series/inward-equity/\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Japan Weekly Flows: weekly briefs and commentary\" href=\"../../feed.xml\">",
        "<link rel=\"icon\" type=\"image/svg+xml\" href=\"../../favicon.svg\">",
        "<meta name=\"theme-color\" media=\"(prefers-color-scheme: light)\" content=\"#ffffff\">",
        "<meta name=\"theme-color\" media=\"(prefers-color-scheme: dark)\" content=\"#121417\">",
    ] {
        assert!(series.contains(expected), "no «{expected}» in {series}");
    }
    let icon = page(site, "favicon.svg");
    let svg = roxmltree::Document::parse(&icon).expect("the icon is SVG");
    assert_eq!(svg.root_element().tag_name().name(), "svg");
    // A site without base_url has no feed, so no feed link and no canonical.
    let tidy = built_fixture("valid/tidy-default-lead");
    let home = page(&tidy, "index.html");
    assert!(
        !home.contains("rel=\"canonical\"") && !home.contains("application/atom+xml"),
        "{home}"
    );
    assert!(home.contains("href=\"favicon.svg\""), "{home}");
    assert!(
        tidy.contains_key("favicon.svg"),
        "a project without its own icon gets the default"
    );
}

#[test]
fn briefs_state_when_they_were_published_from_the_release_day() {
    let brief = page(sample(), "weeks/2026-09-12/index.html");
    for expected in [
        "<meta property=\"article:published_time\" content=\"2026-09-17\">",
        "<meta property=\"article:modified_time\" content=\"2026-09-17\">",
        "<p class=\"dateline\">6\u{2013}12 September 2026</p>",
        "<time datetime=\"2026-09-17\">Published 17 September 2026</time>",
    ] {
        assert!(brief.contains(expected), "no «{expected}» in {brief}");
    }
    // MOF publishes every Thursday: a 2005 week came out the Thursday after.
    let old = page(sample(), "weeks/2005-01-08/index.html");
    assert!(
        old.contains("<time datetime=\"2005-01-13\">Published 13 January 2005</time>"),
        "{old}"
    );
    // Without a cadence, a brief is dated by the release that holds it.
    let tidy = built_fixture("valid/tidy");
    let first = page(&tidy, "weeks/2025-01-04/index.html");
    assert!(
        first.contains("<time datetime=\"2025-03-20\">Published 20 March 2025</time>"),
        "{first}"
    );
}

#[test]
fn the_home_page_says_when_it_was_updated_and_when_the_next_release_is_expected() {
    let home = page(sample(), "index.html");
    assert!(
        home.contains(
            "<p class=\"updated\">Updated 17\u{a0}Sep\u{a0}2026 \u{b7} next release expected 24\u{a0}Sep\u{a0}2026</p>"
        ),
        "{home}"
    );
    // Near the top: before the story.
    let updated = home.find("class=\"updated\"").expect("updated line");
    assert!(updated < home.find("latest-story").expect("story"));
    let korea = page(korea(), "index.html");
    assert!(
        korea.contains("Updated 18\u{a0}Mar\u{a0}2025 \u{b7} next release expected 25\u{a0}Mar\u{a0}2025"),
        "{korea}"
    );
    // A publisher whose cadence is not known gets no expected date.
    let tidy = page(&built_fixture("valid/tidy"), "index.html");
    assert!(
        tidy.contains("<p class=\"updated\">Updated 20\u{a0}Mar\u{a0}2025</p>"),
        "{tidy}"
    );
    assert!(!tidy.contains("next release"), "{tidy}");
}

#[test]
fn the_home_page_shows_the_site_title_the_story_and_its_chart_once() {
    let home = page(sample(), "index.html");
    let body = &home[home.find("<body>").expect("body")..];
    assert_eq!(
        body.matches("Japan Weekly Flows").count(),
        1,
        "the masthead alone: {body}"
    );
    assert!(
        body.contains("<h1 class=\"site-title\">"),
        "the site's name is the page's heading"
    );
    assert_eq!(body.matches("<h1").count(), 1);
    let headline = "Foreign investors sell ¥1.52 trillion of Japanese stocks, most since June";
    assert_eq!(body.matches(headline).count(), 1, "{body}");
    assert_eq!(
        body.matches("<p class=\"chart-title\">Japanese stocks, week by week</p>")
            .count(),
        1,
        "{body}"
    );
    // The story's chart comes right after its lede.
    let lede = body.find("class=\"standfirst\"").expect("lede");
    let chart = body.find("<figure class=\"chart-figure\"").expect("chart");
    let lede_end = lede + body[lede..].find("</p>").expect("end of lede");
    assert!(
        body[lede_end..chart].trim_start_matches("</p>").trim().is_empty(),
        "nothing between the lede and the chart"
    );
}

#[test]
fn the_navigation_marks_the_current_section() {
    let site = sample();
    let home = page(site, "index.html");
    assert!(
        home.contains("<a href=\"index.html\" aria-current=\"page\">Latest</a>"),
        "{home}"
    );
    let index = page(site, "series/index.html");
    assert!(
        index.contains("<a href=\"../series/index.html\" aria-current=\"page\">Series</a>"),
        "{index}"
    );
    let series = page(site, "series/inward-equity/index.html");
    assert!(
        series.contains("<a href=\"../../series/index.html\" aria-current=\"location\">Series</a>"),
        "{series}"
    );
    assert_eq!(series.matches("aria-current").count(), 1, "{series}");
    let brief = page(site, "weeks/2026-09-12/index.html");
    assert!(brief.contains("aria-current=\"location\">Briefs</a>"), "{brief}");
}

#[test]
fn reader_pages_show_human_dates_and_neither_source_cells_nor_the_tool_name() {
    let site = sample();
    let mut pages = 0;
    // Embeds are a chart framed in another site's page: no site footer.
    for (path, bytes) in site
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.contains("/embed/"))
    {
        let html = String::from_utf8_lossy(bytes);
        let text = visible_text(&html);
        if let Some(found) = has_machine_date(&text) {
            panic!("{path} shows a machine date: «{found}»");
        }
        assert!(!text.contains("week.csv:"), "{path} shows a source cell");
        let credit = if path.starts_with("ja/") {
            "flowsiteで作成。"
        } else {
            "Built with flowsite."
        };
        assert_eq!(text.matches(credit).count(), 1, "{path}: the footer's credit");
        assert!(
            !text.replace(credit, "").to_lowercase().contains("flowsite"),
            "{path} names the tool in reader copy"
        );
        pages += 1;
    }
    assert!(pages > 1_000, "{pages}");
    // The cells are in the downloads, which the methodology page explains.
    let methodology = page(site, "methodology/index.html");
    assert!(
        methodology.contains("source_file, source_line and source_column"),
        "{methodology}"
    );
    assert!(
        methodology
            .contains("the latest week of the series the briefs lead with is in data/week.csv, line 1147, column 15"),
        "{methodology}"
    );
}

#[test]
fn tables_state_one_unit_per_column_and_put_the_net_figure_first() {
    let series = page(sample(), "series/inward-equity/index.html");
    let head = "<thead><tr><th scope=\"col\">Week</th><th scope=\"col\" class=\"num\">Net, ¥bn</th><th scope=\"col\" class=\"num\">Year to date, ¥bn</th><th scope=\"col\" class=\"num minor\">Change on week, ¥bn</th><th scope=\"col\" class=\"num minor\">Bought, ¥bn</th><th scope=\"col\" class=\"num minor\">Sold, ¥bn</th></tr></thead>";
    assert!(series.contains(head), "{series}");
    assert!(
        series.contains("<th scope=\"row\"><span class=\"nowrap\">6\u{2013}12 Sep 2026</span></th><td class=\"num\">\u{2212}1,522.8</td><td class=\"num\">+8,206.6</td>"),
        "{series}"
    );
    let brief = page(sample(), "weeks/2026-09-12/index.html");
    assert!(
        brief.contains("Net purchases in the week 6\u{2013}12 Sep 2026, and so far this year"),
        "{brief}"
    );
    assert!(
        brief.contains("<th scope=\"col\" class=\"num\">Net, ¥bn</th>"),
        "{brief}"
    );
    // A week across two years breaks only after its dash.
    let crossing = page(sample(), "weeks/2026-01-03/index.html");
    assert!(
        crossing.contains("Net purchases in the week 28 Dec 2025 \u{2013} 3 Jan 2026"),
        "{crossing}"
    );
    // A site in two units puts each in a table of its own.
    let mixed = page(&built_fixture("valid/tidy-usd"), "index.html");
    assert!(mixed.contains("Net, $m") && mixed.contains("Net, ¥bn"), "{mixed}");
    assert_eq!(mixed.matches("<table class=\"figures\">").count(), 2, "{mixed}");
}

#[test]
fn a_sign_is_never_wrapped_apart_from_its_number() {
    let index = page(sample(), "series/index.html");
    assert!(
        index.contains("<span class=\"nowrap\">\u{2212}¥1.52 trillion</span>"),
        "{index}"
    );
}

#[test]
fn datelines_take_one_form_across_the_site() {
    let site = sample();
    let dateline = "6\u{2013}12 September 2026";
    let brief = page(site, "weeks/2026-09-12/index.html");
    assert!(brief.contains(&format!("<p class=\"dateline\">{dateline}</p>")));
    let home = page(site, "index.html");
    assert!(
        home.contains(&format!("<p class=\"dateline\">{dateline}</p>")),
        "{home}"
    );
    let archive = page(site, "weeks/index.html");
    assert!(
        archive.contains(&format!("<time datetime=\"2026-09-12\">{dateline}</time>")),
        "{archive}"
    );
    let earlier = page(site, "weeks/2026-09-05/index.html");
    assert!(
        earlier.contains(&format!(
            "<a rel=\"next\" href=\"../../weeks/2026-09-12/index.html\">{dateline} →</a>"
        )),
        "{earlier}"
    );
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = visible_text(&String::from_utf8_lossy(bytes));
        assert!(!text.contains("Week to "), "{path} dates a week in the old form");
    }
}

#[test]
fn the_briefs_index_lists_the_newest_headlines_then_the_years() {
    let archive = page(sample(), "weeks/index.html");
    let latest = archive.find("<h2>Latest briefs</h2>").expect("latest briefs");
    let years = archive.find("<h2>By year</h2>").expect("years");
    let between = &archive[latest..years];
    assert_eq!(between.matches("<li>").count(), 12, "{between}");
    assert!(
        between.contains("href=\"../weeks/2026-09-12/index.html\">Foreign investors sell ¥1.52 trillion of Japanese stocks, most since June</a>"),
        "{between}"
    );
    // The lead series' actor reads as running text does.
    assert!(
        archive.contains("what foreign investors did in Japanese stocks"),
        "{archive}"
    );
    let korea = page(korea(), "weeks/index.html");
    assert!(korea.contains("what foreign investors did in Korean stocks"), "{korea}");
}

#[test]
fn the_404_page_links_from_the_path_of_base_url() {
    // Published under a sub-path: every link starts there, so the page is
    // styled and its links work wherever the host serves it.
    let tidy = built_fixture("valid/tidy");
    let html = page(&tidy, "404.html");
    for expected in [
        "href=\"/tidy/style.css\"",
        "href=\"/tidy/favicon.svg\"",
        "href=\"/tidy/index.html\"",
        "href=\"/tidy/weeks/index.html\"",
    ] {
        assert!(html.contains(expected), "no «{expected}» in {html}");
    }
    assert!(
        !html.contains("href=\"../") && !html.contains("href=\"style.css\""),
        "{html}"
    );
}
