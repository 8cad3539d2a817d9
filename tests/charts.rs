//! Charts for awkward data, at both layouts: every label inside the chart,
//! none on top of another, on a column or on a line; round ticks; rounded
//! SVG numbers; the news marked (latest week, records, streaks, author
//! annotations, in the drawing, the description and the data table); and
//! words instead of empty axes when there is nothing to draw.

mod common;

use chrono::NaiveDate;
use flowsite::chart::text::{ChartWords, ENGLISH, ja::JAPANESE};
use flowsite::chart::{ChartRequest, ChartReuse, ChartSvg, render_charts, text_width};
use flowsite::model::{
    Amount, AssetClass, CellRef, ChartKind, Dataset, Direction, FlowPoint, FlowSeries, SeriesId, SeriesMeta,
    SourceInfo, Unit, Week,
};
use flowsite::validate::Annotation;
use std::collections::{BTreeMap, BTreeSet};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn dataset_in(unit: Unit, publisher: &str, y: i32, m: u32, d: u32, nets: &[i64]) -> Dataset {
    let mut week = Week::starting(date(y, m, d)).expect("a Sunday");
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
            publisher: publisher.to_string(),
            title: "Test".to_string(),
            version: date(2030, 1, 1),
            cadence: None,
        },
        series: vec![FlowSeries {
            meta: SeriesMeta {
                id: SeriesId::parse("inward-equity").expect("valid id"),
                asset_class: AssetClass::Equity,
                title: "Foreign investors' net purchases of Japanese stocks".to_string(),
                actor: "Foreign investors".to_string(),
                asset: "Japanese stocks".to_string(),
                published_label: "Equity".to_string(),
                direction: Direction::Inward,
                unit,
                breaks: Vec::new(),
            },
            points,
        }],
        monthly: Vec::new(),
    }
}

fn dataset(y: i32, m: u32, d: u32, nets: &[i64]) -> Dataset {
    dataset_in(Unit::Oku, "Ministry of Finance, Japan", y, m, d, nets)
}

fn annotation(on: NaiveDate, label: &str) -> Annotation {
    Annotation {
        date: on,
        series: SeriesId::parse("inward-equity").expect("id"),
        label: label.to_string(),
        line: 1,
        series_line: 2,
    }
}

/// The series' weekly and year-to-date charts as of its last week.
fn charts(dataset: &Dataset, annotations: &[Annotation]) -> BTreeMap<ChartRequest, ChartSvg> {
    let series = &dataset.series[0];
    let last = series.points.last().expect("a week").week.end();
    let requests: BTreeSet<ChartRequest> = [ChartKind::Weekly, ChartKind::Ytd]
        .into_iter()
        .filter_map(|kind| ChartRequest::as_of(series, kind, last, annotations))
        .collect();
    let analysis = flowsite::series::analyse(std::slice::from_ref(dataset), &[], &[]);
    render_charts(
        std::slice::from_ref(dataset),
        &analysis,
        &requests,
        &ENGLISH,
        &ChartReuse::none(),
    )
    .expect("charts render")
    .0
}

fn chart_of(charts: &BTreeMap<ChartRequest, ChartSvg>, kind: ChartKind) -> &ChartSvg {
    charts
        .iter()
        .find(|(request, _)| request.kind == kind)
        .map(|(_, chart)| chart)
        .expect("chart of kind")
}

