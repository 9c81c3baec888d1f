//! Image snapshots of the main screens in the light and dark themes, rendered with wgpu (Mesa's
//! software Vulkan driver on a machine without a GPU). Run with `--features snapshots`;
//! `UPDATE_SNAPSHOTS=1` rewrites the images in `tests/snapshots/`.

#![cfg(feature = "snapshots")]
#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use beacon::app::BeaconApp;
use beacon::content::{Body, Kind, Question};
use beacon::quiz::{QuizSpec, Scope};
use beacon::ui::{Action, Screen};
use common::*;
use egui_kittest::{Harness, SnapshotOptions};

/// Tolerant enough for another Mesa version's anti-aliasing, strict enough to catch a moved
/// widget or a changed colour.
fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.5).max_failed_pixels(400)
}

/// The app in a window of `size`, rendered with wgpu, past the welcome screen.
fn started(size: [f32; 2]) -> (tempfile::TempDir, Harness<'static, BeaconApp>) {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = egui_kittest::Harness::builder()
        .with_size(size)
        .with_render_cursor(false)
        .wgpu()
        .build_eframe({
            let options = common::options(data.path(), &course_dir());
            move |_cc| BeaconApp::new(&options)
        });
    harness.run();
    welcome(&mut harness, "Ada");
    (data, harness)
}

fn themed(theme: &str) -> (tempfile::TempDir, Harness<'static, BeaconApp>) {
    let (data, mut harness) = started([1024.0, 768.0]);
    click(&mut harness, "Settings");
    click(&mut harness, theme);
    click(&mut harness, "Home");
    (data, harness)
}

fn snap(harness: &mut Harness<'_, BeaconApp>, name: &str) {
    harness.run();
    harness.snapshot_options(name, &options());
}

#[test]
fn screens_in_the_light_theme() {
    screens("Light", "light");
}

#[test]
fn screens_in_the_dark_theme() {
    screens("Dark", "dark");
}

/// Home, a lesson page, a checked quiz question and the results, in one theme.
fn screens(theme: &str, suffix: &str) {
    {
        let (_data, mut harness) = themed(theme);
        snap(&mut harness, &format!("home_{suffix}"));

        let course = harness.state().course().clone();
        let module = course.module("palermo").expect("module");
        click(&mut harness, &format!("Start lesson: {}", module.title));
        click(&mut harness, "Next page");
        snap(&mut harness, &format!("lesson_{suffix}"));
        click(&mut harness, "Home");

        click(&mut harness, &format!("Take the quiz: {}", module.title));
        let item = current_item(&harness);
        let mut nth = std::collections::HashMap::new();
        answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
        click(&mut harness, "Check");
        snap(&mut harness, &format!("quiz_{suffix}"));
        click(&mut harness, "Next question");
        while let Screen::Quiz(_) = harness.state().screen() {
            click(&mut harness, "Skip");
        }
        snap(&mut harness, &format!("results_{suffix}"));
    }
}

#[test]
fn a_small_window_with_the_largest_text() {
    let (_data, mut harness) = started([800.0, 600.0]);
    click(&mut harness, "Settings");
    click(&mut harness, "Light");
    while harness.state().progress().settings.text_size < 200 {
        click(&mut harness, "Larger text");
    }
    snap(&mut harness, "settings_800x600_200pc");
    click(&mut harness, "Home");
    snap(&mut harness, "home_800x600_200pc");
    let course = harness.state().course().clone();
    let module = course.module("what-you-can-do").expect("module");
    click(&mut harness, &format!("Take the quiz: {}", module.title));
    snap(&mut harness, "quiz_800x600_200pc");
}

#[test]
fn statistics_after_some_work() {
    let (_data, mut harness) = themed("Light");
    let course = harness.state().course().clone();
    for id in ["definition", "palermo"] {
        let module = course.module(id).expect("module");
        click(&mut harness, &format!("Take the quiz: {}", module.title));
        take_quiz_right(&mut harness);
        click(&mut harness, "Back to the course map");
    }
    click(&mut harness, "Statistics");
    snap(&mut harness, "statistics_light");
}

