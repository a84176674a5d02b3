//! The stat layout: a big figure (`87%`, `$2.4M`, `10x`) in the accent colour with a caption
//! under it, the pair centred in the space below the heading.

use crate::content::Slide;
use crate::text::Shaper;

use super::blocks::{Row, lay, text_rows};
use super::layout::stat_parts;
use super::{ComposeCtx, Page, frame, plain, recolor, rows_height};

/// Figure size at 1080 wide, in px.
const FIGURE_SIZE: f32 = 240.0;
/// Smallest figure size before the slide falls back to the content layout.
const FIGURE_MIN: f32 = 120.0;
/// Step by which a figure too wide for one line shrinks.
const FIGURE_STEP: f32 = 0.9;
/// Figure leading (tight: digits have no descenders).
const FIGURE_LEADING: f32 = 1.0;
/// Caption leading.
const CAPTION_LEADING: f32 = 1.3;
/// Space between the figure and its caption, in px.
const CAPTION_GAP: f32 = 24.0;
/// The figure block is centred this far down the space below the heading (0.5 = middle).
const BLOCK_CENTER: f32 = 0.42;

/// Composes a stat slide; `None` if the figure or caption do not fit (the content layout then
/// takes the slide).
pub fn page(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Option<Page> {
    let (figure, captions) = stat_parts(&slide.blocks)?;
    let theme = ctx.theme;
    let (x, top, w, box_h) = ctx.format.content_box();
    let head = frame::head(ctx, shaper, slide, missing);
    let head_h = frame::head_space(&head);
    let mut size = FIGURE_SIZE * ctx.format.display_scale;
    let figure_rows = loop {
        let mut laid = lay(shaper, theme, &plain(&figure), size, w, true, missing);
        if laid.lines.len() == 1 {
            recolor(&mut laid, &theme.colors.accent, theme.fonts.heading_weight);
            break text_rows(shaper, theme, &laid, x, size, FIGURE_LEADING);
        }
        if size <= FIGURE_MIN {
            return None;
        }
        size = (size * FIGURE_STEP).max(FIGURE_MIN);
    };
    let caption_size = theme.sizes.cover_subtitle;
    let mut rows: Vec<Row> = figure_rows;
    for (i, block) in captions.iter().enumerate() {
        let crate::content::markup::Block::Paragraph { spans } = block else {
            return None;
        };
        let laid = lay(shaper, theme, spans, caption_size, w, false, missing);
        let mut new = text_rows(shaper, theme, &laid, x, caption_size, CAPTION_LEADING);
        if let Some(first) = new.first_mut() {
            first.gap = if i == 0 {
                CAPTION_GAP
            } else {
                caption_size * 0.6
            };
        }
        rows.extend(new);
    }
    let body_h = rows_height(&rows);
    let free = box_h - head_h;
    if body_h > free {
        return None;
    }
    let body_top = top + head_h + ((free - body_h) * BLOCK_CENTER).max(0.0);
    let mut page = frame::page(ctx, slide, head, rows, body_top);
    page.scale = size / (FIGURE_SIZE * ctx.format.display_scale);
    // Already placed in the free space: nothing to centre on tall formats.
    page.used = 0.0;
    Some(page)
}
