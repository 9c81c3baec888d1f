//! The keyboard never loses work, and every new page or question opens at its top: quizzes of
//! every question kind taken with keys alone, Enter meaning "check, then continue" wherever
//! focus is in the question, number keys in case studies and lessons, Tab starting at the
//! question, F6 to the top bar, the view following focus and scrolling with Page Up and Down,
//! Skip asking before it drops an answer, double clicks that cannot skip a page, key terms
//! that show their definition when clicked or with Space (Enter on one goes on), and screens
//! seen before opening at their top.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::collections::{BTreeSet, HashMap};

use beacon::app::BeaconApp;
use beacon::content::{Body, Kind};
use beacon::lesson::Page;
use beacon::ui::Screen;
use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn press(harness: &mut Harness<'_, BeaconApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// The position and number of questions of the running quiz.
fn place(harness: &Harness<'_, BeaconApp>) -> (usize, usize) {
    match harness.state().screen() {
        Screen::Quiz(q) => (q.attempt.position(), q.attempt.len()),
        other => panic!("expected the quiz, got {}", other.name()),
    }
}

/// The app in a window of `size` at `text` percent, past the welcome screen.
fn started(size: [f32; 2], text: u16) -> (tempfile::TempDir, Harness<'static, BeaconApp>) {
    let data = tempfile::tempdir().expect("tmp");
    let options = options(data.path(), &course_dir());
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| BeaconApp::new(&options));
    harness.run();
    welcome(&mut harness, "");
    harness
        .state_mut()
        .apply(beacon::ui::Action::SetTextSize(text));
    harness.run();
    (data, harness)
}

/// The rectangle of the first widget labelled `label` (a heading and its progress bar share
/// one).
fn rect_of(harness: &Harness<'_, BeaconApp>, label: &str) -> egui::Rect {
    harness
        .get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no `{label}`"))
        .rect()
}

/// Whether the widget labelled `label` lies wholly inside the window, below the top bar.
fn in_view(harness: &Harness<'_, BeaconApp>, label: &str, height: f32) -> bool {
    let rect = rect_of(harness, label);
    rect.top() >= 40.0 && rect.bottom() <= height
}

/// Answers the open quiz to its end with the keyboard alone, noting each question's kind.
fn answer_quiz_by_keys(harness: &mut Harness<'static, BeaconApp>, kinds: &mut BTreeSet<Kind>) {
    while let Screen::Quiz(_) = harness.state().screen() {
        let item = current_item(harness);
        let (position, total) = place(harness);
        let body = &item.question.body;
        kinds.insert(body.kind());
        // A question opened from the keyboard starts at its first control; a fill-in or
        // numeric field always has focus.
        let first = focused(harness).unwrap_or_default();
        match body {
            Body::FillIn(_) => assert_eq!(first, "Your answer"),
            Body::Numeric(_) => assert_eq!(first, "Your answer (a number)"),
            Body::Single(c) | Body::Multiple(c) => {
                assert_eq!(first, format!("1. {}", c.0[item.order[0]].text));
            }
            Body::TrueFalse(_) => assert_eq!(first, "1. True"),
            _ => assert!(!first.is_empty(), "{} opens with focus", item.question.id),
        }
        answer_by_keys(
            harness,
            body,
            &item.order,
            &item.part_orders,
            &mut HashMap::new(),
        );
        let before = match harness.state().screen() {
            Screen::Quiz(q) => q.input.clone(),
            _ => panic!("quiz"),
        };
        // Enter checks, wherever focus is in the question: on a matching letter it does not
        // untoggle it, on an Up button it does not move the item.
        press(harness, Key::Enter);
        assert!(
            shown(harness, "\u{2714} Right"),
            "{} ({:?}) by keyboard, focus on {:?}",
            item.question.id,
            body.kind(),
            focused(harness)
        );
        match harness.state().screen() {
            Screen::Quiz(q) => assert_eq!(q.input, before, "Enter changed the answer"),
            _ => panic!("quiz"),
        }
        press(harness, Key::Enter);
        if position + 1 < total {
            assert_eq!(place(harness).0, position + 1, "Enter went on");
        }
    }
}

