//! Positioned drawing elements handed to the SVG templates: text lines, rectangles, circles,
//! shapes (lines and polygons) and images, all in canvas pixels.

use serde::Serialize;

use crate::text::{Line, Metrics};
use crate::theme::Theme;

/// One styled run of a text line, as the template writes it into a `<tspan>`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SvgRun {
    /// The text (escaped by the template engine).
    pub text: String,
    /// Font family.
    pub family: String,
    /// Font weight.
    pub weight: u16,
    /// `normal` or `italic`.
    pub style: &'static str,
    /// Fill colour.
    pub fill: String,
    /// `none`, `underline` or `line-through`.
    pub decoration: &'static str,
    /// Absolute x for runs that start their own text chunk; `None` to follow the previous run.
    pub x: Option<f32>,
}

/// A drawing element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Element {
    /// One line of text; `y` is the baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size in px.
        size: f32,
        /// The runs.
        runs: Vec<SvgRun>,
        /// Line width as measured.
        width: f32,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Corner radius.
        rx: f32,
        /// Fill colour.
        fill: String,
        /// Opacity.
        opacity: f32,
        /// Outline colour; `None` for no outline.
        stroke: Option<String>,
        /// Outline width.
        stroke_width: f32,
    },
    /// A filled circle.
    Circle {
        /// Centre x.
        cx: f32,
        /// Centre y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Fill colour.
        fill: String,
    },
    /// A polygon (when filled) or an open line through points (a chart's line, a pie's slice).
    Shape {
        /// The corners, in order.
        #[serde(serialize_with = "points_attr")]
        points: Vec<[f32; 2]>,
        /// Fill colour; `None` for an open line.
        fill: Option<String>,
        /// Outline or line colour; `None` for none.
        stroke: Option<String>,
        /// Outline or line width.
        stroke_width: f32,
    },
    /// A raster or vector image (as a data URL).
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// `data:` URL.
        href: String,
        /// Corner radius of the clip.
        rx: f32,
        /// Crop to fill the box (`slice`) instead of fitting inside it (`meet`).
        slice: bool,
    },
    /// A clickable area over linked text (drawn as nothing; a link annotation in the PDF).
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// The link target.
        href: String,
    },
}

impl Element {
    /// Moves the element down by `dy`.
    pub(crate) fn shift(&mut self, dy: f32) {
        match self {
            Element::Text { y, .. }
            | Element::Rect { y, .. }
            | Element::Image { y, .. }
            | Element::Link { y, .. } => *y += dy,
            Element::Circle { cy, .. } => *cy += dy,
            Element::Shape { points, .. } => points.iter_mut().for_each(|p| p[1] += dy),
        }
    }

    /// Moves the element right by `dx` (a line's runs set at their own x too).
    pub(crate) fn shift_x(&mut self, dx: f32) {
        match self {
            Element::Text { x, runs, .. } => {
                *x += dx;
                for run_x in runs.iter_mut().filter_map(|r| r.x.as_mut()) {
                    *run_x += dx;
                }
            }
            Element::Rect { x, .. } | Element::Image { x, .. } | Element::Link { x, .. } => {
                *x += dx
            }
            Element::Circle { cx, .. } => *cx += dx,
            Element::Shape { points, .. } => points.iter_mut().for_each(|p| p[0] += dx),
        }
    }

    /// Moves the element to the mirror image of its place between `left` and `right`; a line of
    /// text moves whole, its words kept in order.
    pub(crate) fn mirror_x(&mut self, left: f32, right: f32) {
        match self {
            Element::Text { x, width, .. } => {
                let dx = left + right - *width - 2.0 * *x;
                self.shift_x(dx);
            }
            Element::Rect { x, width, .. }
            | Element::Image { x, width, .. }
            | Element::Link { x, width, .. } => *x = left + right - *x - *width,
            Element::Circle { cx, .. } => *cx = left + right - *cx,
            Element::Shape { points, .. } => {
                points.iter_mut().for_each(|p| p[0] = left + right - p[0])
            }
        }
    }

    /// A rectangle element.
    pub(crate) fn rect(x: f32, y: f32, width: f32, height: f32, rx: f32, fill: &str) -> Element {
        Element::Rect {
            x,
            y,
            width,
            height,
            rx,
            fill: fill.to_string(),
            opacity: 1.0,
            stroke: None,
            stroke_width: 0.0,
        }
    }

    /// A card in the theme's shape: a filled rectangle with the theme's radius, and its outline
    /// and offset shadow when the theme has them (drawn first, under the card).
    pub(crate) fn card(
        theme: &Theme,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: &str,
    ) -> Vec<Element> {
        CardLook::new(theme, fill).draw(x, y, width, height)
    }
}

/// A shape's points as an SVG `points` attribute (`x,y x,y`), to a hundredth of a pixel.
fn points_attr<S: serde::Serializer>(points: &[[f32; 2]], s: S) -> Result<S::Ok, S::Error> {
    let text: Vec<String> = points
        .iter()
        .map(|[x, y]| format!("{x:.2},{y:.2}"))
        .collect();
    s.serialize_str(&text.join(" "))
}

