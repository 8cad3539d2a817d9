//! Charts that travel: which page each chart's images and embed belong to,
//! the share card of each page, and the SVG of both for the raster stage.
//!
//! Decided once, from the page plan, before any page is rendered, so that
//! the pages that link an image and the list of images drawn cannot
//! disagree. A chart's 2× PNGs (light and dark) and its frozen embed live
//! beside the dated page that shows it (a brief, a commentary piece), so
//! that they never move once published; a chart only a series page shows
//! lives beside that page and follows its latest week. Each series page
//! also has a live embed of each of its charts. No I/O here.

use super::SiteData;
use super::brief::brief_cast;
use super::plan::PageKey;
use super::routes;
use crate::chart::{ChartRequest, ChartSvg, LAYOUTS, text_width};
use crate::model::{ChartKind, SeriesId};
use crate::money::long_date;
use crate::raster::{ImageJob, Theme};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Width and height of a share card, in pixels (the size Facebook, X and
/// LinkedIn show large).
pub const CARD_SIZE: (u32, u32) = (1200, 630);
/// Image editions are drawn at twice the wide layout's size.
const EDITION_SCALE: u32 = 2;
/// Margin around an image edition's title and chart, in SVG units.
const EDITION_MARGIN: f64 = 20.0;

/// Where a chart's images and embed live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartHome {
    /// The page they sit beside.
    pub page: String,
    /// The chart's name on that page.
    pub slug: String,
    /// Whether the page is dated (a brief, a commentary piece): its embed
    /// is then frozen, as of that date, and never changes.
    pub frozen: bool,
    /// Whether its PNG editions are drawn: a brief's only from
    /// `[images] briefs_from` on.
    pub images: bool,
}

impl ChartHome {
    /// The 2× PNG, light or dark.
    pub fn image(&self, dark: bool) -> String {
        routes::chart_image(&self.page, &self.slug, dark)
    }

    /// The embed page.
    pub fn embed(&self) -> String {
        routes::embed(&self.page, &self.slug)
    }
}

/// The chart a share card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardChart {
    /// A weekly or year-to-date chart.
    Chart(ChartRequest),
    /// A monthly series' chart.
    Monthly(SeriesId),
}

/// A page's share card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The page it is the card of.
    pub page: String,
    /// The card's PNG.
    pub png: String,
    /// The headline fact, in large type.
    pub fact: String,
    /// What the fact is about, under it.
    pub subject: String,
    /// The date, top right: a week's in the form of its brief's dateline
    /// ("6–12 September 2026"), so the card and the page it shares agree.
    pub date: String,
    /// The chart it shows.
    pub chart: Option<CardChart>,
    /// When the page was published, for `article:published_time` (briefs
    /// and commentary).
    pub published: Option<NaiveDate>,
}

/// A live embed: a series page's chart, always of the latest week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEmbed {
    /// The embed page.
    pub route: String,
    /// The series page it belongs to.
    pub page: String,
    /// The chart it shows.
    pub chart: CardChart,
}

/// Every chart's images and embeds, and every page's card.
#[derive(Debug, Clone, Default)]
pub struct Travel {
    homes: BTreeMap<ChartRequest, ChartHome>,
    monthly: BTreeMap<SeriesId, ChartHome>,
    live: BTreeMap<(SeriesId, Option<ChartKind>), LiveEmbed>,
    cards: BTreeMap<String, Card>,
}

impl Travel {
    /// Where the images of `request` live.
    pub fn home(&self, request: &ChartRequest) -> Option<&ChartHome> {
        self.homes.get(request)
    }

    /// Where the images of a monthly series' chart live.
    pub fn monthly_home(&self, id: &SeriesId) -> Option<&ChartHome> {
        self.monthly.get(id)
    }

    /// The live embed of a series' chart of `kind` (`None`: monthly).
    pub fn live_embed(&self, series: &SeriesId, kind: Option<ChartKind>) -> Option<&LiveEmbed> {
        self.live.get(&(series.clone(), kind))
    }

    /// Every live embed.
    pub fn live_embeds(&self) -> impl Iterator<Item = &LiveEmbed> {
        self.live.values()
    }

    /// Every chart with a frozen embed, with its home.
    pub fn frozen_embeds(&self) -> impl Iterator<Item = (&ChartRequest, &ChartHome)> {
        self.homes.iter().filter(|(_, home)| home.frozen)
    }

