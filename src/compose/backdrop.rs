//! What the post puts behind its slides: a colour or a photo behind one slide (`## Heading
//! {bg=photo.jpg}`, `{bg=#0F172A}`) or behind every slide (front matter `background`), and a
//! panorama spread across the whole carousel (front matter `panorama`), each slide showing its
//! slice so the picture continues when swiping.
//!
//! A colour re-colours the slide's theme so its text keeps 4.5:1 on it. A photo is covered by a
//! scrim of the theme's background colour whose opacity is measured, not guessed: the photo is
//! rasterised at the slide's pixel size and the scrim is the lightest one under which every
//! text line keeps 4.5:1 against every pixel under it (see [`scrim`]).

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine;

use crate::color::{contrast, hex_contrast, mix, parse_hex};
use crate::content::{Panorama, Slide};
use crate::error::Diagnostic;
use crate::theme::Theme;

use super::composer::Composer;
use super::element::Element;
use super::fill::{Fill, FillKind, Photo};
use super::page::{Page, Variant};
use super::scrim::{self, Strip};

/// The value of `bg` / `background` that turns a post-wide background off for one slide.
const NONE: &str = "none";
/// Contrast body text keeps on a colour background (WCAG AA).
const TEXT_CONTRAST: f64 = 4.5;
/// Text colours tried, in order, when the theme's text is unreadable on a colour background.
const INKS: [&str; 3] = ["#FFFFFF", "#111827", "#000000"];
/// How far cards are tinted from a colour background towards the text colour, tried in order
/// (the first under which the text reads).
const SURFACE_TINTS: [f32; 3] = [0.12, 0.06, 0.0];
/// Steps tried when mixing the muted colour towards the background (the mutest that reads).
const MUTED_MIX: [f32; 4] = [0.35, 0.25, 0.15, 0.0];

/// Photos drawn for one post, by image: a background shared by every slide is drawn (and
/// measured, and encoded) once.
pub(super) type Photos = HashMap<String, (Arc<Photo>, Fill)>;

/// The fill a slide's `bg` (or the post's `background`) asks for; `None` for none.
pub(super) fn slide_fill(
    c: &Composer<'_, '_>,
    photos: &mut Photos,
    spec: Option<&str>,
    offset: usize,
) -> Result<Option<Fill>, Diagnostic> {
    let Some(spec) = spec.map(str::trim).filter(|s| !s.is_empty() && *s != NONE) else {
        return Ok(None);
    };
    let (path, source) = c.ctx.post;
    if spec.starts_with('#') {
        let colour = parse_colour(spec).ok_or_else(|| {
            Diagnostic::error(format!(
                "failed to read the background `{spec}`: not a colour"
            ))
            .with_hint("write a colour as #RRGGBB (or #RGB), or give an image path")
            .at_offset(path, source, offset)
        })?;
        let theme = Box::new(on_colour(c.theme(), &colour));
        return Ok(Some(Fill {
            theme,
            kind: FillKind::Colour(colour),
        }));
    }
    if let Some((_, fill)) = photos.get(spec) {
        return Ok(Some(fill.clone()));
    }
    let href = (c.ctx.images)(spec, offset)?.href;
    let f = c.format();
    let strip = Strip {
        x: 0.0,
        width: f.width,
    };
    let bg = parse_hex(&c.theme().colors.bg).unwrap_or([0, 0, 0]);
    let photo = Photo::draw(c, &href, strip, bg).map_err(|e| {
        Diagnostic::error(format!("failed to draw the background `{spec}`: {e}"))
            .at_offset(path, source, offset)
    })?;
    let photo = Arc::new(photo);
    let (theme, scrim) = ink(c.theme(), photo.luminance);
    let fill = Fill {
        theme,
        kind: FillKind::Photo {
            photo: photo.clone(),
            scrim,
        },
    };
    photos.insert(spec.to_string(), (photo, fill.clone()));
    Ok(Some(fill))
}

/// Photos darker than this mean luminance get light text on a dark scrim; lighter ones dark
/// text on a light scrim (about where white and black text contrast equally).
const DARK_PHOTO: f64 = 0.18;

/// The theme for text over a photo of mean `luminance`, and the scrim colour: the darker of the
/// theme's background and text colours over a dark photo, the lighter over a light one, so the
/// photo needs as little scrim as possible.
fn ink(theme: &Theme, luminance: f64) -> (Box<Theme>, String) {
    let c = &theme.colors;
    let lum = |x: &str| parse_hex(x).map_or(0.0, |x| contrast(x, [0, 0, 0]));
    let (darker, lighter) = if lum(&c.bg) <= lum(&c.text) {
        (&c.bg, &c.text)
    } else {
        (&c.text, &c.bg)
    };
    let scrim = if luminance < DARK_PHOTO {
        darker
    } else {
        lighter
    };
    let mut t = on_colour(theme, scrim);
    // Text over a photo takes the strongest colours of its polarity: every step of contrast
    // the text has is scrim the photo does not need.
    let light = lum(&t.colors.text) > lum(scrim);
    let (text, muted) = if light { PHOTO_LIGHT } else { PHOTO_DARK };
    t.colors.text = text.to_string();
    t.colors.muted = muted.to_string();
    (Box::new(on_colour(&t, scrim)), scrim.clone())
}

