//! The page plan: which chart each page shows, decided once, before any
//! chart is drawn.
//!
//! Pages declare their charts here and nowhere else: the chart stage draws
//! exactly the requests of this plan, and each view renders the charts the
//! plan gives its page. A chart block in commentary is matched to its chart
//! by the block's identity (the series and kind it asks for), never by
//! counting blocks.
//! No I/O here.

use crate::chart::ChartRequest;
use crate::model::{ChartKind, FlowSeries, SeriesId, Week};
use crate::validate::{Annotation, ChartBlockKey, Commentary, ValidProject};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// A page that shows charts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKey {
    /// The home page.
    Home,
    /// A series' own page.
    Series(SeriesId),
    /// The weekly brief of a week (with its week note, if any).
    Brief(Week),
    /// A commentary piece, by slug.
    Commentary(String),
}

/// One chart of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChart {
    /// The chart.
    pub request: ChartRequest,
    /// For a commentary chart block, the block's identity; `None` for the
    /// charts a page shows of its own accord.
    pub block: Option<ChartBlockKey>,
}

impl PlannedChart {
    /// The chart's name among its page's charts, for the files made of it
    /// (`weekly`, `ytd`; a chart block's `inward-equity-weekly`).
    pub fn slug(&self) -> String {
        match &self.block {
            Some((series, kind)) => format!("{series}-{}", kind.name()),
            None => self.request.kind.name().to_string(),
        }
    }
}

/// Every page's charts.
#[derive(Debug, Clone, Default)]
pub struct PagePlan {
    charts: BTreeMap<PageKey, Vec<PlannedChart>>,
}

impl PagePlan {
    /// The charts of `page`, in the order it shows them.
    pub fn charts(&self, page: &PageKey) -> &[PlannedChart] {
        self.charts.get(page).map_or(&[], Vec::as_slice)
    }

    /// Every page that shows charts, with its charts, in page order.
    pub fn pages(&self) -> impl Iterator<Item = (&PageKey, &[PlannedChart])> {
        self.charts.iter().map(|(page, charts)| (page, charts.as_slice()))
    }

    /// Every chart any page shows, once each: what the chart stage draws.
    pub fn chart_requests(&self) -> BTreeSet<ChartRequest> {
        self.charts
            .values()
            .flatten()
            .map(|planned| planned.request.clone())
            .collect()
    }

    fn add(&mut self, page: PageKey, chart: Option<PlannedChart>) {
        let charts = self.charts.entry(page).or_default();
        charts.extend(chart);
    }
}

/// Plans every page: the home page leads with each lead series' latest
/// charts; a series page shows its series' latest charts; a weekly brief
/// shows the first lead series' charts as of its week, then its week
/// note's chart blocks; a commentary piece shows its chart blocks as of its
/// date. Site-wide annotations mark every chart of their series; a piece's
/// own annotations mark its page's charts.
pub fn plan_pages(project: &ValidProject) -> PagePlan {
    let mut plan = PagePlan::default();
    let series: BTreeMap<&str, &FlowSeries> = project.all_series().map(|(_, s)| (s.meta.id.as_str(), s)).collect();
    let site_wide = &project.config.annotations;
    let latest = |series: &FlowSeries, kind| ChartRequest::as_of(series, kind, NaiveDate::MAX, site_wide);
    let own = |request: Option<ChartRequest>| request.map(|request| PlannedChart { request, block: None });

    for id in &project.config.lead_series {
        if let Some(lead) = series.get(id.as_str()) {
            for kind in [ChartKind::Weekly, ChartKind::Ytd] {
                plan.add(PageKey::Home, own(latest(lead, kind)));
            }
        }
    }
    for one in series.values() {
        for kind in [ChartKind::Weekly, ChartKind::Ytd] {
            plan.add(PageKey::Series(one.meta.id.clone()), own(latest(one, kind)));
        }
    }
    let brief_lead = project
        .config
        .lead_series
        .first()
        .and_then(|id| series.get(id.as_str()));
    if let Some(lead) = brief_lead {
        for point in &lead.points {
            let end = point.week.end();
            let note = project.week_notes.get(&end);
            let note_annotations = note.map_or(&[][..], |piece| piece.annotations.as_slice());
            let marks = || site_wide.iter().chain(note_annotations);
            let page = PageKey::Brief(point.week);
            for kind in [ChartKind::Weekly, ChartKind::Ytd] {
                plan.add(page.clone(), own(ChartRequest::as_of(lead, kind, end, marks())));
            }
            if let Some(piece) = note {
                plan_blocks(&mut plan, page, piece, end, &series, site_wide);
            }
        }
    }
    for piece in &project.commentary {
        let page = PageKey::Commentary(piece.slug.clone());
        plan_blocks(&mut plan, page, piece, piece.date, &series, site_wide);
    }
    plan
}

/// The charts of a piece's chart blocks, drawn as of `date`.
fn plan_blocks(
    plan: &mut PagePlan,
    page: PageKey,
    piece: &Commentary,
    date: NaiveDate,
    series: &BTreeMap<&str, &FlowSeries>,
    site_wide: &[Annotation],
) {
    for block in &piece.charts {
        let Some(one) = series.get(block.series_id.as_str()) else {
            continue;
        };
        let marks = site_wide.iter().chain(&piece.annotations);
        let chart = ChartRequest::as_of(one, block.kind, date, marks).map(|request| PlannedChart {
            request,
            block: Some(block.key()),
        });
        plan.add(page.clone(), chart);
    }
}
