//! Rendering one post: its slides in parallel, a chunk at a time, each chunk's trees drawn into
//! the post's PDF and dropped as soon as the chunk finishes, then the post finished (files
//! committed or discarded). A panic anywhere in it fails only this post.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::error::{Diagnostic, Location};
use crate::files::OUTPUT_DIR;
use crate::finish::{self, finish_post};
use crate::output;
use crate::prepare::PreparedPost;
use crate::render::PdfWriter;
use crate::site::{BuildOptions, Site};
use crate::slide::{self, RenderedSlide, SlideJob};
use crate::summary::PostSummary;
use crate::timings::Stage;

/// Slides rendered at once per post; their trees are dropped once drawn into the PDF.
const SLIDES_IN_FLIGHT: usize = 16;

/// What rendering a post gave: its summary, its diagnostics and how many slides were unchanged.
pub(crate) type PostOutcome = (PostSummary, Vec<Diagnostic>, usize);

/// Renders and finishes one post; never panics.
pub(crate) fn render_post(
    site: &Site,
    post: &PreparedPost,
    options: &BuildOptions,
    bar: &ProgressBar,
) -> PostOutcome {
    let staging = output::staging_dir(&site.root.join(OUTPUT_DIR), &post.dir);
    if options.write {
        // Leftovers of an interrupted build.
        output::discard_staged(&staging);
    }
    catch_unwind(AssertUnwindSafe(|| render(site, post, options, bar))).unwrap_or_else(|panic| {
        output::discard_staged(&staging);
        let d = Diagnostic::error(format!(
            "failed to build post (internal error: {})",
            crate::error::panic_text(&*panic)
        ))
        .at(Location::file(&post.post.rel_path))
        .with_hint("please report this with the post that triggers it");
        (finish::failed_summary(post), vec![d], 0)
    })
}

fn render(
    site: &Site,
    post: &PreparedPost,
    options: &BuildOptions,
    bar: &ProgressBar,
) -> PostOutcome {
    let mut pdf = PdfStream::new(site, post);
    let mut rendered: Vec<RenderedSlide> = Vec::with_capacity(post.pages.len());
    let indices: Vec<usize> = (0..post.pages.len()).collect();
    for chunk in indices.chunks(SLIDES_IN_FLIGHT) {
        let mut done: Vec<RenderedSlide> = chunk
            .par_iter()
            .map(|&slide_index| {
                let job = SlideJob { slide_index, post };
                let result = catch_unwind(AssertUnwindSafe(|| {
                    slide::render(site, &job, options.write)
                }))
                .unwrap_or_else(|panic| slide::panicked(&job, panic));
                bar.inc(1);
                result
            })
            .collect();
        for (slide, &index) in done.iter_mut().zip(chunk) {
            pdf.add(site, post, slide, index);
        }
        rendered.extend(done);
    }
    post.backgrounds.clear();
    let unchanged = rendered.iter().filter(|r| r.unchanged).count();
    let pdf = pdf.finish(site, post, unchanged == rendered.len());
    let (summary, diags) = finish_post(site, post, rendered, pdf, options.write);
    (summary, diags, unchanged)
}

/// A post's PDF, drawn page by page as its slides finish.
struct PdfStream {
    /// `None` when the post gets no PDF, or once a slide failed (the post will not be written).
    writer: Option<PdfWriter>,
    error: Option<String>,
}

impl PdfStream {
    fn new(site: &Site, post: &PreparedPost) -> PdfStream {
        PdfStream {
            writer: finish::wants_pdf(site, post).then(|| PdfWriter::new(&post.post.front.title)),
            error: None,
        }
    }

    /// Draws slide `index` into the PDF and drops its tree.
    fn add(&mut self, site: &Site, post: &PreparedPost, slide: &mut RenderedSlide, index: usize) {
        let tree = slide.tree.take();
        let Some(writer) = self.writer.as_mut().filter(|_| self.error.is_none()) else {
            return;
        };
        let Some(tree) = tree else {
            // A failed slide fails the post: its PDF will not be written.
            self.writer = None;
            return;
        };
        let number = index + 1;
        let links = finish::page_links(post, index);
        let start = Instant::now();
        let (added, logged) = crate::logging::capture(|| {
            catch_unwind(AssertUnwindSafe(|| writer.add_page(&tree, &links, number)))
        });
        site.timings.add(Stage::Pdf, start);
        let rel = &post.post.rel_path;
        let doing = "drawing it into the PDF";
        slide
            .diagnostics
            .extend(slide::library_warnings(rel, number, doing, logged));
        let added = added.unwrap_or_else(|panic| {
            Err(format!(
                "failed to draw slide {number} into the PDF (internal error: {})",
                crate::error::panic_text(&*panic)
            ))
        });
        self.error = added.err();
    }

    /// The PDF's bytes. When every slide was unchanged and the build does not force rewrites,
    /// the PDF already written is kept and not serialised again.
    fn finish(
        self,
        site: &Site,
        post: &PreparedPost,
        all_unchanged: bool,
    ) -> Option<Result<Vec<u8>, String>> {
        let writer = self.writer?;
        if let Some(e) = self.error {
            return Some(Err(e));
        }
        let existing = site
            .root
            .join(OUTPUT_DIR)
            .join(&post.dir)
            .join(format!("{}.pdf", post.post.slug));
        if all_unchanged
            && !site.force
            && let Ok(bytes) = std::fs::read(existing)
        {
            return Some(Ok(bytes));
        }
        Some(site.timings.time(Stage::Pdf, || writer.finish()))
    }
}
