//! The frame of every page: the head (title, canonical address, feed, icon,
//! theme colours, an article's times), the masthead with the navigation,
//! and the footer with the source attribution.
//!
//! Each part is a small function of its own, so that what a later feature
//! adds to the head or footer goes into one of them. Every word comes from
//! the edition's [`super::chrome::Chrome`]. No I/O here.

use super::routes::{self, Edition, Section};
use super::{SiteData, chrome::Chrome};
use crate::model::Unit;
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, html};
use std::collections::BTreeSet;

/// How a page links to the rest of the site: relative to its own folder,
/// so the site works from any sub-path and opened from disk; or, for a page
/// a host serves at any address (the 404 page), from the site's root path.
///
/// Routes are an edition's own (`weeks/index.html` is `ja/weeks/index.html`
/// on a Japanese page); [`Links::shared`] links files both editions share
/// (the stylesheet, the icon, the downloads).
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    up: usize,
    root: Option<&'a str>,
    edition: Edition,
}

impl Links<'static> {
    /// Links from the English page at `path` (e.g. `series/inward-equity/index.html`).
    pub fn from_page(path: &str) -> Links<'static> {
        Links::in_edition(Edition::English, path)
    }

    /// Links from the page at route `path` of `edition`.
    pub fn in_edition(edition: Edition, path: &str) -> Links<'static> {
        Links {
            up: edition.prefix().matches('/').count() + path.matches('/').count(),
            root: None,
            edition,
        }
    }
}

impl<'a> Links<'a> {
    /// Links from the root path of the site on its host (`/flows/`), which
    /// hold wherever the page is served.
    pub fn from_root(root: &'a str, edition: Edition) -> Links<'a> {
        Links {
            up: 0,
            root: Some(root),
            edition,
        }
    }

    /// A link to the served address of `target`, a route of the page's
    /// edition: a folder's `index.html` is linked as its file, which works
    /// from disk too.
    pub fn to(self, target: &str) -> String {
        self.to_edition(self.edition, target)
    }

    /// A link to route `target` of `edition`.
    pub fn to_edition(self, edition: Edition, target: &str) -> String {
        let mut link = self.shared("");
        link.push_str(edition.prefix());
        link.push_str(target);
        link
    }

    /// A link to a file both editions share, at `target` from the site root.
    pub fn shared(self, target: &str) -> String {
        let mut link = match self.root {
            Some(root) => root.to_string(),
            None => "../".repeat(self.up),
        };
        link.push_str(target);
        link
    }
}

/// When an article's figures were first published and last revised, both
/// from the data (release days), never from the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTimes {
    /// The release that first published the figures.
    pub published: NaiveDate,
    /// The release that last revised any of them (the publication day if
    /// none did).
    pub modified: NaiveDate,
}

/// What the frame needs to know about a page.
pub struct PageMeta<'a> {
    /// Path of the page from the site root.
    pub path: &'a str,
    /// The page's title (without the site name).
    pub title: &'a str,
    /// One sentence on the page, for search engines and link previews.
    pub description: &'a str,
    /// For an article, when it was published and last modified.
    pub times: Option<PageTimes>,
}

impl<'a> PageMeta<'a> {
    /// A page that is not an article.
    pub fn new(path: &'a str, title: &'a str, description: &'a str) -> PageMeta<'a> {
        PageMeta {
            path,
            title,
            description,
            times: None,
        }
    }
}

/// Wraps `content` in the site's frame, with links relative to the page.
pub fn page_frame(data: &SiteData<'_>, meta: &PageMeta<'_>, content: Markup) -> Markup {
    frame(data, meta, data.links(meta.path), content)
}

/// Wraps `content` in the site's frame, linking through `links`.
pub fn frame(data: &SiteData<'_>, meta: &PageMeta<'_>, links: Links<'_>, content: Markup) -> Markup {
    let chrome = data.chrome();
    html! {
        (DOCTYPE)
        html lang=(chrome.lang) {
            (head(data, meta, links))
            body {
                a class="skip-link" href="#main" { (chrome.skip_link) }
                (masthead(data, meta.path, links))
                main id="main" { (content) }
                (footer(data, links))
            }
        }
    }
}

/// The page's head.
fn head(data: &SiteData<'_>, meta: &PageMeta<'_>, links: Links<'_>) -> Markup {
    let chrome = data.chrome();
    let config = &data.project.config;
    let title = if meta.path == routes::HOME {
        config.title.clone()
    } else {
        (chrome.full_title)(meta.title, &config.title)
    };
    // A missing address has no canonical one.
    let canonical = config
        .base_url
        .as_deref()
        .filter(|_| meta.path != routes::NOT_FOUND)
        .map(|base| routes::absolute(base, &data.edition.path(meta.path)));
    // Each language's version of the page, and x-default (English), by
    // absolute address: only pages that have a counterpart are paired.
    let alternates: Vec<(&str, String)> = match (config.base_url.as_deref(), data.counterpart(meta.path)) {
        (Some(base), Some(other)) if meta.path != routes::NOT_FOUND => {
            let mut pair = [(data.edition, meta.path), (data.edition.other(), other)];
            pair.sort();
            let mut links: Vec<(&str, String)> = pair
                .iter()
                .map(|(edition, route)| (edition.lang(), routes::absolute(base, &edition.path(route))))
                .collect();
            links.push(("x-default", links[0].1.clone()));
            links
        }
        _ => Vec::new(),
    };
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            // The browser's own bars match the page, light and dark (keep in
            // step with --bg in style.css).
            meta name="theme-color" media="(prefers-color-scheme: light)" content="#ffffff";
            meta name="theme-color" media="(prefers-color-scheme: dark)" content="#121417";
            title { (title) }
            meta name="description" content=(meta.description);
            (super::share::meta_tags(data, meta))
            @if let Some(canonical) = &canonical { link rel="canonical" href=(canonical); }
            @for (lang, href) in &alternates { link rel="alternate" hreflang=(lang) href=(href); }
            // The feed is written only when the site's address is known.
            @if config.base_url.is_some() {
                link rel="alternate" type="application/atom+xml" title=((chrome.feed_title)(&config.title)) href=(links.to(routes::FEED));
            }
            link rel="icon" type="image/svg+xml" href=(links.shared(routes::FAVICON));
            link rel="stylesheet" href=(links.shared(routes::STYLESHEET));
            @if let Some(times) = meta.times {
                meta property="article:published_time" content=(iso_date(times.published));
                meta property="article:modified_time" content=(iso_date(times.modified));
            }
        }
    }
}

