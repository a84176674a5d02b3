//! Text layout: resvg does not wrap text, so we do. Styled runs are split into font runs (emoji
//! get the emoji family explicitly, since usvg's fallback breaks multi-code-point emoji), broken
//! into lines at UAX #14 opportunities, and measured with the same shaping usvg uses.

pub mod shape;

use std::ops::Range;

use resvg::usvg::fontdb::{ID, Style};
use serde::Serialize;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

pub use shape::{Metrics, Shaper};

/// Rounding tolerance when comparing widths, in px: a box exactly as wide as its text holds it.
const WIDTH_EPSILON: f32 = 0.01;
/// A one-word last line narrower than this share of the measure is a widow worth fixing.
const WIDOW_SHARE: f32 = 0.3;
/// Narrowest measure tried to fix a widow, as a share of the full measure.
const WIDOW_MIN_MEASURE: f32 = 0.8;
/// Step of the widow search, as a share of the full measure.
const WIDOW_STEP: f32 = 0.02;
/// Iterations of the width search that balances line lengths.
const BALANCE_STEPS: usize = 12;

/// How a run of text is drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunFormat {
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
}

impl RunFormat {
    /// A plain run: no emphasis, code, strike or link.
    pub fn plain(family: &str, weight: u16, fill: &str) -> RunFormat {
        RunFormat {
            family: family.to_string(),
            weight,
            italic: false,
            fill: fill.to_string(),
            code: false,
            strike: false,
            underline: false,
            href: None,
        }
    }
}

/// A piece of input text with its format.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledText {
    /// The text; `\n` forces a line break.
    pub text: String,
    /// How it is drawn.
    pub format: RunFormat,
}

/// A run placed on a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedRun {
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
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// Runs from left to right.
    pub runs: Vec<PlacedRun>,
    /// Total advance width.
    pub width: f32,
}

impl Line {
    /// The line's text.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The result of laying out a paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Laid {
    /// The lines.
    pub lines: Vec<Line>,
    /// Characters no loaded font covers (reported, drawn as missing glyphs).
    pub missing: Vec<char>,
}

impl Laid {
    /// Width of the widest line.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}

/// A font run: a byte range of the paragraph text drawn with one format and face.
#[derive(Debug, Clone)]
struct Item {
    range: Range<usize>,
    format: usize,
    font: ID,
    family: Option<String>,
}

/// A stretch between two break opportunities.
#[derive(Debug, Clone)]
struct Segment {
    range: Range<usize>,
    width: f32,
    trimmed: f32,
    mandatory: bool,
    /// The first piece of a word too wide for a line: start it on a fresh line.
    fresh_line: bool,
}

/// A prepared paragraph: text, formats, font runs and segments at one size.
struct Prepared<'t> {
    text: String,
    formats: &'t [StyledText],
    items: Vec<Item>,
    missing: Vec<char>,
}

/// Lays out `runs` at `size` px into lines no wider than `max_width` (greedy, first fit).
pub fn layout(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    size: f32,
    max_width: f32,
    emoji: &str,
) -> Laid {
    let prepared = prepare(shaper, runs, emoji);
    let segments = segments(shaper, &prepared, size, max_width);
    let ranges = avoid_widow(&segments, greedy(&segments, max_width), max_width);
    finish(shaper, &prepared, &ranges, size)
}

/// If the last line is one short word, tries slightly narrower measures that keep the same
/// number of lines but bring a second word down.
fn avoid_widow(
    segments: &[Segment],
    ranges: Vec<Range<usize>>,
    max_width: f32,
) -> Vec<Range<usize>> {
    let words_on = |range: &Range<usize>| {
        segments
            .iter()
            .filter(|s| s.range.start >= range.start && s.range.end <= range.end && s.trimmed > 0.0)
            .count()
    };
    let Some(last) = ranges.last() else {
        return ranges;
    };
    let last_width: f32 = segments
        .iter()
        .filter(|s| s.range.start >= last.start && s.range.end <= last.end)
        .map(|s| s.trimmed)
        .sum();
    if ranges.len() < 2 || words_on(last) != 1 || last_width > max_width * WIDOW_SHARE {
        return ranges;
    }
    let mut width = max_width;
    while width > max_width * WIDOW_MIN_MEASURE {
        width -= max_width * WIDOW_STEP;
        let candidate = greedy(segments, width);
        if candidate.len() != ranges.len() {
            break;
        }
        if candidate.last().is_some_and(|l| words_on(l) >= 2) {
            return candidate;
        }
    }
    ranges
}

