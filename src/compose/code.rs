//! Code blocks: a card in the theme's surface colour, monospace text with syntax highlighting,
//! long lines wrapped with a visible continuation marker, and cards split between lines when a
//! block is taller than a slide.

use crate::highlight::CardColors;
use crate::text::{Line, Metrics, RunFormat, StyledText};
use crate::theme::Theme;

use super::composer::{BlockStyle, Composer};
use super::element::{CardLook, Element, baseline, line_elements};
use super::rows::{Backing, Joint, Row};

/// Code line height, as a multiple of the size.
const CODE_LEADING: f32 = 1.45;
/// Code line height in a block set smaller to keep it whole on a slide.
const DENSE_CODE_LEADING: f32 = 1.3;
/// Padding inside code cards, as a multiple of the code size.
const CODE_PAD: f32 = 1.1;
/// Padding inside a code card set smaller to keep it whole on a slide.
const DENSE_CODE_PAD: f32 = 0.7;

/// The padding inside a code card at `size`, for a block set at `dense` of its size.
fn code_pad(size: f32, dense: f32) -> f32 {
    size * if dense < 1.0 {
        DENSE_CODE_PAD
    } else {
        CODE_PAD
    }
}
/// Height of a code window's title bar, as a multiple of the code size.
const BAR: f32 = 1.9;
/// A code block set at this share of its size or less drops its window's title bar to stay
/// whole on a slide.
const BARE_DENSE: f32 = 0.65;
/// Height of the title bar of a code block set smaller to keep it whole on a slide.
const DENSE_BAR: f32 = 1.5;
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
/// A code block shrinks so that lines of this many characters fit without wrapping.
const CODE_COLUMNS: usize = 50;
/// Step by which a code block shrinks toward fitting its lines, in px.
const CODE_SIZE_STEP: f32 = 1.0;
/// The continuation marker's size, as a multiple of the code size.
const MARKER_SCALE: f32 = 0.8;

fn mono(theme: &Theme, fill: &str) -> RunFormat {
    RunFormat::plain(&theme.fonts.mono, 400, fill)
}

/// A wrapped line of code; `continued` for the second and later parts of a source line.
struct CodeLine {
    line: Line,
    continued: bool,
    /// How far the line is indented, in px (a continuation hangs under its line's text).
    indent: f32,
    /// The joint before this line.
    joint: Joint,
}

/// A code block split between slides leaves at least this many lines on each.
const MIN_CODE_PART: usize = 4;
/// Characters that end a line opening a block whose body follows.
const OPENERS: [char; 6] = ['{', '(', '[', ':', '\\', ','];

/// The joint before each visual line of a code block, given the source lines and the source
/// line of each visual line (a wrapped line appears several times): never before the first (the
/// block starts with its card's top), after a blank line or between lines at the left margin
/// is a good place to continue (between top-level items), after an inner block a fair one, any
/// other line a poor one; never inside a wrapped line, before a blank line or before a closing
/// bracket. (Parts of fewer than `MIN_CODE_PART`
/// lines are the paginator's to avoid: [`Row::min_part`].)
fn code_joints(source: &[&str], of: &[usize]) -> Vec<Joint> {
    let n = of.len();
    let indent = |l: &str| l.len() - l.trim_start().len();
    (0..n)
        .map(|i| {
            // The first line stays with the top of its card.
            if i == 0 {
                return Joint::Never;
            }
            let (prev, cur) = (source[of[i - 1]], source[of[i]]);
            let closer = !cur.trim().is_empty()
                && cur
                    .trim()
                    .chars()
                    .all(|c| "}])>;,".contains(c) || c.is_whitespace());
            if of[i] == of[i - 1] || closer {
                Joint::Never
            } else if cur.trim().is_empty() {
                // Continue after the blank line, not before it.
                Joint::Never
            } else if prev.trim().is_empty() || (indent(cur) == 0 && indent(prev) == 0) {
                Joint::Block
            } else if indent(cur) < indent(prev) && !prev.trim_end().ends_with(OPENERS) {
                // After an inner block.
                Joint::Sentence
            } else {
                Joint::Line
            }
        })
        .collect()
}

