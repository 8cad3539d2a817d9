//! The shipped sample site: the real MOF file, imported and built.

mod common;

use common::{build, read_tree, repo_root, stderr};
use flowsite::model::{Amount, Direction};
use std::collections::BTreeSet;

fn sample() -> flowsite::validate::ValidProject {
    let loaded = flowsite::load::load_project(&repo_root()).expect("loads");
    flowsite::validate::validate(loaded).expect("the published file is valid")
}

#[test]
fn imports_every_week_of_the_published_file() {
    let project = sample();
    assert_eq!(project.datasets.len(), 1);
    let dataset = &project.datasets[0];
    assert_eq!(dataset.source.version.to_string(), "2026-09-17");
    assert_eq!(dataset.source.publisher, "Ministry of Finance, Japan");
    assert_eq!(dataset.series.len(), 10);
    for series in &dataset.series {
        assert_eq!(series.points.len(), 1_132, "{}", series.meta.id);
        assert_eq!(series.points[0].week.to_string(), "2005-01-02..01-08");
        assert_eq!(series.points[1_131].week.to_string(), "2026-09-06..09-12");
        // Consecutive weeks, no gaps or duplicates.
        assert!(series.points.windows(2).all(|pair| pair[1].week == pair[0].week.next()));
    }
    let weeks: BTreeSet<String> = dataset.series[0].points.iter().map(|p| p.week.to_string()).collect();
    for crossing in [
        "2013-12-29..2014-01-04",
        "2017-12-31..2018-01-06",
        "2025-12-28..2026-01-03",
    ] {
        assert!(weeks.contains(crossing), "year-crossing week {crossing} is missing");
    }
}

#[test]
fn known_cells_land_in_the_right_series_with_their_source_cell() {
    let project = sample();
    let series = |id: &str| {
        project.datasets[0]
            .series
            .iter()
            .find(|s| s.meta.id == id)
            .unwrap_or_else(|| panic!("series {id}"))
    };
    // First row: assets equity 1,689 / 1,419 / 270; liabilities equity net 2,278.
    let outward_equity = &series("outward-equity").points[0];
    assert_eq!(
        (
            outward_equity.acquisition,
            outward_equity.disposition,
            outward_equity.net
        ),
        (Some(Amount(1_689)), Some(Amount(1_419)), Amount(270))
    );
    assert_eq!((outward_equity.cell.line, outward_equity.cell.column), (16, 4));
    let inward_equity = series("inward-equity");
    assert_eq!(inward_equity.meta.direction, Direction::Inward);
    assert_eq!(inward_equity.points[0].net, Amount(2_278));
    // Last row: liabilities equity net -15,228 (column 15), long-term net 22,362,
    // total net -4,995.
    let last = &inward_equity.points[1_131];
    assert_eq!(last.net, Amount(-15_228));
    assert_eq!(last.cell.column, 15);
    assert_eq!(series("inward-long-term-debt").points[1_131].net, Amount(22_362));
    assert_eq!(series("inward-total").points[1_131].net, Amount(-4_995));
    assert_eq!(series("inward-total").points[1_131].acquisition, None);
    // The year-crossing week 2025-12-28..2026-01-03: inward equity net 1,249.
    let crossing = inward_equity
        .points
        .iter()
        .find(|p| p.week.to_string() == "2025-12-28..2026-01-03")
        .expect("week");
    assert_eq!(crossing.net, Amount(1_249));
}

#[test]
fn year_to_date_follows_the_monday_rule_on_the_real_data() {
    let project = sample();
    let analysis = flowsite::series::analyse(&project.datasets, &project.earlier_releases, &[]);
    let facts = analysis.of("inward-equity").expect("facts");
    let latest = facts.last().expect("latest");
    assert_eq!(
        latest
            .ytd
            .map(|ytd| (ytd.year, ytd.weeks, ytd.total))
            .expect("2026 is complete"),
        (2026, 36, Amount(82_066))
    );
    let last_year = latest.ytd_last_year.expect("2025 is complete");
    assert_eq!(
        (last_year.year, last_year.weeks, last_year.total),
        (2025, 36, Amount(28_518))
    );
    // The week 2025-12-28..2026-01-03 closes 2025 rather than opening 2026.
    let crossing = facts
        .iter()
        .find(|f| f.week.to_string() == "2025-12-28..2026-01-03")
        .expect("week");
    let crossing_ytd = crossing.ytd.expect("2025 is complete");
    assert_eq!((crossing_ytd.year, crossing_ytd.total), (2025, Amount(78_499)));
}

#[test]
fn building_twice_gives_byte_identical_sites() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (first, second) = (temp.path().join("one"), temp.path().join("two"));
    for out in [&first, &second] {
        let output = build(&repo_root(), out);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let (a, b) = (read_tree(&first), read_tree(&second));
    assert!(a.len() > 20, "the site has its pages");
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
    // Nothing machine-specific leaks into the output.
    let root = repo_root();
    let root_text = root.to_string_lossy();
    for (path, bytes) in &a {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(root_text.as_ref()),
            "{path} contains the absolute project path"
        );
    }
    // A rebuild over an unchanged site writes nothing.
    let again = build(&repo_root(), &first);
    let report = String::from_utf8_lossy(&again.stdout);
    assert!(report.contains(" 0 written"), "{report}");
}

#[test]
fn every_link_is_relative_and_resolves_inside_the_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&repo_root(), &out).status.success());
    let tree = read_tree(&out);
    let mut checked = 0;
    // The 404 page is served at any address, so it links from the root
    // path (checked by the test after this one).
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html") && *p != "404.html") {
        let html = String::from_utf8_lossy(bytes);
        for attribute in ["href=\"", "src=\""] {
            for piece in html.split(attribute).skip(1) {
                let target = &piece[..piece.find('"').expect("closing quote")];
                if target.starts_with('#')
                    || target.starts_with("data:")
                    || target.starts_with("https://")
                    || target.starts_with("http://")
                {
                    continue;
                }
                assert!(
                    !target.starts_with('/'),
                    "{path}: root-relative link {target} breaks sub-path hosting"
                );
                let target = target.split('#').next().unwrap_or(target);
                let resolved = resolve(path, target);
                assert!(
                    tree.contains_key(&resolved),
                    "{path}: link {target} -> {resolved} does not exist"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn the_404_page_links_from_the_root_path_of_base_url_so_it_works_at_any_depth() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&repo_root(), &out).status.success());
    let tree = read_tree(&out);
    let html = String::from_utf8_lossy(&tree["404.html"]).into_owned();
    // The sample is published at the root of its host.
    let mut links = 0;
    for attribute in ["href=\"", "src=\""] {
        for piece in html.split(attribute).skip(1) {
            let target = &piece[..piece.find('"').expect("closing quote")];
            if target.starts_with('#') {
                continue;
            }
            let inside = target
                .strip_prefix('/')
                .unwrap_or_else(|| panic!("404.html: link {target} is not from the root path"));
            assert!(tree.contains_key(inside), "404.html: link {target} does not exist");
            links += 1;
        }
    }
    assert!(links >= 8, "stylesheet, icon, masthead, navigation and home: {links}");
    assert!(html.contains("href=\"/style.css\""), "{html}");
    assert!(
        !html.contains("rel=\"canonical\""),
        "a missing address has no canonical one"
    );
}

#[test]
fn every_page_attributes_the_source() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&repo_root(), &out).status.success());
    for (path, bytes) in read_tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains("Source: Ministry of Finance, Japan"),
            "{path} has no attribution"
        );
    }
}

/// Resolves a relative link from the page at `from` to a path from the root.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}
