//! Stage 4, chart: the chart requests the pages declared -> inline SVG
//! charts (plotters), made accessible.
//!
//! Each chart is drawn twice, for desktop and phone widths, so that text is
//! legible on both (a 720-unit chart squeezed onto a phone would shrink its
//! labels to 6 px); the page shows one through CSS. Charts mark the news
//! the facts hold (the latest week, records, streaks, author annotations),
//! with labels placed clear of each other and of the data. After plotters
//! draws, a post-pass adds `role="img"`, `<title>`, `<desc>` and a
//! `<title>` tooltip on every mark. All wording is in `text`. No I/O here.

mod axis;
mod callout;
mod canvas;
mod columns;
mod measure;
mod monthly;
mod place;
mod reuse;
mod style;
mod svg;
pub mod text;
mod weekly;
mod ytd;

pub use measure::text_width;
pub use monthly::MONTHS_SHOWN;
pub use reuse::{ChartReport, ChartReuse};
pub use style::{LAYOUTS, Layout};

use crate::error::Error;
use crate::model::{ChartKind, Dataset, FlowSeries, SeriesId, Week};
use crate::series::{Analysis, MonthlyView};
use crate::validate::Annotation;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// How many weeks the weekly chart shows.
pub const WEEKS_SHOWN: usize = 52;

/// Placeholder for the page-unique id prefix in a chart's SVG.
const ID_PLACEHOLDER: &str = "FLOWSITE_CHART_ID";

/// A chart a page asks for: a series, a kind, the week it is drawn
/// through, and the author annotations it marks. Pages declare these (see
/// `page::plan`); the chart stage draws exactly the set they declared, and
/// a page finds its chart again by this value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChartRequest {
    /// The series' id.
    pub series: SeriesId,
    /// Weekly columns or year-to-date lines.
    pub kind: ChartKind,
    /// The last week shown.
    pub through: Week,
    /// The annotations the chart marks, by date: those of its series that
    /// fall within what it shows.
    pub annotations: Vec<Annotation>,
}

impl ChartRequest {
    /// The chart of `series` drawn as of `date`: through the last week that
    /// ended on or before it (the first week if `date` is earlier), so that
    /// an archived commentary keeps showing what its author saw. Of
    /// `annotations`, it marks those of the series within its window.
    pub fn as_of<'a>(
        series: &FlowSeries,
        kind: ChartKind,
        date: NaiveDate,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) -> Option<ChartRequest> {
        // Points are in week order: the weeks ended by `date` are a prefix.
        let ended = series.points.partition_point(|p| p.week.end() <= date);
        let through_index = ended.saturating_sub(1);
        let through = series.points.get(through_index)?.week;
        let first = series.points.first()?.week;
        let weekly_start = series.points[(through_index + 1).saturating_sub(WEEKS_SHOWN)]
            .week
            .start();
        let mut marked: Vec<Annotation> = annotations
            .into_iter()
            .filter(|a| a.series == series.meta.id && a.date >= first.start() && a.date <= through.end())
            .filter(|a| match kind {
                ChartKind::Weekly => a.date >= weekly_start,
                // Year-to-date charts mark events on this year's and last
                // year's lines only: on a grey line of 2013 a note is noise.
                ChartKind::Ytd => Week::containing(a.date).ytd_year() >= through.ytd_year() - 1,
            })
            .cloned()
            .collect();
        marked.sort_by(|a, b| (a.date, &a.label, a.line).cmp(&(b.date, &b.label, b.line)));
        // The same event declared twice (site-wide and in a piece) is one mark.
        marked.dedup_by(|a, b| a.date == b.date && a.label == b.label);
        Some(ChartRequest {
            series: series.meta.id.clone(),
            kind,
            through,
            annotations: marked,
        })
    }
}

/// What a chart shows: its drawing in each layout, or, when there is
/// nothing to draw yet, a sentence saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ChartBody {
    /// SVG per layout, in [`LAYOUTS`] order, with an id placeholder;
    /// shared, so that a chart taken from the preview's memory is not
    /// copied.
    Drawn(std::sync::Arc<Vec<String>>),
    /// Nothing to draw: what to say instead.
    Empty(String),
}

/// A rendered chart: its wording and one SVG per layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSvg {
    /// The short title, shown above the chart.
    pub title: String,
    /// The unit and what the colours mean, shown under the title.
    pub subtitle: String,
    /// What it shows and says, written from the data, for screen readers.
    pub description: String,
    /// The attribution (`Source: ...`), also drawn in each SVG.
    pub source: String,
    body: ChartBody,
}

impl ChartSvg {
    /// The SVG of each layout, with ids made unique by `id_prefix`
    /// (which must be unique within the page); none if there is nothing
    /// to draw.
    pub fn svgs(&self, id_prefix: &str) -> Vec<(Layout, String)> {
        let ChartBody::Drawn(variants) = &self.body else {
            return Vec::new();
        };
        LAYOUTS
            .iter()
            .zip(variants.iter())
            .map(|(layout, svg)| {
                // The ids are all in the head, up to the end of <desc>: only
                // that part needs rewriting, not the whole drawing.
                let split = svg.find("</desc>").map_or(svg.len(), |at| at + "</desc>".len());
                let (head, body) = svg.split_at(split);
                let mut unique = head.replace(ID_PLACEHOLDER, &format!("{id_prefix}-{}", layout.name));
                unique.push_str(body);
                (*layout, unique)
            })
            .collect()
    }

    /// What the chart says instead of drawing, when there is nothing to draw.
    pub fn empty_message(&self) -> Option<&str> {
        match &self.body {
            ChartBody::Empty(message) => Some(message),
            ChartBody::Drawn(_) => None,
        }
    }
}

