//! Font runs: each grapheme of the styled runs gets the face that draws it (the run's own, the
//! colour emoji font, or a fallback face that covers it), and neighbours with the same format
//! and face are merged into one run.

use std::ops::Range;

use resvg::usvg::fontdb::ID;
use unicode_segmentation::UnicodeSegmentation;

use super::{RunFormat, Shaper, StyledText};

/// A font run: a byte range of the paragraph text drawn with one format and face.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) range: Range<usize>,
    pub(super) format: usize,
    pub(super) font: ID,
    pub(super) family: Option<String>,
}

/// A prepared paragraph: text, formats, font runs and segments at one size.
pub(super) struct Prepared<'t> {
    pub(super) text: String,
    pub(super) formats: &'t [StyledText],
    pub(super) items: Vec<Item>,
    pub(super) missing: Vec<char>,
}

/// True for graphemes that should be drawn with the colour emoji font.
pub(super) fn is_emoji_grapheme(g: &str) -> bool {
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

/// Characters with no direction of their own: spaces and punctuation.
fn is_neutral(c: char) -> bool {
    use unicode_bidi::BidiClass::{CS, ES, ET, ON, WS};
    matches!(unicode_bidi::bidi_class(c), WS | ON | CS | ES | ET)
}

/// Splits the styled runs into font runs by coverage. With `spaces_join`, a space or a
/// punctuation mark after text in a fallback font is set in that font when it has one, so
/// right-to-left sentences stay in one run (one text chunk, whose spaces a PDF reader keeps).
pub(super) fn prepare<'t>(
    shaper: &mut Shaper<'_>,
    runs: &'t [StyledText],
    emoji_family: &str,
    spaces_join: bool,
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
            let (mut font, mut family) =
                pick_font(shaper, g, primary, emoji, emoji_family, f, &mut missing);
            if spaces_join
                && g.chars().all(is_neutral)
                && let Some(last) = items.last()
                && last.format == index
                && last.family.is_some()
                && g.chars().all(|c| shaper.covers(last.font, c))
            {
                (font, family) = (last.font, last.family.clone());
            }
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
