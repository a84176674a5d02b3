//! `==marked text==`: the highlighter mark creators use for emphasis, which CommonMark does not
//! have. Found in the spans of a paragraph, heading, list item or table cell after parsing:
//! an opening `==` is followed by a non-space, a closing one follows a non-space, code spans
//! are left alone, and an opening without a closing stays literal text.

use super::Span;

/// The delimiter.
const DELIMITER: &str = "==";

/// A delimiter found in the spans: the span, the byte offset in its text, and whether it may
/// open or close a mark.
struct Delimiter {
    span: usize,
    at: usize,
    opens: bool,
    closes: bool,
}

/// The spans with every matched `==...==` removed and the text between marked.
pub(super) fn apply(spans: Vec<Span>) -> Vec<Span> {
    let cuts = matched(&spans);
    if cuts.is_empty() {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len() + cuts.len());
    let mut marked = false;
    for (i, span) in spans.into_iter().enumerate() {
        let mut start = 0;
        for &(_, at) in cuts.iter().filter(|(s, _)| *s == i) {
            push(&mut out, &span, &span.text[start..at], marked);
            marked = !marked;
            start = at + DELIMITER.len();
        }
        push(&mut out, &span, &span.text[start..], marked);
    }
    out
}

/// Adds the text as a span styled like `like`, marked or not.
fn push(out: &mut Vec<Span>, like: &Span, text: &str, marked: bool) {
    if text.is_empty() {
        return;
    }
    let mut span = Span {
        text: text.to_string(),
        ..like.clone()
    };
    span.style.mark = marked || like.style.mark;
    out.push(span);
}

/// The (span, offset) of every delimiter that opens or closes a matched mark, in order.
fn matched(spans: &[Span]) -> Vec<(usize, usize)> {
    let mut cuts = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for d in delimiters(spans) {
        match open {
            Some(o) if d.closes => {
                cuts.push(o);
                cuts.push((d.span, d.at));
                open = None;
            }
            None if d.opens => open = Some((d.span, d.at)),
            _ => {}
        }
    }
    cuts
}

/// Every `==` outside code spans, with what it may do given the characters around it.
fn delimiters(spans: &[Span]) -> Vec<Delimiter> {
    let mut out = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        if span.style.code {
            continue;
        }
        let text = &span.text;
        let mut from = 0;
        while let Some(found) = text[from..].find(DELIMITER) {
            let at = from + found;
            let end = at + DELIMITER.len();
            let before = text[..at]
                .chars()
                .next_back()
                .or_else(|| last_char(spans, i));
            let after = text[end..].chars().next().or_else(|| first_char(spans, i));
            out.push(Delimiter {
                span: i,
                at,
                opens: after.is_some_and(|c| !c.is_whitespace() && c != '='),
                closes: before.is_some_and(|c| !c.is_whitespace() && c != '='),
            });
            from = end;
        }
    }
    out
}

/// The last character of the spans before span `i`.
fn last_char(spans: &[Span], i: usize) -> Option<char> {
    spans[..i]
        .iter()
        .rev()
        .find_map(|s| s.text.chars().next_back())
}

/// The first character of the spans after span `i`.
fn first_char(spans: &[Span], i: usize) -> Option<char> {
    spans[i + 1..].iter().find_map(|s| s.text.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::content::markup::test_span as span;

    /// The spans as text with marked parts in brackets.
    fn render(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| {
                if s.style.mark {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_are_matched_like_emphasis() {
        let cases = [
            ("a ==marked== word", "a [marked] word"),
            ("==two== and ==three==", "[two] and [three]"),
            ("x == y and a == b", "x == y and a == b"),
            ("an ==open mark", "an ==open mark"),
            ("no marks", "no marks"),
            ("====", "===="),
        ];
        for (text, want) in cases {
            assert_eq!(render(&apply(vec![span(text, false)])), want, "{text}");
        }
    }

    #[test]
    fn marks_cross_styled_spans_but_not_code() {
        let spans = vec![
            span("say ==it ", false),
            span("loud", true),
            span("== now", false),
        ];
        let out = apply(spans);
        assert_eq!(render(&out), "say [it ][loud] now");
        assert!(out.iter().any(|s| s.style.bold && s.style.mark));
        let mut code = span("a ==b== c", false);
        code.style.code = true;
        assert_eq!(render(&apply(vec![code])), "a ==b== c");
    }
}
