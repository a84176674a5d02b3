//! The stat layout: a big figure (`87%`, `$2.4M`, `10x`) in the accent colour with a caption
//! under it, the pair centred in the space below the heading.

use crate::content::Slide;
use crate::content::markup::Block;

use super::composer::Composer;
use super::frame::Frame;
use super::layout::stat_parts;
use super::page::Page;
use super::rows::{Row, rows_height};

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

/// Composes a stat slide; `None` if the figure does not fit one line at its smallest size or
/// the captions do not fit under it.
pub(super) fn page(c: &mut Composer<'_, '_>, slide: &Slide) -> Option<Page> {
    let parts = stat_parts(slide)?;
    let (figure, captions) = (parts.figure, parts.captions);
    let theme = c.theme();
    // A figure that is the heading stands alone: no heading above it.
    let frame = if parts.from_heading {
        Frame::bare(c)
    } else {
        Frame::open(c, slide)
    };
    let area = frame.area;
    let full = FIGURE_SIZE * c.format().display_scale;
    let mut size = full;
    let mut rows = loop {
        let look = (theme.colors.accent.as_str(), theme.fonts.heading_weight);
        let laid = c.lay_colored(&figure, (size, area.width), true, look);
        if laid.lines.len() == 1 {
            break c.text_rows(&laid, area.x, size, FIGURE_LEADING);
        }
        if size <= FIGURE_MIN {
            return None;
        }
        size = (size * FIGURE_STEP).max(FIGURE_MIN);
    };
    rows.extend(caption_rows(c, captions, area)?);
    let body_h = rows_height(&rows);
    let free = frame.free();
    if body_h > free {
        return None;
    }
    let body_top = frame.body_top() + ((free - body_h) * BLOCK_CENTER).max(0.0);
    let mut page = frame.page(slide, rows, body_top);
    if parts.from_heading {
        page.heading = figure;
    }
    page.scale = size / full;
    Some(page)
}

/// The captions under the figure; `None` if one of them is not a paragraph.
fn caption_rows(
    c: &mut Composer<'_, '_>,
    captions: &[Block],
    area: crate::formats::Rect,
) -> Option<Vec<Row>> {
    let size = c.theme().sizes.cover_subtitle;
    let mut rows = Vec::new();
    for (i, block) in captions.iter().enumerate() {
        let Block::Paragraph { spans } = block else {
            return None;
        };
        let laid = c.lay(spans, size, area.width, false);
        let mut new = c.text_rows(&laid, area.x, size, CAPTION_LEADING);
        if let Some(first) = new.first_mut() {
            first.gap = if i == 0 { CAPTION_GAP } else { size * 0.6 };
        }
        rows.extend(new);
    }
    Some(rows)
}
