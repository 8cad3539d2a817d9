//! The build id: one hash of everything that makes this flowsite binary
//! what it is, given to the crate as `FLOWSITE_BUILD_ID`.
//!
//! A build whose inputs and options are those of the site already in the
//! output folder stops after loading (see `output::record`); it must never
//! do so across a change to flowsite itself, whose output may differ. So
//! the id covers, with each file's path and bytes:
//!
//! - every file under `src/` (all of the crate's code, and the files it
//!   compiles in with `include_str!`/`include_bytes!` from there);
//! - every file under `static/`, from which the default stylesheet is
//!   compiled in (a unit test in `output::record` fails if any
//!   `include_str!`/`include_bytes!` reaches outside `src/` and `static/`);
//! - `build.rs`, `Cargo.toml` (features, profiles) and `Cargo.lock`, which
//!   pins every dependency's exact version and checksum;
//! - the compiler (`rustc -vV`), the target, the profile and optimisation
//!   level, the enabled features and the flags given to rustc.
//!
//! Cargo reruns this script whenever any of those files or settings
//! change, so the id cannot go stale. What it does not see is a dependency's
//! source edited in place in Cargo's registry cache, which Cargo itself
//! does not notice either.

// The build script reads flowsite's own sources, not a project: the rule
// that only `load` reads files is about projects.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"flowsite build id 1\0");
    for folder in ["src", "static"] {
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        collect(&root.join(folder), &mut files);
        files.sort();
        for path in files {
            let relative = path.strip_prefix(&root).unwrap_or(&path);
            add_file(&mut hasher, relative, &path);
        }
    }
    for name in ["build.rs", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={name}");
        add_file(&mut hasher, Path::new(name), &root.join(name));
    }
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let compiler = Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|output| output.stdout)
        .unwrap_or_default();
    add(&mut hasher, b"rustc", &compiler);
    let mut settings: Vec<(String, String)> = env::vars()
        .filter(|(name, _)| {
            name.starts_with("CARGO_FEATURE_")
                || name.starts_with("CARGO_CFG_")
                || [
                    "TARGET",
                    "PROFILE",
                    "OPT_LEVEL",
                    "DEBUG",
                    "CARGO_ENCODED_RUSTFLAGS",
                    "CARGO_PKG_VERSION",
                ]
                .contains(&name.as_str())
        })
        .collect();
    settings.sort();
    for (name, value) in &settings {
        add(&mut hasher, name.as_bytes(), value.as_bytes());
    }
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    println!("cargo:rustc-env=FLOWSITE_BUILD_ID={}", hasher.finalize().to_hex());
}

/// Every file below `folder`, links included as what they point to.
fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn add_file(hasher: &mut blake3::Hasher, relative: &Path, path: &Path) {
    // A file that cannot be read still counts, as absent: the compiler
    // would fail on it anyway if the crate needed it.
    let bytes = fs::read(path).unwrap_or_default();
    add(hasher, relative.to_string_lossy().replace('\\', "/").as_bytes(), &bytes);
}

/// A name and its value, each preceded by its length so that no two
/// different lists hash alike.
fn add(hasher: &mut blake3::Hasher, name: &[u8], value: &[u8]) {
    hasher.update(&(name.len() as u64).to_le_bytes());
    hasher.update(name);
    hasher.update(&(value.len() as u64).to_le_bytes());
    hasher.update(value);
}
