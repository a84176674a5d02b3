//! How a line of code too wide for its card wraps: the spaces that align trailing comments are
//! cut first, then the line breaks and its continuations hang under its text.

use crate::text::{Line, StyledText};

use super::composer::Composer;

/// A wrapped line's continuations hang under its text only when that leaves them this share of
/// the width at least.
const MIN_HANG: f32 = 0.5;
/// The spaces left where a line that would wrap had more to align what follows them.
const ALIGN_SPACES: usize = 2;

/// `runs` from byte `at` of their joined text on, without the spaces the line broke at.
fn runs_after(runs: &[StyledText], at: usize) -> Vec<StyledText> {
    let mut skip = at;
    let mut out = Vec::new();
    for run in runs {
        if skip >= run.text.len() {
            skip -= run.text.len();
            continue;
        }
        let text = &run.text[skip..];
        skip = 0;
        let text = if out.is_empty() {
            text.trim_start()
        } else {
            text
        };
        if !text.is_empty() {
            out.push(StyledText {
                text: text.to_string(),
                format: run.format.clone(),
            });
        }
    }
    out
}

/// `runs` without their alignment: spaces that end a token, after the line's first text and
/// before another token (the padding that lines up trailing comments), cut to `ALIGN_SPACES`.
/// Spaces inside a token (a string) and the indentation stay.
fn without_alignment(runs: &[StyledText]) -> Vec<StyledText> {
    let mut seen_text = false;
    let last = runs.len().saturating_sub(1);
    runs.iter()
        .enumerate()
        .map(|(i, run)| {
            let body = run.text.trim_end_matches(' ');
            let spaces = run.text.len() - body.len();
            seen_text |= !body.trim_start().is_empty();
            let text = if i < last && seen_text && spaces > ALIGN_SPACES {
                format!("{body}{}", " ".repeat(ALIGN_SPACES))
            } else {
                run.text.clone()
            };
            StyledText {
                text,
                format: run.format.clone(),
            }
        })
        .collect()
}

impl Composer<'_, '_> {
    /// A source line laid out `text_w` wide, each visual line with its indent. A line that
    /// wraps loses its alignment padding first; its continuations hang under the start of its
    /// text (its indentation), unless that leaves them less than `MIN_HANG` of the width.
    pub(super) fn lay_wrapped(
        &mut self,
        runs: &[StyledText],
        size: f32,
        text_w: f32,
        column: f32,
    ) -> Vec<(Line, f32)> {
        let mut laid = self.lay_code(runs, size, text_w);
        let unaligned;
        let mut runs = runs;
        if laid.lines.len() > 1 {
            unaligned = without_alignment(runs);
            laid = self.lay_code(&unaligned, size, text_w);
            runs = &unaligned;
        }
        self.missing.extend(&laid.missing);
        let mut lines: Vec<(Line, f32)> = laid.lines.into_iter().map(|l| (l, 0.0)).collect();
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let indent = (text.len() - text.trim_start_matches(' ').len()) as f32 * column;
        let first = lines.first().map(|(l, _)| l.text()).unwrap_or_default();
        if lines.len() < 2 || text_w - indent < text_w * MIN_HANG || !text.starts_with(&first) {
            return lines;
        }
        let rest = runs_after(runs, first.len());
        let hung = self.lay_code(&rest, size, text_w - indent);
        self.missing.extend(&hung.missing);
        lines.truncate(1);
        lines.extend(hung.lines.into_iter().map(|l| (l, indent)));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::RunFormat;

    fn runs(texts: &[&str]) -> Vec<StyledText> {
        let format = RunFormat::plain("JetBrains Mono", 400, "#000000");
        texts
            .iter()
            .map(|t| StyledText {
                text: t.to_string(),
                format: format.clone(),
            })
            .collect()
    }

    #[test]
    fn a_continuation_takes_the_runs_after_its_line() {
        let runs = runs(&["    let text = ", "std::fs::read", "(path);"]);
        // (bytes on the first line, what the continuation holds)
        let cases = [
            (15, vec!["std::fs::read", "(path);"]),
            (14, vec!["std::fs::read", "(path);"]),
            (20, vec!["fs::read", "(path);"]),
            (28, vec!["(path);"]),
            (35, vec![]),
        ];
        for (at, want) in cases {
            let got: Vec<String> = runs_after(&runs, at).into_iter().map(|r| r.text).collect();
            assert_eq!(got, want, "after {at}");
        }
    }

    #[test]
    fn a_line_that_wraps_drops_the_spaces_aligning_its_comment() {
        // (tokens, tokens without alignment)
        let cases: [(&[&str], &[&str]); 5] = [
            (&["x = 1       ", "# one"], &["x = 1  ", "# one"]),
            (&["x = 1", "       ", "# one"], &["x = 1", "  ", "# one"]),
            // Indentation and spaces inside a string stay.
            (
                &["        ", "x", "  ", "= 1"],
                &["        ", "x", "  ", "= 1"],
            ),
            (
                &["print(", "\"a     \"", ")"],
                &["print(", "\"a     \"", ")"],
            ),
            // Spaces ending the line are not alignment.
            (&["x = 1", "# one     "], &["x = 1", "# one     "]),
        ];
        for (tokens, want) in cases {
            let got: Vec<String> = without_alignment(&runs(tokens))
                .into_iter()
                .map(|r| r.text)
                .collect();
            assert_eq!(got, want, "{tokens:?}");
        }
    }
}
