//! Splitting a paragraph that is too tall for one slide at sentence boundaries, so that a
//! continued section breaks between sentences rather than in the middle of one.

use super::blocks::BODY_LEADING;
use super::composer::{BlockStyle, Composer};
use super::sentences::sentences;
use crate::content::markup::{Block, Span};

/// Replaces every paragraph taller than `avail` px with consecutive paragraphs of whole
/// sentences, each as tall as fits in `avail`.
pub(super) fn split_tall_paragraphs(
    c: &mut Composer<'_, '_>,
    style: &BlockStyle,
    blocks: &[Block],
    width: f32,
    avail: f32,
) -> Vec<Block> {
    let lh = style.size * BODY_LEADING;
    let height = |c: &mut Composer<'_, '_>, spans: &[Span]| {
        c.lay_quietly(spans, style.size, width, false).lines.len() as f32 * lh
    };
    let mut out = Vec::new();
    for block in blocks {
        let Block::Paragraph { spans } = block else {
            out.push(block.clone());
            continue;
        };
        if height(c, spans) <= avail {
            out.push(block.clone());
            continue;
        }
        let mut group: Vec<Span> = Vec::new();
        for sentence in sentences(spans) {
            let mut candidate = group.clone();
            if !candidate.is_empty() {
                candidate.push(Span {
                    text: " ".into(),
                    ..sentence[0].clone()
                });
            }
            candidate.extend(sentence.iter().cloned());
            if !group.is_empty() && height(c, &candidate) > avail {
                out.push(Block::Paragraph {
                    spans: std::mem::take(&mut group),
                });
                group = sentence;
            } else {
                group = candidate;
            }
        }
        if !group.is_empty() {
            out.push(Block::Paragraph { spans: group });
        }
    }
    out
}
