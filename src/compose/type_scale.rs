//! One type scale per carousel: after a first pass has fitted every content slide on its own,
//! a post whose slides came out at more than two body sizes is set again at two: a base size
//! for every slide (the size its densest slide needs, but not below one step under the theme's
//! size: denser slides continue on the next one instead of shrinking further) and one larger
//! size shared by the short slides that grew.

/// The body scales a post's content slides are set at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TypeScale {
    /// Every content slide's scale, unless it is short.
    pub base: f32,
    /// The scale short slides grow to, when some do.
    pub grow: Option<f32>,
}

/// The base scale goes no lower than this: one step below the theme's size.
const LOWEST_BASE: f32 = 0.94;
/// Scales closer than this are one size.
pub(super) const SAME: f32 = 0.005;

/// The type scale for a post whose content slides were fitted at `fitted` scales, or `None`
/// when they already use at most two sizes.
pub(super) fn plan(fitted: &[f32]) -> Option<TypeScale> {
    let mut sizes: Vec<f32> = fitted.to_vec();
    sizes.sort_by(f32::total_cmp);
    sizes.dedup_by(|a, b| (*a - *b).abs() < SAME);
    if sizes.len() <= 2 {
        return None;
    }
    let base = sizes
        .iter()
        .copied()
        .find(|&s| s < 1.0 - SAME)
        .map_or(1.0, |s| s.max(LOWEST_BASE));
    let mut grown: Vec<f32> = fitted.iter().copied().filter(|&s| s > 1.0 + SAME).collect();
    grown.sort_by(f32::total_cmp);
    // The lower median: half the short slides or more reach it.
    let grow = grown.get(grown.len().saturating_sub(1) / 2).copied();
    Some(TypeScale { base, grow })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_gets_two_sizes_at_most() {
        // (fitted scales, the plan)
        let cases: [(&[f32], Option<TypeScale>); 6] = [
            // Two sizes already: left alone.
            (&[1.0, 1.0, 1.2, 1.2], None),
            (&[1.0, 0.88], None),
            // Grown slides share the median growth (the lower one of an even count).
            (
                &[1.0, 1.1, 1.2, 1.3],
                Some(TypeScale {
                    base: 1.0,
                    grow: Some(1.2),
                }),
            ),
            (
                &[1.0, 1.1, 1.2, 1.25, 1.3],
                Some(TypeScale {
                    base: 1.0,
                    grow: Some(1.2),
                }),
            ),
            // The densest slide sets the base, no lower than one step down.
            (
                &[1.0, 0.94, 0.82, 1.2],
                Some(TypeScale {
                    base: LOWEST_BASE,
                    grow: Some(1.2),
                }),
            ),
            (
                &[1.0, 0.97, 0.94],
                Some(TypeScale {
                    base: LOWEST_BASE,
                    grow: None,
                }),
            ),
        ];
        for (fitted, want) in cases {
            assert_eq!(plan(fitted), want, "{fitted:?}");
        }
    }
}
