//! The shared opening of the special layouts (list cards, columns, quote, stat): the slide's
//! heading at the top of the content box, and a body block placed below it by the layout.

use crate::content::Slide;
use crate::formats::Rect;

use super::composer::Composer;
use super::flow::{BODY_CENTRE, HEADING_GAP};
use super::page::Page;
use super::rows::{Row, rows_height, rows_text, stack};

/// A special layout's frame: the content box and the heading set at its top.
pub(super) struct Frame {
    /// The content box.
    pub area: Rect,
    /// The slide's heading rows at the preferred size (none for a slide without a heading).
    pub head: Vec<Row>,
    /// Height the heading takes, with the gap under it (0 without a heading).
    pub head_h: f32,
}

impl Frame {
    /// Sets the slide's heading at the top of the content box.
    pub(super) fn open(c: &mut Composer<'_, '_>, slide: &Slide) -> Frame {
        let head = slide
            .heading
            .as_ref()
            .map(|h| c.heading_rows(h, 1.0))
            .unwrap_or_default();
        let head_h = if head.is_empty() {
            0.0
        } else {
            rows_height(&head) + HEADING_GAP
        };
        Frame {
            area: c.format().content_box(),
            head,
            head_h,
        }
    }

    /// A frame without a heading (the layout sets the slide's heading itself).
    pub(super) fn bare(c: &Composer<'_, '_>) -> Frame {
        Frame {
            area: c.format().content_box(),
            head: Vec::new(),
            head_h: 0.0,
        }
    }

    /// The top of the space under the heading.
    pub(super) fn body_top(&self) -> f32 {
        self.area.y + self.head_h
    }

    /// Where a body `body_h` tall starts when centred (a little above the middle) in the space
    /// under the heading.
    pub(super) fn centred_top(&self, body_h: f32) -> f32 {
        self.body_top() + (self.free() - body_h).max(0.0) * BODY_CENTRE
    }

    /// The height of the space under the heading.
    pub(super) fn free(&self) -> f32 {
        self.area.height - self.head_h
    }

    /// A page with the heading at the top of the content box and `body` stacked from
    /// `body_top`.
    pub(super) fn page(self, slide: &Slide, body: Vec<Row>, body_top: f32) -> Page {
        let heading = rows_text(&self.head);
        let (mut content, head_alt) = stack(self.head, self.area.y);
        let (body, alt) = stack(body, body_top);
        content.extend(body);
        Page {
            content,
            heading,
            alt: format!("{head_alt} {alt}").trim().to_string(),
            ..Page::new(slide.kind, slide.offset)
        }
    }
}
