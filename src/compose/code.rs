//! Code blocks: a card in the theme's surface colour, monospace text with syntax highlighting,
//! long lines wrapped with a visible continuation marker, and cards split between lines when a
//! block is taller than a slide.

use crate::text::{self, Line, RunFormat, Shaper, StyledText};

use super::blocks::{BlockStyle, Row};
use super::element::{Element, baseline, line_elements};

/// Code line height, as a multiple of the size.
pub const CODE_LEADING: f32 = 1.45;
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

fn mono(style: &BlockStyle<'_>, fill: &str) -> RunFormat {
    RunFormat::plain(&style.theme.fonts.mono, 400, fill)
}

/// Source lines as styled runs: highlighted when the language is known.
fn source_runs(style: &BlockStyle<'_>, code: &str, lang: Option<&str>) -> Vec<Vec<StyledText>> {
    let colors = &style.theme.colors;
    let tokens = match (style.highlighter, lang) {
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
                        format: mono(style, &fill),
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
                    format: mono(style, &colors.text),
                }]
            })
            .collect(),
    }
}

/// Lays out a code block into one or more card rows.
pub fn rows(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    code: &str,
    lang: Option<&str>,
    x: f32,
    width: f32,
    missing: &mut Vec<char>,
) -> Vec<Row> {
    let theme = style.theme;
    let size = style.code_size;
    let pad = size * CODE_PAD;
    let lh = size * CODE_LEADING;
    let mut lines: Vec<(Line, bool)> = Vec::new();
    for runs in source_runs(style, code, lang) {
        let laid = text::layout(shaper, &runs, size, width - 2.0 * pad, &theme.fonts.emoji);
        missing.extend(&laid.missing);
        lines.extend(laid.lines.into_iter().enumerate().map(|(i, l)| (l, i > 0)));
    }
    // The marker is set in the body font, which has the arrow (monospace fonts often lack it).
    let marker_format = RunFormat {
        family: theme.fonts.body.clone(),
        ..mono(style, &theme.colors.muted)
    };
    let marker_runs = vec![StyledText {
        text: CONTINUATION.into(),
        format: marker_format,
    }];
    let marker = text::layout(shaper, &marker_runs, size * 0.8, pad, &theme.fonts.emoji);
    let metrics = shaper.resolve(&theme.fonts.mono, 400, false).map_or(
        text::Metrics {
            ascent: 1.02,
            descent: 0.3,
        },
        |id| shaper.metrics(id),
    );
    let base = baseline(metrics, size, lh);
    let bar = if style.window { size * BAR } else { 0.0 };
    let per_card = (((style.max_height - 2.0 * pad - bar) / lh).floor() as usize).max(1);
    let mut out = Vec::new();
    for chunk in lines.chunks(per_card) {
        let height = chunk.len() as f32 * lh + 2.0 * pad + bar;
        let mut elements = Element::card(theme, x, 0.0, width, height, &theme.colors.surface);
        if style.window {
            elements.extend(title_bar(shaper, style, lang, x, width, bar));
        }
        let mut text = String::new();
        for (i, (line, continued)) in chunk.iter().enumerate() {
            let y = bar + pad + i as f32 * lh + base;
            if *continued && let Some(m) = marker.lines.first() {
                elements.extend(line_elements(
                    m,
                    x + (pad - m.width) / 2.0,
                    y,
                    size * 0.8,
                    &theme.colors.surface,
                ));
            }
            elements.extend(line_elements(line, x + pad, y, size, &theme.colors.surface));
            if !text.is_empty() {
                text.push(if *continued { ' ' } else { '\n' });
            }
            text.push_str(&line.text());
        }
        out.push(Row {
            gap: if out.is_empty() { 0.0 } else { size * 0.5 },
            height,
            elements,
            text,
            keep_with_next: false,
            block_start: true,
        });
    }
    out
}

/// A window title bar: three dots at the left and the language, muted, at the right.
fn title_bar(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    lang: Option<&str>,
    x: f32,
    width: f32,
    bar: f32,
) -> Vec<Element> {
    let size = style.code_size;
    let pad = size * CODE_PAD;
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
        let label = size * 0.8;
        let runs = vec![StyledText {
            text: lang.to_string(),
            format: mono(style, &style.theme.colors.muted),
        }];
        let laid = text::layout(shaper, &runs, label, width / 2.0, &style.theme.fonts.emoji);
        if let Some(line) = laid.lines.first() {
            let y = cy + label * 0.35;
            out.extend(line_elements(
                line,
                x + width - pad - line.width,
                y,
                label,
                &style.theme.colors.surface,
            ));
        }
    }
    out
}
