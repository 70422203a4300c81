//! Reading the prune dialog's filters as the docker CLI reads `--filter until=…` and `--filter label=…`.
//!
//! Owns the parsing and every reason to refuse a filter (`FilterProblem`, next to its field). Pure: the
//! preview that applies the filters lives in `prune`.

use chrono::Duration;

use super::prune::{LabelFilter, PruneFilters};
use crate::problem::{Code, Field, Problem};

/// Why a filter cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterProblem {
    BadUntil {
        text: String,
    },
    /// A well-formed duration longer than any clock can go back.
    UntilTooLong {
        text: String,
    },
    BadLabelFilter {
        text: String,
    },
}

impl Problem for FilterProblem {
    fn code(&self) -> Code {
        match self {
            Self::BadUntil { .. } | Self::UntilTooLong { .. } => Code::BadUntil,
            Self::BadLabelFilter { .. } => Code::BadLabelFilter,
        }
    }

    fn field(&self) -> Option<Field> {
        match self {
            Self::BadUntil { .. } | Self::UntilTooLong { .. } => Some(Field::Until),
            Self::BadLabelFilter { .. } => Some(Field::Labels),
        }
    }

    fn fact(&self) -> String {
        match self {
            Self::BadUntil { text } => format!("`{text}` is not a duration"),
            Self::UntilTooLong { text } => format!("`{text}` is longer than any network can have existed"),
            Self::BadLabelFilter { text } => format!("`{text}` is not a label filter"),
        }
    }

    fn hint(&self) -> String {
        match self {
            Self::BadUntil { .. } => "Write a number with h, m or s, e.g. 24h, 90m or 3600s.".into(),
            Self::UntilTooLong { .. } => "Use a shorter age, e.g. 8760h for a year.".into(),
            Self::BadLabelFilter { .. } => {
                "Write key, key=value, or label!=key to keep networks with that label.".into()
            }
        }
    }
}

/// The dialog's `until` text and label lines as filters; every problem at once, each next to its field.
pub fn parse_filters<S: AsRef<str>>(until: &str, labels: &[S]) -> Result<PruneFilters, Vec<FilterProblem>> {
    let mut problems = Vec::new();
    let until = match until.trim() {
        "" => None,
        text => match parse_duration(text) {
            Ok(d) => Some(d),
            Err(p) => {
                problems.push(p);
                None
            }
        },
    };
    let mut parsed = Vec::new();
    for raw in labels.iter().map(|l| l.as_ref().trim()).filter(|l| !l.is_empty()) {
        let written = if raw.starts_with("label=") || raw.starts_with("label!=") {
            raw.to_string()
        } else {
            format!("label={raw}")
        };
        match LabelFilter::parse(&written) {
            Some(f) => parsed.push(f),
            None => problems.push(FilterProblem::BadLabelFilter { text: raw.into() }),
        }
    }
    if problems.is_empty() {
        Ok(PruneFilters { until, labels: parsed })
    } else {
        Err(problems)
    }
}

/// A Go duration of whole units as the CLI's `until` takes it: `24h`, `1h30m`, `90m`, `45s`. Checked all
/// the way: a number too big for the clock is refused, never wrapped or panicked on.
pub fn parse_duration(text: &str) -> Result<Duration, FilterProblem> {
    let bad = || FilterProblem::BadUntil { text: text.into() };
    let too_long = || FilterProblem::UntilTooLong { text: text.into() };
    let mut total = 0i64;
    let mut number = String::new();
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        if number.is_empty() {
            return Err(bad());
        }
        let n: i64 = number.parse().map_err(|_| too_long())?;
        total = n.checked_mul(unit).and_then(|s| total.checked_add(s)).ok_or_else(too_long)?;
        number.clear();
        any = true;
    }
    if !any || !number.is_empty() {
        return Err(bad());
    }
    Duration::try_seconds(total).ok_or_else(too_long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_the_cli_reads_them() {
        assert_eq!(parse_duration("24h"), Ok(Duration::hours(24)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::minutes(90)));
        assert_eq!(parse_duration("45s"), Ok(Duration::seconds(45)));
    }

    #[test]
    fn malformed_durations_are_refused_next_to_the_until_field() {
        for text in ["", "h", "10", "10x", "1.5h", "-3h", "h10"] {
            let p = parse_duration(text).unwrap_err();
            assert_eq!(p.code(), Code::BadUntil, "{text}");
            assert_eq!(p.field(), Some(Field::Until), "{text}");
        }
    }

    #[test]
    fn a_huge_duration_is_refused_not_panicked_on() {
        for text in ["99999999999999999999h", "9223372036854775807h", "2562047788015216h", "9223372036854775807s"] {
            assert_eq!(parse_duration(text), Err(FilterProblem::UntilTooLong { text: text.into() }), "{text}");
        }
    }

    #[test]
    fn every_bad_filter_is_reported_at_once() {
        let problems = parse_filters("soon", &["=x", "env=prod"]).unwrap_err();
        assert_eq!(problems.iter().map(|p| p.code()).collect::<Vec<_>>(), [Code::BadUntil, Code::BadLabelFilter]);
    }

    #[test]
    fn bare_keys_become_label_filters() {
        let f = parse_filters("", &["env=prod", "label!=keep"]).unwrap();
        assert_eq!(f.until, None);
        assert_eq!(f.labels.len(), 2);
        assert!(f.labels[1].negate);
    }
}
