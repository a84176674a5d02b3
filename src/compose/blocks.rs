//! Lays out content blocks into rows: paragraphs, inner headings, lists, quotes, code, images
//! and tables, at a given x and width.

use crate::config::TextDirection;
use crate::content::markup::{Block, ListItem, Span};
use crate::error::Diagnostic;
use crate::text::{self, RunFormat, Setting, StyledText, Wrap};

use super::composer::{BlockStyle, Composer};
use super::element::{Element, baseline, line_elements};
use super::rows::Row;
use super::sentences::ends_sentence;

/// Body line height, as a multiple of the size.
pub(super) const BODY_LEADING: f32 = 1.4;
/// Space between blocks, as a multiple of the body size.
const BLOCK_GAP: f32 = 0.8;
/// Space between list items, as a multiple of the body size.
const ITEM_GAP: f32 = 0.4;
/// Indent of list text from its marker, as a multiple of the body size.
const LIST_INDENT: f32 = 1.5;
/// Indent of quoted text from the quote bar, as a multiple of the body size.
const QUOTE_INDENT: f32 = 1.0;
/// Width of the quote bar in px.
const QUOTE_BAR: f32 = 6.0;
/// Largest corner radius of images in the flow of a slide.
const IMAGE_RADIUS: f32 = 16.0;
/// Inner headings are set this much larger than the body.
const INNER_HEADING_SCALE: f32 = 1.2;
/// Inner heading leading.
const INNER_HEADING_LEADING: f32 = 1.25;

impl Composer<'_, '_> {
    /// Lays out blocks into rows at `x`, `width` wide.
    pub(super) fn block_rows(
        &mut self,
        style: &BlockStyle,
        blocks: &[Block],
        x: f32,
        width: f32,
    ) -> Result<Vec<Row>, Diagnostic> {
        let mut out = Vec::new();
        let gap = style.size * BLOCK_GAP;
        for block in blocks {
            let start = out.len();
            self.block_into(style, block, x, width, &mut out)?;
            if let Some(first) = out.get_mut(start) {
                first.gap = first.gap.max(gap);
                first.block_start = true;
            }
        }
        Ok(out)
    }

    /// Appends the rows of one block to `out`.
    fn block_into(
        &mut self,
        style: &BlockStyle,
        block: &Block,
        x: f32,
        width: f32,
        out: &mut Vec<Row>,
    ) -> Result<(), Diagnostic> {
        match block {
            Block::Paragraph { spans } => {
                let laid = self.lay(spans, style.size, width, false);
                let mut rows = self.text_rows(&laid, x, style.size, BODY_LEADING);
                for (row, before) in rows.iter_mut().skip(1).zip(&laid.lines) {
                    row.sentence_start = ends_sentence(&before.text());
                }
                out.extend(rows);
            }
            Block::Heading { spans, .. } => out.extend(self.inner_heading(spans, style, x, width)),
            Block::List { start, items } => {
                self.list_rows(style, *start, items, (x, width), out)?;
            }
            Block::Quote { blocks } => out.extend(self.quote_rows(style, blocks, x, width)?),
            Block::Code { text, lang } => {
                out.extend(self.code_rows(style, text, lang.as_deref(), x, width));
            }
            Block::Image { src, offset, alt } => {
                out.push(self.image_row(style, src, *offset, alt, x, width)?);
            }
            Block::Table { head, rows } => out.extend(self.table_rows(style, head, rows, x, width)),
            Block::Diagram { source, offset } => {
                out.push(self.diagram_row(style, source, *offset, x, width)?);
            }
        }
        Ok(())
    }

    /// An inner heading (`###`), kept with the row after it.
    fn inner_heading(
        &mut self,
        spans: &[Span],
        style: &BlockStyle,
        x: f32,
        width: f32,
    ) -> Vec<Row> {
        let size = style.size * INNER_HEADING_SCALE;
        let laid = self.lay(spans, size, width, true);
        let mut rows = self.text_rows(&laid, x, size, INNER_HEADING_LEADING);
        if let Some(last) = rows.last_mut() {
            last.keep_with_next = true;
        }
        rows
    }

    /// A blockquote: its blocks indented, with an accent bar down the start side (left, or right
    /// in a right-to-left slide) of every row.
    fn quote_rows(
        &mut self,
        style: &BlockStyle,
        blocks: &[Block],
        x: f32,
        width: f32,
    ) -> Result<Vec<Row>, Diagnostic> {
        let indent = style.size * QUOTE_INDENT + QUOTE_BAR;
        // The bar is on the side the text starts from: the right in a right-to-left slide.
        let (text_x, bar_x) = if self.rtl {
            (x, x + width - QUOTE_BAR)
        } else {
            (x + indent, x)
        };
        let mut rows = self.block_rows(style, blocks, text_x, width - indent)?;
        let accent = &self.theme().colors.accent;
        for (i, row) in rows.iter_mut().enumerate() {
            let top = if i == 0 { 0.0 } else { -row.gap };
            let bar = Element::rect(
                bar_x,
                top,
                QUOTE_BAR,
                row.height - top,
                QUOTE_BAR / 2.0,
                accent,
            );
            row.elements.insert(0, bar);
        }
        Ok(rows)
    }

