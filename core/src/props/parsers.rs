//! The text parsers: addresses and CIDRs, the prune dialog's age and label filters, and aliases and static
//! addresses as the connect form takes them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use chrono::{DateTime, Duration, Utc};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::collection::vec;
use proptest::prelude::*;

use super::{config, text};
use crate::address::{overlaps, parse_addr, parse_ip, parse_net, pools, truncated, Reserved};
use crate::endpoints::{plan_connect, EndpointConfig, Operation, Refusal};
use crate::fixtures::{demo, network};
use crate::model::IpamConfig;
use crate::networks::{
    age_text, parse_duration, parse_filters, prune_command, FilterProblem, LabelFilter, PruneFilters,
};
use crate::problem::{Code, Problem};
use crate::topology::Topology;

fn ipnet() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        (any::<u32>(), 0u8..=32)
            .prop_filter_map("prefix", |(a, p)| Ipv4Net::new(Ipv4Addr::from(a), p).ok().map(IpNet::V4)),
        (any::<u128>(), 0u8..=128)
            .prop_filter_map("prefix", |(a, p)| Ipv6Net::new(Ipv6Addr::from(a), p).ok().map(IpNet::V6)),
    ]
}

/// The rule an accepted alias must follow: DNS labels of letters, digits, `-` and `_`.
fn is_dns_name(alias: &str) -> bool {
    alias.len() <= 255
        && alias.split('.').all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        })
}

