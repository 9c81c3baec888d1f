//! Past attempts per module with date, score and duration.

use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::progress::{AttemptRecord, Progress};

/// Draws the history.
pub fn ui(ui: &mut Ui, course: &Course, progress: &Progress) -> Option<Action> {
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
            "{} quizzes finished \u{00b7} {} answering questions",
            progress.attempts.len(),
            widgets::duration(total)
        ));
        ui.add_space(theme::GAP_SMALL);
        let mut groups: Vec<(String, Vec<&AttemptRecord>)> = course
            .modules
            .iter()
            .map(|m| {
                (
                    m.title.clone(),
                    progress.attempts_on(&m.id).collect::<Vec<_>>(),
                )
            })
            .collect();
        let other: Vec<&AttemptRecord> = progress
            .attempts
            .iter()
            .filter(|a| a.info.module.is_none())
            .collect();
        groups.push(("Quick quizzes and practice".to_owned(), other));
        for (title, attempts) in groups.into_iter().filter(|(_, a)| !a.is_empty()) {
            ui.add_space(theme::GAP_SMALL);
            ui.label(RichText::new(&title).text_style(theme::title()).strong());
            // Four columns share the width, wrapping their text: large text never runs off.
            let spacing = 24.0;
            egui::Grid::new(("history", &title))
                .striped(true)
                .num_columns(4)
                .spacing([spacing, 6.0])
                .max_col_width((ui.available_width() - 3.0 * spacing) / 4.0)
                .show(ui, |ui| {
                    ui.label(RichText::new("Date").strong());
                    ui.label(RichText::new("Quiz").strong());
                    ui.label(RichText::new("Score").strong());
                    ui.label(RichText::new("Time").strong());
                    ui.end_row();
                    for a in attempts.iter().rev() {
                        ui.label(
                            a.finished
                                .with_timezone(&chrono::Local)
                                .format("%-d %b %Y, %H:%M")
                                .to_string(),
                        );
                        ui.label(&a.info.title);
                        ui.label(format!(
                            "{}% ({} of {})",
                            a.percent(),
                            crate::quiz::format_number((a.score * 10.0).round() / 10.0),
                            a.max
                        ));
                        ui.label(widgets::duration(a.seconds));
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
