//! Integration tests against the sandbox engine, in one test binary so the app is linked once for all of them
//! (each binary costs a link of the whole app): the read path (`engine`), changing endpoints by hand
//! (`operations`) and a network's lifecycle (`lifecycle`). They share one engine: run with `--test-threads=1`.
//! `podman` runs the same reads and writes against a private Podman service of its own.

#[path = "engine.rs"]
mod engine;
#[path = "lifecycle.rs"]
mod lifecycle;
#[path = "operations.rs"]
mod operations;
#[path = "podman.rs"]
mod podman;
