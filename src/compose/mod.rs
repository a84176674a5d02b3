//! Composition: turns a post's slides into pages of positioned elements for the templates.
//!
//! Each content slide is laid out at the theme's preferred sizes; if it does not fit the content
//! box, it is shrunk step by step down to the theme's minimum body size; if it still does not fit,
//! it continues on further slides (split between rows: lines, list items, table rows), each
//! carrying the heading with a "(continued)" mark. Text is never clipped or dropped.

pub mod blocks;
pub mod brand;
pub mod cards;
pub mod chrome;
pub mod code;
pub mod columns;
pub mod cover;
pub mod element;
pub mod frame;
pub mod layout;
pub mod media;
pub mod pattern;
pub mod quote;
pub mod split;
pub mod stat;
pub mod table;

use serde::Serialize;

use crate::config::{BrandConfig, OutroConfig};
use crate::content::markup::{Span, Style};
use crate::content::{Slide, SlideKind};
use crate::error::Diagnostic;
use crate::fonts::FontSet;
use crate::formats::Format;
use crate::text::{Laid, Shaper};
use crate::theme::Theme;

use blocks::{BlockStyle, Row, lay, text_rows};
pub use blocks::{ImageLoader, LoadedImage};
pub use element::{Element, SvgRun};
use layout::Layout;

/// Scales tried, largest first, before a slide is continued on the next one.
pub(crate) const FIT_SCALES: &[f32] = &[1.0, 0.94, 0.88, 0.82, 0.76, 0.7];
/// Heading leading.
const HEADING_LEADING: f32 = 1.125;
/// Space between a heading and the body, in px.
pub(crate) const HEADING_GAP: f32 = 32.0;
/// Largest share of the content box a heading may take before it is set smaller.
const HEADING_MAX_SHARE: f32 = 0.4;
/// Step by which an over-long heading shrinks.
const HEADING_SHRINK: f32 = 0.9;
/// Space above the footnotes of a slide, in px.
const NOTES_GAP: f32 = 40.0;
/// Width of the short rule above footnotes, in px.
const NOTE_RULE: f32 = 120.0;
/// Footnote leading.
const NOTE_LEADING: f32 = 1.3;
/// Share of the free space put above a short slide on tall formats (0.5 would centre it).
const TALL_CENTRE: f32 = 0.4;
/// Mark appended to the heading of continuation slides.
pub const CONTINUED: &str = " (continued)";

/// Everything composition reads.
pub struct ComposeCtx<'a> {
    /// Fonts to measure with.
    pub fonts: &'a FontSet,
    /// Design tokens.
    pub theme: &'a Theme,
    /// Canvas format.
    pub format: &'a Format,
    /// Brand kit.
    pub brand: &'a BrandConfig,
    /// The brand kit's images.
    pub brand_images: &'a crate::images::BrandImages,
    /// Loads images referenced by the post.
    pub images: &'a ImageLoader<'a>,
    /// Highlights code blocks; `None` draws code in the text colour.
    pub highlighter: Option<&'a crate::highlight::Highlighter>,
}

/// A layout template a page asks for besides its kind's own (used when the site or theme has
/// it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// `quote.svg`.
    Quote,
    /// `stat.svg`.
    Stat,
    /// `code.svg`.
    Code,
    /// `list.svg`.
    List,
    /// `columns.svg`.
    Columns,
    /// `image.svg`.
    Image,
}

impl Template {
    /// The template's file stem.
    pub fn name(self) -> &'static str {
        match self {
            Template::Quote => "quote",
            Template::Stat => "stat",
            Template::Code => "code",
            Template::List => "list",
            Template::Columns => "columns",
            Template::Image => "image",
        }
    }
}

/// How an image page places its image (templates read it as `slide.variant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// Full-bleed, text on a scrim.
    Full,
    /// Above the text.
    Top,
    /// Left of the text.
    Left,
    /// Right of the text.
    Right,
}

/// One output slide, composed: content, chrome and everything its layout template needs.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Cover, content or outro.
    pub kind: SlideKind,
    /// Positioned content elements.
    pub content: Vec<Element>,
    /// The slide's heading as plain text.
    pub heading: String,
    /// All the slide's text, for the platforms' alt-text field.
    pub alt: String,
    /// Byte offset of the slide's source in the post file.
    #[serde(skip)]
    pub offset: usize,
    /// True for the second and later slides of a continued section.
    pub continued: bool,
    /// The scale auto-fit settled on (1.0 = preferred sizes).
    pub scale: f32,
    /// Characters of this slide that no loaded font covers.
    pub missing: Vec<char>,
    /// A layout chosen by composition (e.g. `quote`), used when the site or theme has it.
    pub layout: Option<Template>,
    /// Where a layout's decoration anchors (the top of the quote mark on quote slides, the top
    /// of the text scrim on full-bleed image slides).
    pub mark_y: f32,
    /// A layout's variant, e.g. `full`, `left` or `right` for image slides.
    pub variant: Option<Variant>,
    /// Elements drawn under the layout's decoration (a full-bleed image).
    pub backdrop: Vec<Element>,
    /// Bottom of the content stacked from the top of the content box; 0 when the layout
    /// places its content itself.
    pub used: f32,
    /// Classes of the slide's heading (`## Title {.quote}`), which may name its layout.
    pub classes: Vec<String>,
    /// Header band: brand kit, logo.
    pub header: Vec<Element>,
    /// Footer band: counter, progress, website, swipe cue.
    pub footer: Vec<Element>,
}

