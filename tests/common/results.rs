//! Results of a class for the class report: two computers' exports (CSV and xAPI) of twelve
//! learners who took the final assessment, made from progress records, and a way to drop
//! files on the window.

#![allow(dead_code)] // each test file uses its own share of the helpers
#![allow(clippy::expect_used, clippy::missing_panics_doc)] // a test that cannot set up should stop loudly

use std::path::{Path, PathBuf};
use std::sync::Arc;

use beacon::app::BeaconApp;
use beacon::content::{Body, Course};
use beacon::formats::{Learner, results_csv, xapi};
use beacon::progress::{AnswerRecord, AttemptRecord, Progress, QuizInfo};
use beacon::quiz::{Outcome, QuizSpec, Response, Scope, right_response};
use chrono::Duration;
use egui_kittest::Harness;

use super::start;

/// A file dropped on the window, read from disk.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The questions of the test: the first single-choice and true/false questions of the course.
pub fn test_questions(course: &Course) -> Vec<String> {
    course
        .questions()
        .filter(|q| matches!(q.body, Body::Single(_) | Body::TrueFalse(_)))
        .take(10)
        .map(|q| q.id.clone())
        .collect()
}

/// A wrong response to a choice or true/false question.
pub fn wrong(body: &Body) -> Response {
    match body {
        Body::Single(c) => Response::Choice(c.0.iter().position(|c| !c.correct).unwrap_or(0)),
        Body::TrueFalse(b) => Response::Bool(!b),
        _ => unreachable!("only choice and true/false questions are used"),
    }
}

/// Learner `n` of 12 took the final assessment once (the first four twice): the stronger the
/// learner, the more questions right, except the "bad" question, which only weak learners get.
pub fn progress(course: &Course, n: usize, questions: &[String]) -> Progress {
    let mut p = Progress::default();
    let attempts = if n < 4 { 2 } else { 1 };
    for k in 0..attempts {
        let id = p.next_attempt_id();
        let small = |x: usize| i64::try_from(x).expect("small");
        let started = start() + Duration::days(small(k)) + Duration::minutes(small(n));
        let mut score = 0.0;
        let mut missed = Vec::new();
        for (i, q) in questions.iter().enumerate() {
            let question = course.question(q).expect("in the course");
            // Question i is right for learners above i; question 0 the other way round.
            let right = if i == 0 { n < 5 } else { n + k > i };
            let response = if right {
                right_response(&question.body)
            } else {
                wrong(&question.body)
            };
            score += f64::from(u8::from(right));
            if !right {
                missed.push(q.clone());
            }
            p.answers.push(AnswerRecord {
                question: q.clone(),
                module: course.module_of_question(q).expect("module").id.clone(),
                at: started + Duration::seconds(30 * small(i)),
                outcome: if right {
                    Outcome::Right
                } else {
                    Outcome::Wrong
                },
                score: f64::from(u8::from(right)),
                seconds: 20.0,
                attempt: Some(id),
                response: Some(response),
            });
        }
        p.attempts.push(AttemptRecord {
            info: QuizInfo {
                id,
                spec: QuizSpec {
                    scope: Scope::Course,
                    count: questions.len(),
                    generated: false,
                },
                seed: 1,
                title: "Final assessment".into(),
                module: None,
                started,
                review: false,
                assessment: true,
            },
            finished: started + Duration::minutes(6),
            score,
            max: questions.len(),
            seconds: 200.0,
            questions: questions.to_vec(),
            missed,
            passed: Some(score >= 8.0),
        });
    }
    p
}

/// Writes computer A's results as CSV (learners 0-5) and computer B's as xAPI (6-11).
pub fn result_files(dir: &Path, course: &Course) -> (Vec<PathBuf>, Vec<String>) {
    let questions = test_questions(course);
    let people: Vec<(String, String, String, Progress)> = (0..12)
        .map(|n| {
            (
                format!("p{}", n % 6 + 1),
                format!("00000000-0000-4000-8000-{n:012}"),
                format!("Learner {n}"),
                progress(course, n, &questions),
            )
        })
        .collect();
    let learners: Vec<Learner<'_>> = people
        .iter()
        .map(|(id, uuid, name, progress)| Learner {
            id,
            uuid,
            name,
            progress,
        })
        .collect();
    let a = dir.join("computer-a.csv");
    let b = dir.join("computer-b.json");
    std::fs::write(&a, results_csv::csv(course, &learners[..6]).expect("csv")).expect("write");
    std::fs::write(
        &b,
        serde_json::to_vec(&xapi::xapi(course, &learners[6..])).expect("json"),
    )
    .expect("write");
    (vec![a, b], questions)
}

/// Drops files on the window, as a person drags them from a file manager.
pub fn drop_files(harness: &mut Harness<'_, BeaconApp>, paths: &[PathBuf]) {
    harness.input_mut().dropped_files = paths
        .iter()
        .map(|p| Arc::new(Dropped(p.clone())) as egui::DroppedFileHandle)
        .collect();
    harness.run();
}
