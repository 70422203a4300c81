//! Driving the real window: starts `tauri-driver` (which starts WebKitWebDriver and the app) with the
//! app pointed at the test engine, and offers the few gestures the end-to-end tests need.
//!
//! Needs an X display (`xvfb-run`), `tauri-driver` on the PATH and the debug app built with the UI.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{
    Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::group::{running_with, Group};
use crate::{docker_host, ensure_demo, free_port, netlens_binary, window_binary, workspace_dir, Cleanup};

/// WebDriver's codes for keys that have no character of their own.
pub const SHIFT: char = '\u{E008}';
pub const CONTROL: char = '\u{E009}';
pub const DELETE: char = '\u{E017}';
pub const ENTER: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';
pub const END: char = '\u{E010}';
pub const ARROW_RIGHT: char = '\u{E014}';

pub struct Window {
    pub client: Client,
    /// tauri-driver leads a process group of its own, with WebKitWebDriver, the app and its web processes in
    /// it: dropping the window ends them all (killing tauri-driver alone left WebKitWebDriver running).
    driver: Group,
    /// The port WebKitWebDriver listens on (`--port=` on its command line): how a leftover one is recognised.
    native: u16,
    /// The app's own data and config folders for this window (XDG_DATA_HOME, XDG_CONFIG_HOME): what the
    /// webview keeps in localStorage (filters, collapsed projects) and the saved engines start empty in every
    /// test and never touch the person's own. The cache stays shared: a fresh one (fonts, shaders) cost
    /// about 3 s a window. Removed when the window is dropped.
    _home: tempfile::TempDir,
}

impl Window {
    /// Opens the app on the test engine and waits until it has drawn its first topology.
    pub async fn open() -> Window {
        Self::open_with_env(&[]).await
    }

