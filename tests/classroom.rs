//! Classrooms and volunteer onboarding: profiles with PINs, the final assessment, certificates,
//! presenter mode, printable quizzes and results export.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use beacon::ui::Screen;
use common::*;
use egui_kittest::kittest::NodeT as _;
use egui_kittest::kittest::Queryable as _;

fn type_in(
    harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>,
    label: &str,
    text: &str,
) {
    let node = harness.get_by_label(label);
    node.focus();
    node.type_text(text);
    harness.run();
}

#[test]
fn two_profiles_keep_their_own_progress_and_a_pin_protects_one() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    let course = harness.state().course().clone();
    let first = &course.modules[0].title;
    click(&mut harness, &format!("Take the quiz: {first}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");

    // A second learner on the same computer.
    click(&mut harness, "Profiles");
    assert!(shown(&harness, "Who is learning?"));
    type_in(&mut harness, "Name of the new profile", "Grace");
    click(&mut harness, "Create profile");
    assert!(
        shown(&harness, "Before you start"),
        "a new profile starts with the welcome"
    );
    click(&mut harness, "Start learning");
    assert!(shown(&harness, "Welcome back, Grace."));
    assert!(!shown(&harness, "best score"), "Grace has no scores yet");
    let second = &course.modules[1].title;
    click(&mut harness, &format!("Take the quiz: {second}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");

    // Grace protects her profile with a PIN.
    click(&mut harness, "Profiles");
    click(&mut harness, "Set a PIN for Grace");
    type_in(&mut harness, "New 4-digit PIN for Grace", "2468");
    click(&mut harness, "Save PIN");
    assert!(shown(&harness, "PIN set."));

    // Switching shows each one's own progress.
    click(&mut harness, "Ada");
    click(&mut harness, "Open Ada");
    assert!(shown(&harness, "Welcome back, Ada."));
    assert_eq!(harness.state().progress().attempts.len(), 1);
    assert_eq!(
        harness.state().progress().attempts[0]
            .info
            .module
            .as_deref(),
        Some(course.modules[0].id.as_str())
    );
    harness.state().flush();
    drop(harness);

    // At the next start the picker shows, with the last profile (Ada) preselected.
    let mut harness = app(data.path());
    assert!(shown(&harness, "Who is learning?"));
    assert!(
        matches!(harness.state().screen(), Screen::Profiles(s) if s.selected.as_deref() == harness.state().profiles().profiles().iter().find(|p| p.name == "Ada").map(|p| p.id.as_str()))
    );
    click(&mut harness, "Grace");
    assert!(
        shown(&harness, "PIN for Grace"),
        "a protected profile asks for its PIN"
    );
    type_in(&mut harness, "PIN for Grace", "1111");
    click(&mut harness, "Open Grace");
    assert!(shown(&harness, "That PIN is not right"));
    assert!(harness.state().profile().is_none());
    type_in(&mut harness, "PIN for Grace", "2468");
    click(&mut harness, "Open Grace");
    assert!(shown(&harness, "Welcome back, Grace."));
    assert_eq!(harness.state().progress().attempts.len(), 1);
    assert_eq!(
        harness.state().progress().attempts[0]
            .info
            .module
            .as_deref(),
        Some(course.modules[1].id.as_str())
    );
    let index = std::fs::read_to_string(data.path().join("profiles.json")).expect("index");
    assert!(!index.contains("2468"), "the PIN is stored only as a hash");
}

#[test]
fn a_deleted_profile_is_asked_about_and_kept() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Profiles");
    type_in(&mut harness, "Name of the new profile", "Visitor");
    click(&mut harness, "Create profile");
    click(&mut harness, "Start learning");
    click(&mut harness, "Profiles");
    click(&mut harness, "Delete Visitor");
    assert!(shown(&harness, "Delete Visitor's profile?"));
    click(&mut harness, "Delete profile");
    assert!(shown(&harness, "kept for 30 days"));
    let names: Vec<String> = harness
        .state()
        .profiles()
        .profiles()
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(names, ["Ada"]);
    let kept = std::fs::read_dir(data.path().join("deleted"))
        .expect("deleted folder")
        .count();
    assert_eq!(kept, 1);
}

