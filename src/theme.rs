//! Themes: design tokens (colours, fonts, type scale, pattern) from `themes/<name>/theme.toml`.
//!
//! A site's `themes/<name>/` overrides the built-in theme of the same name. Built-in themes are
//! embedded in the binary.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::assets;
use crate::color::{contrast, parse_hex};
use crate::error::{Diagnostic, Location};
use crate::toml_source::TomlSource;

/// Colour tokens, as `#rrggbb`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Background.
    pub bg: String,
    /// Second background colour for a diagonal gradient; `bg` alone when absent.
    #[serde(default)]
    pub bg_end: Option<String>,
    /// Cards, code blocks, table headers.
    pub surface: String,
    /// Body text.
    pub text: String,
    /// Secondary text: subtitle, handle, counter.
    pub muted: String,
    /// Emphasis colour: markers, links, swipe cue.
    pub accent: String,
    /// Text on accent fills.
    pub accent_contrast: String,
    /// Decoration pattern colour.
    pub pattern: String,
    /// Highlighter behind `==marked==` text (drawn translucent); the accent when absent.
    #[serde(default)]
    pub mark: Option<String>,
}

/// Font tokens.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// Family for titles and headings.
    pub heading: String,
    /// Weight of titles and headings.
    pub heading_weight: u16,
    /// Family for body text.
    pub body: String,
    /// Weight of body text.
    pub body_weight: u16,
    /// Weight of bold runs in body text.
    pub bold_weight: u16,
    /// Family for code.
    pub mono: String,
    /// Family for emoji.
    pub emoji: String,
}

/// Type scale, in px at 1080 wide.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    /// Cover title.
    pub cover_title: f32,
    /// Cover subtitle.
    pub cover_subtitle: f32,
    /// Small caps label above titles.
    pub eyebrow: f32,
    /// Slide heading.
    pub heading: f32,
    /// Body text.
    pub body: f32,
    /// Code.
    pub code: f32,
    /// Footer and header text.
    pub caption: f32,
    /// The smallest body size auto-fit may shrink to.
    pub min_body: f32,
    /// The largest scale a short slide's type grows to, to fill its slide (1.3: body 40 -> 52,
    /// heading 64 -> 83). 1 turns growing off.
    #[serde(default = "default_grow")]
    pub grow: f32,
}

/// The default ceiling of growing type on short slides.
fn default_grow() -> f32 {
    1.3
}

/// The kinds of background pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum PatternKind {
    /// No pattern.
    None,
    /// A grid of dots.
    Dots,
    /// Square grid lines.
    Grid,
    /// Lines at 45 degrees.
    Diagonal,
    /// Wavy horizontal lines.
    Waves,
    /// Contour lines that never cross.
    Topographic,
    /// Rings around the top-right corner.
    Concentric,
    /// Fixed pseudo-random grain.
    Grain,
    /// Soft blobs of the accent and pattern colours.
    Mesh,
}

impl PatternKind {
    /// Every kind, in the order `carousel themes` lists them.
    pub const ALL: [PatternKind; 9] = [
        PatternKind::None,
        PatternKind::Dots,
        PatternKind::Grid,
        PatternKind::Diagonal,
        PatternKind::Waves,
        PatternKind::Topographic,
        PatternKind::Concentric,
        PatternKind::Grain,
        PatternKind::Mesh,
    ];

    /// The name used in themes and front matter.
    pub fn name(self) -> &'static str {
        match self {
            PatternKind::None => "none",
            PatternKind::Dots => "dots",
            PatternKind::Grid => "grid",
            PatternKind::Diagonal => "diagonal",
            PatternKind::Waves => "waves",
            PatternKind::Topographic => "topographic",
            PatternKind::Concentric => "concentric",
            PatternKind::Grain => "grain",
            PatternKind::Mesh => "mesh",
        }
    }

    /// The kind called `name`.
    pub fn from_name(name: &str) -> Option<PatternKind> {
        PatternKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Every kind's name, comma-separated, for hints.
    pub fn names() -> String {
        PatternKind::ALL.map(PatternKind::name).join(", ")
    }
}

