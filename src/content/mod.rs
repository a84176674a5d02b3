//! Content: posts read from `content/`, their front matter, and their slides.

pub(crate) mod footnotes;
pub(crate) mod front_matter;
pub(crate) mod markup;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{OutroConfig, SiteConfig};
use crate::error::{Diagnostic, Location};
use front_matter::OutroOverride;
pub(crate) use front_matter::{FrontMatter, Panorama};
use markup::{Block, Section, Span};

/// Intro text longer than this (in words) gets a slide of its own instead of sitting on the cover.
const INTRO_COVER_WORDS: usize = 35;

/// What kind of slide a slide is; layouts are chosen by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlideKind {
    /// The first slide: title, subtitle, short intro.
    Cover,
    /// A heading section.
    Content,
    /// The closing call to action.
    Outro,
}

impl SlideKind {
    /// The kind's name: its layout's file stem and its name in manifests.
    pub fn name(self) -> &'static str {
        match self {
            SlideKind::Cover => "cover",
            SlideKind::Content => "content",
            SlideKind::Outro => "outro",
        }
    }
}

/// A slide's source content, before layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slide {
    /// Cover or content (the outro is added at composition).
    pub kind: SlideKind,
    /// The heading (the title, on the cover).
    pub heading: Option<Vec<Span>>,
    /// Heading attribute classes.
    pub classes: Vec<String>,
    /// What goes behind the slide, as written (`bg` heading attribute, else the front matter's
    /// `background`): a colour, an image path, or `none`.
    pub background: Option<String>,
    /// The body.
    pub blocks: Vec<Block>,
    /// Byte offset in the post file.
    pub offset: usize,
    /// Eyebrow label (cover only).
    pub eyebrow: Option<String>,
    /// Subtitle (cover only).
    pub subtitle: Option<String>,
    /// Footnotes referred to on this slide.
    pub notes: Vec<footnotes::SlideNote>,
}

/// A loaded post.
#[derive(Debug, Clone)]
pub(crate) struct Post {
    /// Path relative to the site root, e.g. `content/posts/a.md`.
    pub rel_path: PathBuf,
    /// The file's folder, absolute; images resolve from here.
    pub dir: PathBuf,
    /// The whole file text (BOM removed).
    pub source: String,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// The output folder name.
    pub slug: String,
    /// Cover and content slides in order.
    pub slides: Vec<Slide>,
    /// The outro to add, if any.
    pub outro: Option<OutroConfig>,
    /// The intro text, the default caption.
    pub intro: String,
    /// Warnings about the post (e.g. unused footnotes).
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses one post. `root` is the canonical site root; `rel` the post path relative to it.
pub(crate) fn load_post(root: &Path, rel: &Path, config: &SiteConfig) -> Result<Post, Diagnostic> {
    let path = root.join(rel);
    let real = path.canonicalize().map_err(|e| {
        Diagnostic::error(format!("failed to read post: {e}")).at(Location::file(rel))
    })?;
    if !real.starts_with(root) {
        return Err(Diagnostic::error(
            "failed to read post: it is a symlink that leads outside the site folder",
        )
        .at(Location::file(rel)));
    }
    let bytes =
        crate::files::read_at_most(&real, config.limits.max_post_kib * 1024).map_err(|e| {
            Diagnostic::error(format!("failed to read post: {e}")).at(Location::file(rel))
        })?;
    if bytes.len() as u64 > config.limits.max_post_kib * 1024 {
        let limit = config.limits.max_post_kib as usize * 1024;
        let text = String::from_utf8_lossy(&bytes[..limit]).into_owned();
        return Err(Diagnostic::error(format!(
            "failed to read post: it is larger than {} KiB; it passes the limit at this line",
            config.limits.max_post_kib
        ))
        .at_offset(rel, &text, text.len())
        .with_hint(
            "split it into several posts, or raise `[limits] max_post_kib` in carousel.toml",
        ));
    }
    let source = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error("failed to read post: the file is not valid UTF-8")
            .at_offset(rel, &text, offset)
            .with_hint("save the file as UTF-8")
    })?;
    let source = match source.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => source,
    };
    parse_post(root, rel, source, config)
}

/// Parses a post's text.
pub(crate) fn parse_post(
    root: &Path,
    rel: &Path,
    source: String,
    config: &SiteConfig,
) -> Result<Post, Diagnostic> {
    let (split, front) = front_matter::read(rel, &source)?;
    let at_block = |message: &str| {
        Diagnostic::error(format!("failed to load post: {message}")).at_offset(
            rel,
            &source,
            split.block_offset,
        )
    };
    if front.title.trim().is_empty() {
        return Err(at_block("`title` is empty"));
    }
    let split_level = front.split_level.unwrap_or(config.split_level);
    if !(1..=6).contains(&split_level) {
        return Err(at_block("`split_level` must be between 1 and 6"));
    }
    let body = Body {
        rel,
        source: &source,
        text: split.body,
        offset: split.body_offset,
    };
    let (sections, warnings) = body.sections(split_level, config.limits.max_slides)?;
    let (slides, intro) = build_slides(&front, sections);
    let slug = match &front.slug {
        Some(s) => slugify(s),
        None => slug_from_path(rel),
    };
    let outro = match &front.outro {
        Some(OutroOverride::Enabled(false)) => None,
        Some(OutroOverride::Enabled(true)) => Some(config.outro.clone()),
        Some(OutroOverride::Custom(patch)) => Some(patch.over(&config.outro)).filter(|c| c.enabled),
        None => Some(config.outro.clone()).filter(|c| c.enabled),
    };
    let dir = root
        .join(rel)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.to_path_buf());
    Ok(Post {
        warnings,
        rel_path: rel.to_path_buf(),
        dir,
        source,
        front,
        slug,
        slides,
        outro,
        intro,
    })
}

