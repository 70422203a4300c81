//! The questions that change nothing, answered in the initial sandbox: through the commands' own service
//! functions where they only read the topology, through `services` where an engine would be asked.

use serde_json::{json, Value};

use crate::dto::export::{ExportContentsDto, ExportFormatDto};
use crate::dto::lifecycle::PruneFiltersDto;
use crate::dto::ops::{EndpointConfigDto, HistoryDto};
use crate::error::AppError;
use crate::golden::sandbox::{status, unread, World};
use crate::golden::{services, Book};
use crate::service::export::{self, SavePaths};
use crate::service::{endpoints, networks, reach};
use netlens_core::filter::ViewFilter;
use netlens_core::networks::NetworkSpec;

/// The connect form untouched: `{"aliases":[],"ipv4":null,"ipv6":null}`.
pub fn no_config() -> Value {
    json!({ "aliases": [], "ipv4": null, "ipv6": null })
}

/// The create form's empty spec as the UI sends it (`specFrom(emptyForm())`), with `fields` set.
pub fn spec(fields: Value) -> Value {
    let mut spec = json!({
        "name": "", "driver": "bridge", "subnet": "", "ipRange": "", "gateway": "", "ipv6": false,
        "subnetV6": "", "gatewayV6": "", "internal": false, "attachable": false, "encrypted": false, "mtu": "",
        "icc": true, "parent": "", "mode": "", "labels": [], "options": []
    });
    for (k, v) in fields.as_object().expect("spec fields are an object") {
        spec[k] = v.clone();
    }
    json!({ "spec": spec })
}

/// One string argument of a command's argument object.
pub fn arg<'a>(args: &'a Value, name: &str) -> &'a str {
    args[name].as_str().expect("a string argument")
}

/// An argument of a command's argument object, read as the command's parameter type.
pub fn parse<T: serde::de::DeserializeOwned>(args: &Value, name: &str) -> T {
    serde_json::from_value(args[name].clone()).expect("the argument parses as the command's parameter")
}

pub fn drop_targets(w: &World, args: &Value) -> Result<Vec<crate::dto::ops::DropTargetDto>, AppError> {
    endpoints::drop_targets(&w.state, arg(args, "containerId"))
}

pub fn plan_connect(w: &World, args: &Value) -> Result<crate::dto::ops::ConnectPlanDto, AppError> {
    let config: EndpointConfigDto = parse(args, "config");
    endpoints::plan_connect_form(&w.state, arg(args, "containerId"), arg(args, "networkId"), &config)
}

pub fn plan_disconnect(w: &World, args: &Value) -> Result<crate::dto::ops::DisconnectPlanDto, AppError> {
    endpoints::plan_disconnect_form(&w.state, arg(args, "containerId"), arg(args, "networkId"))
}

pub fn plan_create(w: &World, args: &Value) -> Result<crate::dto::lifecycle::CreatePlanDto, AppError> {
    let spec: NetworkSpec = parse(args, "spec");
    networks::plan_create(&w.state, &spec)
}

pub fn reach_from(w: &World, args: &Value) -> Result<Vec<crate::dto::reach::ReachItemDto>, AppError> {
    reach::reach_from(&w.state, arg(args, "containerId"))
}

pub fn can_reach(w: &World, args: &Value) -> Result<crate::dto::reach::VerdictDto, AppError> {
    reach::can_reach(&w.state, arg(args, "fromId"), arg(args, "toId"))
}

pub fn history(w: &World) -> Result<HistoryDto, AppError> {
    Ok(HistoryDto::from(&*w.state.history.blocking_lock()))
}

