//! Only the project's own files are read or published: a symbolic link
//! anywhere flowsite reads is a problem with its path, never followed and
//! never skipped, and static files are published readable by everyone
//! whatever mode they had.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, fixture, flowsite, path_str, read_tree, stderr};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};

const OUTSIDE: &str = "is a symbolic link to a place outside the project (flowsite reads only the project's own \
                       files: copy what it points to into the project, or remove the link)";
const INSIDE: &str = "is a symbolic link (flowsite reads no links, not even to the project's own files: replace it \
                      with a copy of what it points to)";
const DANGLING: &str = "is a symbolic link to something that does not exist (remove the link)";

/// A project (the small fixture plus a static folder) at `temp/site`, and a
/// folder outside it holding a secret.
fn project(temp: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let root = temp.join("site");
    for (relative, bytes) in read_tree(&fixture("valid/small-utf8")) {
        let target = root.join(relative);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }
    fs::create_dir_all(root.join("static/img")).expect("mkdir");
    fs::write(root.join("static/img/logo.svg"), "<svg/>").expect("write");
    let outside = temp.join("outside");
    fs::create_dir(&outside).expect("mkdir");
    fs::write(outside.join("shadow"), "root:secret").expect("write");
    fs::write(outside.join("week.csv"), "secret,data").expect("write");
    fs::write(
        outside.join("note.md"),
        "+++\ntitle = \"x\"\ndate = 2026-01-01\n+++\nsecret",
    )
    .expect("write");
    (root, outside)
}

/// The numbered problems flowsite printed, without their numbers.
fn problems(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.trim_start().split_once(". ")?;
            number.parse::<usize>().ok().map(|_| rest.to_string())
        })
        .collect()
}

/// Builds `root` into a fresh folder, expecting exit 1 with nothing written.
fn refused(root: &Path) -> Vec<String> {
    let out = root.with_file_name("out");
    let output = build(root, &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.exists(), "nothing was published");
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    problems(&output)
}

#[test]
fn a_static_folder_linked_outside_the_project_is_refused_and_nothing_is_published() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, outside) = project(temp.path());
    fs::remove_dir_all(root.join("static")).expect("rm");
    symlink(&outside, root.join("static")).expect("symlink");
    assert_eq!(refused(&root), vec![format!("static: {OUTSIDE}")]);
    // The machine's own folders are no different.
    fs::remove_file(root.join("static")).expect("rm");
    symlink("/etc", root.join("static")).expect("symlink");
    assert_eq!(refused(&root), vec![format!("static: {OUTSIDE}")]);
}

#[test]
fn every_link_to_outside_the_project_is_listed_whatever_its_level() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, outside) = project(temp.path());
    // The data file the site declares, a commentary folder, a static file
    // deep down, and a static folder.
    fs::remove_file(root.join("data/week.csv")).expect("rm");
    symlink(outside.join("week.csv"), root.join("data/week.csv")).expect("symlink");
    symlink(&outside, root.join("content/more")).expect("symlink");
    symlink(outside.join("shadow"), root.join("static/img/shadow.txt")).expect("symlink");
    symlink(&outside, root.join("static/etc")).expect("symlink");
    // A link in data/ is reported even with an extension flowsite ignores.
    symlink(outside.join("shadow"), root.join("data/readme.txt")).expect("symlink");
    assert_eq!(
        refused(&root),
        vec![
            format!("content/more: {OUTSIDE}"),
            format!("data/readme.txt: {OUTSIDE}"),
            format!("data/week.csv: {OUTSIDE}"),
            format!("static/etc: {OUTSIDE}"),
            format!("static/img/shadow.txt: {OUTSIDE}"),
        ]
    );
}

#[test]
fn content_data_and_site_toml_linked_outside_are_refused() {
    for linked in ["content", "data", "site.toml"] {
        let temp = tempfile::tempdir().expect("temp dir");
        let (root, outside) = project(temp.path());
        let moved = outside.join(linked);
        fs::rename(root.join(linked), &moved).expect("move out");
        symlink(&moved, root.join(linked)).expect("symlink");
        let listed = refused(&root);
        assert_eq!(
            listed.first(),
            Some(&format!("{linked}: {OUTSIDE}")),
            "{linked}: {listed:?}"
        );
    }
}

#[test]
fn a_link_that_stays_inside_the_project_is_refused_too() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, _) = project(temp.path());
    symlink("logo.svg", root.join("static/img/copy.svg")).expect("symlink");
    symlink("../content", root.join("static/notes")).expect("symlink");
    symlink("missing.svg", root.join("static/img/gone.svg")).expect("symlink");
    assert_eq!(
        refused(&root),
        vec![
            format!("static/img/copy.svg: {INSIDE}"),
            format!("static/img/gone.svg: {DANGLING}"),
            format!("static/notes: {INSIDE}"),
        ]
    );
}

#[test]
fn check_reports_links_as_build_does() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, outside) = project(temp.path());
    symlink(outside.join("shadow"), root.join("static/shadow")).expect("symlink");
    let output = flowsite(&["check", "--root", path_str(&root)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(problems(&output), vec![format!("static/shadow: {OUTSIDE}")]);
}

#[test]
fn a_project_folder_reached_through_a_link_builds() {
    // The root itself may be a link: only what lies below it is judged.
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, _) = project(temp.path());
    let link = temp.path().join("site-link");
    symlink(&root, &link).expect("symlink");
    let out = temp.path().join("out");
    let output = build(&link, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read(out.join("img/logo.svg")).expect("static file"), b"<svg/>");
}

#[test]
fn static_files_are_published_readable_by_everyone_whatever_their_mode() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (root, _) = project(temp.path());
    let set_mode = |path: &Path, mode: u32| fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    fs::write(root.join("static/img/private.txt"), "p").expect("write");
    set_mode(&root.join("static/img/private.txt"), 0o600);
    fs::write(root.join("static/run.sh"), "#!/bin/sh").expect("write");
    set_mode(&root.join("static/run.sh"), 0o755);
    set_mode(&root.join("static/img"), 0o700);
    let out = temp.path().join("out");
    // A strict umask must not make the published site unreadable either.
    let output = Command::new("sh")
        .args([
            "-c",
            &format!(
                "umask 077; exec '{}' build --root '{}' --out '{}'",
                env!("CARGO_BIN_EXE_flowsite"),
                path_str(&root),
                path_str(&out)
            ),
        ])
        .output()
        .expect("sh runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let mode = |path: &str| fs::metadata(out.join(path)).expect(path).permissions().mode() & 0o7777;
    for file in ["img/private.txt", "run.sh", "img/logo.svg", "index.html"] {
        assert_eq!(mode(file), 0o644, "{file}");
    }
    for folder in ["", "img", "series"] {
        assert_eq!(mode(folder), 0o755, "{folder:?}");
    }
}
