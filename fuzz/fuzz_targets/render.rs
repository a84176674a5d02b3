//! Fuzz target: `Harness::render` (a whole post, in memory) on arbitrary bytes.
#![no_main]

use std::sync::OnceLock;

use carousel::fuzzing::Harness;

static HARNESS: OnceLock<Harness> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let harness = HARNESS.get_or_init(|| Harness::new().expect("the built-in site loads"));
    harness.render(data);
});