#[test]
fn every_kind_of_question_with_the_keyboard_alone() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let mut kinds = BTreeSet::new();
    for module in &course.modules {
        tab_to_nth(&mut harness, &format!("Take the quiz: {}", module.title), 0);
        press(&mut harness, Key::Enter);
        answer_quiz_by_keys(&mut harness, &mut kinds);
        assert!(shown(&harness, "10 of 10 (100%)"), "module {}", module.id);
        press(&mut harness, Key::Escape);
        if kinds.len() == 8 {
            break;
        }
    }
    // A kind the module quizzes did not draw (the draw depends on the course and the seed) is
    // asked on its own, opened from the keyboard the same way.
    for question in course.modules.iter().flat_map(|m| &m.questions) {
        if kinds.contains(&question.body.kind()) {
            continue;
        }
        harness.state_mut().apply(beacon::ui::Action::StartQuiz {
            spec: beacon::quiz::QuizSpec {
                scope: beacon::quiz::Scope::Questions(vec![question.id.clone()]),
                count: 1,
                generated: false,
            },
            title: "One question".into(),
            module: None,
        });
        harness.run();
        answer_quiz_by_keys(&mut harness, &mut kinds);
        assert!(shown(&harness, "1 of 1 (100%)"), "{}", question.id);
        press(&mut harness, Key::Escape);
    }
    assert_eq!(kinds.len(), 8, "all eight kinds answered: {kinds:?}");
}

#[test]
fn tab_starts_at_the_question_and_f6_reaches_the_top_bar() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    // A quiz that starts with a choice question (a fill-in or numeric field takes focus itself).
    let course = harness.state().course().clone();
    let choice = course
        .modules
        .iter()
        .flat_map(|m| &m.questions)
        .find(|q| matches!(q.body, Body::Single(_)))
        .expect("a single-choice question");
    click(&mut harness, "Quick quiz");
    harness.state_mut().apply(beacon::ui::Action::QuizFinished);
    harness.run();
    harness.state_mut().apply(beacon::ui::Action::StartQuiz {
        spec: beacon::quiz::QuizSpec {
            scope: beacon::quiz::Scope::Questions(vec![choice.id.clone()]),
            count: 1,
            generated: false,
        },
        title: "One question".into(),
        module: None,
    });
    harness.run();
    assert_eq!(
        focused(&harness),
        None,
        "a mouse user's question has no focus"
    );
    press(&mut harness, Key::Tab);
    let first = focused(&harness).expect("Tab focused something");
    assert!(
        first.starts_with("1. "),
        "Tab starts at the question's first control, not at {first:?}"
    );
    press(&mut harness, Key::F6);
    assert_eq!(
        focused(&harness).as_deref(),
        Some("Home"),
        "F6 goes to the top bar"
    );
    press(&mut harness, Key::F6);
    assert_eq!(
        focused(&harness).as_deref(),
        Some(first.as_str()),
        "F6 comes back to the question"
    );
    // Shift+Tab from the first control goes back through the quiz's own button to the top bar.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(focused(&harness).as_deref(), Some("Leave quiz"));
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(focused(&harness).as_deref(), Some("Profiles"));
}

#[test]
fn number_keys_answer_the_part_of_a_case_study_that_has_focus() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let (id, parts) = course
        .modules
        .iter()
        .flat_map(|m| &m.questions)
        .find_map(|q| match &q.body {
            Body::Scenario { parts, .. }
                if parts.len() >= 2
                    && matches!(parts[0].body, Body::Single(_))
                    && matches!(parts[1].body, Body::TrueFalse(_)) =>
            {
                Some((q.id.clone(), parts.clone()))
            }
            _ => None,
        })
        .expect("a case study starting with a single choice and a true/false part");
    harness.state_mut().apply(beacon::ui::Action::StartQuiz {
        spec: beacon::quiz::QuizSpec {
            scope: beacon::quiz::Scope::Questions(vec![id]),
            count: 1,
            generated: false,
        },
        title: "Case".into(),
        module: None,
    });
    harness.run();
    let item = current_item(&harness);
    let parts_input = |harness: &Harness<'_, BeaconApp>| match harness.state().screen() {
        Screen::Quiz(q) => match &q.input {
            beacon::ui::question::Input::Parts(p) => p.clone(),
            other => panic!("parts expected, got {other:?}"),
        },
        _ => panic!("quiz"),
    };
    // With nothing focused, 2 answers the first part, and focus goes to that choice.
    press(&mut harness, Key::Num2);
    let Body::Single(c) = &parts[0].body else {
        unreachable!()
    };
    let second = item.part_orders[0][1];
    assert_eq!(
        parts_input(&harness)[0],
        beacon::ui::question::Input::Single(Some(second))
    );
    assert_eq!(
        focused(&harness),
        Some(format!("2. {}", c.0[second].text)),
        "focus is on the picked choice"
    );
    // Tab into the second part: now 2 answers it (False), and the first part keeps its answer.
    tab_to_nth(&mut harness, "1. True", 0);
    press(&mut harness, Key::Num2);
    let input = parts_input(&harness);
    assert_eq!(input[1], beacon::ui::question::Input::Bool(Some(false)));
    assert_eq!(input[0], beacon::ui::question::Input::Single(Some(second)));
}

