//! The build cache: a build after a change reuses exactly the slides the change leaves alone,
//! and its output equals a cold build of the same site byte for byte; a damaged record or a
//! tampered output file never leads to a wrong output.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use carousel::BuildReport;
use common::TestSite;

/// A small site: two posts in different themes, a brand avatar, a site theme and a font folder.
fn site() -> TestSite {
    let site = TestSite::fixture("basic");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write(
        "brand/avatar.svg",
        std::fs::read(repo.join("brand/avatar.svg")).unwrap(),
    )
    .write(
        "carousel.toml",
        "format = \"square\"\ntheme = \"paper\"\n[brand]\nname = \"Test Author\"\n\
         avatar = \"brand/avatar.svg\"\n",
    )
    .write(
        "themes/mine/theme.toml",
        std::fs::read_to_string(repo.join("themes/midnight/theme.toml"))
            .unwrap()
            .replacen("name = \"midnight\"", "name = \"mine\"", 1),
    )
    .write(
        "content/pictured.md",
        "+++\ntitle = \"Pictured\"\n+++\n\n## Words {.nonsense}\n\nNo picture here.\n\n\
         ## Picture\n\n![A square](pictures/outer.svg)\n",
    )
    .write(
        "content/pictures/outer.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\">\
         <image href=\"inner.svg\" width=\"40\" height=\"40\"/></svg>",
    )
    .write("content/pictures/inner.svg", square("#00A"))
    .write(
        "content/themed.md",
        "+++\ntitle = \"Themed\"\ntheme = \"mine\"\n+++\n\n## One\n\nA first section.\n\n\
         ## Two\n\nA second section.\n",
    );
    site
}

/// An SVG square of one colour.
fn square(color: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">\
         <rect width=\"8\" height=\"8\" fill=\"{color}\"/></svg>"
    )
}

/// Every file under `output/`, by path, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds a copy of `site`'s inputs from scratch, ignoring any cache, and returns its output.
fn cold(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let copy = TestSite::empty();
    for entry in walkdir::WalkDir::new(site.root()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site.root()).unwrap();
        if rel.starts_with("output") || !entry.file_type().is_file() {
            continue;
        }
        copy.write(
            &rel.display().to_string(),
            std::fs::read(entry.path()).unwrap(),
        );
    }
    let report = carousel::build(&carousel::BuildOptions {
        force: true,
        ..copy.options(false)
    })
    .unwrap();
    assert_eq!(report.unchanged, 0, "a cold build reuses nothing");
    files(copy.root())
}

fn no_errors(report: &BuildReport) {
    let errors = common::errors(report);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn a_second_build_reuses_every_slide() {
    let site = site();
    let first = site.build();
    no_errors(&first);
    assert_eq!(first.unchanged, 0);
    let before = files(site.root());
    assert!(before.contains_key("output/.carousel-cache"));
    let second = site.build();
    assert_eq!(second.unchanged, second.slides, "every slide reused");
    assert_eq!(second.rendered, 0);
    assert_eq!(second.timings.template_ms, 0.0, "no post composed again");
    assert_eq!(second.posts.len(), first.posts.len());
    assert!(
        first
            .diagnostics
            .iter()
            .any(|d| d.message.contains("nonsense")),
        "a warning from composing to replay: {:?}",
        first.diagnostics
    );
    assert_eq!(
        format!("{:?}", (&second.posts, &second.diagnostics)),
        format!("{:?}", (&first.posts, &first.diagnostics)),
        "the same summaries and warnings as the build that rendered"
    );
    assert_eq!(files(site.root()), before, "nothing changed");
    assert_eq!(before, cold(&site), "cached output equals a cold build");
}

/// A change to a site, and how many slides it must render again (exactly, or at least one).
type Change<'a> = (&'a str, Box<dyn Fn(&TestSite) + 'a>, Option<usize>);

/// One change of each kind of input: a post, a theme, a font, an image, the config.
fn changes<'a>(font: &'a [u8], themed: &'a str, total: usize) -> Vec<Change<'a>> {
    let theme = "themes/mine/theme.toml";
    vec![
        (
            "one section of one post",
            Box::new(move |s| {
                let rel = "content/themed.md";
                let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
                s.write(
                    rel,
                    text.replace("A second section.", "A second, edited section."),
                );
            }),
            Some(1),
        ),
        (
            "a theme colour",
            Box::new(move |s| {
                s.write(theme, common::red_accent(themed));
            }),
            None,
        ),
        (
            "a font file",
            Box::new(move |s| {
                s.write("fonts/extra.ttf", font);
            }),
            Some(total),
        ),
        (
            "a brand image",
            Box::new(move |s| {
                s.write("brand/avatar.svg", square("#0A0"));
            }),
            None,
        ),
        (
            "a file a post's SVG image refers to",
            Box::new(move |s| {
                s.write("content/pictures/inner.svg", square("#A00"));
            }),
            Some(1),
        ),
        (
            "the config",
            Box::new(move |s| {
                let rel = "carousel.toml";
                let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
                s.write(rel, text.replace("Test Author", "Another Author"));
            }),
            None,
        ),
    ]
}

#[test]
fn each_change_rebuilds_what_it_must() {
    let site = site();
    no_errors(&site.build());
    let total = site.build().slides;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let font = std::fs::read(repo.join("fonts/NotoSansHebrew-Regular.ttf")).unwrap();
    let themed = std::fs::read_to_string(site.root().join("themes/mine/theme.toml")).unwrap();
    for (what, change, expected) in changes(&font, &themed, total) {
        change(&site);
        let report = site.build();
        no_errors(&report);
        let rendered = report.slides - report.unchanged;
        match expected {
            Some(n) => assert_eq!(rendered, n, "{what}: {rendered} slide(s) rendered"),
            None => assert!(rendered > 0, "{what}: nothing rendered"),
        }
        assert_eq!(
            files(site.root()),
            cold(&site),
            "{what}: differs from a cold build"
        );
        let again = site.build();
        assert_eq!(again.unchanged, again.slides, "{what}: not reused after");
    }
}

#[test]
fn a_damaged_record_or_file_is_never_trusted() {
    let site = site();
    no_errors(&site.build());
    let good = files(site.root());
    let record = site.root().join("output/.carousel-cache");
    let text = std::fs::read(&record).unwrap();
    // (damage, slides reused after it)
    let cases: [(&str, &[u8]); 3] = [
        ("truncated", &text[..text.len() / 2]),
        ("garbage", b"\x00\xff not json"),
        ("empty", b""),
    ];
    for (what, bytes) in cases {
        std::fs::write(&record, bytes).unwrap();
        let report = site.build();
        assert_eq!(report.unchanged, 0, "{what}: reused from a damaged record");
        assert_eq!(files(site.root()), good, "{what}");
    }
    // An output file changed by hand is rendered again and restored.
    let png = site.root().join("output/themed/01.png");
    std::fs::write(&png, b"not a png").unwrap();
    let report = site.build();
    assert_eq!(
        report.slides - report.unchanged,
        1,
        "only the tampered slide"
    );
    assert_eq!(files(site.root()), good);
    // --force reuses nothing and writes the same files.
    let report = carousel::build(&carousel::BuildOptions {
        force: true,
        ..site.options(false)
    })
    .unwrap();
    assert_eq!(report.unchanged, 0);
    assert_eq!(files(site.root()), good);
}
