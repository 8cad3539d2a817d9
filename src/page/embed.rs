//! Embeds: every chart as a page a newsroom can put in its CMS, and the
//! parts of a figure that offer it ("Download image", "Embed this chart").
//!
//! A chart has a *live* embed (beside its series page: always the latest
//! week) and, when a dated page shows it (a brief, a commentary piece), a
//! *frozen* one beside that page, as of its date. A frozen embed holds
//! nothing that changes when a week is added: its style and script are
//! inline, its only link is to the page it comes from, and its chart and
//! table are those of its week. Each embed has a static `oembed.json`.
//!
//! The page sizes itself without JavaScript: the chart fills whatever the
//! iframe leaves under the title (CSS flex and the SVG's `viewBox`), and
//! the snippet gives the iframe an `aspect-ratio`. A small inline script
//! adds `?theme=dark|light` and `?plain`, and posts the page's natural
//! height in the iframe-resize messages hosts listen for (Datawrapper's,
//! AMP's `embed-size`, WordPress's embed protocol). No I/O here.

use super::figure::data_table;
use super::images::{CardChart, ChartHome, chart_of, edition_size};
use super::layout::Links;
use super::routes;
use super::{Emit, RenderedFile, SiteData};
use crate::chart::{ChartRequest, ChartSvg};
use crate::error::Error;
use crate::model::SeriesId;
use crate::raster::DARK_COLOURS;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

/// The iframe a snippet makes: as wide as its column, this shape, and
/// never shorter than a phone needs for the title and a legible chart.
const FRAME_RATIO: (u32, u32) = (760, 540);
const FRAME_MIN_HEIGHT: u32 = 460;

/// The script of every embed page (see the module comment).
const EMBED_SCRIPT: &str = r#"(function () {
  var query = new URLSearchParams(location.search), root = document.documentElement;
  var theme = query.get("theme");
  if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
  if (query.has("plain")) root.classList.add("plain");
  if (window.parent === window) return;
  var secret = (location.hash.match(/secret=([A-Za-z0-9]+)/) || [])[1];
  function naturalHeight() {
    var main = document.querySelector("main"), frame = document.querySelector(".chart-frame");
    var chart = Array.prototype.filter.call(document.querySelectorAll(".chart"), function (svg) {
      return svg.getBoundingClientRect().width > 0;
    })[0];
    if (!main || !frame || !chart || !chart.viewBox.baseVal) return main ? main.scrollHeight : 0;
    var box = chart.viewBox.baseVal;
    return Math.ceil(main.scrollHeight - frame.clientHeight + frame.clientWidth * box.height / box.width);
  }
  var last = 0;
  function post() {
    var height = naturalHeight();
    if (!height || height === last) return;
    last = height;
    var size = {};
    size[location.pathname] = height;
    window.parent.postMessage({ "datawrapper-height": size }, "*");
    window.parent.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
    if (secret) window.parent.postMessage({ message: "height", value: height, secret: secret }, "*");
  }
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  document.addEventListener("toggle", post, true);
})();"#;

/// Renders every embed page and, with `base_url`, its `oembed.json`.
pub fn render_embeds(data: &SiteData<'_>, emit: &Emit<'_>) -> Result<(), Error> {
    let travel = data.travel();
    // Thousands of pages, each with its chart inline: made on every core.
    let mut embeds: Vec<(String, &str, CardChart)> = travel
        .frozen_embeds()
        .map(|(request, home)| (home.embed(), home.page.as_str(), CardChart::Chart(request.clone())))
        .collect();
    embeds.extend(
        travel
            .live_embeds()
            .map(|live| (live.route.clone(), live.page.as_str(), live.chart.clone())),
    );
    crate::parallel::map_ordered(&embeds, |(route, page, chart)| {
        // An embed reads its chart (its request stands for its drawing and
        // table) and its page's card; the rest is the data and settings.
        let key = data.page_key("embed", |digest| {
            digest.add(route.as_bytes()).add(page.as_bytes());
            digest.add_debug(chart);
            digest.add_debug(&travel.card(page));
        });
        data.reused(key, || Ok((render_embed(data, route, page, chart)?, true)))?
            .into_iter()
            .try_for_each(emit)
    })?;
    Ok(())
}

