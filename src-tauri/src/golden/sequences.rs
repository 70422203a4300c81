//! The recorded sequences: changes made from a replay state, with the state they lead to and the topology
//! Rust emitted before the command resolved. Each sequence starts from a fresh sandbox; outside changes a
//! UI test stages are staged here the same way, on the simulated engine.

use serde::Serialize;
use serde_json::{json, Value};

use crate::dto::ops::EndpointConfigDto;
use crate::error::AppError;
use crate::golden::questions::{
    can_reach, drop_targets, history, no_config, parse, plan_connect, plan_create, plan_disconnect, reach_from, spec,
};
use crate::golden::sandbox::{outsider, World};
use crate::golden::{services, Book};
use netlens_core::model::Snapshot;
use netlens_core::networks::NetworkSpec;

const INITIAL: &str = "initial";

/// Runs a changing command in `state`; the view it leaves is what the UI saw before the answer.
fn act<T: Serialize>(
    book: &mut Book,
    w: &mut World,
    command: &'static str,
    states: (&str, &str),
    args: Value,
    run: impl FnOnce(&mut World, &Value) -> Result<T, AppError>,
) {
    let result = run(w, &args);
    let emits = result.is_ok().then(|| w.view());
    book.step(command, states, args, &result, emits);
}

fn connect(w: &mut World, args: &Value) -> Result<crate::dto::ops::OutcomeDto, AppError> {
    let config: EndpointConfigDto = parse(args, "config");
    services::connect(w, &parse::<String>(args, "containerId"), &parse::<String>(args, "networkId"), &config)
}

fn disconnect(w: &mut World, args: &Value) -> Result<crate::dto::ops::OutcomeDto, AppError> {
    services::disconnect(w, &parse::<String>(args, "containerId"), &parse::<String>(args, "networkId"))
}

fn create(w: &mut World, args: &Value) -> Result<crate::dto::ops::OutcomeDto, AppError> {
    services::create(w, &parse::<NetworkSpec>(args, "spec"))
}

fn connect_args(container: &str, network: &str, config: Value) -> Value {
    json!({ "containerId": container, "networkId": network, "config": config })
}

fn ids(container: &str, network: &str) -> Value {
    json!({ "containerId": container, "networkId": network })
}

fn record_history(book: &mut Book, w: &World, state: &str) {
    book.answer_in("getHistory", state, json!({}), &history(w));
}

/// The view after an outside change, which a UI test stages by moving to `state` (ReplayBackend::stage).
fn record_view(book: &mut Book, w: &World, state: &str) {
    book.answer_in("getTopology", state, json!({}), &Ok::<_, AppError>(w.view()));
}

/// Someone else changed db's address on backend (the UI test stages the same).
fn db_moved_to(ip: &'static str) -> impl FnOnce(&mut Snapshot) {
    move |s| {
        let db = s.containers.iter_mut().find(|c| c.id == "c-db").expect("db");
        let on_backend = db.endpoints.iter_mut().find(|e| e.network_id == "n-backend").expect("db on backend");
        on_backend.ipv4 = Some(ip.into());
    }
}

fn endpoints(book: &mut Book) {
    let aliased = |ip: &str, aliases: &[&str]| json!({ "aliases": aliases, "ipv4": ip, "ipv6": null });
    for (config, next) in [
        (aliased("10.214.40.30", &["web", "api-v2"]), "apiOnFrontend"),
        (aliased("10.214.40.20", &["web"]), "apiOnFrontend20"),
        (no_config(), "apiOnFrontendAuto"),
    ] {
        let mut w = World::new();
        act(book, &mut w, "connect", (INITIAL, next), connect_args("c-api", "n-frontend", config), connect);
        if next == "apiOnFrontendAuto" {
            // Asked again when the topology changes mid-drag.
            let args = json!({ "containerId": "c-api" });
            book.answer_in("dropTargets", next, args.clone(), &drop_targets(&w, &args));
        }
    }

    let mut w = World::new();
    act(book, &mut w, "connect", (INITIAL, "apiOnVault"), connect_args("c-api", "n-vault", no_config()), connect);

    let mut w = World::new();
    act(book, &mut w, "connect", (INITIAL, "dbOnFrontend"), connect_args("c-db", "n-frontend", no_config()), connect);
    record_history(book, &w, "dbOnFrontend");
    let args = ids("c-db", "n-frontend");
    book.answer_in("planDisconnect", "dbOnFrontend", args.clone(), &plan_disconnect(&w, &args));
    act(book, &mut w, "disconnect", ("dbOnFrontend", "dbOffFrontend"), args, disconnect);
    record_history(book, &w, "dbOffFrontend");

    // Undo after someone took an address: api's address on backend was the engine's choice, so Undo
    // reconnects it without one and succeeds; gateway's was fixed (`--ip`), so its Undo cannot restore.
    for (container, ip, off) in
        [("c-api", "10.214.10.2", "apiOffBackend"), ("c-gateway", "10.214.10.10", "gatewayOffBackend")]
    {
        let mut w = World::new();
        act(book, &mut w, "disconnect", (INITIAL, off), ids(container, "n-backend"), disconnect);
        record_history(book, &w, off);
        let taken = format!("{off}AddressTaken");
        w.outside(db_moved_to(ip));
        record_view(book, &w, &taken);
        record_history(book, &w, &taken);
        let undone = format!("{taken}-undone");
        let result = services::undo(&mut w);
        let next = if result.is_ok() { undone.as_str() } else { taken.as_str() };
        let emits = result.is_ok().then(|| w.view());
        book.step("undo", (&taken, next), json!({}), &result, emits);
        if result.is_ok() {
            record_history(book, &w, &undone);
        }
    }

    let mut w = World::new();
    act(book, &mut w, "disconnect", (INITIAL, "nightlyOff"), ids("c-nightly", "n-backend"), disconnect);
    record_history(book, &w, "nightlyOff");
    let args = json!({ "containerId": "c-api" });
    book.answer_in("dropTargets", "nightlyOff", args.clone(), &drop_targets(&w, &args));
    let args = connect_args("c-api", "n-frontend", no_config());
    book.answer_in("planConnect", "nightlyOff", args.clone(), &plan_connect(&w, &args));
    act(book, &mut w, "undo", ("nightlyOff", "nightlyUndone"), json!({}), |w, _| services::undo(w));
    record_history(book, &w, "nightlyUndone");
    act(book, &mut w, "redo", ("nightlyUndone", "nightlyRedone"), json!({}), |w, _| services::redo(w));
    record_history(book, &w, "nightlyRedone");
}

