//! Pagination: how the rows of a section that does not fit one slide are spread over its
//! continuation slides. Breaks prefer block boundaries, then sentence ends, then lines; the
//! pages are evened out so the last is not a line or two; a break inside a card pays for the
//! card's padding on both sides.

use super::rows::Row;

/// A slide that continues on the next is at least this full, unless its next block cannot be
/// split (an image) or ends it.
const MIN_FILL: f32 = 0.6;
/// Steps of the search for the even split of a section over its continuation slides.
const BALANCE_STEPS: usize = 16;

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

/// How many rows go on each page, given the space on the first and later pages: as many pages
/// as filling each page in turn needs, with the rows spread evenly over them, so the last page
/// is not a line or two.
pub(super) fn balanced_counts(rows: &[Row], avail: impl Fn(bool) -> f32) -> Vec<usize> {
    let paginate = |cap: f32| {
        let mut counts = Vec::new();
        let mut rest = rows;
        while !rest.is_empty() || counts.is_empty() {
            let take = fit_count(rest, avail(counts.is_empty()).min(cap));
            counts.push(take);
            rest = &rest[take..];
        }
        counts
    };
    // Page breaks inside a block (a paragraph split between slides), which evening out must not
    // add.
    let splits = |counts: &[usize]| {
        let mut at = 0;
        let mut inside = 0;
        for count in &counts[..counts.len() - 1] {
            at += count;
            inside += usize::from(rows.get(at).is_some_and(|r| !r.block_start));
        }
        inside
    };
    let full = avail(false).max(avail(true));
    let greedy = paginate(full);
    let allowed = (greedy.len(), splits(&greedy));
    let (mut lo, mut hi) = (0.0f32, full);
    for _ in 0..BALANCE_STEPS {
        let mid = (lo + hi) / 2.0;
        let counts = paginate(mid);
        if counts.len() <= allowed.0 && splits(&counts) <= allowed.1 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let even = paginate(hi);
    if even.len() <= allowed.0 && splits(&even) <= allowed.1 {
        even
    } else {
        greedy
    }
}

/// How many rows from the start fit in `avail` px (at least one, so progress is guaranteed).
/// A slide break inside a card (between code lines) costs the card's padding on both sides.
fn fit_count(rows: &[Row], avail: f32) -> usize {
    let mut used = rows.first().map_or(0.0, Row::resume_height);
    // The height used by the first n rows, for n = 0, 1, ...
    let mut heights = vec![used];
    for (i, row) in rows.iter().enumerate() {
        let add = if i == 0 {
            row.height
        } else {
            row.gap + row.height
        };
        let close = rows.get(i + 1).map_or(0.0, |next| next.split_pad);
        if used + add + close > avail {
            break;
        }
        used += add;
        heights.push(used);
    }
    let mut count = heights.len() - 1;
    // Prefer to continue at a block boundary (between paragraphs, list items, table rows, code
    // lines), else between two sentences of a paragraph, as long as the slide stays at least
    // `MIN_FILL` full; only then between two lines inside a sentence.
    if count < rows.len() && !rows[count].block_start {
        let back = |good: fn(&Row) -> bool| {
            (1..count)
                .rev()
                .find(|&i| good(&rows[i]) && heights[i] >= avail * MIN_FILL)
        };
        if let Some(boundary) = back(|r| r.block_start) {
            count = boundary;
        } else if !rows[count].sentence_start
            && let Some(boundary) = back(|r| r.block_start || r.sentence_start)
        {
            count = boundary;
        }
    }
    // Do not end a slide on a row that belongs with the next one (an inner heading).
    while count > 1 && count < rows.len() && rows[count - 1].keep_with_next {
        count -= 1;
    }
    count.max(1).min(rows.len())
}

#[cfg(test)]
mod tests {
    use super::super::rows::rows_height;
    use super::*;

    fn row(height: f32, block_start: bool, keep_with_next: bool) -> Row {
        Row {
            gap: 10.0,
            block_start,
            keep_with_next,
            ..Row::new(height, Vec::new(), String::new())
        }
    }

    #[test]
    fn continuation_prefers_block_boundaries() {
        // (rows as (height, block start, keep with next), space, rows taken)
        type Case<'a> = (&'a [(f32, bool, bool)], f32, usize);
        let cases: [Case<'_>; 7] = [
            // Everything fits.
            (&[(50.0, true, false), (50.0, false, false)], 200.0, 2),
            // Back up to the start of the block that would be split...
            (
                &[
                    (90.0, true, false),
                    (30.0, true, false),
                    (30.0, false, false),
                ],
                140.0,
                1,
            ),
            // ...unless that leaves the slide less than 60 % full: split inside the block.
            (
                &[
                    (50.0, true, false),
                    (50.0, true, false),
                    (50.0, false, false),
                ],
                120.0,
                2,
            ),
            // The first block alone does not fit: split inside it.
            (
                &[
                    (50.0, true, false),
                    (50.0, false, false),
                    (50.0, false, false),
                ],
                120.0,
                2,
            ),
            // Never end on an inner heading.
            (
                &[(50.0, true, false), (30.0, true, true), (50.0, true, false)],
                100.0,
                1,
            ),
            // At least one row, even when it is too tall.
            (&[(500.0, true, false), (50.0, true, false)], 100.0, 1),
            // Nothing to take.
            (&[], 100.0, 0),
        ];
        for (spec, avail, want) in cases {
            let rows: Vec<Row> = spec.iter().map(|&(h, s, k)| row(h, s, k)).collect();
            assert_eq!(fit_count(&rows, avail), want, "{spec:?} in {avail}");
        }
    }

    #[test]
    fn a_paragraph_continues_between_sentences() {
        let line = |sentence_start| Row {
            sentence_start,
            ..row(30.0, false, false)
        };
        let rows = [
            row(50.0, true, false),
            line(false),
            line(true),
            line(false),
            line(false),
        ];
        // Heights 50, 90, 130: the sentence starting at row 2 leaves the slide 90 / 140 full.
        assert_eq!(fit_count(&rows, 140.0), 2);
        // Too empty then (90 / 160 < 60 %): continue after row 2 inside the sentence.
        assert_eq!(fit_count(&rows, 160.0), 3);
    }

    #[test]
    fn a_break_inside_a_card_pays_for_its_padding() {
        let line = |split_pad| Row {
            split_pad,
            ..row(40.0, true, false)
        };
        let rows = [row(50.0, true, false), line(10.0), line(10.0)];
        // 50 + (10 + 40) + 10 of padding under the cut card.
        assert_eq!(fit_count(&rows, 110.0), 2);
        assert_eq!(fit_count(&rows, 105.0), 1);
        // A slide that starts inside a card pays for the padding above it.
        assert_eq!(fit_count(&rows[1..], 45.0), 1);
        let padded = with_card_padding(&rows[1..2], rows.get(2));
        assert_eq!(padded.len(), 3, "padding above and below");
        assert_eq!(rows_height(&padded), 10.0 + 40.0 + 10.0);
    }
}
