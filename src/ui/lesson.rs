//! The lesson reader: one page at a time with "Page 2 of 5", key terms marked with their
//! definition on hover or focus, the timeline, and "check yourself" questions answered in place.

use std::collections::{HashMap, HashSet};

use egui::{Label, RichText, Ui};

use super::question::{self, Controls, Input};
use super::{Action, theme, timeline, widgets};
use crate::content::{Course, Term};
use crate::lesson::{self, Lesson, Page};
use crate::progress::Progress;
use crate::quiz::{self, Feedback, Outcome, QuizItem, QuizSpec, Scope};

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
    /// Where its controls were last drawn, for the keys.
    controls: Controls,
    /// Its Check button as last drawn.
    button: Option<egui::Id>,
    /// Whether its feedback has been drawn (and brought into view) yet.
    feedback_shown: bool,
}

impl Check {
    /// Whether the learner has entered something and not checked it yet.
    fn pending(&self) -> bool {
        self.feedback.is_none()
            && self.input
                != Input::new(
                    &self.item.question.body,
                    &self.item.order,
                    &self.item.part_orders,
                )
    }

    /// Whether the widget `id` belongs to this question.
    fn owns(&self, id: egui::Id) -> bool {
        self.controls.owns(id) || self.button == Some(id)
    }
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
    /// Check questions whose last answer, here or before, was right: the recap ticks the
    /// objectives they test.
    pub answered_right: HashSet<String>,
    /// The next module in the course, id and title: where "Next lesson" goes.
    pub next: Option<(String, String)>,
    /// The page last drawn and the UI time it was first drawn: a new page starts at its top,
    /// and a second click of a double click does not turn it unread.
    shown: Option<(usize, f64)>,
}

impl LessonState {
    /// Opens the lesson of `module` at `page` (clamped), with what `progress` says of its
    /// checks.
    #[must_use]
    pub fn new(
        course: &Course,
        module: &crate::content::Module,
        page: usize,
        progress: &Progress,
    ) -> Self {
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
                                controls: Controls::default(),
                                button: None,
                                feedback_shown: false,
                            },
                        );
                    }
                }
            }
        }
        let page = page.min(lesson.pages.len().saturating_sub(1));
        let answered_right = checks
            .keys()
            .filter(|id| {
                progress
                    .answers
                    .iter()
                    .rev()
                    .find(|a| &a.question == *id)
                    .is_some_and(|a| a.outcome == Outcome::Right)
            })
            .cloned()
            .collect();
        let next = course
            .modules
            .iter()
            .skip_while(|m| m.id != module.id)
            .nth(1)
            .map(|m| (m.id.clone(), m.title.clone()));
        Self {
            module: module.id.clone(),
            lesson,
            page,
            checks,
            answered_right,
            next,
            shown: None,
        }
    }

    /// Records the grade of a check question answered on this page.
    pub fn checked(&mut self, question: &str, feedback: Feedback) {
        if feedback.outcome == Outcome::Right {
            self.answered_right.insert(question.to_owned());
        } else {
            self.answered_right.remove(question);
        }
        if let Some(check) = self.checks.get_mut(question) {
            check.feedback = Some(feedback);
        }
    }

    /// What the last page offers first (Enter does it): the next lesson, or after the last
    /// module the module quiz.
    fn finish(&self, course: &Course) -> Action {
        match &self.next {
            Some((module, _)) => Action::OpenLesson {
                module: module.clone(),
                page: None,
            },
            None => self.module_quiz(course),
        }
    }

    fn module_quiz(&self, course: &Course) -> Action {
        let title = course
            .module(&self.module)
            .map_or_else(String::new, |m| m.title.clone());
        Action::StartQuiz {
            spec: QuizSpec {
                scope: Scope::Modules(vec![self.module.clone()]),
                count: super::home::MODULE_QUIZ,
                generated: true,
            },
            title,
            module: Some(self.module.clone()),
        }
    }

    fn turn(&self, page: usize) -> Action {
        Action::LessonPage {
            module: self.module.clone(),
            page,
            last: page + 1 >= self.lesson.pages.len(),
        }
    }

    /// Turns to `page`, unless the page showing appeared less than [`TURN_GUARD`] ago.
    fn turn_to(&self, page: usize, now: f64) -> Option<Action> {
        (!self.fresh(now)).then(|| self.turn(page))
    }

    /// Whether the page showing appeared less than [`TURN_GUARD`] ago.
    fn fresh(&self, now: f64) -> bool {
        self.shown.is_some_and(|(_, at)| now - at < TURN_GUARD)
    }

    /// The ids of the check questions on the page showing.
    fn page_checks(&self) -> Vec<String> {
        match self.lesson.pages.get(self.page) {
            Some(Page::Section { checks, .. }) => checks.clone(),
            _ => Vec::new(),
        }
    }
}