#[test]
fn space_on_skip_asks_before_dropping_an_answer() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "Quick quiz");
    let first = current_item(&harness);
    // Nothing entered: Skip goes straight on.
    tab_to_nth(&mut harness, "Skip", 0);
    press(&mut harness, Key::Space);
    assert!(!shown(&harness, "Skip this question?"));
    assert_eq!(place(&harness).0, 1, "an empty question is skipped at once");
    assert_ne!(current_item(&harness).question.id, first.question.id);

    let second = current_item(&harness);
    let mut seen = HashMap::new();
    answer_by_keys(
        &mut harness,
        &second.question.body,
        &second.order,
        &second.part_orders,
        &mut seen,
    );
    let entered = match harness.state().screen() {
        Screen::Quiz(q) => q.input.clone(),
        _ => panic!("quiz"),
    };
    tab_to_nth(&mut harness, "Skip", 0);
    press(&mut harness, Key::Space);
    assert!(shown(&harness, "Skip this question?"), "Skip asks first");
    click(&mut harness, "Keep answering");
    assert_eq!(place(&harness).0, 1, "still on the same question");
    match harness.state().screen() {
        Screen::Quiz(q) => assert_eq!(q.input, entered, "the answer is kept"),
        _ => panic!("quiz"),
    }
    tab_to_nth(&mut harness, "Skip", 0);
    press(&mut harness, Key::Space);
    click(&mut harness, "Skip it");
    assert_eq!(place(&harness).0, 2, "skipped after asking");
}

#[test]
fn a_new_question_opens_at_its_top() {
    let (_data, mut harness) = started([800.0, 600.0], 200);
    click(&mut harness, "Quick quiz");
    for _ in 0..4 {
        let item = current_item(&harness);
        let mut nth = HashMap::new();
        answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
        click(&mut harness, "Check");
        // The feedback pushes "Next question" far down; it is scrolled to and clicked.
        let (position, total) = place(&harness);
        click(&mut harness, "Next question");
        let heading = format!("Question {} of {total}", position + 2);
        assert!(
            in_view(&harness, &heading, 600.0),
            "the next question opens at its top"
        );
    }
}

#[test]
fn a_new_lesson_page_opens_at_its_top_with_focus_on_its_first_control() {
    let (_data, mut harness) = started([800.0, 600.0], 200);
    let course = harness.state().course().clone();
    let module = course.module("palermo").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    let pages = beacon::lesson::lesson(&course, module).pages.len();
    for page in 2..pages {
        // "Next page" sits below the fold: it is scrolled to and clicked.
        click(&mut harness, "Next page");
        let label = format!("Page {page} of {pages}");
        assert!(in_view(&harness, &label, 600.0), "{label} opens at its top");
        harness.run_steps(3);
    }

    // Turned with the keyboard, the page gives focus to its first control.
    click(&mut harness, "Previous page");
    harness.run_steps(3);
    tab_to_nth(&mut harness, "Next page", 0);
    press(&mut harness, Key::Enter);
    // The first control drawn after the page's progress bar, in the order of the tree.
    let bar = format!("Page {} of {pages}", pages - 1);
    let first = harness
        .root()
        .children_recursive()
        .skip_while(|n| {
            n.accesskit_node().role() != egui::accesskit::Role::ProgressIndicator
                || n.accesskit_node().label().as_deref() != Some(bar.as_str())
        })
        .find(|n| {
            use egui::accesskit::Role;
            matches!(
                n.accesskit_node().role(),
                Role::Button | Role::Link | Role::RadioButton | Role::CheckBox | Role::TextInput
            )
        })
        .expect("a control on the page");
    assert!(first.is_focused(), "focus is on the page's first control");
    assert!(in_view(&harness, &bar, 600.0), "and the page shows its top");
}

