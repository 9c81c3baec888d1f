//! The learner's everyday path, driven as a person uses the app: a quiz can always be handed
//! in, a new quiz asks before it replaces an unfinished one, the course map points forward,
//! lessons say each thing once, feedback gives one verdict, History reopens attempts and lists
//! the final assessment, and statistics do not call a fact mastered on the day it was learnt.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::collections::HashMap;

use beacon::app::{BeaconApp, Options};
use beacon::content::{Body, Course, Question};
use beacon::lesson::Page;
use beacon::progress::{AttemptRecord, Progress, QuizInfo};
use beacon::quiz::{QuizSpec, Scope};
use beacon::ui::lesson::LessonState;
use beacon::ui::{Action, Screen};
use common::*;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Answers every question of the running quiz right and checks it, but stops before "See
/// results" on the last one; returns how many were answered.
fn answer_all_but_hand_in(harness: &mut Harness<'_, BeaconApp>) -> usize {
    let mut n = 0;
    loop {
        let item = current_item(harness);
        let mut nth = HashMap::new();
        answer_right(harness, &item.question.body, &item.order, &mut nth);
        click(harness, "Check");
        n += 1;
        if harness.query_by_label("See results").is_some() {
            return n;
        }
        click(harness, "Next question");
    }
}

/// Starts a quiz of these authored questions, as "Practise my mistakes" does.
fn quiz_of(harness: &mut Harness<'_, BeaconApp>, ids: &[&str]) {
    harness.state_mut().apply(Action::StartQuiz {
        spec: QuizSpec {
            scope: Scope::Questions(ids.iter().map(|s| (*s).to_owned()).collect()),
            count: ids.len(),
            generated: false,
        },
        title: "Practice".into(),
        module: None,
    });
    harness.run();
}

/// The first authored question for which `pick` is true.
fn find(course: &Course, pick: impl Fn(&Question) -> bool) -> Question {
    course
        .questions()
        .find(|q| pick(q))
        .cloned()
        .expect("such a question in the shipped course")
}

/// Leaves the running quiz through its confirmation.
fn leave_quiz(harness: &mut Harness<'_, BeaconApp>) {
    click(harness, "Leave quiz");
    let last = harness.get_all_by_label("Leave quiz").count() - 1;
    click_nth(harness, "Leave quiz", last);
    assert!(matches!(harness.state().screen(), Screen::Home));
}

fn lesson_page(harness: &Harness<'_, BeaconApp>) -> (String, usize) {
    match harness.state().screen() {
        Screen::Lesson(l) => (l.module.clone(), l.page),
        other => panic!("expected a lesson, got {}", other.name()),
    }
}

#[test]
fn a_quiz_answered_to_the_end_is_handed_in_after_closing_or_leaving() {
    let (data, mut harness) = learner("Ana");
    let module = harness.state().course().modules[0].title.clone();
    click(&mut harness, &format!("Take the quiz: {module}"));
    let total = answer_all_but_hand_in(&mut harness);
    // Beacon is closed here, before "See results".
    harness.state().flush();
    drop(harness);

    let mut harness = app(data.path());
    assert!(shown(&harness, &format!("Resume the quiz: {module}")));
    click(&mut harness, "Continue where you left off");
    assert!(
        matches!(harness.state().screen(), Screen::Results(_)),
        "the finished quiz is handed in, not stuck on its last question"
    );
    assert!(shown(&harness, &format!("{total} of {total} (100%)")));
    assert!(
        shown(
            &harness,
            "\u{2714} Passed: the pass mark for a module is 80%."
        ),
        "a module quiz says passed against the course's threshold"
    );
    harness.state().flush();
    let p = saved(data.path());
    assert_eq!(p.attempts.len(), 1);
    assert!(p.unfinished.is_none());

    // Leaving instead of closing: the course map's resume button hands it in too.
    click(&mut harness, "Back to the course map");
    click(&mut harness, &format!("Take the quiz: {module}"));
    answer_all_but_hand_in(&mut harness);
    harness.key_press(Key::Escape);
    harness.run();
    let last = harness.get_all_by_label("Leave quiz").count() - 1;
    click_nth(&mut harness, "Leave quiz", last);
    click(&mut harness, "Resume unfinished quiz");
    assert!(matches!(harness.state().screen(), Screen::Results(_)));
    assert_eq!(harness.state().progress().attempts.len(), 2);
    assert!(harness.state().progress().unfinished.is_none());
}

