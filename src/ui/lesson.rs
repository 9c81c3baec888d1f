//! The lesson reader: one page at a time with "Page 2 of 5", key terms marked with their
//! definition on hover or focus, the timeline, and "check yourself" questions answered in place.

use std::collections::HashMap;

use egui::{Label, RichText, Ui};

use super::question::{self, Input};
use super::{Action, theme, timeline, widgets};
use crate::content::{Course, Term};
use crate::lesson::{self, Lesson, Page};
use crate::quiz::{self, Feedback, QuizItem, QuizSpec, Scope};

/// A "check yourself" question and what the learner did with it.
#[derive(Debug)]
pub struct Check {
    /// The question with its shown order.
    pub item: QuizItem,
    /// What is entered.
    pub input: Input,
    /// The grade, once checked.
    pub feedback: Option<Feedback>,
    /// UI time when it was first shown, for "seconds taken".
    pub shown_at: Option<f64>,
}

/// The lesson being read.
#[derive(Debug)]
pub struct LessonState {
    /// Module id.
    pub module: String,
    /// The generated lesson.
    pub lesson: Lesson,
    /// The page showing.
    pub page: usize,
    /// The check questions by id.
    pub checks: HashMap<String, Check>,
}

impl LessonState {
    /// Opens the lesson of `module` at `page` (clamped).
    #[must_use]
    pub fn new(course: &Course, module: &crate::content::Module, page: usize) -> Self {
        let lesson = lesson::lesson(course, module);
        let mut checks = HashMap::new();
        for p in &lesson.pages {
            if let Page::Section { checks: ids, .. } = p {
                for id in ids {
                    let spec = QuizSpec {
                        scope: Scope::Questions(vec![id.clone()]),
                        count: 1,
                        generated: false,
                    };
                    let seed = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                    });
                    if let Some(item) = quiz::assemble(course, &spec, seed).items.into_iter().next()
                    {
                        let input = Input::new(&item.question.body, &item.order, &item.part_orders);
                        checks.insert(
                            id.clone(),
                            Check {
                                item,
                                input,
                                feedback: None,
                                shown_at: None,
                            },
                        );
                    }
                }
            }
        }
        let page = page.min(lesson.pages.len().saturating_sub(1));
        Self {
            module: module.id.clone(),
            lesson,
            page,
            checks,
        }
    }

    fn turn(&self, page: usize) -> Action {
        Action::LessonPage {
            module: self.module.clone(),
            page,
            last: page + 1 >= self.lesson.pages.len(),
        }
    }
}

