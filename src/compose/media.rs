//! The image layouts: a slide that is one image and a little prose.
//!
//! - `full`: the image covers the canvas (cropped to fill); the heading and text sit at the
//!   bottom in white on a dark scrim the layout draws from `mark_y` down.
//! - `left` / `right`: the image fills half of the content box (fitted, never cropped) and the
//!   text is centred beside it.
//! - `top`: on tall formats (9:16), and for wide images on automatic image slides, the image
//!   spans the content box above the text.

use crate::content::Slide;
use crate::content::markup::Block;
use crate::error::Diagnostic;
use crate::formats::Rect;

use super::composer::Composer;
use super::element::Element;
use super::flow::{FIT_SCALES, HEADING_GAP, HEADING_LEADING};
use super::layout::ImageSide;
use super::page::{Page, Variant};
use super::rows::{Row, rows_height, rows_text, stack};
use crate::images::LoadedImage;

/// Text colour on the full-bleed scrim.
pub(super) const ON_IMAGE: &str = "#FFFFFF";
/// Secondary text colour on the full-bleed scrims.
const ON_IMAGE_MUTED: &str = "#E4E4E7";
/// Space between the image and the text beside it, in px.
const SIDE_GAP: f32 = 48.0;
/// Share of the content box's width the image takes beside text.
const SIDE_SHARE: f32 = 0.5;
/// Share of the content box's height the image may take on top of text (tall formats).
const TOP_SHARE: f32 = 0.55;
/// Images at least this tall for their width go beside the text on automatic image slides;
/// wider ones go above it.
const UPRIGHT: f32 = 0.8;
/// Space the scrim extends above the text on full-bleed slides, in px.
const SCRIM_LEAD: f32 = 220.0;

/// Space between the heading and the text on image slides, as a share of the usual gap.
const IMAGE_HEADING_GAP: f32 = 0.75;

/// The theme chrome uses over a full-bleed image: white text and counter on the scrims.
pub(super) fn on_image_theme(theme: &crate::theme::Theme) -> crate::theme::Theme {
    let mut t = theme.clone();
    t.colors.text = ON_IMAGE.to_string();
    t.colors.muted = ON_IMAGE_MUTED.to_string();
    t
}

/// Composes an image slide; `None` if its text does not fit beside (or over) the image at the
/// smallest size (the content layout then continues the slide).
pub(super) fn page(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    side: ImageSide,
) -> Result<Option<Page>, Diagnostic> {
    let Some(Block::Image { src, offset, alt }) = slide
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Image { .. }))
    else {
        return Ok(None);
    };
    let image = (c.ctx.images)(src, *offset)?;
    let prose: Vec<Block> = slide
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .cloned()
        .collect();
    let mut page = match side {
        ImageSide::Full => full(c, slide, &prose, image)?,
        _ => beside(c, slide, &prose, image, side)?,
    };
    if let Some(page) = &mut page {
        page.alt = format!("{} {alt}", page.alt).trim().to_string();
    }
    Ok(page)
}

/// The heading and prose set in `area` at the largest scale whose height fits it: the rows,
/// how many of them are the heading's, and the scale.
fn text_block(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    prose: &[Block],
    area: Rect,
) -> Result<Option<(Vec<Row>, usize, f32)>, Diagnostic> {
    let theme = c.theme();
    for &scale in FIT_SCALES {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let mut rows = Vec::new();
        if let Some(h) = &slide.heading {
            let size = theme.sizes.heading * c.format().display_scale * scale;
            let laid = c.lay(h, size, area.width, true);
            rows.extend(c.text_rows(&laid, area.x, size, HEADING_LEADING));
        }
        let head_len = rows.len();
        let style = c.body_style(scale, 0.0, false);
        let mut body = c.block_rows(&style, prose, area.x, area.width)?;
        if let Some(first) = body.first_mut().filter(|_| head_len > 0) {
            first.gap = HEADING_GAP * IMAGE_HEADING_GAP;
        }
        rows.extend(body);
        if rows_height(&rows) <= area.height {
            return Ok(Some((rows, head_len, scale)));
        }
    }
    Ok(None)
}

