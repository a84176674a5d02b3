//! The markup model: a post body parsed by pulldown-cmark into typed blocks, grouped into
//! sections at split headings and thematic breaks.
//!
//! Nothing here is HTML: raw HTML in a post is kept as literal text (comments are dropped), so a
//! post can never inject markup into a slide.

mod attribution;
mod builder;
mod mark;
mod smart;

use pulldown_cmark::{Options, Parser};
use serde::Serialize;

use builder::Builder;
pub(crate) use smart::smart;

/// Inline style flags of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Style {
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
    /// Strikethrough.
    pub strike: bool,
    /// Part of a link.
    pub link: bool,
    /// A footnote reference; the span's text is the label until numbering replaces it.
    pub footnote: bool,
    /// Highlighted (`==marked==`).
    pub mark: bool,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Span {
    /// The text; `\n` marks a hard line break.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The link target when `style.link` is set.
    pub href: Option<String>,
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ListItem {
    /// `Some(checked)` for task-list items.
    pub task: Option<bool>,
    /// The item's content: paragraphs, nested lists, ...
    pub blocks: Vec<Block>,
}

/// A block of slide content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Block {
    /// A paragraph of inline runs.
    Paragraph {
        /// The runs.
        spans: Vec<Span>,
    },
    /// A heading deeper than the split level, kept inside its slide.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The runs.
        spans: Vec<Span>,
    },
    /// A bulleted or numbered list.
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A blockquote.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// A fenced or indented code block.
    Code {
        /// The info string's language, if any.
        lang: Option<String>,
        /// The code, without the final newline.
        text: String,
    },
    /// A ```` ```mermaid ```` block, drawn as a diagram.
    Diagram {
        /// The diagram's source, without the final newline.
        source: String,
        /// Byte offset of the opening fence in the post file.
        offset: usize,
    },
    /// An image, resolved relative to the post's folder.
    Image {
        /// The path as written.
        src: String,
        /// The alt text.
        alt: String,
        /// Byte offset in the post file, for errors.
        offset: usize,
    },
    /// A table.
    Table {
        /// Header cells.
        head: Vec<Vec<Span>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Span>>>,
    },
}

/// A run of blocks that becomes (at least) one slide.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Section {
    /// The split heading that opened the section; `None` for the intro or after a `---`.
    pub heading: Option<Vec<Span>>,
    /// Classes from heading attributes (`## Title {.quote}`).
    pub classes: Vec<String>,
    /// What goes behind the slide (`## Title {bg=photo.jpg}` or `{bg=#0F172A}`), as written.
    pub background: Option<String>,
    /// The content.
    pub blocks: Vec<Block>,
    /// Byte offset in the post file where the section starts.
    pub offset: usize,
}

/// A footnote definition (`[^label]: text`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Footnote {
    /// The label as written.
    pub label: String,
    /// The definition's text.
    pub spans: Vec<Span>,
    /// Byte offset in the post file, for warnings.
    pub offset: usize,
}

/// A parsed body: its sections and its footnote definitions.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Parsed {
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Footnote definitions in order.
    pub footnotes: Vec<Footnote>,
}

/// Plain text of a list of spans.
pub(crate) fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Blocks nested deeper than this (quotes, lists, footnotes inside each other) make the post an
/// error: real posts nest two or three levels, and every later stage walks the block tree
/// recursively, so an unbounded depth could overflow the stack.
pub(crate) const MAX_NESTING: usize = 32;

/// A body whose blocks nest deeper than [`MAX_NESTING`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    /// Byte offset in the post file of the block that passes the limit.
    pub offset: usize,
}

/// Parses a post body into sections. `split_level` is the deepest heading level that starts a new
/// section (2 means `#` and `##`); `base` is the body's byte offset inside the file.
/// The sections of a body that is not nested too deep (tests only; posts go through
/// [`parse`]).
#[cfg(test)]
pub(crate) fn parse_sections(body: &str, split_level: u8, base: usize) -> Vec<Section> {
    parse(body, split_level, base)
        .expect("nesting within the limit")
        .sections
}

/// Parses a post body into sections and footnote definitions; `Err` when blocks nest deeper
/// than [`MAX_NESTING`], at the block that passes the limit.
pub(crate) fn parse(body: &str, split_level: u8, base: usize) -> Result<Parsed, TooDeep> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_SMART_PUNCTUATION);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut b = Builder::new(split_level, base);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let offset = base + range.start;
        b.event(event, offset);
        if b.depth() > MAX_NESTING {
            return Err(TooDeep { offset });
        }
    }
    Ok(b.finish())
}