/// Draws the lesson page.
pub fn ui(ui: &mut Ui, course: &Course, state: &mut LessonState) -> Option<Action> {
    let mut action = None;
    let pages = state.lesson.pages.len();
    let keyboard_free = !ui.ctx().egui_wants_keyboard_input();
    let now = ui.input(|i| i.time);
    widgets::page(ui, "lesson", |ui| {
        let p = theme::palette(ui.ctx());
        ui.label(RichText::new(format!("Lesson \u{00b7} {}", state.lesson.title)).color(p.muted));
        let Some(page) = state.lesson.pages.get(state.page) else {
            return;
        };
        widgets::heading(ui, page.title());
        ui.label(format!("Page {} of {pages}", state.page + 1));
        widgets::bar(
            ui,
            (state.page + 1) as f32 / pages.max(1) as f32,
            &format!("Page {} of {pages}", state.page + 1),
        );
        ui.add_space(theme::GAP);
        let terms: Vec<Term> = course
            .module(&state.module)
            .map(|m| m.terms.clone())
            .unwrap_or_default();
        match page {
            Page::Intro {
                content_note,
                summary,
                objectives,
            } => {
                if let Some(note) = content_note {
                    theme::card(ui.ctx()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new("Content note").strong());
                        widgets::paragraph(ui, note);
                    });
                    ui.add_space(theme::GAP);
                }
                widgets::paragraph(ui, summary);
                ui.add_space(theme::GAP_SMALL);
                ui.label(RichText::new("By the end of this module you can:").strong());
                for o in objectives {
                    ui.add(Label::new(format!("\u{2022} {o}")).wrap());
                }
            }
            Page::Section {
                text,
                points,
                terms: section_terms,
                checks,
                ..
            } => {
                if let Some(text) = text {
                    marked_text(ui, text, &terms);
                    ui.add_space(theme::GAP);
                }
                ui.label(
                    RichText::new("Key points")
                        .text_style(theme::title())
                        .strong(),
                );
                for point in points {
                    ui.horizontal_top(|ui| {
                        ui.label("\u{2022}");
                        ui.vertical(|ui| {
                            marked_text(ui, &point.text, &terms);
                            widgets::muted(ui, &format!("Source: {}", course.cite(&point.source)));
                        });
                    });
                }
                if !section_terms.is_empty() {
                    ui.add_space(theme::GAP);
                    theme::card(ui.ctx()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new("Key terms").strong());
                        for t in section_terms {
                            ui.add(
                                Label::new(RichText::new(&t.term).strong().color(p.accent)).wrap(),
                            );
                            ui.add(Label::new(t.definition.as_str()).wrap());
                        }
                    });
                }
                for (k, id) in checks.iter().enumerate() {
                    if let Some(check) = state.checks.get_mut(id) {
                        ui.add_space(theme::GAP);
                        if let Some(a) = check_ui(ui, course, &state.module, k, check, now) {
                            action = Some(a);
                        }
                    }
                }
            }
            Page::Timeline { events } => timeline::ui(ui, events),
            Page::Recap {
                takeaways,
                objectives,
                terms,
            } => {
                ui.label(
                    RichText::new("Remember")
                        .text_style(theme::title())
                        .strong(),
                );
                for t in takeaways {
                    ui.add(Label::new(format!("\u{2022} {t}")).wrap());
                }
                ui.add_space(theme::GAP_SMALL);
                ui.label(RichText::new("You can now:").strong());
                for o in objectives {
                    ui.add(Label::new(format!("\u{2714} {o}")).wrap());
                }
                if !terms.is_empty() {
                    ui.add_space(theme::GAP_SMALL);
                    ui.label(RichText::new("Glossary").strong());
                    for t in terms {
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            question::term_label(ui, &t.term, &t.definition);
                            ui.label(format!(": {}", t.definition));
                        });
                    }
                }
            }
        }
        ui.add_space(theme::GAP * 1.5);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            if state.page > 0 && ui.button("Previous page").clicked() {
                action = Some(state.turn(state.page - 1));
            }
            if state.page + 1 < pages {
                if widgets::primary(ui, "Next page").clicked() {
                    action = Some(state.turn(state.page + 1));
                }
            } else {
                if widgets::primary(ui, "Take the module quiz").clicked() {
                    let title = course
                        .module(&state.module)
                        .map_or_else(String::new, |m| m.title.clone());
                    action = Some(Action::StartQuiz {
                        spec: QuizSpec {
                            scope: Scope::Modules(vec![state.module.clone()]),
                            count: super::home::MODULE_QUIZ,
                            generated: true,
                        },
                        title,
                        module: Some(state.module.clone()),
                    });
                }
                if ui.button("Back to the course map").clicked() {
                    action = Some(Action::Go(super::Nav::Home));
                }
            }
        });
        widgets::muted(
            ui,
            "Keys: Enter next page, Esc back to the course map. Your place is saved on every page.",
        );
    });
    if action.is_none() && keyboard_free && ui.ctx().memory(egui::Memory::focused).is_none() {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
            && state.page + 1 < pages
        {
            action = Some(state.turn(state.page + 1));
        } else if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            action = Some(Action::Go(super::Nav::Home));
        }
    }
    action
}

/// One "check yourself" question with its Check button and feedback.
fn check_ui(
    ui: &mut Ui,
    course: &Course,
    module: &str,
    k: usize,
    check: &mut Check,
    now: f64,
) -> Option<Action> {
    let mut action = None;
    let shown_at = *check.shown_at.get_or_insert(now);
    theme::card(ui.ctx()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let q = &check.item.question;
        ui.label(RichText::new(format!("Check yourself {}", k + 1)).strong());
        ui.add(Label::new(q.prompt.as_str()).wrap());
        let locked = check.feedback.is_some();
        let id = ui.scope_id().with(("check", &q.id));
        let entered = question::answer_ui(
            ui,
            id,
            &q.body,
            &check.item.order,
            &check.item.part_orders,
            &mut check.input,
            locked,
        );
        match &check.feedback {
            None => {
                let response = check.input.response();
                let b = widgets::named(
                    ui.add_enabled(response.is_some(), egui::Button::new("Check")),
                    format!("Check: {}", short(&q.prompt)),
                );
                if (b.clicked() || entered)
                    && let Some(response) = response
                {
                    action = Some(Action::CheckAnswered {
                        question: q.id.clone(),
                        module: module.to_owned(),
                        response,
                        seconds: now - shown_at,
                    });
                }
            }
            Some(feedback) => {
                question::feedback_ui(ui, q, feedback, &course.sources_of(q));
            }
        }
    });
    action
}

fn short(text: &str) -> String {
    text.chars().take(50).collect()
}

/// Text with the module's terms marked: underlined, with the definition on hover or focus.
pub fn marked_text(ui: &mut Ui, text: &str, terms: &[Term]) {
    let segments = crate::lesson::split_terms(text, terms);
    if segments.iter().all(|(_, t)| t.is_none()) {
        widgets::paragraph(ui, text);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for (segment, term) in segments {
            match term {
                Some(t) => question::term_label(ui, segment, &t.definition),
                None => {
                    ui.add(Label::new(segment).wrap());
                }
            }
        }
    });
}
