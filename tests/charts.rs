//! Charts for awkward data: every label inside the chart and none on top of
//! another, text alternatives present, a tooltip on every mark.

use chrono::NaiveDate;
use flowsite::chart::{ChartSpec, render_charts};
use flowsite::model::{
    Amount, CellRef, ChartKind, Dataset, Direction, FlowPoint, FlowSeries, SeriesMeta, SourceInfo, Week,
};
use std::collections::BTreeSet;

fn dataset(y: i32, m: u32, d: u32, nets: &[i64]) -> Dataset {
    let mut week = Week::starting(NaiveDate::from_ymd_opt(y, m, d).expect("date")).expect("a Sunday");
    let points = nets
        .iter()
        .enumerate()
        .map(|(index, &net)| {
            let point = FlowPoint {
                week,
                net: Amount(net),
                acquisition: None,
                disposition: None,
                cell: CellRef {
                    path: "data/t.csv".to_string(),
                    line: index + 16,
                    column: 15,
                },
            };
            week = week.next();
            point
        })
        .collect();
    Dataset {
        source: SourceInfo {
            path: "data/t.csv".to_string(),
            publisher: "Ministry of Finance, Japan".to_string(),
            title: "Test".to_string(),
            version: NaiveDate::from_ymd_opt(2030, 1, 1).expect("date"),
        },
        series: vec![FlowSeries {
            meta: SeriesMeta {
                id: flowsite::model::SeriesId::parse("inward-equity").expect("valid id"),
                asset_class: flowsite::model::AssetClass::Equity,
                title: "Foreign investors' net purchases of Japanese stocks".to_string(),
                actor: "Foreign investors".to_string(),
                asset: "Japanese stocks".to_string(),
                published_label: "Equity".to_string(),
                direction: Direction::Inward,
                unit: flowsite::model::Unit::Oku,
                breaks: Vec::new(),
            },
            points,
        }],
        monthly: Vec::new(),
    }
}

/// A text label's box, estimated the way a sans-serif renders digits and
/// letters (0.6 em a character; the height is the font size).
#[derive(Debug)]
struct LabelBox {
    text: String,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

fn label_boxes(svg: &str) -> (f64, f64, Vec<LabelBox>) {
    let document = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled_by = root.attribute("aria-labelledby").expect("aria-labelledby");
    for id in labelled_by.split_whitespace() {
        let node = document
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .expect("labelled-by target");
        assert!(!node.text().unwrap_or("").trim().is_empty(), "{id} is empty");
    }
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split_whitespace()
        .map(|v| v.parse().expect("number"))
        .collect();
    let mut boxes = Vec::new();
    for text in document.descendants().filter(|n| n.has_tag_name("text")) {
        let content: String = text.text().unwrap_or("").trim().to_string();
        if content.trim().is_empty() {
            continue;
        }
        let x: f64 = text.attribute("x").expect("x").parse().expect("x number");
        let y: f64 = text.attribute("y").expect("y").parse().expect("y number");
        let size: f64 = text
            .attribute("font-size")
            .expect("font-size")
            .parse()
            .expect("size number");
        let width = content.chars().count() as f64 * size * 0.6;
        let (left, right) = match text.attribute("text-anchor") {
            Some("end") => (x - width, x),
            Some("middle") => (x - width / 2.0, x + width / 2.0),
            _ => (x, x + width),
        };
        // plotters writes dy="0.5ex" for vertically centred text and none
        // for text hanging from its top.
        let (top, bottom) = match text.attribute("dy") {
            Some(_) => (y - size / 2.0, y + size / 2.0),
            None => (y - size, y),
        };
        boxes.push(LabelBox {
            text: content,
            left,
            right,
            top,
            bottom,
        });
    }
    (view_box[2], view_box[3], boxes)
}

fn assert_labels_fit(case: &str, svg: &str) {
    let (width, height, boxes) = label_boxes(svg);
    assert!(!boxes.is_empty(), "{case}: no labels");
    for label in &boxes {
        assert!(
            label.left >= 0.0 && label.right <= width && label.top >= 0.0 && label.bottom <= height + 4.0,
            "{case}: label «{}» {label:?} leaves the {width}x{height} chart",
            label.text
        );
    }
    for (index, a) in boxes.iter().enumerate() {
        for b in &boxes[index + 1..] {
            let overlap =
                a.left < b.right - 1.0 && b.left < a.right - 1.0 && a.top < b.bottom - 1.0 && b.top < a.bottom - 1.0;
            assert!(
                !overlap,
                "{case}: labels «{}» and «{}» overlap: {a:?} {b:?}",
                a.text, b.text
            );
        }
    }
}

fn render_all(case: &str, dataset: &Dataset) {
    let series = &dataset.series[0];
    let through = series.points.last().expect("a week").week;
    let specs: BTreeSet<ChartSpec> = [ChartKind::Weekly, ChartKind::Ytd]
        .into_iter()
        .map(|kind| ChartSpec {
            series_id: series.meta.id.clone(),
            kind,
            through,
        })
        .collect();
    let charts = render_charts(std::slice::from_ref(dataset), &specs).unwrap_or_else(|e| panic!("{case}: {e}"));
    for (spec, chart) in &charts {
        assert!(chart.description.len() > 80, "{case}: thin description");
        for (layout, svg) in chart.svgs("c") {
            let name = format!("{case} {} {}", spec.kind.name(), layout.name);
            assert_labels_fit(&name, &svg);
            if spec.kind == ChartKind::Weekly {
                let shown = series.points.len().min(52);
                assert_eq!(
                    svg.matches("<title>Week ").count(),
                    shown,
                    "{name}: one tooltip per column"
                );
            }
        }
    }
}

#[test]
fn an_all_negative_year_fits() {
    let nets: Vec<i64> = (0..52).map(|i| -1_000 - i * 37).collect();
    render_all("all negative", &dataset(2023, 1, 1, &nets));
}

#[test]
fn a_single_week_of_data_fits() {
    render_all("single week", &dataset(2026, 1, 4, &[1_234]));
}

#[test]
fn a_first_week_of_the_year_after_a_full_year_fits() {
    let mut nets: Vec<i64> = (0..52).map(|i| if i % 3 == 0 { -500 } else { 800 }).collect();
    nets.push(-2_000);
    render_all("first week", &dataset(2023, 1, 1, &nets));
}

#[test]
fn extreme_weeks_and_many_years_fit() {
    let mut nets: Vec<i64> = (0..(52 * 21)).map(|i| ((i * 7919) % 4_001) - 2_000).collect();
    nets[500] = 250_000;
    nets[900] = -180_000;
    let last = nets.len() - 1;
    nets[last] = 99_999;
    render_all("extreme", &dataset(2005, 1, 2, &nets));
}

#[test]
fn an_all_zero_series_fits() {
    render_all("all zero", &dataset(2024, 12, 29, &[0; 10]));
}
