//! Composition on real posts: the fixture corpus (`tests/fixtures/corpus`, 14 realistic creator
//! posts) and the example site, measured by `max_gap` (the tallest empty band between foreground
//! elements, as a share of the canvas height, read from the usvg tree of every slide).

mod common;

use std::path::Path;

use carousel::BuildReport;
use common::TestSite;

/// No slide may have an empty band taller than this share of the canvas.
const GAP_LIMIT: f32 = 0.35;
/// Most slides stay under this share...
const GAP_TARGET: f32 = 0.25;
/// ...this share of them, at least.
const GAP_TARGET_SHARE: f32 = 0.9;

/// Every slide's max_gap with where it is, for messages.
fn gaps(report: &BuildReport) -> Vec<(f32, String)> {
    report
        .posts
        .iter()
        .flat_map(|post| {
            post.pages.iter().map(move |page| {
                let at = format!("{} slide {} {:?}", post.slug, page.number, page.heading);
                (page.findings.max_gap, at)
            })
        })
        .collect()
}

#[test]
fn corpus_slides_are_balanced_in_every_main_format() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/content");
    let posts = std::fs::read_dir(corpus).unwrap().count();
    assert!(posts >= 12, "the corpus has {posts} posts");
    for format in ["linkedin", "square", "story", "x"] {
        let site = TestSite::fixture("corpus");
        let gaps = gaps(&site.check(format));
        assert!(gaps.len() > 100, "{format}: {} slides", gaps.len());
        let worst = gaps.iter().max_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
        assert!(
            worst.0 <= GAP_LIMIT,
            "{format}: {} has an empty band of {:.2} of the slide",
            worst.1,
            worst.0
        );
        let under = gaps.iter().filter(|g| g.0 <= GAP_TARGET).count();
        assert!(
            under as f32 >= GAP_TARGET_SHARE * gaps.len() as f32,
            "{format}: only {under} of {} slides have no band over {GAP_TARGET}",
            gaps.len()
        );
    }
}

#[test]
fn the_example_site_builds_in_every_format_and_custom_size() {
    let builtin = [
        "linkedin",
        "instagram",
        "instagram-3x4",
        "square",
        "story",
        "tiktok",
        "threads",
        "linkedin-square",
        "x-portrait",
        "x",
    ];
    let custom = ["320x320", "480x600", "1200x675", "720x1280", "4096x4096"];
    for format in builtin.iter().chain(&custom) {
        let site = TestSite::example();
        let report = site.check(format);
        assert!(report.slides > 80, "{format}: {} slides", report.slides);
    }
}

#[test]
fn a_short_slide_grows_and_a_long_one_does_not() {
    let site = TestSite::empty();
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n")
        .write(
            "content/a.md",
            "+++\ntitle = \"A\"\n+++\n\n## Short\n\nTwo sentences here. Nothing more.\n\n\
             And a second paragraph.\n\n## Long\n\n"
                .to_string()
                + &"A long paragraph of words that fills the slide. ".repeat(30)
                + "\n",
        );
    let report = site.build();
    let pages = &report.posts[0].pages;
    let scale = |heading: &str| pages.iter().find(|p| p.heading == heading).unwrap().scale;
    assert!(scale("Short") > 1.1, "short slide at {}", scale("Short"));
    assert!(scale("Long") <= 1.0, "long slide at {}", scale("Long"));
}

#[test]
fn table_cells_keep_their_words_whole() {
    let site = TestSite::empty();
    let table = "| Database | Type | Scaling | Consistency | Best for | Pricing |\n\
                 |---|---|---|---|---|---|\n\
                 | Postgres | Relational | Vertical + replicas | Strong | Almost everything | Free, managed from $15/mo |\n\
                 | DynamoDB | Key-value | Automatic | Eventually | Known access patterns | Per request |\n\
                 | Redis | In-memory | Cluster | Eventually | Caching, queues | Per GB of RAM |\n";
    site.write(
        "carousel.toml",
        "format = \"square\"\n[output]\npng = false\npdf = false\n",
    )
    .write(
        "content/a.md",
        format!("+++\ntitle = \"A\"\n+++\n\n## Six databases\n\n{table}\n## Links\n\n| Where | Link |\n|---|---|\n| Digest | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2f |\n"),
    );
    let report = site.build();
    let alt: String = report.posts[0]
        .pages
        .iter()
        .map(|p| p.alt.clone())
        .collect::<Vec<_>>()
        .join(" ");
    for word in [
        "Postgres",
        "Relational",
        "Consistency",
        "Eventually",
        "everything",
        "patterns",
    ] {
        assert!(alt.contains(word), "{word} broken or missing in: {alt}");
    }
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("wider than its column"))
            .count(),
        1,
        "only the digest is broken: {warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("content/a.md:13:")),
        "the warning names the slide's line: {warnings:#?}"
    );
}

