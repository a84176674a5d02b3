//! The build pipeline: load everything, compose every post, then render every slide in its own
//! rayon task, and finish each post (PDF, manifest, stale files). Every failure is collected;
//! one bad post never stops the others.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use resvg::usvg::Tree;
use serde::Serialize;

use crate::compose::{self, ComposeCtx, Page};
use crate::config::{self, SiteConfig};
use crate::content::{self, Post};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::fonts::FontSet;
use crate::formats::{self, Format};
use crate::highlight::Highlighter;
use crate::images;
use crate::output::{self, Manifest};
use crate::site;
use crate::slide::{self, RenderedSlide, SlideJob};
use crate::templates::Templates;
use crate::theme::{self, Theme};
use crate::timings::{Stage, StageTimes, Timings};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root.
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Write files (false for `check`: everything is rendered in memory only).
    pub write: bool,
    /// Show a progress bar on a terminal for long builds.
    pub progress: bool,
    /// Extra font folders (`--fonts DIR`), after the site's own.
    pub font_dirs: Vec<PathBuf>,
    /// Allow the system's fonts as a last fallback (also needs `[fonts] system` in config).
    pub system_fonts: bool,
    /// Build only these posts (paths relative to the root); `None` builds all. A partial build
    /// leaves other posts' output alone.
    pub only: Option<BTreeSet<PathBuf>>,
    /// Overrides `[output] png_compression` (watch mode encodes fast).
    pub png_compression: Option<crate::config::PngCompression>,
    /// Rewrite every file. When false, a slide whose SVG equals the one already written keeps
    /// its PNG (not re-rasterised), and a post whose slides are all unchanged keeps its PDF.
    pub force: bool,
}

impl BuildOptions {
    /// Options for building the site at `root`: no drafts, write files, system font fallback on.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            drafts: false,
            write: true,
            progress: false,
            font_dirs: Vec::new(),
            system_fonts: true,
            only: None,
            png_compression: None,
            force: true,
        }
    }
}

/// Builds with fewer slides than this finish too fast for a progress bar to help.
const PROGRESS_MIN_SLIDES: usize = 40;

fn progress_bar(options: &BuildOptions, slides: usize) -> ProgressBar {
    if !options.progress || slides < PROGRESS_MIN_SLIDES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(slides as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} slides {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// What one post produced.
#[derive(Debug, Clone, Serialize)]
pub struct PostSummary {
    /// Output folder name.
    pub slug: String,
    /// Output folder under `output/`: the slug, or `<slug>/<format>`.
    pub dir: String,
    /// Canvas format name.
    pub format: String,
    /// Source file relative to the site.
    pub source: PathBuf,
    /// Number of slides.
    pub slides: usize,
    /// True when every slide and the PDF were written.
    pub ok: bool,
    /// Files written, relative to the site.
    pub files: Vec<PathBuf>,
    /// Per slide: what fitting did and what inspection found.
    pub pages: Vec<PageSummary>,
}

/// What happened to one slide.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// 1-based slide number.
    pub number: usize,
    /// Cover, content or outro.
    pub kind: crate::content::SlideKind,
    /// The heading.
    pub heading: String,
    /// All the slide's text.
    pub alt: String,
    /// Auto-fit scale: 1.0 at the theme's preferred sizes, less when shrunk.
    pub scale: f32,
    /// True for a continuation of the previous slide's section.
    pub continued: bool,
    /// Overflow, overlaps and missing glyphs found in the rendered slide.
    pub findings: crate::inspect::Findings,
}

/// The outcome of a build.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// One entry per post that was composed.
    pub posts: Vec<PostSummary>,
    /// Every error and warning, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Slides rendered.
    pub slides: usize,
    /// Slides whose files were already up to date (not rewritten).
    pub unchanged: usize,
    /// Time per stage, summed over tasks.
    pub timings: StageTimes,
    /// Wall time.
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

impl BuildReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// The loaded, read-only site every task shares.
pub struct Site {
    /// Canonical site root.
    pub root: PathBuf,
    /// `carousel.toml`.
    pub config: SiteConfig,
    /// Fonts, loaded once: bundled plus font folders.
    pub fonts: FontSet,
    /// The same plus the system's fonts, made the first time a post needs them.
    system_fonts: OnceLock<FontSet>,
    /// Whether system fonts may be used as a fallback.
    allow_system_fonts: bool,
    /// Rewrite files even when unchanged.
    pub force: bool,
    /// Time spent per stage.
    pub timings: Timings,
}

impl Site {
    /// Loads the config and fonts of the site at `root`.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Site> {
        let root = root
            .canonicalize()
            .map_err(|e| Error::io("open site folder", root, e))?;
        let mut config = config::load(&root)?;
        crate::images::load_brand(&root, &mut config.brand)?;
        if let Some(compression) = options.png_compression {
            config.output.png_compression = compression;
        }
        let mut dirs = vec![root.join("fonts")];
        let mut theme_dirs: Vec<PathBuf> = std::fs::read_dir(root.join("themes"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path().join("fonts"))
                    .collect()
            })
            .unwrap_or_default();
        theme_dirs.sort();
        dirs.extend(theme_dirs);
        dirs.extend(config.fonts.dirs.iter().map(|d| root.join(d)));
        dirs.extend(options.font_dirs.iter().cloned());
        let dirs: Vec<PathBuf> = dirs.into_iter().filter(|d| d.is_dir()).collect();
        let fonts = FontSet::load(&dirs)?;
        let allow_system_fonts = options.system_fonts && config.fonts.system;
        Ok(Site {
            root,
            config,
            fonts,
            system_fonts: OnceLock::new(),
            allow_system_fonts,
            force: options.force,
            timings: Timings::default(),
        })
    }

    /// The fonts with the system's appended, if allowed.
    fn fallback_fonts(&self) -> Option<&FontSet> {
        self.allow_system_fonts.then(|| {
            self.system_fonts
                .get_or_init(|| self.fonts.with_system_fonts())
        })
    }
}

