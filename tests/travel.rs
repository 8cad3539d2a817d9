//! Charts that travel: share cards and their meta tags resolve to real
//! PNGs of the right size, every chart has light and dark images and an
//! embed with its oEmbed file, frozen embeds keep their bytes when a week
//! is added, and the image cache never changes a byte of the site.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, copy_site, fixture, read_tree, stderr};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The `content` of the `<meta>` named `name` (by `property` or `name`).
fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    [
        format!("property=\"{name}\" content=\""),
        format!("name=\"{name}\" content=\""),
    ]
    .iter()
    .find_map(|needle| {
        let start = html.find(needle.as_str())? + needle.len();
        Some(&html[start..start + html[start..].find('"')?])
    })
}

/// The width, height and decoded pixel count of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame that decodes");
    (info.width, info.height)
}

/// Builds `root` into `out`, asserting success; returns standard output.
fn built(root: &Path, out: &Path) -> String {
    let output = build(root, out);
    assert!(output.status.success(), "{}: {}", root.display(), stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The numbers of "Images: N PNG files; D drawn, R from the cache."
fn images_line(stdout: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find_map(|line| line.strip_prefix("Images: "))
        .unwrap_or_else(|| panic!("no images line in {stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(|n| n.parse().expect("a number"))
        .collect();
    assert_eq!(numbers.len(), 3, "{line}");
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn every_page_unfurls_with_a_card_that_exists_in_the_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    built(&fixture("valid/tidy"), &out);
    let site = read_tree(&out);
    let base = "https://example.org/tidy/";
    let mut pages = 0;
    for (path, bytes) in site.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).expect("UTF-8 page");
        if path.contains("/embed/") || path == "404.html" {
            continue;
        }
        pages += 1;
        let image = meta(html, "og:image").unwrap_or_else(|| panic!("{path}: no og:image"));
        let file = image
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{path}: og:image {image} is not absolute on the site"));
        let card = site
            .get(file)
            .unwrap_or_else(|| panic!("{path}: og:image {image} is not a file of the site"));
        assert_eq!(png_size(card), (1200, 630), "{path}: {file}");
        assert_eq!(meta(html, "og:image:width"), Some("1200"), "{path}");
        assert_eq!(meta(html, "og:image:height"), Some("630"), "{path}");
        assert!(
            meta(html, "og:image:alt").is_some_and(|alt| alt.len() > 20),
            "{path}: alt"
        );
        assert_eq!(meta(html, "twitter:card"), Some("summary_large_image"), "{path}");
        assert!(
            meta(html, "og:title").is_some() && meta(html, "og:description").is_some(),
            "{path}"
        );
        // A brief: weeks/YYYY-MM-DD/index.html.
        if path.starts_with("weeks/") && path.len() == "weeks/2025-03-08/index.html".len() {
            assert_eq!(meta(html, "og:type"), Some("article"), "{path}");
            assert!(meta(html, "article:published_time").is_some(), "{path}");
            // A brief's card is its own, beside it.
            assert_eq!(file, path.replace("index.html", "card.png"), "{path}");
        }
    }
    assert!(pages > 10, "{pages} pages checked");
    for series in ["alpha", "beta"] {
        assert!(site.contains_key(&format!("series/{series}/card.png")), "{series}");
    }
}

#[test]
fn every_chart_has_light_and_dark_images_and_an_embed_with_oembed() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    built(&fixture("valid/tidy"), &out);
    let site = read_tree(&out);
    let brief = std::str::from_utf8(&site["weeks/2025-03-08/index.html"]).expect("UTF-8");
    for chart in ["weekly", "ytd"] {
        let light = &site[&format!("weeks/2025-03-08/{chart}.png")];
        let dark = &site[&format!("weeks/2025-03-08/{chart}-dark.png")];
        let (width, height) = png_size(light);
        assert_eq!(png_size(dark), (width, height), "{chart}: one size, two themes");
        assert_ne!(light, dark, "{chart}");
        assert!(width >= 1440, "{chart}: a 2x image, {width} px");
        assert!(
            brief.contains(&format!("weeks/2025-03-08/{chart}.png\" download")),
            "{chart}: download link"
        );
        assert!(
            brief.contains(&format!("weeks/2025-03-08/{chart}-dark.png\" download")),
            "{chart}"
        );
        let embed = std::str::from_utf8(&site[&format!("weeks/2025-03-08/embed/{chart}/index.html")]).expect("UTF-8");
        assert!(embed.contains("<svg"), "{chart}: the chart");
        assert!(embed.contains("<details"), "{chart}: the data behind a disclosure");
        assert!(embed.contains("Source:"), "{chart}: the source line");
        assert!(
            embed.contains(&format!(
                "type=\"application/json+oembed\" href=\"https://example.org/tidy/weeks/2025-03-08/embed/{chart}/oembed.json\""
            )),
            "{chart}: oEmbed discovery"
        );
        let oembed: serde_json::Value =
            serde_json::from_slice(&site[&format!("weeks/2025-03-08/embed/{chart}/oembed.json")]).expect("JSON");
        assert_eq!(oembed["type"], "rich");
        assert_eq!(oembed["provider_name"], "Tidy fixture");
        assert_eq!(
            oembed["thumbnail_url"],
            "https://example.org/tidy/weeks/2025-03-08/card.png"
        );
        let html = oembed["html"].as_str().expect("html");
        assert!(
            html.starts_with("<iframe") && html.contains("title=") && html.contains("aspect-ratio"),
            "{html}"
        );
    }
    // The box of ready-to-copy snippets: frozen and live frames, a picture
    // with both themes, a link; no script needed to copy them.
    assert!(brief.contains("Embed this chart"));
    assert!(brief.contains("<textarea"));
    assert!(brief.contains("prefers-color-scheme: dark"));
    assert!(
        brief.contains("series/alpha/embed/weekly/"),
        "the live embed is offered too"
    );
    assert!(site.contains_key("series/alpha/embed/weekly/index.html"));
}

#[test]
fn frozen_embeds_and_dated_images_keep_their_bytes_when_a_week_is_added() {
    let temp = tempfile::tempdir().expect("temp dir");
    let project = temp.path().join("project");
    copy_site("valid/tidy", &project);
    let out = temp.path().join("site-out");
    built(&project, &out);
    let before = read_tree(&out);
    let flows = project.join("data/flows.csv");
    let mut csv = fs::read_to_string(&flows).expect("flows");
    csv.push_str("2025-03-15,alpha,31\n2025-03-15,beta,-12\n");
    fs::write(&flows, csv).expect("write");
    built(&project, &out);
    let after = read_tree(&out);
    assert!(
        after.contains_key("weeks/2025-03-15/embed/weekly/index.html"),
        "the new week's embed"
    );
    let frozen: BTreeMap<&String, &Vec<u8>> = before
        .iter()
        .filter(|(path, _)| path.starts_with("weeks/2") && !path.ends_with("index.html") || path.contains("/embed/"))
        .filter(|(path, _)| path.starts_with("weeks/2") || path.starts_with("commentary/"))
        .collect();
    assert!(frozen.len() > 40, "{} frozen files", frozen.len());
    for (path, bytes) in frozen {
        assert!(after.get(path) == Some(bytes), "{path} changed when a week was added");
    }
    // The live embed follows the latest week.
    let live = "series/alpha/embed/weekly/index.html";
    assert_ne!(before[live], after[live], "{live}");
}

/// `flowsite build` with the image cache beside the output, where it is
/// when nothing says otherwise.
fn built_with_own_cache(root: &Path, out: &Path) -> String {
    let output = build_with_own_cache(root, out);
    assert!(output.status.success(), "{}: {}", root.display(), stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_image_cache_never_changes_a_byte() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let cache = temp.path().join(".site-out.flowsite-cache");
    let cold = built_with_own_cache(&fixture("valid/tidy"), &out);
    assert!(
        cache.join(".flowsite").exists() || cache.is_dir(),
        "a cache beside the output"
    );
    let without = read_tree(&out);
    let pngs = without.keys().filter(|path| path.ends_with(".png")).count();
    let (files, drawn, reused) = images_line(&cold);
    assert_eq!((files, reused), (pngs, 0), "{cold}");
    // Identical images (a page's card shown by another page) are drawn once.
    assert!(drawn > 0 && drawn <= pngs, "{cold}");
    // Same project, a fresh output folder beside the same cache.
    fs::remove_dir_all(&out).expect("remove the site");
    let warm = built_with_own_cache(&fixture("valid/tidy"), &out);
    assert_eq!(images_line(&warm), (pngs, 0, drawn), "{warm}");
    assert_eq!(read_tree(&out), without, "every byte the same with the cache");
    // A cached file that was damaged is drawn again, never published.
    let damaged = fs::read_dir(&cache)
        .expect("cache")
        .map(|entry| entry.expect("entry").path())
        .find(|path| path.extension().is_some_and(|ext| ext == "png"))
        .expect("a cached PNG");
    fs::write(&damaged, b"\x89PNG\r\n\x1a\nnot a png").expect("damage");
    fs::remove_dir_all(&out).expect("remove the site");
    let repaired = built_with_own_cache(&fixture("valid/tidy"), &out);
    assert_eq!(images_line(&repaired), (pngs, 1, drawn - 1), "{repaired}");
    assert_eq!(read_tree(&out), without);
}

/// The build run with the image cache beside the output, whatever its
/// outcome.
fn build_with_own_cache(root: &Path, out: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args([
            "build",
            "--root",
            common::path_str(root),
            "--out",
            common::path_str(out),
        ])
        .env_remove("FLOWSITE_CACHE_DIR")
        .output()
        .expect("the flowsite binary runs")
}

#[test]
fn a_build_refused_after_its_pages_went_into_the_spare_leaves_the_site_and_removes_the_spare() {
    // A build writes its pages into the spare before it draws the images;
    // the image cache is claimed after that. Refused there, the build must
    // leave the live site as it was and no half-written spare behind.
    let temp = tempfile::tempdir().expect("temp dir");
    let project = temp.path().join("project");
    copy_site("valid/tidy", &project);
    let out = temp.path().join("site-out");
    let spare = temp.path().join(".site-out.flowsite-spare");
    let cache = temp.path().join(".site-out.flowsite-cache");
    let config = project.join("site.toml");
    let retitle = |title: &str| {
        let text = fs::read_to_string(&config).expect("site.toml");
        let line = text.lines().next().expect("a first line").to_string();
        assert!(line.starts_with("title = "), "{line}");
        fs::write(&config, text.replacen(&line, &format!("title = \"{title}\""), 1)).expect("write");
    };
    built_with_own_cache(&project, &out);
    retitle("Tidy, second edition");
    built_with_own_cache(&project, &out);
    assert!(spare.is_dir(), "the first site became the spare");
    let before = read_tree(&out);
    // The cache folder is now a user's folder, not flowsite's.
    fs::remove_dir_all(&cache).expect("remove the cache");
    fs::create_dir(&cache).expect("a folder of the user's");
    fs::write(cache.join("notes.txt"), "mine").expect("a file of the user's");
    retitle("Tidy, third edition");
    let refused = build_with_own_cache(&project, &out);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains(".site-out.flowsite-cache"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        read_tree(&out),
        before,
        "the live site is the second build's, byte for byte"
    );
    assert!(!spare.exists(), "the spare the refused build had begun is removed");
    assert_eq!(fs::read_to_string(cache.join("notes.txt")).expect("kept"), "mine");
    // With the folder given back, the next build writes the third edition.
    fs::remove_dir_all(&cache).expect("the user removes their folder");
    built_with_own_cache(&project, &out);
    let home = fs::read_to_string(out.join("index.html")).expect("home page");
    assert!(home.contains("Tidy, third edition"), "the new title on the home page");
}

#[test]
fn without_base_url_the_build_warns_and_writes_no_image_tags() {
    let temp = tempfile::tempdir().expect("temp dir");
    let project = temp.path().join("project");
    copy_site("valid/tidy", &project);
    let config = project.join("site.toml");
    let text = fs::read_to_string(&config).expect("site.toml");
    fs::write(&config, text.replace("base_url = \"https://example.org/tidy/\"\n", "")).expect("write");
    let out = temp.path().join("site-out");
    let output = build(&project, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("share cards"), "{}", stderr(&output));
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(meta(&home, "og:image").is_none(), "no relative og:image");
    assert!(meta(&home, "og:title").is_some());
    // The images themselves are still made and linked.
    assert!(out.join("weeks/2025-03-08/weekly-dark.png").is_file());
    assert!(out.join("card.png").is_file());
}

#[test]
fn briefs_before_images_briefs_from_keep_their_charts_but_get_no_pngs() {
    let temp = tempfile::tempdir().expect("temp dir");
    let project = temp.path().join("project");
    copy_site("valid/tidy", &project);
    let config = project.join("site.toml");
    let mut toml = fs::read_to_string(&config).expect("site.toml");
    toml.push_str("\n[images]\nbriefs_from = \"2025-02-01\"\n");
    fs::write(&config, toml).expect("write");
    let out = temp.path().join("site-out");
    let stdout = built(&project, &out);
    let site = read_tree(&out);
    // A week ending before the day: its charts and frozen embeds, no PNGs,
    // no download links, and it unfurls without an image: the home page's
    // card shows the latest week's figures, not this week's.
    let old = std::str::from_utf8(&site["weeks/2025-01-25/index.html"]).expect("UTF-8");
    assert!(old.contains("<svg"), "the old brief keeps its charts");
    assert!(!old.contains("Download image"), "no image links on the old brief");
    assert!(site.contains_key("weeks/2025-01-25/embed/weekly/index.html"));
    assert!(
        !site
            .keys()
            .any(|path| path.starts_with("weeks/2025-01-25/") && path.ends_with(".png"))
    );
    assert_eq!(meta(old, "og:image"), None);
    assert_eq!(meta(old, "twitter:card"), Some("summary"));
    assert!(
        meta(old, "og:title").is_some_and(|title| title.contains("Japanese stocks")),
        "{old}"
    );
    // An archive, about the site rather than one week, keeps the home card.
    let archive = std::str::from_utf8(&site["weeks/index.html"]).expect("UTF-8");
    assert_eq!(meta(archive, "og:image"), Some("https://example.org/tidy/card.png"));
    // The week ending on the day and later ones have all of them.
    for week in ["2025-02-01", "2025-03-08"] {
        let brief = std::str::from_utf8(&site[&format!("weeks/{week}/index.html")]).expect("UTF-8");
        assert!(brief.contains("Download image"), "{week}");
        for png in ["card.png", "weekly.png", "weekly-dark.png", "ytd.png", "ytd-dark.png"] {
            assert!(site.contains_key(&format!("weeks/{week}/{png}")), "{week}/{png}");
        }
        assert_eq!(
            meta(brief, "og:image").map(str::to_string),
            Some(format!("https://example.org/tidy/weeks/{week}/card.png"))
        );
    }
    // Every PNG the site has is one the pages link.
    let (files, _, _) = images_line(&stdout);
    assert_eq!(files, site.keys().filter(|path| path.ends_with(".png")).count());
}

/// The text of a page's `<p class="dateline">`.
fn dateline_of(html: &str) -> Option<&str> {
    let start = html.find("<p class=\"dateline\">")? + "<p class=\"dateline\">".len();
    Some(&html[start..start + html[start..].find("</p>")?])
}

#[test]
fn a_cards_date_is_the_dateline_of_the_page_it_shares_in_both_editions() {
    let site = flowsite::render_site(&common::repo_root(), &flowsite::Options::default(), &mut |_| {})
        .expect("the sample site renders");
    // A card's texts, in drawing order: the site's name, then the date.
    let card_date = |png: &str| {
        let job = site
            .images
            .iter()
            .find(|job| job.path == png)
            .unwrap_or_else(|| panic!("no card {png}"));
        let texts = flowsite::raster::text_nodes(&job.svg).expect("the card's SVG parses");
        texts.get(1).cloned().unwrap_or_else(|| panic!("{png}: {texts:?}"))
    };
    let page = |path: &str| String::from_utf8_lossy(&site.plan.files[path]).into_owned();
    assert_eq!(card_date("weeks/2026-09-12/card.png"), "6\u{2013}12 September 2026");
    assert_eq!(card_date("ja/weeks/2026-09-12/card.png"), "2026年9月6～12日");
    // A week across a year gives both years, as its dateline does.
    assert_eq!(
        card_date("weeks/2026-01-03/card.png"),
        "28 December 2025 \u{2013} 3 January 2026"
    );
    assert_eq!(card_date("ja/weeks/2026-01-03/card.png"), "2025年12月28日～26年1月3日");
    // Every brief's card and the home page's, in both editions, carry
    // exactly the dateline of the page they share.
    let mut compared = 0;
    for job in &site.images {
        let Some(at) = job.path.strip_suffix("card.png") else {
            continue;
        };
        let is_brief = at.strip_prefix("ja/").unwrap_or(at).starts_with("weeks/2");
        if !(is_brief || at.is_empty() || at == "ja/") {
            continue;
        }
        let html = page(&format!("{at}index.html"));
        let dateline = dateline_of(&html).unwrap_or_else(|| panic!("{at}index.html has no dateline"));
        assert_eq!(card_date(&job.path), dateline, "{}", job.path);
        compared += 1;
    }
    assert!(compared > 50, "{compared} cards compared");
    assert!(
        site.images.iter().all(|job| !job.svg.contains("Week to ")),
        "no card dates a week in the old form"
    );
}
