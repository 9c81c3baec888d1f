//! Classroom tools: present a quiz on a projector, print the same quiz with its answer key, and
//! export results for the organisation. The choices (modules, number of questions, quiz number,
//! questions swapped out, countdown) are kept for the profile, through presenter mode and any
//! other screen; a preview lists the questions that will come up.

use std::collections::BTreeSet;

use egui::{Label, RichText, Ui};

use super::{Action, Document, SaveTarget, theme, widgets};
use crate::content::Course;
use crate::documents::Paper;
use crate::formats::scorm::Version;
use crate::progress::ClassroomChoice;

/// The classroom screen's own state.
#[derive(Debug)]
pub struct ClassroomState {
    /// What the quiz is made of.
    pub choice: ClassroomChoice,
    /// The quiz number as typed.
    pub seed: String,
    /// Paper for PDFs.
    pub paper: Paper,
    /// Whether results cover every profile (else only the open one).
    pub all_profiles: bool,
    /// The teacher PIN typed for every profile's results.
    pub teacher_pin: String,
    /// The SCORM version of an LMS package.
    pub scorm_version: Version,
    /// The questions the choice gives (id and prompt), for the choice they were drawn for.
    preview: Option<(ClassroomChoice, Vec<(String, String)>)>,
}

impl ClassroomState {
    /// The screen with these choices.
    #[must_use]
    pub fn new(choice: ClassroomChoice) -> Self {
        Self {
            seed: choice.seed.to_string(),
            choice,
            paper: Paper::A4,
            all_profiles: false,
            teacher_pin: String::new(),
            scorm_version: Version::Scorm2004,
            preview: None,
        }
    }

    /// The questions of the quiz, as the preview lists them (drawn again only when the choice
    /// changes).
    pub fn preview(&mut self, course: &Course) -> &[(String, String)] {
        if self.preview.as_ref().is_none_or(|(c, _)| *c != self.choice) {
            let c = &self.choice;
            let quiz = crate::quiz::classroom_quiz(course, &c.modules, c.count, c.seed, &c.swapped);
            let list = quiz
                .items
                .into_iter()
                .map(|i| (i.question.id, i.question.prompt))
                .collect();
            self.preview = Some((self.choice.clone(), list));
        }
        self.preview.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }
}

fn save_buttons(ui: &mut Ui, what: &str, document: &Document, action: &mut Option<Action>) {
    save_buttons_where(ui, what, document, true, action);
}

/// *Save as…* and, when `data_folder`, *Save in the data folder*.
fn save_buttons_where(
    ui: &mut Ui,
    what: &str,
    document: &Document,
    data_folder: bool,
    action: &mut Option<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let b = widgets::button_for(ui, "Save as\u{2026}", format!("Save {what} as"));
        if b.clicked() {
            *action = Some(Action::Save {
                document: document.clone(),
                target: SaveTarget::Dialog,
            });
        }
        if !data_folder {
            return;
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

/// Modules, number of questions, quiz number and countdown.
fn choice_ui(ui: &mut Ui, course: &Course, state: &mut ClassroomState) {
    let p = theme::palette(ui.ctx());
    ui.label(
        RichText::new("The quiz")
            .text_style(theme::title())
            .strong(),
    );
    ui.label(RichText::new("Modules (none ticked means the whole course)").color(p.muted));
    let mut modules: BTreeSet<String> = state.choice.modules.iter().cloned().collect();
    for m in &course.modules {
        let mut on = modules.contains(&m.id);
        if ui.checkbox(&mut on, &m.title).changed() {
            if on {
                modules.insert(m.id.clone());
            } else {
                modules.remove(&m.id);
            }
        }
    }
    // In course order, whatever order they were ticked in.
    let modules: Vec<String> = course
        .modules
        .iter()
        .filter(|m| modules.contains(&m.id))
        .map(|m| m.id.clone())
        .collect();
    if modules != state.choice.modules {
        state.choice.modules = modules;
        state.choice.swapped.clear();
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Number of questions");
        widgets::slider(ui, egui::Slider::new(&mut state.choice.count, 1..=40))
            .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Quiz number");
        ui.add(egui::TextEdit::singleline(&mut state.seed).desired_width(120.0))
            .labelled_by(label.id);
        match state.seed.trim().parse::<u64>() {
            Ok(seed) if seed != state.choice.seed => {
                state.choice.seed = seed;
                state.choice.swapped.clear();
            }
            Ok(_) => {}
            Err(_) => {
                ui.label(RichText::new("Enter a whole number").color(p.wrong));
            }
        }
    });
    let label = ui.add(Label::new("Seconds per question on the projector").wrap());
    ui.scope(|ui| {
        // The slider leaves room for its value ("no countdown") at any text size.
        let value = ui.text_style_height(&egui::TextStyle::Body) * 8.0;
        ui.spacing_mut().slider_width = (ui.available_width() - value).clamp(40.0, 240.0);
        widgets::slider(
            ui,
            egui::Slider::new(&mut state.choice.seconds_per_question, 0..=180)
                .step_by(10.0)
                .custom_formatter(|v, _| {
                    if v < 1.0 {
                        "no countdown".to_owned()
                    } else {
                        format!("{v:.0} s")
                    }
                }),
        )
        .labelled_by(label.id);
    });
}

/// The questions that will come up, each with a way to swap it for another.
fn preview_ui(ui: &mut Ui, course: &Course, state: &mut ClassroomState) {
    let p = theme::palette(ui.ctx());
    let list = state.preview(course).to_vec();
    let mut swap = None;
    egui::CollapsingHeader::new(format!("Preview the {} questions", list.len()))
        .id_salt("classroom preview")
        .show(ui, |ui| {
            widgets::muted(
                ui,
                "These come up on the projector and on paper, in this order. Swap one for another question from the same modules.",
            );
            for (n, (id, prompt)) in list.iter().enumerate() {
                ui.horizontal_top(|ui| {
                    if widgets::button_for(ui, "Swap", format!("Swap question {}", n + 1))
                        .clicked()
                    {
                        swap = Some(id.clone());
                    }
                    ui.add(Label::new(format!("{}. {prompt}", n + 1)).wrap());
                });
            }
            if !state.choice.swapped.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("{} swapped out", state.choice.swapped.len()))
                            .color(p.muted),
                    );
                    if ui.button("Bring the swapped questions back").clicked() {
                        state.choice.swapped.clear();
                    }
                });
            }
        });
    if let Some(id) = swap {
        state.choice.swapped.push(id);
    }
}

