//! Right-to-left posts: every line of an Arabic or Hebrew paragraph, as usvg lays out the written
//! SVG, shows its words in the visual order the Unicode Bidirectional Algorithm (`unicode-bidi`)
//! gives for that line, right-to-left paragraphs end at the right edge of the content box, and the
//! PDF's text reads in logical order.

mod common;

use std::path::Path;

use common::TestSite;
use resvg::usvg;
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// A right-to-left post: paragraphs with Latin words, digits and punctuation inside, a numbered
/// list, a quote, a stat and a Hebrew slide.
const POST: &str = "+++
title = \"التكميم بدون مفاجآت\"
outro = false
+++

## ٢. اعرف الـ baseline قبل أي شيء

قبل أن تبدأ التكميم، قِس أداء النموذج الأصلي على بياناتك. بدون خط أساس لن تعرف ماذا خسرت، \
ولن تعرف إن كان GPTQ أو AWQ أفضل لنموذجك (٤ بت أو 8 بت).

التكميم ليس وجبة مجانية، and English terms like **AWQ** or **GPTQ** stay left-to-right inside \
Arabic text.

## خطوات التكميم في مراحل واضحة ومجربة

1. قِس الحيرة (perplexity) على بيانات حقيقية من عملائك، وليس على بيانات عامة.
2. جرّب GPTQ أو AWQ بدقة 4 بت، ثم قارن النتائج مع النموذج الأصلي سؤالًا بسؤال.
3. احتفظ بالطبقات الحساسة بدقة 16 بت إذا ارتفعت الحيرة بأكثر من 5٪.
4. وثّق كل تجربة: النموذج، الطريقة، البيانات، والنتيجة.

## ما يقوله المهندسون

> التكميم ليس ضغطًا مجانيًا؛ إنه مقايضة يجب أن تقيسها بنفسك.
>
> — مهندسة تعلّم آلي

## ٣٨٪

من أخطاء النماذج المكمّمة تأتي من القيم الشاذة (outliers) في طبقات قليلة.

## مقارنة الطرق

| الطريقة | الدقة | الحيرة |
|---|---|---:|
| النموذج الأصلي | 16 بت | 5.12 |
| GPTQ | 4 بت | 5.31 |

## עברית: מימין לשמאל

קוונטיזציה אינה ארוחת חינם. מדדו את ה-perplexity לפני ואחרי, ושמרו על השכבות הרגישות ב-16 ביט.
";

/// A site with the Arabic and Hebrew fonts of the example site and `post` as its only post.
fn rtl_site(post: &str, config: &str) -> TestSite {
    let site = TestSite::empty();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for name in [
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
    ] {
        site.write(
            &format!("fonts/{name}"),
            std::fs::read(fonts.join(name)).unwrap(),
        );
    }
    site.write("carousel.toml", config)
        .write("content/rtl.md", post);
    site
}

/// True for characters of right-to-left scripts.
fn is_rtl_char(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Characters that draw nothing: the marks the SVG wraps right-to-left runs in.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}')
}

/// A line's words as multisets of characters (sorted), in order: reversed right-to-left words
/// and their logical forms compare equal, while the order of the words is kept.
fn words(visual: impl Iterator<Item = String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = Vec::new();
    for piece in visual {
        if !piece.is_empty() && piece.chars().all(char::is_whitespace) {
            if !word.is_empty() {
                word.sort_unstable();
                out.push(word.drain(..).collect());
            }
            continue;
        }
        word.extend(piece.chars().filter(|c| !is_mark(*c)));
    }
    if !word.is_empty() {
        word.sort_unstable();
        out.push(word.into_iter().collect());
    }
    out
}

/// One line of text as usvg lays it out: its text and its glyphs from the left.
struct LaidLine {
    text: String,
    glyphs: Vec<(f32, String)>,
    right: f32,
}

fn laid_lines(group: &usvg::Group, out: &mut Vec<LaidLine>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => laid_lines(g, out),
            usvg::Node::Text(t) => {
                let text: String = t
                    .chunks()
                    .iter()
                    .flat_map(|c| c.text().chars())
                    .filter(|c| !is_mark(*c))
                    .collect();
                // usvg's glyphs from the left, where it draws them.
                let mut glyphs: Vec<(f32, String)> = t
                    .layouted()
                    .iter()
                    .flat_map(|span| &span.positioned_glyphs)
                    .map(|g| (g.transform().tx, g.text.clone()))
                    .collect();
                glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
                let right = t.abs_bounding_box().right();
                out.push(LaidLine {
                    text,
                    glyphs,
                    right,
                });
            }
            _ => {}
        }
    }
}

/// The words of `text` in the visual order of a right-to-left line (rules L1-L2).
fn bidi_words(text: &str) -> Vec<String> {
    let info = BidiInfo::new(text, Some(Level::rtl()));
    let paragraph = &info.paragraphs[0];
    let visual = info.reorder_line(paragraph, paragraph.range.clone());
    words(visual.chars().map(String::from))
}