/// One embed page (at `route`, of `chart`, linking back to `page`) and
/// its oEmbed file.
fn render_embed(data: &SiteData<'_>, route: &str, page: &str, chart: &CardChart) -> Result<Vec<RenderedFile>, Error> {
    let Some(svg) = chart_of(data, chart) else {
        return Err(Error::Internal(format!("the embed {route} has no chart")));
    };
    let config = &data.project.config;
    let links = Links::from_page(route);
    let base = config.base_url.as_deref();
    let back = base.map_or_else(|| links.to(page), |base| absolute(base, page));
    let table = match chart {
        CardChart::Chart(request) => data_table(data, request),
        CardChart::Monthly(_) => html! {},
    };
    let oembed = routes::oembed(route);
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="robots" content="noindex";
                title { (svg.title) " | " (config.title) }
                @if let Some(base) = base {
                    link rel="alternate" type="application/json+oembed" href=(absolute(base, &oembed)) title=(svg.title);
                }
                // The site's icon, at a path that never moves: without a
                // link browsers ask the host's root for /favicon.ico.
                link rel="icon" type="image/svg+xml" href=(links.to(routes::FAVICON));
                style { (PreEscaped(embed_css())) }
            }
            body {
                main class="embed" {
                    h1 class="chart-title" { (svg.title) }
                    @if !svg.subtitle.is_empty() { p class="chart-subtitle" { (svg.subtitle) } }
                    div class="chart-frame" {
                        @for (_, chart_svg) in svg.svgs("embed") {
                            // Generated by the chart stage, which escapes all text.
                            (PreEscaped(with_halo(&chart_svg)))
                        }
                    }
                    (table)
                    p class="embed-footer" {
                        a href=(back) target="_top" { "Full figures on " (config.title) }
                    }
                }
                script { (PreEscaped(EMBED_SCRIPT)) }
            }
        }
    };
    let mut files = vec![super::html_file(route, markup)];
    if let Some(base) = base {
        let thumbnail = data.travel().card(page).map(|card| absolute(base, &card.png));
        let description = OEmbed {
            version: "1.0",
            kind: "rich",
            title: &svg.title,
            provider_name: &config.title,
            provider_url: base,
            html: iframe_snippet(&absolute(base, route), &svg.title),
            width: FRAME_RATIO.0,
            height: FRAME_RATIO.1,
            thumbnail_width: thumbnail.as_ref().map(|_| super::images::CARD_SIZE.0),
            thumbnail_height: thumbnail.as_ref().map(|_| super::images::CARD_SIZE.1),
            thumbnail_url: thumbnail,
        };
        let mut bytes = serde_json::to_vec_pretty(&description)
            .map_err(|error| Error::Internal(format!("could not write {oembed}: {error}")))?;
        bytes.push(b'\n');
        files.push(RenderedFile {
            path: oembed,
            bytes: crate::cache::shared(bytes),
        });
    }
    Ok(files)
}

/// The chart's labels with a halo of the background's colour, as the
/// site's stylesheet gives them. The halo is stroked under the letters
/// (`paint-order`), written here as an SVG attribute: the embed's style is
/// inline, and HTML checkers do not yet know `paint-order` as CSS.
fn with_halo(svg: &str) -> String {
    svg.replace("<text ", "<text paint-order=\"stroke\" ")
}

/// An oEmbed 1.0 response of type `rich`.
#[derive(Serialize)]
struct OEmbed<'a> {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    provider_name: &'a str,
    provider_url: &'a str,
    html: String,
    width: u32,
    height: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_height: Option<u32>,
}

/// The address of `route` on the site at `base`.
fn absolute(base: &str, route: &str) -> String {
    format!("{base}{}", routes::served_path(route))
}

/// The responsive iframe for an embed at `url`.
fn iframe_snippet(url: &str, title: &str) -> String {
    html! {
        iframe src=(url) title=(title) loading="lazy"
            style=(format!("width:100%;border:0;aspect-ratio:{}/{};min-height:{FRAME_MIN_HEIGHT}px", FRAME_RATIO.0, FRAME_RATIO.1)) {}
    }
    .into_string()
}

