//! The markup model: a post body parsed by pulldown-cmark into typed blocks, grouped into
//! sections at split headings and thematic breaks.
//!
//! Nothing here is HTML: raw HTML in a post is kept as literal text (comments are dropped), so a
//! post can never inject markup into a slide.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// Inline style flags of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Style {
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
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The text; `\n` marks a hard line break.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The link target when `style.link` is set.
    pub href: Option<String>,
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// `Some(checked)` for task-list items.
    pub task: Option<bool>,
    /// The item's content: paragraphs, nested lists, ...
    pub blocks: Vec<Block>,
}

/// A block of slide content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
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
pub struct Section {
    /// The split heading that opened the section; `None` for the intro or after a `---`.
    pub heading: Option<Vec<Span>>,
    /// Classes from heading attributes (`## Title {.quote}`).
    pub classes: Vec<String>,
    /// The content.
    pub blocks: Vec<Block>,
    /// Byte offset in the post file where the section starts.
    pub offset: usize,
}

/// A footnote definition (`[^label]: text`).
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// The label as written.
    pub label: String,
    /// The definition's text.
    pub spans: Vec<Span>,
    /// Byte offset in the post file, for warnings.
    pub offset: usize,
}

/// A parsed body: its sections and its footnote definitions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Footnote definitions in order.
    pub footnotes: Vec<Footnote>,
}

/// Plain text of a list of spans.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// A container being filled while walking the event stream.
enum Frame {
    Para(Vec<Span>),
    Heading(u8, Vec<Span>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<ListItem>),
    Item(Option<bool>, Vec<Block>, Vec<Span>),
    Code(Option<String>, String),
    Table(Vec<Vec<Span>>, Vec<Vec<Vec<Span>>>, bool),
    Row(Vec<Vec<Span>>),
    Cell(Vec<Span>),
    Image(String, String, usize),
    Footnote(String, Vec<Block>, usize),
}

/// Blocks nested deeper than this (quotes, lists, footnotes inside each other) make the post an
/// error: real posts nest two or three levels, and every later stage walks the block tree
/// recursively, so an unbounded depth could overflow the stack.
pub const MAX_NESTING: usize = 32;

/// A body whose blocks nest deeper than [`MAX_NESTING`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Byte offset in the post file of the block that passes the limit.
    pub offset: usize,
}

/// Walks pulldown-cmark events into sections.
struct Builder {
    sections: Vec<Section>,
    frames: Vec<Frame>,
    style: Style,
    links: Vec<String>,
    split_level: u8,
    base: usize,
    pending_images: Vec<Block>,
    footnotes: Vec<Footnote>,
    /// Open quotes, lists and footnote definitions.
    depth: usize,
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
pub fn parse(body: &str, split_level: u8, base: usize) -> Result<Parsed, TooDeep> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_SMART_PUNCTUATION);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut b = Builder {
        sections: vec![Section {
            offset: base,
            ..Section::default()
        }],
        frames: Vec::new(),
        style: Style::default(),
        links: Vec::new(),
        split_level,
        base,
        pending_images: Vec::new(),
        footnotes: Vec::new(),
        depth: 0,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let offset = base + range.start;
        b.event(event, offset);
        if b.depth > MAX_NESTING {
            return Err(TooDeep { offset });
        }
    }
    Ok(Parsed {
        sections: b.sections,
        footnotes: b.footnotes,
    })
}

