//! Fixture sites: those under `tests/fixtures/valid` must build; those under
//! `tests/fixtures/invalid` must fail with exactly the messages in their
//! `expected.txt`, exit 1, and leave an existing site untouched.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, fixture, flowsite, path_str, read_tree, stderr};
use std::fs;

fn fixture_dirs(kind: &str) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = fs::read_dir(fixture(kind))
        .expect("fixture folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures under {kind}");
    dirs
}

#[test]
fn every_valid_fixture_builds_with_source_attribution() {
    for dir in fixture_dirs("valid") {
        let temp = tempfile::tempdir().expect("temp dir");
        let out = temp.path().join("site-out");
        let output = build(&dir, &out);
        assert!(output.status.success(), "{}: {}", dir.display(), stderr(&output));
        let home = fs::read_to_string(out.join("index.html")).expect("home page");
        let config: toml::Table = fs::read_to_string(dir.join("site.toml"))
            .expect("site.toml")
            .parse()
            .expect("site.toml parses");
        // A tidy site names its publisher and first series in site.toml.
        let first = config.get("series").and_then(|series| series.get(0));
        let declared = |key: &str| first.and_then(|entry| entry.get(key)).and_then(|value| value.as_str());
        let (publisher, first_series) = match (declared("publisher"), declared("id")) {
            (Some(publisher), Some(id)) => (format!("Source: {publisher}"), id.to_string()),
            _ => (
                "Source: Ministry of Finance, Japan".to_string(),
                "inward-equity".to_string(),
            ),
        };
        assert!(home.contains(&publisher), "{}: no «{publisher}»", dir.display());
        assert!(
            out.join(format!("series/{first_series}/index.html")).is_file(),
            "{}",
            dir.display()
        );
        assert!(
            out.join("style.css").is_file(),
            "{}: pages link a stylesheet",
            dir.display()
        );
    }
}

#[test]
fn every_invalid_fixture_lists_exactly_its_expected_problems() {
    for dir in fixture_dirs("invalid") {
        let expected = fs::read_to_string(dir.join("expected.txt")).expect("expected.txt");
        let expected: Vec<&str> = expected.lines().collect();
        assert!(!expected.is_empty(), "{}: empty expected.txt", dir.display());
        let output = flowsite(&["check", "--root", path_str(&dir)]);
        assert_eq!(output.status.code(), Some(1), "{}: {}", dir.display(), stderr(&output));
        let text = stderr(&output);
        let problems: Vec<String> = text
            .lines()
            .filter_map(|line| {
                let (number, rest) = line.trim_start().split_once(". ")?;
                number.parse::<usize>().ok().map(|_| rest.to_string())
            })
            .collect();
        assert_eq!(problems, expected, "{}", dir.display());
        assert!(!text.contains("panicked"), "{}: {text}", dir.display());
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let good = build(&fixture("valid/small-utf8"), &out);
    assert!(good.status.success(), "{}", stderr(&good));
    let before = read_tree(&out);
    for dir in fixture_dirs("invalid") {
        let output = build(&dir, &out);
        assert_eq!(output.status.code(), Some(1), "{}", dir.display());
        assert_eq!(read_tree(&out), before, "{} changed the site", dir.display());
    }
    let mut siblings: Vec<_> = fs::read_dir(temp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    siblings.sort();
    assert_eq!(
        siblings,
        vec![
            std::ffi::OsString::from(".site-out.flowsite-spare.lock"),
            "site-out".into()
        ],
        "no spare folder is left behind by the builds that failed (only the lock file of the first)"
    );
}

#[test]
fn a_missing_project_folder_is_an_io_error_with_exit_code_2() {
    let temp = tempfile::tempdir().expect("temp dir");
    let missing = temp.path().join("nowhere");
    let output = flowsite(&["check", "--root", path_str(&missing)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("could not open project folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_project_without_site_toml_is_bad_input() {
    let temp = tempfile::tempdir().expect("temp dir");
    let output = flowsite(&["check", "--root", path_str(temp.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("site.toml: the project has no site.toml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_stays_as_it_was() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    fs::write(&out, "keep me").expect("write");
    let output = build(&fixture("valid/small-utf8"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("site-out: is a file, not a folder"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&out).expect("read"), "keep me");
}

#[test]
fn running_without_a_subcommand_builds_into_root_site_out() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("site");
    copy_dir(&fixture("valid/small-utf8"), &root);
    let output = flowsite(&["--root", path_str(&root)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(root.join("site-out/index.html").is_file());
    let check = flowsite(&["check", "--root", path_str(&root)]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("nothing was written"));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for (relative, bytes) in read_tree(from) {
        let target = to.join(relative);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }
}
