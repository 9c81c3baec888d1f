//! Presenter mode for a projector: full screen, very large text, high contrast, one question at
//! a time, a key reveals the answer. Nothing is recorded. A clicker's two buttons are enough:
//! "next" reveals the answer, then moves on; "back" goes back.

use chrono::{DateTime, Utc};
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
    /// Seconds per question; 0 for no countdown.
    pub seconds: u32,
    /// When the question showing came up.
    pub shown_at: DateTime<Utc>,
    /// Whether the answer was just revealed and should be scrolled into view.
    scroll_to_answer: bool,
}

/// Text sizes in points for a screen of `height` points: body text at least 40 px on a
/// 1080-line projector, scaled with the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// The question.
    pub prompt: f32,
    /// Choices, items, the case, the answer and its explanation.
    pub body: f32,
    /// Title, source, keys and buttons.
    pub small: f32,
}

impl Sizes {
    /// The sizes for a screen `width` by `height` points.
    #[must_use]
    pub fn for_screen(width: f32, height: f32) -> Self {
        let scale = (height / 1080.0).min(width / 1920.0).max(0.45);
        Self {
            prompt: 52.0 * scale,
            body: 42.0 * scale,
            small: 28.0 * scale,
        }
    }
}

impl PresenterState {
    /// Presents `quiz` from its first question, with a countdown of `seconds` per question.
    #[must_use]
    pub fn new(quiz: Quiz, title: String, seconds: u32, now: DateTime<Utc>) -> Self {
        Self {
            quiz,
            title,
            index: 0,
            revealed: false,
            seconds,
            shown_at: now,
            scroll_to_answer: false,
        }
    }

    /// Moves forward: reveal the answer first, then the next question.
    pub fn forward(&mut self, now: DateTime<Utc>) {
        if !self.revealed {
            self.revealed = true;
            self.scroll_to_answer = true;
        } else if self.index + 1 < self.quiz.items.len() {
            self.index += 1;
            self.revealed = false;
            self.shown_at = now;
        }
    }

    /// Moves back: hide the answer first, then the previous question.
    pub fn back(&mut self, now: DateTime<Utc>) {
        if self.revealed {
            self.revealed = false;
        } else if self.index > 0 {
            self.index -= 1;
            self.shown_at = now;
        }
    }

    /// Seconds left on the countdown, if there is one.
    #[must_use]
    pub fn left(&self, now: DateTime<Utc>) -> Option<i64> {
        (self.seconds > 0)
            .then(|| (i64::from(self.seconds) - (now - self.shown_at).num_seconds()).max(0))
    }
}

