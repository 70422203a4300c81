//! Issue 10's export end to end, in the real window: PNG, SVG and DOT of what it shows, written by the app.
//!
//! WebDriver cannot answer the native GTK save dialog, so the app starts with `NETLENS_TEST_EXPORT_DIR` naming
//! a fresh folder, into which Rust writes new files without the dialog (`service/export.rs`), and the test hook
//! (installed only under WebDriver) runs the same export the Export… menu runs, with a path. Everything after
//! the dialog is what a person gets: the picture made from the canvases, the text Rust renders, Rust's write.
//! Reads the demo (`ensure_demo()`), changes nothing on the engine.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: failing loudly is the point

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use netlens::service::export::TEST_DIR_ENV;
use netlens_tests::window::{assert_ui_built, Window};
use netlens_tests::{docker, ensure_demo};
use quick_xml::events::Event;
use serde_json::{json, Value};

/// Runs `exportTo(kind, path)` through the hook and waits for its Result.
async fn export(w: &Window, kind: &str, path: &Path) -> Value {
    let script = "const done = arguments[arguments.length - 1]; \
                  window.__NETLENS_TEST__.exportTo(arguments[0], arguments[1]).then(done, (e) => done({ thrown: String(e) }));";
    w.client
        .execute_async(script, vec![json!(kind), json!(path.to_str().unwrap())])
        .await
        .unwrap_or_else(|e| panic!("exportTo({kind}) failed: {e}"))
}

/// The PNG's pixels as RGBA rows.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<[u8; 4]>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    let (width, height) = (info.width, info.height);
    let channels = info.line_size / width as usize;
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| match p {
            [r, g, b, a] => [*r, *g, *b, *a],
            [g, a] => [*g, *g, *g, *a],
            _ => [0, 0, 0, 0],
        })
        .collect();
    (width, height, pixels)
}

