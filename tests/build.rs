//! Fixture sites built into temp folders: what lands in `output/`, and what errors say.

mod common;

use std::path::Path;

use common::{TestSite, errors, pdf_pages, png_size, post};
use resvg::usvg;

#[test]
fn basic_site_writes_pngs_svgs_pdf_and_manifest() {
    let site = TestSite::fixture("basic");
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);

    // cover + 3 sections + outro
    assert_eq!(site.png_count("three-sections"), 5);
    let files = site.files("three-sections");
    for n in 1..=5 {
        assert!(files.contains(&format!("{n:02}.png")), "{files:?}");
        assert!(files.contains(&format!("{n:02}.svg")), "{files:?}");
        assert_eq!(
            png_size(&site.out(&format!("three-sections/{n:02}.png"))),
            (1080, 1350)
        );
    }
    assert_eq!(pdf_pages(&site.out("three-sections/three-sections.pdf")), 5);

    // cover + one section, outro turned off in front matter
    assert_eq!(site.png_count("yaml-post"), 2);
    assert_eq!(pdf_pages(&site.out("yaml-post/yaml-post.pdf")), 2);

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out("three-sections/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["title"], "Three sections and an outro");
    assert_eq!(manifest["source"], "content/three-sections.md");
    assert_eq!(manifest["caption"], "A short hook on the cover.");
    let slides = manifest["slides"].as_array().unwrap();
    assert_eq!(slides.len(), 5);
    assert_eq!(slides[1]["heading"], "First section");
    assert!(
        slides[1]["alt"]
            .as_str()
            .unwrap()
            .contains("A paragraph with bold, italic, code")
    );
    assert_eq!(slides[4]["kind"], "outro");
}

#[test]
fn every_svg_is_well_formed_and_parses() {
    let site = TestSite::fixture("basic");
    site.build();
    for slug in ["three-sections", "yaml-post"] {
        for name in site.files(slug).iter().filter(|n| n.ends_with(".svg")) {
            let text = std::fs::read_to_string(site.out(&format!("{slug}/{name}"))).unwrap();
            usvg::roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{slug}/{name}: {e}"));
        }
    }
}

#[test]
fn hostile_titles_render_literally() {
    let site = TestSite::empty();
    let title = r#"<script>alert(1)</script> & "quotes" ]]> {{ x }} {% raw %}"#;
    site.write(
        "content/evil.md",
        format!(
            "+++\ntitle = '''{title}'''\n+++\n\n## A {{{{ y }}}} <b>\n\nBody {{% if %}} text.\n"
        ),
    );
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);
    let svg = std::fs::read_to_string(site.out("evil/01.svg")).unwrap();
    let doc = usvg::roxmltree::Document::parse(&svg).expect("well-formed");
    // Lines may wrap anywhere, so compare without white space.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let text = squash(
        &doc.descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap())
            .collect::<String>(),
    );
    assert!(!svg.contains("<script>"));
    // Straight quotes are set curly, as in the body; nothing else changes.
    let shown = title.replace("\"quotes\"", "“quotes”");
    assert!(text.contains(&squash(&shown)), "{shown:?} not in {text:?}");
    let slide2 = std::fs::read_to_string(site.out("evil/02.svg")).unwrap();
    let doc = usvg::roxmltree::Document::parse(&slide2).unwrap();
    let text: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect();
    assert!(
        text.contains("{{ y }}") && text.contains("{% if %}") && text.contains("<b>"),
        "{text}"
    );
}

#[test]
fn a_broken_post_is_reported_and_the_others_still_build() {
    let site = TestSite::fixture("broken");
    let report = site.build();
    let errs = errors(&report);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("content/bad-front-matter.md:3:9")
                && e.contains("failed to parse front matter")),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("content/missing-image.md:9:1") && e.contains("does-not-exist.png")),
        "{errs:#?}"
    );
    assert_eq!(site.png_count("good"), 3);
    assert!(!site.out("bad-front-matter").exists());
    assert!(!site.out("missing-image").exists());
}

#[test]
fn images_outside_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#,
    )
    .unwrap();
    let abs = outside.path().join("secret.svg");
    let cases = [
        (
            "../../../../../../etc/hostname".to_string(),
            "outside the site",
        ),
        (abs.display().to_string(), "absolute path"),
        (format!("file://{}", abs.display()), "URL"),
    ];
    for (href, needle) in cases {
        let site = TestSite::empty();
        site.write(
            "content/p.md",
            post("P", &format!("## Img\n\n![x]({href})\n")),
        );
        let report = site.build();
        let errs = errors(&report);
        assert_eq!(errs.len(), 1, "{href}: {errs:?}");
        assert!(
            errs[0].contains("content/p.md:6:1") && errs[0].contains(needle),
            "{href}: {errs:?}"
        );
    }
}

