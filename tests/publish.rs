//! What a published carousel carries: the PDF's document properties, outline and tags (read
//! back with poppler's `pdfinfo` and `qpdf`, which `.ci/run` installs), the ZIP of the slides,
//! and the manifest the gallery shows.

mod common;

use std::process::Command;

use common::TestSite;

/// A post with a caption, tags and a date, by a named brand, one section continued.
fn site() -> TestSite {
    let site = TestSite::empty();
    let long = "A sentence that runs on to fill the slide with words. ".repeat(40);
    site.write("carousel.toml", "[brand]\nname = \"Ada Writer\"\n")
        .write(
            "content/p.md",
            format!(
                "+++\ntitle = \"Publishing well\"\ncaption = \"Paste me into LinkedIn\"\n\
                 tags = [\"pdf\", \"a11y\"]\ndate = 2026-11-20\n+++\n\nA hook.\n\n\
                 ## First point\n\nShort text.\n\n## Long point\n\n{long}\n"
            ),
        );
    site
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (.ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The titles of the PDF's outline entries.
fn outline(pdf: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&tool("qpdf", &["--json", "--json-key=outlines", pdf])).unwrap();
    json["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_pdf_says_what_it_is_outlines_its_sections_and_tags_each_slide() {
    let site = site();
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    let pdf = site.out("p/p.pdf");
    let pdf = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[pdf]);
    // (property, value)
    let expected = [
        ("Title", "Publishing well"),
        ("Author", "Ada Writer"),
        ("Subject", "Paste me into LinkedIn"),
        ("Keywords", "pdf, a11y"),
        ("CreationDate", "Fri Nov 20"),
        ("Tagged", "yes"),
    ];
    for (key, value) in expected {
        let line = info.lines().find(|l| l.starts_with(&format!("{key}:")));
        assert!(line.is_some_and(|l| l.contains(value)), "{key}: {info}");
    }
    tool("qpdf", &["--check", pdf]);
    let outline = outline(pdf);
    let pages = &report.posts[0].pages;
    let sections: Vec<&str> = pages
        .iter()
        .filter(|p| !p.continued)
        .map(|p| {
            if p.number == 1 {
                "Publishing well"
            } else {
                p.heading.as_str()
            }
        })
        .collect();
    assert!(
        pages.iter().any(|p| p.continued),
        "the long section continues"
    );
    assert_eq!(
        outline, sections,
        "one entry per section, continuations left out"
    );
    let qdf = site.root().join("p.qdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf,
            qdf.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    assert_eq!(
        text.matches("/S /Figure").count(),
        pages.len(),
        "a figure per slide"
    );
    assert!(
        text.contains("/Alt (First point Short text.)"),
        "alt text is the slide's text"
    );
}

#[test]
fn the_slides_are_zipped_in_order_and_the_same_build_gives_the_same_bytes() {
    let site = site();
    site.build();
    let bytes = std::fs::read(site.out("p/p.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let slides = site.build().posts[0].slides;
    let expected: Vec<String> = (1..=slides).map(|n| format!("{n:02}.png")).collect();
    assert_eq!(names, expected);
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut first).unwrap();
    assert_eq!(first, std::fs::read(site.out("p/01.png")).unwrap());
    let pdf = std::fs::read(site.out("p/p.pdf")).unwrap();
    let forced = carousel::build(&carousel::BuildOptions {
        force: true,
        ..site.options(false)
    })
    .unwrap();
    assert_eq!(forced.unchanged, 0);
    assert_eq!(
        std::fs::read(site.out("p/p.zip")).unwrap(),
        bytes,
        "same ZIP"
    );
    assert_eq!(std::fs::read(site.out("p/p.pdf")).unwrap(), pdf, "same PDF");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out("p/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["zip"], "p.zip");
    assert_eq!(manifest["platform"], "LinkedIn");
    assert_eq!(manifest["caption"], "Paste me into LinkedIn");
    assert_eq!(manifest["draft"], false);
}
