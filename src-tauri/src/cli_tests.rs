use super::*;

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn export_of(a: &[&str]) -> ExportArgs {
    match parse(&args(a)) {
        Ok(Command::Export(e)) => e,
        other => panic!("{a:?} parsed as {other:?}"),
    }
}

#[test]
fn parses_export_formats() {
    assert_eq!(parse(&args(&[])), Ok(Command::Window));
    assert_eq!(export_of(&["export"]), ExportArgs::default());
    assert_eq!(export_of(&["export", "--format", "dot"]).format, Format::Dot);
    assert_eq!(export_of(&["export", "--format=mermaid"]).format, Format::Mermaid);
    assert_eq!(export_of(&["export", "-f", "json"]).format, Format::Json);
}

#[test]
fn export_help_prints_the_usage_instead_of_an_error() {
    assert_eq!(parse(&args(&["export", "--help"])), Ok(Command::Help));
    assert_eq!(parse(&args(&["export", "--format", "dot", "-h"])), Ok(Command::Help));
}

#[test]
fn output_and_every_filter_flag_parse_into_the_window_filter() {
    let e = export_of(&[
        "export",
        "--output",
        "/tmp/t.dot",
        "--format=dot",
        "--hide-predefined",
        "--hide-stopped",
        "--only-used",
        "--driver",
        "bridge,macvlan",
        "--driver=overlay",
        "--project",
        "shop",
        "--project=blog, ci",
    ]);
    assert_eq!(e.output.as_deref(), Some(std::path::Path::new("/tmp/t.dot")));
    assert_eq!(e.format, Format::Dot);
    assert_eq!(
        e.filter,
        ViewFilter {
            hide_predefined: true,
            hide_stopped: true,
            drivers: vec!["bridge".into(), "macvlan".into(), "overlay".into()],
            projects: vec!["shop".into(), "blog".into(), "ci".into()],
            only_used: true,
        }
    );
    assert_eq!(export_of(&["export", "-o", "x.json"]).output.as_deref(), Some(std::path::Path::new("x.json")));
}

#[test]
fn bad_arguments_say_what_to_do() {
    assert!(parse(&args(&["export", "--format", "svg"])).unwrap_err().contains("json, dot or mermaid"));
    assert!(parse(&args(&["export", "--format"])).is_err());
    assert!(parse(&args(&["frobnicate"])).unwrap_err().contains("--help"));
    assert_eq!(parse(&args(&["export", "--output"])).unwrap_err(), "--output needs a file name");
    assert_eq!(parse(&args(&["export", "--output="])).unwrap_err(), "--output needs a file name");
    assert!(parse(&args(&["export", "--driver", "bridge,"])).unwrap_err().contains("--driver bridge"));
    assert!(parse(&args(&["export", "--hide-everything"])).unwrap_err().contains("netlens export --help"));
}

#[test]
fn the_usage_names_every_export_option() {
    for option in [
        "--format",
        "--output",
        "--hide-predefined",
        "--hide-stopped",
        "--driver",
        "--project",
        "--only-used",
        "Exit status",
    ] {
        assert!(USAGE.contains(option), "{option}");
    }
}

#[test]
fn the_command_line_shown_for_an_export_parses_back_to_the_same_export() {
    let plain = ["export", "--format", "dot"];
    let all = [
        "export",
        "--format",
        "mermaid",
        "--hide-predefined",
        "--hide-stopped",
        "--only-used",
        "--driver",
        "bridge,macvlan",
        "--project",
        "shop",
        "--output",
        "/tmp/net.mmd",
    ];
    for a in [&plain[..], &all[..]] {
        let wanted = export_of(a);
        let line = command_line(&wanted);
        // Every value here is one plain shell word: splitting on spaces is what the shell does.
        let words: Vec<&str> = line.split(' ').skip(1).collect();
        assert_eq!(export_of(&words), wanted, "{line}");
    }
    assert_eq!(command_line(&ExportArgs::default()), "netlens export --format json");
}

#[test]
fn a_value_with_spaces_or_quotes_is_one_word_for_the_shell() {
    let mut a = ExportArgs::default();
    a.filter.projects = vec!["my shop".into()];
    a.output = Some("/home/ada/it's here.json".into());
    assert_eq!(
        command_line(&a),
        "netlens export --format json --project 'my shop' --output '/home/ada/it'\\''s here.json'"
    );
}
