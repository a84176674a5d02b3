//! Pagination: how the rows of a section that does not fit one slide are spread over its
//! continuation slides. The section is planned as a whole: the fewest slides, broken at the
//! best joints ([`Joint`]: block boundaries, then sentence ends, then lines, never a place that
//! leaves a fragment), evenly full; a break inside a card pays for the card's padding on both
//! sides.

use super::rows::{Joint, Row};

/// A slide's rows with what a slide break around them needs: the table header repeated and the
/// padding of a card cut before them (their first row continues a card), the padding of a card
/// cut after them (`next` continues theirs).
pub(super) fn with_card_padding(rows: &[Row], next: Option<&Row>) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len() + 2);
    if let Some(first) = rows.first() {
        out.extend(first.repeat.as_deref().cloned());
        if first.split_pad > 0.0 {
            out.push(Row::spacer(first.split_pad, first));
        }
    }
    // The slide's first row sits right under what was put above it.
    let start = out.len();
    out.extend(rows.iter().cloned());
    if start > 0 {
        out[start].gap = 0.0;
    }
    if let (Some(last), Some(next)) = (rows.last(), next.filter(|n| n.split_pad > 0.0)) {
        out.push(Row::spacer(next.split_pad, last));
    }
    out
}

/// What a slide costs in the plan of a section: fewer slides come first.
const PAGE_COST: f32 = 1000.0;
/// What an empty slide costs, scaled by the square of its empty share: slides evenly full cost
/// least, a last slide holding a line or two costs most.
const EMPTY_COST: f32 = 600.0;
/// What a slide break after a row kept with the next (an inner heading, a table header, the
/// top of a card) costs: only when nothing else fits.
const KEEP_COST: f32 = 20_000.0;
/// What a slide break after a lead-in (a row kept with the next softly) costs: an extra slide
/// is cheaper, and so is a part of two lines of the code it introduces.
const SOFT_KEEP_COST: f32 = 3_000.0;

/// What each missing row of a part of a split card (a code block) shorter than its
/// [`Row::min_part`] costs.
const FRAGMENT_COST: f32 = 1_200.0;

/// What a slide break at `joint` costs.
fn joint_cost(joint: Joint) -> f32 {
    match joint {
        Joint::Block => 0.0,
        Joint::Sentence => 60.0,
        Joint::Line => 250.0,
        Joint::Never => 20_000.0,
    }
}

/// How many rows go on each page, given the space on the first and later pages: the section is
/// planned as a whole (as a typesetter breaks a paragraph into lines), for the fewest slides,
/// broken at the best joints, as evenly full as can be, so no part is a fragment and the last
/// slide is not a line or two. A row taller than a slide gets a slide of its own.
pub(super) fn balanced_counts(rows: &[Row], avail: impl Fn(bool) -> f32) -> Vec<usize> {
    let n = rows.len();
    if n == 0 {
        return vec![0];
    }
    // before[i]: the height of rows[..i] with the gaps above each.
    let mut before = vec![0.0f32; n + 1];
    for (i, row) in rows.iter().enumerate() {
        before[i + 1] = before[i] + row.gap + row.height;
    }
    // The height of a slide holding rows[a..b], with the padding of cards it cuts.
    let height = |a: usize, b: usize| {
        let close = rows.get(b).map_or(0.0, |next| next.split_pad);
        rows[a].resume_height() + before[b] - before[a] - rows[a].gap + close
    };
    let groups = Groups::of(rows);
    // best[i]: the cheapest plan of rows[..i] and the start of its last slide.
    let mut best: Vec<Option<(f32, usize)>> = vec![None; n + 1];
    best[0] = Some((0.0, 0));
    for a in 0..n {
        let Some((so_far, _)) = best[a] else {
            continue;
        };
        let room = avail(a == 0).max(1.0);
        for (b, slot) in best.iter_mut().enumerate().skip(a + 1) {
            let used = height(a, b);
            if used > room && b > a + 1 {
                break;
            }
            let empty = (1.0 - used / room).clamp(0.0, 1.0);
            let cost = so_far
                + PAGE_COST
                + EMPTY_COST * empty * empty
                + break_cost(rows, b)
                + groups.fragment_cost(rows, a, b);
            if slot.is_none_or(|(c, _)| cost < c) {
                *slot = Some((cost, a));
            }
        }
    }
    let mut counts = Vec::new();
    let mut at = n;
    while at > 0 {
        let (_, start) = best[at].expect("every row ends some slide");
        counts.push(at - start);
        at = start;
    }
    counts.reverse();
    counts
}

