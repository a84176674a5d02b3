//! Slide chrome and the outro: the brand kit in the header, the counter and swipe cue in the
//! footer, and the closing call-to-action slide.

use crate::config::OutroConfig;
use crate::content::SlideKind;
use crate::text::{self, Laid, RunFormat, Shaper, StyledText};
use crate::theme::Theme;

use super::blocks::{Align, Row, aligned_rows, lay, primary_metrics};
use super::brand::{AVATAR, brand_block, logo, website, website_text};
use super::element::{Element, baseline, line_elements};
use super::{ComposeCtx, Page, plain, recolor, rows_height, stack};

/// Swipe cue circle diameter.
const SWIPE_DOT: f32 = 64.0;
/// Height of the cover's swipe pill and of the outro's CTA pill.
const PILL_H: f32 = 72.0;
/// Progress bar size (the anatomy's 160 x 8), its gap to the counter and its track's opacity.
const PROGRESS_W: f32 = 160.0;
const PROGRESS_H: f32 = 8.0;
const PROGRESS_GAP: f32 = 24.0;
const PROGRESS_TRACK_OPACITY: f32 = 0.25;
/// Size of the outro's save / repost line and website.
const SAVE_SIZE: f32 = 30.0;
/// Space above the outro's save / repost line.
const SAVE_GAP: f32 = 40.0;
/// Smallest size chrome text shrinks to before it is wrapped.
const CHROME_MIN: f32 = 20.0;

fn format(theme: &Theme, weight: u16, fill: &str) -> RunFormat {
    RunFormat::plain(&theme.fonts.body, weight, fill)
}

/// Lays out one line of chrome text, shrinking it to fit `max_w`.
pub(crate) fn one_line(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    text: &str,
    size: f32,
    weight: u16,
    fill: &str,
    max_w: f32,
) -> (Laid, f32) {
    let runs = vec![StyledText {
        text: text.to_string(),
        format: format(theme, weight, fill),
    }];
    let mut size = size;
    loop {
        let laid = text::layout(shaper, &runs, size, max_w, &theme.fonts.emoji);
        if laid.lines.len() == 1 || size <= CHROME_MIN {
            return (laid, size);
        }
        size -= 2.0;
    }
}

/// Elements of a single text line whose vertical centre is `cy`.
pub(crate) fn line_at(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    laid: &Laid,
    x: f32,
    cy: f32,
    size: f32,
) -> Vec<Element> {
    let metrics = primary_metrics(shaper, theme);
    let lh = size * 1.2;
    let mut out = Vec::new();
    for (i, line) in laid.lines.iter().enumerate() {
        let top = cy - lh * laid.lines.len() as f32 / 2.0 + i as f32 * lh;
        out.extend(line_elements(
            line,
            x,
            top + baseline(metrics, size, lh),
            size,
            &theme.colors.surface,
        ));
    }
    out
}

/// Corner radius of a pill of `height`: round, except in themes with square-ish cards
/// (brutalist, terminal, editorial), whose buttons follow their cards.
fn pill_radius(theme: &Theme, height: f32) -> f32 {
    if theme.shape.radius < height / 4.0 {
        theme.shape.radius
    } else {
        height / 2.0
    }
}

/// A progress bar: a muted track with the share of slides seen so far in the accent colour.
fn progress_bar(theme: &Theme, x: f32, cy: f32, number: usize, total: usize) -> Vec<Element> {
    let y = cy - PROGRESS_H / 2.0;
    let mut track = Element::rect(
        x,
        y,
        PROGRESS_W,
        PROGRESS_H,
        PROGRESS_H / 2.0,
        &theme.colors.muted,
    );
    if let Element::Rect { opacity, .. } = &mut track {
        *opacity = PROGRESS_TRACK_OPACITY;
    }
    let done = PROGRESS_W * number as f32 / total.max(1) as f32;
    vec![
        track,
        Element::rect(
            x,
            y,
            done,
            PROGRESS_H,
            PROGRESS_H / 2.0,
            &theme.colors.accent,
        ),
    ]
}