#[test]
fn starting_another_quiz_asks_to_resume_or_discard_the_unfinished_one() {
    let (data, mut harness) = learner("");
    click(&mut harness, "Quick quiz");
    let item = current_item(&harness);
    answer_right(
        &mut harness,
        &item.question.body,
        &item.order,
        &mut HashMap::new(),
    );
    click(&mut harness, "Check");
    click(&mut harness, "Next question");
    leave_quiz(&mut harness);
    let module = harness.state().course().modules[1].clone();
    let take = format!("Take the quiz: {}", module.title);

    click(&mut harness, &take);
    assert!(shown(&harness, "You have an unfinished quiz"));
    assert!(shown(
        &harness,
        "\u{201c}Quick quiz\u{201d}: 1 of 10 questions answered."
    ));
    assert!(matches!(harness.state().screen(), Screen::Home));
    click(&mut harness, "Cancel");
    assert!(!shown(&harness, "You have an unfinished quiz"));
    assert!(
        harness
            .state()
            .progress()
            .unfinished
            .as_ref()
            .is_some_and(|u| u.info.title == "Quick quiz"),
        "cancel keeps it"
    );

    click(&mut harness, &take);
    click(&mut harness, "Resume it");
    assert!(matches!(harness.state().screen(), Screen::Quiz(q) if q.info.title == "Quick quiz"));
    assert!(shown(&harness, "Question 2 of 10"));
    leave_quiz(&mut harness);

    click(&mut harness, &take);
    click(&mut harness, "Discard it and start the new quiz");
    leave_quiz(&mut harness);
    // The module's card says its quiz is not finished and resumes it.
    assert!(shown(
        &harness,
        "Quiz not finished: 0 of 10 questions answered"
    ));
    assert!(
        harness
            .query_by_label(&format!("Take the quiz: {}", module.title))
            .is_none(),
        "Take the quiz gives way to Resume the quiz"
    );
    click(
        &mut harness,
        &format!("Resume the unfinished quiz: {}", module.title),
    );
    assert!(
        matches!(harness.state().screen(), Screen::Quiz(q) if q.info.module.as_deref() == Some(module.id.as_str()))
    );
    assert!(shown(&harness, "Question 1 of 10"));
    assert!(
        matches!(harness.state().screen(), Screen::Quiz(q) if q.info.module.as_deref() == Some(module.id.as_str()))
    );
    harness.state().flush();
    let p = saved(data.path());
    assert_eq!(
        p.unfinished.map(|u| u.info.title),
        Some(module.title.clone()),
        "the new quiz is the unfinished one now"
    );
    assert_eq!(p.answers.len(), 1, "the discarded quiz's answer is kept");
}

#[test]
fn the_course_map_points_forward_from_the_first_visit_to_the_last_lesson() {
    let (_data, mut harness) = learner("Ana");
    let course = harness.state().course().clone();
    assert!(shown(&harness, "Welcome, Ana."));
    assert!(
        !shown(&harness, "Welcome back"),
        "a first visit is no return"
    );
    assert!(
        !shown(&harness, "reviews due") && !shown(&harness, "review due"),
        "no reviews of facts never taught"
    );
    assert!(shown(&harness, "Start the first lesson"));
    assert!(shown(
        &harness,
        &format!("Lessons read: 0 of {}", course.modules.len())
    ));
    for m in &course.modules {
        let length = beacon::lesson::lesson(&course, m).length();
        assert!(length.minutes >= 1);
        assert!(
            shown(&harness, &beacon::ui::home::length_words(length)),
            "{} says its length",
            m.id
        );
    }

    // The first lesson read to its recap: "Continue" goes to the next lesson, not the recap.
    click(&mut harness, "Start the first lesson");
    assert_eq!(lesson_page(&harness), (course.modules[0].id.clone(), 0));
    while harness.query_by_label("Next page").is_some() {
        click(&mut harness, "Next page");
    }
    click(&mut harness, "Back to the course map");
    let pages = beacon::lesson::lesson(&course, &course.modules[0])
        .pages
        .len();
    assert!(shown(&harness, &format!("Pages read: {pages} of {pages}")));
    assert!(
        shown(&harness, "reviews due"),
        "reviews start from what was taught"
    );
    assert!(shown(&harness, &format!("2. {}", course.modules[1].title)));
    click(&mut harness, "Start the next lesson");
    assert_eq!(lesson_page(&harness), (course.modules[1].id.clone(), 0));

    // Every lesson read, each one's last page leading to the next.
    loop {
        if harness.query_by_label("Next page").is_some() {
            click(&mut harness, "Next page");
        } else if harness.query_by_label_contains("Next lesson").is_some() {
            click_containing(&mut harness, "Next lesson");
        } else {
            break;
        }
    }
    let last = course.modules.last().expect("a module");
    assert_eq!(lesson_page(&harness).0, last.id);
    click(&mut harness, "Back to the course map");
    assert!(!shown(&harness, "Start the first lesson"));
    assert!(shown(&harness, "Continue with your reviews"));
    assert!(shown(
        &harness,
        &format!("Lessons read: {0} of {0}", course.modules.len())
    ));
}

