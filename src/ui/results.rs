//! The result of a quiz: the score, a review of every question, "Try again with new questions"
//! and "Practise my mistakes".

use egui::{Label, RichText, Ui};

use super::{Action, Document, SaveTarget, theme, widgets};
use crate::content::{Body, Course, Part};
use crate::documents::Paper;
use crate::progress::AttemptRecord;
use crate::progress::assessment;
use crate::quiz::{self, AttemptResult, Outcome, QuizSpec, Response, Scope, describe};

/// A finished quiz shown to the learner.
#[derive(Debug)]
pub struct ResultsState {
    /// The graded attempt.
    pub result: AttemptResult,
    /// Its record as saved.
    pub record: AttemptRecord,
    /// Whether it was reopened from History (rather than just finished).
    pub from_history: bool,
}

/// Draws the results.
pub fn ui(ui: &mut Ui, course: &Course, state: &ResultsState) -> Option<Action> {
    let mut action = None;
    let r = &state.result;
    widgets::page(ui, "results", |ui| {
        let p = theme::palette(ui.ctx());
        ui.label(RichText::new(&state.record.info.title).color(p.muted));
        widgets::heading(ui, "Your result");
        let percent = state.record.percent();
        ui.label(
            RichText::new(format!(
                "{} of {} ({percent}%)",
                crate::quiz::format_score(r.score),
                r.max
            ))
            .text_style(theme::title())
            .strong(),
        );
        widgets::bar(ui, r.fraction() as f32, &format!("Score {percent}%"));
        let right = r
            .reviews
            .iter()
            .filter(|v| v.outcome == Outcome::Right)
            .count();
        let partly = r
            .reviews
            .iter()
            .filter(|v| v.outcome == Outcome::PartlyRight)
            .count();
        let skipped = r
            .reviews
            .iter()
            .filter(|v| v.outcome == Outcome::Skipped)
            .count();
        ui.label(format!(
            "{right} right, {partly} partly right, {} not quite, {skipped} skipped \u{00b7} time {}",
            r.max - right - partly - skipped,
            widgets::duration(state.record.seconds)
        ));
        if let Some(passed) = state.record.passed {
            ui.add_space(theme::GAP_SMALL);
            assessment_ui(ui, course, state, passed, &mut action);
        } else if state.record.info.module.is_some() && !state.record.info.review {
            ui.add_space(theme::GAP_SMALL);
            module_verdict_ui(ui, course, state);
        }
        ui.add_space(theme::GAP_SMALL);
        ui.horizontal_wrapped(|ui| {
            if !state.record.info.assessment {
                if widgets::primary(ui, "Try again with new questions").clicked() {
                    action = Some(Action::StartQuiz {
                        spec: state.record.info.spec.clone(),
                        title: state.record.info.title.clone(),
                        module: state.record.info.module.clone(),
                    });
                }
                let missed = r.missed();
                if !missed.is_empty() && ui.button("Practise my mistakes").clicked() {
                    action = Some(Action::StartQuiz {
                        spec: QuizSpec {
                            scope: Scope::Questions(missed.clone()),
                            count: missed.len(),
                            generated: false,
                        },
                        title: format!("Practice: {}", state.record.info.title),
                        module: None,
                    });
                }
            }
            if state.from_history && ui.button("Back to History").clicked() {
                action = Some(Action::Go(super::Nav::History));
            }
            if ui.button("Back to the course map").clicked() {
                action = Some(Action::Go(super::Nav::Home));
            }
        });
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Review").text_style(theme::title()).strong());
        for (n, review) in r.reviews.iter().enumerate() {
            let q = &review.item.question;
            let (icon, color) = match review.outcome {
                Outcome::Right => ("\u{2714}", p.right),
                Outcome::PartlyRight => ("\u{25d1}", p.partly),
                Outcome::Wrong => ("\u{2716}", p.wrong),
                Outcome::Skipped => ("\u{2013}", p.muted),
            };
            theme::card(ui.ctx()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!("{icon} {}. {}", n + 1, review.outcome.label()))
                        .color(color)
                        .strong(),
                );
                ui.add(Label::new(RichText::new(&q.prompt).strong()).wrap());
                match &q.body {
                    Body::Scenario { case, parts } => {
                        scenario_review_ui(ui, case, parts, review.given.as_ref());
                    }
                    body => answers_ui(ui, body, review.given.as_ref(), &review.right),
                }
                ui.add(Label::new(RichText::new(&q.explanation).color(p.muted)).wrap());
                if !review.sources.is_empty() {
                    widgets::muted(ui, &format!("Source: {}", review.sources.join("; ")));
                }
            });
            ui.add_space(theme::GAP_SMALL);
        }
    });
    if action.is_none() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}

