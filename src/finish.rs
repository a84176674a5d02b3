//! Finishing a post once its slides are rendered: the PDF (from the slides' parsed trees), the
//! manifest, and removal of stale files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use resvg::usvg::Tree;

use crate::build::{PageSummary, PostSummary, Site};
use crate::compose;
use crate::error::{Diagnostic, Location};
use crate::formats;
use crate::output::{self, Manifest};
use crate::prepare::PreparedPost;
use crate::site;
use crate::slide::RenderedSlide;
use crate::timings::Stage;

/// Writes the PDF and manifest of a post whose slides all rendered, and removes stale files.
pub fn finish_post(
    site: &Site,
    prepared: &PreparedPost,
    slides: Vec<RenderedSlide>,
    write: bool,
) -> (PostSummary, Vec<Diagnostic>) {
    let post = &prepared.post;
    let mut diagnostics: Vec<Diagnostic> =
        slides.iter().flat_map(|s| s.diagnostics.clone()).collect();
    let mut files: Vec<PathBuf> = slides.iter().flat_map(|s| s.files.clone()).collect();
    let ok =
        slides.iter().all(|s| s.tree.is_some()) && !diagnostics.iter().any(Diagnostic::is_error);
    let pages = prepared
        .pages
        .iter()
        .zip(&slides)
        .enumerate()
        .map(|(i, (page, slide))| PageSummary {
            number: i + 1,
            kind: page.kind,
            heading: page.heading.clone(),
            alt: page.alt.clone(),
            scale: page.scale,
            continued: page.continued,
            findings: slide.findings.clone(),
        })
        .collect();
    let mut summary = PostSummary {
        pages,
        slug: post.slug.clone(),
        dir: prepared.dir.clone(),
        format: prepared.format.name.to_string(),
        source: post.rel_path.clone(),
        slides: slides.len(),
        ok,
        files: Vec::new(),
    };
    if !ok {
        summary.files = files;
        return (summary, diagnostics);
    }
    let dir = site.root.join(site::OUTPUT_DIR).join(&prepared.dir);
    let trees: Vec<&Tree> = slides.iter().filter_map(|s| s.tree.as_ref()).collect();
    let pdf_path = site
        .root
        .join(site::OUTPUT_DIR)
        .join(&prepared.dir)
        .join(format!("{}.pdf", post.slug));
    let all_unchanged = slides.iter().all(|s| s.unchanged);
    let written_pdf = match write_pdf(site, prepared, &trees, all_unchanged, write) {
        Ok(Some(name)) => {
            files.push(Path::new(site::OUTPUT_DIR).join(&prepared.dir).join(&name));
            Some(name)
        }
        Ok(None) => None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(e).at(Location::file(&post.rel_path)));
            None
        }
    };
    if write {
        let manifest = manifest(prepared, &slides, written_pdf.clone());
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        match output::write_if_changed(&dir.join("manifest.json"), &json) {
            Ok(_) => files.push(
                Path::new(site::OUTPUT_DIR)
                    .join(&prepared.dir)
                    .join("manifest.json"),
            ),
            Err(e) => diagnostics.push(Diagnostic::error(e.to_string())),
        }
        let keep: HashSet<String> = files
            .iter()
            .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
            .collect();
        if let Err(e) = output::remove_stale(&dir, &keep) {
            diagnostics.push(Diagnostic::error(e.to_string()));
        }
    }
    let pdf_bytes = written_pdf
        .as_ref()
        .and_then(|_| std::fs::metadata(&pdf_path).ok())
        .map(|m| m.len());
    for warning in formats::check_limits(&prepared.format.name, slides.len(), pdf_bytes) {
        diagnostics.push(
            Diagnostic::warning(format!("{}: {warning}", prepared.format.name))
                .at(Location::file(&post.rel_path)),
        );
    }
    summary.ok = !diagnostics.iter().any(Diagnostic::is_error);
    summary.files = files;
    (summary, diagnostics)
}

/// The links of each page, for the PDF's link annotations.
fn page_links(prepared: &PreparedPost) -> Vec<Vec<crate::render::PdfLink>> {
    let link = |e: &compose::Element| match e {
        compose::Element::Link {
            x,
            y,
            width,
            height,
            href,
        } => Some((*x, *y, *width, *height, href.clone())),
        _ => None,
    };
    prepared
        .pages
        .iter()
        .map(|page| page.content.iter().filter_map(link).collect())
        .collect()
}

/// Builds and writes the post's PDF; returns its file name. A PDF whose slides are all
/// unchanged is kept as it is (unless the build forces rewrites).
fn write_pdf(
    site: &Site,
    prepared: &PreparedPost,
    trees: &[&Tree],
    all_unchanged: bool,
    write: bool,
) -> std::result::Result<Option<String>, String> {
    let post = &prepared.post;
    let several = prepared.dir != post.slug;
    if !site.config.output.pdf || (several && !prepared.format.takes_pdf()) {
        return Ok(None);
    }
    let name = format!("{}.pdf", post.slug);
    let path = site
        .root
        .join(site::OUTPUT_DIR)
        .join(&prepared.dir)
        .join(&name);
    if write && all_unchanged && !site.force && path.is_file() {
        return Ok(Some(name));
    }
    let bytes = site.timings.time(Stage::Pdf, || {
        crate::render::pdf(trees, &page_links(prepared), &post.front.title)
    })?;
    if write {
        site.timings
            .time(Stage::Write, || output::write_if_changed(&path, &bytes))
            .map_err(|e| e.to_string())?;
    }
    Ok(Some(name))
}

fn manifest(p: &PreparedPost, slides: &[RenderedSlide], pdf: Option<String>) -> Manifest {
    let post = &p.post;
    Manifest {
        title: post.front.title.clone(),
        slug: post.slug.clone(),
        dir: p.dir.clone(),
        source: post.rel_path.to_string_lossy().replace('\\', "/"),
        format: p.format.name.to_string(),
        width: p.format.width,
        height: p.format.height,
        theme: p.theme.name.clone(),
        caption: post
            .front
            .caption
            .clone()
            .unwrap_or_else(|| post.intro.clone()),
        pdf,
        slides: slides
            .iter()
            .zip(&p.pages)
            .enumerate()
            .map(|(i, (s, page))| output::ManifestSlide {
                number: i + 1,
                kind: format!("{:?}", page.kind).to_lowercase(),
                files: s
                    .files
                    .iter()
                    .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
                    .collect(),
                heading: page.heading.clone(),
                alt: page.alt.clone(),
            })
            .collect(),
    }
}