/// A text label's box, from its anchor and the way plotters offsets text
/// (`dy`), with the width the chart stage estimates.
#[derive(Debug, Clone)]
struct LabelBox {
    text: String,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

/// A chart drawn: its size, its labels, its lines and its columns.
struct Drawing {
    width: f64,
    height: f64,
    labels: Vec<LabelBox>,
    /// Year lines (polylines with a tooltip), as point lists, and whether
    /// each is a grey line of an earlier year.
    lines: Vec<(Vec<(f64, f64)>, bool)>,
    /// Columns (rects with a tooltip).
    columns: Vec<LabelBox>,
    /// Every numeric attribute value, for the rounding check.
    numbers: Vec<String>,
}

fn number(node: &roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .parse()
        .unwrap_or_else(|_| panic!("{name} is not a number"))
}

fn parse(svg: &str) -> Drawing {
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
    let mut drawing = Drawing {
        width: view_box[2],
        height: view_box[3],
        labels: Vec::new(),
        lines: Vec::new(),
        columns: Vec::new(),
        numbers: Vec::new(),
    };
    for node in document.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            if [
                "x",
                "y",
                "width",
                "height",
                "font-size",
                "cx",
                "cy",
                "r",
                "stroke-width",
            ]
            .contains(&attribute.name())
            {
                drawing.numbers.push(attribute.value().to_string());
            }
            if attribute.name() == "points" {
                drawing.numbers.extend(
                    attribute
                        .value()
                        .split([' ', ','])
                        .filter(|v| !v.is_empty())
                        .map(str::to_string),
                );
            }
        }
        let has_tooltip = node.children().any(|c| c.has_tag_name("title"));
        if node.has_tag_name("text") {
            let content = node.text().unwrap_or("").trim().to_string();
            if content.is_empty() {
                continue;
            }
            let (x, y, size) = (number(&node, "x"), number(&node, "y"), number(&node, "font-size"));
            let width = text_width(&content, size as u32);
            let (left, right) = match node.attribute("text-anchor") {
                Some("end") => (x - width, x),
                Some("middle") => (x - width / 2.0, x + width / 2.0),
                _ => (x, x + width),
            };
            // plotters offsets text from its anchor: 0.76em down hangs it
            // from its top, 0.5ex centres it, -0.5ex stands it on its foot.
            let (top, bottom) = match node.attribute("dy") {
                Some("0.76em") | None => (y, y + size),
                Some("0.5ex") => (y - size / 2.0, y + size / 2.0),
                Some(other) => (y - size, y + if other.starts_with('-') { 0.0 } else { size }),
            };
            drawing.labels.push(LabelBox {
                text: content,
                left,
                right,
                top,
                bottom,
            });
        } else if node.has_tag_name("polyline") && has_tooltip {
            let points = node
                .attribute("points")
                .expect("points")
                .split_whitespace()
                .map(|pair| {
                    let (x, y) = pair.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect();
            drawing
                .lines
                .push((points, node.attribute("stroke") == Some("#C8C8C8")));
        } else if node.has_tag_name("rect") && has_tooltip {
            let (x, y) = (number(&node, "x"), number(&node, "y"));
            drawing.columns.push(LabelBox {
                text: "column".to_string(),
                left: x,
                right: x + number(&node, "width"),
                top: y,
                bottom: y + number(&node, "height"),
            });
        }
    }
    drawing
}

fn overlap(a: &LabelBox, b: &LabelBox) -> bool {
    a.left < b.right - 1.0 && b.left < a.right - 1.0 && a.top < b.bottom - 1.0 && b.top < a.bottom - 1.0
}

/// Whether the segment from `a` to `b` passes through the box (shrunk by a
/// pixel, so that touching is not crossing).
fn crosses(label: &LabelBox, a: (f64, f64), b: (f64, f64)) -> bool {
    let (left, right, top, bottom) = (label.left + 1.0, label.right - 1.0, label.top + 1.0, label.bottom - 1.0);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - left),
        (dx, right - a.0),
        (-dy, a.1 - top),
        (dy, bottom - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                low = low.max(t);
            } else {
                high = high.min(t);
            }
            if low > high {
                return false;
            }
        }
    }
    true
}

