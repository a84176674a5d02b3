//! Canvas formats: the platforms' slide sizes and each one's slide anatomy (margins, header and
//! footer bands, content box), following `shared/design/slide-anatomy.md`.

use std::borrow::Cow;

use serde::Serialize;

/// A canvas format and its regions, in slide pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Format {
    /// Name used in config and front matter (`1200x1500` for a custom size).
    pub name: Cow<'static, str>,
    /// What it is for.
    pub description: Cow<'static, str>,
    /// Canvas width.
    pub width: f32,
    /// Canvas height.
    pub height: f32,
    /// Left margin (text starts here).
    pub margin_left: f32,
    /// Right margin (wider on 9:16 for the platform's button column).
    pub margin_right: f32,
    /// Top margin, above the header band.
    pub margin_top: f32,
    /// Bottom margin, below the footer band.
    pub margin_bottom: f32,
    /// Height of the header and footer bands.
    pub band: f32,
    /// Gap between a band and the content box.
    pub gap: f32,
    /// Scale applied to display text sizes (titles), e.g. smaller on square slides.
    pub display_scale: f32,
    /// File type of the slide images the platform wants: `png` or `jpg`.
    pub image: &'static str,
    /// Output pixels per canvas unit: 1 for the built-in formats; a custom size is laid out on
    /// the canvas of the built-in format of its shape and drawn at its own size.
    pub pixels: f32,
}

/// Formats at least this much taller than wide (9:16) centre short slides vertically.
const TALL_RATIO: f32 = 1.5;

/// An axis-aligned rectangle in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// The bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

impl Format {
    /// True for formats whose platform takes a PDF document (LinkedIn); in a post built in
    /// several formats, only these get a PDF.
    pub fn takes_pdf(&self) -> bool {
        self.name.starts_with("linkedin")
    }

    /// True for tall formats such as stories (9:16).
    pub fn is_tall(&self) -> bool {
        self.height / self.width >= TALL_RATIO
    }

    /// The content box: the area between the header and footer bands, inside the margins.
    pub fn content_box(&self) -> Rect {
        let y = self.margin_top + self.band + self.gap;
        Rect {
            x: self.margin_left,
            y,
            width: self.width - self.margin_left - self.margin_right,
            height: self.height - y - (self.margin_bottom + self.band + self.gap),
        }
    }

    /// Width of the output images, in pixels.
    pub fn pixel_width(&self) -> f32 {
        (self.width * self.pixels).round()
    }

    /// Height of the output images, in pixels.
    pub fn pixel_height(&self) -> f32 {
        (self.height * self.pixels).round()
    }

    /// The y of the header band's top.
    pub fn header_y(&self) -> f32 {
        self.margin_top
    }

    /// The y of the footer band's top.
    pub fn footer_y(&self) -> f32 {
        self.height - self.margin_bottom - self.band
    }

    /// Width available to text between the margins.
    pub fn inner_width(&self) -> f32 {
        self.width - self.margin_left - self.margin_right
    }
}

const fn format(
    name: &'static str,
    description: &'static str,
    size: (f32, f32),
    margins: [f32; 4],
    (band, gap): (f32, f32),
    display_scale: f32,
    image: &'static str,
) -> Format {
    Format {
        name: Cow::Borrowed(name),
        description: Cow::Borrowed(description),
        width: size.0,
        height: size.1,
        margin_top: margins[0],
        margin_right: margins[1],
        margin_bottom: margins[2],
        margin_left: margins[3],
        band,
        gap,
        display_scale,
        image,
        pixels: 1.0,
    }
}