#[test]
fn a_double_click_on_next_page_turns_one_page() {
    let data = tempfile::tempdir().expect("tmp");
    let options = options(data.path(), &course_dir());
    // Real time steps: a double click's two clicks come a few frames apart.
    let mut harness = Harness::builder()
        .with_size([1024.0, 720.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| BeaconApp::new(&options));
    harness.run();
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let module = &course.modules[0];
    click(&mut harness, &format!("Start lesson: {}", module.title));
    harness.run_steps(60);
    let page = |h: &Harness<'_, BeaconApp>| match h.state().screen() {
        Screen::Lesson(l) => l.page,
        _ => panic!("lesson"),
    };
    // The second click lands on the next page's button, wherever it is now.
    let next = |h: &mut Harness<'_, BeaconApp>| {
        h.get_by_label("Next page").scroll_to_me();
        h.run();
        h.get_by_label("Next page").click();
        h.run();
    };
    next(&mut harness);
    assert_eq!(page(&harness), 1);
    next(&mut harness);
    assert_eq!(
        page(&harness),
        1,
        "the second click did not skip page 2 unread"
    );
    harness.run_steps(60);
    next(&mut harness);
    assert_eq!(page(&harness), 2, "a deliberate click later turns the page");
}

#[test]
fn page_keys_and_arrows_scroll_and_the_view_follows_focus() {
    let (_data, mut harness) = started([800.0, 600.0], 200);
    let course = harness.state().course().clone();
    let module = course.module("palermo").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    harness.run_steps(3);
    click(&mut harness, "Next page");
    let pages = beacon::lesson::lesson(&course, module).pages.len();
    let label = format!("Page 2 of {pages}");
    let heading_top = |h: &Harness<'_, BeaconApp>| rect_of(h, &label).top();
    let top = heading_top(&harness);
    press(&mut harness, Key::PageDown);
    let down = heading_top(&harness);
    assert!(down < top - 200.0, "Page Down scrolled by most of a screen");
    press(&mut harness, Key::PageUp);
    assert!(
        (heading_top(&harness) - top).abs() < 1.0,
        "Page Up came back"
    );
    press(&mut harness, Key::ArrowDown);
    let arrow = heading_top(&harness);
    assert!(
        arrow < top && arrow > down,
        "the down arrow scrolls a little"
    );
    press(&mut harness, Key::Home);
    assert!(
        (heading_top(&harness) - top).abs() < 1.0,
        "Home goes to the top"
    );

    // Tab through the page, then (with a control focused) the down arrow, which moves the
    // focus: every control that takes focus is scrolled into view.
    for (key, name) in [(Key::Tab, "Tab"), (Key::ArrowDown, "down arrow")] {
        for n in 0..12 {
            press(&mut harness, key);
            let rect = harness
                .root()
                .children_recursive()
                .find(egui_kittest::Node::is_focused)
                .map(|n| n.rect())
                .expect("focus");
            assert!(
                rect.top() >= 0.0 && rect.bottom() <= 600.0,
                "after {} x {name} the focused control at {rect:?} is in view",
                n + 1
            );
        }
    }
}

