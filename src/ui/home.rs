//! The course map: every module with its state, "Continue where you left off", a quick quiz and
//! one quiz per module.

use egui::{Label, RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use chrono::{DateTime, FixedOffset, Utc};

use crate::lesson::Length;
use crate::progress::review;
use crate::progress::{NextStep, Progress};
use crate::quiz::{QuizSpec, Scope};

/// Questions in a quick quiz.
pub const QUICK_QUIZ: usize = 10;
/// Questions in a module quiz (fewer when the module has fewer).
pub const MODULE_QUIZ: usize = 10;

/// A module's state in the learner's words: the lesson, and the module quiz against the
/// course's mastery threshold (`module_pass_mark`).
#[must_use]
pub fn module_state(course: &Course, progress: &Progress, module: &str) -> String {
    let lesson = match progress.lessons.get(module) {
        // Paged through without the reading the final assessment asks for: the card says so,
        // or it would say "read" while the assessment says "read these lessons first".
        Some(l) if l.finished && l.read_at.is_none() && course.info.assessment.lessons_first => {
            "Lesson paged through too quickly to count for the final assessment"
        }
        Some(l) if l.finished => "Lesson read",
        Some(l) if !l.pages_read.is_empty() => "Lesson in progress",
        _ => "Not started",
    };
    match (progress.best_percent(module), progress.last_percent(module)) {
        (Some(best), Some(last)) => {
            let mark = course.info.assessment.module_pass_mark;
            let verdict = if best >= u32::from(mark) {
                "quiz passed".to_owned()
            } else {
                format!("quiz not passed yet (pass mark {mark}%)")
            };
            format!(
                "{lesson} \u{00b7} best score {best}% \u{00b7} last score {last}% \u{00b7} {verdict}"
            )
        }
        _ => lesson.to_owned(),
    }
}

/// What the "Continue" button on the course map says, and what it leads to, in words.
#[must_use]
pub fn next_step_labels(course: &Course, step: &NextStep) -> Option<(String, String)> {
    let title = |id: &str| {
        course
            .module(id)
            .map_or(id, |m| m.title.as_str())
            .to_owned()
    };
    let number = |id: &str| {
        course
            .modules
            .iter()
            .position(|m| m.id == id)
            .map_or(0, |i| i + 1)
    };
    Some(match step {
        NextStep::ResumeQuiz { title } => (
            "Continue where you left off".to_owned(),
            format!("Resume the quiz: {title}"),
        ),
        NextStep::ContinueLesson {
            module,
            page,
            last_place: true,
        } => (
            "Continue where you left off".to_owned(),
            format!("{}, page {}", title(module), page + 1),
        ),
        NextStep::ContinueLesson { module, page, .. } => (
            "Continue the next lesson".to_owned(),
            format!("{}. {}, page {}", number(module), title(module), page + 1),
        ),
        NextStep::StartLesson {
            module,
            first: true,
        } => (
            "Start the first lesson".to_owned(),
            format!("{}. {}", number(module), title(module)),
        ),
        NextStep::StartLesson { module, .. } => (
            "Start the next lesson".to_owned(),
            format!("{}. {}", number(module), title(module)),
        ),
        NextStep::Review { due } => (
            "Continue with your reviews".to_owned(),
            format!(
                "Every lesson is read; {} waiting for review",
                crate::plural::count(*due, "fact is", "facts are")
            ),
        ),
        NextStep::Assessment => (
            "Take the final assessment".to_owned(),
            "Every lesson is read and nothing is due for review".to_owned(),
        ),
        NextStep::Done => return None,
    })
}

/// What the course map shows.
#[derive(Debug, Clone, Copy)]
pub struct Map<'a> {
    /// The course.
    pub course: &'a Course,
    /// The learner's progress in it.
    pub progress: &'a Progress,
    /// The time now.
    pub now: DateTime<Utc>,
    /// The learner's time zone, for counting days.
    pub tz: FixedOffset,
    /// The courses on this computer.
    pub shelf: Shelf<'a>,
    /// The length of each module's lesson, in course order.
    pub lengths: &'a [Length],
    /// How to greet the learner.
    pub visit: Visit,
}

/// Which visit to the course this is, for the greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Just after the welcome screen: "Welcome".
    First,
    /// Any later one: "Welcome back".
    Again,
}

/// The courses on this computer, as the course map lists them.
#[derive(Debug, Clone, Copy)]
pub struct Shelf<'a> {
    /// Every course read so far, the shipped one first.
    pub entries: &'a [crate::data::courses::Entry],
    /// The key of the open course.
    pub current: &'a str,
    /// Whether the added courses are still being read.
    pub loading: bool,
}

