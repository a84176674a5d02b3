//! Front matter: TOML between `+++` lines or YAML between `---` lines at the top of a post.
//!
//! Parse errors are reported at the line and column of the *file*, not of the block.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{OutroConfig, TextDirection};
use crate::error::{Diagnostic, Location};

/// A post's front matter. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The title, shown on the cover.
    pub title: String,
    /// A line under the title on the cover.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// A short label above the cover title (e.g. "Interview prep").
    #[serde(default)]
    pub eyebrow: Option<String>,
    /// Publication date, as written.
    #[serde(default)]
    pub date: Option<DateValue>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Output folder name; defaults to the file name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Theme for this post.
    #[serde(default)]
    pub theme: Option<String>,
    /// Canvas format for this post.
    #[serde(default)]
    pub format: Option<String>,
    /// Background pattern kind for this post, replacing the theme's (e.g. `waves`, `none`).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Several formats: each is laid out afresh into `output/<slug>/<format>/`.
    #[serde(default)]
    pub formats: Option<Vec<String>>,
    /// Deepest heading level that starts a slide.
    #[serde(default)]
    pub split_level: Option<u8>,
    /// Caption to paste into the platform post; defaults to the intro text.
    #[serde(default)]
    pub caption: Option<String>,
    /// `false` turns the outro slide off; a table overrides the site's `[outro]` keys.
    #[serde(default)]
    pub outro: Option<OutroOverride>,
    /// Text direction of this post (`auto`, `ltr` or `rtl`), replacing the site's.
    #[serde(default)]
    pub dir: Option<TextDirection>,
    /// The post's language (a tag such as `ar` or `pt-BR`), replacing the site's.
    #[serde(default)]
    pub lang: Option<String>,
    /// A colour (`#0F172A`) or an image path behind every slide; a slide's `{bg=...}` wins.
    #[serde(default)]
    pub background: Option<String>,
    /// One image spread across the whole carousel, each slide showing its slice; `true`
    /// spreads the theme's background gradient instead.
    #[serde(default)]
    pub panorama: Option<Panorama>,
}

/// The `panorama` key: an image path, or `true` for the theme's gradient.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum Panorama {
    /// `panorama = true` spreads the theme's gradient; `false` is no panorama.
    Theme(bool),
    /// `panorama = "wide.jpg"`.
    Image(String),
}

/// A date written as a TOML date or as a string.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum DateValue {
    /// A native TOML date or date-time.
    Toml(toml::value::Datetime),
    /// A string such as `2026-11-27`.
    Text(String),
}

impl std::fmt::Display for DateValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateValue::Toml(d) => write!(f, "{d}"),
            DateValue::Text(s) => f.write_str(s),
        }
    }
}

/// The outro key of a post: on/off, or fields that override the site's outro.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum OutroOverride {
    /// `outro = false` removes the outro slide.
    Enabled(bool),
    /// `[outro]` fields replace the site's, each on its own; the others stay the site's.
    Custom(OutroPatch),
}

/// A post's `[outro]`: the fields it sets.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutroPatch {
    /// Whether this post gets an outro slide.
    pub enabled: Option<bool>,
    /// The big line.
    pub heading: Option<String>,
    /// The sentence under the heading.
    pub text: Option<String>,
    /// The call to action.
    pub cta: Option<String>,
    /// The small line under the call to action.
    pub save_line: Option<String>,
    /// Show the brand block.
    pub show_brand: Option<bool>,
}

impl OutroPatch {
    /// The site's outro with this post's fields in place of its own.
    pub(crate) fn over(&self, site: &OutroConfig) -> OutroConfig {
        let text = |mine: &Option<String>, theirs: &String| mine.clone().unwrap_or(theirs.clone());
        OutroConfig {
            enabled: self.enabled.unwrap_or(site.enabled),
            heading: text(&self.heading, &site.heading),
            text: text(&self.text, &site.text),
            cta: text(&self.cta, &site.cta),
            save_line: text(&self.save_line, &site.save_line),
            show_brand: self.show_brand.unwrap_or(site.show_brand),
        }
    }
}

/// The front matter syntax, told by its fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// `+++`
    Toml,
    /// `---`
    Yaml,
}