#[test]
fn presenter_mode_on_a_projector() {
    let (_data, mut harness) = themed("Light");
    click(&mut harness, "Classroom");
    click(&mut harness, "Start presenting");
    harness.key_press(egui::Key::ArrowRight);
    snap(&mut harness, "presenter_revealed");
}

/// The question of `kind` whose text is longest by `size`.
fn longest<'a>(
    questions: &[&'a Question],
    kind: Kind,
    size: impl Fn(&Question) -> usize,
) -> &'a Question {
    questions
        .iter()
        .filter(|q| q.body.kind() == kind)
        .max_by_key(|q| size(q))
        .copied()
        .expect("a question of that kind")
}

/// Characters of text a question or part shows.
fn length(prompt: &str, body: &Body) -> usize {
    prompt.len()
        + match body {
            Body::Single(c) | Body::Multiple(c) => c.0.iter().map(|c| c.text.len()).sum(),
            Body::Ordering(items) => items.iter().map(String::len).sum(),
            Body::Scenario { case, parts } => {
                case.len()
                    + parts
                        .iter()
                        .map(|p| length(&p.prompt, &p.body))
                        .sum::<usize>()
            }
            _ => 0,
        }
}

/// The longest single-choice question (by its longest choice), also checked with a wrong
/// choice, the longest case study and the longest ordering, in an 800x600 window at 100% and
/// 200% text: every line wraps inside the window.
#[test]
fn the_longest_questions_at_800x600() {
    // One harness per text size: their snapshot results are checked together at the end.
    let mut results = egui_kittest::SnapshotResults::new();
    for text in [100_u16, 200] {
        let (_data, mut harness) = started([800.0, 600.0]);
        click(&mut harness, "Settings");
        click(&mut harness, "Light");
        harness.state_mut().apply(Action::SetTextSize(text));
        let course = harness.state().course().clone();
        let questions: Vec<&Question> = course.modules.iter().flat_map(|m| &m.questions).collect();
        let single = longest(&questions, Kind::Single, |q| match &q.body {
            Body::Single(c) => c.0.iter().map(|c| c.text.len()).max().unwrap_or(0),
            _ => 0,
        });
        let whole = |q: &Question| length(&q.prompt, &q.body);
        let scenario = longest(&questions, Kind::Scenario, whole);
        let ordering = longest(&questions, Kind::Ordering, whole);
        for (name, q) in [
            ("single", single),
            ("scenario", scenario),
            ("ordering", ordering),
        ] {
            harness.state_mut().apply(Action::StartQuiz {
                spec: QuizSpec {
                    scope: Scope::Questions(vec![q.id.clone()]),
                    count: 1,
                    generated: false,
                },
                title: "The longest questions".into(),
                module: None,
            });
            snap(&mut harness, &format!("longest_{name}_800x600_{text}pc"));
            if name == "single" {
                // Checked with the first wrong choice: at 200% the choice and the verdict
                // cannot share the view, and the feedback names both answers.
                let (_, label, _) = first_wrong_choice(&current_item(&harness));
                click(&mut harness, &label);
                click(&mut harness, "Check");
                snap(
                    &mut harness,
                    &format!("longest_{name}_checked_800x600_{text}pc"),
                );
            }
            if name == "scenario" {
                harness.key_press(egui::Key::End);
                snap(
                    &mut harness,
                    &format!("longest_{name}_end_800x600_{text}pc"),
                );
            }
            harness.state_mut().apply(Action::QuizFinished);
        }
        results.extend_harness(&mut harness);
    }
}

#[test]
fn the_class_report_of_two_computers() {
    let (_data, mut harness) = started([1024.0, 1400.0]);
    click(&mut harness, "Settings");
    click(&mut harness, "Light");
    let course = harness.state().course().clone();
    let files = tempfile::tempdir().expect("tmp");
    let (paths, _) = common::results::result_files(files.path(), &course);
    click(&mut harness, "Classroom");
    click(&mut harness, "Open the class report");
    common::results::drop_files(&mut harness, &paths);
    snap(&mut harness, "class_report_light");
}