/// Draws the course map.
pub fn ui(ui: &mut Ui, map: &Map<'_>) -> Option<Action> {
    let Map {
        course,
        progress,
        now,
        tz,
        shelf,
        lengths,
        visit,
    } = *map;
    let queue = review::queue(course, progress, now, tz);
    let mut action = None;
    widgets::page(ui, "home", |ui| {
        let p = theme::palette(ui.ctx());
        widgets::heading(ui, &course.info.title);
        if !progress.learner.name.is_empty() {
            let greeting = match visit {
                Visit::First => "Welcome",
                Visit::Again => "Welcome back",
            };
            ui.label(format!("{greeting}, {}.", progress.learner.name));
        }
        ui.add_space(theme::GAP_SMALL);
        let step = crate::progress::next_step(course, progress, now, tz);
        ui.horizontal_wrapped(|ui| match next_step_labels(course, &step) {
            Some((button, what)) => {
                if widgets::primary(ui, &button).clicked() {
                    action = Some(Action::Continue);
                }
                ui.label(RichText::new(what).color(p.muted));
            }
            None => {
                ui.label(
                    RichText::new(
                        "You have read every lesson and nothing is due for review. Come back \
                         later for your next reviews, or take a quick quiz.",
                    )
                    .color(p.muted),
                );
            }
        });
        ui.add_space(theme::GAP_SMALL);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let due = queue.len();
            let text = match due {
                0 if progress.memory.is_empty() => "No reviews yet".to_owned(),
                0 => "No reviews due. Come back later: reviews are spaced so that facts stick."
                    .to_owned(),
                n => format!("{} due", crate::plural::count(n, "review", "reviews")),
            };
            ui.add(Label::new(RichText::new(text).text_style(theme::title()).strong()).wrap());
            if due == 0 && progress.memory.is_empty() {
                ui.add(
                    Label::new(
                        RichText::new(
                            "Reviews start once you have read a lesson: the facts you meet come \
                             back here when it is time to recall them.",
                        )
                        .color(p.muted),
                    )
                    .wrap(),
                );
            }
            if !queue.new.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "including {} from the lessons you read",
                        crate::plural::count(queue.new.len(), "new fact", "new facts")
                    ))
                    .color(p.muted),
                );
            }
            ui.horizontal_wrapped(|ui| {
                if due > 0 && widgets::primary(ui, "Start review").clicked() {
                    action = Some(Action::StartReview);
                }
                if ui
                    .button("Quick quiz")
                    .on_hover_text("10 random questions from the whole course")
                    .clicked()
                {
                    action = Some(Action::StartQuiz {
                        spec: QuizSpec {
                            scope: Scope::Course,
                            count: QUICK_QUIZ,
                            generated: true,
                        },
                        title: "Quick quiz".into(),
                        module: None,
                    });
                }
                if !progress.memory.is_empty()
                    && ui
                        .button("Practise weak spots")
                        .on_hover_text("The facts you are most likely to have forgotten")
                        .clicked()
                {
                    action = Some(Action::PractiseWeakSpots);
                }
                if progress.unfinished.is_some() && ui.button("Resume unfinished quiz").clicked() {
                    action = Some(Action::ResumeQuiz);
                }
            });
        });
        ui.add_space(theme::GAP_SMALL);
        assessment_ui(ui, course, progress, (now, tz), &mut action);
        ui.add_space(theme::GAP);
        let done = course
            .modules
            .iter()
            .filter(|m| progress.lessons.get(&m.id).is_some_and(|l| l.finished))
            .count();
        ui.label(RichText::new("Modules").text_style(theme::title()).strong());
        let read = format!("Lessons read: {done} of {}", course.modules.len());
        widgets::labelled_bar(
            ui,
            &read,
            done as f32 / course.modules.len().max(1) as f32,
            &read,
        );
        ui.add_space(theme::GAP_SMALL);
        for (n, module) in course.modules.iter().enumerate() {
            theme::card(ui.ctx()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(
                    Label::new(
                        RichText::new(format!("{}. {}", n + 1, module.title))
                            .text_style(theme::title())
                            .strong(),
                    )
                    .wrap(),
                );
                ui.add(Label::new(module.summary.as_str()).wrap());
                let length = lengths.get(n).copied();
                if let Some(length) = length {
                    ui.label(RichText::new(length_words(length)).color(p.muted));
                }
                let state = module_state(course, progress, &module.id);
                ui.label(RichText::new(&state).color(p.muted));
                if let (Some(l), Some(length)) = (progress.lessons.get(&module.id), length) {
                    let pages = length.pages;
                    let read = l.pages_read.iter().filter(|&&p| p < pages).count();
                    widgets::labelled_bar(
                        ui,
                        &format!("Pages read: {read} of {pages}"),
                        read as f32 / pages.max(1) as f32,
                        &format!("{}: {read} of {pages} pages read", module.title),
                    );
                }
                mastery_ui(ui, module, progress, now);
                // This module's quiz, when it is the one left unfinished.
                let open_quiz = progress.unfinished.as_ref().filter(|u| {
                    !u.info.review
                        && !u.info.assessment
                        && u.info.module.as_deref() == Some(module.id.as_str())
                });
                if let Some(u) = open_quiz {
                    let answered = u
                        .slots
                        .iter()
                        .filter(|s| matches!(s, crate::quiz::Slot::Answered { .. }))
                        .count();
                    ui.add(
                        Label::new(
                            RichText::new(format!(
                                "Quiz not finished: {answered} of {} answered",
                                crate::plural::count(u.questions.len(), "question", "questions")
                            ))
                            .color(p.partly),
                        )
                        .wrap(),
                    );
                }
                ui.horizontal_wrapped(|ui| {
                    let lesson_label = match progress.lessons.get(&module.id) {
                        Some(l) if !l.finished && !l.pages_read.is_empty() => "Continue lesson",
                        Some(l) if l.finished => "Read again",
                        _ => "Start lesson",
                    };
                    let b = widgets::button_for(
                        ui,
                        lesson_label,
                        format!("{lesson_label}: {}", module.title),
                    );
                    if b.clicked() {
                        action = Some(Action::OpenLesson {
                            module: module.id.clone(),
                            page: if lesson_label == "Read again" {
                                Some(0)
                            } else {
                                None
                            },
                        });
                    }
                    if open_quiz.is_some() {
                        let r = widgets::button_for(
                            ui,
                            "Resume the quiz",
                            format!("Resume the unfinished quiz: {}", module.title),
                        );
                        if r.clicked() {
                            action = Some(Action::ResumeQuiz);
                        }
                        return;
                    }
                    let q = widgets::button_for(
                        ui,
                        "Take the quiz",
                        format!("Take the quiz: {}", module.title),
                    );
                    if q.clicked() {
                        action = Some(Action::StartQuiz {
                            spec: QuizSpec {
                                scope: Scope::Modules(vec![module.id.clone()]),
                                count: MODULE_QUIZ,
                                generated: true,
                            },
                            title: module.title.clone(),
                            module: Some(module.id.clone()),
                        });
                    }
                });
            });
            ui.add_space(theme::GAP_SMALL);
        }
        ui.add_space(theme::GAP);
        courses_ui(ui, &shelf, &mut action);
    });
    action
}

