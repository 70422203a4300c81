//! Bad input, table-driven, through the same service functions the window's commands call: every row is
//! refused with a typed problem (its `Code`) whose hint says what to do, and the engine is exactly as it was
//! after the whole table (a snapshot before equals a snapshot after).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use netlens::dto::lifecycle::PruneFiltersDto;
use netlens::dto::ops::{EndpointConfigDto, ProblemDto};
use netlens::error::AppError;
use netlens::service::{endpoints, inspect, networks, reach};
use netlens_core::model::{Container, Network, Snapshot};
use netlens_core::networks::{NetworkSpec, OutcomeKind, MAX_KEY_BYTES, MAX_VALUE_BYTES};
use netlens_core::problem::Code;
use netlens_engine::{Engine, Target};
use netlens_tests::live::Live;
use netlens_tests::{docker, docker_host, run_idle, Cleanup};

/// One command the window sends, with what the person (or a broken UI) put in it.
enum Call {
    Connect {
        container: String,
        network: String,
        form: EndpointConfigDto,
    },
    Disconnect {
        container: String,
        network: String,
    },
    /// Boxed: the form is much larger than the other calls.
    Create(Box<NetworkSpec>),
    /// The remove dialog's plan, then the remove itself (which reports the network as skipped).
    Remove(String),
    NetworkJson(String),
    NetworkAliases(String),
    PrunePreview(PruneFiltersDto),
    DropTargets(String),
    ReachFrom(String),
    CanReach(String, String),
}

struct Row {
    what: String,
    call: Call,
    code: Code,
}

/// What came back: the problem the row expects to lead, the message the window shows and its hint.
struct Refusal {
    problems: Vec<ProblemDto>,
    message: String,
    hint: Option<String>,
}

fn refusal(e: AppError) -> Result<Refusal, String> {
    match e {
        AppError::Refused { message, hint, problems } | AppError::CannotRestore { message, hint, problems } => {
            Ok(Refusal { problems, message, hint })
        }
        other => Err(format!("not a refusal: {other:?}")),
    }
}

/// Runs one call; `Err` with what happened instead when it was not refused.
async fn run(live: &Live, call: &Call) -> Result<Refusal, String> {
    let state = &live.state;
    let answer = match call {
        Call::Connect { container, network, form } => {
            endpoints::connect(state, container, network, form).await.map(|o| o.command)
        }
        Call::Disconnect { container, network } => {
            endpoints::disconnect(state, container, network).await.map(|o| o.command)
        }
        Call::Create(spec) => networks::create(state, spec).await.map(|o| o.command),
        Call::Remove(id) => {
            let plan = networks::plan_remove_dto(state, std::slice::from_ref(id)).map_err(|e| format!("{e:?}"))?;
            let report = networks::remove(state, std::slice::from_ref(id)).await.map_err(|e| format!("{e:?}"))?;
            let item = &report.items[0];
            if item.outcome != OutcomeKind::Skipped || item.reason.as_deref().unwrap_or_default().is_empty() {
                return Err(format!("remove did not skip it with a reason: {report:?}"));
            }
            return match plan.items[0].refusal.clone() {
                Some(p) => Ok(Refusal { message: p.message.clone(), hint: Some(p.hint.clone()), problems: vec![p] }),
                None => Err(format!("the plan lets it go: {plan:?}")),
            };
        }
        Call::NetworkJson(id) => inspect::network_json(state, id).await,
        Call::NetworkAliases(id) => endpoints::aliases_on(state, id).await.map(|a| format!("{} aliases", a.len())),
        Call::PrunePreview(filters) => {
            networks::prune_preview_dto(state, filters).await.map(|p| format!("{} to prune", p.items.len()))
        }
        Call::DropTargets(id) => endpoints::drop_targets(state, id).map(|t| format!("{} targets", t.len())),
        Call::ReachFrom(id) => reach::reach_from(state, id).map(|r| format!("{} answers", r.len())),
        Call::CanReach(a, b) => reach::can_reach(state, a, b).map(|_| "a verdict".to_string()),
    };
    match answer {
        Ok(done) => Err(format!("accepted: {done}")),
        Err(e) => refusal(e),
    }
}

