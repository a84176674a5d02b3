//! Rendering: SVG text -> usvg tree -> PNG (resvg) and PDF (krilla, vector, selectable text).
//!
//! usvg's image resolver is replaced: file paths are never read (all images reach the SVG as
//! data URLs after the site checked them), and embedded images are capped in decoded size.

use std::sync::Arc;

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, FontResolver, ImageHrefResolver, ImageKind, Options, Tree};

use crate::config::PngCompression;
use crate::fonts::FontSet;
use crate::logging;

/// Largest decoded image accepted inside a slide, in pixels (about 16k x 4k).
pub const MAX_IMAGE_PIXELS: u64 = 64_000_000;

/// usvg options over the shared fonts with a safe image resolver.
pub fn options(fonts: &FontSet) -> Options<'static> {
    let mut opt = Options {
        fontdb: fonts.db().clone(),
        font_family: "Inter".to_string(),
        resources_dir: None,
        ..Options::default()
    };
    // Layout gives every run a font that covers it, so usvg's own fallback is never needed:
    // it only re-shapes other runs' characters (whose glyphs are discarded) and has panicked on
    // emoji sequences. A character still missing shows up as glyph 0 and is reported.
    opt.font_resolver = FontResolver {
        select_font: FontResolver::default_font_selector(),
        select_fallback: Box::new(|_, _, _| None),
    };
    let data = ImageHrefResolver::default_data_resolver();
    opt.image_href_resolver = ImageHrefResolver {
        resolve_data: Box::new(move |mime: &str, bytes: Arc<Vec<u8>>, o: &Options| {
            if let Ok(size) = imagesize::blob_size(&bytes) {
                let pixels = size.width as u64 * size.height as u64;
                if pixels > MAX_IMAGE_PIXELS {
                    log::warn!(
                        "image of {}x{} px is larger than the limit; skipped",
                        size.width,
                        size.height
                    );
                    return None;
                }
            }
            data(mime, bytes, o)
        }),
        resolve_string: Box::new(|href: &str, _: &Options| -> Option<ImageKind> {
            log::warn!("image reference `{href}` was refused: layouts may only embed data: URLs");
            None
        }),
    };
    opt
}

/// Parses an SVG; returns the tree and the warnings usvg logged while parsing. A panic inside
/// usvg (its text layout has had index bugs) is returned as an error like a parse failure.
pub fn parse(svg: &str, opt: &Options<'_>) -> (Result<Tree, String>, Vec<String>) {
    logging::capture(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Tree::from_str(svg, opt)))
            .map_err(|panic| format!("usvg failed inside text layout ({})", panic_text(&*panic)))?
            .map_err(|e| e.to_string())
    })
}

pub(crate) use crate::error::panic_text;

/// Rasterises a tree at its own size.
pub fn rasterize(tree: &Tree) -> Result<Pixmap, String> {
    let size = tree.size().to_int_size();
    let mut pixmap =
        Pixmap::new(size.width(), size.height()).ok_or("failed to allocate the image")?;
    resvg::render(tree, usvg::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// JPEG quality for platforms that want JPEG (TikTok): high enough that text edges stay clean.
const JPEG_QUALITY: u8 = 92;

/// Encodes a pixmap as a baseline JPEG (alpha is dropped: slides are opaque).
pub fn encode_jpeg(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let width = u16::try_from(w).map_err(|_| format!("the slide is too wide for JPEG ({w} px)"))?;
    let height =
        u16::try_from(h).map_err(|_| format!("the slide is too tall for JPEG ({h} px)"))?;
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
        .encode(&rgb, width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Deflate level of `best`, with zlib-rs as flate2's back-end. Slides are mostly flat colour,
/// where unfiltered rows give deflate long runs. zlib-rs at level 6 without filters was 30-35 %
/// faster on the flagship post than miniz_oxide at level 3 (what `best` was before) and made
/// files 2 % smaller on the example site; zlib-rs at level 3 was faster still but 13 % larger.
const BEST_LEVEL: u8 = 6;
/// Names the encoders and their settings, for the build cache's keys: files encoded otherwise
/// are not reused. Change it with any change to encoding.
pub(crate) const ENCODERS: &str = "png 0.18, zlib-rs, best level 6 unfiltered; jpeg quality 92";

/// zlib level of `smallest`: another 5-10% smaller than `best`, about 3-4x slower.
const SMALLEST_LEVEL: u8 = 9;

/// Encodes a pixmap as an 8-bit RGBA PNG.
pub fn encode_png(pixmap: &Pixmap, compression: PngCompression) -> Result<Vec<u8>, String> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == 255);
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_depth(png::BitDepth::Eight);
        match compression {
            PngCompression::Fast => encoder.set_compression(png::Compression::Fast),
            PngCompression::Best => {
                encoder.set_deflate_compression(png::DeflateCompression::Level(BEST_LEVEL));
                encoder.set_filter(png::Filter::NoFilter);
            }
            PngCompression::Smallest => {
                encoder.set_deflate_compression(png::DeflateCompression::Level(SMALLEST_LEVEL));
                encoder.set_filter(png::Filter::NoFilter);
            }
        }
        let data: Vec<u8> = if opaque {
            encoder.set_color(png::ColorType::Rgb);
            pixmap
                .pixels()
                .iter()
                .flat_map(|p| [p.red(), p.green(), p.blue()])
                .collect()
        } else {
            encoder.set_color(png::ColorType::Rgba);
            pixmap.clone().take_demultiplied()
        };
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#ff0000"/><text x="2" y="15" font-family="Inter" font-size="12">Hi <tspan x="20" font-family="Noto Color Emoji">✅</tspan></text></svg>"##;

    #[test]
    fn renders_png_and_pdf() {
        let fonts = FontSet::builtin();
        let opt = options(&fonts);
        let (tree, warnings) = parse(SVG, &opt);
        let tree = tree.unwrap();
        assert!(
            warnings.iter().all(|w| w.starts_with("Fallback from")),
            "{warnings:?}"
        );
        let pixmap = rasterize(&tree).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (40, 20));
        let png = encode_png(&pixmap, PngCompression::Fast).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let links = [
            vec![(2.0, 2.0, 20.0, 12.0, "https://example.com/x".to_string())],
            vec![],
        ];
        let pdf = || {
            let info = crate::pdf::PdfInfo {
                title: "t".into(),
                ..Default::default()
            };
            let mut writer = crate::pdf::PdfWriter::new(&info);
            for (i, page_links) in links.iter().enumerate() {
                let page = crate::pdf::PdfPage {
                    number: i + 1,
                    links: page_links,
                    alt: "Hi",
                    outline: Some("Hi"),
                };
                writer.add_page(&tree, page).unwrap();
            }
            writer.finish().unwrap()
        };
        let (a, b) = (pdf(), pdf());
        assert!(
            String::from_utf8_lossy(&a).contains("https://example.com/x"),
            "link annotation"
        );
        assert!(a.starts_with(b"%PDF"));
        assert_eq!(a, b, "PDF output is deterministic");
    }

    #[test]
    fn file_references_are_refused_and_reported() {
        let fonts = FontSet::builtin();
        let opt = options(&fonts);
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/hostname" width="10" height="10"/></svg>"#;
        let (tree, warnings) = parse(svg, &opt);
        assert!(tree.is_ok());
        assert!(
            warnings.iter().any(|w| w.contains("/etc/hostname")),
            "{warnings:?}"
        );
    }
}
