//! Sentences: where a sentence of a paragraph ends, for splitting a paragraph between slides
//! and for telling which lines start a sentence.

use crate::content::markup::Span;

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

/// Characters that end a sentence.
const STOPS: [char; 7] = ['.', '!', '?', '…', '。', '！', '？'];
/// Closing quotes and brackets that may follow a sentence's stop and still belong to it.
const CLOSERS: [char; 7] = ['"', '\'', '”', '’', ')', ']', '»'];

/// True when `line` ends a sentence: a stop, then perhaps closing quotes or brackets.
pub(super) fn ends_sentence(line: &str) -> bool {
    line.trim_end().trim_end_matches(CLOSERS).ends_with(STOPS)
}

/// Byte offset just after the first sentence end in `text` that is followed by white space.
fn sentence_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !STOPS.contains(&c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if CLOSERS.contains(&q) || STOPS.contains(&q) {
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
