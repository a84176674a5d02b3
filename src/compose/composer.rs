//! The composer: what composition reads (fonts, theme, format, brand kit, images, highlighter),
//! the shaper it measures with and the characters no font covered, with the line-setting every
//! layout shares (laying out spans, turning lines into rows, single chrome lines).

use crate::config::{BrandConfig, TextDirection};
use crate::content::markup::{Span, Style};
use crate::error::Diagnostic;
use crate::fonts::FontSet;
use crate::formats::Format;
use crate::text::{self, Laid, Line, Metrics, RunFormat, Setting, Shaper, StyledText, Wrap};
use crate::theme::Theme;

use super::element::{Element, baseline, line_elements};
use super::rows::{Align, Row};
use super::type_scale::TypeScale;

/// A line holding a taller font gets this multiple of that font's ascent + descent.
const LINE_FIT: f32 = 1.05;
/// Smallest size chrome text shrinks to before it is wrapped.
const CHROME_MIN: f32 = 20.0;
/// Leading of single chrome lines.
const CHROME_LEADING: f32 = 1.2;
/// Metrics used when the theme's body face cannot be found.
const FALLBACK_METRICS: Metrics = Metrics {
    ascent: 0.97,
    descent: 0.24,
};

pub(crate) use crate::images::LoadedImage;

/// Loads an image by the path written in the post and its byte offset (for errors).
pub(crate) type ImageLoader<'a> =
    dyn Fn(&str, usize) -> Result<LoadedImage, Diagnostic> + Sync + 'a;

/// Everything composition reads.
#[derive(Clone, Copy)]
pub(crate) struct ComposeCtx<'a> {
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
    /// The post's text direction: paragraphs' base direction, found or forced.
    pub dir: TextDirection,
    /// The post's file and text, to place errors at their line.
    pub post: (&'a std::path::Path, &'a str),
    /// What the post puts behind its slides (front matter `background` and `panorama`).
    pub behind: super::fill::Behind<'a>,
    /// The post's language, when the front matter or the site sets it.
    pub lang: Option<&'a str>,
    /// The site's `[labels]`.
    pub labels: &'a crate::config::LabelsConfig,
}

/// Composition state for one post: what it reads, the shaper it measures with and the
/// characters of the post that no loaded font covers.
pub(super) struct Composer<'c, 'f> {
    /// What composition reads.
    pub ctx: ComposeCtx<'c>,
    /// Measures text exactly as the renderer will draw it.
    pub shaper: Shaper<'f>,
    /// Characters no font covers, in the order met (duplicates included).
    pub missing: Vec<char>,
    /// Cards handed out so far (ids of cards behind rows).
    pub cards: u32,
    /// What the author should know about the slide being composed, one line each.
    pub warnings: Vec<(String, &'static str)>,
    /// The slide being composed reads right to left: list markers, quote bars and the like
    /// go on the right.
    pub rtl: bool,
    /// The post's type scale, once decided (see [`super::type_scale`]); `None` on the first
    /// pass, when each content slide is fitted on its own.
    pub type_scale: Option<TypeScale>,
    /// The body scale of every content page composed so far.
    pub fitted: Vec<f32>,
    /// The words the slides add, in the post's language.
    pub labels: super::labels::Labels,
}

/// Sizes and limits for laying out the blocks of a slide's body.
#[derive(Debug, Clone, Copy)]
pub(super) struct BlockStyle {
    /// Body size in px (after auto-fit scaling).
    pub size: f32,
    /// Code size in px.
    pub code_size: f32,
    /// Tallest a single row may be (the content box minus the heading).
    pub max_height: f32,
    /// Draw code blocks as windows with a title bar (the code layout).
    pub window: bool,
    /// Tables and code are set at this share of their usual size (down to the caption size):
    /// 1, or less to keep them whole on one slide.
    pub dense: f32,
    /// The height of a slide's body: a table or code block taller than this is set smaller
    /// (down to the caption size) to fit it whole, when it can.
    pub whole_in: Option<Room>,
}

/// The heights of a continued section's slide bodies, which blocks are kept whole in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Room {
    /// The first slide's body (under the heading alone): room for a block opening the body.
    pub first: f32,
    /// Any slide's body (the continuation slides' are shorter, under their label).
    pub any: f32,
}

impl Room {
    /// The room for blocks nested in another (in a quote, a list item): they never open the
    /// body.
    pub(super) fn nested(room: Option<Room>) -> Option<Room> {
        room.map(|r| Room { first: r.any, ..r })
    }
}