/// "Can api reach legacy-web?" says no; its fix (legacy-web joins backend) runs as a connect with the empty
/// form, after which the answer is yes (and undo takes it back like any connect).
fn reachability(book: &mut Book) {
    let mut w = World::new();
    let question = json!({ "fromId": "c-api", "toId": "c-legacy" });
    let fix = can_reach(&w, &question).expect("api and legacy-web exist").fix.and_then(|f| f.connect);
    let fix = fix.expect("a connect makes api reach legacy-web");
    let args = connect_args(&fix.container_id, &fix.network_id, no_config());
    act(book, &mut w, "connect", (INITIAL, "legacyOnBackend"), args, connect);
    record_history(book, &w, "legacyOnBackend");
    book.answer_in("canReach", "legacyOnBackend", question.clone(), &can_reach(&w, &question));
    for container in ["c-api", "c-legacy"] {
        let args = json!({ "containerId": container });
        book.answer_in("reachFrom", "legacyOnBackend", args.clone(), &reach_from(&w, &args));
    }
    act(book, &mut w, "undo", ("legacyOnBackend", "legacyOffBackend"), json!({}), |w, _| services::undo(w));
    record_history(book, &w, "legacyOffBackend");
}

fn networks(book: &mut Book) {
    for name in ["made", "tool", "keyed", "web"] {
        let mut w = World::new();
        let next = format!("created-{name}");
        act(book, &mut w, "createNetwork", (INITIAL, &next), spec(json!({ "name": name })), create);
        if name == "tool" {
            book.answer_in("createOptions", &next, json!({}), &services::create_options(&w));
            let keyed = spec(json!({ "name": "keyed" }));
            book.answer_in("planCreate", &next, keyed.clone(), &plan_create(&w, &keyed));
            act(book, &mut w, "createNetwork", (&next, "created-keyed"), keyed, create);
        }
    }

    // Someone else created `fresh` after the form was checked.
    let mut w = World::new();
    w.create_network(&NetworkSpec { name: "fresh".into(), ..NetworkSpec::default() });
    record_view(book, &w, "freshTaken");
    let args = spec(json!({ "name": "fresh", "subnet": "10.60.0.0/24" }));
    act(book, &mut w, "createNetwork", ("freshTaken", "freshTaken"), args, create);

    for (ids, next) in
        [(json!(["n-vault", "n-frontend"]), "removedVaultFrontend"), (json!(["n-old-ci"]), "removedOldCi")]
    {
        let mut w = World::new();
        act(book, &mut w, "removeNetworks", (INITIAL, next), json!({ "networkIds": ids }), |w, args| {
            services::remove(w, &parse::<Vec<String>>(args, "networkIds"))
        });
    }

    let no_filters = crate::dto::lifecycle::PruneFiltersDto::default();
    let prune = |w: &mut World, args: &Value| services::prune(w, &parse::<Vec<String>>(args, "networkIds"));
    let mut w = World::new();
    services::preview(&w, &no_filters).expect("the preview the dialog showed");
    act(book, &mut w, "pruneNetworks", (INITIAL, "prunedTwo"), json!({ "networkIds": ["n-lab", "n-old-ci"] }), prune);

    // Container `web` joined old-ci after the preview.
    let mut w = World::new();
    services::preview(&w, &no_filters).expect("the preview the dialog showed");
    w.outside(|s| {
        let old_ci = s.networks.iter().find(|n| n.id == "n-old-ci").cloned().expect("old-ci");
        s.containers.push(outsider("c-web", "web", &old_ci, "10.99.0.2"));
    });
    record_view(book, &w, "webJoinedOldCi");
    let args = json!({ "networkIds": ["n-lab", "n-old-ci", "n-scratch"] });
    act(book, &mut w, "pruneNetworks", ("webJoinedOldCi", "webJoinedOldCi-pruned"), args, prune);
}

pub fn record(book: &mut Book) {
    endpoints(book);
    reachability(book);
    networks(book);
}