/// Draws the classroom tools.
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    state: &mut ClassroomState,
    profile_name: &str,
    teacher_pin: bool,
) -> Option<Action> {
    let mut action = None;
    let before = state.choice.clone();
    widgets::page(ui, "classroom", |ui| {
        widgets::heading(ui, "Classroom");
        widgets::paragraph(
            ui,
            "Choose the questions once: the same modules, number of questions and quiz number give the same quiz on the projector and on paper. Your choices are kept for next time.",
        );
        ui.add_space(theme::GAP_SMALL);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            choice_ui(ui, course, state);
            preview_ui(ui, course, state);
        });
        let valid = state.seed.trim().parse::<u64>().is_ok();
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "Present on a projector", |ui| {
            widgets::paragraph(
                ui,
                "Full screen, very large text, high contrast. A clicker's \"next\" button reveals the answer, then moves on. Nothing is recorded to any profile.",
            );
            if ui
                .add_enabled(valid, egui::Button::new("Start presenting"))
                .clicked()
            {
                action = Some(Action::StartPresenting(state.choice.clone()));
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
            if valid {
                let quiz = |html| Document::Quiz {
                    choice: state.choice.clone(),
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
            export_ui(ui, state, profile_name, teacher_pin, &mut action);
        });
        ui.add_space(theme::GAP_SMALL);
        widgets::titled_card(ui, "For a learning management system", |ui| {
            lms_ui(ui, state, &mut action);
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
    if action.is_none() && state.choice != before {
        action = Some(Action::ClassroomChosen(state.choice.clone()));
    }
    if action.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        action = Some(Action::Go(super::Nav::Home));
    }
    action
}

/// A SCORM package of the open course, which Moodle, Canvas and other LMSs host: each learner's
/// completion, score and answers land in the LMS.
fn lms_ui(ui: &mut Ui, state: &mut ClassroomState, action: &mut Option<Action>) {
    widgets::paragraph(
        ui,
        "A SCORM package of this course for your organisation's LMS (Moodle, Canvas, Blackboard, TalentLMS and others): learners take the course inside the LMS, which records their completion, final assessment score and answers.",
    );
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(
            &mut state.scorm_version,
            Version::Scorm2004,
            "SCORM 2004 (4th edition)",
        );
        ui.radio_value(
            &mut state.scorm_version,
            Version::Scorm12,
            "SCORM 1.2 (for an LMS without 2004)",
        );
    });
    // In the browser a package is only of use as a download (its storage is the page's).
    save_buttons_where(
        ui,
        "the SCORM package",
        &Document::Scorm {
            version: state.scorm_version,
        },
        !cfg!(target_arch = "wasm32"),
        action,
    );
}

/// Results as CSV or xAPI, of the open profile or (with the teacher PIN, when one is set) of
/// every profile.
fn export_ui(
    ui: &mut Ui,
    state: &mut ClassroomState,
    profile_name: &str,
    teacher_pin: bool,
    action: &mut Option<Action>,
) {
    widgets::paragraph(
        ui,
        "For an organisation's records: a spreadsheet (CSV) with a row per attempt and per lesson, or xAPI statements for the learning record store it already runs.",
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
    if state.all_profiles && teacher_pin {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Teacher PIN (needed for every profile)");
            ui.add(
                egui::TextEdit::singleline(&mut state.teacher_pin)
                    .password(true)
                    .char_limit(4)
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
        });
    }
    let results = |xapi| Document::Results {
        xapi,
        all: state.all_profiles,
        teacher_pin: state.teacher_pin.clone(),
    };
    ui.label(RichText::new("CSV").strong());
    save_buttons(ui, "the results as CSV", &results(false), action);
    ui.label(RichText::new("xAPI statements (JSON)").strong());
    save_buttons(ui, "the results as xAPI", &results(true), action);
}
