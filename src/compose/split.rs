//! Splitting a paragraph that is too tall for one slide at sentence boundaries, so that a
//! continued section breaks between sentences rather than in the middle of one.

use super::blocks::BODY_LEADING;
use super::composer::{BlockStyle, Composer};
use super::sentences::sentences;
use crate::content::markup::{Block, Span};

/// Steps of the search for the most even parts.
const EVEN_STEPS: usize = 8;

/// Replaces every paragraph taller than `avail` px with consecutive paragraphs of whole
/// sentences: as few as fit in `avail`, of heights as even as they can be.
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
        let groups = |c: &mut Composer<'_, '_>, cap: f32| group_sentences(c, &height, spans, cap);
        // As few parts as fit, then as even as that number of parts allows.
        let most = groups(c, avail);
        let (mut lo, mut hi) = (lh * 2.0, avail);
        for _ in 0..EVEN_STEPS {
            let mid = (lo + hi) / 2.0;
            if groups(c, mid).len() <= most.len() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let even = groups(c, hi);
        let parts = if even.len() <= most.len() { even } else { most };
        out.extend(parts.into_iter().map(|spans| Block::Paragraph { spans }));
    }
    out
}

/// The sentences of `spans` in consecutive groups, each as tall as fits in `cap` (by
/// `height`); a sentence taller than that is a group of its own.
fn group_sentences(
    c: &mut Composer<'_, '_>,
    height: &impl Fn(&mut Composer<'_, '_>, &[Span]) -> f32,
    spans: &[Span],
    cap: f32,
) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
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
        if !group.is_empty() && height(c, &candidate) > cap {
            out.push(std::mem::replace(&mut group, sentence));
        } else {
            group = candidate;
        }
    }
    if !group.is_empty() {
        out.push(group);
    }
    out
}
