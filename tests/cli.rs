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
    assert!(text.contains("Examples:"), "{text}");
    for command in [
        "build", "check", "watch", "init", "new", "formats", "themes",
    ] {
        let out = carousel(&[command, "--help"]);
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("Example"),
            "`{command} --help` shows an example: {help}"
        );
    }
    let out = carousel(&["build", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--root",
        "--drafts",
        "--message-format",
        "--color",
        "--theme",
        "--canvas",
        "--output",
        "[POST]...",
    ] {
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
    let root = site.root().to_str().unwrap();
    let out = carousel(&["build", "--root", root, "--message-format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["ok"], false);
    let report = &json["report"];
    assert_eq!(report["posts"][0]["slug"], "a");
    assert_eq!(report["posts"][0]["slides"], 2);
    assert!(report["elapsed_ms"].is_u64(), "{report}");
    let diag = &json["diagnostics"][0];
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
        stderr.contains("slide  3 \"Long\": continues the previous slide"),
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

/// Runs `carousel` with `envs` set.
fn carousel_env(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_carousel"))
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .envs(envs.iter().copied())
        .output()
        .expect("binary runs")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_outcome_prints_one_json_shape() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write("content/a.md", post("A", ""));
    let built = carousel(&["build", "--root", root, "--message-format", "json"]);
    site.write("carousel.toml", "formt = 1\n");
    let failed = carousel(&["build", "--root", root, "--message-format", "json"]);
    // (output, ok, report present)
    for (out, ok, report) in [(built, true, true), (failed, false, false)] {
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["diagnostics", "ok", "report"], "{json}");
        assert_eq!(json["ok"], ok);
        assert_eq!(json["report"].is_object(), report, "{json}");
        assert_eq!(json["diagnostics"].as_array().unwrap().is_empty(), ok);
    }
}

#[test]
fn format_is_the_old_spelling_of_message_format_and_never_a_canvas() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write("content/a.md", post("A", ""));
    let out = carousel(&["build", "--root", root, "--format", "json"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("use `--message-format json`"),
        "{}",
        stderr(&out)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("still JSON");
    let out = carousel(&["build", "--root", root, "--format", "instagram"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("use `--canvas instagram`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn drafts_are_skipped_with_a_note_and_built_on_request() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write(
        "content/d.md",
        "+++\ntitle = \"D\"\ndraft = true\n+++\n## One\n\nText.\n",
    );
    let out = carousel(&["build", "--root", root]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("skipped 1 draft(s): build them with --drafts"),
        "{}",
        stderr(&out)
    );
    assert!(!site.out("d/01.png").exists());
    assert!(
        carousel(&["build", "--root", root, "--drafts"])
            .status
            .success()
    );
    assert!(site.out("d/01.png").exists());
}

#[test]
fn posts_theme_canvas_and_output_are_chosen_on_the_command_line() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write("content/a.md", post("A", "## One\n\nText.\n"));
    site.write("content/b.md", post("B", "## One\n\nText.\n"));
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("public");
    let args = [
        "build",
        "--root",
        root,
        "b",
        "--canvas",
        "Square,story",
        "--theme",
        "midnight",
    ];
    let out = carousel(&[&args[..], &["--output", out_dir.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(out_dir.join("b/square/manifest.json")).unwrap();
    assert!(manifest.contains("\"theme\": \"midnight\""), "{manifest}");
    assert_eq!(
        common::png_size(&out_dir.join("b/story/01.png")),
        (1080, 1920)
    );
    assert!(!out_dir.join("a").exists(), "only the named post");
    assert!(
        !site.root().join("output").exists(),
        "nothing in the site's output/"
    );
    let out = carousel(&["build", "--root", root, "c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("failed to find post `c`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn colour_follows_the_flag_and_the_conventions() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write("content/a.md", "+++\ntitle = 3\n+++\n");
    let escapes = |out: &std::process::Output| stderr(out).contains("\u{1b}[");
    // (flag, environment, coloured): stderr is a pipe here, so `auto` is off unless forced.
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: [(&str, Env, bool); 5] = [
        ("always", &[], true),
        ("never", &[("CLICOLOR_FORCE", "1")], false),
        ("auto", &[], false),
        ("auto", &[("CLICOLOR_FORCE", "1")], true),
        ("always", &[("NO_COLOR", "1"), ("TERM", "dumb")], true),
    ];
    for (flag, envs, coloured) in cases {
        let out = carousel_env(&["build", "--root", root, "--color", flag], envs);
        assert_eq!(escapes(&out), coloured, "--color {flag} {envs:?}");
    }
}

#[test]
fn wrong_folders_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap();
    let nope = dir.path().join("nope");
    let nope = nope.to_str().unwrap();
    // (command, what stderr says)
    let cases: [(&[&str], &str); 5] = [
        (&["build", "--root", empty], "carousel init"),
        (&["watch", "--root", nope], "no such folder"),
        (&["themes", "--root", nope], "no such folder"),
        (&["new", "Title", "--root", nope], "not a carousel site"),
        (&["check", "--root", empty], "not a carousel site"),
    ];
    for (args, says) in cases {
        let out = carousel(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("watching"), "{args:?}");
    }
    assert!(!dir.path().join("output").exists() && !dir.path().join("nope").exists());
    assert!(carousel(&["init", empty]).status.success());
    let again = carousel(&["init", empty]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already holds one"),
        "{}",
        stderr(&again)
    );
    assert!(carousel(&["init", empty, "--force"]).status.success());
}

#[test]
fn a_post_without_front_matter_takes_its_title_from_its_heading() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write(
        "content/plain.md",
        "# Plain Markdown\n\nA hook.\n\n## One\n\nText.\n",
    );
    site.write("content/none.md", "Just text.\n");
    let out = carousel(&["build", "--root", root, "plain", "none"]);
    assert_eq!(out.status.code(), Some(1));
    let manifest = std::fs::read_to_string(site.out("plain/manifest.json")).unwrap();
    assert!(
        manifest.contains("\"title\": \"Plain Markdown\""),
        "{manifest}"
    );
    assert!(
        stderr(&out).contains("or with a `# Title` line"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn mistyped_names_get_a_suggestion() {
    let site = TestSite::empty();
    let root = site.root().to_str().unwrap();
    site.write("content/a.md", post("A", ""));
    // (carousel.toml, what stderr says)
    let cases = [
        ("formt = \"linkedin\"\n", "did you mean `format`?"),
        ("theme = \"Midnigt\"\n", "did you mean `midnight`?"),
        ("format = \"linkdin\"\n", "did you mean `linkedin`?"),
    ];
    for (config, says) in cases {
        site.write("carousel.toml", config);
        let out = carousel(&["build", "--root", root]);
        assert_eq!(out.status.code(), Some(1), "{config}");
        assert!(stderr(&out).contains(says), "{config}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("carousel.toml:1"),
            "{config}: {}",
            stderr(&out)
        );
    }
    site.write("carousel.toml", "format = \"LinkedIn\"\n");
    assert!(
        carousel(&["build", "--root", root]).status.success(),
        "names ignore case"
    );
}