/// Seconds after a page appears during which it cannot be turned again: the second click of a
/// double click on "Next page" lands on the next page's button, and must not skip it unread.
const TURN_GUARD: f64 = 0.5;

/// What the keys asked for on a lesson page.
#[derive(Debug, Default)]
struct Keys {
    /// Check this question.
    check: Option<String>,
    /// Go to the next page.
    next: bool,
    /// Back to the course map.
    back: bool,
}

/// The keys, taken before the page is drawn so that no focused control also acts on them.
/// 1-9 pick a choice in the check question that has focus (or the first unchecked one); Enter
/// checks the question that has focus (or, with nothing focused, the first one with an answer
/// waiting) and otherwise turns the page; Esc goes back to the course map.
fn keys(ui: &Ui, state: &mut LessonState) -> Keys {
    let ids = state.page_checks();
    let focused = ui.ctx().memory(egui::Memory::focused);
    let focused_check = focused.and_then(|f| {
        ids.iter()
            .find(|id| state.checks.get(*id).is_some_and(|c| c.owns(f)))
            .cloned()
    });
    let target = focused_check.clone().or_else(|| {
        ids.iter()
            .find(|id| state.checks.get(*id).is_some_and(|c| c.feedback.is_none()))
            .cloned()
    });
    if let Some(check) = target.and_then(|id| state.checks.get_mut(&id))
        && check.feedback.is_none()
    {
        question::digit_keys(
            ui,
            &check.controls,
            &mut check.input,
            &check.item.order,
            &check.item.part_orders,
        );
    }
    // Esc closes an open definition first.
    if !egui::Popup::is_any_open(ui.ctx())
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        return Keys {
            back: true,
            ..Keys::default()
        };
    }
    let checks = &state.checks;
    // Enter on a focused key term goes on too (a page whose first control is a term would
    // otherwise stop a learner going through it with Enter); Space opens the definition.
    let owned = |id: egui::Id| {
        question::is_term(ui.ctx(), id)
            || ids
                .iter()
                .any(|c| checks.get(c).is_some_and(|c| c.owns(id)))
    };
    if !widgets::take_enter(ui, owned) {
        return Keys::default();
    }
    let unchecked = |id: &String| checks.get(id).is_some_and(|c| c.feedback.is_none());
    let check = match focused_check {
        Some(id) => Some(id).filter(unchecked),
        None => ids
            .iter()
            .find(|id| checks.get(*id).is_some_and(Check::pending))
            .cloned(),
    };
    match check {
        Some(id) => Keys {
            check: Some(id),
            ..Keys::default()
        },
        None => Keys {
            next: true,
            ..Keys::default()
        },
    }
}

