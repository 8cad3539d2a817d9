//! The preview keeps its charts and pages between rebuilds, as `flowsite
//! serve` does, and the site it serves after each edit is, byte for byte,
//! the site a render from scratch makes. Edits of commentary take most
//! pages from memory and edits of `static/` every one (no page reads a
//! stylesheet); edits of the data or `site.toml` take none.

// Tests edit projects on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use flowsite::cache::{Bytes, Generations, Key, Store};
use flowsite::chart::{ChartReuse, ChartSvg};
use flowsite::error::Error;
use flowsite::{Options, Site};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The page store of one rebuild, counting the values it gives back.
struct Counted<'a> {
    store: &'a Generations,
    found: AtomicUsize,
}

impl Store for Counted<'_> {
    fn get(&self, key: Key) -> Result<Option<Bytes>, Error> {
        let found = self.store.get(key)?;
        if found.is_some() {
            self.found.fetch_add(1, Ordering::Relaxed);
        }
        Ok(found)
    }

    fn put(&self, key: Key, bytes: Bytes) -> Result<(), Error> {
        self.store.put(key, bytes)
    }
}

/// A project under edit with the memory `flowsite serve` keeps.
struct Preview {
    _temp: tempfile::TempDir,
    root: PathBuf,
    charts: Generations<ChartSvg>,
    pages: Generations,
}

impl Preview {
    fn new() -> Preview {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("project");
        common::copy_site("valid/annotated", &root);
        Preview {
            _temp: temp,
            root,
            charts: Generations::new(),
            pages: Generations::new(),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn edit(&self, relative: &str, edit: impl Fn(&str) -> String) {
        let path = self.path(relative);
        let text = fs::read_to_string(&path).unwrap_or_default();
        let edited = edit(&text);
        assert_ne!(edited, text, "{relative}: the edit changes the file");
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).expect("folder");
        }
        fs::write(&path, edited).expect("write");
    }

    /// Renders as one rebuild of the preview does; returns the site and
    /// how many values its page store gave back.
    fn rebuild(&mut self) -> (Site, usize) {
        let charts = std::mem::take(&mut self.charts);
        let pages = std::mem::take(&mut self.pages);
        let counted = Counted {
            store: &pages,
            found: AtomicUsize::new(0),
        };
        let reuse = ChartReuse {
            store: &flowsite::cache::NoStore,
            build: flowsite::output::BUILD_ID,
            memo: Some(&charts),
        };
        let site = flowsite::render_site_reusing(&self.root, &drafts(), &reuse, &counted, &mut |_| {})
            .expect("the preview renders");
        let found = counted.found.load(Ordering::Relaxed);
        self.charts = charts.next();
        self.pages = pages.next();
        (site, found)
    }
}

fn drafts() -> Options {
    Options { drafts: true }
}

/// Asserts that `site` is the site a render from scratch of `root` makes.
fn assert_fresh(site: &Site, root: &Path, what: &str) {
    let fresh = flowsite::render_site(root, &drafts(), &mut |_| {}).expect("the fresh render");
    let differing: Vec<&String> = fresh
        .plan
        .files
        .keys()
        .chain(site.plan.files.keys())
        .filter(|path| fresh.plan.files.get(*path) != site.plan.files.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: {} files differ from a render from scratch, first {:?}",
        differing.len(),
        differing.first()
    );
}

/// How many briefs the site has: each is one value of the page store, so
/// an edit of commentary alone finds at least these.
fn briefs(site: &Site) -> usize {
    site.plan
        .files
        .keys()
        .filter(|path| {
            path.starts_with("weeks/") && path.ends_with("/index.html") && path.len() > "weeks/index.html".len()
        })
        .filter(|path| path.matches('/').count() == 2)
        .count()
}

#[test]
fn every_rebuild_serves_the_site_a_render_from_scratch_makes_and_commentary_edits_reuse_pages() {
    let mut preview = Preview::new();
    let (site, found) = preview.rebuild();
    assert_eq!(found, 0, "the first render has nothing to reuse");
    let weeks = briefs(&site);
    assert!(weeks >= 16, "the fixture has a brief a week: {weeks}");

    // Edits of commentary and of `static/`: the briefs are taken from
    // memory, and the site is the one from scratch.
    type Edit = (&'static str, &'static str, fn(&str) -> String);
    let reusing: [Edit; 5] = [
        ("the article's text", "content/fixture.md", |text| {
            format!("{text}\nOne more sentence.\n")
        }),
        ("an annotation added to the article", "content/fixture.md", |text| {
            text.replacen(
                "[[annotations]]",
                "[[annotations]]\ndate = 2026-01-06\nseries = \"inward-equity\"\nlabel = \"Markets reopen\"\n\n[[annotations]]",
                1,
            )
        }),
        ("a draft piece", "content/draft.md", |_| {
            "+++\ntitle = \"Draft\"\ndate = 2026-01-20\ndraft = true\n+++\n\nNot yet.\n".to_string()
        }),
        ("a week note", "content/weeks/2026-01-17.md", |_| {
            "+++\ntitle = \"Desk note\"\ndate = 2026-01-22\n+++\n\nA week to remember.\n".to_string()
        }),
        ("a stylesheet of the site's own", "static/style.css", |_| {
            "body { color: black; }\n".to_string()
        }),
    ];
    for (what, file, edit) in reusing {
        preview.edit(file, edit);
        let (site, found) = preview.rebuild();
        assert_fresh(&site, &preview.root, what);
        assert!(
            found >= weeks - 1,
            "{what}: {found} pages from memory, the site has {weeks} briefs"
        );
    }

    // The week note's own brief is rendered again with the note in it.
    let (site, _) = preview.rebuild();
    let brief = String::from_utf8_lossy(&site.plan.files["weeks/2026-01-17/index.html"]).into_owned();
    assert!(brief.contains("A week to remember."), "the note is in its brief");
    preview.edit("content/weeks/2026-01-17.md", |text| text.replace("remember", "forget"));
    let (site, _) = preview.rebuild();
    assert_fresh(&site, &preview.root, "the week note edited");
    let brief = String::from_utf8_lossy(&site.plan.files["weeks/2026-01-17/index.html"]).into_owned();
    assert!(brief.contains("A week to forget."), "the edited note is in its brief");

    // Edits of the settings or the data: no page is taken from memory.
    let others: [Edit; 2] = [
        ("the site's title", "site.toml", |text| {
            text.replacen("title = \"Fixture site\"", "title = \"Fixture site, renamed\"", 1)
        }),
        ("a new release of the data", "data/week.csv", |text| {
            text.replace("令和8年9月17日", "令和8年9月24日")
                .replace("September  17 , 2026", "September  24 , 2026")
        }),
    ];
    for (what, file, edit) in others {
        preview.edit(file, edit);
        let (site, found) = preview.rebuild();
        assert_fresh(&site, &preview.root, what);
        assert_eq!(found, 0, "{what}: every page is rendered again");
    }
}
