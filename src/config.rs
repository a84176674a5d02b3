//! Site configuration: `carousel.toml` at the site root. Every key is optional; unknown keys are
//! errors naming the key, the file and the line.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::toml_source::TomlSource;

/// The site's file name.
pub const CONFIG_FILE: &str = "carousel.toml";

/// The whole `carousel.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Default canvas format (see `carousel formats`).
    pub format: String,
    /// Several default formats; when set, each post is built in each, into
    /// `output/<slug>/<format>/`.
    pub formats: Vec<String>,
    /// Default theme name.
    pub theme: String,
    /// Deepest heading level that starts a slide (1 to 6).
    pub split_level: u8,
    /// Brand kit shown in headers and footers.
    pub brand: BrandConfig,
    /// The closing call-to-action slide.
    pub outro: OutroConfig,
    /// What files to write.
    pub output: OutputConfig,
    /// Where fonts come from besides the bundled ones.
    pub fonts: FontsConfig,
    /// Typography overrides applied to every theme.
    pub typography: TypographyConfig,
    /// Limits that keep one post from taking the build down.
    pub limits: LimitsConfig,
    /// Text direction of every post: `auto` (each paragraph from its first letter), `ltr` or
    /// `rtl`; a post's front matter may set its own.
    pub dir: TextDirection,
    /// The language of every post (a tag such as `ar` or `pt-BR`), for the words the slides
    /// add (`Continued`, `Swipe`); unset, each post's is read off its title's script.
    pub lang: Option<String>,
    /// Those words set outright, whatever the language.
    pub labels: LabelsConfig,
    /// The text of `carousel.toml` with where each key is set, for errors found after parsing.
    #[serde(skip)]
    pub source: TomlSource,
}

/// `[labels]`: the words the slides add, set outright.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LabelsConfig {
    /// Over the heading of a continuation slide (`Continued`).
    pub continued: Option<String>,
    /// On the cover's swipe cue (`Swipe`).
    pub swipe: Option<String>,
}

/// The base direction of paragraphs, as the Unicode Bidirectional Algorithm has it.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    /// Each paragraph from its first strong character (rules P2-P3): Arabic or Hebrew text is
    /// right to left, Latin text left to right.
    #[default]
    Auto,
    /// Every paragraph left to right.
    Ltr,
    /// Every paragraph right to left.
    Rtl,
}

/// `[limits]`: the most one post may ask for. A post over a limit is one error; the other posts
/// still build.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest post file, in KiB.
    pub max_post_kib: u64,
    /// Most slides one post may make (LinkedIn takes up to 300 PDF pages).
    pub max_slides: usize,
}

/// Default of `[limits] max_post_kib`: about ten times the longest real post we have seen.
pub const DEFAULT_MAX_POST_KIB: u64 = 1024;
/// Default of `[limits] max_slides`: LinkedIn's page limit for document posts.
pub const DEFAULT_MAX_SLIDES: usize = 300;
/// Highest `[limits] max_post_kib` accepted (64 MiB).
pub const MAX_POST_KIB_CEILING: u64 = 64 * 1024;
/// Highest `[limits] max_slides` accepted.
pub const MAX_SLIDES_CEILING: usize = 10_000;

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            max_post_kib: DEFAULT_MAX_POST_KIB,
            max_slides: DEFAULT_MAX_SLIDES,
        }
    }
}

/// `[typography]`: type choices that apply whatever the theme.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct TypographyConfig {
    /// Multiplies the theme's type scale (0.8 to 1.25); the minimum body size scales too.
    pub scale: f32,
    /// Family for titles and headings, replacing the theme's.
    pub heading_font: Option<String>,
    /// Weight for titles and headings.
    pub heading_weight: Option<u16>,
    /// Family for body text, replacing the theme's.
    pub body_font: Option<String>,
    /// The largest scale type grows to on short slides (1 to 1.6), replacing the theme's; 1
    /// keeps every slide at the theme's sizes.
    pub grow: Option<f32>,
}

/// Range of `[typography] grow`.
pub const GROW_RANGE: std::ops::RangeInclusive<f32> = 1.0..=1.6;

/// Range of `[typography] scale`.
pub const TYPE_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.8..=1.25;

impl Default for TypographyConfig {
    fn default() -> Self {
        TypographyConfig {
            scale: 1.0,
            heading_font: None,
            heading_weight: None,
            body_font: None,
            grow: None,
        }
    }
}

/// `[fonts]`: extra fonts for scripts the bundled fonts do not cover (CJK, Arabic, ...).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FontsConfig {
    /// Extra font folders inside the site (the site's `fonts/` is always used).
    pub dirs: Vec<PathBuf>,
    /// Use the system's fonts as a last fallback for characters no other font covers.
    pub system: bool,
}