/// A post split into its front matter block and its body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split<'a> {
    /// The syntax of the block.
    pub syntax: Syntax,
    /// The text between the fences.
    pub block: &'a str,
    /// Byte offset of `block` in the file.
    pub block_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits the front matter from the body. `source` is the whole file (BOM already removed).
pub(crate) fn split<'a>(path: &Path, source: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = source.find('\n').map_or(source.len(), |i| i + 1);
    let first = source[..first_end].trim_end();
    let syntax = match first {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        _ => {
            return Err(Diagnostic::error("failed to find front matter")
                .at_offset(path, source, 0)
                .with_hint("start the post with a `+++` (TOML) or `---` (YAML) block holding at least `title`, or with a `# Title` line"));
        }
    };
    let mut pos = first_end;
    while pos < source.len() {
        let end = source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1);
        if source[pos..end].trim_end() == first {
            return Ok(Split {
                syntax,
                block: &source[first_end..pos],
                block_offset: first_end,
                body: &source[end..],
                body_offset: end,
            });
        }
        pos = end;
    }
    Err(Diagnostic::error(format!(
        "failed to parse front matter: the opening `{first}` is never closed"
    ))
    .at_offset(path, source, 0)
    .with_hint(format!(
        "add a line holding only `{first}` after the front matter"
    )))
}

/// A post without front matter whose first non-blank line is a `# Title` heading: the title
/// and the byte offset of the body after that line.
pub(crate) fn title_line(source: &str) -> Option<(String, usize)> {
    let mut pos = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim();
        if text.is_empty() {
            pos += line.len();
            continue;
        }
        let title = text.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
        return (!title.is_empty()).then(|| (title.to_string(), pos + line.len()));
    }
    None
}

/// The post's front matter and body: from its `+++`/`---` block or, without one, from a
/// leading `# Title` line (the rest is the body).
pub(crate) fn read<'a>(
    path: &Path,
    source: &'a str,
) -> Result<(Split<'a>, FrontMatter), Diagnostic> {
    match split(path, source) {
        Ok(split) => {
            let front = parse(path, source, &split)?;
            Ok((split, front))
        }
        Err(e) => {
            let (title, body_offset) = title_line(source).ok_or(e)?;
            let split = Split {
                syntax: Syntax::Toml,
                block: "",
                block_offset: 0,
                body: &source[body_offset..],
                body_offset,
            };
            Ok((split, titled(&title)))
        }
    }
}

/// Front matter holding only a title (a post that starts with `# Title`).
fn titled(title: &str) -> FrontMatter {
    serde_json::from_value(serde_json::json!({ "title": title }))
        .expect("a title is the only key front matter needs")
}

/// Parses the front matter block. Errors point into the file.
pub(crate) fn parse(
    path: &Path,
    source: &str,
    split: &Split<'_>,
) -> Result<FrontMatter, Diagnostic> {
    match split.syntax {
        Syntax::Toml => toml::from_str::<FrontMatter>(split.block).map_err(|e| {
            let offset = split.block_offset + e.span().map_or(0, |s| s.start);
            crate::suggest::unknown_field(Diagnostic::error(format!(
                "failed to parse front matter: {}",
                e.message().trim()
            )))
            .at_offset(path, source, offset)
        }),
        Syntax::Yaml => {
            // An empty YAML block is `null`; report it as a missing title rather than a type error.
            let block = if split.block.trim().is_empty() {
                "{}"
            } else {
                split.block
            };
            serde_saphyr::from_str::<FrontMatter>(block)
                .map_err(|e| crate::suggest::unknown_field(yaml_error(path, source, split, &e)))
        }
    }
}

fn yaml_error(path: &Path, source: &str, split: &Split<'_>, e: &serde_saphyr::Error) -> Diagnostic {
    let message = yaml_message(e);
    let block_line = crate::error::line_col(source, split.block_offset).0;
    let diagnostic = Diagnostic::error(format!("failed to parse front matter: {message}"));
    match e.location() {
        Some(loc) if loc.line() > 0 => {
            let line = block_line + loc.line() as usize - 1;
            let column = loc.column().max(1) as usize;
            diagnostic.at_line_of(Location::at(path, line, column), source)
        }
        _ => diagnostic.at_offset(path, source, split.block_offset),
    }
}

