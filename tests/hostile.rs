//! A site of adversarial posts next to good ones: every bad post is one error at the right line,
//! every good post is complete, the process exits 1 without crashing, and (under `strace`)
//! nothing outside the site, its output and the font folders is opened.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, post};

/// A bad post: its file, its text, and the line and message of the error it must give.
struct Bad {
    file: &'static str,
    text: Vec<u8>,
    line: Option<usize>,
    message: &'static str,
}

fn bad(file: &'static str, text: impl Into<Vec<u8>>, line: usize, message: &'static str) -> Bad {
    Bad {
        file,
        text: text.into(),
        line: Some(line),
        message,
    }
}

/// A PNG of `width` x `height` whose pixel data is `rows` (already filtered rows).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, width, height);
    e.set_color(png::ColorType::Rgb);
    let mut w = e.write_header().unwrap();
    w.write_image_data(&vec![200; (width * height * 3) as usize])
        .unwrap();
    drop(w);
    out
}

/// A PNG header claiming 60000 x 60000 px (a decompression bomb's shape) with no real data.
fn bomb_header() -> Vec<u8> {
    let mut bytes = png(1, 1);
    // IHDR width and height, then a CRC nobody checks before the size limit does.
    bytes[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    bytes
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE svg [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&f;</text></svg>"#;

const EXTERNAL_SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="../../../../../../etc/hostname" width="10" height="10"/></svg>"#;

/// Every bad post of the site, with the images they use written besides.
#[allow(
    clippy::too_many_lines,
    reason = "a table with one row per hostile post, not logic"
)]
fn hostile_site(site: &TestSite) -> Vec<Bad> {
    site.write("content/img/ok.png", png(40, 30));
    site.write("content/img/corrupt.png", &png(40, 30)[..60]);
    site.write("content/img/text.jpg", "this is not a JPEG at all");
    site.write("content/img/bomb.png", bomb_header());
    site.write("content/img/laughs.svg", BILLION_LAUGHS);
    site.write("content/img/external.svg", EXTERNAL_SVG);
    let fm = |title: &str| format!("+++\ntitle = {title:?}\n+++\n\n");
    let image_post = |src: &str| format!("{}## Picture\n\n![x]({src})\n", fm("Image"));
    vec![
        bad(
            "content/unclosed.md",
            "+++\ntitle = \"x\"\n\n## A\n",
            1,
            "front matter",
        ),
        bad(
            "content/broken-toml.md",
            "+++\ntitle = \"x\n+++\n",
            2,
            "failed to parse front matter",
        ),
        bad(
            "content/wrong-type.md",
            "+++\ntitle = \"x\"\ntags = 5\n+++\n",
            3,
            "invalid type",
        ),
        bad("content/empty.md", "", 1, "front matter"),
        bad(
            "content/not-utf8.md",
            b"+++\ntitle = \"x\"\n+++\n\n## Hi\n\nbad \xff\xfe here\n".to_vec(),
            7,
            "UTF-8",
        ),
        bad(
            "content/traversal.md",
            image_post("../../../../etc/passwd"),
            7,
            "outside the site",
        ),
        bad(
            "content/absolute.md",
            image_post("/etc/hostname"),
            7,
            "absolute path",
        ),
        bad(
            "content/file-url.md",
            image_post("file:///etc/passwd"),
            7,
            "is a URL",
        ),
        bad(
            "content/symlink-image.md",
            image_post("img/link.png"),
            7,
            "through a symlink",
        ),
        bad(
            "content/corrupt.md",
            image_post("img/corrupt.png"),
            7,
            "failed to load image",
        ),
        bad(
            "content/mislabelled.md",
            image_post("img/text.jpg"),
            7,
            "not a PNG, JPEG",
        ),
        bad(
            "content/bomb.md",
            image_post("img/bomb.png"),
            7,
            "larger than the limit",
        ),
        bad(
            "content/laughs.md",
            image_post("img/laughs.svg"),
            7,
            "not a valid SVG",
        ),
        bad(
            "content/external-svg.md",
            image_post("img/external.svg"),
            7,
            "refused",
        ),
        bad(
            "content/deep.md",
            format!("{}{}x\n", fm("Deep"), "> ".repeat(100_000)),
            5,
            "nested more than 32",
        ),
        bad(
            "content/bullets.md",
            format!("{}{}x\n", fm("Deep"), "- ".repeat(50_000)),
            5,
            "nested more than 32",
        ),
        bad(
            "content/huge.md",
            format!(
                "{}{}",
                fm("Huge"),
                "## Section\n\nWords and more words.\n\n".repeat(40_000)
            ),
            119_839,
            "larger than 1024 KiB",
        ),
        bad(
            "content/many.md",
            format!("{}{}", fm("Many"), "## S\n\nx\n\n".repeat(400)),
            5 + 4 * 299,
            "more than 300 slides",
        ),
        bad(
            "content/theme.md",
            "+++\ntitle = \"x\"\ntheme = \"nope\"\n+++\n",
            3,
            "failed to find theme `nope`",
        ),
        bad(
            "content/twin.md",
            "+++\ntitle = \"x\"\nslug = \"good\"\n+++\n",
            3,
            "slug `good` is already used",
        ),
        Bad {
            file: "content/pipe.md",
            text: Vec::new(),
            line: None,
            message: "not a regular file",
        },
        Bad {
            file: "content/outside.md",
            text: Vec::new(),
            line: None,
            message: "leads outside the site folder",
        },
    ]
}

fn good_posts(site: &TestSite) -> Vec<(&'static str, &'static str)> {
    let injection = post(
        "</text><script>alert(1)</script>{{ config }}",
        "Intro <img src=x onerror=alert(1)> & {% raw %}\n\n## <svg onload=alert(1)> {{ post.title }}\n\n]]> <![CDATA[ & &amp; \"quotes\"\n",
    );
    site.write(
        "content/good.md",
        post(
            "Good",
            "Intro.\n\n## One\n\nSome text.\n\n## Two\n\nMore.\n",
        ),
    );
    site.write("content/injection.md", injection);
    site.write(
        "content/with image.md",
        post("Odd name", "## Pic\n\n![ok](img/ok.png)\n"),
    );
    site.write(
        "content/ünïcode-名前.md",
        post("Unicode name", "## Hi\n\nText.\n"),
    );
    site.write(
        "content/empties.md",
        post("Empty sections", "## Real\n\ntext\n\n##\n\n## \n"),
    );
    vec![
        ("good", "good.md"),
        ("injection", "injection.md"),
        ("with-image", "with image.md"),
        ("ünïcode-名前", "ünïcode-名前.md"),
        ("empties", "empties.md"),
    ]
}

#[cfg(unix)]
fn symlinks(site: &TestSite, outside: &Path) {
    use std::os::unix::fs::symlink;
    std::fs::write(outside.join("secret.md"), post("Secret", "## S\n\nx\n")).unwrap();
    std::fs::write(outside.join("secret.png"), png(4, 4)).unwrap();
    symlink(
        outside.join("secret.md"),
        site.root().join("content/outside.md"),
    )
    .unwrap();
    symlink(
        outside.join("secret.png"),
        site.root().join("content/img/link.png"),
    )
    .unwrap();
    // A folder that contains itself: walking must not loop.
    symlink(
        site.root().join("content"),
        site.root().join("content/loop"),
    )
    .unwrap();
    // A pipe named like a post: opening it would wait for a writer forever.
    let fifo = site.root().join("content/pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
}

fn write_bad(site: &TestSite, bad: &[Bad]) {
    for b in bad
        .iter()
        .filter(|b| !b.text.is_empty() || b.line.is_some())
    {
        site.write(b.file, &b.text);
    }
}

/// The whole adversarial site: bad posts, good posts and symlinks (one to `outside`).
struct Hostile {
    site: TestSite,
    bad: Vec<Bad>,
    good: Vec<(&'static str, &'static str)>,
    outside: tempfile::TempDir,
}

impl Hostile {
    fn new() -> Hostile {
        let site = TestSite::empty();
        let outside = tempfile::tempdir().unwrap();
        let bad = hostile_site(&site);
        write_bad(&site, &bad);
        let good = good_posts(&site);
        symlinks(&site, outside.path());
        Hostile {
            site,
            bad,
            good,
            outside,
        }
    }
}

#[test]
fn every_bad_post_is_one_located_error_and_every_good_post_builds() {
    let Hostile {
        site,
        bad,
        good,
        outside: _outside,
    } = Hostile::new();
    let report = site.build();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    for b in &bad {
        let found: Vec<_> = errors
            .iter()
            .filter(|d| {
                d.location
                    .as_ref()
                    .is_some_and(|l| l.path == Path::new(b.file))
            })
            .collect();
        assert_eq!(found.len(), 1, "{}: one error, got {found:#?}", b.file);
        let d = found[0];
        assert!(d.message.contains(b.message), "{}: {}", b.file, d.message);
        let line = d.location.as_ref().and_then(|l| l.line);
        if b.line.is_some() {
            assert_eq!(line, b.line, "{}: {}", b.file, d.message);
        }
    }
    assert_eq!(errors.len(), bad.len(), "no other errors: {errors:#?}");
    for (slug, file) in &good {
        let summary = report
            .posts
            .iter()
            .find(|p| p.slug == *slug)
            .unwrap_or_else(|| panic!("{file} built"));
        assert!(summary.ok, "{file}");
        let pngs = site.png_count(slug);
        assert_eq!(pngs, summary.slides, "{file}: every slide written");
        assert!(
            site.out(&format!("{slug}/{slug}.pdf")).is_file(),
            "{file}: PDF"
        );
    }
    let empties = report.posts.iter().find(|p| p.slug == "empties").unwrap();
    assert_eq!(empties.slides, 3, "cover, the real section, outro");
    let svg = std::fs::read_to_string(site.out("injection/02.svg")).unwrap();
    assert!(!svg.contains("<script"), "markup from a post is escaped");
    assert!(
        !svg.contains("<svg onload"),
        "markup from a post is escaped"
    );
    assert!(
        !site.root().join("output/.partial").exists(),
        "no staged files left"
    );
    for b in &bad {
        let slug = Path::new(b.file).file_stem().unwrap().to_str().unwrap();
        assert!(
            !site.out(slug).exists() || slug == "twin",
            "{slug}: no output"
        );
    }
}

#[test]
fn the_binary_exits_one_without_crashing() {
    let Hostile {
        site,
        bad,
        outside: _outside,
        ..
    } = Hostile::new();
    let out = Command::new(env!("CARGO_BIN_EXE_carousel"))
        .args(["build", "--no-system-fonts", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflow"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{} error(s)", bad.len())),
        "{stderr}"
    );
}

/// Folders a build may open besides the site: the dynamic loader's, the process's own
/// information (thread count, cgroup quota) and the system's font folders.
const ALLOWED_OUTSIDE: &[&str] = &[
    "/etc/ld.so.cache",
    "/lib/",
    "/lib64/",
    "/usr/lib/",
    "/proc/self/",
    "/proc/sys/vm/overcommit_memory",
    "/sys/fs/cgroup/",
    "/sys/devices/system/cpu/",
    "/usr/share/fonts/",
    "/usr/local/share/fonts/",
    "/etc/fonts/",
];

/// True when `strace` can run; without it the trace test is skipped locally and fails in CI
/// (`.ci/run` installs it).
fn have_strace() -> bool {
    let found = Command::new("strace").arg("-V").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("strace is required in CI (.ci/run installs it)");
    }
    found
}

