//! Fuzz target: `carousel::fuzzing::markdown` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| carousel::fuzzing::markdown(data));
