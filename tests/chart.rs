//! Charts from tables: the bars drawn in the written SVG are as long as the values say, the
//! chart passes the slide inspection in several formats, and a cell that is not a number is an
//! error naming it.

mod common;

use common::{TestSite, post};

/// The theme's accent, which the first series is drawn in.
const ACCENT: &str = "#2563EB";

fn chart(rows: &str) -> String {
    post(
        "Charts",
        &format!("## Signups {{.chart}}\n\n| Month | Signups |\n|---|---|\n{rows}"),
    )
}

/// The widths of the bars (accent rectangles as tall as a bar) in an SVG.
fn bar_widths(svg: &str) -> Vec<f32> {
    bars(svg).into_iter().map(|(_, w)| w).collect()
}

/// The left edge and width of each bar (accent rectangles as tall as a bar) in an SVG.
fn bars(svg: &str) -> Vec<(f32, f32)> {
    let attr = |tag: &str, name: &str| -> Option<f32> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[start..].split('"').next()?.parse().ok()
    };
    let rects: Vec<(f32, f32, f32)> = svg
        .split("<rect")
        .skip(1)
        .filter(|t| {
            t.split('>')
                .next()
                .is_some_and(|t| t.contains(&format!("fill=\"{ACCENT}\"")))
        })
        .filter_map(|t| Some((attr(t, "x")?, attr(t, "width")?, attr(t, "height")?)))
        .collect();
    // Bars are the tallest accent rectangles that are not the top rule.
    let bar = rects
        .iter()
        .filter(|(_, w, _)| *w < 1000.0)
        .map(|(_, _, h)| *h)
        .fold(0.0, f32::max);
    rects
        .into_iter()
        .filter(|(_, w, h)| *h == bar && *w < 1000.0)
        .map(|(x, w, _)| (x, w))
        .collect()
}

#[test]
fn bars_are_as_long_as_their_values() {
    // Labels over the bars on a portrait slide; beside them on a landscape one, where there is
    // not the height for that: the bars start right of the labels, at one edge.
    for (format, labels_beside) in [("linkedin", false), ("x", true)] {
        let site = TestSite::empty();
        site.write(
            "carousel.toml",
            format!("theme = \"paper\"\nformat = \"{format}\"\n"),
        )
        .write(
            "content/c.md",
            chart("| Jan | 10 |\n| Feb | 20 |\n| Mar | 40% |\n| Apr | 30 |\n| May | 35 |\n"),
        );
        let report = site.build();
        assert_eq!(common::errors(&report), Vec::<String>::new());
        let svg = std::fs::read_to_string(site.out("c/02.svg")).unwrap();
        let found = bars(&svg);
        assert_eq!(found.len(), 5, "{format}: {svg}");
        for ((_, w), value) in found.iter().zip([10.0, 20.0, 40.0, 30.0, 35.0]) {
            let ratio = w / found[2].1 * 40.0;
            assert!(
                (ratio - value).abs() < 0.01,
                "{format}: bar {w} for {value}: {found:?}"
            );
        }
        assert!(found.iter().all(|b| b.0 == found[0].0), "{found:?}");
        let left = found[0].0;
        let margin = if format == "x" { 80.0 } else { 96.0 };
        assert_eq!(
            left > margin + 40.0,
            labels_beside,
            "{format}: bars from {left}"
        );
        let alt = &report.posts[0].pages[1].alt;
        assert!(
            alt.contains("Bar chart of Signups. Jan: 10. Feb: 20. Mar: 40%."),
            "{alt}"
        );
    }
}

#[test]
fn charts_pass_the_inspection_in_several_formats() {
    let site = TestSite::empty();
    site.write(
        "content/c.md",
        post(
            "Charts",
            "## Revenue {.bar}\n\n| Region | Q2 | Q3 |\n|---|---|---|\n| North America | $1.2M | $1.6M |\n\
             | Europe | $0.8M | $1.1M |\n| Asia Pacific | $0.4M | $0.7M |\n\n\
             ## Products {.line}\n\n| Month | Alpha | Beta |\n|---|---|---|\n| Jan | 120 | 80 |\n\
             | Feb | 135 | 140 |\n| Mar | 150 | 90 |\n| Apr | 140 | 130 |\n| May | 170 | 150 |\n\n\
             ## Hours {.pie}\n\n| Activity | Hours |\n|---|---|\n\
             | Meetings with customers and partners | 14 |\n| Deep work | 12 |\n| Email | 6 |\n\
             | Reviews | 5 |\n| Travel | 2 |\n| Admin | 0.3 |\n",
        ),
    );
    let root = site.root().to_str().unwrap().to_string();
    for canvas in ["linkedin", "square", "story", "x", "480x600"] {
        let options = carousel::BuildOptions {
            canvas: vec![canvas.to_string()],
            ..carousel::BuildOptions::new(&root)
        };
        let report = carousel::build(&options).unwrap();
        assert_eq!(common::errors(&report), Vec::<String>::new(), "{canvas}");
        for page in &report.posts[0].pages {
            assert!(
                page.findings.is_clean(),
                "{canvas} slide {}: {:?}",
                page.number,
                page.findings
            );
        }
    }
}

