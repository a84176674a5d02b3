//! The pie chart (`## Heading {.pie}` over a table): the first series as slices of a whole,
//! clockwise from twelve o'clock in the table's order, parted by thin lines of the background,
//! each large slice marked with its share, and a legend naming every slice with its value as
//! written. The legend sits beside the pie, or under it where that leaves a larger pie (tall
//! formats). Slice colours are the chart palette, then the same colours lightened towards the
//! background; a share is written on its slice only in a colour with 4.5:1 contrast to it.

use std::f32::consts::{FRAC_PI_2, TAU};

use crate::color::{self, mix};
use crate::text::Laid;

use super::chart::{self, text_at};
use super::chart_data::{self, ChartData};
use super::composer::{Composer, plain};
use super::element::Element;
use super::rows::Row;

/// Least pie diameter, in label sizes; a smaller pie shows the table instead.
const MIN_DIAMETER: f32 = 7.0;
/// Most the pie's diameter may be, as a share of the column's width.
const MAX_DIAMETER: f32 = 0.75;
/// Lightening of the palette's colours towards the background, round after round.
const TINTS: [f32; 3] = [0.0, 0.5, 0.72];
/// Where a share is written, as a share of the radius from the centre.
const LABEL_RADIUS: f32 = 0.64;
/// Least angle of a slice that gets its share written on it, in radians (about 23°).
const MIN_SWEEP: f32 = 0.4;
/// Most angle between two points of a slice's arc, in radians (2°).
const ARC_STEP: f32 = 0.035;
/// The lines parting the slices, in px at 1080 wide.
const PARTING: f32 = 3.0;
/// Height of one legend entry, as a share of the label size.
const ENTRY: f32 = 1.7;
/// Line height of a legend name that wraps, as a share of the label size (as chrome lines).
const NAME_LEADING: f32 = 1.2;
/// Most width the names take beside the pie, as a share of the column.
const NAME_SHARE: f32 = 0.4;
/// Least text contrast for a share written on its slice.
const TEXT_CONTRAST: f64 = 4.5;

/// The legend's measure: the widest name and value, and each entry's name laid out in the
/// width the names are given.
struct Legend {
    /// Width of the names' column.
    names: f32,
    /// Width of the values' column.
    values: f32,
    /// Each name, laid out in `names`.
    laid: Vec<Laid>,
    /// Label size.
    size: f32,
}

impl Legend {
    fn width(&self) -> f32 {
        self.size * 1.2 + self.names + self.size * 0.8 + self.values
    }

    /// Height of the `k`th entry: one line's entry, or as many lines as its name takes.
    fn entry(&self, k: usize) -> f32 {
        let lines = self.laid[k].lines.len() as f32;
        (self.size * ENTRY).max(lines * self.size * NAME_LEADING + self.size * 0.5)
    }

    fn height(&self) -> f32 {
        (0..self.laid.len()).map(|k| self.entry(k)).sum()
    }
}

/// The whole chart as one row; `None` when the pie would be smaller than legible or the
/// values add up to nothing.
pub(super) fn row(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    width: f32,
    free: f32,
) -> Option<Row> {
    let series = data.series.first()?;
    let total: f64 = series.values.iter().map(|v| v.number).sum();
    if total <= 0.0 {
        return None;
    }
    let shares: Vec<f64> = series.values.iter().map(|v| v.number / total).collect();
    let size = chart::label_size(c);
    let gap = size * 2.0;
    // Beside the pie the names take at most a share of the width; under it, what is left.
    let (names, values) = widest(c, data, size);
    let side = lay(c, data, (names.min(width * NAME_SHARE), values), size);
    let stacked = lay(
        c,
        data,
        (names.min(width - side.width() + side.names), values),
        size,
    );
    let beside = free
        .min(width - side.width() - gap)
        .min(width * MAX_DIAMETER);
    let under = (free - stacked.height() - gap).min(width * MAX_DIAMETER);
    let diameter = beside.max(under);
    if diameter < size * MIN_DIAMETER {
        return None;
    }
    let colors = slice_colors(c, data.labels.len());
    let (legend, pie_at, legend_at, height) = if beside >= under {
        let legend_h = side.height();
        let height = diameter.max(legend_h);
        let legend_x = diameter + gap;
        let pie_at = [0.0, (height - diameter) / 2.0];
        (side, pie_at, [legend_x, (height - legend_h) / 2.0], height)
    } else {
        let legend_x = ((width - stacked.width()) / 2.0).max(0.0);
        let height = diameter + gap + stacked.height();
        let pie_at = [(width - diameter) / 2.0, 0.0];
        (stacked, pie_at, [legend_x, diameter + gap], height)
    };
    let r = diameter / 2.0;
    let centre = [pie_at[0] + r, pie_at[1] + r];
    let mut elements = slices(c, &shares, &colors, centre, r);
    elements.extend(legend_elements(c, data, &colors, &legend, legend_at));
    Some(Row::new(
        height,
        elements,
        chart_data::described("Pie", data),
    ))
}

