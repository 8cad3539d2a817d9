//! Stage 6, output: a new project folder, for `flowsite init`.
//!
//! Writes only into a folder that does not exist yet or is empty, and only
//! new files: a project the user already has is never touched, not even a
//! file of the same name. Files are made 0644 and folders 0755, as the
//! site's are.

use super::write::{create_folder, write_new_file};
use crate::error::{Error, Location, Problem};
use std::fs;
use std::io;
use std::path::Path;

/// Writes `files` (paths inside `dir` with `/`, and their bytes) into the
/// new or empty folder `dir`; anything else at `dir` is refused as bad
/// input (exit 1) before anything is written.
pub fn write_new_project(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), Error> {
    match fs::symlink_metadata(dir) {
        Ok(metadata) if metadata.is_dir() => {
            let mut entries = fs::read_dir(dir).map_err(|source| Error::io("list", dir, source))?;
            if entries.next().is_some() {
                return Err(refused(dir, "the folder is not empty"));
            }
        }
        Ok(_) => return Err(refused(dir, "it is a file, not a folder")),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|parent| !parent.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(|source| Error::io("create folder", parent, source))?;
            }
            create_folder(dir)?;
        }
        Err(source) => return Err(Error::io("inspect", dir, source)),
    }
    for (relative, bytes) in files {
        // Parents before children: `create_folder` makes one level.
        if let Some((folders, _)) = relative.rsplit_once('/') {
            let mut folder = dir.to_path_buf();
            for part in folders.split('/') {
                folder.push(part);
                if !fs::symlink_metadata(&folder).is_ok_and(|metadata| metadata.is_dir()) {
                    create_folder(&folder)?;
                }
            }
        }
        write_new_file(&dir.join(relative), bytes)?;
    }
    Ok(())
}

fn refused(dir: &Path, what: &str) -> Error {
    Error::Invalid(vec![Problem::new(
        Location::file(dir.display().to_string()),
        format!("{what}: flowsite init writes a new project only into a new or empty folder"),
        "name a folder that does not exist yet, e.g. `flowsite init my-site`",
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_into_a_new_folder_and_refuses_a_used_one() {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("new/site");
        write_new_project(&dir, &[("a.toml", b"a"), ("data/b.csv", b"b")]).expect("written");
        assert_eq!(fs::read(dir.join("data/b.csv")).expect("read"), b"b");
        let error = write_new_project(&dir, &[("c.md", b"c")]).expect_err("not empty");
        assert_eq!(error.exit_code(), 1);
        assert!(!dir.join("c.md").exists(), "nothing is written into a used folder");
    }
}