#[test]
fn marked_text_is_drawn_over_a_highlighter_mark() {
    let site = TestSite::empty();
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n")
        .write(
            "content/a.md",
            "+++\ntitle = \"A\"\n+++\n\n## Marks\n\nSay ==the one thing== first. Then the rest, \
             which is `a == b` in code and x == y in prose.\n",
        );
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let svg = std::fs::read_to_string(site.root().join("output/a/02.svg")).unwrap();
    assert_eq!(
        svg.matches(r#"fill-opacity="0.3"#).count(),
        1,
        "one mark: {svg}"
    );
    assert!(
        svg.contains("the one thing") && !svg.contains("==the"),
        "{svg}"
    );
    assert!(
        svg.contains("a == b") && svg.contains("x == y"),
        "literal == stays"
    );
    // The mark takes the theme's accent, or its `mark` colour when it has one (citrus: white).
    let mark_fill = |svg: &str| {
        let at = svg.find(r#"fill-opacity="0.3"#).unwrap();
        let start = svg[..at].rfind("fill=\"#").unwrap() + 6;
        svg[start..start + 7].to_string()
    };
    assert_eq!(mark_fill(&svg), "#2563EB", "the default theme's accent");
    site.write(
        "carousel.toml",
        "theme = \"citrus\"\n[output]\npng = false\npdf = false\n",
    );
    site.build();
    let svg = std::fs::read_to_string(site.root().join("output/a/02.svg")).unwrap();
    assert_eq!(mark_fill(&svg), "#FFFFFF", "citrus's mark colour");
}

#[test]
fn check_lints_the_design_and_names_the_line() {
    let site = TestSite::empty();
    let long = "A long sentence that goes on for a while here. ".repeat(180);
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n")
        .write(
            "content/a.md",
            format!(
                "+++\ntitle = \"The title of a post\"\nformat = \"square\"\nformats = [\"linkedin\"]\n+++\n\n\
                 ## Quote me {{.qoute}}\n\n> Focus is a budget.\n\n## Long\n\n{long}\n"
            ),
        );
    let options = carousel::BuildOptions {
        write: false,
        ..site.options(false)
    };
    let report = carousel::build(&options).unwrap();
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let has = |text: &str, line: &str| {
        warnings
            .iter()
            .any(|w| w.contains(text) && w.contains(&format!("content/a.md:{line}")))
    };
    assert!(has("unknown heading class `qoute`", "7:"), "{warnings:#?}");
    assert!(has("did you mean `quote`?", "7:"), "{warnings:#?}");
    assert!(
        has("both `format = \"square\"` and `formats`", "3:"),
        "{warnings:#?}"
    );
    assert!(has("continues over", "11:"), "{warnings:#?}");
    // A build reports the classes and formats too, but not the slide lints.
    let built = site.build();
    let warnings: Vec<String> = built.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("`qoute`")),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("continues over")),
        "{warnings:#?}"
    );
}

#[test]
fn a_cover_too_long_for_its_format_shrinks_then_leaves_out_parts() {
    let title = "The complete field guide to shipping software people want to use, ".repeat(6);
    let site = TestSite::empty();
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n")
        .write(
            "content/a.md",
            format!(
                "+++\ntitle = \"{title}\"\nsubtitle = \"Twelve lessons from ten years of \
                 building products and teams\"\neyebrow = \"Field guide\"\nformat = \"x\"\n+++\n\n\
                 ## One\n\nBody.\n"
            ),
        );
    let report = site.build();
    let errors: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let post = &report.posts[0];
    // The cover, the section and the outro: no blank slide for the missing intro.
    assert_eq!(post.pages.len(), 3, "{errors:#?}");
    assert!(post.pages[0].heading.starts_with("The complete"));
    let warning = errors
        .iter()
        .find(|e| e.contains("cover: no room for its subtitle"))
        .unwrap_or_else(|| panic!("no cover warning in {errors:#?}"));
    assert!(warning.contains("in `x`; left out"), "{warning}");
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{errors:#?}"
    );
    // A title that fits after shrinking keeps every part, with no warning.
    site.write(
        "content/a.md",
        "+++\ntitle = \"A shorter title that still needs two lines in landscape\"\n\
         subtitle = \"Lessons\"\nformat = \"x\"\n+++\n\n## One\n\nBody.\n",
    );
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn continued_slides_repeat_their_heading_exactly() {
    let words = [
        "Long", "version", "of", "the", "story", "about", "habits", "that", "stick",
    ];
    let site = TestSite::empty();
    site.write("carousel.toml", "[output]\npng = false\npdf = false\n");
    let body = "A sentence that takes some room on the slide. ".repeat(40);
    let mut post = String::from("+++\ntitle = \"A\"\n+++\n\n");
    for n in 1..=words.len() {
        post += &format!("## {}\n\n{body}\n\n", words[..n].join(" "));
    }
    site.write("content/a.md", &post);
    let report = site.build();
    let pages = &report.posts[0].pages;
    let continued: Vec<_> = pages.iter().filter(|p| p.continued).collect();
    assert!(continued.len() >= words.len(), "every section continues");
    for page in continued {
        let base = pages
            .iter()
            .rev()
            .find(|q| !q.continued && q.number < page.number)
            .unwrap();
        // One label for every continued slide (drawn above the heading), never a mark in it.
        assert_eq!(page.heading, base.heading, "slide {}", page.number);
    }
}

#[test]
fn a_footnote_is_never_dropped_by_a_layout() {
    // A cover's intro, a card list, a quote and a stat, each citing a note: the note is on
    // the slide.
    let body = "An intro that cites a note[^4].\n\n## Three ways\n\n- Exact and fast\n- Fast, not exact\n- More on the wiki[^1]\n\n\
                ## Said\n\n> Ship it on Friday.[^2]\n>\n> — a brave engineer\n\n\
                ## 87%[^3]\n\nof readers stop at slide five.\n\n\
                [^1]: An old page, still right.\n[^2]: Not really.\n[^3]: Our own survey.\n[^4]: On the cover.\n";
    for format in ["linkedin", "x"] {
        let site = TestSite::empty();
        site.write("content/notes.md", common::post("Notes", body));
        let report = site.check(format);
        let alts: Vec<&str> = report.posts[0]
            .pages
            .iter()
            .map(|p| p.alt.as_str())
            .collect();
        assert!(alts[0].contains("On the cover."), "{format}: {:?}", alts[0]);
        for note in [
            "An old page, still right.",
            "Not really.",
            "Our own survey.",
        ] {
            assert!(
                alts.iter().any(|a| a.contains(note)),
                "{format}: {note} in {alts:#?}"
            );
        }
    }
}
