//! The cover: eyebrow, title, subtitle and the intro, centred a little above the middle; an intro
//! too long for the cover gets a slide of its own.

use crate::content::markup::Block;
use crate::content::{Slide, SlideKind};
use crate::error::Diagnostic;

use super::composer::Composer;
use super::flow::{FIT_SCALES, place};
use super::page::Page;
use super::rows::{Row, rows_height};
use super::section::content_pages;

/// The cover's text block is centred on this fraction of the canvas height.
const COVER_CENTER: f32 = 0.45;
/// Cover title leading.
const TITLE_LEADING: f32 = 1.05;
/// Scales a short cover grows to, largest first (title 96 -> 120).
const COVER_GROW: [f32; 5] = [1.25, 1.2, 1.15, 1.1, 1.05];
/// A grown cover fills at most this share of the space between the top margin and the footer.
const COVER_FILL: f32 = 0.6;
/// The height of the accent rule the cover layout draws at the top margin, in px, plus the
/// space kept under it. Text that fits under it starts no higher; text that needs the space
/// takes it, and the layout leaves the rule out (it reads the text's top as `slide.mark_y`).
const RULE_SPACE: f32 = 12.0 + 24.0;
/// Space between the eyebrow and the title, in px.
const EYEBROW_GAP: f32 = 24.0;
/// Space between the title and the subtitle, in px.
const SUBTITLE_GAP: f32 = 32.0;
/// Space above the intro, in px.
const INTRO_GAP: f32 = 48.0;
/// Scales the title is tried at once the intro has a slide of its own, largest first: small
/// formats set a long title down to 40% of its size (38 px) before parts are left out.
const TITLE_SCALES: [f32; 7] = [1.0, 0.88, 0.76, 0.64, 0.52, 0.45, 0.4];
/// An optional part of the cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Subtitle,
    Eyebrow,
}

impl Part {
    /// The part's name in a warning.
    fn name(self) -> &'static str {
        match self {
            Part::Subtitle => "subtitle",
            Part::Eyebrow => "eyebrow",
        }
    }
}

/// The cover's optional parts, in the order they are left out when even the smallest title
/// does not fit with them.
const DROP_ORDER: [Part; 2] = [Part::Subtitle, Part::Eyebrow];
/// While optional parts are shown, the title shrinks no further than this scale (58 px), so it
/// stays well above the subtitle.
const PARTS_FLOOR: f32 = 0.6;

/// The cover page, plus a page for an intro too long to share it.
pub(super) fn pages(c: &mut Composer<'_, '_>, slide: &Slide) -> Result<Vec<Page>, Diagnostic> {
    if let Some(page) = grown(c, slide)? {
        return Ok(vec![page]);
    }
    for &scale in FIT_SCALES {
        let rows = rows(c, slide, &slide.blocks, scale)?;
        if fits(c, &rows) {
            return Ok(vec![place_cover(c, slide, rows)]);
        }
    }
    // The intro is too long for the cover: give it a slide of its own.
    let mut pages = vec![bare(c, slide)?];
    if slide.blocks.is_empty() {
        return Ok(pages);
    }
    let intro = Slide {
        notes: slide.notes.clone(),
        kind: SlideKind::Content,
        heading: None,
        classes: Vec::new(),
        background: slide.background.clone(),
        blocks: slide.blocks.clone(),
        offset: slide.offset,
        eyebrow: None,
        subtitle: None,
    };
    pages.extend(content_pages(c, &intro, false)?);
    Ok(pages)
}

/// The cover without its intro: the title shrunk (down to [`TITLE_SCALES`]' smallest), then
/// the subtitle and the eyebrow left out with a warning, until it fits.
fn bare(c: &mut Composer<'_, '_>, slide: &Slide) -> Result<Page, Diagnostic> {
    let mut last = Vec::new();
    for dropped in 0..=DROP_ORDER.len() {
        let left_out = &DROP_ORDER[..dropped];
        let shown = Slide {
            subtitle: slide
                .subtitle
                .clone()
                .filter(|_| !left_out.contains(&Part::Subtitle)),
            eyebrow: slide
                .eyebrow
                .clone()
                .filter(|_| !left_out.contains(&Part::Eyebrow)),
            ..slide.clone()
        };
        let floor = if dropped < DROP_ORDER.len() {
            PARTS_FLOOR
        } else {
            0.0
        };
        for scale in TITLE_SCALES.into_iter().filter(|&s| s >= floor) {
            last = rows(c, &shown, &[], scale)?;
            if fits(c, &last) {
                if dropped > 0 {
                    let message = format!(
                        "cover: no room for its {} in `{}`; left out",
                        left_out
                            .iter()
                            .map(|p| p.name())
                            .collect::<Vec<_>>()
                            .join(", "),
                        c.format().name
                    );
                    c.warnings
                        .push((message, "shorten the cover's title or subtitle"));
                }
                return Ok(place_cover(c, slide, last));
            }
        }
    }
    // Too long even alone at the smallest size: set from the top margin, where the safe-area
    // check names the text that leaves the slide.
    Ok(place_cover(c, slide, last))
}