impl TryFrom<String> for PatternKind {
    type Error = String;

    fn try_from(name: String) -> Result<PatternKind, String> {
        PatternKind::from_name(&name).ok_or_else(|| {
            format!(
                "unknown pattern `{name}`; use one of: {}",
                PatternKind::names()
            )
        })
    }
}

/// Background pattern.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// What is drawn.
    pub kind: PatternKind,
    /// Distance between dots or lines.
    #[serde(default = "default_spacing")]
    pub spacing: f32,
    /// Dot radius or line width.
    #[serde(default = "default_stroke")]
    pub size: f32,
    /// Opacity, 0 to 1.
    #[serde(default = "default_opacity")]
    pub opacity: f32,
    /// Colour (`#rrggbb`), replacing the theme's `pattern` colour.
    #[serde(default)]
    pub color: Option<String>,
}

fn default_spacing() -> f32 {
    40.0
}
fn default_stroke() -> f32 {
    2.0
}
fn default_opacity() -> f32 {
    0.12
}

/// Card shape: corner radius, and the outline and hard shadow of bold themes.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Shape {
    /// Corner radius of cards, code panels and images, in px.
    pub radius: f32,
    /// Outline width of cards in the text colour, in px; 0 for none.
    pub border: f32,
    /// Offset of a hard shadow in the text colour, in px; 0 for none.
    pub shadow: f32,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            radius: 24.0,
            border: 0.0,
            shadow: 0.0,
        }
    }
}

/// A theme: its tokens and where it came from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Name as used in config.
    pub name: String,
    /// One line about its look.
    #[serde(default)]
    pub description: String,
    /// Colours.
    pub colors: Colors,
    /// Fonts.
    pub fonts: Fonts,
    /// Type scale.
    pub sizes: Sizes,
    /// Background pattern.
    pub pattern: Pattern,
    /// Card shape.
    #[serde(default)]
    pub shape: Shape,
    /// The site folder holding this theme's files, if it is not built in.
    #[serde(skip)]
    pub dir: Option<PathBuf>,
    /// The text of `theme.toml` with where each key is set, for problems found after loading.
    #[serde(skip)]
    pub source: TomlSource,
}

impl Theme {
    /// Replaces the accent colours with the brand kit's, where it sets them.
    pub fn apply_brand(&mut self, brand: &crate::config::BrandConfig) {
        if let Some(accent) = &brand.accent {
            self.colors.accent = accent.clone();
        }
        if let Some(contrast) = &brand.accent_contrast {
            self.colors.accent_contrast = contrast.clone();
        }
    }

    /// Applies the site's `[typography]` choices.
    pub fn apply_typography(&mut self, t: &crate::config::TypographyConfig) {
        if let Some(family) = &t.heading_font {
            self.fonts.heading = family.clone();
        }
        if let Some(weight) = t.heading_weight {
            self.fonts.heading_weight = weight;
        }
        if let Some(family) = &t.body_font {
            self.fonts.body = family.clone();
        }
        if let Some(grow) = t.grow {
            self.sizes.grow = grow;
        }
        if (t.scale - 1.0).abs() > f32::EPSILON {
            let z = &mut self.sizes;
            for size in [
                &mut z.cover_title,
                &mut z.cover_subtitle,
                &mut z.eyebrow,
                &mut z.heading,
                &mut z.body,
                &mut z.code,
                &mut z.caption,
                &mut z.min_body,
            ] {
                *size = (*size * t.scale).round();
            }
        }
    }

    /// The font families the theme names: heading, body, code, emoji.
    pub fn families(&self) -> [&str; 4] {
        let f = &self.fonts;
        [&f.heading, &f.body, &f.mono, &f.emoji]
    }

