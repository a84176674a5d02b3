//! Rows: the vertical units composition stacks and pagination moves between slides (a paragraph
//! line, a list line, a table row, an image, a chunk of a code card), and stacking them.

use super::element::{CardLook, Element};

/// A vertical unit of content; `elements` are positioned with the row's top at y = 0.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// Space above the row (dropped at the top of a slide).
    pub gap: f32,
    /// Height of the row.
    pub height: f32,
    /// What to draw.
    pub elements: Vec<Element>,
    /// The row's text, for alt text.
    pub text: String,
    /// A row that should not end a slide (inner headings, table headers, the top of a card).
    pub keep_with_next: bool,
    /// A row kept with the next only as long as something else can end the slide (a lead-in
    /// ending with a colon, a list item holding a nested list).
    pub soft_keep: bool,
    /// How good a place a slide break just before this row is.
    pub joint: Joint,
    /// A card drawn behind this row and the rows next to it that share it (the lines of a code
    /// block), one card per slide they land on.
    pub backing: Option<Backing>,
    /// Space a slide break just before this row needs above it on the next slide and below the
    /// row before it (the padding of a card the break cuts through).
    pub split_pad: f32,
    /// A row repeated at the top of the next slide when a slide break falls just before this
    /// one (the header row of a table).
    pub repeat: Option<Box<Row>>,
    /// The block split between slides as one (a code block, a list) this row is part of, by a
    /// number unique in the slide; 0 for none.
    pub group: u32,
    /// The fewest rows of its group a slide should hold when the group is split.
    pub min_part: usize,
}

/// How good a place a slide break just before a row is, worst first: pagination takes the best
/// joint that leaves the slide full enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Joint {
    /// Only when nothing else fits: inside a wrapped code line, before a closing brace or a
    /// total row, where a part of fewer than three table rows, four code lines or two lines of a
    /// paragraph would be left.
    Never,
    /// Between two lines of a sentence, after a line of code that opens a block, between the
    /// rows of a quote.
    Line,
    /// Between sentences, between lines of code, between the items of a short list.
    Sentence,
    /// Between blocks and list items, between parts of a table, at a blank line of code.
    Block,
}

/// A card behind a run of rows that may be split between slides.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Backing {
    /// Rows with the same id share one card on a slide.
    pub id: u32,
    /// Left edge of the card.
    pub x: f32,
    /// Width of the card.
    pub width: f32,
    /// How the card is drawn.
    pub look: CardLook,
}

impl Row {
    /// A row of `height` holding `elements`, with no gap above it.
    pub(super) fn new(height: f32, elements: Vec<Element>, text: String) -> Row {
        Row {
            gap: 0.0,
            height,
            elements,
            text,
            keep_with_next: false,
            soft_keep: false,
            joint: Joint::Line,
            backing: None,
            split_pad: 0.0,
            repeat: None,
            group: 0,
            min_part: 0,
        }
    }

    /// What a slide starting with this row needs above it: the repeated header row and the
    /// padding of a cut card.
    pub(super) fn resume_height(&self) -> f32 {
        self.split_pad + self.repeat.as_ref().map_or(0.0, |r| r.height)
    }

    /// An empty row of `height` with the same backing as `like` (the padding of a card cut by a
    /// slide break).
    pub(super) fn spacer(height: f32, like: &Row) -> Row {
        Row {
            backing: like.backing.clone(),
            ..Row::new(height, Vec::new(), String::new())
        }
    }
}

/// Where lines sit horizontally.
#[derive(Debug, Clone, Copy)]
pub(super) enum Align {
    /// Left edge at this x.
    Start(f32),
    /// Centred on this x.
    Centre(f32),
}

/// The height of rows stacked one under the other (the first row's gap is not counted).
pub(super) fn rows_height(rows: &[Row]) -> f32 {
    rows.iter()
        .enumerate()
        .map(|(i, r)| if i == 0 { r.height } else { r.gap + r.height })
        .sum()
}

/// The text of rows joined with spaces (a heading's plain text).
pub(super) fn rows_text(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stacks rows downwards from `top` (the first row's gap is ignored); returns the positioned
/// elements and the rows' text joined into one line of alt text.
pub(super) fn stack(rows: Vec<Row>, top: f32) -> (Vec<Element>, String) {
    let mut y = top;
    let mut content = Vec::new();
    let mut alt = Vec::new();
    // The open card: its backing, where it starts and where its first elements go.
    let mut open: Option<(Backing, f32, usize)> = None;
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            y += row.gap;
        }
        if open.as_ref().map(|o| &o.0) != row.backing.as_ref() {
            close_card(&mut content, open.take(), y - row.gap);
            open = row.backing.clone().map(|b| (b, y, content.len()));
        }
        for mut el in row.elements {
            el.shift(y);
            content.push(el);
        }
        y += row.height;
        alt.push(row.text);
    }
    close_card(&mut content, open, y);
    (
        content,
        alt.join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Draws an open card from its start to `bottom`, under the elements of its rows.
fn close_card(content: &mut Vec<Element>, open: Option<(Backing, f32, usize)>, bottom: f32) {
    if let Some((backing, top, at)) = open {
        let card = backing
            .look
            .draw(backing.x, top, backing.width, bottom - top);
        content.splice(at..at, card);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(gap: f32, height: f32, text: &str) -> Row {
        Row {
            gap,
            ..Row::new(
                height,
                vec![Element::rect(0.0, 0.0, 10.0, height, 0.0, "#000")],
                text.into(),
            )
        }
    }

    #[test]
    fn stacking_skips_the_first_gap() {
        let cases: [(&[(f32, f32)], f32); 3] = [
            (&[], 0.0),
            (&[(50.0, 10.0)], 10.0),
            (&[(50.0, 10.0), (5.0, 20.0), (7.0, 1.0)], 43.0),
        ];
        for (spec, want) in cases {
            let rows: Vec<Row> = spec.iter().map(|&(g, h)| row(g, h, "a  b")).collect();
            assert_eq!(rows_height(&rows), want, "{spec:?}");
            let (elements, alt) = stack(rows, 100.0);
            let tops: Vec<f32> = elements
                .iter()
                .map(|e| match e {
                    Element::Rect { y, .. } => *y,
                    _ => f32::NAN,
                })
                .collect();
            let mut y = 100.0;
            for (i, (&(g, h), top)) in spec.iter().zip(&tops).enumerate() {
                if i > 0 {
                    y += g;
                }
                assert_eq!(*top, y, "{spec:?}");
                y += h;
            }
            assert_eq!(alt, vec!["a b"; spec.len()].join(" "));
        }
    }
}