impl Composer<'_, '_> {
    /// Source lines as styled runs: highlighted when the language is known.
    fn source_runs(&self, code: &str, lang: Option<&str>) -> Vec<Vec<StyledText>> {
        let theme = self.theme();
        let colors = &theme.colors;
        let tokens = match (self.ctx.highlighter, lang) {
            (Some(h), Some(lang)) => {
                let card = CardColors {
                    surface: &colors.surface,
                    text: &colors.text,
                    muted: &colors.muted,
                };
                h.highlight(code, lang, card)
            }
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
        let size = self.code_size(style, code, width);
        let pad = code_pad(size, style.dense);
        let lh = size
            * if style.dense < 1.0 {
                DENSE_CODE_LEADING
            } else {
                CODE_LEADING
            };
        let lines = self.code_lines(code, lang, size, width - 2.0 * pad);
        let bar = if !style.window || style.dense <= BARE_DENSE {
            0.0
        } else if style.dense < 1.0 {
            size * DENSE_BAR
        } else {
            size * BAR
        };
        let marker = self.continuation_marker(size, pad);
        let card = CardStyle {
            size,
            line_height: lh,
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
        let backing = Backing {
            id: self.next_card(),
            x,
            width,
            look: CardLook::new(theme, &theme.colors.surface),
        };
        let mut top = Row::new(pad + bar, Vec::new(), String::new());
        if bar > 0.0 {
            top.elements = self.title_bar(&card, lang);
        }
        top.keep_with_next = true;
        let mut out = vec![top];
        let last = lines.len().saturating_sub(1);
        for (i, code) in lines.iter().enumerate() {
            let mut row = code_row(&card, code, theme);
            row.split_pad = if i == 0 { 0.0 } else { pad };
            if i == last {
                row.height += pad;
            }
            out.push(row);
        }
        for row in &mut out {
            row.backing = Some(backing.clone());
            row.group = backing.id;
        }
        out
    }

    /// A code block's source lines laid out `text_w` wide at `size`, wrapped lines split into
    /// visual lines, each with the joint before it.
    fn code_lines(
        &mut self,
        code: &str,
        lang: Option<&str>,
        size: f32,
        text_w: f32,
    ) -> Vec<CodeLine> {
        let mut lines: Vec<CodeLine> = Vec::new();
        let mut of = Vec::new();
        let column = self.column_width(size);
        for (source, runs) in self.source_runs(code, lang).into_iter().enumerate() {
            let laid = self.lay_wrapped(&runs, size, text_w, column);
            of.extend(std::iter::repeat_n(source, laid.len()));
            lines.extend(
                laid.into_iter()
                    .enumerate()
                    .map(|(i, (line, indent))| CodeLine {
                        line,
                        continued: i > 0,
                        indent,
                        joint: Joint::Never,
                    }),
            );
        }
        let source: Vec<&str> = code.split('\n').collect();
        for (line, joint) in lines.iter_mut().zip(code_joints(&source, &of)) {
            line.joint = joint;
        }
        lines
    }

    /// The width of one character of code at `size`.
    fn column_width(&mut self, size: f32) -> f32 {
        let theme = self.theme();
        let probe = vec![StyledText {
            text: "0".repeat(CODE_COLUMNS),
            format: mono(theme, &theme.colors.text),
        }];
        self.lay_runs(&probe, size, f32::MAX).width() / CODE_COLUMNS as f32
    }

    /// The size a code block is set at: the style's code size, or smaller (down to the theme's
    /// caption size, the smallest readable) so that lines of `CODE_COLUMNS` characters, or the
    /// block's longest line if shorter, fit without wrapping.
    fn code_size(&mut self, style: &BlockStyle, code: &str, width: f32) -> f32 {
        let theme = self.theme();
        let longest = code.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        let columns = longest.min(CODE_COLUMNS);
        let floor = theme.sizes.caption.min(style.code_size);
        let preferred = (style.code_size * style.dense).max(floor);
        if columns == 0 {
            return preferred;
        }
        let measured = self.column_width(style.code_size) * columns as f32;
        // Padding grows with the size too: the text width is width - 2 * pad.
        let text_w = |size: f32| width - 2.0 * code_pad(size, style.dense);
        let mut size = preferred;
        while size > floor && measured * size / style.code_size > text_w(size) {
            size = (size - CODE_SIZE_STEP).max(floor);
        }
        size
    }

    /// A new id for a card behind rows.
    pub(super) fn next_card(&mut self) -> u32 {
        self.cards += 1;
        self.cards
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

/// One line of code as a row: the line (and the continuation marker before a wrapped part), a
/// place where the block may continue on the next slide.
fn code_row(card: &CardStyle, code: &CodeLine, theme: &Theme) -> Row {
    let surface = &theme.colors.surface;
    let CardStyle {
        size, pad, x, base, ..
    } = *card;
    let mut elements = Vec::new();
    if code.continued
        && let Some(m) = &card.marker
    {
        let mx = x + (pad - m.width) / 2.0;
        elements.extend(line_elements(m, mx, base, size * MARKER_SCALE, surface));
    }
    elements.extend(line_elements(
        &code.line,
        x + pad + code.indent,
        base,
        size,
        surface,
    ));
    Row {
        joint: code.joint,
        min_part: MIN_CODE_PART,
        ..Row::new(card.line_height, elements, code.line.text())
    }
}

/// Geometry shared by the lines of one code block.
struct CardStyle {
    size: f32,
    /// The height of a line.
    line_height: f32,
    pad: f32,
    bar: f32,
    x: f32,
    width: f32,
    base: f32,
    marker: Option<Line>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_continues_between_items_never_inside_a_line_or_before_a_brace() {
        use Joint::{Block, Line, Never, Sentence};
        let rust = "fn a() {\n    one();\n    two();\n}\n\nfn b() {\n    three();\n    four();\n}";
        let source: Vec<&str> = rust.split('\n').collect();
        let of: Vec<usize> = (0..source.len()).collect();
        assert_eq!(
            code_joints(&source, &of),
            [Never, Line, Line, Never, Never, Block, Line, Line, Never]
        );
        let python = "with open(p) as f:\n    a = 1\n    b = 2\n    c = 3\n    if a:\n        d = 4\n    e = 5\n    f = 6\n    g = 7";
        let source: Vec<&str> = python.split('\n').collect();
        let of: Vec<usize> = (0..source.len()).collect();
        assert_eq!(
            code_joints(&source, &of),
            [Never, Line, Line, Line, Line, Line, Sentence, Line, Line]
        );
        // A wrapped line is never cut.
        assert_eq!(
            code_joints(&["a", "b"], &[0, 0, 0, 0, 1, 1, 1, 1])[4],
            Block
        );
        assert_eq!(
            code_joints(&["a", "b"], &[0, 0, 0, 0, 0, 1, 1, 1, 1])[4],
            Never
        );
    }
}
