//! Diagrams in the flow of a slide: a ```` ```mermaid ```` block drawn by [`crate::diagram`] in
//! the slide's theme, its labels set at the body size, fitted to the column and to the height
//! left, with its labels as alt text. A diagram that cannot be drawn is an error at its line.

use base64::Engine;

use crate::color::{hex_contrast, mix, parse_hex};
use crate::diagram::{self, Drawn};
use crate::error::Diagnostic;
use crate::theme::Theme;

use super::composer::{BlockStyle, Composer};
use super::element::Element;
use super::rows::Row;

/// Labels are set at this share of the body size.
const LABEL_SCALE: f32 = 0.8;
/// A diagram shrunk until its labels are smaller than this share of the theme's smallest body
/// size gets a warning.
const LEGIBLE: f32 = 0.6;
/// Most a diagram is enlarged over its drawn size.
const MAX_GROW: f32 = 2.5;
/// Mixes of the accent towards the text colour, for series when the theme's own colours run out.
const SERIES_MIX: [f32; 5] = [0.0, 0.35, 0.6, 0.8, 0.15];
/// Least contrast of a series colour with the labels written on it (pie shares).
const SERIES_LABEL_CONTRAST: f64 = 3.0;
/// Least distance between two series colours told apart (sRGB, 0-255 per channel).
const SERIES_APART: f64 = 64.0;
/// How many series colours a diagram gets.
const SERIES_COUNT: usize = 5;

impl Composer<'_, '_> {
    /// A diagram as one row, as wide as the column allows (never larger than drawn) and no
    /// taller than a row may be.
    pub(super) fn diagram_row(
        &mut self,
        style: &BlockStyle,
        source: &str,
        offset: usize,
        x: f32,
        width: f32,
    ) -> Result<Row, Diagnostic> {
        let size = style.size * LABEL_SCALE;
        let mut drawn = self.draw_diagram(source, offset, size)?;
        let mut fit = Fit::of(&drawn, size, width, style.max_height);
        let floor = self.theme().sizes.min_body * LEGIBLE;
        let wide = self.format().width > self.format().height;
        // A flowchart too small to read is tried the other way round (left to right on a wide
        // slide, top-down on a tall one), and kept that way if its labels come out larger.
        if fit.shown < floor
            && let Some(turned) = turned(source, wide)
        {
            let other = self.draw_diagram(&turned, offset, size)?;
            let other_fit = Fit::of(&other, size, width, style.max_height);
            if other_fit.shown > fit.shown {
                (drawn, fit) = (other, other_fit);
            }
        }
        let Fit { w, h, shown } = fit;
        if shown < floor {
            self.warnings.push((
                format!(
                    "diagram labels are set at {shown:.0} px in `{}`, small to read",
                    self.format().name
                ),
                if wide {
                    "split the diagram, or draw it left to right (`flowchart LR`) on wide formats"
                } else {
                    "split the diagram, or draw it top-down (`flowchart TD`) on tall formats"
                },
            ));
        }
        let element = Element::Image {
            x: x + (width - w) / 2.0,
            y: 0.0,
            width: w,
            height: h,
            href: format!(
                "data:image/svg+xml;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&drawn.svg)
            ),
            rx: 0.0,
            slice: false,
        };
        let alt = format!("Diagram: {}.", drawn.labels.join(", "));
        Ok(Row::new(h, vec![element], alt))
    }

    /// Draws a diagram in the slide's theme; a failure is an error at the line it names.
    fn draw_diagram(&self, source: &str, offset: usize, size: f32) -> Result<Drawn, Diagnostic> {
        let style = diagram_style(self.theme(), size);
        diagram::draw(source, &style, self.shaper.fonts().db()).map_err(|f| {
            let (path, text) = self.ctx.post;
            // The source starts on the line after the fence.
            let line = f.line.unwrap_or(1);
            let at = text[offset.min(text.len())..]
                .match_indices('\n')
                .nth(line - 1)
                .map_or(offset, |(i, _)| offset + i + 1);
            Diagnostic::error(format!("failed to draw the diagram: {}", f.message))
                .with_hint(
                    "carousel draws flowchart, sequenceDiagram, pie and xychart-beta diagrams; \
                     write it as ```text to show the source instead",
                )
                .at_offset(path, text, at)
        })
    }
}

/// A drawn diagram's size in the column, and the size its smallest labels come out at.
struct Fit {
    w: f32,
    h: f32,
    shown: f32,
}

impl Fit {
    /// As wide as `width` allows, grown (it is vector) until its smallest labels reach `size`
    /// and no further, and no taller than `max_height`.
    fn of(drawn: &Drawn, size: f32, width: f32, max_height: f32) -> Fit {
        let aspect = drawn.height / drawn.width;
        let grow = (size / drawn.label_size).clamp(1.0, MAX_GROW);
        let mut w = width.min(drawn.width * grow);
        if w * aspect > max_height {
            w = max_height / aspect;
        }
        Fit {
            w,
            h: w * aspect,
            shown: drawn.label_size * w / drawn.width,
        }
    }
}

