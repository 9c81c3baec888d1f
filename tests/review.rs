//! Spaced review: the queue as the clock moves 1, 7 and 30 days, new facts per day, a full
//! review session in the app, the statistics screen, and loading a version 1 progress file.

#![allow(clippy::expect_used)] // a test that cannot set up should stop loudly

mod common;

use std::collections::HashSet;

use beacon::content::Course;
use beacon::data::progress_file::FILE;
use beacon::progress::{Progress, Scheduler, review};
use beacon::quiz::Outcome;
use beacon::ui::Screen;
use chrono::{Duration, FixedOffset};
use common::*;
use egui_kittest::kittest::Queryable as _;

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("utc")
}

fn course() -> Course {
    beacon::storage::folder::load_folder(&course_dir())
        .expect("course")
        .course
}

#[test]
fn the_queue_after_moving_the_clock_1_7_and_30_days() {
    let course = course();
    let scheduler = Scheduler::new(0.9);
    let t0 = start();
    let mut p = Progress::default();
    // Answer single-fact questions of one module: wrong, right, and right fast.
    let module = course.module("palermo").expect("module");
    let single: Vec<_> = module
        .questions
        .iter()
        .filter(|q| q.facts.len() == 1)
        .collect();
    let (mut wrong, mut right, mut easy) = (HashSet::new(), HashSet::new(), HashSet::new());
    for (i, q) in single.iter().enumerate() {
        let fact = q.facts[0].clone();
        if wrong.contains(&fact) || right.contains(&fact) || easy.contains(&fact) {
            continue;
        }
        let (outcome, seconds, set) = match i % 3 {
            0 => (Outcome::Wrong, 20.0, &mut wrong),
            1 => (Outcome::Right, 60.0, &mut right),
            _ => (Outcome::Right, 1.0, &mut easy),
        };
        review::remember(&mut p, &scheduler, q, outcome, seconds, t0);
        set.insert(fact);
    }
    assert!(!wrong.is_empty() && !right.is_empty() && !easy.is_empty());
    let due_at = |days: i64| -> HashSet<String> {
        review::queue(&course, &p, t0 + Duration::days(days), utc())
            .due
            .into_iter()
            .collect()
    };
    assert!(due_at(0).is_empty(), "nothing is due right after answering");
    let one = due_at(1);
    let seven = due_at(7);
    let thirty = due_at(30);
    assert!(
        wrong.is_subset(&one),
        "forgotten facts come back the next day"
    );
    assert!(right.is_disjoint(&one) && easy.is_disjoint(&one));
    assert!(
        right.is_subset(&seven),
        "remembered facts are due within a week"
    );
    assert!(
        easy.is_disjoint(&seven),
        "easily remembered facts wait longer"
    );
    assert!(easy.is_subset(&thirty));
    assert!(
        one.is_subset(&seven) && seven.is_subset(&thirty),
        "what is due stays due until reviewed"
    );
    for id in &thirty {
        assert!(p.memory[id].due <= t0 + Duration::days(30));
    }
}

#[test]
fn new_facts_per_day_are_limited_and_renewed_each_day() {
    let course = course();
    let scheduler = Scheduler::new(0.9);
    let t0 = start();
    let mut p = Progress::default();
    p.settings.new_per_day = 5;
    assert!(
        review::queue(&course, &p, t0, utc()).is_empty(),
        "no new facts before any lesson is read"
    );
    for m in &course.modules {
        let pages = beacon::lesson::lesson(&course, m).pages.len();
        p.lessons.entry(m.id.clone()).or_default().pages_read = (0..pages).collect();
    }
    let q = review::queue(&course, &p, t0, utc());
    assert!(q.due.is_empty());
    assert_eq!(q.new.len(), 5);
    // Learn those five today: no more new facts today, five more tomorrow.
    for fact in &q.new {
        let question = course
            .questions()
            .find(|x| x.facts.contains(fact))
            .expect("a question");
        review::remember(&mut p, &scheduler, question, Outcome::Right, 30.0, t0);
    }
    assert!(review::queue(&course, &p, t0, utc()).new.is_empty());
    let tomorrow = review::queue(&course, &p, t0 + Duration::days(1), utc());
    assert_eq!(tomorrow.new.len(), 5);
    assert!(
        tomorrow.new.iter().all(|f| !q.new.contains(f)),
        "new means never seen"
    );
}

