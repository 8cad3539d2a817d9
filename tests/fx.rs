//! Dollar figures from the ECB's euro reference rates (`[[fx]]`):
//! `tests/fixtures/valid/fx-partial` has rates from 1 December 2025 only and
//! lacks 15 January 2026 (made by make_fx_fixtures.py). Malformed and missing
//! rate files are invalid fixtures, checked with the others in
//! fixture_sites.rs.

mod common;

use common::{build, fixture, read_tree, stderr};

fn text(site: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8_lossy(&site[path]).into_owned()
}

#[test]
fn weeks_without_a_rate_get_no_dollar_figure_and_one_warning_per_run() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&fixture("valid/fx-partial"), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings: Vec<String> = stderr(&output)
        .lines()
        .filter(|line| line.starts_with("warning: "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        warnings,
        vec![
            "warning: data/eurofxref-hist.csv: no dollar and yen rates on the release days 2025-10-16 to 2025-11-27 or the 5 days before each, for the 7 weeks 2025-10-05..10-11 to 2025-11-16..11-22: their figures are not converted to dollars (use a release of the rate file that covers these days, or leave the briefs without dollar figures)"
        ]
    );
    let site = read_tree(&out);
    let uncovered = text(&site, "weeks/2025-10-11/index.html");
    assert!(!uncovered.contains("or about $"), "no rate, no guess");
    assert!(
        !uncovered.contains("reference rate"),
        "no rate line without a dollar figure"
    );
    // Released on Thursday 4 December, the first day with a rate.
    let covered = text(&site, "weeks/2025-11-29/index.html");
    assert!(covered.contains(", or about $"), "{covered}");
    assert!(
        covered.contains("European Central Bank reference rate, 4 December 2025)"),
        "{covered}"
    );
}

#[test]
fn a_release_day_without_a_rate_takes_the_last_earlier_business_day() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/fx-partial"), &out).status.success());
    let site = read_tree(&out);
    // The week to 10 January 2026 was released on 15 January, missing from
    // the file; 14 January's rate, 184.82 / 1.1651 = 158.6302, is used.
    let brief = text(&site, "weeks/2026-01-10/index.html");
    assert!(
        brief.contains("($1 = 158.63 yen; European Central Bank reference rate, 14 January 2026)"),
        "{brief}"
    );
    let json = text(&site, "series/inward-equity/inward-equity.json");
    let document: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let week = document["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .find(|w| w["week_end"] == "2026-01-10")
        .expect("the week");
    assert_eq!(week["rate_date"], "2026-01-14");
    assert_eq!(week["yen_per_usd"], 158.6302);
    let first = &document["weeks"][0];
    assert!(first["net_usd"].is_null() && first["rate_date"].is_null(), "{first}");
}
