//! Stage 4b, raster: the SVG of share cards and image editions -> PNG
//! files, drawn by resvg with the fonts bundled in the binary.
//!
//! The page stage composes each image as SVG (an [`ImageJob`]: the card of
//! a page, or a chart's 2× edition in light or dark); this stage checks
//! that the bundled fonts can draw every character of its text, then draws
//! it. A PNG is a pure function of its SVG, its size and theme, the fonts
//! and this renderer's version; its [`crate::cache::Key`] is a digest of
//! exactly those, so a store kept between builds gives back the bytes
//! drawing would make, and a new week draws only the images that changed.
//!
//! PNGs are deterministic: fixed compression settings, no timestamps, no
//! text chunks, no colour profile. No I/O here: the store decides where
//! bytes are kept.

mod draw;
mod fonts;
mod theme;

pub use fonts::{Fonts, SANS_SERIF};
pub use theme::{DARK_COLOURS, Theme};

use crate::cache::{Digest, Key, Store};
use crate::error::{Error, Location, Problem, Problems};
use resvg::usvg;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What changes every PNG when it changes: the renderer and encoder
/// versions and how flowsite drives them. Bump the last number whenever
/// the drawing or encoding code here changes its output.
const RENDERER: &str = "resvg 0.49.0; png 0.18.1; palette up to 256 colours (fast deflate, adaptive filter), else RGB8 (zlib level 1, no filter); charts grouped, not nested; fallback faces by weight; halos over background skipped; flowsite raster 6";

/// One image to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageJob {
    /// Its path in the site (a route).
    pub path: String,
    /// What it is, for a message about it ("the share card of
    /// weeks/2026-09-12/").
    pub name: String,
    /// The complete SVG document, shared by the light and dark images of
    /// a chart (on a big site these documents are most of what a build
    /// holds while it draws).
    pub svg: std::sync::Arc<str>,
    /// Width of the PNG, in pixels; the SVG is scaled to it.
    pub width: u32,
    /// Height of the PNG, in pixels.
    pub height: u32,
    /// The colour scheme it is drawn in.
    pub theme: Theme,
}

impl ImageJob {
    /// The digest of everything the PNG depends on.
    pub fn key(&self, fonts: &Fonts) -> Key {
        let mut digest = Digest::new("png");
        digest
            .add(RENDERER.as_bytes())
            .add_u128(fonts.digest())
            .add(self.svg.as_bytes())
            .add(&self.width.to_le_bytes())
            .add(&self.height.to_le_bytes())
            .add(self.theme.style_sheet().as_bytes())
            .add(self.theme.background().as_bytes());
        digest.key()
    }
}

/// Refuses images whose text the bundled fonts cannot draw, naming the
/// image, the text and the character. Each such text is reported once, at
/// the first image that shows it, with how many others do: a site name
/// the fonts cannot draw is in every card.
pub fn check_text(jobs: &[ImageJob], fonts: &Fonts) -> Result<(), Error> {
    // Many images share their text (a chart's labels are in its card and
    // both its editions): each text is judged once.
    let mut judged: BTreeMap<String, Option<char>> = BTreeMap::new();
    // Each text that cannot be drawn, in the order first met: the first
    // image showing it, the character, how many other images show it.
    let mut refused: Vec<(String, &ImageJob, char, usize, &str)> = Vec::new();
    // Parsing the SVGs is the cost: done on every core, judged in order.
    let parsed = crate::parallel::map_ordered(jobs, |job| {
        text_nodes(&job.svg).map_err(|error| unparsable(job, &error))
    })?;
    for (job, texts) in jobs.iter().zip(parsed) {
        for text in texts {
            let missing = *judged.entry(text.clone()).or_insert_with(|| {
                text.chars()
                    .find(|&c| !c.is_whitespace() && !c.is_control() && !fonts.covers(c))
            });
            let Some(c) = missing else { continue };
            match refused.iter_mut().find(|(seen, ..)| *seen == text) {
                // Counted once per image, however often it shows the text.
                Some((.., others, last)) if *last != job.path => {
                    *others += 1;
                    *last = &job.path;
                }
                Some(_) => {}
                None => refused.push((text, job, c, 0, &job.path)),
            }
        }
    }
    let mut problems = Problems::new();
    for (text, job, c, others, _) in refused {
        let elsewhere = match others {
            0 => String::new(),
            1 => " (and 1 other image)".to_string(),
            n => format!(" (and {n} other images)"),
        };
        problems.report(
            Location::file(job.path.clone()),
            format!(
                "{}{elsewhere}: the text \u{201c}{text}\u{201d} needs the character \u{201c}{c}\u{201d} (U+{:04X}), which no bundled font has",
                job.name, c as u32
            ),
            "use characters the bundled fonts cover (Latin, Japanese kana and JIS level-1 kanji), or add the character to scripts/subset-fonts",
        );
    }
    problems.into_result(())
}

