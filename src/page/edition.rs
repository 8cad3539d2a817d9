//! The Japanese edition's project: the same checked data, named in
//! Japanese, with the site's `[languages.ja]` name and the Japanese
//! commentary.
//!
//! An edition is the same views over another phrasebook and chrome; what
//! the views read from the project itself (a series' title, who trades it,
//! the source's name, the site's title, the commentary) is given here in
//! the edition's language, so that no English reaches a Japanese page.
//! Series are named from their typed direction and asset class, never from
//! their English names. No I/O here.

use crate::model::{MonthlyOrigin, SeriesMeta, SourceInfo};
use crate::prose::ja;
use crate::series::Analysis;
use crate::validate::ValidProject;

/// The project as the Japanese edition shows it, if the site has one.
pub fn japanese_project(project: &ValidProject) -> Option<ValidProject> {
    let edition = project.config.japanese.as_ref()?;
    let mut japanese = project.clone();
    japanese.config.title = edition.title.clone();
    japanese.config.description = edition.description.clone();
    japanese.commentary = project.commentary_ja.clone();
    japanese.week_notes = project.week_notes_ja.clone();
    // Author annotations are written in English only: the Japanese charts
    // carry none rather than English labels.
    japanese.config.annotations.clear();
    for piece in &mut japanese.commentary {
        piece.annotations.clear();
    }
    for dataset in japanese.datasets.iter_mut().chain(japanese.earlier_releases.iter_mut()) {
        localise_source(&mut dataset.source);
        for series in &mut dataset.series {
            localise_meta(&mut series.meta, None);
        }
        for monthly in &mut dataset.monthly {
            localise_meta(&mut monthly.meta, Some("（月次）"));
            if let MonthlyOrigin::DerivedFrom { title, .. } = &mut monthly.origin {
                *title = ja::series_title(&monthly.meta);
            }
        }
    }
    for derived in &mut japanese.config.derived {
        derived.title = None;
    }
    Some(japanese)
}

/// The facts as the Japanese edition shows them: the same, with the
/// monthly series (which the facts carry whole) named in Japanese.
pub fn japanese_analysis(analysis: &Analysis) -> Analysis {
    let mut japanese = analysis.clone();
    for view in &mut japanese.monthly {
        localise_source(&mut view.source);
        localise_meta(&mut view.series.meta, Some("（月次）"));
        if let MonthlyOrigin::DerivedFrom { title, .. } = &mut view.series.origin {
            let mut weekly = view.series.meta.clone();
            weekly.title = String::new();
            *title = ja::series_title(&weekly);
        }
    }
    japanese
}

/// A series named in Japanese: 「海外投資家の日本株売買」, and its class as
/// MOF's Japanese tables label it.
fn localise_meta(meta: &mut SeriesMeta, suffix: Option<&str>) {
    meta.title = format!("{}{}", ja::series_title(meta), suffix.unwrap_or_default());
    meta.actor = ja::actor(meta).to_string();
    meta.asset = ja::asset(meta).to_string();
    meta.published_label = ja::published_label(meta).to_string();
}

/// MOF and its statistic by their Japanese names.
fn localise_source(source: &mut SourceInfo) {
    if source.publisher.starts_with("Ministry of Finance") {
        source.publisher = "財務省".to_string();
        source.title = "対外及び対内証券売買契約等の状況（週次・指定報告機関ベース）".to_string();
    }
}
