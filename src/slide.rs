//! One slide's render task: chrome, template, SVG, usvg tree, PNG, files. Runs on the rayon pool;
//! returns its own diagnostics instead of failing the build.

use std::path::{Path, PathBuf};

use resvg::usvg::Tree;
use std::sync::Arc;

use serde::Serialize;

use crate::cache::Cache;
use crate::content::SlideKind;
use crate::error::{Diagnostic, Location};
use crate::formats::Format;
use crate::inspect::{self, Findings};
use crate::output;
use crate::prepare::{Element, Page, PatternPath, PreparedPost, Template, Variant};
use crate::render;
use crate::site::Site;
use crate::slide_files::{self, Drawn};
pub(crate) use crate::slide_files::{RenderedSlide, library_warnings};
use crate::theme::Theme;
use crate::timings::Stage;

/// One slide to render.
pub(crate) struct SlideJob<'a> {
    /// Index of the slide in the post.
    pub slide_index: usize,
    /// The post.
    pub post: &'a PreparedPost,
}

/// A slide's SVG, made from its layout, with its key and id in the build cache.
pub(crate) struct Templated {
    /// The SVG.
    pub svg: String,
    /// What the slide's files are made from (see [`slide_files::slide_key`]).
    pub key: String,
    /// The slide's place in the cache.
    pub id: String,
    /// The layout file it was made with, for errors.
    pub layout: String,
}

/// Where a slide's parsed tree goes to be drawn into its post's PDF, with the slide's index
/// (`None` for a slide that failed).
pub(crate) type TreeSender = std::sync::mpsc::SyncSender<(usize, Option<Arc<Tree>>)>;

/// How to render a slide.
#[derive(Clone, Copy)]
pub(crate) struct Plan<'a> {
    /// Write the slide's files (not `check`).
    pub write: bool,
    /// The previous build's record.
    pub cache: &'a Cache,
    /// Where to send the slide's parsed tree, as soon as it is parsed, when its post's PDF is
    /// drawn again; `None` when it is not.
    pub pdf: Option<&'a TreeSender>,
}

/// Slide numbers and flags for templates.
#[derive(Serialize)]
struct SlideInfo<'a> {
    kind: SlideKind,
    number: usize,
    total: usize,
    is_first: bool,
    is_last: bool,
    heading: &'a str,
    continued: bool,
    mark_y: f32,
    /// The slide reads right to left (layouts mirror their decoration).
    rtl: bool,
    layout: Option<Template>,
    variant: Option<Variant>,
}

/// Post fields for templates.
#[derive(Serialize)]
struct PostInfo<'a> {
    title: &'a str,
    slug: &'a str,
    tags: &'a [String],
    date: Option<String>,
}

/// Everything a layout template receives.
#[derive(Serialize)]
struct SlideContext<'a> {
    canvas: Canvas,
    format: &'a Format,
    theme: &'a Theme,
    slide: SlideInfo<'a>,
    post: PostInfo<'a>,
    header: &'a [Element],
    content: &'a [Element],
    footer: &'a [Element],
    backdrop: &'a [Element],
    pattern: &'a PatternPath,
}

#[derive(Serialize)]
struct Canvas {
    /// Layout width, in canvas units.
    width: f32,
    /// Layout height, in canvas units.
    height: f32,
    /// Output width, in pixels.
    pixel_width: f32,
    /// Output height, in pixels.
    pixel_height: f32,
}

/// The layout file for a page: a heading class naming an existing layout wins, then the kind.
fn layout_name(page: &Page, has: impl Fn(&str) -> bool) -> String {
    let chosen = page.layout.map(|t| t.name().to_string());
    for class in page.classes.iter().chain(chosen.as_ref()) {
        let name = format!("{class}.svg");
        if has(&name) {
            return name;
        }
    }
    format!("{}.svg", page.kind.name())
}

/// How a message usvg logged while parsing is reported.
#[derive(Debug, PartialEq, Eq)]
enum LogKind {
    /// Normal for our SVGs: usvg shapes a whole `<text>` with each run's font and notes the
    /// characters of the other runs that font lacks; the glyphs it keeps are the run's own.
    /// Glyphs really missing from a slide are found by inspecting the tree.
    Expected,
    /// Worth showing, but the slide is complete.
    Warning,
    /// Text or an image would be missing from the slide.
    Error,
}

fn classify(message: &str) -> LogKind {
    if message.starts_with("Fallback from ") || message.starts_with("No fonts with a ") {
        LogKind::Expected
    } else if message.starts_with("No match for")
        || message.contains("was refused")
        || message.contains("larger than the limit")
    {
        LogKind::Error
    } else {
        LogKind::Warning
    }
}