/// The full-bleed variant: the image covers the canvas, the text sits at the bottom in white.
fn full(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    prose: &[Block],
    image: LoadedImage,
) -> Result<Option<Page>, Diagnostic> {
    let f = c.format();
    let area = f.content_box();
    let Some((mut rows, head_len, scale)) = text_block(c, slide, prose, area)? else {
        return Ok(None);
    };
    for row in &mut rows {
        for el in &mut row.elements {
            if let Element::Text { runs, .. } = el {
                for run in runs.iter_mut() {
                    run.fill = ON_IMAGE.to_string();
                }
            }
        }
    }
    let height = rows_height(&rows);
    let text_top = (area.bottom() - height).max(area.y);
    let heading = rows_text(&rows[..head_len]);
    let (content, alt) = stack(rows, text_top);
    Ok(Some(Page {
        content,
        heading,
        alt,
        scale,
        mark_y: (if height > 0.0 { text_top } else { f.footer_y() } - SCRIM_LEAD).max(0.0),
        variant: Some(Variant::Full),
        backdrop: vec![Element::Image {
            x: 0.0,
            y: 0.0,
            width: f.width,
            height: f.height,
            href: image.href,
            rx: 0.0,
            slice: true,
        }],
        ..Page::new(slide.kind, slide.offset)
    }))
}

/// Where an image and its text go on a `left`, `right` or `top` image slide.
struct Placement {
    /// The image, fitted (never cropped).
    image: Rect,
    /// The space for the text.
    text: Rect,
    /// The image is above the text.
    top: bool,
}

/// Places an image of `aspect` (height / width) and its text in the content box.
fn placement(c: &Composer<'_, '_>, aspect: f32, side: ImageSide) -> Placement {
    let f = c.format();
    let area = f.content_box();
    let top = f.is_tall() || (side == ImageSide::Auto && aspect < UPRIGHT && f.height >= f.width);
    if top {
        let ih = (area.width * aspect).min(area.height * TOP_SHARE);
        let iw = (ih / aspect).min(area.width);
        let image = Rect {
            x: area.x + (area.width - iw) / 2.0,
            y: area.y,
            width: iw,
            height: ih,
        };
        let text = Rect {
            y: area.y + ih + SIDE_GAP,
            height: area.height - ih - SIDE_GAP,
            ..area
        };
        return Placement { image, text, top };
    }
    let iw_box = area.width * SIDE_SHARE;
    let ih = (iw_box * aspect).min(area.height);
    let iw = ih / aspect;
    let (ix, tx) = match side {
        ImageSide::Left => (area.x + (iw_box - iw) / 2.0, area.x + iw_box + SIDE_GAP),
        _ => (area.x + area.width - iw_box + (iw_box - iw) / 2.0, area.x),
    };
    Placement {
        image: Rect {
            x: ix,
            y: area.y + (area.height - ih) / 2.0,
            width: iw,
            height: ih,
        },
        text: Rect {
            x: tx,
            width: area.width - iw_box - SIDE_GAP,
            ..area
        },
        top,
    }
}

/// The `left`, `right` and `top` variants: the image fitted beside (or above) the text.
fn beside(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    prose: &[Block],
    image: LoadedImage,
    side: ImageSide,
) -> Result<Option<Page>, Diagnostic> {
    let aspect = image.height / image.width.max(1.0);
    // Left to choose, the image goes on the end side: the left in a right-to-left slide.
    let side = if c.rtl && side == ImageSide::Auto {
        ImageSide::Left
    } else {
        side
    };
    let place = placement(c, aspect, side);
    let Some((rows, head_len, scale)) = text_block(c, slide, prose, place.text)? else {
        return Ok(None);
    };
    let height = rows_height(&rows);
    let y = if place.top {
        place.text.y
    } else {
        place.text.y + (place.text.height - height) / 2.0
    };
    let heading = rows_text(&rows[..head_len]);
    let (mut content, alt) = stack(rows, y);
    content.insert(
        0,
        Element::Image {
            x: place.image.x,
            y: place.image.y,
            width: place.image.width,
            height: place.image.height,
            href: image.href,
            rx: c.theme().shape.radius,
            slice: false,
        },
    );
    Ok(Some(Page {
        used: if place.top { y + height } else { 0.0 },
        content,
        heading,
        alt,
        scale,
        variant: Some(match (place.top, side) {
            (true, _) => Variant::Top,
            (false, ImageSide::Left) => Variant::Left,
            _ => Variant::Right,
        }),
        ..Page::new(slide.kind, slide.offset)
    }))
}
