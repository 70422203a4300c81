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
