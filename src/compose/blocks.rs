//! Lays out content blocks into rows: paragraphs, inner headings, lists, quotes, code, images
//! and tables, at a given x and width.

use crate::config::TextDirection;
use crate::content::markup::{Block, ListItem, Span, plain_text};
use crate::error::Diagnostic;
use crate::text::{self, RunFormat, Setting, StyledText, Wrap};
use crate::theme::Theme;

use super::composer::{BlockStyle, Composer, Room};
use super::element::{Element, baseline, line_elements};
use super::keep::LeadIn;
use super::rows::{Joint, Row};
use super::sentences::ends_sentence;
use super::table::is_table_note;

/// Body line height, as a multiple of the size.
pub(super) const BODY_LEADING: f32 = 1.4;
/// Space between blocks, as a multiple of the body size.
const BLOCK_GAP: f32 = 0.8;
/// Space between list items, as a multiple of the body size.
const ITEM_GAP: f32 = 0.4;
/// Space between a lead-in ending with a colon and the list it introduces, as a multiple of the
/// body size.
pub(super) const LEAD_GAP: f32 = 0.4;
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
/// A list of at most this many items is kept on one slide when it can be.
const SHORT_LIST: usize = 6;
/// A task box's side, as a multiple of the body size.
const TASK_BOX: f32 = 0.7;
/// A task box's outline width, as a multiple of its side.
const TASK_STROKE: f32 = 0.09;
/// The tick's line width in a done task's box, as a multiple of its side.
const TICK_STROKE: f32 = 0.13;
/// A paragraph split between slides leaves at least this many lines on each.
const MIN_PARAGRAPH_PART: usize = 2;

/// The joint before each line of a paragraph whose lines end a sentence where `ends` says: a
/// block boundary before the first, then sentence ends and line ends, except where a part of
/// fewer than `MIN_PARAGRAPH_PART` lines would be left.
fn paragraph_joints(ends: &[bool]) -> Vec<Joint> {
    let n = ends.len();
    (0..n)
        .map(|i| match i {
            0 => Joint::Block,
            _ if i < MIN_PARAGRAPH_PART || n - i < MIN_PARAGRAPH_PART => Joint::Never,
            _ if ends[i - 1] => Joint::Sentence,
            _ => Joint::Line,
        })
        .collect()
}

