use super::*;
use crate::cache::MemoryStore;

/// Every job's PNG, in job order, and how many distinct images were drawn
/// and how many the store held.
struct Rendered {
    files: Vec<(String, Arc<Vec<u8>>)>,
    drawn: usize,
    reused: usize,
}

/// [`draw_each`], keeping what it hands over.
fn render_images(jobs: &[ImageJob], fonts: &Fonts, store: &dyn Store) -> Result<Rendered, Error> {
    let made = std::sync::Mutex::new(Vec::new());
    let (drawn, reused) = draw_each(jobs, fonts, store, &|at, job, bytes| {
        made.lock()
            .expect("not poisoned")
            .push((at, job.path.clone(), Arc::clone(bytes)));
        Ok(())
    })?;
    let mut made = made.into_inner().expect("not poisoned");
    // In the order of the jobs, whatever order the threads finished in.
    made.sort_by_key(|(at, ..)| *at);
    let files = made.into_iter().map(|(_, path, bytes)| (path, bytes)).collect();
    Ok(Rendered { files, drawn, reused })
}

const LATIN_ONLY: &[u8] = include_bytes!("fonts/NotoSans-Regular.subset.ttf");

fn svg(text: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\" class=\"chart\" font-family=\"sans-serif\">\
         <rect x=\"10\" y=\"60\" width=\"40\" height=\"30\" fill=\"#0072B2\"/>\
         <text x=\"10\" y=\"30\" font-size=\"20\" fill=\"#333333\">{text}</text></svg>"
    )
}

fn job(text: &str, theme: Theme) -> ImageJob {
    ImageJob {
        path: "card.png".to_string(),
        name: "the share card of the home page".to_string(),
        svg: svg(text).into(),
        width: 600,
        height: 200,
        theme,
    }
}

/// Every problem of a refusal, one a line.
fn problems(error: &Error) -> String {
    match error {
        Error::Invalid(problems) => problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
        other => panic!("bad input, not {other:?}"),
    }
}

fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // A palette image is read as the RGB pixels it stands for.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    pixels.truncate(info.buffer_size());
    (info, pixels)
}

fn pixel(info: &png::OutputInfo, pixels: &[u8], x: usize, y: usize) -> [u8; 3] {
    let at = y * info.line_size + x * 3;
    [pixels[at], pixels[at + 1], pixels[at + 2]]
}

#[test]
fn draws_a_png_of_the_asked_size_that_decodes() {
    let bytes = render_png(&job("+¥1.08tn · 8th straight week", Theme::Light), Fonts::bundled()).expect("drawn");
    let (info, pixels) = decode(&bytes);
    assert_eq!((info.width, info.height), (600, 200));
    assert_eq!(info.color_type, png::ColorType::Rgb, "as read");
    // The column is drawn at twice its size, in its colour; the corner is
    // the white background.
    assert_eq!(pixel(&info, &pixels, 60, 150), [0x00, 0x72, 0xB2]);
    assert_eq!(pixel(&info, &pixels, 590, 5), [0xff, 0xff, 0xff]);
    // Text was drawn: some pixels of the label's row are dark.
    let inked = (20..300).filter(|&x| pixel(&info, &pixels, x, 50)[0] < 0x80).count();
    assert!(inked > 5, "{inked} dark pixels where the label is");
}

#[test]
fn the_dark_edition_is_the_same_svg_with_the_dark_colour_map() {
    let bytes = render_png(&job("Sep", Theme::Dark), Fonts::bundled()).expect("drawn");
    let (info, pixels) = decode(&bytes);
    assert_eq!(pixel(&info, &pixels, 60, 150), [0x56, 0xb4, 0xe9]);
    assert_eq!(pixel(&info, &pixels, 590, 5), [0x12, 0x14, 0x17]);
}

#[test]
fn the_same_svg_gives_the_same_bytes() {
    let one = render_png(&job("Record sale, −¥4.45tn", Theme::Light), Fonts::bundled()).expect("drawn");
    // A thread reuses its buffers from image to image: one of another
    // size, colours and text in between leaves nothing behind.
    let mut between = job("Sep", Theme::Dark);
    (between.width, between.height) = (900, 300);
    render_png(&between, Fonts::bundled()).expect("drawn");
    let two = render_png(&job("Record sale, −¥4.45tn", Theme::Light), Fonts::bundled()).expect("drawn");
    assert_eq!(one, two);
    // No text chunks, time or colour profile: IHDR, the palette, IDAT and
    // IEND only.
    let mut chunks = Vec::new();
    let mut at = 8;
    while at + 8 <= one.len() {
        let length = u32::from_be_bytes([one[at], one[at + 1], one[at + 2], one[at + 3]]) as usize;
        chunks.push(String::from_utf8_lossy(&one[at + 4..at + 8]).into_owned());
        at += 12 + length;
    }
    chunks.dedup();
    assert_eq!(chunks, ["IHDR", "PLTE", "IDAT", "IEND"]);
}

