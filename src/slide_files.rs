//! A slide's files: its key for the build cache, reuse of the files a previous build wrote from
//! the same key, or rasterising, encoding and writing them into the post's staging folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use resvg::usvg::Tree;

use crate::cache::{self, Digest, SlideEntry};
use crate::error::{Diagnostic, Location};
use crate::inspect::Findings;
use crate::output;
use crate::prepare::PreparedPost;
use crate::render;
use crate::site::Site;
use crate::timings::Stage;

/// What a slide task produced.
pub(crate) struct RenderedSlide {
    /// True when its parsed tree went to the PDF.
    pub sent: bool,
    /// True when the slide's SVG was made and parsed (its tree may since have gone to the PDF).
    pub rendered: bool,
    /// Files written, relative to the site root.
    pub files: Vec<PathBuf>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// What inspecting the rendered tree found.
    pub findings: Findings,
    /// The files on disk were already up to date and were not rewritten.
    pub unchanged: bool,
    /// The slide's cache entry (its id and what its files were made from), when written or
    /// reused.
    pub cache: Option<(String, SlideEntry)>,
}

impl RenderedSlide {
    /// A slide with nothing done yet.
    pub(crate) fn new() -> RenderedSlide {
        RenderedSlide {
            sent: false,
            rendered: false,
            files: Vec::new(),
            diagnostics: Vec::new(),
            findings: Findings::default(),
            unchanged: false,
            cache: None,
        }
    }
}

/// Warnings a library logged while `doing` something with slide `number` of `post`, as our
/// diagnostics: one per message and post, listing the slides (see `error::merge_duplicates`).
pub(crate) fn library_warnings(
    post: &Path,
    number: usize,
    doing: &str,
    logged: Vec<String>,
) -> Vec<Diagnostic> {
    logged
        .into_iter()
        .map(|w| {
            Diagnostic::warning(format!("while {doing}: {}", w.trim_end_matches('.')))
                .at(Location::file(post))
                .in_post(post, Some(number))
        })
        .collect()
}

/// Where slide `number` of `post` is recorded in the cache: its first file, relative to
/// `output/` (the PNG or JPEG, or the SVG when no image is written).
pub(crate) fn slide_id(site: &Site, post: &PreparedPost, number: usize) -> String {
    let ext = if site.config.output.png {
        post.format.image
    } else {
        "svg"
    };
    format!(
        "{}/{}",
        post.dir,
        output::slide_file(number, post.pages.len(), ext)
    )
}

/// What a slide's files are made from: the SVG, the fonts it is drawn with, the canvas, the
/// output settings (which files, how encoded), the encoders and the carousel version (in every
/// key).
pub(crate) fn slide_key(site: &Site, post: &PreparedPost, svg: &str) -> Digest {
    let format = format!("{:?}", post.format);
    let settings = format!("{:?}", site.config.output);
    cache::key(&[
        render::ENCODERS.as_bytes(),
        &post.fonts.fingerprint(),
        format.as_bytes(),
        settings.as_bytes(),
        svg.as_bytes(),
    ])
}

/// Lists the files of a slide reused from the cache as the slide's own, and records its entry
/// again with `findings`.
/// `shown` is the output folder as reports name it.
pub(crate) fn reuse(
    out: &mut RenderedSlide,
    (id, shown): (String, &Path),
    entry: &SlideEntry,
    findings: Findings,
) {
    out.unchanged = true;
    out.files = entry.files.keys().map(|rel| shown.join(rel)).collect();
    out.cache = Some((
        id,
        SlideEntry {
            findings,
            ..entry.clone()
        },
    ));
}

/// A slide whose SVG parsed: what writing its files needs.
pub(crate) struct Drawn<'a> {
    pub site: &'a Site,
    pub post: &'a PreparedPost,
    pub number: usize,
    pub svg: &'a str,
    pub tree: &'a Tree,
    /// The slide's key and cache id.
    pub key: &'a str,
    pub id: &'a str,
}

/// Rasterises, encodes and writes the slide's PNG (or JPEG) and SVG into the post's staging
/// folder, and records them for the cache with `findings`.
pub(crate) fn write(drawn: &Drawn<'_>, findings: &Findings, out: &mut RenderedSlide) {
    let Drawn {
        site,
        post,
        number,
        svg,
        ..
    } = *drawn;
    let rel_dir = site.output_shown.as_path().join(&post.dir);
    // New files wait in the staging folder until every slide of the post succeeded.
    let staging = output::staging_dir(&site.output, &post.dir);
    let cfg = &site.config.output;
    let total = post.pages.len();
    let mut written = BTreeMap::new();
    if cfg.png {
        let rel = &post.post.rel_path;
        let name = output::slide_file(number, total, post.format.image);
        match image_bytes(drawn, out) {
            Ok(bytes) => {
                written.insert(format!("{}/{name}", post.dir), cache::digest(&bytes));
                site.timings.time(Stage::Write, || {
                    push_write(out, &staging, &rel_dir, &name, &bytes);
                });
            }
            Err(e) => {
                out.diagnostics.push(
                    Diagnostic::error(format!("slide {number}: failed to rasterise: {e}"))
                        .at(Location::file(rel)),
                );
                return;
            }
        }
    }
    if cfg.svg {
        let name = output::slide_file(number, total, "svg");
        site.timings.time(Stage::Write, || {
            push_write(out, &staging, &rel_dir, &name, svg.as_bytes());
        });
        written.insert(
            format!("{}/{name}", post.dir),
            cache::digest(svg.as_bytes()),
        );
    }
    out.cache = Some((
        drawn.id.to_string(),
        SlideEntry {
            key: drawn.key.to_string(),
            files: written,
            findings: findings.clone(),
        },
    ));
}

/// Rasterises the slide and encodes it as PNG (or JPEG where the format wants it); what the
/// rasteriser logged goes to `out` as warnings.
fn image_bytes(drawn: &Drawn<'_>, out: &mut RenderedSlide) -> Result<Vec<u8>, String> {
    let Drawn {
        site,
        post,
        number,
        svg,
        tree,
        ..
    } = *drawn;
    let t = &site.timings;
    let (raster, logged) =
        crate::logging::capture(|| t.time(Stage::Raster, || post.backgrounds.rasterize(tree, svg)));
    let rel = &post.post.rel_path;
    out.diagnostics
        .extend(library_warnings(rel, number, "drawing it", logged));
    let pixmap = raster?;
    t.time(Stage::Encode, || {
        if post.format.image == "jpg" {
            render::encode_jpeg(&pixmap)
        } else {
            render::encode_png(&pixmap, site.config.output.png_compression)
        }
    })
}

/// Writes a file into the staging folder and records it under its final folder `rel_dir`.
fn push_write(out: &mut RenderedSlide, staging: &Path, rel_dir: &Path, name: &str, bytes: &[u8]) {
    match output::write_atomic(&staging.join(name), bytes) {
        Ok(()) => out.files.push(rel_dir.join(name)),
        Err(e) => out.diagnostics.push(Diagnostic::error(e.to_string())),
    }
}