/// Plain spans for a string.
pub(super) fn plain(text: &str) -> Vec<Span> {
    vec![Span {
        text: text.to_string(),
        style: Style::default(),
        href: None,
    }]
}

/// Builds run formats from markup spans.
pub(super) fn styled(theme: &Theme, spans: &[Span], heading: bool) -> Vec<StyledText> {
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
                    mark: st.mark.then(|| {
                        theme
                            .colors
                            .mark
                            .as_ref()
                            .unwrap_or(&theme.colors.accent)
                            .clone()
                    }),
                },
            }
        })
        .collect()
}

impl<'c, 'f> Composer<'c, 'f> {
    /// A composer over `ctx` measuring with `fonts`.
    pub(super) fn new(ctx: ComposeCtx<'c>, fonts: &'f FontSet) -> Self {
        Composer {
            ctx,
            shaper: Shaper::new(fonts),
            missing: Vec::new(),
            cards: 0,
            warnings: Vec::new(),
            rtl: false,
            type_scale: None,
            fitted: Vec::new(),
            labels: super::labels::Labels::resolve(ctx.lang, "", ctx.labels).0,
        }
    }

    /// The theme's design tokens.
    pub(super) fn theme(&self) -> &'c Theme {
        self.ctx.theme
    }

    /// The canvas format.
    pub(super) fn format(&self) -> &'c Format {
        self.ctx.format
    }

    /// Lays out spans as a paragraph (or a balanced heading), noting missing characters.
    pub(super) fn lay(&mut self, spans: &[Span], size: f32, width: f32, heading: bool) -> Laid {
        let laid = self.lay_quietly(spans, size, width, heading);
        self.missing.extend(&laid.missing);
        laid
    }

    /// Lays out spans like [`Composer::lay`] without noting missing characters (a trial size).
    pub(super) fn lay_quietly(
        &mut self,
        spans: &[Span],
        size: f32,
        width: f32,
        heading: bool,
    ) -> Laid {
        let runs = styled(self.ctx.theme, spans, heading);
        self.lay_styled(&runs, size, width, heading)
    }

    /// Lays out plain `text` drawn in `fill` at `weight` (eyebrows, captions, buttons): measured
    /// at the weight it is drawn at.
    pub(super) fn lay_colored(
        &mut self,
        text: &str,
        (size, width): (f32, f32),
        heading: bool,
        (fill, weight): (&str, u16),
    ) -> Laid {
        let mut runs = styled(self.ctx.theme, &plain(text), heading);
        for run in &mut runs {
            run.format.fill = fill.to_string();
            run.format.weight = weight;
        }
        let laid = self.lay_styled(&runs, size, width, heading);
        self.missing.extend(&laid.missing);
        laid
    }

    /// Lays out styled runs in the theme's emoji font, balanced as a heading or greedy as body
    /// text, in the paragraph's direction.
    fn lay_styled(&mut self, runs: &[StyledText], size: f32, width: f32, heading: bool) -> Laid {
        let setting = Setting {
            size,
            width,
            emoji: &self.ctx.theme.fonts.emoji,
            wrap: Wrap::Prose,
            dir: self.paragraph_dir(runs),
        };
        if heading {
            text::layout_balanced(&mut self.shaper, runs, &setting)
        } else {
            text::layout_with(&mut self.shaper, runs, &setting)
        }
    }

    /// The base direction of a paragraph of `runs`: forced by the post, else from its first
    /// strong character, else (digits, punctuation) the slide's.
    pub(super) fn paragraph_dir(&self, runs: &[StyledText]) -> TextDirection {
        let found = match self.ctx.dir {
            TextDirection::Auto => text::bidi::runs_first_strong_is_rtl(runs),
            forced => return forced,
        };
        if found.unwrap_or(self.rtl) {
            TextDirection::Rtl
        } else {
            TextDirection::Ltr
        }
    }

    /// The width of the widest word of `spans` at `size`, set as a heading or as body text.
    pub(crate) fn widest_word(&mut self, spans: &[Span], size: f32, heading: bool) -> f32 {
        let theme = self.ctx.theme;
        let runs = styled(theme, spans, heading);
        text::min_content_width(&mut self.shaper, &runs, size, &theme.fonts.emoji)
    }

    /// Lays out styled runs in the theme's emoji font, not noting missing characters.
    pub(super) fn lay_runs(&mut self, runs: &[StyledText], size: f32, width: f32) -> Laid {
        let emoji = &self.ctx.theme.fonts.emoji;
        text::layout(&mut self.shaper, runs, size, width, emoji)
    }

    /// Lays out a line of code: a token too wide for the line is cut after a separator or an
    /// operator rather than anywhere.
    pub(super) fn lay_code(&mut self, runs: &[StyledText], size: f32, width: f32) -> Laid {
        let setting = Setting {
            size,
            width,
            emoji: &self.ctx.theme.fonts.emoji,
            wrap: Wrap::Code,
            dir: TextDirection::Ltr,
        };
        text::layout_with(&mut self.shaper, runs, &setting)
    }

    /// One row per laid-out line, starting at `x`.
    pub(super) fn text_rows(&mut self, laid: &Laid, x: f32, size: f32, leading: f32) -> Vec<Row> {
        self.aligned_rows(laid, Align::Start(x), size, leading)
    }

    /// One row per laid-out line, aligned as asked.
    pub(super) fn aligned_rows(
        &mut self,
        laid: &Laid,
        align: Align,
        size: f32,
        leading: f32,
    ) -> Vec<Row> {
        let lh = size * leading;
        let base = baseline(self.primary_metrics(), size, lh);
        let theme = self.ctx.theme;
        let surface = &theme.colors.surface;
        let mut rows = Vec::with_capacity(laid.lines.len());
        for line in &laid.lines {
            let height = self.line_height(line, size, lh);
            let y = base + (height - lh) / 2.0;
            let x = match align {
                // A right-to-left paragraph starts at the right of its measure.
                Align::Start(x) if laid.rtl => x + laid.measure - line.width,
                Align::Start(x) => x,
                Align::Centre(cx) => cx - line.width / 2.0,
            };
            rows.push(Row::new(
                height,
                line_elements(line, x, y, size, surface),
                line.text(),
            ));
        }
        rows
    }

    /// The height of a line box: the leading, or more when a run in an emoji or fallback font
    /// is taller than that, so tightly set display lines never collide. The theme's own fonts
    /// are designed for the leading and do not count.
    pub(super) fn line_height(&mut self, line: &Line, size: f32, leading: f32) -> f32 {
        let fonts = &self.ctx.theme.fonts;
        let own = [&fonts.heading, &fonts.body, &fonts.mono];
        let mut height = leading;
        for run in line
            .runs
            .iter()
            .filter(|r| !own.contains(&&r.format.family))
        {
            let f = &run.format;
            if let Some(id) = self.shaper.resolve(&f.family, f.weight, f.italic) {
                let m = self.shaper.metrics(id);
                height = height.max((m.ascent + m.descent) * size * LINE_FIT);
            }
        }
        height
    }

    /// Metrics of the theme's body face.
    pub(super) fn primary_metrics(&mut self) -> Metrics {
        let theme = self.ctx.theme;
        let fonts = &theme.fonts;
        self.face_metrics(&fonts.body, fonts.body_weight, FALLBACK_METRICS)
    }

    /// Metrics of a family at a weight, or `fallback` when no face matches.
    pub(super) fn face_metrics(&mut self, family: &str, weight: u16, fallback: Metrics) -> Metrics {
        match self.shaper.resolve(family, weight, false) {
            Some(id) => self.shaper.metrics(id),
            None => fallback,
        }
    }

    /// Lays out one line of chrome text in the body font, shrinking it to fit `max_w`.
    pub(super) fn one_line(
        &mut self,
        text: &str,
        size: f32,
        weight: u16,
        fill: &str,
        max_w: f32,
    ) -> (Laid, f32) {
        let runs = vec![StyledText {
            text: text.to_string(),
            format: RunFormat::plain(&self.ctx.theme.fonts.body, weight, fill),
        }];
        let mut size = size;
        loop {
            let laid = self.lay_runs(&runs, size, max_w);
            if laid.lines.len() == 1 || size <= CHROME_MIN {
                return (laid, size);
            }
            size -= 2.0;
        }
    }

    /// Elements of laid-out chrome lines whose block is vertically centred on `cy`.
    pub(super) fn line_at(&mut self, laid: &Laid, x: f32, cy: f32, size: f32) -> Vec<Element> {
        let metrics = self.primary_metrics();
        let lh = size * CHROME_LEADING;
        let theme = self.ctx.theme;
        let surface = &theme.colors.surface;
        let mut out = Vec::new();
        for (i, line) in laid.lines.iter().enumerate() {
            let top = cy - lh * laid.lines.len() as f32 / 2.0 + i as f32 * lh;
            let y = top + baseline(metrics, size, lh);
            out.extend(line_elements(line, x, y, size, surface));
        }
        out
    }
}