/// The stylesheet of embed pages: the site's chart look, the reader's
/// colour scheme unless `?theme=` chose one, the chart fitted to the frame.
fn embed_css() -> String {
    let light = "--bg:#ffffff;--fg:#1a1a1a;--muted:#595959;--link:#005a8c;--rule:#d9d9d9;";
    let dark = "--bg:#121417;--fg:#e8e8e8;--muted:#b0b0b0;--link:#7cc4f2;--rule:#3a3d42;";
    let mut css = format!(
        ":root{{{light}color-scheme:light dark}}\
:root[data-theme=light]{{color-scheme:light}}\
:root[data-theme=dark]{{{dark}color-scheme:dark}}\
@media (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{dark}}}}}\
*,*::before,*::after{{box-sizing:border-box}}\
html,body{{margin:0;height:100%}}\
body{{background:var(--bg);color:var(--fg);font:16px/1.4 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif}}\
a{{color:var(--link)}}\
.embed{{display:flex;flex-direction:column;height:100%;padding:.6rem .75rem}}\
.chart-title{{font-size:1.1rem;line-height:1.3;margin:0;text-wrap:balance}}\
.chart-subtitle{{color:var(--muted);font-size:.9rem;margin:.15rem 0 0;text-wrap:pretty}}\
.chart-frame{{flex:1 1 auto;min-height:0;margin-top:.5rem}}\
.chart{{display:block;width:100%;height:100%;overflow:visible}}\
.chart text{{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}}\
.chart-narrow{{display:none}}\
@media (max-width:600px){{.chart-wide{{display:none}}.chart-narrow{{display:block}}}}\
.chart-data{{flex:0 1 auto;overflow:auto;max-height:45%;font-size:.85rem}}\
.chart-data summary{{cursor:pointer;color:var(--link)}}\
.chart-data table{{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}}\
.chart-data caption{{text-align:left;color:var(--muted)}}\
.chart-data th,.chart-data td{{padding:.2rem .4rem;border-bottom:1px solid var(--rule);text-align:left}}\
@media (max-width:600px){{.chart-data table{{font-size:.75rem}}.chart-data th,.chart-data td{{padding:.15rem .25rem}}.chart-data th{{overflow-wrap:anywhere}}.chart-data .minor{{display:none}}}}\
.chart-data .num{{text-align:right;white-space:nowrap}}\
.embed-footer{{color:var(--muted);font-size:.8rem;margin:.35rem 0 0}}\
.plain .chart-title,.plain .chart-subtitle,.plain .chart-data,.plain .embed-footer{{display:none}}"
    );
    // The chart's dark colours, chosen by the reader's scheme or by ?theme.
    let mut rules = String::new();
    for (attribute, light, dark, text_only) in DARK_COLOURS {
        let element = if text_only { "text" } else { "" };
        rules.push_str(&format!(
            "SCOPE .chart {element}[{attribute}=\"{light}\"]{{{attribute}:{dark}}}"
        ));
    }
    css.push_str(&rules.replace("SCOPE", ":root[data-theme=dark]"));
    css.push_str(&format!(
        "@media (prefers-color-scheme:dark){{{}}}",
        rules.replace("SCOPE", ":root:not([data-theme=light])")
    ));
    css
}

/// The "Download image" line and the "Embed this chart" box of the figure
/// of `request`, if the chart has images.
pub fn chart_extras(data: &SiteData<'_>, request: &ChartRequest, chart: &ChartSvg, links: Links, id: &str) -> Markup {
    let travel = data.travel();
    let Some(home) = travel.home(request) else {
        return html! {};
    };
    let live = travel.live_embed(&request.series, Some(request.kind));
    let frozen = home.frozen.then(|| (home.embed(), home.page.clone()));
    let live = live.map(|live| (live.route.clone(), live.page.clone()));
    extras(data, chart, home, frozen, live, links, id)
}

/// The same for a monthly series' chart.
pub fn monthly_extras(data: &SiteData<'_>, series: &SeriesId, chart: &ChartSvg, links: Links, id: &str) -> Markup {
    let travel = data.travel();
    let Some(home) = travel.monthly_home(series) else {
        return html! {};
    };
    let live = travel
        .live_embed(series, None)
        .map(|live| (live.route.clone(), live.page.clone()));
    extras(data, chart, home, None, live, links, id)
}

