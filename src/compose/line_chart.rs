//! The line chart (`## Heading {.line}` over a table): the first column spaced evenly along the
//! bottom, each series a line with a marker at each value, a value axis with round ticks and
//! gridlines on the left, a legend when there are several series. Each value is written next to
//! its marker where it touches no line, marker or other value (above, below, or beside it);
//! where no place is free the gridlines give it. Coordinates are relative to the row, from 0 to
//! the column's width.

use super::chart::{self, Look, text_at};
use super::chart_data::{self, ChartData};
use super::composer::Composer;
use super::element::Element;
use super::rows::Row;

/// Most the plot's height may be, as a share of its width.
const MAX_ASPECT: f32 = 1.0;
/// Least plot height, in label sizes; a shorter chart shows the table instead.
const MIN_PLOT: f32 = 5.0;
/// Least space between two ticks, in label sizes.
const TICK_ROOM: f32 = 1.5;
/// Line width and marker radius at 1080 wide, in px.
const STROKE: f32 = 5.0;
const MARKER: f32 = 8.0;
/// The ring of background colour around a marker, in px at 1080 wide.
const RING: f32 = 4.0;
/// Space between a value and its marker, as a share of the label size.
const VALUE_GAP: f32 = 0.45;
/// Room above the plot for values written over its highest markers, in label sizes.
const HEADROOM: f32 = 1.6;
/// Space between the tick values and the plot, as a share of the label size.
const AXIS_GAP: f32 = 0.6;

/// An axis-aligned box: left, top, right, bottom.
type Box4 = [f32; 4];

/// Where the plot sits in the row and how values map onto it.
struct Plot {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    /// The last tick's value.
    max: f64,
    /// The labels along the bottom.
    count: usize,
}

impl Plot {
    /// The x of the `i`th label: the middle of its share of the width.
    fn x(&self, i: usize) -> f32 {
        let band = (self.right - self.left) / self.count as f32;
        self.left + band * (i as f32 + 0.5)
    }

    /// The y of `value`.
    fn y(&self, value: f64) -> f32 {
        self.bottom - (value / self.max) as f32 * (self.bottom - self.top)
    }
}

/// The whole chart as one row; `None` when `free` px of height leave too short a plot.
pub(super) fn row(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    width: f32,
    free: f32,
) -> Option<Row> {
    let size = chart::label_size(c);
    let line = size * 1.3;
    let legend = if data.series.len() > 1 {
        line * 1.6
    } else {
        0.0
    };
    let under = line * 1.4;
    // Room over the top gridline for the values of the highest markers.
    let top = legend + size * HEADROOM;
    let plot_h = (free - top - under).min(width * MAX_ASPECT);
    if plot_h < size * MIN_PLOT {
        return None;
    }
    let max_value = data.max();
    // As many ticks as their values have room for, one above the other.
    let most = (plot_h / (size * TICK_ROOM)) as usize + 1;
    let ticks = chart_data::ticks(max_value, most.min(chart_data::MAX_TICKS));
    let colors = chart::palette(c);
    let mut elements = Vec::new();
    if data.series.len() > 1 {
        elements.extend(chart::legend_elements(c, data, &colors, (width, size)));
    }
    let (axis, left) = axis_elements(c, &ticks, size, (top, top + plot_h, width));
    let plot = Plot {
        left,
        right: width,
        top,
        bottom: top + plot_h,
        max: *ticks.last().unwrap_or(&1.0),
        count: data.labels.len(),
    };
    elements.extend(axis);
    elements.extend(label_elements(c, data, &plot, size));
    elements.extend(series_elements(c, data, &plot, &colors, size));
    Some(Row::new(
        plot.bottom + under,
        elements,
        chart_data::described("Line", data),
    ))
}