/// Makes slide `job`'s SVG from its layout; a broken layout is an error about the slide.
pub(crate) fn template(site: &Site, job: &SlideJob<'_>) -> Result<Templated, Diagnostic> {
    let p = job.post;
    let page = &p.pages[job.slide_index];
    let number = job.slide_index + 1;
    let layout = layout_name(page, |n| p.templates.has(n));
    let context = context(p, page, number);
    let svg = site
        .timings
        .time(Stage::Template, || p.templates.render(&layout, &context))
        // One broken layout is one error, listing the posts and slides it affected.
        .map_err(|d| d.in_post(&p.post.rel_path, Some(number)))?;
    let (key, id) = site.timings.time(Stage::Cache, || {
        (
            slide_files::slide_key(site, p, &svg),
            slide_files::slide_id(site, p, number),
        )
    });
    Ok(Templated {
        svg,
        key,
        id,
        layout,
    })
}

/// Renders one slide from its SVG: reused whole from the cache when its files are up to date
/// and its tree is not needed; else parsed and inspected, then (when writing) its files reused
/// or rasterised, encoded and written.
pub(crate) fn render(
    site: &Site,
    job: &SlideJob<'_>,
    made: Result<Templated, Diagnostic>,
    plan: Plan<'_>,
) -> RenderedSlide {
    let p = job.post;
    let page = &p.pages[job.slide_index];
    let number = job.slide_index + 1;
    let mut out = RenderedSlide::new();
    let Templated {
        svg,
        key,
        id,
        layout,
    } = match made {
        Ok(made) => made,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let fail = failure(p, page, number);
    let cached = plan
        .write
        .then(|| {
            site.timings
                .time(Stage::Cache, || plan.cache.slide(&id, &key))
        })
        .flatten();
    if let Some(entry) = cached.filter(|_| plan.pdf.is_none()) {
        report_findings(&entry.findings, &fail, &mut out.diagnostics);
        out.findings = entry.findings.clone();
        slide_files::reuse(
            &mut out,
            (id, &site.output_shown),
            entry,
            entry.findings.clone(),
        );
        out.rendered = true;
        return out;
    }
    let Some(tree) = parse_and_inspect(site, job, (&layout, &svg), plan, &mut out) else {
        return out;
    };
    report_findings(&out.findings, &fail, &mut out.diagnostics);
    if plan.write {
        let findings = out.findings.clone();
        match cached {
            Some(entry) => slide_files::reuse(&mut out, (id, &site.output_shown), entry, findings),
            None => {
                let drawn = Drawn {
                    site,
                    post: p,
                    number,
                    svg: &svg,
                    tree: &tree,
                    key: &key,
                    id: &id,
                };
                slide_files::write(&drawn, &findings, &mut out);
            }
        }
    }
    out.rendered = true;
    out
}

/// Parses the slide's SVG and inspects the tree, then hands the tree to the PDF if it is drawn
/// again; `None` (with the error in `out`) when the SVG does not parse.
fn parse_and_inspect(
    site: &Site,
    job: &SlideJob<'_>,
    (layout, svg): (&str, &str),
    plan: Plan<'_>,
    out: &mut RenderedSlide,
) -> Option<Arc<Tree>> {
    let start = std::time::Instant::now();
    let tree = parse(site, job, layout, svg, &mut out.diagnostics)?;
    out.findings = inspect::inspect(&tree, &job.post.format);
    site.timings.add(Stage::Parse, start);
    let tree = Arc::new(tree);
    if let Some(pdf) = plan.pdf {
        // Drawn into the PDF while this slide is rasterised and encoded. A closed channel means
        // the PDF already failed: not this slide's error.
        let _ = pdf.send((job.slide_index, Some(tree.clone())));
        out.sent = true;
    }
    Some(tree)
}

/// Makes an error about slide `number`, placed at the slide's source line.
fn failure<'a>(
    p: &'a PreparedPost,
    page: &Page,
    number: usize,
) -> impl Fn(String) -> Diagnostic + 'a {
    let post = &p.post;
    let at = Location::from_offset(&post.rel_path, &post.source, page.offset);
    move |message: String| Diagnostic::error(format!("slide {number}: {message}")).at(at.clone())
}

