//! Settings: theme, text size, name, the data folder, and resetting progress (with a backup).

use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::progress::{Progress, Settings, ThemeChoice};

/// The settings screen's own state.
#[derive(Debug, Default)]
pub struct SettingsState {
    /// Whether the reset confirmation is open.
    pub confirm_reset: bool,
    /// The name being edited.
    pub name: Option<String>,
    /// The teacher PIN being set, changed or removed.
    pub teacher: TeacherPinForm,
}

/// What is typed to set, change or remove the teacher PIN.
#[derive(Debug, Default)]
pub struct TeacherPinForm {
    /// The new PIN.
    pub new_pin: String,
    /// The new PIN again.
    pub again: String,
    /// The current teacher PIN, when one is set.
    pub current: String,
    /// The last problem, in words.
    pub error: Option<String>,
    /// The last success, in words.
    pub message: Option<String>,
}

/// A labelled PIN field; true when Enter was pressed in it.
fn pin_field(ui: &mut Ui, label: &str, pin: &mut String) -> bool {
    let mut enter = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(label);
        let r = ui
            .add(
                egui::TextEdit::singleline(pin)
                    .password(true)
                    .char_limit(4)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
        enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    enter
}

/// The teacher PIN: set it (typed twice), change it or remove it (with the current one).
fn teacher_pin_ui(ui: &mut Ui, set: bool, form: &mut TeacherPinForm) -> Option<Action> {
    let p = theme::palette(ui.ctx());
    ui.label(
        RichText::new("Teacher PIN")
            .text_style(theme::title())
            .strong(),
    );
    widgets::paragraph(
        ui,
        if set {
            "A teacher PIN is set. It opens and changes every profile, and is needed to export every profile's results."
        } else {
            "A teacher or coordinator can set a PIN that opens and changes every profile (for a learner who forgot their PIN) and is needed to export every profile's results."
        },
    );
    if let Some(e) = &form.error {
        ui.label(RichText::new(e).color(p.wrong));
    }
    if let Some(m) = &form.message {
        ui.label(RichText::new(m).color(p.right));
    }
    let mut go = false;
    if set {
        go |= pin_field(ui, "Current teacher PIN", &mut form.current);
    }
    go |= pin_field(ui, "New 4-digit teacher PIN", &mut form.new_pin);
    go |= pin_field(ui, "Type the new teacher PIN again", &mut form.again);
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        go |= ui.button("Save teacher PIN").clicked();
        if set && ui.button("Remove teacher PIN").clicked() {
            action = Some(Action::SetTeacherPin {
                pin: None,
                current: form.current.clone(),
            });
        }
    });
    if go && action.is_none() {
        if form.new_pin == form.again {
            action = Some(Action::SetTeacherPin {
                pin: Some(form.new_pin.clone()),
                current: form.current.clone(),
            });
        } else {
            form.error = Some("The two PINs are not the same: type the new PIN twice.".into());
            form.message = None;
            form.again.clear();
        }
    }
    action
}

