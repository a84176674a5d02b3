//! Text layout: resvg does not wrap text, so we do. Styled runs are split into font runs (emoji
//! get the emoji family explicitly, since usvg's fallback breaks multi-code-point emoji), broken
//! into lines at UAX #14 opportunities, and measured with the same shaping usvg uses.

pub(crate) mod bidi;
mod font_runs;
mod line_break;
mod runs;
pub(crate) mod shape;

use std::ops::Range;

use resvg::usvg::fontdb::Style;

use crate::config::TextDirection;

use font_runs::{Item, Prepared, prepare};
use line_break::{avoid_widow, greedy, segments};

pub(crate) use line_break::Wrap;

pub(crate) use runs::{Laid, Line, PlacedRun, RunFormat, StyledText};
pub(crate) use shape::{Metrics, Shaper};

/// Iterations of the width search that balances line lengths.
const BALANCE_STEPS: usize = 12;

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setting<'a> {
    /// Type size, in px.
    pub size: f32,
    /// The measure: no line is wider, in px.
    pub width: f32,
    /// The colour emoji family.
    pub emoji: &'a str,
    /// How a word too wide for a line is cut.
    pub wrap: Wrap,
    /// The paragraph's base direction.
    pub dir: TextDirection,
}

/// Lays out `runs` at `size` px into lines no wider than `max_width` (greedy, first fit), the
/// direction found from the text.
pub(crate) fn layout(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    size: f32,
    max_width: f32,
    emoji: &str,
) -> Laid {
    let setting = Setting {
        size,
        width: max_width,
        emoji,
        wrap: Wrap::Prose,
        dir: TextDirection::Auto,
    };
    layout_with(shaper, runs, &setting)
}

/// Lays out `runs` as `setting` says: greedy, first fit, a one-word last line of prose avoided.
pub(crate) fn layout_with(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    setting: &Setting<'_>,
) -> Laid {
    let Setting {
        size, width, wrap, ..
    } = *setting;
    let rtl = bidi::is_rtl(setting.dir, runs);
    let prepared = prepare(shaper, runs, setting.emoji, rtl);
    let segments = segments(shaper, &prepared, size, width, wrap);
    let mut ranges = greedy(&segments, width);
    if wrap == Wrap::Prose {
        ranges = avoid_widow(&segments, ranges, width);
    }
    finish(shaper, &prepared, &ranges, (size, width), rtl)
}

/// Like [`layout_with`], but with line lengths balanced: the narrowest width that still gives
/// the same number of lines. For titles and headings.
pub(crate) fn layout_balanced(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    setting: &Setting<'_>,
) -> Laid {
    let Setting { size, width, .. } = *setting;
    let rtl = bidi::is_rtl(setting.dir, runs);
    let prepared = prepare(shaper, runs, setting.emoji, rtl);
    let segments = segments(shaper, &prepared, size, width, setting.wrap);
    let ranges = greedy(&segments, width);
    if ranges.len() < 2 {
        return finish(shaper, &prepared, &ranges, (size, width), rtl);
    }
    let (mut lo, mut hi) = (width / 2.0, width);
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
    finish(shaper, &prepared, &best, (size, width), rtl)
}

/// The width of the widest piece that cannot be broken (a word, a number like `08:00`): the
/// narrowest box that holds the text without breaking inside a word.
pub(crate) fn min_content_width(
    shaper: &mut Shaper<'_>,
    runs: &[StyledText],
    size: f32,
    emoji: &str,
) -> f32 {
    let prepared = prepare(shaper, runs, emoji, false);
    segments(shaper, &prepared, size, f32::INFINITY, Wrap::Prose)
        .iter()
        .map(|s| s.trimmed)
        .fold(0.0, f32::max)
}

/// Turns line ranges into placed runs: in logical order for a left-to-right paragraph (usvg
/// orders the glyphs of mixed text inside it), in visual order for a right-to-left one.
fn finish(
    shaper: &mut Shaper<'_>,
    p: &Prepared<'_>,
    ranges: &[Range<usize>],
    (size, measure): (f32, f32),
    rtl: bool,
) -> Laid {
    let paragraph = rtl.then(|| bidi::RtlParagraph::new(&p.text));
    let mut lines = Vec::new();
    for range in ranges {
        let end = range.start + p.text[range.clone()].trim_end().len();
        let pieces = match &paragraph {
            Some(paragraph) => paragraph.visual_runs(range.start..end),
            None => vec![(range.start..end, false)],
        };
        let mut line = LineBuilder {
            rtl,
            ..LineBuilder::default()
        };
        for (run, run_rtl) in pieces {
            let mut items: Vec<&Item> = p.items.iter().collect();
            if run_rtl {
                items.reverse();
            }
            for item in items {
                let a = item.range.start.max(run.start);
                let b = item.range.end.min(run.end);
                if a < b {
                    line.push(shaper, p, item, (a..b, run_rtl), size);
                }
            }
        }
        lines.push(Line {
            width: line.x,
            runs: line.runs,
        });
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
        rtl,
        measure,
    }
}

