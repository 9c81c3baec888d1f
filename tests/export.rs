//! Results export and printable quizzes from the command line: every xAPI statement is checked
//! against the xAPI 1.0.3 rules, the CSV is parsed back, and the PDF's text is read with
//! pdftotext.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::*;
use serde_json::Value;

/// Verbs of the ADL vocabulary that Beacon uses.
const ADL_VERBS: [&str; 5] = ["answered", "completed", "experienced", "failed", "passed"];
/// Interaction types allowed by xAPI 1.0.3.
const INTERACTIONS: [&str; 10] = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

/// xAPI ids must be absolute IRIs.
fn is_iri(s: &str) -> bool {
    !s.contains(char::is_whitespace) && url::Url::parse(s).is_ok()
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// ISO 8601 durations as xAPI uses them: PnDTnHnMnS with optional parts.
fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let ok_part = |part: &str, units: &str| {
        let mut number = String::new();
        let mut seen = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
            } else if units.contains(c) && !number.is_empty() {
                number.clear();
                seen += 1;
            } else {
                return None;
            }
        }
        number.is_empty().then_some(seen)
    };
    match (ok_part(date, "YMWD"), ok_part(time, "HMS")) {
        (Some(d), Some(t)) => d + t > 0 && (rest.contains('T') == (t > 0)),
        _ => false,
    }
}

