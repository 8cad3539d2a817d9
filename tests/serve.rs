//! `flowsite serve` as a user meets it, on `--port 0` with bounded waits:
//! the site under its base path, a reload event after an edit with the new
//! bytes behind it, a broken site.toml shown in an overlay on the last good
//! site, the fixed one clearing it, revised figures on the changes page,
//! drafts shown, a stylesheet change announced alone, and Ctrl-C exiting 0.
//! Only std's TcpStream speaks HTTP here.

// Without the feature there is no command to test.
#![cfg(feature = "serve")]
// Tests make and edit projects on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{copy_site, fixture, path_str};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// The longest any one wait may take: a debug build of a fixture site takes
/// well under a second, so this is only reached when something is broken.
const WAIT: Duration = Duration::from_secs(30);

/// A running `flowsite serve`, stopped when dropped.
struct Preview {
    child: Child,
    lines: Receiver<String>,
    port: u16,
    /// The URL it printed.
    url: String,
    /// The line it printed the URL on.
    serving: String,
}

impl Preview {
    fn start(root: &Path) -> Preview {
        Preview::start_with(root, &[])
    }

    fn start_with(root: &Path, options: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flowsite"))
            .args(["serve", "--root", path_str(root), "--port", "0"])
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("flowsite serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let mut preview = Preview {
            child,
            lines,
            port: 0,
            url: String::new(),
            serving: String::new(),
        };
        let line = preview.wait_for_line("Serving at ");
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .expect("a URL")
            .to_string();
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|port| port.parse().ok())
            .expect("a port");
        preview.url = url;
        preview.port = port;
        preview.serving = line;
        preview
    }

    /// The next line of standard output containing `text`, within [`WAIT`].
    fn wait_for_line(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => panic!("no line with «{text}» within {WAIT:?}"),
            }
        }
    }

    /// GET `path`: the status, the headers (lowercase names) and the body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("request");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").expect("a head");
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        (status, head.to_lowercase(), body.to_string())
    }

    /// Opens the event stream at `path`.
    fn events(&self, path: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("request");
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        let head = events.read_block();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        events
    }

    /// Ctrl-C, and the exit code within [`WAIT`].
    fn interrupt(&mut self) -> Option<i32> {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("flowsite serve did not stop within {WAIT:?} of Ctrl-C");
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An open event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Lines up to the next blank line, read before `deadline`.
    fn read_block_by(&mut self, deadline: Instant) -> String {
        let mut block = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no event within {WAIT:?}; so far: {block}");
            self.reader.get_ref().set_read_timeout(Some(left)).expect("timeout");
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event within the wait");
            assert!(read > 0, "the event stream closed; so far: {block}");
            if line.trim_end().is_empty() {
                if block.is_empty() {
                    continue;
                }
                return block;
            }
            block.push_str(&line);
        }
    }

    /// The response head.
    fn read_block(&mut self) -> String {
        self.read_block_by(Instant::now() + WAIT)
    }

    /// The next event within [`WAIT`] (skipping comments and `retry`): its
    /// name and data.
    fn next(&mut self) -> (String, String) {
        let deadline = Instant::now() + WAIT;
        loop {
            let block = self.read_block_by(deadline);
            let mut name = None;
            let mut data = String::new();
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event: ") {
                    name = Some(value.to_string());
                } else if let Some(value) = line.strip_prefix("data: ") {
                    data.push_str(value);
                }
            }
            if let Some(name) = name {
                return (name, data);
            }
        }
    }
}

fn json_field(data: &str, field: &str) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(data).expect("JSON data");
    value[field].clone()
}