/// Every label inside the chart, and clear of every other label, every
/// column and every year line; only the labels of `events` (the authors'
/// words, kept near their point) may lie over an earlier year's grey line.
fn assert_drawing_is_clean(case: &str, svg: &str, events: &[Annotation]) {
    let drawing = parse(svg);
    assert!(!drawing.labels.is_empty(), "{case}: no labels");
    for label in &drawing.labels {
        assert!(
            label.left >= 0.0 && label.right <= drawing.width && label.top >= 0.0 && label.bottom <= drawing.height,
            "{case}: label «{}» {label:?} leaves the {}x{} chart",
            label.text,
            drawing.width,
            drawing.height
        );
        for column in &drawing.columns {
            assert!(
                !overlap(label, column),
                "{case}: label «{}» lies on a column {column:?}",
                label.text
            );
        }
        let event = events.iter().any(|e| e.label.contains(&label.text));
        for (line, grey) in &drawing.lines {
            if *grey && event {
                continue;
            }
            for pair in line.windows(2) {
                assert!(
                    !crosses(label, pair[0], pair[1]),
                    "{case}: label «{}» {label:?} lies on a line at {:?}-{:?}",
                    label.text,
                    pair[0],
                    pair[1]
                );
            }
        }
    }
    for (index, a) in drawing.labels.iter().enumerate() {
        for b in &drawing.labels[index + 1..] {
            assert!(
                !overlap(a, b),
                "{case}: labels «{}» and «{}» overlap: {a:?} {b:?}",
                a.text,
                b.text
            );
        }
    }
}

/// Checks every chart of `dataset` at both layouts, and returns them.
fn render_all(case: &str, dataset: &Dataset, annotations: &[Annotation]) -> BTreeMap<ChartRequest, ChartSvg> {
    let rendered = charts(dataset, annotations);
    let shown = dataset.series[0].points.len().min(52);
    for (request, chart) in &rendered {
        assert!(chart.description.len() > 80, "{case}: thin description");
        assert!(!chart.title.is_empty(), "{case}: no title");
        for text in [&chart.title, &chart.subtitle, &chart.description] {
            assert!(!text.contains(".."), "{case}: a machine date in «{text}»");
        }
        for (layout, svg) in chart.svgs("c") {
            let name = format!("{case} {} {}", request.kind.name(), layout.name);
            assert_drawing_is_clean(&name, &svg, annotations);
            let drawing = parse(&svg);
            if request.kind == ChartKind::Weekly {
                assert_eq!(drawing.columns.len(), shown, "{name}: one tooltip per column");
            }
        }
    }
    rendered
}

#[test]
fn an_all_negative_year_fits() {
    let nets: Vec<i64> = (0..52).map(|i| -1_000 - i * 37).collect();
    render_all("all negative", &dataset(2023, 1, 1, &nets), &[]);
}

#[test]
fn a_first_week_of_the_year_after_a_full_year_fits() {
    let mut nets: Vec<i64> = (0..52).map(|i| if i % 3 == 0 { -500 } else { 800 }).collect();
    nets.push(-2_000);
    render_all("first week", &dataset(2023, 1, 1, &nets), &[]);
}

#[test]
fn extreme_weeks_and_many_years_fit() {
    let mut nets: Vec<i64> = (0..(52 * 21)).map(|i| ((i * 7919) % 4_001) - 2_000).collect();
    nets[500] = 250_000;
    nets[900] = -180_000;
    let last = nets.len() - 1;
    nets[last] = 99_999;
    render_all("extreme", &dataset(2005, 1, 2, &nets), &[]);
}

#[test]
fn a_current_year_in_the_thick_of_earlier_years_keeps_its_end_label_off_every_line() {
    // Twenty years that all drift the same way, and a current year right in
    // the middle of them: its label must find a gap, not sit on a line.
    let mut nets = Vec::new();
    for year in 0..21 {
        for week in 0..52 {
            nets.push(200 + (year * 37 + week * 11) % 90 - 45 + if week % 9 == 0 { -300 } else { 0 });
        }
    }
    nets.truncate(52 * 20 + 30);
    for (through, case) in [(nets.len(), "mid-pack"), (52 * 20 + 2, "early in the year")] {
        render_all(case, &dataset(2005, 1, 2, &nets[..through]), &[]);
    }
}

#[test]
fn an_all_zero_series_fits() {
    render_all("all zero", &dataset(2024, 12, 29, &[0; 10]), &[]);
}