/// Where [`draw_each`] hands each image: the index of its job, the job
/// and its bytes. Called from every core.
pub type Deliver<'a> = dyn Fn(usize, &ImageJob, &Arc<Vec<u8>>) -> Result<(), Error> + Sync + 'a;

/// Draws every job, taking what the store already holds and keeping what
/// is drawn in it; identical images (the same key) are drawn once. Each
/// image's bytes go to `deliver` with its job as soon as they are drawn
/// (or found in the store), and none are kept: a build writes each PNG
/// into its site and lets it go, so that a site of 17,000 images never
/// holds them all. Returns how many distinct images were drawn and how
/// many the store held. `deliver` is called from every core, once per job.
pub fn draw_each(
    jobs: &[ImageJob],
    fonts: &Fonts,
    store: &dyn Store,
    deliver: &Deliver<'_>,
) -> Result<(usize, usize), Error> {
    check_text(jobs, fonts)?;
    // Each distinct image with every job that shows it, in job order.
    let mut unique: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (at, job) in jobs.iter().enumerate() {
        unique.entry(job.key(fonts)).or_default().push(at);
    }
    let unique: Vec<(Key, Vec<usize>)> = unique.into_iter().collect();
    let made = crate::parallel::map_ordered(&unique, |(key, shown_by)| -> Result<bool, Error> {
        let Some(first) = shown_by.first().and_then(|&at| jobs.get(at)) else {
            return Ok(false);
        };
        let (bytes, drawn) = match store.get(*key)? {
            Some(bytes) => (bytes, false),
            None => {
                let bytes = crate::cache::shared(render_png(first, fonts)?);
                store.put(*key, Arc::clone(&bytes))?;
                (bytes, true)
            }
        };
        for &at in shown_by {
            if let Some(job) = jobs.get(at) {
                deliver(at, job, &bytes)?;
            }
        }
        Ok(drawn)
    })?;
    let drawn = made.iter().filter(|&&drawn| drawn).count();
    Ok((drawn, made.len() - drawn))
}

/// Draws one image as PNG bytes.
pub fn render_png(job: &ImageJob, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let tree = parse(&job.svg, job.theme, fonts).map_err(|error| unparsable(job, &error))?;
    check_drawn_text(&job.svg, &tree).map_err(|problem| Error::Invalid(vec![problem.at(&job.path, &job.name)]))?;
    let size = tree.size();
    let empty = || Error::Internal(format!("{}: an empty image size", job.name));
    let pixel_size = resvg::tiny_skia::IntSize::from_wh(job.width, job.height).ok_or_else(empty)?;
    let mut scratch = SCRATCH.with(|cell| std::mem::take(&mut *cell.borrow_mut()));
    // Whatever the last image left is painted over: the background fill
    // below sets every pixel.
    scratch.pixels.resize(job.width as usize * job.height as usize * 4, 0);
    let Some(mut pixmap) = resvg::tiny_skia::Pixmap::from_vec(std::mem::take(&mut scratch.pixels), pixel_size) else {
        return Err(empty());
    };
    let background = parse_colour(job.theme.background());
    pixmap.fill(background);
    let scale_x = job.width as f32 / size.width();
    let scale_y = job.height as f32 / size.height();
    draw::draw(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale_x, scale_y),
        &mut pixmap,
        background,
    );
    let encoded = encode_png(&pixmap, &mut scratch.rows);
    scratch.pixels = pixmap.take();
    SCRATCH.with(|cell| *cell.borrow_mut() = scratch);
    encoded.map_err(|what| Error::Internal(format!("{}: could not encode the PNG: {what}", job.name)))
}