/// Like [`layout`], but with line lengths balanced: the narrowest width that still gives the same
/// number of lines. For titles and headings.
pub fn layout_balanced(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    size: f32,
    max_width: f32,
    emoji: &str,
) -> Laid {
    let prepared = prepare(shaper, runs, emoji);
    let segments = segments(shaper, &prepared, size, max_width);
    let ranges = greedy(&segments, max_width);
    if ranges.len() < 2 {
        return finish(shaper, &prepared, &ranges, size);
    }
    let (mut lo, mut hi) = (max_width / 2.0, max_width);
    let mut best = ranges;
    for _ in 0..BALANCE_STEPS {
        let mid = (lo + hi) / 2.0;
        let candidate = greedy(&segments, mid);
        let fits = segments.iter().all(|s| s.trimmed <= mid);
        if fits && candidate.len() == best.len() {
            hi = mid;
            best = candidate;
        } else {
            lo = mid;
        }
    }
    finish(shaper, &prepared, &best, size)
}

/// The width of the widest piece that cannot be broken (a word, a number like `08:00`): the
/// narrowest box that holds the text without breaking inside a word.
pub fn min_content_width(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    size: f32,
    emoji: &str,
) -> f32 {
    let prepared = prepare(shaper, runs, emoji);
    segments(shaper, &prepared, size, f32::INFINITY)
        .iter()
        .map(|s| s.trimmed)
        .fold(0.0, f32::max)
}

/// True for graphemes that should be drawn with the colour emoji font.
fn is_emoji_grapheme(g: &str) -> bool {
    g.chars().any(|c| {
        matches!(c, '\u{FE0F}' | '\u{20E3}' | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1F000}'..='\u{1FAFF}')
    })
}

/// Characters that never need a glyph of their own (joiners, selectors, controls, spaces).
fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{2060}'))
}

/// Chooses the face for one grapheme: the emoji font for emoji, else the run's own face if it
/// covers the grapheme, else the first loaded face that does (in that family, at the run's
/// weight and style when it has them). Returns the face and the family to name in the SVG
/// (`None` = the run's own family).
fn pick_font(
    shaper: &mut Shaper<'_>,
    g: &str,
    primary: ID,
    emoji: Option<ID>,
    emoji_family: &str,
    format: &RunFormat,
    missing: &mut Vec<char>,
) -> (ID, Option<String>) {
    let covered = g
        .chars()
        .all(|c| !needs_glyph(c) || shaper.covers(primary, c));
    let base = g.chars().find(|c| needs_glyph(*c));
    if let (Some(e), Some(c)) = (emoji, base)
        && (is_emoji_grapheme(g) || !covered)
        && shaper.covers(e, c)
    {
        return (e, Some(emoji_family.to_string()));
    }
    if covered {
        return (primary, None);
    }
    let Some(c) = base else {
        return (primary, None);
    };
    let Some(found) = shaper.fallback(c) else {
        missing.extend(
            g.chars()
                .filter(|c| needs_glyph(*c) && !shaper.covers(primary, *c)),
        );
        return (primary, None);
    };
    let Some(family) = shaper
        .fonts()
        .db()
        .face(found)
        .and_then(|f| f.families.first())
        .map(|(n, _)| n.clone())
    else {
        return (found, None);
    };
    // Prefer the family's face at the run's weight and style, as usvg will select it.
    match shaper.resolve(&family, format.weight, format.italic) {
        Some(styled) if shaper.covers(styled, c) => (styled, Some(family)),
        _ => (found, Some(family)),
    }
}