/// The widest name and the widest value of the legend, each on one line.
fn widest(c: &mut Composer<'_, '_>, data: &ChartData, size: f32) -> (f32, f32) {
    let theme = c.theme();
    let (body, heading, text) = (
        theme.fonts.body_weight,
        theme.fonts.heading_weight,
        theme.colors.text.clone(),
    );
    let mut widest = |texts: Vec<&str>, weight: u16| {
        texts
            .into_iter()
            .map(|t| text_at(c, t, (size, weight, &text), (0.0, 0.0, f32::MAX)).1)
            .fold(0.0, f32::max)
    };
    let names = widest(data.labels.iter().map(String::as_str).collect(), body);
    let values = data.series[0].values.iter().map(|v| v.text.as_str());
    (names, widest(values.collect(), heading))
}

/// The legend with its names laid out in `names` px (a longer name wraps).
fn lay(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    (names, values): (f32, f32),
    size: f32,
) -> Legend {
    let laid = data
        .labels
        .iter()
        .map(|l| c.lay(&plain(l), size, names.max(size), false))
        .collect();
    Legend {
        names,
        values,
        laid,
        size,
    }
}

/// One colour per slice: the chart palette, then the palette lightened towards the background.
fn slice_colors(c: &Composer<'_, '_>, count: usize) -> Vec<String> {
    let palette = chart::palette(c);
    let bg = &c.theme().colors.bg;
    (0..count)
        .map(|k| {
            let tint = TINTS[(k / palette.len()) % TINTS.len()];
            mix(&palette[k % palette.len()], bg, tint)
        })
        .collect()
}

/// The point at `angle` (clockwise from twelve o'clock) on the circle of radius `r`.
fn at([cx, cy]: [f32; 2], r: f32, angle: f32) -> [f32; 2] {
    let a = angle - FRAC_PI_2;
    [cx + r * a.cos(), cy + r * a.sin()]
}

/// The slices (`shares` of the whole, in order), and each large slice's share written on it.
fn slices(
    c: &mut Composer<'_, '_>,
    shares: &[f64],
    colors: &[String],
    centre: [f32; 2],
    r: f32,
) -> Vec<Element> {
    let bg = c.theme().colors.bg.clone();
    let whole = shares.iter().filter(|n| **n > 0.0).count() == 1;
    let mut shapes = Vec::new();
    let mut labels = Vec::new();
    let mut start = 0.0_f32;
    for (k, &share) in shares.iter().enumerate() {
        let sweep = share as f32 * TAU;
        if sweep <= 0.0 {
            continue;
        }
        let steps = (sweep / ARC_STEP).ceil().max(1.0) as usize;
        let arc = (0..=steps).map(|s| at(centre, r, start + sweep * s as f32 / steps as f32));
        // A slice that is the whole pie is a circle, with no line to its centre.
        let points: Vec<[f32; 2]> = if whole {
            arc.collect()
        } else {
            std::iter::once(centre).chain(arc).collect()
        };
        shapes.push(Element::Shape {
            points,
            fill: Some(colors[k].clone()),
            stroke: (!whole).then(|| bg.clone()),
            stroke_width: PARTING * c.format().display_scale,
        });
        let share = share_text(share);
        // A whole pie's share sits at its centre.
        let radius = if whole { 0.0 } else { r * LABEL_RADIUS };
        labels.extend(share_label(
            c,
            &share,
            &colors[k],
            (centre, radius),
            (start, sweep),
        ));
        start += sweep;
    }
    shapes.extend(labels);
    shapes
}

