//! One page per monthly series (published, or summed from a weekly
//! series), with its chart, recent months and downloads.

use super::downloads::{SourceJson, json_bytes, unit_description};
use super::figure::FigureIds;
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{RenderedFile, SiteData, html_file};
use crate::error::Error;
use crate::model::{MonthlyOrigin, MonthlyPoint};
use crate::money::{long_date, net_phrase, signed_amount};
use crate::series::MonthlyView;
use maud::html;
use serde::Serialize;

/// How many months the table lists.
const TABLE_MONTHS: usize = 12;

/// Renders the page and downloads of every monthly series.
pub fn render_monthly_pages(data: &SiteData<'_>) -> Result<Vec<RenderedFile>, Error> {
    let mut files = Vec::new();
    for view in &data.analysis.monthly {
        if view.series.points.is_empty() {
            continue;
        }
        files.push(render_page(data, view));
        files.extend(downloads(view)?);
    }
    Ok(files)
}

fn month_name(point: &MonthlyPoint) -> String {
    point.month.first_day().format("%B %Y").to_string()
}

fn render_page(data: &SiteData<'_>, view: &MonthlyView) -> RenderedFile {
    let meta = &view.series.meta;
    let path = routes::series(&meta.id);
    let links = Links::from_page(&path);
    let latest = view.series.points.last();
    let chart = data.monthly_charts.get(&meta.id);
    let mut ids = FigureIds::default();
    let figure_id = ids.next_id();
    let origin = match &view.series.origin {
        MonthlyOrigin::Published => html! {
            p { "Published monthly by " (view.source.publisher) " (" code { (view.source.path) } ", version of " (long_date(view.source.version)) ")." }
        },
        MonthlyOrigin::DerivedFrom { id, title } => html! {
            p {
                "Summed by flowsite from the weekly series "
                a href=(links.to(&routes::series(id))) { (title) }
                " (" (view.source.publisher) ", release of " (long_date(view.source.version)) "): each month holds the weeks whose Monday falls in it, the rule year-to-date totals follow, and only months whose every week is published are shown."
                @if let Some(partial) = view.partial {
                    " " (partial.month.first_day().format("%B %Y").to_string()) " is left out until all its "
                    (partial.weeks_in_month) " weeks are published (" (partial.weeks_present) " so far)."
                }
            }
        },
    };
    let description = format!("{}: monthly figures and chart.", meta.title);
    let content = html! {
        h1 { (meta.title) }
        @if let Some(latest) = latest {
            p class="standfirst" { "In " (month_name(latest)) ", " (meta.actor.to_lowercase()) " " (net_phrase(meta.unit, latest.net)) " of " (meta.asset) "." }
        }
        (origin)
        @if let Some(chart) = chart {
            (super::figure::figure(chart, &figure_id, html! {}, links, &meta.id, super::embed::monthly_extras(data, &meta.id, chart, links, &figure_id)))
        }
        section aria-labelledby="recent-months" {
            h2 id="recent-months" { "Recent months" }
            div class="table-scroll" tabindex="0" role="region" aria-labelledby="recent-months" {
                table {
                    caption { "Last " (TABLE_MONTHS) " months, newest first; + net buying, − net selling." }
                    thead { tr {
                        th scope="col" { "Month" }
                        th scope="col" class="num" { "Net purchases" }
                        @if view.series.points.iter().any(|p| p.weeks.is_some()) { th scope="col" class="num" { "Weeks summed" } }
                        th scope="col" { "Source" }
                    } }
                    tbody {
                        @for point in view.series.points.iter().rev().take(TABLE_MONTHS) {
                            tr {
                                th scope="row" class="nowrap" { (month_name(point)) }
                                td class="num" { (signed_amount(meta.unit, point.net)) }
                                @if let Some(weeks) = point.weeks { td class="num" { (weeks) } }
                                td { code { (point.cell.path) ":" (point.cell.line) ":" (point.cell.column) }
                                    @if point.weeks.is_some() { " and the weeks after it" } }
                            }
                        }
                    }
                }
            }
        }
    };
    let page_meta = PageMeta {
        path: &path,
        title: &meta.title,
        description: &description,
    };
    html_file(&path, page_frame(data, &page_meta, content))
}

#[derive(Serialize)]
struct MonthlyJson<'a> {
    id: &'a str,
    title: &'a str,
    unit: &'static str,
    sign_convention: &'static str,
    derived_from: Option<&'a str>,
    derivation: Option<&'static str>,
    source: SourceJson<'a>,
    months: Vec<MonthJson<'a>>,
}

#[derive(Serialize)]
struct MonthJson<'a> {
    month: String,
    net: i64,
    weeks_summed: Option<u32>,
    source_file: &'a str,
    source_line: usize,
    source_column: usize,
}

fn downloads(view: &MonthlyView) -> Result<Vec<RenderedFile>, Error> {
    let series = &view.series;
    let csv_error = |error: csv::Error| Error::Internal(format!("could not write CSV: {error}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "month".to_string(),
            format!("net_{}", series.meta.unit.column_suffix()),
            "weeks_summed".to_string(),
            "source_file".to_string(),
            "source_line".to_string(),
            "source_column".to_string(),
        ])
        .map_err(csv_error)?;
    for point in &series.points {
        writer
            .write_record([
                point.month.to_string(),
                point.net.0.to_string(),
                point.weeks.map(|w| w.to_string()).unwrap_or_default(),
                point.cell.path.clone(),
                point.cell.line.to_string(),
                point.cell.column.to_string(),
            ])
            .map_err(csv_error)?;
    }
    let csv_bytes = writer
        .into_inner()
        .map_err(|error| Error::Internal(format!("could not write CSV: {error}")))?;
    let derived_from = match &series.origin {
        MonthlyOrigin::DerivedFrom { id, .. } => Some(id.as_str()),
        MonthlyOrigin::Published => None,
    };
    let document = MonthlyJson {
        id: &series.meta.id,
        title: &series.meta.title,
        unit: unit_description(series.meta.unit),
        sign_convention: "positive is net buying, negative net selling",
        derived_from,
        derivation: derived_from.map(|_| {
            "sum of the weekly figures of the weeks whose Monday falls in the month; complete months only; source_line is the first week's row"
        }),
        source: SourceJson::of(&view.source),
        months: series
            .points
            .iter()
            .map(|point| MonthJson {
                month: point.month.to_string(),
                net: point.net.0,
                weeks_summed: point.weeks,
                source_file: &point.cell.path,
                source_line: point.cell.line,
                source_column: point.cell.column,
            })
            .collect(),
    };
    let json = json_bytes(&document)?;
    Ok(vec![
        RenderedFile {
            path: routes::series_csv(&series.meta.id),
            bytes: csv_bytes,
        },
        RenderedFile {
            path: routes::series_json(&series.meta.id),
            bytes: json,
        },
    ])
}