fn form(aliases: &[&str], ipv4: Option<&str>, ipv6: Option<&str>) -> EndpointConfigDto {
    EndpointConfigDto {
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ipv4: ipv4.map(Into::into),
        ipv6: ipv6.map(Into::into),
    }
}

fn spec(name: &str, edit: impl FnOnce(&mut NetworkSpec)) -> Box<NetworkSpec> {
    let mut s = NetworkSpec { name: name.into(), ..NetworkSpec::default() };
    edit(&mut s);
    Box::new(s)
}

fn label(key: &str, value: &str) -> BTreeMap<String, String> {
    [(key.into(), value.into())].into()
}

fn prune(until: &str, labels: &[&str]) -> PruneFiltersDto {
    PruneFiltersDto { until: until.into(), labels: labels.iter().map(|l| l.to_string()).collect() }
}

/// The engine as the refusals must leave it: networks whole, containers by ID, name, state, mode, labels
/// and endpoints. `status` ("Up 3 minutes") changes on its own and is left out.
#[derive(Debug, PartialEq)]
struct Seen {
    networks: Vec<Network>,
    containers: Vec<Container>,
}

fn seen(s: Snapshot) -> Seen {
    let container = |mut c: Container| {
        c.status = String::new();
        c.endpoints.sort_by(|a, b| a.network_id.cmp(&b.network_id));
        c
    };
    Seen { networks: s.networks, containers: s.containers.into_iter().map(container).collect() }
}

async fn engine_now() -> Seen {
    let target = Target { context: "test".into(), host: docker_host(), tls: None, source: "test" };
    let engine = Engine::connect(&target).await.expect("the sandbox engine answers");
    seen(engine.snapshot().await.expect("a snapshot"))
}