/// How a card is drawn: the theme's radius, offset shadow and outline around a fill.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CardLook {
    radius: f32,
    shadow: f32,
    fill: String,
    border: f32,
    ink: String,
}

impl CardLook {
    /// A card of `fill` in the theme's shape.
    pub(crate) fn new(theme: &Theme, fill: &str) -> CardLook {
        CardLook {
            radius: theme.shape.radius,
            shadow: theme.shape.shadow,
            fill: fill.to_string(),
            border: theme.shape.border,
            ink: theme.colors.text.clone(),
        }
    }

    /// The card's elements over the given rectangle.
    pub(crate) fn draw(&self, x: f32, y: f32, width: f32, height: f32) -> Vec<Element> {
        let mut out = Vec::new();
        if self.shadow > 0.0 {
            out.push(Element::rect(
                x + self.shadow,
                y + self.shadow,
                width,
                height,
                self.radius,
                &self.ink,
            ));
        }
        let mut card = Element::rect(x, y, width, height, self.radius, &self.fill);
        if self.border > 0.0
            && let Element::Rect {
                stroke,
                stroke_width,
                ..
            } = &mut card
        {
            *stroke = Some(self.ink.clone());
            *stroke_width = self.border;
        }
        out.push(card);
        out
    }
}

/// A highlighter mark: its opacity over the accent, its padding at the sides, top above the
/// baseline, height and corner radius, in em.
const MARK_OPACITY: f32 = 0.3;
const MARK_PAD: f32 = 0.15;
const MARK_ASCENT: f32 = 0.88;
const MARK_HEIGHT: f32 = 1.14;
const MARK_RADIUS: f32 = 0.12;
/// Top of a link's clickable area above the baseline, in em.
const LINK_ASCENT: f32 = 0.95;
/// Height of a link's clickable area, in em.
const LINK_HEIGHT: f32 = 1.25;

/// True for targets a PDF reader can open: web and mail links.
pub(super) fn is_web_link(href: &str) -> bool {
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| href.starts_with(p))
}

/// Line box geometry: where the baseline sits in a line box of height `line_height`.
pub(super) fn baseline(metrics: Metrics, size: f32, line_height: f32) -> f32 {
    let content = (metrics.ascent + metrics.descent) * size;
    (line_height - content) / 2.0 + metrics.ascent * size
}

/// Converts a laid-out line into a text element at (x, baseline y), plus the background
/// rectangles of its inline-code runs (drawn first).
pub(super) fn line_elements(line: &Line, x: f32, y: f32, size: f32, code_bg: &str) -> Vec<Element> {
    let mut out = backgrounds(line, x, y, size, code_bg);
    for run in line
        .runs
        .iter()
        .filter(|r| r.format.href.as_deref().is_some_and(is_web_link))
    {
        out.push(Element::Link {
            x: x + run.x,
            y: y - size * LINK_ASCENT,
            width: run.width,
            height: size * LINK_HEIGHT,
            href: run.format.href.clone().unwrap_or_default(),
        });
    }
    let runs = line
        .runs
        .iter()
        .map(|r| SvgRun {
            text: if r.rtl {
                crate::text::bidi::rtl_chunk(&r.text)
            } else {
                r.text.clone()
            },
            family: r.format.family.clone(),
            weight: r.format.weight,
            style: if r.format.italic { "italic" } else { "normal" },
            fill: r.format.fill.clone(),
            decoration: if r.format.strike {
                "line-through"
            } else if r.format.underline {
                "underline"
            } else {
                "none"
            },
            x: r.chunk.then_some(x + r.x),
        })
        .collect();
    out.push(Element::Text {
        x,
        y,
        size,
        runs,
        width: line.width,
    });
    out
}

/// What is drawn behind a line's runs: the background of inline code, highlighter marks.
fn backgrounds(line: &Line, x: f32, y: f32, size: f32, code_bg: &str) -> Vec<Element> {
    let mut out = Vec::new();
    for run in line.runs.iter().filter(|r| !r.text.trim().is_empty()) {
        if run.format.code {
            let pad = size * 0.12;
            out.push(Element::rect(
                x + run.x - pad,
                y - size * 0.86,
                run.width + 2.0 * pad,
                size * 1.12,
                size * 0.2,
                code_bg,
            ));
        }
    }
    for run in line.runs.iter().filter(|r| !r.text.trim().is_empty()) {
        if let Some(color) = &run.format.mark {
            let pad = size * MARK_PAD;
            let mut mark = Element::rect(
                x + run.x - pad,
                y - size * MARK_ASCENT,
                run.width + 2.0 * pad,
                size * MARK_HEIGHT,
                size * MARK_RADIUS,
                color,
            );
            if let Element::Rect { opacity, .. } = &mut mark {
                *opacity = MARK_OPACITY;
            }
            out.push(mark);
        }
    }
    out
}
