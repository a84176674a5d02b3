//! Lays out content blocks into rows: vertical units that pagination can move between slides
//! (a paragraph line, a list line, a table row, an image, a chunk of a code card).

use crate::content::markup::{Block, ListItem, Span};
use crate::error::Diagnostic;
use crate::text::{self, Laid, RunFormat, Shaper, StyledText};
use crate::theme::Theme;

use super::element::{Element, baseline, line_elements};

/// A line holding a taller font gets this multiple of that font's ascent + descent.
const LINE_FIT: f32 = 1.05;
/// Body line height, as a multiple of the size.
pub const BODY_LEADING: f32 = 1.4;
/// Space between blocks, as a multiple of the body size.
const BLOCK_GAP: f32 = 0.8;
/// Space between list items, as a multiple of the body size.
const ITEM_GAP: f32 = 0.4;
/// Indent of list text from its marker, as a multiple of the body size.
const LIST_INDENT: f32 = 1.5;
/// Indent of quoted text from the quote bar, as a multiple of the body size.
const QUOTE_INDENT: f32 = 1.0;
/// Width of the quote bar in px.
const QUOTE_BAR: f32 = 6.0;
/// Largest corner radius of images in the flow of a slide.
const IMAGE_RADIUS: f32 = 16.0;

pub use crate::images::LoadedImage;

/// Loads an image by the path written in the post and its byte offset (for errors).
pub type ImageLoader<'a> = dyn Fn(&str, usize) -> Result<LoadedImage, Diagnostic> + Sync + 'a;

/// A vertical unit of content; `elements` are positioned with the row's top at y = 0.
#[derive(Debug, Clone)]
pub struct Row {
    /// Space above the row (dropped at the top of a slide).
    pub gap: f32,
    /// Height of the row.
    pub height: f32,
    /// What to draw.
    pub elements: Vec<Element>,
    /// The row's text, for alt text.
    pub text: String,
    /// A row that should not end a slide (inner headings).
    pub keep_with_next: bool,
    /// The first row of a block or list item: a good place to continue on the next slide.
    pub block_start: bool,
}

/// Everything block layout needs.
pub struct BlockStyle<'t> {
    /// Theme tokens.
    pub theme: &'t Theme,
    /// Body size in px (after auto-fit scaling).
    pub size: f32,
    /// Code size in px.
    pub code_size: f32,
    /// Tallest a single row may be (the content box minus the heading).
    pub max_height: f32,
    /// Syntax highlighter for code blocks, if loaded.
    pub highlighter: Option<&'t crate::highlight::Highlighter>,
    /// Draw code blocks as windows with a title bar (the code layout).
    pub window: bool,
}

/// Lays out blocks into rows at `x`, `width` wide.
pub fn rows(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    images: &ImageLoader<'_>,
    blocks: &[Block],
    x: f32,
    width: f32,
    missing: &mut Vec<char>,
) -> Result<Vec<Row>, Diagnostic> {
    let mut out = Vec::new();
    let gap = style.size * BLOCK_GAP;
    for block in blocks {
        let start = out.len();
        block_rows(shaper, style, images, block, x, width, missing, &mut out)?;
        if let Some(first) = out.get_mut(start) {
            first.gap = first.gap.max(gap);
            first.block_start = true;
        }
    }
    Ok(out)
}

