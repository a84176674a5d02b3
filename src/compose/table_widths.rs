//! Column widths for tables. Columns that all fit on one line share the width in proportion to
//! their content; a table that has to wrap gives its width where it saves the most lines (the
//! way a typesetter balances a table), so rows are as short as the words allow.

/// How much a table row's height (its tallest cell) weighs against the count of wrapped cell
/// lines, which only breaks ties between widths that leave the rows equally tall.
const ROW_WEIGHT: f32 = 100.0;
/// Width differences below this, in px, are the same width.
const EPSILON: f32 = 0.01;

/// One cell's widths, padding included: `0[k]` is the narrowest at which it takes at most
/// `k + 1` lines, so the first is its one-line width and the widths fall with `k`.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct CellWidths(pub(super) Vec<f32>);

impl CellWidths {
    /// Lines the cell takes in a column `width` wide (its most when narrower than every width
    /// known).
    fn lines(&self, width: f32) -> usize {
        self.0
            .iter()
            .position(|&w| w <= width + EPSILON)
            .unwrap_or(self.0.len().saturating_sub(1))
            + 1
    }
}

/// Splits `avail` between columns given each one's natural (one-line) and minimum (longest
/// word) width. If every column fits on one line, widths are scaled up to fill. Otherwise, from
/// the minimums, the space goes step by step to the column whose growth removes the most lines
/// per px from the table (`cells[row][column]`); what is left is shared in proportion to what
/// each column would still like. Equal shares if even the minimums do not fit.
pub(super) fn column_widths(
    natural: &[f32],
    minimum: &[f32],
    cells: &[Vec<CellWidths>],
    avail: f32,
) -> Vec<f32> {
    let n = natural.len();
    let total: f32 = natural.iter().sum();
    if total <= 0.0 || n == 0 {
        return vec![avail / n.max(1) as f32; n];
    }
    if total <= avail {
        return natural.iter().map(|w| w / total * avail).collect();
    }
    if minimum.iter().sum::<f32>() > avail {
        return vec![avail / n as f32; n];
    }
    let mut widths = minimum.to_vec();
    while let Some((column, width)) = best_step(&widths, cells, avail - widths.iter().sum::<f32>())
    {
        widths[column] = width;
    }
    share_rest(&mut widths, natural, avail);
    widths
}

/// The growth of one column, to a width where one of its cells loses a line, that removes the
/// most from the table's [`score`] per px within `left`; `None` when no growth removes any.
fn best_step(widths: &[f32], cells: &[Vec<CellWidths>], left: f32) -> Option<(usize, f32)> {
    let now = score(widths, cells);
    let mut best: Option<(f32, usize, f32)> = None;
    let mut trial = widths.to_vec();
    for (c, &current) in widths.iter().enumerate() {
        let mut targets: Vec<f32> = cells
            .iter()
            .filter_map(|row| row.get(c))
            .flat_map(|cell| cell.0.iter().copied())
            .filter(|&w| w > current + EPSILON && w <= current + left + EPSILON)
            .collect();
        targets.sort_by(f32::total_cmp);
        targets.dedup_by(|a, b| (*a - *b).abs() <= EPSILON);
        for target in targets {
            trial[c] = target;
            let gain = now - score(&trial, cells);
            let rate = gain / (target - current);
            if gain > 0.0 && best.is_none_or(|(r, _, _)| rate > r + f32::EPSILON) {
                best = Some((rate, c, target));
            }
        }
        trial[c] = current;
    }
    best.map(|(_, c, w)| (c, w))
}

/// The table's height in lines (weighted) plus its count of cell lines, at `widths`.
fn score(widths: &[f32], cells: &[Vec<CellWidths>]) -> f32 {
    cells
        .iter()
        .map(|row| {
            let lines = row.iter().zip(widths).map(|(cell, &w)| cell.lines(w));
            let (tallest, sum) = lines.fold((0, 0), |(t, s), l| (t.max(l), s + l));
            tallest as f32 * ROW_WEIGHT + sum as f32
        })
        .sum()
}

