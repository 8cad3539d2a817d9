//! The command line as a user meets it: `--quiet` and `--verbose`, `init`
//! then `build`, and drafts left out of builds.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, copy_site, flowsite, path_str, read_tree, repo_root, stderr};
use std::fs;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_the_steps() {
    let root = common::fixture("valid/small-utf8");
    let quiet = flowsite(&["check", "--quiet", "--root", path_str(&root)]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!((stdout(&quiet), stderr(&quiet)), (String::new(), String::new()));
    let verbose = flowsite(&["check", "--verbose", "--root", path_str(&root)]);
    assert_eq!(verbose.status.code(), Some(0));
    assert!(
        stdout(&verbose).starts_with("Checked: no problems."),
        "results stay on stdout"
    );
    let details = stderr(&verbose);
    let steps: Vec<&str> = details
        .lines()
        .filter_map(|line| line.trim().split("  ").next())
        .collect();
    assert_eq!(
        steps,
        [
            "reading the project",
            "checking the inputs",
            "computing the facts",
            "drawing the charts",
            "rendering the pages"
        ],
        "{details}"
    );
    // Problems are printed even with --quiet.
    let broken = flowsite(&["check", "-q", "--root", path_str(&common::fixture("invalid/gap"))]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(stderr(&broken).contains("  1. "), "{}", stderr(&broken));
}

#[test]
fn init_writes_a_starter_that_builds_at_once_and_refuses_a_used_folder() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("my-site");
    let output = flowsite(&["init", path_str(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("flowsite serve"), "it says what to do next");
    let files: Vec<String> = read_tree(&dir).into_keys().collect();
    assert_eq!(
        files,
        [
            ".gitignore",
            "content/first-look.md",
            "data/flows.csv",
            "site.toml",
            "static/style.css"
        ]
    );
    let config = fs::read_to_string(dir.join("site.toml")).expect("site.toml");
    assert_eq!(
        config.lines().filter(|line| *line == "[[series]]").count(),
        2,
        "two declared series"
    );
    assert!(config.contains("format = \"tidy\""));
    let piece = fs::read_to_string(dir.join("content/first-look.md")).expect("piece");
    assert!(
        piece.contains("```chart") && piece.contains("{{ latest("),
        "a chart block and an expression"
    );

    let built = flowsite(&["build", "--root", path_str(&dir)]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let site = read_tree(&dir.join("site-out"));
    let page = String::from_utf8_lossy(&site["commentary/first-look/index.html"]).into_owned();
    assert!(page.contains("<svg"), "the chart block became a chart");
    assert!(
        page.contains("Foreign investors net bought $342 million of local stocks"),
        "{page}"
    );
    assert!(site.contains_key("series/stocks/index.html") && site.contains_key("series/bonds/index.html"));
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(
        home.contains("Source: Example Statistics Office"),
        "figures are attributed"
    );

    // A folder with anything in it is refused, and left as it was.
    let before = read_tree(&dir);
    let again = flowsite(&["init", path_str(&dir)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("the folder is not empty"), "{}", stderr(&again));
    assert_eq!(read_tree(&dir), before);
}

#[test]
fn the_starter_files_are_themselves_a_site_that_builds() {
    let temp = tempfile::tempdir().expect("temp dir");
    let starter = repo_root().join("src/cmd/init/starter");
    let output = build(&starter, &temp.path().join("site-out"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn drafts_are_left_out_of_builds() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/small-utf8", &root);
    // A draft still being written: its chart block is not finished either.
    fs::write(
        root.join("content/next-week.md"),
        "+++\ntitle = \"Next week\"\ndate = 2026-01-23\ndraft = true\n+++\n\n```chart\nseries = \"inward-eq\n```\n",
    )
    .expect("draft");
    let output = build(&root, &temp.path().join("site-out"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let site = read_tree(&temp.path().join("site-out"));
    assert!(
        !site.keys().any(|path| path.contains("next-week")),
        "no page for the draft"
    );
    assert!(
        !site
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("Next week")),
        "nor a mention of it"
    );
    assert!(site.contains_key("commentary/fixture/index.html"));
}
