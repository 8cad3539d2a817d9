//! Drawing a parsed image onto its pixmap: resvg's own walk of the tree,
//! less the halos that would paint the background over the background.
//!
//! Every chart label has a halo, a 3-pixel stroke in the background colour
//! drawn under its text, so that a label stays legible where it crosses a
//! line or a column. Most labels cross nothing: the ticks, the axis dates,
//! the source line, most callouts. Stroking every glyph's outline is most
//! of the cost of a chart image (measured on the sample site: a weekly
//! chart 29 ms with halos, 11 ms without), and over pixels that are all
//! background it changes none of them. So just before a stroke in the
//! background colour is drawn, the pixels it could touch are looked at, and
//! it is drawn only if one of them is not the background. The PNG is the
//! same, byte for byte, as resvg's drawing of the whole tree.
//!
//! The walk follows resvg 0.49's `render.rs` and `path.rs` for what
//! flowsite's images hold: groups that need no layer of their own, paths
//! and text painted in one colour. A tree holding anything else (a group
//! with opacity, a clip, a mask or a filter, a gradient, a pattern, an
//! embedded image) is drawn by resvg itself, halos and all.

use resvg::tiny_skia::{self, Pixmap, PremultipliedColorU8, Transform};
use resvg::usvg;

/// Draws `tree` with `transform` onto `pixmap`, which is filled with
/// `background` and nothing else yet.
pub fn draw(tree: &usvg::Tree, transform: Transform, pixmap: &mut Pixmap, background: tiny_skia::Color) {
    if !walkable(tree.root()) {
        resvg::render(tree, transform, &mut pixmap.as_mut());
        return;
    }
    let background = background.premultiply().to_color_u8();
    // As resvg: the root's children are drawn with `transform` itself.
    draw_nodes(tree.root(), transform, pixmap, background);
}

/// Whether this walk draws `group` exactly as resvg would.
fn walkable(group: &usvg::Group) -> bool {
    !group.should_isolate()
        && group.children().iter().all(|node| match node {
            usvg::Node::Group(inner) => walkable(inner),
            usvg::Node::Path(path) => {
                path.fill()
                    .is_none_or(|fill| matches!(fill.paint(), usvg::Paint::Color(_)))
                    && path
                        .stroke()
                        .is_none_or(|stroke| matches!(stroke.paint(), usvg::Paint::Color(_)))
            }
            usvg::Node::Text(text) => walkable(text.flattened()),
            usvg::Node::Image(_) => false,
        })
}

fn draw_group(group: &usvg::Group, transform: Transform, pixmap: &mut Pixmap, background: PremultipliedColorU8) {
    draw_nodes(group, transform.pre_concat(group.transform()), pixmap, background);
}

fn draw_nodes(group: &usvg::Group, transform: Transform, pixmap: &mut Pixmap, background: PremultipliedColorU8) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => draw_group(inner, transform, pixmap, background),
            usvg::Node::Path(path) => draw_path(path, transform, pixmap, background),
            usvg::Node::Text(text) => draw_group(text.flattened(), transform, pixmap, background),
            // Refused by `walkable`.
            usvg::Node::Image(_) => {}
        }
    }
}

fn draw_path(path: &usvg::Path, transform: Transform, pixmap: &mut Pixmap, background: PremultipliedColorU8) {
    if !path.is_visible() {
        return;
    }
    match path.paint_order() {
        usvg::PaintOrder::FillAndStroke => {
            fill(path, transform, pixmap);
            stroke(path, transform, pixmap, background);
        }
        usvg::PaintOrder::StrokeAndFill => {
            stroke(path, transform, pixmap, background);
            fill(path, transform, pixmap);
        }
    }
}

/// A paint of one colour, as resvg makes it.
fn solid(colour: usvg::Color, opacity: usvg::Opacity, path: &usvg::Path) -> tiny_skia::Paint<'static> {
    let mut paint = tiny_skia::Paint::default();
    paint.set_color_rgba8(colour.red, colour.green, colour.blue, opacity.to_u8());
    paint.anti_alias = path.rendering_mode().use_shape_antialiasing();
    paint.blend_mode = tiny_skia::BlendMode::SourceOver;
    paint
}

fn fill(path: &usvg::Path, transform: Transform, pixmap: &mut Pixmap) {
    let Some(fill) = path.fill() else { return };
    // As resvg: a horizontal or vertical line has nothing to fill.
    let bounds = path.data().bounds();
    if bounds.width() == 0.0 || bounds.height() == 0.0 {
        return;
    }
    let usvg::Paint::Color(colour) = fill.paint() else {
        return;
    };
    let rule = match fill.rule() {
        usvg::FillRule::NonZero => tiny_skia::FillRule::Winding,
        usvg::FillRule::EvenOdd => tiny_skia::FillRule::EvenOdd,
    };
    let paint = solid(*colour, fill.opacity(), path);
    pixmap.fill_path(path.data(), &paint, rule, transform, None);
}

fn stroke(path: &usvg::Path, transform: Transform, pixmap: &mut Pixmap, background: PremultipliedColorU8) {
    let Some(stroke) = path.stroke() else { return };
    let usvg::Paint::Color(colour) = stroke.paint() else {
        return;
    };
    let invisible = stroke.opacity() == usvg::Opacity::ONE
        && (colour.red, colour.green, colour.blue) == (background.red(), background.green(), background.blue())
        && only_background(pixmap, path.stroke_bounding_box(), transform, background);
    if invisible {
        return;
    }
    let paint = solid(*colour, stroke.opacity(), path);
    pixmap.stroke_path(path.data(), &paint, &stroke.to_tiny_skia(), transform, None);
}

