//! Content-addressed stores: bytes kept under a digest of everything they
//! were made from, so that work already done is never done again.
//!
//! A key is a digest of every input of a piece of output (its source text,
//! the fonts, the settings, the renderer's version), so a cached value is a
//! pure function of its key: a build that finds it produces exactly the
//! bytes it would have made. Two stores implement [`Store`]: [`MemoryStore`]
//! (the preview server, tests) and `output::ImageCache`, a folder flowsite
//! keeps beside the output. Nothing here touches the disk.

use crate::error::Error;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hasher;
use std::sync::{Arc, Mutex, PoisonError};

/// Bytes shared, not copied, between a store, the site in memory and the
/// next build's site: a page or chart taken from a store costs no copy, and
/// two sites holding the same allocation are equal without a comparison.
pub type Bytes = Arc<Vec<u8>>;

/// `bytes` as shared [`Bytes`], with no spare capacity. A buffer grown by
/// doubling (a page's markup, an encoder's output) holds up to twice its
/// length; a build keeps every file of the site until it writes them, so
/// on a site of 47,000 files the slack was gigabytes of peak memory.
pub fn shared(mut bytes: Vec<u8>) -> Bytes {
    bytes.shrink_to_fit();
    Arc::new(bytes)
}

/// The digest of a cached value's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(u128);

impl Key {
    /// The key as 32 lower-case hex digits (a file name on disk).
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    /// The key as 16 little-endian bytes (a chart pack's index).
    pub fn to_le_bytes(self) -> [u8; 16] {
        self.0.to_le_bytes()
    }

    /// The key [`Key::to_le_bytes`] gave `bytes`.
    pub fn from_le_bytes(bytes: [u8; 16]) -> Key {
        Key(u128::from_le_bytes(bytes))
    }

    /// The key spelt by [`Key::hex`], if `text` is one.
    pub fn from_hex(text: &str) -> Option<Key> {
        if text.len() != 32 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        u128::from_str_radix(text, 16).ok().map(Key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

/// Builds a key from the parts a value depends on. Each part is written
/// with its length, so that moving bytes from one part to the next gives
/// another key.
///
/// SipHash-1-3 with 128 bits and fixed keys: the algorithm is fixed by the
/// `siphasher` crate (unlike std's `DefaultHasher`), already in the tree
/// through usvg, and a collision between the few thousand values of a site
/// is out of reach (about 2^-100). The inputs are the user's own files, so
/// nobody is in a position to forge one.
#[derive(Debug, Clone)]
pub struct Digest(SipHasher13);

impl Digest {
    /// A digest for values of one kind (`"png"`, `"page"`): values of two
    /// kinds never share a key.
    pub fn new(kind: &str) -> Digest {
        let mut digest = Digest(SipHasher13::new_with_keys(0x666c_6f77_7369_7465, 0x6361_6368_6520_7631));
        digest.add(kind.as_bytes());
        digest
    }

    /// Adds one part.
    pub fn add(&mut self, part: &[u8]) -> &mut Digest {
        self.0.write_u64(part.len() as u64);
        self.0.write(part);
        self
    }

    /// Adds a number.
    pub fn add_u128(&mut self, part: u128) -> &mut Digest {
        self.add(&part.to_le_bytes())
    }

    /// Adds a value through its `Hash`: every field of a derived `Hash`, in
    /// declaration order, with strings and slices length-prefixed.
    pub fn add_hashed<T: std::hash::Hash + ?Sized>(&mut self, value: &T) -> &mut Digest {
        value.hash(&mut self.0);
        self
    }

    /// Adds a value through its `Debug`, which spells every field of a
    /// derived impl: a field added to the type is in the key without anyone
    /// remembering to add it. The text goes straight into the hash (no
    /// string is made) and is ended by a 0xFF byte, which no UTF-8 text
    /// holds, so that where it ends is never in doubt.
    pub fn add_debug<T: fmt::Debug + ?Sized>(&mut self, value: &T) -> &mut Digest {
        struct Feed<'h>(&'h mut SipHasher13);
        impl fmt::Write for Feed<'_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                self.0.write(text.as_bytes());
                Ok(())
            }
        }
        // Writing into a hasher cannot fail; a `Debug` impl that fails
        // leaves what it wrote, still ended below.
        let _ = fmt::Write::write_fmt(&mut Feed(&mut self.0), format_args!("{value:?}"));
        self.0.write_u8(0xFF);
        self
    }

    /// The digest so far, as a number.
    pub fn finish(&self) -> u128 {
        self.0.finish128().as_u128()
    }

    /// The digest so far, as a key.
    pub fn key(&self) -> Key {
        Key(self.finish())
    }
}

/// A key -> bytes store. `get` of a key returns what was `put` under it,
/// or nothing; a store may forget, never change, what it holds.
pub trait Store: Sync {
    /// The bytes kept under `key`, if any.
    fn get(&self, key: Key) -> Result<Option<Arc<Vec<u8>>>, Error>;
    /// Keeps `bytes` under `key`.
    fn put(&self, key: Key, bytes: Arc<Vec<u8>>) -> Result<(), Error>;
}

