//! The site: what to build ([`BuildOptions`]) and the loaded, read-only site every task shares
//! ([`Site`]: config, brand images, fonts, timings).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::{self, SiteConfig};
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::images::BrandImages;
use crate::timings::Timings;

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
    /// Reuse nothing from the build cache (`build --force`). When false, a slide whose key
    /// matches the previous build's record and whose files are still as written is not
    /// rendered again, and a post whose PDF key matches keeps its PDF (see `cache`).
    pub force: bool,
    /// Build only the posts these name: paths (relative to the root or the working folder)
    /// or slugs. Empty builds every post; like `only`, a selection leaves other posts' output
    /// alone.
    pub select: Vec<String>,
    /// Use this theme for every post, over the config and front matter (`--theme`).
    pub theme: Option<String>,
    /// Build every post in these formats, over the config and front matter (`--canvas`).
    pub canvas: Vec<String>,
    /// Write here instead of the site's `output/` (`--output`).
    pub output: Option<PathBuf>,
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
            force: false,
            select: Vec::new(),
            theme: None,
            canvas: Vec::new(),
            output: None,
        }
    }

    /// The output folder: `--output`, else `output/` in the site.
    pub fn output_dir(&self) -> PathBuf {
        match &self.output {
            Some(dir) => dir.clone(),
            None => self.root.join(crate::files::OUTPUT_DIR),
        }
    }
}

/// The absolute output folder for `options`: `--output` (made if missing) or `root/output`.
fn output_dir(root: &Path, options: &BuildOptions) -> Result<PathBuf> {
    let Some(dir) = &options.output else {
        return Ok(root.join(crate::files::OUTPUT_DIR));
    };
    if !options.write {
        return Ok(std::path::absolute(dir).unwrap_or_else(|_| dir.clone()));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create output folder", dir, e))?;
    dir.canonicalize()
        .map_err(|e| Error::io("open output folder", dir, e))
}

/// The loaded, read-only site every task shares.
pub(crate) struct Site {
    /// Canonical site root.
    pub root: PathBuf,
    /// `carousel.toml`.
    pub config: SiteConfig,
    /// The brand kit's avatar and logo.
    pub brand_images: BrandImages,
    /// Fonts, loaded once: bundled plus font folders.
    pub fonts: FontSet,
    /// The same plus the system's fonts, made the first time a post needs them.
    system_fonts: OnceLock<FontSet>,
    /// Whether system fonts may be used as a fallback.
    allow_system_fonts: bool,
    /// Time spent per stage.
    pub timings: Timings,
    /// The output folder (absolute).
    pub output: PathBuf,
    /// The output folder as files are named in reports: relative to the site when inside it.
    pub output_shown: PathBuf,
    /// `--theme`: the theme of every post.
    pub theme: Option<String>,
    /// `--canvas`: the formats of every post.
    pub canvas: Vec<String>,
}

impl Site {
    /// Loads the config and fonts of the site at `root`.
    pub(crate) fn load(root: &Path, options: &BuildOptions) -> Result<Site> {
        let root = root
            .canonicalize()
            .map_err(|e| Error::io("open site folder", root, e))?;
        let mut config = config::load(&root)?;
        let brand_images = crate::images::load_brand(&root, &config)?;
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
        let output = output_dir(&root, options)?;
        let output_shown = output
            .strip_prefix(&root)
            .map_or_else(|_| output.clone(), Path::to_path_buf);
        Ok(Site {
            output,
            output_shown,
            theme: options.theme.clone(),
            canvas: options.canvas.clone(),
            root,
            config,
            brand_images,
            fonts,
            system_fonts: OnceLock::new(),
            allow_system_fonts,
            timings: Timings::default(),
        })
    }

    /// The name of the theme a post uses: `--theme`, its front matter's, or the config's.
    pub(crate) fn theme_name<'a>(&'a self, front_theme: Option<&'a str>) -> &'a str {
        self.theme
            .as_deref()
            .or(front_theme)
            .unwrap_or(&self.config.theme)
    }

    /// The fonts with the system's appended, if allowed.
    pub(crate) fn fallback_fonts(&self) -> Option<&FontSet> {
        self.allow_system_fonts.then(|| {
            self.system_fonts
                .get_or_init(|| self.fonts.with_system_fonts())
        })
    }
}
