//! Watch mode: build once, then rebuild what each batch of file changes affects. Editor saves by
//! write, rename-into-place or delete-and-create are all seen; swap, backup and lock files and
//! everything under `output/` are ignored. A broken file prints its diagnostics and the loop goes
//! on; the last good output stays until the file is fixed. PNGs are encoded fast while watching;
//! run `build` to publish with the configured compression.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::build::{Resident, Stale, build_with};
use crate::config::{CONFIG_FILE, PngCompression};
use crate::error::{Diagnostic, Error, Result};
use crate::files::{self, CONTENT_DIR, OUTPUT_DIR};
use crate::site::BuildOptions;
use crate::summary::BuildReport;

/// Quiet time before a batch of events is handled. An editor's save (in place, or a new file
/// renamed over the old) sends its events within a few milliseconds; a save slower than this
/// only costs a second rebuild, which the build cache makes cheap.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often the debouncer checks for a quiet period (its default is a quarter of DEBOUNCE).
const TICK: Duration = Duration::from_millis(5);
/// How often the loop checks whether it should stop.
const POLL: Duration = Duration::from_millis(100);
/// Site folders watched recursively (when they exist).
const WATCHED_DIRS: &[&str] = &[CONTENT_DIR, "layouts", "themes", "fonts"];

/// What a batch of changes requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Rebuild every post (the build cache skips those whose inputs did not change), loading
    /// again what `stale` names.
    Everything {
        /// What the change made stale: the config or fonts, themes or layouts, or nothing kept
        /// in memory (an image: posts that use it are found by the build cache).
        stale: Option<Stale>,
    },
    /// Rebuild these posts (paths relative to the site root).
    Posts(BTreeSet<PathBuf>),
}

impl Scope {
    fn merge(self, other: Scope) -> Scope {
        match (self, other) {
            (Scope::Everything { stale: a }, Scope::Everything { stale: b }) => {
                // `Site` (reload everything) outranks `Looks`, which outranks nothing.
                let stale = match (a, b) {
                    (Some(Stale::Site), _) | (_, Some(Stale::Site)) => Some(Stale::Site),
                    (a, b) => a.or(b),
                };
                Scope::Everything { stale }
            }
            (e @ Scope::Everything { .. }, _) | (_, e @ Scope::Everything { .. }) => e,
            (Scope::Posts(mut a), Scope::Posts(b)) => {
                a.extend(b);
                Scope::Posts(a)
            }
        }
    }
}

/// What the scope of a change to `path` (absolute, inside `root`) is; `None` to ignore it.
pub fn classify(root: &Path, path: &Path) -> Option<Scope> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    if parts.iter().any(|p| files::is_ignored_name(p)) {
        return None;
    }
    match parts.as_slice() {
        [] | [OUTPUT_DIR, ..] => None,
        [name] if *name == CONFIG_FILE => Some(everything(Stale::Site)),
        ["fonts", ..] | ["themes", _, "fonts", ..] => Some(everything(Stale::Site)),
        ["layouts", ..] | ["themes", ..] => Some(everything(Stale::Looks)),
        [CONTENT_DIR, .., last] if last.to_ascii_lowercase().ends_with(".md") => {
            Some(Scope::Posts(BTreeSet::from([rel.to_path_buf()])))
        }
        // Images and other files a post may use: rebuild all posts (unchanged slides are cheap).
        [CONTENT_DIR, _, ..] => Some(Scope::Everything { stale: None }),
        _ => None,
    }
}

fn everything(stale: Stale) -> Scope {
    Scope::Everything { stale: Some(stale) }
}

/// One handled batch of changes.
#[derive(Debug)]
pub struct Cycle {
    /// What was rebuilt.
    pub scope: Scope,
    /// The build's report, or the errors that stopped it (e.g. a broken `carousel.toml`).
    pub result: std::result::Result<BuildReport, Vec<Diagnostic>>,
    /// Output folders removed because their post was deleted or renamed.
    pub removed: Vec<PathBuf>,
}

