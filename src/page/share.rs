//! Share meta tags: what a link to a page unfurls as in social media and
//! chat (Open Graph and Twitter cards), with the page's card as its image.
//!
//! Image tags need absolute addresses, so they are written only when
//! `base_url` is set (the build warns otherwise). A page without a card of
//! its own (an archive, a list) shows the home page's, except a page about
//! one week (an old brief), which shows none. No I/O here.

use super::SiteData;
use super::images::{CARD_SIZE, card_alt};
use super::layout::{PageMeta, iso_date};
use super::routes;
use maud::{Markup, html};

/// The share tags of the page `meta` describes. An article's times are
/// written by the head itself; a page with a date of its own but no times
/// (a commentary piece) gets its publication date here.
pub fn meta_tags(data: &SiteData<'_>, meta: &PageMeta<'_>) -> Markup {
    let (path, title, description) = (meta.path, meta.title, meta.description);
    let config = &data.project.config;
    let travel = data.travel();
    let own = travel.card(path);
    // A page about one week (a brief older than the site's first card)
    // never borrows the home page's card: that shows the latest week's
    // figures, which a link to an old week would then unfurl with (and
    // every old brief would change with every new week). Archives and
    // lists, which are about the site, do.
    let card = own.or_else(|| travel.site_card().filter(|_| meta.times.is_none()));
    let base = config.base_url.as_deref();
    let published = own.and_then(|card| card.published);
    let article = meta.times.is_some() || published.is_some();
    html! {
        meta property="og:site_name" content=(config.title);
        meta property="og:title" content=(title);
        meta property="og:description" content=(description);
        @if article {
            meta property="og:type" content="article";
            @if let (None, Some(published)) = (meta.times, published) {
                meta property="article:published_time" content=(iso_date(published));
            }
        } @else {
            meta property="og:type" content="website";
        }
        @if let Some(base) = base {
            @if path != routes::NOT_FOUND {
                meta property="og:url" content=(routes::absolute(base, &data.edition.path(path)));
            }
            @if let Some(card) = card {
                meta property="og:image" content=(routes::absolute(base, &data.edition.path(&card.png)));
                meta property="og:image:type" content="image/png";
                meta property="og:image:width" content=(CARD_SIZE.0);
                meta property="og:image:height" content=(CARD_SIZE.1);
                meta property="og:image:alt" content=(card_alt(data, card));
                meta name="twitter:card" content="summary_large_image";
            } @else {
                meta name="twitter:card" content="summary";
            }
        } @else {
            meta name="twitter:card" content="summary";
        }
    }
}