/// Reads every required lesson to its last page, as a learner would.
fn read_required_lessons(harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>) {
    let course = harness.state().course().clone();
    for id in beacon::progress::assessment::modules(&course) {
        let module = course.module(&id).expect("module");
        click(harness, &format!("Start lesson: {}", module.title));
        while harness.query_by_label("Next page").is_some() {
            click(harness, "Next page");
        }
        click(harness, "Back to the course map");
    }
}

/// The text of a PDF, through poppler's pdftotext.
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn exports(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(data.join("exports"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn the_final_assessment_passes_with_a_certificate_and_fails_with_what_to_revise() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada Lovelace");
    assert!(shown(&harness, "Final assessment"));
    assert!(
        shown(&harness, "Read these lessons first"),
        "lessons come first"
    );
    click(&mut harness, "Start the final assessment");
    assert!(
        !matches!(harness.state().screen(), Screen::Quiz(_)),
        "the button is disabled"
    );
    read_required_lessons(&mut harness);
    assert!(!shown(&harness, "Read these lessons first"));

    // A pass.
    click(&mut harness, "Start the final assessment");
    let total = match harness.state().screen() {
        Screen::Quiz(q) => q.attempt.len(),
        _ => panic!("the assessment started"),
    };
    assert_eq!(total, harness.state().course().info.assessment.questions);
    assert!(shown(&harness, "Time left 30:00"), "a visible timer");
    take_quiz_right(&mut harness);
    assert!(shown(&harness, "Passed: the pass mark is 80%"));
    click(&mut harness, "Certificate A4: Save in the data folder");
    let files = exports(data.path());
    let [pdf] = files.as_slice() else {
        panic!("one certificate saved: {files:?}")
    };
    let text = pdf_text(pdf);
    let course = harness.state().course().clone();
    let record = harness
        .state()
        .progress()
        .attempts
        .last()
        .expect("attempt")
        .clone();
    assert_eq!(record.passed, Some(true));
    let cert = harness.state().certificate(&record);
    for field in [
        "Certificate of completion",
        "Ada Lovelace",
        course.info.title.as_str(),
        "version 1.0.0",
        "100%",
        "28 November 2026",
    ] {
        assert!(
            text.contains(field),
            "the certificate shows {field}: {text}"
        );
    }
    let key = std::fs::read(data.path().join("certificate.key")).expect("key");
    let code = cert.code(&key);
    assert!(
        text.contains(&code),
        "the certificate shows its code {code}"
    );

    // A fail: everything skipped.
    click(&mut harness, "Back to the course map");
    click(&mut harness, "Start the final assessment");
    while let Screen::Quiz(_) = harness.state().screen() {
        click(&mut harness, "Skip");
    }
    assert!(shown(&harness, "Not passed yet: the pass mark is 80%"));
    assert!(shown(&harness, "Revise these lesson pages"));
    assert_eq!(
        harness
            .state()
            .progress()
            .attempts
            .last()
            .and_then(|a| a.passed),
        Some(false)
    );
    let open = harness
        .query_all_by_label_contains("Open ")
        .next()
        .and_then(|n| n.accesskit_node().label())
        .expect("a page to revise");
    click(&mut harness, &open);
    assert!(matches!(harness.state().screen(), Screen::Lesson(_)));
    harness.state().flush();
    drop(harness);

    // The code verifies from the command line, and a changed detail does not.
    let verify = |score: &str| {
        assert_cmd::Command::cargo_bin("beacon")
            .expect("binary")
            .arg("--data-dir")
            .arg(data.path())
            .args([
                "verify",
                &code,
                "--name",
                "Ada Lovelace",
                "--date",
                "2026-11-28",
                "--score",
                score,
            ])
            .assert()
    };
    verify("100")
        .success()
        .stdout(predicates::str::contains("valid"));
    verify("99")
        .code(1)
        .stdout(predicates::str::contains("not valid"));
}

#[test]
fn a_timed_assessment_hands_itself_in_when_time_runs_out() {
    let data = tempfile::tempdir().expect("tmp");
    let clock = common::FixedClock::new(start());
    let options = beacon::app::Options {
        clock: std::sync::Arc::new(clock.clone()),
        ..common::options(data.path(), &course_dir())
    };
    let mut harness = app_with(options);
    welcome(&mut harness, "Ada");
    read_required_lessons(&mut harness);
    click(&mut harness, "Start the final assessment");
    let item = current_item(&harness);
    let mut nth = std::collections::HashMap::new();
    answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
    click(&mut harness, "Check");
    clock.advance(chrono::Duration::minutes(29));
    harness.run();
    assert!(shown(&harness, "Time left 1:00"));
    clock.advance(chrono::Duration::minutes(1));
    harness.run();
    assert!(shown(&harness, "Time is up"));
    assert!(shown(&harness, "Your result"));
    let last = harness
        .state()
        .progress()
        .attempts
        .last()
        .expect("recorded")
        .clone();
    assert!(last.info.assessment);
    assert_eq!(last.passed, Some(false));
    assert!(
        (last.score - 1.0).abs() < 1e-9,
        "the answer given before time ran out counts"
    );
}

#[test]
fn presenter_mode_reveals_with_a_key_and_records_nothing() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Teacher");
    click(&mut harness, "Classroom");
    let seed_field = harness.get_by_label("Quiz number");
    seed_field.focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label("Quiz number").type_text("42");
    harness.run();
    click(&mut harness, "Start presenting");
    let course = harness.state().course().clone();
    let quiz = beacon::quiz::classroom_quiz(&course, &[], 10, 42);
    assert!(shown(&harness, "Question 1 of 10"));
    assert!(
        shown(&harness, &quiz.items[0].question.prompt),
        "the same quiz as printed with seed 42"
    );
    assert!(!shown(&harness, "Answer: "));
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(
        shown(&harness, "Answer: "),
        "the clicker's next key reveals the answer"
    );
    harness.key_press(egui::Key::PageDown);
    harness.run();
    assert!(shown(&harness, "Question 2 of 10"));
    assert!(shown(&harness, &quiz.items[1].question.prompt));
    harness.key_press(egui::Key::PageUp);
    harness.run();
    assert!(shown(&harness, "Question 1 of 10"));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        shown(&harness, "Present on a projector"),
        "back to the classroom tools"
    );
    assert!(
        harness.state().progress().answers.is_empty(),
        "nothing is recorded"
    );
    assert!(harness.state().progress().attempts.is_empty());
}