/// A plain or bold span, for tests.
#[cfg(test)]
pub(crate) fn test_span(text: &str, bold: bool) -> Span {
    Span {
        text: text.into(),
        style: Style {
            bold,
            ..Style::default()
        },
        href: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(sections: &[Section]) -> Vec<Option<String>> {
        sections
            .iter()
            .map(|s| s.heading.as_deref().map(plain_text))
            .collect()
    }

    #[test]
    fn splits_on_configured_heading_levels_and_rules() {
        let md = "intro\n\n# One\n\na\n\n## Two\n\n### Deep\n\nb\n\n---\n\nc\n";
        let cases = [
            (2, vec![None, Some("One".into()), Some("Two".into()), None]),
            (1, vec![None, Some("One".into()), None]),
        ];
        for (level, want) in cases {
            assert_eq!(
                headings(&parse_sections(md, level, 0)),
                want,
                "level {level}"
            );
        }
        let s = parse_sections(md, 2, 0);
        assert!(matches!(s[2].blocks[0], Block::Heading { level: 3, .. }));
    }

    #[test]
    fn inline_styles_become_runs() {
        let s = parse_sections("a **b** *c* `d` ~~e~~ [f](http://x)", 2, 0);
        let Block::Paragraph { spans } = &s[0].blocks[0] else {
            panic!("not a paragraph")
        };
        let styled: Vec<(&str, Style)> = spans.iter().map(|s| (s.text.as_str(), s.style)).collect();
        assert_eq!(styled[1].0, "b");
        assert!(styled[1].1.bold);
        assert!(styled[3].1.italic);
        assert!(styled[5].1.code);
        assert!(styled[7].1.strike);
        assert_eq!(spans[9].href.as_deref(), Some("http://x"));
    }

    #[test]
    fn raw_html_is_text_and_comments_are_dropped() {
        let s = parse_sections(
            "<!-- note -->\n\nhi <b>x</b>\n\n<script>alert(1)</script>\n",
            2,
            0,
        );
        let texts: Vec<String> = s[0]
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { spans } => plain_text(spans),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, vec!["hi <b>x</b>", "<script>alert(1)</script>"]);
    }

    #[test]
    fn lists_nest_and_keep_task_state() {
        let s = parse_sections("- a\n  - b\n- [x] c\n\n3. x\n4. y\n", 2, 0);
        let Block::List { start, items } = &s[0].blocks[0] else {
            panic!()
        };
        assert_eq!(*start, None);
        assert_eq!(items.len(), 2);
        assert!(matches!(items[0].blocks[1], Block::List { .. }));
        assert_eq!(items[1].task, Some(true));
        assert!(matches!(s[0].blocks[1], Block::List { start: Some(3), .. }));
    }

    #[test]
    fn images_tables_quotes_and_code() {
        let md = "![alt text](pic.png)\n\n> quoted\n\n```rust\nfn x() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let s = parse_sections(md, 2, 10);
        assert!(
            matches!(&s[0].blocks[0], Block::Image { src, alt, offset: 10 } if src == "pic.png" && alt == "alt text"),
            "{:?}",
            s[0].blocks
        );
        assert!(matches!(&s[0].blocks[1], Block::Quote { blocks } if blocks.len() == 1));
        assert!(
            matches!(&s[0].blocks[2], Block::Code { lang: Some(l), text } if l == "rust" && text == "fn x() {}")
        );
        assert!(
            matches!(&s[0].blocks[3], Block::Table { head, rows } if head.len() == 2 && rows.len() == 1)
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_where_it_passes() {
        let deep = |n: usize| format!("intro\n\n{}x\n", "> ".repeat(n));
        assert!(parse(&deep(MAX_NESTING), 2, 0).is_ok());
        let cases = [
            (deep(MAX_NESTING + 1), 7),
            (deep(100_000), 7),
            (format!("a\n\n{}b\n", "- ".repeat(50_000)), 3),
            (format!("a\n\n{}b\n", "1. ".repeat(MAX_NESTING + 1)), 3),
        ];
        for (md, at_least) in cases {
            let err = parse(&md, 2, 0).expect_err("too deep");
            assert!(err.offset >= at_least, "offset {}", err.offset);
            assert!(err.offset < md.len());
        }
        let lists: String = (0..MAX_NESTING + 5)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect();
        let err = parse(&lists, 2, 10).expect_err("nested list");
        let line = lists[..err.offset - 10].matches('\n').count() + 1;
        assert_eq!(line, MAX_NESTING + 1, "the list item that passes the limit");
    }

    #[test]
    fn heading_classes_are_kept() {
        let s = parse_sections("## Big idea {.quote}\n\ntext\n", 2, 0);
        assert_eq!(s[1].classes, vec!["quote".to_string()]);
        assert_eq!(headings(&s)[1].as_deref(), Some("Big idea"));
    }
}
