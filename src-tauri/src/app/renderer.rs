//! How WebKitGTK draws the window on a machine without a GPU.
//!
//! WebKitGTK composites a page through its DMA-BUF renderer. With no GPU render node that work falls to
//! Mesa's llvmpipe on the CPU, and a composited frame costs far more than the page's own drawing: on the
//! 2-core bench machine a full-window WebGL canvas that is only cleared took ~45 ms of CPU per frame to
//! composite, against ~13 ms painted without compositing; the 300-network graph panned at 50 / 87 ms per
//! frame (p50 / p95) composited and 16 / 32 ms without (bench/notes.md). So when no render node exists
//! the window turns the DMA-BUF renderer off, as `WEBKIT_DISABLE_DMABUF_RENDERER=1` does by hand. A
//! person's own setting of that variable always wins (`0` keeps compositing on). The UI keeps the WebGL
//! stage's drawing buffer for this mode (ui/src/lib/graph/sigmaStage.ts).
//!
//! Owns only this start-up decision; it must run before GTK or WebKit start (the variable is read when the
//! first web view is made, and child processes inherit it).

use std::ffi::OsStr;
use std::path::Path;

/// WebKitGTK's switch for its DMA-BUF renderer (accelerated compositing in the 4.1 API since 2.42).
pub const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Where Linux lists GPU devices; a render node is `renderD<n>`.
const DRI: &str = "/dev/dri";

#[derive(Debug, PartialEq, Eq)]
pub enum Choice {
    /// The person set the switch: leave it as they set it.
    TheirOwn,
    /// A GPU can composite: leave WebKit's default.
    Composite,
    /// No GPU: paint without compositing.
    PaintWithoutCompositing,
}

pub fn choose(own_setting: Option<&OsStr>, has_render_node: bool) -> Choice {
    match (own_setting, has_render_node) {
        (Some(_), _) => Choice::TheirOwn,
        (None, true) => Choice::Composite,
        (None, false) => Choice::PaintWithoutCompositing,
    }
}

/// Whether `dri` lists a render node. An unreadable or missing folder counts as none: that is what WebKit
/// finds too, and it then composites with llvmpipe.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Applies the choice for this machine to this process's environment. Call first thing in `main`, while
/// the process has one thread (setting the environment is only sound then).
#[cfg(target_os = "linux")]
pub fn choose_for_this_machine() {
    if choose(std::env::var_os(DMABUF_SWITCH).as_deref(), has_render_node(Path::new(DRI)))
        == Choice::PaintWithoutCompositing
    {
        std::env::set_var(DMABUF_SWITCH, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persons_own_setting_is_kept_whatever_the_machine_has() {
        for node in [true, false] {
            assert_eq!(choose(Some(OsStr::new("0")), node), Choice::TheirOwn);
            assert_eq!(choose(Some(OsStr::new("1")), node), Choice::TheirOwn);
        }
    }

    #[test]
    fn compositing_stays_on_with_a_gpu_and_goes_off_without_one() {
        assert_eq!(choose(None, true), Choice::Composite);
        assert_eq!(choose(None, false), Choice::PaintWithoutCompositing);
    }

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let dir = netlens_engine::testing::scratch("netlens-renderer-dri").unwrap();
        assert!(!has_render_node(dir.as_path()), "an empty folder");
        std::fs::write(dir.as_path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.as_path()), "a display-only device has no GPU for WebKit");
        std::fs::write(dir.as_path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.as_path()));
        assert!(!has_render_node(&dir.as_path().join("missing")), "no folder at all");
    }
}
