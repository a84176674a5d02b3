//! The list layout: a short list set as cards, one per item, each with a numbered badge (ordered
//! lists) or an accent stripe (bullets), under the heading and an optional intro line.

use crate::content::Slide;
use crate::content::markup::{Block, ListItem};
use crate::text::Shaper;

use super::blocks::{self, Row, lay, text_rows};
use super::element::Element;
use super::{ComposeCtx, FIT_SCALES, Page, frame, plain, recolor, rows_height};

/// Padding inside a card, in px.
const PAD: f32 = 28.0;
/// Space between cards, in px.
const CARD_GAP: f32 = 20.0;
/// Badge diameter, as a multiple of the text size.
const BADGE: f32 = 1.45;
/// Width of a bullet card's accent stripe, in px.
const STRIPE: f32 = 8.0;
/// Space between the badge and the text, in px.
const BADGE_GAP: f32 = 24.0;
/// Item text leading.
const LEADING: f32 = 1.3;
/// Space between the intro and the first card, in px.
const INTRO_GAP: f32 = 36.0;

/// Composes a list slide; `None` if the items do not fit one slide at the smallest size (the
/// content layout then continues the list).
pub fn page(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Option<Page> {
    let (intro, start, items) = match slide.blocks.as_slice() {
        [Block::List { start, items }] => (None, *start, items),
        [
            intro @ Block::Paragraph { .. },
            Block::List { start, items },
        ] => (Some(intro), *start, items),
        _ => return None,
    };
    let theme = ctx.theme;
    let (x, top, w, box_h) = ctx.format.content_box();
    let head = frame::head(ctx, shaper, slide, missing);
    let head_h = frame::head_space(&head);
    for &scale in FIT_SCALES {
        let size = (theme.sizes.body * scale).max(theme.sizes.min_body);
        let mut rows = Vec::new();
        if let Some(Block::Paragraph { spans }) = intro {
            let laid = lay(shaper, theme, spans, size, w, false, missing);
            rows.extend(text_rows(
                shaper,
                theme,
                &laid,
                x,
                size,
                blocks::BODY_LEADING,
            ));
        }
        for (i, item) in items.iter().enumerate() {
            let number = start.map(|n| n + i as u64);
            let mut card = card_row(ctx, shaper, item, number, size, missing)?;
            card.gap = if i == 0 && rows.is_empty() {
                0.0
            } else if i == 0 {
                INTRO_GAP
            } else {
                CARD_GAP
            };
            rows.push(card);
        }
        if head_h + rows_height(&rows) <= box_h {
            let mut page = frame::page(ctx, slide, head, rows, top + head_h);
            page.scale = scale;
            return Some(page);
        }
        if size <= theme.sizes.min_body {
            break;
        }
    }
    None
}

/// One item as a card row, at x = the content box's left edge.
fn card_row(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    item: &ListItem,
    number: Option<u64>,
    size: f32,
    missing: &mut Vec<char>,
) -> Option<Row> {
    let [Block::Paragraph { spans }] = item.blocks.as_slice() else {
        return None;
    };
    let theme = ctx.theme;
    let (x, _, w, _) = ctx.format.content_box();
    let badge = if number.is_some() {
        size * BADGE
    } else {
        STRIPE
    };
    let text_x = x + PAD + badge + BADGE_GAP;
    let text_w = w - (text_x - x) - PAD;
    let laid = lay(shaper, theme, spans, size, text_w, false, missing);
    let lines = text_rows(shaper, theme, &laid, text_x, size, LEADING);
    let text_h = rows_height(&lines);
    let inner = text_h.max(if number.is_some() { badge } else { 0.0 });
    let height = inner + 2.0 * PAD;
    let mut elements = Element::card(theme, x, 0.0, w, height, &theme.colors.surface);
    match number {
        Some(n) => {
            let r = badge / 2.0;
            let cy = PAD + r.max(text_h.min(size * LEADING) / 2.0);
            elements.push(Element::Circle {
                cx: x + PAD + r,
                cy,
                r,
                fill: theme.colors.accent.clone(),
            });
            let label_size = size * 0.8;
            let mut label = lay(
                shaper,
                theme,
                &plain(&n.to_string()),
                label_size,
                badge,
                true,
                missing,
            );
            recolor(
                &mut label,
                &theme.colors.accent_contrast,
                theme.fonts.heading_weight,
            );
            let label_rows = text_rows(shaper, theme, &label, 0.0, label_size, 1.0);
            if let (Some(row), Some(line)) = (label_rows.into_iter().next(), label.lines.first()) {
                let dx = x + PAD + r - line.width / 2.0;
                let dy = cy - row.height / 2.0;
                for mut el in row.elements {
                    el.shift(dy);
                    el.shift_x(dx);
                    elements.push(el);
                }
            }
        }
        None => elements.push(Element::rect(
            x + PAD,
            PAD,
            STRIPE,
            inner,
            STRIPE / 2.0,
            &theme.colors.accent,
        )),
    }
    let text_top = PAD + (inner - text_h) / 2.0;
    let mut text = String::new();
    let mut y = text_top;
    for row in lines {
        for mut el in row.elements {
            el.shift(y);
            elements.push(el);
        }
        y += row.height;
        text.push_str(&row.text);
        text.push(' ');
    }
    Some(Row {
        gap: 0.0,
        height,
        elements,
        text: text.trim_end().to_string(),
        keep_with_next: false,
        block_start: true,
    })
}
