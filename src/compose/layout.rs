//! Layout selection: which built-in layout a slide gets, from a heading class (`{.stat}`) or,
//! without one, from the shape of its content (one blockquote, a big number, one code block, one
//! image, two inner headings, one short list).

use crate::content::Slide;
use crate::content::markup::{Block, Span, plain_text};

use super::page::Template;
use super::quote;
use super::sentences::sentences;

/// Longest text (in characters) a stat's number may have.
const STAT_MAX_CHARS: usize = 12;
/// Most caption paragraphs under a stat's figure.
const STAT_MAX_CAPTIONS: usize = 2;
/// Longest heading (in characters) set as a statement.
const STATEMENT_MAX_HEADING: usize = 90;
/// Longest supporting line (in characters) under a statement.
const STATEMENT_MAX_LINE: usize = 120;
/// Most sentences in the supporting line under a statement.
const STATEMENT_SENTENCES: usize = 2;
/// Most items a list slide may have to get the list layout.
const LIST_MAX_ITEMS: usize = 6;
/// Longest list item (in characters) for the list layout.
const LIST_MAX_ITEM_CHARS: usize = 160;
/// Most text (in characters) next to an image for the image layout.
const IMAGE_MAX_TEXT: usize = 320;

/// Where the image goes on an image slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageSide {
    /// Covers the whole canvas; the heading sits on a scrim at the bottom.
    Full,
    /// Beside the text when the image is upright, above it when it is wide or the format tall.
    Auto,
    /// Left half (top on tall formats), text beside it.
    Left,
    /// Right half (top on tall formats), text beside it.
    Right,
}

/// A built-in layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Heading and prose.
    Content,
    /// One blockquote, set large.
    Quote,
    /// A big number with a caption.
    Stat,
    /// A heading (or one short sentence) set large on its own.
    Statement,
    /// One code block in a window.
    Code,
    /// A short list as numbered cards.
    List,
    /// Two columns, each under an inner heading.
    Columns,
    /// An image with a little text.
    Image(ImageSide),
    /// A table drawn as a bar chart.
    Chart,
    /// One Mermaid diagram, as large as the slide allows.
    Diagram,
}

/// Every heading class that names a built-in layout.
pub(crate) const CLASS_NAMES: &[&str] = &[
    "content",
    "prose",
    "quote",
    "stat",
    "statement",
    "code",
    "list",
    "columns",
    "two-columns",
    "image",
    "image-right",
    "image-left",
    "image-full",
    "full-bleed",
    "chart",
    "bar",
    "line",
    "pie",
    "diagram",
];

impl Layout {
    /// The layout a heading class names, if any.
    pub(crate) fn from_class(class: &str) -> Option<Layout> {
        Some(match class {
            "content" | "prose" => Layout::Content,
            "quote" => Layout::Quote,
            "stat" => Layout::Stat,
            "statement" => Layout::Statement,
            "code" => Layout::Code,
            "list" => Layout::List,
            "columns" | "two-columns" => Layout::Columns,
            "image" => Layout::Image(ImageSide::Auto),
            "image-right" => Layout::Image(ImageSide::Right),
            "image-left" => Layout::Image(ImageSide::Left),
            "image-full" | "full-bleed" => Layout::Image(ImageSide::Full),
            "chart" | "bar" | "line" | "pie" => Layout::Chart,
            "diagram" => Layout::Diagram,
            _ => return None,
        })
    }

    /// The template for pages of this layout (`None`: the kind's own).
    pub(crate) fn template(self) -> Option<Template> {
        match self {
            Layout::Content | Layout::Statement | Layout::Chart => None,
            Layout::Quote => Some(Template::Quote),
            Layout::Stat => Some(Template::Stat),
            Layout::Code => Some(Template::Code),
            Layout::List => Some(Template::List),
            Layout::Columns => Some(Template::Columns),
            Layout::Image(_) => Some(Template::Image),
            Layout::Diagram => Some(Template::Diagram),
        }
    }
}