/// Splits the styled runs into font runs by coverage.
fn prepare<'t>(
    shaper: &mut Shaper<'_>,
    runs: &'t [StyledText],
    emoji_family: &str,
) -> Prepared<'t> {
    let mut text = String::new();
    let mut items: Vec<Item> = Vec::new();
    let mut missing = Vec::new();
    let emoji = shaper.resolve(emoji_family, 400, false);
    for (index, run) in runs.iter().enumerate() {
        let f = &run.format;
        let Some(primary) = shaper.resolve(&f.family, f.weight, f.italic).or(emoji) else {
            continue;
        };
        for g in run.text.graphemes(true) {
            let start = text.len();
            text.push_str(g);
            let (font, family) =
                pick_font(shaper, g, primary, emoji, emoji_family, f, &mut missing);
            match items.last_mut() {
                Some(last)
                    if last.format == index && last.font == font && last.range.end == start =>
                {
                    last.range.end = text.len();
                }
                _ => items.push(Item {
                    range: start..text.len(),
                    format: index,
                    font,
                    family,
                }),
            }
        }
    }
    missing.sort_unstable();
    missing.dedup();
    Prepared {
        text,
        formats: runs,
        items,
        missing,
    }
}

/// Measures `range` of the paragraph at `size`, piece by piece over the font runs.
fn measure(shaper: &mut Shaper<'_>, p: &Prepared<'_>, range: Range<usize>, size: f32) -> f32 {
    let mut width = 0.0;
    for item in &p.items {
        let a = item.range.start.max(range.start);
        let b = item.range.end.min(range.end);
        if a < b {
            width += shaper.advance(item.font, &p.text[a..b]) * size;
        }
    }
    width
}

/// Cuts the paragraph at its break opportunities; a piece wider than the line is cut further
/// between graphemes so that it can still be wrapped.
fn segments(shaper: &mut Shaper<'_>, p: &Prepared<'_>, size: f32, max_width: f32) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = 0;
    for (end, op) in linebreaks(&p.text) {
        let mandatory = op == BreakOpportunity::Mandatory;
        push_segment(shaper, p, start..end, mandatory, size, max_width, &mut out);
        start = end;
    }
    out
}

fn push_segment(
    shaper: &mut Shaper<'_>,
    p: &Prepared<'_>,
    range: Range<usize>,
    mandatory: bool,
    size: f32,
    max_width: f32,
    out: &mut Vec<Segment>,
) {
    let trimmed_end = range.start + p.text[range.clone()].trim_end().len();
    let trimmed = measure(shaper, p, range.start..trimmed_end, size);
    if trimmed <= max_width + WIDTH_EPSILON || trimmed_end - range.start <= 1 {
        let width = measure(shaper, p, range.clone(), size);
        out.push(Segment {
            range,
            width,
            trimmed,
            mandatory,
            fresh_line: false,
        });
        return;
    }
    // Too wide even alone: one segment per grapheme.
    let graphemes: Vec<(usize, &str)> = p.text[range.clone()].grapheme_indices(true).collect();
    let count = graphemes.len();
    for (i, (offset, g)) in graphemes.into_iter().enumerate() {
        let a = range.start + offset;
        let r = a..a + g.len();
        let width = measure(shaper, p, r.clone(), size);
        let trimmed = if g.trim().is_empty() { 0.0 } else { width };
        out.push(Segment {
            range: r,
            width,
            trimmed,
            mandatory: mandatory && i + 1 == count,
            fresh_line: i == 0,
        });
    }
}

/// First-fit line filling; returns each line's byte range.
fn greedy(segments: &[Segment], max_width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut width = 0.0;
    for seg in segments {
        if let Some(range) = &current
            && (width + seg.trimmed > max_width + WIDTH_EPSILON || seg.fresh_line)
        {
            lines.push(range.clone());
            current = None;
            width = 0.0;
        }
        let range = current.get_or_insert(seg.range.start..seg.range.start);
        range.end = seg.range.end;
        width += seg.width;
        if seg.mandatory {
            lines.push(range.clone());
            current = None;
            width = 0.0;
        }
    }
    if let Some(range) = current {
        lines.push(range);
    }
    lines
}

