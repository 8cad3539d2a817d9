//! Discovery files: the Atom feed of briefs and commentary, the sitemap,
//! robots.txt and the 404 page.
//!
//! Feed and sitemap need absolute addresses, so they are written only when
//! `base_url` is set in site.toml. Dates come from the data (a brief is
//! published on its week's release day and updated by the last release that
//! revised its figures), never from the clock.

use super::brief::brief_cast;
use super::layout::{Links, PageMeta, frame, iso_date};
use super::routes::{self, Edition};
use super::{RenderedFile, SiteData, html_file};
use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};

/// How many of the newest briefs the feed carries.
const FEED_BRIEFS: usize = 20;

/// An entry of the feed.
struct FeedEntry {
    title: String,
    path: String,
    published: NaiveDate,
    updated: NaiveDate,
    summary: String,
    /// The page's share card (its address and alt text), so that feed
    /// readers show the chart.
    image: Option<(String, String)>,
}

/// Renders feed.xml, sitemap.xml, robots.txt and 404.html.
pub fn render_discovery<'a>(data: &'a SiteData<'a>, html_paths: &[String]) -> Vec<RenderedFile> {
    let config = &data.project.config;
    let mut files = vec![render_not_found(data)];
    let Some(base) = config.base_url.as_deref() else {
        files.push(text_file(routes::ROBOTS, "User-agent: *\nAllow: /\n".to_string()));
        return files;
    };
    files.push(text_file(
        routes::ROBOTS,
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            routes::absolute(base, routes::SITEMAP)
        ),
    ));
    files.push(text_file(routes::FEED, feed(data, base).into_string()));
    // A page in both editions lists both, and x-default (English), as
    // `xhtml:link` alternates.
    let alternates = |path: &str| -> Vec<(&'static str, String)> {
        let (edition, route) = Edition::of_path(path);
        let other = edition.other().path(route);
        if html_paths.binary_search(&other).is_err() {
            return Vec::new();
        }
        let english = Edition::English.path(route);
        vec![
            ("en", routes::absolute(base, &english)),
            ("ja", routes::absolute(base, &Edition::Japanese.path(route))),
            ("x-default", routes::absolute(base, &english)),
        ]
    };
    // Written as text: the `xhtml:` names are outside what the view
    // macro spells; every address is escaped.
    let escaped = |text: &str| html! { (text) }.into_string();
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">",
    );
    for path in html_paths {
        sitemap.push_str("<url><loc>");
        sitemap.push_str(&escaped(&routes::absolute(base, path)));
        sitemap.push_str("</loc>");
        for (lang, href) in alternates(path) {
            sitemap.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                escaped(&href)
            ));
        }
        sitemap.push_str("</url>");
    }
    sitemap.push_str("</urlset>");
    files.push(text_file(routes::SITEMAP, sitemap));
    files
}

/// The feed and 404 page of an edition besides English, in its folder.
pub fn render_edition_discovery<'a>(data: &'a SiteData<'a>) -> Vec<RenderedFile> {
    let mut files = vec![render_not_found(data)];
    if let Some(base) = data.project.config.base_url.as_deref() {
        files.push(text_file(routes::FEED, feed(data, base).into_string()));
    }
    for file in &mut files {
        file.path = data.edition.path(&file.path);
    }
    files
}

/// The newest briefs and every commentary piece, newest first.
fn feed_entries<'a>(data: &'a SiteData<'a>, base: &str) -> Vec<FeedEntry> {
    let mut entries = Vec::new();
    let travel = data.travel();
    let image = |page: &str| {
        travel
            .card(page)
            .map(|card| (routes::absolute(base, &card.png), super::images::card_alt(data, card)))
    };
    if let Some(cast) = brief_cast(data) {
        for facts in cast.lead.facts.iter().rev().take(FEED_BRIEFS) {
            let Some((text, times)) = cast.text_and_times(data, facts.index) else {
                continue;
            };
            entries.push(FeedEntry {
                title: text.headline,
                path: routes::brief(facts.week.end()),
                published: times.published,
                updated: times.modified,
                summary: text.standfirst,
                image: image(&routes::brief(facts.week.end())),
            });
        }
    }
    for piece in &data.project.commentary {
        entries.push(FeedEntry {
            title: piece.title.clone(),
            path: routes::commentary(&piece.slug),
            published: piece.date,
            updated: piece.date,
            summary: piece.summary.clone().unwrap_or_default(),
            image: image(&routes::commentary(&piece.slug)),
        });
    }
    // Newest first; the path breaks ties so the order is stable.
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.path.cmp(&b.path)));
    entries
}

fn feed<'a>(data: &'a SiteData<'a>, base: &str) -> Markup {
    let config = &data.project.config;
    let entries = feed_entries(data, base);
    let updated = entries.iter().map(|e| e.updated).max();
    let stamp = |date: NaiveDate| format!("{}T00:00:00Z", iso_date(date));
    let at = |route: &str| routes::absolute(base, &data.edition.path(route));
    html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang=(data.edition.lang()) {
            title { (config.title) }
            subtitle { (config.description) }
            link href=(at(routes::FEED)) rel="self" type="application/atom+xml" {}
            link href=(at(routes::HOME)) rel="alternate" type="text/html" {}
            id { (at(routes::HOME)) }
            updated { (stamp(updated.unwrap_or(NaiveDate::MIN))) }
            author { name { (config.title) } }
            @for entry in &entries {
                entry {
                    title { (entry.title) }
                    link href=(at(&entry.path)) rel="alternate" type="text/html" {}
                    id { (at(&entry.path)) }
                    published { (stamp(entry.published)) }
                    updated { (stamp(entry.updated)) }
                    @if !entry.summary.is_empty() { summary { (entry.summary) } }
                    @if let Some((url, alt)) = &entry.image {
                        // The card twice over: as Media RSS (readers that
                        // show a thumbnail) and in the entry's content
                        // (readers that show the entry).
                        media:thumbnail url=(url) width=(super::images::CARD_SIZE.0) height=(super::images::CARD_SIZE.1) {}
                        media:content url=(url) medium="image" type="image/png" width=(super::images::CARD_SIZE.0) height=(super::images::CARD_SIZE.1) {
                            media:description type="plain" { (alt) }
                        }
                        content type="html" {
                            (html! {
                                @if !entry.summary.is_empty() { p { (entry.summary) } }
                                p { img src=(url) alt=(alt) width=(super::images::CARD_SIZE.0) height=(super::images::CARD_SIZE.1); }
                            }.into_string())
                        }
                    }
                }
            }
        }
    }
}

fn text_file(path: &str, text: String) -> RenderedFile {
    RenderedFile {
        path: path.to_string(),
        bytes: crate::cache::shared(text.into_bytes()),
    }
}

/// The 404 page. A host serves it for any missing address, at any depth,
/// so its links (stylesheet, icon, navigation) start from the site's root
/// path on the host, taken from `base_url`; without one, the site is taken
/// to be at the host's root.
fn render_not_found(data: &SiteData<'_>) -> RenderedFile {
    let chrome = data.chrome();
    let root = routes::root_path(data.project.config.base_url.as_deref());
    let links = Links::from_root(&root, data.edition);
    let content = html! {
        h1 { (chrome.not_found_title) }
        p { (chrome.not_found_text) }
        p { a href=(links.to(routes::HOME)) { (chrome.not_found_link) } }
    };
    let meta = PageMeta::new(routes::NOT_FOUND, chrome.not_found_title, chrome.not_found_text);
    html_file(routes::NOT_FOUND, frame(data, &meta, links, content))
}
