//! The output folder belongs to flowsite: a folder it did not write, the
//! project itself, or anything beside the output that is not flowsite's is
//! refused and left exactly as it was; an unwritable disk is an I/O error
//! that keeps the previous site; paths may change shape between builds.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, fixture, flowsite, path_str, read_tree, stderr};
use flowsite::output::{MARKER, MARKER_FILE, SitePlan, write_site};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A copy of the fixture site `name` at `to`.
fn copy_fixture(name: &str, to: &Path) {
    for (relative, bytes) in read_tree(&fixture(name)) {
        let target = to.join(relative);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }
}

/// The numbered problems flowsite printed, without their numbers.
fn problems(output: &std::process::Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter_map(|line| {
            let (number, rest) = line.trim_start().split_once(". ")?;
            number.parse::<usize>().ok().map(|_| rest.to_string())
        })
        .collect()
}

/// Whether the tests run as root (needed to make a folder another user owns).
fn running_as_root() -> bool {
    let probe = tempfile::NamedTempFile::new().expect("temp file");
    fs::metadata(probe.path()).expect("metadata").uid() == 0
}

#[test]
fn a_folder_flowsite_did_not_write_is_refused_and_left_alone_on_every_build() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("notes.txt"), "a reporter's notes").expect("write");
    fs::create_dir(out.join("drafts")).expect("mkdir");
    fs::write(out.join("drafts/piece.md"), "draft").expect("write");
    let before = read_tree(&out);
    for attempt in 1..=3 {
        let output = build(&fixture("valid/small-utf8"), &out);
        assert_eq!(output.status.code(), Some(1), "attempt {attempt}: {}", stderr(&output));
        assert_eq!(
            problems(&output),
            vec![format!(
                "{}: holds files flowsite did not write (choose a new or empty folder, or remove it yourself)",
                out.display()
            )]
        );
        assert!(stderr(&output).contains("nothing was written"), "{}", stderr(&output));
        assert_eq!(read_tree(&out), before, "attempt {attempt} changed the folder");
        assert_eq!(names(temp.path()), vec!["site-out"], "nothing is made beside it either");
    }
}

#[test]
fn the_default_output_inside_the_project_is_refused_when_it_holds_other_files() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("site");
    copy_fixture("valid/small-utf8", &root);
    fs::create_dir(root.join("site-out")).expect("mkdir");
    fs::write(root.join("site-out/keep.html"), "hand-made").expect("write");
    let output = flowsite(&["--root", path_str(&root)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("site-out: holds files flowsite did not write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(root.join("site-out/keep.html")).expect("read"),
        "hand-made"
    );
}

#[test]
fn an_empty_folder_is_adopted_and_then_kept_up_to_date() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    fs::create_dir(&out).expect("mkdir");
    for round in 1..=3 {
        let output = build(&fixture("valid/small-utf8"), &out);
        assert!(output.status.success(), "round {round}: {}", stderr(&output));
        assert_eq!(fs::read(out.join(MARKER_FILE)).expect("marker"), MARKER);
        assert!(out.join("index.html").is_file());
    }
}

#[test]
fn an_output_folder_that_is_or_holds_the_project_is_refused() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("site");
    copy_fixture("valid/small-utf8", &root);
    fs::create_dir(root.join("static")).expect("static/");
    fs::write(root.join("static/logo.txt"), "logo").expect("write");
    symlink(root.join("content"), temp.path().join("content-link")).expect("symlink");
    let project = read_tree(&root);
    let cases: [(PathBuf, &str); 9] = [
        (root.clone(), "is the project folder itself"),
        (root.join("."), "is the project folder itself"),
        (temp.path().to_path_buf(), "contains the project folder"),
        (root.join("content"), "lies inside the project's input `content`"),
        (root.join("data"), "lies inside the project's input `data`"),
        (root.join("static/new/site"), "lies inside the project's input `static`"),
        (root.join("site.toml"), "lies inside the project's input `site.toml`"),
        (
            root.join("site-out/../content"),
            "lies inside the project's input `content`",
        ),
        (
            temp.path().join("content-link"),
            "lies inside the project's input `content`",
        ),
    ];
    for (out, message) in &cases {
        let output = build(&root, out);
        assert_eq!(output.status.code(), Some(1), "{}: {}", out.display(), stderr(&output));
        let listed = problems(&output);
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert!(
            listed[0].starts_with(&format!("{}: {message}", out.display())),
            "{}: {listed:?}",
            out.display()
        );
        assert_eq!(read_tree(&root), project, "{} changed the project", out.display());
    }
    // The default output inside the project is, of course, fine.
    let output = build(&root, &root.join("site-out"));
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_spare_flowsite_did_not_write_is_refused_and_kept() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let site = read_tree(&out);
    let spare = temp.path().join(".site-out.flowsite-spare");
    fs::create_dir(&spare).expect("mkdir");
    fs::write(spare.join("mine.txt"), "not flowsite's").expect("write");
    let output = build(&fixture("valid/small-cp932"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        problems(&output),
        vec![format!(
            "{}: holds files flowsite did not write, at the path where flowsite keeps a copy of the site \
             (remove it yourself, or choose another output folder)",
            spare.display()
        )]
    );
    assert_eq!(
        fs::read_to_string(spare.join("mine.txt")).expect("read"),
        "not flowsite's"
    );
    assert_eq!(names(&spare), vec!["mine.txt"]);
    assert_eq!(read_tree(&out), site, "the site stays as it was");
}