    /// The card of the page at `page`, if it has one.
    pub fn card(&self, page: &str) -> Option<&Card> {
        self.cards.get(page)
    }

    /// The home page's card: the picture of pages that have none of their
    /// own (archives, lists).
    pub fn site_card(&self) -> Option<&Card> {
        self.cards.get(routes::HOME)
    }
}

/// Decides where every chart's images and embeds live, and every card.
pub fn plan_travel(data: &SiteData<'_>) -> Travel {
    let mut travel = Travel::default();
    // Image editions and embeds are the English edition's: their words
    // (the embed box, the embed page's footer) exist in English only. The
    // Japanese edition's pages still unfurl with cards in Japanese.
    if data.edition != routes::Edition::English {
        for card in plan_cards(data) {
            travel.cards.insert(card.page.clone(), card);
        }
        return travel;
    }
    // The dated page wins: its images never move. Page order breaks ties.
    let rank = |key: &PageKey| match key {
        PageKey::Brief(_) => 0,
        PageKey::Commentary(_) => 1,
        PageKey::Series(_) => 2,
        PageKey::Home => 3,
    };
    let drawn = |key: &PageKey| match key {
        PageKey::Brief(week) => briefs_drawn(data, *week),
        _ => true,
    };
    let mut ranked: BTreeMap<&ChartRequest, (u8, ChartHome)> = BTreeMap::new();
    for (key, charts) in data.plan.pages() {
        let page = routes::page(key);
        for planned in charts {
            let home = ChartHome {
                page: page.clone(),
                slug: planned.slug(),
                frozen: rank(key) <= 1,
                images: drawn(key),
            };
            let candidate = (rank(key), home);
            ranked
                .entry(&planned.request)
                .and_modify(|held| {
                    if candidate.0 < held.0 {
                        *held = candidate.clone();
                    }
                })
                .or_insert(candidate);
            if let PageKey::Series(id) = key {
                travel.live.insert(
                    (id.clone(), Some(planned.request.kind)),
                    LiveEmbed {
                        route: routes::embed(&page, planned.request.kind.name()),
                        page: page.clone(),
                        chart: CardChart::Chart(planned.request.clone()),
                    },
                );
            }
        }
    }
    travel.homes = ranked
        .into_iter()
        .filter(|(request, _)| {
            data.charts
                .get(*request)
                .is_some_and(|chart| chart.empty_message().is_none())
        })
        .map(|(request, (_, home))| (request.clone(), home))
        .collect();
    for (id, chart) in data.monthly_charts {
        if chart.empty_message().is_some() {
            continue;
        }
        let page = routes::series(id.as_str());
        travel.monthly.insert(
            id.clone(),
            ChartHome {
                page: page.clone(),
                slug: "monthly".to_string(),
                frozen: false,
                images: true,
            },
        );
        travel.live.insert(
            (id.clone(), None),
            LiveEmbed {
                route: routes::embed(&page, "monthly"),
                page,
                chart: CardChart::Monthly(id.clone()),
            },
        );
    }
    for card in plan_cards(data) {
        travel.cards.insert(card.page.clone(), card);
    }
    travel
}

