//! The command line: `netlens` opens the window; `netlens export` prints (or writes) the topology and exits.
//!
//! Owns argument parsing and exit codes (0 done, 1 engine problem, 2 usage, 3 the output file could not be
//! written). Reads the engine through `engine`, filters with the core's `ViewFilter` (the window's Filters),
//! formats through `export` and writes through `output`; never opens a window.

use std::io::Write;
use std::path::PathBuf;

use crate::error::AppError;
use crate::export::{self, Format};
use crate::output::Output;
use crate::state::LiveConfig;
use netlens_core::filter::ViewFilter;
use netlens_core::topology::Topology;
use netlens_engine::Engine;

pub const USAGE: &str = "\
Netlens: see and shape a Docker engine's networks as a live graph.

Usage:
  netlens                     open the window
  netlens export [OPTIONS]    print the current topology and exit
  netlens --help | --version

Export options:
  -f, --format FORMAT     json, dot or mermaid (default: json)
  -o, --output FILE       write to FILE instead of printing; the file is replaced whole or not
                          at all (written beside it, then renamed over it)
  --hide-predefined       leave out the bridge, host and none networks
  --hide-stopped          leave out containers that are not running, paused or restarting
  --driver NAME           only networks of this driver (repeat it, or separate with commas)
  --project NAME          only containers of this compose project, and the networks they or the
                          project use (repeat it, or separate with commas)
  --only-used             only networks with a container that is shown
  These are the window's Filters: a container whose every network is left out goes too, a
  line goes when either of its ends goes, Host and External when no network shown leads there.

Exit status: 0 done, 1 the engine could not be read, 2 bad arguments, 3 the output file could
not be written (nothing was changed) or standard output was closed before the export was out.

The engine is chosen as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT, the current
context of `docker context use`, then unix:///var/run/docker.sock.
";

/// Exit codes.
pub const EXIT_ENGINE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_OUTPUT: i32 = 3;

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Window,
    Export(ExportArgs),
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportArgs {
    pub format: Format,
    /// None prints to standard output.
    pub output: Option<PathBuf>,
    pub filter: ViewFilter,
}

impl Default for ExportArgs {
    fn default() -> Self {
        Self { format: Format::Json, output: None, filter: ViewFilter::default() }
    }
}

/// `--name value` or `--name=value`: the value, taken from the next argument when it is not attached.
fn value_of<'a>(
    arg: &str,
    names: &[&str],
    rest: &mut impl Iterator<Item = &'a String>,
    what: &str,
) -> Result<Option<String>, String> {
    for name in names {
        if arg == *name {
            return rest.next().cloned().map(Some).ok_or_else(|| format!("{name} needs {what}"));
        }
        if let Some(v) = arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            return Ok(Some(v.to_string()));
        }
    }
    Ok(None)
}

/// `bridge,macvlan` → both, trimmed; an empty name is a mistake worth saying.
fn names(option: &str, value: &str) -> Result<Vec<String>, String> {
    let list: Vec<String> = value.split(',').map(|s| s.trim().to_string()).collect();
    if list.iter().any(String::is_empty) {
        return Err(format!(
            "{option} needs a name, e.g. {option} {}",
            if option == "--driver" { "bridge" } else { "shop" }
        ));
    }
    Ok(list)
}

fn parse_export<'a>(mut rest: impl Iterator<Item = &'a String>) -> Result<Command, String> {
    let mut out = ExportArgs::default();
    while let Some(a) = rest.next() {
        match a.as_str() {
            // `netlens export --help` is what a person tries first after installing the package.
            "-h" | "--help" => return Ok(Command::Help),
            "--hide-predefined" => out.filter.hide_predefined = true,
            "--hide-stopped" => out.filter.hide_stopped = true,
            "--only-used" => out.filter.only_used = true,
            _ => {
                if let Some(v) = value_of(a, &["--format", "-f"], &mut rest, "a value: json, dot or mermaid")? {
                    out.format =
                        Format::parse(&v).ok_or_else(|| format!("unknown format `{v}`: use json, dot or mermaid"))?;
                } else if let Some(v) = value_of(a, &["--output", "-o"], &mut rest, "a file name")? {
                    if v.is_empty() {
                        return Err("--output needs a file name".into());
                    }
                    out.output = Some(PathBuf::from(v));
                } else if let Some(v) = value_of(a, &["--driver"], &mut rest, "a driver name, e.g. bridge")? {
                    out.filter.drivers.extend(names("--driver", &v)?);
                } else if let Some(v) = value_of(a, &["--project"], &mut rest, "a compose project name")? {
                    out.filter.projects.extend(names("--project", &v)?);
                } else {
                    return Err(format!("unknown option `{a}` for export; run `netlens export --help`"));
                }
            }
        }
    }
    Ok(Command::Export(out))
}

