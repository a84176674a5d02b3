//! The scrim over a photo background, measured: the photo is rasterised at the slide's pixel
//! size exactly as the slide will draw it, and the scrim (the theme's background colour laid
//! over the photo) gets the lowest opacity under which every text line of the page keeps 4.5:1
//! against every pixel under it. A dark photo under light text needs little or none; a busy or
//! bright one gets as much as it takes, up to the theme's own background.

use resvg::tiny_skia::Pixmap;

use base64::Engine;

use crate::color::{linear, luminance, parse_hex};

use super::composer::Composer;
use super::element::Element;
use super::fill::Photo;
use super::page::Page;

/// Contrast every text line keeps against the pixels under it (WCAG AA for body text).
pub(crate) const TARGET: f64 = 4.5;
/// Added to the target when measuring: the renderer blends in 8-bit steps.
const MARGIN: f64 = 0.1;
/// Opacities tried are multiples of 1 / `STEPS`.
const STEPS: u32 = 64;
/// Share of the font size a line's box reaches above its baseline (ascenders, accents).
const ABOVE: f32 = 1.0;
/// Share of the font size a line's box reaches below its baseline (descenders).
const BELOW: f32 = 0.3;

/// A text colour and the pixels (a box in the raster) it must read against.
struct Ink {
    /// Relative luminance of the text colour.
    luminance: f64,
    /// Pixel box: left, top, right, bottom (exclusive).
    area: [u32; 4],
}

/// How a photo is laid on the canvas: its left edge and width in canvas units (a panorama's
/// strip starts left of the canvas and runs past it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Strip {
    /// Left edge.
    pub x: f32,
    /// Width.
    pub width: f32,
}

impl Photo {
    /// Draws `href` (a `data:` URL) cropped to fill `strip` x the canvas height, over `under`,
    /// and keeps the canvas's part at the slide's pixel size. Bilinear (`smooth`): bicubic took
    /// half the time of a photo post and looks the same on photos scaled this little.
    pub(super) fn draw(
        c: &Composer<'_, '_>,
        href: &str,
        strip: Strip,
        under: [u8; 3],
    ) -> Result<Photo, String> {
        let f = c.format();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}"><image x="{}" y="0" width="{}" height="{}" preserveAspectRatio="xMidYMid slice" style="image-rendering:smooth" href="{href}"/></svg>"#,
            f.pixel_width(),
            f.pixel_height(),
            f.width,
            f.height,
            strip.x,
            strip.width,
            f.height
        );
        let opt = crate::render::options(c.shaper.fonts());
        let tree = crate::render::parse(&svg, &opt).0?;
        let size = tree.size().to_int_size();
        let mut pixmap =
            Pixmap::new(size.width(), size.height()).ok_or("failed to allocate the image")?;
        pixmap.fill(resvg::tiny_skia::Color::from_rgba8(
            under[0], under[1], under[2], 255,
        ));
        resvg::render(&tree, Default::default(), &mut pixmap.as_mut());
        let jpeg = crate::render::encode_jpeg(&pixmap)?;
        let href = format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(jpeg)
        );
        let lin: [f64; 256] = std::array::from_fn(|v| linear(v as u8));
        let sum: f64 = pixmap
            .pixels()
            .iter()
            .map(|p| {
                0.2126 * lin[p.red() as usize]
                    + 0.7152 * lin[p.green() as usize]
                    + 0.0722 * lin[p.blue() as usize]
            })
            .sum();
        let luminance = sum / pixmap.pixels().len().max(1) as f64;
        Ok(Photo {
            pixmap,
            href,
            luminance,
        })
    }
}

/// The scrim opacity `page` needs over `photo` for a scrim of colour `scrim`.
pub(super) fn opacity(c: &Composer<'_, '_>, page: &Page, photo: &Photo, scrim: [u8; 3]) -> f32 {
    let scale = c.format().pixel_width() / c.format().width;
    let mut inks = inks(page, scale, &photo.pixmap);
    // Text that does not read on the scrim's own colour sits on something else the layout
    // drew (or the theme cannot help it): no scrim makes it read.
    let on_scrim = luminance(scrim);
    inks.retain(|ink| {
        let (hi, lo) = (ink.luminance.max(on_scrim), ink.luminance.min(on_scrim));
        (hi + 0.05) / (lo + 0.05) >= TARGET + MARGIN
    });
    let pixels = Pixels::new(&photo.pixmap);
    lowest(&pixels, &inks, scrim) as f32 / STEPS as f32
}

/// The lowest step whose opacity makes every ink read: a binary search, checked, then a walk
/// up from it in case blending is not monotonic for some pixel.
fn lowest(pixels: &Pixels, inks: &[Ink], scrim: [u8; 3]) -> u32 {
    let reads = |step: u32| inks.iter().all(|ink| pixels.reads(ink, scrim, step));
    let (mut lo, mut hi) = (0, STEPS);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if reads(mid) { hi = mid } else { lo = mid + 1 }
    }
    (lo..=STEPS).find(|&s| reads(s)).unwrap_or(STEPS)
}