fn connect_api_to_frontend(config: &EndpointConfig) -> Result<Operation, Vec<Refusal>> {
    plan_connect(&Topology::from_snapshot(&demo()), "c-api", "n-frontend", config)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn address_parsers_take_any_text_and_what_they_read_reads_back(s in text()) {
        let _ = (parse_ip(&s), parse_addr(&s));
        if let Some(net) = parse_net(&s) {
            prop_assert_eq!(parse_net(&net.to_string()), Some(net));
            prop_assert_eq!(truncated(net).is_none(), net.trunc() == net);
        }
    }

    #[test]
    fn every_cidr_reads_back_as_written_and_truncates_to_its_network(net in ipnet()) {
        prop_assert_eq!(parse_net(&net.to_string()), Some(net));
        match truncated(net) {
            Some(t) => prop_assert!(t != net && t.contains(&net.addr()) && t.prefix_len() == net.prefix_len()),
            None => prop_assert_eq!(net.addr(), net.network()),
        }
    }

    #[test]
    fn subnets_overlap_both_ways_exactly_when_they_share_an_address(a in ipnet(), b in ipnet()) {
        let (a, b) = (a.trunc(), b.trunc());
        prop_assert_eq!(overlaps(&a, &b), overlaps(&b, &a));
        let shared = a.contains(&b.network()) || b.contains(&a.network());
        prop_assert_eq!(overlaps(&a, &b), shared);
    }

    #[test]
    fn pools_read_any_ipam_text_and_reserve_each_subnets_network_address(
        configs in vec((proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(text())), 0..4),
        v6 in any::<bool>(),
    ) {
        let mut n = network("n-x", "x", "bridge", None);
        n.ipam = configs.into_iter().map(|(subnet, ip_range, gateway)| IpamConfig { subnet, ip_range, gateway }).collect();
        for pool in pools(&n, v6) {
            prop_assert_eq!(pool.reserved(pool.subnet.network()), Some(Reserved::NetworkAddress));
            prop_assert_eq!(matches!(pool.subnet, IpNet::V6(_)), v6);
        }
    }

    #[test]
    fn any_age_text_is_a_duration_or_a_refusal_saying_how_to_write_one(s in text()) {
        match parse_duration(&s) {
            Ok(d) => prop_assert!(d >= Duration::zero()),
            Err(p) => {
                prop_assert_eq!(p.code(), Code::BadUntil);
                prop_assert!(!p.hint().is_empty() && !p.fact().is_empty());
            }
        }
    }

    #[test]
    fn hours_minutes_and_seconds_add_up(h in 0i64..10_000_000, m in 0i64..1_000_000, s in 0i64..1_000_000) {
        prop_assert_eq!(parse_duration(&format!("{h}h{m}m{s}s")), Ok(Duration::seconds(h * 3600 + m * 60 + s)));
    }

    #[test]
    fn a_number_too_big_for_the_clock_is_refused_as_too_long(digits in "[1-9][0-9]{19,60}", unit in "[hms]") {
        let text = format!("{digits}{unit}");
        prop_assert_eq!(parse_duration(&text), Err(FilterProblem::UntilTooLong { text }));
    }

    #[test]
    fn an_age_filter_of_any_length_decides_at_any_moment_without_panicking(
        secs in any::<u64>(),
        created in prop_oneof![text(), Just("0001-01-01T00:00:00Z".to_string()), Just("+262142-12-31T23:59:59Z".to_string())],
        now in prop_oneof![Just(Utc::now()), Just(DateTime::<Utc>::MIN_UTC), Just(DateTime::<Utc>::MAX_UTC)],
    ) {
        let Ok(until) = parse_duration(&format!("{secs}s")) else { return Ok(()) };
        let mut n = network("n-x", "x", "bridge", None);
        n.created = Some(created);
        let filters = PruneFilters { until: Some(until), labels: vec![] };
        let _ = filters.old_enough(&n, now);
        if let Some(then) = n.created.as_deref().and_then(|c| DateTime::parse_from_rfc3339(c).ok()) {
            prop_assert!(!age_text(then.with_timezone(&Utc), now).is_empty());
        }
    }

    #[test]
    fn any_filter_lines_are_filters_that_read_back_or_refusals_with_a_hint(until in text(), labels in vec(text(), 0..4)) {
        match parse_filters(&until, &labels) {
            Ok(filters) => {
                for f in &filters.labels {
                    prop_assert_eq!(LabelFilter::parse(&f.filter_arg()), Some(f.clone()));
                }
                prop_assert!(prune_command(&filters).starts_with("docker network prune"));
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(matches!(p.code(), Code::BadUntil | Code::BadLabelFilter));
                    prop_assert!(!p.hint().is_empty());
                }
            }
        }
    }

    #[test]
    fn a_label_filter_reads_back_as_written(key in "[^=]{1,12}", value in proptest::option::of(text()), negate in any::<bool>()) {
        let f = LabelFilter { key, value, negate };
        prop_assert_eq!(LabelFilter::parse(&f.filter_arg()), Some(f));
    }

    #[test]
    fn any_aliases_and_addresses_are_planned_or_refused_with_a_hint_and_accepted_aliases_are_dns_names(
        aliases in vec(text(), 0..4),
        ipv4 in proptest::option::of(text()),
        ipv6 in proptest::option::of(text()),
        link_local in vec(text(), 0..2),
    ) {
        let config = EndpointConfig { aliases, ipv4, ipv6, link_local, ..EndpointConfig::default() };
        match connect_api_to_frontend(&config) {
            Ok(Operation::Connect { config, .. }) => {
                for a in &config.aliases {
                    prop_assert!(is_dns_name(a), "accepted alias {:?}", a);
                }
                if let Some(ip) = &config.ipv4 {
                    prop_assert!(ip.parse::<Ipv4Addr>().is_ok(), "accepted address {:?}", ip);
                }
            }
            Ok(other) => prop_assert!(false, "a connect planned as {:?}", other),
            Err(refusals) => {
                prop_assert!(!refusals.is_empty());
                for r in refusals {
                    prop_assert!(!r.hint().is_empty() && !r.fact().is_empty(), "{:?}", r);
                    prop_assert!(r.field().is_some(), "a form value's refusal sits next to its field: {:?}", r);
                }
            }
        }
    }

    #[test]
    fn dns_names_are_accepted_as_aliases(alias in "[a-z0-9][a-z0-9_-]{0,20}(\\.[a-z0-9][a-z0-9_-]{0,20}){0,4}") {
        let config = EndpointConfig { aliases: vec![alias], ..EndpointConfig::default() };
        prop_assert!(connect_api_to_frontend(&config).is_ok());
    }

    #[test]
    fn a_free_host_address_in_the_subnet_is_accepted(host in 11u8..=254) {
        let ip = IpAddr::V4(Ipv4Addr::new(10, 214, 40, host)).to_string();
        let config = EndpointConfig { ipv4: Some(ip), ..EndpointConfig::default() };
        prop_assert!(connect_api_to_frontend(&config).is_ok());
    }
}
