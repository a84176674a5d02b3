//! A post's PDF drawn while its slides render: a thread of its own takes each slide's tree as
//! soon as it is parsed (in any order), draws the pages in slide order as soon as it can, and
//! lets go of each tree once drawn, so drawing overlaps rasterising and encoding and memory
//! stays flat.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use resvg::usvg::Tree;

use crate::error::Diagnostic;
use crate::finish;
use crate::pdf::{PdfInfo, PdfPage, PdfWriter};
use crate::prepare::PreparedPost;
use crate::site::Site;
use crate::slide;
use crate::timings::Stage;

/// A slide for the PDF: its index and its parsed tree (`None` when the slide failed).
pub(crate) type Page = (usize, Option<Arc<Tree>>);

/// Warnings the PDF library logged while drawing a slide, by slide index.
pub(crate) type DrawWarnings = Vec<(usize, Vec<Diagnostic>)>;

/// What the post's PDF says about itself: title, author (the brand's name), subject (the
/// caption, see `Post::caption`), keywords (the tags) and date.
fn info(site: &Site, post: &PreparedPost) -> PdfInfo {
    let front = &post.post.front;
    PdfInfo {
        title: front.title.clone(),
        author: Some(site.config.brand.name.clone()),
        subject: Some(post.post.caption()),
        keywords: front.tags.clone(),
        date: front.date.as_ref().map(ToString::to_string),
    }
}

/// A post's PDF: drawn from its slides, kept from the previous build, or none.
pub(crate) struct PdfStream {
    /// `None` when the post gets no PDF, when it is kept, or once a slide failed (the post will
    /// not be written).
    writer: Option<PdfWriter>,
    /// The PDF the previous build wrote from the same slides, kept as it is.
    kept: Option<Vec<u8>>,
    error: Option<String>,
}

impl PdfStream {
    /// The PDF of `post`: `kept` when the previous build's is still right, else a new one if
    /// the post gets a PDF.
    pub(crate) fn new(site: &Site, post: &PreparedPost, kept: Option<Vec<u8>>) -> PdfStream {
        let drawn = finish::wants_pdf(site, post) && kept.is_none();
        PdfStream {
            writer: drawn.then(|| PdfWriter::new(&info(site, post))),
            kept,
            error: None,
        }
    }

    /// Takes finished slides from `pages` until every sender is gone, drawing them in slide
    /// order; returns the PDF's bytes (`None` when the post gets no PDF) and the warnings
    /// drawing gave.
    pub(crate) fn draw(
        mut self,
        site: &Site,
        post: &PreparedPost,
        pages: Receiver<Page>,
    ) -> (Option<Result<Vec<u8>, String>>, DrawWarnings) {
        let mut waiting: BTreeMap<usize, Option<Arc<Tree>>> = BTreeMap::new();
        let mut next = 0;
        let mut warnings = Vec::new();
        for (index, tree) in pages {
            if self.writer.is_none() {
                continue;
            }
            waiting.insert(index, tree);
            while let Some(tree) = waiting.remove(&next) {
                let found = self.add(site, post, tree, next);
                if !found.is_empty() {
                    warnings.push((next, found));
                }
                next += 1;
            }
        }
        (self.finish(site), warnings)
    }

    /// Draws slide `index` into the PDF and drops its tree; returns the library's warnings.
    fn add(
        &mut self,
        site: &Site,
        post: &PreparedPost,
        tree: Option<Arc<Tree>>,
        index: usize,
    ) -> Vec<Diagnostic> {
        let Some(writer) = self.writer.as_mut().filter(|_| self.error.is_none()) else {
            return Vec::new();
        };
        let Some(tree) = tree else {
            // A failed slide fails the post: its PDF will not be written.
            self.writer = None;
            return Vec::new();
        };
        let number = index + 1;
        let links = finish::page_links(post, index);
        let page = &post.pages[index];
        let heading = match page.kind {
            crate::content::SlideKind::Cover => Some(post.post.front.title.as_str()),
            _ if page.continued => None,
            _ => Some(page.heading.as_str()),
        };
        let page = PdfPage {
            number,
            links: &links,
            alt: &page.alt,
            outline: heading,
        };
        let start = Instant::now();
        let (added, logged) = crate::logging::capture(|| {
            catch_unwind(AssertUnwindSafe(|| writer.add_page(&tree, page)))
        });
        site.timings.add(Stage::Pdf, start);
        let rel = &post.post.rel_path;
        let doing = "drawing it into the PDF";
        let warnings = slide::library_warnings(rel, number, doing, logged);
        let added = added.unwrap_or_else(|panic| {
            Err(format!(
                "failed to draw slide {number} into the PDF (internal error: {})",
                crate::error::panic_text(&*panic)
            ))
        });
        self.error = added.err();
        warnings
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
