//! The cover: eyebrow, title, subtitle and the intro, centred a little above the middle; an intro
//! too long for the cover gets a slide of its own.

use crate::content::markup::Block;
use crate::content::{Slide, SlideKind};
use crate::error::Diagnostic;
use crate::text::Shaper;

use super::blocks::{self, Row, lay, text_rows};
use super::{
    ComposeCtx, FIT_SCALES, Page, body_style, content_pages, place, plain, recolor, rows_height,
};

/// The cover's text block is centred on this fraction of the canvas height.
const COVER_CENTER: f32 = 0.45;
/// Cover title leading.
const TITLE_LEADING: f32 = 1.05;

/// The cover page (or pages, when a long intro continues onto slides of its own).
pub fn pages(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Result<Vec<Page>, Diagnostic> {
    for &scale in FIT_SCALES {
        let rows = rows(ctx, shaper, slide, &slide.blocks, scale, missing)?;
        if let Some(page) = place_cover(ctx, slide, rows) {
            return Ok(vec![page]);
        }
    }
    // The intro is too long for the cover: give it a slide of its own.
    let rows = rows(ctx, shaper, slide, &[], 1.0, missing)?;
    let mut pages: Vec<Page> = place_cover(ctx, slide, rows).into_iter().collect();
    let intro = Slide {
        notes: slide.notes.clone(),
        kind: SlideKind::Content,
        heading: None,
        classes: Vec::new(),
        blocks: slide.blocks.clone(),
        offset: slide.offset,
        eyebrow: None,
        subtitle: None,
    };
    pages.extend(content_pages(ctx, shaper, &intro, missing, false)?);
    Ok(pages)
}

fn rows(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    intro: &[Block],
    scale: f32,
    missing: &mut Vec<char>,
) -> Result<Vec<Row>, Diagnostic> {
    let theme = ctx.theme;
    let (x, _, w, _) = ctx.format.content_box();
    let mut rows = Vec::new();
    if let Some(eyebrow) = &slide.eyebrow {
        let size = theme.sizes.eyebrow;
        let mut laid = lay(
            shaper,
            theme,
            &plain(&eyebrow.to_uppercase()),
            size,
            w,
            false,
            missing,
        );
        recolor(&mut laid, &theme.colors.accent, theme.fonts.bold_weight);
        rows.extend(text_rows(shaper, theme, &laid, x, size, 1.2));
    }
    let title_size = theme.sizes.cover_title * ctx.format.display_scale * scale;
    let title = slide.heading.clone().unwrap_or_default();
    let laid = lay(shaper, theme, &title, title_size, w, true, missing);
    let mut title_rows = text_rows(shaper, theme, &laid, x, title_size, TITLE_LEADING);
    if let Some(first) = title_rows.first_mut() {
        first.gap = if rows.is_empty() { 0.0 } else { 24.0 };
    }
    rows.extend(title_rows);
    if let Some(sub) = &slide.subtitle {
        let size = (theme.sizes.cover_subtitle * scale).max(theme.sizes.min_body);
        let mut laid = lay(shaper, theme, &plain(sub), size, w, false, missing);
        recolor(&mut laid, &theme.colors.muted, 500);
        let mut sub_rows = text_rows(shaper, theme, &laid, x, size, 1.3);
        if let Some(first) = sub_rows.first_mut() {
            first.gap = 32.0;
        }
        rows.extend(sub_rows);
    }
    if !intro.is_empty() {
        let style = body_style(ctx, scale, 0.0, false);
        let mut body = blocks::rows(shaper, &style, ctx.images, intro, x, w, missing)?;
        if let Some(first) = body.first_mut() {
            first.gap = 48.0;
        }
        rows.extend(body);
    }
    Ok(rows)
}

/// Centres the cover block near 45% of the height; `None` if it does not fit.
fn place_cover(ctx: &ComposeCtx<'_>, slide: &Slide, rows: Vec<Row>) -> Option<Page> {
    let f = ctx.format;
    let top = f.margin_top;
    let bottom = f.footer_y() - f.gap;
    let height = rows_height(&rows);
    if height > bottom - top {
        return None;
    }
    let y = (f.height * COVER_CENTER - height / 2.0).clamp(top, bottom - height);
    let (_, content_top, _, _) = f.content_box();
    let mut page = place(ctx, slide, Vec::new(), rows, false, 1.0);
    for el in &mut page.content {
        el.shift(y - content_top);
    }
    page.heading = slide
        .heading
        .as_deref()
        .map(crate::content::markup::plain_text)
        .unwrap_or_default();
    Some(page)
}