/// Where the group (a code block, a list) of each row starts and ends, for rows in one.
struct Groups {
    /// The first row of the group each row is part of (the row itself outside any).
    start: Vec<usize>,
    /// One past the last row of the group each row is part of.
    end: Vec<usize>,
    /// lines[i]: how many of rows[..i] count towards a part (a card's top row does not).
    lines: Vec<usize>,
}

impl Groups {
    fn of(rows: &[Row]) -> Groups {
        let n = rows.len();
        let same = |i: usize, j: usize| rows[i].group != 0 && rows[i].group == rows[j].group;
        let mut start: Vec<usize> = (0..n).collect();
        for i in 1..n {
            if same(i - 1, i) {
                start[i] = start[i - 1];
            }
        }
        let mut end: Vec<usize> = (1..=n).collect();
        for i in (0..n.saturating_sub(1)).rev() {
            if same(i, i + 1) {
                end[i] = end[i + 1];
            }
        }
        let mut lines = vec![0; n + 1];
        for (i, row) in rows.iter().enumerate() {
            lines[i + 1] = lines[i] + usize::from(row.min_part > 0);
        }
        Groups { start, end, lines }
    }

    /// What a slide holding `rows[a..b]` costs for the parts of groups cut by its breaks that
    /// are shorter than their rows' `min_part`: by the square of the rows missing, so one lone
    /// row costs more than two parts a row short each.
    fn fragment_cost(&self, rows: &[Row], a: usize, b: usize) -> f32 {
        let short = |from: usize, to: usize, of: &Row| {
            of.min_part
                .saturating_sub(self.lines[to] - self.lines[from]) as f32
        };
        let mut missing = 0.0;
        // The slide starts inside a group that began on an earlier slide.
        let resumed = a > 0 && self.start[a] < a;
        if resumed {
            missing += short(a, self.end[a].min(b), &rows[a]).powi(2);
        }
        // The slide ends inside a group that goes on on the next slide (counted once when the
        // slide holds only a middle part of it).
        if b < rows.len() && self.start[b] < b && !(resumed && self.start[b] < a) {
            missing += short(self.start[b].max(a), b, &rows[b - 1]).powi(2);
        }
        FRAGMENT_COST * missing
    }
}

/// What a slide break just before `rows[at]` costs (nothing at the end of the rows).
fn break_cost(rows: &[Row], at: usize) -> f32 {
    let Some(next) = rows.get(at) else {
        return 0.0;
    };
    let before = &rows[at - 1];
    let keep = match (before.keep_with_next, before.soft_keep) {
        (false, _) => 0.0,
        (true, true) => SOFT_KEEP_COST,
        (true, false) => KEEP_COST,
    };
    joint_cost(next.joint) + keep
}

#[cfg(test)]
mod tests {
    use super::super::rows::rows_height;
    use super::*;

    fn row(height: f32, block_start: bool, keep_with_next: bool) -> Row {
        Row {
            gap: 10.0,
            joint: if block_start {
                Joint::Block
            } else {
                Joint::Line
            },
            keep_with_next,
            ..Row::new(height, Vec::new(), String::new())
        }
    }

    /// Rows as (height, joint before, kept with the next).
    fn rows(spec: &[(f32, Joint, bool)]) -> Vec<Row> {
        spec.iter()
            .map(|&(height, joint, keep)| Row {
                joint,
                ..row(height, false, keep)
            })
            .collect()
    }