/// A post with everything needed to render it.
pub struct PreparedPost {
    /// The post.
    pub post: Post,
    /// Its theme.
    pub theme: Arc<Theme>,
    /// Its layouts.
    pub templates: Arc<Templates>,
    /// Its canvas format.
    pub format: &'static Format,
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
}

/// Builds the site at `options.root`. `Err` only when the site cannot be loaded at all (bad
/// config); per-post failures are in the report.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let load_start = Instant::now();
    let site = Site::load(&options.root, options)?;
    let mut diagnostics = Vec::new();
    let posts = load_posts(&site, options, &mut diagnostics)?;
    site.timings.add(Stage::Load, load_start);
    let prepared = site.timings.time(Stage::Compose, || {
        prepare_posts(&site, posts, &mut diagnostics)
    });
    // One post at a time per worker, its slides in parallel inside: a post's parsed trees live
    // only until its PDF is written, so memory stays flat in the number of posts.
    let total: usize = prepared.iter().map(|p| p.pages.len()).sum();
    let bar = progress_bar(options, total);
    let finished: Vec<(PostSummary, Vec<Diagnostic>, usize)> = prepared
        .par_iter()
        .map(|post| {
            let rendered: Vec<RenderedSlide> = (0..post.pages.len())
                .into_par_iter()
                .map(|slide_index| {
                    let job = SlideJob { slide_index, post };
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        slide::render(&site, &job, options.write)
                    }))
                    .unwrap_or_else(|panic| slide::panicked(&job, panic));
                    bar.inc(1);
                    result
                })
                .collect();
            let unchanged = rendered.iter().filter(|r| r.unchanged).count();
            let (summary, diags) = finish_post(&site, post, rendered, options.write);
            (summary, diags, unchanged)
        })
        .collect();
    bar.finish_and_clear();
    let mut posts = Vec::new();
    let mut unchanged = 0;
    for (summary, diags, same) in finished {
        posts.push(summary);
        diagnostics.extend(diags);
        unchanged += same;
    }
    let slides = total;
    if options.write {
        for (slug, formats) in format_folders(&posts) {
            let dir = site.root.join(site::OUTPUT_DIR).join(slug);
            if let Err(e) = output::tidy_formats(&dir, &formats) {
                diagnostics.push(Diagnostic::error(e.to_string()));
            }
        }
    }
    if options.write && options.only.is_none() {
        remove_removed_posts(&site, &posts, &mut diagnostics);
    }
    if options.write
        && let Err(e) = crate::gallery::write(&site.root.join(site::OUTPUT_DIR))
    {
        diagnostics.extend(e.into_diagnostics());
    }
    sort_diagnostics(&mut diagnostics);
    Ok(BuildReport {
        posts,
        diagnostics,
        slides,
        unchanged,
        timings: site.timings.snapshot(),
        elapsed: start.elapsed(),
    })
}

