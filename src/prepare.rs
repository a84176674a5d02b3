//! Preparation: resolves each post's theme (with the brand's colours and the site's typography),
//! layouts, formats and fonts, and composes its pages; one job per post and format.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::compose::{self, ComposeCtx};
use crate::config;
use crate::content::Post;
use crate::error::{Diagnostic, Location};
use crate::fonts::FontSet;
use crate::formats::{self, Format};
use crate::highlight::Highlighter;
use crate::images;
use crate::site::Site;
use crate::templates::Templates;
use crate::theme::{self, PatternKind, Theme};

/// What rendering reads of a prepared post's composed pages (owned by `compose`; the render
/// stage takes them from here, the stage that made them).
pub(crate) use crate::compose::{Element, Page, Template, Variant, pattern::PatternPath};

/// A post with everything needed to render it.
pub(crate) struct PreparedPost {
    /// The post.
    pub post: Post,
    /// Its theme.
    pub theme: Arc<Theme>,
    /// Its layouts.
    pub templates: Arc<Templates>,
    /// Its canvas format.
    pub format: Format,
    /// Its output folder under `output/`: the slug, or `<slug>/<format>` for posts built in
    /// several formats.
    pub dir: String,
    /// Its composed pages.
    pub pages: Vec<Page>,
    /// The fonts its text was laid out with (and must be rendered with).
    pub fonts: FontSet,
    /// Its background pattern, shared by every slide.
    pub pattern: compose::pattern::PatternPath,
    /// Its rasterised backgrounds, shared by its slides.
    pub backgrounds: crate::background::Backgrounds,
    /// Warnings from composing the post (parts left out), placed at the post.
    pub warnings: Vec<Diagnostic>,
    /// The job's key over its inputs (see `reuse`), if it has one.
    pub key: Option<crate::cache::Digest>,
    /// The files composing it read besides the post (its images), by path relative to the
    /// site, with the digest of the bytes read.
    pub inputs: Inputs,
}

/// Files read while composing, by path relative to the site, with their digests.
pub(crate) type Inputs = std::collections::BTreeMap<String, crate::cache::Digest>;

type Looks = (Arc<Theme>, Arc<Templates>);

/// One post in one format, to compose.
pub(crate) struct Job {
    /// The post.
    pub post: Post,
    /// The format.
    pub format: Format,
    /// Its output folder under `output/`.
    pub dir: String,
    /// The key over everything composing and rendering it reads (see `reuse`), when it has one.
    pub key: Option<crate::cache::Digest>,
}

/// Themes (with their layouts) by name, as they loaded.
type LooksByName = HashMap<String, std::result::Result<Looks, Diagnostic>>;

/// What preparing loads, which a long-running process (watch) keeps between builds of the
/// same site as long as nothing they are made from changed: themes, layouts, the highlighter.
#[derive(Default)]
pub(crate) struct Loaded {
    looks: LooksByName,
    highlighter: Option<Highlighter>,
}

impl Loaded {
    /// Forgets the themes and layouts (a file of them changed); the highlighter stays.
    pub(crate) fn forget_looks(&mut self) {
        self.looks.clear();
    }
}

/// Every post's jobs, with the themes and layouts they use, loaded once.
pub(crate) struct Jobs {
    loaded: Loaded,
    /// One per post and format.
    pub list: Vec<Job>,
}

impl Jobs {
    /// The theme and layouts of `post`, if they loaded.
    pub(crate) fn looks(&self, site: &Site, post: &Post) -> Option<(&Theme, &Templates)> {
        let looks = self.loaded.looks.get(theme_name(site, post))?;
        let (theme, templates) = looks.as_ref().ok()?;
        Some((theme, templates))
    }
}

/// Resolves the theme, templates and formats of each post: one job per post and format.
/// Themes already in `loaded` are not loaded again.
pub(crate) fn plan_jobs(
    site: &Site,
    posts: Vec<Post>,
    mut loaded: Loaded,
    diagnostics: &mut Vec<Diagnostic>,
) -> Jobs {
    load_looks(site, &posts, &mut loaded.looks, diagnostics);
    let list = posts
        .into_iter()
        .filter_map(|post| match find_formats(site, &post) {
            Ok(formats) => Some(post_formats(post, formats)),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        })
        .flatten()
        .collect();
    Jobs { loaded, list }
}