/// The buffers one image is drawn and encoded in, kept by each drawing
/// thread for its next image. A chart image's pixels are 6 MB: allocated
/// afresh for every image, that memory was faulted in and zeroed by the
/// kernel page by page each time, on the big site for 17,000 images.
#[derive(Default)]
struct Scratch {
    /// The pixmap's RGBA bytes.
    pixels: Vec<u8>,
    /// The rows handed to the encoder: palette indices or RGB bytes.
    rows: Vec<u8>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Why an SVG cannot be drawn as it should.
#[derive(Debug)]
enum DrawProblem {
    /// Fewer texts were laid out than the SVG has: a font was missing.
    TextDropped { written: usize, laid_out: usize },
}

impl DrawProblem {
    fn at(self, path: &str, name: &str) -> Problem {
        let DrawProblem::TextDropped { written, laid_out } = self;
        Problem::new(
            Location::file(path.to_string()),
            format!("{name}: only {laid_out} of its {written} texts could be laid out with the loaded fonts"),
            "load the bundled fonts (a build of flowsite without them cannot draw text)",
        )
    }
}

/// Refuses a tree that lost text: resvg drops a text it has no font for
/// without a word, which would publish a card without its headline.
fn check_drawn_text(svg: &str, tree: &usvg::Tree) -> Result<(), DrawProblem> {
    let written = text_nodes(svg).map_or(0, |texts| texts.len());
    let laid_out = count_text(tree.root());
    if written > 0 && (!tree.has_text_nodes() || laid_out < written) {
        return Err(DrawProblem::TextDropped { written, laid_out });
    }
    Ok(())
}

/// How many text nodes usvg laid out below `group`.
fn count_text(group: &usvg::Group) -> usize {
    group
        .children()
        .iter()
        .map(|node| match node {
            usvg::Node::Group(inner) => count_text(inner),
            usvg::Node::Text(_) => 1,
            _ => 0,
        })
        .sum()
}

/// An image whose SVG flowsite composed does not parse: a bug, not bad input.
fn unparsable(job: &ImageJob, error: &dyn std::fmt::Display) -> Error {
    Error::Internal(format!("{}: its SVG does not parse: {error}", job.name))
}

/// The text of every `<text>` element that has any, in document order.
pub fn text_nodes(svg: &str) -> Result<Vec<String>, roxmltree::Error> {
    let document = roxmltree::Document::parse(svg)?;
    Ok(document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .map(|node| {
            node.descendants()
                .filter(|inner| inner.is_text())
                .filter_map(|inner| inner.text())
                .collect::<String>()
        })
        .filter(|text| !text.trim().is_empty())
        .collect())
}

/// usvg's tree of `svg`, laid out with `fonts` only and styled for `theme`.
fn parse(svg: &str, theme: Theme, fonts: &Fonts) -> Result<usvg::Tree, usvg::Error> {
    let options = usvg::Options {
        font_family: SANS_SERIF.to_string(),
        fontdb: fonts.database(),
        font_resolver: fonts.resolver(),
        style_sheet: Some(theme.style_sheet()),
        // Images never load anything: a reference to a file or an address
        // in an SVG is ignored rather than read.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
}

/// `#rrggbb` as an opaque colour (the themes' own constants).
fn parse_colour(hex: &str) -> resvg::tiny_skia::Color {
    let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2).unwrap_or("00"), 16).unwrap_or(0);
    resvg::tiny_skia::Color::from_rgba8(channel(1), channel(3), channel(5), 255)
}