/// The paths of every open, create, rename, unlink and mkdir the build made, from `strace`.
fn traced_paths(site: &TestSite) -> Vec<String> {
    let log = site.root().join("..").join(format!(
        "strace-{}.log",
        site.root().file_name().unwrap().to_string_lossy()
    ));
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e"])
        .arg("trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,symlink,link")
        .arg("-o")
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_carousel"))
        .args(["build", "--root"])
        // cargo's library path would send the loader looking through target/ first.
        .env_remove("LD_LIBRARY_PATH")
        .arg(site.root())
        .output()
        .expect("strace runs");
    assert_eq!(status.status.code(), Some(1), "the hostile site fails");
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_file(&log);
    let mut paths = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let Some(len) = rest[start + 1..].find('"') else {
                break;
            };
            paths.push(rest[start + 1..start + 1 + len].to_string());
            rest = &rest[start + len + 2..];
        }
    }
    paths
}

#[test]
fn nothing_outside_the_site_is_opened() {
    if !have_strace() {
        eprintln!("skipped: strace is not installed");
        return;
    }
    let Hostile { site, outside, .. } = Hostile::new();
    let paths = traced_paths(&site);
    let root = site.root().canonicalize().unwrap();
    let root = root.to_string_lossy();
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with(&*root) && p.ends_with(".png")),
        "the trace saw the build write slides: {paths:?}"
    );
    let outside_site: Vec<&String> = paths
        .iter()
        .filter(|p| !p.starts_with(&*root))
        .filter(|p| !ALLOWED_OUTSIDE.iter().any(|a| p.starts_with(a)))
        .collect();
    assert!(
        outside_site.is_empty(),
        "opened outside the site: {outside_site:?}"
    );
    let secret = outside.path().to_string_lossy();
    assert!(
        !paths
            .iter()
            .any(|p| p.contains(&*secret) || p.contains("/etc/passwd") || p.contains("hostname"))
    );
}

