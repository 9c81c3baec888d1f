//! Before the final assessment: what it is (questions, time, pass mark, attempts left, the
//! cool-down), that answers are revealed only when it is handed in, and a button that starts
//! it. Nothing starts by accident.

use chrono::{DateTime, FixedOffset, Utc};
use egui::{Label, RichText, Ui};

use super::{Action, theme, widgets};
use crate::content::Course;
use crate::progress::Progress;
use crate::progress::assessment;

/// The instructions, one line each, as the screen shows them.
#[must_use]
pub fn instructions(course: &Course, progress: &Progress, now: DateTime<Utc>) -> Vec<String> {
    let rules = &course.info.assessment;
    let status = assessment::status(course, progress, now);
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut lines = vec![format!(
        "{} from the required modules.",
        plural(
            u32::try_from(rules.questions).unwrap_or(u32::MAX),
            "question",
            "questions"
        )
    )];
    lines.push(match rules.time_limit_minutes {
        Some(m) => format!(
            "{} in all. The time runs from the start, also if you leave or close Beacon; when it runs out, your answers are handed in as they stand.",
            plural(m, "minute", "minutes")
        ),
        None => "No time limit. If you leave, the assessment stays open until you hand it in.".to_owned(),
    });
    lines.push(format!(
        "The pass mark is {}%. Partly right answers count in part.",
        rules.pass_mark
    ));
    lines.push(match status.attempts_left {
        Some(left) => format!(
            "This will use 1 of your {} left.",
            plural(left, "attempt", "attempts")
        ),
        None => "You may take it as often as you need.".to_owned(),
    });
    if rules.cooldown_hours > 0 {
        lines.push(format!(
            "After an attempt, the next one opens {} later.",
            plural(rules.cooldown_hours, "hour", "hours")
        ));
    }
    lines.push(
        "You will not see whether an answer is right until you hand in the whole assessment: then every question is shown with the right answer and its explanation.".to_owned(),
    );
    lines.push("You can skip a question; a skipped question scores nothing.".to_owned());
    lines
}

/// Draws the instructions with "Start the assessment" and "Not now".
pub fn ui(
    ui: &mut Ui,
    course: &Course,
    progress: &Progress,
    now: DateTime<Utc>,
    tz: FixedOffset,
) -> Option<Action> {
    let mut action = None;
    let status = assessment::status(course, progress, now);
    let blocked = status.blocked(course, tz);
    widgets::page(ui, "assessment", |ui| {
        let p = theme::palette(ui.ctx());
        ui.label(RichText::new(&course.info.title).color(p.muted));
        widgets::heading(ui, "Final assessment");
        widgets::paragraph(ui, "Before you start:");
        ui.add_space(theme::GAP_SMALL);
        for line in instructions(course, progress, now) {
            ui.add(Label::new(format!("\u{2022} {line}")).wrap());
        }
        ui.add_space(theme::GAP);
        if let Some(reason) = &blocked {
            ui.add(Label::new(RichText::new(reason).color(p.wrong)).wrap());
            ui.add_space(theme::GAP_SMALL);
        }
        ui.horizontal_wrapped(|ui| {
            let start = ui.add_enabled(
                blocked.is_none(),
                egui::Button::new(
                    RichText::new("Start the assessment")
                        .color(p.on_accent)
                        .strong(),
                )
                .fill(p.accent),
            );
            if start.clicked() {
                action = Some(Action::StartAssessment);
            }
            if ui.button("Not now").clicked() {
                action = Some(Action::Go(super::Nav::Home));
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
