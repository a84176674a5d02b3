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
use crate::text::Shaper;

use super::Variant;
use super::blocks::{self, LoadedImage, Row, lay, text_rows};
use super::element::Element;
use super::layout::ImageSide;
use super::{ComposeCtx, FIT_SCALES, Page, body_style, rows_height, rows_text, stack};

/// Text colour on the full-bleed scrim.
pub const ON_IMAGE: &str = "#FFFFFF";
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

/// The theme chrome uses over a full-bleed image: white text and counter on the scrims.
pub fn on_image_theme(theme: &crate::theme::Theme) -> crate::theme::Theme {
    let mut t = theme.clone();
    t.colors.text = ON_IMAGE.to_string();
    t.colors.muted = ON_IMAGE_MUTED.to_string();
    t
}

/// Composes an image slide; `None` if the text does not fit beside the image.
pub fn page(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    side: ImageSide,
    missing: &mut Vec<char>,
) -> Result<Option<Page>, Diagnostic> {
    let Some(Block::Image { src, offset, alt }) = slide
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Image { .. }))
    else {
        return Ok(None);
    };
    let image = (ctx.images)(src, *offset)?;
    let prose: Vec<Block> = slide
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .cloned()
        .collect();
    let mut page = match side {
        ImageSide::Full => full(ctx, shaper, slide, &prose, image, missing)?,
        _ => beside(ctx, shaper, slide, &prose, image, side, missing)?,
    };
    if let Some(page) = &mut page {
        page.alt = format!("{} {alt}", page.alt).trim().to_string();
    }
    Ok(page)
}

/// Heading and prose rows at `x`, `w` for the first scale where they fit in `avail` px.
#[allow(
    clippy::too_many_arguments,
    reason = "shaper, style and missing-glyph sink travel separately until a composer value holds them"
)]
fn text_block(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    prose: &[Block],
    x: f32,
    w: f32,
    avail: f32,
    missing: &mut Vec<char>,
) -> Result<Option<(Vec<Row>, usize, f32)>, Diagnostic> {
    let theme = ctx.theme;
    for &scale in FIT_SCALES {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let mut rows = Vec::new();
        if let Some(h) = &slide.heading {
            let size = theme.sizes.heading * ctx.format.display_scale * scale;
            let laid = lay(shaper, theme, h, size, w, true, missing);
            rows.extend(text_rows(shaper, theme, &laid, x, size, 1.125));
        }
        let head_len = rows.len();
        let style = body_style(ctx, scale, 0.0, false);
        let mut body = blocks::rows(shaper, &style, ctx.images, prose, x, w, missing)?;
        if let Some(first) = body.first_mut().filter(|_| head_len > 0) {
            first.gap = super::HEADING_GAP * 0.75;
        }
        rows.extend(body);
        if rows_height(&rows) <= avail {
            return Ok(Some((rows, head_len, scale)));
        }
    }
    Ok(None)
}

fn full(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    prose: &[Block],
    image: LoadedImage,
    missing: &mut Vec<char>,
) -> Result<Option<Page>, Diagnostic> {
    let f = ctx.format;
    let (x, top, w, box_h) = f.content_box();
    let Some((mut rows, head_len, scale)) =
        text_block(ctx, shaper, slide, prose, x, w, box_h, missing)?
    else {
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
    let text_top = (top + box_h - height).max(top);
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

fn beside(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    prose: &[Block],
    image: LoadedImage,
    side: ImageSide,
    missing: &mut Vec<char>,
) -> Result<Option<Page>, Diagnostic> {
    let f = ctx.format;
    let radius = ctx.theme.shape.radius;
    let (x, top, w, box_h) = f.content_box();
    let aspect = image.height / image.width.max(1.0);
    let tall = f.is_tall() || (side == ImageSide::Auto && aspect < UPRIGHT && f.height >= f.width);
    let (img, text_x, text_w, text_top, avail) = if tall {
        let ih = (w * aspect).min(box_h * TOP_SHARE);
        let iw = (ih / aspect).min(w);
        let rect = (x + (w - iw) / 2.0, top, iw, ih);
        (rect, x, w, top + ih + SIDE_GAP, box_h - ih - SIDE_GAP)
    } else {
        let iw_box = w * SIDE_SHARE;
        let ih = (iw_box * aspect).min(box_h);
        let iw = ih / aspect;
        let text_w = w - iw_box - SIDE_GAP;
        let (ix, tx) = match side {
            ImageSide::Left => (x + (iw_box - iw) / 2.0, x + iw_box + SIDE_GAP),
            _ => (x + w - iw_box + (iw_box - iw) / 2.0, x),
        };
        (
            (ix, top + (box_h - ih) / 2.0, iw, ih),
            tx,
            text_w,
            top,
            box_h,
        )
    };
    let Some((rows, head_len, scale)) =
        text_block(ctx, shaper, slide, prose, text_x, text_w, avail, missing)?
    else {
        return Ok(None);
    };
    let height = rows_height(&rows);
    let y = if tall {
        text_top
    } else {
        text_top + (avail - height) / 2.0
    };
    let heading = rows_text(&rows[..head_len]);
    let (mut content, alt) = stack(rows, y);
    content.insert(
        0,
        Element::Image {
            x: img.0,
            y: img.1,
            width: img.2,
            height: img.3,
            href: image.href,
            rx: radius,
            slice: false,
        },
    );
    Ok(Some(Page {
        used: if tall { y + height } else { 0.0 },
        content,
        heading,
        alt,
        scale,
        variant: Some(match (tall, side) {
            (true, _) => Variant::Top,
            (false, ImageSide::Left) => Variant::Left,
            _ => Variant::Right,
        }),
        ..Page::new(slide.kind, slide.offset)
    }))
}