/// Draws the settings.
pub fn ui(
    ui: &mut Ui,
    progress: &Progress,
    data_dir: &str,
    teacher_pin: bool,
    state: &mut SettingsState,
) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "settings", |ui| {
        widgets::heading(ui, "Settings");
        ui.label(RichText::new("Theme").text_style(theme::title()).strong());
        ui.horizontal_wrapped(|ui| {
            for (choice, label) in [
                (ThemeChoice::System, "Follow the system"),
                (ThemeChoice::Light, "Light"),
                (ThemeChoice::Dark, "Dark"),
            ] {
                if ui.radio(progress.settings.theme == choice, label).clicked() {
                    action = Some(Action::SetTheme(choice));
                }
            }
        });
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("Text size")
                .text_style(theme::title())
                .strong(),
        );
        ui.horizontal_wrapped(|ui| {
            let size = progress.settings.text_size;
            if ui
                .add_enabled(size > Settings::MIN_TEXT, egui::Button::new("Smaller text"))
                .clicked()
            {
                action = Some(Action::SetTextSize(
                    size.saturating_sub(10).max(Settings::MIN_TEXT),
                ));
            }
            let mut value = size;
            let label = ui.label("Text size");
            let slider = widgets::slider(
                ui,
                egui::Slider::new(&mut value, Settings::MIN_TEXT..=Settings::MAX_TEXT)
                    .step_by(10.0)
                    .suffix("%"),
            );
            let slider = slider.labelled_by(label.id);
            if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                action = Some(Action::SetTextSize(value));
            }
            if ui
                .add_enabled(size < Settings::MAX_TEXT, egui::Button::new("Larger text"))
                .clicked()
            {
                action = Some(Action::SetTextSize((size + 10).min(Settings::MAX_TEXT)));
            }
        });
        widgets::muted(ui, "From 100% to 200%; 150% or more suits a projector.");
        ui.add_space(theme::GAP);
        ui.label(RichText::new("Reviews").text_style(theme::title()).strong());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("New facts per day");
            let mut n = progress.settings.new_per_day;
            let r = widgets::slider(ui, egui::Slider::new(&mut n, 0..=50)).labelled_by(label.id);
            if r.drag_stopped() || (r.changed() && !r.dragged()) {
                action = Some(Action::SetNewPerDay(n));
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Desired retention");
            let mut percent = (progress.settings.desired_retention * 100.0).round() as u16;
            let r = widgets::slider(ui, egui::Slider::new(&mut percent, 70..=97).suffix("%"))
                .labelled_by(label.id);
            if r.drag_stopped() || (r.changed() && !r.dragged()) {
                action = Some(Action::SetRetention(f64::from(percent) / 100.0));
            }
        });
        widgets::muted(
            ui,
            "How likely you should be to remember a fact when it comes up for review. Higher means more frequent reviews; 90% suits most learners.",
        );
        let mut streak = progress.settings.show_streak;
        if ui
            .checkbox(&mut streak, "Show my streak of days in a row")
            .changed()
        {
            action = Some(Action::SetShowStreak(streak));
        }
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("Your name")
                .text_style(theme::title())
                .strong(),
        );
        let name = state
            .name
            .get_or_insert_with(|| progress.learner.name.clone());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Name on certificates");
            // Wide enough for a long full name, within the column at any text size.
            let width = (ui.available_width() - 120.0).clamp(160.0, 420.0);
            ui.add(egui::TextEdit::singleline(name).desired_width(width))
                .labelled_by(label.id);
            if ui
                .add_enabled(
                    *name != progress.learner.name,
                    egui::Button::new("Save name"),
                )
                .clicked()
            {
                action = Some(Action::SetName(name.trim().to_owned()));
            }
        });
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("Your data")
                .text_style(theme::title())
                .strong(),
        );
        widgets::paragraph(
            ui,
            "Your progress is saved on this computer after every answer and every page, in this folder:",
        );
        if widgets::copy_line(ui, data_dir) {
            ui.ctx().copy_text(data_dir.to_owned());
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Open data folder").clicked() {
                action = Some(Action::OpenDataFolder);
            }
            if ui.button("Export my progress").clicked() {
                action = Some(Action::Save {
                    document: super::Document::Progress,
                    target: super::SaveTarget::Dialog,
                });
            }
            if ui.button("Import progress\u{2026}").clicked() {
                action = Some(Action::ImportProgress);
            }
        });
        widgets::muted(
            ui,
            "Export my progress saves your progress as one file; Import progress takes such a file from another computer or browser in place of this profile's progress (a backup of it is kept).",
        );
        ui.add_space(theme::GAP);
        if let Some(a) = teacher_pin_ui(ui, teacher_pin, &mut state.teacher) {
            action = Some(a);
        }
        ui.add_space(theme::GAP);
        if ui.button("Reset progress\u{2026}").clicked() {
            state.confirm_reset = true;
        }
        widgets::muted(
            ui,
            "Start again from nothing. A backup of your current progress is kept in the data folder.",
        );
    });
    if state.confirm_reset {
        match widgets::confirm(
            ui.ctx(),
            "reset progress",
            "Reset all progress?",
            "Your lessons, answers and scores will start again from nothing. A backup of your current progress is kept in the data folder.",
            "Reset progress",
            "Cancel",
        ) {
            Some(true) => {
                state.confirm_reset = false;
                action = Some(Action::ResetProgress);
            }
            Some(false) => state.confirm_reset = false,
            None => {}
        }
    } else if action.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}