/// Everything the layout template of slide `number` receives.
fn context<'a>(p: &'a PreparedPost, page: &'a Page, number: usize) -> SlideContext<'a> {
    let post = &p.post;
    let total = p.pages.len();
    SlideContext {
        canvas: Canvas {
            width: p.format.width,
            height: p.format.height,
            pixel_width: p.format.pixel_width(),
            pixel_height: p.format.pixel_height(),
        },
        format: &p.format,
        theme: &p.theme,
        slide: SlideInfo {
            kind: page.kind,
            number,
            total,
            is_first: number == 1,
            is_last: number == total,
            heading: &page.heading,
            continued: page.continued,
            mark_y: page.mark_y,
            rtl: page.rtl,
            layout: page.layout,
            variant: page.variant,
        },
        post: PostInfo {
            title: &post.front.title,
            slug: &post.slug,
            tags: &post.front.tags,
            date: post.front.date.as_ref().map(|d| d.to_string()),
        },
        header: &page.header,
        content: &page.content,
        footer: &page.footer,
        backdrop: &page.backdrop,
        pattern: &p.pattern,
    }
}

/// Parses the SVG that `layout` made, reporting what usvg logged; `None` when it does not
/// parse (the SVG is kept under `output/.debug/` for a look).
fn parse(
    site: &Site,
    job: &SlideJob<'_>,
    layout: &str,
    svg: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Tree> {
    let p = job.post;
    let number = job.slide_index + 1;
    let fail = failure(p, &p.pages[job.slide_index], number);
    let (tree, warnings) = render::parse(svg, &render::options(&p.fonts));
    for w in warnings {
        match classify(&w) {
            LogKind::Expected => {}
            LogKind::Warning => diagnostics.extend(library_warnings(
                &p.post.rel_path,
                number,
                &format!("reading the SVG of layout `{layout}`"),
                vec![w],
            )),
            LogKind::Error => diagnostics.push(fail(format!("layout `{layout}`: {w}"))),
        }
    }
    tree.map_err(|e| {
        let kept = keep_debug_svg(site, &p.dir.replace('/', "-"), number, svg);
        diagnostics.push(
            fail(format!(
                "failed to parse the SVG made by layout `{layout}`: {e}"
            ))
            .with_hint(format!("the generated SVG was kept at {}", kept.display())),
        );
    })
    .ok()
}

/// Turns inspection findings into errors: they mean the slide is not what the reader should see.
fn report_findings(
    findings: &Findings,
    fail: &dyn Fn(String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let clip = |t: &str| -> String {
        let t: String = t.chars().take(60).collect();
        t.trim().to_string()
    };
    for text in &findings.overflow {
        out.push(fail(format!(
            "text leaves the safe area: \"{}\"",
            clip(text)
        )));
    }
    for (a, b) in &findings.overlaps {
        out.push(fail(format!(
            "text overlaps other text: \"{}\" and \"{}\"",
            clip(a),
            clip(b)
        )));
    }
    if !findings.missing.is_empty() {
        let list: Vec<String> = findings
            .missing
            .iter()
            .map(|g| {
                format!(
                    "'{g}' ({})",
                    g.chars()
                        .map(|c| format!("U+{:04X}", c as u32))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            })
            .collect();
        out.push(fail(format!(
            "drawn as missing glyphs: {}",
            list.join(", ")
        )));
    }
}

/// Keeps an SVG that failed to parse under `output/.debug/` and returns its path.
fn keep_debug_svg(site: &Site, slug: &str, number: usize, svg: &str) -> PathBuf {
    let rel = Path::new(output::DEBUG_DIR)
        .join(format!("{slug}-{}", output::slide_file(number, 0, "svg")));
    let _ = output::write_atomic(&site.output.join(&rel), svg.as_bytes());
    site.output_shown.join(rel)
}

/// The result of a slide task that panicked.
pub(crate) fn panicked(job: &SlideJob<'_>, panic: Box<dyn std::any::Any + Send>) -> RenderedSlide {
    let text = render::panic_text(&*panic);
    let post = &job.post.post;
    let d = Diagnostic::error(format!(
        "slide {}: failed to render (internal error: {text})",
        job.slide_index + 1
    ))
    .at(Location::file(&post.rel_path))
    .with_hint("please report this with the post that triggers it");
    RenderedSlide {
        diagnostics: vec![d],
        ..RenderedSlide::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usvg_messages_are_classified() {
        let cases = [
            (
                "Fallback from Inter to Noto Color Emoji.",
                LogKind::Expected,
            ),
            ("No match for 'Comic' font-family.", LogKind::Error),
            (
                "image reference `/etc/x` was refused: layouts may only embed data: URLs",
                LogKind::Error,
            ),
            ("Failed to load nested SVG image.", LogKind::Warning),
        ];
        for (message, want) in cases {
            assert_eq!(classify(message), want, "{message}");
        }
    }
}
