// Declares our commands to Tauri's ACL so the capability file can grant exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "get_topology",
    "get_engine_status",
    "list_engines",
    "plan_engine",
    "add_engine",
    "remove_engine",
    "switch_engine",
    "drop_targets",
    "plan_connect",
    "connect",
    "plan_disconnect",
    "disconnect",
    "undo",
    "redo",
    "get_history",
    "create_options",
    "plan_create",
    "create_network",
    "plan_remove",
    "remove_networks",
    "prune_preview",
    "prune_networks",
    "network_json",
    "place_network",
    "network_aliases",
    "reach_from",
    "can_reach",
    "export_topology",
    "save_export",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e}"));
}
