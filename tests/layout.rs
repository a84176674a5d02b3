//! Geometry of rendered slides, checked on the produced SVG through usvg: every text node stays
//! inside the canvas margins and no two text nodes overlap.

mod common;

use common::{TestSite, errors, post};
use resvg::usvg;

/// Text may reach into the margins by this much (font bounding boxes include line gap).
const SLACK: f32 = 24.0;

fn text_boxes(group: &usvg::Group, out: &mut Vec<(String, usvg::Rect)>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => text_boxes(g, out),
            usvg::Node::Text(t) => {
                let text: String = t.chunks().iter().map(|c| c.text().to_string()).collect();
                out.push((text, t.abs_stroke_bounding_box()));
            }
            _ => {}
        }
    }
}

fn check_slides(site: &TestSite, slug: &str) {
    let fonts = carousel::fonts::FontSet::builtin();
    let opt = carousel::render::options(&fonts);
    let svgs: Vec<String> = site
        .files(slug)
        .into_iter()
        .filter(|n| n.ends_with(".svg"))
        .collect();
    assert!(!svgs.is_empty(), "{slug}: no slides");
    for name in svgs {
        let svg = std::fs::read_to_string(site.out(&format!("{slug}/{name}"))).unwrap();
        let tree = usvg::Tree::from_str(&svg, &opt).unwrap();
        let (w, h) = (tree.size().width(), tree.size().height());
        let mut boxes = Vec::new();
        text_boxes(tree.root(), &mut boxes);
        for (text, b) in &boxes {
            assert!(
                b.left() >= 96.0 - SLACK
                    && b.right() <= w - 96.0 + SLACK
                    && b.top() >= 64.0 - SLACK
                    && b.bottom() <= h - 64.0 + SLACK,
                "{slug}/{name}: {text:?} at {b:?} leaves the safe area"
            );
        }
        for (i, (ta, a)) in boxes.iter().enumerate() {
            for (tb, b) in &boxes[i + 1..] {
                let overlap_x = a.right().min(b.right()) - a.left().max(b.left());
                let overlap_y = a.bottom().min(b.bottom()) - a.top().max(b.top());
                assert!(
                    overlap_x <= 1.0 || overlap_y <= 1.0,
                    "{slug}/{name}: {ta:?} overlaps {tb:?}"
                );
            }
        }
    }
}

#[test]
fn example_site_text_stays_inside_and_apart() {
    let site = TestSite::example();
    site.build();
    for slug in [
        "quantization-interview",
        "rust-error-handling",
        "deep-work-routine",
    ] {
        check_slides(&site, slug);
    }
}

#[test]
fn long_sections_continue_instead_of_overflowing() {
    let site = TestSite::empty();
    let paragraph = "Attention is a budget, and every notification you allow is a withdrawal you did not approve. ";
    let long: String = (0..12).map(|_| paragraph.repeat(3) + "\n\n").collect();
    let list: String = (0..30)
        .map(|i| {
            format!(
                "- item {i} with a few words to wrap {}\n",
                "word ".repeat(i % 9)
            )
        })
        .collect();
    let url = format!(
        "https://example.com/{}",
        "very-long-path-segment/".repeat(20)
    );
    site.write(
        "content/long.md",
        post(
            "Long",
            &format!("## Wall of text\n\n{long}\n## List\n\n{list}\n## URL\n\n{url}\n"),
        ),
    );
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out("long/manifest.json")).unwrap()).unwrap();
    let slides = manifest["slides"].as_array().unwrap();
    assert!(slides.len() >= 8, "{} slides", slides.len());
    let continued = slides.iter().filter(|s| s["continued"] == true).count();
    assert!(continued >= 4, "{continued} continuation slides");
    // No text is dropped: every list item appears in some slide's alt text.
    let alt: String = slides
        .iter()
        .map(|s| s["alt"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for i in 0..30 {
        assert!(alt.contains(&format!("item {i} ")), "item {i} missing");
    }
    check_slides(&site, "long");
}

#[test]
fn a_paragraph_too_long_for_one_slide_breaks_between_sentences() {
    let site = TestSite::empty();
    let sentences: String = (1..=30)
        .map(|i| {
            format!("Sentence number {i} adds a few more words to a paragraph that keeps growing. ")
        })
        .collect();
    site.write(
        "content/p.md",
        post("P", &format!("## Wall\n\n{sentences}\n")),
    );
    let report = site.build();
    assert!(errors(&report).is_empty(), "{:?}", report.diagnostics);
    let pages = &report.posts[0].pages;
    let wall: Vec<_> = pages
        .iter()
        .filter(|p| p.heading.starts_with("Wall"))
        .collect();
    assert!(wall.len() >= 2, "{} slides", wall.len());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.out("p/manifest.json")).unwrap()).unwrap();
    for slide in manifest["slides"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["heading"].as_str().unwrap().starts_with("Wall"))
    {
        let alt = slide["alt"].as_str().unwrap();
        assert!(
            alt.ends_with("growing."),
            "a slide ends mid-sentence: {alt:?}"
        );
    }
    check_slides(&site, "p");
}
