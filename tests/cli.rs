//! The command line, run as a learner or teacher would run it.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn beacon() -> Command {
    Command::cargo_bin("beacon").expect("binary is built")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn broken(name: &str) -> PathBuf {
    root().join("tests/fixtures/broken").join(name)
}

#[test]
fn check_passes_on_the_shipped_course_and_prints_counts_and_coverage() {
    beacon()
        .current_dir(root())
        .args(["check", "questions"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"))
        .stdout(predicate::str::contains(
            "Required paragraphs covered: 21 of 21",
        ))
        .stdout(predicate::str::contains("palermo"))
        .stdout(predicate::str::contains("scenario"));
}

#[test]
fn check_fails_with_file_and_line_on_each_broken_fixture() {
    let cases = [
        ("syntax", "02-broken.toml:19:"),
        ("missing-field", "02-broken.toml:16:"),
        ("empty-field", "02-broken.toml:24:"),
        (
            "unknown-field",
            "02-broken.toml:19:1: error: unknown field `promt`; did you mean `prompt`?",
        ),
        ("unknown-kind", "02-broken.toml:18:"),
        ("duplicate-id", "02-broken.toml:17:"),
        ("missing-fact", "02-broken.toml:22:"),
        ("answer-not-choice", "02-broken.toml:21:"),
        ("ordering-too-short", "02-broken.toml:20:"),
        ("negative-tolerance", "02-broken.toml:21:"),
        ("unknown-section", "02-broken.toml:12:"),
        ("not-utf8", "02-broken.toml:13:"),
    ];
    for (name, expected) in cases {
        beacon()
            .arg("check")
            .arg(broken(name))
            .assert()
            .code(1)
            .stdout(predicate::str::contains(expected))
            // The valid module is still counted.
            .stdout(predicate::str::contains("good"));
    }
}

#[test]
fn check_of_a_missing_folder_says_so() {
    beacon()
        .args(["check", "/no/such/folder"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn lesson_prints_markdown_with_pages_terms_timeline_and_checks() {
    beacon()
        .current_dir(root())
        .args(["lesson", "palermo"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# "))
        .stdout(predicate::str::contains("## 1. Introduction"))
        .stdout(predicate::str::contains("Timeline"))
        .stdout(predicate::str::contains("**Check yourself 1.**"))
        .stdout(predicate::str::contains("## Answers to the checks"))
        .stdout(predicate::str::contains("182 parties"));
}

#[test]
fn lesson_of_the_first_module_opens_with_the_content_note() {
    beacon()
        .current_dir(root())
        .args(["lesson", "definition"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Content note"));
}

#[test]
fn lesson_of_an_unknown_module_lists_the_modules() {
    beacon()
        .current_dir(root())
        .args(["lesson", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no module `nope`"))
        .stderr(predicate::str::contains("palermo"));
}

#[test]
fn the_same_seed_prints_the_same_quiz() {
    let run = |seed: &str| {
        beacon()
            .current_dir(root())
            .args(["quiz", "--count", "8", "--seed", seed])
            .output()
            .expect("runs")
            .stdout
    };
    let a = run("11");
    assert_eq!(a, run("11"));
    assert_ne!(a, run("12"));
    assert!(String::from_utf8_lossy(&a).contains("Quiz of 8 questions (seed 11)"));
}

#[test]
fn quiz_json_with_answers_has_every_question_from_the_chosen_modules() {
    let out = beacon()
        .current_dir(root())
        .args([
            "quiz",
            "--module",
            "pact",
            "--module",
            "sdgs",
            "--count",
            "12",
            "--seed",
            "3",
            "--answers",
            "--json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let questions = v["questions"].as_array().expect("questions array");
    assert_eq!(questions.len(), 12);
    assert_eq!(v["seed"], 3);
    for q in questions {
        let module = q["module"].as_str().expect("module");
        assert!(module == "pact" || module == "sdgs", "{module}");
        assert!(q["answer"].as_str().is_some_and(|a| !a.is_empty()), "{q}");
        assert!(
            q["explanation"].as_str().is_some_and(|a| !a.is_empty()),
            "{q}"
        );
    }
}

#[test]
fn quiz_json_lists_the_facts_of_each_question_and_no_fact_twice() {
    let course = beacon::storage::folder::load_folder(&root().join("questions"))
        .expect("course")
        .course;
    for seed in ["1", "2", "3", "4", "5"] {
        let out = beacon()
            .current_dir(root())
            .args(["quiz", "--count", "20", "--seed", seed, "--json"])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        let mut seen: Vec<String> = Vec::new();
        for q in v["questions"].as_array().expect("questions array") {
            let facts: Vec<String> = q["facts"]
                .as_array()
                .expect("a facts array")
                .iter()
                .map(|f| f.as_str().expect("a fact id").to_owned())
                .collect();
            let id = q["id"].as_str().expect("id");
            if let Some(authored) = course.question(id) {
                // A scenario lists the facts of all its parts: they are the scenario's.
                assert_eq!(facts, authored.facts, "{id}");
            }
            for f in facts {
                assert!(course.fact(&f).is_some(), "{id} lists unknown fact {f}");
                assert!(
                    !seen.contains(&f),
                    "seed {seed}: fact {f} twice, the second in {id}"
                );
                seen.push(f);
            }
        }
    }
}

#[test]
fn quiz_without_answers_hides_them() {
    let out = beacon()
        .current_dir(root())
        .args(["quiz", "--count", "5", "--seed", "1", "--json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for q in v["questions"].as_array().expect("array") {
        assert!(q.get("answer").is_none());
    }
}

#[test]
fn quiz_of_an_unknown_module_fails_clearly() {
    beacon()
        .current_dir(root())
        .args(["quiz", "--module", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no module `nope`"));
}

/// Writes `text` to `name` in a new temporary folder.
fn file_in_temp(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

#[test]
fn check_reads_a_gift_file_with_the_same_report_as_a_folder() {
    let (_dir, path) = file_in_temp(
        "bank.gift",
        b"$CATEGORY: $course$/top/Treaties\n\n::q1:: Adopted in 2000? {T}\n\n::q2:: Which body? {=UNODC ~UNESCO ~none}\n",
    );
    beacon()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("module"))
        .stdout(predicate::str::contains("treaties"))
        .stdout(predicate::str::contains("true_false"))
        .stdout(predicate::str::contains("Final assessment"))
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
    let (_dir, broken) = file_in_temp("broken.gift", b"Fine? {T}\n\nBroken {=a ~b\n");
    beacon()
        .arg("check")
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "broken.gift:3:1: error: the answers are not closed with }",
        ))
        .stdout(predicate::str::contains("1 errors, 0 warnings"));
}

#[test]
fn check_of_a_file_that_is_not_a_course_says_what_a_course_is() {
    beacon()
        .current_dir(root())
        .args(["check", "README.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("README.md is not a course"))
        .stderr(predicate::str::contains("folder with course.toml"))
        .stderr(predicate::str::contains("does not exist").not());
    beacon()
        .current_dir(root())
        .args(["check", "questions/course.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("give the folder (questions)"));
}

#[test]
fn a_gift_file_that_is_not_utf8_or_is_empty_is_named_with_the_reason() {
    let (_dir, latin1) = file_in_temp("latin1.gift", b"Fine? {T}\n\nCaf\xe9? {T}\n");
    beacon()
        .arg("check")
        .arg(&latin1)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "latin1.gift:3:4: error: the file is not UTF-8 text: byte 14 (0xE9) is not UTF-8",
        ));
    let (_dir, empty) = file_in_temp("empty.gift", b"");
    beacon()
        .arg("check")
        .arg(&empty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "empty.gift: error: the file is empty",
        ));
    // Added anyway (to be fixed where it is kept), but with the same reason and exit status 1.
    let data = tempfile::tempdir().expect("tmp");
    for (file, says) in [
        (
            &latin1,
            "latin1.gift:3:4: error: the file is not UTF-8 text: byte 14 (0xE9)",
        ),
        (&empty, "the file is empty"),
    ] {
        beacon()
            .arg("--data-dir")
            .arg(data.path())
            .arg("import")
            .arg(file)
            .assert()
            .failure()
            .stdout(predicate::str::contains(says));
    }
}

#[test]
fn a_negative_seed_is_refused_with_what_a_seed_is() {
    for args in [
        &["quiz", "--seed", "-1"][..],
        &["quiz", "--seed=-1"][..],
        &["print", "--count", "3", "--seed", "-1", "-o", "x.pdf"][..],
        &["export", "course", "--format", "gift", "--seed", "-1"][..],
    ] {
        beacon()
            .current_dir(root())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "a quiz number (seed) is a whole number from 0 to 18446744073709551615",
            ))
            .stderr(predicate::str::contains(
                "`-1` cannot be one: it is negative",
            ));
    }
    beacon()
        .current_dir(root())
        .args(["quiz", "--seed", "2.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is not a whole number"));
}