/// A short cover set larger (the title up to the guide's 120 px), when it still leaves room to
/// breathe.
fn grown(c: &mut Composer<'_, '_>, slide: &Slide) -> Result<Option<Page>, Diagnostic> {
    let f = c.format();
    let room = (f.footer_y() - f.gap - f.margin_top) * COVER_FILL;
    if rows_height(&rows(c, slide, &slide.blocks, 1.0)?) > room {
        return Ok(None);
    }
    for scale in COVER_GROW {
        let rows = rows(c, slide, &slide.blocks, scale)?;
        if rows_height(&rows) <= room {
            return Ok(Some(place_cover(c, slide, rows)));
        }
    }
    Ok(None)
}

/// The cover's rows at `scale`: eyebrow, title, subtitle and `intro` with its footnotes.
fn rows(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    intro: &[Block],
    scale: f32,
) -> Result<Vec<Row>, Diagnostic> {
    let theme = c.theme();
    let b = c.format().content_box();
    let mut rows = Vec::new();
    if let Some(eyebrow) = &slide.eyebrow {
        let size = theme.sizes.eyebrow;
        let look = (theme.colors.accent.as_str(), theme.fonts.bold_weight);
        let laid = c.lay_colored(&eyebrow.to_uppercase(), (size, b.width), false, look);
        rows.extend(c.text_rows(&laid, b.x, size, 1.2));
    }
    let title_size = theme.sizes.cover_title * c.format().display_scale * scale;
    let title = slide.heading.as_deref().unwrap_or_default();
    let laid = c.lay(title, title_size, b.width, true);
    let mut title_rows = c.text_rows(&laid, b.x, title_size, TITLE_LEADING);
    if let Some(first) = title_rows.first_mut() {
        first.gap = if rows.is_empty() { 0.0 } else { EYEBROW_GAP };
    }
    rows.extend(title_rows);
    if let Some(sub) = &slide.subtitle {
        let size = (theme.sizes.cover_subtitle * scale).max(theme.sizes.min_body);
        let laid = c.lay_colored(sub, (size, b.width), false, (&theme.colors.muted, 500));
        let mut sub_rows = c.text_rows(&laid, b.x, size, 1.3);
        if let Some(first) = sub_rows.first_mut() {
            first.gap = SUBTITLE_GAP;
        }
        rows.extend(sub_rows);
    }
    if !intro.is_empty() {
        let style = c.body_style(scale, 0.0, false);
        let mut body = c.block_rows(&style, intro, b.x, b.width)?;
        if let Some(first) = body.first_mut() {
            first.gap = INTRO_GAP;
        }
        rows.extend(body);
        // The notes the intro cites, under it.
        let notes = c.note_rows(&slide.notes);
        rows.extend(notes);
    }
    Ok(rows)
}

/// Whether `rows` fit between the top margin and the footer.
fn fits(c: &Composer<'_, '_>, rows: &[Row]) -> bool {
    let f = c.format();
    rows_height(rows) <= f.footer_y() - f.gap - f.margin_top
}

/// The cover page with its rows centred a little above the middle, between the accent rule and
/// the footer (from the rule, or from the top margin when they are taller).
fn place_cover(c: &Composer<'_, '_>, slide: &Slide, rows: Vec<Row>) -> Page {
    let f = c.format();
    let top = f.margin_top;
    let bottom = f.footer_y() - f.gap;
    let height = rows_height(&rows);
    let highest = if height <= bottom - top - RULE_SPACE {
        top + RULE_SPACE
    } else {
        top
    };
    let y = (f.height * COVER_CENTER - height / 2.0)
        .min(bottom - height)
        .max(highest);
    let mut page = place(f, slide, Vec::new(), rows, false, 1.0);
    for el in &mut page.content {
        el.shift(y - f.content_box().y);
    }
    page.mark_y = y;
    page.heading = slide
        .heading
        .as_deref()
        .map(crate::content::markup::plain_text)
        .unwrap_or_default();
    page
}
