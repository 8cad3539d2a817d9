//! Stage 6, output: the record of the last build, so that a build over
//! unchanged inputs can stop right after loading.
//!
//! After every successful build, beside the output folder (in
//! `.NAME.flowsite-build`, with the spare and the lock), flowsite records
//! the build's [`Fingerprint`] — every input file `load` read, the options
//! and the flowsite build itself, hashed — and how each file and folder of
//! the site it put in place looked on disk: size, inode, modification and
//! change time. The next build compares: if the fingerprint is the same and
//! every file and folder is as recorded, re-rendering would produce the same
//! bytes into the same files, so the build stops (see [`unchanged`]).
//! Anything else — other inputs, options or flowsite, a file deleted,
//! resized, edited or replaced, a file added anywhere in the site (it
//! changes its folder's modification time), an unreadable or missing
//! record — and the build runs in full. `check` never reads the record.
//!
//! Comparing stats, never reading the site, keeps this to a few
//! milliseconds. It is what git does for its index, with one difference:
//! the change time is compared too, which no program can set back, so an
//! edit that restores a file's size and modification time is still seen.
//! On kernels without fine-grained file times (before Linux 6.13), an edit
//! made within the same clock tick (1–4 ms) as the build's own write of the
//! file can pass unseen; on later ones a time once read is never handed out
//! again.
//!
//! The record never claims a site it did not see: the old record is
//! removed before the swap and the new one written after it, so a build
//! killed in between leaves no record and the next build runs in full. A
//! record cut short by a kill fails its checksum and is ignored.
//!
//! # Format
//!
//! UTF-8 text, one item a line, written in this order (files and folders
//! sorted by path, so the same site on the same disk gives the same bytes):
//!
//! ```text
//! flowsite build record 1
//! fingerprint <64 hex digits>
//! site <files> <bytes>                 the site's files, as the build reported
//! warning <text>                       each warning the build printed
//! folder <inode> <mtime> <ctime> <path>
//! file <size> <inode> <mtime> <ctime> <digest> <path>
//! end <64 hex digits>                  BLAKE3 of every byte above this line
//! ```
//!
//! A file's digest is the BLAKE3 of its bytes (64 hex digits), or `-` for
//! the marker and the manifest. With it the next build tells which of the
//! live site's files already hold the bytes it rendered without reading
//! them (see [`known_files`]): a new week changes a few hundred files of a
//! site of thousands, and reading every other one to compare was most of
//! the time that build spent writing.
//!
//! Times are `seconds.nanoseconds`; paths are relative to the output
//! folder, with `/`. The marker and the manifest are listed as files. A
//! site with a line break in a path gets no record (and so never skips).

use super::ownership::{self, FileFound, Found, MANIFEST_FILE, MARKER_FILE, Role};
use crate::error::Error;
use crate::load::InputDigest;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

/// The id of the flowsite build running, from `build.rs`: it changes with
/// any change to flowsite's sources, dependencies, compiler or settings.
pub const BUILD_ID: &str = env!("FLOWSITE_BUILD_ID");

/// The first line of every record; the number changes with the format.
const HEADER: &str = "flowsite build record 2";

/// A record larger than this is not read (a site of a million files
/// makes one of about 100 MB).
const MAX_RECORD_BYTES: u64 = 256 << 20;

/// Which flowsite build made a site: [`BuildId::current`] for this binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildId(String);

impl BuildId {
    /// The build running now.
    pub fn current() -> BuildId {
        BuildId(BUILD_ID.to_string())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Another build's id, for tests that show that a new flowsite
    /// rebuilds everything.
    pub fn other(id: &str) -> BuildId {
        BuildId(id.to_string())
    }
}

/// A hash of everything a site's bytes depend on: the files `load` read,
/// the build's options and the flowsite build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of a build of `inputs` with `options` by `build`.
    pub fn of(inputs: &InputDigest, options: &crate::Options, build: &BuildId) -> Fingerprint {
        // Destructured, so that a new option cannot be left out of the hash.
        let crate::Options { drafts } = *options;
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"flowsite fingerprint 1\0");
        hasher.update(&inputs.0);
        hasher.update(&[u8::from(drafts)]);
        hasher.update(&(build.0.len() as u64).to_le_bytes());
        hasher.update(build.0.as_bytes());
        Fingerprint(*hasher.finalize().as_bytes())
    }

    fn hex(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}

