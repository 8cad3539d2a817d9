//! Rebuilding over the previous output redraws only the charts whose
//! history changed, taking the rest from the chart pack kept beside the
//! output; and the site it writes is, byte for byte, the site a build from
//! scratch makes. Week after week, after a revision, an annotation, a
//! renamed series, a stylesheet of the newsroom's own and a new flowsite.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use chrono::{Duration, NaiveDate};
use common::read_tree;
use flowsite::output::BuildId;
use flowsite::{BuildSummary, Built, Options};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// How many weeks the generated history has in all.
const WEEKS: usize = 70;

/// The two series' weekly figures, week by week: deterministic, both
/// signs, streaks and a crossing of the year.
fn history() -> Vec<(NaiveDate, i64, i64)> {
    let first = NaiveDate::from_ymd_opt(2024, 10, 5).expect("a Saturday");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..WEEKS)
        .map(|week| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let alpha = (state >> 33) as i64 % 9_000 - 3_500;
            let beta = (state >> 17) as i64 % 4_000 - 1_900;
            (first + Duration::weeks(week as i64), alpha, beta)
        })
        .collect()
}

fn csv(weeks: &[(NaiveDate, i64, i64)]) -> String {
    let mut text = String::from("week_ending,series,net\n");
    for (end, alpha, beta) in weeks {
        text.push_str(&format!("{end},alpha,{alpha}\n{end},beta,{beta}\n"));
    }
    text
}

/// What the tidy fixture's site.toml gets for this history: a release
/// date after its last week, and share cards and chart images for the
/// briefs of the last weeks only (enough to rebuild images through the
/// cache, few enough for a quick test).
const RELEASE: &str = "version = 2026-02-10";
const IMAGES: &str = "\n[images]\nbriefs_from = \"2026-01-15\"\n";

/// A project with the first `weeks` weeks of the history, and where its
/// site goes.
struct Project {
    _temp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Project {
    fn new(weeks: usize) -> Project {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("project");
        common::copy_site("valid/tidy", &root);
        let project = Project {
            out: temp.path().join("site-out"),
            _temp: temp,
            root,
        };
        project.edit_site_toml(|text| {
            assert!(text.contains("version = 2025-03-20"), "the tidy fixture's release");
            format!("{}{IMAGES}", text.replace("version = 2025-03-20", RELEASE))
        });
        project.publish(&history()[..weeks]);
        project
    }

    /// Writes `weeks` as the data file: a publisher's new release.
    fn publish(&self, weeks: &[(NaiveDate, i64, i64)]) {
        fs::write(self.root.join("data/flows.csv"), csv(weeks)).expect("data");
    }

    fn edit_site_toml(&self, edit: impl Fn(&str) -> String) {
        let path = self.root.join("site.toml");
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, edit(&text)).expect("write");
    }

    /// Builds over the previous output, as a newsroom's CI does.
    fn build_by(&self, build: &BuildId) -> BuildSummary {
        match flowsite::build_by(&self.root, &self.out, &Options::default(), build, &mut |_| {}) {
            Ok(Built::Written(summary)) => summary,
            other => panic!("a written build: {other:?}"),
        }
    }

    fn build(&self) -> BuildSummary {
        self.build_by(&BuildId::current())
    }

    /// The chart pack beside the output.
    fn pack(&self) -> Vec<u8> {
        fs::read(cache_folder(&self.out).join("charts.pack")).expect("the chart pack")
    }
}

fn cache_folder(out: &Path) -> PathBuf {
    let name = out.file_name().expect("named").to_string_lossy();
    out.with_file_name(format!(".{name}.flowsite-cache"))
}

/// The site and the chart pack a build of the project as it is now makes
/// from scratch (no output, no cache), with its build's summary.
fn from_scratch(project: &Project) -> (BTreeMap<String, Vec<u8>>, Vec<u8>, BuildSummary) {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let Ok(Built::Written(summary)) = flowsite::build(&project.root, &out) else {
        panic!("the build from scratch succeeds")
    };
    let pack = fs::read(cache_folder(&out).join("charts.pack")).expect("pack");
    (read_tree(&out), pack, summary)
}