/// The first line of serde-saphyr's rendered message, without its own location suffix.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(src: &str) -> Result<FrontMatter, Diagnostic> {
        let path = Path::new("content/p.md");
        let s = split(path, src)?;
        parse(path, src, &s)
    }

    #[test]
    fn toml_and_yaml_give_the_same_fields() {
        let toml =
            "+++\ntitle = \"Hi\"\ntags = [\"a\"]\ndate = 2026-11-27\ndraft = true\n+++\nbody";
        let yaml = "---\ntitle: Hi\ntags: [a]\ndate: 2026-11-27\ndraft: true\n---\nbody";
        let a = parse_str(toml).unwrap();
        let b = parse_str(yaml).unwrap();
        assert_eq!(a.title, "Hi");
        assert_eq!(a.tags, b.tags);
        assert_eq!(a.draft, b.draft);
        assert_eq!(a.date.unwrap().to_string(), b.date.unwrap().to_string());
    }

    #[test]
    fn a_leading_title_heading_stands_for_front_matter() {
        // (source, title and body, if any)
        let cases: [(&str, Option<(&str, &str)>); 6] = [
            ("# Hello\n\nBody", Some(("Hello", "\nBody"))),
            (
                "\n\n# Hello world #\n## One",
                Some(("Hello world", "## One")),
            ),
            ("## Not a title\n", None),
            ("Text first\n# Title\n", None),
            ("#\n", None),
            ("", None),
        ];
        for (source, want) in cases {
            let got = title_line(source).map(|(t, at)| (t, &source[at..]));
            assert_eq!(got, want.map(|(t, b)| (t.to_string(), b)), "{source:?}");
        }
    }

    #[test]
    fn body_offset_points_after_the_closing_fence() {
        let src = "+++\r\ntitle = \"x\"\r\n+++\r\n# Body";
        let s = split(Path::new("p.md"), src).unwrap();
        assert_eq!(s.body, "# Body");
        assert_eq!(&src[s.body_offset..], "# Body");
    }

    #[test]
    fn errors_name_the_file_line() {
        let cases = [
            (
                "+++\ntitle = \"x\"\ncolour = 3\n+++\n",
                3,
                "unknown field `colour`",
            ),
            (
                "+++\ntitle = \"x\"\ndraft = \"yes\"\n+++\n",
                3,
                "invalid type",
            ),
            ("---\ntitle: x\ntagz: [a]\n---\n", 3, "unknown field `tagz`"),
            ("---\ntitle: x\ndraft: [1\n---\n", 3, ""),
            ("+++\ntitle = \"x\"\n", 1, "never closed"),
            ("no front matter\n", 1, "failed to find front matter"),
            ("## Not a title\n", 1, "failed to find front matter"),
            ("+++\nsubtitle = \"x\"\n+++\n", 1, "title"),
        ];
        for (src, line, needle) in cases {
            let err = parse_str(src).expect_err(src);
            let loc = err.location.clone().expect("location");
            assert_eq!(loc.path, Path::new("content/p.md"));
            assert!(
                loc.line.unwrap() >= line && loc.line.unwrap() <= line + 1,
                "{src:?}: line {:?}, want {line}: {}",
                loc.line,
                err.message
            );
            assert!(err.message.contains(needle), "{src:?}: {}", err.message);
            assert!(err.message.starts_with("failed to"), "{}", err.message);
        }
    }

    #[test]
    fn outro_accepts_bool_or_table() {
        let off = parse_str("+++\ntitle = \"x\"\noutro = false\n+++\n").unwrap();
        assert_eq!(off.outro, Some(OutroOverride::Enabled(false)));
        let custom = parse_str("+++\ntitle = \"x\"\n[outro]\nheading = \"Bye\"\n+++\n").unwrap();
        let Some(OutroOverride::Custom(patch)) = custom.outro else {
            panic!("{:?}", custom.outro);
        };
        // The fields a post sets replace the site's; the rest stay the site's.
        let site = OutroConfig {
            cta: "Follow @me".into(),
            ..OutroConfig::default()
        };
        let outro = patch.over(&site);
        assert_eq!(
            (outro.heading.as_str(), outro.cta.as_str()),
            ("Bye", "Follow @me")
        );
        assert_eq!(outro.text, site.text);
        let err = parse_str("+++\ntitle = \"x\"\n[outro]\nheadline = \"Bye\"\n+++\n");
        assert!(err.is_err(), "an unknown outro key is an error");
    }
}
