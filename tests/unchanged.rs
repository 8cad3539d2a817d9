//! A build over unchanged inputs stops after loading and touches nothing;
//! every change to what the site depends on (an input file, the options,
//! flowsite itself, or the site on disk) makes a full build, which leaves
//! exactly the site a build from scratch makes.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{copy_site, flowsite, path_str, read_tree, stderr};
use flowsite::output::BuildId;
use flowsite::{Built, Options};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const DRAFT: &str = "content/draft.md";

/// A small project with data, commentary (one of it a draft) and a static
/// file, and where its site goes.
struct Project {
    _temp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

fn project() -> Project {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/tidy", &root);
    fs::create_dir_all(root.join("static")).expect("mkdir");
    fs::write(root.join("static/extra.css"), "body { margin: 0 }\n").expect("static file");
    fs::write(
        root.join(DRAFT),
        "+++\ntitle = \"Draft piece\"\ndate = 2025-03-12\ndraft = true\n+++\n\nNot yet.\n",
    )
    .expect("draft");
    let out = temp.path().join("site-out");
    Project { _temp: temp, root, out }
}

fn build_by(project: &Project, options: Options, build: &BuildId) -> Built {
    flowsite::build_by(&project.root, &project.out, &options, build, &mut |_| {}).expect("the build succeeds")
}

fn build(project: &Project, options: Options) -> Built {
    build_by(project, options, &BuildId::current())
}

fn published() -> Options {
    Options { drafts: false }
}

/// The site a build from scratch makes of the project as it is now.
fn from_scratch(project: &Project, options: Options) -> BTreeMap<String, Vec<u8>> {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    flowsite::build_with(&project.root, &out, &options, &mut |_| {}).expect("the build from scratch succeeds");
    read_tree(&out)
}

/// Every file and folder below `dir` (hidden ones too) -> inode,
/// modification and change time.
fn stats(dir: &Path) -> BTreeMap<PathBuf, (u64, i64, i64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| {
            let entry = entry.expect("walk");
            let metadata = fs::symlink_metadata(entry.path()).expect("stat");
            (
                entry.path().to_path_buf(),
                (
                    metadata.ino(),
                    metadata.mtime(),
                    metadata.mtime_nsec(),
                    metadata.ctime(),
                    metadata.ctime_nsec(),
                ),
            )
        })
        .collect()
}

/// Asserts that the next build runs in full and leaves exactly the site a
/// build from scratch makes, and that the build after it finds nothing
/// changed again.
fn assert_rebuilt_in_full(project: &Project, options: Options, what: &str) {
    let built = build(project, options);
    assert!(matches!(built, Built::Written(_)), "{what}: {built:?}");
    assert_eq!(
        read_tree(&project.out),
        from_scratch(project, options),
        "{what}: the site is the one a build from scratch makes"
    );
    assert!(
        matches!(build(project, options), Built::Unchanged(_)),
        "{what}: the build after it finds nothing changed"
    );
}

/// A built project whose next build finds nothing changed.
fn built_project() -> Project {
    let project = project();
    assert!(matches!(build(&project, published()), Built::Written(_)));
    assert!(matches!(build(&project, published()), Built::Unchanged(_)));
    project
}

