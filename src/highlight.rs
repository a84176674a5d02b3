//! Syntax highlighting of code blocks with syntect (pure-Rust regexes). Token colours that would
//! be hard to read on the theme's code card (under 4.5:1) fall back to the theme's text colour;
//! comments are dimmed to the theme's muted colour when it keeps 3:1 on the card.

use syntect::easy::HighlightLines;
use syntect::highlighting::{Highlighter as StyleLookup, Theme as SyntaxTheme, ThemeSet};
use syntect::parsing::{Scope, SyntaxSet};

use crate::color::{contrast, parse_hex};

/// Minimum contrast of a token colour on the code card.
const MIN_CONTRAST: f64 = 4.5;
/// Minimum contrast of a comment's dimmed colour on the code card.
const MIN_COMMENT_CONTRAST: f64 = 3.0;

/// The colours of a code card: its fill, the default text and the dimmed colour of comments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CardColors<'a> {
    pub surface: &'a str,
    pub text: &'a str,
    pub muted: &'a str,
}
/// syntect theme for light cards.
pub(crate) const LIGHT_THEME: &str = "InspiredGitHub";
/// syntect theme for dark cards.
pub(crate) const DARK_THEME: &str = "base16-ocean.dark";

/// The loaded syntax definitions and colour themes; load once per build.
pub(crate) struct Highlighter {
    syntaxes: SyntaxSet,
    themes: ThemeSet,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Highlighter({} syntaxes)",
            self.syntaxes.syntaxes().len()
        )
    }
}

/// One highlighted token: its text and `#rrggbb` colour.
pub(crate) type Token = (String, String);

impl Highlighter {
    /// Loads syntect's bundled syntaxes and themes.
    pub(crate) fn load() -> Highlighter {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            themes: ThemeSet::load_defaults(),
        }
    }

    /// True if `lang` (a fence info string such as `rust` or `py`) is known.
    #[cfg(test)]
    pub(crate) fn knows(&self, lang: &str) -> bool {
        self.syntaxes.find_syntax_by_token(lang).is_some()
    }

    /// Highlights `code` as `lang` for a card of `colors`. Returns one list of tokens per
    /// source line; `None` for an unknown language.
    pub(crate) fn highlight(
        &self,
        code: &str,
        lang: &str,
        colors: CardColors<'_>,
    ) -> Option<Vec<Vec<Token>>> {
        let syntax = self.syntaxes.find_syntax_by_token(lang)?;
        let theme = self.theme_for(colors.surface)?;
        let card = parse_hex(colors.surface)?;
        let comment = comment_colour(theme);
        let dimmed = parse_hex(colors.muted)
            .filter(|&m| contrast(m, card) >= MIN_COMMENT_CONTRAST)
            .map_or(colors.text, |_| colors.muted);
        let mut lines = HighlightLines::new(syntax, theme);
        let mut out = Vec::new();
        for line in code.split('\n') {
            let with_newline = format!("{line}\n");
            let ranges = lines.highlight_line(&with_newline, &self.syntaxes).ok()?;
            let tokens = ranges
                .into_iter()
                .map(|(style, piece)| {
                    let c = style.foreground;
                    let rgb = [c.r, c.g, c.b];
                    let fill = if Some(rgb) == comment {
                        dimmed.to_string()
                    } else if contrast(rgb, card) >= MIN_CONTRAST {
                        format!("#{:02X}{:02X}{:02X}", c.r, c.g, c.b)
                    } else {
                        colors.text.to_string()
                    };
                    (piece.trim_end_matches('\n').to_string(), fill)
                })
                .filter(|(piece, _)| !piece.is_empty())
                .collect();
            out.push(tokens);
        }
        Some(out)
    }

    fn theme_for(&self, surface: &str) -> Option<&SyntaxTheme> {
        let [r, g, b] = parse_hex(surface)?;
        let light = contrast([r, g, b], [0, 0, 0]) > contrast([r, g, b], [255, 255, 255]);
        self.themes
            .themes
            .get(if light { LIGHT_THEME } else { DARK_THEME })
    }
}

/// The colour `theme` gives comments.
fn comment_colour(theme: &SyntaxTheme) -> Option<[u8; 3]> {
    let scope = Scope::new("comment.line").ok()?;
    let c = StyleLookup::new(theme).style_for_stack(&[scope]).foreground;
    Some([c.r, c.g, c.b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_readable_colours() {
        let h = Highlighter::load();
        assert!(h.knows("rust") && h.knows("py") && !h.knows("no-such-language"));
        for (surface, text) in [
            ("#F4F4F5", "#18181B"),
            ("#161D2E", "#F1F5F9"),
            ("#FDE68A", "#111111"),
        ] {
            let muted = "#8A8F98";
            let colors = CardColors {
                surface,
                text,
                muted,
            };
            let code = "fn main() {\n    let x = \"hi\"; // note\n}";
            let lines = h.highlight(code, "rust", colors).unwrap();
            // The comment is dimmed when the muted colour reads (3:1), else set as text.
            let (_, comment) = lines[1].iter().find(|(t, _)| t.contains("note")).unwrap();
            let reads = contrast(parse_hex(muted).unwrap(), parse_hex(surface).unwrap()) >= 3.0;
            assert_eq!(comment, if reads { muted } else { text }, "{surface}");
            assert_eq!(lines.len(), 3);
            let joined: String = lines[1].iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(joined, "    let x = \"hi\"; // note");
            let colours: std::collections::HashSet<&String> =
                lines.iter().flatten().map(|(_, c)| c).collect();
            assert!(colours.len() >= 3, "{surface}: {colours:?}");
            for c in colours.into_iter().filter(|c| *c != muted) {
                let ratio = contrast(parse_hex(c).unwrap(), parse_hex(surface).unwrap());
                assert!(ratio >= MIN_CONTRAST, "{c} on {surface}: {ratio:.2}");
            }
        }
        assert!(
            h.highlight(
                "x",
                "no-such-language",
                CardColors {
                    surface: "#FFFFFF",
                    text: "#000000",
                    muted: "#555555"
                }
            )
            .is_none()
        );
    }
}
