//! What a written post gets besides its slides and PDF, for publishing: every slide image in
//! one ZIP (to upload in one go), and `manifest.json`, which the gallery reads: caption, alt
//! text per slide, the platform, warnings, and whether the post is a draft.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cache::Digest;
use crate::error::Diagnostic;
use crate::output::{self, Manifest};
use crate::prepare::PreparedPost;
use crate::slide::RenderedSlide;

/// A post whose files were just committed.
pub(crate) struct Done<'a> {
    /// Its slides, rendered.
    pub slides: &'a [RenderedSlide],
    /// Whether it has a PDF.
    pub pdf: bool,
    /// What the build said about it.
    pub diagnostics: &'a [Diagnostic],
    /// Its folder.
    pub dir: &'a Path,
    /// Its folder as reports name it.
    pub rel_dir: &'a Path,
}

/// Writes the post's ZIP and manifest, lists them in `files`, and removes the generated files
/// of its folder that this build did not write. Returns the digests of the two files, by path
/// relative to `output/`, for the build cache.
pub(crate) fn write(
    prepared: &PreparedPost,
    done: &Done<'_>,
    files: &mut Vec<PathBuf>,
) -> Result<Vec<(String, Digest)>, Diagnostic> {
    let failed = |e: crate::error::Error| Diagnostic::error(e.to_string());
    let slug = &prepared.post.slug;
    let mut written = Vec::new();
    let mut record = |name: &str, bytes: &[u8]| {
        written.push((
            format!("{}/{name}", prepared.dir),
            crate::cache::digest(bytes),
        ));
    };
    let images = slide_images(done.slides);
    let zip_name = (!images.is_empty()).then(|| format!("{slug}.zip"));
    if let Some(name) = &zip_name {
        let bytes = zip(done.dir, &images)
            .map_err(|e| Diagnostic::error(format!("failed to write {name}: {e}")))?;
        output::write_if_changed(&done.dir.join(name), &bytes).map_err(failed)?;
        files.push(done.rel_dir.join(name));
        record(name, &bytes);
    }
    let manifest = manifest(prepared, done, zip_name);
    let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    output::write_if_changed(&done.dir.join("manifest.json"), &json).map_err(failed)?;
    files.push(done.rel_dir.join("manifest.json"));
    record("manifest.json", &json);
    let keep: HashSet<String> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
        .collect();
    output::remove_stale(done.dir, &keep).map_err(failed)?;
    Ok(written)
}

/// The file names of the slides' images (PNG or JPEG), in slide order.
fn slide_images(slides: &[RenderedSlide]) -> Vec<String> {
    slides
        .iter()
        .flat_map(|s| &s.files)
        .filter_map(|f| f.file_name()?.to_str())
        .filter(|n| n.ends_with(".png") || n.ends_with(".jpg"))
        .map(str::to_string)
        .collect()
}

/// A ZIP of the files `names` in `dir`, stored (images are compressed already), with fixed
/// dates and permissions so the same slides give the same bytes.
fn zip(dir: &Path, names: &[String]) -> Result<Vec<u8>, String> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in names {
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        writer
            .start_file(name.as_str(), options)
            .map_err(|e| e.to_string())?;
        writer.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    let cursor = writer.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

fn manifest(p: &PreparedPost, done: &Done<'_>, zip: Option<String>) -> Manifest {
    let post = &p.post;
    Manifest {
        title: post.front.title.clone(),
        slug: post.slug.clone(),
        dir: p.dir.clone(),
        source: post.rel_path.to_string_lossy().replace('\\', "/"),
        format: p.format.name.to_string(),
        width: p.format.pixel_width(),
        height: p.format.pixel_height(),
        theme: p.theme.name.clone(),
        caption: post.caption(),
        pdf: done.pdf.then(|| format!("{}.pdf", post.slug)),
        zip,
        platform: crate::formats::limits(&p.format.name).map(|l| l.platform.to_string()),
        draft: post.front.draft,
        warnings: done.diagnostics.iter().map(|d| d.message.clone()).collect(),
        slides: done
            .slides
            .iter()
            .zip(&p.pages)
            .enumerate()
            .map(|(i, (s, page))| output::ManifestSlide {
                number: i + 1,
                kind: page.kind.name().to_string(),
                files: s
                    .files
                    .iter()
                    .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
                    .collect(),
                heading: page.heading.clone(),
                continued: page.continued,
                alt: page.alt.clone(),
            })
            .collect(),
    }
}
