//! Line and pie charts from tables (`## Heading {.line}`, `{.pie}`): the table's numbers (read
//! as for bar charts) are written as a Mermaid `xychart-beta` or `pie` and drawn by the diagram
//! renderer in the theme's colours, on the diagram layout; the alt text states the data.

use crate::content::Slide;
use crate::content::markup::Block;
use crate::error::Diagnostic;

use super::chart::{self, ChartData};
use super::composer::Composer;
use super::flow;
use super::page::{Page, Template};

/// A chart kind drawn through the diagram renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Each series a line across the labels.
    Line,
    /// The first series as slices of a whole.
    Pie,
}

impl Kind {
    /// The kind a heading class names.
    pub(super) fn from_classes(classes: &[String]) -> Option<Kind> {
        classes.iter().find_map(|c| match c.as_str() {
            "line" => Some(Kind::Line),
            "pie" => Some(Kind::Pie),
            _ => None,
        })
    }
}

/// The pages of a line or pie chart slide; `None` when the slide has no numeric table.
pub(super) fn pages(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    kind: Kind,
) -> Result<Option<Vec<Page>>, Diagnostic> {
    let Some(data) = chart::data(c, slide)? else {
        return Ok(None);
    };
    let (source, name) = match kind {
        Kind::Line => (line(&data), "Line"),
        Kind::Pie => {
            if let [first, _, ..] = data.series.as_slice() {
                c.warnings.push((
                    format!("a pie chart shows one series: `{}`", first.name),
                    "give the pie a table with one column of numbers, or use `{.bar}`",
                ));
            }
            (pie(&data), "Pie")
        }
    };
    let mut shown = data.clone();
    if kind == Kind::Pie {
        shown.series.truncate(1);
    }
    let drawn = Slide {
        blocks: vec![Block::Diagram {
            source,
            offset: slide.offset,
        }],
        ..slide.clone()
    };
    let mut pages = flow::content_pages(c, &drawn, false)?;
    for page in &mut pages {
        page.layout = Some(Template::Diagram);
        page.alt = format!("{} {}", page.heading, chart::described(name, &shown))
            .trim()
            .to_string();
    }
    Ok(Some(pages))
}

/// A label as a quoted Mermaid string.
fn quoted(label: &str) -> String {
    format!("\"{}\"", label.replace('"', "'"))
}

/// The table as a Mermaid pie of its first series.
fn pie(data: &ChartData) -> String {
    let mut out = String::from("pie\n");
    if let Some(series) = data.series.first() {
        for (label, value) in data.labels.iter().zip(&series.values) {
            out.push_str(&format!("    {} : {}\n", quoted(label), value.number));
        }
    }
    out
}

/// The table as a Mermaid line chart, one line per series, the value axis from zero.
fn line(data: &ChartData) -> String {
    let labels: Vec<String> = data.labels.iter().map(|l| quoted(l)).collect();
    let max = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().map(|v| v.number))
        .fold(0.0_f64, f64::max);
    let top = chart::ticks(max).last().copied().unwrap_or(max);
    let mut out = format!(
        "xychart-beta\n    x-axis [{}]\n    y-axis 0 --> {top}\n",
        labels.join(", ")
    );
    for series in &data.series {
        let values: Vec<String> = series.values.iter().map(|v| v.number.to_string()).collect();
        out.push_str(&format!("    line [{}]\n", values.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::chart::{Series, Value};
    use super::*;

    fn data() -> ChartData {
        let value = |n: f64, t: &str| Value {
            number: n,
            text: t.to_string(),
        };
        ChartData {
            labels: vec!["North \"NA\"".into(), "Europe".into()],
            series: vec![Series {
                name: "Q3".into(),
                values: vec![value(1_600_000.0, "$1.6M"), value(1_100_000.0, "$1.1M")],
            }],
        }
    }

    #[test]
    fn tables_are_written_as_mermaid() {
        assert_eq!(
            pie(&data()),
            "pie\n    \"North 'NA'\" : 1600000\n    \"Europe\" : 1100000\n"
        );
        let line = line(&data());
        assert!(
            line.contains("x-axis [\"North 'NA'\", \"Europe\"]")
                && line.contains("y-axis 0 --> 2000000")
                && line.contains("line [1600000, 1100000]"),
            "{line}"
        );
    }
}
