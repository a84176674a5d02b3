//! The statement layout: a slide that is only a heading, or a heading and one short sentence,
//! set large under a short accent rule, with the supporting sentence muted under it, the block
//! on the optical centre of the content box. The slide that lands the point.

use crate::content::Slide;
use crate::content::markup::{Span, plain_text};

use super::composer::Composer;
use super::element::Element;
use super::layout::{StatementLimits, statement_parts_within};
use super::page::Page;
use super::rows::{Row, rows_height, stack};

/// Largest statement size at 1080 wide, in px (a short statement is set this large).
const STATEMENT_MAX: f32 = 128.0;
/// Smallest statement size at 1080 wide, in px; a statement that needs less is content.
const STATEMENT_MIN: f32 = 72.0;
/// Step by which a statement too long for its lines shrinks.
const STATEMENT_STEP: f32 = 0.92;
/// Most lines a statement is set in.
const STATEMENT_LINES: usize = 5;
/// Statement leading.
const STATEMENT_LEADING: f32 = 1.1;
/// The supporting sentence is set at this multiple of the body size.
const SUPPORT_SCALE: f32 = 1.1;
/// Supporting sentence leading.
const SUPPORT_LEADING: f32 = 1.35;
/// Space between the statement and its supporting sentence, in px.
const SUPPORT_GAP: f32 = 40.0;
/// The accent rule above the statement: width, height and the space under it, in px.
const RULE: (f32, f32, f32) = (96.0, 6.0, 48.0);
/// The block's top sits at this share of the free space (0.5 would centre it; less sits on the
/// optical centre, a little above the middle).
const OPTICAL_CENTRE: f32 = 0.45;

/// Composes a statement slide with a supporting paragraph up to `limits`; `None` if the
/// statement does not fit at the smallest size.
pub(super) fn page(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    limits: StatementLimits,
) -> Option<Page> {
    let (statement, support) = statement_parts_within(slide, limits)?;
    let area = c.format().content_box();
    let scale = c.format().display_scale;
    let (max, min) = (STATEMENT_MAX * scale, STATEMENT_MIN * scale);
    let mut size = max;
    loop {
        let (rows, lines) = block(c, statement, support, size);
        // The longest word fits a line: a statement never breaks inside a word.
        let whole = c.widest_word(statement, size, true) <= area.width;
        let fits = whole && lines <= STATEMENT_LINES && rows_height(&rows) <= area.height;
        if fits {
            let top = area.y + (area.height - rows_height(&rows)) * OPTICAL_CENTRE;
            let (content, alt) = stack(rows, top);
            return Some(Page {
                content,
                heading: plain_text(statement),
                alt,
                // Relative to the theme's heading, which a statement is set larger than.
                scale: size / (c.theme().sizes.heading * scale),
                ..Page::new(slide.kind, slide.offset)
            });
        }
        if size <= min {
            return None;
        }
        size = (size * STATEMENT_STEP).max(min);
    }
}

/// The rule, the statement at `size` and the supporting sentence, with the number of lines the
/// statement takes.
fn block(
    c: &mut Composer<'_, '_>,
    statement: &[Span],
    support: Option<&[Span]>,
    size: f32,
) -> (Vec<Row>, usize) {
    let theme = c.theme();
    let area = c.format().content_box();
    let (rule_w, rule_h, rule_gap) = RULE;
    let accent = &theme.colors.accent;
    // The rule sits over the start of the first line: the right in a right-to-left slide.
    let rule_x = if c.rtl { area.right() - rule_w } else { area.x };
    let rule = Element::rect(rule_x, 0.0, rule_w, rule_h, rule_h / 2.0, accent);
    let mut rows = vec![Row::new(rule_h, vec![rule], String::new())];
    let laid = c.lay(statement, size, area.width, true);
    let mut lines = c.text_rows(&laid, area.x, size, STATEMENT_LEADING);
    if let Some(first) = lines.first_mut() {
        first.gap = rule_gap;
    }
    let count = lines.len();
    rows.extend(lines);
    if let Some(spans) = support {
        let size = theme.sizes.body * SUPPORT_SCALE;
        let mut laid = c.lay(spans, size, area.width, false);
        // Muted, keeping bold, code and links as they are.
        for run in laid.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            if run.format.fill == theme.colors.text {
                run.format.fill = theme.colors.muted.clone();
            }
        }
        let mut new = c.text_rows(&laid, area.x, size, SUPPORT_LEADING);
        if let Some(first) = new.first_mut() {
            first.gap = SUPPORT_GAP;
        }
        rows.extend(new);
    }
    (rows, count)
}