/// A store in memory, for the preview server and tests.
#[derive(Debug, Default)]
pub struct MemoryStore {
    values: Mutex<BTreeMap<Key, Arc<Vec<u8>>>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// How many values it holds.
    pub fn len(&self) -> usize {
        self.values.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Store for MemoryStore {
    fn get(&self, key: Key) -> Result<Option<Arc<Vec<u8>>>, Error> {
        let values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(values.get(&key).cloned())
    }

    fn put(&self, key: Key, bytes: Arc<Vec<u8>>) -> Result<(), Error> {
        let mut values = self.values.lock().unwrap_or_else(PoisonError::into_inner);
        values.insert(key, bytes);
        Ok(())
    }
}

/// A store carried from one build to the next: it gives back what the last
/// build used, and keeps what this build uses (found or made), so that
/// the next build has exactly this build's values, never a growing pile.
/// The preview keeps its charts (as values, `V`, not bytes: taking one
/// costs no decoding) and pages in one between rebuilds; the output's
/// chart pack is one read from and written to disk.
#[derive(Debug)]
pub struct Generations<V = Bytes> {
    last: BTreeMap<Key, V>,
    this: Mutex<BTreeMap<Key, V>>,
}

impl<V: Clone> Default for Generations<V> {
    fn default() -> Self {
        Generations::new()
    }
}

impl<V: Clone> Generations<V> {
    /// An empty store.
    pub const fn new() -> Generations<V> {
        Generations {
            last: BTreeMap::new(),
            this: Mutex::new(BTreeMap::new()),
        }
    }

    /// A store whose last build used `values`.
    pub fn after(values: BTreeMap<Key, V>) -> Generations<V> {
        Generations {
            last: values,
            this: Mutex::new(BTreeMap::new()),
        }
    }

    /// The store for the next build: what this one used.
    pub fn next(self) -> Generations<V> {
        Generations::after(self.this.into_inner().unwrap_or_else(PoisonError::into_inner))
    }

    /// Whether this build used exactly the keys the last one did.
    pub fn same_keys(&self) -> bool {
        let this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        this.keys().eq(self.last.keys())
    }

    /// What this build used, in key order.
    pub fn used(&self) -> Vec<(Key, V)> {
        let this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        this.iter().map(|(key, value)| (*key, value.clone())).collect()
    }

    /// The value kept under `key`, which this build now uses too.
    pub fn take(&self, key: Key) -> Option<V> {
        let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(value) = this.get(&key) {
            return Some(value.clone());
        }
        let found = self.last.get(&key).cloned();
        if let Some(value) = &found {
            this.insert(key, value.clone());
        }
        found
    }

    /// Keeps `value` under `key` for this build and the next.
    pub fn keep(&self, key: Key, value: V) {
        let mut this = self.this.lock().unwrap_or_else(PoisonError::into_inner);
        this.insert(key, value);
    }
}

impl Store for Generations<Bytes> {
    fn get(&self, key: Key) -> Result<Option<Bytes>, Error> {
        Ok(self.take(key))
    }

    fn put(&self, key: Key, bytes: Bytes) -> Result<(), Error> {
        self.keep(key, bytes);
        Ok(())
    }
}

/// A store that keeps nothing: every value is made anew.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoStore;

impl Store for NoStore {
    fn get(&self, _: Key) -> Result<Option<Arc<Vec<u8>>>, Error> {
        Ok(None)
    }

    fn put(&self, _: Key, _: Arc<Vec<u8>>) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_bytes_keep_their_content_and_no_spare_capacity() {
        // Grown by doubling, as a page's markup is: capacity outruns length.
        let mut grown = Vec::new();
        for byte in 0..=200u8 {
            grown.push(byte);
        }
        assert!(grown.capacity() > grown.len());
        let expected = grown.clone();
        let bytes = shared(grown);
        assert_eq!(*bytes, expected);
        assert_eq!(bytes.capacity(), bytes.len());
    }

    #[test]
    fn keys_depend_on_every_part_and_on_where_parts_split() {
        let key = |parts: &[&[u8]]| {
            let mut digest = Digest::new("test");
            for part in parts {
                digest.add(part);
            }
            digest.key()
        };
        assert_eq!(key(&[b"ab", b"c"]), key(&[b"ab", b"c"]));
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_ne!(key(&[b"ab"]), key(&[b"ac"]));
        let mut other_kind = Digest::new("other");
        other_kind.add(b"ab").add(b"c");
        assert_ne!(other_kind.key(), key(&[b"ab", b"c"]));
    }

    #[test]
    fn a_key_is_spelt_and_read_back_as_hex() {
        let key = Digest::new("test").key();
        assert_eq!(key.hex().len(), 32);
        assert_eq!(Key::from_hex(&key.hex()), Some(key));
        assert_eq!(Key::from_hex("not a key"), None);
        assert_eq!(Key::from_hex(&key.hex().to_uppercase()), None);
    }

    #[test]
    fn generations_carry_over_only_what_the_last_build_used() {
        let key = |name: &str| Digest::new(name).key();
        let bytes = |text: &str| Arc::new(text.as_bytes().to_vec());
        let first: Generations = Generations::default();
        first.put(key("a"), bytes("a")).expect("put");
        first.put(key("b"), bytes("b")).expect("put");
        let second = first.next();
        assert_eq!(second.get(key("a")).ok().flatten(), Some(bytes("a")));
        assert!(!second.same_keys(), "b is not used yet");
        let third = second.next();
        assert_eq!(
            third.get(key("b")).ok().flatten(),
            None,
            "b was not used by the second build"
        );
        assert_eq!(third.get(key("a")).ok().flatten(), Some(bytes("a")));
        assert!(third.same_keys());
        assert_eq!(third.used(), vec![(key("a"), bytes("a"))]);
    }

    #[test]
    fn a_memory_store_gives_back_what_was_put() {
        let store = MemoryStore::new();
        let key = Digest::new("test").key();
        assert_eq!(store.get(key).ok().flatten(), None);
        store.put(key, Arc::new(b"bytes".to_vec())).expect("put");
        assert_eq!(store.get(key).ok().flatten().as_deref(), Some(&b"bytes".to_vec()));
        assert_eq!(store.len(), 1);
        assert_eq!(NoStore.get(key).ok().flatten(), None);
    }
}
