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

/// Runs Learning Locker's xAPI validator (`tests/xapi`, installed by `scripts/install-deps
/// tests`) on a file of statements; fails with its report when it finds a problem.
fn validate_with_learning_locker(file: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xapi");
    assert!(
        dir.join("node_modules/@learninglocker/xapi-validation")
            .is_dir(),
        "the xAPI validator is not installed: run scripts/install-deps tests (or scripts/test)"
    );
    let out = std::process::Command::new("node")
        .arg(dir.join("validate.js"))
        .arg(file)
        .output()
        .expect("node runs (scripts/install-deps tests installs it)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Learning Locker's validator: {report}"
    );
    assert!(report.contains(", 0 problems"), "{report}");
}

fn beacon(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("beacon").expect("binary");
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--course")
        .arg(course_dir());
    cmd
}

/// Runs a command that must succeed and returns what it printed.
fn succeeds(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn xapi_statements_follow_the_rules_for_every_record() {
    let data = tempfile::tempdir().expect("tmp");
    worked_data_folder(data.path());
    let out = succeeds(beacon(data.path()).args(["export", "results", "--format", "xapi"]));
    let statements: Vec<Value> = serde_json::from_slice(&out).expect("a JSON array");
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
    // Each learner is their profile's UUID under the organisation's home page, never "p1".
    let index: Value =
        serde_json::from_slice(&std::fs::read(data.path().join("profiles.json")).expect("index"))
            .expect("json");
    let uuids: std::collections::BTreeSet<&str> = index["profiles"]
        .as_array()
        .expect("profiles")
        .iter()
        .filter_map(|p| p["uuid"].as_str())
        .collect();
    let accounts: std::collections::BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s["actor"]["account"]["name"].as_str())
        .collect();
    assert_eq!(accounts, uuids);
    assert!(
        statements
            .iter()
            .all(|s| { s["actor"]["account"]["homePage"] == "https://beacon.example.org" })
    );
    // Learning Locker's own validator, as its LRS runs it on every statement.
    let file = data.path().join("statements.json");
    std::fs::write(&file, &out).expect("write");
    validate_with_learning_locker(&file);
    // Exporting again gives the same statement ids, so an LRS can ignore repeats.
    let again = succeeds(beacon(data.path()).args(["export", "results", "--format", "xapi"]));
    assert_eq!(again, out);
}

