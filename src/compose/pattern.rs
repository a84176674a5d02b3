//! Background patterns drawn as one plain SVG path. resvg fills `<pattern>` through a bicubic
//! image shader, which costs more than the rest of a slide; a path of dots or lines is cheap.

use std::fmt::Write;

use serde::Serialize;

use crate::theme::{Pattern, PatternKind, Theme};

/// A pattern ready for a template: `<path d="{{ d }}">` stroked with `width`; `round` caps
/// turn the zero-length segments of a dot pattern into dots (much cheaper to parse and render
/// than arcs). A gradient mesh is a few soft `blobs` instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PatternPath {
    /// Path data; empty for `none` and `mesh`.
    pub d: String,
    /// Stroke width.
    pub width: f32,
    /// Round line caps (dots, grain).
    pub round: bool,
    /// Soft colour blobs of a gradient mesh.
    pub blobs: Vec<Blob>,
    /// Stroke colour.
    pub color: String,
    /// Opacity of the strokes, or of the blobs' centres.
    pub opacity: f32,
}

/// One blob of a gradient mesh: a radial gradient from `color` to transparent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Blob {
    /// Centre x.
    pub cx: f32,
    /// Centre y.
    pub cy: f32,
    /// Radius.
    pub r: f32,
    /// `#rrggbb`.
    pub color: String,
}

/// Smallest spacing accepted, so a typo cannot produce millions of shapes.
const MIN_SPACING: f32 = 8.0;
/// Wave length and amplitude, as multiples of the spacing between wave lines.
const WAVE_LENGTH: f32 = 4.0;
const WAVE_AMPLITUDE: f32 = 0.4;
/// Topographic lines: centre (as fractions of the canvas) and how far a line wanders, as a
/// multiple of the spacing.
const TOPO_CENTRE: (f32, f32) = (0.78, 0.22);
const TOPO_WANDER: f32 = 1.6;
/// Longest segment of a topographic line before it is smoothed, in px.
const TOPO_STEP: f32 = 96.0;
/// Concentric circles: centre, as fractions of the canvas (the top-right corner).
const RINGS_CENTRE: (f32, f32) = (1.0, 0.0);
/// Grain dots per spacing x spacing cell.
const GRAIN_DENSITY: f32 = 1.0;
/// Mesh blobs: centre and radius as fractions of the canvas width, alternating colours.
const MESH: [(f32, f32, f32); 3] = [(0.9, 0.08, 0.75), (0.05, 0.95, 0.7), (0.55, 0.55, 0.45)];

/// Builds the theme's pattern over a `width` x `height` canvas.
pub(crate) fn for_theme(theme: &Theme, width: f32, height: f32) -> PatternPath {
    let stroke = theme
        .pattern
        .color
        .as_deref()
        .unwrap_or(&theme.colors.pattern);
    let mut p = path(
        &theme.pattern,
        width,
        height,
        [&theme.colors.accent, stroke],
    );
    p.color = stroke.to_string();
    p
}

/// Builds the pattern over a `width` x `height` canvas; `colors` are the mesh's two colours.
pub(crate) fn path(pattern: &Pattern, width: f32, height: f32, colors: [&str; 2]) -> PatternPath {
    let s = pattern.spacing.max(MIN_SPACING);
    let r = pattern.size;
    let mut d = String::new();
    let round = matches!(pattern.kind, PatternKind::Dots | PatternKind::Grain);
    let mut blobs = Vec::new();
    match pattern.kind {
        PatternKind::Dots => dots(&mut d, s, width, height),
        PatternKind::Grid => grid(&mut d, s, width, height),
        PatternKind::Diagonal => diagonal(&mut d, s, width, height),
        PatternKind::Waves => waves(&mut d, s, width, height),
        PatternKind::Topographic => topographic(&mut d, s, width, height),
        PatternKind::Concentric => concentric(&mut d, s, width, height),
        PatternKind::Grain => grain(&mut d, s, width, height),
        PatternKind::Mesh => {
            blobs = MESH
                .iter()
                .enumerate()
                .map(|(i, (x, y, radius))| Blob {
                    cx: x * width,
                    cy: y * height,
                    r: radius * width,
                    color: colors[i % 2].to_string(),
                })
                .collect();
        }
        PatternKind::None => {}
    }
    let width = if round { 2.0 * r } else { r };
    PatternPath {
        d,
        width,
        round,
        blobs,
        color: colors[1].to_string(),
        opacity: pattern.opacity,
    }
}

