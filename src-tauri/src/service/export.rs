//! Exporting from the window: the topology it shows as JSON, DOT or Mermaid (the very text `netlens export`
//! prints, from `crate::export`), and writing what the window exports (those, or its PNG and SVG pictures)
//! to the file a person chose.
//!
//! Owns which paths may be written, the refusals, and the write itself. A path may be written only when the
//! native save dialog handed it to the person this run (`SavePaths::chosen`, told by the app when the
//! dialog allows it), so the page alone can never write a file anywhere; the dialog asked before replacing
//! an existing file, so such a path may replace one. End-to-end tests cannot drive the native dialog: a
//! folder named at start-up by `NETLENS_TEST_EXPORT_DIR` may take new files (never replace one). Writes
//! are atomic: a temporary file in the same folder, renamed over the target, so a failed export never
//! leaves half a file. It must not know about Tauri.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine as _;

use crate::cli;
use crate::dto::export::{ExportContentsDto, ExportFormatDto, ExportTextDto, SavedDto};
use crate::error::AppError;
use crate::export::{self, Format, Source};
use crate::state::AppState;
use netlens_core::filter::ViewFilter;
use netlens_engine::EngineInfo;

/// The folder end-to-end tests write into instead of answering a native dialog (see the module's doc).
pub const TEST_DIR_ENV: &str = "NETLENS_TEST_EXPORT_DIR";

/// The paths this run may write: those the save dialog returned, and new files in the test folder.
#[derive(Debug, Default)]
pub struct SavePaths {
    chosen: Mutex<HashSet<PathBuf>>,
    test_dir: Option<PathBuf>,
}

/// May the write replace a file already there?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    /// The person chose the path in the dialog, which asked before replacing.
    Confirmed,
    /// Nobody was asked: an existing file is refused.
    Never,
}

impl SavePaths {
    pub fn new(test_dir: Option<PathBuf>) -> Self {
        Self { chosen: Mutex::default(), test_dir: test_dir.filter(|d| d.is_absolute()) }
    }

