//! Page parsing on arbitrary text: `parse_page`, then every table's row readers.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (page, _diags) = graphdoc::page::parse_page("fuzz.md", text);
    for table in &page.tables {
        let _ = table.param_rows();
        let _ = table.enum_rows();
    }
    let _ = page.namespace();
    let _ = page.inherits_from();
});