/// Text and muted colours over a dark photo.
const PHOTO_LIGHT: (&str, &str) = ("#FFFFFF", "#E4E4E7");
/// Text and muted colours over a light photo.
const PHOTO_DARK: (&str, &str) = ("#111111", "#27272A");

/// `#rgb` or `#rrggbb` as `#RRGGBB`.
fn parse_colour(spec: &str) -> Option<String> {
    let hex = spec.strip_prefix('#')?;
    let long: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let colour = format!("#{}", long.to_ascii_uppercase());
    parse_hex(&colour).map(|_| colour)
}

/// The post's theme re-coloured for text on `colour`: the theme's own colours where they keep
/// 4.5:1 on it, else white or near-black text, muted text mixed from it, and cards tinted from
/// the colour.
pub(super) fn on_colour(theme: &Theme, colour: &str) -> Theme {
    let mut t = theme.clone();
    let bg = parse_hex(colour).unwrap_or([0, 0, 0]);
    let reads = |c: &str| parse_hex(c).is_some_and(|c| contrast(c, bg) >= TEXT_CONTRAST);
    let c = &mut t.colors;
    c.bg = colour.to_string();
    c.bg_end = None;
    if !reads(&c.text) {
        let on = |x: &&str| parse_hex(x).map_or(0.0, |x| contrast(x, bg));
        let best = INKS.iter().find(|i| reads(i));
        let best = best.or_else(|| INKS.iter().max_by(|a, b| on(a).total_cmp(&on(b))));
        c.text = best.unwrap_or(&INKS[0]).to_string();
    }
    let on = |fg: &str, under: &str| hex_contrast(fg, under) >= TEXT_CONTRAST;
    if !(on(&c.text, &c.surface) && on(&c.muted, &c.surface)) {
        c.surface = SURFACE_TINTS
            .iter()
            .map(|&t| mix(colour, &c.text, t))
            .find(|s| on(&c.text, s))
            .unwrap_or_else(|| colour.to_string());
    }
    if !(reads(&c.muted) && on(&c.muted, &c.surface)) {
        c.muted = MUTED_MIX
            .iter()
            .map(|&t| mix(&c.text, colour, t))
            .find(|m| reads(m) && on(m, &c.surface))
            .unwrap_or_else(|| c.text.clone());
    }
    if !reads(&c.accent) {
        c.accent = c.text.clone();
        c.accent_contrast = colour.to_string();
    }
    t
}

/// Gives each page its backdrop once all pages are known: a colour page its colour, a photo
/// page its photo and measured scrim, and each page of a panorama its slice. Pages showing the
/// same photo share one scrim, and so do all the slices of a panorama: the heaviest any of them
/// needs, so the picture does not flicker from slide to slide and no seam shows.
pub(super) fn finish(c: &mut Composer<'_, '_>, pages: &mut [Page]) -> Result<(), Diagnostic> {
    let total = pages.len();
    let f = c.format();
    let (width, height) = (f.width, f.height);
    // (page, group, photo, scrim colour, opacity it needs); group: the photo's address, or 0
    // for the panorama.
    let mut shown: Vec<(usize, usize, Arc<Photo>, String, f32)> = Vec::new();
    for (i, page) in pages.iter_mut().enumerate() {
        if page.variant == Some(Variant::Full) {
            continue;
        }
        let Some(fill) = page.fill.clone() else {
            continue;
        };
        let (group, photo, scrim) = match fill.kind {
            FillKind::Colour(colour) => {
                page.backdrop = vec![Element::rect(0.0, 0.0, width, height, 0.0, &colour)];
                continue;
            }
            FillKind::Photo { photo, scrim } => (Arc::as_ptr(&photo) as usize, photo, scrim),
            FillKind::Panorama { href, scrim } => {
                let strip = Strip {
                    x: -(i as f32) * width,
                    width: width * total as f32,
                };
                (0, Arc::new(panorama_slice(c, &href, strip, &scrim)?), scrim)
            }
        };
        let alpha = opacity(c, page, &photo, &scrim);
        shown.push((i, group, photo, scrim, alpha));
    }
    for (i, group, photo, scrim, _) in &shown {
        let alpha = shown
            .iter()
            .filter(|s| s.1 == *group)
            .map(|s| s.4)
            .fold(0.0_f32, f32::max);
        pages[*i].backdrop = photo_backdrop(photo, scrim, alpha, width, height);
    }
    Ok(())
}

/// One slide's slice of the panorama.
fn panorama_slice(
    c: &Composer<'_, '_>,
    href: &str,
    strip: Strip,
    scrim: &str,
) -> Result<Photo, Diagnostic> {
    let under = parse_hex(scrim).unwrap_or([0, 0, 0]);
    Photo::draw(c, href, strip, under).map_err(|e| {
        let (path, source) = c.ctx.post;
        Diagnostic::error(format!("failed to draw the panorama: {e}")).at_offset(
            path,
            source,
            c.ctx.behind.offset,
        )
    })
}

