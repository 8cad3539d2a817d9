//! Every path of the built site, in one place.
//!
//! A route is a file's path inside the output folder, written with `/`
//! (`weeks/2026-05-23/index.html`). Pages link to each other through
//! [`super::layout::Links`], which turns a route into a link relative to
//! the page it is on (or, for the 404 page, a path from the host's root);
//! feeds and canonical links use [`absolute`]. Nothing else in the page
//! stage spells a path. No I/O here.

use super::plan::PageKey;
use chrono::NaiveDate;

/// A language edition of the site: English at the root, Japanese under
/// `ja/`, each the same pages in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edition {
    /// English, at the site's root.
    English,
    /// Japanese, under `ja/`.
    Japanese,
}

impl Edition {
    /// The folder the edition's pages are in, with its `/`: `""`, `"ja/"`.
    pub fn prefix(self) -> &'static str {
        match self {
            Edition::English => "",
            Edition::Japanese => "ja/",
        }
    }

    /// Its BCP 47 language tag, for `lang` and `hreflang`.
    pub fn lang(self) -> &'static str {
        match self {
            Edition::English => "en",
            Edition::Japanese => "ja",
        }
    }

    /// The other edition.
    pub fn other(self) -> Edition {
        match self {
            Edition::English => Edition::Japanese,
            Edition::Japanese => Edition::English,
        }
    }

    /// The path in the output folder of the edition's page `route`.
    pub fn path(self, route: &str) -> String {
        format!("{}{route}", self.prefix())
    }

    /// The edition a path of the output folder belongs to, and its route
    /// inside it.
    pub fn of_path(path: &str) -> (Edition, &str) {
        match path.strip_prefix(Edition::Japanese.prefix()) {
            Some(route) => (Edition::Japanese, route),
            None => (Edition::English, path),
        }
    }
}

/// The home page.
pub const HOME: &str = "index.html";
/// The archive of weekly briefs.
pub const BRIEFS: &str = "weeks/index.html";
/// The list of every series.
pub const SERIES_INDEX: &str = "series/index.html";
/// The list of commentary pieces.
pub const COMMENTARY_INDEX: &str = "commentary/index.html";
/// Every figure a release revised.
pub const REVISIONS: &str = "revisions/index.html";
/// The stylesheet every page links.
pub const STYLESHEET: &str = "style.css";
/// The Atom feed.
pub const FEED: &str = "feed.xml";
/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// robots.txt.
pub const ROBOTS: &str = "robots.txt";
/// The page a host serves for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// The site's icon, linked from every page (browsers otherwise ask the
/// host's root for `/favicon.ico`, outside a sub-path deployment).
pub const FAVICON: &str = "favicon.svg";
/// How the figures are made: weeks, year to date, units, revisions, breaks
/// and the source cells of the downloads.
pub const METHODOLOGY: &str = "methodology/index.html";
/// Every revised figure with its source cell, as CSV.
pub const REVISIONS_CSV: &str = "revisions/revisions.csv";

/// The brief of the week ending on `end`.
pub fn brief(end: NaiveDate) -> String {
    format!("weeks/{}/index.html", end.format("%Y-%m-%d"))
}

/// The archive page of the briefs of `year`.
pub fn briefs_year(year: i32) -> String {
    format!("weeks/{year}/index.html")
}

/// The page of the series `id` (weekly or monthly).
pub fn series(id: &str) -> String {
    format!("series/{id}/index.html")
}

/// The CSV download of the series `id`.
pub fn series_csv(id: &str) -> String {
    format!("series/{id}/{id}.csv")
}

/// The JSON download of the series `id`.
pub fn series_json(id: &str) -> String {
    format!("series/{id}/{id}.json")
}

/// The page of the commentary piece with URL slug `slug`.
pub fn commentary(slug: &str) -> String {
    format!("commentary/{slug}/index.html")
}

/// The page of a page key.
pub fn page(key: &PageKey) -> String {
    match key {
        PageKey::Home => HOME.to_string(),
        PageKey::Series(id) => series(id.as_str()),
        PageKey::Brief(week) => brief(week.end()),
        PageKey::Commentary(slug) => commentary(slug),
    }
}

/// The folder a page's route is in, with its trailing `/` (`weeks/2026-05-23/`;
/// empty for the home page).
pub fn folder(page: &str) -> &str {
    match page.rfind('/') {
        Some(slash) => &page[..=slash],
        None => "",
    }
}

/// The share card (1200×630 PNG) of the page at `page`.
pub fn card(page: &str) -> String {
    format!("{}card.png", folder(page))
}

/// The 2× PNG of the chart `slug` of the page at `page`, light or dark.
pub fn chart_image(page: &str, slug: &str, dark: bool) -> String {
    let theme = if dark { "-dark" } else { "" };
    format!("{}{slug}{theme}.png", folder(page))
}

/// The embed page of the chart `slug` of the page at `page`.
pub fn embed(page: &str, slug: &str) -> String {
    format!("{}embed/{slug}/index.html", folder(page))
}

/// The oEmbed description beside the embed page at `embed`.
pub fn oembed(embed: &str) -> String {
    format!("{}oembed.json", folder(embed))
}

