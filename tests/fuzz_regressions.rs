//! Replays every saved fuzzing input (`fuzz/regressions/`: crashes found by `cargo fuzz` and
//! hostile posts written by hand) through every fuzz entry point, on stable, in a thread with a
//! small stack: an input that once overflowed the stack or panicked must now come back normally.

use std::path::Path;

use carousel::fuzzing::{self, Harness};

/// Smaller than the 2 MiB of a rayon worker, so recursion that only just fits there fails here.
const STACK: usize = 1 << 20;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    assert!(out.len() >= 5, "the regression inputs are there");
    out
}

fn on_small_stack(name: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{name} panicked"));
}

#[test]
fn saved_inputs_parse_without_crashing() {
    for (name, data) in inputs() {
        on_small_stack(&name, move || {
            fuzzing::front_matter(&data);
            fuzzing::markdown(&data);
        });
    }
}

#[test]
fn saved_inputs_compose_and_render_without_crashing() {
    let harness = std::sync::Arc::new(Harness::new().expect("built-in site"));
    for (name, data) in inputs() {
        let h = harness.clone();
        on_small_stack(&name, move || {
            h.compose(&data);
            h.render(&data);
        });
    }
}

#[test]
fn a_post_renders_through_the_harness() {
    // The harness must really run the pipeline, or the replays above prove nothing.
    let harness = Harness::new().unwrap();
    let post = b"+++\ntitle = \"Fuzz\"\n+++\n\nIntro.\n\n## One\n\nText.\n\n## Two\n\n- a\n- b\n";
    assert_eq!(harness.compose(post), 4, "cover, two sections, outro");
    assert_eq!(harness.render(post), 4);
    assert_eq!(harness.render(b"\xff\xfe not utf-8"), 0);
}