#[test]
fn a_single_week_says_in_words_that_there_is_no_year_to_date_line_yet() {
    let rendered = render_all("single week", &dataset(2026, 1, 4, &[1_234]), &[]);
    let ytd = chart_of(&rendered, ChartKind::Ytd);
    let message = ytd.empty_message().expect("nothing to draw");
    assert!(ytd.svgs("c").is_empty(), "empty axes drawn");
    assert!(message.starts_with("No year-to-date line yet"), "{message}");
    assert!(
        message.contains("net bought ¥123.4 billion in the week of 4\u{2013}10 Jan 2026"),
        "{message}"
    );
    // The weekly chart still shows its one column.
    assert!(chart_of(&rendered, ChartKind::Weekly).empty_message().is_none());
}

#[test]
fn the_latest_column_stands_out_and_records_and_runs_are_labelled() {
    // A year of small weeks, a record sale, then eight weeks of buying.
    let mut nets: Vec<i64> = (0..60).map(|i| if i % 2 == 0 { 1_000 } else { -900 }).collect();
    nets.push(-44_517);
    nets.extend([5_000, 3_000, 2_000, 6_000, 4_000, 3_500, 2_500, 10_800]);
    let rendered = render_all("news", &dataset(2025, 1, 5, &nets), &[]);
    let weekly = chart_of(&rendered, ChartKind::Weekly);
    for (layout, svg) in weekly.svgs("c") {
        assert!(
            svg.contains(">Record sale, \u{2212}¥4.45tn</text>"),
            "{}: no record label",
            layout.name
        );
        assert!(
            svg.contains(">8 weeks of buying</text>"),
            "{}: no streak bracket",
            layout.name
        );
        // The latest week is itself the largest purchase in the data.
        assert!(
            svg.contains(">Record purchase, +¥1.08tn</text>"),
            "{}: no latest value",
            layout.name
        );
        // The latest column alone has the darker shade.
        assert_eq!(svg.matches("fill=\"#003F63\"").count(), 1, "{}", layout.name);
    }
    assert!(
        weekly
            .description
            .contains("The latest week made it 8 weeks of buying."),
        "{}",
        weekly.description
    );
    assert!(
        weekly
            .description
            .contains("largest net sale in the data, ¥4.45 trillion"),
        "{}",
        weekly.description
    );
}

#[test]
fn the_week_a_largest_since_compares_with_is_labelled() {
    let mut nets: Vec<i64> = vec![500; 70];
    nets[40] = -20_310;
    nets.extend([300, 200, -15_228]);
    let rendered = render_all("largest since", &dataset(2025, 1, 5, &nets), &[]);
    let weekly = chart_of(&rendered, ChartKind::Weekly);
    for (_, svg) in weekly.svgs("c") {
        assert!(
            svg.contains(">Last larger sale, \u{2212}¥2.03tn</text>") || svg.contains(">Last larger sale,</text>"),
            "{svg}"
        );
    }
}

#[test]
fn annotations_are_drawn_described_and_keyed_when_they_do_not_fit() {
    let nets: Vec<i64> = (0..80).map(|i| ((i * 7919) % 4_001) - 2_000).collect();
    let data = dataset(2025, 1, 5, &nets);
    // Many events in a few weeks: on a phone some must become numbers.
    let events: Vec<Annotation> = (0..6)
        .map(|i| annotation(date(2026, 5, 4 + i), &format!("Event number {i} of a busy week")))
        .chain([annotation(date(2026, 2, 10), "BOJ raises rates")])
        .collect();
    let rendered = render_all("annotated", &data, &events);
    let weekly = chart_of(&rendered, ChartKind::Weekly);
    assert!(
        weekly
            .description
            .contains("Marked on the chart: 10 February 2026, BOJ raises rates;"),
        "{}",
        weekly.description
    );
    for (layout, svg) in weekly.svgs("c") {
        let drawing = parse(&svg);
        for event in &events {
            // On the chart in one or two lines, or in the key: either way a
            // label begins with the event's first words.
            let words: Vec<&str> = event.label.split(' ').collect();
            let opening = words[..3.min(words.len() - 1)].join(" ");
            assert!(
                drawing.labels.iter().any(|l| l.text.starts_with(&opening)),
                "{}: «{}» is neither on the chart nor in its key",
                layout.name,
                event.label
            );
        }
        if layout.name == "narrow" {
            assert!(
                drawing.labels.iter().any(|l| l.text == "1"),
                "narrow: no numbered marker"
            );
        }
    }
    // The year-to-date chart marks this year's events too.
    let ytd = chart_of(&rendered, ChartKind::Ytd);
    assert!(ytd.description.contains("BOJ raises rates"), "{}", ytd.description);
}

