//! Every kind of broken course file is reported with its exact file and line, and the rest of
//! the course still loads.
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::path::{Path, PathBuf};

use beacon::content::{self, Problem};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/broken")
        .join(name)
}

/// Loads a fixture and returns its errors; checks that the valid module still loaded.
fn errors_of(dir: &Path) -> Vec<Problem> {
    let loaded = beacon::storage::folder::load_folder(dir).expect("fixture folder exists");
    let ids: Vec<&str> = loaded
        .course
        .modules
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["good"],
        "the valid module loads and the broken one is skipped"
    );
    assert!(loaded.course.question("good.q").is_some());
    loaded.errors().cloned().collect()
}

/// Asserts exactly one error, in `02-broken.toml` at `line`, whose message contains `text`.
fn assert_one(name: &str, line: usize, text: &str) {
    let errors = errors_of(&fixture(name));
    assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
    let e = &errors[0];
    assert_eq!(e.file_name(), "02-broken.toml", "{name}: {e}");
    assert_eq!(e.line, line, "{name}: {e}");
    assert!(
        e.message.contains(text),
        "{name}: `{}` lacks `{text}`",
        e.message
    );
}

#[test]
fn toml_syntax() {
    assert_one("syntax", 19, "TOML syntax");
}

#[test]
fn missing_field() {
    assert_one("missing-field", 16, "missing field `prompt`");
}

#[test]
fn empty_field() {
    assert_one("empty-field", 24, "field `explanation` is empty");
}

#[test]
fn unknown_field_with_hint() {
    let errors = errors_of(&fixture("unknown-field"));
    let unknown = errors
        .iter()
        .find(|e| e.message.contains("unknown field"))
        .expect("the unknown field is reported");
    assert_eq!(
        (unknown.file_name().as_str(), unknown.line, unknown.column),
        ("02-broken.toml", 19, 1)
    );
    assert!(
        unknown.message.contains("did you mean `prompt`?"),
        "{unknown}"
    );
    // The misspelt field also leaves the real one missing, reported at the question's header.
    assert!(
        errors
            .iter()
            .any(|e| e.line == 16 && e.message.contains("missing field `prompt`"))
    );
}

#[test]
fn unknown_kind() {
    assert_one("unknown-kind", 18, "did you mean `single`?");
}

#[test]
fn duplicate_id_across_files() {
    assert_one("duplicate-id", 17, "duplicate question id `good.q`");
}

#[test]
fn question_linked_to_missing_fact() {
    assert_one("missing-fact", 22, "`broken.nope`, which does not exist");
}

#[test]
fn fact_citing_a_source_the_course_does_not_declare() {
    assert_one(
        "undeclared-source",
        14,
        "cites source `article`, which course.toml does not declare",
    );
}

#[test]
fn answer_not_among_choices() {
    assert_one(
        "answer-not-choice",
        21,
        "answer `Four` is not among the choices",
    );
}

#[test]
fn ordering_of_fewer_than_two_items() {
    assert_one("ordering-too-short", 20, "at least 2 items");
}

#[test]
fn negative_tolerance() {
    assert_one("negative-tolerance", 21, "tolerance must be 0 or more");
}

#[test]
fn unknown_section() {
    assert_one(
        "unknown-section",
        12,
        "unknown section `mian`; did you mean `main`?",
    );
}

#[test]
fn not_utf8() {
    assert_one("not-utf8", 13, "not UTF-8");
}

#[test]
fn file_over_four_mib() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixture("too-large")).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), tmp.path().join(entry.file_name())).expect("copy");
    }
    // Pad the module with comment lines until it is just over 4 MiB.
    let path = tmp.path().join("02-broken.toml");
    let mut text = std::fs::read_to_string(&path).expect("read");
    let line = format!("# {}\n", "x".repeat(1000));
    while text.len() as u64 <= content::MAX_FILE_BYTES {
        text.push_str(&line);
    }
    std::fs::write(&path, text).expect("write");
    let errors = errors_of(tmp.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file_name(), "02-broken.toml");
    assert_eq!(errors[0].line, 0, "a whole-file problem has no line");
    assert!(errors[0].message.contains("larger than 4 MiB"));
}

#[test]
fn all_problems_of_a_file_are_reported_at_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        fixture("syntax/course.toml"),
        tmp.path().join("course.toml"),
    )
    .expect("copy");
    std::fs::copy(
        fixture("syntax/01-good.toml"),
        tmp.path().join("01-good.toml"),
    )
    .expect("copy");
    let many = r#"id = "broken"
title = ""
summary = "Several problems."
objectives = ["Be reported."]

[[sections]]
id = "main"
title = "Main"

[[facts]]
id = "broken.fact"
section = "main"
text = "A fact."
source = "wikipedia"

[[questions]]
id = "broken.q"
kind = "numeric"
prompt = "How many?"
min = 10
max = 5
facts = ["broken.fact"]
difficulty = 4
explanation = "None."
"#;
    std::fs::write(tmp.path().join("02-broken.toml"), many).expect("write");
    let errors = errors_of(tmp.path());
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 14, 20, 23], "{errors:#?}");
}
