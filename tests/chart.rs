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
    let site = TestSite::empty();
    site.write(
        "carousel.toml",
        "theme = \"paper\"\nformat = \"linkedin\"\n",
    )
    .write(
        "content/c.md",
        chart("| Jan | 10 |\n| Feb | 20 |\n| Mar | 40% |\n"),
    );
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    let svg = std::fs::read_to_string(site.out("c/02.svg")).unwrap();
    let widths = bar_widths(&svg);
    assert_eq!(widths.len(), 3, "{svg}");
    for (w, value) in widths.iter().zip([10.0, 20.0, 40.0]) {
        let ratio = w / widths[2] * 40.0;
        assert!(
            (ratio - value).abs() < 0.01,
            "bar {w} for {value}: {widths:?}"
        );
    }
    let alt = &report.posts[0].pages[1].alt;
    assert!(
        alt.contains("Bar chart of Signups. Jan: 10. Feb: 20. Mar: 40%."),
        "{alt}"
    );
}

#[test]
fn charts_pass_the_inspection_in_several_formats() {
    let site = TestSite::empty();
    site.write(
        "content/c.md",
        post(
            "Charts",
            "## Revenue {.bar}\n\n| Region | Q2 | Q3 |\n|---|---|---|\n| North America | $1.2M | $1.6M |\n\
             | Europe | $0.8M | $1.1M |\n| Asia Pacific | $0.4M | $0.7M |\n",
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

#[test]
fn line_and_pie_tables_are_drawn_as_their_kind() {
    let site = TestSite::empty();
    site.write(
        "content/c.md",
        post(
            "Kinds",
            "## Share {.pie}\n\n| Channel | Share |\n|---|---|\n| Referrals | 46% |\n| Outbound | 54% |\n\n\
             ## Growth {.line}\n\n| Week | Teams |\n|---|---|\n| W1 | 1,240 |\n| W2 | 1,410 |\n",
        ),
    );
    let report = site.build();
    assert_eq!(common::errors(&report), Vec::<String>::new());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let pages = &report.posts[0].pages;
    assert!(
        pages[1]
            .alt
            .contains("Pie chart of Share. Referrals: 46%. Outbound: 54%."),
        "{}",
        pages[1].alt
    );
    assert!(
        pages[2]
            .alt
            .contains("Line chart of Teams. W1: 1,240. W2: 1,410."),
        "{}",
        pages[2].alt
    );
    for n in ["c/02.svg", "c/03.svg"] {
        let svg = std::fs::read_to_string(site.out(n)).unwrap();
        assert!(svg.contains("data:image/svg+xml;base64,"), "{n} is drawn");
        assert!(bar_widths(&svg).is_empty(), "{n} has no bars");
    }
}
