//! The methodology page: how the site counts weeks and years, writes
//! amounts, handles revisions and breaks, and where every figure comes from
//! (the source cells the downloads carry, which reader tables leave out).
//!
//! What it says depends on the data: the publishers and their cadence, the
//! units the site's figures are in, whether yen figures are given in
//! dollars, and which breaks the series have. Those facts are gathered into
//! a plain model first; the edition's chrome words it. No I/O here.

use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{RenderedFile, SiteData, html_file};
use crate::model::{Cadence, CellRef, SeriesBreak, Unit};
use chrono::NaiveDate;
use maud::html;
use std::collections::BTreeSet;

/// What the methodology page explains, from the data.
pub struct MethodologyFacts {
    /// Each source: its publisher, title, version and cadence.
    pub sources: Vec<SourceFacts>,
    /// The units the site's figures are in.
    pub units: BTreeSet<Unit>,
    /// Who publishes the exchange rates yen figures are converted at, if
    /// the site converts them.
    pub dollar_rates: Option<&'static str>,
    /// Each break in what a series counts, with the titles of the series
    /// it affects.
    pub breaks: Vec<(SeriesBreak, Vec<String>)>,
    /// A source cell to show as an example: the lead series' latest week.
    pub example_cell: Option<CellRef>,
    /// Whether any series gives gross purchases and sales.
    pub has_gross: bool,
}

/// A source as the methodology page describes it.
pub struct SourceFacts {
    /// Who publishes it.
    pub publisher: String,
    /// The statistic's title.
    pub title: String,
    /// The release the site's figures come from.
    pub version: NaiveDate,
    /// How often new figures come out, if known.
    pub cadence: Option<Cadence>,
}

/// One section of the page: a heading and its paragraphs.
pub struct MethodologySection {
    /// The section's heading.
    pub heading: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

/// Renders `methodology/index.html`.
pub fn render_methodology(data: &SiteData<'_>) -> RenderedFile {
    let chrome = data.chrome();
    let path = routes::METHODOLOGY;
    let links = Links::from_page(path);
    let facts = methodology_facts(data);
    let sections = (chrome.methodology_sections)(&facts, data.phrasebook());
    let content = html! {
        h1 { (chrome.methodology_title) }
        @for section in &sections {
            section {
                h2 { (section.heading) }
                @for paragraph in &section.paragraphs { p { (paragraph) } }
            }
        }
        p { a href=(links.to(routes::REVISIONS)) { (chrome.revisions_title) } " \u{b7} " a href=(links.to(routes::SERIES_INDEX)) { (chrome.series_index_title) } }
    };
    let meta = PageMeta::new(path, chrome.methodology_title, chrome.methodology_description);
    html_file(path, page_frame(data, &meta, content))
}

fn methodology_facts(data: &SiteData<'_>) -> MethodologyFacts {
    let datasets = &data.project.datasets;
    let mut breaks: Vec<(SeriesBreak, Vec<String>)> = Vec::new();
    for view in data.all_series() {
        for found in &view.series.meta.breaks {
            match breaks.iter_mut().find(|(known, _)| known == found) {
                Some((_, titles)) => titles.push(view.series.meta.title.clone()),
                None => breaks.push((*found, vec![view.series.meta.title.clone()])),
            }
        }
    }
    let lead = data.project.config.lead_series.first().and_then(|id| data.series(id));
    MethodologyFacts {
        sources: datasets
            .iter()
            .map(|dataset| SourceFacts {
                publisher: dataset.source.publisher.clone(),
                title: dataset.source.title.clone(),
                version: dataset.source.version,
                cadence: dataset.source.cadence,
            })
            .collect(),
        units: datasets
            .iter()
            .flat_map(|dataset| {
                let weekly = dataset.series.iter().map(|s| s.meta.unit);
                weekly.chain(dataset.monthly.iter().map(|s| s.meta.unit))
            })
            .collect(),
        dollar_rates: data.dollars.declared.then_some(data.dollars.publisher),
        breaks,
        example_cell: lead
            .and_then(|view| view.series.points.last())
            .map(|point| point.cell.clone()),
        has_gross: datasets
            .iter()
            .flat_map(|dataset| &dataset.series)
            .any(|series| series.points.iter().any(|point| point.acquisition.is_some())),
    }
}