/// Every `data-node-id` of an element with `class="node"`, after checking the whole document parses as XML
/// with an `<svg>` root.
fn svg_node_ids(text: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut ids = vec![];
    let mut root = None;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("the SVG is not XML at {}: {e}", reader.buffer_position()))
        {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                root.get_or_insert(name);
                let attr = |key: &str| {
                    e.attributes().filter_map(Result::ok).find(|a| a.key.as_ref() == key).map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("an attribute value").into_owned()
                    })
                };
                if attr("class").as_deref() == Some("node") {
                    ids.push(attr("data-node-id").expect("each node names its id"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("svg"), "the document is an <svg>");
    ids
}

/// The statements of a DOT graph body, split at `;` outside quoted strings (labels may hold escapes such
/// as `\n` and `\"`, and semicolons) and attribute lists.
fn dot_statements(body: &str) -> Vec<String> {
    let (mut out, mut current) = (vec![], String::new());
    let (mut quoted, mut escaped, mut depth) = (false, false, 0u32);
    for c in body.chars() {
        match (quoted, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => quoted = !quoted,
            (false, _, '[') => depth += 1,
            (false, _, ']') => depth = depth.checked_sub(1).expect("balanced attribute lists"),
            (false, _, ';') if depth == 0 => {
                out.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    assert!(!quoted && depth == 0, "every string and attribute list is closed");
    assert!(current.trim().is_empty(), "every statement ends with ';': {current:?}");
    out
}

/// A quoted DOT id at the start of `s` (after blanks): the id, unescaped, and the rest.
fn dot_id(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start().strip_prefix('"')?;
    let (mut id, mut escaped) = (String::new(), false);
    for (i, c) in s.char_indices() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '"') => return Some((id, &s[i + 1..])),
            _ => {
                id.push(c);
                escaped = false;
            }
        }
    }
    None
}

/// The node ids a DOT digraph declares, after checking its statements: `"id" [attrs]` for a node,
/// `"a" -> "b" [attrs]` for an edge between declared nodes, inside one `digraph netlens { }`.
fn dot_node_ids(text: &str) -> BTreeSet<String> {
    let body = text.trim().strip_prefix("digraph netlens {").and_then(|b| b.strip_suffix('}')).expect("one digraph");
    let (mut nodes, mut edges) = (BTreeSet::new(), vec![]);
    for statement in dot_statements(body) {
        if statement.starts_with("rankdir") || statement.starts_with("node [") {
            continue;
        }
        let (from, rest) = dot_id(&statement).unwrap_or_else(|| panic!("a statement starts with an id: {statement}"));
        if let Some(after) = rest.trim_start().strip_prefix("->") {
            let (to, _) = dot_id(after).unwrap_or_else(|| panic!("an edge names its target: {statement}"));
            edges.push((from, to));
        } else {
            assert!(rest.trim_start().starts_with('['), "a node statement has attributes: {statement}");
            nodes.insert(from);
        }
    }
    for (from, to) in &edges {
        assert!(nodes.contains(from) && nodes.contains(to), "edge {from} -> {to} between declared nodes");
    }
    assert!(!edges.is_empty(), "the demo has edges");
    nodes
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_write_a_png_an_svg_and_dot_of_what_the_window_shows() {
    assert_ui_built();
    ensure_demo();
    let dir = tempfile::tempdir().expect("a scratch folder");
    let w = Window::open_with_env(&[(TEST_DIR_ENV, dir.path().as_os_str())]).await;
    w.wait_css("main[data-ready=true]", Duration::from_secs(10)).await;
    // Every node in view: the SVG leaves out what lies outside the picture.
    w.client.find(Locator::Css("[data-testid=fit]")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;

    // PNG: a real image of the pane, not one flat colour; the backend hub's pixel is not the background.
    let png_path = dir.path().join("view.png");
    let saved = export(&w, "png", &png_path).await;
    assert_eq!(saved["status"], "ok", "{saved}");
    let bytes = std::fs::read(&png_path).expect("the PNG was written");
    assert_eq!(saved["data"]["bytes"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let (width, height, pixels) = decode_png(&bytes);
    let pane = w
        .js("const r = document.querySelector('[data-testid=graph]').getBoundingClientRect(); return [r.left, r.top, r.width, r.height, window.devicePixelRatio];", vec![])
        .await;
    let f = |i: usize| pane[i].as_f64().unwrap();
    let (left, top, dpr) = (f(0), f(1), f(4));
    assert_eq!((width, height), ((f(2) * dpr).round() as u32, (f(3) * dpr).round() as u32), "the pane's size");
    let colours: BTreeSet<[u8; 4]> = pixels.iter().copied().collect();
    assert!(colours.len() > 20, "a picture with nodes, lines and labels: {} colours", colours.len());
    assert!(pixels.iter().all(|p| p[3] == 255), "drawn on the theme's opaque background");
    let backend = docker(&["network", "inspect", "-f", "{{.Id}}", "backend"]);
    let (x, y) = w.node_position(&format!("network:{backend}")).await;
    let at = |x: f64, y: f64| pixels[(((y - top) * dpr) as u32 * width + ((x - left) * dpr) as u32) as usize];
    assert_ne!(at(x, y), pixels[0], "the backend hub is drawn where the window draws it, not background");

    // SVG: XML with one node element per drawn node, each one the window draws.
    let svg_path = dir.path().join("view.svg");
    assert_eq!(export(&w, "svg", &svg_path).await["status"], "ok");
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    let ids = svg_node_ids(&svg);
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(unique.len(), ids.len(), "one element per node");
    for id in &ids {
        let drawn = w.js("return window.__NETLENS_TEST__.nodePosition(arguments[0]);", vec![json!(id)]).await;
        assert!(!drawn.is_null(), "{id} is in the SVG and drawn in the window");
    }
    let api = docker(&["inspect", "-f", "{{.Id}}", "api"]);
    for id in [format!("network:{backend}"), format!("container:{api}"), "host".into(), "external".into()] {
        assert!(unique.contains(&id), "{id} is in the SVG");
    }

    // DOT: parses back, with the same nodes the picture has.
    let dot_path = dir.path().join("net.dot");
    assert_eq!(export(&w, "dot", &dot_path).await["status"], "ok");
    let dot = std::fs::read_to_string(&dot_path).expect("the DOT was written");
    assert_eq!(dot_node_ids(&dot), unique, "the DOT declares exactly the nodes the SVG draws");

    // Nothing the dialog did not hand out: an existing file is not replaced, another folder is refused.
    let again = export(&w, "dot", &png_path).await;
    assert_eq!(again["error"]["code"], "cannotSave", "{again}");
    assert_eq!(std::fs::read(&png_path).unwrap(), bytes, "the PNG was not replaced");
    let elsewhere = dir.path().parent().unwrap().join(format!("netlens-export-{}.dot", std::process::id()));
    let refused = export(&w, "dot", &elsewhere).await;
    assert_eq!(refused["error"]["code"], "cannotSave", "{refused}");
    assert!(!elsewhere.exists());
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["net.dot", "view.png", "view.svg"], "no temporary file left behind");
    w.close().await;
}