/// A lesson's length in words: "8 pages · about 6 minutes to read".
#[must_use]
pub fn length_words(length: Length) -> String {
    format!(
        "{} \u{00b7} about {} to read",
        crate::plural::count(length.pages, "page", "pages"),
        crate::plural::count(length.minutes, "minute", "minutes")
    )
}

/// The module's mastery as a labelled bar, with "Mastered" once 90% of its facts are.
pub fn mastery_ui(
    ui: &mut Ui,
    module: &crate::content::Module,
    progress: &Progress,
    now: DateTime<Utc>,
) {
    let m = review::mastery(module, progress, now);
    if m.seen == 0 {
        return;
    }
    let percent = (m.share() * 100.0).round();
    let label = if m.is_mastered() {
        format!("Mastered \u{2714} {percent}% of facts recalled on a later day")
    } else {
        format!(
            "Mastery {percent}%: {} of {} recalled on a later day",
            m.mastered,
            crate::plural::count(m.facts, "fact", "facts")
        )
    };
    widgets::labelled_bar(
        ui,
        &label,
        m.share() as f32,
        &format!("{}: {label}", module.title),
    );
}

/// The final assessment: what it is, where the learner stands, and the way in.
fn assessment_ui(
    ui: &mut Ui,
    course: &Course,
    progress: &Progress,
    (now, tz): (DateTime<Utc>, FixedOffset),
    action: &mut Option<Action>,
) {
    let p = theme::palette(ui.ctx());
    let a = &course.info.assessment;
    let status = crate::progress::assessment::status(course, progress, now);
    theme::card(ui.ctx()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new("Final assessment")
                .text_style(theme::title())
                .strong(),
        );
        let mut facts = vec![
            format!(
                "{} from the required modules",
                crate::plural::count(a.questions, "question", "questions")
            ),
            format!("pass mark {}%", a.pass_mark),
        ];
        if let Some(minutes) = a.time_limit_minutes {
            facts.push(format!("time limit {minutes} minutes"));
        }
        match a.attempts {
            Some(max) => facts.push(format!(
                "{} of {} used",
                status.attempts_used,
                crate::plural::count(max as usize, "attempt", "attempts")
            )),
            None if status.attempts_used > 0 => {
                facts.push(format!(
                    "{} so far",
                    crate::plural::count(status.attempts_used as usize, "attempt", "attempts")
                ));
            }
            None => {}
        }
        ui.add(Label::new(facts.join(" \u{00b7} ")).wrap());
        if let Some(best) = status.passed {
            ui.label(
                RichText::new(format!("\u{2714} Passed with {}%", best.percent())).color(p.right),
            );
            for (paper, label) in [
                (crate::documents::Paper::A4, "A4"),
                (crate::documents::Paper::Letter, "US Letter"),
            ] {
                let b = ui.button(format!("Save my certificate ({label})\u{2026}"));
                let a11y = format!("Save my certificate ({label})");
                b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &a11y));
                if b.clicked() {
                    *action = Some(Action::Save {
                        document: super::Document::Certificate {
                            attempt: best.info.id,
                            paper,
                            name: None,
                        },
                        target: super::SaveTarget::Dialog,
                    });
                }
            }
        } else if status.attempts_used > 0 {
            ui.label(RichText::new("Not passed yet").color(p.partly));
        }
        if status.in_progress {
            ui.label(
                RichText::new("You have started the assessment: it stays open until you hand it in or its time runs out.")
                    .color(p.partly),
            );
            if widgets::primary(ui, "Resume the final assessment").clicked() {
                *action = Some(Action::StartAssessment);
            }
            return;
        }
        let blocked = status.blocked(course, tz);
        if let Some(reason) = &blocked {
            ui.add(Label::new(RichText::new(reason).color(p.muted)).wrap());
        }
        if ui
            .add_enabled(
                blocked.is_none(),
                egui::Button::new("Start the final assessment\u{2026}"),
            )
            .clicked()
        {
            *action = Some(Action::OpenAssessment);
        }
    });
}