/// The layout for a slide: the first heading class naming a layout, else the content's shape.
pub(crate) fn choose(slide: &Slide) -> Layout {
    if let Some(layout) = slide.classes.iter().find_map(|c| Layout::from_class(c)) {
        return layout;
    }
    if quote::is_quote(slide) {
        Layout::Quote
    } else if stat_parts(slide).is_some() {
        Layout::Stat
    } else if statement_parts(slide).is_some() {
        Layout::Statement
    } else if let Some(side) = image_side(&slide.blocks) {
        Layout::Image(side)
    } else if is_diagram(&slide.blocks) {
        Layout::Diagram
    } else if is_code(&slide.blocks) {
        Layout::Code
    } else if column_split(&slide.blocks).is_some() {
        Layout::Columns
    } else if is_short_list(&slide.blocks) {
        Layout::List
    } else {
        Layout::Content
    }
}

/// What a stat slide shows: the figure, the paragraphs under it, and whether the figure is
/// the slide's heading (`## 38%`) rather than its first paragraph (`**38%**`).
#[derive(Debug)]
pub(crate) struct StatParts<'a> {
    /// The figure, as plain text.
    pub(crate) figure: String,
    /// Caption paragraphs.
    pub(crate) captions: &'a [Block],
    /// The figure is the heading, so the slide shows no other heading.
    pub(crate) from_heading: bool,
}

/// The parts of a stat slide: a heading that is a figure (`## 38%`, `## $1.2M`, `## 10 days`)
/// over at most two paragraphs, or a first paragraph that is a short figure (`**87%**`) followed
/// by at most two paragraphs.
pub(crate) fn stat_parts(slide: &Slide) -> Option<StatParts<'_>> {
    let blocks = slide.blocks.as_slice();
    let captions_only = |b: &[Block]| {
        b.len() <= STAT_MAX_CAPTIONS && b.iter().all(|b| matches!(b, Block::Paragraph { .. }))
    };
    if let Some(heading) = &slide.heading {
        let text = plain_text(heading).trim().to_string();
        if is_heading_figure(&text) && captions_only(blocks) {
            return Some(StatParts {
                figure: text,
                captions: blocks,
                from_heading: true,
            });
        }
    }
    let (Block::Paragraph { spans }, rest) = blocks.split_first()? else {
        return None;
    };
    let number = plain_text(spans).trim().to_string();
    (is_figure(&number) && captions_only(rest)).then_some(StatParts {
        figure: number,
        captions: rest,
        from_heading: false,
    })
}

/// A short figure: a few characters with a digit, at most two words (`87%`, `$2.4M`, `10x`).
fn is_figure(text: &str) -> bool {
    text.chars().count() <= STAT_MAX_CHARS
        && text.chars().any(|c| c.is_ascii_digit())
        && text.split_whitespace().count() <= 2
}

/// A heading that is a figure: a short figure that starts with a digit, a sign or a currency
/// (`38%`, `2.4x`, `$1.2M`, `+12`, `10 days`), so `Step 1` or `Q3` stay headings.
fn is_heading_figure(text: &str) -> bool {
    let lead = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "+-−~<>≈$€£¥₹#".contains(c));
    let words: Vec<&str> = text.split_whitespace().collect();
    let alphabetic = words
        .iter()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .count();
    // `10 days`, `1 in 6`, `4.6 / 5`: one word at most, and a third word is a number.
    let shape = match words.as_slice() {
        [_] => true,
        [_, _] => alphabetic <= 1,
        [_, _, last] => alphabetic <= 1 && last.chars().any(|c| c.is_ascii_digit()),
        _ => false,
    };
    lead && text.chars().count() <= STAT_MAX_CHARS && shape
}

/// How long the supporting paragraph of a statement may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatementLimits {
    /// Most characters.
    pub line: usize,
    /// Most sentences.
    pub sentences: usize,
}

/// A statement on its own: one short line under it.
pub(crate) const STATEMENT: StatementLimits = StatementLimits {
    line: STATEMENT_MAX_LINE,
    sentences: STATEMENT_SENTENCES,
};

