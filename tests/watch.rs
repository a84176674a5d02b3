//! Watch mode driven for real over a temp site: editor-style saves, renames, deletions, broken
//! intermediate states and layout edits, asserting which outputs changed and which did not.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use carousel::build::Stale;
use carousel::watch::{self, Cycle, Scope};
use common::{TestSite, post};

/// Longest wait for a rebuild.
const CYCLE_TIMEOUT: Duration = Duration::from_secs(20);
/// How long "nothing happens" is watched for.
const QUIET: Duration = Duration::from_millis(1500);

struct Watching {
    site: TestSite,
    cycles: mpsc::Receiver<Summary>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// What a cycle did, sent back from the watch thread.
#[derive(Debug)]
struct Summary {
    scope: Scope,
    errors: usize,
    written: usize,
    removed: Vec<PathBuf>,
}

impl Watching {
    fn start(site: TestSite) -> Watching {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let options = site.options(false);
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            carousel::watch::run(&options, &flag, |cycle: &Cycle| {
                let (errors, written) = match &cycle.result {
                    Ok(r) => (r.errors(), r.slides - r.unchanged),
                    Err(d) => (d.len(), 0),
                };
                let _ = tx.send(Summary {
                    scope: cycle.scope.clone(),
                    errors,
                    written,
                    removed: cycle.removed.clone(),
                });
            })
            .unwrap();
        });
        let w = Watching {
            site,
            cycles: rx,
            stop,
            thread: Some(thread),
        };
        let first = w.next();
        assert_eq!(first.errors, 0, "initial build: {first:?}");
        w
    }

    fn next(&self) -> Summary {
        self.cycles
            .recv_timeout(CYCLE_TIMEOUT)
            .expect("a rebuild within the timeout")
    }

    fn nothing(&self) {
        if let Ok(cycle) = self.cycles.recv_timeout(QUIET) {
            panic!("unexpected rebuild: {cycle:?}");
        }
    }

    fn mtime(&self, rel: &str) -> SystemTime {
        std::fs::metadata(self.site.out(rel))
            .unwrap()
            .modified()
            .unwrap()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn three_sections(second: &str) -> String {
    post(
        "W",
        &format!("## One\n\nFirst.\n\n## Two\n\n{second}\n\n## Three\n\nThird.\n"),
    )
}

fn site_with_post() -> TestSite {
    let site = TestSite::empty();
    site.write("content/w.md", three_sections("Second."));
    site.write("content/other.md", post("Other", "## Only\n\nText.\n"));
    site
}

#[test]
fn an_edit_rewrites_only_the_changed_slide_of_that_post() {
    let w = Watching::start(site_with_post());
    let (one, two, other) = (
        w.mtime("w/02.png"),
        w.mtime("w/03.png"),
        w.mtime("other/01.png"),
    );
    std::thread::sleep(Duration::from_millis(20));
    w.site
        .write("content/w.md", three_sections("Second, edited."));
    let cycle = w.next();
    assert_eq!(cycle.scope, Scope::Posts(["content/w.md".into()].into()));
    assert_eq!((cycle.errors, cycle.written), (0, 1), "{cycle:?}");
    assert_eq!(w.mtime("w/02.png"), one, "unchanged slide rewritten");
    assert_ne!(w.mtime("w/03.png"), two, "changed slide not rewritten");
    assert_eq!(w.mtime("other/01.png"), other, "other post rewritten");
}

#[test]
fn atomic_rename_saves_and_delete_recreate_are_seen() {
    let w = Watching::start(site_with_post());
    // An editor writing a temp file and renaming it over the post.
    w.site
        .write("content/.w.md.tmp", three_sections("Renamed into place."));
    std::fs::rename(
        w.site.root().join("content/.w.md.tmp"),
        w.site.root().join("content/w.md"),
    )
    .unwrap();
    let cycle = w.next();
    assert_eq!((cycle.errors, cycle.written), (0, 1), "{cycle:?}");
    // Delete, then create again.
    std::fs::remove_file(w.site.root().join("content/w.md")).unwrap();
    std::thread::sleep(Duration::from_millis(30));
    w.site.write("content/w.md", three_sections("Recreated."));
    let mut cycle = w.next();
    if cycle.written == 0 {
        // The delete and the create may arrive as two batches.
        cycle = w.next();
    }
    assert_eq!(cycle.errors, 0, "{cycle:?}");
    assert!(w.site.out("w/03.png").exists());
    let svg = std::fs::read_to_string(w.site.out("w/03.svg")).unwrap();
    assert!(svg.contains("Recreated."));
}

#[test]
fn renaming_a_post_moves_its_output() {
    let w = Watching::start(site_with_post());
    std::fs::rename(
        w.site.root().join("content/w.md"),
        w.site.root().join("content/renamed.md"),
    )
    .unwrap();
    let cycle = w.next();
    assert_eq!(cycle.errors, 0, "{cycle:?}");
    assert_eq!(cycle.removed.len(), 1, "{cycle:?}");
    assert!(!w.site.out("w").exists());
    assert!(w.site.out("renamed/01.png").exists());
}

#[test]
fn a_broken_save_keeps_the_last_good_output_until_fixed() {
    let w = Watching::start(site_with_post());
    let before = std::fs::read(w.site.out("w/03.png")).unwrap();
    w.site
        .write("content/w.md", "+++\ntitle = \"W\"\nbroken = \n+++\n");
    let cycle = w.next();
    assert_eq!(cycle.errors, 1, "{cycle:?}");
    assert_eq!(
        std::fs::read(w.site.out("w/03.png")).unwrap(),
        before,
        "last good output kept"
    );
    w.site.write("content/w.md", three_sections("Fixed."));
    let cycle = w.next();
    assert_eq!((cycle.errors, cycle.written), (0, 1), "{cycle:?}");
}

#[test]
fn a_layout_edit_rebuilds_every_post() {
    let w = Watching::start(site_with_post());
    w.site.write("layouts/content.svg", "{% extends \"base.svg\" %}\n{% block decoration %}<rect width=\"40\" height=\"40\" fill=\"#f00\"/>{% endblock decoration %}\n");
    let cycle = w.next();
    assert_eq!(
        cycle.scope,
        Scope::Everything {
            stale: Some(Stale::Looks)
        }
    );
    assert_eq!(cycle.errors, 0, "{cycle:?}");
    // Content slides changed in both posts; covers and outros did not.
    assert_eq!(cycle.written, 3 + 1, "{cycle:?}");
}

#[test]
fn temp_swap_and_output_files_are_ignored() {
    let w = Watching::start(site_with_post());
    w.site.write("content/.w.md.swp", "swap");
    w.site.write("content/w.md~", "backup");
    w.site.write("content/4913", "vim probe");
    w.site.write("output/w/notes.txt", "mine");
    w.nothing();
}

/// A small deterministic generator (an LCG), so a failing soak can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The posts of a soaked site as the random edits leave them.
struct Soak {
    rng: Lcg,
    names: Vec<String>,
    broken: Vec<String>,
    next_name: usize,
}

impl Soak {
    fn write(&mut self, site: &TestSite, name: &str, text: impl AsRef<[u8]>, broken: bool) {
        site.write(&format!("content/{name}.md"), text);
        self.broken.retain(|b| b != name);
        if broken {
            self.broken.push(name.to_string());
        }
    }

    fn pick(&mut self) -> String {
        self.names[self.rng.below(self.names.len())].clone()
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }

    /// One random change: an edit, a broken save, a draft, a new slug, a delete, a rename or a
    /// new post.
    fn step(&mut self, site: &TestSite, op: usize) {
        let path = |n: &str| site.root().join(format!("content/{n}.md"));
        let any = !self.names.is_empty();
        match self.rng.below(8) {
            0 | 1 if any => {
                let (n, words) = (self.pick(), 1 + self.rng.below(60));
                self.write(site, &n, three_sections(&"word ".repeat(words)), false);
            }
            2 if any => {
                let bad = [
                    "+++\ntitle = \n+++\n",
                    "+++\ntitle = \"x\"\n",
                    "\u{0}\u{ff}",
                ];
                let (n, which) = (self.pick(), self.rng.below(3));
                self.write(site, &n, bad[which], true);
            }
            3 if self.names.len() > 1 => {
                let n = self.names.remove(self.rng.below(self.names.len()));
                std::fs::remove_file(path(&n)).unwrap();
                self.broken.retain(|b| *b != n);
            }
            4 if any => {
                let i = self.rng.below(self.names.len());
                let to = self.fresh("r");
                std::fs::rename(path(&self.names[i]), path(&to)).unwrap();
                for b in self.broken.iter_mut().filter(|b| **b == self.names[i]) {
                    *b = to.clone();
                }
                self.names[i] = to;
            }
            // A draft: a cold build skips it, so its output must go.
            5 if any => {
                let n = self.pick();
                self.write(
                    site,
                    &n,
                    "+++\ntitle = \"D\"\ndraft = true\n+++\n## One\n\nx\n",
                    false,
                );
            }
            // A slug of its own: the output moves to the new folder.
            6 if any => {
                let n = self.pick();
                let text = format!("+++\ntitle = \"S\"\nslug = \"own-{op}\"\n+++\n## One\n\nx\n");
                self.write(site, &n, text, false);
            }
            _ => {
                let n = self.fresh("n");
                self.write(site, &n, three_sections(&format!("op {op}")), false);
                self.names.push(n);
            }
        }
    }
}

/// Builds a copy of the site's content from scratch (with watch mode's PNG encoding) and
/// compares every output file with what watching left.
fn assert_equals_cold_build(site: &TestSite) {
    let cold = TestSite::empty();
    for dir in ["content", "themes", "fonts", "layouts"] {
        if site.root().join(dir).is_dir() {
            common::copy_dir(&site.root().join(dir), &cold.root().join(dir));
        }
    }
    if let Ok(config) = std::fs::read(site.root().join("carousel.toml")) {
        cold.write("carousel.toml", config);
    }
    let options = carousel::BuildOptions {
        png_compression: Some(carousel::config::PngCompression::Fast),
        ..cold.options(false)
    };
    let report = carousel::build(&options).unwrap();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    let (watched, built) = (
        tree(&site.root().join("output")),
        tree(&cold.root().join("output")),
    );
    let only_watched: Vec<_> = watched.keys().filter(|k| !built.contains_key(*k)).collect();
    let only_built: Vec<_> = built.keys().filter(|k| !watched.contains_key(*k)).collect();
    assert!(
        only_watched.is_empty() && only_built.is_empty(),
        "only after watching: {only_watched:?}; only in a cold build: {only_built:?}"
    );
    for (path, bytes) in &watched {
        assert!(
            bytes == &built[path],
            "{} differs from a cold build",
            path.display()
        );
    }
}

#[test]
fn a_hundred_random_edits_deletes_renames_and_broken_saves_end_like_a_cold_build() {
    let site = TestSite::empty();
    let names: Vec<String> = (0..4).map(|i| format!("p{i}")).collect();
    for name in &names {
        site.write(&format!("content/{name}.md"), three_sections(name));
    }
    let mut soak = Soak {
        rng: Lcg(0x5eed),
        next_name: names.len(),
        names,
        broken: Vec::new(),
    };
    let mut w = Watching::start(site);
    for op in 0..100 {
        soak.step(&w.site, op);
        std::thread::sleep(Duration::from_millis(soak.rng.below(120) as u64));
    }
    // Fix what is still broken, so that a cold build can build every post too.
    for n in soak.broken.clone() {
        soak.write(&w.site, &n, three_sections("repaired"), false);
    }
    // A last new post: once a rebuild has handled it, every change before it has been handled
    // too (batches are rebuilt in order). Stopping then waits for a build in progress, so no
    // file is half-written when compared.
    std::thread::sleep(watch::DEBOUNCE * 2);
    w.site.write("content/zz-last.md", three_sections("last"));
    let last = PathBuf::from("content/zz-last.md");
    loop {
        let cycle = w.cycles.recv_timeout(Duration::from_secs(120));
        let cycle = cycle.expect("the last post is rebuilt");
        if matches!(&cycle.scope, Scope::Posts(p) if p.contains(&last)) {
            break;
        }
    }
    let thread = w.thread.take().unwrap();
    assert!(!thread.is_finished(), "the watch loop is still running");
    w.stop.store(true, Ordering::Relaxed);
    thread.join().expect("the watch loop ends without an error");
    assert_equals_cold_build(&w.site);
}

#[test]
fn theme_config_and_font_changes_while_watching_end_like_a_cold_build() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let theme = std::fs::read_to_string(repo.join("themes/midnight/theme.toml"))
        .unwrap()
        .replacen("name = \"midnight\"", "name = \"mine\"", 1);
    let config = |name: &str| format!("theme = \"mine\"\n[brand]\nname = \"{name}\"\n");
    let site = site_with_post();
    site.write("themes/mine/theme.toml", &theme)
        .write("carousel.toml", config("First Name"));
    let w = Watching::start(site);
    let font = std::fs::read(repo.join("fonts/NotoSansHebrew-Regular.ttf")).unwrap();
    let red = common::red_accent(&theme);
    // (what changes, the file written, its new bytes, what the watcher must load again)
    let changes: [(&str, &str, Vec<u8>, Option<Stale>); 5] = [
        (
            "a post",
            "content/w.md",
            three_sections("Edited.").into(),
            None,
        ),
        (
            "a theme colour",
            "themes/mine/theme.toml",
            red.into(),
            Some(Stale::Looks),
        ),
        (
            "the config",
            "carousel.toml",
            config("Second Name").into(),
            Some(Stale::Site),
        ),
        ("a font", "fonts/extra.ttf", font, Some(Stale::Site)),
        (
            "a post again",
            "content/other.md",
            post("Other", "## Only\n\nNew.\n").into(),
            None,
        ),
    ];
    for (what, rel, bytes, stale) in changes {
        w.site.write(rel, bytes);
        let cycle = w.next();
        assert_eq!(cycle.errors, 0, "{what}: {cycle:?}");
        if stale.is_some() {
            assert_eq!(cycle.scope, Scope::Everything { stale }, "{what}");
        }
        assert!(cycle.written > 0, "{what}: nothing rewritten");
        assert_equals_cold_build(&w.site);
    }
}