#[test]
fn japanese_text_is_laid_out_with_the_bundled_japanese_faces() {
    let text = "海外投資家の日本株買い越し、８週連続";
    let job = job(text, Theme::Light);
    check_text(std::slice::from_ref(&job), Fonts::bundled()).expect("every character has a glyph");
    let bytes = render_png(&job, Fonts::bundled()).expect("drawn");
    let (info, pixels) = decode(&bytes);
    let inked = (20..300).filter(|&x| pixel(&info, &pixels, x, 50)[0] < 0x80).count();
    assert!(inked > 20, "{inked}");
}

/// The PNG of `text` set in `family` at `weight`, on a card-sized canvas.
fn drawn_in(text: &str, family: &str, weight: &str) -> Vec<u8> {
    let job = ImageJob {
        svg: svg(text)
            .replace(
                "<text x=\"10\"",
                &format!("<text font-family=\"{family}\" font-weight=\"{weight}\" x=\"10\""),
            )
            .into(),
        ..job(text, Theme::Light)
    };
    let (_, pixels) = decode(&render_png(&job, Fonts::bundled()).expect("drawn"));
    pixels
}

/// How much ink the text row holds: the sum of every pixel's darkness
/// above the label (the column below it is left out).
fn ink(pixels: &[u8]) -> u64 {
    pixels[..600 * 3 * 110].iter().map(|&v| u64::from(255 - v)).sum()
}

#[test]
fn bold_japanese_text_is_drawn_with_the_bold_japanese_face() {
    let text = "売り越し、過去最大";
    // The cards ask for sans-serif, which is Noto Sans: its kanji come
    // from the Japanese face of the same weight, exactly as if that face
    // had been named.
    let bold = drawn_in(text, "sans-serif", "bold");
    assert_eq!(
        bold,
        drawn_in(text, "Noto Sans JP", "bold"),
        "bold kanji in Noto Sans JP Bold"
    );
    let regular = drawn_in(text, "sans-serif", "normal");
    assert_eq!(
        regular,
        drawn_in(text, "Noto Sans JP", "normal"),
        "regular kanji in Noto Sans JP Regular"
    );
    // And the two faces differ: bold strokes hold visibly more ink.
    let (bold, regular) = (ink(&bold), ink(&regular));
    assert!(bold * 10 > regular * 13, "bold {bold} against regular {regular}");
}

#[test]
fn latin_and_kanji_in_one_bold_text_are_both_bold() {
    // A Japanese headline mixes digits (Noto Sans) and kanji (Noto Sans JP).
    let mixed = |weight| ink(&drawn_in("−1兆5228億円・売り越し", "sans-serif", weight));
    let (bold, regular) = (mixed("bold"), mixed("normal"));
    assert!(bold * 10 > regular * 13, "bold {bold} against regular {regular}");
}

#[test]
fn with_no_font_loaded_text_is_not_silently_dropped() {
    let none = Fonts::from_faces([]);
    // The check before drawing finds no glyph at all...
    let error = check_text(&[job("Sep", Theme::Light)], &none).expect_err("refused");
    assert!(
        problems(&error).contains("needs the character \u{201c}S\u{201d}"),
        "{error:?}"
    );
    // ...and drawing itself refuses a tree that lost its text.
    let error = render_png(&job("Sep", Theme::Light), &none).expect_err("refused");
    assert!(
        problems(&error).contains("only 0 of its 1 texts could be laid out"),
        "{error:?}"
    );
}

#[test]
fn a_kanji_without_a_japanese_font_is_refused_rather_than_drawn_as_a_box() {
    let latin = Fonts::from_faces([LATIN_ONLY]);
    let jobs = [
        job("Foreign buying 買い越し", Theme::Light),
        job("−¥1.52tn", Theme::Light),
    ];
    let error = check_text(&jobs, &latin).expect_err("refused");
    let Error::Invalid(problems) = &error else {
        panic!("bad input, not {error:?}")
    };
    assert_eq!(problems.len(), 1, "only the text that needs the kanji: {problems:?}");
    let message = problems[0].to_string();
    assert!(
        message.starts_with("card.png: the share card of the home page"),
        "{message}"
    );
    assert!(message.contains("\u{201c}Foreign buying 買い越し\u{201d}"), "{message}");
    assert!(message.contains("\u{201c}買\u{201d} (U+8CB7)"), "{message}");
    assert!(render_images(&jobs, &latin, &MemoryStore::new()).is_err());
}

#[test]
fn the_rendered_text_nodes_match_the_svgs_text_elements() {
    let svg = svg("−¥1.52tn").replace(
        "</svg>",
        "<text x=\"1\" y=\"90\">Source: Ministry of Finance, Japan</text><text> </text></svg>",
    );
    assert_eq!(
        text_nodes(&svg).expect("parses"),
        ["−¥1.52tn", "Source: Ministry of Finance, Japan"]
    );
    let tree = parse(&svg, Theme::Light, Fonts::bundled()).expect("parses");
    assert!(tree.has_text_nodes());
    assert_eq!(count_text(tree.root()), 2);
}

