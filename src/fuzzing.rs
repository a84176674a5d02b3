//! Entry points for fuzzing: each takes arbitrary bytes as a post and runs one stage of the
//! pipeline on it in memory. The `fuzz/` targets call them under libFuzzer, and
//! `tests/fuzz_regressions.rs` replays the saved inputs through them on stable, so a crash once
//! found stays fixed. None of them may panic, overflow the stack or write a file.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::{self, front_matter};
use crate::site::{BuildOptions, Site};
use crate::slide::{self, SlideJob};

/// The path fuzzed posts pretend to have.
const POST: &str = "content/fuzz.md";

/// Bytes as post text: invalid UTF-8 is refused the way `load_post` refuses it.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Splits and parses front matter.
pub fn front_matter(data: &[u8]) {
    let Some(source) = text(data) else { return };
    let path = Path::new(POST);
    if let Ok(split) = front_matter::split(path, source) {
        let _ = front_matter::parse(path, source, &split);
    }
}

/// Parses a whole post into slides (front matter, Markdown, footnotes, limits).
pub fn markdown(data: &[u8]) {
    let Some(source) = text(data) else { return };
    let _ = content::parse_post(
        Path::new("/"),
        Path::new(POST),
        source.to_string(),
        &SiteConfig::default(),
    );
}

/// A loaded empty site (built-in theme, layouts and fonts) to compose and render posts with.
pub struct Harness {
    site: Site,
}

impl Harness {
    /// Loads the built-in site from an empty folder under the system's temp folder.
    pub fn new() -> crate::Result<Harness> {
        let root: PathBuf = std::env::temp_dir().join("carousel-fuzz-site");
        std::fs::create_dir_all(&root).map_err(|e| crate::Error::io("create", &root, e))?;
        let options = BuildOptions {
            system_fonts: false,
            write: false,
            ..BuildOptions::new(&root)
        };
        Ok(Harness {
            site: Site::load(&root, &options)?,
        })
    }

    /// Parses and composes a post: theme, formats, layout and fitting of every slide.
    pub fn compose(&self, data: &[u8]) -> usize {
        self.prepared(data).iter().map(|p| p.pages.len()).sum()
    }

    /// Composes a post and renders every slide to SVG, parses it with usvg and inspects it;
    /// nothing is rasterised or written. Returns the number of slides that rendered.
    pub fn render(&self, data: &[u8]) -> usize {
        let mut rendered = 0;
        let cache = crate::cache::Cache::empty(&self.site.root);
        let plan = slide::Plan {
            write: false,
            cache: &cache,
            pdf: None,
        };
        for post in self.prepared(data) {
            for slide_index in 0..post.pages.len() {
                let job = SlideJob {
                    slide_index,
                    post: &post,
                };
                let made = slide::template(&self.site, &job);
                rendered += usize::from(slide::render(&self.site, &job, made, plan).rendered);
            }
        }
        rendered
    }

    fn prepared(&self, data: &[u8]) -> Vec<crate::prepare::PreparedPost> {
        let Some(source) = text(data) else {
            return Vec::new();
        };
        let post = content::parse_post(
            &self.site.root,
            Path::new(POST),
            source.to_string(),
            &self.site.config,
        );
        let Ok(post) = post else { return Vec::new() };
        let mut diagnostics = Vec::new();
        let loaded = crate::prepare::Loaded::default();
        let jobs = crate::prepare::plan_jobs(&self.site, vec![post], loaded, &mut diagnostics);
        crate::prepare::prepare_posts(&self.site, jobs, &mut diagnostics).0
    }
}