/// Draws the lesson page.
pub fn ui(ui: &mut Ui, course: &Course, state: &mut LessonState) -> Option<Action> {
    let mut action = None;
    let pages = state.lesson.pages.len();
    let now = ui.input(|i| i.time);
    let opened = state.shown.map(|(page, _)| page) != Some(state.page);
    if opened {
        state.shown = Some((state.page, now));
        // A new page: keyboard users start at its first control; a mouse user's focus does not
        // stay on the button that turned the page.
        if widgets::keyboard_in_use(ui.ctx()) {
            widgets::focus_first(ui.ctx());
        } else if let Some(id) = ui.ctx().memory(egui::Memory::focused) {
            ui.ctx().memory_mut(|m| m.surrender_focus(id));
        }
    }
    let keys = keys(ui, state);
    widgets::page_opened(ui, "lesson", opened, |ui| {
        let p = theme::palette(ui.ctx());
        ui.add(
            Label::new(
                RichText::new(format!("Lesson \u{00b7} {}", state.lesson.title)).color(p.muted),
            )
            .wrap(),
        );
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
        widgets::focus_start(ui);
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
                // A fact the paragraph already says is not repeated as a key point.
                if points.iter().any(|p| !p.in_text) {
                    ui.label(
                        RichText::new("Key points")
                            .text_style(theme::title())
                            .strong(),
                    );
                    let shown: Vec<&str> = points
                        .iter()
                        .filter(|p| !p.in_text)
                        .map(|p| p.text.as_str())
                        .collect();
                    let id = ui
                        .scope_id()
                        .with(("key points", &state.module, state.page));
                    key_points(ui, id, &shown, &terms);
                }
                let sources = page.sources(course);
                if !sources.is_empty() {
                    ui.add_space(theme::GAP_SMALL);
                    let label = if sources.len() == 1 {
                        "Source"
                    } else {
                        "Sources"
                    };
                    widgets::muted(ui, &format!("{label}: {}", sources.join("; ")));
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
                        let enter = keys.check.as_deref() == Some(id.as_str());
                        if let Some(a) = check_ui(ui, course, &state.module, (k, check), now, enter)
                        {
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
                ui.label(RichText::new("What this module set out to teach").strong());
                let mut open = 0;
                for o in objectives {
                    if o.met(|id| state.answered_right.contains(id)) {
                        ui.add(
                            Label::new(
                                RichText::new(format!("\u{2714} {}", o.text)).color(p.right),
                            )
                            .wrap(),
                        );
                    } else {
                        open += 1;
                        ui.add(Label::new(format!("\u{25cb} {}", o.text)).wrap());
                    }
                }
                if open > 0 {
                    widgets::muted(
                        ui,
                        "\u{2714} marks what your answers to the check-yourself questions showed; \
                         \u{25cb} what they have not shown yet. The module quiz and reviews \
                         test all of it.",
                    );
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
                action = state.turn_to(state.page - 1, now);
            }
            if state.page + 1 < pages {
                if widgets::primary(ui, "Next page").clicked() {
                    action = state.turn_to(state.page + 1, now);
                }
            } else {
                if let Some((_, title)) = &state.next {
                    let b = widgets::primary(ui, "Next lesson");
                    let b = widgets::named(b, format!("Next lesson: {title}"));
                    if b.clicked() {
                        action = Some(state.finish(course));
                    }
                    if ui.button("Take the module quiz").clicked() {
                        action = Some(state.module_quiz(course));
                    }
                } else if widgets::primary(ui, "Take the module quiz").clicked() {
                    action = Some(state.module_quiz(course));
                }
                if ui.button("Back to the course map").clicked() {
                    action = Some(Action::Go(super::Nav::Home));
                }
            }
        });
        let hint = if state.page + 1 < pages {
            "Keys: Enter next page (or check the answer you gave), 1-9 pick a choice, Tab move \
             between terms and questions, Space open a term's definition, Esc back to the course \
             map. Your place is saved on every page."
        } else if state.next.is_some() {
            "Keys: Enter next lesson (or check the answer you gave), 1-9 pick a choice, Esc back \
             to the course map. Your place is saved on every page."
        } else {
            "Keys: Enter the module quiz (or check the answer you gave), 1-9 pick a choice, Esc \
             back to the course map. Your place is saved on every page."
        };
        widgets::muted(ui, hint);
    });
    if action.is_none() {
        if keys.back {
            action = Some(Action::Go(super::Nav::Home));
        } else if keys.next && state.page + 1 < pages {
            // Keys are not guarded: only a double click lands on the next page's button.
            action = Some(state.turn(state.page + 1));
        } else if keys.next {
            action = Some(state.finish(course));
        }
    }
    action
}

