//! Fuzzes the GIFT parser, the import into a course and the export back: no input may panic,
//! and what Beacon exports must import again cleanly as the same questions (ids, texts,
//! answers, facts and difficulty).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let imported = beacon::gift::import(text, "fuzz.gift");
    let exported = beacon::gift::to_gift(&imported.course);
    let again = beacon::gift::import(&exported.text, "again.gift");
    assert!(
        again.notes.is_empty(),
        "exported GIFT did not import cleanly: {:?}\n{}",
        again.notes,
        exported.text
    );
    let before: Vec<_> = imported.course.questions().collect();
    let after: Vec<_> = again.course.questions().collect();
    assert_eq!(before.len(), after.len(), "{}", exported.text);
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(
            (
                &a.id,
                &a.prompt,
                &a.body,
                &a.explanation,
                &a.facts,
                a.difficulty
            ),
            (
                &b.id,
                &b.prompt,
                &b.body,
                &b.explanation,
                &b.facts,
                b.difficulty
            ),
            "{}",
            exported.text
        );
    }
});