/// The card of the home page, every series page, every brief and every
/// commentary piece with a chart.
fn plan_cards(data: &SiteData<'_>) -> Vec<Card> {
    let book = data.phrasebook();
    let mut cards = Vec::new();
    let weekly_of = |key: &PageKey| {
        data.plan
            .charts(key)
            .iter()
            .find(|planned| planned.block.is_none() && planned.request.kind == ChartKind::Weekly)
            .map(|planned| CardChart::Chart(planned.request.clone()))
    };
    let lead = data.project.config.lead_series.first().and_then(|id| data.series(id));
    if let Some((view, latest)) = lead.as_ref().and_then(|view| Some((view, view.latest()?))) {
        cards.push(Card {
            page: routes::HOME.to_string(),
            png: routes::card(routes::HOME),
            fact: book.card_fact(&view.series.meta, latest),
            subject: view.series.meta.title.clone(),
            date: book.dateline(latest.week),
            chart: weekly_of(&PageKey::Home),
            published: None,
        });
    }
    for view in data.all_series() {
        let Some(latest) = view.latest() else { continue };
        let page = routes::series(view.series.meta.id.as_str());
        cards.push(Card {
            png: routes::card(&page),
            fact: book.card_fact(&view.series.meta, latest),
            subject: view.series.meta.title.clone(),
            date: book.dateline(latest.week),
            chart: weekly_of(&PageKey::Series(view.series.meta.id.clone())),
            published: None,
            page,
        });
    }
    for monthly in &data.analysis.monthly {
        let Some(latest) = monthly.series.points.last() else {
            continue;
        };
        let meta = &monthly.series.meta;
        let page = routes::series(meta.id.as_str());
        let month = latest.month.first_day();
        cards.push(Card {
            png: routes::card(&page),
            fact: book.card_month_fact(meta, latest.net, month),
            subject: meta.title.clone(),
            date: crate::money::month_year(month),
            chart: data
                .monthly_charts
                .contains_key(&meta.id)
                .then(|| CardChart::Monthly(meta.id.clone())),
            published: None,
            page,
        });
    }
    if let Some(cast) = brief_cast(data) {
        for facts in cast.lead.facts.iter().filter(|facts| briefs_drawn(data, facts.week)) {
            let page = routes::brief(facts.week.end());
            cards.push(Card {
                png: routes::card(&page),
                fact: book.card_fact(&cast.lead.series.meta, facts),
                subject: cast.lead.series.meta.title.clone(),
                date: book.dateline(facts.week),
                chart: weekly_of(&PageKey::Brief(facts.week)),
                // A brief's times are the head's (its page meta).
                published: None,
                page,
            });
        }
    }
    for piece in &data.project.commentary {
        let key = PageKey::Commentary(piece.slug.clone());
        let Some(first) = data.plan.charts(&key).first() else {
            continue;
        };
        let page = routes::page(&key);
        cards.push(Card {
            png: routes::card(&page),
            fact: piece.title.clone(),
            subject: piece.summary.clone().unwrap_or_default(),
            date: long_date(piece.date),
            chart: Some(CardChart::Chart(first.request.clone())),
            published: Some(piece.date),
            page,
        });
    }
    cards
}

/// Whether the brief of `week` gets a card and PNG editions of its charts.
fn briefs_drawn(data: &SiteData<'_>, week: crate::model::Week) -> bool {
    data.project.config.images_from.is_none_or(|from| week.end() >= from)
}

/// The chart a card or embed shows, rendered.
pub fn chart_of<'a>(data: &'a SiteData<'_>, chart: &CardChart) -> Option<&'a ChartSvg> {
    match chart {
        CardChart::Chart(request) => data.charts.get(request),
        CardChart::Monthly(id) => data.monthly_charts.get(id),
    }
}

/// What a card's picture shows, for `og:image:alt`: its chart's
/// description, or its fact when it has no chart.
pub fn card_alt(data: &SiteData<'_>, card: &Card) -> String {
    card.chart
        .as_ref()
        .and_then(|chart| chart_of(data, chart))
        .map_or_else(|| card.fact.clone(), |chart| chart.description.clone())
}

/// Every PNG of the site: each card, and each chart's light and dark
/// editions, in path order.
pub fn image_jobs(data: &SiteData<'_>) -> Vec<ImageJob> {
    let travel = data.travel();
    let site = &data.project.config.title;
    let mut jobs = Vec::new();
    for card in travel.cards.values() {
        let chart = card.chart.as_ref().and_then(|chart| chart_of(data, chart));
        jobs.push(ImageJob {
            path: card.png.clone(),
            name: format!("the share card of /{}", routes::served_path(&card.page)),
            svg: card_svg(site, card, chart).into(),
            width: CARD_SIZE.0,
            height: CARD_SIZE.1,
            theme: Theme::Light,
        });
    }
    let editions = travel
        .homes
        .iter()
        .filter_map(|(request, home)| Some((home, data.charts.get(request)?)))
        .chain(
            travel
                .monthly
                .iter()
                .filter_map(|(id, home)| Some((home, data.monthly_charts.get(id)?))),
        );
    let mut seen = std::collections::BTreeSet::new();
    for (home, chart) in editions {
        if !home.images || !seen.insert(home.image(false)) {
            continue;
        }
        let Some((svg, width, height)) = edition_svg(chart) else {
            continue;
        };
        let svg: std::sync::Arc<str> = svg.into();
        for theme in Theme::ALL {
            let dark = theme == Theme::Dark;
            jobs.push(ImageJob {
                path: home.image(dark),
                name: format!(
                    "the {} image of the chart \u{201c}{}\u{201d} on /{}",
                    theme.name(),
                    chart.title,
                    routes::served_path(&home.page)
                ),
                svg: std::sync::Arc::clone(&svg),
                width: width * EDITION_SCALE,
                height: height * EDITION_SCALE,
                theme,
            });
        }
    }
    jobs.sort_by(|a, b| a.path.cmp(&b.path));
    jobs
}