/// The courses on this computer, with a way to open each and to add more.
fn courses_ui(ui: &mut Ui, shelf: &Shelf<'_>, action: &mut Option<Action>) {
    let p = theme::palette(ui.ctx());
    let current = shelf.current;
    widgets::titled_card(ui, "Courses on this computer", |ui| {
        for entry in shelf.entries {
            ui.horizontal_wrapped(|ui| {
                let title = entry.title();
                ui.label(RichText::new(&title).strong());
                if let Some(c) = &entry.course {
                    ui.label(
                        RichText::new(format!(
                            "{}, {}",
                            crate::plural::count(c.modules.len(), "module", "modules"),
                            crate::plural::count(c.questions().count(), "question", "questions")
                        ))
                        .color(p.muted),
                    );
                }
                if entry.key == current {
                    ui.label(RichText::new("(open now)").color(p.muted));
                } else if entry.course.is_some() {
                    let b = ui.button("Open");
                    let a11y = format!("Open the course {title}");
                    b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &a11y));
                    if b.clicked() {
                        *action = Some(Action::OpenCourse {
                            key: entry.key.clone(),
                        });
                    }
                }
            });
            let errors: Vec<&crate::content::Problem> =
                entry.problems.iter().filter(|pr| pr.is_error()).collect();
            if !errors.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "{}:",
                        crate::plural::count(errors.len(), "problem", "problems")
                    ))
                    .color(p.wrong),
                );
                for pr in errors.iter().take(5) {
                    let place = if pr.line == 0 {
                        pr.file_name()
                    } else {
                        format!("{}, line {}", pr.file_name(), pr.line)
                    };
                    ui.add(
                        Label::new(RichText::new(format!("{place}: {}", pr.message)).small())
                            .wrap(),
                    );
                }
            }
        }
        if shelf.loading {
            ui.horizontal(|ui| {
                ui.spinner();
                widgets::muted(ui, "Loading the courses added to this computer\u{2026}");
            });
        }
        widgets::muted(
            ui,
            "Add a course folder in Beacon's format, or a GIFT file of questions from Moodle. It is copied into the data folder; each course keeps its own progress.",
        );
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add a course folder\u{2026}").clicked() {
                *action = Some(Action::AddCourse { folder: true });
            }
            if ui.button("Add a GIFT file\u{2026}").clicked() {
                *action = Some(Action::AddCourse { folder: false });
            }
        });
    });
}