/// A flowchart's source drawn the other way: left to right for a wide slide, top-down for a
/// tall one; `None` for another kind of diagram or one already drawn that way. Only the first
/// line changes, so error lines stay the same.
fn turned(source: &str, wide: bool) -> Option<String> {
    let start = source.len() - source.trim_start().len();
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let mut words = source[start..end].split_whitespace();
    let kind = words.next()?;
    if !matches!(kind, "flowchart" | "graph") {
        return None;
    }
    let now = words.next().unwrap_or("TD");
    let want = if wide { "LR" } else { "TD" };
    let same = match want {
        "LR" => matches!(now, "LR" | "RL"),
        _ => matches!(now, "TD" | "TB" | "BT"),
    };
    if same || words.next().is_some() {
        return None;
    }
    Some(format!(
        "{}{kind} {want}{}",
        &source[..start],
        &source[end..]
    ))
}

/// Series colours for a diagram's pie slices and chart series: the theme's accent, text and
/// muted colours and their mixes, those the labels on them read against and that stand apart
/// from the colours before them; mixes of the accent towards the text fill any places left.
fn series_colors(theme: &Theme) -> Vec<String> {
    let c = &theme.colors;
    let candidates = [
        c.accent.clone(),
        c.text.clone(),
        c.muted.clone(),
        mix(&c.accent, &c.bg, 0.45),
        mix(&c.accent, &c.text, 0.5),
        mix(&c.muted, &c.bg, 0.45),
    ];
    let apart = |a: &str, b: &str| match (parse_hex(a), parse_hex(b)) {
        (Some(a), Some(b)) => {
            let d = |i: usize| (f64::from(a[i]) - f64::from(b[i])).powi(2);
            (d(0) + d(1) + d(2)).sqrt() >= SERIES_APART
        }
        _ => false,
    };
    let mut out: Vec<String> = Vec::new();
    for colour in candidates {
        let readable = hex_contrast(&colour, &c.accent_contrast) >= SERIES_LABEL_CONTRAST;
        if readable && out.iter().all(|o| apart(o, &colour)) {
            out.push(colour);
        }
    }
    let mut mixes = SERIES_MIX.iter().map(|&t| mix(&c.accent, &c.text, t));
    while out.len() < SERIES_COUNT {
        match mixes.next() {
            Some(m) if !out.contains(&m) => out.push(m),
            Some(_) => {}
            None => break,
        }
    }
    out.truncate(SERIES_COUNT);
    out
}

/// The diagram colours and font of a theme.
fn diagram_style(theme: &Theme, size: f32) -> diagram::Style {
    let c = &theme.colors;
    diagram::Style {
        bg: c.bg.clone(),
        surface: c.surface.clone(),
        text: c.text.clone(),
        line: c.muted.clone(),
        accent: c.accent.clone(),
        series: series_colors(theme),
        on_series: c.accent_contrast.clone(),
        family: theme.fonts.body.clone(),
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::contrast;

    #[test]
    fn flowcharts_turn_to_the_slide() {
        // (source, wide, turned)
        let cases = [
            (
                "flowchart TD\n  A --> B\n",
                true,
                Some("flowchart LR\n  A --> B\n"),
            ),
            ("\ngraph TB\n  A --> B", true, Some("\ngraph LR\n  A --> B")),
            (
                "flowchart\n  A --> B",
                true,
                Some("flowchart LR\n  A --> B"),
            ),
            (
                "flowchart LR\n  A --> B",
                false,
                Some("flowchart TD\n  A --> B"),
            ),
            ("flowchart LR\n  A --> B", true, None),
            ("flowchart RL\n  A --> B", true, None),
            ("flowchart TD\n  A --> B", false, None),
            ("sequenceDiagram\n  A->>B: hi", true, None),
            ("pie\n  \"a\" : 1", false, None),
        ];
        for (source, wide, want) in cases {
            assert_eq!(turned(source, wide).as_deref(), want, "{source}");
        }
    }

    #[test]
    fn every_theme_has_three_series_colours_apart_and_readable() {
        for name in crate::assets::builtin_theme_names() {
            let theme = crate::theme::load(std::path::Path::new("/nonexistent"), name).unwrap();
            let colors = series_colors(&theme);
            assert_eq!(colors.len(), SERIES_COUNT, "{name}");
            let rgb: Vec<[u8; 3]> = colors.iter().map(|c| parse_hex(c).unwrap()).collect();
            let on = parse_hex(&theme.colors.accent_contrast).unwrap();
            for (i, a) in rgb.iter().take(3).enumerate() {
                assert!(
                    contrast(*a, on) >= SERIES_LABEL_CONTRAST,
                    "{name}: {colors:?}"
                );
                for b in &rgb[..i] {
                    let d: f64 = (0..3)
                        .map(|k| (f64::from(a[k]) - f64::from(b[k])).powi(2))
                        .sum();
                    assert!(d.sqrt() >= SERIES_APART, "{name}: {colors:?}");
                }
            }
        }
    }
}
