//! Inputs on which a fuzz target once failed (`fuzz/fuzz_targets/`), kept so that they never
//! fail again. Each GIFT input is imported, the course exported to GIFT and imported again: the
//! second import must be clean and give the same questions.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::path::Path;

#[test]
fn gift_inputs_that_once_failed_now_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/gift");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the fixtures are there: {files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
        let imported = beacon::formats::gift::import(&text, "fuzz.gift");
        assert!(
            imported.course.questions().count() > 0,
            "{}: imports something",
            path.display()
        );
        let exported = beacon::formats::gift::to_gift(&imported.course);
        let again = beacon::formats::gift::import(&exported.text, "again.gift");
        assert!(
            again.notes.is_empty(),
            "{}: {:?}\n{}",
            path.display(),
            again.notes,
            exported.text
        );
        let before: Vec<_> = imported.course.questions().collect();
        let after: Vec<_> = again.course.questions().collect();
        assert_eq!(before, after, "{}", path.display());
        let titles = |c: &beacon::content::Course| {
            c.modules
                .iter()
                .map(|m| m.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&imported.course), titles(&again.course));
    }
}