#[test]
fn value_ticks_are_one_two_or_five_times_a_power_of_ten() {
    let cases: [(&str, Vec<i64>); 3] = [
        (
            "sample-like",
            (0..120).map(|i| ((i * 4_513) % 80_000) - 44_517).collect(),
        ),
        ("small", (0..30).map(|i| ((i * 37) % 130) - 20).collect()),
        (
            "lopsided",
            (0..60).map(|i| if i == 7 { -3 } else { 81_234 - i * 100 }).collect(),
        ),
    ];
    for (case, nets) in cases {
        for chart in charts(&dataset(2024, 1, 7, &nets), &[]).values() {
            for (layout, svg) in chart.svgs("c") {
                let drawing = parse(&svg);
                // Value labels are the numbers flush left above gridlines.
                let mut ticks: Vec<f64> = drawing
                    .labels
                    .iter()
                    .filter(|l| l.left == 0.0)
                    .filter_map(|l| {
                        let bare = l.text.replace('\u{2212}', "-").replace(['¥', ','], "");
                        bare.trim_end_matches("tn").trim_end_matches("bn").parse::<f64>().ok()
                    })
                    .collect();
                ticks.sort_by(f64::total_cmp);
                assert!(ticks.len() >= 2, "{case} {}: ticks {ticks:?}", layout.name);
                let step = ticks[1] - ticks[0];
                assert!(
                    ticks.windows(2).all(|p| ((p[1] - p[0]) - step).abs() < 1e-9),
                    "{case}: uneven {ticks:?}"
                );
                let mantissa = step / 10f64.powf(step.log10().floor());
                assert!(
                    [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-6),
                    "{case} {}: step {step} in {ticks:?}",
                    layout.name
                );
                assert!(ticks.contains(&0.0), "{case}: no zero in {ticks:?}");
            }
        }
    }
}

#[test]
fn svg_numbers_are_whole_or_one_decimal() {
    let nets: Vec<i64> = (0..300).map(|i| ((i * 7919) % 9_001) - 4_000).collect();
    let events = [annotation(date(2029, 3, 1), "An event")];
    for chart in charts(&dataset(2024, 1, 7, &nets), &events).values() {
        for (layout, svg) in chart.svgs("c") {
            assert!(!svg.contains("000000"), "{}: long float in the SVG", layout.name);
            for value in parse(&svg).numbers {
                let (whole, fraction) = value.split_once('.').unwrap_or((&value, ""));
                assert!(
                    whole.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) && fraction.len() <= 1,
                    "{}: number «{value}»",
                    layout.name
                );
            }
        }
    }
}

#[test]
fn month_ticks_carry_the_year_on_the_first_label_and_on_january() {
    let nets: Vec<i64> = (0..80).map(|i| ((i * 7919) % 4_001) - 2_000).collect();
    let rendered = charts(&dataset(2025, 1, 5, &nets), &[]);
    for (layout, svg) in chart_of(&rendered, ChartKind::Weekly).svgs("c") {
        let labels: Vec<String> = parse(&svg)
            .labels
            .into_iter()
            .map(|l| l.text)
            .filter(|t| {
                t.len() >= 3
                    && [
                        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                    ]
                    .contains(&&t[..3])
            })
            .collect();
        assert!(
            labels
                .first()
                .is_some_and(|l| l.ends_with(" 2025") || l.ends_with(" 2026")),
            "{}: {labels:?}",
            layout.name
        );
        assert!(labels.contains(&"Jan 2026".to_string()), "{}: {labels:?}", layout.name);
        assert!(
            labels
                .iter()
                .filter(|l| !l.starts_with("Jan"))
                .skip(1)
                .all(|l| l.len() == 3),
            "{}: {labels:?}",
            layout.name
        );
    }
}

