//! Diagrams in the flow of a slide: a ```` ```mermaid ```` block drawn by [`crate::diagram`] in
//! the slide's theme, its labels set at the body size, fitted to the column and to the height
//! left, with its labels as alt text. A diagram that cannot be drawn is an error at its line.

use base64::Engine;

use crate::color::mix;
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
/// Mixes of the accent towards the text colour for pie slices and chart series.
const SERIES_MIX: [f32; 5] = [0.0, 0.35, 0.6, 0.8, 0.15];

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
        let drawn = self.draw_diagram(source, offset, size)?;
        let aspect = drawn.height / drawn.width;
        // Grown (it is vector) until its smallest labels reach the label size, no further.
        let grow = (size / drawn.label_size).clamp(1.0, MAX_GROW);
        let mut w = width.min(drawn.width * grow);
        if w * aspect > style.max_height {
            w = style.max_height / aspect;
        }
        let h = w * aspect;
        let shown = drawn.label_size * w / drawn.width;
        let floor = self.theme().sizes.min_body * LEGIBLE;
        if shown < floor {
            self.warnings.push((
                format!(
                    "diagram labels are set at {shown:.0} px in `{}`, small to read",
                    self.format().name
                ),
                if self.format().width > self.format().height {
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

/// The diagram colours and font of a theme.
fn diagram_style(theme: &Theme, size: f32) -> diagram::Style {
    let c = &theme.colors;
    diagram::Style {
        bg: c.bg.clone(),
        surface: c.surface.clone(),
        text: c.text.clone(),
        line: c.muted.clone(),
        accent: c.accent.clone(),
        series: SERIES_MIX
            .iter()
            .map(|&t| mix(&c.accent, &c.text, t))
            .collect(),
        on_series: c.accent_contrast.clone(),
        family: theme.fonts.body.clone(),
        size,
    }
}
