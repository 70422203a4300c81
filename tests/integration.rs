//! Integration tests against the sandbox engine, in one test binary so the app is linked once for all of them
//! (each binary costs a link of the whole app): the read path (`engine`), changing endpoints by hand
//! (`operations`), a network's lifecycle (`lifecycle`), bad input refused with nothing changed
//! (`bad_input`), acting on a view the engine has moved past (`races`) and a swarm manager (`swarm`). They
//! share one engine: run with `--test-threads=1`.
//! `podman` runs the same reads and writes against a private Podman service of its own, and
//! `frozen_engine` freezes a private dockerd of its own with SIGSTOP; `ssh` reads the sandbox through a private
//! sshd of its own.

#[path = "bad_input.rs"]
mod bad_input;
#[path = "engine.rs"]
mod engine;
#[path = "engines.rs"]
mod engines;
#[path = "frozen_engine.rs"]
mod frozen_engine;
#[path = "lifecycle.rs"]
mod lifecycle;
#[path = "operations.rs"]
mod operations;
#[path = "podman.rs"]
mod podman;
#[path = "races.rs"]
mod races;
#[path = "ssh.rs"]
mod ssh;
#[path = "swarm.rs"]
mod swarm;
