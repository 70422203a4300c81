//! The engine switcher: which engine the window follows, the tasks that follow it, and switching.
//!
//! Owns the follow session (the `follow` task and the task that applies its updates to `AppState` and hands
//! them to a `Sink`: Tauri events in the window, nothing in tests), the engines a person saved (read from and
//! written to `engines.json` in the app's config folder through `netlens_engine::saved`), and what each engine
//! keeps while another is shown: its layout and its undo history (kept per engine, never replayed on another).
//!
//! A switch takes the history lock first, so it waits for a running change and no change starts during it;
//! then it stops the old session (both tasks ended before anything else happens, so no update of the old
//! engine lands after), starts the view over, forgets the dialogs' engine reads, and starts following the new
//! engine. A change the window planned against the old view names the old engine's IDs, which the new
//! engine's topology does not hold: it is refused before anything is sent. Nothing here knows about Tauri.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::dto::engines::{EngineChoiceDto, EngineFormDto, EnginePlanDto, EnginesDto, SwitchedDto};
use crate::dto::ops::{problems, ProblemDto};
use crate::dto::EngineStatusDto;
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, LiveConfig, TopologyUpdate};
use netlens_core::history::History;
use netlens_core::layout::Layout;
use netlens_core::problem::Problem;
use netlens_engine::catalog::{self, Choice};
use netlens_engine::events::follow;
use netlens_engine::saved::{self, SavedEngine};
use netlens_engine::{contexts, form, Environment, Target};

/// Where the view's changes go: the window's events, or nowhere in a test.
pub trait Sink: Send + Sync + 'static {
    fn status(&self, status: EngineStatusDto);
    fn topology(&self, update: TopologyUpdate);
}

/// A sink that tells nobody (integration tests read the state itself).
pub struct Silent;

impl Sink for Silent {
    fn status(&self, _: EngineStatusDto) {}
    fn topology(&self, _: TopologyUpdate) {}
}

/// The two tasks that keep the view on one engine.
struct Session {
    follow: tokio::task::JoinHandle<()>,
    apply: tokio::task::JoinHandle<()>,
}

impl Session {
    /// Ends both tasks and waits until they are gone (an aborted task's future is dropped by then, and with
    /// it the engine it held: an ssh forward ends with its last engine).
    async fn stop(self) {
        self.follow.abort();
        self.apply.abort();
        let _ = self.follow.await;
        let _ = self.apply.await;
    }
}

/// What an engine keeps while another is shown.
#[derive(Default)]
struct Kept {
    layout: Layout,
    history: History,
}

struct Book {
    saved: Vec<SavedEngine>,
    /// A corrupt `engines.json`, kept aside: said in the list until the app restarts.
    file_problem: Option<String>,
    current: String,
    /// The sandbox `make run` started, when the window began on it (it stays in the list).
    sandbox: Option<LiveConfig>,
    kept: HashMap<String, Kept>,
}

pub struct Engines {
    state: Arc<AppState>,
    env: Environment,
    /// The app's config folder; `None` when the system names none (adding an engine is then refused).
    dir: Option<PathBuf>,
    book: Mutex<Book>,
    session: tokio::sync::Mutex<Option<Session>>,
    runtime: tokio::runtime::Handle,
    sink: Arc<dyn Sink>,
    /// The config the window started with, until `start` uses it.
    first: LiveConfig,
}

impl Engines {
    pub fn new(
        state: Arc<AppState>,
        config: &LiveConfig,
        env: Environment,
        dir: Option<PathBuf>,
        runtime: tokio::runtime::Handle,
        sink: Arc<dyn Sink>,
    ) -> Self {
        let loaded = dir.as_deref().map(saved::load).unwrap_or_default();
        let book = Book {
            saved: loaded.engines,
            file_problem: loaded.problem,
            current: catalog::startup_id(&config.target, config.sandbox),
            sandbox: config.sandbox.then(|| config.clone()),
            kept: HashMap::new(),
        };
        Self {
            state,
            env,
            dir,
            book: Mutex::new(book),
            session: tokio::sync::Mutex::new(None),
            runtime,
            sink,
            first: config.clone(),
        }
    }

    fn book(&self) -> MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Follows the engine the window started with.
    pub async fn start(&self) {
        let mut session = self.session.lock().await;
        if session.is_none() {
            *session = Some(self.spawn(self.first.target.clone()));
        }
    }

    fn spawn(&self, target: Target) -> Session {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        self.state.set_live_sender(tx.clone());
        let follow = self.runtime.spawn(follow(target, tx));
        let state = self.state.clone();
        let sink = self.sink.clone();
        let apply = self.runtime.spawn(async move {
            while let Some(update) = rx.recv().await {
                let (status, topology) = state.apply(&update);
                if let Some(s) = status {
                    sink.status(s);
                }
                if let Some(t) = topology {
                    sink.topology(t);
                }
            }
        });
        Session { follow, apply }
    }

    /// Ends the session (on quit): the follow task, its engine and any ssh forward are gone on return.
    pub async fn stop(&self) {
        if let Some(s) = self.session.lock().await.take() {
            s.stop().await;
        }
        // The view's own copy of the engine holds the ssh forward too.
        self.state.view().engine = None;
    }

    /// Every engine to choose from, read afresh (docker contexts may have changed since the last look).
    fn choices(&self, book: &Book) -> Vec<Choice> {
        let contexts = contexts::list(&self.env);
        let sandbox = book.sandbox.as_ref().map(|c| &c.target);
        catalog::choices(&contexts, &book.saved, sandbox)
    }

