//! The export service on hand-built data: the formats match `netlens export`, and every refusal leaves
//! the disk as it was.
use super::*;
use crate::error::ErrorCode;
use crate::state::test_support::{showing, unread};
use netlens_core::fixtures::demo;
use netlens_core::topology::Topology;
use netlens_engine::testing::names_in;

fn state() -> AppState {
    showing(demo())
}

fn text(s: &str) -> ExportContentsDto {
    ExportContentsDto::Text { text: s.to_string() }
}

fn refusal(r: Result<SavedDto, AppError>) -> String {
    match r {
        Err(AppError { code: ErrorCode::CannotSave, message, hint, .. }) => {
            assert!(hint.is_some_and(|h| !h.is_empty()), "every refusal says what to do: {message}");
            message
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_text_formats_are_what_netlens_export_prints() {
    let s = state();
    let t = Topology::from_snapshot(&demo());
    let all = ViewFilter::default();
    let dot = render(&s, ExportFormatDto::Dot, &all).unwrap();
    assert_eq!(dot.text, netlens_core::export::dot(&t));
    assert_eq!(dot.command, "netlens export --format dot");
    assert_eq!(render(&s, ExportFormatDto::Mermaid, &all).unwrap().text, netlens_core::export::mermaid(&t));
    let json: serde_json::Value = serde_json::from_str(&render(&s, ExportFormatDto::Json, &all).unwrap().text).unwrap();
    assert_eq!(json["engine"]["endpoint"], "unix:///nonexistent/netlens-test.sock");
    assert_eq!(json["networks"].as_array().unwrap().len(), 7);
    assert_eq!(json["containers"].as_array().unwrap().len(), t.containers().count());
}

#[test]
fn a_text_export_shows_what_the_window_filter_shows_and_says_its_flags() {
    let s = state();
    let filter = ViewFilter { hide_stopped: true, hide_predefined: true, ..ViewFilter::default() };
    let shown = filter.apply(&Topology::from_snapshot(&demo()));
    let dot = render(&s, ExportFormatDto::Dot, &filter).unwrap();
    assert_eq!(dot.text, netlens_core::export::dot(&shown));
    assert_ne!(
        dot.text,
        render(&s, ExportFormatDto::Dot, &ViewFilter::default()).unwrap().text,
        "the filter hid something"
    );
    assert_eq!(dot.command, "netlens export --format dot --hide-predefined --hide-stopped");
    let json: serde_json::Value =
        serde_json::from_str(&render(&s, ExportFormatDto::Json, &filter).unwrap().text).unwrap();
    assert_eq!(json["containers"].as_array().unwrap().len(), shown.containers().count());
}

#[test]
fn nothing_is_rendered_before_the_first_read() {
    let empty = unread();
    assert!(matches!(
        render(&empty, ExportFormatDto::Dot, &ViewFilter::default()),
        Err(AppError { code: ErrorCode::NotReady, .. })
    ));
}

#[test]
fn a_path_chosen_in_the_dialog_is_written_and_may_replace_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.dot");
    std::fs::write(&path, "old").unwrap();
    let paths = SavePaths::new(None);
    paths.chosen(&path);
    let saved = save(&paths, path.to_str().unwrap(), &text("digraph {}\n")).unwrap();
    assert_eq!(saved, SavedDto { path: path.display().to_string(), bytes: 11 });
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "digraph {}\n");
    assert_eq!(names_in(dir.path()).unwrap(), ["net.dot"], "no temporary file is left");
}

#[test]
fn base64_contents_are_written_as_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.png");
    let paths = SavePaths::new(None);
    paths.chosen(&path);
    let data = base64::engine::general_purpose::STANDARD.encode([0x89, b'P', b'N', b'G', 0, 255]);
    let saved = save(&paths, path.to_str().unwrap(), &ExportContentsDto::Base64 { data }).unwrap();
    assert_eq!(saved.bytes, 6);
    assert_eq!(std::fs::read(&path).unwrap(), [0x89, b'P', b'N', b'G', 0, 255]);
    let bad = ExportContentsDto::Base64 { data: "not base64!".into() };
    assert!(refusal(save(&paths, path.to_str().unwrap(), &bad)).contains("not valid base64"));
    assert_eq!(std::fs::read(&path).unwrap().len(), 6, "a refused write leaves the file as it was");
}

#[test]
fn a_path_nobody_chose_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sneaky.dot");
    let paths = SavePaths::new(None);
    paths.chosen(&dir.path().join("other.dot"));
    assert!(refusal(save(&paths, path.to_str().unwrap(), &text("x"))).contains("chosen in its save dialog"));
    assert!(refusal(save(&paths, "relative.dot", &text("x"))).contains("not a full path"));
    assert!(refusal(save(&paths, "", &text("x"))).contains("not a full path"));
    assert!(names_in(dir.path()).unwrap().is_empty());
}

#[test]
fn the_test_folder_takes_new_files_directly_inside_it_and_never_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    let paths = SavePaths::new(Some(dir.path().to_path_buf()));
    let new = dir.path().join("a.svg");
    save(&paths, new.to_str().unwrap(), &text("<svg/>")).unwrap();
    assert_eq!(std::fs::read_to_string(&new).unwrap(), "<svg/>");
    assert!(refusal(save(&paths, new.to_str().unwrap(), &text("again"))).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&new).unwrap(), "<svg/>", "not replaced");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for outside in [dir.path().join("sub/b.svg"), dir.path().join("sub/../b.svg"), dir.path().join("..").join("b.svg")]
    {
        let message = refusal(save(&paths, outside.to_str().unwrap(), &text("x")));
        assert!(message.contains("chosen in its save dialog"), "{}: {message}", outside.display());
    }
    assert_eq!(names_in(dir.path()).unwrap(), ["a.svg", "sub"]);
    // A relative folder from the environment would depend on where the app was started: ignored.
    let relative = SavePaths::new(Some(PathBuf::from("exports")));
    assert!(refusal(save(&relative, "/exports/a.svg", &text("x"))).contains("chosen in its save dialog"));
}

#[test]
fn a_folder_and_a_missing_folder_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let paths = SavePaths::new(None);
    let folder = dir.path().join("picked-a-folder");
    std::fs::create_dir(&folder).unwrap();
    paths.chosen(&folder);
    assert!(refusal(save(&paths, folder.to_str().unwrap(), &text("x"))).contains("is a folder"));
    let missing = dir.path().join("gone/net.dot");
    paths.chosen(&missing);
    assert!(refusal(save(&paths, missing.to_str().unwrap(), &text("x"))).contains("does not exist"));
    let under_file = dir.path().join("plain-file");
    std::fs::write(&under_file, "").unwrap();
    paths.chosen(&under_file.join("net.dot"));
    assert!(refusal(save(&paths, under_file.join("net.dot").to_str().unwrap(), &text("x"))).contains("does not exist"));
    assert_eq!(names_in(dir.path()).unwrap(), ["picked-a-folder", "plain-file"]);
    assert!(names_in(&folder).unwrap().is_empty());
}

/// sysfs refuses new files to everyone, root included (the tests run as root in CI, where a chmod would not
/// stop the write).
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_folder_is_refused_with_what_to_do() {
    let path = Path::new("/sys/netlens-export-test.dot");
    let paths = SavePaths::new(None);
    paths.chosen(path);
    let message = refusal(save(&paths, path.to_str().unwrap(), &text("x")));
    assert!(message.contains("may not write in /sys"), "{message}");
    assert!(!path.exists());
}