/// A slice's share of the whole, as a whole percentage (`<1%` for a sliver).
fn share_text(share: f64) -> String {
    let share = share * 100.0;
    if share > 0.0 && share < 0.5 {
        "<1%".to_string()
    } else {
        format!("{share:.0}%")
    }
}

/// A share written in the middle of its slice (`radius` from the centre), if the slice is wide
/// enough and a theme colour reads on it.
fn share_label(
    c: &mut Composer<'_, '_>,
    share: &str,
    fill: &str,
    (centre, radius): ([f32; 2], f32),
    (start, sweep): (f32, f32),
) -> Vec<Element> {
    let colors = &c.theme().colors;
    let on = |ink: &str| color::hex_contrast(fill, ink);
    let ink = [colors.text.clone(), colors.bg.clone()]
        .into_iter()
        .max_by(|a, b| on(a).total_cmp(&on(b)))
        .unwrap_or_default();
    if sweep < MIN_SWEEP || on(&ink) < TEXT_CONTRAST {
        return Vec::new();
    }
    let size = chart::label_size(c);
    let look = (size, c.theme().fonts.heading_weight, ink.as_str());
    let room = 2.0 * radius * (sweep.min(std::f32::consts::PI) / 2.0).sin() * 0.8;
    let [x, y] = at(centre, radius, start + sweep / 2.0);
    let (mut label, w) = text_at(c, share, look, (0.0, y, f32::MAX));
    if radius > 0.0 && w > room.max(size * 2.5) {
        return Vec::new();
    }
    label.iter_mut().for_each(|e| e.shift_x(x - w / 2.0));
    label
}

/// A swatch, the name and the value as written for each slice, one per entry, values aligned
/// at the right of their column.
fn legend_elements(
    c: &mut Composer<'_, '_>,
    data: &ChartData,
    colors: &[String],
    legend: &Legend,
    [x, mut y]: [f32; 2],
) -> Vec<Element> {
    let size = legend.size;
    let text = c.theme().colors.text.clone();
    let heading = c.theme().fonts.heading_weight;
    let value_x = x + size * 1.2 + legend.names + size * 0.8;
    let mut out = Vec::new();
    for (k, value) in data.series[0].values.iter().enumerate() {
        let cy = y + legend.entry(k) / 2.0;
        let swatch = size * 0.75;
        out.push(Element::rect(
            x,
            cy - swatch / 2.0,
            swatch,
            swatch,
            3.0,
            &colors[k],
        ));
        out.extend(c.line_at(&legend.laid[k], x + size * 1.2, cy, size));
        let look = (size, heading, text.as_str());
        let (mut v, w) = text_at(c, &value.text, look, (value_x, cy, f32::MAX));
        v.iter_mut().for_each(|e| e.shift_x(legend.values - w));
        out.extend(v);
        y += legend.entry(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_percentages_of_the_total() {
        // (values, slice, share)
        let cases: [(&[f64], usize, &str); 4] = [
            (&[46.0, 31.0, 23.0], 0, "46%"),
            (&[1.2e6, 0.8e6], 1, "40%"),
            (&[999.0, 1.0], 1, "<1%"),
            (&[1.0, 2.0], 1, "67%"),
        ];
        for (values, k, want) in cases {
            let share = values[k] / values.iter().sum::<f64>();
            assert_eq!(share_text(share), want, "{values:?}");
        }
    }

    #[test]
    fn angles_run_clockwise_from_twelve() {
        let near =
            |p: [f32; 2], q: [f32; 2]| (p[0] - q[0]).abs() < 1e-3 && (p[1] - q[1]).abs() < 1e-3;
        assert!(near(at([0.0, 0.0], 10.0, 0.0), [0.0, -10.0]));
        assert!(near(at([0.0, 0.0], 10.0, FRAC_PI_2), [10.0, 0.0]));
        assert!(near(
            at([0.0, 0.0], 10.0, std::f32::consts::PI),
            [0.0, 10.0]
        ));
    }
}
