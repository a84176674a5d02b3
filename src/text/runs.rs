//! The text that goes into layout (styled runs) and what comes out of it: runs placed on
//! lines, the lines, and the characters no font covers.

use serde::Serialize;

/// How a run of text is drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RunFormat {
    /// Font family.
    pub family: String,
    /// Font weight (100-900).
    pub weight: u16,
    /// Italic.
    pub italic: bool,
    /// Fill colour.
    pub fill: String,
    /// Inline code (drawn with a background).
    pub code: bool,
    /// Strikethrough.
    pub strike: bool,
    /// Underlined (links).
    pub underline: bool,
    /// Link target.
    pub href: Option<String>,
    /// Highlighter colour drawn behind the run (`==marked==`).
    pub mark: Option<String>,
}

impl RunFormat {
    /// A plain run: no emphasis, code, strike or link.
    pub(crate) fn plain(family: &str, weight: u16, fill: &str) -> RunFormat {
        RunFormat {
            family: family.to_string(),
            weight,
            italic: false,
            fill: fill.to_string(),
            code: false,
            strike: false,
            underline: false,
            href: None,
            mark: None,
        }
    }
}

/// A piece of input text with its format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StyledText {
    /// The text; `\n` forces a line break.
    pub text: String,
    /// How it is drawn.
    pub format: RunFormat,
}

/// A run placed on a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PlacedRun {
    /// The text.
    pub text: String,
    /// How it is drawn (the family is the one actually used, e.g. the emoji font).
    pub format: RunFormat,
    /// Offset from the line's start.
    pub x: f32,
    /// Advance width.
    pub width: f32,
    /// Starts its own text chunk (an absolute `x` in the SVG). Set for runs in a fallback or
    /// emoji font and for the run after one: usvg merges the glyphs of runs in one chunk by
    /// byte length and drops or panics on text after multi-code-point clusters (emoji
    /// sequences, Arabic ligatures), so such runs are shaped on their own.
    pub chunk: bool,
    /// Right to left: written between marks that keep its neutral ends in the run's direction
    /// (see [`super::bidi`]).
    pub rtl: bool,
    /// Where the run's text starts in the paragraph, in bytes (its logical position).
    pub start: usize,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Line {
    /// Runs from left to right (in visual order).
    pub runs: Vec<PlacedRun>,
    /// Total advance width.
    pub width: f32,
}

impl Line {
    /// The line's text, in logical (reading) order.
    pub(crate) fn text(&self) -> String {
        let mut runs: Vec<&PlacedRun> = self.runs.iter().collect();
        runs.sort_by_key(|r| r.start);
        runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The result of laying out a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Laid {
    /// The lines.
    pub lines: Vec<Line>,
    /// Characters no loaded font covers (reported, drawn as missing glyphs).
    pub missing: Vec<char>,
    /// A right-to-left paragraph: its lines start at the right of the measure.
    pub rtl: bool,
    /// The measure the lines were set in, in px.
    pub measure: f32,
}

impl Laid {
    /// Width of the widest line.
    pub(crate) fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}
