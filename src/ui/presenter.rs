//! Presenter mode for a projector: full screen, very large text, high contrast, one question at
//! a time, a key reveals the answer. Nothing is recorded. A clicker's two buttons are enough:
//! "next" reveals the answer, then moves on; "back" goes back.

use egui::{Color32, Frame, Label, Margin, RichText, Ui};

use super::Action;
use crate::content::{Body, Course};
use crate::quiz::{Quiz, describe, right_response};

/// Background, text and accent of the presenter screen (contrast above 15:1).
const BACKGROUND: Color32 = Color32::from_rgb(0x0b, 0x0d, 0x10);
const TEXT: Color32 = Color32::from_rgb(0xf5, 0xf5, 0xf0);
const ACCENT: Color32 = Color32::from_rgb(0xff, 0xd8, 0x4d);
const MUTED: Color32 = Color32::from_rgb(0xb8, 0xbc, 0xc4);

/// Letters naming choices.
const LETTERS: &[u8] = b"ABCDEFGH";

/// A quiz being presented.
#[derive(Debug)]
pub struct PresenterState {
    /// The quiz (the same as printed with the same scope, count and seed).
    pub quiz: Quiz,
    /// Its title.
    pub title: String,
    /// The question showing.
    pub index: usize,
    /// Whether the answer is showing.
    pub revealed: bool,
}

impl PresenterState {
    /// Moves forward: reveal the answer first, then the next question.
    pub fn forward(&mut self) {
        if !self.revealed {
            self.revealed = true;
        } else if self.index + 1 < self.quiz.items.len() {
            self.index += 1;
            self.revealed = false;
        }
    }

    /// Moves back: hide the answer first, then the previous question.
    pub fn back(&mut self) {
        if self.revealed {
            self.revealed = false;
        } else if self.index > 0 {
            self.index -= 1;
        }
    }
}

/// Draws the presenter screen and handles its keys.
pub fn ui(ui: &mut Ui, course: &Course, state: &mut PresenterState) -> Option<Action> {
    let mut action = None;
    ui.input_mut(|i| {
        use egui::{Key, Modifiers};
        let pressed = |i: &mut egui::InputState, keys: &[Key]| {
            keys.iter().any(|k| i.consume_key(Modifiers::NONE, *k))
        };
        if pressed(
            i,
            &[
                Key::ArrowRight,
                Key::PageDown,
                Key::Space,
                Key::Enter,
                Key::ArrowDown,
            ],
        ) {
            state.forward();
        } else if pressed(
            i,
            &[Key::ArrowLeft, Key::PageUp, Key::ArrowUp, Key::Backspace],
        ) {
            state.back();
        } else if pressed(i, &[Key::R]) {
            state.revealed = !state.revealed;
        } else if pressed(i, &[Key::Escape]) {
            action = Some(Action::StopPresenting);
        }
    });
    let Some(item) = state.quiz.items.get(state.index).cloned() else {
        return Some(Action::StopPresenting);
    };
    let width = ui.available_width();
    let size = (width / 34.0).clamp(22.0, 54.0);
    Frame::new().fill(BACKGROUND).inner_margin(Margin::same(40)).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            egui::Sides::new().shrink_left().wrap().show(
                ui,
                |ui| {
                    ui.add(Label::new(RichText::new(&state.title).size(size * 0.5).color(MUTED)).wrap());
                },
                |ui| {
                    if ui.button(RichText::new("Exit presenter mode").size(size * 0.4)).clicked() {
                        action = Some(Action::StopPresenting);
                    }
                },
            );
            ui.label(
                RichText::new(format!("Question {} of {}", state.index + 1, state.quiz.items.len()))
                    .size(size * 0.6)
                    .color(ACCENT),
            );
            ui.add_space(size * 0.4);
            let q = &item.question;
            ui.add(Label::new(RichText::new(&q.prompt).size(size).color(TEXT)).wrap());
            ui.add_space(size * 0.4);
            body_ui(ui, &q.body, &item.order, &item.part_orders, size, state.revealed);
            if state.revealed {
                ui.add_space(size * 0.5);
                let right = describe(&q.body, &right_response(&q.body));
                ui.add(Label::new(RichText::new(format!("Answer: {right}")).size(size * 0.8).color(ACCENT).strong()).wrap());
                ui.add(Label::new(RichText::new(&q.explanation).size(size * 0.6).color(TEXT)).wrap());
                let sources = course.sources_of(q);
                if !sources.is_empty() {
                    ui.add(Label::new(RichText::new(format!("Source: {}", sources.join("; "))).size(size * 0.4).color(MUTED)).wrap());
                }
            }
            ui.add_space(size * 0.6);
            ui.horizontal_wrapped(|ui| {
                if ui.button(RichText::new("Back").size(size * 0.45)).clicked() {
                    state.back();
                }
                let next = if state.revealed { "Next question" } else { "Reveal the answer" };
                if ui.button(RichText::new(next).size(size * 0.45)).clicked() {
                    state.forward();
                }
            });
            ui.label(
                RichText::new("Keys: Right, Page Down or Space reveals, then moves on; Left or Page Up goes back; R shows or hides the answer; Esc exits.")
                    .size(size * 0.32)
                    .color(MUTED),
            );
        });
    });
    action
}

fn body_ui(
    ui: &mut Ui,
    body: &Body,
    order: &[usize],
    part_orders: &[Vec<usize>],
    size: f32,
    revealed: bool,
) {
    let line = |ui: &mut Ui, text: String, highlight: bool| {
        let color = if highlight { ACCENT } else { TEXT };
        ui.add(Label::new(RichText::new(text).size(size * 0.75).color(color)).wrap());
    };
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            for (k, &i) in order.iter().enumerate() {
                if let Some(choice) = c.0.get(i) {
                    let letter = char::from(LETTERS.get(k).copied().unwrap_or(b'?'));
                    let mark = if revealed && choice.correct {
                        "  \u{2714}"
                    } else {
                        ""
                    };
                    line(
                        ui,
                        format!("{letter}. {}{mark}", choice.text),
                        revealed && choice.correct,
                    );
                }
            }
        }
        Body::TrueFalse(answer) => {
            line(ui, "True".into(), revealed && *answer);
            line(ui, "False".into(), revealed && !*answer);
        }
        Body::Matching(pairs) => {
            for (k, p) in pairs.iter().enumerate() {
                line(ui, format!("{}. {}", k + 1, p.left), false);
            }
            ui.add_space(size * 0.2);
            for (k, &j) in order.iter().enumerate() {
                if let Some(p) = pairs.get(j) {
                    let letter = char::from(LETTERS.get(k).copied().unwrap_or(b'?'));
                    line(ui, format!("{letter}. {}", p.right), false);
                }
            }
        }
        Body::Ordering(items) => {
            for &i in order {
                if let Some(item) = items.get(i) {
                    line(ui, format!("\u{2022} {item}"), false);
                }
            }
        }
        Body::FillIn(_) | Body::Numeric(_) => {}
        Body::Scenario { case, parts } => {
            ui.add(Label::new(RichText::new(case).size(size * 0.65).color(MUTED)).wrap());
            for (k, part) in parts.iter().enumerate() {
                ui.add_space(size * 0.2);
                line(ui, format!("({}) {}", k + 1, part.prompt), false);
                body_ui(
                    ui,
                    &part.body,
                    part_orders.get(k).map_or(&[], Vec::as_slice),
                    &[],
                    size * 0.85,
                    revealed,
                );
            }
        }
    }
}
