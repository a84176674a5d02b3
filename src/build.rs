//! The build pipeline: load everything, compose every post, then render every slide in its own
//! rayon task, and finish each post (PDF, manifest, stale files). Every failure is collected;
//! one bad post never stops the others.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cache::{Cache, Updates};
use crate::content::{self, Post};
use crate::error::{Diagnostic, Result};
use crate::files;
use crate::output;
use crate::post_render::PostOutcome;
use crate::prepare;
use crate::site::{BuildOptions, Site};
pub use crate::summary::{BuildReport, PageSummary, PostSummary};
use crate::timings::Stage;

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

/// What a long-running process (`watch`) keeps loaded between builds of one site: the site
/// (config, brand images, fonts), its themes and layouts, and the syntax highlighter. A post
/// edit reloads none of them; [`Resident::forget`] drops what a change to other files makes
/// stale.
#[derive(Default)]
pub struct Resident {
    /// The loaded site, with the options it was loaded with.
    site: Option<(SiteOptions, Site)>,
    loaded: prepare::Loaded,
}

/// The build options the loaded site depends on.
#[derive(Debug, Clone, PartialEq)]
struct SiteOptions {
    root: PathBuf,
    font_dirs: Vec<PathBuf>,
    system_fonts: bool,
    png_compression: Option<crate::config::PngCompression>,
    theme: Option<String>,
    canvas: Vec<String>,
    output: Option<PathBuf>,
    write: bool,
}

impl SiteOptions {
    fn of(options: &BuildOptions) -> SiteOptions {
        SiteOptions {
            root: options.root.clone(),
            font_dirs: options.font_dirs.clone(),
            system_fonts: options.system_fonts,
            png_compression: options.png_compression,
            theme: options.theme.clone(),
            canvas: options.canvas.clone(),
            output: options.output.clone(),
            write: options.write,
        }
    }
}

/// What a change makes stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// The config or a font: everything is loaded again.
    Site,
    /// A theme or layout file: themes and layouts are loaded again.
    Looks,
}

impl Resident {
    /// Drops what `stale` says is out of date; the next build loads it again.
    pub fn forget(&mut self, stale: Stale) {
        if stale == Stale::Site {
            self.site = None;
        }
        self.loaded.forget_looks();
    }

    /// The site for `options`: the one kept if it was loaded with the same options, else
    /// loaded now (and every theme forgotten).
    fn take_site(&mut self, options: &BuildOptions) -> Result<(SiteOptions, Site)> {
        let wanted = SiteOptions::of(options);
        match self.site.take() {
            Some((kept, mut site)) if kept == wanted => {
                site.timings = Default::default();
                Ok((kept, site))
            }
            _ => {
                self.loaded.forget_looks();
                Ok((wanted, Site::load(&options.root, options)?))
            }
        }
    }
}

/// Builds the site at `options.root`. `Err` only when the site cannot be loaded at all (bad
/// config); per-post failures are in the report.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, &mut Resident::default())
}