/// Composes the pages of every job in `jobs`; gives back what was loaded for them.
pub(crate) fn prepare_posts(
    site: &Site,
    jobs: Jobs,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<PreparedPost>, Loaded) {
    let mut loaded = jobs.loaded;
    let highlight = jobs.list.iter().any(|job| job.post.has_highlighted_code());
    if highlight && loaded.highlighter.is_none() {
        loaded.highlighter = Some(Highlighter::load());
    }
    let shared = Shared {
        site,
        looks: &loaded.looks,
        highlighter: loaded.highlighter.as_ref(),
    };
    let results: Vec<std::result::Result<PreparedPost, Vec<Diagnostic>>> = jobs
        .list
        .into_par_iter()
        .map(|job| {
            let rel = job.post.rel_path.clone();
            crate::error::guard(&rel, || shared.prepare(job))
        })
        .collect();
    let mut prepared = Vec::new();
    for r in results {
        match r {
            Ok(p) => prepared.push(p),
            Err(d) => diagnostics.extend(d),
        }
    }
    (prepared, loaded)
}

/// The name of the theme a post uses.
pub(crate) fn theme_name<'a>(site: &'a Site, post: &'a Post) -> &'a str {
    site.theme_name(post.front.theme.as_deref())
}

/// Loads each theme the posts use that `looks` lacks, with its layouts; warns about the
/// low-contrast pairs of every theme the posts use.
fn load_looks(
    site: &Site,
    posts: &[Post],
    looks: &mut LooksByName,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for post in posts {
        let name = theme_name(site, post);
        looks.entry(name.to_string()).or_insert_with(|| {
            let mut theme = theme::load(&site.root, name)?;
            theme.apply_brand(&site.config.brand);
            theme.apply_typography(&site.config.typography);
            check_families(site, &theme, name)?;
            let templates = Templates::load(&site.root, theme.dir.as_deref())?;
            Ok((Arc::new(theme), Arc::new(templates)))
        });
    }
    let mut names: Vec<&str> = posts.iter().map(|p| theme_name(site, p)).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        if let Some(Ok((theme, _))) = looks.get(name) {
            diagnostics.extend(contrast_warnings(site, theme));
        }
    }
}

/// What every post's preparation shares.
struct Shared<'a> {
    site: &'a Site,
    looks: &'a LooksByName,
    highlighter: Option<&'a Highlighter>,
}

impl Shared<'_> {
    /// Resolves one post's theme in one format and composes its pages.
    fn prepare(&self, job: Job) -> std::result::Result<PreparedPost, Vec<Diagnostic>> {
        let Job {
            post,
            format,
            dir,
            key,
        } = job;
        let site = self.site;
        let (mut theme, templates) = self.looks[theme_name(site, &post)]
            .clone()
            .map_err(|d| vec![locate_theme_error(site, d, &post).in_post(&post.rel_path, None)])?;
        if let Some(kind) = &post.front.pattern {
            theme = Arc::new(post_pattern(&theme, kind, &post).map_err(|d| vec![d])?);
        }
        let (composed, fonts, inputs) = self.compose(&post, &theme, &format)?;
        let pages = composed.pages;
        let mut warnings: Vec<Diagnostic> = composed
            .warnings
            .into_iter()
            .map(|note| {
                let at =
                    crate::error::Location::from_offset(&post.rel_path, &post.source, note.offset);
                Diagnostic::warning(note.message)
                    .with_hint(note.hint)
                    .at(at)
            })
            .collect();
        let known: Vec<&str> = compose::layout::CLASS_NAMES
            .iter()
            .copied()
            .chain([compose::NO_COUNTER])
            .collect();
        warnings.extend(crate::lint::unknown_classes(&post, &known, |f| {
            templates.has(f)
        }));
        warnings.extend(crate::lint::format_conflict(&post));
        let max = site.config.limits.max_slides;
        if let Some(first_over) = pages.get(max) {
            return Err(vec![crate::content::too_many_slides(
                &post.rel_path,
                &post.source,
                first_over.offset,
                max,
            )]);
        }
        let pattern = compose::pattern::for_theme(&theme, format.width, format.height);
        Ok(PreparedPost {
            post,
            theme,
            templates,
            format,
            dir,
            pages,
            fonts,
            pattern,
            backgrounds: Default::default(),
            warnings,
            key,
            inputs,
        })
    }

    /// Composes the post's pages with the site's fonts, or with the system's added when those
    /// lack a character; returns the pages and the fonts they were laid out with.
    fn compose(
        &self,
        post: &Post,
        theme: &Theme,
        format: &Format,
    ) -> std::result::Result<(compose::Composed, FontSet, Inputs), Vec<Diagnostic>> {
        let site = self.site;
        let read = std::sync::Mutex::new(Inputs::new());
        let loader = |src: &str, offset: usize| {
            let image = images::load(&site.root, post, src, offset)?;
            if let Ok(mut read) = read.lock() {
                for (path, digest) in &image.read {
                    read.insert(path.to_string_lossy().into_owned(), digest.clone());
                }
            }
            Ok(image)
        };
        let compose_with = |fonts: &FontSet| {
            let ctx = ComposeCtx {
                fonts,
                theme,
                format,
                brand: &site.config.brand,
                brand_images: &site.brand_images,
                images: &loader,
                highlighter: self.highlighter,
                dir: post.front.dir.unwrap_or(site.config.dir),
                post: (&post.rel_path, &post.source),
                behind: compose::Behind {
                    all: post.front.background.as_deref(),
                    panorama: post.front.panorama.as_ref(),
                    offset: 0,
                },
                lang: post.front.lang.as_deref().or(site.config.lang.as_deref()),
                labels: &site.config.labels,
            };
            compose::compose(&ctx, &post.slides, post.outro.as_ref()).map_err(|d| vec![d])
        };
        let mut fonts = site.fonts.clone();
        let mut composed = compose_with(&fonts)?;
        if !composed.missing.is_empty()
            && let Some(system) = site.fallback_fonts()
        {
            fonts = system.clone();
            composed = compose_with(&fonts)?;
        }
        if !composed.missing.is_empty() {
            return Err(missing_glyphs(post, &composed.pages));
        }
        let read = read.into_inner().unwrap_or_default();
        Ok((composed, fonts, read))
    }
}

