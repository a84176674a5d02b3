//! Finishing a post once its slides are rendered: the PDF (from the slides' parsed trees), the
//! manifest, and removal of stale files.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Location};
use crate::formats;
use crate::output;
use crate::prepare::{Element, PreparedPost};
use crate::site::Site;
use crate::slide::RenderedSlide;
use crate::summary::{PageSummary, PostSummary};
use crate::timings::Stage;

/// Finishes a post whose slides were rendered into its staging folder: when every slide (and
/// the PDF) succeeded, moves the new files into the post's folder, writes the PDF and manifest
/// and removes stale files; otherwise discards them, so the folder keeps its previous complete
/// build (or stays empty) and never a mix. `pdf` is the PDF built from the slides, if the post
/// gets one.
pub(crate) fn finish_post(
    site: &Site,
    prepared: &PreparedPost,
    slides: Vec<RenderedSlide>,
    pdf: Option<Result<Vec<u8>, String>>,
    write: bool,
) -> Finished {
    let post = &prepared.post;
    let mut diagnostics: Vec<Diagnostic> = prepared.warnings.clone();
    diagnostics.extend(slides.iter().flat_map(|s| s.diagnostics.clone()));
    if !write {
        diagnostics.extend(design_lints(prepared, &slides));
    }
    if let Some(Err(e)) = &pdf {
        diagnostics.push(Diagnostic::error(e.clone()).at(Location::file(&post.rel_path)));
    }
    let ok = slides.iter().all(|s| s.rendered) && !diagnostics.iter().any(Diagnostic::is_error);
    let mut summary = summary(prepared, &slides, ok);
    let output_dir = &site.output;
    let staging = output::staging_dir(output_dir, &prepared.dir);
    if !ok {
        if write {
            output::discard_staged(&staging);
            explain_kept_output(&mut diagnostics);
        }
        return Finished {
            summary,
            diagnostics,
            written: Vec::new(),
        };
    }
    let mut files: Vec<PathBuf> = slides.iter().flat_map(|s| s.files.clone()).collect();
    let rel_dir = site.output_shown.as_path().join(&prepared.dir);
    let dir = output_dir.join(&prepared.dir);
    let pdf_name = format!("{}.pdf", post.slug);
    let pdf_bytes = pdf.and_then(Result::ok);
    if let Some(bytes) = &pdf_bytes {
        files.push(rel_dir.join(&pdf_name));
        if write && let Err(e) = stage_if_changed(site, &staging, &dir, &pdf_name, bytes) {
            diagnostics.push(Diagnostic::error(e.to_string()));
        }
    }
    let pdf_size = pdf_bytes.as_ref().map(|b| b.len() as u64);
    diagnostics.extend(limit_warnings(prepared, slides.len(), pdf_size));
    let written = if write {
        let folder = Folder {
            staging: &staging,
            dir: &dir,
            rel_dir: &rel_dir,
        };
        let pdf = pdf_bytes.is_some();
        commit(
            prepared,
            (&slides, pdf),
            folder,
            (&mut diagnostics, &mut files),
        )
    } else {
        Vec::new()
    };
    summary.ok = !diagnostics.iter().any(Diagnostic::is_error);
    // `check` writes nothing.
    summary.files = if write { files } else { Vec::new() };
    Finished {
        summary,
        diagnostics,
        written,
    }
}

/// Warnings for a post over its platform's limits (slides, PDF size).
fn limit_warnings(
    prepared: &PreparedPost,
    slides: usize,
    pdf_size: Option<u64>,
) -> Vec<Diagnostic> {
    let format = &prepared.format.name;
    formats::check_limits(format, slides, pdf_size)
        .into_iter()
        .map(|warning| {
            Diagnostic::warning(format!("{format}: {warning}"))
                .at(Location::file(&prepared.post.rel_path))
        })
        .collect()
}

/// Where a post's files go.
struct Folder<'a> {
    staging: &'a Path,
    dir: &'a Path,
    rel_dir: &'a Path,
}

