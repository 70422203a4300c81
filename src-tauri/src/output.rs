//! `netlens export --output FILE`: the file written whole or not at all.
//!
//! Owns checking the path a person typed (a folder, a missing folder, a folder Netlens may not write in)
//! and the write: a temporary file beside the target, made before the engine is read so a bad path fails
//! at once, filled, flushed and renamed over the target, so a reader sees the old file or the new one and
//! a failed export leaves neither half a file nor the temporary one. It must not know what is written.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the output file cannot be written; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{0} is a folder, not a file")]
    IsFolder(String),
    #[error("the folder {0} does not exist")]
    NoFolder(String),
    #[error("{path} cannot be written: {source}")]
    Io { path: String, source: std::io::Error },
}

impl OutputError {
    /// A path that can never work as typed is a usage mistake (exit 2); the rest is the file system's.
    pub fn is_usage(&self) -> bool {
        matches!(self, Self::IsFolder(_) | Self::NoFolder(_))
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            Self::IsFolder(p) => Some(format!(
                "give a file name inside it, e.g. --output {}",
                Path::new(p).join("topology.json").display()
            )),
            Self::NoFolder(_) => Some("create the folder first, or write somewhere else".into()),
            Self::Io { source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied => {
                Some("choose a folder you may write in, e.g. your home folder".into())
            }
            Self::Io { .. } => Some("nothing was written; choose another place and try again".into()),
        }
    }
}

/// A write in progress: the temporary file beside `target`. Dropped without `commit`, it removes itself.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl Output {
    /// Checks `target` and makes the temporary file beside it.
    pub fn create(target: &Path) -> Result<Self, OutputError> {
        let shown = target.display().to_string();
        if target.is_dir() {
            return Err(OutputError::IsFolder(shown));
        }
        let Some(name) = target.file_name() else { return Err(OutputError::IsFolder(shown)) };
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(OutputError::NoFolder(folder.display().to_string()));
        }
        let temp = folder.join(format!(".{}.netlens-{}.part", name.to_string_lossy(), std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|source| OutputError::Io { path: shown, source })?;
        Ok(Self { target: target.to_path_buf(), temp, file: Some(file) })
    }

    /// Writes `bytes` and puts the file in place of the target.
    pub fn commit(mut self, bytes: &[u8]) -> Result<(), OutputError> {
        let io = |source| OutputError::Io { path: self.target.display().to_string(), source };
        let mut file = self.file.take().ok_or_else(|| io(std::io::Error::other("already written")))?;
        file.write_all(bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
        keep_permissions(&self.target, &file).map_err(io)?;
        drop(file);
        std::fs::rename(&self.temp, &self.target).map_err(io)?;
        // Renamed: nothing left to clean up.
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            // Best effort: a leftover temporary file is named for what it was, and hidden.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A new file gets 0644 as any file a shell would make; a replaced one keeps its mode.
#[cfg(unix)]
fn keep_permissions(target: &Path, file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_permissions(_target: &Path, _file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> netlens_engine::testing::Scratch {
        netlens_engine::testing::scratch(&format!("netlens-output-{name}")).unwrap()
    }

    fn entries(dir: &Path) -> Vec<String> {
        netlens_engine::testing::names_in(dir).unwrap()
    }

    #[test]
    fn a_committed_output_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = scratch("commit");
        let target = dir.join("topology.json");
        std::fs::write(&target, "old").unwrap();
        let out = Output::create(&target).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old", "nothing changes before the commit");
        out.commit(b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(entries(&dir), ["topology.json"]);
    }

    #[test]
    fn an_output_dropped_before_its_commit_changes_nothing() {
        let dir = scratch("drop");
        let target = dir.join("topology.dot");
        drop(Output::create(&target).unwrap());
        assert!(entries(&dir).is_empty());
    }

    #[test]
    fn a_folder_or_a_missing_folder_is_refused_as_a_usage_mistake() {
        let dir = scratch("refuse");
        let e = Output::create(&dir).unwrap_err();
        assert!(e.is_usage() && e.to_string().ends_with("is a folder, not a file"), "{e}");
        assert!(e.hint().unwrap().contains("topology.json"));
        let e = Output::create(&dir.join("missing/x.json")).unwrap_err();
        assert!(e.is_usage() && e.to_string().contains("does not exist"), "{e}");
        assert!(entries(&dir).is_empty());
    }
}
