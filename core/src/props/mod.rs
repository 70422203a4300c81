//! Property tests: the parsers and planners fed arbitrary text and arbitrary engine snapshots never panic,
//! and every refusal they give says what to do.
//!
//! Owns only the generators and the properties; the rules are the modules' own. A short run by default
//! (64 cases a property, so `make test` stays fast); `PROPTEST_CASES=5000 cargo test -p netlens-core props`
//! searches longer.

mod parsers;
mod spec;
mod topology;

use proptest::prelude::*;
use proptest::test_runner::Config;

/// 64 cases a property unless `PROPTEST_CASES` asks for more.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    Config::with_cases(cases)
}

/// Any text at all, mixed with text that nearly parses (addresses, CIDRs, durations, names), so the
/// properties reach past the first check of each parser, and the odd oversized paste.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<String>(),
        1 => Just(String::new()),
        2 => "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(/[0-9]{1,3})?",
        2 => "[0-9a-fA-F:]{0,12}(/[0-9]{1,3})?",
        1 => "[0-9]{0,25}[hms]{0,2}([0-9]{0,4}[hms])?",
        2 => "[ -~]{0,12}",
        1 => "[a-z0-9._ -]{0,8}[\\x00-\\x1f\\x7f]?[a-z0-9.=]{0,4}",
        1 => (1usize..3).prop_map(|k| "x".repeat(k * 3000)),
    ]
    .boxed()
}
