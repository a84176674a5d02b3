//! Images referenced by posts: resolved inside the site only, size-checked, and embedded into the
//! slide SVG as data URLs (so the written SVGs are self-contained and usvg never reads paths).

use std::path::Path;

use base64::Engine;

use crate::compose::LoadedImage;
use crate::config::{BrandConfig, CONFIG_FILE};
use crate::content::Post;
use crate::error::Diagnostic;
use crate::render::MAX_IMAGE_PIXELS;
use crate::site;

/// Largest image file accepted, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// Loads image `src` written at byte `offset` of `post`.
pub fn load(root: &Path, post: &Post, src: &str, offset: usize) -> Result<LoadedImage, Diagnostic> {
    load_from(root, &post.dir, src).map_err(|message| {
        Diagnostic::error(format!("failed to load image: {message}")).at_offset(
            &post.rel_path,
            &post.source,
            offset,
        )
    })
}

/// Loads the brand kit's avatar and logo (paths relative to the site root) into `brand`;
/// errors point at the key in `carousel.toml`.
pub fn load_brand(root: &Path, brand: &mut BrandConfig) -> Result<(), Diagnostic> {
    let load = |key: &str, src: &Option<String>| -> Result<Option<LoadedImage>, Diagnostic> {
        let Some(src) = src.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        load_from(root, root, src).map(Some).map_err(|message| {
            let source = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
            let offset = crate::error::key_offset(&source, key).unwrap_or(0);
            Diagnostic::error(format!("failed to load brand {key}: {message}")).at_offset(
                Path::new(CONFIG_FILE),
                &source,
                offset,
            )
        })
    };
    brand.avatar_image = load("avatar", &brand.avatar)?;
    brand.logo_image = load("logo", &brand.logo)?;
    Ok(())
}

/// Loads image `src`, relative to `base_dir` and inside the site `root`.
fn load_from(root: &Path, base_dir: &Path, src: &str) -> Result<LoadedImage, String> {
    let path = site::resolve_inside(root, base_dir, src)?;
    let meta = std::fs::metadata(&path).map_err(|e| format!("`{src}`: {e}"))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "`{src}` is {} MB; the limit is {} MB",
            meta.len() >> 20,
            MAX_IMAGE_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("`{src}`: {e}"))?;
    let (mime, width, height) = sniff(&bytes).map_err(|e| format!("`{src}`: {e}"))?;
    if width as u64 * height as u64 > MAX_IMAGE_PIXELS {
        return Err(format!(
            "`{src}` is {width}x{height} px, larger than the limit"
        ));
    }
    let href = format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&bytes)
    );
    Ok(LoadedImage {
        href,
        width: width as f32,
        height: height as f32,
    })
}

/// The MIME type and natural size of image bytes.
fn sniff(bytes: &[u8]) -> Result<(&'static str, usize, usize), String> {
    let head = &bytes[..bytes.len().min(512)];
    let text_head = String::from_utf8_lossy(head);
    if text_head.contains("<svg") || text_head.trim_start().starts_with("<?xml") {
        let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default())
            .map_err(|e| format!("not a valid SVG ({e})"))?;
        let size = tree.size();
        return Ok((
            "image/svg+xml",
            size.width().ceil() as usize,
            size.height().ceil() as usize,
        ));
    }
    let mime = match imagesize::image_type(head)
        .map_err(|_| "not a PNG, JPEG, GIF, WebP or SVG image".to_string())?
    {
        imagesize::ImageType::Png => "image/png",
        imagesize::ImageType::Jpeg => "image/jpeg",
        imagesize::ImageType::Gif => "image/gif",
        imagesize::ImageType::Webp => "image/webp",
        other => {
            return Err(format!(
                "{other:?} images are not supported; use PNG, JPEG, GIF, WebP or SVG"
            ));
        }
    };
    let size = imagesize::blob_size(bytes).map_err(|e| format!("unreadable image ({e})"))?;
    Ok((mime, size.width, size.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>"#;
        assert_eq!(sniff(svg).unwrap(), ("image/svg+xml", 30, 10));
        assert!(sniff(b"hello").is_err());
        let mut png = Vec::new();
        {
            let mut e = png::Encoder::new(&mut png, 3, 2);
            e.set_color(png::ColorType::Rgb);
            let mut w = e.write_header().unwrap();
            w.write_image_data(&[0; 18]).unwrap();
        }
        assert_eq!(sniff(&png).unwrap(), ("image/png", 3, 2));
    }
}