/// The line of `alt` (a slide's text in reading order) whose words are the words drawn:
/// the logical text of a drawn line.
fn logical_line(alt: &str, drawn: &[String]) -> Option<String> {
    let alt_words: Vec<&str> = alt.split_whitespace().collect();
    let key = |w: &[String]| {
        let mut w = w.to_vec();
        w.sort();
        w
    };
    let want = key(drawn);
    (0..alt_words.len().saturating_sub(drawn.len() - 1)).find_map(|i| {
        let window = alt_words[i..i + drawn.len()].join(" ");
        (key(&words(window.chars().map(String::from))) == want).then_some(window)
    })
}

/// True for the words the slides add, not part of the alt text (see
/// `the_words_slides_add_are_in_the_posts_language`): the cover's swipe cue, the label over
/// continuation slides.
fn is_chrome(line: &str) -> bool {
    line.contains('←') || line.trim_matches('\u{200f}') == "تابع"
}

/// Every right-to-left line of the written slides of `slug` but the words the slides add,
/// with its slide's file name and alt text.
fn rtl_lines(site: &TestSite, report: &carousel::BuildReport) -> Vec<(String, String, LaidLine)> {
    let fonts = carousel::fonts::FontSet::load(&[site.root().join("fonts")]).unwrap();
    let opt = carousel::render::options(&fonts);
    let post = &report.posts[0];
    let names: Vec<String> = site
        .files(&post.slug)
        .into_iter()
        .filter(|n| n.ends_with(".svg"))
        .collect();
    assert_eq!(names.len(), post.pages.len());
    let mut out = Vec::new();
    for (name, page) in names.iter().zip(&post.pages) {
        let svg = std::fs::read_to_string(site.out(&format!("{}/{name}", post.slug))).unwrap();
        let tree = usvg::Tree::from_str(&svg, &opt).unwrap();
        let mut lines = Vec::new();
        laid_lines(tree.root(), &mut lines);
        out.extend(
            lines
                .into_iter()
                .filter(|l| l.text.chars().any(is_rtl_char) && !is_chrome(&l.text))
                .map(|l| (name.clone(), page.alt.clone(), l)),
        );
    }
    out
}

#[test]
fn rtl_lines_show_their_words_in_bidi_order() {
    let site = rtl_site(POST, "[output]\npng = false\npdf = false\n");
    let report = site.build();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let lines = rtl_lines(&site, &report);
    assert!(lines.len() >= 15, "{} right-to-left lines", lines.len());
    for (slide, alt, line) in &lines {
        let drawn = words(line.glyphs.iter().map(|(_, t)| t.clone()));
        let logical = logical_line(alt, &drawn).unwrap_or_else(|| {
            panic!(
                "{slide}: {drawn:?} is not a line of {alt:?}; glyphs {:?}",
                line.glyphs
            )
        });
        assert_eq!(drawn, bidi_words(&logical), "{slide}: {logical:?}");
    }
}

#[test]
fn rtl_paragraphs_end_at_the_right_edge() {
    let post = "+++\ntitle = \"عنوان\"\noutro = false\n+++\n\n\
                قبل أن تبدأ التكميم، قِس أداء النموذج الأصلي على بياناتك. بدون خط أساس لن تعرف \
                ماذا خسرت، ولن تعرف إن كان GPTQ أو AWQ أفضل لنموذجك.\n\n\
                English first: this paragraph is left to right, even on a right-to-left slide.\n";
    let site = rtl_site(
        post,
        "format = \"linkedin\"\n[output]\npng = false\npdf = false\n",
    );
    site.build();
    let svg = std::fs::read_to_string(site.out("rtl/02.svg")).unwrap();
    let fonts = carousel::fonts::FontSet::load(&[site.root().join("fonts")]).unwrap();
    let tree = usvg::Tree::from_str(&svg, &carousel::render::options(&fonts)).unwrap();
    let mut lines = Vec::new();
    laid_lines(tree.root(), &mut lines);
    // The content box of linkedin (1080 wide) ends 96 px from the right.
    let right = 1080.0 - 96.0;
    let arabic: Vec<&LaidLine> = lines
        .iter()
        .filter(|l| l.text.chars().next().is_some_and(is_rtl_char))
        .collect();
    assert!(arabic.len() >= 2, "{} Arabic lines", arabic.len());
    for line in arabic {
        assert!(
            (line.right - right).abs() < 4.0,
            "{:?} ends at {} (content box: {right})",
            line.text,
            line.right
        );
    }
    // A left-to-right paragraph keeps its own start: the left.
    let english = lines
        .iter()
        .find(|l| l.text.starts_with("English first"))
        .unwrap();
    let left = english.glyphs.first().unwrap().0;
    assert!((left - 96.0).abs() < 4.0, "English starts at {left}");
}