#[test]
fn a_post_that_fails_keeps_its_previous_complete_output_and_nothing_half_built() {
    let site = TestSite::empty();
    site.write("content/a.md", post("A", "## One\n\nx\n\n## Two\n\ny\n"));
    site.write("content/b.md", post("B", "## One\n\nx\n"));
    assert_eq!(site.build().errors(), 0);
    let before = std::fs::read(site.out("a/02.png")).unwrap();
    let files_before = site.files("a");
    // The cover's layout now fails at render time; content slides would still render.
    site.write(
        "layouts/cover.svg",
        "{% extends \"base.svg\" %}{% block content %}{{ missing.field }}{% endblock content %}",
    );
    site.write(
        "content/a.md",
        post("A", "## One\n\nchanged\n\n## Two\n\ny\n"),
    );
    let report = site.build();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        1,
        "one error for one broken layout: {errors:#?}"
    );
    let e = errors[0];
    assert!(
        e.location
            .as_ref()
            .unwrap()
            .path
            .ends_with("layouts/cover.svg"),
        "{e}"
    );
    let posts: Vec<_> = e.occurrences.iter().map(|o| o.post.clone()).collect();
    assert_eq!(
        posts,
        vec![Path::new("content/a.md"), Path::new("content/b.md")],
        "{e}"
    );
    assert!(
        e.hint
            .as_deref()
            .unwrap_or("")
            .contains("keeps its previous build"),
        "{e}"
    );
    assert_eq!(site.files("a"), files_before, "no file added or removed");
    assert_eq!(
        std::fs::read(site.out("a/02.png")).unwrap(),
        before,
        "old slide kept"
    );
    assert!(!site.root().join("output/.partial").exists());
    // A post that never built has no folder at all.
    site.write("content/c.md", post("C", "## One\n\nx\n"));
    site.build();
    assert!(!site.out("c").exists(), "no half-built post");
}

