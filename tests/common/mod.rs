//! Helpers shared by the UI tests: build the real app on a temporary data folder, and answer
//! questions as a person would, by clicking and typing on widgets found by their labels.

#![allow(dead_code)] // each test file uses its own share of the helpers
#![allow(clippy::expect_used, clippy::missing_panics_doc)] // a test that cannot set up should stop loudly

pub mod results;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::sync::{Mutex, PoisonError};

use beacon::app::{BeaconApp, Clock, Options};
use beacon::content::Body;
use beacon::data::progress_file::FILE;
use beacon::progress::Progress;
use beacon::quiz::QuizItem;
use beacon::ui::Screen;
use chrono::{DateTime, Utc};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

pub const LETTERS: &str = "ABCDEFGH";

pub fn course_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questions")
}

/// A clock that stands still until moved.
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<Mutex<DateTime<Utc>>>);

impl FixedClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
        .expect("valid time")
        .with_timezone(&Utc)
}

pub fn options(data: &Path, course: &Path) -> Options {
    Options {
        course_dir: Some(course.to_path_buf()),
        data_dir: data.to_path_buf(),
        clock: Arc::new(FixedClock::new(start())),
        seed: Some(1),
        tz: chrono::FixedOffset::east_opt(0).expect("UTC"),
    }
}

pub fn app(data: &Path) -> Harness<'static, BeaconApp> {
    app_with(options(data, &course_dir()))
}

pub fn app_with(options: Options) -> Harness<'static, BeaconApp> {
    let mut harness = Harness::builder()
        .with_size([1024.0, 768.0])
        .build_eframe(move |_cc| BeaconApp::new(&options));
    harness.run();
    harness
}

/// The progress file of the profile used last in the data folder `data`.
pub fn progress_path(data: &Path) -> PathBuf {
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("profiles.json")).expect("profiles.json"))
            .expect("valid JSON");
    let id = index["last"]
        .as_str()
        .or_else(|| index["profiles"][0]["id"].as_str())
        .expect("a profile");
    data.join("profiles").join(id).join(FILE)
}

/// The saved progress of the profile used last.
pub fn saved(data: &Path) -> Progress {
    serde_json::from_slice(&std::fs::read(progress_path(data)).expect("progress file"))
        .expect("valid JSON")
}

pub fn shown(harness: &Harness<'_, BeaconApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Scrolls the widget with `label` into view and clicks it, as a person would.
pub fn click(harness: &mut Harness<'_, BeaconApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Scrolls the `n`-th widget with `label` into view and clicks it.
pub fn click_nth(harness: &mut Harness<'_, BeaconApp>, label: &str, n: usize) {
    harness
        .get_all_by_label(label)
        .nth(n)
        .expect("widget")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(label)
        .nth(n)
        .expect("widget")
        .click();
    harness.run();
}

/// Scrolls the widget whose label contains `text` into view and clicks it.
pub fn click_containing(harness: &mut Harness<'_, BeaconApp>, text: &str) {
    harness.get_by_label_contains(text).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(text).click();
    harness.run();
}

pub fn welcome(harness: &mut Harness<'_, BeaconApp>, name: &str) {
    assert!(
        shown(harness, "Before you start"),
        "the content note shows on first run"
    );
    let field = harness.get_by_label("Your name (optional, used on certificates)");
    field.focus();
    field.type_text(name);
    harness.run();
    click(harness, "Start learning");
}

/// The first wrong choice shown in a single-choice question: its place in the shown order (from
/// 0), its label as shown ("2. Text") and its text.
pub fn first_wrong_choice(item: &QuizItem) -> (usize, String, String) {
    let Body::Single(choices) = &item.question.body else {
        panic!("a single-choice question")
    };
    let place = item
        .order
        .iter()
        .position(|&i| !choices.0[i].correct)
        .expect("a wrong choice");
    let text = choices.0[item.order[place]].text.clone();
    (place, format!("{}. {text}", place + 1), text)
}

pub fn current_item(harness: &Harness<'_, BeaconApp>) -> QuizItem {
    match harness.state().screen() {
        Screen::Quiz(q) => q.attempt.current().cloned().expect("a current question"),
        other => panic!("expected the quiz screen, got {}", other.name()),
    }
}

/// The order in which the current ordering question shows its items.
pub fn shown_order(harness: &Harness<'_, BeaconApp>) -> Vec<usize> {
    match harness.state().screen() {
        Screen::Quiz(q) => match &q.input {
            beacon::ui::question::Input::Ordering(o) => o.clone(),
            other => panic!("ordering input expected, got {other:?}"),
        },
        _ => panic!("quiz screen expected"),
    }
}

/// The labels a person would click to answer `body` right, for a body shown with `order`.
pub fn answer_right(
    harness: &mut Harness<'_, BeaconApp>,
    body: &Body,
    order: &[usize],
    nth: &mut std::collections::HashMap<String, usize>,
) {
    let mut press = |harness: &mut Harness<'_, BeaconApp>, label: String| {
        let n = *nth.entry(label.clone()).or_insert(0);
        assert!(
            harness.get_all_by_label(&label).count() > n,
            "no widget `{label}` (#{n})"
        );
        click_nth(harness, &label, n);
        nth.insert(label, n + 1);
    };
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            for (shown, &i) in order.iter().enumerate() {
                if c.0[i].correct {
                    press(harness, format!("{}. {}", shown + 1, c.0[i].text));
                }
            }
        }
        Body::TrueFalse(b) => press(
            harness,
            if *b {
                "1. True".into()
            } else {
                "2. False".into()
            },
        ),
        Body::FillIn(accept) => type_into(harness, "Your answer", &accept[0], nth),
        Body::Numeric(n) => type_into(
            harness,
            "Your answer (a number)",
            &beacon::quiz::format_number(n.shown),
            nth,
        ),
        Body::Matching(pairs) => {
            for (i, pair) in pairs.iter().enumerate() {
                let k = order.iter().position(|&j| j == i).expect("partner shown");
                let letter = LETTERS.chars().nth(k).expect("letter");
                let prefix = format!("{}: {letter}, ", pair.left);
                click_containing(harness, &prefix);
            }
        }
        Body::Ordering(items) => loop {
            let current = shown_order(harness);
            let Some(pos) = current.iter().enumerate().position(|(p, &i)| p != i) else {
                break;
            };
            let wanted = &items[pos];
            click(harness, &format!("Move up: {wanted}"));
        },
        Body::Scenario { parts, .. } => {
            for (k, part) in parts.iter().enumerate() {
                let item_order = match harness.state().screen() {
                    Screen::Quiz(q) => q
                        .attempt
                        .current()
                        .map(|i| i.part_orders[k].clone())
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                answer_right(harness, &part.body, &item_order, nth);
            }
        }
    }
}

