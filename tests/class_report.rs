//! The class report as a teacher uses it: from the Classroom screen, drop the results of two
//! computers (a CSV and an xAPI export) on the window, read the tests' figures, find the
//! question strong learners get wrong at the top of the table, open it, sort, switch to all
//! attempts, and check that nothing is drawn outside the window, also at 200% text.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::path::PathBuf;

use beacon::content::Course;
use beacon::ui::{Action, Screen};
use common::results::{drop_files, result_files};
use common::*;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Rows of the question table, top to bottom, by their links' accessible names.
fn table_order(harness: &egui_kittest::Harness<'_, beacon::app::BeaconApp>) -> Vec<String> {
    let mut links: Vec<(f32, String)> = harness
        .query_all_by_label_contains("Open ")
        .filter_map(|n| {
            let label = n.accesskit_node().label()?;
            let id = label.strip_prefix("Open ")?.to_owned();
            (!id.contains(' ')).then(|| (n.rect().top(), id))
        })
        .collect();
    links.sort_by(|a, b| a.0.total_cmp(&b.0));
    links.into_iter().map(|(_, id)| id).collect()
}

/// Every labelled widget lies within the window's width (content taller than the window
/// scrolls; nothing may stick out sideways).
fn nothing_outside(harness: &egui_kittest::Harness<'_, beacon::app::BeaconApp>, width: f32) {
    for node in harness.root().children_recursive() {
        let Some(label) = node.accesskit_node().label() else {
            continue;
        };
        let r = node.rect();
        if r.width() <= 0.0 {
            continue;
        }
        assert!(
            r.left() >= -0.5 && r.right() <= width + 0.5,
            "`{label}` is drawn at x {}..{}, outside the window's {width} pixels",
            r.left(),
            r.right()
        );
    }
}

/// The app past the welcome screen, and a folder with two computers' results.
struct Setup {
    _data: tempfile::TempDir,
    files: tempfile::TempDir,
    harness: egui_kittest::Harness<'static, beacon::app::BeaconApp>,
    course: Course,
    paths: Vec<PathBuf>,
    questions: Vec<String>,
}

fn setup() -> Setup {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Teacher");
    let course = harness.state().course().clone();
    let files = tempfile::tempdir().expect("tmp");
    let (paths, questions) = result_files(files.path(), &course);
    Setup {
        _data: data,
        files,
        harness,
        course,
        paths,
        questions,
    }
}

#[test]
fn a_teacher_drops_two_computers_results_and_finds_the_question_to_fix() {
    let Setup {
        mut harness,
        course,
        paths,
        questions,
        files: _files,
        ..
    } = setup();

    click(&mut harness, "Classroom");
    click(&mut harness, "Open the class report");
    assert!(matches!(harness.state().screen(), Screen::ClassReport(_)));
    assert!(shown(&harness, "Open result files"));

    drop_files(&mut harness, &paths);
    assert!(shown(&harness, "Read: computer-a.csv, computer-b.json"));
    assert!(shown(
        &harness,
        "2 files, 12 learners; counting each learner's first attempt at each test."
    ));
    assert!(shown(
        &harness,
        "Final assessment: 12 learners, 12 attempts"
    ));
    assert!(shown(&harness, "internal consistency (Cronbach's alpha)"));

    // Sorted by flag, the question only weak learners get right comes first.
    let bad = &questions[0];
    let order = table_order(&harness);
    assert_eq!(order.len(), questions.len(), "{order:?}");
    assert_eq!(&order[0], bad, "the most serious flag first: {order:?}");
    assert!(shown(&harness, "Check the key"));

    // Opening it shows its text, its key and why it is flagged.
    click(&mut harness, &format!("Open {bad}"));
    let question = course.question(bad).expect("in the course");
    assert!(shown(&harness, &question.prompt));
    assert!(shown(&harness, "Right answer: "));
    assert!(shown(&harness, "Strong learners get this wrong"));
    assert!(shown(&harness, "Picked, of 12 responses"));
    click(&mut harness, "Close");
    assert!(!shown(&harness, "Strong learners get this wrong"));

    // Sorted by facility, the hardest question comes first.
    click(&mut harness, "Sort by facility");
    let report = match harness.state().screen() {
        Screen::ClassReport(s) => s.report().cloned().expect("a report"),
        _ => panic!("still on the class report"),
    };
    let hardest = report
        .questions
        .iter()
        .min_by(|a, b| a.facility.total_cmp(&b.facility))
        .expect("questions");
    assert_eq!(table_order(&harness)[0], hardest.id);
    click(&mut harness, "Sort by facility");
    assert_eq!(
        table_order(&harness).last(),
        Some(&hardest.id),
        "a second click reverses the order"
    );

    // Every attempt: the four learners who sat the test twice count twice.
    click(
        &mut harness,
        "Count only each learner's first attempt at each test (as Moodle does)",
    );
    assert!(shown(&harness, "counting every attempt"));
    assert!(shown(
        &harness,
        "Final assessment: 12 learners, 16 attempts"
    ));
    assert!(
        !shown(&harness, " attempts \u{b7} facility "),
        "a wide window shows a table"
    );
    nothing_outside(&harness, 1024.0);

    // Large text on a small window: the table becomes a list and still fits.
    harness.set_size(egui::vec2(800.0, 600.0));
    harness.state_mut().apply(Action::SetTextSize(200));
    harness.run();
    assert!(
        shown(&harness, " attempts \u{b7} facility "),
        "each question is a block with its figures in a sentence"
    );
    assert_eq!(table_order(&harness).len(), questions.len());
    nothing_outside(&harness, 800.0);

    // Esc goes back to the Classroom screen.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Classroom(_)));
}

#[test]
fn a_file_that_is_not_results_is_named_and_the_others_still_count() {
    let Setup {
        mut harness,
        files,
        mut paths,
        ..
    } = setup();
    let notes = files.path().join("notes.txt");
    std::fs::write(&notes, "Bring the projector on Monday.\n").expect("write");
    paths.push(notes);
    paths.push(files.path().join("missing.csv"));
    harness.state_mut().apply(Action::OpenClassReport);
    harness.run();
    drop_files(&mut harness, &paths);
    assert!(shown(&harness, "Final assessment: 12 learners"));
    click_containing(&mut harness, "Left out of the files (2)");
    assert!(shown(
        &harness,
        "notes.txt, line 1: this is not a Beacon results file"
    ));
    assert!(shown(&harness, "missing.csv: could not be read"));
}
