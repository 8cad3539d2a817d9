//! A series published in millions of US dollars is written in dollars,
//! and its downloads say so (`tests/fixtures/valid/tidy-usd`).

mod common;

use common::built_fixture;

#[test]
fn a_dollar_series_is_quoted_in_dollars_everywhere() {
    let site = built_fixture("valid/tidy-usd");
    let page = String::from_utf8_lossy(&site["series/alpha/index.html"]).into_owned();
    assert!(
        page.contains("Foreign investors net bought $851 million of Japanese stocks in the week to 8 March 2025."),
        "{page}"
    );
    assert!(!page.contains("¥851"), "no yen for a dollar series");
    let brief = String::from_utf8_lossy(&site["weeks/2025-03-08/index.html"]).into_owned();
    assert!(
        brief.contains("The week before, they had sold a net $518 million."),
        "{brief}"
    );
    // The top tick of an axis names its unit.
    assert!(brief.contains(">$1.5bn<"), "axis ticks in dollars");
    let csv = String::from_utf8_lossy(&site["series/alpha/alpha.csv"]).into_owned();
    assert!(csv.starts_with(
        "week_start,week_end,ytd_year,week_of_year,acquisition_million_usd,disposition_million_usd,net_million_usd,"
    ));
    let json = String::from_utf8_lossy(&site["series/alpha/alpha.json"]).into_owned();
    assert!(
        json.contains("\"unit\": \"million US dollars; 1,000 = $1 billion\""),
        "{json}"
    );
    // The other series of the same file stays in yen.
    let beta = String::from_utf8_lossy(&site["series/beta/index.html"]).into_owned();
    assert!(beta.contains("¥"), "the yen series keeps yen");
}