/// The pixmap as a PNG. Every image is drawn on an opaque background, so
/// the alpha channel carries nothing and is left out. A chart has few
/// colours even with its edges smoothed (a weekly chart about 70, a card
/// about 120): with at most 256 the file stores each pixel as an index
/// into a palette, exactly the same pixels in about a quarter of the
/// bytes; an image with more is stored as 8-bit RGB.
fn encode_png(pixmap: &resvg::tiny_skia::Pixmap, rows: &mut Vec<u8>) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let pixels = pixmap.data().chunks_exact(4);
    let mut out = Vec::with_capacity(pixmap.data().len() / 16);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    // Fixed settings, so the same pixels always give the same bytes.
    match palette_of(pixmap.data(), rows) {
        Some(palette) => {
            // The fast deflater codes runs of zeros, and the filters make
            // them (a row like the one above becomes zeros): without them
            // a weekly chart's image is 189 KB, with them 36 KB, in under
            // a millisecond either way.
            encoder.set_compression(png::Compression::Fast);
            encoder.set_filter(png::Filter::Adaptive);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
        }
        None => {
            // Many colours (the smoothed crossings of twenty year lines):
            // zlib's fastest level on unfiltered rows matches repeated runs
            // of pixels, which the fast deflater cannot. Measured on the
            // sample site's year-to-date images: 186 KB against 329 KB,
            // 5.9 ms against 5.2 ms.
            encoder.set_deflate_compression(png::DeflateCompression::Level(1));
            encoder.set_filter(png::Filter::NoFilter);
            encoder.set_color(png::ColorType::Rgb);
            // Sized up front: collecting a flat_map cannot know its length
            // and grew the buffer a byte at a time (an eighth of the time
            // of a year-to-date image).
            rows.clear();
            rows.reserve(pixmap.data().len() / 4 * 3);
            for pixel in pixels {
                rows.extend_from_slice(&pixel[..3]);
            }
        }
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rows)?;
    writer.finish()?;
    Ok(out)
}

/// The image's colours in the order they first appear (RGB, three bytes
/// each), if there are at most 256, with each pixel's index among them put
/// in `indices` (emptied first).
///
/// `rgba` is the pixmap's bytes, four to a pixel; every pixel is opaque.
/// This looks at every pixel of the image, so it is kept lean: runs of one
/// colour are the rule and are taken four pixels at a time, and any other
/// pixel's colour is looked up in a small open-addressed table of packed
/// colours, with no hashing library (SipHash over every change of colour
/// was half the cost of encoding a chart).
fn palette_of(rgba: &[u8], indices: &mut Vec<u8>) -> Option<Vec<u8>> {
    /// Slots in the table: a power of two, four times the most colours a
    /// palette holds, so that probes stay short.
    const SLOTS: usize = 1024;
    // A colour is packed with a 1 in its top byte, so no colour is 0, the
    // mark of an empty slot. Only looked up, never iterated: the palette's
    // order is `palette`'s, that of first appearance.
    let mut slots = [(0u32, 0u8); SLOTS];
    let mut palette: Vec<u8> = Vec::with_capacity(256 * 3);
    indices.clear();
    indices.reserve(rgba.len() / 4);
    // The last pixel's four bytes, four times over, and its index: a run
    // of it is taken four pixels (one 16-byte comparison) at a time.
    let mut run: Option<(u128, u8)> = None;
    let mut at = 0;
    while at + 4 <= rgba.len() {
        if let (Some((pattern, index)), Some(four)) = (run, rgba.get(at..at + 16))
            && u128::from_ne_bytes(four.try_into().unwrap_or_default()) == pattern
        {
            indices.extend_from_slice(&[index; 4]);
            at += 16;
            continue;
        }
        let pixel = &rgba[at..at + 4];
        let colour = u32::from_le_bytes([pixel[0], pixel[1], pixel[2], 1]);
        // Fibonacci hashing: the top ten bits of the product.
        let mut slot = (colour.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        let index = loop {
            let (held, index) = slots[slot];
            if held == colour {
                break index;
            }
            if held == 0 {
                let index = u8::try_from(palette.len() / 3).ok()?;
                palette.extend_from_slice(&pixel[..3]);
                slots[slot] = (colour, index);
                break index;
            }
            slot = (slot + 1) % SLOTS;
        };
        let raw = u32::from_ne_bytes([pixel[0], pixel[1], pixel[2], pixel[3]]);
        run = Some((u128::from(raw) * 0x0000_0001_0000_0001_0000_0001_0000_0001, index));
        indices.push(index);
        at += 4;
    }
    Some(palette)
}

#[cfg(test)]
mod tests;
