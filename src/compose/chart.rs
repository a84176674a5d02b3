//! The chart layout: a table under a heading with `{.chart}` or `{.bar}` drawn as a horizontal
//! bar chart. The first column labels the bars; every other column is a series of numbers
//! (units and percentages parsed from the cells: `38%`, `$1.2M`, `1,200 ms`). Each label sits
//! over its bars, each bar ends in its value, a value axis with round ticks runs under them,
//! and a legend names the series when there are several. Series take the theme's accent, text
//! and muted colours, those with at least 3:1 contrast to the background (WCAG's bar for
//! graphics). A chart too tall for the slide falls back to the table; a cell that is not a
//! number is an error naming it. On a right-to-left slide the chart is mirrored.

use crate::color;
use crate::content::Slide;
use crate::content::markup::Block;
use crate::error::Diagnostic;

use super::chart_data::{ChartData, MAX_TICKS, Value, described, read, tick_label, ticks};
use super::composer::Composer;
use super::element::Element;
use super::frame::Frame;
use super::page::Page;
use super::rows::Row;

/// Bar thickness at 1080 wide, in px, at most and at least.
const BAR_MAX: f32 = 56.0;
const BAR_MIN: f32 = 18.0;
/// Space between the bars of one label, as a share of the bar.
const BAR_GAP: f32 = 0.25;
/// Space between one label's bars and the next label, in px at 1080 wide.
const GROUP_GAP: f32 = 28.0;
/// Label, value and tick text size, as a share of the body size.
const LABEL_SCALE: f32 = 0.8;
/// Space between a bar's end and its value, in px at 1080 wide.
const VALUE_GAP: f32 = 12.0;
/// Most a bar's value is set at, as a share of the distance between bars.
const VALUE_FIT: f32 = 0.8;
/// The width kept free right of the longest bar for its value, as a share of the plot.
const VALUE_ROOM: f32 = 0.22;
/// Least contrast of a bar against the background (WCAG 1.4.11, non-text).
pub(super) const MIN_CONTRAST: f64 = 3.0;
/// Space between one series' name and the next swatch in the legend, as a share of the size.
const LEGEND_SPACING: f32 = 1.6;
/// Space between a label and its first bar, as a share of the label size.
const LABEL_GAP: f32 = 0.25;
/// With the labels beside the bars: the space between groups, as a share of [`GROUP_GAP`],
/// the most width the labels take, as a share of the chart's, and the space between a label
/// and its bars, as a share of the label size.
const BESIDE_GAP: f32 = 0.5;
const LABEL_COLUMN: f32 = 0.32;
const LABEL_SIDE_GAP: f32 = 0.8;

/// The size chart labels, values and legends are set at.
pub(super) fn label_size(c: &Composer<'_, '_>) -> f32 {
    c.theme().sizes.body * LABEL_SCALE
}

/// The series colours: the theme's accent, text and muted colours that stand out from the
/// background, in that order (the accent always, even when low, as the theme chose it).
pub(super) fn palette(c: &Composer<'_, '_>) -> Vec<String> {
    let colors = &c.theme().colors;
    let mut out = vec![colors.accent.clone()];
    for candidate in [&colors.text, &colors.muted] {
        let ok = color::hex_contrast(&colors.bg, candidate) >= MIN_CONTRAST;
        if ok && !out.contains(candidate) {
            out.push(candidate.clone());
        }
    }
    out
}

/// The chart slide; `Ok(None)` when the slide is not a chart or the chart does not fit (the
/// table is shown instead); an error for a cell that is not a number.
pub(super) fn page(c: &mut Composer<'_, '_>, slide: &Slide) -> Result<Option<Page>, Diagnostic> {
    let Some(data) = data(c, slide)? else {
        return Ok(None);
    };
    let frame = Frame::open(c, slide);
    let Some(row) = chart_row(c, &data, frame.area.width, frame.free()) else {
        return Ok(None);
    };
    Ok(Some(placed(c, frame, slide, row)))
}

/// A chart slide: the chart (drawn from the column's left edge) under the heading, centred in
/// the space left; mirrored on a right-to-left slide, which reads its chart from the right.
pub(super) fn placed(c: &Composer<'_, '_>, frame: Frame, slide: &Slide, mut row: Row) -> Page {
    let (left, right) = (frame.area.x, frame.area.x + frame.area.width);
    for element in &mut row.elements {
        element.shift_x(left);
        if c.rtl {
            element.mirror_x(left, right);
        }
    }
    let top = frame.centred_top(row.height);
    frame.page(slide, vec![row], top)
}

/// The numbers of a chart slide's table; `None` without a table or numbers; an error naming
/// the first cell that is not a number.
pub(super) fn data(c: &Composer<'_, '_>, slide: &Slide) -> Result<Option<ChartData>, Diagnostic> {
    let Some(Block::Table { head, rows }) = slide
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table { .. }))
    else {
        return Ok(None);
    };
    let (path, source) = c.ctx.post;
    let data = read(head, rows).map_err(|(row, column, text)| {
        Diagnostic::error(format!(
            "failed to draw chart: the cell in row {row}, column {column} (`{text}`) is not a \
             number zero or more"
        ))
        .with_hint("chart cells are numbers such as 38, 1,200, $1.2M or 38%; remove `{.chart}` to show a table")
        .at_offset(path, source, slide.offset)
    })?;
    if data.series.is_empty() || data.labels.is_empty() {
        return Ok(None);
    }
    Ok(Some(data))
}