/// Moves the staged files of a post without errors into its folder and writes its ZIP and
/// manifest (or discards them); returns the digests of the ZIP and manifest.
fn commit(
    prepared: &PreparedPost,
    (slides, pdf): (&[RenderedSlide], bool),
    folder: Folder<'_>,
    (diagnostics, files): (&mut Vec<Diagnostic>, &mut Vec<PathBuf>),
) -> Vec<(String, crate::cache::Digest)> {
    if diagnostics.iter().any(Diagnostic::is_error) {
        output::discard_staged(folder.staging);
        return Vec::new();
    }
    if let Err(e) = output::commit_staged(folder.staging, folder.dir) {
        diagnostics.push(Diagnostic::error(e.to_string()));
        return Vec::new();
    }
    let done = crate::publish::Done {
        slides,
        pdf,
        diagnostics,
        dir: folder.dir,
        rel_dir: folder.rel_dir,
    };
    crate::publish::write(prepared, &done, files).unwrap_or_else(|e| {
        diagnostics.push(e);
        Vec::new()
    })
}

/// What finishing a post gave.
pub(crate) struct Finished {
    /// The post's summary.
    pub summary: PostSummary,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The ZIP and manifest written for it, by path relative to `output/`, with digests.
    pub written: Vec<(String, crate::cache::Digest)>,
}

/// Stages `bytes` as `name` unless `dir` already holds exactly them.
fn stage_if_changed(
    site: &Site,
    staging: &Path,
    dir: &Path,
    name: &str,
    bytes: &[u8],
) -> Result<(), crate::error::Error> {
    if std::fs::read(dir.join(name)).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    site.timings.time(Stage::Write, || {
        output::write_atomic(&staging.join(name), bytes)
    })
}

/// `check`'s design lints on the rendered slides of a post.
fn design_lints(prepared: &PreparedPost, slides: &[RenderedSlide]) -> Vec<Diagnostic> {
    let facts: Vec<crate::lint::SlideFacts> = prepared
        .pages
        .iter()
        .zip(slides)
        .map(|(page, slide)| crate::lint::SlideFacts {
            offset: page.offset,
            continued: page.continued,
            max_gap: slide.findings.max_gap,
        })
        .collect();
    crate::lint::slides(&prepared.post, &facts)
}

/// The summary of a post whose render failed before any slide result came back.
pub(crate) fn failed_summary(prepared: &PreparedPost) -> PostSummary {
    PostSummary {
        slides: prepared.pages.len(),
        ..summary(prepared, &[], false)
    }
}

/// The post's summary; files are filled in once written.
fn summary(prepared: &PreparedPost, slides: &[RenderedSlide], ok: bool) -> PostSummary {
    let post = &prepared.post;
    let pages = prepared
        .pages
        .iter()
        .zip(slides)
        .enumerate()
        .map(|(i, (page, slide))| PageSummary {
            number: i + 1,
            kind: page.kind,
            heading: page.heading.clone(),
            alt: page.alt.clone(),
            scale: page.scale,
            flow: page.flow,
            continued: page.continued,
            findings: slide.findings.clone(),
        })
        .collect();
    PostSummary {
        pages,
        slug: post.slug.clone(),
        dir: prepared.dir.clone(),
        format: prepared.format.name.to_string(),
        source: post.rel_path.clone(),
        slides: slides.len(),
        ok,
        files: Vec::new(),
    }
}

/// Says on the post's first error that none of its files were written.
fn explain_kept_output(diagnostics: &mut [Diagnostic]) {
    if let Some(first) = diagnostics.iter_mut().find(|d| d.is_error()) {
        // The same words for every post, so that one cause in several posts stays one error.
        let kept = "nothing of the post was written: its folder in output/ keeps its previous \
                    build, if any";
        first.hint = Some(match first.hint.take() {
            Some(hint) => format!("{hint}; {kept}"),
            None => kept.to_string(),
        });
    }
}

/// True when the post gets a PDF: PDFs are on, and a post built in several formats gets one
/// only in the formats that take one (LinkedIn's).
pub(crate) fn wants_pdf(site: &Site, prepared: &PreparedPost) -> bool {
    let several = prepared.dir != prepared.post.slug;
    site.config.output.pdf && (!several || prepared.format.takes_pdf())
}

/// The links of page `index`, for the PDF's link annotations.
pub(crate) fn page_links(prepared: &PreparedPost, index: usize) -> Vec<crate::pdf::PdfLink> {
    let link = |e: &Element| match e {
        Element::Link {
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
        .get(index)
        .map(|page| page.content.iter().filter_map(link).collect())
        .unwrap_or_default()
}