    /// `open`, with more variables in the app's environment (tauri-driver passes its own on to the app).
    pub async fn open_with_env(env: &[(&str, &std::ffi::OsStr)]) -> Window {
        let host = docker_host();
        let home = tempfile::tempdir().expect("a temporary folder");
        let port = free_port();
        let native = free_port();
        let driver = Group::spawn(
            Command::new("tauri-driver")
                .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
                .env("DOCKER_HOST", &host)
                .env("NETLENS_SANDBOX", "1")
                .env_remove("DOCKER_CONTEXT")
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .envs(env.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .expect("tauri-driver is installed (make deps)");
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        // `netlens`, as a person starts it: it becomes `netlens-window` in the same process (exec), which the
        // driver then talks to; assert_ui_built checks both are built.
        caps.insert("tauri:options".into(), json!({ "application": netlens_binary() }));
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            // The driver needs a moment to listen, and its first session can fail with a reset.
            let mut builder = ClientBuilder::new(HttpConnector::new());
            match builder.capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        let w = Window { client, driver, native, _home: home };
        w.wait_css("main[data-ready='true']", Duration::from_secs(30)).await;
        w
    }

    pub async fn wait_css(&self, css: &str, limit: Duration) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(limit)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear within {limit:?}: {e}"))
    }

    /// Waits until `css` matches nothing.
    pub async fn wait_gone(&self, css: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.client.find_all(Locator::Css(css)).await.map(|v| v.is_empty()).unwrap_or(false) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} still present after {limit:?}");
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// What a script given one string argument returns, as text ("" for anything but a string).
    async fn js_text(&self, script: &str, arg: &str) -> String {
        self.js(script, vec![json!(arg)]).await.as_str().unwrap_or_default().to_string()
    }

    /// Where a graph node is drawn, in viewport CSS pixels (the UI's documented test hook), once the camera
    /// has come to rest.
    pub async fn node_position(&self, node_id: &str) -> (f64, f64) {
        self.settled_position("return window.__NETLENS_TEST__.nodePosition(arguments[0]);", node_id).await
    }

    /// A position read through `script` that stays put between two reads a few frames apart. Entering a focus
    /// or fitting animates the camera for 300 ms; a click aimed from a read taken mid-flight lands where the
    /// node was, not where it ends up (CI once clicked the background that way right after leaving a focus).
    async fn settled_position(&self, script: &str, id: &str) -> (f64, f64) {
        let read = |v: Value| {
            let x = v["x"].as_f64().unwrap_or_else(|| panic!("no position for {id}: {v}"));
            let y = v["y"].as_f64().unwrap_or_else(|| panic!("no position for {id}: {v}"));
            (x, y)
        };
        let deadline = Instant::now() + Duration::from_secs(3);
        let mut last = read(self.js(script, vec![json!(id)]).await);
        loop {
            tokio::time::sleep(Duration::from_millis(60)).await;
            let now = read(self.js(script, vec![json!(id)]).await);
            if ((now.0 - last.0).abs() < 0.5 && (now.1 - last.1).abs() < 0.5) || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    /// A real pointer click on a node with Ctrl held (adds it to the selection).
    pub async fn ctrl_click_node(&self, node_id: &str) {
        self.click_node_with(node_id, Some(CONTROL)).await;
    }

    /// A real pointer click on the canvas at a node.
    pub async fn click_node(&self, node_id: &str) {
        self.click_node_with(node_id, None).await;
    }

    /// A real pointer click at a node, with `key` (e.g. CONTROL) held down around it when given.
    async fn click_node_with(&self, node_id: &str, key: Option<char>) {
        let (x, y) = self.node_position(node_id).await;
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(50)), x: x.round(), y: y.round() })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(60) })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        let actions = match key {
            // The key ticks in step with the pointer: down before the move, up after the release.
            Some(value) => Actions::from(
                KeyActions::new("keys".into())
                    .then(KeyAction::Down { value })
                    .then(KeyAction::Pause { duration: Duration::ZERO })
                    .then(KeyAction::Pause { duration: Duration::ZERO })
                    .then(KeyAction::Pause { duration: Duration::ZERO })
                    .then(KeyAction::Up { value }),
            )
            .and(mouse.then(PointerAction::Pause { duration: Duration::ZERO })),
            None => Actions::from(mouse),
        };
        self.client.perform_actions(actions).await.expect("pointer actions");
        let _ = self.client.release_actions().await;
    }

    /// Where an edge's middle is drawn, in viewport CSS pixels (the UI's documented test hook), once the camera has
    /// come to rest.
    pub async fn edge_position(&self, edge_id: &str) -> (f64, f64) {
        self.settled_position("return window.__NETLENS_TEST__.edgePosition(arguments[0]);", edge_id).await
    }

    /// How node or edge `id` is drawn: "drawn", "faded", "hidden" or "absent" (the test hook's itemLook).
    pub async fn item_look(&self, id: &str) -> String {
        self.js_text("return window.__NETLENS_TEST__.itemLook(arguments[0]);", id).await
    }

    /// Moves the pointer onto `at` (viewport CSS pixels) without pressing, from a little to its left, as a
    /// hand coming onto a node would.
    pub async fn hover(&self, at: (f64, f64)) {
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(50)),
                x: (at.0 - 40.0).round(),
                y: at.1.round(),
            })
            .then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(120)),
                x: at.0.round(),
                y: at.1.round(),
            });
        self.client.perform_actions(mouse).await.expect("pointer actions");
    }

    /// Presses the button at `from` and moves to `to` in small steps, as a hand would, without releasing:
    /// the drag stays in progress (for a look or a screenshot) until `release`.
    pub async fn press_and_move(&self, from: (f64, f64), to: (f64, f64)) {
        let mut mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(50)),
                x: from.0.round(),
                y: from.1.round(),
            })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(80) });
        const STEPS: u32 = 8;
        for i in 1..=STEPS {
            let t = f64::from(i) / f64::from(STEPS);
            let (x, y) = (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            mouse = mouse.then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(40)),
                x: x.round(),
                y: y.round(),
            });
        }
        self.client.perform_actions(mouse).await.expect("pointer actions");
    }

    /// Lets go of the button pressed by `press_and_move`, with Shift held when `shift` is set.
    pub async fn release(&self, shift: bool) {
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::Pause { duration: Duration::from_millis(80) })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::ZERO });
        let actions = if shift {
            let keys = KeyActions::new("keys".into())
                .then(KeyAction::Down { value: SHIFT })
                .then(KeyAction::Pause { duration: Duration::ZERO })
                .then(KeyAction::Up { value: SHIFT });
            Actions::from(mouse).and(keys)
        } else {
            Actions::from(mouse)
        };
        self.client.perform_actions(actions).await.expect("pointer actions");
        let _ = self.client.release_actions().await;
    }

    /// A whole drag: press at `from`, move to `to`, release there.
    pub async fn drag(&self, from: (f64, f64), to: (f64, f64), shift: bool) {
        self.press_and_move(from, to).await;
        self.release(shift).await;
    }

    /// Presses a key chord, e.g. `&[CONTROL, 'z']`, releasing in reverse order.
    pub async fn chord(&self, keys: &[char]) {
        let mut seq = KeyActions::new("keys".into());
        for k in keys {
            seq = seq.then(KeyAction::Down { value: *k });
        }
        for k in keys.iter().rev() {
            seq = seq.then(KeyAction::Up { value: *k });
        }
        self.client.perform_actions(seq).await.expect("key actions");
        let _ = self.client.release_actions().await;
    }

    /// A screenshot of the whole virtual screen, as a person would see it, kept under `artifacts/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // WebKitGTK under Xvfb paints a moment after the DOM changes; give it that moment.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let dir = workspace_dir().join("artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        let ok =
            Command::new("import").args(["-window", "root"]).arg(&path).status().map(|s| s.success()).unwrap_or(false);
        if !ok {
            let png = self.client.screenshot().await.expect("webdriver screenshot");
            std::fs::write(&path, png).expect("write screenshot");
        }
        path
    }

    /// Ends the session, then tauri-driver and everything it started; fails the test if any of it outlives
    /// the window. (A window dropped by a failing test is ended too, by `Group`'s drop, without the check.)
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let group = self.driver.id();
        let left = self.driver.end(Duration::from_secs(5));
        assert!(left.is_empty(), "processes started for this window outlived it (group {group}): {left:?}");
        let webdriver = running_with(&["WebKitWebDriver", &format!("--port={}", self.native)]);
        assert!(webdriver.is_empty(), "this window's WebKitWebDriver is still running: {webdriver:?}");
    }

    /// Waits (up to 5 s) until the graph has drawn a topology in which `id` (a node or edge) is present.
    pub async fn until_drawn(&self, id: &str) {
        for _ in 0..50 {
            if !self.drawn(id).await.is_null() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{id} was never drawn");
    }

    /// Waits (up to 5 s) until a node or edge is no longer drawn; `what` says what it was, for the failure.
    pub async fn until_gone(&self, id: &str, what: &str) {
        for _ in 0..50 {
            if self.drawn(id).await.is_null() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{what} ({id}) is still drawn after 5 s");
    }

    /// Where node or edge `id` is drawn (viewport pixels), or null.
    async fn drawn(&self, id: &str) -> Value {
        self.js(
            "const h = window.__NETLENS_TEST__; return h.nodePosition(arguments[0]) || h.edgePosition(arguments[0]);",
            vec![json!(id)],
        )
        .await
    }

    /// The text of the first element matching `css`, or "" when there is none.
    pub async fn text_of(&self, css: &str) -> String {
        self.js_text("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css).await
    }

    /// Waits (up to 5 s) until the element's text contains `want`; returns the text seen last.
    pub async fn until_text(&self, css: &str, want: &str) -> String {
        let mut seen = String::new();
        for _ in 0..50 {
            seen = self.text_of(css).await;
            if seen.contains(want) {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never said {want:?}; last: {seen:?}");
    }
}

/// The app binary must carry the built UI; say so clearly instead of timing out on a blank window.
pub fn assert_ui_built() {
    let index = workspace_dir().join("ui/dist/index.html");
    assert!(index.exists(), "ui/dist is missing: run `make ui app` first");
    let _ = (netlens_binary(), window_binary());
}

/// The start of a window test on the demo: the UI built, the demo topology up, and the label (removed on
/// drop) for what the test makes.
pub fn on_the_demo(name: &str) -> Cleanup {
    assert_ui_built();
    ensure_demo();
    Cleanup::new(name)
}