/// Download links to `home`'s images and the embed box for the `frozen`
/// and `live` embeds (route, page), those that exist.
fn extras(
    data: &SiteData<'_>,
    chart: &ChartSvg,
    home: &ChartHome,
    frozen: Option<(String, String)>,
    live: Option<(String, String)>,
    links: Links,
    id: &str,
) -> Markup {
    let (width, height) = edition_size(chart).unwrap_or_default();
    let base = data.project.config.base_url.as_deref();
    let (light, dark) = (home.image(false), home.image(true));
    let snippets: Vec<(String, &str, String)> = match base {
        Some(base) => {
            let mut snippets = Vec::new();
            if let Some((route, _)) = &frozen {
                snippets.push((
                    format!("{id}-embed-frozen"),
                    "Chart as of this week, never changed",
                    iframe_snippet(&absolute(base, route), &chart.title),
                ));
            }
            if let Some((route, _)) = &live {
                snippets.push((
                    format!("{id}-embed-live"),
                    "Chart that always shows the latest week",
                    iframe_snippet(&absolute(base, route), &chart.title),
                ));
            }
            if home.images {
                let picture = html! {
                    picture {
                        source srcset=(absolute(base, &dark)) media="(prefers-color-scheme: dark)";
                        img src=(absolute(base, &light)) alt=(chart.description) width=(width) height=(height) style="max-width:100%;height:auto";
                    }
                };
                snippets.push((format!("{id}-embed-image"), "Image only", picture.into_string()));
            }
            let page = frozen
                .as_ref()
                .or(live.as_ref())
                .map_or(home.page.as_str(), |(_, page)| page.as_str());
            let link = html! { a href=(absolute(base, page)) { (chart.title) } };
            snippets.push((format!("{id}-embed-link"), "Link", link.into_string()));
            snippets
        }
        None => Vec::new(),
    };
    html! {
        @if home.images {
            p class="chart-images" {
                "Download image (" (width * 2) " × " (height * 2) " px): "
                a href=(links.to(&light)) download { "PNG" } ", "
                a href=(links.to(&dark)) download { "dark PNG" }
            }
        }
        details class="chart-embed" {
            summary { "Embed this chart" }
            p {
                @if let Some((route, _)) = &frozen { a href=(links.to(route)) { "As of this week" } }
                @if frozen.is_some() && live.is_some() { " · " }
                @if let Some((route, _)) = &live { a href=(links.to(route)) { "Always the latest week" } }
                @if base.is_none() { " (set base_url in site.toml for ready-to-paste codes)" }
            }
            @for (snippet_id, label, code) in &snippets {
                label for=(snippet_id) { (label) }
                textarea id=(snippet_id) readonly rows="3" spellcheck="false" { (code) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_frame_has_a_title_and_a_shape_without_script() {
        let snippet = iframe_snippet(
            "https://flows.example.org/weeks/2026-09-12/embed/weekly/",
            "Japanese stocks",
        );
        assert!(snippet.contains("title=\"Japanese stocks\""), "{snippet}");
        assert!(snippet.contains("aspect-ratio:760/540"), "{snippet}");
        assert!(!snippet.contains("<script"), "{snippet}");
    }

    #[test]
    fn labels_are_haloed_under_their_letters() {
        let svg = "<svg class=\"chart\"><text x=\"1\">a</text><textPath/></svg>";
        assert_eq!(
            with_halo(svg),
            "<svg class=\"chart\"><text paint-order=\"stroke\" x=\"1\">a</text><textPath/></svg>"
        );
        assert!(!embed_css().contains("paint-order"));
    }

    #[test]
    fn the_embed_css_remaps_chart_colours_for_both_ways_of_choosing_dark() {
        let css = embed_css();
        assert!(
            css.contains(":root[data-theme=dark] .chart [fill=\"#0072B2\"]{fill:#56b4e9}"),
            "{css}"
        );
        assert!(css.contains(":root:not([data-theme=light]) .chart [fill=\"#0072B2\"]{fill:#56b4e9}"));
    }
}