/// The size (in SVG units, CSS pixels at 1×) of a chart's image edition.
pub fn edition_size(chart: &ChartSvg) -> Option<(u32, u32)> {
    edition_svg(chart).map(|(_, width, height)| (width, height))
}

/// A chart's image edition: its title and subtitle over its wide layout,
/// as one SVG; with its width and height in SVG units.
fn edition_svg(chart: &ChartSvg) -> Option<(String, u32, u32)> {
    let (_, wide) = chart
        .svgs("image")
        .into_iter()
        .find(|(layout, _)| layout.name == LAYOUTS[0].name)?;
    let (chart_width, chart_height) = view_box(&wide)?;
    let width = chart_width + 2.0 * EDITION_MARGIN;
    let mut body = String::new();
    let mut y = EDITION_MARGIN;
    for line in wrap_lines(&chart.title, chart_width, 20, 3) {
        y += 24.0;
        text(&mut body, EDITION_MARGIN, y, 20, "#1A1A1A", true, "start", &line);
    }
    for line in wrap_lines(&chart.subtitle, chart_width, 14, 4) {
        y += 19.0;
        text(&mut body, EDITION_MARGIN, y, 14, "#5C5C5C", false, "start", &line);
    }
    y += 14.0;
    body.push_str(&nest(&wide, EDITION_MARGIN, y, chart_width, chart_height));
    let height = (y + chart_height + EDITION_MARGIN).ceil();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">{body}</svg>"
    );
    Some((svg, width as u32, height as u32))
}

/// A page's share card as SVG: the site's name and the date on top, the
/// headline fact and what it is about on the left, the chart (its phone
/// layout, whose type stays legible in a thumbnail) on the right.
pub fn card_svg(site: &str, card: &Card, chart: Option<&ChartSvg>) -> String {
    let (width, height) = (f64::from(CARD_SIZE.0), f64::from(CARD_SIZE.1));
    let mut body = String::new();
    body.push_str(&format!(
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/><rect width=\"{width}\" height=\"10\" fill=\"#0072B2\"/>"
    ));
    let date_width = text_width(&card.date, 24);
    let site_room = width - 112.0 - date_width - 40.0;
    text(
        &mut body,
        56.0,
        74.0,
        26,
        "#1A1A1A",
        true,
        "start",
        &fit(site, site_room, 26),
    );
    text(&mut body, width - 56.0, 74.0, 24, "#5C5C5C", false, "end", &card.date);
    let drawn = chart.and_then(|chart| {
        let (_, narrow) = chart
            .svgs("card")
            .into_iter()
            .find(|(layout, _)| layout.name == LAYOUTS[1].name)?;
        Some((chart, narrow))
    });
    let column = if drawn.is_some() { 560.0 } else { width - 112.0 };
    let mut y = 120.0;
    for line in wrap_lines(&card.fact, column, 50, 4) {
        y += 60.0;
        text(&mut body, 56.0, y, 50, "#1A1A1A", true, "start", &line);
    }
    y += 16.0;
    for line in wrap_lines(&card.subject, column, 26, 3) {
        y += 34.0;
        text(&mut body, 56.0, y, 26, "#333333", false, "start", &line);
    }
    match drawn {
        Some((_, narrow)) => {
            if let Some((chart_width, chart_height)) = view_box(&narrow) {
                let (box_x, box_y, box_width, box_height) = (650.0, 112.0, 500.0, 490.0);
                let scale = (box_width / chart_width).min(box_height / chart_height);
                let (w, h) = (chart_width * scale, chart_height * scale);
                body.push_str(&nest(&narrow, box_x + (box_width - w) / 2.0, box_y, w, h));
            }
        }
        None => {
            let source = chart.map_or("", |chart| chart.source.as_str());
            text(&mut body, 56.0, height - 40.0, 22, "#5C5C5C", false, "start", source);
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">{body}</svg>"
    )
}

/// Writes one line of text.
#[allow(clippy::too_many_arguments)]
fn text(out: &mut String, x: f64, y: f64, px: u32, fill: &str, bold: bool, anchor: &str, content: &str) {
    if content.is_empty() {
        return;
    }
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"{px}\" fill=\"{fill}\" text-anchor=\"{anchor}\"{weight}>{}</text>",
        escape(content)
    );
}