/// Every row, built against the fixture: `holder` sits on `nlt-bad-net` (10.214.150.0/24) at .10, `web`
/// only on the default bridge.
fn table(live: &Live, holder: &str, web: &str) -> Vec<Row> {
    let net = live.network_id("nlt-bad-net");
    let (bridge, host, none) = (live.network_id("bridge"), live.network_id("host"), live.network_id("none"));
    let mut rows = Vec::new();
    let mut row = |what: &str, call: Call, code: Code| rows.push(Row { what: what.into(), call, code });
    let connect =
        |network: &str, form: EndpointConfigDto| Call::Connect { container: web.into(), network: network.into(), form };

    // Connect: addresses and aliases.
    row(
        "connect with an IPv4 address that is not one",
        connect(&net, form(&[], Some("10.214.150.300"), None)),
        Code::BadAddress,
    );
    row("connect with the unspecified address", connect(&net, form(&[], Some("0.0.0.0"), None)), Code::BadAddress);
    row(
        "connect with an address outside the subnet",
        connect(&net, form(&[], Some("192.168.77.5"), None)),
        Code::OutsideSubnet,
    );
    row(
        "connect with an address another container holds",
        connect(&net, form(&[], Some("10.214.150.10"), None)),
        Code::AddressInUse,
    );
    row(
        "connect with the subnet's network address",
        connect(&net, form(&[], Some("10.214.150.0"), None)),
        Code::ReservedAddress,
    );
    row(
        "connect with the gateway's address",
        connect(&net, form(&[], Some("10.214.150.1"), None)),
        Code::ReservedAddress,
    );
    row(
        "connect with the broadcast address",
        connect(&net, form(&[], Some("10.214.150.255"), None)),
        Code::ReservedAddress,
    );
    row(
        "connect with an IPv6 address to an IPv4-only network",
        connect(&net, form(&[], None, Some("fd00:150::5"))),
        Code::NoIpv6,
    );
    row("connect with an alias holding a space", connect(&net, form(&["bad alias"], None, None)), Code::BadAlias);
    row("connect with an alias starting with -", connect(&net, form(&["-rf"], None, None)), Code::BadAlias);
    row(
        "connect with an alias of 300 characters",
        connect(&net, form(&[&"a".repeat(300)], None, None)),
        Code::BadAlias,
    );
    row(
        "connect with an alias holding a control character",
        connect(&net, form(&["db\u{7}"], None, None)),
        Code::BadAlias,
    );
    row(
        "connect with an alias holding an empty DNS label",
        connect(&net, form(&["db..local"], None, None)),
        Code::BadAlias,
    );
    row("connect with an alias holding a path", connect(&net, form(&["../etc"], None, None)), Code::BadAlias);
    row(
        "connect to the default bridge with an alias",
        Call::Connect { container: holder.into(), network: bridge.clone(), form: form(&["db"], None, None) },
        Code::AliasOnDefaultBridge,
    );
    row(
        "connect to the default bridge with an address",
        Call::Connect { container: holder.into(), network: bridge.clone(), form: form(&[], Some("10.213.0.50"), None) },
        Code::StaticOnDefaultBridge,
    );
    row("connect to the predefined host network", connect(&host, form(&[], None, None)), Code::FixedNetwork);
    row(
        "connect to the network it is on",
        Call::Connect { container: holder.into(), network: net.clone(), form: form(&[], None, None) },
        Code::AlreadyConnected,
    );
    row(
        "connect an unknown container",
        Call::Connect { container: "0".repeat(64), network: net.clone(), form: form(&[], None, None) },
        Code::ContainerGone,
    );
    row("connect to a `../` network ID", connect("../../containers/json", form(&[], None, None)), Code::NetworkGone);
    row(
        "disconnect from a network it is not on",
        Call::Disconnect { container: web.into(), network: net.clone() },
        Code::NotConnected,
    );
    row(
        "disconnect a `../` container ID",
        Call::Disconnect { container: "../../../info".into(), network: net.clone() },
        Code::ContainerGone,
    );

    // Create: names, addresses, drivers, labels.
    row("create without a name", Call::Create(spec("  ", |_| {})), Code::NameEmpty);
    row("create with a name starting with -", Call::Create(spec("-net", |_| {})), Code::NameInvalid);
    row("create with a space in the name", Call::Create(spec("my net", |_| {})), Code::NameInvalid);
    row("create with a control character in the name", Call::Create(spec("net\u{1b}[2J", |_| {})), Code::NameInvalid);
    row("create with a path as the name", Call::Create(spec("../etc", |_| {})), Code::NameInvalid);
    row("create with a taken name", Call::Create(spec("nlt-bad-net", |_| {})), Code::NameTaken);
    row(
        "create with a subnet that is not a CIDR",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "10.214.300.0/24".into())),
        Code::BadCidr,
    );
    row(
        "create with a prefix over 32",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "10.214.151.0/33".into())),
        Code::BadCidr,
    );
    row(
        "create with host bits in the subnet",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "10.214.151.5/24".into())),
        Code::HostBits,
    );
    row(
        "create with an IPv6 subnet in the IPv4 field",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "fd00:151::/64".into())),
        Code::WrongFamily,
    );
    row(
        "create with a subnet overlapping nlt-bad-net",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "10.214.150.128/25".into())),
        Code::SubnetOverlap,
    );
    row(
        "create with a subnet holding nlt-bad-net",
        Call::Create(spec("nlt-bad-x", |s| s.subnet = "10.214.0.0/16".into())),
        Code::SubnetOverlap,
    );
    row(
        "create with a gateway outside the subnet",
        Call::Create(spec("nlt-bad-x", |s| {
            s.subnet = "10.214.151.0/24".into();
            s.gateway = "10.214.152.1".into();
        })),
        Code::OutsideSubnet,
    );
    row(
        "create with an IP range outside the subnet",
        Call::Create(spec("nlt-bad-x", |s| {
            s.subnet = "10.214.151.0/24".into();
            s.ip_range = "10.214.152.0/25".into();
        })),
        Code::OutsideSubnet,
    );
    row(
        "create with the network address as gateway",
        Call::Create(spec("nlt-bad-x", |s| {
            s.subnet = "10.214.151.0/24".into();
            s.gateway = "10.214.151.0".into();
        })),
        Code::ReservedGateway,
    );
    row(
        "create with a gateway and no subnet",
        Call::Create(spec("nlt-bad-x", |s| s.gateway = "10.214.151.1".into())),
        Code::NeedsSubnet,
    );
    row(
        "create with IPv6 on and no IPv6 subnet",
        Call::Create(spec("nlt-bad-x", |s| s.ipv6 = true)),
        Code::Ipv6SubnetRequired,
    );
    row(
        "create with an IPv6 subnet and IPv6 off",
        Call::Create(spec("nlt-bad-x", |s| s.subnet_v6 = "fd00:151::/64".into())),
        Code::Ipv6Off,
    );
    row(
        "create macvlan without a parent",
        Call::Create(spec("nlt-bad-x", |s| s.driver = "macvlan".into())),
        Code::ParentRequired,
    );
    row(
        "create macvlan on the loopback",
        Call::Create(spec("nlt-bad-x", |s| {
            s.driver = "macvlan".into();
            s.parent = "lo".into();
        })),
        Code::ParentLoopback,
    );
    row(
        "create macvlan on a parent with a control character",
        Call::Create(spec("nlt-bad-x", |s| {
            s.driver = "macvlan".into();
            s.parent = "eth0\u{1}".into();
        })),
        Code::ParentInvalid,
    );
    row(
        "create macvlan with a mode it does not have",
        Call::Create(spec("nlt-bad-x", |s| {
            s.driver = "macvlan".into();
            s.parent = "netlens-lan0".into();
            s.internal = true;
            s.mode = "l3".into();
        })),
        Code::BadMode,
    );
    row(
        "create overlay on an engine that is no swarm manager",
        Call::Create(spec("nlt-bad-x", |s| {
            s.driver = "overlay".into();
            s.attachable = true;
        })),
        Code::OverlayNeedsSwarm,
    );
    row(
        "create with the host driver",
        Call::Create(spec("nlt-bad-x", |s| s.driver = "host".into())),
        Code::DriverNotCreatable,
    );
    row(
        "create with a driver the engine lacks",
        Call::Create(spec("nlt-bad-x", |s| s.driver = "weave".into())),
        Code::DriverUnavailable,
    );
    row(
        "create with an MTU that is not a number",
        Call::Create(spec("nlt-bad-x", |s| s.mtu = "1500 bytes".into())),
        Code::MtuNotNumber,
    );
    row("create with a huge MTU", Call::Create(spec("nlt-bad-x", |s| s.mtu = "9".repeat(40))), Code::MtuOutOfRange);
    row(
        "create with a label key holding =",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label("a=b", "c"))),
        Code::BadKey,
    );
    row(
        "create with an empty label key",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label(" ", "c"))),
        Code::BadKey,
    );
    row(
        "create with a label key over 1 KiB",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label(&"k".repeat(MAX_KEY_BYTES + 1), "v"))),
        Code::BadKey,
    );
    row(
        "create with a label value over 4 KiB",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label("note", &"v".repeat(MAX_VALUE_BYTES + 1)))),
        Code::BadValue,
    );
    row(
        "create with a line break in a label key",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label("team\nname", "web"))),
        Code::BadKey,
    );
    row(
        "create with a control character in a label value",
        Call::Create(spec("nlt-bad-x", |s| s.labels = label("team", "web\u{0}"))),
        Code::BadValue,
    );
    row(
        "create with an option the MTU field sets",
        Call::Create(spec("nlt-bad-x", |s| s.options = label("com.docker.network.driver.mtu", "1400"))),
        Code::OptionHasField,
    );

    // Remove: predefined, unknown and `../` IDs.
    row("remove the predefined bridge", Call::Remove(bridge), Code::Predefined);
    row("remove the predefined host", Call::Remove(host), Code::Predefined);
    row("remove the predefined none", Call::Remove(none), Code::Predefined);
    row("remove an unknown network ID", Call::Remove("f".repeat(64)), Code::NetworkGone);
    row("remove a `../` network ID", Call::Remove("../../containers/prune".into()), Code::NetworkGone);

    // Reads that put an ID into an engine URL, or look one up.
    row("network JSON of a `../` ID", Call::NetworkJson("../../info".into()), Code::NetworkGone);
    row("network JSON asked by name instead of ID", Call::NetworkJson("nlt-bad-net".into()), Code::NetworkGone);
    row("aliases on a `../` network ID", Call::NetworkAliases("../../containers/json".into()), Code::NetworkGone);
    row("drop targets asked by name instead of ID", Call::DropTargets("nlt-bad-web".into()), Code::ContainerGone);
    row("reachability of a `../` container ID", Call::ReachFrom("../..".into()), Code::ContainerGone);
    row("can-reach to an unknown container", Call::CanReach(web.into(), "0".repeat(64)), Code::ContainerGone);

    // Prune filters.
    row("prune older than 10^20 hours", Call::PrunePreview(prune("99999999999999999999h", &[])), Code::BadUntil);
    row("prune older than i64::MAX seconds", Call::PrunePreview(prune("9223372036854775807s", &[])), Code::BadUntil);
    row(
        "prune older than an age the clock cannot reach",
        Call::PrunePreview(prune("2562047788015216h", &[])),
        Code::BadUntil,
    );
    row("prune with a negative age", Call::PrunePreview(prune("-3h", &[])), Code::BadUntil);
    row("prune with a fractional age", Call::PrunePreview(prune("1.5h", &[])), Code::BadUntil);
    row("prune with a label filter without a key", Call::PrunePreview(prune("", &["=prod"])), Code::BadLabelFilter);
    row("prune with an empty negated label filter", Call::PrunePreview(prune("", &["label!="])), Code::BadLabelFilter);
    rows
}

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_input_is_refused_with_a_hint_and_changes_nothing() {
    let cleanup = Cleanup::new("bad-input");
    docker(&[
        "network",
        "create",
        "--label",
        &cleanup.label,
        "--subnet",
        "10.214.150.0/24",
        "--gateway",
        "10.214.150.1",
        "nlt-bad-net",
    ]);
    let holder = run_idle("nlt-bad-holder", &cleanup, &["--network", "nlt-bad-net", "--ip", "10.214.150.10"]);
    let web = run_idle("nlt-bad-web", &cleanup, &[]);
    let live = Live::start(&docker_host()).await;
    live.until("the fixture", |t| {
        t.network_by_name("nlt-bad-net").is_some()
            && t.endpoints_of(&holder).iter().any(|(n, _)| n.name == "nlt-bad-net")
            && t.container(&web).is_some_and(|c| !c.endpoints.is_empty())
    })
    .await;
    let swarm = networks::create_options(&live.state).await.unwrap().swarm_manager;
    assert!(!swarm, "the overlay row needs an engine outside swarm mode");

    let rows = table(&live, &holder, &web);
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let before = engine_now().await;
    let mut failures = Vec::new();
    for row in &rows {
        let got = match run(&live, &row.call).await {
            Ok(r) => r,
            Err(what) => {
                failures.push(format!("{}: {what}", row.what));
                continue;
            }
        };
        let codes: Vec<Code> = got.problems.iter().map(|p| p.code).collect();
        let hint = got.hint.as_deref().unwrap_or_default();
        if codes.first() != Some(&row.code) {
            failures.push(format!("{}: expected {:?} first, got {codes:?} ({})", row.what, row.code, got.message));
        } else if hint.trim().is_empty() || got.problems.iter().any(|p| p.hint.trim().is_empty()) {
            failures.push(format!("{}: no hint on what to do ({})", row.what, got.message));
        } else if got.message.trim().is_empty() || got.message.len() > 600 {
            failures.push(format!("{}: a message of {} bytes", row.what, got.message.len()));
        }
    }
    let after = engine_now().await;
    assert!(failures.is_empty(), "{} of {} rows:\n{}", failures.len(), rows.len(), failures.join("\n"));
    if before != after {
        let gone: Vec<&str> =
            before.networks.iter().filter(|n| !after.networks.contains(n)).map(|n| n.name.as_str()).collect();
        let new: Vec<&str> =
            after.networks.iter().filter(|n| !before.networks.contains(n)).map(|n| n.name.as_str()).collect();
        let changed: Vec<&str> =
            after.containers.iter().filter(|c| !before.containers.contains(c)).map(|c| c.name.as_str()).collect();
        panic!(
            "the engine changed: networks gone {gone:?}, new or changed {new:?}; containers new or changed {changed:?}"
        );
    }
    assert!(live.state.history.lock().await.undo_candidate().is_none(), "nothing was recorded in the history");
}