/// Shares what `widths` leave of `avail` in proportion to what each column would still like
/// (up to its natural width), or in proportion to the widths once every column has all it likes.
fn share_rest(widths: &mut [f32], natural: &[f32], avail: f32) {
    let left = avail - widths.iter().sum::<f32>();
    if left <= EPSILON {
        return;
    }
    let wants: Vec<f32> = widths
        .iter()
        .zip(natural)
        .map(|(w, n)| (n - w).max(0.0))
        .collect();
    let want_total: f32 = wants.iter().sum();
    if want_total > left {
        for (w, want) in widths.iter_mut().zip(&wants) {
            *w += want / want_total * left;
        }
    } else {
        for (w, want) in widths.iter_mut().zip(&wants) {
            *w += want;
        }
        let sum: f32 = widths.iter().sum();
        for w in widths.iter_mut() {
            *w *= avail / sum;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(widths: &[f32]) -> CellWidths {
        CellWidths(widths.to_vec())
    }

    #[test]
    fn a_cell_takes_the_fewest_lines_its_width_allows() {
        let c = cell(&[300.0, 160.0, 100.0]);
        let cases = [
            (400.0, 1),
            (300.0, 1),
            (299.0, 2),
            (160.0, 2),
            (120.0, 3),
            (50.0, 3),
        ];
        for (width, want) in cases {
            assert_eq!(c.lines(width), want, "{width}");
        }
    }

    #[test]
    fn widths_go_where_they_save_lines() {
        type Case<'a> = (&'a str, Vec<Vec<CellWidths>>, f32, &'a [f32]);
        let cases: [Case<'_>; 3] = [
            (
                // A short column keeps its one line; the long one grows to two lines (more
                // lines saved per px than to three).
                "short and long",
                vec![vec![cell(&[100.0]), cell(&[1000.0, 520.0, 350.0, 150.0])]],
                700.0,
                &[100.0, 520.0],
            ),
            (
                // Column 0 first grows to two lines (the most saved per px), then column 1 to
                // one line, which shortens both rows; one line in column 0 would not fit.
                "rows before cells",
                vec![
                    vec![cell(&[400.0, 250.0, 100.0]), cell(&[300.0, 100.0])],
                    vec![cell(&[100.0]), cell(&[300.0, 100.0])],
                ],
                600.0,
                &[250.0, 300.0],
            ),
            (
                // A row as tall as its tallest cell: both cells of the row must shrink.
                "a whole row",
                vec![vec![cell(&[400.0, 200.0]), cell(&[400.0, 200.0])]],
                800.0,
                &[400.0, 400.0],
            ),
        ];
        for (name, cells, avail, grown) in cases {
            let columns = cells[0].len();
            let minimum: Vec<f32> = (0..columns)
                .map(|c| {
                    let last = |r: &Vec<CellWidths>| *r[c].0.last().unwrap();
                    cells.iter().map(last).fold(0.0, f32::max)
                })
                .collect();
            let natural: Vec<f32> = (0..columns)
                .map(|c| cells.iter().map(|r| r[c].0[0]).fold(0.0, f32::max))
                .collect();
            let mut widths = minimum.clone();
            while let Some((c, w)) = best_step(&widths, &cells, avail - widths.iter().sum::<f32>())
            {
                widths[c] = w;
            }
            for (g, w) in widths.iter().zip(grown) {
                assert!((g - w).abs() < 0.01, "{name}: {widths:?} != {grown:?}");
            }
            let shared = column_widths(&natural, &minimum, &cells, avail);
            assert!(
                (shared.iter().sum::<f32>() - avail).abs() < 0.01,
                "{name}: {shared:?} fills {avail}"
            );
            assert!(
                shared.iter().zip(&widths).all(|(s, w)| s + 0.01 >= *w),
                "{name}: sharing the rest never takes width away"
            );
        }
    }

    #[test]
    fn widths_follow_content() {
        type Case<'a> = (&'a [f32], &'a [f32], f32, &'a [f32]);
        let cases: [Case<'_>; 3] = [
            // Everything fits on one line: scale up to fill.
            (&[100.0, 300.0], &[50.0, 80.0], 800.0, &[200.0, 600.0]),
            // Even minimums do not fit: equal shares.
            (&[900.0, 900.0], &[500.0, 500.0], 800.0, &[400.0, 400.0]),
            // Empty cells.
            (&[0.0, 0.0], &[0.0, 0.0], 800.0, &[400.0, 400.0]),
        ];
        for (natural, minimum, avail, want) in cases {
            let got = column_widths(natural, minimum, &[], avail);
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g - w).abs() < 0.01,
                    "{natural:?} {minimum:?}: {got:?} != {want:?}"
                );
            }
        }
    }
}
