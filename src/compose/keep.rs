//! What is kept together on a slide: a lead-in ending with a colon with the block it
//! introduces, and a table, code block or short list whole when it fits a slide (set smaller
//! down to the caption size first).

use super::composer::{BlockStyle, Composer, Room};
use super::rows::{Joint, Row, rows_height};

/// Steps by which a table or code block is set smaller to keep it whole on a slide.
const DENSE_STEP: f32 = 0.05;
/// The smallest share of its size a table or code block is set at to keep it whole (the caption
/// size stops it first in the built-in themes).
const DENSE_FLOOR: f32 = 0.5;
/// The share of its size a table or code block too tall for any slide is set at.
const SPLIT_DENSE: f32 = 0.8;
/// A list split between slides leaves at least this many rows on each.
const MIN_LIST_PART: usize = 2;

/// The lead-in at the end of rows laid so far (a paragraph ending with a colon, kept with the
/// block after it).
#[derive(Debug, Clone, Copy)]
pub(super) struct LeadIn {
    /// Its height with the gap under it, or 0 without one.
    height: f32,
    /// Nothing but the lead-in comes before the block: they open the body.
    opens: bool,
}

impl LeadIn {
    /// The lead-in at the end of `rows`, with `gap` (a multiple of the size) under it.
    pub(super) fn of(rows: &[Row], style: &BlockStyle, gap: f32) -> LeadIn {
        match rows.last() {
            Some(last) if last.keep_with_next => {
                let start = rows.iter().rposition(|r| r.joint == Joint::Block);
                let start = start.unwrap_or(0);
                LeadIn {
                    height: rows_height(&rows[start..]) + style.size * gap,
                    opens: start == 0,
                }
            }
            _ => LeadIn {
                height: 0.0,
                opens: rows.is_empty(),
            },
        }
    }

    /// The heights a block after this lead-in may take to be kept whole, most wanted first, each
    /// with whether the lead-in fits with it: on the first slide when they open the body, on
    /// any slide, and (when `alone`) on any slide without the lead-in.
    fn targets(self, room: Room, alone: bool) -> Vec<(f32, bool)> {
        let mut out = Vec::new();
        if self.opens {
            out.push((room.first - self.height, true));
        }
        if self.height > 0.0 {
            out.push((room.any - self.height, true));
        }
        if alone || self.height == 0.0 {
            out.push((room.any, self.height == 0.0));
        }
        out
    }
}

/// Marks a block's rows as not to be split between slides.
fn keep_whole(rows: &mut [Row]) {
    for row in rows.iter_mut().skip(1) {
        row.joint = Joint::Never;
    }
}

impl Composer<'_, '_> {
    /// A table's or code block's rows (by `rows`): at the style's size, or when they are taller
    /// than a slide's body (`style.whole_in`), at the largest smaller size down to the caption
    /// size that fits them whole, with the lead-in `lead` px tall before them if it can; at
    /// `SPLIT_DENSE` when none does, to be split into few parts. A block that fits is never
    /// split.
    pub(super) fn whole(
        &mut self,
        style: &BlockStyle,
        lead: LeadIn,
        mut rows: impl FnMut(&mut Self, &BlockStyle) -> Vec<Row>,
    ) -> Vec<Row> {
        let Some(room) = style.whole_in else {
            return rows(self, style);
        };
        for (target, with_lead) in lead.targets(room, true) {
            let mut dense = style.dense;
            loop {
                let mut out = rows(self, &BlockStyle { dense, ..*style });
                if rows_height(&out) <= target {
                    // Kept whole apart from a lead-in opening the body, the lead-in would be
                    // alone on its slide: it may rather take the block's first part.
                    if with_lead || !lead.opens {
                        keep_whole(&mut out);
                    }
                    return out;
                }
                if dense <= DENSE_FLOOR {
                    break;
                }
                dense -= DENSE_STEP;
            }
        }
        // Split anyway: compact, with its full chrome.
        let dense = style.dense.min(SPLIT_DENSE);
        rows(self, &BlockStyle { dense, ..*style })
    }

    /// Makes a list's rows one group, split into parts of at least `MIN_LIST_PART` rows; a
    /// `short` list that fits a slide with its lead-in is not split at all.
    pub(super) fn group_list(
        &mut self,
        style: &BlockStyle,
        lead: LeadIn,
        short: bool,
        list: &mut [Row],
    ) {
        let group = self.next_card();
        for row in list.iter_mut() {
            row.group = group;
            row.min_part = row.min_part.max(MIN_LIST_PART);
        }
        let height = rows_height(list);
        if short
            && style.whole_in.is_some_and(|room| {
                lead.targets(room, false)
                    .into_iter()
                    .any(|(target, _)| height <= target)
            })
        {
            keep_whole(list);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_kept_whole_with_its_lead_in_first() {
        let room = Room {
            first: 300.0,
            any: 250.0,
        };
        let lead = |height: f32, opens: bool| LeadIn { height, opens };
        // (lead-in, a block may go without it, heights tried with whether the lead-in fits)
        type Case<'a> = (LeadIn, bool, &'a [(f32, bool)]);
        let cases: [Case<'_>; 4] = [
            // Opening the body: the first slide's fuller room first.
            (
                lead(100.0, true),
                true,
                &[(200.0, true), (150.0, true), (250.0, false)],
            ),
            (lead(100.0, false), true, &[(150.0, true), (250.0, false)]),
            // A list is kept whole only with its lead-in.
            (lead(100.0, false), false, &[(150.0, true)]),
            // No lead-in: the block alone, on the first slide when it opens the body.
            (lead(0.0, true), false, &[(300.0, true), (250.0, true)]),
        ];
        for (lead, alone, want) in cases {
            assert_eq!(lead.targets(room, alone), want, "{lead:?} {alone}");
        }
    }
}