/// The address a route is served at, relative to the site root: an
/// `index.html` is served as its folder (`weeks/2026-05-23/`).
pub fn served_path(route: &str) -> &str {
    if route == HOME {
        return "";
    }
    route.strip_suffix("index.html").unwrap_or(route)
}

/// The absolute address of a route on the site published at `base_url`
/// (which ends with `/`): `https://example.org/flows/weeks/2026-05-23/`.
pub fn absolute(base_url: &str, route: &str) -> String {
    let mut address = String::with_capacity(base_url.len() + route.len());
    address.push_str(base_url);
    address.push_str(served_path(route));
    address
}

/// The path of the site's root on its host, from `base_url`, with a `/`
/// at each end: `/flows/` for `https://example.org/flows/`, `/` without
/// one. Links from this path hold at any depth, which the 404 page needs:
/// a host serves it for any missing address.
pub fn root_path(base_url: Option<&str>) -> String {
    let Some(url) = base_url else {
        return "/".to_string();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let inner = path.trim_matches('/');
    if inner.is_empty() {
        "/".to_string()
    } else {
        format!("/{inner}/")
    }
}

/// The part of the site a route is in, for the navigation to mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The home page.
    Latest,
    /// The weekly briefs and their archive.
    Briefs,
    /// The series pages.
    Series,
    /// The commentary.
    Commentary,
    /// The revisions page.
    Revisions,
    /// The methodology page.
    Methodology,
    /// Anything else (the 404 page).
    Other,
}

impl Section {
    /// The section of `route`.
    pub fn of(route: &str) -> Section {
        let first = route.split('/').next().unwrap_or(route);
        match first {
            _ if route == HOME => Section::Latest,
            "weeks" => Section::Briefs,
            "series" => Section::Series,
            "commentary" => Section::Commentary,
            "revisions" => Section::Revisions,
            "methodology" => Section::Methodology,
            _ => Section::Other,
        }
    }

    /// The page the navigation links for the section, if it has one.
    pub fn index(self) -> Option<&'static str> {
        match self {
            Section::Latest => Some(HOME),
            Section::Briefs => Some(BRIEFS),
            Section::Series => Some(SERIES_INDEX),
            Section::Commentary => Some(COMMENTARY_INDEX),
            Section::Revisions => Some(REVISIONS),
            Section::Methodology => Some(METHODOLOGY),
            Section::Other => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_served_without_their_index_file() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 23).expect("date");
        assert_eq!(brief(day), "weeks/2026-05-23/index.html");
        assert_eq!(served_path(&brief(day)), "weeks/2026-05-23/");
        assert_eq!(served_path(HOME), "");
        assert_eq!(served_path(&series_csv("a")), "series/a/a.csv");
        assert_eq!(
            absolute("https://example.org/flows/", &brief(day)),
            "https://example.org/flows/weeks/2026-05-23/"
        );
        assert_eq!(absolute("https://example.org/", HOME), "https://example.org/");
    }

    #[test]
    fn the_root_path_comes_from_the_path_of_base_url() {
        assert_eq!(root_path(None), "/");
        assert_eq!(root_path(Some("https://example.org/")), "/");
        assert_eq!(root_path(Some("https://example.org")), "/");
        assert_eq!(root_path(Some("https://example.org/a/b/")), "/a/b/");
        assert_eq!(root_path(Some("https://example.org/a/b?x=1")), "/a/b/");
    }

    #[test]
    fn editions_are_folders_of_the_same_routes() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 23).expect("date");
        assert_eq!(Edition::Japanese.path(&brief(day)), "ja/weeks/2026-05-23/index.html");
        assert_eq!(Edition::English.path(HOME), "index.html");
        assert_eq!(Edition::of_path("ja/index.html"), (Edition::Japanese, HOME));
        assert_eq!(Edition::of_path("weeks/index.html"), (Edition::English, BRIEFS));
        assert_eq!(Edition::Japanese.other().lang(), "en");
    }

    #[test]
    fn every_route_is_in_its_section() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 23).expect("date");
        assert_eq!(Section::of(HOME), Section::Latest);
        assert_eq!(Section::of(&brief(day)), Section::Briefs);
        assert_eq!(Section::of(&briefs_year(2026)), Section::Briefs);
        assert_eq!(Section::of(&series("a")), Section::Series);
        assert_eq!(Section::of(&commentary("a")), Section::Commentary);
        assert_eq!(Section::of(REVISIONS), Section::Revisions);
        assert_eq!(Section::of(METHODOLOGY), Section::Methodology);
        assert_eq!(Section::of(NOT_FOUND), Section::Other);
        for section in [Section::Briefs, Section::Series, Section::Methodology] {
            assert_eq!(section.index().map(Section::of), Some(section));
        }
    }

    #[test]
    fn images_and_embeds_sit_beside_their_page() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 23).expect("date");
        assert_eq!(card(&brief(day)), "weeks/2026-05-23/card.png");
        assert_eq!(card(HOME), "card.png");
        assert_eq!(chart_image(&series("a"), "weekly", true), "series/a/weekly-dark.png");
        let embed = embed(&brief(day), "ytd");
        assert_eq!(embed, "weeks/2026-05-23/embed/ytd/index.html");
        assert_eq!(oembed(&embed), "weeks/2026-05-23/embed/ytd/oembed.json");
    }
}
