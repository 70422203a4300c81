// `netlens-window`: the window, and nothing else. `netlens` (src/main.rs) starts it; the command line lives
// there, so this program links GTK and WebKitGTK and `netlens export` does not.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Some(arg) = std::env::args().nth(1) {
        eprintln!("netlens-window: it takes no arguments (got `{arg}`); run `netlens --help` for the commands");
        std::process::exit(2);
    }
    #[cfg(target_os = "linux")]
    netlens::app::renderer::choose_for_this_machine();
    let code = match netlens::app::LiveConfig::from_env() {
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
    };
    std::process::exit(code);
}