/// Each built post's slug with its format folders (empty for a post built in one format).
fn format_folders(posts: &[PostSummary]) -> HashMap<&str, Vec<&str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for post in posts.iter().filter(|p| p.ok) {
        let entry = out.entry(post.slug.as_str()).or_default();
        if post.dir != post.slug {
            entry.push(post.format.as_str());
        }
    }
    out
}

fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.location
                .as_ref()
                .map(|l| (l.path.clone(), l.line.unwrap_or(0)))
        };
        key(a).cmp(&key(b)).then(b.severity.cmp(&a.severity))
    });
}

/// Loads every post; failures become diagnostics. Drafts are dropped unless asked for.
fn load_posts(
    site: &Site,
    options: &BuildOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Post>> {
    let drafts = options.drafts;
    let mut paths = site::discover_posts(&site.root)?;
    if let Some(only) = &options.only {
        paths.retain(|p| only.contains(p));
    } else if paths.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("no posts found in {}/", site::CONTENT_DIR)).with_hint(
                "add a Markdown file such as content/my-post.md with `title` in its front matter",
            ),
        );
    }
    let loaded: Vec<std::result::Result<Post, Diagnostic>> = paths
        .par_iter()
        .map(|rel| content::load_post(&site.root, rel, &site.config))
        .collect();
    let mut posts = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for result in loaded {
        match result {
            Ok(post) if post.front.draft && !drafts => {}
            Ok(post) => {
                if let Some(first) = slugs.get(&post.slug) {
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "failed to build post: slug `{}` is already used by {}",
                            post.slug,
                            first.display()
                        ))
                        .at(Location::file(&post.rel_path))
                        .with_hint("set a different `slug` in the front matter of one of them"),
                    );
                    continue;
                }
                slugs.insert(post.slug.clone(), post.rel_path.clone());
                diagnostics.extend(post.warnings.iter().cloned());
                posts.push(post);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    Ok(posts)
}

type Looks = (Arc<Theme>, Arc<Templates>);

