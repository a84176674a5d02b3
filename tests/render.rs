//! Pixel comparisons of rendered slides against stored references, with a tolerance. Bundled
//! fonts only, so the references hold on every machine. Regenerate after an intended change with
//! `CAROUSEL_BLESS=1 cargo test --test render` and look at the new PNGs before committing them.

mod common;

use std::path::Path;

use common::TestSite;

/// Largest mean absolute difference per channel (0-255) still accepted.
const MEAN_TOLERANCE: f64 = 0.5;
/// Largest share of pixels allowed to differ by more than `PIXEL_TOLERANCE` in some channel.
const CHANGED_SHARE: f64 = 0.002;
/// Channel difference below which a pixel counts as unchanged (anti-aliasing noise).
const PIXEL_TOLERANCE: u8 = 24;

fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgb: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, info.height, rgb)
}

fn compare(actual: &Path, reference_name: &str) {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(reference_name);
    if std::env::var_os("CAROUSEL_BLESS").is_some()
        || !reference.exists() && std::env::var_os("CI").is_none()
    {
        std::fs::copy(actual, &reference).unwrap();
        eprintln!("wrote reference {}", reference.display());
        return;
    }
    let (w1, h1, a) = decode(actual);
    let (w2, h2, b) = decode(&reference);
    assert_eq!((w1, h1), (w2, h2), "{reference_name}: size differs");
    let mut total = 0u64;
    let mut changed = 0usize;
    for (pa, pb) in a.chunks(3).zip(b.chunks(3)) {
        let diffs: Vec<u8> = pa.iter().zip(pb).map(|(x, y)| x.abs_diff(*y)).collect();
        total += diffs.iter().map(|d| u64::from(*d)).sum::<u64>();
        if diffs.iter().any(|d| *d > PIXEL_TOLERANCE) {
            changed += 1;
        }
    }
    let mean = total as f64 / a.len() as f64;
    let share = changed as f64 / (a.len() / 3) as f64;
    if mean > MEAN_TOLERANCE || share > CHANGED_SHARE {
        let kept = std::env::temp_dir().join(format!("actual-{reference_name}"));
        std::fs::copy(actual, &kept).unwrap();
        panic!(
            "{reference_name}: mean diff {mean:.3}, {:.3}% pixels changed; actual kept at {}",
            share * 100.0,
            kept.display()
        );
    }
}

#[test]
fn fixture_slides_match_their_references() {
    let site = TestSite::fixture("basic");
    let report = site.build();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    for (file, reference) in [
        ("three-sections/01.png", "basic-cover.png"),
        ("three-sections/02.png", "basic-inline.png"),
        ("three-sections/03.png", "basic-list.png"),
        ("yaml-post/02.png", "basic-emoji.png"),
    ] {
        compare(&site.out(file), reference);
    }
}

#[test]
fn a_changed_slide_is_detected() {
    // Blessing would write the changed slide over the reference.
    if std::env::var_os("CAROUSEL_BLESS").is_some() {
        return;
    }
    let site = TestSite::fixture("basic");
    site.write(
        "content/three-sections.md",
        std::fs::read_to_string(site.root().join("content/three-sections.md"))
            .unwrap()
            .replace("A paragraph with", "A different paragraph with"),
    );
    site.build();
    let result = std::panic::catch_unwind(|| {
        compare(&site.out("three-sections/02.png"), "basic-inline.png")
    });
    assert!(result.is_err(), "the comparison must notice changed text");
}
