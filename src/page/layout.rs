//! The frame of every page: head, header with navigation, footer with the
//! source attribution.

use super::SiteData;
use super::routes;
use crate::money::long_date;
use maud::{DOCTYPE, Markup, html};

/// Relative links from a page at a given folder depth.
#[derive(Debug, Clone, Copy)]
pub struct Links {
    depth: usize,
}

impl Links {
    /// Links from the page at `path` (e.g. `series/inward-equity/index.html`).
    pub fn from_page(path: &str) -> Links {
        Links {
            depth: path.matches('/').count(),
        }
    }

    /// A link to `target`, a path from the site root.
    pub fn to(self, target: &str) -> String {
        let mut link = "../".repeat(self.depth);
        link.push_str(target);
        link
    }
}

/// What the frame needs to know about a page.
pub struct PageMeta<'a> {
    /// Path of the page from the site root.
    pub path: &'a str,
    /// The page's title (without the site name).
    pub title: &'a str,
    /// One sentence on the page, for search engines and link previews.
    pub description: &'a str,
}

/// Wraps `content` in the site's frame.
pub fn page_frame(data: &SiteData<'_>, meta: &PageMeta<'_>, content: Markup) -> Markup {
    let links = Links::from_page(meta.path);
    let config = &data.project.config;
    let full_title = if meta.path == routes::HOME {
        config.title.clone()
    } else {
        format!("{} | {}", meta.title, config.title)
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (full_title) }
                meta name="description" content=(meta.description);
                (super::share::meta_tags(data, meta.path, meta.title, meta.description))
                link rel="stylesheet" href=(links.to(routes::STYLESHEET));
                // No favicon file: an empty one stops browsers asking the host
                // root for /favicon.ico, outside a sub-path deployment.
                link rel="icon" href="data:,";
            }
            body {
                a class="skip-link" href="#main" { "Skip to content" }
                header class="site-header" {
                    a class="site-title" href=(links.to(routes::HOME)) { (config.title) }
                    nav aria-label="Site" {
                        ul {
                            li { a href=(links.to(routes::HOME)) { "Latest" } }
                            li { a href=(links.to(routes::BRIEFS)) { "Briefs" } }
                            li { a href=(links.to(routes::SERIES_INDEX)) { "Series" } }
                            li { a href=(links.to(routes::COMMENTARY_INDEX)) { "Commentary" } }
                            li { a href=(links.to(routes::REVISIONS)) { "Revisions" } }
                        }
                    }
                }
                main id="main" { (content) }
                footer class="site-footer" {
                    @for dataset in &data.project.datasets {
                        p {
                            "Source: " (dataset.source.publisher) ", " em { (dataset.source.title) } ", release of "
                            (long_date(dataset.source.version)) ". Figures as published; + is net buying, − net selling. "
                            @if dataset.series.iter().all(|s| s.meta.unit == crate::model::Unit::Oku) {
                                "Published in 100 million yen (oku); quoted in trillions of yen with two decimals "
                                "from ¥1 trillion, otherwise in billions with one decimal."
                            } @else {
                                "Yen amounts are quoted in trillions with two decimals from ¥1 trillion, otherwise in "
                                "billions with one decimal; dollar amounts in billions or trillions with two decimals, "
                                "otherwise in whole millions."
                            }
                        }
                    }
                    p { "Built with flowsite." }
                }
            }
        }
    }
}