#[test]
fn drafts_and_removed_posts_leave_no_output_and_no_gallery_entry() {
    let site = TestSite::empty();
    site.write("content/a.md", post("Alpha post", "## One\n\nx\n"));
    site.write("content/b.md", post("Beta post", "## One\n\nx\n"));
    site.build();
    let gallery = || std::fs::read_to_string(site.out("index.html")).unwrap();
    assert!(gallery().contains("Beta post"));
    site.write(
        "content/b.md",
        "+++\ntitle = \"Beta post\"\ndraft = true\n+++\n## One\n\nx\n",
    );
    std::fs::remove_file(site.root().join("content/a.md")).unwrap();
    site.write("content/c.md", post("Gamma post", "## One\n\nx\n"));
    assert_eq!(site.build().errors(), 0);
    assert!(!site.out("a").exists() && !site.out("b").exists());
    assert!(!gallery().contains("Beta post") && !gallery().contains("Alpha post"));
    // A post that fails to load keeps its last good output.
    site.write("content/c.md", "+++\ntitle = \n+++\n");
    assert_eq!(site.build().errors(), 1);
    assert!(site.out("c/01.png").exists());
}

#[test]
fn a_long_post_numbers_its_files_so_they_sort() {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "[limits]\nmax_slides = 120\n[outro]\nenabled = false\n",
    );
    site.write(
        "content/long.md",
        post("Long", &"## S\n\nx\n\n".repeat(104)),
    );
    let report = site.build();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let pngs: Vec<String> = site
        .files("long")
        .into_iter()
        .filter(|f| f.ends_with(".png"))
        .collect();
    assert_eq!(pngs.len(), 105);
    assert_eq!(
        (pngs[0].as_str(), pngs[104].as_str()),
        ("001.png", "105.png")
    );
    assert_eq!(
        common::pdf_pages(&site.out("long/long.pdf")),
        105,
        "every page streamed"
    );
}

#[test]
fn a_failing_format_keeps_its_folder_while_the_others_update() {
    let site = TestSite::empty();
    let front = "+++\ntitle = \"Two\"\nformats = [\"linkedin\", \"square\"]\n+++\n";
    site.write("content/two.md", format!("{front}## One\n\nx\n"));
    assert_eq!(site.build().errors(), 0);
    let square_before = site.files("two/square");
    assert!(
        square_before.contains(&"01.png".to_string()),
        "{square_before:?}"
    );
    // The cover now fails in the square format only.
    site.write(
        "layouts/cover.svg",
        "{% extends \"base.svg\" %}{% block content %}{% if canvas.height == 1080 %}{{ missing.field }}{% endif %}{% endblock content %}",
    );
    site.write("content/two.md", format!("{front}## One\n\nchanged\n"));
    let report = site.build();
    assert_eq!(report.errors(), 1, "{:?}", report.diagnostics);
    assert_eq!(
        site.files("two/square"),
        square_before,
        "the failed format's folder is kept"
    );
    let svg = std::fs::read_to_string(site.out("two/linkedin/02.svg")).unwrap();
    assert!(svg.contains("changed"), "the other format was rebuilt");
}
