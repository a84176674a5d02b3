//! Flow and fitting: a content slide laid out at the theme's preferred sizes, shrunk step by
//! step down to the theme's minimum body size when it does not fit the content box, and
//! continued on further slides (split between rows: lines, list items, table rows) when it still
//! does not fit, each repeating the heading exactly under one "Continued" label. Text is never
//! clipped or dropped.

use crate::config::GROW_RANGE;
use crate::content::Slide;
use crate::content::footnotes::{SlideNote, superscript};
use crate::content::markup::{Block, Span};
use crate::error::Diagnostic;
use crate::formats::Format;

use super::composer::{BlockStyle, Composer, plain};
use super::element::Element;
use super::page::Page;
use super::rows::{Joint, Row, rows_height, rows_text, stack};

/// Scales tried, largest first, before a slide is continued on the next one.
pub(super) const FIT_SCALES: &[f32] = &[1.0, 0.94, 0.88, 0.82, 0.76, 0.7];
/// Shares of their size tables and code are tried at, largest first, before the text of a slide
/// is shrunk.
const DENSE_SCALES: [f32; 4] = [0.9, 0.8, 0.7, 0.6];
/// Heading leading.
pub(super) const HEADING_LEADING: f32 = 1.125;
/// Space between a heading and the body, in px.
pub(super) const HEADING_GAP: f32 = 32.0;
/// Largest share of the content box a heading may take before it is set smaller.
const HEADING_MAX_SHARE: f32 = 0.4;
/// Step by which an over-long heading shrinks.
const HEADING_SHRINK: f32 = 0.9;
/// Space above the footnotes of a slide, in px.
const NOTES_GAP: f32 = 40.0;
/// Width of the short rule above footnotes, in px.
const NOTE_RULE: f32 = 120.0;
/// Footnote leading.
const NOTE_LEADING: f32 = 1.3;
/// Share of the free space put above a short slide on tall formats (0.5 would centre it).
const TALL_CENTRE: f32 = 0.4;
/// Scales a short slide grows by, in steps of this much.
const GROW_STEP: f32 = 0.05;
/// A grown slide fills at most this share of the content box, leaving room to breathe.
const GROW_FILL: f32 = 0.8;
/// Share of the free space above the body under a heading (0.5 would centre it).
pub(super) const BODY_CENTRE: f32 = 0.45;
/// Share of the free space above a block without a heading: its optical centre, a little above
/// the middle.
const OPTICAL_CENTRE: f32 = 0.42;
/// Space between the continuation label and the heading, as a multiple of the label's size.
const LABEL_GAP: f32 = 0.35;

impl Composer<'_, '_> {
    /// A heading's rows at `scale`; a very long heading shrinks (down to body size) until it
    /// leaves most of the content box to the body.
    pub(super) fn heading_rows(&mut self, spans: &[Span], scale: f32) -> Vec<Row> {
        let theme = self.theme();
        let b = self.format().content_box();
        let floor = theme.sizes.min_body;
        let mut size = (theme.sizes.heading * self.format().display_scale * scale).max(floor * 1.4);
        loop {
            let laid = self.lay_quietly(spans, size, b.width, true);
            let rows = self.text_rows(&laid, b.x, size, HEADING_LEADING);
            if rows_height(&rows) <= b.height * HEADING_MAX_SHARE || size <= floor {
                self.missing.extend(&laid.missing);
                return rows;
            }
            size = (size * HEADING_SHRINK).max(floor);
        }
    }

    /// Heading rows for an optional heading (none for a slide without one).
    pub(super) fn optional_heading(&mut self, spans: &[Span], scale: f32) -> Vec<Row> {
        if spans.is_empty() {
            Vec::new()
        } else {
            self.heading_rows(spans, scale)
        }
    }

