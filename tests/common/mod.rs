//! Helpers shared by the integration tests: run the binary, read trees.

#![allow(dead_code)]
// Tests make projects and inspect sites: the file-system calls only `load`
// and `output` may make in the crate are theirs to use.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the sample site's project folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Runs the flowsite binary with `args`.
///
/// Every build shares one image cache (`FLOWSITE_CACHE_DIR`), so that the
/// thousands of PNGs of the sample site are drawn once per test run rather
/// than once per build: a cached PNG is the one drawing makes, byte for
/// byte (`tests/travel.rs` checks that, with the cache beside the output).
pub fn flowsite(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args(args)
        .env("FLOWSITE_CACHE_DIR", shared_image_cache())
        .output()
        .expect("the flowsite binary runs")
}

/// The image cache the tests' builds share.
pub fn shared_image_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("image-cache")
}

/// Runs `flowsite build --root ROOT --out OUT`.
pub fn build(root: &Path, out: &Path) -> Output {
    flowsite(&["build", "--root", path_str(root), "--out", path_str(out)])
}

/// A path as a &str (test paths are UTF-8).
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 test path")
}

/// Every file under `dir`: relative path -> bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, std::fs::read(entry.path()).expect("read"));
        }
    }
    files
}

/// Builds the fixture site `name` into a temporary folder and returns
/// every file it wrote; the build must succeed.
pub fn built_fixture(name: &str) -> BTreeMap<String, Vec<u8>> {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let output = build(&fixture(name), &out);
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    read_tree(&out)
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the fixture site `name` at `to` (a project to edit).
pub fn copy_site(name: &str, to: &Path) {
    for (relative, bytes) in read_tree(&fixture(name)) {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

/// Every file of a built site, by path.
pub type Site = BTreeMap<String, Vec<u8>>;

/// The sample site (the repository's own project), built once per test
/// binary.
pub fn sample_site() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let temp = tempfile::tempdir().expect("temp dir");
        let out = temp.path().join("site-out");
        let output = build(&repo_root(), &out);
        assert!(output.status.success(), "{}", stderr(&output));
        read_tree(&out)
    })
}

/// Removes every `<open ...>...</close>` block.
pub fn without_blocks(html: &str, open: &str, close: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find(open) {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find(close).map_or(after.len(), |at| at + close.len());
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept
}

/// A brief page's article as a reader reads it, still with its entities:
/// headline, standfirst, dateline, paragraphs and headings, a line break
/// after each, without its charts and the figures table.
pub fn article_text(html: &str) -> String {
    let start = html.find("<article").expect("article");
    let end = html.find("</article>").expect("article end");
    let article = without_blocks(&html[start..end], "<figure", "</figure>");
    let article = without_blocks(&article, "<section aria-labelledby=\"week-figures\"", "</section>");
    let mut text = String::new();
    let mut tag = String::new();
    let mut in_tag = false;
    for c in article.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                if ["/p", "/h1", "/h2", "/li"].contains(&tag.as_str()) {
                    text.push('\n');
                }
            }
            c if in_tag => tag.push(c),
            c => text.push(c),
        }
    }
    text
}