impl Builder {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let saved = self.style;
                self.style.code = true;
                self.text(&t);
                self.style = saved;
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Html(t) | Event::InlineHtml(t) => {
                let trimmed = t.trim();
                if !(trimmed.starts_with("<!--") || trimmed.is_empty()) {
                    self.text(trimmed);
                }
            }
            Event::Rule => self.new_section(None, Vec::new(), offset),
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Item(task, _, _)) = self.frames.last_mut() {
                    *task = Some(checked);
                }
            }
            Event::FootnoteReference(label) => {
                let saved = self.style;
                self.style.footnote = true;
                self.text(&label);
                self.style = saved;
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        let frame = match tag {
            Tag::Paragraph | Tag::HtmlBlock => Frame::Para(Vec::new()),
            Tag::Heading { level, classes, .. } => {
                let level = heading_level(level);
                if level <= self.split_level {
                    let classes = classes.iter().map(|c| c.to_string()).collect();
                    self.new_section(Some(Vec::new()), classes, offset);
                }
                Frame::Heading(level, Vec::new())
            }
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string),
                    CodeBlockKind::Indented => None,
                };
                Frame::Code(lang, String::new())
            }
            Tag::List(start) => Frame::List(start, Vec::new()),
            Tag::Item => Frame::Item(None, Vec::new(), Vec::new()),
            Tag::Table(_) => Frame::Table(Vec::new(), Vec::new(), false),
            Tag::TableHead => Frame::Row(Vec::new()),
            Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => return self.style.italic = true,
            Tag::Strong => return self.style.bold = true,
            Tag::Strikethrough => return self.style.strike = true,
            Tag::Link { dest_url, .. } => {
                self.links.push(dest_url.to_string());
                return self.style.link = true;
            }
            Tag::FootnoteDefinition(label) => {
                Frame::Footnote(label.to_string(), Vec::new(), offset)
            }
            Tag::Image { dest_url, .. } => {
                Frame::Image(dest_url.to_string(), String::new(), offset)
            }
            _ => return,
        };
        if is_container(&frame) {
            self.depth += 1;
        }
        self.frames.push(frame);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis => return self.style.italic = false,
            TagEnd::Strong => return self.style.bold = false,
            TagEnd::Strikethrough => return self.style.strike = false,
            TagEnd::Link => {
                self.links.pop();
                self.style.link = !self.links.is_empty();
                return;
            }
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::Image => {}
            _ => return,
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if is_container(&frame) {
            self.depth -= 1;
        }
        self.close(frame);
    }

    fn close(&mut self, frame: Frame) {
        match frame {
            Frame::Para(spans) => {
                if spans.iter().any(|s| !s.text.trim().is_empty()) {
                    self.push_block(Block::Paragraph { spans });
                }
                self.flush_images();
            }
            Frame::Heading(level, spans) => {
                let section = self.sections.last_mut().expect("one section");
                if level <= self.split_level && section.blocks.is_empty() {
                    section.heading = Some(spans);
                } else {
                    self.push_block(Block::Heading { level, spans });
                }
                self.flush_images();
            }
            Frame::Quote(blocks) => self.push_block(Block::Quote { blocks }),
            Frame::Code(lang, mut text) => {
                if text.ends_with('\n') {
                    text.pop();
                }
                self.push_block(Block::Code { lang, text });
            }
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Item(task, mut blocks, spans) => {
                if spans.iter().any(|s| !s.text.trim().is_empty()) {
                    blocks.insert(0, Block::Paragraph { spans });
                }
                blocks.append(&mut self.pending_images);
                if let Some(Frame::List(_, items)) = self.frames.last_mut() {
                    items.push(ListItem { task, blocks });
                }
            }
            Frame::Cell(spans) => {
                if let Some(Frame::Row(cells)) = self.frames.last_mut() {
                    cells.push(spans);
                }
            }
            Frame::Row(cells) => {
                if let Some(Frame::Table(head, rows, seen_head)) = self.frames.last_mut() {
                    if *seen_head {
                        rows.push(cells);
                    } else {
                        *head = cells;
                        *seen_head = true;
                    }
                }
            }
            Frame::Table(head, rows, _) => self.push_block(Block::Table { head, rows }),
            Frame::Footnote(label, blocks, offset) => {
                let mut spans = Vec::new();
                for block in blocks {
                    if let Block::Paragraph { spans: p } = block {
                        if !spans.is_empty() {
                            spans.push(Span {
                                text: " ".into(),
                                style: Style::default(),
                                href: None,
                            });
                        }
                        spans.extend(p);
                    }
                }
                self.footnotes.push(Footnote {
                    label,
                    spans,
                    offset,
                });
            }
            Frame::Image(src, alt, offset) => {
                self.pending_images.push(Block::Image { src, alt, offset });
                if !matches!(self.frames.last(), Some(Frame::Para(_) | Frame::Item(..))) {
                    self.flush_images();
                }
            }
        }
    }

    fn flush_images(&mut self) {
        for image in std::mem::take(&mut self.pending_images) {
            self.push_block(image);
        }
    }

    fn push_block(&mut self, block: Block) {
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Quote(blocks) | Frame::Footnote(_, blocks, _) => return blocks.push(block),
                Frame::Item(_, blocks, spans) => {
                    if !spans.is_empty() {
                        blocks.push(Block::Paragraph {
                            spans: std::mem::take(spans),
                        });
                    }
                    return blocks.push(block);
                }
                _ => {}
            }
        }
        self.sections
            .last_mut()
            .expect("one section")
            .blocks
            .push(block);
    }

    fn text(&mut self, text: &str) {
        let span = Span {
            text: text.to_string(),
            style: self.style,
            href: if self.style.link {
                self.links.last().cloned()
            } else {
                None
            },
        };
        let mut target = None;
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Para(s) | Frame::Heading(_, s) | Frame::Cell(s) | Frame::Item(_, _, s) => {
                    target = Some(s);
                    break;
                }
                Frame::Code(_, code) => {
                    code.push_str(text);
                    break;
                }
                Frame::Image(_, alt, _) => {
                    alt.push_str(text);
                    break;
                }
                _ => {}
            }
        }
        if let Some(spans) = target {
            match spans.last_mut() {
                Some(last) if last.style == span.style && last.href == span.href => {
                    last.text.push_str(&span.text)
                }
                _ => spans.push(span),
            }
        }
    }

    fn new_section(&mut self, heading: Option<Vec<Span>>, classes: Vec<String>, offset: usize) {
        let current = self.sections.last().expect("one section");
        let empty = current.blocks.is_empty() && current.heading.is_none();
        let section = Section {
            heading,
            classes,
            blocks: Vec::new(),
            offset: offset.max(self.base),
        };
        if empty && self.sections.len() > 1 {
            *self.sections.last_mut().expect("one section") = section;
        } else {
            self.sections.push(section);
        }
    }
}

/// Frames that hold blocks of their own and so add a level to the block tree.
fn is_container(frame: &Frame) -> bool {
    matches!(
        frame,
        Frame::Quote(_) | Frame::List(..) | Frame::Footnote(..)
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
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
