//! Background patterns drawn as one plain SVG path. resvg fills `<pattern>` through a bicubic
//! image shader, which costs more than the rest of a slide; a path of dots or lines is cheap.

use std::fmt::Write;

use serde::Serialize;

use crate::theme::Pattern;

/// A pattern ready for a template: `<path d="{{ d }}">` stroked with `width`; `round` caps
/// turn the zero-length segments of a dot pattern into dots (much cheaper to parse and render
/// than arcs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatternPath {
    /// Path data; empty for `none`.
    pub d: String,
    /// Stroke width.
    pub width: f32,
    /// Round line caps (dots).
    pub round: bool,
}

/// Smallest spacing accepted, so a typo cannot produce millions of shapes.
const MIN_SPACING: f32 = 8.0;

/// Builds the path of a pattern over a `width` x `height` canvas.
pub fn path(pattern: &Pattern, width: f32, height: f32) -> PatternPath {
    let s = pattern.spacing.max(MIN_SPACING);
    let r = pattern.size;
    let mut d = String::new();
    let round = pattern.kind == "dots";
    match pattern.kind.as_str() {
        "dots" => {
            let mut y = s / 2.0;
            while y < height {
                let mut x = s / 2.0;
                while x < width {
                    let _ = write!(d, "M{x:.1} {y:.1}h0");
                    x += s;
                }
                y += s;
            }
        }
        "grid" => {
            let mut x = s;
            while x < width {
                let _ = write!(d, "M{x:.1} 0V{height}");
                x += s;
            }
            let mut y = s;
            while y < height {
                let _ = write!(d, "M0 {y:.1}H{width}");
                y += s;
            }
        }
        "diagonal" => {
            let step = s * std::f32::consts::SQRT_2;
            let mut x = -height;
            while x < width {
                let _ = write!(d, "M{x:.1} {height}L{:.1} 0", x + height);
                x += step;
            }
        }
        _ => {}
    }
    let width = if round { 2.0 * r } else { r };
    PatternPath { d, width, round }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(kind: &str, spacing: f32) -> Pattern {
        Pattern {
            kind: kind.into(),
            spacing,
            size: 2.0,
            opacity: 0.1,
        }
    }

    #[test]
    fn each_kind_draws_something_or_nothing() {
        let cases = [
            ("dots", true, 27 * 34),
            ("grid", false, 26 + 33),
            ("diagonal", false, 0),
            ("none", false, 0),
        ];
        for (kind, round, shapes) in cases {
            let p = path(&pattern(kind, 40.0), 1080.0, 1350.0);
            assert_eq!(p.round, round, "{kind}");
            assert_eq!(p.d.is_empty(), kind == "none", "{kind}");
            if shapes > 0 {
                assert_eq!(p.d.matches('M').count(), shapes, "{kind}");
            }
        }
    }

    #[test]
    fn tiny_spacing_is_clamped() {
        let p = path(&pattern("dots", 0.0), 100.0, 100.0);
        assert!(p.d.matches('M').count() <= 13 * 13);
    }
}