#[test]
fn csv_has_a_row_per_attempt_then_one_per_question_and_can_be_limited_to_a_profile() {
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
    // The first twelve columns are those Beacon always wrote, in the same order; the new ones
    // follow.
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
            "duration_seconds",
        ]
        .into_iter()
        .chain([
            "record",
            "attempt_id",
            "profile_id",
            "position",
            "question",
            "outcome",
            "response"
        ])
        .collect::<Vec<_>>()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let attempts: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[12] == "attempt").collect();
    assert_eq!(attempts.len(), 4, "three module quizzes and a quick quiz");
    // A row per lesson begun: lesson, when, pages seen, and whether it counts as read.
    let lessons: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[12] == "lesson").collect();
    assert_eq!(lessons.len(), 1, "Ada read one lesson");
    let lesson = lessons[0];
    let pages: usize = lesson[6].parse().expect("pages");
    assert_eq!(
        lesson[7].parse::<usize>().expect("max"),
        pages,
        "every page seen"
    );
    chrono::DateTime::parse_from_rfc3339(&lesson[5]).expect("when the last page was reached");
    assert_eq!(
        &lesson[9], "false",
        "paged through at once: not counted as read"
    );
    // Learners are told apart by their profiles' UUIDs.
    let learners: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[14]).collect();
    assert_eq!(learners.len(), 2);
    assert!(learners.iter().all(|l| is_uuid(l)));
    for row in &attempts {
        chrono::DateTime::parse_from_rfc3339(&row[5]).expect("ISO 8601 date-time");
        let score: f64 = row[6].parse().expect("score");
        let max: f64 = row[7].parse().expect("max");
        assert!(score >= 0.0 && score <= max);
        assert!(is_duration(&row[10]), "{}", &row[10]);
        assert!(is_uuid(&row[13]), "the attempt id is its xAPI registration");
    }
    // Each attempt row is followed by one answer row per question, in the order asked.
    let course = beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course;
    let mut i = 0;
    while i < rows.len() {
        if &rows[i][12] == "lesson" {
            i += 1;
            continue;
        }
        let attempt = &rows[i];
        assert_eq!(&attempt[12], "attempt", "row {i}");
        let max: usize = attempt[7].parse().expect("max");
        let answers = &rows[i + 1..=i + max];
        let mut total = 0.0;
        for (n, row) in answers.iter().enumerate() {
            assert_eq!(&row[12], "answer");
            assert_eq!(&row[13], &attempt[13], "the same attempt id");
            assert_eq!(&row[14], &attempt[14], "the same profile id");
            assert_eq!(row[15].parse::<usize>().expect("position"), n + 1);
            assert!(
                course.question(&row[16]).is_some() || row[16].starts_with("gen:"),
                "a question of the course: {}",
                &row[16]
            );
            let score: f64 = row[6].parse().expect("score");
            total += score;
            match &row[17] {
                "right" => assert!((score - 1.0).abs() < 1e-9 && !row[18].is_empty()),
                "skipped" => assert!(score == 0.0 && row[18].is_empty() && row[5].is_empty()),
                other => panic!("outcome {other}"),
            }
        }
        assert!((total - attempt[6].parse::<f64>().expect("score")).abs() < 0.01);
        i += max + 1;
    }
    let grace = beacon(data.path())
        .args(["export", "results", "--format", "csv", "--profile", "Grace"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&grace.stdout);
    assert_eq!(
        text.lines().filter(|l| l.contains(",attempt,")).count(),
        1,
        "Grace's one attempt: {text}"
    );
    assert!(text.lines().skip(1).all(|l| l.starts_with("Grace,")));
    // A cell a spreadsheet would run as a formula is written as text.
    let rows = beacon::formats::results_csv::csv(
        &beacon::storage::folder::load_folder(&course_dir())
            .expect("course")
            .course,
        &[beacon::formats::Learner {
            id: "p1",
            uuid: "0b9f4c2e-8d4b-4a0e-9a53-2b1b8c7d6e5f",
            name: "=HYPERLINK(\"http://evil.example\",\"x\")",
            progress: &beacon::progress::Progress {
                attempts: saved(data.path()).attempts,
                ..beacon::progress::Progress::default()
            },
        }],
    )
    .expect("csv");
    assert!(rows.contains("\"'=HYPERLINK("), "{rows}");
    assert!(!rows.contains(",=HYPERLINK") && !rows.contains("\n=HYPERLINK"));
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
fn the_class_report_reads_the_same_answers_from_the_csv_and_the_xapi_export() {
    let data = tempfile::tempdir().expect("tmp");
    worked_data_folder(data.path());
    let csv_file = data.path().join("results.csv");
    let xapi_file = data.path().join("results.json");
    for (format, file) in [("csv", &csv_file), ("xapi", &xapi_file)] {
        beacon(data.path())
            .args(["export", "results", "--format", format, "-o"])
            .arg(file)
            .assert()
            .success();
    }
    let report = |files: &[&Path]| -> Value {
        let out = succeeds(beacon(data.path()).args(["stats", "--json"]).args(files));
        serde_json::from_slice(&out).expect("JSON")
    };
    let from_csv = report(&[&csv_file]);
    let from_xapi = report(&[&xapi_file]);
    let both = report(&[&csv_file, &xapi_file]);
    assert_eq!(from_csv["learners"], 2, "Ada and Grace");
    let module_quizzes = |r: &Value| -> Vec<Value> {
        r["tests"]
            .as_array()
            .expect("tests")
            .iter()
            .filter(|t| t["id"] != "mixed")
            .cloned()
            .collect()
    };
    assert_eq!(module_quizzes(&from_csv).len(), 3);
    assert_eq!(module_quizzes(&from_csv), module_quizzes(&from_xapi));
    assert_eq!(
        module_quizzes(&from_csv),
        module_quizzes(&both),
        "no answer counted twice"
    );
    // Ada answered every question of her quizzes right.
    let ada: Vec<&Value> = from_xapi["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|q| q["facility"] == 1.0)
        .collect();
    assert!(ada.len() >= 15, "{} questions", ada.len());
    // Grace skipped her quick quiz: the CSV lists its questions with 0, xAPI has no statement
    // for a skipped question, and both count her score.
    let mixed = |r: &Value| {
        r["tests"]
            .as_array()
            .expect("tests")
            .iter()
            .find(|t| t["id"] == "mixed")
            .cloned()
            .expect("mixed")
    };
    assert_eq!(mixed(&from_csv)["mean"], 0.0);
    assert_eq!(mixed(&from_xapi)["mean"], 0.0);
    assert_eq!(mixed(&from_csv)["alpha_attempts"], 1);
    assert_eq!(mixed(&from_xapi)["alpha_attempts"], 0);
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
    let quiz = beacon::quiz::classroom_quiz(&course, &["palermo".to_owned()], 8, 99, &[]);
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

#[test]
fn a_printed_quiz_keeps_each_scenario_on_one_page_names_its_modules_and_is_dated() {
    let dir = tempfile::tempdir().expect("tmp");
    let course = beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course;
    let modules: Vec<String> = course
        .modules
        .iter()
        .map(|m| m.id.clone())
        .take(4)
        .collect();
    let mut checked = 0;
    for seed in 1..=6u64 {
        let pdf = dir.path().join(format!("quiz-{seed}.pdf"));
        let mut cmd = Command::cargo_bin("beacon").expect("binary");
        cmd.arg("--course").arg(course_dir()).arg("print");
        for m in &modules {
            cmd.args(["--module", m]);
        }
        cmd.args([
            "--count",
            "24",
            "--seed",
            &seed.to_string(),
            "--format",
            "pdf",
            "-o",
        ])
        .arg(&pdf)
        .assert()
        .success();
        let out = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&out.stdout);
        let pages: Vec<String> = text
            .split('\u{c}')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let first_words = |t: &str| t.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
        for m in &course.modules[..4] {
            assert!(pages[0].contains(&m.title), "the title names {}", m.title);
        }
        let quiz = beacon::quiz::classroom_quiz(&course, &modules, 24, seed, &[]);
        for item in &quiz.items {
            if let beacon::content::Body::Scenario { case, parts } = &item.question.body {
                let start = first_words(case);
                let end = first_words(&parts.last().expect("a part").prompt);
                let page = pages
                    .iter()
                    .position(|p| p.contains(&start))
                    .expect("the case is printed");
                assert!(
                    pages[page].contains(&end),
                    "seed {seed}: the scenario {} runs over a page",
                    item.question.id
                );
                checked += 1;
            }
        }
        if seed == 1 {
            let info = std::process::Command::new("pdfinfo")
                .arg(&pdf)
                .output()
                .expect("pdfinfo");
            let info = String::from_utf8_lossy(&info.stdout);
            let created = info
                .lines()
                .find(|l| l.starts_with("CreationDate:"))
                .expect("a creation date");
            assert!(!created.contains("1970"), "a real date: {created}");
            let year = chrono::Utc::now().format("%Y").to_string();
            assert!(created.contains(&year), "{created}");
            assert!(pages[0].contains("made "), "the date is printed too");
        }
    }
    assert!(checked >= 3, "scenarios were printed ({checked})");
}
