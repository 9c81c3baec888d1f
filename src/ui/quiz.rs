//! Taking a quiz: one question at a time, "Question 3 of 10", Check with feedback, skip, and
//! leaving with a confirmation (the quiz can be resumed).

use chrono::{DateTime, Utc};
use egui::{Label, RichText, Ui};

use super::question::{self, Input};
use super::{Action, theme, widgets};
use crate::content::Course;
use crate::progress::{QuizInfo, UnfinishedQuiz};
use crate::quiz::{self, Attempt, Feedback, Quiz, QuizSpec, Response, Scope, Slot};

/// A quiz being taken.
#[derive(Debug)]
pub struct QuizState {
    /// The attempt.
    pub attempt: Attempt,
    /// Id, title, module and start, for the records.
    pub info: QuizInfo,
    /// What is entered for the current question.
    pub input: Input,
    /// The grade of the current question, once checked.
    pub feedback: Option<Feedback>,
    /// UI time when the current question was first shown.
    pub shown_at: Option<f64>,
    /// Whether the "leave this quiz?" dialog is open.
    pub confirm_leave: bool,
}

impl QuizState {
    /// A new attempt at `quiz`.
    #[must_use]
    pub fn new(
        quiz: Quiz,
        id: u64,
        title: String,
        module: Option<String>,
        started: DateTime<Utc>,
    ) -> Self {
        let info = QuizInfo {
            id,
            spec: quiz.spec.clone(),
            seed: quiz.seed,
            title,
            module,
            started,
            review: false,
            assessment: false,
        };
        let mut state = Self {
            attempt: Attempt::new(quiz),
            info,
            input: Input::Text(String::new()),
            feedback: None,
            shown_at: None,
            confirm_leave: false,
        };
        state.reset_input();
        state
    }

    /// Rebuilds an unfinished quiz from its seed; if the course changed since, from its
    /// question ids. Returns `None` when none of its questions exist any more.
    #[must_use]
    pub fn resume(course: &Course, saved: &UnfinishedQuiz) -> Option<Self> {
        let mut quiz = quiz::assemble(course, &saved.info.spec, saved.info.seed);
        let ids: Vec<&str> = quiz.items.iter().map(|i| i.question.id.as_str()).collect();
        if ids
            != saved
                .questions
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        {
            let spec = QuizSpec {
                scope: Scope::Questions(saved.questions.clone()),
                count: saved.questions.len(),
                generated: false,
            };
            quiz = quiz::assemble(course, &spec, saved.info.seed);
            // Keep the saved order so that the saved answers line up.
            quiz.items
                .sort_by_key(|i| saved.questions.iter().position(|q| *q == i.question.id));
            quiz.spec = saved.info.spec.clone();
        }
        if quiz.items.is_empty() {
            return None;
        }
        let slots: Vec<Slot> = quiz
            .items
            .iter()
            .map(|item| {
                saved
                    .questions
                    .iter()
                    .position(|q| *q == item.question.id)
                    .and_then(|i| saved.slots.get(i).cloned())
                    .unwrap_or(Slot::Open)
            })
            .collect();
        let current = slots
            .iter()
            .position(|s| *s == Slot::Open)
            .unwrap_or(saved.current);
        let mut state = Self {
            attempt: Attempt::resume(quiz, slots, current),
            info: saved.info.clone(),
            input: Input::Text(String::new()),
            feedback: None,
            shown_at: None,
            confirm_leave: false,
        };
        state.reset_input();
        Some(state)
    }

    /// When a timed final assessment hands itself in.
    #[must_use]
    pub fn deadline(&self, course: &Course) -> Option<DateTime<Utc>> {
        let minutes = course.info.assessment.time_limit_minutes?;
        self.info
            .assessment
            .then(|| self.info.started + chrono::Duration::minutes(i64::from(minutes)))
    }

    /// What to save so the quiz can be resumed.
    #[must_use]
    pub fn unfinished(&self) -> UnfinishedQuiz {
        UnfinishedQuiz {
            info: self.info.clone(),
            questions: self.attempt.quiz().question_ids(),
            slots: self.attempt.slots().to_vec(),
            current: self.attempt.position(),
        }
    }

    fn reset_input(&mut self) {
        if let Some(item) = self.attempt.current() {
            self.input = Input::new(&item.question.body, &item.order, &item.part_orders);
        }
        self.feedback = None;
        self.shown_at = None;
    }

    /// Moves past the current question: to the next one, or to the end.
    fn advance(&mut self, skip: bool) -> Action {
        if skip {
            let _ = self.attempt.skip();
        } else {
            self.attempt.next();
        }
        self.reset_input();
        if self.attempt.is_finished() {
            Action::QuizFinished
        } else {
            Action::QuizMoved
        }
    }