#[test]
fn the_printed_quiz_is_the_presented_one_and_exports_make_files() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    let course = harness.state().course().clone();
    click(
        &mut harness,
        &format!("Take the quiz: {}", course.modules[0].title),
    );
    take_quiz_right(&mut harness);
    click(&mut harness, "Classroom");
    harness.get_by_label("Quiz number").focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label("Quiz number").type_text("7");
    harness.run();
    click(&mut harness, "Save the quiz as PDF in the data folder");
    click(&mut harness, "Save the quiz as HTML in the data folder");
    click(&mut harness, "Save the results as CSV in the data folder");
    click(&mut harness, "Save the results as xAPI in the data folder");
    let files = exports(data.path());
    assert_eq!(files.len(), 4, "{files:?}");
    let quiz = beacon::quiz::classroom_quiz(&course, &[], 10, 7);
    let pdf = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .expect("pdf");
    let text = pdf_text(pdf);
    let first_words: String = quiz.items[0]
        .question
        .prompt
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(&first_words),
        "the printed quiz starts with the seed's first question"
    );
    assert!(text.contains("Answer key"));
    let html = std::fs::read_to_string(
        files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == "html"))
            .expect("html"),
    )
    .expect("read");
    assert!(html.contains("<section class=\"key\">"));
    let csv_path = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "csv"))
        .expect("csv");
    let mut reader = csv::Reader::from_path(csv_path).expect("csv");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Ada");
    assert_eq!(&rows[0][3], course.modules[0].id.as_str());
    let json = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with(".xapi.json"))
        .expect("xapi");
    let statements: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(json).expect("read")).expect("json");
    assert!(statements.len() >= 11, "10 answers and a completed attempt");
}
