//! The course map: every module with its state, "Continue where you left off", a quick quiz and
//! one quiz per module.

use egui::{Label, RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::lesson;
use chrono::{DateTime, FixedOffset, Utc};

use crate::progress::review;
use crate::progress::{Place, Progress};
use crate::quiz::{QuizSpec, Scope};

/// Questions in a quick quiz.
pub const QUICK_QUIZ: usize = 10;
/// Questions in a module quiz (fewer when the module has fewer).
pub const MODULE_QUIZ: usize = 10;

/// A module's state in the learner's words.
#[must_use]
pub fn module_state(progress: &Progress, module: &str) -> String {
    let lesson = match progress.lessons.get(module) {
        Some(l) if l.finished => "Lesson read",
        Some(l) if !l.pages_read.is_empty() => "Lesson in progress",
        _ => "Not started",
    };
    match (progress.best_percent(module), progress.last_percent(module)) {
        (Some(best), Some(last)) => {
            format!("{lesson} \u{00b7} best score {best}% \u{00b7} last score {last}%")
        }
        _ => lesson.to_owned(),
    }
}

/// What "Continue where you left off" would open, in words.
#[must_use]
pub fn continue_label(course: &Course, progress: &Progress) -> Option<String> {
    match progress.last_place.as_ref()? {
        Place::Quiz => progress
            .unfinished
            .as_ref()
            .map(|u| format!("Resume the quiz: {}", u.info.title)),
        Place::Lesson { module, page } => course
            .module(module)
            .map(|m| format!("Continue {}, page {}", m.title, page + 1)),
    }
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
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
    shelf: &Shelf<'_>,
) -> Option<Action> {
    let queue = review::queue(course, progress, now, tz);
    let mut action = None;
    widgets::page(ui, "home", |ui| {
        widgets::heading(ui, &course.info.title);
        if !progress.learner.name.is_empty() {
            ui.label(format!("Welcome back, {}.", progress.learner.name));
        }
        ui.add_space(theme::GAP_SMALL);
        ui.horizontal_wrapped(|ui| {
            if let Some(label) = continue_label(course, progress) {
                if widgets::primary(ui, "Continue where you left off").clicked() {
                    action = Some(Action::Continue);
                }
                ui.label(RichText::new(label).color(theme::palette(ui.ctx()).muted));
            } else if let Some(first) = course.modules.first()
                && widgets::primary(ui, "Start the first lesson").clicked()
            {
                action = Some(Action::OpenLesson {
                    module: first.id.clone(),
                    page: Some(0),
                });
            }
        });
        ui.add_space(theme::GAP_SMALL);
        theme::card(ui.ctx()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let due = queue.len();
            let text = match due {
                0 => "No reviews due. Come back later: reviews are spaced so that facts stick."
                    .to_owned(),
                1 => "1 review due".to_owned(),
                n => format!("{n} reviews due"),
            };
            ui.label(RichText::new(text).text_style(theme::title()).strong());
            if !queue.new.is_empty() {
                ui.label(
                    RichText::new(format!("including {} new facts for today", queue.new.len()))
                        .color(theme::palette(ui.ctx()).muted),
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
        assessment_ui(ui, course, progress, &mut action);
        ui.add_space(theme::GAP);
        let done = course
            .modules
            .iter()
            .filter(|m| progress.lessons.get(&m.id).is_some_and(|l| l.finished))
            .count();
        ui.label(
            RichText::new(format!(
                "Modules ({done} of {} lessons read)",
                course.modules.len()
            ))
            .strong(),
        );
        widgets::bar(
            ui,
            done as f32 / course.modules.len().max(1) as f32,
            &format!("{done} of {} lessons read", course.modules.len()),
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
                let state = module_state(progress, &module.id);
                ui.label(RichText::new(&state).color(theme::palette(ui.ctx()).muted));
                mastery_ui(ui, module, progress, now);
                if let Some(l) = progress.lessons.get(&module.id) {
                    let pages = lesson::lesson(course, module).pages.len();
                    let read = l.pages_read.len().min(pages);
                    widgets::bar(
                        ui,
                        read as f32 / pages.max(1) as f32,
                        &format!("{}: {read} of {pages} pages read", module.title),
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
        courses_ui(ui, shelf, &mut action);
    });
    action
}

/// The module's mastery as a bar, with "Mastered" once 90% of its facts are remembered.
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
    let p = theme::palette(ui.ctx());
    let percent = (m.share() * 100.0).round();
    let label = if m.is_mastered() {
        format!("Mastered \u{2714} {percent}% of facts remembered")
    } else {
        format!(
            "Mastery {percent}% ({} of {} facts remembered well)",
            m.mastered, m.facts
        )
    };
    ui.label(RichText::new(&label).color(if m.is_mastered() { p.right } else { p.muted }));
    widgets::bar(ui, m.share() as f32, &format!("{}: {label}", module.title));
}

/// The final assessment: what it is, where the learner stands, and the way in.
fn assessment_ui(ui: &mut Ui, course: &Course, progress: &Progress, action: &mut Option<Action>) {
    let p = theme::palette(ui.ctx());
    let a = &course.info.assessment;
    let status = crate::progress::assessment::status(course, progress);
    theme::card(ui.ctx()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new("Final assessment")
                .text_style(theme::title())
                .strong(),
        );
        let mut facts = vec![
            format!("{} questions from the required modules", a.questions),
            format!("pass mark {}%", a.pass_mark),
        ];
        if let Some(minutes) = a.time_limit_minutes {
            facts.push(format!("time limit {minutes} minutes"));
        }
        match a.attempts {
            Some(max) => facts.push(format!("{} of {max} attempts used", status.attempts_used)),
            None if status.attempts_used > 0 => {
                facts.push(format!("{} attempts so far", status.attempts_used));
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
                        },
                        target: super::SaveTarget::Dialog,
                    });
                }
            }
        } else if status.attempts_used > 0 {
            ui.label(RichText::new("Not passed yet").color(p.partly));
        }
        let blocked = status.blocked(course);
        if let Some(reason) = &blocked {
            ui.add(Label::new(RichText::new(reason).color(p.muted)).wrap());
        }
        if ui
            .add_enabled(
                blocked.is_none(),
                egui::Button::new("Start the final assessment"),
            )
            .clicked()
        {
            *action = Some(Action::StartAssessment);
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
                            "{} modules, {} questions",
                            c.modules.len(),
                            c.questions().count()
                        ))
                        .color(p.muted),
                    );
                }
                if entry.key == current {
                    ui.label(RichText::new("open now").color(p.right));
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
                ui.label(RichText::new(format!("{} problems:", errors.len())).color(p.wrong));
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
