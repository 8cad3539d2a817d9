//! What a served page gets that a built one never has: the live-reload
//! script and the overlay that shows a failed rebuild's problems.
//!
//! Both go in just before `</body>` of the page as it is sent; the site in
//! memory is not changed, so `flowsite build` can never write them.

use maud::{PreEscaped, html};

/// The live-reload script (`live.js`, beside this file).
pub const SCRIPT: &str = include_str!("live.js");

/// The page address that makes a page reload on every good build (the
/// changes page, and the page shown before the first good build).
pub const EVERY_BUILD: &str = "*";

/// The id every piece injected carries, for tests and the script.
pub const OVERLAY_ID: &str = "flowsite-overlay";

/// What the injected script needs to know about the page.
#[derive(Debug, Clone, Copy)]
pub struct Live<'a> {
    /// The build the page comes from.
    pub build: &'a str,
    /// The page's own address inside the site (`weeks/2026-09-12/`), or
    /// [`EVERY_BUILD`].
    pub page: &'a str,
    /// The site's root, relative to the page (`../../`) or absolute.
    pub root: &'a str,
    /// The problems of the last rebuild, if it failed.
    pub problems: &'a [String],
}

/// `html` with the overlay and the script added before its last `</body>`
/// (or at its end if it has none).
pub fn inject(html: &[u8], live: &Live<'_>) -> Vec<u8> {
    let snippet = html! {
        div id=(OVERLAY_ID) role="alert" hidden[live.problems.is_empty()] style=(OVERLAY_STYLE) {
            p style="margin:0 0 .5em" {
                strong { "flowsite: the last rebuild failed." }
                " This page is the last good build. Fix the problems below and save; the page updates by itself."
            }
            ol style="margin:0;padding-left:2.5em" {
                @for problem in live.problems { li { (problem) } }
            }
            button type="button" style="margin-top:.5em" onclick="this.parentElement.hidden=true" { "Hide" }
        }
        script data-build=(live.build) data-page=(live.page) data-root=(live.root) { (PreEscaped(SCRIPT)) }
    }
    .into_string();
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + snippet.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(snippet.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

/// Fixed at the foot of the window, above the page, legible in light and
/// dark mode; no `display`, so that `hidden` hides it.
const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;\
margin:0;padding:1em 1.5em;background:#3b0d0d;color:#fff;border-top:4px solid #e34a4a;\
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px #0006";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_script_and_the_escaped_problems_before_the_end_of_the_body() {
        let problems = vec!["site.toml:3: bad <value> (fix it)".to_string()];
        let page = inject(
            b"<html><body><p>x</p></body></html>",
            &Live {
                build: "b1",
                page: "weeks/2026-09-12/",
                root: "../../",
                problems: &problems,
            },
        );
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(
            page.starts_with("<html><body><p>x</p><div id=\"flowsite-overlay\""),
            "{page}"
        );
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert!(
            page.contains("<li>site.toml:3: bad &lt;value&gt; (fix it)</li>"),
            "{page}"
        );
        assert!(
            page.contains("data-page=\"weeks/2026-09-12/\" data-root=\"../../\""),
            "{page}"
        );
        assert!(
            !page.contains(" hidden"),
            "the overlay is shown while there are problems"
        );
    }

    #[test]
    fn hides_the_overlay_when_the_build_is_good() {
        let page = inject(
            b"<p>no body</p>",
            &Live {
                build: "b1",
                page: "",
                root: "./",
                problems: &[],
            },
        );
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(
            page.starts_with("<p>no body</p><div id=\"flowsite-overlay\" role=\"alert\" hidden"),
            "{page}"
        );
    }
}
