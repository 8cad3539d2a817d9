//! Stage 4, chart: series -> inline SVG charts (plotters), made accessible.
//!
//! Each chart is drawn twice, for desktop and phone widths, so that text is
//! legible on both (a 720-unit chart squeezed onto a phone would shrink its
//! labels to 6 px); the page shows one through CSS. After plotters draws, a
//! post-pass adds `role="img"`, `<title>`, `<desc>` and a `<title>` tooltip
//! on every mark. No I/O here.

mod axis;
mod monthly;
mod style;
mod svg;
mod weekly;
mod ytd;

pub use monthly::MONTHS_SHOWN;
pub use style::{LAYOUTS, Layout};

use crate::error::Error;
use crate::model::{ChartKind, Dataset, FlowSeries, SeriesId, Week};
use crate::series::{MonthlyView, YtdPoint, year_to_date};
use crate::validate::ValidProject;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// How many weeks the weekly chart shows.
pub const WEEKS_SHOWN: usize = 52;

/// Placeholder for the page-unique id prefix in a chart's SVG.
const ID_PLACEHOLDER: &str = "FLOWSITE_CHART_ID";

/// Which chart: a series, a kind, and the week it is drawn as of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChartSpec {
    /// The series' id.
    pub series_id: SeriesId,
    /// Weekly columns or year-to-date lines.
    pub kind: ChartKind,
    /// The last week shown.
    pub through: Week,
}

/// A rendered chart: its text alternatives and one SVG per layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSvg {
    /// What the chart shows, as a title.
    pub title: String,
    /// What it shows and says, written from the data, for screen readers.
    pub description: String,
    /// SVG per layout, in [`LAYOUTS`] order, with an id placeholder.
    variants: Vec<String>,
}