/// A post's body: its text, where it starts in the file, and the file for errors.
struct Body<'a> {
    rel: &'a Path,
    source: &'a str,
    text: &'a str,
    offset: usize,
}

/// Sections paired with the footnotes each refers to.
type NotedSections = Vec<(Section, Vec<footnotes::SlideNote>)>;

impl Body<'_> {
    /// Parses the body into sections with their footnotes, skipping empty ones (with a warning
    /// each); an error when blocks nest too deep or there are more than `max_slides` sections.
    fn sections(
        &self,
        split_level: u8,
        max_slides: usize,
    ) -> Result<(NotedSections, Vec<Diagnostic>), Diagnostic> {
        let (rel, source) = (self.rel, self.source);
        let mut parsed = markup::parse(self.text, split_level, self.offset).map_err(|deep| {
            Diagnostic::error(format!(
                "failed to load post: quotes and lists are nested more than {} deep here",
                markup::MAX_NESTING
            ))
            .at_offset(rel, source, deep.offset)
            .with_hint("a slide shows two or three levels at most; flatten the nesting")
        })?;
        let (notes, mut warnings) =
            footnotes::number(&mut parsed.sections, parsed.footnotes, rel, source);
        let sections = drop_empty_sections(parsed.sections.into_iter().zip(notes), |offset| {
            warnings.push(
                Diagnostic::warning(
                    "empty section skipped: its heading has no text and nothing follows it",
                )
                .at_offset(rel, source, offset),
            )
        });
        if let Some((over, _)) = sections.get(max_slides) {
            return Err(too_many_slides(rel, source, over.offset, max_slides));
        }
        Ok((sections, warnings))
    }
}

/// The error for a post that makes more than `max` slides, at the section that passes the limit.
pub(crate) fn too_many_slides(rel: &Path, source: &str, offset: usize, max: usize) -> Diagnostic {
    Diagnostic::error(format!(
        "failed to build post: it makes more than {max} slides; the limit is passed here"
    ))
    .at_offset(rel, source, offset)
    .with_hint("split it into several posts, or raise `[limits] max_slides` in carousel.toml")
}

/// Sections after the intro that hold nothing and whose heading has no text would be blank
/// slides: they are dropped. Those with an empty heading (`##` alone) are reported through
/// `skipped` with their offset; an empty run after a `---` is dropped quietly.
fn drop_empty_sections(
    sections: impl Iterator<Item = (Section, Vec<footnotes::SlideNote>)>,
    mut skipped: impl FnMut(usize),
) -> NotedSections {
    sections
        .enumerate()
        .filter_map(|(i, (section, notes))| {
            let has_heading = section
                .heading
                .as_ref()
                .is_some_and(|h| !markup::plain_text(h).trim().is_empty());
            if i > 0 && !has_heading && section.blocks.is_empty() {
                if section.heading.is_some() {
                    skipped(section.offset);
                }
                None
            } else {
                Some((section, notes))
            }
        })
        .collect()
}

impl Post {
    /// The caption to paste into the platform: `caption`, else the intro text, else the
    /// subtitle, else the title.
    pub(crate) fn caption(&self) -> String {
        let front = &self.front;
        [
            front.caption.as_deref(),
            Some(self.intro.as_str()),
            front.subtitle.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|c| !c.is_empty())
        .unwrap_or(&front.title)
        .to_string()
    }

    /// True if any slide has a code block with a language (worth loading the highlighter for).
    pub(crate) fn has_highlighted_code(&self) -> bool {
        fn any_code(blocks: &[Block]) -> bool {
            blocks.iter().any(|b| match b {
                Block::Code { lang, .. } => lang.is_some(),
                Block::Quote { blocks } => any_code(blocks),
                Block::List { items, .. } => items.iter().any(|i| any_code(&i.blocks)),
                _ => false,
            })
        }
        self.slides.iter().any(|s| any_code(&s.blocks))
    }
}

fn words(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { spans } => markup::plain_text(spans).split_whitespace().count(),
            _ => INTRO_COVER_WORDS + 1,
        })
        .sum()
}