#[test]
fn a_lesson_page_says_each_fact_once_and_names_its_sources_once() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    let module = course.module("palermo").expect("module");
    let lesson = beacon::lesson::lesson(&course, module);
    click(&mut harness, &format!("Start lesson: {}", module.title));
    let mut repeated_before = 0;
    for (n, page) in lesson.pages.iter().enumerate() {
        assert_eq!(lesson_page(&harness).1, n);
        if let Page::Section { points, .. } = page {
            for p in points.iter().filter(|p| p.in_text) {
                repeated_before += 1;
                assert!(
                    harness.query_by_label(&p.text).is_none(),
                    "{} is said in the paragraph and again as a key point",
                    p.fact
                );
            }
            assert_eq!(
                harness.query_all_by_label_contains("Source").count(),
                1,
                "page {n} names its sources once"
            );
        }
        if n + 1 < lesson.pages.len() {
            click(&mut harness, "Next page");
        }
    }
    assert!(repeated_before > 0, "the paragraphs retell some facts");
}

#[test]
fn the_recap_ticks_only_the_objectives_whose_checks_were_answered_right() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    let module = course.module("definition").expect("module");
    click(&mut harness, &format!("Start lesson: {}", module.title));
    click(&mut harness, "Next page");
    // Answer the first section's checks right; leave the others unanswered.
    let items = page_checks(&harness);
    let checks: Vec<String> = items.iter().map(|i| i.question.id.clone()).collect();
    assert!(!checks.is_empty(), "the first section has checks");
    let mut nth = HashMap::new();
    for item in &items {
        answer_right(&mut harness, &item.question.body, &item.order, &mut nth);
        let label = format!(
            "Check: {}",
            item.question.prompt.chars().take(50).collect::<String>()
        );
        click(&mut harness, &label);
    }
    while harness.query_by_label("Next page").is_some() {
        click(&mut harness, "Next page");
    }
    let Some(Page::Recap { objectives, .. }) = beacon::lesson::lesson(&course, module)
        .pages
        .last()
        .cloned()
    else {
        panic!("a recap")
    };
    let (mut ticked, mut open) = (0, 0);
    for o in &objectives {
        let met = !o.checks.is_empty() && o.checks.iter().all(|c| checks.contains(c));
        assert_eq!(
            shown(&harness, &format!("\u{2714} {}", o.text)),
            met,
            "{}",
            o.text
        );
        assert_eq!(
            shown(&harness, &format!("\u{25cb} {}", o.text)),
            !met,
            "{}",
            o.text
        );
        if met {
            ticked += 1;
        } else {
            open += 1;
        }
    }
    assert!(ticked >= 1 && open >= 1, "{ticked} ticked, {open} open");
}

#[test]
fn a_lesson_ends_with_next_lesson_and_enter_takes_it() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    click(
        &mut harness,
        &format!("Start lesson: {}", course.modules[0].title),
    );
    while harness.query_by_label("Next page").is_some() {
        click(&mut harness, "Next page");
    }
    assert!(shown(&harness, "Remember"), "the recap page");
    assert!(shown(
        &harness,
        &format!("Next lesson: {}", course.modules[1].title)
    ));
    assert!(shown(&harness, "Take the module quiz"));
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        lesson_page(&harness),
        (course.modules[1].id.clone(), 0),
        "Enter on the last page opens the next lesson"
    );
}