#[test]
fn number_keys_and_enter_answer_a_lesson_check() {
    // A small window with large text: the check's feedback opens below the fold.
    let (data, mut harness) = started([800.0, 600.0], 200);
    let course = harness.state().course().clone();
    // A section page whose first check is a single choice.
    let (module, page, check) = course
        .modules
        .iter()
        .find_map(|m| {
            let lesson = beacon::lesson::lesson(&course, m);
            lesson.pages.iter().enumerate().find_map(|(n, p)| match p {
                Page::Section { checks, .. } => checks.first().and_then(|id| {
                    matches!(course.question(id)?.body, Body::Single(_))
                        .then(|| (m.id.clone(), n, id.clone()))
                }),
                _ => None,
            })
        })
        .expect("a single-choice check");
    harness.state_mut().apply(beacon::ui::Action::OpenLesson {
        module: module.clone(),
        page: Some(page),
    });
    harness.run();
    let item = match harness.state().screen() {
        Screen::Lesson(l) => l.checks[&check].item.clone(),
        _ => panic!("lesson"),
    };
    let Body::Single(c) = &item.question.body else {
        unreachable!()
    };
    let right = item
        .order
        .iter()
        .position(|&i| c.0[i].correct)
        .expect("right");
    press(&mut harness, digit(right + 1));
    press(&mut harness, Key::Enter);
    assert!(
        shown(&harness, "\u{2714} Right"),
        "Enter checked the answer picked with a number key"
    );
    harness.run_steps(3);
    let verdict = rect_of(&harness, "\u{2714} Right");
    assert!(
        verdict.top() >= 0.0 && verdict.bottom() <= 600.0,
        "the verdict at {verdict:?} is brought into view"
    );
    harness.state().flush();
    assert!(
        saved(data.path())
            .answers
            .iter()
            .any(|a| a.question == check && a.attempt.is_none())
    );
    harness.run_steps(3);
    press(&mut harness, Key::Enter);
    match harness.state().screen() {
        Screen::Lesson(l) => assert_eq!(l.page, page + 1, "then Enter turns the page"),
        _ => panic!("lesson"),
    }
}

#[test]
fn a_key_term_shows_its_definition_on_click_and_with_the_keyboard() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let module = course.module("definition").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    // A page whose text marks one of the module's terms.
    let (term, link) = (0..8)
        .find_map(|_| {
            let found = module.terms.iter().find_map(|t| {
                let label = format!("{}: {}", t.term, t.definition);
                let marked = harness.query_all_by_label(&label).next().is_some();
                marked.then(|| (t.clone(), label))
            });
            if found.is_none() {
                harness.run_steps(3);
                click(&mut harness, "Next page");
            }
            found
        })
        .expect("a marked term");
    let is_definition = |n: &egui_kittest::Node<'_>| {
        let node = n.accesskit_node();
        n.accesskit_node().role() == egui::accesskit::Role::Label
            && node.value().as_deref() == Some(term.definition.as_str())
    };
    let definitions =
        |h: &Harness<'_, BeaconApp>| h.root().children_recursive().filter(is_definition).count();
    let before = definitions(&harness);
    let rects = |h: &Harness<'_, BeaconApp>| -> Vec<egui::Rect> {
        h.root()
            .children_recursive()
            .filter(is_definition)
            .map(|n| n.rect())
            .collect()
    };
    let on_page = rects(&harness);
    harness
        .get_all_by_label(&link)
        .next()
        .expect("the term")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(&link)
        .next()
        .expect("the term")
        .click();
    harness.run();
    assert_eq!(
        definitions(&harness),
        before + 1,
        "a click (or a tap) opens the definition"
    );
    let popup = rects(&harness)
        .into_iter()
        .find(|r| !on_page.contains(r))
        .expect("the definition");
    let at = rect_of(&harness, &link);
    assert!(
        popup.top() >= at.bottom() - 1.0 && popup.top() < at.bottom() + 40.0,
        "the definition opens under the term"
    );
    press(&mut harness, Key::Escape);
    assert_eq!(definitions(&harness), before, "Esc closes it");
    assert!(
        matches!(harness.state().screen(), Screen::Lesson(_)),
        "and stays in the lesson"
    );
    // With the keyboard: focus alone covers nothing (a page may give a term its first focus,
    // and a tooltip shown for focus stayed over the menu bar once the term was scrolled away);
    // Space opens the definition, and Enter goes on as everywhere on a lesson page (a page
    // whose first control is a term stopped learners going through it with Enter).
    let focus_term = |harness: &mut Harness<'_, BeaconApp>| {
        harness
            .get_all_by_label(&link)
            .next()
            .expect("the term")
            .focus();
        harness.run();
    };
    focus_term(&mut harness);
    assert_eq!(
        definitions(&harness),
        before,
        "focus alone opens no definition over the text"
    );
    press(&mut harness, Key::Space);
    assert_eq!(definitions(&harness), before + 1, "Space opens it (once)");
    press(&mut harness, Key::Escape);
    assert_eq!(definitions(&harness), before, "Esc closes it");
    let page = match harness.state().screen() {
        Screen::Lesson(l) => l.page,
        _ => panic!("still in the lesson"),
    };
    focus_term(&mut harness);
    press(&mut harness, Key::Enter);
    assert!(
        matches!(harness.state().screen(), Screen::Lesson(l) if l.page != page),
        "Enter on a focused term goes on to the next page"
    );
}