/// Whether every pixel that `area` (in the path's coordinates) could touch
/// once drawn with `transform` is `background`. The box is widened by a
/// pixel on every side for the smoothed edge.
fn only_background(pixmap: &Pixmap, area: usvg::Rect, transform: Transform, background: PremultipliedColorU8) -> bool {
    let Some(area) = area.transform(transform) else {
        return false;
    };
    let (width, height) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    // Float to integer casts saturate, so a box far off the image clamps.
    let left = (area.left().floor() as i64 - 1).clamp(0, width);
    let right = (area.right().ceil() as i64 + 1).clamp(0, width);
    let top = (area.top().floor() as i64 - 1).clamp(0, height);
    let bottom = (area.bottom().ceil() as i64 + 1).clamp(0, height);
    let pixels = pixmap.pixels();
    (top..bottom).all(|row| {
        let start = usize::try_from(row * width + left).unwrap_or(0);
        let end = usize::try_from(row * width + right).unwrap_or(0);
        pixels
            .get(start..end)
            .is_some_and(|run| run.iter().all(|&pixel| pixel == background))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::{Fonts, SANS_SERIF, Theme};

    const WHITE: tiny_skia::Color = tiny_skia::Color::WHITE;

    /// A chart of a line, a label clear of it and a label across it, both
    /// with the halo the light theme gives chart labels.
    fn chart(extra: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\" font-family=\"sans-serif\">\
             <g class=\"chart\"{extra}>\
             <polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"0,70 300,70\"/>\
             <text x=\"10\" y=\"30\" font-size=\"20\" fill=\"#333333\">Clear of the line</text>\
             <text x=\"150\" y=\"78\" font-size=\"20\" fill=\"#333333\">Across it</text>\
             </g></svg>"
        )
    }

    fn tree(svg: &str) -> usvg::Tree {
        let fonts = Fonts::bundled();
        let options = usvg::Options {
            font_family: SANS_SERIF.to_string(),
            fontdb: fonts.database(),
            font_resolver: fonts.resolver(),
            style_sheet: Some(Theme::Light.style_sheet()),
            ..usvg::Options::default()
        };
        usvg::Tree::from_str(svg, &options).expect("parses")
    }

    fn drawn(svg: &str, by_resvg: bool) -> Pixmap {
        let tree = tree(svg);
        let mut pixmap = Pixmap::new(600, 200).expect("size");
        pixmap.fill(WHITE);
        let transform = Transform::from_scale(2.0, 2.0);
        if by_resvg {
            resvg::render(&tree, transform, &mut pixmap.as_mut());
        } else {
            draw(&tree, transform, &mut pixmap, WHITE);
        }
        pixmap
    }

    #[test]
    fn the_pixels_are_resvgs_with_halos_left_out_and_kept() {
        // One label's halo covers only background, the other's the line.
        let svg = chart("");
        assert!(drawn(&svg, false).data() == drawn(&svg, true).data());
        // A group with opacity needs a layer: resvg draws the whole tree.
        let layered = chart(" opacity=\"0.5\"");
        assert!(!walkable(tree(&layered).root()));
        assert!(drawn(&layered, false).data() == drawn(&layered, true).data());
    }

    #[test]
    fn a_halo_is_left_out_only_where_every_pixel_it_could_touch_is_background() {
        let mut pixmap = Pixmap::new(100, 100).expect("size");
        pixmap.fill(WHITE);
        let white = WHITE.premultiply().to_color_u8();
        let area = usvg::Rect::from_xywh(10.0, 10.0, 20.0, 20.0).expect("rect");
        assert!(only_background(&pixmap, area, Transform::identity(), white));
        // A mark in the pixel just outside the box is within the smoothed
        // edge (the box ends at x = 30, so covers pixels up to 29).
        let mut paint = tiny_skia::Paint::default();
        paint.set_color_rgba8(0, 0, 0, 255);
        let mark = tiny_skia::Rect::from_xywh(30.0, 40.0, 1.0, 1.0).expect("rect");
        pixmap.fill_rect(mark, &paint, Transform::identity(), None);
        let tall = usvg::Rect::from_xywh(10.0, 10.0, 20.0, 40.0).expect("rect");
        assert!(!only_background(&pixmap, tall, Transform::identity(), white));
        // Two pixels outside it is not; scaled, the box covers the mark.
        let narrow = usvg::Rect::from_xywh(10.0, 10.0, 19.0, 40.0).expect("rect");
        assert!(only_background(&pixmap, narrow, Transform::identity(), white));
        assert!(!only_background(&pixmap, tall, Transform::from_scale(1.5, 1.5), white));
        // A box wholly off the image touches nothing.
        let outside = usvg::Rect::from_xywh(500.0, 500.0, 10.0, 10.0).expect("rect");
        assert!(only_background(&pixmap, outside, Transform::identity(), white));
    }

    #[test]
    fn the_halo_of_a_label_across_a_line_is_drawn() {
        // Without its halo the line would run on under the label's letters:
        // the halo paints background over the line around each glyph.
        let with = drawn(&chart(""), false);
        let plain = chart("").replace("class=\"chart\"", "");
        let without = drawn(&plain, false);
        let row = 140;
        let line_pixels = |pixmap: &Pixmap| {
            (300..600)
                .filter(|&x| {
                    let pixel = pixmap.pixel(x, row).expect("pixel");
                    (pixel.red(), pixel.green(), pixel.blue()) == (0x00, 0x72, 0xB2)
                })
                .count()
        };
        assert!(
            line_pixels(&with) < line_pixels(&without),
            "{} {}",
            line_pixels(&with),
            line_pixels(&without)
        );
    }
}
