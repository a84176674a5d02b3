//! Slide chrome: the brand kit and logo in the header, the progress bar, counter, website and
//! swipe cue in the footer.

use crate::content::SlideKind;
use crate::theme::Theme;

use super::brand::logo;
use super::composer::Composer;
use super::element::Element;

/// Swipe cue circle diameter.
const SWIPE_DOT: f32 = 64.0;
/// Height of the cover's swipe pill and of the outro's CTA pill.
pub(super) const PILL_H: f32 = 72.0;
/// Progress bar size (the anatomy's 160 x 8), its gap to the counter and its track's opacity.
const PROGRESS_W: f32 = 160.0;
const PROGRESS_H: f32 = 8.0;
const PROGRESS_GAP: f32 = 24.0;
const PROGRESS_TRACK_OPACITY: f32 = 0.25;

/// Horizontal padding of the cover's swipe pill.
const PILL_PAD: f32 = 32.0;
/// Size of the slide counter.
const COUNTER_SIZE: f32 = 28.0;

/// Corner radius of a pill of `height`: round, except in themes with square-ish cards
/// (brutalist, terminal, editorial), whose buttons follow their cards.
pub(super) fn pill_radius(theme: &Theme, height: f32) -> f32 {
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

impl Composer<'_, '_> {
    /// Header and footer elements of slide `number` (1-based) of `total`; `counter` is false on
    /// a slide that hides its counter and progress bar (`{.no-counter}`).
    pub(super) fn chrome(
        &mut self,
        kind: SlideKind,
        number: usize,
        total: usize,
        counter: bool,
    ) -> (Vec<Element>, Vec<Element>) {
        let (f, theme, brand) = (self.format(), self.theme(), self.ctx.brand);
        let x = f.margin_left;
        let w = f.inner_width();
        let header_cy = f.header_y() + f.band / 2.0;
        let footer_cy = f.footer_y() + f.band / 2.0;
        let mut header = Vec::new();
        let mut footer = Vec::new();
        let logo = logo(&self.ctx, f.width - f.margin_right, header_cy);
        let brand_w = w * if logo.is_some() { 0.6 } else { 0.7 };
        match kind {
            SlideKind::Content => {
                header = self.brand_block(x, header_cy, brand_w);
                footer = self.website(x + w / 2.0, footer_cy, w / 3.0);
            }
            SlideKind::Cover => footer = self.brand_block(x, footer_cy, w * 0.6),
            SlideKind::Outro => {}
        }
        if kind != SlideKind::Outro {
            header.extend(logo);
        }
        let mut counter_x = x;
        let numbered = counter && kind != SlideKind::Cover;
        if brand.show_progress && numbered {
            footer.extend(progress_bar(theme, x, footer_cy, number, total));
            counter_x += PROGRESS_W + PROGRESS_GAP;
        }
        if brand.show_counter && numbered {
            let label = format!("{number:02}/{total:02}");
            let muted = &theme.colors.muted;
            let (laid, size) = self.one_line(&label, COUNTER_SIZE, 500, muted, w / 3.0);
            footer.extend(self.line_at(&laid, counter_x, footer_cy, size));
        }
        if brand.show_swipe && number != total {
            footer.extend(self.swipe_cue(kind, footer_cy));
        }
        (header, footer)
    }

    /// The swipe cue at the right of the footer: an accent pill "Swipe →" on the cover, an
    /// accent dot with an arrow elsewhere.
    fn swipe_cue(&mut self, kind: SlideKind, footer_cy: f32) -> Vec<Element> {
        let (f, theme) = (self.format(), self.theme());
        let right = f.width - f.margin_right;
        let on_accent = &theme.colors.accent_contrast;
        let mut footer = Vec::new();
        if kind == SlideKind::Cover {
            // Mirrored with the chrome in a right-to-left post: the arrow leads.
            // The arrow ends the cue, at its left in a right-to-left post: written after a
            // right-to-left word, before a left-to-right one.
            let swipe = &self.labels.swipe;
            let label = match (self.rtl, crate::text::bidi::first_strong_is_rtl(swipe)) {
                (false, _) => format!("{swipe} →"),
                (true, Some(true)) => format!("{swipe} ←"),
                (true, _) => format!("← {swipe}"),
            };
            let (laid, size) = self.one_line(&label, 30.0, 700, on_accent, f.inner_width() / 3.0);
            let pill_w = laid.width() + 2.0 * PILL_PAD;
            footer.push(Element::rect(
                right - pill_w,
                footer_cy - PILL_H / 2.0,
                pill_w,
                PILL_H,
                pill_radius(theme, PILL_H),
                &theme.colors.accent,
            ));
            footer.extend(self.line_at(&laid, right - pill_w + PILL_PAD, footer_cy, size));
        } else {
            let r = SWIPE_DOT / 2.0;
            footer.push(Element::Circle {
                cx: right - r,
                cy: footer_cy,
                r,
                fill: theme.colors.accent.clone(),
            });
            let arrow = if self.rtl { "←" } else { "→" };
            let (laid, size) = self.one_line(arrow, 32.0, 700, on_accent, SWIPE_DOT);
            footer.extend(self.line_at(&laid, right - r - laid.width() / 2.0, footer_cy, size));
        }
        footer
    }
}
