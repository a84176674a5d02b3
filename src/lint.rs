//! Design lints: warnings about what a post asks for and what its slides look like, each placed
//! at the post's line. Unknown heading classes (with a did-you-mean) and a post that sets both
//! `format` and `formats` are reported by every build; slides with a large empty band and
//! sections that continue over too many slides are reported by `check`.

use crate::content::Post;
use crate::error::{Diagnostic, Location};

/// `check` warns about a slide with an empty band taller than this share of the canvas.
pub(crate) const GAP_WARNING: f32 = 0.35;
/// `check` warns about a section continued over more slides than this.
pub(crate) const MAX_CONTINUED: usize = 6;

/// A warning at a byte offset of the post.
fn at(post: &Post, offset: usize, message: String) -> Diagnostic {
    Diagnostic::warning(message).at(Location::from_offset(&post.rel_path, &post.source, offset))
}

/// Heading classes that name no layout: not one of `known`, and no layout file of that name
/// (`has` tells which layout files the site, theme or built-ins have).
pub(crate) fn unknown_classes(
    post: &Post,
    known: &[&str],
    has: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for slide in &post.slides {
        for class in &slide.classes {
            if known.contains(&class.as_str()) || has(&format!("{class}.svg")) {
                continue;
            }
            let mut d = at(
                post,
                slide.offset,
                format!("unknown heading class `{class}`: no layout of that name"),
            );
            d = match crate::suggest::closest(class, known) {
                Some(near) => d.with_hint(format!("did you mean `{near}`?")),
                None => d.with_hint(format!("layouts: {}", known.join(", "))),
            };
            out.push(d);
        }
    }
    out
}

/// A post that sets both `format` and `formats`: `formats` wins, which the author may not
/// expect.
pub(crate) fn format_conflict(post: &Post) -> Option<Diagnostic> {
    let front = &post.front;
    let (Some(one), Some(many)) = (&front.format, &front.formats) else {
        return None;
    };
    // The line that sets `format` (not `formats`), in TOML or YAML front matter.
    let mut offset = 0;
    for line in post.source.split_inclusive('\n') {
        let rest = line.trim_start().strip_prefix("format");
        if rest.is_some_and(|r| r.trim_start().starts_with(['=', ':'])) {
            break;
        }
        offset += line.len();
    }
    let offset = if offset >= post.source.len() {
        0
    } else {
        offset
    };
    Some(
        at(
            post,
            offset,
            format!(
                "both `format = \"{one}\"` and `formats` are set; `formats` ({}) is used",
                many.join(", ")
            ),
        )
        .with_hint("keep one of them"),
    )
}

/// What the slide lints read of one rendered slide.
pub(crate) struct SlideFacts {
    /// Byte offset of the slide's source in the post.
    pub(crate) offset: usize,
    /// A continuation of the slide before.
    pub(crate) continued: bool,
    /// The slide's tallest empty band, as a share of its height.
    pub(crate) max_gap: f32,
}

/// `check`'s lints on a rendered post: slides with a large empty band, sections continued over
/// more than `MAX_CONTINUED` slides.
pub(crate) fn slides(post: &Post, pages: &[SlideFacts]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let gap = page.max_gap;
        if gap > GAP_WARNING {
            out.push(
                at(
                    post,
                    page.offset,
                    format!(
                        "slide {}: {:.0}% of the slide is one empty band",
                        i + 1,
                        gap * 100.0
                    ),
                )
                .with_hint("add to the section, or join it with the next one"),
            );
        }
    }
    for (start, len) in chains(pages) {
        if len > MAX_CONTINUED {
            out.push(
                at(
                    post,
                    pages[start].offset,
                    format!(
                        "slide {}: this section continues over {len} slides",
                        start + 1
                    ),
                )
                .with_hint("split it into several sections, each with its own heading"),
            );
        }
    }
    out
}

/// Each run of a slide and its continuations: the index of its first slide and its length.
fn chains(pages: &[SlideFacts]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        match out.last_mut() {
            Some((_, len)) if page.continued => *len += 1,
            _ => out.push((i, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_chains_are_counted() {
        let facts = |continued: &[bool]| -> Vec<SlideFacts> {
            continued
                .iter()
                .map(|&continued| SlideFacts {
                    offset: 0,
                    continued,
                    max_gap: 0.0,
                })
                .collect()
        };
        type Case<'a> = (&'a [bool], &'a [(usize, usize)]);
        let cases: [Case<'_>; 3] = [
            (&[false, false], &[(0, 1), (1, 1)]),
            (&[false, true, true, false], &[(0, 3), (3, 1)]),
            (&[], &[]),
        ];
        for (continued, want) in cases {
            assert_eq!(chains(&facts(continued)), want, "{continued:?}");
        }
    }

    #[test]
    fn typos_of_layout_names_are_recognised() {
        let known = [
            "quote",
            "stat",
            "statement",
            "code",
            "columns",
            "no-counter",
        ];
        let cases = [
            ("qoute", Some("quote")),
            ("staement", Some("statement")),
            ("colums", Some("columns")),
            ("nocounter", Some("no-counter")),
            ("banana", None),
        ];
        for (name, want) in cases {
            assert_eq!(crate::suggest::closest(name, &known), want, "{name}");
        }
    }
}