/// Starts a quiz of the one question `id`.
fn quiz_of(harness: &mut Harness<'_, BeaconApp>, id: &str) {
    harness.state_mut().apply(beacon::ui::Action::StartQuiz {
        spec: beacon::quiz::QuizSpec {
            scope: beacon::quiz::Scope::Questions(vec![id.to_owned()]),
            count: 1,
            generated: false,
        },
        title: "One question".into(),
        module: None,
    });
    harness.run();
}

#[test]
fn dialogs_answer_to_the_keyboard_and_leaving_goes_where_asked() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    click(&mut harness, "Quick quiz");
    let first = current_item(&harness);
    // Esc asks; the dialog's safe button has focus, so Enter or Space acts at once.
    press(&mut harness, Key::Escape);
    assert!(shown(&harness, "Leave this quiz?"));
    assert_eq!(focused(&harness).as_deref(), Some("Keep going"));
    // Tab moves between the dialog's buttons and never to the page behind it.
    let mut seen = BTreeSet::new();
    for _ in 0..4 {
        press(&mut harness, Key::Tab);
        let label = focused(&harness).expect("focus stays in the dialog");
        assert!(
            label == "Keep going" || label == "Leave quiz",
            "Tab went to {label:?}, behind the dialog"
        );
        seen.insert(label);
    }
    assert_eq!(seen.len(), 2, "Tab reaches both buttons");
    assert!(shown(&harness, "Leave this quiz?"), "Tab chose nothing");
    // The dialog's button is drawn after the page's own "Leave quiz".
    let buttons = harness.get_all_by_label("Leave quiz").count();
    tab_to_nth(&mut harness, "Leave quiz", buttons - 1);
    assert!(shown(&harness, "Leave this quiz?"));
    press(&mut harness, Key::Enter);
    assert!(
        matches!(harness.state().screen(), Screen::Home),
        "Enter on Leave quiz leaves"
    );
    harness.state().flush();
    assert!(saved(data.path()).unfinished.is_some(), "the quiz is kept");

    // Starting another quiz asks about the unfinished one; Enter resumes it.
    click(&mut harness, "Quick quiz");
    assert!(shown(&harness, "You have an unfinished quiz"));
    assert_eq!(focused(&harness).as_deref(), Some("Resume it"));
    press(&mut harness, Key::Enter);
    assert_eq!(
        current_item(&harness).question.id,
        first.question.id,
        "the unfinished quiz is back"
    );

    // Leaving by a screen of the top bar goes to that screen, not to the course map.
    click(&mut harness, "Settings");
    assert!(shown(&harness, "Leave this quiz?"));
    let buttons = harness.get_all_by_label("Leave quiz").count();
    click_nth(&mut harness, "Leave quiz", buttons - 1);
    assert!(
        matches!(harness.state().screen(), Screen::Settings(_)),
        "got {}",
        harness.state().screen().name()
    );
}

#[test]
fn checking_a_case_study_with_a_blank_part_asks_first() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let id = course
        .modules
        .iter()
        .flat_map(|m| &m.questions)
        .find_map(|q| match &q.body {
            Body::Scenario { parts, .. }
                if parts.len() >= 2 && matches!(parts[0].body, Body::Single(_)) =>
            {
                Some(q.id.clone())
            }
            _ => None,
        })
        .expect("a case study starting with a single choice");
    quiz_of(&mut harness, &id);
    let feedback = |h: &Harness<'_, BeaconApp>| match h.state().screen() {
        Screen::Quiz(q) => q.feedback.clone(),
        _ => panic!("quiz"),
    };
    // Only the first part answered: Enter asks instead of checking.
    press(&mut harness, Key::Num1);
    press(&mut harness, Key::Enter);
    assert!(shown(&harness, "Check with parts unanswered?"));
    assert!(shown(&harness, "Part 2"), "the dialog names the blank part");
    assert!(feedback(&harness).is_none(), "nothing checked yet");
    assert_eq!(focused(&harness).as_deref(), Some("Keep answering"));
    press(&mut harness, Key::Enter);
    assert!(!shown(&harness, "Check with parts unanswered?"));
    assert!(
        feedback(&harness).is_none(),
        "keep answering checks nothing"
    );
    // Asked again, the learner checks it as it is: the blank part counts as not answered.
    press(&mut harness, Key::Enter);
    assert!(shown(&harness, "Check with parts unanswered?"));
    tab_to_nth(&mut harness, "Check it as it is", 0);
    press(&mut harness, Key::Enter);
    assert!(feedback(&harness).is_some(), "checked as it is");
}

