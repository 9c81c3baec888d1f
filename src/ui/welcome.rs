//! First run: the course's content note, an optional name for certificates, then home.

use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;

/// The name being typed.
#[derive(Debug, Default)]
pub struct WelcomeState {
    /// Name for certificates.
    pub name: String,
}

/// Draws the first-run screen.
pub fn ui(ui: &mut Ui, course: &Course, state: &mut WelcomeState) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "welcome", |ui| {
        widgets::heading(ui, "Welcome to Beacon");
        ui.label(
            RichText::new(&course.info.title)
                .text_style(theme::title())
                .strong(),
        );
        ui.add_space(theme::GAP_SMALL);
        widgets::paragraph(ui, &course.info.description);
        ui.add_space(theme::GAP);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Before you start").strong());
            widgets::paragraph(ui, &course.info.content_note);
        });
        ui.add_space(theme::GAP);
        let label = ui.label("Your name (optional, used on certificates)");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.name)
                .hint_text("You can leave this empty")
                .desired_width(320.0_f32.min(ui.available_width())),
        );
        let edit = edit.labelled_by(label.id);
        ui.add_space(theme::GAP);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if widgets::primary(ui, "Start learning").clicked() || enter {
            action = Some(Action::Welcome {
                name: state.name.trim().to_owned(),
            });
        }
        ui.add_space(theme::GAP_SMALL);
        widgets::muted(
            ui,
            "You can change your name, the theme and the text size later in Settings.",
        );
    });
    action
}