    /// Hands the current input to the shell to grade, if there is one to check.
    fn check(&self, now: f64) -> Option<Action> {
        let response = self.input.response()?;
        let seconds = now - self.shown_at.unwrap_or(now);
        Some(Action::QuizAnswered { response, seconds })
    }

    /// Grades the current question's response in the attempt (the shell calls this) and shows
    /// the feedback; `None` when the question was already answered.
    pub fn grade(&mut self, response: Response, seconds: f64) -> Option<Feedback> {
        let feedback = self.attempt.answer(response, seconds).ok()?;
        self.feedback = Some(feedback.clone());
        Some(feedback)
    }
}

/// Draws the quiz.
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    state: &mut QuizState,
    clock: DateTime<Utc>,
) -> Option<Action> {
    let deadline = state.deadline(course);
    let mut action = None;
    let now = ui.input(|i| i.time);
    let total = state.attempt.len();
    let position = state.attempt.position();
    let keyboard_free = !ui.ctx().egui_wants_keyboard_input();
    if state.shown_at.is_none() {
        state.shown_at = Some(now);
    }
    let Some(item) = state.attempt.current().cloned() else {
        return Some(Action::QuizFinished);
    };
    widgets::page(ui, "quiz", |ui| {
        let p = theme::palette(ui.ctx());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&state.info.title).color(p.muted));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Leave quiz").clicked() {
                    state.confirm_leave = true;
                }
            });
        });
        widgets::heading(ui, &format!("Question {} of {total}", position + 1));
        if let Some(deadline) = deadline {
            let left = (deadline - clock).num_seconds().max(0);
            let text = format!("Time left {}:{:02}", left / 60, left % 60);
            let color = if left < 60 { p.wrong } else { p.accent };
            ui.label(RichText::new(text).text_style(theme::title()).color(color));
        }
        widgets::bar(
            ui,
            position as f32 / total.max(1) as f32,
            &format!("Question {} of {total}", position + 1),
        );
        ui.add_space(theme::GAP);
        let q = &item.question;
        ui.add(Label::new(RichText::new(&q.prompt).text_style(theme::title())).wrap());
        ui.add_space(theme::GAP_SMALL);
        let locked = state.feedback.is_some();
        let entered = question::answer_ui(
            ui,
            ui.scope_id().with(("quiz", position)),
            &q.body,
            &item.order,
            &item.part_orders,
            &mut state.input,
            locked,
        );
        ui.add_space(theme::GAP);
        match &state.feedback {
            None => {
                ui.horizontal_wrapped(|ui| {
                    let ready = state.input.response().is_some();
                    if ui
                        .add_enabled(ready, egui::Button::new(RichText::new("Check").strong()))
                        .clicked()
                        || (entered && ready)
                    {
                        action = state.check(now);
                    }
                    if ui.button("Skip").clicked() {
                        action = Some(state.advance(true));
                    }
                });
            }
            Some(feedback) => {
                question::feedback_ui(ui, q, feedback, &course.sources_of(q));
                ui.add_space(theme::GAP_SMALL);
                let label = if position + 1 >= total {
                    "See results"
                } else {
                    "Next question"
                };
                if widgets::primary(ui, label).clicked() {
                    action = Some(state.advance(false));
                }
            }
        }
        ui.add_space(theme::GAP);
        widgets::muted(
            ui,
            "Keys: 1-9 pick a choice, Enter check and continue, Esc leave the quiz.",
        );
    });

    if state.confirm_leave {
        match widgets::confirm(
            ui.ctx(),
            "leave quiz",
            "Leave this quiz?",
            "Your answers so far are saved. You can resume the quiz later from the course map.",
            "Leave quiz",
            "Keep going",
        ) {
            Some(true) => action = Some(Action::LeaveQuiz),
            Some(false) => state.confirm_leave = false,
            None => {}
        }
        return action;
    }

    if action.is_none() {
        action = keys(ui, state, &item.order, keyboard_free, now);
    }
    action
}

/// Number keys pick a choice, Enter checks and continues, Esc asks to leave. Runs only when the
/// drawn widgets did nothing this frame, so a focused button's Enter is never applied twice.
fn keys(
    ui: &mut Ui,
    state: &mut QuizState,
    order: &[usize],
    keyboard_free: bool,
    now: f64,
) -> Option<Action> {
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        state.confirm_leave = true;
        return None;
    }
    if !keyboard_free {
        return None;
    }
    if state.feedback.is_none() {
        const DIGITS: [egui::Key; 9] = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        for (n, key) in DIGITS.iter().enumerate() {
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key)) {
                state.input.pick(n + 1, order);
            }
        }
    }
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
        return if state.feedback.is_some() {
            Some(state.advance(false))
        } else {
            state.check(now)
        };
    }
    None
}
