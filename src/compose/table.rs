//! Tables: a grid whose column widths follow the content (a short "Time" column stays narrow,
//! a prose column gets the room), with wrapped cell text. Each table row is one row for
//! pagination, so a long table continues on the next slide between rows.

use crate::content::markup::Span;
use crate::text::{self, Laid};

use super::composer::{BlockStyle, Composer, styled};
use super::element::{Element, baseline, line_elements};
use super::rows::Row;

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
pub(super) fn column_widths(natural: &[f32], minimum: &[f32], avail: f32) -> Vec<f32> {
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
/// Opacity of the rule under body rows.
const RULE_OPACITY: f32 = 0.25;
/// Corner radius of the header row's band.
const HEAD_RADIUS: f32 = 12.0;

/// A table's rows in order, each flagged as the header row or not.
type TableRows<'t> = Vec<(bool, &'t [Vec<Span>])>;

/// Sizes shared by the rows of one table.
struct Grid {
    size: f32,
    pad: f32,
    base: f32,
    x: f32,
    width: f32,
    widths: Vec<f32>,
}

impl Composer<'_, '_> {
    /// A table as one row per table row (the header row kept with the first body row).
    pub(super) fn table_rows(
        &mut self,
        style: &BlockStyle,
        head: &[Vec<Span>],
        body: &[Vec<Vec<Span>>],
        x: f32,
        width: f32,
    ) -> Vec<Row> {
        let theme = self.theme();
        let size = (style.size * TABLE_SCALE).max(theme.sizes.min_body);
        let pad = size * CELL_PAD;
        let all: TableRows<'_> = std::iter::once((true, head))
            .filter(|(_, cells)| !cells.is_empty())
            .chain(body.iter().map(|r| (false, r.as_slice())))
            .collect();
        let (natural, minimum) = self.measure_columns(&all, size, pad);
        let base = baseline(self.primary_metrics(), size, size * CELL_LEADING);
        let grid = Grid {
            size,
            pad,
            base,
            x,
            width,
            widths: column_widths(&natural, &minimum, width),
        };
        all.into_iter()
            .map(|(is_head, cells)| self.table_row(&grid, is_head, cells))
            .collect()
    }

    /// Each column's natural (one-line) and minimum (longest word) width, padding included.
    fn measure_columns(
        &mut self,
        all: &TableRows<'_>,
        size: f32,
        pad: f32,
    ) -> (Vec<f32>, Vec<f32>) {
        let theme = self.theme();
        let columns = all
            .iter()
            .map(|(_, cells)| cells.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let (mut natural, mut minimum) = (vec![0.0f32; columns], vec![0.0f32; columns]);
        for (is_head, cells) in all {
            for (c, cell) in cells.iter().enumerate() {
                let one_line = self.lay(cell, size, UNBOUNDED, *is_head).width();
                let runs = styled(theme, cell, *is_head);
                let words =
                    text::min_content_width(&mut self.shaper, &runs, size, &theme.fonts.emoji);
                natural[c] = natural[c].max(one_line + 2.0 * pad);
                minimum[c] = minimum[c].max(words + 2.0 * pad);
            }
        }
        (natural, minimum)
    }

    /// One table row: the header on a surface band, body rows over a faint rule.
    fn table_row(&mut self, grid: &Grid, is_head: bool, cells: &[Vec<Span>]) -> Row {
        let theme = self.theme();
        let Grid {
            size,
            pad,
            base,
            x,
            width,
            ..
        } = *grid;
        let laid: Vec<Laid> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| self.lay(cell, size, grid.widths[c] - 2.0 * pad, is_head))
            .collect();
        let lh = size * CELL_LEADING;
        let lines = laid.iter().map(|l| l.lines.len()).max().unwrap_or(1);
        let height = lines as f32 * lh + 2.0 * pad;
        let mut elements = vec![if is_head {
            Element::rect(x, 0.0, width, height, HEAD_RADIUS, &theme.colors.surface)
        } else {
            let mut rule = Element::rect(x, height - 2.0, width, 2.0, 0.0, &theme.colors.muted);
            if let Element::Rect { opacity, .. } = &mut rule {
                *opacity = RULE_OPACITY;
            }
            rule
        }];
        let mut text = Vec::new();
        let mut cx = x;
        for (cell, column_w) in laid.iter().zip(&grid.widths) {
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
            let words: Vec<String> = cell.lines.iter().map(|l| l.text()).collect();
            text.push(words.join(" "));
            cx += column_w;
        }
        Row {
            keep_with_next: is_head,
            block_start: true,
            ..Row::new(height, elements, text.join(" | "))
        }
    }
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
