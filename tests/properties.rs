//! Property tests: random posts must always render inside the safe area, without overlaps or
//! missing glyphs, and without losing words. Checked on the produced SVGs through usvg (the
//! build inspects every rendered tree), in check mode so nothing is rasterised.

mod common;

use common::TestSite;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z]{1,12}",
        1 => "[a-z]{25,70}",
        1 => prop::sample::select(vec!["👍🏽", "🇯🇵", "👨‍👩‍👧", "✅", "1️⃣", "❤️", "—", "“quoted”", "v1.2", "10 %"]).prop_map(str::to_string),
        1 => "[a-z]{2,8}".prop_map(|w| format!("**{w}**")),
        1 => "[a-z]{2,8}".prop_map(|w| format!("`{w}`")),
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..30).prop_map(|w| w.join(" ") + ".")
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(sentence(), 1..6).prop_map(|s| s.join(" ")),
        2 => prop::collection::vec(sentence(), 1..9).prop_map(|items| items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")),
        1 => prop::collection::vec(sentence(), 1..4).prop_map(|items| items.iter().enumerate().map(|(n, i)| format!("{}. {i}\n   - nested {i}", n + 1)).collect::<Vec<_>>().join("\n")),
        1 => sentence().prop_map(|s| format!("> {s}")),
        1 => prop::collection::vec("[a-z_(){};= ]{0,90}", 1..12).prop_map(|lines| format!("```\n{}\n```", lines.join("\n"))),
    ]
}

fn section() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..12),
        prop::collection::vec(block(), 0..5),
    )
        .prop_map(|(title, blocks)| format!("## {}\n\n{}", title.join(" "), blocks.join("\n\n")))
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_posts_fit_and_keep_every_word(title in prop::collection::vec(word(), 1..14), sections in prop::collection::vec(section(), 1..5)) {
        let site = TestSite::empty();
        let body = sections.join("\n\n");
        let title = title.join(" ").replace('\\', "\\\\").replace('"', "\\\"");
        site.write("content/p.md", format!("+++\ntitle = \"{title}\"\n+++\n\n{body}\n"));
        let check = || -> Result<(), TestCaseError> {
            let mut options = site.options(false);
            options.write = false;
            let report = carousel::build(&options).unwrap();
            prop_assert!(report.errors() == 0, "{:#?}", report.diagnostics);
            let post = &report.posts[0];
            for page in &post.pages {
                prop_assert!(page.findings.is_clean(), "slide {}: {:?}", page.number, page.findings);
                prop_assert!(page.scale >= 0.7);
            }
            // Every word of the body appears on some slide.
            // Compare letters only: forced breaks may split a long word across lines.
            // A continuation slide repeats its heading; drop it before joining slides.
            let shown: String = post
                .pages
                .iter()
                .flat_map(|p| {
                    let text = if p.continued { p.alt.strip_prefix(p.heading.as_str()).unwrap_or(&p.alt) } else { &p.alt };
                    text.chars().collect::<Vec<_>>()
                })
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            for w in words_of(&body) {
                prop_assert!(shown.contains(&w), "word {w:?} was dropped");
            }
            Ok(())
        };
        let outcome = check();
        if outcome.is_err() {
            let kept = std::env::temp_dir().join("carousel-property-failure.md");
            let _ = std::fs::write(&kept, std::fs::read(site.root().join("content/p.md")).unwrap_or_default());
            eprintln!("failing post kept at {}", kept.display());
        }
        outcome?;
    }
}