/// `2026-09-17`, as `<time datetime>` and article metadata write a day.
pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The masthead: the site's name (the home page's heading) and the
/// navigation, with the current section marked.
fn masthead(data: &SiteData<'_>, path: &str, links: Links<'_>) -> Markup {
    let title = &data.project.config.title;
    let home = links.to(routes::HOME);
    html! {
        header class="site-header" {
            @if path == routes::HOME {
                h1 class="site-title" { a href=(home) aria-current="page" { (title) } }
            } @else {
                a class="site-title" href=(home) { (title) }
            }
            (navigation(data.chrome(), path, links))
            (language_switch(data, path, links))
        }
    }
}

/// The link to the page in the other edition, named in that edition's
/// language; a page without a counterpart links to the other edition's
/// home and says so. Nothing on a site with one edition.
fn language_switch(data: &SiteData<'_>, path: &str, links: Links<'_>) -> Markup {
    if !data.has_other_edition() {
        return html! {};
    }
    let other = data.edition.other();
    let words = other_edition_words(other);
    let (target, text) = match data.counterpart(path).filter(|_| path != routes::NOT_FOUND) {
        Some(route) => (route, words.this_page),
        None => (routes::HOME, words.home_only),
    };
    html! {
        p class="language-switch" {
            a href=(links.to_edition(other, target)) hreflang=(other.lang()) lang=(other.lang()) { (text) }
        }
    }
}

/// How the language switch names the other edition, in its own language.
struct SwitchWords {
    /// The page's counterpart.
    this_page: &'static str,
    /// The other edition's home, for a page without a counterpart.
    home_only: &'static str,
}

fn other_edition_words(other: Edition) -> SwitchWords {
    match other {
        Edition::English => SwitchWords {
            this_page: "English",
            home_only: "English edition (this page is in Japanese only)",
        },
        Edition::Japanese => SwitchWords {
            this_page: "日本語",
            home_only: "日本語版（このページは英語のみ）",
        },
    }
}

/// The sections the navigation lists, in order.
const NAVIGATION: [Section; 6] = [
    Section::Latest,
    Section::Briefs,
    Section::Series,
    Section::Commentary,
    Section::Revisions,
    Section::Methodology,
];

/// The navigation: the section's own index is the current page, a page
/// inside a section is in its location.
fn navigation(chrome: &Chrome, path: &str, links: Links<'_>) -> Markup {
    let current = Section::of(path);
    html! {
        nav aria-label=(chrome.nav_label) {
            ul {
                @for section in NAVIGATION {
                    @if let Some(index) = section.index() {
                        li {
                            @let name = (chrome.section_name)(section);
                            @if index == path {
                                a href=(links.to(index)) aria-current="page" { (name) }
                            } @else if section == current {
                                a href=(links.to(index)) aria-current="location" { (name) }
                            } @else {
                                a href=(links.to(index)) { (name) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The footer: each dataset's attribution, the sign convention and how
/// the amounts of the site's units are written, and the credit.
fn footer(data: &SiteData<'_>, links: Links<'_>) -> Markup {
    let chrome = data.chrome();
    let datasets = &data.project.datasets;
    // Only the units the site's figures are in: a dollar site says nothing
    // of yen.
    let units: BTreeSet<Unit> = datasets
        .iter()
        .flat_map(|dataset| {
            let weekly = dataset.series.iter().map(|s| s.meta.unit);
            weekly.chain(dataset.monthly.iter().map(|s| s.meta.unit))
        })
        .collect();
    html! {
        footer class="site-footer" {
            @for dataset in datasets {
                p { ((chrome.source_note)(&dataset.source, chrome.long_date)) }
            }
            p {
                (chrome.sign_note)
                @for unit in &units { (chrome.sentence_gap) ((chrome.unit_note)(*unit)) }
                (chrome.sentence_gap) a href=(links.to(routes::METHODOLOGY)) { (chrome.methodology_link) } (chrome.full_stop)
            }
            p { (chrome.built_with) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_or_from_the_root_path() {
        let page = Links::from_page("series/a/index.html");
        assert_eq!(page.shared(routes::STYLESHEET), "../../style.css");
        assert_eq!(Links::from_page(routes::HOME).shared(routes::FAVICON), "favicon.svg");
        let rooted = Links::from_root("/flows/", Edition::English);
        assert_eq!(rooted.shared(routes::STYLESHEET), "/flows/style.css");
        assert_eq!(rooted.to(routes::HOME), "/flows/index.html");
        let japanese = Links::in_edition(Edition::Japanese, "series/a/index.html");
        assert_eq!(japanese.to(routes::HOME), "../../../ja/index.html");
        assert_eq!(japanese.shared(routes::STYLESHEET), "../../../style.css");
        assert_eq!(
            japanese.to_edition(Edition::English, routes::HOME),
            "../../../index.html"
        );
        let rooted = Links::from_root("/", Edition::Japanese);
        assert_eq!(rooted.to(routes::HOME), "/ja/index.html");
    }
}