/// Builds like [`build`], with what `resident` kept from the previous build, and keeps what
/// this one loaded.
pub fn build_with(options: &BuildOptions, resident: &mut Resident) -> Result<BuildReport> {
    let start = Instant::now();
    check_site(&options.root)?;
    let load_start = Instant::now();
    let (site_options, site) = resident.take_site(options)?;
    let loaded = std::mem::take(&mut resident.loaded);
    let mut diagnostics = Vec::new();
    let Loaded {
        posts,
        unreadable,
        drafts,
    } = load_posts(&site, options, &mut diagnostics)?;
    let keep = folders_to_keep(&site, &posts, &unreadable);
    site.timings.add(Stage::Load, load_start);
    let cache = load_cache(&site, options);
    let mut jobs = site.timings.time(Stage::Compose, || {
        prepare::plan_jobs(&site, posts, loaded, &mut diagnostics)
    });
    let order: HashMap<String, usize> = (jobs.list.iter().enumerate())
        .map(|(i, job)| (job.dir.clone(), i))
        .collect();
    // Posts whose inputs and files are as the previous build recorded are not composed again.
    let kept = crate::reuse::take_unchanged(&site, &mut jobs, &cache);
    let (prepared, loaded) = site.timings.time(Stage::Compose, || {
        prepare::prepare_posts(&site, jobs, &mut diagnostics)
    });
    resident.loaded = loaded;
    // One post at a time per worker, its slides in parallel inside, a chunk at a time: a
    // slide's parsed tree lives only until its PDF page is drawn, so memory stays flat in the
    // number of posts and of slides.
    let to_render: usize = prepared.iter().map(|p| p.pages.len()).sum();
    let bar = progress_bar(options, to_render);
    let mut finished: Vec<PostOutcome> = prepared
        .par_iter()
        .map(|post| crate::post_render::render_post(&site, post, (options, &cache), &bar))
        .collect();
    finished.extend(kept.into_iter().map(crate::post_render::reused));
    finished.sort_by_key(|o| order.get(&o.summary.dir).copied());
    let slides: usize = finished.iter().map(|o| o.summary.slides).sum();
    bar.finish_and_clear();
    let (posts, unchanged, updates) = gather(finished, &mut diagnostics);
    if options.write {
        tidy_output(&site, options, &posts, &keep, &mut diagnostics);
        // After tidying: entries of removed files are dropped.
        if let Err(e) = site.timings.time(Stage::Cache, || cache.save(updates)) {
            diagnostics.push(Diagnostic::warning(format!(
                "failed to write the build cache: {e}"
            )));
        }
    }
    let mut diagnostics = crate::error::merge_duplicates(diagnostics);
    sort_diagnostics(&mut diagnostics);
    let report = BuildReport {
        posts,
        diagnostics,
        slides,
        unchanged,
        rendered: slides - unchanged,
        drafts: drafts.len(),
        timings: site.timings.snapshot(),
        elapsed: start.elapsed(),
    };
    resident.site = Some((site_options, site));
    Ok(report)
}

/// Every post's summary, diagnostics and cache entries, with the number of slides reused.
fn gather(
    finished: Vec<PostOutcome>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<PostSummary>, usize, Updates) {
    let mut posts = Vec::new();
    let mut unchanged = 0;
    let mut updates = Updates::default();
    for outcome in finished {
        posts.push(outcome.summary);
        diagnostics.extend(outcome.diagnostics);
        unchanged += outcome.reused;
        updates.extend(outcome.cache);
    }
    (posts, unchanged, updates)
}

/// A folder with neither `content/` nor `carousel.toml` is not a site: an error suggesting
/// `carousel init`, before anything is written.
pub fn check_site(root: &std::path::Path) -> Result<()> {
    if !root.is_dir() {
        return Err(crate::error::Error::Diagnostics(vec![
            Diagnostic::error(format!(
                "failed to open site folder `{}`: no such folder",
                root.display()
            ))
            .with_hint("pass the folder holding `content/` with --root"),
        ]));
    }
    let config = root.join(crate::config::CONFIG_FILE);
    if !root.join(files::CONTENT_DIR).is_dir() && !config.is_file() {
        return Err(crate::error::Error::Diagnostics(vec![
            Diagnostic::error(format!(
                "failed to find `{}/` in `{}`: not a carousel site",
                files::CONTENT_DIR,
                root.display()
            ))
            .with_hint(format!(
                "run `carousel init {}` to create a site there, or pass --root",
                root.display()
            )),
        ]));
    }
    Ok(())
}

/// The previous build's record, read before a writing build; `--force` (or `check`) reuses
/// nothing, but a writing build still keeps the entries of posts it does not build.
fn load_cache(site: &Site, options: &BuildOptions) -> Cache {
    let out = &site.output;
    if !options.write {
        return Cache::empty(out);
    }
    site.timings
        .time(Stage::Cache, || Cache::load(out, !options.force))
}

/// Output folders to keep: every post that is built, and the last good output of posts that
/// failed to load (by their file name, or by their manifest for posts whose front matter set
/// another slug). Drafts (unless built) and removed posts lose theirs.
fn folders_to_keep(site: &Site, posts: &[Post], unreadable: &[PathBuf]) -> HashSet<String> {
    let mut keep: HashSet<String> = posts.iter().map(|p| p.slug.clone()).collect();
    keep.extend(unreadable.iter().map(|p| content::slug_from_path(p)));
    let out = &site.output;
    keep.extend(
        crate::gallery::manifests(out)
            .iter()
            .filter(|m| unreadable.contains(&PathBuf::from(&m.source)))
            .map(|m| m.slug.clone()),
    );
    keep
}

