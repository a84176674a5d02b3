//! A slide's reading direction: right to left when the post says so (`dir = "rtl"`), or, left
//! to `auto`, when the slide's first letter (its heading's, else its body's) is right to left.
//! A right-to-left slide mirrors what has a side: list markers and quote bars on the right,
//! table columns from the right, the stat caption and the swipe cue.

use crate::config::TextDirection;
use crate::content::Slide;
use crate::content::markup::{Block, Span, plain_text};
use crate::text::bidi::first_strong_is_rtl;

/// Whether `slide` of a post set as `dir` reads right to left.
pub(super) fn slide_is_rtl(dir: TextDirection, slide: &Slide) -> bool {
    match dir {
        TextDirection::Ltr => false,
        TextDirection::Rtl => true,
        TextDirection::Auto => slide
            .heading
            .as_deref()
            .and_then(spans_rtl)
            .or_else(|| blocks_rtl(&slide.blocks))
            .unwrap_or(false),
    }
}

/// The direction of the first strong character of `spans`, if any.
fn spans_rtl(spans: &[Span]) -> Option<bool> {
    first_strong_is_rtl(&plain_text(spans))
}

/// The direction of the first strong character of the first block that has one.
fn blocks_rtl(blocks: &[Block]) -> Option<bool> {
    blocks.iter().find_map(|block| match block {
        Block::Paragraph { spans } | Block::Heading { spans, .. } => spans_rtl(spans),
        Block::List { items, .. } => items.iter().find_map(|item| blocks_rtl(&item.blocks)),
        Block::Quote { blocks } => blocks_rtl(blocks),
        Block::Table { head, .. } => head.iter().find_map(|cell| spans_rtl(cell)),
        Block::Code { .. } | Block::Image { .. } | Block::Diagram { .. } => None,
    })
}