/// Builds the site, then rebuilds on every relevant change until `stop` is set. `on_cycle` is
/// called after the first build and after every rebuild, once all files of it are written.
pub fn run(
    options: &BuildOptions,
    stop: &AtomicBool,
    mut on_cycle: impl FnMut(&Cycle),
) -> Result<()> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| Error::io("open site folder", &options.root, e))?;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), tx)
        .map_err(|e| Error::Diagnostics(vec![watch_error(&e)]))?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Diagnostics(vec![watch_error(&e)]))?;
    let mut watched = BTreeSet::new();
    watch_new_dirs(&root, &mut debouncer, &mut watched);
    let mut session = Session {
        slugs: HashMap::new(),
        resident: Resident::default(),
        force: options.force,
    };
    let first = Scope::Everything { stale: None };
    on_cycle(&rebuild(options, &root, first, &mut session));
    while !stop.load(Ordering::Relaxed) {
        let batch = match rx.recv_timeout(POLL) {
            Ok(batch) => batch,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut scope: Option<Scope> = None;
        for result in std::iter::once(batch).chain(rx.try_iter()) {
            let Ok(events) = result else { continue };
            for path in events
                .iter()
                .filter(|e| is_change(&e.kind))
                .flat_map(|e| e.paths.iter())
            {
                if let Some(s) = classify(&root, path) {
                    scope = Some(match scope.take() {
                        Some(prev) => prev.merge(s),
                        None => s,
                    });
                }
            }
        }
        watch_new_dirs(&root, &mut debouncer, &mut watched);
        if let Some(scope) = scope {
            on_cycle(&rebuild(options, &root, scope, &mut session));
        }
    }
    Ok(())
}

/// True for events that change a file: not reads (our own builds read every post) and not
/// metadata-only updates such as access times.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

fn watch_error(e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("failed to watch the site: {e}"))
}

/// Starts watching site folders that exist now but were not watched yet.
fn watch_new_dirs<W: notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    root: &Path,
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    watched: &mut BTreeSet<PathBuf>,
) {
    for dir in WATCHED_DIRS.iter().map(|d| root.join(d)) {
        if dir.is_dir()
            && !watched.contains(&dir)
            && debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(dir);
        }
    }
}

/// What watching keeps from one rebuild to the next.
struct Session {
    /// Each built post's slug by source, to remove its output when it is renamed or deleted.
    slugs: HashMap<PathBuf, String>,
    /// What stays loaded: the site, its fonts, themes, layouts and highlighter.
    resident: Resident,
    /// Reuse nothing from the build cache (`--force`), for the first build only.
    force: bool,
}

/// Runs one build for `scope` and removes the output of posts that no longer exist.
fn rebuild(options: &BuildOptions, root: &Path, scope: Scope, session: &mut Session) -> Cycle {
    let mut removed = Vec::new();
    // PNGs are encoded fast while drafting (a publish build with `build` compresses them better).
    // Drafts are built: drafting is what watching is for.
    let mut opts = BuildOptions {
        force: std::mem::take(&mut session.force),
        png_compression: Some(PngCompression::Fast),
        drafts: true,
        ..options.clone()
    };
    let out = match &options.output {
        Some(dir) => std::path::absolute(dir).unwrap_or_else(|_| dir.clone()),
        None => root.join(OUTPUT_DIR),
    };
    let slugs = &mut session.slugs;
    match &scope {
        Scope::Everything { stale } => {
            if let Some(stale) = stale {
                session.resident.forget(*stale);
            }
            opts.only = None;
        }
        Scope::Posts(posts) => {
            removed.extend(remove_deleted((root, &out), posts, slugs));
            opts.only = Some(
                posts
                    .iter()
                    .filter(|p| root.join(p).is_file())
                    .cloned()
                    .collect(),
            );
        }
    }
    let mut result = build_with(&opts, &mut session.resident).map_err(Error::into_diagnostics);
    if let Ok(report) = &mut result {
        if let Some(only) = &opts.only {
            let moved = remove_moved_output(&out, only, report, slugs);
            // The build wrote the gallery and the cache record while the old folders were
            // still there.
            if !moved.is_empty() {
                if let Err(e) = crate::gallery::write(&out) {
                    report.diagnostics.extend(e.into_diagnostics());
                }
                let cache = crate::cache::Cache::load(&out, true);
                if let Err(e) = cache.save(crate::cache::Updates::default()) {
                    report
                        .diagnostics
                        .push(crate::error::Diagnostic::warning(format!(
                            "failed to write the build cache: {e}"
                        )));
                }
            }
            removed.extend(moved);
        } else {
            slugs.clear();
        }
        for post in &report.posts {
            slugs.insert(post.source.clone(), post.slug.clone());
        }
    }
    Cycle {
        scope,
        result,
        removed,
    }
}

