//! The home page: when the figures were updated and the next release is
//! expected, the latest weekly brief with its charts, the latest week of
//! the other lead series, every series' latest figures, the commentary and
//! a note on the site. The site's name is the masthead's heading, and the
//! story and its charts are shown once each.

use super::brief::brief_cast;
use super::chrome::Chrome;
use super::commentary_pages::commentary_list;
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::release::next_release;
use super::routes;
use super::tables::{amount, by_unit, week_cell};
use super::{PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::Error;
use crate::model::{SeriesId, Unit, Week};
use crate::prose::BriefText;
use crate::validate::Commentary;
use chrono::NaiveDate;
use maud::{Markup, html};

const PATH: &str = routes::HOME;
/// How many of the newest commentary pieces the home page lists; the
/// commentary page lists them all.
const HOME_COMMENTARY: usize = 10;

/// The home page, before layout.
struct HomePage<'a> {
    /// The day of the latest release, and the next one expected.
    updated: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The latest brief, with the charts of its series.
    story: Option<LatestStory>,
    /// The latest week of each other lead series.
    leads: Vec<LeadSection>,
    /// Every series' latest week.
    latest: Vec<SeriesView<'a>>,
    commentary: &'a [Commentary],
    description: &'a str,
}

/// The latest brief as the home page tells it.
struct LatestStory {
    path: String,
    text: BriefText,
    figures: Vec<Markup>,
}

/// Another lead series' latest week.
struct LeadSection {
    id: SeriesId,
    headline: String,
    dateline: String,
    paragraph: Option<String>,
    figures: Vec<Markup>,
    title: String,
}

/// Renders `index.html`.
pub fn render_home(data: &SiteData<'_>) -> Result<RenderedFile, Error> {
    let page = home_page(data)?;
    let chrome = data.chrome();
    let links = Links::from_page(PATH);
    let content = html! {
        @if let Some((updated, next)) = page.updated {
            p class="updated" { ((chrome.updated_line)(updated, next)) }
        }
        @if let Some(story) = &page.story { (latest_story(story, chrome, links)) }
        @for lead in &page.leads { (lead_section(lead, chrome, links)) }
        (latest_table(&page.latest, chrome, links))
        section aria-labelledby="commentary" {
            h2 id="commentary" { (chrome.commentary_heading) }
            (commentary_list(page.commentary, HOME_COMMENTARY, chrome, links))
            @if !page.commentary.is_empty() {
                p { a href=(links.to(routes::COMMENTARY_INDEX)) { ((chrome.all_commentary)(page.commentary.len())) } }
            }
        }
        section aria-labelledby="about-site" {
            h2 id="about-site" { (chrome.about_site_heading) }
            p { (page.description) " " a href=(links.to(routes::METHODOLOGY)) { (chrome.methodology_link) } "." }
        }
    };
    let config = &data.project.config;
    let meta = PageMeta::new(PATH, &config.title, &config.description);
    Ok(html_file(PATH, page_frame(data, &meta, content)))
}

fn home_page<'a>(data: &'a SiteData<'a>) -> Result<HomePage<'a>, Error> {
    let config = &data.project.config;
    let links = Links::from_page(PATH);
    let mut ids = FigureIds::default();
    let mut figures_of = |id: &SeriesId| -> Result<Vec<Markup>, Error> {
        let planned = data.plan.charts(&PageKey::Home);
        let mut figures = Vec::new();
        for chart in planned.iter().filter(|chart| chart.request.series == *id) {
            figures.push(chart_figure(data, &chart.request, links, &mut ids)?);
        }
        Ok(figures)
    };
    let cast = brief_cast(data);
    let mut story = None;
    if let Some(cast) = &cast
        && let Some(facts) = cast.lead.latest()
        && let Some(text) = cast.text(data, facts.index)
    {
        story = Some(LatestStory {
            path: routes::brief(facts.week.end()),
            text,
            figures: figures_of(&cast.lead.series.meta.id)?,
        });
    }
    let story_lead = cast.as_ref().map(|cast| &cast.lead.series.meta.id);
    let mut leads = Vec::new();
    for id in &config.lead_series {
        let Some(view) = data.series(id) else { continue };
        // The story above already tells the brief's own lead series.
        if story.is_some() && story_lead.is_some_and(|lead| lead == id) {
            continue;
        }
        if let Some(section) = lead_section_of(data, &view, figures_of(&view.series.meta.id)?) {
            leads.push(section);
        }
    }
    let source = cast
        .as_ref()
        .map(|cast| &cast.lead.dataset.source)
        .or_else(|| data.project.datasets.first().map(|dataset| &dataset.source));
    Ok(HomePage {
        updated: source.map(|source| (source.version, next_release(source))),
        story,
        leads,
        latest: data.all_series(),
        commentary: &data.project.commentary,
        description: &config.description,
    })
}

