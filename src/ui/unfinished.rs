//! The question asked before a new quiz would replace an unfinished one: resume it, or discard
//! it and start the new one. A final assessment is never discarded: it can only be resumed and
//! handed in.

use egui::RichText;

use super::{Action, theme, widgets};
use crate::progress::UnfinishedQuiz;
use crate::quiz::Slot;

/// Draws the question; returns what the learner chose (Esc or a click outside keeps the quiz).
#[must_use]
pub fn ui(ctx: &egui::Context, unfinished: &UnfinishedQuiz) -> Option<Action> {
    let answered = unfinished
        .slots
        .iter()
        .filter(|s| matches!(s, Slot::Answered { .. }))
        .count();
    let total = unfinished.questions.len();
    let assessment = unfinished.info.assessment;
    let modal = widgets::dialog(ctx, "unfinished quiz").show(ctx, |ui| {
        ui.set_max_width(460.0);
        let title = if assessment {
            "Your final assessment is not finished"
        } else {
            "You have an unfinished quiz"
        };
        ui.label(RichText::new(title).heading());
        widgets::paragraph(
            ui,
            &format!(
                "\u{201c}{}\u{201d}: {} of {} answered.",
                unfinished.info.title,
                answered,
                crate::plural::count(total, "question", "questions")
            ),
        );
        widgets::paragraph(
            ui,
            if assessment {
                "Resume it and hand it in before you start anything else; it cannot be discarded."
            } else {
                "Resume it, or discard it to start the new quiz: a discarded quiz is not scored, \
                 but the answers you gave still count for your reviews."
            },
        );
        ui.add_space(theme::GAP_SMALL);
        let mut choice = None;
        ui.horizontal_wrapped(|ui| {
            let resume = widgets::primary(ui, "Resume it");
            widgets::focus_default(ui, "unfinished quiz", &resume);
            if resume.clicked() {
                choice = Some(Action::ResumeQuiz);
            }
            if !assessment && ui.button("Discard it and start the new quiz").clicked() {
                choice = Some(Action::DiscardUnfinished);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Action::KeepUnfinished);
            }
        });
        choice
    });
    match modal.inner {
        None if modal.should_close() => Some(Action::KeepUnfinished),
        choice => choice,
    }
}
