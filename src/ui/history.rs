//! Past attempts: the final assessment with passed or not, then each module's quizzes, then
//! quick quizzes, reviews and practice, each with date (in the app's time zone), score and time;
//! any attempt can be reopened to see its review.

use chrono::FixedOffset;
use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::plural::count;
use crate::progress::{AttemptRecord, Progress};

/// The groups of attempts shown, in order: a title and whether it is the final assessment.
fn groups<'p>(
    course: &Course,
    progress: &'p Progress,
) -> Vec<(String, bool, Vec<&'p AttemptRecord>)> {
    let attempts = &progress.attempts;
    let mut out = vec![(
        "Final assessment".to_owned(),
        true,
        attempts
            .iter()
            .filter(|a| a.info.assessment)
            .collect::<Vec<_>>(),
    )];
    for m in &course.modules {
        out.push((
            m.title.clone(),
            false,
            attempts
                .iter()
                .filter(|a| !a.info.assessment && a.info.module.as_deref() == Some(m.id.as_str()))
                .collect(),
        ));
    }
    // Attempts on modules that are no longer in the course are kept, under their own heading.
    out.push((
        "Modules no longer in the course".to_owned(),
        false,
        attempts
            .iter()
            .filter(|a| {
                !a.info.assessment
                    && a.info
                        .module
                        .as_deref()
                        .is_some_and(|m| course.module(m).is_none())
            })
            .collect(),
    ));
    out.push((
        "Quick quizzes, reviews and practice".to_owned(),
        false,
        attempts
            .iter()
            .filter(|a| !a.info.assessment && a.info.module.is_none())
            .collect(),
    ));
    out.retain(|(_, _, a)| !a.is_empty());
    out
}

/// Draws the history; dates are shown in `tz`.
pub fn ui(ui: &mut Ui, course: &Course, progress: &Progress, tz: FixedOffset) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "history", |ui| {
        widgets::heading(ui, "History");
        if progress.attempts.is_empty() {
            widgets::paragraph(
                ui,
                "No quizzes finished yet. Your attempts will be listed here with their date, score and time.",
            );
            return;
        }
        let total: f64 = progress.attempts.iter().map(|a| a.seconds).sum();
        ui.label(format!(
            "{} finished \u{00b7} {} answering questions",
            count(progress.attempts.len(), "quiz", "quizzes"),
            widgets::duration(total)
        ));
        ui.add_space(theme::GAP_SMALL);
        for (title, assessment, attempts) in groups(course, progress) {
            ui.add_space(theme::GAP_SMALL);
            ui.label(RichText::new(&title).text_style(theme::title()).strong());
            egui::Grid::new(("history", &title))
                .striped(true)
                .num_columns(if assessment { 6 } else { 5 })
                .spacing([20.0, 6.0])
                .show(ui, |ui| {
                    for head in ["Date", "Quiz", "Score"] {
                        ui.label(RichText::new(head).strong());
                    }
                    if assessment {
                        ui.label(RichText::new("Result").strong());
                    }
                    ui.label(RichText::new("Time").strong());
                    ui.label("");
                    ui.end_row();
                    for a in attempts.iter().rev() {
                        if let Some(id) = row_ui(ui, a, assessment, tz) {
                            action = Some(Action::OpenAttempt(id));
                        }
                        ui.end_row();
                    }
                });
        }
    });
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}

/// One attempt's row; returns its id when "Review" is pressed.
fn row_ui(ui: &mut Ui, a: &AttemptRecord, assessment: bool, tz: FixedOffset) -> Option<u64> {
    let p = theme::palette(ui.ctx());
    let date = a
        .finished
        .with_timezone(&tz)
        .format("%-d %b %Y, %H:%M")
        .to_string();
    ui.label(&date);
    ui.label(&a.info.title);
    ui.label(format!(
        "{}% ({} of {})",
        a.percent(),
        crate::quiz::format_score(a.score),
        a.max
    ));
    if assessment {
        match a.passed {
            Some(true) => ui.label(RichText::new("\u{2714} Passed").color(p.right)),
            Some(false) => ui.label(RichText::new("Not passed").color(p.partly)),
            None => ui.label("\u{2013}"),
        };
    }
    ui.label(widgets::duration(a.seconds));
    let b = widgets::button_for(
        ui,
        "Review",
        format!("Review the attempt: {}, {date}", a.info.title),
    );
    b.clicked().then_some(a.info.id)
}