pub fn record(book: &mut Book) {
    let w = World::new();
    // The create dialog asks for the engine's options when it opens; the form is checked against them.
    book.answer("createOptions", json!({}), &services::create_options(&w));

    book.answer("getTopology", json!({}), &w.state.view().topology.clone().ok_or_else(AppError::not_ready));
    // Before Rust has read the engine (the window's loading state).
    let before_first_read = unread().view().topology.clone().ok_or_else(AppError::not_ready);
    book.answer_in("getTopology", "starting", json!({}), &before_first_read);
    book.answer("getEngineStatus", json!({}), &Ok::<_, AppError>(status()));
    book.answer("getHistory", json!({}), &history(&w));

    for container in ["c-api", "c-db", "c-gateway"] {
        let args = json!({ "containerId": container });
        book.answer("dropTargets", args.clone(), &drop_targets(&w, &args));
    }

    let web = json!({ "aliases": ["web", "api-v2"], "ipv4": "10.214.40.10", "ipv6": null });
    let web30 = json!({ "aliases": ["web", "api-v2"], "ipv4": "10.214.40.30", "ipv6": null });
    for (container, network, config) in [
        ("c-api", "n-frontend", no_config()),
        ("c-api", "n-frontend", web),
        ("c-api", "n-frontend", web30),
        ("c-api", "n-bridge", no_config()),
        ("c-api", "n-vault", no_config()),
        ("c-db", "n-frontend", no_config()),
    ] {
        let args = json!({ "containerId": container, "networkId": network, "config": config });
        book.answer("planConnect", args.clone(), &plan_connect(&w, &args));
    }

    for (container, network) in [
        ("c-api", "n-backend"),
        ("c-nightly", "n-backend"),
        ("c-db", "n-frontend"),
        ("c-gateway", "n-frontend"),
        ("c-gateway", "n-backend"),
    ] {
        let args = json!({ "containerId": container, "networkId": network });
        book.answer("planDisconnect", args.clone(), &plan_disconnect(&w, &args));
    }

    for network in ["n-backend", "n-frontend", "n-vault", "n-lan"] {
        book.answer("networkAliases", json!({ "networkId": network }), &services::aliases_on(&w, network));
    }
    // The raw inspect of an existing network is the engine's own JSON, which the fixture cannot stand in
    // for; only the answer for a network the view does not show (refused before the engine is asked) is
    // recorded.
    book.answer("networkJson", json!({ "networkId": "n-missing" }), &services::network_json_missing(&w, "n-missing"));

    // The details panel asks what the selected container reaches, whichever it is.
    let containers: Vec<String> =
        w.state.topology().expect("the fixture is read").containers().map(|c| c.id.clone()).collect();
    for container in &containers {
        let args = json!({ "containerId": container });
        book.answer("reachFrom", args.clone(), &reach_from(&w, &args));
    }
    book.answer(
        "reachFrom",
        json!({ "containerId": "c-missing" }),
        &reach_from(&w, &json!({ "containerId": "c-missing" })),
    );
    // "Can A reach B?" from api to every other container (yes by name, no with a connect, no without one),
    // and back from legacy-web.
    for to in containers.iter().filter(|c| *c != "c-api") {
        let args = json!({ "fromId": "c-api", "toId": to });
        book.answer("canReach", args.clone(), &can_reach(&w, &args));
    }
    let args = json!({ "fromId": "c-legacy", "toId": "c-api" });
    book.answer("canReach", args.clone(), &can_reach(&w, &args));

    // Export…: the topology as each text format, and a write Rust refuses because the save dialog never
    // handed out the path (the replay's dialog answers what a test says; it is the desktop's, not Rust's).
    // Each format with no filter, and DOT through the window's filter (stopped containers and predefined
    // networks hidden), whose command line carries the flags.
    let filtered =
        json!({ "hidePredefined": true, "hideStopped": true, "drivers": [], "projects": [], "onlyUsed": false });
    let none = serde_json::to_value(ViewFilter::default()).expect("a filter is JSON");
    for (format, filter) in [("json", &none), ("dot", &none), ("mermaid", &none), ("dot", &filtered)] {
        let args = json!({ "format": format, "filter": filter });
        book.answer(
            "exportTopology",
            args.clone(),
            &export::render(&w.state, parse(&args, "format"), &parse(&args, "filter")),
        );
    }
    let dot = export::render(&w.state, ExportFormatDto::Dot, &ViewFilter::default())
        .expect("the fixture renders as DOT")
        .text;
    let args = json!({ "path": "/home/ada/netlens.dot", "contents": { "kind": "text", "text": dot } });
    let contents: ExportContentsDto = parse(&args, "contents");
    book.answer("saveExport", args, &export::save(&SavePaths::new(None), "/home/ada/netlens.dot", &contents));

    for fields in [
        // The form as the dialog opens it, and `lan` typed before its driver is chosen.
        json!({}),
        json!({ "name": "lan" }),
        json!({ "name": "made" }),
        json!({ "name": "tool" }),
        json!({ "name": "keyed" }),
        json!({ "name": "backend", "subnet": "10.0.0.300/24" }),
        json!({ "name": "payments", "subnet": "10.0.7.0/24" }),
        json!({ "name": "web" }),
        json!({ "name": "web", "subnet": "10.7.0.0/24", "gateway": "10.7.0.1" }),
        json!({ "name": "lan", "driver": "macvlan" }),
        json!({ "name": "lan", "driver": "macvlan", "parent": "eth0" }),
        json!({ "name": "fresh", "subnet": "10.60.0.0/24" }),
        json!({ "name": "web", "labels": [{ "key": "team", "value": "web" }] }),
        json!({ "name": "backend", "subnet": "10.214.10.0/25", "gateway": "10.9.9.9" }),
        json!({ "name": "fresh" }),
    ] {
        let args = spec(fields);
        book.answer("planCreate", args.clone(), &plan_create(&w, &args));
    }

    for ids in [
        json!(["n-vault", "n-frontend"]),
        json!(["n-frontend"]),
        json!(["n-bridge"]),
        json!(["n-backend"]),
        json!(["n-scratch"]),
        json!(["n-old-ci", "n-host"]),
    ] {
        let args = json!({ "networkIds": ids });
        let ids: Vec<String> = parse(&args, "networkIds");
        book.answer("planRemove", args, &networks::plan_remove_dto(&w.state, &ids));
    }

    for (until, labels) in
        [("", json!([])), ("24h", json!(["ci=true"])), ("3 days", json!([])), ("168h", json!(["ci"]))]
    {
        let args = json!({ "filters": { "until": until, "labels": labels } });
        let filters: PruneFiltersDto = parse(&args, "filters");
        book.answer("prunePreview", args, &services::preview(&w, &filters));
    }

    // Refused before anything is sent: the same answer in every state that has the fixture's endpoints.
    let mut w = World::new();
    let in_use = json!({ "aliases": [], "ipv4": "10.214.40.10", "ipv6": null });
    for (network, config) in [("n-backend", no_config()), ("n-frontend", in_use)] {
        let args = json!({ "containerId": "c-api", "networkId": network, "config": config });
        let config: EndpointConfigDto = parse(&args, "config");
        let result = services::connect(&mut w, "c-api", network, &config);
        assert!(result.is_err(), "a refused connect changes nothing");
        book.answer("connect", args, &result);
    }
}
