//! A content slide's pages: one when the section fits at some scale, else the section continued
//! over several at the post's base size, or a little smaller when that saves a slide that would
//! hold a line or two.

use crate::content::Slide;
use crate::error::Diagnostic;

use super::composer::{BlockStyle, Composer, Room};
use super::flow::{FIT_SCALES, HEADING_GAP, Trial, balanced, fit_dense, fit_one};
use super::page::Page;
use super::paginate::{balanced_counts, with_card_padding};
use super::rows::rows_height;
use super::split;
use super::type_scale::SAME;

/// A continued section whose last slide holds less than this share of its room is set smaller
/// when that saves a slide (a section does not end on a line or two).
const THIN_TAIL: f32 = 0.25;

/// The pages of a slide in the content layout: one page at the largest scale that fits, or
/// several at the preferred size when none does. `window` draws code blocks as windows.
pub(super) fn content_pages(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
) -> Result<Vec<Page>, Diagnostic> {
    let mut pages = match fit_one(c, slide, window)? {
        Some(page) => vec![page],
        None => continued(c, slide, window)?,
    };
    for page in &mut pages {
        page.flow = true;
        c.fitted.push(page.scale);
    }
    Ok(pages)
}

/// A section's pages, and whether the last of several is thin.
struct Continued {
    pages: Vec<Page>,
    /// The last page holds less than `THIN_TAIL` of its room.
    thin: bool,
}

/// The pages of a slide that does not fit one at the post's base size: continued at that size;
/// when the last would be thin and the post has its type scale, one step smaller (not under the
/// theme's minimum) if that saves a slide.
fn continued(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
) -> Result<Vec<Page>, Diagnostic> {
    let base = c.type_scale.map_or(1.0, |t| t.base);
    let plan = at_scale(c, slide, window, base)?;
    if !plan.thin || c.type_scale.is_none() {
        return Ok(plan.pages);
    }
    let theme = c.theme();
    let (body, min_body) = (theme.sizes.body, theme.sizes.min_body);
    let step = FIT_SCALES
        .iter()
        .copied()
        .find(|&s| s < base - SAME)
        .filter(|&s| body * s >= min_body);
    if let Some(step) = step {
        if plan.pages.len() == 2
            && let Some(page) = fit_dense(c, slide, window, step)?
        {
            return Ok(vec![page]);
        }
        let smaller = at_scale(c, slide, window, step)?;
        if smaller.pages.len() < plan.pages.len() {
            return Ok(smaller.pages);
        }
    }
    Ok(plan.pages)
}

/// The slide continued over several pages at `scale`; the second and later repeat the heading
/// under the "Continued" label.
fn at_scale(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    window: bool,
    scale: f32,
) -> Result<Continued, Diagnostic> {
    let b = c.format().content_box();
    let heading = slide.heading.as_deref().unwrap_or_default();
    let head = c.optional_heading(heading, scale);
    let cont = c.continued_heading(&head);
    let head_h = rows_height(&head).max(rows_height(&cont));
    let gap = if head.is_empty() { 0.0 } else { HEADING_GAP };
    let avail = b.height - head_h - gap;
    let style = BlockStyle {
        whole_in: Some(Room {
            first: b.height - rows_height(&head) - gap,
            any: avail,
        }),
        ..c.body_style(scale, head_h, window)
    };
    let blocks = split::split_tall_paragraphs(c, &style, &slide.blocks, b.width, avail);
    let body = c.body_rows(&style, slide, &blocks)?;
    let counts = balanced_counts(&body, |first| {
        let head_rows = if first { &head } else { &cont };
        let gap = if head_rows.is_empty() {
            0.0
        } else {
            HEADING_GAP
        };
        b.height - rows_height(head_rows) - gap
    });
    let last = counts.len().saturating_sub(1);
    let tail = rows_height(&body[body.len() - counts[last]..]);
    let thin = last > 0 && tail < avail * THIN_TAIL;
    let mut pages = Vec::new();
    let mut rest = body.as_slice();
    for count in counts {
        let (now, later) = rest.split_at(count);
        let now = with_card_padding(now, later.first());
        let head_rows = if pages.is_empty() { &head } else { &cont };
        let head_h = rows_height(head_rows);
        let gap = if head_rows.is_empty() || now.is_empty() {
            0.0
        } else {
            HEADING_GAP
        };
        let trial = Trial {
            head: head_rows.clone(),
            height: head_h + gap + rows_height(&now),
            body: now,
            scale,
        };
        let more = !pages.is_empty();
        pages.push(balanced(c.format(), slide, trial, more));
        rest = later;
    }
    Ok(Continued { pages, thin })
}
