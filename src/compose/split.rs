//! Splitting a paragraph that is too tall for one slide at sentence boundaries, so that a
//! continued section breaks between sentences rather than in the middle of one.

use super::blocks::BODY_LEADING;
use super::composer::{BlockStyle, Composer};
use crate::content::markup::{Block, Span};

/// Splits the spans of a paragraph into sentences, keeping each run's style. A sentence ends
/// after `.`, `!`, `?` or `…` (and any closing quotes or brackets) followed by white space.
pub(super) fn sentences(spans: &[Span]) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = vec![Vec::new()];
    for span in spans {
        let mut rest = span.text.as_str();
        while let Some(end) = sentence_end(rest) {
            let (head, tail) = rest.split_at(end);
            push(out.last_mut().expect("one sentence"), span, head);
            out.push(Vec::new());
            rest = tail.trim_start();
        }
        push(out.last_mut().expect("one sentence"), span, rest);
    }
    out.retain(|s| !s.is_empty());
    out
}

fn push(sentence: &mut Vec<Span>, like: &Span, text: &str) {
    if !text.is_empty() {
        sentence.push(Span {
            text: text.to_string(),
            ..like.clone()
        });
    }
}

/// Byte offset just after the first sentence end in `text` that is followed by white space.
fn sentence_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if matches!(
                q,
                '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '.' | '!' | '?'
            ) {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            return Some(end);
        }
    }
    None
}

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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::content::markup::test_span as span;

    fn texts(sentences: &[Vec<Span>]) -> Vec<String> {
        sentences
            .iter()
            .map(|s| crate::content::markup::plain_text(s))
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        let cases: [(&str, &[&str]); 5] = [
            ("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]),
            ("Version 1.2 is out. Next", &["Version 1.2 is out.", "Next"]),
            (
                "He said \"stop.\" Then left.",
                &["He said \"stop.\"", "Then left."],
            ),
            ("No end here", &["No end here"]),
            (
                "量子化は無料ではない。 次へ",
                &["量子化は無料ではない。", "次へ"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(texts(&sentences(&[span(text, false)])), want, "{text}");
        }
    }

    #[test]
    fn styles_survive_the_split() {
        let s = sentences(&[
            span("Plain start. Then ", false),
            span("bold end. More", true),
        ]);
        assert_eq!(texts(&s), vec!["Plain start.", "Then bold end.", "More"]);
        assert!(s[1][1].style.bold && !s[1][0].style.bold);
        assert!(s[2][0].style.bold);
    }
}
