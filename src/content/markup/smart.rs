//! Typographic punctuation for text that is not Markdown (front matter's title, subtitle and
//! eyebrow), as pulldown-cmark's smart punctuation sets the body: curly quotes and apostrophes,
//! en and em dashes, the ellipsis.

/// Characters after which a quote opens.
const OPENS_AFTER: &[char] = &['(', '[', '{', '“', '‘', '—', '–', '/', '-'];

/// `text` with straight quotes curled, `--`/`---` as en/em dashes and `...` as an ellipsis.
pub(crate) fn smart(text: &str) -> String {
    let text = text
        .replace("---", "—")
        .replace("--", "–")
        .replace("...", "…");
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let opens = prev.is_none_or(|p| p.is_whitespace() || OPENS_AFTER.contains(&p));
        out.push(match (c, opens) {
            ('"', true) => '“',
            ('"', false) => '”',
            ('\'', true) => '‘',
            ('\'', false) => '’',
            _ => c,
        });
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::smart;

    #[test]
    fn quotes_dashes_and_ellipses_are_set_as_in_the_body() {
        let cases = [
            (
                "Here's our launch checklist.",
                "Here’s our launch checklist.",
            ),
            (
                "How I'd negotiate \"the offer\"",
                "How I’d negotiate “the offer”",
            ),
            ("'Quick sync' -- 9:07 AM", "‘Quick sync’ – 9:07 AM"),
            ("Wait... what---really?", "Wait… what—really?"),
            ("(\"quoted\")", "(“quoted”)"),
            ("No quotes", "No quotes"),
        ];
        for (plain, typeset) in cases {
            assert_eq!(smart(plain), typeset, "{plain:?}");
        }
    }
}
