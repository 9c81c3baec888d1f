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
    assert!(shown(&harness, "Welcome, Grace."));
    assert!(!shown(&harness, "best score"), "Grace has no scores yet");
    let second = &course.modules[1].title;
    click(&mut harness, &format!("Take the quiz: {second}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");

    // Grace protects her profile with a PIN.
    click(&mut harness, "Profiles");
    click(&mut harness, "Set a PIN for Grace");
    type_in(&mut harness, "New 4-digit PIN for Grace", "2468");
    type_in(&mut harness, "Type the new PIN again", "2486");
    click(&mut harness, "Save PIN");
    assert!(
        shown(&harness, "The two PINs are not the same"),
        "setting a PIN asks for it twice"
    );
    type_in(&mut harness, "Type the new PIN again", "2468");
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

/// Reads every required lesson as a learner would: each page for two minutes, and every
/// "check yourself" question answered.
fn read_required_lessons(
    harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>,
    clock: &FixedClock,
) {
    let course = harness.state().course().clone();
    for id in beacon::progress::assessment::modules(&course) {
        let module = course.module(&id).expect("module");
        click(harness, &format!("Start lesson: {}", module.title));
        loop {
            answer_checks(harness);
            clock.advance(chrono::Duration::minutes(2));
            if harness.query_by_label("Next page").is_none() {
                break;
            }
            click(harness, "Next page");
        }
        click(harness, "Back to the course map");
    }
}

/// Answers the "check yourself" questions of the lesson page showing (right, as the core
/// grades it), through the same action the lesson's Check button sends.
fn answer_checks(harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>) {
    let checks: Vec<(String, String, beacon::quiz::Response)> = match harness.state().screen() {
        Screen::Lesson(l) => match l.lesson.pages.get(l.page) {
            Some(beacon::lesson::Page::Section { checks, .. }) => checks
                .iter()
                .filter_map(|id| l.checks.get(id))
                .map(|c| {
                    (
                        c.item.question.id.clone(),
                        l.module.clone(),
                        beacon::quiz::right_response(&c.item.question.body),
                    )
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    for (question, module, response) in checks {
        harness
            .state_mut()
            .apply(beacon::ui::Action::CheckAnswered {
                question,
                module,
                response,
                seconds: 10.0,
            });
        harness.run();
    }
}

/// Answers every question of the running assessment right: no verdict shows until the end.
fn take_assessment_right(harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>) {
    while let Screen::Quiz(_) = harness.state().screen() {
        let item = current_item(harness);
        let mut nth = std::collections::HashMap::new();
        answer_right(harness, &item.question.body, &item.order, &mut nth);
        click(harness, "Save answer");
        assert!(shown(harness, "Answer saved"));
        assert!(
            !shown(harness, "\u{2714} Right") && !shown(harness, &item.question.explanation),
            "no right or wrong and no explanation before handing in"
        );
        for mark in [
            "your answer",
            "right answer",
            "\u{2714} matched",
            "should be",
            ": in place",
            ": out of place",
        ] {
            assert!(
                !shown(harness, mark),
                "no choice is marked right or wrong before handing in: {mark:?} is shown"
            );
        }
        if harness.query_by_label("Hand in my answers").is_some() {
            click(harness, "Hand in my answers");
        } else {
            click(harness, "Next question");
        }
    }
}

/// The app on `data` with a clock the test moves.
fn app_with_clock(
    data: &std::path::Path,
) -> (
    egui_kittest::Harness<'static, beacon::app::BeaconApp>,
    FixedClock,
) {
    let clock = FixedClock::new(start());
    let options = beacon::app::Options {
        clock: std::sync::Arc::new(clock.clone()),
        ..common::options(data, &course_dir())
    };
    (app_with(options), clock)
}

/// Opens the instructions and starts the assessment.
fn start_assessment(harness: &mut egui_kittest::Harness<'static, beacon::app::BeaconApp>) {
    click(harness, "Start the final assessment\u{2026}");
    assert!(
        shown(harness, "Before you start"),
        "instructions come first"
    );
    click(harness, "Start the assessment");
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

/// The information of a PDF, through poppler's pdfinfo.
fn pdf_info(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_final_assessment_passes_with_a_certificate_and_fails_with_what_to_revise() {
    let data = tempfile::tempdir().expect("tmp");
    let (mut harness, clock) = app_with_clock(data.path());
    welcome(&mut harness, "Ben (class 7B)");
    assert!(shown(&harness, "Final assessment"));
    assert!(
        shown(&harness, "Read these lessons first"),
        "lessons come first"
    );
    click(&mut harness, "Start the final assessment\u{2026}");
    assert!(
        !matches!(
            harness.state().screen(),
            Screen::Quiz(_) | Screen::AssessmentIntro
        ),
        "the button is disabled"
    );
    read_required_lessons(&mut harness, &clock);
    assert!(!shown(&harness, "Read these lessons first"));

    // The instructions, then a pass with no verdict until it is handed in.
    click(&mut harness, "Start the final assessment\u{2026}");
    for line in [
        "20 questions",
        "30 minutes",
        "The pass mark is 80%",
        "1 of your 3 attempts left",
        "until you hand in",
    ] {
        assert!(shown(&harness, line), "the instructions say {line}");
    }
    assert!(
        !matches!(harness.state().screen(), Screen::Quiz(_)),
        "nothing starts before the confirm"
    );
    click(&mut harness, "Start the assessment");
    let total = match harness.state().screen() {
        Screen::Quiz(q) => q.attempt.len(),
        _ => panic!("the assessment started"),
    };
    assert_eq!(total, harness.state().course().info.assessment.questions);
    assert!(shown(&harness, "Time left 30:00"), "a visible timer");
    take_assessment_right(&mut harness);
    assert!(shown(&harness, "Passed: the pass mark is 80%"));
    assert!(shown(&harness, "Right answer") || shown(&harness, "\u{2714} 1. Right"));

    // No certificate for a profile label: the name is asked for.
    click(&mut harness, "Certificate A4: Save in the data folder");
    assert!(shown(&harness, "Your name on the certificate"));
    type_in(&mut harness, "Full name", "Ben (class 7B)");
    click(&mut harness, "Make the certificate");
    assert!(shown(&harness, "without a class, group or number"));
    assert!(exports(data.path()).is_empty(), "no certificate yet");
    let field = harness.get_by_label("Full name");
    field.focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label("Full name").type_text("Ben Okafor");
    harness.run();
    click(&mut harness, "Make the certificate");
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
    let cert = harness.state().certificate(&record, "Ben Okafor");
    for field in [
        "Certificate of completion",
        "Ben Okafor",
        course.info.organisation.name.as_str(),
        course.info.title.as_str(),
        "version 1.0.0",
        "9 modules, about",
        "hours of study",
        "100%",
        "28 November 2026",
        "To check this certificate",
    ] {
        assert!(
            text.contains(field),
            "the certificate shows {field}: {text}"
        );
    }
    assert!(!text.contains("class 7B"), "never the profile label");
    assert!(
        !text.contains("beacon verify") && !text.contains("--name"),
        "no command line on a certificate: {text}"
    );
    let info = pdf_info(pdf);
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("page size");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(numbers[0] > numbers[1], "landscape: {size}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains("2026")),
        "a real creation date: {info}"
    );
    let key = std::fs::read(data.path().join("certificate.key")).expect("key");
    let code = cert.code(&key);
    assert!(
        text.contains(&code),
        "the certificate shows its code {code}"
    );

    // A cool-down, then a fail: everything skipped.
    click(&mut harness, "Back to the course map");
    assert!(shown(&harness, "You can take the assessment again from"));
    clock.advance(chrono::Duration::hours(25));
    harness.run();
    start_assessment(&mut harness);
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
                "Ben Okafor",
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
fn paging_through_quickly_does_not_count_as_reading() {
    let data = tempfile::tempdir().expect("tmp");
    let (mut harness, clock) = app_with_clock(data.path());
    welcome(&mut harness, "Ada");
    let course = harness.state().course().clone();
    let module = &course.modules[0];
    let open = beacon::ui::Action::OpenLesson {
        module: module.id.clone(),
        page: Some(0),
    };
    harness.state_mut().apply(open.clone());
    harness.run();
    let pages = match harness.state().screen() {
        Screen::Lesson(l) => l.lesson.pages.len(),
        _ => panic!("the lesson opened"),
    };
    // Clicking "Next page" as fast as it turns: every page for well under a second.
    for _ in 1..pages {
        clock.advance(chrono::Duration::milliseconds(600));
        click(&mut harness, "Next page");
    }
    let lesson = harness.state().progress().lessons[&module.id].clone();
    assert!(lesson.finished, "the last page was reached");
    assert!(lesson.read_at.is_none(), "but nothing was read");
    click(&mut harness, "Back to the course map");
    assert!(shown(&harness, "Read these lessons first"));
    assert!(shown(&harness, "shown long enough to read it"));
    let too_quick = "paged through too quickly to count for the final assessment";
    assert!(
        shown(&harness, too_quick),
        "the module's card does not call the lesson read while the assessment does not"
    );
    // Read properly: each page long enough, and its checks answered.
    harness.state_mut().apply(open);
    harness.run();
    loop {
        answer_checks(&mut harness);
        clock.advance(chrono::Duration::minutes(2));
        if harness.query_by_label("Next page").is_none() {
            break;
        }
        click(&mut harness, "Next page");
    }
    click(&mut harness, "Back to the course map");
    assert!(!shown(&harness, too_quick), "read now, as the card says");
    harness.state().flush();
    assert!(
        saved(data.path()).lessons[&module.id].read_at.is_some(),
        "read, and saved"
    );
}

#[test]
fn a_left_assessment_stays_open_and_is_graded_when_its_time_runs_out() {
    let data = tempfile::tempdir().expect("tmp");
    let (mut harness, clock) = app_with_clock(data.path());
    welcome(&mut harness, "Ada");
    read_required_lessons(&mut harness, &clock);
    start_assessment(&mut harness);
    let item = current_item(&harness);
    let mut nth = std::collections::HashMap::new();
    answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
    click(&mut harness, "Save answer");
    assert!(
        !shown(&harness, "Leave quiz"),
        "the assessment is not called a quiz"
    );
    click(&mut harness, "Leave the assessment");
    assert!(shown(&harness, "the assessment stays open"));
    click_nth(&mut harness, "Leave the assessment", 1);
    assert!(matches!(harness.state().screen(), Screen::Home));
    // Another quiz does not replace it.
    click(&mut harness, "Quick quiz");
    assert!(shown(&harness, "Your final assessment is still open"));
    assert!(!matches!(harness.state().screen(), Screen::Quiz(_)));
    assert!(
        harness
            .state()
            .progress()
            .unfinished
            .as_ref()
            .is_some_and(|u| u.info.assessment)
    );
    assert!(shown(&harness, "Resume the final assessment"));
    harness.state().flush();
    drop(harness);

    // Beacon closed; the time runs out; at the next start it is graded as it stood.
    clock.advance(chrono::Duration::minutes(31));
    let options = beacon::app::Options {
        clock: std::sync::Arc::new(clock.clone()),
        ..common::options(data.path(), &course_dir())
    };
    let harness = app_with(options);
    assert!(shown(&harness, "ran out while you were away"));
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
        "the answer given before leaving counts"
    );
    assert!(harness.state().progress().unfinished.is_none());
}

#[test]
fn a_timed_assessment_hands_itself_in_when_time_runs_out() {
    let data = tempfile::tempdir().expect("tmp");
    let (mut harness, clock) = app_with_clock(data.path());
    welcome(&mut harness, "Ada");
    read_required_lessons(&mut harness, &clock);
    start_assessment(&mut harness);
    let item = current_item(&harness);
    let mut nth = std::collections::HashMap::new();
    answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
    click(&mut harness, "Save answer");
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
    let quiz = beacon::quiz::classroom_quiz(&course, &[], 10, 42, &[]);
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
    let quiz = beacon::quiz::classroom_quiz(&course, &[], 10, 7, &[]);
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
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("row"))
        .filter(|r| &r[12] == "attempt")
        .collect();
    assert_eq!(
        rows.len(),
        1,
        "one attempt (its answers on rows of their own)"
    );
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

#[test]
fn pins_guard_every_change_and_cards_do_not_move_under_the_pointer() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Profiles");
    type_in(&mut harness, "Name of the new profile", "Grace");
    click(&mut harness, "Create profile");
    click(&mut harness, "Start learning");
    click(&mut harness, "Profiles");
    click(&mut harness, "Set a PIN for Grace");
    type_in(&mut harness, "New 4-digit PIN for Grace", "2468");
    type_in(&mut harness, "Type the new PIN again", "2468");
    click(&mut harness, "Save PIN");
    assert!(shown(&harness, "PIN set."));

    // Selecting another card moves no button.
    let before = harness.get_by_label("Delete Grace").rect();
    click(&mut harness, "Ada");
    assert_eq!(harness.get_by_label("Delete Grace").rect(), before);
    click(&mut harness, "Grace");
    assert_eq!(harness.get_by_label("Delete Grace").rect(), before);

    // Renaming, changing, removing and deleting all ask for the PIN.
    click(&mut harness, "Rename Grace");
    type_in(
        &mut harness,
        "Current PIN of Grace, or the teacher PIN",
        "1111",
    );
    click(&mut harness, "Save name");
    assert!(shown(&harness, "That PIN is not right"));
    click(&mut harness, "Remove the PIN of Grace");
    click(&mut harness, "Remove the PIN");
    assert!(shown(&harness, "That PIN is not right"));
    assert!(
        harness
            .state()
            .profiles()
            .profiles()
            .iter()
            .any(|p| p.name == "Grace" && p.has_pin()),
        "still protected"
    );
    click(&mut harness, "Delete Grace");
    click(&mut harness, "Delete profile");
    assert!(shown(&harness, "That PIN is not right"));
    assert_eq!(harness.state().profiles().profiles().len(), 2);

    // A teacher PIN, set twice alike in Settings, opens them.
    click(&mut harness, "Settings");
    type_in(&mut harness, "New 4-digit teacher PIN", "9090");
    type_in(&mut harness, "Type the new teacher PIN again", "9090");
    click(&mut harness, "Save teacher PIN");
    assert!(shown(&harness, "Teacher PIN saved"));
    click(&mut harness, "Profiles");
    click(&mut harness, "Rename Grace");
    harness.get_by_label("New name for Grace").focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness
        .get_by_label("New name for Grace")
        .type_text("Grace H.");
    harness.run();
    type_in(
        &mut harness,
        "Current PIN of Grace, or the teacher PIN",
        "9090",
    );
    click(&mut harness, "Save name");
    assert!(shown(&harness, "Renamed."));

    // Enter in the PIN field opens the profile.
    type_in(&mut harness, "PIN for Grace H.", "2468");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let grace = harness
        .state()
        .profiles()
        .profiles()
        .iter()
        .find(|p| p.name == "Grace H.")
        .map(|p| p.id.clone());
    assert!(grace.is_some(), "renamed");
    assert_eq!(
        harness.state().profile(),
        grace.as_deref(),
        "Enter opened it"
    );

    // Every profile's results need the teacher PIN.
    click(&mut harness, "Classroom");
    click(&mut harness, "Every profile on this computer");
    click(&mut harness, "Save the results as CSV in the data folder");
    assert!(shown(&harness, "need the teacher PIN"));
    assert!(exports(data.path()).is_empty());
    type_in(
        &mut harness,
        "Teacher PIN (needed for every profile)",
        "9090",
    );
    click(&mut harness, "Save the results as CSV in the data folder");
    assert_eq!(exports(data.path()).len(), 1);
}

/// A desktop with neither file dialogs nor a file manager.
struct NoDesktop;

impl beacon::app::dialogs::Desktop for NoDesktop {
    fn choose(
        &self,
        _: &beacon::app::dialogs::Purpose,
    ) -> Result<Option<std::path::PathBuf>, String> {
        Err("no dialog program".into())
    }

    fn open_folder(&self, _: &str) -> Result<(), String> {
        Err("no file manager".into())
    }
}

#[test]
fn without_dialogs_or_a_file_manager_beacon_says_where_things_are() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    harness
        .state_mut()
        .set_desktop(std::sync::Arc::new(NoDesktop));
    welcome(&mut harness, "Ada");
    click(&mut harness, "Classroom");
    // The PDF is written off the UI thread, so the screen may keep changing while it works:
    // step until the notice comes, however long the machine takes.
    harness
        .get_by_label("Save the quiz as PDF as")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("Save the quiz as PDF as").click();
    for _ in 0..500 {
        harness.run_steps(2);
        if shown(&harness, "could not show a save dialog") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(shown(&harness, "could not show a save dialog"));
    let files = exports(data.path());
    assert_eq!(files.len(), 1, "saved in the data folder instead");
    let place = files[0].display().to_string();
    assert!(shown(&harness, &place), "the path is shown");
    assert!(harness.query_by_label(&format!("Copy {place}")).is_some());
    click(&mut harness, "Dismiss");
    click(&mut harness, "Settings");
    click(&mut harness, "Open data folder");
    assert!(shown(&harness, "could not show the data folder"));
    let folder = harness.state().data_location();
    assert!(
        harness
            .query_all_by_label(&format!("Copy {folder}"))
            .count()
            >= 2,
        "the notice offers the path to copy too"
    );
}

#[test]
fn classroom_choices_survive_presenter_mode_and_come_back_for_the_profile() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Teacher");
    let course = harness.state().course().clone();
    click(&mut harness, "Classroom");
    click(&mut harness, &course.modules[2].title);
    let field = harness.get_by_label("Quiz number");
    field.focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.get_by_label("Quiz number").type_text("77");
    harness.run();
    let modules = vec![course.modules[2].id.clone()];
    let quiz = beacon::quiz::classroom_quiz(&course, &modules, 10, 77, &[]);
    // The preview lists the questions, and one can be swapped.
    click_containing(&mut harness, "Preview the");
    assert!(shown(
        &harness,
        &format!("1. {}", quiz.items[0].question.prompt)
    ));
    click(&mut harness, "Swap question 1");
    assert!(!shown(
        &harness,
        &format!("1. {}", quiz.items[0].question.prompt)
    ));
    let swapped = vec![quiz.items[0].question.id.clone()];
    let now_quiz = beacon::quiz::classroom_quiz(&course, &modules, 10, 77, &swapped);
    click(&mut harness, "Start presenting");
    assert!(shown(&harness, &now_quiz.items[0].question.prompt));
    harness.key_press(egui::Key::Escape);
    harness.run();
    click(&mut harness, "Home");
    click(&mut harness, "Classroom");
    let choice = match harness.state().screen() {
        Screen::Classroom(c) => c.choice.clone(),
        _ => panic!("classroom"),
    };
    assert_eq!(choice.modules, modules);
    assert_eq!(choice.seed, 77);
    assert_eq!(choice.swapped, swapped);
    harness.state().flush();
    assert_eq!(
        saved(data.path()).classroom,
        Some(choice),
        "kept for the profile"
    );
}

/// WCAG contrast ratio of two colours.
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let lum = |c: egui::Color32| {
        let ch = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn presenter_text_is_large_and_high_contrast_and_the_answer_comes_into_view() {
    let data = tempfile::tempdir().expect("tmp");
    let (mut harness, clock) = app_with_clock(data.path());
    welcome(&mut harness, "Teacher");
    harness.set_size(egui::vec2(1920.0, 1080.0));
    harness.run();
    let course = harness.state().course().clone();
    // A quiz whose first question is a scenario, with a 30-second countdown.
    let (seed, quiz) = (1..500u64)
        .map(|s| (s, beacon::quiz::classroom_quiz(&course, &[], 10, s, &[])))
        .find(|(_, q)| {
            matches!(
                q.items[0].question.body,
                beacon::content::Body::Scenario { .. }
            )
        })
        .expect("a quiz opening on a scenario");
    let choice = beacon::progress::ClassroomChoice {
        seed,
        seconds_per_question: 30,
        ..beacon::progress::ClassroomChoice::default()
    };
    harness
        .state_mut()
        .apply(beacon::ui::Action::StartPresenting(choice));
    harness.run();
    assert!(shown(&harness, "0:30 left"));
    let background = egui::Color32::from_rgb(0x0b, 0x0d, 0x10);
    let mut body_sizes = Vec::new();
    for clipped in &harness.output().shapes {
        if let egui::Shape::Text(t) = &clipped.shape {
            let text = t.galley.text();
            for section in &t.galley.job.sections {
                let color = t.override_text_color.unwrap_or(
                    if section.format.color == egui::Color32::PLACEHOLDER {
                        t.fallback_color
                    } else {
                        section.format.color
                    },
                );
                assert!(
                    contrast(color, background) >= 7.0,
                    "{text:?} in {color:?} has contrast {}",
                    contrast(color, background)
                );
                body_sizes.push((text.to_owned(), section.format.font_id.size));
            }
        }
    }
    let beacon::content::Body::Scenario { case, .. } = &quiz.items[0].question.body else {
        unreachable!()
    };
    let case_size = body_sizes
        .iter()
        .find(|(t, _)| t == case)
        .map(|(_, s)| *s)
        .expect("the case is drawn");
    assert!(case_size >= 40.0, "case text at {case_size} px");
    assert!(
        body_sizes.iter().any(|(t, _)| t.starts_with("A. ")),
        "letters on choices and items"
    );
    // The clicker reveals; the answer is brought into view without scrolling.
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.run();
    let answer = harness.get_by_label_contains("Answer: ").rect();
    assert!(
        answer.min.y >= 0.0 && answer.max.y <= 1080.0,
        "the answer is on screen: {answer:?}"
    );
    // The countdown runs out and reveals by itself on the next question.
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(shown(&harness, "Question 2 of 10"));
    clock.advance(chrono::Duration::seconds(31));
    harness.run();
    harness.run();
    assert!(shown(&harness, "Time is up"));
    assert!(shown(&harness, "Answer: "));
}

/// A learner's files as an LMS keeps them: in memory for the session, only the progress kept
/// after it (see `src/web/scorm.rs`).
#[derive(Debug)]
struct InsideAnLms(beacon_core::storage::MemoryStorage);

impl beacon_core::storage::Storage for InsideAnLms {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, beacon_core::storage::StorageError> {
        self.0.read(name)
    }
    fn write(
        &self,
        name: &str,
        bytes: &[u8],
        backup: Option<&str>,
    ) -> Result<(), beacon_core::storage::StorageError> {
        self.0.write(name, bytes, backup)
    }
    fn rename(&self, from: &str, to: &str) -> Result<(), beacon_core::storage::StorageError> {
        self.0.rename(from, to)
    }
    fn remove(&self, name: &str) -> Result<(), beacon_core::storage::StorageError> {
        self.0.remove(name)
    }
    fn list(
        &self,
        folder: &str,
    ) -> Result<Vec<beacon_core::storage::Listed>, beacon_core::storage::StorageError> {
        self.0.list(folder)
    }
    fn locate(&self, name: &str) -> String {
        format!("{name} in the LMS")
    }
    fn read_only_reason(&self) -> Option<String> {
        None
    }
    fn forgets_after_session(&self) -> bool {
        true
    }
}

#[test]
fn a_certificate_made_inside_an_lms_points_to_the_lms_record_not_to_a_code() {
    let data = tempfile::tempdir().expect("tmp");
    let clock = FixedClock::new(start());
    let options = beacon::app::Options {
        clock: std::sync::Arc::new(clock.clone()),
        ..common::options(data.path(), &course_dir())
    };
    let storage = std::sync::Arc::new(InsideAnLms(beacon_core::storage::MemoryStorage::default()));
    let lms: std::sync::Arc<dyn beacon_core::storage::Storage> = storage.clone();
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1024.0, 768.0])
        .build_eframe(move |_cc| beacon::app::BeaconApp::with_storage(&options, lms));
    harness.run();
    welcome(&mut harness, "Ben Okafor");
    read_required_lessons(&mut harness, &clock);
    start_assessment(&mut harness);
    take_assessment_right(&mut harness);
    assert!(shown(&harness, "Passed: the pass mark is 80%"));
    click(&mut harness, "Certificate A4: Save in the data folder");
    if shown(&harness, "Your name on the certificate") {
        click(&mut harness, "Make the certificate");
    }
    let listed = beacon_core::storage::Storage::list(&*storage, "exports").expect("exports");
    let [pdf] = listed.as_slice() else {
        panic!("one certificate: {listed:?}")
    };
    let bytes = beacon_core::storage::Storage::read(&*storage, &format!("exports/{}", pdf.name))
        .expect("read")
        .expect("the certificate");
    let file = data.path().join("certificate.pdf");
    std::fs::write(&file, bytes).expect("write");
    let text = pdf_text(&file);
    assert!(text.contains("Ben Okafor"), "{text}");
    assert!(
        text.contains("made inside a learning management system"),
        "{text}"
    );
    assert!(!text.contains("Verification code"), "{text}");
    assert!(
        beacon_core::storage::Storage::list(&*storage, "")
            .expect("top")
            .iter()
            .all(|e| e.name != beacon_core::data::KEY_FILE),
        "no certificate key was made: {:?}",
        beacon_core::storage::Storage::list(&*storage, "")
    );
}