/// A lead series' week in its own words: the headline its brief would
/// have, and the week before and year to date.
fn lead_section_of(data: &SiteData<'_>, view: &SeriesView<'_>, figures: Vec<Markup>) -> Option<LeadSection> {
    let latest = view.latest()?;
    let first_week = view.series.points.first()?.week;
    let story = crate::prose::Brief::single(
        crate::prose::SeriesWeek {
            meta: &view.series.meta,
            facts: latest,
            first_week,
        },
        &view.dataset.source.publisher,
        Some(data.analysis),
    );
    let text = crate::prose::write_brief(data.phrasebook(), &story);
    Some(LeadSection {
        id: view.series.meta.id.clone(),
        headline: text.headline,
        dateline: text.dateline,
        paragraph: text.body.into_iter().next(),
        figures,
        title: view.series.meta.title.clone(),
    })
}

fn latest_story(story: &LatestStory, chrome: &Chrome, links: Links<'_>) -> Markup {
    let text = &story.text;
    let (first, rest) = match story.figures.split_first() {
        Some((first, rest)) => (Some(first), rest),
        None => (None, &[][..]),
    };
    html! {
        section class="latest-story" aria-labelledby="latest-story" {
            h2 id="latest-story" { a href=(links.to(&story.path)) { (text.headline) } }
            p class="dateline" { (text.dateline) }
            p class="standfirst" { (text.standfirst) }
            @if let Some(first) = first { (first) }
            @for paragraph in text.body.iter().take(1) { p { (paragraph) } }
            @for figure in rest { (figure) }
            // The standfirst's dollar figure names its rate here.
            @if let Some(rate) = &text.rate_line { p class="brief-rate" { (rate) } }
            p class="story-links" {
                a href=(links.to(&story.path)) { (chrome.read_brief) } " \u{b7} "
                a href=(links.to(routes::BRIEFS)) { (chrome.all_briefs) }
            }
        }
    }
}

fn lead_section(lead: &LeadSection, chrome: &Chrome, links: Links<'_>) -> Markup {
    let heading = format!("lead-{}", lead.id);
    html! {
        section class="lead" aria-labelledby=(heading) {
            h2 id=(heading) { (lead.headline) }
            p class="dateline" { (lead.dateline) }
            @if let Some(paragraph) = &lead.paragraph { p { (paragraph) } }
            @for figure in &lead.figures { (figure) }
            p { a href=(links.to(&routes::series(&lead.id))) { ((chrome.series_link)(&lead.title)) } }
        }
    }
}

/// Every series' latest net and year to date, one table per unit; the
/// week goes in the caption when every series has the same latest week.
fn latest_table(all: &[SeriesView<'_>], chrome: &Chrome, links: Links<'_>) -> Markup {
    let weeks: Vec<Week> = all.iter().filter_map(|view| view.latest().map(|l| l.week)).collect();
    let common = weeks.first().copied().filter(|first| weeks.iter().all(|w| w == first));
    let groups = by_unit(all, |view| view.series.meta.unit);
    html! {
        section aria-labelledby="all-series" {
            h2 id="all-series" { (chrome.latest_table_heading) }
            @for (unit, views) in &groups {
                (latest_group(*unit, views, common, chrome, links))
            }
        }
    }
}

fn latest_group(
    unit: Unit,
    views: &[SeriesView<'_>],
    common: Option<Week>,
    chrome: &Chrome,
    links: Links<'_>,
) -> Markup {
    html! {
        table class="figures" {
            @if let Some(week) = common { caption { ((chrome.latest_table_caption)(week)) } }
            thead { tr {
                th scope="col" { (chrome.series_header) }
                @if common.is_none() { th scope="col" { (chrome.week_header) } }
                th scope="col" class="num" { ((chrome.net_header)(unit)) }
                th scope="col" class="num" { ((chrome.ytd_header)(unit)) }
            } }
            tbody {
                @for view in views {
                    @if let Some(latest) = view.latest() {
                        tr {
                            th scope="row" { a href=(links.to(&routes::series(&view.series.meta.id))) { (view.series.meta.title) } }
                            @if common.is_none() { td { (week_cell(&(chrome.week_range)(latest.week))) } }
                            td class="num" { ((chrome.table_amount)(unit, latest.net)) }
                            td class="num" {
                                (latest.ytd.map_or_else(|| amount(chrome.not_available.to_string()), |ytd| amount((chrome.table_amount)(unit, ytd.total))))
                            }
                        }
                    }
                }
            }
        }
    }
}