/// Header and footer elements of slide `number` (1-based) of `total`; `counter` is false on a
/// slide that hides its counter and progress bar (`{.no-counter}`).
pub fn chrome(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    kind: SlideKind,
    number: usize,
    total: usize,
    counter: bool,
) -> (Vec<Element>, Vec<Element>) {
    let (f, theme, brand) = (ctx.format, ctx.theme, ctx.brand);
    let x = f.margin_left;
    let w = f.inner_width();
    let header_cy = f.header_y() + f.band / 2.0;
    let footer_cy = f.footer_y() + f.band / 2.0;
    let mut header = Vec::new();
    let mut footer = Vec::new();
    let last = number == total;
    let right = f.width - f.margin_right;
    let logo = logo(ctx, right, header_cy);
    let brand_w = w * if logo.is_some() { 0.6 } else { 0.7 };
    match kind {
        SlideKind::Content => {
            header = brand_block(ctx, shaper, x, header_cy, brand_w);
            footer = website(ctx, shaper, x + w / 2.0, footer_cy, w / 3.0);
        }
        SlideKind::Cover => footer = brand_block(ctx, shaper, x, footer_cy, w * 0.6),
        SlideKind::Outro => {}
    }
    if kind != SlideKind::Outro {
        header.extend(logo);
    }
    let mut counter_x = x;
    if brand.show_progress && counter && kind != SlideKind::Cover {
        footer.extend(progress_bar(theme, x, footer_cy, number, total));
        counter_x += PROGRESS_W + PROGRESS_GAP;
    }
    if brand.show_counter && counter && kind != SlideKind::Cover {
        let label = format!("{number:02}/{total:02}");
        let (laid, size) = one_line(
            shaper,
            theme,
            &label,
            28.0,
            500,
            &theme.colors.muted,
            w / 3.0,
        );
        footer.extend(line_at(shaper, theme, &laid, counter_x, footer_cy, size));
    }
    if brand.show_swipe && !last {
        footer.extend(swipe_cue(ctx, shaper, kind, footer_cy));
    }
    (header, footer)
}

/// The swipe cue at the right of the footer: an accent pill "Swipe →" on the cover, an accent
/// dot with an arrow elsewhere.
fn swipe_cue(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    kind: SlideKind,
    footer_cy: f32,
) -> Vec<Element> {
    let (f, theme) = (ctx.format, ctx.theme);
    let w = f.inner_width();
    let mut footer = Vec::new();
    let right = f.width - f.margin_right;
    if kind == SlideKind::Cover {
        let (laid, size) = one_line(
            shaper,
            theme,
            "Swipe →",
            30.0,
            700,
            &theme.colors.accent_contrast,
            w / 3.0,
        );
        let pill_w = laid.width() + 2.0 * 32.0;
        footer.push(Element::rect(
            right - pill_w,
            footer_cy - PILL_H / 2.0,
            pill_w,
            PILL_H,
            pill_radius(theme, PILL_H),
            &theme.colors.accent,
        ));
        footer.extend(line_at(
            shaper,
            theme,
            &laid,
            right - pill_w + 32.0,
            footer_cy,
            size,
        ));
    } else {
        let r = SWIPE_DOT / 2.0;
        footer.push(Element::Circle {
            cx: right - r,
            cy: footer_cy,
            r,
            fill: theme.colors.accent.clone(),
        });
        let (laid, size) = one_line(
            shaper,
            theme,
            "→",
            32.0,
            700,
            &theme.colors.accent_contrast,
            SWIPE_DOT,
        );
        footer.extend(line_at(
            shaper,
            theme,
            &laid,
            right - r - laid.width() / 2.0,
            footer_cy,
            size,
        ));
    }
    footer
}

