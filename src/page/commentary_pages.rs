//! One page per commentary file, and the commentary index.

use super::chrome::Chrome;
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, iso_date, page_frame};
use super::markdown::render_markdown;
use super::routes;
use super::template::Templates;
use super::{Emit, PageKey, RenderedFile, SiteData, html_file};
use crate::error::{Error, Problems};
use crate::validate::Commentary;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// Renders `commentary/index.html` and `commentary/<slug>/index.html`.
pub fn render_commentary_pages(data: &SiteData<'_>, templates: &Templates, emit: &Emit<'_>) -> Result<(), Error> {
    emit(render_index(data))?;
    let mut problems = Problems::new();
    for piece in &data.project.commentary {
        match templates.render(piece, piece.date) {
            Ok(body) => emit(render_piece(data, piece, &body)?)?,
            Err(problem) => problems.push(problem),
        }
    }
    problems.into_result(())
}

/// The newest `limit` pieces, each with its date and summary.
pub fn commentary_list(pieces: &[Commentary], limit: usize, chrome: &Chrome, links: Links<'_>) -> Markup {
    html! {
        @if pieces.is_empty() {
            p { (chrome.no_commentary) }
        } @else {
            ul class="item-list" {
                @for piece in pieces.iter().take(limit) {
                    li {
                        a href=(links.to(&routes::commentary(&piece.slug))) { (piece.title) }
                        " " time datetime=(iso_date(piece.date)) { ((chrome.long_date)(piece.date)) }
                        @if let Some(summary) = &piece.summary { p { (summary) } }
                    }
                }
            }
        }
    }
}

fn render_index(data: &SiteData<'_>) -> RenderedFile {
    let chrome = data.chrome();
    let path = routes::COMMENTARY_INDEX;
    let pieces = &data.project.commentary;
    let content = html! {
        h1 { (chrome.commentary_title) }
        (commentary_list(pieces, pieces.len(), chrome, data.links(path)))
    };
    let meta = PageMeta::new(path, chrome.commentary_title, chrome.commentary_description);
    html_file(path, page_frame(data, &meta, content))
}

fn render_piece(data: &SiteData<'_>, piece: &Commentary, body: &str) -> Result<RenderedFile, Error> {
    let chrome = data.chrome();
    let path = routes::commentary(&piece.slug);
    let links = data.links(&path);
    let mut ids = FigureIds::default();
    let mut figures = BTreeMap::new();
    for planned in data.plan.charts(&PageKey::Commentary(piece.slug.clone())) {
        if let Some(block) = &planned.block {
            figures.insert(
                block.clone(),
                chart_figure(data, &planned.request, links, &mut ids)?.into_string(),
            );
        }
    }
    let body = render_markdown(body, &figures);
    let description = piece.summary.clone().unwrap_or_else(|| piece.title.clone());
    let content = html! {
        article {
            header {
                h1 { (piece.title) }
                @if let Some(summary) = &piece.summary { p class="standfirst" { (summary) } }
                p class="dateline" { time datetime=(iso_date(piece.date)) { ((chrome.long_date)(piece.date)) } }
            }
            // Rendered by pulldown-cmark from the newsroom's own Markdown.
            (maud::PreEscaped(body))
        }
    };
    let meta = PageMeta::new(&path, &piece.title, &description);
    Ok(html_file(&path, page_frame(data, &meta, content)))
}
