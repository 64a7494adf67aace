//! The whole pipeline on a few pages: parse, build, schema files and emission. Pages are separated
//! by a line `=====`; at most four are read, and inputs over 64 KiB are skipped.

#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared steps.
#[allow(dead_code)]
#[path = "../steps.rs"]
mod steps;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        steps::pipeline_target(text);
    }
});