/// Asserts that the project's site and chart pack are those a build from
/// scratch makes; returns how many charts that build drew (all of them).
fn assert_same_as_scratch(project: &Project, what: &str) -> usize {
    assert_same_site_as_scratch(project, what, true)
}

/// [`assert_same_as_scratch`], comparing the chart pack too if `pack`.
fn assert_same_site_as_scratch(project: &Project, what: &str, pack_too: bool) -> usize {
    let (site, pack, summary) = from_scratch(project);
    let built = read_tree(&project.out);
    let differing: Vec<&String> = site
        .keys()
        .chain(built.keys())
        .filter(|path| site.get(*path) != built.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: {} files differ from a build from scratch, first {:?}",
        differing.len(),
        differing.first()
    );
    if pack_too {
        assert!(
            project.pack() == pack,
            "{what}: the chart pack is the one a build from scratch makes"
        );
    }
    assert_eq!(summary.charts.reused, 0, "{what}: a build from scratch reuses nothing");
    summary.charts.drawn
}

#[test]
fn week_after_week_only_the_new_weeks_charts_are_drawn_and_the_site_is_the_one_from_scratch() {
    let project = Project::new(WEEKS - 4);
    let first = project.build();
    assert_eq!(first.charts.reused, 0, "the first build has nothing to reuse");
    let mut previous_total = first.charts.drawn;
    for weeks in WEEKS - 3..=WEEKS {
        project.publish(&history()[..weeks]);
        let summary = project.build();
        let total = assert_same_as_scratch(&project, &format!("{weeks} weeks"));
        assert_eq!(summary.charts.drawn + summary.charts.reused, total);
        // Charts of the old weeks are found; what shows the new week (its
        // brief's, each series' latest, the home page's) is drawn.
        assert!(
            summary.charts.reused >= previous_total - 8,
            "{weeks} weeks: {:?} of {total}",
            summary.charts
        );
        assert!(
            (1..=10).contains(&summary.charts.drawn),
            "{weeks} weeks: {:?}",
            summary.charts
        );
        previous_total = total;
    }
}

#[test]
fn a_revised_week_redraws_every_chart_through_it_and_no_earlier_one() {
    let project = Project::new(WEEKS);
    let before = project.build();
    // The publisher revises the figure of the 60th week.
    let mut revised = history();
    revised[59].1 += 1;
    project.publish(&revised);
    let summary = project.build();
    let total = assert_same_as_scratch(&project, "revised");
    assert_eq!(total, before.charts.drawn);
    // alpha's brief charts of weeks 60..=70 (two each) and its latest
    // charts (home, series page: the same requests as week 70's) change;
    // beta's and alpha's earlier ones do not.
    assert_eq!(summary.charts.drawn, 2 * (WEEKS - 59), "{:?}", summary.charts);
}

#[test]
fn an_annotation_redraws_the_charts_that_mark_it_and_a_renamed_series_its_own() {
    let project = Project::new(WEEKS);
    project.build();
    let last_week = history()[WEEKS - 1].0;
    project.edit_site_toml(|text| {
        format!(
            "{text}\n[[annotations]]\ndate = {}\nseries = \"beta\"\nlabel = \"Rates rise\"\n",
            last_week - Duration::days(3)
        )
    });
    let summary = project.build();
    assert_same_as_scratch(&project, "annotation");
    // Only beta's latest charts (weekly and year to date, on its page) are
    // beta's with that week; no brief shows beta's charts.
    assert_eq!(summary.charts.drawn, 2, "{:?}", summary.charts);

    project.edit_site_toml(|text| text.replace("net purchases of foreign bonds", "net buying of foreign bonds"));
    let summary = project.build();
    assert_same_as_scratch(&project, "renamed");
    assert_eq!(summary.charts.drawn, 2, "beta's charts only: {:?}", summary.charts);
}

