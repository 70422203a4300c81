// Start-up: parse the command line, then either export and exit or open the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use netlens::cli::{self, Command};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match cli::parse(&args) {
        Ok(Command::Window) => match netlens::app::LiveConfig::from_env() {
            Ok(config) => match netlens::app::run(config) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("netlens: {e}");
                    1
                }
            },
            Err(e) => {
                eprintln!("netlens: {e}\nhint: check DOCKER_HOST, DOCKER_CONTEXT and `docker context ls`.");
                1
            }
        },
        Ok(Command::Export(args)) => cli::export(&args),
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            0
        }
        Ok(Command::Version) => {
            println!("netlens {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Err(e) => {
            eprintln!("netlens: {e}");
            2
        }
    };
    std::process::exit(code);
}
