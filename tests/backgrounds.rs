//! Backgrounds chosen in the post: text over a photo keeps 4.5:1 against the pixels actually
//! rendered under it (measured on the slide drawn without its text), a colour background
//! re-colours the text, a panorama continues from one slide into the next, and a bad value is
//! an error at its line.

mod common;

use common::{TestSite, post};
use resvg::tiny_skia::Pixmap;
use resvg::usvg;

/// A busy test photo: blocks of light, dark and saturated colours, the worst case for text.
fn busy_png(width: u32, height: u32) -> Vec<u8> {
    const COLOURS: [[u8; 3]; 6] = [
        [255, 255, 255],
        [10, 10, 10],
        [250, 204, 21],
        [37, 99, 235],
        [120, 120, 120],
        [220, 38, 38],
    ];
    let block = 37;
    let mut data = Vec::new();
    for y in 0..height {
        for x in 0..width {
            let i = ((x / block) * 7 + (y / block) * 3) as usize % COLOURS.len();
            data.extend_from_slice(&COLOURS[i]);
        }
    }
    encode(width, height, &data)
}

/// A panorama whose colour changes across its width, so every slice is different.
fn ramp_png(width: u32, height: u32) -> Vec<u8> {
    let mut data = Vec::new();
    for _ in 0..height {
        for x in 0..width {
            let t = (x * 255 / (width - 1)) as u8;
            data.extend_from_slice(&[t, 64, 255 - t]);
        }
    }
    encode(width, height, &data)
}

fn encode(width: u32, height: u32, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(data).unwrap();
    out
}

/// Every text node of a tree: its box in canvas units and its fill colour.
fn texts(group: &usvg::Group, out: &mut Vec<(usvg::Rect, [u8; 3])>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => texts(g, out),
            usvg::Node::Text(t) => {
                for span in t.chunks().iter().flat_map(|c| c.spans()) {
                    if let Some(usvg::Paint::Color(c)) = span.fill().map(|f| f.paint()) {
                        out.push((t.abs_bounding_box(), [c.red, c.green, c.blue]));
                    }
                }
            }
            _ => {}
        }
    }
}

fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// The lowest contrast between any text of the slide and the pixels under it, the slide being
/// rendered without its text.
fn lowest_contrast(site: &TestSite, svg_rel: &str) -> f64 {
    let svg = std::fs::read_to_string(site.out(svg_rel)).unwrap();
    let fonts = carousel::fonts::FontSet::builtin();
    let opt = carousel::render::options(&fonts);
    let tree = usvg::Tree::from_str(&svg, &opt).unwrap();
    let mut boxes = Vec::new();
    texts(tree.root(), &mut boxes);
    assert!(!boxes.is_empty(), "{svg_rel} has text");
    let mut bare = svg.clone();
    while let Some(start) = bare.find("<text ") {
        let end = start + bare[start..].find("</text>").unwrap() + "</text>".len();
        bare.replace_range(start..end, "");
    }
    let bare = usvg::Tree::from_str(&bare, &opt).unwrap();
    let pixmap = carousel::render::rasterize(&bare).unwrap();
    let scale = pixmap.width() as f32 / tree.size().width();
    let mut lowest = f64::MAX;
    for (bbox, fill) in boxes {
        let l = luminance(fill);
        let px = |v: f32, max: u32| ((v * scale) as u32).min(max);
        for y in px(bbox.top(), pixmap.height())..px(bbox.bottom(), pixmap.height()) {
            for x in px(bbox.left(), pixmap.width())..px(bbox.right(), pixmap.width()) {
                let p = pixmap.pixel(x, y).unwrap().demultiply();
                let under = luminance([p.red(), p.green(), p.blue()]);
                let ratio = (l.max(under) + 0.05) / (l.min(under) + 0.05);
                lowest = lowest.min(ratio);
            }
        }
    }
    lowest
}

fn photo_site(theme: &str, format: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        format!("theme = \"{theme}\"\nformat = \"{format}\"\n"),
    )
    .write("content/busy.png", busy_png(700, 900))
    .write(
        "content/p.md",
        post(
            "Text over a busy photo",
            "## A photo behind {bg=busy.png}\n\nEvery line of this paragraph keeps its contrast \
             against the pixels under it, whatever the photo does.\n\n## A colour {bg=#FACC15}\n\n\
             Dark text on yellow.\n\n## Cards on the photo {bg=busy.png}\n\n- One card\n- Two \
             cards\n- Three cards\n",
        ),
    );
    site
}