#[test]
fn number_keys_typed_faster_than_a_frame_all_count() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let id = course
        .modules
        .iter()
        .flat_map(|m| &m.questions)
        .find_map(|q| match &q.body {
            Body::Multiple(c) if c.0.len() >= 4 => Some(q.id.clone()),
            _ => None,
        })
        .expect("a multiple-choice question with four choices");
    quiz_of(&mut harness, &id);
    let item = current_item(&harness);
    // Four keys within one frame (about 12 ms apart, as a quick typist does).
    for n in [1, 3, 4] {
        harness.key_press(digit(n));
    }
    harness.run();
    let ticked = match harness.state().screen() {
        Screen::Quiz(q) => match &q.input {
            beacon::ui::question::Input::Multiple(set) => set.clone(),
            other => panic!("multiple expected, got {other:?}"),
        },
        _ => panic!("quiz"),
    };
    let expected: BTreeSet<usize> = [1, 3, 4].iter().map(|n| item.order[n - 1]).collect();
    assert_eq!(ticked, expected, "every key counted, in one frame");
}

/// Whether the widget labelled `label` lies wholly inside the window and below the top bar,
/// which at 200% text is two rows of buttons tall.
fn below_top_bar(harness: &Harness<'_, BeaconApp>, label: &str, height: f32) -> bool {
    let rect = rect_of(harness, label);
    rect.top() >= top_bar_bottom(harness) && rect.bottom() <= height
}

/// Where the top bar ends.
fn top_bar_bottom(harness: &Harness<'_, BeaconApp>) -> f32 {
    ["Home", "History", "Settings", "About and help", "Profiles"]
        .iter()
        .map(|l| rect_of(harness, l).bottom())
        .fold(0.0, f32::max)
}

/// After Check, the learner's own choice and the verdict are both on screen (or, where they
/// cannot both fit, the feedback names the choice and the right one), whether Check was
/// clicked or the choice was picked with a number key and checked with Enter (which gives
/// "Next question" focus: that must not scroll the choice away), at 200% text in the two
/// smallest windows. The questions are the single-choice ones with the longest explanations,
/// whose feedback fills most of the view; the choice picked is the first one shown, the one
/// furthest above the feedback.
#[test]
fn the_chosen_answer_and_the_verdict_stay_in_view_after_check() {
    let mut spelled_out = Vec::new();
    for (size, by_keys) in [
        ([1024.0, 720.0], false),
        ([1024.0, 720.0], true),
        ([800.0, 600.0], false),
        ([800.0, 600.0], true),
    ] {
        let (_data, mut harness) = started(size, 200);
        let course = harness.state().course().clone();
        let mut single: Vec<_> = course
            .questions()
            .filter(|q| matches!(q.body, Body::Single(_)))
            .collect();
        single.sort_by_key(|q| std::cmp::Reverse(q.explanation.len()));
        for q in single.iter().take(4) {
            quiz_of(&mut harness, &q.id);
            let item = current_item(&harness);
            let Body::Single(choices) = &item.question.body else {
                unreachable!()
            };
            let wrong = item
                .order
                .iter()
                .position(|&i| !choices.0[i].correct)
                .expect("a wrong choice");
            let label = format!("{}. {}", wrong + 1, choices.0[item.order[wrong]].text);
            if by_keys {
                press(&mut harness, digit(wrong + 1));
                press(&mut harness, Key::Enter);
            } else {
                click(&mut harness, &label);
                click(&mut harness, "Check");
            }
            harness.run();
            let how = format!("{} at {size:?}, by keys {by_keys}", q.id);
            assert!(
                below_top_bar(&harness, "\u{2716} Not quite", size[1]),
                "the verdict is out of view ({:?}): {how}",
                rect_of(&harness, "\u{2716} Not quite")
            );
            // Where the choice cannot share the view with the verdict (the longest choices in
            // the smallest window), the feedback says in words what was picked and what is
            // right; only then.
            let yours = format!("Your answer: {}", choices.0[item.order[wrong]].text);
            let right = choices
                .0
                .iter()
                .find(|c| c.correct)
                .expect("a right choice");
            let right = format!("Right answer: {}", right.text);
            if below_top_bar(&harness, &label, size[1]) {
                assert!(!shown(&harness, &yours), "{how}");
                spelled_out.push(false);
            } else {
                assert!(below_top_bar(&harness, &yours, size[1]), "{how}");
                assert!(below_top_bar(&harness, &right, size[1]), "{how}");
                spelled_out.push(true);
            }
            click(&mut harness, "See results");
        }
    }
    assert!(
        spelled_out.contains(&true) && spelled_out.contains(&false),
        "both cases seen: {spelled_out:?}"
    );
}

