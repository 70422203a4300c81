//! The command line: `netlens` opens the window; `netlens export` prints the topology and exits.
//!
//! Owns argument parsing and exit codes (0 done, 1 engine problem, 2 usage). Reads the engine through
//! `engine` and formats through `export`; never opens a window.

use crate::error::AppError;
use crate::export::{self, Format};
use crate::state::LiveConfig;
use netlens_core::topology::Topology;
use netlens_engine::Engine;

pub const USAGE: &str = "\
Netlens: see and shape a Docker engine's networks as a live graph.

Usage:
  netlens                               open the window
  netlens export [--format json|dot|mermaid]
                                        print the current topology and exit (default: json)
  netlens --help | --version

The engine is chosen as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT, the current
context of `docker context use`, then unix:///var/run/docker.sock.
";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Window,
    Export(Format),
    Help,
    Version,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    match args.first().map(String::as_str) {
        None => Ok(Command::Window),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("export") => {
            let mut format = Format::Json;
            let mut rest = args[1..].iter();
            while let Some(a) = rest.next() {
                let value = match a.as_str() {
                    // `netlens export --help` is what a person tries first after installing the package.
                    "-h" | "--help" => return Ok(Command::Help),
                    "--format" | "-f" => rest.next().cloned().ok_or("--format needs a value: json, dot or mermaid")?,
                    other => match other.strip_prefix("--format=") {
                        Some(v) => v.to_string(),
                        None => {
                            return Err(format!("unknown option `{other}` for export; try --format json|dot|mermaid"))
                        }
                    },
                };
                format = Format::parse(&value)
                    .ok_or_else(|| format!("unknown format `{value}`: use json, dot or mermaid"))?;
            }
            Ok(Command::Export(format))
        }
        Some(other) => Err(format!("unknown command `{other}`; run `netlens --help`")),
    }
}

/// Runs `export` and returns the process exit code.
pub fn export(format: Format) -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("netlens: could not start: {e}");
            return 1;
        }
    };
    let config = match LiveConfig::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("netlens: {e}\nhint: check DOCKER_HOST, DOCKER_CONTEXT and `docker context ls`.");
            return 1;
        }
    };
    let result = runtime.block_on(async {
        let engine = Engine::connect(&config.target).await?;
        let snapshot = engine.snapshot().await?;
        Ok::<_, netlens_engine::EngineError>((engine, snapshot))
    });
    match result {
        Ok((engine, snapshot)) => {
            let topology = Topology::from_snapshot(&snapshot);
            let source =
                export::Source { context: &config.target.context, endpoint: &config.target.host, info: engine.info() };
            match export::render(&topology, &source, format) {
                Ok(text) => {
                    print!("{text}");
                    0
                }
                Err(e) => {
                    eprintln!("netlens: could not write the export: {e}");
                    1
                }
            }
        }
        Err(e) => {
            let e = AppError::from(e);
            eprintln!("netlens: {e}");
            if let Some(h) = e.hint() {
                eprintln!("hint: {h}");
            }
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_export_formats() {
        assert_eq!(parse(&args(&[])), Ok(Command::Window));
        assert_eq!(parse(&args(&["export"])), Ok(Command::Export(Format::Json)));
        assert_eq!(parse(&args(&["export", "--format", "dot"])), Ok(Command::Export(Format::Dot)));
        assert_eq!(parse(&args(&["export", "--format=mermaid"])), Ok(Command::Export(Format::Mermaid)));
    }

    #[test]
    fn export_help_prints_the_usage_instead_of_an_error() {
        assert_eq!(parse(&args(&["export", "--help"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["export", "--format", "dot", "-h"])), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_say_what_to_do() {
        assert!(parse(&args(&["export", "--format", "svg"])).unwrap_err().contains("json, dot or mermaid"));
        assert!(parse(&args(&["export", "--format"])).is_err());
        assert!(parse(&args(&["frobnicate"])).unwrap_err().contains("--help"));
    }
}