#[test]
fn a_review_asks_a_different_question_from_last_time_when_there_is_one() {
    let course = course();
    let scheduler = Scheduler::new(0.9);
    let mut p = Progress::default();
    let question = course
        .question("palermo.q-parties")
        .expect("palermo.q-parties is in the course");
    review::remember(&mut p, &scheduler, question, Outcome::Right, 30.0, start());
    let facts = question.facts.clone();
    assert!(
        course
            .questions()
            .any(|q| q.id != question.id && q.facts.iter().any(|f| facts.contains(f))),
        "another question tests the same fact, so there is a different one to ask"
    );
    for seed in 0..20 {
        let spec = review::quiz_for_facts(&course, &p, &facts, seed).expect("a quiz");
        let beacon::quiz::Scope::Questions(ids) = &spec.scope else {
            panic!("question scope")
        };
        assert!(
            !ids.contains(&question.id),
            "seed {seed} asked the same question again"
        );
    }
}

#[test]
fn a_full_review_session_in_the_app_then_days_later() {
    let data = tempfile::tempdir().expect("tmp");
    let (clock, options) = clocked(data.path());
    let mut harness = app_with(options.clone());
    welcome(&mut harness, "Ada");
    assert!(
        !shown(&harness, "reviews due") && shown(&harness, "No reviews yet"),
        "a new learner has no reviews of facts never taught"
    );
    let first = harness.state().course().modules[0].title.clone();
    read_lesson(&mut harness, &first);
    let per_day = harness.state().progress().settings.new_per_day;
    assert!(
        shown(&harness, &format!("{per_day} reviews due")),
        "the facts of the lesson read wait for review on day one"
    );
    assert!(shown(
        &harness,
        &format!("including {per_day} new facts from the lessons you read")
    ));
    click(&mut harness, "Start review");
    let total = match harness.state().screen() {
        Screen::Quiz(q) => {
            assert!(q.info.review);
            q.attempt.len()
        }
        _ => panic!("a review session"),
    };
    assert!(total >= 5, "one question per fact, {total} questions");
    take_quiz_right(&mut harness);
    assert!(shown(&harness, "Your result"));
    click(&mut harness, "Back to the course map");
    assert!(
        shown(&harness, "No reviews due"),
        "today's reviews are done"
    );
    harness.state().flush();
    let saved = saved(data.path());
    assert!(
        saved.memory.len() >= usize::from(per_day),
        "every reviewed fact has a memory state"
    );
    drop(harness);

    clock.advance(Duration::days(30));
    let mut harness = app_with(options);
    assert!(
        !shown(&harness, "No reviews due"),
        "30 days later reviews are due again"
    );
    click(&mut harness, "Start review");
    let asked = take_quiz_right(&mut harness);
    assert!(asked > 0);
    harness.state().flush();
    let later = self::saved(data.path());
    let moved = later.memory.values().filter(|m| m.reviews >= 2).count();
    assert!(moved > 0, "reviewed facts were rescheduled");
    assert!(
        later
            .memory
            .values()
            .filter(|m| m.reviews >= 2)
            .all(|m| m.due > start() + Duration::days(30))
    );
}

#[test]
fn the_statistics_screen_shows_the_charts_and_can_hide_the_streak() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    let module = harness.state().course().modules[0].title.clone();
    click(&mut harness, &format!("Take the quiz: {module}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Statistics");
    assert!(shown(
        &harness,
        "Line chart of quiz scores over time for 1 module"
    ));
    assert!(!shown(&harness, "1 modules"), "one module, singular");
    assert!(shown(
        &harness,
        "Activity calendar: 10 answers on 1 of the last 84 days"
    ));
    assert!(shown(&harness, "Bar chart:"));
    assert!(shown(&harness, "Streak: 1 day"));
    assert!(shown(&harness, "Weakest facts"));
    click(&mut harness, "Settings");
    click(&mut harness, "Show my streak of days in a row");
    click(&mut harness, "Statistics");
    assert!(!shown(&harness, "Streak"), "the streak can be hidden");
    assert!(shown(
        &harness,
        &format!("Review the weakest facts of {module}")
    ));
    click(
        &mut harness,
        &format!("Review the weakest facts of {module}"),
    );
    assert!(matches!(harness.state().screen(), Screen::Quiz(q) if q.info.review));
}

