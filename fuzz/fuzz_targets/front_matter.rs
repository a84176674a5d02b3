//! Fuzz target: `carousel::fuzzing::front_matter` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| carousel::fuzzing::front_matter(data));