#[test]
fn a_spare_that_is_a_link_is_refused_and_what_it_points_to_is_untouched() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let victim = temp.path().join("elsewhere");
    fs::create_dir(&victim).expect("mkdir");
    fs::write(victim.join("precious.txt"), "keep").expect("write");
    // Even a marker inside does not make a link flowsite's.
    fs::write(victim.join(MARKER_FILE), MARKER).expect("write");
    symlink(&victim, temp.path().join(".site-out.flowsite-spare")).expect("symlink");
    let output = build(&fixture("valid/small-cp932"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(".site-out.flowsite-spare: is a symbolic link, at the path where flowsite keeps"),
        "{}",
        stderr(&output)
    );
    assert_eq!(names(&victim), vec![MARKER_FILE, "precious.txt"]);
}

#[test]
fn a_lock_that_is_a_link_is_refused_and_never_followed() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let lock = temp.path().join(".site-out.flowsite-spare.lock");
    let target = temp.path().join("would-be-created");
    symlink(&target, &lock).expect("symlink");
    let output = build(&fixture("valid/small-utf8"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            ".site-out.flowsite-spare.lock: is a symbolic link, at the path where flowsite keeps its lock file"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!target.exists(), "the link was not followed to create its target");
    assert!(!out.exists());
    // A link to an existing file is not opened either.
    fs::write(&target, "keep").expect("write");
    let output = build(&fixture("valid/small-utf8"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&target).expect("read"), "keep");
}

