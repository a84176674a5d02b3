//! Line breaking: the paragraph is cut into segments at UAX #14 break opportunities (a piece
//! wider than the line is cut between graphemes), measured, and filled into lines first fit,
//! with a narrower measure tried when that leaves a one-word last line.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::Shaper;
use super::font_runs::{Prepared, is_emoji_grapheme};

/// Rounding tolerance when comparing widths, in px: a box exactly as wide as its text holds it.
const WIDTH_EPSILON: f32 = 0.01;
/// A one-word last line narrower than this share of the measure is a widow worth fixing.
const WIDOW_SHARE: f32 = 0.3;
/// Narrowest measure tried to fix a widow, as a share of the full measure.
const WIDOW_MIN_MEASURE: f32 = 0.8;
/// Step of the widow search, as a share of the full measure.
const WIDOW_STEP: f32 = 0.02;

/// Characters after which a code token too wide for its line is cut before it is cut between
/// graphemes: separators, openers, assignment and member access.
const CODE_BREAKS: &[char] = &[',', ';', '=', '(', '[', '{', '.', ':', '/', '&', '|', '>'];

/// How text too wide for its line is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Between graphemes.
    Prose,
    /// After separators and operators ([`CODE_BREAKS`]), then between graphemes.
    Code,
}

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
    wrap: Wrap,
) -> Vec<Segment> {
    let mut cut = Cut {
        shaper,
        p,
        size,
        max_width,
        out: Vec::new(),
    };
    let mut start = 0;
    let code = code_spans(p);
    let phrases = phrase_breaks(&p.text);
    // The break opportunities skipped since `start`, where a piece too wide for a line is cut
    // first: the spaces inside inline code, the slashes of prose.
    let mut inner = Vec::new();
    for (end, op) in linebreaks(&p.text) {
        let mandatory = op == BreakOpportunity::Mandatory;
        // Japanese and Chinese break only between phrases, inline code (`git reset --soft`)
        // not at all: either is cut further only when it must.
        if !mandatory && inside_phrase(&p.text, &phrases, end) {
            continue;
        }
        let in_code = code.iter().any(|r| r.start < end && end < r.end);
        let before = &p.text[..end];
        // A word with a slash (`Tokens/s`, `and/or`), a time and its `AM`, an emoji and its
        // punctuation are cut apart only when they must.
        if !mandatory && (in_code || before.ends_with('/') || glued(&p.text, end)) {
            if before.ends_with(char::is_whitespace) || !in_code {
                inner.push(end);
            }
            continue;
        }
        if !cut.push(start..end, mandatory, false) {
            let code_wrap =
                wrap == Wrap::Code || code.iter().any(|r| r.start < end && start < r.end);
            let bounds: Vec<usize> = inner.iter().copied().chain([end]).collect();
            let mut from = start;
            for (i, &to) in bounds.iter().enumerate() {
                cut.push_cut(from..to, mandatory && i + 1 == bounds.len(), code_wrap);
                from = to;
            }
        }
        inner.clear();
        start = end;
    }
    cut.out
}

/// Words that follow a number as part of it: `12:01 AM`, `11 p.m.`.
const AFTER_NUMBER: [&str; 6] = ["AM", "PM", "am", "pm", "a.m.", "p.m."];

/// True when a break at byte `at` of `text` (after a space) would part what reads as one: a
/// number from its `AM`/`PM`, a word from an emoji that ends its clause (`comments 👇,`).
fn glued(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    if !before.ends_with(' ') {
        return false;
    }
    let word = after.split(char::is_whitespace).next().unwrap_or_default();
    let number = before.trim_end().ends_with(|c: char| c.is_ascii_digit());
    let meridiem = AFTER_NUMBER.iter().any(|m| {
        word.strip_prefix(m)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_punctuation()))
    });
    let mut graphemes = word.graphemes(true);
    let emoji = graphemes.next().is_some_and(is_emoji_grapheme) && {
        let rest: String = graphemes.filter(|g| !is_emoji_grapheme(g)).collect();
        !rest.is_empty() && rest.chars().all(|c| ",.;:!?)".contains(c))
    };
    (number && meridiem) || emoji
}

/// Ideographs, kana and the CJK punctuation and full-width forms around them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}' // CJK punctuation, hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
        | '\u{20000}'..='\u{2FA1F}')
}