/// Gridlines and tick values; the elements and the plot's left edge (right of the values).
fn axis_elements(
    c: &mut Composer<'_, '_>,
    ticks: &[f64],
    size: f32,
    (top, bottom, width): (f32, f32, f32),
) -> (Vec<Element>, f32) {
    let muted = c.theme().colors.muted.clone();
    let look = (size * 0.85, c.theme().fonts.body_weight, muted.as_str());
    let max = *ticks.last().unwrap_or(&1.0);
    let y = |t: f64| bottom - (t / max) as f32 * (bottom - top);
    let labels: Vec<(Vec<Element>, f32)> = ticks
        .iter()
        .map(|&t| {
            text_at(
                c,
                &chart_data::tick_label(t),
                look,
                (0.0, y(t), width / 4.0),
            )
        })
        .collect();
    let widest = labels.iter().map(|l| l.1).fold(0.0, f32::max);
    let left = widest + size * AXIS_GAP;
    let mut out = Vec::new();
    for (&t, (mut label, w)) in ticks.iter().zip(labels) {
        // Each value right-aligned against the plot.
        label.iter_mut().for_each(|e| e.shift_x(widest - w));
        out.extend(label);
        let mut grid = Element::rect(left, y(t) - 1.0, width - left, 2.0, 0.0, &muted);
        if let Element::Rect { opacity, .. } = &mut grid {
            *opacity = if t == 0.0 { 0.6 } else { 0.2 };
        }
        out.push(grid);
    }
    (out, left)
}

/// The first column's labels, each centred under its place.
fn label_elements(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    plot: &Plot,
    size: f32,
) -> Vec<Element> {
    let text_color = c.theme().colors.text.clone();
    let look = (size, c.theme().fonts.body_weight, text_color.as_str());
    let band = (plot.right - plot.left) / plot.count as f32;
    let mut out = Vec::new();
    for (i, label) in data.labels.iter().enumerate() {
        let cy = plot.bottom + size * 1.1;
        let (mut text, w) = text_at(c, label, look, (0.0, cy, band * 0.92));
        text.iter_mut().for_each(|e| e.shift_x(plot.x(i) - w / 2.0));
        out.extend(text);
    }
    out
}

/// Each series' line and markers, then the values where they fit.
fn series_elements(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    plot: &Plot,
    colors: &[String],
    size: f32,
) -> Vec<Element> {
    let scale = c.format().display_scale;
    let bg = c.theme().colors.bg.clone();
    let points: Vec<Vec<[f32; 2]>> = data
        .series
        .iter()
        .map(|s| {
            let values = s.values.iter().enumerate();
            values.map(|(i, v)| [plot.x(i), plot.y(v.number)]).collect()
        })
        .collect();
    let mut out = Vec::new();
    for (k, line) in points.iter().enumerate() {
        let color = &colors[k % colors.len()];
        out.push(Element::Shape {
            points: line.clone(),
            fill: None,
            stroke: Some(color.clone()),
            stroke_width: STROKE * scale,
        });
        for &[cx, cy] in line {
            for (r, fill) in [((MARKER + RING) * scale, &bg), (MARKER * scale, color)] {
                out.push(Element::Circle {
                    cx,
                    cy,
                    r,
                    fill: fill.clone(),
                });
            }
        }
    }
    let marker = (MARKER + RING) * scale;
    let mut taken: Vec<Box4> = points
        .iter()
        .flatten()
        .map(|&[x, y]| [x - marker, y - marker, x + marker, y + marker])
        .collect();
    let headroom = size * HEADROOM;
    let bounds = [plot.left, plot.top - headroom, plot.right, plot.bottom];
    let text_color = c.theme().colors.text.clone();
    let look = (size, c.theme().fonts.heading_weight, text_color.as_str());
    let lines = Lines(&points);
    for (series, line) in data.series.iter().zip(&points) {
        for (value, &point) in series.values.iter().zip(line) {
            let placed = value_label(c, &value.text, look, point, (&lines, &mut taken, bounds));
            out.extend(placed);
        }
    }
    out
}

/// All the chart's lines, as their points.
struct Lines<'a>(&'a [Vec<[f32; 2]>]);

