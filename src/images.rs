//! Images referenced by posts: resolved inside the site only, size-checked, and embedded into the
//! slide SVG as data URLs (so the written SVGs are self-contained and usvg never reads paths).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine;

use crate::config::SiteConfig;
use crate::content::Post;
use crate::error::Diagnostic;
use crate::files;
use crate::render::MAX_IMAGE_PIXELS;

/// A loaded image, ready to embed.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LoadedImage {
    /// `data:` URL.
    pub href: String,
    /// Natural width in px.
    pub width: f32,
    /// Natural height in px.
    pub height: f32,
    /// Every file read to make it (the image, and files an SVG image refers to), relative to
    /// the site, with the digest of the bytes read: what the build cache checks before
    /// reusing a post.
    pub read: Vec<(PathBuf, crate::cache::Digest)>,
}

/// The brand kit's images, loaded once per build from the paths in `[brand]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct BrandImages {
    /// The avatar, cropped to a circle where drawn.
    pub avatar: Option<LoadedImage>,
    /// The logo.
    pub logo: Option<LoadedImage>,
}

/// Largest image file accepted, in bytes.
pub(crate) const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// Loads image `src` written at byte `offset` of `post`.
pub(crate) fn load(
    root: &Path,
    post: &Post,
    src: &str,
    offset: usize,
) -> Result<LoadedImage, Diagnostic> {
    load_from(root, &post.dir, src).map_err(|message| {
        Diagnostic::error(format!("failed to load image: {message}")).at_offset(
            &post.rel_path,
            &post.source,
            offset,
        )
    })
}

/// Loads the brand kit's avatar and logo (paths relative to the site root); errors point at the
/// key in `carousel.toml`.
pub(crate) fn load_brand(root: &Path, config: &SiteConfig) -> Result<BrandImages, Diagnostic> {
    let load = |key: &str, src: &Option<String>| -> Result<Option<LoadedImage>, Diagnostic> {
        let Some(src) = src.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        load_from(root, root, src).map(Some).map_err(|message| {
            let d = Diagnostic::error(format!("failed to load brand {key}: {message}"));
            config.at_key(d, &format!("brand.{key}"))
        })
    };
    let brand = &config.brand;
    Ok(BrandImages {
        avatar: load("avatar", &brand.avatar)?,
        logo: load("logo", &brand.logo)?,
    })
}

/// Loads image `src`, relative to `base_dir` and inside the site `root`.
fn load_from(root: &Path, base_dir: &Path, src: &str) -> Result<LoadedImage, String> {
    let path = files::resolve_inside(root, base_dir, src)?;
    let bytes = read_capped(&path).map_err(|e| format!("`{src}`: {e}"))?;
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let read = Mutex::new(vec![(relative(&path), crate::cache::digest(&bytes))]);
    let folder = path.parent().unwrap_or(root);
    let image = sniff(&bytes, &|href| {
        let (path, bytes) = read_inside(root, folder, href)?;
        if let Ok(mut read) = read.lock() {
            read.push((relative(&path), crate::cache::digest(&bytes)));
        }
        Ok(bytes)
    })
    .map_err(|e| format!("`{src}`: {e}"))?;
    if image.width as u64 * image.height as u64 > MAX_IMAGE_PIXELS {
        return Err(format!(
            "`{src}` is {}x{} px, larger than the limit",
            image.width, image.height
        ));
    }
    let bytes = image.inlined.unwrap_or(bytes);
    let href = format!(
        "data:{};base64,{}",
        image.mime,
        base64::engine::general_purpose::STANDARD.encode(&bytes)
    );
    if image.mime != SVG_MIME {
        check_decodes(&href).map_err(|e| format!("`{src}`: {e}"))?;
    }
    Ok(LoadedImage {
        href,
        width: image.width as f32,
        height: image.height as f32,
        read: read.into_inner().unwrap_or_default(),
    })
}