#[test]
fn a_dollar_series_from_another_publisher_never_speaks_yen_or_mof() {
    let nets: Vec<i64> = (0..70).map(|i| ((i * 7919) % 4_001) - 2_000).collect();
    let data = dataset_in(Unit::MillionUsd, "Bank of Korea", 2025, 1, 5, &nets);
    for chart in render_all("dollars", &data, &[]).values() {
        let all = format!(
            "{} {} {} {}",
            chart.title, chart.subtitle, chart.description, chart.source
        );
        assert!(chart.subtitle.contains("$ billion"), "{}", chart.subtitle);
        assert_eq!(chart.source, "Source: Bank of Korea");
        for (_, svg) in chart.svgs("c") {
            for word in ["¥", "yen", "Ministry of Finance", "MOF"] {
                assert!(!svg.contains(word) && !all.contains(word), "«{word}» in a dollar chart");
            }
        }
    }
}

#[test]
fn descriptions_capitalise_the_actor_only_at_sentence_starts_and_name_one_year_once() {
    let nets: Vec<i64> = (0..20).map(|i| 100 + i).collect();
    for chart in charts(&dataset(2005, 1, 2, &nets), &[]).values() {
        assert!(
            !chart.description.contains("from 2005 to 2005"),
            "{}",
            chart.description
        );
        for (at, _) in chart.description.match_indices("Foreign investors") {
            let before = chart.description[..at].trim_end();
            assert!(
                before.is_empty() || before.ends_with('.'),
                "mid-sentence capital: {}",
                chart.description
            );
        }
    }
}

#[test]
fn phone_titles_take_at_most_two_lines() {
    // Every series the MOF file provides: the phone column is 358 px and the
    // chart title is set in 17.6 px bold (about 8% wider than regular).
    let project = flowsite::validate::validate(flowsite::load::load_project(&common::repo_root()).expect("loads"))
        .expect("the sample site is valid");
    for (_, series) in project.all_series() {
        for kind in [ChartKind::Weekly, ChartKind::Ytd] {
            let title = match kind {
                ChartKind::Weekly => flowsite::chart::text::weekly_title(&series.meta),
                ChartKind::Ytd => flowsite::chart::text::ytd_title(&series.meta),
            };
            let width = text_width(&title, 18) * 1.08;
            assert!(width <= 2.0 * 358.0 * 0.9, "«{title}» needs more than two phone lines");
        }
    }
}

#[test]
fn annotations_from_site_toml_and_front_matter_reach_charts_descriptions_and_tables() {
    let site = common::built_fixture("valid/annotated");
    let page = |path: &str| String::from_utf8(site[path].clone()).expect("UTF-8");
    let commentary = page("commentary/fixture/index.html");
    // The piece's chart marks both; its own event only on its own page.
    for label in ["BOJ raises rates", "Snap election called"] {
        assert!(
            commentary.contains(&format!(">{label}</text>")) || commentary.contains(&format!("{label}, ")),
            "commentary chart lacks «{label}»"
        );
        assert!(
            commentary.contains("Marked on the chart: "),
            "no description of the marks"
        );
    }
    assert!(
        commentary.contains("<td>19 Dec: BOJ raises rates</td>"),
        "the data table lacks the event"
    );
    assert!(
        commentary.contains("<td>13 Jan: Snap election called</td>"),
        "the data table lacks the piece's event"
    );
    let series = page("series/inward-equity/index.html");
    assert!(series.contains("BOJ raises rates") && !series.contains("Snap election called"));
}