/// Turns line ranges into placed runs.
fn finish(shaper: &mut Shaper<'_>, p: &Prepared<'_>, ranges: &[Range<usize>], size: f32) -> Laid {
    let mut lines = Vec::new();
    for range in ranges {
        let end = range.start + p.text[range.clone()].trim_end().len();
        let mut runs = Vec::new();
        let mut x = 0.0;
        let mut after_fallback = false;
        for item in &p.items {
            let a = item.range.start.max(range.start);
            let b = item.range.end.min(end);
            if a >= b {
                continue;
            }
            let text = &p.text[a..b];
            let width = shaper.advance(item.font, text) * size;
            let mut format = p.formats[item.format].format.clone();
            if let Some(family) = &item.family {
                let face = shaper.fonts().db().face(item.font);
                let styled = face.is_some_and(|f| {
                    f.weight.0 == format.weight && (f.style != Style::Normal) == format.italic
                });
                if !styled {
                    // The family has no face at this weight/style: name the face actually used.
                    if let Some(f) = face {
                        format.weight = f.weight.0;
                        format.italic = f.style != Style::Normal;
                    }
                }
                format.family = family.clone();
            }
            let chunk = !runs.is_empty() && (item.family.is_some() || after_fallback);
            after_fallback = item.family.is_some();
            runs.push(PlacedRun {
                text: text.to_string(),
                format,
                x,
                width,
                chunk,
            });
            x += width;
        }
        lines.push(Line { runs, width: x });
    }
    if lines.is_empty() {
        lines.push(Line {
            runs: Vec::new(),
            width: 0.0,
        });
    }
    Laid {
        lines,
        missing: p.missing.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    const EMOJI: &str = "Noto Color Emoji";

    fn fmt(weight: u16) -> RunFormat {
        RunFormat::plain("Inter", weight, "#000")
    }

    fn plain(text: &str) -> Vec<StyledText> {
        vec![StyledText {
            text: text.into(),
            format: fmt(400),
        }]
    }

    fn texts(laid: &Laid) -> Vec<String> {
        laid.lines.iter().map(Line::text).collect()
    }

    #[test]
    fn wraps_within_the_width() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let text = "Quantization reduces the dynamic range of the numbers your model can use.";
        for width in [300.0, 400.0, 888.0] {
            let laid = layout(&mut s, &plain(text), 40.0, width, EMOJI);
            for line in &laid.lines {
                assert!(
                    line.width <= width + 0.01,
                    "{} > {width}: {:?}",
                    line.width,
                    line.text()
                );
            }
            let joined = texts(&laid).join(" ");
            assert_eq!(joined, text, "no text dropped at {width}");
        }
    }

    #[test]
    fn long_words_break_between_graphemes() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let url = "https://example.com/".to_string() + &"a".repeat(120);
        let laid = layout(&mut s, &plain(&url), 40.0, 500.0, EMOJI);
        assert!(laid.lines.len() > 2);
        assert!(laid.lines.iter().all(|l| l.width <= 500.01));
        assert_eq!(texts(&laid).concat(), url);
    }

    #[test]
    fn min_content_width_is_the_widest_word() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let time = min_content_width(&mut s, &plain("08:00"), 40.0, EMOJI);
        let both = min_content_width(&mut s, &plain("08:00 Plan"), 40.0, EMOJI);
        let one_line = layout(&mut s, &plain("08:00"), 40.0, 1000.0, EMOJI).width();
        assert!((time - one_line).abs() < 0.01, "{time} vs {one_line}");
        assert!((both - time).abs() < 0.01, "the widest word is 08:00");
    }

    #[test]
    fn a_short_last_word_gets_company() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        // Find a width at which greedy filling leaves one short word on the last line.
        let text = "Don't just rely on task-specific accuracy scores; perplexity tells you about the fundamental language understanding of the model.";
        let runs = plain(text);
        let prepared = prepare(&mut s, &runs, EMOJI);
        let widths: Vec<f32> = (500..900).step_by(4).map(|w| w as f32).collect();
        let mut tested = 0;
        for width in widths {
            let segs = segments(&mut s, &prepared, 40.0, width);
            let greedy_lines = greedy(&segs, width);
            let last = &prepared.text[greedy_lines.last().unwrap().clone()];
            if greedy_lines.len() < 2 || last.trim().contains(' ') || last.trim().len() > 8 {
                continue;
            }
            tested += 1;
            let laid = layout(&mut s, &runs, 40.0, width, EMOJI);
            assert_eq!(
                laid.lines.len(),
                greedy_lines.len(),
                "same number of lines at {width}"
            );
            assert!(
                laid.lines.last().unwrap().text().trim().contains(' '),
                "widow left at {width}: {:?}",
                texts(&laid)
            );
            let squash = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(
                squash(&texts(&laid).concat()),
                squash(text),
                "no text dropped"
            );
        }
        assert!(tested > 0, "no width produced a widow to fix");
    }

    #[test]
    fn japanese_wraps_between_characters_in_its_own_font() {
        let site_fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let fonts = FontSet::load(&[site_fonts]).unwrap();
        let mut s = Shaper::new(&fonts);
        let text = "量子化は無料のランチではありません。モデルを小さく速くしますが、外れ値を壊すと推論能力が失われます。";
        let laid = layout(&mut s, &plain(text), 40.0, 600.0, EMOJI);
        assert!(laid.missing.is_empty(), "{:?}", laid.missing);
        assert!(laid.lines.len() >= 3);
        for line in &laid.lines {
            assert!(line.width <= 600.01, "{}", line.width);
            assert!(
                line.runs
                    .iter()
                    .all(|r| r.format.family == "Noto Sans CJK JP"),
                "{:?}",
                line.runs
            );
        }
        // No spaces in the text, yet every line but the last is filled close to the measure.
        for line in &laid.lines[..laid.lines.len() - 1] {
            assert!(line.width > 600.0 - 2.0 * 40.0, "{}", line.width);
        }
        assert_eq!(texts(&laid).concat(), text);
        // Closing punctuation never starts a line (UAX #14).
        assert!(
            laid.lines
                .iter()
                .all(|l| !l.text().starts_with(['。', '、']))
        );
    }

    #[test]
    fn hard_breaks_start_new_lines() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let laid = layout(&mut s, &plain("one\ntwo"), 40.0, 800.0, EMOJI);
        assert_eq!(texts(&laid), vec!["one", "two"]);
    }

    #[test]
    fn emoji_get_their_own_font_run() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let laid = layout(&mut s, &plain("❌ Junior 👍🏽 🇩🇪 👨‍👩‍👧"), 40.0, 2000.0, EMOJI);
        let families: Vec<(&str, &str)> = laid.lines[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.format.family.as_str()))
            .collect();
        assert_eq!(families[0], ("❌", EMOJI));
        assert_eq!(families[1], (" Junior ", "Inter"));
        assert!(
            families[2].0.starts_with("👍🏽") && families[2].1 == EMOJI,
            "{families:?}"
        );
        assert!(laid.missing.is_empty());
    }

    #[test]
    fn uncovered_characters_are_reported() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let laid = layout(&mut s, &plain("abc 日本"), 40.0, 800.0, EMOJI);
        assert_eq!(laid.missing, vec!['日', '本']);
    }

    #[test]
    fn mixed_styles_keep_positions_in_order() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let runs = vec![
            StyledText {
                text: "plain ".into(),
                format: fmt(400),
            },
            StyledText {
                text: "bold".into(),
                format: fmt(700),
            },
            StyledText {
                text: " tail".into(),
                format: fmt(400),
            },
        ];
        let laid = layout(&mut s, &runs, 40.0, 2000.0, EMOJI);
        let line = &laid.lines[0];
        assert_eq!(line.runs.len(), 3);
        assert_eq!(line.runs[1].format.weight, 700);
        assert!((line.runs[2].x - (line.runs[0].width + line.runs[1].width)).abs() < 0.01);
    }

    #[test]
    fn balanced_titles_avoid_an_orphan_word() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let title = "When is quantization a bad idea for production LLMs";
        let greedy = layout(&mut s, &plain(title), 96.0, 888.0, EMOJI);
        let balanced = layout_balanced(&mut s, &plain(title), 96.0, 888.0, EMOJI);
        assert_eq!(greedy.lines.len(), balanced.lines.len());
        let spread = |l: &Laid| {
            let w: Vec<f32> = l.lines.iter().map(|x| x.width).collect();
            w.iter().cloned().fold(0.0, f32::max) - w.iter().cloned().fold(f32::MAX, f32::min)
        };
        assert!(spread(&balanced) <= spread(&greedy));
        assert!(balanced.lines.last().unwrap().text().contains(' '));
    }
}