    /// The heading of a continuation slide: the first slide's heading rows, broken the same
    /// way, under a small muted label (`Continued` in the post's language, the same on every
    /// continuation slide of a carousel). A slide without a heading gets the label alone.
    pub(super) fn continued_heading(&mut self, head: &[Row]) -> Vec<Row> {
        let theme = self.theme();
        let b = self.format().content_box();
        let size = theme.sizes.caption;
        let look = (theme.colors.muted.as_str(), theme.fonts.body_weight);
        let label = self.labels.continued.clone();
        let laid = self.lay_colored(&label, (size, b.width), false, look);
        let mut rows = self.text_rows(&laid, b.x, size, NOTE_LEADING);
        for row in &mut rows {
            row.text.clear();
        }
        let mut head = head.to_vec();
        if let Some(first) = head.first_mut() {
            first.gap = size * LABEL_GAP;
        }
        rows.extend(head);
        rows
    }

    /// The body's sizes at `scale` under a heading `heading_h` tall.
    pub(super) fn body_style(&self, scale: f32, heading_h: f32, window: bool) -> BlockStyle {
        let theme = self.theme();
        let h = self.format().content_box().height;
        BlockStyle {
            size: (theme.sizes.body * scale).max(theme.sizes.min_body),
            code_size: (theme.sizes.code * scale).max(theme.sizes.min_body),
            max_height: (h - heading_h - HEADING_GAP).max(theme.sizes.body * 2.0),
            window,
            dense: 1.0,
            whole_in: None,
        }
    }

    /// Footnotes as small muted rows under a short rule.
    pub(super) fn note_rows(&mut self, notes: &[SlideNote]) -> Vec<Row> {
        let theme = self.theme();
        let b = self.format().content_box();
        let size = theme.sizes.caption;
        let mut out: Vec<Row> = Vec::new();
        for note in notes {
            let mut spans = plain(&format!("{} ", superscript(note.number)));
            spans.extend(note.spans.iter().cloned());
            let mut laid = self.lay(&spans, size, b.width, false);
            for run in laid.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
                if run.format.fill == theme.colors.text {
                    run.format.fill = theme.colors.muted.clone();
                }
            }
            let mut rows = self.text_rows(&laid, b.x, size, NOTE_LEADING);
            // A footnote is never split between slides.
            for row in rows.iter_mut().skip(1) {
                row.joint = Joint::Never;
            }
            if let Some(first) = rows.first_mut() {
                first.gap = if out.is_empty() {
                    NOTES_GAP
                } else {
                    size * 0.3
                };
                // Footnotes stay under the text that cites them.
                first.joint = if out.is_empty() {
                    Joint::Never
                } else {
                    Joint::Line
                };
                if out.is_empty() {
                    let rule = Element::rect(
                        b.x,
                        -NOTES_GAP / 2.0,
                        NOTE_RULE,
                        2.0,
                        1.0,
                        &theme.colors.muted,
                    );
                    first.elements.insert(0, rule);
                }
            }
            out.extend(rows);
        }
        out
    }

    /// The body rows of a slide (its blocks, then its footnotes).
    pub(super) fn body_rows(
        &mut self,
        style: &BlockStyle,
        slide: &Slide,
        blocks: &[crate::content::markup::Block],
    ) -> Result<Vec<Row>, Diagnostic> {
        let b = self.format().content_box();
        let mut body = self.block_rows(style, blocks, b.x, b.width)?;
        body.extend(self.note_rows(&slide.notes));
        Ok(body)
    }
}

/// A slide's rows laid out at one scale.
pub(super) struct Trial {
    /// The heading's rows.
    pub head: Vec<Row>,
    /// The body's rows.
    pub body: Vec<Row>,
    /// Heading, gap and body.
    pub height: f32,
    /// The body's scale.
    pub scale: f32,
}

/// How a trial sets a slide: its scale, and the share of their size its tables and code take.
#[derive(Clone, Copy)]
struct Fit {
    scale: f32,
    dense: f32,
}

impl Fit {
    /// At `scale`, tables and code at their usual size.
    fn at(scale: f32) -> Fit {
        Fit { scale, dense: 1.0 }
    }
}