#[test]
fn editing_breaking_and_fixing_a_project_under_serve() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/small-utf8", &root);
    std::fs::write(
        root.join("content/unfinished.md"),
        "+++\ntitle = \"Work in progress\"\ndate = 2026-01-23\ndraft = true\n+++\n\nNot yet.\n",
    )
    .expect("draft");
    let mut preview = Preview::start(&root);

    // Served under the path of base_url, with helpful answers around it.
    assert!(preview.url.ends_with("/fixture/"), "{}", preview.url);
    let (status, _, home) = preview.get("/fixture/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<div id=\"flowsite-overlay\" role=\"alert\" hidden"),
        "no problems yet"
    );
    assert!(
        home.contains("new EventSource("),
        "served pages carry the live-reload script"
    );
    let (status, _, outside) = preview.get("/commentary/");
    assert_eq!(status, 404);
    assert!(outside.contains("<a href=\"/fixture/\">"), "{outside}");
    let (status, head, _) = preview.get("/fixture");
    assert_eq!(status, 301);
    assert!(head.contains("location: /fixture/"), "{head}");
    let (status, head, _) = preview.get("/fixture/commentary/fixture");
    assert_eq!(status, 301);
    assert!(head.contains("location: /fixture/commentary/fixture/"), "{head}");
    let (status, head, _) = preview.get("/fixture/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    assert!(head.contains("cache-control: no-store"), "{head}");
    // Drafts are shown by serve.
    let (status, _, draft) = preview.get("/fixture/commentary/unfinished/");
    assert_eq!(status, 200);
    assert!(draft.contains("Work in progress"));

    // (1) Edit a commentary file: an event lists the page.
    let mut events = preview.events("/fixture/__flowsite/events");
    let (name, hello) = events.next();
    assert_eq!(name, "hello");
    let first_build = json_field(&hello, "build");
    assert_eq!(json_field(&hello, "problems"), serde_json::json!([]));
    let piece = root.join("content/fixture.md");
    let text = std::fs::read_to_string(&piece).expect("read");
    std::fs::write(&piece, format!("{text}\nA paragraph added under serve.\n")).expect("edit");
    let (name, built) = events.next();
    assert_eq!(name, "build", "{built}");
    assert_ne!(json_field(&built, "build"), first_build);
    let changed = json_field(&built, "changed");
    assert!(
        changed
            .as_array()
            .expect("a list")
            .contains(&"commentary/fixture/".into()),
        "{built}"
    );

    // (2) The new bytes are there as soon as the event is.
    let (status, _, page) = preview.get("/fixture/commentary/fixture/");
    assert_eq!(status, 200);
    assert!(page.contains("A paragraph added under serve."), "{page}");

    // (3) Break site.toml: every open page is told, and the last good site
    // is served with the numbered problems in its overlay.
    let config = std::fs::read_to_string(root.join("site.toml")).expect("read");
    std::fs::write(root.join("site.toml"), config.replace("title = ", "titel = ")).expect("break");
    let (name, failed) = events.next();
    assert_eq!(name, "failed", "{failed}");
    let problems = json_field(&failed, "problems");
    assert!(
        problems.as_array().expect("a list").iter().any(|problem| problem
            .as_str()
            .expect("text")
            .starts_with("site.toml:1:1: invalid site configuration: unknown field `titel`")),
        "{failed}"
    );
    let (status, _, page) = preview.get("/fixture/commentary/fixture/");
    assert_eq!(status, 200);
    assert!(
        page.contains("A paragraph added under serve."),
        "the last good site is served"
    );
    assert!(
        page.contains("<div id=\"flowsite-overlay\" role=\"alert\" style="),
        "the overlay is shown"
    );
    assert!(
        page.contains("site.toml:1:1: invalid site configuration: unknown field `titel`"),
        "{page}"
    );
    // A tab that connects now hears the problems at once.
    let mut late = preview.events("/fixture/__flowsite/events");
    let (name, hello) = late.next();
    assert_eq!(name, "hello");
    assert!(hello.contains("unknown field `titel`"), "{hello}");
    let (_, _, changes) = preview.get("/__flowsite/changes");
    assert!(changes.contains("The rebuild failed"), "{changes}");

    // (4) Fix it: the site is back and the overlay gone.
    std::fs::write(root.join("site.toml"), &config).expect("fix");
    let (name, built) = events.next();
    assert_eq!(name, "build", "{built}");
    let (status, _, page) = preview.get("/fixture/commentary/fixture/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<div id=\"flowsite-overlay\" role=\"alert\" hidden"),
        "the overlay is cleared"
    );

    // A stylesheet change is announced alone, so pages swap it in place.
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::write(root.join("static/style.css"), "body { color: teal }\n").expect("style");
    // Making `static/` and writing the file into it are two changes: on a
    // busy machine the watcher can rebuild between them, and that rebuild
    // changes nothing. Such a build is announced with nothing changed.
    let built = loop {
        let (name, built) = events.next();
        assert_eq!(name, "build", "{built}");
        if json_field(&built, "changed") != serde_json::json!([]) {
            break built;
        }
    };
    assert_eq!(
        json_field(&built, "changed"),
        serde_json::json!(["style.css"]),
        "{built}"
    );
    let (_, _, style) = preview.get("/fixture/style.css");
    assert_eq!(style, "body { color: teal }\n");

    // Ctrl-C exits cleanly.
    assert_eq!(preview.interrupt(), Some(0));
    preview.wait_for_line("Stopped.");
}