/// A screen seen before opens at its top, not where it was left (egui keeps each scroll area's
/// offset, and eframe keeps it across runs: the course map reopened at its bottom, the results
/// half way down): the course map scrolled to its end, then History, then the map again.
#[test]
fn a_screen_seen_before_opens_at_its_top() {
    let (_data, mut harness) = started([800.0, 600.0], 100);
    let course = harness.state().course().clone();
    let top = "No reviews yet";
    let last = format!(
        "Start lesson: {}",
        course.modules.last().expect("a module").title
    );
    assert!(
        below_top_bar(&harness, top, 600.0),
        "the course map opens at its top"
    );
    press(&mut harness, Key::End);
    harness.run();
    assert!(
        below_top_bar(&harness, &last, 600.0) && !below_top_bar(&harness, top, 600.0),
        "End scrolls the course map to its end"
    );
    click(&mut harness, "History");
    assert!(matches!(harness.state().screen(), Screen::History));
    click(&mut harness, "Home");
    assert!(
        below_top_bar(&harness, top, 600.0),
        "the course map opens at its top again"
    );
}

/// The focus ring is drawn only where its control shows: Page Down that scrolls the focused
/// first choice of a long question under the top bar leaves no ring over the bar (it was drawn
/// across the menu at 200% text in 800x600).
#[test]
fn the_focus_ring_never_covers_the_top_bar() {
    let (_data, mut harness) = started([800.0, 600.0], 200);
    let course = harness.state().course().clone();
    let longest = course
        .questions()
        .filter(|q| matches!(q.body, Body::Single(_)))
        .max_by_key(|q| match &q.body {
            Body::Single(c) => q.prompt.len() + c.0.iter().map(|c| c.text.len()).sum::<usize>(),
            _ => 0,
        })
        .expect("a single-choice question");
    quiz_of(&mut harness, &longest.id);
    press(&mut harness, Key::Tab);
    let focused = |h: &Harness<'_, BeaconApp>| -> egui::Rect {
        let id = h
            .ctx
            .memory(egui::Memory::focused)
            .expect("a control has focus");
        h.ctx.read_response(id).expect("the focused control").rect
    };
    let ring_clips = |h: &Harness<'_, BeaconApp>| -> Vec<egui::Rect> {
        let ring = focused(h).expand(3.0);
        h.output()
            .shapes
            .iter()
            .filter(|c| matches!(&c.shape, egui::Shape::Rect(r) if r.rect == ring))
            .map(|c| c.clip_rect)
            .collect()
    };
    assert!(
        !ring_clips(&harness).is_empty(),
        "the focused choice has its ring"
    );
    let bar = top_bar_bottom(&harness);
    for _ in 0..4 {
        if focused(&harness).top() < bar {
            break;
        }
        press(&mut harness, Key::PageDown);
    }
    assert!(
        focused(&harness).top() < bar,
        "Page Down scrolls the focused choice under the top bar"
    );
    for clip in ring_clips(&harness) {
        assert!(
            clip.top() >= bar - 0.5,
            "the ring is drawn over the top bar (cut at {}, the bar ends at {bar})",
            clip.top()
        );
    }
}
