//! Tables: a grid whose column widths follow the content (a short "Time" column stays narrow,
//! a prose column gets the room), with wrapped cell text. Each table row is one row for
//! pagination, so a long table continues on the next slide between rows.

use crate::content::markup::{Span, plain_text};
use crate::text::Laid;
use crate::theme::Theme;

use super::composer::{BlockStyle, Composer};
use super::element::{Element, baseline, line_elements};
use super::rows::{Joint, Row};
use super::table_widths::{CellWidths, column_widths};

/// Table text size relative to body.
const TABLE_SCALE: f32 = 0.85;
/// Padding inside table cells, as a multiple of the table text size.
const CELL_PAD: f32 = 0.45;
/// Padding inside the cells of a table set smaller to keep it whole on a slide.
const DENSE_CELL_PAD: f32 = 0.25;
/// Line height of cell text, as a multiple of its size.
const CELL_LEADING: f32 = 1.3;
/// A table too wide for its words is set at a whole multiple of this size, in px.
const TABLE_STEP: f32 = 2.0;
/// Space above each further part of a table split into parts of columns, as a multiple of its
/// text size.
const PART_GAP: f32 = 1.2;
/// Width used to measure a cell on one line.
const UNBOUNDED: f32 = 100_000.0;
/// A cell's width for a given number of lines is found to within this many px.
const WIDTH_PRECISION: f32 = 1.0;

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
    /// Width of each column shown.
    widths: Vec<f32>,
    /// The table's columns shown, in order (all of them, or one part of a split table).
    columns: Vec<usize>,
    /// Columns shown whose cells are set flush right (numbers).
    right: Vec<bool>,
}

