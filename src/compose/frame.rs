//! Shared placement for the special layouts: the slide's heading at the top of the content box
//! and a body block placed below it by the layout.

use crate::content::Slide;
use crate::text::Shaper;

use super::blocks::Row;
use super::{ComposeCtx, HEADING_GAP, Page, heading_rows, rows_height, rows_text, stack};

/// The slide's heading rows at the preferred size (none for a slide without a heading).
pub fn head(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Vec<Row> {
    slide
        .heading
        .as_ref()
        .map(|h| heading_rows(ctx, shaper, h, 1.0, missing))
        .unwrap_or_default()
}

/// Height the heading takes, with the gap under it.
pub fn head_space(head: &[Row]) -> f32 {
    if head.is_empty() {
        0.0
    } else {
        rows_height(head) + HEADING_GAP
    }
}

/// A page with `head` at the top of the content box and `body` stacked from `body_top`.
pub fn page(
    ctx: &ComposeCtx<'_>,
    slide: &Slide,
    head: Vec<Row>,
    body: Vec<Row>,
    body_top: f32,
) -> Page {
    let (_, top, _, _) = ctx.format.content_box();
    let heading = rows_text(&head);
    let used = body_top + rows_height(&body);
    let (mut content, head_alt) = stack(head, top);
    let (body, alt) = stack(body, body_top);
    content.extend(body);
    Page {
        used,
        content,
        heading,
        alt: format!("{head_alt} {alt}").trim().to_string(),
        ..Page::new(slide.kind, slide.offset)
    }
}