impl Page {
    /// An empty page of `kind` whose source starts at `offset`.
    pub fn new(kind: SlideKind, offset: usize) -> Page {
        Page {
            kind,
            content: Vec::new(),
            heading: String::new(),
            alt: String::new(),
            offset,
            continued: false,
            scale: 1.0,
            missing: Vec::new(),
            layout: None,
            mark_y: 0.0,
            variant: None,
            backdrop: Vec::new(),
            used: 0.0,
            classes: Vec::new(),
            header: Vec::new(),
            footer: Vec::new(),
        }
    }
}

/// Pages of one post plus what layout noticed.
#[derive(Debug, Clone, Default)]
pub struct Composed {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Characters no font covers.
    pub missing: Vec<char>,
}

/// Composes every slide of a post; `outro` adds the closing slide.
pub fn compose(
    ctx: &ComposeCtx<'_>,
    slides: &[Slide],
    outro: Option<&OutroConfig>,
) -> Result<Composed, Diagnostic> {
    let mut shaper = Shaper::new(ctx.fonts);
    let mut out = Composed::default();
    for slide in slides {
        let before = out.missing.len();
        let mut pages = match slide.kind {
            SlideKind::Cover => cover::pages(ctx, &mut shaper, slide, &mut out.missing)?,
            _ => slide_pages(ctx, &mut shaper, slide, &mut out.missing)?,
        };
        let mut missing = out.missing[before..].to_vec();
        missing.sort_unstable();
        missing.dedup();
        for page in &mut pages {
            page.missing = missing.clone();
            page.classes = slide.classes.clone();
        }
        out.pages.extend(pages);
    }
    if let Some(outro) = outro {
        out.pages.push(chrome::outro_page(
            ctx,
            &mut shaper,
            outro,
            &mut out.missing,
        ));
    }
    add_chrome(ctx, &mut shaper, &mut out.pages);
    out.missing.sort_unstable();
    out.missing.dedup();
    Ok(out)
}

/// Heading class that hides the counter and progress bar on a slide.
const NO_COUNTER: &str = "no-counter";

/// Gives every page its header and footer, now that the number of pages is known.
fn add_chrome(ctx: &ComposeCtx<'_>, shaper: &mut Shaper<'_>, pages: &mut [Page]) {
    let total = pages.len();
    // Chrome over a full-bleed image is set in white on the layout's scrims.
    let on_image = media::on_image_theme(ctx.theme);
    let on_image_ctx = ComposeCtx {
        theme: &on_image,
        ..*ctx
    };
    for (i, page) in pages.iter_mut().enumerate() {
        let ctx = if page.variant == Some(Variant::Full) {
            &on_image_ctx
        } else {
            ctx
        };
        let counter = !page.classes.iter().any(|c| c == NO_COUNTER);
        let (header, footer) = chrome::chrome(ctx, shaper, page.kind, i + 1, total, counter);
        page.header = header;
        page.footer = footer;
    }
}

/// Plain spans for a string.
pub fn plain(text: &str) -> Vec<Span> {
    vec![Span {
        text: text.to_string(),
        style: Style::default(),
        href: None,
    }]
}

pub(crate) fn heading_rows(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    spans: &[Span],
    scale: f32,
    missing: &mut Vec<char>,
) -> Vec<Row> {
    let theme = ctx.theme;
    let (x, _, w, box_h) = ctx.format.content_box();
    let floor = theme.sizes.min_body;
    let mut size = (theme.sizes.heading * ctx.format.display_scale * scale).max(floor * 1.4);
    // A very long heading shrinks (down to body size) until it leaves most of the box to the body.
    loop {
        let laid = lay(shaper, theme, spans, size, w, true, &mut Vec::new());
        let rows = text_rows(shaper, theme, &laid, x, size, HEADING_LEADING);
        if rows_height(&rows) <= box_h * HEADING_MAX_SHARE || size <= floor {
            missing.extend(&laid.missing);
            return rows;
        }
        size = (size * HEADING_SHRINK).max(floor);
    }
}