/// Horizontal and vertical lines `s` apart.
fn grid(d: &mut String, s: f32, width: f32, height: f32) {
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

/// Parallel 45° lines `s` apart.
fn diagonal(d: &mut String, s: f32, width: f32, height: f32) {
    let step = s * std::f32::consts::SQRT_2;
    let mut x = -height;
    while x < width {
        let _ = write!(d, "M{x:.1} {height}L{:.1} 0", x + height);
        x += step;
    }
}

/// Rings `s` apart around a point off the canvas's centre, out to its far corner.
fn concentric(d: &mut String, s: f32, width: f32, height: f32) {
    let (cx, cy) = (RINGS_CENTRE.0 * width, RINGS_CENTRE.1 * height);
    let reach = width.hypot(height);
    let mut radius = s;
    while radius < reach {
        let _ = write!(
            d,
            "M{:.1} {cy:.1}A{radius:.1} {radius:.1} 0 1 0 {:.1} {cy:.1}A{radius:.1} {radius:.1} 0 1 0 {:.1} {cy:.1}",
            cx + radius,
            cx - radius,
            cx + radius
        );
        radius += s;
    }
}

/// Dots on a grid `s` apart.
fn dots(d: &mut String, s: f32, width: f32, height: f32) {
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

/// Horizontal waves every `s` px, as smooth quadratic curves.
fn waves(d: &mut String, s: f32, width: f32, height: f32) {
    let half = s * WAVE_LENGTH / 2.0;
    let amp = s * WAVE_AMPLITUDE;
    let mut y = s / 2.0;
    let mut row = 0;
    while y < height + amp {
        // Every other line starts half a wave later, so the lines weave.
        let mut x = -half * (row % 2) as f32;
        let _ = write!(
            d,
            "M{x:.1} {y:.1}Q{:.1} {:.1} {:.1} {y:.1}",
            x + half / 2.0,
            y - amp,
            x + half
        );
        x += half;
        while x < width {
            let _ = write!(d, "T{:.1} {y:.1}", x + half);
            x += half;
        }
        y += s;
        row += 1;
    }
}

/// Closed contour lines around one centre: each ring wanders by the same smooth offset plus a
/// small ring-specific wobble smaller than half the spacing, so lines never cross.
fn topographic(d: &mut String, s: f32, width: f32, height: f32) {
    let (cx, cy) = (TOPO_CENTRE.0 * width, TOPO_CENTRE.1 * height);
    // Rings that enclose the whole canvas are not seen: stop at the farthest corner.
    let reach = cx.max(width - cx).hypot(cy.max(height - cy));
    let wander = |t: f32| {
        s * TOPO_WANDER
            * ((3.0 * t + 0.7).sin() + 0.6 * (5.0 * t + 2.1).sin() + 0.3 * (7.0 * t + 0.3).sin())
    };
    let first = (2.0 * TOPO_WANDER * 1.9).ceil() as usize;
    for k in first.. {
        let base = k as f32 * s;
        if base - 3.0 * s * TOPO_WANDER > reach {
            break;
        }
        let n = ((std::f32::consts::TAU * base / TOPO_STEP) as usize).max(24);
        let points: Vec<(f32, f32)> = (0..n)
            .map(|i| {
                let t = std::f32::consts::TAU * i as f32 / n as f32;
                let radius = base + wander(t) + 0.3 * s * (2.0 * t + k as f32 * 0.9).sin();
                (cx + radius * t.cos(), cy + radius * t.sin())
            })
            .collect();
        smooth_closed(d, &points);
    }
}

/// A closed Catmull-Rom spline through `p`, as cubic Béziers.
fn smooth_closed(d: &mut String, p: &[(f32, f32)]) {
    let n = p.len();
    let _ = write!(d, "M{:.0} {:.0}", p[0].0, p[0].1);
    for i in 0..n {
        let (p0, p1, p2, p3) = (p[(i + n - 1) % n], p[i], p[(i + 1) % n], p[(i + 2) % n]);
        let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
        let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
        let _ = write!(
            d,
            "C{:.0} {:.0} {:.0} {:.0} {:.0} {:.0}",
            c1.0, c1.1, c2.0, c2.1, p2.0, p2.1
        );
    }
    d.push('Z');
}

/// Fine grain: dots at fixed pseudo-random places (the same on every build).
fn grain(d: &mut String, s: f32, width: f32, height: f32) {
    let count = (width * height / (s * s) * GRAIN_DENSITY) as usize;
    let mut state: u32 = 0x9E37_79B9;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as f32 / u32::MAX as f32
    };
    for _ in 0..count {
        let (x, y) = (next() * width, next() * height);
        let _ = write!(d, "M{x:.1} {y:.1}h0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(kind: &str, spacing: f32) -> Pattern {
        Pattern {
            kind: PatternKind::from_name(kind).unwrap(),
            spacing,
            size: 2.0,
            opacity: 0.1,
            color: None,
        }
    }

    #[test]
    fn each_kind_draws_something_or_nothing() {
        let cases = [
            ("dots", true, 27 * 34),
            ("grid", false, 26 + 33),
            ("diagonal", false, 0),
            ("waves", false, 0),
            ("topographic", false, 0),
            ("concentric", false, 0),
            ("grain", true, 1080 * 1350 / (40 * 40)),
            ("none", false, 0),
        ];
        for (kind, round, shapes) in cases {
            let p = path(&pattern(kind, 40.0), 1080.0, 1350.0, ["#000000", "#FFFFFF"]);
            assert_eq!(p.round, round, "{kind}");
            assert_eq!(p.d.is_empty(), kind == "none", "{kind}");
            assert!(p.blobs.is_empty(), "{kind}");
            if shapes > 0 {
                assert_eq!(p.d.matches('M').count(), shapes, "{kind}");
            }
        }
    }

    #[test]
    fn tiny_spacing_is_clamped() {
        let p = path(&pattern("dots", 0.0), 100.0, 100.0, ["#000000", "#FFFFFF"]);
        assert!(p.d.matches('M').count() <= 13 * 13);
    }

    #[test]
    fn mesh_is_blobs_in_both_colours() {
        let p = path(
            &Pattern {
                kind: PatternKind::Mesh,
                spacing: 40.0,
                size: 2.0,
                opacity: 0.2,
                color: None,
            },
            1080.0,
            1350.0,
            ["#111111", "#222222"],
        );
        assert!(p.d.is_empty());
        assert_eq!(p.blobs.len(), MESH.len());
        assert!(p.blobs.iter().any(|b| b.color == "#111111"));
        assert!(p.blobs.iter().any(|b| b.color == "#222222"));
    }
}