/// The byte offsets between the phrases of the text's Japanese or Chinese (BudouX, the phrase
/// model Chromium's `word-break: auto-phrase` uses): Japanese when it has kana, else
/// simplified Chinese; empty without ideographs or kana.
fn phrase_breaks(text: &str) -> Vec<usize> {
    if !text.chars().any(is_cjk) {
        return Vec::new();
    }
    let kana = text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}'));
    let model = if kana {
        budoux::models::default_japanese_model()
    } else {
        budoux::models::default_simplified_chinese_model()
    };
    let mut at = 0;
    let mut out = Vec::new();
    for phrase in budoux::parse(model, text) {
        at += phrase.len();
        out.push(at);
    }
    out
}

/// True when a break at byte `at` of `text` falls between two CJK characters inside a phrase.
fn inside_phrase(text: &str, phrases: &[usize], at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before.is_some_and(is_cjk) && after.is_some_and(is_cjk) && phrases.binary_search(&at).is_err()
}

/// The byte ranges of the paragraph's inline code runs.
fn code_spans(p: &Prepared<'_>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for item in &p.items {
        if !p.formats[item.format].format.code {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == item.range.start => last.end = item.range.end,
            _ => out.push(item.range.clone()),
        }
    }
    out
}

/// `range` of `text` cut after every [`CODE_BREAKS`] character.
fn code_pieces(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    for (i, ch) in text[range.clone()].char_indices() {
        let end = range.start + i + ch.len_utf8();
        // A full stop is member access only before a name: `0.5` and `...` stay whole.
        let next = text[end..range.end].chars().next();
        let member = ch != '.' || next.is_some_and(|n| n.is_alphabetic() || n == '_');
        if CODE_BREAKS.contains(&ch) && member && end < range.end {
            pieces.push(start..end);
            start = end;
        }
    }
    pieces.push(start..range.end);
    pieces
}

/// The paragraph being cut into measured segments.
struct Cut<'s, 'f, 'p> {
    shaper: &'s mut Shaper<'f>,
    p: &'p Prepared<'p>,
    size: f32,
    max_width: f32,
    out: Vec<Segment>,
}

impl Cut<'_, '_, '_> {
    /// Adds `range` as one segment if it fits a line (or is a single character); false if it is
    /// too wide and must be cut further.
    fn push(&mut self, range: Range<usize>, mandatory: bool, fresh_line: bool) -> bool {
        let text = &self.p.text;
        let trimmed_end = range.start + text[range.clone()].trim_end().len();
        let trimmed = measure(self.shaper, self.p, range.start..trimmed_end, self.size);
        if trimmed > self.max_width + WIDTH_EPSILON && trimmed_end - range.start > 1 {
            return false;
        }
        let width = measure(self.shaper, self.p, range.clone(), self.size);
        self.out.push(Segment {
            range,
            width,
            trimmed,
            mandatory,
            fresh_line,
        });
        true
    }

    /// Adds `range` as one segment if it fits a line, else cut: after [`CODE_BREAKS`] when
    /// `code` (the first piece on a fresh line), then between graphemes.
    fn push_cut(&mut self, range: Range<usize>, mandatory: bool, code: bool) {
        if self.push(range.clone(), mandatory, false) {
            return;
        }
        let pieces = if code {
            code_pieces(&self.p.text, range)
        } else {
            vec![range]
        };
        let last = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            let mandatory = mandatory && i == last;
            if !self.push(piece.clone(), mandatory, i == 0) {
                self.graphemes(piece, mandatory, i == 0);
            }
        }
    }

    /// Adds `range` as one segment per grapheme: the last resort for a piece too wide alone.
    fn graphemes(&mut self, range: Range<usize>, mandatory: bool, fresh_line: bool) {
        let text = &self.p.text;
        let graphemes: Vec<(usize, &str)> = text[range.clone()].grapheme_indices(true).collect();
        let count = graphemes.len();
        for (i, (offset, g)) in graphemes.into_iter().enumerate() {
            let a = range.start + offset;
            let r = a..a + g.len();
            let width = measure(self.shaper, self.p, r.clone(), self.size);
            let trimmed = if g.trim().is_empty() { 0.0 } else { width };
            self.out.push(Segment {
                range: r,
                width,
                trimmed,
                mandatory: mandatory && i + 1 == count,
                fresh_line: fresh_line && i == 0,
            });
        }
    }
}

