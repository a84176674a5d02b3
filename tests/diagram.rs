//! Mermaid diagrams: each kind is drawn (not left as code) in several formats and passes the
//! slide inspection, its labels are the slide's alt text, and a broken diagram is an error at
//! its line in the post.

mod common;

use common::{TestSite, post};

const KINDS: [(&str, &str); 4] = [
    (
        "flowchart TD\n    A[Write the post] --> B{Ready?}\n    B -->|yes| C[Publish]\n",
        "Publish",
    ),
    (
        "sequenceDiagram\n    Writer->>Carousel: save post.md\n    Carousel-->>Writer: slides\n",
        "save post.md",
    ),
    (
        "pie title Hours\n    \"Writing\" : 9\n    \"Design\" : 5\n",
        "Writing",
    ),
    (
        "xychart-beta\n    x-axis [Mon, Tue, Wed]\n    bar [3, 5, 2]\n",
        "Tue",
    ),
];

#[test]
fn every_kind_is_drawn_in_several_formats() {
    let body: String = KINDS
        .iter()
        .enumerate()
        .map(|(i, (source, _))| format!("## Diagram {i}\n\n```mermaid\n{source}```\n\n"))
        .collect();
    for format in ["linkedin", "square", "story"] {
        let site = TestSite::empty();
        site.write("carousel.toml", format!("format = \"{format}\"\n"))
            .write("content/d.md", post("Diagrams", &body));
        let report = site.build();
        assert_eq!(common::errors(&report), Vec::<String>::new(), "{format}");
        for (i, (_, label)) in KINDS.iter().enumerate() {
            let page = &report.posts[0].pages[i + 1];
            assert!(
                page.alt.contains(label),
                "{format} slide {}: {}",
                i + 2,
                page.alt
            );
            let svg = std::fs::read_to_string(site.out(&format!("d/{:02}.svg", i + 2))).unwrap();
            assert!(
                svg.contains("data:image/svg+xml;base64,"),
                "{format}: the diagram is drawn"
            );
            assert!(!svg.contains("mermaid\n"), "{format}: not shown as code");
        }
    }
}

#[test]
fn a_broken_diagram_is_an_error_at_its_line() {
    let site = TestSite::empty();
    site.write(
        "content/d.md",
        post(
            "Broken",
            "## Fine\n\nText.\n\n## Broken\n\n```mermaid\nflowchart LR\n  A --> B\n  B -->|unclosed C\n```\n",
        ),
    )
    .write("content/ok.md", post("Fine", "## Still builds\n\nText.\n"));
    let report = site.build();
    let errors = common::errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    // Front matter 3 lines, the fence on line 10, the broken line on 13.
    assert!(
        errors[0].contains("failed to draw the diagram") && errors[0].contains("d.md:13"),
        "{}",
        errors[0]
    );
    assert!(
        site.out("ok/01.png").exists(),
        "the other post still builds"
    );
}

/// The width and height of the first diagram image in an SVG.
fn diagram_box(svg: &str) -> (f32, f32) {
    let tag = svg
        .split("<image")
        .find(|t| t.contains("data:image/svg+xml;base64,"))
        .expect("a diagram");
    let attr = |name: &str| -> f32 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    (attr("width"), attr("height"))
}

#[test]
fn a_tall_flowchart_is_drawn_left_to_right_on_a_wide_slide() {
    let flow = "flowchart TD\n    A[Write the post] --> B{Has a diagram?}\n    B -->|yes| C[Draw it]\n    \
                B -->|no| D[Set the text]\n    C --> E[Export PNG and PDF]\n    D --> E\n";
    for (format, wide) in [("x", true), ("linkedin", false)] {
        let site = TestSite::empty();
        site.write("carousel.toml", format!("format = \"{format}\"\n"))
            .write(
                "content/d.md",
                post("Flow", &format!("## Flow\n\n```mermaid\n{flow}```\n")),
            );
        let report = site.build();
        assert_eq!(common::errors(&report), Vec::<String>::new(), "{format}");
        let svg = std::fs::read_to_string(site.out("d/02.svg")).unwrap();
        let (w, h) = diagram_box(&svg);
        assert_eq!(w > h, wide, "{format}: {w}x{h}");
        let small: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("small to read"))
            .collect();
        assert!(small.is_empty(), "{format}: {small:?}");
    }
}
