//! Pages an earlier render made, found again by what they were made from.
//!
//! Most of a site's pages read no commentary: the briefs (except their own
//! week's note), the embeds and the downloads are made from the data, the
//! site's settings and flowsite alone. Saving one commentary file in the
//! preview should render the pages that read it, not 2,264 briefs again.
//!
//! A page's key is the digest of everything it is made from:
//! - flowsite's build, the options (drafts), the edition, and the other
//!   edition's commentary slugs (which the language switch reads);
//! - the hash of `site.toml` and `data/`: any change there gives every
//!   page a new key. No page reads a file of `static/` (a stylesheet is
//!   linked, never inlined), so editing one renders no page again;
//! - what the page reads of the commentary, named by the page itself: its
//!   week note, its charts as the plan asks for them (their annotations
//!   come from commentary), and where their images, embeds and the page's
//!   card live (commentary pieces may show the same charts).
//!
//! A chart's drawing is a function of the data, its request and the
//! edition's words (see `chart::reuse`), so the request stands for it.
//! Rendering a page from the store therefore gives exactly the bytes
//! rendering it again would; `tests/preview_memory.rs` compares the two.
//! A key holds its files' paths in a plain length-prefixed encoding, and
//! each file's bytes under a key of its own; paths that do not decode, or
//! a file the store no longer has, are rendered again. No I/O here.

use super::{RenderedFile, SiteData};
use crate::cache::{Digest, Key, Store};
use crate::error::Error;
use crate::load::InputDigest;
use std::sync::Arc;

/// Where rendered pages are kept between renders, and what every page's
/// key holds besides the page's own inputs.
#[derive(Clone, Copy)]
pub struct PageReuse<'a> {
    store: &'a dyn Store,
    /// flowsite's build, the options and the hash of the settings and the
    /// data, digested once.
    context: u128,
}

impl<'a> PageReuse<'a> {
    /// Reuse nothing: every page is rendered.
    pub fn none() -> PageReuse<'static> {
        PageReuse {
            store: &crate::cache::NoStore,
            context: 0,
        }
    }

    /// Pages kept in `store`, rendered by flowsite build `build` with
    /// drafts shown or not, from settings and data whose hash is `inputs`.
    pub fn new(store: &'a dyn Store, build: &str, drafts: bool, inputs: &InputDigest) -> PageReuse<'a> {
        let mut context = Digest::new("page context");
        context.add(build.as_bytes()).add(&[u8::from(drafts)]).add(&inputs.0);
        PageReuse {
            store,
            context: context.finish(),
        }
    }
}

impl SiteData<'_> {
    /// The key of a page of `kind` whose own inputs `own` digests.
    pub fn page_key(&self, kind: &str, own: impl FnOnce(&mut Digest)) -> Key {
        let mut digest = Digest::new("page");
        digest
            .add_u128(self.reuse.context)
            .add(kind.as_bytes())
            .add_hashed(&self.edition)
            .add_hashed(&self.other_slugs);
        own(&mut digest);
        digest.key()
    }

    /// The files kept under `key`, or those `render` makes, kept under it.
    /// `render` also says whether its files may be kept (a page that found
    /// a problem is rendered again, so that the problem is found again).
    pub fn reused(
        &self,
        key: Key,
        render: impl FnOnce() -> Result<(Vec<RenderedFile>, bool), Error>,
    ) -> Result<Vec<RenderedFile>, Error> {
        let store = self.reuse.store;
        // The key holds the files' paths; each file's bytes are kept under
        // a key of their own, so that taking them costs no copy.
        if let Some(paths) = store.get(key)?.as_deref().and_then(|bytes| decode_paths(bytes)) {
            let count = paths.len();
            let mut files = Vec::with_capacity(count);
            for (at, path) in paths.into_iter().enumerate() {
                match store.get(file_key(key, at))? {
                    Some(bytes) => files.push(RenderedFile { path, bytes }),
                    None => break,
                }
            }
            // A store may forget any value: only every file will do.
            if files.len() == count {
                return Ok(files);
            }
        }
        let (files, keep) = render()?;
        if keep {
            for (at, file) in files.iter().enumerate() {
                store.put(file_key(key, at), Arc::clone(&file.bytes))?;
            }
            store.put(key, Arc::new(encode_paths(&files)))?;
        }
        Ok(files)
    }
}

/// The key of the file at `at` of the files kept under `key`.
fn file_key(key: Key, at: usize) -> Key {
    Digest::new("page file")
        .add(&key.to_le_bytes())
        .add_u128(at as u128)
        .key()
}

/// The files' paths as bytes: how many, then each after its length (eight
/// bytes, little-endian).
fn encode_paths(files: &[RenderedFile]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + files.iter().map(|file| 8 + file.path.len()).sum::<usize>());
    out.extend_from_slice(&(files.len() as u64).to_le_bytes());
    for file in files {
        out.extend_from_slice(&(file.path.len() as u64).to_le_bytes());
        out.extend_from_slice(file.path.as_bytes());
    }
    out
}

/// The paths [`encode_paths`] gave `bytes`, or `None` if they are not such.
fn decode_paths(mut bytes: &[u8]) -> Option<Vec<String>> {
    // Each number is eight bytes, little-endian; each path follows its length.
    fn number(bytes: &mut &[u8]) -> Option<usize> {
        let (number, rest) = bytes.split_first_chunk::<8>()?;
        *bytes = rest;
        usize::try_from(u64::from_le_bytes(*number)).ok()
    }
    let count = number(&mut bytes)?;
    let mut paths = Vec::new();
    for _ in 0..count {
        let length = number(&mut bytes)?;
        let (path, rest) = bytes.split_at_checked(length)?;
        paths.push(String::from_utf8(path.to_vec()).ok()?);
        bytes = rest;
    }
    bytes.is_empty().then_some(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<RenderedFile> {
        ["weeks/2026-05-23/index.html", "", "embed/oembed.json"]
            .into_iter()
            .map(|path| RenderedFile {
                path: path.to_string(),
                bytes: Arc::new(b"<!DOCTYPE html>".to_vec()),
            })
            .collect()
    }

    #[test]
    fn paths_decode_as_they_were_encoded_and_every_truncation_is_refused() {
        let paths: Vec<String> = files().into_iter().map(|file| file.path).collect();
        let bytes = encode_paths(&files());
        assert_eq!(decode_paths(&bytes), Some(paths));
        for length in 0..bytes.len() {
            assert_eq!(decode_paths(&bytes[..length]), None, "truncated to {length} bytes");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode_paths(&longer), None, "a byte too many");
    }

    #[test]
    fn each_file_of_a_key_has_a_key_of_its_own() {
        let (a, b) = (Key::from_le_bytes([1; 16]), Key::from_le_bytes([2; 16]));
        let keys = [file_key(a, 0), file_key(a, 1), file_key(b, 0), a, b];
        let distinct: std::collections::BTreeSet<Key> = keys.iter().copied().collect();
        assert_eq!(distinct.len(), keys.len());
    }
}
