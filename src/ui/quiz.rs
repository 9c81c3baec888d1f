//! Taking a quiz: one question at a time, "Question 3 of 10", Check with feedback, skip, and
//! leaving with a confirmation (the quiz can be resumed).

use chrono::{DateTime, Utc};
use egui::{Label, RichText, Ui};

use super::question::{self, Controls, Input};
use super::{Action, theme, widgets};
use crate::content::Course;
use crate::progress::{QuizInfo, UnfinishedQuiz};
use crate::quiz::{self, Attempt, Feedback, Quiz, Response, Slot};

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
    /// The question the quiz is asking before it acts, while its dialog is open.
    pub asking: Option<Asking>,
    /// Where the current question's controls were last drawn, for the keys.
    controls: Controls,
    /// The Check or Next button as last drawn: Enter on it means the same as anywhere else.
    go_button: Option<egui::Id>,
    /// Whether the feedback of the current question has been drawn.
    feedback_shown: bool,
}

/// A question the quiz asks in a dialog before it acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// "Leave this quiz?", on the way to a screen of the top bar (the course map for `None`).
    Leave(Option<super::Nav>),
    /// "Skip this question?", when something is entered.
    Skip,
    /// "Check with parts unanswered?"
    Check,
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
            asking: None,
            controls: Controls::default(),
            go_button: None,
            feedback_shown: false,
        };
        state.reset_input();
        state
    }

    /// Rebuilds an unfinished quiz from its seed; if the course changed since, from its
    /// question ids. It opens at the first question not answered yet; when every question is
    /// answered (the learner left before "See results"), [`QuizState::complete`] says so and the
    /// shell hands it in. Returns `None` when none of its questions exist any more.
    #[must_use]
    pub fn resume(course: &Course, saved: &UnfinishedQuiz) -> Option<Self> {
        let quiz = quiz::rebuild(course, &saved.info.spec, saved.info.seed, &saved.questions);
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
            .unwrap_or(slots.len().saturating_sub(1));
        let mut state = Self {
            attempt: Attempt::resume(quiz, slots, current),
            info: saved.info.clone(),
            input: Input::Text(String::new()),
            feedback: None,
            shown_at: None,
            asking: None,
            controls: Controls::default(),
            go_button: None,
            feedback_shown: false,
        };
        state.reset_input();
        Some(state)
    }

    /// Whether every question is answered or skipped, so the quiz only waits to be handed in.
    #[must_use]
    pub fn complete(&self) -> bool {
        self.attempt.first_open().is_none()
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
        // A question already answered shows its answer and feedback, so "Next question" or "See
        // results" is always there: a quiz can never be left with nothing to press.
        if self.attempt.current().is_some()
            && let Some(Slot::Answered {
                response, score, ..
            }) = self.attempt.current_slot().cloned()
        {
            self.input.restore(&response);
            self.feedback = Some(Feedback {
                score,
                outcome: quiz::Outcome::of(score),
            });
        }
        self.feedback_shown = false;
    }

    /// Whether something has been entered for the current question that skipping would lose.
    fn touched(&self) -> bool {
        self.attempt.current().is_some_and(|item| {
            self.input != Input::new(&item.question.body, &item.order, &item.part_orders)
        })
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
    /// Checks the answer, or first asks when part of it is blank (a case study's part, a
    /// matching's item): a blank there is easy to miss below the fold.
    fn check_or_ask(&mut self, now: f64) -> Option<Action> {
        if self.input.response().is_some() && self.input.blanks().is_some() {
            self.asking = Some(Asking::Check);
            return None;
        }
        self.check(now)
    }

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
    let opened = state.shown_at.is_none();
    if opened {
        state.shown_at = Some(now);
    }
    let Some(item) = state.attempt.current().cloned() else {
        return Some(Action::QuizFinished);
    };
    let deferred = state.info.assessment;
    // The final assessment is called what it is, as its key hint does.
    let leave = if deferred {
        "Leave the assessment"
    } else {
        "Leave quiz"
    };
    let dialog = state.asking.is_some();
    let enter = !dialog && keys(ui, state, &item);
    if opened {
        // A new question: keyboard users (and every fill-in or numeric question) start at its
        // first control; a mouse user's focus does not linger on the last question's button.
        if widgets::keyboard_in_use(ui.ctx())
            || question::opens_with_text_field(&item.question.body)
        {
            widgets::focus_first(ui.ctx());
        } else if let Some(id) = ui.ctx().memory(egui::Memory::focused) {
            ui.ctx().memory_mut(|m| m.surrender_focus(id));
        }
    }
    widgets::page_opened(ui, "quiz", opened, |ui| {
        let p = theme::palette(ui.ctx());
        egui::Sides::new().shrink_left().wrap().show(
            ui,
            |ui| {
                ui.add(Label::new(RichText::new(&state.info.title).color(p.muted)).wrap());
            },
            |ui| {
                if ui.button(leave).clicked() {
                    state.asking = Some(Asking::Leave(None));
                }
            },
        );
        widgets::heading(ui, &format!("Question {} of {total}", position + 1));
        if let Some(deadline) = deadline {
            let left = (deadline - clock).num_seconds().max(0);
            let text = format!("Time left {}:{:02}", left / 60, left % 60);
            let color = if left < 60 { p.wrong } else { p.accent };
            ui.label(RichText::new(text).text_style(theme::title()).color(color));
        }
        // A checked question counts as done: the bar moves when its feedback shows.
        let done = position + usize::from(state.feedback.is_some());
        widgets::bar(
            ui,
            done as f32 / total.max(1) as f32,
            &format!("Question {} of {total}", position + 1),
        );
        ui.add_space(theme::GAP);
        let q = &item.question;
        ui.add(Label::new(RichText::new(&q.prompt).text_style(theme::title())).wrap());
        ui.add_space(theme::GAP_SMALL);
        let locked = state.feedback.is_some();
        widgets::focus_start(ui);
        let answer_top = ui.cursor().top();
        state.controls = question::answer_ui(
            ui,
            ui.scope_id().with(("quiz", position)),
            &q.body,
            &item.order,
            &item.part_orders,
            &mut state.input,
            match (locked, deferred) {
                (false, _) => question::Lock::Open,
                (true, true) => question::Lock::Saved,
                (true, false) => question::Lock::Checked,
            },
        );
        let answer = egui::Rect::from_x_y_ranges(
            ui.max_rect().x_range(),
            answer_top..=ui.min_rect().bottom(),
        );
        ui.add_space(theme::GAP);
        let picked =
            state
                .controls
                .picked_rect(ui.ctx(), &state.input, &item.order, &item.part_orders);
        let spell_out = !widgets::verdict_fits_with(ui, picked);
        match &state.feedback {
            None => {
                ui.horizontal_wrapped(|ui| {
                    let ready = state.input.response().is_some();
                    let label = if deferred { "Save answer" } else { "Check" };
                    let check =
                        ui.add_enabled(ready, egui::Button::new(RichText::new(label).strong()));
                    state.go_button = Some(check.id);
                    if check.clicked() {
                        action = state.check_or_ask(now);
                    }
                    if ui.button("Skip").clicked() {
                        if state.touched() {
                            state.asking = Some(Asking::Skip);
                        } else {
                            action = Some(state.advance(true));
                        }
                    }
                });
            }
            Some(feedback) => {
                let verdict = if deferred {
                    // The final assessment reveals nothing until it is handed in.
                    let saved = ui.label(RichText::new("\u{2714} Answer saved").strong());
                    widgets::paragraph(
                        ui,
                        "Whether it is right is shown when you hand in the assessment.",
                    );
                    saved.rect
                } else {
                    let sources = course.sources_of(q);
                    question::feedback_ui(ui, q, &state.input, feedback, &sources, spell_out)
                };
                ui.add_space(theme::GAP_SMALL);
                let label = match (position + 1 >= total, deferred) {
                    (true, true) => "Hand in my answers",
                    (true, false) => "See results",
                    (false, _) => "Next question",
                };
                let next = widgets::primary(ui, label);
                state.go_button = Some(next.id);
                if !state.feedback_shown {
                    // Bring the answer, the verdict and the way on into view; keyboard users
                    // go on from here.
                    state.feedback_shown = true;
                    widgets::show_checked(ui, answer, picked, verdict, next.rect, spell_out);
                    if widgets::keyboard_in_use(ui.ctx()) {
                        next.request_focus();
                    }
                }
                if next.clicked() {
                    action = Some(state.advance(false));
                }
            }
        }
        ui.add_space(theme::GAP);
        widgets::muted(
            ui,
            if deferred {
                "Keys: 1-9 pick a choice (in a case study, of the part with the focus), Enter save \
                 and continue, Tab move between controls, F6 the menu bar, Esc leave the assessment."
            } else {
                "Keys: 1-9 pick a choice (in a case study, of the part with the focus), Enter check \
                 and continue, Tab move between controls, F6 the menu bar, Esc leave the quiz."
            },
        );
    });
    if action.is_none() && enter {
        action = if state.feedback.is_some() {
            Some(state.advance(false))
        } else {
            state.check_or_ask(now)
        };
    }

    if state.asking == Some(Asking::Check) {
        let blanks = state.input.blanks().unwrap_or_default();
        match widgets::confirm(
            ui.ctx(),
            "check with blanks",
            if deferred {
                "Save with parts unanswered?"
            } else {
                "Check with parts unanswered?"
            },
            &format!("{blanks} What is left blank counts as not answered."),
            if deferred {
                "Save it as it is"
            } else {
                "Check it as it is"
            },
            "Keep answering",
        ) {
            Some(true) => {
                state.asking = None;
                action = state.check(now);
            }
            Some(false) => state.asking = None,
            None => {}
        }
    }

    if state.asking == Some(Asking::Skip) {
        match widgets::confirm(
            ui.ctx(),
            "skip question",
            "Skip this question?",
            "What you have entered for it will not be checked or kept.",
            "Skip it",
            "Keep answering",
        ) {
            Some(true) => {
                state.asking = None;
                action = Some(state.advance(true));
            }
            Some(false) => state.asking = None,
            None => {}
        }
    }
    if matches!(state.asking, Some(Asking::Leave(_))) {
        let text = if deferred {
            "Your answers so far are saved and the assessment stays open: resume it from the course map. Its time keeps running while you are away."
        } else {
            "Your answers so far are saved. You can resume the quiz later from the course map."
        };
        match widgets::confirm(
            ui.ctx(),
            "leave quiz",
            if deferred {
                "Leave the assessment for now?"
            } else {
                "Leave this quiz?"
            },
            text,
            leave,
            "Keep going",
        ) {
            Some(true) => action = Some(Action::LeaveQuiz),
            Some(false) => state.asking = None,
            None => {}
        }
    }
    action
}

/// The keys, taken before the question is drawn so that no focused control also acts on them:
/// Esc asks to leave; 1-9 pick a choice of the part that has focus; Enter (returned) checks
/// and continues, wherever focus is in the question, and on the Check or Next button.
fn keys(ui: &mut Ui, state: &mut QuizState, item: &crate::quiz::QuizItem) -> bool {
    if !widgets::dialog_open(ui.ctx())
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        state.asking = Some(Asking::Leave(None));
        return false;
    }
    if state.feedback.is_none() {
        question::digit_keys(
            ui,
            &state.controls,
            &mut state.input,
            &item.order,
            &item.part_orders,
        );
    }
    let (controls, go) = (&state.controls, state.go_button);
    widgets::take_enter(ui, |id| controls.owns(id) || go == Some(id))
}
