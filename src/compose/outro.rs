//! The outro: the closing call-to-action slide, centred: the brand block, a heading, a line of
//! text, the call to action in an accent pill, and the save / repost line with the website.

use crate::config::OutroConfig;
use crate::content::SlideKind;
use crate::text::Laid;

use super::brand::{AVATAR, website_text};
use super::chrome::{PILL_H, pill_radius};
use super::composer::{Composer, plain};
use super::element::{Element, baseline, line_elements};
use super::page::Page;
use super::rows::{Align, Joint, Row, rows_height, stack};

/// The outro heading's size before the format's display scale.
const HEADING_SIZE: f32 = 80.0;
/// Space under the brand block and above the call to action, in px.
const BLOCK_GAP: f32 = 64.0;
/// Space above the text line, in px.
const TEXT_GAP: f32 = 32.0;
/// Size of the outro's save / repost line and website.
const SAVE_SIZE: f32 = 30.0;
/// Space above the outro's save / repost line.
const SAVE_GAP: f32 = 40.0;
/// Size of the call to action.
const CTA_SIZE: f32 = 36.0;
/// Horizontal padding inside the call-to-action pill.
const CTA_PAD: f32 = 40.0;
/// Vertical padding inside a call-to-action pill of several lines.
const CTA_PAD_Y: f32 = 16.0;
/// The call-to-action pill is this much taller than the swipe pill.
const CTA_EXTRA: f32 = 24.0;

/// Centred rows being stacked for the outro.
struct Column {
    cx: f32,
    rows: Vec<Row>,
}

impl Column {
    /// Adds a laid-out text block, `gap` under the previous rows.
    fn add(&mut self, c: &mut Composer<'_, '_>, laid: &Laid, size: f32, leading: f32, gap: f32) {
        let mut new = c.aligned_rows(laid, Align::Centre(self.cx), size, leading);
        if let Some(first) = new.first_mut() {
            first.gap = if self.rows.is_empty() { 0.0 } else { gap };
        }
        self.rows.extend(new);
    }
}

/// Optional parts of the outro, in the order they are left out when the slide is too small
/// for them even at the smallest scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The save / repost line.
    SaveLine,
    /// The website.
    Website,
    /// The line of text under the heading.
    Text,
    /// The brand block (avatar, name, handle).
    Brand,
}

impl Part {
    /// Every part, in the order they are left out.
    const DROP_ORDER: [Part; 4] = [Part::SaveLine, Part::Website, Part::Text, Part::Brand];

    /// The part's name in a warning.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Part::SaveLine => "save line",
            Part::Website => "website",
            Part::Text => "text",
            Part::Brand => "brand block",
        }
    }
}

/// Scales the outro's type is tried at, largest first, before a part is left out.
const OUTRO_SCALES: [f32; 4] = [1.0, 0.9, 0.8, 0.7];

/// The closing call-to-action slide, and the optional parts left out because the slide has no
/// room for them (shrinking first, then leaving out parts in [`Part::DROP_ORDER`]).
pub(super) fn page(c: &mut Composer<'_, '_>, outro: &OutroConfig) -> (Page, Vec<Part>) {
    let f = c.format();
    let (top, bottom) = (f.margin_top, f.footer_y() - f.gap);
    let mut left_out = Vec::new();
    let mut rows = Vec::new();
    for dropped in 0..=Part::DROP_ORDER.len() {
        left_out = Part::DROP_ORDER[..dropped].to_vec();
        for scale in OUTRO_SCALES {
            rows = column(c, outro, scale, &left_out);
            if rows_height(&rows) <= bottom - top {
                let page = place(outro, rows, top, bottom);
                return (page, left_out);
            }
        }
    }
    (place(outro, rows, top, bottom), left_out)
}

/// The outro's rows centred between the top margin and the footer.
fn place(outro: &OutroConfig, rows: Vec<Row>, top: f32, bottom: f32) -> Page {
    let height = rows_height(&rows);
    let (content, alt) = stack(rows, (top + (bottom - top - height) / 2.0).max(top));
    Page {
        content,
        heading: outro.heading.clone(),
        alt,
        ..Page::new(SlideKind::Outro, 0)
    }
}

