//! Footnotes: references are numbered in order of first use across the post and drawn as
//! superscript numbers; each slide lists the definitions it refers to. A definition nobody
//! refers to is dropped with a warning.

use std::collections::HashMap;
use std::path::Path;

use crate::error::Diagnostic;

use super::markup::{Block, Footnote, Section, Span};

/// A numbered footnote as shown at the bottom of a slide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SlideNote {
    /// The number shown.
    pub number: usize,
    /// The definition text.
    pub spans: Vec<Span>,
}

/// Superscript digits for a footnote number.
pub(crate) fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

fn walk_spans(blocks: &mut [Block], f: &mut impl FnMut(&mut Span)) {
    for block in blocks {
        match block {
            Block::Paragraph { spans } | Block::Heading { spans, .. } => {
                spans.iter_mut().for_each(&mut *f)
            }
            Block::List { items, .. } => {
                items.iter_mut().for_each(|i| walk_spans(&mut i.blocks, f))
            }
            Block::Quote { blocks } => walk_spans(blocks, f),
            Block::Table { head, rows } => {
                head.iter_mut().flatten().for_each(&mut *f);
                rows.iter_mut().flatten().flatten().for_each(&mut *f);
            }
            Block::Code { .. } | Block::Image { .. } | Block::Diagram { .. } => {}
        }
    }
}

/// Numbers the references in `sections` and returns, per section, the notes it refers to, plus
/// warnings for definitions that are never referred to.
pub(crate) fn number(
    sections: &mut [Section],
    definitions: Vec<Footnote>,
    path: &Path,
    source: &str,
) -> (Vec<Vec<SlideNote>>, Vec<Diagnostic>) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let defs: HashMap<&str, &Footnote> =
        definitions.iter().map(|d| (d.label.as_str(), d)).collect();
    let mut per_section = Vec::new();
    for section in sections.iter_mut() {
        let mut notes: Vec<SlideNote> = Vec::new();
        let mut visit = |span: &mut Span| {
            if !span.style.footnote {
                return;
            }
            let next = numbers.len() + 1;
            let n = *numbers.entry(span.text.clone()).or_insert(next);
            if !notes.iter().any(|note| note.number == n) {
                let spans = defs
                    .get(span.text.as_str())
                    .map(|d| d.spans.clone())
                    .unwrap_or_default();
                notes.push(SlideNote { number: n, spans });
            }
            span.text = superscript(n);
        };
        if let Some(heading) = section.heading.as_mut() {
            heading.iter_mut().for_each(&mut visit);
        }
        walk_spans(&mut section.blocks, &mut visit);
        per_section.push(notes);
    }
    let warnings = definitions
        .iter()
        .filter(|d| !numbers.contains_key(&d.label))
        .map(|d| {
            Diagnostic::warning(format!(
                "footnote `{}` is never referred to; it was dropped",
                d.label
            ))
            .at_offset(path, source, d.offset)
        })
        .collect();
    (per_section, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markup::{parse, plain_text};

    #[test]
    fn references_are_numbered_in_order_and_listed_per_section() {
        let md = "Intro[^b].\n\n## One\n\nA[^a] and again[^b].\n\n## Two\n\nB[^a].\n\n[^a]: First note.\n[^b]: Second note.\n[^c]: Unused.\n";
        let mut parsed = parse(md, 2, 0).unwrap();
        let (notes, warnings) = number(
            &mut parsed.sections,
            parsed.footnotes,
            Path::new("p.md"),
            md,
        );
        let Block::Paragraph { spans } = &parsed.sections[1].blocks[0] else {
            panic!()
        };
        assert_eq!(plain_text(spans), "A² and again¹.");
        let summary: Vec<Vec<(usize, String)>> = notes
            .iter()
            .map(|n| n.iter().map(|x| (x.number, plain_text(&x.spans))).collect())
            .collect();
        assert_eq!(summary[0], vec![(1, "Second note.".to_string())]);
        assert_eq!(
            summary[1],
            vec![
                (2, "First note.".to_string()),
                (1, "Second note.".to_string())
            ]
        );
        assert_eq!(summary[2], vec![(2, "First note.".to_string())]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("`c`"));
        assert_eq!(warnings[0].location.as_ref().unwrap().line, Some(13));
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(12), "¹²");
    }
}