/// Every font family the theme names must be loaded (bundled, site, theme or system fonts).
fn check_families(site: &Site, theme: &Theme, name: &str) -> std::result::Result<(), Diagnostic> {
    let typography = &site.config.typography;
    for family in theme.families() {
        let loaded = site.fonts.has_family(family)
            || site.fallback_fonts().is_some_and(|f| f.has_family(family));
        if loaded {
            continue;
        }
        let from_config = [&typography.heading_font, &typography.body_font]
            .iter()
            .any(|f| f.as_deref() == Some(family));
        let d = Diagnostic::error(format!(
            "failed to load theme `{name}`: font family `{family}` is not loaded"
        ))
        .with_hint(format!(
            "put its .ttf or .otf files in fonts/ or themes/{name}/fonts/; loaded: {}",
            site.fonts.families().join(", ")
        ));
        // Placed at the value that names the family: in `[typography]` or in the theme's fonts.
        let config = &site.config.source;
        return Err(match &theme.dir {
            _ if from_config => {
                let keys = ["typography.heading_font", "typography.body_font"];
                let offset = config.first_string(&keys, family).unwrap_or(0);
                config.place(d, Path::new(config::CONFIG_FILE), offset)
            }
            Some(dir) => {
                let keys = ["fonts.heading", "fonts.body", "fonts.mono", "fonts.emoji"];
                let offset = theme.source.first_string(&keys, family).unwrap_or(0);
                theme.source.place(d, &theme_file(site, dir), offset)
            }
            None => d.at_offset(Path::new(config::CONFIG_FILE), "", 0),
        });
    }
    Ok(())
}

/// The `theme.toml` of a site theme in folder `dir`, relative to the site root.
fn theme_file(site: &Site, dir: &Path) -> PathBuf {
    dir.strip_prefix(&site.root)
        .unwrap_or(dir)
        .join("theme.toml")
}

/// The theme with the post's own pattern kind.
fn post_pattern(theme: &Theme, kind: &str, post: &Post) -> std::result::Result<Theme, Diagnostic> {
    let Some(kind) = PatternKind::from_name(kind) else {
        let offset = crate::error::key_offset(&post.source, "pattern").unwrap_or(0);
        return Err(
            Diagnostic::error(format!("failed to build post: unknown pattern `{kind}`"))
                .with_hint(format!("use one of: {}", PatternKind::names()))
                .at_offset(&post.rel_path, &post.source, offset),
        );
    };
    let mut theme = theme.clone();
    theme.pattern.kind = kind;
    Ok(theme)
}

