//! Who is learning: pick a profile (the last one preselected), open it (with its PIN if it has
//! one), and create, rename, protect or delete profiles. A profile with a PIN is changed only
//! with that PIN or the teacher PIN. Every card keeps the same layout whichever is selected, so
//! a click never lands on a button that moved under the pointer.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::{Action, theme, widgets};
use crate::data::Profiles as Library;
use crate::data::profiles::{KEEP_DELETED_DAYS, Profile};

/// What is being changed on one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A new name.
    Rename,
    /// A new PIN (set or changed).
    SetPin,
    /// Removing the PIN.
    RemovePin,
    /// Deleting the profile.
    Delete,
}

/// A change being made to one profile, with what is typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileForm {
    /// The profile.
    pub id: String,
    /// What is being changed.
    pub kind: FormKind,
    /// The new name.
    pub name: String,
    /// The new PIN.
    pub new_pin: String,
    /// The new PIN again.
    pub again: String,
    /// The current PIN (or the teacher PIN), when the profile has one.
    pub current: String,
}

/// The profiles screen's own state.
#[derive(Debug, Default)]
pub struct ProfilesState {
    /// The profile chosen to open.
    pub selected: Option<String>,
    /// The PIN being typed to open each protected profile, by id.
    pub pins: BTreeMap<String, String>,
    /// The name of a new profile.
    pub new_name: String,
    /// The change being made, if any.
    pub form: Option<ProfileForm>,
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
        self.form = None;
        self.error = None;
        self.pins.clear();
    }

    fn open_form(&mut self, profile: &Profile, kind: FormKind) {
        self.form = Some(ProfileForm {
            id: profile.id.clone(),
            kind,
            name: profile.name.clone(),
            new_pin: String::new(),
            again: String::new(),
            current: String::new(),
        });
        self.error = None;
        self.message = None;
    }
}

/// Whether Enter was pressed in the field that `r` is.
fn entered(ui: &Ui, r: &egui::Response) -> bool {
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// A labelled 4-digit PIN field; true when Enter was pressed in it.
fn pin_field(ui: &mut Ui, label: &str, pin: &mut String) -> bool {
    let label = ui.label(label);
    let r = ui
        .add(
            egui::TextEdit::singleline(pin)
                .password(true)
                .char_limit(4)
                .desired_width(80.0),
        )
        .labelled_by(label.id);
    entered(ui, &r)
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
            let selected = state.selected.as_deref() == Some(profile.id.as_str());
            let stroke = if selected {
                egui::Stroke::new(2.0, p.accent)
            } else {
                egui::Stroke::new(2.0, egui::Color32::TRANSPARENT)
            };
            theme::card(ui.ctx()).stroke(stroke).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .radio(
                            selected,
                            RichText::new(&profile.name).text_style(theme::title()),
                        )
                        .clicked()
                    {
                        state.selected = Some(profile.id.clone());
                        state.error = None;
                    }
                    if profile.has_pin() {
                        ui.label(RichText::new("PIN").color(p.muted));
                    }
                    if current == Some(profile.id.as_str()) {
                        ui.label(RichText::new("(open now)").color(p.muted));
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    let mut enter = false;
                    if profile.has_pin() {
                        let pin = state.pins.entry(profile.id.clone()).or_default();
                        let before = pin.clone();
                        enter = pin_field(ui, &format!("PIN for {}", profile.name), pin);
                        if *pin != before {
                            state.selected = Some(profile.id.clone());
                        }
                    }
                    let b = widgets::named(
                        widgets::primary(ui, "Open"),
                        format!("Open {}", profile.name),
                    );
                    if b.clicked() || enter {
                        action = Some(Action::OpenProfile {
                            id: profile.id.clone(),
                            pin: state.pins.get(&profile.id).cloned().unwrap_or_default(),
                        });
                    }
                });
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
            let enter = entered(ui, &r);
            if (ui.button("Create profile").clicked() || enter) && !state.new_name.trim().is_empty()
            {
                action = Some(Action::CreateProfile {
                    name: state.new_name.trim().to_owned(),
                });
            }
        });
    });
    action
}