#[test]
fn dropping_in_a_new_release_lists_the_revised_figures_on_the_changes_page() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/vintages", &root);
    let newer = root.join("data/mof/week-2026-01-29.csv");
    let release = std::fs::read(&newer).expect("read");
    std::fs::remove_file(&newer).expect("hold the newer release back");
    let preview = Preview::start(&root);
    let mut events = preview.events("/fixture/__flowsite/events");
    assert_eq!(events.next().0, "hello");

    std::fs::write(&newer, release).expect("drop in Thursday's file");
    let (name, built) = events.next();
    assert_eq!(name, "build", "{built}");
    let (status, _, changes) = preview.get("/__flowsite/changes");
    assert_eq!(status, 200);
    assert!(
        changes.contains("Started by a change to: <code>data/mof/week-2026-01-29.csv</code>"),
        "{changes}"
    );
    assert!(
        changes.contains("version of 29 January 2026 (was 22 January 2026)"),
        "{changes}"
    );
    assert!(changes.contains("1 new week: 2026-01-18..01-24."), "{changes}");
    assert!(changes.contains("6 figures of earlier weeks revised"), "{changes}");
    // Foreign investors' stocks, week to 17 January: 8,655 -> 8,755 oku.
    assert!(
        changes.contains("<td class=\"nowrap\">2026-01-11..01-17</td><td class=\"num\">+¥865.5 billion</td><td class=\"num\">+¥875.5 billion</td>"),
        "{changes}"
    );
    assert!(changes.contains("<a href=\"/fixture/weeks/2026-01-24/\">"), "{changes}");
}

#[test]
fn polling_finds_an_edit_where_file_events_do_not_arrive() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/small-utf8", &root);
    let preview = Preview::start_with(&root, &["--poll"]);
    assert!(preview.serving.contains("(polling for changes;"), "{}", preview.serving);
    let mut events = preview.events("/fixture/__flowsite/events");
    assert_eq!(events.next().0, "hello");
    let piece = root.join("content/fixture.md");
    let text = std::fs::read_to_string(&piece).expect("read");
    std::fs::write(&piece, text.replace("week by week", "week after week")).expect("edit");
    let (name, built) = events.next();
    assert_eq!(name, "build", "{built}");
    let (_, _, page) = preview.get("/fixture/commentary/fixture/");
    assert!(page.contains("week after week"), "{page}");
}

#[test]
fn the_preview_takes_the_next_port_when_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args([
            "serve",
            "--root",
            path_str(&fixture("valid/small-utf8")),
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("text");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with(&format!("Port {port} is taken; using ")), "{first}");
}

#[test]
fn the_preview_draws_cards_and_chart_images_when_asked_for_them() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("project");
    copy_site("valid/small-utf8", &root);
    let preview = Preview::start(&root);
    let (_, _, home) = preview.get("/fixture/");
    assert!(home.contains("chart-images"), "the home page links its chart images");
    for path in ["/fixture/card.png", "/fixture/series/inward-equity/card.png"] {
        let (status, head, body) = preview.get(path);
        assert_eq!(status, 200, "{path}: {head}");
        assert!(head.contains("content-type: image/png"), "{path}: {head}");
        assert!(
            body.contains("PNG") && body.ends_with("IEND\u{FFFD}B`\u{FFFD}"),
            "{path}: a whole PNG"
        );
    }
    let (status, _, _) = preview.get("/fixture/no-such-card.png");
    assert_eq!(status, 404);
}
