//! The `netlens` binary as a person runs it from a shell, without an engine or a window.
//!
//! Also why this file exists at all: an integration test in the app's own package makes `cargo test` build
//! `target/debug/netlens` with the test build's features, so the window and engine tests reuse that build
//! instead of compiling the app a second time.

use std::process::Command;

#[allow(clippy::expect_used)] // a test helper: failing loudly is the point
fn netlens(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_netlens"))
        .args(args)
        .env("DOCKER_HOST", "unix:///nonexistent/netlens-test.sock")
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("the netlens binary runs")
}

#[test]
fn help_names_the_export_formats() {
    let out = netlens(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("export"), "{text}");
    assert!(text.contains("mermaid"), "{text}");
}

#[test]
fn export_without_an_engine_exits_1_and_says_what_to_do() {
    let out = netlens(&["export"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nonexistent/netlens-test.sock"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_format_exits_2_and_lists_the_good_ones() {
    let out = netlens(&["export", "--format", "svg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("json, dot or mermaid"));
}

#[test]
fn help_names_the_export_filters_and_output() {
    let text = String::from_utf8_lossy(&netlens(&["export", "--help"]).stdout).into_owned();
    for option in ["--output", "--hide-predefined", "--hide-stopped", "--driver", "--project", "--only-used"] {
        assert!(text.contains(option), "{option} in {text}");
    }
}

/// A folder of its own under the system's temporary folder, for one test.
#[allow(clippy::expect_used)]
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("netlens-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

#[allow(clippy::expect_used)]
fn entries(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).expect("the scratch folder").count()
}

#[test]
fn output_to_a_folder_exits_2_before_asking_the_engine() {
    let dir = scratch("folder");
    let out = netlens(&["export", "--output", dir.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a folder, not a file") && err.contains("topology.json"), "{err}");
    assert!(!err.contains("netlens-test.sock"), "the engine was not asked: {err}");
    assert_eq!(entries(&dir), 0, "nothing was written");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn output_where_nothing_may_be_written_exits_3_and_says_so() {
    // /proc takes no new files, not even from root (the tests may run as root).
    let out = netlens(&["export", "--output", "/proc/netlens-topology.json"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/proc/netlens-topology.json cannot be written"), "{err}");
    let missing = netlens(&["export", "-o", "/nonexistent-netlens-dir/t.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent-netlens-dir does not exist"));
}

#[test]
fn output_without_an_engine_exits_1_and_leaves_no_file_behind() {
    let dir = scratch("no-engine");
    let target = dir.join("topology.dot");
    std::fs::write(&target, "the old export").unwrap_or_default();
    let out =
        netlens(&["export", "--format", "dot", "--hide-stopped", "--output", target.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap_or_default(), "the old export", "the file is untouched");
    assert_eq!(entries(&dir), 1, "the temporary file is gone");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
#[allow(clippy::expect_used)]
fn the_netlens_command_links_no_gtk_nor_webkit() {
    // `netlens export` must not pay for loading the window's libraries: they live in netlens-window.
    let ldd = Command::new("ldd").arg(env!("CARGO_BIN_EXE_netlens")).output().expect("ldd runs (libc-bin)");
    assert!(ldd.status.success(), "{}", String::from_utf8_lossy(&ldd.stderr));
    let libs = String::from_utf8_lossy(&ldd.stdout).to_lowercase();
    for gui in ["gtk", "gdk", "webkit", "javascriptcore", "soup", "glib"] {
        assert!(!libs.contains(gui), "netlens links {gui}:\n{libs}");
    }
    let window = Command::new("ldd").arg(env!("CARGO_BIN_EXE_netlens-window")).output().expect("ldd runs");
    assert!(
        String::from_utf8_lossy(&window.stdout).contains("libwebkit2gtk"),
        "the window program is the one with WebKit"
    );
}

#[test]
#[allow(clippy::expect_used)]
fn netlens_without_its_window_program_beside_it_says_what_is_missing_and_how_to_get_it() {
    let dir = scratch("no-window");
    let lone = dir.join("netlens");
    std::fs::copy(env!("CARGO_BIN_EXE_netlens"), &lone).expect("a copy of netlens");
    let out = Command::new(&lone).env("DOCKER_HOST", "unix:///nonexistent/netlens-test.sock").output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = std::fs::canonicalize(&dir).expect("the scratch folder").join("netlens-window");
    assert!(err.contains(&format!("{} is missing", expected.display())), "{err}");
    assert!(err.contains("make app"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
#[allow(clippy::expect_used)]
fn the_window_program_refuses_arguments_and_points_to_netlens() {
    let out = Command::new(env!("CARGO_BIN_EXE_netlens-window")).arg("export").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("netlens --help"));
}