/// The scrim a page needs over `photo`.
fn opacity(c: &Composer<'_, '_>, page: &Page, photo: &Photo, scrim: &str) -> f32 {
    scrim::opacity(c, page, photo, parse_hex(scrim).unwrap_or([0, 0, 0]))
}

/// A photo covering the canvas and its scrim (none at opacity 0).
fn photo_backdrop(photo: &Photo, scrim: &str, alpha: f32, width: f32, height: f32) -> Vec<Element> {
    let image = Element::Image {
        x: 0.0,
        y: 0.0,
        width,
        height,
        href: photo.href.clone(),
        rx: 0.0,
        slice: true,
    };
    let mut rect = Element::rect(0.0, 0.0, width, height, 0.0, scrim);
    if let Element::Rect { opacity, .. } = &mut rect {
        *opacity = alpha;
    }
    if alpha > 0.0 {
        vec![image, rect]
    } else {
        vec![image]
    }
}

/// The fill of pages showing the post's panorama: the image (or the theme's gradient for
/// `panorama = true`) and the text theme for it, chosen from the whole image.
pub(super) fn panorama_fill(c: &Composer<'_, '_>) -> Result<Option<Fill>, Diagnostic> {
    let behind = c.ctx.behind;
    let href = match behind.panorama {
        None | Some(Panorama::Theme(false)) => return Ok(None),
        Some(Panorama::Image(path)) => (c.ctx.images)(path, behind.offset)?.href,
        Some(Panorama::Theme(true)) => gradient_strip(c.theme()),
    };
    let f = c.format();
    // The whole picture squeezed onto one canvas: enough to tell a dark one from a light one.
    let strip = Strip {
        x: 0.0,
        width: f.width,
    };
    let bg = parse_hex(&c.theme().colors.bg).unwrap_or([0, 0, 0]);
    let whole = Photo::draw(c, &href, strip, bg).map_err(|e| {
        let (path, source) = c.ctx.post;
        Diagnostic::error(format!("failed to draw the panorama: {e}")).at_offset(
            path,
            source,
            behind.offset,
        )
    })?;
    let (theme, scrim) = ink(c.theme(), whole.luminance);
    Ok(Some(Fill {
        theme,
        kind: FillKind::Panorama {
            href: href.into(),
            scrim,
        },
    }))
}

/// Share of the accent mixed into the background for the far end of a theme panorama whose
/// theme has no gradient of its own.
const PANORAMA_ACCENT: f32 = 0.3;

/// The theme's gradient (or its background running into a tint of its accent) as an SVG image.
fn gradient_strip(theme: &Theme) -> String {
    let c = &theme.colors;
    let end = c
        .bg_end
        .clone()
        .unwrap_or_else(|| mix(&c.bg, &c.accent, PANORAMA_ACCENT));
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="100" viewBox="0 0 1000 100" preserveAspectRatio="none"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="{}"/><stop offset="0.5" stop-color="{end}"/><stop offset="1" stop-color="{}"/></linearGradient></defs><rect width="1000" height="100" fill="url(#g)"/></svg>"#,
        c.bg, c.bg
    );
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

/// The fill of each slide, in order, from its `bg` or the post's `background`, else the
/// panorama's; and the outro's.
pub(super) fn fills(
    c: &Composer<'_, '_>,
    slides: &[Slide],
) -> Result<(Vec<Option<Fill>>, Option<Fill>), Diagnostic> {
    let mut photos = Photos::new();
    let panorama = panorama_fill(c)?;
    let mut out = Vec::new();
    for s in slides {
        let own = slide_fill(c, &mut photos, s.background.as_deref(), s.offset)?;
        out.push(own.or_else(|| panorama.clone()));
    }
    let behind = c.ctx.behind;
    let outro = slide_fill(c, &mut photos, behind.all, behind.offset)?.or(panorama);
    Ok((out, outro))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_both_lengths() {
        let cases = [
            ("#0f172a", Some("#0F172A")),
            ("#fff", Some("#FFFFFF")),
            ("#12", None),
            ("#GGGGGG", None),
        ];
        for (spec, want) in cases {
            assert_eq!(parse_colour(spec).as_deref(), want, "{spec}");
        }
    }

    #[test]
    fn every_theme_reads_on_any_colour() {
        let colours = [
            "#0F172A", "#FACC15", "#7C3AED", "#FFFFFF", "#64748B", "#777777",
        ];
        for name in crate::assets::builtin_theme_names() {
            let theme = crate::theme::load(std::path::Path::new("/nonexistent"), name).unwrap();
            for colour in colours {
                let t = on_colour(&theme, colour);
                assert_eq!(t.colors.bg, colour);
                assert_eq!(
                    t.contrast_problems(),
                    Vec::<String>::new(),
                    "{name} on {colour}"
                );
            }
        }
    }
}