/// One "check yourself" question with its Check button and feedback; `enter` checks it as the
/// button does.
fn check_ui(
    ui: &mut Ui,
    course: &Course,
    module: &str,
    (k, check): (usize, &mut Check),
    now: f64,
    enter: bool,
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
        let answer_top = ui.cursor().top();
        check.controls = question::answer_ui(
            ui,
            id,
            &q.body,
            &check.item.order,
            &check.item.part_orders,
            &mut check.input,
            if locked {
                question::Lock::Checked
            } else {
                question::Lock::Open
            },
        );
        let answer = egui::Rect::from_x_y_ranges(
            ui.max_rect().x_range(),
            answer_top..=ui.min_rect().bottom(),
        );
        let picked = check.controls.picked_rect(
            ui.ctx(),
            &check.input,
            &check.item.order,
            &check.item.part_orders,
        );
        let spell_out = !widgets::verdict_fits_with(ui, picked);
        match &check.feedback {
            None => {
                let response = check.input.response();
                let b = widgets::named(
                    ui.add_enabled(response.is_some(), egui::Button::new("Check")),
                    format!("Check: {}", short(&q.prompt)),
                );
                check.button = Some(b.id);
                if (b.clicked() || enter)
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
                let shown = ui.scope(|ui| {
                    let sources = course.sources_of(q);
                    question::feedback_ui(ui, q, &check.input, feedback, &sources, spell_out)
                });
                if !check.feedback_shown {
                    // Bring the answer and the verdict into view, as the quiz does: it opens
                    // under the question, often below the fold.
                    check.feedback_shown = true;
                    widgets::show_checked(
                        ui,
                        answer,
                        picked,
                        shown.inner,
                        shown.response.rect,
                        spell_out,
                    );
                }
            }
        }
    });
    action
}

fn short(text: &str) -> String {
    text.chars().take(50).collect()
}

/// A page with more key points than this lays out only those near the view.
const LAY_OUT_EVERY_POINT_UP_TO: usize = 50;

/// The key points of a page, each a bullet and its text with terms marked. A page with many
/// (more than [`LAY_OUT_EVERY_POINT_UP_TO`]) lays out only the points within a screen of the
/// view, as `ScrollArea::show_rows` does, but for rows of different heights: each point's
/// height is remembered (under `id`, for this width and text size) from when it was last laid
/// out, and a point away from the view takes that much empty space. Every point is laid out on
/// the page's first frame, so the page's height and the scroll bar are right from the start. A
/// screen's margin above and below the view keeps the next term link laid out for Tab to reach.
fn key_points(ui: &mut Ui, id: egui::Id, points: &[&str], terms: &[Term]) {
    let lay_out = |ui: &mut Ui, text: &str| {
        ui.horizontal_top(|ui| {
            bullet(ui, text, terms);
            ui.vertical(|ui| marked_text(ui, text, terms));
        })
        .response
        .rect
        .height()
    };
    if points.len() <= LAY_OUT_EVERY_POINT_UP_TO {
        for text in points {
            lay_out(ui, text);
        }
        return;
    }
    let width = ui.available_width();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let fits = (width.to_bits(), body.to_bits(), points.len());
    let mut heights = ui
        .data(|d| d.get_temp::<((u32, u32, usize), Vec<f32>)>(id))
        .filter(|(kept, _)| *kept == fits)
        .map_or_else(|| vec![f32::NAN; points.len()], |(_, h)| h);
    let view = ui.clip_rect();
    let near = view.expand2(egui::vec2(0.0, view.height()));
    for (text, height) in points.iter().zip(heights.iter_mut()) {
        let top = ui.cursor().top();
        if height.is_finite() && (top + *height < near.top() || top > near.bottom()) {
            ui.allocate_space(egui::vec2(width, *height));
        } else {
            *height = lay_out(ui, text);
        }
    }
    ui.data_mut(|d| d.insert_temp(id, (fits, heights)));
}

/// A list bullet level with the first line of `text` as [`marked_text`] draws it: a line with
/// a term is a row of controls, as tall as a button, with its text centred in it.
fn bullet(ui: &mut Ui, text: &str, terms: &[Term]) {
    let has_term = crate::lesson::split_terms(text, terms)
        .iter()
        .any(|(_, t)| t.is_some());
    if !has_term {
        ui.label("\u{2022}");
        return;
    }
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(0.0, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_height(height);
            ui.label("\u{2022}");
        },
    );
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