/// What a build records beside the site it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildRecord {
    /// What the site was built from.
    pub fingerprint: Fingerprint,
    /// The warnings the build printed, shown again when a later build
    /// finds nothing changed.
    pub warnings: Vec<String>,
}

/// A site found intact and built from the same inputs, options and flowsite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchanged {
    /// How many files the site has.
    pub files: usize,
    /// How many bytes they hold.
    pub bytes: u64,
    /// The warnings its build printed.
    pub warnings: Vec<String>,
}

/// The site in `out`, if it is flowsite's, its record (beside it, at
/// `record`) was made by a build with `fingerprint`, and every file and
/// folder of it is as that build left it. Any doubt is `None`: the build
/// then runs in full, and reports any error itself.
pub(super) fn unchanged(out: &Path, record: &Path, fingerprint: &Fingerprint) -> Option<Unchanged> {
    // The output folder must be flowsite's, not a link, before anything in
    // it is looked at.
    if !matches!(
        ownership::inspect(out).ok()?,
        Found::Folder {
            mine: true,
            marked: true,
            ..
        }
    ) {
        return None;
    }
    let text = read_record(record)?;
    let parsed = parse(&text)?;
    if parsed.fingerprint != fingerprint.hex() {
        return None;
    }
    // Nothing but what the build put there at the top (the one folder whose
    // modification time the record cannot hold: writing the manifest there
    // was the build's last step).
    let mut top = BTreeSet::new();
    for entry in fs::read_dir(out).ok()? {
        top.insert(entry.ok()?.file_name().into_string().ok()?);
    }
    let expected: BTreeSet<String> = parsed
        .folders
        .keys()
        .chain(parsed.files.keys())
        .filter(|path| !path.contains('/'))
        .cloned()
        .collect();
    if top != expected {
        return None;
    }
    for (path, recorded) in &parsed.folders {
        let metadata = fs::symlink_metadata(out.join(path)).ok()?;
        if !metadata.is_dir() || Stat::of(&metadata) != *recorded {
            return None;
        }
    }
    for (path, recorded) in &parsed.files {
        let metadata = fs::symlink_metadata(out.join(path)).ok()?;
        if !metadata.is_file() || Stat::of(&metadata) != recorded.stat {
            return None;
        }
    }
    Some(Unchanged {
        files: parsed.site_files,
        bytes: parsed.site_bytes,
        warnings: parsed.warnings,
    })
}

/// What the record beside a site says of its files' bytes, for telling,
/// without reading a file, whether it holds what a build rendered.
#[derive(Debug, Default)]
pub(super) struct KnownFiles {
    files: BTreeMap<String, Recorded>,
}

/// What a file of the live site holds, as far as its record tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// It is as recorded, with these bytes.
    Same,
    /// It is as recorded, with other bytes.
    Different,
    /// Not recorded, or changed since: only reading it tells.
    Unknown,
}

impl KnownFiles {
    /// Whether the file at `relative` in `out` holds bytes whose digest is
    /// `digest`. Trusted only while its size, inode, modification and
    /// change time are as recorded: the test [`unchanged`] makes of every
    /// file before a build skips everything.
    pub(super) fn holds(&self, out: &Path, relative: &str, digest: &blake3::Hash) -> Known {
        let Some(Recorded {
            stat,
            digest: Some(recorded),
        }) = self.files.get(relative)
        else {
            return Known::Unknown;
        };
        match fs::symlink_metadata(out.join(relative)) {
            Ok(metadata) if metadata.is_file() && Stat::of(&metadata) == *stat => {
                if recorded == digest {
                    Known::Same
                } else {
                    Known::Different
                }
            }
            _ => Known::Unknown,
        }
    }
}

