//! A config file that is wrong or missing: problems named by line, defaults used, and the
//! browser's notice.

use config_cli::{apidex, config_file, get, stderr, stdout};

use std::path::Path;

use apidex::config::{self, Config};

use crate::support::config_cli;

#[test]
fn a_syntax_error_names_the_line_and_the_defaults_are_used() {
    let file = config_file(
        "syntax",
        "[http]\nconcurrency = 3\ntimeout = = 5\n[ttl]\ndefault = 1\n",
    );
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success(), "the command goes on");
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{} line 3:", file.display())),
        "{err}"
    );
    assert!(err.contains("using the defaults"), "{err}");
    let shown: toml::Table = toml::from_str(&stdout(&output)).unwrap();
    assert_eq!(get(&shown, "http", "concurrency").as_integer(), Some(8));
    assert_eq!(get(&shown, "ttl", "default").as_float(), Some(24.0));
}

#[test]
fn a_wrong_type_or_range_names_the_line() {
    for (text, line, what) in [
        (
            "# apidex\n[http]\nconcurrency = \"many\"\n",
            3,
            "invalid type",
        ),
        ("[http]\nretries = 99\n", 2, "retries must be 0 to 10"),
        ("[sources]\n\npokeapi_url = \"ftp://x\"\n", 3, "ftp"),
        ("[htp]\nconcurrency = 2\n", 1, "unknown field"),
    ] {
        let loaded = config::parse(text, Path::new("/etc/apidex.toml"));
        assert_eq!(loaded.config, Config::default(), "{text}");
        assert_eq!(loaded.problems.len(), 1, "{text}");
        let problem = &loaded.problems[0];
        assert!(
            problem.starts_with(&format!("/etc/apidex.toml line {line}: ")),
            "{problem}"
        );
        assert!(problem.contains(what), "{problem}");
        assert!(!problem.contains('\n'), "{problem}");
    }
}

#[test]
fn a_missing_file_is_no_config_and_no_problem() {
    let loaded = config::load(Some(Path::new("/nonexistent/apidex/config.toml")));
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn the_browser_notice_names_the_file_briefly() {
    let problems = vec![
        "/home/me/.config/apidex/config.toml line 3: oops".to_owned(),
        "/home/me/.config/apidex/config.toml line 9: again".to_owned(),
    ];
    let notice = config::notice(
        &problems,
        Some(Path::new("/home/me/.config/apidex/config.toml")),
    );
    assert_eq!(
        notice.as_deref(),
        Some("config.toml line 3: oops (and 1 more)")
    );
    assert_eq!(config::notice(&[], None), None);
}
