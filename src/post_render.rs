//! Rendering one post: its slides in parallel, a chunk at a time, each chunk's trees drawn into
//! the post's PDF and dropped as soon as the chunk finishes, then the post finished (files
//! committed or discarded). A panic anywhere in it fails only this post.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use indicatif::ProgressBar;
use rayon::prelude::*;

use std::collections::BTreeMap;

use crate::cache::{self, Cache, Digest, PdfEntry, PostEntry, SlideEntry, Updates};
use crate::error::{Diagnostic, Location};
use crate::finish::{self, finish_post};
use crate::output;
use crate::pdf_stream::{Page, PdfStream};
use crate::prepare::PreparedPost;
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
    let staging = output::staging_dir(&site.output, &post.dir);
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
        pdf: None,
    };
    let (rendered, pdf) = render_slides(site, post, (made, plan), kept_pdf, bar);
    let reused = rendered.iter().filter(|r| r.unchanged).count();
    let entries: Vec<(String, SlideEntry)> =
        rendered.iter().filter_map(|r| r.cache.clone()).collect();
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
    let finished = finish_post(site, post, rendered, pdf, options.write);
    let (summary, diagnostics) = (finished.summary, finished.diagnostics);
    let mut updates = Updates::default();
    if summary.ok {
        let done = Done {
            summary: &summary,
            diagnostics: &diagnostics,
            slides: &entries,
            pdf: pdf_entry.as_ref(),
            written: &finished.written,
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
    /// The ZIP and manifest, with digests.
    written: &'a [(String, Digest)],
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
    // Without its manifest (nothing was written), a post cannot be reused whole.
    if done.written.is_empty() {
        return None;
    }
    files.extend(done.written.iter().cloned());
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

/// Renders the slides of `post` from what `made` holds, a chunk at a time, while another
/// thread draws each finished slide's tree into the PDF (in slide order) and drops it; the
/// PDF is `kept_pdf` when the previous build's is still right.
fn render_slides(
    site: &Site,
    post: &PreparedPost,
    (mut made, plan): (Vec<Option<Result<Templated, Diagnostic>>>, Plan<'_>),
    kept_pdf: Option<Vec<u8>>,
    bar: &ProgressBar,
) -> (Vec<RenderedSlide>, Option<Result<Vec<u8>, String>>) {
    let mut rendered: Vec<RenderedSlide> = Vec::with_capacity(post.pages.len());
    let indices: Vec<usize> = (0..post.pages.len()).collect();
    let (trees, received) = mpsc::sync_channel::<Page>(SLIDES_IN_FLIGHT);
    let drawn = finish::wants_pdf(site, post) && kept_pdf.is_none();
    let (pdf, warnings) = std::thread::scope(|scope| {
        // The PDF library's documents stay on the thread that makes them.
        let drawer =
            scope.spawn(move || PdfStream::new(site, post, kept_pdf).draw(site, post, received));
        // Dropped after the last slide: the drawer then finishes the PDF.
        let trees = trees;
        let plan = Plan {
            pdf: drawn.then_some(&trees),
            ..plan
        };
        for chunk in indices.chunks(SLIDES_IN_FLIGHT) {
            let inputs: Vec<(usize, Result<Templated, Diagnostic>)> = chunk
                .iter()
                .filter_map(|&i| Some((i, made[i].take()?)))
                .collect();
            let done: Vec<RenderedSlide> = inputs
                .into_par_iter()
                .map(|(slide_index, templated)| {
                    let job = SlideJob { slide_index, post };
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        slide::render(site, &job, templated, plan)
                    }))
                    .unwrap_or_else(|panic| slide::panicked(&job, panic));
                    if drawn && !result.sent {
                        // A failed slide fails the PDF.
                        let _ = trees.send((slide_index, None));
                    }
                    bar.inc(1);
                    result
                })
                .collect();
            rendered.extend(done);
        }
        drop(trees);
        drawer.join().unwrap_or_else(|panic| {
            let e = format!(
                "failed to draw the PDF (internal error: {})",
                crate::error::panic_text(&*panic)
            );
            (Some(Err(e)), Vec::new())
        })
    });
    for (index, found) in warnings {
        rendered[index].diagnostics.extend(found);
    }
    post.backgrounds.clear();
    (rendered, pdf)
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