#[test]
fn a_lesson_opened_twice_shows_its_checks_the_same_way() {
    let course = beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course;
    let progress = Progress::default();
    let mut shuffled = 0;
    for m in &course.modules {
        let a = LessonState::new(&course, m, 0, &progress);
        let b = LessonState::new(&course, m, 0, &progress);
        assert!(!a.checks.is_empty(), "{} has checks", m.id);
        for (id, check) in &a.checks {
            let again = &b.checks[id].item;
            assert_eq!(check.item.order, again.order, "{id}");
            assert_eq!(check.item.part_orders, again.part_orders, "{id}");
            shuffled += usize::from(check.item.order.iter().enumerate().any(|(k, &i)| k != i));
        }
    }
    assert!(
        shuffled > 5,
        "choices are shuffled ({shuffled}), the same way each time"
    );
}

#[test]
fn feedback_gives_one_verdict_and_keeps_the_choice_in_view() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    let q = find(&course, |q| matches!(q.body, Body::Single(_)));
    quiz_of(&mut harness, &[&q.id]);
    let (_, label, _) = first_wrong_choice(&current_item(&harness));
    click(&mut harness, &label);
    click(&mut harness, "Check");
    assert_eq!(
        harness.query_all_by_label_contains("Not quite").count(),
        1,
        "one verdict"
    );
    assert!(shown(&harness, "\u{2716} your answer"));
    assert!(shown(&harness, "\u{2714} right answer"));
    assert!(
        !shown(&harness, "Right answer:"),
        "the choices already mark the right answer"
    );
    let chosen = harness.get_by_label(&label);
    assert_eq!(
        chosen.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the choice stays selected after Check"
    );
}

#[test]
fn an_ordering_marked_partly_right_shows_the_items_in_place() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    let q = find(
        &course,
        |q| matches!(&q.body, Body::Ordering(i) if i.len() >= 4),
    );
    let Body::Ordering(items) = &q.body else {
        unreachable!()
    };
    quiz_of(&mut harness, &[&q.id]);
    // The right order with the last item moved to the front: no item on its own place, yet
    // all but one in the right order among themselves.
    let n = items.len();
    let target: Vec<usize> = std::iter::once(n - 1).chain(0..n - 1).collect();
    loop {
        let now = shown_order(&harness);
        let Some(pos) = (0..n).find(|&p| now[p] != target[p]) else {
            break;
        };
        click(&mut harness, &format!("Move up: {}", items[target[pos]]));
    }
    click(&mut harness, "Check");
    assert!(shown(&harness, "Partly right"));
    for (pos, &i) in target.iter().enumerate() {
        let state = if pos == 0 { "out of place" } else { "in place" };
        let label = format!("{}. {}: {state}", pos + 1, items[i]);
        assert!(shown(&harness, &label), "{label}");
    }
    assert!(
        shown(&harness, "Right answer:"),
        "the order itself is spelt out"
    );
}

#[test]
fn a_scenario_review_shows_the_case_and_each_part() {
    let (_data, mut harness) = learner("");
    let course = harness.state().course().clone();
    let q = find(&course, |q| matches!(q.body, Body::Scenario { .. }));
    let Body::Scenario { case, parts } = &q.body else {
        unreachable!()
    };
    quiz_of(&mut harness, &[&q.id]);
    click(&mut harness, "Skip");
    assert!(matches!(harness.state().screen(), Screen::Results(_)));
    assert!(shown(&harness, "The case"));
    assert!(shown(&harness, case), "the case text");
    for (k, part) in parts.iter().enumerate() {
        assert!(
            shown(&harness, &format!("Part {}. {}", k + 1, part.prompt)),
            "part {}",
            k + 1
        );
    }
}

