//! `flowsite fetch` against a local HTTP server on 127.0.0.1 that serves
//! good, bad, truncated, cut and HTML responses: only a complete, valid,
//! newer release is saved, atomically and readable by everyone; anything
//! else exits 1 (an answer that is not a release) or 2 (no answer) with
//! `data/` exactly as it was. Retries are bounded and fast here.

// Without the feature there is no command to test.
#![cfg(feature = "fetch")]
// Tests make projects and inspect them on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{fixture, path_str, read_tree};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the test server answers, request by request (the last answer is
/// repeated).
#[derive(Clone)]
enum Answer {
    /// 200 with these bytes and this content type.
    File(Vec<u8>, &'static str),
    /// This status, with a short text body.
    Status(u16),
    /// 200 announcing these bytes' length plus 1,000, sending the bytes,
    /// then closing the connection.
    Truncated(Vec<u8>),
    /// 200 without a length, the first half of the bytes, then closing.
    Cut(Vec<u8>),
    /// 200 announcing 100 MB, then closing.
    Huge,
    /// Nothing at all, for longer than the client waits.
    Silent,
}

/// A server on 127.0.0.1 answering `answers` in turn; returns its URL for
/// `/week.csv` and the count of requests it got.
fn server(answers: Vec<Answer>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/week.csv", listener.local_addr().expect("address"));
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let index = seen.fetch_add(1, Ordering::SeqCst);
            let answer = answers[index.min(answers.len() - 1)].clone();
            answer_one(stream, answer);
        }
    });
    (url, count)
}

fn answer_one(mut stream: TcpStream, answer: Answer) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|read| read > 0) && line != "\r\n" {
        line.clear();
    }
    let _ = match answer {
        Answer::File(bytes, content_type) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            bytes.len()
        )
        .and_then(|()| stream.write_all(&bytes)),
        Answer::Status(status) => write!(
            stream,
            "HTTP/1.1 {status} Oops\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops\n"
        ),
        Answer::Truncated(bytes) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            bytes.len() + 1000
        )
        .and_then(|()| stream.write_all(&bytes)),
        Answer::Cut(bytes) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nConnection: close\r\n\r\n"
        )
        .and_then(|()| stream.write_all(&bytes[..bytes.len() / 2])),
        Answer::Huge => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\nweek,"
        ),
        Answer::Silent => {
            // Longer than the one-second timeout the test gives, and bounded.
            std::thread::sleep(std::time::Duration::from_secs(3));
            Ok(())
        }
    };
    let _ = stream.flush();
}

/// MOF's file as released on 22 January 2026 (the project's) and on
/// 29 January (a week more, six figures revised).
fn release(day: &str) -> Vec<u8> {
    std::fs::read(fixture("valid/vintages/data/mof").join(format!("week-2026-01-{day}.csv"))).expect("release")
}

/// A project whose one source is `path` (a file, or a folder ending in
/// `/`) fetched from `url`, holding the release of 22 January.
fn project(dir: &Path, path: &str, url: &str) -> PathBuf {
    let root = dir.join("project");
    let file = if path.ends_with('/') {
        format!("{path}week-2026-01-22.csv")
    } else {
        path.to_string()
    };
    std::fs::create_dir_all(root.join(&file).parent().expect("parent")).expect("mkdir");
    std::fs::write(root.join(&file), release("22")).expect("data");
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = \"Fetch fixture\"\n\n[[sources]]\npath = \"{path}\"\nformat = \"mof-weekly\"\nurl = \"{url}\"\n"
        ),
    )
    .expect("site.toml");
    root
}

fn fetch(root: &Path, retries: u32) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args(["fetch", "--root", path_str(root), "--retries", &retries.to_string()])
        .args(["--retry-delay", "5", "--timeout", "10"])
        // Requests to this machine go straight to it.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .expect("flowsite runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_newer_release_replaces_the_file_atomically_and_only_once() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().expect("temp dir");
    let (url, count) = server(vec![Answer::File(release("29"), "text/csv")]);
    let root = project(temp.path(), "data/week.csv", &url);

    let output = fetch(&root, 0);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "new release: data/week.csv (version 2026-01-29)\n");
    assert_eq!(std::fs::read(root.join("data/week.csv")).expect("read"), release("29"));
    let mode = std::fs::metadata(root.join("data/week.csv"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    let data: Vec<String> = read_tree(&root.join("data")).into_keys().collect();
    assert_eq!(data, vec!["week.csv"], "no temporary file is left");

    let again = fetch(&root, 0);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        "no new release: data/week.csv (version 2026-01-29 is the latest)\n"
    );
    assert_eq!(count.load(Ordering::SeqCst), 2);

    // The fetched file builds.
    let built = common::build(&root, &temp.path().join("site-out"));
    assert!(built.status.success(), "{}", common::stderr(&built));
}

#[test]
fn an_older_release_is_never_saved_over_a_newer_one() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (url, _) = server(vec![Answer::File(release("22"), "text/csv")]);
    let root = project(temp.path(), "data/week.csv", &url);
    std::fs::write(root.join("data/week.csv"), release("29")).expect("newer in place");
    let output = fetch(&root, 0);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "no new release: data/week.csv (version 2026-01-29; the publisher's file is the older version 2026-01-22)\n"
    );
    assert_eq!(std::fs::read(root.join("data/week.csv")).expect("read"), release("29"));
}

#[test]
fn a_folder_of_releases_gets_the_new_release_named_by_its_version_date() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (url, _) = server(vec![Answer::File(release("29"), "text/csv; charset=Shift_JIS")]);
    let root = project(temp.path(), "data/mof/", &url);
    let output = fetch(&root, 0);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "new release: data/mof/week-2026-01-29.csv (version 2026-01-29)\n"
    );
    let data = read_tree(&root.join("data"));
    assert_eq!(
        data["mof/week-2026-01-22.csv"],
        release("22"),
        "the earlier release is kept"
    );
    assert_eq!(data["mof/week-2026-01-29.csv"], release("29"));
    assert_eq!(data.len(), 2);
}