#[test]
fn a_forced_direction_overrides_the_text() {
    // `dir = "ltr"` in front matter sets even Arabic left to right: every line starts at the
    // left of the content box.
    let post = POST.replacen("outro = false", "outro = false\ndir = \"ltr\"", 1);
    let site = rtl_site(&post, "[output]\npng = false\npdf = false\n");
    let report = site.build();
    let lefts: Vec<f32> = rtl_lines(&site, &report)
        .iter()
        .filter(|(slide, _, _)| slide == "02.svg")
        .map(|(_, _, l)| l.glyphs.first().unwrap().0)
        .collect();
    assert!(lefts.len() >= 4, "{lefts:?}");
    assert!(lefts.iter().all(|x| (x - 96.0).abs() < 4.0), "{lefts:?}");
    // And `dir = "rtl"` in the config sets an English post right to left.
    let site = rtl_site(
        "+++\ntitle = \"T\"\noutro = false\n+++\n\n## A\n\nAn English paragraph set right to left.\n",
        "dir = \"rtl\"\n[output]\npng = false\npdf = false\n",
    );
    site.build();
    let svg = std::fs::read_to_string(site.out("rtl/02.svg")).unwrap();
    assert!(svg.contains('\u{200F}'), "runs are marked right to left");
}

#[test]
fn rtl_posts_fit_every_format() {
    // The build's inspection refuses overflowing, overlapping and missing-glyph text.
    for format in [
        "linkedin",
        "instagram-3x4",
        "square",
        "story",
        "tiktok",
        "x",
        "480x600",
        "1200x675",
    ] {
        let config = format!("format = \"{format}\"\n[output]\npng = false\npdf = false\n");
        let site = rtl_site(POST, &config);
        let report = site.build();
        let errors = common::errors(&report);
        assert!(errors.is_empty(), "{format}: {errors:#?}");
        assert!(report.slides >= 7, "{format}: {} slides", report.slides);
    }
}

#[test]
fn rtl_tables_run_from_the_right() {
    let site = rtl_site(POST, "[output]\npng = false\npdf = false\n");
    let report = site.build();
    let lines = rtl_lines(&site, &report);
    let x_of = |word: &str| {
        lines
            .iter()
            .find(|(_, _, l)| l.text == word)
            .map(|(_, _, l)| l.glyphs.first().unwrap().0)
            .unwrap_or_else(|| panic!("no line {word:?}"))
    };
    // The first column is the rightmost.
    let (method, precision, perplexity) = (x_of("الطريقة"), x_of("الدقة"), x_of("الحيرة"));
    assert!(
        method > precision && precision > perplexity,
        "{method} {precision} {perplexity}"
    );
}

#[test]
fn the_pdf_text_reads_in_logical_order() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        panic!("pdftotext (poppler-utils) is needed for this test");
    }
    let site = rtl_site(POST, "[output]\npng = false\npdf = true\n");
    site.build();
    let pdf = site.out("rtl/rtl.pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
        .collect();
    // Words of each language in reading order, not reversed.
    for phrase in [
        "קוונטיזציה אינה ארוחת חינם",
        "לפני ואחרי",
        "and English terms like",
        "ما يقوله المهندسون",
        "لن تعرف ماذا خسرت",
    ] {
        assert!(text.contains(phrase), "{phrase:?} not in {text}");
    }
}

#[test]
fn the_words_slides_add_are_in_the_posts_language() {
    // 16:9 continues the Arabic post's sections: the label over them and the cover's swipe cue
    // are in Arabic, read off the title's script.
    let site = rtl_site(POST, "format = \"x\"\n[output]\npng = false\npdf = false\n");
    let report = site.build();
    assert!(
        common::errors(&report).is_empty(),
        "{:?}",
        common::errors(&report)
    );
    let pages = &report.posts[0].pages;
    let continued = pages.iter().find(|p| p.continued).expect("a continuation");
    let read = |n: usize| std::fs::read_to_string(site.out(&format!("rtl/{n:02}.svg"))).unwrap();
    // Runs are written in visual order: the arrow at the cue's left.
    let cover = read(1);
    let (arrow, word) = (cover.find('←'), cover.find("اسحب"));
    assert!(
        arrow.is_some() && arrow < word && !cover.contains("Swipe"),
        "the cover's cue"
    );
    let label = read(continued.number);
    assert!(label.contains("تابع") && !label.contains("Continued"));
    // A site's `[labels]` win.
    let site = rtl_site(
        POST,
        "format = \"x\"\n[labels]\ncontinued = \"يتبع\"\n[output]\npng = false\npdf = false\n",
    );
    site.build();
    let svg = std::fs::read_to_string(site.out(&format!("rtl/{:02}.svg", continued.number)));
    assert!(svg.unwrap().contains("يتبع"));
}
