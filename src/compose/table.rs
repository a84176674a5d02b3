//! Tables: a grid whose column widths follow the content (a short "Time" column stays narrow,
//! a prose column gets the room), with wrapped cell text. Each table row is one row for
//! pagination, so a long table continues on the next slide between rows.

use crate::content::markup::Span;
use crate::text::{self, Shaper};

use super::blocks::{BlockStyle, Row, lay, primary_metrics};
use super::element::{Element, baseline, line_elements};

/// Table text size relative to body.
const TABLE_SCALE: f32 = 0.85;
/// Padding inside table cells, as a multiple of the table text size.
const CELL_PAD: f32 = 0.45;
/// Line height of cell text, as a multiple of its size.
const CELL_LEADING: f32 = 1.3;
/// Width used to measure a cell on one line.
const UNBOUNDED: f32 = 100_000.0;

/// Splits `avail` between columns given each one's natural (one-line) and minimum (longest
/// word) width. If every column fits on one line, widths are scaled up to fill. Otherwise columns
/// narrower than a fair share keep their natural width, and the rest is split between the wide
/// columns: their minimums plus a share in proportion to what each would still like. Equal
/// shares if even the minimums do not fit.
pub fn column_widths(natural: &[f32], minimum: &[f32], avail: f32) -> Vec<f32> {
    let n = natural.len();
    let total: f32 = natural.iter().sum();
    if total <= 0.0 || n == 0 {
        return vec![avail / n.max(1) as f32; n];
    }
    if total <= avail {
        return natural.iter().map(|w| w / total * avail).collect();
    }
    let mut widths = vec![0.0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut remaining = avail;
    loop {
        let share = remaining / open.len().max(1) as f32;
        let (narrow, wide): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| natural[i] <= share);
        if narrow.is_empty() {
            break;
        }
        for i in narrow {
            widths[i] = natural[i];
            remaining -= natural[i];
        }
        open = wide;
    }
    let min_total: f32 = open.iter().map(|&i| minimum[i]).sum();
    if min_total > remaining {
        return vec![avail / n as f32; n];
    }
    let want_total: f32 = open
        .iter()
        .map(|&i| (natural[i] - minimum[i]).max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    for &i in &open {
        widths[i] =
            minimum[i] + (natural[i] - minimum[i]).max(0.0) / want_total * (remaining - min_total);
    }
    widths
}

/// Lays a table out into rows at `x`, `width` wide.
#[allow(
    clippy::too_many_arguments,
    reason = "shaper, style and missing-glyph sink travel separately until a composer value holds them"
)]
pub fn rows(
    shaper: &mut Shaper<'_>,
    style: &BlockStyle<'_>,
    head: &[Vec<Span>],
    body: &[Vec<Vec<Span>>],
    x: f32,
    width: f32,
    missing: &mut Vec<char>,
) -> Vec<Row> {
    let theme = style.theme;
    let size = (style.size * TABLE_SCALE).max(theme.sizes.min_body);
    let pad = size * CELL_PAD;
    let columns = head
        .len()
        .max(body.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let all: Vec<(bool, &[Vec<Span>])> = std::iter::once((true, head))
        .filter(|(_, cells)| !cells.is_empty())
        .chain(body.iter().map(|r| (false, r.as_slice())))
        .collect();
    let (mut natural, mut minimum) = (vec![0.0f32; columns], vec![0.0f32; columns]);
    for (is_head, cells) in &all {
        for (c, cell) in cells.iter().enumerate() {
            let one_line = lay(shaper, theme, cell, size, UNBOUNDED, *is_head, missing).width();
            let runs = super::blocks::styled(theme, cell, *is_head);
            let words = text::min_content_width(shaper, &runs, size, &theme.fonts.emoji);
            natural[c] = natural[c].max(one_line + 2.0 * pad);
            minimum[c] = minimum[c].max(words + 2.0 * pad);
        }
    }
    let widths = column_widths(&natural, &minimum, width);
    let lh = size * CELL_LEADING;
    let base = baseline(primary_metrics(shaper, theme), size, lh);
    let mut out = Vec::new();
    for (is_head, cells) in all {
        let laid: Vec<_> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                lay(
                    shaper,
                    theme,
                    cell,
                    size,
                    widths[c] - 2.0 * pad,
                    is_head,
                    missing,
                )
            })
            .collect();
        let lines = laid.iter().map(|l| l.lines.len()).max().unwrap_or(1);
        let height = lines as f32 * lh + 2.0 * pad;
        let mut elements = vec![if is_head {
            Element::rect(x, 0.0, width, height, 12.0, &theme.colors.surface)
        } else {
            let mut rule = Element::rect(x, height - 2.0, width, 2.0, 0.0, &theme.colors.muted);
            if let Element::Rect { opacity, .. } = &mut rule {
                *opacity = 0.25;
            }
            rule
        }];
        let mut text = Vec::new();
        let mut cx = x;
        for (c, cell) in laid.iter().enumerate() {
            for (i, line) in cell.lines.iter().enumerate() {
                let y = pad + i as f32 * lh + base;
                elements.extend(line_elements(
                    line,
                    cx + pad,
                    y,
                    size,
                    &theme.colors.surface,
                ));
            }
            text.push(
                cell.lines
                    .iter()
                    .map(|l| l.text())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            cx += widths[c];
        }
        out.push(Row {
            gap: 0.0,
            height,
            elements,
            text: text.join(" | "),
            keep_with_next: is_head,
            block_start: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_content() {
        type Case<'a> = (&'a [f32], &'a [f32], f32, &'a [f32]);
        let cases: [Case<'_>; 5] = [
            // Short columns keep their natural width; the long one takes the rest.
            (
                &[100.0, 250.0, 1000.0],
                &[60.0, 100.0, 150.0],
                888.0,
                &[100.0, 250.0, 538.0],
            ),
            // Everything fits on one line: scale up to fill.
            (&[100.0, 300.0], &[50.0, 80.0], 800.0, &[200.0, 600.0]),
            // Too wide: minimums plus a share of the rest.
            (&[100.0, 1500.0], &[100.0, 200.0], 800.0, &[100.0, 700.0]),
            // Even minimums do not fit: equal shares.
            (&[900.0, 900.0], &[500.0, 500.0], 800.0, &[400.0, 400.0]),
            // Empty cells.
            (&[0.0, 0.0], &[0.0, 0.0], 800.0, &[400.0, 400.0]),
        ];
        for (natural, minimum, avail, want) in cases {
            let got = column_widths(natural, minimum, avail);
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g - w).abs() < 0.01,
                    "{natural:?} {minimum:?}: {got:?} != {want:?}"
                );
            }
            assert!((got.iter().sum::<f32>() - avail).abs() < 0.01);
        }
    }
}