#[test]
fn an_unchanged_rebuild_says_so_and_touches_no_file() {
    let project = project();
    let first = flowsite(&[
        "build",
        "--root",
        path_str(&project.root),
        "--out",
        path_str(&project.out),
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let parent = project.out.parent().expect("parent");
    let before = stats(parent);
    let site = read_tree(&project.out);
    for _ in 0..2 {
        let again = flowsite(&[
            "build",
            "--root",
            path_str(&project.root),
            "--out",
            path_str(&project.out),
        ]);
        assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
        let said = String::from_utf8_lossy(&again.stdout);
        let files = site.keys().filter(|path| !path.starts_with(".flowsite-")).count();
        assert!(
            said.starts_with(&format!("Unchanged: {files} files (")) && said.contains("nothing rendered or written"),
            "{said}"
        );
        assert_eq!(stats(parent), before, "no file or folder beside or in the site changed");
        assert_eq!(read_tree(&project.out), site);
    }
    // `check` never takes the shortcut: it renders every page.
    let checked = flowsite(&["check", "--root", path_str(&project.root)]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(String::from_utf8_lossy(&checked.stdout).starts_with("Checked: no problems."));
}

#[test]
fn an_unchanged_rebuild_repeats_the_warnings_of_its_build() {
    let project = project();
    let config = fs::read_to_string(project.root.join("site.toml")).expect("site.toml");
    let without_url: String = config
        .lines()
        .filter(|line| !line.starts_with("base_url"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(project.root.join("site.toml"), without_url).expect("write");
    let args = [
        "build",
        "--root",
        path_str(&project.root),
        "--out",
        path_str(&project.out),
    ];
    let first = flowsite(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("warning: "), "{}", stderr(&first));
    let again = flowsite(&args);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Unchanged: "));
    assert_eq!(stderr(&again), stderr(&first), "the same warnings, word for word");
}

#[test]
fn an_edited_data_file_rebuilds_the_site() {
    let project = built_project();
    let path = project.root.join("data/flows.csv");
    let data = fs::read_to_string(&path).expect("read");
    assert!(data.contains("2025-01-04,alpha,-40\n"));
    fs::write(&path, data.replace("2025-01-04,alpha,-40\n", "2025-01-04,alpha,-41\n")).expect("write");
    assert_rebuilt_in_full(&project, published(), "edited data file");
}

#[test]
fn an_edited_commentary_file_rebuilds_the_site() {
    let project = built_project();
    let path = project.root.join("content/note.md");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replace("title = \"Tidy note\"", "title = \"Tidy notes\"")).expect("write");
    assert_rebuilt_in_full(&project, published(), "edited commentary");
}

#[test]
fn an_edited_static_file_rebuilds_the_site() {
    let project = built_project();
    fs::write(project.root.join("static/extra.css"), "body { margin: 1px }\n").expect("write");
    assert_rebuilt_in_full(&project, published(), "edited static file");
}

#[test]
fn a_changed_site_toml_rebuilds_the_site() {
    let project = built_project();
    let path = project.root.join("site.toml");
    let config = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        config.replace("title = \"Tidy fixture\"", "title = \"Tidy fixtures\""),
    )
    .expect("write");
    assert_rebuilt_in_full(&project, published(), "changed site.toml");
}

#[test]
fn a_new_file_among_the_inputs_rebuilds_the_site() {
    let project = built_project();
    fs::write(project.root.join("static/humans.txt"), "Made by a newsroom.\n").expect("write");
    assert_rebuilt_in_full(&project, published(), "new static file");
    fs::remove_file(project.root.join("static/humans.txt")).expect("remove");
    assert_rebuilt_in_full(&project, published(), "removed static file");
}

#[test]
fn a_deleted_output_file_is_restored() {
    let project = built_project();
    fs::remove_file(project.out.join("series/alpha/index.html")).expect("remove");
    assert_rebuilt_in_full(&project, published(), "deleted output file");
}

#[test]
fn an_output_file_edited_by_hand_is_restored() {
    for what in ["same size", "another size"] {
        let project = built_project();
        let path = project.out.join("index.html");
        let page = fs::read(&path).expect("read");
        let mut edited = page.clone();
        if what == "same size" {
            edited[0] = b' ';
        } else {
            edited.extend_from_slice(b"<!-- edited -->");
        }
        // Written in place, as an editor saving over the file may: same
        // inode. (On kernels without fine-grained file times, an edit in
        // the very clock tick of the build's own write could keep the
        // times; nobody edits that fast, so neither does this test.)
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, &edited))
            .expect("edit in place");
        assert_rebuilt_in_full(&project, published(), what);
        assert_eq!(fs::read(&path).expect("read"), page, "{what}: the page is as built");
    }
}

#[test]
fn drafts_on_then_off_rebuild_the_site() {
    let project = built_project();
    assert!(!read_tree(&project.out).keys().any(|path| path.contains("draft")));
    assert_rebuilt_in_full(&project, Options { drafts: true }, "drafts on");
    assert!(read_tree(&project.out).keys().any(|path| path.contains("draft")));
    assert_rebuilt_in_full(&project, published(), "drafts off");
    assert!(!read_tree(&project.out).keys().any(|path| path.contains("draft")));
}

#[test]
fn a_new_flowsite_build_rebuilds_the_site() {
    let project = built_project();
    let other = BuildId::other("another flowsite");
    assert!(matches!(build_by(&project, published(), &other), Built::Written(_)));
    assert!(matches!(build_by(&project, published(), &other), Built::Unchanged(_)));
    assert!(
        matches!(build(&project, published()), Built::Written(_)),
        "and back to this one"
    );
}

#[test]
fn a_file_added_to_the_site_by_hand_is_refused_not_skipped() {
    for place in ["notes.txt", "series/alpha/notes.txt"] {
        let project = built_project();
        fs::write(project.out.join(place), "mine").expect("write");
        let error = flowsite::build(&project.root, &project.out).expect_err("refused");
        assert_eq!(error.exit_code(), 1, "{place}: {error}");
        assert_eq!(fs::read_to_string(project.out.join(place)).expect("kept"), "mine");
    }
}

#[test]
fn a_record_of_another_site_is_not_trusted() {
    // What a build killed between putting its site in place and recording
    // it would leave, had it not removed the old record first: the record
    // of the previous site beside the new one.
    let project = built_project();
    let record = project.out.parent().expect("parent").join(".site-out.flowsite-build");
    let old_record = fs::read(&record).expect("record");
    let path = project.root.join("content/note.md");
    let note = fs::read_to_string(&path).expect("read");
    fs::write(&path, note.replace("Tidy note", "Tidy notes")).expect("write");
    assert!(matches!(build(&project, published()), Built::Written(_)));
    fs::write(&path, note).expect("write back");
    fs::remove_file(&record).expect("remove");
    fs::write(&record, old_record).expect("put the old record back");
    assert_rebuilt_in_full(&project, published(), "record of the previous site");
}

#[test]
fn a_damaged_or_missing_record_means_a_full_build() {
    let project = built_project();
    let record = project.out.parent().expect("parent").join(".site-out.flowsite-build");
    let text = fs::read(&record).expect("record");
    fs::write(&record, &text[..text.len() / 2]).expect("cut short");
    assert_rebuilt_in_full(&project, published(), "record cut short");
    fs::remove_file(&record).expect("remove");
    assert_rebuilt_in_full(&project, published(), "no record");
}