    #[test]
    fn sections_are_planned_as_a_whole() {
        use Joint::{Block, Line, Never, Sentence};
        // (rows, space on every slide, rows on each slide)
        type Case<'a> = (&'a [(f32, Joint, bool)], f32, &'a [usize]);
        let nine = [(40.0, Block, false); 9];
        let cases: [Case<'_>; 8] = [
            // Everything fits.
            (&[(50.0, Block, false), (50.0, Line, false)], 200.0, &[2]),
            // A block boundary rather than a line inside the next block.
            (
                &[
                    (90.0, Block, false),
                    (30.0, Block, false),
                    (30.0, Line, false),
                ],
                140.0,
                &[1, 2],
            ),
            // Between sentences rather than inside one.
            (
                &[
                    (40.0, Block, false),
                    (40.0, Line, false),
                    (40.0, Sentence, false),
                    (40.0, Line, false),
                ],
                150.0,
                &[2, 2],
            ),
            // Never after an inner heading.
            (
                &[
                    (50.0, Block, false),
                    (30.0, Block, true),
                    (50.0, Block, false),
                ],
                100.0,
                &[1, 2],
            ),
            // A block that cannot be split moves whole to the next slide.
            (
                &[
                    (100.0, Block, false),
                    (20.0, Block, true),
                    (40.0, Never, false),
                    (40.0, Never, false),
                    (40.0, Never, false),
                    (40.0, Never, false),
                ],
                250.0,
                &[1, 5],
            ),
            // Evenly full: three slides of three, not 4 + 4 + 1.
            (&nine, 200.0, &[3, 3, 3]),
            // A row taller than a slide gets a slide of its own.
            (
                &[(500.0, Block, false), (50.0, Block, false)],
                100.0,
                &[1, 1],
            ),
            // Nothing to take.
            (&[], 100.0, &[0]),
        ];
        for (spec, avail, want) in cases {
            let got = balanced_counts(&rows(spec), |_| avail);
            assert_eq!(got, want, "{spec:?} in {avail}");
        }
    }

    #[test]
    fn a_split_card_leaves_no_short_part() {
        let top = Row {
            keep_with_next: true,
            group: 1,
            ..row(20.0, true, false)
        };
        let line = Row {
            joint: Joint::Sentence,
            min_part: 4,
            group: 1,
            ..row(40.0, false, false)
        };
        let mut rows = vec![top];
        rows.extend(std::iter::repeat_n(line, 8));
        // A slide holds the top and five lines: 4 + 4 rather than 5 + 3.
        let got = balanced_counts(&rows, |_| 20.0 + 5.0 * 50.0);
        assert_eq!(got, [5, 4]);
        // The cost of a slide, by the square of the lines its part of the card is short.
        let groups = Groups::of(&rows);
        assert_eq!(groups.fragment_cost(&rows, 0, 5), 0.0, "top and 4 lines");
        assert_eq!(
            groups.fragment_cost(&rows, 0, 3),
            4.0 * FRAGMENT_COST,
            "2 lines"
        );
        assert_eq!(
            groups.fragment_cost(&rows, 3, 5),
            4.0 * FRAGMENT_COST,
            "a middle part of 2 lines, counted once"
        );
        assert_eq!(
            groups.fragment_cost(&rows, 6, 9),
            FRAGMENT_COST,
            "3 lines at the end"
        );
        assert_eq!(groups.fragment_cost(&rows, 0, 9), 0.0, "the whole card");
    }

    #[test]
    fn the_first_slide_has_its_own_space() {
        let spec = [(40.0, Joint::Block, false); 6];
        // The first slide holds one row (under a tall heading), the next ones up to four.
        let got = balanced_counts(&rows(&spec), |first| if first { 50.0 } else { 200.0 });
        assert_eq!(got.first(), Some(&1));
        assert_eq!(got.iter().sum::<usize>(), 6);
        assert!(got[1..].iter().all(|&n| n <= 4), "{got:?}");
    }

    #[test]
    fn a_break_inside_a_card_pays_for_its_padding() {
        let line = |split_pad| Row {
            split_pad,
            ..row(40.0, true, false)
        };
        let rows = [row(50.0, true, false), line(10.0), line(10.0)];
        // Two rows and the card's padding on both sides of a cut: 10 + 40 + 10 + 40 + 10.
        assert_eq!(balanced_counts(&rows, |_| 100.0), [1, 2]);
        assert_eq!(balanced_counts(&rows, |_| 95.0), [1, 1, 1]);
        // A slide that starts inside a card pays for the padding above it: 10 + 40 + 10 + 40.
        assert_eq!(balanced_counts(&rows[1..], |_| 100.0), [2]);
        assert_eq!(balanced_counts(&rows[1..], |_| 95.0), [1, 1]);
        let padded = with_card_padding(&rows[1..2], rows.get(2));
        assert_eq!(padded.len(), 3, "padding above and below");
        assert_eq!(rows_height(&padded), 10.0 + 40.0 + 10.0);
    }
}