/// Reads a file of at most [`MAX_IMAGE_BYTES`].
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = files::read_at_most(path, MAX_IMAGE_BYTES).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(format!(
            "it is larger than {} MB, the limit",
            MAX_IMAGE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Reads a file an SVG image refers to: resolved from the SVG's `folder` inside the site `root`
/// exactly like a post's images, before anything is opened.
fn read_inside(root: &Path, folder: &Path, href: &str) -> Result<(PathBuf, Vec<u8>), String> {
    let path = files::resolve_inside(root, folder, href)?;
    let bytes = read_capped(&path).map_err(|e| format!("`{href}`: {e}"))?;
    Ok((path, bytes))
}

const SVG_MIME: &str = "image/svg+xml";

/// What sniffing an image found.
struct Sniffed {
    mime: &'static str,
    width: usize,
    height: usize,
    /// For an SVG that refers to other files: the SVG rewritten with them embedded.
    inlined: Option<Vec<u8>>,
}

/// Makes sure a raster image decodes, with the decoders that will draw it (given as its data
/// URL): a truncated or corrupt file would otherwise be an empty box on the slide.
fn check_decodes(href: &str) -> Result<(), String> {
    use resvg::usvg;
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><image href="{href}" width="1" height="1"/></svg>"#
    );
    let ((), warnings) = crate::logging::capture(|| {
        let opt = usvg::Options {
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        if let Ok(tree) = usvg::Tree::from_str(&svg, &opt)
            && let Some(mut pixmap) = resvg::tiny_skia::Pixmap::new(1, 1)
        {
            resvg::render(&tree, Default::default(), &mut pixmap.as_mut());
        }
    });
    match warnings.first() {
        Some(w) => Err(format!(
            "the file is damaged or truncated ({})",
            w.trim_end_matches('.')
        )),
        None => Ok(()),
    }
}

/// The MIME type and natural size of image bytes. An SVG's own references to other files go
/// through `read` (which confines them to the site) and are embedded into a rewritten SVG.
fn sniff(bytes: &[u8], read: &ReadRef<'_>) -> Result<Sniffed, String> {
    let head = &bytes[..bytes.len().min(512)];
    let text_head = String::from_utf8_lossy(head);
    if text_head.contains("<svg") || text_head.trim_start().starts_with("<?xml") {
        return sniff_svg(bytes, read);
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
    Ok(Sniffed {
        mime,
        width: size.width,
        height: size.height,
        inlined: None,
    })
}

/// Reads a file an SVG image refers to, by its `href`.
type ReadRef<'a> = dyn Fn(&str) -> Result<Vec<u8>, String> + Sync + 'a;

/// Parses an SVG image. Every `href` of its `<image>` and `<feImage>` elements that names a
/// file is resolved and read through `read` (which confines it to the site) and written into a
/// copy of the SVG as a `data:` URL, since a slide draws SVG images without following their
/// references; a refused one is an error naming it. usvg then parses the result with a resolver
/// that opens nothing.
fn sniff_svg(bytes: &[u8], read: &ReadRef<'_>) -> Result<Sniffed, String> {
    use resvg::usvg;
    let inlined = inline_references(bytes, read)?;
    let opt = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let source = inlined.as_deref().unwrap_or(bytes);
    let (tree, _) = crate::logging::capture(|| usvg::Tree::from_data(source, &opt));
    let size = tree.map_err(|e| format!("not a valid SVG ({e})"))?.size();
    Ok(Sniffed {
        mime: SVG_MIME,
        width: size.width().ceil() as usize,
        height: size.height().ceil() as usize,
        inlined,
    })
}

/// The SVG with its file references replaced by `data:` URLs, or `None` if it has none.
fn inline_references(bytes: &[u8], read: &ReadRef<'_>) -> Result<Option<Vec<u8>>, String> {
    use resvg::usvg::roxmltree;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(None);
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(text, options) else {
        // usvg reports the parse error.
        return Ok(None);
    };
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut total = 0u64;
    for node in doc
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "image" | "feImage"))
    {
        for attr in node.attributes().filter(|a| a.name() == "href") {
            let href = attr.value().trim();
            if href.is_empty() || href.starts_with('#') || href.starts_with("data:") {
                continue;
            }
            let data = read(href).map_err(|e| format!("a reference inside it was refused: {e}"))?;
            total += data.len() as u64;
            if total > MAX_IMAGE_BYTES {
                return Err(format!(
                    "the files it refers to pass {} MB together",
                    MAX_IMAGE_BYTES >> 20
                ));
            }
            let kind = sniff(&data, &|_| Err("nested references".into()))
                .map_err(|e| format!("its reference `{href}`: {e}"))?;
            let url = format!(
                "data:{};base64,{}",
                kind.mime,
                base64::engine::general_purpose::STANDARD.encode(&data)
            );
            replacements.push((attr.range_value(), url));
        }
    }
    if replacements.is_empty() {
        return Ok(None);
    }
    replacements.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + total as usize * 4 / 3);
    let mut at = 0;
    for (range, url) in replacements {
        out.push_str(&text[at..range.start]);
        out.push_str(&url);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Ok(Some(out.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>"#;
        let none = |_: &str| Err("no files".to_string());
        let got = sniff(svg, &none).unwrap();
        assert_eq!((got.mime, got.width, got.height), ("image/svg+xml", 30, 10));
        assert!(got.inlined.is_none());
        assert!(sniff(b"hello", &none).is_err());
        let mut png = Vec::new();
        {
            let mut e = png::Encoder::new(&mut png, 3, 2);
            e.set_color(png::ColorType::Rgb);
            let mut w = e.write_header().unwrap();
            w.write_image_data(&[0; 18]).unwrap();
        }
        let got = sniff(&png, &none).unwrap();
        assert_eq!((got.mime, got.width, got.height), ("image/png", 3, 2));
        let href = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&png)
        );
        assert!(check_decodes(&href).is_ok());
        let truncated = &png[..png.len() - 20];
        let href = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(truncated)
        );
        let err = check_decodes(&href).expect_err("truncated PNG");
        assert!(err.contains("damaged or truncated"), "{err}");
    }

    #[test]
    fn svg_references_go_through_the_reader_and_are_embedded() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><image href="dot.svg" width="8" height="8"/></svg>"#;
        let dot = br##"<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2" fill="#f00"/></svg>"##;
        let asked = std::sync::Mutex::new(Vec::new());
        let read = |href: &str| {
            asked.lock().unwrap().push(href.to_string());
            if href == "dot.svg" {
                Ok(dot.to_vec())
            } else {
                Err(format!("`{href}`, which is outside the site"))
            }
        };
        let svg_with_text = String::from_utf8(svg.to_vec())
            .unwrap()
            .replace("</svg>", "<text x=\"1\" y=\"5\">Hi</text></svg>");
        let got = sniff(svg_with_text.as_bytes(), &read).unwrap();
        assert_eq!((got.width, got.height), (8, 8));
        let inlined = String::from_utf8(got.inlined.expect("rewritten")).unwrap();
        assert!(
            inlined.contains("href=\"data:image/svg+xml;base64,"),
            "{inlined}"
        );
        assert!(
            inlined.contains("<text x=\"1\" y=\"5\">Hi</text>"),
            "text kept as text"
        );
        let evil = br#"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><image href="/etc/hostname" width="8" height="8"/></svg>"#;
        let err = sniff(evil, &read).err().expect("refused");
        assert!(err.contains("/etc/hostname"), "{err}");
        assert_eq!(*asked.lock().unwrap(), vec!["dot.svg", "/etc/hostname"]);
    }
}
