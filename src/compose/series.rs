//! Numbered series: slides whose headings count (`## 1. Pick one question`, `## 2) ...`,
//! `## Step 3`) are read as one sequence, so they are set alike. A slide that is a heading and
//! one paragraph is a statement when the paragraph is short and content when it is not; in a
//! series where both happen, the content slides become statements too when their paragraphs
//! are within [`SERIES`] (a statement's supporting line may run longer there), and otherwise
//! the statements are set as content. Slides with a layout class keep it.

use crate::content::markup::{Block, plain_text};
use crate::content::{Slide, SlideKind};

use super::layout::{self, Layout, StatementLimits, statement_parts_within};

/// A statement's supporting paragraph in a series: up to this long, to match its siblings.
pub(crate) const SERIES: StatementLimits = StatementLimits {
    line: 240,
    sentences: 3,
};

/// The layout a slide is set in, and the supporting paragraph its statement may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Choice {
    /// The layout.
    pub layout: Layout,
    /// How long a statement's supporting paragraph may be.
    pub limits: StatementLimits,
}

/// Each slide's layout, series set alike.
pub(super) fn choices(slides: &[Slide]) -> Vec<Choice> {
    let mut out: Vec<Choice> = slides
        .iter()
        .map(|s| Choice {
            layout: layout::choose(s),
            limits: layout::STATEMENT,
        })
        .collect();
    let members: Vec<usize> = (0..slides.len())
        .filter(|&i| slides[i].kind == SlideKind::Content && is_member(&slides[i]))
        .collect();
    if members.len() < 2 {
        return out;
    }
    let with = |layout: Layout| -> Vec<usize> {
        let chosen = members.iter().copied();
        chosen.filter(|&i| out[i].layout == layout).collect()
    };
    let (statements, contents) = (with(Layout::Statement), with(Layout::Content));
    if statements.is_empty() || contents.is_empty() {
        return out;
    }
    let promote = contents
        .iter()
        .all(|&i| statement_parts_within(&slides[i], SERIES).is_some());
    if promote {
        for i in contents {
            out[i] = Choice {
                layout: Layout::Statement,
                limits: SERIES,
            };
        }
    } else {
        for i in statements {
            out[i].layout = Layout::Content;
        }
    }
    out
}

/// True for a slide of a series that could be either layout: a counted heading over one
/// paragraph, with no layout class.
fn is_member(slide: &Slide) -> bool {
    let counted = slide
        .heading
        .as_ref()
        .is_some_and(|h| ordinal(&plain_text(h)).is_some());
    let classed = slide
        .classes
        .iter()
        .any(|c| Layout::from_class(c).is_some());
    counted && !classed && matches!(slide.blocks.as_slice(), [Block::Paragraph { .. }])
}

/// The number a heading counts with: `1. `, `2) `, `3: `, `Step 4`.
fn ordinal(heading: &str) -> Option<u32> {
    let text = heading.trim();
    let step = text
        .get(..5)
        .filter(|w| w.eq_ignore_ascii_case("step "))
        .map(|_| &text[5..]);
    let rest = step.unwrap_or(text);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let (number, after) = rest.split_at(digits);
    let marked = match step {
        Some(_) => after.is_empty() || after.starts_with([' ', ':', '.']),
        None => [". ", ") ", ": "].iter().any(|m| after.starts_with(m)),
    };
    marked.then(|| number.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markup::parse_sections;

    #[test]
    fn headings_that_count_are_found() {
        // (heading, number)
        let cases = [
            ("1. Pick one question", Some(1)),
            ("12) Fan out late", Some(12)),
            ("3: Decide", Some(3)),
            ("Step 4", Some(4)),
            ("step 5: follow up", Some(5)),
            ("2026 in review", None),
            ("3.5 million users", None),
            ("10x faster", None),
            ("Steps to take", None),
            ("1234. Too many", None),
        ];
        for (heading, want) in cases {
            assert_eq!(ordinal(heading), want, "{heading}");
        }
    }

    fn layouts(md: &str) -> Vec<Layout> {
        let slides: Vec<Slide> = parse_sections(md, 2, 0)
            .into_iter()
            .filter(|s| s.heading.is_some())
            .map(|s| Slide {
                heading: s.heading,
                classes: s.classes,
                blocks: s.blocks,
                ..layout::test_slide("## x\n")
            })
            .collect();
        choices(&slides).iter().map(|c| c.layout).collect()
    }

    #[test]
    fn a_series_is_set_alike() {
        let long = "An offsite answers one question the team cannot answer from their desks. \
                    Write it down before you book a room, a train or a caterer.";
        let too_long = "word ".repeat(60);
        // (post, layouts)
        let cases = [
            // A paragraph a little long for a statement joins its siblings.
            (
                format!(
                    "## 1. Pick one question\n\n{long}\n\n## 2. Protect the afternoon\n\nShort.\n"
                ),
                vec![Layout::Statement, Layout::Statement],
            ),
            // One too long for any statement: the series is set as content.
            (
                format!(
                    "## 1. Pick one question\n\n{too_long}\n\n## 2. Protect the afternoon\n\nShort.\n"
                ),
                vec![Layout::Content, Layout::Content],
            ),
            // Not a series: each slide keeps its own layout.
            (
                format!("## Pick one question\n\n{long}\n\n## Protect the afternoon\n\nShort.\n"),
                vec![Layout::Content, Layout::Statement],
            ),
            // A layout class is kept.
            (
                format!(
                    "## 1. Pick one question {{.content}}\n\n{long}\n\n## 2. Protect the afternoon\n\nShort.\n\n## 3. Decide in the room\n\n{long}\n"
                ),
                vec![Layout::Content, Layout::Statement, Layout::Statement],
            ),
        ];
        for (md, want) in cases {
            assert_eq!(layouts(&md), want, "{md}");
        }
    }
}