/// Rename, PIN and delete for one profile, and the form of the change being made: always
/// below the buttons, so opening it moves nothing above.
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
            state.open_form(profile, FormKind::Rename);
        }
        if profile.has_pin() {
            if labelled(
                ui,
                "Change PIN\u{2026}",
                format!("Change the PIN of {name}"),
            ) {
                state.open_form(profile, FormKind::SetPin);
            }
            if labelled(
                ui,
                "Remove PIN\u{2026}",
                format!("Remove the PIN of {name}"),
            ) {
                state.open_form(profile, FormKind::RemovePin);
            }
        } else if labelled(ui, "Set a PIN\u{2026}", format!("Set a PIN for {name}")) {
            state.open_form(profile, FormKind::SetPin);
        }
        if labelled(ui, "Delete\u{2026}", format!("Delete {name}")) {
            state.open_form(profile, FormKind::Delete);
        }
    });
    let Some(form) = state.form.as_mut().filter(|f| f.id == profile.id) else {
        return;
    };
    let mut go = false;
    let mut cancel = false;
    let mut problem = None;
    ui.separator();
    match form.kind {
        FormKind::Rename => {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(format!("New name for {name}"));
                let r = ui
                    .add(egui::TextEdit::singleline(&mut form.name).desired_width(200.0))
                    .labelled_by(label.id);
                go |= entered(ui, &r);
            });
        }
        FormKind::SetPin => {
            ui.horizontal_wrapped(|ui| {
                go |= pin_field(
                    ui,
                    &format!("New 4-digit PIN for {name}"),
                    &mut form.new_pin,
                );
            });
            ui.horizontal_wrapped(|ui| {
                go |= pin_field(ui, "Type the new PIN again", &mut form.again);
            });
        }
        FormKind::RemovePin => {
            widgets::paragraph(
                ui,
                &format!(
                    "Remove the PIN of {name}? Anyone at this computer can then open this profile."
                ),
            );
        }
        FormKind::Delete => {
            ui.label(RichText::new(format!("Delete {name}'s profile?")).strong());
            widgets::paragraph(
                ui,
                &format!(
                    "Their progress is kept in the data folder for {KEEP_DELETED_DAYS} days, then removed."
                ),
            );
        }
    }
    if profile.has_pin() {
        ui.horizontal_wrapped(|ui| {
            go |= pin_field(
                ui,
                &format!("Current PIN of {name}, or the teacher PIN"),
                &mut form.current,
            );
        });
    }
    let confirm = match form.kind {
        FormKind::Rename => "Save name",
        FormKind::SetPin => "Save PIN",
        FormKind::RemovePin => "Remove the PIN",
        FormKind::Delete => "Delete profile",
    };
    ui.horizontal_wrapped(|ui| {
        go |= ui.button(confirm).clicked();
        cancel = ui.button("Cancel").clicked();
    });
    if go {
        let pin = form.current.clone();
        *action = match form.kind {
            FormKind::Rename => Some(Action::RenameProfile {
                id: profile.id.clone(),
                name: form.name.clone(),
                pin,
            }),
            FormKind::SetPin if form.new_pin != form.again => {
                problem = Some("The two PINs are not the same: type the new PIN twice.".to_owned());
                form.again.clear();
                None
            }
            FormKind::SetPin => Some(Action::SetPin {
                id: profile.id.clone(),
                pin: Some(form.new_pin.clone()),
                current: pin,
            }),
            FormKind::RemovePin => Some(Action::SetPin {
                id: profile.id.clone(),
                pin: None,
                current: pin,
            }),
            FormKind::Delete => Some(Action::DeleteProfile {
                id: profile.id.clone(),
                pin,
            }),
        };
    }
    if problem.is_some() {
        state.error = problem;
    }
    if cancel {
        state.form = None;
        state.error = None;
    }
}
