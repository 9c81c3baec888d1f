//! The class report against an outside computation: `tests/fixtures/stats/generate.py` writes
//! results from four sources (Beacon's CSV with per-question rows, Beacon's xAPI, another
//! system's statements as an LRS returns them, and a CSV from before per-question rows) and
//! computes every figure from the data it generated with numpy, scipy and pingouin. Beacon reads
//! the files and must agree to 1e-9. Also: `beacon stats` on the command line, bad input
//! reported with file and line, and Beacon's own export read back.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use beacon::content::Course;
use beacon::stats::{self, Options, Pool, Report, Which};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stats")
        .join(name)
}

fn course() -> Course {
    let loaded =
        beacon::storage::folder::load_folder(&fixture("course")).expect("the fixture course loads");
    assert!(
        loaded.errors().next().is_none(),
        "the fixture course is valid"
    );
    loaded.course
}

fn expected() -> Value {
    serde_json::from_slice(&std::fs::read(fixture("expected.json")).expect("committed"))
        .expect("valid JSON")
}

fn pool(course: &Course, files: &[&str]) -> Pool {
    let mut pool = Pool::new();
    for f in files {
        pool.read(f, &std::fs::read(fixture(f)).expect("fixture file"), course);
    }
    pool
}

fn fixture_files(expected: &Value) -> Vec<String> {
    expected["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("name").to_owned())
        .collect()
}

/// Compares a figure: both missing, or both present and within 1e-9.
fn same(what: &str, ours: &Value, theirs: &Value) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9,
            "{what}: Beacon {a}, reference {b} (difference {:e})",
            (a - b).abs()
        ),
        _ => assert!(
            ours.is_null() && theirs.is_null(),
            "{what}: Beacon {ours}, reference {theirs}"
        ),
    }
}

fn check(report: &Report, reference: &Value) -> usize {
    let ours = serde_json::to_value(report).expect("serializes");
    let mut compared = 0;
    let tests = reference["tests"].as_array().expect("tests");
    assert_eq!(
        ours["tests"].as_array().expect("tests").len(),
        tests.len(),
        "the same tests"
    );
    for t in tests {
        let id = t["id"].as_str().expect("id");
        let mine = ours["tests"]
            .as_array()
            .expect("tests")
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("test {id} in the report"));
        for field in ["learners", "attempts", "questions", "alpha_attempts"] {
            assert_eq!(mine[field], t[field], "test {id}: {field}");
        }
        for field in [
            "mean",
            "median",
            "sd",
            "alpha",
            "error_ratio",
            "standard_error",
        ] {
            same(&format!("test {id}: {field}"), &mine[field], &t[field]);
            compared += 1;
        }
    }
    let questions = reference["questions"].as_array().expect("questions");
    let listed: Vec<&str> = ours["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["id"].as_str())
        .collect();
    let wanted: Vec<&str> = questions.iter().filter_map(|q| q["id"].as_str()).collect();
    assert_eq!(listed, wanted, "the same questions, in course order");
    for q in questions {
        let id = q["id"].as_str().expect("id");
        let mine = report.question(id).expect("listed");
        let value = serde_json::to_value(mine).expect("serializes");
        assert_eq!(value["attempts"], q["attempts"], "{id}: attempts");
        assert_eq!(value["responses"], q["responses"], "{id}: responses");
        for field in ["facility", "sd", "discrimination", "efficiency"] {
            same(&format!("{id}: {field}"), &value[field], &q[field]);
            compared += 1;
        }
        let picked: Vec<usize> = mine.choices.iter().map(|c| c.picked).collect();
        let theirs: Vec<usize> = q["picked"]
            .as_array()
            .expect("picked")
            .iter()
            .map(|n| usize::try_from(n.as_u64().expect("count")).expect("small"))
            .collect();
        assert_eq!(picked, theirs, "{id}: choices picked");
        for c in &mine.choices {
            assert!((c.share - c.picked as f64 / mine.responses as f64).abs() < 1e-12);
        }
        let flags: Vec<Value> = mine
            .flags
            .iter()
            .map(|f| serde_json::to_value(f.kind).expect("kind"))
            .collect();
        assert_eq!(&Value::from(flags), &q["flags"], "{id}: flags");
    }
    compared
}

#[test]
fn every_figure_matches_the_reference_computation() {
    let course = course();
    let expected = expected();
    assert!(
        expected["reference"]
            .as_str()
            .is_some_and(|r| r.contains("pingouin"))
    );
    let files = fixture_files(&expected);
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let pool = pool(&course, &names);
    let mut compared = 0;
    for (name, reference) in expected["reports"].as_object().expect("reports") {
        let options = Options {
            which: if reference["which"] == "all" {
                Which::All
            } else {
                Which::First
            },
            test: reference["test"].as_str().map(str::to_owned),
            ..Options::default()
        };
        let report = stats::analyse(&pool, &course, &options);
        eprintln!("report {name}");
        compared += check(&report, reference);
    }
    assert!(compared > 100, "only {compared} figures compared");
}