#[test]
fn home_shows_mastery_and_weak_spots_practice() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    assert!(
        harness.query_by_label("Practise weak spots").is_none(),
        "nothing to practise yet"
    );
    let module = harness.state().course().modules[0].title.clone();
    click(&mut harness, &format!("Take the quiz: {module}"));
    take_quiz_right(&mut harness);
    click(&mut harness, "Back to the course map");
    assert!(
        shown(&harness, "Mastery "),
        "a mastery bar on the course map"
    );
    click(&mut harness, "Practise weak spots");
    assert!(matches!(harness.state().screen(), Screen::Quiz(q) if q.info.title == "Weak spots"));
}

#[test]
fn a_version_1_progress_file_loads_without_loss() {
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/progress/v1.json"
    ))
    .expect("fixture");
    let old: serde_json::Value = serde_json::from_slice(&fixture).expect("json");
    assert_eq!(old["schema"], 1);
    let data = tempfile::tempdir().expect("tmp");
    std::fs::write(data.path().join(FILE), &fixture).expect("write");

    let mut harness = app(data.path());
    let p = harness.state().progress().clone();
    assert_eq!(p.schema, beacon::progress::SCHEMA);
    assert_eq!(
        p.learner.name,
        old["learner"]["name"].as_str().expect("name")
    );
    assert_eq!(
        p.answers.len(),
        old["answers"].as_array().expect("answers").len()
    );
    for (a, o) in p
        .answers
        .iter()
        .zip(old["answers"].as_array().expect("answers"))
    {
        assert_eq!(a.question, o["question"].as_str().expect("question"));
        assert_eq!(
            a.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            o["at"].as_str().expect("at")
        );
    }
    assert_eq!(
        p.attempts.len(),
        old["attempts"].as_array().expect("attempts").len()
    );
    assert_eq!(
        p.attempts[0].info.seed,
        old["attempts"][0]["seed"].as_u64().expect("seed")
    );
    assert_eq!(
        p.lessons.len(),
        old["lessons"].as_object().expect("lessons").len()
    );
    assert!(p.unfinished.is_some(), "the unfinished quiz survives");
    assert!(!p.memory.is_empty(), "memory rebuilt from the old answers");
    assert!(shown(&harness, "Welcome back,"));
    click(&mut harness, "Continue where you left off");
    assert!(
        shown(&harness, "Question 4 of 10"),
        "the old unfinished quiz resumes"
    );
    harness.state().flush();
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(progress_path(data.path())).expect("saved"))
            .expect("json");
    assert_eq!(saved["schema"], beacon::progress::SCHEMA);
    assert!(
        saved.get("answer_log").is_some() && saved.get("answers").is_none(),
        "written in the new layout"
    );
}

#[test]
fn review_settings_change_the_queue_and_are_saved() {
    let data = tempfile::tempdir().expect("tmp");
    let mut harness = app(data.path());
    welcome(&mut harness, "Ada");
    click(&mut harness, "Settings");
    harness
        .get_by_role_and_label(egui::Role::Slider, "New facts per day")
        .set_value_accesskit(3.0);
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::Slider, "Desired retention")
        .set_value_accesskit(80.0);
    harness.run();
    click(&mut harness, "Home");
    let first = harness.state().course().modules[0].title.clone();
    read_lesson(&mut harness, &first);
    assert!(shown(&harness, "3 reviews due"));
    harness.state().flush();
    let p = saved(data.path());
    assert_eq!(p.settings.new_per_day, 3);
    assert!((p.settings.desired_retention - 0.80).abs() < 1e-9);
}