#[test]
fn a_release_with_a_new_date_and_no_new_week_redraws_no_chart() {
    let project = Project::new(WEEKS);
    project.build();
    // The publisher's next release date, as every weekly release moves it:
    // the pages' publication dates change, no chart does.
    project.edit_site_toml(|text| text.replace(RELEASE, "version = 2026-02-12"));
    let summary = project.build();
    assert_same_as_scratch(&project, "new release date");
    assert_eq!(summary.charts.drawn, 0, "{:?}", summary.charts);
    assert!(
        summary.written.written > 0,
        "the pages saying when they were published changed"
    );
}

#[test]
fn a_stylesheet_of_its_own_redraws_nothing_and_rewrites_only_itself() {
    let project = Project::new(WEEKS);
    let first = project.build();
    assert!(first.images.drawn > 0, "the project draws images: {:?}", first.images);
    // The newsroom's own stylesheet, then an edit to it. No chart and no
    // image reads a stylesheet (the images carry their own colours), and
    // every page links it by the same name.
    let own = format!(
        "{}\n.brief h1 {{ letter-spacing: 0.01em; }}\n",
        flowsite::page::DEFAULT_STYLESHEET
    );
    fs::create_dir_all(project.root.join("static")).expect("static");
    for (what, css) in [
        ("its own stylesheet", own.clone()),
        ("an edited stylesheet", own.replace("0.01em", "0.02em")),
    ] {
        fs::write(project.root.join("static/style.css"), &css).expect("stylesheet");
        let summary = project.build();
        assert_eq!(summary.charts.drawn, 0, "{what}: {:?}", summary.charts);
        assert_eq!(summary.images.drawn, 0, "{what}: {:?}", summary.images);
        assert_eq!(
            (summary.written.written, summary.written.removed),
            (1, 0),
            "{what}: only style.css is written ({:?})",
            summary.written
        );
        assert_eq!(
            fs::read_to_string(project.out.join("style.css")).expect("published"),
            css
        );
        assert_same_as_scratch(&project, what);
    }
}

#[test]
fn a_new_flowsite_redraws_every_chart() {
    let project = Project::new(WEEKS);
    let first = project.build();
    let other = project.build_by(&BuildId::other("another flowsite"));
    assert_eq!(other.charts.reused, 0, "{:?}", other.charts);
    assert_eq!(other.charts.drawn, first.charts.drawn);
    // Nothing else changed, so the site is the same; the pack is another
    // flowsite's (its keys are).
    assert_same_site_as_scratch(&project, "another flowsite", false);
    let back = project.build();
    assert_eq!(back.charts.reused, 0, "the pack holds the other flowsite's charts only");
    assert_same_as_scratch(&project, "this flowsite again");
}

#[test]
fn a_damaged_or_foreign_chart_pack_is_never_trusted() {
    let project = Project::new(WEEKS);
    let first = project.build();
    let pack = cache_folder(&project.out).join("charts.pack");
    let whole = fs::read(&pack).expect("pack");
    project.publish(&history()[..WEEKS - 1]);
    project.build();
    project.publish(&history());
    for damaged in [
        whole[..whole.len() / 2].to_vec(),
        b"not a chart pack".to_vec(),
        // A pack of a layout this flowsite does not read.
        [b"flowsite chart pack 0\n".as_slice(), &whole[22..]].concat(),
    ] {
        fs::write(&pack, &damaged).expect("damage");
        let summary = project.build();
        assert_eq!(summary.charts.reused, 0, "{:?}", summary.charts);
        assert_eq!(summary.charts.drawn, first.charts.drawn);
        assert_same_as_scratch(&project, "after a damaged pack");
        // Force the next round to build again.
        project.publish(&history()[..WEEKS - 1]);
        project.build();
        project.publish(&history());
    }
}
