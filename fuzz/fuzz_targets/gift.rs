//! Fuzzes the GIFT parser, the import into a course and the export back: no input may panic,
//! and what Beacon exports must import again without problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let imported = beacon_core::formats::gift::import(text, "fuzz.gift");
    let exported = beacon_core::formats::gift::to_gift(&imported.course);
    let again = beacon_core::formats::gift::import(&exported.text, "again.gift");
    assert!(again.notes.is_empty(), "exported GIFT did not import cleanly: {:?}\n{}", again.notes, exported.text);
    assert_eq!(again.course.questions().count(), imported.course.questions().count());
});