/// Lays out a slide's heading and body as `fit` says.
fn trial(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
    fit: Fit,
) -> Result<Trial, Diagnostic> {
    let Fit { scale, dense } = fit;
    let heading = slide.heading.as_deref().unwrap_or_default();
    // Headings do not grow with a short body: they keep one size across a post's slides.
    let head = c.optional_heading(heading, scale.min(1.0));
    let head_h = rows_height(&head);
    let style = BlockStyle {
        dense,
        ..c.body_style(scale, head_h, window)
    };
    let body = c.body_rows(&style, slide, &slide.blocks)?;
    let gap = if head.is_empty() || body.is_empty() {
        0.0
    } else {
        HEADING_GAP
    };
    let height = head_h + gap + rows_height(&body);
    Ok(Trial {
        head,
        body,
        height,
        scale,
    })
}

/// The scales above 1 a short slide may grow to, largest first, up to the theme's ceiling and
/// no further than an estimate of what fills `GROW_FILL` of the box (text grows as the square of
/// the scale).
fn grow_scales(ceiling: f32, filled: f32) -> Vec<f32> {
    let ceiling = ceiling.clamp(*GROW_RANGE.start(), *GROW_RANGE.end());
    let estimate = (GROW_FILL / filled.max(f32::EPSILON)).sqrt() + GROW_STEP;
    let steps = ((ceiling - 1.0) / GROW_STEP).round() as usize;
    (1..=steps)
        .rev()
        .map(|i| 1.0 + i as f32 * GROW_STEP)
        .filter(|&s| s <= estimate)
        .collect()
}

/// Grows a short layout whose preferred height is `height` in a space `room` tall: lays it out
/// (`lay` returns the layout and its height) at the grow scales, largest first, and returns the
/// first that fills at most `GROW_FILL` of the room, with its scale. `None` when the preferred
/// layout already fills that much, or no scale leaves room to breathe.
pub(super) fn grow<T, E>(
    ceiling: f32,
    room: f32,
    height: f32,
    mut lay: impl FnMut(f32) -> Result<Option<(T, f32)>, E>,
) -> Result<Option<(T, f32)>, E> {
    if height > room * GROW_FILL {
        return Ok(None);
    }
    for scale in grow_scales(ceiling, height / room) {
        if let Some((layout, h)) = lay(scale)?
            && h <= room * GROW_FILL
        {
            return Ok(Some((layout, scale)));
        }
    }
    Ok(None)
}

/// The slide on one page at the largest scale that fits, if any does: a short slide grows
/// toward the theme's ceiling, a long one shrinks down to the theme's minimum body size.
pub(super) fn fit_one(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
) -> Result<Option<Page>, Diagnostic> {
    let theme = c.theme();
    let box_h = c.format().content_box().height;
    let base = c.type_scale.map_or(1.0, |t| t.base);
    let preferred = trial(c, slide, window, Fit::at(base))?;
    if preferred.height <= box_h {
        let grown = match c.type_scale {
            // The post's one larger size, when the slide is short enough for it.
            Some(planned) => match planned.grow {
                Some(scale) => {
                    let t = trial(c, slide, window, Fit::at(scale))?;
                    (t.height <= box_h * GROW_FILL).then_some(t)
                }
                None => None,
            },
            None => grow(theme.sizes.grow, box_h, preferred.height, |scale| {
                let t = trial(c, slide, window, Fit::at(scale))?;
                let height = t.height;
                Ok(Some((t, height)))
            })?
            .map(|(t, _)| t),
        };
        let best = grown.unwrap_or(preferred);
        return Ok(Some(balanced(c.format(), slide, best, false)));
    }
    // Tables and code are set smaller (down to the caption size) before the text is.
    if let Some(page) = fit_dense(c, slide, window, base)? {
        return Ok(Some(page));
    }
    // With the post's type scale set, a slide denser than it continues on the next one,
    // unless it is one quote: a quote is set smaller rather than cut.
    if c.type_scale.is_some() && !matches!(slide.blocks.as_slice(), [Block::Quote { .. }]) {
        return Ok(None);
    }
    shrunk(c, slide, window)
}

