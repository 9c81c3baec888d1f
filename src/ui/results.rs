//! The result of a quiz: the score, a review of every question, "Try again with new questions"
//! and "Practise my mistakes".

use egui::{Label, RichText, Ui};

use super::{Action, Document, SaveTarget, theme, widgets};
use crate::content::Course;
use crate::documents::Paper;
use crate::progress::AttemptRecord;
use crate::progress::assessment;
use crate::quiz::{AttemptResult, Outcome, QuizSpec, Scope, describe};

/// A finished quiz shown to the learner.
#[derive(Debug)]
pub struct ResultsState {
    /// The graded attempt.
    pub result: AttemptResult,
    /// Its record as saved.
    pub record: AttemptRecord,
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
                crate::quiz::format_number((r.score * 10.0).round() / 10.0),
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
                let given = review
                    .given
                    .as_ref()
                    .map_or_else(|| "no answer".to_owned(), |g| describe(&q.body, g));
                ui.add(Label::new(format!("Your answer: {given}")).wrap());
                if review.outcome != Outcome::Right {
                    ui.add(
                        Label::new(format!(
                            "Right answer: {}",
                            describe(&q.body, &review.right)
                        ))
                        .wrap(),
                    );
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