#[test]
fn the_designed_questions_are_flagged_for_their_reasons() {
    let course = course();
    let files = fixture_files(&expected());
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let report = stats::analyse(&pool(&course, &names), &course, &Options::default());
    let reasons = |id: &str| -> String {
        let q = report.question(id).expect("question");
        q.flags
            .iter()
            .map(|f| f.reason.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(reasons("alpha.q-bad-key").contains("Strong learners get this wrong"));
    assert!(reasons("alpha.q-unused").contains("Nobody picked \u{201c}Eleven\u{201d}"));
    assert!(reasons("alpha.q-easy").contains("Almost everyone gets this right"));
    assert!(reasons("beta.q-hard").contains("Fewer than one in five"));
    assert!(
        reasons("alpha.q-city").is_empty(),
        "a good question has no flag"
    );
    let bad = report.question("alpha.q-bad-key").expect("question");
    assert_eq!(bad.key.as_deref(), Some("ILO"));
    assert!(
        bad.prompt
            .as_deref()
            .is_some_and(|p| p.contains("guardian"))
    );
}

#[test]
fn what_cannot_be_used_is_named_with_file_and_line_and_the_rest_still_counts() {
    let course = course();
    let files = fixture_files(&expected());
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let pool = pool(&course, &names);
    let notes: Vec<String> = pool.notes().iter().map(ToString::to_string).collect();
    let has = |needle: &str| notes.iter().any(|n| n.contains(needle));
    let csv = std::fs::read_to_string(fixture("results-a.csv")).expect("csv");
    let bad_line = csv
        .lines()
        .position(|l| l.contains(",oops,"))
        .expect("a damaged row")
        + 1;
    assert!(
        has(&format!(
            "results-a.csv, line {bad_line}: `score` is `oops`"
        )),
        "{notes:#?}"
    );
    let lrs = std::fs::read_to_string(fixture("lrs.json")).expect("lrs");
    let group_line = lrs
        .lines()
        .position(|l| l.contains("\"Group\""))
        .expect("a group statement")
        + 1;
    assert!(
        has(&format!("lrs.json, line {group_line}: statement")),
        "{notes:#?}"
    );
    assert!(has("neither result.score nor result.success"));
    assert!(has("https://other.example.org/activities/q1"));
    assert!(has("never finished"));
    assert!(has("old.csv: exported by an older Beacon"));
    assert_eq!(pool.learner_count(), 31, "every learner still counts");
}

#[test]
fn reading_a_file_twice_changes_nothing() {
    let course = course();
    let once = pool(&course, &["results-a.csv", "lrs.json"]);
    let twice = pool(
        &course,
        &["results-a.csv", "lrs.json", "results-a.csv", "lrs.json"],
    );
    let a = stats::analyse(&once, &course, &Options::default());
    let b = stats::analyse(&twice, &course, &Options::default());
    assert_eq!(a.tests, b.tests);
    assert_eq!(a.questions, b.questions);
}

fn beacon() -> Command {
    let mut cmd = Command::cargo_bin("beacon").expect("binary");
    cmd.arg("--course").arg(fixture("course"));
    cmd
}

#[test]
fn the_command_line_prints_a_table_csv_or_json() {
    let files: Vec<PathBuf> = fixture_files(&expected())
        .iter()
        .map(|f| fixture(f))
        .collect();
    let out = beacon().arg("stats").args(&files).output().expect("runs");
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "31 learners",
        "first attempt",
        "Final assessment",
        "Quiz: Module alpha",
        "alpha.q-bad-key",
        "Check the key",
        "Key: ILO",
        "Left out",
    ] {
        assert!(table.contains(needle), "`{needle}` in\n{table}");
    }

    let out = beacon()
        .args(["stats", "--json", "--all-attempts"])
        .args(&files)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["attempts_used"], "all");
    let course = course();
    let mut pool = Pool::new();
    for f in &files {
        pool.read(
            &f.display().to_string(),
            &std::fs::read(f).expect("file"),
            &course,
        );
    }
    let options = Options {
        which: Which::All,
        ..Options::default()
    };
    let report = stats::analyse(&pool, &course, &options);
    assert_eq!(
        serde_json::to_value(&report).expect("serializes"),
        json,
        "the JSON is the whole report"
    );
    check(&report, &expected()["reports"]["all"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line"),
        "problems go to standard error"
    );

    let out = beacon()
        .args(["stats", "--csv", "--test", "final"])
        .args(&files)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "question");
    assert!(headers.iter().any(|h| h == "discrimination"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 10, "one row per question");
    let bad = rows
        .iter()
        .find(|r| &r[0] == "alpha.q-bad-key")
        .expect("row");
    assert_eq!(&bad[10], "negative_discrimination");

    beacon()
        .args(["stats", "--test", "nope"])
        .args(&files)
        .assert()
        .failure()
        .stderr(predicates::str::contains("the tests are: final, alpha"));
    beacon()
        .args(["stats", "no-such-file.csv"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no-such-file.csv"));
}