/// The command line that prints `args` (the inverse of `parse`), each value quoted for a POSIX shell when it
/// needs it: what the window shows next to a text export.
pub fn command_line(args: &ExportArgs) -> String {
    let mut line = vec!["netlens export --format".to_string(), args.format.name().to_string()];
    let f = &args.filter;
    for (on, flag) in
        [(f.hide_predefined, "--hide-predefined"), (f.hide_stopped, "--hide-stopped"), (f.only_used, "--only-used")]
    {
        if on {
            line.push(flag.into());
        }
    }
    for (flag, values) in [("--driver", &f.drivers), ("--project", &f.projects)] {
        for v in values {
            line.push(format!("{flag} {}", shell_word(v)));
        }
    }
    if let Some(out) = &args.output {
        line.push(format!("--output {}", shell_word(&out.to_string_lossy())));
    }
    line.join(" ")
}

/// `s` as one word for a POSIX shell: as it is when it is plain, else in single quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    match args.first().map(String::as_str) {
        None => Ok(Command::Window),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("export") => parse_export(args[1..].iter()),
        Some(other) => Err(format!("unknown command `{other}`; run `netlens --help`")),
    }
}

/// Runs `export` and returns the process exit code.
pub fn export(args: &ExportArgs) -> i32 {
    // The output is checked (and its temporary file made) before the engine is read: a typo in a path
    // is said at once, not after a slow engine answered.
    let sink = match &args.output {
        None => None,
        Some(path) => match Output::create(path) {
            Ok(o) => Some(o),
            Err(e) => {
                eprintln!("netlens: {e}");
                if let Some(h) = e.hint() {
                    eprintln!("hint: {h}");
                }
                return if e.is_usage() { EXIT_USAGE } else { EXIT_OUTPUT };
            }
        },
    };
    let written = read_then(args, |topology, source| match sink {
        None => to_stdout(topology, source, args.format),
        Some(o) => to_file(o, topology, source, args.format),
    });
    match written {
        Ok(code) | Err(code) => code,
    }
}

/// Standard output takes the text as it is made, through one buffer: the JSON of a large engine is never held
/// whole (2.4 MB on 2,000 containers). Returns the exit code: a write that fails (a closed pipe) is said and
/// exits 3, as for a file.
fn to_stdout(topology: &Topology, source: &export::Source<'_>, format: Format) -> i32 {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = export::render_to(topology, source, format, &mut out);
    match written.and_then(|()| out.flush().map_err(serde_json::Error::io)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("netlens: could not write the export: {e}");
            EXIT_OUTPUT
        }
    }
}

/// A file gets the whole text or nothing (`Output`). Returns the exit code.
fn to_file(o: Output, topology: &Topology, source: &export::Source<'_>, format: Format) -> i32 {
    let text = match export::render(topology, source, format) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("netlens: could not write the export: {e}");
            return EXIT_ENGINE;
        }
    };
    match o.commit(text.as_bytes()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("netlens: {e}");
            if let Some(h) = e.hint() {
                eprintln!("hint: {h}");
            }
            EXIT_OUTPUT
        }
    }
}

/// Reads the engine and hands its topology, filtered, and where it was read to `write`; Err is the exit code
/// after saying why the engine could not be read.
fn read_then<T>(args: &ExportArgs, write: impl FnOnce(&Topology, &export::Source<'_>) -> T) -> Result<T, i32> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
        eprintln!("netlens: could not start: {e}");
        EXIT_ENGINE
    })?;
    let config = LiveConfig::from_env().map_err(|e| {
        eprintln!("netlens: {e}\nhint: check DOCKER_HOST, DOCKER_CONTEXT and `docker context ls`.");
        EXIT_ENGINE
    })?;
    let (engine, snapshot) = runtime.block_on(Engine::connect_and_snapshot(&config.target)).map_err(|e| {
        let e = AppError::from(e);
        eprintln!("netlens: {e}");
        if let Some(h) = e.hint() {
            eprintln!("hint: {h}");
        }
        EXIT_ENGINE
    })?;
    // The snapshot moves into the graph: nothing else reads it.
    let whole = Topology::from_owned(snapshot);
    // No filter shows everything: the topology itself, not a copy of it (3 ms on 2,000 containers).
    let filtered = (!args.filter.is_empty()).then(|| args.filter.apply(&whole));
    let topology = filtered.as_ref().unwrap_or(&whole);
    let source = export::Source { context: &config.target.context, endpoint: &config.target.host, info: engine.info() };
    let written = write(topology, &source);
    // The process ends once the text is out: freeing the graphs piece by piece (~2.5 ms on 2,000 containers)
    // would only delay its exit.
    std::mem::forget((whole, filtered));
    Ok(written)
}

#[cfg(test)]
#[path = "cli_tests.rs"]
mod tests;