impl Default for FontsConfig {
    fn default() -> Self {
        FontsConfig {
            dirs: Vec::new(),
            system: true,
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            format: "linkedin".into(),
            formats: Vec::new(),
            theme: "paper".into(),
            split_level: 2,
            brand: BrandConfig::default(),
            outro: OutroConfig::default(),
            output: OutputConfig::default(),
            fonts: FontsConfig::default(),
            typography: TypographyConfig::default(),
            limits: LimitsConfig::default(),
            dir: TextDirection::Auto,
            lang: None,
            labels: LabelsConfig::default(),
            source: TomlSource::default(),
        }
    }
}

/// `[brand]`: who is posting.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct BrandConfig {
    /// Display name.
    pub name: String,
    /// Handle such as `@asmah2107`.
    pub handle: String,
    /// Show the name.
    pub show_name: bool,
    /// Show the handle.
    pub show_handle: bool,
    /// Show the slide counter.
    pub show_counter: bool,
    /// Show the swipe cue on every slide but the last.
    pub show_swipe: bool,
    /// Show a progress bar in the footer (before the counter, if both are shown).
    pub show_progress: bool,
    /// Avatar image, relative to the site root; cropped to a circle. Without one, the avatar is
    /// the name's initials.
    pub avatar: Option<String>,
    /// Show the avatar (image or initials).
    pub show_avatar: bool,
    /// Logo image, relative to the site root; drawn at the right of the header.
    pub logo: Option<String>,
    /// Show the logo.
    pub show_logo: bool,
    /// Website, e.g. `asmah.dev`, shown in the footer and on the outro.
    pub website: String,
    /// Show the website.
    pub show_website: bool,
    /// Brand accent colour (`#rrggbb`), replacing the theme's accent.
    pub accent: Option<String>,
    /// Text colour on the brand accent (`#rrggbb`); defaults to the theme's.
    pub accent_contrast: Option<String>,
}

impl Default for BrandConfig {
    fn default() -> Self {
        BrandConfig {
            name: String::new(),
            handle: String::new(),
            show_name: true,
            show_handle: true,
            show_counter: true,
            show_swipe: true,
            show_progress: false,
            avatar: None,
            show_avatar: true,
            logo: None,
            show_logo: true,
            website: String::new(),
            show_website: true,
            accent: None,
            accent_contrast: None,
        }
    }
}

/// `[outro]`: the last slide.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OutroConfig {
    /// Whether posts get an outro slide.
    pub enabled: bool,
    /// Big line, e.g. "Found this useful?".
    pub heading: String,
    /// A sentence under the heading.
    pub text: String,
    /// The call to action, e.g. "Follow @handle for more".
    pub cta: String,
    /// A small line under the call to action, e.g. "Save for later · Repost to share".
    pub save_line: String,
    /// Show the brand block (avatar, name, handle) above the heading.
    pub show_brand: bool,
}

impl Default for OutroConfig {
    fn default() -> Self {
        OutroConfig {
            enabled: true,
            heading: "Found this useful?".into(),
            text: "Save it for later and share it with someone who needs it.".into(),
            cta: "Follow for more".into(),
            save_line: String::new(),
            show_brand: true,
        }
    }
}

/// PNG compression effort.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PngCompression {
    /// Fastest encode, largest files (drafts; watch mode always uses it).
    Fast,
    /// zlib level 3 without row filters: about 3-4x slower than `fast`, 60-70% smaller.
    Best,
    /// zlib level 9 without row filters: 5-10% smaller than `best`, 3-4x slower.
    Smallest,
}

/// `[output]`: which files each post gets.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// One PNG per slide.
    pub png: bool,
    /// One SVG per slide.
    pub svg: bool,
    /// One PDF per post.
    pub pdf: bool,
    /// PNG compression effort.
    pub png_compression: PngCompression,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            png: true,
            svg: true,
            pdf: true,
            png_compression: PngCompression::Best,
        }
    }
}

/// Loads `carousel.toml` from `root`; a missing file gives the defaults.
pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SiteConfig::default()),
        Err(e) => {
            return Err(
                Diagnostic::error(format!("failed to read {CONFIG_FILE}: {e}"))
                    .at(crate::error::Location::file(CONFIG_FILE)),
            );
        }
    };
    parse(&source)
}

/// Parses the text of `carousel.toml`.
pub fn parse(source: &str) -> Result<SiteConfig, Diagnostic> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (mut config, spans): (SiteConfig, TomlSource) = TomlSource::parse(source).map_err(|e| {
        crate::suggest::unknown_field(Diagnostic::error(format!(
            "failed to parse {CONFIG_FILE}: {}",
            e.message().trim()
        )))
        .at_offset(
            Path::new(CONFIG_FILE),
            source,
            e.span().map_or(0, |s| s.start),
        )
    })?;
    config.source = spans;
    validate(&config)?;
    Ok(config)
}

