//! Nothing runs off the screen. For every authored question of the shipped course (as asked,
//! after a wrong answer with its feedback, and in the results), every lesson page, every
//! question presenter mode draws and every other screen, in a 1024x720 and an 800x600 window at
//! 100% and 200% text and in the smallest window Beacon allows, this walks the AccessKit tree
//! that egui_kittest exposes and checks that no node carrying text has a rectangle that
//! extends past the window's sides. The smallest window Beacon allows is checked the same way. Widget sizes are not trusted: the rectangles are the ones
//! given to assistive technology, as laid out.
//!
//! One harness per size is shared by every screen, so the whole course is walked in a few
//! seconds.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::sync::Arc;

use beacon::app::BeaconApp;
use beacon::content::{Body, Module, Question};
use beacon::quiz::{QuizSpec, Response, Scope};
use beacon::ui::{Action, Nav};
use beacon_core::storage::MemoryStorage;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT as _;

/// A window size and a text size.
#[derive(Debug, Clone, Copy)]
struct Size {
    width: f32,
    height: f32,
    text: u16,
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{} at {}%", self.width, self.height, self.text)
    }
}

/// The app on an empty in-memory data folder, past the welcome screen, at `size`.
fn harness(size: Size) -> Harness<'static, BeaconApp> {
    let options = common::options(std::path::Path::new("/nonexistent"), &common::course_dir());
    let mut harness = Harness::builder()
        .with_size([size.width, size.height])
        .build_eframe(move |_cc| BeaconApp::with_storage(&options, Arc::new(MemoryStorage::new())));
    harness.run();
    harness
}

/// Every text node whose rectangle reaches past the window's left or right side, described.
fn overflowing(harness: &Harness<'_, BeaconApp>, size: Size, what: &str) -> Vec<String> {
    let mut found = Vec::new();
    for node in harness.root().children_recursive() {
        let node = node.accesskit_node();
        let text = node
            .label()
            .or_else(|| node.value())
            .unwrap_or_default()
            .trim()
            .to_owned();
        if text.is_empty() {
            continue;
        }
        let Some(rect) = node.bounding_box() else {
            continue;
        };
        if rect.x0 < -0.5 || rect.x1 > f64::from(size.width) + 0.5 {
            let short: String = text.chars().take(70).collect();
            found.push(format!(
                "{size}, {what}: {:?} \"{short}\" spans x {:.0} to {:.0}",
                node.role(),
                rect.x0,
                rect.x1
            ));
        }
    }
    found
}

/// A wrong (or partly right) response to `body`, so that the feedback shows the right answer
/// next to the learner's.
fn wrong(body: &Body) -> Response {
    match body {
        Body::Single(c) => Response::Choice(c.0.iter().position(|c| !c.correct).unwrap_or(0)),
        Body::Multiple(c) => Response::Choices((0..c.0.len()).collect()),
        Body::TrueFalse(b) => Response::Bool(!b),
        Body::FillIn(_) => Response::Text("an answer that is not the right one".into()),
        Body::Numeric(n) => Response::Number(n.max * 10.0 + 1.0),
        Body::Matching(pairs) => Response::Matching(
            (0..pairs.len())
                .map(|i| Some((i + 1) % pairs.len()))
                .collect(),
        ),
        Body::Ordering(items) => Response::Ordering((0..items.len()).rev().collect()),
        Body::Scenario { parts, .. } => {
            Response::Parts(parts.iter().map(|p| Some(wrong(&p.body))).collect())
        }
    }
}

/// Applies `action` and lets the app settle.
fn apply(harness: &mut Harness<'_, BeaconApp>, action: Action) {
    harness.state_mut().apply(action);
    harness.run();
}