/// The files the record at `record` lists for the site in `out`, whatever
/// it was built from; nothing if there is no readable record (then every
/// file is compared by reading it).
pub(super) fn known_files(record: &Path) -> KnownFiles {
    read_record(record)
        .as_deref()
        .and_then(parse)
        .map(|parsed| KnownFiles { files: parsed.files })
        .unwrap_or_default()
}

/// Removes the record at `path` before a new site is put in place, so that
/// no record ever describes a site it did not see; refuses anything there
/// that is not a plain file of this user.
pub(super) fn forget(path: &Path) -> Result<(), Error> {
    match ownership::inspect_file(path)? {
        FileFound::Nothing => Ok(()),
        FileFound::Mine => fs::remove_file(path).map_err(|source| Error::io("remove", path, source)),
        FileFound::Refused(refusal) => Err(Error::Invalid(vec![refusal.problem(path, Role::Record)])),
    }
}

/// Records, at `path`, the site in `out` as it now is: its files are the
/// keys of `digests`, each with the digest of its bytes, `bytes` in all. A
/// failure leaves no record, which only makes the next build run in full.
pub(super) fn write(
    path: &Path,
    out: &Path,
    digests: &BTreeMap<String, blake3::Hash>,
    bytes: u64,
    record: &BuildRecord,
) {
    if let Some(text) = describe(out, digests, bytes, record)
        && write_record(path, text.as_bytes()).is_err()
    {
        let _ = fs::remove_file(path);
    }
}

/// The record's text, or `None` if a path cannot be recorded or a file
/// cannot be looked at.
fn describe(out: &Path, digests: &BTreeMap<String, blake3::Hash>, bytes: u64, record: &BuildRecord) -> Option<String> {
    let mut files: BTreeSet<&str> = digests.keys().map(String::as_str).collect();
    files.insert(MARKER_FILE);
    files.insert(MANIFEST_FILE);
    let folders: BTreeSet<&str> = digests
        .keys()
        .flat_map(|path| path.match_indices('/').map(|(at, _)| &path[..at]))
        .collect();
    let unrecordable = |text: &str| text.contains(['\n', '\r']);
    if files.iter().any(|path| unrecordable(path)) || record.warnings.iter().any(|w| unrecordable(w)) {
        return None;
    }
    let mut text = String::with_capacity(64 * (files.len() + folders.len()) + 256);
    text.push_str(HEADER);
    text.push('\n');
    text.push_str(&format!("fingerprint {}\n", record.fingerprint.hex()));
    text.push_str(&format!("site {} {bytes}\n", digests.len()));
    for warning in &record.warnings {
        text.push_str(&format!("warning {warning}\n"));
    }
    for folder in &folders {
        let metadata = fs::symlink_metadata(out.join(folder)).ok()?;
        let stat = Stat::of(&metadata);
        text.push_str(&format!(
            "folder {} {} {} {folder}\n",
            stat.inode, stat.modified, stat.changed
        ));
    }
    for file in &files {
        let metadata = fs::symlink_metadata(out.join(file)).ok()?;
        let stat = Stat::of(&metadata);
        // The marker and the manifest have none.
        let digest = digests
            .get(*file)
            .map_or_else(|| "-".to_string(), |digest| digest.to_hex().to_string());
        text.push_str(&format!(
            "file {} {} {} {} {digest} {file}\n",
            stat.size, stat.inode, stat.modified, stat.changed
        ));
    }
    let sum = blake3::hash(text.as_bytes()).to_hex();
    text.push_str(&format!("end {sum}\n"));
    Some(text)
}

fn write_record(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // `forget` removed the old record under the lock; a file there now was
    // put by someone else, and is not written through.
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)
}