/// First-fit line filling; returns each line's byte range.
pub(super) fn greedy(segments: &[Segment], max_width: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut width = 0.0;
    // Whether the current line holds more than spaces (an indent stays with what follows it).
    let mut has_text = false;
    for seg in segments {
        if let Some(range) = &current
            && (width + seg.trimmed > max_width + WIDTH_EPSILON || (seg.fresh_line && has_text))
        {
            lines.push(range.clone());
            current = None;
            width = 0.0;
            has_text = false;
        }
        let range = current.get_or_insert(seg.range.start..seg.range.start);
        range.end = seg.range.end;
        width += seg.width;
        has_text |= seg.trimmed > 0.0;
        if seg.mandatory {
            lines.push(range.clone());
            current = None;
            width = 0.0;
            has_text = false;
        }
    }
    if let Some(range) = current {
        lines.push(range);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::Wrap;
    use crate::fonts::FontSet;
    use crate::text::tests::{EMOJI, plain, setting, texts};
    use crate::text::{Shaper, layout, layout_with};

    #[test]
    fn a_long_code_token_is_cut_after_a_separator() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let code = "    scale_by_multiplier_for_quantized_layers(weights,multiplier=0.5)";
        let runs = plain(code);
        let width = layout(&mut s, &runs, 40.0, f32::MAX, EMOJI).width() * 0.8;
        // (wrap, where the first line must end)
        let cases = [(Wrap::Code, "weights,"), (Wrap::Prose, "")];
        for (wrap, ends_with) in cases {
            let laid = layout_with(&mut s, &runs, &setting(40.0, width, wrap));
            let lines = texts(&laid);
            assert_eq!(lines.concat(), code, "{wrap:?}: nothing lost");
            assert!(laid.lines.iter().all(|l| l.width <= width + 0.01));
            assert!(lines.len() >= 2, "{wrap:?}: {lines:?}");
            assert!(lines[0].ends_with(ends_with), "{wrap:?}: {lines:?}");
            if wrap == Wrap::Code {
                assert!(lines.iter().all(|l| !l.ends_with("0.")), "{lines:?}");
            }
        }
    }

    #[test]
    fn inline_code_stays_whole_on_a_line_it_fits_and_breaks_only_at_its_spaces() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let mut runs = plain("Unstage it with ");
        let mut code = plain("git restore --staged")[0].clone();
        code.format.code = true;
        let code_width = layout(&mut s, std::slice::from_ref(&code), 40.0, f32::MAX, EMOJI).width();
        runs.push(code);
        runs.extend(plain(" and try again."));
        // Every width at which the prose wraps: the command is on one line when it fits one,
        // and `--staged` is never cut at its hyphens.
        for width in (200..=700).step_by(20) {
            let laid = layout(&mut s, &runs, 40.0, width as f32, EMOJI);
            let lines = texts(&laid);
            assert!(
                lines.iter().all(|l| !l.trim_end().ends_with('-')),
                "{width}: {lines:?}"
            );
            let whole = lines.iter().any(|l| l.contains("git restore --staged"));
            assert_eq!(whole, code_width <= width as f32, "{width}: {lines:?}");
        }
    }

    #[test]
    fn a_time_keeps_its_am_and_an_emoji_its_word() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        // (text, what no line may start with)
        let cases = [
            (
                "The launch goes live at 12:01 AM PT on Thursday morning.",
                "AM",
            ),
            ("Doors open at 11 p.m. sharp, so come early.", "p.m."),
            (
                "Tell me in the comments 👇, then share it with a friend.",
                "👇",
            ),
        ];
        for (text, never_first) in cases {
            // Wide enough for the glued pair, narrow enough to wrap.
            for width in (320..=900).step_by(10) {
                let lines = texts(&layout(&mut s, &plain(text), 40.0, width as f32, EMOJI));
                assert!(
                    lines.iter().all(|l| !l.starts_with(never_first)),
                    "{width}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn inline_code_too_wide_for_a_line_is_cut_after_a_separator() {
        let fonts = FontSet::builtin();
        let mut s = Shaper::new(&fonts);
        let mut runs = plain("Copy it into ");
        let mut code = plain(".github/pull_request_template.md")[0].clone();
        code.format.code = true;
        let code_width = layout(&mut s, std::slice::from_ref(&code), 40.0, f32::MAX, EMOJI).width();
        runs.push(code);
        let width = code_width * 0.9;
        let lines = texts(&layout(&mut s, &runs, 40.0, width, EMOJI));
        // Lines are trimmed: compare without the spaces.
        let squeezed = |t: &str| t.replace(' ', "");
        assert_eq!(
            squeezed(&lines.concat()),
            squeezed("Copy it into .github/pull_request_template.md")
        );
        assert!(lines.iter().any(|l| l.ends_with(".github/")), "{lines:?}");
    }
}
