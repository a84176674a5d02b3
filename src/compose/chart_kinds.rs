//! The chart kinds other than bars (`## Heading {.line}`, `{.pie}`): the table's numbers (read
//! as for bar charts) drawn by [`super::line_chart`] or [`super::pie_chart`] under the slide's
//! heading, like the bar chart; the alt text states the data.

use crate::content::Slide;
use crate::error::Diagnostic;

use super::chart;
use super::composer::Composer;
use super::frame::Frame;
use super::line_chart;
use super::page::Page;
use super::pie_chart;

/// A chart kind with a drawing of its own.
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

/// The chart slide; `Ok(None)` without a numeric table or when the chart does not fit (the
/// table is shown instead); an error for a cell that is not a number.
pub(super) fn page(
    c: &mut Composer<'_, '_>,
    slide: &Slide,
    kind: Kind,
) -> Result<Option<Page>, Diagnostic> {
    let Some(data) = chart::data(c, slide)? else {
        return Ok(None);
    };
    if let (Kind::Pie, [first, _, ..]) = (kind, data.series.as_slice()) {
        c.warnings.push((
            format!("a pie chart shows one series: `{}`", first.name),
            "give the pie a table with one column of numbers, or use `{.bar}`",
        ));
    }
    let frame = Frame::open(c, slide);
    let (width, free) = (frame.area.width, frame.free());
    let row = match kind {
        Kind::Line => line_chart::row(c, &data, width, free),
        Kind::Pie => {
            let mut first = data.clone();
            first.series.truncate(1);
            pie_chart::row(c, &first, width, free)
        }
    };
    Ok(row.map(|row| chart::placed(c, frame, slide, row)))
}