    pub fn list(&self) -> EnginesDto {
        let book = self.book();
        let contexts = contexts::list(&self.env);
        let saved_in = self.dir.as_ref().map(|d| d.join(saved::FILE).display().to_string());
        let sandbox = book.sandbox.as_ref().map(|c| &c.target);
        listing(&contexts, &book.saved, sandbox, &book.current, book.file_problem.as_ref(), saved_in)
    }

    /// Checks the add-engine form as it is now; changes nothing.
    pub fn plan(&self, form: &EngineFormDto) -> EnginePlanDto {
        let taken: Vec<String> = self.book().saved.iter().map(|s| s.name.clone()).collect();
        plan(form, &taken)
    }

    /// Saves a new engine (the file written atomically), or refuses with every problem of the form.
    pub fn add(&self, form: &EngineFormDto) -> Result<EnginesDto, AppError> {
        let dir = self.dir.clone().ok_or_else(|| {
            AppError::new(
                ErrorCode::BadEngineConfig,
                "This system names no configuration folder for Netlens, so engines cannot be saved.",
                Some("Set XDG_CONFIG_HOME (or HOME) and restart Netlens, or use DOCKER_HOST.".into()),
            )
        })?;
        {
            let mut book = self.book();
            let taken: Vec<String> = book.saved.iter().map(|s| s.name.clone()).collect();
            let engine =
                form::check(form.kind, &form.form, &taken).map_err(|p| AppError::refused_problems(problems(&p)))?;
            let mut next = book.saved.clone();
            next.push(engine);
            saved::save(&dir, &next).map_err(|e| not_saved(&dir, &e))?;
            book.saved = next;
        }
        Ok(self.list())
    }

    /// Forgets a saved engine (not the one the window shows).
    pub fn remove(&self, name: &str) -> Result<EnginesDto, AppError> {
        {
            let mut book = self.book();
            let next = catalog::without(&book.saved, name, &book.current).map_err(|p| refused(&p))?;
            if let Some(dir) = &self.dir {
                saved::save(dir, &next).map_err(|e| not_saved(dir, &e))?;
            }
            book.saved = next;
            book.kept.remove(&catalog::saved_id(name));
        }
        Ok(self.list())
    }

    /// Follows another engine; see the module's note for the order of the steps.
    pub async fn switch(&self, id: &str) -> Result<SwitchedDto, AppError> {
        let (target, sandbox) = {
            let book = self.book();
            let choices = self.choices(&book);
            let (_, target) = catalog::pick(&choices, id).map_err(|p| refused(&p))?;
            (target, (id == catalog::SANDBOX).then(|| book.sandbox.clone()).flatten())
        };
        let mut history = self.state.history.lock().await;
        let mut session = self.session.lock().await;
        if self.book().current == id && session.is_some() {
            return Ok(SwitchedDto { engines: self.list(), left_revision: 0 });
        }
        if let Some(old) = session.take() {
            old.stop().await;
        }
        // Read once the old session is gone: no update of the old engine can follow it.
        let left_revision = self.state.view().revision();
        let config = sandbox.unwrap_or(LiveConfig { target: target.clone(), sandbox: false, sandbox_reason: None });
        let status = {
            let mut book = self.book();
            let kept = book.kept.remove(id).unwrap_or_default();
            let old_layout = self.state.view().start_over(&config, kept.layout);
            let old_history = std::mem::replace(&mut *history, kept.history);
            let old_id = std::mem::replace(&mut book.current, id.to_string());
            book.kept.insert(old_id, Kept { layout: old_layout, history: old_history });
            self.state.view().status.clone()
        };
        self.state.reset_dialogs();
        self.sink.status(status);
        *session = Some(self.spawn(config.target));
        drop(session);
        drop(history);
        Ok(SwitchedDto { engines: self.list(), left_revision })
    }
}

/// The list as the window gets it, from what was read.
pub fn listing(
    contexts: &contexts::Contexts,
    saved: &[SavedEngine],
    sandbox: Option<&Target>,
    current: &str,
    file_problem: Option<&String>,
    saved_in: Option<String>,
) -> EnginesDto {
    let choices = catalog::choices(contexts, saved, sandbox);
    EnginesDto {
        choices: choices.iter().map(|c| EngineChoiceDto::of(c, current)).collect(),
        current: current.into(),
        problems: file_problem.into_iter().chain(contexts.problem.iter()).cloned().collect(),
        saved_in,
    }
}

/// The add form checked against the names already saved.
pub fn plan(form: &EngineFormDto, taken: &[String]) -> EnginePlanDto {
    match form::check(form.kind, &form.form, taken) {
        Ok(engine) => EnginePlanDto {
            notes: netlens_engine::connection_notes(&engine.target()),
            host: Some(engine.host),
            problems: vec![],
        },
        Err(found) => EnginePlanDto { host: None, problems: problems(&found), notes: vec![] },
    }
}

pub(crate) fn refused(p: &impl Problem) -> AppError {
    AppError::refused_problems(vec![ProblemDto::of(p)])
}

fn not_saved(dir: &std::path::Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::BadEngineConfig,
        format!("The engine list could not be saved in {}: {e}", dir.display()),
        Some("Nothing was changed. Check that the folder is writable and the disk not full.".into()),
    )
}

#[cfg(test)]
#[path = "engines_tests.rs"]
mod tests;
