//! The cue checks on a small course with one example of each cue (tests/fixtures/cues): each is
//! reported at the line of what to fix, `[cues]` in course.toml overrides the defaults, bad
//! settings are errors with their line, and `beacon check` prints it all.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use beacon::content::cues::{Cue, CueSettings};
use beacon::content::{self, Severity};
use predicates::prelude::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cues")
}

/// The line of `id = "<id>"` in the fixture's module file.
fn line_of(id: &str) -> usize {
    let text = std::fs::read_to_string(fixture().join("01-cues.toml")).expect("fixture");
    let wanted = format!("id = \"{id}\"");
    text.lines()
        .position(|l| l.trim() == wanted)
        .map(|i| i + 1)
        .expect("the id is in the fixture")
}

#[test]
fn every_cue_is_reported_at_the_line_of_what_to_fix() {
    let loaded = beacon::storage::folder::load_folder(&fixture()).expect("fixture loads");
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let got: BTreeSet<(usize, Cue)> = loaded
        .cues
        .warnings()
        .map(|f| {
            let p = loaded.places.problem(f, Severity::Warning);
            assert_eq!(p.file_name(), "01-cues.toml", "{p}");
            (p.line, f.cue)
        })
        .collect();
    let want: BTreeSet<(usize, Cue)> = [
        ("cues.q-longest", Cue::LongestKey),
        ("cues.q-above", Cue::Above),
        ("cues.q-echo", Cue::PromptEcho),
        ("cues.q-longer", Cue::LongerRight),
        ("cues.q-absolute", Cue::Absolute),
        // "perhaps" is a hedge; "may" is not, as course.toml replaces the list.
        ("cues.q-hedge", Cue::Hedge),
        ("cues.q-about", Cue::Approximate),
        ("cues.q-date", Cue::MissingForm),
        ("f12", Cue::Approximate),
        ("cues.q-show", Cue::GivesAway),
        ("cues.q-dup-b", Cue::Duplicate),
    ]
    .into_iter()
    .map(|(id, cue)| (line_of(id), cue))
    .collect();
    assert_eq!(got, want);
    // Cue warnings are not load problems: the whole course is there.
    assert_eq!(loaded.course.questions().count(), 13);
}

#[test]
fn course_toml_overrides_the_defaults_and_bulk_cues_within_limits_are_notes() {
    let loaded = beacon::storage::folder::load_folder(&fixture()).expect("fixture loads");
    let settings = &loaded.course.info.cues;
    assert!(settings.longest_key_above_chance.abs() < f64::EPSILON);
    assert_eq!(settings.hedges, ["perhaps"]);
    assert_eq!(settings.absolutes, CueSettings::default().absolutes);
    // With Beacon's defaults, one longest key in three single-choice items is 8 points above
    // chance: over 5. With a limit of 10 points it is a note, not a warning.
    let relaxed = CueSettings {
        longest_key_above_chance: 10.0,
        ..settings.clone()
    };
    let report = content::cues::check(&loaded.course, &relaxed);
    let t = report.totals.longest_key();
    assert_eq!((t.hits, t.items), (1, 3));
    assert!(!report.over(Cue::LongestKey));
    assert!(report.warnings().all(|f| f.cue != Cue::LongestKey));
    assert!(report.notes().any(|f| f.cue == Cue::LongestKey));
}

#[test]
fn bad_cue_settings_are_errors_at_their_line_and_keep_the_defaults() {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["course.toml", "01-cues.toml"] {
        std::fs::copy(fixture().join(name), dir.path().join(name)).expect("copy");
    }
    let course = std::fs::read_to_string(dir.path().join("course.toml")).expect("read");
    let bad = course.replace(
        "hedges = [\"perhaps\"]",
        "hedges = [\"perhaps\", \"  \"]\nabsolutes_apart = 150\nabsolutes_appart = 5",
    );
    std::fs::write(dir.path().join("course.toml"), &bad).expect("write");
    let line = |needle: &str| {
        bad.lines()
            .position(|l| l.starts_with(needle))
            .map(|i| i + 1)
            .expect("line")
    };
    let loaded = beacon::storage::folder::load_folder(dir.path()).expect("loads");
    let errors: Vec<(usize, String)> = loaded
        .errors()
        .map(|p| (p.line, p.message.clone()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                line("hedges"),
                "an entry of `hedges` in [cues] has no word in it".to_owned()
            ),
            (
                line("absolutes_apart"),
                "`absolutes_apart` in [cues] must be from 0 to 100, not 150".to_owned()
            ),
            (
                line("absolutes_appart"),
                "unknown field `absolutes_appart`; did you mean `absolutes_apart`?".to_owned()
            ),
        ]
    );
    let settings = &loaded.course.info.cues;
    assert_eq!(settings.hedges, CueSettings::default().hedges);
    assert!((settings.absolutes_apart - 10.0).abs() < f64::EPSILON);
    assert_eq!(loaded.course.modules.len(), 1, "the course still loads");
}

#[test]
fn beacon_check_prints_each_warning_with_file_and_line_and_the_totals() {
    let file = format!("01-cues.toml:{}:", line_of("cues.q-longest"));
    Command::cargo_bin("beacon")
        .expect("binary")
        .arg("check")
        .arg(fixture())
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{file}6: warning: cue in question `cues.q-longest`: the key is the strictly longest choice"
        )))
        .stdout(predicate::str::contains(
            "key strictly the longest choice: 1 of 3 single-choice items (33.3%",
        ))
        .stdout(predicate::str::contains("chance 25.0%: OVER the limit of 0 points"))
        .stdout(predicate::str::contains(
            "absolute words: in 1 of 1 false statements (100.0%) and 0 of 3 true ones (0.0%)",
        ))
        .stdout(predicate::str::contains("11 cue warnings"))
        .stdout(predicate::str::contains("Cue guesser").not());
}

#[test]
fn beacon_check_cues_prints_the_guessers_expected_score_next_to_chance_and_the_pass_mark() {
    Command::cargo_bin("beacon")
        .expect("binary")
        .args(["check", "--cues"])
        .arg(fixture())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "on the final assessment's pool, 13 authored questions from 1 module",
        ))
        .stdout(predicate::str::is_match(
            r"expected score \d+\.\d%, pure chance \d+\.\d%, pass mark 80%: \d+\.\d points above chance, OVER the limit of 10 points",
        ).expect("regex"));
}