/// Every requested chart, with how many were drawn and how many `reuse`
/// already held; fails only on an internal drawing error (a request for a
/// series or week the data do not have).
pub fn render_charts(
    datasets: &[Dataset],
    analysis: &Analysis,
    requests: &BTreeSet<ChartRequest>,
    words: &'static dyn text::ChartWords,
    reuse: &ChartReuse<'_>,
) -> Result<(BTreeMap<ChartRequest, ChartSvg>, ChartReport), Error> {
    let by_id: BTreeMap<&str, (&Dataset, &FlowSeries)> = datasets
        .iter()
        .flat_map(|dataset| {
            dataset
                .series
                .iter()
                .map(move |series| (series.meta.id.as_str(), (dataset, series)))
        })
        .collect();
    // Week tooltips are made once per series, on first use: each week is
    // in 52 charts, and a build that finds every chart kept needs none.
    let tooltips: BTreeMap<&str, std::sync::OnceLock<Vec<String>>> = requests
        .iter()
        .filter(|request| request.kind == ChartKind::Weekly)
        .map(|request| (request.series.as_str(), std::sync::OnceLock::new()))
        .collect();
    // The history digests of the series charted, made once each.
    let charted: BTreeSet<&str> = requests.iter().map(|request| request.series.as_str()).collect();
    let digests: BTreeMap<&str, reuse::SeriesDigest> = crate::parallel::map_ordered(
        &charted.into_iter().collect::<Vec<_>>(),
        |&id| -> Result<Option<(&str, reuse::SeriesDigest)>, Error> {
            Ok(by_id.get(id).zip(analysis.of(id)).map(|(&(dataset, series), facts)| {
                (
                    id,
                    reuse::SeriesDigest::of(&dataset.source.publisher, series, facts, words.language()),
                )
            }))
        },
    )?
    .into_iter()
    .flatten()
    .collect();
    let requests: Vec<&ChartRequest> = requests.iter().collect();
    let rendered = crate::parallel::map_ordered(&requests, |request| -> Result<(ChartSvg, bool), Error> {
        let id = request.series.as_str();
        let (Some(&(dataset, series)), Some(facts)) = (by_id.get(id), analysis.of(id)) else {
            return Err(Error::Internal(format!("chart requested for unknown series `{id}`")));
        };
        // Facts are in week order, so the week is found by bisection.
        let Ok(through) = facts.binary_search_by_key(&request.through, |f| f.week) else {
            return Err(Error::Internal(format!(
                "chart of `{id}` requested through week {} outside the data",
                request.through
            )));
        };
        let key = digests
            .get(id)
            .and_then(|digest| digest.key(request, through, reuse.build));
        if let Some(key) = key
            && let Some(chart) = reuse::find(reuse, key)?
        {
            return Ok((chart, false));
        }
        let chart = match request.kind {
            ChartKind::Weekly => {
                let titles = tooltips.get(id).map_or(&[][..], |titles| {
                    titles.get_or_init(|| weekly::week_tooltips(series, words))
                });
                weekly::render_weekly_bars(
                    &dataset.source.publisher,
                    series,
                    facts,
                    titles,
                    through,
                    &request.annotations,
                    words,
                )
            }
            ChartKind::Ytd => ytd::render_ytd_lines(
                &dataset.source.publisher,
                series,
                facts,
                through,
                &request.annotations,
                words,
            ),
        }?;
        if let Some(key) = key {
            reuse::keep(reuse, key, &chart)?;
        }
        Ok((chart, true))
    })?;
    let drawn = rendered.iter().filter(|(_, drawn)| *drawn).count();
    let report = ChartReport {
        drawn,
        reused: rendered.len() - drawn,
    };
    let charts = requests
        .into_iter()
        .cloned()
        .zip(rendered.into_iter().map(|(chart, _)| chart))
        .collect();
    Ok((charts, report))
}

/// Renders the chart of every monthly series, keyed by series id.
pub fn render_monthly_charts(
    monthly: &[MonthlyView],
    words: &'static dyn text::ChartWords,
) -> Result<BTreeMap<SeriesId, ChartSvg>, Error> {
    monthly
        .iter()
        .filter(|view| !view.series.points.is_empty())
        .map(|view| Ok((view.series.meta.id.clone(), monthly::render_monthly_bars(view, words)?)))
        .collect()
}

/// Draws a chart in every layout and finishes each SVG with its text
/// alternatives and mark tooltips (already escaped).
fn render_variants(
    draw: impl Fn(Layout) -> Result<String, Error>,
    title: String,
    subtitle: String,
    description: String,
    source: String,
    marks: &svg::MarkKind<'_>,
    tooltips: &[String],
) -> Result<ChartSvg, Error> {
    // Escaped once for both layouts.
    let escaped = svg::TextAlternatives {
        title: svg::escape_xml(&title),
        description: svg::escape_xml(&description),
    };
    let mut variants = Vec::with_capacity(LAYOUTS.len());
    for layout in LAYOUTS {
        let raw = draw(layout)?;
        let class = format!("chart chart-{}", layout.name);
        variants.push(svg::finish_svg(&raw, &class, &escaped, marks, tooltips)?);
    }
    Ok(ChartSvg {
        title,
        subtitle,
        description,
        source,
        body: ChartBody::Drawn(std::sync::Arc::new(variants)),
    })
}

/// A chart with nothing to draw: its title and what it says instead.
fn render_empty(title: String, message: String, publisher: &str, words: &dyn text::ChartWords) -> ChartSvg {
    ChartSvg {
        title,
        subtitle: String::new(),
        description: message.clone(),
        source: words.source_line(publisher),
        body: ChartBody::Empty(message),
    }
}

fn drawing_error(what: impl std::fmt::Display) -> Error {
    Error::Internal(format!("could not draw a chart: {what}"))
}