    /// An image in the flow: as wide as the column (never enlarged), no taller than a row may be.
    fn image_row(
        &mut self,
        style: &BlockStyle,
        src: &str,
        offset: usize,
        alt: &str,
        x: f32,
        width: f32,
    ) -> Result<Row, Diagnostic> {
        let image = (self.ctx.images)(src, offset)?;
        let aspect = image.height / image.width.max(1.0);
        let mut w = width.min(image.width.max(1.0));
        let mut h = w * aspect;
        if h > style.max_height {
            h = style.max_height;
            w = h / aspect;
        }
        let element = Element::Image {
            x,
            y: 0.0,
            width: w,
            height: h,
            href: image.href,
            rx: self.theme().shape.radius.min(IMAGE_RADIUS),
            slice: false,
        };
        Ok(Row::new(h, vec![element], alt.to_string()))
    }

    /// A list: each item's blocks indented behind a marker (bullet, number or task box).
    fn list_rows(
        &mut self,
        style: &BlockStyle,
        start: Option<u64>,
        items: &[ListItem],
        (x, width): (f32, f32),
        out: &mut Vec<Row>,
    ) -> Result<(), Diagnostic> {
        let size = style.size;
        let indent = size * LIST_INDENT;
        // Markers hang in the indent on the start side: the right in a right-to-left slide.
        let (text_x, marker_x) = if self.rtl {
            (x, x + width - indent)
        } else {
            (x + indent, x)
        };
        for (i, item) in items.iter().enumerate() {
            let item_rows = self.block_rows(style, &item.blocks, text_x, width - indent)?;
            let first = out.len();
            out.extend(item_rows);
            if out.len() == first {
                continue;
            }
            let number = start.map(|n| n + i as u64);
            let mut marker = self.list_marker(item.task, number, marker_x, size);
            let row = &mut out[first];
            // A line raised by a taller font (Arabic, CJK) is centred in its row: so is the marker.
            let raised = row.height - size * BODY_LEADING;
            if raised > 0.0 {
                marker.shift(raised / 2.0);
            }
            row.block_start = true;
            row.gap = if i == 0 { 0.0 } else { size * ITEM_GAP };
            row.elements.insert(0, marker);
        }
        Ok(())
    }

    /// A list item's marker in the indent starting at `x`, against its start side (the right
    /// in a right-to-left slide): a task box, the item's number or a bullet.
    fn list_marker(
        &mut self,
        task: Option<bool>,
        number: Option<u64>,
        x: f32,
        size: f32,
    ) -> Element {
        let theme = self.theme();
        let mid = size * BODY_LEADING / 2.0;
        let rtl = self.rtl;
        // The marker's left edge, given its width.
        let at = |w: f32| if rtl { x + size * LIST_INDENT - w } else { x };
        match (task, number) {
            (Some(done), _) => {
                let side = size * 0.7;
                let fill = if done {
                    &theme.colors.accent
                } else {
                    &theme.colors.muted
                };
                let mut r = Element::rect(at(side), mid - side / 2.0, side, side, side * 0.2, fill);
                if let Element::Rect { opacity, .. } = &mut r {
                    *opacity = if done { 1.0 } else { 0.35 };
                }
                r
            }
            (None, Some(n)) => {
                let runs = vec![StyledText {
                    text: format!("{n}."),
                    format: RunFormat::plain(
                        &theme.fonts.body,
                        theme.fonts.bold_weight,
                        &theme.colors.accent,
                    ),
                }];
                let setting = Setting {
                    size,
                    width: size * LIST_INDENT,
                    emoji: &theme.fonts.emoji,
                    wrap: Wrap::Prose,
                    dir: if rtl {
                        TextDirection::Rtl
                    } else {
                        TextDirection::Ltr
                    },
                };
                let laid = text::layout_with(&mut self.shaper, &runs, &setting);
                let line = &laid.lines[0];
                let base = baseline(self.primary_metrics(), size, size * BODY_LEADING);
                line_elements(line, at(line.width), base, size, &theme.colors.surface).remove(0)
            }
            (None, None) => Element::Circle {
                cx: at(size * 0.6) + size * 0.3,
                cy: mid,
                r: size * 0.16,
                fill: theme.colors.accent.clone(),
            },
        }
    }
}