pub fn type_into(
    harness: &mut Harness<'_, BeaconApp>,
    label: &str,
    text: &str,
    nth: &mut std::collections::HashMap<String, usize>,
) {
    let n = *nth.entry(label.to_owned()).or_insert(0);
    assert!(
        harness.get_all_by_label(label).count() > n,
        "no text field `{label}` (#{n})"
    );
    harness
        .get_all_by_label(label)
        .nth(n)
        .expect("counted")
        .scroll_to_me();
    harness.run();
    let node = harness.get_all_by_label(label).nth(n).expect("counted");
    node.focus();
    node.type_text(text);
    nth.insert(label.to_owned(), n + 1);
    harness.run();
}

/// Answers every question of the running quiz right, checking the feedback each time.
pub fn take_quiz_right(harness: &mut Harness<'_, BeaconApp>) -> usize {
    let mut count = 0;
    while let Screen::Quiz(_) = harness.state().screen() {
        let item = current_item(harness);
        let (position, total) = match harness.state().screen() {
            Screen::Quiz(q) => (q.attempt.position(), q.attempt.len()),
            _ => (0, 0),
        };
        assert!(shown(
            harness,
            &format!("Question {} of {total}", position + 1)
        ));
        assert!(shown(harness, &item.question.prompt), "the prompt is shown");
        let mut nth = std::collections::HashMap::new();
        answer_right(harness, &item.question.body, &item.order, &mut nth);
        click(harness, "Check");
        assert!(
            shown(harness, "\u{2714} Right"),
            "question {} was not graded right",
            item.question.id
        );
        assert!(
            shown(harness, &item.question.explanation),
            "the explanation shows"
        );
        assert!(shown(harness, "Source:"), "the source shows");
        let next = if position + 1 == total {
            "See results"
        } else {
            "Next question"
        };
        click(harness, next);
        count += 1;
    }
    count
}

/// Presses Tab until the focused widget has `label`.
pub fn tab_to(harness: &mut Harness<'_, BeaconApp>, label: &str) {
    for _ in 0..300 {
        let focused = harness
            .root()
            .children_recursive()
            .find(egui_kittest::Node::is_focused)
            .and_then(|n| n.accesskit_node().label());
        if focused.as_deref() == Some(label) {
            return;
        }
        harness.key_press(Key::Tab);
        harness.run();
    }
    panic!("Tab never reached `{label}`");
}

pub fn digit(n: usize) -> Key {
    beacon::ui::widgets::DIGITS[n - 1]
}

/// The label of the widget that has keyboard focus.
pub fn focused(harness: &Harness<'_, BeaconApp>) -> Option<String> {
    harness
        .root()
        .children_recursive()
        .find(egui_kittest::Node::is_focused)
        .and_then(|n| n.accesskit_node().label())
}

/// Presses Tab until the `n`-th widget (from 0, in drawing order) whose label starts with
/// `prefix` has focus.
pub fn tab_to_nth(harness: &mut Harness<'_, BeaconApp>, prefix: &str, n: usize) {
    for _ in 0..300 {
        let target = harness
            .root()
            .children_recursive()
            .filter(|node| {
                node.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with(prefix))
            })
            .nth(n)
            .map(|node| (node.accesskit_node().id(), node.is_focused()));
        if target.is_some_and(|(_, focused)| focused) {
            return;
        }
        harness.key_press(Key::Tab);
        harness.run();
    }
    panic!("Tab never reached `{prefix}` #{n}");
}