/// Sizes shared by the parts of a chart.
struct Geometry {
    /// Label and value text size.
    size: f32,
    /// Bar thickness.
    bar: f32,
    /// Where the bars start (right of a column of labels beside them, or 0).
    left: f32,
    /// Width of the longest possible bar (the last tick).
    plot: f32,
    /// The last tick's value.
    max: f64,
}

impl Geometry {
    /// Where `value` falls along the value axis.
    fn x(&self, value: f64) -> f32 {
        self.left + (value / self.max) as f32 * self.plot
    }
}

/// How a line of chart text looks: size, weight and colour.
pub(super) type Look<'a> = (f32, u16, &'a str);

/// One line of chart text starting at `x`, centred on `cy`, shrunk to fit `max_w`; the
/// elements and the line's width.
pub(super) fn text_at(
    c: &mut Composer<'_, '_>,
    text: &str,
    (size, weight, fill): Look<'_>,
    (x, cy, max_w): (f32, f32, f32),
) -> (Vec<Element>, f32) {
    let (laid, s) = c.one_line(text, size, weight, fill, max_w);
    let width = laid.lines.first().map_or(0.0, |l| l.width);
    (c.line_at(&laid, x, cy, s), width)
}

/// The whole chart as one row (elements relative to its top); `None` if it does not fit
/// `free` px of height at the thinnest bars.
fn chart_row(c: &mut Composer<'_, '_>, data: &ChartData, width: f32, free: f32) -> Option<Row> {
    let scale = c.format().display_scale;
    let size = label_size(c);
    let line = size * 1.3;
    let series = data.series.len() as f32;
    let groups = data.labels.len() as f32;
    let legend = if data.series.len() > 1 {
        line * 1.6
    } else {
        0.0
    };
    let axis = line * 1.4;
    let per_bar = |fixed: f32| (free - fixed) / (groups * series * (1.0 + BAR_GAP));
    let over = per_bar(legend + axis + groups * (line + size * LABEL_GAP + GROUP_GAP * scale));
    // Labels over their bars; where that is too tall (landscape formats), in a column beside.
    let (left, per_bar) = if over >= BAR_MIN * scale {
        (None, over)
    } else {
        let beside = per_bar(legend + axis + groups * GROUP_GAP * scale * BESIDE_GAP);
        (Some(label_column(c, data, size, width)), beside)
    };
    let ticks = ticks(data.max(), MAX_TICKS);
    let offset = left.map_or(0.0, |l| l + size * LABEL_SIDE_GAP);
    let g = Geometry {
        size,
        bar: per_bar.min(BAR_MAX * scale),
        left: offset,
        plot: (width - offset) * (1.0 - VALUE_ROOM),
        max: *ticks.last().unwrap_or(&1.0),
    };
    let bars_h = series * g.bar + (series - 1.0) * g.bar * BAR_GAP;
    let group = match left {
        None => line + size * LABEL_GAP + series * g.bar * (1.0 + BAR_GAP) + GROUP_GAP * scale,
        Some(_) => bars_h.max(line) + GROUP_GAP * scale * BESIDE_GAP,
    };
    if per_bar < BAR_MIN * scale || legend + axis + groups * group > free + 0.5 {
        return None;
    }
    let colors = palette(c);
    let mut elements = Vec::new();
    if data.series.len() > 1 {
        elements.extend(legend_elements(c, data, &colors, (width, size)));
    }
    let rows = Groups {
        column: left,
        top: legend,
        group,
        bars_h,
        line,
        width,
    };
    // Gridlines first: the bars are drawn over them.
    let spans = rows.grid_spans(data.labels.len(), size);
    elements.extend(axis_elements(c, &g, &ticks, &spans));
    elements.extend(group_elements(c, data, &g, &rows, &colors));
    let height = legend + groups * group + axis;
    Some(Row::new(height, elements, alt_text(data)))
}

/// Where each label's group of bars sits.
struct Groups {
    /// The labels' column width when they sit beside the bars; `None` when over them.
    column: Option<f32>,
    /// Top of the first group.
    top: f32,
    /// Height of one group, with the space after it.
    group: f32,
    /// Height of one group's bars.
    bars_h: f32,
    /// Height of a line of labels.
    line: f32,
    /// The chart's width.
    width: f32,
}

impl Groups {
    /// Where the gridlines run: from the first group's top to the last one's bottom, broken
    /// where a label sits over its bars so no line crosses it.
    fn grid_spans(&self, count: usize, size: f32) -> Vec<(f32, f32)> {
        let bottom = self.top + count as f32 * self.group;
        if self.column.is_some() {
            return vec![(self.top, bottom)];
        }
        (0..count)
            .map(|i| {
                let top = self.top + i as f32 * self.group;
                (top + self.line + size * LABEL_GAP * 0.5, top + self.group)
            })
            .collect()
    }
}

