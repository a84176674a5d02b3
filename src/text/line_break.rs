//! Line breaking: the paragraph is cut into segments at UAX #14 break opportunities (a piece
//! wider than the line is cut between graphemes), measured, and filled into lines first fit,
//! with a narrower measure tried when that leaves a one-word last line.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::Shaper;
use super::font_runs::Prepared;

/// Rounding tolerance when comparing widths, in px: a box exactly as wide as its text holds it.
const WIDTH_EPSILON: f32 = 0.01;
/// A one-word last line narrower than this share of the measure is a widow worth fixing.
const WIDOW_SHARE: f32 = 0.3;
/// Narrowest measure tried to fix a widow, as a share of the full measure.
const WIDOW_MIN_MEASURE: f32 = 0.8;
/// Step of the widow search, as a share of the full measure.
const WIDOW_STEP: f32 = 0.02;

/// A stretch between two break opportunities.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    range: Range<usize>,
    width: f32,
    pub(super) trimmed: f32,
    mandatory: bool,
    /// The first piece of a word too wide for a line: start it on a fresh line.
    fresh_line: bool,
}

/// If the last line is one short word, tries slightly narrower measures that keep the same
/// number of lines but bring a second word down.
pub(super) fn avoid_widow(
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
pub(super) fn segments(
    shaper: &mut Shaper<'_>,
    p: &Prepared<'_>,
    size: f32,
    max_width: f32,
) -> Vec<Segment> {
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
pub(super) fn greedy(segments: &[Segment], max_width: f32) -> Vec<Range<usize>> {
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
