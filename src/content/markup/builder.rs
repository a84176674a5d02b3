//! The walk over pulldown-cmark's events: a stack of open containers (paragraphs, lists,
//! quotes, tables, footnote definitions) that closed blocks are pushed into, and the sections
//! that split headings and thematic breaks start.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::{Block, Footnote, ListItem, Parsed, Section, Span, Style};

/// A container being filled while walking the event stream.
enum Frame {
    Para(Vec<Span>),
    Heading(u8, Vec<Span>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<ListItem>),
    Item(Option<bool>, Vec<Block>, Vec<Span>),
    Code(Option<String>, String, usize),
    Table(Vec<Vec<Span>>, Vec<Vec<Vec<Span>>>, bool),
    Row(Vec<Vec<Span>>),
    Cell(Vec<Span>),
    Image(String, String, usize),
    Footnote(String, Vec<Block>, usize),
}

/// Walks pulldown-cmark events into sections.
pub(super) struct Builder {
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

/// The code block language drawn as a diagram.
const DIAGRAM_LANG: &str = "mermaid";

/// The heading attribute that puts a colour or an image behind a slide (`{bg=photo.jpg}`).
const BACKGROUND_ATTR: &str = "bg";

impl Builder {
    /// A walk for a body at byte `base` of its file, splitting at headings up to `split_level`.
    pub(super) fn new(split_level: u8, base: usize) -> Builder {
        Builder {
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
        }
    }

    /// How many quotes, lists and footnote definitions are open.
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    /// The sections and footnote definitions walked so far.
    pub(super) fn finish(self) -> Parsed {
        Parsed {
            sections: self.sections,
            footnotes: self.footnotes,
        }
    }

    /// Takes one event, found at byte `offset` of the file.
    pub(super) fn event(&mut self, event: Event<'_>, offset: usize) {
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
            Event::Rule => self.new_section(None, Vec::new(), None, offset),
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
            Tag::Heading {
                level,
                classes,
                attrs,
                ..
            } => {
                let level = heading_level(level);
                if level <= self.split_level {
                    let classes = classes.iter().map(|c| c.to_string()).collect();
                    let background = attrs
                        .iter()
                        .find(|(key, _)| key.as_ref() == BACKGROUND_ATTR)
                        .and_then(|(_, value)| value.as_deref())
                        .map(|v| v.trim_matches(|c| c == '"' || c == '\'').to_string());
                    self.new_section(Some(Vec::new()), classes, background, offset);
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
                Frame::Code(lang, String::new(), offset)
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
                let spans = super::mark::apply(spans);
                if spans.iter().any(|s| !s.text.trim().is_empty()) {
                    self.push_block(Block::Paragraph { spans });
                }
                self.flush_images();
            }
            Frame::Heading(level, spans) => {
                let spans = super::mark::apply(spans);
                let section = self.sections.last_mut().expect("one section");
                if level <= self.split_level && section.blocks.is_empty() {
                    section.heading = Some(spans);
                } else {
                    self.push_block(Block::Heading { level, spans });
                }
                self.flush_images();
            }
            Frame::Quote(blocks) => self.push_block(Block::Quote {
                blocks: super::attribution::separate(blocks),
            }),
            Frame::Code(lang, text, offset) => self.close_code(lang, text, offset),
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Item(task, blocks, spans) => self.close_item(task, blocks, spans),
            Frame::Cell(spans) => {
                let spans = super::mark::apply(spans);
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
            Frame::Footnote(label, blocks, offset) => self.close_footnote(label, blocks, offset),
            Frame::Image(src, alt, offset) => {
                self.pending_images.push(Block::Image { src, alt, offset });
                if !matches!(self.frames.last(), Some(Frame::Para(_) | Frame::Item(..))) {
                    self.flush_images();
                }
            }
        }
    }

    /// Closes a list item: its loose text first, then its blocks and images.
    fn close_item(&mut self, task: Option<bool>, mut blocks: Vec<Block>, spans: Vec<Span>) {
        let spans = super::mark::apply(spans);
        if spans.iter().any(|s| !s.text.trim().is_empty()) {
            blocks.insert(0, Block::Paragraph { spans });
        }
        blocks.append(&mut self.pending_images);
        if let Some(Frame::List(_, items)) = self.frames.last_mut() {
            items.push(ListItem { task, blocks });
        }
    }

    /// Closes a footnote definition: its paragraphs joined into one run of spans.
    /// A code block, or a diagram when its language says so.
    fn close_code(&mut self, lang: Option<String>, mut text: String, offset: usize) {
        if text.ends_with('\n') {
            text.pop();
        }
        if lang
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(DIAGRAM_LANG))
        {
            self.push_block(Block::Diagram {
                source: text,
                offset,
            });
        } else {
            self.push_block(Block::Code { lang, text });
        }
    }

    fn close_footnote(&mut self, label: String, blocks: Vec<Block>, offset: usize) {
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
                Frame::Code(_, code, _) => {
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

    fn new_section(
        &mut self,
        heading: Option<Vec<Span>>,
        classes: Vec<String>,
        background: Option<String>,
        offset: usize,
    ) {
        let current = self.sections.last().expect("one section");
        let empty = current.blocks.is_empty() && current.heading.is_none();
        let section = Section {
            heading,
            classes,
            background,
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