/// Each label and its bars, one bar per series.
fn group_elements(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    g: &Geometry,
    rows: &Groups,
    colors: &[String],
) -> Vec<Element> {
    let text_color = c.theme().colors.text.clone();
    let look = (g.size, c.theme().fonts.body_weight, text_color.as_str());
    let mut out = Vec::new();
    for (i, label) in data.labels.iter().enumerate() {
        let top = rows.top + i as f32 * rows.group;
        let mut y = match rows.column {
            None => {
                out.extend(text_at(c, label, look, (0.0, top + rows.line / 2.0, rows.width)).0);
                top + rows.line + g.size * LABEL_GAP
            }
            Some(column) => {
                let block = rows.bars_h.max(rows.line);
                out.extend(text_at(c, label, look, (0.0, top + block / 2.0, column)).0);
                top + (block - rows.bars_h) / 2.0
            }
        };
        for (k, series) in data.series.iter().enumerate() {
            let color = &colors[k % colors.len()];
            out.extend(bar_elements(c, g, (&series.values[i], color), y));
            y += g.bar * (1.0 + BAR_GAP);
        }
    }
    out
}

/// The width of the labels' column beside the bars: the widest label, at most a share of the
/// chart's width (longer labels are set smaller).
fn label_column(c: &mut Composer<'_, '_>, data: &ChartData, size: f32, width: f32) -> f32 {
    let text_color = c.theme().colors.text.clone();
    let look = (size, c.theme().fonts.body_weight, text_color.as_str());
    let widest = data
        .labels
        .iter()
        .map(|l| text_at(c, l, look, (0.0, 0.0, f32::MAX)).1)
        .fold(0.0, f32::max);
    widest.min(width * LABEL_COLUMN)
}

/// One bar from the axis, with its value after it.
fn bar_elements(
    c: &mut Composer<'_, '_>,
    g: &Geometry,
    (value, fill): (&Value, &str),
    y: f32,
) -> Vec<Element> {
    let width = g.x(value.number) - g.left;
    let rx = (g.bar * 0.15).min(6.0);
    let mut out = vec![Element::rect(g.left, y, width.max(2.0), g.bar, rx, fill)];
    let text_color = c.theme().colors.text.clone();
    // Thin bars (several series on a short slide) get values that fit between them.
    let size = g.size.min(g.bar * (1.0 + BAR_GAP) * VALUE_FIT);
    let look = (size, c.theme().fonts.heading_weight, text_color.as_str());
    let x = g.left + width + VALUE_GAP * c.format().display_scale;
    let place = (x, y + g.bar / 2.0, g.plot * VALUE_ROOM * 2.0);
    out.extend(text_at(c, &value.text, look, place).0);
    out
}

/// Gridlines at each tick behind the bars, and the tick values under them.
fn axis_elements(
    c: &mut Composer<'_, '_>,
    g: &Geometry,
    ticks: &[f64],
    spans: &[(f32, f32)],
) -> Vec<Element> {
    let muted = c.theme().colors.muted.clone();
    let bottom = spans.last().map_or(0.0, |s| s.1);
    let mut out = Vec::new();
    for &tick in ticks {
        let x = g.x(tick);
        for &(top, end) in spans {
            let mut line = Element::rect(x - 1.0, top, 2.0, end - top, 0.0, &muted);
            if let Element::Rect { opacity, .. } = &mut line {
                *opacity = if tick == 0.0 { 0.6 } else { 0.2 };
            }
            out.push(line);
        }
        let look = (g.size * 0.85, c.theme().fonts.body_weight, muted.as_str());
        let cy = bottom + g.size * 0.7;
        let (mut label, w) = text_at(c, &tick_label(tick), look, (x, cy, g.plot));
        // Each value centred under its gridline; the first starts at the axis.
        if tick > 0.0 {
            label.iter_mut().for_each(|e| e.shift_x(-w / 2.0));
        }
        out.extend(label);
    }
    out
}

/// A swatch and the name of each series, in one line.
pub(super) fn legend_elements(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    colors: &[String],
    (width, size): (f32, f32),
) -> Vec<Element> {
    let mut out = Vec::new();
    let mut x = 0.0;
    let text_color = c.theme().colors.text.clone();
    let share = width / data.series.len() as f32;
    let spacing = size * LEGEND_SPACING;
    for (k, series) in data.series.iter().enumerate() {
        let swatch = size * 0.7;
        let fill = &colors[k % colors.len()];
        out.push(Element::rect(x, size * 0.35, swatch, swatch, 3.0, fill));
        let look = (size, c.theme().fonts.body_weight, text_color.as_str());
        let (name, w) = text_at(c, &series.name, look, (x + size, size * 0.7, share - size));
        out.extend(name);
        x += size + w + spacing;
    }
    out
}

/// What the chart says, for screen readers and the platforms' alt text.
fn alt_text(data: &ChartData) -> String {
    described("Bar", data)
}