#[test]
fn images_next_to_the_post_are_embedded() {
    let site = TestSite::empty();
    site.write("content/pic/diagram.svg", r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#0f0"/></svg>"##);
    site.write(
        "content/pic/index.md",
        post("Pic", "## Diagram\n\n![a green box](diagram.svg)\n"),
    );
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);
    let svg = std::fs::read_to_string(site.out("pic/02.svg")).unwrap();
    assert!(svg.contains("href=\"data:image/svg+xml;base64,"));
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = TestSite::empty();
    site.write(
        "content/wip.md",
        "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
    );
    site.build();
    assert!(!site.out("wip").exists());
    site.build_with(true);
    assert!(site.out("wip/01.png").exists());
}

#[test]
fn two_posts_with_one_slug_is_an_error_naming_both() {
    let site = TestSite::empty();
    site.write("content/a.md", "+++\ntitle = \"A\"\nslug = \"same\"\n+++\n");
    site.write("content/b.md", "+++\ntitle = \"B\"\nslug = \"same\"\n+++\n");
    let errs = errors(&site.build());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("content/a.md") && errs[0].contains("content/b.md"),
        "{errs:?}"
    );
}

#[test]
fn hostile_slugs_stay_inside_output() {
    let site = TestSite::empty();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\nslug = \"../../escape\"\n+++\n",
    );
    site.build();
    assert!(site.out("escape/01.png").exists());
    assert!(!site.root().join("../escape").exists());
}

#[test]
fn removed_slides_and_posts_lose_their_files() {
    let site = TestSite::empty();
    site.write(
        "content/p.md",
        post("P", "## One\n\na\n\n## Two\n\nb\n\n## Three\n\nc\n"),
    );
    site.write("content/q.md", post("Q", ""));
    site.build();
    assert_eq!(site.png_count("p"), 5);
    site.write("content/p.md", post("P", "## One\n\na\n"));
    std::fs::remove_file(site.root().join("content/q.md")).unwrap();
    site.write("output/p/notes.txt", "mine");
    site.build();
    assert_eq!(
        site.files("p"),
        vec![
            "01.png",
            "01.svg",
            "02.png",
            "02.svg",
            "03.png",
            "03.svg",
            "manifest.json",
            "notes.txt",
            "p.pdf",
            "p.zip"
        ]
    );
    assert!(!site.out("q").exists());
}

#[test]
fn bom_crlf_and_invalid_utf8() {
    let site = TestSite::empty();
    site.write(
        "content/win.md",
        "\u{feff}+++\r\ntitle = \"Windows\"\r\n+++\r\n\r\n## Section\r\n\r\nText.\r\n",
    );
    site.write(
        "content/latin1.md",
        b"+++\ntitle = \"caf\xe9\"\n+++\n".as_slice(),
    );
    let report = site.build();
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("content/latin1.md:2") && errs[0].contains("not valid UTF-8"),
        "{errs:?}"
    );
    assert_eq!(site.png_count("win"), 3);
}

#[test]
fn a_site_with_only_content_builds_with_defaults() {
    let site = TestSite::empty();
    site.write("content/hello.md", post("Hello", "Just a cover.\n"));
    let report = site.build();
    assert!(errors(&report).is_empty());
    assert_eq!(site.png_count("hello"), 2);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = TestSite::fixture("basic");
    let b = TestSite::fixture("basic");
    a.build();
    b.build();
    for name in a.files("three-sections") {
        let x = std::fs::read(a.out(&format!("three-sections/{name}"))).unwrap();
        let y = std::fs::read(b.out(&format!("three-sections/{name}"))).unwrap();
        if name == "manifest.json" {
            continue;
        }
        assert!(x == y, "{name} differs");
    }
}

#[test]
fn bad_config_is_an_error_with_file_and_line() {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "theme = \"paper\"\n[brand]\nnmae = \"x\"\n",
    );
    site.write("content/a.md", post("A", ""));
    let err = carousel::build(&site.options(false)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("carousel.toml:3:1") && text.contains("unknown field `nmae`"),
        "{text}"
    );
}

#[test]
fn layout_errors_name_the_template_file_and_line() {
    let site = TestSite::empty();
    site.write("content/a.md", post("A", "## B\n\nc\n"));
    site.write("layouts/content.svg", "{% extends \"base.svg\" %}\n{% block decoration %}\n{{ nope.missing }}\n{% endblock decoration %}\n");
    let errs = errors(&site.build());
    assert!(!errs.is_empty());
    assert!(
        errs.iter().all(|e| e.contains("layouts/content.svg:3")),
        "{errs:#?}"
    );
    assert!(
        !site.out("a/a.pdf").exists(),
        "a post with a failed slide gets no PDF"
    );
}

