//! Nothing lost: downloads reproduce every published figure, and the
//! previous site survives a killed build and a full disk.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, fixture, path_str, read_tree, repo_root, stderr};
use std::collections::BTreeMap;
use std::fs;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The published file's data rows: line -> the 22 values as integers, read
/// independently of flowsite (decode, CSV, strip separators).
fn published_rows() -> BTreeMap<usize, Vec<i64>> {
    let bytes = fs::read(repo_root().join("data/week.csv")).expect("week.csv");
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!malformed);
    // Data rows hold no quoted line breaks, so each is one line: read them
    // line by line, numbering lines the way an editor does.
    let mut rows = BTreeMap::new();
    for (index, line) in text.split('\n').enumerate() {
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.trim_end_matches('\r').as_bytes());
        let record = reader.records().next().expect("a record").expect("valid CSV");
        assert_eq!(record.len(), 23, "line {}", index + 1);
        let values = (1..23)
            .map(|i| record[i].trim().replace(',', "").parse::<i64>().expect("integer"))
            .collect();
        rows.insert(index + 1, values);
    }
    rows
}

#[test]
fn downloads_reproduce_every_published_cell() {
    let published = published_rows();
    assert_eq!(published.len(), 1_132);
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&repo_root(), &out).status.success());
    let mut cells = 0;
    let mut weekly_series = 0;
    for series in fs::read_dir(out.join("series")).expect("series folder") {
        let folder = series.expect("entry").path();
        if !folder.is_dir() {
            continue;
        }
        let id = folder.file_name().expect("name").to_string_lossy().into_owned();
        let mut reader = csv::Reader::from_path(folder.join(format!("{id}.csv"))).expect("download");
        let headers = reader.headers().expect("header").clone();
        if !headers.iter().any(|h| h == "week_start") {
            // A monthly series summed by flowsite: checked below against the weeks.
            continue;
        }
        weekly_series += 1;
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        let (line_at, column_at) = (column("source_line"), column("source_column"));
        let (net_at, acquisition_at, disposition_at) = (
            column("net_100m_yen"),
            column("acquisition_100m_yen"),
            column("disposition_100m_yen"),
        );
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("row");
            let line: usize = record[line_at].parse().expect("line");
            let net_column: usize = record[column_at].parse().expect("column");
            let values = &published[&line];
            // Columns are 1-based and column 1 is the period.
            assert_eq!(
                record[net_at].parse::<i64>().expect("net"),
                values[net_column - 2],
                "{id} line {line}"
            );
            if !record[acquisition_at].is_empty() {
                // Acquisition and disposition stand two and one columns left of net.
                assert_eq!(
                    record[acquisition_at].parse::<i64>().expect("acq"),
                    values[net_column - 4],
                    "{id} line {line}"
                );
                assert_eq!(
                    record[disposition_at].parse::<i64>().expect("disp"),
                    values[net_column - 3],
                    "{id} line {line}"
                );
                cells += 2;
            }
            cells += 1;
            rows += 1;
        }
        assert_eq!(rows, 1_132, "{id}: every week");
    }
    // 10 nets and 6 acquisition/disposition pairs per week.
    assert_eq!(weekly_series, 10);
    assert_eq!(cells, 1_132 * (10 + 12));

    // The monthly totals add up to the weeks whose Monday is in the month.
    let mut weekly_by_month: BTreeMap<String, i64> = BTreeMap::new();
    let mut weekly = csv::Reader::from_path(out.join("series/inward-equity/inward-equity.csv")).expect("weekly");
    for record in weekly.records() {
        let record = record.expect("row");
        let start = chrono::NaiveDate::parse_from_str(&record[0], "%Y-%m-%d").expect("date");
        let monday = start + chrono::Days::new(1);
        *weekly_by_month.entry(monday.format("%Y-%m").to_string()).or_default() +=
            record[6].parse::<i64>().expect("net");
    }
    let mut monthly =
        csv::Reader::from_path(out.join("series/inward-equity-monthly/inward-equity-monthly.csv")).expect("monthly");
    let mut months = 0;
    for record in monthly.records() {
        let record = record.expect("row");
        assert_eq!(
            record[1].parse::<i64>().expect("net"),
            weekly_by_month[&record[0]],
            "{}",
            &record[0]
        );
        months += 1;
    }
    // January 2005 to August 2026; September 2026 is not complete.
    assert_eq!(months, 260);
}