/// One warning per colour pair of a theme (with the brand's accent) below WCAG AA contrast.
fn contrast_warnings(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let brand = &site.config.brand;
    // The colours come from the brand kit in `carousel.toml` or from a site theme's `[colors]`.
    let (file, source, table) = match &theme.dir {
        _ if brand.accent.is_some() || brand.accent_contrast.is_some() => (
            PathBuf::from(config::CONFIG_FILE),
            &site.config.source,
            "brand",
        ),
        Some(dir) => (theme_file(site, dir), &theme.source, "colors"),
        None => (
            PathBuf::from(config::CONFIG_FILE),
            &site.config.source,
            "brand",
        ),
    };
    theme
        .contrast_problems()
        .into_iter()
        .map(|p| {
            let d = Diagnostic::warning(format!("theme `{}`: low contrast: {p}", theme.name));
            // Point at the line that sets the foreground colour the message starts with.
            let key = p.split_whitespace().next().unwrap_or_default();
            match source.key(&format!("{table}.{key}")) {
                Some(offset) => source.place(d, &file, offset),
                None => d.at(Location::file(&file)),
            }
        })
        .collect()
}

/// A theme or layout error without a file of its own is placed where the theme is chosen: the
/// post's `theme` line, or the `theme` line of `carousel.toml` if it has one.
fn locate_theme_error(site: &Site, d: Diagnostic, post: &Post) -> Diagnostic {
    if d.location.is_some() {
        return d;
    }
    if site.theme.is_some() {
        return Diagnostic {
            message: format!("{} (from --theme)", d.message),
            ..d
        };
    }
    if post.front.theme.is_some() {
        return match crate::error::key_offset(&post.source, "theme") {
            Some(offset) => d.at_offset(&post.rel_path, &post.source, offset),
            None => d,
        };
    }
    match site.config.source.key("theme") {
        Some(offset) => site
            .config
            .source
            .place(d, Path::new(config::CONFIG_FILE), offset),
        // The built-in default theme with a site layout that fails to load: one error for the
        // whole site, listing the posts it stopped.
        None => d,
    }
}

/// One job per format of a post, each with its output folder.
fn post_formats(post: Post, formats: Vec<Format>) -> Vec<Job> {
    let several = formats.len() > 1;
    formats
        .into_iter()
        .map(|format| {
            let dir = if several {
                format!("{}/{}", post.slug, format.name)
            } else {
                post.slug.clone()
            };
            Job {
                post: post.clone(),
                format,
                dir,
                key: None,
            }
        })
        .collect()
}

/// The formats a post is built in: its `formats` or `format`, else the site's.
fn find_formats(site: &Site, post: &Post) -> std::result::Result<Vec<Format>, Diagnostic> {
    let front = &post.front;
    let (names, from_post): (Vec<String>, bool) = match (&front.formats, &front.format) {
        _ if !site.canvas.is_empty() => (site.canvas.clone(), false),
        (Some(list), _) if !list.is_empty() => (list.clone(), true),
        (_, Some(one)) => (vec![one.clone()], true),
        _ if !site.config.formats.is_empty() => (site.config.formats.clone(), false),
        _ => (vec![site.config.format.clone()], false),
    };
    let mut out: Vec<Format> = Vec::new();
    for name in &names {
        let Some(format) = formats::find(name) else {
            let d = Diagnostic::error(format!("failed to build post: unknown format `{name}`"))
                .with_hint(formats::unknown_hint(name));
            let config = &site.config.source;
            return Err(if from_post {
                let offset = post.source.find(name.as_str()).unwrap_or(0);
                d.at_offset(&post.rel_path, &post.source, offset)
            } else if !site.canvas.is_empty() {
                Diagnostic {
                    message: format!("{} (from --canvas)", d.message),
                    ..d
                }
            } else if let Some(at) =
                (config.first_string(&["format"], name)).or_else(|| config.key("formats"))
            {
                config.place(d, Path::new(config::CONFIG_FILE), at)
            } else {
                d.at(Location::file(config::CONFIG_FILE))
            });
        };
        if !out.contains(&format) {
            out.push(format);
        }
    }
    Ok(out)
}

/// One error per slide with characters no font covers, naming them and a font to install.
fn missing_glyphs(post: &Post, pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, page) in pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.missing.is_empty())
    {
        let list: Vec<String> = page
            .missing
            .iter()
            .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
            .collect();
        let mut fonts: Vec<&str> = page
            .missing
            .iter()
            .map(|c| crate::fonts::suggest_font(*c))
            .collect();
        fonts.sort_unstable();
        fonts.dedup();
        out.push(
            Diagnostic::error(format!(
                "slide {}: no loaded font has a glyph for {}",
                i + 1,
                list.join(", ")
            ))
            .at_offset(&post.rel_path, &post.source, page.offset)
            .with_hint(format!(
                "put a font covering them ({}) in the site's fonts/ folder, or pass --fonts DIR",
                fonts.join("; ")
            )),
        );
    }
    out
}