#[test]
fn history_lists_the_final_assessment_and_reopens_any_attempt() {
    let data = tempfile::tempdir().expect("tmp");
    // Nine hours east of UTC: the quiz finished at 09:00 UTC is shown at 18:00.
    let tz = chrono::FixedOffset::east_opt(9 * 3600).expect("tz");
    let options = Options {
        tz,
        ..common::options(data.path(), &course_dir())
    };
    let mut harness = app_with(options.clone());
    welcome(&mut harness, "Ana");
    let course = harness.state().course().clone();
    let module = &course.modules[0];
    click(&mut harness, &format!("Take the quiz: {}", module.title));
    take_quiz_right(&mut harness);
    click(&mut harness, "History");
    assert!(shown(&harness, "1 quiz finished"));
    assert!(shown(&harness, "28 Nov 2026, 18:00"), "the app's time zone");
    harness.state().flush();
    drop(harness);

    // A failed final assessment and a quiz on a module since removed from the course.
    let mut p = saved(data.path());
    let info = |id: u64, title: &str, module: Option<&str>, assessment: bool| QuizInfo {
        id,
        spec: beacon::progress::assessment::spec(&course),
        seed: 5,
        title: title.to_owned(),
        module: module.map(str::to_owned),
        started: start(),
        review: false,
        assessment,
    };
    for (info, passed) in [
        (info(90, "Final assessment", None, true), Some(false)),
        (info(91, "An old module", Some("gone"), false), None),
    ] {
        p.attempts.push(AttemptRecord {
            info,
            finished: start() + chrono::Duration::minutes(11 * 60 + 30),
            score: 12.0,
            max: 20,
            seconds: 600.0,
            questions: Vec::new(),
            missed: Vec::new(),
            passed,
        });
    }
    std::fs::write(
        progress_path(data.path()),
        beacon::data::progress_file::encode(&p),
    )
    .expect("write progress");

    let mut harness = app_with(options);
    click(&mut harness, "History");
    assert!(shown(&harness, "3 quizzes finished"));
    assert!(shown(&harness, "Final assessment"));
    assert!(shown(&harness, "Result"));
    assert!(shown(&harness, "Not passed"));
    assert!(shown(&harness, "Modules no longer in the course"));
    assert!(shown(&harness, "An old module"));
    assert!(shown(&harness, "29 Nov 2026, 05:30"));
    assert!(shown(&harness, "60% (12 of 20)"));

    click_containing(
        &mut harness,
        &format!("Review the attempt: {}", module.title),
    );
    assert!(matches!(harness.state().screen(), Screen::Results(r) if r.from_history));
    assert!(shown(&harness, "10 of 10 (100%)"));
    let first = &harness.state().progress().attempts[0].questions[0];
    let prompt = match harness.state().screen() {
        Screen::Results(r) => r
            .result
            .reviews
            .iter()
            .find(|v| &v.item.question.id == first)
            .map(|v| v.item.question.prompt.clone())
            .expect("the first question reviewed"),
        _ => unreachable!(),
    };
    assert!(shown(&harness, &prompt));
    assert!(shown(&harness, "Your answer:"));
    click(&mut harness, "Back to History");
    assert!(matches!(harness.state().screen(), Screen::History));
}

#[test]
fn statistics_do_not_call_facts_mastered_on_the_day_they_are_first_answered() {
    let data = tempfile::tempdir().expect("tmp");
    let (clock, options) = clocked(data.path());
    let mut harness = app_with(options.clone());
    welcome(&mut harness, "");
    let course = harness.state().course().clone();
    let module = &course.modules[0];
    click(&mut harness, &format!("Take the quiz: {}", module.title));
    take_quiz_right(&mut harness);
    click(&mut harness, "Statistics");
    let facts = module.facts.len();
    let memory = &harness.state().progress().memory;
    let seen = module
        .facts
        .iter()
        .filter(|f| memory.contains_key(&f.id))
        .count();
    assert!(seen > 0);
    assert!(
        shown(
            &harness,
            &format!("{seen} of {facts} facts practised \u{00b7} 0 mastered")
        ),
        "a score on the day of learning is no mastery"
    );
    assert!(shown(&harness, "Weakest facts"));
    assert_eq!(
        harness
            .query_all_by_label_contains("likely recalled in a week: 100%")
            .count(),
        0,
        "the weakest facts do not all read 100%"
    );
    assert!(shown(&harness, "No answers") && shown(&harness, "Most answers in a day"));
    harness.state().flush();
    drop(harness);

    // Days later the same facts are recalled again: now they count as mastered.
    clock.advance(chrono::Duration::days(3));
    let mut harness = app_with(options);
    let ids: Vec<String> = saved(data.path()).attempts[0].questions.clone();
    let authored: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| course.question(id).is_some())
        .collect();
    quiz_of(&mut harness, &authored);
    take_quiz_right(&mut harness);
    click(&mut harness, "Statistics");
    let mastered = harness
        .state()
        .progress()
        .memory
        .values()
        .filter(|m| beacon::progress::review::is_mastered(m, start() + chrono::Duration::days(3)))
        .count();
    assert!(mastered > 0);
    assert!(shown(&harness, &format!("\u{00b7} {mastered} mastered")));
}
