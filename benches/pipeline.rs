//! The build against the floor of its own stack. Run with `cargo bench --bench pipeline`
//! (`CAROUSEL_BENCH_POSTS=100` by default: 100 generated posts of about 10 slides each).
//!
//! For the example site and a generated site it prints the whole-build wall time and slides/s at
//! 1 and 2 threads, the time per stage per slide, and the floor: the same SVGs the build wrote,
//! parsed, rendered and PNG-encoded by a minimal loop with the fonts in memory. The ratio of the
//! pipeline's CPU time per slide to the floor's says what layout, templating, PDF and I/O add.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carousel::{BuildOptions, BuildReport};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A realistic post: a hook, sections with lists, code, emoji and one long section.
fn generated_post(n: usize) -> String {
    let mut t = format!(
        "+++\ntitle = \"Generated post {n}: what we learned shipping it\"\nsubtitle = \"A benchmark post\"\n+++\n\nA hook line for post {n} ✅.\n\n"
    );
    for s in 1..=7 {
        t.push_str(&format!("## Section {s} of post {n}\n\n"));
        match s % 4 {
            0 => t.push_str("```rust\nfn main() {\n    let total: u64 = (1..=10).map(|x| x * x).sum();\n    println!(\"{total}\");\n}\n```\n\n"),
            1 => t.push_str("- **First point** with a few words 👍🏽\n- **Second point** that wraps onto a second line of the slide\n- **Third point** 🇯🇵\n\n"),
            2 => t.push_str(&"A long section keeps going with sentences that fill the slide and continue on the next one. ".repeat(14)),
            _ => t.push_str("> A quote that stands on its own, with *emphasis* and `code`.\n\nAnd a short paragraph after it.\n\n"),
        }
        t.push('\n');
    }
    t
}

/// Builds the site at `root` on `threads` threads; `force` ignores the build cache (a cold
/// build).
fn build(root: &Path, threads: usize, force: bool) -> BuildReport {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let options = BuildOptions {
        system_fonts: false,
        force,
        ..BuildOptions::new(root)
    };
    pool.install(|| carousel::build(&options))
        .expect("site builds")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Parses, renders and encodes every SVG under `output/` in one thread; returns the time per slide.
fn floor(root: &Path, compression: carousel::config::PngCompression) -> Duration {
    let fonts = carousel::fonts::FontSet::builtin();
    let fonts = carousel::fonts::FontSet::load(&[root.join("fonts")]).unwrap_or(fonts);
    let opt = carousel::render::options(&fonts);
    let svgs: Vec<PathBuf> = walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "svg") && !p.to_string_lossy().contains(".debug")
        })
        .collect();
    let texts: Vec<String> = svgs
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let start = Instant::now();
    for text in &texts {
        let tree = resvg::usvg::Tree::from_str(text, &opt).unwrap();
        let pixmap = carousel::render::rasterize(&tree).unwrap();
        std::hint::black_box(carousel::render::encode_png(&pixmap, compression).unwrap());
    }
    start.elapsed() / texts.len().max(1) as u32
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn report(name: &str, root: &Path, runs: usize) {
    let compression = carousel::config::load(root)
        .map(|c| c.output.png_compression)
        .unwrap_or(carousel::config::PngCompression::Best);
    println!("\n## {name}");
    let mut last = None;
    for threads in [1, 2] {
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let r = build(root, threads, true);
                assert_eq!(r.errors(), 0, "{:?}", r.diagnostics);
                let t = r.elapsed;
                last = Some(r);
                t
            })
            .collect();
        let r = last.as_ref().unwrap();
        let wall = median(times);
        println!(
            "{threads} thread(s): {} slides in {:.0} ms (median of {runs}), {:.1} slides/s",
            r.slides,
            wall.as_secs_f64() * 1000.0,
            r.slides as f64 / wall.as_secs_f64()
        );
    }
    let r = last.unwrap();
    incremental(root, r.elapsed);
    let slides = r.slides.max(1) as f64;
    println!("per stage, ms per slide (2 threads, summed CPU time):");
    let mut total = 0.0;
    for (stage, ms) in r.timings.rows() {
        total += ms;
        println!("  {stage:<46} {:>7.2}", ms / slides);
    }
    let floor = floor(root, compression).as_secs_f64() * 1000.0;
    println!("  {:<46} {:>7.2}", "pipeline, all stages", total / slides);
    println!(
        "  {:<46} {:>7.2}",
        "floor: usvg parse + resvg render + PNG encode", floor
    );
    println!(
        "  {:<46} {:>7.2}",
        "ratio pipeline / floor",
        total / slides / floor
    );
}