impl SiteConfig {
    /// `diagnostic` placed at the line of `carousel.toml` that sets the dotted `key`
    /// (`brand.avatar`), or at the file's start when no line does.
    pub fn at_key(&self, diagnostic: Diagnostic, key: &str) -> Diagnostic {
        let offset = self.source.key(key).unwrap_or(0);
        self.source
            .place(diagnostic, Path::new(CONFIG_FILE), offset)
    }
}

/// The checks serde cannot make: ranges and colours, each an error at its key's line.
fn validate(config: &SiteConfig) -> Result<(), Diagnostic> {
    if !(1..=6).contains(&config.split_level) {
        return Err(config.at_key(
            Diagnostic::error("failed to load config: `split_level` must be between 1 and 6"),
            "split_level",
        ));
    }
    if !TYPE_SCALE_RANGE.contains(&config.typography.scale) {
        let d = Diagnostic::error(format!(
            "failed to load config: typography `scale` is {}, outside {} to {}",
            config.typography.scale,
            TYPE_SCALE_RANGE.start(),
            TYPE_SCALE_RANGE.end()
        ))
        .with_hint("larger type means fewer words per slide; try 1.1");
        return Err(config.at_key(d, "typography.scale"));
    }
    if let Some(grow) = config.typography.grow.filter(|g| !GROW_RANGE.contains(g)) {
        let d = Diagnostic::error(format!(
            "failed to load config: typography `grow` is {grow}, outside {} to {}",
            GROW_RANGE.start(),
            GROW_RANGE.end()
        ))
        .with_hint("1 keeps every slide at the theme's sizes; 1.3 is the default");
        return Err(config.at_key(d, "typography.grow"));
    }
    check_limits(config)?;
    let brand = &config.brand;
    for (key, value) in [
        ("accent", &brand.accent),
        ("accent_contrast", &brand.accent_contrast),
    ] {
        if let Some(v) = value
            && crate::color::parse_hex(v).is_none()
        {
            let d = Diagnostic::error(format!(
                "failed to load config: brand `{key}` is `{v}`, not a colour"
            ))
            .with_hint("write colours as #rrggbb, e.g. #2563EB");
            return Err(config.at_key(d, &format!("brand.{key}")));
        }
    }
    Ok(())
}

/// `[limits]` within their ranges.
fn check_limits(config: &SiteConfig) -> Result<(), Diagnostic> {
    let limits = &config.limits;
    let limit_error = [
        (
            !(1..=MAX_SLIDES_CEILING).contains(&limits.max_slides),
            "max_slides",
            format!("between 1 and {MAX_SLIDES_CEILING}"),
        ),
        (
            !(1..=MAX_POST_KIB_CEILING).contains(&limits.max_post_kib),
            "max_post_kib",
            format!("between 1 and {MAX_POST_KIB_CEILING}"),
        ),
    ]
    .into_iter()
    .find(|(bad, ..)| *bad);
    if let Some((_, key, range)) = limit_error {
        let d = Diagnostic::error(format!(
            "failed to load config: limits `{key}` must be {range}"
        ));
        return Err(config.at_key(d, &format!("limits.{key}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gives_defaults() {
        assert_eq!(parse("").unwrap(), SiteConfig::default());
    }

    #[test]
    fn errors_name_key_and_line() {
        let cases = [
            (
                "format = \"linkedin\"\nthme = \"x\"\n",
                2,
                "unknown field `thme`",
            ),
            (
                "[brand]\nname = \"a\"\nhandel = \"b\"\n",
                3,
                "unknown field `handel`",
            ),
            (
                "[output]\npng_compression = \"ultra\"\n",
                2,
                "unknown variant",
            ),
            ("split_level = 9\n", 1, "between 1 and 6"),
            ("[limits]\nmax_slides = 0\n", 2, "between 1 and 10000"),
            ("[limits]\nmax_slides = 20000\n", 2, "between 1 and 10000"),
            ("[limits]\nmax_post_kib = 0\n", 2, "`max_post_kib`"),
            (
                "[limits]\nmax_post_kib = 9223372036854775807\n",
                2,
                "between 1 and 65536",
            ),
            ("[limits]\nmax_pages = 3\n", 2, "unknown field `max_pages`"),
        ];
        for (src, line, needle) in cases {
            let err = parse(src).expect_err(src);
            let loc = err.location.clone().unwrap();
            assert_eq!(loc.path, Path::new(CONFIG_FILE));
            assert_eq!(loc.line, Some(line), "{src}: {}", err.message);
            assert!(err.message.contains(needle), "{}", err.message);
        }
    }

    #[test]
    fn sections_parse() {
        let c = parse("theme = \"night\"\n[brand]\nname = \"Asma\"\n[outro]\nenabled = false\n")
            .unwrap();
        assert_eq!(c.theme, "night");
        assert_eq!(c.brand.name, "Asma");
        assert!(c.brand.show_name);
        assert!(!c.outro.enabled);
    }
}