#[test]
fn a_store_saves_drawing_the_same_image_twice_and_never_changes_a_byte() {
    let jobs = vec![
        job("Sep", Theme::Light),
        ImageJob {
            path: "copy.png".to_string(),
            ..job("Sep", Theme::Light)
        },
        job("Sep", Theme::Dark),
    ];
    let store = MemoryStore::new();
    let first = render_images(&jobs, Fonts::bundled(), &store).expect("drawn");
    assert_eq!((first.drawn, first.reused), (2, 0), "the copy is drawn once");
    assert_eq!(store.len(), 2);
    let second = render_images(&jobs, Fonts::bundled(), &store).expect("drawn");
    assert_eq!((second.drawn, second.reused), (0, 2));
    let uncached = render_images(&jobs, Fonts::bundled(), &crate::cache::NoStore).expect("drawn");
    assert_eq!(first.files, second.files);
    assert_eq!(first.files, uncached.files);
    assert_eq!(
        first.files.iter().map(|(path, _)| path.as_str()).collect::<Vec<_>>(),
        ["card.png", "copy.png", "card.png"]
    );
}

#[test]
fn a_key_changes_with_the_svg_the_theme_the_size_and_the_fonts() {
    let fonts = Fonts::bundled();
    let base = job("Sep", Theme::Light);
    let key = base.key(fonts);
    assert_eq!(key, base.clone().key(fonts));
    assert_ne!(key, job("Oct", Theme::Light).key(fonts));
    assert_ne!(key, job("Sep", Theme::Dark).key(fonts));
    assert_ne!(
        key,
        ImageJob {
            width: 601,
            ..base.clone()
        }
        .key(fonts)
    );
    assert_ne!(key, base.key(&Fonts::from_faces([LATIN_ONLY])));
}

#[test]
fn few_colours_are_stored_as_a_palette_and_many_as_rgb_with_the_same_pixels() {
    for colours in [3_u32, 256, 257, 600] {
        let mut pixmap = resvg::tiny_skia::Pixmap::new(40, 30).expect("pixmap");
        for (at, pixel) in pixmap.pixels_mut().iter_mut().enumerate() {
            let n = at as u32 % colours;
            let (r, g) = ((n % 256) as u8, (n / 256) as u8 * 80);
            *pixel = resvg::tiny_skia::ColorU8::from_rgba(r, g, 7, 255).premultiply();
        }
        let bytes = encode_png(&pixmap, &mut Vec::new()).expect("encoded");
        let info = png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .expect("a PNG")
            .info()
            .clone();
        let expected = if colours <= 256 {
            png::ColorType::Indexed
        } else {
            png::ColorType::Rgb
        };
        assert_eq!(info.color_type, expected, "{colours} colours");
        let (_, pixels) = decode(&bytes);
        let drawn: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| p[..3].to_vec()).collect();
        assert_eq!(pixels, drawn, "{colours} colours: the same pixels");
    }
}

#[test]
fn the_palette_is_every_colour_in_order_of_first_appearance_and_each_pixels_index() {
    // Runs of every length from 1 to 9 (so a run of four-pixel steps ends
    // at every offset), some colours coming back later, and a pixel whose
    // alpha differs from a colour it shares with another; first, a run of
    // four pixels whose bytes are all zero, one step of four.
    let mut rgba = vec![0; 4 * 4];
    let mut expected_palette: Vec<[u8; 3]> = vec![[0, 0, 0]];
    let mut expected_indices = vec![0; 4];
    for step in 0..400_u32 {
        let n = (step * 7) % 97;
        let colour = [(n * 3) as u8, (n * 5) as u8, 200];
        let alpha = if step == 50 { 254 } else { 255 };
        let index = match expected_palette.iter().position(|seen| *seen == colour) {
            Some(at) => at,
            None => {
                expected_palette.push(colour);
                expected_palette.len() - 1
            }
        };
        for _ in 0..(step % 9 + 1) {
            rgba.extend_from_slice(&[colour[0], colour[1], colour[2], alpha]);
            expected_indices.push(index as u8);
        }
    }
    // A buffer left from another image is emptied first.
    let mut indices = vec![7; 3];
    let palette = palette_of(&rgba, &mut indices).expect("97 colours fit a palette");
    assert_eq!(palette, expected_palette.concat());
    assert_eq!(indices, expected_indices);
    // The 257th colour ends the palette, wherever it comes.
    let many: Vec<u8> = (0..257_u32)
        .flat_map(|n| [(n % 256) as u8, (n / 256) as u8, 0, 255])
        .collect();
    assert!(palette_of(&many, &mut indices).is_none());
    assert!(palette_of(&many[..256 * 4], &mut indices).is_some());
}
