//! Fuzzes the course loader on one module file: no input may panic, and every problem it
//! reports points inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (_, problems) = beacon_core::content::parse_module(text, std::path::Path::new("fuzz.toml"));
    let lines = text.lines().count().max(1) + 1;
    for p in problems {
        assert!(p.line <= lines, "problem on line {} of a {}-line text", p.line, lines);
    }
});