/// The outro's rows at `scale`, without the parts in `left_out`.
fn column(
    c: &mut Composer<'_, '_>,
    outro: &OutroConfig,
    scale: f32,
    left_out: &[Part],
) -> Vec<Row> {
    let (f, theme) = (c.format(), c.theme());
    let w = f.inner_width();
    let shown = |part: Part| !left_out.contains(&part);
    let mut col = Column {
        cx: f.margin_left + w / 2.0,
        rows: Vec::new(),
    };
    if shown(Part::Brand) && outro.show_brand && (c.ctx.brand.show_name || c.ctx.brand.show_handle)
    {
        col.rows.extend(brand_row(c, col.cx, w));
    }
    if !outro.heading.trim().is_empty() {
        let size = HEADING_SIZE * f.display_scale * scale;
        let laid = c.lay(&plain(&outro.heading), size, w, true);
        col.add(c, &laid, size, 1.1, BLOCK_GAP * scale);
    }
    if shown(Part::Text) && !outro.text.trim().is_empty() {
        let size = (theme.sizes.body * scale).max(theme.sizes.min_body);
        let look = (theme.colors.muted.as_str(), theme.fonts.body_weight);
        let laid = c.lay_colored(&outro.text, (size, w * 0.9), false, look);
        col.add(c, &laid, size, 1.4, TEXT_GAP * scale);
    }
    if !outro.cta.trim().is_empty() {
        col.rows.push(cta_row(c, &outro.cta, col.cx, w, scale));
    }
    for (part, line, gap) in [
        (Part::SaveLine, outro.save_line.trim(), SAVE_GAP),
        (Part::Website, website_text(&c.ctx), SAVE_GAP * 0.5),
    ] {
        if line.is_empty() || !shown(part) {
            continue;
        }
        let size = (SAVE_SIZE * scale).max(theme.sizes.caption);
        let laid = c.lay_colored(line, (size, w), false, (&theme.colors.muted, 600));
        col.add(c, &laid, size, 1.3, gap * scale);
    }
    col.rows
}

/// The brand block centred on `cx`, as a row (none when it is empty).
fn brand_row(c: &mut Composer<'_, '_>, cx: f32, w: f32) -> Option<Row> {
    let mut elements = c.brand_block(0.0, AVATAR / 2.0, w);
    if elements.is_empty() {
        return None;
    }
    let block_w = block_width(&elements);
    for el in &mut elements {
        el.shift_x(cx - block_w / 2.0);
    }
    Some(Row {
        joint: Joint::Block,
        ..Row::new(AVATAR, elements, String::new())
    })
}

/// Margin under the measured width that a call to action shrunk to one line keeps.
const CTA_FIT: f32 = 0.99;

/// The call to action: its text centred in an accent pill, on one line when the caption size
/// allows.
fn cta_row(c: &mut Composer<'_, '_>, cta: &str, cx: f32, w: f32, scale: f32) -> Row {
    let theme = c.theme();
    let size = (CTA_SIZE * scale).max(theme.sizes.caption);
    let look = (
        theme.colors.accent_contrast.as_str(),
        theme.fonts.bold_weight,
    );
    // One line: set smaller (down to the caption size) before it wraps.
    let room = w - 2.0 * CTA_PAD;
    let natural = c.lay_colored(cta, (size, f32::MAX), false, look).width();
    let size = if natural > room {
        (size * room / natural * CTA_FIT).max(theme.sizes.caption)
    } else {
        size
    };
    let laid = c.lay_colored(cta, (size, room), false, look);
    let lh = size * 1.25;
    let text_h = laid.lines.len() as f32 * lh;
    let height = (text_h + 2.0 * CTA_PAD_Y).max((PILL_H + CTA_EXTRA) * scale);
    let pill_w = laid.width() + 2.0 * CTA_PAD;
    let mut elements = vec![Element::rect(
        cx - pill_w / 2.0,
        0.0,
        pill_w,
        height,
        pill_radius(theme, PILL_H + CTA_EXTRA),
        &theme.colors.accent,
    )];
    let base = baseline(c.primary_metrics(), size, lh);
    let text_top = (height - text_h) / 2.0;
    for (i, line) in laid.lines.iter().enumerate() {
        let y = text_top + i as f32 * lh + base;
        let x = cx - line.width / 2.0;
        elements.extend(line_elements(line, x, y, size, &theme.colors.surface));
    }
    Row {
        gap: BLOCK_GAP * scale,
        joint: Joint::Block,
        ..Row::new(height, elements, cta.to_string())
    }
}

/// The right edge of the rightmost element.
fn block_width(elements: &[Element]) -> f32 {
    elements
        .iter()
        .map(|e| match e {
            Element::Text { x, width, .. } => x + width,
            Element::Circle { cx, r, .. } => cx + r,
            Element::Shape { points, .. } => points.iter().map(|p| p[0]).fold(0.0, f32::max),
            Element::Rect { x, width, .. }
            | Element::Image { x, width, .. }
            | Element::Link { x, width, .. } => x + width,
        })
        .fold(0.0, f32::max)
}
