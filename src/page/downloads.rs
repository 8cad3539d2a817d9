//! Each series as a CSV file a reader can take away, with every figure as
//! published and the cell it came from, and as JSON, which also gives each
//! yen figure in dollars with the rate and its date when the site has a
//! rate file.

use super::routes;
use super::{Emit, RenderedFile, SeriesView, SiteData};
use crate::error::Error;
use crate::series::{DollarRates, LOOK_BACK_DAYS};
use serde::Serialize;

/// Renders `series/<id>/<id>.csv` and `.json` for every series, handing
/// each series' files to `emit` as they are made (on a big site the
/// downloads are hundreds of megabytes).
pub fn render_downloads(data: &SiteData<'_>, emit: &Emit<'_>) -> Result<(), Error> {
    for view in data.all_series() {
        // Made from the data alone: the context of their key is all of it.
        let key = data.page_key("downloads", |digest| {
            digest.add(view.series.meta.id.as_bytes());
        });
        data.reused(key, || Ok((series_downloads(data, &view)?, true)))?
            .into_iter()
            .try_for_each(emit)?;
    }
    Ok(())
}

/// The CSV and JSON files of the series `view`.
fn series_downloads(data: &SiteData<'_>, view: &SeriesView<'_>) -> Result<Vec<RenderedFile>, Error> {
    let mut files = Vec::with_capacity(2);
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Column names carry the unit: `net_100m_yen`, `net_million_usd`.
    let suffix = view.series.meta.unit.column_suffix();
    let header = [
        "week_start".to_string(),
        "week_end".to_string(),
        "ytd_year".to_string(),
        "week_of_year".to_string(),
        format!("acquisition_{suffix}"),
        format!("disposition_{suffix}"),
        format!("net_{suffix}"),
        format!("ytd_net_{suffix}"),
        "source_file".to_string(),
        "source_line".to_string(),
        "source_column".to_string(),
    ];
    let csv_error = |error: csv::Error| Error::Internal(format!("could not write CSV: {error}"));
    writer.write_record(header).map_err(csv_error)?;
    for (point, facts) in view.series.points.iter().zip(view.facts) {
        let optional = |value: Option<crate::model::Amount>| value.map(|v| v.0.to_string()).unwrap_or_default();
        writer
            .write_record([
                point.week.start().format("%Y-%m-%d").to_string(),
                point.week.end().format("%Y-%m-%d").to_string(),
                facts.week.ytd_year().to_string(),
                facts.week.week_of_year().to_string(),
                optional(point.acquisition),
                optional(point.disposition),
                point.net.0.to_string(),
                facts.ytd.map(|ytd| ytd.total.0.to_string()).unwrap_or_default(),
                point.cell.path.clone(),
                point.cell.line.to_string(),
                point.cell.column.to_string(),
            ])
            .map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Error::Internal(format!("could not write CSV: {error}")))?;
    files.push(RenderedFile {
        path: routes::series_csv(&view.series.meta.id),
        bytes: crate::cache::shared(bytes),
    });
    files.push(RenderedFile {
        path: routes::series_json(&view.series.meta.id),
        bytes: crate::cache::shared(series_json(view, data.dollars)?),
    });
    Ok(files)
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    id: &'a str,
    title: &'a str,
    published_label: &'a str,
    unit: &'static str,
    sign_convention: &'static str,
    year_to_date_rule: &'static str,
    source: SourceJson<'a>,
    /// How dollar figures are made, when the site converts this series.
    #[serde(skip_serializing_if = "Option::is_none")]
    dollars: Option<DollarRuleJson<'a>>,
    weeks: Vec<WeekJson<'a>>,
}

/// Where a download's dollar figures come from.
#[derive(Serialize)]
struct DollarRuleJson<'a> {
    rule: String,
    rates_file: &'a str,
    rates_publisher: &'a str,
}

/// A week's net in dollars, with the rate; nulls where the week has no rate.
#[derive(Serialize)]
struct WeekDollarsJson {
    net_usd: Option<i64>,
    yen_per_usd: Option<f64>,
    rate_date: Option<String>,
}