pub(crate) fn body_style<'t>(
    ctx: &ComposeCtx<'t>,
    scale: f32,
    heading_h: f32,
    window: bool,
) -> BlockStyle<'t> {
    let theme = ctx.theme;
    let (_, _, _, h) = ctx.format.content_box();
    BlockStyle {
        theme,
        size: (theme.sizes.body * scale).max(theme.sizes.min_body),
        code_size: (theme.sizes.code * scale).max(theme.sizes.min_body),
        max_height: (h - heading_h - HEADING_GAP).max(theme.sizes.body * 2.0),
        highlighter: ctx.highlighter,
        window,
    }
}

pub(crate) fn rows_height(rows: &[Row]) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, r)| if i == 0 { r.height } else { r.gap + r.height })
        .sum()
}

/// The pages of a content slide in its layout; a layout the content does not fit falls back to
/// the content layout, which continues over several slides.
fn slide_pages(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
) -> Result<Vec<Page>, Diagnostic> {
    let chosen = layout::choose(slide);
    let page = match chosen {
        Layout::Quote => quote::page(ctx, shaper, slide, missing),
        Layout::Stat => stat::page(ctx, shaper, slide, missing),
        Layout::List => cards::page(ctx, shaper, slide, missing),
        Layout::Columns => columns::page(ctx, shaper, slide, missing)?,
        Layout::Image(side) => media::page(ctx, shaper, slide, side, missing)?,
        Layout::Content | Layout::Code => None,
    };
    if let Some(mut page) = page {
        page.layout = chosen.template();
        centre_on_tall(ctx, &mut page);
        return Ok(vec![page]);
    }
    let window = chosen == Layout::Code;
    let mut pages = content_pages(ctx, shaper, slide, missing, window)?;
    if window {
        for page in &mut pages {
            page.layout = chosen.template();
        }
    }
    if let [page] = pages.as_mut_slice() {
        centre_on_tall(ctx, page);
    }
    Ok(pages)
}

/// On tall formats, moves a short top-aligned slide down so its block sits a little above the
/// middle of the content box instead of leaving the lower half empty.
fn centre_on_tall(ctx: &ComposeCtx<'_>, page: &mut Page) {
    let (_, top, _, box_h) = ctx.format.content_box();
    if !ctx.format.is_tall() || page.used <= top {
        return;
    }
    let dy = ((top + box_h - page.used) * TALL_CENTRE).max(0.0);
    for el in &mut page.content {
        el.shift(dy);
    }
    page.mark_y += dy;
    page.used += dy;
}

pub(crate) fn content_pages(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    slide: &Slide,
    missing: &mut Vec<char>,
    window: bool,
) -> Result<Vec<Page>, Diagnostic> {
    let theme = ctx.theme;
    let (x, _, w, box_h) = ctx.format.content_box();
    let heading = slide.heading.clone().unwrap_or_default();
    for &scale in FIT_SCALES {
        if theme.sizes.body * scale < theme.sizes.min_body {
            break;
        }
        let head = if heading.is_empty() {
            Vec::new()
        } else {
            heading_rows(ctx, shaper, &heading, scale, missing)
        };
        let head_h = rows_height(&head);
        let style = body_style(ctx, scale, head_h, window);
        let mut body = blocks::rows(shaper, &style, ctx.images, &slide.blocks, x, w, missing)?;
        body.extend(note_rows(ctx, shaper, &slide.notes, missing));
        let gap = if head.is_empty() || body.is_empty() {
            0.0
        } else {
            HEADING_GAP
        };
        if head_h + gap + rows_height(&body) <= box_h {
            return Ok(vec![place(ctx, slide, head, body, false, scale)]);
        }
    }
    // Does not fit even at the smallest size: continue over several slides at the preferred size.
    let head = if heading.is_empty() {
        Vec::new()
    } else {
        heading_rows(ctx, shaper, &heading, 1.0, missing)
    };
    let mut cont_spans = heading.clone();
    cont_spans.push(Span {
        text: CONTINUED.to_string(),
        style: Style::default(),
        href: None,
    });
    let cont = if heading.is_empty() {
        Vec::new()
    } else {
        heading_rows(ctx, shaper, &cont_spans, 1.0, missing)
    };
    let head_h = rows_height(&head).max(rows_height(&cont));
    let style = body_style(ctx, 1.0, head_h, window);
    let gap = if head.is_empty() { 0.0 } else { HEADING_GAP };
    let blocks =
        split::split_tall_paragraphs(shaper, &style, &slide.blocks, w, box_h - head_h - gap);
    let mut body = blocks::rows(shaper, &style, ctx.images, &blocks, x, w, missing)?;
    body.extend(note_rows(ctx, shaper, &slide.notes, missing));
    let mut pages = Vec::new();
    let mut rest = body.as_slice();
    while !rest.is_empty() || pages.is_empty() {
        let head_rows = if pages.is_empty() {
            head.clone()
        } else {
            cont.clone()
        };
        let head_h = rows_height(&head_rows);
        let avail = box_h
            - head_h
            - if head_rows.is_empty() {
                0.0
            } else {
                HEADING_GAP
            };
        let take = fit_count(rest, avail);
        pages.push(place(
            ctx,
            slide,
            head_rows,
            rest[..take].to_vec(),
            !pages.is_empty(),
            1.0,
        ));
        rest = &rest[take..];
    }
    Ok(pages)
}

