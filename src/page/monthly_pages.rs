//! One page per monthly series (published, or summed from a weekly
//! series), with its chart, recent months and downloads.

use super::chrome::Chrome;
use super::downloads::{SourceJson, json_bytes, unit_description};
use super::figure::FigureIds;
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{RenderedFile, SiteData, html_file};
use crate::error::Error;
use crate::model::{MonthlyOrigin, MonthlyPoint};
use crate::series::MonthlyView;
use maud::{Markup, html};
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

fn month_name(chrome: &Chrome, point: &MonthlyPoint) -> String {
    (chrome.month_name)(point.month.first_day())
}

fn render_page(data: &SiteData<'_>, view: &MonthlyView) -> RenderedFile {
    let chrome = data.chrome();
    let meta = &view.series.meta;
    let path = routes::series(&meta.id);
    let links = data.links(&path);
    let latest = view.series.points.last();
    let chart = data.monthly_charts.get(&meta.id);
    let mut ids = FigureIds::default();
    let figure_id = ids.next_id();
    let content = html! {
        h1 { (meta.title) }
        @if let Some(latest) = latest {
            p class="standfirst" { ((chrome.month_standfirst)(meta, &month_name(chrome, latest), latest.net)) }
        }
        (origin(view, chrome, links))
        @if let Some(chart) = chart {
            (super::figure::figure(chart, &figure_id, html! {}, links, &meta.id, data.chrome(), super::embed::monthly_extras(data, &meta.id, chart, links, &figure_id)))
        }
        (recent_months(view, chrome))
    };
    let description = (chrome.monthly_description)(&meta.title);
    let page_meta = PageMeta::new(&path, &meta.title, &description);
    html_file(&path, page_frame(data, &page_meta, content))
}

/// Where the series comes from: its publisher, or the weekly series it is
/// summed from and the rule of the sum.
fn origin(view: &MonthlyView, chrome: &Chrome, links: Links<'_>) -> Markup {
    match &view.series.origin {
        MonthlyOrigin::Published => html! {
            p { ((chrome.published_monthly)(&view.source, chrome.long_date)) }
        },
        MonthlyOrigin::DerivedFrom { id, title } => {
            let link = html! { a href=(links.to(&routes::series(id))) { (title) } };
            html! {
                p {
                    ((chrome.summed_from)(link, &view.source, chrome.long_date))
                    @if let Some(partial) = view.partial {
                        ((chrome.month_left_out)(
                            &(chrome.month_name)(partial.month.first_day()),
                            partial.weeks_in_month,
                            partial.weeks_present,
                        ))
                    }
                }
            }
        }
    }
}

/// The table of recent months, newest first.
fn recent_months(view: &MonthlyView, chrome: &Chrome) -> Markup {
    let unit = view.series.meta.unit;
    let summed = view.series.points.iter().any(|p| p.weeks.is_some());
    html! {
        section aria-labelledby="recent-months" {
            h2 id="recent-months" { (chrome.recent_months_heading) }
            table class="figures" {
                caption { ((chrome.recent_months_caption)(view.series.points.len().min(TABLE_MONTHS))) }
                thead { tr {
                    th scope="col" { (chrome.month_header) }
                    th scope="col" class="num" { ((chrome.net_header)(unit)) }
                    @if summed { th scope="col" class="num" { (chrome.weeks_summed_header) } }
                } }
                tbody {
                    @for point in view.series.points.iter().rev().take(TABLE_MONTHS) {
                        tr {
                            th scope="row" class="nowrap" { (month_name(chrome, point)) }
                            td class="num" { ((chrome.table_amount)(unit, point.net)) }
                            @if summed { td class="num" { (point.weeks.map(|w| w.to_string()).unwrap_or_default()) } }
                        }
                    }
                }
            }
        }
    }
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
            bytes: crate::cache::shared(csv_bytes),
        },
        RenderedFile {
            path: routes::series_json(&series.meta.id),
            bytes: crate::cache::shared(json),
        },
    ])
}