/// A chart's SVG placed at (x, y), scaled to `width` × `height`, as a
/// group rather than a nested `<svg>`: a nested viewport is a clip, which
/// resvg draws through a mask the size of the whole image, two thirds of
/// the time of a chart image (measured: a weekly chart's 2× image drawn in
/// 34 ms nested, 12 ms grouped). Nothing is lost: a chart draws nothing
/// outside its viewBox (the browser suite checks every chart for it).
/// The chart's own attributes but its viewport's (`class`, `font-family`)
/// stay on the group, so the themes' style sheets still apply.
fn nest(svg: &str, x: f64, y: f64, width: f64, height: f64) -> String {
    let Some(open) = svg.find("<svg") else {
        return String::new();
    };
    let Some(tag_end) = svg[open..].find('>').map(|at| open + at) else {
        return String::new();
    };
    let close = svg.rfind("</svg>").filter(|&at| at > tag_end).unwrap_or(svg.len());
    let (scale_x, scale_y) = match view_box(svg) {
        Some((box_width, box_height)) if box_width > 0.0 && box_height > 0.0 => {
            (width / box_width, height / box_height)
        }
        _ => (1.0, 1.0),
    };
    let mut group = format!("<g transform=\"translate({x} {y}) scale({scale_x} {scale_y})\"");
    for (name, value) in attributes(&svg[open + "<svg".len()..tag_end]) {
        if !matches!(
            name,
            "x" | "y" | "width" | "height" | "viewBox" | "xmlns" | "preserveAspectRatio"
        ) {
            let _ = write!(group, " {name}=\"{value}\"");
        }
    }
    group.push('>');
    group.push_str(&svg[tag_end + 1..close]);
    group.push_str("</g>");
    group
}

/// The `name="value"` pairs of an opening tag's text (flowsite's own
/// SVG: double quotes, no `>` inside values).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_end_matches('/');
    while let Some(equals) = rest.find("=\"") {
        let name = rest[..equals].trim();
        let after = &rest[equals + 2..];
        let Some(end) = after.find('"') else { break };
        found.push((name, &after[..end]));
        rest = &after[end + 1..];
    }
    found
}

/// The width and height of an SVG's `viewBox="0 0 W H"`.
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let end = start + svg[start..].find('"')?;
    let numbers: Vec<f64> = svg[start..end].split(' ').filter_map(|n| n.parse().ok()).collect();
    match numbers.as_slice() {
        [_, _, width, height] => Some((*width, *height)),
        _ => None,
    }
}

/// `text` cut to fit `width` at `px`, with an ellipsis if it was cut.
fn fit(text: &str, width: f64, px: u32) -> String {
    if text_width(text, px) <= width {
        return text.to_string();
    }
    // Grown from the front, so that a very long text (a site name of a
    // hundred kilobytes) costs only what fits, not its whole length again
    // for every character cut.
    let mut cut = String::new();
    for c in text.chars() {
        cut.push(c);
        if text_width(&format!("{cut}\u{2026}"), px) > width {
            cut.pop();
            break;
        }
    }
    format!("{}\u{2026}", cut.trim_end())
}

/// [`wrap`], at most `most` lines, each cut to `width` with an ellipsis if
/// it is still wider (one long word) or if more text follows: an image
/// keeps its size whatever the text it is given.
fn wrap_lines(text: &str, width: f64, px: u32, most: usize) -> Vec<String> {
    let mut lines = wrap(text, width, px);
    let more = lines.len() > most;
    lines.truncate(most);
    let last = lines.len().saturating_sub(1);
    lines
        .into_iter()
        .enumerate()
        .map(|(at, line)| {
            if more && at == last {
                fit(&format!("{line}\u{2026}"), width, px)
            } else {
                fit(&line, width, px)
            }
        })
        .collect()
}

