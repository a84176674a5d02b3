//! The two-column layout: a slide of two inner headings (`### Before` ... `### After`) set side
//! by side as two equal cards, for comparisons.

use crate::content::Slide;
use crate::content::markup::Block;
use crate::error::Diagnostic;
use crate::text::Shaper;

use super::blocks::{self, Row};
use super::element::Element;
use super::layout::column_split;
use super::{ComposeCtx, FIT_SCALES, Page, body_style, frame, rows_height, stack};

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

/// Composes a two-column slide; `None` if the columns do not fit one slide (the content layout
/// then sets the blocks one under the other and continues them).
pub fn page(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Result<Option<Page>, Diagnostic> {
    let Some((left, right)) = halves(&slide.blocks) else {
        return Ok(None);
    };
    let theme = ctx.theme;
    let (x, top, w, box_h) = ctx.format.content_box();
    let head = frame::head(ctx, shaper, slide, missing);
    let head_h = frame::head_space(&head);
    let col_w = (w - COLUMN_GAP) / 2.0;
    for &scale in FIT_SCALES {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let style = body_style(ctx, scale, head_h + 2.0 * PAD, false);
        let mut columns = Vec::new();
        for (i, blocks) in [left, right].into_iter().enumerate() {
            let cx = x + i as f32 * (col_w + COLUMN_GAP) + PAD;
            let rows = blocks::rows(
                shaper,
                &style,
                ctx.images,
                blocks,
                cx,
                col_w - 2.0 * PAD,
                missing,
            )?;
            columns.push(rows);
        }
        let inner = columns.iter().map(|c| rows_height(c)).fold(0.0, f32::max);
        let height = inner + 2.0 * PAD;
        if head_h + height > box_h {
            continue;
        }
        let mut elements = Vec::new();
        let mut text = Vec::new();
        for (i, rows) in columns.into_iter().enumerate() {
            let cx = x + i as f32 * (col_w + COLUMN_GAP);
            elements.extend(Element::card(
                theme,
                cx,
                0.0,
                col_w,
                height,
                &theme.colors.surface,
            ));
            let (els, alt) = stack(rows, PAD);
            elements.extend(els);
            text.push(alt);
        }
        let row = Row {
            gap: 0.0,
            height,
            elements,
            text: text.join(" "),
            keep_with_next: false,
            block_start: true,
        };
        let mut page = frame::page(ctx, slide, head, vec![row], top + head_h);
        page.scale = scale;
        return Ok(Some(page));
    }
    Ok(None)
}
