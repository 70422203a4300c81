//! Where the window's program is and how `netlens` hands over to it.
//!
//! `netlens` (src/main.rs) is the command people type and what the desktop entry starts. It links no GTK
//! nor WebKitGTK, so `netlens export` does not pay their loading and constructors (~55 ms of a 100 ms
//! engine read). The window is a second program, `netlens-window` (src/bin/netlens-window.rs), installed
//! next to it; with no command `netlens` replaces itself with that program (same process, environment and
//! terminal). This module must stay free of Tauri: `netlens` links it.

use std::path::{Path, PathBuf};

/// The window's program, installed (and built) next to `netlens`.
pub const WINDOW_BINARY: &str = "netlens-window";

/// Why the window could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("the window's program {0} is missing (netlens opens its window by running it)")]
    Missing(String),
    #[error("the window's program {path} could not be started: {source}")]
    Start { path: String, source: std::io::Error },
    #[error("cannot tell where netlens itself is installed: {0}")]
    NoSelf(std::io::Error),
}

impl LaunchError {
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Missing(_) | Self::NoSelf(_) => {
                "reinstall Netlens (its package installs netlens and netlens-window together), or in a source \
                 tree build both with `make app`"
            }
            Self::Start { .. } => "check that the file is executable and built for this machine",
        }
    }
}

/// The window's program next to `me` (the running `netlens`, symbolic links followed so a link in
/// `~/bin` still finds the real install folder).
pub fn window_binary_beside(me: &Path) -> PathBuf {
    let me = std::fs::canonicalize(me).unwrap_or_else(|_| me.to_path_buf());
    me.with_file_name(WINDOW_BINARY)
}

/// Replaces this process with the window's program. Returns only on failure.
pub fn open_window() -> LaunchError {
    let window = match std::env::current_exe() {
        Ok(me) => window_binary_beside(&me),
        Err(e) => return LaunchError::NoSelf(e),
    };
    if !window.is_file() {
        return LaunchError::Missing(window.display().to_string());
    }
    let start = |source| LaunchError::Start { path: window.display().to_string(), source };
    let mut command = std::process::Command::new(&window);
    #[cfg(unix)]
    {
        // exec keeps the process: its id, its place under a terminal, a WebDriver or a desktop launcher.
        use std::os::unix::process::CommandExt;
        start(command.exec())
    }
    #[cfg(not(unix))]
    {
        match command.status() {
            Ok(status) => std::process::exit(status.code().unwrap_or(1)),
            Err(e) => start(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_program_is_looked_for_in_the_folder_netlens_runs_from() {
        let dir = netlens_engine::testing::scratch("netlens-launch").unwrap();
        let me = dir.join("netlens");
        std::fs::write(&me, "").unwrap();
        assert_eq!(window_binary_beside(&me), std::fs::canonicalize(&*dir).unwrap().join("netlens-window"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_netlens_finds_the_window_program_beside_the_real_file() {
        let dir = netlens_engine::testing::scratch("netlens-launch-link").unwrap();
        std::fs::create_dir_all(dir.join("install")).unwrap();
        std::fs::create_dir_all(dir.join("bin")).unwrap();
        std::fs::write(dir.join("install/netlens"), "").unwrap();
        std::os::unix::fs::symlink(dir.join("install/netlens"), dir.join("bin/netlens")).unwrap();
        let found = window_binary_beside(&dir.join("bin/netlens"));
        assert_eq!(found, std::fs::canonicalize(dir.join("install")).unwrap().join("netlens-window"));
    }
}
