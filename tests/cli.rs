//! The `carousel` binary: exit codes, what it prints, `--help`.

mod common;

use std::process::Command;

use common::{TestSite, post};

fn carousel(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_carousel"))
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn help_lists_the_build_command_and_its_options() {
    let out = carousel(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("build"), "{text}");
    let out = carousel(&["build", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--root", "--drafts", "--format"] {
        assert!(text.contains(flag), "{flag} missing: {text}");
    }
}

#[test]
fn a_clean_build_exits_zero_and_prints_a_summary() {
    let site = TestSite::empty();
    site.write("content/a.md", post("A", "## B\n\nc\n"));
    let out = carousel(&["build", "--root", site.root().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("built 1 post(s), 3 slide(s)"), "{stderr}");
}

#[test]
fn a_failing_post_gives_a_located_error_and_a_non_zero_exit() {
    let site = TestSite::empty();
    site.write("content/good.md", post("Good", ""));
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\ncolour = \"red\"\n+++\n",
    );
    let out = carousel(&["build", "--root", site.root().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("failed to parse front matter: unknown field `colour`"),
        "{stderr}"
    );
    assert!(stderr.contains("content/bad.md:3:1"), "{stderr}");
    assert!(
        stderr.contains("colour = \"red\""),
        "the source line is shown: {stderr}"
    );
    assert!(site.out("good/01.png").exists());
}

#[test]
fn json_summary_lists_posts_files_and_diagnostics() {
    let site = TestSite::empty();
    site.write("content/a.md", post("A", ""));
    site.write("content/b.md", "+++\ntitle = 3\n+++\n");
    let out = carousel(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["ok"], false);
    let report = &json["report"];
    assert_eq!(report["posts"][0]["slug"], "a");
    assert_eq!(report["posts"][0]["slides"], 2);
    let diag = &report["diagnostics"][0];
    assert_eq!(diag["severity"], "error");
    assert_eq!(diag["location"]["path"], "content/b.md");
    assert_eq!(diag["location"]["line"], 2);
}

#[test]
fn a_bad_config_stops_the_build_with_its_line() {
    let site = TestSite::empty();
    site.write("carousel.toml", "formt = \"linkedin\"\n");
    let out = carousel(&["build", "--root", site.root().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("carousel.toml:1:1") && stderr.contains("unknown field `formt`"),
        "{stderr}"
    );
}

#[test]
fn check_reports_per_slide_and_writes_nothing() {
    let site = TestSite::empty();
    let long = "A sentence that takes some room on the slide. ".repeat(60);
    site.write("content/a.md", post("A", &format!("## Long\n\n{long}\n")));
    let root = site.root().to_str().unwrap();
    let out = carousel(&["check", "--root", root]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("content/a.md (a):"), "{stderr}");
    assert!(
        stderr.contains("(continued)\": continues the previous slide"),
        "{stderr}"
    );
    assert!(stderr.contains("0 overflow"), "{stderr}");
    assert!(!site.root().join("output").exists(), "check must not write");

    let out = carousel(&["check", "--root", root, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pages = json["report"]["posts"][0]["pages"].as_array().unwrap();
    assert!(pages.iter().any(|p| p["continued"] == true));
    assert!(
        pages
            .iter()
            .all(|p| p["findings"]["overflow"].as_array().unwrap().is_empty())
    );
}

#[test]
fn check_can_deny_warnings() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    // An empty site is a warning ("no posts found"), not an error.
    assert!(carousel(&["check", "--root", root]).status.success());
    let out = carousel(&["check", "--root", root, "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no posts found"));
}

#[test]
fn formats_and_themes_are_listed() {
    let out = carousel(&["formats"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["linkedin", "instagram", "square", "story", "x"] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} missing: {text}"
        );
    }
    assert!(text.contains("Instagram: max 20 slides"), "{text}");

    let site = TestSite::empty();
    site.write(
        "themes/mine/theme.toml",
        carousel::assets::builtin_theme("paper")
            .unwrap()
            .replace("name = \"paper\"", "name = \"mine\""),
    );
    let out = carousel(&["themes", "--root", site.root().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().filter(|l| l.contains("built-in")).count() >= 8,
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("mine") && l.contains("site")),
        "{text}"
    );
}