/// A task list's box, `side` px wide with its top left corner at `corner`: an outline when
/// open, filled and ticked when done.
fn task_box(theme: &Theme, done: bool, [left, top]: [f32; 2], side: f32) -> Vec<Element> {
    let ink = if done {
        &theme.colors.accent
    } else {
        &theme.colors.muted
    };
    let mut task = Element::rect(left, top, side, side, side * 0.2, ink);
    if let Element::Rect {
        opacity,
        stroke,
        stroke_width,
        ..
    } = &mut task
    {
        // An open box is an outline only.
        *opacity = if done { 1.0 } else { 0.0 };
        *stroke = Some(ink.clone());
        *stroke_width = side * TASK_STROKE;
    }
    if !done {
        return vec![task];
    }
    // A tick in the slide's background colour through the filled box.
    let tick =
        [[0.24, 0.52], [0.43, 0.7], [0.77, 0.32]].map(|[u, v]| [left + u * side, top + v * side]);
    let tick = Element::Shape {
        points: tick.to_vec(),
        fill: None,
        stroke: Some(theme.colors.bg.clone()),
        stroke_width: side * TICK_STROKE,
    };
    vec![task, tick]
}

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
        for (i, block) in blocks.iter().enumerate() {
            let start = out.len();
            let after_table = i > 0 && matches!(blocks[i - 1], Block::Table { .. });
            match block {
                Block::Paragraph { spans } if after_table && is_table_note(spans) => {
                    out.extend(self.table_note_rows(spans, x, width));
                    continue;
                }
                _ => self.block_into(style, block, x, width, &mut out)?,
            }
            let led = matches!(
                block,
                Block::List { .. } | Block::Code { .. } | Block::Table { .. }
            ) && start > 0
                && out[start - 1].soft_keep;
            if let Some(first) = out.get_mut(start) {
                // A list, code or table sits closer under its lead-in, as one unit.
                first.gap = first.gap.max(if led { style.size * LEAD_GAP } else { gap });
                first.joint = Joint::Block;
            }
            // A lead-in ending with a colon stays with what it introduces.
            if let (Block::Paragraph { spans }, Some(last)) = (block, out.last_mut())
                && blocks.get(i + 1).is_some()
                && plain_text(spans).trim_end().ends_with([':', '：'])
            {
                last.keep_with_next = true;
                last.soft_keep = true;
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
                let ends: Vec<bool> = laid
                    .lines
                    .iter()
                    .map(|l| ends_sentence(&l.text()))
                    .collect();
                for (row, joint) in rows.iter_mut().zip(paragraph_joints(&ends)) {
                    row.joint = joint;
                }
                out.extend(rows);
            }
            Block::Heading { spans, .. } => out.extend(self.inner_heading(spans, style, x, width)),
            Block::List { start, items } => {
                self.list_rows(style, *start, items, (x, width), out)?;
            }
            Block::Quote { blocks } => out.extend(self.quote_rows(style, blocks, x, width)?),
            Block::Code { text, lang } => {
                let lead = LeadIn::of(out, style, LEAD_GAP);
                let rows = self.whole(style, lead, |c, style| {
                    c.code_rows(style, text, lang.as_deref(), x, width)
                });
                out.extend(rows);
            }
            Block::Image { src, offset, alt } => {
                out.push(self.image_row(style, src, *offset, alt, x, width)?);
            }
            Block::Table { head, rows } => {
                let lead = LeadIn::of(out, style, LEAD_GAP);
                let rows = self.whole(style, lead, |c, style| {
                    c.table_rows(style, head, rows, x, width)
                });
                out.extend(rows);
            }
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
        let nested = BlockStyle {
            whole_in: Room::nested(style.whole_in),
            ..*style
        };
        let mut rows = self.block_rows(&nested, blocks, text_x, width - indent)?;
        let accent = &self.theme().colors.accent;
        // A quote (with its attribution) stays whole when it can.
        for row in rows.iter_mut().skip(1) {
            row.joint = row.joint.min(Joint::Line);
        }
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
        // A short list is kept whole when it can be: its items are weaker joints than blocks.
        let item_joint = if items.len() <= SHORT_LIST {
            Joint::Sentence
        } else {
            Joint::Block
        };
        let list_start = out.len();
        let nested = BlockStyle {
            whole_in: Room::nested(style.whole_in),
            ..*style
        };
        for (i, item) in items.iter().enumerate() {
            let first = out.len();
            for (j, block) in item.blocks.iter().enumerate() {
                let start = out.len();
                out.extend(self.block_rows(
                    &nested,
                    std::slice::from_ref(block),
                    text_x,
                    width - indent,
                )?);
                // A nested list stays with the item that holds it, spaced as its items are.
                if j > 0 && matches!(block, Block::List { .. }) && start > first {
                    out[start - 1].keep_with_next = true;
                    out[start - 1].soft_keep = true;
                    out[start].joint = Joint::Line;
                    out[start].gap = size * ITEM_GAP;
                }
            }
            if out.len() == first {
                continue;
            }
            let number = start.map(|n| n + i as u64);
            let mut marker = self.list_marker(item.task, number, marker_x, size);
            let row = &mut out[first];
            // A line raised by a taller font (Arabic, CJK) is centred in its row: so is the marker.
            let raised = row.height - size * BODY_LEADING;
            if raised > 0.0 {
                marker.iter_mut().for_each(|m| m.shift(raised / 2.0));
            }
            row.joint = item_joint;
            row.gap = if i == 0 { 0.0 } else { size * ITEM_GAP };
            row.elements.splice(0..0, marker);
        }
        let lead = LeadIn::of(&out[..list_start], style, LEAD_GAP);
        self.group_list(
            style,
            lead,
            items.len() <= SHORT_LIST,
            &mut out[list_start..],
        );
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
    ) -> Vec<Element> {
        let theme = self.theme();
        let mid = size * BODY_LEADING / 2.0;
        let rtl = self.rtl;
        // The marker's left edge, given its width.
        let at = |w: f32| if rtl { x + size * LIST_INDENT - w } else { x };
        match (task, number) {
            (Some(done), _) => {
                let side = size * TASK_BOX;
                task_box(theme, done, [at(side), mid - side / 2.0], side)
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
                vec![
                    line_elements(line, at(line.width), base, size, &theme.colors.surface)
                        .remove(0),
                ]
            }
            (None, None) => vec![Element::Circle {
                cx: at(size * 0.6) + size * 0.3,
                cy: mid,
                r: size * 0.16,
                fill: theme.colors.accent.clone(),
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_tasks_are_outlined_and_done_ones_ticked() {
        let theme = crate::theme::load(std::path::Path::new("/nonexistent"), "paper").unwrap();
        for (done, parts, fill_opacity) in [(false, 1, 0.0), (true, 2, 1.0)] {
            let drawn = task_box(&theme, done, [0.0, 0.0], 28.0);
            assert_eq!(drawn.len(), parts, "done: {done}");
            let Element::Rect {
                opacity, stroke, ..
            } = &drawn[0]
            else {
                panic!("a box first");
            };
            assert_eq!(*opacity, fill_opacity, "done: {done}");
            assert!(stroke.is_some(), "outlined");
            if done {
                assert!(
                    matches!(&drawn[1], Element::Shape { fill: None, .. }),
                    "a tick"
                );
            }
        }
    }

    #[test]
    fn paragraphs_never_leave_a_one_line_part() {
        use Joint::{Block, Line, Never, Sentence};
        // (which lines end a sentence, the joint before each line)
        let cases: [(&[bool], &[Joint]); 4] = [
            (&[true], &[Block]),
            (&[true, true], &[Block, Never]),
            (
                &[false, true, false, true],
                &[Block, Never, Sentence, Never],
            ),
            (
                &[false, false, true, false, true],
                &[Block, Never, Line, Sentence, Never],
            ),
        ];
        for (ends, want) in cases {
            assert_eq!(paragraph_joints(ends), want, "{ends:?}");
        }
    }
}
