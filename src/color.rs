//! Colours: `#rrggbb` parsing and the WCAG 2.x contrast ratio, shared by config, themes and
//! syntax highlighting.

/// Parses `#rrggbb` into its channels.
pub(crate) fn parse_hex(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

/// `a` mixed with `t` of `b` (0 = `a`, 1 = `b`), as `#RRGGBB`; `a` when either does not parse.
pub(crate) fn mix(a: &str, b: &str, t: f32) -> String {
    let (Some(x), Some(y)) = (parse_hex(a), parse_hex(b)) else {
        return a.to_string();
    };
    let ch = |i: usize| (f32::from(x[i]) * (1.0 - t) + f32::from(y[i]) * t).round() as u8;
    format!("#{:02X}{:02X}{:02X}", ch(0), ch(1), ch(2))
}

/// The linear value of an sRGB channel level.
pub(crate) fn linear(v: u8) -> f64 {
    let c = f64::from(v) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance of a colour.
pub(crate) fn luminance([r, g, b]: [u8; 3]) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.x contrast ratio between two colours.
pub(crate) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// [`contrast`] between two `#rrggbb` colours; 1 (no contrast) when either does not parse.
pub(crate) fn hex_contrast(a: &str, b: &str) -> f64 {
    match (parse_hex(a), parse_hex(b)) {
        (Some(a), Some(b)) => contrast(a, b),
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_pairs() {
        let cases = [
            ("#000000", "#FFFFFF", 21.0),
            ("#767676", "#FFFFFF", 4.54),
            ("#18181B", "#FFFFFF", 17.7),
        ];
        for (a, b, want) in cases {
            let got = contrast(parse_hex(a).unwrap(), parse_hex(b).unwrap());
            assert!((got - want).abs() < 0.05, "{a} on {b}: {got}");
            assert_eq!(hex_contrast(a, b), got);
        }
    }
}