#[test]
fn a_build_killed_mid_write_leaves_a_whole_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    // The old site: a small one. The new one: the sample site, big enough
    // (over a thousand files) that a kill lands in the middle of writing.
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let old = read_tree(&out);
    let mut saw_old = 0;
    for delay_ms in [5u64, 20, 60, 120, 200, 300, 450, 700] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flowsite"))
            .args(["build", "--root", path_str(&repo_root()), "--out", path_str(&out)])
            .env("FLOWSITE_CACHE_DIR", common::shared_image_cache())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("kill -9");
        let status = child.wait().expect("wait");
        let now = read_tree(&out);
        if status.success() {
            // Finished before the kill: the new site is there, whole.
            assert!(now.contains_key("weeks/2026-09-12/index.html"));
            break;
        }
        assert_eq!(
            now, old,
            "after a kill at {delay_ms} ms the old site must be exactly as it was"
        );
        saw_old += 1;
    }
    assert!(saw_old > 0, "no kill landed before the build finished");
    // The next build brings whatever the killed one left in the spare folder
    // up to date and puts the new site in place.
    let finished = build(&repo_root(), &out);
    assert!(finished.status.success(), "{}", stderr(&finished));
    let fresh = temp.path().join("fresh");
    assert!(build(&repo_root(), &fresh).status.success());
    assert_eq!(
        read_tree(&out),
        read_tree(&fresh),
        "the site after a killed build is the site a clean build makes"
    );
}

#[test]
fn a_full_disk_is_an_io_error_and_the_old_site_stays() {
    // A 48 MB file system of our own, in a user and mount namespace so that
    // no privileges are needed: the small site fits, with its images and
    // their cache (about 20 MB), the sample site (over 700 MB) not.
    let temp = tempfile::tempdir().expect("temp dir");
    let disk = temp.path().join("disk");
    let copy = temp.path().join("copy");
    fs::create_dir(&disk).expect("mkdir");
    let script = format!(
        "set -e; mount -t tmpfs -o size=48m tmpfs '{disk}'; \
         '{bin}' build --root '{small}' --out '{disk}/site-out' >/dev/null; \
         cp -a '{disk}/site-out' '{copy}'; \
         set +e; '{bin}' build --root '{sample}' --out '{disk}/site-out'; echo \"exit=$?\"; \
         diff -r '{copy}' '{disk}/site-out' && echo same; ls -A '{disk}'",
        disk = path_str(&disk),
        copy = path_str(&copy),
        bin = env!("CARGO_BIN_EXE_flowsite"),
        small = path_str(&fixture("valid/small-utf8")),
        sample = path_str(&repo_root()),
    );
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .output()
        .expect("unshare runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors = stderr(&output);
    assert!(output.status.success(), "namespace script failed: {errors}");
    assert!(stdout.contains("exit=2"), "a full disk exits 2: {stdout} {errors}");
    assert!(errors.contains("No space left on device"), "{errors}");
    assert!(stdout.contains("same"), "the old site changed: {stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("site-out"),
        "the site is still there: {stdout}"
    );
    assert!(
        !stdout.lines().any(|line| line == ".site-out.flowsite-spare"),
        "the half-written spare copy is removed to give the space back: {stdout}"
    );
}

#[test]
fn two_builds_at_once_take_turns_and_leave_a_whole_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let spawn = |root: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_flowsite"))
            .args(["build", "--root", path_str(root), "--out", path_str(&out)])
            .env("FLOWSITE_CACHE_DIR", common::shared_image_cache())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let mut first = spawn(&repo_root());
    let mut second = spawn(&fixture("valid/small-cp932"));
    assert!(first.wait().expect("wait").success());
    assert!(second.wait().expect("wait").success());
    // Whichever finished last, its site is there whole.
    let now = read_tree(&out);
    let fresh_sample = temp.path().join("sample");
    let fresh_small = temp.path().join("small");
    assert!(build(&repo_root(), &fresh_sample).status.success());
    assert!(build(&fixture("valid/small-cp932"), &fresh_small).status.success());
    assert!(
        now == read_tree(&fresh_sample) || now == read_tree(&fresh_small),
        "the site is one build's output, not a mix"
    );
}
