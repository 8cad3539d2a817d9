//! One file over HTTPS, with a timeout, a size limit and bounded retries.
//!
//! What comes back is only bytes: whether they are a release is decided by
//! the same importer a build uses. Here only what HTTP itself can tell is
//! judged: the status, a body cut short, a body too large, and an HTML page
//! where a data file was expected (a moved file often answers 200 with the
//! publisher's "page not found" page).

use super::FetchSettings;
use std::fmt;
use std::io::Read;
use std::time::Duration;

/// Why a download failed.
#[derive(Debug)]
pub enum DownloadError {
    /// The server answered with this HTTP status.
    Status(u16),
    /// The body ended before the length the server announced.
    Truncated(String),
    /// The body is larger than the limit, in bytes.
    TooLarge(u64),
    /// The server sent an HTML page, not a data file.
    Html,
    /// The server sent nothing.
    Empty,
    /// No answer: the host was not found, the connection failed or timed out.
    Network(String),
}

impl DownloadError {
    /// Whether trying again may help: the network or the server failed for
    /// now, or the body was cut short.
    fn is_transient(&self) -> bool {
        match self {
            DownloadError::Status(status) => *status >= 500 || *status == 429 || *status == 408,
            DownloadError::Truncated(_) | DownloadError::Network(_) => true,
            DownloadError::TooLarge(_) | DownloadError::Html | DownloadError::Empty => false,
        }
    }

    /// Whether the publisher's server was reached and answered with
    /// something that is not a release (bad input, exit 1), rather than not
    /// reached at all (exit 2).
    pub fn is_answer(&self) -> bool {
        match self {
            DownloadError::Status(status) => *status < 500,
            DownloadError::Network(_) => false,
            _ => true,
        }
    }
}

impl fmt::Display for DownloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DownloadError::Status(status) => write!(f, "the server answered HTTP {status}"),
            DownloadError::Truncated(what) => write!(f, "the download was cut short: {what}"),
            DownloadError::TooLarge(limit) => {
                write!(
                    f,
                    "the file is larger than {} MB, more than any release",
                    limit / 1_000_000
                )
            }
            DownloadError::Html => write!(f, "the server sent an HTML page, not a data file"),
            DownloadError::Empty => write!(f, "the server sent an empty file"),
            DownloadError::Network(what) => write!(f, "{what}"),
        }
    }
}

/// A failed attempt that will be tried again.
#[derive(Debug)]
pub struct Retry<'a> {
    /// The address.
    pub url: &'a str,
    /// Why the attempt failed.
    pub error: &'a DownloadError,
    /// Which retry comes next, from 1.
    pub retry: u32,
    /// Of how many.
    pub retries: u32,
    /// How long flowsite waits before it.
    pub wait: Duration,
}

/// Downloads `url`, trying again after a transient failure up to
/// `settings.retries` times, waiting twice as long each time; `on_retry` is
/// told before each wait.
pub fn download(
    url: &str,
    settings: &FetchSettings,
    on_retry: &mut dyn FnMut(&Retry<'_>),
) -> Result<Vec<u8>, DownloadError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        // Statuses are judged here, with the body still readable.
        .http_status_as_error(false)
        // The file is kept byte for byte as published: no transfer
        // compression to undo, and nothing for a server to re-encode.
        .accept_encoding("identity")
        .user_agent(concat!("flowsite/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut wait = settings.retry_delay;
    let mut retry = 0;
    loop {
        match attempt(&agent, url, settings.max_bytes) {
            Ok(bytes) => return Ok(bytes),
            Err(error) if error.is_transient() && retry < settings.retries => {
                retry += 1;
                on_retry(&Retry {
                    url,
                    error: &error,
                    retry,
                    retries: settings.retries,
                    wait,
                });
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
            Err(error) => return Err(error),
        }
    }
}

fn attempt(agent: &ureq::Agent, url: &str, max_bytes: u64) -> Result<Vec<u8>, DownloadError> {
    let mut response = agent.get(url).call().map_err(network)?;
    let status = response.status().as_u16();
    if !response.status().is_success() {
        return Err(DownloadError::Status(status));
    }
    let is_html = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("text/html"));
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > max_bytes) {
        return Err(DownloadError::TooLarge(max_bytes));
    }
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from a larger one.
    let read = response
        .body_mut()
        .as_reader()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes);
    if let Err(error) = read {
        return Err(DownloadError::Truncated(format!(
            "{} bytes arrived{}, then: {error}",
            bytes.len(),
            announced.map(|length| format!(" of {length}")).unwrap_or_default()
        )));
    }
    if bytes.len() as u64 > max_bytes {
        return Err(DownloadError::TooLarge(max_bytes));
    }
    if let Some(length) = announced
        && length != bytes.len() as u64
    {
        return Err(DownloadError::Truncated(format!(
            "{} bytes arrived of {length}",
            bytes.len()
        )));
    }
    if is_html || looks_like_html(&bytes) {
        return Err(DownloadError::Html);
    }
    if bytes.is_empty() {
        return Err(DownloadError::Empty);
    }
    Ok(bytes)
}

/// A CSV file never starts with `<`; an HTML or XML page always does.
fn looks_like_html(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'<')
}

fn network(error: ureq::Error) -> DownloadError {
    DownloadError::Network(match error {
        ureq::Error::HostNotFound => "the host was not found".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::Timeout(_) => "the server did not answer in time".to_string(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_html_pages_but_not_csv() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\xEF\xBB\xBF<html>"));
        assert!(!looks_like_html(b"week_ending,series,net\n"));
    }

    #[test]
    fn retries_only_what_may_pass() {
        assert!(DownloadError::Status(503).is_transient());
        assert!(DownloadError::Status(429).is_transient());
        assert!(!DownloadError::Status(404).is_transient());
        assert!(!DownloadError::Html.is_transient());
        assert!(DownloadError::Truncated(String::new()).is_transient());
        assert!(DownloadError::Status(404).is_answer());
        assert!(!DownloadError::Status(503).is_answer());
        assert!(!DownloadError::Network(String::new()).is_answer());
    }
}