/// Turns sections into slides: the cover (with a short intro), then one slide per section.
fn build_slides(front: &FrontMatter, sections: NotedSections) -> (Vec<Slide>, String) {
    let mut sections = sections.into_iter();
    let (intro, intro_notes) = sections.next().unwrap_or_default();
    let intro_text = intro
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { spans } => Some(markup::plain_text(spans)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let on_cover = words(&intro.blocks) <= INTRO_COVER_WORDS;
    let mut slides = vec![Slide {
        kind: SlideKind::Cover,
        heading: Some(vec![Span {
            text: markup::smart(&front.title),
            style: Default::default(),
            href: None,
        }]),
        classes: Vec::new(),
        background: front.background.clone(),
        blocks: if on_cover {
            intro.blocks.clone()
        } else {
            Vec::new()
        },
        offset: intro.offset,
        eyebrow: front.eyebrow.as_deref().map(markup::smart),
        subtitle: front.subtitle.as_deref().map(markup::smart),
        notes: if on_cover {
            intro_notes.clone()
        } else {
            Vec::new()
        },
    }];
    if !on_cover && !intro.blocks.is_empty() {
        slides.push(content_slide((intro, intro_notes)));
    }
    slides.extend(sections.map(content_slide));
    for slide in &mut slides[1..] {
        if slide.background.is_none() {
            slide.background = front.background.clone();
        }
    }
    (slides, intro_text)
}

fn content_slide((s, notes): (Section, Vec<footnotes::SlideNote>)) -> Slide {
    Slide {
        notes,
        kind: SlideKind::Content,
        heading: s.heading,
        classes: s.classes,
        background: s.background,
        blocks: s.blocks,
        offset: s.offset,
        eyebrow: None,
        subtitle: None,
    }
}

/// A safe output folder name: lowercase letters, digits and dashes only; never empty.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "post".to_string()
    } else {
        slug
    }
}

/// The slug of a post path: its file stem, or its folder's name for `index.md`.
pub(crate) fn slug_from_path(rel: &Path) -> String {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("post");
    let parent = rel
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str());
    match parent {
        Some(folder) if stem == "index" && folder != "content" => slugify(folder),
        _ => slugify(stem),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_caption_falls_back_to_the_intro_then_the_subtitle_then_the_title() {
        let config = SiteConfig::default();
        // (front matter and body, caption)
        let cases = [
            (
                "caption = \"Mine\"\nsubtitle = \"S\"\n+++\nAn intro.\n",
                "Mine",
            ),
            ("subtitle = \"S\"\n+++\nAn intro.\n", "An intro."),
            ("subtitle = \"S\"\n+++\n## One\n\nText.\n", "S"),
            ("+++\n## One\n\nText.\n", "T"),
        ];
        for (rest, want) in cases {
            let source = format!("+++\ntitle = \"T\"\n{rest}");
            let post =
                parse_post(Path::new("/s"), Path::new("content/p.md"), source, &config).unwrap();
            assert_eq!(post.caption(), want, "{rest}");
        }
    }
    use super::*;

    #[test]
    fn slugs_cannot_escape_the_output_folder() {
        let cases = [
            ("../../etc/passwd", "etc-passwd"),
            ("/abs/path", "abs-path"),
            ("Hello, World!", "hello-world"),
            ("..", "post"),
            ("Ünïcode ok", "ünïcode-ok"),
            ("a\\b", "a-b"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn slug_from_index_uses_the_folder() {
        assert_eq!(
            slug_from_path(Path::new("content/my-post/index.md")),
            "my-post"
        );
        assert_eq!(slug_from_path(Path::new("content/index.md")), "index");
        assert_eq!(
            slug_from_path(Path::new("content/a/Some Post.md")),
            "some-post"
        );
    }

    fn parse(src: &str) -> Post {
        parse_post(
            Path::new("/site"),
            Path::new("content/p.md"),
            src.to_string(),
            &SiteConfig::default(),
        )
        .unwrap()
    }

    #[test]
    fn short_intro_sits_on_the_cover_long_intro_gets_a_slide() {
        let short = parse("+++\ntitle = \"T\"\n+++\nHook line.\n\n## A\n\nx\n");
        assert_eq!(short.slides.len(), 2);
        assert_eq!(short.slides[0].blocks.len(), 1);
        let long_intro = "word ".repeat(60);
        let long = parse(&format!(
            "+++\ntitle = \"T\"\n+++\n{long_intro}\n\n## A\n\nx\n"
        ));
        assert_eq!(long.slides.len(), 3);
        assert!(long.slides[0].blocks.is_empty());
        assert_eq!(long.slides[1].kind, SlideKind::Content);
    }

    #[test]
    fn outro_follows_config_and_front_matter() {
        assert!(parse("+++\ntitle = \"T\"\n+++\n").outro.is_some());
        assert!(
            parse("+++\ntitle = \"T\"\noutro = false\n+++\n")
                .outro
                .is_none()
        );
    }

    #[test]
    fn offsets_point_into_the_file() {
        let src = "+++\ntitle = \"T\"\n+++\nintro\n\n## Second\n\ntext\n";
        let post = parse(src);
        let offset = post.slides[1].offset;
        assert!(
            src[offset..].starts_with("## Second"),
            "{:?}",
            &src[offset..]
        );
    }
}