/// "Your answer" and, when it is not right, the right answer.
fn answers_ui(ui: &mut Ui, body: &Body, given: Option<&Response>, right: &Response) {
    let given_words = given.map_or_else(|| "no answer".to_owned(), |g| describe(body, g));
    ui.add(Label::new(format!("Your answer: {given_words}")).wrap());
    if given.is_none_or(|g| quiz::grade(body, g) < 1.0 - 1e-9) {
        ui.add(Label::new(format!("Right answer: {}", describe(body, right))).wrap());
    }
}

/// A scenario's review: the case, then each part with its prompt, the answer given, the right
/// answer where it differs, and the part's explanation.
fn scenario_review_ui(ui: &mut Ui, case: &str, parts: &[Part], given: Option<&Response>) {
    let p = theme::palette(ui.ctx());
    theme::card(ui.ctx())
        .fill(ui.visuals().extreme_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("The case").strong());
            ui.add(Label::new(case).wrap());
        });
    let answers: &[Option<Response>] = match given {
        Some(Response::Parts(a)) => a,
        _ => &[],
    };
    for (k, part) in parts.iter().enumerate() {
        ui.add_space(theme::GAP_SMALL / 2.0);
        let answer = answers.get(k).and_then(Option::as_ref);
        let outcome = answer.map_or(Outcome::Skipped, |a| {
            Outcome::of(quiz::grade(&part.body, a))
        });
        let color = match outcome {
            Outcome::Right => p.right,
            Outcome::PartlyRight => p.partly,
            Outcome::Wrong | Outcome::Skipped => p.wrong,
        };
        ui.add(
            Label::new(
                RichText::new(format!(
                    "Part {}. {} \u{2013} {}",
                    k + 1,
                    part.prompt,
                    outcome.label()
                ))
                .strong()
                .color(color),
            )
            .wrap(),
        );
        answers_ui(ui, &part.body, answer, &quiz::right_response(&part.body));
        if let Some(e) = &part.explanation {
            ui.add(Label::new(RichText::new(e).color(p.muted)).wrap());
        }
    }
}

/// A module quiz's result against the course's mastery threshold: passed, or not yet.
fn module_verdict_ui(ui: &mut Ui, course: &Course, state: &ResultsState) {
    let p = theme::palette(ui.ctx());
    let mark = course.info.assessment.module_pass_mark;
    let passed = state.record.percent() >= u32::from(mark);
    let (text, color) = if passed {
        (
            format!("\u{2714} Passed: the pass mark for a module is {mark}%."),
            p.right,
        )
    } else {
        (
            format!(
                "Not passed yet: the pass mark for a module is {mark}%. Look at the review \
                 below, read the lesson again where you missed something, then try again."
            ),
            p.partly,
        )
    };
    ui.add(Label::new(RichText::new(text).strong().color(color)).wrap());
}

/// Passed or not, with the certificate after a pass and what to revise after a fail.
fn assessment_ui(
    ui: &mut Ui,
    course: &Course,
    state: &ResultsState,
    passed: bool,
    action: &mut Option<Action>,
) {
    let p = theme::palette(ui.ctx());
    let mark = course.info.assessment.pass_mark;
    let color = if passed { p.right } else { p.partly };
    theme::card(ui.ctx()).stroke(egui::Stroke::new(1.5, color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if passed {
            ui.label(RichText::new(format!("\u{2714} Passed: the pass mark is {mark}%")).heading().color(color));
            widgets::paragraph(ui, "Well done. You can save your certificate of completion now, or later from the course map.");
            for (paper, label) in [(Paper::A4, "A4"), (Paper::Letter, "US Letter")] {
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("Certificate ({label})"));
                    for (target, text) in [(SaveTarget::Dialog, "Save as\u{2026}"), (SaveTarget::DataFolder, "Save in the data folder")] {
                        let b = widgets::button_for(ui, text, format!("Certificate {label}: {text}"));
                        if b.clicked() {
                            *action = Some(Action::Save {
                                document: Document::Certificate {
                                    attempt: state.record.info.id,
                                    paper,
                                    name: None,
                                },
                                target,
                            });
                        }
                    }
                });
            }
        } else {
            ui.label(RichText::new(format!("Not passed yet: the pass mark is {mark}%")).heading().color(color));
            widgets::paragraph(ui, "Revise these lesson pages, then try again.");
            for (module, page, title) in assessment::to_revise(course, &state.result.missed()) {
                ui.horizontal_wrapped(|ui| {
                    ui.add(Label::new(format!("\u{2022} {title}")).wrap());
                    let b = widgets::button_for(ui, "Open", format!("Open {title}"));
                    if b.clicked() {
                        *action = Some(Action::OpenLesson {
                            module: module.clone(),
                            page: Some(page),
                        });
                    }
                });
            }
        }
    });
}