/// A record's text, if `path` is a plain file of this user of a sane size.
fn read_record(path: &Path) -> Option<String> {
    if ownership::inspect_file(path).ok()? != FileFound::Mine {
        return None;
    }
    let file = ownership::open_no_follow(path).ok()?;
    let mut text = String::new();
    file.take(MAX_RECORD_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// What a file or folder looked like on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stat {
    size: u64,
    inode: u64,
    /// Modification time, `seconds.nanoseconds`.
    modified: String,
    /// Change time (of contents or metadata), `seconds.nanoseconds`.
    changed: String,
}

impl Stat {
    #[cfg(unix)]
    fn of(metadata: &fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        Stat {
            size: if metadata.is_dir() { 0 } else { metadata.size() },
            inode: metadata.ino(),
            modified: format!("{}.{:09}", metadata.mtime(), metadata.mtime_nsec()),
            changed: format!("{}.{:09}", metadata.ctime(), metadata.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn of(metadata: &fs::Metadata) -> Stat {
        // No inode or change time here: the modification time to the
        // nanosecond and the size stand in.
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or_else(String::new, |since| {
                format!("{}.{:09}", since.as_secs(), since.subsec_nanos())
            });
        Stat {
            size: if metadata.is_dir() { 0 } else { metadata.len() },
            inode: 0,
            modified,
            changed: String::new(),
        }
    }
}

/// A record's contents.
#[derive(Debug, Default)]
struct Parsed {
    fingerprint: String,
    site_files: usize,
    site_bytes: u64,
    warnings: Vec<String>,
    folders: BTreeMap<String, Stat>,
    files: BTreeMap<String, Recorded>,
}

/// A file of the site as the record saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Recorded {
    stat: Stat,
    /// The BLAKE3 of its bytes; none for the marker and the manifest.
    digest: Option<blake3::Hash>,
}

/// The record in `text`, or `None` if it is cut short, altered or of
/// another format.
fn parse(text: &str) -> Option<Parsed> {
    let body_end = text.strip_suffix('\n')?.rfind('\n')? + 1;
    let (body, end) = text.split_at(body_end);
    let sum = end.strip_prefix("end ")?.strip_suffix('\n')?;
    if blake3::hash(body.as_bytes()).to_hex().as_str() != sum {
        return None;
    }
    let mut lines = body.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut parsed = Parsed {
        fingerprint: lines.next()?.strip_prefix("fingerprint ")?.to_string(),
        ..Parsed::default()
    };
    let mut site = lines.next()?.strip_prefix("site ")?.split(' ');
    parsed.site_files = site.next()?.parse().ok()?;
    parsed.site_bytes = site.next()?.parse().ok()?;
    for line in lines {
        let (kind, rest) = line.split_once(' ')?;
        match kind {
            "warning" => parsed.warnings.push(rest.to_string()),
            "folder" => {
                let mut fields = rest.splitn(4, ' ');
                let stat = Stat {
                    size: 0,
                    inode: fields.next()?.parse().ok()?,
                    modified: fields.next()?.to_string(),
                    changed: fields.next()?.to_string(),
                };
                parsed.folders.insert(fields.next()?.to_string(), stat);
            }
            "file" => {
                let mut fields = rest.splitn(6, ' ');
                let stat = Stat {
                    size: fields.next()?.parse().ok()?,
                    inode: fields.next()?.parse().ok()?,
                    modified: fields.next()?.to_string(),
                    changed: fields.next()?.to_string(),
                };
                let digest = match fields.next()? {
                    "-" => None,
                    hex => Some(blake3::Hash::from_hex(hex).ok()?),
                };
                parsed
                    .files
                    .insert(fields.next()?.to_string(), Recorded { stat, digest });
            }
            _ => return None,
        }
    }
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text_lines: &[&str]) -> String {
        let mut text = String::new();
        for line in text_lines {
            text.push_str(line);
            text.push('\n');
        }
        let sum = blake3::hash(text.as_bytes()).to_hex();
        text.push_str(&format!("end {sum}\n"));
        text
    }

    #[test]
    fn a_record_is_read_back_with_paths_that_hold_spaces() {
        let text = record(&[
            HEADER,
            "fingerprint abc",
            "site 1 5",
            "warning site.toml: no base_url (add one)",
            "folder 7 1.000000001 2.000000002 a b",
            "file 5 8 3.000000003 4.000000004 - a b/c d.html",
        ]);
        let parsed = parse(&text).expect("parsed");
        assert_eq!(parsed.fingerprint, "abc");
        assert_eq!((parsed.site_files, parsed.site_bytes), (1, 5));
        assert_eq!(parsed.warnings, ["site.toml: no base_url (add one)"]);
        assert_eq!(parsed.folders["a b"].inode, 7);
        let file = &parsed.files["a b/c d.html"];
        assert_eq!((file.stat.size, file.stat.inode), (5, 8));
        assert_eq!(
            (file.stat.modified.as_str(), file.stat.changed.as_str()),
            ("3.000000003", "4.000000004")
        );
        assert_eq!(file.digest, None);
        let digest = blake3::hash(b"hello");
        let line = format!("file 5 8 3.0 4.0 {} index.html", digest.to_hex());
        let with_digest = parse(&record(&[HEADER, "fingerprint abc", "site 1 5", &line])).expect("parsed");
        assert_eq!(with_digest.files["index.html"].digest, Some(digest));
        // A digest that is not 64 hex digits spoils the whole record.
        let short = record(&[HEADER, "fingerprint abc", "site 1 5", "file 5 8 3.0 4.0 abc index.html"]);
        assert!(parse(&short).is_none());
    }

    #[test]
    fn a_record_cut_short_or_altered_is_not_read() {
        let text = record(&[HEADER, "fingerprint abc", "site 1 5", "file 5 8 3.0 4.0 - index.html"]);
        assert!(parse(&text).is_some());
        for cut in [1, 10, text.len() / 2, text.len() - 1] {
            assert!(parse(&text[..text.len() - cut]).is_none(), "cut {cut}");
        }
        let altered = text.replace("file 5 8", "file 6 8");
        assert!(parse(&altered).is_none());
        let other_format = record(&["flowsite build record 0", "fingerprint abc", "site 1 5"]);
        assert!(parse(&other_format).is_none());
    }

    #[test]
    fn the_fingerprint_covers_inputs_options_and_the_build() {
        let inputs = InputDigest([1; 32]);
        let base = Fingerprint::of(&inputs, &crate::Options { drafts: false }, &BuildId::other("a"));
        assert_eq!(
            base,
            Fingerprint::of(&inputs, &crate::Options { drafts: false }, &BuildId::other("a"))
        );
        assert_ne!(
            base,
            Fingerprint::of(
                &InputDigest([2; 32]),
                &crate::Options { drafts: false },
                &BuildId::other("a")
            )
        );
        assert_ne!(
            base,
            Fingerprint::of(&inputs, &crate::Options { drafts: true }, &BuildId::other("a"))
        );
        assert_ne!(
            base,
            Fingerprint::of(&inputs, &crate::Options { drafts: false }, &BuildId::other("b"))
        );
    }

    #[test]
    fn the_build_id_sees_every_file_compiled_in() {
        // build.rs hashes src/ and static/ only: a file compiled in from
        // anywhere else would change the binary without changing its id.
        let root = fs::canonicalize(env!("CARGO_MANIFEST_DIR")).expect("crate root");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(root.join("src")) {
            let entry = entry.expect("walk src");
            if entry.path().extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let code = fs::read_to_string(entry.path()).expect("read");
            for macro_name in ["include_str!(\"", "include_bytes!(\""] {
                for (at, _) in code.match_indices(macro_name) {
                    let start = at + macro_name.len();
                    let end = start + code[start..].find('"').expect("closing quote");
                    let included = entry.path().parent().expect("folder").join(&code[start..end]);
                    let included = fs::canonicalize(&included).expect("included file exists");
                    assert!(
                        included.starts_with(root.join("src")) || included.starts_with(root.join("static")),
                        "{} compiles in {}, which build.rs does not hash",
                        entry.path().display(),
                        included.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 0,
            "no include_str!/include_bytes! found: the check looks in the wrong place"
        );
        assert_eq!(BUILD_ID.len(), 64, "{BUILD_ID}");
    }
}