/// The table's columns in parts that fit `width` at their minimum widths: all of them when
/// they fit, else the first column followed by as many of the others as fit, repeated.
fn column_parts(minimum: &[f32], width: f32) -> Vec<Vec<usize>> {
    if minimum.iter().sum::<f32>() <= width || minimum.len() < 3 {
        return vec![(0..minimum.len()).collect()];
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut part = vec![0];
    for c in 1..minimum.len() {
        let used: f32 = part.iter().map(|&i| minimum[i]).sum();
        if part.len() > 1 && used + minimum[c] > width {
            parts.push(std::mem::replace(&mut part, vec![0]));
        }
        part.push(c);
    }
    parts.push(part);
    parts
}

/// How a short paragraph right after a table that is the table's note starts.
const NOTE_STARTS: [&str; 8] = [
    "source", "sources", "note", "notes", "*", "†", "data:", "figures",
];
/// Longest table note, in characters.
const NOTE_CHARS: usize = 240;
/// Space above a table's note, as a multiple of its size.
const NOTE_GAP: f32 = 0.6;

/// True when a paragraph right after a table is its note ("Source: …", "* …"): short, and
/// starting as such notes do.
pub(super) fn is_table_note(spans: &[Span]) -> bool {
    let text = plain_text(spans);
    let lower = text.trim_start().to_lowercase();
    text.chars().count() <= NOTE_CHARS
        && NOTE_STARTS.iter().any(|start| {
            lower.starts_with(start)
                && (start.len() == 1 || !lower[start.len()..].starts_with(char::is_alphabetic))
        })
}

/// The size a table of `style` is set at, if it fits, and its cells' padding as a share of
/// that size: tighter and down to the caption size in a table set smaller to stay whole.
fn table_size(theme: &Theme, style: &BlockStyle) -> (f32, f32) {
    if style.dense < 1.0 {
        let size = (style.size * TABLE_SCALE * style.dense).max(theme.sizes.caption);
        (size, DENSE_CELL_PAD)
    } else {
        let size = (style.size * TABLE_SCALE).max(theme.sizes.min_body);
        (size, CELL_PAD)
    }
}

/// A table split between slides leaves at least this many body rows on each.
const MIN_TABLE_PART: usize = 3;

/// The joint before each of a table's `rows` body rows: between parts of at least
/// `MIN_TABLE_PART` rows (so a total row stays with the rows it sums), a poor one elsewhere (a
/// table too tall for a slide whatever its size; the paginator keeps those parts as long as
/// it can: [`Row::min_part`]).
fn body_joints(rows: usize) -> Vec<Joint> {
    (0..rows)
        .map(|k| {
            if k == 0 || (k >= MIN_TABLE_PART && rows - k >= MIN_TABLE_PART) {
                Joint::Block
            } else {
                Joint::Line
            }
        })
        .collect()
}

/// Which columns hold numbers: every non-empty body cell is a figure (`1,420`, `11.8`, `$15`,
/// `38%`, `2.4x`), and there is one at least.
fn numeric_columns(all: &TableRows<'_>, columns: usize) -> Vec<bool> {
    (0..columns)
        .map(|c| {
            let cells: Vec<String> = all
                .iter()
                .filter(|(is_head, _)| !is_head)
                .filter_map(|(_, cells)| cells.get(c))
                .map(|cell| plain_text(cell).trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            !cells.is_empty() && cells.iter().all(|t| is_number(t))
        })
        .collect()
}

/// A figure: digits with separators, an optional sign or currency before and a unit after.
fn is_number(text: &str) -> bool {
    let core = text
        .trim_start_matches(['+', '-', '−', '~', '$', '€', '£', '¥', '≈'])
        .trim_end_matches(['%', 'x', '×', 'k', 'K', 'M', 'B', 's']);
    !core.is_empty()
        && core.chars().any(|c| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || ".,  '".contains(c))
}

/// The minimum widths of a part's columns and the widths they get in `width`.
fn part_widths(
    part: &[usize],
    (natural, minimum): (&[f32], &[f32]),
    cells: &[Vec<CellWidths>],
    width: f32,
) -> (Vec<f32>, Vec<f32>) {
    let pick = |v: &[f32]| part.iter().map(|&c| v[c]).collect::<Vec<f32>>();
    let part_cells: Vec<Vec<CellWidths>> = cells
        .iter()
        .map(|row| part.iter().map(|&c| row[c].clone()).collect())
        .collect();
    let part_min = pick(minimum);
    let widths = column_widths(&pick(natural), &part_min, &part_cells, width);
    (part_min, widths)
}

impl Composer<'_, '_> {
    /// A table as one row per table row (the header row kept with the first body row). The
    /// text shrinks (down to the caption size) until no word has to break inside a cell; a
    /// table too wide even then is split into parts of columns, each repeating the first.
    pub(super) fn table_rows(
        &mut self,
        style: &BlockStyle,
        head: &[Vec<Span>],
        body: &[Vec<Vec<Span>>],
        x: f32,
        width: f32,
    ) -> Vec<Row> {
        let theme = self.theme();
        let all: TableRows<'_> = std::iter::once((true, head))
            .filter(|(_, cells)| !cells.is_empty())
            .chain(body.iter().map(|r| (false, r.as_slice())))
            .collect();
        let (preferred, pad_share) = table_size(theme, style);
        let (size, (natural, minimum)) = self.fitting_size(&all, preferred, width, pad_share);
        let numeric = numeric_columns(&all, natural.len());
        let cells = if natural.iter().sum::<f32>() > width {
            self.cell_widths(&all, (size, size * pad_share), &minimum)
        } else {
            Vec::new()
        };
        let base = baseline(self.primary_metrics(), size, size * CELL_LEADING);
        let mut out = Vec::new();
        for part in column_parts(&minimum, width) {
            let (part_min, widths) = part_widths(&part, (&natural, &minimum), &cells, width);
            if part_min.iter().zip(&widths).any(|(m, w)| m > &(w + 0.5)) {
                self.warnings.push((
                    format!(
                        "a word in a table cell is wider than its column even at {size:.0} px \
                         and is broken"
                    ),
                    "shorten the word, or give the table fewer columns",
                ));
            }
            let grid = Grid {
                size,
                pad: size * pad_share,
                base,
                x,
                width,
                widths,
                columns: part.clone(),
                right: part.iter().map(|&c| numeric[c]).collect(),
            };
            let first = out.len();
            let mut header: Option<Box<Row>> = None;
            let mut joints = body_joints(body.len()).into_iter();
            let group = self.next_card();
            for (is_head, cells) in &all {
                let mut row = self.table_row(&grid, *is_head, cells);
                row.group = group;
                if *is_head {
                    let mut repeated = row.clone();
                    repeated.keep_with_next = false;
                    header = Some(Box::new(repeated));
                } else {
                    row.repeat = header.clone();
                    row.joint = joints.next().unwrap_or(Joint::Block);
                    row.min_part = MIN_TABLE_PART;
                }
                out.push(row);
            }
            if let Some(row) = out.get_mut(first).filter(|_| first > 0) {
                row.gap = size * PART_GAP;
            }
        }
        out
    }

    /// A table's note ("Source: …"): small and muted under the table, never apart from it nor
    /// larger than it.
    pub(super) fn table_note_rows(&mut self, spans: &[Span], x: f32, width: f32) -> Vec<Row> {
        let theme = self.theme();
        let size = theme.sizes.caption;
        let mut laid = self.lay(spans, size, width, false);
        for run in laid.lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
            if run.format.fill == theme.colors.text {
                run.format.fill = theme.colors.muted.clone();
            }
        }
        let mut rows = self.text_rows(&laid, x, size, CELL_LEADING);
        for row in &mut rows {
            row.joint = Joint::Never;
        }
        if let Some(first) = rows.first_mut() {
            first.gap = size * NOTE_GAP;
        }
        rows
    }

    /// The size (down to the caption size) at which the table's widest words fit `width`, with
    /// the columns' natural and minimum widths at that size.
    fn fitting_size(
        &mut self,
        all: &TableRows<'_>,
        preferred: f32,
        width: f32,
        pad_share: f32,
    ) -> (f32, (Vec<f32>, Vec<f32>)) {
        let floor = self.theme().sizes.caption.min(preferred);
        let measured = self.measure_columns(all, preferred, pad_share);
        let needed: f32 = measured.1.iter().sum();
        if needed <= width {
            return (preferred, measured);
        }
        // Widths (words and padding) grow in proportion to the size: the size at which the
        // widest words fit is found in one step, rounded down to whole steps.
        let fit = preferred * width / needed;
        let size = ((fit / TABLE_STEP).floor() * TABLE_STEP).clamp(floor, preferred);
        (size, self.measure_columns(all, size, pad_share))
    }

    /// Each column's natural (one-line) and minimum (longest word) width, padding included.
    fn measure_columns(
        &mut self,
        all: &TableRows<'_>,
        size: f32,
        pad_share: f32,
    ) -> (Vec<f32>, Vec<f32>) {
        let pad = size * pad_share;
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
                let words = self.widest_word(cell, size, *is_head);
                natural[c] = natural[c].max(one_line + 2.0 * pad);
                minimum[c] = minimum[c].max(words + 2.0 * pad);
            }
        }
        (natural, minimum)
    }

    /// Each cell's widths for one, two, … lines at `size` with `pad` on each side, from its
    /// one-line width down to its column's `minimum` (`[row][column]`).
    fn cell_widths(
        &mut self,
        all: &TableRows<'_>,
        (size, pad): (f32, f32),
        minimum: &[f32],
    ) -> Vec<Vec<CellWidths>> {
        let empty = Vec::new();
        let mut rows = Vec::with_capacity(all.len());
        for (is_head, cells) in all {
            let mut row = Vec::with_capacity(minimum.len());
            for (c, &narrowest) in minimum.iter().enumerate() {
                let cell = cells.get(c).unwrap_or(&empty);
                let one_line =
                    self.lay_quietly(cell, size, UNBOUNDED, *is_head).width() + 2.0 * pad;
                let mut lines_at = |w: f32| {
                    let laid = self.lay_quietly(cell, size, (w - 2.0 * pad).max(0.0), *is_head);
                    laid.lines.len().max(1)
                };
                let most = lines_at(narrowest);
                let mut widths = vec![one_line.max(narrowest)];
                for k in 2..=most {
                    let (mut lo, mut hi) = (narrowest, *widths.last().unwrap_or(&narrowest));
                    while hi - lo > WIDTH_PRECISION {
                        let mid = (lo + hi) / 2.0;
                        if lines_at(mid) <= k {
                            hi = mid
                        } else {
                            lo = mid
                        }
                    }
                    widths.push(if lines_at(lo) <= k { lo } else { hi });
                }
                row.push(CellWidths(widths));
            }
            rows.push(row);
        }
        rows
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
        let empty = Vec::new();
        let laid: Vec<Laid> = grid
            .columns
            .iter()
            .zip(&grid.widths)
            .map(|(&c, w)| self.lay(cells.get(c).unwrap_or(&empty), size, w - 2.0 * pad, is_head))
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
        // Columns run from the start side: from the right in a right-to-left slide.
        let rtl = self.rtl;
        let mut edge = if rtl { x + width } else { x };
        for ((cell, &column_w), right) in laid.iter().zip(&grid.widths).zip(&grid.right) {
            let left = if rtl { edge - column_w } else { edge };
            for (i, line) in cell.lines.iter().enumerate() {
                let y = pad + i as f32 * lh + base;
                // Figures, right-to-left text and every cell of a right-to-left table sit at
                // the cell's right.
                let lx = if *right || cell.rtl || rtl {
                    left + column_w - pad - line.width
                } else {
                    left + pad
                };
                elements.extend(line_elements(line, lx, y, size, &theme.colors.surface));
            }
            let words: Vec<String> = cell.lines.iter().map(|l| l.text()).collect();
            text.push(words.join(" "));
            edge = if rtl { left } else { left + column_w };
        }
        Row {
            keep_with_next: is_head,
            joint: Joint::Block,
            ..Row::new(height, elements, text.join(" | "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_split_into_parts_repeating_the_first_column() {
        type Case<'a> = (&'a [f32], f32, &'a [&'a [usize]]);
        let cases: [Case<'_>; 4] = [
            (&[100.0, 200.0, 300.0], 600.0, &[&[0, 1, 2]]),
            (&[100.0, 200.0, 300.0, 250.0], 600.0, &[&[0, 1, 2], &[0, 3]]),
            (
                &[100.0, 400.0, 400.0, 400.0],
                600.0,
                &[&[0, 1], &[0, 2], &[0, 3]],
            ),
            // Two columns are never split: a word breaks instead.
            (&[500.0, 500.0], 600.0, &[&[0, 1]]),
        ];
        for (minimum, width, want) in cases {
            let got = column_parts(minimum, width);
            assert_eq!(
                got,
                want.iter().map(|p| p.to_vec()).collect::<Vec<_>>(),
                "{minimum:?}"
            );
        }
    }

    #[test]
    fn tables_split_into_parts_of_three_rows_at_least() {
        use Joint::{Block, Line};
        let cases: [(usize, &[Joint]); 4] = [
            (1, &[Block]),
            (5, &[Block, Line, Line, Line, Line]),
            (6, &[Block, Line, Line, Block, Line, Line]),
            (8, &[Block, Line, Line, Block, Block, Block, Line, Line]),
        ];
        for (rows, want) in cases {
            assert_eq!(body_joints(rows), want, "{rows} rows");
        }
    }

    #[test]
    fn table_notes_are_recognised() {
        let cases = [
            ("Source: our eval set of 3,200 tickets.", true),
            ("Sources — vendor pricing pages, May 2026", true),
            ("* Prices before tax.", true),
            ("Note: numbers are medians.", true),
            ("Notebooks were the slowest part.", false),
            ("Sourcing tickets took a week.", false),
            ("The top two were data work.", false),
        ];
        for (text, want) in cases {
            let spans = vec![Span {
                text: text.into(),
                style: Default::default(),
                href: None,
            }];
            assert_eq!(is_table_note(&spans), want, "{text}");
        }
    }

    #[test]
    fn figures_are_recognised() {
        let cases = [
            ("1,420", true),
            ("11.8", true),
            ("$15", true),
            ("38%", true),
            ("2.4x", true),
            ("-3", true),
            ("Postgres", false),
            ("v1.2", false),
            ("", false),
            ("10 days", false),
        ];
        for (text, want) in cases {
            assert_eq!(is_number(text), want, "{text}");
        }
    }
}
