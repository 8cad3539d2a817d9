//! Benchmark helper for `scripts/bench` (not a test: it asserts nothing
//! about time).
//!
//! `cargo run --release --example bench_charts -- [--root DIR] [--charts N]
//! [--reps R] [--series ID]` renders, from a project's real data, the N
//! weekly-column charts and the N year-to-date charts of one series as of
//! its last N weeks, R times, alternating the two kinds, and prints per-chart
//! medians as JSON. One chart is one `render_charts` entry, which holds one
//! SVG per layout (desktop and phone), so the JSON gives both per chart and
//! per SVG.
//! It also prints how many charts of each kind a build of the project draws
//! (`site_charts`), for estimating what drawing them elsewhere would cost.

use flowsite::chart::{ChartRequest, ChartReuse, LAYOUTS, render_charts};
use flowsite::model::{ChartKind, Dataset};
use flowsite::{load, page, series, validate};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

type Outcome<T> = Result<T, Box<dyn Error>>;

struct Options {
    root: PathBuf,
    charts: usize,
    reps: usize,
    series: Option<String>,
}

fn options() -> Outcome<Options> {
    let mut options = Options {
        root: PathBuf::from("."),
        charts: 50,
        reps: 7,
        series: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--root" => options.root = PathBuf::from(value()?),
            "--charts" => options.charts = value()?.parse()?,
            "--reps" => options.reps = value()?.parse()?,
            "--series" => options.series = Some(value()?),
            other => return Err(format!("unknown argument `{other}`").into()),
        }
    }
    if options.charts == 0 || options.reps == 0 {
        return Err("--charts and --reps must be at least 1".into());
    }
    Ok(options)
}

/// Median, minimum and maximum of some samples.
fn summary(samples: &[f64]) -> Value {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    json!({ "median": median, "min": sorted[0], "max": sorted[n - 1], "n": n })
}

fn charts(options: &Options) -> Outcome<Value> {
    let project = validate::validate(load::load_project(&options.root)?)?;
    let wanted = options
        .series
        .clone()
        .or_else(|| project.config.lead_series.first().cloned())
        .ok_or("no --series and no lead series")?;
    let (_, series) = project
        .all_series()
        .find(|(_, s)| s.meta.id == wanted)
        .ok_or_else(|| format!("no series `{wanted}`"))?;
    let weeks: Vec<_> = series
        .points
        .iter()
        .rev()
        .take(options.charts)
        .map(|p| p.week)
        .collect();
    let specs_of = |kind: ChartKind| -> BTreeSet<ChartRequest> {
        weeks
            .iter()
            .filter_map(|&through| ChartRequest::as_of(series, kind, through.end(), &project.config.annotations))
            .collect()
    };
    let kinds = [ChartKind::Weekly, ChartKind::Ytd];
    let sets: Vec<BTreeSet<ChartRequest>> = kinds.iter().map(|&kind| specs_of(kind)).collect();
    let datasets: &[Dataset] = &project.datasets;
    let analysis = series::analyse(datasets, &project.earlier_releases, &project.config.derived);
    // One untimed round first: page faults and allocator warm-up.
    for set in &sets {
        black_box(render_charts(
            datasets,
            &analysis,
            set,
            &flowsite::chart::text::ENGLISH,
            &ChartReuse::none(),
        )?);
    }
    let mut per_chart_us: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    for _ in 0..options.reps {
        for (index, set) in sets.iter().enumerate() {
            let started = Instant::now();
            let rendered = black_box(
                render_charts(
                    datasets,
                    &analysis,
                    set,
                    &flowsite::chart::text::ENGLISH,
                    &ChartReuse::none(),
                )?
                .0,
            );
            let elapsed = started.elapsed().as_secs_f64() * 1e6;
            per_chart_us[index].push(elapsed / rendered.len() as f64);
        }
    }
    let mut result = serde_json::Map::new();
    for (index, kind) in kinds.iter().enumerate() {
        let (rendered, _) = render_charts(
            datasets,
            &analysis,
            &sets[index],
            &flowsite::chart::text::ENGLISH,
            &ChartReuse::none(),
        )?;
        let mut bytes: BTreeMap<&str, usize> = BTreeMap::new();
        for chart in rendered.values() {
            for (layout, svg) in chart.svgs("c") {
                *bytes.entry(layout.name).or_default() += svg.len();
            }
        }
        let per_svg: Vec<f64> = per_chart_us[index].iter().map(|us| us / LAYOUTS.len() as f64).collect();
        let mean_bytes: BTreeMap<&str, usize> = bytes
            .into_iter()
            .map(|(name, total)| (name, total / rendered.len()))
            .collect();
        result.insert(
            kind.name().to_string(),
            json!({
                "charts": rendered.len(),
                "svgs_per_chart": LAYOUTS.len(),
                "us_per_chart": summary(&per_chart_us[index]),
                "us_per_svg": summary(&per_svg),
                "mean_svg_bytes": mean_bytes,
            }),
        );
    }
    let mut site_charts: BTreeMap<&str, usize> = BTreeMap::new();
    for request in page::plan_pages(&project).chart_requests() {
        *site_charts.entry(request.kind.name()).or_default() += 1;
    }
    Ok(json!({
        "root": options.root.display().to_string(),
        "site_charts": site_charts,
        "series": wanted,
        "weeks_in_series": series.points.len(),
        "reps": options.reps,
        "kinds": result,
    }))
}

fn main() -> Outcome<()> {
    let options = options()?;
    let result = charts(&options)?;
    println!("{}", serde_json::to_string_pretty(&result)?);
    Ok(())
}