/// The slide on one page at `scale` with its tables and code set smaller (down to the caption
/// size), if it fits so.
pub(super) fn fit_dense(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
    scale: f32,
) -> Result<Option<Page>, Diagnostic> {
    if !has_dense_blocks(&slide.blocks) {
        return Ok(None);
    }
    let box_h = c.format().content_box().height;
    for &dense in &DENSE_SCALES {
        let dense = trial(c, slide, window, Fit { scale, dense })?;
        if dense.height <= box_h {
            return Ok(Some(balanced(c.format(), slide, dense, false)));
        }
    }
    Ok(None)
}

/// The slide on one page with its text set smaller (down to the theme's minimum body size) and
/// its tables and code at their smallest, if it fits so.
fn shrunk(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
) -> Result<Option<Page>, Diagnostic> {
    let theme = c.theme();
    let box_h = c.format().content_box().height;
    let dense_blocks = has_dense_blocks(&slide.blocks);
    let dense = if dense_blocks {
        DENSE_SCALES[DENSE_SCALES.len() - 1]
    } else {
        1.0
    };
    for &scale in &FIT_SCALES[1..] {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let shrunk = trial(c, slide, window, Fit { scale, dense })?;
        if shrunk.height <= box_h {
            return Ok(Some(balanced(c.format(), slide, shrunk, false)));
        }
    }
    Ok(None)
}

/// True when some of `blocks` is a table or a code block.
fn has_dense_blocks(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .any(|b| matches!(b, Block::Table { .. } | Block::Code { .. }))
}

/// A page with the heading at the top of the content box and the body centred (a little above
/// the middle) in the space under it; without a heading, the body on the optical centre.
pub(super) fn balanced(format: &Format, slide: &Slide, trial: Trial, continued: bool) -> Page {
    let area = format.content_box();
    let free = (area.height - trial.height).max(0.0);
    let heading = rows_text(&trial.head).trim().to_string();
    let body_h = rows_height(&trial.body);
    let body_top = if trial.head.is_empty() {
        area.y + free * OPTICAL_CENTRE
    } else {
        area.y + trial.height - body_h + free * BODY_CENTRE
    };
    let (mut content, head_alt) = stack(trial.head, area.y);
    let (body, alt) = stack(trial.body, body_top);
    content.extend(body);
    Page {
        content,
        heading,
        alt: format!("{head_alt} {alt}").trim().to_string(),
        continued,
        scale: trial.scale,
        ..Page::new(slide.kind, slide.offset)
    }
}

/// Stacks heading rows and body rows from the top of the content box.
pub(super) fn place(
    format: &Format,
    slide: &Slide,
    head: Vec<Row>,
    body: Vec<Row>,
    continued: bool,
    scale: f32,
) -> Page {
    let top = format.content_box().y;
    let heading = rows_text(&head);
    let head_len = head.len();
    let rows: Vec<Row> = head
        .into_iter()
        .chain(body.into_iter().enumerate().map(|(i, mut row)| {
            if i == 0 && head_len > 0 {
                row.gap = HEADING_GAP;
            }
            row
        }))
        .collect();
    let used = top + rows_height(&rows);
    let (content, alt) = stack(rows, top);
    Page {
        used,
        content,
        heading,
        alt,
        continued,
        scale,
        ..Page::new(slide.kind, slide.offset)
    }
}

/// On tall formats, moves a short top-aligned slide down so its block sits a little above the
/// middle of the content box instead of leaving the lower half empty.
pub(super) fn centre_on_tall(format: &Format, page: &mut Page) {
    let b = format.content_box();
    if !format.is_tall() || page.used <= b.y {
        return;
    }
    let dy = ((b.bottom() - page.used) * TALL_CENTRE).max(0.0);
    for el in &mut page.content {
        el.shift(dy);
    }
    page.mark_y += dy;
    page.used += dy;
}