#[allow(
    clippy::too_many_arguments,
    reason = "shaper, style and missing-glyph sink travel separately until a composer value holds them"
)]
fn block_rows(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    images: &ImageLoader<'_>,
    block: &Block,
    x: f32,
    width: f32,
    missing: &mut Vec<char>,
    out: &mut Vec<Row>,
) -> Result<(), Diagnostic> {
    let theme = style.theme;
    match block {
        Block::Paragraph { spans } => {
            let laid = lay(shaper, theme, spans, style.size, width, false, missing);
            out.extend(text_rows(shaper, theme, &laid, x, style.size, BODY_LEADING));
        }
        Block::Heading { spans, .. } => {
            let size = style.size * 1.2;
            let laid = lay(shaper, theme, spans, size, width, true, missing);
            let mut rows = text_rows(shaper, theme, &laid, x, size, 1.25);
            if let Some(last) = rows.last_mut() {
                last.keep_with_next = true;
            }
            out.extend(rows);
        }
        Block::List { start, items } => {
            list_rows(shaper, style, images, *start, items, x, width, missing, out)?
        }
        Block::Quote { blocks } => {
            let indent = style.size * QUOTE_INDENT + QUOTE_BAR;
            let first = out.len();
            for row in rows(
                shaper,
                style,
                images,
                blocks,
                x + indent,
                width - indent,
                missing,
            )? {
                out.push(row);
            }
            for (i, row) in out[first..].iter_mut().enumerate() {
                let top = if i == 0 { 0.0 } else { -row.gap };
                let bar = Element::rect(
                    x,
                    top,
                    QUOTE_BAR,
                    row.height - top,
                    QUOTE_BAR / 2.0,
                    &theme.colors.accent,
                );
                row.elements.insert(0, bar);
            }
        }
        Block::Code { text, lang } => out.extend(super::code::rows(
            shaper,
            style,
            text,
            lang.as_deref(),
            x,
            width,
            missing,
        )),
        Block::Image { src, offset, alt } => {
            let image = images(src, *offset)?;
            let aspect = image.height / image.width.max(1.0);
            let mut w = width.min(image.width.max(1.0));
            let mut h = w * aspect;
            if h > style.max_height {
                h = style.max_height;
                w = h / aspect;
            }
            out.push(Row {
                gap: 0.0,
                height: h,
                elements: vec![Element::Image {
                    x,
                    y: 0.0,
                    width: w,
                    height: h,
                    href: image.href,
                    rx: theme.shape.radius.min(IMAGE_RADIUS),
                    slice: false,
                }],
                text: alt.clone(),
                keep_with_next: false,
                block_start: false,
            });
        }
        Block::Table { head, rows: body } => out.extend(super::table::rows(
            shaper, style, head, body, x, width, missing,
        )),
    }
    Ok(())
}

/// Builds run formats from markup spans.
pub fn styled(theme: &Theme, spans: &[Span], heading: bool) -> Vec<StyledText> {
    let f = &theme.fonts;
    spans
        .iter()
        .map(|s| {
            let st = s.style;
            let (family, weight) = if st.code {
                (f.mono.clone(), 400)
            } else if heading {
                (f.heading.clone(), f.heading_weight)
            } else if st.bold {
                (f.body.clone(), f.bold_weight)
            } else {
                (f.body.clone(), f.body_weight)
            };
            let fill = if st.link {
                &theme.colors.accent
            } else {
                &theme.colors.text
            };
            StyledText {
                text: s.text.clone(),
                format: RunFormat {
                    family,
                    weight,
                    italic: st.italic && !st.code,
                    fill: fill.clone(),
                    code: st.code,
                    strike: st.strike,
                    underline: st.link,
                    href: s.href.clone(),
                },
            }
        })
        .collect()
}

/// Lays out spans as a paragraph (or a balanced heading).
pub fn lay(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    spans: &[Span],
    size: f32,
    width: f32,
    heading: bool,
    missing: &mut Vec<char>,
) -> Laid {
    let runs = styled(theme, spans, heading);
    let laid = if heading {
        text::layout_balanced(shaper, &runs, size, width, &theme.fonts.emoji)
    } else {
        text::layout(shaper, &runs, size, width, &theme.fonts.emoji)
    };
    missing.extend(&laid.missing);
    laid
}

/// One row per laid-out line, starting at `x`.
pub fn text_rows(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    laid: &Laid,
    x: f32,
    size: f32,
    leading: f32,
) -> Vec<Row> {
    aligned_rows(shaper, theme, laid, Align::Start(x), size, leading)
}

/// Where lines sit horizontally.
#[derive(Debug, Clone, Copy)]
pub enum Align {
    /// Left edge at this x.
    Start(f32),
    /// Centred on this x.
    Centre(f32),
}