impl ChartSvg {
    /// The SVG of each layout, with ids made unique by `id_prefix`
    /// (which must be unique within the page).
    pub fn svgs(&self, id_prefix: &str) -> Vec<(Layout, String)> {
        LAYOUTS
            .iter()
            .zip(&self.variants)
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
}

/// The chart of `series` drawn as of `date`: through the last week that
/// ended on or before it (the first week if `date` is earlier), so that an
/// archived commentary keeps showing what its author saw.
pub fn spec_as_of(series: &FlowSeries, kind: ChartKind, date: NaiveDate) -> Option<ChartSpec> {
    // Points are in week order: the weeks ended by `date` are a prefix.
    let ended = series.points.partition_point(|p| p.week.end() <= date);
    let point = series.points.get(ended.saturating_sub(1))?;
    Some(ChartSpec {
        series_id: series.meta.id.clone(),
        kind,
        through: point.week,
    })
}

/// The latest chart of each kind for `series`.
pub fn latest_specs(series: &FlowSeries) -> Vec<ChartSpec> {
    [ChartKind::Weekly, ChartKind::Ytd]
        .into_iter()
        .filter_map(|kind| spec_as_of(series, kind, NaiveDate::MAX))
        .collect()
}

/// Every chart the site shows: each series' latest charts, the charts
/// commentary and week notes ask for, and the weekly briefs' charts (the
/// first lead series' two charts as of every week).
pub fn charts_needed(project: &ValidProject) -> BTreeSet<ChartSpec> {
    let mut specs = BTreeSet::new();
    let brief_series = project.config.lead_series.first();
    if let Some((_, lead)) = project
        .all_series()
        .find(|(_, s)| brief_series.is_some_and(|id| s.meta.id == *id))
    {
        for point in &lead.points {
            for kind in [ChartKind::Weekly, ChartKind::Ytd] {
                specs.extend(spec_as_of(lead, kind, point.week.end()));
            }
        }
    }
    for (_, series) in project.all_series() {
        specs.extend(latest_specs(series));
    }
    let notes = project.week_notes.iter().map(|(end, piece)| (*end, piece));
    let pieces = project.commentary.iter().map(|piece| (piece.date, piece));
    for (as_of, piece) in pieces.chain(notes) {
        for request in &piece.charts {
            if let Some((_, series)) = project.all_series().find(|(_, s)| s.meta.id == request.series_id) {
                specs.extend(spec_as_of(series, request.kind, as_of));
            }
        }
    }
    specs
}

/// Renders every requested chart; fails only on an internal drawing error.
pub fn render_charts(
    datasets: &[Dataset],
    specs: &BTreeSet<ChartSpec>,
) -> Result<BTreeMap<ChartSpec, ChartSvg>, Error> {
    let by_id: BTreeMap<&str, (&Dataset, &FlowSeries)> = datasets
        .iter()
        .flat_map(|dataset| {
            dataset
                .series
                .iter()
                .map(move |series| (series.meta.id.as_str(), (dataset, series)))
        })
        .collect();
    // Year-to-date totals and week tooltips are made once per series, before
    // the work is shared out between cores: each week is in 52 charts.
    let series_of = |kind: ChartKind| -> BTreeSet<&str> {
        specs
            .iter()
            .filter(|spec| spec.kind == kind)
            .map(|spec| spec.series_id.as_str())
            .collect()
    };
    let ytd: BTreeMap<&str, Vec<YtdPoint>> = series_of(ChartKind::Ytd)
        .into_iter()
        .filter_map(|id| by_id.get(id).map(|(_, series)| (id, year_to_date(&series.points))))
        .collect();
    let tooltips: BTreeMap<&str, Vec<String>> = series_of(ChartKind::Weekly)
        .into_iter()
        .filter_map(|id| by_id.get(id).map(|(_, series)| (id, weekly::week_tooltips(series))))
        .collect();
    let specs: Vec<&ChartSpec> = specs.iter().collect();
    let rendered = crate::parallel::map_ordered(&specs, |spec| {
        let Some(&(dataset, series)) = by_id.get(spec.series_id.as_str()) else {
            return Err(Error::Internal(format!(
                "chart requested for unknown series `{}`",
                spec.series_id
            )));
        };
        // Points are in week order, so the week is found by bisection.
        let Ok(through) = series.points.binary_search_by_key(&spec.through, |p| p.week) else {
            return Err(Error::Internal(format!(
                "chart of `{}` requested through week {} outside the data",
                spec.series_id, spec.through
            )));
        };
        match spec.kind {
            ChartKind::Weekly => {
                let titles = tooltips.get(spec.series_id.as_str()).map_or(&[][..], Vec::as_slice);
                weekly::render_weekly_bars(&dataset.source, series, titles, through)
            }
            ChartKind::Ytd => match ytd.get(spec.series_id.as_str()) {
                Some(totals) => ytd::render_ytd_lines(&dataset.source, series, totals, through),
                None => Err(Error::Internal(format!(
                    "no year-to-date totals for `{}`",
                    spec.series_id
                ))),
            },
        }
    })?;
    Ok(specs.into_iter().cloned().zip(rendered).collect())
}

/// Renders the chart of every monthly series, keyed by series id.
pub fn render_monthly_charts(monthly: &[MonthlyView]) -> Result<BTreeMap<SeriesId, ChartSvg>, Error> {
    monthly
        .iter()
        .filter(|view| !view.series.points.is_empty())
        .map(|view| Ok((view.series.meta.id.clone(), monthly::render_monthly_bars(view)?)))
        .collect()
}

/// Draws a chart in every layout and finishes each SVG with its text
/// alternatives and mark tooltips.
fn render_variants(
    draw: impl Fn(Layout) -> Result<String, Error>,
    title: String,
    description: String,
    marks: &svg::MarkKind<'_>,
    tooltips: &[String],
) -> Result<ChartSvg, Error> {
    // Escaped once for both layouts; tooltips arrive escaped.
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
        description,
        variants,
    })
}

fn drawing_error(what: impl std::fmt::Display) -> Error {
    Error::Internal(format!("could not draw a chart: {what}"))
}
