//! The list layout: a short list set as cards, one per item, each with a numbered badge (ordered
//! lists) or an accent stripe (bullets), under the heading and an optional intro line.

use crate::content::Slide;
use crate::content::markup::{Block, ListItem};

use super::blocks::BODY_LEADING;
use super::composer::Composer;
use super::element::Element;
use super::flow::{FIT_SCALES, grow};
use super::frame::Frame;
use super::page::Page;
use super::rows::{Align, Joint, Row, rows_height};

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

/// Size of the number in a badge, as a multiple of the item text size.
const LABEL_SCALE: f32 = 0.8;

/// Composes a list slide; `None` if the items do not fit one slide at the smallest size (the
/// content layout then continues the list).
pub(super) fn page(c: &mut Composer<'_, '_>, slide: &Slide) -> Option<Page> {
    let list = match slide.blocks.as_slice() {
        [Block::List { start, items }] => List {
            intro: None,
            start: *start,
            items,
        },
        [
            intro @ Block::Paragraph { .. },
            Block::List { start, items },
        ] => List {
            intro: Some(intro),
            start: *start,
            items,
        },
        _ => return None,
    };
    let theme = c.theme();
    let frame = Frame::open(c, slide);
    let free = frame.free();
    let preferred = list_rows(c, &list, 1.0)?;
    let height = rows_height(&preferred);
    if height <= free {
        let grown = grow(theme.sizes.grow, free, height, |scale| {
            let rows = list_rows(c, &list, scale);
            Ok::<_, ()>(rows.map(|r| {
                let h = rows_height(&r);
                (r, h)
            }))
        });
        let best = grown.ok().flatten().unwrap_or((preferred, 1.0));
        return Some(place(frame, slide, best));
    }
    for &scale in &FIT_SCALES[1..] {
        let rows = list_rows(c, &list, scale)?;
        if rows_height(&rows) <= free {
            return Some(place(frame, slide, (rows, scale)));
        }
        // The smallest size has been tried: the content layout continues the list.
        if theme.sizes.body * scale <= theme.sizes.min_body {
            break;
        }
    }
    None
}

/// A list slide's parts.
struct List<'a> {
    intro: Option<&'a Block>,
    start: Option<u64>,
    items: &'a [ListItem],
}

/// The intro and the cards at `scale`; `None` if an item is not a single paragraph.
fn list_rows(c: &mut Composer<'_, '_>, list: &List<'_>, scale: f32) -> Option<Vec<Row>> {
    let theme = c.theme();
    let area = c.format().content_box();
    let size = (theme.sizes.body * scale).max(theme.sizes.min_body);
    let mut rows = Vec::new();
    if let Some(Block::Paragraph { spans }) = list.intro {
        let laid = c.lay(spans, size, area.width, false);
        rows.extend(c.text_rows(&laid, area.x, size, BODY_LEADING));
    }
    for (i, item) in list.items.iter().enumerate() {
        let number = list.start.map(|n| n + i as u64);
        let mut card = card_row(c, item, number, size)?;
        card.gap = if i == 0 && rows.is_empty() {
            0.0
        } else if i == 0 {
            INTRO_GAP
        } else {
            CARD_GAP
        };
        rows.push(card);
    }
    Some(rows)
}

/// The page with the cards centred under the heading.
fn place(frame: Frame, slide: &Slide, (rows, scale): (Vec<Row>, f32)) -> Page {
    let top = frame.centred_top(rows_height(&rows));
    let mut page = frame.page(slide, rows, top);
    page.scale = scale;
    page
}

/// One item as a card row, at x = the content box's left edge.
fn card_row(
    c: &mut Composer<'_, '_>,
    item: &ListItem,
    number: Option<u64>,
    size: f32,
) -> Option<Row> {
    let [Block::Paragraph { spans }] = item.blocks.as_slice() else {
        return None;
    };
    let theme = c.theme();
    let b = c.format().content_box();
    let badge = if number.is_some() {
        size * BADGE
    } else {
        STRIPE
    };
    // The badge (or stripe) is on the start side: the right in a right-to-left slide.
    let side = badge + BADGE_GAP;
    let (text_x, badge_x) = if c.rtl {
        (b.x + PAD, b.right() - PAD - badge)
    } else {
        (b.x + PAD + side, b.x + PAD)
    };
    let text_w = b.width - 2.0 * PAD - side;
    let laid = c.lay(spans, size, text_w, false);
    let lines = c.text_rows(&laid, text_x, size, LEADING);
    let text_h = rows_height(&lines);
    let inner = text_h.max(if number.is_some() { badge } else { 0.0 });
    let height = inner + 2.0 * PAD;
    let mut elements = Element::card(theme, b.x, 0.0, b.width, height, &theme.colors.surface);
    match number {
        Some(n) => {
            let cy = PAD + (badge / 2.0).max(text_h.min(size * LEADING) / 2.0);
            elements.extend(number_badge(c, n, badge_x + badge / 2.0, cy, size));
        }
        None => elements.push(Element::rect(
            badge_x,
            PAD,
            STRIPE,
            inner,
            STRIPE / 2.0,
            &theme.colors.accent,
        )),
    }
    let mut text = String::new();
    let mut y = PAD + (inner - text_h) / 2.0;
    for row in lines {
        for mut el in row.elements {
            el.shift(y);
            elements.push(el);
        }
        y += row.height;
        text.push_str(&row.text);
        text.push(' ');
    }
    let text = text.trim_end().to_string();
    Some(Row {
        joint: Joint::Block,
        ..Row::new(height, elements, text)
    })
}

/// A numbered badge: an accent circle centred on (`cx`, `cy`) with the number in it.
fn number_badge(c: &mut Composer<'_, '_>, n: u64, cx: f32, cy: f32, size: f32) -> Vec<Element> {
    let theme = c.theme();
    let r = size * BADGE / 2.0;
    let mut elements = vec![Element::Circle {
        cx,
        cy,
        r,
        fill: theme.colors.accent.clone(),
    }];
    let label_size = size * LABEL_SCALE;
    let look = (
        theme.colors.accent_contrast.as_str(),
        theme.fonts.heading_weight,
    );
    let label = c.lay_colored(&n.to_string(), (label_size, 2.0 * r), true, look);
    let label_rows = c.aligned_rows(&label, Align::Centre(cx), label_size, 1.0);
    if let Some(row) = label_rows.into_iter().next() {
        let dy = cy - row.height / 2.0;
        for mut el in row.elements {
            el.shift(dy);
            elements.push(el);
        }
    }
    elements
}
