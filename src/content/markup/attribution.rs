//! A quote's attribution written on the quote's last line (`… it means. — Joan Didion`, or
//! under it without a blank line, which Markdown joins into the same paragraph) becomes a
//! paragraph of its own, as when it is written after a blank line: layouts set it apart.

use super::{Block, Span};

/// The dashes that open an attribution, each with the space before it.
const MARKERS: [&str; 3] = [" — ", " – ", " -- "];
/// What the quoted text ends with before an attribution on its line.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '"', '”', '’', '»', ')'];
/// An attribution is at most this many characters long.
const MAX_ATTRIBUTION: usize = 80;

/// The quote's blocks with an attribution at the end of its last paragraph set apart.
pub(super) fn separate(mut blocks: Vec<Block>) -> Vec<Block> {
    let Some(Block::Paragraph { spans }) = blocks.last() else {
        return blocks;
    };
    let Some((quote, who)) = split(spans) else {
        return blocks;
    };
    blocks.pop();
    blocks.push(Block::Paragraph { spans: quote });
    blocks.push(Block::Paragraph { spans: who });
    blocks
}

/// The paragraph's runs before and from the dash of an attribution at its end, if it has one.
fn split(spans: &[Span]) -> Option<(Vec<Span>, Vec<Span>)> {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let at = MARKERS.iter().filter_map(|m| text.rfind(m)).max()?;
    let (quote, tail) = (text[..at].trim_end(), text[at..].trim());
    let name = tail.trim_start_matches(['—', '–', '-']).trim();
    let attribution = !name.is_empty()
        && name.chars().count() <= MAX_ATTRIBUTION
        && !name.contains(['\n', '—', '–'])
        && !name.contains(". ")
        && quote.ends_with(SENTENCE_ENDS);
    attribution.then(|| cut(spans, at))
}

/// The runs cut at byte `at` of their text, the space there dropped.
fn cut(spans: &[Span], at: usize) -> (Vec<Span>, Vec<Span>) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut start = 0;
    for span in spans {
        let end = start + span.text.len();
        if end <= at {
            before.push(span.clone());
        } else if start >= at {
            after.push(span.clone());
        } else {
            let (head, tail) = span.text.split_at(at - start);
            before.push(Span {
                text: head.to_string(),
                ..span.clone()
            });
            after.push(Span {
                text: tail.to_string(),
                ..span.clone()
            });
        }
        start = end;
    }
    if let Some(last) = before.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    if let Some(first) = after.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    before.retain(|s| !s.text.is_empty());
    after.retain(|s| !s.text.is_empty());
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markup::Style;

    fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            style: Style::default(),
            href: None,
        }
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { spans } => spans.iter().map(|s| s.text.as_str()).collect(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn an_attribution_on_the_quote_line_gets_a_paragraph() {
        // (the last paragraph, the paragraphs after)
        let cases: [(&str, &[&str]); 7] = [
            (
                "What it means. — Joan Didion, Why I Write",
                &["What it means.", "— Joan Didion, Why I Write"],
            ),
            (
                "Was wasted. -- Kurt Vonnegut",
                &["Was wasted.", "-- Kurt Vonnegut"],
            ),
            ("“Ship it.” – me", &["“Ship it.”", "– me"]),
            // Not an attribution: a dash inside a sentence, no text after it, a long tail.
            (
                "Write less — and cut the rest.",
                &["Write less — and cut the rest."],
            ),
            ("The end. — ", &["The end. —"]),
            (
                "Short. — and then a whole second sentence follows here. It goes on",
                &["Short. — and then a whole second sentence follows here. It goes on"],
            ),
            ("— Stephen King", &["— Stephen King"]),
        ];
        for (last, want) in cases {
            let blocks = vec![Block::Paragraph {
                spans: vec![plain(last.trim_end()), plain("")],
            }];
            assert_eq!(texts(&separate(blocks)), want, "{last:?}");
        }
    }

    #[test]
    fn the_cut_keeps_each_runs_style() {
        let mut bold = plain("so hard. — David");
        bold.style.bold = true;
        let spans = vec![plain("Writing is "), bold, plain(" McCullough")];
        let (quote, who) = split(&spans).expect("an attribution");
        assert_eq!(quote.len(), 2);
        assert!(quote[1].style.bold && quote[1].text == "so hard.");
        assert_eq!(who[0].text, "— David");
        assert!(who[0].style.bold && !who[1].style.bold);
    }
}