/// Splits `text` into lines no wider than `width` at `px`: at spaces, and
/// between any two characters of Japanese, which has none; a Japanese line
/// breaks after its last 「・」「、」「。」 if it has one, so that a word
/// (「売り越し」) is not cut with one character left over.
pub fn wrap(text: &str, width: f64, px: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if !line.trim().is_empty() && text_width(candidate.trim_end(), px) > width {
            let wide = piece.chars().all(|c| c > '\u{2E7F}');
            let after_separator = line
                .char_indices()
                .filter(|(_, c)| matches!(c, '・' | '、' | '。'))
                .map(|(at, c)| at + c.len_utf8())
                .next_back()
                // Only late in the line: breaking after a 「・」 near its
                // start would leave a stub and an overlong next line.
                .filter(|&at| wide && at < line.len() && text_width(&line[..at], px) >= width / 2.0);
            if let Some(at) = after_separator {
                let tail = line.split_off(at);
                lines.push(line.trim_end().to_string());
                line = format!("{tail}{piece}");
                continue;
            }
            lines.push(line.trim_end().to_string());
            line = piece.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The unbreakable pieces of `text`: a word with the space before it, or
/// a single wide (Japanese) character.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let wide = c > '\u{2E7F}';
        if wide || (c == ' ' && !current.trim().is_empty()) {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            if wide {
                pieces.push(c.to_string());
                continue;
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_between_japanese_characters() {
        let lines = wrap("+¥1.08tn · eighth straight week of net buying", 400.0, 50);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "+¥1.08tn · eighth straight week of net buying");
        for line in &lines {
            assert!(text_width(line, 50) <= 400.0 || !line.contains(' '), "{line}");
        }
        let japanese = wrap("海外投資家は日本株を８週連続で買い越した", 200.0, 40);
        assert_eq!(japanese.concat(), "海外投資家は日本株を８週連続で買い越した");
        assert!(
            japanese.iter().all(|line| text_width(line, 40) <= 200.0),
            "{japanese:?}"
        );
    }

    #[test]
    fn a_japanese_headline_breaks_after_its_separator_not_inside_a_word() {
        let lines = wrap("−1兆5228億円・売り越し", 560.0, 50);
        assert_eq!(lines, vec!["−1兆5228億円・".to_string(), "売り越し".to_string()]);
        // Without a separator it still breaks between characters.
        let long = "買い越し".repeat(8);
        let lines = wrap(&long, 560.0, 50);
        assert!(lines.len() > 1 && lines.concat() == long, "{lines:?}");
    }

    #[test]
    fn a_long_site_name_is_cut_with_an_ellipsis() {
        assert_eq!(fit("Flows", 500.0, 26), "Flows");
        let cut = fit("A very long name for a site about weekly flows", 200.0, 26);
        assert!(cut.ends_with('\u{2026}') && text_width(&cut, 26) <= 200.0, "{cut}");
    }

    #[test]
    fn a_chart_is_nested_at_its_place_and_size() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 290\" class=\"chart\"></svg>";
        assert_eq!(view_box(svg), Some((360.0, 290.0)));
        assert_eq!(
            nest(svg, 5.0, 6.0, 180.0, 145.0),
            "<g transform=\"translate(5 6) scale(0.5 0.5)\" class=\"chart\"></g>"
        );
    }

    #[test]
    fn a_japanese_card_is_drawn_with_every_text_laid_out() {
        let card = Card {
            page: routes::HOME.to_string(),
            png: routes::card(routes::HOME),
            fact: "＋1兆800億円・8週連続の買い越し".to_string(),
            subject: "海外投資家による日本株の売買".to_string(),
            date: "2026年9月6～12日".to_string(),
            chart: None,
            published: None,
        };
        let job = ImageJob {
            path: card.png.clone(),
            name: "the share card of /".to_string(),
            svg: card_svg("対内対外証券投資", &card, None).into(),
            width: CARD_SIZE.0,
            height: CARD_SIZE.1,
            theme: Theme::Light,
        };
        let fonts = crate::raster::Fonts::bundled();
        crate::raster::check_text(std::slice::from_ref(&job), fonts).expect("every glyph in the bundled fonts");
        let png = crate::raster::render_png(&job, fonts).expect("drawn");
        assert!(png.starts_with(b"\x89PNG"));
        let texts = crate::raster::text_nodes(&job.svg).expect("parses");
        assert!(texts.iter().any(|text| text.contains("買い越し")), "{texts:?}");
    }

    #[test]
    fn card_text_is_escaped() {
        let card = Card {
            page: routes::HOME.to_string(),
            png: routes::card(routes::HOME),
            fact: "Stocks & <bonds>".to_string(),
            subject: String::new(),
            date: "6\u{2013}12 September 2026".to_string(),
            chart: None,
            published: None,
        };
        let svg = card_svg("Flows \"weekly\"", &card, None);
        assert!(svg.contains("Stocks &amp; &lt;bonds&gt;"), "{svg}");
        assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}