/// The parts of a statement slide: a heading alone or with one short sentence under it, or a
/// slide without a heading that is one short paragraph. Returns the statement and the
/// supporting line.
pub(crate) fn statement_parts(slide: &Slide) -> Option<(&[Span], Option<&[Span]>)> {
    statement_parts_within(slide, STATEMENT)
}

/// [`statement_parts`] with a supporting paragraph up to `limits`.
pub(crate) fn statement_parts_within(
    slide: &Slide,
    limits: StatementLimits,
) -> Option<(&[Span], Option<&[Span]>)> {
    let short = |spans: &[Span], max: usize| plain_text(spans).chars().count() <= max;
    let supporting =
        |spans: &[Span]| short(spans, limits.line) && sentences(spans).len() <= limits.sentences;
    match (&slide.heading, slide.blocks.as_slice()) {
        (Some(h), []) if short(h, STATEMENT_MAX_HEADING) => Some((h, None)),
        (Some(h), [Block::Paragraph { spans }])
            if short(h, STATEMENT_MAX_HEADING) && supporting(spans) =>
        {
            Some((h, Some(spans)))
        }
        (None, [Block::Paragraph { spans }]) if supporting(spans) => Some((spans, None)),
        _ => None,
    }
}

/// The side for a slide that is one image and a little prose.
fn image_side(blocks: &[Block]) -> Option<ImageSide> {
    let images = blocks
        .iter()
        .filter(|b| matches!(b, Block::Image { .. }))
        .count();
    let mut text = 0;
    for block in blocks {
        match block {
            Block::Image { .. } => {}
            Block::Paragraph { spans } => text += plain_text(spans).chars().count(),
            _ => return None,
        }
    }
    if images != 1 || text > IMAGE_MAX_TEXT {
        return None;
    }
    Some(if blocks.len() == 1 {
        ImageSide::Full
    } else {
        ImageSide::Auto
    })
}

/// One diagram with at most one paragraph around it.
fn is_diagram(blocks: &[Block]) -> bool {
    one_with_prose(blocks, |b| matches!(b, Block::Diagram { .. }))
}

/// One code block with at most one paragraph around it.
fn is_code(blocks: &[Block]) -> bool {
    one_with_prose(blocks, |b| matches!(b, Block::Code { .. }))
}

/// Exactly one block that is `main` and at most one paragraph, nothing else.
fn one_with_prose(blocks: &[Block], main: impl Fn(&Block) -> bool) -> bool {
    let count = blocks.iter().filter(|b| main(b)).count();
    let prose = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    count == 1 && prose <= 1 && count + prose == blocks.len()
}

/// The two columns of a slide that is two inner headings, each with its content.
pub(crate) fn column_split(blocks: &[Block]) -> Option<(&[Block], &[Block])> {
    let heads: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { .. }))
        .map(|(i, _)| i)
        .collect();
    match heads.as_slice() {
        [0, second] if *second > 1 && *second + 1 < blocks.len() => Some(blocks.split_at(*second)),
        _ => None,
    }
}

/// One list of a few short single-paragraph items, with at most an intro paragraph.
fn is_short_list(blocks: &[Block]) -> bool {
    let items = match blocks {
        [Block::List { items, .. }] | [Block::Paragraph { .. }, Block::List { items, .. }] => items,
        _ => return false,
    };
    (2..=LIST_MAX_ITEMS).contains(&items.len())
        && items.iter().all(|item| {
            item.task.is_none()
                && matches!(item.blocks.as_slice(), [Block::Paragraph { spans }]
                    if plain_text(spans).chars().count() <= LIST_MAX_ITEM_CHARS)
        })
}