    /// Reads `NETLENS_TEST_EXPORT_DIR` once, at start-up.
    pub fn from_env() -> Self {
        Self::new(std::env::var_os(TEST_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
    }

    /// The native save dialog returned `path`: the person chose it (and agreed to replace it if it exists).
    pub fn chosen(&self, path: &Path) {
        self.lock().insert(path.to_path_buf());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        // A panic while holding this lock cannot leave the set half-changed: keep using it.
        self.chosen.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn permission(&self, path: &Path) -> Option<Replace> {
        if self.lock().contains(path) {
            return Some(Replace::Confirmed);
        }
        // Directly inside the folder, by a plain name: `dir/../x` has the parent `dir/..`, not `dir`.
        let plain = path.file_name().is_some_and(|n| n != "." && n != "..");
        (plain && self.test_dir.is_some() && path.parent() == self.test_dir.as_deref()).then_some(Replace::Never)
    }
}

/// The topology the window shows through the window's filter, as `netlens export --format … <filters>` would
/// print it for the same engine, with that command line.
pub fn render(state: &AppState, format: ExportFormatDto, filter: &ViewFilter) -> Result<ExportTextDto, AppError> {
    let topology = filter.apply(&state.topology()?);
    let status = state.view().status.clone();
    let info = EngineInfo { version: status.engine_version.clone(), api_version: status.api_version.clone() };
    let source = Source { context: &status.context, endpoint: &status.endpoint, info: &info };
    let format = match format {
        ExportFormatDto::Json => Format::Json,
        ExportFormatDto::Dot => Format::Dot,
        ExportFormatDto::Mermaid => Format::Mermaid,
    };
    let text = export::render(&topology, &source, format)
        .map_err(|e| cannot_save(format!("the JSON export could not be written: {e}"), "This is a bug in Netlens."))?;
    let command = cli::command_line(&cli::ExportArgs { format, output: None, filter: filter.clone() });
    Ok(ExportTextDto { text, command })
}

/// Writes `contents` to `path`, when this run may (see the module's doc); changes nothing when refused.
pub fn save(paths: &SavePaths, path: &str, contents: &ExportContentsDto) -> Result<SavedDto, AppError> {
    let target = PathBuf::from(path);
    if path.trim().is_empty() || !target.is_absolute() {
        return Err(cannot_save(format!("`{path}` is not a full path to a file."), CHOOSE_AGAIN));
    }
    let Some(replace) = paths.permission(&target) else {
        return Err(cannot_save(
            format!("Netlens writes only files chosen in its save dialog, and {path} was not."),
            CHOOSE_AGAIN,
        ));
    };
    if target.is_dir() {
        return Err(cannot_save(format!("{path} is a folder."), "Choose a file name inside it instead."));
    }
    let folder = target.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(cannot_save(
            format!("The folder {} does not exist (any more).", folder.display()),
            "Choose another folder, or create this one and export again.",
        ));
    }
    if replace == Replace::Never && target.exists() {
        return Err(cannot_save(format!("{path} already exists."), "Choose another file name."));
    }
    let bytes = match contents {
        ExportContentsDto::Text { text } => text.as_bytes().to_vec(),
        ExportContentsDto::Base64 { data } => base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .map_err(|e| cannot_save(format!("the image sent to be saved is not valid base64: {e}"), BUG))?,
    };
    let size = u32::try_from(bytes.len())
        .map_err(|_| cannot_save(format!("the export is too large to write ({} bytes).", bytes.len()), BUG))?;
    write_atomically(&target, folder, &bytes, replace).map_err(|e| write_failed(&target, folder, &e))?;
    Ok(SavedDto { path: target.display().to_string(), bytes: size })
}

const CHOOSE_AGAIN: &str = "Use Export… in the toolbar and pick the file in the save dialog.";
const BUG: &str = "Nothing was written. This is a bug in Netlens; please report it.";

fn cannot_save(message: String, hint: &str) -> AppError {
    AppError::new(crate::error::ErrorCode::CannotSave, message, Some(hint.to_string()))
}

/// A temporary file beside the target, filled and flushed, then renamed over it: readers see the old file
/// or the new one, never half of one. `Never` renames without replacing (the kernel refuses atomically if a
/// file appeared meanwhile).
fn write_atomically(target: &Path, folder: &Path, bytes: &[u8], replace: Replace) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new().prefix(".netlens-export-").suffix(".part").tempfile_in(folder)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    keep_permissions(target, file.as_file())?;
    match replace {
        Replace::Confirmed => file.persist(target).map(drop).map_err(|e| e.error),
        Replace::Never => file.persist_noclobber(target).map(drop).map_err(|e| e.error),
    }
}

/// The temporary file is private (0600); the export gets what a replaced file had, or 0644 like any new file.
#[cfg(unix)]
fn keep_permissions(target: &Path, file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map(|m| m.permissions().mode()).unwrap_or(0o644);
    file.set_permissions(std::fs::Permissions::from_mode(mode & 0o7777))
}

#[cfg(not(unix))]
fn keep_permissions(_target: &Path, _file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

fn write_failed(target: &Path, folder: &Path, e: &std::io::Error) -> AppError {
    use std::io::ErrorKind;
    let (message, hint) = match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => (
            format!("Netlens may not write in {}: {e}.", folder.display()),
            "Choose a folder you can write to, e.g. your home folder.",
        ),
        ErrorKind::AlreadyExists => (format!("{} already exists.", target.display()), "Choose another file name."),
        ErrorKind::StorageFull => {
            (format!("The disk holding {} is full.", folder.display()), "Free some space or choose another disk.")
        }
        _ => (
            format!("{} could not be written: {e}.", target.display()),
            "Nothing was written; choose another place and try again.",
        ),
    };
    cannot_save(message, hint)
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