/// Draws the presenter screen and handles its keys.
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    state: &mut PresenterState,
    now: DateTime<Utc>,
) -> Option<Action> {
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
            state.forward(now);
        } else if pressed(
            i,
            &[Key::ArrowLeft, Key::PageUp, Key::ArrowUp, Key::Backspace],
        ) {
            state.back(now);
        } else if pressed(i, &[Key::R]) {
            state.revealed = !state.revealed;
            state.scroll_to_answer = state.revealed;
        } else if pressed(i, &[Key::Escape]) {
            action = Some(Action::StopPresenting);
        }
    });
    let Some(item) = state.quiz.items.get(state.index).cloned() else {
        return Some(Action::StopPresenting);
    };
    let left = state.left(now);
    if left == Some(0) && !state.revealed {
        // Time is up: the answer shows, as after "next".
        state.forward(now);
    }
    if left.is_some_and(|l| l > 0) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
    }
    let screen = ui.available_size();
    let sizes = Sizes::for_screen(screen.x, screen.y);
    // Buttons and every other widget in the presenter's own high-contrast colours, whatever
    // the app's theme.
    let visuals = ui.visuals_mut();
    *visuals = egui::Visuals::dark();
    visuals.override_text_color = Some(TEXT);
    visuals.widgets.inactive.weak_bg_fill = Color32::from_rgb(0x22, 0x26, 0x2e);
    visuals.widgets.hovered.weak_bg_fill = Color32::from_rgb(0x30, 0x35, 0x40);
    let scroll_to_answer = std::mem::take(&mut state.scroll_to_answer);
    Frame::new().fill(BACKGROUND).inner_margin(Margin::same(40)).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&state.title).size(sizes.small).color(MUTED));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(RichText::new("Exit presenter mode").size(sizes.small)).clicked() {
                        action = Some(Action::StopPresenting);
                    }
                });
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("Question {} of {}", state.index + 1, state.quiz.items.len()))
                        .size(sizes.small * 1.2)
                        .color(ACCENT),
                );
                if let Some(left) = left {
                    ui.add_space(sizes.small);
                    let text = if left == 0 {
                        "Time is up".to_owned()
                    } else {
                        format!("{}:{:02} left", left / 60, left % 60)
                    };
                    ui.label(RichText::new(text).size(sizes.small * 1.2).color(TEXT).strong());
                }
            });
            ui.add_space(sizes.small * 0.5);
            let q = &item.question;
            ui.add(Label::new(RichText::new(&q.prompt).size(sizes.prompt).color(TEXT)).wrap());
            ui.add_space(sizes.small * 0.5);
            body_ui(ui, &q.body, &item.order, &item.part_orders, sizes.body, state.revealed);
            if state.revealed {
                ui.add_space(sizes.small * 0.6);
                let right = describe(&q.body, &right_response(&q.body));
                let answer = ui.add(Label::new(RichText::new(format!("Answer: {right}")).size(sizes.body).color(ACCENT).strong()).wrap());
                if scroll_to_answer {
                    // A clicker cannot scroll: bring the answer into view.
                    answer.scroll_to_me(Some(egui::Align::Center));
                }
                ui.add(Label::new(RichText::new(&q.explanation).size(sizes.body).color(TEXT)).wrap());
                let sources = course.sources_of(q);
                if !sources.is_empty() {
                    ui.add(Label::new(RichText::new(format!("Source: {}", sources.join("; "))).size(sizes.small).color(MUTED)).wrap());
                }
            }
            ui.add_space(sizes.small * 0.8);
            ui.horizontal_wrapped(|ui| {
                if ui.button(RichText::new("Back").size(sizes.small)).clicked() {
                    state.back(now);
                }
                let next = if state.revealed { "Next question" } else { "Reveal the answer" };
                if ui.button(RichText::new(next).size(sizes.small)).clicked() {
                    state.forward(now);
                }
            });
            ui.label(
                RichText::new("Keys: Right, Page Down or Space reveals, then moves on; Left or Page Up goes back; R shows or hides the answer; Esc exits.")
                    .size(sizes.small * 0.8)
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
        ui.add(Label::new(RichText::new(text).size(size).color(color)).wrap());
    };
    let letter = |k: usize| char::from(LETTERS.get(k).copied().unwrap_or(b'?'));
    match body {
        Body::Single(c) | Body::Multiple(c) => {
            for (k, &i) in order.iter().enumerate() {
                if let Some(choice) = c.0.get(i) {
                    let letter = letter(k);
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
            line(ui, "A. True".into(), revealed && *answer);
            line(ui, "B. False".into(), revealed && !*answer);
        }
        Body::Matching(pairs) => {
            for (k, p) in pairs.iter().enumerate() {
                line(ui, format!("{}. {}", k + 1, p.left), false);
            }
            ui.add_space(size * 0.2);
            for (k, &j) in order.iter().enumerate() {
                if let Some(p) = pairs.get(j) {
                    line(ui, format!("{}. {}", letter(k), p.right), false);
                }
            }
        }
        Body::Ordering(items) => {
            for (k, &i) in order.iter().enumerate() {
                if let Some(item) = items.get(i) {
                    line(ui, format!("{}. {item}", letter(k)), false);
                }
            }
        }
        Body::FillIn(_) | Body::Numeric(_) => {}
        Body::Scenario { case, parts } => {
            ui.add(Label::new(RichText::new(case).size(size).color(TEXT)).wrap());
            for (k, part) in parts.iter().enumerate() {
                ui.add_space(size * 0.2);
                line(ui, format!("({}) {}", k + 1, part.prompt), false);
                body_ui(
                    ui,
                    &part.body,
                    part_orders.get(k).map_or(&[], Vec::as_slice),
                    &[],
                    size,
                    revealed,
                );
            }
        }
    }
}