/// Every text line of the page (content and chrome) with its colours, in pixels; lines on an
/// opaque card read against the card, not the photo, and are left out.
fn inks(page: &Page, scale: f32, pixmap: &Pixmap) -> Vec<Ink> {
    let all = || page.header.iter().chain(&page.content).chain(&page.footer);
    let cards: Vec<[f32; 4]> = all().filter_map(opaque_box).collect();
    let (w, h) = (pixmap.width() as f32, pixmap.height() as f32);
    let mut out = Vec::new();
    for el in all() {
        let Element::Text {
            x,
            y,
            size,
            runs,
            width,
        } = el
        else {
            continue;
        };
        let b = [*x, y - size * ABOVE, x + width, y + size * BELOW];
        if cards
            .iter()
            .any(|r| r[0] <= b[0] && r[1] <= b[1] && r[2] >= b[2] && r[3] >= b[3])
        {
            continue;
        }
        let px = |v: f32, max: f32| (v * scale).clamp(0.0, max) as u32;
        let area = [px(b[0], w), px(b[1], h), px(b[2], w), px(b[3], h)];
        let mut colours: Vec<&str> = runs.iter().map(|r| r.fill.as_str()).collect();
        colours.sort_unstable();
        colours.dedup();
        for colour in colours.into_iter().filter_map(parse_hex) {
            out.push(Ink {
                luminance: luminance(colour),
                area,
            });
        }
    }
    out
}

/// The box of an opaque shape text may sit on (a card, a button, a badge).
fn opaque_box(e: &Element) -> Option<[f32; 4]> {
    match e {
        Element::Rect {
            x,
            y,
            width,
            height,
            opacity,
            ..
        } if *opacity >= 1.0 => Some([*x, *y, x + width, y + height]),
        Element::Circle { cx, cy, r, .. } => Some([cx - r, cy - r, cx + r, cy + r]),
        // A pie's slices: their labels sit on the pie, which they cover whole.
        Element::Shape {
            points,
            fill: Some(_),
            ..
        } => {
            let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
            for [x, y] in points {
                b = [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)];
            }
            Some(b)
        }
        _ => None,
    }
}

/// An opaque raster's pixels as sRGB channels, for measuring.
struct Pixels {
    width: u32,
    rgb: Vec<[u8; 3]>,
    /// Linear value of each 8-bit channel level.
    linear: [f64; 256],
}

impl Pixels {
    fn new(pixmap: &Pixmap) -> Pixels {
        let rgb = pixmap
            .pixels()
            .iter()
            .map(|p| [p.red(), p.green(), p.blue()])
            .collect();
        Pixels {
            width: pixmap.width(),
            rgb,
            linear: std::array::from_fn(|v| linear(v as u8)),
        }
    }

    /// True when `ink` keeps the target contrast against every pixel of its box under a scrim
    /// of colour `scrim` at `step` / [`STEPS`].
    fn reads(&self, ink: &Ink, scrim: [u8; 3], step: u32) -> bool {
        let target = TARGET + MARGIN;
        let [left, top, right, bottom] = ink.area;
        // Blended in 8-bit steps as the renderer does: p (1 - a) + s a, rounded.
        let keep = STEPS - step;
        let under = scrim.map(|s| u32::from(s) * step + STEPS / 2);
        (top..bottom).all(|y| {
            let row = (y * self.width) as usize;
            self.rgb[row + left as usize..row + right as usize]
                .iter()
                .all(|p| {
                    let ch = |i: usize| {
                        self.linear[((u32::from(p[i]) * keep + under[i]) / STEPS) as usize]
                    };
                    let l = 0.2126 * ch(0) + 0.7152 * ch(1) + 0.0722 * ch(2);
                    let (hi, lo) = (l.max(ink.luminance), l.min(ink.luminance));
                    (hi + 0.05) / (lo + 0.05) >= target
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A raster of `w` x 1 pixels of the given grey levels.
    fn greys(levels: &[u8]) -> Pixels {
        let mut pixmap = Pixmap::new(levels.len() as u32, 1).unwrap();
        for (p, &v) in pixmap.pixels_mut().iter_mut().zip(levels) {
            *p = resvg::tiny_skia::ColorU8::from_rgba(v, v, v, 255).premultiply();
        }
        Pixels::new(&pixmap)
    }

    #[test]
    fn the_scrim_is_the_lightest_that_reads() {
        let white = Ink {
            luminance: 1.0,
            area: [0, 0, 3, 1],
        };
        let cases: [(&[u8], u32); 3] = [
            (&[0, 10, 20], 0),
            (&[0, 10, 255], 35),
            (&[128, 128, 128], 6),
        ];
        for (levels, want) in cases {
            let got = lowest(&greys(levels), std::slice::from_ref(&white), [0, 0, 0]);
            assert!(
                got.abs_diff(want) <= 1,
                "{levels:?}: {got}, want about {want}"
            );
            // It reads at the step found, and not one step lighter.
            let pixels = greys(levels);
            assert!(pixels.reads(&white, [0, 0, 0], got));
            if got > 0 {
                assert!(!pixels.reads(&white, [0, 0, 0], got - 1));
            }
        }
    }
}
