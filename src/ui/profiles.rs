//! Who is learning: pick a profile (the last one preselected), open it (with its PIN if it has
//! one), and create, rename, protect or delete profiles.

use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::data::Profiles as Library;
use crate::data::profiles::{KEEP_DELETED_DAYS, Profile};

/// The profiles screen's own state.
#[derive(Debug, Default)]
pub struct ProfilesState {
    /// The profile chosen to open.
    pub selected: Option<String>,
    /// The PIN being typed to open it.
    pub pin: String,
    /// The name of a new profile.
    pub new_name: String,
    /// A rename in progress: profile id and new name.
    pub rename: Option<(String, String)>,
    /// A PIN being set: profile id and PIN.
    pub set_pin: Option<(String, String)>,
    /// A delete waiting for confirmation.
    pub confirm_delete: Option<String>,
    /// The last problem, in words.
    pub error: Option<String>,
    /// The last success, in words.
    pub message: Option<String>,
}

impl ProfilesState {
    /// The picker shown at start, with `last` preselected.
    #[must_use]
    pub fn picking(last: Option<&Profile>) -> Self {
        Self {
            selected: last.map(|p| p.id.clone()),
            ..Self::default()
        }
    }

    /// Clears the forms after a change went through.
    pub fn reset_forms(&mut self) {
        self.new_name.clear();
        self.rename = None;
        self.set_pin = None;
        self.confirm_delete = None;
        self.error = None;
        self.pin.clear();
    }
}

/// Draws the profiles screen.
pub fn ui(
    ui: &mut Ui,
    library: &Library,
    current: Option<&str>,
    state: &mut ProfilesState,
) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "profiles", |ui| {
        let p = theme::palette(ui.ctx());
        widgets::heading(ui, "Who is learning?");
        widgets::paragraph(
            ui,
            "Each person has their own progress on this computer. A PIN keeps classmates out of each other's progress: it is privacy between classmates, not security.",
        );
        if let Some(e) = &state.error {
            ui.label(RichText::new(e).color(p.wrong));
        }
        if let Some(m) = &state.message {
            ui.label(RichText::new(m).color(p.right));
        }
        ui.add_space(theme::GAP_SMALL);
        for profile in library.profiles() {
            theme::card(ui.ctx()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    let selected = state.selected.as_deref() == Some(profile.id.as_str());
                    if ui
                        .radio(
                            selected,
                            RichText::new(&profile.name).text_style(theme::title()),
                        )
                        .clicked()
                    {
                        state.selected = Some(profile.id.clone());
                        state.pin.clear();
                        state.error = None;
                    }
                    if profile.has_pin() {
                        ui.label(RichText::new("PIN").color(p.muted));
                    }
                    if current == Some(profile.id.as_str()) {
                        ui.label(RichText::new("open now").color(p.right));
                    }
                });
                if state.selected.as_deref() == Some(profile.id.as_str()) {
                    ui.horizontal_wrapped(|ui| {
                        let mut enter = false;
                        if profile.has_pin() {
                            let label = ui.label(format!("PIN for {}", profile.name));
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(&mut state.pin)
                                        .password(true)
                                        .char_limit(4)
                                        .desired_width(80.0),
                                )
                                .labelled_by(label.id);
                            enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        }
                        let b = widgets::named(
                            widgets::primary(ui, "Open"),
                            format!("Open {}", profile.name),
                        );
                        if b.clicked() || enter {
                            action = Some(Action::OpenProfile {
                                id: profile.id.clone(),
                                pin: state.pin.clone(),
                            });
                        }
                    });
                }
                manage_ui(ui, profile, state, &mut action);
            });
            ui.add_space(theme::GAP_SMALL);
        }
        ui.add_space(theme::GAP);
        ui.label(
            RichText::new("New profile")
                .text_style(theme::title())
                .strong(),
        );
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Name of the new profile");
            let r = ui
                .add(egui::TextEdit::singleline(&mut state.new_name).desired_width(240.0))
                .labelled_by(label.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Create profile").clicked() || enter) && !state.new_name.trim().is_empty()
            {
                action = Some(Action::CreateProfile {
                    name: state.new_name.trim().to_owned(),
                });
            }
        });
    });
    if let Some(id) = state.confirm_delete.clone() {
        let name = library
            .profile(&id)
            .map_or_else(String::new, |p| p.name.clone());
        let text = format!(
            "Their progress is kept in the data folder for {KEEP_DELETED_DAYS} days, then removed."
        );
        match widgets::confirm(
            ui.ctx(),
            "delete profile",
            &format!("Delete {name}'s profile?"),
            &text,
            "Delete profile",
            "Cancel",
        ) {
            Some(true) => action = Some(Action::DeleteProfile { id }),
            Some(false) => state.confirm_delete = None,
            None => {}
        }
    }
    action
}

/// Rename, PIN and delete for one profile.
fn manage_ui(
    ui: &mut Ui,
    profile: &Profile,
    state: &mut ProfilesState,
    action: &mut Option<Action>,
) {
    let name = profile.name.clone();
    let labelled =
        |ui: &mut Ui, text: &str, a11y: String| widgets::button_for(ui, text, a11y).clicked();
    ui.horizontal_wrapped(|ui| {
        if labelled(ui, "Rename\u{2026}", format!("Rename {name}")) {
            state.rename = Some((profile.id.clone(), profile.name.clone()));
        }
        if profile.has_pin() {
            if labelled(ui, "Remove PIN", format!("Remove the PIN of {name}")) {
                *action = Some(Action::SetPin {
                    id: profile.id.clone(),
                    pin: None,
                });
            }
        } else if labelled(ui, "Set a PIN\u{2026}", format!("Set a PIN for {name}")) {
            state.set_pin = Some((profile.id.clone(), String::new()));
        }
        if labelled(ui, "Delete\u{2026}", format!("Delete {name}")) {
            state.confirm_delete = Some(profile.id.clone());
        }
    });
    if let Some((id, new_name)) = &mut state.rename
        && *id == profile.id
    {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("New name for {name}"));
            ui.add(egui::TextEdit::singleline(new_name).desired_width(200.0))
                .labelled_by(label.id);
            if ui.button("Save name").clicked() {
                *action = Some(Action::RenameProfile {
                    id: id.clone(),
                    name: new_name.clone(),
                });
            }
        });
    }
    if let Some((id, pin)) = &mut state.set_pin
        && *id == profile.id
    {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("New 4-digit PIN for {name}"));
            ui.add(
                egui::TextEdit::singleline(pin)
                    .password(true)
                    .char_limit(4)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
            if ui.button("Save PIN").clicked() {
                *action = Some(Action::SetPin {
                    id: id.clone(),
                    pin: Some(pin.clone()),
                });
            }
        });
    }
}