/// No-op builds (nothing changed since the last) and a build after one post changed, with the
/// build cache, on 2 threads; `cold` is a cold build's wall time.
fn incremental(root: &Path, cold: Duration) {
    build(root, 2, false);
    let noop: Vec<Duration> = (0..5)
        .map(|_| {
            let r = build(root, 2, false);
            assert_eq!(r.unchanged, r.slides, "a no-op build renders nothing");
            r.elapsed
        })
        .collect();
    let noop = median(noop);
    println!(
        "no-op build (cache): {:.0} ms (median of 5), {:.1} % of the cold build",
        noop.as_secs_f64() * 1000.0,
        100.0 * noop.as_secs_f64() / cold.as_secs_f64()
    );
    let post = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .unwrap();
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replacen("\n\n", "\n\nEdited for the benchmark.\n\n", 1),
    )
    .unwrap();
    let r = build(root, 2, false);
    println!(
        "one post edited: {:.0} ms, {} slide(s) rendered, {} reused",
        r.elapsed.as_secs_f64() * 1000.0,
        r.slides - r.unchanged,
        r.unchanged
    );
    std::fs::write(&post, text).unwrap();
}

/// The flagship post alone with the example config, built cold by the `carousel` binary (PNG +
/// SVG + PDF, the default `best` encoding), timed as a whole process. With `MARP_CLI` set to a
/// Marp CLI (and `CHROME_PATH` to a Chromium), the same post as Marp slides at 1080x1350 is
/// rendered to PNG alternately with it, and the ratio printed.
fn flagship(repo: &Path) {
    let site = tempfile::tempdir().unwrap();
    for dir in ["fonts", "brand"] {
        copy_dir(&repo.join(dir), &site.path().join(dir));
    }
    std::fs::copy(
        repo.join("carousel.toml"),
        site.path().join("carousel.toml"),
    )
    .unwrap();
    let post = repo.join("content/quantization-interview.md");
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::copy(&post, site.path().join("content/quantization-interview.md")).unwrap();
    let carousel = || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_carousel"))
            .args(["build", "--force", "--root"])
            .arg(site.path())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    let marp = std::env::var_os("MARP_CLI").map(|cli| marp_job(cli, &post));
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..FLAGSHIP_RUNS {
        ours.push(timed(carousel));
        if let Some(marp) = &marp {
            theirs.push(timed(marp));
        }
    }
    let ours = median(ours);
    println!(
        "\n## flagship post, cold, whole process (median of {FLAGSHIP_RUNS})\n{:.0} ms",
        ours.as_secs_f64() * 1000.0
    );
    if !theirs.is_empty() {
        let theirs = median(theirs);
        println!(
            "Marp CLI, the same post to PNG at 1080x1350, timed alternately: {:.0} ms ({:.1}x)",
            theirs.as_secs_f64() * 1000.0,
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}

/// Runs made of the flagship post.
const FLAGSHIP_RUNS: usize = 7;

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// The flagship post as Marp slides (one per `##` section after a title slide) with a
/// 1080x1350 theme, and a closure rendering it with the Marp CLI at `cli`.
fn marp_job(cli: std::ffi::OsString, post: &Path) -> impl Fn() {
    let dir = tempfile::tempdir().unwrap().keep();
    let text = std::fs::read_to_string(post).unwrap();
    let body = text.splitn(3, "+++").nth(2).unwrap_or_default();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .unwrap_or("\"\"")
        .trim_matches('"');
    let sections: Vec<&str> = body.split("\n## ").map(str::trim).collect();
    let mut md = format!(
        "---\nmarp: true\ntheme: carousel\nsize: portrait\n---\n\n# {title}\n\n{}",
        sections[0]
    );
    for section in &sections[1..] {
        md.push_str(&format!("\n\n---\n\n## {section}"));
    }
    std::fs::write(dir.join("post.md"), md).unwrap();
    let css = "/* @theme carousel */\n/* @size portrait 1080px 1350px */\n@import \"default\";\n";
    std::fs::write(dir.join("carousel.css"), css).unwrap();
    move || {
        let status = std::process::Command::new(&cli)
            .current_dir(&dir)
            .args([
                "--no-stdin",
                "--theme-set",
                "carousel.css",
                "--images",
                "png",
            ])
            .args(["-o", "out/post.png", "post.md"])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "Marp CLI failed");
    }
}

fn main() {
    let posts: usize = std::env::var("CAROUSEL_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = tempfile::tempdir().unwrap();
    for dir in ["content", "fonts", "brand"] {
        copy_dir(&repo.join(dir), &example.path().join(dir));
    }
    std::fs::copy(
        repo.join("carousel.toml"),
        example.path().join("carousel.toml"),
    )
    .unwrap();
    println!(
        "carousel pipeline benchmark ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    report("example site", example.path(), 3);
    flagship(repo);

    let generated = tempfile::tempdir().unwrap();
    for n in 0..posts {
        let path = generated.path().join(format!("content/post-{n:03}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated_post(n)).unwrap();
    }
    report(
        &format!("generated site: {posts} posts"),
        generated.path(),
        1,
    );
    println!("\npeak RSS of this process: {:.0} MB", peak_rss_mb());
}