/// After every post is done: drops leftover staging, keeps each post's format folders in line
/// with its formats, removes the folders of posts that are gone, and writes the gallery.
fn tidy_output(
    site: &Site,
    options: &BuildOptions,
    posts: &[PostSummary],
    keep: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let out = &site.output;
    output::remove_staging_root(out);
    for (slug, formats) in format_folders(posts) {
        if let Err(e) = output::tidy_formats(&out.join(slug), &formats) {
            diagnostics.push(Diagnostic::error(e.to_string()));
        }
    }
    if options.only.is_none()
        && options.select.is_empty()
        && let Err(e) = output::remove_stale_posts(out, keep)
    {
        diagnostics.push(Diagnostic::error(e.to_string()));
    }
    if let Err(e) = crate::gallery::write(out) {
        diagnostics.extend(e.into_diagnostics());
    }
}

/// Each built post's slug with its format folders (empty for a post built in one format).
/// Posts with a failed format are left out: tidying would remove that format's last good
/// output.
fn format_folders(posts: &[PostSummary]) -> HashMap<&str, Vec<&str>> {
    let failed: HashSet<&str> = posts
        .iter()
        .filter(|p| !p.ok)
        .map(|p| p.slug.as_str())
        .collect();
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for post in posts.iter().filter(|p| !failed.contains(p.slug.as_str())) {
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

/// The posts to build, relative to the site: every post, or those `only` or `select` names.
fn post_paths(
    site: &Site,
    options: &BuildOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>> {
    let mut paths = files::discover_posts(&site.root)?;
    if let Some(only) = &options.only {
        paths.retain(|p| only.contains(p));
    } else if !options.select.is_empty() {
        let (selected, errors) = crate::select::select(&site.root, &paths, &options.select);
        diagnostics.extend(errors);
        paths = selected;
    } else if paths.is_empty() {
        diagnostics.push(
            Diagnostic::warning(format!("no posts found in {}/", files::CONTENT_DIR)).with_hint(
                "add a Markdown file such as content/my-post.md with `title` in its front matter, \
                 or `carousel new \"Title\"`",
            ),
        );
    }
    Ok(paths)
}

/// Loads every post (or those selected); failures become diagnostics, and their paths are
/// returned besides the posts. Drafts are left out unless asked for.
fn load_posts(
    site: &Site,
    options: &BuildOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded> {
    let drafts = options.drafts;
    let paths = post_paths(site, options, diagnostics)?;
    let loaded: Vec<std::result::Result<Post, Diagnostic>> = paths
        .par_iter()
        .map(|rel| {
            crate::error::guard(rel, || {
                content::load_post(&site.root, rel, &site.config).map_err(|d| vec![d])
            })
            .map_err(|mut d| d.remove(0))
        })
        .collect();
    let mut posts = Vec::new();
    let mut unreadable = Vec::new();
    let mut skipped = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for result in loaded {
        match result {
            Ok(post) if post.front.draft && !drafts => skipped.push(post.rel_path),
            Ok(post) => {
                if let Some(first) = slugs.get(&post.slug) {
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "failed to build post: slug `{}` is already used by {}",
                            post.slug,
                            first.display()
                        ))
                        .at_offset(
                            &post.rel_path,
                            &post.source,
                            crate::error::key_offset(&post.source, "slug").unwrap_or(0),
                        )
                        .with_hint("set a different `slug` in the front matter of one of them"),
                    );
                    continue;
                }
                slugs.insert(post.slug.clone(), post.rel_path.clone());
                diagnostics.extend(post.warnings.iter().cloned());
                posts.push(post);
            }
            Err(d) => {
                unreadable.extend(d.location.as_ref().map(|l| l.path.clone()));
                diagnostics.push(d);
            }
        }
    }
    Ok(Loaded {
        posts,
        unreadable,
        drafts: skipped,
    })
}

/// The site's posts as loaded.
struct Loaded {
    /// Posts to build.
    posts: Vec<Post>,
    /// Posts that failed to load.
    unreadable: Vec<PathBuf>,
    /// Drafts left out.
    drafts: Vec<PathBuf>,
}
