//! The two-column layout: a slide of two inner headings (`### Before` ... `### After`) set side
//! by side as two equal cards, for comparisons.

use crate::content::Slide;
use crate::content::markup::Block;
use crate::error::Diagnostic;

use super::composer::Composer;
use super::element::Element;
use super::flow::FIT_SCALES;
use super::frame::Frame;
use super::layout::column_split;
use super::page::Page;
use super::rows::{Joint, Row, rows_height, stack};

/// Space between the two columns, in px.
const COLUMN_GAP: f32 = 32.0;
/// Padding inside each column's card, in px.
const PAD: f32 = 36.0;

/// The blocks of each column: split at the second inner heading, else (for a `{.columns}` slide
/// without inner headings) in half by block count.
fn halves(blocks: &[Block]) -> Option<(&[Block], &[Block])> {
    column_split(blocks)
        .or_else(|| (blocks.len() >= 2).then(|| blocks.split_at(blocks.len().div_ceil(2))))
}

/// Composes a two-column slide; `None` if the columns do not fit one slide at the smallest
/// size (the content layout then continues the slide).
pub(super) fn page(c: &mut Composer<'_, '_>, slide: &Slide) -> Result<Option<Page>, Diagnostic> {
    let Some(halves) = halves(&slide.blocks) else {
        return Ok(None);
    };
    let theme = c.theme();
    let frame = Frame::open(c, slide);
    for &scale in FIT_SCALES {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let Some(row) = columns_row(c, &frame, halves, scale)? else {
            continue;
        };
        let top = frame.centred_top(row.height);
        let mut page = frame.page(slide, vec![row], top);
        page.scale = scale;
        return Ok(Some(page));
    }
    Ok(None)
}

/// The two columns as cards side by side in one row at `scale`; `None` if they are taller than
/// the space under the heading.
fn columns_row(
    c: &mut Composer<'_, '_>,
    frame: &Frame,
    (left, right): (&[Block], &[Block]),
    scale: f32,
) -> Result<Option<Row>, Diagnostic> {
    let theme = c.theme();
    let area = frame.area;
    let col_w = (area.width - COLUMN_GAP) / 2.0;
    let style = c.body_style(scale, frame.head_h + 2.0 * PAD, false);
    // The first column is on the start side: the right in a right-to-left slide.
    let rtl = c.rtl;
    let slot = |i: usize| {
        let i = if rtl { 1 - i } else { i };
        area.x + i as f32 * (col_w + COLUMN_GAP)
    };
    let mut columns = Vec::new();
    for (i, blocks) in [left, right].into_iter().enumerate() {
        let cx = slot(i) + PAD;
        columns.push(c.block_rows(&style, blocks, cx, col_w - 2.0 * PAD)?);
    }
    let inner = columns.iter().map(|c| rows_height(c)).fold(0.0, f32::max);
    let height = inner + 2.0 * PAD;
    if frame.head_h + height > area.height {
        return Ok(None);
    }
    let mut elements = Vec::new();
    let mut text = Vec::new();
    for (i, rows) in columns.into_iter().enumerate() {
        let cx = slot(i);
        let surface = &theme.colors.surface;
        elements.extend(Element::card(theme, cx, 0.0, col_w, height, surface));
        let (els, alt) = stack(rows, PAD);
        elements.extend(els);
        text.push(alt);
    }
    Ok(Some(Row {
        joint: Joint::Block,
        ..Row::new(height, elements, text.join(" "))
    }))
}
