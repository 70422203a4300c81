// `netlens`, the command people type: export, --help and --version here; the window is `netlens-window`,
// which this program becomes (see `launch`). It must not reach into Tauri, GTK or WebKit: the linker then
// leaves their libraries out of this binary (src-tauri/tests/cli.rs checks it), and `netlens export` starts
// in a millisecond instead of ~55 ms.

use netlens::cli::{self, Command};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match cli::parse(&args) {
        Ok(Command::Window) => {
            let e = netlens::launch::open_window();
            eprintln!("netlens: {e}\nhint: {}", e.hint());
            1
        }
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