#[test]
fn every_chart_of_the_sample_site_is_clean_at_both_layouts() {
    // The published data are the awkward data: 21 years of records, runs,
    // crowded year lines. Every weekly chart of the lead series and every
    // other year-to-date chart, with the sample site's own annotations.
    let project = flowsite::validate::validate(flowsite::load::load_project(&common::repo_root()).expect("loads"))
        .expect("the sample site is valid");
    let (_, series) = project
        .all_series()
        .find(|(_, s)| s.meta.id == "inward-equity")
        .expect("the lead series");
    let requests: BTreeSet<ChartRequest> = series
        .points
        .iter()
        .enumerate()
        .flat_map(|(index, point)| {
            let kinds: &[ChartKind] = if index % 2 == 0 {
                &[ChartKind::Weekly, ChartKind::Ytd]
            } else {
                &[ChartKind::Weekly]
            };
            kinds
                .iter()
                .filter_map(|kind| ChartRequest::as_of(series, *kind, point.week.end(), &project.config.annotations))
                .collect::<Vec<_>>()
        })
        .collect();
    let analysis = flowsite::series::analyse(&project.datasets, &[], &[]);
    let (charts, _) =
        render_charts(&project.datasets, &analysis, &requests, &ENGLISH, &ChartReuse::none()).expect("charts render");
    assert!(charts.len() > 1_600, "{}", charts.len());
    for (request, chart) in &charts {
        for (layout, svg) in chart.svgs("c") {
            let case = format!("{} {} {}", request.kind.name(), request.through, layout.name);
            assert_drawing_is_clean(&case, &svg, &project.config.annotations);
        }
    }
}

#[test]
fn every_japanese_chart_of_the_sample_site_is_clean_at_both_layouts() {
    // The Japanese edition's labels are full-width: 「過去最大の売り越し、
    // −4.45兆円」 is twice as wide per character as its English, and the
    // placer must still keep every label inside and apart.
    let project = flowsite::validate::validate(flowsite::load::load_project(&common::repo_root()).expect("loads"))
        .expect("the sample site is valid");
    let japanese = flowsite::page::edition::japanese_project(&project).expect("the sample site has [languages.ja]");
    let (_, series) = japanese
        .all_series()
        .find(|(_, s)| s.meta.id == "inward-equity")
        .expect("the lead series");
    let requests: BTreeSet<ChartRequest> = series
        .points
        .iter()
        .enumerate()
        .filter(|(index, _)| index % 3 == 0)
        .flat_map(|(_, point)| {
            [ChartKind::Weekly, ChartKind::Ytd]
                .iter()
                .filter_map(|kind| ChartRequest::as_of(series, *kind, point.week.end(), &[]))
                .collect::<Vec<_>>()
        })
        .collect();
    let analysis = flowsite::series::analyse(&japanese.datasets, &[], &[]);
    let (charts, _) =
        render_charts(&japanese.datasets, &analysis, &requests, &JAPANESE, &ChartReuse::none()).expect("charts render");
    assert!(charts.len() > 700, "{}", charts.len());
    let mut saw_cho = false;
    for (request, chart) in &charts {
        assert_eq!(chart.source, "出所：財務省「対外及び対内証券売買契約等の状況」");
        assert!(!chart.description.contains("trillion"), "{}", chart.description);
        for (layout, svg) in chart.svgs("c") {
            let case = format!("ja {} {} {}", request.kind.name(), request.through, layout.name);
            assert_drawing_is_clean(&case, &svg, &[]);
            saw_cho |= svg.contains(">2兆円</text>") || svg.contains(">\u{2212}2兆円</text>");
        }
    }
    assert!(saw_cho, "兆円 ticks");
}

#[test]
fn japanese_phone_titles_take_at_most_two_lines() {
    let project = flowsite::validate::validate(flowsite::load::load_project(&common::repo_root()).expect("loads"))
        .expect("the sample site is valid");
    let japanese = flowsite::page::edition::japanese_project(&project).expect("a Japanese edition");
    for (_, series) in japanese.all_series() {
        for title in [JAPANESE.weekly_title(&series.meta), JAPANESE.ytd_title(&series.meta)] {
            // Full-width glyphs measure a whole em each.
            let width = text_width(&title, 18) * 1.08;
            assert!(
                width >= 18.0 * title.chars().count() as f64 * 0.9,
                "«{title}» measured narrow"
            );
            assert!(width <= 2.0 * 358.0 * 0.9, "«{title}» needs more than two phone lines");
        }
    }
}