#[test]
fn a_spare_or_lock_another_user_made_is_refused_not_adopted() {
    // In a folder other users can write to, someone else may create the
    // spare (empty, or with a copied marker) or the lock before the first
    // build. Making a file another user owns needs root, which CI has.
    assert!(
        running_as_root(),
        "this test makes folders owned by another user and must run as root"
    );
    let stranger = 4242;
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let spare = temp.path().join(".site-out.flowsite-spare");
    for with_marker in [false, true] {
        fs::create_dir(&spare).expect("mkdir");
        if with_marker {
            fs::write(spare.join(MARKER_FILE), MARKER).expect("write");
            std::os::unix::fs::chown(spare.join(MARKER_FILE), Some(stranger), Some(stranger)).expect("chown");
        }
        std::os::unix::fs::chown(&spare, Some(stranger), Some(stranger)).expect("chown");
        let output = build(&fixture("valid/small-utf8"), &out);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(
            problems(&output),
            vec![format!(
                "{}: belongs to another user, at the path where flowsite keeps a copy of the site \
                 (remove it yourself, or choose another output folder)",
                spare.display()
            )]
        );
        assert_eq!(fs::metadata(&spare).expect("spare").uid(), stranger);
        let expected: Vec<&str> = if with_marker { vec![MARKER_FILE] } else { vec![] };
        assert_eq!(names(&spare), expected, "nothing was written into it");
        assert!(!out.exists());
        fs::remove_dir_all(&spare).expect("clean up");
    }
    // A lock file of another user.
    let lock = temp.path().join(".site-out.flowsite-spare.lock");
    fs::write(&lock, "").expect("write");
    std::os::unix::fs::chown(&lock, Some(stranger), Some(stranger)).expect("chown");
    let output = build(&fixture("valid/small-utf8"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(".site-out.flowsite-spare.lock: belongs to another user"),
        "{}",
        stderr(&output)
    );
    // An output folder of another user, even one flowsite wrote.
    fs::remove_file(&lock).expect("clean up");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    std::os::unix::fs::chown(&out, Some(stranger), Some(stranger)).expect("chown");
    let before = read_tree(&out);
    let output = build(&fixture("valid/small-cp932"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("site-out: belongs to another user"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_tree(&out), before);
}

/// A plan from (path, content) pairs.
fn plan(files: &[(&str, &str)]) -> SitePlan {
    SitePlan {
        files: files
            .iter()
            .map(|(path, bytes)| (path.to_string(), std::sync::Arc::new(bytes.as_bytes().to_vec())))
            .collect(),
    }
}

/// The site at `out` without its marker, as a plan's files.
fn site_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = read_tree(out);
    assert_eq!(
        files.remove(MARKER_FILE).as_deref(),
        Some(MARKER),
        "the marker is there"
    );
    let manifest = files
        .remove(flowsite::output::MANIFEST_FILE)
        .expect("the manifest is there");
    let listed: Vec<&str> = std::str::from_utf8(&manifest).expect("UTF-8").lines().collect();
    assert_eq!(
        listed,
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        "the manifest lists exactly the site's files"
    );
    files
}

#[test]
fn a_path_that_turns_from_folder_to_file_and_back_builds_every_time() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let builds = [
        plan(&[
            ("x/index.html", "x is a folder"),
            ("a", "a is a file"),
            ("keep.html", "k"),
        ]),
        plan(&[
            ("x", "x is a file"),
            ("a/b/c.html", "a is a folder"),
            ("keep.html", "k"),
        ]),
        plan(&[
            ("x/index.html", "x is a folder again"),
            ("a", "a is a file again"),
            ("keep.html", "k"),
        ]),
        plan(&[("x", "x is a file again"), ("a/b", "a/b is a file"), ("keep.html", "k")]),
        plan(&[
            ("x/y/z.html", "x is deeper"),
            ("a/b/c.html", "a/b is a folder"),
            ("keep.html", "k"),
        ]),
        plan(&[
            ("x", "x is a file at last"),
            ("a", "a is a file at last"),
            ("keep.html", "k"),
        ]),
    ];
    for (number, plan) in builds.iter().enumerate() {
        write_site(plan, &out).unwrap_or_else(|error| panic!("build {}: {error}", number + 1));
        let planned: BTreeMap<String, Vec<u8>> = plan
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
            .collect();
        assert_eq!(site_files(&out), planned, "build {}", number + 1);
    }
}

#[test]
fn a_read_only_disk_is_an_io_error_the_old_site_stays_and_the_next_build_succeeds() {
    // A file system of our own in a user and mount namespace, so that no
    // privileges are needed and root's power over permission bits does not
    // matter: it is made read-only between two builds, then writable again.
    let temp = tempfile::tempdir().expect("temp dir");
    let disk = temp.path().join("disk");
    let copy = temp.path().join("copy");
    let fresh = temp.path().join("fresh");
    fs::create_dir(&disk).expect("mkdir");
    assert!(build(&fixture("valid/small-cp932"), &fresh).status.success());
    let script = format!(
        "set -e; mount -t tmpfs -o size=16m tmpfs '{disk}'; \
         '{bin}' build --root '{old}' --out '{disk}/site-out' >/dev/null; \
         cp -a '{disk}/site-out' '{copy}'; \
         mount -o remount,ro '{disk}'; \
         set +e; '{bin}' build --root '{new}' --out '{disk}/site-out'; echo \"exit=$?\"; \
         diff -r '{copy}' '{disk}/site-out' && echo same; \
         mount -o remount,rw '{disk}'; \
         '{bin}' build --root '{new}' --out '{disk}/site-out' >/dev/null; echo \"after=$?\"; \
         diff -r '{fresh}' '{disk}/site-out' && echo new-site",
        disk = path_str(&disk),
        copy = path_str(&copy),
        fresh = path_str(&fresh),
        bin = env!("CARGO_BIN_EXE_flowsite"),
        old = path_str(&fixture("valid/small-utf8")),
        new = path_str(&fixture("valid/small-cp932")),
    );
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .output()
        .expect("unshare runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let errors = stderr(&output);
    assert!(output.status.success(), "namespace script failed: {errors}");
    assert!(stdout.contains("exit=2"), "a read-only disk exits 2: {stdout} {errors}");
    assert!(errors.contains("Read-only file system"), "{errors}");
    assert!(errors.contains("the previous site was left as it was"), "{errors}");
    assert!(stdout.contains("same"), "the old site changed: {stdout}");
    assert!(
        stdout.contains("after=0"),
        "the build after the fix fails: {stdout} {errors}"
    );
    assert!(
        stdout.contains("new-site"),
        "the build after the fix is whole: {stdout}"
    );
}

#[test]
fn an_output_that_cannot_be_replaced_is_an_io_error_and_nothing_beside_it_is_removed() {
    // An immutable output folder (chattr +i, which needs root and a file
    // system with attributes, as CI has) cannot be exchanged: the build
    // fails with exit 2, the old site is still served, and no folder of a
    // similar name is removed on the way.
    assert!(running_as_root(), "chattr +i needs root");
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site");
    assert!(build(&fixture("valid/small-utf8"), &out).status.success());
    let before = read_tree(&out);
    let users = temp.path().join(".site.old");
    fs::create_dir(&users).expect("mkdir");
    fs::write(users.join("keep.txt"), "mine").expect("write");
    let chattr = |flag: &str| {
        let status = Command::new("chattr")
            .args([flag, path_str(&out)])
            .status()
            .expect("chattr runs");
        assert!(
            status.success(),
            "chattr {flag} failed: this test needs ext4 or another file system with attributes"
        );
    };
    chattr("+i");
    let output = build(&fixture("valid/small-cp932"), &out);
    chattr("-i");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Operation not permitted"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("the previous site was left as it was"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_tree(&out), before, "the old site is still served");
    assert_eq!(fs::read_to_string(users.join("keep.txt")).expect("read"), "mine");
    let output = build(&fixture("valid/small-cp932"), &out);
    assert!(output.status.success(), "the build after the fix: {}", stderr(&output));
}

#[test]
fn check_never_speaks_of_a_previous_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let missing = flowsite(&["check", "--root", path_str(&temp.path().join("nowhere"))]);
    assert_eq!(missing.status.code(), Some(2));
    let invalid = flowsite(&["check", "--root", path_str(&fixture("invalid/unknown-config-key"))]);
    assert_eq!(invalid.status.code(), Some(1));
    for output in [&missing, &invalid] {
        let text = stderr(output);
        assert!(!text.contains("previous site"), "{text}");
        assert!(text.contains("nothing was written"), "{text}");
    }
}

#[test]
fn a_failed_first_build_does_not_claim_a_previous_site() {
    let temp = tempfile::tempdir().expect("temp dir");
    let blocker = temp.path().join("a-file");
    fs::write(&blocker, "not a folder").expect("write");
    let output = build(&fixture("valid/small-utf8"), &blocker.join("site-out"));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(!text.contains("previous site"), "{text}");
    assert!(text.contains("no site was written"), "{text}");
}

#[test]
fn a_file_added_to_a_site_flowsite_wrote_is_never_removed() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let first = build(&fixture("valid/small-utf8"), &out);
    assert!(first.status.success(), "{}", stderr(&first));
    // A publisher drops a host's settings file and a folder into the site.
    fs::write(out.join("CNAME"), "flows.example.org\n").expect("write");
    fs::create_dir(out.join("extra")).expect("mkdir");
    fs::write(out.join("extra/notes.txt"), "notes").expect("write");
    let before = read_tree(&out);
    for attempt in 1..=2 {
        let output = build(&fixture("valid/small-utf8"), &out);
        assert_eq!(output.status.code(), Some(1), "attempt {attempt}: {}", stderr(&output));
        let found = problems(&output);
        for name in ["CNAME", "extra", "extra/notes.txt"] {
            assert!(
                found.iter().any(|problem| problem
                    .starts_with(&format!("{}: flowsite did not write this", out.join(name).display()))),
                "attempt {attempt}: {name} not named in {found:?}"
            );
        }
        assert_eq!(read_tree(&out), before, "attempt {attempt} changed the site folder");
    }
    // Once the files are gone, the site builds again.
    fs::remove_file(out.join("CNAME")).expect("remove");
    fs::remove_dir_all(out.join("extra")).expect("remove");
    let again = build(&fixture("valid/small-utf8"), &out);
    assert!(again.status.success(), "{}", stderr(&again));
    let manifest = fs::read_to_string(out.join(flowsite::output::MANIFEST_FILE)).expect("manifest");
    assert!(manifest.lines().any(|line| line == "index.html"), "{manifest}");
}