#[test]
fn unknown_theme_and_format_are_errors_for_that_post() {
    let site = TestSite::empty();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ntheme = \"nope\"\n+++\n",
    );
    site.write(
        "content/b.md",
        "+++\ntitle = \"B\"\nformat = \"poster\"\n+++\n",
    );
    site.write(
        "content/c.md",
        "+++\ntitle = \"C\"\nformat = \"square\"\n+++\n",
    );
    let report = site.build();
    let errs = errors(&report);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("content/a.md") && e.contains("theme `nope`"))
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("content/b.md:3") && e.contains("format `poster`"))
    );
    assert_eq!(png_size(&site.out("c/01.png")), (1080, 1080));
}

#[test]
fn site_themes_override_builtins() {
    let site = TestSite::empty();
    let theme = carousel::assets::builtin_theme("paper")
        .unwrap()
        .replace("#FFFFFF\"\nsurface", "#FFEEDD\"\nsurface");
    assert!(theme.contains("#FFEEDD"));
    site.write("themes/paper/theme.toml", theme);
    site.write("content/a.md", post("A", ""));
    site.build();
    let svg = std::fs::read_to_string(site.out("a/01.svg")).unwrap();
    assert!(svg.contains("fill=\"#FFEEDD\""), "site theme not used");
}

#[test]
fn example_site_builds_cleanly() {
    let site = TestSite::example();
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:#?}", report.diagnostics);
    // The only warning: the 36-lesson long read breaks Instagram's 20-slide rule.
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("content/long-read/index.md")
            && warnings[0].contains("Instagram allows at most 20"),
        "{warnings:?}"
    );
    let flagship = "quantization-interview";
    let slides = site.png_count(flagship);
    assert!((9..=14).contains(&slides), "{slides}");
    assert_eq!(
        pdf_pages(&site.out(&format!("{flagship}/{flagship}.pdf"))),
        slides
    );
    assert!(Path::new(&site.out("rust-error-handling/01.png")).exists());
    // The 36-section long read: cover, 36 lessons, outro.
    assert_eq!(site.png_count("long-read"), 38);
    assert_eq!(png_size(&site.out("long-read/01.png")), (1080, 1080));
    // Japanese and Arabic come from the site's fonts/ folder.
    assert!(site.out("multilingual/multilingual.pdf").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_post_leading_outside_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), post("Secret", "")).unwrap();
    let site = TestSite::empty();
    site.write("content/ok.md", post("Ok", ""));
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("content/link.md"),
    )
    .unwrap();
    let errs = errors(&site.build());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("content/link.md") && errs[0].contains("outside the site"),
        "{errs:?}"
    );
    assert!(!site.out("link").exists() && !site.out("secret").exists());
    assert!(site.out("ok/01.png").exists());
}

#[test]
fn an_svg_that_fails_to_parse_is_kept_for_inspection() {
    let site = TestSite::empty();
    site.write("content/a.md", post("A", "## B\n\nc\n"));
    site.write("layouts/content.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<rect width=\"10\"\n</svg>\n");
    let errs = errors(&site.build());
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].contains("failed to parse the SVG made by layout `content.svg`"),
        "{errs:?}"
    );
    assert!(errs[0].contains("output/.debug/a-02.svg"), "{errs:?}");
    let kept = std::fs::read_to_string(site.out(".debug/a-02.svg")).unwrap();
    assert!(kept.contains("<rect width=\"10\"\n</svg>"));
    assert!(!site.out("a/02.png").exists());
}

#[test]
fn a_slide_that_is_one_quote_gets_the_quote_layout() {
    let site = TestSite::empty();
    site.write("content/q.md", post("Q", "## Words\n\n> Focus is a budget.\n>\n> — Cal Newport\n\n## Mixed\n\n> A quote.\n\nAnd a paragraph.\n"));
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);
    let quote = std::fs::read_to_string(site.out("q/02.svg")).unwrap();
    let mixed = std::fs::read_to_string(site.out("q/03.svg")).unwrap();
    assert!(quote.contains("M0 96 C0 40"), "the quotation mark is drawn");
    assert!(quote.contains("— Cal Newport") && quote.contains("font-style=\"italic\""));
    assert!(
        !mixed.contains("M0 96 C0 40"),
        "a quote with other content keeps the content layout"
    );
}