/// The last section of `md` as a content slide (for tests).
#[cfg(test)]
pub(crate) fn test_slide(md: &str) -> Slide {
    let s = crate::content::markup::parse_sections(md, 2, 0)
        .pop()
        .unwrap();
    Slide {
        kind: crate::content::SlideKind::Content,
        heading: s.heading,
        classes: s.classes,
        background: s.background,
        blocks: s.blocks,
        offset: 0,
        eyebrow: None,
        subtitle: None,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_slide as slide;

    #[test]
    fn layouts_are_chosen_from_content() {
        let cases = [
            ("## A\n\nJust prose here.\n", Layout::Statement),
            (
                "## A\n\nOne sentence. And another one.\n",
                Layout::Statement,
            ),
            (
                "## A\n\nOne. Two sentences. And a third one.\n",
                Layout::Content,
            ),
            ("## 1 in 6\n\nnew hires left within a year.\n", Layout::Stat),
            ("## 4.6 / 5\n\naverage rating.\n", Layout::Stat),
            ("## 3 big wins\n\nFrom this year.\n", Layout::Statement),
            ("## Ship it.\n", Layout::Statement),
            ("## Step 1\n\nInstall it.\n", Layout::Statement),
            ("## 38%\n\nof sign-ups came from referrals.\n", Layout::Stat),
            ("## $1.2M\n", Layout::Stat),
            ("## 10 days\n\nfrom idea to launch.\n", Layout::Stat),
            ("## Q3 in review\n\nGood quarter.\n", Layout::Statement),
            ("## 2 things matter\n\nFocus.\n", Layout::Statement),
            ("## 38%\n\n- a\n- b\n", Layout::List),
            ("## A {.statement}\n\n- one\n", Layout::Statement),
            ("## A\n\n> Focus is a budget.\n", Layout::Quote),
            ("## A\n\n**87%**\n\nof teams ship weekly.\n", Layout::Stat),
            ("## A\n\n$2.4M\n", Layout::Stat),
            (
                "## A\n\nSeven habits of people\n\nAnd more.\n",
                Layout::Content,
            ),
            ("## A\n\n![x](a.png)\n", Layout::Image(ImageSide::Full)),
            (
                "## A\n\n![x](a.png)\n\nA caption.\n",
                Layout::Image(ImageSide::Auto),
            ),
            ("## A\n\n![x](a.png)\n\n- a\n- b\n", Layout::Content),
            ("## A\n\nRun it:\n\n```sh\nls\n```\n", Layout::Code),
            (
                "## A\n\n```sh\nls\n```\n\n```sh\nls\n```\n",
                Layout::Content,
            ),
            (
                "## A\n\n### Before\n\nOld.\n\n### After\n\nNew.\n",
                Layout::Columns,
            ),
            ("## A\n\n### Only\n\nOne.\n", Layout::Content),
            ("## A\n\n- one\n- two\n- three\n", Layout::List),
            ("## A\n\n- one\n", Layout::Content),
            ("## A\n\n- [ ] one\n- [x] two\n", Layout::Content),
            ("## A\n\n- one\n  - nested\n- two\n", Layout::Content),
            ("## A {.content}\n\n- one\n- two\n", Layout::Content),
            (
                "## A {.image-left}\n\n![x](a.png)\n\nText.\n",
                Layout::Image(ImageSide::Left),
            ),
            ("## A {.stat}\n\nprose\n", Layout::Stat),
        ];
        for (md, want) in cases {
            assert_eq!(choose(&slide(md)), want, "{md}");
        }
    }

    #[test]
    fn every_class_name_names_a_layout() {
        for name in CLASS_NAMES {
            assert!(Layout::from_class(name).is_some(), "{name}");
        }
        assert!(Layout::from_class("qoute").is_none());
    }

    #[test]
    fn stat_parts_split_number_and_caption() {
        let cases = [
            ("## A\n\n**3.2x**\n\nfaster builds\n", "3.2x", 1, false),
            ("## 38%\n\nof sign-ups.\n\nUp from 20%.\n", "38%", 2, true),
            ("## $1.2M\n", "$1.2M", 0, true),
        ];
        for (md, figure, captions, from_heading) in cases {
            let s = slide(md);
            let parts = stat_parts(&s).unwrap();
            assert_eq!(parts.figure, figure, "{md}");
            assert_eq!(parts.captions.len(), captions, "{md}");
            assert_eq!(parts.from_heading, from_heading, "{md}");
        }
    }
}