#[test]
fn a_cell_that_is_not_a_number_is_an_error_naming_it() {
    let site = TestSite::empty();
    site.write("content/c.md", chart("| Jan | 10 |\n| Feb | lots |\n"));
    let report = site.build();
    let errors = common::errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("row 2, column 2 (`lots`)"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("content/c.md:"), "{}", errors[0]);
}

#[test]
fn a_right_to_left_chart_grows_from_the_right() {
    let site = TestSite::empty();
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for name in ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"] {
        site.write(
            &format!("fonts/{name}"),
            std::fs::read(fonts.join(name)).unwrap(),
        );
    }
    let table = "| المنطقة | القيمة |\n|---|---|\n| أوروبا | 40 |\n| آسيا | 20 |\n";
    site.write("carousel.toml", "theme = \"paper\"\n").write(
        "content/a.md",
        post("أرقام", &format!("## الإيرادات {{.chart}}\n\n{table}")),
    );
    site.write("content/b.md", chart("| Europe | 40 |\n| Asia | 20 |\n"));
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    // (post, bars share their left edge, bars share their right edge)
    for (slug, left, right) in [("a", false, true), ("b", true, false)] {
        let svg = std::fs::read_to_string(site.out(&format!("{slug}/02.svg"))).unwrap();
        let found = bars(&svg);
        assert_eq!(found.len(), 2, "{slug}");
        let same = |f: &dyn Fn(&(f32, f32)) -> f32| (f(&found[0]) - f(&found[1])).abs() < 0.01;
        assert_eq!(same(&|b| b.0), left, "{slug}: {found:?}");
        assert_eq!(same(&|b| b.0 + b.1), right, "{slug}: {found:?}");
    }
}

/// The points of each `<tag points="...">` in an SVG.
fn shapes(svg: &str, tag: &str) -> Vec<Vec<[f32; 2]>> {
    svg.split(&format!("<{tag} points=\""))
        .skip(1)
        .map(|rest| {
            let points = rest.split('"').next().unwrap_or_default();
            points
                .split(' ')
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some([x.parse().ok()?, y.parse().ok()?])
                })
                .collect()
        })
        .collect()
}

/// A polygon's area (the shoelace formula).
fn area(points: &[[f32; 2]]) -> f32 {
    let n = points.len();
    let twice: f32 = (0..n)
        .map(|i| {
            let (p, q) = (points[i], points[(i + 1) % n]);
            p[0] * q[1] - q[0] * p[1]
        })
        .sum();
    twice.abs() / 2.0
}

#[test]
fn line_and_pie_tables_are_drawn_in_proportion_to_their_values() {
    let site = TestSite::empty();
    site.write(
        "content/c.md",
        post(
            "Kinds",
            "## Share {.pie}\n\n| Channel | Share |\n|---|---|\n| Referrals | 25% |\n| Outbound | 75% |\n\n\
             ## Growth {.line}\n\n| Week | Teams |\n|---|---|\n| W1 | 1,000 |\n| W2 | 2,000 |\n| W3 | 4,000 |\n",
        ),
    );
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let pages = &report.posts[0].pages;
    assert!(
        pages[1]
            .alt
            .contains("Pie chart of Share. Referrals: 25%. Outbound: 75%."),
        "{}",
        pages[1].alt
    );
    assert!(
        pages[2]
            .alt
            .contains("Line chart of Teams. W1: 1,000. W2: 2,000. W3: 4,000."),
        "{}",
        pages[2].alt
    );
    // The slices' areas are in the values' proportion.
    let pie = std::fs::read_to_string(site.out("c/02.svg")).unwrap();
    let slices = shapes(&pie, "polygon");
    assert_eq!(slices.len(), 2, "{pie}");
    let ratio = area(&slices[1]) / area(&slices[0]);
    assert!((ratio - 3.0).abs() < 0.03, "75% / 25% drawn as {ratio}");
    // The line's heights over the zero line are in the values' proportion, evenly spaced.
    let line = std::fs::read_to_string(site.out("c/03.svg")).unwrap();
    let lines = shapes(&line, "polyline");
    assert_eq!(lines.len(), 1, "{line}");
    let [a, b, c] = [lines[0][0], lines[0][1], lines[0][2]];
    let zero = a[1] + (a[1] - b[1]); // 1,000 below the first point
    let rise = |p: [f32; 2]| zero - p[1];
    assert!((rise(c) / rise(a) - 4.0).abs() < 0.01, "{:?}", lines[0]);
    assert!(
        ((b[0] - a[0]) - (c[0] - b[0])).abs() < 0.01,
        "{:?}",
        lines[0]
    );
    for text in ["1,000", "2,000", "4,000", "Referrals", "Outbound"] {
        let svg = if text.contains(',') { &line } else { &pie };
        assert!(svg.contains(&format!(">{text}<")), "{text} is written");
    }
    assert!(bar_widths(&line).is_empty(), "the line chart has no bars");
}