/// Resolves theme, templates and format for each post and composes its pages.
fn prepare_posts(
    site: &Site,
    posts: Vec<Post>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PreparedPost> {
    let mut looks: HashMap<String, std::result::Result<Looks, Diagnostic>> = HashMap::new();
    for post in &posts {
        let name = post
            .front
            .theme
            .clone()
            .unwrap_or_else(|| site.config.theme.clone());
        looks.entry(name.clone()).or_insert_with(|| {
            let mut theme = theme::load(&site.root, &name)?;
            theme.apply_brand(&site.config.brand);
            theme.apply_typography(&site.config.typography);
            check_families(site, &theme, &name)?;
            let templates = Templates::load(&site.root, theme.dir.as_deref())?;
            Ok((Arc::new(theme), Arc::new(templates)))
        });
    }
    let mut names: Vec<&String> = looks.keys().collect();
    names.sort();
    for name in names {
        if let Ok((theme, _)) = &looks[name] {
            diagnostics.extend(contrast_warnings(site, theme));
        }
    }
    let highlighter = posts
        .iter()
        .any(Post::has_highlighted_code)
        .then(Highlighter::load);
    let jobs: Vec<(Post, &'static Format, String)> = posts
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
    let results: Vec<std::result::Result<PreparedPost, Vec<Diagnostic>>> = jobs
        .into_par_iter()
        .map(|(post, format, dir)| {
            let name = post
                .front
                .theme
                .clone()
                .unwrap_or_else(|| site.config.theme.clone());
            let (mut theme, templates) =
                looks[&name].clone().map_err(|d| vec![locate(d, &post)])?;
            if let Some(kind) = &post.front.pattern {
                theme = Arc::new(post_pattern(&theme, kind, &post).map_err(|d| vec![d])?);
            }
            let loader = |src: &str, offset: usize| images::load(&site.root, &post, src, offset);
            let compose_with = |fonts: &FontSet| {
                let ctx = ComposeCtx {
                    fonts,
                    theme: &theme,
                    format,
                    brand: &site.config.brand,
                    images: &loader,
                    highlighter: highlighter.as_ref(),
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
                return Err(missing_glyphs(&post, &composed.pages));
            }
            let pattern = compose::pattern::for_theme(&theme, format.width, format.height);
            Ok(PreparedPost {
                post,
                theme,
                templates,
                format,
                dir,
                pages: composed.pages,
                fonts,
                pattern,
                backgrounds: Default::default(),
            })
        })
        .collect();
    let mut prepared = Vec::new();
    for r in results {
        match r {
            Ok(p) => prepared.push(p),
            Err(d) => diagnostics.extend(d),
        }
    }
    prepared
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
        let (file, source) = match &theme.dir {
            _ if from_config => (
                PathBuf::from(config::CONFIG_FILE),
                std::fs::read_to_string(site.root.join(config::CONFIG_FILE)).unwrap_or_default(),
            ),
            Some(dir) => (
                dir.strip_prefix(&site.root)
                    .unwrap_or(dir)
                    .join("theme.toml"),
                std::fs::read_to_string(dir.join("theme.toml")).unwrap_or_default(),
            ),
            None => (PathBuf::from(config::CONFIG_FILE), String::new()),
        };
        let offset = source.find(&format!("\"{family}\"")).unwrap_or(0);
        return Err(Diagnostic::error(format!(
            "failed to load theme `{name}`: font family `{family}` is not loaded"
        ))
        .with_hint(format!(
            "put its .ttf or .otf files in fonts/ or themes/{name}/fonts/; loaded: {}",
            site.fonts.families().join(", ")
        ))
        .at_offset(&file, &source, offset));
    }
    Ok(())
}

/// The theme with the post's own pattern kind.
fn post_pattern(theme: &Theme, kind: &str, post: &Post) -> std::result::Result<Theme, Diagnostic> {
    if !compose::pattern::KINDS.contains(&kind) {
        let offset = post.source.find("pattern").unwrap_or(0);
        return Err(
            Diagnostic::error(format!("failed to build post: unknown pattern `{kind}`"))
                .with_hint(format!(
                    "use one of: {}",
                    compose::pattern::KINDS.join(", ")
                ))
                .at_offset(&post.rel_path, &post.source, offset),
        );
    }
    let mut theme = theme.clone();
    theme.pattern.kind = kind.to_string();
    Ok(theme)
}

/// One warning per colour pair of a theme (with the brand's accent) below WCAG AA contrast.
fn contrast_warnings(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let brand = &site.config.brand;
    let file = match &theme.dir {
        _ if brand.accent.is_some() || brand.accent_contrast.is_some() => {
            PathBuf::from(config::CONFIG_FILE)
        }
        Some(dir) => dir
            .strip_prefix(&site.root)
            .unwrap_or(dir)
            .join("theme.toml"),
        None => PathBuf::from(config::CONFIG_FILE),
    };
    theme
        .contrast_problems()
        .into_iter()
        .map(|p| {
            Diagnostic::warning(format!("theme `{}`: low contrast: {p}", theme.name))
                .at(Location::file(&file))
        })
        .collect()
}

/// A theme or layout error is also the post's: name the post when the error has no file.
fn locate(d: Diagnostic, post: &Post) -> Diagnostic {
    if d.location.is_some() {
        d
    } else {
        d.at(Location::file(&post.rel_path))
    }
}

/// One render job per format of a post, each with its output folder.
fn post_formats(post: Post, formats: Vec<&'static Format>) -> Vec<(Post, &'static Format, String)> {
    let several = formats.len() > 1;
    formats
        .into_iter()
        .map(|format| {
            let dir = if several {
                format!("{}/{}", post.slug, format.name)
            } else {
                post.slug.clone()
            };
            (post.clone(), format, dir)
        })
        .collect()
}

/// The formats a post is built in: its `formats` or `format`, else the site's.
fn find_formats(site: &Site, post: &Post) -> std::result::Result<Vec<&'static Format>, Diagnostic> {
    let front = &post.front;
    let (names, from_post): (Vec<String>, bool) = match (&front.formats, &front.format) {
        (Some(list), _) if !list.is_empty() => (list.clone(), true),
        (_, Some(one)) => (vec![one.clone()], true),
        _ if !site.config.formats.is_empty() => (site.config.formats.clone(), false),
        _ => (vec![site.config.format.clone()], false),
    };
    let mut out: Vec<&'static Format> = Vec::new();
    for name in &names {
        let Some(format) = formats::find(name) else {
            let d = Diagnostic::error(format!("failed to build post: unknown format `{name}`"))
                .with_hint(format!("use one of: {}", formats::names()));
            return Err(if from_post {
                let offset = post.source.find(name.as_str()).unwrap_or(0);
                d.at_offset(&post.rel_path, &post.source, offset)
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

/// Writes the PDF and manifest of a post whose slides all rendered, and removes stale files.
fn finish_post(
    site: &Site,
    prepared: &PreparedPost,
    slides: Vec<RenderedSlide>,
    write: bool,
) -> (PostSummary, Vec<Diagnostic>) {
    let post = &prepared.post;
    let mut diagnostics: Vec<Diagnostic> =
        slides.iter().flat_map(|s| s.diagnostics.clone()).collect();
    let mut files: Vec<PathBuf> = slides.iter().flat_map(|s| s.files.clone()).collect();
    let ok =
        slides.iter().all(|s| s.tree.is_some()) && !diagnostics.iter().any(Diagnostic::is_error);
    let pages = prepared
        .pages
        .iter()
        .zip(&slides)
        .enumerate()
        .map(|(i, (page, slide))| PageSummary {
            number: i + 1,
            kind: page.kind,
            heading: page.heading.clone(),
            alt: page.alt.clone(),
            scale: page.scale,
            continued: page.continued,
            findings: slide.findings.clone(),
        })
        .collect();
    let mut summary = PostSummary {
        pages,
        slug: post.slug.clone(),
        dir: prepared.dir.clone(),
        format: prepared.format.name.to_string(),
        source: post.rel_path.clone(),
        slides: slides.len(),
        ok,
        files: Vec::new(),
    };
    if !ok {
        summary.files = files;
        return (summary, diagnostics);
    }
    let dir = site.root.join(site::OUTPUT_DIR).join(&prepared.dir);
    let trees: Vec<&Tree> = slides.iter().filter_map(|s| s.tree.as_ref()).collect();
    let pdf_path = site
        .root
        .join(site::OUTPUT_DIR)
        .join(&prepared.dir)
        .join(format!("{}.pdf", post.slug));
    let all_unchanged = slides.iter().all(|s| s.unchanged);
    let written_pdf = match write_pdf(site, prepared, &trees, all_unchanged, write) {
        Ok(Some(name)) => {
            files.push(Path::new(site::OUTPUT_DIR).join(&prepared.dir).join(&name));
            Some(name)
        }
        Ok(None) => None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(e).at(Location::file(&post.rel_path)));
            None
        }
    };
    if write {
        let manifest = manifest(prepared, &slides, written_pdf.clone());
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        match output::write_if_changed(&dir.join("manifest.json"), &json) {
            Ok(_) => files.push(
                Path::new(site::OUTPUT_DIR)
                    .join(&prepared.dir)
                    .join("manifest.json"),
            ),
            Err(e) => diagnostics.push(Diagnostic::error(e.to_string())),
        }
        let keep: HashSet<String> = files
            .iter()
            .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
            .collect();
        if let Err(e) = output::remove_stale(&dir, &keep) {
            diagnostics.push(Diagnostic::error(e.to_string()));
        }
    }
    let pdf_bytes = written_pdf
        .as_ref()
        .and_then(|_| std::fs::metadata(&pdf_path).ok())
        .map(|m| m.len());
    for warning in formats::check_limits(prepared.format.name, slides.len(), pdf_bytes) {
        diagnostics.push(
            Diagnostic::warning(format!("{}: {warning}", prepared.format.name))
                .at(Location::file(&post.rel_path)),
        );
    }
    summary.ok = !diagnostics.iter().any(Diagnostic::is_error);
    summary.files = files;
    (summary, diagnostics)
}

/// The links of each page, for the PDF's link annotations.
fn page_links(prepared: &PreparedPost) -> Vec<Vec<crate::render::PdfLink>> {
    let link = |e: &compose::Element| match e {
        compose::Element::Link {
            x,
            y,
            width,
            height,
            href,
        } => Some((*x, *y, *width, *height, href.clone())),
        _ => None,
    };
    prepared
        .pages
        .iter()
        .map(|page| page.content.iter().filter_map(link).collect())
        .collect()
}

/// Builds and writes the post's PDF; returns its file name. A PDF whose slides are all
/// unchanged is kept as it is (unless the build forces rewrites).
fn write_pdf(
    site: &Site,
    prepared: &PreparedPost,
    trees: &[&Tree],
    all_unchanged: bool,
    write: bool,
) -> std::result::Result<Option<String>, String> {
    let post = &prepared.post;
    let several = prepared.dir != post.slug;
    if !site.config.output.pdf || (several && !prepared.format.takes_pdf()) {
        return Ok(None);
    }
    let name = format!("{}.pdf", post.slug);
    let path = site
        .root
        .join(site::OUTPUT_DIR)
        .join(&prepared.dir)
        .join(&name);
    if write && all_unchanged && !site.force && path.is_file() {
        return Ok(Some(name));
    }
    let bytes = site.timings.time(Stage::Pdf, || {
        crate::render::pdf(trees, &page_links(prepared), &post.front.title)
    })?;
    if write {
        site.timings
            .time(Stage::Write, || output::write_if_changed(&path, &bytes))
            .map_err(|e| e.to_string())?;
    }
    Ok(Some(name))
}

fn manifest(p: &PreparedPost, slides: &[RenderedSlide], pdf: Option<String>) -> Manifest {
    let post = &p.post;
    Manifest {
        title: post.front.title.clone(),
        slug: post.slug.clone(),
        dir: p.dir.clone(),
        source: post.rel_path.to_string_lossy().replace('\\', "/"),
        format: p.format.name.to_string(),
        width: p.format.width,
        height: p.format.height,
        theme: p.theme.name.clone(),
        caption: post
            .front
            .caption
            .clone()
            .unwrap_or_else(|| post.intro.clone()),
        pdf,
        slides: slides
            .iter()
            .zip(&p.pages)
            .enumerate()
            .map(|(i, (s, page))| output::ManifestSlide {
                number: i + 1,
                kind: format!("{:?}", page.kind).to_lowercase(),
                files: s
                    .files
                    .iter()
                    .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
                    .collect(),
                heading: page.heading.clone(),
                alt: page.alt.clone(),
            })
            .collect(),
    }
}

/// Removes output folders of posts that no longer exist (only folders holding our manifest).
fn remove_removed_posts(site: &Site, posts: &[PostSummary], diagnostics: &mut Vec<Diagnostic>) {
    let mut keep: HashSet<String> = posts.iter().map(|p| p.slug.clone()).collect();
    // Posts that failed to load keep their last good output.
    if let Ok(paths) = site::discover_posts(&site.root) {
        keep.extend(paths.iter().map(|p| content::slug_from_path(p)));
    }
    let out = site.root.join(site::OUTPUT_DIR);
    if let Err(e) = output::remove_stale_posts(&out, &keep) {
        diagnostics.push(Diagnostic::error(e.to_string()));
    }
}
