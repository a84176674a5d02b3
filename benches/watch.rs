//! Watch latency: edit one section of a 10-slide post while `watch` runs and time until the new
//! PNG is on disk. Run with `cargo bench --bench watch`. Prints the median and quartiles, and
//! how many slides each rebuild rewrote (should be 1).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use carousel::BuildOptions;

/// Edits measured.
const EDITS: usize = 30;
/// Slides of the post: a cover, eight sections and the outro.
const SECTIONS: usize = 8;

fn post(edit: usize) -> String {
    let mut text = String::from("+++\ntitle = \"Watch latency\"\n+++\n\nA hook for the cover.\n\n");
    for i in 1..=SECTIONS {
        let body = if i == 4 {
            format!("This section is edited, version {edit}.")
        } else {
            format!("Section {i} stays the same.")
        };
        text.push_str(&format!("## Section {i}\n\n{body} A second sentence keeps the slide realistic.\n\n- one\n- two\n\n"));
    }
    text
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/p.md"), post(0)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let options = BuildOptions {
        system_fonts: false,
        ..BuildOptions::new(root)
    };
    let flag = stop.clone();
    let watcher = std::thread::spawn(move || {
        carousel::watch::run(&options, &flag, |cycle| {
            let (written, took) = cycle
                .result
                .as_ref()
                .map_or((0, Duration::ZERO), |r| (r.slides - r.unchanged, r.elapsed));
            let _ = tx.send((took, written));
        })
        .expect("watch runs");
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("initial build");
    let png = root.join("output/p/05.png");
    let mut latencies = Vec::new();
    let mut rewritten = Vec::new();
    let mut builds = Vec::new();
    for edit in 1..=EDITS {
        let before = std::fs::metadata(&png).and_then(|m| m.modified()).unwrap();
        let start = Instant::now();
        std::fs::write(root.join("content/p.md"), post(edit)).unwrap();
        wait_for_change(&png, before, start);
        latencies.push(start.elapsed());
        let (took, written) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("cycle report");
        rewritten.push(written);
        builds.push(took);
        std::thread::sleep(Duration::from_millis(150));
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    report(latencies, builds, &rewritten);
}

/// Prints the latency and rebuild figures of the edits.
fn report(mut latencies: Vec<Duration>, mut builds: Vec<Duration>, rewritten: &[usize]) {
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "watch latency over {EDITS} edits of one section of a 10-slide post (edit -> new PNG on disk):"
    );
    println!(
        "  median {:.0} ms, p25 {:.0} ms, p75 {:.0} ms, max {:.0} ms (includes the {} ms debounce)",
        ms(latencies[EDITS / 2]),
        ms(latencies[EDITS / 4]),
        ms(latencies[EDITS * 3 / 4]),
        ms(latencies[EDITS - 1]),
        carousel::watch::DEBOUNCE.as_millis()
    );
    builds.sort();
    println!(
        "  of which the rebuild itself (load, layout, render, PNG, PDF): median {:.0} ms",
        ms(builds[EDITS / 2])
    );
    println!(
        "  slides rewritten per edit: {:?}",
        rewritten.iter().collect::<std::collections::BTreeSet<_>>()
    );
}

/// Polls (cheaply, by modification time) until `path` has been replaced.
fn wait_for_change(path: &Path, before: std::time::SystemTime, start: Instant) {
    while start.elapsed() < Duration::from_secs(10) {
        if std::fs::metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|now| now != before)
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no new PNG within 10 s");
}