/// A line's runs being placed from the left.
#[derive(Default)]
struct LineBuilder {
    runs: Vec<PlacedRun>,
    x: f32,
    after_fallback: bool,
    /// The line belongs to a right-to-left paragraph.
    rtl: bool,
}

impl LineBuilder {
    /// Places the text of `item` in `range` next, right to left if `rtl`.
    fn push(
        &mut self,
        shaper: &mut Shaper<'_>,
        p: &Prepared<'_>,
        item: &Item,
        (range, rtl): (Range<usize>, bool),
        size: f32,
    ) {
        let start = range.start;
        let text = &p.text[range];
        let width = if rtl {
            shaper.advance(item.font, &bidi::rtl_chunk(text))
        } else {
            shaper.advance(item.font, text)
        } * size;
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
        // In a right-to-left paragraph every run is a chunk of its own (see `bidi`).
        let chunk =
            !self.runs.is_empty() && (item.family.is_some() || self.after_fallback || self.rtl);
        self.after_fallback = item.family.is_some();
        self.runs.push(PlacedRun {
            text: text.to_string(),
            format,
            x: self.x,
            width,
            chunk,
            rtl,
            start,
        });
        self.x += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    pub(super) const EMOJI: &str = "Noto Color Emoji";

    fn fmt(weight: u16) -> RunFormat {
        RunFormat::plain("Inter", weight, "#000")
    }

    pub(super) fn plain(text: &str) -> Vec<StyledText> {
        vec![StyledText {
            text: text.into(),
            format: fmt(400),
        }]
    }

    pub(super) fn texts(laid: &Laid) -> Vec<String> {
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

    /// A setting in the test's emoji font, the direction found from the text.
    pub(super) fn setting(size: f32, width: f32, wrap: Wrap) -> Setting<'static> {
        Setting {
            size,
            width,
            emoji: EMOJI,
            wrap,
            dir: TextDirection::Auto,
        }
    }

    /// The bundled fonts and the example site's (Noto Sans CJK JP among them).
    fn site_fonts() -> FontSet {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        FontSet::load(&[dir]).unwrap()
    }

    /// A line of Japanese broken between phrases is at least this full.
    const MIN_PHRASE_FILL: f32 = 0.6;

    #[test]
    fn japanese_breaks_between_phrases() {
        let fonts = site_fonts();
        let mut s = Shaper::new(&fonts);
        let text = "失敗したときの処理を後回しにしない。仕様書を先に書いて、外側から考える。";
        // Words a line must not cut: (first part, rest).
        let words = [
            ("処", "理"),
            ("仕", "様書"),
            ("仕様", "書"),
            ("外", "側"),
            ("後", "回し"),
        ];
        for width in (160..=720).step_by(8) {
            let laid = layout(&mut s, &plain(text), 40.0, width as f32, EMOJI);
            let lines = texts(&laid);
            assert_eq!(lines.concat(), text, "nothing lost");
            for pair in lines.windows(2) {
                for (head, tail) in words {
                    assert!(
                        !(pair[0].ends_with(head) && pair[1].starts_with(tail)),
                        "{width}: {lines:?}"
                    );
                }
            }
        }
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
        let prepared = prepare(&mut s, &runs, EMOJI, false);
        let widths: Vec<f32> = (500..900).step_by(4).map(|w| w as f32).collect();
        let mut tested = 0;
        for width in widths {
            let segs = segments(&mut s, &prepared, 40.0, width, Wrap::Prose);
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
    fn japanese_wraps_in_its_own_font() {
        let fonts = site_fonts();
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
        // No spaces in the text, yet every line but the last is well filled: phrases are short.
        for line in &laid.lines[..laid.lines.len() - 1] {
            assert!(line.width > 600.0 * MIN_PHRASE_FILL, "{}", line.width);
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
        let balanced = layout_balanced(&mut s, &plain(title), &setting(96.0, 888.0, Wrap::Prose));
        assert_eq!(greedy.lines.len(), balanced.lines.len());
        let spread = |l: &Laid| {
            let w: Vec<f32> = l.lines.iter().map(|x| x.width).collect();
            w.iter().cloned().fold(0.0, f32::max) - w.iter().cloned().fold(f32::MAX, f32::min)
        };
        assert!(spread(&balanced) <= spread(&greedy));
        assert!(balanced.lines.last().unwrap().text().contains(' '));
    }
}