/// Answers the question showing right with the keyboard alone: number keys for choices (in a
/// case study, after Tab into the part), typing into the field that has focus or is tabbed to,
/// Space on matching letters and on Up buttons. Returns nothing; the caller presses Enter.
pub fn answer_by_keys(
    harness: &mut Harness<'_, BeaconApp>,
    body: &Body,
    order: &[usize],
    part_orders: &[Vec<usize>],
    seen: &mut std::collections::HashMap<String, usize>,
) {
    fn nth(seen: &mut std::collections::HashMap<String, usize>, label: &str) -> usize {
        let n = seen.entry(label.to_owned()).or_insert(0);
        *n += 1;
        *n - 1
    }
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            for (shown, &i) in order.iter().enumerate() {
                if c.0[i].correct {
                    harness.key_press(digit(shown + 1));
                    harness.run();
                }
            }
        }
        Body::TrueFalse(b) => {
            harness.key_press(if *b { Key::Num1 } else { Key::Num2 });
            harness.run();
        }
        Body::FillIn(accept) => {
            tab_to_nth(harness, "Your answer", nth(seen, "Your answer"));
            harness.event(egui::Event::Text(accept[0].clone()));
            harness.run();
        }
        Body::Numeric(n) => {
            // "Your answer" is also the start of this field's label.
            tab_to_nth(harness, "Your answer", nth(seen, "Your answer"));
            harness.event(egui::Event::Text(beacon::quiz::format_number(n.shown)));
            harness.run();
        }
        Body::Matching(pairs) => {
            for (i, pair) in pairs.iter().enumerate() {
                let k = order.iter().position(|&j| j == i).expect("partner shown");
                let letter = LETTERS.chars().nth(k).expect("letter");
                tab_to_nth(harness, &format!("{}: {letter}, ", pair.left), 0);
                harness.key_press(Key::Space);
                harness.run();
            }
        }
        Body::Ordering(items) => loop {
            let current = shown_order(harness);
            let Some(pos) = current.iter().enumerate().position(|(p, &i)| p != i) else {
                break;
            };
            let wanted = format!("Move up: {}", items[pos]);
            tab_to_nth(harness, &wanted, 0);
            let at = current.iter().position(|&i| i == pos).expect("shown");
            for _ in pos..at {
                harness.key_press(Key::Space);
                harness.run();
            }
            // Focus stays with the moved item: on its Up button, or at the top on its Down.
            let expected = if pos == 0 {
                format!("Move down: {}", items[pos])
            } else {
                wanted
            };
            assert_eq!(
                focused(harness),
                Some(expected),
                "focus follows the moved item"
            );
        },
        Body::Scenario { parts, .. } => {
            for (k, part) in parts.iter().enumerate() {
                let part_order = &part_orders[k];
                // Into the part first: its first control takes the number keys.
                let first = match &part.body {
                    Body::Single(c) | Body::Multiple(c) => {
                        Some(format!("1. {}", c.0[part_order[0]].text))
                    }
                    Body::TrueFalse(_) => Some("1. True".to_owned()),
                    _ => None,
                };
                if let Some(first) = first {
                    let n = nth(seen, &first);
                    tab_to_nth(harness, &first, n);
                }
                answer_by_keys(harness, &part.body, part_order, &[], seen);
            }
        }
    }
}

/// Reads a module's lesson from its first page to its last, then goes back to the course map.
pub fn read_lesson(harness: &mut Harness<'_, BeaconApp>, title: &str) {
    click(harness, &format!("Start lesson: {title}"));
    while harness.query_by_label("Next page").is_some() {
        click(harness, "Next page");
    }
    click(harness, "Back to the course map");
}

/// A new learner on a fresh data folder, past the welcome screen.
pub fn learner(name: &str) -> (tempfile::TempDir, Harness<'static, BeaconApp>) {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, name);
    (data, harness)
}

/// Options on the data folder `data` with a clock the test can move.
pub fn clocked(data: &Path) -> (FixedClock, Options) {
    let clock = FixedClock::new(start());
    let options = Options {
        clock: Arc::new(clock.clone()),
        ..options(data, &course_dir())
    };
    (clock, options)
}

/// The "check yourself" questions of the lesson page showing, in order.
pub fn page_checks(harness: &Harness<'_, BeaconApp>) -> Vec<QuizItem> {
    match harness.state().screen() {
        Screen::Lesson(l) => {
            let beacon::lesson::Page::Section { checks, .. } = &l.lesson.pages[l.page] else {
                panic!("a section page")
            };
            checks.iter().map(|c| l.checks[c].item.clone()).collect()
        }
        other => panic!("expected a lesson, got {}", other.name()),
    }
}
