//! The fonts PNGs are drawn with: bundled in the binary, never the system's.
//!
//! A PNG must be byte-identical on every machine, so no font is ever looked
//! up on the host (resvg is built without its system-font loaders). The
//! bundled faces are subsets of Noto Sans (Latin) and Noto Sans JP
//! (Japanese), made by `scripts/subset-fonts`; both are under the SIL Open
//! Font License, whose texts sit beside them in `fonts/`.
//!
//! Which characters the faces cover is known before anything is drawn:
//! resvg silently drops text it has no font for and draws a box for a
//! character no face has, so a card that needs such a character is refused
//! instead (see `super::check_text`). No I/O here.
//!
//! Japanese text falls back from Noto Sans (which has no kanji) to Noto Sans
//! JP. usvg's own fallback takes the first face that has the character,
//! whatever its weight, which set every bold kanji in the regular face; the
//! [`Fonts::resolver`] here picks the face nearest in style and weight.

use resvg::usvg::{self, fontdb};
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

/// The family `sans-serif` resolves to; every chart and card is set in it.
pub const SANS_SERIF: &str = "Noto Sans";

/// The bundled faces, each with the name it is reported by.
const BUNDLED: [(&str, &[u8]); 4] = [
    ("Noto Sans Regular", include_bytes!("fonts/NotoSans-Regular.subset.ttf")),
    ("Noto Sans Bold", include_bytes!("fonts/NotoSans-Bold.subset.ttf")),
    (
        "Noto Sans JP Regular",
        include_bytes!("fonts/NotoSansJP-Regular.subset.ttf"),
    ),
    ("Noto Sans JP Bold", include_bytes!("fonts/NotoSansJP-Bold.subset.ttf")),
];

/// A set of faces to draw with, and every character they can draw.
#[derive(Debug, Clone)]
pub struct Fonts {
    database: Arc<fontdb::Database>,
    covered: BTreeSet<char>,
    /// A digest of every face's bytes: part of each PNG's cache key, so that
    /// new fonts never reuse a PNG drawn with the old ones.
    digest: u128,
}

impl Fonts {
    /// The fonts bundled in flowsite, loaded once per process.
    pub fn bundled() -> &'static Fonts {
        static BUNDLED_FONTS: OnceLock<Fonts> = OnceLock::new();
        BUNDLED_FONTS.get_or_init(|| Fonts::from_faces(BUNDLED.iter().map(|(_, bytes)| *bytes)))
    }

    /// Fonts made of the given face files (TrueType or OpenType). With
    /// none, nothing can be drawn: every text is refused.
    pub fn from_faces<'a>(faces: impl IntoIterator<Item = &'a [u8]>) -> Fonts {
        let mut database = fontdb::Database::new();
        let mut covered = BTreeSet::new();
        let mut digest = crate::cache::Digest::new("fonts");
        for face in faces {
            digest.add(face);
            covered.extend(characters_of(face));
            database.load_font_data(face.to_vec());
        }
        database.set_sans_serif_family(SANS_SERIF);
        let digest = digest.finish();
        Fonts {
            database: Arc::new(database),
            covered,
            digest,
        }
    }

    /// Whether some face can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.covered.contains(&c)
    }

    /// The database usvg lays text out with.
    pub(super) fn database(&self) -> Arc<fontdb::Database> {
        Arc::clone(&self.database)
    }

    /// How usvg picks faces: by family as usual, and for a character the
    /// chosen face lacks (a kanji in Noto Sans) the face that has it and is
    /// nearest to the chosen one, so that bold Japanese text is bold.
    pub(super) fn resolver(&self) -> usvg::FontResolver<'static> {
        usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: Box::new(|c, used, database| nearest_face_with(c, used, database)),
        }
    }

    /// The digest of the faces' bytes.
    pub(super) fn digest(&self) -> u128 {
        self.digest
    }

    /// The names and sizes of the bundled faces, to say where the binary's
    /// bytes went.
    pub fn bundled_sizes() -> impl Iterator<Item = (&'static str, usize)> {
        BUNDLED.iter().map(|(name, bytes)| (*name, bytes.len()))
    }
}

/// The face that draws `c` when the faces in `used` cannot: among those
/// that have a glyph for it, the one of the first used face's style, then
/// its stretch, then the nearest weight; a tie goes to the face loaded
/// first (the order of `BUNDLED`), so the choice is the same on every run.
fn nearest_face_with(c: char, used: &[fontdb::ID], database: &fontdb::Database) -> Option<fontdb::ID> {
    let base = database.face(*used.first()?)?;
    database
        .faces()
        .filter(|face| !used.contains(&face.id) && has_glyph(database, face.id, c))
        .min_by_key(|face| {
            (
                face.style != base.style,
                face.stretch != base.stretch,
                face.weight.0.abs_diff(base.weight.0),
            )
        })
        .map(|face| face.id)
}

/// Whether the face maps `c` to a glyph.
fn has_glyph(database: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    use skrifa::MetadataProvider;
    database
        .with_face_data(id, |file, index| {
            skrifa::FontRef::from_index(file, index).is_ok_and(|face| face.charmap().map(c).is_some())
        })
        .unwrap_or(false)
}

/// Every character a face file maps to a glyph, in any of its faces.
fn characters_of(file: &[u8]) -> Vec<char> {
    use skrifa::MetadataProvider;
    let count = skrifa::raw::FileRef::new(file).map_or(0, |file| file.fonts().count());
    (0..count as u32)
        .filter_map(|index| skrifa::FontRef::from_index(file, index).ok())
        .flat_map(|face| {
            face.charmap()
                .mappings()
                .filter_map(|(code, _)| char::from_u32(code))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_faces_cover_flowsites_text_in_english_and_japanese() {
        let fonts = Fonts::bundled();
        for c in "+¥1.08tn · 8th straight week of buying – −£€$…".chars() {
            assert!(fonts.covers(c), "{c:?}");
        }
        for c in "対外及び対内証券売買契約等の状況（週次）海外投資家が日本株を買い越し".chars()
        {
            assert!(fonts.covers(c), "{c:?}");
        }
        assert!(!fonts.covers('\u{1F600}'), "no emoji face is bundled");
    }

    #[test]
    fn fonts_without_faces_cover_nothing_and_differ_in_digest() {
        let none = Fonts::from_faces([]);
        assert!(!none.covers('a'));
        assert_ne!(none.digest(), Fonts::bundled().digest());
    }
}