#[test]
fn text_over_a_photo_keeps_its_contrast_on_the_rendered_pixels() {
    for (theme, format) in [
        ("paper", "linkedin"),
        ("midnight", "square"),
        ("sunset", "story"),
    ] {
        let site = photo_site(theme, format);
        let report = site.build();
        assert_eq!(common::errors(&report), Vec::<String>::new(), "{theme}");
        for slide in ["p/02.svg", "p/03.svg", "p/04.svg"] {
            let lowest = lowest_contrast(&site, slide);
            assert!(
                lowest >= 4.5,
                "{theme} {format} {slide}: text at {lowest:.2}:1 against the pixels under it"
            );
        }
        let photo = std::fs::read_to_string(site.out("p/02.svg")).unwrap();
        assert!(
            photo.contains("href=\"data:image/jpeg;base64,"),
            "the photo is drawn"
        );
        let colour = std::fs::read_to_string(site.out("p/03.svg")).unwrap();
        assert!(colour.contains("fill=\"#FACC15\""), "the colour is drawn");
    }
}

#[test]
fn the_scrim_is_no_heavier_than_the_photo_needs() {
    // A photo that is already dark under light text needs no scrim at all.
    let site = TestSite::empty();
    let dark = encode(60, 60, &[12u8; 60 * 60 * 3]);
    site.write("carousel.toml", "theme = \"midnight\"\n")
        .write("content/dark.png", dark)
        .write(
            "content/p.md",
            post("Dark", "## Night {bg=dark.png}\n\nStars.\n"),
        );
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    let svg = std::fs::read_to_string(site.out("p/02.svg")).unwrap();
    assert!(!svg.contains("fill-opacity"), "no scrim over a dark photo");
}

/// Mean colour of one pixel column of a PNG, over rows `top..bottom`.
fn column(png: &Pixmap, x: u32, top: u32, bottom: u32) -> [f64; 3] {
    let mut sum = [0.0; 3];
    for y in top..bottom {
        let p = png.pixel(x, y).unwrap();
        sum[0] += f64::from(p.red());
        sum[1] += f64::from(p.green());
        sum[2] += f64::from(p.blue());
    }
    sum.map(|s| s / f64::from(bottom - top))
}

#[test]
fn a_panorama_continues_from_slide_to_slide() {
    let site = TestSite::empty();
    site.write("carousel.toml", "format = \"square\"\n")
        .write("content/wide.png", ramp_png(2400, 400))
        .write(
            "content/p.md",
            "+++\ntitle = \"Wide\"\npanorama = \"wide.png\"\noutro = false\n+++\n\n## One\n\nA.\n\n## Two\n\nB.\n",
        );
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    let slides: Vec<Pixmap> = (1..=3)
        .map(|i| Pixmap::load_png(site.out(&format!("p/{i:02}.png"))).unwrap())
        .collect();
    let (w, h) = (slides[0].width(), slides[0].height());
    // Rows in the middle band, clear of the chrome at the top and bottom.
    let (top, bottom) = (h * 2 / 5, h * 3 / 5);
    for pair in slides.windows(2) {
        let right = column(&pair[0], w - 1, top, bottom);
        let left = column(&pair[1], 0, top, bottom);
        for c in 0..3 {
            assert!(
                (right[c] - left[c]).abs() <= 6.0,
                "the seam shows: {right:?} then {left:?}"
            );
        }
    }
    let first = column(&slides[0], 0, top, bottom);
    let last = column(&slides[2], w - 1, top, bottom);
    assert!(
        (first[0] - last[0]).abs() > 100.0,
        "each slide shows its own slice: {first:?} ... {last:?}"
    );
}

#[test]
fn a_bad_background_is_an_error_at_its_line() {
    let site = TestSite::empty();
    site.write(
        "content/p.md",
        post("Bad", "## Fine\n\nText.\n\n## Wrong {bg=#12}\n\nText.\n"),
    )
    .write(
        "content/q.md",
        post("Missing", "## Gone {bg=nowhere.jpg}\n\nText.\n"),
    );
    let report = site.build();
    let errors = common::errors(&report);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let colour = errors.iter().find(|e| e.contains("p.md")).unwrap();
    assert!(
        colour.contains("failed to read the background `#12`: not a colour")
            && colour.contains("p.md:8"),
        "{colour}"
    );
    let missing = errors.iter().find(|e| e.contains("q.md")).unwrap();
    assert!(missing.contains("nowhere.jpg"), "{missing}");
}
