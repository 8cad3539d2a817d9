//! The commands as scripts and CI meet them: usage errors exit 64 and help
//! lists every command, no built file carries the preview's live-reload
//! script, and the CI recipe in `examples/ci/` parses and runs only
//! commands that exist, fetch first and build only on a new release.

// The recipe runs `fetch`, and the script looked for is `serve`'s.
#![cfg(all(feature = "serve", feature = "fetch"))]
// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{build, built_fixture, flowsite, read_tree, repo_root, stderr};
use std::fs;
use yaml_rust2::{Yaml, YamlLoader};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The commands `flowsite --help` lists.
fn commands() -> Vec<String> {
    let help = flowsite(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    stdout(&help)
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn usage_errors_exit_64_and_help_exits_0() {
    for args in [
        &["bogus"][..],
        &["check", "--out", "x"],
        &["build", "--nope"],
        &["serve", "--port", "x"],
    ] {
        let output = flowsite(args);
        assert_eq!(output.status.code(), Some(64), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).starts_with("error: "), "{args:?}: {}", stderr(&output));
    }
    let help = flowsite(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        stdout(&help).contains("64 a usage error"),
        "the exit codes are in --help"
    );
    assert_eq!(commands(), ["build", "check", "serve", "init", "fetch", "help"]);
    let version = flowsite(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("flowsite "));
}

#[test]
fn built_sites_never_contain_the_live_reload_script() {
    let mut sites = vec![];
    for name in [
        "valid/small-utf8",
        "valid/vintages",
        "valid/tidy",
        "valid/synthetic-briefs",
    ] {
        sites.push((name.to_string(), built_fixture(name)));
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let starter = repo_root().join("src/cmd/init/starter");
    let output = build(&starter, &temp.path().join("site-out"));
    assert!(output.status.success(), "{}", stderr(&output));
    sites.push(("starter".to_string(), read_tree(&temp.path().join("site-out"))));
    let script_line = flowsite::serve::SCRIPT.lines().nth(5).expect("a line of the script");
    for (name, site) in sites {
        assert!(site.len() > 10, "{name}: a whole site");
        for (path, bytes) in site {
            let text = String::from_utf8_lossy(&bytes);
            for trace in ["__flowsite", "EventSource", flowsite::serve::OVERLAY_ID, script_line] {
                assert!(!text.contains(trace), "{name}: {path} contains «{trace}»");
            }
        }
    }
}

/// Every `flowsite ...` command a shell line runs, as its words.
fn flowsite_commands(script: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in script.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("flowsite ") {
            let before = rest[..at].trim_end();
            let starts_command = before.is_empty()
                || before.ends_with('|')
                || before.ends_with("&&")
                || before.ends_with("||")
                || before.ends_with("$(");
            let words: Vec<String> = rest[at..]
                .split(['|', ';', ')'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            if starts_command {
                found.push(words);
            }
            rest = &rest[at + "flowsite ".len()..];
        }
    }
    found
}

#[test]
fn the_ci_recipe_parses_and_runs_only_commands_that_exist() {
    let text = fs::read_to_string(repo_root().join("examples/ci/publish-weekly.yml")).expect("the recipe");
    let docs = YamlLoader::load_from_str(&text).expect("valid YAML");
    let workflow = &docs[0];
    // Every Thursday.
    let cron = workflow["on"]["schedule"][0]["cron"].as_str().expect("a schedule");
    assert_eq!(cron.split_whitespace().nth(4), Some("4"), "{cron}");

    let steps = workflow["jobs"]["publish"]["steps"].as_vec().expect("steps");
    let known = commands();
    let mut ran = Vec::new();
    for step in steps {
        let Some(script) = step["run"].as_str() else { continue };
        for words in flowsite_commands(script) {
            let command = words.get(1).cloned().unwrap_or_default();
            assert!(
                known.contains(&command),
                "the recipe runs `{}`, not a flowsite command",
                words.join(" ")
            );
            let mut help = words.clone();
            help.remove(0);
            help.push("--help".to_string());
            let args: Vec<&str> = help.iter().map(String::as_str).collect();
            let output = flowsite(&args);
            assert_eq!(
                output.status.code(),
                Some(0),
                "`{}` has options flowsite does not know",
                words.join(" ")
            );
            ran.push((command, step["if"].as_str().unwrap_or("").to_string()));
        }
    }
    assert_eq!(
        ran.iter().map(|(command, _)| command.as_str()).collect::<Vec<_>>(),
        ["fetch", "build"]
    );
    assert!(ran[0].1.is_empty(), "fetch runs every time");
    assert!(
        ran[1].1.contains("steps.fetch.outputs.new-release == 'true'"),
        "build only on a new release"
    );

    let uses: Vec<&str> = steps.iter().filter_map(|step| step["uses"].as_str()).collect();
    assert!(
        uses.iter()
            .any(|action| action.starts_with("actions/upload-pages-artifact@")),
        "{uses:?}"
    );
    assert!(
        uses.iter().any(|action| action.starts_with("actions/deploy-pages@")),
        "{uses:?}"
    );
    let upload = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|a| a.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("upload");
    assert_eq!(upload["with"]["path"], Yaml::String("site-out".to_string()));
    let deploy = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|a| a.starts_with("actions/deploy-pages@"))
        })
        .expect("deploy");
    assert!(
        deploy["if"].as_str().unwrap_or("").contains("new-release"),
        "deploy only on a new release"
    );
    // The README's CI section shows the same commands.
    let readme = fs::read_to_string(repo_root().join("README.md")).expect("README");
    assert!(readme.contains("examples/ci/publish-weekly.yml"));
}