/// Who published a download's figures, and which release.
#[derive(Serialize)]
pub struct SourceJson<'a> {
    publisher: &'a str,
    title: &'a str,
    file: &'a str,
    version: String,
}

impl<'a> SourceJson<'a> {
    /// The attribution of `source`.
    pub fn of(source: &'a crate::model::SourceInfo) -> Self {
        SourceJson {
            publisher: &source.publisher,
            title: &source.title,
            file: &source.path,
            version: source.version.format("%Y-%m-%d").to_string(),
        }
    }
}

/// What a download's figures are counted in, for its metadata.
pub fn unit_description(unit: crate::model::Unit) -> &'static str {
    match unit {
        crate::model::Unit::Oku => "100 million yen (oku); 10,000 = ¥1 trillion",
        crate::model::Unit::MillionUsd => "million US dollars; 1,000 = $1 billion",
    }
}

/// Pretty JSON with a final line break.
pub fn json_bytes(document: &impl Serialize) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(document)
        .map_err(|error| Error::Internal(format!("could not write JSON: {error}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[derive(Serialize)]
struct WeekJson<'a> {
    week_start: String,
    week_end: String,
    acquisition: Option<i64>,
    disposition: Option<i64>,
    net: i64,
    ytd_year: i32,
    ytd_net: Option<i64>,
    source_file: &'a str,
    source_line: usize,
    source_column: usize,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    dollars: Option<WeekDollarsJson>,
}

/// The series as JSON, with its unit, sign convention and source, and for
/// a yen series on a site with a rate file, each week in dollars.
fn series_json(view: &SeriesView<'_>, rates: &DollarRates) -> Result<Vec<u8>, Error> {
    let meta = &view.series.meta;
    let source = &view.dataset.source;
    let converted = rates.declared && meta.unit == crate::model::Unit::Oku;
    let dollars = converted.then(|| DollarRuleJson {
        rule: format!(
            "net_usd = net in yen / yen_per_usd, rounded to the dollar; yen_per_usd = JPY / USD of the rates file on rate_date, the release day (the Thursday after the week) or the last earlier business day within {LOOK_BACK_DAYS} days; null where there is none"
        ),
        rates_file: &rates.path,
        rates_publisher: rates.publisher,
    });
    let week_dollars = |point: &crate::model::FlowPoint| -> Option<WeekDollarsJson> {
        if !converted {
            return None;
        }
        let rate = rates.of(point.week);
        Some(WeekDollarsJson {
            net_usd: rate.map(|rate| rate.dollars(point.net)),
            // Four decimals as an exact integer first, so the number printed
            // is the rate rounded once, not a binary fraction's digits.
            yen_per_usd: rate.map(|rate| rate.yen_per_dollar_scaled(4) as f64 / 10_000.0),
            rate_date: rate.map(|rate| rate.rate_day.format("%Y-%m-%d").to_string()),
        })
    };
    let document = SeriesJson {
        id: &meta.id,
        title: &meta.title,
        published_label: &meta.published_label,
        unit: unit_description(meta.unit),
        sign_convention: "net = acquisition - disposition; positive is net buying, negative net selling",
        year_to_date_rule: "a Sunday-to-Saturday week counts in the year of its Monday; null where the data do not cover the year from its first week",
        source: SourceJson::of(source),
        dollars,
        weeks: view
            .series
            .points
            .iter()
            .zip(view.facts)
            .map(|(point, facts)| WeekJson {
                week_start: point.week.start().format("%Y-%m-%d").to_string(),
                week_end: point.week.end().format("%Y-%m-%d").to_string(),
                acquisition: point.acquisition.map(|v| v.0),
                disposition: point.disposition.map(|v| v.0),
                net: point.net.0,
                ytd_year: point.week.ytd_year(),
                ytd_net: facts.ytd.map(|ytd| ytd.total.0),
                source_file: &point.cell.path,
                source_line: point.cell.line,
                source_column: point.cell.column,
                dollars: week_dollars(point),
            })
            .collect(),
    };
    json_bytes(&document)
}