fn check_statement(s: &Value) {
    let ctx = format!("{s:#}");
    assert!(s["id"].as_str().is_some_and(is_uuid), "id is a UUID: {ctx}");
    assert_eq!(s["version"], "1.0.3");
    // Actor: an Agent identified by an account, no email.
    let actor = &s["actor"];
    assert_eq!(actor["objectType"], "Agent");
    assert!(
        actor["account"]["homePage"].as_str().is_some_and(is_iri),
        "{ctx}"
    );
    assert!(
        actor["account"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    assert!(actor.get("mbox").is_none());
    // Verb from the ADL vocabulary.
    let verb = s["verb"]["id"].as_str().expect("verb id");
    let name = verb
        .strip_prefix("http://adlnet.gov/expapi/verbs/")
        .expect("ADL verb");
    assert!(ADL_VERBS.contains(&name), "{verb}");
    assert!(s["verb"]["display"].is_object());
    // Object: an Activity with an IRI id.
    let object = &s["object"];
    assert!(
        object["id"].as_str().is_some_and(is_iri),
        "object id is an IRI: {ctx}"
    );
    let definition = &object["definition"];
    if let Some(kind) = definition.get("interactionType") {
        let kind = kind.as_str().expect("type");
        assert!(INTERACTIONS.contains(&kind), "{kind}");
        assert_eq!(
            definition["type"],
            "http://adlnet.gov/expapi/activities/cmi.interaction"
        );
        if kind != "other" {
            let patterns = definition["correctResponsesPattern"]
                .as_array()
                .expect("correct responses");
            assert!(!patterns.is_empty());
            for p in patterns {
                let p = p.as_str().expect("pattern");
                match kind {
                    "true-false" => assert!(p == "true" || p == "false"),
                    "choice" | "sequencing" => {
                        let ids: Vec<&str> = definition["choices"]
                            .as_array()
                            .expect("choices")
                            .iter()
                            .filter_map(|c| c["id"].as_str())
                            .collect();
                        for part in p.split("[,]") {
                            assert!(ids.contains(&part), "{part} is a choice id");
                        }
                    }
                    "matching" => {
                        for pair in p.split("[,]") {
                            let (l, r) = pair.split_once("[.]").expect("source[.]target");
                            assert!(
                                definition["source"]
                                    .as_array()
                                    .expect("source")
                                    .iter()
                                    .any(|c| c["id"] == l)
                            );
                            assert!(
                                definition["target"]
                                    .as_array()
                                    .expect("target")
                                    .iter()
                                    .any(|c| c["id"] == r)
                            );
                        }
                    }
                    "numeric" => {
                        for bound in p.split("[:]") {
                            assert!(bound.is_empty() || bound.parse::<f64>().is_ok(), "{p}");
                        }
                    }
                    "fill-in" => assert!(p.starts_with("{case_matters=false}")),
                    _ => {}
                }
            }
        }
    }
    // Result: score bounds and duration format.
    if let Some(result) = s.get("result") {
        if let Some(score) = result.get("score") {
            if let Some(scaled) = score.get("scaled") {
                let scaled = scaled.as_f64().expect("number");
                assert!((-1.0..=1.0).contains(&scaled), "scaled {scaled}");
            }
            let (min, max) = (
                score["min"].as_f64().unwrap_or(f64::MIN),
                score["max"].as_f64().unwrap_or(f64::MAX),
            );
            assert!(min <= max);
            if let Some(raw) = score.get("raw").and_then(Value::as_f64) {
                assert!(raw >= min && raw <= max, "raw {raw} within {min}..{max}");
            }
        }
        if let Some(d) = result.get("duration") {
            assert!(d.as_str().is_some_and(is_duration), "duration {d}");
        }
        if let Some(success) = result.get("success") {
            assert!(success.is_boolean());
        }
    }
    if let Some(t) = s.get("timestamp") {
        chrono::DateTime::parse_from_rfc3339(t.as_str().expect("timestamp"))
            .expect("ISO 8601 timestamp");
    }
    if let Some(r) = s["context"].get("registration") {
        assert!(r.as_str().is_some_and(is_uuid));
    }
}

/// A data folder with two profiles that have worked: quizzes, a lesson, a failed final.
fn worked_data_folder(data: &Path) {
    let mut harness = app(data);
    welcome(&mut harness, "Ada");
    let course = harness.state().course().clone();
    for module in course.modules.iter().take(3) {
        click(&mut harness, &format!("Take the quiz: {}", module.title));
        take_quiz_right(&mut harness);
        click(&mut harness, "Back to the course map");
    }
    click(
        &mut harness,
        &format!("Start lesson: {}", course.modules[0].title),
    );
    while harness.query_by_label("Next page").is_some() {
        click(&mut harness, "Next page");
    }
    click(&mut harness, "Back to the course map");
    click(&mut harness, "Profiles");
    let field = harness.get_by_label("Name of the new profile");
    field.focus();
    field.type_text("Grace");
    harness.run();
    click(&mut harness, "Create profile");
    click(&mut harness, "Start learning");
    click(&mut harness, "Quick quiz");
    while let beacon::ui::Screen::Quiz(_) = harness.state().screen() {
        click(&mut harness, "Skip");
    }
    harness.state().flush();
}

use egui_kittest::kittest::Queryable as _;

fn beacon(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("beacon").expect("binary");
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--course")
        .arg(course_dir());
    cmd
}

#[test]
fn xapi_statements_follow_the_rules_for_every_record() {
    let data = tempfile::tempdir().expect("tmp");
    worked_data_folder(data.path());
    let out = beacon(data.path())
        .args(["export", "results", "--format", "xapi"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let statements: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    for s in &statements {
        check_statement(s);
    }
    let verbs: std::collections::BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s["verb"]["display"]["en-US"].as_str())
        .collect();
    for v in ["answered", "completed", "experienced"] {
        assert!(verbs.contains(v), "{v} in {verbs:?}");
    }
    let ids: std::collections::HashSet<&str> =
        statements.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids.len(), statements.len(), "statement ids are unique");
    let kinds: std::collections::BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s["object"]["definition"]["interactionType"].as_str())
        .collect();
    assert!(kinds.len() >= 5, "several interaction types: {kinds:?}");
    let actors: std::collections::BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s["actor"]["name"].as_str())
        .collect();
    assert_eq!(actors.into_iter().collect::<Vec<_>>(), ["Ada", "Grace"]);
    // Exporting again gives the same statement ids, so an LRS can ignore repeats.
    let again = beacon(data.path())
        .args(["export", "results", "--format", "xapi"])
        .output()
        .expect("runs");
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn csv_has_one_row_per_attempt_and_can_be_limited_to_a_profile() {
    let data = tempfile::tempdir().expect("tmp");
    worked_data_folder(data.path());
    let file = data.path().join("results.csv");
    beacon(data.path())
        .args(["export", "results", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(&file).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "profile",
            "course",
            "version",
            "scope",
            "title",
            "finished",
            "score",
            "max",
            "percent",
            "passed",
            "duration",
            "duration_seconds"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 4, "three module quizzes and a quick quiz");
    for row in &rows {
        chrono::DateTime::parse_from_rfc3339(&row[5]).expect("ISO 8601 date-time");
        let score: f64 = row[6].parse().expect("score");
        let max: f64 = row[7].parse().expect("max");
        assert!(score >= 0.0 && score <= max);
        assert!(is_duration(&row[10]), "{}", &row[10]);
    }
    let grace = beacon(data.path())
        .args(["export", "results", "--format", "csv", "--profile", "Grace"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&grace.stdout);
    assert_eq!(
        text.lines().count(),
        2,
        "a header and Grace's one attempt: {text}"
    );
    beacon(data.path())
        .args([
            "export",
            "results",
            "--format",
            "csv",
            "--profile",
            "Nobody",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no profile named"));
}

#[test]
fn print_writes_the_same_quiz_as_pdf_and_html_for_the_same_seed() {
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = dir.path().join("quiz.pdf");
    let html = dir.path().join("quiz.html");
    let letter = dir.path().join("quiz-letter.pdf");
    let print = |format: &str, out: &Path, paper: &str| {
        Command::cargo_bin("beacon")
            .expect("binary")
            .arg("--course")
            .arg(course_dir())
            .args([
                "print", "--module", "palermo", "--count", "8", "--seed", "99", "--format", format,
                "--paper", paper, "-o",
            ])
            .arg(out)
            .assert()
            .success();
    };
    print("pdf", &pdf, "a4");
    print("html", &html, "a4");
    print("pdf", &letter, "letter");
    let course = beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course;
    let quiz = beacon::quiz::classroom_quiz(&course, &["palermo".to_owned()], 8, 99);
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let page = String::from_utf8_lossy(&std::fs::read(&html).expect("html")).into_owned();
    for item in &quiz.items {
        let words: String = item
            .question
            .prompt
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&words), "the PDF has `{words}`");
        let escaped = words.replace('&', "&amp;").replace('"', "&quot;");
        assert!(page.contains(&escaped), "the HTML has `{words}`");
    }
    assert!(text.contains("Answer key"));
    assert!(text.contains("Source:"));
    assert!(text.contains("Name:"));
    let sizes = |p: &Path| {
        let info = std::process::Command::new("pdfinfo")
            .arg(p)
            .output()
            .expect("pdfinfo");
        String::from_utf8_lossy(&info.stdout)
            .lines()
            .find(|l| l.starts_with("Page size"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(sizes(&pdf).contains("595"), "A4: {}", sizes(&pdf));
    assert!(
        sizes(&letter).contains("612 x 792"),
        "Letter: {}",
        sizes(&letter)
    );
}