impl Lines<'_> {
    /// True when any segment of any line passes through `b`.
    fn cross(&self, b: Box4) -> bool {
        self.0
            .iter()
            .flat_map(|l| l.windows(2))
            .any(|w| segment_meets_box(w[0], w[1], b))
    }
}

/// A value written at the first free place around its marker: above, below, then above or
/// below to either side, then level with it; nothing when every place touches a line, a
/// marker or another value.
fn value_label(
    c: &mut Composer<'_, '_>,
    text: &str,
    look: Look<'_>,
    [px, py]: [f32; 2],
    (lines, taken, bounds): (&Lines<'_>, &mut Vec<Box4>, Box4),
) -> Vec<Element> {
    let size = look.0;
    let (elements, w) = text_at(c, text, look, (0.0, 0.0, bounds[2]));
    let h = size * 1.15;
    let gap = size * VALUE_GAP + (MARKER + RING) * c.format().display_scale * 0.5;
    let above = py - gap - h;
    let below = py + gap;
    let candidates = [
        [px - w / 2.0, above],
        [px - w / 2.0, below],
        [px - w - gap * 0.6, above],
        [px + gap * 0.6, above],
        [px - w - gap * 0.6, below],
        [px + gap * 0.6, below],
        [px - w - gap, py - h / 2.0],
        [px + gap, py - h / 2.0],
    ];
    let inside =
        |b: Box4| b[0] >= bounds[0] && b[1] >= bounds[1] && b[2] <= bounds[2] && b[3] <= bounds[3];
    let free = candidates
        .iter()
        .map(|&[x, y]| [x, y, x + w, y + h])
        .find(|&b| inside(b) && !lines.cross(b) && !taken.iter().any(|t| overlaps(*t, b)));
    let Some(b) = free else {
        return Vec::new();
    };
    taken.push(b);
    elements
        .into_iter()
        .map(|mut e| {
            e.shift_x(b[0]);
            e.shift(b[1] + h / 2.0);
            e
        })
        .collect()
}

/// True when two boxes overlap.
fn overlaps(a: Box4, b: Box4) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// True when the segment from `p` to `q` passes through box `b` (Liang–Barsky clipping).
fn segment_meets_box(p: [f32; 2], q: [f32; 2], b: Box4) -> bool {
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let mut t0 = 0.0_f32;
    let mut t1 = 1.0_f32;
    for (step, room) in [
        (-dx, p[0] - b[0]),
        (dx, b[2] - p[0]),
        (-dy, p[1] - b[1]),
        (dy, b[3] - p[1]),
    ] {
        if step == 0.0 {
            if room < 0.0 {
                return false;
            }
            continue;
        }
        let t = room / step;
        if step < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 > t1 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_the_boxes_they_cross() {
        let b = [10.0, 10.0, 20.0, 20.0];
        // (from, to, meets)
        let cases = [
            ([0.0, 0.0], [30.0, 30.0], true),
            ([0.0, 15.0], [30.0, 15.0], true),
            ([15.0, 0.0], [15.0, 5.0], false),
            ([0.0, 0.0], [30.0, 5.0], false),
            ([12.0, 12.0], [13.0, 13.0], true),
            ([0.0, 25.0], [25.0, 0.0], true),
            ([0.0, 45.0], [45.0, 0.0], false),
        ];
        for (p, q, want) in cases {
            assert_eq!(segment_meets_box(p, q, b), want, "{p:?} {q:?}");
        }
    }

    #[test]
    fn labels_sit_in_the_middle_of_their_share() {
        let plot = Plot {
            left: 100.0,
            right: 500.0,
            top: 0.0,
            bottom: 200.0,
            max: 40.0,
            count: 4,
        };
        assert_eq!(
            (0..4).map(|i| plot.x(i)).collect::<Vec<_>>(),
            [150.0, 250.0, 350.0, 450.0]
        );
        assert_eq!(
            (plot.y(0.0), plot.y(10.0), plot.y(40.0)),
            (200.0, 150.0, 0.0)
        );
    }
}
