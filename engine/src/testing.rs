//! Scratch folders for the workspace's unit tests (this crate's and the app's): made fresh, removed when the
//! test ends, pass or fail, so test runs leave nothing in the temporary folder. Nothing in the app uses it.

use std::path::{Path, PathBuf};

/// A folder of one test's, removed on drop. Derefs to its path.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An empty folder named `<name>-<pid>` in the temporary folder (what an earlier run left there is removed).
pub fn scratch(name: &str) -> std::io::Result<Scratch> {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(Scratch(dir))
}

/// Every name in `dir`, temporary files included, sorted: a refusal or failure must leave nothing behind.
pub fn names_in(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<Vec<String>>>()?;
    names.sort();
    Ok(names)
}