/// One row per laid-out line, aligned as asked.
pub fn aligned_rows(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    laid: &Laid,
    align: Align,
    size: f32,
    leading: f32,
) -> Vec<Row> {
    let metrics = primary_metrics(shaper, theme);
    let lh = size * leading;
    let base = baseline(metrics, size, lh);
    laid.lines
        .iter()
        .map(|line| {
            let height = line_height(shaper, theme, line, size, lh);
            let y = base + (height - lh) / 2.0;
            let x = match align {
                Align::Start(x) => x,
                Align::Centre(cx) => cx - line.width / 2.0,
            };
            Row {
                gap: 0.0,
                height,
                elements: line_elements(line, x, y, size, &theme.colors.surface),
                text: line.text(),
                keep_with_next: false,
                block_start: false,
            }
        })
        .collect()
}

/// The height of a line box: the leading, or more when a run in an emoji or fallback font is
/// taller than that, so tightly set display lines never collide. The theme's own fonts are
/// designed for the leading and do not count.
pub fn line_height(
    shaper: &mut Shaper<'_>,
    theme: &Theme,
    line: &text::Line,
    size: f32,
    leading: f32,
) -> f32 {
    let own = [&theme.fonts.heading, &theme.fonts.body, &theme.fonts.mono];
    let mut height = leading;
    for run in line
        .runs
        .iter()
        .filter(|r| !own.contains(&&r.format.family))
    {
        let f = &run.format;
        if let Some(id) = shaper.resolve(&f.family, f.weight, f.italic) {
            let m = shaper.metrics(id);
            height = height.max((m.ascent + m.descent) * size * LINE_FIT);
        }
    }
    height
}

/// Metrics of the theme's body face.
pub fn primary_metrics(shaper: &mut Shaper<'_>, theme: &Theme) -> text::Metrics {
    let id = shaper.resolve(&theme.fonts.body, theme.fonts.body_weight, false);
    id.map_or(
        text::Metrics {
            ascent: 0.97,
            descent: 0.24,
        },
        |id| shaper.metrics(id),
    )
}

#[allow(
    clippy::too_many_arguments,
    reason = "shaper, style and missing-glyph sink travel separately until a composer value holds them"
)]
fn list_rows(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    images: &ImageLoader<'_>,
    start: Option<u64>,
    items: &[ListItem],
    x: f32,
    width: f32,
    missing: &mut Vec<char>,
    out: &mut Vec<Row>,
) -> Result<(), Diagnostic> {
    let theme = style.theme;
    let size = style.size;
    let indent = size * LIST_INDENT;
    for (i, item) in items.iter().enumerate() {
        let first = out.len();
        let item_rows = rows(
            shaper,
            style,
            images,
            &item.blocks,
            x + indent,
            width - indent,
            missing,
        )?;
        out.extend(item_rows);
        let Some(row) = out.get_mut(first) else {
            continue;
        };
        row.block_start = true;
        row.gap = if i == 0 { 0.0 } else { size * ITEM_GAP };
        let mid = size * BODY_LEADING / 2.0;
        let marker = match (item.task, start) {
            (Some(done), _) => {
                let side = size * 0.7;
                let fill = if done {
                    &theme.colors.accent
                } else {
                    &theme.colors.muted
                };
                let mut r = Element::rect(x, mid - side / 2.0, side, side, side * 0.2, fill);
                if let Element::Rect { opacity, .. } = &mut r {
                    *opacity = if done { 1.0 } else { 0.35 };
                }
                r
            }
            (None, Some(n)) => {
                let label = format!("{}.", n + i as u64);
                let runs = vec![StyledText {
                    text: label,
                    format: RunFormat::plain(
                        &theme.fonts.body,
                        theme.fonts.bold_weight,
                        &theme.colors.accent,
                    ),
                }];
                let laid = text::layout(shaper, &runs, size, indent, &theme.fonts.emoji);
                let metrics = primary_metrics(shaper, theme);
                let base = baseline(metrics, size, size * BODY_LEADING);
                line_elements(&laid.lines[0], x, base, size, &theme.colors.surface).remove(0)
            }
            (None, None) => Element::Circle {
                cx: x + size * 0.3,
                cy: mid,
                r: size * 0.16,
                fill: theme.colors.accent.clone(),
            },
        };
        row.elements.insert(0, marker);
    }
    Ok(())
}
