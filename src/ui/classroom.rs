//! Classroom tools: present a quiz on a projector, print the same quiz with its answer key, and
//! export results for the organisation.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::{Action, Document, SaveTarget, theme, widgets};
use crate::content::Course;
use crate::documents::Paper;

/// The classroom screen's own state.
#[derive(Debug)]
pub struct ClassroomState {
    /// Modules chosen (none means the whole course).
    pub modules: BTreeSet<String>,
    /// Number of questions.
    pub count: usize,
    /// The quiz number (seed), as typed.
    pub seed: String,
    /// Paper for PDFs.
    pub paper: Paper,
    /// Whether results cover every profile (else only the open one).
    pub all_profiles: bool,
}

impl ClassroomState {
    /// A fresh screen with a new random quiz number.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            modules: BTreeSet::new(),
            count: 10,
            seed: (seed % 1_000_000).to_string(),
            paper: Paper::A4,
            all_profiles: false,
        }
    }

    fn seed(&self) -> Option<u64> {
        self.seed.trim().parse().ok()
    }

    fn modules(&self) -> Vec<String> {
        self.modules.iter().cloned().collect()
    }
}

fn save_buttons(ui: &mut Ui, what: &str, document: &Document, action: &mut Option<Action>) {
    ui.horizontal_wrapped(|ui| {
        let b = widgets::button_for(ui, "Save as\u{2026}", format!("Save {what} as"));
        if b.clicked() {
            *action = Some(Action::Save {
                document: document.clone(),
                target: SaveTarget::Dialog,
            });
        }
        let b = widgets::button_for(
            ui,
            "Save in the data folder",
            format!("Save {what} in the data folder"),
        );
        if b.clicked() {
            *action = Some(Action::Save {
                document: document.clone(),
                target: SaveTarget::DataFolder,
            });
        }
    });
}

/// Draws the classroom tools.
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    state: &mut ClassroomState,
    profile_name: &str,
) -> Option<Action> {
    let mut action = None;
    widgets::page(ui, "classroom", |ui| {
        let p = theme::palette(ui.ctx());
        widgets::heading(ui, "Classroom");
        widgets::paragraph(
            ui,
            "Choose the questions once: the same modules, number of questions and quiz number give the same quiz on the projector and on paper.",
        );
        ui.add_space(theme::GAP_SMALL);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new("The quiz")
                    .text_style(theme::title())
                    .strong(),
            );
            ui.label(RichText::new("Modules (none ticked means the whole course)").color(p.muted));
            for m in &course.modules {
                let mut on = state.modules.contains(&m.id);
                if ui.checkbox(&mut on, &m.title).changed() {
                    if on {
                        state.modules.insert(m.id.clone());
                    } else {
                        state.modules.remove(&m.id);
                    }
                }
            }
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Number of questions");
                ui.add(egui::Slider::new(&mut state.count, 1..=40))
                    .labelled_by(label.id);
            });
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Quiz number");
                ui.add(egui::TextEdit::singleline(&mut state.seed).desired_width(120.0))
                    .labelled_by(label.id);
                if state.seed().is_none() {
                    ui.label(RichText::new("Enter a whole number").color(p.wrong));
                }
            });
        });
        ui.add_space(theme::GAP_SMALL);
        let seed = state.seed();
        widgets::titled_card(ui, "Present on a projector", |ui| {
            widgets::paragraph(
                ui,
                "Full screen, very large text, high contrast. A clicker's \"next\" button reveals the answer, then moves on. Nothing is recorded to any profile.",
            );
            if ui
                .add_enabled(seed.is_some(), egui::Button::new("Start presenting"))
                .clicked()
                && let Some(seed) = seed
            {
                action = Some(Action::StartPresenting {
                    modules: state.modules(),
                    count: state.count,
                    seed,
                });
            }
        });
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Print the quiz", |ui| {
            widgets::paragraph(
                ui,
                "The questions with room to answer, then the answer key with explanations and sources on a new page.",
            );
            ui.horizontal_wrapped(|ui| {
                ui.label("Paper");
                ui.radio_value(&mut state.paper, Paper::A4, "A4");
                ui.radio_value(&mut state.paper, Paper::Letter, "US Letter");
            });
            if let Some(seed) = seed {
                let quiz = |html| Document::Quiz {
                    modules: state.modules(),
                    count: state.count,
                    seed,
                    html,
                    paper: state.paper,
                };
                ui.label(RichText::new("PDF").strong());
                save_buttons(ui, "the quiz as PDF", &quiz(false), &mut action);
                ui.label(RichText::new("HTML (opens in any browser)").strong());
                save_buttons(ui, "the quiz as HTML", &quiz(true), &mut action);
            }
        });
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Export results", |ui| {
            widgets::paragraph(
                ui,
                "For an organisation's records: a spreadsheet (CSV) with one row per attempt, or xAPI statements for the learning record store it already runs.",
            );
            ui.horizontal_wrapped(|ui| {
                ui.radio_value(
                    &mut state.all_profiles,
                    false,
                    format!("Only {profile_name}"),
                );
                ui.radio_value(
                    &mut state.all_profiles,
                    true,
                    "Every profile on this computer",
                );
            });
            ui.label(RichText::new("CSV").strong());
            save_buttons(
                ui,
                "the results as CSV",
                &Document::Results {
                    xapi: false,
                    all: state.all_profiles,
                },
                &mut action,
            );
            ui.label(RichText::new("xAPI statements (JSON)").strong());
            save_buttons(
                ui,
                "the results as xAPI",
                &Document::Results {
                    xapi: true,
                    all: state.all_profiles,
                },
                &mut action,
            );
        });
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Class report", |ui| {
            widgets::paragraph(
                ui,
                "Read the results of a whole class, from several computers or your learning record store: which questions work, which are too easy or too hard, and which strong learners get wrong.",
            );
            if ui.button("Open the class report").clicked() {
                action = Some(Action::OpenClassReport);
            }
        });
    });
    if action.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}
