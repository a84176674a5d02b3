//! Bidirectional text: a paragraph's base direction (the Unicode Bidirectional Algorithm's
//! rules P2-P3, or forced) and the visual order of the lines of a right-to-left paragraph (rules
//! L1-L2), so Arabic, Hebrew and Persian read right to left with numbers and Latin words inside
//! keeping their own order.
//!
//! usvg resolves bidi again inside every text chunk, always with a left-to-right base. So each
//! visual run of a right-to-left line is its own chunk at its own x, and a right-to-left run is
//! written between two RIGHT-TO-LEFT MARKs ([`rtl_chunk`]): the marks are invisible and
//! zero-width, and make the run's neutral ends (a full stop, a bracket) resolve right to left
//! as they do in the paragraph.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

use crate::config::TextDirection;

use super::StyledText;

/// U+200F RIGHT-TO-LEFT MARK.
const RLM: char = '\u{200F}';

/// Whether a paragraph of `runs` asked to be set as `dir` is right to left: forced, or its first
/// strong character (outside isolates) is right to left (rules P2-P3).
pub(crate) fn is_rtl(dir: TextDirection, runs: &[StyledText]) -> bool {
    match dir {
        TextDirection::Ltr => false,
        TextDirection::Rtl => true,
        TextDirection::Auto => runs_first_strong_is_rtl(runs).unwrap_or(false),
    }
}

/// Rules P2-P3: `Some(true)` if the first strong character (L, R or AL) outside isolates is
/// right to left, `None` when there is none.
pub(crate) fn first_strong_is_rtl(text: &str) -> Option<bool> {
    let mut isolates = 0usize;
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
            BidiClass::PDI => isolates = isolates.saturating_sub(1),
            BidiClass::L if isolates == 0 => return Some(false),
            BidiClass::R | BidiClass::AL if isolates == 0 => return Some(true),
            _ => {}
        }
    }
    None
}

/// Rules P2-P3 over a paragraph given as styled runs, without joining their text.
pub(crate) fn runs_first_strong_is_rtl(runs: &[StyledText]) -> Option<bool> {
    runs.iter().find_map(|r| first_strong_is_rtl(&r.text))
}

/// The text of a right-to-left run as written into the SVG: between two marks (see the module
/// documentation).
pub(crate) fn rtl_chunk(text: &str) -> String {
    format!("{RLM}{text}{RLM}")
}

/// A right-to-left paragraph's embedding levels, for reordering its lines.
pub(super) struct RtlParagraph<'t> {
    info: BidiInfo<'t>,
}

impl<'t> RtlParagraph<'t> {
    /// Resolves `text` with a right-to-left base level.
    pub(super) fn new(text: &'t str) -> Self {
        RtlParagraph {
            info: BidiInfo::new(text, Some(Level::rtl())),
        }
    }

    /// The runs of the line `line` (a byte range, trailing spaces excluded) from left to right,
    /// each with whether it is right to left (rule L2).
    pub(super) fn visual_runs(&self, line: Range<usize>) -> Vec<(Range<usize>, bool)> {
        if line.is_empty() {
            return Vec::new();
        }
        let Some(paragraph) = self
            .info
            .paragraphs
            .iter()
            .find(|p| p.range.start <= line.start && line.start < p.range.end)
        else {
            return vec![(line, true)];
        };
        let end = line.end.min(paragraph.range.end);
        let (levels, runs) = self.info.visual_runs(paragraph, line.start..end);
        runs.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| {
                let rtl = levels[r.start].is_rtl();
                (r, rtl)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_strong_character_sets_the_direction() {
        // (text, forced direction, right to left)
        let cases = [
            ("نموذج بسيط.", TextDirection::Auto, true),
            ("שלום עולם", TextDirection::Auto, true),
            ("٢. اعرف الـ baseline", TextDirection::Auto, true),
            ("2024: سنة", TextDirection::Auto, true),
            ("AWQ أو GPTQ", TextDirection::Auto, false),
            ("Hello", TextDirection::Auto, false),
            ("123 !", TextDirection::Auto, false),
            ("\u{2066}English\u{2069} عربي", TextDirection::Auto, true),
            ("Hello", TextDirection::Rtl, true),
            ("نموذج", TextDirection::Ltr, false),
        ];
        for (text, dir, want) in cases {
            let runs = [StyledText {
                text: text.to_string(),
                format: crate::text::RunFormat::plain("Inter", 400, "#000"),
            }];
            assert_eq!(is_rtl(dir, &runs), want, "{text:?} {dir:?}");
        }
    }

    #[test]
    fn lines_are_reordered_for_display() {
        let text = "نموذج بسيط.";
        let p = RtlParagraph::new(text);
        let runs = p.visual_runs(0..text.len());
        // One right-to-left run holding the full stop: drawn at its left end.
        assert_eq!(runs, vec![(0..text.len(), true)]);
        let text = "قِس الحيرة (perplexity) قبل";
        let p = RtlParagraph::new(text);
        let runs: Vec<(&str, bool)> = p
            .visual_runs(0..text.len())
            .into_iter()
            .map(|(r, rtl)| (&text[r], rtl))
            .collect();
        // From the left: the last Arabic word, the Latin word in its own order, the first words.
        assert_eq!(
            runs,
            vec![
                (") قبل", true),
                ("perplexity", false),
                ("قِس الحيرة (", true),
            ],
            "{runs:?}"
        );
    }
}
