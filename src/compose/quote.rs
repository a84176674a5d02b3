//! The quote layout: a slide that is a single blockquote (or has a `{.quote}` heading class) is
//! set large and italic under a big accent quotation mark (drawn by `quote.svg`), with a muted
//! attribution line for a last paragraph that starts with a dash.

use crate::content::Slide;
use crate::content::markup::{Block, Span, plain_text};

use super::composer::Composer;
use super::frame::Frame;
use super::page::Page;
use super::rows::{Row, rows_height};

/// Quote text size at 1080 wide, in px.
const QUOTE_SIZE: f32 = 56.0;
/// Smallest size a long quote shrinks to before the slide falls back to the content layout.
const QUOTE_MIN: f32 = 40.0;
/// Quote leading.
const QUOTE_LEADING: f32 = 1.3;
/// Space kept above the quote for the quotation mark the layout draws, in px.
pub(super) const MARK_SPACE: f32 = 150.0;
/// Attribution size, in px.
const ATTRIBUTION_SIZE: f32 = 30.0;
/// Space above the attribution, in px.
const ATTRIBUTION_GAP: f32 = 48.0;
/// Step by which a quote too long for the slide shrinks, in px.
const QUOTE_STEP: f32 = 4.0;

/// The quoted paragraphs and the attribution, if the slide is a quote slide.
fn parts(slide: &Slide) -> Option<(Vec<Vec<Span>>, Option<String>)> {
    let blocks: &[Block] = match slide.blocks.as_slice() {
        [Block::Quote { blocks }] => blocks,
        [Block::Quote { blocks }, Block::Paragraph { .. }] => blocks,
        _ => return None,
    };
    let mut paragraphs: Vec<Vec<Span>> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { spans } => paragraphs.push(spans.clone()),
            _ => return None,
        }
    }
    let mut attribution = None;
    let trailing = match slide.blocks.as_slice() {
        [_, Block::Paragraph { spans }] => Some(plain_text(spans)),
        _ => paragraphs
            .last()
            .map(|p| plain_text(p))
            .filter(|t| is_attribution(t)),
    };
    if let Some(t) = trailing {
        if !is_attribution(&t) {
            return None;
        }
        if slide.blocks.len() == 1 {
            paragraphs.pop();
        }
        attribution = Some(t);
    }
    (!paragraphs.is_empty()).then_some((paragraphs, attribution))
}

fn is_attribution(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('—') || t.starts_with('–') || t.starts_with("- ") || t.starts_with("--")
}

/// True if the slide is set with the quote layout.
pub(super) fn is_quote(slide: &Slide) -> bool {
    parts(slide).is_some()
        && (slide.classes.iter().any(|c| c == "quote")
            || slide.heading.is_none()
            || slide.blocks.len() <= 2)
}

/// Composes a quote slide; `None` if the quote does not fit one slide at the smallest size.
pub(super) fn page(c: &mut Composer<'_, '_>, slide: &Slide) -> Option<Page> {
    let (paragraphs, attribution) = parts(slide)?;
    let frame = Frame::open(c, slide);
    let full = QUOTE_SIZE * c.format().display_scale;
    let mut size = full;
    loop {
        let rows = quote_rows(c, &paragraphs, attribution.as_deref(), size, frame.area);
        if frame.head_h + MARK_SPACE + rows_height(&rows) <= frame.area.height {
            let mark_y = frame.centred_top(MARK_SPACE + rows_height(&rows));
            let mut page = frame.page(slide, rows, mark_y + MARK_SPACE);
            page.scale = size / full;
            page.mark_y = mark_y;
            return Some(page);
        }
        if size <= QUOTE_MIN {
            return None;
        }
        size = (size - QUOTE_STEP).max(QUOTE_MIN);
    }
}

/// The quote's paragraphs in italic at `size`, then the attribution in small muted type.
fn quote_rows(
    c: &mut Composer<'_, '_>,
    paragraphs: &[Vec<Span>],
    attribution: Option<&str>,
    size: f32,
    area: crate::formats::Rect,
) -> Vec<Row> {
    let theme = c.theme();
    let mut rows: Vec<Row> = Vec::new();
    for (i, spans) in paragraphs.iter().enumerate() {
        let mut italic = spans.clone();
        for span in &mut italic {
            span.style.italic = !span.style.code;
        }
        let laid = c.lay(&italic, size, area.width, false);
        let mut new = c.text_rows(&laid, area.x, size, QUOTE_LEADING);
        if let Some(first) = new.first_mut() {
            first.gap = if i == 0 { 0.0 } else { size * 0.5 };
        }
        rows.extend(new);
    }
    if let Some(who) = attribution {
        let look = (theme.colors.muted.as_str(), 600);
        let laid = c.lay_colored(who.trim(), (ATTRIBUTION_SIZE, area.width), false, look);
        let mut new = c.text_rows(&laid, area.x, ATTRIBUTION_SIZE, 1.3);
        if let Some(first) = new.first_mut() {
            first.gap = ATTRIBUTION_GAP;
        }
        rows.extend(new);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::layout::test_slide as slide;

    #[test]
    fn quote_slides_are_recognised() {
        let cases = [
            ("## Q\n\n> Focus is a budget.\n", true, None),
            (
                "## Q\n\n> Focus is a budget.\n>\n> — Cal Newport\n",
                true,
                Some("— Cal Newport"),
            ),
            (
                "## Q\n\n> Focus is a budget.\n\n— Cal Newport\n",
                true,
                Some("— Cal Newport"),
            ),
            (
                "## Q\n\n> Focus is a budget.\n\nAnd a normal paragraph.\n",
                false,
                None,
            ),
            ("## Q\n\nIntro.\n\n> Focus.\n", false, None),
            ("## Q\n\n> - a list\n", false, None),
        ];
        for (md, want, who) in cases {
            let s = slide(md);
            assert_eq!(is_quote(&s), want, "{md}");
            if want {
                assert_eq!(parts(&s).unwrap().1.as_deref(), who, "{md}");
            }
        }
    }
}
