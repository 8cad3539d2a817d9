//! Discovery files: the Atom feed of briefs and commentary, the sitemap,
//! robots.txt and the 404 page.
//!
//! Feed and sitemap need absolute addresses, so they are written only when
//! `base_url` is set in site.toml. Dates come from the data (a brief is
//! dated the Thursday after its week, when MOF publishes it, and never
//! after the release it comes from), never from the clock.

use super::brief::brief_cast;
use super::layout::{PageMeta, page_frame};
use super::routes;
use super::{RenderedFile, SiteData, html_file};
use chrono::{Days, NaiveDate};
use maud::{PreEscaped, html};

/// How many of the newest briefs the feed carries.
const FEED_BRIEFS: usize = 20;

/// An entry of the feed.
struct FeedEntry {
    title: String,
    path: String,
    date: NaiveDate,
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
        format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
    ));

    let mut entries = Vec::new();
    let travel = data.travel();
    let image = |page: &str| {
        travel
            .card(page)
            .map(|card| (format!("{base}{}", card.png), super::images::card_alt(data, card)))
    };
    if let Some(cast) = brief_cast(data) {
        let version = cast.lead.dataset.source.version;
        for facts in cast.lead.facts.iter().rev().take(FEED_BRIEFS) {
            let end = facts.week.end();
            let Some(text) = cast.text(data, facts.index) else {
                continue;
            };
            entries.push(FeedEntry {
                title: text.headline,
                path: routes::brief(end),
                date: brief_published(end, version),
                summary: text.standfirst,
                image: image(&routes::brief(end)),
            });
        }
    }
    for piece in &data.project.commentary {
        entries.push(FeedEntry {
            title: piece.title.clone(),
            path: routes::commentary(&piece.slug),
            date: piece.date,
            summary: piece.summary.clone().unwrap_or_default(),
            image: image(&routes::commentary(&piece.slug)),
        });
    }
    // Newest first; the path breaks ties so the order is stable.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    let updated = entries.iter().map(|e| e.date).max();
    let stamp = |date: NaiveDate| format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
    let feed = html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" {
            title { (config.title) }
            subtitle { (config.description) }
            link href=(format!("{base}feed.xml")) rel="self" type="application/atom+xml" {}
            link href=(base) rel="alternate" type="text/html" {}
            id { (base) }
            updated { (stamp(updated.unwrap_or(NaiveDate::MIN))) }
            author { name { (config.title) } }
            @for entry in &entries {
                entry {
                    title { (entry.title) }
                    link href=(format!("{base}{}", entry.path)) rel="alternate" type="text/html" {}
                    id { (format!("{base}{}", entry.path)) }
                    updated { (stamp(entry.date)) }
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
    };
    files.push(text_file(routes::FEED, feed.into_string()));

    let sitemap = html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" {
            @for path in html_paths {
                url { loc { (format!("{base}{path}")) } }
            }
        }
    };
    files.push(text_file(routes::SITEMAP, sitemap.into_string()));
    files
}

/// The day a brief counts as published: the Thursday after its week,
/// when MOF publishes it, and never after the release it comes from.
pub(super) fn brief_published(end: NaiveDate, version: NaiveDate) -> NaiveDate {
    (end + Days::new(5)).min(version)
}

fn text_file(path: &str, text: String) -> RenderedFile {
    RenderedFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

/// The 404 page. A host serves it at any depth, so its links are absolute
/// when the site's address is known.
fn render_not_found(data: &SiteData<'_>) -> RenderedFile {
    let home = data
        .project
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| routes::HOME.to_string());
    let content = html! {
        h1 { "Page not found" }
        p { "There is no page at this address. It may have moved, or the address may be mistyped." }
        p { a href=(home) { "Go to the latest weekly flows" } }
    };
    let meta = PageMeta {
        path: routes::NOT_FOUND,
        title: "Page not found",
        description: "Page not found.",
    };
    html_file(routes::NOT_FOUND, page_frame(data, &meta, content))
}
