//! Rendering one post: its slides in parallel, a chunk at a time, each chunk's trees drawn into
//! the post's PDF and dropped as soon as the chunk finishes, then the post finished (files
//! committed or discarded). A panic anywhere in it fails only this post.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use indicatif::ProgressBar;
use rayon::prelude::*;

use std::collections::BTreeMap;

use crate::cache::{self, Cache, Digest, PdfEntry, PostEntry, SlideEntry, Updates};
use crate::error::{Diagnostic, Location};
use crate::files::OUTPUT_DIR;
use crate::finish::{self, finish_post};
use crate::output;
use crate::prepare::PreparedPost;
use crate::render::PdfWriter;
use crate::site::{BuildOptions, Site};
use crate::slide::{self, Plan, RenderedSlide, SlideJob, Templated};
use crate::summary::PostSummary;
use crate::timings::Stage;

/// Slides rendered at once per post; their trees are dropped once drawn into the PDF.
const SLIDES_IN_FLIGHT: usize = 16;

/// What rendering a post gave.
pub(crate) struct PostOutcome {
    /// The post's summary.
    pub summary: PostSummary,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
    /// How many of its slides were reused from the previous build.
    pub reused: usize,
    /// What to record in the build cache (nothing for a post that failed).
    pub cache: Updates,
}

/// Renders and finishes one post; never panics.
pub(crate) fn render_post(
    site: &Site,
    post: &PreparedPost,
    (options, cache): (&BuildOptions, &Cache),
    bar: &ProgressBar,
) -> PostOutcome {
    let staging = output::staging_dir(&site.root.join(OUTPUT_DIR), &post.dir);
    if options.write {
        // Leftovers of an interrupted build.
        output::discard_staged(&staging);
    }
    catch_unwind(AssertUnwindSafe(|| {
        render(site, post, (options, cache), bar)
    }))
    .unwrap_or_else(|panic| {
        output::discard_staged(&staging);
        let d = Diagnostic::error(format!(
            "failed to build post (internal error: {})",
            crate::error::panic_text(&*panic)
        ))
        .at(Location::file(&post.post.rel_path))
        .with_hint("please report this with the post that triggers it");
        PostOutcome {
            summary: finish::failed_summary(post),
            diagnostics: vec![d],
            reused: 0,
            cache: Updates::default(),
        }
    })
}

fn render(
    site: &Site,
    post: &PreparedPost,
    (options, cache): (&BuildOptions, &Cache),
    bar: &ProgressBar,
) -> PostOutcome {
    // Every slide's SVG and key first: they say whether the PDF can be kept, which says whether
    // slides reused from the cache still need their trees (to draw the PDF again).
    let made: Vec<Option<Result<Templated, Diagnostic>>> = (0..post.pages.len())
        .into_par_iter()
        .map(|slide_index| Some(slide::template(site, &SlideJob { slide_index, post })))
        .collect();
    let pdf_key = pdf_key(post, &made);
    let kept_pdf = options
        .write
        .then(|| kept_pdf(site, post, cache, &pdf_key))
        .flatten();
    let plan = Plan {
        write: options.write,
        cache,
        tree: finish::wants_pdf(site, post) && kept_pdf.is_none(),
    };
    let mut pdf = PdfStream::new(site, post, kept_pdf);
    let rendered = render_slides(site, post, (made, plan), &mut pdf, bar);
    let reused = rendered.iter().filter(|r| r.unchanged).count();
    let entries: Vec<(String, SlideEntry)> =
        rendered.iter().filter_map(|r| r.cache.clone()).collect();
    let pdf = pdf.finish(site);
    let pdf_entry = pdf.as_ref().and_then(|r| r.as_ref().ok()).map(|bytes| {
        let rel = format!("{}/{}.pdf", post.dir, post.post.slug);
        let digest = site.timings.time(Stage::Cache, || cache::digest(bytes));
        (
            rel,
            PdfEntry {
                key: pdf_key.clone(),
                digest,
            },
        )
    });
    let (summary, diagnostics) = finish_post(site, post, rendered, pdf, options.write);
    let mut updates = Updates::default();
    if summary.ok {
        let done = Done {
            summary: &summary,
            diagnostics: &diagnostics,
            slides: &entries,
            pdf: pdf_entry.as_ref(),
        };
        updates.posts.extend(post_entry(site, post, &done));
        updates.slides = entries;
        updates.pdfs.extend(pdf_entry);
    }
    PostOutcome {
        summary,
        diagnostics,
        reused,
        cache: updates,
    }
}

/// What a post's build gave, to record.
struct Done<'a> {
    summary: &'a PostSummary,
    diagnostics: &'a [Diagnostic],
    slides: &'a [(String, SlideEntry)],
    pdf: Option<&'a (String, PdfEntry)>,
}

