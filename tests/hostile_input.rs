//! Inputs a careless user or an attacker would give flowsite: each must be
//! refused at its place with exit code 1, or published exactly and safely,
//! never cut short, wrapped, panicked on or run as script.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, fixture, flowsite, path_str, read_tree, repo_root, stderr};
use std::fs;
use std::path::Path;

const MOF_SITE: &str = "title = \"Hostile\"\nbase_url = \"https://example.org/\"\n\n[[sources]]\npath = \"data/week.csv\"\nformat = \"mof-weekly\"\n";

/// Writes a project of `files` (path -> bytes) into a new temporary folder.
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let target = temp.path().join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }
    temp
}

/// The published MOF file as lines of text (each with its line break).
fn published_lines() -> Vec<String> {
    let bytes = fs::read(repo_root().join("data/week.csv")).expect("data/week.csv");
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!malformed, "the published file is cp932");
    text.split_inclusive('\n').map(str::to_string).collect()
}

/// Lines re-encoded as MOF publishes them.
fn as_cp932(lines: &[String]) -> Vec<u8> {
    let text: String = lines.concat();
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn check(root: &Path) -> std::process::Output {
    flowsite(&["check", "--root", path_str(root)])
}

#[test]
fn a_spacer_row_in_the_published_file_is_an_error_not_the_end_of_the_data() {
    let mut lines = published_lines();
    let november = lines
        .iter()
        .position(|line| line.starts_with("2015．11．1～"))
        .expect("the week of 1 November 2015");
    lines.insert(november, ",,,,,,,,,,,,,,,,,,,,,,\r\n".to_string());
    let data = as_cp932(&lines);
    let site = project(&[("site.toml", MOF_SITE.as_bytes()), ("data/week.csv", &data)]);
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let spacer_line = november + 1;
    let expected = format!(
        "data/week.csv:{spacer_line}: a blank row inside the data: the weeks go on at line {}",
        spacer_line + 1
    );
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    assert!(stderr(&output).contains("found 1 problem"), "{}", stderr(&output));
}

#[test]
fn weeks_after_the_notes_and_rows_that_fit_nowhere_are_errors() {
    let lines = published_lines();
    let blank = lines
        .iter()
        .position(|line| line.starts_with(",,,,,,,,"))
        .expect("the blank row before the notes");
    // The last week moved below the notes.
    let mut moved = lines.clone();
    let last_week = moved.remove(blank - 1);
    moved.push(last_week);
    let data = as_cp932(&moved);
    let site = project(&[("site.toml", MOF_SITE.as_bytes()), ("data/week.csv", &data)]);
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let expected = format!(
        "data/week.csv:{}: a row of figures after the notes that end the data",
        moved.len()
    );
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));

    // A line of text in the middle of the data ends it there: every week
    // after it is reported, once, with their count.
    let mut interrupted = lines.clone();
    interrupted.insert(600, "see the revised table below\r\n".to_string());
    let data = as_cp932(&interrupted);
    let site = project(&[("site.toml", MOF_SITE.as_bytes()), ("data/week.csv", &data)]);
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("data/week.csv:602: a row of figures after the notes that end the data (line 601, `see the revised table below`); the same on "),
        "{text}"
    );
}

#[test]
fn figures_beyond_any_real_flow_are_refused_at_their_cell() {
    let tidy = fs::read_to_string(fixture("valid/tidy/data/flows.csv")).expect("tidy data");
    let config = fs::read(fixture("valid/tidy/site.toml")).expect("tidy site.toml");
    for value in [
        "9000000000000000000",
        "9223372036854775807",
        "-9223372036854775808",
        "184467440737095517",
        "18446744073709551616",
        "1000000000001",
        "-1000000000001",
    ] {
        let mut lines: Vec<String> = tidy.lines().map(str::to_string).collect();
        // Line 6 is the third week of alpha.
        let mut fields: Vec<String> = lines[5].split(',').map(str::to_string).collect();
        fields[2] = value.to_string();
        lines[5] = fields.join(",");
        let data = lines.join("\n") + "\n";
        let site = project(&[("site.toml", &config), ("data/flows.csv", data.as_bytes())]);
        let output = check(site.path());
        assert_eq!(output.status.code(), Some(1), "{value}: {}", stderr(&output));
        let text = stderr(&output);
        assert!(
            text.contains(&format!(
                "data/flows.csv:6:3: value `{value}` of series `alpha` is beyond ±1,000,000,000,000"
            )),
            "{value}: {text}"
        );
        assert!(!text.contains("panicked"), "{text}");
    }
}

