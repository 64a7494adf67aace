//! Page parsing on arbitrary text: `parse_page`, then every table's row readers.

#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared steps.
#[allow(dead_code)]
#[path = "../steps.rs"]
mod steps;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        steps::parse_page_target(text);
    }
});