    /// Contrast problems of this theme's colours (WCAG AA: 4.5:1 for text, 3:1 for the accent
    /// against the background), one line each.
    pub fn contrast_problems(&self) -> Vec<String> {
        let c = &self.colors;
        let mut bgs = vec![("bg", &c.bg), ("surface", &c.surface)];
        if let Some(end) = &c.bg_end {
            bgs.push(("bg_end", end));
        }
        let mut pairs: Vec<(&str, &String, &str, &String, f64)> = Vec::new();
        for (bg_name, bg) in &bgs {
            pairs.push(("text", &c.text, bg_name, bg, 4.5));
            pairs.push(("muted", &c.muted, bg_name, bg, 4.5));
        }
        for (bg_name, bg) in bgs.iter().filter(|(n, _)| *n != "surface") {
            pairs.push(("accent", &c.accent, bg_name, bg, 3.0));
        }
        pairs.push((
            "accent_contrast",
            &c.accent_contrast,
            "accent",
            &c.accent,
            4.5,
        ));
        pairs
            .into_iter()
            .filter_map(|(fg_name, fg, bg_name, bg, min)| {
                let ratio = contrast(parse_hex(fg)?, parse_hex(bg)?);
                (ratio < min).then(|| {
                    format!(
                        "{fg_name} {fg} on {bg_name} {bg} is {ratio:.2}:1; WCAG AA asks for {min}:1"
                    )
                })
            })
            .collect()
    }
}

/// Loads theme `name`: the site's `themes/<name>/theme.toml`, else the built-in one.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    if !is_plain_name(name) {
        return Err(
            Diagnostic::error(format!("failed to load theme `{name}`: not a plain name"))
                .with_hint("theme names are folder names such as `paper`"),
        );
    }
    let dir = root.join("themes").join(name);
    let file = dir.join("theme.toml");
    let rel = Path::new("themes").join(name).join("theme.toml");
    let (source, site_dir) = if file.is_file() {
        let text = std::fs::read_to_string(&file).map_err(|e| {
            Diagnostic::error(format!("failed to read theme: {e}")).at(Location::file(&rel))
        })?;
        (text, Some(dir))
    } else if let Some(text) = assets::builtin_theme(name) {
        (text.to_string(), None)
    } else {
        let site = site_theme_names(root);
        let mut known = assets::builtin_theme_names();
        known.extend(site.iter().map(String::as_str));
        return Err(Diagnostic::error(format!("failed to find theme `{name}`"))
            .with_hint(crate::suggest::hint(name, &known, "themes")));
    };
    let (mut theme, spans): (Theme, TomlSource) = TomlSource::parse(&source).map_err(|e| {
        crate::suggest::unknown_field(Diagnostic::error(format!(
            "failed to parse theme: {}",
            e.message().trim()
        )))
        .at_offset(&rel, &source, e.span().map_or(0, |s| s.start))
    })?;
    theme.dir = site_dir;
    theme.source = spans;
    Ok(theme)
}

/// The names of the site's own themes: folders of `themes/` holding a `theme.toml`, sorted.
fn site_theme_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().join("theme.toml").is_file())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// True for names that are a single safe path component.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_load_and_meet_aa() {
        let root = Path::new("/nonexistent");
        for name in assets::builtin_theme_names() {
            let t = load(root, name).unwrap();
            assert_eq!(t.contrast_problems(), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn contrast_problems_name_the_pair() {
        let mut t = load(Path::new("/nonexistent"), "paper").unwrap();
        t.colors.muted = "#BBBBBB".into();
        t.colors.accent = "#FDE047".into();
        let problems = t.contrast_problems();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("muted #BBBBBB on bg #FFFFFF")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("accent #FDE047 on bg")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("accent_contrast #FFFFFF on accent")),
            "{problems:?}"
        );
    }

    #[test]
    fn theme_names_cannot_leave_the_themes_folder() {
        for bad in ["../x", "a/b", "", "/etc"] {
            assert!(load(Path::new("."), bad).is_err(), "{bad}");
        }
    }
}