/// Every answer that is not a complete, valid release: exit 1, with the
/// message, and `data/` as it was.
#[test]
fn html_truncated_cut_mis_encoded_and_invalid_downloads_save_nothing() {
    let mut invalid = release("29");
    let at = invalid.windows(7).position(|w| w == b"\"3,295 ").expect("a net cell");
    invalid[at..at + 7].copy_from_slice(b"\"3,999 ");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("week,series\n2026-01-24,x\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let cases: Vec<(&str, Vec<Answer>, &str, usize)> = vec![
        (
            "an HTML page",
            vec![Answer::File(
                b"<!DOCTYPE html><title>Not found</title>".to_vec(),
                "text/html",
            )],
            "the server sent an HTML page, not a data file (check that the `url` in site.toml still names the publisher's file)",
            1,
        ),
        (
            "an HTML page called CSV",
            vec![Answer::File(
                b"\n<html><body>Maintenance</body></html>".to_vec(),
                "text/csv",
            )],
            "the server sent an HTML page, not a data file",
            1,
        ),
        (
            "a truncated download, tried three times",
            vec![Answer::Truncated(release("29"))],
            "the download was cut short",
            3,
        ),
        ("a cut connection", vec![Answer::Cut(release("29"))], "week.csv:", 1),
        (
            "a wrong encoding",
            vec![Answer::File(utf16, "text/csv")],
            "cannot decode the file: it is neither UTF-8 nor cp932 (Shift_JIS)",
            1,
        ),
        (
            "a file that fails validation",
            vec![Answer::File(invalid, "text/csv")],
            "equity net",
            1,
        ),
        (
            "a missing file, not retried",
            vec![Answer::Status(404)],
            "the server answered HTTP 404",
            1,
        ),
        (
            "a file larger than any release",
            vec![Answer::Huge],
            "the file is larger than 64 MB, more than any release",
            1,
        ),
    ];
    for (what, answers, message, requests) in cases {
        let temp = tempfile::tempdir().expect("temp dir");
        let (url, count) = server(answers);
        let root = project(temp.path(), "data/week.csv", &url);
        let before = read_tree(&root);
        let output = fetch(&root, 2);
        assert_eq!(output.status.code(), Some(1), "{what}: {}", stderr(&output));
        let text = stderr(&output);
        assert!(text.contains(message), "{what}: {text}");
        assert!(
            text.contains("  1. http://127.0.0.1:"),
            "{what}: problems are numbered and name the URL: {text}"
        );
        assert!(text.ends_with("; nothing was saved.\n"), "{what}: {text}");
        assert!(!text.contains("panicked"), "{what}: {text}");
        assert_eq!(stdout(&output), "", "{what}");
        assert_eq!(read_tree(&root), before, "{what}: nothing was saved");
        assert_eq!(count.load(Ordering::SeqCst), requests, "{what}: requests made");
    }
}

#[test]
fn a_server_error_is_retried_with_backoff_and_then_succeeds_or_exits_2() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (url, count) = server(vec![
        Answer::Status(503),
        Answer::Status(502),
        Answer::File(release("29"), "text/csv"),
    ]);
    let root = project(temp.path(), "data/week.csv", &url);
    let output = fetch(&root, 3);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(count.load(Ordering::SeqCst), 3);
    assert!(
        stderr(&output).contains("HTTP 503); retry 1 of 3 in 0.0 s"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).starts_with("new release: "));

    let (url, count) = server(vec![Answer::Status(503)]);
    let root = project(&temp.path().join("down"), "data/week.csv", &url);
    let before = read_tree(&root);
    let output = fetch(&root, 2);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(count.load(Ordering::SeqCst), 3, "the first try and two retries");
    assert!(
        stderr(&output).contains("could not download http://127.0.0.1:"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_tree(&root), before);
}

#[test]
fn a_server_that_does_not_answer_times_out() {
    let temp = tempfile::tempdir().expect("temp dir");
    let (url, count) = server(vec![Answer::Silent]);
    let root = project(temp.path(), "data/week.csv", &url);
    let before = read_tree(&root);
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args(["fetch", "--root", path_str(&root), "--retries", "0", "--timeout", "1"])
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .output()
        .expect("flowsite runs");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the server did not answer in time"),
        "{}",
        stderr(&output)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "the timeout is the one given"
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);
    assert_eq!(read_tree(&root), before);
}

#[test]
fn no_server_at_all_is_an_io_error() {
    let temp = tempfile::tempdir().expect("temp dir");
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port();
    let root = project(
        temp.path(),
        "data/week.csv",
        &format!("http://127.0.0.1:{port}/week.csv"),
    );
    let output = fetch(&root, 1);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with("; nothing was saved.\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn plain_http_to_another_machine_and_a_project_without_urls_are_refused_before_any_download() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = project(temp.path(), "data/week.csv", "http://www.mof.go.jp/week.csv");
    let output = fetch(&root, 0);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "  1. site.toml:6:7: url `http://www.mof.go.jp/week.csv` is plain http (use the publisher's https:// address;"
        ),
        "{}",
        stderr(&output)
    );
    let output = Command::new(env!("CARGO_BIN_EXE_flowsite"))
        .args(["fetch", "--root", path_str(&fixture("valid/small-utf8"))])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("site.toml: no [[sources]] entry has a `url`, so there is nothing to fetch"),
        "{}",
        stderr(&output)
    );
}