/// The built-in formats.
pub const FORMATS: &[Format] = &[
    format(
        "linkedin",
        "LinkedIn document carousel, 4:5 (1080x1350)",
        (1080.0, 1350.0),
        [80.0, 96.0, 80.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "instagram",
        "Instagram portrait, 4:5 (1080x1350)",
        (1080.0, 1350.0),
        [80.0, 96.0, 80.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "instagram-3x4",
        "Instagram 3:4 (1080x1440)",
        (1080.0, 1440.0),
        [80.0, 96.0, 80.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "square",
        "Square 1:1 for Instagram, LinkedIn, Threads (1080x1080)",
        (1080.0, 1080.0),
        [64.0, 96.0, 64.0, 96.0],
        (80.0, 40.0),
        0.875,
        "png",
    ),
    format(
        "story",
        "Stories and Reels, 9:16 (1080x1920)",
        (1080.0, 1920.0),
        [256.0, 176.0, 440.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "tiktok",
        "TikTok photo carousel, 9:16 (1080x1920), JPEG",
        (1080.0, 1920.0),
        [256.0, 176.0, 440.0, 96.0],
        (96.0, 48.0),
        1.0,
        "jpg",
    ),
    format(
        "threads",
        "Threads portrait, 4:5 (1080x1350)",
        (1080.0, 1350.0),
        [80.0, 96.0, 80.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "linkedin-square",
        "LinkedIn document carousel, square (1080x1080)",
        (1080.0, 1080.0),
        [64.0, 96.0, 64.0, 96.0],
        (80.0, 40.0),
        0.875,
        "png",
    ),
    format(
        "x-portrait",
        "X (Twitter) portrait, 4:5 (1080x1350)",
        (1080.0, 1350.0),
        [80.0, 96.0, 80.0, 96.0],
        (96.0, 48.0),
        1.0,
        "png",
    ),
    format(
        "x",
        "X (Twitter) landscape, 16:9 (1200x675)",
        (1200.0, 675.0),
        [48.0, 80.0, 40.0, 80.0],
        (64.0, 24.0),
        0.75,
        "png",
    ),
];

/// A platform's limits for the posts of a format.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// The platform named in warnings.
    pub platform: &'static str,
    /// Most slides one carousel may have.
    pub max_slides: usize,
    /// PDF size above which uploads get slow or fail in practice (advice), in bytes.
    pub pdf_advice: Option<u64>,
    /// Largest PDF the platform accepts, in bytes.
    pub pdf_max: Option<u64>,
}

const MB: u64 = 1024 * 1024;

/// The platform limits posts in format `name` are checked against.
pub fn limits(name: &str) -> Option<Limits> {
    let (platform, max_slides, pdf_advice, pdf_max) = match name {
        "linkedin" | "linkedin-square" => ("LinkedIn", 300, Some(10 * MB), Some(100 * MB)),
        "instagram" | "instagram-3x4" | "square" => ("Instagram", 20, None, None),
        "threads" => ("Threads", 20, None, None),
        "tiktok" => ("TikTok photo mode", 35, None, None),
        "story" => ("Instagram Stories", 100, None, None),
        "x" | "x-portrait" => ("X", 4, None, None),
        _ => return None,
    };
    Some(Limits {
        platform,
        max_slides,
        pdf_advice,
        pdf_max,
    })
}

/// Warnings for a post of `slides` slides and a PDF of `pdf_bytes` in format `name`.
pub fn check_limits(name: &str, slides: usize, pdf_bytes: Option<u64>) -> Vec<String> {
    let Some(l) = limits(name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if slides > l.max_slides {
        out.push(format!(
            "{slides} slides; {} allows at most {} in one carousel",
            l.platform, l.max_slides
        ));
    }
    if let (Some(bytes), Some(max)) = (pdf_bytes, l.pdf_max)
        && bytes > max
    {
        out.push(format!(
            "the PDF is {} MB; {} accepts at most {} MB",
            bytes / MB,
            l.platform,
            max / MB
        ));
    } else if let (Some(bytes), Some(advice)) = (pdf_bytes, l.pdf_advice)
        && bytes > advice
    {
        out.push(format!(
            "the PDF is {} MB; keep {} documents under {} MB",
            bytes / MB,
            l.platform,
            advice / MB
        ));
    }
    out
}

/// Other names accepted for built-in formats.
const ALIASES: &[(&str, &str)] = &[
    ("instagram-square", "square"),
    ("instagram-portrait", "instagram"),
    ("instagram-4x5", "instagram"),
    ("reels", "story"),
    ("twitter", "x"),
];

/// Looks a format up by name (or alias), or makes a custom one from `WIDTHxHEIGHT`.
pub fn find(name: &str) -> Option<Format> {
    // Names are matched whatever their case (`LinkedIn`, `1080X1350`).
    let lower = name.to_ascii_lowercase();
    let name = lower.as_str();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, real)| real);
    FORMATS
        .iter()
        .find(|f| f.name == name)
        .cloned()
        .or_else(|| custom(name))
}

/// Smallest and largest custom side, in px.
const CUSTOM_SIDES: std::ops::RangeInclusive<f32> = 320.0..=4096.0;

/// A custom `WIDTHxHEIGHT` format: the anatomy of the built-in format of the nearest shape
/// (landscape, 4:5, square or 9:16), scaled to the width.
pub fn custom(name: &str) -> Option<Format> {
    let (w, h) = name.split_once('x')?;
    let (width, height): (f32, f32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    if !CUSTOM_SIDES.contains(&width) || !CUSTOM_SIDES.contains(&height) {
        return None;
    }
    let ratio = height / width;
    let base = match ratio {
        r if r < 0.8 => "x",
        r if r < 1.1 => "square",
        r if r < 1.5 => "linkedin",
        _ => "story",
    };
    let base = FORMATS.iter().find(|f| f.name == base)?;
    // Laid out on the base format's canvas, widened or heightened to the custom shape, and
    // drawn at the custom size: type keeps its proportions at every size.
    let height_units = base.width * ratio;
    Some(Format {
        name: Cow::Owned(format!("{width}x{height}")),
        description: Cow::Owned(format!(
            "custom {width}x{height}, laid out like `{}`",
            base.name
        )),
        width: base.width,
        height: height_units,
        margin_top: base.margin_top.min(height_units * 0.15),
        margin_bottom: base.margin_bottom.min(height_units * 0.25),
        pixels: width / base.width,
        ..base.clone()
    })
}

/// The names of the built-in formats.
pub fn format_names() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.name.as_ref()).collect()
}

/// A hint for an unknown format name: the nearest name, the list, and custom sizes.
pub fn unknown_hint(name: &str) -> String {
    format!(
        "{}, or a custom size WIDTHxHEIGHT",
        crate::suggest::hint(name, &format_names(), "formats")
    )
}

/// The names of all formats, for error hints.
pub fn names() -> String {
    FORMATS
        .iter()
        .map(|f| f.name.as_ref())
        .chain(["WIDTHxHEIGHT"])
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_boxes_match_the_anatomy() {
        let cases = [
            ("linkedin", (96.0, 224.0, 888.0, 902.0)),
            ("square", (96.0, 184.0, 888.0, 712.0)),
            ("story", (96.0, 400.0, 808.0, 936.0)),
        ];
        for (name, want) in cases {
            let b = find(name).unwrap().content_box();
            assert_eq!((b.x, b.y, b.width, b.height), want, "{name}");
        }
    }

    #[test]
    fn platform_rules_warn() {
        let cases: [(&str, usize, Option<u64>, &[&str]); 9] = [
            ("instagram", 20, None, &[]),
            (
                "instagram",
                23,
                None,
                &["23 slides; Instagram allows at most 20"],
            ),
            ("x", 5, None, &["5 slides; X allows at most 4"]),
            (
                "tiktok",
                36,
                None,
                &["36 slides; TikTok photo mode allows at most 35"],
            ),
            ("story", 60, None, &[]),
            (
                "story",
                101,
                None,
                &["101 slides; Instagram Stories allows at most 100"],
            ),
            (
                "threads",
                21,
                None,
                &["21 slides; Threads allows at most 20"],
            ),
            (
                "linkedin",
                12,
                Some(14 * MB),
                &["the PDF is 14 MB; keep LinkedIn documents under 10 MB"],
            ),
            (
                "linkedin",
                12,
                Some(120 * MB),
                &["the PDF is 120 MB; LinkedIn accepts at most 100 MB"],
            ),
        ];
        for (name, slides, pdf, want) in cases {
            let got = check_limits(name, slides, pdf);
            assert_eq!(got.len(), want.len(), "{name} {slides}: {got:?}");
            for (g, w) in got.iter().zip(want) {
                assert!(g.starts_with(w), "{g} vs {w}");
            }
        }
        for f in FORMATS {
            assert!(
                limits(&f.name).is_some(),
                "{} has no platform limits",
                f.name
            );
        }
    }

    #[test]
    fn every_format_has_room_for_content() {
        for f in FORMATS {
            let b = f.content_box();
            assert!(b.width > 600.0 && b.height > 300.0, "{}", f.name);
        }
    }

    #[test]
    fn custom_sizes_take_the_nearest_anatomy() {
        let cases = [
            ("1200x1500", Some((1200.0, 1500.0, "linkedin"))),
            ("2160x2700", Some((2160.0, 2700.0, "linkedin"))),
            ("1000x1000", Some((1000.0, 1000.0, "square"))),
            ("1600x900", Some((1600.0, 900.0, "x"))),
            ("720x1280", Some((720.0, 1280.0, "story"))),
            ("10x10", None),
            ("5000x5000", None),
            ("widexhigh", None),
            ("1080", None),
        ];
        for (name, want) in cases {
            let got = find(name);
            match want {
                None => assert!(got.is_none(), "{name}"),
                Some((w, h, like)) => {
                    let f = got.unwrap_or_else(|| panic!("{name}"));
                    assert_eq!((f.pixel_width(), f.pixel_height()), (w, h), "{name}");
                    assert!(f.description.contains(like), "{name}: {}", f.description);
                    let b = f.content_box();
                    let (cw, ch) = (f.width, f.height);
                    assert!(
                        b.x > 0.0 && b.y > 0.0 && b.width > cw * 0.6 && b.height > ch * 0.4,
                        "{name}"
                    );
                }
            }
        }
        let big = find("2160x2700").unwrap();
        assert_eq!(
            big.margin_left * big.pixels,
            192.0,
            "margins scale with the width"
        );
        assert_eq!(big.width, 1080.0, "laid out on the base canvas");
    }
}