#[test]
fn the_largest_figures_allowed_are_published_exactly() {
    let tidy = fs::read_to_string(fixture("valid/tidy/data/flows.csv")).expect("tidy data");
    let config = fs::read(fixture("valid/tidy/site.toml")).expect("tidy site.toml");
    // Every week of alpha at the bound, alternately bought and sold: the
    // year to date, the chart axes and the prose all see the extremes.
    let lines: Vec<String> = tidy
        .lines()
        .enumerate()
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split(',').collect();
            if index > 0 && fields[1] == "alpha" {
                let sign = if index % 4 == 1 { "" } else { "-" };
                format!("{},{},{sign}1000000000000", fields[0], fields[1])
            } else {
                line.to_string()
            }
        })
        .collect();
    let data = lines.join("\n") + "\n";
    let site = project(&[("site.toml", &config), ("data/flows.csv", data.as_bytes())]);
    let out = site.path().join("site-out");
    let output = build(site.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = fs::read_to_string(out.join("series/alpha/alpha.csv")).expect("download");
    let nets: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(6).unwrap_or("")).collect();
    assert_eq!(nets.len(), 10);
    assert!(
        nets.iter().all(|n| *n == "1000000000000" || *n == "-1000000000000"),
        "{nets:?}"
    );
    let page = fs::read_to_string(out.join("series/alpha/index.html")).expect("series page");
    assert!(page.contains("¥100000000.00 trillion"), "the bound is written in full");
}

#[test]
fn twenty_thousand_identical_headings_get_unique_ids() {
    let mut body = String::from("+++\ntitle = \"Headings\"\ndate = 2025-03-10\n+++\n\n");
    for _ in 0..20_000 {
        body.push_str("## Same heading\n\nText.\n\n");
    }
    let config = fs::read(fixture("valid/tidy/site.toml")).expect("tidy site.toml");
    let data = fs::read(fixture("valid/tidy/data/flows.csv")).expect("tidy data");
    let site = project(&[
        ("site.toml", &config),
        ("data/flows.csv", &data),
        ("content/headings.md", body.as_bytes()),
    ]);
    let out = site.path().join("site-out");
    let started = std::time::Instant::now();
    let output = build(site.path(), &out);
    eprintln!(
        "20,000 identical headings built in {} ms",
        started.elapsed().as_millis()
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(out.join("commentary/headings/index.html")).expect("page");
    let ids: Vec<&str> = page
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(ids.len(), 20_000);
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 20_000, "every id once");
    assert_eq!(ids[0], "same-heading");
    assert_eq!(ids[19_999], "same-heading-20000");
}

#[test]
fn script_in_a_series_title_or_a_template_reaches_pages_as_text() {
    let config = fs::read_to_string(fixture("valid/tidy/site.toml"))
        .expect("tidy site.toml")
        .replace(
            "title = \"Foreign investors' net purchases of Japanese stocks\"",
            "title = \"<script>alert('title')</script> & [link](javascript:x)\"",
        );
    let data = fs::read(fixture("valid/tidy/data/flows.csv")).expect("tidy data");
    let note = "+++\ntitle = \"Titles\"\ndate = 2025-03-10\n+++\n\nThe series: {{ latest(\"alpha\").title }}.\n\n```chart\nseries = \"alpha\"\nkind = \"weekly\"\n```\n";
    let site = project(&[
        ("site.toml", config.as_bytes()),
        ("data/flows.csv", &data),
        ("content/titles.md", note.as_bytes()),
    ]);
    let out = site.path().join("site-out");
    let output = build(site.path(), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    // Downloads (CSV, JSON) carry the title as data, exactly; everything a
    // browser renders as markup must carry it as text.
    for (path, bytes) in read_tree(&out) {
        if !(path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<script>alert"), "{path} carries the script as markup");
        assert!(!text.contains("href=\"javascript:"), "{path} links to script");
    }
    let page = fs::read_to_string(out.join("commentary/titles/index.html")).expect("page");
    assert!(
        page.contains("The series: &lt;script&gt;alert(‘title’)&lt;/script&gt; &amp; [link](javascript:x)."),
        "the title is shown as the text it is"
    );
}

#[test]
fn raw_html_is_published_only_when_the_site_allows_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&fixture("valid/tidy-raw-html-allowed"), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(out.join("commentary/trusted/index.html")).expect("page");
    assert!(page.contains("<abbr title=\"net purchases\">net</abbr>"), "{page}");
}

#[test]
fn a_site_without_base_url_is_told_what_it_misses_and_leads_with_its_first_series() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&fixture("valid/tidy-default-lead"), &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: site.toml: no `base_url`: feed.xml and sitemap.xml are not written"),
        "{}",
        stderr(&output)
    );
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains("series/alpha/"), "the home page leads with alpha");
}

#[test]
fn a_hundred_megabyte_cell_is_quoted_in_eighty_characters() {
    let config = fs::read(fixture("valid/tidy/site.toml")).expect("tidy site.toml");
    let mut data = b"week_ending,series,net\n2025-01-04,alpha,".to_vec();
    data.extend(std::iter::repeat_n(b'x', 100 << 20));
    data.extend_from_slice(b"\n");
    let site = project(&[("site.toml", &config), ("data/flows.csv", &data)]);
    let output = check(site.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.len() < 2_000, "{} bytes of messages", text.len());
    assert!(
        text.contains(&format!(
            "data/flows.csv:2:3: value `{}…` of series `alpha` is not a whole number",
            "x".repeat(80)
        )),
        "{text}"
    );
}