/// The closing call-to-action slide.
pub fn outro_page(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    outro: &OutroConfig,
    missing: &mut Vec<char>,
) -> Page {
    let (f, theme) = (ctx.format, ctx.theme);
    let w = f.inner_width();
    let cx = f.margin_left + w / 2.0;
    let mut rows = Vec::new();
    if outro.show_brand && (ctx.brand.show_name || ctx.brand.show_handle) {
        let block = brand_block(ctx, shaper, 0.0, AVATAR / 2.0, w);
        if !block.is_empty() {
            let block_w = block_width(&block);
            let mut elements = block;
            for el in &mut elements {
                el.shift_x(cx - block_w / 2.0);
            }
            rows.push(Row {
                gap: 0.0,
                height: AVATAR,
                elements,
                text: String::new(),
                keep_with_next: false,
                block_start: true,
            });
        }
    }
    let heading_size = 80.0 * f.display_scale;
    let add = |rows: &mut Vec<Row>,
               laid: &Laid,
               size: f32,
               leading: f32,
               gap: f32,
               shaper: &mut Shaper<'_>| {
        let mut new = aligned_rows(shaper, theme, laid, Align::Centre(cx), size, leading);
        if let Some(first) = new.first_mut() {
            first.gap = if rows.is_empty() { 0.0 } else { gap };
        }
        rows.extend(new);
    };
    if !outro.heading.trim().is_empty() {
        let laid = lay(
            shaper,
            theme,
            &plain(&outro.heading),
            heading_size,
            w,
            true,
            missing,
        );
        add(&mut rows, &laid, heading_size, 1.1, 64.0, shaper);
    }
    if !outro.text.trim().is_empty() {
        let mut laid = lay(
            shaper,
            theme,
            &plain(&outro.text),
            theme.sizes.body,
            w * 0.9,
            false,
            missing,
        );
        recolor(&mut laid, &theme.colors.muted, theme.fonts.body_weight);
        add(&mut rows, &laid, theme.sizes.body, 1.4, 32.0, shaper);
    }
    if !outro.cta.trim().is_empty() {
        rows.push(cta_row(ctx, shaper, &outro.cta, cx, w, missing));
    }
    for (line, size, gap) in [
        (outro.save_line.trim(), SAVE_SIZE, SAVE_GAP),
        (website_text(ctx), SAVE_SIZE, SAVE_GAP * 0.5),
    ] {
        if line.is_empty() {
            continue;
        }
        let mut laid = lay(shaper, theme, &plain(line), size, w, false, missing);
        recolor(&mut laid, &theme.colors.muted, 600);
        add(&mut rows, &laid, size, 1.3, gap, shaper);
    }
    let top = f.margin_top;
    let bottom = f.footer_y() - f.gap;
    let height = rows_height(&rows);
    let (content, alt) = stack(rows, (top + (bottom - top - height) / 2.0).max(top));
    Page {
        content,
        heading: outro.heading.clone(),
        alt,
        ..Page::new(SlideKind::Outro, 0)
    }
}

fn cta_row(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    cta: &str,
    cx: f32,
    w: f32,
    missing: &mut Vec<char>,
) -> Row {
    let theme = ctx.theme;
    let size = 36.0;
    let pad = 40.0;
    let mut laid = lay(
        shaper,
        theme,
        &plain(cta),
        size,
        w - 2.0 * pad,
        false,
        missing,
    );
    recolor(
        &mut laid,
        &theme.colors.accent_contrast,
        theme.fonts.bold_weight,
    );
    let lh = size * 1.25;
    let height = (laid.lines.len() as f32 * lh + 2.0 * 16.0).max(PILL_H + 24.0);
    let pill_w = laid.width() + 2.0 * pad;
    let mut elements = vec![Element::rect(
        cx - pill_w / 2.0,
        0.0,
        pill_w,
        height,
        pill_radius(theme, PILL_H + 24.0),
        &theme.colors.accent,
    )];
    let metrics = primary_metrics(shaper, theme);
    let text_top = (height - laid.lines.len() as f32 * lh) / 2.0;
    for (i, line) in laid.lines.iter().enumerate() {
        let y = text_top + i as f32 * lh + baseline(metrics, size, lh);
        elements.extend(line_elements(
            line,
            cx - line.width / 2.0,
            y,
            size,
            &theme.colors.surface,
        ));
    }
    Row {
        gap: 64.0,
        height,
        elements,
        text: cta.to_string(),
        keep_with_next: false,
        block_start: true,
    }
}

fn block_width(elements: &[Element]) -> f32 {
    elements
        .iter()
        .map(|e| match e {
            Element::Text { x, width, .. } => x + width,
            Element::Circle { cx, r, .. } => cx + r,
            Element::Rect { x, width, .. }
            | Element::Image { x, width, .. }
            | Element::Link { x, width, .. } => x + width,
        })
        .fold(0.0, f32::max)
}