/// Walks every screen at `size` and returns what runs off it.
fn walk(size: Size) -> Vec<String> {
    let mut harness = harness(size);
    let mut found = overflowing(&harness, size, "the welcome screen");
    apply(&mut harness, Action::Welcome { name: "Ada".into() });
    apply(&mut harness, Action::SetTextSize(size.text));
    found.extend(overflowing(&harness, size, "the course map"));
    let course = harness.state().course().clone();

    for module in &course.modules {
        let pages = beacon::lesson::lesson(&course, module).pages.len();
        for page in 0..pages {
            apply(
                &mut harness,
                Action::OpenLesson {
                    module: module.id.clone(),
                    page: Some(page),
                },
            );
            found.extend(overflowing(
                &harness,
                size,
                &format!("lesson {} page {}", module.id, page + 1),
            ));
        }
    }

    let questions: Vec<(&Module, &Question)> = course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter().map(move |q| (m, q)))
        .collect();
    for (module, q) in questions {
        apply(
            &mut harness,
            Action::StartQuiz {
                spec: QuizSpec {
                    scope: Scope::Questions(vec![q.id.clone()]),
                    count: 1,
                    generated: false,
                },
                title: module.title.clone(),
                module: Some(module.id.clone()),
            },
        );
        found.extend(overflowing(&harness, size, &format!("{} asked", q.id)));
        apply(
            &mut harness,
            Action::QuizAnswered {
                response: wrong(&q.body),
                seconds: 5.0,
            },
        );
        found.extend(overflowing(&harness, size, &format!("{} checked", q.id)));
        apply(&mut harness, Action::QuizFinished);
        found.extend(overflowing(&harness, size, &format!("{} in results", q.id)));
    }

    // The final assessment (every lesson was read above), with its timer, handed in with
    // wrong answers: the results list the lesson pages to revise.
    apply(&mut harness, Action::StartAssessment);
    assert!(
        matches!(harness.state().screen(), beacon::ui::Screen::Quiz(_)),
        "the final assessment starts"
    );
    found.extend(overflowing(&harness, size, "the final assessment"));
    apply(
        &mut harness,
        Action::QuizAnswered {
            response: Response::Bool(true),
            seconds: 5.0,
        },
    );
    apply(&mut harness, Action::QuizFinished);
    found.extend(overflowing(
        &harness,
        size,
        "the final assessment's results",
    ));

    // A quiz left half way: the dialog asking first.
    apply(
        &mut harness,
        Action::StartQuiz {
            spec: QuizSpec {
                scope: Scope::Course,
                count: 10,
                generated: true,
            },
            title: "Quick quiz".into(),
            module: None,
        },
    );
    apply(&mut harness, Action::Go(Nav::Home));
    found.extend(overflowing(&harness, size, "the leave-quiz dialog"));
    apply(&mut harness, Action::LeaveQuiz);
    found.extend(overflowing(
        &harness,
        size,
        "the course map with a quiz to resume",
    ));

    for (nav, name) in [
        (Nav::History, "history"),
        (Nav::Statistics, "statistics"),
        (Nav::Settings, "settings"),
        (Nav::About, "about"),
        (Nav::Classroom, "classroom"),
        (Nav::Profiles, "profiles"),
        (Nav::Home, "the course map after work"),
    ] {
        apply(&mut harness, Action::Go(nav));
        found.extend(overflowing(&harness, size, name));
    }

    // Presenter mode, every question it draws from each module, asked and revealed.
    for module in &course.modules {
        apply(
            &mut harness,
            Action::StartPresenting(beacon::progress::ClassroomChoice {
                modules: vec![module.id.clone()],
                count: module.questions.len(),
                seed: 1,
                ..beacon::progress::ClassroomChoice::default()
            }),
        );
        for step in 0..module.questions.len() * 2 {
            found.extend(overflowing(
                &harness,
                size,
                &format!("presenter {} step {step}", module.id),
            ));
            harness.key_press(Key::ArrowRight);
            harness.run();
        }
        apply(&mut harness, Action::StopPresenting);
    }
    found
}

fn check(size: Size) {
    let found = walk(size);
    assert!(
        found.is_empty(),
        "{} text nodes run off the window:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn everything_fits_1024x720() {
    check(Size {
        width: 1024.0,
        height: 720.0,
        text: 100,
    });
}

#[test]
fn everything_fits_800x600() {
    check(Size {
        width: 800.0,
        height: 600.0,
        text: 100,
    });
}

#[test]
fn everything_fits_1024x720_at_200_percent_text() {
    check(Size {
        width: 1024.0,
        height: 720.0,
        text: 200,
    });
}

#[test]
fn everything_fits_800x600_at_200_percent_text() {
    check(Size {
        width: 800.0,
        height: 600.0,
        text: 200,
    });
}

#[test]
fn everything_fits_the_smallest_window() {
    let [width, height] = beacon::app::MIN_WINDOW;
    check(Size {
        width,
        height,
        text: 100,
    });
}

#[test]
fn everything_fits_the_smallest_window_at_200_percent_text() {
    let [width, height] = beacon::app::MIN_WINDOW;
    check(Size {
        width,
        height,
        text: 200,
    });
}
