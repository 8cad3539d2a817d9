//! One page per commentary file, and the commentary index.

use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::markdown::render_markdown;
use super::routes;
use super::template::Templates;
use super::{PageKey, RenderedFile, SiteData, html_file};
use crate::error::{Error, Problems};
use crate::money::long_date;
use crate::validate::Commentary;
use maud::html;
use std::collections::BTreeMap;

/// Renders `commentary/index.html` and `commentary/<slug>/index.html`.
pub fn render_commentary_pages(data: &SiteData<'_>, templates: &Templates) -> Result<Vec<RenderedFile>, Error> {
    let mut files = vec![render_index(data)];
    let mut problems = Problems::new();
    for piece in &data.project.commentary {
        match templates.render(piece, piece.date) {
            Ok(body) => files.push(render_piece(data, piece, &body)?),
            Err(problem) => problems.push(problem),
        }
    }
    problems.into_result(files)
}

fn render_index(data: &SiteData<'_>) -> RenderedFile {
    let path = routes::COMMENTARY_INDEX;
    let links = Links::from_page(path);
    let content = html! {
        h1 { "Commentary" }
        @if data.project.commentary.is_empty() {
            p { "No commentary yet." }
        } @else {
            ul class="item-list" {
                @for piece in &data.project.commentary {
                    li {
                        a href=(links.to(&routes::commentary(&piece.slug))) { (piece.title) }
                        " " time datetime=(piece.date.format("%Y-%m-%d").to_string()) { (long_date(piece.date)) }
                        @if let Some(summary) = &piece.summary { p { (summary) } }
                    }
                }
            }
        }
    };
    let meta = PageMeta {
        path,
        title: "Commentary",
        description: "The newsroom's commentary on the weekly flows, newest first.",
    };
    html_file(path, page_frame(data, &meta, content))
}

fn render_piece(data: &SiteData<'_>, piece: &Commentary, body: &str) -> Result<RenderedFile, Error> {
    let path = routes::commentary(&piece.slug);
    let links = Links::from_page(&path);
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
                p class="dateline" { time datetime=(piece.date.format("%Y-%m-%d").to_string()) { (long_date(piece.date)) } }
                @if let Some(summary) = &piece.summary { p class="standfirst" { (summary) } }
            }
            // Rendered by pulldown-cmark from the newsroom's own Markdown.
            (maud::PreEscaped(body))
        }
    };
    let meta = PageMeta {
        path: &path,
        title: &piece.title,
        description: &description,
    };
    Ok(html_file(&path, page_frame(data, &meta, content)))
}
