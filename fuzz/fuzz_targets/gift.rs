//! Fuzzes the GIFT parser, the import into a course and the export back: no input may panic,
//! and what Beacon exports must import again cleanly as the same questions (ids, texts,
//! answers, facts and difficulty) in modules of the same titles.
#![no_main]

use beacon_core::formats::gift;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let imported = gift::import(text, "fuzz.gift");
    // A file with no question Beacon can use gives no course to add, and none to export.
    if imported.course.modules.is_empty() {
        return;
    }
    let exported = gift::to_gift(&imported.course);
    let again = gift::import(&exported.text, "again.gift");
    assert!(
        again.notes.is_empty(),
        "exported GIFT did not import cleanly: {:?}\n{}",
        again.notes,
        exported.text
    );
    let before: Vec<_> = imported.course.questions().collect();
    let after: Vec<_> = again.course.questions().collect();
    assert_eq!(before, after, "{}", exported.text);
    let titles = |c: &beacon_core::content::Course| {
        c.modules.iter().map(|m| m.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(titles(&imported.course), titles(&again.course));
});
