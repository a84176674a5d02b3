//! Code blocks: a card in the theme's surface colour, monospace text with syntax highlighting,
//! long lines wrapped with a visible continuation marker, and cards split between lines when a
//! block is taller than a slide.

use crate::text::{Line, Metrics, RunFormat, StyledText};
use crate::theme::Theme;

use super::composer::{BlockStyle, Composer};
use super::element::{Element, baseline, line_elements};
use super::rows::Row;

/// Code line height, as a multiple of the size.
const CODE_LEADING: f32 = 1.45;
/// Padding inside code cards, as a multiple of the code size.
const CODE_PAD: f32 = 1.1;
/// Height of a code window's title bar, as a multiple of the code size.
const BAR: f32 = 1.9;
/// Radius of the title bar's three dots, as a multiple of the code size.
const BAR_DOT: f32 = 0.27;
/// The title bar's dots: close, minimise, zoom.
const BAR_COLORS: [&str; 3] = ["#FF5F57", "#FEBC2E", "#28C840"];
/// Drawn in the card's left padding before a wrapped continuation line.
const CONTINUATION: &str = "↪";

/// Metrics used when the theme's monospace face cannot be found.
const MONO_FALLBACK: Metrics = Metrics {
    ascent: 1.02,
    descent: 0.3,
};
/// The continuation marker's size, as a multiple of the code size.
const MARKER_SCALE: f32 = 0.8;
/// Space between the cards of a split code block, as a multiple of the code size.
const CARD_GAP: f32 = 0.5;

fn mono(theme: &Theme, fill: &str) -> RunFormat {
    RunFormat::plain(&theme.fonts.mono, 400, fill)
}

/// A wrapped line of code; `continued` for the second and later parts of a source line.
struct CodeLine {
    line: Line,
    continued: bool,
}

impl Composer<'_, '_> {
    /// Source lines as styled runs: highlighted when the language is known.
    fn source_runs(&self, code: &str, lang: Option<&str>) -> Vec<Vec<StyledText>> {
        let theme = self.theme();
        let colors = &theme.colors;
        let tokens = match (self.ctx.highlighter, lang) {
            (Some(h), Some(lang)) => h.highlight(code, lang, &colors.surface, &colors.text),
            _ => None,
        };
        match tokens {
            Some(lines) => lines
                .into_iter()
                .map(|tokens| {
                    tokens
                        .into_iter()
                        .map(|(text, fill)| StyledText {
                            format: mono(theme, &fill),
                            text,
                        })
                        .collect()
                })
                .collect(),
            None => code
                .split('\n')
                .map(|l| {
                    vec![StyledText {
                        text: l.to_string(),
                        format: mono(theme, &colors.text),
                    }]
                })
                .collect(),
        }
    }

    /// A code block as cards of whole lines, each no taller than a row may be.
    pub(super) fn code_rows(
        &mut self,
        style: &BlockStyle,
        code: &str,
        lang: Option<&str>,
        x: f32,
        width: f32,
    ) -> Vec<Row> {
        let theme = self.theme();
        let size = style.code_size;
        let pad = size * CODE_PAD;
        let lh = size * CODE_LEADING;
        let mut lines: Vec<CodeLine> = Vec::new();
        for runs in self.source_runs(code, lang) {
            let laid = self.lay_runs(&runs, size, width - 2.0 * pad);
            self.missing.extend(&laid.missing);
            lines.extend(
                laid.lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| CodeLine {
                        line,
                        continued: i > 0,
                    }),
            );
        }
        let bar = if style.window { size * BAR } else { 0.0 };
        let per_card = (((style.max_height - 2.0 * pad - bar) / lh).floor() as usize).max(1);
        let marker = self.continuation_marker(size, pad);
        let card = CardStyle {
            size,
            pad,
            bar,
            x,
            width,
            base: baseline(
                self.face_metrics(&theme.fonts.mono, 400, MONO_FALLBACK),
                size,
                lh,
            ),
            marker,
        };
        let mut out = Vec::new();
        for chunk in lines.chunks(per_card) {
            let mut row = self.code_card(&card, chunk, lang);
            row.gap = if out.is_empty() { 0.0 } else { size * CARD_GAP };
            out.push(row);
        }
        out
    }

    /// The marker drawn before wrapped continuation lines. It is set in the body font, which has
    /// the arrow (monospace fonts often lack it).
    fn continuation_marker(&mut self, size: f32, pad: f32) -> Option<Line> {
        let theme = self.theme();
        let runs = vec![StyledText {
            text: CONTINUATION.into(),
            format: RunFormat {
                family: theme.fonts.body.clone(),
                ..mono(theme, &theme.colors.muted)
            },
        }];
        self.lay_runs(&runs, size * MARKER_SCALE, pad)
            .lines
            .into_iter()
            .next()
    }

    /// One card holding `chunk`, with the window's title bar when the style asks for it.
    fn code_card(&mut self, card: &CardStyle, chunk: &[CodeLine], lang: Option<&str>) -> Row {
        let theme = self.theme();
        let CardStyle {
            size,
            pad,
            bar,
            x,
            width,
            base,
            ..
        } = *card;
        let lh = size * CODE_LEADING;
        let height = chunk.len() as f32 * lh + 2.0 * pad + bar;
        let surface = &theme.colors.surface;
        let mut elements = Element::card(theme, x, 0.0, width, height, surface);
        if bar > 0.0 {
            elements.extend(self.title_bar(card, lang));
        }
        let mut text = String::new();
        for (i, code) in chunk.iter().enumerate() {
            let y = bar + pad + i as f32 * lh + base;
            if code.continued
                && let Some(m) = &card.marker
            {
                let mx = x + (pad - m.width) / 2.0;
                elements.extend(line_elements(m, mx, y, size * MARKER_SCALE, surface));
            }
            elements.extend(line_elements(&code.line, x + pad, y, size, surface));
            if !text.is_empty() {
                text.push(if code.continued { ' ' } else { '\n' });
            }
            text.push_str(&code.line.text());
        }
        Row {
            block_start: true,
            ..Row::new(height, elements, text)
        }
    }

    /// A code window's title bar: three dots at the left, the language at the right.
    fn title_bar(&mut self, card: &CardStyle, lang: Option<&str>) -> Vec<Element> {
        let theme = self.theme();
        let CardStyle {
            size,
            pad,
            bar,
            x,
            width,
            ..
        } = *card;
        let cy = pad * 0.5 + bar / 2.0;
        let r = size * BAR_DOT;
        let mut out: Vec<Element> = BAR_COLORS
            .iter()
            .enumerate()
            .map(|(i, fill)| Element::Circle {
                cx: x + pad + r + i as f32 * r * 3.4,
                cy,
                r,
                fill: (*fill).to_string(),
            })
            .collect();
        if let Some(lang) = lang.filter(|l| !l.is_empty()) {
            let label = size * MARKER_SCALE;
            let runs = vec![StyledText {
                text: lang.to_string(),
                format: mono(theme, &theme.colors.muted),
            }];
            let laid = self.lay_runs(&runs, label, width / 2.0);
            if let Some(line) = laid.lines.first() {
                let lx = x + width - pad - line.width;
                let y = cy + label * 0.35;
                out.extend(line_elements(line, lx, y, label, &theme.colors.surface));
            }
        }
        out
    }
}

/// Geometry shared by the cards of one code block.
struct CardStyle {
    size: f32,
    pad: f32,
    bar: f32,
    x: f32,
    width: f32,
    base: f32,
    marker: Option<Line>,
}