/// Removes the output folders of the `posts` that were deleted; returns them.
fn remove_deleted(
    (root, out): (&Path, &Path),
    posts: &BTreeSet<PathBuf>,
    slugs: &mut HashMap<PathBuf, String>,
) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for gone in posts.iter().filter(|p| !root.join(p).is_file()) {
        if let Some(slug) = slugs.remove(gone) {
            let dir = out.join(&slug);
            if crate::output::is_post_dir(&dir) && std::fs::remove_dir_all(&dir).is_ok() {
                removed.push(dir);
            }
        }
    }
    removed
}

/// After rebuilding `only`, removes the old output folder of each of those posts that now has
/// another slug, or that was not built and has no error (it became a draft), as a full build
/// would. A post that failed keeps its last good output.
fn remove_moved_output(
    out: &Path,
    only: &BTreeSet<PathBuf>,
    report: &BuildReport,
    slugs: &mut HashMap<PathBuf, String>,
) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for source in only {
        let built = report.posts.iter().find(|p| &p.source == source);
        let failed = report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.location.as_ref().is_some_and(|l| &l.path == source));
        let Some(old) = slugs.get(source).cloned() else {
            continue;
        };
        let moved = match built {
            Some(post) => post.slug != old,
            None => !failed,
        };
        let dir = out.join(&old);
        if moved && crate::output::is_post_dir(&dir) && std::fs::remove_dir_all(&dir).is_ok() {
            slugs.remove(source);
            removed.push(dir);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_map_to_scopes() {
        let root = Path::new("/site");
        let posts = |p: &str| Some(Scope::Posts(BTreeSet::from([PathBuf::from(p)])));
        let cases: Vec<(&str, Option<Scope>)> = vec![
            ("content/a.md", posts("content/a.md")),
            ("content/sub/b.MD", posts("content/sub/b.MD")),
            (
                "content/sub/pic.png",
                Some(Scope::Everything { stale: None }),
            ),
            ("layouts/content.svg", Some(everything(Stale::Looks))),
            ("themes/paper/theme.toml", Some(everything(Stale::Looks))),
            ("themes/paper/fonts/X.ttf", Some(everything(Stale::Site))),
            ("fonts/Y.otf", Some(everything(Stale::Site))),
            ("carousel.toml", Some(everything(Stale::Site))),
            ("output/a/01.png", None),
            ("content/.a.md.swp", None),
            ("content/a.md~", None),
            ("content/4913", None),
            ("content/#a.md#", None),
            ("target/debug/x", None),
            ("README.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(classify(root, &root.join(path)), want, "{path}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/a.md")), None);
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{
            AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode,
        };
        let cases = [
            (EventKind::Access(AccessKind::Any), false),
            (
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
                false,
            ),
            (
                EventKind::Modify(ModifyKind::Data(DataChange::Content)),
                true,
            ),
            (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), true),
            (EventKind::Create(CreateKind::File), true),
            (EventKind::Remove(RemoveKind::File), true),
        ];
        for (kind, want) in cases {
            assert_eq!(is_change(&kind), want, "{kind:?}");
        }
    }

    #[test]
    fn scopes_merge() {
        let a = Scope::Posts(BTreeSet::from([PathBuf::from("a")]));
        let b = Scope::Posts(BTreeSet::from([PathBuf::from("b")]));
        assert_eq!(
            a.clone().merge(b),
            Scope::Posts(BTreeSet::from([PathBuf::from("a"), PathBuf::from("b")]))
        );
        let none = Scope::Everything { stale: None };
        assert_eq!(a.merge(none.clone()), none);
        // (one, other, merged either way)
        let cases = [
            (None, Some(Stale::Looks), Some(Stale::Looks)),
            (Some(Stale::Looks), Some(Stale::Site), Some(Stale::Site)),
            (None, Some(Stale::Site), Some(Stale::Site)),
            (None, None, None),
        ];
        for (one, other, want) in cases {
            let scope = |stale| Scope::Everything { stale };
            assert_eq!(scope(one).merge(scope(other)), scope(want));
            assert_eq!(scope(other).merge(scope(one)), scope(want));
        }
    }
}
