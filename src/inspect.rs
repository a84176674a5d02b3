//! Inspecting a rendered slide the way a reader sees it: the usvg tree after text layout. Text
//! that leaves the safe area, text that overlaps other text, and glyphs drawn as missing-glyph
//! boxes are found here, from what will actually be drawn, not from what layout intended.

use resvg::usvg::{self, Group, Node, Rect, Tree};
use serde::Serialize;

use crate::formats::Format;

/// How far ink may reach into the margins before it counts as leaving the safe area, in px
/// (descenders and accents of the outermost lines).
pub(crate) const SAFE_SLACK: f32 = 16.0;
/// How much two text boxes may overlap before it counts, in px (accents and descenders of
/// tightly set display lines).
pub(crate) const OVERLAP_SLACK: f32 = 4.0;

/// What inspection found on one slide.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Findings {
    /// Text nodes whose ink leaves the safe area.
    pub overflow: Vec<String>,
    /// Pairs of text nodes whose ink overlaps.
    pub overlaps: Vec<(String, String)>,
    /// Text drawn with missing glyphs (glyph id 0).
    pub missing: Vec<String>,
    /// The tallest empty band between foreground elements, as a share of the canvas height
    /// (see [`max_gap`]).
    pub max_gap: f32,
}

impl Findings {
    /// True when nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.overflow.is_empty() && self.overlaps.is_empty() && self.missing.is_empty()
    }
}

struct TextBox {
    text: String,
    ink: Rect,
}

fn collect(group: &Group, out: &mut Vec<TextBox>, missing: &mut Vec<String>) {
    for node in group.children() {
        match node {
            Node::Group(g) => collect(g, out, missing),
            Node::Text(t) => {
                let text: String = t.chunks().iter().map(|c| c.text().to_string()).collect();
                for span in t.layouted() {
                    for glyph in span.positioned_glyphs.iter().filter(|g| g.id.0 == 0) {
                        if !glyph.text.trim().is_empty() {
                            missing.push(glyph.text.clone());
                        }
                    }
                }
                out.push(TextBox {
                    text,
                    ink: t.abs_stroke_bounding_box(),
                });
            }
            _ => {}
        }
    }
}

/// Checks every text node of a slide against the format's safe area and against each other.
pub(crate) fn inspect(tree: &Tree, format: &Format) -> Findings {
    let mut boxes = Vec::new();
    let mut findings = Findings::default();
    collect(tree.root(), &mut boxes, &mut findings.missing);
    // Ink is in output pixels; the safe area is in canvas units.
    let px = format.pixels;
    let safe = usvg::Rect::from_ltrb(
        (format.margin_left - SAFE_SLACK) * px,
        (format.margin_top - SAFE_SLACK) * px,
        (format.width - format.margin_right + SAFE_SLACK) * px,
        (format.height - format.margin_bottom + SAFE_SLACK) * px,
    );
    for b in &boxes {
        let outside = safe.is_some_and(|s| {
            b.ink.left() < s.left()
                || b.ink.top() < s.top()
                || b.ink.right() > s.right()
                || b.ink.bottom() > s.bottom()
        });
        if outside {
            findings.overflow.push(b.text.clone());
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let x = a.ink.right().min(b.ink.right()) - a.ink.left().max(b.ink.left());
            let y = a.ink.bottom().min(b.ink.bottom()) - a.ink.top().max(b.ink.top());
            if x > OVERLAP_SLACK * px && y > OVERLAP_SLACK * px {
                findings.overlaps.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    findings.missing.sort();
    findings.missing.dedup();
    findings.max_gap = max_gap(tree);
    findings
}

/// Id of the layout group that holds the background and pattern (not foreground).
const BACKGROUND_ID: &str = "background";

/// The tallest horizontal band of the canvas with no foreground element in it, between two
/// foreground elements, as a share of the canvas height. Foreground is everything outside the
/// layouts' `<g id="background">`: text, cards, images, rules and the chrome. A slide whose
/// content stops halfway above a footer at the bottom has a large gap; a balanced slide has small
/// gaps above and below its content block.
pub(crate) fn max_gap(tree: &Tree) -> f32 {
    let height = tree.size().height();
    let mut spans = Vec::new();
    foreground(tree.root(), height, &mut spans);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gap = 0.0f32;
    let mut reached: Option<f32> = None;
    for (top, bottom) in spans {
        if let Some(r) = reached {
            gap = gap.max(top - r);
        }
        reached = Some(reached.map_or(bottom, |r| r.max(bottom)));
    }
    gap / height
}

/// The vertical extent (top, bottom) of every drawn leaf outside the background group, clipped
/// to the canvas.
fn foreground(group: &Group, height: f32, out: &mut Vec<(f32, f32)>) {
    for node in group.children() {
        match node {
            Node::Group(g) if g.id() == BACKGROUND_ID => {}
            Node::Group(g) => foreground(g, height, out),
            leaf => {
                let b = leaf.abs_bounding_box();
                let (top, bottom) = (b.top().max(0.0), b.bottom().min(height));
                if bottom > top {
                    out.push((top, bottom));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    fn tree(body: &str) -> Tree {
        let fonts = FontSet::builtin();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350">{body}</svg>"#
        );
        Tree::from_str(&svg, &crate::render::options(&fonts)).unwrap()
    }

    fn findings(body: &str) -> Findings {
        inspect(&tree(body), &crate::formats::find("linkedin").unwrap())
    }

    #[test]
    fn the_largest_empty_band_between_foreground_elements_is_measured() {
        let rect = |y: u32, h: u32| format!(r#"<rect x="96" y="{y}" width="100" height="{h}"/>"#);
        let background = format!(r#"<g id="background">{}</g>"#, rect(0, 1350));
        let cases = [
            // Header at 80-176, content 224-400, footer 1174-1270: the gap under the content.
            (vec![rect(80, 96), rect(224, 176), rect(1174, 96)], 774.0),
            // Overlapping elements leave no gap between them.
            (vec![rect(100, 200), rect(150, 100), rect(290, 10)], 0.0),
            // The background does not count; empty space above the first element does not either.
            (vec![background, rect(500, 10), rect(710, 10)], 200.0),
            (vec![rect(500, 10)], 0.0),
        ];
        for (elements, want) in cases {
            let got = max_gap(&tree(&elements.concat()));
            assert!((got - want / 1350.0).abs() < 1e-4, "{elements:?}: {got}");
        }
    }

    #[test]
    fn clean_text_passes() {
        let f = findings(
            r#"<text x="96" y="300" font-family="Inter" font-size="40">Inside</text><text x="96" y="400" font-family="Inter" font-size="40">Apart</text>"#,
        );
        assert!(f.is_clean(), "{f:?}");
    }

    #[test]
    fn overflow_overlap_and_tofu_are_found() {
        let f = findings(concat!(
            r#"<text x="900" y="300" font-family="Inter" font-size="40">Too far right</text>"#,
            r#"<text x="96" y="500" font-family="Inter" font-size="40">One</text>"#,
            r#"<text x="100" y="505" font-family="Inter" font-size="40">Two</text>"#,
            r#"<text x="96" y="700" font-family="Inter" font-size="40">日本</text>"#,
        ));
        assert_eq!(f.overflow, vec!["Too far right".to_string()]);
        assert_eq!(f.overlaps, vec![("One".to_string(), "Two".to_string())]);
        assert!(!f.missing.is_empty(), "{f:?}");
    }
}