/// The record of a post written in full: its key and inputs, every file of its folder, its
/// summary and warnings. `None` when it cannot be reused as a whole: no key, a slide without
/// a record, or system fonts (which may change without the site changing).
fn post_entry(site: &Site, post: &PreparedPost, done: &Done<'_>) -> Option<(String, PostEntry)> {
    let key = post.key.clone()?;
    let site_fonts = std::sync::Arc::ptr_eq(post.fonts.db(), site.fonts.db());
    if !site_fonts || done.slides.len() != post.pages.len() {
        return None;
    }
    let mut files: BTreeMap<String, Digest> = done
        .slides
        .iter()
        .flat_map(|(_, e)| e.files.clone())
        .collect();
    files.extend(done.pdf.map(|(rel, e)| (rel.clone(), e.digest.clone())));
    let manifest = format!("{}/manifest.json", post.dir);
    let bytes = std::fs::read(site.root.join(OUTPUT_DIR).join(&manifest)).ok()?;
    files.insert(manifest, cache::digest(&bytes));
    let entry = PostEntry {
        key,
        inputs: post.inputs.clone(),
        files,
        summary: done.summary.clone(),
        diagnostics: done
            .diagnostics
            .iter()
            .map(|d| (d.clone(), d.source_line.clone()))
            .collect(),
    };
    Some((post.dir.clone(), entry))
}

/// The outcome of a post the record says is up to date: nothing composed, rendered or written.
pub(crate) fn reused(entry: PostEntry) -> PostOutcome {
    let diagnostics = entry
        .diagnostics
        .into_iter()
        .map(|(mut d, line)| {
            d.source_line = line;
            d
        })
        .collect();
    PostOutcome {
        reused: entry.summary.slides,
        summary: entry.summary,
        diagnostics,
        cache: Updates::default(),
    }
}

/// Renders the slides of `post` from what `made` holds, a chunk at a time, each chunk drawn
/// into the PDF as it finishes.
fn render_slides(
    site: &Site,
    post: &PreparedPost,
    (mut made, plan): (Vec<Option<Result<Templated, Diagnostic>>>, Plan<'_>),
    pdf: &mut PdfStream,
    bar: &ProgressBar,
) -> Vec<RenderedSlide> {
    let mut rendered: Vec<RenderedSlide> = Vec::with_capacity(post.pages.len());
    let indices: Vec<usize> = (0..post.pages.len()).collect();
    for chunk in indices.chunks(SLIDES_IN_FLIGHT) {
        let inputs: Vec<(usize, Result<Templated, Diagnostic>)> = chunk
            .iter()
            .filter_map(|&i| Some((i, made[i].take()?)))
            .collect();
        let mut done: Vec<RenderedSlide> = inputs
            .into_par_iter()
            .map(|(slide_index, templated)| {
                let job = SlideJob { slide_index, post };
                let result = catch_unwind(AssertUnwindSafe(|| {
                    slide::render(site, &job, templated, plan)
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
    rendered
}

/// The key of a post's PDF: its title and its slides' keys (the PDF is drawn from their SVGs,
/// with the fonts, canvas and settings in each key).
fn pdf_key(post: &PreparedPost, made: &[Option<Result<Templated, Diagnostic>>]) -> Digest {
    let keys: Vec<&[u8]> = made
        .iter()
        .map(|m| match m {
            Some(Ok(t)) => t.key.as_bytes(),
            _ => b"".as_slice(),
        })
        .collect();
    let mut parts = vec![b"pdf".as_slice(), post.post.front.title.as_bytes()];
    parts.extend(keys);
    cache::key(&parts)
}

/// The bytes of the post's PDF when the previous build wrote it from the same key and it is
/// still on disk as written.
fn kept_pdf(site: &Site, post: &PreparedPost, cache: &Cache, key: &str) -> Option<Vec<u8>> {
    if !finish::wants_pdf(site, post) {
        return None;
    }
    let rel = format!("{}/{}.pdf", post.dir, post.post.slug);
    site.timings.time(Stage::Cache, || cache.pdf(&rel, key))
}

/// A post's PDF, drawn page by page as its slides finish.
struct PdfStream {
    /// `None` when the post gets no PDF, when it is kept, or once a slide failed (the post will
    /// not be written).
    writer: Option<PdfWriter>,
    /// The PDF the previous build wrote from the same slides, kept as it is.
    kept: Option<Vec<u8>>,
    error: Option<String>,
}

impl PdfStream {
    fn new(site: &Site, post: &PreparedPost, kept: Option<Vec<u8>>) -> PdfStream {
        let drawn = finish::wants_pdf(site, post) && kept.is_none();
        PdfStream {
            writer: drawn.then(|| PdfWriter::new(&post.post.front.title)),
            kept,
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

    /// The PDF's bytes: kept, or drawn from every slide; `None` when the post gets no PDF.
    fn finish(self, site: &Site) -> Option<Result<Vec<u8>, String>> {
        if let Some(bytes) = self.kept {
            return Some(Ok(bytes));
        }
        let writer = self.writer?;
        if let Some(e) = self.error {
            return Some(Err(e));
        }
        Some(site.timings.time(Stage::Pdf, || writer.finish()))
    }
}