/// Footnotes as small muted rows under a short rule.
fn note_rows(
    ctx: &ComposeCtx<'_>,
    shaper: &mut Shaper<'_>,
    notes: &[crate::content::footnotes::SlideNote],
    missing: &mut Vec<char>,
) -> Vec<Row> {
    let theme = ctx.theme;
    let (x, _, w, _) = ctx.format.content_box();
    let size = theme.sizes.caption;
    let mut out: Vec<Row> = Vec::new();
    for note in notes {
        let mut spans = plain(&format!(
            "{} ",
            crate::content::footnotes::superscript(note.number)
        ));
        spans.extend(note.spans.iter().cloned());
        let mut laid = lay(shaper, theme, &spans, size, w, false, missing);
        for run in laid.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            if run.format.fill == theme.colors.text {
                run.format.fill = theme.colors.muted.clone();
            }
        }
        let mut rows = text_rows(shaper, theme, &laid, x, size, NOTE_LEADING);
        if let Some(first) = rows.first_mut() {
            first.gap = if out.is_empty() {
                NOTES_GAP
            } else {
                size * 0.3
            };
            first.block_start = true;
            if out.is_empty() {
                first.elements.insert(
                    0,
                    Element::rect(
                        x,
                        -NOTES_GAP / 2.0,
                        NOTE_RULE,
                        2.0,
                        1.0,
                        &theme.colors.muted,
                    ),
                );
            }
        }
        out.extend(rows);
    }
    out
}

/// How many rows from the start fit in `avail` px (at least one, so progress is guaranteed).
fn fit_count(rows: &[Row], avail: f32) -> usize {
    let mut used = 0.0;
    let mut count = 0;
    for (i, row) in rows.iter().enumerate() {
        let add = if i == 0 {
            row.height
        } else {
            row.gap + row.height
        };
        if used + add > avail {
            break;
        }
        used += add;
        count += 1;
    }
    // Prefer to continue at a block boundary (between paragraphs, list items, table rows); split
    // inside a paragraph only when the first block alone does not fit.
    if count < rows.len()
        && !rows[count].block_start
        && let Some(boundary) = (1..count).rev().find(|&i| rows[i].block_start)
    {
        count = boundary;
    }
    // Do not end a slide on a row that belongs with the next one (an inner heading).
    while count > 1 && count < rows.len() && rows[count - 1].keep_with_next {
        count -= 1;
    }
    count.max(1).min(rows.len())
}

/// Stacks rows downwards from `top` (the first row's gap is ignored); returns the positioned
/// elements and the rows' text joined into one line of alt text.
pub fn stack(rows: Vec<Row>, top: f32) -> (Vec<Element>, String) {
    let mut y = top;
    let mut content = Vec::new();
    let mut alt = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            y += row.gap;
        }
        for mut el in row.elements {
            el.shift(y);
            content.push(el);
        }
        y += row.height;
        alt.push(row.text);
    }
    (
        content,
        alt.join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The text of rows joined with spaces (a heading's plain text).
pub(crate) fn rows_text(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stacks heading rows and body rows from the top of the content box.
pub(crate) fn place(
    ctx: &ComposeCtx<'_>,
    slide: &Slide,
    head: Vec<Row>,
    body: Vec<Row>,
    continued: bool,
    scale: f32,
) -> Page {
    let (_, top, _, _) = ctx.format.content_box();
    let heading = rows_text(&head);
    let head_len = head.len();
    let rows: Vec<Row> = head
        .into_iter()
        .chain(body.into_iter().enumerate().map(|(i, mut row)| {
            if i == 0 && head_len > 0 {
                row.gap = HEADING_GAP;
            }
            row
        }))
        .collect();
    let used = top + rows_height(&rows);
    let (content, alt) = stack(rows, top);
    Page {
        used,
        content,
        heading,
        alt,
        continued,
        scale,
        ..Page::new(slide.kind, slide.offset)
    }
}

/// Sets the fill and weight of every run (for eyebrows and subtitles).
pub(crate) fn recolor(laid: &mut Laid, fill: &str, weight: u16) {
    for run in laid.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
        run.format.fill = fill.to_string();
        if run.format.family != "Noto Color Emoji" {
            run.format.weight = weight;
        }
    }
}
