//! The brand kit on slides: the avatar (an image cropped to a circle, or initials), name and
//! handle; the logo at the right of the header; the website in the footer and on the outro.

use super::composer::{ComposeCtx, Composer};
use super::element::Element;

/// Avatar diameter.
pub(super) const AVATAR: f32 = 64.0;
/// Logo height in the header band.
const LOGO_H: f32 = 48.0;
/// Widest a logo may be, as a share of the width between the margins.
const LOGO_MAX_SHARE: f32 = 0.3;
/// Space between the avatar and the name.
const AVATAR_GAP: f32 = 16.0;
/// Website text size.
const WEBSITE_SIZE: f32 = 26.0;

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

/// The logo, right-aligned at `right` and vertically centred on `cy`, if the brand has one.
pub(super) fn logo(ctx: &ComposeCtx<'_>, right: f32, cy: f32) -> Option<Element> {
    let brand = ctx.brand;
    let image = ctx.brand_images.logo.as_ref().filter(|_| brand.show_logo)?;
    let aspect = image.width / image.height.max(1.0);
    let max_w = ctx.format.inner_width() * LOGO_MAX_SHARE;
    let width = (LOGO_H * aspect).min(max_w);
    let height = width / aspect;
    Some(Element::Image {
        x: right - width,
        y: cy - height / 2.0,
        width,
        height,
        href: image.href.clone(),
        rx: 0.0,
        slice: false,
    })
}

/// The website when the brand shows it, else "".
pub(super) fn website_text<'c>(ctx: &ComposeCtx<'c>) -> &'c str {
    let brand = ctx.brand;
    if brand.show_website {
        brand.website.trim()
    } else {
        ""
    }
}

impl Composer<'_, '_> {
    /// The avatar at (`x`, centre `cy`): the brand image cropped to a circle, or the initials
    /// of `label` on an accent disc.
    fn avatar(&mut self, label: &str, x: f32, cy: f32) -> Vec<Element> {
        let theme = self.theme();
        let r = AVATAR / 2.0;
        if let Some(image) = &self.ctx.brand_images.avatar {
            return vec![Element::Image {
                x,
                y: cy - r,
                width: AVATAR,
                height: AVATAR,
                href: image.href.clone(),
                rx: r,
                slice: true,
            }];
        }
        let mut out = vec![Element::Circle {
            cx: x + r,
            cy,
            r,
            fill: theme.colors.accent.clone(),
        }];
        let initials = initials(label.trim_start_matches('@'));
        let (laid, size) = self.one_line(
            &initials,
            26.0,
            700,
            &theme.colors.accent_contrast,
            AVATAR - 8.0,
        );
        let w = laid.width();
        out.extend(self.line_at(&laid, x + r - w / 2.0, cy, size));
        out
    }

    /// The brand block: avatar, then name over handle (or whichever is shown), from `x`,
    /// vertically centred on `cy`, at most `max_w` wide. Empty when neither name nor handle is
    /// shown.
    pub(super) fn brand_block(&mut self, x: f32, cy: f32, max_w: f32) -> Vec<Element> {
        let (theme, brand) = (self.theme(), self.ctx.brand);
        let shown = |on: bool, text: &str| {
            if on {
                text.trim().to_string()
            } else {
                String::new()
            }
        };
        let name = shown(brand.show_name, &brand.name);
        let handle = shown(brand.show_handle, &brand.handle);
        if name.is_empty() && handle.is_empty() {
            return Vec::new();
        }
        let label = if name.is_empty() { &handle } else { &name };
        let mut out = Vec::new();
        let mut tx = x;
        if brand.show_avatar {
            out.extend(self.avatar(label, x, cy));
            tx += AVATAR + AVATAR_GAP;
        }
        let avail = max_w - (tx - x);
        let (text, muted) = (&theme.colors.text, &theme.colors.muted);
        if !name.is_empty() && !handle.is_empty() {
            let (n, ns) = self.one_line(&name, 30.0, 600, text, avail);
            out.extend(self.line_at(&n, tx, cy - 17.0, ns));
            let (h, hs) = self.one_line(&handle, 26.0, 400, muted, avail);
            out.extend(self.line_at(&h, tx, cy + 19.0, hs));
        } else {
            let (l, ls) = self.one_line(label, 30.0, 600, text, avail);
            out.extend(self.line_at(&l, tx, cy, ls));
        }
        out
    }

    /// The website centred on (`cx`, `cy`), shrunk to fit `max_w`; empty when it is not shown.
    pub(super) fn website(&mut self, cx: f32, cy: f32, max_w: f32) -> Vec<Element> {
        let theme = self.theme();
        let site = website_text(&self.ctx);
        if site.is_empty() {
            return Vec::new();
        }
        let (laid, size) = self.one_line(site, WEBSITE_SIZE, 500, &theme.colors.muted, max_w);
        let w = laid.width();
        self.line_at(&laid, cx - w / 2.0, cy, size)
    }
}
